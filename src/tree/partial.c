/* Partial clones (`git clone --filter=blob:none`, `--filter=tree:0`):
 * telling one, and counting the objects it lacks.
 *
 * libgit2 1.5.1 cannot fetch a promisor remote's missing objects, so a
 * fact that needs one is unknown here, never computed on nothing
 * (doc/libraries.md §1.2.5). A missing object in a repository that is no
 * partial clone is damage, and is reported as such by the callers. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "tree/tree_internal.h"

/* The promisor remote's filter, from the config git writes at clone
 * time: remote.<name>.promisor = true and remote.<name>.partialclonefilter,
 * or (older git) extensions.partialclone = <name>. */
struct promisor_scan {
	const void *ctx;
	bool found;
	const char *filter;
};

static bool ends_with(const char *s, const char *tail)
{
	size_t len = strlen(s), n = strlen(tail);

	return len > n && !strcmp(s + len - n, tail);
}

/* Every entry is looked at here: libgit2 1.5.1's git_config_foreach_match
 * leaks the regex match data of each entry that does not match (its
 * git_regexp_match returns before freeing it), a leak per tree_open. */
static int promisor_entry(const git_config_entry *e, void *payload)
{
	struct promisor_scan *s = payload;
	bool remote = !strncmp(e->name, "remote.", 7);
	int on = 0;

	if (remote && ends_with(e->name, ".promisor")) {
		if (git_config_parse_bool(&on, e->value) == 0 && on)
			s->found = true;
	} else if (remote && ends_with(e->name, ".partialclonefilter")) {
		s->found = true;
		if (!s->filter)
			s->filter = talloc_strdup(s->ctx, e->value);
	} else if (!strcmp(e->name, "extensions.partialclone")) {
		s->found = true;
	}
	return 0;
}

void tree_partial_detect(struct tree *t)
{
	git_config *cfg = NULL;
	struct promisor_scan s = { .ctx = t };

	if (git_repository_config_snapshot(&cfg, t->repo) < 0)
		return;
	git_config_foreach(cfg, promisor_entry, &s);
	git_config_free(cfg);
	if (!s.found)
		return;
	t->partial = talloc_zero(t, struct tree_partial);
	t->partial->filter = s.filter;
}

const struct tree_partial *tree_partial(const struct tree *t)
{
	return t ? t->partial : NULL;
}

/* Remember a missing object once, however often it is asked for. */
static void note_missing(struct tree *t, const git_oid *id)
{
	for (size_t i = 0; i < t->n_missing_ids; i++)
		if (git_oid_equal(&t->missing_ids[i], id))
			return;
	t->missing_ids = talloc_realloc(t, t->missing_ids, git_oid, t->n_missing_ids + 1);
	git_oid_cpy(&t->missing_ids[t->n_missing_ids++], id);
	t->partial->missing = t->n_missing_ids;
}

bool tree_object_missing(struct tree *t, const git_oid *id)
{
	if (!t->partial || git_oid_is_zero(id))
		return false;
	if (git_odb_exists_ext(t->odb, id, GIT_ODB_LOOKUP_NO_REFRESH))
		return false;
	note_missing(t, id);
	return true;
}

/* libgit2 names the object it did not find in its error text ("... no
 * match for id (HEX)"): count it, when the repository is a partial clone
 * and the last error was a missing object. */
bool tree_missing_after_error(struct tree *t)
{
	const git_error *e = git_error_last();
	const char *at;
	git_oid id;

	if (!t->partial || !e || !e->message)
		return false;
	at = strstr(e->message, "no match for id (");
	if (!at)
		return e->klass == GIT_ERROR_ODB;
	if (git_oid_fromstrn(&id, at + 17, GIT_OID_HEXSZ) == 0)
		tree_object_missing(t, &id);
	return true;
}

/* One shell word: single-quoted unless it is plain, so that a path with
 * blanks or quotes pastes safely. */
static char *shell_word(const void *ctx, const char *s)
{
	char *out;

	if (s[0] && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
			      "0123456789/._-+:,@") == strlen(s))
		return talloc_strdup(ctx, s);
	out = talloc_strdup(ctx, "'");
	for (; *s; s++)
		out = *s == '\'' ? talloc_strdup_append(out, "'\\''")
				 : talloc_asprintf_append(out, "%c", *s);
	return talloc_strdup_append(out, "'");
}

char *tree_fetch_command(const void *ctx, const char *tree_dir, const char *commit, const char *path)
{
	char *dir = shell_word(ctx, tree_dir), *cmd;

	/* git fetches what a command needs from the promisor remote: the
	 * diff's blobs for show --stat, one blob for cat-file */
	if (path) {
		char *spec = talloc_asprintf(ctx, "%s:%s", commit, path);

		cmd = talloc_asprintf(ctx, "git -C %s cat-file blob %s >/dev/null", dir,
				      shell_word(ctx, spec));
		talloc_free(spec);
	} else {
		cmd = talloc_asprintf(ctx, "git -C %s show --stat %s >/dev/null", dir,
				      shell_word(ctx, commit));
	}
	talloc_free(dir);
	return cmd;
}

bool tree_file_listed(struct tree *t, const char *commit, const char *path)
{
	git_oid oid;
	git_commit *c = NULL;
	git_tree *tree = NULL;
	git_tree_entry *te = NULL;
	bool listed = false;

	if (tree_resolve(t, commit, &oid) == 0 && git_commit_lookup(&c, t->repo, &oid) == 0 &&
	    git_commit_tree(&tree, c) == 0 && git_tree_entry_bypath(&te, tree, path) == 0)
		listed = git_tree_entry_type(te) == GIT_OBJECT_BLOB;
	git_tree_entry_free(te);
	git_tree_free(tree);
	git_commit_free(c);
	return listed;
}

/* A bare repository takes its .mailmap from HEAD:.mailmap (git and
 * libgit2 alike); in a blobless clone that blob may be missing, and
 * libgit2 then maps no names without a word. Count it, so that the
 * missing objects said to the user include it. */
void tree_partial_check_mailmap(struct tree *t)
{
	git_object *obj = NULL;
	git_tree_entry *te = NULL;
	git_tree *head = NULL;

	if (!t->partial || !git_repository_is_bare(t->repo))
		return;
	if (git_revparse_single(&obj, t->repo, "HEAD^{tree}") == 0) {
		head = (git_tree *)obj;
		if (git_tree_entry_bypath(&te, head, ".mailmap") == 0)
			t->partial->mailmap_missing = tree_object_missing(t, git_tree_entry_id(te));
	}
	git_tree_entry_free(te);
	git_object_free(obj);
}
