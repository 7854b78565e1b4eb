#!/bin/sh
# `next` with a tree (doc/json.md §2, doc/model.md §11), on the scratch
# repository of tests/lib/tree.sh and a real `git bisect` logged as
# syzbot and as git wrote it: the test action names the posterior's next
# commit; the list stays ordered; a git bisect log (no runs, no start
# commit) asks for no runs and no revert; --summary shows the test.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"

tl_setup
tl_logs

ORDER='{"retest": 0, "revert": 1, "test": 2, "resume": 3}'
for log in syzbot gitbisect; do
	J=$SCRATCH/$log.json
	bv_ok --json -C "$R" "$LOGS/$log.log"
	cp "$SCRATCH/out" "$J"
	jq_assert "$J" '.posterior.next.commit | test("^[0-9a-f]{40}$")' "$log: the posterior has a next commit"
	jq_assert "$J" '[.next[] | select(.action == "test")] | length == 1' "$log: one test action"
	jq_assert "$J" '.posterior.next.commit as $c | [.next[] | select(.action == "test") | .commit == $c] | all' \
		"$log: the test action names the posterior's next commit"
	jq_assert "$J" '[.next[] | select(.action == "test") | .step == null and (.why | length > 0)] | all' \
		"$log: the test action has no step, and a why"
	jq_assert "$J" "[.next[].action | $ORDER[.]] | . == sort" "$log: next is ordered"
done
jq_assert "$SCRATCH/gitbisect.json" '[.next[] | select(.action == "revert")] | length == 0' \
	"gitbisect: no revert without a start commit"
jq_assert "$SCRATCH/gitbisect.json" '[.next[].runs] | all(. == null)' "gitbisect: no runs without runs"
jq_assert "$SCRATCH/syzbot.json" '[.next[] | select(.action == "test") | .runs >= 1] | all' \
	"syzbot: the test asks for runs"

bv_ok --summary -C "$R" "$LOGS/syzbot.log"
short=$(jq -r '.posterior.next.commit[0:12]' "$SCRATCH/syzbot.json")
sed -n '/^Next:$/,/^$/p' "$SCRATCH/out" | grep -q "^  [0-9]*\. test $short " ||
	fail "--summary's Next: block lacks the test of $short"

# An inconclusive bisection (steps 2 and 4 skipped: only skipped commits
# left): its candidates with their subjects from the tree, in --json's
# tree.candidates and --summary's Candidates lines; no revert.
MERGE4=$(tl_find "$R" "Merge branch 'topic4-c3'")
tl_bisect "$R" "$W/c" v1.3 v1.2 "$MERGE4" "2 4"
tl_syzbot_log "$R" "$W/c" "$BAD" "$GOOD" v1.2 >"$LOGS/inconclusive.log"
J=$SCRATCH/inconclusive.json
bv_ok --json -C "$R" "$LOGS/inconclusive.log"
cp "$SCRATCH/out" "$J"
jq_assert "$J" '.result.type == "inconclusive" and (.result.candidates | length >= 2)' \
	"inconclusive: the log lists candidates"
jq_assert "$J" '(.tree.candidates | length) == (.result.candidates | length)' \
	"inconclusive: one tree.candidates entry each"
jq_assert "$J" '[.result.candidates, .tree.candidates] | transpose | all(.[0] == .[1].commit and .[1].found)' \
	"inconclusive: tree.candidates follow result.candidates, all found"
jq_assert "$J" '[.next[] | select(.action == "revert")] | length == 0' "inconclusive: no revert"
jq -r '.result.candidates[]' "$J" >"$SCRATCH/cands"
bv_ok --summary -C "$R" "$LOGS/inconclusive.log"
while read -r c; do
	subject=$(git -C "$R" log -1 --format=%s "$c")
	assert_eq "inconclusive: $c's subject in tree.candidates" "$subject" \
		"$(jq -r --arg c "$c" '.tree.candidates[] | select(.commit == $c) | .subject' "$J")"
	grep -qF "$(echo "$c" | cut -c1-12) $subject" "$SCRATCH/out" ||
		fail "--summary lacks candidate $c with its subject"
done <"$SCRATCH/cands"
# the explorer: the signals view lists each candidate with its subject
# from the tree (read once the tree facts are in: script mode waits)
explorer_env
HOME=$SCRATCH/home   # git_env's, for the git calls below
script cands 'S' ':dump-screen'
bv_ok -C "$R" --script "$SCRATCH/cands.keys" --size 120x40 "$LOGS/inconclusive.log"
while read -r c; do
	subject=$(git -C "$R" log -1 --format=%s "$c")
	grep -qF "$(echo "$c" | cut -c1-12)" "$SCRATCH/out" ||
		fail "the signals view lacks candidate $c"
	grep -F "$(echo "$c" | cut -c1-12)" "$SCRATCH/out" | grep -qF "$subject" ||
		fail "the signals view lacks $c's subject \"$subject\""
done <"$SCRATCH/cands"
bv_ok --json --no-tree "$LOGS/inconclusive.log"
assert_eq "no tree, no tree.candidates" null "$(jq_get "$SCRATCH/out" '.tree')"
