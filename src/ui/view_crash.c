/* The crash view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void crash_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void crash_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *crash_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops crash_view_ops = {
	.kind = VIEW_CRASH,
	.load = crash_load,
	.draw = crash_draw,
	.text = crash_text,
};
