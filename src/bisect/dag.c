/* The bisection range in memory: allocation and lookup by object id. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "bisect/dag.h"

struct dag *dag_new(void *mem_ctx, uint32_t n, uint32_t n_parents)
{
	struct dag *d;

	/* DAG_NONE must never be a valid index */
	if (n >= DAG_NONE || n_parents >= DAG_NONE)
		return NULL;
	d = talloc_zero(mem_ctx, struct dag);
	if (!d)
		return NULL;
	d->n = n;
	/* n + 1 entries everywhere so that an empty range still gets real
	 * arrays, never NULL ones that callers would have to special-case */
	d->oid = talloc_zero_size(d, ((size_t)n + 1) * DAG_OID_LEN);
	d->time = talloc_zero_array(d, int64_t, n + 1);
	d->parent_start = talloc_zero_array(d, uint32_t, n + 1);
	d->parent = talloc_zero_array(d, uint32_t, n_parents + 1);
	if (!d->oid || !d->time || !d->parent_start || !d->parent) {
		talloc_free(d);
		return NULL;
	}
	d->parent_start[n] = n_parents;
	return d;
}

struct oid_entry {
	uint8_t oid[DAG_OID_LEN];
	uint32_t index;
};

static int oid_entry_cmp(const void *a, const void *b)
{
	const struct oid_entry *x = a, *y = b;

	return memcmp(x->oid, y->oid, DAG_OID_LEN);
}

void dag_index(struct dag *d)
{
	struct oid_entry *e;

	TALLOC_FREE(d->by_oid);
	/* copies of the ids, because qsort() has no context argument to
	 * reach d->oid from the comparison; freed right away */
	e = talloc_array(d, struct oid_entry, d->n + 1);
	d->by_oid = talloc_array(d, uint32_t, d->n + 1);
	if (!e || !d->by_oid) {
		talloc_free(e);
		TALLOC_FREE(d->by_oid);
		return;
	}
	for (uint32_t i = 0; i < d->n; i++) {
		memcpy(e[i].oid, d->oid[i], DAG_OID_LEN);
		e[i].index = i;
	}
	qsort(e, d->n, sizeof(*e), oid_entry_cmp);
	for (uint32_t i = 0; i < d->n; i++)
		d->by_oid[i] = e[i].index;
	talloc_free(e);
}

uint32_t dag_find(const struct dag *d, const uint8_t oid[DAG_OID_LEN])
{
	uint32_t lo = 0, hi = d->n;

	if (!d->by_oid) {
		for (uint32_t i = 0; i < d->n; i++)
			if (!memcmp(d->oid[i], oid, DAG_OID_LEN))
				return i;
		return DAG_NONE;
	}
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c = memcmp(d->oid[d->by_oid[mid]], oid, DAG_OID_LEN);

		if (c == 0)
			return d->by_oid[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return DAG_NONE;
}

uint32_t dag_find_hex(const struct dag *d, const char *hex)
{
	uint8_t oid[DAG_OID_LEN];

	if (!hex || strlen(hex) != 2 * DAG_OID_LEN)
		return DAG_NONE;
	for (size_t k = 0; k < 2 * DAG_OID_LEN; k++) {
		int c = (unsigned char)hex[k], v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (v < 0)
			return DAG_NONE;
		oid[k / 2] = (uint8_t)(k % 2 ? (oid[k / 2] << 4) | v : v);
	}
	return dag_find(d, oid);
}

/* git's sort_in_topological_order() for --topo-order: a commit is ready
 * once all its children are out; the ready ones form a stack, the tips
 * pushed so that the first pops first, a commit's parents pushed in
 * parent order (so its last parent's line comes next). */
uint32_t *dag_topo_rank(const void *ctx, const struct dag *d)
{
	uint32_t *children = talloc_zero_array(NULL, uint32_t, d->n + 1);
	uint32_t *stack = talloc_array(children, uint32_t, d->n + 1);
	uint32_t *rank = talloc_array(ctx, uint32_t, d->n + 1);
	uint32_t top = 0, out = 0;

	if (!children || !stack || !rank)
		goto fail;
	for (uint32_t e = 0; e < d->parent_start[d->n]; e++)
		if (d->parent[e] != DAG_NONE)
			children[d->parent[e]]++;
	for (uint32_t i = d->n; i-- > 0;)
		if (children[i] == 0)
			stack[top++] = i;
	while (top > 0) {
		uint32_t c = stack[--top];

		rank[c] = out++;
		for (uint32_t e = d->parent_start[c]; e < d->parent_start[c + 1]; e++)
			if (d->parent[e] != DAG_NONE && --children[d->parent[e]] == 0)
				stack[top++] = d->parent[e];
	}
	if (out != d->n)  /* a cycle: not a history */
		goto fail;
	talloc_free(children);
	return rank;
fail:
	talloc_free(children);
	talloc_free(rank);
	return NULL;
}
