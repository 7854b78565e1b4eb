/* The words each kind of log is framed with (see framing.h). */
#include "config.h"

#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "report/report.h"
#include "text/sanitize.h"

static bool syzbot_fix(const struct blog *log)
{
	return log->format == LOG_FORMAT_SYZBOT && log->kind == KIND_FIX;
}

/* The words a git bisect log marked its commits with. */
const char *frame_git_term(const struct blog *log, enum verdict v)
{
	if (v == VERDICT_BAD)
		return log->term_bad ? log->term_bad : log->terms_old_new ? "new" : "bad";
	return log->term_good ? log->term_good : log->terms_old_new ? "old" : "good";
}

const char *frame_verdict_word(const struct blog *log, enum verdict v)
{
	if (syzbot_fix(log)) {
		/* TRANSLATORS: a fix bisection's step verdicts by meaning: the
		 * commit still crashed (git was told "good"), or it did not
		 * ("bad"). Shown in the verdict column: keep them short. */
		if (v == VERDICT_GOOD)
			return _("crashes");
		if (v == VERDICT_BAD)
			return _("no crash");
	}
	/* git's own words, as the log wrote them: not translated */
	if (log->format == LOG_FORMAT_GIT_BISECT && (v == VERDICT_GOOD || v == VERDICT_BAD))
		return frame_git_term(log, v);
	if (log->format == LOG_FORMAT_GIT_BISECT && v == VERDICT_SKIP)
		return "skip";
	return verdict_word(v);
}

int frame_verdict_width(const struct blog *log, const char *header, int min)
{
	int w = verdict_column_width(header, min);

	for (int v = 0; v < ENUM_COUNT(VERDICT_LIST); v++) {
		int vw = text_width(frame_verdict_word(log, (enum verdict)v));

		if (vw > w)
			w = vw;
	}
	return w;
}

int frame_verdict_has_bug(const struct blog *log, enum verdict v)
{
	if (v != VERDICT_GOOD && v != VERDICT_BAD)
		return -1;
	return (v == VERDICT_BAD) != (log->kind == KIND_FIX);
}

const char *frame_title(const void *ctx, const struct blog *log)
{
	if (log->format == LOG_FORMAT_GIT_BISECT) {
		if (log->term_bad || log->term_good || log->terms_old_new)
			return talloc_asprintf(ctx, _("git bisect log (terms: %s/%s)"),
					       frame_git_term(log, VERDICT_BAD),
					       frame_git_term(log, VERDICT_GOOD));
		return talloc_strdup(ctx, _("git bisect log"));
	}
	if (log->format == LOG_FORMAT_CRASH_REPORT)
		return talloc_strdup(ctx, _("Crash report"));
	if (log->fragment)
		return talloc_asprintf(ctx, "%s (%s)",
				       log->kind == KIND_FIX ? _("Fragment of a fix bisection") :
				       log->kind == KIND_CAUSE ? _("Fragment of a cause bisection") :
				       _("Fragment of a bisection"), format_word(log->format));
	return talloc_asprintf(ctx, "%s %s",
			       log->kind == KIND_FIX ? _("Fix bisection") :
			       log->kind == KIND_CAUSE ? _("Cause bisection") : _("Bisection"),
			       format_word(log->format));
}

const char *frame_result_label(const void *ctx, const struct blog *log)
{
	if (log->format == LOG_FORMAT_GIT_BISECT)
		/* TRANSLATORS: %s is git's term for the bad side, as the log
		 * wrote it (bad, new, or the log's own) */
		return talloc_asprintf(ctx, _("First %s commit"), frame_git_term(log, VERDICT_BAD));
	if (log->kind == KIND_FIX)
		return talloc_strdup(ctx, _("Fixed by"));
	return talloc_strdup(ctx, _("Culprit"));
}

bool frame_has_runs(const struct blog *log)
{
	return log->format != LOG_FORMAT_GIT_BISECT;
}
