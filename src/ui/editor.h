/* Handing a file to the user's editor ($VISUAL, else $EDITOR, else vi).
 *
 * What the editor gets is the work tree's own file when it is the
 * commit's byte for byte (an absolute path of plain names only), else a
 * private copy (a temporary file, mode 0600, deleted afterwards): bisview
 * writes neither, and a name from a log or a commit never reaches a shell
 * or a command line unfiltered - the copy's name keeps only
 * [A-Za-z0-9._-] of the file's basename, and the editor runs from an
 * argv array (ui_run_external below). */
#ifndef BISVIEW_UI_EDITOR_H
#define BISVIEW_UI_EDITOR_H

#include <stddef.h>

struct ui;

/* The copy's name part from a path: its basename with every byte outside
 * [A-Za-z0-9._-] made '_', at most 64 bytes, "file" when nothing is left.
 * Under ctx. */
char *editor_safe_name(const void *ctx, const char *path);

/* The editor's argv: the editor setting split on blanks (the user's own
 * words), "+LINE" when line > 0, then file; NULL-terminated, under ctx. */
char **editor_argv(const void *ctx, const char *editor, int line, const char *file);

/* Writes text[0..len) to a new temporary file named after path, opens it
 * in the editor at line, and deletes it when the editor returns - or,
 * when worktree_file is not NULL (the work tree's own file, byte for byte
 * text: tree/workdir.h, found by the worker), hands over that path
 * instead, so that ctags and language servers know the file. bisview
 * writes neither. The status line says what happened. Returns 0, or -1 on
 * failure. */
int editor_open_text(struct ui *ui, const char *path, const char *text, size_t len, int line,
		     const char *worktree_file);

/* Runs argv (argv[0] looked up in $PATH, no shell) with the terminal
 * left for it, and waits. Script mode runs nothing: the status says
 * "would run: ARGV". Returns the program's exit status, 0 in script
 * mode, or -1 when it could not be started. */
int ui_run_external(struct ui *ui, char *const argv[]);

#endif
