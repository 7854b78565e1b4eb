# Helpers for the shell tests, sourced by each of them (POSIX sh); the
# tree tests source tests/lib/tree.sh after it, the tmux tests
# tests/lib/tmux.sh. Each helper is defined once, in one of them
# (tests/README lists them).
#
# `make check` exports (TESTS_ENVIRONMENT in tests/Makefile.inc):
#   BISVIEW       the program under test
#   top_srcdir    the source tree (tests/data lives there)
#   top_builddir  the build tree
#   SHARED_DIR    the shared folder beside the repository (corpus, seeds)
# Run by hand (`sh tests/cli/seeds.sh` from the top directory) they default
# from the script's own location.
#
# Automake's harness: exit 0 pass, 77 skip, anything else fail.

: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${BISVIEW:=$top_builddir/src/bisview}"
: "${SHARED_DIR:=$top_srcdir/../shared}"
# absolute, for the tests run bisview from their scratch directory
for _v in top_srcdir top_builddir BISVIEW SHARED_DIR; do
	eval "_p=\$$_v"
	case $_p in
	/*) ;;
	*) eval "$_v=\$(pwd)/\$_p" ;;
	esac
done
export top_srcdir top_builddir BISVIEW SHARED_DIR

# has_locale PATTERN: a locale whose name matches PATTERN (grep, whole
# name, any case) is installed
has_locale()
{
	locale -a 2>/dev/null | grep -qix "$1"
}

# One locale for every test, whatever the caller's (make check under
# LANG=de_DE.UTF-8 LANGUAGE=de must pass): C.UTF-8, else C, and no
# LANGUAGE (glibc honours it in C.UTF-8) or catalog of the caller's. A test
# that wants another language sets it itself (cli/translation.sh).
if has_locale 'c\.utf-\?8'; then LC_ALL=C.UTF-8; else LC_ALL=C; fi
export LC_ALL
unset LANGUAGE BISVIEW_LOCALEDIR

TEST_NAME=$(basename "$0" .sh)
# shellcheck disable=SC2034 # used by the tests that source this
DATA=$top_srcdir/tests/data

# Seconds one bisview run may take before it counts as hung. Generous,
# for sanitizer builds on a slow machine.
: "${BISVIEW_TEST_TIMEOUT:=120}"

fail()
{
	printf '%s: FAIL: %s\n' "$TEST_NAME" "$*" >&2
	exit 1
}

skip()
{
	printf '%s: SKIP: %s\n' "$TEST_NAME" "$*" >&2
	exit 77
}

note()
{
	printf '%s: %s\n' "$TEST_NAME" "$*"
}

need_cmd()
{
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 || skip "$_c is not installed (Debian package $_c)"
	done
}

# No test may ever wait for a key: the interactive mode must not start on
# whatever terminal `make check` was run from.
exec </dev/null

[ -x "$BISVIEW" ] || fail "no program at $BISVIEW (build it first)"

SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/bisview-$TEST_NAME.XXXXXX") ||
	fail "cannot create a scratch directory under ${TMPDIR:-/tmp}"
# Helpers started in the background (FIFO writers), ended on exit.
BG_PIDS=
cleanup()
{
	for _p in $BG_PIDS; do
		kill "$_p" 2>/dev/null || true
	done
	# chmod in case a test took the permissions away from something inside
	chmod -R u+rwx "$SCRATCH" 2>/dev/null
	rm -rf "$SCRATCH"
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 141' PIPE   # e.g. run by hand into `| head`
trap 'exit 143' TERM

# bisview takes the current directory as the kernel tree when it is inside
# a git repository (the build tree usually is): run it from the scratch
# directory, with no tree unless a test gives one.
unset BISVIEW_TREE GIT_DIR GIT_WORK_TREE
cd "$SCRATCH" || fail "cannot enter $SCRATCH"

# bv ARG...: run bisview; stdout to $SCRATCH/out, stderr to $SCRATCH/err,
# exit status in $rc. Standard input is /dev/null unless the call
# redirects it. A run that hangs is killed and fails the test.
bv()
{
	rc=0
	if command -v timeout >/dev/null 2>&1; then
		bv_exec timeout "$BISVIEW_TEST_TIMEOUT" "$BISVIEW" "$@" || rc=$?
		[ "$rc" -ne 124 ] || fail "bisview $* did not finish within ${BISVIEW_TEST_TIMEOUT}s"
	else
		bv_exec "$BISVIEW" "$@" || rc=$?
	fi
}

# bv_exec COMMAND...: COMMAND with its output to $SCRATCH/out and err,
# and, when $BV_LIMIT_KB is set (bv_bounded), in an address space of that
# many kilobytes (`ulimit -v`) unless a sanitizer build reserves terabytes
bv_exec()
{
	if [ -n "${BV_LIMIT_KB:-}" ] && ! is_sanitized; then
		(ulimit -v "$BV_LIMIT_KB" && exec "$@") >"$SCRATCH/out" 2>"$SCRATCH/err"
	else
		"$@" >"$SCRATCH/out" 2>"$SCRATCH/err"
	fi
}

# bv_ok ARG...: bv, and fail unless it exited 0 with nothing on stderr.
bv_ok()
{
	bv "$@"
	[ "$rc" -eq 0 ] || fail "bisview $* exited $rc: $(head -c 600 "$SCRATCH/err")"
	[ ! -s "$SCRATCH/err" ] || fail "bisview $* wrote to stderr: $(head -c 600 "$SCRATCH/err")"
}

# fifo_writer FIFO [FILE]: in the background, open FIFO for writing, copy
# FILE into it (nothing without FILE) and close it; sets $writer.
fifo_writer()
{
	if [ $# -gt 1 ]; then
		cat "$2" >"$1" 2>/dev/null &
	else
		(exec >"$1") >/dev/null 2>&1 &
	fi
	writer=$!
	BG_PIDS="$BG_PIDS $writer"
}

# reap PID: end a background helper that may still block (bisview never
# opened its FIFO), and wait for it.
reap()
{
	kill "$1" 2>/dev/null || true
	wait "$1" 2>/dev/null || true
}

# assert_eq WHAT EXPECTED ACTUAL
assert_eq()
{
	[ "$2" = "$3" ] || fail "$1: expected '$2', got '$3'"
}

# jq_get FILE FILTER: one raw value (null prints as "null").
jq_get()
{
	jq -r "$2" "$1" || fail "jq could not evaluate $2 on $1"
}

# jq_assert FILE FILTER WHAT: FILTER must give true.
jq_assert()
{
	_v=$(jq -e "$2" "$1" 2>&1) ||
		fail "$3 (jq: $2 gave ${_v:-nothing})"
}

# lines_in FILE: the number of lines, counting a last line without newline
lines_in()
{
	awk 'END { print NR }' "$1"
}

# --- environments ---------------------------------------------------------

# explorer_env: what the explorer shows must not depend on the machine: no
# user config ($SCRATCH/config, empty), HOME in the scratch directory,
# C.UTF-8, and NO_COLOR unset
explorer_env()
{
	XDG_CONFIG_HOME=$SCRATCH/config
	HOME=$SCRATCH
	LC_ALL=C.UTF-8
	export XDG_CONFIG_HOME HOME LC_ALL
	unset NO_COLOR 2>/dev/null || true
}

# git_env DIR: git (and libgit2) read no configuration of the user's or
# the system's: HOME is DIR (made if need be), no system config, and no
# GIT_* variable of the caller's points elsewhere
git_env()
{
	HOME=$1
	GIT_CONFIG_NOSYSTEM=1
	export HOME GIT_CONFIG_NOSYSTEM
	mkdir -p "$HOME"
	unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
		GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES 2>/dev/null || true
}

# c_locale: the C locale, for git's output to be parsed and bisview's
# messages to be compared in English
c_locale()
{
	LC_ALL=C
	LANGUAGE=C
	export LC_ALL LANGUAGE
}

# --- running bisview --------------------------------------------------------

# is_sanitized: $BISVIEW is a sanitizer build (ASan reserves terabytes of
# address space, so no `ulimit -v`; valgrind cannot run it). Worked out
# once, on the first call outside a subshell.
is_sanitized()
{
	if [ -z "${SANITIZED:-}" ]; then
		SANITIZED=no
		if ldd "$BISVIEW" 2>/dev/null | grep -q 'lib[atl]san\|libubsan' ||
			strings "$BISVIEW" 2>/dev/null | grep -q '__asan_init'; then
			SANITIZED=yes
		fi
	fi
	[ "$SANITIZED" = yes ]
}

# quiet_sanitizers: in a sanitizer build, a leak tests/lsan.supp suppresses
# is no message on stderr, and a leak inside libgit2 (built without frame
# pointers) still shows the caller the suppression matches
quiet_sanitizers()
{
	if [ -n "${ASAN_OPTIONS:-}" ]; then
		ASAN_OPTIONS=$ASAN_OPTIONS:fast_unwind_on_malloc=0
		export ASAN_OPTIONS
	fi
	if [ -n "${LSAN_OPTIONS:-}" ]; then
		LSAN_OPTIONS=$LSAN_OPTIONS:print_suppressions=0
		export LSAN_OPTIONS
	fi
}

# bv_bounded KB ARG...: bv with the address space limited to KB kilobytes
# (none in a sanitizer build)
bv_bounded()
{
	BV_LIMIT_KB=$1
	shift
	bv "$@"
	BV_LIMIT_KB=
}

# want_ran WHAT ARG...: the bv run of ARG... exited 0, or 1 (suspicious)
# when ARG... has --check
want_ran()
{
	_what=$1
	shift
	case $rc in
	0) ;;
	1) case " $* " in
	   *" --check "*) ;;
	   *) fail "$_what: bisview $* exited 1: $(head -c 600 "$SCRATCH/err")" ;;
	   esac ;;
	*) fail "$_what: bisview $* exited $rc: $(head -c 600 "$SCRATCH/err")" ;;
	esac
}

# bv_runs WHAT ARG...: bv ARG..., which must exit 0, or 1 with --check
bv_runs()
{
	_w=$1
	shift
	bv "$@"
	want_ran "$_w" "$@"
}

# script NAME LINE...: the key script $SCRATCH/NAME.keys, a line each
# (keys, or : commands such as :dump-screen FILE) for --script
script()
{
	_f=$SCRATCH/$1.keys
	shift
	printf '%s\n' "$@" >"$_f"
}

# --- checking what it printed ---------------------------------------------

# json LOG: bisview --json LOG (run once per file name) into
# $SCRATCH/NAME.json; prints that path
json()
{
	_j=$SCRATCH/$(basename "$1").json
	if [ ! -f "$_j" ]; then
		bv_ok --json "$1"
		mv "$SCRATCH/out" "$_j"
	fi
	printf '%s\n' "$_j"
}

# fact LOG FILTER EXPECTED: the raw value of FILTER on LOG's --json
fact()
{
	_got=$(jq_get "$(json "$1")" "$2")
	[ "$_got" = "$3" ] || fail "$(basename "$1"): $2: expected '$3', got '$_got'"
}

# requests FILE: the name of every request the program has, one a line,
# sorted, into FILE; from `bisview --dump-keys=text` (src/ui/keys_doc.c),
# which lists each of them under its group's heading, whatever table of
# src/ui/ defines it. A request line is "  KEYS  NAME  HELP", KEYS being
# "KEY, KEY ...", "(in VIEW ...)" or "(not bound)"; the name is the first
# word after them. Fails the test on a line it cannot read.
requests()
{
	bv_ok --dump-keys=text
	awk '/^  [^ ]/ {
		i = 1
		if ($1 ~ /^\(/)
			while (i < NF && $i !~ /\)$/) i++
		else
			while (i < NF && $i ~ /,$/) i++
		print $(i + 1)
	}' "$SCRATCH/out" | sort -u >"$1"
	_bad=$(grep -v -x '[a-z][a-z]*\(-[a-z][a-z]*\)*' "$1" | head -n 3)
	[ -z "$_bad" ] || fail "--dump-keys=text: not a request name: $_bad"
	[ -s "$1" ] || fail "--dump-keys=text lists no request"
}

# same_screen NAME: $SCRATCH/out is the expected screen
# tests/ui/screens/NAME.screen (with BISVIEW_UPDATE_SCREENS set, it becomes
# it); else the difference goes to stderr and it returns 1
same_screen()
{
	_want=$top_srcdir/tests/ui/screens/$1.screen
	[ -z "${BISVIEW_UPDATE_SCREENS:-}" ] || cp "$SCRATCH/out" "$_want"
	cmp -s "$_want" "$SCRATCH/out" && return 0
	printf '%s: FAIL: screen %s differs from tests/ui/screens/%s.screen:\n' \
		"$TEST_NAME" "$1" "$1" >&2
	diff "$_want" "$SCRATCH/out" | head -20 >&2 || true
	return 1
}

# json_contract WHAT [-C TREE] LOG...: the --json of every LOG keeps the
# JSON contract (tests/cli/json-contract.sh)
json_contract()
{
	_what=$1
	shift
	"$top_srcdir/tests/cli/json-contract.sh" "$@" >/dev/null ||
		fail "$_what: --json breaks the JSON contract"
}

# no_controls WHAT FILE: no raw control character in FILE but TAB and LF
# (no ESC, CR, backspace, BEL, NUL, DEL ...)
no_controls()
{
	if LC_ALL=C tr -d '\t\n' <"$2" | LC_ALL=C grep -q '[[:cntrl:]]'; then
		fail "$1: a raw control character:
$(LC_ALL=C tr -d '\t\n' <"$2" | LC_ALL=C grep -o '.\{0,20\}[[:cntrl:]].\{0,20\}' |
			head -3 | od -c | head -12)"
	fi
}

# no_c1_bidi WHAT FILE: no raw C1 control (U+0080-009F) and no bidi
# control (U+200E-200F, U+202A-202E, U+2066-2069, U+061C) in FILE
no_c1_bidi()
{
	if LC_ALL=C grep -q -e "$(printf '\302[\200-\237]')" -e "$(printf '\342\200[\216\217\252-\256]')" \
		-e "$(printf '\342\201[\246-\251]')" -e "$(printf '\330\234')" "$2"; then
		fail "$1: a raw C1 or bidi control: $(LC_ALL=C grep -o -e "$(printf '\302[\200-\237]')" \
			-e "$(printf '\342\200[\216\217\252-\256]')" -e "$(printf '\342\201[\246-\251]')" \
			-e "$(printf '\330\234')" "$2" | head -1 | od -An -tx1)"
	fi
}
