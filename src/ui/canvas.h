/* The screen as a grid of cells. Views draw here, never on curses
 * directly: the terminal backend (term.c) copies the grid to ncurses, and
 * script mode dumps it as text - so the same drawing code is tested with
 * no terminal at all. Text put here is measured with wcwidth(), clipped by
 * columns (a wide character never half-drawn), and stripped of anything
 * that is not printable: a cell can only ever hold a printable glyph. */
#ifndef BISVIEW_UI_CANVAS_H
#define BISVIEW_UI_CANVAS_H

#include <stdbool.h>
#include <stdio.h>
#include <wchar.h>
#include "text/sanitize.h"

/* Colour areas: what a cell is, not how it looks. `color AREA ...` lines
 * in the config give each its colours (data/bisviewrc has the defaults). */
#define UI_AREAS(A) \
	A(DEFAULT, "default") \
	A(CURSOR, "cursor") \
	A(TITLE_FOCUS, "title-focus") \
	A(TITLE_BLUR, "title-blur") \
	A(STATUS, "status") \
	A(HINT, "hint") \
	A(HEADER, "header") \
	A(GOOD, "good") \
	A(BAD, "bad") \
	A(SKIP, "skip") \
	A(NO_VERDICT, "no-verdict") \
	A(HASH, "hash") \
	A(TAG, "tag") \
	A(DIM, "dim") \
	A(STRONG, "strong") \
	A(WEAK, "weak") \
	A(INFO, "info") \
	A(SUSPICIOUS, "suspicious") \
	A(PLAUSIBLE, "plausible") \
	A(DIFF_ADD, "diff-add") \
	A(DIFF_DEL, "diff-del") \
	A(DIFF_HUNK, "diff-hunk") \
	A(DIFF_HEADER, "diff-header") \
	A(FRAME, "frame") \
	A(FRAME_TOUCHED, "frame-touched") \
	A(HIGHLIGHT, "highlight") \
	A(SEARCH, "search-result") \
	A(LINENO, "line-number") \
	A(BAR, "bar") \
	A(ERROR, "error")

#define UI_AREA_ENUM(id, name) AREA_##id,
enum area { UI_AREAS(UI_AREA_ENUM) AREA_COUNT };
#undef UI_AREA_ENUM

const char *area_name(enum area a);
int area_by_name(const char *name); /* -1 when unknown */

#define CELL_WCHARS 3  /* a base character and up to two combining marks */

struct cell {
	wchar_t wc[CELL_WCHARS]; /* L' ' for blank; wc[0] == 0: right half of a wide char */
	unsigned char area;
};

struct canvas {
	int rows, cols;
	struct cell *cells;
	int cursor_y;           /* the selected row, for the terminal's cursor; -1 none */
};

struct canvas *canvas_new(const void *ctx, int rows, int cols);
void canvas_clear(struct canvas *c);

/* Draws UTF-8 (or locale-encoded) text at (y, x), stopping before
 * column max_x (exclusive; -1 for the right edge). Returns the column
 * after the text. Non-printable characters become '?'. */
int canvas_text(struct canvas *c, int y, int x, int max_x, enum area a, const char *text);
int canvas_textf(struct canvas *c, int y, int x, int max_x, enum area a, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Blanks [x, max_x) of row y in area a. */
void canvas_fill(struct canvas *c, int y, int x, int max_x, enum area a);

/* Gives [x, max_x) of row y area a (the cursor line, a highlight). */
void canvas_paint(struct canvas *c, int y, int x, int max_x, enum area a);

/* Gives area a to every occurrence of needle, as drawn (wide characters),
 * in [x, max_x) of row y: the search hits (view.c). fold: ASCII letters
 * match in either case, as strcasestr() folds them in a UTF-8 locale.
 * Returns how many it found. */
int canvas_paint_matches(struct canvas *c, int y, int x, int max_x, const wchar_t *needle,
			 bool fold, enum area a);

/* (text_width(), the columns text takes, is in text/sanitize.h.) */

/* The grid as plain text, one line per row, trailing blanks removed. */
void canvas_dump(const struct canvas *c, FILE *out);

#endif
