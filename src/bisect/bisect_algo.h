/* git bisect's choice of the next commit, re-implemented on the in-memory
 * range (doc/libraries.md §4: git 2.39's bisect.c, unchanged through 2026).
 *
 * Given the verdicts so far, it answers what git would have printed:
 * the number of candidates, "Bisecting: N revisions left to test after
 * this (roughly S steps)", and the commit it would check out next, so
 * that every git bisect step of a log can be verified.
 *
 * Pure functions of a struct dag: no libgit2, no I/O.
 */
#ifndef BISVIEW_BISECT_BISECT_ALGO_H
#define BISVIEW_BISECT_BISECT_ALGO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bisect/dag.h"

struct bisect_query {
	uint32_t bad;               /* the current bad commit (dag index) */
	const uint32_t *goods;      /* goods marked inside the range; the */
	size_t n_goods;             /* initial goods lie outside it */
	/* (A dag may hold more than the range, e.g. the initial goods'
	 * history, which only matters under clock skew, see bisect_walk.c;
	 * the initial goods are then listed here too.) */
	const uint32_t *skips;      /* skipped commits (dag indices); DAG_NONE */
	size_t n_skips;             /* for a skip outside the range */
	bool first_parent;          /* git bisect start --first-parent */
};

struct bisect_answer {
	uint32_t all;               /* candidates: reachable from bad, not from a good */
	uint32_t reaches;           /* weight of the best commit (before skips) */
	uint32_t choice;            /* what git checks out next, DAG_NONE when done */
	int revisions_left;         /* N = all - reaches - 1, as git prints it */
	int steps_left;             /* S = estimate_bisect_steps(all) */
	bool found;                 /* bad is the first bad commit */
	bool only_skipped;          /* "There are only 'skip'ped commits left" */
};

/* 0 on success, -1 on an invalid query (index out of range) or when out
 * of memory. all == 0 means a good reaches the bad commit (git: "... was
 * both good and bad"). Scratch memory is a top-level talloc context freed
 * before returning: mind talloc's null tracking when calling this from
 * several threads (doc/libraries.md §3.5). */
int bisect_next(const struct dag *d, const struct bisect_query *q, struct bisect_answer *out);

/* Mark the candidates of a query: out[i] = 1 when commit i is one.
 * Returns their number (0 for an invalid query). out has d->n entries. */
uint32_t bisect_candidates(const struct dag *d, const struct bisect_query *q, uint8_t *out);

/* Is commit `ancestor` reachable from `from` inside the range (a commit
 * reaches itself)? */
bool dag_reaches(const struct dag *d, uint32_t from, uint32_t ancestor);

/* git's estimate_bisect_steps(all). */
int bisect_estimate_steps(uint32_t all);

#endif
