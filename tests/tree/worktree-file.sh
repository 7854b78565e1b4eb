#!/bin/sh
# The editor gets the work tree's own file when it is the commit's byte
# for byte (issue 15: ctags and language servers know it by that path),
# else a private copy. tree_workdir_file_same() (tests/tree/tree-probe
# "same") on a scratch repository: the same file gives its absolute path;
# a modified, missing, symlinked or non-regular one, a bare repository,
# and every path that is not plainly inside the work tree (../, absolute,
# ./, //, .git/, through a symlinked directory, odd bytes) give "copy".
# Then the explorer itself (script mode says what it would run): the diff
# view's :edit hands over the work tree's path, a temporary copy once the
# file is modified, and a temporary copy from a bare clone.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd git

PROBE=$top_builddir/tests/tree/tree-probe
[ -x "$PROBE" ] || fail "tests/tree/tree-probe is not built"
git_env "$SCRATCH/home"
explorer_env
unset VISUAL 2>/dev/null || true
TMPDIR=$SCRATCH/tmp
export TMPDIR
mkdir "$TMPDIR"

R=$SCRATCH/repo
mkdir "$R"
git -C "$R" init -q
git -C "$R" config user.name 'T Tester'
git -C "$R" config user.email t@example.org
mkdir "$R/mm"
printf 'int base;\n' >"$R/mm/base.c"
git -C "$R" add mm/base.c
GIT_COMMITTER_DATE='2024-01-01T00:00:00Z' GIT_AUTHOR_DATE='2024-01-01T00:00:00Z' \
	git -C "$R" commit -q -m 'base'
good=$(git -C "$R" rev-parse HEAD)
printf 'int f(void)\n{\n\treturn 0;\n}\n' >"$R/mm/f.c"
printf 'int g;\n' >"$R/mm/g.c"
git -C "$R" add mm/f.c mm/g.c
GIT_COMMITTER_DATE='2024-01-02T00:00:00Z' GIT_AUTHOR_DATE='2024-01-02T00:00:00Z' \
	git -C "$R" commit -q -m 'mm: add f'
bad=$(git -C "$R" rev-parse HEAD)
TOP=$(git -C "$R" rev-parse --show-toplevel)

# same PATH FILE: what the tree layer answers for PATH holding FILE's bytes
same()
{
	"$PROBE" "$R" same "$1" "$2" || fail "tree-probe same $1 failed"
}
want_copy()
{
	got=$(same "$1" "$2")
	[ "$got" = copy ] || fail "$3: the work tree's file was handed over ($got)"
}

git -C "$R" show "$bad:mm/f.c" >"$SCRATCH/f.c"
assert_eq "an identical file" "$TOP/mm/f.c" "$(same mm/f.c "$SCRATCH/f.c")"
printf 'int g;\n' >"$SCRATCH/g.c"
assert_eq "an identical file (2)" "$TOP/mm/g.c" "$(same mm/g.c "$SCRATCH/g.c")"

# not the same bytes
printf 'int g;\n\n' >"$SCRATCH/g2.c"
want_copy mm/g.c "$SCRATCH/g2.c" "one byte longer"
printf 'int h;\n' >"$SCRATCH/h.c"
want_copy mm/g.c "$SCRATCH/h.c" "the same size, other bytes"
want_copy mm/none.c "$SCRATCH/g.c" "a file the work tree lacks"

# paths that leave the work tree or are not plain
cp "$SCRATCH/g.c" "$SCRATCH/outside.c"
want_copy ../outside.c "$SCRATCH/g.c" "a ../ path"
want_copy mm/../../outside.c "$SCRATCH/g.c" "a path through .."
want_copy "$SCRATCH/outside.c" "$SCRATCH/g.c" "an absolute path"
want_copy ./mm/g.c "$SCRATCH/g.c" "a ./ path"
want_copy mm//g.c "$SCRATCH/g.c" "an empty component"
want_copy mm/ "$SCRATCH/g.c" "a directory path"
cp "$R/.git/HEAD" "$SCRATCH/HEAD"
want_copy .git/HEAD "$SCRATCH/HEAD" "a file of the git directory"
want_copy .GIT/HEAD "$SCRATCH/HEAD" "a file of the git directory (another case)"
cp "$SCRATCH/g.c" "$R/mm/odd name;x.c"
want_copy "mm/odd name;x.c" "$SCRATCH/g.c" "a name with a blank and a ;"

# symbolic links, on the file and on a directory on its way
ln -s g.c "$R/mm/link.c"
want_copy mm/link.c "$SCRATCH/g.c" "a symlinked file"
ln -s mm "$R/lnk"
want_copy lnk/g.c "$SCRATCH/g.c" "a file through a symlinked directory"
ln -s "$SCRATCH" "$R/out"
want_copy out/outside.c "$SCRATCH/g.c" "a symlink out of the work tree"
# not a regular file: a FIFO is refused without being opened for long
mkfifo "$R/mm/fifo.c"
: >"$SCRATCH/empty"
got=$(timeout 10 "$PROBE" "$R" same mm/fifo.c "$SCRATCH/empty") || fail "a FIFO: tree-probe failed or hung"
[ "$got" = copy ] || fail "a FIFO was handed over ($got)"
rm -f "$R/mm/fifo.c" "$R/mm/link.c" "$R/lnk" "$R/out" "$R/mm/odd name;x.c"

# a bare repository has no work tree
git clone -q --bare "$R" "$SCRATCH/bare.git"
got=$("$PROBE" "$SCRATCH/bare.git" same mm/g.c "$SCRATCH/g.c") || fail "tree-probe same (bare) failed"
[ "$got" = copy ] || fail "a bare repository handed over a path ($got)"

# --- the explorer: :edit in the diff view (script mode: what it would run)
printf '%s\n' "git bisect start" \
	"# bad: [$bad] mm: add f" "git bisect bad $bad" \
	"# good: [$good] base" "git bisect good $good" \
	"# first bad commit: [$bad] mm: add f" >"$SCRATCH/b.log"
script edit ':view-diff' "/return<Enter>" ':edit' ":dump-screen $SCRATCH/edit.screen"
# argv TREE: the argv script mode says it would run, from TREE
argv()
{
	EDITOR=myeditor bv_ok -C "$1" --script "$SCRATCH/edit.keys" --size 200x40 "$SCRATCH/b.log"
	sed -n 's/^would run: //p' "$SCRATCH/edit.screen" | sed 's/ *$//'
}
assert_eq "the same file in the work tree" "myeditor +3 $TOP/mm/f.c" "$(argv "$R")"
printf '/* changed */\n' >>"$R/mm/f.c"
got=$(argv "$R")
case $got in
"myeditor +3 $TMPDIR/bisview-"??????"-f.c") ;;
*) fail "a modified work-tree file was handed over: '$got'" ;;
esac
git -C "$R" checkout -q -- mm/f.c
got=$(argv "$SCRATCH/bare.git")
case $got in
"myeditor +3 $TMPDIR/bisview-"??????"-f.c") ;;
*) fail "a bare repository's :edit: '$got'" ;;
esac
[ -z "$(ls -A "$TMPDIR")" ] || fail "a temporary copy was left behind: $(ls -A "$TMPDIR")"
git -C "$R" status --porcelain >"$SCRATCH/status"
[ ! -s "$SCRATCH/status" ] || fail "the work tree changed: $(cat "$SCRATCH/status")"

note "ok"
