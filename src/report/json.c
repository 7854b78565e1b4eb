/* --json: the whole model as JSON, following doc/json.md, its contract.
 *
 * json-c does the writing and escaping; every string from the log first
 * goes through sanitize() so that no escape sequence or bidi override
 * reaches a terminal that shows the JSON, and the output is valid UTF-8. */
#include "config.h"

#include <json-c/json.h>
#include <string.h>
#include <talloc.h>

#include "report/next.h"
#include "report/report.h"
#include "text/sanitize.h"

static json_object *jstr(const char *s)
{
	char *clean;
	json_object *o;

	if (!s)
		return NULL;  /* json-c writes NULL as null */
	clean = sanitize_str(NULL, s, SAN_JSON);
	o = json_object_new_string(clean);
	talloc_free(clean);
	return o;
}

static json_object *jint_or_null(long v)
{
	return v < 0 ? NULL : json_object_new_int64(v);
}

static json_object *jlines(struct line_span l)
{
	json_object *a = json_object_new_array();

	json_object_array_add(a, l.first ? json_object_new_int(l.first) : NULL);
	json_object_array_add(a, l.last ? json_object_new_int(l.last) : NULL);
	return a;
}

static json_object *jstr_array(const char *const *v, size_t n)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < n; i++)
		json_object_array_add(a, jstr(v[i]));
	return a;
}

static json_object *runs_json(const struct step *s)
{
	struct run_counts c;
	json_object *o = json_object_new_object();

	step_count_runs(s, &c);
	json_object_object_add(o, "total", json_object_new_int(c.total));
	json_object_object_add(o, "ok", json_object_new_int(c.ok));
	json_object_object_add(o, "crashed", json_object_new_int(c.crashed));
	json_object_object_add(o, "boot_failed", json_object_new_int(c.boot_failed));
	json_object_object_add(o, "test_failed", json_object_new_int(c.test_failed));
	json_object_object_add(o, "failed", json_object_new_int(c.failed));
	json_object_object_add(o, "infra", json_object_new_int(c.infra));
	json_object_object_add(o, "ignored", json_object_new_int(c.ignored));
	return o;
}

static json_object *run_list_json(const struct step *s)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < s->n_runs; i++) {
		const struct run *r = &s->runs[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "number", r->number >= 0 ? json_object_new_int(r->number) : NULL);
		json_object_object_add(o, "outcome", json_object_new_string(run_outcome_name(r->outcome)));
		json_object_object_add(o, "text", jstr(r->text));
		json_object_object_add(o, "detail", jstr(r->detail));
		json_object_object_add(o, "line", json_object_new_int(r->line));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *step_tree_json(const struct report_ctx *rc, const struct step *s)
{
	const struct step_xref *sx;
	json_object *o;

	if (!rc || !rc->xref || (size_t)s->index >= rc->xref->n_steps)
		return NULL;
	sx = &rc->xref->steps[s->index];
	if (!sx->ref)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "found", json_object_new_boolean(sx->facts.found));
	/* a commit the tree lacks keeps the log's hash; its facts are null */
	json_object_object_add(o, "commit", jstr(sx->facts.found ? sx->facts.commit : s->commit));
	json_object_object_add(o, "subject", jstr(sx->facts.subject));
	json_object_object_add(o, "author", jstr(sx->facts.author));
	json_object_object_add(o, "date", jstr(sx->facts.date));
	json_object_object_add(o, "parents", sx->facts.found ? json_object_new_int((int)sx->facts.n_parents) : NULL);
	json_object_object_add(o, "candidates", jint_or_null(sx->candidates));
	json_object_object_add(o, "revisions_left", jint_or_null(sx->revisions_left));
	json_object_object_add(o, "git_choice", jstr(sx->git_choice));
	json_object_object_add(o, "matches_git", sx->matches < 0 ? NULL : json_object_new_boolean(sx->matches));
	return o;
}

/* A number that depends on an object a partial clone lacks is null,
 * never 0 (doc/json.md §4). */
static json_object *file_json(const struct diff_file *f)
{
	json_object *fo = json_object_new_object();
	char st[2] = { f->status, '\0' };

	json_object_object_add(fo, "path", jstr(f->path));
	if (f->old_path && strcmp(f->old_path, f->path) != 0)
		json_object_object_add(fo, "old_path", jstr(f->old_path));
	json_object_object_add(fo, "status", json_object_new_string(st));
	json_object_object_add(fo, "insertions",
			       f->content_missing ? NULL : json_object_new_int(f->insertions));
	json_object_object_add(fo, "deletions",
			       f->content_missing ? NULL : json_object_new_int(f->deletions));
	json_object_object_add(fo, "binary",
			       f->content_missing ? NULL : json_object_new_boolean(f->binary));
	return fo;
}

static json_object *culprit_json(const struct log_xref *x)
{
	json_object *c = json_object_new_object(), *files = NULL;

	json_object_object_add(c, "commit", jstr(x->culprit));
	json_object_object_add(c, "merge", json_object_new_boolean(x->culprit_merge));
	json_object_object_add(c, "parents", json_object_new_int((int)x->culprit_parents));
	if (!x->culprit_files_unknown) {  /* unknown: null, never [] */
		files = json_object_new_array();
		for (size_t i = 0; i < x->n_culprit_files; i++)
			json_object_array_add(files, file_json(&x->culprit_files[i]));
	}
	json_object_object_add(c, "files", files);
	return c;
}

static json_object *partial_json(const struct tree_partial *p)
{
	json_object *o;

	if (!p)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "filter", jstr(p->filter));
	json_object_object_add(o, "missing", json_object_new_int64((int64_t)p->missing));
	return o;
}

/* An inconclusive result's candidates with their subjects (doc/json.md §7). */
static json_object *candidates_json(const struct log_xref *x)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; i < x->n_candidates; i++) {
		const struct commit_facts *f = &x->candidates[i];
		json_object *c = json_object_new_object();

		json_object_object_add(c, "commit", jstr(f->found ? f->commit : NULL));
		json_object_object_add(c, "found", json_object_new_boolean(f->found));
		json_object_object_add(c, "subject", jstr(f->subject));
		json_object_array_add(a, c);
	}
	return a;
}

static json_object *tree_json(const struct report_ctx *rc)
{
	const struct log_xref *x = rc ? rc->xref : NULL;
	json_object *o, *range;

	if (!x)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "path", jstr(x->path));
	json_object_object_add(o, "found", json_object_new_int((int)x->found));
	json_object_object_add(o, "missing", json_object_new_int((int)x->missing));
	json_object_object_add(o, "unreadable", json_object_new_int((int)x->unreadable));
	json_object_object_add(o, "missing_hint", jstr(x->missing_hint));
	json_object_object_add(o, "shallow", json_object_new_boolean(x->shallow));
	json_object_object_add(o, "partial", partial_json(x->partial));
	json_object_object_add(o, "culprit", x->has_culprit ? culprit_json(x) : NULL);
	range = json_object_new_object();
	json_object_object_add(range, "verified", json_object_new_boolean(x->range_built));
	json_object_object_add(range, "size", x->range_built ? json_object_new_int64(x->range_size) : NULL);
	json_object_object_add(range, "mismatches", json_object_new_int((int)x->mismatches));
	json_object_object_add(range, "note", jstr(x->range_note));
	json_object_object_add(range, "culprit_in_range",
			       x->culprit_in_range < 0 ? NULL : json_object_new_boolean(x->culprit_in_range));
	json_object_object_add(o, "range", range);
	json_object_object_add(o, "candidates", candidates_json(x));
	json_object_object_add(o, "fix_search", report_fix_search_json(x));
	return o;
}

/* A probability of the model, four decimals; null when it has none. */
static json_object *jprob(double p)
{
	char text[16];

	if (!(p >= 0 && p <= 1))
		return NULL;
	snprintf(text, sizeof(text), "%.4f", p);
	return json_object_new_double_s(p, text);
}

static json_object *step_p_wrong_json(const struct report_ctx *rc, const struct step *s)
{
	const struct model_result *m = rc ? rc->model : NULL;

	if (!m || s->index < 0 || (size_t)s->index >= talloc_array_length(m->step_p))
		return NULL;
	return jprob(m->step_p[s->index]);
}

static json_object *step_json(const struct report_ctx *rc, const struct step *s)
{
	json_object *o = json_object_new_object();
	size_t n_titles;
	const char **titles = step_titles(NULL, s, &n_titles);

	json_object_object_add(o, "index", json_object_new_int(s->index));
	json_object_object_add(o, "phase", json_object_new_string(step_phase_name(s->phase)));
	json_object_object_add(o, "commit", jstr(s->commit));
	json_object_object_add(o, "label", jstr(s->label));
	json_object_object_add(o, "verdict", json_object_new_string(verdict_name(s->verdict)));
	json_object_object_add(o, "verdict_inferred", json_object_new_boolean(s->verdict_inferred));
	json_object_object_add(o, "runs", runs_json(s));
	json_object_object_add(o, "all_runs", json_object_new_boolean(s->all_runs));
	json_object_object_add(o, "titles", jstr_array(titles, n_titles));
	json_object_object_add(o, "revisions_left", jint_or_null(s->revisions_left));
	json_object_object_add(o, "steps_left", jint_or_null(s->steps_left));
	json_object_object_add(o, "lines", jlines(s->lines));
	json_object_object_add(o, "subject", jstr(s->subject));
	json_object_object_add(o, "compiler", jstr(s->compiler));
	json_object_object_add(o, "compiler_type", jstr(s->compiler_type));
	json_object_object_add(o, "kernel_signature", jstr(s->kernel_signature));
	json_object_object_add(o, "build_error", jstr(s->build_error));
	json_object_object_add(o, "test_error", jstr(s->test_error));
	json_object_object_add(o, "representative_title", jstr(s->representative_title));
	json_object_object_add(o, "false_negative_chance",
			       s->false_negative_chance >= 0 ? json_object_new_double(s->false_negative_chance) : NULL);
	json_object_object_add(o, "undetermined", json_object_new_boolean(s->undetermined));
	json_object_object_add(o, "synthetic", json_object_new_boolean(s->synthetic));
	json_object_object_add(o, "next_commit", jstr(s->next_commit));
	json_object_object_add(o, "run_list", run_list_json(s));
	json_object_object_add(o, "tree", step_tree_json(rc, s));
	json_object_object_add(o, "p_wrong", step_p_wrong_json(rc, s));
	talloc_free(titles);
	return o;
}

static json_object *result_json(const struct blog *log)
{
	const struct result *r = &log->result;
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string(result_type_name(r->type)));
	json_object_object_add(o, "commit", jstr(r->commit));
	json_object_object_add(o, "title", jstr(r->title));
	json_object_object_add(o, "candidates", jstr_array(r->candidates, r->n_candidates));
	json_object_object_add(o, "error", jstr(r->error));
	json_object_object_add(o, "boundary", jstr(r->boundary));
	json_object_object_add(o, "boundary_commit_title", jstr(r->boundary_commit_title));
	json_object_object_add(o, "culprit_signature", jstr(r->culprit_signature));
	json_object_object_add(o, "parent_signature", jstr(r->parent_signature));
	json_object_object_add(o, "noop", json_object_new_boolean(r->noop));
	json_object_object_add(o, "parent_commit", jstr(r->parent_commit));
	json_object_object_add(o, "to", jstr_array(r->to, r->n_to));
	json_object_object_add(o, "cc", jstr_array(r->cc, r->n_cc));
	json_object_object_add(o, "crash_title", jstr(r->crash_title));
	json_object_object_add(o, "lines", jlines(r->lines));
	return o;
}

static json_object *signals_json(const struct report_ctx *rc)
{
	json_object *a = json_object_new_array();

	for (size_t i = 0; rc && rc->signals && i < rc->signals->n; i++) {
		const struct signal *s = &rc->signals->v[i];
		json_object *o = json_object_new_object();

		json_object_object_add(o, "code", json_object_new_string(s->code));
		json_object_object_add(o, "strength", json_object_new_string(signal_strength_name(s->strength)));
		json_object_object_add(o, "step", s->step >= 0 ? json_object_new_int(s->step) : NULL);
		json_object_object_add(o, "message", jstr(s->message));
		json_object_object_add(o, "lines", jlines(s->lines));
		json_object_array_add(a, o);
	}
	return a;
}

static json_object *assessment_json(const struct blog *log, const struct report_ctx *rc)
{
	json_object *o = json_object_new_object();
	const struct assessment *a = rc ? rc->assessment : NULL;
	const struct model_result *m = rc ? rc->model : NULL;
	int first = a ? a->first_suspicious_step : -1;
	const struct step *fs = first >= 0 && (size_t)first < log->n_steps ? log->steps[first] : NULL;
	char score[16];

	json_object_object_add(o, "verdict", json_object_new_string(report_verdict(rc)));
	/* two decimals: the score is a ranking, not a probability to 1e-17 */
	snprintf(score, sizeof(score), "%.2f", a ? a->score : 0);
	json_object_object_add(o, "score", json_object_new_double_s(a ? a->score : 0, score));
	json_object_object_add(o, "first_suspicious_step", fs ? json_object_new_int(first) : NULL);
	json_object_object_add(o, "first_suspicious_commit", fs ? jstr(fs->commit) : NULL);
	json_object_object_add(o, "p_wrong", m ? jprob(m->p_wrong) : NULL);
	json_object_object_add(o, "why", a && a->fix_overrides ? jstr(a->fix_why)
				     : m && m->p_wrong >= 0 ? jstr(m->why) : NULL);
	json_object_object_add(o, "blamed_step", report_blamed_step(log, rc) >= 0 ?
				       json_object_new_int(report_blamed_step(log, rc)) : NULL);
	json_object_object_add(o, "p_older", m && m->p_wrong >= 0 ? jprob(m->p_older) : NULL);
	/* the mean of the rate's Beta posterior, which sizes next[]'s runs (doc/model.md §11) */
	json_object_object_add(o, "repro_rate", m ? jprob(m->rate_a / (m->rate_a + m->rate_b)) : NULL);
	return o;
}

/* The model's details beyond what --scan --json prints. With steps false,
 * "steps" is a null placeholder that report_json() streams. */
static void add_details(json_object *o, const struct blog *log, const struct report_ctx *rc,
			bool steps_too)
{
	json_object *steps = json_object_new_array(), *u = json_object_new_array();

	json_object_object_add(o, "start_commit", jstr(log->start_commit));
	json_object_object_add(o, "start_commit_original", jstr(log->start_commit_original));
	for (size_t i = 0; i < log->n_unknown; i++)
		json_object_array_add(u, json_object_new_int(log->unknown[i]));
	json_object_object_add(o, "unknown_line_numbers", u);
	json_object_object_add(o, "mail_quoted", json_object_new_boolean(log->mail_quoted));
	json_object_object_add(o, "host", jstr(log->host));
	json_object_object_add(o, "started_at", jstr(log->started_at));
	json_object_object_add(o, "syzkaller_commit", jstr(log->syzkaller_commit));
	if (log->bisect_bad) {
		json_object *b = json_object_new_object();

		json_object_object_add(b, "bad", jstr(log->bisect_bad));
		json_object_object_add(b, "good", jstr_array(log->bisect_goods, log->n_bisect_goods));
		json_object_object_add(o, "bisect_start", b);
	} else {
		json_object_object_add(o, "bisect_start", NULL);
	}
	json_object_object_add(o, "initial_revisions", jint_or_null(log->initial_revisions));
	json_object_object_add(o, "repro_chance", log->repro_chance >= 0 ? json_object_new_double(log->repro_chance) : NULL);
	json_object_object_add(o, "error_probability",
			       log->error_probability >= 0 ? json_object_new_double(log->error_probability) : NULL);
	for (size_t i = 0; steps_too && i < log->n_steps; i++)
		json_object_array_add(steps, step_json(rc, log->steps[i]));
	if (!steps_too) {
		json_object_put(steps);
		steps = NULL;
	}
	json_object_object_add(o, "steps", steps);
	json_object_object_add(o, "tree", tree_json(rc));
	json_object_object_add(o, "posterior", report_posterior_json(rc));
	json_object_object_add(o, "next", report_next_json(log, rc));
	json_object_object_add(o, "fix", report_fix_json(rc));
}

/* Where the log came from (doc/json.md "source"). */
static json_object *source_json(const struct blog *log)
{
	static const char *const kinds[] = {
		[SOURCE_FILE] = "file", [SOURCE_STDIN] = "stdin", [SOURCE_URL] = "url",
		[SOURCE_MAIL] = "mail", [SOURCE_BISECT_IN_PROGRESS] = "bisect-in-progress",
	};
	json_object *o = json_object_new_object();

	json_object_object_add(o, "kind", json_object_new_string(kinds[log->source.kind]));
	json_object_object_add(o, "url", jstr(log->source.url));
	json_object_object_add(o, "extid", jstr(log->source.extid));
	json_object_object_add(o, "subject", jstr(log->source.subject));
	return o;
}

/* The state of a bisection git is still in (doc/json.md "in_progress"). */
static json_object *in_progress_json(const struct blog *log)
{
	const struct log_in_progress *p = log->in_progress;
	json_object *o;

	if (!p)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "testing", jstr(p->testing));
	json_object_object_add(o, "candidates", jint_or_null(p->candidates));
	json_object_object_add(o, "steps_left", jint_or_null(p->steps_left));
	json_object_object_add(o, "revisions_left", jint_or_null(p->revisions_left));
	json_object_object_add(o, "git_dir", jstr(p->git_dir));
	if (p->term_new && p->term_old) {
		json_object *terms = json_object_new_object();

		json_object_object_add(terms, "new", jstr(p->term_new));
		json_object_object_add(terms, "old", jstr(p->term_old));
		json_object_object_add(o, "terms", terms);
	} else {
		json_object_object_add(o, "terms", NULL);
	}
	return o;
}

static json_object *json_document(const struct blog *log, const struct report_ctx *rc, bool brief,
				  bool steps_too)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "path", jstr(log->path));
	json_object_object_add(o, "source", source_json(log));
	json_object_object_add(o, "format", json_object_new_string(log_format_name(log->format)));
	json_object_object_add(o, "kind", bisect_kind_name(log->kind) ? json_object_new_string(bisect_kind_name(log->kind)) : NULL);
	json_object_object_add(o, "crash_title", jstr(log->crash_title));
	json_object_object_add(o, "flaky", json_object_new_boolean(log->flaky));
	json_object_object_add(o, "revisions_tested", jint_or_null(log->revisions_tested));
	json_object_object_add(o, "unknown_lines", json_object_new_int((int)log->n_unknown));
	json_object_object_add(o, "result", result_json(log));
	json_object_object_add(o, "signals", signals_json(rc));
	json_object_object_add(o, "assessment", assessment_json(log, rc));
	json_object_object_add(o, "in_progress", in_progress_json(log));
	if (!brief)
		add_details(o, log, rc, steps_too);
	return o;
}

json_object *report_json_object(const struct blog *log, const struct report_ctx *rc, bool brief)
{
	return json_document(log, rc, brief, true);
}

/* A value json-c printed at level 0, written at a deeper level: pretty
 * output only needs an indent after each newline (a JSON string holds
 * none of its own). */
static void put_value(FILE *out, json_object *v, const char *indent)
{
	const char *text = json_object_to_json_string_ext(v, JSON_C_TO_STRING_NOSLASHESCAPE |
								JSON_C_TO_STRING_PRETTY |
								JSON_C_TO_STRING_SPACED);

	for (const char *nl; (nl = strchr(text, '\n')); text = nl + 1) {
		fwrite(text, 1, (size_t)(nl + 1 - text), out);
		fputs(indent, out);
	}
	fputs(text, out);
}

/* --json. json-c would hold the whole document in memory twice (objects,
 * then the text): for a log of 100,000 steps that was 1.3 GB. The steps
 * are written one at a time instead, each built, printed and freed; the
 * text is byte for byte what json-c prints for the whole document, pretty
 * and spaced (its empty array is "[", newline, the key's indent, "]"). */
int report_json(FILE *out, const struct blog *log, const struct report_ctx *rc)
{
	json_object *o = json_document(log, rc, false, false);
	bool first = true;

	fputs("{\n", out);
	json_object_object_foreach(o, key, val) {
		fprintf(out, "%s  \"%s\": ", first ? "" : ",\n", key);
		first = false;
		if (strcmp(key, "steps") != 0) {
			put_value(out, val, "  ");
			continue;
		}
		if (log->n_steps == 0) {
			fputs("[\n  ]", out);
			continue;
		}
		fputc('[', out);
		for (size_t i = 0; i < log->n_steps; i++) {
			json_object *step = step_json(rc, log->steps[i]);

			fputs(i ? ",\n    " : "\n    ", out);
			put_value(out, step, "    ");
			json_object_put(step);
		}
		fputs("\n  ]", out);
	}
	fputs("\n}\n", out);
	json_object_put(o);
	return ferror(out) ? -1 : 0;
}
