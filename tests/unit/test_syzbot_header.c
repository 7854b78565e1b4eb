/* syzbot logs: the header (doc/log-format.md §3.1), config minimisation
 * (§3.3) and the range search before git bisect (§3.4). */
#include "config.h"

#include "unit.h"

/* The header in each of its eras: the excerpts whose steps the tests
 * below check too, then what every excerpt's header lines give. */
/* 2023: host line, start, syzkaller, "ensuring ..." + blank, test block */
#define HEADER_2023 \
	"ci starts bisection 2023-03-01 22:20:02.119937709 +0000 UTC m=+43528.491190555\n" \
	SYZ_REPRODUCED("possible deadlock in collapse_file")
/* 2019 - 2022: no "ensuring ..." line, the first test block is the start
 * commit's; compiler in the "with ..." text */
#define H_OLD "cb5dc5b062a915bc92def951ea7f33bad6d2ff1f"
#define H_OLD_SYZ "a6e3ac3bf259067ffd6e50fe8e4a158f097c1da5"
#define HEADER_OLD \
	"bisecting cause commit starting from " H_OLD "\n" \
	"building syzkaller on " H_OLD_SYZ "\n" \
	TESTING_WITH(H_OLD, GCC_8, "eeeccc37b183b0d45d620b9fc3e36604aee3df0250730f6fabe70a4a0bd9d76c") \
	"run #0: crashed: WARNING in htab_map_alloc\n" \
	"run #1: crashed: no output from test machine\n" \
	"run #2: OK\n"
/* 2022-09+: the start commit is gone and is found again by its title;
 * 2023-08+: tags are fetched first */
#define HEADER_REWRITTEN \
	"ci2 starts bisection 2023-09-12 08:15:41.5 +0000 UTC m=+3307.163215309\n" \
	SYZ_HEADER \
	"fetch other tags and check if the commit is present\n" \
	"fetch failed with failed to run [\"git\" \"fetch\" \"--force\" \"--tags\" \"https://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git\"]: exit status 128\n" \
	"rewritten commit " H_NEW " reidentified by title 'mm: introduce per-VMA lock statistics'\n" \
	"\n" \
	"ensuring issue is reproducible on original commit " H_NEW "\n" \
	"\n" \
	TESTING(H_NEW, SIG_1) \
	"all runs: crashed: possible deadlock in retract_page_tables\n"

static void test_header_fields(void **state)
{
	static const struct {
		const char *text;
		enum bisect_kind kind;
		const char *host, *started_at, *start_commit, *start_commit_original;
		const char *syzkaller_commit;
		size_t n_steps;
	} cases[] = {
		{ HEADER_2023, KIND_CAUSE, "ci", "2023-03-01 22:20:02.119937709 +0000 UTC",
		  H_ORIG, NULL, H_SYZ, 1 },
		/* "unnamed host" has a space; Go drops the fraction when it is zero */
		{ "unnamed host starts bisection 2022-07-20 10:00:00 +0000 UTC\n"
		  "bisecting fixing commit since " H_ORIG "\n"
		  "building syzkaller on " H_SYZ "\n",
		  KIND_FIX, "unnamed host", "2022-07-20 10:00:00 +0000 UTC", H_ORIG, NULL, H_SYZ, 0 },
		/* pre-production wording (2018 - 2019-03) */
		{ "searching for guilty commit starting from " H_ORIG "\n"
		  "building syzkaller on " H_SYZ "\n",
		  KIND_CAUSE, NULL, NULL, H_ORIG, NULL, H_SYZ, 0 },
		{ "searching for fixing commit since " H_A "\n"
		  "building syzkaller on " H_SYZ "\n",
		  KIND_FIX, NULL, NULL, H_A, NULL, H_SYZ, 0 },
		{ HEADER_OLD, KIND_CAUSE, NULL, NULL, H_OLD, NULL, H_OLD_SYZ, 1 },
		{ HEADER_REWRITTEN, KIND_CAUSE, "ci2", "2023-09-12 08:15:41.5 +0000 UTC",
		  H_NEW, H_ORIG, H_SYZ, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct blog *log = unit_parse_known(state, cases[i].text);

		assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
		assert_int_equal(log->kind, cases[i].kind);
		assert_str(log->host, cases[i].host);
		assert_str(log->started_at, cases[i].started_at);
		assert_str(log->start_commit, cases[i].start_commit);
		assert_str(log->start_commit_original, cases[i].start_commit_original);
		assert_str(log->syzkaller_commit, cases[i].syzkaller_commit);
		assert_int_equal(log->n_steps, cases[i].n_steps);
	}
}

static void test_header_2023(void **state)
{
	struct blog *log = unit_parse_known(state, HEADER_2023);
	const struct step *s = STEP(log, 0);

	assert_int_equal(s->phase, PHASE_ORIGINAL);
	assert_testing(s, H_ORIG, SIG_1);
	assert_true(s->all_runs);
	assert_true(s->n_runs > 0);
	assert_int_equal(s->runs[0].outcome, RUN_CRASHED);
	assert_str(s->runs[0].text, "possible deadlock in collapse_file");
	/* no git section: the start commit's verdict comes from its runs */
	assert_int_equal(s->verdict, VERDICT_BAD);
	assert_true(s->verdict_inferred);
	assert_span(s->lines, 4, 9);
	assert_str(log->crash_title, "possible deadlock in collapse_file");
	assert_int_equal(log->result.type, RESULT_INCOMPLETE);
}

/* The time is Go's time.Time.String(); the " m=+..." suffix is noise. */
static void test_header_started_at(void **state)
{
	struct blog *log = unit_parse(state,
		"ci starts bisection 2023-03-01 22:20:02.119937709 +0000 UTC m=+43528.491190555\n"
		"bisecting cause commit starting from " H_ORIG "\n");

	assert_str(log->host, "ci");
	assert_starts(log->started_at, "2023-03-01 22:20:02.119937709 +0000 UTC");
	assert_str(log->started_at, "2023-03-01 22:20:02.119937709 +0000 UTC");
}

static void test_header_old_original(void **state)
{
	struct blog *log = unit_parse_known(state, HEADER_OLD);
	const struct step *s = STEP(log, 0);

	assert_int_equal(s->phase, PHASE_ORIGINAL);
	assert_str(s->commit, H_OLD);
	assert_str(s->compiler, GCC_8);
	assert_null(s->compiler_type);
	assert_int_equal(s->n_runs, 3);
	assert_false(s->all_runs);
	assert_int_equal(s->runs[2].number, 2);
	assert_span(s->lines, 3, 7);
}

static void test_header_rewritten_fetch(void **state)
{
	struct blog *log = unit_parse_known(state, HEADER_REWRITTEN);

	assert_int_equal(STEP(log, 0)->phase, PHASE_ORIGINAL);
	assert_str(STEP(log, 0)->commit, H_NEW);
	assert_int_equal(STEP(log, 0)->lines.first, 8);
}

/* §3.3, 2023-06+: config minimisation starts by testing the start commit
 * again without the instrumentation configs named. */
#define DROP_INSTRUMENTATION(configs) \
	"check whether we can drop unnecessary instrumentation\n" \
	"disabling configs for [" configs "], they are not needed\n" \
	TESTING(H_ORIG, SIG_2)
#define UAF "KASAN: slab-use-after-free Read in hci_conn_hash_flush"
#define UAF_REPRESENTATIVE "representative crash: " UAF ", types: [KASAN-USE-AFTER-FREE-READ]\n"

/* §3.3, 2023-06+: every predicate call is another test of the start
 * commit; steps are keyed by position (each keeps its own signature). */
static void test_config_min_2023(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_REPRODUCED(UAF)
		UAF_REPRESENTATIVE
		DROP_INSTRUMENTATION("hang memleak ubsan lockdep")
		"all runs: crashed: " UAF "\n"
		UAF_REPRESENTATIVE
		"the bug reproduces without the instrumentation\n"
		"kconfig minimization: base=4012 full=4532 leaves diff=240\n"
		"split chunks (needed=false): <240>\n"
		"split chunk #0 of len 240 into 5 parts\n"
		"testing without sub-chunk 1/5\n"
		TESTING(H_ORIG, SIG_3)
		"all runs: OK\n"
		"false negative chance: 0.000\n"
		"testing without sub-chunk 2/5\n"
		TESTING(H_ORIG, SIG_4)
		"all runs: crashed: " UAF "\n"
		"the chunk can be dropped\n"
		"no need to test this chunk, it's definitely needed\n"
		"no way to further split the chunk\n"
		"we have reached the limit on predicate runs (5); pretend it returns false\n"
		"split chunks (needed=true): <48>, <192, final>\n"
		"minimized to 12 configs; suspects: [BT BT_HCIUART]\n");

	assert_int_equal(log->n_steps, 4);
	assert_int_equal(count_phase(log, PHASE_ORIGINAL), 1);
	assert_int_equal(count_phase(log, PHASE_CONFIG), 3);
	for (size_t i = 0; i < 4; i++)
		assert_str(STEP(log, i)->commit, H_ORIG);
	assert_int_equal(STEP(log, 0)->phase, PHASE_ORIGINAL);
	assert_str(STEP(log, 0)->kernel_signature, SIG_1);
	assert_str(STEP(log, 1)->kernel_signature, SIG_2);
	assert_str(STEP(log, 2)->kernel_signature, SIG_3);
	assert_str(STEP(log, 3)->kernel_signature, SIG_4);
	assert_str(STEP(log, 1)->representative_title, UAF);
	assert_int_equal(STEP(log, 2)->runs[0].outcome, RUN_OK);
	assert_float_equal(STEP(log, 2)->false_negative_chance, 0.0, 1e-9);
	assert_true(STEP(log, 1)->false_negative_chance < 0);
	/* what the runs say: crashed => bad, clean => good */
	assert_int_equal(STEP(log, 1)->verdict, VERDICT_BAD);
	assert_int_equal(STEP(log, 2)->verdict, VERDICT_GOOD);
	assert_int_equal(STEP(log, 3)->verdict, VERDICT_BAD);
}

/* A config retest that did not crash must not take the start commit's
 * "bad" just because its hash is git's bad (pitfall 3: key by position). */
static void test_config_min_clean_retest_verdict(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_REPRODUCED("possible deadlock in collapse_file")
		DROP_INSTRUMENTATION("kasan hang")
		"all runs: OK\n"
		"testing release v6.2\n"
		TESTING(H_V62, SIG_3)
		"all runs: OK\n"
		"# git bisect start " H_ORIG " " H_V62 "\n"
		"Bisecting: 7554 revisions left to test after this (roughly 13 steps)\n");
	const struct step *retest = STEP(log, 1);

	assert_int_equal(STEP(log, 0)->verdict, VERDICT_BAD);
	assert_int_equal(retest->phase, PHASE_CONFIG);
	assert_false(step_crashed(retest));
	assert_int_equal(retest->verdict, VERDICT_GOOD);
	assert_true(retest->verdict_inferred);
}

/* §3.3, older eras: the kconfig.Minimize trace (2020-10 - 2023-06), the
 * config_bisect.pl lines with script output (2020-04 - 2020-10), and the
 * bad-Kconfig message (2024+). None of them is an unknown line. */
static void test_config_min_old_eras(void **state)
{
	struct blog *old = unit_parse_known(state,
		SYZ_REPRODUCED_WITH(GCC_10, "WARNING in kvm_wait")
		"kconfig minimization: base=3908 full=4392 diff=484\n"
		"trying half: [CONFIG_A CONFIG_B]\n"
		TESTING_WITH(H_ORIG, GCC_10, SIG_2)
		"all runs: OK\n"
		"trying half: [CONFIG_C CONFIG_D]\n"
		TESTING_WITH(H_ORIG, GCC_10, SIG_3)
		"all runs: crashed: WARNING in kvm_wait\n"
		"half crashed\n"
		"both halves did not crash\n"
		"base config crashes\n"
		"only full config crashes\n"
		"resulting configs: [CONFIG_C CONFIG_D]\n"
		"# configuration already minimized\n");
	struct blog *script = unit_parse_known(state,
		SYZ_REPRODUCED_WITH("gcc (GCC) 9.0.0 20181231", "KASAN: use-after-free Read in tcp_write_timer")
		TESTING_WITH(H_ORIG, "gcc (GCC) 9.0.0 20181231", SIG_2)
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"crash reproduces with baseline config\n"
		"# start config bisection\n"
		"# using /syzkaller/jobs/linux/workdir/bisect as config bisect directory\n"
		"# config-bisect.pl good:\n"
		"good config saved\n"
		"# found config option changes [CONFIG_NET_SCH_TAPRIO]\n"
		"# config_bisect.pl finished\n"
		"testing with generated minimized config doesn't reproduce the crash\n"
		"unable to test using baseline config, keep original config\n");
	struct blog *kconfig = unit_parse_known(state,
		SYZ_HEADER
		"config minimization failed due to bad Kconfig failed to parse Kconfig: drivers/gpu/drm/Kconfig:12: unknown option \"bar\"\n"
		"proceeding with the original config\n");

	assert_int_equal(old->n_steps, 3);
	assert_int_equal(STEP(old, 0)->phase, PHASE_ORIGINAL);
	assert_int_equal(STEP(old, 1)->phase, PHASE_CONFIG);
	assert_int_equal(STEP(old, 2)->phase, PHASE_CONFIG);
	assert_str(STEP(old, 2)->kernel_signature, SIG_3);

	assert_int_equal(script->n_steps, 2);
	assert_int_equal(STEP(script, 1)->phase, PHASE_CONFIG);
	assert_str(STEP(script, 1)->compiler, "gcc (GCC) 9.0.0 20181231");

	assert_int_equal(kconfig->n_steps, 0);
}

/* §3.4 cause: picked releases, a crashing one, one that fails to build
 * (skipped), a clean one; git starts between the last bad and the good. */
static void test_release_search(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_REPRODUCED("general protection fault in skb_release_data")
		"picked [v6.5 v6.4 v6.1] out of 12 release tags\n"
		"testing release v6.5\n"
		TESTING(H_V65, SIG_2)
		"all runs: crashed: general protection fault in skb_release_data\n"
		"testing release v6.4\n"
		"testing commit " H_V64 " gcc\n"
		"compiler: " GCC_DEBIAN "\n"
		"./include/linux/pse-pd/pse.h:118: multiple definition of `pse_ethtool_get_status'\n"
		"failed building " H_V64 ": ./include/linux/pse-pd/pse.h:118: multiple definition of `pse_ethtool_get_status'\n"
		"testing release v6.1\n"
		TESTING(H_V61, SIG_3)
		"all runs: OK\n"
		"false negative chance: 0.012\n"
		"# git bisect start " H_V65 " " H_V61 "\n"
		"Bisecting: 12345 revisions left to test after this (roughly 14 steps)\n"
		"[" H_A "] " S_A "\n"
		"\n");
	const struct step *v65, *v64, *v61;

	assert_int_equal(count_phase(log, PHASE_ORIGINAL), 1);
	assert_int_equal(count_phase(log, PHASE_RELEASE), 3);
	assert_int_equal(count_phase(log, PHASE_BISECT), 0);
	v65 = phase_step(log, PHASE_RELEASE, 0);
	v64 = phase_step(log, PHASE_RELEASE, 1);
	v61 = phase_step(log, PHASE_RELEASE, 2);
	assert_str(v65->label, "v6.5");
	assert_str(v65->commit, H_V65);
	assert_str(v64->label, "v6.4");
	assert_str(v64->commit, H_V64);
	assert_str(v61->label, "v6.1");
	assert_str(v61->commit, H_V61);
	/* the announcing line is part of the step */
	assert_span(v65->lines, 10, 14);

	assert_null(v64->kernel_signature);
	assert_contains(v64->build_error, "multiple definition of `pse_ethtool_get_status'");
	assert_int_equal(v64->n_runs, 0);
	assert_float_equal(v61->false_negative_chance, 0.012, 1e-9);

	assert_str(log->bisect_bad, H_V65);
	assert_str(log->bisect_good, H_V61);
	assert_int_equal(log->initial_revisions, 12345);
	assert_string_equal(verdict_letters(*state, log, PHASE_RELEASE), "BSG");
	assert_true(v65->verdict_inferred && v64->verdict_inferred && v61->verdict_inferred);
	assert_int_equal(STEP(log, 0)->verdict, VERDICT_BAD);
}

/* The broken 2023-08 format string; a job that timed out right after
 * "testing release" leaves a release step with no test. */
static void test_release_broken_picked_and_timeout(void **state)
{
	struct blog *log = unit_parse_known(state,
		SYZ_HEADER
		"picked [%!d(string=v6.5) %!d(string=v6.4)] out of %!d(MISSING) release tags\n"
		"testing release v6.5\n"
		TESTING(H_V65, SIG_2)
		"all runs: crashed: WARNING in ext4_dirty_folio\n"
		"testing release v6.4\n"
		"revisions tested: 2, total time: 12h0m31.4s (build: 1h2m3.1s, test: 10h58m28.3s)\n"
		"error: bisection is taking too long (>12h0m0s), aborting\n");
	const struct step *last;

	assert_int_equal(count_phase(log, PHASE_RELEASE), 2);
	last = phase_step(log, PHASE_RELEASE, 1);
	assert_str(last->label, "v6.4");
	assert_null(last->commit);
	assert_false(last->tested);
	assert_int_equal(last->verdict, VERDICT_NONE);
	assert_int_equal(last->n_runs, 0);
	assert_int_equal(phase_step(log, PHASE_RELEASE, 0)->verdict, VERDICT_BAD);
	assert_int_equal(log->revisions_tested, 2);
	assert_int_equal(log->result.type, RESULT_ERROR);
	assert_str(log->result.error, "bisection is taking too long (>12h0m0s), aborting");
}

/* §3.4 fix, cross-tree: merge base, then HEAD; git's bad is HEAD and its
 * good is the crashing commit. */
static void test_fix_merge_base_and_head(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		"ensuring issue is reproducible on original commit " H_ORIG "\n"
		"\n"
		TESTING(H_ORIG, SIG_1)
		"all runs: crashed: WARNING in ext4_dirty_folio\n"
		"determining the merge base between " H_ORIG " and " H_HEAD "\n"
		H_MB "/Linux 6.5 is a merge base, check if it has the bug\n"
		TESTING(H_MB, SIG_2)
		"all runs: crashed: WARNING in ext4_dirty_folio\n"
		"testing current HEAD " H_HEAD "\n"
		TESTING(H_HEAD, SIG_3)
		"all runs: OK\n"
		"# git bisect start " H_HEAD " " H_MB "\n"
		"Bisecting: 1234 revisions left to test after this (roughly 10 steps)\n"
		"[" H_A "] " S_A "\n");
	const struct step *mb = STEP(log, 1), *head = STEP(log, 2);

	assert_int_equal(log->kind, KIND_FIX);
	assert_int_equal(log->n_steps, 3);
	/* git's words, inverted for a fix bisection: crashed => good */
	assert_step(STEP(log, 0), PHASE_ORIGINAL, H_ORIG, VERDICT_GOOD);
	assert_step(mb, PHASE_MERGE_BASE, H_MB, VERDICT_GOOD);
	assert_testing(mb, H_MB, SIG_2);
	assert_step(head, PHASE_HEAD, H_HEAD, VERDICT_BAD);
	assert_true(head->verdict_inferred);
	assert_int_equal(head->lines.first, 15);
	assert_str(log->bisect_bad, H_HEAD);
	assert_str(log->bisect_good, H_MB);
}

/* The merge base does not crash: no known bad commit; the summary uses
 * the (misleading) fix boundary wording. */
static void test_fix_merge_base_no_crash(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		"determining the merge base between " H_ORIG " and " H_HEAD "\n"
		"expected 1 merge base, got 2\n"
		H_MB "/Linux 6.5 is a merge base\n"
		TESTING(H_MB, SIG_2)
		"all runs: OK\n"
		"reproducer does not crash the merge base, so there's no known bad commit\n"
		"revisions tested: 2, total time: 1h10m3.2s (build: 40m1.1s, test: 28m3.4s)\n"
		"crash still not fixed or there were kernel test errors\n");

	assert_int_equal(log->n_steps, 1);
	assert_int_equal(STEP(log, 0)->phase, PHASE_MERGE_BASE);
	assert_str(STEP(log, 0)->commit, H_MB);
	assert_false(step_crashed(STEP(log, 0)));
	assert_int_equal(log->result.type, RESULT_BOUNDARY);
	assert_str(log->result.boundary, "crash still not fixed or there were kernel test errors");
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_header_fields),
		UNIT_TEST(test_header_2023),
		UNIT_TEST(test_header_started_at),
		UNIT_TEST(test_header_old_original),
		UNIT_TEST(test_header_rewritten_fetch),
		UNIT_TEST(test_config_min_2023),
		UNIT_TEST(test_config_min_clean_retest_verdict),
		UNIT_TEST(test_config_min_old_eras),
		UNIT_TEST(test_release_search),
		UNIT_TEST(test_release_broken_picked_and_timeout),
		UNIT_TEST(test_fix_merge_base_and_head),
		UNIT_TEST(test_fix_merge_base_no_crash),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
