/* --scan: walk files and directories, one line per log, then totals.
 *
 * The walk collects paths first (sorted per directory, so two scans of a
 * folder print the same), then worker threads parse the logs, each with
 * its own talloc contexts, and the main thread prints the lines in order.
 * Operators triage thousands of logs; both cores help. */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "input/input.h"
#include "log/parse.h"
#include "report/report.h"
#include "report/scan.h"
#include "text/sanitize.h"

#define SCAN_MAX_THREADS 8

struct scan_item {
	const char *path;
	const char *walk_error;   /* set during the walk (e.g. nesting) */
	char *line;               /* the output line, without '\n' */
	int result;               /* enum result_type, or -1 when refused */
	bool suspicious;
	double p_wrong;           /* the model's, < 0 without a culprit */
	size_t order;             /* its place in the walk: --sort p's ties */
	/* an mbox of several messages: the first fills this item (its path
	 * then "MBOX#1"), the rest are here, each a line of its own
	 * (doc/json.md §8); NULL-parented, freed once printed */
	struct scan_item *more;
	size_t n_more;
};

struct scan {
	struct app *app;
	struct scan_item *items;
	size_t n;
	atomic_size_t next;
};

static char *error_line(const void *ctx, const struct app *app, const char *path, const char *reason)
{
	char *line;

	if (app->json) {
		json_object *o = json_object_new_object();
		char *p = sanitize_str(NULL, path, SAN_JSON);

		json_object_object_add(o, "path", json_object_new_string(p));
		json_object_object_add(o, "error", json_object_new_string(reason));
		line = talloc_strdup(ctx, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		talloc_free(p);
		return line;
	}
	{
		char *p = sanitize_str(NULL, path, app->san_flags);

		/* "error" is a key for awk, like the other fields; the
		 * reason is for people */
		line = talloc_asprintf(ctx, "%s\terror: %s", p, reason);
		talloc_free(p);
	}
	return line;
}

static char *log_line(const void *ctx, const struct app *app, const struct blog *log,
		      const struct report_ctx *rc)
{
	const struct result *r = &log->result;
	char *line;

	if (app->json) {
		json_object *o = report_json_object(log, rc, true);

		line = talloc_strdup(ctx, json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
									  JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		return line;
	}
	{
		char *p = sanitize_str(NULL, log->path, app->san_flags);

		line = talloc_asprintf(ctx, "%s\t%s\t%s\t%s", p, log_format_name(log->format),
				       bisect_kind_name(log->kind) ? bisect_kind_name(log->kind) : "-",
				       result_type_name(r->type));
		talloc_free(p);
	}
	if (r->type == RESULT_CULPRIT && r->commit)
		line = talloc_asprintf_append_buffer(line, " %.12s", r->commit);
	else if (r->type == RESULT_INCONCLUSIVE)
		line = talloc_asprintf_append_buffer(line, " %zu", r->n_candidates);
	/* the probability the verdict is read from (doc/model.md), "-"
	 * without a culprit: the field keeps two words for awk */
	line = talloc_asprintf_append_buffer(line, "\t%s", report_verdict(rc));
	if (rc->model && rc->model->p_wrong >= 0)
		line = talloc_asprintf_append_buffer(line, " %.2f", rc->model->p_wrong);
	else
		line = talloc_asprintf_append_buffer(line, " -");
	/* the strongest signals, each code once: enough to sort a triage list */
	for (size_t i = 0, shown = 0; rc->signals && i < rc->signals->n && shown < 3; i++) {
		bool seen = false;

		if (rc->signals->v[i].strength == STRENGTH_INFO)
			break;
		for (size_t k = 0; k < i; k++)
			seen = seen || !strcmp(rc->signals->v[k].code, rc->signals->v[i].code);
		if (seen)
			continue;
		line = talloc_asprintf_append_buffer(line, "%s%s", shown++ ? "," : "\t",
						     rc->signals->v[i].code);
	}
	return line;
}

/* One entry of what an item names: its line and what the totals count. */
static void scan_entry(struct scan *sc, struct scan_item *it, void *tmp, const struct input_entry *e)
{
	struct report_ctx rc = { 0 };
	const char *refusal;

	it->result = -1;
	it->p_wrong = -1;
	if (!e->log) {
		it->line = error_line(NULL, sc->app, it->path, e->err);
	} else if ((refusal = log_refusal(e->log))) {
		it->line = error_line(NULL, sc->app, it->path, refusal);
	} else {
		report_assess(tmp, e->log, &rc);
		it->result = (int)e->log->result.type;
		it->suspicious = rc.assessment->verdict == ASSESS_SUSPICIOUS;
		it->p_wrong = rc.model ? rc.model->p_wrong : -1;
		it->line = log_line(NULL, sc->app, e->log, &rc);
	}
}

static void scan_one(struct scan *sc, struct scan_item *it)
{
	void *tmp = talloc_new(NULL);
	struct input_request req;
	struct input_entry *entries;
	size_t n = 0;

	it->result = -1;
	it->p_wrong = -1;
	if (it->walk_error) {
		it->line = error_line(NULL, sc->app, it->path, it->walk_error);
		talloc_free(tmp);
		return;
	}
	req = input_request_of(sc->app, it->path);
	req.no_tree = true;  /* no tree in a scan (doc/json.md §8) */
	entries = input_load_entries(tmp, &req, &n);
	if (n > 1) {
		it->more = talloc_zero_array(NULL, struct scan_item, n - 1);
		it->n_more = n - 1;
		it->path = talloc_strdup(it->more, entries[0].name);
		for (size_t i = 1; i < n; i++) {
			it->more[i - 1].path = talloc_strdup(it->more, entries[i].name);
			scan_entry(sc, &it->more[i - 1], tmp, &entries[i]);
		}
	}
	scan_entry(sc, it, tmp, &entries[0]);
	talloc_free(tmp);
}

/* The messages of each mbox in line after it, in the walk's order. */
static void flatten(struct scan *sc, void *ctx)
{
	size_t total = sc->n;
	struct scan_item *all;

	for (size_t i = 0; i < sc->n; i++)
		total += sc->items[i].n_more;
	if (total == sc->n)
		return;
	all = talloc_array(ctx, struct scan_item, total);
	for (size_t i = 0, k = 0; i < sc->n; i++) {
		all[k++] = sc->items[i];
		for (size_t j = 0; j < sc->items[i].n_more; j++) {
			all[k] = sc->items[i].more[j];
			all[k++].more = NULL;  /* the mbox's own item frees them */
		}
	}
	for (size_t k = 0; k < total; k++)
		all[k].order = k;
	sc->items = all;
	sc->n = total;
}

static void *worker(void *arg)
{
	struct scan *sc = arg;
	size_t i;

	while ((i = atomic_fetch_add(&sc->next, 1)) < sc->n)
		scan_one(sc, &sc->items[i]);
	return NULL;
}

static void add_item(struct scan *sc, void *ctx, const char *path, const char *walk_error)
{
	if (sc->n == talloc_array_length(sc->items))
		sc->items = talloc_realloc(ctx, sc->items, struct scan_item, sc->n ? sc->n * 2 : 256);
	memset(&sc->items[sc->n], 0, sizeof(sc->items[0]));
	sc->items[sc->n].path = talloc_strdup(ctx, path);
	sc->items[sc->n].walk_error = walk_error;
	sc->items[sc->n].order = sc->n;
	sc->n++;
}

/* --sort p: the likeliest wrong culprits first, then the logs without a
 * culprit, then what could not be read; ties in the walk's order. */
static int p_wrong_cmp(const void *a, const void *b)
{
	const struct scan_item *x = a, *y = b;
	int rx = x->result < 0 ? 2 : x->p_wrong < 0 ? 1 : 0;
	int ry = y->result < 0 ? 2 : y->p_wrong < 0 ? 1 : 0;

	if (rx != ry)
		return rx - ry;
	if (rx == 0 && x->p_wrong != y->p_wrong)
		return x->p_wrong > y->p_wrong ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void walk(struct scan *sc, void *ctx, const char *path, int depth, bool known_file)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names;
	size_t n = 0;

	/* readdir's d_type already told us about plain files: no stat */
	if (known_file || stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		add_item(sc, ctx, path, NULL);  /* log_load says what is wrong */
		return;
	}
	if (depth > 64) {
		add_item(sc, ctx, path, _("directories nested too deep"));
		return;
	}
	d = opendir(path);
	if (!d) {
		add_item(sc, ctx, path, NULL);
		return;
	}
	names = talloc_array(ctx, char *, 0);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (n == talloc_array_length(names))
			names = talloc_realloc(ctx, names, char *, n ? n * 2 : 64);
		/* the first byte says whether readdir knew it for a plain file */
		names[n++] = talloc_asprintf(names, "%c%s/%s", e->d_type == DT_REG ? 'f' : '?',
					     path, e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++)
		walk(sc, ctx, names[i] + 1, depth + 1, names[i][0] == 'f');
	talloc_free(names);
}

int scan_paths(struct app *app)
{
	void *ctx = talloc_new(NULL);
	struct scan sc = { .app = app };
	size_t by_result[5] = { 0 }, logs = 0, refused = 0, suspicious = 0;
	pthread_t threads[SCAN_MAX_THREADS];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n_threads = cpus < 1 ? 1 : (size_t)cpus, started = 0;
	int status = 0;

	sc.items = talloc_array(ctx, struct scan_item, 0);
	for (size_t i = 0; i < app->n_args; i++)
		walk(&sc, ctx, app->args[i], 0, false);
	atomic_init(&sc.next, 0);
	if (n_threads > SCAN_MAX_THREADS)
		n_threads = SCAN_MAX_THREADS;
	if (n_threads > sc.n)
		n_threads = sc.n;
	for (size_t t = 1; t < n_threads; t++)
		if (pthread_create(&threads[started], NULL, worker, &sc) == 0)
			started++;
	worker(&sc);
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	flatten(&sc, ctx);
	if (app->sort == SORT_P_WRONG)
		qsort(sc.items, sc.n, sizeof(*sc.items), p_wrong_cmp);

	for (size_t i = 0; i < sc.n; i++) {
		struct scan_item *it = &sc.items[i];

		puts(it->line ? it->line : "");
		if (it->result < 0) {
			refused++;
		} else {
			logs++;
			by_result[it->result]++;
			suspicious += it->suspicious;
			if (app->check && it->suspicious)
				status = EXIT_SUSPICIOUS;
		}
		talloc_free(it->line);
	}
	for (size_t i = 0; i < sc.n; i++)
		talloc_free(sc.items[i].more);
	if (!app->json)
		printf(_("%zu logs: %zu culprit (%zu suspicious), %zu inconclusive, %zu boundary, %zu error, %zu incomplete; %zu not read\n"),
		       logs, by_result[RESULT_CULPRIT], suspicious, by_result[RESULT_INCONCLUSIVE],
		       by_result[RESULT_BOUNDARY], by_result[RESULT_ERROR],
		       by_result[RESULT_INCOMPLETE], refused);
	talloc_free(ctx);
	/* Nothing could be read at all: an input error, as grep -r says. */
	if (logs == 0 && refused > 0)
		return EXIT_INPUT;
	return status;
}
