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

#include "i18n.h"

#define HASH_HEX_LEN 40

/* Each enum of the model is declared once, as a list that calls
 * X(value, name, msgid) for its values in order. name is the stable
 * English spelling that --json, --scan and :dump-view print (the JSON
 * contract, doc/json.md); msgid the word people read in --summary and the
 * explorer, marked N_() and translated by report/ (format_word() and the
 * like), or NULL where people meet the value only inside a phrase. In
 * English the word is the name. A new value is one line of its list. */
#define ENUM_VALUE(value, name, msgid) value,
#define ENUM_NAME_OF(value, name, msgid) [value] = (name),
#define ENUM_MSGID_OF(value, name, msgid) [value] = (msgid),
/* How many values a list has: ENUM_COUNT(VERDICT_LIST). */
#define ENUM_PLUS_ONE(value, name, msgid) +1
#define ENUM_COUNT(LIST) (0 LIST(ENUM_PLUS_ONE))

/* In one .c file, for a list LIST of enum type: type_name(), the value's
 * name or fallback outside the list; type_msgid(), its msgid or NULL. */
#define DEFINE_ENUM_NAME(type, LIST, fallback) \
	const char *type##_name(enum type v) \
	{ \
		static const char *const names[] = { LIST(ENUM_NAME_OF) }; \
		\
		return (size_t)v < sizeof(names) / sizeof(names[0]) && names[v] ? names[v] : (fallback); \
	}
#define DEFINE_ENUM_MSGID(type, LIST) \
	const char *type##_msgid(enum type v) \
	{ \
		static const char *const msgids[] = { LIST(ENUM_MSGID_OF) }; \
		\
		return (size_t)v < sizeof(msgids) / sizeof(msgids[0]) ? msgids[v] : NULL; \
	}

#define LOG_FORMAT_LIST(X) \
	X(LOG_FORMAT_UNKNOWN, "unknown", N_("unknown")) \
	X(LOG_FORMAT_SYZBOT, "syzbot", "syzbot") /* a name: not translated */ \
	X(LOG_FORMAT_GIT_BISECT, "git-bisect-log", N_("git-bisect-log")) \
	X(LOG_FORMAT_CRASH_REPORT, "crash-report", N_("crash-report"))
enum log_format { LOG_FORMAT_LIST(ENUM_VALUE) };

/* KIND_NONE has no name: --json prints null, --scan "-". */
#define BISECT_KIND_LIST(X) \
	X(KIND_NONE, NULL, NULL) \
	X(KIND_CAUSE, "cause", NULL) \
	X(KIND_FIX, "fix", NULL)
enum bisect_kind { BISECT_KIND_LIST(ENUM_VALUE) };

/* TRANSLATORS: a step's phase: the commit the crash was found on,
 * config-minimisation retests of it, release tags tried before git
 * bisect, the branch HEAD (fix bisections), merge bases (fix, across
 * trees), git bisect steps, the build-only check of the culprit's
 * parent. --summary pads them to 12 columns. */
#define STEP_PHASE_LIST(X) \
	X(PHASE_ORIGINAL, "original", N_("original")) \
	X(PHASE_CONFIG, "config", N_("config")) \
	X(PHASE_RELEASE, "release", N_("release")) \
	X(PHASE_HEAD, "head", N_("head")) \
	X(PHASE_MERGE_BASE, "merge-base", N_("merge-base")) \
	X(PHASE_BISECT, "bisect", N_("bisect")) \
	X(PHASE_PARENT_BUILD, "parent-build", N_("parent-build"))
enum step_phase { STEP_PHASE_LIST(ENUM_VALUE) };

/* The word git bisect was (or would have been) given, in git's terms:
 * for fix bisections "good" means the commit still crashed. */
/* TRANSLATORS: a step's verdict in git's terms (git bisect good /
 * bad / skip; "none": no verdict). Shown in a column as wide as the
 * longest of them: keep them short. */
#define VERDICT_LIST(X) \
	X(VERDICT_NONE, "none", N_("none")) \
	X(VERDICT_GOOD, "good", N_("good")) \
	X(VERDICT_BAD, "bad", N_("bad")) \
	X(VERDICT_SKIP, "skip", N_("skip"))
enum verdict { VERDICT_LIST(ENUM_VALUE) };

/* TRANSLATORS: the outcome of one test run (the step detail pads
 * them to 11 columns). */
#define RUN_OUTCOME_LIST(X) \
	X(RUN_OK, "ok", N_("ok")) \
	X(RUN_CRASHED, "crashed", N_("crashed")) \
	X(RUN_BOOT_FAILED, "boot-failed", N_("boot-failed")) \
	X(RUN_TEST_FAILED, "test-failed", N_("test-failed")) \
	X(RUN_FAILED, "failed", N_("failed")) \
	X(RUN_INFRA, "infra", N_("infra")) \
	X(RUN_IGNORED, "ignored", N_("ignored"))
enum run_outcome { RUN_OUTCOME_LIST(ENUM_VALUE) RUN_OUTCOME_COUNT };

/* People read a result in a phrase ("culprit ...", "boundary: ..."). */
#define RESULT_TYPE_LIST(X) \
	X(RESULT_INCOMPLETE, "incomplete", NULL) /* the log stops before any result */ \
	X(RESULT_CULPRIT, "culprit", NULL) \
	X(RESULT_INCONCLUSIVE, "inconclusive", NULL) \
	X(RESULT_BOUNDARY, "boundary", NULL) \
	X(RESULT_ERROR, "error", NULL)
enum result_type { RESULT_TYPE_LIST(ENUM_VALUE) };

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

/* Where the log came from (doc/json.md "source"): set by log_load()
 * for a file or standard input, by src/input/ for the rest. */
enum source_kind {
	SOURCE_FILE,
	SOURCE_STDIN,
	SOURCE_URL,               /* fetched (src/input/fetch.c) */
	SOURCE_MAIL,              /* read out of a mail or mbox (src/input/mail.c) */
	SOURCE_BISECT_IN_PROGRESS, /* the tree's git dir BISECT_LOG */
};

struct log_source {
	enum source_kind kind;
	const char *url;          /* the URL fetched (the log's own), or NULL */
	const char *extid;        /* syzbot's bug id (syzbot+<extid>@), or NULL */
	const char *subject;      /* the mail's Subject:, or NULL */
	const char *crash_report; /* a crash report fetched beside the log (a bug
				   * page's report.txt), kept only when the log has
				   * none of its own; the crash view shows it. NULL
				   * otherwise (src/input/syzbot_url.c) */
};

/* A bisection git is still in (doc/json.md "in_progress"): what the tree
 * says of it. Counts are -1 when not known. */
struct log_in_progress {
	const char *testing;      /* the commit under test (40-hex), or NULL */
	int candidates;           /* commits left that may be the first bad */
	int steps_left;           /* git's own estimate of steps left */
	int revisions_left;       /* "Bisecting: N revisions left to test after this" */
	const char *testing_subject; /* the commit under test's subject, or NULL */
	const char *git_dir;      /* the git directory that bisects (its BISECT_LOG) */
	const char *term_new, *term_old; /* BISECT_TERMS ("bad"/"good", "new"/"old" or
					  * custom); NULL when the file is absent */
	bool pathspec;            /* BISECT_NAMES: limited to paths */
};

struct blog {
	const char *path;         /* as the user named it ("-" for stdin) */
	struct log_source source;
	struct log_in_progress *in_progress; /* NULL unless git is bisecting */
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
	bool terms_old_new;                /* marked with "new"/"old" (git bisect log) */
	/* A syzbot log without its "bisecting ... commit" header: lines
	 * pasted from its end (doc/log-format.md §3.10). Its kind, if any,
	 * comes from "first good/bad commit". Not in --json. */
	bool fragment;
	int initial_revisions;             /* first "Bisecting: N" or -1 */
	bool first_parent;                 /* git bisect start --first-parent */
	bool pathspec;                     /* git bisect start ... -- paths */
	const char **pathspec_paths;       /* those paths, as written */
	size_t n_pathspec_paths;

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

/* The names of the lists above (model.c). */
const char *log_format_name(enum log_format f);
const char *bisect_kind_name(enum bisect_kind k);     /* NULL for KIND_NONE */
const char *step_phase_name(enum step_phase p);
const char *verdict_name(enum verdict v);
const char *run_outcome_name(enum run_outcome o);
const char *result_type_name(enum result_type t);
/* Their msgids: untranslated, for report/ to pass through _(). */
const char *log_format_msgid(enum log_format f);
const char *step_phase_msgid(enum step_phase p);
const char *verdict_msgid(enum verdict v);
const char *run_outcome_msgid(enum run_outcome o);

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
