/* syzbot logs: the test block (doc/log-format.md §3.2), the git bisect
 * section (§3.5) and the fix-bisection pre-checks (§3.6). */
#include "config.h"

#include "unit.h"

/* Header + original + one release + git start: the lines before a step. */
#define PREFIX_LINES 13
#define PREFIX \
	SYZ_HEADER \
	TESTING(H_ORIG, SIG_1) \
	"all runs: crashed: possible deadlock in retract_page_tables\n" \
	"testing release v6.2\n" \
	TESTING(H_V62, SIG_2) \
	"all runs: OK\n" \
	"# git bisect start " H_ORIG " " H_V62 "\n" \
	"Bisecting: 7554 revisions left to test after this (roughly 13 steps)\n"
/* ... where git names H_A, the first bisect step, next; and that, with
 * the start of H_A's 2023 test block (its runs follow) */
#define PREFIX_NEXT_A PREFIX "[" H_A "] " S_A "\n"
#define PREFIX_TESTING_A PREFIX_NEXT_A "\n" TESTING(H_A, SIG_3)

/* The three spellings of the compiler (pitfall 1). */
static void test_block_compiler_forms(void **state)
{
	struct blog *with = unit_parse_known(state, SYZ_HEADER
		TESTING_WITH(H_ORIG, "gcc (GCC) 8.4.1 20210217", "5ad662a6e794527e42d69ef12dfa2a1849cc1731")
		"all runs: crashed: WARNING in htab_map_alloc\n");
	struct blog *bare = unit_parse_known(state, SYZ_HEADER
		"testing commit " H_ORIG "\n"
		"compiler: gcc version 5.5.0 (GCC) \n"
		"kernel signature: " SIG_1 "\n"
		"all runs: crashed: WARNING in htab_map_alloc\n");
	struct blog *word = unit_parse_known(state, SYZ_HEADER
		"testing commit " H_ORIG " gcc\n"
		"compiler: Debian clang version 15.0.7, GNU ld (GNU Binutils for Debian) 2.40\n"
		"kernel signature: " SIG_1 "\n"
		"all runs: crashed: WARNING in htab_map_alloc\n");

	assert_str(STEP(with, 0)->compiler, "gcc (GCC) 8.4.1 20210217");
	assert_null(STEP(with, 0)->compiler_type);
	/* 40-hex signatures: Nov 2019 - Jan 2020 */
	assert_str(STEP(with, 0)->kernel_signature, "5ad662a6e794527e42d69ef12dfa2a1849cc1731");

	assert_str(STEP(bare, 0)->compiler, "gcc version 5.5.0 (GCC)");
	assert_null(STEP(bare, 0)->compiler_type);
	assert_str(STEP(bare, 0)->kernel_signature, SIG_1);

	/* the word is the configured type, not the real compiler */
	assert_str(STEP(word, 0)->compiler_type, "gcc");
	assert_str(STEP(word, 0)->compiler,
		   "Debian clang version 15.0.7, GNU ld (GNU Binutils for Debian) 2.40");
	assert_null(STEP(word, 0)->build_error);
}

/* Old build failure: free compiler text after "testing commit", a clang
 * "warning:" mixed in, then git is told skip. */
static void test_block_build_error_old(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX_NEXT_A
		"testing commit " H_A " with " GCC_8 "\n"
		"./include/linux/compiler.h:263:20: error: lvalue required as unary \xe2\x80\x98&\xe2\x80\x99 operand\n"
		"warning: argument unused during compilation: '-no-pie' [-Wunused-command-line-argument]\n"
		"failed to run [\"make\" \"bzImage\" \"-j\" \"64\" \"CC=/syzkaller/gcc/bin/gcc\"]: exit status 2\n"
		"# git bisect skip " H_A "\n"
		"Bisecting: 7554 revisions left to test after this (roughly 13 steps)\n"
		"[" H_B "] " S_B "\n"
		TESTING_WITH(H_B, GCC_8, SIG_2)
		"all runs: OK\n"
		"# git bisect good " H_B "\n");
	const struct step *s, *next;

	assert_int_equal(count_phase(log, PHASE_BISECT), 2);
	s = phase_step(log, PHASE_BISECT, 0);
	assert_str(s->commit, H_A);
	assert_str(s->subject, "Merge tag '6.3-rc-smb3-client-fixes' of git://git.samba.org/sfrench/cifs-2.6");
	assert_str(s->compiler, GCC_8);
	assert_str(s->build_error,
		   "./include/linux/compiler.h:263:20: error: lvalue required as unary \xe2\x80\x98&\xe2\x80\x99 operand\n"
		   "warning: argument unused during compilation: '-no-pie' [-Wunused-command-line-argument]\n"
		   "failed to run [\"make\" \"bzImage\" \"-j\" \"64\" \"CC=/syzkaller/gcc/bin/gcc\"]: exit status 2");
	assert_null(s->kernel_signature);
	assert_int_equal(s->n_runs, 0);
	assert_int_equal(s->verdict, VERDICT_SKIP);
	assert_false(s->verdict_inferred);
	/* after a skip git repeats the numbers */
	assert_left(s, 7554, 13);
	assert_str(s->next_commit, H_B);
	assert_span(s->lines, PREFIX_LINES + 2, PREFIX_LINES + 8);

	next = phase_step(log, PHASE_BISECT, 1);
	assert_null(next->build_error);
	assert_int_equal(next->verdict, VERDICT_GOOD);
}

/* 2023+: "failed building H: ...", with the bare text on the line before. */
static void test_block_failed_building(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX_NEXT_A
		"\n"
		"testing commit " H_A " gcc\n"
		"compiler: " GCC_DEBIAN "\n"
		"ld: drivers/net/phy/phy_device.o: in function `pse_ethtool_get_status': multiple definition\n"
		"failed building " H_A ": ld: drivers/net/phy/phy_device.o: in function `pse_ethtool_get_status': multiple definition\n"
		"# git bisect skip " H_A "\n");
	const struct step *s = phase_step(log, PHASE_BISECT, 0);

	assert_str(s->compiler, GCC_DEBIAN);
	assert_contains(s->build_error, "`pse_ethtool_get_status': multiple definition");
	assert_null(strstr(s->build_error, "failed building"));
	assert_null(s->kernel_signature);
	assert_int_equal(s->n_runs, 0);
	assert_int_equal(s->verdict, VERDICT_SKIP);
}

/* Every VERDICT kind of a "run #N:" line, plus the step's summary lines. */
static void test_runs_every_verdict(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX_TESTING_A
		"run #0: OK\n"
		"run #1: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"run #2: boot failed: WARNING in kvm_wait\n"
		"run #3: basic kernel testing failed: timed out\n"
		"run #4: failed: failed to run binary in VM: broken console: Permission denied (publickey)\n"
		"run #5: infra problem: failed to create VM: googleapi: Error 503: backendError\n"
		"run #6: ignore: lost connection to test machine\n"
		"run #7: OK\n"
		"representative crash: KASAN: use-after-free Read in tcp_write_timer, types: [KASAN-USE-AFTER-FREE-READ WARNING]\n"
		"unable to determine the verdict: 2 good runs (wanted 4), for bad wanted 2 in total, got 1\n"
		"# git bisect skip " H_A "\n");
	const struct step *s = phase_step(log, PHASE_BISECT, 0);
	static const enum run_outcome want[] = {
		RUN_OK, RUN_CRASHED, RUN_BOOT_FAILED, RUN_TEST_FAILED,
		RUN_FAILED, RUN_INFRA, RUN_IGNORED, RUN_OK,
	};
	struct run_counts c;

	assert_int_equal(s->n_runs, 8);
	assert_false(s->all_runs);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(s->runs[i].number, i);
		assert_int_equal(s->runs[i].outcome, want[i]);
		assert_null(s->runs[i].detail);
	}
	assert_null(s->runs[0].text);
	assert_str(s->runs[1].text, "KASAN: use-after-free Read in tcp_write_timer");
	assert_str(s->runs[2].text, "WARNING in kvm_wait");
	assert_str(s->runs[3].text, "timed out");
	assert_str(s->runs[4].text, "failed to run binary in VM: broken console: Permission denied (publickey)");
	assert_str(s->runs[5].text, "failed to create VM: googleapi: Error 503: backendError");
	assert_str(s->runs[6].text, "lost connection to test machine");
	assert_int_equal(s->runs[3].line, PREFIX_LINES + 9);
	step_count_runs(s, &c);
	assert_int_equal(c.ok, 2);
	assert_int_equal(c.failed + c.infra + c.ignored, 3);
	assert_str(s->representative_title, "KASAN: use-after-free Read in tcp_write_timer");
	assert_str(s->crash_types, "KASAN-USE-AFTER-FREE-READ WARNING");
	assert_str(step_deciding_title(s), "KASAN: use-after-free Read in tcp_write_timer");
	assert_true(s->undetermined);
	assert_int_equal(s->verdict, VERDICT_SKIP);
}

/* "all runs: X" stands for every run having exactly X. */
static void test_runs_all_runs(void **state)
{
	struct blog *log = unit_parse(state, PREFIX_TESTING_A
		"all runs: boot failed: can't ssh into the instance\n"
		"# git bisect skip " H_A "\n");
	const struct step *s = phase_step(log, PHASE_BISECT, 0);

	assert_true(s->all_runs);
	/* the log does not print the count; with no neighbour that lists
	 * its runs, syzkaller's default of 10 */
	assert_int_equal(s->n_runs, 10);
	for (size_t i = 0; i < s->n_runs; i++) {
		assert_int_equal(s->runs[i].outcome, RUN_BOOT_FAILED);
		assert_str(s->runs[i].text, "can't ssh into the instance");
		assert_int_equal(s->runs[i].number, -1);
	}
	assert_false(step_crashed(s));
	assert_null(step_deciding_title(s));
}

/* A run's error text spans lines (CR at some ends) and may end in a
 * blank line; the next run still parses. */
static void test_runs_multiline_error(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX
		"[" H_A "] KVM: x86: Let the guest own CR4.FSGSBASE\n"
		TESTING_WITH(H_A, GCC_8, SIG_3)
		"run #0: basic kernel testing failed: " SCP_ERROR "\n"
		"Warning: Permanently added '10.128.0.17' (ECDSA) to the list of known hosts.\r\n"
		"ssh: connect to host 10.128.0.129 port 22: Connection timed out\n"
		"lost connection\n"
		"\n"
		"run #1: OK\n"
		"run #2: basic kernel testing failed: failed to copy test binary to VM: exit status 1\n"
		"scp: ./syz-fuzzer: Read-only file system\n"
		"run #3: OK\n"
		"# git bisect good " H_A "\n");
	const struct step *s = phase_step(log, PHASE_BISECT, 0);

	assert_int_equal(s->n_runs, 4);
	assert_int_equal(s->runs[0].outcome, RUN_TEST_FAILED);
	assert_str(s->runs[0].text, SCP_ERROR);
	assert_str(s->runs[0].detail,
		   "Warning: Permanently added '10.128.0.17' (ECDSA) to the list of known hosts.\n"
		   "ssh: connect to host 10.128.0.129 port 22: Connection timed out\n"
		   "lost connection");
	assert_int_equal(s->runs[1].outcome, RUN_OK);
	assert_null(s->runs[1].detail);
	assert_str(s->runs[2].detail, "scp: ./syz-fuzzer: Read-only file system");
	assert_counts(s, 4, 2, 0, 0, 2);
	assert_int_equal(s->verdict, VERDICT_GOOD);
}

/* A bare "failed:" (whole test failed, step skipped) and 2023's
 * "repro testing failure:" (the job aborts). */
static void test_block_test_errors(void **state)
{
	struct blog *bare = unit_parse_known(state, PREFIX_NEXT_A
		TESTING_WITH(H_A, GCC_8, SIG_3)
		"failed: failed to create VM pool: failed to create GCE image: googleapi: Error 400: Invalid value\n"
		"# git bisect skip " H_A "\n");
	struct blog *repro = unit_parse_known(state, PREFIX_TESTING_A
		"repro testing failure: failed to run instance: lost connection to test machine\n"
		"revisions tested: 3, total time: 2h1m2.5s (build: 1h1m1.2s, test: 58m3.1s)\n"
		"error: repro testing failure: failed to run instance: lost connection to test machine\n");
	const struct step *b = phase_step(bare, PHASE_BISECT, 0);
	const struct step *r = STEP(repro, repro->n_steps - 1);

	assert_str(b->test_error, "failed to create VM pool: failed to create GCE image: googleapi: Error 400: Invalid value");
	assert_int_equal(b->n_runs, 0);
	assert_str(b->kernel_signature, SIG_3);
	assert_int_equal(b->verdict, VERDICT_SKIP);

	assert_str(r->commit, H_A);
	assert_str(r->test_error, "failed to run instance: lost connection to test machine");
	assert_int_equal(r->n_runs, 0);
	assert_int_equal(r->verdict, VERDICT_NONE);
	assert_int_equal(repro->result.type, RESULT_ERROR);
	assert_str(repro->result.error, "repro testing failure: failed to run instance: lost connection to test machine");
}

/* false negative chance, "too many neither ..." and the 2020 - 2023
 * "reproducer seems to be flaky" on one step only. */
static void test_block_flaky_and_chances(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX_TESTING_A
		"all runs: OK\n"
		"false negative chance: 0.031\n"
		"# git bisect good " H_A "\n"
		"Bisecting: 3746 revisions left to test after this (roughly 12 steps)\n"
		"[" H_B "] " S_B "\n"
		"\n"
		TESTING(H_B, SIG_4)
		"run #0: crashed: WARNING in kvm_wait\n"
		"run #1: OK\n"
		"run #2: OK\n"
		"reproducer seems to be flaky\n"
		"# git bisect bad " H_B "\n"
		"Bisecting: 1881 revisions left to test after this (roughly 11 steps)\n"
		"[" H_C "] Merge tag 'rpmsg-v6.3' of git://git.kernel.org/pub/scm/linux/kernel/git/remoteproc/linux\n"
		"\n"
		TESTING(H_C, SIG_2)
		"all runs: basic kernel testing failed: timed out\n"
		"too many neither good nor bad results, skipping this commit\n"
		"# git bisect skip " H_C "\n");
	const struct step *a = phase_step(log, PHASE_BISECT, 0);
	const struct step *b = phase_step(log, PHASE_BISECT, 1);
	const struct step *c = phase_step(log, PHASE_BISECT, 2);

	assert_float_equal(a->false_negative_chance, 0.031, 1e-9);
	assert_true(b->false_negative_chance < 0);
	assert_false(a->flaky_detected);
	assert_true(b->flaky_detected);
	assert_false(c->flaky_detected);
	assert_true(log->flaky);
	assert_false(a->undetermined || b->undetermined);
	assert_true(c->undetermined);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GBS");
	assert_counts(b, 3, 2, 1, 0, 0);
	assert_str(step_deciding_title(b), "WARNING in kvm_wait");
}

/* §3.5: Bisecting counts (plural and singular), git stderr between
 * "Bisecting:" and "[H] subject", the next-commit line, a cut-off end. */
static void test_git_section(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX
		"warning: unable to access '/syzkaller/.config/git/ignore': Permission denied\n"
		"[" H_A "] " S_A "\n"
		"\n"
		TESTING(H_A, SIG_3)
		"all runs: OK\n"
		"# git bisect good " H_A "\n"
		"Bisecting: 1 revision left to test after this (roughly 1 step)\n"
		"warning: unable to access '/syzkaller/.config/git/ignore': Permission denied\n"
		"[" H_PAR "] mm: introduce per-VMA lock statistics\n"
		"\n"
		TESTING(H_PAR, SIG_PAR)
		"all runs: crashed: possible deadlock in retract_page_tables\n"
		"# git bisect bad " H_PAR "\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n"
		"[" H_CUL "] x86/mm: try VMA lock-based page fault handling first\n");
	const struct step *a, *b;

	assert_str(log->bisect_bad, H_ORIG);
	assert_str(log->bisect_good, H_V62);
	assert_int_equal(log->n_bisect_goods, 1);
	assert_int_equal(log->initial_revisions, 7554);
	assert_int_equal(count_phase(log, PHASE_BISECT), 2);
	a = phase_step(log, PHASE_BISECT, 0);
	b = phase_step(log, PHASE_BISECT, 1);
	assert_str(a->commit, H_A);
	assert_str(a->subject, "Merge tag '6.3-rc-smb3-client-fixes' of git://git.samba.org/sfrench/cifs-2.6");
	assert_int_equal(a->verdict, VERDICT_GOOD);
	assert_false(a->verdict_inferred);
	assert_left(a, 1, 1);
	assert_str(a->next_commit, H_PAR);
	assert_span(a->lines, PREFIX_LINES + 4, PREFIX_LINES + 11);
	assert_str(b->subject, "mm: introduce per-VMA lock statistics");
	assert_int_equal(b->verdict, VERDICT_BAD);
	assert_left(b, 0, 0);
	assert_str(b->next_commit, H_CUL);
	/* the job stopped after git named the next commit */
	assert_int_equal(log->result.type, RESULT_INCOMPLETE);
	assert_null(log->result.commit);
}

/* git's "only skipped commits" block, and syzkaller's own list after it
 * (which may differ from git's). */
static void test_git_only_skipped(void **state)
{
	struct blog *log = unit_parse_known(state, PREFIX_NEXT_A
		"testing commit " H_A " with " GCC_8 "\n"
		"./include/linux/compiler.h:263:20: error: lvalue required as unary '&' operand\n"
		"# git bisect skip " H_A "\n"
		"There are only 'skip'ped commits left to test.\n"
		"The first bad commit could be any of:\n"
		H_A "\n"
		H_B "\n"
		"We cannot bisect more!\n"
		"revisions tested: 14, total time: 3h2m1.5s (build: 1h1m1.1s, test: 2h0m0.4s)\n"
		"bisection is inconclusive, the first bad commit could be any of:\n"
		H_A "\n"
		H_B "\n"
		H_C "\n");
	const struct result *r = &log->result;

	assert_int_equal(r->type, RESULT_INCONCLUSIVE);
	assert_int_equal(r->n_git_candidates, 2);
	assert_str(r->git_candidates[0], H_A);
	assert_str(r->git_candidates[1], H_B);
	assert_int_equal(r->n_candidates, 3);
	assert_str(r->candidates[0], H_A);
	assert_str(r->candidates[2], H_C);
	assert_null(r->show);
	assert_int_equal(log->revisions_tested, 14);
	assert_int_equal(phase_step(log, PHASE_BISECT, 0)->verdict, VERDICT_SKIP);
}

/* §3.6 (2023-08+): each fix step may start with the guilty-commit check;
 * a merge base is tested inside a step; "pretend that kernel crashed"
 * gives git "good" with no test block. */
static void test_fix_prechecks(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		"testing current HEAD " H_V62 "\n"
		TESTING(H_V62, SIG_1)
		"all runs: OK\n"
		"# git bisect start " H_V62 " " H_ORIG "\n"
		"Bisecting: 100 revisions left to test after this (roughly 7 steps)\n"
		"[" H_A "] " S_A "\n"
		"\n"
		"determine whether the revision contains the guilty commit\n"
		"revision " H_ORIG " crashed and is reachable\n"
		TESTING(H_A, SIG_2)
		"all runs: crashed: WARNING in ext4_dirty_folio\n"
		"# git bisect good " H_A "\n"
		"Bisecting: 50 revisions left to test after this (roughly 6 steps)\n"
		"[" H_B "] " S_B "\n"
		"\n"
		"determine whether the revision contains the guilty commit\n"
		"checking the merge base " H_C "\n"
		"no existing result, test the revision\n"
		TESTING(H_C, SIG_3)
		"all runs: OK\n"
		"the bug was not introduced yet; pretend that kernel crashed\n"
		"# git bisect good " H_B "\n"
		"Bisecting: 25 revisions left to test after this (roughly 5 steps)\n"
		"[" H_D "] Merge branch 'for-next' of git://git.kernel.org/pub/scm/linux/kernel/git/krzk/linux.git\n"
		"\n"
		"determine whether the revision contains the guilty commit\n"
		"revision " H_A " crashed and is reachable\n"
		TESTING(H_D, SIG_4)
		"all runs: OK\n"
		"# git bisect bad " H_D "\n");
	const struct step *head = STEP(log, 0), *crashed = STEP(log, 1), *mb = STEP(log, 2);
	const struct step *pretend = STEP(log, 3), *clean = STEP(log, 4);

	assert_int_equal(log->kind, KIND_FIX);
	assert_int_equal(log->n_steps, 5);
	assert_step(head, PHASE_HEAD, H_V62, VERDICT_BAD);

	assert_step(crashed, PHASE_BISECT, H_A, VERDICT_GOOD);
	assert_true(step_crashed(crashed));

	assert_int_equal(mb->phase, PHASE_MERGE_BASE);
	assert_testing(mb, H_C, SIG_3);

	assert_step(pretend, PHASE_BISECT, H_B, VERDICT_GOOD);
	assert_str(pretend->subject, "Merge tag 'pci-v6.3-changes' of git://git.kernel.org/pub/scm/linux/kernel/git/pci/pci");
	assert_true(pretend->synthetic);
	assert_false(pretend->tested);
	assert_int_equal(pretend->n_runs, 0);
	assert_null(pretend->kernel_signature);
	assert_int_equal(pretend->revisions_left, 25);

	assert_false(clean->synthetic);
	assert_step(clean, PHASE_BISECT, H_D, VERDICT_BAD);
	assert_false(step_crashed(clean));
	assert_int_equal(count_phase(log, PHASE_BISECT), 3);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_block_compiler_forms),
		UNIT_TEST(test_block_build_error_old),
		UNIT_TEST(test_block_failed_building),
		UNIT_TEST(test_runs_every_verdict),
		UNIT_TEST(test_runs_all_runs),
		UNIT_TEST(test_runs_multiline_error),
		UNIT_TEST(test_block_test_errors),
		UNIT_TEST(test_block_flaky_and_chances),
		UNIT_TEST(test_git_section),
		UNIT_TEST(test_git_only_skipped),
		UNIT_TEST(test_fix_prechecks),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
