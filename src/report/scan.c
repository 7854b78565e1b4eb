/* --scan: one line per log of many files, directories, URLs and mbox
 * messages, then totals. The reading is batch.c's, shared with the
 * triage view (doc/design.md §13); here the lines are made and printed
 * in order. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "log/parse.h"
#include "report/batch.h"
#include "report/report.h"
#include "report/scan.h"
#include "text/sanitize.h"


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
	{
		void *tmp = talloc_new(NULL);
		const char *codes = report_top_signals(tmp, rc->signals, 3);

		if (*codes)
			line = talloc_asprintf_append_buffer(line, "\t%s", codes);
		talloc_free(tmp);
	}
	return line;
}

/* The line of one entry, kept on the item (batch.h's fill). */
static void fill_line(void *arg, struct batch_item *it, const struct blog *log,
		      const struct report_ctx *rc)
{
	const struct app *app = arg;

	it->line = log ? log_line(NULL, app, log, rc) : error_line(NULL, app, it->name, it->error);
}

int scan_paths(struct app *app)
{
	void *ctx = talloc_new(NULL);
	size_t by_result[5] = { 0 }, logs = 0, refused = 0, suspicious = 0;
	const char *err, *about;
	struct batch *b = batch_new(ctx, app, fill_line, app, &err, &about);
	int status = 0;

	if (!b) {
		app_error(app, about, err);
		talloc_free(ctx);
		return EXIT_INPUT;
	}
	batch_run(b);
	if (app->sort == SORT_P_WRONG)
		qsort(b->items, b->n, sizeof(*b->items), batch_p_wrong_cmp);

	for (size_t i = 0; i < b->n; i++) {
		struct batch_item *it = &b->items[i];

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
