/* The edits the demo's commits make, at random but in kernel style: a
 * statement added to a function (and its subject, "add cond_resched() to
 * collapse_file()"), one removed again, a constant tuned, a helper
 * introduced; sentences for the documentation. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_weave.h"

struct stmt {
	const char *code;       /* %I stem, %W word, %N number, %F function */
	const char *subject;
	const char *undo;       /* subject of the commit that drops it again */
};

static const struct stmt c_stmts[] = {
	{ "cond_resched();",
	  "add cond_resched() to %F()",
	  "drop the unneeded cond_resched() in %F()" },
	{ "might_sleep();",
	  "annotate %F() with might_sleep()",
	  "%F() no longer sleeps, drop might_sleep()" },
	{ "%I_stats.%W++;",
	  "count %W in %F()",
	  "stop counting %W in %F()" },
	{ "trace_%I_%W(%N);",
	  "add a %W tracepoint to %F()",
	  "remove the %W tracepoint from %F()" },
	{ "pr_debug(\"%F: %W\\n\");",
	  "add debug output to %F()",
	  "remove leftover debug output from %F()" },
	{ "WARN_ON_ONCE(%I_%W < 0);",
	  "warn about a negative %W in %F()",
	  "remove a bogus WARN_ON_ONCE() from %F()" },
	{ "smp_mb__after_atomic();",
	  "add a missing barrier to %F()",
	  "remove a redundant barrier from %F()" },
	{ "%I_%W = min(%I_%W, %N);",
	  "cap %W in %F()",
	  "do not cap %W in %F() any more" },
	{ "lockdep_assert_irqs_enabled();",
	  "assert that interrupts are on in %F()",
	  "drop the lockdep assertion from %F()" },
	{ "%I_%W += %N;",
	  "account %W in %F()",
	  "stop accounting %W in %F()" },
	{ "/* %W is stable here: the caller holds the lock */",
	  "document the locking of %W in %F()",
	  "remove a stale comment from %F()" },
};

static const struct stmt rst_stmts[] = {
	{ "The %W counter is reset when the worker restarts.",
	  "document when %W is reset",
	  "remove an outdated note about %W" },
	{ "Writing 0 to %W disables the limit.",
	  "document how to disable %W",
	  "%W can no longer be disabled" },
	{ "Values of %W above %N are clamped.",
	  "document the range of %W",
	  "drop the note on %W clamping" },
	{ "A change of %W takes effect at the next pass.",
	  "clarify when %W takes effect",
	  "remove a misleading note on %W" },
};

static const char *const words[] = {
	"nr_scanned", "nr_retries", "max_batch", "nr_pending", "nr_failed", "budget",
	"nr_collapsed", "timeout", "nr_skipped", "nr_reclaimed", "watermark", "nr_inflight",
};

static const char *const verbs[] = { "update", "reset", "account", "check", "flush" };

static const unsigned numbers[] = { 4, 8, 16, 32, 64, 128, 256, 512, 1024, 3, 5, 10, 100 };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* Expand a template. */
static char *expand(void *ctx, const char *tmpl, const char *stem, const char *word, unsigned num,
		    const char *fn)
{
	char *s = talloc_strdup(ctx, "");

	for (const char *p = tmpl; *p; p++) {
		if (*p != '%' || !p[1]) {
			s = talloc_asprintf_append(s, "%c", *p);
			continue;
		}
		switch (*++p) {
		case 'I': s = talloc_asprintf_append(s, "%s", stem); break;
		case 'W': s = talloc_asprintf_append(s, "%s", word); break;
		case 'N': s = talloc_asprintf_append(s, "%u", num); break;
		case 'F': s = talloc_asprintf_append(s, "%s", fn ? fn : "this"); break;
		default: s = talloc_asprintf_append(s, "%%%c", *p); break;
		}
	}
	return s;
}

static size_t tabs(const char *s)
{
	return strspn(s, "\t");
}

/* May a statement follow this line? Not after a label, a bare if (), an
 * unfinished call, nor after a jump (dead code). */
static bool may_follow(const char *line)
{
	const char *t = line + strspn(line, "\t ");
	size_t n = strlen(line);

	if (!*t)
		return true;
	if (!strncmp(t, "return", 6) || !strncmp(t, "break", 5) || !strncmp(t, "continue", 8) ||
	    !strncmp(t, "goto", 4))
		return false;
	return line[n - 1] == ';' || line[n - 1] == '{';
}

/* Where a statement may go inside function f: before view position p.
 * Not among the declarations that open the body. */
static uint32_t pick_slot(struct demo_rng *r, const struct demo_view *s, const struct demo_func *f)
{
	uint32_t first = f->open + 1, slots[256], n = 0;

	for (uint32_t p = f->open + 1; p < f->close && p < f->open + 8; p++) {
		if (!s->text[p][0]) {
			first = p + 1;
			break;
		}
	}
	for (uint32_t p = first; p <= f->close && n < COUNT(slots); p++)
		if (p > f->open + 1 && may_follow(s->text[p - 1]))
			slots[n++] = p;
	return n ? slots[demo_below(r, n)] : NO_LINE;
}

static char *indent_for(void *ctx, const struct demo_view *s, uint32_t p, const char *code)
{
	const char *prev = s->text[p - 1], *next = s->text[p];
	size_t n;

	if (!prev[0])
		n = tabs(next) + (next[tabs(next)] == '}');
	else
		n = tabs(prev) + (prev[strlen(prev) - 1] == '{');
	if (n == 0)
		n = 1;
	return talloc_asprintf(ctx, "%.*s%s", (int)n, "\t\t\t\t\t\t\t\t", code);
}

/* A number worth tuning: a literal of at least 2, not part of a name. */
static const char *tunable(const char *line, unsigned *value)
{
	for (const char *p = line; *p; p++) {
		if (isdigit((unsigned char)*p) && (p == line || !is_ident(p[-1]))) {
			char *end;
			unsigned long v = strtoul(p, &end, 10);

			if (v >= 2 && v <= 65536 && !is_ident(*end)) {
				*value = (unsigned)v;
				return p;
			}
			p = end - 1;
		}
	}
	return NULL;
}

static const char *variable_of(void *ctx, const char *line)
{
	const char *eq = strstr(line, " = "), *b;

	if (!eq)
		return NULL;
	for (b = eq; b > line && is_ident(b[-1]); b--)
		;
	return b < eq ? talloc_strndup(ctx, b, (size_t)(eq - b)) : NULL;
}

static const char *func_at(const struct demo_func *f, size_t nf, uint32_t p)
{
	for (size_t k = 0; k < nf; k++)
		if (p > f[k].open && p < f[k].close)
			return f[k].name;
	return NULL;
}

static struct demo_version *edit_tune(void *ctx, struct demo_weave *w,
				      const struct demo_version *v, const struct demo_view *s,
				      const struct demo_func *f, size_t nf, struct demo_rng *r,
				      struct demo_change *ch)
{
	uint32_t cand[512], n = 0, p, id;
	unsigned old, now;
	const char *at, *var, *fn;
	char *text;
	struct demo_version *nv;

	for (p = 0; p < s->n && n < COUNT(cand); p++)
		if (w->l[s->id[p]].kind != LINE_BUG && tunable(s->text[p], &old) &&
		    (s->text[p][0] == '\t' || (!strncmp(s->text[p], "static ", 7) &&
						strstr(s->text[p], " = "))))
			cand[n++] = p;
	if (!n)
		return NULL;
	p = cand[demo_below(r, n)];
	at = tunable(s->text[p], &old);
	now = demo_chance(r, 60) ? old * 2 : (old >= 4 ? old / 2 : old + 1);
	text = talloc_asprintf(ctx, "%.*s%u%s", (int)(at - s->text[p]), s->text[p], now,
			       at + strspn(at, "0123456789"));
	id = demo_weave_add(w, s->id[p], text, w->l[s->id[p]].kind, 0, 0);
	nv = demo_version_copy(ctx, w, v);
	demo_set_bit(nv, s->id[p], false);
	demo_set_bit(nv, id, true);
	fn = func_at(f, nf, p);
	var = variable_of(ctx, s->text[p]);
	ch->func = fn;
	if (!fn && var)
		ch->subject = talloc_asprintf(ctx, "%s the default %s to %u",
					      now > old ? "raise" : "lower", var, now);
	else
		ch->subject = talloc_asprintf(ctx, "use a %s limit in %s()",
					      now > old ? "larger" : "smaller", fn ? fn : "init");
	return nv;
}

static struct demo_version *edit_drop(void *ctx, struct demo_weave *w,
				      const struct demo_version *v, const struct demo_view *s,
				      const struct demo_func *f, size_t nf, struct demo_rng *r,
				      const struct stmt *tbl, struct demo_change *ch)
{
	uint32_t cand[512], n = 0, p;
	const struct wline *l;
	struct demo_version *nv;

	for (p = 0; p < s->n && n < COUNT(cand); p++)
		if (w->l[s->id[p]].kind == LINE_ADDED && w->l[s->id[p]].tmpl)
			cand[n++] = p;
	if (!n)
		return NULL;
	p = cand[demo_below(r, n)];
	l = &w->l[s->id[p]];
	nv = demo_version_copy(ctx, w, v);
	demo_set_bit(nv, s->id[p], false);
	ch->func = func_at(f, nf, p);
	ch->subject = expand(ctx, tbl[l->tmpl - 1].undo, "", words[l->word], 0, ch->func);
	return nv;
}

static struct demo_version *edit_new_func(void *ctx, struct demo_weave *w,
					  const struct demo_version *v, const struct demo_view *s,
					  const struct demo_file *file, struct demo_rng *r,
					  struct demo_change *ch)
{
	bool header = strlen(file->path) > 2 && !strcmp(file->path + strlen(file->path) - 2, ".h");
	const char *word = words[demo_below(r, COUNT(words))];
	const char *name = talloc_asprintf(ctx, "%s_%s_%s", file->ident, word,
					   verbs[demo_below(r, COUNT(verbs))]);
	uint32_t after = s->id[s->n - 1], id, first = w->n;
	struct demo_version *nv;
	unsigned body = 2 + demo_below(r, 2);

	if (header && s->n >= 2 && !strncmp(s->text[s->n - 1], "#endif", 6))
		after = s->id[s->n - 2];
	/* search the names so far: a second helper of that name would not build */
	for (uint32_t p = 0; p < s->n; p++)
		if (strstr(s->text[p], name))
			return NULL;
	id = after;
	if (!header)
		id = demo_weave_add(w, id, "", LINE_SKELETON, 0, 0);
	id = demo_weave_add(w, id, talloc_asprintf(ctx, "static %svoid %s(void)",
						   header ? "inline " : "", name),
			    LINE_SKELETON, 0, 0);
	id = demo_weave_add(w, id, "{", LINE_SKELETON, 0, 0);
	for (unsigned k = 0; k < body; k++) {
		uint8_t t = (uint8_t)demo_below(r, COUNT(c_stmts) - 1);
		uint8_t wd = (uint8_t)demo_below(r, COUNT(words));
		char *code = expand(ctx, c_stmts[t].code, file->ident, words[wd],
				    numbers[demo_below(r, COUNT(numbers))], name);

		id = demo_weave_add(w, id, talloc_asprintf(ctx, "\t%s", code), LINE_ADDED,
				    t + 1, wd);
	}
	id = demo_weave_add(w, id, "}", LINE_SKELETON, 0, 0);
	if (header)
		demo_weave_add(w, id, "", LINE_SKELETON, 0, 0);
	nv = demo_version_copy(ctx, w, v);
	/* weave_add numbers lines in order: these are the new ones */
	for (uint32_t i = first; i < w->n; i++)
		demo_set_bit(nv, i, true);
	ch->func = name;
	ch->subject = talloc_asprintf(ctx, "introduce %s()", name);
	return nv;
}

static struct demo_version *edit_insert(void *ctx, struct demo_weave *w,
					const struct demo_version *v, const struct demo_view *s,
					const struct demo_func *f, size_t nf,
					const struct demo_file *file, struct demo_rng *r,
					struct demo_change *ch)
{
	bool rst = file->lang == LANG_RST;
	const struct stmt *tbl = rst ? rst_stmts : c_stmts;
	uint8_t t = (uint8_t)demo_below(r, rst ? COUNT(rst_stmts) : COUNT(c_stmts));
	uint8_t wd = (uint8_t)demo_below(r, COUNT(words));
	unsigned num = numbers[demo_below(r, COUNT(numbers))];
	uint32_t p = NO_LINE, id;
	const char *fn = NULL;
	char *code, *line;
	struct demo_version *nv;

	if (rst) {
		uint32_t cand[256], n = 0;

		/* the end of a paragraph, not a title */
		for (uint32_t q = 4; q + 1 < s->n && n < COUNT(cand); q++)
			if (s->text[q][0] && !s->text[q + 1][0] && s->text[q][0] != '=' &&
			    s->text[q][0] != '-')
				cand[n++] = q + 1;
		if (!n)
			return NULL;
		p = cand[demo_below(r, n)];
		code = expand(ctx, tbl[t].code, file->ident, words[wd], num, NULL);
		line = talloc_asprintf(ctx, "%.*s%s", (int)tabs(s->text[p - 1]), "\t\t\t", code);
	} else {
		const struct demo_func *target;

		if (!nf)
			return NULL;
		target = &f[demo_below(r, (uint32_t)nf)];
		p = pick_slot(r, s, target);
		if (p == NO_LINE)
			return NULL;
		fn = target->name;
		code = expand(ctx, tbl[t].code, file->ident, words[wd], num, fn);
		line = indent_for(ctx, s, p, code);
	}
	id = demo_weave_add(w, s->id[p - 1], line, LINE_ADDED, t + 1, wd);
	nv = demo_version_copy(ctx, w, v);
	demo_set_bit(nv, id, true);
	ch->func = fn;
	ch->subject = expand(ctx, tbl[t].subject, file->ident, words[wd], num, fn);
	return nv;
}

struct demo_version *demo_edit(void *ctx, struct demo_weave *w, const struct demo_version *v,
			       const struct demo_file *file, struct demo_rng *r,
			       struct demo_change *ch)
{
	void *tmp = talloc_new(ctx);
	struct demo_view s = demo_view_of(tmp, w, v);
	struct demo_func *f = NULL;  /* no functions but in C: nf is 0 */
	size_t nf = file->lang == LANG_C ? demo_find_funcs(tmp, &s, &f) : 0;
	struct demo_version *nv = NULL;

	memset(ch, 0, sizeof(*ch));
	/* a few tries: the chosen edit may find nothing to do */
	for (int tries = 0; !nv && tries < 8; tries++) {
		unsigned roll = demo_below(r, 100);

		if (roll < 18)
			nv = edit_drop(ctx, w, v, &s, f, nf, r,
				       file->lang == LANG_RST ? rst_stmts : c_stmts, ch);
		else if (roll < 30 && file->lang == LANG_C)
			nv = edit_tune(ctx, w, v, &s, f, nf, r, ch);
		else if (roll < 35 && file->lang == LANG_C)
			nv = edit_new_func(ctx, w, v, &s, file, r, ch);
		else
			nv = edit_insert(ctx, w, v, &s, f, nf, file, r, ch);
	}
	if (ch->func)
		ch->func = talloc_strdup(ctx, ch->func);
	talloc_free(tmp);
	return nv;
}

