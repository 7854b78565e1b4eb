#!/bin/sh
# The German catalog po/de.po: valid, every message translated, none
# fuzzy or obsolete, and none of the messages in the sources missing from
# it. Then the program in German, from a catalog compiled here (the
# program takes BISVIEW_LOCALEDIR before its configured localedir): --help
# with LANG=de_DE.UTF-8 and with LANGUAGE=de, its columns aligned as in
# English; an explorer screen (hint bar, status line, steps); --summary;
# and --json, --scan fields and :dump-view keys the same as in the C
# locale (contracts for scripts). The German part is skipped (77) only
# when no locale can show German on this machine (Debian: the locales
# package with de_DE.UTF-8 generated, see .ci/install-deps).
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd msgfmt

PO=$top_srcdir/po/de.po
[ -f "$PO" ] || fail "no German catalog at $PO"
grep -qx de "$top_srcdir/po/LINGUAS" || fail "po/LINGUAS does not list de"

# stats PO: msgfmt --check --statistics; fail on errors, untranslated or
# fuzzy messages. msgfmt prints e.g. "258 translated messages." or
# "250 translated messages, 3 fuzzy translations, 5 untranslated messages."
stats()
{
	LC_ALL=C msgfmt --check --statistics -o /dev/null "$1" >"$SCRATCH/stats" 2>&1 ||
		fail "msgfmt --check $2: $(cat "$SCRATCH/stats")"
	st=$(tail -n 1 "$SCRATCH/stats")
	case $st in
	*fuzzy* | *untranslated*) fail "$2: $st" ;;
	*" translated message"*) ;;
	*) fail "$2: unexpected msgfmt statistics: $st" ;;
	esac
}

stats "$PO" po/de.po
note "po/de.po: $st"
! grep -q '^#~' "$PO" || fail "po/de.po keeps obsolete (#~) messages: remove them (msgattrib --no-obsolete)"

# The messages the sources have now, against de.po: a message added to the
# sources but not translated counts as untranslated. Same xgettext options
# as po/Makevars.
if command -v xgettext >/dev/null 2>&1 && command -v msgmerge >/dev/null 2>&1; then
	opts=$(sed -n 's/^XGETTEXT_OPTIONS *= *//p' "$top_srcdir/po/Makevars")
	# shellcheck disable=SC2086 # the options are words
	(cd "$top_srcdir" && xgettext $opts --package-name=bisview -o "$SCRATCH/bisview.pot" \
		-f po/POTFILES.in) 2>"$SCRATCH/err" ||
		fail "xgettext on po/POTFILES.in: $(cat "$SCRATCH/err")"
	msgmerge --quiet -o "$SCRATCH/de.po" "$PO" "$SCRATCH/bisview.pot" 2>"$SCRATCH/err" ||
		fail "msgmerge po/de.po: $(cat "$SCRATCH/err")"
	stats "$SCRATCH/de.po" "po/de.po merged with the messages of the sources (update po/de.po)"
	note "against the sources: $st"
else
	note "xgettext or msgmerge missing: po/de.po not compared with the sources"
fi

# The catalog as the program loads it, from po/de.po as it is now.
mkdir -p "$SCRATCH/locale/de/LC_MESSAGES"
msgfmt -o "$SCRATCH/locale/de/LC_MESSAGES/bisview.mo" "$PO" || fail "msgfmt po/de.po failed"

# --help: the descriptions start in column 20 as in the English text:
# option lines ("  --x", "      --y") and continuation lines (19 spaces).
aligned()
{
	awk '/^  (-|    -)/ && !(substr($0, 19, 1) == " " && substr($0, 20, 1) != " ") { bad = 1; print }
	     /^   / && !/^  (-|    -)/ && !/^                   [^ ]/ { bad = 1; print }
	     END { exit bad }' "$1" >&2
}

BISVIEW_LOCALEDIR=$SCRATCH/locale
export BISVIEW_LOCALEDIR
LC_ALL=C bv_ok --help
aligned "$SCRATCH/out" || fail "the alignment check rejects the English --help (test is broken)"
grep -q '^Usage: ' "$SCRATCH/out" || fail "LC_ALL=C --help does not start with Usage:"

# de ENV...: bisview with the caller's locale variables replaced by ENV
# (no LC_ALL, so that LANG counts), output in $SCRATCH/out.
de()
{
	_env=$1
	shift
	# shellcheck disable=SC2086 # the variables are words
	rc=0
	env -u LC_ALL -u LANG -u LANGUAGE $_env "$BISVIEW" "$@" >"$SCRATCH/out" 2>"$SCRATCH/err" ||
		rc=$?
	[ "$rc" -eq 0 ] || fail "$_env bisview $* exited $rc: $(head -c 600 "$SCRATCH/err")"
}

# German help, checked in full.
german_help()
{
	grep -qx 'Aufruf: bisview \[OPTION\]\.\.\. \[LOG\]' "$SCRATCH/out" ||
		fail "$1 --help: no 'Aufruf:' line: $(head -n 1 "$SCRATCH/out")"
	aligned "$SCRATCH/out" || fail "$1 --help: descriptions not in column 20 (lines above)"
	for opt in --summary --json --scan --check --demo --script --size --tree --no-tree \
		--trust-repo --no-color --no-mouse --help --version; do
		grep -q -- "$opt" "$SCRATCH/out" || fail "$1 --help lacks $opt"
	done
	grep -q '^Exit-Status: ' "$SCRATCH/out" || fail "$1 --help: no Exit-Status line"
	note "$1: --help in German, aligned as the English one"
}

# The environments that should speak German: LANG=de_DE.UTF-8 where that
# locale exists, LANGUAGE=de in any non-C locale (glibc ignores LANGUAGE
# in the plain C locale, not in C.UTF-8).
GERMAN=
! has_locale 'de_de\.utf-\?8' || GERMAN=LANG=de_DE.UTF-8
if [ -n "$GERMAN" ]; then
	de "$GERMAN" --help
	german_help "$GERMAN"
	de "LANG=C.UTF-8 LANGUAGE=de" --help
	german_help "LANGUAGE=de"
else
	note "no de_DE.UTF-8 locale (Debian: locales, then locale-gen de_DE.UTF-8)"
	has_locale 'c\.utf-\?8' || skip "no locale that can show German (neither de_DE.UTF-8 nor C.UTF-8)"
	GERMAN="LANG=C.UTF-8 LANGUAGE=de"
	de "$GERMAN" --help
	grep -q '^Usage: ' "$SCRATCH/out" && skip "$GERMAN: this C library ignores LANGUAGE; no de_DE.UTF-8 locale"
	german_help "$GERMAN"
fi

# An explorer screen in German: the hint bar, the status line, the steps.
DEADLOCK=$DATA/cause-deadlock-retract_page_tables.log
XDG_CONFIG_HOME=$SCRATCH/config
HOME=$SCRATCH
export XDG_CONFIG_HOME HOME
script screen ':dump-screen'
de "$GERMAN" --script "$SCRATCH/screen.keys" --size 80x24 --no-tree "$DEADLOCK"
cp "$SCRATCH/out" "$SCRATCH/screen"
tail -n 2 "$SCRATCH/screen" | head -n 1 | grep -q '^<Enter> öffnen  J nächster  K vorheriger  q schließen' ||
	fail "$GERMAN: the hint bar is not German: $(tail -n 2 "$SCRATCH/screen" | head -n 1)"
tail -n 1 "$SCRATCH/screen" | grep -qxE 'Auf dem Verursacher-Commit \(Schritt 14\); Bewertung der Bisection: (plausibel|verdächtig)\.' ||
	fail "$GERMAN: the status line is not German: $(tail -n 1 "$SCRATCH/screen")"
grep -qE '^Vertrauen: (plausibel|verdächtig) 0\.[0-9][0-9] - 5 Signale \(5 starke\)' "$SCRATCH/screen" ||
	fail "$GERMAN: no German trust line (and a C decimal point): $(sed -n 3p "$SCRATCH/screen")"
grep -q '^ 14\*schlecht 3d7cb67369a0 10/10 Crash ' "$SCRATCH/screen" ||
	fail "$GERMAN: step 14 is not shown in German: $(grep '^ 14' "$SCRATCH/screen")"
grep -q '^ 15 gut      36306b229dfd 10 ok ' "$SCRATCH/screen" ||
	fail "$GERMAN: step 15 is not shown in German: $(grep '^ 15 ' "$SCRATCH/screen")"
note "$GERMAN: the steps view, hint bar and status line in German"

# skip in German: "überspr.", no wider than "schlecht" (the verdict column
# keeps its width, the subject its columns at 80); a git bisect log's own
# word stays "skip", as its good and bad (here slow and fast) do.
SKIP=$DATA/cause-inconclusive-skip-synthetic.log
de "$GERMAN" --script "$SCRATCH/screen.keys" --size 80x24 --no-tree "$SKIP"
grep -q '^  4 überspr\. cc38a46de76e Build-Fehler  ' "$SCRATCH/out" ||
	fail "$GERMAN: the skipped step is not 'überspr.' in the verdict column: $(grep '^  4 ' "$SCRATCH/out")"
grep -q '^  2 schlecht 307e14c03906 8 Crash 2 ok ' "$SCRATCH/out" ||
	fail "$GERMAN: the verdict column widened beside 'überspr.': $(grep '^  2 ' "$SCRATCH/out")"
grep -q 'skip' "$SCRATCH/out" && fail "$GERMAN: 'skip' left untranslated in a syzbot log's steps: $(grep skip "$SCRATCH/out")"
de "$GERMAN" --summary --no-tree "$SKIP"
grep -q '^  4  Bisect       überspr\. cc38a46de76e Build-Fehler ' "$SCRATCH/out" ||
	fail "$GERMAN --summary: the skipped step: $(grep '^  4 ' "$SCRATCH/out")"
sed '/^# first slow/i\
git bisect skip 1111111111111111111111111111111111111111' \
	"$DATA/gitbisect-terms-slow-fast.log" >"$SCRATCH/gitskip.log"
de "$GERMAN" --script "$SCRATCH/screen.keys" --size 80x24 --no-tree "$SCRATCH/gitskip.log"
grep -q '^  5 skip     111111111111\( \|$\)' "$SCRATCH/out" ||
	fail "$GERMAN: a git bisect log's skip is not git's word: $(grep '^  5 ' "$SCRATCH/out")"
note "$GERMAN: skip is überspr., git's own skip stays"
# a fix bisection's detail: its German word, git's own in brackets as the
# log's lines have it ("good"), not translated
printf '%s\n' j i ':dump-screen' >"$SCRATCH/fixdetail.keys"
de "$GERMAN" --script "$SCRATCH/fixdetail.keys" --size 80x24 --no-tree "$DATA/fix-synthetic-frob.log"
grep -q '(git: good)' "$SCRATCH/out" && ! grep -q '(git: gut)' "$SCRATCH/out" ||
	fail "$GERMAN: a fix bisection's detail does not give git's own word: $(grep 'git:' "$SCRATCH/out")"

# --summary in German, its columns by display width.
de "$GERMAN" --summary --no-tree "$DEADLOCK"
grep -qE '^Bewertung:   (plausibel|verdächtig): 0\.[0-9][0-9], dass der Verursacher-Commit falsch ist, (kein Schritt fällt auf|beschuldigter Schritt [0-9]+)$' "$SCRATCH/out" ||
	fail "$GERMAN --summary: no German assessment: $(grep -i '^Bew\|^Assess' "$SCRATCH/out")"
grep -qE '^Warum:       (kein Schritt fällt auf|Schritt [0-9]+ \(.*, gut bei [0-9]+ sauberen Testläufen\))' "$SCRATCH/out" ||
	fail "$GERMAN --summary: no German Why: line: $(grep -i '^Warum\|^Why' "$SCRATCH/out")"
grep -q '^ 14  Bisect       schlecht 3d7cb67369a0 10/10 Crash ' "$SCRATCH/out" ||
	fail "$GERMAN --summary: step 14 not German or not aligned: $(grep '^ 14 ' "$SCRATCH/out")"

# The contracts stay English and C-formatted: --json (but for the signals'
# messages and the assessment's why, which are prose), --scan's fields,
# :dump-view's keys.
if command -v jq >/dev/null 2>&1; then
	LC_ALL=C bv_ok --json --no-tree "$DEADLOCK"
	jq -S 'del(.signals[].message, .assessment.why, .next[]?.why)' "$SCRATCH/out" >"$SCRATCH/json.c" ||
		fail "jq on the C JSON"
	de "$GERMAN" --json --no-tree "$DEADLOCK"
	jq -S 'del(.signals[].message, .assessment.why, .next[]?.why)' "$SCRATCH/out" >"$SCRATCH/json.de" ||
		fail "$GERMAN --json is not JSON: $(grep -n score "$SCRATCH/out")"
	cmp -s "$SCRATCH/json.c" "$SCRATCH/json.de" ||
		fail "$GERMAN --json differs from the C locale's: $(diff "$SCRATCH/json.c" "$SCRATCH/json.de" | head -5)"
fi
LC_ALL=C bv_ok --scan "$DATA"
grep -v '^[0-9]* logs: ' "$SCRATCH/out" >"$SCRATCH/scan.c"
de "$GERMAN" --scan "$DATA"
grep -q ' Logs: ' "$SCRATCH/out" || fail "$GERMAN --scan: the totals line is not German: $(tail -n 1 "$SCRATCH/out")"
grep -v ' Logs: ' "$SCRATCH/out" >"$SCRATCH/scan.de"
cmp -s "$SCRATCH/scan.c" "$SCRATCH/scan.de" ||
	fail "$GERMAN --scan fields differ from the C locale's: $(diff "$SCRATCH/scan.c" "$SCRATCH/scan.de" | head -5)"
script view ':dump-view' ':view-signals' ':dump-view' ':view-map' ':dump-view'
LC_ALL=C.UTF-8 bv_ok --script "$SCRATCH/view.keys" --size 80x24 --no-tree "$DEADLOCK"
# the keys: the steps' phase and verdict, the signals' strength and the
# assessment's verdict and score, the map's bars and strips
view_keys()
{
	awk -F '\t' '$2 ~ /^[0-9]+$/ { print $2, $3, $4, $5 }
		$2 == "assessment" || $2 == "signal" { print $2, $3, $4, $5 }
		$2 == "bar" || $2 == "strip" { print }' "$SCRATCH/out" >"$1"
	[ -s "$1" ] || fail ":dump-view gave no rows"
}
view_keys "$SCRATCH/view.c"
de "$GERMAN" --script "$SCRATCH/view.keys" --size 80x24 --no-tree "$DEADLOCK"
view_keys "$SCRATCH/view.de"
cmp -s "$SCRATCH/view.c" "$SCRATCH/view.de" ||
	fail "$GERMAN :dump-view keys differ from the C locale's: $(diff "$SCRATCH/view.c" "$SCRATCH/view.de" | head -5)"
note "$GERMAN: --json, --scan fields and :dump-view keys as in the C locale"
