/* git's commit queue in revision.c's limit_list(): commits by committer
 * date, newest first, and first in first out among equal dates (a commit
 * goes after every queued one of the same date or newer). Kept as a
 * binary heap on (date descending, insertion number ascending).
 *
 * One queue for both re-plays of that walk: bisect_walk.c on a finished
 * struct dag, tree/range_graph.c on git's commit-graph file. Items are
 * the caller's indices; each entry carries its own date and insertion
 * number, so the caller's arrays may move while items are queued.
 *
 * Ownership: the entries are a talloc child of the ctx given to init.
 */
#ifndef BISVIEW_BISECT_DATE_QUEUE_H
#define BISVIEW_BISECT_DATE_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

struct date_queue_entry {
	int64_t time;           /* committer date, seconds */
	uint32_t seq;           /* insertion number */
	uint32_t item;
};

struct date_queue {
	struct date_queue_entry *heap;
	uint32_t len, cap;
	uint32_t next_seq;
	void *ctx;              /* talloc parent of heap */
};

/* An empty queue under ctx with room for reserve entries (more are
 * allocated as needed). false when out of memory. */
bool date_queue_init(struct date_queue *q, void *ctx, uint32_t reserve);

/* Queue item, dated time. false when out of memory: never while the
 * queue holds fewer entries than it reserved. */
bool date_queue_push(struct date_queue *q, uint32_t item, int64_t time);

/* The first item, removed. The queue must not be empty. */
uint32_t date_queue_pop(struct date_queue *q);

/* The date of the first item, left queued. The queue must not be empty. */
static inline int64_t date_queue_first_time(const struct date_queue *q)
{
	return q->heap[0].time;
}

#endif
