/* git bisect's choice of the next commit (git 2.39 bisect.c: find_bisection,
 * do_find_bisection, best_bisection[_sorted], managed_skipped, skip_away,
 * estimate_bisect_steps; doc/libraries.md §4). Where git relies on int
 * overflow, the same 32-bit wrap-around is computed explicitly here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "bisect/bisect_algo.h"
#include "bisect/bisect_list.h"

#define PRN_MODULO 32768

int bisect_estimate_steps(uint32_t all)
{
	uint64_t e, x;
	int n = 0;

	if (all < 3)
		return 0;
	while (((uint64_t)all >> (n + 1)) != 0)
		n++;
	e = (uint64_t)1 << n;
	x = all - e;
	/* git computes 3 * x in int; all fits in an int for any real range */
	return e < 3 * x ? n : n - 1;
}

/* Does the entry split the candidates in two halves, give or take one,
 * or within nr/1024 (git >= 2.30, for large ranges)? */
static bool approx_halfway(uint32_t weight, uint32_t nr)
{
	int64_t diff = 2 * (int64_t)weight - nr;

	if (diff >= -1 && diff <= 1)
		return true;
	return llabs(diff) < (int64_t)(nr / 1024);
}

static uint32_t distance(const struct bisect_list *l, uint32_t k)
{
	uint32_t w = l->weight[k];

	return l->nr - w < w ? l->nr - w : w;
}

/* do_find_bisection() without skips: the same passes in the same order,
 * because the first entry found half-way ends the search, and which one
 * that is depends on when git computes each weight. The weights are all
 * known already; only the order of discovery is replayed. */
static int64_t find_best(void *tmp, const struct bisect_list *l)
{
	uint32_t nr = l->nr, counted = 0, best = 0, best_distance = 0;
	uint8_t *known = talloc_zero_array(tmp, uint8_t, nr + 1);
	bool progress = true;

	if (!known)
		return -1;
	for (uint32_t k = 0; k < nr; k++) {
		if (l->pstart[k + 1] == l->pstart[k]) {
			known[k] = 1;
			counted++;
		}
	}
	/* merges first, each by its own count_distance() walk */
	for (uint32_t k = 0; k < nr; k++) {
		if (l->pstart[k + 1] - l->pstart[k] < 2)
			continue;
		known[k] = 1;
		if (approx_halfway(l->weight[k], nr))
			return k;
		counted++;
	}
	/* then passes over the list, each entry one more than a known parent */
	while (counted < nr && progress) {
		progress = false;
		for (uint32_t k = 0; k < nr; k++) {
			uint32_t j;

			if (known[k])
				continue;
			for (j = l->pstart[k]; j < l->pstart[k + 1]; j++)
				if (known[l->par[j]])
					break;
			if (j == l->pstart[k + 1])
				continue;
			known[k] = 1;
			counted++;
			progress = true;
			if (approx_halfway(l->weight[k], nr))
				return k;
		}
	}
	/* best_bisection(): the first entry with the largest distance */
	for (uint32_t k = 0; k < nr; k++) {
		if (k == 0 || distance(l, k) > best_distance) {
			best = k;
			best_distance = distance(l, k);
		}
	}
	return best;
}

struct commit_dist {
	uint32_t distance;
	uint32_t entry;
	const uint8_t *oid;
};

static int commit_dist_cmp(const void *a, const void *b)
{
	const struct commit_dist *x = a, *y = b;

	if (x->distance != y->distance)
		return x->distance > y->distance ? -1 : 1;
	return memcmp(x->oid, y->oid, DAG_OID_LEN);
}

/* best_bisection_sorted(): every entry, farthest from both ends first,
 * ties by object id. */
static uint32_t *sort_by_distance(void *tmp, const struct dag *d, const struct bisect_list *l)
{
	struct commit_dist *a = talloc_array(tmp, struct commit_dist, l->nr + 1);
	uint32_t *sorted = talloc_array(tmp, uint32_t, l->nr + 1);

	if (!a || !sorted)
		return NULL;
	for (uint32_t k = 0; k < l->nr; k++) {
		a[k].distance = distance(l, k);
		a[k].entry = k;
		a[k].oid = d->oid[l->item[k]];
	}
	qsort(a, l->nr, sizeof(*a), commit_dist_cmp);
	for (uint32_t k = 0; k < l->nr; k++)
		sorted[k] = a[k].entry;
	return sorted;
}

/* git's pseudo random number, "man 3 rand" seeded with the count; unsigned
 * arithmetic in git too. */
static uint32_t get_prn(uint32_t count)
{
	count = count * 1103515245u + 12345u;
	return (count / 65536) % PRN_MODULO;
}

/* Integer square root by Newton's method in float, exactly as git's
 * sqrti(): the truncation decides the index. */
static int sqrti(int val)
{
	float d, x = (float)val;

	if (!val)
		return 0;
	do {
		float y = (x + (float)val / x) / 2;

		d = (y > x) ? y - x : x - y;
		x = y;
	} while (d >= 0.5f);
	return (int)x;
}

/* What a 32-bit int holds after git's `count * prn` overflows. */
static int32_t wrap32(uint32_t v)
{
	return v <= INT32_MAX ? (int32_t)v : (int32_t)(v - 2147483648u) - INT32_MAX - 1;
}

/* skip_away(): an index into the non-skipped candidates, biased away from
 * the best one. Negative after a wrap-around: git then takes the first. */
static int32_t skip_away_index(uint32_t count)
{
	uint32_t prn = get_prn(count);
	int32_t scaled = wrap32(count * prn) / PRN_MODULO;

	return scaled * sqrti((int)prn) / sqrti(PRN_MODULO);
}

/* With skips: git sorts everything, and when the best entry is skipped,
 * moves to a pseudo-random non-skipped one (filter_skipped, skip_away).
 * Sets the choice (DAG_NONE: only skipped ones left) and the reach. */
static int choose_with_skips(void *tmp, const struct dag *d, const struct bisect_query *q,
			     const struct bisect_list *l, struct bisect_answer *out)
{
	uint8_t *skipped = talloc_zero_array(tmp, uint8_t, d->n + 1);
	uint32_t *sorted = sort_by_distance(tmp, d, l);
	uint32_t *filtered, count = 0;
	int32_t index;

	if (!skipped || !sorted)
		return -1;
	for (size_t i = 0; i < q->n_skips; i++)
		if (q->skips[i] < d->n)
			skipped[q->skips[i]] = 1;
	out->reaches = l->weight[sorted[0]];
	if (!skipped[l->item[sorted[0]]]) {
		out->choice = l->item[sorted[0]];
		return 0;
	}
	filtered = talloc_array(tmp, uint32_t, l->nr + 1);
	if (!filtered)
		return -1;
	for (uint32_t k = 0; k < l->nr; k++)
		if (!skipped[l->item[sorted[k]]])
			filtered[count++] = l->item[sorted[k]];
	out->only_skipped = true;
	if (!count)
		return 0;
	index = skip_away_index(count);
	if (index < 0 || (uint32_t)index >= count)
		out->choice = filtered[0];
	else if (filtered[index] != q->bad)
		out->choice = filtered[index];
	else
		out->choice = filtered[index > 0 ? index - 1 : 0];
	/* landing on the bad one with skipped ones tried: git lists them all
	 * as possible first bad commits */
	out->only_skipped = out->choice == q->bad;
	return 0;
}

int bisect_next_how(const struct dag *d, const struct bisect_query *q, enum bisect_range_how how,
		    struct bisect_answer *out)
{
	struct bisect_list l;
	void *tmp;
	int rc = -1;

	if (!out)
		return -1;
	memset(out, 0, sizeof(*out));
	out->choice = DAG_NONE;
	if (!bisect_query_valid(d, q))
		return -1;
	tmp = talloc_new(NULL);
	if (!tmp || bisect_list_build(tmp, d, q, how, &l) < 0)
		goto done;
	out->all = l.nr;
	out->steps_left = bisect_estimate_steps(l.nr);
	if (l.nr == 0) {
		/* a good reaches the bad one: git says it "was both good and bad" */
		rc = 0;
		goto done;
	}
	if (bisect_list_weigh(tmp, &l, BISECT_WEIGH_FAST) < 0)
		goto done;
	if (q->n_skips) {
		if (choose_with_skips(tmp, d, q, &l, out) < 0)
			goto done;
	} else {
		int64_t best = find_best(tmp, &l);

		if (best < 0)
			goto done;
		out->choice = l.item[best];
		out->reaches = l.weight[best];
	}
	out->revisions_left = (int)((int64_t)out->all - out->reaches - 1);
	if (out->only_skipped) {
		out->choice = DAG_NONE;
	} else if (out->choice == q->bad) {
		out->found = true;
		out->choice = DAG_NONE;
	}
	rc = 0;
done:
	talloc_free(tmp);
	return rc;
}

int bisect_next(const struct dag *d, const struct bisect_query *q, struct bisect_answer *out)
{
	return bisect_next_how(d, q, BISECT_RANGE_WALK, out);
}

bool dag_reaches(const struct dag *d, uint32_t from, uint32_t ancestor)
{
	uint8_t *seen;
	uint32_t *stack, top = 0;
	bool found = false;

	if (from >= d->n || ancestor >= d->n)
		return false;
	if (from == ancestor)
		return true;
	seen = talloc_zero_array(NULL, uint8_t, d->n + 1);
	stack = talloc_array(seen, uint32_t, d->n + 1);
	if (!seen || !stack) {
		talloc_free(seen);
		return false;
	}
	seen[from] = 1;
	stack[top++] = from;
	while (top && !found) {
		uint32_t x = stack[--top];

		for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
			uint32_t p = d->parent[k];

			if (p >= d->n || seen[p])
				continue;
			if (p == ancestor) {
				found = true;
				break;
			}
			seen[p] = 1;
			stack[top++] = p;
		}
	}
	talloc_free(seen);
	return found;
}
