/* The explorer's --replay (doc/design.md "Resuming a bisection"): on the
 * selected step, a prompt for where to write the file for `git bisect
 * replay` (ui/save_file.h writes it). */
#ifndef BISVIEW_UI_REPLAY_FILE_H
#define BISVIEW_UI_REPLAY_FILE_H

struct ui;

/* replay, replay-flip, replay-until (how: enum replay_stop): opens the
 * prompt with a default path under the current directory, or says in
 * the status line why the selected step cannot be flipped or re-tested. */
void ui_replay_ask(struct ui *ui, int how);

#endif
