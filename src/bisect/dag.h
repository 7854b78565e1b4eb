/* The bisection range in memory: the commits of `git rev-list BAD ^GOOD...`
 * for the log's first `git bisect start`, as arrays (doc/libraries.md §1.3.4:
 * one walk at load time, then every count, ancestry question and bisect
 * choice is graph work in memory, no libgit2 call).
 *
 * Pure data: no libgit2 types, so the bisect algorithm (bisect_algo.h)
 * can be tested on graphs built by hand or from `git rev-list --parents`.
 *
 * Ownership: a struct dag and its arrays are one talloc tree.
 */
#ifndef BISVIEW_BISECT_DAG_H
#define BISVIEW_BISECT_DAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DAG_OID_LEN 20
#define DAG_NONE UINT32_MAX

struct dag {
	uint32_t n;              /* commits in the range */
	/* Index i is the i-th commit `git rev-list BAD ^GOOD...` prints
	 * (libgit2 GIT_SORT_NONE gives the same order). */
	uint8_t (*oid)[DAG_OID_LEN];
	int64_t *time;           /* committer time, seconds */
	/* Parents in parent order, compressed: the parents of i are
	 * parent[parent_start[i] .. parent_start[i + 1]). A parent outside
	 * the range is DAG_NONE (it is reachable from a good). */
	uint32_t *parent_start;  /* n + 1 entries */
	uint32_t *parent;
	uint32_t *by_oid;        /* indices sorted by oid, for dag_find() */
};

/* A dag of n commits and n_parents parent entries in all, every array
 * allocated (zeroed) under the new struct, itself a talloc child of
 * mem_ctx; parent_start[n] is set to n_parents, the rest is the caller's
 * to fill. NULL when out of memory or too large for one talloc chunk. */
struct dag *dag_new(void *mem_ctx, uint32_t n, uint32_t n_parents);

/* Index of a commit by raw id, or DAG_NONE. O(log n) after dag_index(),
 * a linear search before. */
uint32_t dag_find(const struct dag *d, const uint8_t oid[DAG_OID_LEN]);

/* dag_find() by a 40-hex name (either case); DAG_NONE for anything else. */
uint32_t dag_find_hex(const struct dag *d, const char *hex);

/* Where each commit stands in `git rev-list --topo-order`'s order of the
 * range: children before parents, and a line of history kept together (a
 * merge's last parent's line right after the merge, as git does it),
 * starting from the tips in the dag's order. rank[i] is commit i's
 * position, 0 the newest; an array of n under ctx, NULL when out of
 * memory or on a cycle. The map view draws the range in this order
 * (doc/model.md §9.1). */
uint32_t *dag_topo_rank(const void *ctx, const struct dag *d);

/* Build the lookup index dag_find() uses (call once after filling).
 * Out of memory leaves by_oid NULL: dag_find() then searches linearly. */
void dag_index(struct dag *d);

#endif
