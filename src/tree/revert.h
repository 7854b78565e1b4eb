/* A patch that reverts a commit on another commit, made in memory from
 * the user's tree (doc/syz-test.md): for `#syz test`. Read-only like
 * the rest of src/tree/: the merge's results stay in this process. */
#ifndef BISVIEW_TREE_REVERT_H
#define BISVIEW_TREE_REVERT_H

#include <stddef.h>

#include "tree/tree.h"

enum revert_outcome {
	REVERT_CLEAN,      /* patch and stat are set */
	REVERT_CONFLICT,   /* conflicts names the files; no patch */
	REVERT_MERGE,      /* the commit is a merge: parents are set; no patch */
	REVERT_EMPTY,      /* the start commit lacks the change already: nothing to revert */
};

struct tree_revert {
	enum revert_outcome outcome;
	const char *commit;        /* the reverted commit, 40-hex */
	const char *onto;          /* the commit the revert applies to, 40-hex */
	const char *patch;         /* `git diff` text of the revert (unsanitised) */
	const char *stat;          /* `git diff --stat` text, as format-patch prints it */
	const char **conflicts;    /* paths, unsanitised */
	size_t n_conflicts;
	const char **parents;      /* a merge's parents, 40-hex */
	size_t n_parents;
};

/* Reverts commit on onto (each a hash or a ref the tree resolves).
 * Returns 0 with *out filled, -1 when a commit is not in the tree or
 * libgit2 fails (a translated one-line reason in *err). Under ctx. */
int tree_revert(struct tree *t, const void *ctx, const char *commit, const char *onto,
		struct tree_revert *out, const char **err);

#endif
