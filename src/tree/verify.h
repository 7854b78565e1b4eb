/* Checking a log's git bisect steps against what git would have done. */
#ifndef BISVIEW_TREE_VERIFY_H
#define BISVIEW_TREE_VERIFY_H

#include "log/model.h"
#include "tree/tree.h"
#include "tree/xref.h"

/* Walk the first `git bisect start` range into memory and fill the
 * per-step candidates, revisions_left, git_choice and matches of x. */
void verify_range(struct tree *t, struct log_xref *x, const struct blog *log);

#endif
