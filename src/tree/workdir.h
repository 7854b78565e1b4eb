/* The work tree's own copy of a file, for the editor hand-off: ctags and
 * language servers know the file by its path in the work tree, not by a
 * temporary copy's (issue 15). Read only, as all of src/tree/
 * (doc/design.md §7). */
#ifndef BISVIEW_TREE_WORKDIR_H
#define BISVIEW_TREE_WORKDIR_H

#include <stddef.h>

struct tree;

/* The absolute path of path in t's work tree when that file is byte for
 * byte text[0..len) (the commit's blob), under ctx; else NULL: a bare
 * repository, a file that differs or is not there, and any path that is
 * not plainly inside the work tree - absolute, with an empty, "." or ".."
 * component or a ".git" one, through a symbolic link, not a regular file,
 * or with a byte outside [A-Za-z0-9._+,@/-] (an editor takes it literally;
 * the temporary copy is named the same safe way, ui/editor.h). */
const char *tree_workdir_file_same(struct tree *t, const void *ctx, const char *path,
				   const char *text, size_t len);

#endif
