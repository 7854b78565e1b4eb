/* A view: what every view is made of (its ops), the generic part that
 * moves, scrolls, searches and draws any view's rows (view.c), and the
 * facts of the view table (view_table.h) the rest of the ui asks for. */
#ifndef BISVIEW_UI_VIEW_H
#define BISVIEW_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/canvas.h"
#include "ui/request.h"
#include "ui/view_table.h"

struct ui;
struct job;
struct view;

/* What a view is made of. Rows are the view's lines; the generic code
 * moves the cursor, scrolls, searches and dumps them. */
struct view_ops {
	/* (Re)build the rows from what the ui has now. */
	void (*load)(struct view *v);
	/* Fixed lines above the rows (the steps view's header); draws them
	 * at y when c is not NULL. Returns their number. May be NULL. */
	int (*header)(struct view *v, struct canvas *c, int y, int width);
	/* Draw row `row` at (y, x) in width columns. selected: the cursor row. */
	void (*draw)(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected);
	/* The row as plain text (search, script dumps). Under ctx. */
	const char *(*text)(struct view *v, const void *ctx, size_t row);
	/* The row as tab-separated fields for `:dump-view`. May be NULL (text). */
	const char *(*fields)(struct view *v, const void *ctx, size_t row);
	/* A request the generic code does not handle (Enter, J/K, next-hunk).
	 * Returns true when handled. May be NULL. */
	bool (*request)(struct view *v, enum request r);
	/* The title bar after "[name] ". Under ctx. */
	const char *(*title)(struct view *v, const void *ctx);
	/* Tree facts arrived: refresh what depends on them. May be NULL
	 * (then the rows are loaded again, keeping the cursor). */
	void (*refresh)(struct view *v);
	/* A finished job (worker.h): return true to keep it (the view then
	 * owns and frees it). May be NULL. */
	bool (*deliver)(struct view *v, struct job *j);
	/* The view lists bisections or messages to choose from (the triage
	 * list, an mbox's messages): what is about the one open bisection -
	 * J/K on the hint bar, the tree note on the status line - is not
	 * said over it. */
	bool lists_bisections;
	/* The view's own keys on the hint bar (ui_draw.c), REQ_NONE-ended:
	 * hints before the common ones, hints_after after them. May be NULL. */
	const enum request *hints, *hints_after;
};

/* How far a view scrolls sideways (a canvas that wide is drawn). */
#define VIEW_HSCROLL_MAX 2048

struct view {
	enum view_kind kind;
	const struct view_ops *ops;
	struct ui *ui;
	void *priv;            /* the view's own state (a talloc child of the view) */
	size_t n_rows;
	size_t offset;         /* first row shown */
	size_t selected;       /* the cursor row */
	int height, width;     /* rows and columns for rows at the last layout */
	int hscroll;           /* columns scrolled sideways (Left/Right, as tig's) */
	int step;              /* the step this view is about; -1 for none */
	/* A highlighted row range (the raw log's evidence lines), or none. */
	size_t hl_first, hl_last;
	bool hl;
	/* The search whose hits this view draws (ui->search_serial when it
	 * was searched last; 0 never). */
	unsigned search_hits;
	const char *busy;      /* "loading ..." while a job for it runs */
	int screen_y, screen_x, screen_h, screen_w; /* where it was last drawn */
};

/* The views' ops (view_*.c), one per row of the view table. */
#define UI_VIEW_OPS(X, id, name, ops, ...) extern const struct view_ops ops;
UI_VIEWS(UI_VIEW_OPS, )
#undef UI_VIEW_OPS

/* The view table's facts: the ops of kind k (NULL for VIEW_GENERIC),
 * where its request opens it, and the view a view-* request shows
 * (VIEW_GENERIC when r is not one). */
const struct view_ops *view_ops_of(enum view_kind k);
enum view_opening view_opening_of(enum view_kind k);
enum view_kind view_of_request(enum request r);

/* A view of kind k about step, its rows loaded. */
struct view *view_new(struct ui *ui, enum view_kind k, int step);
void view_reload(struct view *v);
void view_draw(struct view *v, struct canvas *c, int y, int x, int height, int width,
	       bool focused);
bool view_move(struct view *v, enum request r);
void view_select(struct view *v, size_t row);
bool view_search(struct view *v, const char *needle, bool backward, bool skip_current,
		 bool *wrapped);
const char *view_name(const struct view *v);

#endif
