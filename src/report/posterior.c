/* The posterior over commits in the reports (doc/model.md §9): built from
 * the model's evidence and the tree's range, written as --json's
 * "posterior" and as --summary's lines. */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "text/sanitize.h"

/* --summary shows this many runs of the set, and alternatives. */
#define SUMMARY_RUNS 3
#define SUMMARY_ALTERNATIVES 5

void report_posterior(const void *ctx, const struct blog *log, struct report_ctx *rc)
{
	struct xref_evidence *ev;
	struct model_evidence me;

	rc->posterior = NULL;
	if (!rc->xref || !rc->xref->range || !rc->model)
		return;
	ev = talloc_zero_array(NULL, struct xref_evidence, log->n_steps + 1);
	if (!ev)
		return;
	for (size_t i = 0; i < log->n_steps; i++)
		if (model_step_evidence(rc->model, i, &me))
			ev[i] = (struct xref_evidence){ true, me.here, me.l_present, me.l_absent,
							me.prior_present, me.older_prior };
	rc->posterior = xref_posterior(ctx, rc->xref, log, ev);
	talloc_free(ev);
}

static json_object *jp(double p)
{
	char text[16];

	if (!(p >= 0 && p <= 1))
		return NULL;
	snprintf(text, sizeof(text), "%.4f", p);
	return json_object_new_double_s(p, text);
}

static json_object *jhex(const struct dag *d, uint32_t i)
{
	char hex[2 * DAG_OID_LEN + 1];

	posterior_hex(hex, d, i);
	return json_object_new_string(hex);
}

/* Why that commit: how likely its test crashes, and what it is worth. */
static char *next_why(const void *ctx, const struct posterior *r)
{
	return talloc_asprintf(ctx, _("the bug is there with probability %.0f%%: its test would "
				      "tell %.2f bits, the most of the commits weighed"),
			       100 * r->next_present, r->next_bits);
}

/* The set as runs (posterior_set_runs()), by falling probability, at
 * most POSTERIOR_SET_LISTED of them. */
static json_object *set_runs_json(const struct dag *d, const struct posterior *r)
{
	json_object *a = json_object_new_array();
	struct posterior_run *runs;
	size_t n = posterior_set_runs(NULL, d, r, &runs);

	for (size_t k = 0; k < n && k < POSTERIOR_SET_LISTED; k++) {
		json_object *o = json_object_new_object();

		json_object_object_add(o, "newest", jhex(d, runs[k].newest));
		json_object_object_add(o, "oldest", jhex(d, runs[k].oldest));
		json_object_object_add(o, "commits", json_object_new_int64((int64_t)runs[k].commits));
		json_object_object_add(o, "p", jp(runs[k].p));
		json_object_array_add(a, o);
	}
	talloc_free(runs);
	return a;
}

json_object *report_posterior_json(const struct report_ctx *rc)
{
	const struct posterior *r = rc ? rc->posterior : NULL;
	const struct dag *d = r ? rc->xref->range : NULL;
	json_object *o, *set, *top, *next = NULL;

	if (!r)
		return NULL;
	o = json_object_new_object();
	set = json_object_new_array();
	top = json_object_new_array();
	for (size_t k = 0; k < r->set_listed; k++)
		json_object_array_add(set, jhex(d, r->set[k]));
	for (size_t k = 0; k < r->n_top; k++) {
		json_object *t = json_object_new_object();

		json_object_object_add(t, "commit", jhex(d, r->top[k]));
		json_object_object_add(t, "p", jp(r->p[r->top[k]]));
		json_object_array_add(top, t);
	}
	if (r->next != DAG_NONE) {
		char *why = next_why(NULL, r);

		next = json_object_new_object();
		json_object_object_add(next, "commit", jhex(d, r->next));
		json_object_object_add(next, "why", json_object_new_string(why));
		json_object_object_add(next, "p_present", jp(r->next_present));
		talloc_free(why);
	}
	json_object_object_add(o, "level", json_object_new_double_s(POSTERIOR_LEVEL, "0.9"));
	json_object_object_add(o, "set", set);
	json_object_object_add(o, "set_size", json_object_new_int64((int64_t)r->set_size));
	json_object_object_add(o, "set_runs", set_runs_json(d, r));
	json_object_object_add(o, "set_outside", json_object_new_boolean(r->set_outside));
	json_object_object_add(o, "culprit_p", jp(r->culprit_p));
	json_object_object_add(o, "top", top);
	json_object_object_add(o, "outside_p", jp(r->outside_p));
	json_object_object_add(o, "newer_p", r->has_newer ? jp(r->newer_p) : NULL);
	json_object_object_add(o, "set_newer", json_object_new_boolean(r->set_newer));
	json_object_object_add(o, "next", next);
	return o;
}

static const char *short_hex(void *ctx, const struct dag *d, uint32_t i)
{
	char hex[2 * DAG_OID_LEN + 1];

	posterior_hex(hex, d, i);
	return talloc_strndup(ctx, hex, 12);
}

const char *report_range_floor(const void *ctx, const struct blog *log)
{
	const char *good;
	size_t n = 0;

	if (log->n_bisect_goods != 1 || !log->bisect_goods)
		return NULL;
	good = log->bisect_good_commits && log->bisect_good_commits[0] ? log->bisect_good_commits[0] :
	       log->bisect_goods[0];
	if (!good)
		return NULL;
	/* the release step that tested it names it best */
	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->commit && log->steps[i]->label &&
		    !strcmp(log->steps[i]->commit, good))
			return log->steps[i]->label;
	while (isxdigit((unsigned char)good[n]))
		n++;
	return n == 2 * DAG_OID_LEN && !good[n] ? talloc_strndup(ctx, good, 12) : good;
}

/* "A^..B (5 commits, 62.0%)" or "A (20.1%)": what git log takes. */
static const char *run_text(void *tmp, const struct dag *d, const struct posterior_run *run)
{
	if (run->commits == 1)
		return talloc_asprintf(tmp, "%s (%.1f%%)", short_hex(tmp, d, run->newest), 100 * run->p);
	return talloc_asprintf(tmp, ngettext("%s^..%s (%zu commit, %.1f%%)", "%s^..%s (%zu commits, %.1f%%)",
					     run->commits),
			       short_hex(tmp, d, run->oldest), short_hex(tmp, d, run->newest), run->commits,
			       100 * run->p);
}

/* The masses outside the range's commits that the set needs: older than
 * the range (floor: its good end, named, or NULL) and newer than it, by
 * falling probability. Returns how many. */
static size_t set_extras(void *tmp, const struct posterior *r, const char *floor,
			 const char **text, double *p)
{
	size_t n = 0;

	if (r->set_outside) {
		text[n] = floor ? talloc_asprintf(tmp, _("older than %s: %.1f%%"), floor, 100 * r->outside_p)
				: talloc_asprintf(tmp, _("older than the range: %.1f%%"), 100 * r->outside_p);
		p[n++] = r->outside_p;
	}
	if (r->set_newer) {
		text[n] = talloc_asprintf(tmp, _("newer than the range: %.1f%%"), 100 * r->newer_p);
		p[n++] = r->newer_p;
	}
	if (n == 2 && p[1] > p[0]) {
		const char *t = text[0];
		double q = p[0];

		text[0] = text[1], p[0] = p[1];
		text[1] = t, p[1] = q;
	}
	return n;
}

/* The set as runs, by falling probability, the first SUMMARY_RUNS of
 * them, the masses outside the range where the set needs them (placed by
 * their mass), then how much is left. */
static const char *set_text(void *tmp, const struct posterior *r, const struct dag *d,
			    const struct posterior_run *runs, size_t n_runs, const char *floor)
{
	const char *extra[2];
	double extra_p[2];
	size_t n_extra = set_extras(tmp, r, floor, extra, extra_p), e = 0;
	char *text = talloc_strdup(tmp, "");
	size_t shown = 0, k;

	for (k = 0; k < n_runs && k < SUMMARY_RUNS; k++) {
		for (; e < n_extra && extra_p[e] >= runs[k].p; e++)
			text = talloc_asprintf_append(text, "%s%s", *text ? ", " : "", extra[e]);
		text = talloc_asprintf_append(text, "%s%s", *text ? ", " : "", run_text(tmp, d, &runs[k]));
		shown += runs[k].commits;
	}
	for (; e < n_extra; e++)
		text = talloc_asprintf_append(text, "%s%s", *text ? ", " : "", extra[e]);
	if (k < n_runs)
		text = talloc_asprintf_append(text, ", %s",
					      talloc_asprintf(tmp, ngettext("and %zu more run (%s)",
									    "and %zu more runs (%s)",
									    n_runs - k), n_runs - k,
							      talloc_asprintf(tmp, ngettext("%zu commit", "%zu commits",
											    r->set_size - shown),
									      r->set_size - shown)));
	return text;
}

const char *report_set_size(const void *ctx, size_t commits, size_t runs)
{
	const char *c = talloc_asprintf(ctx, ngettext("%zu commit", "%zu commits", commits), commits);

	if (runs == 0 || commits <= 1)
		return c;
	return talloc_asprintf(ctx, ngettext("%s (%zu run)", "%s (%zu runs)", runs), c, runs);
}

static void line(FILE *out, void *tmp, const char *name, const char *value)
{
	fprintf(out, "%s %s\n", report_pad(tmp, name, 12), value);
}

void report_summary_posterior(FILE *out, const struct blog *log, const struct report_ctx *rc)
{
	const struct posterior *r = rc ? rc->posterior : NULL;
	const struct dag *d = r ? rc->xref->range : NULL;
	struct posterior_run *runs;
	size_t n_runs;
	const char *floor;
	void *tmp;
	char *alt;

	if (!r)
		return;
	tmp = talloc_new(NULL);
	n_runs = posterior_set_runs(tmp, d, r, &runs);
	floor = report_range_floor(tmp, log);
	floor = floor ? sanitize_str(tmp, floor, rc->san_flags) : NULL;
	line(out, tmp, _("Posterior:"),
	     talloc_asprintf(tmp, _("%.0f%% of the probability lies in %s; %.1f%% is older than the range"),
			     100 * POSTERIOR_LEVEL, report_set_size(tmp, r->set_size, n_runs),
			     100 * r->outside_p));
	if (r->culprit_p >= 0)
		line(out, tmp, _("Culprit p:"), talloc_asprintf(tmp, "%.1f%%", 100 * r->culprit_p));
	if (r->set_size || r->set_outside || r->set_newer)
		line(out, tmp, _("Set:"), set_text(tmp, r, d, runs, n_runs, floor));
	alt = talloc_strdup(tmp, "");
	for (size_t k = 0; k < r->n_top && k < SUMMARY_ALTERNATIVES; k++)
		alt = talloc_asprintf_append(alt, "%s%s %.1f%%", k ? ", " : "", short_hex(tmp, d, r->top[k]),
					     100 * r->p[r->top[k]]);
	line(out, tmp, _("Likeliest:"), alt);
	if (r->next != DAG_NONE)
		line(out, tmp, _("Next test:"), talloc_asprintf(tmp, "%s (%s)", short_hex(tmp, d, r->next),
								 next_why(tmp, r)));
	talloc_free(tmp);
}
