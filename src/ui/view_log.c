/* The raw log view: every physical line of the input, as it was, with
 * the selected step's lines (or a signal's evidence) highlighted and the
 * first of them a third of the way down the pane.
 *
 * A log may have millions of lines and bytes that are anything (NUL,
 * invalid UTF-8, escape sequences): each line is sanitised the first time
 * it is drawn or searched and kept, so a big log opens at once and no
 * line is cleaned twice. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "text/sanitize.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/view.h"
#include "ui/views.h"

struct log_view {
	char **clean;          /* per line, sanitised on first use (NULL: not yet) */
	int lineno_width;      /* digits of the last line number */
};

/* The line as the terminal may show it: escapes removed, controls made
 * visible, tabs expanded (sanitize does all three). */
static const char *line_text(struct view *v, size_t row)
{
	struct log_view *lv = v->priv;
	const struct blog *log = v->ui->log;

	if (!lv->clean[row]) {
		const struct log_line *l = &log->lines[row];

		lv->clean[row] = sanitize(lv->clean, log->text + l->offset, l->len,
					  v->ui->app->san_flags);
	}
	return lv->clean[row];
}

/* The rows the pane will have. A view is loaded before it is first laid
 * out (v->height is 1 then): the split's height from the layout itself. */
static int pane_rows(struct view *v)
{
	int h;

	if (v->height > 1)
		return v->height;
	h = ui_pane_height(v->ui, true);
	return h - 1 > 1 ? h - 1 : 1;  /* less the title bar */
}

/* Highlights lines [first, last] (1-based) and puts the first a third
 * of the way down the pane. */
static void log_position(struct view *v, int first, int last)
{
	size_t n = v->n_rows;

	if (n == 0 || first < 1) {
		v->hl = false;
		return;
	}
	if ((size_t)first > n)
		first = (int)n;
	if (last < first)
		last = first;
	if ((size_t)last > n)
		last = (int)n;
	v->hl = true;
	v->hl_first = (size_t)first - 1;
	v->hl_last = (size_t)last - 1;
	v->height = pane_rows(v);
	v->offset = 0;
	view_select(v, v->hl_first);
}

static void log_load(struct view *v)
{
	const struct blog *log = v->ui->log;
	struct log_view *lv;
	char digits[32];

	talloc_free(v->priv);
	v->priv = lv = talloc_zero(v, struct log_view);
	v->n_rows = log->n_lines;
	lv->clean = talloc_zero_array(lv, char *, log->n_lines ? log->n_lines : 1);
	lv->lineno_width = snprintf(digits, sizeof(digits), "%zu", log->n_lines);
	v->hl = false;
	if (v->step >= 0 && (size_t)v->step < log->n_steps)
		log_position(v, log->steps[v->step]->lines.first, log->steps[v->step]->lines.last);
}

static void log_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
	struct log_view *lv = v->priv;
	int end = x + width;

	if (v->ui->opt.line_numbers)
		x = canvas_textf(c, y, x, end, AREA_LINENO, "%*zu ", lv->lineno_width, row + 1);
	canvas_text(c, y, x, end, AREA_DEFAULT, line_text(v, row));
}

static const char *log_text(struct view *v, const void *ctx, size_t row)
{
	return line_text(v, row);
}

static const char *log_fields(struct view *v, const void *ctx, size_t row)
{
	bool hl = v->hl && row >= v->hl_first && row <= v->hl_last;

	return talloc_asprintf(ctx, "%zu\t%s\t%s", row + 1, hl ? "hl" : "", line_text(v, row));
}

static const char *log_title(struct view *v, const void *ctx)
{
	if (v->hl)
		return talloc_asprintf(ctx, _("lines %zu-%zu of %zu"), v->hl_first + 1,
				       v->hl_last + 1, v->n_rows);
	return talloc_asprintf(ctx, _("line %zu of %zu"), v->n_rows ? v->selected + 1 : 0,
			       v->n_rows);
}

/* The step whose lines hold line `line`, else the step the list has. */
static int step_of_line(struct ui *ui, int line)
{
	const struct blog *log = ui->log;

	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->lines.first <= line && line <= log->steps[i]->lines.last)
			return (int)i;
	return ui_selected_step(ui);
}

static void show_lines(struct ui *ui, int step, int first, int last)
{
	struct view *v = ui_open(ui, VIEW_LOG, step, true);

	/* ui_open leaves an open log view where it was when the step is
	 * the same: place it in any case */
	if (v)
		log_position(v, first, last);
}

void log_view_show_lines(struct ui *ui, int first, int last)
{
	show_lines(ui, step_of_line(ui, first), first, last);
}

void ui_show_evidence(struct ui *ui, int step)
{
	const struct signal_list *l = ui->rc.signals;
	const struct step *s;
	struct view *top = ui_focused(ui);

	if (step < 0 || (size_t)step >= ui->log->n_steps) {
		ui_error(ui, "%s", _("no step selected"));
		return;
	}
	/* as for the other views about a step: beside the list */
	if (top && top->kind != VIEW_STEPS && ui->views[0] &&
	    ui->views[0]->kind != VIEW_STEPS)
		ui_open(ui, VIEW_STEPS, -1, false);
	for (size_t i = 0; l && i < l->n; i++) {
		const struct signal *sig = &l->v[i];

		if (sig->step != step || sig->lines.first < 1)
			continue;
		show_lines(ui, step, sig->lines.first, sig->lines.last);
		{
			void *tmp = talloc_new(NULL);

			ui_status(ui, _("Evidence for %s: %s"), sig->code,
				  ui_clean(ui, tmp, sig->message));
			talloc_free(tmp);
		}
		return;
	}
	s = ui->log->steps[step];
	if (s->lines.first < 1) {
		ui_error(ui, _("the log does not say which lines step %d is"), step);
		return;
	}
	show_lines(ui, step, s->lines.first, s->lines.last);
	ui_status(ui, _("Step %d: no signal; its lines in the log."), step);
}

/* Tree facts change nothing in the log's text: keep the place and the
 * highlight (a reload would go back to the step's own lines). */
static void log_refresh(struct view *v)
{
}

const struct view_ops log_view_ops = {
	.load = log_load,
	.draw = log_draw,
	.text = log_text,
	.fields = log_fields,
	.title = log_title,
	.refresh = log_refresh,
};
