/* The bisection range in memory (doc/libraries.md §1.3.4, §4.2). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "tree/range.h"
#include "tree/tree_internal.h"

static const char *git_message(const void *ctx, const char *what)
{
	const git_error *e = git_error_last();

	return talloc_asprintf(ctx, "%s: %s", what, e && e->message ? e->message : "?");
}

/* talloc's array macros need a named element type */
typedef uint8_t dag_oid_t[DAG_OID_LEN];

static struct dag *range_walk_odb(struct tree *t, const void *ctx, const git_oid *bad,
				  const git_oid *goods, size_t n_goods, const char **err);

struct dag *range_walk(struct tree *t, const void *ctx, const git_oid *bad,
		       const git_oid *goods, size_t n_goods, const char **err)
{
	struct dag *d = NULL;

	/* git's commit-graph first: no commit to inflate. A commit newer
	 * than the graph sends us to the object database. */
	if (t->graph) {
		dag_oid_t *g = talloc_array(NULL, dag_oid_t, n_goods + 1);

		for (size_t i = 0; g && i < n_goods; i++)
			memcpy(g[i], goods[i].id, 20);
		if (g)
			d = range_walk_graph(ctx, t->graph, bad->id, (const uint8_t (*)[20])g, n_goods);
		talloc_free(g);
	}
	*err = NULL;
	return d ? d : range_walk_odb(t, ctx, bad, goods, n_goods, err);
}

static struct dag *range_walk_odb(struct tree *t, const void *ctx, const git_oid *bad,
				  const git_oid *goods, size_t n_goods, const char **err)
{
	struct dag *d = talloc_zero(ctx, struct dag);
	git_revwalk *w = NULL;
	git_oid oid;
	size_t cap = 1024, n = 0, np = 0, pcap = 2048;
	int rc;

	*err = NULL;
	d->oid = talloc_array(d, dag_oid_t, cap);
	if (git_revwalk_new(&w, t->repo) < 0) {
		*err = git_message(ctx, _("cannot walk the range"));
		goto fail;
	}
	/* GIT_SORT_NONE with push/hide yields exactly `git rev-list`'s order,
	 * the list git bisect works on (doc/libraries.md §1.3.4). */
	git_revwalk_sorting(w, GIT_SORT_NONE);
	if (git_revwalk_push(w, bad) < 0)
		goto walk_error;
	for (size_t i = 0; i < n_goods; i++)
		if (git_revwalk_hide(w, &goods[i]) < 0)
			goto walk_error;
	while ((rc = git_revwalk_next(&oid, w)) == 0) {
		if (n == cap) {
			cap *= 2;
			d->oid = talloc_realloc(d, d->oid, dag_oid_t, cap);
			if (!d->oid) {
				*err = _("out of memory");
				goto fail;
			}
		}
		memcpy(d->oid[n++], oid.id, DAG_OID_LEN);
	}
	if (rc != GIT_ITEROVER)
		goto walk_error;
	git_revwalk_free(w);
	w = NULL;

	d->n = (uint32_t)n;
	d->time = talloc_array(d, int64_t, n ? n : 1);
	d->parent_start = talloc_array(d, uint32_t, n + 1);
	d->parent = talloc_array(d, uint32_t, pcap);
	dag_index(d);
	for (size_t i = 0; i < n; i++) {
		git_commit *c;
		git_oid id;
		unsigned k;

		memcpy(id.id, d->oid[i], DAG_OID_LEN);
		if (git_commit_lookup(&c, t->repo, &id) < 0) {
			*err = git_message(ctx, _("cannot read a commit of the range"));
			goto fail;
		}
		d->time[i] = git_commit_time(c);
		d->parent_start[i] = (uint32_t)np;
		for (k = 0; k < git_commit_parentcount(c); k++) {
			if (np == pcap) {
				pcap *= 2;
				d->parent = talloc_realloc(d, d->parent, uint32_t, pcap);
			}
			d->parent[np++] = dag_find(d, git_commit_parent_id(c, k)->id);
		}
		git_commit_free(c);
	}
	d->parent_start[n] = (uint32_t)np;
	return d;

walk_error:
	*err = git_message(ctx, t->shallow ? _("cannot walk the range (the clone is shallow)")
					   : _("cannot walk the range"));
fail:
	if (w)
		git_revwalk_free(w);
	talloc_free(d);
	return NULL;
}
