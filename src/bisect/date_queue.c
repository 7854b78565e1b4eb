/* The date-ordered queue of git's limit_list() (see date_queue.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "bisect/date_queue.h"

#define DATE_QUEUE_FIRST_CAP 1024

static bool entry_before(const struct date_queue_entry *a, const struct date_queue_entry *b)
{
	if (a->time != b->time)
		return a->time > b->time;
	return a->seq < b->seq;
}

static bool date_queue_grow(struct date_queue *q, uint32_t need)
{
	uint32_t cap = q->cap ? q->cap : DATE_QUEUE_FIRST_CAP;
	struct date_queue_entry *heap;

	if (need <= q->cap)
		return true;
	while (cap < need) {
		if (cap > UINT32_MAX / 2)
			return false;
		cap *= 2;
	}
	heap = talloc_realloc(q->ctx, q->heap, struct date_queue_entry, cap);
	if (!heap)
		return false;
	q->heap = heap;
	q->cap = cap;
	return true;
}

bool date_queue_init(struct date_queue *q, void *ctx, uint32_t reserve)
{
	memset(q, 0, sizeof(*q));
	q->ctx = ctx;
	return date_queue_grow(q, reserve ? reserve : 1);
}

bool date_queue_push(struct date_queue *q, uint32_t item, int64_t time)
{
	struct date_queue_entry x = { .time = time, .seq = q->next_seq, .item = item };
	uint32_t i;

	if (q->len == UINT32_MAX || !date_queue_grow(q, q->len + 1))
		return false;
	q->next_seq++;
	for (i = q->len++; i > 0 && entry_before(&x, &q->heap[(i - 1) / 2]); i = (i - 1) / 2)
		q->heap[i] = q->heap[(i - 1) / 2];
	q->heap[i] = x;
	return true;
}

uint32_t date_queue_pop(struct date_queue *q)
{
	uint32_t top = q->heap[0].item, i = 0;
	struct date_queue_entry x = q->heap[--q->len];

	for (;;) {
		uint32_t c = 2 * i + 1;

		if (c >= q->len)
			break;
		if (c + 1 < q->len && entry_before(&q->heap[c + 1], &q->heap[c]))
			c++;
		if (!entry_before(&q->heap[c], &x))
			break;
		q->heap[i] = q->heap[c];
		i = c;
	}
	q->heap[i] = x;
	return top;
}
