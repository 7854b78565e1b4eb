#!/bin/sh
# Replays what fuzzing found (tests/fuzz/found/) and the seed logs through
# every fuzz target's code and oracle, built with a plain main() (see
# tests/fuzz/standalone.c): no crash, no sanitizer report, no broken
# invariant, no unsafe output byte. Then the program itself on the same
# files, in every output mode: exit status 0, 1 or 2, never a signal.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

replays=${top_builddir:-.}/tests/fuzz
[ -x "$replays/replay_signals" ] || skip "no replay programs (a --enable-fuzzing build runs tests/fuzz/run instead)"

FOUND=$top_srcdir/tests/fuzz/found
for t in syzbot gitbisect detect signals sanitize; do
	"$replays/replay_$t" "$FOUND" "$DATA" >"$SCRATCH/replay.out" 2>&1 ||
		fail "replay_$t: $(tail -5 "$SCRATCH/replay.out")"
	n=$(sed -n 's/ inputs$//p' "$SCRATCH/replay.out")
	[ "${n:-0}" -gt "$(ls "$FOUND" | wc -l)" ] || fail "replay_$t ran only ${n:-0} inputs"
done
"$replays/replay_config" "$top_srcdir/data/bisviewrc" "$FOUND" >"$SCRATCH/replay.out" 2>&1 ||
	fail "replay_config: $(tail -5 "$SCRATCH/replay.out")"
"$replays/replay_mail" "$top_srcdir/tests/fuzz/mail-seeds" "$FOUND" "$DATA" >"$SCRATCH/replay.out" 2>&1 ||
	fail "replay_mail: $(tail -5 "$SCRATCH/replay.out")"

for f in "$FOUND"/*; do
	for mode in --summary --json --scan; do
		bv --no-tree $mode "$f"
		[ "$rc" -le 2 ] || fail "bisview $mode $(basename "$f") exited $rc: $(tail -3 "$SCRATCH/err")"
		no_controls "bisview $mode $(basename "$f")" "$SCRATCH/out"
	done
done
echo "replayed $(ls "$FOUND" | wc -l) fuzz findings and the seeds"
