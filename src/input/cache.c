/* The cache of fetched URLs (cache.h, doc/design.md §12.2). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "input/cache.h"
#include "input/fetch.h"

/* The first line of every cache file: a file of another format (or none
 * of ours) is a miss. The second line is the normalised URL. */
#define CACHE_MAGIC "bisview-url-cache 1\n"

char *cache_dir(const void *ctx)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return talloc_asprintf(ctx, "%s/bisview", xdg);
	if (home && *home)
		return talloc_asprintf(ctx, "%s/.cache/bisview", home);
	return NULL;
}

char *cache_normalise(const void *ctx, const char *url)
{
	char *u = talloc_strdup(ctx, url), *host, *end, *hash;
	size_t n;

	hash = strchr(u, '#');
	if (hash)
		*hash = '\0';
	host = strstr(u, "://");
	if (!host)
		return u;
	for (char *p = u; p < host; p++)
		*p = (char)tolower((unsigned char)*p);
	host += 3;
	end = host + strcspn(host, "/?");
	for (char *p = host; p < end; p++)
		*p = (char)tolower((unsigned char)*p);
	n = (size_t)(end - host);
	if ((strncmp(u, "https:", 6) == 0 && n > 4 && strncmp(end - 4, ":443", 4) == 0) ||
	    (strncmp(u, "http:", 5) == 0 && n > 3 && strncmp(end - 3, ":80", 3) == 0)) {
		char *port = strrchr(host, ':');

		memmove(port, end, strlen(end) + 1);
	}
	return u;
}

/* FNV-1a, 64 bits, from two starting points: 128 bits of name. (No
 * cryptographic strength is needed: the file repeats its URL.) */
static uint64_t fnv1a(const char *s, uint64_t h)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *cache_path(const void *ctx, const char *url)
{
	void *tmp = talloc_new(NULL);
	char *dir = cache_dir(tmp), *key = cache_normalise(tmp, url), *path = NULL;

	if (dir)
		path = talloc_asprintf(ctx, "%s/url-%016llx%016llx", dir,
				       (unsigned long long)fnv1a(key, 0xcbf29ce484222325ULL),
				       (unsigned long long)fnv1a(key, 0x84222325cbf29ce4ULL));
	talloc_free(tmp);
	return path;
}

/* The whole file, at most max bytes; NULL with errno (EFBIG: larger).
 * Its size from fstat() sizes the buffer (a hit costs what it holds). */
static char *slurp(const void *ctx, FILE *f, size_t max, size_t *len)
{
	struct stat st;
	size_t want;
	char *text;
	size_t n;

	if (fstat(fileno(f), &st) < 0)
		return NULL;
	if (st.st_size < 0 || (unsigned long long)st.st_size > max) {
		errno = EFBIG;
		return NULL;
	}
	want = (size_t)st.st_size;
	text = talloc_size(ctx, want + 2);
	n = fread(text, 1, want + 1, f);

	if (ferror(f)) {
		talloc_free(text);
		return NULL;
	}
	if (n > want) {   /* grown since fstat(): not a file of ours */
		talloc_free(text);
		errno = EFBIG;
		return NULL;
	}
	text[n] = '\0';
	*len = n;
	return text;
}

int cache_read(const void *ctx, const char *url, char **body, size_t *len, const char **err)
{
	void *tmp = talloc_new(NULL);
	char *path = cache_path(tmp, url), *key = cache_normalise(tmp, url), *text;
	size_t n = 0, head;
	FILE *f;

	f = path ? fopen(path, "rb") : NULL;
	if (!f) {
		int e = errno;

		talloc_free(tmp);
		if (!path || e == ENOENT)
			return 1;
		*err = talloc_asprintf(ctx, _("the cache cannot be read: %s"), strerror(e));
		return -1;
	}
	head = strlen(CACHE_MAGIC) + strlen(key) + 1;
	text = slurp(tmp, f, FETCH_MAX_BYTES + head, &n);
	fclose(f);
	if (!text) {
		*err = talloc_asprintf(ctx, _("the cache cannot be read: %s"), strerror(errno));
		talloc_free(tmp);
		return -1;
	}
	if (n < head || memcmp(text, CACHE_MAGIC, strlen(CACHE_MAGIC)) != 0 ||
	    memcmp(text + strlen(CACHE_MAGIC), key, strlen(key)) != 0 || text[head - 1] != '\n') {
		talloc_free(tmp);
		return 1;   /* another URL's (a collision) or not ours: a miss */
	}
	*len = n - head;
	*body = talloc_memdup(ctx, text + head, *len + 1);
	talloc_free(tmp);
	return 0;
}

/* mkdir -p, the last parts only (the cache's own directories) */
static int make_dirs(char *path)
{
	for (char *s = path + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(path, 0700) < 0 && errno != EEXIST) {
			*s = '/';
			return -1;
		}
		*s = '/';
	}
	return mkdir(path, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static bool write_all(int fd, const char *s, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		len -= (size_t)w;
	}
	return true;
}

int cache_write(const char *url, const char *body, size_t len)
{
	void *tmp = talloc_new(NULL);
	char *dir = cache_dir(tmp), *path = cache_path(tmp, url), *key = cache_normalise(tmp, url);
	char *temp;
	int fd;
	bool ok;

	if (!dir || !path || make_dirs(dir) < 0) {
		talloc_free(tmp);
		return -1;
	}
	/* same directory as the file: rename() is atomic only within one */
	temp = talloc_asprintf(tmp, "%s/.url-tmp-XXXXXX", dir);
	fd = mkstemp(temp);
	if (fd < 0) {
		talloc_free(tmp);
		return -1;
	}
	ok = write_all(fd, CACHE_MAGIC, strlen(CACHE_MAGIC)) && write_all(fd, key, strlen(key)) &&
	     write_all(fd, "\n", 1) && write_all(fd, body, len) && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	if (!ok || rename(temp, path) < 0) {
		unlink(temp);
		talloc_free(tmp);
		return -1;
	}
	talloc_free(tmp);
	return 0;
}
