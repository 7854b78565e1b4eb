/* The prompt's history (Up and Down, as in a shell, less and vim): one
 * list for ':' commands, one for searches, for this run only. */
#ifndef BISVIEW_UI_HISTORY_H
#define BISVIEW_UI_HISTORY_H

struct ui;

/* Enter at the prompt: input joins its list (not twice in a row). */
void history_add(struct ui *ui, const char *prompt, const char *input);

/* Up (dir -1) or Down (+1): the prompt's input becomes the older or
 * newer entry; past the newest, empty again. */
void history_move(struct ui *ui, int dir);

#endif
