/* The end of a syzbot log: the git show block, the no-op and parent
 * checks, the summary lines and the result (doc/log-format.md §3.5, 3.7,
 * 3.8). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "log/syzbot_parse.h"

/* Text after a fixed prefix, trimmed, as a field. */
static const char *after(const void *ctx, const struct pline *pl, size_t prefix_len)
{
	if (pl->len <= prefix_len)
		return NULL;
	return field_dup_trim(ctx, pl->s + prefix_len, pl->len - prefix_len);
}

/* A probability printed at the start of s, or -1 when s (possibly NULL:
 * a line cut after its label) starts with none, or with NaN or a value
 * outside 0..1. */
static double probability(const char *s)
{
	char *end;
	double v;

	if (!s)
		return -1;
	v = strtod(s, &end);
	return end != s && v >= 0 && v <= 1 ? v : -1;
}

/* Go's %q of a []string: ["a" "b"]. Escapes are kept as printed except
 * \" and \\, which are the ones mail addresses can carry. */
static void parse_go_list(const void *ctx, const char *s, size_t len,
			  const char ***out, size_t *n)
{
	const char *end = s + len;

	*out = talloc_array(ctx, const char *, 0);
	*n = 0;
	while (s < end) {
		char *item, *o;
		const char *q;

		if (*s != '"') {
			s++;
			continue;
		}
		s++;
		for (q = s; q < end && *q != '"'; q++)
			if (*q == '\\' && q + 1 < end)
				q++;
		item = talloc_size(ctx, (size_t)(q - s) + 1);
		o = item;
		for (const char *c = s; c < q; c++) {
			if (*c == '\\' && c + 1 < q && (c[1] == '"' || c[1] == '\\'))
				c++;
			*o++ = *c ? *c : '?';
		}
		*o = '\0';
		list_append(ctx, out, n, item);
		s = q + 1;
	}
}

/* Everything from line `from` to the end, '\n'-joined: the crash report
 * or error text that runs to EOF (doc/log-format.md §1, rule 3). */
static const char *join_rest(const void *ctx, const char *first, size_t first_len,
			     const struct pline *rest, size_t n)
{
	size_t total = first_len + 1, at = 0;
	char *buf, *out;

	for (size_t i = 0; i < n; i++)
		total += rest[i].len + 1;
	/* joined in place under ctx: a crash report is a fifth of a log's
	 * bytes, worth copying once; only NUL bytes need a second copy */
	buf = talloc_size(ctx, total);
	if (!buf)
		return NULL;
	memcpy(buf, first, first_len);
	at = first_len;
	for (size_t i = 0; i < n; i++) {
		if (at > 0 || i > 0)
			buf[at++] = '\n';
		memcpy(buf + at, rest[i].s, rest[i].len);
		at += rest[i].len;
	}
	/* Drop trailing blank lines: the report's last line is the end. */
	while (at > 0 && buf[at - 1] == '\n')
		at--;
	if (!memchr(buf, '\0', at)) {
		buf[at] = '\0';
		return buf;
	}
	out = field_dup(ctx, buf, at);
	talloc_free(buf);
	return out;
}

void result_candidate(struct syz_parser *p, const struct pline *pl)
{
	struct result *r = &p->log->result;
	const char *h = hash_dup(p->log, pl->s, pl->len);

	if (p->mode == MODE_CANDIDATES)
		list_append(p->log, &r->candidates, &r->n_candidates, h);
	else
		list_append(p->log, &r->git_candidates, &r->n_git_candidates, h);
	if (r->lines.first == 0)
		r->lines.first = pl->first;
	r->lines.last = pl->last;
}

void show_line(struct syz_parser *p, const struct pline *pl)
{
	struct show_block *sb = p->log->result.show;
	const char *s = pl->s;
	size_t len = pl->len;

	sb->lines.last = pl->last;
	if (pl_starts(s, len, "commit ") && !sb->commit) {
		sb->commit = hash_dup(sb, s + 7, len - 7);
	} else if (pl_starts(s, len, "Merge: ") && !sb->author) {
		sb->merge = after(sb, pl, 7);
	} else if (pl_starts(s, len, "Author: ") && !sb->author) {
		sb->author = after(sb, pl, 8);
	} else if (pl_starts(s, len, "Date: ") && !sb->date) {
		size_t at = 6;

		while (at < len && s[at] == ' ')
			at++;
		sb->date = after(sb, pl, at);
	} else if (pl_starts(s, len, "    ") || (sb->author && !sb->n_stat && pl_equals(s, len, "   "))) {
		sb->message = field_append(sb, sb->message, s + (len >= 4 ? 4 : len), len >= 4 ? len - 4 : 0);
	} else if (len > 0 && (s[0] == ' ' || s[0] == ':')) {
		list_append(sb, &sb->stat, &sb->n_stat, field_dup(sb, s, len));
	} else if (len == 0 && sb->message && !sb->n_stat) {
		sb->message = field_append(sb, sb->message, "", 0);
	}
}

static void first_commit(struct blog *log, const struct pline *pl)
{
	struct result *r = &log->result;
	size_t at = pl_starts(pl->s, pl->len, "first bad commit: ") ? 18 : 19;

	r->type = RESULT_CULPRIT;
	r->commit = hash_dup(log, pl->s + at, pl->len - at);
	if (pl->len > at + HASH_HEX_LEN + 1)
		r->title = after(log, pl, at + HASH_HEX_LEN + 1);
}

static void revisions_tested(struct blog *log, const struct pline *pl)
{
	const char *s = pl->s + 18;
	size_t len = pl->len - 18;
	const char *t, *b, *x;

	log->revisions_tested = (int)parse_number(s, len, NULL);
	t = memmem(s, len, "total time: ", 12);
	b = memmem(s, len, "(build: ", 8);
	x = memmem(s, len, ", test: ", 8);
	if (t && b && b > t)
		log->total_time = field_dup_trim(log, t + 12, (size_t)(b - t - 12));
	if (b && x && x > b)
		log->build_time = field_dup(log, b + 8, (size_t)(x - b - 8));
	if (x) {
		size_t xl = len - (size_t)(x + 8 - s);

		if (xl > 0 && x[8 + xl - 1] == ')')
			xl--;
		log->test_time = field_dup(log, x + 8, xl);
	}
}

/* "first bad commit:": the culprit, and the `git show` block after it. */
static void first_bad_line(struct syz_parser *p, const struct pline *pl)
{
	struct blog *log = p->log;
	struct result *r = &log->result;

	r->show = talloc_zero(log, struct show_block);
	r->show->lines.first = r->show->lines.last = pl->first;
	if (!r->commit)
		r->commit = hash_dup(log, pl->s, pl->len);
	p->mode = MODE_SHOW;
	p->cont = CONT_NONE;
	p->open = NULL;
}

/* "parent commit ... wasn't tested": a step of its own, built only. */
static void parent_not_tested_line(struct syz_parser *p, const struct pline *pl)
{
	struct step *s = step_new(p->log, PHASE_PARENT_BUILD, pl->first);

	s->commit = hash_dup(s, pl->s + 14, pl->len - 14);
	p->log->result.parent_commit = s->commit;
	p->open = p->cur = s;
}

/* "reproducer is flaky (0.30 repro chance estimate)" */
static void is_flaky_line(struct blog *log, const struct pline *pl)
{
	const char *par = memchr(pl->s, '(', pl->len);

	log->flaky = true;
	log->flaky_line = log->flaky_line ? log->flaky_line : pl->first;
	if (par)
		log->repro_chance = probability(field_dup(log, par + 1,
							  pl->len - (size_t)(par + 1 - pl->s)));
}

/* "error: ..." ends the result; the lines after it are its text. */
static void error_line(struct blog *log, const struct pline *pl, const struct pline *rest,
		       size_t n_rest)
{
	struct result *r = &log->result;

	if (r->type != RESULT_CULPRIT)
		r->type = RESULT_ERROR;
	r->error = join_rest(log, pl->s + (pl->len > 6 ? 7 : 6),
			     pl->len > 6 ? pl->len - 7 : 0, rest, n_rest);
	r->lines.first = pl->first;
	r->lines.last = n_rest ? rest[n_rest - 1].last : pl->last;
}

/* "crash: TITLE" ends the log; the report follows it. */
static void crash_line(struct blog *log, const struct pline *pl, const struct pline *rest,
		       size_t n_rest)
{
	struct result *r = &log->result;

	r->crash_title = after(log, pl, 7);
	r->crash_report = join_rest(log, "", 0, rest, n_rest);
	r->crash_lines.first = pl->first;
	r->crash_lines.last = pl->last;
	for (size_t k = n_rest; k-- > 0;) {
		if (rest[k].len > 0) {  /* the report's last line */
			r->crash_lines.last = rest[k].last;
			break;
		}
	}
}

enum result_line_status result_line(struct syz_parser *p, enum shape sh, const struct pline *pl,
				    const struct pline *rest, size_t n_rest)
{
	struct blog *log = p->log;
	struct result *r = &log->result;

	switch (sh) {
	case SH_GIT_FIRST_BAD:
		first_bad_line(p, pl);
		break;
	case SH_ERROR_PROB:
		log->error_probability = probability(after(log, pl, 31));
		break;
	case SH_PARENT_NOT_TESTED:
		parent_not_tested_line(p, pl);
		break;
	case SH_CULPRIT_SIG:
	case SH_KERNEL_SIG_OLD:
		r->culprit_signature = after(log, pl, sh == SH_CULPRIT_SIG ? 19 : 20);
		break;
	case SH_PARENT_SIG:
	case SH_PREVIOUS_SIG:
		r->parent_signature = after(log, pl, sh == SH_PARENT_SIG ? 19 : 20);
		break;
	case SH_FAILED_DETECT:
		log_add_warning(log, after(log, pl, 0));
		break;
	case SH_FLAGGED_FLAKY:
		log->flaky = true;
		log->flaky_line = log->flaky_line ? log->flaky_line : pl->first;
		break;
	case SH_IS_FLAKY:
		is_flaky_line(log, pl);
		break;
	case SH_REVISIONS_TESTED:
		revisions_tested(log, pl);
		break;
	case SH_ERROR:
		error_line(log, pl, rest, n_rest);
		return RESULT_LINE_END;
	case SH_BOUNDARY:
		if (r->type != RESULT_CULPRIT)
			r->type = RESULT_BOUNDARY;
		r->boundary = r->boundary ? field_append(log, r->boundary, pl->s, pl->len)
					  : field_dup(log, pl->s, pl->len);
		break;
	case SH_COMMIT_MSG:
		r->boundary_commit_title = after(log, pl, 12);
		break;
	case SH_INCONCLUSIVE:
		r->type = RESULT_INCONCLUSIVE;
		p->mode = MODE_CANDIDATES;
		break;
	case SH_FIRST_COMMIT:
		first_commit(log, pl);
		break;
	case SH_CC:
		parse_go_list(log, pl->s + 4, pl->len - 4, &r->cc, &r->n_cc);
		break;
	case SH_RECIPIENTS_TO:
		parse_go_list(log, pl->s + 17, pl->len - 17, &r->to, &r->n_to);
		break;
	case SH_RECIPIENTS_CC:
		parse_go_list(log, pl->s + 17, pl->len - 17, &r->cc, &r->n_cc);
		break;
	case SH_CRASH:
		crash_line(log, pl, rest, n_rest);
		return RESULT_LINE_END;
	default:
		return RESULT_LINE_NOT_MINE;
	}
	if (r->lines.first == 0)
		r->lines.first = pl->first;
	r->lines.last = pl->last;
	p->cont = CONT_NONE;
	return RESULT_LINE_TAKEN;
}

/* Everything "all runs:" stands for: the log does not say how many runs
 * there were. syzkaller uses one count for a stretch of steps and raises
 * it (10 -> 20) once the reproducer looks flaky, so take the nearest step
 * that listed its runs one by one: a later one once flakiness was seen,
 * else an earlier one; else syzkaller's long-standing default of 10. */
static size_t explicit_runs(const struct step *s)
{
	return s && !s->all_runs && s->n_runs > 1 ? s->n_runs : 0;
}

static size_t estimate_runs(const struct blog *log, size_t i, bool flaky_seen)
{
	size_t before = 0, after = 0;

	for (size_t k = i; k-- > 0 && !before;)
		before = explicit_runs(log->steps[k]);
	for (size_t k = i + 1; k < log->n_steps && !after; k++)
		after = explicit_runs(log->steps[k]);
	if (flaky_seen && after)
		return after;
	if (before)
		return before;
	return after ? after : 10;
}

static void expand_all_runs(struct blog *log)
{
	bool flaky_seen = false;

	for (size_t i = 0; i < log->n_steps; i++) {
		struct step *s = log->steps[i];
		size_t want;

		if (!s->all_runs || s->n_runs != 1) {
			flaky_seen = flaky_seen || s->flaky_detected;
			continue;
		}
		want = estimate_runs(log, i, flaky_seen);
		for (size_t k = 1; k < want; k++) {
			struct run copy = s->runs[0];

			step_add_run(s, -1, copy.outcome, NULL, 0, copy.line);
			s->runs[s->n_runs - 1].text = copy.text;
			s->runs[s->n_runs - 1].detail = copy.detail;
		}
		flaky_seen = flaky_seen || s->flaky_detected;
	}
}

static bool is_start_ref(const struct blog *log, const struct step *s, const char *ref)
{
	if (!ref)
		return false;
	return (s->commit && strcmp(s->commit, ref) == 0) || (s->label && strcmp(s->label, ref) == 0);
}

/* Release, HEAD and original steps never get a "# git bisect" line: their
 * verdict is the git bisect start argument they became, or else what
 * their runs say (doc/log-format.md §7, pitfall 2). */
static void infer_verdicts(struct blog *log)
{
	for (size_t i = 0; i < log->n_steps; i++) {
		struct step *s = log->steps[i];
		bool crashed, clean = false;

		if (s->verdict != VERDICT_NONE || s->phase == PHASE_PARENT_BUILD ||
		    s->phase == PHASE_BISECT || !s->tested)
			continue;
		s->verdict_inferred = true;
		/* Config-minimisation retests share the start commit's hash
		 * but are predicate runs of their own: their runs decide. */
		if (s->phase != PHASE_CONFIG && is_start_ref(log, s, log->bisect_bad)) {
			s->verdict = VERDICT_BAD;
			continue;
		}
		for (size_t g = 0; g < log->n_bisect_goods && s->phase != PHASE_CONFIG; g++)
			if (is_start_ref(log, s, log->bisect_goods[g]))
				s->verdict = VERDICT_GOOD;
		if (s->verdict != VERDICT_NONE)
			continue;
		crashed = step_crashed(s);
		for (size_t k = 0; k < s->n_runs; k++)
			if (s->runs[k].outcome == RUN_OK)
				clean = true;
		if (s->undetermined || s->build_error || s->test_error || (!crashed && !clean))
			s->verdict = VERDICT_SKIP;
		else if (crashed == (log->kind != KIND_FIX))
			s->verdict = VERDICT_BAD;
		else
			s->verdict = VERDICT_GOOD;
	}
}

void result_finish(struct blog *log)
{
	struct result *r = &log->result;

	expand_all_runs(log);
	infer_verdicts(log);
	for (size_t i = 0; i < log->n_steps; i++) {
		if (log->steps[i]->phase == PHASE_ORIGINAL) {
			log->crash_title = step_deciding_title(log->steps[i]);
			break;
		}
	}
	if (r->show && r->show->message) {
		/* the blank line before the diffstat is not the message's */
		char *m = discard_const_p(char, r->show->message);
		size_t ml = strlen(m);

		while (ml > 0 && m[ml - 1] == '\n')
			m[--ml] = '\0';
	}
	if (r->type == RESULT_INCOMPLETE && r->show && r->commit)
		r->type = RESULT_CULPRIT;
	if (r->type == RESULT_INCONCLUSIVE && r->n_candidates == 0 && r->n_git_candidates > 0) {
		r->candidates = r->git_candidates;
		r->n_candidates = r->n_git_candidates;
	}
	if (r->type == RESULT_CULPRIT && !r->title && r->show && r->show->message) {
		const char *nl = strchr(r->show->message, '\n');

		r->title = nl ? talloc_strndup(log, r->show->message, (size_t)(nl - r->show->message))
			      : r->show->message;
	}
	r->noop = r->culprit_signature && r->parent_signature &&
		  strcmp(r->culprit_signature, r->parent_signature) == 0;
}
