/* Compact phrases for steps, shared by --summary, --scan and the UI. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "text/sanitize.h"

/* In the order a step's summary gives them, each outcome with the word
 * for its count.
 * TRANSLATORS: run counts in a step's summary ("3 crash 7 ok"); the
 * steps view gives them a column as wide as "10 boot-fail" (or the
 * widest of "10 <word>" and the phrases below in your language). */
static const struct {
	enum run_outcome outcome;
	const char *msgid;
} run_words[] = {
	{ RUN_CRASHED, N_("crash") }, { RUN_OK, N_("ok") },
	{ RUN_BOOT_FAILED, N_("boot-fail") }, { RUN_TEST_FAILED, N_("test-fail") },
	{ RUN_FAILED, N_("failed") }, { RUN_INFRA, N_("infra") },
	{ RUN_IGNORED, N_("ignored") },
};

int step_run_summary_width(void)
{
	const char *phrases[] = { _("no test"), _("build error"), _("test error"),
				  _("build only"), _("no runs"), _("not tested") };
	int w = 0;

	for (size_t i = 0; i < sizeof(run_words) / sizeof(run_words[0]); i++)
		if (text_width(_(run_words[i].msgid)) + 3 > w)
			w = text_width(_(run_words[i].msgid)) + 3;
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (text_width(phrases[i]) > w)
			w = text_width(phrases[i]);
	return w;
}

const char *step_run_summary(const void *ctx, const struct step *s)
{
	int n[RUN_OUTCOME_COUNT] = { 0 };
	char *out;

	if (s->n_runs == 0) {
		if (s->synthetic)
			return _("no test");
		if (s->build_error)
			return _("build error");
		if (s->test_error)
			return _("test error");
		if (s->phase == PHASE_PARENT_BUILD && s->kernel_signature)
			return _("build only");
		return s->tested ? _("no runs") : _("not tested");
	}
	for (size_t i = 0; i < s->n_runs; i++)
		if ((size_t)s->runs[i].outcome < RUN_OUTCOME_COUNT)
			n[s->runs[i].outcome]++;
	if ((size_t)n[RUN_CRASHED] == s->n_runs)
		return talloc_asprintf(ctx, "%d/%zu %s", n[RUN_CRASHED], s->n_runs, _("crash"));
	out = talloc_strdup(ctx, "");
	for (size_t i = 0; i < sizeof(run_words) / sizeof(run_words[0]); i++) {
		int count = n[run_words[i].outcome];

		if (count == 0)
			continue;
		out = talloc_asprintf_append_buffer(out, "%s%d %s", *out ? " " : "", count,
						    _(run_words[i].msgid));
	}
	return out;
}

const char *step_ref(const void *ctx, const struct step *s)
{
	if (s->label && (!s->commit || s->phase == PHASE_RELEASE))
		return s->label;
	if (s->commit)
		return talloc_strndup(ctx, s->commit, 12);
	return "-";
}

bool report_wrong_tree(const struct log_xref *x)
{
	size_t total = x ? x->found + x->missing : 0;

	return x && !x->shallow && total >= 3 && x->found * 10 <= total;
}

const char *report_verdict(const struct report_ctx *rc)
{
	return rc && rc->assessment ? assessment_verdict_name(rc->assessment->verdict) : "unknown";
}

int report_blamed_step(const struct blog *log, const struct report_ctx *rc)
{
	const struct assessment *a = rc ? rc->assessment : NULL;
	const struct model_result *m = rc ? rc->model : NULL;

	if (a && a->fix_overrides)  /* the fix's word (doc/json.md §6) */
		return a->first_suspicious_step >= 0 && (size_t)a->first_suspicious_step < log->n_steps ?
		       a->first_suspicious_step : -1;
	return m && m->blamed_step >= 0 ? m->blamed_step : -1;
}

const char *report_top_signals(const void *ctx, const struct signal_list *signals, size_t max)
{
	char *codes = talloc_strdup(ctx, "");

	for (size_t i = 0, shown = 0; signals && i < signals->n && shown < max; i++) {
		bool seen = false;

		if (signals->v[i].strength == STRENGTH_INFO)
			break;
		for (size_t k = 0; k < i; k++)
			seen = seen || !strcmp(signals->v[k].code, signals->v[i].code);
		if (!seen)
			codes = talloc_asprintf_append_buffer(codes, "%s%s", shown++ ? "," : "",
							      signals->v[i].code);
	}
	return codes;
}

/* The words of the enums' lists (log/model.h, signals.h), translated;
 * "?" for a value outside its list. */
static const char *word(const char *msgid)
{
	return msgid ? _(msgid) : "?";
}

const char *format_word(enum log_format f)
{
	return word(log_format_msgid(f));
}

const char *phase_word(enum step_phase p)
{
	return word(step_phase_msgid(p));
}

const char *verdict_word(enum verdict v)
{
	return word(verdict_msgid(v));
}

const char *outcome_word(enum run_outcome o)
{
	return word(run_outcome_msgid(o));
}

const char *strength_word(enum signal_strength s)
{
	return word(signal_strength_msgid(s));
}

const char *assessment_word(enum assessment_verdict v)
{
	return word(assessment_verdict_msgid(v));
}

const char *report_verdict_word(const struct report_ctx *rc)
{
	return assessment_word(rc && rc->assessment ? rc->assessment->verdict : ASSESS_UNKNOWN);
}

int verdict_column_width(const char *header, int min)
{
	int w = header ? text_width(header) : 0;

	for (int v = 0; v < ENUM_COUNT(VERDICT_LIST); v++)
		if (text_width(verdict_word((enum verdict)v)) > w)
			w = text_width(verdict_word((enum verdict)v));
	return w > min ? w : min;
}

const char *report_pad(const void *ctx, const char *text, int width)
{
	int w = text_width(text);

	if (w >= width)
		return text;
	return talloc_asprintf(ctx, "%s%*s", text, width - w, "");
}

void report_assess(const void *ctx, const struct blog *log, struct report_ctx *rc)
{
	struct assessment *a = talloc_zero(ctx, struct assessment);

	rc->signals = signals_compute(ctx, log, rc->xref);
	rc->model = model_assess(ctx, log, rc->signals);
	assess(log, rc->signals, rc->model, a);
	assess_fix(ctx, log, rc->xref, a);
	rc->assessment = a;
	report_posterior(ctx, log, rc);
}
