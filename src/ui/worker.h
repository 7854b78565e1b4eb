/* The git worker: one thread that owns the tree (libgit2 is not used by
 * two threads at once, doc/libraries.md §1.3.8). The ui thread posts jobs and
 * collects finished ones without blocking; each job's results live in
 * the job's own talloc context, handed over whole (doc/libraries.md §3.5). */
#ifndef BISVIEW_UI_WORKER_H
#define BISVIEW_UI_WORKER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

#include "log/model.h"
#include "tree/revert.h"
#include "tree/tree.h"
#include "tree/xref.h"

enum job_kind {
	JOB_XREF,       /* every step's facts and the range check */
	JOB_PATCH,      /* a commit's patch against its first parent */
	JOB_FILE,       /* a file's text at a commit */
	JOB_FACTS,      /* a commit's facts (the posterior's next test's subject) */
	JOB_FIX,        /* the fix's own verdict (tree/fix.h), after JOB_XREF */
	JOB_REVERT,     /* the culprit reverted on the start commit (tree/revert.h) */
};

struct job {
	enum job_kind kind;
	int step;                   /* the step it is for, or -1 */
	const char *commit;         /* JOB_PATCH, JOB_FILE, JOB_FACTS */
	const char *path;           /* JOB_FILE */
	int line;                   /* JOB_FILE: the line to show */
	/* results, filled by the worker */
	int status;                 /* 0 ok, -1 failed (error says why), TREE_MISSING:
				     * a partial clone lacks what the answer needs */
	const char *error;
	/* A partial clone's answer that lacks objects (TREE_MISSING, or a
	 * patch file's content_missing): the one git command that fetches
	 * them (tree_fetch_command()); else NULL. */
	const char *fetch;
	bool file_listed;           /* JOB_FILE, TREE_MISSING: the path is a file
				     * at the commit, only its content is missing */
	struct log_xref *xref;
	struct commit_facts facts;  /* JOB_FACTS */
	struct commit_patch patch;
	char *text;
	size_t len;
	/* JOB_FILE: the work tree's own file when it is text byte for byte
	 * (tree/workdir.h): the editor gets that path; else NULL */
	const char *worktree_file;
	bool no_tree;               /* the tree could not be opened (error says why,
				     * or is NULL when there was none to find) */
	bool cancelled;             /* set by the ui: drop the result */
	double seconds;             /* how long the job took */
	/* JOB_FIX: what to look for, the facts it reads (the ui's, read
	 * only until the job is taken), and what it found */
	struct fix_query fix_query;
	const struct log_xref *fix_xref;
	const struct tree_fix *fix;
	struct fix_search fix_search;
	atomic_size_t fix_read;     /* commits read so far (the status line) */
	/* JOB_REVERT: commit reverted on onto, the subjects the mail or the
	 * refusal names (the culprit's, a merge's parents') */
	const char *onto;
	struct tree_revert revert;
	const char *subject;
	const char **parent_subjects;
	struct job *next;
};

struct worker;

/* Starts the thread, which opens the tree itself (tree_open(): path may
 * be NULL for $BISVIEW_TREE or the current directory) so that the first
 * screen never waits for it; the log is only read, by both threads.
 * Returns NULL on failure. */
struct worker *worker_start(const char *path, bool trust, const struct blog *log);

/* A new job (a top-level talloc context; the worker's results become
 * its children). */
struct job *job_new(enum job_kind kind, int step);
void worker_post(struct worker *w, struct job *j);

/* A finished job, or NULL; the caller owns (and frees) it. */
struct job *worker_take(struct worker *w);

/* Jobs posted and not yet taken. */
size_t worker_pending(struct worker *w);

/* Waits until a job is finished (for script mode: the next key only
 * when no work is pending). */
void worker_wait(struct worker *w);

/* Marks every queued and running job cancelled. */
void worker_cancel(struct worker *w);

/* The file descriptor that becomes readable when a job finishes. */
int worker_fd(const struct worker *w);

/* Stops the thread, frees the tree and every job. */
void worker_stop(struct worker *w);

#endif
