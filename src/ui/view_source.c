/* The source view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void source_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void source_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *source_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops source_view_ops = {
	.kind = VIEW_SOURCE,
	.load = source_load,
	.draw = source_draw,
	.text = source_text,
};
