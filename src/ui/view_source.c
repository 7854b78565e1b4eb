/* The source view: a file at a commit (a stack frame's mm/khugepaged.c:1826
 * at the step's commit), read-only from the tree through the worker
 * (JOB_FILE), with the frame's line selected and highlighted. `edit`
 * hands a copy of it to the user's editor (editor.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/editor.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/view.h"
#include "ui/views.h"
#include "ui/worker.h"

/* What the view shows; kept across reloads (the request is consumed). */
struct source_target {
	const char *commit, *path;
	int line;
	bool edit;                     /* to the editor once loaded (e in the crash view) */
};

struct source_view {
	struct source_target *target;  /* NULL: nothing asked for */
	struct job *pending;           /* the file job in flight (the worker owns it) */
	struct job *job;               /* the delivered file (owned) */
	struct source_note {           /* instead of the lines: why (sanitised) */
		const char *kind;      /* for :dump-view: "note", "partial", "fetch" */
		const char *text;
		enum area area;
	} *notes;
	size_t n_notes;
	const char **lines;            /* sanitised, tabs expanded */
	int number_width;              /* columns of the largest line number */
};

/* The view's rows are notes instead of the file's lines. */
static void add_note_as(struct view *v, struct source_view *sv, const char *kind, enum area area,
			const char *text)
{
	sv->notes = talloc_realloc(sv, sv->notes, struct source_note, sv->n_notes + 1);
	sv->notes[sv->n_notes++] = (struct source_note){ .kind = kind, .text = text, .area = area };
	v->n_rows = sv->n_notes;
}

static void add_note(struct view *v, struct source_view *sv, const char *text)
{
	add_note_as(v, sv, "note", AREA_DIM, text);
}

/* Takes ui->source_request (and clears it), else keeps what the view
 * showed before. */
static struct source_target *take_target(struct view *v, struct source_view *old,
					 const void *ctx)
{
	struct ui *ui = v->ui;
	struct source_target *t;

	if (!ui->source_request.path || !ui->source_request.commit)
		return old && old->target ? talloc_steal(ctx, old->target) : NULL;
	t = talloc_zero(ctx, struct source_target);
	t->commit = talloc_strdup(t, ui->source_request.commit);
	t->path = talloc_strdup(t, ui->source_request.path);
	t->line = ui->source_request.line;
	t->edit = ui->source_request.edit;
	memset(&ui->source_request, 0, sizeof(ui->source_request));
	return t;
}

static void source_load(struct view *v)
{
	struct ui *ui = v->ui;
	struct source_view *old = v->priv, *sv;

	v->priv = sv = talloc_zero(v, struct source_view);
	sv->target = take_target(v, old, sv);
	talloc_free(old);
	v->busy = NULL;
	v->hl = false;
	v->n_rows = 0;
	if (!sv->target) {
		add_note(v, sv, _("no source line chosen: open one from a stack frame"));
	} else if (!ui->worker) {
		add_note(v, sv, ui->tree_note ? ui->tree_note : _("no git tree"));
	} else {
		struct job *j = job_new(JOB_FILE, v->step);

		j->commit = talloc_strdup(j, sv->target->commit);
		j->path = talloc_strdup(j, sv->target->path);
		j->line = sv->target->line;
		if (ui_post(ui, j)) {
			sv->pending = j;
			v->busy = _("loading ...");
		} else {
			add_note(v, sv, _("no git tree"));
		}
	}
}

/* The file's lines; the target line selected a third of the way down. */
static void show_file(struct view *v, struct source_view *sv, const struct job *j)
{
	size_t n = 0, i = 0;
	int line = sv->target->line;

	if (memchr(j->text, '\0', j->len)) {
		add_note(v, sv, talloc_asprintf(sv, _("binary file (%zu bytes): not shown"), j->len));
		return;
	}
	for (size_t k = 0; k < j->len; k++)
		n += j->text[k] == '\n';
	if (j->len && j->text[j->len - 1] != '\n')
		n++;
	sv->lines = talloc_array(sv, const char *, n ? n : 1);
	for (const char *p = j->text, *end = j->text + j->len; p < end; i++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		/* a CRLF file's \r would show as a control symbol on every line */
		char *raw = talloc_strndup(sv, p, len && p[len - 1] == '\r' ? len - 1 : len);

		sv->lines[i] = ui_clean(v->ui, sv->lines, raw);
		talloc_free(raw);
		p += len + 1;
	}
	v->n_rows = n;
	sv->number_width = 1;
	for (size_t m = n; m >= 10; m /= 10)
		sv->number_width++;
	if (n == 0) {
		add_note(v, sv, _("(empty file)"));
		return;
	}
	if (line < 1)
		return;
	if ((size_t)line > n) {
		ui_error(v->ui, ngettext("line %d is past the end: the file has %zu line",
					 "line %d is past the end: the file has %zu lines", n), line, n);
		line = (int)n;
	}
	v->hl = true;
	v->hl_first = v->hl_last = (size_t)line - 1;
	/* the pane's height is known once it has been laid out */
	if (v->screen_h == 0)
		ui_draw(v->ui);
	view_select(v, (size_t)line - 1);
}

/* A partial clone without the file's content (doc/libraries.md §1.2):
 * what is known of the file, and the command that fetches it. */
static void partial_notes(struct view *v, struct source_view *sv, const struct job *j)
{
	size_t n;
	const char **cmd;

	add_note_as(v, sv, "partial", AREA_WEAK, j->file_listed ?
		    _("The file is at that commit, but its content is not in this partial clone.") :
		    _("Partial clone: that commit's trees are not here, so the file is not known."));
	add_note_as(v, sv, "partial", AREA_DEFAULT, fetch_intro(sv, v->ui, VIEW_SOURCE, true));
	cmd = shell_lines(sv, ui_clean(v->ui, sv, j->fetch),
			  v->width > 0 ? v->width : v->ui->cols, &n);
	for (size_t i = 0; i < n; i++)
		add_note_as(v, sv, "fetch", AREA_HASH, cmd[i]);
}

static bool source_deliver(struct view *v, struct job *j)
{
	struct source_view *sv = v->priv;

	if (j != sv->pending || j->kind != JOB_FILE || !sv->target ||
	    strcmp(j->commit, sv->target->commit) || strcmp(j->path, sv->target->path))
		return false;
	sv->pending = NULL;
	v->busy = NULL;
	if (j->status == TREE_MISSING && j->fetch) {
		partial_notes(v, sv, j);
		talloc_free(j);
		return true;
	}
	if (j->status < 0 || !j->text) {
		add_note(v, sv, talloc_strdup(sv, j->error ? j->error : _("no such file at that commit")));
		talloc_free(j);
		return true;
	}
	sv->job = talloc_steal(sv, j);
	show_file(v, sv, j);
	if (sv->target->edit) {
		sv->target->edit = false;
		editor_open_text(v->ui, sv->target->path, j->text, j->len, sv->target->line,
				 j->worktree_file);
	}
	return true;
}

/* Tree facts change nothing here: keep the file (and the cursor). */
static void source_refresh(struct view *v)
{
}

static void source_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
			bool selected)
{
	struct source_view *sv = v->priv;
	int end = x + width;

	if (sv->notes) {
		canvas_text(c, y, x, end, sv->notes[row].area, sv->notes[row].text);
		return;
	}
	if (v->ui->opt.line_numbers)
		x = canvas_textf(c, y, x, end, AREA_LINENO, "%*zu ", sv->number_width, row + 1);
	canvas_text(c, y, x, end, AREA_DEFAULT, sv->lines[row]);
}

static const char *source_text(struct view *v, const void *ctx, size_t row)
{
	struct source_view *sv = v->priv;

	return sv->notes ? sv->notes[row].text : sv->lines[row];
}

static const char *source_fields(struct view *v, const void *ctx, size_t row)
{
	struct source_view *sv = v->priv;

	if (sv->notes)
		return talloc_asprintf(ctx, "%s\t%s", sv->notes[row].kind, sv->notes[row].text);
	return talloc_asprintf(ctx, "%zu\t%s", row + 1, sv->lines[row]);
}

static const char *source_title(struct view *v, const void *ctx)
{
	struct source_view *sv = v->priv;
	const struct source_target *t = sv->target;

	if (!t)
		return NULL;
	return talloc_asprintf(ctx, _("%s:%d at %.12s"), ui_clean(v->ui, ctx, t->path), t->line,
			       ui_clean(v->ui, ctx, t->commit));
}

static bool source_request(struct view *v, enum request r)
{
	struct source_view *sv = v->priv;

	switch (r) {
	case REQ_EDIT:
		if (!sv->job || !sv->target)
			ui_error(v->ui, "%s", _("nothing to edit: the file is not loaded"));
		else
			editor_open_text(v->ui, sv->target->path, sv->job->text, sv->job->len,
					 sv->lines ? (int)v->selected + 1 : sv->target->line,
					 sv->job->worktree_file);
		return true;
	case REQ_ENTER:
		/* nothing to open below a source line */
		return true;
	default:
		return false;
	}
}

bool source_view_target(struct view *v, const void *ctx, const char **commit,
			const char **path, int *line)
{
	const struct source_view *sv = v->priv;

	if (v->kind != VIEW_SOURCE || !sv || !sv->target)
		return false;
	*commit = talloc_strdup(ctx, sv->target->commit);
	*path = talloc_strdup(ctx, sv->target->path);
	*line = sv->target->line;
	return true;
}

struct view *ui_open_source(struct ui *ui, int step, const char *commit, const char *path,
			    int line)
{
	struct view *v;

	ui->source_request.commit = commit;
	ui->source_request.path = path;
	ui->source_request.line = line;
	v = ui_open(ui, VIEW_SOURCE, step, true);
	/* consumed by the view's load; never left pointing at the caller's strings */
	memset(&ui->source_request, 0, sizeof(ui->source_request));
	return v;
}

const struct view_ops source_view_ops = {
	.load = source_load,
	.draw = source_draw,
	.text = source_text,
	.fields = source_fields,
	.request = source_request,
	.title = source_title,
	.refresh = source_refresh,
	.deliver = source_deliver,
	.hints = (const enum request[]){ REQ_EDIT, REQ_NONE },
};
