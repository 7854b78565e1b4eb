/* The help view: the key table generated from the request table and the
 * bindings in force (a user's rebinds show), then the `:` commands (from
 * command.c's table) and where the config file lives. The same walk
 * prints the man page's table (keys_doc.c), so help, keys and manual
 * agree. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/command.h"
#include "ui/config_file.h"
#include "ui/keys_doc.h"
#include "ui/ui.h"
#include "ui/view.h"

enum help_kind { HELP_HEADING, HELP_KEY, HELP_COMMAND, HELP_TEXT, HELP_BLANK };

struct help_row {
	enum help_kind kind;
	enum view_kind view;     /* HELP_KEY: where the keys apply */
	const char *group;       /* HELP_KEY: the request's group */
	enum request req;        /* HELP_KEY */
	const char *first;       /* keys, or the command; NULL for none */
	const char *views;       /* HELP_KEY without keys: the views that bind it */
	const char *shown;       /* HELP_KEY: what the keys column says */
	const char *text;        /* heading, help text or explanation */
};

struct help_view {
	struct help_row *rows;
	size_t n, cap;
};

static struct help_row *add_row(struct help_view *hv, enum help_kind kind)
{
	if (hv->n == hv->cap) {
		hv->cap = hv->cap ? hv->cap * 2 : 64;
		hv->rows = talloc_realloc(hv, hv->rows, struct help_row, hv->cap);
	}
	hv->rows[hv->n] = (struct help_row){ .kind = kind };
	return &hv->rows[hv->n++];
}

static void add_text(struct help_view *hv, enum help_kind kind, const char *first,
		     const char *text)
{
	struct help_row *r = add_row(hv, kind);

	r->first = first;
	r->text = text;
}

struct walk_arg {
	struct ui *ui;
	struct help_view *hv;
};

static void add_key_item(const struct key_doc_item *it, void *arg)
{
	struct walk_arg *w = arg;
	struct help_row *r;

	if (it->kind != KEY_DOC_REQUEST) {
		if (w->hv->n)
			add_row(w->hv, HELP_BLANK);
		add_text(w->hv, HELP_HEADING, NULL, it->title);
		return;
	}
	r = add_row(w->hv, HELP_KEY);
	r->view = it->view;
	r->group = it->group;
	r->req = it->req;
	/* keys come from the user's file: clean, like any text we did not write */
	r->first = ui_clean(w->ui, w->hv, it->keys);
	r->views = it->views;
	r->shown = r->first ? r->first : keys_doc_keys(w->hv, it);
	r->text = request_help(it->req);
}

static void add_command(const char *usage, const char *help, void *arg)
{
	add_text(arg, HELP_COMMAND, usage, help);
}

static void add_config(struct ui *ui, struct help_view *hv)
{
	const char *path = config_user_path(hv);

	add_row(hv, HELP_BLANK);
	add_text(hv, HELP_HEADING, NULL, _("Configuration"));
	add_text(hv, HELP_TEXT, NULL,
		 _("$XDG_CONFIG_HOME/bisview/config (else ~/.config/bisview/config) is read"));
	add_text(hv, HELP_TEXT, NULL,
		 _("after the built-in defaults: the lines :set, :bind and :color take."));
	if (path)
		add_text(hv, HELP_COMMAND, _("here:"), ui_clean(ui, hv, path));
	for (size_t i = 0; i < ui->n_config_errors; i++) {
		const struct config_error *e = &ui->config_errors[i];

		add_text(hv, HELP_COMMAND, _("error:"),
			 talloc_asprintf(hv, "%s:%d: %s", ui_clean(ui, hv, e->file), e->line,
					 ui_clean(ui, hv, e->message)));
	}
}

static void help_load(struct view *v)
{
	struct ui *ui = v->ui;
	struct help_view *hv;
	struct walk_arg w;

	talloc_free(v->priv);
	v->priv = hv = talloc_zero(v, struct help_view);
	w = (struct walk_arg){ ui, hv };
	keys_doc_walk(hv, ui->keymap, add_key_item, &w);
	add_row(hv, HELP_BLANK);
	add_text(hv, HELP_HEADING, NULL, _("Commands (type : first)"));
	command_help_walk(hv, add_command, hv);
	add_row(hv, HELP_BLANK);
	add_text(hv, HELP_HEADING, NULL, _("Trust"));
	add_text(hv, HELP_TEXT, NULL,
		 _("Trust: the verdict, then p_wrong (the chance the culprit is wrong)."));
	add_text(hv, HELP_TEXT, NULL, _("The verdict is suspicious from a p_wrong of 0.50 on."));
	add_text(hv, HELP_TEXT, NULL, _("A ! after a step's number: that step's p_wrong stands out."));
	add_text(hv, HELP_TEXT, NULL,
		 _("It stands out at half the largest or more, if the largest is 0.10+."));
	add_text(hv, HELP_TEXT, NULL,
		 _("The first such step is the blamed one: ! jumps there, i says why."));
	add_row(hv, HELP_BLANK);
	add_text(hv, HELP_HEADING, NULL, _("The steps list"));
	add_text(hv, HELP_TEXT, NULL, _("A * after a step's number: the culprit (c jumps there)."));
	add_text(hv, HELP_TEXT, NULL, _("verd: the verdict; runs: how the step's test runs ended;"));
	add_text(hv, HELP_TEXT, NULL, _("left: revisions left after it, as the log printed;"));
	add_text(hv, HELP_TEXT, NULL, _("cand: the candidates left, counted in the tree;"));
	add_text(hv, HELP_TEXT, NULL, _("signals: the step's signal badges (S lists them, with why)."));
	add_text(hv, HELP_TEXT, NULL, _("A crash title shows only where it differs from the original."));
	add_text(hv, HELP_TEXT, NULL, _("A column cut short ends in ~; Left and Right scroll sideways."));
	add_config(ui, hv);
	v->n_rows = hv->n;
}

/* Column widths shrink on a narrow screen so the help text still shows. */
static int keys_width(int width)
{
	return width >= 90 ? 25 : width / 4;
}

static int name_width(int width)
{
	return width >= 90 ? 22 : width / 4;
}

/* Where to cut a list of keys ("<PgDown>, <Space>, <C-f>") that is wider
 * than the column: after the last comma that fits, so that no key is
 * shown half and the comma says there are more; a first key wider than
 * the column is cut at the column. */
static int keys_cut(const char *keys, int kw)
{
	char buf[256];
	int cut = kw;

	if (text_width(keys) <= kw)
		return kw;
	for (const char *p = strstr(keys, ", "); p; p = strstr(p + 1, ", ")) {
		size_t len = (size_t)(p - keys) + 1;
		int w;

		if (len >= sizeof(buf))
			break;
		memcpy(buf, keys, len);
		buf[len] = '\0';
		w = text_width(buf);
		if (w > kw)
			break;
		cut = w;
	}
	return cut;
}

static void help_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		      bool selected)
{
	const struct help_row *r = &((struct help_view *)v->priv)->rows[row];
	int end = x + width, kw = keys_width(width), nw = name_width(width);

	(void)selected;
	switch (r->kind) {
	case HELP_HEADING:
		canvas_text(c, y, x, end, AREA_HEADER, r->text);
		break;
	case HELP_KEY:
		canvas_text(c, y, x + 1, x + 1 + keys_cut(r->shown, kw),
			    r->first ? AREA_HASH : AREA_DIM, r->shown);
		x += 1 + kw + 1;
		canvas_text(c, y, x, x + nw < end ? x + nw : end, AREA_DEFAULT,
			    request_name(r->req));
		canvas_text(c, y, x + nw + 1, end, AREA_DEFAULT, r->text);
		break;
	case HELP_COMMAND: {
		/* the explanation lines up with the keys' help text when it can */
		int col = x + 1 + kw + 1 + nw + 1;
		int after = canvas_text(c, y, x + 1, end, AREA_HASH, r->first);

		canvas_text(c, y, after + 1 > col ? after + 1 : col, end, AREA_DEFAULT, r->text);
		break;
	}
	case HELP_TEXT:
		canvas_text(c, y, x + 1, end, AREA_DEFAULT, r->text);
		break;
	case HELP_BLANK:
		break;
	}
}

static const char *help_fields(struct view *v, const void *ctx, size_t row)
{
	const struct help_row *r = &((struct help_view *)v->priv)->rows[row];

	switch (r->kind) {
	case HELP_HEADING:
		return talloc_asprintf(ctx, "heading\t%s", r->text);
	case HELP_KEY:
		return talloc_asprintf(ctx, "key\t%s\t%s\t%s\t%s\t%s\t%s", view_kind_name(r->view),
				       r->group, request_name(r->req), r->first ? r->first : "",
				       r->text, r->views ? r->views : "");
	case HELP_COMMAND:
		return talloc_asprintf(ctx, "command\t%s\t%s", r->first, r->text);
	case HELP_TEXT:
		return talloc_asprintf(ctx, "text\t%s", r->text);
	default:
		return "blank";
	}
}

static const char *help_text(struct view *v, const void *ctx, size_t row)
{
	const struct help_row *r = &((struct help_view *)v->priv)->rows[row];

	switch (r->kind) {
	case HELP_KEY:
		return talloc_asprintf(ctx, "%s %s %s", r->first ? r->first : "",
				       request_name(r->req), r->text);
	case HELP_COMMAND:
		return talloc_asprintf(ctx, "%s %s", r->first, r->text);
	case HELP_BLANK:
		return "";
	default:
		return r->text;
	}
}

/* Enter has nothing to open here (and must not open a diff). */
static bool help_request(struct view *v, enum request r)
{
	(void)v;
	return r == REQ_ENTER || r == REQ_EVIDENCE;
}

const struct view_ops help_view_ops = {
	.load = help_load,
	.draw = help_draw,
	.text = help_text,
	.fields = help_fields,
	.request = help_request,
};
