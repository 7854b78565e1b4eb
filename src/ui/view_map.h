/* The map view's rows and state, shared by its two files: view_map.c
 * (the bars and the strip of tested steps) and view_map_posterior.c (the
 * posterior along the range, doc/model.md §9.1). Internal to the map view. */
#ifndef BISVIEW_UI_VIEW_MAP_H
#define BISVIEW_UI_VIEW_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "ui/ui.h"
#include "ui/view.h"

enum map_row_kind {
	ROW_SECTION, ROW_COLUMNS, ROW_BAR, ROW_STRIP, ROW_ENDS, ROW_LEGEND, ROW_BLANK,
	ROW_PSTRIP,             /* the posterior's mass along ranks [lo, hi) */
	ROW_PMARKS,             /* under it: the set, the culprit, the next test */
	ROW_TEXT,               /* a sentence */
};

struct map_row {
	enum map_row_kind kind;
	const char *text;       /* SECTION, LEGEND, TEXT */
	int step;               /* BAR: the step, -1 for the initial range */
	long cand, left;        /* BAR: candidates (tree), revisions left (log); -1 */
	long value;             /* BAR: what the bar shows (cand if known, else left) */
	long rank;              /* BAR: rank in the initial range, -1 */
	long lo, hi;            /* STRIP, PSTRIP, PMARKS: the ranks it shows, [lo, hi) */
};

/* A bisect step placed in the range. */
struct placed {
	int step;
	long rank;              /* 0 = the newest candidate */
};

struct map_view {
	struct map_row *rows;
	size_t n;
	const char **refs;      /* per step, sanitised */
	const char **verdicts;  /* per step, frame_verdict_word(), sanitised */
	struct placed *placed;
	size_t n_placed;
	long total;             /* the initial range's size (the scale of the strip) */
	long max_value;         /* the longest bar's value */
	bool use_cand;          /* bars show candidates (tree) rather than "left" */
	long first, last;       /* for the title: the first and last count */
	size_t n_bisect;
	const char *bad_ref, *good_ref;
	int w_verdict;          /* the widest translated verdict */
	/* With the range in memory: each commit's rank, git's topological
	 * order (dag_topo_rank()), which both strips use; else NULL. */
	const uint32_t *rank;
	uint32_t culprit;       /* the log's culprit in the range, or DAG_NONE */
};

struct map_row *map_add_row(struct map_view *mv, enum map_row_kind k, const char *text);

/* (3) The posterior's rows (view_map_posterior.c): the section, or one
 * line saying why it is not there (no tree, not yet, no range). */
void map_posterior_rows(struct ui *ui, struct map_view *mv);
/* Drawing, text (at 80 columns) and :dump-view fields of ROW_PSTRIP,
 * ROW_PMARKS and ROW_TEXT. */
void map_posterior_draw(struct view *v, struct canvas *c, int y, int x, int width,
			const struct map_row *r);
const char *map_posterior_text(struct view *v, const void *ctx, const struct map_row *r);
const char *map_posterior_fields(struct view *v, const void *ctx, const struct map_row *r);

#endif
