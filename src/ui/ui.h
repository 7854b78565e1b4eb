/* The explorer's state, shared by every part of the ui, and the calls
 * of ui.c on it: status messages, opening and finding views, the
 * selected step, posting and collecting git jobs.
 *
 * Layering: views (view.h, view_*.c) draw rows into a canvas (canvas.h)
 * from the model, the signals and the tree facts; ui.c opens views and
 * collects jobs, ui_draw.c lays them out, ui_input.c and command.c turn
 * keys and `:` commands into requests; term.c is the only file that
 * talks to ncurses and script.c replaces it with a key file and text
 * dumps (driver.h). All git work runs on the worker thread (worker.h):
 * the ui thread never calls libgit2. */
#ifndef BISVIEW_UI_UI_H
#define BISVIEW_UI_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "app.h"
#include "input/input.h"
#include "log/model.h"
#include "report/report.h"
#include "ui/canvas.h"
#include "ui/config_file.h"
#include "ui/options.h"
#include "ui/view_table.h"

struct view;
struct worker;
struct job;
struct input_entry;
struct keymap;

struct ui {
	struct app *app;
	/* What is shown. Replaced as a whole by reload. */
	struct blog *log;
	struct report_ctx rc;          /* signals, assessment, xref (NULL until loaded) */
	const char *log_path;          /* "-" for standard input */
	char *tree_note;               /* why there is no tree, or NULL */
	bool tree_note_shown;          /* it was on the status line */
	bool tree_note_said;           /* and a key came after: said once */
	struct worker *worker;         /* NULL without a tree */
	bool facts_pending;            /* tree facts asked for and not yet there */
	struct job *fix_job;           /* the fix search posted and not yet taken, or NULL */
	struct job *revert_job;        /* the #syz test revert asked for, or NULL */

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
	/* Counts new searches and Esc: a view shows the hits of ui->search
	 * while its search_hits (view.h) is this number. */
	unsigned search_serial;
	/* The prompt's history (history.c): [0] ':' commands, [1] searches;
	 * pos: how far back Up went (0: the line being typed). */
	struct prompt_history {
		char **lines;
		size_t n, pos;
	} history[2];
	int save_kind;                 /* the prompt asks where a file goes (ui/save_file.h) */
	char *save_text;               /* what it writes there */
	bool search_back;
	bool quit;
	bool script;                   /* keys from a script, dumps to files */
	FILE *dump;                    /* where script dumps go without a file */
	void *term;                    /* term.c's state, NULL in script mode */
	void *assess_ctx;              /* rc.signals, rc.assessment and rc.posterior live here */
	/* The subject of the posterior's next commit to test (a JOB_FACTS
	 * the posterior asks for), under assess_ctx; NULL until it is here. */
	const char *next_subject;
	/* What the source view opens next: filled by its opener (the crash
	 * view), consumed (copied, then cleared) by the source view's load.
	 * ui_open_source() does both steps. */
	struct {
		const char *commit, *path;
		int line;
		bool edit;             /* hand the file to the editor once loaded (e) */
	} source_request;
	/* Leaving and taking back the terminal around an external program
	 * (the editor): set by term.c, NULL in script mode. */
	void (*suspend_terminal)(struct ui *ui);
	void (*resume_terminal)(struct ui *ui);
	/* Bytes for the terminal itself (OSC 52), NULL in script mode. */
	void (*send_to_terminal)(struct ui *ui, const char *bytes);
	struct ui_follow *follow;      /* BISECT_LOG followed (follow.c), or NULL */
	/* Timings since the process started (script mode's :dump-timing). */
	double t_start, t_first_screen, t_facts;
	/* An mbox of several messages (doc/design.md §12.1): the entries
	 * the messages view lists, each log theirs; NULL otherwise. */
	struct input_entry *messages;
	size_t n_messages;
	/* Many bisections (a directory, several LOGs, --list): the triage
	 * list's state (triage.h), NULL otherwise. */
	struct ui_triage *triage;
};

int ui_run(struct app *app);   /* the explorer; returns the exit status */
void ui_status(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Opens (or focuses) a view of kind k about step; split: as the second pane. */
struct view *ui_open(struct ui *ui, enum view_kind k, int step, bool split);
struct view *ui_find(struct ui *ui, enum view_kind k);
void ui_close(struct ui *ui);   /* view-close */
/* The log just installed on its steps view, with list (the triage or
 * messages view it was chosen in) the one view beneath: every other view
 * pointed into the old log and closes. */
void ui_show_over_list(struct ui *ui, struct view *list);
void ui_reload(struct ui *ui);  /* R */
/* Reads the LOG argument (ui->log_path) and installs it: 0, or -1 with
 * *err (and *file, what the error is about); nothing replaced on failure. */
int ui_load(struct ui *ui, const char **file, const char **err);
/* Shows log, which it takes (refused: -1 with *err, nothing replaced). */
int ui_install_log(struct ui *ui, struct blog *log, const char **err);
/* The steps view's first place: the culprit, else the first suspicious step. */
void ui_initial_selection(struct ui *ui);
/* view_messages.c: reads the LOG argument; an mbox file of several
 * messages opens the triage list (triage.h), one on standard input fills
 * ui->messages (and shows the first that holds a log underneath the
 * list). -1 with *file and *err when nothing can be shown. */
int ui_load_messages(struct ui *ui, const char **file, const char **err);
/* What the LOG argument asks of src/input/: no LOG is the bisection git
 * is in, URLs are fetched with the config's syzbot-url, R reads the cache. */
struct input_request ui_input_request(const struct ui *ui);
/* The name an error about that input gives: the file, "(standard
 * input)", BISECT_LOG's path, or NULL for no LOG on a terminal. */
const char *ui_input_name(const struct ui *ui, const struct input_request *req,
			  const struct blog *log);
struct view *ui_focused(struct ui *ui);
/* Opens the prompt ("/", "?", ":", the triage list's "&"). */
void ui_open_prompt(struct ui *ui, const char *prompt);
/* The step selected in the steps view (or -1). */
int ui_selected_step(struct ui *ui);
/* The selected step's commit as hex: the tree's full hash, else the
 * log's when it is hex (7 to 64 digits); NULL for a release tag without
 * a tree, or no step. */
const char *ui_selected_commit(struct ui *ui);
/* The step that tested the result's commit, or -1. */
int ui_culprit_step(const struct blog *log);
/* The first step that tested commit (a full hash), or -1. */
int ui_commit_step(const struct blog *log, const char *commit);
/* Moves the steps view to step i (and reopens step views on it). */
void ui_select_step(struct ui *ui, int i);
/* Posts a job to the worker; false (and a status message) without a tree. */
bool ui_post(struct ui *ui, struct job *j);
/* Takes finished jobs and hands them to the views; true if any. */
bool ui_poll_jobs(struct ui *ui);
/* Sanitised text for drawing, under ctx (NULL stays NULL). */
const char *ui_clean(struct ui *ui, const void *ctx, const char *s);

/* fix_search.c: the fix's own verdict from the worker (tree/fix.h):
 * post the search for facts x, take its answer into ui->rc.xref, and
 * the status line's words while it runs (NULL when it does not). */
struct log_xref;
struct job;
void ui_post_fix_search(struct ui *ui, const struct log_xref *x);
void ui_take_fix(struct ui *ui, struct job *j);
const char *ui_fix_progress(const void *ctx, const struct ui *ui);

/* follow.c: the bisection in progress followed (doc/design.md §12.1).
 * ui_follow_start() after every load: follows the log's BISECT_LOG when
 * it came from the tree; ui_follows(): it is followed; ui_follow_check():
 * its file (or BISECT_EXPECTED_REV) changed since - reloads, keeping the
 * selected step, or, when `git bisect reset` removed it, says so and keeps
 * the last state; true when it did either; ui_follow_timeout(): how long
 * the terminal may wait for a key (ms, -1 forever); ui_follow_selection():
 * the first screen on the commit under test (true), else nothing;
 * ui_follow_facts(): the status line's state again once the counts are
 * there. */
struct ui_follow;
void ui_follow_start(struct ui *ui);
bool ui_follows(const struct ui *ui);
bool ui_follow_check(struct ui *ui);
int ui_follow_timeout(const struct ui *ui);
bool ui_follow_selection(struct ui *ui);
void ui_follow_facts(struct ui *ui);

#endif
