/* Non-interactive output: --json, --summary and --scan lines.
 * Nothing here draws on a screen or touches git: facts from the tree and
 * the signals arrive through struct report_ctx. */
#ifndef BISVIEW_REPORT_REPORT_H
#define BISVIEW_REPORT_REPORT_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stdio.h>

#include "log/model.h"
#include "signals/model.h"
#include "signals/signals.h"
#include "tree/xref.h"

/* What the report needs besides the log; every part may be NULL. */
struct report_ctx {
	const struct signal_list *signals;
	const struct assessment *assessment;
	/* The likelihood model (doc/model.md): p_wrong and its why. */
	const struct model_result *model;
	/* Tree facts, when a tree is open (NULL otherwise). */
	const struct log_xref *xref;
	/* The posterior over the range's commits (doc/model.md §9): with a
	 * tree whose range was walked, else NULL. */
	const struct posterior *posterior;
	unsigned san_flags;     /* sanitize() flags for text output */
};

/* brief: only what --scan --json prints for each log (doc/json.md §8). */
json_object *report_json_object(const struct blog *log, const struct report_ctx *rc, bool brief);
int report_json(FILE *out, const struct blog *log, const struct report_ctx *rc);
int report_summary(FILE *out, const struct blog *log, const struct report_ctx *rc);

/* "10/10 crash", "3 crash 7 ok", "10 boot-fail", "build error", ... */
const char *step_run_summary(const void *ctx, const struct step *s);
/* The widest of the usual ones ("10 boot-fail", a phrase), translated. */
int step_run_summary_width(void);

/* The abbreviated hash (12 hex, the kernel's habit) or the tag. */
const char *step_ref(const void *ctx, const struct step *s);

/* Almost none of the log's commits are in the tree (at most one in ten
 * of three or more), and it is no shallow clone: most likely bisview
 * took an unrelated repository (the current directory's). The facts it
 * lacks change no probability; the reports say which tree to name. */
struct log_xref;
bool report_wrong_tree(const struct log_xref *x);

/* The assessment's verdict word ("unknown" without one): the English
 * key of the JSON contract and of --scan's fields. */
const char *report_verdict(const struct report_ctx *rc);

/* The blamed step as --json's assessment.blamed_step says it: the step
 * the fix in the tree contradicts when it overrides the model, else the
 * model's; -1 for none. */
int report_blamed_step(const struct blog *log, const struct report_ctx *rc);

/* The codes of the strongest signals, each once, at most max, joined by
 * ',' ("" for none): what --scan and the triage list show. Under ctx. */
const char *report_top_signals(const void *ctx, const struct signal_list *signals, size_t max);

/* The words people read for the model's enums, translated: the explorer
 * and --summary show these, while --json, --scan's tab-separated fields
 * and :dump-view keys keep the English *_name() spellings. In the C
 * locale each word is its *_name(). */
const char *format_word(enum log_format f);
const char *phase_word(enum step_phase p);
const char *verdict_word(enum verdict v);
const char *outcome_word(enum run_outcome o);
const char *strength_word(enum signal_strength s);
const char *assessment_word(enum assessment_verdict v);
/* report_verdict() for people. */
const char *report_verdict_word(const struct report_ctx *rc);

/* text padded with blanks to width columns (text_width(), sanitize.h):
 * printf's %-12s counts bytes, which misaligns translated words. */
const char *report_pad(const void *ctx, const char *text, int width);
/* The verdict column: as wide as header and every translated verdict
 * word, at least min. */
int verdict_column_width(const char *header, int min);

/* Signals, assessment and model of a log, into rc (under ctx). */
void report_assess(const void *ctx, const struct blog *log, struct report_ctx *rc);

/* The posterior over commits from the model and the tree's range, into
 * rc->posterior (report/posterior.c; NULL without both). Under ctx. */
void report_posterior(const void *ctx, const struct blog *log, struct report_ctx *rc);
/* --json's "posterior" (doc/json.md), null without one. */
json_object *report_posterior_json(const struct report_ctx *rc);
/* --summary's lines on it: the credible set as ranges, the likeliest
 * commits, the next commit to test; nothing without one. */
void report_summary_posterior(FILE *out, const struct blog *log, const struct report_ctx *rc);
/* --json's "fix" (doc/json.md §7.2), null without one; --summary's
 * "Fix:" line, nothing without one (report/fix.c). */
json_object *report_fix_json(const struct report_ctx *rc);
/* --json's tree.fix_search: {"commits", "complete"}, null when nothing
 * was searched for (no extid and no crash title, or no culprit). */
json_object *report_fix_search_json(const struct log_xref *x);
void report_summary_fix(FILE *out, const struct report_ctx *rc, unsigned san_flags);
/* "7 commits (3 runs)": the set's size and its posterior_set_runs()
 * count (left out for one commit, or 0 runs), translated. */
const char *report_set_size(const void *ctx, size_t commits, size_t runs);
/* The good end of the log's range as the log names it: the label of the
 * release step that tested it ("v1.4"), else its 12-hex abbreviation or
 * its ref; NULL unless the bisection has exactly one good. Unsanitised. */
const char *report_range_floor(const void *ctx, const struct blog *log);

/* A bisection still open (report/progress.c, doc/design.md §12.1): git's
 * state of the bisection in progress (log->in_progress), or for a git
 * bisect log that stops before the end, the commit git would test next
 * and what is left (rc->xref->next). --summary's lines (none when the
 * bisection is not open); the explorer's header line, NULL when none;
 * the terms in use ("old/new (old = good, new = bad)"), sanitised. */
void report_summary_progress(FILE *out, const struct blog *log, const struct report_ctx *rc,
			     unsigned san_flags);
const char *report_progress_line(const void *ctx, const struct blog *log,
				 const struct report_ctx *rc, unsigned san_flags);
const char *report_terms_phrase(const void *ctx, const struct blog *log, unsigned san_flags);

#endif
