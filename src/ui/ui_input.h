/* Keys and requests (ui_input.c): a key through the keymap to a request,
 * the prompt (/ ? :) being typed, and what each request does that no
 * view does itself. */
#ifndef BISVIEW_UI_UI_INPUT_H
#define BISVIEW_UI_UI_INPUT_H

#include "ui/request.h"

struct ui;

void ui_request(struct ui *ui, enum request r);
void ui_key(struct ui *ui, int key);

#endif
