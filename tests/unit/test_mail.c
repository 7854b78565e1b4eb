/* Logs as they reach us (doc/log-format.md §7, pitfalls 5, 6, 15 - 17):
 * pasted from mail ("> " quoting, quoted-printable soft breaks, wrapped
 * lines), CR line ends, embedded NUL bytes, what is not a bisection log
 * at all, and unknown lines that must be counted, not dropped. */
#include "config.h"

#include "unit.h"

#define NUL_SYMBOL "\xe2\x90\x80" /* U+2400, what the model stores for a NUL byte */

/* A reply quoting part of a log that the sender's mail client had
 * wrapped at 72 columns: long lines are cut at spaces, a signature goes
 * to a line of its own. */
static void test_mail_quoted(void **state)
{
	struct blog *log = unit_parse_known(state,
		"On Mon, 6 Mar 2023 at 10:00, Dmitry Vyukov <dvyukov@google.com> wrote:\n"
		"> testing commit " H_A " gcc\n"
		"> compiler: gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils\n"
		"> for Debian) 2.35.2\n"
		"> kernel signature:\n"
		"> " SIG_3 "\n"
		"> all runs: OK\n"
		"> # git bisect good " H_A "\n"
		"> Bisecting: 3746 revisions left to test after this (roughly 12 steps)\n"
		"> [" H_B "] Merge tag 'pci-v6.3-changes'\n"
		"> of git://git.kernel.org/pub/scm/linux/kernel/git/pci/pci\n"
		">\n"
		"> < .. >\n"
		"> > testing commit " H_B " gcc\n"
		"> > compiler: gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils\n"
		"> > for Debian) 2.35.2\n"
		"> > kernel signature:\n"
		"> > " SIG_4 "\n"
		"> > run #0: crashed: possible deadlock in retract_page_tables\n"
		"> > run #1: OK\n"
		"> > # git bisect bad " H_B "\n");
	const struct step *a = STEP(log, 0), *b = STEP(log, 1);

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_true(log->mail_quoted);
	assert_int_equal(log->n_steps, 2);
	/* the wrapped compiler: and kernel signature: lines joined again */
	assert_testing(a, H_A, SIG_3);
	assert_int_equal(a->verdict, VERDICT_GOOD);
	assert_left(a, 3746, 12);
	assert_str(a->next_commit, H_B);
	assert_testing(b, H_B, SIG_4);
	assert_str(b->subject, S_B);
	assert_null(b->build_error);
	assert_int_equal(b->n_runs, 2);
	assert_str(b->runs[0].text, "possible deadlock in retract_page_tables");
	assert_int_equal(b->verdict, VERDICT_BAD);
	/* physical line numbers of the original text */
	assert_int_equal(a->lines.first, 2);
	assert_span(b->lines, 14, 21);
	/* the mail's own line and the elision mark are not log lines */
}

/* A quoted run error that no mail client wrapped (the first line is far
 * longer than any wrap width): its continuation lines stay the detail. */
static void test_mail_quoted_run_error(void **state)
{
	struct blog *log = unit_parse(state,
		"> testing commit " H_A " with " GCC_8 "\n"
		"> kernel signature: " SIG_3 "\n"
		"> run #0: basic kernel testing failed: " SCP_ERROR "\n"
		"> ssh: connect to host 10.128.0.129 port 22: Connection timed out\n"
		"> lost connection\n"
		">\n"
		"> run #1: OK\n"
		"> # git bisect good " H_A "\n");
	const struct step *s = STEP(log, 0);

	assert_true(log->mail_quoted);
	assert_int_equal(s->n_runs, 2);
	assert_int_equal(s->runs[0].outcome, RUN_TEST_FAILED);
	assert_int_equal(s->verdict, VERDICT_GOOD);
	assert_str(s->runs[0].text, SCP_ERROR);
	assert_str(s->runs[0].detail,
		   "ssh: connect to host 10.128.0.129 port 22: Connection timed out\n"
		   "lost connection");
}

/* Quoted-printable: "=3D" escapes and soft line breaks inside a
 * signature and a title, in a quoted reply. */
static void test_mail_quoted_printable(void **state)
{
	struct blog *log = unit_parse_known(state,
		"> ci starts bisection 2023-03-01 22:20:02.119937709 +0000 UTC m=3D+43528.49=\n"
		"1190555\n"
		"> bisecting cause commit starting from " H_ORIG "\n"
		"> testing commit " H_ORIG " gcc\n"
		"> kernel signature: 90195ca6b16c56e8093ea1f493d8d2762199e52bfdda97d0a33bca=\n"
		"3d81e11746\n"
		"> all runs: crashed: possible deadlock in collapse_file\n"
		"> first bad commit: " H_CUL " x86/mm: try VMA=20=\n"
		"lock-based page fault handling first\n");

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_true(log->mail_quoted);
	assert_str(log->host, "ci");
	assert_str(log->start_commit, H_ORIG);
	assert_str(STEP(log, 0)->kernel_signature, SIG_1);
	assert_str(log->result.commit, H_CUL);
	assert_str(log->result.title, "x86/mm: try VMA lock-based page fault handling first");
	assert_int_equal(STEP(log, 0)->lines.last, 7);
}

/* Quoted-printable whose only trace is the soft breaks: a log excerpt
 * has no '=' of its own, so nothing else was escaped. */
static void test_mail_soft_breaks_only(void **state)
{
	struct blog *log = unit_parse_known(state,
		"testing commit " H_ORIG " gcc\n"
		"compiler: gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for D=\n"
		"ebian) 2.35.2\n"
		"kernel signature: 90195ca6b16c56e8093ea1f493d8d2762199e52bfdda97d0a33bca3d8=\n"
		"1e11746\n"
		"all runs: crashed: possible deadlock in collapse_file\n");
	const struct step *s = STEP(log, 0);

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_str(s->kernel_signature, SIG_1);
	assert_str(s->compiler, GCC_DEBIAN);
}

/* A git bisect log quoted in mail, with a subject wrapped after a space
 * (format=flowed keeps the space at the end of the first line). */
static void test_mail_wrapped_gitbisect(void **state)
{
	struct blog *log = unit_parse_known(state,
		"> git bisect start\n"
		"> # status: waiting for both good and bad commits\n"
		"> # bad: [4fe89d07dcc2804c8b562f6c7896a45643d34b2f] Linux 6.0\n"
		"> git bisect bad 4fe89d07dcc2804c8b562f6c7896a45643d34b2f\n"
		"> # status: waiting for good commit(s), bad commit known\n"
		"> # good: [3d7cb6b04c3f3115719235cc6866b10326de34cd] Linux 5.19\n"
		"> git bisect good 3d7cb6b04c3f3115719235cc6866b10326de34cd\n"
		"> # good: [" H_A "] drm/amd/display: fix \n"
		"> calc_pll_max_vco_construct\n"
		"> git bisect good " H_A "\n");
	const struct step *s;

	assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT);
	assert_true(log->mail_quoted);
	assert_int_equal(log->n_steps, 3);
	s = STEP(log, 2);
	assert_str(s->commit, H_A);
	assert_int_equal(s->verdict, VERDICT_GOOD);
	assert_str(s->subject, "drm/amd/display: fix calc_pll_max_vco_construct");
}

/* CR: a whole CRLF file, single lines ending in CR (ssh's warning), and a
 * CR inside data, which is kept. */
static void test_carriage_returns(void **state)
{
	struct blog *crlf = unit_parse_known(state,
		"bisecting cause commit starting from " H_ORIG "\r\n"
		"building syzkaller on " H_SYZ "\r\n"
		"testing commit " H_ORIG " gcc\r\n"
		"compiler: " GCC_DEBIAN "\r\n"
		"kernel signature: " SIG_1 "\r\n"
		"all runs: crashed: possible deadlock in collapse_file\r\n"
		"# git bisect start " H_ORIG " " H_V62 "\r\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\r\n"
		"[" H_A "] " S_A "\r\n"
		"\r\n"
		"testing commit " H_A " gcc\r\n"
		"all runs: OK\r\n"
		"# git bisect good " H_A "\r\n");
	struct blog *mid = unit_parse_known(state,
		"bisecting cause commit starting from " H_ORIG "\n"
		"testing commit " H_A " gcc\n"
		"run #0: basic kernel testing failed: failed to read from console\rssh: connect to host 10.128.0.17 port 22: Connection refused\n"
		"Warning: Permanently added '10.128.0.17' (ECDSA) to the list of known hosts.\r\n"
		"run #1: OK\r\n"
		"# git bisect good " H_A "\r\n");
	const struct step *s;

	assert_int_equal(crlf->kind, KIND_CAUSE);
	assert_str(crlf->start_commit, H_ORIG);
	assert_str(crlf->syzkaller_commit, H_SYZ);
	assert_str(STEP(crlf, 0)->compiler, GCC_DEBIAN);
	assert_str(STEP(crlf, 0)->kernel_signature, SIG_1);
	assert_str(STEP(crlf, 0)->runs[0].text, "possible deadlock in collapse_file");
	assert_str(crlf->bisect_good, H_V62);
	s = phase_step(crlf, PHASE_BISECT, 0);
	assert_str(s->subject, S_A);
	assert_int_equal(s->verdict, VERDICT_GOOD);
	assert_int_equal(s->revisions_left, -1);

	s = STEP(mid, 0);
	assert_int_equal(s->n_runs, 2);
	assert_str(s->runs[0].text, "failed to read from console\rssh: connect to host 10.128.0.17 port 22: Connection refused");
	assert_str(s->runs[0].detail, "Warning: Permanently added '10.128.0.17' (ECDSA) to the list of known hosts.");
	assert_int_equal(s->runs[1].outcome, RUN_OK);
	assert_int_equal(s->verdict, VERDICT_GOOD);
}

/* NUL bytes inside the log and in the crash report: nothing is cut short
 * (explicit length), each NUL is stored as U+2400. */
static void test_nul_bytes(void **state)
{
	static const char text[] =
		"bisecting cause commit starting from " H_ORIG "\n"
		"testing commit " H_A " gcc\n"
		"run #0: basic kernel testing failed: lost connection to test machine\n"
		"console: \0\0 garbage\n"
		"run #1: OK\n"
		"# git bisect good " H_A "\n"
		"revisions tested: 2, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n"
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"crash: WARNING in reg_process_hint\n"
		"------------[ cut here ]------------\n"
		"Unexpected user alpha2: \0\0\n"
		"WARNING: CPU: 0 PID: 5117 at net/wireless/reg.c:3272 reg_process_hint+0x6f2/0x1060\n";
	struct blog *log = unit_parse_len(state, text, sizeof(text) - 1);
	const struct step *s = STEP(log, 0);

	assert_int_equal(log->text_len, sizeof(text) - 1);
	assert_int_equal(log->n_lines, 12);
	assert_int_equal(s->n_runs, 2);
	assert_str(s->runs[0].detail, "console: " NUL_SYMBOL NUL_SYMBOL " garbage");
	assert_int_equal(s->verdict, VERDICT_GOOD);
	assert_int_equal(log->revisions_tested, 2);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.crash_title, "WARNING in reg_process_hint");
	assert_str(log->result.crash_report,
		   "------------[ cut here ]------------\n"
		   "Unexpected user alpha2: " NUL_SYMBOL NUL_SYMBOL "\n"
		   "WARNING: CPU: 0 PID: 5117 at net/wireless/reg.c:3272 reg_process_hint+0x6f2/0x1060");
	assert_int_equal(log->result.crash_lines.last, 12);
	assert_int_equal(log->n_unknown, 0);
}

/* A KASAN report's rule of 66 '=' is long and ends in '=', yet it is no
 * quoted-printable soft break (a literal '=' would be "=3D"): the report
 * keeps the rule on its own line, not joined to the next. */
static void test_kasan_rule_not_soft_break(void **state)
{
	struct blog *log = unit_parse_known(state,
		"bisecting cause commit starting from " H_ORIG "\n"
		"testing commit " H_A " gcc\n"
		"all runs: crashed: KASAN: use-after-free Read in hci_send_acl\n"
		"# git bisect bad " H_A "\n"
		"revisions tested: 1, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n"
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first\n"
		"crash: KASAN: use-after-free Read in hci_send_acl\n"
		"==================================================================\n"
		"BUG: KASAN: use-after-free in hci_send_acl+0x3D/0x20 net/bluetooth/hci_core.c:3201\n"
		"Read of size 8 at addr=ffff88807c0b1c28\n");

	assert_false(log->mail_quoted);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.crash_report,
		   "==================================================================\n"
		   "BUG: KASAN: use-after-free in hci_send_acl+0x3D/0x20 net/bluetooth/hci_core.c:3201\n"
		   "Read of size 8 at addr=ffff88807c0b1c28");
	assert_int_equal(log->result.crash_lines.last, 10);
}

/* The last line may lack its newline (a cut or pasted log). */
static void test_no_final_newline(void **state)
{
	struct blog *log = unit_parse(state,
		"bisecting cause commit starting from " H_ORIG "\n"
		"revisions tested: 16, total time: 5h43m22.2s (build: 3h47m8.2s, test: 1h53m43.2s)\n"
		"first bad commit: " H_CUL " x86/mm: try VMA lock-based page fault handling first");
	struct blog *git = unit_parse(state,
		"git bisect start 'v6.2' 'v6.1'\n"
		"git bisect good " H_A);

	assert_int_equal(log->n_lines, 3);
	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.title, "x86/mm: try VMA lock-based page fault handling first");
	assert_int_equal(log->result.lines.last, 3);
	assert_int_equal(git->n_steps, 3);
	assert_str(STEP(git, 2)->commit, H_A);
}

/* A bare crash report is not a bisection log, but is recognised. */
static void test_format_crash_report(void **state)
{
	struct blog *log = unit_parse(state,
		"======================================================\n"
		"WARNING: possible circular locking dependency detected\n"
		"5.14.0-rc1-syzkaller #0 Not tainted\n"
		"------------------------------------------------------\n"
		"syz-execprog/8431 is trying to acquire lock:\n"
		"ffffffff8c7d6b20 (fs_reclaim){+.+.}-{0:0}, at: __fs_reclaim_acquire+0x0/0x30 mm/page_alloc.c:4210\n"
		"\n"
		"but task is already holding lock:\n"
		"Call Trace:\n"
		" __dump_stack lib/dump_stack.c:88 [inline]\n"
		" dump_stack_lvl+0x64/0xb0 lib/dump_stack.c:106\n");

	assert_int_equal(log->format, LOG_FORMAT_CRASH_REPORT);
	assert_str(log->crash_title, "WARNING: possible circular locking dependency detected");
	assert_int_equal(log->n_steps, 0);
	assert_int_equal(log->kind, KIND_NONE);
	assert_null(log_refusal(log));
}

/* Random text, empty input, binary data and syz-ci patch-testing logs are
 * refused with a reason. */
static void test_format_unknown(void **state)
{
	static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0>\0";
	struct blog *text = unit_parse(state,
		"Hi all,\n"
		"\n"
		"I think this is a bug in the scheduler, see the attached config.\n"
		"Thanks\n");
	struct blog *empty = unit_parse(state, "");
	struct blog *bin = unit_parse_len(state, elf, sizeof(elf) - 1);
	struct blog *patch = unit_parse(state,
		"21-Aug-2026 10:00:01: building syzkaller on " H_SYZ "...\n"
		"21-Aug-2026 10:00:30: fetching kernel...\n"
		"21-Aug-2026 10:01:02: checked out kernel commit " H_V62 " (\"Linux 6.2\", 2023-02-19)\n"
		"21-Aug-2026 10:01:03: applying patch (1234 bytes)...\n"
		"21-Aug-2026 10:20:03: testing patch...\n"
		"21-Aug-2026 10:40:03: testing succeeded, no crash reproduced\n");

	assert_int_equal(text->format, LOG_FORMAT_UNKNOWN);
	assert_non_null(log_refusal(text));
	assert_int_equal(text->n_steps, 0);
	assert_int_equal(text->result.type, RESULT_INCOMPLETE);

	assert_int_equal(empty->format, LOG_FORMAT_UNKNOWN);
	assert_contains(log_refusal(empty), "empty");

	assert_int_equal(bin->format, LOG_FORMAT_UNKNOWN);
	assert_contains(log_refusal(bin), "binary");

	assert_int_equal(patch->format, LOG_FORMAT_UNKNOWN);
	assert_contains(log_refusal(patch), "patch-testing");
	assert_null(patch->syzkaller_commit);
}

/* Lines that match nothing outside a multi-line item are counted as
 * unknown, with their line numbers, and parsing goes on after them. */
static void test_unknown_lines_counted(void **state)
{
	struct blog *log = unit_parse(state,
		SYZ_HEADER
		TESTING(H_ORIG, SIG_1)
		"all runs: crashed: possible deadlock in collapse_file\n"
		"# git bisect start " H_ORIG " " H_V62 "\n"
		"this line was added by hand\n"
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n"
		"[" H_A "] " S_A "\n"
		"testing commit " H_A " gcc\n"
		"all runs: OK\n"
		"# git bisect good " H_A "\n"
		"and so was this one\n"
		"revisions tested: 2, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n");

	assert_int_equal(log->n_unknown, 2);
	assert_int_equal(log->unknown[0], 8);
	assert_int_equal(log->unknown[1], 14);
	assert_int_equal(log->initial_revisions, 0);
	assert_str(phase_step(log, PHASE_BISECT, 0)->subject, S_A);
	assert_int_equal(phase_step(log, PHASE_BISECT, 0)->verdict, VERDICT_GOOD);
	assert_int_equal(log->revisions_tested, 2);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_mail_quoted),
		UNIT_TEST(test_mail_quoted_run_error),
		UNIT_TEST(test_mail_quoted_printable),
		UNIT_TEST(test_mail_soft_breaks_only),
		UNIT_TEST(test_mail_wrapped_gitbisect),
		UNIT_TEST(test_carriage_returns),
		UNIT_TEST(test_nul_bytes),
		UNIT_TEST(test_no_final_newline),
		UNIT_TEST(test_kasan_rule_not_soft_break),
		UNIT_TEST(test_format_crash_report),
		UNIT_TEST(test_format_unknown),
		UNIT_TEST(test_unknown_lines_counted),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
