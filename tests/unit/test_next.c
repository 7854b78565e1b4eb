/* What to run next (src/report/next.h, doc/model.md §11): the runs of a
 * re-test follow n >= ln(0.05)/ln(1-p) with p the mean of the model's
 * Beta posterior of the reproducer's rate, capped; the list is ordered
 * re-test, revert, test, resume; there is no revert without a culprit and
 * no test without a posterior. */
#include "config.h"

#include <math.h>

#include "unit.h"
#include "report/next.h"
#include "report/report.h"

#include "syz_runs.h"

/* original, a good release, two git bisect steps (H_A bad, H_B good),
 * then the culprit H_CUL, bad */
#define HEAD_STEPS SYZ_STEPS(R3, R3, CLEAN10, "good")
#define CULPRIT_LOG HEAD_STEPS SYZ_CULPRIT(R3)

/* ... or no culprit: two candidates */
#define INCONCLUSIVE_LOG \
	HEAD_STEPS \
	"revisions tested: 4, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n" \
	"bisection is inconclusive, the first bad commit could be any of:\n" \
	H_CUL "\n" \
	H_C "\n"

static size_t next_of(void **state, const struct blog *log, struct report_ctx *rc,
		      struct next_action **v)
{
	*rc = (struct report_ctx){ 0 };
	report_assess(*state, log, rc);
	return report_next(*state, log, rc, v);
}

static void test_runs_formula(void **state)
{
	bool capped;

	(void)state;
	/* (1 - p)^n <= 0.05: ln 0.05 / ln 0.5 = 4.32 */
	assert_int_equal(next_runs(0.5, &capped), 5);
	assert_false(capped);
	assert_int_equal(next_runs(0.3, &capped), 9);   /* 8.40 */
	assert_int_equal(next_runs(0.95, &capped), 1);  /* 1.00: exactly enough */
	assert_int_equal(next_runs(1.0, &capped), 1);
	assert_int_equal(next_runs(0.03, &capped), 99); /* 98.4 */
	assert_false(capped);
	assert_int_equal(next_runs(0.02, &capped), NEXT_RUNS_MAX); /* 148.3 */
	assert_true(capped);
	assert_int_equal(next_runs(0.0, &capped), NEXT_RUNS_MAX);
	assert_true(capped);
}

/* with a culprit and a blamed step: re-test first, with the runs the
 * model's rate asks for (never fewer than the step had), then revert,
 * then resume; no test (no tree). When the doubt is a blind reproducer
 * (doc/model.md §4), no re-test: it would be clean again. */
static void test_order_with_a_culprit(void **state)
{
	struct blog *bl = unit_parse_known_at(state, CULPRIT_LOG, __FILE__, __LINE__);
	struct report_ctx rc;
	struct next_action *v;
	size_t n = next_of(state, bl, &rc, &v), k = 0;
	const struct model_result *m;
	double p;
	int want, b;
	bool blind;

	m = rc.model;
	p = m->rate_a / (m->rate_a + m->rate_b);
	want = (int)ceil(log(0.05) / log(1 - p));
	b = m->blamed_step;
	assert_int_equal(bl->result.type, RESULT_CULPRIT);
	assert_true(b >= 0);
	blind = m->blind_share[b] > 0.5 * m->step_share[b];
	assert_int_equal(n, blind ? 2 : 3);
	if (!blind) {
		const struct model_step_obs *so = &m->obs->steps[b];
		int had = so->ok + so->crashed_orig + so->crashed_other;

		assert_int_equal(v[0].kind, NEXT_RETEST);
		assert_int_equal(v[0].step, b);
		assert_str(v[0].commit, bl->steps[b]->commit);
		want = want > NEXT_RUNS_MAX ? NEXT_RUNS_MAX : want;
		assert_int_equal(v[0].runs, had > want ? had : want);
		assert_true(pow(1 - p, v[0].runs) <= 0.05 + 1e-12);
		k = 1;
	}
	assert_int_equal(v[k].kind, NEXT_REVERT);
	assert_str(v[k].commit, H_CUL);
	assert_int_equal(v[k].runs, -1);
	assert_contains(v[k].why, "bisview --syz-test LOG");
	assert_int_equal(v[k + 1].kind, NEXT_RESUME);
	assert_int_equal(v[k + 1].step, b);
	assert_contains(v[k + 1].why, talloc_asprintf(*state, "--replay --flip %d LOG", v[k + 1].step));
	for (size_t i = 0; i < n; i++)
		assert_int_not_equal(v[i].kind, NEXT_TEST);
}

/* no culprit: no revert, whatever else applies */
static void test_no_revert_without_a_culprit(void **state)
{
	struct blog *bl = unit_parse(state, INCONCLUSIVE_LOG);
	struct report_ctx rc;
	struct next_action *v;
	size_t n = next_of(state, bl, &rc, &v);

	assert_int_equal(bl->result.type, RESULT_INCONCLUSIVE);
	assert_int_equal(bl->result.n_candidates, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_not_equal(v[i].kind, NEXT_REVERT);
		assert_int_not_equal(v[i].kind, NEXT_TEST);
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_runs_formula),
		UNIT_TEST(test_order_with_a_culprit),
		UNIT_TEST(test_no_revert_without_a_culprit),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
