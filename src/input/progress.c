/* The bisection git is in (doc/design.md §12.1): `bisview` with no LOG,
 * standard input a terminal, in a repository whose git directory holds
 * BISECT_LOG. The log is that file, parsed as any `git bisect log`; the
 * state beside it (the commit checked out for testing, the terms) comes
 * from the tree (tree/bisect_state.h), and the candidates and steps left
 * from the replay of the log on the range (log_xref.next), once the
 * caller has the tree's facts. Nothing in the repository is written. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "input/input.h"
#include "log/parse.h"
#include "tree/bisect_state.h"
#include "tree/tree.h"
#include "tree/xref.h"

/* Has the log marked commit already? Then it is not under test: git has
 * not written its next choice yet (BISECT_LOG is written first), or the
 * bisection has ended. */
static bool marked(const struct blog *log, const char *commit)
{
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (s->commit && s->verdict != VERDICT_NONE && !strcmp(s->commit, commit))
			return true;
	}
	return false;
}

/* The commit under test, the last row of the steps: no verdict yet. */
static void add_pending_step(struct blog *log, const char *commit, const char *subject)
{
	struct step *s = talloc_zero(log, struct step);

	s->index = (int)log->n_steps;
	s->phase = PHASE_BISECT;
	s->verdict = VERDICT_NONE;
	s->commit = talloc_strdup(s, commit);
	s->subject = subject ? talloc_strdup(s, subject) : NULL;
	s->false_negative_chance = -1;
	s->revisions_left = -1;
	s->steps_left = -1;
	s->runs = talloc_array(s, struct run, 0);
	log->steps = talloc_realloc(log, log->steps, struct step *, log->n_steps + 1);
	log->steps[log->n_steps++] = s;
}

/* What git tests now: the commit it checked out, unless the log has no
 * bad and good commit yet (git waits for them) or has ended. */
static const char *under_test(const struct blog *log, const struct tree_bisect_state *st)
{
	if (!st->checked_out || log->result.type != RESULT_INCOMPLETE)
		return NULL;
	if (!st->expected && (!log->bisect_bad || log->n_bisect_goods == 0))
		return NULL;
	return marked(log, st->checked_out) ? NULL : st->checked_out;
}

static void fill_state(struct blog *log, const struct tree_bisect_state *st)
{
	struct log_in_progress *p = talloc_zero(log, struct log_in_progress);
	const char *testing = under_test(log, st);

	p->candidates = p->steps_left = p->revisions_left = -1;
	p->git_dir = talloc_strdup(p, st->git_dir);
	p->term_new = st->term_new ? talloc_strdup(p, st->term_new) : NULL;
	p->term_old = st->term_old ? talloc_strdup(p, st->term_old) : NULL;
	p->pathspec = st->pathspec;
	if (testing) {
		p->testing = talloc_strdup(p, testing);
		p->testing_subject = st->subject ? talloc_strdup(p, st->subject) : NULL;
		add_pending_step(log, testing, st->subject);
	}
	log->in_progress = p;
	log->source.kind = SOURCE_BISECT_IN_PROGRESS;
}

struct blog *input_in_progress(const void *ctx, const struct input_request *req, const char **err)
{
	void *tmp = talloc_new(NULL);
	struct tree_bisect_state st;
	struct tree *t;
	struct blog *log = NULL;
	const char *why = NULL;

	*err = NULL;
	if (req->no_tree)
		goto out;
	t = tree_open(tmp, req->tree_path, req->trust_repo, &why);
	if (!t) {
		const char *env = getenv("BISVIEW_TREE");

		if (why)
			*err = talloc_asprintf(ctx, "%s: %s", req->tree_path ? req->tree_path :
					       env && *env ? env : ".", why);
		goto out;
	}
	if (tree_bisect_state(t, tmp, &st) <= 0)
		goto out;
	log = log_load(ctx, st.log_path, &why);
	if (!log) {
		*err = talloc_asprintf(ctx, "%s: %s", st.log_path, why);
		goto out;
	}
	fill_state(log, &st);
out:
	talloc_free(tmp);
	return log;
}

void input_in_progress_update(struct blog *log, const struct log_xref *x)
{
	struct log_in_progress *p = log->in_progress;

	if (!p || !x || !x->next.known)
		return;
	p->candidates = x->next.candidates > INT32_MAX ? -1 : (int)x->next.candidates;
	p->revisions_left = x->next.revisions_left;
	p->steps_left = x->next.steps_left;
}
