/* The user's git tree, read-only, through libgit2: commit facts for the
 * log's steps, the bisection range in memory, diffs and file contents.
 *
 * Nothing here writes to the repository: libgit2's read paths write no
 * lock files, refs, index or config, and we never call a write API.
 *
 * Threads: a struct tree and everything derived from it belong to one
 * thread (libgit2 objects are not safe for concurrent use). Results are
 * plain talloc data that another thread may take over.
 */
#ifndef BISVIEW_TREE_TREE_H
#define BISVIEW_TREE_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "log/model.h"

struct tree;

/* libgit2's global state, counted: tree_open() takes a reference and the
 * tree's destruction drops it. Other libgit2 users (the demo) pair them. */
void tree_library_init(void);
void tree_library_shutdown(void);

/* Where the tree comes from (doc/design.md §7): an explicit -C/--tree DIR, else
 * $BISVIEW_TREE, else the repository containing the current directory,
 * else none. Returns NULL with *err == NULL when there is simply no tree,
 * NULL with *err set (translated, one line) when one was named but cannot
 * be opened. trust: --trust-repo, skip libgit2's ownership check. */
struct tree *tree_open(const void *ctx, const char *explicit_path, bool trust, const char **err);

/* The path shown to the user (the work tree, or the git dir when bare). */
const char *tree_path(const struct tree *t);

/* A partial clone (git clone --filter=...): libgit2 cannot fetch what its
 * promisor remote holds back, so facts that need a missing object are
 * unknown (doc/libraries.md §1.2.1). */
struct tree_partial {
	const char *filter;     /* remote.*.partialclonefilter, or NULL */
	size_t missing;         /* objects this run needed and did not find */
	bool mailmap_missing;   /* a bare clone's HEAD:.mailmap is not here:
				 * authors are shown as recorded */
};
/* NULL when the tree is no partial clone. */
const struct tree_partial *tree_partial(const struct tree *t);

/* The one command that makes git fetch what a partial clone lacks for a
 * commit's diff (path NULL) or for one file at a commit, quoted for a
 * shell: "git -C TREE show --stat COMMIT >/dev/null". bisview shows it and
 * never runs it. */
char *tree_fetch_command(const void *ctx, const char *tree_dir, const char *commit, const char *path);

/* What the tree functions below return when the answer needs an object a
 * partial clone does not have (the object is counted in tree_partial()). */
#define TREE_MISSING (-2)

/* Facts about one commit of the log. */
struct commit_facts {
	bool found;
	bool unreadable;        /* not found: the tree has the object but it
				 * cannot be read (corrupt, cut short) */
	const char *commit;     /* full 40-hex, or NULL */
	const char *subject;
	const char *author;     /* "Name <email>", mailmap applied */
	const char *date;       /* author date, ISO 8601 with offset */
	const char *message;    /* the full message */
	unsigned n_parents;
	const char *first_parent; /* 40-hex or NULL */
};

/* Look a ref up: a full or abbreviated hash, or a tag name such as v5.1.
 * A hash the tree lacks costs no pack rescan (doc/libraries.md §1.3.2).
 * Strings are allocated under ctx. Returns 0, or -1 when not found (and
 * out->unreadable when the object is there but could not be read). */
int tree_commit_facts(struct tree *t, const void *ctx, const char *ref, struct commit_facts *out);

/* One file of a diff. */
struct diff_file {
	const char *path;
	const char *old_path;   /* differs from path for a rename */
	char status;            /* 'A', 'D', 'M', 'R', ... */
	int insertions, deletions;
	bool binary;
	bool content_missing;   /* partial clone: a side's blob is not here, so
				 * insertions, deletions and hunks are unknown */
};

/* The files a commit changes against its first parent, with the numbers
 * `git show --stat` prints (renames detected). TREE_MISSING when a
 * partial clone lacks a tree the answer needs (the list is unknown). */
int tree_commit_files(struct tree *t, const void *ctx, const char *commit,
		      struct diff_file **files, size_t *n);

/* A line of a patch, typed by libgit2 (never by its first character). */
enum patch_line_kind {
	PATCH_FILE_HEADER,  /* "diff --git", "index", "---", "+++" lines */
	PATCH_HUNK_HEADER,  /* "@@ -a,b +c,d @@ ..." */
	PATCH_CONTEXT,
	PATCH_ADDITION,
	PATCH_DELETION,
	PATCH_NOTE,         /* "\ No newline at end of file", binary notes */
};

struct patch_line {
	enum patch_line_kind kind;
	int file;           /* index into the diff's files */
	int old_line, new_line; /* -1 when not applicable */
	const char *text;   /* without the trailing newline; not sanitised */
};

/* The whole patch of a commit against its first parent, as typed lines,
 * plus its files (as tree_commit_files). merge_parents tells the caller
 * to say "diffed against the first parent" (0 or 1 parents: not a merge). */
struct commit_patch {
	struct diff_file *files;
	size_t n_files;
	struct patch_line *lines;
	size_t n_lines;
	unsigned n_parents;
};
/* TREE_MISSING as tree_commit_files; files whose blobs are missing have
 * content_missing set and no lines. */
int tree_commit_patch(struct tree *t, const void *ctx, const char *commit, struct commit_patch *out);

/* A file's content at a commit (for a stack frame such as
 * mm/khugepaged.c:1826). Not NUL-terminated in general: use *len.
 * Returns -1 when the commit or the path is not there, TREE_MISSING when
 * a partial clone lacks the file's blob or a tree on its path. */
int tree_file_at(struct tree *t, const void *ctx, const char *commit, const char *path,
		 char **text, size_t *len);

/* After tree_file_at gave TREE_MISSING: is path a file at commit, only
 * its blob not here (true), or is a tree on its way missing too, so that
 * whether the file is there is unknown (false)? */
bool tree_file_listed(struct tree *t, const char *commit, const char *path);

#endif
