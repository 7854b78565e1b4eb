/* Compact phrases for steps, shared by --summary, --scan and the UI. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "text/sanitize.h"

/* TRANSLATORS: run counts in a step's summary ("3 crash 7 ok"); the
 * steps view gives them a column as wide as "10 boot-fail" (or the
 * widest of "10 <word>" and the phrases below in your language). */
static const char *const run_words[] = {
	N_("crash"), N_("ok"), N_("boot-fail"), N_("test-fail"),
	N_("failed"), N_("infra"), N_("ignored"),
};

int step_run_summary_width(void)
{
	const char *phrases[] = { _("no test"), _("build error"), _("test error"),
				  _("build only"), _("no runs"), _("not tested") };
	int w = 0;

	for (size_t i = 0; i < sizeof(run_words) / sizeof(run_words[0]); i++)
		if (text_width(_(run_words[i])) + 3 > w)
			w = text_width(_(run_words[i])) + 3;
	for (size_t i = 0; i < sizeof(phrases) / sizeof(phrases[0]); i++)
		if (text_width(phrases[i]) > w)
			w = text_width(phrases[i]);
	return w;
}

const char *step_run_summary(const void *ctx, const struct step *s)
{
	struct run_counts c;
	char *out;
	int n[7];

	step_count_runs(s, &c);
	if (c.total == 0) {
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
	if (c.crashed == c.total)
		return talloc_asprintf(ctx, "%d/%d %s", c.crashed, c.total, _("crash"));
	n[0] = c.crashed; n[1] = c.ok; n[2] = c.boot_failed; n[3] = c.test_failed;
	n[4] = c.failed; n[5] = c.infra; n[6] = c.ignored;
	out = talloc_strdup(ctx, "");
	for (int i = 0; i < 7; i++) {
		if (n[i] == 0)
			continue;
		out = talloc_asprintf_append_buffer(out, "%s%d %s", *out ? " " : "", n[i],
						    _(run_words[i]));
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

const char *report_verdict(const struct report_ctx *rc)
{
	return rc && rc->assessment ? assessment_verdict_name(rc->assessment->verdict) : "unknown";
}

/* The tables are indexed by the enums (model.h, signals.h) and spelled
 * as their *_name(), so the C locale shows the JSON words. */
#define WORD(table, i) \
	((size_t)(i) < sizeof(table) / sizeof((table)[0]) && (table)[i] ? _((table)[i]) : "?")

const char *format_word(enum log_format f)
{
	static const char *const words[] = {
		[LOG_FORMAT_UNKNOWN] = N_("unknown"),
		[LOG_FORMAT_SYZBOT] = "syzbot", /* a name: not translated */
		[LOG_FORMAT_GIT_BISECT] = N_("git-bisect-log"),
		[LOG_FORMAT_CRASH_REPORT] = N_("crash-report"),
	};

	return WORD(words, f);
}

const char *phase_word(enum step_phase p)
{
	/* TRANSLATORS: a step's phase: the commit the crash was found on,
	 * config-minimisation retests, release tags tried first, the branch
	 * HEAD (fix bisections), merge bases, git bisect steps, the build of
	 * the culprit's parent. --summary pads them to 12 columns. */
	static const char *const words[] = {
		[PHASE_ORIGINAL] = N_("original"),
		[PHASE_CONFIG] = N_("config"),
		[PHASE_RELEASE] = N_("release"),
		[PHASE_HEAD] = N_("head"),
		[PHASE_MERGE_BASE] = N_("merge-base"),
		[PHASE_BISECT] = N_("bisect"),
		[PHASE_PARENT_BUILD] = N_("parent-build"),
	};

	return WORD(words, p);
}

const char *verdict_word(enum verdict v)
{
	/* TRANSLATORS: a step's verdict in git's terms (git bisect good /
	 * bad / skip; "none": no verdict). Shown in a column as wide as the
	 * longest of them: keep them short. */
	static const char *const words[] = {
		[VERDICT_NONE] = N_("none"),
		[VERDICT_GOOD] = N_("good"),
		[VERDICT_BAD] = N_("bad"),
		[VERDICT_SKIP] = N_("skip"),
	};

	return WORD(words, v);
}

const char *outcome_word(enum run_outcome o)
{
	/* TRANSLATORS: the outcome of one test run (the step detail pads
	 * them to 11 columns). */
	static const char *const words[] = {
		[RUN_OK] = N_("ok"),
		[RUN_CRASHED] = N_("crashed"),
		[RUN_BOOT_FAILED] = N_("boot-failed"),
		[RUN_TEST_FAILED] = N_("test-failed"),
		[RUN_FAILED] = N_("failed"),
		[RUN_INFRA] = N_("infra"),
		[RUN_IGNORED] = N_("ignored"),
	};

	return WORD(words, o);
}

const char *strength_word(enum signal_strength s)
{
	/* TRANSLATORS: a trust signal's strength. */
	static const char *const words[] = {
		[STRENGTH_INFO] = N_("info"),
		[STRENGTH_WEAK] = N_("weak"),
		[STRENGTH_STRONG] = N_("strong"),
	};

	return WORD(words, s);
}

const char *assessment_word(enum assessment_verdict v)
{
	/* TRANSLATORS: the overall trust assessment of a bisection, also
	 * in "the bisection looks %s". */
	static const char *const words[] = {
		[ASSESS_UNKNOWN] = N_("unknown"),
		[ASSESS_PLAUSIBLE] = N_("plausible"),
		[ASSESS_SUSPICIOUS] = N_("suspicious"),
	};

	return WORD(words, v);
}

const char *report_verdict_word(const struct report_ctx *rc)
{
	return assessment_word(rc && rc->assessment ? rc->assessment->verdict : ASSESS_UNKNOWN);
}

int verdict_column_width(const char *header, int min)
{
	int w = header ? text_width(header) : 0;

	for (int v = VERDICT_NONE; v <= VERDICT_SKIP; v++)
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
	assess(log, rc->signals, a);
	rc->assessment = a;
}
