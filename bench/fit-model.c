/* Fits the likelihood model's parameters (src/signals/model.h) on the
 * labelled corpus and prints src/signals/model_params.h.
 *
 *   make bench/fit-model && bench/fit-model CORPUS >src/signals/model_params.h
 *
 * CORPUS is the directory with labels.tsv and logs/ (../shared/corpus).
 * The conclusive labelled logs (syzbot_result and true_culprit set, no
 * inconclusive candidates; "wrong" when they differ) are split in two by
 * a hash of the file name (split_of()): the fit half, on which the
 * parameters minimise the log-loss plus a weak Gaussian prior (sd
 * PRIOR_SD around the initial values, which keeps the factors of facts
 * that are never wrong finite), and the held-out half, which only the
 * figures on stderr use. The model is the product's own code: this
 * program links src/libbisview.a and calls model_observe() and
 * model_evaluate(). No parameter names a hash, title or file.
 * doc/model.md says what each parameter means.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "log/parse.h"
#include "signals/model.h"
#include "signals/signals.h"

#define PRIOR_SD 2.0
#define MAX_SWEEPS 200
#define RESTARTS 7
#define RESTART_SPREAD 1.5
/* The weight of "which step was wrong" against "is the log wrong" in
 * stage 2 (fit_blame()). */
#define BLAME_WEIGHT 1.0

static const char *const param_names[] = {
#define PARAM_NAME(name, init) #name,
	MODEL_PARAM_LIST(PARAM_NAME)
#undef PARAM_NAME
};

struct item {
	const char *name;
	bool wrong, fit;
	const char *wrong_commit;
	int wrong_step;        /* the first step that tested wrong_commit, or -1 */
	struct model_obs *obs;
};

struct corpus {
	struct item *v;
	size_t n;
};

/* The split: a small polynomial hash of the file name, even = fit. Kept
 * simple so that bench/model-corpus.sh computes the same in awk. */
static bool split_of(const char *name)
{
	unsigned long h = 0;

	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		h = (h * 31 + *p) % 1000003;
	return h % 2 == 0;
}

static int column(char **cols, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (strcmp(cols[i], name) == 0)
			return i;
	fprintf(stderr, "fit-model: labels.tsv has no column %s\n", name);
	exit(2);
}

static int split_tabs(char *line, char **cols, int max)
{
	int n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	for (char *p = line; n < max;) {
		cols[n++] = p;
		p = strchr(p, '\t');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

static void add_log(void *ctx, struct corpus *c, const char *dir, char **cols, const int *at)
{
	const char *err = NULL, *name = cols[at[0]];
	char *path = talloc_asprintf(ctx, "%s/logs/%s", dir, name);
	struct blog *log = log_load(ctx, path, &err);
	struct item *it;

	if (!log || log_refusal(log)) {
		fprintf(stderr, "fit-model: %s: %s\n", path, err ? err : log_refusal(log));
		return;
	}
	c->v = talloc_realloc(ctx, c->v, struct item, c->n + 1);
	it = &c->v[c->n++];
	it->name = talloc_strdup(ctx, name);
	it->wrong = strcasecmp(cols[at[1]], cols[at[2]]) != 0;
	it->wrong_commit = talloc_strdup(ctx, cols[at[4]]);
	it->fit = split_of(name);
	it->obs = model_observe(ctx, log, signals_compute(ctx, log, NULL));
	it->wrong_step = -1;
	for (size_t i = 0; it->wrong && *it->wrong_commit && i < log->n_steps; i++)
		if (log->steps[i]->commit && strcasecmp(log->steps[i]->commit, it->wrong_commit) == 0) {
			it->wrong_step = (int)i;
			break;
		}
}

static void read_corpus(void *ctx, struct corpus *c, const char *dir)
{
	char *path = talloc_asprintf(ctx, "%s/labels.tsv", dir);
	FILE *f = fopen(path, "r");
	char line[8192], *cols[32];
	int at[5], n;

	if (!f || !fgets(line, sizeof(line), f)) {
		fprintf(stderr, "fit-model: cannot read %s\n", path);
		exit(2);
	}
	n = split_tabs(line, cols, 32);
	at[0] = column(cols, n, "log");
	at[1] = column(cols, n, "syzbot_result");
	at[2] = column(cols, n, "true_culprit");
	at[3] = column(cols, n, "inconclusive_candidates");
	at[4] = column(cols, n, "wrong_commit");
	while (fgets(line, sizeof(line), f)) {
		if (split_tabs(line, cols, 32) < n)
			continue;
		if (*cols[at[1]] && *cols[at[2]] && !*cols[at[3]])
			add_log(ctx, c, dir, cols, at);
	}
	fclose(f);
}

/* -log-likelihood of the fit half plus the prior's penalty. Two parts:
 * whether the log is wrong (p_wrong), and, for a wrong log whose wrong
 * verdict is known, which step it was (step_p[k] / p_steps: the blame
 * is the model's too, doc/model.md §4), weighted BLAME_WEIGHT. */
static double objective(const struct corpus *c, const double *theta, const double *init, void *tmp,
			double blame_weight)
{
	struct model_params p;
	struct model_result r = { 0 };
	double loss = 0;

	memcpy(&p, theta, sizeof(p));
	for (size_t i = 0; i < c->n; i++) {
		double q;

		if (!c->v[i].fit)
			continue;
		model_evaluate(tmp, c->v[i].obs, &p, false, &r);
		q = r.p_wrong < 1e-9 ? 1e-9 : r.p_wrong > 1 - 1e-9 ? 1 - 1e-9 : r.p_wrong;
		loss -= c->v[i].wrong ? log(q) : log(1 - q);
		if (blame_weight > 0 && c->v[i].wrong_step >= 0) {
			double b = r.step_share[c->v[i].wrong_step];

			loss -= blame_weight * log(b < 1e-9 ? 1e-9 : b > 1 ? 1 : b);
		}
	}
	for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
		loss += 0.5 * (theta[k] - init[k]) * (theta[k] - init[k]) / (PRIOR_SD * PRIOR_SD);
	return loss;
}

/* Coordinate descent: each parameter in turn moves by +-step while that
 * lowers the objective (the step doubling while it does); a sweep that
 * moves nothing halves the steps. Few parameters, a smooth objective:
 * enough. */
static double largest(const double *v)
{
	double top = 0;

	for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
		top = v[k] > top ? v[k] : top;
	return top;
}

static double fit(const struct corpus *c, double *theta, const double *init, void *tmp,
		  double blame_weight, const bool *free_param)
{
	double step[MODEL_PARAM_COUNT], best = objective(c, theta, init, tmp, blame_weight);

	for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
		step[k] = free_param[k] ? 0.5 : 0;
	for (int sweep = 0; sweep < MAX_SWEEPS && largest(step) > 1e-4; sweep++) {
		bool moved = false;

		for (size_t k = 0; k < MODEL_PARAM_COUNT; k++) {
			if (!free_param[k])
				continue;
			for (int dir = -1; dir <= 1; dir += 2) {
				double s = step[k];

				for (;;) {
					double keep = theta[k], f;

					theta[k] = keep + dir * s;
					f = objective(c, theta, init, tmp, blame_weight);
					if (f < best - 1e-9) {
						best = f;
						moved = true;
						s *= 2;
						continue;
					}
					theta[k] = keep;
					break;
				}
			}
		}
		if (!moved)
			for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
				step[k] /= 2;
	}
	return best;
}

/* A uniform draw in [-1, 1) from a fixed LCG: the same restarts on every
 * machine. */
static double jitter(unsigned long long *state)
{
	*state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
	return (double)(*state >> 11) / (double)(1ULL << 52) - 1.0;
}

/* Coordinate descent finds a local minimum: start it from the initial
 * values and from RESTARTS points around them (each parameter moved by
 * up to +-RESTART_SPREAD), keep the lowest objective. Stage 1, on whether
 * each log is wrong, with every parameter free. */
static void fit_restarts(const struct corpus *c, double *theta, const double *init, void *tmp)
{
	double best_theta[MODEL_PARAM_COUNT], best = INFINITY;
	bool all[MODEL_PARAM_COUNT];
	unsigned long long state = 12345;

	for (size_t j = 0; j < MODEL_PARAM_COUNT; j++)
		all[j] = true;
	for (int k = 0; k <= RESTARTS; k++) {
		double f;

		for (size_t j = 0; j < MODEL_PARAM_COUNT; j++)
			theta[j] = init[j] + (k ? RESTART_SPREAD * jitter(&state) : 0);
		f = fit(c, theta, init, tmp, 0, all);
		fprintf(stderr, "start %d: objective %.4f\n", k, f);
		if (f < best) {
			best = f;
			memcpy(best_theta, theta, sizeof(best_theta));
		}
	}
	memcpy(theta, best_theta, sizeof(best_theta));
}

/* Stage 2: which step was wrong (the labels' wrong_commit), with only the
 * blame's own offsets free: they change which step is blamed, not
 * p_wrong. Fitting the others on the blame too pulls them where they stop
 * meaning what they say (a clean release holding the bug 96% of the time,
 * a crash of the original wrong 18%), costs the AUC, and the posterior
 * over commits reads them (doc/model.md §6). */
static void fit_blame(const struct corpus *c, double *theta, const double *init, void *tmp)
{
	static const char *const names[] = {
		"blame_older", "blame_later",
	};
	bool which[MODEL_PARAM_COUNT] = { false };

	for (size_t j = 0; j < MODEL_PARAM_COUNT; j++)
		for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			which[j] |= strcmp(param_names[j], names[k]) == 0;
	fprintf(stderr, "stage 2: objective %.4f\n",
		fit(c, theta, init, tmp, BLAME_WEIGHT, which));
}

struct scored {
	double p;
	bool wrong;
};

static int by_p(const void *a, const void *b)
{
	const struct scored *x = a, *y = b;

	return x->p < y->p ? -1 : x->p > y->p;
}

/* AUC (ties count half), Brier score, log-loss, blamed step right */
static void report(const struct corpus *c, const double *theta, int which, const char *label,
		   void *tmp)
{
	struct model_params p;
	struct model_result r = { 0 };
	struct scored *v = talloc_array(tmp, struct scored, c->n);
	size_t n = 0, nw = 0, blamed_ok = 0, with_wc = 0;
	double brier = 0, ll = 0, u = 0;

	memcpy(&p, theta, sizeof(p));
	for (size_t i = 0; i < c->n; i++) {
		const struct item *it = &c->v[i];

		if (which >= 0 && it->fit != (which == 1))
			continue;
		model_evaluate(tmp, it->obs, &p, false, &r);
		v[n].p = r.p_wrong;
		v[n++].wrong = it->wrong;
		nw += it->wrong;
		brier += (r.p_wrong - it->wrong) * (r.p_wrong - it->wrong);
		ll -= log(it->wrong ? fmax(r.p_wrong, 1e-9) : fmax(1 - r.p_wrong, 1e-9));
		if (it->wrong && *it->wrong_commit) {
			const struct step *s = r.blamed_step >= 0 ? it->obs->log->steps[r.blamed_step] : NULL;

			with_wc++;
			blamed_ok += s && s->commit && strcasecmp(s->commit, it->wrong_commit) == 0;
		}
	}
	qsort(v, n, sizeof(*v), by_p);
	for (size_t i = 0, right_below = 0; i < n;) {
		size_t j = i, w = 0, rt = 0;

		while (j < n && v[j].p == v[i].p) {
			w += v[j].wrong;
			rt += !v[j].wrong;
			j++;
		}
		u += (double)w * ((double)right_below + 0.5 * (double)rt);
		right_below += rt;
		i = j;
	}
	fprintf(stderr, "%-9s n %3zu  AUC %.3f  Brier %.3f  log-loss %.3f  blamed right %zu/%zu\n",
		label, n, nw && n > nw ? u / ((double)nw * (double)(n - nw)) : 0, brier / (double)n,
		ll / (double)n, blamed_ok, with_wc);
}

static void print_params(const double *theta, size_t n, size_t n_fit)
{
	printf("/* The model's fitted parameters (doc/model.md), in the order of\n"
	       " * MODEL_PARAM_LIST (src/signals/model.h). Written by bench/fit-model:\n"
	       " *   make -C BUILD bench/fit-model &&\n"
	       " *   BUILD/bench/fit-model CORPUS >src/signals/model_params.h\n"
	       " * from the source directory, CORPUS being ../shared/corpus beside it\n"
	       " * (%zu conclusive labelled logs, %zu of them in the fit half). Do not\n"
	       " * edit by hand. */\n"
	       "#ifndef BISVIEW_SIGNALS_MODEL_PARAMS_H\n#define BISVIEW_SIGNALS_MODEL_PARAMS_H\n\n"
	       "#define MODEL_FITTED_PARAMS { \\\n", n, n_fit);
	for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
		printf("\t.%s = %.4f, \\\n", param_names[k], theta[k]);
	printf("}\n\n#endif\n");
}

int main(int argc, char **argv)
{
	void *ctx = talloc_new(NULL), *tmp = talloc_new(NULL);
	const char *dir = argc > 1 ? argv[1] : "../shared/corpus";
	struct corpus c = { 0 };
	double theta[MODEL_PARAM_COUNT], init[MODEL_PARAM_COUNT];
	const struct model_params start = {
#define PARAM_INIT(name, value) .name = (value),
		MODEL_PARAM_LIST(PARAM_INIT)
#undef PARAM_INIT
	};

	read_corpus(ctx, &c, dir);
	fprintf(stderr, "fit-model: %zu conclusive labelled logs\n", c.n);
	memcpy(init, &start, sizeof(init));
	memcpy(theta, &start, sizeof(theta));
	report(&c, theta, 1, "initial", tmp);
	if (argc <= 2 || strcmp(argv[2], "--no-fit") != 0)
	{
		fit_restarts(&c, theta, init, tmp);
		report(&c, theta, 1, "stage 1", tmp);
		report(&c, theta, 0, "held-out", tmp);
		fit_blame(&c, theta, init, tmp);
	} else
		memcpy(theta, model_fitted_params(), sizeof(theta));
	report(&c, theta, 1, "fit", tmp);
	report(&c, theta, 0, "held-out", tmp);
	report(&c, theta, -1, "all", tmp);
	for (size_t k = 0; k < MODEL_PARAM_COUNT; k++)
		fprintf(stderr, "  %-36s %9.4f\n", param_names[k], theta[k]);
	{
		size_t n_fit = 0;

		for (size_t i = 0; i < c.n; i++)
			n_fit += c.v[i].fit;
		print_params(theta, c.n, n_fit);
	}
	talloc_free(tmp);
	talloc_free(ctx);
	return 0;
}
