/* The fix's own verdict: find the commit that fixed the bug after the
 * culprit and read its Fixes: trailers (doc/design.md §8.1).
 *
 * The walk may pass a million commits, so each is read raw from the
 * object database (no commit parsing, no rev-parsing), the message is
 * searched with memmem() for the one fixed string first, and the walk
 * stops at the first Reported-by match. Messages are hostile: every
 * length is bounded and nothing here is printed unsanitised. */
#include "config.h"

#define _GNU_SOURCE 1  /* memmem */
#include <string.h>
#include <talloc.h>

#include "signals/signals.h"
#include "tree/fix_internal.h"
#include "tree/xref.h"

#define SUBJECT_MAX 200
#define LINE_MAX_LEN 1024      /* longer lines cannot be a title or a trailer */
#define PROGRESS_EVERY 65536

static const char *raw_message(git_odb_object *o, size_t *len)
{
	const char *d = git_odb_object_data(o);
	size_t n = git_odb_object_size(o);
	const char *m = memmem(d, n, "\n\n", 2);

	if (!m) {
		*len = 0;
		return d + n;
	}
	*len = n - (size_t)(m + 2 - d);
	return m + 2;
}

/* Does a line of msg, blanks trimmed, read as the crash title? */
static bool names_title(const struct fix_walk *nd, const char *msg, size_t len)
{
	const char *end = msg + len;

	if (!nd->title || !memmem(msg, len, nd->title_prefix, strlen(nd->title_prefix)))
		return false;
	for (const char *p = msg; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *s = p;
		bool same = false;

		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > s && (size_t)(e - s) < LINE_MAX_LEN && !memchr(s, '\0', (size_t)(e - s))) {
			char *line = talloc_strndup(nd->tmp, s, (size_t)(e - s));

			same = !strcmp(title_normalize(line, line), nd->title);
			talloc_free(line);
		}
		if (same)
			return true;
		p = nl ? nl + 1 : end;
	}
	return false;
}

static char *subject_of(const void *ctx, const char *msg, size_t len)
{
	size_t n = 0;

	while (n < len && n < SUBJECT_MAX && msg[n] != '\n' && msg[n] != '\0')
		n++;
	return talloc_strndup(ctx, msg, n);
}

/* A Fixes: trailer's hash (7 to 40 hex), resolved in the tree by prefix
 * lookup only: a message cannot ask for HEAD~3 or a ref. */
static bool resolve_fixes_hash(struct tree *t, const char *p, const char *end, git_oid *out)
{
	size_t n = 0;
	git_object *obj = NULL;
	git_oid prefix;

	while (p + n < end && n <= GIT_OID_HEXSZ && p[n] && strchr("0123456789abcdefABCDEF", p[n]))
		n++;
	if (n < 7 || n > GIT_OID_HEXSZ || git_oid_fromstrn(&prefix, p, n) < 0)
		return false;
	if (git_object_lookup_prefix(&obj, t->repo, &prefix, n, GIT_OBJECT_COMMIT) < 0)
		return false;
	git_oid_cpy(out, git_object_id(obj));
	git_object_free(obj);
	return true;
}

/* Every "Fixes: HASH" line at a line start, at most FIX_MAX_TRAILERS,
 * each commit once. */
static void read_fixes(struct tree *t, struct tree_fix *f, const char *msg, size_t len)
{
	const char *end = msg + len;
	size_t seen = 0;

	f->fixes = talloc_array(f, const char *, FIX_MAX_TRAILERS);
	for (const char *p = msg; p < end && seen < FIX_MAX_TRAILERS;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		git_oid id;

		if ((size_t)(e - p) > 7 && !strncasecmp(p, "Fixes:", 6)) {
			const char *h = p + 6;

			seen++;
			while (h < e && (*h == ' ' || *h == '\t'))
				h++;
			if (resolve_fixes_hash(t, h, e, &id)) {
				char hex[GIT_OID_HEXSZ + 1];
				bool dup = false;

				git_oid_tostr(hex, sizeof(hex), &id);
				for (size_t i = 0; i < f->n_fixes; i++)
					dup = dup || !strcmp(f->fixes[i], hex);
				if (!dup)
					f->fixes[f->n_fixes++] = talloc_strdup(f->fixes, hex);
			}
		}
		p = nl ? nl + 1 : end;
	}
}

/* Does commit c contain f (f is c or one of its ancestors)? -1 unknown. */
static int contains(struct tree *t, const git_oid *c, const git_oid *f)
{
	int rc;

	if (git_oid_equal(c, f))
		return 1;
	rc = git_graph_descendant_of(t->repo, c, f);
	return rc < 0 ? -1 : rc;
}

/* The first step whose verdict says the opposite of "the bug came with
 * fixes[0]" (a cause bisection's terms: good = no bug). */
static int contradicting_step(struct tree *t, const struct blog *log, const struct log_xref *x,
			      const char *fixes)
{
	git_oid f, c;

	if (git_oid_fromstr(&f, fixes) < 0)
		return -1;
	for (size_t i = 0; i < log->n_steps && i < x->n_steps; i++) {
		enum verdict v = log->steps[i]->verdict;
		int has;

		if ((v != VERDICT_GOOD && v != VERDICT_BAD) || !x->steps[i].facts.found ||
		    git_oid_fromstr(&c, x->steps[i].facts.commit) < 0)
			continue;
		has = contains(t, &c, &f);
		if ((v == VERDICT_GOOD && has == 1) || (v == VERDICT_BAD && has == 0))
			return (int)i;
	}
	return -1;
}

static void walk_init(struct fix_walk *fw, struct tree *t, const struct blog *log,
		      const struct fix_query *q)
{
	const char *title = log->crash_title;

	fw->t = t;
	fw->q = q;
	fw->tmp = talloc_new(NULL);
	if (q && q->extid && *q->extid)
		fw->reported_by = talloc_asprintf(fw->tmp, "Reported-by: syzbot+%s@", q->extid);
	if (title && *title && strlen(title) < LINE_MAX_LEN) {
		fw->title = title_normalize(fw->tmp, title);
		fw->title_prefix = talloc_strndup(fw->tmp, fw->title, strcspn(fw->title, ".:"));
	}
}

bool fix_visit(struct fix_walk *fw, const git_oid *id)
{
	git_odb_object *o = NULL;
	const char *msg;
	size_t len;
	bool stop = false;

	if (++fw->visited % PROGRESS_EVERY == 0 && fw->q && fw->q->progress &&
	    !fw->q->progress(fw->q->progress_arg, fw->visited)) {
		fw->cut = true;  /* cancelled: stop here, found nothing */
		return true;
	}
	if (git_odb_read(&o, fw->t->odb, id) < 0)
		return false;
	msg = raw_message(o, &len);
	if (fw->reported_by && memmem(msg, len, fw->reported_by, strlen(fw->reported_by))) {
		git_oid_cpy(&fw->found, id);
		fw->have_extid = stop = true;
	} else if (!fw->have_title && names_title(fw, msg, len)) {
		git_oid_cpy(&fw->found, id);
		fw->have_title = true;
		stop = !fw->reported_by;
	}
	git_odb_object_free(o);
	return stop;
}

/* HEAD and the --branch refs the tree has; n of them, under ctx. */
static git_oid *walk_tips(struct tree *t, void *ctx, const struct fix_query *q, size_t *n)
{
	size_t cap = 1 + (q ? q->n_branches : 0);
	git_oid *tips = talloc_array(ctx, git_oid, cap);

	*n = 0;
	if (git_reference_name_to_id(&tips[*n], t->repo, "HEAD") == 0)
		(*n)++;
	for (size_t i = 0; q && i < q->n_branches; i++)
		if (tree_resolve(t, q->branches[i], &tips[*n]) == 0)
			(*n)++;
	return tips;
}

/* Without a commit-graph we can read: libgit2's revwalk. */
static void walk_revwalk(struct fix_walk *fw, const git_oid *culprit, const git_oid *tips,
			 size_t n_tips)
{
	git_revwalk *w = NULL;
	git_oid id;

	if (git_revwalk_new(&w, fw->t->repo) < 0)
		return;
	git_revwalk_sorting(w, GIT_SORT_TIME);  /* newest first, as the graph walk */
	for (size_t i = 0; i < n_tips; i++)
		(void)git_revwalk_push(w, &tips[i]);
	if (git_revwalk_hide(w, culprit) == 0)
		while (git_revwalk_next(&id, w) == 0 && !fix_visit(fw, &id))
			if (fw->visited >= FIX_WALK_MAX) {
				fw->cut = true;
				break;
			}
	git_revwalk_free(w);
}

static struct tree_fix *describe(struct tree *t, const void *ctx, const git_oid *id,
				 const struct blog *log, const struct log_xref *x)
{
	struct tree_fix *f = talloc_zero(ctx, struct tree_fix);
	git_odb_object *o = NULL;
	const char *msg;
	size_t len;
	char hex[GIT_OID_HEXSZ + 1];

	if (git_odb_read(&o, t->odb, id) < 0)
		return NULL;
	msg = raw_message(o, &len);
	f->commit = talloc_strdup(f, git_oid_tostr(hex, sizeof(hex), id));
	f->subject = subject_of(f, msg, len);
	read_fixes(t, f, msg, len);
	git_odb_object_free(o);
	for (size_t i = 0; i < f->n_fixes; i++)
		f->agrees = f->agrees || !strcmp(f->fixes[i], x->culprit);
	f->contradicting_step = -1;
	if (f->n_fixes > 0 && !f->agrees)
		f->contradicting_step = contradicting_step(t, log, x, f->fixes[0]);
	return f;
}

const struct tree_fix *tree_find_fix(struct tree *t, const void *ctx, const struct blog *log,
				     const struct log_xref *x, const struct fix_query *q,
				     struct fix_search *search)
{
	struct fix_walk fw = { 0 };
	git_oid culprit, *tips;
	struct tree_fix *f = NULL;
	size_t n_tips;

	if (!t || !x || !x->has_culprit || log->kind == KIND_FIX ||
	    git_oid_fromstr(&culprit, x->culprit) < 0)
		return NULL;
	walk_init(&fw, t, log, q);
	tips = walk_tips(t, fw.tmp, q, &n_tips);
	if ((fw.reported_by || fw.title) && n_tips > 0 &&
	    fix_walk_graph(&fw, &culprit, tips, n_tips) < 0) {
		/* start again, from the tips, with libgit2 */
		fw.visited = 0;
		fw.have_title = fw.have_extid = fw.cut = false;
		walk_revwalk(&fw, &culprit, tips, n_tips);
	}
	if (fw.have_extid || fw.have_title)
		f = describe(t, ctx, &fw.found, log, x);
	if (f)
		f->match = fw.have_extid ? FIX_BY_EXTID : FIX_BY_TITLE;
	if (search) {
		search->searched = (fw.reported_by || fw.title) && n_tips > 0;
		search->commits = fw.visited;
		search->complete = !fw.cut;
	}
	talloc_free(fw.tmp);
	return f;
}
