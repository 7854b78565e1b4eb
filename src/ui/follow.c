/* The explorer follows a bisection in progress (doc/design.md §12.1):
 * when the user marks a commit in another terminal, git appends to
 * BISECT_LOG and then writes BISECT_EXPECTED_REV; both are stat()ed
 * about once a second (the terminal's poll() wakes for it) and a change
 * reloads the log as R does, the selected step kept - or, when it was the
 * commit under test, the new commit under test (or the result) selected. When `git bisect
 * reset` removes the file the last state stays on screen, and the status
 * line says why nothing changes any more. Only stat(): the ui thread
 * opens no repository for this. */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "ui/ui.h"

/* Polled this often (ms) while the bisection is followed. */
#define FOLLOW_INTERVAL_MS 1000

struct stamp {
	bool exists;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime;
};

/* What the status line says of the state, again when the tree's facts
 * (the counts) arrive. */
enum follow_say { SAY_NOTHING, SAY_STATE, SAY_FOLLOWING };

struct ui_follow {
	char *log_path, *rev_path;
	struct stamp log, rev;
	bool gone;              /* BISECT_LOG was removed: the last state shown */
	enum follow_say say;
};

/* The status line on the state: the header's line (report/progress.c),
 * or the first bad commit once git has named it. */
static void say_state(struct ui *ui, enum follow_say say)
{
	void *tmp = talloc_new(NULL);
	const char *line = report_progress_line(tmp, ui->log, &ui->rc, ui->app->san_flags);

	if (ui->log->result.type == RESULT_CULPRIT)
		ui_status(ui, _("The bisection has found the first bad commit %.12s."),
			  ui->log->result.commit);
	else if (line && say == SAY_FOLLOWING)
		ui_status(ui, _("%s; following the bisection (git bisect good/bad in another terminal)."),
			  line);
	else if (line)
		ui_status(ui, "%s", line);
	talloc_free(tmp);
}

static struct stamp stamp_of(const char *path)
{
	struct stamp s = { 0 };
	struct stat st;

	if (stat(path, &st) == 0) {
		s.exists = true;
		s.dev = st.st_dev;
		s.ino = st.st_ino;
		s.size = st.st_size;
		s.mtime = st.st_mtim;
	}
	return s;
}

static bool same(const struct stamp *a, const struct stamp *b)
{
	return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	       a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec;
}

void ui_follow_start(struct ui *ui)
{
	const struct log_in_progress *p = ui->log->in_progress;
	struct ui_follow *f;

	if (ui->log->source.kind != SOURCE_BISECT_IN_PROGRESS || !p || !p->git_dir) {
		talloc_free(ui->follow);
		ui->follow = NULL;
		return;
	}
	f = ui->follow ? ui->follow : talloc_zero(ui, struct ui_follow);
	ui->follow = f;
	talloc_free(f->log_path);
	talloc_free(f->rev_path);
	f->log_path = talloc_asprintf(f, "%sBISECT_LOG", p->git_dir);
	f->rev_path = talloc_asprintf(f, "%sBISECT_EXPECTED_REV", p->git_dir);
	f->log = stamp_of(f->log_path);
	/* what was read, not what is there now: a mark made while the log
	 * loaded shows as a change at the next check */
	f->log.size = (off_t)ui->log->text_len;
	f->rev = stamp_of(f->rev_path);
	f->gone = false;
}

bool ui_follows(const struct ui *ui)
{
	return ui->follow != NULL;
}

int ui_follow_timeout(const struct ui *ui)
{
	return ui->follow ? FOLLOW_INTERVAL_MS : -1;
}

/* Is the selected step the last row, the commit under test? */
static bool on_commit_under_test(struct ui *ui)
{
	const struct log_in_progress *p = ui->log->in_progress;

	return p && p->testing && ui->log->n_steps > 0 &&
	       ui_selected_step(ui) == (int)ui->log->n_steps - 1;
}

bool ui_follow_check(struct ui *ui)
{
	struct ui_follow *f = ui->follow;
	struct stamp log, rev;
	bool on_test;

	if (!f)
		return false;
	log = stamp_of(f->log_path);
	rev = stamp_of(f->rev_path);
	if (!log.exists) {
		if (f->gone)
			return false;
		f->gone = true;
		ui_status(ui, "%s", _("The bisection has ended (git bisect reset): showing its last state."));
		return true;
	}
	if (same(&log, &f->log) && same(&rev, &f->rev) && !f->gone)
		return false;
	f->log = log;
	f->rev = rev;
	on_test = on_commit_under_test(ui);
	ui_reload(ui);
	/* on the commit under test before: on the one now (or the result) */
	if (on_test && ui->log->in_progress && ui->log->in_progress->testing)
		ui_select_step(ui, (int)ui->log->n_steps - 1);
	else if (on_test && ui_culprit_step(ui->log) >= 0)
		ui_select_step(ui, ui_culprit_step(ui->log));
	if (ui->follow && ui->log->in_progress) {
		say_state(ui, SAY_STATE);
		ui->follow->say = SAY_STATE;
	}
	return true;
}

/* On the commit under test, the last row; the header says the rest. */
bool ui_follow_selection(struct ui *ui)
{
	const struct log_in_progress *p = ui->log->in_progress;

	if (!p || !p->testing || ui->log->n_steps == 0 || !ui->follow)
		return false;
	ui_select_step(ui, (int)ui->log->n_steps - 1);
	say_state(ui, SAY_FOLLOWING);
	ui->follow->say = SAY_FOLLOWING;
	return true;
}

void ui_follow_facts(struct ui *ui)
{
	if (!ui->follow || ui->follow->say == SAY_NOTHING)
		return;
	say_state(ui, ui->follow->say);
	ui->follow->say = SAY_NOTHING;
}
