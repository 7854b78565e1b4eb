/* Each kind of log framed as what it is (doc/design.md §7.1): a fix
 * bisection's verdicts by meaning, a plain `git bisect log` in git's own
 * terms, a crash report alone, a fragment. --summary and the explorer
 * share these words; --json keeps git's (doc/json.md). */
#ifndef BISVIEW_REPORT_FRAMING_H
#define BISVIEW_REPORT_FRAMING_H

#include <stdbool.h>

#include "log/model.h"

/* A step's verdict as people read it: in a syzbot fix bisection what the
 * step did ("crashes" for git's good, "no crash" for git's bad); in a git
 * bisect log the term the log used (good/bad, old/new, its own); else
 * verdict_word(). Translated, but never git's or the log's own terms.
 * Unsanitised, like every string below: custom terms are the log's text. */
const char *frame_verdict_word(const struct blog *log, enum verdict v);

/* The verdict column: as wide as header and every frame_verdict_word()
 * of this log, at least min. */
int frame_verdict_width(const struct blog *log, const char *header, int min);

/* Does a step with git's verdict v stand for a commit with the bug
 * (1), one without it (0), or neither (-1: skip, none)? In a fix
 * bisection git's good commit still has the bug. */
int frame_verdict_has_bug(const struct blog *log, enum verdict v);

/* The word a git bisect log marked v with: bad/good, new/old, or the
 * log's own terms (VERDICT_GOOD and VERDICT_BAD only). */
const char *frame_git_term(const struct blog *log, enum verdict v);

/* The log's first words: "Cause bisection syzbot", "Fix bisection
 * syzbot", "git bisect log", "Crash report", "Fragment of a fix
 * bisection (syzbot)". Under ctx. */
const char *frame_title(const void *ctx, const struct blog *log);

/* The result's label before its commit: "Culprit", "Fixed by", or in a
 * git bisect log "First bad commit" in its terms. Under ctx. */
const char *frame_result_label(const void *ctx, const struct blog *log);

/* Did the log record test runs? A git bisect log records marks only. */
bool frame_has_runs(const struct blog *log);

#endif
