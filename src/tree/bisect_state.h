/* The bisection git is in, as its git directory holds it (doc/design.md
 * §12): git 2.39 keeps BISECT_LOG, BISECT_START, BISECT_TERMS,
 * BISECT_EXPECTED_REV, BISECT_NAMES (and BISECT_HEAD with --no-checkout)
 * in the git directory of the work tree that bisects - a linked
 * worktree's own (.git/worktrees/NAME/), not the main one's. Only read:
 * no file, ref or lock is written.
 *
 * The candidates left and the steps git estimates are not read here:
 * they are the replay's (verify.c: log_xref.next), on the log parsed from
 * BISECT_LOG. Threads: as tree.h. */
#ifndef BISVIEW_TREE_BISECT_STATE_H
#define BISVIEW_TREE_BISECT_STATE_H

#include <stdbool.h>

#include "tree/tree.h"

struct tree_bisect_state {
	const char *git_dir;        /* the git directory that bisects */
	const char *log_path;       /* its BISECT_LOG */
	/* What git checked out for testing: BISECT_EXPECTED_REV, else
	 * BISECT_HEAD (--no-checkout), else HEAD; 40-hex, or NULL. */
	const char *checked_out;
	bool expected;              /* checked_out is BISECT_EXPECTED_REV */
	const char *subject;        /* checked_out's subject, or NULL */
	/* BISECT_TERMS: the term for the commits with the change (git's
	 * "bad" or "new") and for those without; NULL when absent. */
	const char *term_new, *term_old;
	bool pathspec;              /* BISECT_NAMES names paths */
	bool no_checkout;           /* BISECT_HEAD: git bisect start --no-checkout */
};

/* 1 when the tree's git directory holds BISECT_LOG (out filled, strings
 * under ctx), 0 when it does not (git is not bisecting there). */
int tree_bisect_state(struct tree *t, const void *ctx, struct tree_bisect_state *out);

#endif
