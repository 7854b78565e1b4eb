/* Writing the demo repository with libgit2 only: objects go to an
 * in-memory backend while the history is made, and end up in one pack
 * (small on disk, fast to write: no loose object files). */
#include "config.h"

#include <git2.h>
#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_internal.h"
#include "i18n.h"

struct tag_ref {
	const char *name;
	git_oid oid;            /* the tag object */
};

struct demo_git {
	/* The objects are made in a repository that has only an in-memory
	 * backend: with the on-disk ones, libgit2 would look every new
	 * object up in the pack directory and as a loose file first. */
	git_repository *repo;
	git_odb *odb;
	git_odb_backend *mempack;   /* owned by the odb once added */
	git_repository *disk;       /* the real one: config, refs, pack */
	struct tag_ref *tags;
	size_t n_tags, cap_tags;
	const char *error;
};

static int git_destroy(struct demo_git *g)
{
	if (g->repo)
		git_repository_free(g->repo);
	if (g->odb)
		git_odb_free(g->odb);
	if (g->disk)
		git_repository_free(g->disk);
	return 0;
}

static int fail(struct demo_git *g, const char *what)
{
	const git_error *e = git_error_last();

	g->error = talloc_asprintf(g, "%s: %s", what, e && e->message ? e->message : "?");
	return -1;
}

const char *demo_git_error(struct demo_git *g)
{
	return g->error;
}

struct demo_git *demo_git_init(void *ctx, const char *path, const char **err)
{
	struct demo_git *g = talloc_zero(ctx, struct demo_git);
	git_repository_init_options o;
	git_config *cfg = NULL;

	talloc_set_destructor(g, git_destroy);
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	/* no template directory of the user's: the demo is the same everywhere */
	o.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	o.initial_head = "master";
	if (git_repository_init_ext(&g->disk, path, &o) < 0 ||
	    git_odb_new(&g->odb) < 0 ||
	    git_mempack_new(&g->mempack) < 0 ||
	    git_odb_add_backend(g->odb, g->mempack, 999) < 0 ||
	    git_repository_wrap_odb(&g->repo, g->odb) < 0) {
		fail(g, _("cannot create the demo repository"));
		*err = talloc_strdup(ctx, g->error);
		talloc_free(g);
		return NULL;
	}
	/* reflogs would carry the user's name and today's date */
	if (git_repository_config(&cfg, g->disk) == 0) {
		git_config_set_bool(cfg, "core.logallrefupdates", 0);
		git_config_free(cfg);
	}
	return g;
}

int demo_git_blob(struct demo_git *g, const char *buf, size_t len, git_oid *out)
{
	if (git_blob_create_from_buffer(out, g->repo, buf, len) < 0)
		return fail(g, _("cannot write a blob"));
	return 0;
}

int demo_git_tree(struct demo_git *g, const git_oid *base, const char *const *paths,
		  const git_oid *blobs, size_t n, git_oid *out)
{
	git_tree *baseline = NULL;
	git_tree_update *u = talloc_array(g, git_tree_update, n ? n : 1);
	int rc;

	if (base && git_tree_lookup(&baseline, g->repo, base) < 0) {
		talloc_free(u);
		return fail(g, _("cannot read a tree"));
	}
	for (size_t i = 0; i < n; i++) {
		memset(&u[i], 0, sizeof(u[i]));
		u[i].action = GIT_TREE_UPDATE_UPSERT;
		git_oid_cpy(&u[i].id, &blobs[i]);
		u[i].filemode = GIT_FILEMODE_BLOB;
		u[i].path = paths[i];
	}
	rc = git_tree_create_updated(out, g->repo, baseline, n, u);
	git_tree_free(baseline);
	talloc_free(u);
	return rc < 0 ? fail(g, _("cannot write a tree")) : 0;
}

int demo_git_commit(struct demo_git *g, const git_oid *tree, const git_oid *parents, size_t np,
		    const struct demo_person *author, int64_t author_time,
		    const struct demo_person *committer, int64_t commit_time,
		    const char *message, git_oid *out)
{
	git_signature *a = NULL, *c = NULL;
	const git_oid *p[4];
	int rc;

	if (np > 4)
		return -1;
	for (size_t i = 0; i < np; i++)
		p[i] = &parents[i];
	if (git_signature_new(&a, author->name, author->email, author_time, author->tz) < 0 ||
	    git_signature_new(&c, committer->name, committer->email, commit_time,
			      committer->tz) < 0) {
		git_signature_free(a);
		return fail(g, _("cannot make a signature"));
	}
	rc = git_commit_create_from_ids(out, g->repo, NULL, a, c, NULL, message, tree, np, p);
	git_signature_free(a);
	git_signature_free(c);
	return rc < 0 ? fail(g, _("cannot write a commit")) : 0;
}

int demo_git_tag(struct demo_git *g, const char *name, const git_oid *commit,
		 const struct demo_person *tagger, int64_t when, const char *message)
{
	git_object *target = NULL;
	git_signature *s = NULL;
	git_oid oid;
	int rc;

	if (git_object_lookup(&target, g->repo, commit, GIT_OBJECT_COMMIT) < 0)
		return fail(g, _("cannot read a commit"));
	if (git_signature_new(&s, tagger->name, tagger->email, when, tagger->tz) < 0) {
		git_object_free(target);
		return fail(g, _("cannot make a signature"));
	}
	/* the object now, the ref once the pack is written */
	rc = git_tag_annotation_create(&oid, g->repo, name, target, s, message);
	git_signature_free(s);
	git_object_free(target);
	if (rc < 0)
		return fail(g, _("cannot write a tag"));
	if (g->n_tags == g->cap_tags) {
		g->cap_tags = g->cap_tags ? 2 * g->cap_tags : 64;
		g->tags = talloc_realloc(g, g->tags, struct tag_ref, g->cap_tags);
	}
	g->tags[g->n_tags].name = talloc_strdup(g->tags, name);
	git_oid_cpy(&g->tags[g->n_tags].oid, &oid);
	g->n_tags++;
	return 0;
}

/* The pack in memory first, then indexed from one buffer: libgit2's
 * indexer remaps the file for every append, and git_packbuilder_write()
 * appends object by object (three times slower here). */
static int write_pack(struct demo_git *g, const git_oid *head)
{
	git_packbuilder *pb = NULL;
	git_revwalk *w = NULL;
	git_indexer *idx = NULL;
	git_indexer_options io;
	git_indexer_progress stats;
	git_buf pack = { 0 };
	char *dir = talloc_asprintf(g, "%sobjects/pack", git_repository_path(g->disk));
	int rc = -1;

	git_indexer_options_init(&io, GIT_INDEXER_OPTIONS_VERSION);
	if (git_packbuilder_new(&pb, g->repo) < 0 || git_revwalk_new(&w, g->repo) < 0 ||
	    git_revwalk_push(w, head) < 0)
		goto out;
	/* delta search on every core: the order of the objects may vary,
	 * their ids never do */
	git_packbuilder_set_threads(pb, 0);
	if (git_packbuilder_insert_walk(pb, w) < 0)
		goto out;
	for (size_t i = 0; i < g->n_tags; i++)
		if (git_packbuilder_insert(pb, &g->tags[i].oid, g->tags[i].name) < 0)
			goto out;
	if (git_packbuilder_write_buf(&pack, pb) < 0 ||
	    git_indexer_new(&idx, dir, 0, NULL, &io) < 0 ||
	    git_indexer_append(idx, pack.ptr, pack.size, &stats) < 0 ||
	    git_indexer_commit(idx, &stats) < 0)
		goto out;
	rc = 0;
out:
	if (rc < 0)
		fail(g, _("cannot write the pack"));
	git_indexer_free(idx);
	git_buf_dispose(&pack);
	git_revwalk_free(w);
	git_packbuilder_free(pb);
	talloc_free(dir);
	return rc;
}

int demo_git_finish(struct demo_git *g, const git_oid *head, bool checkout)
{
	git_reference *ref = NULL;

	if (write_pack(g, head) < 0)
		return -1;
	/* the disk repository has not looked at its pack directory yet */
	if (git_reference_create(&ref, g->disk, "refs/heads/master", head, 1, NULL) < 0)
		return fail(g, _("cannot write a branch"));
	git_reference_free(ref);
	for (size_t i = 0; i < g->n_tags; i++) {
		char *name = talloc_asprintf(g, "refs/tags/%s", g->tags[i].name);

		if (git_reference_create(&ref, g->disk, name, &g->tags[i].oid, 1, NULL) < 0)
			return fail(g, _("cannot write a tag"));
		git_reference_free(ref);
		talloc_free(name);
	}
	if (checkout) {
		git_checkout_options co;

		git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
		co.checkout_strategy = GIT_CHECKOUT_FORCE;
		if (git_checkout_head(g->disk, &co) < 0)
			return fail(g, _("cannot write the work tree"));
	}
	return 0;
}
