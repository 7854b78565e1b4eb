/* The crash view: the crash report line by line, with its stack frames
 * picked out ("retract_page_tables+0x59d/0x8d0 mm/khugepaged.c:1826":
 * function, file, line) and the frames in files the culprit touches
 * highlighted. Enter on a frame opens that file around that line at the
 * commit that crashed (the source view, from the tree). */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "text/sanitize.h"
#include "ui/ui.h"
#include "ui/view.h"

/* One line of the report, cut into the parts drawn differently. A line
 * with no frame has only `pre`. All sanitised. */
struct crash_row {
	const char *pre;        /* up to the function (or the whole line) */
	const char *fn;         /* "retract_page_tables+0x59d/0x8d0", or NULL */
	const char *gap;        /* between function and location */
	const char *loc;        /* "mm/khugepaged.c:1826", or NULL: not a frame */
	const char *post;       /* " [inline]" and the rest */
	const char *text;       /* the whole line, for search and dumps */
	const char *path;       /* the frame's file */
	int line;               /* and line */
	bool touched;           /* the culprit changes that file */
};

struct crash_view {
	struct crash_row *rows;
	const char *title;      /* the crash title, sanitised, or NULL */
	size_t n_frames, n_touched;
};

static bool path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '/' || c == '.' || c == '+';
}

/* Finds "dir/file.c:123" in s: a word (after a blank or at the start)
 * naming a C, header or assembly file in a directory, then ':' and a line
 * number - the form stack_files() (signals/text.c) reads. Sets the word's
 * bounds and the line; false when there is none. */
static bool find_location(const char *s, size_t *start, size_t *end, size_t *colon, int *line)
{
	for (const char *p = strchr(s, ':'); p; p = strchr(p + 1, ':')) {
		const char *b = p, *e = p + 1;

		if (!isdigit((unsigned char)*e))
			continue;
		while (b > s && path_char(b[-1]))
			b--;
		if (b > s && b[-1] != ' ')
			continue;
		if (p - b < 4 || p[-2] != '.' || !strchr("chS", p[-1]) ||
		    !memchr(b, '/', (size_t)(p - b)) || *b == '/' || *b == '.')
			continue;
		while (isdigit((unsigned char)*e))
			e++;
		*start = (size_t)(b - s);
		*colon = (size_t)(p - s);
		*end = (size_t)(e - s);
		*line = atoi(p + 1);
		return true;
	}
	return false;
}

/* Cuts a sanitised report line into its parts. */
static void cut_row(struct crash_row *r, const void *ctx, const char *s)
{
	size_t start, end, colon, fn_start, fn_end;
	int line;

	r->text = r->pre = s;
	if (!find_location(s, &start, &end, &colon, &line))
		return;
	/* the function is the word before the location, when there is one */
	fn_end = start;
	while (fn_end > 0 && s[fn_end - 1] == ' ')
		fn_end--;
	fn_start = fn_end;
	while (fn_start > 0 && s[fn_start - 1] != ' ')
		fn_start--;
	if (fn_end > fn_start && s[fn_end - 1] == ':')
		fn_start = fn_end;  /* "at:" in lockdep's lines is no function */
	r->pre = talloc_strndup(ctx, s, fn_start);
	r->fn = fn_end > fn_start ? talloc_strndup(ctx, s + fn_start, fn_end - fn_start) : NULL;
	r->gap = talloc_strndup(ctx, s + fn_end, start - fn_end);
	r->loc = talloc_strndup(ctx, s + start, end - start);
	r->post = s + end;
	r->path = talloc_strndup(ctx, s + start, colon - start);
	r->line = line;
}

/* A kernel report has hundreds of lines; a "crash:" trailer that runs to
 * the end of a log of logs has millions, and a row each cost 2.5 GB for a
 * 200 MB log. The view stops here and says where the rest is. */
#define CRASH_MAX_LINES 10000

/* The report's lines: the "crash:" trailer's report, or the whole file
 * when the log is a bare crash report, else the one fetched beside the
 * log (log->source.crash_report: a bug page's). Each sanitised, under ctx; at most
 * CRASH_MAX_LINES, *more says how many were left out. */
static const char **report_lines(struct ui *ui, const void *ctx, size_t *n, size_t *more)
{
	const struct blog *log = ui->log;
	const char **out = talloc_array(ctx, const char *, 64);
	const char *p = log->result.crash_report;

	if (!p && log->format != LOG_FORMAT_CRASH_REPORT)
		p = log->source.crash_report;
	*n = *more = 0;
	if (p) {
		while (p && *n < CRASH_MAX_LINES) {
			const char *nl = strchr(p, '\n');
			size_t len = nl ? (size_t)(nl - p) : strlen(p);

			if (*n == talloc_array_length(out))
				out = talloc_realloc(ctx, out, const char *, *n * 2);
			out[(*n)++] = sanitize(out, p, len, ui->app->san_flags);
			p = nl ? nl + 1 : NULL;
		}
		for (; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
			(*more)++;
		/* the trailer runs to the end of the log: no trailing blanks */
		while (*more == 0 && *n > 0 && !*out[*n - 1])
			(*n)--;
	} else if (log->format == LOG_FORMAT_CRASH_REPORT) {
		size_t lines = log->n_lines < CRASH_MAX_LINES ? log->n_lines : CRASH_MAX_LINES;

		out = talloc_realloc(ctx, out, const char *, lines + 1);
		for (size_t i = 0; i < lines; i++)
			out[(*n)++] = sanitize(out, log->text + log->lines[i].offset,
					       log->lines[i].len, ui->app->san_flags);
		*more = log->n_lines - lines;
	}
	return out;
}

static void crash_load(struct view *v)
{
	struct ui *ui = v->ui;
	const struct blog *log = ui->log;
	struct crash_view *cv;
	const char **lines, **culprit;
	size_t n, n_culprit, more;

	talloc_free(v->priv);
	v->priv = cv = talloc_zero(v, struct crash_view);
	cv->title = ui_clean(ui, cv, log->result.crash_title ? log->result.crash_title :
				     log->crash_title);
	lines = report_lines(ui, cv, &n, &more);
	if (more > 0) {
		lines = talloc_realloc(cv, lines, const char *, n + 1);
		lines[n++] = talloc_asprintf(lines, ngettext("[%zu more line: the log view (l) has it]",
							     "[%zu more lines: the log view (l) has them]",
							     more), more);
	}
	culprit = culprit_files(cv, log, ui->rc.xref, &n_culprit);
	cv->rows = talloc_zero_array(cv, struct crash_row, n ? n : 1);
	v->n_rows = n;
	for (size_t i = 0; i < n; i++) {
		struct crash_row *r = &cv->rows[i];

		cut_row(r, cv, lines[i]);
		if (!r->loc)
			continue;
		cv->n_frames++;
		for (size_t k = 0; k < n_culprit && !r->touched; k++)
			r->touched = path_covers(culprit[k], r->path);
		cv->n_touched += r->touched;
	}
	/* start on the first frame the culprit touches, else the first frame */
	for (int pass = 0; pass < 2 && v->selected == 0; pass++)
		for (size_t i = 0; i < n; i++)
			if (cv->rows[i].loc && (pass || cv->rows[i].touched)) {
				v->selected = i;
				break;
			}
}

static void crash_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		       bool selected)
{
	struct crash_view *cv = v->priv;
	const struct crash_row *r = &cv->rows[row];
	int end = x + width;

	x = canvas_text(c, y, x, end, AREA_DEFAULT, r->pre);
	if (!r->loc)
		return;
	if (r->fn)
		x = canvas_text(c, y, x, end, AREA_HEADER, r->fn);
	x = canvas_text(c, y, x, end, AREA_DEFAULT, r->gap);
	x = canvas_text(c, y, x, end, r->touched ? AREA_FRAME_TOUCHED : AREA_FRAME, r->loc);
	canvas_text(c, y, x, end, AREA_DIM, r->post);
}

static const char *crash_text(struct view *v, const void *ctx, size_t row)
{
	struct crash_view *cv = v->priv;

	return cv->rows[row].text;
}

/* kind (frame / text), path, line, touched, the line */
static const char *crash_fields(struct view *v, const void *ctx, size_t row)
{
	struct crash_view *cv = v->priv;
	const struct crash_row *r = &cv->rows[row];

	if (!r->loc)
		return talloc_asprintf(ctx, "text\t\t\t\t%s", r->text);
	return talloc_asprintf(ctx, "frame\t%s\t%d\t%s\t%s", r->path, r->line,
			       r->touched ? "touched" : "", r->text);
}

static const char *crash_title(struct view *v, const void *ctx)
{
	struct crash_view *cv = v->priv;

	if (!v->n_rows)
		return _("the log has no crash report");
	return cv->title;
}

/* The commit whose source a frame is read at: the step's, else the
 * culprit's (the trailer's report is the culprit's crash), else the
 * commit the crash was found on. */
static const char *frame_commit(struct view *v)
{
	const struct blog *log = v->ui->log;

	if (v->step >= 0 && (size_t)v->step < log->n_steps && log->steps[v->step]->commit)
		return log->steps[v->step]->commit;
	if (log->result.crash_report && log->result.commit)
		return log->result.commit;
	return log->start_commit;
}

/* Enter: the frame's source line in the source view; e: the same, then
 * handed to the editor once the file is there. */
static void open_frame(struct view *v, bool edit)
{
	struct ui *ui = v->ui;
	struct crash_view *cv = v->priv;
	const struct crash_row *r;
	const char *commit = frame_commit(v);
	struct view *old = NULL, *src;

	if (!v->n_rows || !cv->rows[v->selected].loc) {
		ui_error(ui, "%s", _("not a stack frame: Enter opens lines like mm/file.c:123"));
		return;
	}
	r = &cv->rows[v->selected];
	if (!ui->worker) {
		ui_error(ui, _("%s:%d cannot be shown: %s"), r->path, r->line,
			 ui->tree_note ? ui->tree_note : _("no git tree"));
		return;
	}
	if (!commit) {
		ui_error(ui, _("%s:%d cannot be shown: the log names no commit"), r->path, r->line);
		return;
	}
	for (int i = 0; i < 2; i++)
		if (ui->views[i] && ui->views[i]->kind == VIEW_SOURCE)
			old = ui->views[i];
	/* the request outlives this view's rows (they are rebuilt when the
	 * facts arrive): the path is a copy under the log, which every view
	 * lives within */
	ui->source_request.commit = commit;
	ui->source_request.path = talloc_strdup(ui->log, r->path);
	ui->source_request.line = r->line;
	ui->source_request.edit = edit;
	src = ui_open(ui, VIEW_SOURCE, v->step, true);
	if (src && src == old) {
		/* ui_open reloads a view only for a new step: a new frame too */
		src->selected = src->offset = 0;
		src->ops->load(src);
	}
}

static bool crash_request(struct view *v, enum request r)
{
	if (r != REQ_ENTER && r != REQ_EDIT)
		return false;
	open_frame(v, r == REQ_EDIT);
	return true;
}

const struct view_ops crash_view_ops = {
	.load = crash_load,
	.draw = crash_draw,
	.text = crash_text,
	.fields = crash_fields,
	.request = crash_request,
	.title = crash_title,
	.hints = (const enum request[]){ REQ_EDIT, REQ_NONE },
};
