/* Entry points into views that other views and the input code call:
 * the raw log shown at a range of lines (a signal's evidence), the
 * source view opened on a line. */
#ifndef BISVIEW_UI_VIEWS_H
#define BISVIEW_UI_VIEWS_H

#include <stdbool.h>

struct ui;
struct view;

/* Opens the raw log in the split at log lines [first, last] (1-based,
 * inclusive), highlighted, the first a third of the way down. */
void log_view_show_lines(struct ui *ui, int first, int last);

/* The evidence for a step (evidence request): the lines of its first
 * signal that has some, else the step's own lines. */
void ui_show_evidence(struct ui *ui, int step);

/* view_source.c: opens (or moves) the source view on path:line at commit,
 * for step; the strings are copied. */
struct view *ui_open_source(struct ui *ui, int step, const char *commit, const char *path,
			    int line);

/* view_source.c: the file a source view shows (copies under ctx), for R
 * to open it again; false when it shows none. */
bool source_view_target(struct view *v, const void *ctx, const char **commit,
			const char **path, int *line);

/* view_signals.c: the cursor on the inconclusive result's candidates
 * (the row that heads them); false when the view lists none. */
bool signals_view_show_candidates(struct view *v);

/* view_steps.c: of the steps view's header, the lines about the whole
 * log (title, result, trust), not its column heading: beside a split
 * they span the screen (ui_draw.c). */
int steps_header_global_lines(struct view *v);

/* view_steps.c: the columns the list wants beside a split: its fixed
 * columns and its last one (crash - subject) up to STEPS_SUBJECT_WANT,
 * a commit subject's usual length. 0 before the view is loaded. */
#define STEPS_SUBJECT_WANT 64
int steps_view_wanted_width(struct view *v);

#endif
