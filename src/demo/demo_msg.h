/* Commit messages of the demo history (demo_msg.c). */
#ifndef BISVIEW_DEMO_DEMO_MSG_H
#define BISVIEW_DEMO_DEMO_MSG_H

#include "demo/demo_internal.h"

#define DEMO_CULPRIT_SUBJECT "mm/khugepaged: write-lock the VMA before retracting page tables"

char *demo_msg_link(const void *ctx, const struct demo_person *author, int64_t when,
		    unsigned serial);
/* subject, one or two sentences of body, Signed-off-by and friends */
char *demo_msg_patch(const void *ctx, struct demo_rng *r, const char *subject, const char *fn,
		     const struct demo_person *author, const struct demo_person *reviewer,
		     const struct demo_person *committer, int64_t when, unsigned serial);
/* "Merge tag 'x' of tree" with the pulled subjects, oldest first */
char *demo_msg_pull(const void *ctx, const char *tag, const char *tree, const char *pull,
		    const char *what, const struct demo_person *maintainer,
		    const char *const *subjects, size_t n);
char *demo_msg_culprit(const void *ctx, const struct demo_person *author,
		       const struct demo_person *reviewer, const struct demo_person *committer,
		       int64_t when);
char *demo_msg_fix(const void *ctx, const char *culprit_hex, const struct demo_person *author,
		   const struct demo_person *committer, int64_t when);

#endif
