/* What every view does the same way: cursor movement, scrolling,
 * drawing rows with the cursor line and highlights, the title bar,
 * searching. The views themselves only know their rows. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/ui.h"
#include "ui/view.h"

/* The view table (view_table.h) as the ui uses it. */
static const struct view_info {
	const struct view_ops *ops;
	enum view_opening opens;
	enum request request;
} views[VIEW_COUNT] = {
#define UI_VIEW_INFO(X, id, name, ops, opens, ...) \
	[VIEW_##id] = { &ops, VIEW_OPENS_##opens, UI_VIEW_REQUEST_ID(id, opens) },
	UI_VIEWS(UI_VIEW_INFO, )
#undef UI_VIEW_INFO
};

const struct view_ops *view_ops_of(enum view_kind k)
{
	return k < VIEW_COUNT ? views[k].ops : NULL;
}

enum view_opening view_opening_of(enum view_kind k)
{
	return k < VIEW_COUNT ? views[k].opens : VIEW_OPENS_SCREEN;
}

enum view_kind view_of_request(enum request r)
{
	for (int k = VIEW_GENERIC + 1; k < VIEW_COUNT; k++)
		if (r != REQ_NONE && views[k].request == r)
			return (enum view_kind)k;
	return VIEW_GENERIC;
}

const char *view_name(const struct view *v)
{
	return view_kind_name(v->kind);
}

struct view *view_new(struct ui *ui, enum view_kind k, int step)
{
	const struct view_ops *ops = view_ops_of(k);
	struct view *v;

	if (!ops)
		return NULL;   /* VIEW_GENERIC: bindings, no view */
	v = talloc_zero(ui, struct view);
	v->kind = k;
	v->ops = ops;
	v->ui = ui;
	v->step = step;
	v->height = 1;
	v->ops->load(v);
	return v;
}

/* Keep the cursor on screen and the offset in range. */
static void view_clamp(struct view *v)
{
	size_t h = v->height > 0 ? (size_t)v->height : 1;

	if (v->n_rows == 0) {
		v->selected = v->offset = 0;
		return;
	}
	if (v->selected >= v->n_rows)
		v->selected = v->n_rows - 1;
	if (v->offset > v->selected)
		v->offset = v->selected;
	if (v->selected >= v->offset + h)
		v->offset = v->selected - h + 1;
	if (v->offset + h > v->n_rows)
		v->offset = v->n_rows > h ? v->n_rows - h : 0;
}

void view_select(struct view *v, size_t row)
{
	size_t h = v->height > 0 ? (size_t)v->height : 1;

	v->selected = row;
	/* a jump puts its target a third of the way down, as less does
	 * for search matches: the lines before it give context */
	if (row < v->offset || row >= v->offset + h)
		v->offset = row > h / 3 ? row - h / 3 : 0;
	view_clamp(v);
}

void view_reload(struct view *v)
{
	size_t sel = v->selected, off = v->offset;

	v->ops->load(v);
	v->selected = sel;
	v->offset = off;
	view_clamp(v);
}

bool view_move(struct view *v, enum request r)
{
	size_t h = v->height > 0 ? (size_t)v->height : 1, last = v->n_rows ? v->n_rows - 1 : 0;

	switch (r) {
	case REQ_MOVE_DOWN:
		if (v->selected < last)
			v->selected++;
		break;
	case REQ_MOVE_UP:
		if (v->selected > 0)
			v->selected--;
		break;
	case REQ_MOVE_PAGE_DOWN:
	case REQ_MOVE_HALF_PAGE_DOWN: {
		size_t d = r == REQ_MOVE_PAGE_DOWN ? h : (h + 1) / 2;

		v->offset = v->offset + d + h <= v->n_rows ? v->offset + d :
			    (v->n_rows > h ? v->n_rows - h : 0);
		v->selected = v->selected + d <= last ? v->selected + d : last;
		break;
	}
	case REQ_MOVE_PAGE_UP:
	case REQ_MOVE_HALF_PAGE_UP: {
		size_t d = r == REQ_MOVE_PAGE_UP ? h : (h + 1) / 2;

		v->offset = v->offset > d ? v->offset - d : 0;
		v->selected = v->selected > d ? v->selected - d : 0;
		break;
	}
	case REQ_MOVE_FIRST_LINE:
		v->selected = 0;
		break;
	case REQ_MOVE_LAST_LINE:
		v->selected = last;
		break;
	case REQ_SCROLL_LINE_DOWN:
		if (v->offset + h < v->n_rows)
			v->offset++;
		if (v->selected < v->offset)
			v->selected = v->offset;
		break;
	case REQ_SCROLL_LINE_UP:
		if (v->offset > 0)
			v->offset--;
		if (v->selected >= v->offset + h)
			v->selected = v->offset + h - 1;
		break;
	case REQ_SCROLL_LEFT:
	case REQ_SCROLL_RIGHT: {
		/* half the view at a time, as tig's horizontal-scroll default */
		int step = v->screen_w > 16 ? v->screen_w / 2 : 8;

		v->hscroll += r == REQ_SCROLL_RIGHT ? step : -step;
		v->hscroll = v->hscroll < 0 ? 0 : v->hscroll > VIEW_HSCROLL_MAX ? VIEW_HSCROLL_MAX
										: v->hscroll;
		break;
	}
	default:
		return false;
	}
	view_clamp(v);
	return true;
}

static bool row_matches(struct view *v, const void *ctx, size_t row, const char *needle)
{
	const char *t = v->ops->text(v, ctx, row);

	if (!t)
		return false;
	return v->ui->opt.ignore_case ? strcasestr(t, needle) != NULL : strstr(t, needle) != NULL;
}

bool view_search(struct view *v, const char *needle, bool backward, bool skip_current,
		 bool *wrapped)
{
	void *tmp = talloc_new(NULL);
	size_t n = v->n_rows, from = v->selected;
	bool found = false;

	for (size_t k = skip_current ? 1 : 0; k < n + (skip_current ? 1 : 0) && n; k++) {
		size_t row = backward ? (v->selected + n - k % n) % n : (v->selected + k) % n;

		if (row_matches(v, tmp, row, needle)) {
			/* past the last row to the first (or back past the first):
			 * less and vim say so */
			*wrapped = backward ? row > from || (skip_current && row == from)
					    : row < from || (skip_current && row == from);
			view_select(v, row);
			found = true;
			break;
		}
	}
	talloc_free(tmp);
	return found;
}

/* The title bar, tig's way: "[steps] 3d7cb673 - step 14 of 16". */
static void draw_title(struct view *v, struct canvas *c, int y, int x, int width, bool focused)
{
	enum area a = focused ? AREA_TITLE_FOCUS : AREA_TITLE_BLUR;
	void *tmp = talloc_new(NULL);
	const char *t = v->ops->title ? v->ops->title(v, tmp) : NULL;
	int end = x + width;

	canvas_fill(c, y, x, end, a);
	x = canvas_textf(c, y, x, end, a, "[%s]", view_name(v));
	if (t && *t)
		x = canvas_textf(c, y, x, end, a, " %s", t);
	if (v->busy)
		x = canvas_textf(c, y, x, end, a, " - %s", v->busy);
	if (v->n_rows > 0 && end - x > 6) {
		/* scrolled sideways: the column shown first, as less's ">" does */
		char *pct = v->hscroll > 0 ? talloc_asprintf(tmp, ">%d %zu%%", v->hscroll + 1,
							     (v->selected + 1) * 100 / v->n_rows)
					   : talloc_asprintf(tmp, "%zu%%",
							     (v->selected + 1) * 100 / v->n_rows);

		canvas_text(c, y, end - (int)strlen(pct) - 1, end, a, pct);
	}
	talloc_free(tmp);
}

static void draw_at(struct view *v, struct canvas *c, int y, int x, int height, int width,
		    bool focused);

/* Scrolled sideways: the view is drawn as if hscroll columns wider into
 * a canvas of its own, and the columns from hscroll on are shown - so the
 * views lay out their columns as ever and what they cut at the edge is
 * what comes into sight. */
void view_draw(struct view *v, struct canvas *c, int y, int x, int height, int width,
	       bool focused)
{
	int hs = v->hscroll;
	struct canvas *wide;

	if (hs <= 0 || height <= 0 || width <= 0) {
		draw_at(v, c, y, x, height, width, focused);
		draw_title(v, c, y + height - 1, x, width, focused);
		return;
	}
	wide = canvas_new(c, height, width + hs);
	draw_at(v, wide, 0, 0, height, width + hs, focused);
	for (int i = 0; i < height && y + i < c->rows; i++)
		for (int k = 0; k < width && x + k < c->cols; k++) {
			struct cell *to = &c->cells[(size_t)(y + i) * c->cols + x + k];

			*to = wide->cells[(size_t)i * wide->cols + hs + k];
			if (k == 0 && to->wc[0] == 0)
				to->wc[0] = L' ';  /* never half a wide character */
		}
	if (wide->cursor_y >= 0)
		c->cursor_y = y + wide->cursor_y;
	v->width = width;
	talloc_free(wide);
	draw_title(v, c, y + height - 1, x, width, focused);
}

/* The last search as wide characters when this view shows its hits
 * (until a new search or Esc, as less's until ESC-u), else NULL. */
static wchar_t *search_hits(const struct view *v, const void *ctx)
{
	const struct ui *ui = v->ui;
	wchar_t *w;
	size_t n;

	if (!ui->search || !*ui->search || !v->search_hits || v->search_hits != ui->search_serial)
		return NULL;
	n = mbstowcs(NULL, ui->search, 0);
	if (n == (size_t)-1 || n == 0)
		return NULL;
	w = talloc_array(ctx, wchar_t, n + 1);
	mbstowcs(w, ui->search, n + 1);
	return w;
}

static void draw_at(struct view *v, struct canvas *c, int y, int x, int height, int width,
		    bool focused)
{
	int head = v->ops->header ? v->ops->header(v, NULL, 0, width) : 0;
	wchar_t *hits;

	if (head > height - 2)
		head = height > 2 ? height - 2 : 0;
	for (int i = 0; i < height; i++)
		canvas_fill(c, y + i, x, x + width, AREA_DEFAULT);
	if (head > 0) {
		/* a view's header never pushes out the rows entirely */
		struct canvas *hc = canvas_new(c, head, width);

		v->ops->header(v, hc, 0, width);
		for (int i = 0; i < head; i++)
			for (int k = 0; k < width; k++)
				c->cells[(size_t)(y + i) * c->cols + x + k] = hc->cells[(size_t)i * width + k];
		talloc_free(hc);
	}
	v->height = height - head - 1;
	v->width = width;
	if (v->height < 1)
		v->height = 1;
	view_clamp(v);
	hits = search_hits(v, c);
	for (int i = 0; i < v->height && v->offset + (size_t)i < v->n_rows; i++) {
		size_t row = v->offset + (size_t)i;
		bool sel = row == v->selected;
		int ry = y + head + i;

		v->ops->draw(v, c, ry, x, width, row, sel);
		if (v->hl && row >= v->hl_first && row <= v->hl_last && !sel)
			canvas_paint(c, ry, x, x + width, AREA_HIGHLIGHT);
		if (sel) {
			/* the other pane keeps its place visible, quieter */
			canvas_paint(c, ry, x, x + width, focused ? AREA_CURSOR : AREA_TITLE_BLUR);
			if (focused)
				c->cursor_y = ry;
		}
		/* on the drawn cells: right after a sideways scroll too, and
		 * never more than the sanitised text shows */
		if (hits)
			canvas_paint_matches(c, ry, x, x + width, hits, v->ui->opt.ignore_case,
					     AREA_SEARCH);
	}
	talloc_free(hits);
	if (v->n_rows == 0 && v->height > 0)
		canvas_text(c, y + head, x, x + width, AREA_DIM, v->busy ? v->busy : _("(nothing to show)"));
}
