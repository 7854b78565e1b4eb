/* The posterior over commits (doc/model.md §9): a likelihood per
 * hypothesis from every tested step, in log space, then the credible set,
 * the most likely commits and the test that most reduces the expected
 * entropy.
 *
 * Ancestry is answered for 64 commits at once: one bit per tested (or
 * candidate) commit, pushed from children to parents in a topological
 * order, so a node's word holds the commits it is an ancestor-or-self
 * of. One pass per 64 commits: O(range × commits / 64). */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "bisect/posterior.h"

/* Children before parents (Kahn's algorithm on the in-range edges). */
static uint32_t *topo_order(void *ctx, const struct dag *d)
{
	uint32_t *children = talloc_zero_array(ctx, uint32_t, d->n);
	uint32_t *order = talloc_array(ctx, uint32_t, d->n);
	size_t head = 0, tail = 0;

	if (!children || !order)
		return NULL;
	for (uint32_t e = 0; e < d->parent_start[d->n]; e++)
		if (d->parent[e] != DAG_NONE)
			children[d->parent[e]]++;
	for (uint32_t i = 0; i < d->n; i++)
		if (children[i] == 0)
			order[tail++] = i;
	while (head < tail) {
		uint32_t c = order[head++];

		for (uint32_t e = d->parent_start[c]; e < d->parent_start[c + 1]; e++) {
			uint32_t p = d->parent[e];

			if (p != DAG_NONE && --children[p] == 0)
				order[tail++] = p;
		}
	}
	talloc_free(children);
	if (tail != d->n) {  /* a cycle: not a history */
		talloc_free(order);
		return NULL;
	}
	return order;
}

/* marks[i]: bit j set when commit i is an ancestor-or-self of at[j]. */
static void reach(const struct dag *d, const uint32_t *topo, const uint32_t *at, size_t n_at,
		  uint64_t *marks)
{
	memset(marks, 0, sizeof(*marks) * d->n);
	for (size_t j = 0; j < n_at; j++)
		marks[at[j]] |= UINT64_C(1) << j;
	for (uint32_t k = 0; k < d->n; k++) {
		uint32_t c = topo[k];

		if (!marks[c])
			continue;
		for (uint32_t e = d->parent_start[c]; e < d->parent_start[c + 1]; e++)
			if (d->parent[e] != DAG_NONE)
				marks[d->parent[e]] |= marks[c];
	}
}

static int by_at(const void *a, const void *b)
{
	const struct posterior_obs *x = a, *y = b;

	return x->at < y->at ? -1 : x->at > y->at;
}

/* log P(all observations | H) for every range commit H, into ll. */
static int range_likelihood(void *tmp, const struct dag *d, const uint32_t *topo,
			    const struct posterior_input *in, uint64_t *marks, double *ll)
{
	struct posterior_obs *obs = talloc_array(tmp, struct posterior_obs, in->n_obs + 1);
	uint32_t at[64];
	double delta[64], base = 0;
	size_t n = 0, k = 0;

	if (!obs)
		return -1;
	for (size_t i = 0; i < in->n_obs; i++) {
		base += in->obs[i].log_absent;  /* range commits are absent at outside ends */
		if (in->obs[i].at != DAG_NONE && in->obs[i].at < d->n)
			obs[n++] = in->obs[i];
	}
	qsort(obs, n, sizeof(*obs), by_at);
	for (uint32_t i = 0; i < d->n; i++)
		ll[i] = base;
	/* distinct tested commits, 64 at a time */
	for (size_t i = 0; i < n;) {
		k = 0;
		while (i < n && (k < 64 || obs[i].at == at[k - 1])) {
			if (k == 0 || obs[i].at != at[k - 1]) {
				at[k] = obs[i].at;
				delta[k++] = 0;
			}
			delta[k - 1] += obs[i].log_present - obs[i].log_absent;
			i++;
		}
		reach(d, topo, at, k, marks);
		for (uint32_t c = 0; c < d->n; c++)
			for (uint64_t m = marks[c]; m; m &= m - 1)
				ll[c] += delta[__builtin_ctzll(m)];
	}
	return 0;
}

/* log(w·exp(extra) + (1 − w)·mean of exp(v[i])), without overflow; into
 * *second the share of the mean's term in it */
static double log_mix(const double *v, size_t n, double extra, double w, double *second)
{
	double top = extra, sum = 0, a, b;

	for (size_t i = 0; i < n; i++)
		if (v[i] > top)
			top = v[i];
	*second = 0;
	if (!isfinite(top))
		return top;
	for (size_t i = 0; i < n; i++)
		sum += exp(v[i] - top);
	a = w * exp(extra - top);
	b = (1 - w) * sum / (double)n;
	*second = a + b > 0 ? b / (a + b) : 0;
	return top + log(a + b);
}

/* log P(the range's observations | the bug is older than the range). The
 * clean end that should have shown it either missed it there alone, and
 * then every commit of the range shows it; or the reproducer was blind
 * there (its commonest reason: doc/model.md §5), and stays blind up to
 * the commit E of the range that brings what it needs, unknown, each as
 * likely: then a tested commit shows the bug iff E is its ancestor, as
 * under the hypothesis "E brought the bug", whose likelihood (range_ll,
 * the outside ends counted absent) is at hand. Counting only the first
 * case, a single clean step in the range ruled the older bug out, and a
 * blind release was never doubted. The blind case's prior share is the
 * model's (in->older_blind_share); into *blind_share its share after the
 * observations. */
static double older_range_likelihood(const struct posterior_input *in, const double *range_ll,
				     uint32_t n, double *blind_share)
{
	double everywhere = 0, ends_absent = 0;

	for (size_t i = 0; i < in->n_obs; i++) {
		if (in->obs[i].at != DAG_NONE)
			everywhere += in->obs[i].log_present;
		else
			ends_absent += in->obs[i].log_absent;
	}
	return log_mix(range_ll, n, everywhere + ends_absent, 1 - in->older_blind_share,
		       blind_share) - ends_absent;
}

/* log P(all observations | outside hypothesis h): the range's part
 * (older_range_likelihood()), and outside end j shows the bug iff h is as
 * old as j or older. */
static double outside_likelihood(const struct posterior_input *in, size_t h, double range_part)
{
	double ll = range_part;

	for (size_t i = 0; i < in->n_obs; i++) {
		const struct posterior_obs *o = &in->obs[i];

		if (o->at == DAG_NONE)
			ll += h >= o->outside ? o->log_present : o->log_absent;
	}
	return ll;
}

/* ll (log likelihood plus log prior) into probabilities, in place. */
static void normalise(double *v, size_t n)
{
	double top = -INFINITY, sum = 0;

	for (size_t i = 0; i < n; i++)
		if (v[i] > top)
			top = v[i];
	for (size_t i = 0; i < n; i++) {
		v[i] = isfinite(top) ? exp(v[i] - top) : 1.0;
		sum += v[i];
	}
	for (size_t i = 0; i < n; i++)
		v[i] /= sum;
}

struct ranked {
	double p;
	uint32_t h;  /* hypothesis: range index, or n + outside index */
};

static int by_p_desc(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return x->h < y->h ? -1 : x->h > y->h;
}

/* The smallest set holding POSTERIOR_LEVEL: greedy by falling
 * probability. A hypothesis below (1 - level) / N is never needed (all of
 * them together hold less than 1 - level), so only the others are sorted. */
static int credible_set(void *ctx, struct posterior *r, struct ranked **sorted, size_t *n_sorted)
{
	size_t total = r->n + r->n_outside + r->has_newer, n = 0;
	double floor = (1 - POSTERIOR_LEVEL) / (double)total, sum = 0;
	struct ranked *v = talloc_array(ctx, struct ranked, total);

	if (!v)
		return -1;
	for (size_t h = 0; h < total; h++)
		if (r->p[h] >= floor)
			v[n++] = (struct ranked){ r->p[h], (uint32_t)h };
	qsort(v, n, sizeof(*v), by_p_desc);
	r->set = talloc_array(r, uint32_t, POSTERIOR_SET_LISTED);
	r->in_set = talloc_zero_array(r, bool, r->n);
	if (!r->set || !r->in_set)
		return -1;
	for (size_t k = 0; k < n && sum < POSTERIOR_LEVEL - 1e-12; k++) {
		sum += v[k].p;
		*n_sorted = k + 1;
		if (v[k].h >= r->n + r->n_outside) {
			r->set_newer = true;
			continue;
		}
		if (v[k].h >= r->n) {
			r->set_outside = true;
			continue;
		}
		if (r->set_listed < POSTERIOR_SET_LISTED)
			r->set[r->set_listed++] = v[k].h;
		r->in_set[v[k].h] = true;
		r->set_size++;
	}
	*sorted = v;
	return 0;
}

/* The POSTERIOR_TOP most likely range commits: one pass, insertion. */
static void top_commits(struct posterior *r)
{
	for (uint32_t i = 0; i < r->n; i++) {
		size_t k = r->n_top < POSTERIOR_TOP ? r->n_top++ : POSTERIOR_TOP;

		if (k == POSTERIOR_TOP && r->p[i] <= r->p[r->top[k - 1]])
			continue;
		if (k == POSTERIOR_TOP)
			k--;
		while (k > 0 && r->p[r->top[k - 1]] < r->p[i]) {
			r->top[k] = r->top[k - 1];
			k--;
		}
		r->top[k] = i;
	}
}

static double entropy2(double q)
{
	if (q <= 0 || q >= 1)
		return 0;
	return -(q * log2(q) + (1 - q) * log2(1 - q));
}

/* The information a test at a commit gives, when the bug is present
 * there with probability a: the mutual information of the hypothesis and
 * a binary answer through a noisy channel (the expected entropy
 * reduction of probabilistic bisection, doc/model.md §9). */
static double test_bits(double a, double miss, double false_crash)
{
	double crash = a * (1 - miss) + (1 - a) * false_crash;

	return entropy2(crash) - a * entropy2(miss) - (1 - a) * entropy2(false_crash);
}

static bool listed(const uint32_t *cand, size_t n, uint32_t c)
{
	for (size_t i = 0; i < n; i++)
		if (cand[i] == c)
			return true;
	return false;
}

/* The set's parents in the range: when the set is one commit or a few,
 * testing a parent is what tells the set from what came before it. */
static size_t add_parents(const struct dag *d, const struct ranked *set, size_t n_set,
			  uint32_t n_range, uint32_t *cand, size_t n, size_t want)
{
	for (size_t k = 0; k < n_set && n < want; k++) {
		if (set[k].h >= n_range)
			continue;
		for (uint32_t j = d->parent_start[set[k].h];
		     j < d->parent_start[set[k].h + 1] && n < want; j++)
			if (d->parent[j] != DAG_NONE && !listed(cand, n, d->parent[j]))
				cand[n++] = d->parent[j];
	}
	return n;
}

/* Candidates for `next`: up to 48 of the set (all of a small set, and
 * then its parents; a large one evenly along the topological order), and
 * 16 of the whole range, evenly. */
static size_t pick_candidates(const struct dag *d, const struct posterior *r,
			      const struct ranked *set, size_t n_set,
			      const uint32_t *topo, const uint32_t *rank, uint32_t *cand)
{
	size_t n = 0, in_set = 0, want = POSTERIOR_CANDIDATES * 3 / 4;
	uint32_t lo = UINT32_MAX, hi = 0;

	for (size_t k = 0; k < n_set; k++)
		if (set[k].h < r->n)
			in_set++;
	/* the set's members, spread: every stride-th by falling probability
	 * would cluster; spread by topological rank instead */
	for (size_t k = 0; k < n_set; k++)
		if (set[k].h < r->n) {
			lo = rank[set[k].h] < lo ? rank[set[k].h] : lo;
			hi = rank[set[k].h] > hi ? rank[set[k].h] : hi;
		}
	if (in_set && in_set <= want) {
		for (size_t k = 0; k < n_set; k++)
			if (set[k].h < r->n)
				cand[n++] = set[k].h;
		n = add_parents(d, set, n_set, r->n, cand, n, want);
	} else if (in_set) {
		for (size_t k = 0; k < want; k++)
			cand[n++] = topo[lo + (uint32_t)((double)(hi - lo) * (double)k / (double)(want - 1))];
	}
	for (size_t k = 0; n < POSTERIOR_CANDIDATES && k < POSTERIOR_CANDIDATES - want && r->n; k++)
		cand[n++] = topo[(uint32_t)((double)(r->n - 1) * ((double)k + 0.5) /
					    (double)(POSTERIOR_CANDIDATES - want))];
	return n;
}

static void choose_next(void *tmp, const struct dag *d, const uint32_t *topo, uint64_t *marks,
			struct posterior *r, const struct ranked *set, size_t n_set,
			const struct posterior_input *in)
{
	uint32_t cand[POSTERIOR_CANDIDATES], *rank = talloc_array(tmp, uint32_t, d->n);
	double a[POSTERIOR_CANDIDATES] = { 0 };
	size_t n;

	r->next = DAG_NONE;
	if (!rank)
		return;
	for (uint32_t k = 0; k < d->n; k++)
		rank[topo[k]] = k;
	n = pick_candidates(d, r, set, n_set, topo, rank, cand);
	reach(d, topo, cand, n, marks);
	for (uint32_t c = 0; c < d->n; c++)
		for (uint64_t m = marks[c]; m; m &= m - 1)
			a[__builtin_ctzll(m)] += r->p[c];
	for (size_t j = 0; j < n; j++) {
		/* the blind mass cannot be tested for: weigh the rest */
		double present = (a[j] + r->outside_p - r->blind_p) / (1 - r->blind_p);
		double bits = (1 - r->blind_p) *
			      test_bits(present > 1 ? 1 : present < 0 ? 0 : present, in->miss,
					in->false_crash);

		if (r->next == DAG_NONE || bits > r->next_bits + 1e-12) {
			r->next = cand[j];
			r->next_bits = bits;
			r->next_present = present > 1 ? 1 : present;
		}
	}
}

/* log P(all observations | the bug is newer than the range's bad end):
 * absent at every tested commit the posterior weighs. */
static double newer_likelihood(const struct posterior_input *in)
{
	double ll = 0;

	for (size_t i = 0; i < in->n_obs; i++)
		ll += in->obs[i].log_absent;
	return ll;
}

static int fill(void *tmp, const struct dag *d, const struct posterior_input *in, struct posterior *r)
{
	uint32_t *topo = topo_order(tmp, d);
	uint64_t *marks = talloc_array(tmp, uint64_t, d->n);
	double log_in, log_out, older, blind_share = 0;
	struct ranked *set = NULL;
	size_t n_set = 0;

	if (!topo || !marks || range_likelihood(tmp, d, topo, in, marks, r->p) < 0)
		return -1;
	older = r->n_outside ? older_range_likelihood(in, r->p, r->n, &blind_share) : 0;
	log_out = r->n_outside ? log(in->outside_prior / (double)r->n_outside) : -INFINITY;
	log_in = log(((r->n_outside ? 1 - in->outside_prior : 1.0) -
		      (r->has_newer ? in->newer_prior : 0)) / (double)r->n);
	for (uint32_t i = 0; i < r->n; i++)
		r->p[i] += log_in;
	for (size_t h = 0; h < r->n_outside; h++)
		r->p[r->n + h] = log_out + outside_likelihood(in, h, older);
	if (r->has_newer)
		r->p[r->n + r->n_outside] = log(in->newer_prior) + newer_likelihood(in);
	normalise(r->p, r->n + r->n_outside + r->has_newer);
	for (size_t h = 0; h < r->n_outside; h++)
		r->outside_p += r->p[r->n + h];
	r->newer_p = r->has_newer ? r->p[r->n + r->n_outside] : 0;
	r->blind_p = r->outside_p * blind_share;
	if (credible_set(tmp, r, &set, &n_set) < 0)
		return -1;
	top_commits(r);
	r->culprit_p = in->culprit < r->n ? r->p[in->culprit] : -1;
	choose_next(tmp, d, topo, marks, r, set, n_set, in);
	return 0;
}

struct posterior *posterior_compute(const void *ctx, const struct dag *d, const struct posterior_input *in)
{
	struct posterior *r;
	void *tmp;

	if (!d || d->n == 0)
		return NULL;
	r = talloc_zero(ctx, struct posterior);
	tmp = talloc_new(NULL);
	if (!r || !tmp)
		goto fail;
	r->n = d->n;
	r->n_outside = in->outside_prior > 0 && in->outside_prior < 1 ? in->n_outside : 0;
	r->has_newer = in->newer_prior > 0 &&
		       in->newer_prior + (r->n_outside ? in->outside_prior : 0) < 1;
	r->p = talloc_array(r, double, (size_t)d->n + r->n_outside + r->has_newer);
	if (!r->p || fill(tmp, d, in, r) < 0)
		goto fail;
	talloc_free(tmp);
	return r;
fail:
	talloc_free(tmp);
	talloc_free(r);
	return NULL;
}

/* Exactly one parent (in the range or not): not a merge, not a root. */
static bool one_parent(const struct dag *d, uint32_t c)
{
	return d->parent_start[c + 1] - d->parent_start[c] == 1;
}

static int run_by_p_desc(const void *a, const void *b)
{
	const struct posterior_run *x = a, *y = b;

	if (x->p != y->p)
		return x->p > y->p ? -1 : 1;
	return x->newest < y->newest ? -1 : x->newest > y->newest;
}

size_t posterior_set_runs(const void *ctx, const struct dag *d, const struct posterior *r,
			  struct posterior_run **runs)
{
	/* down[c]: the member below c in its run, or DAG_NONE; claimed: some
	 * member links down to it, so it starts no run */
	uint32_t *down = talloc_array(NULL, uint32_t, d->n ? d->n : 1);
	bool *claimed = talloc_zero_array(down, bool, d->n ? d->n : 1);
	size_t n = 0;

	*runs = NULL;
	if (!down || !claimed || !r->in_set || r->n != d->n || !r->set_size)
		goto out;
	/* in the dag's order, so that the first child claims a shared parent */
	for (uint32_t c = 0; c < d->n; c++) {
		uint32_t p = one_parent(d, c) ? d->parent[d->parent_start[c]] : DAG_NONE;

		down[c] = DAG_NONE;
		if (!r->in_set[c] || p == DAG_NONE || !r->in_set[p] || !one_parent(d, p) || claimed[p])
			continue;
		down[c] = p;
		claimed[p] = true;
	}
	*runs = talloc_array(ctx, struct posterior_run, r->set_size);
	if (!*runs)
		goto out;
	for (uint32_t c = 0; c < d->n; c++) {
		struct posterior_run *run = &(*runs)[n];

		if (!r->in_set[c] || claimed[c])
			continue;
		*run = (struct posterior_run){ .newest = c, .oldest = c };
		for (uint32_t k = c; k != DAG_NONE; k = down[k]) {
			run->oldest = k;
			run->commits++;
			run->p += r->p[k];
		}
		n++;
	}
	qsort(*runs, n, sizeof(**runs), run_by_p_desc);
out:
	talloc_free(down);
	return n;
}

void posterior_hex(char hex[2 * DAG_OID_LEN + 1], const struct dag *d, uint32_t i)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t k = 0; k < DAG_OID_LEN; k++) {
		hex[2 * k] = digits[d->oid[i][k] >> 4];
		hex[2 * k + 1] = digits[d->oid[i][k] & 15];
	}
	hex[2 * DAG_OID_LEN] = '\0';
}
