#!/bin/sh
# The tree layer's patches and file texts against the git CLI: for
# commits of every kind in the scratch repository (a rename with an add
# and a delete, a merge against its first parent, the root commit, plain
# edits), the typed patch lines bisview shows must be git's own diff
# lines, and a file's text at a commit must be `git show C:path` to the
# byte. Missing paths and commits are refused, not guessed.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"

PROBE=$top_builddir/tests/tree/tree-probe
[ -x "$PROBE" ] || fail "tests/tree/tree-probe is not built"
tl_setup

RENAME=$(tl_find "$R" 'mm: special rename')
MERGE=$(tl_find "$R" "Merge branch 'topic6-c3'")
ROOT=$(git -C "$R" rev-list --max-parents=0 HEAD | head -n 1)
checked=0

# git's diff of C against its first parent (the empty tree for a root),
# less the "index" lines (abbreviation lengths are a matter of taste) and
# "similarity index" (libgit2 scores renames with its own metric: 94%
# where git says 95%; which files are renames is the same)
git_patch()
{
	if [ "$(git -C "$R" rev-list --parents -n 1 "$1" | wc -w)" -gt 1 ]; then
		git -C "$R" diff --no-color -M "$1^1" "$1"
	else
		git -C "$R" show --no-color --format= -M "$1"
	fi | grep -v -e '^index ' -e '^similarity index '
}

for c in $RENAME $MERGE $ROOT $(git -C "$R" rev-list --no-merges --max-count=12 HEAD); do
	"$PROBE" "$R" patch "$c" | grep -v -e '^index ' -e '^similarity index ' >"$W/got" ||
		fail "no patch for $c"
	git_patch "$c" >"$W/want"
	if ! cmp -s "$W/want" "$W/got"; then
		diff "$W/want" "$W/got" | head -20 >&2
		fail "patch of $c differs from git's"
	fi
	checked=$((checked + 1))
done

files=0
for c in $RENAME $MERGE $ROOT HEAD; do
	c=$(git -C "$R" rev-parse "$c")
	for path in $(git -C "$R" ls-tree -r --name-only "$c" | head -n 15); do
		git -C "$R" show "$c:$path" >"$W/want"
		"$PROBE" "$R" file "$c" "$path" >"$W/got" || fail "no text for $c:$path"
		cmp -s "$W/want" "$W/got" || fail "text of $c:$path differs from git show"
		files=$((files + 1))
	done
done

# refused: a path that is not there, a directory, escapes, a missing commit
for path in no/such/file.c mm ../etc/passwd /etc/passwd; do
	if "$PROBE" "$R" file HEAD "$path" >/dev/null 2>&1; then
		fail "tree_file_at gave text for '$path'"
	fi
done
if "$PROBE" "$R" file 0123456789012345678901234567890123456789 Makefile >/dev/null 2>&1; then
	fail "tree_file_at gave text at a commit the tree lacks"
fi
[ "$checked" -ge 10 ] && [ "$files" -ge 20 ] || fail "too little compared ($checked patches, $files files)"
echo "tree-patch: $checked patches and $files file texts equal git's"
