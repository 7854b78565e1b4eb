/* The range walk from git's commit-graph: `git rev-list BAD ^GOOD...` in
 * its own order, without inflating a single commit object.
 *
 * This is revision.c's limit_list() as git 2.39 runs it (doc/libraries.md
 * §4.2; the same re-play as bisect/bisect_walk.c, which works on a finished
 * graph): a queue ordered by committer date, newest first, FIFO among
 * equal dates; uninteresting marks spread only through commits git has
 * parsed; the walk stops five pops (SLOP) after only uninteresting
 * commits are left. Nodes are made as the walk reaches them, so it
 * touches what git touches, not the whole history. */
#include "config.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>
#include <talloc.h>

#include "bisect/date_queue.h"
#include "tree/cgraph.h"
#include "tree/range.h"

#define discard_const(p) ((void *)(uintptr_t)(p))

enum {
	F_UNINT = 1, F_SEEN = 2, F_PARSED = 4, F_QUEUED = 8,
};

struct node {
	uint32_t pos;           /* in the commit-graph */
	int64_t time;
	uint32_t parents_at;    /* into walk.parents (graph positions) */
	uint32_t n_parents;
	uint8_t flags;
};

struct walk {
	const struct cgraph *g;
	struct node *nodes;
	uint32_t n_nodes, cap_nodes;
	uint32_t *node_of;      /* graph position -> node, UINT32_MAX: none */
	uint32_t *parents;
	uint32_t n_parents, cap_parents;
	struct date_queue queue;
	uint32_t interesting_queued;
	uint32_t *stack, top, cap_stack;
	bool broken;            /* the graph points outside itself */
};

static bool grow(void *ctx, void *pp, uint32_t *cap, uint32_t need, size_t size)
{
	void **p = pp;
	uint32_t n = *cap ? *cap : 1024;

	if (need <= *cap)
		return true;
	while (n < need)
		n *= 2;
	*p = talloc_realloc_size(ctx, *p, (size_t)n * size);
	*cap = n;
	return *p != NULL;
}

/* The node of a graph position, made (with its time and parents) when
 * the walk first reaches it. UINT32_MAX when the graph is broken. */
static uint32_t node(void *ctx, struct walk *w, uint32_t pos)
{
	struct cgraph_commit c;
	struct node *n;

	if (w->node_of[pos] != UINT32_MAX) {
		assert(w->nodes);  /* a position gets its index once its node is made */
		return w->node_of[pos];
	}
	if (cgraph_commit(w->g, pos, &c) < 0 ||
	    !grow(ctx, &w->nodes, &w->cap_nodes, w->n_nodes + 1, sizeof(*w->nodes)) ||
	    !grow(ctx, &w->parents, &w->cap_parents, w->n_parents + c.n_parents, sizeof(uint32_t))) {
		w->broken = true;
		return UINT32_MAX;
	}
	n = &w->nodes[w->n_nodes];
	memset(n, 0, sizeof(*n));
	n->pos = pos;
	n->time = c.time;
	n->parents_at = w->n_parents;
	n->n_parents = c.n_parents;
	/* a root commit, when it is the first node, meets w->parents still
	 * NULL: memcpy() with NULL is undefined even for 0 bytes */
	if (c.n_parents)
		memcpy(w->parents + w->n_parents, c.parents, c.n_parents * sizeof(uint32_t));
	w->n_parents += c.n_parents;
	w->node_of[pos] = w->n_nodes;
	return w->n_nodes++;
}

static void set_unint(struct walk *w, uint32_t x)
{
	if (w->nodes[x].flags & F_UNINT)
		return;
	w->nodes[x].flags |= F_UNINT;
	if (w->nodes[x].flags & F_QUEUED)
		w->interesting_queued--;
}

static void push(struct walk *w, uint32_t x)
{
	if (!date_queue_push(&w->queue, x, w->nodes[x].time)) {
		w->broken = true;
		return;
	}
	w->nodes[x].flags |= F_SEEN | F_QUEUED;
	if (!(w->nodes[x].flags & F_UNINT))
		w->interesting_queued++;
}

static uint32_t pop(struct walk *w)
{
	uint32_t top = date_queue_pop(&w->queue);

	w->nodes[top].flags &= (uint8_t)~F_QUEUED;
	if (!(w->nodes[top].flags & F_UNINT))
		w->interesting_queued--;
	return top;
}

/* mark_parents_uninteresting(): through parsed commits only. */
static void mark_parents(void *ctx, struct walk *w, uint32_t c)
{
	uint32_t k;

	w->top = 0;
	for (;;) {
		/* node() may move w->nodes: index it afresh every time */
		for (k = 0; k < w->nodes[c].n_parents; k++) {
			uint32_t p = node(ctx, w, w->parents[w->nodes[c].parents_at + k]);

			if (p == UINT32_MAX || (w->nodes[p].flags & F_UNINT))
				continue;
			set_unint(w, p);
			if (!(w->nodes[p].flags & F_PARSED))
				continue;
			if (!grow(ctx, &w->stack, &w->cap_stack, w->top + 1, sizeof(uint32_t))) {
				w->broken = true;
				return;
			}
			w->stack[w->top++] = p;
		}
		if (!w->top)
			return;
		c = w->stack[--w->top];
	}
}

#define SLOP 5

/* limit_list(): the interesting commits in output order, into *out. */
static uint32_t limit_list(void *ctx, struct walk *w, uint32_t bad, const uint32_t *goods,
			   size_t n_goods, uint32_t **out)
{
	uint32_t n_out = 0, cap_out = 0, nr = 0;
	int64_t date = INT64_MAX;
	int slop = SLOP;

	w->nodes[bad].flags |= F_PARSED;
	for (size_t i = 0; i < n_goods; i++) {
		w->nodes[goods[i]].flags |= F_PARSED;
		set_unint(w, goods[i]);
	}
	for (size_t i = 0; i < n_goods; i++)
		mark_parents(ctx, w, goods[i]);
	push(w, bad);
	for (size_t i = 0; i < n_goods; i++)
		if (!(w->nodes[goods[i]].flags & F_SEEN))
			push(w, goods[i]);
	while (w->queue.len && !w->broken) {
		uint32_t x = pop(w);
		bool unint = w->nodes[x].flags & F_UNINT;

		for (uint32_t k = 0; k < w->nodes[x].n_parents; k++) {
			uint32_t p = node(ctx, w, w->parents[w->nodes[x].parents_at + k]);

			if (p == UINT32_MAX)
				break;
			w->nodes[p].flags |= F_PARSED;
			if (unint) {
				set_unint(w, p);
				mark_parents(ctx, w, p);
			}
			if (!(w->nodes[p].flags & F_SEEN))
				push(w, p);
		}
		if (unint) {
			if (!w->queue.len)
				break;
			if (date <= date_queue_first_time(&w->queue) || w->interesting_queued)
				slop = SLOP;
			else if (--slop == 0)
				break;
			continue;
		}
		date = w->nodes[x].time;
		if (!grow(ctx, out, &cap_out, n_out + 1, sizeof(uint32_t))) {
			w->broken = true;
			break;
		}
		(*out)[n_out++] = x;
	}
	/* what was marked after it was output is not in the range */
	for (uint32_t i = 0; i < n_out; i++)
		if (!(w->nodes[(*out)[i]].flags & F_UNINT))
			(*out)[nr++] = (*out)[i];
	return nr;
}

/* The start list's order: goods by id as refs/bisect/good-<hex> list
 * them, then all by date, newest first (prepare_revision_walk). */
static void sort_goods(const struct cgraph *g, uint32_t *pos, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && memcmp(cgraph_oid(g, pos[j - 1]), cgraph_oid(g, pos[j]),
						    CGRAPH_OID_LEN) > 0; j--) {
			uint32_t t = pos[j];

			pos[j] = pos[j - 1];
			pos[j - 1] = t;
		}
}

struct dag *range_walk_graph(const void *ctx, const struct cgraph *g, const uint8_t *bad,
			     const uint8_t (*goods)[20], size_t n_goods)
{
	void *tmp = talloc_new(NULL);
	struct walk w = { .g = g };
	uint32_t bad_pos, *good_pos = talloc_array(tmp, uint32_t, n_goods + 1);
	uint32_t *good_nodes = talloc_array(tmp, uint32_t, n_goods + 1);
	uint32_t *out = NULL, nr, *range_of = NULL;
	struct dag *d = NULL;
	uint32_t np = 0;

	if (!cgraph_lookup(g, bad, &bad_pos))
		goto done;
	for (size_t i = 0; i < n_goods; i++)
		if (!cgraph_lookup(g, goods[i], &good_pos[i]))
			goto done;
	sort_goods(g, good_pos, n_goods);
	w.node_of = talloc_array(tmp, uint32_t, cgraph_size(g));
	if (!w.node_of || !date_queue_init(&w.queue, tmp, 0))
		goto done;
	memset(w.node_of, 0xff, (size_t)cgraph_size(g) * sizeof(uint32_t));
	if (node(tmp, &w, bad_pos) == UINT32_MAX)
		goto done;
	for (size_t i = 0; i < n_goods; i++)
		if ((good_nodes[i] = node(tmp, &w, good_pos[i])) == UINT32_MAX)
			goto done;
	nr = limit_list(tmp, &w, w.node_of[bad_pos], good_nodes, n_goods, &out);
	if (w.broken)
		goto done;

	/* the range as a struct dag, indices in output order */
	range_of = talloc_array(tmp, uint32_t, w.n_nodes + 1);
	memset(range_of, 0xff, (size_t)(w.n_nodes + 1) * sizeof(uint32_t));
	for (uint32_t i = 0; i < nr; i++)
		range_of[out[i]] = i;
	for (uint32_t i = 0; i < nr; i++)
		np += w.nodes[out[i]].n_parents;
	d = dag_new(discard_const(ctx), nr, np);
	if (!d)
		goto done;
	np = 0;
	for (uint32_t i = 0; i < nr; i++) {
		const struct node *n = &w.nodes[out[i]];

		memcpy(d->oid[i], cgraph_oid(g, n->pos), DAG_OID_LEN);
		d->time[i] = n->time;
		d->parent_start[i] = np;
		np += n->n_parents;
	}
	for (uint32_t i = 0; i < nr; i++) {
		const struct node *n = &w.nodes[out[i]];

		for (uint32_t k = 0; k < n->n_parents; k++) {
			uint32_t p = w.node_of[w.parents[n->parents_at + k]];

			d->parent[d->parent_start[i] + k] = p == UINT32_MAX ? DAG_NONE : range_of[p];
		}
	}
	dag_index(d);
done:
	talloc_free(tmp);
	return d;
}
