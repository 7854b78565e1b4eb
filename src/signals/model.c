/* The likelihood model: what each step's runs say about its verdict, and
 * how the steps and the culprit-side facts make the log's p_wrong
 * (doc/model.md gives the formulas and how the parameters were fitted). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "signals/model.h"
#include "signals/model_internal.h"
#include "signals/model_params.h"
#include "signals/signals_internal.h"

const struct model_params *model_fitted_params(void)
{
	static const struct model_params fitted = MODEL_FITTED_PARAMS;

	return &fitted;
}

/* log Γ(x) without lgamma()'s global signgam: --scan and the triage
 * list run the model on several threads at once (doc/design.md §13), and
 * every argument here is positive, so the sign is never needed. */
static double log_gamma(double x)
{
	int sign;

	return lgamma_r(x, &sign);
}

static double log_beta(double a, double b)
{
	return log_gamma(a) + log_gamma(b) - log_gamma(a + b);
}

double model_beta_clean(double a, double b, int n)
{
	if (n <= 0)
		return 1.0;
	return exp(log_beta(a, b + n) - log_beta(a, b));
}

double model_beta_binomial(double a, double b, int n, int x)
{
	if (x < 0 || x > n)
		return 0.0;
	/* C(n, x) B(a + x, b + n - x) / B(a, b) */
	return exp(log_gamma(n + 1.0) - log_gamma(x + 1.0) - log_gamma(n - x + 1.0) +
		   log_beta(a + x, b + n - x) - log_beta(a, b));
}

/* "2024-07-..." from the header line (doc/log-format.md §3.1): the
 * decision rule changed then. Logs without the header predate 2022-07. */
static bool since_mid_2024(const struct blog *log)
{
	const char *d = log->started_at;

	return d && strlen(d) >= 7 && strncmp(d, "2024-07", 7) >= 0;
}

/* Until mid-2024 one crash made a commit bad; since, at least 2, and a
 * sixth of the usable runs (3 of 20): doc/log-format.md §3.2. */
int model_crash_threshold(const struct blog *log, int n)
{
	int sixth = n / 6;

	if (!since_mid_2024(log))
		return 1;
	return sixth > 2 ? sixth : 2;
}

static bool same_title(void *tmp, const char *title, const char *orig, const char *orig_norm)
{
	if (!orig || !orig_norm)
		return true;  /* a fragment without the original: every crash counts as it */
	if (!title)
		return false;
	return strcmp(title, orig) == 0 || strcmp(title_normalize(tmp, title), orig_norm) == 0;
}

/* What a crashed run's title says: nothing (a test-machine failure), the
 * original crash, or another one. */
enum crash_kind { CRASH_INFRA, CRASH_ORIG, CRASH_OTHER };

static enum crash_kind crash_kind_of(void *tmp, const struct blog *log, const char *text,
				     const char *orig_norm)
{
	if (text && signal_infra_title(text))
		return CRASH_INFRA;
	return same_title(tmp, text, log->crash_title, orig_norm) ? CRASH_ORIG : CRASH_OTHER;
}

static void count_runs(void *tmp, const struct blog *log, const struct step *s,
		       struct model_step_obs *so, const char *orig_norm)
{
	const char *last = NULL;  /* a step's runs mostly repeat one title: */
	enum crash_kind kind = CRASH_OTHER;  /* its kind, worked out once */
	int usable = 0;

	for (size_t i = 0; i < s->n_runs; i++) {
		const struct run *r = &s->runs[i];

		if (r->outcome == RUN_OK) {
			so->ok++;
			usable++;
			continue;
		}
		if (r->outcome != RUN_CRASHED)
			continue;  /* said nothing about the bug */
		if (!last || !r->text || strcmp(last, r->text) != 0) {
			kind = crash_kind_of(tmp, log, r->text, orig_norm);
			last = r->text;
		}
		if (kind == CRASH_INFRA)
			continue;
		if (kind == CRASH_ORIG)
			so->crashed_orig++;
		else
			so->crashed_other++;
		usable++;
	}
	so->n = so->ok + so->crashed_orig;
	so->threshold = model_crash_threshold(log, usable);
}

static void observe_step(void *tmp, const struct blog *log, const struct step *s,
			 struct model_step_obs *so, const char *orig_norm)
{
	so->false_negative = s->false_negative_chance;
	so->release = s->phase == PHASE_RELEASE || s->phase == PHASE_HEAD ||
		      s->phase == PHASE_MERGE_BASE;
	if (s->verdict != VERDICT_GOOD && s->verdict != VERDICT_BAD) {
		so->kind = MSTEP_UNTESTED;
		return;
	}
	if (log->format == LOG_FORMAT_GIT_BISECT) {
		so->kind = MSTEP_GIT;
		return;
	}
	if (!s->tested || s->synthetic || s->phase == PHASE_PARENT_BUILD) {
		so->kind = MSTEP_UNTESTED;
		return;
	}
	count_runs(tmp, log, s, so, orig_norm);
	if (!step_says_crash(log, s))
		so->kind = MSTEP_CLEAN;
	else
		so->kind = so->crashed_orig > 0 ? MSTEP_CRASH_ORIG : MSTEP_CRASH_OTHER;
}

static void observe_facts(struct model_obs *o, const struct signal_list *signals)
{
	for (size_t i = 0; signals && i < signals->n; i++) {
		const struct signal *sg = &signals->v[i];

		switch (sg->id) {
		case SIGNAL_NOOP: o->facts[MFACT_NOOP] = true; break;
		case SIGNAL_CULPRIT_MERGE: o->facts[MFACT_MERGE] = true; break;
		case SIGNAL_CULPRIT_RELEASE: o->facts[MFACT_RELEASE] = true; break;
		case SIGNAL_CULPRIT_ASIDE: o->facts[MFACT_ASIDE] = true; break;
		case SIGNAL_COMPILER_CHANGED: o->facts[MFACT_COMPILER] = true; break;
		case SIGNAL_CULPRIT_OFF_STACK:
			o->facts[sg->strength == STRENGTH_STRONG ? MFACT_OFF_STACK_DIR
								 : MFACT_OFF_STACK_FILE] = true;
			break;
		default: break;
		}
	}
}

static int by_counts(const void *a, const void *b)
{
	const struct model_rate_group *x = a, *y = b;

	if (x->crashes != y->crashes)
		return x->crashes < y->crashes ? -1 : 1;
	return x->ok < y->ok ? -1 : x->ok > y->ok;
}

/* The steps that crashed on the original, as distinct (crashes, clean)
 * pairs: sorted, then merged. */
static void group_rates(struct model_obs *o)
{
	size_t n = 0;

	o->groups = talloc_array(o, struct model_rate_group, o->n_steps ? o->n_steps : 1);
	for (size_t i = 0; i < o->n_steps; i++) {
		if (o->steps[i].kind != MSTEP_CRASH_ORIG)
			continue;
		o->groups[n].crashes = o->steps[i].crashed_orig;
		o->groups[n].ok = o->steps[i].ok;
		o->groups[n++].steps = 1;
	}
	o->n_group_steps = n;
	qsort(o->groups, n, sizeof(*o->groups), by_counts);
	o->n_groups = 0;
	for (size_t i = 0; i < n; i++) {
		struct model_rate_group *last = o->n_groups ? &o->groups[o->n_groups - 1] : NULL;

		if (last && by_counts(last, &o->groups[i]) == 0)
			last->steps++;
		else
			o->groups[o->n_groups++] = o->groups[i];
	}
}

struct model_obs *model_observe(const void *ctx, const struct blog *log,
				const struct signal_list *signals)
{
	struct model_obs *o = talloc_zero(ctx, struct model_obs);
	void *tmp = talloc_new(NULL);
	const char *orig_norm = log->crash_title ? title_normalize(tmp, log->crash_title) : NULL;

	o->log = log;
	o->culprit = log->result.type == RESULT_CULPRIT;
	o->repro_chance = log->repro_chance;
	o->n_steps = log->n_steps;
	o->steps = talloc_zero_array(o, struct model_step_obs, log->n_steps ? log->n_steps : 1);
	for (size_t i = 0, releases = 0; i < log->n_steps; i++) {
		struct model_step_obs *so = &o->steps[i];

		observe_step(tmp, log, log->steps[i], so, orig_norm);
		so->releases_before = (int)releases;
		releases += so->release && so->kind == MSTEP_CRASH_ORIG;
		/* the reproducer's rate: the original's crashes against the
		 * clean runs, where the original crashed */
		if (so->kind == MSTEP_CRASH_ORIG) {
			o->rate_crashes += so->crashed_orig;
			o->rate_clean += so->ok;
		}
	}
	group_rates(o);
	observe_facts(o, signals);
	/* the culprit's own test: its last crash step (title drift there) */
	for (size_t i = log->n_steps; log->result.commit && i-- > 0;) {
		const struct step *s = log->steps[i];

		if (s->commit && !strcmp(s->commit, log->result.commit) &&
		    (o->steps[i].kind == MSTEP_CRASH_ORIG || o->steps[i].kind == MSTEP_CRASH_OTHER)) {
			o->facts[MFACT_CULPRIT_OTHER] = o->steps[i].kind == MSTEP_CRASH_OTHER;
			break;
		}
	}
	talloc_free(tmp);
	return o;
}

static double sigmoid(double x)
{
	return 1.0 / (1.0 + exp(-x));
}

static double clamp01(double p)
{
	return p < 1e-12 ? 1e-12 : p > 1 - 1e-12 ? 1 - 1e-12 : p;
}

/* The chance that a reproducer present on a commit misses n times: a
 * blend of one shared rate r ~ Beta(a, b) (all the bad steps' runs
 * pooled) and a rate that varies by commit, that of one bad step picked
 * at random (each its own Beta posterior), weighted by spread. */
static double missed_runs_now(const struct model_obs *o, const struct model_result *r,
			      double spread, int n)
{
	double pooled = model_beta_clean(r->rate_a, r->rate_b, n), mix = 0;

	if (n <= 0)
		return 1.0;
	if (o->n_group_steps == 0)
		return pooled;
	for (size_t j = 0; j < o->n_groups; j++) {
		const struct model_rate_group *g = &o->groups[j];

		mix += (double)g->steps * model_beta_clean(r->prior_a + g->crashes, r->prior_b + g->ok, n);
	}
	return (1 - spread) * pooled + spread * mix / (double)o->n_group_steps;
}

/* The same, remembered by n (logs have a few run counts, and a log of
 * 100,000 steps must not compute it 100,000 times). */
#define MISSED_MEMO 256
static double missed_runs(const struct model_obs *o, struct model_result *r, double spread, int n)
{
	if (n < 0 || n >= MISSED_MEMO)
		return missed_runs_now(o, r, spread, n);
	if (r->missed_memo[n] < 0)
		r->missed_memo[n] = missed_runs_now(o, r, spread, n);
	return r->missed_memo[n];
}

/* A clean step: P(what was seen | the bug was there). The reproducer may
 * be blind on that commit (it needs what the commit lacks), else it fired
 * at the rate r ~ Beta(a, b) and missed n times; a crash of the original
 * below the era's threshold is as good as proof. syzkaller's own
 * false-negative chance, where printed, replaces our E[(1-r)^n]. */
static double clean_likelihood(const struct model_step_obs *so, double missed_n, double blind)
{
	double missed;

	if (so->false_negative >= 0)
		missed = so->false_negative;
	else if (so->crashed_orig > 0)
		return 1e3 * so->crashed_orig;  /* the bug showed, and was outvoted */
	else
		missed = missed_n;
	return blind + (1 - blind) * missed;
}

/* A clean step's prior that its commit holds the bug: the older the bug
 * (the more releases crashed), the likelier an old release lacks what the
 * reproducer needs. */
static double clean_prior(const struct model_step_obs *so, const struct model_params *p)
{
	return sigmoid(so->release ? p->logit_present_clean_release +
					     p->age_release * log1p(so->releases_before)
				   : p->logit_present_clean_bisect);
}

static double step_p_wrong(const struct model_obs *o, size_t i, const struct model_params *p,
			   struct model_result *r, double *likelihood)
{
	const struct model_step_obs *so = &o->steps[i];
	double prior, lik, spread = sigmoid(p->logit_spread);

	*likelihood = 1.0;
	switch (so->kind) {
	case MSTEP_CLEAN:
		prior = clean_prior(so, p);
		lik = clean_likelihood(so, missed_runs(o, r, spread, so->n),
				       sigmoid(so->release ? p->logit_blind_release : p->logit_blind_bisect));
		*likelihood = lik;
		return clamp01(prior * lik / (prior * lik + (1 - prior)));
	case MSTEP_CRASH_OTHER: {
		double variant = sigmoid(p->logit_variant);

		/* the bug was there if it showed under another title, or if
		 * the reproducer missed it in every run that crashed on nothing */
		prior = sigmoid(so->release ? p->logit_absent_crash_other_release
					    : p->logit_absent_crash_other_bisect);
		lik = variant + (1 - variant) * missed_runs(o, r, spread, so->ok);
		*likelihood = lik;
		return clamp01(prior / (prior + (1 - prior) * lik));
	}
	case MSTEP_CRASH_ORIG:
		return sigmoid(p->logit_wrong_crash_orig);
	case MSTEP_GIT:
		return 1 - MODEL_GIT_VERDICT_CONFIDENCE;
	case MSTEP_UNTESTED:
	default:
		return -1;
	}
}

static double fact_log_lr(const struct model_params *p, enum model_fact f)
{
	const double lr[MFACT_COUNT] = {
		[MFACT_NOOP] = p->log_lr_noop, [MFACT_MERGE] = p->log_lr_merge,
		[MFACT_RELEASE] = p->log_lr_release, [MFACT_ASIDE] = p->log_lr_aside,
		[MFACT_OFF_STACK_DIR] = p->log_lr_off_stack_dir,
		[MFACT_OFF_STACK_FILE] = p->log_lr_off_stack_file,
		[MFACT_COMPILER] = p->log_lr_compiler,
		[MFACT_CULPRIT_OTHER] = p->log_lr_culprit_other,
	};

	return lr[f];
}

/* The blamed step: the one most likely to have sent the bisection astray
 * (step_p, the steps taken in order: model_order.c), when that is at
 * least MODEL_BLAME_MIN; else none (doc/model.md §4). */
static int blame(const struct model_result *r, size_t n)
{
	int top = -1;

	for (size_t i = 0; i < n; i++)
		if (r->step_p[i] >= 0 && (top < 0 || r->step_p[i] > r->step_p[top]))
			top = (int)i;
	return top >= 0 && r->step_p[top] >= MODEL_BLAME_MIN ? top : -1;
}

/* step_p: p_wrong (p_steps without a culprit) shared out among the
 * steps as model_order() says which one went wrong first. */
static void spread_over_steps(const struct model_obs *o, struct model_result *r)
{
	double whole = r->p_wrong >= 0 ? r->p_wrong : r->p_steps;

	for (size_t i = 0; i < o->n_steps; i++)
		r->step_p[i] = r->step_local[i] < 0 ? -1 : whole * r->step_share[i];
	r->p_older = r->older_step >= 0 ? whole * r->blind_share[r->older_step] : 0;
}

void model_evaluate(const void *ctx, const struct model_obs *o, const struct model_params *p,
		    bool with_why, struct model_result *out)
{
	double a = exp(p->log_rate_a), b = exp(p->log_rate_b);
	double logit;
	size_t n = o->n_steps;

	if (o->repro_chance >= 0 && o->repro_chance <= 1) {
		a += MODEL_REPRO_CHANCE_RUNS * o->repro_chance;
		b += MODEL_REPRO_CHANCE_RUNS * (1 - o->repro_chance);
	}
	out->prior_a = a;
	out->prior_b = b;
	out->rate_a = a + o->rate_crashes;
	out->rate_b = b + o->rate_clean;
	out->missed_memo = talloc_realloc(ctx, out->missed_memo, double, MISSED_MEMO);
	for (size_t k = 0; k < MISSED_MEMO; k++)
		out->missed_memo[k] = -1;
	out->step_p = talloc_realloc(ctx, out->step_p, double, n ? n : 1);
	out->step_local = talloc_realloc(ctx, out->step_local, double, n ? n : 1);
	out->step_likelihood = talloc_realloc(ctx, out->step_likelihood, double, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		out->step_local[i] = step_p_wrong(o, i, p, out, &out->step_likelihood[i]);
	model_order(ctx, o, p, out);
	/* no step that can be wrong: the culprit facts alone, from even odds
	 * against a tiny floor */
	logit = isfinite(out->log_odds_steps) ? out->log_odds_steps : log(1e-12);
	out->p_steps = clamp01(sigmoid(logit));
	for (int f = 0; f < MFACT_COUNT; f++) {
		double l = o->facts[f] ? fact_log_lr(p, (enum model_fact)f) : 0;

		out->fact_lr[f] = exp(l);
		logit += l;
	}
	out->blamed_step = -1;
	out->why = NULL;
	out->obs = o;  /* the sentences read the log through it */
	out->p_wrong = o->culprit ? sigmoid(p->platt_a * logit + p->platt_b) : -1;
	spread_over_steps(o, out);
	if (!o->culprit)
		return;
	out->blamed_step = blame(out, n);
	if (with_why)
		out->why = model_why(ctx, o, out);
}

struct model_result *model_assess(const void *ctx, const struct blog *log,
				  const struct signal_list *signals)
{
	struct model_result *r = talloc_zero(ctx, struct model_result);
	struct model_obs *o = model_observe(r, log, signals);

	model_evaluate(r, o, model_fitted_params(), true, r);
	r->obs = o;
	for (size_t i = 0; i < o->n_steps; i++)
		if (r->step_p[i] > r->step_p_top)
			r->step_p_top = r->step_p[i];
	return r;
}

/* A clean step: present, the reproducer missed (its likelihood); absent,
 * clean as expected. A step that crashed: its p_wrong taken as the odds
 * of absent against present. A bare verdict: right with the stated
 * confidence (doc/model.md §9). */
bool model_step_evidence(const struct model_result *m, size_t i, struct model_evidence *ev)
{
	const struct model_step_obs *so;
	double p;

	if (!m->obs || i >= m->obs->n_steps || m->step_local[i] < 0)
		return false;
	so = &m->obs->steps[i];
	p = m->step_local[i];
	ev->prior_present = -1;
	ev->older_prior = (int)i == m->older_step ? m->older_prior : -1;
	switch (so->kind) {
	case MSTEP_CLEAN:
		ev->here = false;
		ev->l_present = m->step_likelihood[i];
		ev->l_absent = 1;
		ev->prior_present = clean_prior(so, model_fitted_params());
		return true;
	case MSTEP_CRASH_ORIG:
	case MSTEP_CRASH_OTHER:
		ev->here = true;
		ev->l_present = 1 - p;
		ev->l_absent = p;
		return true;
	case MSTEP_GIT:
		ev->here = step_says_crash(m->obs->log, m->obs->log->steps[i]);
		ev->l_present = ev->here ? MODEL_GIT_VERDICT_CONFIDENCE : 1 - MODEL_GIT_VERDICT_CONFIDENCE;
		ev->l_absent = 1 - ev->l_present;
		ev->prior_present = ev->here ? -1 : 1 - MODEL_GIT_VERDICT_CONFIDENCE;
		return true;
	case MSTEP_UNTESTED:
	default:
		return false;
	}
}
