/* The demo history, shaped like the kernel's: release cycles of nine
 * weeks, each a two-week merge window of topic branches pulled into the
 * mainline, then weekly release candidates with fixes, "Linux 1.N-rcM"
 * commits and annotated tags; after the last release, a window still
 * open at the head. Topics fork at an earlier release candidate. One mm
 * topic brings the bug (the culprit); for a fix bisection one in the
 * next window removes it again. The commit count is exact: every cycle
 * gets a budget, and the windows and weeks fill theirs exactly. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "demo/demo_history.h"
#include "demo/demo_msg.h"
#include "i18n.h"

/* Topic sizes filling a budget exactly; the special one goes to mm. */
static size_t plan_window(struct gen *g, unsigned budget, enum special which,
			  struct topic_plan **out, unsigned *direct)
{
	struct topic_plan *tp = talloc_array(g, struct topic_plan, budget / 2 + 1);
	unsigned rem = budget;
	size_t n = 0;

	while (rem >= 2) {
		unsigned size = 1 + demo_below(&g->rng, 14) + demo_below(&g->rng, 14);
		bool nested = size >= 6 && demo_chance(&g->rng, 15);

		if (size + 1 + nested > rem) {
			nested = false;
			size = rem - 1;
		}
		tp[n++] = (struct topic_plan){ demo_gen_pick_sub(g), size, nested, SPECIAL_NONE };
		rem -= size + 1 + nested;
	}
	*direct = rem;
	if (which != SPECIAL_NONE && n > 0) {
		size_t p = (size_t)(g->opt->culprit_position * (double)(n - 1) + 0.5);

		tp[p].sub = 0;
		tp[p].n += tp[p].nested;
		tp[p].nested = false;
		tp[p].special = which;
	}
	*out = tp;
	return n;
}

static int window(struct gen *g, unsigned budget, int64_t start, int64_t end, enum special which)
{
	const struct demo_person *me = &g->people[PERSON_MAINLINE];
	struct topic_plan *tp;
	unsigned direct;
	size_t n = plan_window(g, budget, which, &tp, &direct);

	if (which != SPECIAL_NONE && n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t when = start + (end - start) * (int64_t)(i + 1) / (int64_t)(n + 1) +
			       demo_below(&g->rng, HOUR);
		/* the later release candidates, more often */
		uint32_t nb = (uint32_t)g->n_bases;
		size_t b = nb - 1 - demo_min(demo_below(&g->rng, nb), demo_below(&g->rng, nb));
		const struct tip *base = &g->bases[b];
		const struct demo_subsys *sub = &g->sub[tp[i].sub];
		const char **subjects;
		struct tip t;
		char *tag, *msg;

		if (demo_gen_topic(g, base, &tp[i], base->time + HOUR, when - HOUR / 2, &t,
				   &subjects) < 0)
			return -1;
		tag = talloc_asprintf(g, "%s-%s", sub->tag, demo_gen_date(g, when));
		msg = demo_msg_pull(g, tag, sub->tree, sub->pull, "updates",
				    &g->people[sub->maintainer], subjects, tp[i].n);
		if (demo_gen_merge(g, &g->main, base, &t, me, when, msg) < 0)
			return -1;
	}
	while (direct--) {
		struct slot s = { end - DAY, end - HOUR, demo_gen_author(g, -1) };
		const char *subject;

		if (demo_gen_patch(g, &g->main, -1, &s, me, &subject) < 0)
			return -1;
	}
	return 0;
}

/* A week of fixes between two release candidates. */
static int rc_week(struct gen *g, unsigned budget, const struct tip *rc, unsigned patchlevel,
		   unsigned rc_no, int64_t start, int64_t end)
{
	const struct demo_person *me = &g->people[PERSON_MAINLINE];
	unsigned *sizes = talloc_array(g, unsigned, budget + 1), n = 0, rem = budget;

	while (rem > 0) {
		if (rem >= 2 && demo_chance(&g->rng, 50))
			sizes[n] = demo_min(1 + demo_below(&g->rng, 3), rem - 1);
		else
			sizes[n] = 0;   /* a patch applied to the mainline directly */
		rem -= sizes[n] ? sizes[n] + 1 : 1;
		n++;
	}
	for (unsigned i = 0; i < n; i++) {
		int64_t when = start + (end - start) * (i + 1) / (n + 1) +
			       demo_below(&g->rng, HOUR);
		const char *subject;

		if (sizes[i]) {
			struct topic_plan tp = { demo_gen_pick_sub(g), sizes[i], false,
						 SPECIAL_NONE };
			const struct tip *base = demo_chance(&g->rng, 70) ? rc : &g->main;
			const struct demo_subsys *sub = &g->sub[tp.sub];
			struct tip fork = *base, t;
			const char **subjects;
			char *msg;

			char *tag;

			if (demo_gen_topic(g, &fork, &tp, fork.time + HOUR / 2, when - HOUR / 2,
					   &t, &subjects) < 0)
				return -1;
			/* named after the release candidate the fixes go into */
			tag = rc_no ? talloc_asprintf(g, "%s-1.%u-rc%u", sub->fixes, patchlevel,
						      rc_no)
				    : talloc_asprintf(g, "%s-1.%u", sub->fixes, patchlevel);
			msg = demo_msg_pull(g, tag, sub->tree, sub->pull, "fixes",
					    &g->people[sub->maintainer], subjects, tp.n);
			if (demo_gen_merge(g, &g->main, &fork, &t, me, when, msg) < 0)
				return -1;
		} else {
			struct slot s = { when - HOUR - demo_below(&g->rng, 3 * DAY), when,
					  demo_gen_author(g, -1) };

			if (demo_gen_patch(g, &g->main, -1, &s, me, &subject) < 0)
				return -1;
		}
	}
	return 0;
}

static enum special special_for(struct gen *g, unsigned cycle)
{
	if (cycle == g->opt->culprit_release)
		return SPECIAL_CULPRIT;
	if (g->opt->kind == DEMO_FIX && cycle == g->opt->culprit_release + 1)
		return SPECIAL_FIX;
	return SPECIAL_NONE;
}

static int cycle(struct gen *g, unsigned k, unsigned budget, int64_t t0)
{
	unsigned rc_budget = budget * RC_PERCENT / 100;
	unsigned window_budget = budget - (RCS + 1) - rc_budget;

	g->cycle = k;
	if (window(g, window_budget, t0, t0 + 14 * DAY - 6 * HOUR, special_for(g, k)) < 0 ||
	    demo_gen_release(g, k, 1, t0 + 14 * DAY + demo_below(&g->rng, HOUR)) < 0)
		return -1;
	for (unsigned rc = 2; rc <= RCS + 1; rc++) {
		struct tip last = g->main;
		int64_t end = t0 + (14 + 7 * (int64_t)(rc - 1)) * DAY;
		unsigned week = rc_budget / RCS + (rc == RCS + 1 ? rc_budget % RCS : 0);

		if (rc_week(g, week, &last, k, rc <= RCS ? rc : 0, last.time, end - 6 * HOUR) < 0 ||
		    demo_gen_release(g, k, rc <= RCS ? rc : 0, end + demo_below(&g->rng, HOUR)) < 0)
			return -1;
	}
	g->bases = g->next_bases;
	g->n_bases = g->n_next;
	g->next_bases = NULL;
	g->n_next = 0;
	return 0;
}

static int check_options(const struct demo_options *o, const char **err)
{
	unsigned last = o->kind == DEMO_FIX ? o->releases : o->releases + 1;

	if (o->releases < 1 || o->releases > 60) {
		*err = _("the demo needs between 1 and 60 releases");
		return -1;
	}
	if ((double)(o->commits - 1) / (o->releases + 0.5) < 60) {
		*err = _("too few commits for that many releases (at least 60 per release)");
		return -1;
	}
	if (o->culprit_release < 1 || o->culprit_release > last) {
		*err = o->kind == DEMO_FIX ? _("the culprit release must be 1 .. releases") :
			_("the culprit release must be 1 .. releases + 1");
		return -1;
	}
	if (!(o->culprit_position >= 0 && o->culprit_position <= 1)) {
		*err = _("the culprit position must be between 0 and 1");
		return -1;
	}
	return 0;
}

static void load_files(struct gen *g)
{
	g->n_files = demo_files(g, &g->file);
	g->path = talloc_array(g, const char *, g->n_files);
	g->weave = talloc_array(g, struct demo_weave *, g->n_files);
	for (size_t i = 0; i < g->n_files; i++) {
		g->path[i] = g->file[i]->path;
		if (!strcmp(g->path[i], "Makefile"))
			g->makefile = i;
		else if (!strcmp(g->path[i], "mm/khugepaged.c"))
			g->khugepaged = i;
		else if (!strcmp(g->path[i], "Documentation/admin-guide/mm/transhuge.rst"))
			g->transhuge = i;
	}
}

static int root(struct gen *g, int64_t when)
{
	const struct demo_person *me = &g->people[PERSON_MAINLINE];
	struct demo_version **v = talloc_array(g, struct demo_version *, g->n_files);

	for (size_t i = 0; i < g->n_files; i++) {
		const char *text = g->file[i]->text;

		if (i == g->makefile)
			text = demo_makefile(g, 1, 0, "");
		else if (!text)
			text = demo_maintainers(g, g->file, g->n_files);
		g->weave[i] = demo_weave_new(g, text, &v[i]);
	}
	if (demo_gen_write(g, &g->main, NULL, NULL, v, me, when, me, when, "Linux 1.0\n") < 0 ||
	    demo_git_tag(g->git, "v1.0", &g->main.oid, me, when + 600, "Linux 1.0\n") < 0)
		return -1;
	g->plan->tags++;
	g->plan->releases = talloc_array(g->plan_ctx, struct demo_release, 1);
	g->plan->releases[0].tag = talloc_strdup(g->plan->releases, "v1.0");
	git_oid_cpy(&g->plan->releases[0].commit, &g->main.oid);
	g->plan->n_releases = 1;
	g->bases = talloc_array(g, struct tip, 1);
	g->bases[0] = g->main;
	g->n_bases = 1;
	return 0;
}

int demo_repo_build(void *ctx, const char *path, const struct demo_options *opt,
		    struct demo_plan *plan, const char **err)
{
	struct gen *g;
	unsigned r = opt->releases, budget, final;
	int64_t t0;
	int rc = -1;

	memset(plan, 0, sizeof(*plan));
	if (check_options(opt, err) < 0)
		return -1;
	g = talloc_zero(ctx, struct gen);
	g->rng.state = opt->seed ^ 0x6b65726e656c2121ULL;
	g->opt = opt;
	g->plan = plan;
	g->plan_ctx = ctx;
	g->n_people = demo_people(&g->people);
	g->n_sub = demo_subsystems(&g->sub);
	load_files(g);
	plan->kind = opt->kind;
	plan->flaky = opt->flaky;
	plan->seed = opt->seed;
	g->git = demo_git_init(g, path, err);
	if (!g->git)
		goto out;
	/* v1.0 so far back that the last window ends near DEMO_END */
	t0 = DEMO_END - (int64_t)r * CYCLE - 14 * DAY;
	budget = (unsigned)((opt->commits - 1) / (r + 0.5));
	if (root(g, t0) < 0)
		goto git_error;
	for (unsigned k = 1; k <= r; k++)
		if (cycle(g, k, budget, t0 + (int64_t)(k - 1) * CYCLE) < 0)
			goto git_error;
	/* the window after the last release, still open at the head */
	final = opt->commits - plan->commits;
	g->cycle = r + 1;
	if (window(g, final, t0 + (int64_t)r * CYCLE + HOUR, DEMO_END - 2 * DAY,
		   special_for(g, r + 1)) < 0)
		goto git_error;
	git_oid_cpy(&plan->head, &g->main.oid);
	plan->head_time = g->main.time;
	if (opt->kind == DEMO_CAUSE)
		git_oid_cpy(&plan->start, &plan->head);
	else
		git_oid_cpy(&plan->start, &plan->releases[opt->culprit_release].commit);
	if (demo_git_finish(g->git, &plan->head, opt->checkout) < 0)
		goto git_error;
	rc = 0;
	goto out;
git_error:
	*err = demo_git_error(g->git) ? talloc_strdup(ctx, demo_git_error(g->git)) :
		_("the demo history could not be made");
out:
	talloc_free(g);
	return rc;
}
