/* The engine of --scan and the triage view (batch.h; doc/design.md §13).
 *
 * The walk collects paths first (sorted per directory, so two runs over a
 * folder give the same order), then worker threads read the logs, each
 * with its own talloc contexts. The tree is opened once: reading it is
 * the one part the workers take turns at (a struct tree belongs to one
 * thread at a time, tree/tree.h), the parsing and the model run on every
 * core. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "input/fetch.h"
#include "input/input.h"
#include "log/parse.h"
#include "report/batch.h"
#include "tree/fix.h"
#include "tree/tree.h"

#define BATCH_MAX_THREADS 8
/* Fetches of a batch start this far apart (doc/design.md §12.2). */
#define BATCH_FETCH_INTERVAL_S 1.0
/* A --list file is a list of names, not a log: a larger one is a mistake. */
#define LIST_MAX_BYTES (16 << 20)

struct log_xref *batch_tree_facts(struct tree *t, const void *ctx, const struct blog *log,
				  const struct app *app)
{
	struct log_xref *x = xref_log(t, ctx, log);
	struct fix_query q = { .extid = app->extid, .branches = app->branches,
			       .n_branches = app->n_branches };

	x->fix = tree_find_fix(t, x, log, x, &q, &x->fix_search);
	return x;
}

static void quiet(void *arg, const char *url, size_t bytes, size_t total)
{
	(void)arg, (void)url, (void)bytes, (void)total;
}

bool batch_wanted(const struct app *app)
{
	struct stat st;

	return app->list_path || app->n_args > 1 ||
	       (app->n_args == 1 && stat(app->args[0], &st) == 0 && S_ISDIR(st.st_mode));
}

/* One entry of what an item names, read and assessed. */
static void read_entry(struct batch *b, struct batch_item *it, void *tmp, const struct input_entry *e)
{
	struct report_ctx rc = { .san_flags = b->app->san_flags };
	const char *refusal = e->log ? log_refusal(e->log) : e->err;

	it->result = -1;
	it->p_wrong = -1;
	if (!e->log || refusal) {
		it->error = talloc_strdup(tmp, refusal ? refusal : _("not read"));
		b->fill(b->fill_arg, it, NULL, NULL);
		it->error = NULL;  /* tmp's: the consumer kept what it needs */
		return;
	}
	if (b->tree && e->log->format != LOG_FORMAT_CRASH_REPORT) {
		pthread_mutex_lock(b->tree_lock);
		rc.xref = batch_tree_facts(b->tree, tmp, e->log, b->app);
		pthread_mutex_unlock(b->tree_lock);
	}
	report_assess(tmp, e->log, &rc);
	it->result = (int)e->log->result.type;
	it->suspicious = rc.assessment->verdict == ASSESS_SUSPICIOUS;
	it->p_wrong = rc.model ? rc.model->p_wrong : -1;
	b->fill(b->fill_arg, it, e->log, &rc);
}

static void read_item(struct batch *b, struct batch_item *it)
{
	void *tmp = talloc_new(NULL);
	struct input_request req;
	struct input_entry *entries;
	struct input_entry walk_entry = { 0 };
	size_t n = 1;
	double zero = 0;

	if (it->walk_error) {
		walk_entry.err = it->walk_error;
		entries = &walk_entry;
	} else {
		req = input_request_of(b->app, it->name);
		req.no_tree = true;  /* the batch's own tree, opened once */
		req.pacer = b->pacer;
		req.follow_links = true;  /* a link-only mail's log too (§13) */
		req.cancel = &b->cancel;
		req.progress = quiet;  /* many at once: the list or the table says */
		entries = input_load_entries(tmp, &req, &n);
	}
	if (n > 1) {
		it->more = talloc_zero_array(NULL, struct batch_item, n - 1);
		it->n_more = n - 1;
		it->name = talloc_strdup(it->more, entries[0].name);
		for (size_t i = 1; i < n; i++) {
			it->more[i - 1].name = talloc_strdup(it->more, entries[i].name);
			read_entry(b, &it->more[i - 1], tmp, &entries[i]);
			atomic_store(&it->more[i - 1].done, true);
		}
	}
	read_entry(b, it, tmp, &entries[0]);
	talloc_free(tmp);
	atomic_store(&it->done, true);
	atomic_fetch_add(&b->n_done, 1);
	atomic_compare_exchange_strong(&b->t_first_done, &zero, monotonic_seconds());
	/* a reader waiting in poll() wakes up (a full pipe has woken it already) */
	if (b->notify_fd >= 0 && write(b->notify_fd, "", 1) < 0)
		return;
}

static void *worker(void *arg)
{
	struct batch *b = arg;
	size_t i;

	while (!atomic_load(&b->cancel) && (i = atomic_fetch_add(&b->next, 1)) < b->n)
		read_item(b, &b->items[i]);
	return NULL;
}

void batch_flatten(struct batch *b)
{
	size_t total = b->n;
	struct batch_item *all;

	for (size_t i = 0; i < b->n; i++)
		total += b->items[i].n_more;
	if (total == b->n)
		return;
	all = talloc_zero_array(b, struct batch_item, total);
	for (size_t i = 0, k = 0; i < b->n; i++) {
		all[k++] = b->items[i];
		for (size_t j = 0; j < b->items[i].n_more; j++) {
			all[k] = b->items[i].more[j];
			all[k++].more = NULL;  /* the mbox's own item frees them */
		}
	}
	for (size_t k = 0; k < total; k++)
		all[k].order = k;
	talloc_free(b->items);
	b->items = all;
	b->n = total;
}

void batch_read(struct batch *b)
{
	pthread_t threads[BATCH_MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n_threads = cpus < 1 ? 1 : (size_t)cpus, started = 0;

	if (n_threads > BATCH_MAX_THREADS)
		n_threads = BATCH_MAX_THREADS;
	if (n_threads > b->n)
		n_threads = b->n;
	/* the workers allocate top-level contexts at once: talloc's tracking
	 * of the NULL context (BISVIEW_TALLOC_REPORT) is not thread-safe */
	if (n_threads > 1)
		talloc_disable_null_tracking();
	for (size_t t = 1; t < n_threads; t++)
		if (pthread_create(&threads[started], NULL, worker, b) == 0)
			started++;
	worker(b);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	atomic_store(&b->t_all_done, monotonic_seconds());
	atomic_store(&b->read_all, true);
	if (b->notify_fd >= 0 && write(b->notify_fd, "", 1) < 0)
		return;
}

void batch_run(struct batch *b)
{
	batch_read(b);
	batch_flatten(b);
}

int batch_p_wrong_cmp(const void *a, const void *b)
{
	const struct batch_item *x = a, *y = b;
	int rx = x->result < 0 ? 2 : x->p_wrong < 0 ? 1 : 0;
	int ry = y->result < 0 ? 2 : y->p_wrong < 0 ? 1 : 0;

	if (rx != ry)
		return rx - ry;
	if (rx == 0 && x->p_wrong != y->p_wrong)
		return x->p_wrong > y->p_wrong ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static void add_item(struct batch *b, const char *name, const char *walk_error)
{
	size_t cap = talloc_array_length(b->items);

	if (b->n == cap) {
		b->items = talloc_realloc(b, b->items, struct batch_item, cap ? cap * 2 : 256);
		memset(&b->items[cap], 0, (talloc_array_length(b->items) - cap) * sizeof(b->items[0]));
	}
	/* under b, not the array: batch_flatten() replaces the array and a
	 * reader may hold the name (the list's cursor, the explorer's path) */
	b->items[b->n].name = b->items[b->n].given = talloc_strdup(b, name);
	b->items[b->n].walk_error = walk_error;
	b->items[b->n].order = b->n;
	b->n++;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void walk(struct batch *b, const char *path, int depth, bool known_file)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names;
	size_t n = 0;

	/* readdir's d_type already told us about plain files: no stat */
	if (known_file || fetch_is_url(path) || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		add_item(b, path, NULL);  /* the input room says what is wrong */
		return;
	}
	if (depth > 64) {
		add_item(b, path, _("directories nested too deep"));
		return;
	}
	d = opendir(path);
	if (!d) {
		add_item(b, path, NULL);
		return;
	}
	names = talloc_array(b, char *, 0);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == talloc_array_length(names))
			names = talloc_realloc(b, names, char *, n ? n * 2 : 64);
		/* the first byte says whether readdir knew it for a plain file */
		names[n++] = talloc_asprintf(names, "%c%s/%s", e->d_type == DT_REG ? 'f' : '?',
					     path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++)
		walk(b, names[i] + 1, depth + 1, names[i][0] == 'f');
	talloc_free(names);
}

/* --list FILE: one path or URL a line; blank lines and '#' comments
 * skipped, spaces around a name trimmed. */
static int walk_list(struct batch *b, const char *list_path, const char **err)
{
	FILE *f = strcmp(list_path, "-") ? fopen(list_path, "r") : stdin;
	char *line = NULL;
	size_t cap = 0, total = 0;
	ssize_t len;

	if (!f) {
		*err = talloc_strdup(b, strerror(errno));
		return -1;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		char *s = line, *end = line + len;

		total += (size_t)len;
		if (total > LIST_MAX_BYTES || memchr(line, '\0', (size_t)len)) {
			*err = _("not a list of paths and URLs (too large, or binary)");
			break;
		}
		while (s < end && strchr(" \t", *s))
			s++;
		while (end > s && strchr(" \t\r\n", end[-1]))
			end--;
		*end = '\0';
		if (*s && *s != '#')
			walk(b, s, 0, false);
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return *err ? -1 : 0;
}

static int batch_destroy(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++)
		talloc_free(b->items[i].more);
	if (b->tree_lock)
		pthread_mutex_destroy(b->tree_lock);
	return 0;
}

struct batch *batch_new(const void *ctx, struct app *app, batch_fill_fn *fill, void *fill_arg,
			const char **err, const char **err_about)
{
	struct batch *b = talloc_zero(ctx, struct batch);

	*err = NULL;
	*err_about = app->list_path;
	b->app = app;
	b->fill = fill;
	b->fill_arg = fill_arg;
	b->items = talloc_array(b, struct batch_item, 0);
	b->pacer = input_pacer_new(b, BATCH_FETCH_INTERVAL_S);
	b->tree_lock = talloc(b, pthread_mutex_t);
	pthread_mutex_init(b->tree_lock, NULL);
	talloc_set_destructor(b, batch_destroy);
	atomic_init(&b->next, 0);
	atomic_init(&b->n_done, 0);
	atomic_init(&b->cancel, false);
	atomic_init(&b->read_all, false);
	atomic_init(&b->t_first_done, 0);
	atomic_init(&b->t_all_done, 0);
	b->notify_fd = -1;
	if (app->list_path && walk_list(b, app->list_path, err) < 0) {
		*err = talloc_strdup(ctx, *err);  /* b's own goes now */
		talloc_free(b);
		return NULL;
	}
	for (size_t i = 0; i < app->n_args; i++)
		walk(b, app->args[i], 0, false);
	if (b->n == 0) {
		/* empty directories (or list): nothing to read is a mistake */
		*err = _("no files in it");
		*err_about = app->n_args ? app->args[0] : app->list_path;
		talloc_free(b);
		return NULL;
	}
	if (!app->no_tree) {
		*err_about = app->tree_path ? app->tree_path : getenv("BISVIEW_TREE");
		b->tree = tree_open(b, app->tree_path, app->trust_repo, err);
		if (!b->tree && *err) {
			*err = talloc_strdup(ctx, *err);
			talloc_free(b);
			return NULL;
		}
	}
	return b;
}
