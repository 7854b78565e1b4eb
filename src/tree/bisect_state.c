/* The bisection in the git directory (bisect_state.h). */
#include "config.h"

#include <ctype.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "tree/bisect_state.h"
#include "tree/tree_internal.h"

/* git's small state files are a line or two; anything longer is not
 * git's and is not read. */
#define STATE_FILE_MAX 4096

/* The text of git_dir/name, NUL-terminated, under ctx; NULL when absent,
 * unreadable or too long. O_NOFOLLOW: git writes plain files there. */
static char *read_small(const void *ctx, const char *git_dir, const char *name)
{
	char *path = talloc_asprintf(NULL, "%s%s", git_dir, name), *buf = NULL;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	ssize_t n;

	talloc_free(path);
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < STATE_FILE_MAX) {
		buf = talloc_size(ctx, STATE_FILE_MAX);
		n = read(fd, buf, STATE_FILE_MAX - 1);
		if (n < 0) {
			talloc_free(buf);
			buf = NULL;
		} else {
			buf[n] = '\0';
		}
	}
	close(fd);
	return buf;
}

/* The first line of s, blanks trimmed, in place; NULL when empty. */
static char *line_of(char *s, char **rest)
{
	char *end;

	if (!s)
		return NULL;
	end = strchr(s, '\n');
	if (rest)
		*rest = end ? end + 1 : s + strlen(s);
	if (end)
		*end = '\0';
	while (*s && isspace((unsigned char)*s))
		s++;
	for (end = s + strlen(s); end > s && isspace((unsigned char)end[-1]); end--)
		end[-1] = '\0';
	return *s ? s : NULL;
}

/* A ref of the git directory (HEAD, BISECT_HEAD, BISECT_EXPECTED_REV) as
 * 40-hex under ctx, or NULL. */
static const char *ref_hex(struct tree *t, const void *ctx, const char *name)
{
	char hex[GIT_OID_HEXSZ + 1];
	git_oid oid;

	if (git_reference_name_to_id(&oid, t->repo, name) < 0)
		return NULL;
	git_oid_tostr(hex, sizeof(hex), &oid);
	return talloc_strdup(ctx, hex);
}

static void read_terms(const void *ctx, struct tree_bisect_state *out)
{
	char *text = read_small(ctx, out->git_dir, "BISECT_TERMS"), *rest = NULL;

	out->term_new = line_of(text, &rest);
	out->term_old = out->term_new ? line_of(rest, NULL) : NULL;
	if (!out->term_old)
		out->term_new = NULL;
}

int tree_bisect_state(struct tree *t, const void *ctx, struct tree_bisect_state *out)
{
	const char *dir = git_repository_path(t->repo);
	struct commit_facts f;
	struct stat st;

	memset(out, 0, sizeof(*out));
	if (!dir)
		return 0;
	out->git_dir = talloc_asprintf(ctx, "%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/");
	out->log_path = talloc_asprintf(ctx, "%sBISECT_LOG", out->git_dir);
	if (stat(out->log_path, &st) < 0 || !S_ISREG(st.st_mode))
		return 0;
	read_terms(ctx, out);
	out->pathspec = line_of(read_small(ctx, out->git_dir, "BISECT_NAMES"), NULL) != NULL;
	out->checked_out = ref_hex(t, ctx, "BISECT_EXPECTED_REV");
	out->expected = out->checked_out != NULL;
	if (!out->checked_out) {
		out->checked_out = ref_hex(t, ctx, "BISECT_HEAD");
		out->no_checkout = out->checked_out != NULL;
	} else {
		char *bh = read_small(ctx, out->git_dir, "BISECT_HEAD");

		out->no_checkout = bh != NULL;
		talloc_free(bh);
	}
	if (!out->checked_out)
		out->checked_out = ref_hex(t, ctx, "HEAD");
	if (out->checked_out && tree_commit_facts(t, ctx, out->checked_out, &f) == 0)
		out->subject = f.subject;
	return 1;
}
