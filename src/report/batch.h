/* The engine of --scan and the triage view (doc/design.md §13): the
 * bisections many PATHs name, each read, put against one shared tree and
 * assessed, on every core, so the table and the list never disagree. */
#ifndef BISVIEW_REPORT_BATCH_H
#define BISVIEW_REPORT_BATCH_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "app.h"
#include "log/model.h"
#include "report/report.h"

struct tree;
struct batch_item;

/* Called on a worker thread once an entry is read and assessed (log and
 * rc NULL when it was refused: it->error says why). What it keeps goes on
 * it->line or it->user, allocated NULL-parented; the engine frees
 * neither. */
typedef void batch_fill_fn(void *arg, struct batch_item *it, const struct blog *log,
			   const struct report_ctx *rc);

struct batch_item {
	const char *name;          /* the path, URL, or MBOX#N, as given */
	const char *given;         /* the walk's name, never changed: an mbox's
				    * name becomes MBOX#1 on a worker, so a
				    * reader on another thread uses this one
				    * until the item is done */
	const char *walk_error;    /* set during the walk (e.g. nesting) */
	const char *error;         /* why it was not read, or NULL */
	int result;                /* enum result_type, or -1 when refused */
	bool suspicious;
	double p_wrong;            /* the model's, < 0 without a culprit */
	size_t order;              /* its place in the walk: ties keep it */
	char *line;                /* the consumer's (see batch_fill_fn) */
	void *user;
	atomic_bool done;          /* set (release) once filled */
	/* an mbox of several messages: the first fills this item (its name
	 * then "MBOX#1"), the rest are here until batch_flatten() */
	struct batch_item *more;
	size_t n_more;
};

struct batch {
	struct app *app;
	struct batch_item *items;
	size_t n;
	atomic_size_t next;        /* the next item a worker takes */
	atomic_size_t n_done;
	atomic_bool cancel;        /* set by another thread: workers stop */
	atomic_bool read_all;      /* batch_read() returned */
	int notify_fd;             /* a byte written after each item, or -1 */
	/* when the first item was done and when all were (monotonic seconds,
	 * 0 until then): the triage list's timings */
	_Atomic double t_first_done, t_all_done;
	struct tree *tree;         /* shared, NULL: none */
	void *tree_lock;           /* pthread_mutex_t: the workers take turns */
	struct input_pacer *pacer; /* the URLs' fetches, one a second */
	batch_fill_fn *fill;
	void *fill_arg;
};

/* The command line names many bisections: several PATHs, a directory,
 * or --list FILE (the triage list on a terminal, --scan's table else). */
bool batch_wanted(const struct app *app);

/* Collects what app's PATHs name (directories recursively in sorted
 * order, files, URLs; --list FILE's lines first) and opens the tree the
 * way one log does (-C DIR, $BISVIEW_TREE, the current directory's; none
 * with --no-tree). NULL with *err (one line) and *err_about (the list,
 * the directory or the tree it is about) when the list or a named tree
 * cannot be read, or there is no file at all.
 * Under ctx. */
struct batch *batch_new(const void *ctx, struct app *app, batch_fill_fn *fill, void *fill_arg,
			const char **err, const char **err_about);

/* Reads every item on every core (blocking; call from a thread of its own
 * for a list usable meanwhile; b->read_all is set at the end). Stops
 * early when b->cancel is set. */
void batch_read(struct batch *b);
/* Then, on the thread that reads b->items: the messages of each mbox in
 * line after it (their `order` renumbered). */
void batch_flatten(struct batch *b);
/* Both, for a caller that only waits. */
void batch_run(struct batch *b);

/* The tree facts and the fix's own verdict of one log (tree/fix.h), as
 * the single-log commands give them. */
struct log_xref *batch_tree_facts(struct tree *t, const void *ctx, const struct blog *log,
				  const struct app *app);

/* --sort p's order: the likeliest wrong culprits first, then the logs
 * without a culprit, then what could not be read; ties in walk order. */
int batch_p_wrong_cmp(const void *a, const void *b);

#endif
