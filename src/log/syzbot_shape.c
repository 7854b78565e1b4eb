/* Telling syzbot log lines apart by their text (doc/log-format.md §3).
 *
 * Matching is by stable prefixes, dispatched on the first byte, because
 * --scan reads thousands of logs a second; no regular expressions. */
#include "config.h"

#include <string.h>

#include "log/lines.h"
#include "log/syzbot_shape.h"

#define STARTS(p) pl_starts(s, len, p)
#define EQUALS(w) pl_equals(s, len, w)

/* A literal with its length, so table scans need no strlen; the first
 * byte is compared before memcmp because most lines match nothing. */
struct lit {
	const char *s;
	size_t len;
};
#define LIT(x) { x, sizeof(x) - 1 }

static bool lit_starts(const char *s, size_t len, const struct lit *l)
{
	return len >= l->len && s[0] == l->s[0] && memcmp(s, l->s, l->len) == 0;
}

static bool lit_equals(const char *s, size_t len, const struct lit *l)
{
	return len == l->len && s[0] == l->s[0] && memcmp(s, l->s, l->len) == 0;
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

static const struct lit config_exact[] = {
	LIT("# configuration already minimized"),
	LIT("check whether we can drop unnecessary instrumentation"),
	LIT("there was nothing we could disable; skip"),
	LIT("the bug reproduces without the instrumentation"),
	LIT("the chunk can be dropped"),
	LIT("no need to test this chunk, it's definitely needed"),
	LIT("no way to further split the chunk"),
	LIT("half crashed"),
	LIT("both halves did not crash"),
	LIT("base config crashes"),
	LIT("only full config crashes"),
	LIT("crash reproduces with baseline config"),
	LIT("unable to test using baseline config, keep original config"),
	LIT("Minimizing config failed, using original config"),
	LIT("testing with generated minimized config doesn't reproduce the crash"),
	LIT("proceeding with the original config"),
	LIT("# start config bisection"),
	{ NULL, 0 },
};

static const struct lit config_prefix[] = {
	LIT("disabling configs for ["),
	LIT("kconfig minimization: "),
	LIT("split chunks (needed="),
	LIT("split chunk #"),
	LIT("testing without sub-chunk "),
	LIT("we have reached the limit on predicate runs"),
	LIT("minimized to "),
	LIT("trying half: ["),
	LIT("resulting configs: ["),
	LIT("testing baseline config failed"),
	LIT("minimizing config failed"),
	LIT("config minimization failed due to bad Kconfig"),
	LIT("# found config option changes ["),
	LIT("# config_bisect.pl finished"),
	LIT("# using "),
	LIT("# testing with generated minimized config"),
	{ NULL, 0 },
};

static enum shape shape_config(const char *s, size_t len)
{
	for (int i = 0; config_exact[i].s; i++)
		if (lit_equals(s, len, &config_exact[i]))
			return s[0] == '#' ? SH_CONFIG_SCRIPT : SH_CONFIG;
	/* The config_bisect.pl era's "#" lines are followed by the
	 * script's own output: SH_CONFIG_SCRIPT lets the parser keep it. */
	for (int i = 0; config_prefix[i].s; i++)
		if (lit_starts(s, len, &config_prefix[i]))
			return s[0] == '#' ? SH_CONFIG_SCRIPT : SH_CONFIG;
	if (STARTS("# config-bisect.pl ") || STARTS("config-bisect.pl "))
		return SH_CONFIG_SCRIPT;
	return SH_UNKNOWN;
}

static const struct lit boundary_exact[] = {
	LIT("the crash already happened on the oldest tested release"),
	LIT("the crash still happens on HEAD"),
	LIT("crash still not fixed/happens on the oldest tested release"),
	LIT("HEAD had kernel build, boot or test errors"),
	LIT("oldest tested release already had the bug or it had kernel test errors"),
	LIT("crash still not fixed on HEAD or HEAD had kernel test errors"),
	LIT("crash still not fixed or there were kernel test errors"),
	{ NULL, 0 },
};

static const struct lit mail_prefix[] = {
	LIT("syzbot has bisected this issue to:"),
	LIT("syzbot suspects this issue was fixed by commit:"),
	LIT("Bisection is inconclusive: "),
	LIT("bisection log:"),
	LIT("< .. >"),
	{ NULL, 0 },
};

/* Can a line starting with c be one of the rare shapes of the tables
 * above (boundary_exact, mail_prefix, "On ... wrote:", config_exact,
 * config_prefix, config-bisect.pl)? Most lines that match no shape are
 * console output, indented text or ssh noise: this keeps them from being
 * compared with some forty literals each. Adding a literal to a table
 * means adding its first byte here. */
static bool may_be_rare(char c)
{
	switch (c) {
	case '#': case '<': case 'B': case 'H': case 'M': case 'O':
	case 'b': case 'c': case 'd': case 'h': case 'k': case 'm': case 'n':
	case 'o': case 'p': case 'r': case 's': case 't': case 'u': case 'w':
		return true;
	default:
		return false;
	}
}

static enum shape shape_hash_start(const char *s, size_t len)
{
	if (!is_hash_at(s, len))
		return SH_UNKNOWN;
	if (len == HASH_HEX_LEN)
		return SH_HASH_ONLY;
	if (pl_equals(s + HASH_HEX_LEN, len - HASH_HEX_LEN, " is the first bad commit"))
		return SH_GIT_FIRST_BAD;
	return SH_UNKNOWN;
}

enum shape shape_of(const char *s, size_t len)
{
	enum shape sh;

	if (len == 0)
		return SH_BLANK;
	switch (s[0]) {
	case 't':
		if (STARTS("testing commit "))
			return SH_TESTING_COMMIT;
		if (STARTS("testing release "))
			return SH_TESTING_RELEASE;
		if (STARTS("testing current HEAD "))
			return SH_TESTING_HEAD;
		if (STARTS("too many neither good nor bad results"))
			return SH_UNDETERMINED;
		if (STARTS("the bug was not introduced yet; pretend that kernel crashed"))
			return SH_PRETEND;
		break;
	case 'r':
		if (STARTS("run #"))
			return SH_RUN;
		if (STARTS("revisions tested: "))
			return SH_REVISIONS_TESTED;
		if (STARTS("reproducer seems to be flaky"))
			return SH_SEEMS_FLAKY;
		if (STARTS("reproducer is flaky"))
			return SH_IS_FLAKY;
		if (STARTS("recipients (to): "))
			return SH_RECIPIENTS_TO;
		if (STARTS("recipients (cc): "))
			return SH_RECIPIENTS_CC;
		if (STARTS("representative crash: "))
			return SH_REPRESENTATIVE;
		if (STARTS("repro testing failure: "))
			return SH_REPRO_FAILURE;
		if (STARTS("rewritten commit "))
			return SH_REWRITTEN;
		if (STARTS("revision ") && memmem(s, len, " crashed and is reachable", 25))
			return SH_PRECHECK;
		if (STARTS("reproducer does not crash the merge base"))
			return SH_NO_MERGE_BASE_CRASH;
		break;
	case 'a':
		if (STARTS("all runs: "))
			return SH_ALL_RUNS;
		if (STARTS("accumulated error probability: "))
			return SH_ERROR_PROB;
		break;
	case 'k':
		if (STARTS("kernel signature:   "))
			return SH_KERNEL_SIG_OLD;
		if (STARTS("kernel signature: "))
			return SH_KERNEL_SIG;
		break;
	case 'c':
		if (STARTS("compiler: ") || EQUALS("compiler:"))
			return SH_COMPILER;
		if (STARTS("culprit signature: "))
			return SH_CULPRIT_SIG;
		if (STARTS("crash: ") || EQUALS("crash:"))
			return SH_CRASH;
		if (STARTS("cc: ["))
			return SH_CC;
		if (STARTS("commit msg: ") || EQUALS("commit msg:"))
			return SH_COMMIT_MSG;
		if (STARTS("checking the merge base "))
			return SH_PRECHECK_MERGE_BASE;
		break;
	case '#':
		if (STARTS("# git bisect start "))
			return SH_GIT_START;
		if (STARTS("# git bisect good ") || STARTS("# git bisect bad ") ||
		    STARTS("# git bisect skip "))
			return SH_GIT_VERDICT;
		break;
	case 'B':
		if (STARTS("Bisecting: a merge base must be tested"))
			return SH_BISECTING_MERGE_BASE;
		if (STARTS("Bisecting: "))
			return SH_BISECTING;
		break;
	case '[':
		if (len > HASH_HEX_LEN + 1 && hex_run(s + 1, len - 1) == HASH_HEX_LEN &&
		    s[HASH_HEX_LEN + 1] == ']')
			return SH_NEXT;
		break;
	case 'b':
		if (STARTS("bisecting cause commit starting from "))
			return SH_CAUSE_START;
		if (STARTS("bisecting fixing commit since "))
			return SH_FIX_START;
		if (STARTS("building syzkaller on "))
			return SH_BUILDING_SYZKALLER;
		if (STARTS("bisection is inconclusive"))
			return SH_INCONCLUSIVE;
		break;
	case 's':
		if (STARTS("searching for guilty commit starting from "))
			return SH_CAUSE_START;
		if (STARTS("searching for fixing commit since "))
			return SH_FIX_START;
		break;
	case 'f':
		if (STARTS("failed building "))
			return SH_FAILED_BUILDING;
		if (STARTS("failed: ") || EQUALS("failed:"))
			return SH_BARE_FAILED;
		if (STARTS("false negative chance: "))
			return SH_FALSE_NEGATIVE;
		if (STARTS("first bad commit: ") || STARTS("first good commit: "))
			return SH_FIRST_COMMIT;
		if (STARTS("failed to detect release: ") || STARTS("failed to detect noop change: "))
			return SH_FAILED_DETECT;
		if (EQUALS("fetch other tags and check if the commit is present"))
			return SH_FETCH;
		if (STARTS("fetch failed with "))
			return SH_FETCH_FAILED;
		break;
	case 'e':
		if (STARTS("error: ") || EQUALS("error:"))
			return SH_ERROR;
		if (STARTS("ensuring issue is reproducible on original commit "))
			return SH_ENSURING;
		if (STARTS("expected 1 merge base, got "))
			return SH_MERGE_BASE_NOTE;
		break;
	case 'u':
		if (STARTS("unable to determine the verdict"))
			return SH_UNDETERMINED;
		break;
	case 'p':
		if (STARTS("parent commit ") && memmem(s, len, " wasn't tested", 14))
			return SH_PARENT_NOT_TESTED;
		if (STARTS("parent  signature: "))
			return SH_PARENT_SIG;
		if (STARTS("previous signature: "))
			return SH_PREVIOUS_SIG;
		if (STARTS("picked ") && memmem(s, len, "release tags", 12))
			return SH_PICKED;
		break;
	case 'd':
		if (STARTS("determining the merge base between "))
			return SH_MERGE_BASE_NOTE;
		if (EQUALS("determine whether the revision contains the guilty commit"))
			return SH_PRECHECK;
		break;
	case 'n':
		if (EQUALS("no existing result, test the revision"))
			return SH_PRECHECK;
		break;
	case 'w':
		if (STARTS("warning: "))
			return SH_GIT_WARNING;
		break;
	case 'R':
		if (STARTS("Reproducer flagged being flaky"))
			return SH_FLAGGED_FLAKY;
		break;
	case 'T':
		if (STARTS("There are only 'skip'ped commits left to test"))
			return SH_ONLY_SKIPPED;
		if (STARTS("The first bad commit could be any of:"))
			return SH_GIT_COULD_BE;
		if (STARTS("The merge base ") || STARTS("This means the bug has been fixed between"))
			return SH_GIT_ERROR_TEXT;
		break;
	case 'W':
		if (STARTS("We cannot bisect more!"))
			return SH_CANNOT_BISECT;
		break;
	case 'S':
		if (STARTS("Some good revs are not ancestors of the bad rev"))
			return SH_GIT_ERROR_TEXT;
		break;
	default:
		break;
	}
	if (is_hex_char(s[0])) {
		sh = shape_hash_start(s, len);
		if (sh != SH_UNKNOWN)
			return sh;
		if (len > HASH_HEX_LEN && hex_run(s, len) == HASH_HEX_LEN && s[HASH_HEX_LEN] == '/' &&
		    memmem(s, len, " is a merge base", 16))
			return SH_MERGE_BASE_IS;
	}
	if (may_be_rare(s[0])) {
		for (int i = 0; boundary_exact[i].s; i++)
			if (lit_equals(s, len, &boundary_exact[i]))
				return SH_BOUNDARY;
		for (int i = 0; mail_prefix[i].s; i++)
			if (lit_starts(s, len, &mail_prefix[i]))
				return SH_MAIL_NOTE;
		/* "On Mon, 27 Feb 2023, syzbot wrote:" above a quoted log */
		if (STARTS("On ") && len > 9 && memcmp(s + len - 6, "wrote:", 6) == 0)
			return SH_MAIL_NOTE;
		sh = shape_config(s, len);
		if (sh != SH_UNKNOWN)
			return sh;
	}
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
