/* The triage view (doc/design.md §13.1): one row per bisection of a
 * directory, several LOGs or a --list, worst first - p_wrong as a bar and
 * a number, the kind, the name, the blamed step, a mark where the fix in
 * the tree names another commit, the result, the strongest signals. Rows
 * arrive as the batch reads them (triage.c); Enter opens one in the
 * explorer with this list beneath it, so q comes back to the same row. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/batch.h"
#include "text/sanitize.h"
#include "ui/triage.h"
#include "ui/ui.h"
#include "ui/view.h"

#define W_P 4      /* "0.83" */
#define W_BAR 5
#define W_KIND_MAX 10
#define W_STEP 4   /* "s12" */

struct triage_view {
	const char *selected_name;  /* the selected item's name: kept across rebuilds */
	bool moved;                 /* the user moved the cursor: until then it stays
				     * on the first row, the worst one so far */
	int kind_w;                 /* kind_width(), measured once */
};

static const struct batch_item *row_item(const struct view *v, size_t row)
{
	const struct ui_triage *t = v->ui->triage;

	return &t->batch->items[t->order[row]];
}

/* An item's name as this thread may read it (batch.h's given). */
static const char *item_name(const struct batch_item *it)
{
	return atomic_load(&it->done) ? it->name : it->given;
}

/* The widest of the kind words in this language (and its head). */
static int kind_width(void)
{
	const char *words[] = { _("cause"), _("fix"), _("git"), _("crash"), _("error"), _("kind") };
	int w = 0;

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		w = text_width(words[i]) > w ? text_width(words[i]) : w;
	return w > W_KIND_MAX ? W_KIND_MAX : w;
}

/* After a rebuild the cursor stays on the bisection it was on. */
static void triage_load(struct view *v)
{
	struct triage_view *tv = v->priv ? v->priv : (v->priv = talloc_zero(v, struct triage_view));
	const struct ui_triage *t = v->ui->triage;

	v->n_rows = t->n_order;
	if (!tv->kind_w)
		tv->kind_w = kind_width();
	/* a click moves the cursor without a request: off the first row, the
	 * user chose a row */
	tv->moved = tv->moved || v->selected != 0;
	if (!tv->moved)
		v->selected = v->offset = 0;
	for (size_t i = 0; tv->moved && tv->selected_name && i < t->n_order; i++)
		if (item_name(row_item(v, i)) == tv->selected_name)
			v->selected = i;
}

/* Under this width the bar and the kind make room for the name. */
#define NARROW_BELOW 60

/* Where each column starts, for the rows and the heads alike. */
struct columns {
	bool wide;          /* the bar and the kind are shown */
	int bar, kind, name, step, fix, result;
	int kind_w, name_w;
};

static struct columns columns_of(const struct view *v, int x, int width)
{
	int layout_w = v->screen_w > 0 && v->screen_w < width ? v->screen_w : width;
	struct columns k = { .wide = layout_w >= NARROW_BELOW };

	k.name_w = layout_w * 28 / 100;
	k.name_w = k.name_w < 12 ? 12 : k.name_w > 40 ? 40 : k.name_w;
	k.kind_w = k.wide ? ((const struct triage_view *)v->priv)->kind_w : 0;
	k.bar = x + W_P + 1;
	k.kind = k.bar + (k.wide ? W_BAR + 1 : 0);
	k.name = k.kind + (k.wide ? k.kind_w + 1 : 0);
	k.step = k.name + k.name_w + 1;
	k.fix = k.step + W_STEP;
	k.result = k.fix + 2;
	return k;
}

/* "#####" scaled to p_wrong; '#' and '.' where the locale has no blocks. */
static const char *bar(const void *ctx, const struct ui *ui, double p)
{
	int full = p < 0 ? 0 : (int)(p * W_BAR + 0.5);
	bool ascii = ui->app->san_flags & SAN_ASCII;
	char *s = talloc_strdup(ctx, "");

	for (int i = 0; i < W_BAR; i++)
		s = talloc_strdup_append(s, i < full ? (ascii ? "#" : "\u2588") : (ascii ? "." : "\u00b7"));
	return s;
}

static void triage_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
			bool selected)
{
	void *tmp = talloc_new(NULL);
	const struct batch_item *it = row_item(v, row);
	const struct triage_row *r = ui_triage_row(v->ui, v->ui->triage->order[row]);
	struct columns k = columns_of(v, x, width);
	int end = x + width, col;
	enum area pa;

	if (selected)
		((struct triage_view *)v->priv)->selected_name = item_name(it);
	if (!r) {
		canvas_textf(c, y, k.name, end, AREA_DIM, "%-*.*s %s", k.name_w, k.name_w,
			     ui_clean(v->ui, tmp, item_name(it)),
			     v->ui->triage->finished ? _("not read: stopped") : _("loading..."));
		talloc_free(tmp);
		return;
	}
	pa = r->p_wrong < 0 ? AREA_DIM : r->suspicious ? AREA_SUSPICIOUS : AREA_PLAUSIBLE;
	if (r->p_wrong >= 0)
		canvas_textf(c, y, x, end, pa, "%4.2f", r->p_wrong);
	else
		canvas_text(c, y, x + W_P - 1, end, AREA_DIM, "-");
	if (k.wide) {
		canvas_text(c, y, k.bar, k.bar + W_BAR, pa, bar(tmp, v->ui, r->p_wrong));
		canvas_text(c, y, k.kind, k.kind + k.kind_w, r->error ? AREA_ERROR : AREA_DIM,
			    r->error ? _("error") : r->kind);
	}
	canvas_text(c, y, k.name, k.name + k.name_w, AREA_DEFAULT, r->name);
	if (r->error) {
		canvas_text(c, y, k.step, end, AREA_ERROR, r->error);
		talloc_free(tmp);
		return;
	}
	if (r->blamed_step >= 0)
		canvas_textf(c, y, k.step, k.fix, AREA_SUSPICIOUS, "s%d", r->blamed_step);
	canvas_text(c, y, k.fix, k.fix + 1, AREA_BAD, r->fix_disagrees ? "!" : " ");
	col = canvas_text(c, y, k.result, end, AREA_DEFAULT, r->result);
	if (*r->signals)
		col = canvas_textf(c, y, col, end, AREA_STRONG, "  %s", r->signals);
	/* the bug's title last: a file named by a hash says nothing, and
	 * Right brings it into sight where the row is cut */
	if (r->title && !strstr(r->name, r->title))
		canvas_textf(c, y, col, end, AREA_DIM, "  %s", r->title);
	talloc_free(tmp);
}

static const char *triage_fields(struct view *v, const void *ctx, size_t row)
{
	const struct batch_item *it = row_item(v, row);
	const struct triage_row *r = ui_triage_row(v->ui, v->ui->triage->order[row]);

	const char *name = ui_clean(v->ui, ctx, item_name(it));

	/* the name as given (the scan's path), then what the row shows */
	if (!r)
		return talloc_asprintf(ctx, "%s\tloading", name);
	if (r->error)
		return talloc_asprintf(ctx, "%s\terror\t%s", name, r->error);
	return talloc_asprintf(ctx, "%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s", name, r->kind, r->result,
			       r->p_wrong < 0 ? "-" : talloc_asprintf(ctx, "%.2f", r->p_wrong),
			       r->blamed_step, r->verdict, *r->signals ? r->signals : "-",
			       r->fix_disagrees ? "fix-disagrees" : "-");
}

static const char *triage_text(struct view *v, const void *ctx, size_t row)
{
	const struct triage_row *r = ui_triage_row(v->ui, v->ui->triage->order[row]);

	if (!r)
		return row_item(v, row)->name;
	return talloc_asprintf(ctx, "%s %s %s %s %s %s", r->name, r->kind ? r->kind : "",
			       r->error ? r->error : r->result, r->verdict ? r->verdict : "",
			       r->signals ? r->signals : "", r->title ? r->title : "");
}

static const char *order_word(enum triage_order o)
{
	switch (o) {
	case ORDER_DATE: return _("newest first");
	case ORDER_NAME: return _("by name");
	default: return _("worst first");
	}
}

static const char *triage_title(struct view *v, const void *ctx)
{
	const struct ui_triage *t = v->ui->triage;
	size_t n = t->batch->n, done = atomic_load(&t->batch->n_done);
	char *s;

	if (!t->finished)
		s = talloc_asprintf(ctx, _("%zu of %zu bisections read (Esc stops), %s"), done, n,
				    order_word(t->sort));
	else
		s = talloc_asprintf(ctx, _("%zu bisections, %s"), n, order_word(t->sort));
	if (t->filter && *t->filter)
		s = talloc_asprintf_append(s, _("; &%s: %zu shown"), ui_clean(v->ui, ctx, t->filter),
					   t->n_order);
	return s;
}

/* Two lines: what the list holds (and the tree it was read against),
 * then the column heads. */
static int triage_header(struct view *v, struct canvas *c, int y, int width)
{
	const struct ui_triage *t = v->ui->triage;
	size_t suspicious = 0, culprit = 0, unread = 0;
	void *tmp;
	struct columns k = columns_of(v, 0, width);
	int x;

	if (!c)
		return 2;
	tmp = talloc_new(NULL);
	for (size_t i = 0; i < t->batch->n; i++) {
		const struct triage_row *r = ui_triage_row(v->ui, i);

		suspicious += r && r->suspicious;
		culprit += r && r->p_wrong >= 0;
		unread += r && r->error;
	}
	x = canvas_textf(c, y, 0, width, AREA_HEADER, _("%zu suspicious of %zu culprits; %zu not read"),
			 suspicious, culprit, unread);
	canvas_textf(c, y, x, width, AREA_DIM, "  %s", t->batch->tree ?
		     talloc_asprintf(tmp, _("tree: %s"), ui_clean(v->ui, tmp, t->tree_path)) :
		     _("no tree: -C DIR adds its facts"));
	/* the heads at their columns (a translated head cut at the next) */
	canvas_text(c, y + 1, 0, k.wide ? k.kind : k.name, AREA_DIM, k.wide ? _("p wrong") : _("p"));
	if (k.wide)
		canvas_text(c, y + 1, k.kind, k.name, AREA_DIM, _("kind"));
	canvas_text(c, y + 1, k.name, k.step, AREA_DIM, _("name"));
	canvas_text(c, y + 1, k.step, k.result, AREA_DIM, _("step"));
	canvas_text(c, y + 1, k.result, width, AREA_DIM,
		    k.wide ? _("result, signals, crash") : _("result"));
	talloc_free(tmp);
	return 2;
}

/* Enter: the bisection in the explorer, this list beneath it. */
static bool open_row(struct view *v)
{
	struct ui *ui = v->ui;
	const struct batch_item *it = row_item(v, v->selected);
	const struct triage_row *r = ui_triage_row(ui, v->ui->triage->order[v->selected]);
	struct input_request req = ui_input_request(ui);
	const char *err = NULL;
	struct blog *log;

	if (!r) {
		void *tmp = talloc_new(NULL);

		ui_status(ui, _("%s is still being read"), ui_clean(ui, tmp, item_name(it)));
		talloc_free(tmp);
		return true;
	}
	/* an error row is read again: a mail that only links to its log
	 * follows the link now (doc/design.md §12.3), else the same reason */
	req.arg = it->name;
	req.reload = true;   /* a URL from the cache the list filled */
	log = input_load(ui, &req, &err);
	if (!log || ui_install_log(ui, log, &err) < 0) {
		ui_error(ui, "%s: %s", r->name, err);
		return true;
	}
	ui->log_path = it->name;  /* R reads it again */
	ui_show_over_list(ui, v);
	return true;
}

/* What the list itself does; the keys about one bisection (its views,
 * jumps, files) wait for Enter. */
static bool triage_request(struct view *v, enum request r)
{
	struct ui_triage *t = v->ui->triage;

	/* from the first key on, the cursor keeps its bisection */
	((struct triage_view *)v->priv)->moved = true;
	switch (r) {
	case REQ_ENTER:
		return v->n_rows ? open_row(v) : true;
	case REQ_SORT_ORDER:
		t->sort = (t->sort + 1) % ORDER_COUNT;
		ui_triage_rebuild(v->ui);
		triage_load(v);
		ui_status(v->ui, _("Sorted %s."), order_word(t->sort));
		return true;
	case REQ_FILTER:
		ui_open_prompt(v->ui, "&");
		return true;
	case REQ_CANCEL:
		if (t->finished)
			return false;
		ui_triage_cancel(v->ui);
		ui_status(v->ui, "%s", _("Stopped reading: the rows not read stay so."));
		return true;
	case REQ_RELOAD:
		ui_status(v->ui, "%s", _("R reloads an open bisection: Enter one first"));
		return true;
	default:
		break;
	}
	if ((!strcmp(request_group(r), "MOVE") && r != REQ_NEXT && r != REQ_PREVIOUS &&
	     r != REQ_JUMP_CULPRIT && r != REQ_JUMP_SUSPICIOUS) ||
	    !strcmp(request_group(r), "SEARCH") || r == REQ_PROMPT || r == REQ_VIEW_HELP ||
	    r == REQ_VIEW_CLOSE || r == REQ_QUIT || r == REQ_TOGGLE_HINTS || r == REQ_REDRAW ||
	    r == REQ_SUSPEND || r == REQ_VIEW_NEXT)
		return false;
	ui_status(v->ui, "%s", _("Enter opens the selected bisection; that key works there"));
	return true;
}

/* The filter prompt's line: the words every row shown must have. */
void ui_triage_filter(struct ui *ui, const char *words)
{
	struct view *v = ui_find(ui, VIEW_TRIAGE);

	if (!ui->triage || !v)
		return;
	talloc_free(ui->triage->filter);
	ui->triage->filter = *words ? talloc_strdup(ui->triage, words) : NULL;
	ui_triage_rebuild(ui);
	triage_load(v);
	view_select(v, v->n_rows && v->selected < v->n_rows ? v->selected : 0);
	if (*words) {
		void *tmp = talloc_new(NULL);

		ui_status(ui, _("&%s: %zu of %zu bisections"), ui_clean(ui, tmp, words), v->n_rows,
			  ui->triage->batch->n);
		talloc_free(tmp);
	} else
		ui_status(ui, "%s", _("Filter cleared."));
}

void ui_triage_refresh_view(struct ui *ui)
{
	struct view *v = ui_find(ui, VIEW_TRIAGE);

	if (v)
		triage_load(v);
}

static const enum request triage_hints[] = { REQ_SORT_ORDER, REQ_FILTER, REQ_NONE };

const struct view_ops triage_view_ops = {
	.load = triage_load,
	.header = triage_header,
	.draw = triage_draw,
	.text = triage_text,
	.fields = triage_fields,
	.title = triage_title,
	.request = triage_request,
	.hints = triage_hints,
	.lists_bisections = true,
};
