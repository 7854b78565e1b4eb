/* The screen's layout: one or two panes (the second below, or beside
 * when the terminal is wide), the hint bar and the status line.
 *
 * Beside, with split-size auto, each side gets what it needs: the list
 * its columns and room for a commit subject, the second pane the rest,
 * never less than SPLIT_MIN_COLS; a percentage the user sets wins. The
 * list's header lines about the whole log (result, trust, tree) span the
 * screen above both panes. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "clock.h"
#include "i18n.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/view.h"
#include "ui/views.h"
#include "ui/worker.h"

/* Smaller than this, the screen says so instead of drawing views. */
#define MIN_COLS 40
#define MIN_ROWS 10
/* From this width a split goes beside the list (auto). */
#define BESIDE_FROM_COLS 160
/* split-size auto: below, the second pane's share; beside, its share
 * when the first view is not the list (nothing says what it needs). */
#define AUTO_SPLIT_PERCENT 67
/* Beside, the second pane's least width by need: a mail's or a patch's
 * text line (72) fits. */
#define SPLIT_MIN_COLS 72

static bool split_beside(const struct ui *ui)
{
	return ui->opt.split == SPLIT_BESIDE ||
	       (ui->opt.split == SPLIT_AUTO && ui->cols >= BESIDE_FROM_COLS);
}

static int split_percent(const struct ui *ui)
{
	return ui->opt.split_percent == SPLIT_SIZE_AUTO ? AUTO_SPLIT_PERCENT :
	       ui->opt.split_percent;
}

static bool first_is_list(const struct ui *ui)
{
	return ui->views[0] && ui->views[0]->kind == VIEW_STEPS;
}

/* Beside: the first pane's width (the second has the rest less the
 * separator). */
static int beside_first_width(const struct ui *ui)
{
	int share = ui->cols - 1 - ui->cols * split_percent(ui) / 100, want, w;

	if (ui->opt.split_percent != SPLIT_SIZE_AUTO || !first_is_list(ui))
		return share;
	want = steps_view_wanted_width(ui->views[0]);
	w = ui->cols - 1 - SPLIT_MIN_COLS;
	if (want > 0 && want < w)
		w = want;
	/* a narrow screen forced beside: the share of old, a third */
	return w < share ? share : w;
}

/* Beside: the rows above both panes, the list's header lines about the
 * whole log (0 when the first view is not the list). */
static int beside_top(const struct ui *ui)
{
	return first_is_list(ui) ? steps_header_global_lines(ui->views[0]) : 0;
}

/* The hint bar's word for a request: in English the action's name (the
 * one :bind takes), translated into a short verb or noun. */
static const char *hint_label(enum request r)
{
	/* TRANSLATORS: the key hint bar at the bottom ("Enter enter  ] next
	 * ..."): short labels for actions; English shows the action names. */
	static const struct { enum request req; const char *label; } labels[] = {
		{ REQ_ENTER, N_("enter") }, { REQ_NEXT, N_("next") },
		{ REQ_PREVIOUS, N_("previous") }, { REQ_VIEW_CLOSE, N_("view-close") },
		{ REQ_VIEW_HELP, N_("view-help") }, { REQ_SEARCH, N_("search") },
		{ REQ_NEXT_FILE, N_("next-file") }, { REQ_NEXT_HUNK, N_("next-hunk") },
		{ REQ_EDIT, N_("edit") }, { REQ_JUMP_CULPRIT, N_("jump-culprit") },
		{ REQ_VIEW_DETAIL, N_("view-detail") }, { REQ_VIEW_LOG, N_("view-log") },
		{ REQ_VIEW_SIGNALS, N_("view-signals") }, { REQ_VIEW_MAP, N_("view-map") },
		{ REQ_VIEW_CRASH, N_("view-crash") }, { REQ_SORT_ORDER, N_("sort-order") },
		{ REQ_FILTER, N_("filter") },
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (labels[i].req == r)
			return _(labels[i].label);
	return request_name(r);
}

/* Draws one hint per request bound in view k (its first key); the list
 * ends at REQ_NONE. */
static int draw_hint_list(struct ui *ui, struct canvas *c, int y, int x, enum view_kind k,
			  const enum request *list)
{
	void *tmp = talloc_new(NULL);

	for (size_t i = 0; list && list[i] != REQ_NONE; i++) {
		const char *keys = keymap_keys(tmp, ui->keymap, k, list[i]);
		const char *comma = keys ? strchr(keys, ',') : NULL;
		/* a list of bisections or messages has no steps to step through */
		bool stepless = k != VIEW_GENERIC && view_ops_of(k)->lists_bisections &&
				(list[i] == REQ_NEXT || list[i] == REQ_PREVIOUS);

		if (!keys || stepless)
			continue;
		if (comma)
			keys = talloc_strndup(tmp, keys, (size_t)(comma - keys));
		x = canvas_textf(c, y, x, -1, AREA_HINT, "%s %s  ", keys, hint_label(list[i]));
	}
	talloc_free(tmp);
	return x;
}

/* The main keys of a view, from the bindings (so a rebound key shows):
 * the view's own (view_ops.hints) first, since a narrow bar cuts the end
 * off; then the common ones, then the view's hints_after. */
static void draw_hints(struct ui *ui, struct canvas *c, int y)
{
	static const enum request common[] = { REQ_ENTER, REQ_NEXT, REQ_PREVIOUS,
					       REQ_VIEW_CLOSE, REQ_VIEW_HELP, REQ_SEARCH,
					       REQ_NONE };
	struct view *v = ui_focused(ui);
	enum view_kind k = v ? v->kind : VIEW_GENERIC;
	int x = 0;

	canvas_fill(c, y, 0, -1, AREA_HINT);
	x = draw_hint_list(ui, c, y, x, k, v ? v->ops->hints : NULL);
	x = draw_hint_list(ui, c, y, x, k, common);
	draw_hint_list(ui, c, y, x, k, v ? v->ops->hints_after : NULL);
}

static void draw_status(struct ui *ui, struct canvas *c, int y)
{
	canvas_fill(c, y, 0, -1, AREA_STATUS);
	if (ui->prompt) {
		int x = canvas_text(c, y, 0, -1, AREA_STATUS, ui->prompt);

		canvas_text(c, y, x, -1, AREA_STATUS, ui->input);
		return;
	}
	if (ui->status && *ui->status) {
		canvas_text(c, y, 0, -1, ui->status_error ? AREA_ERROR : AREA_STATUS, ui->status);
	} else if (ui->facts_pending) {
		canvas_text(c, y, 0, -1, AREA_DIM, _("Loading tree facts... (Esc cancels)"));
	} else if (ui->revert_job) {
		canvas_text(c, y, 0, -1, AREA_DIM,
			    _("Reverting the culprit on the start commit... (Esc cancels)"));
	} else if (ui->fix_job) {
		void *tmp = talloc_new(NULL);

		canvas_text(c, y, 0, -1, AREA_DIM, ui_fix_progress(tmp, ui));
		talloc_free(tmp);
	} else if (ui->tree_note && !ui->tree_note_said && ui_focused(ui) &&
		   !ui_focused(ui)->ops->lists_bisections) {
		canvas_text(c, y, 0, -1, AREA_DIM, ui->tree_note);
		ui->tree_note_shown = true;
	}
}

int ui_pane_height(const struct ui *ui, bool second)
{
	int bottom = ui->rows - 1 - (ui->opt.hint_bar ? 1 : 0), h1, h2;

	if (split_beside(ui))
		return second ? bottom - beside_top(ui) : bottom;
	h2 = bottom * split_percent(ui) / 100;
	h1 = bottom - h2;
	if (h1 < 3) {
		h1 = 3;
		h2 = bottom - h1;
	}
	return second ? h2 : h1;
}

static void place(struct view *v, struct canvas *c, int y, int x, int h, int w, bool focused)
{
	v->screen_y = y;
	v->screen_x = x;
	v->screen_h = h;
	v->screen_w = w;
	view_draw(v, c, y, x, h, w, focused);
}

/* The first view's header lines about the log, across the whole screen
 * (over what the first pane drew of them in its own width). */
static void draw_top(struct ui *ui, struct canvas *c, int top)
{
	struct view *v = ui->views[0];
	int head = v->ops->header(v, NULL, 0, ui->cols);
	struct canvas *hc = canvas_new(c, head, ui->cols);

	v->ops->header(v, hc, 0, ui->cols);
	for (int i = 0; i < top && i < head; i++)
		memcpy(&c->cells[(size_t)i * c->cols], &hc->cells[(size_t)i * hc->cols],
		       (size_t)c->cols * sizeof(c->cells[0]));
	talloc_free(hc);
}

static void draw_beside(struct ui *ui, struct canvas *c, int bottom)
{
	int w1 = beside_first_width(ui), w2 = ui->cols - w1 - 1, top = beside_top(ui);

	place(ui->views[0], c, 0, 0, bottom, w1, ui->focus == 0);
	if (top > 0)
		draw_top(ui, c, top);
	for (int y = top; y < bottom; y++)
		canvas_text(c, y, w1, w1 + 1, AREA_TITLE_BLUR, "|");
	place(ui->views[1], c, top, w1 + 1, bottom - top, w2, ui->focus == 1);
}

void ui_draw(struct ui *ui)
{
	struct canvas *c = ui->canvas;
	int bottom = ui->rows - 1 - (ui->opt.hint_bar ? 1 : 0);

	if (!c || c->rows != ui->rows || c->cols != ui->cols) {
		talloc_free(ui->canvas);
		c = ui->canvas = canvas_new(ui, ui->rows, ui->cols);
	}
	canvas_clear(c);
	if (ui->cols < MIN_COLS || ui->rows < MIN_ROWS) {
		/* a line each, so that a narrow terminal still shows the need */
		canvas_text(c, 0, 0, -1, AREA_ERROR, _("Terminal too small"));
		if (ui->rows > 1)
			canvas_textf(c, 1, 0, -1, AREA_ERROR, _("%dx%d here,"), ui->cols, ui->rows);
		if (ui->rows > 2)
			canvas_textf(c, 2, 0, -1, AREA_ERROR, _("%dx%d needed"), MIN_COLS, MIN_ROWS);
		return;
	}
	if (ui->views[1]) {
		if (split_beside(ui)) {
			draw_beside(ui, c, bottom);
		} else {
			int h1 = ui_pane_height(ui, false), h2 = ui_pane_height(ui, true);

			place(ui->views[0], c, 0, 0, h1, ui->cols, ui->focus == 0);
			place(ui->views[1], c, h1, 0, h2, ui->cols, ui->focus == 1);
		}
	} else if (ui->views[0]) {
		place(ui->views[0], c, 0, 0, bottom, ui->cols, true);
	}
	if (ui->opt.hint_bar)
		draw_hints(ui, c, bottom);
	draw_status(ui, c, ui->rows - 1);
	if (ui->t_first_screen == 0)
		ui->t_first_screen = monotonic_seconds();
}

void ui_resize(struct ui *ui, int rows, int cols)
{
	ui->rows = rows > 0 ? rows : 1;
	ui->cols = cols > 0 ? cols : 1;
}
