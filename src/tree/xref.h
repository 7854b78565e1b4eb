/* Cross-referencing a parsed log with the tree: the facts --json,
 * --summary and the explorer show next to each step. Plain data: the
 * report and ui layers read it without touching libgit2. */
#ifndef BISVIEW_TREE_XREF_H
#define BISVIEW_TREE_XREF_H

#include "bisect/dag.h"
#include "bisect/posterior.h"
#include "log/model.h"
#include "tree/fix.h"
#include "tree/tree.h"

struct step_xref {
	struct commit_facts facts;  /* facts.found false: not in the tree */
	const char *ref;            /* what was looked up (hash or tag) */
	/* The bisection at this step, from the in-memory range (bisect
	 * steps only; -1 / NULL when not computed). */
	long candidates;            /* candidates left after this verdict */
	long revisions_left;        /* what git would print after it */
	const char *git_choice;     /* what git would test next */
	int matches;                /* 1 the log agrees with git, 0 not, -1 unknown */
};

struct log_xref {
	const char *path;           /* the tree */
	size_t found, missing;      /* steps' commits found / not found */
	size_t unreadable;          /* of the missing: there, but unreadable */
	struct step_xref *steps;    /* one per log step */
	size_t n_steps;
	const char *missing_hint;   /* which tree to fetch, when the log says */
	bool shallow;
	/* The culprit (the result's commit), when the tree has it. */
	bool has_culprit;
	const char *culprit;
	bool culprit_merge;
	unsigned culprit_parents;
	struct diff_file *culprit_files;
	size_t n_culprit_files;
	bool culprit_files_unknown; /* a partial clone lacks the trees: no list */
	/* A partial clone (NULL when not): its filter, and how many objects
	 * the facts above needed and did not find. */
	const struct tree_partial *partial;
	/* The range check (verify.c). */
	bool range_built;           /* the first git bisect start range was walked */
	const char *range_note;     /* why not, or what was not verifiable */
	long range_size;
	size_t mismatches;          /* bisect steps where the log and git differ */
	int culprit_in_range;       /* 1 / 0, or -1 when not known */
	/* Where git stands after the log's last mark (verify.c), as `git
	 * bisect` would print it now (doc/design.md §12): known only when
	 * the range was walked and every mark replayed. */
	struct xref_next {
		bool known;
		bool done;              /* the first bad commit is found */
		bool only_skipped;      /* only skipped commits are left */
		const char *commit;     /* what git tests next (40-hex), or NULL */
		long candidates;        /* commits that may be the first bad one */
		int revisions_left;     /* "Bisecting: N revisions left ..." */
		int steps_left;         /* "... (roughly S steps)" */
	} next;
	/* The range in memory, kept for the posterior over commits (NULL
	 * when it was not walked). Under the struct. */
	const struct dag *range;
	/* An inconclusive result's candidates (result.candidates), in its
	 * order, each looked up: found false when the tree lacks it. */
	struct commit_facts *candidates;
	size_t n_candidates;
	/* The fix's own verdict (tree_find_fix()), set by the caller after
	 * xref_log(); NULL when none was found or searched for. */
	const struct tree_fix *fix;
	struct fix_search fix_search;
};

/* Look every step's commit up and describe the culprit. Never fails:
 * what the tree lacks is counted as missing. */
struct log_xref *xref_log(struct tree *t, const void *ctx, const struct blog *log);

/* One step's evidence for the posterior over commits, as the model gives
 * it (model_step_evidence(), doc/model.md §9), in plain numbers. */
struct xref_evidence {
	bool used;             /* the step was tested and says something */
	bool here;             /* it said "the bug is here" */
	double l_present, l_absent;
	double prior_present;  /* a clean step's prior that its commit has the bug, or < 0 */
	double older_prior;    /* the first clean step: the older-bug prior (doc/model.md §4), or < 0 */
};

/* The posterior over the commits of the walked range, from the steps'
 * evidence (ev: one per log step): the range's tested commits, and the
 * ends judged clean outside it (doc/model.md §9). NULL when the range was
 * not walked. Under ctx. */
struct posterior *xref_posterior(const void *ctx, const struct log_xref *x, const struct blog *log,
				 const struct xref_evidence *ev);

#endif
