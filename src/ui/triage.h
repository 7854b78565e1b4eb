/* The triage list (doc/design.md §13.1): `bisview DIR`, several LOGs or
 * `--list FILE` on a terminal open a list of bisections, worst first,
 * read in the background by the batch engine --scan uses
 * (report/batch.h); Enter opens one in the explorer, q comes back. */
#ifndef BISVIEW_UI_TRIAGE_H
#define BISVIEW_UI_TRIAGE_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app.h"

struct ui;
struct batch;

/* What the list shows of one bisection: made on a batch worker from the
 * log and its assessment, sanitised there; NULL-parented. */
struct triage_row {
	const char *name;          /* the file, or the bug title of a mail or URL */
	const char *kind;          /* "cause", "fix", "git" */
	const char *result;        /* the culprit's subject, "inconclusive 3", ... */
	const char *verdict;       /* report_verdict()'s word */
	const char *signals;       /* the strongest codes, "a,b,c" */
	const char *title;         /* the crash title (the filter reads it) */
	const char *date;          /* when the bisection ran, or NULL */
	const char *error;         /* why it was not read, or NULL */
	double p_wrong;            /* < 0 without a culprit */
	int blamed_step;           /* -1: none stands out */
	bool fix_disagrees;        /* the fix in the tree names another commit */
	bool suspicious;           /* the verdict */
};

enum triage_order { ORDER_P_WRONG, ORDER_DATE, ORDER_NAME, ORDER_COUNT };

struct ui_triage {
	struct batch *batch;
	pthread_t thread;
	bool thread_running;       /* started and not yet joined */
	bool finished;             /* joined: every item is there (or cancelled) */
	size_t n_shown_done;       /* items done at the last rebuild */
	/* the rows shown: indices into batch->items, sorted and filtered */
	size_t *order;
	size_t n_order;
	enum triage_order sort;
	char *filter;              /* words every row shown has, or NULL */
	size_t n_prefix;           /* the directory part names drop */
	const char *prefix;
	const char *tree_path;     /* the batch's tree as shown, or NULL */
	int wake[2];               /* the batch writes a byte per item to [1] */
	double t_rebuilt;          /* when the order was last rebuilt */
	/* monotonic seconds: the first rows were there to draw, and the
	 * whole list sorted (script mode's :dump-timing); 0 until then */
	double t_first_rows, t_sorted;
};

/* Opens the list (the tree once, the walk), starts reading in the
 * background, and makes the triage view the first. -1 with *file and
 * *err when the list or a named tree cannot be read. */
int ui_triage_start(struct ui *ui, const char **file, const char **err);
/* From the main loop: takes rows read since; true when the list changed. */
bool ui_triage_poll(struct ui *ui);
/* How long the terminal may wait for a key while rows load (ms), else
 * -1; and the descriptor that wakes it when rows arrive (-1: none). */
int ui_triage_timeout(const struct ui *ui);
int ui_triage_fd(const struct ui *ui);
/* :dump-timing's lines for the list, in seconds since the process
 * started: list-first-row (the first row read, on the batch's worker),
 * list-all-read, list-sorted (the whole list in its order, on the ui
 * thread). */
void ui_triage_dump_timing(const struct ui *ui, FILE *out);
/* Waits for every row (script mode: screens do not depend on timing). */
void ui_triage_wait(struct ui *ui);
/* Stops the reading (Esc); ui_triage_end() also joins and frees. */
void ui_triage_cancel(struct ui *ui);
void ui_triage_end(struct ui *ui);
/* Rebuilds ui->triage->order from the rows done, its sort and filter. */
void ui_triage_rebuild(struct ui *ui);
/* view_triage.c: the filter prompt's words (empty: no filter), and the
 * view's rows again after a rebuild (the cursor kept on its bisection). */
void ui_triage_filter(struct ui *ui, const char *words);
void ui_triage_refresh_view(struct ui *ui);
/* The row of item i, or NULL while it loads. */
const struct triage_row *ui_triage_row(const struct ui *ui, size_t i);

#endif
