/* git bisect's choice (src/bisect/bisect_algo.c) on small graphs built by
 * hand, where every number can be worked out on paper from git's bisect.c
 * (doc/libraries.md §4). tests/tree/bisect-vs-git.sh checks the same code against
 * real git on larger repositories. */
#include "config.h"

#include "unit.h"

#include "bisect/bisect_algo.h"
#include "bisect/bisect_list.h"
#include "bisect/dag.h"

#define MAX_PARENTS 4
#define NP DAG_NONE     /* a parent outside the range */

/* One commit: committer time, first byte of its id (for the id
 * tie-break), parents by index. */
struct node {
	int64_t time;
	uint8_t id;
	uint32_t np;
	uint32_t p[MAX_PARENTS];
};

static struct dag *build(void *ctx, const struct node *g, uint32_t n)
{
	uint32_t n_par = 0, k = 0;
	struct dag *d;

	for (uint32_t i = 0; i < n; i++)
		n_par += g[i].np;
	d = dag_new(ctx, n, n_par);
	assert_non_null(d);
	for (uint32_t i = 0; i < n; i++) {
		d->oid[i][0] = g[i].id;
		d->oid[i][DAG_OID_LEN - 1] = (uint8_t)i;
		d->oid[i][DAG_OID_LEN - 2] = (uint8_t)(i >> 8);
		d->time[i] = g[i].time;
		d->parent_start[i] = k;
		for (uint32_t j = 0; j < g[i].np; j++)
			d->parent[k++] = g[i].p[j];
	}
	assert_int_equal(d->parent_start[n], k);
	dag_index(d);
	return d;
}

/* A chain of n commits, index 0 the newest (the bad end), each the child
 * of the next; ids ascend towards the root. */
static struct dag *chain(void *ctx, uint32_t n)
{
	struct dag *d = dag_new(ctx, n, n - 1);

	assert_non_null(d);
	for (uint32_t i = 0; i < n; i++) {
		d->oid[i][0] = (uint8_t)(n - i);
		d->oid[i][DAG_OID_LEN - 1] = (uint8_t)i;
		d->oid[i][DAG_OID_LEN - 2] = (uint8_t)(i >> 8);
		d->oid[i][DAG_OID_LEN - 3] = (uint8_t)(i >> 16);
		d->time[i] = 1000000 + (int64_t)(n - i) * 60;
		d->parent_start[i] = i;
		if (i + 1 < n)
			d->parent[i] = i + 1;
	}
	d->parent_start[n] = n - 1;
	dag_index(d);
	return d;
}

static void next(const struct dag *d, const struct bisect_query *q, struct bisect_answer *a)
{
	assert_int_equal(bisect_next(d, q, a), 0);
}

/* The numbers of an answer, each compared on its own; a failure names
 * the caller's line. */
static void assert_answer_at(const struct bisect_answer *a, uint32_t all, uint32_t reaches,
			     uint32_t choice, int revisions_left, int steps_left,
			     const char *file, int line)
{
#define ANSWER_EQUAL(field) \
	_assert_int_equal(cast_to_largest_integral_type(a->field), \
			  cast_to_largest_integral_type(field), file, line)
	ANSWER_EQUAL(all);
	ANSWER_EQUAL(reaches);
	ANSWER_EQUAL(choice);
	ANSWER_EQUAL(revisions_left);
	ANSWER_EQUAL(steps_left);
#undef ANSWER_EQUAL
}
#define assert_answer(a, all, reaches, choice, revisions_left, steps_left) \
	assert_answer_at((a), (all), (reaches), (choice), (revisions_left), (steps_left), \
			 __FILE__, __LINE__)

static void test_estimate_steps(void **state)
{
	/* all < 3 -> 0; then n = log2(all), one less unless 3x > 2^n */
	static const uint32_t all[] =   { 0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 7493, 7554, 15109, 16384 };
	static const int steps[] =      { 0, 0, 0, 1, 1, 1, 2, 2, 2, 3,  12,   12,   13,    13 };

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		assert_int_equal(bisect_estimate_steps(all[i]) * 100000 + (int)all[i],
				 steps[i] * 100000 + (int)all[i]);
	/* Real logs: "3746 revisions left to test after this (roughly 12
	 * steps)" and "7554 ... (roughly 13 steps)": N is about all / 2, so
	 * all is about 7493 and 15109. */
	assert_int_equal(bisect_estimate_steps(2 * 3746 + 1), 12);
	assert_int_equal(bisect_estimate_steps(2 * 7554 + 1), 13);
}

static void test_linear(void **state)
{
	struct dag *d = chain(*state, 8);
	struct bisect_query q = { .bad = 0 };
	struct bisect_answer a;
	uint32_t good = 5;

	/* 8 candidates, weights 1 (root) .. 8 (bad): the fill pass goes
	 * oldest first and stops at weight 4, the first with 2w - 8 = 0 */
	next(d, &q, &a);
	assert_answer(&a, 8, 4, 4, 3, 2);
	assert_false(a.found);
	assert_false(a.only_skipped);

	/* good 5: 0..4 are left, weights 1..5 from commit 4 up; commit 4
	 * has no candidate parent, so it is counted without a half-way test,
	 * and weight 2 (2*2 - 5 = -1) is the first one tested */
	q.goods = &good;
	q.n_goods = 1;
	next(d, &q, &a);
	assert_answer(&a, 5, 2, 3, 2, 1);

	/* bad 4 with good 5: one candidate, the first bad commit */
	q.bad = 4;
	next(d, &q, &a);
	assert_int_equal(a.all, 1);
	assert_true(a.found);
	assert_int_equal(a.choice, DAG_NONE);

	/* bad 5 is good too: "was both good and bad" */
	q.bad = 5;
	next(d, &q, &a);
	assert_int_equal(a.all, 0);
	assert_false(a.found);
	assert_int_equal(a.choice, DAG_NONE);
}

/* git >= 2.30 also accepts |2w - nr| < nr / 1024: on a 4999 chain weight
 * 2498 (2w - nr = -3 < 4) comes before the exact 2499. */
static void test_halfway_tolerance(void **state)
{
	struct dag *d = chain(*state, 4999);
	struct bisect_query q = { .bad = 0 };
	struct bisect_answer a;

	next(d, &q, &a);
	assert_answer(&a, 4999, 2498, 4999 - 2498, 2500, 11);
}

/*      1 (B, t=2)
 *     /          \
 * 3 (A, t=1)      0 (D, t=4, merge of B and C)
 *     \          /
 *      2 (C, t=3)
 */
static const struct node diamond[] = {
	{ 4, 0x40, 2, { 1, 2 } },
	{ 2, 0x20, 1, { 3 } },
	{ 3, 0x30, 1, { 3 } },
	{ 1, 0x10, 1, { NP } },
};

static void test_diamond(void **state)
{
	struct dag *d = build(*state, diamond, 4);
	struct bisect_query q = { .bad = 0 };
	struct bisect_answer a;
	uint8_t cand[4];
	struct node g[4];

	/* list A, B, C, D (reverse of D C B A): B is the first half-way */
	next(d, &q, &a);
	assert_answer(&a, 4, 2, 1, 1, 1);
	assert_int_equal(bisect_candidates(d, &q, cand), 4);

	/* newer B: the list is A, C, B, D and C comes first */
	memcpy(g, diamond, sizeof(g));
	g[1].time = 3;
	g[2].time = 2;
	d = build(*state, g, 4);
	next(d, &q, &a);
	assert_int_equal(a.choice, 2);

	assert_true(dag_reaches(d, 0, 3));
	assert_true(dag_reaches(d, 1, 1));
	assert_true(dag_reaches(d, 2, 3));
	assert_false(dag_reaches(d, 1, 2));
	assert_false(dag_reaches(d, 3, 0));
	assert_false(dag_reaches(d, 0, 4));
}

/* Equal dates: limit_list() queues equal-dated commits first come, first
 * served, so the parent order of the merge decides which side is tested.
 *
 *   0 M (t=9, parents X Y)   1 X (t=5, parent R)   2 Y (t=5, parent R)
 *   3 R (t=5)
 */
static void test_ties(void **state)
{
	struct node g[] = {
		{ 9, 0x90, 2, { 1, 2 } },
		{ 5, 0x50, 1, { 3 } },
		{ 5, 0x60, 1, { 3 } },
		{ 5, 0x10, 0, { 0 } },
	};
	struct bisect_query q = { .bad = 0 };
	struct bisect_answer a;
	struct dag *d = build(*state, g, 4);

	/* rev-list M X Y R, list R Y X M: Y (weight 2) first */
	next(d, &q, &a);
	assert_int_equal(a.choice, 2);
	g[0].p[0] = 2;
	g[0].p[1] = 1;
	d = build(*state, g, 4);
	next(d, &q, &a);
	assert_int_equal(a.choice, 1);
}

/* The order of a later step is limit_list()'s for its own bad and goods,
 * not the first range's order restricted to what is left:
 *
 *   0 M (t=20, parents 1 2)  1 c1 (t=10, parent 3)  2 c2 (t=10, parents 4 3)
 *   3 y (t=5, parent 5)      4 x (t=5, parent 5)     5 r (t=1)
 *
 * From M: M c1 c2 y x r (y queued by c1 before c2 queues x). From c2:
 * c2 x y r, so the list is r y x c2 and y (weight 2) is chosen; the
 * restricted first order (c2 y x r) would have chosen x. */
static void test_later_order(void **state)
{
	static const struct node g[] = {
		{ 20, 0x01, 2, { 1, 2 } },
		{ 10, 0x02, 1, { 3 } },
		{ 10, 0x03, 2, { 4, 3 } },
		{ 5, 0x04, 1, { 5 } },
		{ 5, 0x05, 1, { 5 } },
		{ 1, 0x06, 0, { 0 } },
	};
	struct dag *d = build(*state, g, 6);
	struct bisect_query q = { .bad = 2 };
	struct bisect_answer a;
	uint32_t order[6];

	assert_int_equal(bisect_range(*state, d, &q, BISECT_RANGE_WALK, order), 4);
	assert_int_equal(order[0], 2);
	assert_int_equal(order[1], 4);
	assert_int_equal(order[2], 3);
	assert_int_equal(order[3], 5);
	next(d, &q, &a);
	assert_int_equal(a.all, 4);
	assert_int_equal(a.choice, 3);

	q.bad = 0;
	assert_int_equal(bisect_range(*state, d, &q, BISECT_RANGE_WALK, order), 6);
	assert_int_equal(order[3], 3);
	assert_int_equal(order[4], 4);
}

/* A chain of 10 (ids ascending with weight), the best one (weight 5)
 * skipped. Sorted by distance, ties by id: w5 | w4 w6 | w3 w7 | ...
 * Without w5, count = 9: prn = ((9 * 1103515245 + 12345) mod 2^32 /
 * 65536) mod 32768 = 20472, index = (9 * 20472 / 32768) * sqrti(20472)
 * / sqrti(32768) = 5 * 143 / 181 = 3: w7. N still describes w5. */
static void test_skip_away(void **state)
{
	struct dag *d = chain(*state, 10);
	uint32_t skip = 5;      /* weight 5 */
	struct bisect_query q = { .bad = 0, .skips = &skip, .n_skips = 1 };
	struct bisect_answer a;

	next(d, &q, &a);
	assert_int_equal(a.all, 10);
	assert_int_equal(a.reaches, 5);
	assert_int_equal(a.revisions_left, 4);
	assert_int_equal(a.choice, 10 - 7);
	assert_false(a.only_skipped);

	/* a skip that is no candidate still makes git sort: same as no skip
	 * here, the head of the sorted list is weight 5 */
	skip = DAG_NONE;
	next(d, &q, &a);
	assert_int_equal(a.choice, 5);
}

static void test_all_skipped(void **state)
{
	struct dag *d = chain(*state, 3);
	uint32_t skips[] = { 1, 2, 0 };
	struct bisect_query q = { .bad = 0, .skips = skips, .n_skips = 2 };
	struct bisect_answer a;

	/* only the bad one is not skipped: skip_away lands on it */
	next(d, &q, &a);
	assert_int_equal(a.all, 3);
	assert_true(a.only_skipped);
	assert_false(a.found);
	assert_int_equal(a.choice, DAG_NONE);

	/* with the bad one skipped too, nothing is left at all */
	q.n_skips = 3;
	next(d, &q, &a);
	assert_true(a.only_skipped);
	assert_int_equal(a.choice, DAG_NONE);

	/* weight 2 not skipped: skip_away's index 0 is it */
	skips[0] = 0;
	q.n_skips = 2;
	next(d, &q, &a);
	assert_false(a.only_skipped);
	assert_int_equal(a.choice, 1);
}

/*   0 m2 (t=7, parent 1)   1 M (t=6, parents 2 5)   2 m1 (t=2, parent 6)
 *   3 t1 (t=3, parent 6)   4 t2 (t=4, parent 3)     5 t3 (t=5, parent 4)
 *   6 r (t=1)
 * --first-parent: m2 M m1 r only. */
static void test_first_parent(void **state)
{
	static const struct node g[] = {
		{ 7, 0x07, 1, { 1 } },
		{ 6, 0x06, 2, { 2, 5 } },
		{ 2, 0x02, 1, { 6 } },
		{ 3, 0x03, 1, { 6 } },
		{ 4, 0x04, 1, { 3 } },
		{ 5, 0x05, 1, { 4 } },
		{ 1, 0x01, 1, { NP } },
	};
	struct dag *d = build(*state, g, 7);
	struct bisect_query q = { .bad = 0 };
	struct bisect_answer a;
	uint8_t cand[7];

	next(d, &q, &a);
	assert_int_equal(a.all, 7);
	q.first_parent = true;
	next(d, &q, &a);
	assert_int_equal(a.all, 4);
	/* list r m1 M m2, weights 1 2 3 4: m1 */
	assert_int_equal(a.choice, 2);
	assert_int_equal(a.reaches, 2);
	assert_int_equal(a.revisions_left, 1);
	assert_int_equal(bisect_candidates(d, &q, cand), 4);
	assert_int_equal(cand[3] + cand[4] + cand[5], 0);
	assert_int_equal(cand[0] + cand[1] + cand[2] + cand[6], 4);
}

static void test_invalid(void **state)
{
	struct dag *d = chain(*state, 3);
	uint32_t bad_good = 3;
	struct bisect_query q = { .bad = 3 };
	struct bisect_answer a;

	assert_int_equal(bisect_next(d, &q, &a), -1);
	q.bad = 0;
	q.goods = &bad_good;
	q.n_goods = 1;
	assert_int_equal(bisect_next(d, &q, &a), -1);
	assert_int_equal(dag_find(d, d->oid[2]), 2);
	assert_int_equal(dag_find(d, (const uint8_t *)"no such commit here!"), DAG_NONE);
}

/* Park and Miller, as in tests/tree/bisect-vs-git.sh */
static uint32_t rnd(uint64_t *seed, uint32_t n)
{
	*seed = *seed * 16807 % 2147483647;
	return (uint32_t)(*seed % n);
}

/* Random graphs with dates that never go back: the bitset weights equal
 * git's walk from every merge, and the walk re-play finds what plain
 * reachability finds, in the same order. */
static void test_random_graphs(void **state)
{
	uint64_t seed = 42;

	for (int round = 0; round < 40; round++) {
		uint32_t n = 50 + rnd(&seed, 400);
		struct node *g = talloc_array(*state, struct node, n);
		uint32_t *o1 = talloc_array(g, uint32_t, n), *o2 = talloc_array(g, uint32_t, n);
		uint32_t goods[3];
		struct bisect_query q = { .bad = 0, .goods = goods };
		struct bisect_list l1, l2;
		struct dag *d;

		/* index i's parents have larger indices: older or same date */
		for (uint32_t i = 0; i < n; i++) {
			g[i].time = (int64_t)(n - i) / (1 + round % 4);
			g[i].id = (uint8_t)rnd(&seed, 256);
			g[i].np = i + 1 < n ? 1 + (rnd(&seed, 5) == 0) + (rnd(&seed, 20) == 0) : 0;
			for (uint32_t j = 0; j < g[i].np; j++)
				g[i].p[j] = i + 1 + rnd(&seed, n - i - 1 < 30 ? n - i - 1 : 30);
			if (rnd(&seed, 10) == 0)
				g[i].p[0] = NP;
		}
		d = build(g, g, n);
		q.n_goods = rnd(&seed, 3);
		for (size_t j = 0; j < q.n_goods; j++)
			goods[j] = 1 + rnd(&seed, n - 1);
		q.first_parent = round % 5 == 4;
		assert_int_equal(bisect_list_build(g, d, &q, BISECT_RANGE_WALK, &l1), 0);
		assert_int_equal(bisect_list_build(g, d, &q, BISECT_RANGE_REACH, &l2), 0);
		assert_int_equal(l1.nr, l2.nr);
		assert_memory_equal(l1.item, l2.item, l1.nr * sizeof(uint32_t));
		assert_int_equal(bisect_list_weigh(g, &l1, BISECT_WEIGH_FAST), 0);
		assert_int_equal(bisect_list_weigh(g, &l2, BISECT_WEIGH_WALK), 0);
		assert_memory_equal(l1.weight, l2.weight, l1.nr * sizeof(uint32_t));
		assert_int_equal(bisect_range(g, d, &q, BISECT_RANGE_WALK, o1), l1.nr);
		assert_int_equal(bisect_range(g, d, &q, BISECT_RANGE_REACH, o2), l1.nr);
		assert_memory_equal(o1, o2, l1.nr * sizeof(uint32_t));
		talloc_free(g);
	}
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_estimate_steps),
		UNIT_TEST(test_linear),
		UNIT_TEST(test_halfway_tolerance),
		UNIT_TEST(test_diamond),
		UNIT_TEST(test_ties),
		UNIT_TEST(test_later_order),
		UNIT_TEST(test_skip_away),
		UNIT_TEST(test_all_skipped),
		UNIT_TEST(test_first_parent),
		UNIT_TEST(test_invalid),
		UNIT_TEST(test_random_graphs),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
