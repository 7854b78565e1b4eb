/* --summary: a plain-text report that reads well in mail and CI logs.
 * Every string from the log is sanitised; columns are counted in
 * characters (titles and subjects come last, so wide ones do no harm). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "report/next.h"
#include "report/report.h"
#include "text/sanitize.h"

struct sum {
	FILE *out;
	void *tmp;
	unsigned flags;
};

static const char *clean(struct sum *s, const char *text)
{
	return text ? sanitize_str(s->tmp, text, s->flags) : "";
}

static void field(struct sum *s, const char *name, const char *value)
{
	fprintf(s->out, "%s %s\n", report_pad(s->tmp, name, 12), value);
}

static const char *kind_phrase(const struct blog *log)
{
	switch (log->kind) {
	case KIND_CAUSE: return _("cause bisection");
	case KIND_FIX: return _("fix bisection");
	case KIND_NONE: break;
	}
	return log->format == LOG_FORMAT_CRASH_REPORT ? _("none (a crash report, no bisection)") : _("unknown");
}

static const char *result_phrase(struct sum *s, const struct blog *log)
{
	const struct result *r = &log->result;

	switch (r->type) {
	case RESULT_CULPRIT:
		return talloc_asprintf(s->tmp, "%s %.12s %s",
				       log->format == LOG_FORMAT_GIT_BISECT ?
				       /* TRANSLATORS: %s is git's bad term (bad, new, the log's own) */
				       talloc_asprintf(s->tmp, _("first %s commit"),
						       clean(s, frame_git_term(log, VERDICT_BAD))) :
				       log->kind == KIND_FIX ? _("fixed by") : _("culprit"),
				       r->commit ? r->commit : "?", clean(s, r->title));
	case RESULT_INCONCLUSIVE:
		return talloc_asprintf(s->tmp, _("inconclusive, %zu candidates"), r->n_candidates);
	case RESULT_BOUNDARY:
		return talloc_asprintf(s->tmp, "%s: %s", _("boundary"), clean(s, r->boundary));
	case RESULT_ERROR: {
		const char *e = clean(s, r->error);
		const char *nl = strchr(r->error ? r->error : "", '\n');

		/* the first line of the error says what went wrong */
		if (nl)
			e = sanitize(s->tmp, r->error, (size_t)(nl - r->error), s->flags);
		return talloc_asprintf(s->tmp, "%s: %s", _("error"), e);
	}
	case RESULT_INCOMPLETE:
		if (log->in_progress)
			return _("none yet: the bisection is in progress");
		break;
	}
	return _("incomplete (the log stops before a result)");
}

/* A partial clone: what it lacked, and the command that brings it in. */
static void partial_field(struct sum *s, const struct log_xref *x)
{
	const char *filter = x->partial->filter ? clean(s, x->partial->filter) : "?";

	if (x->partial->missing == 0) {
		field(s, _("Partial:"), talloc_asprintf(s->tmp, _("a partial clone (filter %s); "
								  "every object this report needed is here"), filter));
		return;
	}
	field(s, _("Partial:"), talloc_asprintf(s->tmp, ngettext("a partial clone (filter %s): %zu object "
								 "this report needed is not here, so the "
								 "culprit's files or line counts are unknown",
								 "a partial clone (filter %s): %zu objects "
								 "this report needed are not here, so the "
								 "culprit's files or line counts are unknown",
								 x->partial->missing),
						filter, x->partial->missing));
	if (x->culprit)
		field(s, _("Fetch:"), clean(s, tree_fetch_command(s->tmp, x->path, x->culprit, NULL)));
	if (x->partial->mailmap_missing)
		field(s, _("Mailmap:"), talloc_asprintf(s->tmp, _("HEAD:.mailmap is not in this partial clone: "
								  "authors are shown as recorded (%s)"),
							clean(s, tree_fetch_command(s->tmp, x->path, "HEAD",
										    ".mailmap"))));
}

/* The model's verdict: the probability that the culprit is wrong, the
 * step it blames (or that none stands out) and its sentence why
 * (doc/model.md §4). */
static void assessment_fields(struct sum *s, const struct blog *log, const struct report_ctx *rc)
{
	const struct model_result *m = rc->model;
	int blamed = rc->assessment->first_suspicious_step;
	bool git = log->format == LOG_FORMAT_GIT_BISECT;
	const char *term = clean(s, frame_git_term(log, VERDICT_BAD));

	if (!m || m->p_wrong < 0) {
		field(s, _("Assessment:"), report_verdict_word(rc));
		return;
	}
	/* TRANSLATORS: the second %s is git's bad term (bad, new, the log's own) */
	if (git && blamed >= 0)
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the first %s commit is wrong, blamed step %d"),
							   report_verdict_word(rc), m->p_wrong, term, blamed));
	else if (git)
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the first %s commit is wrong, no step stands out"),
							   report_verdict_word(rc), m->p_wrong, term));
	else if (log->kind == KIND_FIX && blamed >= 0)
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the fix is wrong, blamed step %d"),
							   report_verdict_word(rc), m->p_wrong, blamed));
	else if (log->kind == KIND_FIX)
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the fix is wrong, no step stands out"),
							   report_verdict_word(rc), m->p_wrong));
	else if (blamed >= 0)
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the culprit is wrong, blamed step %d"),
							   report_verdict_word(rc), m->p_wrong, blamed));
	else
		field(s, _("Assessment:"), talloc_asprintf(s->tmp, _("%s: %.2f that the culprit is wrong, no step stands out"),
							   report_verdict_word(rc), m->p_wrong));
	if (rc->assessment->fix_overrides)
		field(s, _("Why:"), clean(s, rc->assessment->fix_why));
	else if (m->why)
		field(s, _("Why:"), clean(s, m->why));
	report_summary_fix(s->out, rc, s->flags);
}

static void header(struct sum *s, const struct blog *log, const struct report_ctx *rc)
{
	const char *fmt = format_word(log->format);

	fprintf(s->out, "%s %s\n", _("bisview summary of"),
		strcmp(log->path, "-") ? clean(s, log->path) : _("(standard input)"));
	if (log->source.subject)
		field(s, _("Mail:"), clean(s, log->source.subject));
	field(s, _("Format:"), fmt);
	field(s, _("Kind:"), kind_phrase(log));
	if (log->fragment)
		field(s, _("Fragment:"), _("yes: lines from the end of a syzbot log, without its "
					   "header; this report says only what they state"));
	if (log->format == LOG_FORMAT_GIT_BISECT && (log->term_bad || log->term_good ||
						     log->terms_old_new))
		field(s, _("Terms:"), talloc_asprintf(s->tmp, _("%s (git's bad) and %s (git's good)"),
						      clean(s, frame_git_term(log, VERDICT_BAD)),
						      clean(s, frame_git_term(log, VERDICT_GOOD))));
	field(s, _("Crash:"), log->crash_title ? clean(s, log->crash_title) : _("(not in the log)"));
	if (log->start_commit)
		field(s, _("Start:"), clean(s, log->start_commit));
	field(s, _("Result:"), result_phrase(s, log));
	report_summary_progress(s->out, log, rc, s->flags);
	if (rc && rc->assessment)
		assessment_fields(s, log, rc);
	/* a fragment's closing lines may be all it has: say each */
	if (log->fragment && log->error_probability >= 0)
		field(s, _("Error prob.:"), talloc_asprintf(s->tmp, _("%.2f (syzkaller's accumulated "
								      "error probability)"),
							    log->error_probability));
	field(s, _("Flaky:"), log->flaky ? _("yes, the reproducer was flagged flaky") : _("no"));
	if (log->revisions_tested >= 0)
		field(s, _("Tested:"), talloc_asprintf(s->tmp, _("%d revisions (as the log counts), %zu steps"),
						       log->revisions_tested, log->n_steps));
	if (rc && rc->xref) {
		const struct log_xref *x = rc->xref;

		field(s, _("Tree:"), talloc_asprintf(s->tmp, _("%s (%zu of %zu commits found)"),
						     clean(s, x->path), x->found, x->found + x->missing));
		if (report_wrong_tree(x))
			field(s, _("Wrong tree?"), _("almost none of the log's commits are in it: name the "
						     "kernel tree with -C DIR or $BISVIEW_TREE"));
		if (x->partial)
			partial_field(s, x);
		if (x->range_built && x->mismatches == 0)
			field(s, _("Verified:"), talloc_asprintf(s->tmp, _("every git bisect step is the one git would choose (range of %ld commits)"),
								 x->range_size));
		else if (x->range_built)
			field(s, _("Verified:"), talloc_asprintf(s->tmp, _("%zu git bisect steps differ from git's own choice (range of %ld commits)"),
								 x->mismatches, x->range_size));
		else if (x->range_note)
			field(s, _("Verified:"), talloc_asprintf(s->tmp, _("no (%s)"), clean(s, x->range_note)));
	} else {
		field(s, _("Tree:"), _("none (use -C DIR or $BISVIEW_TREE for subjects and checks)"));
	}
	if (log->n_unknown)
		field(s, _("Unknown:"), talloc_asprintf(s->tmp, _("%zu lines not understood (first: line %d)"),
							log->n_unknown, log->unknown[0]));
}

/* The runs column: as wide as its widest entry ("5 crash 12 ok 3
 * boot-fail" would push the rest of its row out of line), 14 at least. */
static int runs_width(struct sum *s, const struct blog *log)
{
	int w = text_width(_("runs"));

	w = w > 14 ? w : 14;
	for (size_t i = 0; i < log->n_steps; i++) {
		int n = text_width(step_run_summary(s->tmp, log->steps[i]));

		w = n > w ? n : w;
	}
	return w;
}

static void steps_table(struct sum *s, const struct blog *log, const struct report_ctx *rc)
{
	int vw = frame_verdict_width(log, _("verdict"), 7);
	/* a git bisect log has neither phases nor runs (doc/log-format.md §6) */
	bool git = log->format == LOG_FORMAT_GIT_BISECT;
	const char *left_head = _("left");
	/* right-aligned in 5 columns: %*s counts bytes */
	int left_w = 5 + (int)strlen(left_head) - text_width(left_head);
	int runs_w = runs_width(s, log);

	if (log->n_steps == 0)
		return;
	if (git)
		fprintf(s->out, "\n%3s  %s %s %*s  %s\n", "#", report_pad(s->tmp, _("verdict"), vw),
			report_pad(s->tmp, _("commit"), 12), left_w, left_head, _("subject"));
	else
		fprintf(s->out, "\n%3s  %s %s %s %s %*s  %s\n", "#", report_pad(s->tmp, _("phase"), 12),
			report_pad(s->tmp, _("verdict"), vw), report_pad(s->tmp, _("commit"), 12),
			report_pad(s->tmp, _("runs"), runs_w), left_w, left_head, _("crash title / subject"));
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *st = log->steps[i];
		const char *title = step_deciding_title(st);
		const char *subject = st->subject;

		if (rc && rc->xref && rc->xref->steps[i].facts.found)
			subject = rc->xref->steps[i].facts.subject;
		char left[16] = "";

		if (st->revisions_left >= 0)
			snprintf(left, sizeof(left), "%d", st->revisions_left);
		const char *git_note = "";

		if (rc && rc->xref && rc->xref->steps[i].matches == 0)
			git_note = rc->xref->steps[i].git_choice
				? talloc_asprintf(s->tmp, " [%s %.12s]", _("git would test"), rc->xref->steps[i].git_choice)
				: talloc_asprintf(s->tmp, " [%s]", _("git had nothing left to test"));
		const char *verdict = report_pad(s->tmp, clean(s, frame_verdict_word(log, st->verdict)), vw);

		if (git) {
			fprintf(s->out, "%3zu  %s %-12s %5s  %s%s\n", i, verdict,
				clean(s, step_ref(s->tmp, st)), left, clean(s, subject), git_note);
			continue;
		}
		fprintf(s->out, "%3zu  %s %s %-12s %s %5s  %s%s%s%s\n", i,
			report_pad(s->tmp, phase_word(st->phase), 12), verdict,
			clean(s, step_ref(s->tmp, st)),
			report_pad(s->tmp, step_run_summary(s->tmp, st), runs_w), left,
			clean(s, title),
			title && subject ? " | " : "",
			clean(s, subject), git_note);
	}
}

static void signals_list(struct sum *s, const struct report_ctx *rc)
{
	if (!rc || !rc->signals || rc->signals->n == 0)
		return;
	fprintf(s->out, "\n%s\n", _("Signals:"));
	for (size_t i = 0; i < rc->signals->n; i++) {
		const struct signal *sig = &rc->signals->v[i];

		fprintf(s->out, "  %s %-20s", report_pad(s->tmp, strength_word(sig->strength), 7),
			sig->code);
		fprintf(s->out, " %s", clean(s, sig->message));
		if (sig->lines.first)
			fprintf(s->out, " [%s %d-%d]", _("lines"), sig->lines.first, sig->lines.last);
		fputc('\n', s->out);
	}
}

int report_summary(FILE *out, const struct blog *log, const struct report_ctx *rc)
{
	struct sum s = { .out = out, .tmp = talloc_new(NULL),
			 .flags = rc ? rc->san_flags : 0 };

	header(&s, log, rc);
	if (log->result.type == RESULT_INCONCLUSIVE) {
		fputs(report_pad(s.tmp, _("Candidates:"), 12), out);
		for (size_t i = 0; i < log->result.n_candidates; i++)
			fprintf(out, " %.12s", clean(&s, log->result.candidates[i]));
		fputc('\n', out);
		report_summary_candidates(out, log, rc);
	}
	report_summary_posterior(out, log, rc);
	report_summary_next(out, log, rc);
	steps_table(&s, log, rc);
	signals_list(&s, rc);
	talloc_free(s.tmp);
	return ferror(out) ? -1 : 0;
}
