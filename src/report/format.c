/* Compact phrases for steps, shared by --summary, --scan and the UI. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"

const char *step_run_summary(const void *ctx, const struct step *s)
{
	struct run_counts c;
	char *out;
	static const char *const words[] = {
		N_("crash"), N_("ok"), N_("boot-fail"), N_("test-fail"),
		N_("failed"), N_("infra"), N_("ignored"),
	};
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
		out = talloc_asprintf_append_buffer(out, "%s%d %s", *out ? " " : "", n[i], _(words[i]));
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

void report_assess(const void *ctx, const struct blog *log, struct report_ctx *rc)
{
	struct assessment *a = talloc_zero(ctx, struct assessment);

	rc->signals = signals_compute(ctx, log, rc->xref);
	assess(log, rc->signals, a);
	rc->assessment = a;
}
