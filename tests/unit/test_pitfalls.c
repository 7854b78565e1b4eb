/* The parser pitfalls of doc/log-format.md §7 that are about meaning rather
 * than bytes: repeated hashes, the parent build, inverted fix verdicts,
 * tag names as git refs, revision counts, verdicts worked out from runs.
 * (Mail, CR and NUL are in test_mail.c.) */
#include "config.h"

#include "unit.h"

/* the culprit's show block with its stat: one file, arch/x86/mm/fault.c */
#define SHOW_CUL_STAT SHOW_CUL "\n" STAT_36("arch/x86/mm/fault.c") "\n"

/* Pitfall 3: the parent's build-only block is a step of its own even when
 * its hash was seen before, and it is not a bisection step. */
static void test_parent_build_by_position(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_HEADER
		"# git bisect start " H_ORIG " " H_V62 "\n"
		"Bisecting: 2 revisions left to test after this (roughly 1 step)\n"
		"[" H_B "] " S_B "\n"
		"testing commit " H_B " with " GCC_10 "\n"
		"./include/linux/compiler.h:263:20: error: lvalue required as unary '&' operand\n"
		"# git bisect skip " H_B "\n"
		"Bisecting: 2 revisions left to test after this (roughly 1 step)\n"
		"[" H_CUL "] " T_CUL "\n"
		TESTING_WITH(H_CUL, GCC_10, SIG_CUL)
		"all runs: crashed: possible deadlock in retract_page_tables\n"
		"# git bisect bad " H_CUL "\n"
		SHOW_CUL_STAT
		"parent commit " H_B " wasn't tested\n"
		TESTING_WITH(H_B, GCC_10, SIG_PAR)
		"culprit signature: " SIG_CUL "\n"
		"parent  signature: " SIG_PAR "\n"
		"revisions tested: 3, total time: 1h2m3.4s (build: 40m1.2s, test: 22m2.2s)\n"
		"first bad commit: " H_CUL " " T_CUL "\n");
	const struct step *skipped = STEP(log, 0), *parent = STEP(log, 2);

	assert_int_equal(log->n_steps, 3);
	assert_step(skipped, PHASE_BISECT, H_B, VERDICT_SKIP);
	assert_non_null(skipped->build_error);
	assert_null(skipped->kernel_signature);

	assert_step(parent, PHASE_PARENT_BUILD, H_B, VERDICT_NONE);
	assert_str(parent->kernel_signature, SIG_PAR);
	assert_null(parent->build_error);
	assert_span(parent->lines, 25, 27);

	assert_int_equal(count_phase(log, PHASE_BISECT), 2);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "SB");
	assert_int_equal(log->revisions_tested, 3);
	assert_str(log->result.parent_commit, H_B);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.commit, H_CUL);
}

/* Pitfall 9: in a fix bisection git's bad is HEAD, its good the crashing
 * commit; crashed runs give "good", clean ones "bad"; git's "first bad
 * commit" is the fix, printed as "first good commit". */
static void test_fix_inverted_verdicts(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		TESTING_WITH(H_ORIG, GCC_10, SIG_1)
		"all runs: crashed: WARNING in kvm_wait\n"
		"testing current HEAD " H_V62 "\n"
		TESTING_WITH(H_V62, GCC_10, SIG_2)
		"all runs: OK\n"
		"# git bisect start " H_V62 " " H_ORIG "\n"
		"Bisecting: 2 revisions left to test after this (roughly 1 step)\n"
		"[" H_A "] " S_A "\n"
		"\n"
		TESTING_WITH(H_A, GCC_10, SIG_3)
		"run #0: crashed: WARNING in kvm_wait\n"
		"run #1: OK\n"
		"# git bisect good " H_A "\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n"
		"[" H_CUL "] " T_CUL "\n"
		"\n"
		TESTING_WITH(H_CUL, GCC_10, SIG_CUL)
		"all runs: OK\n"
		"# git bisect bad " H_CUL "\n"
		SHOW_CUL_STAT
		"revisions tested: 4, total time: 2h2m3.4s (build: 1h40m1.2s, test: 22m2.2s)\n"
		"first good commit: " H_CUL " " T_CUL "\n"
		"recipients (to): [\"surenb@google.com\"]\n"
		"recipients (cc): []\n");
	const struct step *orig = STEP(log, 0), *head = STEP(log, 1);
	const struct step *crashed = STEP(log, 2), *clean = STEP(log, 3);

	assert_int_equal(log->kind, KIND_FIX);
	assert_str(log->bisect_bad, H_V62);
	assert_str(log->bisect_good, H_ORIG);
	assert_int_equal(log->n_steps, 4);
	assert_step(orig, PHASE_ORIGINAL, H_ORIG, VERDICT_GOOD);
	assert_true(step_crashed(orig));
	assert_true(orig->verdict_inferred);
	assert_step(head, PHASE_HEAD, H_V62, VERDICT_BAD);
	assert_false(step_crashed(head));
	assert_true(head->verdict_inferred);

	assert_step(crashed, PHASE_BISECT, H_A, VERDICT_GOOD);
	assert_true(step_crashed(crashed));
	assert_false(crashed->verdict_inferred);
	assert_step(clean, PHASE_BISECT, H_CUL, VERDICT_BAD);
	assert_false(step_crashed(clean));

	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.commit, H_CUL);
	assert_str(log->result.title, T_CUL);
	assert_str(log->result.show->commit, H_CUL);
	assert_null(log->result.crash_title);
	assert_str(log->crash_title, "WARNING in kvm_wait");
}

/* Pitfall 10: before Nov 2019 git bisect start took tag names; the
 * release steps are matched to them by label. */
static void test_tags_in_git_start(void **state)
{
	struct blog *tags = unit_parse_known(state,
		SYZ_HEADER
		"testing commit " H_ORIG " with " GCC_8 "\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"testing release v5.1\n"
		"testing commit " H_V62 " with " GCC_8 "\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"testing release v5.0\n"
		"testing commit " H_A " with " GCC_8 "\n"
		"all runs: OK\n"
		"# git bisect start v5.1 v5.0\n"
		"Bisecting: 7003 revisions left to test after this (roughly 13 steps)\n"
		"[" H_B "] " S_B "\n");
	struct blog *mixed = unit_parse(state,
		SYZ_HEADER
		"testing commit " H_ORIG " with " GCC_8 "\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"testing release v4.20\n"
		"testing commit " H_V62 " with " GCC_8 "\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"testing release v4.19\n"
		"testing commit " H_A " with " GCC_8 "\n"
		"all runs: OK\n"
		"# git bisect start " H_ORIG " v4.19\n"
		"Bisecting: 7003 revisions left to test after this (roughly 13 steps)\n");
	const struct step *v51 = phase_step(tags, PHASE_RELEASE, 0);
	const struct step *v50 = phase_step(tags, PHASE_RELEASE, 1);

	assert_str(tags->bisect_bad, "v5.1");
	assert_str(tags->bisect_good, "v5.0");
	assert_int_equal(tags->initial_revisions, 7003);
	assert_step(v51, PHASE_RELEASE, H_V62, VERDICT_BAD);
	assert_str(v51->label, "v5.1");
	assert_step(v50, PHASE_RELEASE, H_A, VERDICT_GOOD);
	assert_str(v50->label, "v5.0");
	assert_true(v50->verdict_inferred);
	assert_int_equal(STEP(tags, 0)->verdict, VERDICT_BAD);

	assert_str(mixed->bisect_bad, H_ORIG);
	assert_str(mixed->bisect_good, "v4.19");
	assert_int_equal(STEP(mixed, 0)->verdict, VERDICT_BAD);
	assert_string_equal(verdict_letters(*state, mixed, PHASE_RELEASE), "BG");
}

/* Pitfall 4: "revisions tested" counts test() calls, not test blocks;
 * both numbers stay as they are. */
static void test_revisions_tested_differs(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_REPRODUCED_WITH(GCC_8, "WARNING in htab_map_alloc")
		"testing release v5.9\n"
		"testing commit " H_V62 " with " GCC_8 "\n"
		"./include/linux/compiler.h:263:20: error: lvalue required as unary '&' operand\n"
		"testing release v5.8\n"
		TESTING_WITH(H_A, GCC_8, SIG_3)
		"all runs: crashed: WARNING in htab_map_alloc\n"
		"revisions tested: 5, total time: 2h0m1s (build: 1h0m0s, test: 1h0m1s)\n"
		"the crash already happened on the oldest tested release\n"
		"commit msg: Linux 5.8\n"
		"crash: WARNING in htab_map_alloc\n"
		"------------[ cut here ]------------\n");

	assert_int_equal(log->revisions_tested, 5);
	assert_int_equal(log->n_steps, 3);
	assert_string_equal(verdict_letters(*state, log, PHASE_RELEASE), "SB");
	assert_int_equal(log->result.type, RESULT_BOUNDARY);
	assert_str(log->result.boundary_commit_title, "Linux 5.8");
	assert_str(log->result.crash_report, "------------[ cut here ]------------");
}

/* Pitfalls 2, 12, 13: verdicts that are not printed are worked out from
 * the runs; "ignore:" and infrastructure failures count for nothing. */
static void test_inferred_verdicts(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_START
		TESTING(H_ORIG, SIG_1)
		"run #0: crashed: WARNING in kvm_wait\n"
		"run #1: ignore: lost connection to test machine\n"
		"run #2: OK\n"
		"testing release v6.5\n"
		TESTING(H_A, SIG_2)
		"all runs: ignore: lost connection to test machine\n"
		"testing release v6.4\n"
		TESTING(H_B, SIG_3)
		"all runs: boot failed: can't ssh into the instance\n"
		"testing release v6.3\n"
		TESTING(H_C, SIG_4)
		"run #0: ignore: lost connection to test machine\n"
		"run #1: OK\n"
		"run #2: OK\n");

	assert_int_equal(STEP(log, 0)->verdict, VERDICT_BAD);
	assert_str(log->crash_title, "WARNING in kvm_wait");
	assert_string_equal(verdict_letters(*state, log, PHASE_RELEASE), "SSG");
	for (size_t i = 0; i < log->n_steps; i++)
		assert_true(STEP(log, i)->verdict_inferred);
	assert_null(step_deciding_title(phase_step(log, PHASE_RELEASE, 0)));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_parent_build_by_position),
		UNIT_TEST(test_fix_inverted_verdicts),
		UNIT_TEST(test_tags_in_git_start),
		UNIT_TEST(test_revisions_tested_differs),
		UNIT_TEST(test_inferred_verdicts),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
