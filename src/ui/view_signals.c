/* The signals view: the assessment, then every trust signal (strongest
 * first, as signals_compute orders them) with the step it concerns.
 * Enter shows the log lines that prove the selected signal. */
#include "config.h"

#include <talloc.h>

#include "i18n.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/views.h"

#define W_STEP 4
#define W_CODE 20

struct signals_view {
	const char *assessment;   /* the first row */
	int w_strength;           /* the widest translated strength */
	const char **messages;    /* cleaned, one per signal */
	size_t strong;
};

static void signals_load(struct view *v)
{
	struct ui *ui = v->ui;
	const struct signal_list *l = ui->rc.signals;
	const struct assessment *a = ui->rc.assessment;
	struct signals_view *sv;
	size_t n = l ? l->n : 0;

	talloc_free(v->priv);
	v->priv = sv = talloc_zero(v, struct signals_view);
	sv->messages = talloc_zero_array(sv, const char *, n ? n : 1);
	sv->w_strength = strength_column_width();
	for (size_t i = 0; i < n; i++) {
		sv->messages[i] = ui_clean(ui, sv, l->v[i].message);
		sv->strong += l->v[i].strength == STRENGTH_STRONG;
	}
	if (!ui->rc.model || ui->rc.model->p_wrong < 0)
		sv->assessment = talloc_asprintf(sv, _("Assessment: %s"), report_verdict_word(&ui->rc));
	else if (a && a->first_suspicious_step >= 0)
		sv->assessment = talloc_asprintf(sv, _("Assessment: %s: %.2f that the culprit is wrong, blamed step %d"),
						 report_verdict_word(&ui->rc), ui->rc.model->p_wrong,
						 a->first_suspicious_step);
	else
		sv->assessment = talloc_asprintf(sv, _("Assessment: %s: %.2f that the culprit is wrong, no step stands out"),
						 report_verdict_word(&ui->rc), ui->rc.model->p_wrong);
	v->n_rows = n + 1;
}

static const struct signal *row_signal(struct view *v, size_t row)
{
	const struct signal_list *l = v->ui->rc.signals;

	return row > 0 && l && row - 1 < l->n ? &l->v[row - 1] : NULL;
}

static enum area assessment_area(const struct assessment *a)
{
	if (a && a->verdict == ASSESS_SUSPICIOUS)
		return AREA_SUSPICIOUS;
	return a && a->verdict == ASSESS_PLAUSIBLE ? AREA_PLAUSIBLE : AREA_DIM;
}

static void signals_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
			 bool selected)
{
	struct signals_view *sv = v->priv;
	const struct signal *s = row_signal(v, row);
	/* on a narrow screen the message matters more than the full code */
	int end = x + width, cw = width < 80 ? 8 : W_CODE;

	(void)selected;
	if (!s) {
		canvas_text(c, y, x, end, assessment_area(v->ui->rc.assessment), sv->assessment);
		return;
	}
	canvas_text(c, y, x, x + sv->w_strength < end ? x + sv->w_strength : end,
		    strength_area(s->strength), strength_word(s->strength));
	x += sv->w_strength + 1;
	if (s->step >= 0)
		canvas_textf(c, y, x, x + W_STEP < end ? x + W_STEP : end, AREA_LINENO, "%*d",
			     W_STEP, s->step);
	else
		canvas_textf(c, y, x, x + W_STEP < end ? x + W_STEP : end, AREA_DIM, "%*s", W_STEP,
			     "-");
	x += W_STEP + 1;
	canvas_text(c, y, x, x + cw < end ? x + cw : end, AREA_DEFAULT,
		    width < 80 ? signal_badge(s->code) : s->code);
	x += cw + 1;
	canvas_text(c, y, x, end, AREA_DEFAULT, sv->messages[row - 1]);
}

static const char *signals_fields(struct view *v, const void *ctx, size_t row)
{
	struct signals_view *sv = v->priv;
	const struct signal *s = row_signal(v, row);
	const struct assessment *a = v->ui->rc.assessment;
	const struct model_result *m = v->ui->rc.model;

	/* the model's p_wrong ("-" without a culprit), not the deprecated score */
	if (!s)
		return talloc_asprintf(ctx, "assessment\t%s\t%s\t%d", report_verdict(&v->ui->rc),
				       m && m->p_wrong >= 0 ? talloc_asprintf(ctx, "%.4f", m->p_wrong) : "-",
				       a ? a->first_suspicious_step : -1);
	return talloc_asprintf(ctx, "signal\t%s\t%d\t%s\t%s\t%d\t%d",
			       signal_strength_name(s->strength), s->step, s->code,
			       sv->messages[row - 1], s->lines.first, s->lines.last);
}

static const char *signals_text(struct view *v, const void *ctx, size_t row)
{
	struct signals_view *sv = v->priv;
	const struct signal *s = row_signal(v, row);

	if (!s)
		return sv->assessment;
	return talloc_asprintf(ctx, "%s %d %s %s", strength_word(s->strength), s->step,
			       s->code, sv->messages[row - 1]);
}

static const char *signals_title(struct view *v, const void *ctx)
{
	struct signals_view *sv = v->priv;
	size_t n = v->n_rows - 1;

	return talloc_asprintf(ctx, ngettext("%zu signal, %zu strong", "%zu signals, %zu strong", n),
			       n, sv->strong);
}

/* Enter (and E): the signal's step in the list, its evidence in the log. */
static bool signals_request(struct view *v, enum request r)
{
	const struct signal *s;

	if (r != REQ_ENTER && r != REQ_EVIDENCE)
		return false;
	s = row_signal(v, v->selected);
	if (!s)
		return true;
	if (s->step >= 0)
		ui_select_step(v->ui, s->step);
	if (s->lines.first > 0)
		log_view_show_lines(v->ui, s->lines.first, s->lines.last);
	else
		ui_error(v->ui, "%s", _("this signal names no log lines"));
	return true;
}

const struct view_ops signals_view_ops = {
	.load = signals_load,
	.draw = signals_draw,
	.text = signals_text,
	.fields = signals_fields,
	.request = signals_request,
	.title = signals_title,
};
