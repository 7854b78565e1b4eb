#!/bin/sh
# The manual and the bash completion against the program, so that none
# of the three drifts from the others:
#   - the built data/bisview.1 renders without a groff warning, and every
#     @WORD@ of data/bisview.1.in was replaced;
#   - its OPTIONS section lists exactly the long options of --help;
#   - the completion offers exactly those options, files for LOG and
#     --script, directories for -C/--tree, sizes for --size;
#   - when the program has --dump-keys=roff, every request it has (as
#     --dump-keys=text lists them: those of src/ui/request.h and the
#     view-* ones of src/ui/view_table.h) is in that table, and in the
#     manual's KEYS.
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

need_cmd groff bash
MAN=$top_builddir/data/bisview.1
COMPLETION=$top_srcdir/data/bisview.bash-completion
[ -f "$MAN" ] || fail "no $MAN (make builds it)"
[ -f "$COMPLETION" ] || fail "no $COMPLETION"

# --- rendering -----------------------------------------------------------
groff -man -ww -z -t "$MAN" 2>"$SCRATCH/groff.err" || fail "groff failed on $MAN"
[ ! -s "$SCRATCH/groff.err" ] || fail "groff warns about $MAN: $(head -5 "$SCRATCH/groff.err")"
! grep -n '@[A-Z_]*@' "$MAN" >"$SCRATCH/left" || fail "not substituted in $MAN: $(head -3 "$SCRATCH/left")"
# Plain ASCII text, no hyphenation, lines long enough not to break a tag
# (with -Tutf8 "\-" would become U+2212 and no option would match).
groff -man -Tascii -rLL=200n -rHY=0 -P-c -P-b -P-u "$MAN" >"$SCRATCH/man.txt" 2>/dev/null ||
	fail "groff -Tascii failed on $MAN"
# section NAME's text: from its heading to the next heading
section()
{
	awk -v name="$1" '/^[A-Z]/ { on = ($0 == name); next } on' "$SCRATCH/man.txt"
}
section OPTIONS >"$SCRATCH/options.txt"
section KEYS >"$SCRATCH/keys.txt"
[ -s "$SCRATCH/options.txt" ] || fail "no OPTIONS section in $MAN"
[ -s "$SCRATCH/keys.txt" ] || fail "no KEYS section in $MAN"

# --- the options of --help -----------------------------------------------
bv_ok --help
# the option lines: "  --summary ...", "  -C, --tree DIR ...", "      --no-tree ..."
sed -n 's/^ \{2,\}\(-[A-Za-z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' "$SCRATCH/out" |
	sort -u >"$SCRATCH/help-opts"
n=$(lines_in "$SCRATCH/help-opts")
# a broken extraction would compare nothing with nothing
[ "$n" -ge 10 ] || fail "only $n long options found in --help: $(tr '\n' ' ' <"$SCRATCH/help-opts")"
for o in --summary --json --scan --script --size --tree --no-mouse --help; do
	grep -qx -- "$o" "$SCRATCH/help-opts" || fail "--help's option $o not extracted"
done

# the manual's OPTIONS: each item's tag line, "       --summary", "       -C dir, --tree dir"
sed -n 's/^       \(-[A-Za-z][^,]*, \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' "$SCRATCH/options.txt" |
	sort -u >"$SCRATCH/man-opts"
if ! cmp -s "$SCRATCH/help-opts" "$SCRATCH/man-opts"; then
	fail "the manual's OPTIONS differ from --help (< --help, > manual):
$(diff "$SCRATCH/help-opts" "$SCRATCH/man-opts" | grep '^[<>]')"
fi
note "OPTIONS: the $n long options of --help"

# --- the completion --------------------------------------------------------
# complete WORD...: what _bisview offers for the last word, one a line,
# sorted. COMP_WORDS is split at "=" as bash does by default.
complete_words()
{
	bash -c '. "$1"; shift
		COMP_WORDS=(bisview "$@"); COMP_CWORD=$#
		_bisview; printf "%s\n" "${COMPREPLY[@]}"' complete "$COMPLETION" "$@" |
		sed '/^$/d' | sort
}
mkdir "$SCRATCH/comp" "$SCRATCH/comp/linux" && : >"$SCRATCH/comp/bisect.log" &&
	: >"$SCRATCH/comp/keys.txt" || fail "cannot make $SCRATCH/comp"
cd "$SCRATCH/comp" || fail "cannot enter $SCRATCH/comp"

complete_words -- | grep '^--' >"$SCRATCH/comp-opts"
if ! cmp -s "$SCRATCH/help-opts" "$SCRATCH/comp-opts"; then
	fail "the completion's options differ from --help (< --help, > completion):
$(diff "$SCRATCH/help-opts" "$SCRATCH/comp-opts" | grep '^[<>]')"
fi
assert_eq "completion of -" "-C -V -h" "$(complete_words - | grep -v '^--' | tr '\n' ' ' | sed 's/ $//')"
assert_eq "completion of --size" "120x40 80x24" "$(complete_words --size '' | tr '\n' ' ' | sed 's/ $//')"
assert_eq "completion of --size 1" "120x40" "$(complete_words --size 1)"
assert_eq "completion of LOG" "bisect.log keys.txt linux" "$(complete_words '' | tr '\n' ' ' | sed 's/ $//')"
assert_eq "completion of --script k" "keys.txt" "$(complete_words --script k)"
assert_eq "completion of -C" "linux" "$(complete_words -C '')"
assert_eq "completion of --tree" "linux" "$(complete_words --tree '')"
assert_eq "completion of --tree=" "linux" "$(complete_words --tree =)"
assert_eq "completion of --tree=l" "linux" "$(complete_words --tree = l)"
assert_eq "completion after --" "bisect.log" "$(complete_words --json -- --x b)"
cd "$SCRATCH" || fail "cannot enter $SCRATCH"
note "completion: options, files, directories and sizes"

# --- the key table ---------------------------------------------------------
bv --dump-keys=roff
if [ "$rc" -ne 0 ]; then
	note "no --dump-keys=roff in this bisview: key table not checked"
	exit 0
fi
cp "$SCRATCH/out" "$SCRATCH/keys.roff"
# every request, from the program (42 when this was written)
requests "$SCRATCH/requests"
n=$(lines_in "$SCRATCH/requests")
[ "$n" -ge 42 ] || fail "only $n requests in --dump-keys=text: $(tr '\n' ' ' <"$SCRATCH/requests")"
for r in move-down view-steps view-help quit; do
	grep -qx -- "$r" "$SCRATCH/requests" || fail "request $r not read from --dump-keys=text"
done
missing=
while read -r r; do
	# roff writes the name as \fImove\-down\fR
	esc=$(printf '%s' "$r" | sed 's/-/\\\\-/g')
	grep -q "(\\\\fI$esc\\\\fR)" "$SCRATCH/keys.roff" || missing="$missing $r(--dump-keys)"
	grep -qF "($r)" "$SCRATCH/keys.txt" || missing="$missing $r(manual)"
done <"$SCRATCH/requests"
[ -z "$missing" ] || fail "requests missing from the key table or the manual's KEYS:$missing"
note "KEYS: the $n requests of --dump-keys=text"
