/* The libgit2 repository of an open tree, for the demo (src/demo/) only.
 *
 * Why: the demo writes its repository through its own libgit2 handle,
 * then opens it as a struct tree like any user's tree and reads back what
 * git would print (commit subjects, authors with their dates, ancestry,
 * trees) that tree.h's answers do not carry as git formats them (tree.h
 * gives mailmapped authors and ISO dates). Everything else goes through
 * tree.h; tree_internal.h stays private to src/tree/.
 *
 * The handle belongs to the tree: do not free it, and do not use it
 * after the tree is freed or from another thread.
 */
#ifndef BISVIEW_TREE_TREE_GIT_H
#define BISVIEW_TREE_TREE_GIT_H

#include <git2.h>

#include "tree/tree.h"

git_repository *tree_git_repository(struct tree *t);

#endif
