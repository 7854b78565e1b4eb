/* The steps view: one row per test step in log order, with a header
 * saying what the log is, what it found and whether to believe it. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/views.h"

/* Column widths; the title and subject share what is left. */
#define W_STEP 3
#define W_REF 12
#define W_RUNS 14  /* "10 crash 10 ok" */
#define W_RUNS_MAX 18
#define W_LEFT 5
#define W_CAND 6
#define W_BADGES 11

struct step_row {
	const char *ref, *runs, *title, *subject, *badges;
	const char *verdict;    /* frame_verdict_word(), sanitised */
	enum area verdict_area, badge_area;
	long left, candidates;  /* -1: not known */
	bool tag;
	bool stands_out;        /* the model's doubt: marked "!" (model_step_stands_out) */
	bool culprit;           /* the result's step: marked "*" */
	bool title_is_news;     /* its crash title differs from the original's */
};

struct steps_view {
	struct step_row *rows;
	int w_verdict;          /* the widest translated verdict */
	int w_runs;             /* W_RUNS, or the translated words' width */
};

static void steps_load(struct view *v)
{
	struct ui *ui = v->ui;
	const struct blog *log = ui->log;
	const struct log_xref *x = ui->rc.xref;
	struct steps_view *sv;

	talloc_free(v->priv);
	v->priv = sv = talloc_zero(v, struct steps_view);
	sv->rows = talloc_zero_array(sv, struct step_row, log->n_steps ? log->n_steps : 1);
	v->n_rows = log->n_steps;
	sv->w_verdict = frame_verdict_width(log, _("verd"), 4);
	sv->w_runs = step_run_summary_width();
	sv->w_runs = sv->w_runs < W_RUNS ? W_RUNS : sv->w_runs > W_RUNS_MAX ? W_RUNS_MAX : sv->w_runs;
	/* a git bisect log records marks, not runs: no column for them */
	if (!frame_has_runs(log))
		sv->w_runs = -1;
	int culprit = ui_culprit_step(log);

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];
		struct step_row *r = &sv->rows[i];
		const char *subject = s->subject;

		r->ref = ui_clean(ui, sv, step_ref(sv, s));
		r->tag = s->label && (!s->commit || s->phase == PHASE_RELEASE);
		r->runs = step_run_summary(sv, s);
		r->title = ui_clean(ui, sv, step_deciding_title(s));
		r->left = s->revisions_left;
		r->candidates = -1;
		if (x && i < x->n_steps) {
			if (x->steps[i].facts.found && x->steps[i].facts.subject)
				subject = x->steps[i].facts.subject;
			r->candidates = x->steps[i].candidates;
		}
		r->subject = ui_clean(ui, sv, subject);
		r->verdict_area = frame_verdict_area(log, s->verdict);
		r->verdict = ui_clean(ui, sv, frame_verdict_word(log, s->verdict));
		r->badges = step_badges(sv, ui->rc.signals, (int)i, &r->badge_area);
		r->stands_out = model_step_stands_out(ui->rc.model, i);
		r->culprit = (int)i == culprit;
		/* the original title on every bad row says nothing: only
		 * another crash is news, and the subject gets the room */
		r->title_is_news = r->title && (!log->crash_title ||
						strcmp(step_deciding_title(s), log->crash_title) != 0);
	}
}

/* A column's heading, left or right in w columns (translated headings:
 * printf's padding counts bytes), then a blank. */
static int head(struct canvas *c, int y, int x, int w, int end, const char *text, bool right)
{
	int pad = right && text_width(text) < w ? w - text_width(text) : 0;

	canvas_text(c, y, x + pad, x + w < end ? x + w : end, AREA_DIM, text);
	return x + w + 1;
}

static int steps_header(struct view *v, struct canvas *c, int y, int width)
{
	struct ui *ui = v->ui;
	const struct blog *log = ui->log;
	/* a small screen keeps its rows for the steps; a partial clone is
	 * named on a line of its own, below the trust line */
	void *tmp = talloc_new(NULL);
	const char *partial = ui->rows < 16 ? NULL : header_partial_line(tmp, ui);
	int lines = ui->rows < 16 ? 2 : partial ? 5 : 4, heading_y;
	int x;

	if (!c) {
		talloc_free(tmp);
		return lines;
	}
	x = canvas_text(c, y, 0, width, AREA_HEADER, ui_clean(ui, tmp, frame_title(tmp, log)));
	if (log->crash_title)
		canvas_textf(c, y, x, width, AREA_DEFAULT, " - %s",
			     ui_clean(ui, tmp, log->crash_title));
	canvas_text(c, y + 1, 0, width, AREA_DEFAULT, header_result_line(tmp, ui));
	if (lines > 2) {
		x = canvas_text(c, y + 2, 0, width, AREA_DEFAULT, _("Trust: "));
		x = canvas_text(c, y + 2, x, width,
				ui->rc.assessment && ui->rc.assessment->verdict == ASSESS_SUSPICIOUS ?
				AREA_SUSPICIOUS : ui->rc.assessment &&
				ui->rc.assessment->verdict == ASSESS_PLAUSIBLE ? AREA_PLAUSIBLE : AREA_DIM,
				report_verdict_word(&ui->rc));
		canvas_text(c, y + 2, x, width, AREA_DEFAULT, header_trust_line(tmp, ui));
		struct steps_view *sv = v->priv;

		if (partial)
			canvas_text(c, y + 3, 0, width, ui->rc.xref->partial->missing ? AREA_WEAK :
				    AREA_DIM, partial);
		heading_y = y + lines - 1;

		x = head(c, heading_y, 0, W_STEP, width, "#", true);
		x = head(c, heading_y, x, sv->w_verdict, width, _("verd"), false);
		x = head(c, heading_y, x, W_REF, width, _("commit"), false);
		if (sv->w_runs >= 0)
			x = head(c, heading_y, x, sv->w_runs, width, _("runs"), false);
		x = head(c, heading_y, x, W_LEFT, width, _("left"), true);
		if (ui->rc.xref)
			x = head(c, heading_y, x, W_CAND, width, _("cand"), true);
		x = head(c, heading_y, x, W_BADGES, width, _("signals"), false);
		canvas_text(c, heading_y, x, width, AREA_DIM,
			    frame_has_runs(log) ? _("crash - subject") : _("subject"));
	}
	talloc_free(tmp);
	return lines;
}

int steps_header_global_lines(struct view *v)
{
	int lines = steps_header(v, NULL, 0, 0);

	/* a header of more than two lines ends in the column heading */
	return lines > 2 ? lines - 1 : lines;
}

/* The columns before the last (crash - subject), as steps_draw lays
 * them out: each is its width and a blank. */
static int fixed_columns(const struct view *v, const struct steps_view *sv)
{
	int w = W_STEP + 1 + sv->w_verdict + 1 + W_REF + 1 + W_LEFT + 1 + W_BADGES + 1;

	if (sv->w_runs >= 0)
		w += sv->w_runs + 1;
	if (v->ui->rc.xref)
		w += W_CAND + 1;
	return w;
}

int steps_view_wanted_width(struct view *v)
{
	const struct steps_view *sv = v->priv;
	int last = 0;

	if (!sv)
		return 0;
	for (size_t i = 0; i < v->n_rows; i++) {
		const struct step_row *r = &sv->rows[i];
		int w = r->subject ? text_width(r->subject) : 0;

		if (r->title && r->title_is_news)
			w += text_width(r->title) + 3;  /* " - " */
		if (w > last)
			last = w;
	}
	return fixed_columns(v, sv) + (last < STEPS_SUBJECT_WANT ? last : STEPS_SUBJECT_WANT);
}

/* One fixed-width column, clipped, then a blank. */
/* A fixed-width cell; text cut to fit ends in '~', tig's mark, so that
 * "18 ok 2 boot-f~" does not pass for a whole word. */
static int column(struct canvas *c, int y, int x, int w, int end, enum area a, const char *text)
{
	int stop = x + w < end ? x + w : end;

	if (!text)
		return x + w + 1;
	canvas_text(c, y, x, stop, a, text);
	if (stop > x && text_width(text) > stop - x)
		canvas_text(c, y, stop - 1, stop, a, "~");
	return x + w + 1;
}

static void steps_draw(struct view *v, struct canvas *c, int y, int x0, int width, size_t row,
		       bool selected)
{
	struct steps_view *sv = v->priv;
	const struct step_row *r = &sv->rows[row];
	int end = x0 + width, x = x0;

	x = canvas_textf(c, y, x, end, AREA_LINENO, "%*zu", W_STEP, row);
	x = canvas_text(c, y, x, end, AREA_SUSPICIOUS, r->stands_out ? "!" : r->culprit ? "*" : " ");
	x = column(c, y, x, sv->w_verdict, end, r->verdict_area, r->verdict);
	x = column(c, y, x, W_REF, end, r->tag ? AREA_TAG : AREA_HASH, r->ref);
	if (sv->w_runs >= 0)
		x = column(c, y, x, sv->w_runs, end, AREA_DEFAULT, r->runs);
	if (r->left >= 0)
		canvas_textf(c, y, x, x + W_LEFT < end ? x + W_LEFT : end, AREA_DEFAULT, "%*ld",
			     W_LEFT, r->left);
	x += W_LEFT + 1;
	if (v->ui->rc.xref) {
		if (r->candidates >= 0)
			canvas_textf(c, y, x, x + W_CAND < end ? x + W_CAND : end, AREA_DIM, "%*ld",
				     W_CAND, r->candidates);
		x += W_CAND + 1;
	}
	x = column(c, y, x, W_BADGES, end, r->badge_area, r->badges);
	if (r->title && r->title_is_news) {
		x = canvas_text(c, y, x, end, AREA_BAD, r->title);
		if (r->subject)
			x = canvas_text(c, y, x, end, AREA_DIM, " - ");
	}
	if (r->subject)
		canvas_text(c, y, x, end, AREA_DEFAULT, r->subject);
}

static const char *steps_fields(struct view *v, const void *ctx, size_t row)
{
	struct steps_view *sv = v->priv;
	const struct step_row *r = &sv->rows[row];
	const struct step *s = v->ui->log->steps[row];

	return talloc_asprintf(ctx, "%zu\t%s\t%s\t%s\t%s\t%ld\t%ld\t%s\t%s\t%s", row,
			       step_phase_name(s->phase), verdict_name(s->verdict), r->ref, r->runs,
			       r->left, r->candidates, r->badges ? r->badges : "",
			       r->title ? r->title : "", r->subject ? r->subject : "");
}

static const char *steps_text(struct view *v, const void *ctx, size_t row)
{
	struct steps_view *sv = v->priv;
	const struct step_row *r = &sv->rows[row];

	return talloc_asprintf(ctx, "%zu %s %s %s %s %s %s", row, r->verdict, r->ref, r->runs,
			       r->badges ? r->badges : "", r->title ? r->title : "",
			       r->subject ? r->subject : "");
}

static const char *steps_title(struct view *v, const void *ctx)
{
	const struct blog *log = v->ui->log;
	struct steps_view *sv = v->priv;
	const struct step *s;
	char *t;

	if (!v->n_rows)
		return NULL;
	s = log->steps[v->selected];
	/* steps count from 0, as everywhere: "of 0-16" says there are 17 */
	t = talloc_asprintf(ctx, _("%s - step %zu of 0-%zu"), sv->rows[v->selected].ref,
			    v->selected, v->n_rows - 1);
	if (s->revisions_left >= 0)
		t = talloc_asprintf_append(t, _(", %d left"), s->revisions_left);
	return t;
}

/* In the list, next/previous move the cursor (and a split follows). */
static bool steps_request(struct view *v, enum request r)
{
	switch (r) {
	case REQ_MOVE_DOWN:
	case REQ_NEXT:
		ui_select_step(v->ui, (int)v->selected + 1);
		return true;
	case REQ_MOVE_UP:
	case REQ_PREVIOUS:
		ui_select_step(v->ui, (int)v->selected - 1);
		return true;
	default:
		if (view_move(v, r)) {
			ui_select_step(v->ui, (int)v->selected);
			return true;
		}
		return false;
	}
}

const struct view_ops steps_view_ops = {
	.load = steps_load,
	.header = steps_header,
	.draw = steps_draw,
	.text = steps_text,
	.fields = steps_fields,
	.request = steps_request,
	.title = steps_title,
	/* after the common hints: a narrow bar keeps those */
	.hints_after = (const enum request[]){ REQ_JUMP_CULPRIT, REQ_VIEW_DETAIL, REQ_VIEW_LOG,
					       REQ_VIEW_SIGNALS, REQ_VIEW_MAP, REQ_VIEW_CRASH,
					       REQ_NONE },
};
