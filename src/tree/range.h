/* Walking `git rev-list BAD ^GOOD...` into a struct dag (libgit2 side). */
#ifndef BISVIEW_TREE_RANGE_H
#define BISVIEW_TREE_RANGE_H

#include <git2.h>

#include "bisect/dag.h"
#include "tree/tree.h"

/* One revwalk in rev-list order, then each commit's parents and time.
 * Returns NULL when a commit cannot be read (a shallow boundary, a
 * corrupt object); *err says why. */
struct dag *range_walk(struct tree *t, const void *ctx, const git_oid *bad,
		       const git_oid *goods, size_t n_goods, const char **err);

/* The same walk from git's commit-graph file, with no commit inflated.
 * NULL when a commit is not in the graph (the caller then walks with
 * libgit2). */
struct cgraph;
struct dag *range_walk_graph(const void *ctx, const struct cgraph *g, const uint8_t *bad,
			     const uint8_t (*goods)[20], size_t n_goods);

#endif
