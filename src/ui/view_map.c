/* The map view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void map_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void map_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *map_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops map_view_ops = {
	.kind = VIEW_MAP,
	.load = map_load,
	.draw = map_draw,
	.text = map_text,
};
