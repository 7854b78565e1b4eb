/* The line shapes of a syzbot bisection log (doc/log-format.md §3), told
 * apart by their text alone. Context (inside a crash report, a git show
 * block, a run's error text) is the parser's business, not this one's. */
#ifndef BISVIEW_LOG_SYZBOT_SHAPE_H
#define BISVIEW_LOG_SYZBOT_SHAPE_H

#include <stddef.h>

enum shape {
	SH_UNKNOWN,
	SH_BLANK,
	/* header */
	SH_HOST_START, SH_CAUSE_START, SH_FIX_START, SH_BUILDING_SYZKALLER,
	SH_FETCH, SH_FETCH_FAILED, SH_REWRITTEN, SH_ENSURING,
	/* test block */
	SH_TESTING_COMMIT, SH_COMPILER, SH_KERNEL_SIG, SH_FAILED_BUILDING,
	SH_ALL_RUNS, SH_RUN, SH_BARE_FAILED, SH_REPRO_FAILURE,
	SH_REPRESENTATIVE, SH_UNDETERMINED, SH_FALSE_NEGATIVE, SH_SEEMS_FLAKY,
	/* config minimisation */
	SH_CONFIG, SH_CONFIG_SCRIPT,
	/* range search */
	SH_PICKED, SH_TESTING_RELEASE, SH_TESTING_HEAD, SH_MERGE_BASE_NOTE,
	SH_MERGE_BASE_IS, SH_NO_MERGE_BASE_CRASH,
	/* git bisect */
	SH_GIT_START, SH_GIT_VERDICT, SH_BISECTING, SH_BISECTING_MERGE_BASE,
	SH_NEXT, SH_GIT_WARNING, SH_GIT_FIRST_BAD, SH_ONLY_SKIPPED,
	SH_GIT_COULD_BE, SH_CANNOT_BISECT, SH_HASH_ONLY, SH_GIT_ERROR_TEXT,
	SH_PRECHECK, SH_PRECHECK_MERGE_BASE, SH_PRETEND,
	/* after convergence */
	SH_ERROR_PROB, SH_PARENT_NOT_TESTED, SH_CULPRIT_SIG, SH_PARENT_SIG,
	SH_KERNEL_SIG_OLD, SH_PREVIOUS_SIG, SH_FAILED_DETECT,
	/* summary */
	SH_FLAGGED_FLAKY, SH_IS_FLAKY, SH_REVISIONS_TESTED, SH_ERROR,
	SH_BOUNDARY, SH_COMMIT_MSG, SH_INCONCLUSIVE, SH_FIRST_COMMIT,
	SH_CC, SH_RECIPIENTS_TO, SH_RECIPIENTS_CC, SH_CRASH,
	/* text from mail around a pasted log */
	SH_MAIL_NOTE,
	SH_COUNT
};

enum shape shape_of(const char *s, size_t len);

/* Does this shape end a git show block / a run's continuation text? */
int shape_is_summary(enum shape sh);

#endif
