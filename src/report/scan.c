/* --scan: walk files and directories, one line per log, then totals. */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>

#include "i18n.h"
#include "log/parse.h"
#include "report/report.h"
#include "report/scan.h"
#include "text/sanitize.h"

struct scan {
	struct app *app;
	size_t logs, refused, by_result[5];
	int status;
};

static void scan_error(struct scan *sc, const char *path, const char *reason)
{
	sc->refused++;
	if (sc->app->json) {
		json_object *o = json_object_new_object();
		char *p = sanitize_str(NULL, path, SAN_JSON);

		json_object_object_add(o, "path", json_object_new_string(p));
		json_object_object_add(o, "error", json_object_new_string(reason));
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		talloc_free(p);
	} else {
		char *p = sanitize_str(NULL, path, sc->app->san_flags);

		printf("%s\t%s: %s\n", p, _("error"), reason);
		talloc_free(p);
	}
}

static void scan_line(struct scan *sc, const struct blog *log, const struct report_ctx *rc)
{
	const struct result *r = &log->result;
	char *p;

	if (sc->app->json) {
		json_object *o = json_object_new_object();
		json_object *full = report_json_object(log, rc);
		static const char *const keep[] = { "path", "format", "kind", "result", "flaky",
						    "revisions_tested", "unknown_lines", "crash_title",
						    "signals", "assessment", NULL };

		for (int i = 0; keep[i]; i++) {
			json_object *v = json_object_object_get(full, keep[i]);

			json_object_object_add(o, keep[i], v ? json_object_get(v) : NULL);
		}
		puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
		json_object_put(o);
		json_object_put(full);
		return;
	}
	p = sanitize_str(NULL, log->path, sc->app->san_flags);
	printf("%s\t%s\t%s\t%s", p, log_format_name(log->format),
	       bisect_kind_name(log->kind) ? bisect_kind_name(log->kind) : "-",
	       result_type_name(r->type));
	if (r->type == RESULT_CULPRIT && r->commit)
		printf(" %.12s", r->commit);
	else if (r->type == RESULT_INCONCLUSIVE)
		printf(" %zu", r->n_candidates);
	printf("\t%s\n", rc->verdict);
	talloc_free(p);
}

static void scan_file(struct scan *sc, const char *path)
{
	const char *err = NULL, *refusal;
	void *tmp = talloc_new(NULL);
	struct blog *log = log_load(tmp, path, &err);
	struct report_ctx rc = { .verdict = "unknown", .first_suspicious_step = -1 };

	if (!log) {
		scan_error(sc, path, err);
	} else if ((refusal = log_refusal(log))) {
		scan_error(sc, path, refusal);
	} else {
		sc->logs++;
		sc->by_result[log->result.type]++;
		scan_line(sc, log, &rc);
	}
	talloc_free(tmp);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void scan_path(struct scan *sc, const char *path, int depth)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char **names;
	size_t n = 0;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		scan_file(sc, path);
		return;
	}
	if (depth > 64) {
		scan_error(sc, path, _("directories nested too deep"));
		return;
	}
	d = opendir(path);
	if (!d) {
		scan_file(sc, path);
		return;
	}
	names = talloc_array(NULL, char *, 0);
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		names = talloc_realloc(NULL, names, char *, n + 1);
		names[n++] = talloc_asprintf(names, "%s/%s", path, e->d_name);
	}
	closedir(d);
	/* sorted, so that two scans of one folder print the same */
	qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++)
		scan_path(sc, names[i], depth + 1);
	talloc_free(names);
}

int scan_paths(struct app *app)
{
	struct scan sc = { .app = app };

	for (size_t i = 0; i < app->n_args; i++)
		scan_path(&sc, app->args[i], 0);
	if (!app->json)
		printf(_("%zu logs: %zu culprit, %zu inconclusive, %zu boundary, %zu error, %zu incomplete; %zu not read\n"),
		       sc.logs, sc.by_result[RESULT_CULPRIT], sc.by_result[RESULT_INCONCLUSIVE],
		       sc.by_result[RESULT_BOUNDARY], sc.by_result[RESULT_ERROR],
		       sc.by_result[RESULT_INCOMPLETE], sc.refused);
	return sc.status;
}
