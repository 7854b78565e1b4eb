/* The built-in demo: a kernel-like repository written with libgit2 and a
 * syzbot cause (or fix) bisection log simulated on it, so that a newcomer
 * sees every feature of bisview without a kernel tree. The same generator
 * gives the tests their fixtures (tests/cli/demo-fixture.c, tests/cli/demo.sh).
 *
 * Deterministic: the same options give the same commits, the same hashes
 * and the same log on every machine. The next commit of every bisection
 * step is the one git would choose (bisect_algo.h on the range walked
 * from the new repository).
 *
 * Never runs git: everything is written through libgit2.
 */
#ifndef BISVIEW_DEMO_DEMO_H
#define BISVIEW_DEMO_DEMO_H

#include <stdbool.h>
#include <stdint.h>

/* Bump whenever the generated repository or log changes, so that caches
 * made by an older bisview are not reused (the cache is demo-<N>/). */
#define DEMO_FORMAT 1

enum demo_kind {
	DEMO_CAUSE,     /* "bisecting cause commit starting from" */
	DEMO_FIX,       /* "bisecting fixing commit since" */
};

/* Noisy verdicts, for measuring the posterior on bisections whose true
 * culprit is known (bench/posterior-sim.sh). Off by default: the demo and
 * every fixture without it are what they were. On, every run is drawn,
 * a step is bad when at least one run crashed, of any title (syzbot's rule
 * before mid-2024), git follows the verdicts given, and the bisection may
 * end on a wrong commit. Cause bisections only. */
struct demo_noise {
	bool on;
	/* a run on a commit holding the bug crashes with its title: 0 < r <= 1 */
	double repro;
	/* a run, on any commit, crashes with another bug's title (tried when
	 * the bug did not fire): a false "bad" */
	double false_bad;
	double skip;               /* a git bisect step fails to build: `git bisect skip` */
	/* 0, or K: the reproducer needs something a merge of v1.K's window
	 * brings (K = releases + 1: the open window), and cannot fire on
	 * commits without it though the bug is there: clean releases that
	 * hold the bug, the commonest real failure */
	unsigned blind_release;
	uint64_t seed;             /* the runs' draws; the repository ignores it */
};

struct demo_options {
	uint64_t seed;
	unsigned commits;          /* commits in the repository, exactly */
	unsigned releases;         /* release tags v1.1 .. v1.N after the root v1.0 */
	/* The merge window of v1.K brings the bug (1 <= K <= releases + 1;
	 * releases + 1 is the window still open at the head). A fix
	 * bisection needs K <= releases: the fix lands in the next window. */
	unsigned culprit_release;
	double culprit_position;   /* which merge of that window, 0 .. 1 */
	/* The culprit opens its topic branch: its parent is then outside
	 * the range, and syzbot builds it on its own ("parent commit H
	 * wasn't tested"). Else it sits in the middle of the topic. */
	bool culprit_first;
	enum demo_kind kind;
	/* Suspicious steps: a verdict resting on one crash, a crash title
	 * that differs from the original, boot failures, a build error
	 * skipped, "reproducer seems to be flaky". */
	bool flaky;
	bool checkout;             /* write the work tree and the index */
	struct demo_noise noise;   /* off unless noise.on; then flaky is ignored */
};

/* Where the true culprit lies against the range git bisect started on. */
enum demo_truth {
	DEMO_TRUTH_RANGE,          /* one of the range's commits */
	DEMO_TRUTH_OLDER,          /* an ancestor of the good end: a clean end held the bug */
	DEMO_TRUTH_ELSEWHERE,      /* not an ancestor of the bad end: a bad end lacked it */
};

/* What demo_build made; strings under the ctx given to demo_build. */
struct demo_result {
	const char *repo_path;     /* <dir>/linux */
	const char *log_path;      /* <dir>/bisect.log */
	const char *culprit;       /* the true first bad commit (fix: the fixing one) */
	/* the one the log names: the culprit unless noisy; NULL when git
	 * ended on "only 'skip'ped commits left" (noisy) */
	const char *result;
	enum demo_truth truth;
	const char *start;         /* the commit the log starts from */
	unsigned commits, merges, tags;
	unsigned range;            /* commits in the `git bisect start` range */
	unsigned steps;            /* git bisect steps (tested commits) */
	unsigned skips;
	double seconds;            /* wall-clock time of the build */
};

/* The demo's own parameters: ~3,000 commits, 7 releases, the bug in the
 * v1.5 merge window, a cause bisection with flaky steps. */
void demo_options_init(struct demo_options *opt);

/* Build the repository as <dir>/linux and the log as <dir>/bisect.log.
 * dir must not exist yet or be empty. On failure returns -1 with *err
 * set (translated, one line) and may leave a partial dir behind. */
int demo_build(const void *ctx, const char *dir, const struct demo_options *opt,
	       struct demo_result *out, const char **err);

/* One repository, many logs: the repository of demo_build, then any
 * number of logs simulated on it with other noise (opt->noise is the
 * default). For benches, where the build costs more than a log. The
 * session (and the tree it holds open) is freed with ctx. NULL on
 * failure, with *err set. */
struct demo_session;

struct demo_session *demo_session_open(const void *ctx, const char *dir,
				       const struct demo_options *opt, const char **err);
/* Simulate and write one log to path. 0; 1 when noisy and every release
 * crashed, so that no git bisect ran and no log was written (*err says
 * so); -1 on failure, with *err set. */
int demo_session_log(struct demo_session *s, const struct demo_noise *noise, const char *path,
		     struct demo_result *out, const char **err);

/* The demo for --demo: built once into <cache_dir>/demo-<DEMO_FORMAT>/
 * and reused while complete. A build goes to a temporary name and is
 * renamed into place, so an interrupted one is never reused. cache_dir
 * NULL means $XDG_CACHE_HOME/bisview, else $HOME/.cache/bisview.
 * Paths are allocated under ctx. 0, or -1 with *err set. */
int demo_prepare(const void *ctx, const char *cache_dir, const char **repo_path,
		 const char **log_path, const char **err);

#endif
