/* The screen's layout (ui_draw.c): one or two panes, the hint bar and
 * the status line, drawn into the ui's canvas. */
#ifndef BISVIEW_UI_UI_DRAW_H
#define BISVIEW_UI_UI_DRAW_H

#include <stdbool.h>

struct ui;

void ui_draw(struct ui *ui);
void ui_resize(struct ui *ui, int rows, int cols);
/* Rows of the first pane or of the split (title bar included), as
 * ui_draw() lays them out when a split is open. */
int ui_pane_height(const struct ui *ui, bool second);

#endif
