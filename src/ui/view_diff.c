/* The diff view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void diff_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void diff_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *diff_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops diff_view_ops = {
	.kind = VIEW_DIFF,
	.load = diff_load,
	.draw = diff_draw,
	.text = diff_text,
};
