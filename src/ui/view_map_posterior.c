/* The map view's third section: where the culprit likely is (doc/model.md
 * §9.1). The posterior over the range's commits (ui->rc.posterior, made
 * with the other tree facts, report_assess()) drawn along the range in the
 * same order and cell mapping as the strip of tested steps above it:
 * newest first, git's topological order, cell = rank × cells / range.
 *
 * Each strip is two rows: the mass each cell holds, in four density
 * glyphs (ASCII ones outside a UTF-8 locale), and under it marks: the
 * 90% set's cells, the log's culprit, the commit to test next. When the
 * set (and the next test) fit in a strip's width of commits, a zoom on
 * them follows, one commit or so a cell. Then a legend and three lines in
 * words. Without a tree, or before its facts arrive, one line says so. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "text/sanitize.h"
#include "ui/view_map.h"

/* The zoom is decided for 80 columns, like the steps' (view_map.c). */
#define ZOOM_CELLS 76

/* A cell's mass from this on gets the glyph: 50%, 10%, 1%, 0.1%. */
static const double density_floor[] = { 0.5, 0.1, 0.01, 0.001 };
static const char *const density_utf8[] = { "\u2588", "\u2593", "\u2592", "\u2591" };
static const char *const density_ascii[] = { "#", "*", ":", "." };

static const char *density_glyph(const struct ui *ui, double mass)
{
	bool ascii = ui->app->san_flags & SAN_ASCII;

	for (size_t k = 0; k < sizeof(density_floor) / sizeof(*density_floor); k++)
		if (mass >= density_floor[k])
			return ascii ? density_ascii[k] : density_utf8[k];
	return " ";
}

static long rank_of(const struct map_view *mv, uint32_t i)
{
	return mv->rank ? (long)mv->rank[i] : (long)i;
}

/* The ranks [lo, hi) of the set and the next test, padded to ZOOM_CELLS
 * commits within the range; false when they do not fit, or the full
 * strip already shows each commit in about a cell. */
static bool zoom_on_set(const struct ui *ui, const struct map_view *mv, long *lo, long *hi)
{
	const struct posterior *r = ui->rc.posterior;
	long a = -1, b = -1, n = (long)r->n, pad;

	if (n < 2 * ZOOM_CELLS || r->set_size == 0)
		return false;
	for (uint32_t i = 0; i < r->n; i++)
		if (r->in_set[i] || i == r->next) {
			long k = rank_of(mv, i);

			a = a < 0 || k < a ? k : a;
			b = k + 1 > b ? k + 1 : b;
		}
	if (a < 0 || b - a > ZOOM_CELLS)
		return false;
	pad = (ZOOM_CELLS - (b - a)) / 2;
	*lo = a > pad ? a - pad : 0;
	*hi = *lo + ZOOM_CELLS < n ? *lo + ZOOM_CELLS : n;
	*lo = *hi - ZOOM_CELLS;
	return true;
}

enum { IN_SET = 1, CULPRIT = 2, NEXT = 4 };

/* Per cell of a strip of ranks [lo, hi) in w cells: the mass, and the
 * mark: 'x' the log's culprit and the next test, 'c' the culprit, 'n'
 * the next test, '=' a commit of the set, ' ' none of them. */
static void cells(const struct ui *ui, const struct map_view *mv, const struct map_row *row,
		  int w, double *mass, char *marks)
{
	const struct posterior *r = ui->rc.posterior;
	unsigned char *has = talloc_zero_array(NULL, unsigned char, w);

	for (int k = 0; k < w; k++)
		mass[k] = 0;
	for (uint32_t i = 0; i < r->n && has; i++) {
		long k = rank_of(mv, i);
		int cell;

		if (k < row->lo || k >= row->hi)
			continue;
		cell = (int)((k - row->lo) * w / (row->hi - row->lo));
		mass[cell] += r->p[i];
		has[cell] |= (r->in_set[i] ? IN_SET : 0) | (i == mv->culprit ? CULPRIT : 0) |
			     (i == r->next ? NEXT : 0);
	}
	for (int k = 0; k < w; k++) {
		unsigned f = has ? has[k] : 0;

		marks[k] = (f & CULPRIT) && (f & NEXT) ? 'x' : f & CULPRIT ? 'c' : f & NEXT ? 'n' :
			   f & IN_SET ? '=' : ' ';
	}
	marks[w] = '\0';
	talloc_free(has);
}

static enum area mark_area(char m)
{
	return m == 'c' || m == 'x' ? AREA_BAD : m == 'n' ? AREA_INFO : AREA_STRONG;
}

void map_posterior_draw(struct view *v, struct canvas *c, int y, int x, int width,
			const struct map_row *r)
{
	int w = width - 2;
	double *mass;
	char *marks;

	if (r->kind == ROW_TEXT) {
		canvas_text(c, y, x, x + width, AREA_DEFAULT, r->text);
		return;
	}
	if (w < 1 || !v->ui->rc.posterior)
		return;
	mass = talloc_array(NULL, double, w);
	marks = talloc_size(mass, (size_t)w + 1);
	cells(v->ui, v->priv, r, w, mass, marks);
	canvas_text(c, y, x, x + width, AREA_DIM, r->kind == ROW_PSTRIP ? "[" : " ");
	for (int k = 0; k < w; k++) {
		char one[2] = { marks[k], '\0' };

		if (r->kind == ROW_PSTRIP)
			canvas_text(c, y, x + 1 + k, x + width, marks[k] == ' ' ? AREA_DIM : AREA_BAR,
				    density_glyph(v->ui, mass[k]));
		else
			canvas_text(c, y, x + 1 + k, x + width, mark_area(marks[k]), one);
	}
	if (r->kind == ROW_PSTRIP)
		canvas_text(c, y, x + 1 + w, x + width, AREA_DIM, "]");
	talloc_free(mass);
}

const char *map_posterior_text(struct view *v, const void *ctx, const struct map_row *r)
{
	double mass[80];
	char *marks = talloc_size(ctx, 81), *glyphs;

	if (!v->ui->rc.posterior)
		return "";
	cells(v->ui, v->priv, r, 80, mass, marks);
	if (r->kind == ROW_PMARKS)
		return marks;
	glyphs = talloc_strdup(ctx, "");
	for (int k = 0; k < 80; k++)
		glyphs = talloc_strdup_append(glyphs, density_glyph(v->ui, mass[k]));
	return glyphs;
}

/* pstrip/pmarks: lo, hi, the 80 cells; text: the sentence */
const char *map_posterior_fields(struct view *v, const void *ctx, const struct map_row *r)
{
	if (r->kind == ROW_TEXT)
		return talloc_asprintf(ctx, "text\t%s", r->text);
	return talloc_asprintf(ctx, "%s\t%ld\t%ld\t%s", r->kind == ROW_PSTRIP ? "pstrip" : "pmarks",
			       r->lo, r->hi, map_posterior_text(v, ctx, r));
}

static void add_strip_pair(struct map_view *mv, long lo, long hi)
{
	struct map_row *r = map_add_row(mv, ROW_PSTRIP, NULL);

	r->lo = lo;
	r->hi = hi;
	r = map_add_row(mv, ROW_PMARKS, NULL);
	r->lo = lo;
	r->hi = hi;
}

static void add_legend(struct ui *ui, struct map_view *mv)
{
	map_add_row(mv, ROW_LEGEND,
		    talloc_asprintf(mv, _("%s 50%%+  %s 10%%+  %s 1%%+  %s 0.1%%+ of the probability in a cell"),
				    density_glyph(ui, 0.5), density_glyph(ui, 0.1),
				    density_glyph(ui, 0.01), density_glyph(ui, 0.001)));
	map_add_row(mv, ROW_LEGEND, talloc_asprintf(mv, _("= the %.0f%% set  c the log's culprit  n the next to test  x both"),
						    100 * POSTERIOR_LEVEL));
}

/* The three lines in words: where 90% lies, the culprit's, the older
 * (and the newer) mass, the next test. */
static void add_words(struct ui *ui, struct map_view *mv)
{
	const struct posterior *r = ui->rc.posterior;
	const struct dag *d = ui->rc.xref->range;
	struct posterior_run *runs;
	size_t n_runs = posterior_set_runs(mv, d, r, &runs);
	const char *floor = report_range_floor(mv, ui->log), *culprit, *older;
	char hex[2 * DAG_OID_LEN + 1];

	map_add_row(mv, ROW_TEXT, talloc_asprintf(mv, r->set_outside ?
		_("%.0f%% of the probability lies in %s and older than the range.") :
		r->set_newer ? _("%.0f%% of the probability lies in %s and newer than the range.") :
		_("%.0f%% of the probability lies in %s."), 100 * POSTERIOR_LEVEL,
		report_set_size(mv, r->set_size, n_runs)));
	culprit = r->culprit_p >= 0 ? talloc_asprintf(mv, _("The culprit itself: %.1f%%"), 100 * r->culprit_p) :
		  ui->log->result.commit ? _("The log's culprit is not in the range") :
		  _("The log names no culprit");
	older = floor ? talloc_asprintf(mv, _("older than %s: %.1f%%"), ui_clean(ui, mv, floor),
					100 * r->outside_p) :
		talloc_asprintf(mv, _("older than the range: %.1f%%"), 100 * r->outside_p);
	if (r->newer_p >= 0.001)
		older = talloc_asprintf(mv, "%s; %s", older,
					talloc_asprintf(mv, _("newer than the range: %.1f%%"), 100 * r->newer_p));
	/* TRANSLATORS: the culprit's probability; the mass older (and newer)
	 * than the range */
	map_add_row(mv, ROW_TEXT, talloc_asprintf(mv, _("%s; %s."), culprit, older));
	if (r->next == DAG_NONE)
		return;
	posterior_hex(hex, d, r->next);
	map_add_row(mv, ROW_TEXT, talloc_asprintf(mv, _("Next to test (%.2f bits): %.12s %s"), r->next_bits,
						  hex, ui->next_subject ? ui_clean(ui, mv, ui->next_subject) : ""));
}

void map_posterior_rows(struct ui *ui, struct map_view *mv)
{
	const struct log_xref *x = ui->rc.xref;
	const struct posterior *r = ui->rc.posterior;
	long lo, hi;

	map_add_row(mv, ROW_SECTION, _("Where the culprit likely is, along the same range (newest first)"));
	if (!r || !x || !x->range || r->n != x->range->n) {
		map_add_row(mv, ROW_TEXT, ui->facts_pending ? _("waiting for the tree...") :
				      !x ? _("needs a tree (-C DIR or $BISVIEW_TREE)") :
				      x->range_note ? talloc_asprintf(mv, _("no posterior: %s"),
								      ui_clean(ui, mv, x->range_note)) :
				      _("no posterior: the range was not walked"));
		return;
	}
	add_strip_pair(mv, 0, r->n);
	if (zoom_on_set(ui, mv, &lo, &hi)) {
		map_add_row(mv, ROW_SECTION,
			    talloc_asprintf(mv, _("Zoom: ranks %ld-%ld of %ld, around the %.0f%% set"), lo + 1,
					    hi, (long)r->n, 100 * POSTERIOR_LEVEL));
		add_strip_pair(mv, lo, hi);
	}
	add_legend(ui, mv);
	add_words(ui, mv);
}
