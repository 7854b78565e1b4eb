/* Collecting the signals and turning them into an assessment. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "signals/signals_internal.h"

void sig_add(struct sig_ctx *c, enum signal_id id, enum signal_strength strength, double weight,
	     int step, struct line_span lines, const char *fmt, ...)
{
	struct signal_list *l = c->out;
	struct signal *s;
	va_list ap;

	l->v = talloc_realloc(l, l->v, struct signal, l->n + 1);
	s = &l->v[l->n++];
	s->id = id;
	s->code = signal_code(id);
	s->strength = strength;
	s->weight = weight;
	s->step = step;
	s->lines = lines;
	va_start(ap, fmt);
	s->message = talloc_vasprintf(l, fmt, ap);
	va_end(ap);
}

DEFINE_ENUM_NAME(signal_strength, SIGNAL_STRENGTH_LIST, "info")
DEFINE_ENUM_NAME(assessment_verdict, ASSESSMENT_VERDICT_LIST, "unknown")
DEFINE_ENUM_MSGID(signal_strength, SIGNAL_STRENGTH_LIST)
DEFINE_ENUM_MSGID(assessment_verdict, ASSESSMENT_VERDICT_LIST)

#define SIGNAL_CODE_OF(value, code, badge) [value] = (code),
#define SIGNAL_ROW(value, code, badge) { code, badge },

const char *signal_code(enum signal_id id)
{
	static const char *const codes[] = { SIGNAL_LIST(SIGNAL_CODE_OF) };

	return (size_t)id < sizeof(codes) / sizeof(codes[0]) ? codes[id] : "?";
}

const char *signal_badge(const char *code)
{
	static const struct { const char *code, *badge; } rows[] = { SIGNAL_LIST(SIGNAL_ROW) };

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (!strcmp(rows[i].code, code))
			return rows[i].badge;
	return code;
}

/* strongest first; among equals, in log order */
static int signal_order(const void *a, const void *b)
{
	const struct signal *x = a, *y = b;

	if (x->strength != y->strength)
		return (int)y->strength - (int)x->strength;
	if (x->lines.first != y->lines.first)
		return x->lines.first - y->lines.first;
	return strcmp(x->code, y->code);
}

struct signal_list *signals_compute(const void *ctx, const struct blog *log,
				    const struct log_xref *x)
{
	struct signal_list *l = talloc_zero(ctx, struct signal_list);
	/* scratch strings (titles, stack files) die together: one pool */
	struct sig_ctx c = { .log = log, .x = x, .out = l, .tmp = talloc_pool(NULL, 32768) };

	l->v = talloc_array(l, struct signal, 0);
	if (log->format == LOG_FORMAT_SYZBOT || log->format == LOG_FORMAT_GIT_BISECT) {
		signals_from_steps(&c);
		signals_from_result(&c);
		signals_from_tree(&c);
	}
	talloc_free(c.tmp);
	qsort(l->v, l->n, sizeof(*l->v), signal_order);
	return l;
}

/* The score: each code counts once, at its largest weight, and the
 * codes combine as independent pieces of evidence, 1 - prod(1 - w). A
 * bisection is suspicious from 0.5 on. There is nothing to believe or
 * doubt when it named no culprit (unknown). */
#define SUSPICIOUS_FROM 0.5

static bool has_signal(const struct signal_list *s, int step, enum signal_id id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i].step == step && s->v[i].id == id)
			return true;
	return false;
}

static bool step_has_title(const struct step *st, const char *title)
{
	for (size_t k = 0; k < st->n_runs; k++)
		if (st->runs[k].outcome == RUN_CRASHED && st->runs[k].text &&
		    strcmp(st->runs[k].text, title) == 0)
			return true;
	return false;
}

/* A release judged bad on another crash than the original, below the
 * last release that still crashed with the original, where that other
 * crash fired in only some of the runs: the original bug was most likely
 * gone there, and a flakier bug set the start of the range. Returns the
 * step's index, or -1. */
static int release_drift_step(const struct blog *log, const struct signal_list *s)
{
	int drift = -1;

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *st = log->steps[i];

		if (st->phase != PHASE_RELEASE || st->verdict != VERDICT_BAD)
			continue;
		if (!has_signal(s, st->index, SIGNAL_TITLE_DRIFT))
			drift = -1; /* the original still crashed here */
		else if (drift < 0)
			drift = st->index;
	}
	if (drift >= 0) {
		struct run_counts rc;

		step_count_runs(log->steps[drift], &rc);
		if (rc.crashed < rc.total)
			return drift;
	}
	return -1;
}

static int first_suspicious_by_culprit(const struct blog *log, const struct signal_list *s)
{
	const struct step *culprit = NULL, *first_good = NULL;
	bool releases_had_original = false;

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *st = log->steps[i];

		if (st->phase != PHASE_RELEASE && st->phase != PHASE_BISECT && st->phase != PHASE_HEAD)
			continue;
		if (st->verdict != VERDICT_NONE && st->verdict != VERDICT_SKIP &&
		    !step_says_crash(log, st) && !first_good)
			first_good = st;
		if (st->phase == PHASE_RELEASE && step_says_crash(log, st) && log->crash_title &&
		    step_has_title(st, log->crash_title))
			releases_had_original = true;
		if (log->result.commit && st->commit && !strcmp(st->commit, log->result.commit))
			culprit = st;
	}
	if (culprit && has_signal(s, culprit->index, SIGNAL_TITLE_DRIFT) && !releases_had_original) {
		const char *t = step_deciding_title(culprit);

		for (size_t i = 0; t && i < log->n_steps; i++) {
			const struct step *st = log->steps[i];

			if ((st->phase == PHASE_RELEASE || st->phase == PHASE_BISECT) &&
			    step_says_crash(log, st) && step_has_title(st, t))
				return st->phase == PHASE_BISECT ? st->index : (first_good ? first_good->index : -1);
		}
	}
	return first_good ? first_good->index : -1;
}

/* The step whose verdict most likely went wrong. First a release judged
 * bad on a flaky other bug (release_drift_step). Else, when the culprit's own
 * crash is another bug (title drift), the bisection followed that bug:
 * blame the git bisect step where it first decided a verdict - unless the
 * releases already crashed with the original bug, when the range itself
 * is in doubt. Otherwise blame the first good step: the boundary whose
 * clean runs the whole range rests on (a reproducer that did not fire
 * there hides the real culprit below it). Measured with
 * bench/assess-corpus.sh. */
static int first_suspicious(const struct blog *log, const struct signal_list *s)
{
	int release = release_drift_step(log, s);

	return release >= 0 ? release : first_suspicious_by_culprit(log, s);
}

void assess(const struct blog *log, const struct signal_list *s, struct assessment *out)
{
	double keep = 1.0;

	for (size_t i = 0; i < s->n; i++) {
		double w = s->v[i].weight;
		bool first_of_code = true;

		/* each code once, at its largest weight */
		for (size_t k = 0; k < s->n; k++) {
			double wk = s->v[k].weight;

			if (k == i || strcmp(s->v[k].code, s->v[i].code) != 0)
				continue;
			if (wk > w || (wk == w && k < i))
				first_of_code = false;
		}
		if (first_of_code)
			keep *= 1.0 - w;
	}
	out->score = 1.0 - keep;
	if (log->result.type != RESULT_CULPRIT) {
		out->verdict = ASSESS_UNKNOWN;
		out->first_suspicious_step = -1;
		return;
	}
	out->verdict = out->score >= SUSPICIOUS_FROM ? ASSESS_SUSPICIOUS : ASSESS_PLAUSIBLE;
	/* The step to re-check first. Given even for a plausible culprit: it
	 * is where the bisection is weakest, should it be wrong after all. */
	out->first_suspicious_step = first_suspicious(log, s);
}
