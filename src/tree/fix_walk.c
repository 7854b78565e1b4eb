/* The fix search's walk over git's commit-graph: every commit reachable
 * from the tips that is not the culprit or one of its ancestors, each
 * visited once, newest first by committer date (git log's order), so that
 * the FIX_WALK_MAX bound cuts off the oldest (doc/design.md §8.1).
 *
 * Three bitmaps over the graph's positions (a million commits: 125 KB
 * each): the culprit's ancestors found so far, the commits pushed, the
 * interesting ones queued (walk_graph()).
 * Tips newer than the graph (commits since git last wrote it) are walked
 * through libgit2 until they reach graph commits; only when there are
 * more of those than NEW_MAX does the caller's libgit2 revwalk take over. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "bisect/date_queue.h"
#include "tree/cgraph.h"
#include "tree/fix_internal.h"

#define NEW_MAX 4096

struct gwalk {
	const struct cgraph *g;
	/* bitmaps by graph position: the culprit and the ancestors found so
	 * far (uninteresting), the commits pushed, and those queued as
	 * interesting and not yet popped */
	uint8_t *anc, *seen, *queued;
	size_t n_queued;            /* interesting entries in the queue */
	struct date_queue queue;    /* the walk, both sides */
	git_oid *new_seen;          /* commits not in the graph, visited */
	size_t n_new;
};

static bool bit(const uint8_t *m, uint32_t i) { return m[i >> 3] & (1u << (i & 7)); }
static void set_bit(uint8_t *m, uint32_t i) { m[i >> 3] |= (uint8_t)(1u << (i & 7)); }
static void clear_bit(uint8_t *m, uint32_t i) { m[i >> 3] &= (uint8_t)~(1u << (i & 7)); }

static int enqueue(struct gwalk *w, uint32_t pos)
{
	struct cgraph_commit c;

	set_bit(w->seen, pos);
	if (cgraph_commit(w->g, pos, &c) < 0)
		return -1;
	return date_queue_push(&w->queue, pos, c.time) ? 0 : -1;
}

/* Mark a graph commit an ancestor of the culprit: an interesting entry
 * still queued stops being one; an unseen one is queued to pass it on. */
static int mark_uninteresting(struct gwalk *w, uint32_t pos)
{
	if (bit(w->anc, pos))
		return 0;
	set_bit(w->anc, pos);
	if (bit(w->queued, pos)) {
		clear_bit(w->queued, pos);
		w->n_queued--;
	}
	return bit(w->seen, pos) ? 0 : enqueue(w, pos);
}

/* Queue a graph commit unless it is an ancestor of the culprit or queued. */
static int queue_pos(struct gwalk *w, uint32_t pos)
{
	if (bit(w->anc, pos) || bit(w->seen, pos))
		return 0;
	set_bit(w->queued, pos);
	w->n_queued++;
	return enqueue(w, pos);
}

/* A commit the graph does not have: visit it and go on to its parents,
 * recursively among such commits. 1: stop (found), 0 go on, -1 give up. */
static int walk_new(struct fix_walk *fw, struct gwalk *w, const git_oid *id)
{
	git_commit *c = NULL;
	uint32_t pos;
	int rc = 0;

	if (cgraph_lookup(w->g, id->id, &pos))
		return queue_pos(w, pos);
	for (size_t i = 0; i < w->n_new; i++)
		if (git_oid_equal(&w->new_seen[i], id))
			return 0;
	if (w->n_new == NEW_MAX)
		return -1;
	git_oid_cpy(&w->new_seen[w->n_new++], id);
	if (fix_visit(fw, id))
		return 1;
	if (git_commit_lookup(&c, fw->t->repo, id) < 0)
		return 0;  /* unreadable: nothing behind it to search */
	for (unsigned i = 0; rc == 0 && i < git_commit_parentcount(c); i++)
		rc = walk_new(fw, w, git_commit_parent_id(c, i));
	git_commit_free(c);
	return rc;
}

/* git's own walk for CULPRIT..TIPS: one queue, newest first, the
 * culprit's side marking ancestors uninteresting as it goes, until no
 * interesting commit is left queued. Only the ancestors newer than the
 * oldest commit searched are ever read, not the whole history behind the
 * culprit. */
static int walk_graph(struct fix_walk *fw, struct gwalk *w)
{
	struct cgraph_commit c;
	git_oid id;

	while (w->queue.len > 0 && w->n_queued > 0) {
		uint32_t pos = date_queue_pop(&w->queue);
		bool interesting = bit(w->queued, pos);

		if (cgraph_commit(w->g, pos, &c) < 0)
			return -1;
		if (!interesting) {
			for (unsigned i = 0; i < c.n_parents; i++)
				if (mark_uninteresting(w, c.parents[i]) < 0)
					return -1;
			continue;
		}
		clear_bit(w->queued, pos);
		w->n_queued--;
		if (fw->visited >= FIX_WALK_MAX) {
			fw->cut = true;
			return 0;
		}
		git_oid_fromraw(&id, cgraph_oid(w->g, pos));
		if (fix_visit(fw, &id))
			return 0;
		for (unsigned i = 0; i < c.n_parents; i++)
			if (queue_pos(w, c.parents[i]) < 0)
				return -1;
	}
	return 0;
}

int fix_walk_graph(struct fix_walk *fw, const git_oid *culprit, const git_oid *tips,
		   size_t n_tips)
{
	struct gwalk w = { .g = fw->t->graph };
	uint32_t cpos;
	size_t bytes;
	int rc = 0;

	if (!w.g || !cgraph_lookup(w.g, culprit->id, &cpos))
		return -1;
	bytes = cgraph_size(w.g) / 8 + 1;
	w.anc = talloc_zero_size(fw->tmp, bytes);
	w.seen = talloc_zero_size(fw->tmp, bytes);
	w.queued = talloc_zero_size(fw->tmp, bytes);
	w.new_seen = talloc_array(fw->tmp, git_oid, NEW_MAX);
	if (!w.anc || !w.seen || !w.queued || !w.new_seen ||
	    !date_queue_init(&w.queue, fw->tmp, 4096))
		return -1;
	set_bit(w.anc, cpos);
	if (enqueue(&w, cpos) < 0)
		return -1;
	for (size_t i = 0; rc == 0 && i < n_tips; i++)
		rc = walk_new(fw, &w, &tips[i]);
	if (rc < 0)
		return -1;
	if (rc == 1)
		return 0;
	return walk_graph(fw, &w) < 0 ? -1 : 0;
}
