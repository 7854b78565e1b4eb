/* The trust signals and the assessment on real log excerpts (shapes and
 * hashes from the logs in tests/data): each signal fires where it should
 * and stays quiet where it should not. */
#include "config.h"

#include "unit.h"
#include "signals/model.h"
#include "signals/signals.h"

#define HEADER \
	SYZ_REPRODUCED_WITH(GCC_10, "possible deadlock in collapse_file") \
	"testing release v6.2\n" \
	TESTING_WITH(H_V62, GCC_10, SIG_2) \
	"all runs: OK\n" \
	"# git bisect start " H_ORIG " " H_V62 "\n" \
	"Bisecting: 7554 revisions left to test after this (roughly 13 steps)\n" \
	"[" H_A "] Merge tag '6.3-rc-smb3-client-fixes'\n"

/* one bisect step that crashed (bad) with the runs given */
#define BAD_STEP(runs) \
	TESTING_WITH(H_A, GCC_10, SIG_3) \
	runs \
	"# git bisect bad " H_A "\n" \
	"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n" \
	"[" H_CUL "] x86/mm: try VMA lock-based page fault handling first\n" \
	TESTING_WITH(H_CUL, GCC_10, SIG_CUL) \
	"all runs: crashed: possible deadlock in collapse_file\n" \
	"# git bisect bad " H_CUL "\n" \
	SHOW_CUL \
	"\n" \
	STAT_36("mm/khugepaged.c")

/* one bisect step, bad, that git names the first bad commit: the show
 * block's header up to the message (its Merge: line, if any, in merge) */
#define CONVERGED_ON_A(merge, author) \
	"testing commit " H_A " with " GCC_10 "\n" \
	"all runs: crashed: possible deadlock in collapse_file\n" \
	"# git bisect bad " H_A "\n" \
	H_A " is the first bad commit\n" \
	"commit " H_A "\n" \
	merge \
	"Author: " author "\n" \
	"Date:   Sun Feb 26 11:04:17 2023 -0800\n" \
	"\n"

/* the runs of a step that crashed with the original bug, every one; nine
 * clean ones after a first (for a step with ten runs) */
#define ORIGINAL_CRASH "all runs: crashed: possible deadlock in collapse_file\n"
#define NINE_OK \
	"run #1: OK\nrun #2: OK\nrun #3: OK\nrun #4: OK\n" \
	"run #5: OK\nrun #6: OK\nrun #7: OK\nrun #8: OK\nrun #9: OK\n"

#define CULPRIT \
	"revisions tested: 4, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n" \
	"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n" \
	"crash: possible deadlock in collapse_file\n" \
	" collapse_file+0x197e/0x3bd0 mm/khugepaged.c:2204\n"

static const struct signal *find(const struct signal_list *l, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].code, code) == 0)
			return &l->v[i];
	return NULL;
}

/* The signal, which must be there. */
static const struct signal *get(const struct signal_list *l, const char *code)
{
	const struct signal *s = find(l, code);

	if (!s) {
		fail_msg("no %s signal", code);
		abort();
	}
	return s;
}

/* What the signals make of a log: the list and the assessment. */
struct checked {
	struct signal_list *l;
	struct model_result *m;
	struct assessment a;
};

static struct checked check(void **state, const char *text)
{
	struct blog *log = unit_parse_known(state, text);
	struct checked c;

	c.l = signals_compute(*state, log, NULL);
	c.m = model_assess(*state, log, c.l);
	assess(log, c.l, c.m, &c.a);
	/* the verdict and the step to re-check are the model's (doc/model.md §4) */
	if (c.m->p_wrong >= 0)
		assert_int_equal(c.a.verdict, c.m->p_wrong >= MODEL_SUSPICIOUS_FROM ? ASSESS_SUSPICIOUS
										: ASSESS_PLAUSIBLE);
	assert_int_equal(c.a.first_suspicious_step, c.m->blamed_step);
	return c;
}

static void test_clean_bisection_is_plausible(void **state)
{
	struct checked c = check(state, HEADER BAD_STEP(ORIGINAL_CRASH) CULPRIT);

	assert_int_equal(c.l->n, 0);
	assert_int_equal(c.a.verdict, ASSESS_PLAUSIBLE);
	assert_true(c.a.score == 0.0);
	/* no step stands out, and there is no fallback */
	assert_int_equal(c.a.first_suspicious_step, -1);
}

static void test_title_drift(void **state)
{
	struct checked c = check(state, HEADER
				 BAD_STEP("all runs: crashed: WARNING in kvm_wait\n") CULPRIT);
	const struct signal *s = get(c.l, "title-drift");

	assert_int_equal(s->strength, STRENGTH_STRONG);
	assert_int_equal(s->step, 2);
	assert_int_equal(s->lines.first, 13);
	assert_non_null(strstr(s->message, "WARNING in kvm_wait"));
	assert_non_null(strstr(s->message, "suspicious"));
	/* one drifted step alone does not make the model doubt the culprit */
	assert_int_equal(c.a.verdict, ASSESS_PLAUSIBLE);
}

/* Releases: v6.3 still crashed with the original bug; v6.2 crashed only
 * with another bug; v6.1 was clean. The model blames v6.2 (judged on
 * other bugs only), more surely when it also ran clean (doc/model.md §3). */
#define RELEASE_DRIFT(v62_runs) \
	SYZ_HEADER \
	"testing commit " H_ORIG " with " GCC_10 "\n" \
	"all runs: crashed: possible deadlock in collapse_file\n" \
	"testing release v6.3\n" \
	"testing commit " H_B " with " GCC_10 "\n" \
	"all runs: crashed: possible deadlock in collapse_file\n" \
	"testing release v6.2\n" \
	"testing commit " H_V62 " with " GCC_10 "\n" \
	v62_runs \
	"testing release v6.1\n" \
	"testing commit " H_C " with " GCC_10 "\n" \
	"all runs: OK\n" \
	"# git bisect start " H_V62 " " H_C "\n" \
	"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n" \
	"[" H_CUL "] x86/mm: try VMA lock-based page fault handling first\n" \
	"testing commit " H_CUL " with " GCC_10 "\n" \
	"all runs: crashed: WARNING in kvm_wait\n" \
	"# git bisect bad " H_CUL "\n" \
	H_CUL " is the first bad commit\n" \
	CULPRIT

/* v6.2 judged on another bug, v6.1 clean, then a culprit crashing with
 * that other bug: the step to re-check is v6.2 (the drift) or v6.1 (the
 * first clean release, the bug older than it: doc/model.md §4 says which
 * the model prefers and why); never the culprit's step, which only
 * followed. */
static void test_release_drift_first_suspicious(void **state)
{
	struct checked c = check(state, RELEASE_DRIFT("run #0: crashed: WARNING in kvm_wait\n"
						      "run #1: OK\n"
						      "run #2: crashed: WARNING in kvm_wait\n"
						      "run #3: OK\n"));

	assert_int_equal(get(c.l, "title-drift")->step, 2);
	assert_in_range(c.a.first_suspicious_step, 2, 3);
	assert_int_equal(c.a.verdict, ASSESS_SUSPICIOUS);
	assert_true(c.m->step_p[2] > 5 * c.m->step_p[4]);

	/* every run crashing on the other bug: the runs cannot tell */
	c = check(state, RELEASE_DRIFT("all runs: crashed: WARNING in kvm_wait\n"));
	assert_int_equal(get(c.l, "title-drift")->step, 2);
	assert_in_range(c.a.first_suspicious_step, 2, 3);
}

/* A compiler suffix or a line number is the same crash, not drift. */
static void test_title_variants_are_not_drift(void **state)
{
	char *n = title_normalize(*state, "WARNING in collapse_file.isra.0");
	struct checked c;

	assert_str(n, "WARNING in collapse_file");
	assert_str(title_normalize(*state, "kernel BUG at mm/khugepaged.c:1826!"),
		   "kernel BUG at mm/khugepaged.c:LINE");
	c = check(state, HEADER
		  BAD_STEP("all runs: crashed: possible deadlock in collapse_file.cold\n") CULPRIT);
	assert_null(find(c.l, "title-drift"));
}

static void test_thin_verdict(void **state)
{
	struct checked c = check(state, HEADER
				 BAD_STEP("run #0: crashed: possible deadlock in collapse_file\n"
					  NINE_OK) CULPRIT);
	const struct signal *s = get(c.l, "thin-verdict");

	assert_int_equal(s->strength, STRENGTH_STRONG);
	assert_int_equal(s->step, 2);
	assert_null(find(c.l, "title-drift"));
}

static void test_infra_verdict(void **state)
{
	struct checked c = check(state, HEADER
				 BAD_STEP("all runs: crashed: lost connection to test machine\n")
				 CULPRIT);

	assert_non_null(find(c.l, "infra-verdict"));
	assert_null(find(c.l, "thin-verdict"));
}

/* Found by fuzz_signals: a crashed run with no title left no titles, and
 * "every title is infrastructure" held vacuously, so the signal printed
 * titles[0] - an uninitialised pointer (a crash under ASan). */
static void test_crash_without_title(void **state)
{
	struct checked c = check(state, HEADER BAD_STEP("run #0: crashed: \n" NINE_OK) CULPRIT);

	assert_null(find(c.l, "infra-verdict"));
	assert_non_null(find(c.l, "thin-verdict"));
	for (size_t i = 0; i < c.l->n; i++)
		assert_null(strstr(c.l->v[i].message, "(null)"));
}

static void test_noop_merge_release(void **state)
{
	struct checked c = check(state, HEADER BAD_STEP(ORIGINAL_CRASH)
				 "culprit signature: " SIG_CUL "\n"
				 "parent  signature: " SIG_CUL "\n"
				 CULPRIT);

	assert_non_null(find(c.l, "noop"));
	assert_true(c.a.score >= 0.95);

	c = check(state, HEADER
		  CONVERGED_ON_A("Merge: 3dbdb38e2869 62fb9874f5da\n",
				 "Linus Torvalds <torvalds@linux-foundation.org>")
		  "    Linux 6.3-rc1\n"
		  "\n"
		  "revisions tested: 2, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n"
		  "first bad commit: " H_A " Linux 6.3-rc1\n");
	assert_non_null(find(c.l, "culprit-merge"));
	assert_non_null(find(c.l, "culprit-release"));
	assert_int_equal(c.a.verdict, ASSESS_SUSPICIOUS);
}

static void test_flaky_and_probabilities(void **state)
{
	struct checked c = check(state, HEADER BAD_STEP(ORIGINAL_CRASH)
				 "accumulated error probability: 0.41\n"
				 "reproducer is flaky (0.42 repro chance estimate)\n"
				 CULPRIT);
	const struct signal *s = get(c.l, "flaky");

	assert_int_equal(s->lines.first, 33);  /* the "reproducer is flaky" line */
	assert_non_null(strstr(s->message, "0.42"));
	assert_non_null(find(c.l, "error-probability"));
}

/* The culprit's files against the files of the crash's stack. */
static void test_culprit_files(void **state)
{
	struct checked c;
	size_t n;
	const char **f = stack_files(*state, "Call Trace:\n"
				     " retract_page_tables+0x59d/0x8d0 mm/khugepaged.c:1826\n"
				     " down_write+0x92/0x200 kernel/locking/rwsem.c:1573\n"
				     " vma_start_write include/linux/mm.h:682 [inline]\n"
				     " retract_page_tables+0x1/0x8d0 mm/khugepaged.c:1830\n", &n);

	assert_int_equal(n, 3);
	assert_str(f[0], "mm/khugepaged.c");
	assert_str(f[1], "kernel/locking/rwsem.c");
	assert_str(f[2], "include/linux/mm.h");
	/* the culprit changes mm/khugepaged.c, which the stack names */
	c = check(state, HEADER BAD_STEP(ORIGINAL_CRASH) CULPRIT);
	assert_null(find(c.l, "culprit-off-stack"));
	/* a crash far away from it */
	c = check(state, HEADER BAD_STEP(ORIGINAL_CRASH)
		  "first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		  "crash: possible deadlock in collapse_file\n"
		  " sock_sendmsg+0x1/0x2 net/socket.c:730\n");
	assert_non_null(find(c.l, "culprit-off-stack"));
}

static void test_documentation_only(void **state)
{
	struct checked c = check(state, HEADER
				 CONVERGED_ON_A("", "A U Thor <a@example.org>")
				 "    docs: fix a typo\n"
				 "\n"
				 " Documentation/mm/index.rst | 2 +-\n"
				 " arch/arm64/mm/fault.c      | 2 +-\n"
				 " 2 files changed, 2 insertions(+), 2 deletions(-)\n"
				 "first bad commit: " H_A " docs: fix a typo\n"
				 "crash: possible deadlock in collapse_file\n"
				 " collapse_file+0x1/0x2 mm/khugepaged.c:2204\n"
				 " asm_exc_page_fault+0x1/0x2 arch/x86/include/asm/idtentry.h:570\n");

	assert_non_null(find(c.l, "culprit-aside"));
}

/* No culprit, nothing to believe: unknown, whatever the signals. */
static void test_no_culprit_is_unknown(void **state)
{
	struct checked c = check(state, HEADER
				 "revisions tested: 2, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n"
				 "error: bisection is taking too long (>8h0m0s), aborting\n");

	assert_int_equal(c.a.verdict, ASSESS_UNKNOWN);
	assert_int_equal(c.a.first_suspicious_step, -1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_clean_bisection_is_plausible),
		UNIT_TEST(test_title_drift),
		UNIT_TEST(test_release_drift_first_suspicious),
		UNIT_TEST(test_title_variants_are_not_drift),
		UNIT_TEST(test_thin_verdict),
		UNIT_TEST(test_infra_verdict),
		UNIT_TEST(test_crash_without_title),
		UNIT_TEST(test_noop_merge_release),
		UNIT_TEST(test_flaky_and_probabilities),
		UNIT_TEST(test_culprit_files),
		UNIT_TEST(test_documentation_only),
		UNIT_TEST(test_no_culprit_is_unknown),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
