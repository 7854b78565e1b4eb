/* Looking up every commit a log names. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "tree/tree_internal.h"
#include "tree/verify.h"
#include "tree/xref.h"

/* The ref to look a step up by: its hash, else its tag (old logs). */
static const char *step_lookup_ref(const struct step *s)
{
	return s->commit ? s->commit : s->label;
}

/* Which tree a log's commits come from, where the log gives it away: the
 * subjects git printed, or syzkaller's error naming a branch. */
static const char *missing_hint(const void *ctx, const struct blog *log)
{
	for (size_t i = 0; i < log->n_steps; i++) {
		const char *s = log->steps[i]->subject;

		if (s && (strncmp(s, "Merge remote-tracking branch", 28) == 0 ||
			  strncmp(s, "Add linux-next specific files", 29) == 0))
			return _("the log's commits look like linux-next's (its \"Merge remote-tracking branch\" "
				 "merges): fetch linux-next, with its tags");
	}
	if (log->result.error && strstr(log->result.error, "not reachable in branch"))
		return talloc_asprintf(ctx, _("syzkaller says: %s"), log->result.error);
	return _("fetch the tree the bisection ran on (syzbot's bug page names it)");
}

struct log_xref *xref_log(struct tree *t, const void *ctx, const struct blog *log)
{
	struct log_xref *x = talloc_zero(ctx, struct log_xref);
	const struct result *r = &log->result;

	x->path = talloc_strdup(x, tree_path(t));
	x->shallow = t->shallow;
	x->culprit_in_range = -1;
	x->n_steps = log->n_steps;
	x->steps = talloc_zero_array(x, struct step_xref, log->n_steps ? log->n_steps : 1);
	for (size_t i = 0; i < log->n_steps; i++) {
		struct step_xref *sx = &x->steps[i];

		sx->ref = step_lookup_ref(log->steps[i]);
		sx->candidates = -1;
		sx->revisions_left = -1;
		sx->matches = -1;
		if (!sx->ref)
			continue;
		if (tree_commit_facts(t, x->steps, sx->ref, &sx->facts) == 0)
			x->found++;
		else
			x->missing++;
		x->unreadable += sx->facts.unreadable;
	}
	/* fetching does not mend a damaged repository */
	if (x->unreadable > 0)
		x->missing_hint = _("some commits are in the tree but cannot be read: the repository "
				    "may be damaged (git fsck says)");
	else if (x->missing > 0)
		x->missing_hint = missing_hint(x, log);
	if (r->commit) {
		struct commit_facts cf = { 0 };

		/* the culprit was usually tested: its facts are in hand */
		for (size_t i = 0; i < x->n_steps && !cf.found; i++)
			if (x->steps[i].facts.found && !strcmp(x->steps[i].facts.commit, r->commit))
				cf = x->steps[i].facts;
		if (cf.found || tree_commit_facts(t, x, r->commit, &cf) == 0) {
			x->has_culprit = true;
			x->culprit = cf.commit;
			x->culprit_parents = cf.n_parents;
			x->culprit_merge = cf.n_parents > 1;
			x->culprit_files_unknown = tree_commit_files(t, x, cf.commit, &x->culprit_files,
								     &x->n_culprit_files) == TREE_MISSING;
		}
	}
	x->n_candidates = r->n_candidates;
	x->candidates = talloc_zero_array(x, struct commit_facts, r->n_candidates ? r->n_candidates : 1);
	for (size_t i = 0; i < r->n_candidates; i++)
		(void)tree_commit_facts(t, x, r->candidates[i], &x->candidates[i]);
	verify_range(t, x, log);
	if (tree_partial(t)) {  /* a copy: the tree's own goes on counting */
		struct tree_partial *p = talloc_memdup(x, tree_partial(t), sizeof(*p));

		p->filter = talloc_strdup(p, p->filter);
		x->partial = p;
	}
	return x;
}
