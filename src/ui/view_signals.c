/* The signals view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void signals_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void signals_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *signals_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops signals_view_ops = {
	.kind = VIEW_SIGNALS,
	.load = signals_load,
	.draw = signals_draw,
	.text = signals_text,
};
