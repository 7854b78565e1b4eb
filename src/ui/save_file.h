/* Files the explorer writes for the user (doc/design.md "Resuming a
 * bisection", doc/syz-test.md §5): a prompt for where, with a default
 * under the current directory, then the file written atomically and
 * never inside a git directory. bisview never writes to the tree. */
#ifndef BISVIEW_UI_SAVE_FILE_H
#define BISVIEW_UI_SAVE_FILE_H

#include <stdbool.h>

struct ui;

/* What the prompt is for: it words the status line after writing. */
enum save_kind {
	SAVE_NONE,
	SAVE_REPLAY,     /* a file for `git bisect replay` */
	SAVE_SYZ_TEST,   /* a `#syz test` mail body */
};

/* Opens the prompt: text (taken over by the ui) goes to the path the
 * user confirms, default_path offered. */
void ui_save_ask(struct ui *ui, enum save_kind kind, const char *prompt,
		 const char *default_path, char *text);

/* Enter at that prompt: writes the text to path, or says why not. */
void ui_save_write(struct ui *ui, const char *path);

/* Drops what the prompt would have written (Esc). */
void ui_save_drop(struct ui *ui);

/* Is path (resolved) inside a git directory? Sets *gitdir (under ctx) to
 * the git directory; false too when path's directory does not exist. */
bool save_path_in_git_dir(const void *ctx, const char *path, const char **gitdir);

#endif
