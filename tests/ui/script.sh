#!/bin/sh
# The explorer in script mode (no terminal): the steps view and what every
# view shares - expected screens at 80x24 and 40x10 (tests/ui/screens/*.screen),
# the structured rows, the opening position and its reason, movement,
# search, `:` commands, the config file, a too-small screen, a non-UTF-8
# locale, a log on standard input, and script errors.
#
# To accept new expected screens after a deliberate change:
#   BISVIEW_UPDATE_SCREENS=1 make check TESTS=tests/ui/script.sh
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
DEADLOCK=$DATA/cause-deadlock-retract_page_tables.log
explorer_env

# screen NAME SIZE LOG: the first screen, compared with tests/ui/screens/NAME.screen
screen()
{
	script "$1" ':dump-screen'
	bv_ok --no-tree --script "$SCRATCH/$1.keys" --size "$2" "$3"
	same_screen "$1" || fail "screen $1 ($2) differs (above)"
}

screen steps-kvm-80x24 80x24 "$KVM"
screen steps-kvm-40x10 40x10 "$KVM"
screen steps-deadlock-80x24 80x24 "$DEADLOCK"
screen steps-deadlock-40x10 40x10 "$DEADLOCK"
screen steps-wide-200x50 200x50 "$KVM"

# The rows are the log's steps, in order, with their verdicts; it opens on
# the culprit and says so.
script rows ':dump-view'
bv_ok --no-tree --json "$KVM"
cp "$SCRATCH/out" "$SCRATCH/kvm.json"
bv_ok --no-tree --script "$SCRATCH/rows.keys" "$KVM"
n=$(jq '.steps | length' "$SCRATCH/kvm.json")
assert_eq "rows" "$n" "$(head -1 "$SCRATCH/out" | cut -f6)"
jq -r '.steps[] | "\(.index)\t\(.phase)\t\(.verdict)"' "$SCRATCH/kvm.json" >"$SCRATCH/want"
tail -n +2 "$SCRATCH/out" | cut -f2-4 >"$SCRATCH/got"
cmp -s "$SCRATCH/want" "$SCRATCH/got" || fail "rows are not the log's steps: $(diff "$SCRATCH/want" "$SCRATCH/got" | head)"
culprit=$(jq -r '.result.commit' "$SCRATCH/kvm.json")
cstep=$(jq -r --arg c "$culprit" '[.steps[] | select(.commit == $c)][0].index' "$SCRATCH/kvm.json")
assert_eq "opens on the culprit" ">$cstep" "$(grep '^>' "$SCRATCH/out" | cut -f1)"
script why ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/why.keys" "$KVM"
tail -1 "$SCRATCH/out" | grep -q "On the culprit (step $cstep)" || fail "no reason in the status line: $(tail -1 "$SCRATCH/out")"

# movement: g, j j, G, k; the selected row follows
script move g j j ':dump-view' G k ':dump-view'
bv_ok --no-tree --script "$SCRATCH/move.keys" "$KVM"
assert_eq "g j j" ">2" "$(grep '^>' "$SCRATCH/out" | sed -n 1p | cut -f1)"
assert_eq "G k" ">$((n - 2))" "$(grep '^>' "$SCRATCH/out" | sed -n 2p | cut -f1)"

# search forward from the top, n for the next match, ? backward
script search g '/kvm_wait<Enter>' ':dump-view' n ':dump-view' '?affs<Enter>' ':dump-view'
bv_ok --no-tree --script "$SCRATCH/search.keys" "$KVM"
first=$(jq -r '[.steps[] | select((.titles | join(" ")) | test("kvm_wait")) | .index] | .[0]' "$SCRATCH/kvm.json")
second=$(jq -r '[.steps[] | select((.titles | join(" ")) | test("kvm_wait")) | .index] | .[1]' "$SCRATCH/kvm.json")
assert_eq "/kvm_wait" ">$first" "$(grep '^>' "$SCRATCH/out" | sed -n 1p | cut -f1)"
assert_eq "n" ">$second" "$(grep '^>' "$SCRATCH/out" | sed -n 2p | cut -f1)"
grep '^>' "$SCRATCH/out" | sed -n 3p | grep -q "affs" || fail "?affs did not find the affs merge"

# :N goes to line N; c to the culprit; ! to the first suspicious step
fss=$(jq -r '.assessment.first_suspicious_step' "$SCRATCH/kvm.json")
script jumps ':2' ':dump-view' '!' ':dump-view' c ':dump-view'
bv_ok --no-tree --script "$SCRATCH/jumps.keys" "$KVM"
assert_eq ":2" ">2" "$(grep '^>' "$SCRATCH/out" | sed -n 1p | cut -f1)"
assert_eq "!" ">$fss" "$(grep '^>' "$SCRATCH/out" | sed -n 2p | cut -f1)"
assert_eq "c" ">$cstep" "$(grep '^>' "$SCRATCH/out" | sed -n 3p | cut -f1)"

# the config: options, bindings and colours from the user's file, and a
# bad line named by file and line without stopping the program
mkdir -p "$XDG_CONFIG_HOME/bisview"
cat >"$XDG_CONFIG_HOME/bisview/config" <<'EOF'
set hint-bar = no
bind steps x move-first-line
color cursor white red bold
bogus line here
set split = sideways
EOF
chmod 444 "$XDG_CONFIG_HOME/bisview/config"
ls -la --time-style=full-iso "$XDG_CONFIG_HOME/bisview" >"$SCRATCH/config.before"
cksum <"$XDG_CONFIG_HOME/bisview/config" >>"$SCRATCH/config.before"
# (the : commands change options, bindings and colours for this run only)
script config ':dump-screen' x ':dump-view' ':set split = below' ':bind steps y quit' \
	':color cursor black green' ':set hint-bar = yes'
bv_ok --no-tree --script "$SCRATCH/config.keys" --size 200x24 "$KVM"
assert_eq "bound x" ">0" "$(grep '^>' "$SCRATCH/out" | cut -f1)"
grep -q 'enter  J next' "$SCRATCH/out" && fail "hint bar shown though the config turned it off"
grep -q "$XDG_CONFIG_HOME/bisview/config:4: unknown command 'bogus' (1 of 2 config errors: h lists them all)" \
	"$SCRATCH/out" || fail "config error not reported with file and line: $(grep config: "$SCRATCH/out")"
# the help view lists every one, with its file and line
script confighelp 'h' ':dump-view'
bv_ok --no-tree --script "$SCRATCH/confighelp.keys" --size 200x24 "$KVM"
for _line in 4 5; do
	grep -q "config:$_line: " "$SCRATCH/out" || fail "the help view lacks config error $_line: $(grep -i error "$SCRATCH/out")"
done
# the program never writes the config: the file and its folder as before
ls -la --time-style=full-iso "$XDG_CONFIG_HOME/bisview" >"$SCRATCH/config.after"
cksum <"$XDG_CONFIG_HOME/bisview/config" >>"$SCRATCH/config.after"
cmp -s "$SCRATCH/config.before" "$SCRATCH/config.after" ||
	fail "the config file or its folder changed: $(diff "$SCRATCH/config.before" "$SCRATCH/config.after")"
chmod 644 "$XDG_CONFIG_HOME/bisview/config"
rm -rf "$XDG_CONFIG_HOME/bisview"

# too small says so; a non-UTF-8 locale gets ASCII only
script small ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/small.keys" --size 39x9 "$KVM"
grep -q "too small" "$SCRATCH/out" && grep -q "^39x9 here," "$SCRATCH/out" || fail "a 39x9 screen does not say it is too small"
LC_ALL=C bv_ok --no-tree --script "$SCRATCH/small.keys" --size 80x24 "$DATA/mail-wrapped-qp-deadlock.log"
if LC_ALL=C grep -q '[^ -~]' "$SCRATCH/out"; then
	fail "non-ASCII output in the C locale: $(LC_ALL=C grep -n '[^ -~]' "$SCRATCH/out" | head -3)"
fi

# the log on standard input, keys from the script
bv_ok --no-tree --script "$SCRATCH/rows.keys" - <"$KVM"
assert_eq "stdin rows" "$n" "$(head -1 "$SCRATCH/out" | cut -f6)"

# a script with a bad key name stops with FILE:LINE
script badkey j '<Nope>'
bv --no-tree --script "$SCRATCH/badkey.keys" "$KVM"
assert_eq "bad key exit" 2 "$rc"
grep -q "badkey.keys:2: not a key name" "$SCRATCH/err" || fail "bad key: $(cat "$SCRATCH/err")"

# a missing script, a bad size
bv --no-tree --script "$SCRATCH/nope.keys" "$KVM"
assert_eq "missing script exit" 2 "$rc"
bv --no-tree --script "$SCRATCH/rows.keys" --size 80 "$KVM"
assert_eq "bad size exit" 2 "$rc"

# :set answers with the option's value now (issue 15), as vim's :set does
script setting ':set split = beside' ':dump-screen' ':set hint-bar = no' ':dump-screen' \
	':set syz-test-repo = https://example.org/linux.git' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/setting.keys" --size 80x10 "$KVM"
for want in 'split = beside' 'hint-bar = no' 'syz-test-repo = https://example.org/linux.git'; do
	awk 'NR % 10 == 0' "$SCRATCH/out" | grep -qx "$want" || fail ":set does not answer '$want'"
done

# without a tree: the status line says so once, when it is first free
# (the header keeps "no tree"), and Enter says it again rather than open
# an empty diff
script notree ':dump-screen' 'j' ':dump-screen' 'k' ':dump-screen' '<Enter>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/notree.keys" --size 80x10 "$KVM"
awk 'NR == 10' "$SCRATCH/out" | grep -q '^On the culprit' || fail "the first screen's status: $(awk 'NR == 10' "$SCRATCH/out")"
awk 'NR == 20' "$SCRATCH/out" | grep -q '^no git tree: ' || fail "the free status line does not say there is no tree"
[ -z "$(awk 'NR == 30' "$SCRATCH/out")" ] || fail "the note stays after a key: $(awk 'NR == 30' "$SCRATCH/out")"
awk 'NR == 40' "$SCRATCH/out" | grep -q '^no git tree: ' || fail "Enter without a tree says nothing"
! grep -q '^\[diff\]' "$SCRATCH/out" || fail "Enter without a tree opened a diff view"

# o: the selected step's commit on lore.kernel.org through $BROWSER (its
# first ':' entry, split on blanks, no shell; script mode runs nothing and
# says what it would run), the URL on the status line without $BROWSER
culprit=$(jq -r .result.commit "$SCRATCH/kvm.json")
script page 'o' ':dump-screen'
BROWSER='firefox --new-tab:chromium' bv_ok --no-tree --script "$SCRATCH/page.keys" --size 120x10 "$KVM"
assert_eq "o with \$BROWSER" "would run: firefox --new-tab https://lore.kernel.org/all/?q=$culprit" \
	"$(tail -n 1 "$SCRATCH/out" | sed 's/ *$//')"
(unset BROWSER; bv_ok --no-tree --script "$SCRATCH/page.keys" --size 120x10 "$KVM")
assert_eq "o without \$BROWSER" "no \$BROWSER: https://lore.kernel.org/all/?q=$culprit" \
	"$(tail -n 1 "$SCRATCH/out" | sed 's/ *$//')"

# the steps list: a crash title only where it differs from the original's
# (the news), the subject gets the rest; the culprit's row marked "*"
script rowsview ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/rowsview.keys" --size 120x24 "$KVM"
grep '^  1 bad  v5.13 ' "$SCRATCH/out" | grep -q 'general protection fault' &&
	fail "a row repeats the original crash title"
grep '^  4.bad  d99676af540c ' "$SCRATCH/out" | grep -q 'WARNING in kvm_wait - Merge tag' ||
	fail "a row with another crash does not show it: $(grep '^  4' "$SCRATCH/out")"
grep -q '^ 14\*bad  997acaf6b4b5 ' "$SCRATCH/out" || fail "the culprit's row is not marked: $(grep '^ 14' "$SCRATCH/out")"

# a search that goes past the end says it wrapped, as less and vim do
script wrap '/v5.1<Enter>' ':dump-screen' 'n' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/wrap.keys" --size 80x10 "$KVM"
assert_eq "a wrapped search" "/v5.1 (search wrapped to the top)" "$(awk 'NR == 10' "$SCRATCH/out" | sed 's/ *$//')"
assert_eq "the next hit, not wrapped" "/v5.1 (again)" "$(awk 'NR == 20' "$SCRATCH/out" | sed 's/ *$//')"

# the prompt's history: Up goes back through earlier searches (Down
# forward), a list of its own for : commands
script hist '/v5.12<Enter>' '/v5.11<Enter>' '/<Up><Up><Enter>' ':dump-screen' \
	':set split = beside' ':<Up><Down><Up><Enter>' '/<Up><Enter>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/hist.keys" --size 80x10 "$KVM"
# (v5.12 is in step 2's ref and step 6's subject, media/v5.12-1)
assert_eq "Up Up: the search before the last" "/v5.12" "$(awk 'NR == 10' "$SCRATCH/out" | sed 's/ *$//')"
awk 'NR == 8' "$SCRATCH/out" | grep -q ' - step 6 of ' || fail "Up Up did not search v5.12 again"
assert_eq "Up on / after a : command: the last search" "/v5.12 (search wrapped to the top)" \
	"$(awk 'NR == 20' "$SCRATCH/out" | sed 's/ *$//')"
awk 'NR == 18' "$SCRATCH/out" | grep -q '^\[steps\] v5.12 - step 2 of ' || fail "Up on / did not search v5.12"

note "ok"
