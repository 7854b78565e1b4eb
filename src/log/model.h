/* The bisection-log model: what a log says, independent of how it is shown.
 *
 * Ownership: one talloc context per loaded log (struct blog). Every string,
 * step, run and array below hangs under it; talloc_free(log) releases all.
 * Strings are NUL-terminated copies of the log's bytes; an embedded NUL
 * byte is stored as U+2400 (SYMBOL FOR NULL) so that C string handling
 * cannot cut a field short. Text is NOT sanitised here: report/ and ui/
 * pass every string through text/sanitize.h before it reaches a terminal.
 *
 * Line numbers are 1-based numbers of physical lines in the original input.
 */
#ifndef BISVIEW_LOG_MODEL_H
#define BISVIEW_LOG_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#define HASH_HEX_LEN 40

enum log_format {
	LOG_FORMAT_UNKNOWN,
	LOG_FORMAT_SYZBOT,
	LOG_FORMAT_GIT_BISECT,
	LOG_FORMAT_CRASH_REPORT,
};

enum bisect_kind {
	KIND_NONE,
	KIND_CAUSE,
	KIND_FIX,
};

enum step_phase {
	PHASE_ORIGINAL,     /* the commit the crash was found on */
	PHASE_CONFIG,       /* config-minimisation retests of it */
	PHASE_RELEASE,      /* release tags tried before git bisect */
	PHASE_HEAD,         /* fix: the branch HEAD */
	PHASE_MERGE_BASE,   /* fix, cross-tree: merge bases */
	PHASE_BISECT,       /* a git bisect step */
	PHASE_PARENT_BUILD, /* build-only check of the culprit's parent */
};

/* The word git bisect was (or would have been) given, in git's terms:
 * for fix bisections "good" means the commit still crashed. */
enum verdict {
	VERDICT_NONE,
	VERDICT_GOOD,
	VERDICT_BAD,
	VERDICT_SKIP,
};

enum run_outcome {
	RUN_OK,
	RUN_CRASHED,
	RUN_BOOT_FAILED,
	RUN_TEST_FAILED,
	RUN_FAILED,
	RUN_INFRA,
	RUN_IGNORED,
	RUN_OUTCOME_COUNT,
};

enum result_type {
	RESULT_INCOMPLETE, /* the log stops before any result */
	RESULT_CULPRIT,
	RESULT_INCONCLUSIVE,
	RESULT_BOUNDARY,
	RESULT_ERROR,
};

struct line_span {
	int first, last; /* 1-based, inclusive; 0/0 when unknown */
};

struct run {
	int number;               /* run #N, or -1 for an "all runs:" copy */
	enum run_outcome outcome;
	const char *text;         /* text after the outcome word (title or error) */
	const char *detail;       /* continuation lines, '\n'-joined, or NULL */
	int line;
};

struct run_counts {
	int total, ok, crashed, boot_failed, test_failed, failed, infra, ignored;
};

struct step {
	int index;                /* position in log order, from 0 */
	enum step_phase phase;
	const char *commit;       /* 40-hex, or NULL (tag-only or missing) */
	const char *label;        /* release tag, git ref, or NULL */
	const char *subject;      /* subject as git printed it in the log, or NULL */
	const char *compiler_type;/* "gcc"/"clang" word on the testing line */
	const char *compiler;     /* real compiler id (with-text or compiler:) */
	const char *kernel_signature;
	const char *build_error;  /* '\n'-joined lines, or NULL */
	const char *test_error;   /* bare "failed:"/"repro testing failure:" text */
	struct run *runs;         /* talloc array */
	size_t n_runs;
	bool all_runs;            /* runs came from one "all runs:" line */
	const char *representative_title;
	const char *crash_types;
	double false_negative_chance; /* < 0 when not printed */
	bool undetermined;        /* "unable to determine the verdict" */
	bool flaky_detected;      /* "reproducer seems to be flaky" here */
	bool synthetic;           /* fix pre-check "pretend that kernel crashed" */
	bool tested;              /* a test block exists for this step */
	enum verdict verdict;     /* git's word for this step */
	bool verdict_inferred;    /* worked out from the runs, not printed */
	int revisions_left;       /* "Bisecting: N revisions" after it, or -1 */
	int steps_left;           /* "(roughly S steps)" after it, or -1 */
	const char *next_commit;  /* the "[H] subject" git printed after it */
	struct line_span lines;
};

/* The git show block printed after "H is the first bad commit". */
struct show_block {
	const char *commit;
	const char *merge;        /* the "Merge:" abbreviations, or NULL */
	const char *author;
	const char *date;
	const char *message;      /* de-indented, '\n'-joined */
	const char **stat;        /* diffstat or raw diff-tree lines */
	size_t n_stat;
	struct line_span lines;
};

struct result {
	enum result_type type;
	const char *commit;       /* culprit / fix, 40-hex */
	const char *title;
	const char **candidates;  /* inconclusive: syzkaller's (or git's) list */
	size_t n_candidates;
	const char *error;        /* '\n'-joined error text */
	const char *boundary;     /* the boundary message */
	const char *boundary_commit_title; /* "commit msg:" */
	const char *culprit_signature;
	const char *parent_signature;
	bool noop;                /* signatures equal */
	const char *parent_commit; /* "parent commit H wasn't tested" */
	const char **to, **cc;    /* recipients */
	size_t n_to, n_cc;
	const char *crash_title;  /* "crash:" trailer title */
	const char *crash_report; /* the report after it, '\n'-joined */
	struct line_span crash_lines;
	struct show_block *show;  /* NULL when git printed none */
	const char **git_candidates; /* git's own "could be any of" list */
	size_t n_git_candidates;
	struct line_span lines;
};

/* One physical input line, as bytes (CR at the end removed). */
struct log_line {
	size_t offset;            /* into blog.text */
	size_t len;
};

struct blog {
	const char *path;         /* as the user named it ("-" for stdin) */
	enum log_format format;
	enum bisect_kind kind;

	/* The input, unchanged, plus its physical lines. */
	const char *text;
	size_t text_len;
	struct log_line *lines;
	size_t n_lines;
	bool mail_quoted;         /* "> " quoting was removed */
	bool too_many_lines;      /* refused: see LOG_MAX_LINES */
	bool patch_test;          /* refused: a syz-ci patch-testing log */

	const char *host, *started_at;
	const char *start_commit;          /* effective start commit */
	const char *start_commit_original; /* before "rewritten commit" */
	const char *syzkaller_commit;
	const char *crash_title;           /* the original crash */

	const char *bisect_bad, *bisect_good; /* "# git bisect start A B" */
	const char **bisect_goods;         /* all goods (git bisect log may list many) */
	size_t n_bisect_goods;
	/* The same as commits where the log says which ('HEAD' in a git
	 * bisect log meant the commit its "# bad: [H]" comment names);
	 * NULL where it does not. bisect_good_commits has n_bisect_goods. */
	const char *bisect_bad_commit;
	const char **bisect_good_commits;
	const char *term_bad, *term_good;  /* custom terms (git bisect log) */
	int initial_revisions;             /* first "Bisecting: N" or -1 */
	bool first_parent;                 /* git bisect start --first-parent */
	bool pathspec;                     /* git bisect start ... -- paths */

	struct step **steps;               /* talloc array of pointers */
	size_t n_steps;
	struct result result;

	bool flaky;
	int flaky_line;                    /* where the log says so, or 0 */
	double repro_chance;               /* < 0 when not printed */
	double error_probability;          /* < 0 when not printed */
	int revisions_tested;              /* -1 when not printed */
	const char *total_time, *build_time, *test_time;

	int *unknown;                      /* line numbers nobody classified */
	size_t n_unknown;
	const char **warnings;             /* non-fatal notes */
	size_t n_warnings;
};

const char *log_format_name(enum log_format f);
const char *bisect_kind_name(enum bisect_kind k);
const char *step_phase_name(enum step_phase p);
const char *verdict_name(enum verdict v);
const char *run_outcome_name(enum run_outcome o);
const char *result_type_name(enum result_type t);

void step_count_runs(const struct step *s, struct run_counts *out);

/* The crash title that decided a step: its representative crash, else the
 * most frequent crashed-run title, else NULL. */
const char *step_deciding_title(const struct step *s);

/* Distinct crash titles of crashed runs, most frequent first.
 * Returns a talloc array (child of ctx) of n strings. */
const char **step_titles(const void *ctx, const struct step *s, size_t *n);

/* Does this step crash (in plain words, independent of the bisection kind)? */
bool step_crashed(const struct step *s);

#endif
