/* Fetching a URL (doc/design.md §12.2): libcurl, TLS verified, http(s)
 * only (redirects too), bounded in size, time and speed, and the cache
 * in front (cache.h). The only file of bisview that includes libcurl. */
#ifndef BISVIEW_INPUT_FETCH_H
#define BISVIEW_INPUT_FETCH_H

#include <stdbool.h>
#include <stddef.h>

#include "input/input.h"

/* The limits (doc/design.md §12.2 says why these). The environment may
 * lower them for tests: BISVIEW_FETCH_MAX_BYTES, BISVIEW_FETCH_TIMEOUT
 * (seconds in all), BISVIEW_FETCH_LOW_SPEED_TIME (seconds below
 * FETCH_LOW_SPEED_BYTES a second). */
#define FETCH_MAX_BYTES ((size_t)64 << 20)
#define FETCH_TIMEOUT_S 300L
#define FETCH_CONNECT_TIMEOUT_S 30L
#define FETCH_LOW_SPEED_BYTES 512L
#define FETCH_LOW_SPEED_S 30L
#define FETCH_MAX_REDIRS 5L

/* What the answer must be: its Content-Type is checked before its body
 * is read. FETCH_TEXT: text/plain (or none given); FETCH_HTML: text/html. */
enum fetch_expect { FETCH_TEXT, FETCH_HTML };

/* Does s start with http:// or https:// (any case)? */
bool fetch_is_url(const char *s);

/* The network alone: url's body, NUL-terminated (not counted in *len),
 * under ctx. 0, or -1 with *err: one translated line naming the reason
 * (not the URL: the caller names it), under ctx. req gives the progress
 * callback (NULL: a line on standard error when it is a terminal). */
int fetch_http(const void *ctx, const struct input_request *req, const char *url,
	       enum fetch_expect expect, char **body, size_t *len, const char **err);

/* The door for every URL: the cache first (unless req->refresh), the
 * network on a miss (never with req->offline), the answer written to the
 * cache. What a URL must hold follows from its shape (syzbot_url.h: a
 * bug page is HTML, anything else text). *from_network (may be NULL)
 * says whether the network was asked. Errors as fetch_http()'s. */
int fetch_url_ex(const void *ctx, const struct input_request *req, const char *url,
		 char **body, size_t *len, bool *from_network, const char **err);
int fetch_url(const void *ctx, const struct input_request *req, const char *url,
	      char **body, size_t *len, const char **err);

#endif
