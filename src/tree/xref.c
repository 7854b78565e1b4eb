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

struct log_xref *xref_log(struct tree *t, const void *ctx, const struct blog *log)
{
	struct log_xref *x = talloc_zero(ctx, struct log_xref);
	const struct result *r = &log->result;

	x->path = talloc_strdup(x, tree_path(t));
	x->shallow = t->shallow;
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
	}
	if (x->missing > 0)
		x->missing_hint = log->host ? talloc_asprintf(x, _("the log comes from syzbot's %s; fetch the tree it bisected"), log->host)
					    : _("fetch the tree the bisection ran on");
	if (r->commit) {
		struct commit_facts cf;

		if (tree_commit_facts(t, x, r->commit, &cf) == 0) {
			x->has_culprit = true;
			x->culprit = cf.commit;
			x->culprit_parents = cf.n_parents;
			x->culprit_merge = cf.n_parents > 1;
			tree_commit_files(t, x, cf.commit, &x->culprit_files, &x->n_culprit_files);
		}
	}
	verify_range(t, x, log);
	return x;
}
