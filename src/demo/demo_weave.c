/* The demo's files as weaves: every line a file ever had, in one order,
 * and each version a bit set over them. Edits add lines to the weave and
 * flip bits; a merge is set arithmetic against the merge base, so topic
 * branches may change the same files in parallel, as in the kernel, and
 * the merge commit still holds exactly what both sides did. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_weave.h"

uint32_t demo_weave_add(struct demo_weave *w, uint32_t after, const char *text, uint8_t kind,
			uint8_t tmpl, uint8_t word)
{
	if (w->n == w->cap) {
		w->cap *= 2;
		w->l = talloc_realloc(w, w->l, struct wline, w->cap);
	}
	w->l[w->n] = (struct wline){ talloc_strdup(w, text), w->l[after].next, kind, tmpl, word };
	w->l[after].next = w->n;
	return w->n++;
}

bool demo_has(const struct demo_version *v, uint32_t i)
{
	return i < v->nbits && (v->bits[i / 64] >> (i % 64)) & 1;
}

void demo_set_bit(struct demo_version *v, uint32_t i, bool on)
{
	if (on)
		v->bits[i / 64] |= 1ULL << (i % 64);
	else
		v->bits[i / 64] &= ~(1ULL << (i % 64));
}

static struct demo_version *version_new(void *ctx, uint32_t nbits)
{
	struct demo_version *v = talloc_zero(ctx, struct demo_version);

	v->nbits = nbits;
	v->bits = talloc_zero_array(v, uint64_t, nbits / 64 + 1);
	return v;
}

/* A copy sized for the weave as it is now. */
struct demo_version *demo_version_copy(void *ctx, const struct demo_weave *w,
				       const struct demo_version *v)
{
	struct demo_version *c = version_new(ctx, w->n);

	memcpy(c->bits, v->bits, (v->nbits / 64 + 1) * sizeof(uint64_t));
	return c;
}

/* Every line of text, in order, as new skeleton lines at the end of w. */
static void add_text_lines(struct demo_weave *w, const char *text)
{
	uint32_t last = 0;

	while (*text) {
		const char *nl = strchr(text, '\n');
		size_t len = nl ? (size_t)(nl - text) : strlen(text);
		char *line = talloc_strndup(w, text, len);

		last = demo_weave_add(w, last, line, LINE_SKELETON, 0, 0);
		talloc_free(line);
		text += len + (nl ? 1 : 0);
	}
}

struct demo_weave *demo_weave_new(void *ctx, const char *text, struct demo_version **first)
{
	struct demo_weave *w = talloc_zero(ctx, struct demo_weave);
	w->cap = 256;
	w->l = talloc_array(w, struct wline, w->cap);
	w->l[0] = (struct wline){ "", NO_LINE, LINE_SKELETON, 0, 0 };
	w->n = 1;
	add_text_lines(w, text);
	*first = version_new(ctx, w->n);
	for (uint32_t i = 1; i < w->n; i++)
		demo_set_bit(*first, i, true);
	return w;
}

struct demo_view demo_view_of(void *ctx, const struct demo_weave *w, const struct demo_version *v)
{
	struct demo_view s = { talloc_array(ctx, uint32_t, w->n),
			       talloc_array(ctx, const char *, w->n), 0 };

	for (uint32_t i = w->l[0].next; i != NO_LINE; i = w->l[i].next) {
		if (demo_has(v, i)) {
			s.id[s.n] = i;
			s.text[s.n++] = w->l[i].text;
		}
	}
	return s;
}

char *demo_render(void *ctx, const struct demo_weave *w, const struct demo_version *v, size_t *len)
{
	size_t size = 0, at = 0;
	char *out;

	for (uint32_t i = w->l[0].next; i != NO_LINE; i = w->l[i].next)
		if (demo_has(v, i))
			size += strlen(w->l[i].text) + 1;
	out = talloc_size(ctx, size + 1);
	for (uint32_t i = w->l[0].next; i != NO_LINE; i = w->l[i].next) {
		if (demo_has(v, i)) {
			size_t n = strlen(w->l[i].text);

			memcpy(out + at, w->l[i].text, n);
			at += n;
			out[at++] = '\n';
		}
	}
	out[at] = '\0';
	*len = at;
	return out;
}

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* The function a signature line defines: the identifier before the first
 * parenthesis, or for SYSCALL_DEFINE3(madvise, ...) and other macros the
 * first argument ("sys_madvise", "exc_page_fault"). */
static const char *func_name(void *ctx, const char *sig)
{
	const char *paren = strchr(sig, '('), *b, *e;
	bool macro = true;

	if (!paren)
		return NULL;
	for (b = paren; b > sig && is_ident(b[-1]); b--)
		if (islower((unsigned char)b[-1]))
			macro = false;
	if (b == paren)
		return NULL;
	if (!macro)
		return talloc_strndup(ctx, b, (size_t)(paren - b));
	for (e = paren + 1; is_ident(*e); e++)
		;
	if (!strncmp(b, "SYSCALL_DEFINE", 14))
		return talloc_asprintf(ctx, "sys_%.*s", (int)(e - paren - 1), paren + 1);
	return talloc_strndup(ctx, paren + 1, (size_t)(e - paren - 1));
}

/* Functions in kernel style: the opening brace alone on a line. */
size_t demo_find_funcs(void *ctx, const struct demo_view *s, struct demo_func **out)
{
	struct demo_func *f = talloc_array(ctx, struct demo_func, s->n / 2 + 1);
	size_t n = 0;

	for (uint32_t i = 1; i < s->n; i++) {
		uint32_t sig = i - 1, close;

		if (strcmp(s->text[i], "{"))
			continue;
		while (sig > 0 && (s->text[sig][0] == '\t' || s->text[sig][0] == ' '))
			sig--;
		for (close = i + 1; close < s->n && strcmp(s->text[close], "}"); close++)
			;
		if (close == s->n)
			break;
		f[n] = (struct demo_func){ sig, i, close, func_name(f, s->text[sig]) };
		if (f[n].name)
			n++;
		i = close;
	}
	*out = f;
	return n;
}

struct demo_version *demo_merge(void *ctx, const struct demo_version *base,
				const struct demo_version *a, const struct demo_version *b)
{
	uint32_t nbits = a->nbits > b->nbits ? a->nbits : b->nbits;
	struct demo_version *m = version_new(ctx, nbits);

	for (uint32_t k = 0; k <= nbits / 64; k++) {
		uint64_t x = k <= a->nbits / 64 ? a->bits[k] : 0;
		uint64_t y = k <= b->nbits / 64 ? b->bits[k] : 0;
		uint64_t o = k <= base->nbits / 64 ? base->bits[k] : 0;

		/* kept by both, or added by either side */
		m->bits[k] = (x & y) | (x & ~o) | (y & ~o);
	}
	return m;
}

struct demo_version *demo_insert_after(void *ctx, struct demo_weave *w,
				       const struct demo_version *v, const char *func,
				       const char *anchor, const char *const *lines, size_t n,
				       enum demo_line_kind kind)
{
	void *tmp = talloc_new(ctx);
	struct demo_view s = demo_view_of(tmp, w, v);
	struct demo_func *f = NULL;
	size_t nf = func ? demo_find_funcs(tmp, &s, &f) : 0;
	uint32_t from = 0, to = s.n, id = NO_LINE, ids[16];
	struct demo_version *nv = NULL;

	for (size_t k = 0; k < nf; k++) {
		if (!strcmp(f[k].name, func)) {
			from = f[k].open;
			to = f[k].close;
		}
	}
	if (func && to == s.n)
		goto out;
	for (uint32_t p = from; p < to; p++) {
		if (strstr(s.text[p], anchor)) {
			id = s.id[p];
			break;
		}
	}
	if (id == NO_LINE || n > 16)
		goto out;
	for (size_t k = 0; k < n; k++)
		ids[k] = id = demo_weave_add(w, id, lines[k], (uint8_t)kind, 0, 0);
	nv = demo_version_copy(ctx, w, v);
	for (size_t k = 0; k < n; k++)
		demo_set_bit(nv, ids[k], true);
out:
	talloc_free(tmp);
	return nv;
}

struct demo_version *demo_drop_kind(void *ctx, struct demo_weave *w,
				    const struct demo_version *v, enum demo_line_kind kind)
{
	struct demo_version *nv = demo_version_copy(ctx, w, v);

	for (uint32_t i = 1; i < w->n; i++)
		if (w->l[i].kind == kind)
			demo_set_bit(nv, i, false);
	return nv;
}

struct demo_version *demo_replace(void *ctx, struct demo_weave *w, const char *text)
{
	uint32_t first = w->n;
	struct demo_version *nv;

	add_text_lines(w, text);
	nv = version_new(ctx, w->n);
	for (uint32_t i = first; i < w->n; i++)
		demo_set_bit(nv, i, true);
	return nv;
}
