/* Invariants of a parsed model that every parser target checks: line
 * spans inside the input, step indexes in order, hashes of 40 hex digits,
 * run counts that add up. A broken one aborts (libFuzzer keeps the input). */
#ifndef BISVIEW_FUZZ_MODEL_H
#define BISVIEW_FUZZ_MODEL_H

#include "fuzz.h"
#include "log/model.h"

#define FUZZ_REQUIRE(cond)                                                          \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "invariant broken: %s (%s:%d)\n", #cond,    \
				__FILE__, __LINE__);                                \
			abort();                                                    \
		}                                                                   \
	} while (0)

static inline void fuzz_check_span(const struct blog *log, struct line_span sp)
{
	FUZZ_REQUIRE((sp.first == 0 && sp.last == 0) ||
		     (sp.first >= 1 && sp.first <= sp.last && (size_t)sp.last <= log->n_lines));
}

static inline void fuzz_check_hash(const char *h)
{
	if (!h)
		return;
	FUZZ_REQUIRE(strlen(h) == HASH_HEX_LEN);
	for (size_t i = 0; i < HASH_HEX_LEN; i++)
		FUZZ_REQUIRE((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'f'));
}

static inline void fuzz_check_model(const struct blog *log)
{
	FUZZ_REQUIRE(log != NULL);
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		FUZZ_REQUIRE(s->index == (int)i);
		fuzz_check_span(log, s->lines);
		fuzz_check_hash(s->commit);
		FUZZ_REQUIRE(s->runs != NULL || s->n_runs == 0);
		for (size_t r = 0; r < s->n_runs; r++)
			FUZZ_REQUIRE(s->runs[r].outcome < RUN_OUTCOME_COUNT);
	}
	fuzz_check_span(log, log->result.lines);
	fuzz_check_span(log, log->result.crash_lines);
	fuzz_check_hash(log->result.commit);
}

#endif
