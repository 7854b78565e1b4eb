/* The interactive explorer: shared types of the ui layer.
 *
 * Layering: views draw rows into a canvas (canvas.h) from the model, the
 * signals and the tree facts; ui.c lays views out, routes requests and
 * runs the loop; term.c is the only file that talks to ncurses and
 * script.c replaces it with a key file and text dumps. All git work runs
 * on the worker thread (worker.h): the ui thread never calls libgit2. */
#ifndef BISVIEW_UI_UI_H
#define BISVIEW_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app.h"
#include "log/model.h"
#include "report/report.h"
#include "signals/signals.h"
#include "tree/tree.h"
#include "tree/xref.h"
#include "ui/canvas.h"
#include "ui/request.h"

struct ui;
struct view;
struct worker;
struct job;

/* What a view is made of. Rows are the view's lines; the generic code
 * moves the cursor, scrolls, searches and dumps them. */
struct view_ops {
	enum view_kind kind;
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
};

struct view {
	const struct view_ops *ops;
	struct ui *ui;
	void *priv;            /* the view's own state (a talloc child of the view) */
	size_t n_rows;
	size_t offset;         /* first row shown */
	size_t selected;       /* the cursor row */
	int height, width;     /* rows and columns for rows at the last layout */
	int step;              /* the step this view is about; -1 for none */
	/* A highlighted row range (the raw log's evidence lines), or none. */
	size_t hl_first, hl_last;
	bool hl;
	const char *busy;      /* "loading ..." while a job for it runs */
	int screen_y, screen_x, screen_h, screen_w; /* where it was last drawn */
};

enum split_mode { SPLIT_AUTO, SPLIT_BELOW, SPLIT_BESIDE };

struct ui_options {
	bool hint_bar;
	bool mouse;
	bool line_numbers;
	bool ignore_case;
	enum split_mode split;
	int split_percent;     /* the second pane's share, 20..80 */
};

struct ui_color {
	short fg, bg;          /* -1 default */
	int attr;              /* A_BOLD etc. */
};

/* One problem with a config file, kept to show the user. */
struct config_error {
	const char *file;
	int line;
	const char *message;
};

struct ui {
	struct app *app;
	/* What is shown. Replaced as a whole by reload. */
	struct blog *log;
	struct report_ctx rc;          /* signals, assessment, xref (NULL until loaded) */
	const char *log_path;          /* "-" for standard input */
	char *tree_note;               /* why there is no tree, or NULL */
	struct worker *worker;         /* NULL without a tree */
	bool facts_pending;            /* tree facts asked for and not yet there */

	struct ui_options opt;
	struct keymap *keymap;
	struct ui_color colors[AREA_COUNT];
	struct config_error *config_errors;
	size_t n_config_errors;

	/* Layout: one or two panes; views[1] is the split (NULL when none). */
	struct view *views[2];
	int focus;                     /* 0 or 1 */
	struct view *stack[16];        /* closed-over views, for view-close */
	size_t n_stack;

	int rows, cols;
	struct canvas *canvas;
	char *status;                  /* the status line's message */
	bool status_error;
	char *prompt;                  /* the prompt being typed ("/", ":"), or NULL */
	char *input;                   /* what has been typed at the prompt */
	char *search;                  /* the last search */
	bool search_back;
	bool quit;
	bool script;                   /* keys from a script, dumps to files */
	FILE *dump;                    /* where script dumps go without a file */
	void *term;                    /* term.c's state, NULL in script mode */
	void *assess_ctx;              /* rc.signals and rc.assessment live here */
	/* What the source view opens next: filled by its opener (the crash
	 * view), consumed (copied, then cleared) by the source view's load.
	 * ui_open_source() does both steps. */
	struct {
		const char *commit, *path;
		int line;
	} source_request;
	/* Leaving and taking back the terminal around an external program
	 * (the editor): set by term.c, NULL in script mode. */
	void (*suspend_terminal)(struct ui *ui);
	void (*resume_terminal)(struct ui *ui);
	/* Timings since the process started (script mode's :dump-timing). */
	double t_start, t_first_screen, t_facts;
};

/* ui.c */
int ui_run(struct app *app);   /* the explorer; returns the exit status */
void ui_status(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens (or focuses) a view of kind k about step; split: as the second pane. */
struct view *ui_open(struct ui *ui, enum view_kind k, int step, bool split);
struct view *ui_find(struct ui *ui, enum view_kind k);
void ui_close(struct ui *ui);   /* view-close */
void ui_reload(struct ui *ui);  /* R */
struct view *ui_focused(struct ui *ui);
void ui_request(struct ui *ui, enum request r);
void ui_key(struct ui *ui, int key);
void ui_draw(struct ui *ui);
void ui_resize(struct ui *ui, int rows, int cols);
/* Rows of the first pane or of the split (title bar included), as
 * ui_draw() lays them out when a split is open. */
int ui_pane_height(const struct ui *ui, bool second);
/* Runs a `:` command line (a number, a request name, a config line or a
 * script command); returns false when it is not a command. */
bool ui_command(struct ui *ui, const char *line);
/* The step selected in the steps view (or -1). */
int ui_selected_step(struct ui *ui);
/* The step that tested the result's commit, or -1. */
int ui_culprit_step(const struct blog *log);
/* Moves the steps view to step i (and reopens step views on it). */
void ui_select_step(struct ui *ui, int i);
/* Posts a job to the worker; false (and a status message) without a tree. */
bool ui_post(struct ui *ui, struct job *j);
/* Takes finished jobs and hands them to the views; true if any. */
bool ui_poll_jobs(struct ui *ui);
/* Sanitised text for drawing, under ctx (NULL stays NULL). */
const char *ui_clean(struct ui *ui, const void *ctx, const char *s);

/* editor.c: runs argv (argv[0] looked up in $PATH, no shell) with the
 * terminal left for it, and waits. Script mode runs nothing: the status
 * says "would run: ARGV". Returns the program's exit status, 0 in
 * script mode, or -1 when it could not be started. */
int ui_run_external(struct ui *ui, char *const argv[]);

/* view_source.c: opens (or moves) the source view on path:line at commit,
 * for step; the strings are copied. */
struct view *ui_open_source(struct ui *ui, int step, const char *commit, const char *path,
			    int line);

/* view.c: the generic part of every view */
struct view *view_new(struct ui *ui, const struct view_ops *ops, int step);
void view_reload(struct view *v);
void view_draw(struct view *v, struct canvas *c, int y, int x, int height, int width,
	       bool focused);
bool view_move(struct view *v, enum request r);
void view_select(struct view *v, size_t row);
bool view_search(struct view *v, const char *needle, bool backward, bool skip_current);
const char *view_name(const struct view *v);

/* config.c: `bind`, `set`, `color` lines; errors kept in ui->config_errors */
void config_defaults(struct ui *ui);
void config_load_user(struct ui *ui);
/* The user's config file: $XDG_CONFIG_HOME/bisview/config, else
 * ~/.config/bisview/config; NULL when neither variable is set. Under ctx. */
char *config_user_path(const void *ctx);
/* The lines of a config file's text (len bytes; NULs are errors). */
void config_text(struct ui *ui, const char *file, const char *text, size_t len);
/* One line; returns NULL or an error message (under ctx). */
const char *config_line(struct ui *ui, const void *ctx, const char *line);

/* term.c: the terminal; script.c: keys from a file, no terminal */
int term_run(struct ui *ui);
int script_run(struct ui *ui, const char *script_path);

/* The views (view_*.c) */
extern const struct view_ops steps_view_ops, detail_view_ops, diff_view_ops, crash_view_ops,
	source_view_ops, log_view_ops, map_view_ops, signals_view_ops, help_view_ops;

#endif
