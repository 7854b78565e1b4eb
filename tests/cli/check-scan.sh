#!/bin/sh
# The assessment through the CLI: --check's exit status with --summary,
# --json and --scan; --scan's columns (verdict, score, strongest signal
# codes) and its totals; --scan --json's signals and assessment; and
# --summary's signal list with evidence line numbers.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

FLAKY=$DATA/cause-flaky-kvm_wait-title-drift.log
CLEAN=$DATA/cause-htab_map_alloc-multiline-run-error.log
CRASH=$DATA/crash-report-only-fs_reclaim.txt

status() { set +e; "$BISVIEW" --no-tree "$@" >/dev/null 2>&1; echo $?; set -e; }

# --check: 1 when suspicious, 0 otherwise, with or without --summary/--json
[ "$(status --check "$FLAKY")" = 1 ] || fail "--check on a suspicious log must exit 1"
[ "$(status --summary --check "$FLAKY")" = 1 ] || fail "--summary --check must exit 1"
[ "$(status --json --check "$FLAKY")" = 1 ] || fail "--json --check must exit 1"
[ "$(status --check "$CLEAN")" = 0 ] || fail "--check on a plausible log must exit 0"
[ "$(status --check "$CRASH")" = 0 ] || fail "--check on a crash report must exit 0"
[ "$(status "$FLAKY")" = 0 ] || fail "without --check a suspicious log exits 0"

# --json: the signals carry code, strength, step, message, lines
"$BISVIEW" --no-tree --json "$FLAKY" >"$SCRATCH/flaky.json"
jq -e '.assessment.verdict == "suspicious" and .assessment.p_wrong >= 0.5 and
	.assessment.first_suspicious_step == .assessment.blamed_step and
	(.assessment.first_suspicious_step | type == "number") and
	(.assessment.first_suspicious_commit | test("^[0-9a-f]{40}$"))' "$SCRATCH/flaky.json" >/dev/null ||
	fail "--json: the flaky log must be assessed suspicious with a first suspicious step"
jq -e '[.signals[] | select(.code == "title-drift" and .strength == "strong" and
	.step == 2 and (.message | test("suspicious")) and .lines[0] <= .lines[1])] |
	length == 1' "$SCRATCH/flaky.json" >/dev/null ||
	fail "--json: title drift at step 2 (release v5.12) missing"
jq -e '[.signals[] | select(.code == "flaky")] | length == 1' "$SCRATCH/flaky.json" >/dev/null ||
	fail "--json: the flaky signal is missing"
"$BISVIEW" --no-tree --json "$CLEAN" | jq -e '.assessment.verdict == "plausible" and
	(.signals | length == 0)' >/dev/null || fail "--json: the htab log must be plausible, no signals"

# --summary lists the signals with their evidence lines
"$BISVIEW" --no-tree --summary "$FLAKY" >"$SCRATCH/flaky.txt"
grep -q '^Assessment: *suspicious: [01]\.[0-9][0-9] that the culprit is wrong, blamed step [0-9]*$' "$SCRATCH/flaky.txt" ||
	fail "--summary: no assessment line"
grep -q '^Why: *step [0-9]* (' "$SCRATCH/flaky.txt" || fail "--summary: no Why: line naming the step"
grep -q '^  strong  title-drift .*\[lines 29-32\]$' "$SCRATCH/flaky.txt" ||
	fail "--summary: the title drift of step 2 must cite lines 29-32"

# --scan: verdict, p_wrong and signal codes per line; totals; --check
set +e
"$BISVIEW" --no-tree --scan --check "$DATA" >"$SCRATCH/scan.txt"
rc=$?
set -e
[ "$rc" = 1 ] || fail "--scan --check over suspicious logs must exit 1 (got $rc)"
grep -q "^$FLAKY	syzbot	cause	culprit 997acaf6b4b5	suspicious [01]\.[0-9][0-9]	title-drift,flaky,thin-verdict$" "$SCRATCH/scan.txt" ||
	fail "--scan: the flaky log's line: $(grep kvm_wait "$SCRATCH/scan.txt")"
grep -q "^$CLEAN	syzbot	cause	culprit c50eb518e262	plausible 0\.[0-4][0-9]$" "$SCRATCH/scan.txt" ||
	fail "--scan: the htab log's line"
# the totals count every sample log, and each log's line that names a culprit
nlogs=$(find "$DATA" -type f | wc -l)
nculprit=$(grep -c '	culprit [0-9a-f]\{12\}' "$SCRATCH/scan.txt")
[ "$nculprit" -ge 5 ] || fail "--scan: only $nculprit culprit lines"
tail -n 1 "$SCRATCH/scan.txt" | grep -q "^$nlogs logs: $nculprit culprit ([0-9] suspicious), .*; 0 not read\$" ||
	fail "--scan: totals line: $(tail -n 1 "$SCRATCH/scan.txt")"
[ "$(status --scan --check "$CLEAN")" = 0 ] || fail "--scan --check over a plausible log must exit 0"
"$BISVIEW" --no-tree --scan --json "$DATA" | jq -se --argjson n "$nlogs" 'length == $n and
	all(.[]; has("assessment") and has("signals") and has("flaky") and has("result"))' >/dev/null ||
	fail "--scan --json: every line must carry assessment, signals, flaky, result"
# --sort p: the highest p_wrong first, the logs without one after, in
# the paths' order; --sort needs --scan
"$BISVIEW" --no-tree --scan --sort p "$DATA" >"$SCRATCH/sorted.txt"
sed '$d' "$SCRATCH/sorted.txt" | cut -f5 | awk '{ print ($2 == "-" ? -1 : $2) }' >"$SCRATCH/p"
sort -rn "$SCRATCH/p" | cmp -s - "$SCRATCH/p" || fail "--sort p: not the highest p_wrong first: $(tr '\n' ' ' <"$SCRATCH/p")"
[ "$(sed '$d' "$SCRATCH/sorted.txt" | sort)" = "$(sed '$d' "$SCRATCH/scan.txt" | sort)" ] ||
	fail "--sort p: not the same lines as the paths' order"
"$BISVIEW" --no-tree --scan --json --sort p "$DATA" | jq -se '[.[] | .assessment.p_wrong // -1] |
	. == (sort | reverse)' >/dev/null || fail "--scan --json --sort p: not the highest p_wrong first"
[ "$(status --sort p "$CLEAN")" = 2 ] || fail "--sort without --scan must be a usage error"
[ "$(status --scan --sort q "$CLEAN")" = 2 ] || fail "--sort q must be a usage error"
echo "check-scan: --check, --json signals, --summary evidence and --scan triage lines"
