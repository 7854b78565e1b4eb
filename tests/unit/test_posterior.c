/* The posterior over commits (src/bisect/posterior.c, doc/model.md §9)
 * on small graphs built by hand: a clean bisection, a false clean
 * release, a release blind to the bug, a merge, skipped steps and a
 * flaky reproducer; the set as runs that `git log OLDEST^..NEWEST` lists
 * exactly. */
#include "config.h"

#include <math.h>

#include "unit.h"

#include "bisect/dag.h"
#include "bisect/posterior.h"

#define NP DAG_NONE
#define CRASH_OK 0.996     /* a crash, when the bug is there */
#define CRASH_FALSE 0.004  /* ... when it is not */
#define CLEAN_MISS 0.02    /* clean runs, the bug there */
#define RELEASE_PRIOR 0.035
#define RELEASE_MISS 0.3

/* A chain of n commits, index 0 the newest, each the child of the next. */
static struct dag *chain(void *ctx, uint32_t n)
{
	struct dag *d = dag_new(ctx, n, n - 1);

	assert_non_null(d);
	for (uint32_t i = 0; i < n; i++) {
		d->oid[i][0] = (uint8_t)i;
		d->oid[i][1] = (uint8_t)(i >> 8);
		d->parent_start[i] = i;
		if (i + 1 < n)
			d->parent[i] = i + 1;
	}
	d->parent_start[n] = n - 1;
	dag_index(d);
	return d;
}

static struct posterior_obs seen(uint32_t at, bool crashed, double miss)
{
	struct posterior_obs o = { .at = at };

	o.log_present = log(crashed ? CRASH_OK : miss);
	o.log_absent = log(crashed ? CRASH_FALSE : 1.0);
	return o;
}

/* The release judged clean below the range: outside end 0. */
static struct posterior_obs release_clean(void)
{
	struct posterior_obs o = seen(DAG_NONE, false, RELEASE_MISS);

	o.outside = 0;
	return o;
}

static void check_sane(const struct posterior *r)
{
	double sum = 0;

	assert_non_null(r);
	for (size_t h = 0; h < r->n + r->n_outside + r->has_newer; h++) {
		assert_false(isnan(r->p[h]));
		assert_true(r->p[h] >= 0 && r->p[h] <= 1);
		sum += r->p[h];
	}
	assert_true(fabs(sum - 1) < 1e-9);
	assert_false(isnan(r->outside_p));
	assert_true(r->set_listed <= r->set_size);
}

static bool in_set(const struct posterior *r, uint32_t i)
{
	for (size_t k = 0; k < r->set_listed; k++)
		if (r->set[k] == i)
			return true;
	return false;
}

/* git's binary search on a chain with the bug from commit `culprit` on;
 * lie: the index of a test whose answer is flipped, or -1. */
static size_t bisect_chain(uint32_t n, uint32_t culprit, int lie, struct posterior_obs *obs)
{
	uint32_t bad = 0, good = n;  /* good: the first index known clean (n: the release) */
	size_t k = 0;

	obs[k++] = release_clean();
	obs[k++] = seen(0, true, 0);
	while (good - bad > 1) {
		uint32_t mid = (bad + good) / 2;
		bool crashed = mid <= culprit;

		if ((int)k == lie)
			crashed = !crashed;
		obs[k++] = seen(mid, crashed, CLEAN_MISS);
		if (crashed)
			bad = mid;
		else
			good = mid;
	}
	return k;
}

/* Of the release's prior, the share of a blind reproducer (the model
 * gives it: doc/model.md §9); half, here. */
#define BLIND_SHARE 0.5

static struct posterior *run_share(void *ctx, const struct dag *d, const struct posterior_obs *obs,
				   size_t n_obs, uint32_t culprit, double blind_share)
{
	struct posterior_input in = { .obs = obs, .n_obs = n_obs, .n_outside = 1,
				      .outside_prior = RELEASE_PRIOR, .miss = CLEAN_MISS,
				      .false_crash = CRASH_FALSE, .culprit = culprit,
				      .older_blind_share = blind_share };
	struct posterior *r = posterior_compute(ctx, d, &in);

	check_sane(r);
	return r;
}

static struct posterior *run(void *ctx, const struct dag *d, const struct posterior_obs *obs,
			     size_t n_obs, uint32_t culprit)
{
	return run_share(ctx, d, obs, n_obs, culprit, BLIND_SHARE);
}

static void test_clean_bisection(void **state)
{
	struct dag *d = chain(*state, 200);
	struct posterior_obs obs[32];
	size_t n = bisect_chain(200, 137, -1, obs);
	struct posterior *r = run(*state, d, obs, n, 137);

	assert_int_equal(r->top[0], 137);
	assert_true(r->culprit_p > 0.8);
	assert_true(in_set(r, 137));
	assert_true(r->set_size < 10);
	assert_true(r->outside_p < 0.01);
	/* the set is (nearly) the culprit alone: the test that tells it from
	 * what came before is its parent's, on a chain the next index */
	assert_true(in_set(r, r->next) || (r->next > 0 && in_set(r, r->next - 1)));
	if (r->set_size == 1)
		assert_int_equal(r->next, 138);
}

/* Every test in the range crashed, down to its oldest commit: either
 * that commit, or the clean release was wrong and the bug is older. */
static void test_false_clean_release(void **state)
{
	struct dag *d = chain(*state, 500);
	struct posterior_obs obs[32];
	size_t n = bisect_chain(500, 499, -1, obs);
	struct posterior *r = run(*state, d, obs, n, 499);

	assert_true(r->outside_p > 0.5);
	assert_true(r->set_outside);
	assert_true(r->culprit_p < 0.5);
}

/* A reproducer blind below some commit E looks like a clean bisection
 * ending on E: the clean release can still have held the bug. Whatever
 * the clean steps of the range say, the mass older than the range stays
 * near half the release's own chance of being wrong (odds π·L / (1 − π),
 * doc/model.md §10), not the ~1e-9 of every clean range step taken as a
 * miss of its own. */
static void test_blind_release(void **state)
{
	struct dag *d = chain(*state, 200);
	struct posterior_obs obs[32];
	size_t n = bisect_chain(200, 137, -1, obs);
	struct posterior *r = run(*state, d, obs, n, 137);
	double odds = RELEASE_PRIOR * RELEASE_MISS / (1 - RELEASE_PRIOR);

	assert_true(r->outside_p > 0.4 * odds / (1 + odds));
	assert_true(r->outside_p < 0.6 * odds / (1 + odds));
	assert_true(r->culprit_p > 0.9);
	/* all of it blind mass: no test can weigh it */
	assert_true(r->blind_p > 0.99 * r->outside_p);
	/* without the blind share, the clean range steps rule it out */
	r = run_share(*state, d, obs, n, 137, 0);
	assert_true(r->outside_p < 1e-6);
}

/* The range's bad end crashed on another bug only (its runs make the
 * bug's absence likely), and every commit tested below it was clean: the
 * bisection ends on the bad end itself, and the bug may well be newer than
 * the whole range. Crashing on the original, the bad end rules that out. */
static void test_newer_than_the_range(void **state)
{
	struct dag *d = chain(*state, 64);
	struct posterior_obs obs[16];
	struct posterior_input in = { .obs = obs, .n_outside = 1, .outside_prior = RELEASE_PRIOR,
				      .miss = CLEAN_MISS, .false_crash = CRASH_FALSE,
				      .culprit = 0, .newer_prior = 0.05 };
	struct posterior *r;
	size_t n = 0;

	obs[n++] = release_clean();
	obs[n] = seen(0, true, 0);
	obs[n].log_present = log(0.1);  /* it crashed on another bug, */
	obs[n++].log_absent = log(0.9); /* and its clean runs would have shown ours */
	for (uint32_t mid = 32; mid >= 1; mid /= 2)
		obs[n++] = seen(mid, false, CLEAN_MISS);
	in.n_obs = n;
	r = posterior_compute(*state, d, &in);
	check_sane(r);
	assert_true(r->has_newer);
	assert_true(r->newer_p > 0.3);
	assert_true(r->set_newer);
	assert_true(r->culprit_p < 0.7);

	obs[1] = seen(0, true, 0);      /* the original crash at the bad end */
	r = posterior_compute(*state, d, &in);
	check_sane(r);
	assert_true(r->newer_p < 0.05);
	assert_false(r->set_newer);
	assert_true(r->culprit_p > 0.9);
}

/* One flipped answer (a false clean) in the middle of the search: the
 * true culprit keeps real mass, and the set is honest about it. */
static void test_flipped_answer(void **state)
{
	struct dag *d = chain(*state, 256);
	struct posterior_obs obs[32];
	size_t n = bisect_chain(256, 100, 3, obs);
	struct posterior *r = run(*state, d, obs, n, DAG_NONE);

	assert_true(r->culprit_p < 0);
	assert_true(r->set_size > 1);
	assert_true(r->p[100] > 1e-4);
	assert_true(in_set(r, r->next));
}

/* 0 merges 1 (first parent) and 3; 1 <- 2 <- 4, 3 <- 4. The bug came in
 * on the side branch (3): ancestry with merges, not first-parent. */
static void test_merge(void **state)
{
	struct dag *d = dag_new(*state, 5, 6);
	static const uint32_t start[] = { 0, 2, 3, 4, 5, 6 };
	static const uint32_t parent[] = { 1, 3, 2, 4, 4, NP };
	struct posterior_obs obs[] = {
		release_clean(), seen(0, true, 0), seen(1, false, CLEAN_MISS),
		seen(3, true, 0), seen(4, false, CLEAN_MISS),
	};
	struct posterior *r;

	assert_non_null(d);
	for (uint32_t i = 0; i < 5; i++)
		d->oid[i][0] = (uint8_t)(i + 1);
	memcpy(d->parent_start, start, sizeof(start));
	memcpy(d->parent, parent, sizeof(parent));
	dag_index(d);
	r = run(*state, d, obs, sizeof(obs) / sizeof(*obs), 3);
	assert_int_equal(r->top[0], 3);
	assert_true(r->culprit_p > 0.9);
	assert_true(r->p[1] < 0.01 && r->p[2] < 0.01);
}

/* Skipped steps give no observation: with few tests the set stays wide,
 * and the next test falls inside it, near its middle. */
static void test_skips(void **state)
{
	struct dag *d = chain(*state, 100);
	struct posterior_obs obs[] = {
		release_clean(), seen(0, true, 0), seen(50, false, CLEAN_MISS),
	};
	struct posterior *r = run(*state, d, obs, sizeof(obs) / sizeof(*obs), 10);

	assert_true(r->set_size >= 40);
	assert_true(in_set(r, r->next));
	assert_true(r->next >= 15 && r->next <= 35);
	assert_true(r->next_present > 0.3 && r->next_present < 0.7);
}

/* No outside end, and a single commit. */
static void test_edges(void **state)
{
	struct dag *d = chain(*state, 1);
	struct posterior_obs obs[] = { seen(0, true, 0) };
	struct posterior_input in = { .obs = obs, .n_obs = 1, .miss = CLEAN_MISS,
				      .false_crash = CRASH_FALSE, .culprit = 0 };
	struct posterior *r = posterior_compute(*state, d, &in);

	check_sane(r);
	assert_true(fabs(r->culprit_p - 1) < 1e-12);
	assert_int_equal(r->set_size, 1);
	assert_int_equal(r->next, 0);
	assert_null(posterior_compute(*state, NULL, &in));
}

/* In the dag's order (newest first): A(0) <- M(1), a merge of B(2) and
 * S1(5); B <- C(3) <- D(4), D's parent outside the range; S1 <- S2(6),
 * forked from C; E(7) another child of D. */
static struct dag *forked(void *ctx)
{
	static const uint32_t start[] = { 0, 1, 3, 4, 5, 6, 7, 8, 9 };
	static const uint32_t parent[] = { 1, 2, 5, 3, 4, NP, 6, 3, 4 };
	struct dag *d = dag_new(ctx, 8, 9);

	assert_non_null(d);
	for (uint32_t i = 0; i < 8; i++)
		d->oid[i][0] = (uint8_t)(i + 1);
	memcpy(d->parent_start, start, sizeof(start));
	memcpy(d->parent, parent, sizeof(parent));
	dag_index(d);
	return d;
}

static void assert_run(const struct posterior_run *run, uint32_t newest, uint32_t oldest,
		       size_t commits, double p)
{
	assert_int_equal(run->newest, newest);
	assert_int_equal(run->oldest, oldest);
	assert_int_equal(run->commits, commits);
	assert_true(fabs(run->p - p) < 1e-12);
}

/* The merge and the commit above it stand alone (the merge brings its
 * side branch along, so no range through it is exact); B-C-D is one run
 * (D^..B); the side branch S1-S2 another (S2^ = C: C^..S1 lists them
 * alone), since C went with its first child in the dag's order, B. */
static void test_set_runs(void **state)
{
	static double p[] = { 0.05, 0.1, 0.2, 0.1, 0.05, 0.3, 0.1, 0.02, 0.08 };
	bool in_set[] = { true, true, true, true, true, true, true, false };
	struct posterior r = { .n = 8, .n_outside = 1, .p = p, .in_set = in_set, .set_size = 7 };
	struct dag *d = forked(*state);
	struct posterior_run *runs;

	assert_int_equal(posterior_set_runs(*state, d, &r, &runs), 4);
	assert_run(&runs[0], 5, 6, 2, 0.4);
	assert_run(&runs[1], 2, 4, 3, 0.35);
	assert_run(&runs[2], 1, 1, 1, 0.1);
	assert_run(&runs[3], 0, 0, 1, 0.05);

	/* without C: B and D alone, the side branch still one run */
	in_set[3] = false;
	r.set_size = 6;
	assert_int_equal(posterior_set_runs(*state, d, &r, &runs), 5);
	assert_run(&runs[0], 5, 6, 2, 0.4);
	assert_run(&runs[1], 2, 2, 1, 0.2);
	assert_run(&runs[2], 1, 1, 1, 0.1);
	assert_run(&runs[3], 0, 0, 1, 0.05);
	assert_run(&runs[4], 4, 4, 1, 0.05);

	/* an empty set: no runs */
	r.set_size = 0;
	assert_int_equal(posterior_set_runs(*state, d, &r, &runs), 0);
	assert_null(runs);
}

/* The map view's order (dag_topo_rank()): git's --topo-order, the
 * merge's last parent's line (S1, S2) right after it, then the first
 * parent's; E, a second tip, once its parent's other child is out. */
static void test_topo_rank(void **state)
{
	static const uint32_t want[] = { 0, 1, 4, 5, 7, 2, 3, 6 };
	struct dag *d = forked(*state);
	uint32_t *rank = dag_topo_rank(*state, d);

	assert_non_null(rank);
	assert_memory_equal(rank, want, sizeof(want));
	assert_int_equal(dag_find_hex(d, "0300000000000000000000000000000000000000"), 2);
	assert_int_equal(dag_find_hex(d, "03000000000000000000000000000000000000"), DAG_NONE);
	assert_int_equal(dag_find_hex(d, "0g00000000000000000000000000000000000000"), DAG_NONE);
}

/* From posterior_compute() on a chain, with one answer flipped: the runs
 * hold the whole set (its count and its mass), each a stretch of the chain. */
static void test_set_runs_computed(void **state)
{
	struct dag *d = chain(*state, 256);
	struct posterior_obs obs[32];
	size_t n = bisect_chain(256, 100, 3, obs);
	struct posterior *r = run(*state, d, obs, n, DAG_NONE);
	struct posterior_run *runs;
	size_t n_runs = posterior_set_runs(*state, d, r, &runs), commits = 0;
	double mass = 0, set_mass = 0;

	assert_true(n_runs >= 1 && n_runs < r->set_size);
	for (size_t k = 0; k < n_runs; k++) {
		assert_int_equal(runs[k].commits, runs[k].oldest - runs[k].newest + 1);
		assert_true(k == 0 || runs[k].p <= runs[k - 1].p);
		commits += runs[k].commits;
		mass += runs[k].p;
	}
	for (uint32_t i = 0; i < r->n; i++)
		set_mass += r->in_set[i] ? r->p[i] : 0;
	assert_int_equal(commits, r->set_size);
	assert_true(fabs(mass - set_mass) < 1e-9);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_clean_bisection),
		UNIT_TEST(test_false_clean_release),
		UNIT_TEST(test_blind_release),
		UNIT_TEST(test_newer_than_the_range),
		UNIT_TEST(test_flipped_answer),
		UNIT_TEST(test_merge),
		UNIT_TEST(test_skips),
		UNIT_TEST(test_edges),
		UNIT_TEST(test_set_runs),
		UNIT_TEST(test_set_runs_computed),
		UNIT_TEST(test_topo_rank),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
