#!/bin/sh
# The hostile-input matrix for logs (the hardening issue): every mode
# (--summary, --json, --scan, the explorer in script mode through every
# view) on
#   - every kind of terminal-hostile bytes in every field: CSI, OSC 8,
#     OSC 52, DCS (7- and 8-bit), C1 controls, bidi overrides, backspace
#     and CR overprinting, NUL, invalid UTF-8 (stray, overlong, surrogate);
#   - the same in commit messages and author names read from a tree;
#   - a 10 MB single line, a log of 100,000 steps, a 200 MB log;
#   - logs that end mid-line and mid-step (the seed cut at 60 places);
#   - /dev/zero, refused at the 255 MiB cap.
# Each: no crash (exit 0, 1 or 2, never a signal or a sanitizer report), no
# hang (lib.sh's timeout), no unsafe byte in the output, one line on
# stderr when refused, and memory bounded: outside sanitizer builds every
# run has `ulimit -v` (address space) of 1.5 GB, 2 GB for the 200 MB log.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd iconv

XDG_CONFIG_HOME=$SCRATCH/config
export XDG_CONFIG_HOME
SEED=$DATA/cause-deadlock-retract_page_tables.log
is_sanitized || true   # (worked out once, here)
checked=0

# try LIMIT_KB ARG...: one run under an address-space limit (bv_bounded):
# exit 0, 1 or 2, never a signal or a sanitizer's status
try()
{
	_limit=$1
	shift
	bv_bounded "$_limit" "$@"
	[ "$rc" -le 2 ] || fail "bisview $* exited $rc (limit ${_limit} KB): $(head -c 400 "$SCRATCH/err")"
	checked=$((checked + 1))
}

# safe WHAT FILE [ascii]: no ESC, C0 (but TAB, LF), DEL, C1, bidi; valid
# UTF-8; with ascii, nothing but ASCII
safe()
{
	no_controls "$1" "$2"
	no_c1_bidi "$1" "$2"
	iconv -f UTF-8 -t UTF-8 <"$2" >/dev/null 2>&1 || fail "$1: output is not valid UTF-8"
	if [ "${3:-}" = ascii ] && LC_ALL=C grep -q "$(printf '[\200-\377]')" "$2"; then
		fail "$1: non-ASCII output in the C locale"
	fi
}

# all_modes_safe NAME LOG LIMIT_KB [TREE-ARGS]: every mode, its output safe
all_modes_safe()
{
	_name=$1 _log=$2 _limit=$3
	shift 3
	for loc in C.UTF-8 C; do
		_ascii=
		[ "$loc" = C ] && _ascii=ascii
		for mode in --summary --json --scan; do
			LC_ALL=$loc try "$_limit" "$@" $mode "$_log"
			if [ "$rc" -eq 2 ]; then
				[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] ||
					fail "$_name $mode: refused without exactly one line: $(head -c 300 "$SCRATCH/err")"
			fi
			[ "$mode" = --json ] && _a= || _a=$_ascii
			safe "$_name $mode ($loc)" "$SCRATCH/out" $_a
			safe "$_name $mode ($loc) stderr" "$SCRATCH/err" $_ascii
		done
		LC_ALL=$loc try "$_limit" "$@" --script "$SCRATCH/views.keys" --size 100x30 "$_log"
		safe "$_name explorer ($loc)" "$SCRATCH/out" $_ascii
	done
}

# a tour of every view, each dumped
script views ':dump-screen' 'g' 'j' '<Enter>' ':dump-screen' 'q' 'G' ':view-detail' \
	':dump-screen' 'q' 'C' ':dump-screen' '<Enter>' ':dump-screen' 'q' 'q' 'l' 'G' \
	':dump-screen' 'q' 'm' ':dump-screen' 'q' 'S' ':dump-screen' '<Enter>' ':dump-screen' \
	'q' 'q' '/x<Enter>' ':dump-view' 'h' ':dump-screen'

### 1. hostile bytes in every field of a log
ESC=$(printf '\033')
BAD="${ESC}[2J${ESC}]8;;https://evil.example/${ESC}\\link${ESC}]8;;${ESC}\\"
BAD="$BAD ${ESC}]52;c;cm0gLXJmIH4K$(printf '\007') ${ESC}P1\$r0m${ESC}\\ $(printf '\302\220')1\$r$(printf '\302\234')"
BAD="$BAD $(printf '\302\233')31m $(printf '\342\200\256')cod.exe $(printf 'rub\010\010\010ok over\rprint')"
BAD="$BAD $(printf '\377\376 \300\257 \355\240\200 \303') end"
# and shell metacharacters: nothing may ever run them
BAD="$BAD \$(touch PWNED1);touch PWNED2|touch PWNED3&\`touch PWNED4\`'\"<>*?"
awk -v bad="$BAD" '/^(run #|all runs: crashed|\[|first bad commit|crash:|    |Author:| [a-z_]+\+0x)/ {
	print $0 " " bad; next } { print }' "$SEED" >"$SCRATCH/bytes.log"
printf 'run #9: crashed: nul \000 here %s\n' "$BAD" >>"$SCRATCH/bytes.log"
[ "$(grep -c "cod.exe" "$SCRATCH/bytes.log")" -gt 20 ] && grep -qF '$(touch PWNED1)' "$SCRATCH/bytes.log" ||
	fail "the hostile log was not written"
all_modes_safe "hostile bytes" "$SCRATCH/bytes.log" 1500000 --no-tree
script edit 'C' 'e' ':dump-screen' 'l' 'e' ':dump-screen'
EDITOR=vi try 1500000 --no-tree --script "$SCRATCH/edit.keys" "$SCRATCH/bytes.log"

### 2. ... and in commit messages and author names from a tree
need_cmd git
git_env "$SCRATCH/home"
mkdir -p "$SCRATCH/repo"
git -C "$SCRATCH/repo" init -q
for i in 1 2 3 4 5 6 7 8; do
	echo "line $i" >>"$SCRATCH/repo/file.c"
	git -C "$SCRATCH/repo" add file.c
	GIT_AUTHOR_NAME="Mallory $BAD" GIT_AUTHOR_EMAIL=m@example.com \
		GIT_COMMITTER_NAME=c GIT_COMMITTER_EMAIL=c@example.com \
		git -C "$SCRATCH/repo" commit -q --cleanup=verbatim -m "commit $i $BAD" -m "body $BAD" 2>/dev/null
done
good=$(git -C "$SCRATCH/repo" rev-parse HEAD~7)
bad=$(git -C "$SCRATCH/repo" rev-parse HEAD)
(cd "$SCRATCH/repo" && git bisect start "$bad" "$good" >/dev/null &&
	git bisect run sh -c 'grep -q "line 5" file.c && exit 1 || exit 0' >/dev/null 2>&1 &&
	git bisect log >"$SCRATCH/tree.log" && git bisect reset >/dev/null 2>&1) ||
	fail "git bisect run failed"
grep -q "first bad commit" "$SCRATCH/tree.log" || fail "git bisect log has no result"
all_modes_safe "hostile commits" "$SCRATCH/tree.log" 1500000 -C "$SCRATCH/repo"
grep -q 'Mallory' "$SCRATCH/out" || fail "the explorer did not show the hostile author"

### 3. a 10 MB single line, in a run title
awk 'NR == 22 { printf "run #0: crashed: "; for (i = 0; i < 163840; i++)
	printf "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"; print ""; next }
	{ print }' "$SEED" >"$SCRATCH/long.log"
[ "$(wc -c <"$SCRATCH/long.log")" -gt 10000000 ] || fail "the long line was not written"
all_modes_safe "10 MB line" "$SCRATCH/long.log" 1500000 --no-tree

### 4. 100,000 steps
awk 'BEGIN {
	print "bisecting cause commit starting from 1bc14ebd26a2bfe1d8deb82df23a5ecad4bc1e8f"
	for (i = 0; i < 100000; i++) {
		h = sprintf("%08x%032x", i, i)
		printf "testing commit %s gcc\nrun #0: crashed: WARNING in f%d\nrun #1: OK\n", h, i % 7
		printf "# git bisect %s %s\n", (i % 2 ? "bad" : "good"), h
		printf "Bisecting: %d revisions left to test after this (roughly 17 steps)\n", 100000 - i
	}
}' >"$SCRATCH/steps.log"
all_modes_safe "100,000 steps" "$SCRATCH/steps.log" 1500000 --no-tree
LC_ALL=C.UTF-8 try 1500000 --no-tree --json "$SCRATCH/steps.log"
[ "$(grep -c '"commit": "0001869f' "$SCRATCH/out")" -eq 1 ] || fail "100,000 steps: the last step is not in --json"
rm -f "$SCRATCH/steps.log" "$SCRATCH/long.log"

### 5. cut anywhere: mid-line, mid-step, mid-result
size=$(wc -c <"$SEED")
i=1
while [ "$i" -le 60 ]; do
	head -c $((size * i / 61)) "$SEED" >"$SCRATCH/cut.log"
	for mode in --summary --json --scan; do
		try 1500000 --no-tree $mode "$SCRATCH/cut.log"
		safe "cut at $((size * i / 61)) $mode" "$SCRATCH/out"
	done
	i=$((i + 1))
done
try 1500000 --no-tree --script "$SCRATCH/views.keys" --size 80x24 "$SCRATCH/cut.log"

### 6. /dev/zero: refused at the cap, memory bounded
try 1500000 --summary /dev/zero
[ "$rc" -eq 2 ] && grep -q '^bisview: /dev/zero: too large' "$SCRATCH/err" ||
	fail "/dev/zero: $rc $(cat "$SCRATCH/err")"

### 6b. a program: bisview itself holds the demo's crash text, which the
# shapes would take for a crash report; a binary is refused like /bin/ls,
# while a log with a stray NUL is still read
for bin in "$BISVIEW" /bin/ls; do
	try 1500000 --summary "$bin"
	[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] &&
		grep -q "^bisview: $bin: binary data, not a bisection log$" "$SCRATCH/err" ||
		fail "$bin: not refused as binary: $rc $(cat "$SCRATCH/err")"
done
{ head -n 3 "$SEED"; printf 'stray\000nul\n'; tail -n +4 "$SEED"; } >"$SCRATCH/nul.log"
try 1500000 --json --no-tree "$SCRATCH/nul.log"
[ "$rc" -eq 0 ] || fail "a log with one stray NUL was refused: $(cat "$SCRATCH/err")"

### 7. a 200 MB log (outside sanitizer builds: ASan makes it minutes)
if is_sanitized; then
	note "sanitizer build: the 200 MB log runs in the plain build"
else
	n=$((200 * 1024 * 1024 / size + 1))
	awk -v n="$n" '{ line[NR] = $0 } END { for (k = 0; k < n; k++) for (j = 1; j <= NR; j++) print line[j] }' \
		"$SEED" >"$SCRATCH/big.log"
	for mode in --summary --json --scan; do
		try 2000000 --no-tree $mode "$SCRATCH/big.log"
		[ "$rc" -eq 0 ] || fail "200 MB log $mode: exit $rc: $(head -c 300 "$SCRATCH/err")"
	done
	try 2000000 --no-tree --script "$SCRATCH/views.keys" --size 80x24 "$SCRATCH/big.log"
	rm -f "$SCRATCH/big.log"
fi
for f in PWNED1 PWNED2 PWNED3 PWNED4; do
	[ ! -e "$SCRATCH/$f" ] && [ ! -e "$top_builddir/$f" ] || fail "a shell ran a log's text ($f exists)"
done
note "$checked runs: no crash, no unsafe byte, memory within its bound"
