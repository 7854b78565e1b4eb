/* The bisection map: a picture instead of numbers.
 *
 * (1) How the candidate range shrank: one bar per step that has a count,
 *     on a log scale (a bisection halves the range, so on a log scale every
 *     good step shortens the bar by about the same length and a step that
 *     did not shrink it stands out).
 * (2) Where each tested bisect step sits in the initial range, newest
 *     first: a strip with one mark per step, and, when the last steps
 *     crowd into a few cells, a zoom on the range they worked in.
 * (3) With a tree, where the culprit likely is: the posterior over the
 *     range's commits along the same strip (view_map_posterior.c).
 *
 * About the positions in (2): with the range in memory (a tree whose
 * range was walked) they are exact, each tested commit's place in git's
 * topological order of the range (dag_topo_rank(), doc/model.md §9.1),
 * the order (3) draws too. Else neither the log nor the tree facts say
 * where a tested commit ranks in the range: they are worked out from the
 * counts alone, as if the range were a line of commits: a bad verdict at
 * rank p keeps [lo, p], a good one keeps (p, hi), so the count after the
 * step gives p. That is exact for a linear history and an approximation
 * across merges. With a tree the counts are the candidates git had
 * (xref); without one they are estimated from the log's "Bisecting: N
 * revisions left" (git prints about half of the candidates, so 2(N+1)).
 * A skipped commit does not shrink the range: it is placed in the middle
 * of the range left, where git aims. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "text/sanitize.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/view_map.h"

/* Longer bars read no better on a wide screen. */
#define MAX_BAR 64

struct map_row *map_add_row(struct map_view *mv, enum map_row_kind k, const char *text)
{
	struct map_row *r;

	mv->rows = talloc_realloc(mv, mv->rows, struct map_row, mv->n + 1);
	r = &mv->rows[mv->n++];
	*r = (struct map_row){ .kind = k, .text = text, .step = -1, .cand = -1, .left = -1,
			       .value = -1, .rank = -1 };
	return r;
}

/* The candidates after step i: the tree's count, else the estimate from
 * the log's "revisions left", else -1. */
static long count_after(const struct ui *ui, const struct map_view *mv, size_t i)
{
	const struct log_xref *x = ui->rc.xref;
	const struct step *s = ui->log->steps[i];

	if (mv->use_cand)
		return x && i < x->n_steps ? x->steps[i].candidates : -1;
	return s->revisions_left >= 0 ? 2L * (s->revisions_left + 1) : -1;
}

/* Step i's commit's place in the range's topological order, when the
 * range is in memory and has it; else the estimate. */
static long exact_rank(const struct ui *ui, const struct map_view *mv, size_t i, long estimate)
{
	const struct log_xref *x = ui->rc.xref;
	const struct step *s = ui->log->steps[i];
	uint32_t at;

	if (!mv->rank || !x || !x->range)
		return estimate;
	at = dag_find_hex(x->range, s->commit ? s->commit :
			  i < x->n_steps ? x->steps[i].facts.commit : NULL);
	return at == DAG_NONE ? estimate : (long)mv->rank[at];
}

/* Places every bisect step in [0, total), rank 0 newest (see the top). */
static void place_steps(struct ui *ui, struct map_view *mv)
{
	const struct blog *log = ui->log;
	/* positions from the oldest: the interval [lo, hi) still in play */
	long lo = 0, hi = mv->total;
	bool done = false;

	mv->placed = talloc_array(mv, struct placed, log->n_steps ? log->n_steps : 1);
	for (size_t i = 0; i < log->n_steps && mv->total > 0; i++) {
		const struct step *s = log->steps[i];
		long after = count_after(ui, mv, i), p;

		if (s->phase != PHASE_BISECT || hi <= lo)
			continue;
		if (after < 0 && log->result.commit && s->commit &&
		    !strcmp(s->commit, log->result.commit) && !done)
			after = 1;  /* the last step: one candidate left, the culprit */
		if (s->verdict == VERDICT_BAD && after > 0) {
			p = lo + after - 1;
		} else if (s->verdict == VERDICT_GOOD && after >= 0) {
			p = hi - after - 1;
		} else {
			p = lo + (hi - lo) / 2;  /* skip, or no count */
			after = -1;
		}
		if (p < lo)
			p = lo;
		if (p >= hi)
			p = hi - 1;
		mv->placed[mv->n_placed++] = (struct placed){ (int)i, exact_rank(ui, mv, i, mv->total - 1 - p) };
		if (s->verdict == VERDICT_BAD && after > 0)
			hi = p + 1;
		else if (s->verdict == VERDICT_GOOD && after >= 0)
			lo = p + 1;
		done = done || after == 1;
	}
}

/* The ranks [lo, hi) that the last steps worked in, when the strip is
 * too coarse for them: the range before the first step after which at
 * most `cells` candidates were left. Returns false when no zoom helps. */
static bool zoom_window(const struct map_view *mv, long cells, long *lo, long *hi)
{
	long a = -1, b = -1;

	*lo = *hi = 0;

	if (mv->total <= cells || mv->n_placed < 2)
		return false;
	/* the marks of the steps from the k-th on span the window */
	for (size_t k = mv->n_placed; k-- > 0;) {
		long r = mv->placed[k].rank;

		a = a < 0 || r < a ? r : a;
		b = r + 1 > b ? r + 1 : b;
		if (b - a > cells)
			break;
		*lo = a;
		*hi = b;
	}
	if (*hi - *lo <= 1 || *hi - *lo > cells || mv->total / (*hi - *lo) < 2)
		return false;
	/* some context on both sides, within the range */
	{
		long pad = (cells - (*hi - *lo)) / 2;

		*lo = *lo > pad ? *lo - pad : 0;
		*hi = *lo + cells < mv->total ? *lo + cells : mv->total;
	}
	return true;
}

/* (1) The bars: the range's size after each step. range_size: the
 * tree's count of the range, -1 without one. Returns false when the log
 * counts nothing. */
static bool add_bars(struct ui *ui, struct map_view *mv, long range_size)
{
	const struct blog *log = ui->log;
	const struct log_xref *x = ui->rc.xref;
	struct map_row *r;

	map_add_row(mv, ROW_SECTION, mv->use_cand ? _("Candidates left after each step (log scale)") :
				  _("Revisions left after each step, as git printed them (log scale)"));
	map_add_row(mv, ROW_COLUMNS, NULL);
	r = map_add_row(mv, ROW_BAR, NULL);
	r->cand = range_size;
	r->left = log->initial_revisions;
	r->value = mv->use_cand ? r->cand : r->left;
	mv->first = mv->last = r->value;
	if (r->value < 0)
		mv->n--;  /* no start count: no start row */
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];
		long cand = x && i < x->n_steps ? x->steps[i].candidates : -1;

		if (s->revisions_left < 0 && cand < 0)
			continue;
		r = map_add_row(mv, ROW_BAR, NULL);
		r->step = (int)i;
		r->cand = cand;
		r->left = s->revisions_left;
		r->value = mv->use_cand ? cand : s->revisions_left;
		if (r->value >= 0) {
			if (mv->first < 0)
				mv->first = r->value;
			mv->last = r->value;
		}
	}
	for (size_t i = 0; i < mv->n; i++)
		if (mv->rows[i].kind == ROW_BAR && mv->rows[i].value > mv->max_value)
			mv->max_value = mv->rows[i].value;
	return mv->n != 2;
}

/* (2) The strip: where each tested commit sits in the first range. */
static void add_strip(struct ui *ui, struct map_view *mv, long range_size)
{
	const struct blog *log = ui->log;
	struct map_row *r;
	long lo, hi;

	mv->total = mv->use_cand ? range_size :
		    log->initial_revisions >= 0 ? 2L * (log->initial_revisions + 1) : -1;
	place_steps(ui, mv);
	for (size_t k = 0; k < mv->n_placed; k++)
		for (size_t i = 0; i < mv->n; i++)
			if (mv->rows[i].kind == ROW_BAR && mv->rows[i].step == mv->placed[k].step)
				mv->rows[i].rank = mv->placed[k].rank;
	if (mv->n_placed == 0)
		return;
	map_add_row(mv, ROW_SECTION, mv->rank ?
		_("Tested commits along the initial range, in topological order (newest first)") :
		mv->use_cand ?
		_("Tested commits along the initial range, in rev-list order (newest first)") :
		_("Tested commits along the initial range, newest first (positions estimated)"));
	r = map_add_row(mv, ROW_STRIP, NULL);
	r->lo = 0;
	r->hi = mv->total;
	map_add_row(mv, ROW_ENDS, NULL)->lo = 0;
	/* the zoom is decided for 80 columns; draw() scales it to the width */
	if (zoom_window(mv, 76, &lo, &hi)) {
		map_add_row(mv, ROW_SECTION,
			talloc_asprintf(mv, _("Zoom: ranks %ld-%ld of %ld, where the last steps were"),
					lo + 1, hi, mv->total));
		r = map_add_row(mv, ROW_STRIP, NULL);
		r->lo = lo;
		r->hi = hi;
	}
	/* a syzbot fix bisection: git's letters, said by meaning */
	map_add_row(mv, ROW_LEGEND, log->format == LOG_FORMAT_SYZBOT && log->kind == KIND_FIX ?
		    _("b no crash  g crashes  s skip  2-9 steps in one cell  . untested") :
		    _("b bad  g good  s skip  2-9 steps in one cell  . untested"));
	if (!mv->use_cand)
		map_add_row(mv, ROW_LEGEND, _("no tree: ranks are estimated from \"revisions left\""));
}

static void map_load(struct view *v)
{
	struct ui *ui = v->ui;
	const struct blog *log = ui->log;
	const struct log_xref *x = ui->rc.xref;
	/* the tree's count of the range, -1 without one: kept in a local
	 * so that it is plain, past every map_add_row(), that x is not NULL
	 * wherever it is used */
	const long range_size = x && x->range_size > 0 ? x->range_size : -1;
	struct map_view *mv;

	talloc_free(v->priv);
	v->priv = mv = talloc_zero(v, struct map_view);
	mv->use_cand = range_size > 0;
	mv->w_verdict = frame_verdict_width(log, _("verd"), 4);
	mv->refs = talloc_array(mv, const char *, log->n_steps ? log->n_steps : 1);
	mv->verdicts = talloc_array(mv, const char *, log->n_steps ? log->n_steps : 1);
	for (size_t i = 0; i < log->n_steps; i++) {
		mv->refs[i] = ui_clean(ui, mv, step_ref(mv, log->steps[i]));
		mv->verdicts[i] = ui_clean(ui, mv, frame_verdict_word(log, log->steps[i]->verdict));
		mv->n_bisect += log->steps[i]->phase == PHASE_BISECT;
	}
	mv->bad_ref = ui_clean(ui, mv, log->bisect_bad);
	mv->good_ref = ui_clean(ui, mv, log->bisect_good);
	mv->culprit = DAG_NONE;
	if (x && x->range && (long)x->range->n == range_size) {
		mv->rank = dag_topo_rank(mv, x->range);
		mv->culprit = dag_find_hex(x->range, log->result.commit);
	}
	if (!add_bars(ui, mv, range_size)) {
		mv->n = 0;  /* nothing counted: no bars, no strip */
		map_add_row(mv, ROW_SECTION, _("The log gives no counts of the range: nothing to draw."));
	} else {
		add_strip(ui, mv, range_size);
	}
	map_posterior_rows(ui, mv);
	v->n_rows = mv->n;
	/* on the bar of the step the list has */
	for (size_t i = 0; i < mv->n; i++)
		if (mv->rows[i].kind == ROW_BAR && mv->rows[i].step >= 0 &&
		    mv->rows[i].step == ui_selected_step(ui))
			v->selected = i;
}

/* Columns of the bar rows: narrower on a small screen. */
static int ref_width(int width)
{
	return width >= 60 ? 12 : 8;
}

static bool show_both(const struct map_view *mv, int width)
{
	return mv->use_cand && width >= 60;
}

static void draw_bar(struct view *v, struct canvas *c, int y, int x0, int width,
		     const struct map_row *r)
{
	struct map_view *mv = v->priv;
	const struct step *s = r->step >= 0 ? v->ui->log->steps[r->step] : NULL;
	int end = x0 + width, x = x0, rw = ref_width(width), bw, n;
	bool ascii = v->ui->app->san_flags & SAN_ASCII;  /* no block glyphs */

	if (s) {
		x = canvas_textf(c, y, x, end, AREA_LINENO, "%3d ", r->step);
		canvas_text(c, y, x, x + mv->w_verdict < end ? x + mv->w_verdict : end,
			    frame_verdict_area(v->ui->log, s->verdict), mv->verdicts[r->step]);
		x += mv->w_verdict + 1;
		canvas_text(c, y, x, x + rw < end ? x + rw : end, AREA_HASH, mv->refs[r->step]);
	} else {
		canvas_text(c, y, x + 4, end, AREA_DIM, _("start"));
		x += mv->w_verdict + 1;
	}
	x += rw + 1;
	if (r->value >= 0)
		canvas_textf(c, y, x, end, AREA_DEFAULT, "%6ld", r->value);
	x += 7;
	if (show_both(mv, width)) {
		if (r->left >= 0)
			canvas_textf(c, y, x, end, AREA_DIM, "%5ld", r->left);
		x += 6;
	}
	bw = end - x;
	if (bw > MAX_BAR)
		bw = MAX_BAR;
	if (r->value < 0 || bw <= 0 || mv->max_value <= 0)
		return;
	n = (int)lround(bw * log2((double)r->value + 1) / log2((double)mv->max_value + 1));
	if (n < 1 && r->value > 0)
		n = 1;
	for (int k = 0; k < n && x + k < end; k++)
		canvas_text(c, y, x + k, end, AREA_BAR, ascii ? "#" : "\u2588");
}

static char verdict_mark(enum verdict v)
{
	return v == VERDICT_BAD ? 'b' : v == VERDICT_GOOD ? 'g' : v == VERDICT_SKIP ? 's' : '?';
}

/* The strip of ranks [lo, hi) in w cells: '.' untested, a verdict's
 * letter, or the number of steps that share the cell. Fills marks (w
 * chars) and the step that coloured each cell (-1 none). */
static void strip_cells(struct view *v, const struct map_row *r, int w, char *marks, int *who)
{
	struct map_view *mv = v->priv;
	int *count = talloc_zero_array(NULL, int, w);

	for (int k = 0; k < w; k++) {
		marks[k] = '.';
		who[k] = -1;
	}
	for (size_t i = 0; i < mv->n_placed; i++) {
		long rank = mv->placed[i].rank;
		int cell;

		if (rank < r->lo || rank >= r->hi)
			continue;
		cell = (int)((rank - r->lo) * w / (r->hi - r->lo));
		count[cell]++;
		who[cell] = mv->placed[i].step;
		marks[cell] = count[cell] == 1 ? verdict_mark(v->ui->log->steps[who[cell]]->verdict) :
			      count[cell] <= 9 ? (char)('0' + count[cell]) : '+';
	}
	marks[w] = '\0';
	talloc_free(count);
}

static void draw_strip(struct view *v, struct canvas *c, int y, int x, int width,
		       const struct map_row *r)
{
	int w = width - 2, *who;
	char *marks;

	if (w < 1)
		return;
	marks = talloc_size(NULL, (size_t)w + 1);
	who = talloc_array(marks, int, w);
	strip_cells(v, r, w, marks, who);
	canvas_text(c, y, x, x + width, AREA_DIM, "[");
	for (int k = 0; k < w; k++) {
		char one[2] = { marks[k], '\0' };

		canvas_text(c, y, x + 1 + k, x + width, who[k] < 0 ? AREA_DIM :
			    frame_verdict_area(v->ui->log, v->ui->log->steps[who[k]]->verdict), one);
	}
	canvas_text(c, y, x + 1 + w, x + width, AREA_DIM, "]");
	talloc_free(marks);
}

static const char *ends_text(struct view *v, const void *ctx, int width)
{
	struct map_view *mv = v->priv;
	/* a syzbot fix bisection: the ends by meaning (doc/design.md §7.1) */
	bool fix = v->ui->log->format == LOG_FORMAT_SYZBOT && v->ui->log->kind == KIND_FIX;
	const char *l = talloc_asprintf(ctx, fix ? _("^ newest: no crash %.12s") : _("^ newest: bad %.12s"),
					mv->bad_ref ? mv->bad_ref : "?");
	const char *rt = talloc_asprintf(ctx, fix ? _("oldest, after crashing %.12s ^") :
					 _("oldest, after good %.12s ^"),
					 mv->good_ref ? mv->good_ref : "?");
	int gap = width - text_width(l) - text_width(rt);

	if (gap < 1)
		return talloc_asprintf(ctx, "%s", l);
	return talloc_asprintf(ctx, "%s%*s%s", l, gap, "", rt);
}

/* The headings of the bar rows, placed by display width (printf's
 * padding counts bytes, and the headings are translated). */
static void draw_columns(struct view *v, struct canvas *c, int y, int x, int width)
{
	struct map_view *mv = v->priv;
	const char *count = mv->use_cand ? _("cand") : _("left");
	int end = x + width, cw;

	canvas_text(c, y, x + 2, end, AREA_DIM, "#");
	x += 4;
	canvas_text(c, y, x, x + mv->w_verdict < end ? x + mv->w_verdict : end, AREA_DIM, _("verd"));
	x += mv->w_verdict + 1;
	canvas_text(c, y, x, x + ref_width(width) < end ? x + ref_width(width) : end, AREA_DIM,
		    _("commit"));
	x += ref_width(width) + 1;
	cw = text_width(count);
	canvas_text(c, y, x + (cw < 6 ? 6 - cw : 0), end, AREA_DIM, count);
	x += 7;
	if (show_both(mv, width)) {
		cw = text_width(_("left"));
		canvas_text(c, y, x + (cw < 5 ? 5 - cw : 0), end, AREA_DIM, _("left"));
	}
}

static void map_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
	struct map_view *mv = v->priv;
	const struct map_row *r = &mv->rows[row];
	void *tmp;

	switch (r->kind) {
	case ROW_SECTION:
		canvas_text(c, y, x, x + width, AREA_HEADER, r->text);
		break;
	case ROW_COLUMNS:
		draw_columns(v, c, y, x, width);
		break;
	case ROW_BAR:
		draw_bar(v, c, y, x, width, r);
		break;
	case ROW_STRIP:
		draw_strip(v, c, y, x, width, r);
		break;
	case ROW_ENDS:
		tmp = talloc_new(NULL);
		canvas_text(c, y, x, x + width, AREA_DIM, ends_text(v, tmp, width));
		talloc_free(tmp);
		break;
	case ROW_LEGEND:
		canvas_text(c, y, x, x + width, AREA_DIM, r->text);
		break;
	case ROW_BLANK:
		break;
	case ROW_PSTRIP:
	case ROW_PMARKS:
	case ROW_TEXT:
		map_posterior_draw(v, c, y, x, width, r);
		break;
	}
}

static const char *bar_text(struct view *v, const void *ctx, const struct map_row *r)
{
	struct map_view *mv = v->priv;

	if (r->step < 0)
		return talloc_asprintf(ctx, "%s %ld", _("start"), r->value);
	return talloc_asprintf(ctx, "%d %s %s %ld", r->step,
			       mv->verdicts[r->step], mv->refs[r->step],
			       r->value);
}

static const char *map_text(struct view *v, const void *ctx, size_t row)
{
	struct map_view *mv = v->priv;
	const struct map_row *r = &mv->rows[row];

	switch (r->kind) {
	case ROW_BAR:
		return bar_text(v, ctx, r);
	case ROW_STRIP: {
		char *marks = talloc_size(ctx, 81);
		int who[80];

		strip_cells(v, r, 80, marks, who);
		return marks;
	}
	case ROW_ENDS:
		return ends_text(v, ctx, 80);
	case ROW_PSTRIP:
	case ROW_PMARKS:
		return map_posterior_text(v, ctx, r);
	default:
		return r->text ? r->text : "";
	}
}

/* bar: step, verdict, ref, candidates, left, value, rank;
 * strip: lo, hi, cells at 80 columns; others: kind, text */
static const char *map_fields(struct view *v, const void *ctx, size_t row)
{
	struct map_view *mv = v->priv;
	const struct map_row *r = &mv->rows[row];

	switch (r->kind) {
	case ROW_BAR:
		return talloc_asprintf(ctx, "bar\t%d\t%s\t%s\t%ld\t%ld\t%ld\t%ld", r->step,
				       r->step >= 0 ? verdict_name(v->ui->log->steps[r->step]->verdict) : "",
				       r->step >= 0 ? mv->refs[r->step] : "start", r->cand, r->left,
				       r->value, r->rank);
	case ROW_STRIP:
		return talloc_asprintf(ctx, "strip\t%ld\t%ld\t%s", r->lo, r->hi,
				       map_text(v, ctx, row));
	case ROW_PSTRIP:
	case ROW_PMARKS:
	case ROW_TEXT:
		return map_posterior_fields(v, ctx, r);
	default:
		return talloc_asprintf(ctx, "%s\t%s",
				       r->kind == ROW_SECTION ? "section" : r->kind == ROW_LEGEND ?
				       "legend" : r->kind == ROW_ENDS ? "ends" : "blank",
				       map_text(v, ctx, row));
	}
}

static const char *map_title(struct view *v, const void *ctx)
{
	struct map_view *mv = v->priv;

	if (mv->first < 0)
		return NULL;
	return talloc_asprintf(ctx, mv->use_cand ? _("%ld -> %ld candidates in %zu steps") :
				    _("%ld -> %ld revisions left in %zu steps"),
			       mv->first, mv->last, mv->n_bisect);
}

/* Enter on a bar selects its step in the list. */
static bool map_request(struct view *v, enum request req)
{
	struct map_view *mv = v->priv;

	if (req != REQ_ENTER || v->selected >= mv->n)
		return false;
	if (mv->rows[v->selected].kind == ROW_BAR && mv->rows[v->selected].step >= 0) {
		ui_select_step(v->ui, mv->rows[v->selected].step);
		ui_status(v->ui, _("Step %d selected in the list."), mv->rows[v->selected].step);
	}
	return true;
}

const struct view_ops map_view_ops = {
	.load = map_load,
	.draw = map_draw,
	.text = map_text,
	.fields = map_fields,
	.request = map_request,
	.title = map_title,
};
