/* The posterior over commits: which commit of the range introduced the
 * bug, given every tested step's verdict and how likely each verdict was
 * wrong (doc/model.md §9).
 *
 * Hypotheses: every commit of the range ("this commit introduced the
 * bug"), and one per interval older than the range, bounded by the ends
 * judged clean outside it (the releases: a false clean release is the
 * most common failure). A hypothesis says the bug is present at a tested
 * commit iff it is an ancestor of, or equal to, that commit (ancestry on
 * the DAG with merges, not first-parent); an outside hypothesis is taken
 * as present at every commit of the range.
 *
 * Pure C on struct dag: no libgit2, no I/O. Ownership: the result is one
 * talloc tree under the caller's context.
 */
#ifndef BISVIEW_BISECT_POSTERIOR_H
#define BISVIEW_BISECT_POSTERIOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bisect/dag.h"

#define POSTERIOR_LEVEL 0.9      /* the credible set's probability */
#define POSTERIOR_SET_LISTED 200 /* commits of the set listed at most */
#define POSTERIOR_TOP 10         /* the most likely commits listed */
#define POSTERIOR_CANDIDATES 64  /* commits whose test is weighed for `next` */

/* One tested step, as the model reads it. */
struct posterior_obs {
	uint32_t at;        /* its commit's index in the dag, or DAG_NONE: an end older than the range */
	size_t outside;     /* at == DAG_NONE: which outside end (0 the newest, in log order) */
	double log_present; /* log P(what was seen | the bug is present at that commit) */
	double log_absent;  /* log P(what was seen | absent) */
};

struct posterior_input {
	const struct posterior_obs *obs;
	size_t n_obs;
	size_t n_outside;      /* outside ends, hence outside hypotheses */
	double outside_prior;  /* prior mass of all outside hypotheses together (0..1) */
	/* of outside_prior, the share of a reproducer blind on the older part
	 * of the history until a commit of the range enabled it (the rest: a
	 * miss at the clean end alone), 0..1 (doc/model.md §9) */
	double older_blind_share;
	/* the prior that the bug is newer than the range's bad end (that end
	 * crashed on something else), absent at every tested commit weighed;
	 * 0: no such hypothesis (doc/model.md §9) */
	double newer_prior;
	/* The test weighed for `next`: P(clean | present), P(crash | absent). */
	double miss, false_crash;
	uint32_t culprit;      /* the log's culprit in the dag, or DAG_NONE */
};

struct posterior {
	uint32_t n;            /* commits in the range */
	size_t n_outside;
	/* n + n_outside (+ has_newer) probabilities: the range's, the outside
	 * ones (newest first), then the newer one */
	double *p;
	double outside_p;      /* the mass older than the range */
	double blind_p;        /* of it, the blind reproducer's: no test can weigh it */
	bool has_newer;        /* the hypothesis "newer than the range" is weighed: p[n + n_outside] */
	double newer_p;        /* its probability (0 without it) */
	bool set_newer;        /* the set needs it */
	/* The smallest set of hypotheses holding POSTERIOR_LEVEL: its commits
	 * by falling probability (at most POSTERIOR_SET_LISTED listed) and
	 * their count, and whether it needs mass outside the range. */
	uint32_t *set;
	size_t set_listed, set_size;
	bool set_outside;
	bool *in_set;          /* n entries: whether each range commit is in the set (all of them, listed or not) */
	uint32_t top[POSTERIOR_TOP]; /* the most likely commits, by falling probability */
	size_t n_top;
	double culprit_p;      /* the culprit's own probability, < 0 when it is not in the range */
	uint32_t next;         /* the commit whose test most reduces the expected entropy, or DAG_NONE */
	double next_present;   /* P(the bug is present at next) */
	double next_bits;      /* the expected entropy reduction of its test, in bits */
};

/* A run of the credible set: commits that follow one another in history,
 * each the only parent of the one before, none a merge, so that
 * `git log OLDEST^..NEWEST` lists exactly them (doc/model.md §9.1). A
 * merge of the set, or a commit whose parent is not in the set, is a run
 * of its own. */
struct posterior_run {
	uint32_t newest, oldest; /* dag indices (equal for a single commit) */
	size_t commits;
	double p;                /* the probability the run holds */
};

/* The set's commits (r->in_set, all of them) as runs, by falling
 * probability (ties: the newest first in the dag's order). A commit whose
 * only parent is claimed by two children of the set goes with the first
 * child in the dag's order. Returns the number of runs and *runs, an
 * array under ctx; 0 (and NULL) for an empty set or out of memory. */
size_t posterior_set_runs(const void *ctx, const struct dag *d, const struct posterior *r,
			  struct posterior_run **runs);

/* NULL when out of memory, or when the dag is empty. */
struct posterior *posterior_compute(const void *ctx, const struct dag *d, const struct posterior_input *in);

/* The 40-hex name of dag commit i into hex (41 bytes). */
void posterior_hex(char hex[2 * DAG_OID_LEN + 1], const struct dag *d, uint32_t i);

#endif
