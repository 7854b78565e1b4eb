/* Shared helpers of the cmocka parser tests.
 *
 * Every test runs between unit_setup() and unit_teardown(): the setup
 * notes how many talloc blocks exist and hands the test a fresh context
 * (*state); the teardown frees that context and fails the test when the
 * block count did not return to where it was (a leak check). main() must
 * call unit_init() first, which turns on talloc's null tracking.
 *
 * A test file includes "config.h" first, then this header, which brings
 * what cmocka needs (stdarg, stddef, setjmp, stdint), cmocka, talloc and
 * the parser's API.
 */
#ifndef BISVIEW_TESTS_UNIT_H
#define BISVIEW_TESTS_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "log/parse.h"

/* Real hashes and signatures, taken from the sample logs in tests/data
 * and other syzbot and git logs (H_NEW is made up), and the subjects of
 * some of them. */
#define H_ORIG "1716a175592aff9549a0c07aac8f9cadd03003f5"
#define H_SYZ  "f8902b5747fbe3d5b860bd782eec63fc9c7da6e7"
#define H_V62  "c9c3395d5e3dcc6daee66c6908354d47bf98cb0c"
#define H_A    "307e14c039063f0c9bd7a18a7add8f940580dcc9"
#define H_B    "90ddb3f03418cce0d83c415c0c1d470cf524ba46"
#define H_C    "cc38a46de76e15d20bea5768e99af17b65a9caeb"
#define H_D    "8770739123e236a33d695939f219bba58014e58d"
#define H_CUL  "3d7cb67369a08d4933713290acf458990a50b6f9"
#define H_PAR  "36306b229dfd5488c7c15c3795cc3bae611e5d2f"
#define H_V61  "830b3c68c1fb1e9176028d02ef86f3cf76aa2476"
#define H_V60  "4fe89d07dcc2804c8b562f6c7896a45643d34b2f"
#define H_519  "3d7cb6b04c3f3115719235cc6866b10326de34cd"
#define H_V65  "2dde18cd1d8fac735875f2e4987f11817cc0bc2c"
#define H_V64  "6995e2de6891c724bfeb2db33d7b87775f913ad1"
#define H_MB   "5d0c230f1de8c7515b6567d9afba1f196fb4e2f4"
#define H_HEAD "0bb80ecc33a8fb5a682236443c1e740d5c917d1d"
#define H_NEW  "d8ff9a6b7e5b4e3b2a1f0e9d8c7b6a5f4e3d2c1b"
#define S_A "Merge tag '6.3-rc-smb3-client-fixes' of git://git.samba.org/sfrench/cifs-2.6"
#define S_B "Merge tag 'pci-v6.3-changes' of git://git.kernel.org/pub/scm/linux/kernel/git/pci/pci"
#define S_C "Merge tag 'rpmsg-v6.3' of git://git.kernel.org/pub/scm/linux/kernel/git/remoteproc/linux"
#define S_PAR "mm: introduce per-VMA lock statistics"
#define T_CUL "x86/mm: try VMA lock-based page fault handling first"
#define SIG_1  "90195ca6b16c56e8093ea1f493d8d2762199e52bfdda97d0a33bca3d81e11746"
#define SIG_2  "ab0499845c45ebc5999dc24b23472c6420c626d04fde28cfbdbe64f48bf8722b"
#define SIG_3  "0871c94db60b38381b6ad6417ee3bd154d8700ac54d5b0170ea7eac9fb3afe30"
#define SIG_4  "3d97f6c0f4d4fa97b31230e1951bf5e3acc61c7b83a7e61e44b9ddcfdbcedefb"
#define SIG_CUL "0915335f367de07252fb6a9b9346b2ba6aeeec44dd2f996128b2448466a82d75"
#define SIG_PAR "caa574d5505b2a7184fc3a76b5a147db0bb235f0053ca25ae2c748a70f6c61ac"
#define GCC_DEBIAN "gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2"
#define GCC_8 "gcc (GCC) 8.1.0"
#define GCC_10 "gcc (GCC) 10.2.1 20210217"

/* Lines that most excerpts of syzbot logs share (doc/log-format.md): the
 * header of a cause bisection from H_ORIG; that header, the check that
 * H_ORIG reproduces the crash and the blank line after it; the first lines
 * of a test of commit h built with GCC_DEBIAN, its kernel signature sig. */
#define SYZ_HEADER \
	"bisecting cause commit starting from " H_ORIG "\n" \
	"building syzkaller on " H_SYZ "\n"
#define SYZ_START \
	SYZ_HEADER \
	"ensuring issue is reproducible on original commit " H_ORIG "\n" \
	"\n"
/* git's show block of H_CUL, the deadlock log's culprit, to its title */
#define SHOW_CUL \
	H_CUL " is the first bad commit\n" \
	"commit " H_CUL "\n" \
	"Author: Suren Baghdasaryan <surenb@google.com>\n" \
	"Date:   Mon Feb 27 09:36:28 2023 -0800\n" \
	"\n" \
	"    " T_CUL "\n"
#define TESTING(h, sig) \
	"testing commit " h " gcc\n" \
	"compiler: " GCC_DEBIAN "\n" \
	"kernel signature: " sig "\n"
/* ... and as they were before 2023, the compiler (GCC_8, GCC_10, ...) in
 * the testing line's "with" text */
#define TESTING_WITH(h, compiler, sig) \
	"testing commit " h " with " compiler "\n" \
	"kernel signature: " sig "\n"
/* The usual opening of a log: the start commit's test, every run
 * crashing with title; as 2023 logs have it, and before (no "ensuring"
 * line, the compiler in the testing line) */
#define SYZ_REPRODUCED(title) \
	SYZ_START \
	TESTING(H_ORIG, SIG_1) \
	"all runs: crashed: " title "\n"
#define SYZ_REPRODUCED_WITH(compiler, title) \
	SYZ_HEADER \
	TESTING_WITH(H_ORIG, compiler, SIG_1) \
	"all runs: crashed: " title "\n"
/* git's --stat of a change that adds 36 lines to one file (H_CUL's adds
 * them to arch/x86/mm/fault.c) */
#define STAT_36(path) \
	" " path " | 36 ++++++++++++++++++++++++++++++++++++\n" \
	" 1 file changed, 36 insertions(+)\n"
/* the text of a run that failed to copy the test binary (2020, the
 * scp command line in full) */
#define SCP_ERROR \
	"failed to copy test binary to VM: failed to run [\"scp\" \"-P\" \"22\" \"-F\" \"/dev/null\" " \
	"\"-o\" \"UserKnownHostsFile=/dev/null\" \"-o\" \"BatchMode=yes\" \"-o\" \"IdentitiesOnly=yes\" " \
	"\"-o\" \"StrictHostKeyChecking=no\" \"-o\" \"ConnectTimeout=10\" \"-i\" " \
	"\"/syzkaller/jobs/linux/workdir/image/key\" \"/tmp/syz-executor865813469\" " \
	"\"root@10.128.0.129:./syz-executor865813469\"]: exit status 1"

struct unit_fixture {
	void *ctx;     /* parent of everything one test parses */
	size_t blocks; /* talloc_total_blocks(NULL) before the test */
};

static inline struct unit_fixture *unit_fixture(void)
{
	static struct unit_fixture f;

	return &f;
}

static inline void unit_talloc_abort(const char *reason)
{
	fail_msg("talloc aborted: %s", reason);
}

/* First call of every test program's main(). */
static inline void unit_init(void)
{
	talloc_enable_null_tracking();
	talloc_set_abort_fn(unit_talloc_abort);
	/* the null context itself is an allocation: free it at exit so
	 * LeakSanitizer sees nothing left */
	atexit(talloc_disable_null_tracking);
}

static inline int unit_setup(void **state)
{
	struct unit_fixture *f = unit_fixture();

	f->blocks = talloc_total_blocks(NULL);
	f->ctx = talloc_new(NULL);
	*state = f->ctx;
	return f->ctx ? 0 : -1;
}

static inline int unit_teardown(void **state)
{
	struct unit_fixture *f = unit_fixture();

	talloc_free(f->ctx);
	f->ctx = NULL;
	*state = NULL;
	if (talloc_total_blocks(NULL) != f->blocks) {
		talloc_report_full(NULL, stderr);
		fail_msg("talloc leak: %zu blocks before the test, %zu after",
			 f->blocks, talloc_total_blocks(NULL));
	}
	return 0;
}

#define UNIT_TEST(f) cmocka_unit_test_setup_teardown(f, unit_setup, unit_teardown)

/* Parse a NUL-terminated excerpt under the test's context. */
static inline struct blog *unit_parse(void **state, const char *text)
{
	struct blog *log = log_parse(*state, "unit.log", text, strlen(text));

	assert_non_null(log);
	return log;
}

/* Parse bytes that may hold NUL (explicit length). */
static inline struct blog *unit_parse_len(void **state, const char *text, size_t len)
{
	struct blog *log = log_parse(*state, "unit.log", text, len);

	assert_non_null(log);
	return log;
}

/* Parse an excerpt every line of which the parser must know (most tests'
 * case): fails the test, naming the unknown lines, when any is left. */
static inline struct blog *unit_parse_known_at(void **state, const char *text,
					       const char *file, int line)
{
	struct blog *log = unit_parse(state, text);

	for (size_t i = 0; i < log->n_unknown; i++)
		print_error("line %d of the excerpt is unknown\n", log->unknown[i]);
	_assert_int_equal(cast_to_largest_integral_type(log->n_unknown), 0, file, line);
	return log;
}
#define unit_parse_known(state, text) unit_parse_known_at((state), (text), __FILE__, __LINE__)

static inline size_t count_phase(const struct blog *log, enum step_phase phase)
{
	size_t n = 0;

	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->phase == phase)
			n++;
	return n;
}

/* The n-th (from 0) step of a phase; fails the test when there is none. */
static inline const struct step *phase_step_at(const struct blog *log, enum step_phase phase,
					       size_t n, const char *file, int line)
{
	size_t left = n;

	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->phase == phase && left-- == 0)
			return log->steps[i];
	print_error("no step #%zu of phase %s\n", n, step_phase_name(phase));
	_fail(file, line);
	abort(); /* not reached: _fail() jumps back into cmocka */
}
#define phase_step(log, phase, n) phase_step_at((log), (phase), (n), __FILE__, __LINE__)

/* The i-th step of the log; fails the test when there is none. */
static inline const struct step *step_at(const struct blog *log, size_t i,
					 const char *file, int line)
{
	if (i >= log->n_steps) {
		print_error("step %zu asked for, the log has %zu\n", i, log->n_steps);
		_fail(file, line);
		abort(); /* not reached */
	}
	return log->steps[i];
}
#define STEP(log, i) step_at((log), (i), __FILE__, __LINE__)

/* The verdicts of one phase's steps as letters: G(ood) B(ad) S(kip) -(none). */
static inline const char *verdict_letters(void *ctx, const struct blog *log, enum step_phase phase)
{
	char *s = talloc_strdup(ctx, "");

	for (size_t i = 0; i < log->n_steps; i++) {
		static const char letters[] = { '-', 'G', 'B', 'S' };

		if (log->steps[i]->phase == phase)
			s = talloc_asprintf_append(s, "%c", letters[log->steps[i]->verdict]);
	}
	return s;
}

/* String equality that reports a NULL actual value instead of crashing;
 * a NULL expected value wants NULL. */
static inline void unit_assert_str(const char *actual, const char *expected, const char *expr,
				   const char *file, int line)
{
	if (!expected) {
		if (actual)
			print_error("%s is \"%s\", expected NULL\n", expr, actual);
		_assert_true(cast_to_largest_integral_type(actual == NULL), expr, file, line);
		return;
	}
	if (!actual) {
		print_error("%s is NULL, expected \"%s\"\n", expr, expected);
		_fail(file, line);
	}
	_assert_string_equal(actual, expected, file, line);
}
#define assert_str(actual, expected) \
	unit_assert_str((actual), (expected), #actual, __FILE__, __LINE__)

static inline void unit_assert_contains(const char *hay, const char *needle, const char *expr,
					const char *file, int line)
{
	if (!hay || !strstr(hay, needle)) {
		print_error("%s = \"%s\" does not contain \"%s\"\n", expr, hay ? hay : "(null)",
			    needle);
		_fail(file, line);
	}
}
#define assert_contains(hay, needle) \
	unit_assert_contains((hay), (needle), #hay, __FILE__, __LINE__)

static inline void unit_assert_starts(const char *s, const char *prefix, const char *expr,
				      const char *file, int line)
{
	if (!s || strncmp(s, prefix, strlen(prefix)) != 0) {
		print_error("%s = \"%s\" does not start with \"%s\"\n", expr, s ? s : "(null)",
			    prefix);
		_fail(file, line);
	}
}
#define assert_starts(s, prefix) \
	unit_assert_starts((s), (prefix), #s, __FILE__, __LINE__)

/* A step's phase, commit and verdict, each compared on its own. */
static inline void unit_assert_step(const struct step *s, enum step_phase phase,
				    const char *commit, enum verdict verdict,
				    const char *file, int line)
{
	_assert_int_equal(cast_to_largest_integral_type(s->phase),
			  cast_to_largest_integral_type(phase), file, line);
	unit_assert_str(s->commit, commit, "commit", file, line);
	_assert_int_equal(cast_to_largest_integral_type(s->verdict),
			  cast_to_largest_integral_type(verdict), file, line);
}
#define assert_step(s, phase, commit, verdict) \
	unit_assert_step((s), (phase), (commit), (verdict), __FILE__, __LINE__)

/* The step of a TESTING(h, sig) block: commit h, built with GCC_DEBIAN
 * (the "gcc" word and the compiler: line), signature sig, tested. */
static inline void unit_assert_testing(const struct step *s, const char *h, const char *sig,
				       const char *file, int line)
{
	unit_assert_str(s->commit, h, "commit", file, line);
	unit_assert_str(s->compiler_type, "gcc", "compiler_type", file, line);
	unit_assert_str(s->compiler, GCC_DEBIAN, "compiler", file, line);
	unit_assert_str(s->kernel_signature, sig, "kernel_signature", file, line);
	_assert_true(cast_to_largest_integral_type(s->tested), "tested", file, line);
}
#define assert_testing(s, h, sig) unit_assert_testing((s), (h), (sig), __FILE__, __LINE__)

/* A span of lines, first and last. */
static inline void unit_assert_span(struct line_span span, int first, int last,
				    const char *file, int line)
{
	_assert_int_equal(cast_to_largest_integral_type(span.first),
			  cast_to_largest_integral_type(first), file, line);
	_assert_int_equal(cast_to_largest_integral_type(span.last),
			  cast_to_largest_integral_type(last), file, line);
}
#define assert_span(span, first, last) unit_assert_span((span), (first), (last), __FILE__, __LINE__)

/* What git's "Bisecting: N revisions left to test after this (roughly S
 * steps)" said after a step. */
static inline void unit_assert_left(const struct step *s, int revisions, int steps,
				    const char *file, int line)
{
	_assert_int_equal(cast_to_largest_integral_type(s->revisions_left),
			  cast_to_largest_integral_type(revisions), file, line);
	_assert_int_equal(cast_to_largest_integral_type(s->steps_left),
			  cast_to_largest_integral_type(steps), file, line);
}
#define assert_left(s, revisions, steps) unit_assert_left((s), (revisions), (steps), __FILE__, __LINE__)

/* How many steps of the first three phases the log has. */
static inline void unit_assert_phases(const struct blog *log, size_t original, size_t release,
				      size_t bisect, const char *file, int line)
{
	_assert_int_equal(count_phase(log, PHASE_ORIGINAL), original, file, line);
	_assert_int_equal(count_phase(log, PHASE_RELEASE), release, file, line);
	_assert_int_equal(count_phase(log, PHASE_BISECT), bisect, file, line);
}
#define assert_phases(log, original, release, bisect) \
	unit_assert_phases((log), (original), (release), (bisect), __FILE__, __LINE__)

/* Run counts of a step, compared in one go. */
static inline void unit_assert_counts(const struct step *s, int total, int ok, int crashed,
				      int boot_failed, int test_failed, const char *file, int line)
{
	struct run_counts c;

	step_count_runs(s, &c);
	if (c.total != total || c.ok != ok || c.crashed != crashed ||
	    c.boot_failed != boot_failed || c.test_failed != test_failed) {
		print_error("runs total/ok/crashed/boot/test = %d/%d/%d/%d/%d, "
			    "expected %d/%d/%d/%d/%d\n", c.total, c.ok, c.crashed,
			    c.boot_failed, c.test_failed, total, ok, crashed, boot_failed,
			    test_failed);
		_fail(file, line);
	}
}
#define assert_counts(s, total, ok, crashed, boot, test) \
	unit_assert_counts((s), (total), (ok), (crashed), (boot), (test), __FILE__, __LINE__)

#endif
