/* The simulated bisection: what syzbot would have tested on the demo
 * history and what git would have answered. A commit "crashes" when the
 * culprit is one of its ancestors (and, for a fix bisection, the fix is
 * not). git's answers come from bisect_algo.h on the range walked from
 * the repository, so every "Bisecting:" line and every next commit is the
 * one git itself would print. Flaky runs are laid over the steps without
 * changing a single verdict: the story stays consistent with git.
 * Noisy verdicts, which may mislead git, are demo_noise.c's. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "bisect/bisect_algo.h"
#include "demo/demo_internal.h"
#include "i18n.h"
#include "tree/range.h"
#include "tree/tree_git.h"

/* The step syzbot skips for a build error: the third one, or a later one
 * when skipping it would leave git with only skipped candidates. */
#define FIRST_SKIP 2
#define SKIP_TRIES 8

bool demo_reaches(struct tree *t, const git_oid *commit, const git_oid *ancestor)
{
	return git_oid_equal(commit, ancestor) ||
	       git_graph_descendant_of(tree_git_repository(t), commit, ancestor) == 1;
}

static bool crashes(struct tree *t, const struct demo_plan *plan, const git_oid *commit)
{
	if (!demo_reaches(t, commit, &plan->culprit))
		return false;
	return plan->kind == DEMO_CAUSE || !demo_reaches(t, commit, &plan->fix);
}

struct demo_step *demo_add_step(void *ctx, struct demo_sim *sim, enum demo_phase phase,
				const git_oid *commit)
{
	struct demo_step *s;

	sim->steps = talloc_realloc(ctx, sim->steps, struct demo_step, sim->n_steps + 1);
	s = &sim->steps[sim->n_steps++];
	memset(s, 0, sizeof(*s));
	s->phase = phase;
	git_oid_cpy(&s->commit, commit);
	return s;
}

void demo_all_runs(struct demo_step *s, unsigned n, enum demo_run run)
{
	s->n_runs = n;
	for (unsigned i = 0; i < n; i++)
		s->runs[i] = run;
}

void demo_answer(struct demo_step *s, const struct dag *d, const struct bisect_answer *a)
{
	s->revisions_left = a->revisions_left;
	s->steps_left = a->steps_left;
	s->found = a->found;
	s->only_skipped = a->only_skipped;
	if (a->choice != DAG_NONE)
		memcpy(s->next.id, d->oid[a->choice], DAG_OID_LEN);
}

/* One bisection, skipping the step numbered skip_at (-1: none). Returns
 * 1 when git names the expected commit, 0 when it does not, -1 on error. */
static int replay(void *ctx, struct tree *t, const struct demo_plan *plan, const struct dag *d,
		  uint32_t bad, int skip_at, struct demo_sim *sim, size_t first_step)
{
	const git_oid *expected = plan->kind == DEMO_FIX ? &plan->fix : &plan->culprit;
	uint32_t *goods = talloc_array(ctx, uint32_t, d->n + 1);
	uint32_t *skips = talloc_array(ctx, uint32_t, d->n + 1);
	struct bisect_query q = { bad, goods, 0, skips, 0, false };
	struct bisect_answer a;
	int step = 0;

	sim->n_steps = first_step;
	sim->bisect_steps = sim->skips = 0;
	if (bisect_next(d, &q, &a) < 0)
		return -1;
	demo_answer(&sim->start, d, &a);
	while (!a.found) {
		struct demo_step *s;
		uint32_t c = a.choice;
		git_oid oid;
		bool crash;

		if (c == DAG_NONE || a.only_skipped)
			return 0;
		memcpy(oid.id, d->oid[c], DAG_OID_LEN);
		s = demo_add_step(ctx, sim, DP_BISECT, &oid);
		crash = crashes(t, plan, &s->commit);
		sim->bisect_steps++;
		/* never the culprit itself: git could not name it then */
		if (step == skip_at && git_oid_equal(&s->commit, expected))
			skip_at++;
		if (step++ == skip_at) {
			s->build_error = true;
			s->verdict = DV_SKIP;
			skips[q.n_skips++] = c;
			sim->skips++;
		} else if (crash == (plan->kind == DEMO_CAUSE)) {
			/* cause: a crash is bad; fix: no crash is "bad" (fixed) */
			s->verdict = DV_BAD;
			q.bad = c;
		} else {
			s->verdict = DV_GOOD;
			goods[q.n_goods++] = c;
		}
		demo_all_runs(s, 10, crash ? DR_CRASH : DR_OK);
		if (bisect_next(d, &q, &a) < 0)
			return -1;
		demo_answer(s, d, &a);
	}
	memcpy(sim->result.id, d->oid[q.bad], DAG_OID_LEN);
	return git_oid_equal(&sim->result, expected);
}

/* The suspicious runs of a flaky reproducer, over verdicts already made:
 * the first crashing step rests on one crash out of ten (and syzbot then
 * says the reproducer is flaky and runs 20 VMs), the second crashes with
 * another title, the first clean one loses two VMs at boot. */
static void make_flaky(struct demo_sim *sim, size_t first, struct demo_rng *r)
{
	unsigned crashing = 0, clean = 0;
	bool flaky = false;

	for (size_t i = first; i < sim->n_steps; i++) {
		struct demo_step *s = &sim->steps[i];
		unsigned n = flaky ? 20 : 10;

		if (s->build_error || s->phase != DP_BISECT)
			continue;
		if (s->runs[0] == DR_CRASH) {
			if (crashing == 0) {
				demo_all_runs(s, n, DR_OK);
				s->runs[0] = DR_CRASH;
				s->flaky_line = flaky = true;
			} else if (crashing == 1) {
				demo_all_runs(s, n, DR_OK);
				for (unsigned k = 0; k < 6; k++)
					s->runs[k] = DR_DRIFT;
			} else {
				unsigned hits = n - demo_below(r, n / 2);

				demo_all_runs(s, n, DR_OK);
				for (unsigned k = 0; k < hits; k++)
					s->runs[k] = DR_CRASH;
			}
			crashing++;
		} else {
			demo_all_runs(s, n, DR_OK);
			if (clean++ == 0) {
				s->runs[n - 2] = DR_BOOT;
				s->runs[n - 1] = DR_BOOT;
			}
		}
	}
}

static bool tested(const struct demo_sim *sim, const git_oid *commit)
{
	for (size_t i = 0; i < sim->n_steps; i++)
		if (!sim->steps[i].build_error && git_oid_equal(&sim->steps[i].commit, commit))
			return true;
	return false;
}

/* Before git bisect: the original commit, then releases back to the
 * first good one (cause), or the branch head (fix). */
static void range_ends(void *ctx, struct tree *t, const struct demo_plan *plan,
		       struct demo_sim *sim)
{
	struct demo_step *s = demo_add_step(ctx, sim, DP_ORIGINAL, &plan->start);

	demo_all_runs(s, 20, DR_CRASH);
	if (plan->kind == DEMO_FIX) {
		s = demo_add_step(ctx, sim, DP_HEAD, &plan->head);
		demo_all_runs(s, 10, DR_OK);
		git_oid_cpy(&sim->bisect_bad, &plan->head);
		git_oid_cpy(&sim->bisect_good, &plan->start);
		return;
	}
	git_oid_cpy(&sim->bisect_bad, &plan->start);
	for (size_t i = plan->n_releases; i > 0; i--) {
		const struct demo_release *rel = &plan->releases[i - 1];
		bool crash = crashes(t, plan, &rel->commit);

		if (git_oid_equal(&rel->commit, &plan->start))
			continue;
		s = demo_add_step(ctx, sim, DP_RELEASE, &rel->commit);
		s->label = rel->tag;
		demo_all_runs(s, 10, crash ? DR_CRASH : DR_OK);
		if (!crash) {
			git_oid_cpy(&sim->bisect_good, &rel->commit);
			sim->has_bisect = true;
			return;
		}
		git_oid_cpy(&sim->bisect_bad, &rel->commit);
	}
}

struct dag *demo_range(void *ctx, struct tree *t, const struct demo_plan *plan,
		       struct demo_sim *sim, uint32_t *bad, const char **err)
{
	const git_oid *truth = plan->kind == DEMO_FIX ? &plan->fix : &plan->culprit;
	struct dag *d = range_walk(t, ctx, &sim->bisect_bad, &sim->bisect_good, 1, err);

	if (!d)
		return NULL;
	sim->range = d->n;
	*bad = dag_find(d, sim->bisect_bad.id);
	if (*bad == DAG_NONE) {
		*err = _("the demo's bad commit is not in its range");
		return NULL;
	}
	if (dag_find(d, truth->id) != DAG_NONE)
		sim->truth = DEMO_TRUTH_RANGE;
	else if (demo_reaches(t, &sim->bisect_good, truth))
		sim->truth = DEMO_TRUTH_OLDER;
	else
		sim->truth = DEMO_TRUTH_ELSEWHERE;
	return d;
}

int demo_parent_step(void *ctx, struct tree *t, struct demo_sim *sim, const char **err)
{
	git_commit *c;

	if (git_commit_lookup(&c, tree_git_repository(t), &sim->result) < 0) {
		*err = _("cannot read the demo's culprit");
		return -1;
	}
	if (git_commit_parentcount(c) > 0 && !tested(sim, git_commit_parent_id(c, 0)))
		demo_add_step(ctx, sim, DP_PARENT, git_commit_parent_id(c, 0));
	git_commit_free(c);
	return 0;
}

int demo_bisect(void *ctx, struct tree *t, const struct demo_plan *plan, struct demo_sim *sim,
		const char **err)
{
	struct demo_rng r = { plan->seed ^ 0x73797a626f74ULL };
	struct dag *d;
	uint32_t bad;
	size_t first;
	int rc = 0;

	if (plan->noise.on)
		return demo_bisect_noisy(ctx, t, plan, sim, err);
	memset(sim, 0, sizeof(*sim));
	range_ends(ctx, t, plan, sim);
	if (plan->kind == DEMO_FIX)
		sim->has_bisect = true;
	if (!sim->has_bisect) {
		*err = _("the demo's culprit is older than every release");
		return -1;
	}
	first = sim->n_steps;
	d = demo_range(ctx, t, plan, sim, &bad, err);
	if (!d)
		return -1;
	if (plan->flaky)
		for (int skip = FIRST_SKIP; skip < FIRST_SKIP + SKIP_TRIES && rc == 0; skip++)
			rc = replay(ctx, t, plan, d, bad, skip, sim, first);
	if (rc == 0)
		rc = replay(ctx, t, plan, d, bad, -1, sim, first);
	if (rc <= 0) {
		*err = _("the simulated bisection did not find the demo's culprit");
		return -1;
	}
	git_oid_cpy(&sim->report_at, &sim->result);
	if (plan->flaky)
		make_flaky(sim, first, &r);
	/* syzbot builds the culprit's parent when no step did (no-op check) */
	return demo_parent_step(ctx, t, sim, err);
}
