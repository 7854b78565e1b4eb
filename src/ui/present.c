/* Shared words and colours (see present.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/present.h"

enum area verdict_area(enum verdict v)
{
	switch (v) {
	case VERDICT_GOOD: return AREA_GOOD;
	case VERDICT_BAD: return AREA_BAD;
	case VERDICT_SKIP: return AREA_SKIP;
	default: return AREA_NO_VERDICT;
	}
}

enum area strength_area(enum signal_strength s)
{
	switch (s) {
	case STRENGTH_STRONG: return AREA_STRONG;
	case STRENGTH_WEAK: return AREA_WEAK;
	default: return AREA_INFO;
	}
}

int strength_column_width(void)
{
	int w = 6;

	for (int s = 0; s < ENUM_COUNT(SIGNAL_STRENGTH_LIST); s++)
		if (text_width(strength_word((enum signal_strength)s)) > w)
			w = text_width(strength_word((enum signal_strength)s));
	return w;
}

const char *step_badges(const void *ctx, const struct signal_list *l, int step, enum area *area)
{
	char *out = NULL;
	int best = -1;

	for (size_t i = 0; l && i < l->n; i++) {
		const struct signal *s = &l->v[i];
		const char *b;

		if (s->step != step)
			continue;
		b = signal_badge(s->code);
		/* one badge per code: a code may fire twice on a step */
		if (out && strstr(out, b))
			continue;
		out = out ? talloc_asprintf_append(out, " %s", b) : talloc_strdup(ctx, b);
		if ((int)s->strength > best)
			best = (int)s->strength;
	}
	*area = best >= 0 ? strength_area((enum signal_strength)best) : AREA_DEFAULT;
	return out;
}

const char *header_result_line(const void *ctx, struct ui *ui)
{
	const struct result *r = &ui->log->result;
	const char *title = ui_clean(ui, ctx, r->title);

	switch (r->type) {
	case RESULT_CULPRIT:
		return talloc_asprintf(ctx, _("Culprit: %.12s %s"), r->commit ? r->commit : "?",
				       title ? title : "");
	case RESULT_INCONCLUSIVE:
		return talloc_asprintf(ctx, _("Inconclusive: %zu candidates"),
				       r->n_candidates ? r->n_candidates : r->n_git_candidates);
	case RESULT_BOUNDARY:
		return talloc_asprintf(ctx, _("Boundary: %s"),
				       ui_clean(ui, ctx, r->boundary ? r->boundary : ""));
	case RESULT_ERROR: {
		const char *e = ui_clean(ui, ctx, r->error ? r->error : "");
		const char *nl = strchr(e, '\n');

		return talloc_asprintf(ctx, _("Error: %.*s"), nl ? (int)(nl - e) : (int)strlen(e), e);
	}
	default:
		return talloc_strdup(ctx, _("No result: the log stops before the end"));
	}
}

const char *header_trust_line(const void *ctx, struct ui *ui)
{
	const struct assessment *a = ui->rc.assessment;
	const struct signal_list *l = ui->rc.signals;
	const struct log_xref *x = ui->rc.xref;
	size_t strong = 0;
	char *out;

	for (size_t i = 0; l && i < l->n; i++)
		strong += l->v[i].strength == STRENGTH_STRONG;
	out = talloc_asprintf(ctx, _(" %.2f - %zu signals (%zu strong)"), a ? a->score : 0.0,
			      l ? l->n : 0, strong);
	if (a && a->first_suspicious_step >= 0)
		out = talloc_asprintf_append(out, _(", first suspicious step %d"),
					     a->first_suspicious_step);
	if (x)
		out = talloc_asprintf_append(out, _("; tree: %zu found, %zu missing"), x->found,
					     x->missing);
	else if (ui->facts_pending)
		out = talloc_asprintf_append(out, "%s", _("; tree: loading..."));
	else
		out = talloc_asprintf_append(out, "%s", _("; no tree"));
	return out;
}
