#!/bin/sh
# --scan reads the tree the way one log does (doc/json.md §8): one tree,
# opened once for the whole scan (-C DIR, $BISVIEW_TREE, or the current
# directory's), so every line's verdict, p_wrong and signals are what
# --json -C gives for the same log, tree signals included; --no-tree
# reads none. And --list FILE: paths one a line, comments and blank lines
# skipped, a missing entry a line of its own; a list or a tree that
# cannot be read is one error line naming it.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
need_cmd jq

tl_setup
tl_logs
# three of the log's commits the tree does not have: the tree's facts
# change the signals (a log alone cannot know its commits are missing)
sed -n '2,4p' "$W/a.steps" | cut -d' ' -f1 >"$W/gone"
cp "$LOGS/syzbot.log" "$LOGS/missing.log"
n=0
while read -r h; do
	n=$((n + 1))
	sed -i "s/$h/0123456789abcdef0123456789abcdef0123456$n/g" "$LOGS/missing.log"
done <"$W/gone"
[ "$n" -eq 3 ] || fail "the bisection has fewer than four steps"

bv_ok --scan --json -C "$R" "$LOGS"
mv "$SCRATCH/out" "$W/scan.json"
[ "$(lines_in "$W/scan.json")" -eq 3 ] || fail "--scan --json: not one line per log"
for l in gitbisect missing syzbot; do
	bv_ok --json -C "$R" "$LOGS/$l.log"
	mv "$SCRATCH/out" "$W/$l.json"
	jq -c --arg p "$LOGS/$l.log" 'select(.path == $p) | [.assessment, .signals]' \
		"$W/scan.json" >"$W/$l.scanned"
	jq -c '[.assessment, .signals]' "$W/$l.json" >"$W/$l.alone"
	cmp -s "$W/$l.alone" "$W/$l.scanned" ||
		fail "$l: --scan -C and --json -C disagree: $(diff "$W/$l.alone" "$W/$l.scanned" | head -4)"
done
# the tree changed what the scan says of the log with missing commits
bv_ok --scan --json --no-tree "$LOGS/missing.log"
jq -c '[.assessment, .signals]' "$SCRATCH/out" >"$W/missing.notree"
! cmp -s "$W/missing.notree" "$W/missing.scanned" ||
	fail "--scan -C says of missing.log what --no-tree says: the tree was not read"
jq_assert "$W/missing.json" '[.signals[] | select(.code == "not-in-tree" or .code == "not-seen"
	or (.message | test("not in|tree")))] | length > 0' "missing.log: no signal of the missing commits"

# the same from inside the repository and with $BISVIEW_TREE
(cd "$R" && bv_ok --scan --json "$LOGS") || exit 1
cmp -s "$W/scan.json" "$SCRATCH/out" || fail "--scan in the tree differs from --scan -C"
(cd "$PLAIN" && BISVIEW_TREE=$R bv_ok --scan --json "$LOGS") || exit 1
cmp -s "$W/scan.json" "$SCRATCH/out" || fail "--scan with \$BISVIEW_TREE differs from --scan -C"

# a named tree that cannot be opened: one line naming it, nothing scanned
bv --scan -C "$W/no-such-tree" "$LOGS"
assert_eq "--scan -C missing: exit status" 2 "$rc"
[ ! -s "$SCRATCH/out" ] || fail "--scan -C missing printed lines"
[ "$(lines_in "$SCRATCH/err")" -eq 1 ] && grep -q "no-such-tree" "$SCRATCH/err" ||
	fail "--scan -C missing: not one line naming the tree: $(cat "$SCRATCH/err")"

# --list: its entries in its order, then the PATHs
{
	echo "# the bisections of this week"
	echo
	echo "  $LOGS/syzbot.log  "
	echo "$W/no-such.log"
	echo "$LOGS/gitbisect.log"
} >"$W/list"
bv_ok --scan --no-tree --list "$W/list" "$LOGS/missing.log"
cut -f1 "$SCRATCH/out" | sed '$d' >"$W/list.names"
printf '%s\n' "$LOGS/syzbot.log" "$W/no-such.log" "$LOGS/gitbisect.log" "$LOGS/missing.log" \
	>"$W/list.want"
cmp -s "$W/list.want" "$W/list.names" ||
	fail "--list: not its entries in order: $(diff "$W/list.want" "$W/list.names")"
grep -q "^$W/no-such.log	error: " "$SCRATCH/out" || fail "--list: the missing entry is no error line"
tail -n 1 "$SCRATCH/out" | grep -q "^3 logs: .* 1 not read" ||
	fail "--list: totals: $(tail -n 1 "$SCRATCH/out")"
# a list alone is enough; a list from standard input
bv_ok --scan --no-tree --list - <"$W/list"
[ "$(lines_in "$SCRATCH/out")" -eq 4 ] || fail "--list -: not three lines and totals"

bv --scan --list "$W/no-such-list"
assert_eq "--list missing: exit status" 2 "$rc"
[ "$(lines_in "$SCRATCH/err")" -eq 1 ] && grep -q "no-such-list: " "$SCRATCH/err" ||
	fail "--list missing: not one line naming the list: $(cat "$SCRATCH/err")"
head -c 4096 /dev/zero >"$W/binary-list"
bv --scan --list "$W/binary-list"
assert_eq "--list binary: exit status" 2 "$rc"
grep -q "binary-list: " "$SCRATCH/err" || fail "--list binary: $(cat "$SCRATCH/err")"
bv --list "$W/list"
assert_eq "--list without --scan, no terminal: the table" 0 "$rc"
# nothing at all to read: one line naming the directory
mkdir "$W/empty"
bv --scan "$W/empty"
assert_eq "--scan of an empty directory: exit status" 2 "$rc"
grep -q "empty: no files in it" "$SCRATCH/err" || fail "--scan of an empty directory: $(cat "$SCRATCH/err")"

tl_finish
