#!/bin/sh
# The help view, the man page's key table and the step detail, in script
# mode (no terminal):
# - every request (as --dump-keys=text lists them) is in the help view;
# - a user's `bind` shows in the help view; a bad config line is reported
#   as FILE:LINE: in the status line and the program goes on;
# - --dump-keys=roff names every request data/bisviewrc binds;
# - the detail of each bisect step has one run row per run and one signal
#   row per signal of that step (as --json counts them), and Enter on a
#   signal row opens the raw log; the signals view lists every signal.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

LOG=$DATA/cause-flaky-kvm_wait-title-drift.log
CFG=$SCRATCH/config
mkdir -p "$CFG/bisview"
# no user config unless a test writes one
XDG_CONFIG_HOME=$CFG
export XDG_CONFIG_HOME

# help_rows FILE: the help view's key rows of a :dump-view, as
# "VIEW<TAB>NAME<TAB>KEYS"
help_rows()
{
	awk -F '\t' '$2 == "key" { print $3 "\t" $5 "\t" $6 }' "$1"
}

# --- every request is in the help view ---------------------------------
script help h ":dump-view $SCRATCH/help.view"
bv_ok --script "$SCRATCH/help.keys" --size 100x30 --no-tree "$LOG"
head -n 1 "$SCRATCH/help.view" | grep -q '^view	help	' ||
	fail "h did not open the help view: $(head -n 1 "$SCRATCH/help.view")"
# every request, from the program (42 when this was written)
requests "$SCRATCH/requests"
names=$(cat "$SCRATCH/requests")
nreq=$(lines_in "$SCRATCH/requests")
[ "$nreq" -ge 42 ] || fail "only $nreq requests in --dump-keys=text: $(tr '\n' ' ' <"$SCRATCH/requests")"
grep -qx view-steps "$SCRATCH/requests" || fail "request view-steps not read from --dump-keys=text"
help_rows "$SCRATCH/help.view" >"$SCRATCH/help.rows"
for n in $names; do
	awk -F '\t' -v n="$n" '$1 == "generic" && $2 == n { found = 1 } END { exit !found }' \
		"$SCRATCH/help.rows" || fail "request $n is not in the help view"
done
# the default keys are there too
grep -q '^generic	view-help	h, <F1>$' "$SCRATCH/help.rows" ||
	fail "view-help is not shown with h, <F1>: $(grep view-help "$SCRATCH/help.rows")"
grep -q '^diff	next-file	}$' "$SCRATCH/help.rows" ||
	fail "the diff view's next-file binding is not shown"

# --- a user's binding shows -------------------------------------------
printf 'bind generic x view-help\n' >"$CFG/bisview/config"
bv_ok --script "$SCRATCH/help.keys" --size 100x30 --no-tree "$LOG"
help_rows "$SCRATCH/help.view" >"$SCRATCH/help.rows"
keys=$(awk -F '\t' '$1 == "generic" && $2 == "view-help" { print $3 }' "$SCRATCH/help.rows")
case ", $keys," in
*", x,"*) ;;
*) fail "a user's 'bind generic x view-help' does not show in help: '$keys'" ;;
esac
# ... and x really opens the help
script x x ":dump-view $SCRATCH/x.view"
bv_ok --script "$SCRATCH/x.keys" --no-tree "$LOG"
head -n 1 "$SCRATCH/x.view" | grep -q '^view	help	' || fail "x did not open the help view"

# --- a bad config line: FILE:LINE: in the status line, and on we go -----
printf '# comment\nset hint-bar = yes\nbind generic j no-such-action\nbind generic x view-help\n' \
	>"$CFG/bisview/config"
script bad ":dump-screen $SCRATCH/bad.screen" x ":dump-view $SCRATCH/bad.view"
bv_ok --script "$SCRATCH/bad.keys" --size 100x30 --no-tree "$LOG"
tail -n 1 "$SCRATCH/bad.screen" | grep -qF "$CFG/bisview/config:3:" ||
	fail "the status line does not name FILE:3: $(tail -n 1 "$SCRATCH/bad.screen")"
head -n 1 "$SCRATCH/bad.view" | grep -q '^view	help	' ||
	fail "after a bad config line, the good one after it did not take effect"
grep -q "^ *[0-9]*	command	error:	.*config:3: " "$SCRATCH/bad.view" ||
	fail "the help view does not list the config error"
rm -f "$CFG/bisview/config"

# --- the man page's table: every default-bound request ------------------
bv_ok --dump-keys=roff
[ -s "$SCRATCH/out" ] || fail "--dump-keys=roff printed nothing"
sed 's/\\-/-/g' "$SCRATCH/out" >"$SCRATCH/keys.roff"
bound=$(awk '$1 == "bind" { print $4 }' "$top_srcdir/data/bisviewrc" | sort -u)
[ -n "$bound" ] || fail "could not read the bindings of data/bisviewrc"
for n in $bound; do
	grep -q "\\\\fI$n\\\\fR" "$SCRATCH/keys.roff" || fail "--dump-keys=roff does not name $n"
done
# no raw hyphen is left for roff to break on
if grep -v '^\.' "$SCRATCH/out" | grep -q '[^\\]-'; then
	fail "--dump-keys=roff has an unescaped '-': $(grep -v '^\.' "$SCRATCH/out" | grep '[^\\]-' | head -n 1)"
fi
bv_ok --dump-keys=text
grep -q 'view-help' "$SCRATCH/out" || fail "--dump-keys=text does not name view-help"
bv --dump-keys=nroff
[ "$rc" -eq 2 ] || fail "--dump-keys=nroff exited $rc, not 2"

# --- the step detail ---------------------------------------------------
bv_ok --json --no-tree "$LOG"
cp "$SCRATCH/out" "$SCRATCH/log.json"
steps=$(jq -r '.steps[] | select(.phase == "bisect") | .index' "$SCRATCH/log.json")
[ -n "$steps" ] || fail "the log has no bisect steps"
: >"$SCRATCH/detail.keys"
for i in $steps; do
	# :N is step N in the steps list; Tab goes back to it from the detail
	printf ':%d\ni\n:dump-view %s\n<Tab>\n' "$i" "$SCRATCH/detail.$i" \
		>>"$SCRATCH/detail.keys"
done
bv_ok --script "$SCRATCH/detail.keys" --size 100x30 --no-tree "$LOG"
for i in $steps; do
	f=$SCRATCH/detail.$i
	head -n 1 "$f" | grep -q "^view	detail	step	$i	" ||
		fail "step $i: the detail is not about it: $(head -n 1 "$f")"
	want=$(jq ".steps[$i].runs.total" "$SCRATCH/log.json")
	# equal runs share a row ("runs 0-8"); one "all runs" line is one row
	got=$(awk -F '\t' -v all="$want" '$2 == "run" {
		if ($3 == "all runs") n += all
		else if ($3 ~ /^runs [0-9]+-[0-9]+$/) { split(substr($3, 6), r, "-"); n += r[2] - r[1] + 1 }
		else n++
	} END { print n + 0 }' "$f")
	assert_eq "step $i: runs in the run rows" "$want" "$got"
	want=$(jq "[.signals[] | select(.step == $i)] | length" "$SCRATCH/log.json")
	got=$(awk -F '\t' '$2 == "signal"' "$f" | wc -l)
	assert_eq "step $i: signal rows" "$want" "$got"
	# each signal row carries its code and its evidence lines
	jq -r ".signals[] | select(.step == $i) | \"\\(.code)\\t\\(.lines[0])\\t\\(.lines[1])\"" \
		"$SCRATCH/log.json" | sort >"$SCRATCH/want.sig"
	awk -F '\t' '$2 == "signal" { sub(/:.*/, "", $4); print $4 "\t" $6 "\t" $7 }' "$f" |
		sort >"$SCRATCH/got.sig"
	cmp -s "$SCRATCH/want.sig" "$SCRATCH/got.sig" ||
		fail "step $i: signal rows differ from --json: $(diff "$SCRATCH/want.sig" "$SCRATCH/got.sig")"
	grep -q '	no-tree	' "$f" || fail "step $i: the detail does not say there is no tree"
done

# Enter on a signal row of the detail opens the raw log
row=
for i in $steps; do
	row=$(awk -F '\t' '$2 == "signal" { sub(/^[ >]/, "", $1); print $1; exit }' "$SCRATCH/detail.$i")
	[ -z "$row" ] || break
done
[ -n "$row" ] || fail "no bisect step has a signal: the log was meant to have some"
script enter ":$i" i ":$((row + 1))" '<Enter>' ":dump-view $SCRATCH/enter.view"
bv_ok --script "$SCRATCH/enter.keys" --no-tree "$LOG"
head -n 1 "$SCRATCH/enter.view" | grep -q '^view	log	' ||
	fail "Enter on a signal row did not open the log: $(head -n 1 "$SCRATCH/enter.view")"

# --- the signals view ----------------------------------------------------
script sig S ":dump-view $SCRATCH/sig.view" ":dump-screen $SCRATCH/sig.screen"
bv_ok --script "$SCRATCH/sig.keys" --no-tree "$LOG"
want=$(jq '.signals | length' "$SCRATCH/log.json")
got=$(awk -F '\t' '$2 == "signal"' "$SCRATCH/sig.view" | wc -l)
assert_eq "signals view rows" "$want" "$got"
awk -F '\t' 'NR == 2 && $2 == "assessment" { ok = 1 } END { exit !ok }' "$SCRATCH/sig.view" ||
	fail "the signals view does not start with the assessment"
strong=$(jq '[.signals[] | select(.strength == "strong")] | length' "$SCRATCH/log.json")
grep -q "^\[signals\] $want signals, $strong strong" "$SCRATCH/sig.screen" ||
	fail "the signals view's title: $(grep '^\[signals\]' "$SCRATCH/sig.screen")"
exit 0
