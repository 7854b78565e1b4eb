/* The commits of the demo history: patches that edit a subsystem's files,
 * topic branches of them (some with a side branch merged in), merges
 * that pull them, "Linux 1.N-rcM" commits with their tags, and the two
 * special commits: the culprit that brings the bug and the fix that
 * removes it. Patch series share one committer date (ties). */
#include "config.h"

#include <string.h>
#include <talloc.h>
#include <time.h>

#include "demo/demo_history.h"
#include "demo/demo_msg.h"

const struct demo_person *demo_gen_author(struct gen *g, int sub)
{
	unsigned i;

	if (sub >= 0 && demo_chance(&g->rng, 20))
		return &g->people[g->sub[sub].maintainer];
	i = PERSON_FIRST_AUTHOR +
	    demo_below(&g->rng, (uint32_t)(g->n_people - PERSON_FIRST_AUTHOR));
	/* Marek's old address until the middle of the history */
	if (i == PERSON_MAREK && 2 * g->cycle <= g->opt->releases)
		i = PERSON_MAREK_OLD;
	return &g->people[i];
}

static const struct demo_person *reviewer_for(struct gen *g, const struct demo_person *author)
{
	const struct demo_person *r;

	if (!demo_chance(&g->rng, 60))
		return NULL;
	r = &g->people[PERSON_FIRST_AUTHOR + 1 +
		       demo_below(&g->rng, (uint32_t)(g->n_people - PERSON_FIRST_AUTHOR - 1))];
	return r == author ? NULL : r;
}

/* Write the commit of file versions v on top of parent (and second, for
 * a merge) into t; t may be the parent itself. */
int demo_gen_write(struct gen *g, struct tip *t, const struct tip *parent,
		   const struct tip *second, struct demo_version **v,
		   const struct demo_person *author, int64_t atime,
		   const struct demo_person *committer, int64_t ctime, const char *msg)
{
	void *tmp = talloc_new(g);
	const char **paths = talloc_array(tmp, const char *, g->n_files);
	git_oid *blobs = talloc_array(tmp, git_oid, g->n_files);
	git_oid parents[2], base, tree, oid;
	size_t n = 0, np = 0;
	int rc = -1;

	if (parent) {
		git_oid_cpy(&base, &parent->tree);
		git_oid_cpy(&parents[np++], &parent->oid);
	}
	if (second)
		git_oid_cpy(&parents[np++], &second->oid);
	for (size_t i = 0; i < g->n_files; i++) {
		if (parent && v[i] == parent->v[i])
			continue;
		if (!v[i]->written) {
			size_t len;
			char *text = demo_render(tmp, g->weave[i], v[i], &len);

			if (demo_git_blob(g->git, text, len, &v[i]->blob) < 0)
				goto out;
			v[i]->written = true;
		}
		paths[n] = g->path[i];
		git_oid_cpy(&blobs[n++], &v[i]->blob);
	}
	if (demo_git_tree(g->git, parent ? &base : NULL, paths, blobs, n, &tree) < 0 ||
	    demo_git_commit(g->git, &tree, parents, np, author, atime, committer, ctime, msg,
			    &oid) < 0)
		goto out;
	git_oid_cpy(&t->oid, &oid);
	git_oid_cpy(&t->tree, &tree);
	t->time = ctime;
	t->v = v;
	g->plan->commits++;
	if (second)
		g->plan->merges++;
	rc = 0;
out:
	talloc_free(tmp);
	return rc;
}

static struct demo_version **copy_versions(struct gen *g, const struct tip *t)
{
	struct demo_version **v = talloc_array(g, struct demo_version *, g->n_files);

	memcpy(v, t->v, g->n_files * sizeof(struct demo_version *));
	return v;
}

/* A file a commit of subsystem sub would touch; any when sub < 0. */
static size_t pick_file(struct gen *g, int sub)
{
	unsigned total = 0, roll;

	for (size_t i = 0; i < g->n_files; i++)
		if (g->file[i]->lang != LANG_FIXED && (sub < 0 || g->file[i]->subsys == sub))
			total += (unsigned)g->file[i]->weight;
	roll = demo_below(&g->rng, total);
	for (size_t i = 0; i < g->n_files; i++) {
		if (g->file[i]->lang == LANG_FIXED || (sub >= 0 && g->file[i]->subsys != sub))
			continue;
		if (roll < (unsigned)g->file[i]->weight)
			return i;
		roll -= (unsigned)g->file[i]->weight;
	}
	return 0;
}

int demo_gen_pick_sub(struct gen *g)
{
	unsigned total = 0, roll;

	for (size_t i = 0; i < g->n_sub; i++)
		total += (unsigned)g->sub[i].weight;
	roll = demo_below(&g->rng, total);
	for (size_t i = 0; i < g->n_sub; i++) {
		if (roll < (unsigned)g->sub[i].weight)
			return (int)i;
		roll -= (unsigned)g->sub[i].weight;
	}
	return 0;
}

int demo_gen_patch(struct gen *g, struct tip *t, int sub, const struct slot *s,
		   const struct demo_person *committer, const char **subject)
{
	struct demo_version **v = copy_versions(g, t);
	struct demo_change ch = { 0 };
	size_t f = 0;
	char *msg;

	for (int tries = 0; tries < 6; tries++) {
		f = pick_file(g, sub);
		v[f] = demo_edit(g, g->weave[f], t->v[f], g->file[f], &g->rng, &ch);
		if (v[f])
			break;
		v[f] = t->v[f];
	}
	if (v[f] == t->v[f])
		return -1;
	/* some patches touch a second file of the subsystem too */
	if (demo_chance(&g->rng, 25)) {
		size_t f2 = pick_file(g, sub);
		struct demo_change ch2;

		if (f2 != f) {
			v[f2] = demo_edit(g, g->weave[f2], t->v[f2], g->file[f2], &g->rng, &ch2);
			if (!v[f2])
				v[f2] = t->v[f2];
		}
	}
	*subject = talloc_asprintf(g, "%s: %s", g->file[f]->prefix, ch.subject);
	msg = demo_msg_patch(g, &g->rng, *subject, ch.func, s->author,
			     reviewer_for(g, s->author), committer, s->atime, g->serial++);
	return demo_gen_write(g, t, t, NULL, v, s->author, s->atime, committer, s->ctime, msg);
}

/* The commit that brings the bug, or the one that removes it. */
static int special_commit(struct gen *g, struct tip *t, enum special what, const struct slot *s,
			  const struct demo_person *committer, const char **subject)
{
	static const char *const bug[] = {
		"\t\t\t/* page faults under the VMA lock must not see the old table */",
		"\t\t\tvma_start_write(vma);",
	};
	static const char *const doc[] = {
		"Each VMA is write-locked while its page table is collapsed.",
	};
	struct demo_version **v = copy_versions(g, t);
	const struct demo_person *author = &g->people[what == SPECIAL_CULPRIT ? PERSON_MAREK_OLD
									     : PERSON_JUN];
	size_t k = g->khugepaged, d = g->transhuge;
	char *msg;

	if (what == SPECIAL_CULPRIT) {
		v[k] = demo_insert_after(g, g->weave[k], t->v[k], "retract_page_tables",
					 "if (mmap_write_trylock(mm)) {", bug, 2, LINE_BUG);
		v[d] = demo_insert_after(g, g->weave[d], t->v[d], NULL,
					 "given, whatever the khugepaged settings are.", doc, 1,
					 LINE_BUG);
		if (!v[k] || !v[d])
			return -1;
		msg = demo_msg_culprit(g, author, &g->people[PERSON_JUN], committer, s->atime);
	} else {
		v[k] = demo_drop_kind(g, g->weave[k], t->v[k], LINE_BUG);
		v[d] = demo_drop_kind(g, g->weave[d], t->v[d], LINE_BUG);
		msg = demo_msg_fix(g, g->culprit_hex, author, committer, s->atime);
	}
	*subject = talloc_strndup(g, msg, strcspn(msg, "\n"));
	if (demo_gen_write(g, t, t, NULL, v, author, s->atime, committer, s->ctime, msg) < 0)
		return -1;
	if (what == SPECIAL_CULPRIT) {
		git_oid_cpy(&g->plan->culprit, &t->oid);
		git_oid_tostr(g->culprit_hex, sizeof(g->culprit_hex), &t->oid);
	} else {
		git_oid_cpy(&g->plan->fix, &t->oid);
	}
	return 0;
}

/* Commit dates between t0 and t1; series of patches share one committer
 * date and one author, as when a maintainer applies a series at once. */
static void plan_times(struct gen *g, struct slot *s, unsigned n, int64_t t0, int64_t t1, int sub)
{
	for (unsigned i = 0; i < n; i++)
		s[i].ctime = t0 + (int64_t)demo_below(&g->rng, (uint32_t)(t1 > t0 ? t1 - t0 : 1));
	for (unsigned i = 1; i < n; i++)
		for (unsigned j = i; j > 0 && s[j - 1].ctime > s[j].ctime; j--) {
			int64_t x = s[j].ctime;

			s[j].ctime = s[j - 1].ctime;
			s[j - 1].ctime = x;
		}
	for (unsigned i = 0; i < n;) {
		unsigned len = demo_chance(&g->rng, 35) ? 2 + demo_below(&g->rng, 4) : 1, j;
		const struct demo_person *a = demo_gen_author(g, sub);
		int64_t back = HOUR + demo_below(&g->rng, 5 * DAY);

		for (j = 0; j < len && i + j < n; j++) {
			s[i + j].ctime = s[i].ctime;
			s[i + j].atime = s[i].ctime - back + 60 * j;
			s[i + j].author = a;
		}
		i += j;
	}
}

int demo_gen_merge(struct gen *g, struct tip *into, const struct tip *base,
		   const struct tip *branch, const struct demo_person *who, int64_t when,
		   const char *msg)
{
	struct demo_version **v = talloc_array(g, struct demo_version *, g->n_files);

	for (size_t i = 0; i < g->n_files; i++) {
		struct demo_version *a = into->v[i], *b = branch->v[i], *o = base->v[i];

		if (b == o || a == b)
			v[i] = a;
		else if (a == o)
			v[i] = b;
		else
			v[i] = demo_merge(g, o, a, b);
	}
	return demo_gen_write(g, into, into, branch, v, who, when, who, when, msg);
}

const char *demo_gen_date(struct gen *g, int64_t when)
{
	time_t t = (time_t)when;
	struct tm tm;
	char buf[16];

	gmtime_r(&t, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%d", &tm);
	return talloc_strdup(g, buf);
}

/* A topic branch from base, its commits dated t0 .. t1; the subjects
 * (oldest first) go to *subjects for the pull's message. */
int demo_gen_topic(struct gen *g, const struct tip *base, const struct topic_plan *tp,
		   int64_t t0, int64_t t1, struct tip *out, const char ***subjects)
{
	const struct demo_subsys *sub = &g->sub[tp->sub];
	const struct demo_person *m = &g->people[sub->maintainer];
	unsigned n_side = tp->nested ? tp->n / 3 : 0, n_main = tp->n - n_side, on_main = 0, k = 0;
	struct slot *s = talloc_array(g, struct slot, tp->n);
	const char **list = talloc_array(g, const char *, tp->n + 1);
	struct tip side = *base;

	plan_times(g, s, tp->n, t0, t1 - (tp->nested ? HOUR : 0), tp->sub);
	*out = *base;
	for (unsigned i = 0; i < tp->n; i++) {
		bool to_side = k < n_side && i % 3 == 1;
		int rc;

		if (to_side) {
			rc = demo_gen_patch(g, &side, tp->sub, &s[i], m, &list[i]);
			k++;
		} else if (tp->special != SPECIAL_NONE &&
			   on_main++ == (g->opt->culprit_first ? 0 : n_main / 2)) {
			rc = special_commit(g, out, tp->special, &s[i], m, &list[i]);
		} else {
			rc = demo_gen_patch(g, out, tp->sub, &s[i], m, &list[i]);
		}
		if (rc < 0)
			return -1;
	}
	if (n_side) {
		const char *what = demo_chance(&g->rng, 50) ? "cleanups" : "fixes";
		char *msg = talloc_asprintf(g, "Merge branch '%s-%s' into %s\n", sub->name, what,
					    sub->tag);

		if (demo_gen_merge(g, out, base, &side, m, t1 - HOUR / 2, msg) < 0)
			return -1;
	}
	*subjects = list;
	return 0;
}

/* "Linux 1.N-rcM": the Makefile's version, and an annotated tag. */
int demo_gen_release(struct gen *g, unsigned patchlevel, unsigned rc, int64_t when)
{
	const struct demo_person *me = &g->people[PERSON_MAINLINE];
	struct demo_version **v = copy_versions(g, &g->main);
	char *extra = rc ? talloc_asprintf(g, "-rc%u", rc) : talloc_strdup(g, "");
	char *title = talloc_asprintf(g, "Linux 1.%u%s", patchlevel, extra);
	char *tag = talloc_asprintf(g, "v1.%u%s", patchlevel, extra);

	v[g->makefile] = demo_replace(g, g->weave[g->makefile],
				      demo_makefile(g, 1, patchlevel, extra));
	if (demo_gen_write(g, &g->main, &g->main, NULL, v, me, when, me, when,
		      talloc_asprintf(g, "%s\n", title)) < 0 ||
	    demo_git_tag(g->git, tag, &g->main.oid, me, when + 300 + demo_below(&g->rng, 600),
			 talloc_asprintf(g, "%s\n", title)) < 0)
		return -1;
	g->plan->tags++;
	g->next_bases = talloc_realloc(g, g->next_bases, struct tip, g->n_next + 1);
	g->next_bases[g->n_next++] = g->main;
	if (!rc) {
		struct demo_plan *p = g->plan;

		p->releases = talloc_realloc(g->plan_ctx, p->releases, struct demo_release,
					     p->n_releases + 1);
		p->releases[p->n_releases].tag = talloc_strdup(p->releases, tag);
		git_oid_cpy(&p->releases[p->n_releases++].commit, &g->main.oid);
	}
	return 0;
}

