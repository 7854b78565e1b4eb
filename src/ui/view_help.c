/* The help view: not written yet (a placeholder so the explorer builds). */
#include "config.h"

#include <talloc.h>

#include "ui/ui.h"

static void help_load(struct view *v)
{
	v->n_rows = 0;
	v->busy = "not written yet";
}

static void help_draw(struct view *v, struct canvas *c, int y, int x, int width, size_t row,
		     bool selected)
{
}

static const char *help_text(struct view *v, const void *ctx, size_t row)
{
	return "";
}

const struct view_ops help_view_ops = {
	.kind = VIEW_HELP,
	.load = help_load,
	.draw = help_draw,
	.text = help_text,
};
