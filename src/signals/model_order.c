/* The steps in the order they were judged: which verdict sent the
 * bisection astray (doc/model.md §4).
 *
 * Each step alone gives the chance that its verdict was wrong (model.c).
 * But the steps are not independent: a wrong verdict decides what the
 * later steps test. After a false "not here" (the bug was there) every
 * later tested commit descends from that one, so holds the bug too; after
 * a false "here" every later one is its ancestor, so lacks it. A
 * hypothesis "step i is the first wrong verdict" must therefore also
 * explain every later step that said the same as step i: they were wrong
 * too. A later crash of the original makes an earlier doubtful crash
 * irrelevant; a later clean step on many runs makes an earlier doubtful
 * clean step unlikely to be the one.
 *
 * Other hypotheses need no wrong runs at all: the reproducer was blind.
 * The bug is older than the first step judged clean (the commonest
 * failure: doc/model.md §5), or came in before a later clean step, and
 * the reproducer could not fire on it until a change the bisection then
 * found. Every step then behaves as if the bisection were right, so only
 * their priors tell them apart; each blames its clean step.
 *
 * Everything in logs: a later step's factor may be 1e-300. */
#include "config.h"

#include <math.h>
#include <talloc.h>

#include "signals/model_internal.h"
#include "signals/signals_internal.h"

static bool says_clean(const struct model_obs *o, size_t i)
{
	const struct model_step_obs *so = &o->steps[i];

	if (so->kind == MSTEP_GIT)
		return !step_says_crash(o->log, o->log->steps[i]);
	return so->kind == MSTEP_CLEAN;
}

static double logit(double p)
{
	return log(p / (1 - p));
}

/* log P(what step i showed | its verdict wrong) / P(... | right), with no
 * prior: the factor a hypothesis pays for each later step it says wrong. */
static double log_wrong_factor(const struct model_obs *o, size_t i, const struct model_params *p,
			       const struct model_result *r)
{
	switch (o->steps[i].kind) {
	case MSTEP_CLEAN:
		return log(r->step_likelihood[i]);
	case MSTEP_CRASH_OTHER:
		return -log(r->step_likelihood[i]);
	case MSTEP_CRASH_ORIG:
		return p->logit_wrong_crash_orig;
	case MSTEP_GIT:
		return logit(1 - MODEL_GIT_VERDICT_CONFIDENCE);
	case MSTEP_UNTESTED:
	default:
		return 0;
	}
}

/* The blind hypotheses' log odds against "every verdict right", one per
 * clean step i (into blind[i], -INFINITY elsewhere): the bug came in
 * before step i's commit (after every earlier clean one), and the
 * reproducer could not fire on it or on any later clean one until a
 * change the bisection then found. For the first clean step that is "the
 * bug is older" (its own prior, growing with the releases that crashed
 * before it); for the later ones, a small prior each. None for a fix
 * bisection. Returns the first clean step, or -1. */
static int blind_log_odds(const struct model_obs *o, const struct model_params *p, double *blind)
{
	int first = -1;

	for (size_t i = 0; i < o->n_steps; i++) {
		const struct model_step_obs *so = &o->steps[i];

		blind[i] = -INFINITY;
		if (o->log->kind == KIND_FIX || so->kind == MSTEP_UNTESTED || !says_clean(o, i))
			continue;
		if (first < 0) {
			first = (int)i;
			blind[i] = (so->release ? p->logit_older_release : p->logit_older_bisect) +
				   p->age_older * log1p(so->releases_before);
		} else {
			blind[i] = p->logit_blind_later;
		}
	}
	return first;
}

static double lse_top(const double *v, size_t n)
{
	double top = -INFINITY;

	for (size_t i = 0; i < n; i++)
		if (v[i] > top)
			top = v[i];
	return top;
}

/* From the last step back: each hypothesis "step i was the first wrong
 * verdict, and the reproducer fired where it could", the later steps
 * that said the same as step i paying their factor. */
static void wrong_log_odds(const struct model_obs *o, const struct model_params *p,
			   struct model_result *r, double *lo)
{
	double later_clean = 0, later_crash = 0;

	for (size_t i = o->n_steps; i-- > 0;) {
		double local = r->step_local[i];

		r->later_factor[i] = 1;
		if (local < 0) {
			lo[i] = -INFINITY;
			continue;
		}
		if (says_clean(o, i)) {
			lo[i] = logit(local) + later_clean;
			r->later_factor[i] = exp(later_clean);
			later_clean += log_wrong_factor(o, i, p, r);
		} else {
			lo[i] = logit(local) + later_crash;
			r->later_factor[i] = exp(later_crash);
			later_crash += log_wrong_factor(o, i, p, r);
		}
	}
}

/* Which hypothesis, given that some verdict was wrong: the shares of
 * "step i was the first wrong verdict" and of "blind from step i on",
 * the latter with the blame's own offsets (doc/model.md §4: the labels of
 * which step was wrong ask for more blindness than those of whether the
 * log was wrong). top bounds every log odds. */
static void shares(const struct model_obs *o, const struct model_params *p, struct model_result *r,
		   const double *lo, const double *blind, int first)
{
	size_t n = o->n_steps;
	double sum = 0, top = -INFINITY;

	for (size_t i = 0; i < n; i++) {
		double b = blind[i] + ((int)i == first ? p->blame_older : p->blame_later);

		r->step_share[i] = r->step_local[i] < 0 ? -INFINITY : lo[i];
		r->blind_share[i] = b;
		top = fmax(top, fmax(r->step_share[i], b));
	}
	for (size_t i = 0; i < n; i++) {
		r->step_share[i] = exp(r->step_share[i] - top);
		r->blind_share[i] = exp(r->blind_share[i] - top);
		sum += r->step_share[i] + r->blind_share[i];
	}
	for (size_t i = 0; i < n; i++) {
		r->step_share[i] = sum > 0 ? (r->step_share[i] + r->blind_share[i]) / sum : 0;
		r->blind_share[i] = sum > 0 ? r->blind_share[i] / sum : 0;
	}
}

void model_order(const void *ctx, const struct model_obs *o, const struct model_params *p,
		 struct model_result *r)
{
	size_t n = o->n_steps;
	double *lo = talloc_array(NULL, double, 2 * n + 1), *blind = lo + n;
	double top, sum = 0;
	int first = blind_log_odds(o, p, blind);

	r->later_factor = talloc_realloc(ctx, r->later_factor, double, n ? n : 1);
	r->step_share = talloc_realloc(ctx, r->step_share, double, n ? n : 1);
	r->blind_share = talloc_realloc(ctx, r->blind_share, double, n ? n : 1);
	wrong_log_odds(o, p, r, lo);
	r->older_step = first;
	r->older_prior = first >= 0 ? 1 / (1 + exp(-blind[first])) : 0;
	shares(o, p, r, lo, blind, first);
	/* log-sum-exp over every hypothesis but "all right" */
	top = lse_top(lo, 2 * n);
	if (top == -INFINITY) {
		r->log_odds_steps = -INFINITY;
		talloc_free(lo);
		return;
	}
	for (size_t i = 0; i < 2 * n; i++)
		sum += exp(lo[i] - top);
	r->log_odds_steps = top + log(sum);
	talloc_free(lo);
}
