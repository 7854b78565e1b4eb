/* What one view offers the others. Kept apart from ui.h so that a view
 * reaching into another stays visible in its includes. */
#ifndef BISVIEW_UI_VIEWS_H
#define BISVIEW_UI_VIEWS_H

#include "ui/ui.h"

/* Opens the raw log (in the split) scrolled to and highlighting log lines
 * first..last (1-based, inclusive): the evidence behind a signal or a
 * step. The step detail and the signals view call it on Enter. */
void log_view_show_lines(struct ui *ui, int first, int last);

#endif
