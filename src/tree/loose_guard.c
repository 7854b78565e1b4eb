/* A guard in front of libgit2's loose objects.
 *
 * libgit2 1.5.1 never returns when it reads the whole of a loose object
 * whose zlib stream is cut short (a truncated file: a full disk, a copy
 * interrupted): its inflate loop waits for input that never comes, so a
 * diff or a source view would spin forever on one damaged file. This
 * backend sits after the packs and before the loose objects (repo.c).
 * For an object that is a loose file in one of the object directories
 * it inflates the file to the end itself (bounded: every round consumes
 * input or fills the output) and refuses a stream that stops early;
 * everything else it passes on (GIT_PASSTHROUGH) to libgit2's loose
 * backend, which then reads the object as usual. Packed objects, the
 * kernel's bulk, never reach it. Header-only reads do not hang and are
 * not guarded. */
#include "config.h"

#include <fcntl.h>
#include <git2/sys/odb_backend.h>
#include <stdbool.h>
#include <talloc.h>
#include <unistd.h>
#include <zlib.h>

#include "tree/tree_internal.h"

struct loose_guard {
	git_odb_backend parent;  /* first: libgit2 casts to and from it */
	const char **dirs;       /* the objects directories, talloc array */
	size_t n_dirs;
};

/* Is the zlib stream in the file complete? A file that does not exist is
 * not ours to judge (true). */
static bool stream_complete(const char *path, bool *exists)
{
	unsigned char in[65536], out[65536];
	z_stream z = { 0 };
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = Z_OK;
	ssize_t got;

	*exists = fd >= 0;
	if (fd < 0)
		return true;
	if (inflateInit(&z) != Z_OK) {
		close(fd);
		return false;
	}
	while (ret != Z_STREAM_END && (got = read(fd, in, sizeof(in))) > 0) {
		z.next_in = in;
		z.avail_in = (uInt)got;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			ret = inflate(&z, Z_NO_FLUSH);
		} while (ret == Z_OK && (z.avail_in > 0 || z.avail_out == 0));
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
			break;  /* not zlib data at all: let libgit2 say so */
	}
	inflateEnd(&z);
	close(fd);
	return ret == Z_STREAM_END || (ret != Z_OK && ret != Z_BUF_ERROR);
}

static int guard_read(void **data, size_t *len, git_object_t *type, git_odb_backend *backend,
		      const git_oid *oid)
{
	struct loose_guard *g = (struct loose_guard *)backend;
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	for (size_t i = 0; i < g->n_dirs; i++) {
		char *path = talloc_asprintf(NULL, "%s/%.2s/%s", g->dirs[i], hex, hex + 2);
		bool exists, complete = stream_complete(path, &exists);

		talloc_free(path);
		if (!exists)
			continue;
		if (complete)
			return GIT_PASSTHROUGH;
		git_error_set_str(GIT_ERROR_ODB, "loose object is cut short (a truncated file)");
		return GIT_ERROR;
	}
	return GIT_PASSTHROUGH;
}

static void guard_free(git_odb_backend *backend)
{
	talloc_free(backend);
}

int loose_guard_add(git_odb *odb, const char *const *dirs, size_t n_dirs, int priority)
{
	struct loose_guard *g = talloc_zero(NULL, struct loose_guard);

	if (!g || git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		talloc_free(g);
		return -1;
	}
	g->dirs = talloc_array(g, const char *, n_dirs);
	for (size_t i = 0; i < n_dirs; i++)
		g->dirs[i] = talloc_strdup(g->dirs, dirs[i]);
	g->n_dirs = n_dirs;
	g->parent.read = guard_read;
	g->parent.free = guard_free;
	if (git_odb_add_backend(odb, &g->parent, priority) < 0) {
		talloc_free(g);
		return -1;
	}
	return 0;
}
