/* Signals about single steps: title drift, thin and infrastructure-made
 * verdicts, flakiness, false-negative chances, skips, compiler changes. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "signals/signals_internal.h"

/* Weights: the share of "wrong" among the corpus bisections flagged by
 * each signal (doc/design.md §8, and bench/assess-corpus.sh per code), rounded
 * down so that one signal alone decides only when it is that telling. */
#define W_TITLE_DRIFT 0.80
#define W_THIN_ONE 0.85
#define W_THIN_FEW 0.45
#define W_INFRA 0.80
#define W_FLAKY 0.60
#define W_FALSE_NEGATIVE 0.35
#define W_ERROR_PROBABILITY 0.40
#define W_SKIPS 0.15
#define W_COMPILER 0.50

bool step_says_crash(const struct blog *log, const struct step *s)
{
	return s->verdict == (log->kind == KIND_FIX ? VERDICT_GOOD : VERDICT_BAD);
}

/* Steps whose verdict the bisection's range rests on: releases, HEAD and
 * git bisect steps (the original commit only starts it). */
static bool deciding_phase(const struct step *s)
{
	return s->phase == PHASE_RELEASE || s->phase == PHASE_HEAD || s->phase == PHASE_BISECT;
}

/* Marks of a crash that says more about the test machine than the
 * kernel, with their lengths. */
static const struct {
	const char *s;
	size_t len;
} infra_marks[] = {
#define MARK(m) { m, sizeof(m) - 1 }
	MARK("lost connection to test machine"), MARK("no output from test machine"),
	MARK("SYZFAIL"), MARK("SYZFATAL"), MARK("can't ssh into the instance"),
	MARK("timed out"), MARK("failed to create VM"),
#undef MARK
};

/* Does the title hold an infra mark? One pass over the title, a mark
 * compared only where its first byte is: a strstr() per mark read every
 * crashing step's titles seven times. */
bool signal_infra_title(const char *t)
{
	for (; t && *t; t++)
		for (size_t i = 0; i < sizeof(infra_marks) / sizeof(infra_marks[0]); i++)
			if (*t == infra_marks[i].s[0] &&
			    strncmp(t, infra_marks[i].s, infra_marks[i].len) == 0)
				return true;
	return false;
}

/* titles: the step's crash titles (step_titles()), n of them */
static void title_drift(struct sig_ctx *c, const struct step *s, const char **titles, size_t n,
			const char *orig, const char *orig_norm)
{
	if (n == 0)
		return;
	/* the same text normalises the same: most steps crash with the
	 * original title verbatim, and need no normalising */
	for (size_t i = 0; i < n; i++)
		if (strcmp(titles[i], orig) == 0)
			return;
	for (size_t i = 0; i < n; i++)
		if (strcmp(title_normalize(c->tmp, titles[i]), orig_norm) == 0)
			return;
	sig_add(c, SIGNAL_TITLE_DRIFT, STRENGTH_STRONG, W_TITLE_DRIFT, s->index, s->lines,
		_("step %d was judged on \"%s\", not on the original crash: suspicious"),
		s->index, titles[0]);
}

static void thin_verdict(struct sig_ctx *c, const struct step *s, const char **titles, size_t n)
{
	struct run_counts rc;
	bool all_infra = n > 0;  /* crashed runs may carry no title */

	step_count_runs(s, &rc);
	if (rc.crashed == 0)
		return;
	for (size_t i = 0; i < n; i++)
		all_infra = all_infra && signal_infra_title(titles[i]);
	if (all_infra) {
		sig_add(c, SIGNAL_INFRA_VERDICT, STRENGTH_STRONG, W_INFRA, s->index, s->lines,
			_("step %d crashed only with \"%s\", a test-machine failure rather than the bug: suspicious"),
			s->index, titles[0]);
		return;
	}
	if (rc.crashed <= 1 && rc.total >= 5)
		sig_add(c, SIGNAL_THIN_VERDICT, STRENGTH_STRONG, W_THIN_ONE, s->index, s->lines,
			_("step %d rests on a single crash out of %d runs: suspicious"), s->index, rc.total);
	else if (rc.crashed * 4 < rc.total)
		sig_add(c, SIGNAL_THIN_VERDICT, STRENGTH_WEAK, W_THIN_FEW, s->index, s->lines,
			_("step %d rests on %d crashes out of %d runs: suspicious"), s->index,
			rc.crashed, rc.total);
}

static void flaky(struct sig_ctx *c)
{
	const struct blog *log = c->log;
	struct line_span lines = { log->flaky_line, log->flaky_line };
	int step = -1;

	if (!log->flaky)
		return;
	for (size_t i = 0; i < log->n_steps; i++) {
		if (log->steps[i]->flaky_detected) {
			step = log->steps[i]->index;
			lines = log->steps[i]->lines;
			break;
		}
	}
	if (log->repro_chance >= 0)
		sig_add(c, SIGNAL_FLAKY, STRENGTH_STRONG, W_FLAKY, step, lines,
			_("the reproducer was flagged flaky (%.2f repro chance): verdicts may be suspicious"),
			log->repro_chance);
	else
		sig_add(c, SIGNAL_FLAKY, STRENGTH_STRONG, W_FLAKY, step, lines,
			_("the reproducer was flagged flaky: good verdicts may be suspicious"));
}

/* The compiler changed between a good and a bad step: a difference the
 * bisection blames on a commit may be the compiler's. */
static void compiler_change(struct sig_ctx *c)
{
	const struct blog *log = c->log;
	const struct step *good = NULL, *bad = NULL;

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (!s->compiler || !deciding_phase(s) || s->verdict == VERDICT_SKIP ||
		    s->verdict == VERDICT_NONE)
			continue;
		if (step_says_crash(log, s))
			bad = bad ? bad : s;
		else
			good = good ? good : s;
		if (good && bad && strcmp(good->compiler, bad->compiler) != 0) {
			const struct step *later = good->index > bad->index ? good : bad;

			sig_add(c, SIGNAL_COMPILER_CHANGED, STRENGTH_WEAK, W_COMPILER, later->index,
				later->lines,
				_("steps %d and %d were built by different compilers (%s / %s): suspicious"),
				good->index, bad->index, good->compiler, bad->compiler);
			return;
		}
	}
}

/* Build and boot failures: worth knowing, but in the corpus they are as
 * common in right bisections as in wrong ones (0.59 of logs with a boot
 * failure were wrong, against 0.52 of all), so they only inform. */
static void failures(struct sig_ctx *c)
{
	const struct blog *log = c->log;
	int builds = 0, boots = 0;
	struct line_span first_build = { 0, 0 }, first_boot = { 0, 0 };

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];
		struct run_counts rc;

		step_count_runs(s, &rc);
		if (s->build_error && !builds++)
			first_build = s->lines;
		if (rc.boot_failed > 0 && !boots++)
			first_boot = s->lines;
	}
	if (builds >= 2)
		sig_add(c, SIGNAL_BUILD_FAILURES, STRENGTH_INFO, 0, -1, first_build,
			_("%d steps failed to build"), builds);
	if (boots >= 2)
		sig_add(c, SIGNAL_BOOT_FAILURES, STRENGTH_INFO, 0, -1, first_boot,
			_("%d steps had runs whose kernel did not boot"), boots);
}

void signals_from_steps(struct sig_ctx *c)
{
	const struct blog *log = c->log;
	const char *orig = log->crash_title ? title_normalize(c->tmp, log->crash_title) : NULL;
	const char **titles;
	size_t n;
	int skips = 0;
	struct line_span skip_lines = { 0, 0 };

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (s->verdict == VERDICT_SKIP && s->phase == PHASE_BISECT) {
			if (!skips++)
				skip_lines = s->lines;
			skip_lines.last = s->lines.last;
		}
		if (s->false_negative_chance >= 0.1)
			sig_add(c, SIGNAL_FALSE_NEGATIVE, STRENGTH_WEAK, W_FALSE_NEGATIVE, s->index,
				s->lines,
				_("step %d: syzkaller puts the chance that it was really bad at %.3f: suspicious"),
				s->index, s->false_negative_chance);
		if (!deciding_phase(s) || !step_says_crash(log, s))
			continue;
		/* one list of titles for both checks */
		titles = step_titles(c->tmp, s, &n);
		if (orig)
			title_drift(c, s, titles, n, log->crash_title, orig);
		thin_verdict(c, s, titles, n);
		talloc_free(titles);
	}
	if (skips >= 3)
		sig_add(c, SIGNAL_MANY_SKIPS, STRENGTH_WEAK, W_SKIPS, -1, skip_lines,
			_("%d steps were skipped (build or test failures): the range narrowed on fewer tests"),
			skips);
	failures(c);
	if (log->error_probability >= 0.3)
		sig_add(c, SIGNAL_ERROR_PROBABILITY, STRENGTH_WEAK, W_ERROR_PROBABILITY, -1,
			log->result.lines,
			_("syzkaller puts the accumulated error probability at %.2f: suspicious"),
			log->error_probability);
	flaky(c);
	compiler_change(c);
}
