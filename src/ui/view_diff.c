/* The diff view: a step's commit against its first parent, as git show
 * prints it - a header, the diffstat, then the hunks - from the typed
 * lines libgit2 gives (tree.h), never classified by their first
 * character. The patch comes from the worker (JOB_PATCH); J/K reload
 * the view for another step, and a late patch for the old step is
 * dropped (deliver compares the job). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/editor.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/worker.h"

/* The diffstat's columns: paths wider than this are cut at the left, as
 * git does; the +/- bar is scaled to fit its width. */
#define STAT_PATH_MAX 50
#define STAT_BAR_MAX 24

enum row_kind {
	ROW_COMMIT, ROW_AUTHOR, ROW_DATE, ROW_SUBJECT, ROW_NOTE, ROW_BLANK, ROW_STAT,
	ROW_SUMMARY, ROW_FILE, ROW_HUNK, ROW_CONTEXT, ROW_ADD, ROW_DEL, ROW_PATCH_NOTE,
	ROW_PARTIAL, ROW_FETCH,
};

static const char *const row_kind_names[] = {
	"commit", "author", "date", "subject", "note", "blank", "stat",
	"summary", "file-header", "hunk", "context", "add", "del", "patch-note",
	"partial", "fetch",
};

struct diff_row {
	enum row_kind kind;
	enum area area;
	int file;               /* index into the patch's files, or -1 */
	int old_line, new_line; /* -1 when not applicable */
	bool file_start;        /* the first header line of a file */
	const char *text;       /* sanitised, tabs expanded */
	const char *plus, *minus; /* a stat row's bar */
};

struct diff_view {
	const char *commit;     /* what was asked for (as the log or tree names it) */
	struct job *pending;    /* the patch job in flight (the worker owns it) */
	struct job *edit;       /* a file job in flight for `edit` */
	int edit_line;
	struct job *job;        /* the delivered patch (owned) */
	const char *why;        /* no patch: why, sanitised */
	void *rows_ctx;
	struct diff_row *rows;
	size_t n_rows, cap;
};

static const struct commit_facts *facts_of(struct view *v)
{
	const struct log_xref *x = v->ui->rc.xref;

	if (!x || v->step < 0 || (size_t)v->step >= x->n_steps || !x->steps[v->step].facts.found)
		return NULL;
	return &x->steps[v->step].facts;
}

/* The commit the step is about, or NULL with *why (sanitised, under ctx)
 * and *waiting when the tree's facts may still name it. */
static const char *commit_for(struct view *v, const void *ctx, const char **why, bool *waiting)
{
	struct ui *ui = v->ui;
	const struct commit_facts *f = facts_of(v);
	const struct step *s;

	*why = NULL;
	*waiting = false;
	if (v->step < 0 || (size_t)v->step >= ui->log->n_steps) {
		*why = _("no step selected");
		return NULL;
	}
	s = ui->log->steps[v->step];
	if (!ui->worker) {
		*why = ui->tree_note ? ui->tree_note : _("no git tree");
		return NULL;
	}
	if (ui->rc.xref && !f) {
		const struct log_xref *x = ui->rc.xref;
		bool unreadable = v->step < (int)x->n_steps && x->steps[v->step].facts.unreadable;
		const char *hint = x->missing_hint;

		*why = talloc_asprintf(ctx, unreadable ? _("%s cannot be read from the tree%s%s") :
					    _("%s is not in the tree%s%s"),
				       ui_clean(ui, ctx, s->commit ? s->commit : s->label ?
						s->label : "?"), hint ? ": " : "",
				       hint ? ui_clean(ui, ctx, hint) : "");
		return NULL;
	}
	if (f && f->commit)
		return f->commit;
	if (s->commit)
		return s->commit;
	if (ui->facts_pending) {
		*why = talloc_asprintf(ctx, _("waiting for the tree to resolve %s"),
				       ui_clean(ui, ctx, s->label ? s->label : "?"));
		*waiting = true;
		return NULL;
	}
	*why = _("the step names no commit");
	return NULL;
}

static struct diff_row *add_row(struct diff_view *dv, enum row_kind kind, enum area area,
				const char *text)
{
	struct diff_row *r;

	if (dv->n_rows == dv->cap) {
		dv->cap = dv->cap ? dv->cap * 2 : 64;
		dv->rows = talloc_realloc(dv->rows_ctx, dv->rows, struct diff_row, dv->cap);
	}
	r = &dv->rows[dv->n_rows++];
	*r = (struct diff_row){ .kind = kind, .area = area, .file = -1, .old_line = -1,
				.new_line = -1, .text = text ? text : "" };
	return r;
}

static void add_header(struct view *v, struct diff_view *dv)
{
	struct ui *ui = v->ui;
	const struct commit_facts *f = facts_of(v);
	const struct step *s = v->step >= 0 && (size_t)v->step < ui->log->n_steps ?
			       ui->log->steps[v->step] : NULL;
	void *ctx = dv->rows_ctx;
	const char *commit = f && f->commit ? f->commit : dv->commit;
	const char *subject = f && f->subject ? f->subject : s ? s->subject : NULL;

	if (commit)
		add_row(dv, ROW_COMMIT, AREA_HASH,
			talloc_asprintf(ctx, "commit %s", ui_clean(ui, ctx, commit)));
	if (f && f->author)
		add_row(dv, ROW_AUTHOR, AREA_DEFAULT,
			talloc_asprintf(ctx, _("Author: %s"), ui_clean(ui, ctx, f->author)));
	if (f && f->date)
		add_row(dv, ROW_DATE, AREA_DEFAULT,
			talloc_asprintf(ctx, _("Date:   %s"), ui_clean(ui, ctx, f->date)));
	if (subject) {
		add_row(dv, ROW_BLANK, AREA_DEFAULT, NULL);
		add_row(dv, ROW_SUBJECT, AREA_HEADER,
			talloc_asprintf(ctx, "    %s", ui_clean(ui, ctx, subject)));
	}
	add_row(dv, ROW_BLANK, AREA_DEFAULT, NULL);
}

/* A path cut at the left to at most max columns ("...fs/file.c"). */
static const char *clip_left(const void *ctx, const char *path, int max)
{
	const char *p = path;

	if (text_width(path) <= max)
		return path;
	while (*p && text_width(p) > max - 3) {
		p++;
		while ((*p & 0xc0) == 0x80)
			p++;
	}
	return talloc_asprintf(ctx, "...%s", p);
}

static void add_stat(struct view *v, struct diff_view *dv, const struct commit_patch *p)
{
	void *ctx = dv->rows_ctx;
	const char **names = talloc_array(ctx, const char *, p->n_files ? p->n_files : 1);
	int name_w = 0, count_w = 1, max_changes = 0, ins = 0, del = 0;
	size_t missing = 0;

	for (size_t i = 0; i < p->n_files; i++) {
		const struct diff_file *f = &p->files[i];
		const char *name = f->old_path && f->path && strcmp(f->old_path, f->path) ?
				   talloc_asprintf(ctx, "%s => %s", f->old_path, f->path) :
				   f->path ? f->path : f->old_path;
		int changes = f->insertions + f->deletions;

		names[i] = clip_left(ctx, ui_clean(v->ui, ctx, name ? name : "?"), STAT_PATH_MAX);
		if (text_width(names[i]) > name_w)
			name_w = text_width(names[i]);
		missing += f->content_missing;
		if (f->content_missing)
			continue;
		if (changes > max_changes)
			max_changes = changes;
		ins += f->insertions;
		del += f->deletions;
	}
	for (int m = max_changes; m >= 10; m /= 10)
		count_w++;
	for (size_t i = 0; i < p->n_files; i++) {
		const struct diff_file *f = &p->files[i];
		int pad = name_w - text_width(names[i]), changes = f->insertions + f->deletions;
		int plus = f->insertions, minus = f->deletions;
		struct diff_row *r;

		if (max_changes > STAT_BAR_MAX) {
			/* scaled, but a change is never drawn as nothing */
			plus = plus ? (plus * STAT_BAR_MAX + max_changes - 1) / max_changes : 0;
			minus = minus ? (minus * STAT_BAR_MAX + max_changes - 1) / max_changes : 0;
		}
		if (f->content_missing) {
			/* TRANSLATORS: the diffstat's count column of a file whose
			 * content a partial clone does not have */
			r = add_row(dv, ROW_STAT, AREA_WEAK, talloc_asprintf(ctx, " %s%*s | %s", names[i],
									   pad, "", _("not fetched")));
			r->file = (int)i;
			continue;
		}
		r = add_row(dv, ROW_STAT, AREA_DEFAULT,
			    f->binary ? talloc_asprintf(ctx, " %s%*s | %s", names[i], pad, "", _("Bin")) :
			    talloc_asprintf(ctx, " %s%*s | %*d ", names[i], pad, "", count_w, changes));
		r->file = (int)i;
		if (!f->binary) {
			r->plus = talloc_strndup(ctx, "++++++++++++++++++++++++", (size_t)plus);
			r->minus = talloc_strndup(ctx, "------------------------", (size_t)minus);
		}
	}
	add_row(dv, ROW_SUMMARY, AREA_DEFAULT, diffstat_summary(ctx, p->n_files, missing, ins, del));
	add_row(dv, ROW_BLANK, AREA_DEFAULT, NULL);
}

static void add_hunks(struct view *v, struct diff_view *dv, const struct commit_patch *p)
{
	void *ctx = dv->rows_ctx;
	int last_file = -1;

	for (size_t i = 0; i < p->n_lines; i++) {
		const struct patch_line *l = &p->lines[i];
		const char *text = l->text ? l->text : "";
		enum row_kind kind;
		enum area area;
		struct diff_row *r;

		switch (l->kind) {
		case PATCH_FILE_HEADER: kind = ROW_FILE; area = AREA_DIFF_HEADER; break;
		case PATCH_HUNK_HEADER: kind = ROW_HUNK; area = AREA_DIFF_HUNK; break;
		case PATCH_ADDITION: kind = ROW_ADD; area = AREA_DIFF_ADD; break;
		case PATCH_DELETION: kind = ROW_DEL; area = AREA_DIFF_DEL; break;
		case PATCH_CONTEXT: kind = ROW_CONTEXT; area = AREA_DEFAULT; break;
		default: kind = ROW_PATCH_NOTE; area = AREA_DIM; break;
		}
		/* the origin goes in front before the tabs are expanded, so
		 * that the code lines up as git shows it in a terminal */
		if (kind == ROW_ADD || kind == ROW_DEL || kind == ROW_CONTEXT)
			text = talloc_asprintf(ctx, "%c%s",
					       kind == ROW_ADD ? '+' : kind == ROW_DEL ? '-' : ' ', text);
		else if (kind == ROW_PATCH_NOTE)
			text += strspn(text, "\n");
		r = add_row(dv, kind, area, ui_clean(v->ui, ctx, text));
		r->file = l->file;
		r->old_line = l->old_line;
		r->new_line = l->new_line;
		r->file_start = kind == ROW_FILE && l->file != last_file;
		if (r->file_start)
			last_file = l->file;
	}
}

/* A partial clone lacks what the diff needs (doc/libraries.md §1.2):
 * said once, before the diffstat, with the command that fetches it. */
static void add_partial_note(struct view *v, struct diff_view *dv, const struct job *j)
{
	void *ctx = dv->rows_ctx;
	size_t missing = 0, n;
	const char **cmd;

	for (size_t i = 0; i < j->patch.n_files; i++)
		missing += j->patch.files[i].content_missing;
	add_row(dv, ROW_PARTIAL, AREA_WEAK, j->status == TREE_MISSING ?
		_("Partial clone: objects this diff needs are not here, so its files are unknown.") :
		talloc_asprintf(ctx, ngettext("Partial clone: %zu file's content is not here "
					      "(no line counts, no hunks).",
					      "Partial clone: %zu files' contents are not here "
					      "(no line counts, no hunks).", missing), missing));
	add_row(dv, ROW_PARTIAL, AREA_DEFAULT, fetch_intro(ctx, v->ui, VIEW_DIFF, false));
	cmd = shell_lines(ctx, ui_clean(v->ui, ctx, j->fetch),
			  v->width > 0 ? v->width : v->ui->cols, &n);
	for (size_t i = 0; i < n; i++)
		add_row(dv, ROW_FETCH, AREA_HASH, cmd[i]);
	add_row(dv, ROW_BLANK, AREA_DEFAULT, NULL);
}

/* The rows from what the view has now: the patch, or why there is none. */
static void build_rows(struct view *v)
{
	struct diff_view *dv = v->priv;
	const struct job *j = dv->job;

	talloc_free(dv->rows_ctx);
	dv->rows_ctx = talloc_new(dv);
	dv->rows = NULL;
	dv->n_rows = dv->cap = 0;
	if (dv->commit || j)
		add_header(v, dv);
	if (dv->why)
		add_row(dv, ROW_NOTE, AREA_ERROR, dv->why);
	if (j && j->fetch)
		add_partial_note(v, dv, j);
	if (j && j->status == 0) {
		if (j->patch.n_parents > 1)
			add_row(dv, ROW_NOTE, AREA_INFO, _("merge: diffed against the first parent"));
		else if (j->patch.n_parents == 0)
			add_row(dv, ROW_NOTE, AREA_INFO, _("root commit: diffed against nothing"));
		if (j->patch.n_files == 0)
			add_row(dv, ROW_NOTE, AREA_DIM, _("no changes against the first parent"));
		else
			add_stat(v, dv, &j->patch);
		add_hunks(v, dv, &j->patch);
	}
	/* while loading, no rows: the generic code shows v->busy */
	v->n_rows = dv->pending && !j ? 0 : dv->n_rows;
}

static void diff_load(struct view *v)
{
	struct ui *ui = v->ui;
	struct diff_view *dv;
	const char *commit, *why;
	bool waiting;

	talloc_free(v->priv);
	v->priv = dv = talloc_zero(v, struct diff_view);
	v->busy = NULL;
	commit = commit_for(v, dv, &why, &waiting);
	if (commit) {
		struct job *j = job_new(JOB_PATCH, v->step);

		dv->commit = talloc_strdup(dv, commit);
		j->commit = talloc_strdup(j, commit);
		if (ui_post(ui, j)) {
			dv->pending = j;
			v->busy = _("loading ...");
		} else {
			why = ui->tree_note ? ui->tree_note : _("no git tree");
		}
	} else if (waiting) {
		v->busy = why;
	}
	if (why && !waiting)
		dv->why = talloc_strdup(dv, why);
	build_rows(v);
}

/* Tree facts arrived: a step named by its tag may have a commit now, and
 * the header gains the author and date; a patch already here is kept. */
static void diff_refresh(struct view *v)
{
	struct diff_view *dv = v->priv;
	void *tmp = talloc_new(NULL);
	const char *why;
	bool waiting;
	const char *commit = commit_for(v, tmp, &why, &waiting);

	if (commit && dv->commit && !strcmp(commit, dv->commit)) {
		size_t sel = v->selected;

		build_rows(v);
		v->selected = sel < v->n_rows ? sel : 0;
	} else {
		diff_load(v);
	}
	talloc_free(tmp);
}

static void open_editor(struct view *v, struct job *j)
{
	struct diff_view *dv = v->priv;

	dv->edit = NULL;
	if (j->status < 0 || !j->text) {
		ui_error(v->ui, "%s", j->error ? j->error : _("no such file at that commit"));
		return;
	}
	editor_open_text(v->ui, j->path, j->text, j->len, dv->edit_line, j->worktree_file);
}

static bool diff_deliver(struct view *v, struct job *j)
{
	struct diff_view *dv = v->priv;

	if (j == dv->edit && j->kind == JOB_FILE && j->step == v->step) {
		open_editor(v, j);
		talloc_free(j);
		return true;
	}
	/* a patch for a step this view has since left is not ours */
	if (j != dv->pending || j->kind != JOB_PATCH || j->step != v->step || !dv->commit ||
	    strcmp(j->commit, dv->commit))
		return false;
	dv->pending = NULL;
	v->busy = NULL;
	if (j->status < 0 && !(j->status == TREE_MISSING && j->fetch)) {
		dv->why = talloc_strdup(dv, j->error ? j->error : _("the tree has no such commit"));
		talloc_free(j);
	} else {
		dv->job = talloc_steal(dv, j);
	}
	build_rows(v);
	return true;
}

static void diff_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		      bool selected)
{
	struct diff_view *dv = v->priv;
	const struct diff_row *r = &dv->rows[row];
	int end = x + width;

	x = canvas_text(c, y, x, end, r->area, r->text);
	if (r->plus)
		x = canvas_text(c, y, x, end, AREA_DIFF_ADD, r->plus);
	if (r->minus)
		canvas_text(c, y, x, end, AREA_DIFF_DEL, r->minus);
}

static const char *diff_text(struct view *v, const void *ctx, size_t row)
{
	struct diff_view *dv = v->priv;
	const struct diff_row *r = &dv->rows[row];

	if (r->plus || r->minus)
		return talloc_asprintf(ctx, "%s%s%s", r->text, r->plus ? r->plus : "",
				       r->minus ? r->minus : "");
	return r->text;
}

static const char *diff_fields(struct view *v, const void *ctx, size_t row)
{
	struct diff_view *dv = v->priv;
	const struct diff_row *r = &dv->rows[row];

	return talloc_asprintf(ctx, "%s\t%d\t%d\t%d\t%s", row_kind_names[r->kind], r->file,
			       r->old_line, r->new_line, diff_text(v, ctx, row));
}

static const char *diff_title(struct view *v, const void *ctx)
{
	struct diff_view *dv = v->priv;
	const struct commit_facts *f = facts_of(v);
	const char *commit = f && f->commit ? f->commit : dv->commit;
	const struct diff_row *r = v->selected < dv->n_rows ? &dv->rows[v->selected] : NULL;
	char *t;

	if (!commit)
		return talloc_asprintf(ctx, _("step %d"), v->step);
	t = talloc_asprintf(ctx, "%.12s", ui_clean(v->ui, ctx, commit));
	if (!dv->job || dv->job->status < 0)
		return t;
	if (r && r->file >= 0)
		return talloc_asprintf_append(t, _(" - file %d of %zu"), r->file + 1,
					      dv->job->patch.n_files);
	return talloc_asprintf_append(t, ngettext(" - %zu file", " - %zu files",
						  dv->job->patch.n_files), dv->job->patch.n_files);
}

/* The next (or previous) row of a kind from the cursor, or -1. */
static long find_row(struct diff_view *dv, size_t from, bool back, enum row_kind kind)
{
	if (back) {
		for (size_t i = from; i-- > 0;)
			if (dv->rows[i].kind == kind && (kind != ROW_FILE || dv->rows[i].file_start))
				return (long)i;
	} else {
		for (size_t i = from + 1; i < dv->n_rows; i++)
			if (dv->rows[i].kind == kind && (kind != ROW_FILE || dv->rows[i].file_start))
				return (long)i;
	}
	return -1;
}

static void jump(struct view *v, bool back, enum row_kind kind, const char *none)
{
	long row = find_row(v->priv, v->selected, back, kind);

	if (row < 0)
		ui_status(v->ui, "%s", none);
	else
		view_select(v, (size_t)row);
}

/* edit: the selected line's file, at the commit (an added or kept line)
 * or at its first parent (a deleted line), in the user's editor. */
static void edit_row(struct view *v)
{
	struct diff_view *dv = v->priv;
	const struct diff_row *r = v->selected < dv->n_rows ? &dv->rows[v->selected] : NULL;
	const struct commit_facts *f = facts_of(v);
	const struct diff_file *file;
	const char *commit = dv->commit, *path;
	int line = 1;
	struct job *j;

	if (!dv->job || !r || r->file < 0 || (size_t)r->file >= dv->job->patch.n_files) {
		ui_error(v->ui, "%s", _("no file on this line"));
		return;
	}
	file = &dv->job->patch.files[r->file];
	path = file->path;
	if (r->kind == ROW_DEL || (file->status == 'D' && r->new_line < 0)) {
		commit = f ? f->first_parent : NULL;
		path = file->old_path ? file->old_path : file->path;
		line = r->old_line > 0 ? r->old_line : 1;
	} else if (r->new_line > 0) {
		line = r->new_line;
	} else if (r->kind == ROW_HUNK) {
		for (size_t i = v->selected + 1; i < dv->n_rows && dv->rows[i].file == r->file; i++)
			if (dv->rows[i].new_line > 0) {
				line = dv->rows[i].new_line;
				break;
			}
	}
	if (!commit || !path) {
		ui_error(v->ui, "%s", _("the first parent is not known"));
		return;
	}
	j = job_new(JOB_FILE, v->step);
	j->commit = talloc_strdup(j, commit);
	j->path = talloc_strdup(j, path);
	j->line = line;
	if (ui_post(v->ui, j)) {
		dv->edit = j;
		dv->edit_line = line;
	}
}

static bool diff_request(struct view *v, enum request r)
{
	struct diff_view *dv = v->priv;

	switch (r) {
	case REQ_NEXT_FILE:
	case REQ_PREVIOUS_FILE:
		jump(v, r == REQ_PREVIOUS_FILE, ROW_FILE, _("no more files"));
		return true;
	case REQ_NEXT_HUNK:
	case REQ_PREVIOUS_HUNK:
		jump(v, r == REQ_PREVIOUS_HUNK, ROW_HUNK, _("no more hunks"));
		return true;
	case REQ_ENTER:
		/* a diffstat row opens its file's diff; elsewhere Enter would
		 * only reopen this view */
		if (v->selected < dv->n_rows && dv->rows[v->selected].kind == ROW_STAT) {
			int file = dv->rows[v->selected].file;

			/* a file without its content has no header: the note says why */
			for (size_t i = 0; i < dv->n_rows; i++)
				if ((dv->rows[i].file_start && dv->rows[i].file == file) ||
				    (dv->rows[i].kind == ROW_PARTIAL &&
				     dv->job->patch.files[file].content_missing)) {
					view_select(v, i);
					break;
				}
		}
		return true;
	case REQ_EDIT:
		edit_row(v);
		return true;
	default:
		return false;
	}
}

const struct view_ops diff_view_ops = {
	.load = diff_load,
	.draw = diff_draw,
	.text = diff_text,
	.fields = diff_fields,
	.request = diff_request,
	.title = diff_title,
	.refresh = diff_refresh,
	.deliver = diff_deliver,
	.hints = (const enum request[]){ REQ_NEXT_FILE, REQ_NEXT_HUNK, REQ_EDIT, REQ_NONE },
};
