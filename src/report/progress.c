/* A bisection still open (doc/design.md §12.1): git's own state of a
 * bisection in progress (log->in_progress, from the tree's BISECT_LOG),
 * or, for a `git bisect log` that stops before the end, what the replay
 * on the range says git would do next (log_xref.next). --summary's lines
 * and the explorer's header line. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "text/sanitize.h"

/* The replay's state when the log is a git bisect log still open. */
static const struct xref_next *open_next(const struct blog *log, const struct report_ctx *rc)
{
	const struct log_xref *x = rc ? rc->xref : NULL;

	if (!x || !x->next.known || log->result.type != RESULT_INCOMPLETE ||
	    log->format != LOG_FORMAT_GIT_BISECT)
		return NULL;
	return &x->next;
}

/* "8 candidates, roughly 3 steps left (git: 3 revisions left to test
 * after this)"; NULL when not known. */
static const char *left_phrase(const void *ctx, long candidates, int revisions, int steps)
{
	char *s;

	if (candidates < 0)
		return NULL;
	s = talloc_asprintf(ctx, ngettext("%ld candidate", "%ld candidates", (unsigned long)candidates),
			    candidates);
	if (steps >= 0)
		s = talloc_asprintf_append(s, ngettext(", roughly %d step left", ", roughly %d steps left",
						       (unsigned long)steps), steps);
	if (revisions >= 0)
		s = talloc_asprintf_append(s, ngettext(" (git: %d revision left to test after this)",
						       " (git: %d revisions left to test after this)",
						       (unsigned long)revisions), revisions);
	return s;
}

const char *report_terms_phrase(const void *ctx, const struct blog *log, unsigned san_flags)
{
	const struct log_in_progress *p = log->in_progress;
	/* terms are the log's (or the git directory's) words: untrusted */
	const char *new = sanitize_str(ctx, p && p->term_new ? p->term_new : log->term_bad, san_flags);
	const char *old = sanitize_str(ctx, p && p->term_old ? p->term_old : log->term_good, san_flags);

	if (!new || !old || (!strcmp(new, "bad") && !strcmp(old, "good")))
		return talloc_strdup(ctx, _("good/bad (git's own)"));
	if (!strcmp(new, "new") && !strcmp(old, "old"))
		/* TRANSLATORS: git bisect's terms old and new, not translated */
		return talloc_strdup(ctx, _("old/new (old = good, new = bad)"));
	/* TRANSLATORS: custom terms (git bisect start --term-old=%s
	 * --term-new=%s): the first marks commits without the change */
	return talloc_asprintf(ctx, _("%s/%s, custom (%s = good, %s = bad)"), old, new, old, new);
}

/* "waiting for a good commit" and the like: why nothing is under test. */
static const char *no_test_phrase(const struct blog *log)
{
	if (log->result.type != RESULT_INCOMPLETE)
		return _("ended: git has named the first bad commit");
	if (!log->bisect_bad && log->n_bisect_goods == 0)
		return _("waiting for a bad and a good commit");
	if (!log->bisect_bad)
		return _("waiting for a bad commit");
	if (log->n_bisect_goods == 0)
		return _("waiting for a good commit");
	return _("no commit under test (git is choosing the next one, or only skipped commits are left)");
}

static void line(FILE *out, void *tmp, const char *name, const char *value)
{
	fprintf(out, "%s %s\n", report_pad(tmp, name, 12), value);
}

void report_summary_progress(FILE *out, const struct blog *log, const struct report_ctx *rc,
			     unsigned san_flags)
{
	const struct log_in_progress *p = log->in_progress;
	const struct xref_next *n = open_next(log, rc);
	void *tmp = talloc_new(NULL);
	const char *left;

	if (p) {
		line(out, tmp, _("In progress:"), p->testing ?
		     talloc_asprintf(tmp, _("testing %.12s %s"), p->testing,
				     sanitize_str(tmp, p->testing_subject ? p->testing_subject : "",
						  san_flags)) : no_test_phrase(log));
		left = left_phrase(tmp, p->candidates, p->revisions_left, p->steps_left);
		if (left)
			line(out, tmp, _("Left:"), left);
		else if (p->pathspec)
			line(out, tmp, _("Left:"), _("not known (a bisection limited to paths)"));
		line(out, tmp, _("Terms:"), report_terms_phrase(tmp, log, san_flags));
		line(out, tmp, _("Git dir:"), sanitize_str(tmp, p->git_dir, san_flags));
	} else if (n && n->commit) {
		line(out, tmp, _("Open:"), talloc_asprintf(tmp, _("the bisection goes on: git would test %.12s next"),
							   n->commit));
		line(out, tmp, _("Left:"), left_phrase(tmp, n->candidates, n->revisions_left,
						       n->steps_left));
		if (log->term_bad)
			line(out, tmp, _("Terms:"), report_terms_phrase(tmp, log, san_flags));
	} else if (n && n->only_skipped) {
		line(out, tmp, _("Open:"), _("only skipped commits are left to test"));
	}
	talloc_free(tmp);
}

const char *report_progress_line(const void *ctx, const struct blog *log,
				 const struct report_ctx *rc, unsigned san_flags)
{
	const struct log_in_progress *p = log->in_progress;
	const struct xref_next *n = open_next(log, rc);
	char *s;

	if (p && !p->testing)
		return talloc_asprintf(ctx, _("Bisection in progress: %s"), no_test_phrase(log));
	if (p)
		s = talloc_asprintf(ctx, _("Bisection in progress: testing %.12s"), p->testing);
	else if (n && n->commit)
		s = talloc_asprintf(ctx, _("Open: git would test %.12s next"), n->commit);
	else
		return NULL;
	if (p ? p->revisions_left >= 0 : n->revisions_left >= 0)
		s = talloc_asprintf_append(s, _(", %d left"), p ? p->revisions_left : n->revisions_left);
	if (p ? p->steps_left >= 0 : n->steps_left >= 0)
		s = talloc_asprintf_append(s, _(", ~%d steps"), p ? p->steps_left : n->steps_left);
	/* the subject last: at 80 columns it is what the edge cuts */
	if (p)
		s = talloc_asprintf_append(s, " - %s",
					   sanitize_str(ctx, p->testing_subject ? p->testing_subject : "?",
							san_flags));
	return s;
}
