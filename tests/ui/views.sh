#!/bin/sh
# The crash report, raw log and bisection map views, driven by script
# mode (no terminal): on the seed logs with no tree, and on the demo with
# its tree.
#   - crash view: frames are picked out; Enter on a frame opens the source
#     view with a tree and says why not without one;
#   - raw log view: opened on step N it highlights exactly the lines
#     --json gives for step N, and follows J; evidence shows a signal's lines;
#   - map view: one bar per step that has a count; a step view opened
#     from it comes back split under the list, on the same step;
#   - a hostile log (CSI clear screen, OSC 52, bidi override, C1 CSI, NUL,
#     invalid UTF-8) reaches the screen of the log and crash views with
#     none of those bytes.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

# view_rows FILE KIND: the rows of a :dump-view whose fields start with KIND
view_rows()
{
	grep -c "^.[0-9]*	$2	" "$1" || true
}

# hl_range FILE: "first last" of the highlighted rows of a log view dump
hl_range()
{
	awk -F '\t' 'NR > 1 && $3 == "hl" { if (!f) f = $2; l = $2 } END { print f " " l }' "$1"
}

# check_log_step ARGS STEP JSON: the log view of step STEP highlights the
# step's lines, and J moves the highlight to the next step's
check_log_step()
{
	_args=$1 _n=$2 _json=$3
	_want=$(jq -r ".steps[$_n].lines | \"\\(.[0]) \\(.[1])\"" "$_json")
	_next=$(jq -r "if .steps[$_n + 1] then .steps[$_n + 1].lines | \"\\(.[0]) \\(.[1])\" else \"\" end" "$_json")
	script log ":$_n" "l" ":dump-view $SCRATCH/log.view" ":dump-screen $SCRATCH/log.screen" \
		"J" ":dump-view $SCRATCH/log2.view"
	# shellcheck disable=SC2086 # $_args is a list of options
	bv_ok $_args --script "$SCRATCH/log.keys" --size 80x24
	head -n 1 "$SCRATCH/log.view" | grep -q "^view	log	step	$_n	" ||
		fail "$_args: l on step $_n did not open the log view at it: $(head -n 1 "$SCRATCH/log.view")"
	assert_eq "$_args: step $_n's highlighted lines" "$_want" "$(hl_range "$SCRATCH/log.view")"
	grep -q "\[log\] lines ${_want% *}-${_want#* } of " "$SCRATCH/log.screen" ||
		fail "$_args: the log view's title does not name lines $_want"
	if [ -n "$_next" ] && [ "$_next" != "0 0" ]; then
		assert_eq "$_args: after J, step $((_n + 1))'s lines" "$_next" "$(hl_range "$SCRATCH/log2.view")"
	fi
}

# check_map ARGS JSON: one bar per step with a count (the log's revisions
# left or, with a tree, the candidates), plus the start of the range
check_map()
{
	script map "m" ":dump-view $SCRATCH/map.view" ":dump-screen $SCRATCH/map.screen"
	# shellcheck disable=SC2086
	bv_ok $1 --script "$SCRATCH/map.keys" --size 80x24
	head -n 1 "$SCRATCH/map.view" | grep -q "^view	map	" || fail "$1: m did not open the map"
	_want=$(jq '[.steps[] | select(.revisions_left != null or (.tree.candidates // null) != null)] | length' "$2")
	_got=$(awk -F '\t' '$2 == "bar" && $3 >= 0' "$SCRATCH/map.view" | wc -l)
	assert_eq "$1: bars of steps with a count" "$_want" "$((_got + 0))"
	grep -q '^\[map\] [0-9]* -> [0-9]* ' "$SCRATCH/map.screen" || fail "$1: no map title"
	# every bisect step with a count is placed in the initial range
	_unplaced=$(awk -F '\t' '$2 == "bar" && $3 >= 0 && $9 < 0' "$SCRATCH/map.view" | wc -l)
	[ "$_unplaced" -eq 0 ] || fail "$1: $_unplaced bars with no place in the range"
}

### the seeds, with no tree
for log in "$DATA"/cause-*.log "$DATA"/mail-*.log; do
	name=$(basename "$log")
	args="--no-tree $log"
	# shellcheck disable=SC2086
	bv_ok --json $args
	cp "$SCRATCH/out" "$SCRATCH/seed.json"
	n_steps=$(jq '.steps | length' "$SCRATCH/seed.json")

	# crash view: frames, and Enter on one says there is no tree
	script crash "C" ":dump-view $SCRATCH/crash.view" "<Enter>" ":dump-screen $SCRATCH/crash.screen" \
		":dump-view $SCRATCH/crash2.view"
	# shellcheck disable=SC2086
	bv_ok $args --script "$SCRATCH/crash.keys" --size 80x24
	head -n 1 "$SCRATCH/crash.view" | grep -q "^view	crash	" || fail "$name: C did not open the crash view"
	if [ "$(jq -r '.result.crash_title // ""' "$SCRATCH/seed.json")" != "" ]; then
		[ "$(view_rows "$SCRATCH/crash.view" frame)" -gt 0 ] || fail "$name: no stack frame picked out"
		grep -q '^>[0-9]*	frame	' "$SCRATCH/crash.view" || fail "$name: the cursor is not on a frame"
		tail -n 1 "$SCRATCH/crash.screen" | grep -q "cannot be shown" ||
			fail "$name: Enter on a frame with no tree: $(tail -n 1 "$SCRATCH/crash.screen")"
		head -n 1 "$SCRATCH/crash2.view" | grep -q "^view	crash	" || fail "$name: no tree, yet the view changed"
		grep -q "^\[crash\] $(jq -r '.result.crash_title' "$SCRATCH/seed.json" | cut -c1-20)" \
			"$SCRATCH/crash.screen" || fail "$name: the crash view's title is not the crash title"
	fi

	# the log view on the first step with lines, one in the middle, the last
	for n in 0 $((n_steps / 2)) $((n_steps - 1)); do
		[ "$n" -ge 0 ] && [ "$(jq ".steps[$n].lines[0] // 0" "$SCRATCH/seed.json")" -gt 0 ] || continue
		check_log_step "$args" "$n" "$SCRATCH/seed.json"
	done
	check_map "$args" "$SCRATCH/seed.json"
done

# the culprit's files come from the git show block's diffstat without a tree
script touched "C" ":dump-view $SCRATCH/touched.view"
bv_ok --no-tree "$DATA/cause-deadlock-retract_page_tables.log" --script "$SCRATCH/touched.keys"
grep -q '	frame	arch/x86/mm/fault.c	[0-9]*	touched	' "$SCRATCH/touched.view" ||
	fail "the culprit's arch/x86/mm/fault.c frames are not marked touched"
if grep '	frame	' "$SCRATCH/touched.view" | grep '	touched	' | grep -qv 'arch/x86/mm/fault.c'; then
	fail "a frame of a file the culprit does not touch is marked touched"
fi

# a bare crash report: the whole file is the report
script bare "C" ":dump-view $SCRATCH/bare.view"
bv_ok "$DATA/crash-report-only-fs_reclaim.txt" --script "$SCRATCH/bare.keys"
[ "$(view_rows "$SCRATCH/bare.view" frame)" -gt 10 ] || fail "a bare crash report shows no frames"

### the demo, with its tree
XDG_CACHE_HOME=$SCRATCH/xdg-cache
export XDG_CACHE_HOME
bv_ok --demo --json
cp "$SCRATCH/out" "$SCRATCH/demo.json"
script dcrash "C" ":dump-view $SCRATCH/dcrash.view" "<Enter>" ":dump-view $SCRATCH/dsource.view"
bv_ok --demo --script "$SCRATCH/dcrash.keys" --size 80x24
[ "$(view_rows "$SCRATCH/dcrash.view" frame)" -gt 0 ] || fail "demo: no stack frame picked out"
grep -q '	frame	[^	]*	[0-9]*	touched	' "$SCRATCH/dcrash.view" ||
	fail "demo: no frame in a file the culprit touches"
head -n 1 "$SCRATCH/dsource.view" | grep -q "^view	source	" ||
	fail "demo: Enter on a frame did not open the source view: $(head -n 1 "$SCRATCH/dsource.view")"
# e on the frame: the same file, handed to the editor once it is loaded
# (script mode says what it would run: the editor at the frame's line)
script dedit "C" "e" ":dump-screen $SCRATCH/dedit.screen" ":dump-view $SCRATCH/dedit.view"
frame=$(awk -F '\t' '$2 == "frame" && $5 == "touched" { print $3 "\t" $4; exit }' "$SCRATCH/dcrash.view")
EDITOR=myeditor bv_ok --demo --script "$SCRATCH/dedit.keys" --size 200x24
head -n 1 "$SCRATCH/dedit.view" | grep -q "^view	source	" || fail "demo: e on a frame opened no source view"
tail -n 1 "$SCRATCH/dedit.screen" | grep -q "^would run: myeditor +${frame#*	} .*-$(basename "${frame%%	*}")" ||
	fail "demo: e on the frame ${frame%%	*}:${frame#*	} did not hand it to the editor: $(tail -n 1 "$SCRATCH/dedit.screen")"
for n in 5 11; do
	check_log_step "--demo" "$n" "$SCRATCH/demo.json"
done
check_map "--demo" "$SCRATCH/demo.json"
# the map shows the tree's candidates: the range's size first
assert_eq "demo: the map's start" "$(jq '.tree.range.size' "$SCRATCH/demo.json")" \
	"$(awk -F '\t' '$2 == "bar" && $3 == -1 { print $6 }' "$SCRATCH/map.view")"

# evidence: the first signal of the step with lines, else the step's lines
step=$(jq '[.signals[] | select(.step >= 0 and .lines[0] > 0)][0].step' "$SCRATCH/demo.json")
want=$(jq -r "[.signals[] | select(.step == $step and .lines[0] > 0)][0].lines | \"\\(.[0]) \\(.[1])\"" \
	"$SCRATCH/demo.json")
script evidence ":$step" "E" ":dump-view $SCRATCH/evidence.view"
bv_ok --demo --script "$SCRATCH/evidence.keys"
assert_eq "demo: evidence of step $step" "$want" "$(hl_range "$SCRATCH/evidence.view")"
unset XDG_CACHE_HOME

### a hostile log: what the terminal must never get raw
ESC=$(printf '\033')
C1CSI=$(printf '\302\233')     # U+009B
RLO=$(printf '\342\200\256')   # U+202E
EVIL="${ESC}[2J${ESC}]52;c;cm0gLXJmIH4K$(printf '\007') ${C1CSI}31m red ${RLO}cod.exe"
seed=$DATA/cause-deadlock-retract_page_tables.log
# line 39 is a run of step 3; line 168 a frame of the crash report; a line
# of NUL and invalid UTF-8 goes into the report after it
awk -v evil="$EVIL" 'NR == 39 || NR == 168 { print $0 " " evil; next } { print }' "$seed" \
	>"$SCRATCH/evil.log"
{
	head -n 168 "$SCRATCH/evil.log"
	printf 'bad bytes: \000 \377\376 %s\n' "$EVIL"   # (awk cannot write a NUL)
	tail -n +169 "$SCRATCH/evil.log"
} >"$SCRATCH/hostile.log"
grep -q "$RLO" "$SCRATCH/hostile.log" || fail "the hostile log was not written"
bv_ok --no-tree --json "$SCRATCH/hostile.log"
cp "$SCRATCH/out" "$SCRATCH/hostile.json"
jq_assert "$SCRATCH/hostile.json" '.steps[3].lines[0] <= 39 and .steps[3].lines[1] >= 39' \
	"line 39 of the hostile log is not in step 3"
script hostile ":3" "l" ":dump-screen $SCRATCH/h1.screen" ":168" ":dump-screen $SCRATCH/h2.screen" \
	"<Tab>" "C" ":dump-screen $SCRATCH/h3.screen" ":dump-view $SCRATCH/h3.view"
bv_ok --no-tree --script "$SCRATCH/hostile.keys" --size 120x40 "$SCRATCH/hostile.log"
grep -q "red" "$SCRATCH/h1.screen" || fail "the log view does not show line 39"
grep -q "red" "$SCRATCH/h2.screen" || fail "the log view does not show line 168"
grep -q "red" "$SCRATCH/h3.screen" || fail "the crash view does not show the hostile frame"
grep -q "bad bytes" "$SCRATCH/h3.screen" || fail "the crash view does not show the line of bad bytes"
for f in h1.screen h2.screen h3.screen h3.view; do
	for bytes in "$ESC" "$C1CSI" "$RLO" "]52;"; do
		! LC_ALL=C grep -q -F "$bytes" "$SCRATCH/$f" ||
			fail "$f has a raw $(printf '%s' "$bytes" | od -An -c | tr -s ' ')"
	done
	[ "$(tr -d '\000' <"$SCRATCH/$f" | wc -c)" -eq "$(wc -c <"$SCRATCH/$f")" ] ||
		fail "$f has a NUL byte"
done
# the hostile frame is still a frame, its file and line read right
grep -q '	frame	mm/khugepaged.c	1826	' "$SCRATCH/h3.view" ||
	fail "the frame with escapes after it is no longer a frame"

# a step view opened from a full-screen view (the map) splits below the
# steps list, and the list is on the step the view shows, not on step 0
script from_map "m" "i" ":dump-screen"
bv_ok --no-tree --script "$SCRATCH/from_map.keys" --size 80x24 "$seed"
sel=$(sed -n 's/^\[steps\] .* - step \([0-9]*\) of .*/\1/p' "$SCRATCH/out")
det=$(sed -n 's/^\[detail\] step \([0-9]*\):.*/\1/p' "$SCRATCH/out")
[ -n "$det" ] || fail "no detail view after m, i: $(cat "$SCRATCH/out")"
assert_eq "the steps list after m, i (the detail shows step $det)" "$det" "$sel"

# small and large screens, and a non-UTF-8 locale: no crash, the title there
for size in 40x10 200x50; do
	script sizes "C" ":dump-screen $SCRATCH/s1" "q" "m" ":dump-screen $SCRATCH/s2" "q" "l" \
		":dump-screen $SCRATCH/s3"
	(LANG=C LC_ALL=C; export LANG LC_ALL; bv_ok --no-tree --script "$SCRATCH/sizes.keys" --size "$size" "$seed") || exit 1
	grep -q '^\[crash\]' "$SCRATCH/s1" || fail "$size: no crash view title"
	grep -q '^\[map\]' "$SCRATCH/s2" || fail "$size: no map title"
	grep -q '\[log\] lines' "$SCRATCH/s3" || fail "$size: no log view title"
	! LC_ALL=C grep -q "$(printf '[\200-\377]')" "$SCRATCH/s2" || fail "LANG=C: the map has non-ASCII"
done
note "ok"
