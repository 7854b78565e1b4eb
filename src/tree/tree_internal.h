/* What an open tree holds; for src/tree/ only. */
#ifndef BISVIEW_TREE_TREE_INTERNAL_H
#define BISVIEW_TREE_TREE_INTERNAL_H

#include <git2.h>

#include "tree/tree.h"

struct tree {
	git_repository *repo;
	git_odb *odb;
	git_mailmap *mailmap;   /* NULL when the repository has none */
	const char *path;
	bool shallow;
	struct cgraph *graph;   /* git's commit-graph, read by us; or NULL */
	struct tree_partial *partial; /* NULL: not a partial clone */
	git_oid *missing_ids;   /* the objects found missing so far */
	size_t n_missing_ids;
};

/* partial.c: is this a partial clone (from its config)? Sets t->partial. */
void tree_partial_detect(struct tree *t);
/* ... and is a bare one's HEAD:.mailmap among its missing objects? */
void tree_partial_check_mailmap(struct tree *t);

/* Is object id missing from a partial clone? Counts it once. False in a
 * repository that is no partial clone: there, a missing object is damage. */
bool tree_object_missing(struct tree *t, const git_oid *id);

/* After a libgit2 call failed: was it for an object a partial clone lacks
 * (counted when libgit2 names it)? */
bool tree_missing_after_error(struct tree *t);

/* Resolve a ref from a log (full hash, abbreviation, tag) to a commit id
 * without the pack rescan a missing full hash would cost. 0 or -1. */
int tree_resolve(struct tree *t, const char *ref, git_oid *out);

/* A commit's diff against its first parent, renames detected; the
 * commit's parent count into *n_parents when not NULL. */
int tree_commit_diff(struct tree *t, const char *commit, git_diff **out, unsigned *n_parents);

/* One file of a diff, with `git show --stat` numbers from its patch
 * (patch may be NULL: no numbers). Strings under ctx. */
void diff_file_fill(const void *ctx, struct diff_file *df, const git_diff_delta *d, git_patch *patch);

/* Are the blobs of delta d in the tree? When a partial clone lacks one,
 * df gets content_missing and the caller makes no patch of it. */
bool diff_blobs_present(struct tree *t, const git_diff_delta *d);

/* loose_guard.c: a first backend in odb that refuses a loose object
 * whose zlib stream is cut short (libgit2 1.5.1 hangs reading one) and
 * passes every other read on. dirs: the objects directories to look in.
 * 0 or -1. */
int loose_guard_add(git_odb *odb, const char *const *dirs, size_t n_dirs, int priority);

#endif
