/* R (ui.h's ui_reload): the log read again, the views on screen opened
 * again on it. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/views.h"

/* A view on screen before R, to show again after it. */
struct shown_view {
	enum view_kind kind;   /* VIEW_GENERIC: none */
	int step;
	const char *commit, *path; /* the source view's file */
	int line;
};

static void remember(struct view *v, const void *ctx, struct shown_view *out)
{
	*out = (struct shown_view){ .kind = v->kind, .step = v->step };
	if (v->kind == VIEW_SOURCE && !source_view_target(v, ctx, &out->commit, &out->path,
							   &out->line))
		out->kind = VIEW_GENERIC;
}

/* R: the log again from its file, the same step selected, and the tree
 * opened again by a new worker - so that objects fetched into a partial
 * clone meanwhile are seen (doc/libraries.md §1.2) and no patch, file or
 * fact of the old tree is kept. The views on screen open again on the
 * new log; those underneath close. */
void ui_reload(struct ui *ui)
{
	const char *file = NULL, *err = NULL;
	int step = ui_selected_step(ui), focus = ui->focus;
	void *tmp = talloc_new(NULL);
	struct shown_view shown[2] = { { VIEW_GENERIC } };

	if (!strcmp(ui->log_path, "-") && !ui_follows(ui)) {
		ui_error(ui, "%s", _("standard input cannot be read again"));
		talloc_free(tmp);
		return;
	}
	/* views point into the old log: all but the steps list close, and
	 * the list of bisections or messages it came from stays beneath */
	struct view *steps = ui_find(ui, VIEW_STEPS), *list = ui_find(ui, VIEW_TRIAGE);

	list = list ? list : ui_find(ui, VIEW_MESSAGES);
	for (int i = 0; i < 2; i++)
		if (ui->views[i] && ui->views[i] != steps && ui->views[i] != list) {
			remember(ui->views[i], tmp, &shown[i]);
			talloc_free(ui->views[i]);
		}
	for (size_t i = 0; i < ui->n_stack; i++)
		if (ui->stack[i] != steps && ui->stack[i] != list)
			talloc_free(ui->stack[i]);
	ui->views[0] = steps;
	ui->views[1] = NULL;
	ui->n_stack = list ? 1 : 0;
	ui->stack[0] = list;
	ui->focus = 0;
	if (ui_load(ui, &file, &err) < 0)
		ui_error(ui, "%s%s%s", file ? file : "", file ? ": " : "", err);
	if (ui->views[0])
		view_reload(ui->views[0]);
	else
		ui->views[0] = view_new(ui, VIEW_STEPS, -1);
	ui_select_step(ui, step);
	for (int i = 0; i < 2; i++) {
		if (shown[i].kind == VIEW_SOURCE)
			ui_open_source(ui, shown[i].step, shown[i].commit, shown[i].path, shown[i].line);
		else if (shown[i].kind != VIEW_GENERIC)
			ui_open(ui, shown[i].kind, shown[i].step, i == 1);
	}
	ui->focus = ui->views[focus] ? focus : 0;
	talloc_free(tmp);
	if (!err && !ui_follows(ui))
		ui_status(ui, _("Reloaded %s: %zu steps."), ui->log_path, ui->log->n_steps);
}
