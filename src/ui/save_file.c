/* Files the explorer writes (see save_file.h). A file the user asked
 * for goes where they say, but never into a git directory - a `git bisect
 * replay` file in .git would sit beside git's own BISECT_LOG - and a
 * half-written one would be worse than none, so it is written to a
 * temporary file in the same directory and renamed into place. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "ui/save_file.h"
#include "ui/ui.h"

/* A git directory: HEAD beside objects/ (a repository's .git, a bare
 * repository) or beside commondir (a linked worktree's). */
static bool is_git_dir(const char *dir)
{
	char buf[PATH_MAX + 16];
	struct stat st;

	if (snprintf(buf, sizeof(buf), "%s/HEAD", dir) >= (int)sizeof(buf) || stat(buf, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return false;
	snprintf(buf, sizeof(buf), "%s/objects", dir);
	if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode))
		return true;
	snprintf(buf, sizeof(buf), "%s/commondir", dir);
	return stat(buf, &st) == 0 && S_ISREG(st.st_mode);
}

/* The directory path names, resolved (symlinks, ..), under ctx. */
static char *resolved_dir(const void *ctx, const char *path)
{
	char *copy = talloc_strdup(ctx, path), *slash = strrchr(copy, '/');
	const char *dir;
	char *real, *out;

	if (!slash)
		dir = ".";
	else if (slash == copy)
		dir = "/";
	else {
		*slash = '\0';
		dir = copy;
	}
	real = realpath(dir, NULL);
	if (!real)
		return NULL;
	out = talloc_strdup(ctx, real);
	free(real);
	return out;
}

bool save_path_in_git_dir(const void *ctx, const char *path, const char **gitdir)
{
	char *dir = resolved_dir(ctx, path), *end;

	*gitdir = NULL;
	while (dir && *dir) {
		const char *base = strrchr(dir, '/');

		if (is_git_dir(dir) || (base && strcmp(base + 1, ".git") == 0)) {
			*gitdir = dir;
			return true;
		}
		end = strrchr(dir, '/');
		if (!end)
			break;
		*end = '\0';
	}
	return false;
}

/* text into path: a temporary file beside it, then rename(). Returns 0,
 * or -1 with errno set. */
static int write_atomically(const void *ctx, const char *path, const char *text)
{
	char *dir = resolved_dir(ctx, path);
	char *tmp = talloc_asprintf(ctx, "%s/.bisview-save-XXXXXX", dir ? dir : ".");
	size_t len = strlen(text), done = 0;
	int fd, saved;

	if (!dir)
		return -1;
	fd = mkstemp(tmp);
	if (fd < 0)
		return -1;
	while (done < len) {
		ssize_t n = write(fd, text + done, len - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		done += (size_t)n;
	}
	/* mkstemp's 0600 is for secrets; this is a file to share */
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	if (rename(tmp, path) == 0)
		return 0;
	fd = -1;
fail:
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = saved;
	return -1;
}

void ui_save_ask(struct ui *ui, enum save_kind kind, const char *prompt,
		 const char *default_path, char *text)
{
	talloc_free(ui->prompt);
	talloc_free(ui->input);
	talloc_free(ui->save_text);
	ui->save_kind = kind;
	ui->save_text = talloc_steal(ui, text);
	ui->prompt = talloc_strdup(ui, prompt);
	ui->input = talloc_strdup(ui, default_path);
}

void ui_save_drop(struct ui *ui)
{
	ui->save_kind = SAVE_NONE;
	TALLOC_FREE(ui->save_text);
}

/* What to do with the file once written: the status line's words. */
static void say_written(struct ui *ui, const void *ctx, enum save_kind kind, const char *path)
{
	const char *shown = ui_clean(ui, ctx, path);

	if (kind == SAVE_SYZ_TEST)
		ui_status(ui, _("Wrote %s; mail it to syzbot as a reply's body"),
			  shown);
	else
		ui_status(ui, _("Wrote %s; in the tree run: git bisect replay %s"), shown, shown);
}

void ui_save_write(struct ui *ui, const char *path)
{
	void *tmp = talloc_new(NULL);
	const char *gitdir;
	enum save_kind kind = ui->save_kind;
	char *text = talloc_steal(tmp, ui->save_text);

	ui->save_text = NULL;
	ui->save_kind = SAVE_NONE;
	if (!*path || !text)
		ui_status(ui, "%s", "");
	else if (save_path_in_git_dir(tmp, path, &gitdir))
		ui_error(ui, _("not written: %s is inside the git directory %s"),
			 ui_clean(ui, tmp, path), ui_clean(ui, tmp, gitdir));
	else if (write_atomically(tmp, path, text) != 0)
		ui_error(ui, _("not written: %s: %s"), ui_clean(ui, tmp, path), strerror(errno));
	else
		say_written(ui, tmp, kind, path);
	talloc_free(tmp);
}
