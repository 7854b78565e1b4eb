/* --replay: a file for `git bisect replay` (doc/design.md "Resuming a
 * bisection"). The start line comes from the log's own `git bisect start`
 * (syzbot's release walk ends in it, doc/log-format.md §3.5) or, for a
 * plain `git bisect log`, from the marks made before git knew both ends
 * (§6); then every verdict git was given, in git's own words - for fix
 * bisections that is the inverted meaning git actually ran (§2). Only
 * commands, terms, refs and hashes are written: anything else of the log
 * (subjects, titles) could carry terminal escapes or shell text. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "report/replay.h"

/* git's refs and hashes as the logs give them (v6.2, HEAD~5, 40-hex):
 * anything else is not written at all. */
static bool plain_ref(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	if (n == 0 || n > 255 || s[0] == '-')
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._/~^-") == n;
}

/* A pathspec word written back (doc/design.md §11): plain path bytes and
 * git's glob characters; no quote, space or control that the file could
 * carry to a shell or a terminal. */
static bool plain_path(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= 4096 && s[0] != '-' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
			 "._/~^-*?[]:,+@=") == n;
}

/* git's own rule for terms is looser; these are the words people use. */
static bool plain_term(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n > 0 && n <= 64 && s[0] != '-' &&
	       strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == n;
}

static const char *step_ref_of(const struct step *s)
{
	return s->commit ? s->commit : s->label;
}

bool replay_step_is_command(const struct blog *log, const struct step *s)
{
	if (s->verdict == VERDICT_NONE || s->verdict_inferred || !step_ref_of(s))
		return false;
	if (log->format == LOG_FORMAT_GIT_BISECT)
		return s->tested && (s->phase == PHASE_BISECT ||
				     (s->phase == PHASE_RELEASE && s->verdict == VERDICT_SKIP));
	return s->phase == PHASE_BISECT && s->commit;
}

/* A start ref as a commit where the log says which: syzbot's older logs
 * start from tags that its release walk tested as commits. */
static const char *start_ref(const struct blog *log, const char *ref, const char *commit)
{
	if (commit)
		return commit;
	for (size_t i = 0; ref && i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (s->label && s->commit && strcmp(s->label, ref) == 0)
			return s->commit;
	}
	return ref;
}

static const char *verdict_term(const struct blog *log, enum verdict v)
{
	if (v == VERDICT_BAD)
		return log->term_bad ? log->term_bad : "bad";
	if (v == VERDICT_GOOD)
		return log->term_good ? log->term_good : "good";
	return "skip";
}

static enum verdict flipped(enum verdict v)
{
	return v == VERDICT_GOOD ? VERDICT_BAD : VERDICT_GOOD;
}

/* " 'REF'" to the start line, or false when REF is not a plain ref. */
static bool add_start_word(char **line, const char *word)
{
	if (!plain_ref(word))
		return false;
	*line = talloc_asprintf_append(*line, " '%s'", word);
	return *line != NULL;
}

/* The bad and good ends of a plain git bisect log: the last bad mark and
 * every good one made before git knew both (doc/log-format.md §6). */
static int git_log_ends(const struct blog *log, char **line)
{
	const char *bad = NULL;
	int goods = 0;

	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (s->tested && s->phase == PHASE_ORIGINAL && s->verdict == VERDICT_BAD)
			bad = step_ref_of(s);
	}
	if (!bad || !add_start_word(line, bad))
		return -1;
	for (size_t i = 0; i < log->n_steps; i++) {
		const struct step *s = log->steps[i];

		if (!s->tested || s->phase != PHASE_RELEASE || s->verdict != VERDICT_GOOD)
			continue;
		if (!add_start_word(line, step_ref_of(s)))
			return -1;
		goods++;
	}
	return goods;
}

static int syzbot_ends(const struct blog *log, char **line)
{
	if (!log->bisect_bad ||
	    !add_start_word(line, start_ref(log, log->bisect_bad, log->bisect_bad_commit)))
		return -1;
	for (size_t g = 0; g < log->n_bisect_goods; g++) {
		const char *c = log->bisect_good_commits ? log->bisect_good_commits[g] : NULL;

		if (!add_start_word(line, start_ref(log, log->bisect_goods[g], c)))
			return -1;
	}
	return (int)log->n_bisect_goods;
}

static char *start_line(const void *ctx, const struct blog *log, const char **err)
{
	char *line = talloc_strdup(ctx, "git bisect start");
	int goods;

	if ((log->term_good && !plain_term(log->term_good)) ||
	    (log->term_bad && !plain_term(log->term_bad))) {
		*err = _("the log's bisect terms are not plain words");
		return NULL;
	}
	if (log->term_good)
		line = talloc_asprintf_append(line, " '--term-old=%s'", log->term_good);
	if (log->term_bad)
		line = talloc_asprintf_append(line, " '--term-new=%s'", log->term_bad);
	if (log->first_parent)
		line = talloc_asprintf_append(line, " '--first-parent'");
	goods = log->format == LOG_FORMAT_GIT_BISECT ? git_log_ends(log, &line)
						     : syzbot_ends(log, &line);
	if (goods < 1) {
		*err = log->format == LOG_FORMAT_GIT_BISECT || log->format == LOG_FORMAT_SYZBOT
			       ? _("the log has no git bisect start with a bad and a good commit")
			       : _("not a bisection log");
		return NULL;
	}
	/* the paths limit which commits git offers: without them the replay
	 * would pick other commits than the log's */
	if (log->n_pathspec_paths)
		line = talloc_asprintf_append(line, " '--'");
	for (size_t i = 0; i < log->n_pathspec_paths; i++) {
		if (!plain_path(log->pathspec_paths[i])) {
			*err = _("the log's pathspec is not plain paths");
			return NULL;
		}
		line = talloc_asprintf_append(line, " '%s'", log->pathspec_paths[i]);
	}
	return talloc_asprintf_append(line, "\n");
}

/* Why step cannot be flipped or re-tested, or NULL when it can. */
static const char *stop_refusal(const void *ctx, const struct blog *log, enum replay_stop how,
				int step)
{
	const struct step *s;

	if (step < 0 || (size_t)step >= log->n_steps)
		return talloc_asprintf(ctx, _("there is no step %d (the log has steps 0 to %zu)"), step,
				       log->n_steps ? log->n_steps - 1 : 0);
	s = log->steps[step];
	if (!replay_step_is_command(log, s))
		return talloc_asprintf(ctx, _("step %d is not one that git bisect was given a verdict on"),
				       step);
	if (how == REPLAY_FLIP && s->verdict == VERDICT_SKIP)
		return talloc_asprintf(ctx, _("step %d was skipped: a skip cannot be flipped"), step);
	return NULL;
}

char *replay_text(const void *ctx, const struct blog *log, enum replay_stop how, int step,
		  const char **err)
{
	char *out;

	*err = how == REPLAY_ALL ? NULL : stop_refusal(ctx, log, how, step);
	if (*err)
		return NULL;
	out = start_line(ctx, log, err);
	for (size_t i = 0; out && i < log->n_steps; i++) {
		const struct step *s = log->steps[i];
		enum verdict v = s->verdict;

		if (how != REPLAY_ALL && s->index == step) {
			if (how == REPLAY_UNTIL)
				break;
			v = flipped(v);
		}
		if (!replay_step_is_command(log, s))
			continue;
		if (!plain_ref(step_ref_of(s))) {
			*err = talloc_asprintf(ctx, _("step %zu's commit is not a plain ref"), i);
			talloc_free(out);
			return NULL;
		}
		out = talloc_asprintf_append(out, "git bisect %s %s\n", verdict_term(log, v),
					     step_ref_of(s));
		if (how == REPLAY_FLIP && s->index == step)
			break;
	}
	return out;
}
