/* The editor hand-off (see editor.h) and running an external program
 * with the terminal left for it. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "ui/editor.h"
#include "ui/ui.h"

#define SAFE_NAME_MAX 64
#define BLANKS " \t"

char *editor_safe_name(const void *ctx, const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;
	const char *base = slash ? slash + 1 : path ? path : "";
	size_t n = strlen(base);
	char *out;

	if (n > SAFE_NAME_MAX)
		base += n - SAFE_NAME_MAX; /* the end keeps the extension editors look at */
	out = talloc_strdup(ctx, *base ? base : "file");
	for (char *p = out; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			*p = '_';
	}
	return out;
}

char **editor_argv(const void *ctx, const char *editor, int line, const char *file)
{
	char *words = talloc_strdup(ctx, editor), *save = NULL;
	char **argv = talloc_array(ctx, char *, 1);
	size_t n = 0;

	for (char *w = strtok_r(words, BLANKS, &save); w; w = strtok_r(NULL, BLANKS, &save)) {
		argv = talloc_realloc(ctx, argv, char *, n + 4);
		argv[n++] = talloc_strdup(argv, w);
	}
	if (n == 0) {
		argv = talloc_realloc(ctx, argv, char *, 4);
		argv[n++] = talloc_strdup(argv, "vi");
	}
	if (line > 0)
		argv[n++] = talloc_asprintf(argv, "+%d", line);
	argv[n++] = talloc_strdup(argv, file);
	argv[n] = NULL;
	talloc_free(words);
	return argv;
}

/* $VISUAL, else $EDITOR, else vi: a setting of blanks only is none. */
static const char *editor_setting(void)
{
	static const char *const vars[] = { "VISUAL", "EDITOR" };

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *e = getenv(vars[i]);

		if (e && e[strspn(e, BLANKS)])
			return e;
	}
	return "vi";
}

int ui_run_external(struct ui *ui, char *const argv[])
{
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old_int, old_quit;
	int status = 0;
	pid_t pid;

	if (!ui->suspend_terminal || !ui->resume_terminal) {
		void *tmp = talloc_new(NULL);
		char *joined = talloc_strdup(tmp, "");

		for (size_t i = 0; argv[i]; i++)
			joined = talloc_asprintf_append(joined, "%s%s", i ? " " : "", argv[i]);
		ui_status(ui, _("would run: %s"), ui_clean(ui, tmp, joined));
		talloc_free(tmp);
		return 0;
	}
	ui->suspend_terminal(ui);
	/* as system() does: Ctrl-C in the editor is the editor's */
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	pid = fork();
	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0) {
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	ui->resume_terminal(ui);
	if (pid < 0)
		return -1;
	if (WIFEXITED(status))
		return WEXITSTATUS(status) == 127 ? -1 : WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static int write_all(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

/* The private copy: text in a new 0600 file in $TMPDIR named after
 * path; its name under ctx, or NULL (the status line says why). */
static char *write_copy(struct ui *ui, const void *ctx, const char *path, const char *text,
			size_t len)
{
	const char *dir = getenv("TMPDIR");
	const char *name = editor_safe_name(ctx, path);
	char *file;
	int fd, rc;

	/* a relative $TMPDIR would depend on where bisview was started */
	if (!dir || dir[0] != '/')
		dir = "/tmp";
	file = talloc_asprintf(ctx, "%s/bisview-XXXXXX-%s", dir, name);
	fd = mkstemps(file, (int)strlen(name) + 1);
	if (fd < 0) {
		ui_error(ui, _("cannot create a temporary file in %s: %s"),
			 ui_clean(ui, ctx, dir), strerror(errno));
		return NULL;
	}
	rc = fchmod(fd, S_IRUSR | S_IWUSR) < 0 || write_all(fd, text, len) < 0 ? -1 : 0;
	if (close(fd) < 0 || rc < 0) {
		ui_error(ui, _("cannot write %s: %s"), ui_clean(ui, ctx, file), strerror(errno));
		unlink(file);
		return NULL;
	}
	return file;
}

int editor_open_text(struct ui *ui, const char *path, const char *text, size_t len, int line,
		     const char *worktree_file)
{
	void *tmp = talloc_new(NULL);
	char *file = worktree_file ? talloc_strdup(tmp, worktree_file)
				   : write_copy(ui, tmp, path, text, len);
	char **argv;
	int rc;

	if (!file) {
		talloc_free(tmp);
		return -1;
	}
	argv = editor_argv(tmp, editor_setting(), line, file);
	rc = ui_run_external(ui, argv);
	if (!worktree_file)
		unlink(file);
	if (rc < 0)
		ui_error(ui, _("could not run %s"), ui_clean(ui, tmp, argv[0]));
	else if (rc > 0)
		ui_error(ui, _("%s exited with status %d"), ui_clean(ui, tmp, argv[0]), rc);
	else if (ui->suspend_terminal && worktree_file)
		ui_status(ui, "%s", _("Back from the editor; it had the work tree's file, the same as the commit's."));
	else if (ui->suspend_terminal)
		ui_status(ui, "%s", _("Back from the editor; its copy was deleted (the tree is never written)."));
	talloc_free(tmp);
	return rc < 0 ? -1 : 0;
}
