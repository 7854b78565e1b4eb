/* The syzbot bisection-log parser: header, test blocks, release/HEAD
 * phases and git bisect steps. The result part is in syzbot_result.c.
 *
 * Steps are keyed by position, never by hash: the same commit is tested
 * again in config minimisation, fix pre-checks and the parent build
 * (doc/log-format.md §7, pitfall 3). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "log/parse.h"
#include "log/syzbot_parse.h"

const char *hash_dup(const void *ctx, const char *s, size_t len)
{
	if (len < HASH_HEX_LEN || hex_run(s, len) < HASH_HEX_LEN)
		return NULL;
	char *h;

	if (len > HASH_HEX_LEN && is_hex_char(s[HASH_HEX_LEN]))
		return NULL;
	h = talloc_size(ctx, HASH_HEX_LEN + 1);
	memcpy(h, s, HASH_HEX_LEN);
	h[HASH_HEX_LEN] = '\0';
	return h;
}

/* The hash right after a fixed prefix. */
static const char *hash_after(const void *ctx, const struct pline *pl, const char *prefix)
{
	size_t n = strlen(prefix);

	return pl->len >= n ? hash_dup(ctx, pl->s + n, pl->len - n) : NULL;
}

static bool same_commit(const char *a, const char *b)
{
	return a && b && strcmp(a, b) == 0;
}

/* A line that announces a test block ("testing release v5.9",
 * "parent commit H wasn't tested", ...) opens a step of its own, so that a
 * job cut short still shows what it was about to test. */
static struct step *open_step(struct syz_parser *p, enum step_phase phase,
			      const char *commit, const struct pline *pl)
{
	struct step *s = step_new(p->log, phase, pl->first);

	s->commit = commit ? talloc_steal(s, commit) : NULL;
	step_touch(s, pl->first, pl->last);
	p->open = s;
	p->cur = s;
	p->cont = CONT_NONE;
	return s;
}

static enum step_phase phase_for_unannounced(struct syz_parser *p, const char *commit)
{
	struct blog *log = p->log;

	if (p->bisect_started)
		return PHASE_BISECT;
	if (!log->start_commit)
		return log->n_steps == 0 && log->kind != KIND_NONE ? PHASE_ORIGINAL : PHASE_BISECT;
	if (same_commit(commit, log->start_commit))
		return log->n_steps == 0 ? PHASE_ORIGINAL : PHASE_CONFIG;
	return log->kind == KIND_FIX ? PHASE_HEAD : PHASE_RELEASE;
}

static void testing_commit(struct syz_parser *p, const struct pline *pl)
{
	static const char prefix[] = "testing commit ";
	const char *rest = pl->s + strlen(prefix);
	size_t rest_len = pl->len - strlen(prefix);
	const char *commit = hash_dup(p->log, rest, rest_len);
	struct step *s;

	if (p->open && (!p->open->commit || same_commit(p->open->commit, commit))) {
		s = p->open;
	} else {
		s = step_new(p->log, phase_for_unannounced(p, commit), pl->first);
	}
	p->open = NULL;
	if (commit && !s->commit)
		s->commit = talloc_steal(s, commit);
	else
		talloc_free(discard_const_p(char, commit));
	s->tested = true;
	step_touch(s, pl->first, pl->last);
	if (rest_len > HASH_HEX_LEN + 1) {
		const char *w = rest + HASH_HEX_LEN + 1;
		size_t wl = rest_len - HASH_HEX_LEN - 1;

		if (pl_starts(w, wl, "with "))
			s->compiler = field_dup_trim(s, w + 5, wl - 5);
		else
			s->compiler_type = field_dup_trim(s, w, wl);
	}
	if (s->commit && same_commit(s->commit, p->next_commit) && p->next_subject && !s->subject)
		s->subject = talloc_strdup(s, p->next_subject);
	p->cur = s;
	p->cont = CONT_BUILD_ERROR;
}

static void run_line(struct syz_parser *p, const struct pline *pl, bool all)
{
	const char *s = pl->s;
	size_t len = pl->len, at, used = 0;
	long number = -1;
	enum run_outcome o;
	struct step *st = p->cur;

	if (all) {
		s += strlen("all runs: ");
		len -= strlen("all runs: ");
	} else {
		s += strlen("run #");
		len -= strlen("run #");
		number = parse_number(s, len, &used);
		s += used;
		len -= used;
		if (len >= 2 && s[0] == ':' && s[1] == ' ') {
			s += 2;
			len -= 2;
		} else if (len >= 1 && s[0] == ':') {
			s += 1;
			len -= 1;
		}
	}
	if (!st)  /* a fragment that starts inside a test block */
		st = p->cur = step_new(p->log, phase_for_unannounced(p, NULL), pl->first);
	o = run_outcome_parse(s, len, &at);
	step_add_run(st, (int)number, o, s + at, len - at, pl->first);
	if (all)
		st->all_runs = true;
	step_touch(st, pl->first, pl->last);
	p->cont = CONT_RUN;
}

static void git_start(struct syz_parser *p, const struct pline *pl)
{
	struct blog *log = p->log;
	const char *s = pl->s + strlen("# git bisect start ");
	const char *end = pl->s + pl->len;
	int k = 0;

	p->bisect_started = true;
	p->open = NULL;
	p->cont = CONT_NONE;
	while (s < end) {
		const char *sp = memchr(s, ' ', (size_t)(end - s));
		const char *stop = sp ? sp : end;
		char *arg;

		if (stop > s) {
			arg = field_dup(log, s, (size_t)(stop - s));
			if (k++ == 0)
				log->bisect_bad = arg;
			else
				list_append(log, &log->bisect_goods, &log->n_bisect_goods, arg);
		}
		s = stop + 1;
	}
	if (log->n_bisect_goods > 0)
		log->bisect_good = log->bisect_goods[0];
}

static struct step *find_untested_verdict_step(struct syz_parser *p, const char *commit)
{
	if (p->cur && p->cur->verdict == VERDICT_NONE && same_commit(p->cur->commit, commit))
		return p->cur;
	for (size_t i = p->log->n_steps; i-- > 0;) {
		struct step *s = p->log->steps[i];

		if (s->verdict != VERDICT_NONE)
			break;
		if (same_commit(s->commit, commit) && s->phase != PHASE_MERGE_BASE)
			return s;
	}
	return NULL;
}

static void git_verdict(struct syz_parser *p, const struct pline *pl)
{
	const char *s = pl->s + strlen("# git bisect ");
	size_t len = pl->len - strlen("# git bisect ");
	enum verdict v = VERDICT_SKIP;
	size_t word = 5;
	const char *commit;
	struct step *st;

	if (pl_starts(s, len, "good ")) {
		v = VERDICT_GOOD;
	} else if (pl_starts(s, len, "bad ")) {
		v = VERDICT_BAD;
		word = 4;
	}
	commit = hash_dup(p->log, s + word, len - word);
	st = p->pretend ? NULL : find_untested_verdict_step(p, commit);
	if (!st) {
		st = step_new(p->log, PHASE_BISECT, pl->first);
		st->synthetic = p->pretend;
		if (commit && same_commit(commit, p->next_commit) && p->next_subject)
			st->subject = talloc_strdup(st, p->next_subject);
	}
	if (!st->commit && commit)
		st->commit = talloc_steal(st, commit);
	else
		talloc_free(discard_const_p(char, commit));
	if (st->phase != PHASE_MERGE_BASE)
		st->phase = PHASE_BISECT;
	st->verdict = v;
	step_touch(st, pl->first, pl->last);
	p->decided = st;
	p->pretend = false;
	p->open = NULL;
	p->cont = CONT_NONE;
}

static void bisecting(struct syz_parser *p, const struct pline *pl)
{
	const char *s = pl->s + strlen("Bisecting: ");
	size_t len = pl->len - strlen("Bisecting: "), used;
	long n = parse_number(s, len, &used);
	const char *r = memmem(s, len, "(roughly ", 9);
	long steps = r ? parse_number(r + 9, len - (size_t)(r + 9 - s), NULL) : -1;

	if (p->decided && p->decided->revisions_left < 0) {
		p->decided->revisions_left = (int)n;
		p->decided->steps_left = (int)steps;
		step_touch(p->decided, pl->first, pl->last);
	} else if (!p->decided && p->log->initial_revisions < 0) {
		p->log->initial_revisions = (int)n;
	}
}

static void next_commit(struct syz_parser *p, const struct pline *pl)
{
	const char *commit = talloc_strndup(p->log, pl->s + 1, HASH_HEX_LEN);
	size_t at = HASH_HEX_LEN + 2;

	while (at < pl->len && pl->s[at] == ' ')
		at++;
	p->next_commit = commit;
	p->next_subject = field_dup_trim(p->log, pl->s + at, pl->len - at);
	if (p->decided) {
		p->decided->next_commit = commit;
		step_touch(p->decided, pl->first, pl->last);
	}
}

static void representative(struct step *s, const struct pline *pl)
{
	const char *t = pl->s + strlen("representative crash: ");
	size_t len = pl->len - strlen("representative crash: ");
	const char *types = NULL;

	for (size_t i = len; i-- > 0;) {
		if (pl_starts(t + i, len - i, ", types: [")) {
			types = t + i + 10;
			break;
		}
	}
	if (types) {
		size_t tl = len - (size_t)(types - t);

		if (tl > 0 && types[tl - 1] == ']')
			tl--;
		s->crash_types = field_dup(s, types, tl);
		len = (size_t)(types - 10 - t);
	}
	s->representative_title = field_dup_trim(s, t, len);
}

static void continuation(struct syz_parser *p, const struct pline *pl)
{
	struct step *s = p->cur;
	size_t n_runs = s ? s->n_runs : 0;

	switch (p->cont) {
	case CONT_BUILD_ERROR:
		if (!s)
			break;
		s->build_error = field_append(s, s->build_error, pl->s, pl->len);
		step_touch(s, pl->first, pl->last);
		break;
	case CONT_RUN:
		if (!s || n_runs == 0)
			break;
		s->runs[n_runs - 1].detail = field_append(s, s->runs[n_runs - 1].detail, pl->s, pl->len);
		step_touch(s, pl->first, pl->last);
		break;
	case CONT_TEST_ERROR:
		if (!s)
			break;
		s->test_error = field_append(s, s->test_error, pl->s, pl->len);
		step_touch(s, pl->first, pl->last);
		break;
	case CONT_NOISE:
	case CONT_NONE:
		break;
	}
}

static void unknown(struct syz_parser *p, const struct pline *pl)
{
	if (p->cont != CONT_NONE) {
		continuation(p, pl);
		return;
	}
	for (int l = pl->first; l <= pl->last; l++)
		log_add_unknown(p->log, l);
}

static void test_block_line(struct syz_parser *p, enum shape sh, const struct pline *pl)
{
	struct step *s = p->cur;
	const char *t;

	if (!s) {
		unknown(p, pl);
		return;
	}
	step_touch(s, pl->first, pl->last);
	switch (sh) {
	case SH_COMPILER:
		t = pl->s + strlen("compiler:");
		s->compiler = field_dup_trim(s, t + (pl->len > 9 && *t == ' '),
					     pl->len - 9 - (pl->len > 9 && *t == ' '));
		p->cont = CONT_BUILD_ERROR;
		break;
	case SH_KERNEL_SIG:
		s->kernel_signature = field_dup_trim(s, pl->s + 18, pl->len - 18);
		p->cont = CONT_NONE;
		break;
	case SH_FAILED_BUILDING:
		t = memchr(pl->s, ':', pl->len);
		t = t ? t + 1 : pl->s + pl->len;
		if (t < pl->s + pl->len && *t == ' ')
			t++;
		s->build_error = field_append(s, s->build_error, t, (size_t)(pl->s + pl->len - t));
		p->cont = CONT_BUILD_ERROR;
		break;
	case SH_BARE_FAILED:
	case SH_REPRO_FAILURE:
		t = memchr(pl->s, ':', pl->len);
		t = t ? t + 1 : pl->s + pl->len;
		if (t < pl->s + pl->len && *t == ' ')
			t++;
		s->test_error = field_append(s, s->test_error, t, (size_t)(pl->s + pl->len - t));
		p->cont = CONT_TEST_ERROR;
		break;
	case SH_REPRESENTATIVE:
		representative(s, pl);
		p->cont = CONT_NONE;
		break;
	case SH_UNDETERMINED:
		s->undetermined = true;
		p->cont = CONT_NONE;
		break;
	case SH_FALSE_NEGATIVE:
		s->false_negative_chance = strtod(field_dup(s, pl->s + 23, pl->len - 23), NULL);
		p->cont = CONT_NONE;
		break;
	case SH_SEEMS_FLAKY:
		s->flaky_detected = true;
		p->log->flaky = true;
		if (!p->log->flaky_line)
			p->log->flaky_line = pl->first;
		p->cont = CONT_NONE;
		break;
	default:
		break;
	}
}

static void header_line(struct syz_parser *p, enum shape sh, const struct pline *pl)
{
	struct blog *log = p->log;
	const char *sp;

	switch (sh) {
	case SH_HOST_START:
		sp = memmem(pl->s, pl->len, " starts bisection ", 18);
		log->host = field_dup(log, pl->s, (size_t)(sp - pl->s));
		{
			/* Go appends the monotonic clock (" m=+43528.49"): noise */
			const char *t = sp + 18, *end = pl->s + pl->len;
			const char *m = memmem(t, (size_t)(end - t), " m=", 3);

			log->started_at = field_dup_trim(log, t, (size_t)((m ? m : end) - t));
		}
		break;
	case SH_CAUSE_START:
	case SH_FIX_START:
		log->kind = sh == SH_CAUSE_START ? KIND_CAUSE : KIND_FIX;
		sp = pl->s + pl->len;
		while (sp > pl->s && sp[-1] != ' ')
			sp--;
		if (!log->start_commit)
			log->start_commit = hash_dup(log, sp, pl->len - (size_t)(sp - pl->s));
		break;
	case SH_BUILDING_SYZKALLER:
		log->syzkaller_commit = hash_after(log, pl, "building syzkaller on ");
		break;
	case SH_REWRITTEN:
		log->start_commit_original = log->start_commit;
		log->start_commit = hash_after(log, pl, "rewritten commit ");
		break;
	case SH_ENSURING:
		open_step(p, PHASE_ORIGINAL, hash_after(p->log, pl, "ensuring issue is reproducible on original commit "), pl);
		break;
	default:
		break;
	}
}

static void main_line(struct syz_parser *p, enum shape sh, const struct pline *pl)
{
	switch (sh) {
	case SH_BLANK:
	case SH_MAIL_NOTE:
	case SH_PICKED:
	case SH_FETCH:
	case SH_MERGE_BASE_NOTE:
	case SH_NO_MERGE_BASE_CRASH:
	case SH_BISECTING_MERGE_BASE:
	case SH_PRECHECK:
	case SH_GIT_COULD_BE:
	case SH_CANNOT_BISECT:
	case SH_CONFIG:
		if (sh != SH_BLANK)
			p->cont = CONT_NONE;
		break;
	case SH_CONFIG_SCRIPT:
	case SH_GIT_ERROR_TEXT:
	case SH_FETCH_FAILED:
		p->cont = CONT_NOISE;
		break;
	case SH_GIT_WARNING:
		if (p->cont == CONT_BUILD_ERROR)
			continuation(p, pl);
		break;
	case SH_HOST_START: case SH_CAUSE_START: case SH_FIX_START:
	case SH_BUILDING_SYZKALLER: case SH_REWRITTEN: case SH_ENSURING:
		header_line(p, sh, pl);
		break;
	case SH_TESTING_COMMIT:
		testing_commit(p, pl);
		break;
	case SH_RUN:
	case SH_ALL_RUNS:
		run_line(p, pl, sh == SH_ALL_RUNS);
		break;
	case SH_TESTING_RELEASE: {
		struct step *s = open_step(p, PHASE_RELEASE, NULL, pl);

		s->label = field_dup_trim(s, pl->s + 16, pl->len - 16);
		break;
	}
	case SH_TESTING_HEAD:
		open_step(p, PHASE_HEAD, hash_after(p->log, pl, "testing current HEAD "), pl);
		break;
	case SH_MERGE_BASE_IS:
		open_step(p, PHASE_MERGE_BASE, hash_dup(p->log, pl->s, pl->len), pl);
		break;
	case SH_PRECHECK_MERGE_BASE:
		open_step(p, PHASE_MERGE_BASE, hash_after(p->log, pl, "checking the merge base "), pl);
		break;
	case SH_PRETEND:
		p->pretend = true;
		p->cont = CONT_NONE;
		break;
	case SH_GIT_START:
		git_start(p, pl);
		break;
	case SH_GIT_VERDICT:
		git_verdict(p, pl);
		break;
	case SH_BISECTING:
		bisecting(p, pl);
		break;
	case SH_NEXT:
		next_commit(p, pl);
		break;
	case SH_ONLY_SKIPPED:
		p->mode = MODE_GIT_CANDIDATES;
		p->cont = CONT_NONE;
		break;
	case SH_UNKNOWN:
	case SH_HASH_ONLY:
		unknown(p, pl);
		break;
	default:
		test_block_line(p, sh, pl);
		break;
	}
}

/* "first good commit: H" / "... the first good commit could be any
 * of:" name a fix; "first bad" a cause. */
static void note_result_kind(struct syz_parser *p, const struct pline *pl)
{
	if (memmem(pl->s, pl->len, "first good commit", 17))
		p->result_kind = KIND_FIX;
	else if (memmem(pl->s, pl->len, "first bad commit", 16))
		p->result_kind = KIND_CAUSE;
}

void parse_syzbot(struct blog *log, struct pline *lines, size_t n)
{
	struct syz_parser p = { .log = log };

	if (log->mail_quoted)
		lines = syzbot_unwrap(log, lines, &n);
	for (size_t i = 0; i < n; i++) {
		const struct pline *pl = &lines[i];
		enum shape sh = shape_of(pl->s, pl->len);

		if (p.mode == MODE_SHOW) {
			if (!shape_is_summary(sh)) {
				show_line(&p, pl);
				continue;
			}
			p.mode = MODE_MAIN;
		}
		if (p.mode == MODE_CANDIDATES || p.mode == MODE_GIT_CANDIDATES) {
			if (sh == SH_HASH_ONLY || sh == SH_GIT_COULD_BE || sh == SH_CANNOT_BISECT) {
				if (sh == SH_HASH_ONLY)
					result_candidate(&p, pl);
				continue;
			}
			p.mode = MODE_MAIN;
		}
		if (sh == SH_FIRST_COMMIT || sh == SH_INCONCLUSIVE)
			note_result_kind(&p, pl);
		switch (result_line(&p, sh, pl, lines + i + 1, n - i - 1)) {
		case RESULT_LINE_END:
			i = n;
			break;
		case RESULT_LINE_TAKEN:
			break;
		case RESULT_LINE_NOT_MINE:
			main_line(&p, sh, pl);
			break;
		}
	}
	/* No header: a fragment, whose result line may still tell the kind
	 * (syzkaller says "first good commit" only of a fix) */
	if (log->kind == KIND_NONE) {
		log->fragment = true;
		log->kind = p.result_kind;
	}
	result_finish(log);
}
