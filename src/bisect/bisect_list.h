/* Internals of bisect_algo.c, shared with its tests: the candidate list of
 * one query in the order git's find_bisection() walks it, and the
 * weights do_find_bisection() computes (doc/libraries.md §4.1 steps 3 - 6).
 *
 * Not an API for the rest of the program: use bisect_algo.h.
 */
#ifndef BISVIEW_BISECT_BISECT_LIST_H
#define BISVIEW_BISECT_BISECT_LIST_H

#include <stdbool.h>
#include <stdint.h>

#include "bisect/bisect_algo.h"
#include "bisect/dag.h"

/* Entry k of the list is commit item[k]. Entry numbers follow
 * find_bisection()'s order: the reverse of `git rev-list BAD ^GOOD...`
 * for the query's bad and goods, so roughly oldest first, and the bad
 * commit is the last entry. */
struct bisect_list {
	uint32_t nr;
	uint32_t *item;         /* entry -> dag index */
	uint32_t *entry;        /* dag index -> entry, DAG_NONE if not a candidate */
	/* The parents git calls "interesting": candidates, in parent order,
	 * only the first one in first-parent mode; as entry numbers, CSR
	 * like struct dag (pstart has nr + 1 entries). */
	uint32_t *pstart;
	uint32_t *par;
	uint32_t *weight;       /* candidates reachable from the entry, itself included */
};

/* Indices in range, pointers set where counts are non-zero. */
bool bisect_query_valid(const struct dag *d, const struct bisect_query *q);

enum bisect_range_how {
	/* Re-play git's limit_list() walk (bisect_walk.c): git's answer,
	 * even where clock skew makes it wrong. */
	BISECT_RANGE_WALK,
	/* Exact reachability, ordered as limit_list() would output it
	 * without losses to skew. For comparisons. */
	BISECT_RANGE_REACH,
};

/* The candidates of query q (validated by the caller) in the order
 * limit_list() outputs them, i.e. `git rev-list BAD ^GOOD...` for the
 * query's bad and goods, written to out (d->n entries). Returns their
 * number, DAG_NONE when out of memory. */
uint32_t bisect_range(void *mem_ctx, const struct dag *d, const struct bisect_query *q,
		      enum bisect_range_how how, uint32_t *out);

/* Fill l for query q (validated by the caller), everything allocated
 * under mem_ctx. Weights are left NULL. 0, or -1 when out of memory. */
int bisect_list_build(void *mem_ctx, const struct dag *d, const struct bisect_query *q,
		      enum bisect_range_how how, struct bisect_list *l);

/* bisect_next() with a choice of how the candidates are found. */
int bisect_next_how(const struct dag *d, const struct bisect_query *q, enum bisect_range_how how,
		    struct bisect_answer *out);

enum bisect_weigh_how {
	BISECT_WEIGH_FAST,      /* bitsets over chains; falls back to WALK if too big */
	BISECT_WEIGH_WALK,      /* git's count_distance() walk from every merge */
};

/* Set l->weight (allocated under mem_ctx). 0, or -1 when out of memory. */
int bisect_list_weigh(void *mem_ctx, struct bisect_list *l, enum bisect_weigh_how how);

#endif
