/* Names for the model's enums (the JSON contract's spellings) and
 * small derived facts about steps. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/model.h"

const char *log_format_name(enum log_format f)
{
	switch (f) {
	case LOG_FORMAT_SYZBOT: return "syzbot";
	case LOG_FORMAT_GIT_BISECT: return "git-bisect-log";
	case LOG_FORMAT_CRASH_REPORT: return "crash-report";
	case LOG_FORMAT_UNKNOWN: break;
	}
	return "unknown";
}

const char *bisect_kind_name(enum bisect_kind k)
{
	switch (k) {
	case KIND_CAUSE: return "cause";
	case KIND_FIX: return "fix";
	case KIND_NONE: break;
	}
	return NULL;
}

const char *step_phase_name(enum step_phase p)
{
	switch (p) {
	case PHASE_ORIGINAL: return "original";
	case PHASE_CONFIG: return "config";
	case PHASE_RELEASE: return "release";
	case PHASE_HEAD: return "head";
	case PHASE_MERGE_BASE: return "merge-base";
	case PHASE_BISECT: return "bisect";
	case PHASE_PARENT_BUILD: return "parent-build";
	}
	return "bisect";
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case VERDICT_GOOD: return "good";
	case VERDICT_BAD: return "bad";
	case VERDICT_SKIP: return "skip";
	case VERDICT_NONE: break;
	}
	return "none";
}

const char *run_outcome_name(enum run_outcome o)
{
	switch (o) {
	case RUN_OK: return "ok";
	case RUN_CRASHED: return "crashed";
	case RUN_BOOT_FAILED: return "boot-failed";
	case RUN_TEST_FAILED: return "test-failed";
	case RUN_FAILED: return "failed";
	case RUN_INFRA: return "infra";
	case RUN_IGNORED: return "ignored";
	case RUN_OUTCOME_COUNT: break;
	}
	return "failed";
}

const char *result_type_name(enum result_type t)
{
	switch (t) {
	case RESULT_CULPRIT: return "culprit";
	case RESULT_INCONCLUSIVE: return "inconclusive";
	case RESULT_BOUNDARY: return "boundary";
	case RESULT_ERROR: return "error";
	case RESULT_INCOMPLETE: break;
	}
	return "incomplete";
}

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
