/* The `#syz test` mail body: syzbot's rules (doc/syz-test.md) are that
 * the command starts a line, the patch follows inline and nothing else
 * is in the body; the patch is `git format-patch`'s form so that syzbot
 * (and git am) read it like any patch mailed to them. */
#include "config.h"

#include <string.h>
#include <talloc.h>
#include <time.h>

#include "i18n.h"
#include "log/model.h"
#include "report/syztest.h"
#include "text/sanitize.h"

/* RFC 2822's date in English whatever the locale (strftime's %a would
 * follow LC_TIME), in UTC. */
static char *mail_date(const void *ctx, long long when)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t t = (time_t)when;
	struct tm tm;

	if (!gmtime_r(&t, &tm))
		return talloc_strdup(ctx, "Thu, 1 Jan 1970 00:00:00 +0000");
	return talloc_asprintf(ctx, "%s, %d %s %d %02d:%02d:%02d +0000", days[tm.tm_wday],
			       tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
			       tm.tm_min, tm.tm_sec);
}

char *syz_test_mail(const void *ctx, const struct syz_test_input *in)
{
	const struct tree_revert *r = in->revert;
	void *tmp = talloc_new(NULL);
	/* the subject is one line: sanitize() turns newlines into blanks */
	const char *subject = sanitize_str(tmp, in->subject ? in->subject : "", in->san_flags);
	const char *patch = r->patch, *stat = r->stat;
	char *mail;

	if (in->sanitize_patch) {
		/* for reading on a terminal; piped or redirected, the
		 * patch stays byte for byte what applies */
		patch = sanitize_str(tmp, patch, in->san_flags | SAN_KEEP_NEWLINES);
		stat = sanitize_str(tmp, stat, in->san_flags | SAN_KEEP_NEWLINES);
	}
	/* "From <hash>": the revert is no commit yet, so no hash of its own
	 * (git's all-zero id); the author is left for the sender, syzbot
	 * reads none. Not translated: syzbot and git read this. */
	mail = talloc_asprintf(ctx,
		"#syz test: %s %s\n"
		"\n"
		"From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
		"From: %s <%s>\n"
		"Date: %s\n"
		"Subject: [PATCH] Revert \"%s\"\n"
		"\n"
		"This reverts commit %s.\n"
		"---\n"
		"%s\n"
		"%s"
		"-- \n"
		"%s %s\n"
		"\n",
		in->repo_url, r->onto, PACKAGE, "bisview@localhost", mail_date(tmp, in->now),
		subject, r->commit, stat, patch, PACKAGE, VERSION);
	talloc_free(tmp);
	return mail;
}

static void add_line(char **s, const char *text)
{
	*s = talloc_asprintf_append(*s, "%s\n", text);
}

char *syz_test_refusal(const void *ctx, const struct syz_test_input *in)
{
	const struct tree_revert *r = in->revert;
	void *tmp = talloc_new(NULL);
	char *s = talloc_strdup(ctx, "");
	const char *subject = sanitize_str(tmp, in->subject ? in->subject : "", in->san_flags);
	char c12[13] = "", o12[13] = "";

	strncat(c12, r->commit ? r->commit : "", 12);
	strncat(o12, r->onto ? r->onto : "", 12);
	switch (r->outcome) {
	case REVERT_CONFLICT:
		add_line(&s, talloc_asprintf(tmp, _("the revert of %s (\"%s\") does not apply on "
						    "the start commit %s; it conflicts in:"),
					     c12, subject, o12));
		for (size_t i = 0; i < r->n_conflicts; i++)
			add_line(&s, talloc_asprintf(tmp, "  %s",
				sanitize_str(tmp, r->conflicts[i], in->san_flags)));
		break;
	case REVERT_MERGE:
		add_line(&s, talloc_asprintf(tmp, _("the culprit %s (\"%s\") is a merge: a merge "
						    "cannot be reverted this way; its parents:"),
					     c12, subject));
		for (size_t i = 0; i < r->n_parents; i++) {
			const char *ps = in->parent_subjects && in->parent_subjects[i]
				? sanitize_str(tmp, in->parent_subjects[i], in->san_flags) : "";

			add_line(&s, talloc_asprintf(tmp, "  %.12s %s  %s", r->parents[i],
				i == 0 ? _("(the tree it was merged into)")
				       : _("(the side branch that brought the change)"), ps));
		}
		if (r->n_parents >= 2)
			add_line(&s, talloc_asprintf(tmp, _("the side branch's commit to revert: "
							    "git bisect start %.12s %.12s"),
						     r->parents[1], r->parents[0]));
		break;
	case REVERT_EMPTY:
		add_line(&s, talloc_asprintf(tmp, _("the start commit %s does not have the change "
						    "of %s (\"%s\"): there is nothing to revert"),
					     o12, c12, subject));
		break;
	default:
		break;
	}
	talloc_free(tmp);
	return s;
}

const char *syz_test_start(const struct blog *log, const char **culprit, const char **why)
{
	*culprit = NULL;
	*why = NULL;
	if (log->kind == KIND_FIX) {
		*why = _("a fix bisection: there is no culprit to revert");
		return NULL;
	}
	if (log->result.type != RESULT_CULPRIT || !log->result.commit) {
		*why = _("the bisection names no culprit to revert");
		return NULL;
	}
	*culprit = log->result.commit;
	if (log->start_commit)
		return log->start_commit;
	if (log->bisect_bad_commit)
		return log->bisect_bad_commit;
	*why = _("the log names no start commit to test the revert on");
	return NULL;
}
