/* Telling syzbot log lines apart by their text (doc/log-format.md §3).
 *
 * Matching is by stable prefixes, dispatched on the first byte, because
 * --scan reads thousands of logs a second; no regular expressions. */
#include "config.h"

#include <string.h>

#include "log/lines.h"
#include "log/syzbot_shape.h"

/* One row per line shape: the literal a line starts with (or is), the
 * shape, and how the rest of the line must look. */
enum row_match {
	ROW_PREFIX,   /* the line starts with lit */
	ROW_EXACT,    /* the line is lit */
	ROW_FIELD,    /* "name: value" or a bare "name:" (lit is "name: ") */
	ROW_CONTAINS, /* starts with lit and holds needle anywhere */
	ROW_ENDS,     /* starts with lit, ends with needle, text between */
};

struct shape_row {
	const char *lit;        /* NULL ends a group */
	const char *needle;
	unsigned short len, needle_len;
	unsigned char match;    /* enum row_match */
	unsigned char shape;    /* enum shape */
};

#define ROW(m, l, n, sh) { l, n, sizeof(l) - 1, sizeof(n) - 1, m, sh }
#define PREFIX(l, sh) ROW(ROW_PREFIX, l, "", sh)
#define EXACT(l, sh) ROW(ROW_EXACT, l, "", sh)
#define FIELD(l, sh) ROW(ROW_FIELD, l, "", sh)
#define CONTAINS(l, n, sh) ROW(ROW_CONTAINS, l, n, sh)
#define ENDS(l, n, sh) ROW(ROW_ENDS, l, n, sh)
#define GROUP(...) (const struct shape_row[]){ __VA_ARGS__, { NULL, NULL, 0, 0, 0, 0 } }

/* The rows by the first byte of their literal, so that a line is held
 * against the few that can match it: --scan reads thousands of logs a
 * second, and most lines (console output, indented text) match none.
 * Within a group the first matching row wins, so a longer literal comes
 * before a shorter one it extends ("kernel signature:   " before
 * "kernel signature: "). A row under the wrong byte never matches. The
 * config-minimisation rows whose literal starts with "#" are the
 * config_bisect.pl era's, followed by the script's own output:
 * SH_CONFIG_SCRIPT lets the parser keep it. */
static const struct shape_row *const rows_by_first_byte[256] = {
	['#'] = GROUP(
		PREFIX("# git bisect start ", SH_GIT_START),
		PREFIX("# git bisect good ", SH_GIT_VERDICT),
		PREFIX("# git bisect bad ", SH_GIT_VERDICT),
		PREFIX("# git bisect skip ", SH_GIT_VERDICT),
		EXACT("# configuration already minimized", SH_CONFIG_SCRIPT),
		EXACT("# start config bisection", SH_CONFIG_SCRIPT),
		PREFIX("# found config option changes [", SH_CONFIG_SCRIPT),
		PREFIX("# config_bisect.pl finished", SH_CONFIG_SCRIPT),
		PREFIX("# using ", SH_CONFIG_SCRIPT),
		PREFIX("# testing with generated minimized config", SH_CONFIG_SCRIPT),
		PREFIX("# config-bisect.pl ", SH_CONFIG_SCRIPT)),
	['<'] = GROUP(
		PREFIX("< .. >", SH_MAIL_NOTE)),
	['B'] = GROUP(
		PREFIX("Bisecting: a merge base must be tested", SH_BISECTING_MERGE_BASE),
		PREFIX("Bisecting: ", SH_BISECTING),
		PREFIX("Bisection is inconclusive: ", SH_MAIL_NOTE)),
	['H'] = GROUP(
		EXACT("HEAD had kernel build, boot or test errors", SH_BOUNDARY)),
	['M'] = GROUP(
		EXACT("Minimizing config failed, using original config", SH_CONFIG)),
	/* "On Mon, 27 Feb 2023, syzbot wrote:" above a quoted log */
	['O'] = GROUP(
		ENDS("On ", "wrote:", SH_MAIL_NOTE)),
	['R'] = GROUP(
		PREFIX("Reproducer flagged being flaky", SH_FLAGGED_FLAKY)),
	['S'] = GROUP(
		PREFIX("Some good revs are not ancestors of the bad rev", SH_GIT_ERROR_TEXT)),
	['T'] = GROUP(
		PREFIX("There are only 'skip'ped commits left to test", SH_ONLY_SKIPPED),
		PREFIX("The first bad commit could be any of:", SH_GIT_COULD_BE),
		PREFIX("The merge base ", SH_GIT_ERROR_TEXT),
		PREFIX("This means the bug has been fixed between", SH_GIT_ERROR_TEXT)),
	['W'] = GROUP(
		PREFIX("We cannot bisect more!", SH_CANNOT_BISECT)),
	['a'] = GROUP(
		PREFIX("all runs: ", SH_ALL_RUNS),
		PREFIX("accumulated error probability: ", SH_ERROR_PROB)),
	['b'] = GROUP(
		PREFIX("bisecting cause commit starting from ", SH_CAUSE_START),
		PREFIX("bisecting fixing commit since ", SH_FIX_START),
		PREFIX("building syzkaller on ", SH_BUILDING_SYZKALLER),
		PREFIX("bisection is inconclusive", SH_INCONCLUSIVE),
		PREFIX("bisection log:", SH_MAIL_NOTE),
		EXACT("both halves did not crash", SH_CONFIG),
		EXACT("base config crashes", SH_CONFIG)),
	['c'] = GROUP(
		FIELD("compiler: ", SH_COMPILER),
		PREFIX("culprit signature: ", SH_CULPRIT_SIG),
		FIELD("crash: ", SH_CRASH),
		PREFIX("cc: [", SH_CC),
		FIELD("commit msg: ", SH_COMMIT_MSG),
		PREFIX("checking the merge base ", SH_PRECHECK_MERGE_BASE),
		EXACT("crash still not fixed/happens on the oldest tested release", SH_BOUNDARY),
		EXACT("crash still not fixed on HEAD or HEAD had kernel test errors", SH_BOUNDARY),
		EXACT("crash still not fixed or there were kernel test errors", SH_BOUNDARY),
		EXACT("check whether we can drop unnecessary instrumentation", SH_CONFIG),
		EXACT("crash reproduces with baseline config", SH_CONFIG),
		PREFIX("config minimization failed due to bad Kconfig", SH_CONFIG),
		PREFIX("config-bisect.pl ", SH_CONFIG_SCRIPT)),
	['d'] = GROUP(
		PREFIX("determining the merge base between ", SH_MERGE_BASE_NOTE),
		EXACT("determine whether the revision contains the guilty commit", SH_PRECHECK),
		PREFIX("disabling configs for [", SH_CONFIG)),
	['e'] = GROUP(
		FIELD("error: ", SH_ERROR),
		PREFIX("ensuring issue is reproducible on original commit ", SH_ENSURING),
		PREFIX("expected 1 merge base, got ", SH_MERGE_BASE_NOTE)),
	['f'] = GROUP(
		PREFIX("failed building ", SH_FAILED_BUILDING),
		FIELD("failed: ", SH_BARE_FAILED),
		PREFIX("false negative chance: ", SH_FALSE_NEGATIVE),
		PREFIX("first bad commit: ", SH_FIRST_COMMIT),
		PREFIX("first good commit: ", SH_FIRST_COMMIT),
		PREFIX("failed to detect release: ", SH_FAILED_DETECT),
		PREFIX("failed to detect noop change: ", SH_FAILED_DETECT),
		EXACT("fetch other tags and check if the commit is present", SH_FETCH),
		PREFIX("fetch failed with ", SH_FETCH_FAILED)),
	['h'] = GROUP(
		EXACT("half crashed", SH_CONFIG)),
	['k'] = GROUP(
		PREFIX("kernel signature:   ", SH_KERNEL_SIG_OLD),
		PREFIX("kernel signature: ", SH_KERNEL_SIG),
		PREFIX("kconfig minimization: ", SH_CONFIG)),
	['m'] = GROUP(
		PREFIX("minimized to ", SH_CONFIG),
		PREFIX("minimizing config failed", SH_CONFIG)),
	['n'] = GROUP(
		EXACT("no existing result, test the revision", SH_PRECHECK),
		EXACT("no need to test this chunk, it's definitely needed", SH_CONFIG),
		EXACT("no way to further split the chunk", SH_CONFIG)),
	['o'] = GROUP(
		EXACT("oldest tested release already had the bug or it had kernel test errors",
		      SH_BOUNDARY),
		EXACT("only full config crashes", SH_CONFIG)),
	['p'] = GROUP(
		CONTAINS("parent commit ", " wasn't tested", SH_PARENT_NOT_TESTED),
		PREFIX("parent  signature: ", SH_PARENT_SIG),
		PREFIX("previous signature: ", SH_PREVIOUS_SIG),
		CONTAINS("picked ", "release tags", SH_PICKED),
		EXACT("proceeding with the original config", SH_CONFIG)),
	['r'] = GROUP(
		PREFIX("run #", SH_RUN),
		PREFIX("revisions tested: ", SH_REVISIONS_TESTED),
		PREFIX("reproducer seems to be flaky", SH_SEEMS_FLAKY),
		PREFIX("reproducer is flaky", SH_IS_FLAKY),
		PREFIX("recipients (to): ", SH_RECIPIENTS_TO),
		PREFIX("recipients (cc): ", SH_RECIPIENTS_CC),
		PREFIX("representative crash: ", SH_REPRESENTATIVE),
		PREFIX("repro testing failure: ", SH_REPRO_FAILURE),
		PREFIX("rewritten commit ", SH_REWRITTEN),
		CONTAINS("revision ", " crashed and is reachable", SH_PRECHECK),
		PREFIX("reproducer does not crash the merge base", SH_NO_MERGE_BASE_CRASH),
		PREFIX("resulting configs: [", SH_CONFIG)),
	['s'] = GROUP(
		PREFIX("searching for guilty commit starting from ", SH_CAUSE_START),
		PREFIX("searching for fixing commit since ", SH_FIX_START),
		PREFIX("syzbot has bisected this issue to:", SH_MAIL_NOTE),
		PREFIX("syzbot suspects this issue was fixed by commit:", SH_MAIL_NOTE),
		PREFIX("split chunks (needed=", SH_CONFIG),
		PREFIX("split chunk #", SH_CONFIG)),
	['t'] = GROUP(
		PREFIX("testing commit ", SH_TESTING_COMMIT),
		PREFIX("testing release ", SH_TESTING_RELEASE),
		PREFIX("testing current HEAD ", SH_TESTING_HEAD),
		PREFIX("too many neither good nor bad results", SH_UNDETERMINED),
		PREFIX("the bug was not introduced yet; pretend that kernel crashed", SH_PRETEND),
		EXACT("the crash already happened on the oldest tested release", SH_BOUNDARY),
		EXACT("the crash still happens on HEAD", SH_BOUNDARY),
		EXACT("there was nothing we could disable; skip", SH_CONFIG),
		EXACT("the bug reproduces without the instrumentation", SH_CONFIG),
		EXACT("the chunk can be dropped", SH_CONFIG),
		EXACT("testing with generated minimized config doesn't reproduce the crash", SH_CONFIG),
		PREFIX("testing without sub-chunk ", SH_CONFIG),
		PREFIX("trying half: [", SH_CONFIG),
		PREFIX("testing baseline config failed", SH_CONFIG)),
	['u'] = GROUP(
		PREFIX("unable to determine the verdict", SH_UNDETERMINED),
		EXACT("unable to test using baseline config, keep original config", SH_CONFIG)),
	['w'] = GROUP(
		PREFIX("warning: ", SH_GIT_WARNING),
		PREFIX("we have reached the limit on predicate runs", SH_CONFIG)),
};

/* Every literal has two bytes at least: the second is compared before
 * memcmp, because the first is the group's and most lines match no row. */
static bool row_matches(const struct shape_row *r, const char *s, size_t len)
{
	enum row_match m = (enum row_match)r->match;
	size_t n = m == ROW_FIELD && len + 1 == r->len ? len : r->len;

	if (len < n || (m == ROW_EXACT && len != n) || s[1] != r->lit[1] ||
	    memcmp(s, r->lit, n) != 0)
		return false;
	switch (m) {
	case ROW_PREFIX:
	case ROW_EXACT:
	case ROW_FIELD:
		break;
	case ROW_CONTAINS:
		return memmem(s, len, r->needle, r->needle_len) != NULL;
	case ROW_ENDS:
		return len > n + r->needle_len &&
		       memcmp(s + len - r->needle_len, r->needle, r->needle_len) == 0;
	}
	return true;
}

static int is_date_at(const char *s, size_t len)
{
	/* dddd-dd-dd */
	return len >= 10 && hex_run(s, 4) == 4 && s[4] == '-' && s[7] == '-';
}

static enum shape shape_host_start(const char *s, size_t len)
{
	/* "<host> starts bisection 2023-03-01 ..." - the host is one word or
	 * two ("unnamed host"); look after the first two spaces only. */
	const char *p = s, *end = s + len;

	for (int word = 0; word < 2; word++) {
		p = memchr(p, ' ', (size_t)(end - p));
		if (!p)
			return SH_UNKNOWN;
		if (pl_starts(p, (size_t)(end - p), " starts bisection ") &&
		    is_date_at(p + 18, (size_t)(end - p - 18)))
			return SH_HOST_START;
		p++;
	}
	return SH_UNKNOWN;
}

/* The shapes that start with a full commit hash rather than a word. No
 * row's literal starts with 40 hex digits or "[": these never compete
 * with the rows. */
static enum shape shape_of_hash(const char *s, size_t len)
{
	if (s[0] == '[')
		return len > HASH_HEX_LEN + 1 && hex_run(s + 1, len - 1) == HASH_HEX_LEN &&
		       s[HASH_HEX_LEN + 1] == ']' ? SH_NEXT : SH_UNKNOWN;
	if (!is_hex_char(s[0]) || hex_run(s, len) != HASH_HEX_LEN)
		return SH_UNKNOWN;
	if (len == HASH_HEX_LEN)
		return SH_HASH_ONLY;
	if (s[HASH_HEX_LEN] == ' ' &&
	    pl_equals(s + HASH_HEX_LEN, len - HASH_HEX_LEN, " is the first bad commit"))
		return SH_GIT_FIRST_BAD;
	if (s[HASH_HEX_LEN] == '/' && memmem(s, len, " is a merge base", 16))
		return SH_MERGE_BASE_IS;
	return SH_UNKNOWN;
}

enum shape shape_of(const char *s, size_t len)
{
	enum shape sh;

	if (len == 0)
		return SH_BLANK;
	for (const struct shape_row *r = rows_by_first_byte[(unsigned char)s[0]]; r && r->lit; r++)
		if (row_matches(r, s, len))
			return (enum shape)r->shape;
	sh = shape_of_hash(s, len);
	if (sh != SH_UNKNOWN)
		return sh;
	return shape_host_start(s, len);
}

int shape_is_summary(enum shape sh)
{
	switch (sh) {
	case SH_REVISIONS_TESTED: case SH_CULPRIT_SIG: case SH_PARENT_SIG:
	case SH_PARENT_NOT_TESTED: case SH_KERNEL_SIG_OLD: case SH_PREVIOUS_SIG:
	case SH_FLAGGED_FLAKY: case SH_IS_FLAKY: case SH_ERROR_PROB:
	case SH_FIRST_COMMIT: case SH_ERROR: case SH_CRASH: case SH_TESTING_COMMIT:
	case SH_FAILED_DETECT: case SH_BOUNDARY: case SH_INCONCLUSIVE:
		return 1;
	default:
		return 0;
	}
}
