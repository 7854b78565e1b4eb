/* The mail body of a `#syz test` that reverts the culprit on the
 * bisection's start commit (doc/syz-test.md), from a revert the tree
 * made (tree/revert.h). Nothing here touches git. */
#ifndef BISVIEW_REPORT_SYZTEST_H
#define BISVIEW_REPORT_SYZTEST_H

#include <stdbool.h>

#include "tree/revert.h"

struct syz_test_input {
	const char *repo_url;          /* the `#syz test:` tree */
	const struct tree_revert *revert;
	const char *subject;           /* the culprit's, unsanitised */
	const char **parent_subjects;  /* a merge's parents' (n_parents; entries may be NULL) */
	long long now;                 /* the Date: header, seconds since the epoch */
	unsigned san_flags;            /* sanitize() flags for the repository's text */
	bool sanitize_patch;           /* the patch too: it goes to a terminal */
};

/* REVERT_CLEAN: the whole mail body ("#syz test: ...", a blank line, the
 * patch in `git format-patch` form). Under ctx. */
char *syz_test_mail(const void *ctx, const struct syz_test_input *in);

/* Any other outcome: why there is no patch, one line, then the
 * conflicting files or the merge's parents one per line (indented),
 * translated and sanitised. Under ctx. */
char *syz_test_refusal(const void *ctx, const struct syz_test_input *in);

/* The start commit syzbot tests the revert on: the log's "bisecting cause
 * commit starting from", else the bad end of `git bisect start`. NULL
 * (with *why, translated) for a fix bisection, a log with no culprit or
 * no start commit. */
struct blog;
const char *syz_test_start(const struct blog *log, const char **culprit, const char **why);

#endif
