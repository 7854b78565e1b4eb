/* The one app context: options and what the run needs. No other globals. */
#ifndef BISVIEW_APP_H
#define BISVIEW_APP_H

#include <stdbool.h>
#include <stddef.h>

enum app_mode {
	MODE_DEFAULT,
	MODE_SUMMARY,
	MODE_JSON,
	MODE_SCAN,
	MODE_UI,              /* the explorer: standard output is a terminal */
	MODE_REPLAY,          /* --replay: a file for git bisect replay */
};

/* Exit statuses (doc/design.md §6): 0 ok, 1 suspicious with --check, 2 error. */
#define EXIT_SUSPICIOUS 1
#define EXIT_INPUT 2

/* --scan's order: the walk's (paths, sorted per directory), or --sort p. */
enum scan_sort { SORT_PATH, SORT_P_WRONG };

struct app {
	enum app_mode mode;
	enum scan_sort sort;
	bool json;
	bool check;
	bool no_color;
	bool trust_repo;
	bool no_tree;
	bool demo;
	const char *tree_path;
	char **args;
	size_t n_args;
	unsigned san_flags;   /* sanitize() flags for this terminal's locale */
	const char *script_path; /* --script: keys from a file, no terminal */
	int script_rows, script_cols; /* --size for script mode (24x80) */
	bool no_mouse;
	bool syz_test;        /* --syz-test: the revert mail (syztest_cli.h) */
	const char *extid;    /* --extid: syzbot's bug id, for the fix search */
	bool offline;         /* --offline: URLs from the cache only */
	bool refresh;         /* --refresh: fetch URLs again */
	bool fix;             /* --fix: a bug page's fix bisection */
	const char *syzbot_url; /* `set syzbot-url`, read when a URL is given */
	const char **branches; /* --branch REF, repeatable: walked besides HEAD */
	size_t n_branches;
	double t_start;       /* when the process started (monotonic seconds) */
	int replay_stop;      /* --flip/--until: enum replay_stop (report/replay.h) */
	int replay_step;      /* their step N */
	const char *list_path; /* --list FILE: paths and URLs, one a line */
};

/* app.c: "bisview: FILE: reason" on standard error (file may be NULL). */
void app_error(const struct app *app, const char *file, const char *reason);

/* The log is standard input ("-") and that is a terminal: says so with
 * app_error() and returns true; the caller exits with EXIT_INPUT. With
 * no LOG it is asked after input_load() found no bisection in progress
 * (doc/design.md §12.1). */
bool app_refuse_terminal_input(const struct app *app, const char *log_path);

#endif
