/* The plain `git bisect log` parser (doc/log-format.md §6).
 *
 * Marks made before git knows both a bad and a good commit are the
 * bisection's boundaries (phase original for the bad one, release for the
 * goods); marks after that are bisection steps. A "# term: [H] subject"
 * comment gives the commit and subject of the mark it documents. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/build.h"
#include "log/parse.h"

struct gb_parser {
	struct blog *log;
	struct step **start_steps;  /* the steps of `git bisect start`'s refs */
	size_t n_start;
	const char *term_bad, *term_good;
	bool have_bad, have_good;
};

/* The next word of a command line; strips the single quotes newer git
 * puts around refs. Returns false at the end. */
static bool next_word(const char **s, const char *end, const char **w, size_t *wl)
{
	while (*s < end && **s == ' ')
		(*s)++;
	if (*s >= end)
		return false;
	*w = *s;
	while (*s < end && **s != ' ')
		(*s)++;
	*wl = (size_t)(*s - *w);
	if (*wl >= 2 && (*w)[0] == '\'' && (*w)[*wl - 1] == '\'') {
		(*w)++;
		*wl -= 2;
	}
	return true;
}

static enum verdict term_verdict(const struct gb_parser *p, const char *w, size_t wl)
{
	if (pl_equals(w, wl, p->term_bad) || pl_equals(w, wl, "bad") || pl_equals(w, wl, "new"))
		return VERDICT_BAD;
	if (pl_equals(w, wl, p->term_good) || pl_equals(w, wl, "good") || pl_equals(w, wl, "old"))
		return VERDICT_GOOD;
	if (pl_equals(w, wl, "skip"))
		return VERDICT_SKIP;
	return VERDICT_NONE;
}

static enum step_phase phase_for(struct gb_parser *p, enum verdict v)
{
	if (p->have_bad && p->have_good)
		return PHASE_BISECT;
	return v == VERDICT_BAD ? PHASE_ORIGINAL : PHASE_RELEASE;
}

static void note_mark(struct gb_parser *p, enum verdict v)
{
	if (v == VERDICT_BAD)
		p->have_bad = true;
	else if (v == VERDICT_GOOD)
		p->have_good = true;
}

/* A step made from a "# term: [H] subject" comment that no command has
 * claimed yet (tested == false marks it unclaimed). Refs that are not
 * hashes (v6.1, HEAD) claim the oldest such comment of their term. */
static struct step *find_unclaimed(struct gb_parser *p, enum verdict v, const char *ref,
				   size_t rl, bool hex)
{
	for (size_t i = 0; i < p->log->n_steps; i++) {
		struct step *o = p->log->steps[i];

		if (o->tested || o->verdict != v)
			continue;
		if (!hex || (o->commit && memcmp(o->commit, ref, rl) == 0))
			return o;
	}
	return NULL;
}

/* Mark a ref. boundary: it is one of `git bisect start`'s own refs, an
 * end of the range whatever was marked before it. */
static struct step *mark(struct gb_parser *p, enum verdict v, const char *ref, size_t rl,
			 const struct pline *pl, bool boundary)
{
	bool hex = rl == HASH_HEX_LEN && hex_run(ref, rl) == HASH_HEX_LEN;
	struct step *s = find_unclaimed(p, v, ref, rl, hex);

	if (!s) {
		s = step_new(p->log, boundary ? (v == VERDICT_BAD ? PHASE_ORIGINAL : PHASE_RELEASE)
					      : phase_for(p, v), pl->first);
		s->verdict = v;
	}
	s->tested = true;
	if (hex && !s->commit)
		s->commit = talloc_strndup(s, ref, rl);
	else if (!hex && !s->label)
		s->label = field_dup(s, ref, rl);
	step_touch(s, pl->first, pl->last);
	note_mark(p, v);
	return s;
}

static void start(struct gb_parser *p, const struct pline *pl)
{
	struct blog *log = p->log;
	const char *s = pl->s + strlen("git bisect start"), *end = pl->s + pl->len, *w;
	size_t wl;
	int k = 0;
	bool paths = false;

	while (next_word(&s, end, &w, &wl)) {
		const char *v;
		size_t vl;

		if (paths) {
			log->pathspec = true;
			log->pathspec_paths = talloc_realloc(log, log->pathspec_paths, const char *,
							     log->n_pathspec_paths + 1);
			log->pathspec_paths[log->n_pathspec_paths++] = field_dup(log, w, wl);
		} else if (pl_equals(w, wl, "--")) {
			paths = true;
		} else if ((pl_equals(w, wl, "--term-new") || pl_equals(w, wl, "--term-bad")) &&
			   next_word(&s, end, &v, &vl)) {
			p->term_bad = log->term_bad = field_dup(log, v, vl);
		} else if ((pl_equals(w, wl, "--term-old") || pl_equals(w, wl, "--term-good")) &&
			   next_word(&s, end, &v, &vl)) {
			p->term_good = log->term_good = field_dup(log, v, vl);
		} else if (pl_starts(w, wl, "--term-new=") || pl_starts(w, wl, "--term-bad=")) {
			p->term_bad = log->term_bad = field_dup(log, w + 11, wl - 11);
		} else if (pl_starts(w, wl, "--term-old=") || pl_starts(w, wl, "--term-good=")) {
			size_t at = pl_starts(w, wl, "--term-old=") ? 11 : 12;

			p->term_good = log->term_good = field_dup(log, w + at, wl - at);
		} else if (pl_equals(w, wl, "--first-parent")) {
			log->first_parent = true;
		} else if (wl > 2 && w[0] == '-' && w[1] == '-') {
			/* --no-checkout and friends change nothing we show */
		} else {
			const char *ref = field_dup(log, w, wl);
			struct step *st = mark(p, k == 0 ? VERDICT_BAD : VERDICT_GOOD, w, wl, pl, true);

			if (k++ == 0)
				log->bisect_bad = ref;
			else
				list_append(log, &log->bisect_goods, &log->n_bisect_goods, ref);
			st->verdict_inferred = false;
			p->start_steps = talloc_realloc(log, p->start_steps, struct step *, p->n_start + 1);
			p->start_steps[p->n_start++] = st;
		}
	}
	if (log->n_bisect_goods)
		log->bisect_good = log->bisect_goods[0];
}

/* "# bad: [H] subject": the commit and subject of a mark. When git wrote
 * the comments before the start line that names the refs, the comment
 * fills the start's step instead. */
static void comment_mark(struct gb_parser *p, enum verdict v, const char *s, size_t len,
			 const struct pline *pl)
{
	const char *commit = NULL, *subject = NULL;
	struct step *st = NULL;

	if (len >= HASH_HEX_LEN + 2 && s[0] == '[' && hex_run(s + 1, len - 1) == HASH_HEX_LEN &&
	    s[HASH_HEX_LEN + 1] == ']') {
		commit = s + 1;
		subject = s + HASH_HEX_LEN + 2;
		while (subject < s + len && *subject == ' ')
			subject++;
	}
	if (!commit)
		return;
	for (size_t i = 0; i < p->log->n_steps; i++) {
		struct step *o = p->log->steps[i];

		if (o->tested && o->verdict == v && !o->commit && o->label) {
			st = o;
			break;
		}
	}
	if (!st) {
		st = step_new(p->log, phase_for(p, v), pl->first);
		st->verdict = v;
	}
	st->commit = talloc_strndup(st, commit, HASH_HEX_LEN);
	st->subject = field_dup_trim(st, subject, len - (size_t)(subject - s));
	step_touch(st, pl->first, pl->last);
}

static void result_mark(struct gb_parser *p, const char *s, size_t len, bool possible,
			const struct pline *pl)
{
	struct result *r = &p->log->result;
	const char *commit = NULL;

	if (len >= HASH_HEX_LEN + 2 && s[0] == '[' && hex_run(s + 1, len - 1) == HASH_HEX_LEN)
		commit = talloc_strndup(p->log, s + 1, HASH_HEX_LEN);
	if (!commit)
		return;
	if (possible) {
		r->type = RESULT_INCONCLUSIVE;
		list_append(p->log, &r->candidates, &r->n_candidates, commit);
	} else {
		const char *t = s + HASH_HEX_LEN + 2;

		while (t < s + len && *t == ' ')
			t++;
		r->type = RESULT_CULPRIT;
		r->commit = commit;
		r->title = field_dup_trim(p->log, t, len - (size_t)(t - s));
	}
	if (!r->lines.first)
		r->lines.first = pl->first;
	r->lines.last = pl->last;
}

/* A "# ..." line: status, a mark's comment, or the end of the session. */
static bool comment(struct gb_parser *p, const struct pline *pl)
{
	const char *s = pl->s + 2, *colon;
	size_t len = pl->len - 2;
	enum verdict v;

	if (pl_starts(s, len, "status: ") || pl_starts(s, len, "only skipped commits left to test"))
		return true;
	colon = memchr(s, ':', len);
	if (!colon || colon + 1 >= s + len)
		return false;
	if (pl_starts(s, len, "first ") && memmem(s, (size_t)(colon - s), " commit", 7)) {
		result_mark(p, colon + 2, len - (size_t)(colon + 2 - s), false, pl);
		return true;
	}
	if (pl_starts(s, len, "possible first ")) {
		result_mark(p, colon + 2, len - (size_t)(colon + 2 - s), true, pl);
		return true;
	}
	v = term_verdict(p, s, (size_t)(colon - s));
	if (v == VERDICT_NONE)
		return false;
	comment_mark(p, v, colon + 2, len - (size_t)(colon + 2 - s), pl);
	return true;
}

static bool command(struct gb_parser *p, const struct pline *pl)
{
	const char *s = pl->s + strlen("git bisect "), *end = pl->s + pl->len, *w;
	size_t wl;
	enum verdict v;
	bool any = false;

	if (!next_word(&s, end, &w, &wl))
		return false;
	if (pl_equals(w, wl, "start")) {
		start(p, pl);
		return true;
	}
	if (pl_equals(w, wl, "terms") || pl_equals(w, wl, "reset") || pl_equals(w, wl, "run") ||
	    pl_equals(w, wl, "replay") || pl_equals(w, wl, "log") || pl_equals(w, wl, "visualize") ||
	    pl_equals(w, wl, "view"))
		return true;
	v = term_verdict(p, w, wl);
	if (v == VERDICT_NONE)
		return false;
	/* git's own other pair: the views say it as the log did */
	if ((pl_equals(w, wl, "new") || pl_equals(w, wl, "old")) && !p->log->term_bad &&
	    !p->log->term_good)
		p->log->terms_old_new = true;
	while (next_word(&s, end, &w, &wl)) {
		mark(p, v, w, wl, pl, false);
		any = true;
	}
	if (!any)  /* "git bisect bad" alone marks HEAD */
		mark(p, v, "HEAD", 4, pl, false);
	return true;
}

/* A line of a git bisect log: a command, a comment, or nothing. */
static bool gb_line_known(const struct pline *pl)
{
	return pl->len == 0 || pl_starts(pl->s, pl->len, "git bisect ") || pl->s[0] == '#';
}

/* A wrapped line's first piece, as a mailer leaves it: the next line's
 * first word would not have fitted after it in 72 columns, and the piece
 * itself fits a line of mail (doc/log-format.md §6). */
#define GB_WRAP_COLUMNS 72
#define GB_WRAP_PIECE_MAX 80

static size_t first_word_len(const struct pline *pl)
{
	const char *sp = memchr(pl->s, ' ', pl->len);

	return sp ? (size_t)(sp - pl->s) : pl->len;
}

/* A line of refs only: hashes (7 or more hex digits) or single-quoted
 * refs, the arguments of a "git bisect good" that a mailer put on the
 * next line. */
static bool refs_only(const struct pline *pl)
{
	const char *s = pl->s, *end = pl->s + pl->len, *w;
	size_t wl;
	bool any = false;

	while (next_word(&s, end, &w, &wl)) {
		bool quoted = w > pl->s && w[-1] == '\'';

		if (!quoted && (wl < 7 || hex_run(w, wl) != wl))
			return false;
		any = true;
	}
	return any;
}

/* Is next the rest of cur, cut by a mailer? A comment "# term: [H]
 * subject" cut in its subject (only where a mailer would have cut it;
 * in a quoted log, any text after it), or a git bisect command whose
 * refs went to the next line. */
static bool gb_continues(const struct blog *log, const struct pline *cur, size_t piece,
			 const struct pline *next)
{
	if (gb_line_known(next))
		return false;
	if (pl_starts(cur->s, cur->len, "git bisect "))
		return refs_only(next);
	if (cur->len == 0 || cur->s[0] != '#')
		return false;
	if (log->mail_quoted)
		return true;
	return next->s[0] != ' ' && pl_starts(cur->s, cur->len, "# ") && memchr(cur->s, ':', cur->len) &&
	       piece <= GB_WRAP_PIECE_MAX && piece + 1 + first_word_len(next) > GB_WRAP_COLUMNS;
}

/* Mail clients wrap long "# good: [H] subject" comments and, now and
 * then, a command's refs; put them back. */
static struct pline *gb_unwrap(struct blog *log, struct pline *in, size_t *n)
{
	struct pline *out = talloc_array(log, struct pline, *n + 1);
	size_t k = 0;

	for (size_t i = 0; i < *n; i++) {
		struct pline cur = in[i];
		size_t piece = cur.len;

		while (i + 1 < *n && gb_continues(log, &cur, piece, &in[i + 1])) {
			piece = in[i + 1].len;
			cur = lines_join(log, &cur, &in[++i]);
		}
		out[k++] = cur;
	}
	*n = k;
	return out;
}

/* git writes the "# slow: [H] subject" comments of `git bisect start`'s
 * refs before the start line that names the custom terms (as in
 * BISECT_LOG, doc/design.md §12.1): read the terms of the first start
 * line first, so that those comments are understood. */
static void prescan_terms(struct gb_parser *p, const struct pline *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct pline *pl = &lines[i];
		const char *s = pl->s + strlen("git bisect "), *end = pl->s + pl->len, *w;
		size_t wl;

		if (!pl_starts(pl->s, pl->len, "git bisect ") || !next_word(&s, end, &w, &wl) ||
		    !pl_equals(w, wl, "start"))
			continue;
		while (next_word(&s, end, &w, &wl)) {
			const char *v;
			size_t vl;

			if (pl_starts(w, wl, "--term-new=") || pl_starts(w, wl, "--term-bad="))
				p->term_bad = field_dup(p->log, w + 11, wl - 11);
			else if (pl_starts(w, wl, "--term-old="))
				p->term_good = field_dup(p->log, w + 11, wl - 11);
			else if (pl_starts(w, wl, "--term-good="))
				p->term_good = field_dup(p->log, w + 12, wl - 12);
			else if ((pl_equals(w, wl, "--term-new") || pl_equals(w, wl, "--term-bad")) &&
				 next_word(&s, end, &v, &vl))
				p->term_bad = field_dup(p->log, v, vl);
			else if ((pl_equals(w, wl, "--term-old") || pl_equals(w, wl, "--term-good")) &&
				 next_word(&s, end, &v, &vl))
				p->term_good = field_dup(p->log, v, vl);
		}
		return;
	}
}

void parse_git_bisect(struct blog *log, struct pline *lines, size_t n)
{
	struct gb_parser p = { .log = log, .term_bad = "bad", .term_good = "good" };

	lines = gb_unwrap(log, lines, &n);
	prescan_terms(&p, lines, n);

	log->kind = KIND_CAUSE;
	for (size_t i = 0; i < n; i++) {
		const struct pline *pl = &lines[i];
		bool known;

		if (pl->len == 0)
			continue;
		if (pl_starts(pl->s, pl->len, "git bisect "))
			known = command(&p, pl);
		else if (pl_starts(pl->s, pl->len, "# "))
			known = comment(&p, pl);
		else
			known = false;
		if (!known)
			for (int l = pl->first; l <= pl->last; l++)
				log_add_unknown(log, l);
	}
	/* Refs such as 'HEAD' meant a commit at the time; the "# bad: [H]"
	 * comments say which. Bisect from those, not from today's HEAD. */
	/* A bare `git bisect start` (the kernel docs' way) then "git bisect
	 * bad X", "git bisect good Y": the marks made before both were known
	 * are the range's ends. */
	if (!log->bisect_bad) {
		for (size_t i = 0; i < log->n_steps; i++) {
			struct step *s = log->steps[i];
			const char *ref = s->commit ? s->commit : s->label;

			if (!ref || (s->phase != PHASE_ORIGINAL && s->phase != PHASE_RELEASE))
				continue;
			if (s->verdict == VERDICT_BAD)
				log->bisect_bad = ref;  /* the last bad mark counts */
			else if (s->verdict == VERDICT_GOOD)
				list_append(log, &log->bisect_goods, &log->n_bisect_goods, ref);
		}
		if (log->n_bisect_goods)
			log->bisect_good = log->bisect_goods[0];
	}
	log->bisect_good_commits = talloc_zero_array(log, const char *, log->n_bisect_goods + 1);
	for (size_t i = 0; i < p.n_start; i++) {
		const char *c = p.start_steps[i]->commit;

		if (i == 0)
			log->bisect_bad_commit = c;
		else if (i - 1 < log->n_bisect_goods)
			log->bisect_good_commits[i - 1] = c;
	}
	/* Custom terms such as "fixed"/"unfixed" hunt for a fix. */
	if (log->term_bad && strstr(log->term_bad, "fix") && !strstr(log->term_bad, "unfix"))
		log->kind = KIND_FIX;
	if (log->result.type == RESULT_CULPRIT) {
		for (size_t i = 0; i < log->n_steps; i++)
			if (log->steps[i]->commit && strcmp(log->steps[i]->commit, log->result.commit) == 0 &&
			    !log->steps[i]->subject)
				log->steps[i]->subject = log->result.title;
	}
}
