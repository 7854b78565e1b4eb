/* The monotonic clock, for durations (start-up times, job and demo build
 * times). Here rather than in app.c: the demo times its build too and
 * lies below the app, so it must not include app.h. */
#ifndef BISVIEW_CLOCK_H
#define BISVIEW_CLOCK_H

/* Seconds on the monotonic clock (an arbitrary origin). */
double monotonic_seconds(void);

#endif
