/* The triage list's state (triage.h; doc/design.md §13.1): the batch
 * read on a thread of its own, the rows it makes, their order and
 * filter. The view that draws them is view_triage.c. */
#include "config.h"

#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "input/fetch.h"
#include "report/batch.h"
#include "report/report.h"
#include "text/sanitize.h"
#include "tree/tree.h"
#include "ui/triage.h"
#include "ui/ui.h"

/* While rows load, the order is rebuilt (and the screen redrawn) at most
 * this often: sorting a thousand rows for each row read would cost more
 * than the reading (ms). The first rows and the last come at once. */
#define TRIAGE_REFRESH_MS 50

static const char *result_text(const void *ctx, const struct blog *log, unsigned san)
{
	const struct result *r = &log->result;

	switch (r->type) {
	case RESULT_CULPRIT:
		if (r->title)
			return sanitize_str(ctx, r->title, san);
		return talloc_asprintf(ctx, "%.12s", r->commit ? r->commit : "?");
	case RESULT_INCONCLUSIVE:
		return talloc_asprintf(ctx, _("inconclusive %zu"), r->n_candidates);
	case RESULT_BOUNDARY:
		return _("boundary");
	case RESULT_ERROR:
		return _("error");
	default:
		return _("incomplete");
	}
}

static const char *kind_text(const struct blog *log)
{
	if (log->format == LOG_FORMAT_GIT_BISECT)
		return _("git");
	if (log->format == LOG_FORMAT_CRASH_REPORT)
		return _("crash");
	return log->kind == KIND_FIX ? _("fix") : _("cause");
}

/* The name a row goes by: a mail's or a URL's bug title (an mbox
 * message's number first: a thread's messages share the title), else the
 * path without the directory all the paths share. */
static const char *row_name(const void *ctx, const struct ui_triage *t, const char *name,
			    const struct blog *log, unsigned san)
{
	const char *hash = strrchr(name, '#');

	if (log && (log->source.kind == SOURCE_URL || log->source.kind == SOURCE_MAIL) &&
	    log->crash_title) {
		bool numbered = hash && hash[1] && strspn(hash + 1, "0123456789") == strlen(hash + 1);

		return talloc_asprintf(ctx, "%s%s%s", numbered ? hash : "", numbered ? " " : "",
				       sanitize_str(ctx, log->crash_title, san));
	}
	if (t->prefix && !strncmp(name, t->prefix, t->n_prefix) && name[t->n_prefix])
		name += t->n_prefix;
	return sanitize_str(ctx, name, san);
}

/* batch.h's fill, on a batch worker: everything the row shows, made
 * and sanitised here so that the ui thread only reads it. */
static void fill_row(void *arg, struct batch_item *it, const struct blog *log,
		     const struct report_ctx *rc)
{
	const struct ui_triage *t = arg;
	unsigned san = t->batch->app->san_flags;
	struct triage_row *r = talloc_zero(NULL, struct triage_row);

	r->p_wrong = -1;
	r->blamed_step = -1;
	r->name = row_name(r, t, it->name, log, san);
	if (!log) {
		r->error = sanitize_str(r, it->error, san);
		it->user = r;
		return;
	}
	r->kind = kind_text(log);
	r->result = result_text(r, log, san);
	r->verdict = report_verdict_word(rc);
	r->signals = report_top_signals(r, rc->signals, 3);
	r->title = log->crash_title ? sanitize_str(r, log->crash_title, san) : NULL;
	r->date = log->started_at ? sanitize_str(r, log->started_at, san) : NULL;
	if (rc->model)
		r->p_wrong = rc->model->p_wrong;
	r->blamed_step = report_blamed_step(log, rc);
	r->suspicious = it->suspicious;
	/* the assessment's own word, as the explorer's header says it */
	r->fix_disagrees = rc->assessment && rc->assessment->fix_overrides;
	it->user = r;
}

static int close_wake(struct ui_triage *t)
{
	for (int i = 0; i < 2; i++)
		if (t->wake[i] >= 0)
			close(t->wake[i]);
	return 0;
}

static void *read_batch(void *arg)
{
	batch_read(arg);
	return NULL;
}

/* The directory part the names drop: the longest one every file's path
 * starts with (URLs aside), so that the names' news shows first. */
static void set_prefix(struct ui_triage *t)
{
	const struct batch *b = t->batch;
	const char *first = NULL;
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++) {
		const char *name = b->items[i].name;
		size_t k = 0;

		if (fetch_is_url(name))
			continue;
		if (!first) {
			first = name;
			n = strlen(name);
			continue;
		}
		while (k < n && name[k] == first[k])
			k++;
		n = k;
	}
	while (n > 0 && first[n - 1] != '/')
		n--;
	if (n > 0) {
		t->prefix = talloc_strndup(t, first, n);
		t->n_prefix = n;
	}
}

/* The reading thread is done: join it, lay an mbox's messages out. */
static void finish(struct ui *ui)
{
	struct ui_triage *t = ui->triage;

	pthread_join(t->thread, NULL);
	t->thread_running = false;
	batch_flatten(t->batch);
	t->finished = true;
}

static void rebuild_now(struct ui *ui, size_t done)
{
	struct ui_triage *t = ui->triage;

	t->n_shown_done = done;
	ui_triage_rebuild(ui);
	ui_triage_refresh_view(ui);
	t->t_rebuilt = monotonic_seconds();
	if (!t->t_first_rows && t->n_order > 0)
		t->t_first_rows = t->t_rebuilt;
	if (t->finished)
		t->t_sorted = t->t_rebuilt;
}

int ui_triage_start(struct ui *ui, const char **file, const char **err)
{
	struct ui_triage *t = talloc_zero(ui, struct ui_triage);

	t->batch = batch_new(t, ui->app, fill_row, t, err, file);
	if (!t->batch) {
		talloc_free(t);
		return -1;
	}
	set_prefix(t);
	ui->triage = t;
	t->wake[0] = t->wake[1] = -1;
	if (pipe2(t->wake, O_NONBLOCK | O_CLOEXEC) == 0)
		t->batch->notify_fd = t->wake[1];
	talloc_set_destructor(t, close_wake);
	if (t->batch->tree)
		t->tree_path = tree_path(t->batch->tree);
	if (pthread_create(&t->thread, NULL, read_batch, t->batch) == 0) {
		t->thread_running = true;
	} else {
		batch_read(t->batch);  /* no thread: read them now */
		batch_flatten(t->batch);
		t->finished = true;
	}
	rebuild_now(ui, 0);
	return 0;
}

const struct triage_row *ui_triage_row(const struct ui *ui, size_t i)
{
	const struct batch_item *it = &ui->triage->batch->items[i];

	return atomic_load(&it->done) ? it->user : NULL;
}

bool ui_triage_poll(struct ui *ui)
{
	struct ui_triage *t = ui->triage;
	char drain[256];
	size_t done;

	if (!t || t->finished)
		return false;
	while (t->wake[0] >= 0 && read(t->wake[0], drain, sizeof(drain)) > 0)
		;
	done = atomic_load(&t->batch->n_done);
	if (atomic_load(&t->batch->read_all) && t->thread_running)
		finish(ui);
	else if (done == t->n_shown_done ||
		 (t->n_shown_done > 0 && monotonic_seconds() - t->t_rebuilt < TRIAGE_REFRESH_MS / 1e3))
		return false;
	rebuild_now(ui, done);
	return true;
}

int ui_triage_timeout(const struct ui *ui)
{
	return ui->triage && !ui->triage->finished ? TRIAGE_REFRESH_MS : -1;
}

int ui_triage_fd(const struct ui *ui)
{
	return ui->triage && !ui->triage->finished ? ui->triage->wake[0] : -1;
}

void ui_triage_wait(struct ui *ui)
{
	struct ui_triage *t = ui->triage;

	if (!t || t->finished)
		return;
	finish(ui);
	rebuild_now(ui, atomic_load(&t->batch->n_done));
}

void ui_triage_cancel(struct ui *ui)
{
	if (ui->triage && !ui->triage->finished)
		atomic_store(&ui->triage->batch->cancel, true);
}

void ui_triage_end(struct ui *ui)
{
	struct ui_triage *t = ui->triage;

	if (!t)
		return;
	ui_triage_cancel(ui);
	if (t->thread_running)
		pthread_join(t->thread, NULL);
	for (size_t i = 0; i < t->batch->n; i++) {
		talloc_free(t->batch->items[i].user);
		/* an mbox's other messages: in the list once flattened */
		for (size_t j = 0; !t->finished && j < t->batch->items[i].n_more; j++)
			talloc_free(t->batch->items[i].more[j].user);
	}
	talloc_free(t);
	ui->triage = NULL;
}

/* A row kept for sorting: the item and its row (NULL while it loads). */
struct sort_entry {
	size_t item;
	const struct batch_item *it;
	const struct triage_row *r;
};

/* Rows still loading go last, in the walk's order, whatever the order. */
static int loading_last(const struct sort_entry *x, const struct sort_entry *y, int *out)
{
	if (x->r && y->r)
		return 0;
	*out = x->r ? -1 : y->r ? 1 : (x->it->order > y->it->order) - (x->it->order < y->it->order);
	return 1;
}

static int by_p_wrong(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	int out;

	if (loading_last(x, y, &out))
		return out;
	return batch_p_wrong_cmp(x->it, y->it);
}

/* The newest first; undated rows after the dated ones, by name. */
static int by_date(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	int out, c;

	if (loading_last(x, y, &out))
		return out;
	if (!x->r->date != !y->r->date)
		return x->r->date ? -1 : 1;
	c = x->r->date ? strcmp(y->r->date, x->r->date) : 0;
	return c ? c : strcmp(x->r->name, y->r->name);
}

static int by_name(const void *a, const void *b)
{
	const struct sort_entry *x = a, *y = b;
	int out, c;

	if (loading_last(x, y, &out))
		return out;
	c = strcmp(x->r->name, y->r->name);
	return c ? c : (x->it->order > y->it->order) - (x->it->order < y->it->order);
}

static bool has_word(const struct triage_row *r, const char *word)
{
	const char *fields[] = { r->name, r->kind, r->result, r->verdict, r->signals, r->title,
				 r->error, r->error ? _("unreadable") : NULL,
				 r->fix_disagrees ? "fix-disagrees" : NULL };

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i] && strcasestr(fields[i], word))
			return true;
	return false;
}

/* Every word of the filter is somewhere in the row (a loading row
 * passes no filter). */
static bool passes(const struct ui_triage *t, const struct triage_row *r)
{
	void *tmp;
	char *words, *save = NULL;
	bool ok = true;

	if (!t->filter || !*t->filter)
		return true;
	if (!r)
		return false;
	tmp = talloc_new(NULL);
	words = talloc_strdup(tmp, t->filter);
	for (char *w = strtok_r(words, " \t", &save); w && ok; w = strtok_r(NULL, " \t", &save))
		ok = has_word(r, w);
	talloc_free(tmp);
	return ok;
}

void ui_triage_rebuild(struct ui *ui)
{
	static int (*const cmp[ORDER_COUNT])(const void *, const void *) = {
		[ORDER_P_WRONG] = by_p_wrong, [ORDER_DATE] = by_date, [ORDER_NAME] = by_name,
	};
	struct ui_triage *t = ui->triage;
	struct batch *b = t->batch;
	struct sort_entry *e = talloc_array(t, struct sort_entry, b->n ? b->n : 1);
	size_t n = 0;

	for (size_t i = 0; i < b->n; i++) {
		const struct triage_row *r = ui_triage_row(ui, i);

		if (passes(t, r))
			e[n++] = (struct sort_entry){ .item = i, .it = &b->items[i], .r = r };
	}
	qsort(e, n, sizeof(*e), cmp[t->sort]);
	talloc_free(t->order);
	t->order = talloc_array(t, size_t, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		t->order[i] = e[i].item;
	t->n_order = n;
	talloc_free(e);
}

void ui_triage_dump_timing(const struct ui *ui, FILE *out)
{
	const struct ui_triage *t = ui->triage;
	double first = atomic_load(&t->batch->t_first_done), all = atomic_load(&t->batch->t_all_done);

	fprintf(out, "list-first-row\t%.6f\nlist-all-read\t%.6f\nlist-sorted\t%.6f\n",
		first > 0 ? first - ui->t_start : -1.0, all > 0 ? all - ui->t_start : -1.0,
		t->t_sorted > 0 ? t->t_sorted - ui->t_start : -1.0);
}
