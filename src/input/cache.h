/* The cache of fetched URLs (doc/design.md §12.2): one file per URL under
 * $XDG_CACHE_HOME/bisview/ (else ~/.cache/bisview/), named by a hash of
 * the normalised URL, holding the URL itself (checked on reading: a hash
 * collision is a miss, never another log) and the body. Written whole or
 * not at all: a temporary file in the same directory, renamed. */
#ifndef BISVIEW_INPUT_CACHE_H
#define BISVIEW_INPUT_CACHE_H

#include <stddef.h>

/* The cache directory, under ctx; NULL when neither XDG_CACHE_HOME nor
 * HOME is set. */
char *cache_dir(const void *ctx);

/* The URL as the cache keys it: scheme and host in lower case, the
 * default port and the #fragment dropped. Under ctx. */
char *cache_normalise(const void *ctx, const char *url);

/* The file that holds url (whether or not it exists), under ctx; NULL
 * without a cache directory. */
char *cache_path(const void *ctx, const char *url);

/* 0 and the body (NUL-terminated, under ctx) on a hit; 1 on a miss (no
 * file, another URL's file, no cache directory); -1 with *err when the
 * file is there but cannot be read. */
int cache_read(const void *ctx, const char *url, char **body, size_t *len, const char **err);

/* Replace url's file by body, atomically. 0, or -1 (nothing is left
 * behind: the cache is only a cache, the caller goes on). */
int cache_write(const char *url, const char *body, size_t len);

#endif
