/* The messages view: an mbox of several messages on standard input
 * (doc/design.md §12.1; a file's open on the triage list, which reads
 * them again by name) as a list to choose from - the number (MBOX#N opens it from the
 * command line), whether it holds a log or only a link, the date, the
 * subject. Enter opens a message's log on the steps view; q there comes
 * back here (the list is the view underneath). */
#include "config.h"

#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "input/input.h"
#include "log/parse.h"
#include "ui/triage.h"
#include "ui/ui.h"
#include "ui/view.h"

/* What a message holds, in a word for the list. */
static const char *holds_word(const struct input_entry *e)
{
	if (e->log && !log_refusal(e->log))
		return _("log");
	return e->links_only ? _("link") : _("none");
}

static const char *row_text(struct view *v, const void *ctx, size_t row)
{
	const struct input_entry *e = &v->ui->messages[row];

	return talloc_asprintf(ctx, "#%-3zu %-5s %-31.31s %s", row + 1, holds_word(e),
			       e->date ? ui_clean(v->ui, ctx, e->date) : "-",
			       e->subject ? ui_clean(v->ui, ctx, e->subject) : _("(no subject)"));
}

static void messages_load(struct view *v)
{
	v->n_rows = v->ui->n_messages;
}

static void messages_draw(struct view *v, struct canvas *c, int y, int x, int width,
			  size_t row, bool selected)
{
	void *tmp = talloc_new(NULL);
	const struct input_entry *e = &v->ui->messages[row];

	(void)selected;
	canvas_text(c, y, x, x + width, e->log ? AREA_DEFAULT : AREA_DIM, row_text(v, tmp, row));
	talloc_free(tmp);
}

static const char *messages_text(struct view *v, const void *ctx, size_t row)
{
	return row_text(v, ctx, row);
}

static const char *messages_title(struct view *v, const void *ctx)
{
	return talloc_asprintf(ctx, _("%zu messages: Enter opens one"), v->n_rows);
}

/* The message's log; for one that only links to it, the log fetched
 * from the link (input_load() of "MBOX#N" follows it, doc/design.md
 * §12.3), kept with the entry so that it is fetched once. Standard input
 * cannot be read again: its link is only named. */
static struct blog *entry_log(struct ui *ui, struct input_entry *e)
{
	struct input_request req = ui_input_request(ui);
	const char *err = NULL;

	if (e->log || !e->links_only || !strcmp(ui->log_path, "-"))
		return e->log;
	req.arg = e->name;
	e->log = input_load(ui->messages, &req, &err);
	if (!e->log)
		e->err = talloc_strdup(ui->messages, err);
	else
		e->links_only = false;
	return e->log;
}

/* Enter: the message's log under the steps view, this list beneath it. */
static bool messages_request(struct view *v, enum request r)
{
	struct ui *ui = v->ui;
	struct input_entry *e;
	const char *err = NULL;

	if (r != REQ_ENTER || v->n_rows == 0)
		return false;
	e = &ui->messages[v->selected];
	if (!entry_log(ui, e)) {
		ui_error(ui, "%s", e->err);
		return true;
	}
	if (ui_install_log(ui, e->log, &err) < 0) {
		ui_error(ui, "%s", err);
		return true;
	}
	/* R reads the message again by its name (standard input cannot) */
	if (strcmp(ui->log_path, "-") != 0)
		ui->log_path = e->name;
	ui_show_over_list(ui, v);
	return true;
}

/* The first message that holds a log shows beneath the list, so that
 * every view always has a log; the list is what opens first. */
static int first_log(struct ui *ui, const char **err)
{
	for (size_t pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < ui->n_messages; i++) {
			struct input_entry *e = &ui->messages[i];

			/* a log at hand first; a link only when none is */
			if (pass == 1)
				entry_log(ui, e);
			if (e->log && !log_refusal(e->log))
				return ui_install_log(ui, e->log, err);
		}
	}
	*err = talloc_asprintf(ui, _("none of the %zu messages holds a bisection log or a link to one"),
			       ui->n_messages);
	return -1;
}

struct input_request ui_input_request(const struct ui *ui)
{
	/* no LOG: the bisection git is in (doc/design.md §12.1) */
	struct input_request req = input_request_of(ui->app, ui->app->n_args ? ui->log_path : NULL);

	req.syzbot_url = ui->opt.syzbot_url.s;
	req.reload = ui->log != NULL;   /* R re-reads a URL from the cache */
	return req;
}

const char *ui_input_name(const struct ui *ui, const struct input_request *req, const struct blog *log)
{
	if (log && log->source.kind == SOURCE_BISECT_IN_PROGRESS)
		return log->path;
	if (strcmp(ui->log_path, "-"))
		return ui->log_path;
	/* NULL: no LOG on a terminal, the caller's refusal names none */
	return req->arg || !isatty(STDIN_FILENO) ? _("(standard input)") : NULL;
}

int ui_load_messages(struct ui *ui, const char **file, const char **err)
{
	struct input_request req = ui_input_request(ui);
	size_t n = 0;
	struct input_entry *e = input_load_entries(ui, &req, &n);

	*file = ui_input_name(ui, &req, e->log);
	if (n > 1 && strcmp(ui->log_path, "-") != 0) {
		/* a file can be read again message by message (MBOX#N): the
		 * triage list, like a directory's (doc/design.md §13.1) */
		talloc_free(e);
		return ui_triage_start(ui, file, err);
	}
	if (n > 1) {
		/* standard input cannot: the messages as read, in their list */
		ui->messages = e;
		ui->n_messages = n;
		if (first_log(ui, err) < 0)
			return -1;
		ui_status(ui, _("%zu messages: Enter opens one, q comes back here."), n);
		return 0;
	}
	if (!e->log) {
		*err = e->err;
		return -1;
	}
	talloc_steal(ui, e->log);
	return ui_install_log(ui, e->log, err);
}

const struct view_ops messages_view_ops = {
	.load = messages_load,
	.draw = messages_draw,
	.text = messages_text,
	.title = messages_title,
	.request = messages_request,
	.lists_bisections = true,
};
