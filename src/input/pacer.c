/* One request a second when many URLs are fetched (input.h's
 * input_pacer; doc/design.md §12.2). */
#include "config.h"

#include <pthread.h>
#include <talloc.h>
#include <time.h>

#include "clock.h"
#include "input/input.h"

static int pacer_destroy(struct input_pacer *p)
{
	pthread_mutex_destroy(p->lock);
	return 0;
}

struct input_pacer *input_pacer_new(const void *ctx, double interval)
{
	struct input_pacer *p = talloc_zero(ctx, struct input_pacer);

	p->lock = talloc(p, pthread_mutex_t);
	pthread_mutex_init(p->lock, NULL);
	p->interval = interval;
	talloc_set_destructor(p, pacer_destroy);
	return p;
}

void input_pacer_wait(struct input_pacer *p)
{
	double wait;

	if (!p)
		return;
	/* the lock is held through the pause: the next fetch waits its turn
	 * behind this one, whichever thread it is on */
	pthread_mutex_lock(p->lock);
	wait = p->last > 0 ? p->last + p->interval - monotonic_seconds() : 0;
	if (wait > 0) {
		struct timespec ts = { (time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9) };

		while (nanosleep(&ts, &ts) != 0)
			;
	}
	p->last = monotonic_seconds();
	pthread_mutex_unlock(p->lock);
}
