/* The step detail: everything the log and the tree say about one step -
 * its verdict, every run, the build and test errors, the log lines behind
 * it, the commit from the tree, the candidate range next to the number
 * the log printed, and the signals that concern it. Enter on a row that
 * points into the log (a run, a signal, the step's lines) shows them. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/framing.h"
#include "ui/present.h"
#include "ui/ui.h"
#include "ui/view.h"
#include "ui/views.h"

/* The label column: 12, wider for longer translated labels, up to 16. */
#define W_LABEL 12
#define W_LABEL_MAX 16
#define W_OUTCOME 11  /* "boot-failed" */

struct detail_row {
	const char *kind;        /* the row's kind for :dump-view ("run", "signal") */
	const char *label;       /* the left column, or NULL on a continuation line */
	enum area label_area;
	const char *text;        /* cleaned */
	enum area area;
	const char *note;        /* dim, after the text ("lines 41-56"), or NULL */
	int text_cols;           /* the note starts at least this far after the label */
	struct line_span lines;  /* what Enter shows; 0/0 for nothing */
};

struct detail_view {
	struct detail_row *rows;
	size_t n, cap;
	int w_label;
};

static struct detail_row *add(struct detail_view *dv, const char *kind, const char *label,
			      enum area area, const char *text)
{
	struct detail_row *r;

	if (dv->n == dv->cap) {
		dv->cap = dv->cap ? dv->cap * 2 : 64;
		dv->rows = talloc_realloc(dv, dv->rows, struct detail_row, dv->cap);
	}
	r = &dv->rows[dv->n++];
	*r = (struct detail_row){ .kind = kind, .label = label, .label_area = AREA_DIM,
				  .text = text ? text : "", .area = area };
	return r;
}

static void heading(struct detail_view *dv, const char *text)
{
	add(dv, "heading", NULL, AREA_HEADER, text)->label_area = AREA_HEADER;
}

/* Untrusted text, one row per line: the label on the first. */
static void add_lines(struct ui *ui, struct detail_view *dv, const char *kind,
		      const char *label, enum area area, const char *text)
{
	const char *p = text;

	if (!text)
		return;
	do {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = talloc_strndup(dv, p, len);

		add(dv, kind, label, area, ui_clean(ui, dv, line));
		talloc_free(line);
		label = NULL;
		p = nl ? nl + 1 : NULL;
	} while (p && *p);
}

static enum area outcome_area(enum run_outcome o)
{
	switch (o) {
	case RUN_OK: return AREA_GOOD;
	case RUN_CRASHED: return AREA_BAD;
	case RUN_INFRA:
	case RUN_IGNORED: return AREA_DIM;
	default: return AREA_SKIP;
	}
}

static void add_step(struct ui *ui, struct detail_view *dv, const struct step *s)
{
	const struct blog *log = ui->log;
	const char *verdict = ui_clean(ui, dv, frame_verdict_word(log, s->verdict));
	struct detail_row *r;

	/* a fix bisection's word by meaning: git's own in brackets, since
	 * the log's lines say that one */
	if (log->format == LOG_FORMAT_SYZBOT && log->kind == KIND_FIX &&
	    frame_verdict_has_bug(log, s->verdict) >= 0)
		/* git's word as the log has it, in every language */
		verdict = talloc_asprintf(dv, _("%s (git: %s)"), verdict, verdict_name(s->verdict));
	if (s->verdict_inferred)
		verdict = talloc_asprintf(dv, _("%s (inferred from the runs)"), verdict);
	else if (s->undetermined)
		verdict = talloc_asprintf(dv, _("%s (the log could not determine it)"), verdict);
	/* a git bisect log has no phases (doc/log-format.md §6) */
	if (log->format != LOG_FORMAT_GIT_BISECT)
		add(dv, "phase", _("phase"), AREA_DEFAULT,
		    s->synthetic ? talloc_asprintf(dv, _("%s (pretended crash)"),
						   phase_word(s->phase)) :
		    phase_word(s->phase));
	add(dv, "verdict", _("verdict"), frame_verdict_area(log, s->verdict), verdict);
	if (s->commit)
		add(dv, "commit", _("commit"), AREA_HASH, ui_clean(ui, dv, s->commit));
	if (s->label)
		add(dv, "ref", _("ref"), AREA_TAG, ui_clean(ui, dv, s->label));
	if (s->subject)
		add(dv, "subject", _("subject"), AREA_DEFAULT, ui_clean(ui, dv, s->subject));
	r = add(dv, "lines", _("log lines"), AREA_DEFAULT,
		s->lines.first > 0 ? talloc_asprintf(dv, "%d-%d", s->lines.first, s->lines.last)
				   : _("not known"));
	r->lines = s->lines;
	if (s->revisions_left >= 0)
		add(dv, "left", _("left"), AREA_DEFAULT,
		    talloc_asprintf(dv, ngettext("%d revision left (the log)",
						 "%d revisions left (the log)", s->revisions_left),
				    s->revisions_left));
}

/* Runs k.. that read the same (outcome, title or error, no detail lines
 * of their own, consecutive numbers): one row for them all, since twenty
 * rows of "crashed: the same title" hide what differs. Returns the last. */
static size_t same_runs(const struct step *s, size_t k)
{
	const struct run *a = &s->runs[k];
	size_t j = k;

	if (a->detail)
		return k;
	while (j + 1 < s->n_runs) {
		const struct run *b = &s->runs[j + 1];

		if (b->outcome != a->outcome || b->detail || (!a->text) != (!b->text) ||
		    (a->text && strcmp(a->text, b->text) != 0) ||
		    (b->number >= 0 && b->number != s->runs[j].number + 1))
			break;
		j++;
	}
	return j;
}

static void add_runs(struct ui *ui, struct detail_view *dv, const struct step *s)
{
	/* a git bisect log records marks, not runs: no "0 runs" heading */
	if (!frame_has_runs(ui->log) && s->n_runs == 0)
		return;
	heading(dv, talloc_asprintf(dv, ngettext("%zu run", "%zu runs", s->n_runs), s->n_runs));
	for (size_t k = 0; k < s->n_runs; k++) {
		const struct run *run = &s->runs[k];
		size_t last = same_runs(s, k);
		int first_no = run->number >= 0 ? run->number : (int)k;
		int last_no = s->runs[last].number >= 0 ? s->runs[last].number : (int)last;
		/* one "all runs:" line of the log: said as one, not as the
		 * rows of runs the log never printed */
		const char *label = s->all_runs && k == 0 && last + 1 == s->n_runs ? _("all runs")
				    : last > k ? talloc_asprintf(dv, _("runs %d-%d"), first_no, last_no)
					       : talloc_asprintf(dv, _("run %d"), first_no);
		struct detail_row *r = add(dv, "run", label, outcome_area(run->outcome),
					   outcome_word(run->outcome));

		r->text_cols = text_width(r->text) > W_OUTCOME ? text_width(r->text) : W_OUTCOME;
		if (run->text)
			r->note = ui_clean(ui, dv, run->text);
		r->lines = (struct line_span){ run->line, s->runs[last].line };
		add_lines(ui, dv, "run-detail", NULL, AREA_DIM, run->detail);
		k = last;
	}
	if (s->all_runs)
		add(dv, "all-runs", NULL, AREA_DIM, _("(the log printed one \"all runs\" line)"));
	if (s->representative_title)
		add(dv, "title", _("decided by"), AREA_DEFAULT,
		    ui_clean(ui, dv, s->representative_title));
	if (s->crash_types)
		add(dv, "crash-types", _("crash types"), AREA_DEFAULT, ui_clean(ui, dv, s->crash_types));
	if (s->false_negative_chance >= 0)
		add(dv, "false-negative", _("miss chance"), AREA_DEFAULT,
		    talloc_asprintf(dv, "%.2f", s->false_negative_chance));
	if (s->flaky_detected)
		add(dv, "flaky", _("flaky"), AREA_WEAK, _("the log says the reproducer seems flaky here"));
	if (s->compiler || s->compiler_type)
		add(dv, "compiler", _("compiler"), AREA_DEFAULT,
		    ui_clean(ui, dv, s->compiler ? s->compiler : s->compiler_type));
	if (s->kernel_signature)
		add(dv, "signature", _("kernel sig"), AREA_HASH, ui_clean(ui, dv, s->kernel_signature));
	add_lines(ui, dv, "build-error", _("build error"), AREA_ERROR, s->build_error);
	add_lines(ui, dv, "test-error", _("test error"), AREA_ERROR, s->test_error);
}

/* The culprit's files in a partial clone that lacks some of what they
 * need (doc/libraries.md §1.2): said, with the command that fetches it;
 * nothing when everything is here, as in a full clone. */
static void add_culprit_partial(struct ui *ui, struct detail_view *dv, const struct log_xref *x,
				int width)
{
	size_t missing = 0, n;
	const char **cmd, *command;

	for (size_t i = 0; i < x->n_culprit_files; i++)
		missing += x->culprit_files[i].content_missing;
	if (x->culprit_files_unknown)
		add(dv, "files", _("files"), AREA_WEAK,
		    _("not known: this partial clone lacks objects the diff needs"));
	else if (missing)
		add(dv, "files", _("files"), AREA_WEAK,
		    talloc_asprintf(dv, "%s%s",
				    talloc_asprintf(dv, ngettext("%zu file changed", "%zu files changed",
								 x->n_culprit_files), x->n_culprit_files),
				    talloc_asprintf(dv, ngettext("; this partial clone lacks the content of %zu",
								 "; this partial clone lacks the contents of %zu",
								 missing), missing)));
	else
		return;
	add(dv, "partial", NULL, AREA_DEFAULT, fetch_intro(dv, ui, VIEW_DETAIL, false));
	command = tree_fetch_command(dv, x->path, short_hash(dv, x->culprit), NULL);
	cmd = shell_lines(dv, ui_clean(ui, dv, command), width, &n);
	for (size_t i = 0; i < n; i++)
		add(dv, "fetch", NULL, AREA_HASH, cmd[i]);
}

static void add_tree(struct ui *ui, struct detail_view *dv, const struct step *s, int step)
{
	const struct log_xref *x = ui->rc.xref;
	const struct step_xref *sx;

	heading(dv, _("From the tree"));
	if (!x || (size_t)step >= x->n_steps) {
		add(dv, "no-tree", _("no tree"), AREA_DIM,
		    ui->facts_pending ? _("loading tree facts...") :
		    ui->tree_note ? ui->tree_note : _("no tree"));
		return;
	}
	sx = &x->steps[step];
	if (sx->candidates >= 0) {
		const char *t = talloc_asprintf(dv, ngettext("%ld candidate", "%ld candidates",
							     sx->candidates), sx->candidates);

		if (sx->revisions_left >= 0)
			t = talloc_asprintf(dv, _("%s; git would print %ld left"), t,
					    sx->revisions_left);
		if (s->revisions_left >= 0)
			t = talloc_asprintf(dv, _("%s, the log printed %d"), t, s->revisions_left);
		add(dv, "candidates", _("candidates"), AREA_DEFAULT, t);
	}
	if (sx->matches == 0) {
		const char *commit = s->commit ? s->commit : sx->facts.commit;

		/* the same commit with another count: the range differed */
		if (sx->git_choice && commit && !strcmp(sx->git_choice, commit))
			add(dv, "git-choice", _("git's choice"), AREA_WEAK,
			    _("this commit too, but git would print another number left"));
		else
			add(dv, "git-choice", _("git's choice"), AREA_WEAK,
			    talloc_asprintf(dv, _("%s: git would have tested this, not the log's commit"),
					    ui_clean(ui, dv, sx->git_choice ? sx->git_choice : "?")));
	}
	/* before the message, which may be long */
	if (x->partial && x->culprit && sx->facts.commit && !strcmp(sx->facts.commit, x->culprit))
		add_culprit_partial(ui, dv, x, ui->cols - W_LABEL_MAX - 1);
	if (!sx->facts.found) {
		add(dv, "missing", _("missing"), AREA_DIM,
		    talloc_asprintf(dv, sx->facts.unreadable ?
				    _("%s is in the tree but cannot be read (a damaged repository? git fsck)") :
				    _("%s is not in the tree"),
				    ui_clean(ui, dv, sx->ref ? sx->ref : "?")));
	} else {
		add(dv, "author", _("author"), AREA_DEFAULT, ui_clean(ui, dv, sx->facts.author));
		add(dv, "date", _("date"), AREA_DEFAULT, ui_clean(ui, dv, sx->facts.date));
		add_lines(ui, dv, "message", _("message"), AREA_DEFAULT, sx->facts.message);
	}
}

static void add_signals(struct ui *ui, struct detail_view *dv, int step)
{
	const struct signal_list *l = ui->rc.signals;
	size_t n = 0;

	for (size_t i = 0; l && i < l->n; i++)
		n += l->v[i].step == step;
	heading(dv, talloc_asprintf(dv, ngettext("%zu signal", "%zu signals", n), n));
	for (size_t i = 0; l && i < l->n; i++) {
		const struct signal *sig = &l->v[i];
		struct detail_row *r;

		if (sig->step != step)
			continue;
		r = add(dv, "signal", strength_word(sig->strength), AREA_DEFAULT,
			talloc_asprintf(dv, "%s: %s", sig->code, ui_clean(ui, dv, sig->message)));
		r->label_area = strength_area(sig->strength);
		r->lines = sig->lines;
		if (sig->lines.first > 0)
			r->note = talloc_asprintf(dv, _("lines %d-%d"), sig->lines.first,
						  sig->lines.last);
	}
}

/* A sentence on rows of at most W_WRAP columns, cut at blanks: rows do
 * not wrap, and the model's numbers come at the end of its sentences. */
#define W_WRAP 60
static void add_wrapped(struct detail_view *dv, const char *kind, const char *label,
			const char *text)
{
	while (*text) {
		size_t cut = strlen(text), blank = 0;

		for (size_t i = 0; text_width(text) > W_WRAP && text[i]; i++) {
			char *head;
			bool fits;

			if (text[i] != ' ')
				continue;
			head = talloc_strndup(dv, text, i);
			fits = text_width(head) <= W_WRAP;
			talloc_free(head);
			if (!fits)
				break;
			blank = i;
		}
		if (blank > 0)
			cut = blank;
		add(dv, kind, label, AREA_DEFAULT, talloc_strndup(dv, text, cut));
		label = NULL;
		text += cut;
		while (*text == ' ')
			text++;
	}
}

/* The model's doubt about this step's verdict: the figure (that the
 * bisection went wrong here, every step considered), whether it stands
 * out (the "!" of the steps view), the step's own runs' figure, and the
 * sentence with the numbers they come from (doc/model.md §3, §4). */
static void add_doubt(struct ui *ui, struct detail_view *dv, int step)
{
	const struct model_result *m = ui->rc.model;
	const char *why;
	double p;

	if (!m || !m->step_p || m->p_wrong < 0)
		return;
	/* a step without a good or bad verdict has nothing to doubt */
	p = m->step_p[step];
	if (p < 0)
		return;
	heading(dv, _("The model"));
	add(dv, "p-wrong", _("p wrong"),
	    model_step_stands_out(m, (size_t)step) ? AREA_SUSPICIOUS : AREA_DEFAULT,
	    talloc_asprintf(dv, step == m->blamed_step ?
			    _("%.4f that the bisection went wrong here: the blamed step") :
			    model_step_stands_out(m, (size_t)step) ?
			    _("%.4f that the bisection went wrong here: it stands out") :
			    _("%.4f that the bisection went wrong here"), p));
	/* the step alone, before the other steps had their say */
	add(dv, "p-alone", _("its runs"), AREA_DEFAULT,
	    talloc_asprintf(dv, _("%.4f that this verdict was wrong, from its own runs alone"),
			    m->step_local[step]));
	why = model_step_sentence(dv, m, (size_t)step);
	if (why)
		add_wrapped(dv, "why", _("why"), ui_clean(ui, dv, why));
}

/* On the culprit's step, with the tree: the posterior's word on it
 * (doc/model.md §9.1), next to the model's doubt about its verdict. */
static void add_culprit_posterior(struct ui *ui, struct detail_view *dv, int step)
{
	const struct posterior *r = ui->rc.posterior;
	struct posterior_run *runs;
	size_t n_runs;

	if (!r || r->culprit_p < 0 || step != ui_culprit_step(ui->log) || !ui->rc.xref)
		return;
	n_runs = posterior_set_runs(dv, ui->rc.xref->range, r, &runs);
	add(dv, "culprit-p", _("posterior"), AREA_DEFAULT,
	    /* the figure first, like p wrong's: it survives a narrow screen */
	    talloc_asprintf(dv, _("%.1f%% that this commit introduced the bug (the %.0f%% set: %s)"),
			    100 * r->culprit_p, 100 * POSTERIOR_LEVEL,
			    report_set_size(dv, r->set_size, n_runs)));
}

static void detail_load(struct view *v)
{
	struct ui *ui = v->ui;
	struct detail_view *dv;
	const struct step *s;

	talloc_free(v->priv);
	v->priv = dv = talloc_zero(v, struct detail_view);
	v->busy = NULL;
	if (v->step < 0 || (size_t)v->step >= ui->log->n_steps) {
		v->n_rows = 0;
		v->busy = _("no step selected");
		return;
	}
	s = ui->log->steps[v->step];
	add_step(ui, dv, s);
	add_runs(ui, dv, s);
	add_doubt(ui, dv, v->step);
	add_culprit_posterior(ui, dv, v->step);
	add_tree(ui, dv, s, v->step);
	add_signals(ui, dv, v->step);
	v->n_rows = dv->n;
	dv->w_label = W_LABEL;
	for (size_t i = 0; i < dv->n; i++)
		if (dv->rows[i].label && strcmp(dv->rows[i].kind, "heading") &&
		    text_width(dv->rows[i].label) > dv->w_label)
			dv->w_label = text_width(dv->rows[i].label);
	if (dv->w_label > W_LABEL_MAX)
		dv->w_label = W_LABEL_MAX;
}

static void detail_draw(struct view *v, struct canvas *c, int y, int x0, int width, size_t row,
			bool selected)
{
	const struct detail_view *dv = v->priv;
	const struct detail_row *r = &dv->rows[row];
	int end = x0 + width, x = x0;

	(void)selected;
	if (!strcmp(r->kind, "heading")) {
		canvas_text(c, y, x, end, AREA_HEADER, r->text);
		return;
	}
	if (r->label)
		canvas_text(c, y, x, x + dv->w_label < end ? x + dv->w_label : end, r->label_area,
			    r->label);
	x += dv->w_label + 1;
	x = canvas_text(c, y, x, end, r->area, r->text) + 1;
	if (x < x0 + dv->w_label + 1 + r->text_cols + 1)
		x = x0 + dv->w_label + 1 + r->text_cols + 1;
	if (r->note)
		canvas_text(c, y, x, end, r->text_cols ? AREA_DEFAULT : AREA_DIM, r->note);
}

static const char *detail_fields(struct view *v, const void *ctx, size_t row)
{
	const struct detail_row *r = &((struct detail_view *)v->priv)->rows[row];

	return talloc_asprintf(ctx, "%s\t%s\t%s\t%s\t%d\t%d", r->kind, r->label ? r->label : "",
			       r->text, r->note ? r->note : "", r->lines.first, r->lines.last);
}

static const char *detail_text(struct view *v, const void *ctx, size_t row)
{
	const struct detail_row *r = &((struct detail_view *)v->priv)->rows[row];

	return talloc_asprintf(ctx, "%s %s %s", r->label ? r->label : "", r->text,
			       r->note ? r->note : "");
}

static const char *detail_title(struct view *v, const void *ctx)
{
	const struct step *s;

	if (v->step < 0 || (size_t)v->step >= v->ui->log->n_steps)
		return NULL;
	s = v->ui->log->steps[v->step];
	return talloc_asprintf(ctx, _("step %d: %s %s"), v->step,
			       ui_clean(v->ui, ctx, frame_verdict_word(v->ui->log, s->verdict)),
			       ui_clean(v->ui, ctx, step_ref(ctx, s)));
}

/* Enter on a row that points into the log shows those lines; E shows
 * the row's lines, else the step's. Other rows leave Enter to the
 * generic code (the diff). */
static bool detail_request(struct view *v, enum request r)
{
	struct detail_view *dv = v->priv;
	const struct detail_row *row;
	struct line_span lines;

	if ((r != REQ_ENTER && r != REQ_EVIDENCE) || !v->n_rows)
		return false;
	row = &dv->rows[v->selected];
	lines = row->lines;
	if (lines.first <= 0 && r == REQ_EVIDENCE)
		lines = v->ui->log->steps[v->step]->lines;
	if (lines.first <= 0)
		return false;
	log_view_show_lines(v->ui, lines.first, lines.last);
	return true;
}

const struct view_ops detail_view_ops = {
	.load = detail_load,
	.draw = detail_draw,
	.text = detail_text,
	.fields = detail_fields,
	.request = detail_request,
	.title = detail_title,
};
