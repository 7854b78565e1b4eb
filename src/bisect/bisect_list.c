/* The candidate list of one bisect query in find_bisection()'s order, and
 * do_find_bisection()'s weights (doc/libraries.md §4.1 steps 4 - 6).
 */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "bisect/bisect_list.h"

/* Bitsets above this many 64-bit words (64 MiB) make the fast weighing
 * give way to git's own walk, which needs no memory. */
#define WEIGH_MAX_WORDS (8u << 20)

bool bisect_query_valid(const struct dag *d, const struct bisect_query *q)
{
	if (!d || !q || q->bad >= d->n)
		return false;
	if (q->n_goods && !q->goods)
		return false;
	if (q->n_skips && !q->skips)
		return false;
	for (size_t i = 0; i < q->n_goods; i++)
		if (q->goods[i] >= d->n)
			return false;
	/* a skip outside the range (DAG_NONE) still switches git to
	 * FIND_BISECTION_ALL, so it is accepted */
	for (size_t i = 0; i < q->n_skips; i++)
		if (q->skips[i] >= d->n && q->skips[i] != DAG_NONE)
			return false;
	return true;
}

int bisect_list_build(void *mem_ctx, const struct dag *d, const struct bisect_query *q,
		      enum bisect_range_how how, struct bisect_list *l)
{
	uint32_t *order = talloc_array(mem_ctx, uint32_t, d->n + 1);
	uint32_t nr, n_par = 0;

	memset(l, 0, sizeof(*l));
	if (!order)
		return -1;
	nr = bisect_range(order, d, q, how, order);
	if (nr == DAG_NONE)
		goto fail;
	l->nr = nr;
	l->item = talloc_array(mem_ctx, uint32_t, nr + 1);
	l->entry = talloc_array(mem_ctx, uint32_t, d->n + 1);
	l->pstart = talloc_array(mem_ctx, uint32_t, nr + 1);
	if (!l->item || !l->entry || !l->pstart)
		goto fail;

	/* find_bisection() reverses the list */
	for (uint32_t i = 0; i < d->n; i++)
		l->entry[i] = DAG_NONE;
	for (uint32_t k = 0; k < nr; k++) {
		l->item[k] = order[nr - 1 - k];
		l->entry[l->item[k]] = k;
	}
	for (uint32_t k = 0; k < nr; k++) {
		uint32_t x = l->item[k];

		l->pstart[k] = n_par;
		for (uint32_t j = d->parent_start[x]; j < d->parent_start[x + 1]; j++) {
			if (d->parent[j] < d->n && l->entry[d->parent[j]] != DAG_NONE)
				n_par++;
			if (q->first_parent)
				break;
		}
	}
	l->pstart[nr] = n_par;
	l->par = talloc_array(mem_ctx, uint32_t, n_par + 1);
	if (!l->par)
		goto fail;
	n_par = 0;
	for (uint32_t k = 0; k < nr; k++) {
		uint32_t x = l->item[k];

		for (uint32_t j = d->parent_start[x]; j < d->parent_start[x + 1]; j++) {
			if (d->parent[j] < d->n && l->entry[d->parent[j]] != DAG_NONE)
				l->par[n_par++] = l->entry[d->parent[j]];
			if (q->first_parent)
				break;
		}
	}
	talloc_free(order);
	return 0;
fail:
	talloc_free(order);
	TALLOC_FREE(l->item);
	TALLOC_FREE(l->entry);
	TALLOC_FREE(l->pstart);
	TALLOC_FREE(l->par);
	return -1;
}

/* Parents before children: Kahn's algorithm from the children's side,
 * reversed. The list order is no such order under clock skew. Fails on a
 * cycle, which only a hand-made graph can have. */
static uint32_t *topo_order(void *tmp, const struct bisect_list *l, uint32_t **nchild_out)
{
	uint32_t nr = l->nr, head = 0, tail = 0;
	uint32_t *nchild = talloc_zero_array(tmp, uint32_t, nr + 1);
	uint32_t *left = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *queue = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *order = talloc_array(tmp, uint32_t, nr + 1);

	if (!nchild || !left || !queue || !order)
		return NULL;
	for (uint32_t j = 0; j < l->pstart[nr]; j++)
		nchild[l->par[j]]++;
	memcpy(left, nchild, nr * sizeof(*left));
	for (uint32_t k = 0; k < nr; k++)
		if (!left[k])
			queue[tail++] = k;
	while (head < tail) {
		uint32_t x = queue[head++];

		for (uint32_t j = l->pstart[x]; j < l->pstart[x + 1]; j++)
			if (--left[l->par[j]] == 0)
				queue[tail++] = l->par[j];
	}
	if (tail != nr)
		return NULL;
	for (uint32_t i = 0; i < nr; i++)
		order[i] = queue[nr - 1 - i];
	*nchild_out = nchild;
	return order;
}

/* git's way (count_distance): a walk from every merge, then one more than
 * the single parent for everything else. O(merges x candidates). */
static int weigh_walk(void *tmp, struct bisect_list *l, const uint32_t *topo)
{
	uint32_t nr = l->nr;
	uint32_t *stamp = talloc_zero_array(tmp, uint32_t, nr + 1);
	uint32_t *stack = talloc_array(tmp, uint32_t, nr + 1);

	if (!stamp || !stack)
		return -1;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t x = topo[i], np = l->pstart[x + 1] - l->pstart[x];
		uint32_t top = 0, count = 0;

		if (np == 0) {
			l->weight[x] = 1;
			continue;
		}
		if (np == 1) {
			l->weight[x] = l->weight[l->par[l->pstart[x]]] + 1;
			continue;
		}
		stamp[x] = x + 1;
		stack[top++] = x;
		while (top) {
			uint32_t y = stack[--top];

			count++;
			for (uint32_t j = l->pstart[y]; j < l->pstart[y + 1]; j++) {
				if (stamp[l->par[j]] != x + 1) {
					stamp[l->par[j]] = x + 1;
					stack[top++] = l->par[j];
				}
			}
		}
		l->weight[x] = count;
	}
	return 0;
}

/* Chains as units. Split the candidates into segments: a commit continues
 * its parent's segment when it is that parent's only child and has no
 * other parent. Whatever reaches a commit of a segment from outside
 * reaches it through the segment's top (every other member has only one
 * child, inside the segment), so the set a commit reaches is the part of
 * its own segment below it plus whole segments. One bitset over segments
 * per segment then gives every weight; kernel ranges have a few segments
 * per merge, so this is far cheaper than walking from every merge. */
static int weigh_fast(void *tmp, struct bisect_list *l, const uint32_t *topo,
		      const uint32_t *nchild)
{
	uint32_t nr = l->nr, nseg = 0;
	uint32_t *seg = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *rank = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *bottom = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *len = talloc_array(tmp, uint32_t, nr + 1);
	uint32_t *total;
	uint64_t *bits;
	size_t words;

	if (!seg || !rank || !bottom || !len)
		return -1;
	for (uint32_t i = 0; i < nr; i++) {
		uint32_t x = topo[i];
		uint32_t p = l->pstart[x + 1] - l->pstart[x] == 1 ? l->par[l->pstart[x]] : DAG_NONE;

		if (p != DAG_NONE && nchild[p] == 1) {
			seg[x] = seg[p];
			rank[x] = rank[p] + 1;
			len[seg[x]]++;
		} else {
			seg[x] = nseg;
			rank[x] = 1;
			bottom[nseg] = x;
			len[nseg++] = 1;
		}
	}
	words = (nseg + 63) / 64;
	if ((uint64_t)nseg * words > WEIGH_MAX_WORDS)
		return 1;
	bits = talloc_array(tmp, uint64_t, nseg * words + 1);
	total = talloc_array(tmp, uint32_t, nseg + 1);
	if (!bits || !total)
		return -1;
	/* segments were numbered in topological order: parents' first */
	for (uint32_t s = 0; s < nseg; s++) {
		uint32_t b = bottom[s], np = l->pstart[b + 1] - l->pstart[b];
		uint64_t *row = bits + (size_t)s * words;

		if (np == 1) {
			uint32_t ps = seg[l->par[l->pstart[b]]];

			memcpy(row, bits + (size_t)ps * words, words * sizeof(*row));
			total[s] = total[ps] + len[s];
		} else {
			memset(row, 0, words * sizeof(*row));
			for (uint32_t j = l->pstart[b]; j < l->pstart[b + 1]; j++) {
				const uint64_t *src = bits + (size_t)seg[l->par[j]] * words;

				for (size_t w = 0; w < words; w++)
					row[w] |= src[w];
			}
			total[s] = len[s];
			/* the own bit is not set yet: the union is disjoint from s */
			for (size_t w = 0; w < words; w++) {
				for (uint64_t v = row[w]; v; v &= v - 1)
					total[s] += len[w * 64 + (size_t)__builtin_ctzll(v)];
			}
		}
		row[s / 64] |= (uint64_t)1 << (s % 64);
	}
	for (uint32_t x = 0; x < nr; x++)
		l->weight[x] = total[seg[x]] - len[seg[x]] + rank[x];
	return 0;
}

int bisect_list_weigh(void *mem_ctx, struct bisect_list *l, enum bisect_weigh_how how)
{
	void *tmp = talloc_new(mem_ctx);
	uint32_t *topo, *nchild = NULL;
	int rc = -1;

	l->weight = talloc_array(mem_ctx, uint32_t, l->nr + 1);
	if (!tmp || !l->weight)
		goto out;
	topo = topo_order(tmp, l, &nchild);
	if (!topo)
		goto out;
	if (how == BISECT_WEIGH_FAST)
		rc = weigh_fast(tmp, l, topo, nchild);
	if (how == BISECT_WEIGH_WALK || rc == 1)
		rc = weigh_walk(tmp, l, topo);
out:
	talloc_free(tmp);
	if (rc)
		TALLOC_FREE(l->weight);
	return rc;
}
