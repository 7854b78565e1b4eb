#!/bin/sh
# The split's layout (src/ui/ui_draw.c), on the demo:
#   - beside (200 columns), the header's lines about the log (title,
#     result, trust) span the screen above both panes, whatever the
#     split's size; the list gets the width its columns and a commit
#     subject need (split-size auto), the second pane the rest (at least
#     72 columns); a percentage set wins, and auto comes back;
#   - below (120 and 80 columns), as before: the header over the list;
#     beside forced on 80 columns, the list keeps a third;
#   - in a real terminal (tmux), a click still hits the pane under it:
#     a list row selects its step, the second pane takes the focus, the
#     header beside the list is no pane's.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

explorer_env
XDG_CACHE_HOME=$SCRATCH/cache
LANGUAGE=C
export XDG_CACHE_HOME LANGUAGE

TRUST='Trust: plausible 0.41 - 3 signals (3 strong), blamed step 4; tree: 17 found, 0 missing'
# the list's fixed columns on the demo (with a tree): "  # verd ... signals     "
FIXED=62

# sep_col FILE: the separator's column (0-based) on the column heading,
# the header's fourth line; empty when there is none
sep_col()
{
	sed -n 4p "$1" | awk '{ i = index($0, "|"); if (i) print i - 1 }'
}

# screen NAME SIZE KEY-LINE...: the screen after the keys, in $SCRATCH/NAME
screen()
{
	_name=$1 _size=$2
	shift 2
	script "$_name" "$@" ':dump-screen'
	bv_ok --demo --script "$SCRATCH/$_name.keys" --size "$_size"
	cp "$SCRATCH/out" "$SCRATCH/$_name"
}

# header_whole NAME: the first three lines are the header's, whole and
# with no separator in them
header_whole()
{
	sed -n 1,3p "$SCRATCH/$1" | grep -q '|' &&
		fail "$1: a separator in the header:
$(sed -n 1,4p "$SCRATCH/$1")"
	sed -n 3p "$SCRATCH/$1" | grep -qF "$TRUST" ||
		fail "$1: the trust line is not whole:
$(sed -n 1,4p "$SCRATCH/$1")"
}

### beside at 200 columns, split-size auto
screen wide 200x50 ':13' '<Enter>'
header_whole wide
col=$(sep_col "$SCRATCH/wide")
[ -n "$col" ] || fail "no split beside at 200 columns:
$(head -6 "$SCRATCH/wide")"
[ "$col" -ge $((FIXED + 60)) ] ||
	fail "the list is $col columns at 200 (want room for a 60-column subject after $FIXED)"
[ $((200 - col - 1)) -ge 72 ] || fail "the split is $((200 - col - 1)) columns at 200 (want 72)"
# a whole subject of 59 characters on the list, the diff beside it
grep -qF 'tcp: assert that interrupts are on in tcp_nr_failed_reset()     |' "$SCRATCH/wide" ||
	fail "step 8's subject is not whole beside the split"
grep -q '^\[steps\] 0788fb935203 .*|\[diff\] 0788fb935203' "$SCRATCH/wide" ||
	fail "the two title bars are not side by side: $(grep -F '[steps]' "$SCRATCH/wide")"
# the split starts under the header: its first line is the commit's
sed -n 4p "$SCRATCH/wide" | grep -q '|commit 0788fb935203' ||
	fail "the diff does not start beside the column heading: $(sed -n 4p "$SCRATCH/wide")"

# a percentage wins: the second pane has half, and the header stays whole
# however narrow the list is
screen half 200x50 ':set split-size = 50' ':13' '<Enter>'
header_whole half
assert_eq "the list's width with split-size 50" 99 "$(sep_col "$SCRATCH/half")"
screen narrow 200x50 ':set split-size = 80' ':13' '<Enter>'
header_whole narrow
assert_eq "the list's width with split-size 80" 39 "$(sep_col "$SCRATCH/narrow")"
screen again 200x50 ':set split-size = 80' ':set split-size = auto' ':13' '<Enter>'
assert_eq "the list's width back on auto" "$col" "$(sep_col "$SCRATCH/again")"

### below at 120 and 80 columns: the header over the list, the split under it
screen mid 120x40 ':13' '<Enter>'
header_whole mid
[ -z "$(sep_col "$SCRATCH/mid")" ] || fail "a separator at 120 columns (the split goes below)"
grep -q '^\[diff\] 0788fb935203' "$SCRATCH/mid" || fail "no diff below the list at 120 columns"
screen small 80x24 ':13' '<Enter>'
sed -n 3p "$SCRATCH/small" | grep -qF "$(printf '%s' "$TRUST" | cut -c1-80)" ||
	fail "the trust line at 80 columns: $(sed -n 3p "$SCRATCH/small")"
grep -q '^\[diff\] 0788fb935203' "$SCRATCH/small" || fail "no diff below the list at 80 columns"
# beside forced on a narrow screen: the list keeps a third of it
screen forced 80x24 ':set split = beside' ':13' '<Enter>'
assert_eq "the list's width beside at 80 columns" 26 "$(sep_col "$SCRATCH/forced")"

### the mouse, in a real terminal: clicks go to the pane under them
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
# SGR mouse reports (ESC [ < b ; x ; y M), which xterm-256color's kmous says
infocmp -1 xterm-256color 2>/dev/null | grep -qF 'kmous=\E[<' ||
	skip "no xterm-256color terminfo with SGR mouse reports"
SOCK=bisview-split-$$
unset TMUX 2>/dev/null || true
. "$top_srcdir/tests/lib/tmux.sh"
ESC=$(printf '\033')
# click X Y: button 1 at column X, row Y (1-based), pressed and released
click()
{
	tm send-keys -t t -l "$ESC[<0;$1;$2M$ESC[<0;$1;$2m"
}
cat >"$SCRATCH/run.sh" <<EOF
TERM=xterm-256color "$BISVIEW" --demo
sleep 60
EOF
tm new-session -d -s t -x 200 -y 50 "sh $SCRATCH/run.sh"
wait_for "step 16 of 0-16"
tm send-keys -t t k k k Enter
wait_for "[diff] 0788fb935203"
# row 10: the header's three lines, the column heading, steps 0 to 5
click 10 10
wait_for "[steps] 1b1cbbda944b - step 5 of"
wait_for "[diff] 1b1cbbda944b"
grep -q 'jump-culprit' "$SCRATCH/pane" || fail "the list lost the focus on its own click"
# the header's right part, over the split: no pane's, nothing changes
click 170 2
sleep 0.3
wait_for "[steps] 1b1cbbda944b - step 5 of"
grep -q 'jump-culprit' "$SCRATCH/pane" || fail "a click on the header moved the focus"
# the second pane's area: it takes the focus (the hint bar is the diff's)
click 170 12
wait_for "next-file"
grep -q 'jump-culprit' "$SCRATCH/pane" && fail "a click in the split left the focus on the list"
tm send-keys -t t Q
exit 0
