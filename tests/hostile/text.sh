#!/bin/sh
# Untrusted text never reaches the terminal raw (doc/design.md §7): a syzbot log
# whose crash titles, subjects, author and culprit title carry terminal
# escapes (CSI, OSC 52 clipboard, OSC 8 link, C1 CSI), bidi overrides,
# backspaces, BEL and CR overprinting. --summary, --json and --scan must
# print none of those bytes, --json must stay valid JSON, and the log must
# still parse to its culprit. Also for hostile file names.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

ESC=$(printf '\033')
BEL=$(printf '\007')
BS=$(printf '\010')
CR=$(printf '\r')
DEL=$(printf '\177')
C1CSI=$(printf '\302\233')     # U+009B in UTF-8
RLO=$(printf '\342\200\256')   # U+202E RIGHT-TO-LEFT OVERRIDE
# more of the same family: U+2067 RLI, U+202A LRE, U+200F RLM, U+0085 NEL
BIDI=$(printf '\342\201\247x\342\200\252y\342\200\217z\302\205')

# one of each, with readable text between them
CLEAR="${ESC}[2J${ESC}[H"
OSC52="${ESC}]52;c;cm0gLXJmIH4K${BEL}"
OSC8="${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\"
EVIL="${CLEAR}${OSC52}${OSC8} ${C1CSI}31m red ${RLO}cod.exe sure${BS}${BS}${BS}${BS}fine${CR}overprinted ${BIDI} rub${DEL}out"

START=5a1e0cbf2b8d41c7e6f3a9d08b7c2e4f1a6d3b90
RELEASE=0b3f7a2c9d81e6f4a5c2b7d09e3f1a8c6b4d2e71
STEP1=7c2d9e4f1a3b5c8d0e6f2a4b9c1d3e5f7a8b0c2d
STEP2=3e8f1a6b2c9d4e0f5a7b3c1d8e2f6a9b4c0d5e1f
CULPRIT=9d4c2b1a0f8e7d6c5b4a39281706f5e4d3c2b1a0
SIG1=90195ca6b16c56e8093ea1f493d8d2762199e52bfdda97d0a33bca3d81e11746
SIG2=ab0499845c45ebc5999dc24b23472c6420c626d04fde28cfbdbe64f48bf8722b
CC="compiler: gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2"

write_log()
{
	printf '%s\n' \
		"ci starts bisection 2023-03-01 22:20:02.119937709 +0000 UTC m=+43528.491190555" \
		"bisecting cause commit starting from $START" \
		"building syzkaller on f8902b5747fbe3d5b860bd782eec63fc9c7da6e7" \
		"ensuring issue is reproducible on original commit $START" \
		"" \
		"testing commit $START gcc" "$CC" "kernel signature: $SIG1" \
		"all runs: crashed: possible deadlock in $EVIL" \
		"testing release v6.2" \
		"testing commit $RELEASE gcc" "$CC" "kernel signature: $SIG2" \
		"all runs: OK" \
		"# git bisect start $START $RELEASE" \
		"Bisecting: 3 revisions left to test after this (roughly 2 steps)" \
		"[$STEP1] mm: subject $EVIL" \
		"" \
		"testing commit $STEP1 gcc" "$CC" "kernel signature: $SIG1" \
		"run #0: crashed: KASAN: use-after-free in $EVIL" \
		"run #1: boot failed: $EVIL" \
		"run #2: OK" "run #3: OK" "run #4: OK" "run #5: OK" "run #6: OK" \
		"run #7: OK" "run #8: OK" "run #9: OK" \
		"# git bisect bad $STEP1" \
		"Bisecting: 1 revision left to test after this (roughly 1 step)" \
		"[$STEP2] net: $EVIL" \
		"" \
		"testing commit $STEP2 gcc" "$CC" "kernel signature: $SIG2" \
		"all runs: OK" \
		"# git bisect good $STEP2" \
		"Bisecting: 0 revisions left to test after this (roughly 0 steps)" \
		"[$CULPRIT] x86: $EVIL" \
		"" \
		"testing commit $CULPRIT gcc" "$CC" "kernel signature: $SIG1" \
		"all runs: crashed: possible deadlock in $EVIL" \
		"# git bisect bad $CULPRIT" \
		"$CULPRIT is the first bad commit" \
		"commit $CULPRIT" \
		"Author: Mallory $EVIL <mallory@example.com>" \
		"Date:   Mon Feb 27 09:36:28 2023 -0800" \
		"" \
		"    x86: $EVIL" \
		"    " \
		"    Body text $EVIL" \
		"" \
		" arch/x86/mm/fault.c | 1 +" \
		" 1 file changed, 1 insertion(+)" \
		"" \
		"culprit signature: $SIG1" \
		"parent  signature: $SIG2" \
		"revisions tested: 5, total time: 1h2m3.5s (build: 40m0s, test: 22m3.5s)" \
		"first bad commit: $CULPRIT x86: $EVIL" \
		"recipients (to): [\"mallory@example.com\"]" \
		"recipients (cc): []" \
		"crash: possible deadlock in $EVIL" \
		"WARNING: possible circular locking dependency detected $EVIL" \
		" evil_function+0x1/0x2 mm/evil.c:1 $EVIL"
}

mkdir "$SCRATCH/logs"
LOG=$SCRATCH/logs/hostile.log
write_log >"$LOG"
# the same log under a file name that is itself hostile
NAMED="$SCRATCH/logs/${ESC}[2J${ESC}]52;c;aGk=${BEL}${RLO}${C1CSI}1m${BS}${CR}x.log"
cp "$LOG" "$NAMED"

# sanity: the log really carries every hostile byte
for b in "$ESC" "$BEL" "$BS" "$CR" "$C1CSI" "$RLO"; do
	LC_ALL=C grep -q "$b" "$LOG" || fail "the test log lost a hostile byte (test is broken)"
done

checked=0
# clean WHAT FILE: none of the hostile bytes in FILE
clean()
{
	for b in "$ESC:ESC (0x1b)" "$C1CSI:C1 CSI (c2 9b)" "$RLO:U+202E (e2 80 ae)" \
		"$BS:backspace (0x08)" "$CR:CR (0x0d)" "$BEL:BEL (0x07)"; do
		if LC_ALL=C grep -q "${b%%:*}" "$2"; then
			fail "$1 prints a raw ${b#*:}:
$(LC_ALL=C grep -n "${b%%:*}" "$2" | head -3 | od -c | head -12)"
		fi
	done
	# any C1 control (U+0080-009F), any bidi control
	no_c1_bidi "$1" "$2"
	# nor any other C0 control but TAB and LF, nor DEL
	no_controls "$1" "$2"
	checked=$((checked + 1))
}

locales="C"
if has_locale 'c\.utf-\?8'; then
	locales="C.UTF-8 C"
fi
for loc in $locales; do
	for term in xterm-256color dumb; do
		export LC_ALL="$loc" TERM="$term"
		for f in "$LOG" "$NAMED"; do
			bv_ok --summary "$f"
			clean "--summary ($loc, TERM=$term)" "$SCRATCH/out"
			grep -q "${CULPRIT%"${CULPRIT#????????????}"}" "$SCRATCH/out" ||
				fail "--summary ($loc) lost the culprit's hash"

			bv_ok --json "$f"
			clean "--json ($loc)" "$SCRATCH/out"
			jq . "$SCRATCH/out" >/dev/null 2>&1 || fail "--json ($loc) is not valid JSON"
			jq_assert "$SCRATCH/out" \
				".result.type == \"culprit\" and .result.commit == \"$CULPRIT\"" \
				"--json ($loc): the hostile log no longer parses to its culprit"
			jq_assert "$SCRATCH/out" '.unknown_lines == 0 and (.steps | length) == 5' \
				"--json ($loc): the hostile log parses to other steps"
			jq_assert "$SCRATCH/out" \
				'.result.title | test("^x86: ") and test("overprinted")' \
				"--json ($loc): the culprit title lost its readable text"
		done

		bv_ok --scan "$SCRATCH/logs"
		clean "--scan ($loc, TERM=$term)" "$SCRATCH/out"
		bv_ok --scan --json "$SCRATCH/logs"
		clean "--scan --json ($loc)" "$SCRATCH/out"
		jq_assert "$SCRATCH/out" '.result.commit' "--scan --json ($loc) is not JSON lines"
		[ "$(wc -l <"$SCRATCH/out")" -eq 2 ] || fail "--scan --json ($loc): expected 2 lines"

		# the error message names a hostile file without driving the terminal
		bv --json "$SCRATCH/${ESC}[2J${ESC}]52;c;aGk=${BEL}${RLO}missing${CR}.log"
		[ "$rc" -eq 2 ] || fail "a missing hostile file name: exit $rc, expected 2"
		clean "the error message for a hostile file name ($loc)" "$SCRATCH/err"
		grep -q 'missing' "$SCRATCH/err" || fail "the error message lost the file name"
	done
done
unset LC_ALL

json_contract "the hostile log" "$LOG"

note "$checked outputs (${locales}) free of escapes, controls and bidi overrides"
