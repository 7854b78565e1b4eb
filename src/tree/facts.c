/* Facts about the commits a log names: resolved ids, subjects, authors,
 * dates, messages, and the files a commit changes. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "tree/tree_internal.h"

static bool is_full_hash(const char *ref)
{
	size_t n = strspn(ref, "0123456789abcdef");

	return n == GIT_OID_HEXSZ && ref[n] == '\0';
}

int tree_resolve(struct tree *t, const char *ref, git_oid *out)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc;

	if (!ref || !*ref)
		return -1;
	if (is_full_hash(ref)) {
		/* doc/libraries.md §1.3.2: a plain lookup of a missing id rescans
		 * the packs and re-reads the commit-graph; NO_REFRESH does not. */
		if (git_oid_fromstr(out, ref) < 0 ||
		    !git_odb_exists_ext(t->odb, out, GIT_ODB_LOOKUP_NO_REFRESH))
			return -1;
		return 0;
	}
	/* Tags in old logs (v5.1) and abbreviations: revparse, then peel
	 * annotated tags to their commit. Refuse anything with syntax
	 * beyond a name or hex, so a log cannot ask for HEAD~3:path. */
	if (strpbrk(ref, "~^:@{}\\ ") || ref[0] == '-')
		return -1;
	rc = git_revparse_single(&obj, t->repo, ref);
	if (rc < 0)
		return -1;
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return -1;
	git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	return 0;
}

static char *iso8601(const void *ctx, const git_time *when)
{
	/* git's --date=iso-strict: the author's own offset */
	time_t local = (time_t)(when->time + (git_time_t)when->offset * 60);
	struct tm tm;
	char buf[40];
	int off = when->offset < 0 ? -when->offset : when->offset;

	gmtime_r(&local, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S", &tm);
	return talloc_asprintf(ctx, "%s%c%02d:%02d", buf, when->offset < 0 ? '-' : '+',
			       off / 60, off % 60);
}

/* Old commits may carry an "encoding ISO-8859-1" header; libgit2 hands
 * the bytes over as they are, git re-encodes them to UTF-8. So do we. */
static char *recode(const void *ctx, const char *s, const char *encoding)
{
	iconv_t cd;
	size_t in_left, out_left, cap;
	char *out, *in, *o;

	if (!s)
		return NULL;
	if (!encoding || !strcasecmp(encoding, "UTF-8") || !strcasecmp(encoding, "utf8"))
		return talloc_strdup(ctx, s);
	cd = iconv_open("UTF-8", encoding);
	if (cd == (iconv_t)-1)
		return talloc_strdup(ctx, s);  /* unknown encoding: the sanitiser marks bad bytes */
	in_left = strlen(s);
	cap = in_left * 4 + 1;
	out = talloc_size(ctx, cap);
	in = (char *)(uintptr_t)s;  /* iconv wants char **, it does not write */
	o = out;
	out_left = cap - 1;
	while (in_left > 0 && iconv(cd, &in, &in_left, &o, &out_left) == (size_t)-1) {
		if (out_left < 4)
			break;
		/* an invalid byte: keep it, the sanitiser shows U+FFFD */
		*o++ = *in++;
		in_left--;
		out_left--;
	}
	*o = '\0';
	iconv_close(cd);
	return out;
}

/* libgit2 1.5.1 matches .mailmap e-mails case-sensitively, git does not:
 * when nothing matched, try again with the e-mail in lower case. */
static int author_mailmapped(struct tree *t, const git_commit *c, const char **name,
			     const char **email, git_signature **owned)
{
	const git_signature *a = git_commit_author(c);
	char *lower;
	int rc;

	*owned = NULL;
	*name = a->name;
	*email = a->email;
	if (!t->mailmap)
		return 0;
	if (git_commit_author_with_mailmap(owned, c, t->mailmap) == 0 &&
	    (strcmp((*owned)->name, a->name) || strcmp((*owned)->email, a->email))) {
		*name = (*owned)->name;
		*email = (*owned)->email;
		return 0;
	}
	lower = talloc_strdup(NULL, a->email);
	for (char *p = lower; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	rc = git_mailmap_resolve(name, email, t->mailmap, a->name, lower);
	if (rc < 0 || (*email == lower && !strcmp(*name, a->name))) {
		*name = a->name;  /* no entry: the e-mail as recorded */
		*email = a->email;
	} else if (*email == lower) {
		*email = a->email;
	}
	/* name/email now point into the mailmap or the commit, not lower */
	talloc_free(lower);
	return 0;
}

int tree_commit_facts(struct tree *t, const void *ctx, const char *ref, struct commit_facts *out)
{
	git_oid oid;
	git_commit *c;
	git_signature *owned = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	const char *msg, *enc, *name, *email;

	memset(out, 0, sizeof(*out));
	if (tree_resolve(t, ref, &oid) < 0)
		return -1;
	if (git_commit_lookup(&c, t->repo, &oid) < 0) {
		/* the object database has it, yet it does not read as a
		 * commit: a damaged repository, not a missing commit */
		out->unreadable = true;
		return -1;
	}
	out->found = true;
	git_oid_tostr(hex, sizeof(hex), &oid);
	out->commit = talloc_strdup(ctx, hex);
	enc = git_commit_message_encoding(c);
	out->subject = recode(ctx, git_commit_summary(c) ? git_commit_summary(c) : "", enc);
	msg = git_commit_message(c);
	out->message = recode(ctx, msg ? msg : "", enc);
	author_mailmapped(t, c, &name, &email, &owned);
	out->author = talloc_asprintf(ctx, "%s <%s>", recode(ctx, name, enc), email);
	out->date = iso8601(ctx, &git_commit_author(c)->when);
	git_signature_free(owned);
	out->n_parents = git_commit_parentcount(c);
	if (out->n_parents > 0) {
		git_oid_tostr(hex, sizeof(hex), git_commit_parent_id(c, 0));
		out->first_parent = talloc_strdup(ctx, hex);
	}
	git_commit_free(c);
	return 0;
}

static char status_letter(git_delta_t s)
{
	switch (s) {
	case GIT_DELTA_ADDED: return 'A';
	case GIT_DELTA_DELETED: return 'D';
	case GIT_DELTA_RENAMED: return 'R';
	case GIT_DELTA_COPIED: return 'C';
	case GIT_DELTA_TYPECHANGE: return 'T';
	default: return 'M';
	}
}

/* A commit's root tree; TREE_MISSING when a partial clone lacks it. */
static int commit_tree(struct tree *t, git_tree **out, const git_commit *c)
{
	if (git_commit_tree(out, c) == 0)
		return 0;
	return tree_object_missing(t, git_commit_tree_id(c)) ? TREE_MISSING : -1;
}

/* The diff of a commit against its first parent (the empty tree for a
 * root commit), with rename detection as `git show` does it. */
int tree_commit_diff(struct tree *t, const char *commit, git_diff **out, unsigned *n_parents)
{
	git_oid oid;
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *ptree = NULL;
	git_diff_options o;
	git_diff_find_options f;
	int rc = -1;

	git_diff_options_init(&o, GIT_DIFF_OPTIONS_VERSION);
	git_diff_find_options_init(&f, GIT_DIFF_FIND_OPTIONS_VERSION);
	*out = NULL;
	if (tree_resolve(t, commit, &oid) < 0 || git_commit_lookup(&c, t->repo, &oid) < 0)
		return -1;
	if (n_parents)
		*n_parents = git_commit_parentcount(c);
	if ((rc = commit_tree(t, &tree, c)) < 0)
		goto done;
	if (git_commit_parentcount(c) > 0 &&
	    (git_commit_parent(&parent, c, 0) < 0 || (rc = commit_tree(t, &ptree, parent)) < 0)) {
		rc = rc == TREE_MISSING ? rc : -1;
		goto done;
	}
	o.context_lines = 3;
	o.id_abbrev = 12;
	if (git_diff_tree_to_tree(out, t->repo, ptree, tree, &o) < 0) {
		/* a subtree the partial clone was not given */
		rc = tree_missing_after_error(t) ? TREE_MISSING : -1;
		goto done;
	}
	f.flags = GIT_DIFF_FIND_RENAMES;
	if (git_diff_find_similar(*out, &f) < 0) {
		git_diff_free(*out);
		*out = NULL;
		rc = tree_missing_after_error(t) ? TREE_MISSING : -1;
		goto done;
	}
	rc = 0;
done:
	git_tree_free(ptree);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return rc;
}

bool diff_blobs_present(struct tree *t, const git_diff_delta *d)
{
	/* both sides are asked, so that both are counted */
	bool old_missing = tree_object_missing(t, &d->old_file.id);
	bool new_missing = tree_object_missing(t, &d->new_file.id);

	return !old_missing && !new_missing;
}

void diff_file_fill(const void *ctx, struct diff_file *df, const git_diff_delta *d, git_patch *patch)
{
	size_t ctx_lines = 0, adds = 0, dels = 0;

	df->path = talloc_strdup(ctx, d->new_file.path);
	df->old_path = talloc_strdup(ctx, d->old_file.path);
	df->status = status_letter(d->status);
	df->binary = (d->flags & GIT_DIFF_FLAG_BINARY) != 0;
	if (patch) {
		git_patch_line_stats(&ctx_lines, &adds, &dels, patch);
		df->binary = df->binary || (git_patch_get_delta(patch)->flags & GIT_DIFF_FLAG_BINARY);
	}
	df->insertions = (int)adds;
	df->deletions = (int)dels;
}

int tree_commit_files(struct tree *t, const void *ctx, const char *commit,
		      struct diff_file **files, size_t *n)
{
	git_diff *diff;
	size_t count;

	*files = NULL;
	*n = 0;
	int rc = tree_commit_diff(t, commit, &diff, NULL);

	if (rc < 0)
		return rc;
	count = git_diff_num_deltas(diff);
	*files = talloc_zero_array(ctx, struct diff_file, count ? count : 1);
	for (size_t i = 0; i < count; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		git_patch *patch = NULL;
		bool present = diff_blobs_present(t, d);

		if (!present || git_patch_from_diff(&patch, diff, i) < 0)
			patch = NULL;
		diff_file_fill(*files, &(*files)[*n], d, patch);
		(*files)[(*n)++].content_missing = !present;
		git_patch_free(patch);
	}
	git_diff_free(diff);
	return 0;
}
