/* The fix's own verdict as evidence and as the assessment's last word
 * (doc/design.md §8.1, doc/json.md §6).
 *
 * A fix whose Fixes: trailer names another commit than the culprit says,
 * in its author's words, that the bisection blamed the wrong commit: that
 * overrides the model's verdict and blamed step (its p_wrong stays the
 * model's calibrated figure, for comparison). A fix that names the
 * culprit changes nothing but adds an info signal: fix authors often copy
 * the Fixes: line from syzbot's own bisection report, so agreement is not
 * independent evidence. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "signals/signals_internal.h"
#include "tree/xref.h"

static bool fix_disagrees(const struct tree_fix *f)
{
	return f && f->n_fixes > 0 && !f->agrees;
}

void signals_from_fix(struct sig_ctx *c)
{
	const struct tree_fix *f = c->x ? c->x->fix : NULL;
	int step;

	if (!f || c->log->result.type != RESULT_CULPRIT)
		return;
	if (f->agrees) {
		sig_add(c, SIGNAL_FIX_AGREES, STRENGTH_INFO, 0, -1, c->log->result.lines,
			_("the fix %.12s names the culprit as the commit it fixes"), f->commit);
		return;
	}
	if (!fix_disagrees(f))
		return;
	step = f->contradicting_step;
	sig_add(c, SIGNAL_FIX_DISAGREES, STRENGTH_STRONG, 0, step,
		step >= 0 && (size_t)step < c->log->n_steps ? c->log->steps[step]->lines
							    : c->log->result.lines,
		_("the fix %.12s names %.12s as the commit it fixes, not the culprit: suspicious"),
		f->commit, f->fixes[0]);
}

/* "step 3 was judged good on a commit that contains it" */
static const char *step_phrase(const void *ctx, const struct blog *log, int step)
{
	if (step < 0 || (size_t)step >= log->n_steps)
		return _("no tested step contradicts it, so the range itself is in doubt");
	if (log->steps[step]->verdict == VERDICT_GOOD)
		return talloc_asprintf(ctx, _("step %d was judged good on a commit that contains it"),
				       step);
	return talloc_asprintf(ctx, _("step %d was judged bad on a commit that does not contain it"),
			       step);
}

void assess_fix(const void *ctx, const struct blog *log, const struct log_xref *x,
		struct assessment *out)
{
	const struct tree_fix *f = x ? x->fix : NULL;

	if (!fix_disagrees(f) || log->result.type != RESULT_CULPRIT)
		return;
	out->verdict = ASSESS_SUSPICIOUS;
	out->first_suspicious_step = f->contradicting_step;
	out->fix_overrides = true;
	out->fix_why = talloc_asprintf(ctx, _("the fix %.12s (%s) names %.12s as the commit it fixes, "
					      "not the culprit; %s"),
				       f->commit, f->subject, f->fixes[0],
				       step_phrase(ctx, log, f->contradicting_step));
}
