/* Entry points into views that other views and the input code call:
 * the raw log shown at a range of lines (a signal's evidence). */
#ifndef BISVIEW_UI_VIEWS_H
#define BISVIEW_UI_VIEWS_H

#include "ui/ui.h"

/* Opens the raw log in the split at log lines [first, last] (1-based,
 * inclusive), highlighted, the first a third of the way down. */
void log_view_show_lines(struct ui *ui, int first, int last);

/* The evidence for a step (evidence request): the lines of its first
 * signal that has some, else the step's own lines. */
void ui_show_evidence(struct ui *ui, int step);

#endif
