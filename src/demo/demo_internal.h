/* What the demo's parts share; for src/demo/demo*.c only.
 *
 *   demo_tables.c     people, subsystems, the MAINTAINERS/Makefile text
 *   demo_src_*.c      initial sources: mm (the crash's home), kernel and
 *                     arch (the rest of its stack), misc (fs, net, drm, ...)
 *   demo_weave.c      files as a weave of lines: versions, merges, rendering
 *   demo_edit.c       the random edits commits make to them
 *   demo_git.c        writing objects with libgit2 (in memory, one pack)
 *   demo_msg.c        commit and merge messages
 *   demo_repo.c       commits: patches, topic branches, merges, releases
 *   demo_cycle.c      the history: release cycles, merge windows, rc weeks
 *   demo_bisect.c     the simulated bisection (bisect_algo.h decides)
 *   demo_noise.c      the same with noisy verdicts (struct demo_noise)
 *   demo_log.c        the log text, as syzbot and git print it
 *   demo_crash.c      the crash report, frames taken from the tree
 *   demo.c            demo_build(), demo_prepare() and the cache
 */
#ifndef BISVIEW_DEMO_DEMO_INTERNAL_H
#define BISVIEW_DEMO_DEMO_INTERNAL_H

#include <git2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bisect/bisect_algo.h"
#include "demo/demo.h"
#include "tree/tree.h"

/* splitmix64: small, fast, the same numbers everywhere */
struct demo_rng {
	uint64_t state;
};

static inline uint64_t demo_rand(struct demo_rng *r)
{
	uint64_t z = (r->state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline uint32_t demo_below(struct demo_rng *r, uint32_t n)
{
	return n ? (uint32_t)(demo_rand(r) % n) : 0;
}

static inline bool demo_chance(struct demo_rng *r, unsigned percent)
{
	return demo_below(r, 100) < percent;
}

static inline uint32_t demo_min(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

/* ---- demo_tables.c ---------------------------------------------------- */

struct demo_person {
	const char *name;
	const char *email;
	int tz;                 /* minutes east of UTC */
};

/* Fixed roles in the people table. */
enum {
	PERSON_MAINLINE = 0,    /* tags releases, merges pulls */
	PERSON_MAREK_OLD = 1,   /* the identity .mailmap maps */
	PERSON_MAREK = 2,
	PERSON_FIRST_AUTHOR = 2,
	PERSON_JUN = 4,         /* reviews the culprit, writes the fix */
};

struct demo_subsys {
	const char *name;       /* "mm" */
	const char *title;      /* MAINTAINERS section */
	const char *pull;       /* "Pull MM updates from" */
	const char *tree;       /* where pulls come from */
	const char *tag;        /* merge-window tag stem: 'mm-stable-2022-12-13' */
	const char *fixes;      /* rc-phase tag stem: 'mm-hotfixes-2023-01-05' */
	const char *list;       /* mailing list */
	int maintainer;         /* person index */
	int weight;             /* how often it sends a pull */
};

enum demo_lang {
	LANG_C,                 /* functions in kernel style: edited */
	LANG_RST,               /* paragraphs: edited */
	LANG_FIXED,             /* only special commits change it */
};

struct demo_file {
	const char *path;
	int subsys;             /* index, or -1: the mainline maintainer's */
	int weight;             /* how often its subsystem's commits pick it */
	const char *prefix;     /* subject prefix: "mm/khugepaged" */
	const char *ident;      /* stem for generated identifiers */
	enum demo_lang lang;
	const char *text;       /* initial content; NULL: made by demo_tables.c */
};

size_t demo_people(const struct demo_person **out);
size_t demo_subsystems(const struct demo_subsys **out);
size_t demo_files_mm(const struct demo_file **out);
size_t demo_files_kernel(const struct demo_file **out);
size_t demo_files_misc(const struct demo_file **out);
/* All of them, in a fixed order: the order decides the random choices,
 * hence every hash. */
size_t demo_files(const void *ctx, const struct demo_file ***out);
char *demo_makefile(const void *ctx, unsigned version, unsigned patchlevel, const char *extra);
char *demo_maintainers(const void *ctx, const struct demo_file *const *files, size_t n);

/* ---- demo_edit.c ------------------------------------------------------ */

/* Every line a file ever had, in one order (a weave). A version of the
 * file is the set of weave lines it shows, so that the merge of two
 * branches is exact set arithmetic against their merge base: lines one
 * side added are kept, lines one side removed are dropped. No conflicts,
 * whatever two branches did to the same file. */
struct demo_weave;

struct demo_version {
	uint32_t nbits;
	uint64_t *bits;
	git_oid blob;           /* set by the writer */
	bool written;
};

enum demo_line_kind {
	LINE_SKELETON,          /* from the initial text; edits keep it */
	LINE_ADDED,             /* added by an edit; a later edit may drop it */
	LINE_BUG,               /* the culprit's lines; only the fix drops them */
};

/* What an edit did, for the commit subject and message. */
struct demo_change {
	const char *subject;    /* "add cond_resched() to collapse_file()" */
	const char *func;       /* the function it touched, or NULL */
};

struct demo_weave *demo_weave_new(void *ctx, const char *text, struct demo_version **first);
struct demo_version *demo_edit(void *ctx, struct demo_weave *w, const struct demo_version *v,
			       const struct demo_file *f, struct demo_rng *r,
			       struct demo_change *change);
struct demo_version *demo_merge(void *ctx, const struct demo_version *base,
				const struct demo_version *a, const struct demo_version *b);
/* Insert lines after the first line containing anchor (inside function
 * func when func is not NULL). NULL when the anchor is not there. */
struct demo_version *demo_insert_after(void *ctx, struct demo_weave *w,
				       const struct demo_version *v, const char *func,
				       const char *anchor, const char *const *lines, size_t n,
				       enum demo_line_kind kind);
/* Drop every line of a kind. */
struct demo_version *demo_drop_kind(void *ctx, struct demo_weave *w,
				    const struct demo_version *v, enum demo_line_kind kind);
/* Replace the whole content (only for LANG_FIXED files). */
struct demo_version *demo_replace(void *ctx, struct demo_weave *w, const char *text);
char *demo_render(void *ctx, const struct demo_weave *w, const struct demo_version *v,
		  size_t *len);

/* ---- demo_git.c ------------------------------------------------------- */

struct demo_git;

struct demo_git *demo_git_init(void *ctx, const char *path, const char **err);
int demo_git_blob(struct demo_git *g, const char *buf, size_t len, git_oid *out);
/* A tree from base (NULL: empty) with the given paths set to blobs. */
int demo_git_tree(struct demo_git *g, const git_oid *base, const char *const *paths,
		  const git_oid *blobs, size_t n, git_oid *out);
int demo_git_commit(struct demo_git *g, const git_oid *tree, const git_oid *parents, size_t np,
		    const struct demo_person *author, int64_t author_time,
		    const struct demo_person *committer, int64_t commit_time,
		    const char *message, git_oid *out);
int demo_git_tag(struct demo_git *g, const char *name, const git_oid *commit,
		 const struct demo_person *tagger, int64_t when, const char *message);
/* Pack everything reachable from head and the tags, write the refs
 * (refs/heads/master, refs/tags/...), and check out when asked. */
int demo_git_finish(struct demo_git *g, const git_oid *head, bool checkout);
/* Why the last call failed, or NULL when libgit2 did not fail. */
const char *demo_git_error(struct demo_git *g);

/* ---- demo_repo.c ------------------------------------------------------ */

struct demo_release {
	const char *tag;        /* "v1.4" */
	git_oid commit;
};

/* What the history holds, for the simulated bisection. */
struct demo_plan {
	enum demo_kind kind;
	bool flaky;
	struct demo_noise noise;   /* noisy verdicts when noise.on (demo_noise.c) */
	/* the whole history from head, walked once for many noisy logs
	 * (demo_session_log()), or NULL: demo_noise.c walks it then */
	const struct dag *history;
	uint64_t seed;
	git_oid head;
	git_oid culprit;        /* the commit that brings the bug */
	git_oid fix;            /* the commit that removes it (DEMO_FIX) */
	git_oid start;          /* where the log starts */
	struct demo_release *releases;  /* v1.0 .. v1.N, oldest first */
	size_t n_releases;
	int64_t head_time;
	unsigned commits, merges, tags;
};

int demo_repo_build(void *ctx, const char *path, const struct demo_options *opt,
		    struct demo_plan *plan, const char **err);

/* ---- demo_bisect.c / demo_log.c / demo_crash.c ----------------------- */

enum demo_phase {
	DP_ORIGINAL,
	DP_RELEASE,
	DP_HEAD,
	DP_BISECT,
	DP_PARENT,
};

enum demo_verdict {
	DV_NONE,
	DV_GOOD,
	DV_BAD,
	DV_SKIP,
};

enum demo_run {
	DR_OK,
	DR_CRASH,               /* the original crash */
	DR_DRIFT,               /* another crash title */
	DR_BOOT,                /* boot failed */
	/* crashes of other bugs (noisy mode: a false "bad") */
	DR_OTHER_NET,
	DR_OTHER_FS,
	DR_OTHER_DRM,
};

struct demo_step {
	enum demo_phase phase;
	git_oid commit;
	const char *label;      /* release tag */
	bool build_error;
	bool flaky_line;        /* "reproducer seems to be flaky" after it */
	unsigned n_runs;        /* 0: build only */
	enum demo_run runs[20];
	enum demo_verdict verdict;  /* what git was told (bisect steps) */
	/* git's answer after the verdict (or after `git bisect start`) */
	int revisions_left, steps_left;
	git_oid next;
	bool found;             /* the answer was "is the first bad commit" */
	bool only_skipped;      /* the answer was "only 'skip'ped commits left" */
};

struct demo_sim {
	struct demo_step *steps;
	size_t n_steps;
	git_oid bisect_bad, bisect_good;
	struct demo_step start;     /* git's answer to `git bisect start` */
	bool has_bisect;
	git_oid result;
	/* noisy mode: git ended on "only 'skip'ped commits left", the result
	 * is inconclusive: these candidates (the skipped ones in git's
	 * order, then bad) */
	bool inconclusive;
	git_oid *candidates;
	size_t n_candidates;
	git_oid report_at;          /* the commit whose crash the log's report shows */
	enum demo_truth truth;
	unsigned range;
	unsigned bisect_steps, skips;
};

int demo_bisect(void *ctx, struct tree *t, const struct demo_plan *plan, struct demo_sim *sim,
		const char **err);
/* demo_bisect.c's pieces that demo_noise.c shares */
bool demo_reaches(struct tree *t, const git_oid *commit, const git_oid *ancestor);
struct demo_step *demo_add_step(void *ctx, struct demo_sim *sim, enum demo_phase phase,
				const git_oid *commit);
void demo_all_runs(struct demo_step *s, unsigned n, enum demo_run run);
void demo_answer(struct demo_step *s, const struct dag *d, const struct bisect_answer *a);
/* The range git bisect starts on, walked; sim->range and sim->truth set. */
struct dag *demo_range(void *ctx, struct tree *t, const struct demo_plan *plan,
		       struct demo_sim *sim, uint32_t *bad, const char **err);
/* syzbot builds the culprit's parent when no step tested it */
int demo_parent_step(void *ctx, struct tree *t, struct demo_sim *sim, const char **err);

/* ---- demo_noise.c ------------------------------------------------------ */

/* The noise's own limits (a cause bisection, rates in range). */
int demo_noise_check(const struct demo_options *opt, const struct demo_noise *n,
		     const char **err);
/* The bisection with noisy verdicts: 0, 1 when every release crashed (no
 * git bisect), -1 on failure. */
int demo_bisect_noisy(void *ctx, struct tree *t, const struct demo_plan *plan,
		      struct demo_sim *sim, const char **err);
int demo_log_write(void *ctx, struct tree *t, const struct demo_plan *plan,
		   const struct demo_sim *sim, const char *path, const char **err);
/* The crash report of the culprit, "crash: title\n" not included. */
char *demo_crash_report(void *ctx, struct tree *t, const char *commit, struct demo_rng *r,
			const char **err);
const char *demo_crash_title(void);
const char *demo_drift_title(void);
/* The title of a crash of another bug (DR_OTHER_*), or NULL. */
const char *demo_other_title(enum demo_run run);
/* A 64-hex kernel signature: a hash of the files a kernel is built from. */
char *demo_kernel_signature(void *ctx, struct tree *t, const git_oid *commit);

#endif
