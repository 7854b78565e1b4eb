/* The likelihood model of a bisection: for each tested step the
 * probability that its verdict was wrong, and for the log the
 * probability that the culprit is wrong (doc/model.md).
 *
 * Two passes, so that the fitter (bench/fit-model.c) reads each log once
 * and tries many parameter sets on it: model_observe() counts what the
 * log shows (pure, no parameters), model_evaluate() does the arithmetic.
 * model_assess() is both, with the fitted parameters of model_params.h.
 * Pure C: no I/O, no globals, no libgit2.
 */
#ifndef BISVIEW_SIGNALS_MODEL_H
#define BISVIEW_SIGNALS_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "log/model.h"
#include "signals/signals.h"

/* The parameters, by name (model_params.h holds their fitted values).
 * X(field, initial value); every one is free on the whole real line (logs,
 * logits, log likelihood ratios), so that the fitter needs no bounds. */
#define MODEL_PARAM_LIST(X) \
	X(log_rate_a, 0.0) /* Beta prior of the reproducer's crash rate (logs of a, b) */ \
	X(log_rate_b, 0.0) \
	X(logit_spread, 0.0) /* weight of "the rate varies by commit" against one shared rate */ \
	X(logit_present_clean_release, -2.0) /* prior: a clean release step has the bug */ \
	X(logit_present_clean_bisect, -3.0) \
	X(age_release, 0.5) /* ... plus this times log(1 + releases judged crashing before it) */ \
	X(logit_blind_release, 0.0) /* the reproducer cannot fire there at all */ \
	X(logit_blind_bisect, -4.0) \
	X(logit_absent_crash_other_release, 0.0) /* prior: a step crashing with other bugs only lacks the bug */ \
	X(logit_absent_crash_other_bisect, 0.0) \
	X(logit_variant, -2.0) /* the bug shows under a title that does not normalise to the original */ \
	X(logit_wrong_crash_orig, -6.0) /* a step crashing with the original title lacks the bug */ \
	X(logit_older_release, -1.0) /* prior: the bug is older than the first clean step, a release, */ \
	X(logit_older_bisect, -3.0) /* ... or a git bisect step, and the reproducer was blind there */ \
	X(age_older, 0.5) /* ... plus this times log(1 + releases judged crashing before it) */ \
	X(logit_blind_later, -4.0) /* prior: the bug came in before a later clean step, blind from there */ \
	X(blame_older, 0.0) /* the blame's own log offsets on those two blind hypotheses */ \
	X(blame_later, 0.0) \
	X(log_lr_noop, 2.0) /* the culprit-side facts, as log likelihood ratios */ \
	X(log_lr_merge, 2.0) \
	X(log_lr_release, 2.0) \
	X(log_lr_aside, 2.0) \
	X(log_lr_off_stack_dir, 0.5) \
	X(log_lr_off_stack_file, 0.2) \
	X(log_lr_compiler, 0.5) \
	X(log_lr_culprit_other, 1.0) \
	X(platt_a, 1.0) /* calibration: p = sigmoid(a * logit + b) */ \
	X(platt_b, 0.0)

#define MODEL_PARAM_FIELD(name, init) double name;
struct model_params {
	MODEL_PARAM_LIST(MODEL_PARAM_FIELD)
};
#define MODEL_PARAM_COUNT (sizeof(struct model_params) / sizeof(double))

/* A git bisect log has no runs: each verdict is taken as right with this
 * confidence (doc/model.md). */
#define MODEL_GIT_VERDICT_CONFIDENCE 0.98
/* syzkaller's "repro chance" line counts as this many runs in the Beta
 * prior of the reproducer's rate. */
#define MODEL_REPRO_CHANCE_RUNS 10.0
/* A step is blamed when its p_wrong is at least this, and at least
 * MODEL_BLAME_RATIO times that of the next most doubtful step. */
#define MODEL_BLAME_MIN 0.10
#define MODEL_BLAME_RATIO 2.0
/* The verdict (assess(), signals.c): "suspicious" from this p_wrong on. */
#define MODEL_SUSPICIOUS_FROM 0.5

/* What a step says, in plain words (whatever git's words). */
enum model_step_kind {
	MSTEP_UNTESTED,    /* no good/bad verdict: no p_wrong */
	MSTEP_CLEAN,       /* judged "the bug is not here" */
	MSTEP_CRASH_ORIG,  /* judged "here", on the original crash */
	MSTEP_CRASH_OTHER, /* judged "here", on other crashes only */
	MSTEP_GIT,         /* a git bisect log's verdict: no runs */
};

struct model_step_obs {
	enum model_step_kind kind;
	bool release;          /* release, HEAD or merge-base: an end of the range */
	int ok, crashed_orig, crashed_other, n;  /* n: runs that could show the bug */
	int threshold;         /* crashes of the original that make a step bad */
	double false_negative; /* syzkaller's false-negative chance, or < 0 */
	int releases_before;   /* release steps judged crashing before it: the bug's age */
};

/* The culprit-side facts, one per likelihood ratio. */
enum model_fact {
	MFACT_NOOP, MFACT_MERGE, MFACT_RELEASE, MFACT_ASIDE, MFACT_OFF_STACK_DIR,
	MFACT_OFF_STACK_FILE, MFACT_COMPILER,
	MFACT_CULPRIT_OTHER, /* the culprit's own test crashed with other bugs only */
	MFACT_COUNT
};

struct model_obs {
	const struct blog *log;
	bool culprit;          /* the log names a culprit: p_wrong is defined */
	struct model_step_obs *steps;  /* n_steps of them */
	size_t n_steps;
	int rate_crashes, rate_clean;  /* the original's crashes / clean runs at the bad steps */
	/* the same, step by step, as distinct (crashes, clean) pairs with the
	 * number of steps of each: a log of 100,000 steps has few */
	struct model_rate_group {
		int crashes, ok;
		size_t steps;
	} *groups;
	size_t n_groups, n_group_steps;
	double repro_chance;   /* the log's, or < 0 */
	bool facts[MFACT_COUNT];
};

struct model_result {
	double p_wrong;        /* calibrated, 0..1; < 0 when there is no culprit */
	double p_steps;        /* that some verdict was wrong, before the culprit facts */
	double log_odds_steps; /* its log odds (-INFINITY: no step can be wrong) */
	int blamed_step;       /* -1 when no step stands out */
	const char *why;       /* one sentence, or NULL without a culprit */
	/* per step: that the culprit is wrong because this verdict was the
	 * first wrong one, the one that sent the bisection astray
	 * (model_order.c); < 0 when untested. Sums to p_wrong (to p_steps
	 * without a culprit). */
	double *step_p;
	double *step_local;    /* per step: that its verdict was wrong, from its own runs alone */
	double *step_likelihood; /* per step: P(what was seen | the verdict was wrong) */
	/* per step: the factor the later steps put on the odds that it is the
	 * first wrong one (they said the same, so were wrong too); 1: none */
	double *later_factor;
	/* per step: given that some verdict was wrong, the share of "this
	 * one was the first" (blind_share: of it, the reproducer blind from
	 * this clean step on); step_p is p_wrong times step_share */
	double *step_share, *blind_share;
	double p_older;        /* that the bug is older than the first clean step, the reproducer blind there */
	int older_step;        /* that first clean step, or -1 */
	double older_prior;    /* the older-bug hypothesis's prior probability (0 when none) */
	double rate_a, rate_b; /* the Beta posterior of the reproducer's rate */
	double prior_a, prior_b; /* its prior (with the log's repro chance) */
	double *missed_memo;     /* missed(n) by n, < 0 until computed (model.c) */
	double fact_lr[MFACT_COUNT]; /* each fact's factor on the odds (1 when absent) */
	const struct model_obs *obs; /* what model_assess() observed (NULL from the fitter) */
	double step_p_top;       /* the largest step p_wrong (model_assess()) */
};

/* The fitted parameters (model_params.h). */
const struct model_params *model_fitted_params(void);

struct model_obs *model_observe(const void *ctx, const struct blog *log,
				const struct signal_list *signals);
/* Fills out; with_why false skips the sentences (the fitter). */
void model_evaluate(const void *ctx, const struct model_obs *o, const struct model_params *p,
		    bool with_why, struct model_result *out);
/* Both, with the fitted parameters. Under ctx. */
struct model_result *model_assess(const void *ctx, const struct blog *log,
				  const struct signal_list *signals);

/* What tested step i says to the posterior over commits (doc/model.md
 * §9): the likelihoods of what was seen if the bug is present at its
 * commit and if it is absent (each up to a factor common to every
 * hypothesis), and for a clean step the prior that its commit holds the
 * bug. False for an untested step, or a result not from model_assess(). */
struct model_evidence {
	bool here;             /* the step said "the bug is here" */
	double l_present, l_absent;
	double prior_present;  /* a clean step's prior π; < 0 for the others */
	double older_prior;    /* the first clean step: the older-bug prior; < 0 for the others */
};
bool model_step_evidence(const struct model_result *m, size_t i, struct model_evidence *ev);

/* Step i's sentence (the numbers its p_wrong comes from), for the
 * explorer's detail view; NULL for an untested step or without obs. */
const char *model_step_sentence(const void *ctx, const struct model_result *r, size_t i);

/* Does step i stand out: is its p_wrong at least 1/MODEL_BLAME_RATIO of
 * the largest, when the largest is at least MODEL_BLAME_MIN? The blamed
 * step is the first such (doc/model.md §4); the explorer marks them all. */
bool model_step_stands_out(const struct model_result *r, size_t i);

/* The Beta-binomial arithmetic, for tests. E[(1-r)^n] for r ~ Beta(a, b):
 * B(a, b+n) / B(a, b). */
double model_beta_clean(double a, double b, int n);
/* P(X = x) for X ~ BetaBinomial(n, a, b). */
double model_beta_binomial(double a, double b, int n, int x);
/* How many crashes of the original make a step bad in this log's era,
 * with n usable runs (doc/model.md). */
int model_crash_threshold(const struct blog *log, int n);

#endif
