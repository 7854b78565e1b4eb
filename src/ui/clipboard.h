/* y: the selected step's commit hash to the clipboard (tig's habit), by
 * OSC 52 - the terminal (or tmux with set-clipboard) takes it, over ssh
 * too - unless `set osc52 = no`; the status line shows the hash either
 * way, so it can be copied by hand where the terminal takes no OSC 52. */
#ifndef BISVIEW_UI_CLIPBOARD_H
#define BISVIEW_UI_CLIPBOARD_H

#include <stddef.h>

struct ui;

/* "\033]52;c;BASE64\a" for text (under ctx). */
char *clipboard_osc52(const void *ctx, const char *text);

void ui_copy_hash(struct ui *ui);

#endif
