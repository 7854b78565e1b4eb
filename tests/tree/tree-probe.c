/* Test helper: what the tree layer reads, printed for comparison with
 * the git CLI (tests/tree/patch.sh). Not installed.
 *
 *   tree-probe REPO file COMMIT PATH   the file's bytes at COMMIT
 *   tree-probe REPO patch COMMIT       the patch against the first parent,
 *                                      one line per typed line
 *   tree-probe REPO same PATH FILE     the work tree's file at PATH when it
 *                                      holds FILE's bytes (what the editor
 *                                      gets, tree/workdir.h), else "copy"
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "tree/tree.h"
#include "tree/workdir.h"

static int same(struct tree *t, void *ctx, const char *path, const char *file)
{
	FILE *f = fopen(file, "rb");
	char *text = talloc_strdup(ctx, "");
	size_t len = 0, n;
	char buf[4096];
	const char *own;

	if (!f)
		return 2;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		text = talloc_realloc(ctx, text, char, len + n + 1);
		memcpy(text + len, buf, n);
		len += n;
	}
	fclose(f);
	own = tree_workdir_file_same(t, ctx, path, text, len);
	printf("%s\n", own ? own : "copy");
	return 0;
}

static int patch(struct tree *t, void *ctx, const char *commit)
{
	struct commit_patch p;

	if (tree_commit_patch(t, ctx, commit, &p) < 0)
		return 1;
	for (size_t i = 0; i < p.n_lines; i++) {
		const struct patch_line *l = &p.lines[i];
		const char *mark = "";

		switch (l->kind) {
		case PATCH_ADDITION: mark = "+"; break;
		case PATCH_DELETION: mark = "-"; break;
		case PATCH_CONTEXT: mark = " "; break;
		case PATCH_FILE_HEADER:
		case PATCH_HUNK_HEADER:
		case PATCH_NOTE: break;
		}
		printf("%s%s\n", mark, l->text);
	}
	return 0;
}

int main(int argc, char **argv)
{
	void *ctx = talloc_new(NULL);
	const char *err = NULL;
	struct tree *t;
	int rc = 2;

	tree_library_init();
	if (argc < 4) {
		fprintf(stderr, "usage: tree-probe REPO file COMMIT PATH | REPO patch COMMIT | REPO same PATH FILE\n");
		goto out;
	}
	t = tree_open(ctx, argv[1], false, &err);
	if (!t) {
		fprintf(stderr, "tree-probe: %s: %s\n", argv[1], err ? err : "no tree");
		goto out;
	}
	if (strcmp(argv[2], "file") == 0 && argc == 5) {
		char *text;
		size_t len;

		rc = tree_file_at(t, ctx, argv[3], argv[4], &text, &len) < 0 ? 1 : 0;
		if (rc == 0)
			fwrite(text, 1, len, stdout);
	} else if (strcmp(argv[2], "same") == 0 && argc == 5) {
		rc = same(t, ctx, argv[3], argv[4]);
	} else if (strcmp(argv[2], "patch") == 0) {
		rc = patch(t, ctx, argv[3]);
	}
out:
	talloc_free(ctx);
	tree_library_shutdown();
	return rc;
}
