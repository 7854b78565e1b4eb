/* The work tree's copy of a file when it is the commit's (workdir.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "tree/tree_internal.h"
#include "tree/workdir.h"

#define PATH_MAX_PLAIN 4096

/* Relative, every component a plain name: nothing a hostile log could use
 * to leave the work tree, and nothing an editor would read as more than a
 * name. */
static bool plain_relative_path(const char *path)
{
	size_t n = strlen(path);

	if (n == 0 || n > PATH_MAX_PLAIN || path[0] == '/' || path[n - 1] == '/')
		return false;
	for (const char *p = path; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      strchr("._+,@/-", c)))
			return false;
	}
	for (const char *comp = path; comp;) {
		const char *slash = strchr(comp, '/');
		size_t len = slash ? (size_t)(slash - comp) : strlen(comp);

		if (len == 0 || (len == 1 && comp[0] == '.') ||
		    (len == 2 && !strncmp(comp, "..", 2)) ||
		    (len == 4 && !strncasecmp(comp, ".git", 4)))
			return false;
		comp = slash ? slash + 1 : NULL;
	}
	return true;
}

/* Opens path below the directory dir, following no symbolic link on the
 * way (O_NOFOLLOW on every component). A descriptor, or -1. */
static int open_below(int dir, const char *path)
{
	char *copy = talloc_strdup(NULL, path), *save = NULL;
	int fd = dup(dir);

	for (char *comp = strtok_r(copy, "/", &save); comp && fd >= 0;) {
		char *next = strtok_r(NULL, "/", &save);
		int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (next ? O_DIRECTORY : O_NONBLOCK);
		int sub = openat(fd, comp, flags);

		close(fd);
		fd = sub;
		comp = next;
	}
	talloc_free(copy);
	return fd;
}

/* Is the open file a regular file holding exactly text[0..len)? */
static bool same_bytes(int fd, const char *text, size_t len)
{
	char buf[65536];
	struct stat st;
	size_t at = 0;

	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size != len)
		return false;
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			return at == len;
		if ((size_t)n > len - at || memcmp(buf, text + at, (size_t)n))
			return false;
		at += (size_t)n;
	}
}

const char *tree_workdir_file_same(struct tree *t, const void *ctx, const char *path,
				   const char *text, size_t len)
{
	const char *wd = t ? git_repository_workdir(t->repo) : NULL;
	bool same = false;
	int dir, fd;

	if (!wd || wd[0] != '/' || !path || (!text && len) || !plain_relative_path(path))
		return NULL;
	dir = open(wd, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir < 0)
		return NULL;
	fd = open_below(dir, path);
	close(dir);
	if (fd >= 0) {
		same = same_bytes(fd, text, len);
		close(fd);
	}
	if (!same)
		return NULL;
	return talloc_asprintf(ctx, "%s%s%s", wd, wd[strlen(wd) - 1] == '/' ? "" : "/", path);
}
