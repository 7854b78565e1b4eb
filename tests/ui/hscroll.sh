#!/bin/sh
# Left and Right scroll a view sideways (tig's habit; issue 15): at 80
# columns a long subject is cut at the edge, Right brings its end into
# sight with the title saying from which column (">41"), the title bar
# itself stays put, and Left goes back to the very same screen. Script
# mode, no tree.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
explorer_env

LOG=$DATA/cause-flaky-kvm_wait-title-drift.log
script hs ":dump-screen $SCRATCH/a" '<Right>' ":dump-screen $SCRATCH/b" \
	'<Right>' '<Left>' '<Left>' ":dump-screen $SCRATCH/c" '<Left>' ":dump-screen $SCRATCH/d"
bv_ok --no-tree --script "$SCRATCH/hs.keys" --size 80x24 "$LOG"

tail_of='affs-for-5.12-tag. of git://git.kernel.org/pub/scm'   # a merge subject past column 80
! grep -q "$tail_of" "$SCRATCH/a" || fail "80 columns already show '$tail_of': the test needs a longer line"
grep -q "$tail_of" "$SCRATCH/b" || fail "Right does not bring '$tail_of' into sight: $(cat "$SCRATCH/b")"
grep -q '^\[steps\] .* >41 [0-9]*%$' "$SCRATCH/b" || fail "the title does not say the column: $(grep '^\[steps\]' "$SCRATCH/b")"
[ "$(grep -c '^\[steps\]' "$SCRATCH/b")" -eq 1 ] || fail "the title bar moved"
# (the status line aside: the first screen's message goes with a key)
head -n 23 "$SCRATCH/a" >"$SCRATCH/a23"
head -n 23 "$SCRATCH/c" | cmp -s "$SCRATCH/a23" - ||
	fail "Left back to the start is not the first screen: $(head -n 23 "$SCRATCH/c" | diff "$SCRATCH/a23" - | head)"
head -n 23 "$SCRATCH/d" | cmp -s "$SCRATCH/a23" - || fail "Left past the start moved the view"
[ "$(awk 'length($0) > 80' "$SCRATCH/b" | wc -l)" -eq 0 ] || fail "a scrolled screen is wider than 80 columns"
