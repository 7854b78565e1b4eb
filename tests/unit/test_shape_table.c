/* Every row of the line-shape table (rows_by_first_byte in
 * src/log/syzbot_shape.c; the lines in doc/log-format.md) can be reached.
 *
 * The table is static, so this goes through shape_of() with a line of
 * each row, written out in the table's order: the row's literal and what
 * its kind of match wants after it (a field's value, a hash, the needle
 * the line must hold or end with). A row filed under a byte other than
 * its literal's first is never held against a line that starts with that
 * literal, and one placed after a shorter literal it extends is shadowed
 * by it: either way its line comes out as another shape, and the test
 * names it. The shapes no row makes (a blank line, a hash, the host's
 * start line) have their lines too, and every shape of enum shape must
 * have one. Near misses must stay SH_UNKNOWN. */
#include "config.h"

#include "unit.h"

#include "log/syzbot_shape.h"

struct shaped_line {
	const char *line;
	enum shape shape;
};

/* One line per row of the table (FIELD rows twice: with a value and
 * bare), grouped by first byte as the table is. */
static const struct shaped_line table_lines[] = {
	/* '#' */
	{ "# git bisect start " H_ORIG " " H_V62, SH_GIT_START },
	{ "# git bisect good " H_A, SH_GIT_VERDICT },
	{ "# git bisect bad " H_CUL, SH_GIT_VERDICT },
	{ "# git bisect skip " H_B, SH_GIT_VERDICT },
	{ "# configuration already minimized", SH_CONFIG_SCRIPT },
	{ "# start config bisection", SH_CONFIG_SCRIPT },
	{ "# found config option changes [CONFIG_KASAN CONFIG_KCOV]", SH_CONFIG_SCRIPT },
	{ "# config_bisect.pl finished", SH_CONFIG_SCRIPT },
	{ "# using /tmp/config.good", SH_CONFIG_SCRIPT },
	{ "# testing with generated minimized config", SH_CONFIG_SCRIPT },
	{ "# config-bisect.pl good", SH_CONFIG_SCRIPT },
	/* '<' */
	{ "< .. >", SH_MAIL_NOTE },
	/* 'B' */
	{ "Bisecting: a merge base must be tested", SH_BISECTING_MERGE_BASE },
	{ "Bisecting: 101 revisions left to test after this (roughly 7 steps)", SH_BISECTING },
	{ "Bisection is inconclusive: the first bad commit could be any of:", SH_MAIL_NOTE },
	/* 'H' */
	{ "HEAD had kernel build, boot or test errors", SH_BOUNDARY },
	/* 'M' */
	{ "Minimizing config failed, using original config", SH_CONFIG },
	/* 'O' */
	{ "On Mon, 27 Feb 2023, syzbot wrote:", SH_MAIL_NOTE },
	/* 'R' */
	{ "Reproducer flagged being flaky", SH_FLAGGED_FLAKY },
	/* 'S' */
	{ "Some good revs are not ancestors of the bad rev.", SH_GIT_ERROR_TEXT },
	/* 'T' */
	{ "There are only 'skip'ped commits left to test.", SH_ONLY_SKIPPED },
	{ "The first bad commit could be any of:", SH_GIT_COULD_BE },
	{ "The merge base " H_MB " is bad.", SH_GIT_ERROR_TEXT },
	{ "This means the bug has been fixed between " H_A " and [" H_B "].", SH_GIT_ERROR_TEXT },
	/* 'W' */
	{ "We cannot bisect more!", SH_CANNOT_BISECT },
	/* 'a' */
	{ "all runs: OK", SH_ALL_RUNS },
	{ "accumulated error probability: 0.12", SH_ERROR_PROB },
	/* 'b' */
	{ "bisecting cause commit starting from " H_ORIG, SH_CAUSE_START },
	{ "bisecting fixing commit since " H_ORIG, SH_FIX_START },
	{ "building syzkaller on " H_SYZ, SH_BUILDING_SYZKALLER },
	{ "bisection is inconclusive, the first bad commit could be any of:", SH_INCONCLUSIVE },
	{ "bisection log:", SH_MAIL_NOTE },
	{ "both halves did not crash", SH_CONFIG },
	{ "base config crashes", SH_CONFIG },
	/* 'c' */
	{ "compiler: " GCC_DEBIAN, SH_COMPILER },
	{ "compiler:", SH_COMPILER },
	{ "culprit signature: " SIG_CUL, SH_CULPRIT_SIG },
	{ "crash: WARNING in htab_map_alloc", SH_CRASH },
	{ "crash:", SH_CRASH },
	{ "cc: [\"linux-kernel@vger.kernel.org\" \"linux-mm@kvack.org\"]", SH_CC },
	{ "commit msg: Linux 5.11", SH_COMMIT_MSG },
	{ "commit msg:", SH_COMMIT_MSG },
	{ "checking the merge base " H_MB, SH_PRECHECK_MERGE_BASE },
	{ "crash still not fixed/happens on the oldest tested release", SH_BOUNDARY },
	{ "crash still not fixed on HEAD or HEAD had kernel test errors", SH_BOUNDARY },
	{ "crash still not fixed or there were kernel test errors", SH_BOUNDARY },
	{ "check whether we can drop unnecessary instrumentation", SH_CONFIG },
	{ "crash reproduces with baseline config", SH_CONFIG },
	{ "config minimization failed due to bad Kconfig", SH_CONFIG },
	{ "config-bisect.pl good", SH_CONFIG_SCRIPT },
	/* 'd' */
	{ "determining the merge base between " H_A " and " H_B, SH_MERGE_BASE_NOTE },
	{ "determine whether the revision contains the guilty commit", SH_PRECHECK },
	{ "disabling configs for [hang memleak], they are not needed", SH_CONFIG },
	/* 'e' */
	{ "error: commit " H_A " not reachable in branch 'master'", SH_ERROR },
	{ "error:", SH_ERROR },
	{ "ensuring issue is reproducible on original commit " H_ORIG, SH_ENSURING },
	{ "expected 1 merge base, got 2", SH_MERGE_BASE_NOTE },
	/* 'f' */
	{ "failed building " H_A ": failed to run [\"make\"]: exit status 2", SH_FAILED_BUILDING },
	{ "failed: failed to create VM pool", SH_BARE_FAILED },
	{ "failed:", SH_BARE_FAILED },
	{ "false negative chance: 0.031", SH_FALSE_NEGATIVE },
	{ "first bad commit: " H_CUL " " T_CUL, SH_FIRST_COMMIT },
	{ "first good commit: " H_A " " S_A, SH_FIRST_COMMIT },
	{ "failed to detect release: no release tags before this commit", SH_FAILED_DETECT },
	{ "failed to detect noop change: no object files", SH_FAILED_DETECT },
	{ "fetch other tags and check if the commit is present", SH_FETCH },
	{ "fetch failed with exit status 128", SH_FETCH_FAILED },
	/* 'h' */
	{ "half crashed", SH_CONFIG },
	/* 'k' */
	{ "kernel signature:   eae40807f617fb10e87fd1424346f32becb1e3e0", SH_KERNEL_SIG_OLD },
	{ "kernel signature: " SIG_1, SH_KERNEL_SIG },
	{ "kconfig minimization: base=4142 full=7544 leaves diff=2195", SH_CONFIG },
	/* 'm' */
	{ "minimized to 3 configs; suspects: [CONFIG_KASAN]", SH_CONFIG },
	{ "minimizing config failed: bad config", SH_CONFIG },
	/* 'n' */
	{ "no existing result, test the revision", SH_PRECHECK },
	{ "no need to test this chunk, it's definitely needed", SH_CONFIG },
	{ "no way to further split the chunk", SH_CONFIG },
	/* 'o' */
	{ "oldest tested release already had the bug or it had kernel test errors", SH_BOUNDARY },
	{ "only full config crashes", SH_CONFIG },
	/* 'p' */
	{ "parent commit " H_PAR " wasn't tested", SH_PARENT_NOT_TESTED },
	{ "parent  signature: " SIG_PAR, SH_PARENT_SIG },
	{ "previous signature: 5bef83f3c8bd466faa17bb0a458f96ea64aa695a", SH_PREVIOUS_SIG },
	{ "picked [v6.5 v6.4 v6.3] out of 30 release tags", SH_PICKED },
	{ "proceeding with the original config", SH_CONFIG },
	/* 'r' */
	{ "run #0: crashed: WARNING in htab_map_alloc", SH_RUN },
	{ "revisions tested: 16, total time: 3h50m8s (build: 1h58m8s, test: 1h49m21s)",
	  SH_REVISIONS_TESTED },
	{ "reproducer seems to be flaky", SH_SEEMS_FLAKY },
	{ "reproducer is flaky (0.35 repro chance estimate)", SH_IS_FLAKY },
	{ "recipients (to): [\"ast@kernel.org\" \"linux-kernel@vger.kernel.org\"]",
	  SH_RECIPIENTS_TO },
	{ "recipients (cc): [\"netdev@vger.kernel.org\"]", SH_RECIPIENTS_CC },
	{ "representative crash: WARNING in htab_map_alloc, types: [WARNING]", SH_REPRESENTATIVE },
	{ "repro testing failure: failed to run the reproducer", SH_REPRO_FAILURE },
	{ "rewritten commit " H_NEW " reidentified by title '" T_CUL "'", SH_REWRITTEN },
	{ "revision " H_A " crashed and is reachable", SH_PRECHECK },
	{ "reproducer does not crash the merge base", SH_NO_MERGE_BASE_CRASH },
	{ "resulting configs: [CONFIG_KASAN CONFIG_KCOV]", SH_CONFIG },
	/* 's' */
	{ "searching for guilty commit starting from " H_ORIG, SH_CAUSE_START },
	{ "searching for fixing commit since " H_ORIG, SH_FIX_START },
	{ "syzbot has bisected this issue to:", SH_MAIL_NOTE },
	{ "syzbot suspects this issue was fixed by commit:", SH_MAIL_NOTE },
	{ "split chunks (needed=false): <50>", SH_CONFIG },
	{ "split chunk #1 of len 50 into 5 parts", SH_CONFIG },
	/* 't' */
	{ "testing commit " H_A " gcc", SH_TESTING_COMMIT },
	{ "testing release v6.2", SH_TESTING_RELEASE },
	{ "testing current HEAD " H_HEAD, SH_TESTING_HEAD },
	{ "too many neither good nor bad results, skipping this commit", SH_UNDETERMINED },
	{ "the bug was not introduced yet; pretend that kernel crashed", SH_PRETEND },
	{ "the crash already happened on the oldest tested release", SH_BOUNDARY },
	{ "the crash still happens on HEAD", SH_BOUNDARY },
	{ "there was nothing we could disable; skip", SH_CONFIG },
	{ "the bug reproduces without the instrumentation", SH_CONFIG },
	{ "the chunk can be dropped", SH_CONFIG },
	{ "testing with generated minimized config doesn't reproduce the crash", SH_CONFIG },
	{ "testing without sub-chunk 1/5", SH_CONFIG },
	{ "trying half: [CONFIG_KASAN]", SH_CONFIG },
	{ "testing baseline config failed", SH_CONFIG },
	/* 'u' */
	{ "unable to determine the verdict: 1 good runs (wanted 6)", SH_UNDETERMINED },
	{ "unable to test using baseline config, keep original config", SH_CONFIG },
	/* 'w' */
	{ "warning: unable to access '/syzkaller/.config/git/ignore': Permission denied",
	  SH_GIT_WARNING },
	{ "we have reached the limit on predicate runs (64); accept the current config",
	  SH_CONFIG },
};

/* The shapes told by their form rather than a row's literal. */
static const struct shaped_line form_lines[] = {
	{ "", SH_BLANK },
	{ "ci starts bisection 2023-03-01 22:20:02.119937709 +0000 UTC", SH_HOST_START },
	{ "unnamed host starts bisection 2023-03-01 22:20:02 +0000 UTC", SH_HOST_START },
	{ H_A, SH_HASH_ONLY },
	{ H_CUL " is the first bad commit", SH_GIT_FIRST_BAD },
	{ H_MB "/master is a merge base, check if it has the bug", SH_MERGE_BASE_IS },
	{ "[" H_B "] " S_B, SH_NEXT },
};

/* Lines one step off a row or a form: none may get a shape. */
static const char *const near_misses[] = {
	"testing commit",                       /* the literal without its blank */
	"  testing commit " H_A " gcc",         /* indented */
	"Testing commit " H_A " gcc",           /* another first byte */
	"All runs: OK",
	"half crashed.",                        /* an EXACT row with more */
	"half crashe",                          /* ... and with less */
	"compilers: gcc",                       /* a FIELD's name, longer */
	"crash:WARNING in htab_map_alloc",      /* ... with no blank after ':' */
	"kernel signature:",                    /* a PREFIX row less its blank */
	"parent commit " H_PAR " was tested",   /* a CONTAINS row without its needle */
	"picked [v6.5 v6.4] out of 30 tags",
	"On wrote:",                            /* an ENDS row with nothing between */
	"On Mon, 27 Feb 2023, syzbot wrote",
	"#",
	"< ..",
	"3d7cb67369a08d4933713290acf458990a50b6f",  /* 39 hex digits */
	H_CUL " is the first bad commit.",
	H_MB " is a merge base",                /* no '/' after the hash */
	"[" H_B " " S_B,                        /* no ']' */
	"ci starts bisection yesterday",
	"a big ci starts bisection 2023-03-01 22:20:02 +0000 UTC",  /* three words */
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* shape_of() on line, read to its length only: a copy with more text after
 * it must not change the answer. Fails naming the line. */
static void assert_shape(const char *line, enum shape want)
{
	size_t len = strlen(line);
	char buf[256];
	enum shape got = shape_of(line, len);

	if (got != want)
		print_error("\"%s\": shape %d, expected %d\n", line, (int)got, (int)want);
	assert_int_equal(got, want);
	assert_true(len + sizeof(" run #0: OK") <= sizeof(buf));
	snprintf(buf, sizeof(buf), "%s run #0: OK", line);
	got = shape_of(buf, len);
	if (got != want)
		print_error("\"%s\" read to its length: shape %d, expected %d\n", buf, (int)got,
			    (int)want);
	assert_int_equal(got, want);
}

static void test_every_row_is_reachable(void **state)
{
	for (size_t i = 0; i < N_OF(table_lines); i++)
		assert_shape(table_lines[i].line, table_lines[i].shape);
}

static void test_shapes_without_a_row(void **state)
{
	for (size_t i = 0; i < N_OF(form_lines); i++)
		assert_shape(form_lines[i].line, form_lines[i].shape);
}

/* A shape added to enum shape wants a line here too. */
static void test_every_shape_has_a_line(void **state)
{
	for (int sh = SH_UNKNOWN + 1; sh < SH_COUNT; sh++) {
		size_t n = 0;

		for (size_t i = 0; i < N_OF(table_lines); i++)
			n += table_lines[i].shape == (enum shape)sh;
		for (size_t i = 0; i < N_OF(form_lines); i++)
			n += form_lines[i].shape == (enum shape)sh;
		if (n == 0)
			print_error("shape %d has no line in this test\n", sh);
		assert_true(n > 0);
	}
}

static void test_near_misses_stay_unknown(void **state)
{
	for (size_t i = 0; i < N_OF(near_misses); i++)
		assert_shape(near_misses[i], SH_UNKNOWN);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_every_row_is_reachable),
		UNIT_TEST(test_shapes_without_a_row),
		UNIT_TEST(test_every_shape_has_a_line),
		UNIT_TEST(test_near_misses_stay_unknown),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
