/* The signals view: the assessment, then every trust signal (strongest
 * first, as signals_compute orders them) with the step it concerns, then
 * an inconclusive result's candidates and what to run next (doc/model.md
 * §11), each under a heading row. Enter shows the log lines that prove
 * the selected signal, or selects the step a candidate or action names. */
#include "config.h"

#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "report/next.h"
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
	size_t n_sig;             /* signals: rows 1..n_sig */
	/* the candidates (inconclusive) and the actions, each a heading row
	 * then one row each; cand_row / next_row 0 when there are none */
	size_t cand_row, n_cand, next_row, n_next;
	const char **cand_text, **next_text;
	int *cand_step, *next_step;  /* the step each names, or -1 */
};

enum signals_row { ROW_ASSESSMENT, ROW_SIGNAL, ROW_CAND_HEAD, ROW_CAND, ROW_NEXT_HEAD, ROW_NEXT };

/* What row is, and (*k) its index among its kind. */
static enum signals_row row_kind(const struct signals_view *sv, size_t row, size_t *k)
{
	*k = 0;
	if (row == 0)
		return ROW_ASSESSMENT;
	if (row <= sv->n_sig) {
		*k = row - 1;
		return ROW_SIGNAL;
	}
	if (sv->cand_row && row == sv->cand_row)
		return ROW_CAND_HEAD;
	if (sv->cand_row && row <= sv->cand_row + sv->n_cand) {
		*k = row - sv->cand_row - 1;
		return ROW_CAND;
	}
	if (row == sv->next_row)
		return ROW_NEXT_HEAD;
	*k = row - sv->next_row - 1;
	return ROW_NEXT;
}

/* The candidates with the tree's subjects (doc/json.md §7), after the signals. */
static void load_candidates(struct view *v, struct signals_view *sv)
{
	struct ui *ui = v->ui;
	const struct result *r = &ui->log->result;
	const struct log_xref *x = ui->rc.xref;

	if (r->type != RESULT_INCONCLUSIVE || r->n_candidates == 0)
		return;
	sv->cand_row = v->n_rows++;
	sv->n_cand = r->n_candidates;
	sv->cand_text = talloc_zero_array(sv, const char *, sv->n_cand);
	sv->cand_step = talloc_zero_array(sv, int, sv->n_cand);
	for (size_t i = 0; i < sv->n_cand; i++) {
		const struct commit_facts *f = x && i < x->n_candidates ? &x->candidates[i] : NULL;
		const char *subject = !f ? "" : f->found ? ui_clean(ui, sv, f->subject) : _("(not in the tree)");

		sv->cand_step[i] = ui_commit_step(ui->log, r->candidates[i]);
		sv->cand_text[i] = talloc_asprintf(sv, "%.12s %s", ui_clean(ui, sv, r->candidates[i]),
						   subject ? subject : "");
	}
	v->n_rows += sv->n_cand;
}

/* What to run next (report/next.h), last. */
static void load_next(struct view *v, struct signals_view *sv)
{
	struct ui *ui = v->ui;
	struct next_action *a;

	sv->n_next = report_next(sv, ui->log, &ui->rc, &a);
	if (!sv->n_next)
		return;
	sv->next_row = v->n_rows++;
	sv->next_text = talloc_zero_array(sv, const char *, sv->n_next);
	sv->next_step = talloc_zero_array(sv, int, sv->n_next);
	for (size_t i = 0; i < sv->n_next; i++) {
		sv->next_step[i] = a[i].step;
		sv->next_text[i] = talloc_asprintf(sv, "%zu. %s", i + 1,
						   report_next_line(sv, &a[i], ui->rc.san_flags));
	}
	v->n_rows += sv->n_next;
}

bool signals_view_show_candidates(struct view *v)
{
	struct signals_view *sv = v->priv;

	if (!sv || !sv->cand_row)
		return false;
	view_select(v, sv->cand_row);
	return true;
}

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
	else if (ui->log->kind == KIND_FIX && ui->log->format == LOG_FORMAT_SYZBOT)
		/* a fix bisection's result is the fix (doc/design.md §7.1) */
		sv->assessment = a && a->first_suspicious_step >= 0 ?
			talloc_asprintf(sv, _("Assessment: %s: %.2f that the fix is wrong, blamed step %d"),
					report_verdict_word(&ui->rc), ui->rc.model->p_wrong,
					a->first_suspicious_step) :
			talloc_asprintf(sv, _("Assessment: %s: %.2f that the fix is wrong, no step stands out"),
					report_verdict_word(&ui->rc), ui->rc.model->p_wrong);
	else if (a && a->first_suspicious_step >= 0)
		sv->assessment = talloc_asprintf(sv, _("Assessment: %s: %.2f that the culprit is wrong, blamed step %d"),
						 report_verdict_word(&ui->rc), ui->rc.model->p_wrong,
						 a->first_suspicious_step);
	else
		sv->assessment = talloc_asprintf(sv, _("Assessment: %s: %.2f that the culprit is wrong, no step stands out"),
						 report_verdict_word(&ui->rc), ui->rc.model->p_wrong);
	sv->n_sig = n;
	v->n_rows = n + 1;
	load_candidates(v, sv);
	load_next(v, sv);
}

static const struct signal *row_signal(struct view *v, size_t row)
{
	const struct signal_list *l = v->ui->rc.signals;

	const struct signals_view *sv = v->priv;

	return row > 0 && row <= sv->n_sig && l && row - 1 < l->n ? &l->v[row - 1] : NULL;
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
		size_t k;
		enum signals_row kind = row_kind(sv, row, &k);

		if (kind == ROW_ASSESSMENT)
			canvas_text(c, y, x, end, assessment_area(v->ui->rc.assessment), sv->assessment);
		else if (kind == ROW_CAND_HEAD || kind == ROW_NEXT_HEAD)
			canvas_text(c, y, x, end, AREA_DEFAULT, kind == ROW_CAND_HEAD ? _("Candidates:") : _("Next:"));
		else
			canvas_text(c, y, x + 2 < end ? x + 2 : end, end, AREA_DEFAULT,
				    kind == ROW_CAND ? sv->cand_text[k] : sv->next_text[k]);
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

	size_t k;
	enum signals_row kind = row_kind(sv, row, &k);

	if (kind == ROW_CAND_HEAD || kind == ROW_NEXT_HEAD)
		return talloc_strdup(ctx, kind == ROW_CAND_HEAD ? "candidates" : "next");
	if (kind == ROW_CAND)
		return talloc_asprintf(ctx, "candidate\t%d\t%s", sv->cand_step[k], sv->cand_text[k]);
	if (kind == ROW_NEXT)
		return talloc_asprintf(ctx, "action\t%d\t%s", sv->next_step[k], sv->next_text[k]);
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

	size_t k;
	enum signals_row kind = row_kind(sv, row, &k);

	if (kind == ROW_CAND_HEAD || kind == ROW_NEXT_HEAD)
		return kind == ROW_CAND_HEAD ? _("Candidates:") : _("Next:");
	if (kind == ROW_CAND || kind == ROW_NEXT)
		return kind == ROW_CAND ? sv->cand_text[k] : sv->next_text[k];
	if (!s)
		return sv->assessment;
	return talloc_asprintf(ctx, "%s %d %s %s", strength_word(s->strength), s->step,
			       s->code, sv->messages[row - 1]);
}

static const char *signals_title(struct view *v, const void *ctx)
{
	struct signals_view *sv = v->priv;
	size_t n = sv->n_sig;

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
	if (!s) {
		struct signals_view *sv = v->priv;
		size_t k;
		enum signals_row kind = row_kind(sv, v->selected, &k);
		int step = kind == ROW_CAND ? sv->cand_step[k] : kind == ROW_NEXT ? sv->next_step[k] : -1;

		if (step >= 0)
			ui_select_step(v->ui, step);
		/* the whole sentence, which the row cuts at the screen's edge */
		if (kind == ROW_NEXT || kind == ROW_CAND)
			ui_status(v->ui, "%s", kind == ROW_NEXT ? sv->next_text[k] : sv->cand_text[k]);
		return true;
	}
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
