# Helpers for the shell tests, sourced by each of them (POSIX sh).
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

# One locale for every test, whatever the caller's (make check under
# LANG=de_DE.UTF-8 LANGUAGE=de must pass): C.UTF-8, else C, and no
# LANGUAGE (glibc honours it in C.UTF-8) or catalog of the caller's. A test
# that wants another language sets it itself (translation.sh).
if locale -a 2>/dev/null | grep -qix 'c\.utf-\?8'; then LC_ALL=C.UTF-8; else LC_ALL=C; fi
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
		timeout "$BISVIEW_TEST_TIMEOUT" "$BISVIEW" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || rc=$?
		[ "$rc" -ne 124 ] || fail "bisview $* did not finish within ${BISVIEW_TEST_TIMEOUT}s"
	else
		"$BISVIEW" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" || rc=$?
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
