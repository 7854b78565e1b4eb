#!/bin/sh
# The triage list (issue 16; doc/design.md §13.1), in script mode: a
# directory of logs (one in a subdirectory, one not a log) opens on one
# row per bisection, worst first, the unreadable file a row that says why;
# each row's p_wrong, verdict and signals are --scan's for that path (the
# same engine); Enter opens the selected bisection in the explorer and q
# comes back to the list on the same row; o sorts by date, then by name;
# &WORDS keeps the rows that have every word, & alone shows all again;
# keys about one bisection say that Enter comes first; --list FILE and
# several LOGs open the list too; without a terminal `bisview DIR` prints
# --scan's table; --summary refuses many LOGs. Frozen screens at 80x24
# and 40x10.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
explorer_env

D=$SCRATCH/logs
mkdir -p "$D/sub"
for f in cause-deadlock-retract_page_tables.log cause-flaky-kvm_wait-title-drift.log \
	cause-htab_map_alloc-multiline-run-error.log cause-inconclusive-skip-synthetic.log \
	fix-synthetic-frob.log gitbisect-terms-slow-fast.log; do
	cp "$DATA/$f" "$D/"
done
cp "$DATA/cause-unsafe_follow_pfn-parent-untested.log" "$D/sub/"
printf 'shopping list\n' >"$D/notes.txt"

# the list, and what --scan says of the same folder
script list ":dump-view $SCRATCH/view" ":dump-screen"
bv_ok --no-tree --script "$SCRATCH/list.keys" --size 80x24 "$D"
same_screen triage-80x24 || fail "the list differs (above)"
cp "$SCRATCH/out" "$SCRATCH/screen"
head -n 1 "$SCRATCH/view" | grep -q "^view	triage	.*rows	8	selected	0" ||
	fail "not the triage view with 8 rows on the first: $(head -n 1 "$SCRATCH/view")"
bv_ok --scan --no-tree --sort p "$D"
sed '$d' "$SCRATCH/out" | cut -f1 >"$SCRATCH/scan.order"
sed 1d "$SCRATCH/view" | cut -f2 >"$SCRATCH/list.order"
cmp -s "$SCRATCH/scan.order" "$SCRATCH/list.order" ||
	fail "the list's order is not --scan --sort p's: $(diff "$SCRATCH/scan.order" "$SCRATCH/list.order")"
# each row's p_wrong, verdict and signals are the scan's
sed '$d' "$SCRATCH/out" | awk -F'\t' '$2 !~ /^error/ { split($5, v, " ");
	print $1, v[2], v[1], ($6 == "" ? "-" : $6) }' | sort >"$SCRATCH/scan.facts"
sed 1d "$SCRATCH/view" | awk -F'\t' '$3 != "error" { print $2, $5, $7, $8 }' |
	sort >"$SCRATCH/list.facts"
cmp -s "$SCRATCH/scan.facts" "$SCRATCH/list.facts" ||
	fail "the list and --scan disagree: $(diff "$SCRATCH/scan.facts" "$SCRATCH/list.facts")"
grep -q "^ 7	$D/notes.txt	error	not a bisection log" "$SCRATCH/view" ||
	fail "the file that is no log is not the last row, saying why: $(tail -n 2 "$SCRATCH/view")"
grep -q "	$D/sub/cause-unsafe_follow_pfn-parent-untested.log	" "$SCRATCH/view" ||
	fail "the subdirectory's log is not in the list"
grep -q " sub/cause-unsafe" "$SCRATCH/screen" || fail "the row names lack the subdirectory"
! grep -q "$D" "$SCRATCH/screen" || fail "the rows repeat the directory given"

# the rows end with the bug's title: Right brings the top row's into sight
script right '<Right>' '<Right>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/right.keys" --size 80x24 "$D"
grep -q "title-drift,flaky,thin-verdict  general protection fault in try_grab" "$SCRATCH/out" ||
	fail "Right does not show the top row's signals and bug title: $(sed -n 3p "$SCRATCH/out")"

# Enter on the second row: its bisection; q: back on the second row
second=$(sed -n 3p "$SCRATCH/view" | cut -f2)
script trip j '<Enter>' ":dump-view $SCRATCH/steps" ":dump-screen $SCRATCH/explorer" \
	q ":dump-view $SCRATCH/back" s ":dump-screen $SCRATCH/refused"
bv_ok --no-tree --script "$SCRATCH/trip.keys" --size 80x24 "$D"
head -n 1 "$SCRATCH/steps" | grep -q "^view	steps	" || fail "Enter did not open the steps view"
bv_ok --no-tree --summary "$second"
title=$(sed -n 's/^Crash: *//p' "$SCRATCH/out" | head -n 1)
[ -n "$title" ] || title=$(head -n 1 "$SCRATCH/out" | cut -c1-30)
grep -qF -- "$(printf '%s' "$title" | cut -c1-30)" "$SCRATCH/explorer" ||
	fail "the explorer does not show the second row's bisection ($second): $(head -n 3 "$SCRATCH/explorer")"
head -n 1 "$SCRATCH/back" | grep -q "^view	triage	.*selected	1	" ||
	fail "q did not come back to the list on the second row: $(head -n 1 "$SCRATCH/back")"
tail -n 1 "$SCRATCH/refused" | grep -q "Enter opens the selected bisection" ||
	fail "s in the list is not refused with a word: $(tail -n 1 "$SCRATCH/refused")"

# o: by date, then by name (the names' order: file names here)
script sort o o ":dump-view $SCRATCH/byname" ":dump-screen $SCRATCH/byname.screen"
bv_ok --no-tree --script "$SCRATCH/sort.keys" --size 80x24 "$D"
sed 1d "$SCRATCH/byname" | cut -f2 | sed "s|^$D/||" >"$SCRATCH/names"
LC_ALL=C sort "$SCRATCH/names" | cmp -s - "$SCRATCH/names" ||
	fail "o o does not sort by name: $(cat "$SCRATCH/names")"
grep -q "^\[triage\] 8 bisections, by name" "$SCRATCH/byname.screen" ||
	fail "the title does not say the order: $(grep '^\[triage' "$SCRATCH/byname.screen")"

# &: every word in the row; & alone: all again
script filter '&suspicious title-drift<Enter>' ":dump-view $SCRATCH/f1" '&<Enter>' \
	":dump-view $SCRATCH/f2" '&no-such-word<Enter>' ":dump-screen $SCRATCH/f3"
bv_ok --no-tree --script "$SCRATCH/filter.keys" --size 80x24 "$D"
sed 1d "$SCRATCH/f1" | awk -F'\t' '$7 != "suspicious" || $8 !~ /title-drift/ { bad = 1 }
	END { exit bad || NR != 2 }' ||
	fail "&suspicious title-drift does not keep exactly the two suspicious rows: $(cat "$SCRATCH/f1")"
head -n 1 "$SCRATCH/f2" | grep -q "rows	8	" || fail "& alone does not show every row again"
grep -q "(nothing to show)" "$SCRATCH/f3" && grep -q "&no-such-word: 0 shown" "$SCRATCH/f3" ||
	fail "a filter nothing passes: $(cat "$SCRATCH/f3")"

# several LOGs, --list (with a missing entry): the list too
printf '%s\n' "# this week" "$D/fix-synthetic-frob.log" "$SCRATCH/missing.log" >"$SCRATCH/list"
bv_ok --no-tree --script "$SCRATCH/list.keys" --size 80x24 --list "$SCRATCH/list" \
	"$D/gitbisect-terms-slow-fast.log"
head -n 1 "$SCRATCH/view" | grep -q "^view	triage	.*rows	3	" || fail "--list + LOG: not 3 rows"
grep -q "	$SCRATCH/missing.log	error	No such file" "$SCRATCH/view" ||
	fail "--list's missing entry is no row saying why: $(cat "$SCRATCH/view")"
bv_ok --no-tree --script "$SCRATCH/list.keys" --size 80x24 "$D/fix-synthetic-frob.log" \
	"$D/cause-inconclusive-skip-synthetic.log"
head -n 1 "$SCRATCH/view" | grep -q "^view	triage	.*rows	2	" || fail "two LOGs: not the list of 2"

# 40x10: still the list, nothing past the edge
bv_ok --no-tree --script "$SCRATCH/list.keys" --size 40x10 "$D"
same_screen triage-40x10 || fail "the list at 40x10 differs (above)"

# no terminal: `bisview DIR` is --scan DIR; --summary takes one LOG
bv_ok --no-tree "$D"
mv "$SCRATCH/out" "$SCRATCH/plain"
bv_ok --no-tree --scan "$D"
cmp -s "$SCRATCH/out" "$SCRATCH/plain" || fail "bisview DIR | cat is not --scan DIR"
bv --summary "$D/fix-synthetic-frob.log" "$D/gitbisect-terms-slow-fast.log"
assert_eq "--summary of two LOGs: exit status" 2 "$rc"
