/* The detail view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void detail_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void detail_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *detail_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops detail_view_ops = {
	.kind = VIEW_DETAIL,
	.load = detail_load,
	.draw = detail_draw,
	.text = detail_text,
};
