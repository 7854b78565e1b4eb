/* Trust signals: why a bisection might have gone wrong, with evidence.
 *
 * Every signal is computed by a pure function of the parsed log (and the
 * tree facts, when a tree is open): no I/O, no globals. A signal has a
 * code, a strength, the step it concerns, a one-line explanation worded
 * as "suspicious" (never "wrong") and the log lines that prove it.
 *
 * The assessment reads plausible / suspicious / unknown and the step whose
 * verdict most likely went wrong from the likelihood model (model.h,
 * doc/model.md); the signals are its evidence list.
 * Rules are explainable from the signals alone: no lists of known hashes,
 * titles or file names.
 */
#ifndef BISVIEW_SIGNALS_SIGNALS_H
#define BISVIEW_SIGNALS_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

#include "log/model.h"
#include "tree/xref.h"

/* Lists of X(value, name, msgid), as in log/model.h. */
/* TRANSLATORS: a trust signal's strength. */
#define SIGNAL_STRENGTH_LIST(X) \
	X(STRENGTH_INFO, "info", N_("info")) \
	X(STRENGTH_WEAK, "weak", N_("weak")) \
	X(STRENGTH_STRONG, "strong", N_("strong"))
enum signal_strength { SIGNAL_STRENGTH_LIST(ENUM_VALUE) };

/* Every signal once: X(value, code, badge). The code is stable, for
 * scripts (--json, --scan; the README says what each means); the badge
 * is its short form, short enough that two fit the explorer's badge
 * column (the signals view and the step detail spell the code out). */
#define SIGNAL_LIST(X) \
	X(SIGNAL_TITLE_DRIFT, "title-drift", "drift") \
	X(SIGNAL_THIN_VERDICT, "thin-verdict", "thin") \
	X(SIGNAL_INFRA_VERDICT, "infra-verdict", "infra") \
	X(SIGNAL_FLAKY, "flaky", "flaky") \
	X(SIGNAL_FALSE_NEGATIVE, "false-negative", "fneg") \
	X(SIGNAL_ERROR_PROBABILITY, "error-probability", "errp") \
	X(SIGNAL_MANY_SKIPS, "many-skips", "skips") \
	X(SIGNAL_BUILD_FAILURES, "build-failures", "build") \
	X(SIGNAL_BOOT_FAILURES, "boot-failures", "boot") \
	X(SIGNAL_COMPILER_CHANGED, "compiler-changed", "cc") \
	X(SIGNAL_NOOP, "noop", "noop") \
	X(SIGNAL_CULPRIT_MERGE, "culprit-merge", "merge") \
	X(SIGNAL_CULPRIT_RELEASE, "culprit-release", "release") \
	X(SIGNAL_CULPRIT_ASIDE, "culprit-aside", "aside") \
	X(SIGNAL_CULPRIT_OFF_STACK, "culprit-off-stack", "offstack") \
	X(SIGNAL_GIT_MISMATCH, "git-mismatch", "git") \
	X(SIGNAL_GOODS_NOT_ANCESTORS, "goods-not-ancestors", "ancestry") \
	X(SIGNAL_CULPRIT_OUT_OF_RANGE, "culprit-out-of-range", "range") \
	X(SIGNAL_COMMITS_MISSING, "commits-missing", "missing") \
	X(SIGNAL_COMMITS_UNREADABLE, "commits-unreadable", "unreadable") \
	X(SIGNAL_NOT_SEEN, "not-seen", "unseen") \
	X(SIGNAL_FIX_DISAGREES, "fix-disagrees", "fixdis") \
	X(SIGNAL_FIX_AGREES, "fix-agrees", "fixok")
#define SIGNAL_VALUE(value, code, badge) value,
enum signal_id { SIGNAL_LIST(SIGNAL_VALUE) };

struct signal {
	enum signal_id id;
	const char *code;           /* "title-drift", stable, for scripts */
	enum signal_strength strength;
	int step;                   /* the step it concerns, or -1 */
	const char *message;        /* translated, one line, not sanitised */
	struct line_span lines;     /* the evidence in the log */
	double weight;              /* its share of the score, 0..1 */
};

struct signal_list {
	struct signal *v;
	size_t n;
};

/* TRANSLATORS: the overall trust assessment of a bisection, also
 * in "the bisection looks %s". */
#define ASSESSMENT_VERDICT_LIST(X) \
	X(ASSESS_UNKNOWN, "unknown", N_("unknown")) \
	X(ASSESS_PLAUSIBLE, "plausible", N_("plausible")) \
	X(ASSESS_SUSPICIOUS, "suspicious", N_("suspicious"))
enum assessment_verdict { ASSESSMENT_VERDICT_LIST(ENUM_VALUE) };

struct assessment {
	enum assessment_verdict verdict;  /* from the model's p_wrong */
	double score;               /* the old hand-weighted figure (deprecated) */
	int first_suspicious_step;  /* the model's blamed step, -1 when none */
	/* The fix's Fixes: names another commit (assess_fix()): the verdict
	 * and first_suspicious_step follow the fix, and fix_why says so in
	 * place of the model's why. */
	bool fix_overrides;
	const char *fix_why;
};

/* All signals of a log, strongest first. x may be NULL (no tree). */
struct signal_list *signals_compute(const void *ctx, const struct blog *log,
				    const struct log_xref *x);

/* The verdict and the step to re-check, from the likelihood model
 * (signals/model.h; NULL: unknown), and the old score from the signals. */
struct model_result;
void assess(const struct blog *log, const struct signal_list *s, const struct model_result *m,
	    struct assessment *out);

/* After assess(): the fix's own verdict (x->fix, tree/fix.h) overrides
 * the model's when its Fixes: names another commit than the culprit
 * (doc/design.md §8.1). x may be NULL. Strings under ctx. */
void assess_fix(const void *ctx, const struct blog *log, const struct log_xref *x,
		struct assessment *out);

const char *signal_strength_name(enum signal_strength s);
const char *assessment_verdict_name(enum assessment_verdict v);
const char *signal_strength_msgid(enum signal_strength s);
const char *assessment_verdict_msgid(enum assessment_verdict v);

/* The code of a signal, and the short badge of a code ("drift" for
 * title-drift; the code itself when it names no signal). */
const char *signal_code(enum signal_id id);
const char *signal_badge(const char *code);

/* A crash title with the parts that legitimately vary removed: compiler
 * suffixes of function names (.isra.0, .cold, .constprop.3, .part.1) and
 * line numbers (":123" becomes ":LINE"). Under ctx. */
char *title_normalize(const void *ctx, const char *title);

/* The source files a crash report names in its stack ("mm/khugepaged.c"
 * from "retract_page_tables+0x59d/0x8d0 mm/khugepaged.c:1826"), each
 * once, in order. */
const char **stack_files(const void *ctx, const char *report, size_t *n);

/* The files the culprit changes: from the tree when it has them, else
 * from the log's git show block. Under ctx; n of them. */
const char **culprit_files(const void *ctx, const struct blog *log, const struct log_xref *x,
			   size_t *n);

/* Does a culprit path (maybe ".../tail" or, from raw lines, a top-level
 * directory such as "net") name stack file f? */
bool path_covers(const char *culprit, const char *f);

#endif
