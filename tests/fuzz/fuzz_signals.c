/* The signals and the assessment over whatever the parser made of the
 * bytes, then the three outputs a user reads them in (--summary, --json,
 * a --scan --json line), each checked for terminal safety (fuzz.h). */
#include "config.h"

#include <talloc.h>

#include "fuzz_model.h"
#include "log/parse.h"
#include "report/report.h"

static void check_stream(const char *what, int (*emit)(FILE *, const struct blog *,
							const struct report_ctx *),
			 const struct blog *log, const struct report_ctx *rc, bool json)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	FUZZ_REQUIRE(f != NULL);
	emit(f, log, rc);
	fclose(f);
	fuzz_check_terminal_safe(what, buf, len, json);
	free(buf);
}

static int emit_json(FILE *f, const struct blog *log, const struct report_ctx *rc)
{
	return report_json(f, log, rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	struct blog *log = log_parse(ctx, "fuzz", (const char *)data, size);
	struct report_ctx rc = { 0 };
	json_object *brief;
	const char *line;

	if (log_refusal(log)) {
		talloc_free(ctx);
		return 0;
	}
	report_assess(ctx, log, &rc);
	FUZZ_REQUIRE(rc.assessment != NULL);
	FUZZ_REQUIRE(rc.assessment->score >= 0 && rc.assessment->score <= 1);
	for (size_t i = 0; rc.signals && i < rc.signals->n; i++) {
		const struct signal *s = &rc.signals->v[i];

		FUZZ_REQUIRE(s->step < 0 || (size_t)s->step < log->n_steps);
		FUZZ_REQUIRE(s->message && strchr(s->message, '\n') == NULL);
		fuzz_check_span(log, s->lines);
	}
	check_stream("summary", report_summary, log, &rc, false);
	check_stream("json", emit_json, log, &rc, true);
	brief = report_json_object(log, &rc, true);
	line = json_object_to_json_string_ext(brief, JSON_C_TO_STRING_PLAIN |
						     JSON_C_TO_STRING_NOSLASHESCAPE);
	FUZZ_REQUIRE(strchr(line, '\n') == NULL);
	fuzz_check_terminal_safe("scan", line, strlen(line), true);
	json_object_put(brief);
	talloc_free(ctx);
	return 0;
}
