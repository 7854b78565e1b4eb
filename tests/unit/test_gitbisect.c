/* Plain `git bisect log` (doc/log-format.md §6).
 *
 * The parser's convention (src/log/gitbisect.c): marks made before git
 * knows both a bad and a good commit are the range's ends (the first bad
 * one in phase original, goods in phase release); later marks are bisect
 * steps; a "# term: [H] subject" comment documents the mark after it. */
#include "config.h"

#include "unit.h"

/* A mark as newer git logs it: the comment that names the commit, then
 * the command. */
#define MARK(term, h, subject) \
	"# " term ": [" h "] " subject "\n" \
	"git bisect " term " " h "\n"
/* The ends of the range most excerpts bisect, as git comments them, and
 * the status lines newer git writes until it knows both. */
#define BAD_V62 "# bad: [" H_V62 "] Linux 6.2\n"
#define GOOD_V61 "# good: [" H_V61 "] Linux 6.1\n"
#define WAITING_FOR_BOTH "# status: waiting for both good and bad commits\n"
#define WAITING_FOR_GOOD "# status: waiting for good commit(s), bad commit known\n"

/* The words of a log's terms, and the kind of bisection they make. */
static void assert_terms_at(const struct blog *log, const char *term_bad, const char *term_good,
			    enum bisect_kind kind, const char *file, int line)
{
	_assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT, file, line);
	unit_assert_str(log->term_bad, term_bad, "term_bad", file, line);
	unit_assert_str(log->term_good, term_good, "term_good", file, line);
	_assert_int_equal(log->kind, kind, file, line);
}
#define assert_terms(log, term_bad, term_good, kind) \
	assert_terms_at((log), (term_bad), (term_good), (kind), __FILE__, __LINE__)

/* Newer git: "# status:" lines, a bare start, every mark commented. */
static void test_gitbisect_modern(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start\n"
		WAITING_FOR_BOTH
		MARK("bad", H_V60, "Linux 6.0")
		WAITING_FOR_GOOD
		MARK("good", H_519, "Linux 5.19")
		MARK("good", H_A, S_A)
		MARK("bad", H_B, S_B)
		MARK("skip", H_C, S_C)
		MARK("good", H_PAR, S_PAR)
		"# first bad commit: [" H_B "] " S_B "\n");
	const struct step *s;

	assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT);
	assert_int_equal(log->kind, KIND_CAUSE);
	assert_int_equal(log->n_steps, 6);
	assert_step(STEP(log, 0), PHASE_ORIGINAL, H_V60, VERDICT_BAD);
	assert_str(STEP(log, 0)->subject, "Linux 6.0");
	assert_step(STEP(log, 1), PHASE_RELEASE, H_519, VERDICT_GOOD);
	assert_str(STEP(log, 1)->subject, "Linux 5.19");

	assert_int_equal(count_phase(log, PHASE_BISECT), 4);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GBSG");
	s = phase_step(log, PHASE_BISECT, 0);
	assert_str(s->commit, H_A);
	assert_str(s->subject, S_A);
	assert_false(s->verdict_inferred);
	assert_span(s->lines, 8, 9);
	assert_str(phase_step(log, PHASE_BISECT, 2)->commit, H_C);
	assert_str(phase_step(log, PHASE_BISECT, 3)->subject, S_PAR);

	assert_int_equal(log->result.type, RESULT_CULPRIT);
	assert_str(log->result.commit, H_B);
	assert_str(log->result.title, S_B);
	assert_int_equal(log->result.lines.first, 16);
}

/* Older git: the comments for the refs on the command line come before
 * the start line that names them (refs quoted). */
static void test_gitbisect_comments_before_start(void **state)
{
	struct blog *log = unit_parse_known(state,
		BAD_V62
		GOOD_V61
		"git bisect start 'HEAD' 'v6.1'\n"
		MARK("good", H_A, S_A)
		MARK("bad", H_B, S_B));
	const struct step *bad, *good;

	assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT);
	assert_str(log->bisect_bad, "HEAD");
	assert_str(log->bisect_good, "v6.1");
	assert_int_equal(log->n_bisect_goods, 1);
	assert_int_equal(log->n_steps, 4);
	bad = STEP(log, 0);
	good = STEP(log, 1);
	assert_step(bad, PHASE_ORIGINAL, H_V62, VERDICT_BAD);
	assert_str(bad->label, "HEAD");
	assert_str(bad->subject, "Linux 6.2");
	assert_true(bad->tested);
	assert_step(good, PHASE_RELEASE, H_V61, VERDICT_GOOD);
	assert_str(good->label, "v6.1");
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GB");
	assert_int_equal(log->result.type, RESULT_INCOMPLETE);
}

/* Newer git: start line first, then the status and ref comments; several
 * goods. */
static void test_gitbisect_comments_after_start(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start 'v6.2' 'v6.1' 'v5.19'\n"
		WAITING_FOR_BOTH
		BAD_V62
		WAITING_FOR_GOOD
		GOOD_V61
		"# status: waiting for bad commit, 1 good commit known\n"
		"# good: [" H_519 "] Linux 5.19\n"
		MARK("good", H_A, S_A));

	assert_str(log->bisect_bad, "v6.2");
	assert_int_equal(log->n_bisect_goods, 2);
	assert_str(log->bisect_goods[0], "v6.1");
	assert_str(log->bisect_goods[1], "v5.19");
	assert_int_equal(log->n_steps, 4);
	assert_str(STEP(log, 0)->label, "v6.2");
	assert_str(STEP(log, 0)->commit, H_V62);
	assert_str(STEP(log, 1)->label, "v6.1");
	assert_str(STEP(log, 1)->commit, H_V61);
	assert_str(STEP(log, 2)->label, "v5.19");
	assert_str(STEP(log, 2)->commit, H_519);
	assert_str(STEP(log, 2)->subject, "Linux 5.19");
	assert_int_equal(STEP(log, 3)->phase, PHASE_BISECT);
	assert_str(STEP(log, 3)->commit, H_A);
	assert_int_equal(STEP(log, 1)->phase, PHASE_RELEASE);
	assert_int_equal(STEP(log, 2)->phase, PHASE_RELEASE);
	assert_int_equal(count_phase(log, PHASE_BISECT), 1);
}

/* Custom terms: the words replace bad/good everywhere. */
static void test_gitbisect_custom_terms(void **state)
{
	struct blog *cause = unit_parse_known(state,
		"git bisect start '--term-new=broken' '--term-old=works' 'v6.2' 'v6.1'\n"
		"# broken: [" H_V62 "] Linux 6.2\n"
		"# works: [" H_V61 "] Linux 6.1\n"
		MARK("works", H_A, S_A)
		MARK("broken", H_B, S_B)
		"# first broken commit: [" H_B "] " S_B "\n");
	struct blog *fix = unit_parse_known(state,
		"git bisect start '--term-old=broken' '--term-new=fixed'\n"
		MARK("fixed", H_V62, "Linux 6.2")
		MARK("broken", H_V61, "Linux 6.1")
		MARK("fixed", H_A, S_A)
		"# first fixed commit: [" H_A "] " S_A "\n");

	assert_terms(cause, "broken", "works", KIND_CAUSE);
	assert_int_equal(cause->n_steps, 4);
	assert_int_equal(STEP(cause, 0)->verdict, VERDICT_BAD);
	assert_int_equal(STEP(cause, 1)->verdict, VERDICT_GOOD);
	assert_string_equal(verdict_letters(*state, cause, PHASE_BISECT), "GB");
	assert_int_equal(cause->result.type, RESULT_CULPRIT);
	assert_str(cause->result.commit, H_B);

	assert_terms(fix, "fixed", "broken", KIND_FIX);
	assert_int_equal(fix->n_steps, 3);
	assert_int_equal(STEP(fix, 0)->verdict, VERDICT_BAD);
	assert_int_equal(STEP(fix, 1)->verdict, VERDICT_GOOD);
	assert_int_equal(STEP(fix, 2)->verdict, VERDICT_BAD);
	assert_int_equal(fix->result.type, RESULT_CULPRIT);
	assert_str(fix->result.commit, H_A);
	assert_str(fix->result.title, S_A);
}

/* git also takes the terms as separate words ("--term-old works"); the
 * log then has them as separate quoted arguments. */
static void test_gitbisect_terms_separate_words(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start '--term-old' 'works' '--term-new' 'broken' 'v6.2' 'v6.1'\n"
		"# broken: [" H_V62 "] Linux 6.2\n"
		"# works: [" H_V61 "] Linux 6.1\n"
		MARK("works", H_A, S_A));

	assert_terms(log, "broken", "works", KIND_CAUSE);
	assert_str(log->bisect_bad, "v6.2");
	assert_str(log->bisect_good, "v6.1");
	assert_int_equal(log->n_bisect_goods, 1);
	assert_int_equal(log->n_steps, 3);
	assert_int_equal(STEP(log, 2)->verdict, VERDICT_GOOD);
}

/* BISECT_LOG as git 2.39 writes it (doc/design.md §12.1): the comments
 * on the start's refs come before the start line that names the custom
 * terms, which must be known to read them. */
static void test_gitbisect_terms_after_comments(void **state)
{
	struct blog *log = unit_parse_known(state,
		"# slow: [" H_V62 "] Linux 6.2\n"
		"# fast: [" H_V61 "] Linux 6.1\n"
		"git bisect start '--term-old=fast' '--term-new' 'slow' 'v6.2' 'v6.1'\n"
		MARK("fast", H_A, S_A)
		MARK("skip", H_B, S_B));

	assert_terms(log, "slow", "fast", KIND_CAUSE);
	assert_int_equal(log->n_unknown, 0);
	assert_int_equal(log->n_steps, 4);
	assert_int_equal(STEP(log, 0)->verdict, VERDICT_BAD);
	assert_str(STEP(log, 0)->commit, H_V62);
	assert_int_equal(STEP(log, 1)->verdict, VERDICT_GOOD);
	assert_str(STEP(log, 1)->commit, H_V61);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GS");
	assert_str(log->bisect_bad_commit, H_V62);
}

/* Several commits in one command; a bare mark means HEAD. */
static void test_gitbisect_multi_skip(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start 'v6.2' 'v6.1'\n"
		"git bisect skip " H_A " " H_B "\n"
		"git bisect good\n");

	assert_int_equal(log->n_steps, 5);
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "SSG");
	assert_str(STEP(log, 2)->commit, H_A);
	assert_str(STEP(log, 3)->commit, H_B);
	assert_int_equal(STEP(log, 3)->lines.first, 2);
	assert_null(STEP(log, 4)->commit);
	assert_str(STEP(log, 4)->label, "HEAD");
}

/* Only skipped commits left: git lists the possible first bad commits. */
static void test_gitbisect_skip_ending(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start 'v6.2' 'v6.1'\n"
		WAITING_FOR_BOTH
		BAD_V62
		WAITING_FOR_GOOD
		GOOD_V61
		MARK("bad", H_C, S_C)
		MARK("skip", H_A, S_A)
		MARK("skip", H_B, S_B)
		"# only skipped commits left to test\n"
		"# possible first bad commit: [" H_A "] " S_A "\n"
		"# possible first bad commit: [" H_B "] " S_B "\n");
	const struct result *r = &log->result;

	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "BSS");
	assert_str(phase_step(log, PHASE_BISECT, 2)->subject, S_B);
	assert_int_equal(r->type, RESULT_INCONCLUSIVE);
	assert_int_equal(r->n_candidates, 2);
	assert_str(r->candidates[0], H_A);
	assert_str(r->candidates[1], H_B);
	assert_null(r->commit);
	assert_span(r->lines, 13, 14);
}

/* Options of git bisect start that change the model. */
static void test_gitbisect_start_options(void **state)
{
	struct blog *log = unit_parse_known(state,
		"git bisect start '--first-parent' 'v6.2' 'v6.1' '--' 'mm/'\n"
		BAD_V62
		GOOD_V61
		MARK("good", H_A, S_A));
	struct blog *plain = unit_parse(state,
		"git bisect start v6.2 v6.1\n"
		"git bisect good " H_A "\n");

	assert_true(log->first_parent);
	assert_true(log->pathspec);
	assert_str(log->bisect_bad, "v6.2");
	assert_int_equal(log->n_bisect_goods, 1);
	assert_str(log->bisect_good, "v6.1");
	assert_int_equal(log->n_steps, 3);

	assert_false(plain->first_parent);
	assert_false(plain->pathspec);
	assert_str(plain->bisect_bad, "v6.2");
	assert_str(plain->bisect_good, "v6.1");
	assert_int_equal(plain->n_steps, 3);
	assert_null(STEP(plain, 2)->subject);
	assert_str(STEP(plain, 2)->commit, H_A);
}

/* A line that is neither a command nor a known comment is kept as unknown. */
static void test_gitbisect_unknown_line(void **state)
{
	struct blog *log = unit_parse(state,
		"git bisect start 'v6.2' 'v6.1'\n"
		BAD_V62
		GOOD_V61
		"I then tested this one by hand:\n"
		"git bisect good " H_A "\n");

	assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT);
	assert_int_equal(log->n_unknown, 1);
	assert_int_equal(log->unknown[0], 4);
	assert_int_equal(count_phase(log, PHASE_BISECT), 1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_gitbisect_modern),
		UNIT_TEST(test_gitbisect_comments_before_start),
		UNIT_TEST(test_gitbisect_comments_after_start),
		UNIT_TEST(test_gitbisect_custom_terms),
		UNIT_TEST(test_gitbisect_terms_separate_words),
		UNIT_TEST(test_gitbisect_terms_after_comments),
		UNIT_TEST(test_gitbisect_multi_skip),
		UNIT_TEST(test_gitbisect_skip_ending),
		UNIT_TEST(test_gitbisect_start_options),
		UNIT_TEST(test_gitbisect_unknown_line),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
