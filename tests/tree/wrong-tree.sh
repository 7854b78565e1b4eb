#!/bin/sh
# A wrong tree (issue 15): run against an unrelated repository, almost
# none of the log's commits resolve; --summary says "Wrong tree?" and how
# to name the right one, the explorer's header says "wrong tree? -C DIR"
# (within 80 columns), and the missing commits change no probability
# (p_wrong as without a tree). The right tree gets no such word.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
need_cmd jq

LOG=$DATA/cause-deadlock-retract_page_tables.log
U=$SCRATCH/unrelated
git init -q "$U"
for i in 1 2 3; do
	echo "$i" >"$U/f"
	git -C "$U" add f
	git -C "$U" -c user.name=T -c user.email=t@example.org commit -qm "change $i"
done

bv_ok --summary -C "$U" "$LOG"
grep -q '^Wrong tree?  *almost none of the log.s commits are in it: name the kernel tree with -C DIR' \
	"$SCRATCH/out" || fail "--summary does not say wrong tree: $(grep -E '^(Tree|Wrong)' "$SCRATCH/out")"
bv_ok --json -C "$U" "$LOG"
with=$(jq -r .assessment.p_wrong "$SCRATCH/out")
bv_ok --json --no-tree "$LOG"
assert_eq "p_wrong with a wrong tree as without one" "$(jq -r .assessment.p_wrong "$SCRATCH/out")" "$with"
explorer_env
HOME=$SCRATCH/home
script wrong ':dump-screen'
bv_ok -C "$U" --script "$SCRATCH/wrong.keys" --size 80x24 "$LOG"
sed -n 3p "$SCRATCH/out" | grep -q '; wrong tree? -C DIR$' ||
	fail "the header does not say wrong tree: $(sed -n 3p "$SCRATCH/out")"

# the right tree: no such word
tl_setup
tl_logs
bv_ok --summary -C "$R" "$LOGS/syzbot.log"
! grep -q '^Wrong tree?' "$SCRATCH/out" || fail "the right tree is called wrong"
note "ok"
