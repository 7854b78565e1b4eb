/* The revert of a commit on another one, in memory.
 *
 * A revert is a three-way merge: the reverted commit's tree is the base,
 * the start commit's tree is ours and the commit's parent's tree theirs
 * (what libgit2's own revert function does; we call git_merge_trees()
 * ourselves because that one stays out of the write APIs `make lint`
 * refuses). A file changed on both sides is merged by libgit2, which
 * stores the merged blob in the object database. So the merge runs on a
 * repository of our own whose only object database is scratch_odb below:
 * it reads through to the user's objects and keeps every write in this
 * process's memory. Nothing reaches the disk, not even the mtime a
 * freshened object would get (scratch_odb has no freshen). */
#include "config.h"

#include <git2/sys/odb_backend.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "tree/revert.h"
#include "tree/tree_internal.h"

struct scratch_object {
	git_oid id;
	git_object_t type;
	void *data;
	size_t len;
};

struct scratch_odb {
	git_odb_backend parent;  /* first: libgit2 casts to and from it */
	git_odb *real;           /* the user's objects, only read */
	struct scratch_object *objects;  /* talloc array: what the merge wrote */
	size_t n_objects;
};

static const struct scratch_object *scratch_find(struct scratch_odb *s, const git_oid *id)
{
	for (size_t i = 0; i < s->n_objects; i++)
		if (git_oid_equal(&s->objects[i].id, id))
			return &s->objects[i];
	return NULL;
}

/* An object's bytes in a buffer libgit2 may free. */
static int scratch_hand_over(git_odb_backend *b, const void *data, size_t len, void **out)
{
	*out = git_odb_backend_data_alloc(b, len ? len : 1);
	if (!*out)
		return -1;
	memcpy(*out, data, len);
	return 0;
}

static int scratch_read(void **data, size_t *len, git_object_t *type, git_odb_backend *b,
			const git_oid *id)
{
	struct scratch_odb *s = (struct scratch_odb *)b;
	const struct scratch_object *o = scratch_find(s, id);
	git_odb_object *obj;
	int rc;

	if (o) {
		*len = o->len;
		*type = o->type;
		return scratch_hand_over(b, o->data, o->len, data);
	}
	if ((rc = git_odb_read(&obj, s->real, id)) < 0)
		return rc;
	*len = git_odb_object_size(obj);
	*type = git_odb_object_type(obj);
	rc = scratch_hand_over(b, git_odb_object_data(obj), *len, data);
	git_odb_object_free(obj);
	return rc;
}

static int scratch_read_prefix(git_oid *out, void **data, size_t *len, git_object_t *type,
			       git_odb_backend *b, const git_oid *prefix, size_t n)
{
	struct scratch_odb *s = (struct scratch_odb *)b;
	git_oid full;
	int rc = git_odb_exists_prefix(&full, s->real, prefix, n);

	if (rc < 0)
		return rc;
	git_oid_cpy(out, &full);
	return scratch_read(data, len, type, b, &full);
}

static int scratch_read_header(size_t *len, git_object_t *type, git_odb_backend *b,
			       const git_oid *id)
{
	struct scratch_odb *s = (struct scratch_odb *)b;
	const struct scratch_object *o = scratch_find(s, id);

	if (o) {
		*len = o->len;
		*type = o->type;
		return 0;
	}
	return git_odb_read_header(len, type, s->real, id);
}

static int scratch_exists(git_odb_backend *b, const git_oid *id)
{
	struct scratch_odb *s = (struct scratch_odb *)b;

	return scratch_find(s, id) || git_odb_exists(s->real, id);
}

static int scratch_exists_prefix(git_oid *out, git_odb_backend *b, const git_oid *prefix,
				 size_t n)
{
	return git_odb_exists_prefix(out, ((struct scratch_odb *)b)->real, prefix, n);
}

/* What libgit2 would write to the user's disk: kept here instead. */
static int scratch_keep(git_odb_backend *b, const git_oid *id, const void *data, size_t len,
			git_object_t type)
{
	struct scratch_odb *s = (struct scratch_odb *)b;
	struct scratch_object *objs;

	if (scratch_find(s, id))
		return 0;
	objs = talloc_realloc(s, s->objects, struct scratch_object, s->n_objects + 1);
	if (!objs)
		return -1;
	s->objects = objs;
	objs[s->n_objects] = (struct scratch_object){ .type = type, .len = len,
		.data = talloc_memdup(objs, data, len ? len : 1) };
	git_oid_cpy(&objs[s->n_objects].id, id);
	s->n_objects++;
	return 0;
}

static void scratch_free(git_odb_backend *b)
{
	talloc_free(b);
}

/* A repository over the user's objects whose writes stay in memory. */
static int scratch_repository(struct tree *t, git_repository **out)
{
	struct scratch_odb *s = talloc_zero(NULL, struct scratch_odb);
	git_odb *odb = NULL;

	if (!s || git_odb_init_backend(&s->parent, GIT_ODB_BACKEND_VERSION) < 0) {
		talloc_free(s);
		return -1;
	}
	s->real = t->odb;
	s->parent.read = scratch_read;
	s->parent.read_prefix = scratch_read_prefix;
	s->parent.read_header = scratch_read_header;
	s->parent.exists = scratch_exists;
	s->parent.exists_prefix = scratch_exists_prefix;
	s->parent.write = scratch_keep;
	s->parent.free = scratch_free;
	if (git_odb_new(&odb) < 0) {
		talloc_free(s);
		return -1;
	}
	if (git_odb_add_backend(odb, &s->parent, 1) < 0) {
		talloc_free(s);
		git_odb_free(odb);
		return -1;
	}
	if (git_repository_wrap_odb(out, odb) < 0) {
		git_odb_free(odb);
		return -1;
	}
	git_odb_free(odb);  /* the repository holds its own reference */
	return 0;
}

static char *oid_hex(const void *ctx, const git_oid *id)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), id);
	return talloc_strdup(ctx, hex);
}

static int lookup_commit(git_repository *repo, struct tree *t, const char *ref, git_commit **out)
{
	git_oid id;

	if (tree_resolve(t, ref, &id) < 0)
		return -1;
	return git_commit_lookup(out, repo, &id);
}

static void list_conflicts(const void *ctx, git_index *index, struct tree_revert *out)
{
	git_index_conflict_iterator *it;
	const git_index_entry *anc, *ours, *theirs;

	if (git_index_conflict_iterator_new(&it, index) < 0)
		return;
	while (git_index_conflict_next(&anc, &ours, &theirs, it) == 0) {
		const git_index_entry *e = ours ? ours : theirs ? theirs : anc;

		out->conflicts = talloc_realloc(ctx, out->conflicts, const char *,
						out->n_conflicts + 1);
		out->conflicts[out->n_conflicts++] = talloc_strdup(out->conflicts, e->path);
	}
	git_index_conflict_iterator_free(it);
}

/* The patch text and its stat (as `git format-patch` prints them). */
static int revert_text(const void *ctx, git_repository *repo, git_commit *onto,
		       git_index *index, struct tree_revert *out)
{
	git_diff_options opts;
	git_tree *base = NULL;
	git_diff *diff = NULL;
	git_diff_stats *stats = NULL;
	git_buf patch = { 0 }, stat = { 0 };
	int rc = -1;

	git_diff_options_init(&opts, GIT_DIFF_OPTIONS_VERSION);
	opts.flags |= GIT_DIFF_SHOW_BINARY;
	if (git_commit_tree(&base, onto) < 0 ||
	    git_diff_tree_to_index(&diff, repo, base, index, &opts) < 0)
		goto out;
	if (git_diff_num_deltas(diff) == 0) {
		out->outcome = REVERT_EMPTY;
		rc = 0;
		goto out;
	}
	if (git_diff_get_stats(&stats, diff) < 0 ||
	    git_diff_stats_to_buf(&stat, stats,
				  GIT_DIFF_STATS_FULL | GIT_DIFF_STATS_INCLUDE_SUMMARY, 72) < 0 ||
	    git_diff_to_buf(&patch, diff, GIT_DIFF_FORMAT_PATCH) < 0)
		goto out;
	out->patch = talloc_strndup(ctx, patch.ptr, patch.size);
	out->stat = talloc_strndup(ctx, stat.ptr, stat.size);
	rc = 0;
out:
	git_buf_dispose(&patch);
	git_buf_dispose(&stat);
	git_diff_stats_free(stats);
	git_diff_free(diff);
	git_tree_free(base);
	return rc;
}

static int merge_revert(const void *ctx, git_repository *repo, git_commit *c, git_commit *onto,
			struct tree_revert *out)
{
	git_commit *parent = NULL;
	git_tree *base = NULL, *ours = NULL, *theirs = NULL;
	git_index *index = NULL;
	git_merge_options opts;
	int rc = -1;

	git_merge_options_init(&opts, GIT_MERGE_OPTIONS_VERSION);
	if (git_commit_parent(&parent, c, 0) < 0 || git_commit_tree(&base, c) < 0 ||
	    git_commit_tree(&ours, onto) < 0 || git_commit_tree(&theirs, parent) < 0 ||
	    git_merge_trees(&index, repo, base, ours, theirs, &opts) < 0)
		goto out;
	if (git_index_has_conflicts(index)) {
		out->outcome = REVERT_CONFLICT;
		list_conflicts(ctx, index, out);
		rc = 0;
	} else {
		out->outcome = REVERT_CLEAN;
		rc = revert_text(ctx, repo, onto, index, out);
	}
out:
	git_index_free(index);
	git_tree_free(theirs);
	git_tree_free(ours);
	git_tree_free(base);
	git_commit_free(parent);
	return rc;
}

int tree_revert(struct tree *t, const void *ctx, const char *commit, const char *onto,
		struct tree_revert *out, const char **err)
{
	git_repository *repo = NULL;
	git_commit *c = NULL, *o = NULL;
	int rc = -1;

	*out = (struct tree_revert){ 0 };
	*err = NULL;
	if (scratch_repository(t, &repo) < 0) {
		*err = _("cannot read the tree");
		return -1;
	}
	if (lookup_commit(repo, t, commit, &c) < 0) {
		*err = _("the culprit is not in the tree");
		goto out;
	}
	if (lookup_commit(repo, t, onto, &o) < 0) {
		*err = _("the start commit is not in the tree");
		goto out;
	}
	out->commit = oid_hex(ctx, git_commit_id(c));
	out->onto = oid_hex(ctx, git_commit_id(o));
	if (git_commit_parentcount(c) == 0) {
		*err = _("the culprit is a root commit: there is nothing to revert it to");
		goto out;
	}
	if (git_commit_parentcount(c) > 1) {
		unsigned n = git_commit_parentcount(c);

		out->outcome = REVERT_MERGE;
		out->parents = talloc_array(ctx, const char *, n);
		for (unsigned i = 0; i < n; i++)
			out->parents[i] = oid_hex(out->parents, git_commit_parent_id(c, i));
		out->n_parents = n;
		rc = 0;
		goto out;
	}
	rc = merge_revert(ctx, repo, c, o, out);
	if (rc < 0)
		*err = _("libgit2 could not make the revert");
out:
	git_commit_free(o);
	git_commit_free(c);
	git_repository_free(repo);
	return rc;
}
