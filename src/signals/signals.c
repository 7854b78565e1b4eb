/* Collecting the signals and turning them into an assessment. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "signals/model.h"
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
		signals_from_fix(&c);
	}
	talloc_free(c.tmp);
	qsort(l->v, l->n, sizeof(*l->v), signal_order);
	return l;
}

/* The old score (doc/design.md §8), kept in --json for one release as
 * "score": each code counts once, at its largest weight, and the codes
 * combine as independent pieces of evidence, 1 - prod(1 - w). The
 * verdict and the step to re-check come from the likelihood model
 * (doc/model.md §4): suspicious from MODEL_SUSPICIOUS_FROM on, the
 * blamed step or none (no fallback). There is nothing to believe or
 * doubt when the log named no culprit (unknown). */
static double hand_weighted_score(const struct signal_list *s)
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
	return 1.0 - keep;
}

void assess(const struct blog *log, const struct signal_list *s, const struct model_result *m,
	    struct assessment *out)
{
	out->score = hand_weighted_score(s);
	out->first_suspicious_step = -1;
	if (log->result.type != RESULT_CULPRIT || !m || m->p_wrong < 0) {
		out->verdict = ASSESS_UNKNOWN;
		return;
	}
	out->verdict = m->p_wrong >= MODEL_SUSPICIOUS_FROM ? ASSESS_SUSPICIOUS : ASSESS_PLAUSIBLE;
	out->first_suspicious_step = m->blamed_step;
}
