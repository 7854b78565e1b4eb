/* Names for the model's enums (the JSON contract's spellings, from the
 * lists in model.h) and small derived facts about steps. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/model.h"

DEFINE_ENUM_NAME(log_format, LOG_FORMAT_LIST, "unknown")
DEFINE_ENUM_NAME(bisect_kind, BISECT_KIND_LIST, NULL)
DEFINE_ENUM_NAME(step_phase, STEP_PHASE_LIST, "bisect")
DEFINE_ENUM_NAME(verdict, VERDICT_LIST, "none")
DEFINE_ENUM_NAME(run_outcome, RUN_OUTCOME_LIST, "failed")
DEFINE_ENUM_NAME(result_type, RESULT_TYPE_LIST, "incomplete")

DEFINE_ENUM_MSGID(log_format, LOG_FORMAT_LIST)
DEFINE_ENUM_MSGID(step_phase, STEP_PHASE_LIST)
DEFINE_ENUM_MSGID(verdict, VERDICT_LIST)
DEFINE_ENUM_MSGID(run_outcome, RUN_OUTCOME_LIST)

void step_count_runs(const struct step *s, struct run_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->n_runs; i++) {
		out->total++;
		switch (s->runs[i].outcome) {
		case RUN_OK: out->ok++; break;
		case RUN_CRASHED: out->crashed++; break;
		case RUN_BOOT_FAILED: out->boot_failed++; break;
		case RUN_TEST_FAILED: out->test_failed++; break;
		case RUN_FAILED: out->failed++; break;
		case RUN_INFRA: out->infra++; break;
		case RUN_IGNORED: out->ignored++; break;
		case RUN_OUTCOME_COUNT: break;
		}
	}
}

const char **step_titles(const void *ctx, const struct step *s, size_t *n)
{
	const char **titles = talloc_array(ctx, const char *, s->n_runs + 1);
	int *counts = talloc_zero_array(titles, int, s->n_runs + 1);
	size_t k = 0;

	for (size_t i = 0; i < s->n_runs; i++) {
		const struct run *r = &s->runs[i];
		size_t j;

		if (r->outcome != RUN_CRASHED || !r->text)
			continue;
		for (j = 0; j < k; j++)
			if (strcmp(titles[j], r->text) == 0)
				break;
		if (j == k)
			titles[k++] = r->text;
		counts[j]++;
	}
	/* Stable insertion sort by count, descending: few titles per step. */
	for (size_t i = 1; i < k; i++) {
		for (size_t j = i; j > 0 && counts[j] > counts[j - 1]; j--) {
			int c = counts[j];
			const char *t = titles[j];

			counts[j] = counts[j - 1];
			titles[j] = titles[j - 1];
			counts[j - 1] = c;
			titles[j - 1] = t;
		}
	}
	talloc_free(counts);
	*n = k;
	return titles;
}

const char *step_deciding_title(const struct step *s)
{
	size_t n;
	const char **titles;
	const char *t = NULL;

	if (s->representative_title)
		return s->representative_title;
	titles = step_titles(NULL, s, &n);
	if (n > 0)
		t = titles[0];
	talloc_free(titles);
	return t;
}

bool step_crashed(const struct step *s)
{
	for (size_t i = 0; i < s->n_runs; i++)
		if (s->runs[i].outcome == RUN_CRASHED)
			return true;
	return false;
}
