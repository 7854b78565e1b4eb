#!/bin/sh
# Hostile terminals (the hardening matrix):
#  - script mode at every size from 1x1 to 20x5, and 39x10, 40x9 (one short
#    of the minimum each way), every view opened, moved in, searched and
#    closed: exit 0, nothing on stderr, and every screen dump is exactly
#    the note "Terminal too small", "CxR here,", "40x10 needed" a line
#    each (as many as R allows), each cut to C columns (a dump drops
#    trailing blanks), over R rows; at 40x10 every view draws within 40x10;
#  - in tmux (skipped without it): TERM=dumb (it cannot move the cursor),
#    an unknown TERM and none are refused with exit 2 and one line naming
#    the terminal type and why, the shell's output from before still on
#    the screen; TERM=vt100 (no colours, no alternate screen) runs, takes
#    keys and quits with 0. A 10x3 window, resizes
#    and a resize storm: tests/ui/tmux.sh.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
DEADLOCK=$DATA/cause-deadlock-retract_page_tables.log
explorer_env

# every view, with a dump after each (the dumps go to stdout one after
# the other): steps, detail, diff (no tree: the log's own), crash and a
# frame's source (no tree: a note), raw log, map, signals and evidence,
# help; moving, paging and a search in between
K=$SCRATCH/keys
printf '%s\n' ':dump-screen' j k G g '<PgDown>' ':dump-screen' i ':dump-screen' q \
	':view-diff' ':dump-screen' '}' ']' q C ':dump-screen' j '<Enter>' ':dump-screen' s \
	l ':dump-screen' q m ':dump-screen' q S ':dump-screen' '<Enter>' E ':dump-screen' s \
	h ':dump-screen' q '/kvm<Enter>' n N '<Tab>' H ':dump-screen' >"$K"
NDUMPS=$(grep -c '^:dump-screen' "$K")

# small C R: every dump is the cut note over R rows
small()
{
	bv_ok --no-tree --script "$K" --size "$1x$2" "$KVM"
	printf 'Terminal too small\n%dx%d here,\n40x10 needed\n' "$1" "$2" | head -n "$2" |
		cut -c "1-$1" | sed 's/ *$//' >"$SCRATCH/note"
	: >"$SCRATCH/want"
	_i=0
	while [ "$_i" -lt "$NDUMPS" ]; do
		cat "$SCRATCH/note" >>"$SCRATCH/want"
		_r=$(wc -l <"$SCRATCH/note")
		while [ "$_r" -lt "$2" ]; do echo >>"$SCRATCH/want"; _r=$((_r + 1)); done
		_i=$((_i + 1))
	done
	cmp -s "$SCRATCH/want" "$SCRATCH/out" ||
		fail "${1}x$2: the screens are not the cut 'too small' note: $(diff "$SCRATCH/want" "$SCRATCH/out" | head -10)"
}

c=1
while [ "$c" -le 20 ]; do
	r=1
	while [ "$r" -le 5 ]; do
		small "$c" "$r"
		r=$((r + 1))
	done
	c=$((c + 1))
done
small 39 10
small 40 9

# 40x10: every view draws, within the screen
for log in "$KVM" "$DEADLOCK"; do
	bv_ok --no-tree --script "$K" --size 40x10 "$log"
	assert_eq "40x10 $log: lines" $((NDUMPS * 10)) "$(lines_in "$SCRATCH/out")"
	[ "$(wc -L <"$SCRATCH/out")" -le 40 ] ||
		fail "40x10 $log: a line wider than 40 columns: $(awk 'length > 40' "$SCRATCH/out" | head -3)"
	grep -q 'too small' "$SCRATCH/out" && fail "40x10 $log: says too small"
	grep -q '^\[help\]' "$SCRATCH/out" || fail "40x10 $log: the help view was not shown"
done

### real terminals, in tmux
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
quiet_sanitizers
SOCK=bisview-hostile-$$
. "$top_srcdir/tests/lib/tmux.sh"

# in_term TERMVALUE: bisview in a new 80x24 session with TERM set so (the
# empty word: TERM unset), after a marker, its stderr kept; the shell
# prints the exit status and a prompt-like line afterwards
in_term()
{
	cat >"$SCRATCH/run.sh" <<EOF
printf 'BEFORE-MARKER\n'
if [ -n "$1" ]; then TERM='$1'; export TERM; else unset TERM; fi
"$BISVIEW" --no-tree "$KVM" 2>"$SCRATCH/term.err"
echo "EXIT=\$?"
echo "PROMPT-BACK"
sleep 60
EOF
	tm new-session -d -s t -x 80 -y 24 "sh $SCRATCH/run.sh"
}

# back WHAT: the explorer has left: the marker from before it is on the
# screen again (the alternate screen was left) and the shell went on
back()
{
	wait_for "PROMPT-BACK"
	grep -q "BEFORE-MARKER" "$SCRATCH/pane" || fail "$1: the screen before bisview was not restored:
$(cat "$SCRATCH/pane")"
	if grep -qF "[steps]" "$SCRATCH/pane"; then
		fail "$1: the explorer stayed on the screen: $(cat "$SCRATCH/pane")"
	fi
	tm kill-session -t t
}

# TERM=dumb (no cursor addressing: every row would be drawn over the
# last), an unknown TERM, and none: refused with exit 2 and one line
# naming the terminal type and the reason
for t in dumb no-such-terminal ""; do
	in_term "$t"
	wait_for "EXIT="
	grep -q "EXIT=2" "$SCRATCH/pane" || fail "TERM='$t': want exit 2: $(grep EXIT= "$SCRATCH/pane")"
	[ "$(lines_in "$SCRATCH/term.err")" -eq 1 ] ||
		fail "TERM='$t': want one line on stderr, got: $(cat "$SCRATCH/term.err")"
	case $t in
	dumb) want="bisview: dumb: the terminal cannot move the cursor" ;;
	*) want="bisview: ${t:-TERM}: unknown terminal type" ;;
	esac
	grep -q "^$want" "$SCRATCH/term.err" ||
		fail "TERM='$t': want '$want...', got: $(cat "$SCRATCH/term.err")"
	back "TERM='$t'"
done

# a terminal that can address the cursor but has no colours and no
# alternate screen (vt100): runs, keys work, Q quits with 0 and the shell
# goes on below (the explorer's last screen stays, as with less)
in_term vt100
wait_for "[steps]"
tm send-keys -t t j i
wait_for "[detail]"
tm send-keys -t t Q
wait_for "EXIT="
grep -q "EXIT=0" "$SCRATCH/pane" || fail "TERM=vt100: exit status: $(grep EXIT= "$SCRATCH/pane")"
[ ! -s "$SCRATCH/term.err" ] || fail "TERM=vt100: wrote to stderr: $(cat "$SCRATCH/term.err")"
wait_for "PROMPT-BACK"
tm kill-session -t t

note "ok"
