/* A commit's patch as typed lines, and a file's text at a commit. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "tree/tree_internal.h"

struct patch_build {
	const void *ctx;
	struct commit_patch *out;
	size_t cap;
};

static enum patch_line_kind kind_of(char origin)
{
	switch (origin) {
	case GIT_DIFF_LINE_ADDITION: return PATCH_ADDITION;
	case GIT_DIFF_LINE_DELETION: return PATCH_DELETION;
	case GIT_DIFF_LINE_CONTEXT: return PATCH_CONTEXT;
	case GIT_DIFF_LINE_FILE_HDR: return PATCH_FILE_HEADER;
	case GIT_DIFF_LINE_HUNK_HDR: return PATCH_HUNK_HEADER;
	default: return PATCH_NOTE;
	}
}

static void add_line(struct patch_build *b, enum patch_line_kind kind, int file,
		     int old_line, int new_line, const char *s, size_t len)
{
	struct commit_patch *p = b->out;
	struct patch_line *l;

	if (p->n_lines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 256;
		p->lines = talloc_realloc(b->ctx, p->lines, struct patch_line, b->cap);
	}
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	l = &p->lines[p->n_lines++];
	l->kind = kind;
	l->file = file;
	l->old_line = old_line;
	l->new_line = new_line;
	l->text = talloc_strndup(p->lines, s, len);
}

/* File headers and hunk headers arrive as one block of text each; split
 * them into lines so the viewer gets one row per line. */
static void add_block(struct patch_build *b, enum patch_line_kind kind, int file,
		      const char *s, size_t len)
{
	while (len > 0) {
		const char *nl = memchr(s, '\n', len);
		size_t l = nl ? (size_t)(nl - s) : len;

		add_line(b, kind, file, -1, -1, s, l);
		if (!nl)
			break;
		len -= l + 1;
		s = nl + 1;
	}
}

int tree_commit_patch(struct tree *t, const void *ctx, const char *commit, struct commit_patch *out)
{
	struct patch_build b = { .ctx = ctx, .out = out };
	git_diff *diff;
	size_t count;

	int rc;

	memset(out, 0, sizeof(*out));
	if ((rc = tree_commit_diff(t, commit, &diff, &out->n_parents)) < 0)
		return rc;
	/* one pass: each file's patch gives its stat numbers and its lines */
	count = git_diff_num_deltas(diff);
	out->files = talloc_zero_array(ctx, struct diff_file, count ? count : 1);
	for (size_t i = 0; i < count; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_patch *patch = NULL;
		git_buf hdr = { 0 };
		bool present = diff_blobs_present(t, d);

		if (!present || git_patch_from_diff(&patch, diff, i) < 0)
			patch = NULL;
		diff_file_fill(out->files, &out->files[out->n_files], d, patch);
		out->files[out->n_files++].content_missing = !present;
		if (!patch)
			continue;
		/* the file header as git prints it */
		if (git_patch_to_buf(&hdr, patch) == 0) {
			const char *at = hdr.ptr;
			const char *hunk = strstr(at, "\n@@");
			size_t hl = hunk ? (size_t)(hunk - at) : hdr.size;

			add_block(&b, PATCH_FILE_HEADER, (int)i, at, hl);
			git_buf_dispose(&hdr);
		}
		for (size_t h = 0; h < git_patch_num_hunks(patch); h++) {
			const git_diff_hunk *hunk;
			size_t n_lines;

			if (git_patch_get_hunk(&hunk, &n_lines, patch, h) < 0)
				continue;
			add_block(&b, PATCH_HUNK_HEADER, (int)i, hunk->header, hunk->header_len);
			for (size_t k = 0; k < n_lines; k++) {
				const git_diff_line *l;

				if (git_patch_get_line_in_hunk(&l, patch, h, k) < 0)
					continue;
				add_line(&b, kind_of(l->origin), (int)i, l->old_lineno, l->new_lineno,
					 l->content, l->content_len);
			}
		}
		git_patch_free(patch);
	}
	git_diff_free(diff);
	return 0;
}

int tree_file_at(struct tree *t, const void *ctx, const char *commit, const char *path,
		 char **text, size_t *len)
{
	git_oid oid;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	git_blob *blob = NULL;
	int rc = -1;

	*text = NULL;
	*len = 0;
	if (!path || !*path || path[0] == '/' || strstr(path, ".."))
		return -1;
	if (tree_resolve(t, commit, &oid) < 0 || git_commit_lookup(&c, t->repo, &oid) < 0)
		return -1;
	if (git_commit_tree(&tree, c) < 0) {
		rc = tree_object_missing(t, git_commit_tree_id(c)) ? TREE_MISSING : -1;
		goto done;
	}
	if (git_tree_entry_bypath(&te, tree, path) < 0) {
		rc = tree_missing_after_error(t) ? TREE_MISSING : -1;  /* a subtree */
		goto done;
	}
	if (git_tree_entry_type(te) != GIT_OBJECT_BLOB)
		goto done;
	if (git_blob_lookup(&blob, t->repo, git_tree_entry_id(te)) < 0) {
		rc = tree_object_missing(t, git_tree_entry_id(te)) ? TREE_MISSING : -1;
		goto done;
	}
	*len = (size_t)git_blob_rawsize(blob);
	*text = talloc_size(ctx, *len + 1);
	if (*text) {
		memcpy(*text, git_blob_rawcontent(blob), *len);
		(*text)[*len] = '\0';
		rc = 0;
	}
done:
	git_blob_free(blob);
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(c);
	return rc;
}
