/* The fix's own verdict (doc/design.md §8.1): the commit after the
 * culprit that fixed this bug, found in the tree, and the commit its
 * `Fixes:` trailers name. Plain data: the signals, report and ui layers
 * read it without touching libgit2. */
#ifndef BISVIEW_TREE_FIX_H
#define BISVIEW_TREE_FIX_H

#include <stdbool.h>
#include <stddef.h>

#include "log/model.h"

struct tree;
struct log_xref;

/* What to look for, and where. */
struct fix_query {
	const char *extid;          /* syzbot's bug id (--extid), or NULL */
	const char *const *branches; /* --branch REFs walked besides HEAD */
	size_t n_branches;
	/* Called now and then from the walk with the commits read so far
	 * (the explorer's status line); may be NULL. Returns false to stop
	 * the walk (Esc in the explorer): the search is then incomplete. */
	bool (*progress)(void *arg, size_t visited);
	void *progress_arg;
};

/* How the fix was recognised. */
enum fix_match { FIX_BY_EXTID, FIX_BY_TITLE };

/* At most this many commits are read by one search, the newest first:
 * about two years of the kernel's history after the culprit, and within
 * 2 s on 2 cores (bench/fix-scale.sh). Beyond it, the search says it was
 * cut (struct fix_search). */
#define FIX_WALK_MAX 150000

/* How the search went, found or not (--json's tree.fix_search). */
struct fix_search {
	bool searched;              /* there was something to look for */
	size_t commits;             /* commit messages read */
	bool complete;              /* false: cut at FIX_WALK_MAX */
};

/* At most this many Fixes: trailers are read from one message. */
#define FIX_MAX_TRAILERS 16

struct tree_fix {
	const char *commit;         /* 40-hex */
	const char *subject;        /* its first line, cut at 200 bytes; not sanitised */
	enum fix_match match;
	const char **fixes;         /* the Fixes: commits the tree has, 40-hex, each once */
	size_t n_fixes;
	bool agrees;                /* one of them is the culprit */
	/* With fixes and not agrees, for a cause bisection: the first step
	 * (log order) whose verdict contradicts fixes[0] - "good" on a commit
	 * that contains it, "bad" on one that does not - or -1. */
	int contradicting_step;
};

/* Walk from HEAD (and q->branches) back to, not including, the culprit's
 * ancestors; the first commit whose message carries
 * "Reported-by: syzbot+EXTID@" is the fix, else the first whose message
 * has a line that is the log's crash title (title_normalize()). NULL when
 * there is none, or no culprit in the tree (x->has_culprit), or the log
 * is a fix bisection. How the walk went into *search (may be NULL).
 * Under ctx. */
const struct tree_fix *tree_find_fix(struct tree *t, const void *ctx, const struct blog *log,
				     const struct log_xref *x, const struct fix_query *q,
				     struct fix_search *search);

#endif
