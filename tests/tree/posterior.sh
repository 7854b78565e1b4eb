#!/bin/sh
# The posterior over commits (doc/model.md §9, doc/json.md §7.1) on a
# scratch repository (tests/lib/tree.sh) and a real, clean `git bisect`
# run on it, logged as syzbot and as git wrote it:
#  - --json's posterior has its shape: level 0.9, set (hex, at most 200,
#    no more than set_size), culprit_p, top (up to 10, falling p),
#    outside_p, newer_p and set_newer, next (a commit of the range, with
#    a why);
#  - the culprit is in the set and first in top; probabilities in 0..1;
#  - --summary shows the Posterior, Set and Next test lines;
#  - without a tree (--no-tree), posterior is null.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"

tl_setup
tl_logs

for log in syzbot gitbisect; do
	J=$SCRATCH/$log.json
	bv_ok --json -C "$R" "$LOGS/$log.log"
	cp "$SCRATCH/out" "$J"
	jq_assert "$J" '.tree.range.verified' "$log: the range was walked"
	jq_assert "$J" '.posterior | type == "object"' "$log: posterior is an object"
	jq_assert "$J" '.posterior.level == 0.9' "$log: level 0.9"
	jq_assert "$J" '.posterior.set | length >= 1 and length <= 200' "$log: set listed"
	jq_assert "$J" '.posterior.set_size >= (.posterior.set | length)' "$log: set_size counts the set"
	jq_assert "$J" '[.posterior.set[] | test("^[0-9a-f]{40}$")] | all' "$log: set is full hashes"
	jq_assert "$J" '.posterior.culprit_p >= 0 and .posterior.culprit_p <= 1' "$log: culprit_p"
	jq_assert "$J" '.posterior.outside_p >= 0 and .posterior.outside_p <= 1' "$log: outside_p"
	jq_assert "$J" '.posterior.newer_p == null or (.posterior.newer_p >= 0 and .posterior.newer_p <= 1)' \
		"$log: newer_p"
	jq_assert "$J" '(.posterior.set_newer | type) == "boolean" and
		((.posterior.set_newer | not) or .posterior.newer_p > 0)' "$log: set_newer without newer_p"
	jq_assert "$J" '.posterior.top | length >= 1 and length <= 10' "$log: top"
	jq_assert "$J" '[.posterior.top[].p] | . == (sort | reverse)' "$log: top by falling p"
	jq_assert "$J" '([.posterior.top[].p] | add) <= 1.0001' "$log: top sums to at most 1"
	jq_assert "$J" '.posterior.next.commit | test("^[0-9a-f]{40}$")' "$log: next is a commit"
	jq_assert "$J" '.posterior.next.why | length > 0' "$log: next has a why"
	jq_assert "$J" ".posterior.set | index(\"$CULPRIT\") != null" "$log: the culprit is in the set"
	jq_assert "$J" ".posterior.top[0].commit == \"$CULPRIT\"" "$log: the culprit is the likeliest"
	jq_assert "$J" '.posterior.culprit_p > 0.5' "$log: a clean bisection gives the culprit most of the mass"
done

bv_ok --summary -C "$R" "$LOGS/syzbot.log"
grep -q '^Posterior: ' "$SCRATCH/out" || fail "--summary has no Posterior line"
grep -q '^Set: ' "$SCRATCH/out" || fail "--summary has no Set line"
grep -q '^Next test: ' "$SCRATCH/out" || fail "--summary has no Next test line"

bv_ok --json --no-tree "$LOGS/syzbot.log"
assert_eq "posterior without a tree" null "$(jq_get "$SCRATCH/out" '.posterior')"
