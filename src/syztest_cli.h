/* --syz-test: the `#syz test` mail body that reverts the culprit
 * (doc/syz-test.md), wired from the log, the tree and the options. */
#ifndef BISVIEW_SYZTEST_CLI_H
#define BISVIEW_SYZTEST_CLI_H

#include "app.h"
#include "log/model.h"
#include "tree/tree.h"

/* Exit status when there is no patch to print: the revert conflicts on
 * the start commit, the culprit is a merge, or there is nothing to revert
 * (doc/design.md §6). */
#define EXIT_NO_PATCH 3

/* The mail body on standard output, or why there is none on standard
 * error. Returns the exit status. */
int syz_test_run(struct app *app, struct tree *t, const struct blog *log);

#endif
