/* The bisection with noisy verdicts (struct demo_noise in demo.h): what
 * syzbot would have done with a flaky reproducer, crashes of other bugs,
 * build errors and a reproducer blind on old kernels, on the demo history
 * whose true culprit is known. bench/posterior-sim.sh measures the
 * posterior (doc/model.md §9) on such logs.
 *
 * Every run is drawn. A step is bad when at least one run crashed, of any
 * title: syzbot's rule before mid-2024 (doc/log-format.md §3.2), which the
 * demo's era (2022-09 .. 2023-02) had. The release phase stops at the first
 * release tested clean, as syzbot's did, right or not; git's next commit
 * comes from the verdicts given (bisect_algo.h), so the bisection may end
 * on a wrong commit, and the log names it. The log shows what the runs
 * were: another bug's title in the run lines of a false "bad". */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_internal.h"
#include "i18n.h"
#include "tree/range.h"
#include "tree/tree_git.h"

#define ORIGINAL_RUNS 20
#define STEP_RUNS 10
/* syzbot bisects only a crash it reproduced on the original commit: the
 * original's runs are drawn again until one crashed (a reproducer rate of
 * 0.15 misses all 20 runs 4% of the time) */
#define ORIGINAL_TRIES 1000

struct noisy {
	void *ctx;
	struct tree *t;
	const struct demo_plan *plan;
	const struct demo_noise *noise;
	struct demo_rng rng;
	bool blind;
	git_oid enabler;            /* what the reproducer needs, when blind */
	/* the whole history, and where the reproducer can fire in it: a
	 * libgit2 ancestry question per step walked the history each time */
	const struct dag *history;
	uint8_t *fires;
};

int demo_noise_check(const struct demo_options *opt, const struct demo_noise *n,
		     const char **err)
{
	if (!n->on)
		return 0;
	if (opt->kind != DEMO_CAUSE) {
		*err = _("noisy verdicts are simulated for cause bisections only");
		return -1;
	}
	if (!(n->repro > 0 && n->repro <= 1)) {
		*err = _("the reproducer rate must be above 0 and at most 1");
		return -1;
	}
	if (!(n->false_bad >= 0 && n->false_bad < 1) || !(n->skip >= 0 && n->skip < 1)) {
		*err = _("the false-bad and skip rates must be at least 0 and below 1");
		return -1;
	}
	if (n->blind_release > opt->releases + 1) {
		*err = _("the blind release must be 0 .. releases + 1");
		return -1;
	}
	return 0;
}

/* true with probability p: 53 random bits as a number in [0, 1) */
static bool draw(struct demo_rng *r, double p)
{
	return (double)(demo_rand(r) >> 11) / 9007199254740992.0 < p;
}

/* Add bit to the marks of from and everything that descends from it. */
static int mark_descendants(void *ctx, const struct dag *d, uint32_t from, uint8_t bit,
			    uint8_t *marks)
{
	uint32_t *n_children = talloc_zero_array(ctx, uint32_t, d->n + 1);
	uint32_t *child_start = talloc_zero_array(ctx, uint32_t, d->n + 1);
	uint32_t *child = talloc_array(ctx, uint32_t, d->parent_start[d->n] + 1);
	uint32_t *stack = talloc_array(ctx, uint32_t, d->n + 1), top = 0;

	if (!n_children || !child_start || !child || !stack || from == DAG_NONE)
		return -1;
	for (uint32_t e = 0; e < d->parent_start[d->n]; e++)
		if (d->parent[e] != DAG_NONE)
			n_children[d->parent[e]]++;
	for (uint32_t i = 0; i < d->n; i++)
		child_start[i + 1] = child_start[i] + n_children[i];
	memset(n_children, 0, sizeof(*n_children) * d->n);
	for (uint32_t c = 0; c < d->n; c++)
		for (uint32_t e = d->parent_start[c]; e < d->parent_start[c + 1]; e++)
			if (d->parent[e] != DAG_NONE) {
				uint32_t p = d->parent[e];

				child[child_start[p] + n_children[p]++] = c;
			}
	marks[from] |= bit;
	stack[top++] = from;
	while (top) {
		uint32_t p = stack[--top];

		for (uint32_t k = child_start[p]; k < child_start[p] + n_children[p]; k++)
			if (!(marks[child[k]] & bit)) {
				marks[child[k]] |= bit;
				stack[top++] = child[k];
			}
	}
	return 0;
}

#define HOLDS_BUG 1
#define HAS_ENABLER 2

static int mark_history(struct noisy *n, const char **err)
{
	n->history = n->plan->history ? n->plan->history :
			     range_walk(n->t, n->ctx, &n->plan->head, NULL, 0, err);
	if (!n->history)
		return -1;
	n->fires = talloc_zero_array(n->ctx, uint8_t, n->history->n + 1);
	if (!n->fires ||
	    mark_descendants(n->ctx, n->history, dag_find(n->history, n->plan->culprit.id),
			     HOLDS_BUG, n->fires) < 0 ||
	    (n->blind && mark_descendants(n->ctx, n->history, dag_find(n->history, n->enabler.id),
					  HAS_ENABLER, n->fires) < 0)) {
		*err = _("the demo's history could not be marked");
		return -1;
	}
	return 0;
}

static bool marked(const struct noisy *n, const git_oid *commit, uint8_t want)
{
	uint32_t i = dag_find(n->history, commit->id);

	return i != DAG_NONE && (n->fires[i] & want) == want;
}

static bool can_fire(const struct noisy *n, const git_oid *commit)
{
	return marked(n, commit, n->blind ? HOLDS_BUG | HAS_ENABLER : HOLDS_BUG);
}

/* The runs of one test; whether any crashed. A run fires the bug when it
 * can, else may crash on another bug (when others is set). */
static bool draw_runs(struct noisy *n, struct demo_step *s, unsigned runs, bool fire, bool others)
{
	static const enum demo_run other[] = { DR_OTHER_NET, DR_OTHER_FS, DR_OTHER_DRM };
	bool crashed = false;

	s->n_runs = runs;
	for (unsigned i = 0; i < runs; i++) {
		if (fire && draw(&n->rng, n->noise->repro))
			s->runs[i] = DR_CRASH;
		else if (others && draw(&n->rng, n->noise->false_bad))
			s->runs[i] = other[demo_below(&n->rng, 3)];
		else
			s->runs[i] = DR_OK;
		crashed = crashed || s->runs[i] != DR_OK;
	}
	return crashed;
}

/* The enabler: the last commit of a topic merged a third of the way
 * into v1.K's cycle (K = blind_release; the merge window comes first):
 * the merge's second parent. */
static int find_enabler(struct noisy *n, const char **err)
{
	const struct demo_plan *plan = n->plan;
	unsigned k = n->noise->blind_release;
	const git_oid *top = k < plan->n_releases ? &plan->releases[k].commit : &plan->head;
	git_oid *tips = NULL, oid;
	size_t n_tips = 0;
	git_revwalk *w = NULL;
	int rc = -1;

	if (git_revwalk_new(&w, tree_git_repository(n->t)) < 0 || git_revwalk_push(w, top) < 0 ||
	    git_revwalk_hide(w, &plan->releases[k - 1].commit) < 0)
		goto out;
	git_revwalk_simplify_first_parent(w);
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	while (git_revwalk_next(&oid, w) == 0) {
		git_commit *c;

		if (git_commit_lookup(&c, tree_git_repository(n->t), &oid) < 0)
			goto out;
		if (git_commit_parentcount(c) > 1) {
			tips = talloc_realloc(n->ctx, tips, git_oid, n_tips + 1);
			git_oid_cpy(&tips[n_tips++], git_commit_parent_id(c, 1));
		}
		git_commit_free(c);
	}
	if (n_tips) {
		git_oid_cpy(&n->enabler, &tips[n_tips / 3]);
		n->blind = true;
		rc = 0;
	}
out:
	git_revwalk_free(w);
	talloc_free(tips);
	if (rc < 0)
		*err = _("the demo's blind release has no merge to need");
	return rc;
}

/* The original commit, then releases back to the first one tested clean.
 * 1 when every release crashed. */
static int range_ends(struct noisy *n, struct demo_sim *sim, const char **err)
{
	const struct demo_plan *plan = n->plan;
	struct demo_step *s = demo_add_step(n->ctx, sim, DP_ORIGINAL, &plan->start);
	unsigned tries = 0;

	if (!can_fire(n, &plan->start)) {
		*err = _("the reproducer cannot fire on the demo's start commit");
		return -1;
	}
	while (!draw_runs(n, s, ORIGINAL_RUNS, true, false))
		if (++tries == ORIGINAL_TRIES) {
			s->runs[0] = DR_CRASH;
			break;
		}
	git_oid_cpy(&sim->bisect_bad, &plan->start);
	for (size_t i = plan->n_releases; i > 0; i--) {
		const struct demo_release *rel = &plan->releases[i - 1];

		if (git_oid_equal(&rel->commit, &plan->start))
			continue;
		s = demo_add_step(n->ctx, sim, DP_RELEASE, &rel->commit);
		s->label = rel->tag;
		if (!draw_runs(n, s, STEP_RUNS, can_fire(n, &rel->commit), true)) {
			git_oid_cpy(&sim->bisect_good, &rel->commit);
			sim->has_bisect = true;
			return 0;
		}
		git_oid_cpy(&sim->bisect_bad, &rel->commit);
	}
	return 1;
}

struct tried {
	uint32_t distance;
	const uint8_t *oid;
};

/* git's best_bisection_sorted(): farthest from both ends first, ties by id */
static int by_distance(const void *a, const void *b)
{
	const struct tried *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance > y->distance ? -1 : 1;
	return memcmp(x->oid, y->oid, DAG_OID_LEN);
}

/* git gave up: "only 'skip'ped commits left", then the skipped candidates
 * in the order git sorted them (their distance: the fewer of the
 * candidates they reach and the rest), then the bad commit. */
static int inconclusive(struct noisy *n, const struct dag *d, const struct bisect_query *q,
			struct demo_sim *sim)
{
	uint8_t *in = talloc_zero_array(n->ctx, uint8_t, d->n);
	struct tried *t = talloc_array(n->ctx, struct tried, q->n_skips + 1);
	uint32_t all = in ? bisect_candidates(d, q, in) : 0;
	size_t n_tried = 0;

	if (!t || all == 0)
		return -1;
	for (size_t k = 0; k < q->n_skips; k++) {
		uint32_t c = q->skips[k], w = 0;

		if (c == DAG_NONE || !in[c])
			continue;
		for (uint32_t x = 0; x < d->n; x++)
			w += in[x] && dag_reaches(d, c, x);
		t[n_tried++] = (struct tried){ all - w < w ? all - w : w, d->oid[c] };
	}
	qsort(t, n_tried, sizeof(*t), by_distance);
	sim->inconclusive = true;
	sim->candidates = talloc_array(n->ctx, git_oid, n_tried + 1);
	for (size_t k = 0; k < n_tried; k++)
		memcpy(sim->candidates[sim->n_candidates++].id, t[k].oid, DAG_OID_LEN);
	memcpy(sim->candidates[sim->n_candidates++].id, d->oid[q->bad], DAG_OID_LEN);
	return 0;
}

/* git bisect, told the drawn verdicts, to its end. */
static int replay(struct noisy *n, const struct dag *d, uint32_t bad, struct demo_sim *sim,
		  const char **err)
{
	uint32_t *goods = talloc_array(n->ctx, uint32_t, d->n + 1);
	uint32_t *skips = talloc_array(n->ctx, uint32_t, d->n + 1);
	struct bisect_query q = { bad, goods, 0, skips, 0, false };
	struct bisect_answer a;

	if (bisect_next(d, &q, &a) < 0)
		goto fail;
	demo_answer(&sim->start, d, &a);
	while (!a.found) {
		struct demo_step *s;
		uint32_t c = a.choice;
		git_oid oid;

		if (a.only_skipped) {
			if (inconclusive(n, d, &q, sim) < 0)
				goto fail;
			return 0;
		}
		if (c == DAG_NONE)
			goto fail;
		memcpy(oid.id, d->oid[c], DAG_OID_LEN);
		s = demo_add_step(n->ctx, sim, DP_BISECT, &oid);
		sim->bisect_steps++;
		if (draw(&n->rng, n->noise->skip)) {
			s->build_error = true;
			s->verdict = DV_SKIP;
			skips[q.n_skips++] = c;
			sim->skips++;
		} else if (draw_runs(n, s, STEP_RUNS, can_fire(n, &oid), true)) {
			s->verdict = DV_BAD;
			q.bad = c;
		} else {
			s->verdict = DV_GOOD;
			goods[q.n_goods++] = c;
		}
		if (bisect_next(d, &q, &a) < 0)
			goto fail;
		demo_answer(s, d, &a);
	}
	memcpy(sim->result.id, d->oid[q.bad], DAG_OID_LEN);
	return 0;
fail:
	*err = _("the simulated bisection went astray");
	return -1;
}

int demo_bisect_noisy(void *ctx, struct tree *t, const struct demo_plan *plan,
		      struct demo_sim *sim, const char **err)
{
	struct noisy n = { ctx, t, plan, &plan->noise, { 0 }, false, { { 0 } }, NULL, NULL };
	struct dag *d;
	uint32_t bad;
	int rc;

	memset(sim, 0, sizeof(*sim));
	/* the repository's seed and the noise's: many logs on one history */
	n.rng.state = plan->seed ^ 0x6e6f697379ULL ^ (plan->noise.seed * 0x9e3779b97f4a7c15ULL);
	if ((plan->noise.blind_release && find_enabler(&n, err) < 0) || mark_history(&n, err) < 0)
		return -1;
	rc = range_ends(&n, sim, err);
	if (rc != 0) {
		if (rc > 0)
			*err = _("every release crashed: no git bisect to simulate");
		return rc;
	}
	d = demo_range(ctx, t, plan, sim, &bad, err);
	if (!d || replay(&n, d, bad, sim, err) < 0)
		return -1;
	if (sim->inconclusive)
		return 0;  /* no culprit: no report, no parent to build */
	/* the report shows the bug: at the result when it holds the bug,
	 * else at the true culprit (a false "bad" ended the bisection) */
	git_oid_cpy(&sim->report_at, marked(&n, &sim->result, HOLDS_BUG) ? &sim->result : &plan->culprit);
	return demo_parent_step(ctx, t, sim, err);
}
