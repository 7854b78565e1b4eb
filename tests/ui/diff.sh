#!/bin/sh
# The explorer's diff view in script mode, on the built-in demo, checked
# with the git CLI:
#   - the culprit's diff: its header names the commit, its summary line is
#     git's, and its added and deleted lines are `git show`'s (tabs
#     expanded as a terminal shows them);
#   - a merge step says it is diffed against the first parent and shows
#     `git diff PARENT1 MERGE`; next-file / next-hunk (and back) land on
#     the file and hunk headers; Enter on a diffstat row jumps to its file;
#   - J reopens the diff for the next step (another commit in the title);
#   - :edit in script mode runs nothing and reports the argv: the user's
#     $EDITOR split on blanks, "+LINE", and a private temporary copy that
#     is gone afterwards; a file named with shell metacharacters reaches
#     the argv only as a filtered name (no shell ever sees it).
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v git >/dev/null 2>&1 || skip "git is not installed (Debian package git)"
need_cmd awk sed expand grep

git_env "$SCRATCH/home"
XDG_CONFIG_HOME=$HOME/.config
XDG_CACHE_HOME=$SCRATCH/xdg-cache
TMPDIR=$SCRATCH/tmp
LANGUAGE=C
# (LC_ALL: lib.sh's C.UTF-8 where the C library has it, so that text is
# compared unchanged)
export XDG_CONFIG_HOME XDG_CACHE_HOME TMPDIR LANGUAGE
unset VISUAL EDITOR 2>/dev/null || true
mkdir -p "$TMPDIR"

DEMO=$XDG_CACHE_HOME/bisview/demo-1
REPO=$DEMO/linux

# field_of DUMP WHAT: "selected", "step", "rows" from a :dump-view header
field_of()
{
	awk -v k="$2" 'NR == 1 { for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' "$1"
}

# rows_of DUMP KIND: the text of rows of a kind (add, del, hunk, ...)
rows_of()
{
	awk -F '\t' -v k="$2" 'NR > 1 && $2 == k { print $6 }' "$1"
}

# git_changes: a diff on stdin -> its + and - lines, tabs expanded
git_changes()
{
	awk '/^diff --git / { inhunk = 0 } /^@@ / { inhunk = 1; next }
	     inhunk && /^[-+]/ { print }' | expand -t 8
}

# The demo, made in $XDG_CACHE_HOME on first use.
script open ':view-diff' ":dump-view $SCRATCH/culprit.view" ":dump-screen $SCRATCH/culprit.screen"
bv_ok --demo --script "$SCRATCH/open.keys" --size 100x40
[ -d "$REPO/.git" ] || fail "the demo made no repository at $REPO"
culprit=$(sed -n 's/^\([0-9a-f]\{40\}\) is the first bad commit$/\1/p' "$DEMO/bisect.log")
[ -n "$culprit" ] || fail "the demo log names no culprit"

# --- the culprit's diff
assert_eq "diff view dumped" diff "$(awk -F '\t' 'NR == 1 { print $2 }' "$SCRATCH/culprit.view")"
assert_eq "the header's commit" "commit $culprit" "$(rows_of "$SCRATCH/culprit.view" commit)"
grep -q "^\[diff\] $(echo "$culprit" | cut -c1-12) " "$SCRATCH/culprit.screen" ||
	fail "the title does not name the culprit: $(grep '^\[diff\]' "$SCRATCH/culprit.screen")"
git -C "$REPO" show --format= --no-color --no-ext-diff -M "$culprit" | git_changes \
	>"$SCRATCH/culprit.git"
rows_of "$SCRATCH/culprit.view" add >"$SCRATCH/culprit.ours.add"
rows_of "$SCRATCH/culprit.view" del >"$SCRATCH/culprit.ours.del"
grep '^+' "$SCRATCH/culprit.git" >"$SCRATCH/culprit.git.add" || true
grep '^-' "$SCRATCH/culprit.git" >"$SCRATCH/culprit.git.del" || true
[ -s "$SCRATCH/culprit.git.add" ] || fail "git shows no added line for the culprit"
cmp -s "$SCRATCH/culprit.git.add" "$SCRATCH/culprit.ours.add" ||
	fail "added lines differ from git show: $(diff "$SCRATCH/culprit.git.add" "$SCRATCH/culprit.ours.add" | head -5)"
cmp -s "$SCRATCH/culprit.git.del" "$SCRATCH/culprit.ours.del" ||
	fail "deleted lines differ from git show: $(diff "$SCRATCH/culprit.git.del" "$SCRATCH/culprit.ours.del" | head -5)"
assert_eq "the summary line" \
	"$(git -C "$REPO" show --format= --shortstat -M "$culprit" | sed '/^$/d')" \
	"$(rows_of "$SCRATCH/culprit.view" summary)"
assert_eq "hunks" "$(git -C "$REPO" show --format= -M "$culprit" | grep -c '^@@')" \
	"$(rows_of "$SCRATCH/culprit.view" hunk | wc -l | tr -d ' ')"
note "culprit $culprit: $(wc -l <"$SCRATCH/culprit.ours.add" | tr -d ' ') added lines as git's"

# --- a merge step (step 6 of the demo), file and hunk moves, J
script steps ":dump-view $SCRATCH/steps.view"
bv_ok --demo --script "$SCRATCH/steps.keys" --size 100x40
merge_step=
merge=
while IFS='	' read -r _idx row phase verdict ref rest; do
	case $row in [0-9]*) ;; *) continue ;; esac
	h=$(git -C "$REPO" rev-parse -q --verify "$ref^{commit}" 2>/dev/null) || continue
	if [ "$(git -C "$REPO" rev-list --parents -n1 "$h" | wc -w)" -gt 2 ] &&
	   [ "$(git -C "$REPO" diff "$h^1" "$h" | grep -c '^@@')" -ge 3 ] &&
	   [ "$(git -C "$REPO" diff --name-only "$h^1" "$h" | wc -l)" -ge 2 ]; then
		merge_step=$row
		merge=$h
		break
	fi
done <<EOF
$(sed '1d; s/^[ >]//' "$SCRATCH/steps.view")
EOF
[ -n "$merge_step" ] || fail "the demo has no merge step with two files and three hunks"
line=$merge_step   # :N selects step N in the steps list
script merge ":$line" ':view-diff' ":dump-view $SCRATCH/m0.view" \
	'}' ":dump-view $SCRATCH/m1.view" '}' ":dump-view $SCRATCH/m2.view" \
	'{' ":dump-view $SCRATCH/m3.view" 'g' ']' ":dump-view $SCRATCH/m4.view" \
	']' ":dump-view $SCRATCH/m5.view" '[' ":dump-view $SCRATCH/m6.view" \
	'G' '{' ":dump-view $SCRATCH/m7.view" \
	'g' ']' ":dump-view $SCRATCH/m8.view" \
	":dump-screen $SCRATCH/m.screen" 'J' ":dump-screen $SCRATCH/j.screen" \
	":dump-view $SCRATCH/j.view"
bv_ok --demo --script "$SCRATCH/merge.keys" --size 100x40
assert_eq "the merge step's view" "$merge_step" "$(field_of "$SCRATCH/m0.view" step)"
rows_of "$SCRATCH/m0.view" note | grep -q 'merge: diffed against the first parent' ||
	fail "the merge's diff does not say it is against the first parent"
git -C "$REPO" diff --no-color --no-ext-diff -M "$merge^1" "$merge" | git_changes >"$SCRATCH/m.git"
awk -F '\t' 'NR > 1 && ($2 == "add" || $2 == "del") { print $6 }' "$SCRATCH/m0.view" \
	>"$SCRATCH/m.ours"
cmp -s "$SCRATCH/m.git" "$SCRATCH/m.ours" ||
	fail "the merge's lines differ from git diff ^1: $(diff "$SCRATCH/m.git" "$SCRATCH/m.ours" | head -5)"

# where the moves must land, from the dump itself: a file starts at its
# first header line, a hunk at its @@ line
awk -F '\t' 'BEGIN { last = -1 } NR > 1 && $2 == "file-header" && $3 != last { sub(/^[ >]/, "", $1); print $1; last = $3 }' \
	"$SCRATCH/m0.view" >"$SCRATCH/files"
awk -F '\t' 'NR > 1 && $2 == "hunk" { sub(/^[ >]/, "", $1); print $1 }' "$SCRATCH/m0.view" \
	>"$SCRATCH/hunks"
[ "$(wc -l <"$SCRATCH/files")" -ge 2 ] || fail "the merge's diff has fewer than two files"
f1=$(sed -n 1p "$SCRATCH/files")
f2=$(sed -n 2p "$SCRATCH/files")
flast=$(tail -n 1 "$SCRATCH/files")
h1=$(sed -n 1p "$SCRATCH/hunks")
h2=$(sed -n 2p "$SCRATCH/hunks")
assert_eq "next-file from the top" "$f1" "$(field_of "$SCRATCH/m1.view" selected)"
assert_eq "next-file again" "$f2" "$(field_of "$SCRATCH/m2.view" selected)"
assert_eq "previous-file" "$f1" "$(field_of "$SCRATCH/m3.view" selected)"
assert_eq "next-hunk from the top" "$h1" "$(field_of "$SCRATCH/m4.view" selected)"
assert_eq "next-hunk again" "$h2" "$(field_of "$SCRATCH/m5.view" selected)"
assert_eq "previous-hunk" "$h1" "$(field_of "$SCRATCH/m6.view" selected)"
assert_eq "previous-file from the end" "$flast" "$(field_of "$SCRATCH/m7.view" selected)"
assert_eq "next-hunk after g" "$h1" "$(field_of "$SCRATCH/m8.view" selected)"
grep -q '^\[diff\] [0-9a-f]\{12\} - file [0-9]* of [0-9]*' "$SCRATCH/m.screen" ||
	fail "the title does not count files: $(grep '^\[diff\]' "$SCRATCH/m.screen")"

# J: the next step's diff, another commit in the title
next_step=$((merge_step + 1))
assert_eq "J's step" "$next_step" "$(field_of "$SCRATCH/j.view" step)"
t0=$(sed -n 's/^\[diff\] \([0-9a-f]\{12\}\).*/\1/p' "$SCRATCH/m.screen")
t1=$(sed -n 's/^\[diff\] \([0-9a-f]\{12\}\).*/\1/p' "$SCRATCH/j.screen")
[ -n "$t0" ] && [ -n "$t1" ] && [ "$t0" != "$t1" ] ||
	fail "J did not reopen the diff on another commit ('$t0' then '$t1')"
assert_eq "the next step's commit" "$(git -C "$REPO" rev-parse "$t1")" \
	"$(rows_of "$SCRATCH/j.view" commit | sed 's/^commit //')"

# Enter on the second diffstat row: its file's header
stat2=$(awk -F '\t' 'NR > 1 && $2 == "stat" { n++; if (n == 2) { sub(/^[ >]/, "", $1); print $1 } }' \
	"$SCRATCH/m0.view")
script enter ":$line" ':view-diff' ":$((stat2 + 1))" '<Enter>' ":dump-view $SCRATCH/e.view"
bv_ok --demo --script "$SCRATCH/enter.keys" --size 100x40
assert_eq "Enter on a diffstat row" "$f2" "$(field_of "$SCRATCH/e.view" selected)"

# --- :edit in script mode: the argv, not a run
add_row=$(awk -F '\t' 'NR > 1 && $2 == "add" { sub(/^[ >]/, "", $1); print $1 "\t" $5; exit }' \
	"$SCRATCH/culprit.view")
add_line=${add_row#*	}
add_row=${add_row%%	*}
script edit ':view-diff' ":$((add_row + 1))" ':edit' ":dump-screen $SCRATCH/edit.screen"
EDITOR='myeditor  --wait' bv_ok --demo --script "$SCRATCH/edit.keys" --size 200x40
argv=$(sed -n 's/^would run: //p' "$SCRATCH/edit.screen" | sed 's/ *$//')
# the added line's file, from its "+++ b/PATH" header line
path=$(awk -F '\t' -v r="$add_row" '
	NR > 1 { i = $1; sub(/^[ >]/, "", i) }
	NR > 1 && $2 == "file-header" && $6 ~ /^\+\+\+ b\// { p[$3] = substr($6, 7) }
	NR > 1 && i == r { print p[$3]; exit }' "$SCRATCH/culprit.view")
[ -n "$path" ] || fail "no file for the added line at row $add_row"
base=$(basename "$path")
case $argv in
"myeditor --wait +$add_line $TMPDIR/bisview-"??????"-$base") ;;
*) fail "edit's argv: '$argv' (expected myeditor --wait +$add_line $TMPDIR/bisview-XXXXXX-$base)" ;;
esac
[ -z "$(ls -A "$TMPDIR")" ] || fail "the temporary copy was left behind: $(ls -A "$TMPDIR")"

# --- a file named with shell metacharacters, in a repository of its own
R=$SCRATCH/meta
mkdir "$R"
git -C "$R" init -q
git -C "$R" config user.name 'T Tester'
git -C "$R" config user.email t@example.org
echo base >"$R/README"
git -C "$R" add README
GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' \
	git -C "$R" commit -q -m 'base'
good=$(git -C "$R" rev-parse HEAD)
evil='x;touch PWNED $(touch PWNED2)`id`&q.c'
printf 'int main(void)\n{\n\treturn 0;\n}\n' >"$R/$evil"
git -C "$R" add -- "$evil"
GIT_COMMITTER_DATE='2024-01-02T00:00:00Z' GIT_AUTHOR_DATE='2024-01-02T00:00:00Z' \
	git -C "$R" commit -q -m 'add a file with a hostile name'
bad=$(git -C "$R" rev-parse HEAD)
printf '%s\n' "git bisect start" \
	"# bad: [$bad] add a file with a hostile name" "git bisect bad $bad" \
	"# good: [$good] base" "git bisect good $good" \
	"# first bad commit: [$bad] add a file with a hostile name" >"$SCRATCH/meta.log"
script meta ':view-diff' ":dump-view $SCRATCH/meta.view" "/return<Enter>" ':edit' \
	":dump-screen $SCRATCH/meta.screen"
mkdir "$SCRATCH/cwd"
(cd "$SCRATCH/cwd" && EDITOR=vi bv_ok -C "$R" --script "$SCRATCH/meta.keys" --size 200x40 \
	"$SCRATCH/meta.log") || exit 1
argv=$(sed -n 's/^would run: //p' "$SCRATCH/meta.screen" | sed 's/ *$//')
case $argv in
"vi +3 $TMPDIR/bisview-"??????"-x_touch_PWNED___touch_PWNED2__id__q.c") ;;
*) fail "edit's argv for a hostile name: '$argv'" ;;
esac
for f in PWNED PWNED2; do
	[ ! -e "$SCRATCH/cwd/$f" ] && [ ! -e "$SCRATCH/$f" ] && [ ! -e "$TMPDIR/$f" ] ||
		fail "a shell ran the file's name ($f exists)"
done
[ -z "$(ls -A "$TMPDIR")" ] || fail "the temporary copy was left behind: $(ls -A "$TMPDIR")"
rows_of "$SCRATCH/meta.view" add | grep -q "return 0;" || fail "the hostile file's diff is missing"
note "edit hands over: $argv"
