/* git's commit-graph file, read directly (see cgraph.c for why). */
#ifndef BISVIEW_TREE_CGRAPH_H
#define BISVIEW_TREE_CGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CGRAPH_OID_LEN 20
#define CGRAPH_MAX_PARENTS 256  /* the kernel's largest octopus has 66 */

struct cgraph;

struct cgraph_commit {
	int64_t time;           /* committer time */
	uint32_t level;         /* topological level (generation v1) */
	uint32_t parents[CGRAPH_MAX_PARENTS];
	unsigned n_parents;
};

/* The repository's objects/info/commit-graph, or NULL when there is none
 * or it is of a kind we do not read (a split chain, SHA-256). */
struct cgraph *cgraph_open(const void *ctx, const char *objects_dir);

bool cgraph_lookup(const struct cgraph *g, const uint8_t oid[CGRAPH_OID_LEN], uint32_t *pos);
const uint8_t *cgraph_oid(const struct cgraph *g, uint32_t pos);
uint32_t cgraph_size(const struct cgraph *g);

/* 0, or -1 when the entry points outside the file (a corrupt graph). */
int cgraph_commit(const struct cgraph *g, uint32_t pos, struct cgraph_commit *out);

/* 1 when `to` is reachable from `from` (a commit reaches itself), 0 when
 * not, -1 on a corrupt graph. Pruned by topological levels. */
int cgraph_reaches(const void *ctx, const struct cgraph *g, uint32_t from, uint32_t to);

#endif
