/* The likelihood model (src/signals/model.h, doc/model.md): the
 * Beta-binomial arithmetic, the era's decision rule, and the per-step
 * rules on hand-built logs: a clean step after a flaky reproducer is
 * doubted far more than after a reliable one, a bad step decided by
 * another crash is doubted, a log of 10/10 and 0/10 steps is believed,
 * and p_wrong is a number in [0, 1] (never NaN) whatever the log. */
#include "config.h"

#include <math.h>

#include "unit.h"
#include "signals/model.h"
#include "signals/signals.h"

#include "syz_runs.h"

#define OTHER "KASAN: use-after-free Read in tcp_sendmsg"
#define OTHER_CR(n) "run #" #n ": crashed: " OTHER "\n"
/* two crashes of another bug, eight clean runs */
#define OTHER2 OTHER_CR(0) OTHER_CR(1) OK(2) OK(3) OK(4) OK(5) OK(6) OK(7) OK(8) OK(9)

/* original, a good release, then git bisect: H_A (runs_a), H_B (runs_b,
 * its verdict word_b), the culprit H_CUL (runs_cul); every crash step
 * but H_A's and H_B's with runs_orig */
#define LOG(runs_orig, runs_a, runs_b, word_b, runs_cul) \
	SYZ_STEPS(runs_orig, runs_a, runs_b, word_b) SYZ_CULPRIT(runs_cul)

/* Parameters that isolate the runs' arithmetic: no blind reproducer, no
 * title variants, even priors, no calibration. */
static struct model_params plain_params(void)
{
	struct model_params p = *model_fitted_params();

	p.log_rate_a = p.log_rate_b = 0;  /* Beta(1, 1) */
	p.logit_spread = -30;
	p.logit_present_clean_release = p.logit_present_clean_bisect = 0;
	p.age_release = 0;
	p.logit_blind_release = p.logit_blind_bisect = -30;
	p.logit_absent_crash_other_release = p.logit_absent_crash_other_bisect = 0;
	p.logit_variant = -30;
	p.platt_a = 1;
	p.platt_b = 0;
	return p;
}

static struct model_result *run_model(void **state, struct blog *log, const struct model_params *p)
{
	struct signal_list *s = signals_compute(*state, log, NULL);
	struct model_result *r = talloc_zero(*state, struct model_result);

	if (!p)
		return model_assess(*state, log, s);
	model_evaluate(r, model_observe(r, log, s), p, true, r);
	return r;
}

static void assert_probability(double p)
{
	assert_false(isnan(p));
	assert_true(p >= 0 && p <= 1);
}

static void test_beta_arithmetic(void **state)
{
	double sum = 0;

	(void)state;
	/* no runs: nothing missed; Beta(1, 1) is uniform: E[(1-r)^n] = 1/(n+1) */
	assert_float_equal(model_beta_clean(2, 3, 0), 1.0, 1e-12);
	assert_float_equal(model_beta_clean(1, 1, 9), 0.1, 1e-9);
	/* one run: E[1 - r] = b / (a + b) */
	assert_float_equal(model_beta_clean(2, 3, 1), 0.6, 1e-9);
	/* a posterior from 3 crashes in 10 runs against one from 10 in 10 */
	assert_true(model_beta_clean(1 + 3, 1 + 7, 10) > 100 * model_beta_clean(1 + 10, 1, 10));
	for (int x = 0; x <= 20; x++)
		sum += model_beta_binomial(2.5, 4, 20, x);
	assert_float_equal(sum, 1.0, 1e-9);
	assert_float_equal(model_beta_binomial(2.5, 4, 20, 0), model_beta_clean(2.5, 4, 20), 1e-12);
	assert_float_equal(model_beta_binomial(1, 1, 4, 5), 0.0, 0);
}

static void test_era_threshold(void **state)
{
	struct blog *log = talloc_zero(*state, struct blog);

	assert_int_equal(model_crash_threshold(log, 10), 1);  /* no date: before 2022 */
	log->started_at = "2023-03-01 22:20:02.119937709 +0000 UTC";
	assert_int_equal(model_crash_threshold(log, 20), 1);
	log->started_at = "2024-08-01 10:00:00 +0000 UTC";
	assert_int_equal(model_crash_threshold(log, 10), 2);
	assert_int_equal(model_crash_threshold(log, 20), 3);
}

/* step 3, H_B: good on 10 clean runs */
static void test_clean_step_after_flaky_reproducer(void **state)
{
	struct blog *flaky = unit_parse_known_at(state, LOG(R3, R3, CLEAN10, "good", R3),
						 __FILE__, __LINE__);
	struct blog *solid = unit_parse_known_at(state, LOG(R10, R10, CLEAN10, "good", R10),
						 __FILE__, __LINE__);
	struct model_params p = plain_params();
	struct model_result *f = run_model(state, flaky, &p), *s = run_model(state, solid, &p);

	assert_int_equal(flaky->steps[3]->verdict, VERDICT_GOOD);
	/* the arithmetic alone: 3/10 makes 10 clean runs likely, 10/10 not */
	assert_true(f->step_local[3] > 0.02);
	assert_true(f->step_local[3] > 100 * s->step_local[3]);
	assert_true(f->p_wrong > s->p_wrong);
	assert_non_null(strstr(f->why, "on 10 clean runs"));
	/* and with the fitted parameters */
	f = run_model(state, flaky, NULL);
	s = run_model(state, solid, NULL);
	assert_true(f->step_local[3] > 2 * s->step_local[3]);
	assert_true(f->p_wrong > s->p_wrong);
}

/* the culprit's own step: bad on two crashes of another bug, eight clean
 * runs, the reproducer firing in every run elsewhere */
static void test_bad_step_on_another_crash(void **state)
{
	struct blog *log = unit_parse_known_at(state, LOG(R10, R10, CLEAN10, "good", OTHER2),
					       __FILE__, __LINE__);
	struct model_result *r = run_model(state, log, NULL);
	size_t cul = log->n_steps - 1;

	assert_string_equal(log->steps[cul]->commit, H_CUL);
	assert_true(r->step_local[cul] > 0.5);
	assert_int_equal(r->blamed_step, (int)cul);
	assert_true(r->p_wrong > 0.5);
	assert_non_null(strstr(r->why, OTHER));
}

/* step 2, H_A: bad on another bug, doubtful alone; but the culprit, its
 * ancestor, then crashed with the original in every run: had H_A lacked
 * the bug, so would the culprit. The later step clears the earlier doubt
 * (doc/model.md §4). */
static void test_later_original_crash_clears_an_earlier_doubt(void **state)
{
	struct blog *log = unit_parse_known_at(state, LOG(R10, OTHER2, CLEAN10, "good", R10),
					       __FILE__, __LINE__);
	struct model_result *r = run_model(state, log, NULL);
	const char *why = model_step_sentence(*state, r, 2);

	assert_string_equal(log->steps[2]->commit, H_A);
	assert_true(r->step_local[2] > 0.5);
	assert_true(r->later_factor[2] < 0.01);
	assert_true(r->step_p[2] < 0.01);
	assert_int_not_equal(r->blamed_step, 2);
	assert_true(r->p_wrong < 0.5);
	assert_non_null(why);
	assert_non_null(strstr(why, "would have been wrong too"));
}

static void test_clear_log_is_believed(void **state)
{
	struct blog *log = unit_parse_known_at(state, LOG(R10, R10, CLEAN10, "good", R10),
					       __FILE__, __LINE__);
	struct model_result *r = run_model(state, log, NULL);

	assert_true(r->p_wrong < 0.2);
	assert_int_equal(r->blamed_step, -1);
	assert_non_null(r->why);
	for (size_t i = 0; i < log->n_steps; i++)
		assert_probability(r->step_p[i]);
}

static void test_always_a_probability(void **state)
{
	static const char *const logs[] = {
		/* a git bisect log: no runs at all */
		"git bisect start\n"
		"# bad: [" H_A "] " S_A "\n"
		"git bisect bad " H_A "\n"
		"# good: [" H_B "] " S_B "\n"
		"git bisect good " H_B "\n"
		"# first bad commit: [" H_A "] " S_A "\n",
		/* a syzbot fragment cut short: no result */
		SYZ_HEADER TESTING_WITH(H_ORIG, GCC_10, SIG_1),
		/* a build error, then a culprit on runs that all failed */
		SYZ_HEADER TESTING_WITH(H_ORIG, GCC_10, SIG_1)
		"all runs: failed: " SCP_ERROR "\n"
		"# git bisect start " H_ORIG " " H_V62 "\n"
		"first bad commit: " H_CUL " " T_CUL "\n",
		LOG(R3, OTHER2, CLEAN10, "good", OTHER2),
		LOG(CLEAN10, CLEAN10, R10, "bad", CLEAN10),
	};

	for (size_t k = 0; k < sizeof(logs) / sizeof(logs[0]); k++) {
		struct blog *log = unit_parse(state, logs[k]);
		struct model_result *r = run_model(state, log, NULL);

		if (log->result.type == RESULT_CULPRIT) {
			assert_probability(r->p_wrong);
			assert_non_null(r->why);
		} else {
			assert_true(r->p_wrong < 0);
			assert_null(r->why);
		}
		for (size_t i = 0; i < log->n_steps; i++)
			assert_true(r->step_p[i] < 0 || (r->step_p[i] >= 0 && r->step_p[i] <= 1));
		assert_true(r->blamed_step < (int)log->n_steps);
	}
}

static void test_git_bisect_log_confidence(void **state)
{
	struct blog *log = unit_parse(state,
		"git bisect start\n"
		"# bad: [" H_A "] " S_A "\n"
		"git bisect bad " H_A "\n"
		"# good: [" H_B "] " S_B "\n"
		"git bisect good " H_B "\n"
		"# first bad commit: [" H_A "] " S_A "\n");
	struct model_result *r = run_model(state, log, NULL);

	assert_int_equal(log->format, LOG_FORMAT_GIT_BISECT);
	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->verdict == VERDICT_GOOD || log->steps[i]->verdict == VERDICT_BAD)
			assert_float_equal(r->step_local[i], 1 - MODEL_GIT_VERDICT_CONFIDENCE, 1e-12);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_beta_arithmetic),
		UNIT_TEST(test_era_threshold),
		UNIT_TEST(test_clean_step_after_flaky_reproducer),
		UNIT_TEST(test_bad_step_on_another_crash),
		UNIT_TEST(test_later_original_crash_clears_an_earlier_doubt),
		UNIT_TEST(test_clear_log_is_believed),
		UNIT_TEST(test_always_a_probability),
		UNIT_TEST(test_git_bisect_log_confidence),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
