/* The posterior over commits in the reports (doc/model.md §9): built from
 * the model's evidence and the tree's range, written as --json's
 * "posterior" and as --summary's lines. */
#include "config.h"

#include <stdlib.h>
#include <talloc.h>

#include "i18n.h"
#include "report/report.h"

/* --summary shows this many runs of the set, and alternatives. */
#define SUMMARY_RUNS 6
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
	json_object_object_add(o, "set_outside", json_object_new_boolean(r->set_outside));
	json_object_object_add(o, "culprit_p", jp(r->culprit_p));
	json_object_object_add(o, "top", top);
	json_object_object_add(o, "outside_p", jp(r->outside_p));
	json_object_object_add(o, "next", next);
	return o;
}

static int by_index(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static const char *short_hex(void *ctx, const struct dag *d, uint32_t i)
{
	char hex[2 * DAG_OID_LEN + 1];

	posterior_hex(hex, d, i);
	return talloc_strndup(ctx, hex, 12);
}

/* The listed set as runs of consecutive range indices, first..last. */
static const char *set_runs(void *tmp, const struct posterior *r, const struct dag *d)
{
	uint32_t *v = talloc_memdup(tmp, r->set, sizeof(*r->set) * (r->set_listed ? r->set_listed : 1));
	char *text = talloc_strdup(tmp, "");
	size_t runs = 0, shown = 0;

	qsort(v, r->set_listed, sizeof(*v), by_index);
	for (size_t k = 0; k < r->set_listed; runs++) {
		size_t end = k;

		while (end + 1 < r->set_listed && v[end + 1] == v[end] + 1)
			end++;
		if (runs < SUMMARY_RUNS) {
			text = talloc_asprintf_append(text, "%s%s", runs ? ", " : "", short_hex(tmp, d, v[k]));
			if (end > k)
				text = talloc_asprintf_append(text, "..%s (%zu)", short_hex(tmp, d, v[end]),
							      end - k + 1);
			shown += end - k + 1;
		}
		k = end + 1;
	}
	if (shown < r->set_size)
		text = talloc_asprintf_append(text, "%s%s", runs ? ", " : "",
					      talloc_asprintf(tmp, ngettext("and %zu more commit",
									    "and %zu more commits",
									    r->set_size - shown),
							      r->set_size - shown));
	return text;
}

static void line(FILE *out, void *tmp, const char *name, const char *value)
{
	fprintf(out, "%s %s\n", report_pad(tmp, name, 12), value);
}

void report_summary_posterior(FILE *out, const struct report_ctx *rc)
{
	const struct posterior *r = rc ? rc->posterior : NULL;
	const struct dag *d = r ? rc->xref->range : NULL;
	void *tmp;
	char *alt;

	if (!r)
		return;
	tmp = talloc_new(NULL);
	line(out, tmp, _("Posterior:"),
	     talloc_asprintf(tmp, ngettext("%.0f%% of the probability lies in %zu commit; %.1f%% is older than the range",
					   "%.0f%% of the probability lies in %zu commits; %.1f%% is older than the range",
					   r->set_size),
			     100 * POSTERIOR_LEVEL, r->set_size, 100 * r->outside_p));
	if (r->culprit_p >= 0)
		line(out, tmp, _("Culprit p:"), talloc_asprintf(tmp, "%.1f%%", 100 * r->culprit_p));
	if (r->set_listed)
		line(out, tmp, _("Set:"), set_runs(tmp, r, d));
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
