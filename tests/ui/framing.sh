#!/bin/sh
# Each kind of log framed as what it is (doc/design.md §7.1), in script
# mode at 80x24 (tests/ui/screens/framing-*.screen):
#   - a syzbot fix bisection: "Fixed by", verdicts by meaning ("crashes",
#     "no crash"), "On the fix"; its detail names git's word in brackets;
#     the map and the signals view say the same;
#   - a plain git bisect log with custom terms: its header and terms, no
#     runs column, no phase in the detail;
#   - a crash report alone opens on the crash view and says so;
#   - a fragment of a fix bisection's closing lines: what it states.
# To accept new expected screens after a deliberate change:
#   BISVIEW_UPDATE_SCREENS=1 make check TESTS=tests/ui/framing.sh
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

FIX=$DATA/fix-synthetic-frob.log
TERMS=$DATA/gitbisect-terms-slow-fast.log
CRASH=$DATA/crash-report-only-fs_reclaim.txt
FRAGMENT=$DATA/fragment-fix-tail.log
explorer_env
XDG_CONFIG_HOME=/nonexistent/bisview-ui-screens
XDG_CACHE_HOME=$SCRATCH/cache
LANGUAGE=C
export XDG_CONFIG_HOME XDG_CACHE_HOME LANGUAGE
failed=

# screen NAME LOG KEY-LINE...: the screen after the key lines, compared
# with tests/ui/screens/NAME-80x24.screen
screen()
{
	_name=$1 _log=$2
	shift 2
	printf '%s\n' "$@" ':dump-screen' >"$SCRATCH/$_name.keys"
	bv_ok --no-tree "$_log" --script "$SCRATCH/$_name.keys" --size 80x24
	same_screen "$_name-80x24" || failed="$failed $_name"
}

screen framing-fix "$FIX"
screen framing-fix-detail "$FIX" i
screen framing-fix-map "$FIX" m
screen framing-fix-signals "$FIX" S
screen framing-git-terms "$TERMS"
screen framing-git-terms-detail "$TERMS" i
screen framing-crash-alone "$CRASH"
screen framing-fragment "$FRAGMENT"
[ -z "$failed" ] || fail "screens differ:$failed (BISVIEW_UPDATE_SCREENS=1 accepts them)"

# the words, whatever the layout: by meaning in a fix bisection, never
# git's inverted ones; git's terms in a git bisect log
printf '%s\n' ':dump-screen' >"$SCRATCH/view.keys"
bv_ok --no-tree "$FIX" --script "$SCRATCH/view.keys"
grep -q '^Fixed by: 0c98aa5a837c ' "$SCRATCH/out" || fail "fix: no 'Fixed by:' line"
! grep -q 'Culprit' "$SCRATCH/out" || fail "fix: the word Culprit is shown"
grep -q 'On the fix (step 3)' "$SCRATCH/out" || fail "fix: the status is not on the fix"
bv_ok --no-tree "$TERMS" --script "$SCRATCH/view.keys"
grep -q '^git bisect log (terms: slow/fast)' "$SCRATCH/out" || fail "git: header"
! grep -q -e 'no runs' -e 'Cause bisection' "$SCRATCH/out" || fail "git: syzbot framing shown"
bv_ok --no-tree "$CRASH" --script "$SCRATCH/view.keys"
grep -q '^\[crash\] ' "$SCRATCH/out" || fail "crash report: not opened on the crash view"
grep -q 'A crash report: no bisection to explore' "$SCRATCH/out" || fail "crash report: status"
note "ok"
