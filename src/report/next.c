/* What to run next (doc/model.md §11): the model's blamed step re-tested
 * with enough runs, the posterior's next commit, the culprit reverted on
 * the start commit, the bisection resumed from the other side of the
 * blamed step. Ordered by what settles the question fastest. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/next.h"
#include "text/sanitize.h"

const char *next_kind_name(enum next_kind k)
{
	switch (k) {
	case NEXT_RETEST: return "retest";
	case NEXT_REVERT: return "revert";
	case NEXT_TEST: return "test";
	case NEXT_RESUME: return "resume";
	}
	return "?";
}

const char *next_kind_word(enum next_kind k)
{
	switch (k) {
	/* TRANSLATORS: the actions of the "Next:" list (--summary, the
	 * signals view): re-test a step, test a commit, revert the
	 * culprit, resume the bisection */
	case NEXT_RETEST: return _("re-test");
	case NEXT_REVERT: return _("revert");
	case NEXT_TEST: return _("test");
	case NEXT_RESUME: return _("resume");
	}
	return "?";
}

int next_runs(double rate, bool *capped)
{
	double n;

	*capped = false;
	if (!(rate > 0)) {
		*capped = true;
		return NEXT_RUNS_MAX;
	}
	if (rate >= 1)
		return 1;
	/* (1 - rate)^n <= 1 - level  <=>  n >= ln(1 - level) / ln(1 - rate) */
	n = ceil(log(1 - NEXT_CONFIDENCE) / log1p(-rate) - 1e-9);
	if (n > NEXT_RUNS_MAX) {
		*capped = true;
		return NEXT_RUNS_MAX;
	}
	return n < 1 ? 1 : (int)n;
}

/* The reproducer's crash rate as the model estimates it: the mean of its
 * Beta posterior over the bad steps' runs (doc/model.md §11). */
static double model_rate(const struct model_result *m)
{
	return m->rate_a / (m->rate_a + m->rate_b);
}

/* A step's commit, the tree's full name when it has the commit. */
static const char *step_commit(const struct blog *log, const struct report_ctx *rc, size_t i)
{
	if (rc->xref && i < rc->xref->n_steps && rc->xref->steps[i].facts.found)
		return rc->xref->steps[i].facts.commit;
	return log->steps[i]->commit;
}

static char *retest_why(const void *ctx, const struct blog *log, const struct model_result *m,
			int step, int runs, bool capped)
{
	const struct model_step_obs *so = m->obs && (size_t)step < m->obs->n_steps ? &m->obs->steps[step] : NULL;
	double rate = model_rate(m);
	char *why;

	if (log->format == LOG_FORMAT_GIT_BISECT || !so || so->kind == MSTEP_GIT)
		return talloc_asprintf(ctx, _("Step %d is the verdict the model doubts most: test its commit "
					      "again (a git bisect log records no runs, so no rate sizes the "
					      "re-test)."), step);
	if (so->kind == MSTEP_CLEAN)
		why = talloc_asprintf(ctx, ngettext("Step %d was judged clean and the model doubts it most: at "
						    "the reproducer's estimated rate of %.0f%%, %d clean run would "
						    "make that verdict convincing at 95%%.",
						    "Step %d was judged clean and the model doubts it most: at "
						    "the reproducer's estimated rate of %.0f%%, %d clean runs would "
						    "make that verdict convincing at 95%%.", runs),
				      step, 100 * rate, runs);
	else
		why = talloc_asprintf(ctx, ngettext("Step %d was judged crashing and the model doubts it most: "
						    "at the reproducer's estimated rate of %.0f%%, %d run would "
						    "show the crash again at 95%% if the bug is there.",
						    "Step %d was judged crashing and the model doubts it most: "
						    "at the reproducer's estimated rate of %.0f%%, %d runs would "
						    "show the crash again at 95%% if the bug is there.", runs),
				      step, 100 * rate, runs);
	if (capped)
		why = talloc_asprintf_append(why, " %s", talloc_asprintf(ctx, _("%d runs is the cap: they "
										 "convince at %.0f%% only."),
									runs, 100 * (1 - pow(1 - rate, runs))));
	return why;
}

/* The runs of a re-test: enough for 95% at the estimated rate, and never
 * fewer than the step already had (fewer would convince less than the
 * verdict in doubt). */
static int retest_runs(const struct model_result *m, int step, int runs)
{
	const struct model_step_obs *so = m->obs && (size_t)step < m->obs->n_steps ? &m->obs->steps[step] : NULL;
	int had = so ? so->ok + so->crashed_orig + so->crashed_other : 0;

	return runs >= 0 && had > runs ? had : runs;
}

/* Is the blamed step's doubt mostly a reproducer blind from there on
 * (doc/model.md §4)? A re-test would be clean again: it cannot tell. */
static bool doubt_is_blindness(const struct model_result *m, int step)
{
	return m->step_share && m->blind_share && m->step_share[step] > 0 &&
	       m->blind_share[step] > 0.5 * m->step_share[step];
}

/* Appends one action to *v (n of them so far). */
static void add(struct next_action **v, size_t *n, struct next_action a)
{
	struct next_action *grown = talloc_realloc(NULL, *v, struct next_action, *n + 1);

	if (!grown)
		return;
	grown[(*n)++] = a;
	*v = grown;
}

/* The order (doc/model.md §11): the blamed step's re-test is one commit
 * and decides the doubted verdict itself — unless the doubt is a blind
 * reproducer, which a re-test cannot show: then there is none, and the
 * revert comes first; the revert is one syzbot job
 * that checks the culprit directly; the posterior's commit is one test
 * that tells the most about where the bug is; resuming is a whole new
 * bisection, the slowest. */
size_t report_next(const void *ctx, const struct blog *log, const struct report_ctx *rc,
		   struct next_action **out)
{
	const struct model_result *m = rc ? rc->model : NULL;
	const struct posterior *pst = rc ? rc->posterior : NULL;
	int blamed = m && m->blamed_step >= 0 && (size_t)m->blamed_step < log->n_steps ? m->blamed_step : -1;
	bool by_fix = rc && rc->assessment && rc->assessment->fix_overrides &&
		      rc->assessment->first_suspicious_step >= 0 &&
		      (size_t)rc->assessment->first_suspicious_step < log->n_steps;
	bool capped = false;
	int runs = -1;
	size_t n = 0;

	*out = talloc_array(ctx, struct next_action, 0);
	if (!*out)
		return 0;
	if (m && log->format != LOG_FORMAT_GIT_BISECT)
		runs = next_runs(model_rate(m), &capped);
	/* the fix's own word names the step that contradicts it (doc/design.md §8.1) */
	if (by_fix)
		blamed = rc->assessment->first_suspicious_step;
	if (m && blamed >= 0 && (by_fix || !doubt_is_blindness(m, blamed))) {
		int r = retest_runs(m, blamed, runs);

		add(out, &n, (struct next_action){ NEXT_RETEST, step_commit(log, rc, (size_t)blamed), blamed, r,
						   retest_why(*out, log, m, blamed, r, capped && r == runs) });
	}
	/* --syz-test reverts a cause's culprit only (doc/syz-test.md): a fix
	 * bisection's "culprit" is the fix, and reverting it proves nothing
	 * the bisection did not already test */
	if (log->kind != KIND_FIX && log->result.type == RESULT_CULPRIT && log->result.commit &&
	    log->start_commit)
		add(out, &n, (struct next_action){ NEXT_REVERT, log->result.commit, -1, -1,
						   /* LOG: the log's path, which --json keeps out of its prose */
						   talloc_strdup(*out, _("Revert the culprit on the start commit and "
									 "test that: bisview --syz-test LOG")) });
	if (pst && pst->next != DAG_NONE) {
		char hex[2 * DAG_OID_LEN + 1];

		posterior_hex(hex, rc->xref->range, pst->next);
		add(out, &n, (struct next_action){ NEXT_TEST, talloc_strdup(*out, hex), -1, runs,
						   talloc_asprintf(*out, _("The posterior's most telling commit: "
									   "the bug is there with probability "
									   "%.0f%%, and its test would tell %.2f "
									   "bits."),
								   100 * pst->next_present, pst->next_bits) });
	}
	if (blamed >= 0)
		add(out, &n, (struct next_action){ NEXT_RESUME, step_commit(log, rc, (size_t)blamed), blamed, -1,
						   talloc_asprintf(*out, _("Resume the bisection with step %d's verdict "
									   "inverted, from the other side: bisview "
									   "--replay --flip %d LOG"),
								   blamed, blamed) });
	return n;
}

static json_object *jstr_clean(const char *s)
{
	char *clean;
	json_object *o;

	if (!s)
		return NULL;
	clean = sanitize_str(NULL, s, SAN_JSON);
	o = json_object_new_string(clean);
	talloc_free(clean);
	return o;
}

json_object *report_next_json(const struct blog *log, const struct report_ctx *rc)
{
	void *tmp = talloc_new(NULL);
	struct next_action *v;
	size_t n = report_next(tmp, log, rc, &v);
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "action", json_object_new_string(next_kind_name(v[i].kind)));
		json_object_object_add(o, "commit", jstr_clean(v[i].commit));
		json_object_object_add(o, "step", v[i].step >= 0 ? json_object_new_int(v[i].step) : NULL);
		json_object_object_add(o, "runs", v[i].runs >= 0 ? json_object_new_int(v[i].runs) : NULL);
		json_object_object_add(o, "why", jstr_clean(v[i].why));
		json_object_array_add(a, o);
	}
	talloc_free(tmp);
	return a;
}

const char *report_next_line(const void *ctx, const struct next_action *a, unsigned flags)
{
	char *line = talloc_strdup(ctx, next_kind_word(a->kind));

	if (a->commit)
		line = talloc_asprintf_append(line, " %.12s", sanitize_str(line, a->commit, flags));
	if (a->runs >= 0)
		line = talloc_asprintf_append(line, " %s", talloc_asprintf(line, ngettext("(%d run)", "(%d runs)",
											  a->runs),
									     a->runs));
	return talloc_asprintf_append(line, ": %s", sanitize_str(line, a->why, flags));
}

void report_summary_next(FILE *out, const struct blog *log, const struct report_ctx *rc)
{
	void *tmp = talloc_new(NULL);
	struct next_action *v;
	size_t n = report_next(tmp, log, rc, &v);

	if (n)
		fprintf(out, "\n%s\n", _("Next:"));
	for (size_t i = 0; i < n; i++)
		fprintf(out, "  %zu. %s\n", i + 1, report_next_line(tmp, &v[i], rc ? rc->san_flags : 0));
	talloc_free(tmp);
}

void report_summary_candidates(FILE *out, const struct blog *log, const struct report_ctx *rc)
{
	const struct log_xref *x = rc ? rc->xref : NULL;
	void *tmp = talloc_new(NULL);
	unsigned flags = rc ? rc->san_flags : 0;

	for (size_t i = 0; x && i < x->n_candidates && i < log->result.n_candidates; i++) {
		const struct commit_facts *f = &x->candidates[i];

		fprintf(out, "%s %.12s %s\n", report_pad(tmp, "", 12),
			sanitize_str(tmp, log->result.candidates[i], flags),
			f->found ? sanitize_str(tmp, f->subject ? f->subject : "", flags)
				 : _("(not in the tree)"));
	}
	talloc_free(tmp);
}
