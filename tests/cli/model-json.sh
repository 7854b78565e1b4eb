#!/bin/sh
# The likelihood model's keys in --json and --scan --json (doc/json.md §6,
# doc/model.md) on the sample logs: assessment.p_wrong a number in [0, 1]
# with a culprit and null without one, assessment.why a sentence naming a
# step or the culprit (null without a culprit), assessment.blamed_step
# null or the step with the largest p_wrong, steps[].p_wrong null exactly
# for steps without a good or bad verdict and summing to at most 1 (each
# is the chance that this verdict was the first wrong one), p_older a
# probability within the first clean step's p_wrong, and --scan --json
# giving the same assessment. The kvm_wait log (title drift) is doubted,
# and its blamed step is one judged on another crash than the original.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
n=0
for log in "$DATA"/*.log "$DATA"/*.txt; do
	[ -f "$log" ] || continue
	n=$((n + 1))
	j=$(json "$log")
	name=$(basename "$log")
	jq_assert "$j" '
		.assessment | has("p_wrong") and has("why") and has("blamed_step")' \
		"$name: assessment lacks p_wrong, why or blamed_step"
	jq_assert "$j" '
		if .result.type == "culprit" then
			(.assessment.p_wrong | type == "number" and . >= 0 and . <= 1) and
			(.assessment.why | type == "string" and test("^(step [0-9]+ \\(|no step)"))
		else
			.assessment.p_wrong == null and .assessment.why == null and
			.assessment.blamed_step == null
		end' \
		"$name: assessment.p_wrong / why do not fit the result"
	jq_assert "$j" '
		all(.steps[]; if .verdict == "good" or .verdict == "bad" then
			(.p_wrong | type == "number" and . >= 0 and . <= 1)
		else .p_wrong == null or (.p_wrong | type == "number") end) and
		all(.steps[]; .verdict == "good" or .verdict == "bad" or .p_wrong == null)' \
		"$name: steps[].p_wrong not a probability where a verdict is, or set where none is"
	jq_assert "$j" '
		.assessment.blamed_step as $b |
		$b == null or (($b | type == "number") and
			.steps[$b].p_wrong == ([.steps[].p_wrong // 0] | max))' \
		"$name: the blamed step is not the most doubtful"
	jq_assert "$j" '
		([.steps[].p_wrong // 0] | add) <= 1.001' \
		"$name: the steps' p_wrong (first wrong verdict) sum to more than 1"
	jq_assert "$j" '
		if .result.type == "culprit" then
			(.assessment.p_older | type == "number" and . >= 0 and . <= 1) and
			(.assessment.p_older == 0 or
			 ([.steps[] | select(.verdict == "good" and .p_wrong != null)][0].p_wrong
			  >= .assessment.p_older - 0.0001))
		else .assessment.p_older == null end' \
		"$name: assessment.p_older not a probability within the first clean step's p_wrong"
	jq_assert "$j" '
		.assessment.blamed_step as $b |
		$b == null or (.assessment.why | startswith("step \($b) ("))' \
		"$name: assessment.why does not name the blamed step"
done
[ "$n" -ge 5 ] || fail "expected the sample logs in $DATA, found $n"

j=$(json "$KVM")
jq_assert "$j" '.assessment.p_wrong >= 0.5' "kvm_wait: p_wrong below 0.5"
jq_assert "$j" '.crash_title as $t | .steps[.assessment.blamed_step] |
	.verdict == "bad" and (.titles | length > 0 and index($t) == null)' \
	"kvm_wait: the blamed step was not judged on another crash than the original"

# --scan --json carries the same assessment, p_wrong included
bv_ok --scan --json "$DATA"
while IFS= read -r obj; do
	printf '%s\n' "$obj" >"$SCRATCH/obj.json"
	path=$(jq_get "$SCRATCH/obj.json" .path)
	case $path in *.log | *.txt) ;; *) continue ;; esac
	jq_assert "$SCRATCH/obj.json" '.assessment | has("p_wrong")' "--scan --json: no p_wrong for $path"
	full=$(json "$path")
	jq -e --slurpfile full "$full" '.assessment == $full[0].assessment' "$SCRATCH/obj.json" \
		>/dev/null || fail "--scan --json: the assessment differs from --json's for $path"
done <"$SCRATCH/out"

note "$n sample logs: p_wrong, why, blamed_step and steps[].p_wrong as doc/json.md says"
