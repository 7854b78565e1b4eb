#!/bin/sh
# The credible set as ranges (doc/model.md §9.1) on the built-in demo
# (its repository and its log, as --demo makes them), checked with the
# git CLI:
#   - the whole log: --summary's Set line names the culprit, alone;
#   - the log cut after its third verdict (a wide set, 14 runs on the
#     demo's merges): the Set line shows runs as OLDEST^..NEWEST with
#     their count and mass, at most three, then "and N more runs (M
#     commits)"; the Posterior line counts the runs;
#   - every run of --json's set_runs of more than one commit is exactly
#     what `git rev-list OLDEST^..NEWEST` lists, all of it in the set;
#     together the runs are the set, and the masses fall;
#   - the map view (:dump-view) places every tested commit at its place
#     in `git rev-list --topo-order` of the range, and its posterior
#     strip marks the culprit and the next test where that order has them.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/demo.sh"

demo_need_fixture
need_cmd jq awk sed sort comm
XDG_CACHE_HOME=$SCRATCH/cache
export XDG_CACHE_HOME

"$FIXTURE" --prepare "$SCRATCH/cache" >"$SCRATCH/prepare.out" 2>"$SCRATCH/fixture.err" ||
	fail "demo_prepare failed: $(cat "$SCRATCH/fixture.err")"
repo=$(sed -n 's/^repo: //p' "$SCRATCH/prepare.out")
log=$(sed -n 's/^log: //p' "$SCRATCH/prepare.out")
[ -d "$repo/.git" ] && [ -s "$log" ] || fail "no demo repository or log"
culprit=$(sed -n 's/^first [a-z]* commit: \([0-9a-f]\{12\}\).*/\1/p' "$log")

bv_ok --json -C "$repo" "$log"
cp "$SCRATCH/out" "$SCRATCH/whole.json"
bv_ok --summary -C "$repo" "$log"
# the culprit alone, with its own probability, then the mass older than
# the range when the set needs it (doc/model.md §9)
set_line=$(grep '^Set:' "$SCRATCH/out")
echo "$set_line" | grep -qE "^Set:         $culprit \\([0-9.]+%\\)(, older than v[0-9.]+: [0-9.]+%)?$" ||
	fail "the whole log's set: expected the culprit alone, got '$set_line'"
cp_pct=$(echo "$set_line" | sed -n "s/^Set: *$culprit (\\([0-9.]*\\)%).*/\\1/p")
jq_assert "$SCRATCH/whole.json" "(.posterior.culprit_p * 100 - $cp_pct) | fabs <= 0.06" \
	"the Set line's ${cp_pct}% is not the culprit's culprit_p"

# the log up to its third verdict
cut=$SCRATCH/cut.log
awk '/^# git bisect (good|bad|skip) / && ++n == 3 { print; exit } { print }' "$log" >"$cut"
bv_ok --summary -C "$repo" "$cut"
cp "$SCRATCH/out" "$SCRATCH/cut.summary"
set_line=$(grep '^Set:' "$SCRATCH/cut.summary") || fail "no Set line"
note "$set_line"
run='[0-9a-f]\{12\}^\.\.[0-9a-f]\{12\} ([0-9]* commits, [0-9.]*%)'
# the mass older than the range, where the set needs it, comes in its
# place by mass (doc/model.md §9.1); the runs stay in order around it
older='older than v[0-9.]*: [0-9.]*%, '
runs_line=$(echo "$set_line" | sed "s/$older//")
echo "$runs_line" | grep -q "^Set:         $run, $run, $run, .*and [0-9]* more runs ([0-9]* commits)$" ||
	fail "the Set line is not three runs then the rest: $set_line"
grep -q '^Posterior:   90% of the probability lies in [0-9]* commits ([0-9]* runs);' "$SCRATCH/cut.summary" ||
	fail "the Posterior line does not count the runs: $(grep '^Posterior:' "$SCRATCH/cut.summary")"

bv_ok --json -C "$repo" "$cut"
J=$SCRATCH/cut.json
cp "$SCRATCH/out" "$J"
jq_assert "$J" '.posterior.set_size <= 200' "the set is listed whole"
jq_assert "$J" '.posterior.set_runs | length > 3' "several runs"
jq_assert "$J" '([.posterior.set_runs[].commits] | add) == .posterior.set_size' "the runs count the set"
jq_assert "$J" '[.posterior.set_runs[].p] | . == (sort | reverse)' "runs by falling mass"
# the Set line's runs are the first three, in that order
assert_eq "the Set line's first run" \
	"$(jq -r '.posterior.set_runs[0] | "\(.oldest[:12])^..\(.newest[:12])"' "$J")" \
	"$(echo "$runs_line" | sed 's/^Set: *\([^ ]*\) .*/\1/')"
jq -r '.posterior.set[]' "$J" | sort >"$SCRATCH/set"
: >"$SCRATCH/all"
jq -r '.posterior.set_runs[] | "\(.oldest) \(.newest) \(.commits)"' "$J" >"$SCRATCH/runs"
while read -r oldest newest commits; do
	if [ "$oldest" = "$newest" ]; then
		# a commit alone (a merge, say): no range, the commit itself
		echo "$newest" >"$SCRATCH/run"
	else
		git -C "$repo" rev-list "$oldest^..$newest" | sort >"$SCRATCH/run"
	fi
	assert_eq "git rev-list $oldest^..$newest counts the run" "$commits" "$(lines_in "$SCRATCH/run")"
	[ -z "$(comm -23 "$SCRATCH/run" "$SCRATCH/set")" ] ||
		fail "git rev-list $oldest^..$newest lists commits outside the set"
	cat "$SCRATCH/run" >>"$SCRATCH/all"
done <"$SCRATCH/runs"
sort "$SCRATCH/all" | cmp -s - "$SCRATCH/set" || fail "the runs together are not the set"
note "$(lines_in "$SCRATCH/runs") runs, each what git rev-list lists"

# the map view's order: git's --topo-order of the range
explorer_env
LANGUAGE=C
export LANGUAGE
script map m ':dump-view'
bv_ok --script "$SCRATCH/map.keys" --size 80x24 -C "$repo" "$log"
cp "$SCRATCH/out" "$SCRATCH/map.view"
start=$(sed -n 's/^# git bisect start \([0-9a-f]*\) \([0-9a-f]*\).*/\1 ^\2/p' "$log" | head -1)
# shellcheck disable=SC2086 # $start is two arguments
git -C "$repo" rev-list --topo-order $start | cut -c1-12 | awk '{ print $1, NR - 1 }' >"$SCRATCH/topo"
awk -F'\t' '$2 == "bar" && $3 >= 0 { print $5, $9 }' "$SCRATCH/map.view" >"$SCRATCH/ranks"
[ "$(lines_in "$SCRATCH/ranks")" -ge 10 ] || fail "the map view lists no steps"
while read -r ref rank; do
	assert_eq "$ref's place in the map" "$(awk -v r="$ref" '$1 == r { print $2 }' "$SCRATCH/topo")" "$rank"
done <"$SCRATCH/ranks"
# the culprit's and the next test's cells on the full posterior strip (80 cells)
n=$(lines_in "$SCRATCH/topo")
next=$(jq -r '.posterior.next.commit[:12]' "$SCRATCH/whole.json")
marks=$(awk -F'\t' '$2 == "pmarks" && $3 == 0 { print $5; exit }' "$SCRATCH/map.view")
for what in "c $culprit" "n $next"; do
	# shellcheck disable=SC2086 # a mark and a commit
	set -- $what
	cell=$(awk -v r="$2" -v n="$n" '$1 == r { print int($2 * 80 / n) }' "$SCRATCH/topo")
	got=$(printf '%s' "$marks" | cut -c$((cell + 1)))
	[ "$got" = "$1" ] || [ "$got" = x ] || fail "the posterior strip has '$got', not $1, in cell $cell: '$marks'"
done
note "ok: the map in git's topological order"
