/* The explorer's --replay (doc/design.md "Resuming a bisection"): on the
 * selected step, a prompt for where to write the file for `git bisect
 * replay`, then the file written atomically, never inside a git
 * directory. */
#ifndef BISVIEW_UI_REPLAY_FILE_H
#define BISVIEW_UI_REPLAY_FILE_H

#include <stdbool.h>

struct ui;

/* replay, replay-flip, replay-until (how: enum replay_stop): opens the
 * prompt with a default path under the current directory, or says in
 * the status line why the selected step cannot be flipped or re-tested. */
void ui_replay_ask(struct ui *ui, int how);

/* Enter at that prompt: writes the file to path. */
void ui_replay_write(struct ui *ui, const char *path);

/* Is path (resolved) inside a git directory? Sets *gitdir (under ctx) to
 * the git directory; false too when path's directory does not exist. */
bool replay_path_in_git_dir(const void *ctx, const char *path, const char **gitdir);

#endif
