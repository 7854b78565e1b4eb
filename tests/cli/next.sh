#!/bin/sh
# `next` (doc/json.md §2, doc/model.md §11) on the sample logs, without a
# tree: present on every log; ordered re-test, revert, test, resume; a
# re-test of the blamed step with the runs n >= ln(0.05)/ln(1-p), p the
# model's rate (assessment.repro_rate), capped at 100; a revert only with
# a culprit and a start commit; no test without a tree; --summary's
# "Next:" block lists the same actions in the same order.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

ORDER='{"retest": 0, "revert": 1, "test": 2, "resume": 3}'
n_logs=0
for LOG in "$DATA"/*.log "$DATA"/*.txt; do
	name=$(basename "$LOG")
	bv_ok --no-tree --json "$LOG"
	J=$SCRATCH/$name.json
	cp "$SCRATCH/out" "$J"
	jq_assert "$J" '.next | type == "array"' "$name: next is an array"
	jq_assert "$J" "[.next[].action | $ORDER[.]] | . == sort" "$name: next is ordered"
	jq_assert "$J" '[.next[].action] | length == (unique | length)' "$name: each action once"
	jq_assert "$J" '[.next[] | select(.action == "test")] | length == 0' "$name: no test without a tree"
	jq_assert "$J" '(.kind == "cause" and .result.type == "culprit" and .start_commit != null) ==
		([.next[] | select(.action == "revert")] | length == 1)' \
		"$name: a revert exactly with a cause bisection's culprit"
	jq_assert "$J" '.result.commit as $r | [.next[] | select(.action == "revert") | .commit == $r] | all' \
		"$name: the revert names the culprit"
	jq_assert "$J" '(.assessment.blamed_step != null) ==
		([.next[] | select(.action == "resume")] | length == 1)' \
		"$name: resume exactly with a blamed step"
	jq_assert "$J" '.assessment.blamed_step as $b |
		[.next[] | select(.action == "retest")] | length == 0 or (length == 1 and $b != null)' \
		"$name: a re-test only of a blamed step"
	# the doubt a blind reproducer at the first clean step: no re-test (doc/model.md §11)
	jq_assert "$J" '.assessment.blamed_step as $b | (.assessment.p_older // 0) as $o |
		if $b != null and $o > 0.5 * .steps[$b].p_wrong then
			[.next[] | select(.action == "retest")] | length == 0
		else true end' "$name: a re-test of a blind reproducer's step"
	jq_assert "$J" '.assessment.blamed_step as $b | [.next[] | select(.action == "retest" or .action == "resume") |
		.step == $b] | all' "$name: they name the blamed step"
	# the runs against the model's rate: the least n with (1-p)^n <= 0.05, at most 100
	# (or the runs the step had, when more)
	jq_assert "$J" '.assessment.repro_rate as $p | . as $d | [.next[] | select(.action == "retest") |
		.runs as $n | ($d.steps[.step].runs | .ok + .crashed) as $had |
		($n == 100 and pow(1 - $p; 100) > 0.05) or
		(pow(1 - $p; $n) <= 0.0501 and ($n == 1 or pow(1 - $p; $n - 1) > 0.0499)) or
		($n == $had and pow(1 - $p; $n) <= 0.0501)] | all' \
		"$name: the re-test's runs follow ln(0.05)/ln(1-p), or the step's own when more"
	bv_ok --no-tree --summary "$LOG"
	want=$(jq -r '.next[] | .action' "$J" | sed 's/retest/re-test/' | tr '\n' ' ')
	got=$(sed -n '/^Next:$/,/^$/p' "$SCRATCH/out" | sed -n 's/^  [0-9]*\. \([a-z-]*\).*/\1/p' | tr '\n' ' ')
	assert_eq "$name: --summary's Next: block" "$want" "$got"
	n_logs=$((n_logs + 1))
done
[ "$n_logs" -ge 5 ] || fail "only $n_logs sample logs"

# a crash report: nothing to run
bv_ok --no-tree --json "$DATA/crash-report-only-fs_reclaim.txt"
assert_eq "a crash report's next" 0 "$(jq_get "$SCRATCH/out" '.next | length')"
# the deadlock log: its doubt is the first clean release, blind: no
# re-test, the revert first, the resume last
bv_ok --no-tree --json "$DATA/cause-deadlock-retract_page_tables.log"
assert_eq "the deadlock log's actions" 'revert resume' \
	"$(jq -r '[.next[].action] | join(" ")' "$SCRATCH/out")"
# the kvm_wait log: its doubt is a step judged on another bug: re-tested
# first, with at least the runs it had
bv_ok --no-tree --json "$DATA/cause-flaky-kvm_wait-title-drift.log"
assert_eq "the kvm_wait log's actions" 'retest revert resume' \
	"$(jq -r '[.next[].action] | join(" ")' "$SCRATCH/out")"
jq_assert "$SCRATCH/out" '.next[0].runs >= (.steps[.next[0].step].runs | .ok + .crashed)' \
	"the kvm_wait re-test asks fewer runs than the step had"
