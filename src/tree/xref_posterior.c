/* Where the range in memory and the log's verdicts meet: each step's
 * commit placed in the dag (or as an end older than the range), then the
 * posterior over commits (src/bisect/posterior.h, doc/model.md §9). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <talloc.h>

#include "tree/tree_internal.h"
#include "tree/xref.h"

/* A verdict's confidence when the model gives nothing better. */
#define XREF_DEFAULT_NOISE 0.02
/* The prior that a cause bisection's bug is newer than its range's bad
 * end: stated, not fitted (the corpus has no tree); the bad end's own
 * runs then weigh it (doc/model.md §9). */
#define XREF_NEWER_PRIOR 0.05

static uint32_t range_index(const struct dag *d, const char *hex)
{
	git_oid oid;

	if (!hex || git_oid_fromstr(&oid, hex) < 0)
		return DAG_NONE;
	return dag_find(d, oid.id);
}

/* log(), which the log parameter below hides */
static double log_of(double v)
{
	return log(v);
}

static double clamp_noise(double sum, size_t n)
{
	double v = n ? sum / (double)n : XREF_DEFAULT_NOISE;

	return v < 0.001 ? 0.001 : v > 0.5 ? 0.5 : v;
}

/* Which outside end a commit is: the rank of its first appearance. */
static size_t outside_rank(const char **ends, size_t *n_ends, const char *commit)
{
	for (size_t k = 0; k < *n_ends; k++)
		if (!strcmp(ends[k], commit))
			return k;
	ends[*n_ends] = commit;
	return (*n_ends)++;
}

/* The newest outside end's prior that the bug is older than it: missed
 * there (the model's prior that a clean step holds the bug) or the
 * reproducer blind until the range (its older-bug prior, doc/model.md §4),
 * together, capped short of certainty. */
static void older_prior(struct posterior_input *in, const struct xref_evidence *ev)
{
	double missed = ev->prior_present > 0 ? ev->prior_present : 0;
	double blind = ev->older_prior > 0 ? ev->older_prior : 0;
	double sum = missed + blind;

	in->outside_prior = sum > 0.95 ? 0.95 : sum;
	in->older_blind_share = sum > 0 ? blind / sum : 0;
}

struct posterior *xref_posterior(const void *ctx, const struct log_xref *x, const struct blog *log,
				 const struct xref_evidence *ev)
{
	void *tmp = talloc_new(NULL);
	struct posterior_obs *obs = talloc_array(tmp, struct posterior_obs, log->n_steps + 1);
	const char **ends = talloc_array(tmp, const char *, log->n_steps + 1);
	struct posterior_input in = { .obs = obs, .outside_prior = -1 };
	double miss = 0, false_crash = 0;
	size_t n_miss = 0, n_false = 0;
	struct posterior *r = NULL;

	if (!x || !x->range || !obs || !ends || x->n_steps != log->n_steps)
		goto out;
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step_xref *sx = &x->steps[i];
		const char *commit = sx->facts.found ? sx->facts.commit : log->steps[i]->commit;
		struct posterior_obs *o = &obs[in.n_obs];

		if (!ev[i].used || !(ev[i].l_present > 0) || !(ev[i].l_absent > 0))
			continue;
		o->at = range_index(x->range, commit);
		if (o->at == DAG_NONE && (ev[i].here || !sx->facts.found))
			continue;  /* not in the range, and not an end older than it */
		if (o->at == DAG_NONE) {
			o->outside = outside_rank(ends, &in.n_outside, sx->facts.commit);
			if (o->outside == 0 && in.outside_prior < 0)
				older_prior(&in, &ev[i]);
		}
		o->log_present = log_of(ev[i].l_present);
		o->log_absent = log_of(ev[i].l_absent);
		in.n_obs++;
		if (ev[i].here) {
			false_crash += ev[i].l_absent / (ev[i].l_present + ev[i].l_absent);
			n_false++;
		} else if (o->at != DAG_NONE) {
			miss += ev[i].l_present / (ev[i].l_present + ev[i].l_absent);
			n_miss++;
		}
	}
	if (in.outside_prior < 0)
		in.outside_prior = XREF_DEFAULT_NOISE;
	in.miss = clamp_noise(miss, n_miss);
	in.false_crash = clamp_noise(false_crash, n_false);
	in.newer_prior = log->kind == KIND_CAUSE ? XREF_NEWER_PRIOR : 0;
	in.culprit = range_index(x->range, log->result.commit);
	r = posterior_compute(ctx, x->range, &in);
out:
	talloc_free(tmp);
	return r;
}
