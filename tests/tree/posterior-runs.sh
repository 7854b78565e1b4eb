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
#     together the runs are the set, and the masses fall.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v git >/dev/null 2>&1 || skip "git is not installed (Debian package git)"
need_cmd jq awk sed sort comm
FIXTURE=$top_builddir/tests/cli/demo-fixture
[ -x "$FIXTURE" ] || fail "no fixture builder at $FIXTURE (make check builds it)"
git_env "$SCRATCH/home"
c_locale
XDG_CACHE_HOME=$SCRATCH/cache
export XDG_CACHE_HOME

"$FIXTURE" --prepare "$SCRATCH/cache" >"$SCRATCH/prepare.out" 2>"$SCRATCH/fixture.err" ||
	fail "demo_prepare failed: $(cat "$SCRATCH/fixture.err")"
repo=$(sed -n 's/^repo: //p' "$SCRATCH/prepare.out")
log=$(sed -n 's/^log: //p' "$SCRATCH/prepare.out")
[ -d "$repo/.git" ] && [ -s "$log" ] || fail "no demo repository or log"
culprit=$(sed -n 's/^first [a-z]* commit: \([0-9a-f]\{12\}\).*/\1/p' "$log")

bv_ok --summary -C "$repo" "$log"
assert_eq "the whole log's set" "Set:         $culprit (93.1%)" "$(grep '^Set:' "$SCRATCH/out")"

# the log up to its third verdict
cut=$SCRATCH/cut.log
awk '/^# git bisect (good|bad|skip) / && ++n == 3 { print; exit } { print }' "$log" >"$cut"
bv_ok --summary -C "$repo" "$cut"
cp "$SCRATCH/out" "$SCRATCH/cut.summary"
set_line=$(grep '^Set:' "$SCRATCH/cut.summary") || fail "no Set line"
note "$set_line"
run='[0-9a-f]\{12\}^\.\.[0-9a-f]\{12\} ([0-9]* commits, [0-9.]*%)'
echo "$set_line" | grep -q "^Set:         $run, $run, $run, .*and [0-9]* more runs ([0-9]* commits)$" ||
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
	"$(echo "$set_line" | sed 's/^Set: *\([^ ]*\) .*/\1/')"
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
note "ok: $(lines_in "$SCRATCH/runs") runs"
