/* A syzbot log pasted into mail: the client wrapped its long lines at
 * about 72 columns; put them back together before the parser reads them
 * (doc/log-format.md §8.3). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/syzbot_parse.h"

/* Shapes whose line ends in free text that a mail client may have
 * wrapped ("[H] subject", a run's title, ...). Fixed-length lines such as
 * "H is the first bad commit" are never joined. */
static bool shape_wraps(enum shape sh)
{
	switch (sh) {
	case SH_NEXT: case SH_RUN: case SH_ALL_RUNS: case SH_FIRST_COMMIT:
	case SH_TESTING_COMMIT: case SH_COMPILER: case SH_REPRESENTATIVE:
	case SH_RECIPIENTS_TO: case SH_RECIPIENTS_CC: case SH_CC: case SH_COMMIT_MSG:
	case SH_REWRITTEN: case SH_HOST_START: case SH_FAILED_BUILDING:
	case SH_BARE_FAILED: case SH_REPRO_FAILURE: case SH_PICKED: case SH_CONFIG:
	case SH_GIT_START: case SH_KERNEL_SIG: case SH_CULPRIT_SIG: case SH_PARENT_SIG:
	case SH_REVISIONS_TESTED:
		return true;
	default:
		return false;
	}
}

/* The width mail clients wrap at (72 is the common setting; 78 is
 * Gmail's); a line was wrapped when the next word would not have fitted. */
#define MAIL_WRAP_WIDTH 72

static size_t first_word_len(const struct pline *pl)
{
	const char *sp = memchr(pl->s, ' ', pl->len);

	return sp ? (size_t)(sp - pl->s) : pl->len;
}

/* Did the mail client wrap lines at all? A log pasted without wrapping
 * keeps syzbot's long lines (compiler ids, signatures are 80+ columns). */
static bool mail_wrapped(const struct pline *in, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		enum shape sh = shape_of(in[i].s, in[i].len);

		if (sh == SH_CRASH || sh == SH_ERROR)
			break;  /* reports keep their own long lines */
		/* (a quoted-printable soft break already joined longer ones) */
		if (in[i].first == in[i].last && in[i].len > MAIL_WRAP_WIDTH + 8)
			return false;
	}
	return true;
}

/* Should the next line be joined onto cur? A line of a shape that ends in
 * free text joins when the next word would not have fitted; a line of no
 * shape joins when the two together make a known shape (a header cut
 * before its hash). */
static bool join_next(const void *ctx, struct pline *cur, enum shape *sh,
		      const struct pline *prev, const struct pline *next)
{
	struct pline j;
	enum shape jsh, nsh;

	if (next->len == 0 || next->s[0] == ' ')
		return false;
	/* a hash alone on a line is the tail of a header or git line cut
	 * before it; candidate lists follow lines that never wrap */
	nsh = shape_of(next->s, next->len);
	if (nsh != SH_UNKNOWN && nsh != SH_HASH_ONLY)
		return false;
	if (shape_wraps(*sh)) {
		/* prev is the physical piece the next one would follow */
		if (prev->len > MAIL_WRAP_WIDTH + 8 ||
		    prev->len + 1 + first_word_len(next) <= MAIL_WRAP_WIDTH)
			return false;
		*cur = lines_join(ctx, cur, next);
		return true;
	}
	if (*sh != SH_UNKNOWN)
		return false;
	j = lines_join(ctx, cur, next);
	jsh = shape_of(j.s, j.len);
	if (jsh == SH_UNKNOWN)
		return false;
	*cur = j;
	*sh = jsh;
	return true;
}

/* Mail clients wrap long lines; put them back together. Stops at the
 * crash report or error text, which run to the end anyway. */
struct pline *syzbot_unwrap(struct blog *log, struct pline *in, size_t *n)
{
	struct pline *out;
	size_t k = 0;
	bool tail = false;

	if (!mail_wrapped(in, *n))
		return in;
	out = talloc_array(log, struct pline, *n + 1);
	for (size_t i = 0; i < *n; i++) {
		struct pline cur = in[i];
		enum shape sh = shape_of(cur.s, cur.len);

		if (sh == SH_CRASH || sh == SH_ERROR)
			tail = true;
		while (!tail && i + 1 < *n && join_next(log, &cur, &sh, &in[i], &in[i + 1]))
			i++;
		out[k++] = cur;
	}
	*n = k;
	return out;
}

