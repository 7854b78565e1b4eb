/* syzbot logs: after git converged (doc/log-format.md §3.5 show block, §3.7)
 * and the summary / result (§3.8). */
#include "config.h"

#include "unit.h"

#define REVISIONS \
	"revisions tested: 16, total time: 5h43m22.238573904s (build: 3h47m8.255969875s, test: 1h53m43.216598355s)\n"

/* The end of the git section of the 2023 sample: its last step, good,
 * then (CONVERGED) git's show block of the culprit. */
#define LAST_STEP_GOOD \
	SYZ_HEADER \
	"# git bisect start " H_ORIG " " H_V62 "\n" \
	"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n" \
	"[" H_PAR "] mm: introduce per-VMA lock statistics\n" \
	"\n" \
	TESTING(H_PAR, SIG_PAR) \
	"all runs: OK\n" \
	"# git bisect good " H_PAR "\n"
#define CONVERGED \
	LAST_STEP_GOOD \
	SHOW_CUL \
	"    \n" \
	"    Attempt VMA lock-based page fault handling first, and fall back to the\n" \
	"    existing mmap_lock-based handling if that fails.\n" \
	"    \n" \
	"    Link: https://lkml.kernel.org/r/20230227173632.3292573-30-surenb@google.com\n" \
	"    Signed-off-by: Suren Baghdasaryan <surenb@google.com>\n" \
	"    Signed-off-by: Andrew Morton <akpm@linux-foundation.org>\n" \
	"\n" \
	" arch/x86/Kconfig    |  1 +\n" \
	" arch/x86/mm/fault.c | 36 ++++++++++++++++++++++++++++++++++++\n" \
	" 2 files changed, 37 insertions(+)\n" \
	"\n"
#define CONVERGED_LINES 29

#define MESSAGE \
	"x86/mm: try VMA lock-based page fault handling first\n" \
	"\n" \
	"Attempt VMA lock-based page fault handling first, and fall back to the\n" \
	"existing mmap_lock-based handling if that fails.\n" \
	"\n" \
	"Link: https://lkml.kernel.org/r/20230227173632.3292573-30-surenb@google.com\n" \
	"Signed-off-by: Suren Baghdasaryan <surenb@google.com>\n" \
	"Signed-off-by: Andrew Morton <akpm@linux-foundation.org>"

/* A 2023 culprit: show block (--stat), signatures, summary, recipients,
 * crash trailer. */
static void test_culprit_2023(void **state)
{
	struct blog *log = unit_parse_known(state, CONVERGED
		"culprit signature: " SIG_CUL "\n"
		"parent  signature: " SIG_PAR "\n"
		REVISIONS
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"recipients (to): [\"akpm@linux-foundation.org\" \"surenb@google.com\"]\n"
		"recipients (cc): []\n"
		"crash: possible deadlock in retract_page_tables\n"
		"======================================================\n"
		"WARNING: possible circular locking dependency detected\n"
		"6.2.0-syzkaller #0 Not tainted\n");
	const struct result *r = &log->result;
	const struct show_block *sb = r->show;

	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, H_CUL);
	assert_str(r->title, "x86/mm: try VMA lock-based page fault handling first");
	assert_non_null(sb);
	assert_str(sb->commit, H_CUL);
	assert_null(sb->merge);
	assert_str(sb->author, "Suren Baghdasaryan <surenb@google.com>");
	assert_str(sb->date, "Mon Feb 27 09:36:28 2023 -0800");
	assert_int_equal(sb->lines.first, 12);
	assert_int_equal(sb->n_stat, 3);
	assert_str(sb->stat[0], " arch/x86/Kconfig    |  1 +");
	assert_str(sb->stat[2], " 2 files changed, 37 insertions(+)");
	assert_str(r->culprit_signature, SIG_CUL);
	assert_str(r->parent_signature, SIG_PAR);
	assert_false(r->noop);
	assert_null(r->parent_commit);
	assert_int_equal(log->revisions_tested, 16);
	assert_str(log->total_time, "5h43m22.238573904s");
	assert_str(log->build_time, "3h47m8.255969875s");
	assert_str(log->test_time, "1h53m43.216598355s");
	assert_int_equal(r->n_to, 2);
	assert_str(r->to[0], "akpm@linux-foundation.org");
	assert_str(r->to[1], "surenb@google.com");
	assert_int_equal(r->n_cc, 0);
	assert_str(r->crash_title, "possible deadlock in retract_page_tables");
	assert_str(r->crash_report,
		   "======================================================\n"
		   "WARNING: possible circular locking dependency detected\n"
		   "6.2.0-syzkaller #0 Not tainted");
	assert_span(r->crash_lines, CONVERGED_LINES + 7, CONVERGED_LINES + 10);
	assert_false(log->flaky);
	assert_true(log->repro_chance < 0);
	assert_true(log->error_probability < 0);
	/* the culprit was tested only as git's bad; the last step was good */
	assert_int_equal(STEP(log, log->n_steps - 1)->verdict, VERDICT_GOOD);
}

/* The message is the indented body, without the blank line that
 * separates it from the diffstat. */
static void test_show_message(void **state)
{
	struct blog *log = unit_parse(state, CONVERGED REVISIONS
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n");
	const struct show_block *sb = log->result.show;

	assert_non_null(sb);
	assert_starts(sb->message, MESSAGE);
	assert_str(sb->message, MESSAGE);
}

/* Before Nov 2019: raw diff-tree lines, empty body lines, no blank line
 * after git output, tag names in git bisect start, "cc:" recipients. */
static void test_culprit_2019_raw(void **state)
{
	struct blog *log = unit_parse_known(state, SYZ_HEADER
		"testing commit " H_ORIG " with gcc (GCC) 8.0.1 20180413 (experimental)\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"testing release v5.0\n"
		"testing commit " H_V62 " with gcc (GCC) 8.0.1 20180413 (experimental)\n"
		"all runs: OK\n"
		"# git bisect start " H_ORIG " v5.0\n"
		"Bisecting: 1 revision left to test after this (roughly 1 step)\n"
		"[" H_A "] tcp: add tcp_inet6_sk() helper\n"
		"testing commit " H_A " with gcc (GCC) 8.0.1 20180413 (experimental)\n"
		"all runs: crashed: KASAN: use-after-free Read in tcp_write_timer\n"
		"# git bisect bad " H_A "\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n"
		"[" H_B "] tcp: fix a compile error in DBGUNDO()\n"
		"testing commit " H_B " with gcc (GCC) 8.0.1 20180413 (experimental)\n"
		"all runs: OK\n"
		"# git bisect good " H_B "\n"
		H_A " is the first bad commit\n"
		"commit " H_A "\n"
		"Author: Eric Dumazet <edumazet@google.com>\n"
		"Date:   Fri Mar 22 08:56:40 2019 -0700\n"
		"\n"
		"    tcp: add tcp_inet6_sk() helper\n"
		"\n"
		"    TCP ipv6 fast path dereferences a pointer to get to its inet6\n"
		"    part of a tcp socket.\n"
		"\n"
		"    Signed-off-by: Eric Dumazet <edumazet@google.com>\n"
		"\n"
		":100644 100644 633d9e2b0d4e7f1c3a2e5b8c9d0f1a2b3c4d5e6e 26c9f3a8b7e6d5c4b3a29180f7e6d5c4b3a2f1e4 M\tMakefile\n"
		":040000 040000 cabd2c8b7e4e0a8a7b3e3c9b7b8a8d1a4c7f0e8d 6bc9d3e8f0a1b2c3d4e5f60718293a4b5c6d7e8f M\tinclude\n"
		":040000 040000 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d 1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e M\tnet\n"
		"revisions tested: 4, total time: 1h1m2.3s (build: 30m1s, test: 31m1.3s)\n"
		"first bad commit: " H_A " tcp: add tcp_inet6_sk() helper\n"
		"cc: [\"davem@davemloft.net\" \"edumazet@google.com\" \"kuznet@ms2.inr.ac.ru\" \"linux-kernel@vger.kernel.org\" \"netdev@vger.kernel.org\" \"yoshfuji@linux-ipv6.org\"]\n"
		"crash: KASAN: use-after-free Read in tcp_write_timer\n"
		"==================================================================\n"
		"BUG: KASAN: use-after-free in tcp_write_timer+0x1c1/0x1e0 net/ipv4/tcp_timer.c:616\n");
	const struct result *r = &log->result;

	assert_str(log->bisect_good, "v5.0");
	assert_str(phase_step(log, PHASE_RELEASE, 0)->label, "v5.0");
	assert_int_equal(phase_step(log, PHASE_RELEASE, 0)->verdict, VERDICT_GOOD);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "BG");
	assert_str(phase_step(log, PHASE_BISECT, 0)->subject, "tcp: add tcp_inet6_sk() helper");
	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, H_A);
	assert_non_null(r->show);
	assert_str(r->show->author, "Eric Dumazet <edumazet@google.com>");
	assert_starts(r->show->message, "tcp: add tcp_inet6_sk() helper\n\nTCP ipv6 fast path");
	assert_contains(r->show->message, "Signed-off-by: Eric Dumazet <edumazet@google.com>");
	assert_int_equal(r->show->n_stat, 3);
	assert_str(r->show->stat[0],
		   ":100644 100644 633d9e2b0d4e7f1c3a2e5b8c9d0f1a2b3c4d5e6e 26c9f3a8b7e6d5c4b3a29180f7e6d5c4b3a2f1e4 M\tMakefile");
	assert_str(r->show->stat[2],
		   ":040000 040000 0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d 1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e M\tnet");
	assert_null(r->culprit_signature);
	assert_int_equal(r->n_to, 0);
	assert_int_equal(r->n_cc, 6);
	assert_str(r->cc[0], "davem@davemloft.net");
	assert_str(r->cc[5], "yoshfuji@linux-ipv6.org");
	assert_str(r->crash_title, "KASAN: use-after-free Read in tcp_write_timer");
	assert_int_equal(log->revisions_tested, 4);
	assert_str(log->build_time, "30m1s");
}

/* Found by fuzzing: the error probability line cut after its label, or
 * carrying no probability, leaves none (strtod was given NULL). */
static void test_error_probability_cut(void **state)
{
	static const char *const bad[] = { "", "   ", "nan", "-0.5", "1e9", "x" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *text = talloc_asprintf(*state, CONVERGED "accumulated error probability: %s\n"
					     REVISIONS, bad[i]);
		struct blog *log = unit_parse_known(state, text);

		assert_true(log->error_probability < 0);
	}
}

/* §3.7: error probability, the untested parent's build-only block (no
 * runs, no verdict, not a bisect step), flaky estimate, to/cc lists. */
static void test_parent_build_and_estimates(void **state)
{
	struct blog *log = unit_parse_known(state, CONVERGED
		"accumulated error probability: 0.12\n"
		"parent commit " H_B " wasn't tested\n"
		TESTING(H_B, SIG_4)
		"culprit signature: " SIG_CUL "\n"
		"parent  signature: " SIG_4 "\n"
		"reproducer is flaky (0.35 repro chance estimate)\n"
		REVISIONS
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"recipients (to): [\"akpm@linux-foundation.org\"]\n"
		"recipients (cc): [\"linux-mm@kvack.org\" \"linux-mm@kvack.org\"]\n");
	const struct step *p = STEP(log, log->n_steps - 1);

	assert_float_equal(log->error_probability, 0.12, 1e-9);
	assert_int_equal(count_phase(log, PHASE_PARENT_BUILD), 1);
	assert_int_equal(count_phase(log, PHASE_BISECT), 1);
	assert_step(p, PHASE_PARENT_BUILD, H_B, VERDICT_NONE);
	assert_testing(p, H_B, SIG_4);
	assert_int_equal(p->n_runs, 0);
	assert_false(p->verdict_inferred);
	assert_span(p->lines, CONVERGED_LINES + 2, CONVERGED_LINES + 5);
	assert_str(log->result.parent_commit, H_B);
	assert_str(log->result.parent_signature, SIG_4);
	assert_false(log->result.noop);
	assert_true(log->flaky);
	assert_float_equal(log->repro_chance, 0.35, 1e-9);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_int_equal(log->result.n_to, 1);
	assert_int_equal(log->result.n_cc, 2); /* duplicates are kept */
	assert_str(log->result.cc[1], "linux-mm@kvack.org");
}

/* Equal signatures: the culprit did not change the binary. Both the
 * 2019-12+ form (two spaces after "parent") and the Nov 2019 form
 * ("kernel signature:   " + "previous signature:"). */
static void test_noop_signatures(void **state)
{
	struct blog *now = unit_parse_known(state, CONVERGED
		"culprit signature: " SIG_PAR "\n"
		"parent  signature: " SIG_PAR "\n"
		REVISIONS);
	struct blog *old = unit_parse_known(state, SYZ_HEADER
		"# git bisect start " H_ORIG " v5.3\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n"
		"[" H_PAR "] mm: introduce per-VMA lock statistics\n"
		TESTING_WITH(H_PAR, "gcc (GCC) 9.0.0 20181231 (experimental)", "5ad662a6e794527e42d69ef12dfa2a1849cc1731")
		"all runs: OK\n"
		"# git bisect good " H_PAR "\n"
		H_CUL " is the first bad commit\n"
		"commit " H_CUL "\n"
		"Author: Suren Baghdasaryan <surenb@google.com>\n"
		"Date:   Mon Feb 27 09:36:28 2019 -0800\n"
		"\n"
		"    x86/mm: try VMA lock-based page fault handling first\n"
		"\n"
		STAT_36("arch/x86/mm/fault.c")
		"kernel signature:   5ad662a6e794527e42d69ef12dfa2a1849cc1731\n"
		"previous signature: 5ad662a6e794527e42d69ef12dfa2a1849cc1731\n"
		"revisions tested: 9, total time: 2h1m2s (build: 1h, test: 1h1m2s)\n"
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n");

	assert_true(now->result.noop);
	assert_str(old->result.culprit_signature, "5ad662a6e794527e42d69ef12dfa2a1849cc1731");
	assert_str(old->result.parent_signature, "5ad662a6e794527e42d69ef12dfa2a1849cc1731");
	assert_true(old->result.noop);
	/* a summary line, not the signature of a build */
	assert_int_equal(old->n_steps, 1);
	assert_int_equal(old->result.show->n_stat, 2);
	assert_str(old->result.commit, H_CUL);
}

/* A merge-commit culprit: "Merge:" line, no diffstat, no signatures;
 * secondary "failed to detect" errors become warnings. */
static void test_merge_culprit_and_warnings(void **state)
{
	struct blog *log = unit_parse_known(state, LAST_STEP_GOOD
		H_D " is the first bad commit\n"
		"commit " H_D "\n"
		"Merge: 0e2f689a3905 68eb89322a46\n"
		"Author: Linus Torvalds <torvalds@linux-foundation.org>\n"
		"Date:   Tue Feb 28 11:46:29 2023 -0800\n"
		"\n"
		"    Merge branch 'for-next' of git://git.kernel.org/pub/scm/linux/kernel/git/krzk/linux.git\n"
		"    \n"
		"    Conflicts:\n"
		"            arch/arm64/boot/dts/Makefile\n"
		"\n"
		"failed to detect release: failed to run [\"git\" \"describe\"]: exit status 128\n"
		"failed to detect noop change: no parent commit\n"
		REVISIONS
		"first bad commit: " H_D " Merge branch 'for-next' of git://git.kernel.org/pub/scm/linux/kernel/git/krzk/linux.git\n");
	const struct result *r = &log->result;

	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->show->merge, "0e2f689a3905 68eb89322a46");
	assert_str(r->show->author, "Linus Torvalds <torvalds@linux-foundation.org>");
	assert_contains(r->show->message, "Conflicts:");
	assert_int_equal(r->show->n_stat, 0);
	assert_null(r->culprit_signature);
	assert_null(r->parent_signature);
	assert_false(r->noop);
	assert_int_equal(log->n_warnings, 2);
	assert_str(log->warnings[0], "failed to detect release: failed to run [\"git\" \"describe\"]: exit status 128");
	assert_str(log->warnings[1], "failed to detect noop change: no parent commit");
}

/* Everything after "crash:" is the report, even lines that look like log
 * lines; an empty report is a single blank line. */
static void test_crash_trailer(void **state)
{
	struct blog *log = unit_parse_known(state, CONVERGED REVISIONS
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"crash: SYZFATAL: executor failed NUM times: failed to mkdir\n"
		"testing commit " H_A " gcc\n"
		"run #0: OK\n"
		"error: this is part of the report\n"
		"# git bisect bad " H_A "\n"
		"Call Trace:\n"
		"\n"
		"\n");
	struct blog *empty = unit_parse(state, SYZ_HEADER REVISIONS
		"the crash already happened on the oldest tested release\n"
		"commit msg: Linux 5.11\n"
		"crash: no output from test machine\n"
		"\n");
	size_t steps = count_phase(log, PHASE_BISECT);

	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_null(log->result.error);
	assert_int_equal(steps, 1);
	assert_str(log->result.crash_title, "SYZFATAL: executor failed NUM times: failed to mkdir");
	assert_str(log->result.crash_report,
		   "testing commit " H_A " gcc\n"
		   "run #0: OK\n"
		   "error: this is part of the report\n"
		   "# git bisect bad " H_A "\n"
		   "Call Trace:");

	assert_int_equal(empty->result.type, RESULT_BOUNDARY);
	assert_str(empty->result.crash_title, "no output from test machine");
	assert_true(empty->result.crash_report == NULL || empty->result.crash_report[0] == '\0');
	assert_str(empty->result.boundary_commit_title, "Linux 5.11");
}

/* Fix bisection success: "first good commit:", usually no crash trailer. */
static void test_fix_first_good_commit(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		REVISIONS
		"first good commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"recipients (to): [\"surenb@google.com\"]\n"
		"recipients (cc): []\n");

	assert_int_equal(log->kind, KIND_FIX);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.commit, H_CUL);
	assert_str(log->result.title, "x86/mm: try VMA lock-based page fault handling first");
	assert_null(log->result.crash_title);
	assert_int_equal(log->result.n_to, 1);
}

/* Inconclusive: the fix wording, and the 2020-07 - 2023-02 list printed
 * without any git bisect when every release failed to build (the two
 * candidates are the same hash). */
static void test_inconclusive(void **state)
{
	struct blog *fix = unit_parse_known(state,
		"bisecting fixing commit since " H_ORIG "\n"
		"building syzkaller on " H_SYZ "\n"
		REVISIONS
		"bisection is inconclusive, the first good commit could be any of:\n"
		H_A "\n"
		H_B "\n"
		H_C "\n");
	struct blog *nogit = unit_parse_known(state,
		SYZ_REPRODUCED_WITH(GCC_10, "KASAN: use-after-free Read in tcp_write_timer")
		"testing release v5.11\n"
		"testing commit " H_V62 " with " GCC_10 "\n"
		"./arch/x86/include/asm/bitops.h:12:1: error: unknown type name 'u8'\n"
		"testing release v5.10\n"
		"testing commit " H_A " with " GCC_10 "\n"
		"./arch/x86/include/asm/bitops.h:12:1: error: unknown type name 'u8'\n"
		"revisions tested: 3, total time: 1h2m3.4s (build: 1h0m1s, test: 2m2.4s)\n"
		"bisection is inconclusive, the first bad commit could be any of:\n"
		H_ORIG "\n"
		H_ORIG "\n");

	assert_int_equal(fix->result.type, RESULT_INCONCLUSIVE);
	assert_int_equal(fix->result.n_candidates, 3);
	assert_str(fix->result.candidates[0], H_A);
	assert_str(fix->result.candidates[1], H_B);
	assert_str(fix->result.candidates[2], H_C);
	assert_int_equal(fix->result.n_git_candidates, 0);

	assert_null(nogit->bisect_bad);
	assert_int_equal(nogit->result.type, RESULT_INCONCLUSIVE);
	assert_int_equal(nogit->result.n_candidates, 2);
	assert_str(nogit->result.candidates[0], H_ORIG);
	assert_str(nogit->result.candidates[1], H_ORIG);
	assert_string_equal(verdict_letters(*state, nogit, PHASE_RELEASE), "SS");
	assert_contains(phase_step(nogit, PHASE_RELEASE, 1)->build_error, "unknown type name 'u8'");
}

/* Every boundary wording, old and new, cause and fix. */
static void test_boundary_wordings(void **state)
{
	static const struct {
		bool fix;
		const char *lines;
	} cases[] = {
		{ false, "the crash already happened on the oldest tested release" },
		{ true, "the crash still happens on HEAD" },
		{ false, "crash still not fixed/happens on the oldest tested release\n"
			 "oldest tested release already had the bug or it had kernel test errors" },
		{ true, "crash still not fixed/happens on the oldest tested release\n"
			"HEAD had kernel build, boot or test errors" },
		{ true, "crash still not fixed/happens on the oldest tested release\n"
			"crash still not fixed on HEAD or HEAD had kernel test errors" },
		{ true, "crash still not fixed or there were kernel test errors" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *text = talloc_asprintf(*state, "%s%s%s\ncommit msg: Linux 6.2\n",
			cases[i].fix ? "bisecting fixing commit since " H_ORIG "\n"
				     : "bisecting cause commit starting from " H_ORIG "\n",
			REVISIONS, cases[i].lines);
		struct blog *log = unit_parse_known(state, text);

		assert_int_equal(log->kind, cases[i].fix ? KIND_FIX : KIND_CAUSE);
		assert_int_equal(log->result.type, RESULT_BOUNDARY);
		assert_str(log->result.boundary, cases[i].lines);
		assert_str(log->result.boundary_commit_title, "Linux 6.2");
		/* header, revisions, boundary line(s), commit msg */
		assert_int_equal(log->result.lines.last,
				 4 + (strchr(cases[i].lines, '\n') ? 1 : 0));
	}
}

/* error: text runs to the end of the file, blank lines and log-looking
 * lines included. */
static void test_error_multiline(void **state)
{
	struct blog *log = unit_parse_known(state, SYZ_HEADER
		TESTING(H_ORIG, SIG_1)
		"all runs: OK\n"
		"revisions tested: 1, total time: 0s (build: 0s, test: 0s)\n"
		"error: failed to run [\"git\" \"checkout\" \"" H_A "\"]: exit status 128\n"
		"fatal: reference is not a tree: " H_A "\n"
		"\n"
		"make: *** [Makefile:1234: vmlinux] Error 2\n"
		"testing commit " H_B " gcc\n");
	const struct result *r = &log->result;

	assert_int_equal(r->type, RESULT_ERROR);
	assert_str(r->error,
		   "failed to run [\"git\" \"checkout\" \"" H_A "\"]: exit status 128\n"
		   "fatal: reference is not a tree: " H_A "\n"
		   "\n"
		   "make: *** [Makefile:1234: vmlinux] Error 2\n"
		   "testing commit " H_B " gcc");
	assert_span(r->lines, 8, 12);
	assert_int_equal(log->n_steps, 1);
	assert_int_equal(log->revisions_tested, 1);
	assert_str(log->total_time, "0s");
	assert_str(log->build_time, "0s");
	assert_str(log->test_time, "0s");
}

/* Incomplete: a fragment with no header and no summary still gives a
 * partial model. */
static void test_incomplete_fragment(void **state)
{
	struct blog *log = unit_parse_known(state,
		TESTING(H_A, SIG_3)
		"all runs: OK\n"
		"# git bisect good " H_A "\n"
		"Bisecting: 3746 revisions left to test after this (roughly 12 steps)\n"
		"[" H_B "] " S_B "\n"
		"\n"
		"testing commit " H_B " gcc\n"
		"compiler: " GCC_DEBIAN "\n");

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_int_equal(log->kind, KIND_NONE);
	assert_null(log->start_commit);
	assert_int_equal(log->n_steps, 2);
	assert_int_equal(STEP(log, 0)->phase, PHASE_BISECT);
	assert_int_equal(STEP(log, 0)->verdict, VERDICT_GOOD);
	assert_int_equal(STEP(log, 0)->revisions_left, 3746);
	assert_str(STEP(log, 1)->commit, H_B);
	assert_str(STEP(log, 1)->subject, "Merge tag 'pci-v6.3-changes' of git://git.kernel.org/pub/scm/linux/kernel/git/pci/pci");
	assert_int_equal(STEP(log, 1)->verdict, VERDICT_NONE);
	assert_int_equal(STEP(log, 1)->n_runs, 0);
	assert_int_equal(log->result.type, RESULT_INCOMPLETE);
	assert_int_equal(log->revisions_tested, -1);
}

/* 2020-11 - 2023-07: the flag without an estimate. */
static void test_flagged_flaky(void **state)
{
	struct blog *log = unit_parse_known(state, CONVERGED
		"Reproducer flagged being flaky\n"
		REVISIONS);

	assert_true(log->flaky);
	assert_true(log->repro_chance < 0);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_culprit_2023),
		UNIT_TEST(test_show_message),
		UNIT_TEST(test_culprit_2019_raw),
		UNIT_TEST(test_error_probability_cut),
		UNIT_TEST(test_parent_build_and_estimates),
		UNIT_TEST(test_noop_signatures),
		UNIT_TEST(test_merge_culprit_and_warnings),
		UNIT_TEST(test_crash_trailer),
		UNIT_TEST(test_fix_first_good_commit),
		UNIT_TEST(test_inconclusive),
		UNIT_TEST(test_boundary_wordings),
		UNIT_TEST(test_error_multiline),
		UNIT_TEST(test_incomplete_fragment),
		UNIT_TEST(test_flagged_flaky),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
