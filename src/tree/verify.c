/* Replaying a log's git bisect steps on the range in memory and asking,
 * at every step, what git would have printed and tested next. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "bisect/bisect_algo.h"
#include "i18n.h"
#include "tree/cgraph.h"
#include "tree/range.h"
#include "tree/tree_internal.h"
#include "tree/verify.h"

static const char *hex_of(const void *ctx, const struct dag *d, uint32_t i)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid oid;

	if (i == DAG_NONE || i >= d->n)
		return NULL;
	memcpy(oid.id, d->oid[i], DAG_OID_LEN);
	git_oid_tostr(hex, sizeof(hex), &oid);
	return talloc_strdup(ctx, hex);
}

static uint32_t index_of(const struct dag *d, const char *commit)
{
	git_oid oid;

	if (!commit || git_oid_fromstr(&oid, commit) < 0)
		return DAG_NONE;
	return dag_find(d, oid.id);
}

/* Is every good an ancestor of bad? Otherwise git first tests merge bases
 * ("Bisecting: a merge base must be tested"), which a replay on the range
 * cannot reproduce. */
static bool goods_are_ancestors(struct tree *t, const git_oid *bad, const git_oid *goods, size_t n)
{
	uint32_t from, to;

	/* from git's commit-graph when every commit is in it: no inflating */
	if (t->graph && cgraph_lookup(t->graph, bad->id, &from)) {
		size_t i;

		for (i = 0; i < n; i++)
			if (!cgraph_lookup(t->graph, goods[i].id, &to) ||
			    cgraph_reaches(NULL, t->graph, from, to) != 1)
				break;
		if (i == n)
			return true;
	}
	for (size_t i = 0; i < n; i++) {
		git_oid base;

		if (git_merge_base(&base, t->repo, bad, &goods[i]) < 0 || !git_oid_equal(&base, &goods[i]))
			return false;
	}
	return true;
}

struct replay {
	struct dag *d;
	struct bisect_query q;
	uint32_t *goods, *skips;
};

static void record(struct log_xref *x, size_t step, const struct replay *r,
		   const struct bisect_answer *a)
{
	struct step_xref *sx = &x->steps[step];

	sx->candidates = a->all;
	sx->revisions_left = a->found || a->only_skipped ? -1 : a->revisions_left;
}

/* Where git stands after the last mark: what a bisection in progress
 * tests next, and what git printed when it chose it. */
static void record_next(struct log_xref *x, const struct replay *r, const struct bisect_answer *a)
{
	struct xref_next *n = &x->next;

	n->known = true;
	n->done = a->found;
	n->only_skipped = a->only_skipped;
	n->commit = a->found || a->only_skipped ? NULL : hex_of(x, r->d, a->choice);
	n->candidates = a->all;
	n->revisions_left = a->found || a->only_skipped ? -1 : a->revisions_left;
	n->steps_left = a->found || a->only_skipped ? -1 : a->steps_left;
}

static void replay_steps(struct log_xref *x, const struct blog *log, struct replay *r)
{
	struct bisect_answer a;
	uint32_t expected;
	bool all_applied = true;

	if (bisect_next(r->d, &r->q, &a) < 0)
		return;
	expected = a.choice;
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];
		struct step_xref *sx = &x->steps[i];
		uint32_t idx;

		if (s->phase != PHASE_BISECT || s->verdict == VERDICT_NONE)
			continue;
		/* a git bisect log may mark abbreviated hashes: use the
		 * commit the tree resolved them to */
		idx = index_of(r->d, s->commit ? s->commit : sx->facts.commit);
		sx->git_choice = hex_of(x->steps, r->d, expected);
		sx->matches = idx != DAG_NONE && idx == expected;
		if (idx == DAG_NONE) {
			x->mismatches++;
			all_applied = false;
			continue;  /* outside the range: nothing to apply */
		}
		if (s->verdict == VERDICT_BAD)
			r->q.bad = idx;
		else if (s->verdict == VERDICT_GOOD)
			r->goods[r->q.n_goods++] = idx;
		else
			r->skips[r->q.n_skips++] = idx;
		if (bisect_next(r->d, &r->q, &a) < 0)
			return;
		record(x, i, r, &a);
		if (s->revisions_left >= 0 && s->revisions_left != sx->revisions_left)
			sx->matches = 0;
		if (!sx->matches)
			x->mismatches++;
		expected = a.choice;
	}
	if (all_applied)
		record_next(x, r, &a);
}

void verify_range(struct tree *t, struct log_xref *x, const struct blog *log)
{
	void *tmp = talloc_new(NULL);
	git_oid bad, *goods;
	struct replay r = { 0 };
	const char *err;
	size_t n = log->n_bisect_goods;

	if (!log->bisect_bad || n == 0) {
		x->range_note = _("the log has no git bisect start: nothing to replay");
		goto out;
	}
	if (log->pathspec) {
		x->range_note = _("a bisection limited to paths: not verifiable");
		goto out;
	}
	goods = talloc_array(tmp, git_oid, n);
	/* the commits the log names beat refs that moved since ('HEAD') */
	if (tree_resolve(t, log->bisect_bad_commit ? log->bisect_bad_commit : log->bisect_bad, &bad) < 0) {
		x->range_note = _("the bisection's bad commit is not in the tree");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		const char *g = log->bisect_good_commits && log->bisect_good_commits[i]
			      ? log->bisect_good_commits[i] : log->bisect_goods[i];

		if (tree_resolve(t, g, &goods[i]) < 0) {
			x->range_note = _("a good commit of the bisection is not in the tree");
			goto out;
		}
	}
	if (t->shallow) {
		/* ancestry and walks stop at the shallow boundary */
		x->range_note = _("the tree is a shallow clone: the range cannot be walked; fetch its full history (git fetch --unshallow)");
		goto out;
	}
	if (!goods_are_ancestors(t, &bad, goods, n)) {
		x->range_note = _("some good commits are not ancestors of the bad one: git tests merge bases first, not replayed");
		goto out;
	}
	r.d = range_walk(t, tmp, &bad, goods, n, &err);
	if (!r.d) {
		x->range_note = talloc_strdup(x, err);
		goto out;
	}
	x->range_built = true;
	x->range_size = r.d->n;
	r.goods = talloc_array(tmp, uint32_t, log->n_steps + 1);
	r.skips = talloc_array(tmp, uint32_t, log->n_steps + 1);
	r.q.bad = index_of(r.d, git_oid_tostr_s(&bad));
	r.q.goods = r.goods;
	r.q.skips = r.skips;
	r.q.first_parent = log->first_parent;
	if (r.q.bad == DAG_NONE) {
		x->range_note = _("the bad commit is not in its own range");
		goto out;
	}
	if (log->result.commit)
		x->culprit_in_range = index_of(r.d, log->result.commit) != DAG_NONE;
	replay_steps(x, log, &r);
	x->range = talloc_steal(x, r.d);  /* walked once: the posterior reuses it */
out:
	talloc_free(tmp);
}
