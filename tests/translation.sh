#!/bin/sh
# The German catalog po/de.po: valid, every message translated, none
# fuzzy, and none of the messages in the sources missing from it. When
# the German catalog is installed where the program looks for it (the
# configured localedir), --help in German is checked too; otherwise that
# part is skipped with a note (the program binds its text domain to the
# compile-time LOCALEDIR, so a catalog in the build tree cannot be used).
set -eu
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
. "$top_srcdir/tests/lib.sh"
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

# --help in German, if the catalog is installed for this build. The
# descriptions start in column 20 as in the English text: option lines
# ("  --x", "      --y") and continuation lines (19 spaces).
aligned()
{
	awk '/^  (-|    -)/ && !(substr($0, 19, 1) == " " && substr($0, 20, 1) != " ") { bad = 1; print }
	     /^   / && !/^  (-|    -)/ && !/^                   [^ ]/ { bad = 1; print }
	     END { exit bad }' "$1" >&2
}

LC_ALL=C bv_ok --help
aligned "$SCRATCH/out" || fail "the alignment check rejects the English --help (test is broken)"
grep -q '^Usage: ' "$SCRATCH/out" || fail "LC_ALL=C --help does not start with Usage:"

LC_ALL=C.UTF-8 LANGUAGE=de bv_ok --help
if grep -q '^Usage: ' "$SCRATCH/out"; then
	note "German catalog not installed for $BISVIEW (or no C.UTF-8 locale): --help in German not checked"
	exit 0
fi
grep -qx 'Aufruf: bisview \[OPTION\]\.\.\. \[LOG\]' "$SCRATCH/out" ||
	fail "German --help: no 'Aufruf:' line: $(head -n 1 "$SCRATCH/out")"
aligned "$SCRATCH/out" || fail "German --help: descriptions not in column 20 (lines above)"
for opt in --summary --json --scan --check --demo --script --size --tree --no-tree \
	--trust-repo --no-color --no-mouse --help --version; do
	grep -q -- "$opt" "$SCRATCH/out" || fail "German --help lacks $opt"
done
grep -q '^Exit-Status: ' "$SCRATCH/out" || fail "German --help: no Exit-Status line"
note "--help in German, aligned as the English one"
