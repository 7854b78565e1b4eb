/* What to run next (doc/model.md §11, doc/json.md §2 "next"): an ordered
 * list of actions that would settle a doubted bisection, from the model's
 * blamed step and rate, the posterior's next commit and the culprit.
 * Pure: no I/O, no libgit2; --json, --summary and the explorer share it. */
#ifndef BISVIEW_REPORT_NEXT_H
#define BISVIEW_REPORT_NEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

/* The level a re-test aims at: a clean result (or the crash showing)
 * at 95% (doc/model.md §11). */
#define NEXT_CONFIDENCE 0.95
/* Runs asked for at most: a reproducer rarer than about 3% would ask for
 * hundreds of runs, more than anyone spends on one commit. */
#define NEXT_RUNS_MAX 100

enum next_kind { NEXT_RETEST, NEXT_REVERT, NEXT_TEST, NEXT_RESUME };

struct next_action {
	enum next_kind kind;
	const char *commit;  /* 40-hex, or NULL */
	int step;            /* the log's step, or -1 */
	int runs;            /* runs to ask for, or -1 */
	const char *why;     /* one sentence, translated, unsanitised */
};

/* The action's English key ("retest", "test", "revert", "resume"). */
const char *next_kind_name(enum next_kind k);
/* The same for people, translated. */
const char *next_kind_word(enum next_kind k);

/* The runs that make a clean result convincing at NEXT_CONFIDENCE when
 * the reproducer crashes with probability rate: the least n with
 * (1 - rate)^n <= 1 - NEXT_CONFIDENCE, at most NEXT_RUNS_MAX (*capped
 * then says so). At least 1. */
int next_runs(double rate, bool *capped);

/* The ordered list under ctx (*out; NULL and 0 when nothing applies). */
size_t report_next(const void *ctx, const struct blog *log, const struct report_ctx *rc,
		   struct next_action **out);
/* --json's "next" (doc/json.md §2): always an array. */
json_object *report_next_json(const struct blog *log, const struct report_ctx *rc);
/* --summary's "Next:" block; nothing when the list is empty. */
void report_summary_next(FILE *out, const struct blog *log, const struct report_ctx *rc);

/* One action in words: "re-test c9c3395d5e3d (2 runs): why", sanitised
 * with flags (sanitize.h). Under ctx. */
const char *report_next_line(const void *ctx, const struct next_action *a, unsigned flags);

/* --summary: an inconclusive result's candidates, one a line with the
 * tree's subject; nothing without a tree. */
void report_summary_candidates(FILE *out, const struct blog *log, const struct report_ctx *rc);

#endif
