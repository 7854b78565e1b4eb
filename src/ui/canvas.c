/* The cell grid (see canvas.h). */
#include "config.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <wctype.h>

#include "ui/canvas.h"

#define UI_AREA_NAME(id, name) name,
static const char *const area_names[AREA_COUNT] = { UI_AREAS(UI_AREA_NAME) };
#undef UI_AREA_NAME

const char *area_name(enum area a)
{
	return a < AREA_COUNT ? area_names[a] : "?";
}

int area_by_name(const char *name)
{
	for (int i = 0; i < AREA_COUNT; i++)
		if (strcmp(area_names[i], name) == 0)
			return i;
	return -1;
}

struct canvas *canvas_new(const void *ctx, int rows, int cols)
{
	struct canvas *c = talloc_zero(ctx, struct canvas);

	c->rows = rows > 0 ? rows : 1;
	c->cols = cols > 0 ? cols : 1;
	c->cells = talloc_array(c, struct cell, (size_t)c->rows * (size_t)c->cols);
	canvas_clear(c);
	return c;
}

static struct cell *cell_at(struct canvas *c, int y, int x)
{
	return &c->cells[(size_t)y * (size_t)c->cols + (size_t)x];
}

void canvas_clear(struct canvas *c)
{
	for (size_t i = 0; i < (size_t)c->rows * (size_t)c->cols; i++) {
		memset(&c->cells[i], 0, sizeof(c->cells[i]));
		c->cells[i].wc[0] = L' ';
	}
	c->cursor_y = -1;
}

/* The next character of text, decoded in the locale's encoding; a byte
 * that does not decode is one '?'. Returns the bytes used (0 at the end). */
static size_t next_char(const char *s, mbstate_t *st, wchar_t *wc)
{
	size_t n;

	if (!*s)
		return 0;
	n = mbrtowc(wc, s, MB_CUR_MAX, st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		memset(st, 0, sizeof(*st));
		*wc = L'?';
		return 1;
	}
	return n;
}

/* A character's columns; control and unprintable characters are drawn
 * as '?' (width 1): nothing but glyphs reaches the terminal. */
static int char_width(wchar_t *wc)
{
	int w;

	if (*wc == L'\t')
		*wc = L' ';
	w = wcwidth(*wc);
	if (w < 0 || (*wc < 0x20) || (*wc >= 0x7f && *wc < 0xa0)) {
		*wc = L'?';
		w = 1;
	}
	return w;
}

int canvas_text(struct canvas *c, int y, int x, int max_x, enum area a, const char *text)
{
	mbstate_t st;
	wchar_t wc;
	size_t n;

	if (max_x < 0 || max_x > c->cols)
		max_x = c->cols;
	if (y < 0 || y >= c->rows || !text)
		return x;
	memset(&st, 0, sizeof(st));
	while (x < max_x && (n = next_char(text, &st, &wc)) > 0) {
		int w = char_width(&wc);

		text += n;
		if (w == 0) {
			/* a combining mark joins the previous cell, if there is room */
			if (x > 0) {
				struct cell *prev = cell_at(c, y, x - 1);

				if (prev->wc[0] == 0 && x > 1)
					prev = cell_at(c, y, x - 2);
				for (int k = 1; k < CELL_WCHARS; k++)
					if (prev->wc[k] == 0) {
						prev->wc[k] = wc;
						break;
					}
			}
			continue;
		}
		if (x + w > max_x)
			break; /* never half a wide character */
		struct cell *cl = cell_at(c, y, x);

		memset(cl, 0, sizeof(*cl));
		cl->wc[0] = wc;
		cl->area = (unsigned char)a;
		if (w == 2) {
			struct cell *right = cell_at(c, y, x + 1);

			memset(right, 0, sizeof(*right));
			right->area = (unsigned char)a;
		}
		x += w;
	}
	return x;
}

int canvas_textf(struct canvas *c, int y, int x, int max_x, enum area a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = talloc_vasprintf(c, fmt, ap);
	va_end(ap);
	x = canvas_text(c, y, x, max_x, a, s);
	talloc_free(s);
	return x;
}

void canvas_fill(struct canvas *c, int y, int x, int max_x, enum area a)
{
	if (max_x < 0 || max_x > c->cols)
		max_x = c->cols;
	if (y < 0 || y >= c->rows)
		return;
	for (; x < max_x; x++) {
		struct cell *cl = cell_at(c, y, x);

		memset(cl, 0, sizeof(*cl));
		cl->wc[0] = L' ';
		cl->area = (unsigned char)a;
	}
}

void canvas_paint(struct canvas *c, int y, int x, int max_x, enum area a)
{
	if (max_x < 0 || max_x > c->cols)
		max_x = c->cols;
	if (y < 0 || y >= c->rows)
		return;
	for (; x < max_x; x++)
		cell_at(c, y, x)->area = (unsigned char)a;
}

static wchar_t fold_ascii(wchar_t w)
{
	return w >= L'A' && w <= L'Z' ? w - L'A' + L'a' : w;
}

static bool chars_match(const wchar_t *s, const wchar_t *needle, size_t len, bool fold)
{
	for (size_t i = 0; i < len; i++)
		if (fold ? fold_ascii(s[i]) != fold_ascii(needle[i]) : s[i] != needle[i])
			return false;
	return true;
}

int canvas_paint_matches(struct canvas *c, int y, int x, int max_x, const wchar_t *needle,
			 bool fold, enum area a)
{
	size_t len = needle ? wcslen(needle) : 0, n = 0;
	wchar_t *s;
	int *col, found = 0;

	if (max_x < 0 || max_x > c->cols)
		max_x = c->cols;
	if (y < 0 || y >= c->rows || x < 0 || x >= max_x || len == 0)
		return 0;
	/* the row's characters as drawn (combining marks too), each with
	 * its column: what is matched is what the terminal shows */
	s = talloc_array(c, wchar_t, (size_t)(max_x - x) * CELL_WCHARS);
	col = talloc_array(c, int, (size_t)(max_x - x) * CELL_WCHARS);
	for (int k = x; k < max_x; k++) {
		const struct cell *cl = cell_at(c, y, k);

		for (int m = 0; m < CELL_WCHARS && cl->wc[m]; m++) {
			s[n] = cl->wc[m];
			col[n++] = k;
		}
	}
	for (size_t i = 0; i + len <= n;) {
		int end;

		if (!chars_match(s + i, needle, len, fold)) {
			i++;
			continue;
		}
		end = col[i + len - 1] + 1;
		if (end < max_x && cell_at(c, y, end)->wc[0] == 0)
			end++;  /* the right half of a wide character */
		canvas_paint(c, y, col[i], end, a);
		found++;
		i += len;
	}
	talloc_free(s);
	talloc_free(col);
	return found;
}

void canvas_dump(const struct canvas *c, FILE *out)
{
	char mb[MB_LEN_MAX * CELL_WCHARS + 1];

	for (int y = 0; y < c->rows; y++) {
		int end = c->cols;
		mbstate_t st;

		while (end > 0 && c->cells[(size_t)y * c->cols + end - 1].wc[0] == L' ' &&
		       c->cells[(size_t)y * c->cols + end - 1].wc[1] == 0)
			end--;
		memset(&st, 0, sizeof(st));
		for (int x = 0; x < end; x++) {
			const struct cell *cl = &c->cells[(size_t)y * c->cols + x];

			for (int k = 0; k < CELL_WCHARS && cl->wc[k]; k++) {
				size_t n = wcrtomb(mb, cl->wc[k], &st);

				if (n != (size_t)-1)
					fwrite(mb, 1, n, out);
				else
					fputc('?', out);
			}
		}
		fputc('\n', out);
	}
}
