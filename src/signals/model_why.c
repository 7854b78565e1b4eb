/* The model's sentences: one per step, naming the step and the numbers
 * its p_wrong comes from, and the log's one (assessment.why). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "signals/model_internal.h"
#include "signals/signals_internal.h"

/* "35%", "1.3%", "<0.1%": a probability as people read it. */
static const char *pct(const void *ctx, double p)
{
	if (p >= 0.1)
		return talloc_asprintf(ctx, "%.0f%%", 100 * p);
	if (p >= 0.001)
		return talloc_asprintf(ctx, "%.1f%%", 100 * p);
	return "<0.1%";
}

/* The step's verdict in the sentence: a syzbot fix bisection's by what it
 * means, as the steps list says it (its git terms are the reverse of a
 * cause bisection's: "good" still crashes); git's word otherwise. */
static const char *verdict_said(const struct model_result *r, const struct step *s)
{
	const struct blog *log = r->obs ? r->obs->log : NULL;

	if (log && log->format == LOG_FORMAT_SYZBOT && log->kind == KIND_FIX) {
		if (s->verdict == VERDICT_GOOD)
			return _("crashes");
		if (s->verdict == VERDICT_BAD)
			return _("no crash");
	}
	return _(verdict_msgid(s->verdict));
}

/* The release tag, else the commit's first 12 hex digits. */
static const char *ref(const void *ctx, const struct step *s)
{
	if (s->label)
		return s->label;
	return s->commit ? talloc_asprintf(ctx, "%.12s", s->commit) : "?";
}

static const char *clean_why(const void *ctx, const struct step *s, const struct model_step_obs *so,
			     const struct model_result *r, size_t i)
{
	double rate = r->rate_a / (r->rate_a + r->rate_b);
	double missed = model_beta_clean(r->rate_a, r->rate_b, so->n);
	const char *word = verdict_said(r, s);

	if (so->crashed_orig > 0)
		return talloc_asprintf(ctx, _("step %d (%s, %s although the original crash showed in %d of %d runs): the bug was there"),
				       s->index, ref(ctx, s), word, so->crashed_orig, so->n);
	if (so->false_negative >= 0)
		return talloc_asprintf(ctx, _("step %d (%s, %s on %d clean runs): syzkaller puts the chance that the bug was there and did not show at %s"),
				       s->index, ref(ctx, s), word, so->n, pct(ctx, so->false_negative));
	if (r->step_likelihood[i] > 2 * missed)
		return talloc_asprintf(ctx, _("step %d (%s, %s on %d clean runs): with the reproducer crashing %s of runs where the bug is, %d clean runs happen %s of the time, but a reproducer that cannot work on such a commit at all is likelier (%s)"),
				       s->index, ref(ctx, s), word, so->n, pct(ctx, rate), so->n,
				       pct(ctx, missed), pct(ctx, r->step_likelihood[i]));
	return talloc_asprintf(ctx, _("step %d (%s, %s on %d clean runs): with the reproducer crashing %s of runs where the bug is, %d clean runs happen %s of the time"),
			       s->index, ref(ctx, s), word, so->n, pct(ctx, rate), so->n, pct(ctx, missed));
}

/* The older-bug hypothesis, when it carries most of step i's number
 * (model_order.c): the sentence says that instead of the runs. */
static bool older_explains(const struct model_result *r, size_t i)
{
	return r->older_step == (int)i && r->p_older > r->step_p[i] - r->p_older;
}

static const char *older_why(const void *ctx, const struct step *s, const struct model_step_obs *so,
			     const struct model_result *r)
{
	if (so->releases_before == 0)
		return talloc_asprintf(ctx, _("step %d (%s, %s on %d clean runs): the first commit judged clean; %s that the bug is older and the reproducer could not fire here"),
				       s->index, ref(ctx, s), verdict_said(r, s), so->n,
				       pct(ctx, r->p_older));
	return talloc_asprintf(ctx, ngettext("step %d (%s, %s on %d clean runs): the first commit judged clean; with the crash seen on %d release before it, %s that the bug is older and the reproducer could not fire here",
					     "step %d (%s, %s on %d clean runs): the first commit judged clean; with the crash seen on %d releases before it, %s that the bug is older and the reproducer could not fire here",
					     (unsigned long)so->releases_before),
			       s->index, ref(ctx, s), verdict_said(r, s), so->n,
			       so->releases_before, pct(ctx, r->p_older));
}

/* Did step i say "the bug is not here"? */
static bool said_clean(const struct model_obs *o, size_t i)
{
	return o->steps[i].kind == MSTEP_CLEAN ||
	       (o->steps[i].kind == MSTEP_GIT && !step_says_crash(o->log, o->log->steps[i]));
}

/* The later steps' part of step i's number, when it matters: they said
 * what step i said, so had it been wrong they were wrong too. */
static const char *with_later(const void *ctx, const struct model_obs *o, const char *sentence,
			      const struct model_result *r, size_t i)
{
	double f = r->later_factor ? r->later_factor[i] : 1;
	int same = 0;

	/* worth saying where the step is in doubt, alone or in the end */
	if (!sentence || (f > 0.5 && f < 2) || (r->step_local[i] < 0.02 && r->step_p[i] < 0.02))
		return sentence;
	for (size_t j = i + 1; j < o->n_steps; j++)
		same += r->step_local[j] >= 0 && said_clean(o, j) == said_clean(o, i);
	if (f >= 2)
		return talloc_asprintf(ctx, ngettext("%s; the %d later step that said the same looks wrong too, as it would if this one were: that multiplies the odds by %.2g",
						     "%s; the %d later steps that said the same look wrong too, as they would if this one were: that multiplies the odds by %.2g",
						     (unsigned long)same),
				       sentence, same, f);
	return talloc_asprintf(ctx, ngettext("%s; but had it been wrong, the %d later step that said the same would have been wrong too: that divides the odds by %.2g",
					     "%s; but had it been wrong, the %d later steps that said the same would have been wrong too: that divides the odds by %.2g",
					     (unsigned long)same),
			       sentence, same, 1 / f);
}

static const char *step_why_alone(const void *ctx, const struct model_obs *o,
				  const struct model_result *r, size_t i);

const char *model_step_why(const void *ctx, const struct model_obs *o, const struct model_result *r,
			   size_t i)
{
	if (older_explains(r, i))
		return older_why(ctx, o->log->steps[i], &o->steps[i], r);
	return with_later(ctx, o, step_why_alone(ctx, o, r, i), r, i);
}

/* What step i's own runs say. */
static const char *step_why_alone(const void *ctx, const struct model_obs *o,
				  const struct model_result *r, size_t i)
{
	const struct step *s = o->log->steps[i];
	const struct model_step_obs *so = &o->steps[i];
	const char *word = verdict_said(r, s);
	double rate = r->rate_a / (r->rate_a + r->rate_b);

	switch (so->kind) {
	case MSTEP_CLEAN:
		return clean_why(ctx, s, so, r, i);
	case MSTEP_CRASH_OTHER: {
		const char *title = step_deciding_title(s);

		if (so->ok == 0)
			return talloc_asprintf(ctx, _("step %d (%s, %s on crashes of \"%s\", none of the original): other crashes in every run, so the runs cannot tell whether the bug was there"),
					       s->index, ref(ctx, s), word, title ? title : "?");
		return talloc_asprintf(ctx, _("step %d (%s, %s on crashes of \"%s\", none of the original): with the reproducer crashing %s of runs where the bug is, the bug, had it been there, would have missed all %d clean runs %s of the time"),
				       s->index, ref(ctx, s), word, title ? title : "?", pct(ctx, rate),
				       so->ok, pct(ctx, model_beta_clean(r->rate_a, r->rate_b, so->ok)));
	}
	case MSTEP_CRASH_ORIG:
		return talloc_asprintf(ctx, _("step %d (%s, %s on %d crashes of the original): the bug was there"),
				       s->index, ref(ctx, s), word, so->crashed_orig);
	case MSTEP_GIT:
		return talloc_asprintf(ctx, _("step %d (%s, %s): a git bisect log has no runs; each verdict is taken as right %s of the time"),
				       s->index, ref(ctx, s), word, pct(ctx, MODEL_GIT_VERDICT_CONFIDENCE));
	case MSTEP_UNTESTED:
	default:
		return NULL;
	}
}

/* The culprit-side fact f, as the sentence gives it when no step stands
 * out, with its factor on the odds. */
static const char *fact_why(const void *ctx, enum model_fact f, double lr)
{
	switch (f) {
	case MFACT_NOOP:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit and its parent build the same kernel: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_MERGE:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit is a merge commit: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_RELEASE:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit is a release commit: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_ASIDE:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit only touches documentation, tools or another architecture: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_OFF_STACK_DIR:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit touches none of the files or directories in the crash's stack: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_OFF_STACK_FILE:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit touches none of the files in the crash's stack: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_CULPRIT_OTHER:
		return talloc_asprintf(ctx, _("no step stands out, but the culprit's own test crashed with other bugs only: that multiplies the odds that it is wrong by %.1f"), lr);
	case MFACT_COMPILER:
	default:
		return talloc_asprintf(ctx, _("no step stands out, but the compiler changed between a good and a bad step: that multiplies the odds that it is wrong by %.1f"), lr);
	}
}

const char *model_why(const void *ctx, const struct model_obs *o, const struct model_result *r)
{
	int top_fact = -1, top_step = -1;

	if (r->blamed_step >= 0)
		return model_step_why(ctx, o, r, (size_t)r->blamed_step);
	for (int f = 0; f < MFACT_COUNT; f++)
		if (o->facts[f] && r->fact_lr[f] > 1 && (top_fact < 0 || r->fact_lr[f] > r->fact_lr[top_fact]))
			top_fact = f;
	if (top_fact >= 0)
		return fact_why(ctx, (enum model_fact)top_fact, r->fact_lr[top_fact]);
	for (size_t i = 0; i < o->n_steps; i++)
		if (r->step_p[i] >= 0 && (top_step < 0 || r->step_p[i] > r->step_p[top_step]))
			top_step = (int)i;
	if (top_step < 0)
		return talloc_strdup(ctx, _("no step was tested: nothing to doubt but the culprit itself"));
	return talloc_asprintf(ctx, _("no step stands out; the most doubtful is %s"),
			       model_step_why(ctx, o, r, (size_t)top_step));
}

const char *model_step_sentence(const void *ctx, const struct model_result *r, size_t i)
{
	if (!r || !r->obs || i >= r->obs->n_steps || r->step_p[i] < 0)
		return NULL;
	return model_step_why(ctx, r->obs, r, i);
}

bool model_step_stands_out(const struct model_result *r, size_t i)
{
	/* the rule of blame() in model.c */
	if (!r || !r->obs || r->p_wrong < 0 || i >= r->obs->n_steps || r->step_p_top < MODEL_BLAME_MIN)
		return false;
	return r->step_p[i] >= r->step_p_top / MODEL_BLAME_RATIO;
}
