/* Which commits git bisect considers, and in which order (doc/libraries.md
 * §4.1 step 3, §4.2): a re-play of revision.c's limit_list() for the
 * query's bad and goods on the in-memory graph.
 *
 * Why a re-play and not plain reachability: limit_list() stops walking
 * when only uninteresting commits are left and five more pops found
 * nothing newer than the last interesting commit (SLOP). Under clock skew
 * (a commit older than its parent) the "uninteresting" mark of a good may
 * not yet have reached everything the good reaches, and git bisects over
 * a few commits a good reaches. Measured on repositories with back-dated
 * commits (tests/tree/bisect-vs-git.sh): the re-play gives git's numbers where
 * plain reachability does not. Without skew both are the same.
 *
 * What the re-play cannot see is what the graph lacks: git also queues
 * the initial goods and their ancestry. That changes when git stops only
 * when skewed dates of the range reach back into the goods' history; a
 * graph that also holds that history (the initial goods then passed as
 * goods) gives git's answer there too.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "bisect/bisect_list.h"
#include "bisect/date_queue.h"

enum {
	W_UNINT = 1,    /* UNINTERESTING */
	W_SEEN = 2,     /* SEEN: queued once, never again */
	W_PARSED = 4,   /* git knows its parents (only those get marked through) */
	W_QUEUED = 8,   /* in the queue now */
};

struct walk {
	const struct dag *d;
	uint8_t *f;
	/* reserves d->n + 1 entries: a commit is queued once (the bad one
	 * twice when it is also a good), so a push cannot fail */
	struct date_queue h;
	uint32_t interesting_queued;    /* for everybody_uninteresting() */
	uint32_t *stack;
	uint32_t top;
};

static void set_unint(struct walk *w, uint32_t x)
{
	if (w->f[x] & W_UNINT)
		return;
	w->f[x] |= W_UNINT;
	if (w->f[x] & W_QUEUED)
		w->interesting_queued--;
}

static void walk_push(struct walk *w, uint32_t x)
{
	w->f[x] |= W_SEEN | W_QUEUED;
	if (!(w->f[x] & W_UNINT))
		w->interesting_queued++;
	(void)date_queue_push(&w->h, x, w->d->time[x]);  /* within the reserve */
}

static uint32_t walk_pop(struct walk *w)
{
	uint32_t x = date_queue_pop(&w->h);

	w->f[x] &= (uint8_t)~W_QUEUED;
	if (!(w->f[x] & W_UNINT))
		w->interesting_queued--;
	return x;
}

/* mark_one_parent_uninteresting(): the marking goes on only through
 * commits git has parsed, because only those have a parent list. */
static void mark_one(struct walk *w, uint32_t x)
{
	const struct dag *d = w->d;

	if (w->f[x] & W_UNINT)
		return;
	set_unint(w, x);
	if (!(w->f[x] & W_PARSED))
		return;
	for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++)
		if (d->parent[k] < d->n)
			w->stack[w->top++] = d->parent[k];
}

/* mark_parents_uninteresting() of a parsed commit */
static void mark_parents(struct walk *w, uint32_t c)
{
	const struct dag *d = w->d;

	for (uint32_t k = d->parent_start[c]; k < d->parent_start[c + 1]; k++)
		if (d->parent[k] < d->n)
			mark_one(w, d->parent[k]);
	while (w->top)
		mark_one(w, w->stack[--w->top]);
}

static int oid_order(const void *a, const void *b, const struct dag *d)
{
	return memcmp(d->oid[*(const uint32_t *)a], d->oid[*(const uint32_t *)b], DAG_OID_LEN);
}

/* The start list: bad, then the goods in the order of their refs
 * (refs/bisect/good-<hex>, so by id), stably sorted by date, newest
 * first (prepare_revision_walk). Duplicates dropped. */
static uint32_t start_list(const struct dag *d, const struct bisect_query *q, uint32_t *s)
{
	uint32_t n = 1;

	s[0] = q->bad;
	for (size_t i = 0; i < q->n_goods; i++) {
		uint32_t j = n++;

		/* insertion sorts: a handful of goods */
		while (j > 1 && oid_order(&s[j - 1], &q->goods[i], d) > 0) {
			s[j] = s[j - 1];
			j--;
		}
		if (j > 1 && s[j - 1] == q->goods[i]) {
			memmove(&s[j], &s[j + 1], (--n - j) * sizeof(*s));
			continue;
		}
		s[j] = q->goods[i];
	}
	for (uint32_t i = 1; i < n; i++) {
		uint32_t x = s[i], j = i;

		while (j > 0 && d->time[s[j - 1]] < d->time[x]) {
			s[j] = s[j - 1];
			j--;
		}
		s[j] = x;
	}
	return n;
}

#define SLOP 5

/* limit_list(): returns the number of candidates, written to out in
 * output order; DAG_NONE when out of memory. */
static uint32_t replay_limit_list(void *tmp, const struct dag *d, const struct bisect_query *q,
				  uint32_t *out)
{
	struct walk w = { .d = d };
	uint32_t n_starts, n_out = 0, nr = 0;
	uint32_t *starts = talloc_array(tmp, uint32_t, q->n_goods + 2);
	int64_t date = INT64_MAX;
	int slop = SLOP;

	w.f = talloc_zero_array(tmp, uint8_t, d->n + 1);
	w.stack = talloc_array(tmp, uint32_t, d->parent_start[d->n] + d->n + 1);
	if (!starts || !w.f || !w.stack || !date_queue_init(&w.h, tmp, d->n + 1))
		return DAG_NONE;
	n_starts = start_list(d, q, starts);
	/* handle_commit() parses the bad one first, then each good */
	w.f[q->bad] |= W_PARSED;
	for (size_t i = 0; i < q->n_goods; i++) {
		w.f[q->goods[i]] |= W_PARSED;
		set_unint(&w, q->goods[i]);
	}
	/* and marks a good's parents before the walk */
	for (size_t i = 0; i < q->n_goods; i++)
		mark_parents(&w, q->goods[i]);
	for (uint32_t i = 0; i < n_starts; i++)
		walk_push(&w, starts[i]);

	while (w.h.len) {
		uint32_t x = walk_pop(&w);

		if (w.f[x] & W_UNINT) {
			/* process_parents() of an uninteresting commit: every
			 * parent, parsed and marked through */
			for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
				uint32_t p = d->parent[k];

				if (p >= d->n)
					continue;
				set_unint(&w, p);
				w.f[p] |= W_PARSED;
				mark_parents(&w, p);
				if (!(w.f[p] & W_SEEN))
					walk_push(&w, p);
			}
			/* still_interesting() */
			if (!w.h.len)
				break;
			if (date <= date_queue_first_time(&w.h) || w.interesting_queued)
				slop = SLOP;
			else if (--slop == 0)
				break;
			continue;
		}
		for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
			uint32_t p = d->parent[k];

			if (p < d->n) {
				w.f[p] |= W_PARSED;
				if (!(w.f[p] & W_SEEN))
					walk_push(&w, p);
			}
			if (q->first_parent)
				break;
		}
		date = d->time[x];
		out[n_out++] = x;
	}
	/* find_bisection() drops what was marked after it was output */
	for (uint32_t i = 0; i < n_out; i++)
		if (!(w.f[out[i]] & W_UNINT))
			out[nr++] = out[i];
	return nr;
}

static inline uint32_t first_parent_of(const struct dag *d, uint32_t x)
{
	return d->parent_start[x] < d->parent_start[x + 1] ? d->parent[d->parent_start[x]] :
							       DAG_NONE;
}

enum {
	M_GOOD = 1,     /* a good reaches it */
	M_CAND = 2,     /* a candidate */
	M_SEEN = 4,     /* queued by order_by_dates() */
};

/* Exact reachability: what the bad reaches (by first parents only in
 * first-parent mode), minus what a good reaches (by all parents, as git
 * marks a good's whole ancestry even with --first-parent). Returns the
 * number of candidates; stack needs d->n entries. */
static uint32_t mark_reach(const struct dag *d, const struct bisect_query *q, uint8_t *m,
			   uint32_t *stack)
{
	uint32_t top = 0, count = 0;

	for (size_t i = 0; i < q->n_goods; i++) {
		if (m[q->goods[i]] & M_GOOD)
			continue;
		m[q->goods[i]] |= M_GOOD;
		stack[top++] = q->goods[i];
		while (top) {
			uint32_t x = stack[--top];

			for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
				uint32_t p = d->parent[k];

				if (p < d->n && !(m[p] & M_GOOD)) {
					m[p] |= M_GOOD;
					stack[top++] = p;
				}
			}
		}
	}
	if (q->first_parent) {
		for (uint32_t x = q->bad; x < d->n && !(m[x] & (M_GOOD | M_CAND));
		     x = first_parent_of(d, x)) {
			m[x] |= M_CAND;
			count++;
		}
		return count;
	}
	if (m[q->bad] & M_GOOD)
		return 0;
	m[q->bad] |= M_CAND;
	count = 1;
	stack[top++] = q->bad;
	while (top) {
		uint32_t x = stack[--top];

		for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
			uint32_t p = d->parent[k];

			if (p < d->n && !(m[p] & (M_GOOD | M_CAND))) {
				m[p] |= M_CAND;
				count++;
				stack[top++] = p;
			}
		}
	}
	return count;
}

/* The order limit_list() gives a known candidate set when it loses
 * nothing to skew: only candidates take part, since an uninteresting
 * commit only ever queues uninteresting parents. */
static uint32_t order_by_dates(void *tmp, const struct dag *d, const struct bisect_query *q,
			       uint8_t *m, uint32_t *out)
{
	struct date_queue h;
	uint32_t n_out = 0;

	/* within the reserve: a commit is queued once */
	if (!date_queue_init(&h, tmp, d->n + 1))
		return DAG_NONE;
	m[q->bad] |= M_SEEN;
	(void)date_queue_push(&h, q->bad, d->time[q->bad]);
	while (h.len) {
		uint32_t x = date_queue_pop(&h);

		out[n_out++] = x;
		for (uint32_t k = d->parent_start[x]; k < d->parent_start[x + 1]; k++) {
			uint32_t p = d->parent[k];

			if (p < d->n && (m[p] & M_CAND) && !(m[p] & M_SEEN)) {
				m[p] |= M_SEEN;
				(void)date_queue_push(&h, p, d->time[p]);
			}
			if (q->first_parent)
				break;
		}
	}
	return n_out;
}

uint32_t bisect_range(void *mem_ctx, const struct dag *d, const struct bisect_query *q,
		      enum bisect_range_how how, uint32_t *out)
{
	void *tmp = talloc_new(mem_ctx);
	uint32_t nr = DAG_NONE;

	if (!tmp)
		return DAG_NONE;
	if (how == BISECT_RANGE_WALK) {
		nr = replay_limit_list(tmp, d, q, out);
	} else {
		uint8_t *m = talloc_zero_array(tmp, uint8_t, d->n + 1);
		uint32_t *stack = talloc_array(tmp, uint32_t, d->n + 1);

		if (m && stack && mark_reach(d, q, m, stack) > 0)
			nr = order_by_dates(tmp, d, q, m, out);
		else if (m && stack)
			nr = 0;
	}
	talloc_free(tmp);
	return nr;
}

uint32_t bisect_candidates(const struct dag *d, const struct bisect_query *q, uint8_t *out)
{
	uint32_t *order, nr;

	memset(out, 0, d->n);
	if (!bisect_query_valid(d, q))
		return 0;
	order = talloc_array(NULL, uint32_t, d->n + 1);
	if (!order)
		return 0;
	nr = bisect_range(order, d, q, BISECT_RANGE_WALK, order);
	if (nr == DAG_NONE)
		nr = 0;
	for (uint32_t i = 0; i < nr; i++)
		out[order[i]] = 1;
	talloc_free(order);
	return nr;
}
