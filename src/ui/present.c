/* Shared words and colours (see present.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "ui/present.h"
#include "ui/request.h"

enum area verdict_area(enum verdict v)
{
	switch (v) {
	case VERDICT_GOOD: return AREA_GOOD;
	case VERDICT_BAD: return AREA_BAD;
	case VERDICT_SKIP: return AREA_SKIP;
	default: return AREA_NO_VERDICT;
	}
}

enum area frame_verdict_area(const struct blog *log, enum verdict v)
{
	switch (frame_verdict_has_bug(log, v)) {
	case 1: return AREA_BAD;
	case 0: return AREA_GOOD;
	default: return verdict_area(v);
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
		if (ui->log->kind == KIND_FIX || ui->log->format == LOG_FORMAT_GIT_BISECT)
			/* TRANSLATORS: "Fixed by: H subject", "First bad commit:
			 * H subject" (the first %s is frame_result_label()'s) */
			return talloc_asprintf(ctx, _("%s: %.12s %s"),
					       ui_clean(ui, ctx, frame_result_label(ctx, ui->log)),
					       r->commit ? r->commit : "?", title ? title : "");
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
	default: {
		/* still open: git's state, or what it would test next */
		const char *open = report_progress_line(ctx, ui->log, &ui->rc, ui->app->san_flags);

		return open ? open : talloc_strdup(ctx, _("No result: the log stops before the end"));
	}
	}
}

const char *header_trust_line(const void *ctx, struct ui *ui)
{
	const struct assessment *a = ui->rc.assessment;
	const struct model_result *m = ui->rc.model;
	const struct signal_list *l = ui->rc.signals;
	const struct log_xref *x = ui->rc.xref;
	size_t strong = 0;
	char *out;

	for (size_t i = 0; l && i < l->n; i++)
		strong += l->v[i].strength == STRENGTH_STRONG;
	/* the number is p_wrong, the probability that the culprit is wrong
	 * (doc/model.md); none without a culprit */
	if (m && m->p_wrong >= 0)
		out = talloc_asprintf(ctx, _(" %.2f - %zu signals (%zu strong)"), m->p_wrong,
				      l ? l->n : 0, strong);
	else
		out = talloc_asprintf(ctx, _(" - %zu signals (%zu strong)"), l ? l->n : 0, strong);
	if (a && a->first_suspicious_step >= 0)
		out = talloc_asprintf_append(out, _(", blamed step %d"), a->first_suspicious_step);
	if (report_wrong_tree(x))  /* short: it must fit 80 columns (--summary says more) */
		out = talloc_asprintf_append(out, "%s", _("; wrong tree? -C DIR"));
	else if (x)
		out = talloc_asprintf_append(out, _("; tree: %zu found, %zu missing"), x->found,
					     x->missing);
	else if (ui->facts_pending)
		out = talloc_asprintf_append(out, "%s", _("; tree: loading..."));
	else
		out = talloc_asprintf_append(out, "%s", _("; no tree"));
	if (x && x->fix && x->fix->agrees)
		out = talloc_asprintf_append(out, _("; the fix %.12s agrees"), x->fix->commit);
	else if (x && x->fix && a && a->fix_overrides)
		out = talloc_asprintf_append(out, _("; the fix %.12s names another commit"),
					     x->fix->commit);
	return out;
}

const char *header_partial_line(const void *ctx, struct ui *ui)
{
	const struct log_xref *x = ui->rc.xref;
	const char *filter;

	if (!x || !x->partial)
		return NULL;
	filter = x->partial->filter ? ui_clean(ui, ctx, x->partial->filter) : _("unknown");
	/* the same count as --summary's Partial: line */
	if (x->partial->missing == 0)
		return talloc_asprintf(ctx, _("Partial clone (filter %s): every object the facts "
					      "need is here"), filter);
	return talloc_asprintf(ctx, ngettext("Partial clone (filter %s): %zu object the facts "
					     "need is not here",
					     "Partial clone (filter %s): %zu objects the facts "
					     "need are not here", x->partial->missing),
			       filter, x->partial->missing);
}

const char *fetch_intro(const void *ctx, struct ui *ui, enum view_kind k, bool one_file)
{
	const char *keys = keymap_keys(ctx, ui->keymap, k, REQ_RELOAD);
	const char *comma = keys ? strchr(keys, ',') : NULL;

	if (comma)
		keys = talloc_strndup(ctx, keys, (size_t)(comma - keys));
	if (!keys)
		keys = ":reload";
	if (one_file)
		return talloc_asprintf(ctx, _("Fetch it in another terminal, then reload (%s):"), keys);
	return talloc_asprintf(ctx, _("Fetch them in another terminal, then reload (%s):"), keys);
}

/* The blanks of cmd outside single quotes, where a line may be cut (a
 * backslash outside quotes escapes the next byte, as in shell_word()'s
 * '\'' for a quote). Returns their number; *at gets their offsets. */
static size_t cut_points(const void *ctx, const char *cmd, size_t **at)
{
	size_t n = 0, len = strlen(cmd);
	bool quoted = false;

	*at = talloc_array(ctx, size_t, len ? len : 1);
	for (size_t i = 0; i < len; i++) {
		if (quoted)
			quoted = cmd[i] != '\'';
		else if (cmd[i] == '\\' && cmd[i + 1])
			i++;
		else if (cmd[i] == '\'')
			quoted = true;
		else if (cmd[i] == ' ')
			(*at)[n++] = i;
	}
	return n;
}

const char **shell_lines(const void *ctx, const char *cmd, int width, size_t *n)
{
	const char **out = talloc_array(ctx, const char *, 1);
	size_t *at, n_at = cut_points(out, cmd, &at), from = 0, k = 0;
	const char *indent = "";

	*n = 0;
	for (;;) {
		const char *rest = cmd + from;
		char *line = talloc_asprintf(out, "%s%s", indent, rest);
		size_t next = from;
		bool wide = text_width(line) > width;

		/* too wide: up to the last blank that leaves room for " \\",
		 * else up to the first */
		for (; wide && k < n_at; k++) {
			char *head = talloc_asprintf(out, "%s%.*s \\", indent, (int)(at[k] - from), rest);

			if (next > from && text_width(head) > width) {
				talloc_free(head);
				break;
			}
			talloc_free(line);
			line = head;
			next = at[k] + 1;
		}
		out = talloc_realloc(ctx, out, const char *, *n + 1);
		out[(*n)++] = line;
		if (next == from)
			return out;
		from = next;
		indent = "    ";
	}
}

const char *diffstat_summary(const void *ctx, size_t n_files, size_t missing, int ins, int del)
{
	char *summary = talloc_asprintf(ctx, ngettext(" %zu file changed", " %zu files changed",
						      n_files), n_files);

	if (missing == n_files)
		return talloc_asprintf_append(summary, "%s",
					      _("; line counts not known: contents not fetched"));
	/* git's: a zero count is left out unless both are zero */
	if (ins || !del)
		summary = talloc_asprintf_append(summary, ngettext(", %d insertion(+)",
								   ", %d insertions(+)",
								   (unsigned long)ins), ins);
	if (del || !ins)
		summary = talloc_asprintf_append(summary, ngettext(", %d deletion(-)",
								   ", %d deletions(-)",
								   (unsigned long)del), del);
	if (missing)
		summary = talloc_asprintf_append(
			talloc_asprintf_append(summary, ngettext(" in %zu file", " in %zu files",
								 n_files - missing),
					       n_files - missing),
			ngettext("; %zu not fetched", "; %zu not fetched", missing), missing);
	return summary;
}

/* A commit as the fetch command names it: a full hash cut to 12 digits,
 * as the kernel's Fixes: tags do, so that the command fits a terminal's
 * line; git expands it. Anything else as it is. */
const char *short_hash(const void *ctx, const char *commit)
{
	if (strlen(commit) == 40 && strspn(commit, "0123456789abcdef") == 40)
		return talloc_strndup(ctx, commit, 12);
	return commit;
}
