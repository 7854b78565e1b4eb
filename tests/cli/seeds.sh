#!/bin/sh
# Facts of the sample logs in tests/data, through the command line.
# Some facts are read out of each log's own text with awk (the tested
# commits, git's verdicts, the result line); others were read off the logs
# by hand and are written here.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

DEADLOCK=$DATA/cause-deadlock-retract_page_tables.log
KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
HTAB=$DATA/cause-htab_map_alloc-multiline-run-error.log
PFN=$DATA/cause-unsafe_follow_pfn-parent-untested.log
CRASH=$DATA/crash-report-only-fs_reclaim.txt
MAIL=$DATA/mail-wrapped-qp-deadlock.log
ESC=$(printf '\033')

# from_text LOG: what the log's own lines say, next to what bisview says
from_text()
{
	log=$1 j=$(json "$1") name=$(basename "$1")
	# stop at "crash:": the report after it runs to the end of the file
	awk '/^crash: /{exit} $1 == "testing" && $2 == "commit" && length($3) == 40 {print $3}' \
		"$log" >"$SCRATCH/text"
	jq -r '.steps[] | .commit' "$j" >"$SCRATCH/model"
	cmp -s "$SCRATCH/text" "$SCRATCH/model" ||
		fail "$name: the steps' commits differ from the log's 'testing commit' lines:
$(diff "$SCRATCH/text" "$SCRATCH/model" || true)"

	awk '/^crash: /{exit} /^# git bisect (good|bad|skip) [0-9a-f]+$/ {print $5, $4}' \
		"$log" >"$SCRATCH/text"
	jq -r '.steps[] | select(.phase == "bisect") | "\(.commit) \(.verdict)"' "$j" >"$SCRATCH/model"
	[ -s "$SCRATCH/text" ] || fail "$name: no '# git bisect' lines (test is broken)"
	cmp -s "$SCRATCH/text" "$SCRATCH/model" ||
		fail "$name: the bisect steps differ from the log's '# git bisect' lines:
$(diff "$SCRATCH/text" "$SCRATCH/model" || true)"

	# each step's [first, last] holds its own "testing commit" line
	awk '/^crash: /{exit} $1 == "testing" && $2 == "commit" && length($3) == 40 {print NR}' \
		"$log" >"$SCRATCH/text"
	jq -r '.steps[] | "\(.lines[0]) \(.lines[1])"' "$j" | paste -d' ' "$SCRATCH/text" - |
		awk -v name="$name" '$1 < $2 || $1 > $3 {
			printf "%s: step %d spans lines %s-%s, not its testing line %s\n",
				name, NR - 1, $2, $3, $1; bad = 1 } END { exit bad }' >&2 ||
		fail "$name: steps[].lines do not cover the steps' own lines"

	fact "$log" .result.type culprit
	fact "$log" .result.commit "$(awk '/^first bad commit: /{print $4; exit}' "$log")"
	fact "$log" .result.title "$(sed -n 's/^first bad commit: [0-9a-f]* //p' "$log")"
	fact "$log" .revisions_tested "$(sed -n 's/^revisions tested: \([0-9]*\),.*/\1/p' "$log")"
	fact "$log" .start_commit "$(sed -n 's/^bisecting cause commit starting from //p' "$log")"
	fact "$log" .format syzbot
	fact "$log" .kind cause
	fact "$log" .unknown_lines 0
}

for log in "$DEADLOCK" "$KVM" "$HTAB" "$PFN"; do
	from_text "$log"
done

# The deadlock log (2023): a clean culprit after 14 git bisect steps.
fact "$DEADLOCK" .result.commit 3d7cb67369a08d4933713290acf458990a50b6f9
fact "$DEADLOCK" .result.title 'x86/mm: try VMA lock-based page fault handling first'
fact "$DEADLOCK" .crash_title 'possible deadlock in collapse_file'
fact "$DEADLOCK" '.steps | length' 16
fact "$DEADLOCK" '[.steps[] | select(.phase == "bisect")] | length' 14
fact "$DEADLOCK" '[.steps[].phase] | unique | join(",")' bisect,original,release
fact "$DEADLOCK" '.steps[0] | "\(.phase) \(.verdict) \(.runs.crashed)/\(.runs.total)"' \
	'original bad 10/10'
fact "$DEADLOCK" '.steps[0].titles | join("|")' 'possible deadlock in collapse_file'
fact "$DEADLOCK" '.steps[1] | "\(.phase) \(.label) \(.commit) \(.verdict)"' \
	'release v6.2 c9c3395d5e3dcc6daee66c6908354d47bf98cb0c good'
# run #9: boot failed, among nine OK runs
fact "$DEADLOCK" '.steps[3].runs | "\(.total) \(.ok) \(.boot_failed) \(.crashed)"' '10 9 1 0'
fact "$DEADLOCK" .flaky false

# kvm_wait (2021): flaky reproducer, three releases, 20-run steps.
fact "$KVM" .flaky true
fact "$KVM" .result.commit 997acaf6b4b59c6a9c259740312a69ea549cc684
fact "$KVM" .crash_title 'general protection fault in try_grab_compound_head'
fact "$KVM" '[.steps[] | select(.phase == "release") | "\(.label)=\(.verdict)"] | join(" ")' \
	'v5.13=bad v5.12=bad v5.11=good'
# run #0 basic kernel testing failed, runs #1-#19 crashed
fact "$KVM" '.steps[0].runs | "\(.total) \(.crashed) \(.ok)"' '20 19 0'
# d99676af: 2 of 10 crashed with "WARNING in kvm_wait", marked bad
fact "$KVM" '.steps[4] | "\(.commit) \(.verdict) \(.runs.crashed)/\(.runs.total) \(.titles | join("|"))"' \
	'd99676af540c2dc829999928fb81c58c80a1dce4 bad 2/10 WARNING in kvm_wait'
# de161757: runs #0-4 crashed, #5-16 OK, #17-19 boot failed
fact "$KVM" '.steps[6].runs | "\(.total) \(.crashed) \(.ok) \(.boot_failed)"' '20 5 12 3'

# htab_map_alloc (2020): a run error spanning several lines, and runs that
# crashed with "no output from test machine".
fact "$HTAB" .result.commit c50eb518e262fa06bd334e6eec172eaf5d7a5bd9
fact "$HTAB" '.steps[0].runs | "\(.total) \(.crashed)"' '10 10'
fact "$HTAB" '.steps[0].titles | sort | join("|")' \
	'WARNING in htab_map_alloc|no output from test machine'
fact "$HTAB" '.steps[] | select(.commit == "30031c2b0574f43cc6888532b715f639afd39196")
	| "\(.verdict) \(.runs.total) \(.runs.ok)"' 'good 10 9'

# unsafe_follow_pfn (2021): "parent commit H wasn't tested", then a
# build-only test of the parent: a step with no runs and no verdict.
fact "$PFN" .result.commit d40b9fdee6dc819d8fc35f70c345cbe0394cde4c
fact "$PFN" .crash_title 'WARNING in unsafe_follow_pfn'
fact "$PFN" '[.steps[] | select(.phase == "parent-build")] | length' 1
fact "$PFN" '.steps[-1] | "\(.phase) \(.commit) \(.verdict) \(.runs.total)"' \
	'parent-build fe07bfda2fb9cdef8a4d4008a409bb02f35f1bd8 none 0'
fact "$PFN" '[.steps[] | select(.phase == "bisect")] | length' 14
fact "$PFN" '.steps[-2] | "\(.commit) \(.verdict) \(.runs.crashed) \(.runs.boot_failed)"' \
	'd40b9fdee6dc819d8fc35f70c345cbe0394cde4c bad 6 4'

# A bare crash report is said to be one, not parsed as a bisection.
fact "$CRASH" .format crash-report
fact "$CRASH" '.steps | length' 0
fact "$CRASH" .start_commit null
fact "$CRASH" .result.commit null

# The deadlock log quoted in a mail (wrapped, quoted-printable): the same
# bisection as the original.
fact "$MAIL" .unknown_lines 0
same='{format, kind, start_commit, crash_title, flaky, revisions_tested,
	result: (.result | {type, commit, title, candidates}),
	steps: [.steps[] | {phase, commit, label: .label, verdict, runs, titles, revisions_left}]}'
jq -S "$same" "$(json "$DEADLOCK")" >"$SCRATCH/a"
jq -S "$same" "$(json "$MAIL")" >"$SCRATCH/b"
cmp -s "$SCRATCH/a" "$SCRATCH/b" ||
	fail "the mail-quoted deadlock log reads differently from the original:
$(diff "$SCRATCH/a" "$SCRATCH/b" | head -20)"

# --summary: plain text with the culprit's 12-hex and title.
bv_ok --summary "$DEADLOCK"
cp "$SCRATCH/out" "$SCRATCH/summary-file"
grep -q 3d7cb67369a0 "$SCRATCH/out" || fail "--summary lacks the culprit 3d7cb67369a0"
grep -qF 'x86/mm: try VMA lock-based page fault handling first' "$SCRATCH/out" ||
	fail "--summary lacks the culprit's title"
for log in "$DATA"/*.log "$CRASH"; do
	for term in dumb xterm-256color; do
		TERM=$term
		export TERM
		bv_ok --summary "$log"
		[ -s "$SCRATCH/out" ] || fail "--summary $log printed nothing"
		! LC_ALL=C grep -q "$ESC" "$SCRATCH/out" ||
			fail "--summary $log (TERM=$term) writes ESC bytes into a file"
	done
done

# --scan: one line per log, naming it, then the totals.
bv_ok --scan "$DATA"
nfiles=$(find "$DATA" -type f | wc -l)
assert_eq "--scan $DATA: lines (a log each, then totals)" "$((nfiles + 1))" "$(lines_in "$SCRATCH/out")"
for log in "$DATA"/*; do
	[ "$(grep -cF "$log	" "$SCRATCH/out")" -eq 1 ] ||
		fail "--scan: not exactly one line for $log"
done
grep -F "$DEADLOCK	" "$SCRATCH/out" | grep -q 'culprit 3d7cb67369a0' ||
	fail "--scan: the deadlock log's line lacks 'culprit 3d7cb67369a0'"
grep -F "$CRASH	" "$SCRATCH/out" | grep -q crash-report ||
	fail "--scan: the crash report's line does not say crash-report"

# Standard input: "-" or no LOG gives what the file argument gives, but
# for the path and where it came from (source.kind: file, stdin).
for log in "$DATA"/*.log "$CRASH"; do
	jq -e '.source.kind == "file"' "$(json "$log")" >/dev/null || fail "$log: source.kind is not file"
	jq -S 'del(.path, .source.kind)' "$(json "$log")" >"$SCRATCH/a"
	bv_ok --json - <"$log"
	jq -e '.source.kind == "stdin"' "$SCRATCH/out" >/dev/null || fail "$log on stdin: source.kind is not stdin"
	jq -S 'del(.path, .source.kind)' "$SCRATCH/out" >"$SCRATCH/b"
	cmp -s "$SCRATCH/a" "$SCRATCH/b" ||
		fail "--json - < $log differs from --json $log:
$(diff "$SCRATCH/a" "$SCRATCH/b" | head -20)"
	bv_ok --json <"$log"
	jq -S 'del(.path, .source.kind)' "$SCRATCH/out" >"$SCRATCH/b"
	cmp -s "$SCRATCH/a" "$SCRATCH/b" || fail "--json < $log differs from --json $log"
done

# --summary's steps table keeps its columns when a runs text is long
# ("19 crash 1 test-fail"): each title starts under the heading's
bv_ok --summary --no-tree "$DATA/cause-flaky-kvm_wait-title-drift.log"
awk '/^  #  phase/ { col = index($0, "crash title") }
	/^  [01]  (original|release) / { if (index($0, "general protection fault") != col) bad = 1 }
	END { exit col == 0 || bad }' "$SCRATCH/out" ||
	fail "--summary's steps table is out of line: $(grep -A2 '^  #  phase' "$SCRATCH/out")"

bv_ok --summary <"$DEADLOCK"
cp "$SCRATCH/out" "$SCRATCH/summary-stdin"
assert_eq "--summary line count, stdin vs file" \
	"$(lines_in "$SCRATCH/summary-file")" "$(lines_in "$SCRATCH/summary-stdin")"
# the only lines that may differ are those naming the file
LC_ALL=C grep -vxFf "$SCRATCH/summary-stdin" "$SCRATCH/summary-file" >"$SCRATCH/diff" || true
if LC_ALL=C grep -vF "$(basename "$DEADLOCK")" "$SCRATCH/diff" >&2; then
	fail "--summary from standard input differs from --summary FILE (lines above)"
fi

note "$(find "$DATA" -type f | wc -l) sample logs: facts, --summary and standard input agree"
