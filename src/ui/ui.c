/* The explorer's life: loading the log, the tree worker, the views that
 * are open, and the jobs coming back. Input and drawing: ui_input.c,
 * ui_draw.c. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "input/input.h"
#include "log/parse.h"
#include "report/batch.h"
#include "report/framing.h"
#include "text/sanitize.h"
#include "ui/driver.h"
#include "ui/syztest_file.h"
#include "ui/triage.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/view.h"
#include "ui/views.h"
#include "ui/worker.h"

static void set_status(struct ui *ui, bool error, const char *fmt, va_list ap)
{
	talloc_free(ui->status);
	ui->status = talloc_vasprintf(ui, fmt, ap);
	ui->status_error = error;
}

void ui_status(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, false, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, true, fmt, ap);
	va_end(ap);
}

const char *ui_clean(struct ui *ui, const void *ctx, const char *s)
{
	return sanitize_str(ctx, s, ui->app->san_flags);
}

/* The posterior's next commit, as 40 hex under ctx, or NULL. */
static char *next_commit(const void *ctx, const struct ui *ui)
{
	const struct posterior *r = ui->rc.posterior;
	char hex[2 * DAG_OID_LEN + 1];

	if (!r || r->next == DAG_NONE || !ui->rc.xref || !ui->rc.xref->range)
		return NULL;
	posterior_hex(hex, ui->rc.xref->range, r->next);
	return talloc_strdup(ctx, hex);
}

/* Signals, the assessment and, with the range in memory, the posterior
 * over its commits (doc/model.md §9), again whenever the facts change;
 * then the subject of the commit it would test next, from the worker. */
static void assess_now(struct ui *ui)
{
	struct job *j;

	talloc_free(ui->assess_ctx);
	ui->assess_ctx = talloc_new(ui);
	ui->next_subject = NULL;
	report_assess(ui->assess_ctx, ui->log, &ui->rc);
	if (!ui->worker || !ui->rc.posterior || ui->rc.posterior->next == DAG_NONE)
		return;
	j = job_new(JOB_FACTS, -1);
	j->commit = next_commit(j, ui);
	worker_post(ui->worker, j);
}

/* Shows log (or refuses it with *err): the old log, its worker and its
 * facts go. A log that is one of an mbox's messages stays theirs. */
int ui_install_log(struct ui *ui, struct blog *log, const char **err)
{
	const char *refusal = log_refusal(log);

	if (refusal) {
		*err = refusal;
		if (!ui->messages || talloc_parent(log) != ui->messages)
			talloc_free(log);
		return -1;
	}
	worker_stop(ui->worker);
	ui->worker = NULL;
	if (!ui->messages || talloc_parent(ui->log) != ui->messages)
		talloc_free(ui->log);
	ui->log = log;
	ui->rc = (struct report_ctx){ .san_flags = ui->app->san_flags };
	talloc_free(ui->tree_note);
	ui->tree_note = NULL;
	ui->facts_pending = false;
	ui->fix_job = NULL;
	ui->revert_job = NULL;
	if (log->format != LOG_FORMAT_CRASH_REPORT && !ui->app->no_tree)
		ui->worker = worker_start(ui->app->tree_path, ui->app->trust_repo, log);
	if (ui->worker) {
		ui_post(ui, job_new(JOB_XREF, -1));
		ui->facts_pending = true;
	} else {
		ui->tree_note = talloc_strdup(ui, log->format == LOG_FORMAT_CRASH_REPORT ?
					      _("a crash report: there is no bisection to explore") :
					      _("no git tree: commit facts and diffs need -C DIR or $BISVIEW_TREE"));
	}
	assess_now(ui);
	ui_follow_start(ui);
	return 0;
}

int ui_load(struct ui *ui, const char **file, const char **err)
{
	struct input_request req = ui_input_request(ui);
	struct blog *log = input_load(ui, &req, err);

	*file = ui_input_name(ui, &req, log);
	if (!log)
		return -1;
	return ui_install_log(ui, log, err);
}

bool ui_post(struct ui *ui, struct job *j)
{
	if (!ui->worker || (ui->tree_note && !ui->facts_pending)) {
		ui_error(ui, "%s", ui->tree_note ? ui->tree_note : _("no git tree"));
		talloc_free(j);
		return false;
	}
	worker_post(ui->worker, j);
	return true;
}

static void for_each_view(struct ui *ui, void (*fn)(struct view *v, void *arg), void *arg)
{
	for (int i = 0; i < 2; i++)
		if (ui->views[i])
			fn(ui->views[i], arg);
	for (size_t i = 0; i < ui->n_stack; i++)
		fn(ui->stack[i], arg);
}

static void refresh_view(struct view *v, void *arg)
{
	if (v->ops->refresh)
		v->ops->refresh(v);
	else
		view_reload(v);
}

static void deliver_job(struct view *v, void *arg)
{
	struct job **j = arg;

	if (*j && v->ops->deliver && v->ops->deliver(v, *j))
		*j = NULL;
}

bool ui_poll_jobs(struct ui *ui)
{
	struct job *j;
	bool any = ui_triage_poll(ui);

	while (ui->worker && (j = worker_take(ui->worker))) {
		any = true;
		if (j->cancelled) {
			ui_status(ui, "%s", _("cancelled"));
			if (j->kind == JOB_XREF) {
				ui->facts_pending = false;
				talloc_free(j);
				continue;
			}
			/* the view that waits for it says so, and stops waiting */
			j->status = -1;
			j->error = _("cancelled");
		}
		if (j->kind == JOB_XREF && j->no_tree) {
			const char *where = ui->app->tree_path ? ui->app->tree_path :
					    getenv("BISVIEW_TREE");

			ui->facts_pending = false;
			ui->t_facts = monotonic_seconds();
			talloc_free(ui->tree_note);
			if (j->error) {
				ui->tree_note = talloc_asprintf(ui, "%s: %s", where ? where : ".", j->error);
				ui_error(ui, "%s", ui->tree_note);
			} else {
				ui->tree_note = talloc_strdup(ui, _("no git tree: commit facts and diffs need -C DIR or $BISVIEW_TREE"));
			}
			for_each_view(ui, refresh_view, NULL);
			talloc_free(j);
			continue;
		}
		if (j->kind == JOB_XREF) {
			ui->facts_pending = false;
			ui->t_facts = monotonic_seconds();
			if (j->xref) {
				ui->rc.xref = talloc_steal(ui->log, j->xref);
				input_in_progress_update(ui->log, j->xref);
				ui_follow_facts(ui);
				assess_now(ui);
				for_each_view(ui, refresh_view, NULL);
				ui_post_fix_search(ui, j->xref);
			}
			talloc_free(j);
			continue;
		}
		if (j->kind == JOB_REVERT) {
			ui_take_revert(ui, j);
			talloc_free(j);
			continue;
		}
		if (j->kind == JOB_FIX) {
			ui_take_fix(ui, j);
			assess_now(ui);
			for_each_view(ui, refresh_view, NULL);
			talloc_free(j);
			continue;
		}
		if (j->kind == JOB_FACTS) {
			char *next = next_commit(NULL, ui);

			/* still the posterior's next test (no reload since) */
			if (j->status == 0 && next && j->commit && !strcmp(next, j->commit)) {
				ui->next_subject = talloc_strdup(ui->assess_ctx, j->facts.subject);
				for_each_view(ui, refresh_view, NULL);
			}
			talloc_free(next);
			talloc_free(j);
			continue;
		}
		for_each_view(ui, deliver_job, &j);
		talloc_free(j); /* NULL when a view kept it */
	}
	return any;
}

struct view *ui_focused(struct ui *ui)
{
	return ui->views[ui->focus] ? ui->views[ui->focus] : ui->views[0];
}

struct view *ui_find(struct ui *ui, enum view_kind k)
{
	for (int i = 0; i < 2; i++)
		if (ui->views[i] && ui->views[i]->kind == k)
			return ui->views[i];
	for (size_t i = ui->n_stack; i-- > 0;)
		if (ui->stack[i]->kind == k)
			return ui->stack[i];
	return NULL;
}

/* Opens a view: in the split (replacing the split's view), or full
 * screen with the current one kept underneath for view-close. An open
 * view of the same kind is reused and moved to the step. */
struct view *ui_open(struct ui *ui, enum view_kind k, int step, bool split)
{
	struct view *v;

	if (!view_ops_of(k))
		return NULL;
	for (int i = 0; i < 2; i++) {
		v = ui->views[i];
		if (v && v->kind == k) {
			/* a source view is moved by a new request, even at the same step */
			if (v->step != step || (k == VIEW_SOURCE && ui->source_request.path)) {
				v->step = step;
				v->selected = v->offset = 0;
				v->ops->load(v);
			}
			ui->focus = i;
			return v;
		}
	}
	v = view_new(ui, k, step);
	if (split && ui->views[0]) {
		talloc_free(ui->views[1]);
		ui->views[1] = v;
		ui->focus = 1;
		return v;
	}
	if (ui->n_stack == sizeof(ui->stack) / sizeof(ui->stack[0])) {
		/* the oldest view underneath goes; the steps view is never it */
		talloc_free(ui->stack[1]);
		memmove(&ui->stack[1], &ui->stack[2], (ui->n_stack - 2) * sizeof(struct view *));
		ui->n_stack--;
	}
	if (ui->views[0])
		ui->stack[ui->n_stack++] = ui->views[0];
	talloc_free(ui->views[1]);
	ui->views[1] = NULL;
	ui->views[0] = v;
	ui->focus = 0;
	return v;
}

/* view-close: the split first, else back to the view underneath; the
 * last view closes the program, as q does in tig's main view. */
void ui_close(struct ui *ui)
{
	if (ui->views[1] && ui->focus == 1) {
		talloc_free(ui->views[1]);
		ui->views[1] = NULL;
		ui->focus = 0;
	} else if (ui->views[1]) {
		/* closing the list with a split open keeps the split's view */
		if (ui->n_stack == 0) {
			ui->quit = true;
			return;
		}
		talloc_free(ui->views[0]);
		ui->views[0] = ui->stack[--ui->n_stack];
		ui->focus = 0;
	} else if (ui->n_stack > 0) {
		talloc_free(ui->views[0]);
		ui->views[0] = ui->stack[--ui->n_stack];
		ui->focus = 0;
	} else {
		ui->quit = true;
	}
}

void ui_show_over_list(struct ui *ui, struct view *list)
{
	for (size_t i = 0; i < ui->n_stack; i++)
		if (ui->stack[i] != list)
			talloc_free(ui->stack[i]);
	if (ui->views[1] != list)
		talloc_free(ui->views[1]);
	ui->views[1] = NULL;
	ui->stack[0] = list;
	ui->n_stack = 1;
	ui->focus = 0;
	ui->views[0] = view_new(ui, VIEW_STEPS, -1);
	ui_initial_selection(ui);
}

int ui_selected_step(struct ui *ui)
{
	struct view *v = ui_find(ui, VIEW_STEPS);

	return v && v->n_rows ? (int)v->selected : -1;
}


static void follow_step(struct view *v, void *arg)
{
	int step = *(int *)arg;

	/* the views about the selected step (view_table.h: SPLIT) */
	if (v->step >= 0 && v->step != step && view_opening_of(v->kind) == VIEW_OPENS_SPLIT) {
		v->step = step;
		v->selected = v->offset = 0;
		v->ops->load(v);
	}
}

void ui_select_step(struct ui *ui, int i)
{
	struct view *steps = ui_find(ui, VIEW_STEPS);

	if (!steps || i < 0 || (size_t)i >= steps->n_rows)
		return;
	view_select(steps, (size_t)i);
	for_each_view(ui, follow_step, &i);
}

int ui_culprit_step(const struct blog *log)
{
	for (size_t i = 0; log->result.commit && i < log->n_steps; i++)
		if (log->steps[i]->commit && !strcmp(log->steps[i]->commit, log->result.commit))
			return (int)i;
	return -1;
}

int ui_commit_step(const struct blog *log, const char *commit)
{
	for (size_t i = 0; commit && i < log->n_steps; i++)
		if (log->steps[i]->commit && !strcmp(log->steps[i]->commit, commit))
			return (int)i;
	return -1;
}

/* An inconclusive result: on the first candidate the bisection tested,
 * else on the list of them in the signals view, never on step 0. */
static bool on_candidates(struct ui *ui)
{
	const struct result *r = &ui->log->result;
	struct view *v;

	if (r->type != RESULT_INCONCLUSIVE || r->n_candidates == 0)
		return false;
	for (size_t i = 0; i < r->n_candidates; i++) {
		int step = ui_commit_step(ui->log, r->candidates[i]);

		if (step >= 0) {
			ui_select_step(ui, step);
			ui_status(ui, ngettext("Inconclusive: on step %d, a candidate; the signals view lists "
					       "the %zu candidate.",
					       "Inconclusive: on step %d, a candidate; the signals view lists "
					       "all %zu candidates.", r->n_candidates),
				  step, r->n_candidates);
			return true;
		}
	}
	v = ui_open(ui, VIEW_SIGNALS, -1, false);
	if (!v || !signals_view_show_candidates(v))
		return false;
	ui_status(ui, ngettext("Inconclusive: %zu candidate, not tested in the log.",
			       "Inconclusive: %zu candidates, none tested in the log.", r->n_candidates),
		  r->n_candidates);
	return true;
}

/* Where to start, and why (doc/design.md §7: the culprit, else an
 * inconclusive result's candidates, else the first suspicious step). */
void ui_initial_selection(struct ui *ui)
{
	const struct blog *log = ui->log;
	const struct assessment *a = ui->rc.assessment;
	int culprit = ui_culprit_step(log);

	/* a crash report alone: its one view (doc/design.md §7.1) */
	if (log->format == LOG_FORMAT_CRASH_REPORT) {
		ui_open(ui, VIEW_CRASH, -1, false);
		ui_status(ui, "%s", _("A crash report: no bisection to explore (the crash view shows "
				      "it)."));
		return;
	}
	if (ui_follow_selection(ui))
		return;
	if (culprit >= 0 && log->format == LOG_FORMAT_GIT_BISECT) {
		void *tmp = talloc_new(NULL);

		ui_select_step(ui, culprit);
		/* TRANSLATORS: %s is git's bad term (bad, new, the log's own) */
		ui_status(ui, _("On the first %s commit (step %d); the bisection looks %s."),
			  ui_clean(ui, tmp, frame_git_term(log, VERDICT_BAD)), culprit,
			  report_verdict_word(&ui->rc));
		talloc_free(tmp);
		return;
	}
	if (culprit >= 0 && log->kind == KIND_FIX) {
		ui_select_step(ui, culprit);
		ui_status(ui, _("On the fix (step %d); the bisection looks %s."), culprit,
			  report_verdict_word(&ui->rc));
		return;
	}
	if (culprit >= 0) {
		ui_select_step(ui, culprit);
		ui_status(ui, _("On the culprit (step %d); the bisection looks %s."), culprit,
			  report_verdict_word(&ui->rc));
		return;
	}
	if (on_candidates(ui))
		return;
	if (a && a->first_suspicious_step >= 0) {
		ui_select_step(ui, a->first_suspicious_step);
		ui_status(ui, _("On step %d, the first suspicious step: re-check it first."),
			  a->first_suspicious_step);
		return;
	}
	/* a fragment with no steps: its lines, below what they state */
	if (log->fragment && log->n_steps == 0)
		ui_open(ui, VIEW_LOG, -1, true);
	if (log->fragment)
		ui_status(ui, "%s", _("A fragment of a syzbot log: only what its lines state; the log "
				      "view shows them."));
	else if (log->n_steps == 0)
		ui_status(ui, "%s", _("The log has no test steps."));
	else
		ui_status(ui, "%s", _("No culprit: on the first step."));
}

int ui_run(struct app *app)
{
	struct ui *ui = talloc_zero(app, struct ui);
	const char *file = NULL, *err = NULL;
	int status;

	ui->app = app;
	ui->t_start = app->t_start;
	ui->log_path = app->n_args ? app->args[0] : "-";
	if (app->n_args && app_refuse_terminal_input(app, ui->log_path)) {
		talloc_free(ui);
		return EXIT_INPUT;
	}
	config_defaults(ui);
	config_load_user(ui);
	/* many bisections open on the triage list (triage.h); an mbox of
	 * several messages on their list (view_messages.c) */
	if (batch_wanted(app) ? ui_triage_start(ui, &file, &err) < 0 :
	    ui_load_messages(ui, &file, &err) < 0) {
		/* no LOG, a terminal and no bisection here: the refusal */
		if (err || !app_refuse_terminal_input(app, ui->log_path))
			app_error(app, file, err);
		talloc_free(ui);
		return EXIT_INPUT;
	}
	if (ui->triage) {
		/* a script's screens must not depend on how fast rows load */
		if (app->script_path)
			ui_triage_wait(ui);
		ui->views[0] = view_new(ui, VIEW_TRIAGE, -1);
	} else if (ui->messages) {
		ui->views[0] = view_new(ui, VIEW_MESSAGES, -1);
	} else {
		ui->views[0] = view_new(ui, VIEW_STEPS, -1);
		ui_initial_selection(ui);
	}
	if (ui->n_config_errors) {
		const struct config_error *e = &ui->config_errors[0];

		/* the first one here, every one in the help view's Configuration */
		if (ui->n_config_errors == 1)
			ui_error(ui, "%s:%d: %s", e->file, e->line, e->message);
		else
			ui_error(ui, _("%s:%d: %s (1 of %zu config errors: h lists them all)"),
				 e->file, e->line, e->message, ui->n_config_errors);
	}
	status = app->script_path ? script_run(ui, app->script_path) : term_run(ui);
	/* views first: they may hold jobs; then the worker and its tree */
	for (int i = 0; i < 2; i++)
		talloc_free(ui->views[i]);
	for (size_t i = 0; i < ui->n_stack; i++)
		talloc_free(ui->stack[i]);
	worker_stop(ui->worker);
	ui_triage_end(ui);
	talloc_free(ui);
	return status;
}
