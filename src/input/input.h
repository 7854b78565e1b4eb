/* Where a log comes from (doc/design.md §12): the one door between what
 * the user named on the command line and a parsed log. A file or "-" is
 * read as before (log_load()); the rest - a URL, a mail or mbox, the
 * bisection git is in - is turned into log text here and parsed by
 * src/log/, with log->source saying where it came from. */
#ifndef BISVIEW_INPUT_INPUT_H
#define BISVIEW_INPUT_INPUT_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "log/model.h"

/* A fetch's progress (src/input/fetch.c): bytes so far, and the whole
 * when the server said it (else 0). The explorer's status bar may take
 * it; with none, a line on standard error when that is a terminal. */
typedef void input_progress_fn(void *arg, const char *url, size_t bytes, size_t total);

/* Many fetches at once (the batch of --scan and the triage list,
 * doc/design.md §12.2): one request at a time, starting at least
 * interval seconds apart, whatever the host - syzbot's dashboard asks
 * one a second of clients without a key. Cache hits do not count. */
struct input_pacer {
	void *lock;               /* pthread_mutex_t */
	double last;              /* when the last request started (monotonic s), 0: none */
	double interval;
};
/* pacer.c: a pacer under ctx; waiting its turn (NULL: no pacing). */
struct input_pacer *input_pacer_new(const void *ctx, double interval);
void input_pacer_wait(struct input_pacer *p);

struct input_request {
	const char *arg;          /* the LOG argument; NULL when none was given */
	const char *tree_path;    /* -C DIR, else NULL ($BISVIEW_TREE, the cwd) */
	bool trust_repo;
	bool no_tree;
	bool offline;             /* --offline: URLs from the cache only */
	bool refresh;             /* --refresh: fetch again, past the cache */
	bool fix;                 /* --fix: a bug page's fix bisection, not its cause one */
	const char *syzbot_url;   /* `set syzbot-url`: the dashboard's base URL */
	const char *extid;        /* --extid, kept when the input names none */
	bool reload;              /* the explorer's R: URLs from the cache (the
				   * network only on a miss), no --refresh again */
	input_progress_fn *progress; /* NULL: stderr's line (see above) */
	void *progress_arg;
	struct input_pacer *pacer; /* NULL: one fetch at a time anyway */
	const atomic_bool *cancel; /* set by another thread: a fetch stops */
	bool follow_links;        /* an mbox's entries: a mail that only links
				   * to its log is followed (else named) */
};

/* The request the command line makes for arg (app.h's options). */
struct app;
struct input_request input_request_of(const struct app *app, const char *arg);

/* Loads what req names. NULL with *err (translated, one line, naming no
 * file: the caller says which) when nothing readable is there. Under ctx.
 * No LOG (arg NULL) and a terminal as standard input: the bisection git
 * is in (input_in_progress()), else NULL with *err NULL - the caller
 * refuses (app_refuse_terminal_input()). */
struct blog *input_load(const void *ctx, const struct input_request *req, const char **err);

/* progress.c: the bisection git is in (doc/design.md §12.1), for no LOG
 * and a terminal as standard input: BISECT_LOG of the tree's git
 * directory (req's -C DIR, $BISVIEW_TREE, the current directory), with
 * log->source.kind SOURCE_BISECT_IN_PROGRESS and log->in_progress set,
 * the commit under test its last step (no verdict). NULL with *err NULL
 * when there is no tree or git is not bisecting there; NULL with *err
 * (naming the tree or the file) when they cannot be read. */
struct blog *input_in_progress(const void *ctx, const struct input_request *req, const char **err);

/* The candidates and steps left of log->in_progress from the replay of
 * the log on its range (x->next), once the tree's facts are there. */
struct log_xref;
void input_in_progress_update(struct blog *log, const struct log_xref *x);

/* One thing to open in what req names (--scan's lines, the explorer's
 * list of an mbox's messages; doc/json.md §8). A log or a single mail is
 * one entry named as the argument; an mbox of several messages gives one
 * per message, named "MBOX#N" (1-based), which input_load() opens again. */
struct input_entry {
	const char *name;         /* "MBOX#N", or the argument */
	const char *subject;      /* a mail's Subject: (untrusted), or NULL */
	const char *date;         /* its Date: as written, or NULL */
	struct blog *log;         /* the log, or NULL with err */
	const char *err;          /* translated, one line, naming no file */
	bool links_only;          /* a mail whose log is behind a link (err says which) */
};

/* The entries of what req names; always at least one. Under ctx. */
struct input_entry *input_load_entries(const void *ctx, const struct input_request *req, size_t *n);

#endif
