#!/bin/sh
# The explorer follows a bisection in progress (doc/design.md §12.1), in a
# real terminal (tmux): `bisview` with no LOG in a scratch clone where
# `git bisect` runs opens on the commit under test ("Bisection in
# progress: testing ..."); a `git bisect good/bad` made from outside
# shows as a new step within a few seconds (the file is polled about once
# a second), the selected step kept - or, when it was the commit under
# test, the new commit under test; the first bad commit shows as the
# result; `git bisect reset` is said on the status line, the last state
# kept. Skipped without tmux.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
. "$top_srcdir/tests/lib/tree.sh"
# explorer_env's settings, but git keeps tree.sh's HOME
XDG_CONFIG_HOME=$SCRATCH/config
export XDG_CONFIG_HOME
unset NO_COLOR TMUX 2>/dev/null || true
SOCK=bisview-follow-$$
. "$top_srcdir/tests/lib/tmux.sh"

tl_setup
CULPRIT=$(tl_find "$R" 'mm: special rename')
C=$W/clone
git clone -q "$R" "$C"
git -C "$C" bisect start v1.3 v1.2 >/dev/null 2>&1 || fail "git bisect start"

# mark: the commit under test, bad when the culprit is its ancestor
mark()
{
	_h=$(git -C "$C" rev-parse HEAD)
	if git -C "$C" merge-base --is-ancestor "$CULPRIT" "$_h"; then _v=bad; else _v=good; fi
	git -C "$C" bisect "$_v" >"$W/git.out" 2>&1 || fail "git bisect $_v: $(cat "$W/git.out")"
}

# short: the commit under test, as the header shows it
short()
{
	git -C "$C" rev-parse --short=12 HEAD
}

cat >"$SCRATCH/run.sh" <<EOF
cd "$C" || exit 9
"$BISVIEW"
echo "EXIT=\$?"
sleep 60
EOF
tm new-session -d -s t -x 130 -y 30 "sh $SCRATCH/run.sh"
wait_for "Bisection in progress: testing $(short)"
# step 0 the bad end, 1 the good one, 2 the commit under test
wait_for "step 2 of 0-2"
wait_for "following the bisection"

# on another step: a mark keeps it selected
tm send-keys -t t Up
wait_for "step 1 of 0-2"
mark
t0=$(date +%s)
wait_for "Bisection in progress: testing $(short)"
t1=$(date +%s)
[ $((t1 - t0)) -le 4 ] || fail "the new step took $((t1 - t0)) s to show (about 1 s expected)"
wait_for "step 1 of 0-3"

# on the commit under test: a mark moves to the new one
tm send-keys -t t End
wait_for "step 3 of 0-3"
mark
wait_for "Bisection in progress: testing $(short)"
wait_for "step 4 of 0-4"

# to the end: the result
k=0
while grep -q '^Bisecting:' "$W/git.out"; do
	k=$((k + 1))
	[ "$k" -le 30 ] || fail "git bisect did not converge"
	mark
done
grep -q "is the first bad commit" "$W/git.out" || fail "git did not end: $(cat "$W/git.out")"
wait_for "First bad commit: $(printf %.12s "$CULPRIT")"
wait_for "The bisection has found the first bad commit"

# git bisect reset: said, the last state kept
git -C "$C" bisect reset >/dev/null 2>&1
wait_for "The bisection has ended (git bisect reset)"
wait_for "First bad commit: $(printf %.12s "$CULPRIT")"
tm send-keys -t t Q
wait_for "EXIT=0"
exit 0
