/* Opening the user's repository read-only, and libgit2's global setup. */
#include "config.h"

#include <git2.h>
#include <git2/sys/odb_backend.h>
#include <git2/sys/repository.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "tree/cgraph.h"
#include "tree/tree_git.h"
#include "tree/tree_internal.h"

void tree_library_init(void)
{
	/* 1.5.1 knows only the "noop" extension and refuses repositories with
	 * extensions.worktreeConfig, which changes nothing for a reader. */
	const char *extensions[] = { "worktreeconfig" };

	git_libgit2_init();
	/* We only read: skipping the re-hash of every object saves ~20%. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	git_libgit2_opts(GIT_OPT_SET_EXTENSIONS, extensions, (size_t)1);
}

void tree_library_shutdown(void)
{
	git_libgit2_shutdown();
}

static int tree_destroy(struct tree *t)
{
	/* children (commits, walks) go before the repository they came from */
	talloc_free_children(t);
	if (t->mailmap)
		git_mailmap_free(t->mailmap);
	if (t->odb)
		git_odb_free(t->odb);
	if (t->repo)
		git_repository_free(t->repo);
	tree_library_shutdown();
	return 0;
}

const char *tree_path(const struct tree *t)
{
	return t->path;
}

git_repository *tree_git_repository(struct tree *t)
{
	return t->repo;
}

/* libgit2 1.5.1's ownership check fails with GIT_EOWNER, or with
 * GIT_ENOTFOUND from the config class when no safe.directory is set at
 * all (a 1.5.1 bug, doc/libraries.md §1.3.1). */
static bool ownership_error(int rc)
{
	const git_error *e = git_error_last();

	return rc == GIT_EOWNER || (rc == GIT_ENOTFOUND && e && e->klass == GIT_ERROR_CONFIG);
}

/* The directory git's safe.directory wants: the absolute top level of the
 * work tree (the folder holding .git), or the git directory when bare. */
static char *repo_top(const void *ctx, const char *path)
{
	char buf[PATH_MAX];
	char *p;
	struct stat st;

	if (!realpath(path, buf))
		return talloc_strdup(ctx, path);
	p = talloc_strdup(ctx, buf);
	for (;;) {
		char *dotgit = talloc_asprintf(ctx, "%s/.git", p);
		char *head = talloc_asprintf(ctx, "%s/HEAD", p);
		char *objects = talloc_asprintf(ctx, "%s/objects", p);
		bool found = stat(dotgit, &st) == 0 ||
			     (stat(head, &st) == 0 && stat(objects, &st) == 0);
		char *slash;

		talloc_free(dotgit);
		talloc_free(head);
		talloc_free(objects);
		if (found)
			return p;
		slash = strrchr(p, '/');
		if (!slash || slash == p)
			return talloc_strdup(ctx, buf);
		*slash = '\0';
	}
}

static const char *open_error(const void *ctx, int rc, const char *path)
{
	const git_error *e = git_error_last();

	if (ownership_error(rc))
		return talloc_asprintf(ctx, _("repository is owned by another user; if you trust it, "
					      "run 'git config --global --add safe.directory %s' or "
					      "use --trust-repo"), repo_top(ctx, path));
	if (rc == GIT_ENOTFOUND)
		return _("not a git repository");
	return talloc_asprintf(ctx, _("cannot open the repository: %s"),
			       e && e->message ? e->message : _("unknown libgit2 error"));
}

/* An object database of the repository's packs and loose objects (and
 * its alternates) without the commit-graph: libgit2 1.5.1 reads and
 * checksums git's default commit-graph only to reject it (GDA2 chunk,
 * doc/libraries.md §1.1), half of a kernel-scale run; and where it accepts
 * one (generation v1) our single range walk was measured slower with it
 * (bench/kernel-scale.sh). */
static int odb_without_graph(git_repository *repo, git_odb **out)
{
	const char *common = git_repository_commondir(repo);
	char *objects = talloc_asprintf(NULL, "%sobjects", common);
	char *alternates = talloc_asprintf(objects, "%s/info/alternates", objects);
	git_odb_backend *loose = NULL, *packed = NULL;
	git_odb *odb = NULL;
	FILE *f;
	char line[PATH_MAX];
	const char **dirs;
	size_t n_dirs = 0;

	if (git_odb_new(&odb) < 0 ||
	    git_odb_backend_loose(&loose, objects, -1, 0, 0, 0) < 0 ||
	    git_odb_add_backend(odb, loose, 1) < 0)
		goto fail;
	loose = NULL;
	if (git_odb_backend_pack(&packed, objects) < 0 || git_odb_add_backend(odb, packed, 3) < 0)
		goto fail;
	packed = NULL;
	dirs = talloc_array(objects, const char *, 1);
	dirs[n_dirs++] = objects;
	f = fopen(alternates, "re");
	while (f && fgets(line, sizeof(line), f)) {
		char *alt;

		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '#')
			continue;
		alt = line[0] == '/' ? talloc_strdup(objects, line)
				     : talloc_asprintf(objects, "%s/%s", objects, line);
		git_odb_add_disk_alternate(odb, alt);
		dirs = talloc_realloc(objects, dirs, const char *, n_dirs + 1);
		dirs[n_dirs++] = alt;
	}
	if (f)
		fclose(f);
	/* between the packs (3), which serve nearly every read and need no
	 * guard, and the loose objects (1) it guards */
	if (loose_guard_add(odb, dirs, n_dirs, 2) < 0) {
		talloc_free(objects);
		git_odb_free(odb);
		return -1;
	}
	talloc_free(objects);
	*out = odb;
	return 0;
fail:
	if (loose)
		loose->free(loose);
	if (packed)
		packed->free(packed);
	git_odb_free(odb);
	talloc_free(objects);
	return -1;
}

struct tree *tree_open(const void *ctx, const char *explicit_path, bool trust, const char **err)
{
	const char *path = explicit_path;
	unsigned flags = 0;
	struct tree *t;
	const char *wd;
	int rc;

	*err = NULL;
	if (!path || !*path)
		path = getenv("BISVIEW_TREE");
	if (path && !*path)
		path = NULL;
	/* libgit2 is started per tree, not per run: its start-up loads the
	 * TLS certificates (~10 ms), which --scan and trees-less runs skip. */
	tree_library_init();
	if (trust)
		git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, 0);
	t = talloc_zero(ctx, struct tree);
	talloc_set_destructor(t, tree_destroy);
	if (!path) {
		/* No tree named: the repository around the current directory,
		 * if there is one; else quietly none. */
		rc = git_repository_open_ext(&t->repo, ".", 0, NULL);
		if (rc < 0) {
			if (ownership_error(rc))
				*err = talloc_asprintf(ctx, "%s: %s", repo_top(ctx, "."), open_error(ctx, rc, "."));
			talloc_free(t);
			return NULL;
		}
	} else {
		rc = git_repository_open_ext(&t->repo, path, flags, NULL);
		if (rc < 0) {
			*err = open_error(ctx, rc, path);
			talloc_free(t);
			return NULL;
		}
	}
	wd = git_repository_workdir(t->repo);
	t->path = talloc_strdup(t, wd ? wd : git_repository_path(t->repo));
	t->shallow = git_repository_is_shallow(t->repo) == 1;
	if (odb_without_graph(t->repo, &t->odb) == 0)
		git_repository_set_odb(t->repo, t->odb);
	else if (git_repository_odb(&t->odb, t->repo) < 0) {
		*err = open_error(ctx, -1, t->path);
		talloc_free(t);
		return NULL;
	}
	if (!t->shallow) {
		char *objects = talloc_asprintf(t, "%sobjects", git_repository_commondir(t->repo));

		t->graph = cgraph_open(t, objects);
		talloc_free(objects);
	}
	tree_partial_detect(t);
	tree_partial_check_mailmap(t);
	/* A missing .mailmap is fine: names are then shown as recorded. */
	if (git_mailmap_from_repository(&t->mailmap, t->repo) < 0)
		t->mailmap = NULL;
	return t;
}
