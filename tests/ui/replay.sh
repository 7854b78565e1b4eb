#!/bin/sh
# The explorer's replay files (doc/design.md "Resuming a bisection"), in
# script mode: w, f and u on the selected step open a prompt with a
# default path under the current directory; Enter writes what --replay,
# --flip N and --until N print and the status line names the file and the
# git command; a step git gave no verdict cannot be flipped (no prompt);
# a path inside a git directory - the tree's .git, through a symlink, a
# bare repository - is refused in one line and nothing is written; Esc
# writes nothing.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

LOG=$DATA/cause-deadlock-retract_page_tables.log
explorer_env
need_cmd git
git_env "$SCRATCH/home"

# status NAME: the status line of the last :dump-screen of run NAME
status()
{
	tail -n 1 "$SCRATCH/out" | sed 's/ *$//'
}

# the prompt with its default path, then Enter: the file is --flip 5's
script flip ':5' 'f' ':dump-screen' '<Enter>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/flip.keys" --size 120x24 "$LOG"
sed -n 24p "$SCRATCH/out" | grep -q '^Write the replay file: \./bisview-replay-flip-5\.txt *$' ||
	fail "no prompt with the default path: $(sed -n 24p "$SCRATCH/out")"
assert_eq "status after writing" \
	"Wrote ./bisview-replay-flip-5.txt; in the tree run: git bisect replay ./bisview-replay-flip-5.txt" \
	"$(status)"
bv_ok --replay --flip 5 "$LOG"
cmp -s "$SCRATCH/out" "$SCRATCH/bisview-replay-flip-5.txt" ||
	fail "the flip file is not --replay --flip 5's"
[ "$(stat -c %a "$SCRATCH/bisview-replay-flip-5.txt")" = 644 ] || fail "the file is not mode 644"
! ls "$SCRATCH"/.bisview-replay-* >/dev/null 2>&1 || fail "a temporary file was left behind"

# u and w: --until 5's and the whole replay
script until ':5' 'u<Enter>' 'w<Enter>'
bv_ok --no-tree --script "$SCRATCH/until.keys" "$LOG"
bv_ok --replay --until 5 "$LOG"
cmp -s "$SCRATCH/out" "$SCRATCH/bisview-replay-until-5.txt" || fail "the until file is not --until 5's"
bv_ok --replay "$LOG"
cmp -s "$SCRATCH/out" "$SCRATCH/bisview-replay.txt" || fail "the replay file is not --replay's"

# an existing file is replaced whole; Esc writes nothing
echo old >"$SCRATCH/keep.txt"
script esc ':5' 'f<C-u>keep.txt<Esc>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/esc.keys" "$LOG"
assert_eq "Esc keeps the file" old "$(cat "$SCRATCH/keep.txt")"
script replace ':5' 'f<C-u>keep.txt<Enter>'
bv_ok --no-tree --script "$SCRATCH/replace.keys" "$LOG"
bv_ok --replay --flip 5 "$LOG"
cmp -s "$SCRATCH/out" "$SCRATCH/keep.txt" || fail "keep.txt was not replaced by the flip file"

# step 1 (the release v6.2) got no git bisect verdict: no prompt
script release ':1' 'f' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/release.keys" --size 120x24 "$LOG"
assert_eq "f on a release step" "step 1 is not one that git bisect was given a verdict on" "$(status)"

# inside git directories: refused, nothing written
git init -q "$SCRATCH/tree" || fail "git init failed"
git init -q --bare "$SCRATCH/bare.git" || fail "git init --bare failed"
ln -s tree/.git "$SCRATCH/gitlink"
mkdir "$SCRATCH/tree/.git/sub"
for p in tree/.git/replay.txt gitlink/replay.txt tree/.git/sub/../replay.txt bare.git/replay.txt \
	tree/.git/sub/replay.txt; do
	script refuse ':5' "f<C-u>$p<Enter>" ':dump-screen'
	bv_ok --no-tree --script "$SCRATCH/refuse.keys" --size 160x24 "$LOG"
	status | grep -q "^not written: $p is inside the git directory $SCRATCH/.*\.git" ||
		fail "$p: not refused: $(status)"
done
[ -z "$(find "$SCRATCH/tree/.git" "$SCRATCH/bare.git" -name 'replay.txt' -o -name '.bisview-replay-*')" ] ||
	fail "something was written into a git directory"
# the work tree itself is fine
script worktree ':5' 'f<C-u>tree/replay.txt<Enter>'
bv_ok --no-tree --script "$SCRATCH/worktree.keys" "$LOG"
[ -s "$SCRATCH/tree/replay.txt" ] || fail "no file in the work tree"
# a directory that does not exist: one line, nothing written
script nodir ':5' 'f<C-u>nodir/x.txt<Enter>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/nodir.keys" --size 120x24 "$LOG"
status | grep -q '^not written: nodir/x.txt: ' || fail "no error for a missing directory: $(status)"
