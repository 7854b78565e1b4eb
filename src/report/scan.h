/* --scan: triage many logs, one line (or JSON object) each. */
#ifndef BISVIEW_REPORT_SCAN_H
#define BISVIEW_REPORT_SCAN_H

#include "app.h"

/* Returns the exit status: 0, or 1 with --check when any log is
 * suspicious. Unreadable and non-bisection files are reported in the
 * output and do not stop the scan. */
int scan_paths(struct app *app);

#endif
