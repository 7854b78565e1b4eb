/* Shared by src/tree/fix.c and src/tree/fix_walk.c. */
#ifndef BISVIEW_TREE_FIX_INTERNAL_H
#define BISVIEW_TREE_FIX_INTERNAL_H

#include "tree/fix.h"
#include "tree/tree_internal.h"

/* One search: what a message is compared with, and what was found. */
struct fix_walk {
	struct tree *t;
	const struct fix_query *q;
	char *reported_by;          /* "Reported-by: syzbot+EXTID@", or NULL */
	char *title;                /* the crash title, normalised, or NULL */
	char *title_prefix;         /* its start up to the first '.' or ':' */
	void *tmp;
	git_oid found;
	bool have_extid, have_title;
	size_t visited;
	bool cut;                   /* stopped at FIX_WALK_MAX */
};

/* Read commit id's message and compare it; true when the walk may stop
 * (the extid matched, or the title did and there is no extid to look
 * for). Counts the commit and reports progress. */
bool fix_visit(struct fix_walk *fw, const git_oid *id);

/* fix_walk.c: the walk from tips back to, not including, the culprit's
 * ancestors over git's commit-graph (tree/cgraph.h), without libgit2's
 * revwalk (which inflates every commit when libgit2 1.5.1 cannot read
 * the graph, doc/libraries.md §1.1). -1 when the graph cannot answer
 * (none, or the culprit is not in it): the caller walks with libgit2. */
int fix_walk_graph(struct fix_walk *fw, const git_oid *culprit, const git_oid *tips,
		   size_t n_tips);

#endif
