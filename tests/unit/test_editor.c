/* The editor hand-off (src/ui/editor.c), run for real: a recording
 * "editor" (a script that writes down its argv and the copy it was given)
 * stands in for $VISUAL, so the test sees exactly what was executed.
 * A file named with shell metacharacters must reach the editor only as
 * a filtered name in an argv array: nothing may run the name. */
#include "config.h"

#include "unit.h"

#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "ui/editor.h"
#include "ui/ui.h"

struct hooks_seen {
	int suspended, resumed;
};

static struct hooks_seen seen;

static void fake_suspend(struct ui *ui)
{
	seen.suspended++;
}

static void fake_resume(struct ui *ui)
{
	seen.resumed++;
}

static struct ui *fake_ui(void *ctx, bool terminal)
{
	struct app *app = talloc_zero(ctx, struct app);
	struct ui *ui = talloc_zero(ctx, struct ui);

	ui->app = app;
	if (terminal) {
		ui->suspend_terminal = fake_suspend;
		ui->resume_terminal = fake_resume;
	}
	return ui;
}

static char *read_file(void *ctx, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return talloc_strdup(ctx, buf);
}

static void test_safe_name(void **state)
{
	assert_str(editor_safe_name(*state, "mm/khugepaged.c"), "khugepaged.c");
	assert_str(editor_safe_name(*state, "a/x;touch P $(id)`id`&q.c"), "x_touch_P___id__id__q.c");
	assert_str(editor_safe_name(*state, "dir/"), "file");
	assert_str(editor_safe_name(*state, NULL), "file");
	assert_str(editor_safe_name(*state, "-rf"), "-rf");
	/* UTF-8 and controls: every byte outside the set is one '_' */
	assert_str(editor_safe_name(*state, "caf\xc3\xa9\x1b[31m.c"), "caf____31m.c");
	/* long names keep their end (the extension) */
	const char *longname = editor_safe_name(*state, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.c");
	assert_int_equal(strlen(longname), 64);
	assert_string_equal(longname + 62, ".c");
}

static void test_argv(void **state)
{
	char **a = editor_argv(*state, "  emacsclient\t-t  --alternate-editor= ", 1826, "/tmp/f.c");

	assert_str(a[0], "emacsclient");
	assert_str(a[1], "-t");
	assert_str(a[2], "--alternate-editor=");
	assert_str(a[3], "+1826");
	assert_str(a[4], "/tmp/f.c");
	assert_null(a[5]);
	a = editor_argv(*state, " ", 0, "/tmp/f.c");
	assert_str(a[0], "vi");
	assert_str(a[1], "/tmp/f.c");
	assert_null(a[2]);
}

/* A scratch directory with a recording editor in it, and TMPDIR (where
 * the editor's copy goes) inside it until scratch_free(). */
struct scratch {
	char *dir, *editor, *tmpdir, *record, *copy;
};

static struct scratch *scratch_new(void *ctx)
{
	struct scratch *s = talloc_zero(ctx, struct scratch);
	char *tmpl = talloc_strdup(s, "/tmp/bisview-test-editor.XXXXXX");
	FILE *f;

	assert_non_null(mkdtemp(tmpl));
	s->dir = tmpl;
	s->editor = talloc_asprintf(s, "%s/record-editor", s->dir);
	s->tmpdir = talloc_asprintf(s, "%s/tmp", s->dir);
	s->record = talloc_asprintf(s, "%s/argv", s->dir);
	s->copy = talloc_asprintf(s, "%s/copy", s->dir);
	assert_int_equal(mkdir(s->tmpdir, 0700), 0);
	f = fopen(s->editor, "w");
	assert_non_null(f);
	/* argv one per line, the copy's mode and content */
	fprintf(f, "#!/bin/sh\nfor a in \"$@\"; do printf '%%s\\n' \"$a\"; done >'%s'\n"
		   "for a in \"$@\"; do f=$a; done\nstat -c %%a \"$f\" >>'%s'\ncat \"$f\" >'%s'\n",
		s->record, s->record, s->copy);
	fclose(f);
	assert_int_equal(chmod(s->editor, 0700), 0);
	setenv("TMPDIR", s->tmpdir, 1);
	return s;
}

/* The editor's copy was deleted: TMPDIR is empty (and made again). */
static void assert_no_copy_left(const struct scratch *s)
{
	assert_int_equal(rmdir(s->tmpdir), 0);
	assert_int_equal(mkdir(s->tmpdir, 0700), 0);
}

/* Removes the directory, and the variables a test may have set. */
static void scratch_free(struct scratch *s)
{
	char *cmd = talloc_asprintf(s, "rm -rf '%s'", s->dir);

	unsetenv("VISUAL");
	unsetenv("EDITOR");
	unsetenv("TMPDIR");
	assert_int_equal(system(cmd), 0);
	talloc_free(s);
}

static void test_runs_argv_no_shell(void **state)
{
	struct scratch *s = scratch_new(*state);
	struct ui *ui = fake_ui(*state, true);
	const char *evil = "dir/x;touch PWNED $(touch PWNED2)`touch PWNED3`&q.c";
	char *want_prefix, *got, *line, *save = NULL, *cwd = getcwd(NULL, 0);
	char *pwned;

	assert_int_equal(chdir(s->dir), 0);
	setenv("VISUAL", talloc_asprintf(*state, "%s --wait", s->editor), 1);
	seen = (struct hooks_seen){ 0 };
	assert_int_equal(editor_open_text(ui, evil, "one\ntwo\n", 8, 2, NULL), 0);
	assert_int_equal(seen.suspended, 1);
	assert_int_equal(seen.resumed, 1);
	got = read_file(*state, s->record);
	assert_non_null(got);
	line = strtok_r(got, "\n", &save);
	assert_str(line, "--wait");
	assert_str(strtok_r(NULL, "\n", &save), "+2");
	line = strtok_r(NULL, "\n", &save);
	want_prefix = talloc_asprintf(*state, "%s/bisview-", s->tmpdir);
	assert_starts(line, want_prefix);
	assert_str(line + strlen(want_prefix) + 7, "x_touch_PWNED___touch_PWNED2__touch_PWNED3__q.c");
	assert_str(strtok_r(NULL, "\n", &save), "600");
	assert_str(read_file(*state, s->copy), "one\ntwo\n");
	/* the copy is gone, and nothing ran the name */
	assert_int_equal(access(line, F_OK), -1);
	for (int i = 0; i < 3; i++) {
		pwned = talloc_asprintf(*state, "%s/PWNED%s", s->dir, i ? (i == 1 ? "2" : "3") : "");
		assert_int_equal(access(pwned, F_OK), -1);
	}
	assert_int_equal(chdir(cwd), 0);
	free(cwd);
	scratch_free(s);
}

static void test_editor_missing(void **state)
{
	struct scratch *s = scratch_new(*state);
	struct ui *ui = fake_ui(*state, true);

	unsetenv("VISUAL");
	setenv("EDITOR", "/nonexistent/editor-xyz", 1);
	assert_int_equal(editor_open_text(ui, "a.c", "x", 1, 1, NULL), -1);
	assert_true(ui->status_error);
	assert_contains(ui->status, "/nonexistent/editor-xyz");
	/* the copy is deleted on failure too */
	assert_no_copy_left(s);
	scratch_free(s);
}

static void test_script_mode_runs_nothing(void **state)
{
	struct scratch *s = scratch_new(*state);
	struct ui *ui = fake_ui(*state, false);

	setenv("VISUAL", s->editor, 1);
	assert_int_equal(editor_open_text(ui, "mm/khugepaged.c", "x\n", 2, 1826, NULL), 0);
	assert_false(ui->status_error);
	assert_starts(ui->status, talloc_asprintf(*state, "would run: %s +1826 %s/bisview-",
						  s->editor, s->tmpdir));
	assert_int_equal(access(s->record, F_OK), -1);
	assert_no_copy_left(s);
	scratch_free(s);
}

/* The work tree's own file (tree/workdir.h found it the commit's): the
 * editor gets its path, no copy is made, the file stays, and the status
 * line claims no copy was deleted. */
static void test_worktree_file(void **state)
{
	struct scratch *s = scratch_new(*state);
	struct ui *ui = fake_ui(*state, true);
	char *own = talloc_asprintf(*state, "%s/khugepaged.c", s->dir), *got, *save = NULL;
	FILE *f = fopen(own, "w");

	assert_non_null(f);
	fputs("x\n", f);
	fclose(f);
	setenv("VISUAL", s->editor, 1);
	seen = (struct hooks_seen){ 0 };
	assert_int_equal(editor_open_text(ui, "mm/khugepaged.c", "x\n", 2, 7, own), 0);
	got = read_file(*state, s->record);
	assert_non_null(got);
	assert_str(strtok_r(got, "\n", &save), "+7");
	assert_str(strtok_r(NULL, "\n", &save), own);
	assert_str(read_file(*state, own), "x\n");
	assert_false(ui->status_error);
	assert_contains(ui->status, "work tree");
	assert_null(strstr(ui->status, "deleted"));
	assert_no_copy_left(s);
	scratch_free(s);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_safe_name),
		UNIT_TEST(test_argv),
		UNIT_TEST(test_runs_argv_no_shell),
		UNIT_TEST(test_editor_missing),
		UNIT_TEST(test_script_mode_runs_nothing),
		UNIT_TEST(test_worktree_file),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
