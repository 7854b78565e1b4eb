#!/bin/sh
# Repository layouts that hold the same history differently (issue 17:
# they are right, and must stay so): each gives exactly the --json of a
# full clone (`git clone file://`) but for tree.path (where the tree is),
# for the syzbot log and the `git bisect log` of a real bisection, and the
# same --summary but for the Tree: line's path; tree.partial is null (no
# layout is a partial clone), and bisview writes nothing to the repository
# nor to the one it borrows from. The layouts:
#  - alternates: `git clone --shared`, no object of its own
#    (objects/info/alternates names the full clone's objects);
#  - a linked worktree (`git worktree add`, .git a file), named with -C
#    and found from a subdirectory of it;
#  - a split commit-graph chain: `git commit-graph write --split`, new
#    commits, `--split=no-merge` again: two layers;
#  - a multi-pack index over several packs (one fetch each of v1.1, v1.2,
#    v1.3, then the rest, every one kept as a pack).
# A layout the installed git cannot make is left out with a note; with none
# the test skips.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot

tl_setup
tl_logs
# nothing runs in the background and changes a repository between snapshots
git config --global gc.auto 0
git config --global maintenance.auto false
FULL=$W/full
git clone -q "file://$R" "$FULL"
LAYOUTS=

# lacks WHAT COMMAND...: COMMAND's help does not mention WHAT (git is too
# old for it)
lacks()
{
	_w=$1
	shift
	! "$@" -h 2>&1 | grep -q -e "$_w"
}

# layout NAME: add NAME to the layouts to check
layout()
{
	LAYOUTS="$LAYOUTS $1"
}

# not_made NAME WHY: a layout this git cannot make
not_made()
{
	note "no $1 layout: $2 (git $(git --version | cut -d' ' -f3))"
}

### alternates
if lacks '--shared' git clone; then
	not_made alternates "no git clone --shared"
else
	git clone -q --shared "$FULL" "$W/alternates" 2>"$W/err" ||
		fail "git clone --shared failed: $(head -c 300 "$W/err")"
	[ -s "$W/alternates/.git/objects/info/alternates" ] ||
		fail "git clone --shared wrote no objects/info/alternates"
	git -C "$W/alternates" count-objects -v | grep -qx -e 'count: 0' ||
		fail "the alternates clone has loose objects of its own"
	git -C "$W/alternates" count-objects -v | grep -qx -e 'packs: 0' ||
		fail "the alternates clone has packs of its own"
	layout alternates
fi

### a linked worktree
git clone -q "file://$R" "$W/main"
if git -C "$W/main" worktree add -q --detach "$W/worktree" master 2>"$W/err"; then
	[ -f "$W/worktree/.git" ] || fail "git worktree add left no .git file"
	layout worktree
elif lacks "worktree add" git worktree; then
	not_made worktree "no git worktree"
else
	fail "git worktree add failed: $(head -c 300 "$W/err")"
fi

### a split commit-graph chain
git clone -q "file://$R" "$W/split"
if lacks '--split' git -C "$W/split" commit-graph write; then
	not_made split-commit-graph "no git commit-graph write --split"
else
	git -C "$W/split" commit-graph write --split --reachable 2>"$W/err" ||
		fail "git commit-graph write --split failed: $(head -c 300 "$W/err")"
	# new commits on a side branch: the log's commits stay in the first layer
	_p=$(tl_rev "$W/split" master)
	for i in 1 2 3; do
		_p=$(GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T \
			GIT_COMMITTER_EMAIL=t@example.org git -C "$W/split" commit-tree -p "$_p" \
			-m "side $i" "$_p^{tree}") || fail "git commit-tree failed"
	done
	git -C "$W/split" update-ref refs/heads/side "$_p"
	if git -C "$W/split" commit-graph write --split=no-merge --reachable 2>"$W/err"; then
		_chain=$W/split/.git/objects/info/commit-graphs/commit-graph-chain
		[ -f "$_chain" ] && [ "$(lines_in "$_chain")" -ge 2 ] ||
			fail "git wrote no commit-graph chain of two layers"
		layout split-commit-graph
	else
		not_made split-commit-graph "no git commit-graph write --split=no-merge: $(head -c 200 "$W/err")"
	fi
fi

### a multi-pack index over several packs
git init -q "$W/midx"
if lacks write git -C "$W/midx" multi-pack-index; then
	not_made multi-pack-index "no git multi-pack-index"
else
	for t in v1.1 v1.2 v1.3; do
		git -C "$W/midx" -c fetch.unpackLimit=1 fetch -q "file://$R" \
			"refs/tags/$t:refs/tags/$t" || fail "git fetch $t failed"
	done
	git -C "$W/midx" -c fetch.unpackLimit=1 fetch -q --update-head-ok "file://$R" \
		'+refs/heads/*:refs/heads/*' '+refs/tags/*:refs/tags/*' || fail "git fetch failed"
	git -C "$W/midx" reset -q --hard master || fail "cannot check out master in $W/midx"
	git -C "$W/midx" multi-pack-index write 2>"$W/err" ||
		fail "git multi-pack-index write failed: $(head -c 300 "$W/err")"
	[ -f "$W/midx/.git/objects/pack/multi-pack-index" ] || fail "git wrote no multi-pack-index"
	_packs=$(find "$W/midx/.git/objects/pack" -name '*.pack' | wc -l)
	[ "$_packs" -ge 4 ] || fail "the multi-pack index covers $_packs packs, not 4"
	git -C "$W/midx" count-objects -v | grep -qx -e 'count: 0' ||
		fail "$W/midx has loose objects: every object must be in a pack"
	layout multi-pack-index
fi

[ -n "$LAYOUTS" ] || skip "this git makes none of the layouts"

# the full clone's facts, checked against git, once
for l in syzbot gitbisect; do
	tl_json "$W/full.$l.json" "$LOGS/$l.log" -C "$FULL"
	tl_check_facts "full.$l" "$W/full.$l.json" "$FULL"
	jq_assert "$W/full.$l.json" '.tree.partial == null and .tree.range.verified and
		(.tree.culprit.files | length) > 0' "full: $l: a verified range and the culprit's files"
	bv_ok --summary -C "$FULL" "$LOGS/$l.log"
	sed 's/^Tree: .* (/Tree: (/' "$SCRATCH/out" >"$W/full.$l.summary"
done

# same_facts NAME LOG DIR [CWD]: --json -C DIR (or run in CWD with no -C)
# is the full clone's but for tree.path, and --summary too but for the
# Tree: line's path
same_facts()
{
	if [ -n "${4:-}" ]; then
		(cd "$4" && bv_ok --json "$LOGS/$2.log")
		mv "$SCRATCH/out" "$W/$1.$2.json"
		(cd "$4" && bv_ok --summary "$LOGS/$2.log")
	else
		tl_json "$W/$1.$2.json" "$LOGS/$2.log" -C "$3"
		bv_ok --summary -C "$3" "$LOGS/$2.log"
	fi
	sed 's/^Tree: .* (/Tree: (/' "$SCRATCH/out" | diff -u "$W/full.$2.summary" - \
		>"$W/$1.$2.diff" || fail "$1: $2: --summary differs from the full clone's: $(head -20 "$W/$1.$2.diff")"
	jq_assert "$W/$1.$2.json" ".tree.path | startswith(\"$3\")" "$1: $2: tree.path must be $3"
	jq 'del(.tree.path)' "$W/full.$2.json" >"$W/a"
	jq 'del(.tree.path)' "$W/$1.$2.json" >"$W/b"
	diff -u "$W/a" "$W/b" >"$W/$1.$2.diff" ||
		fail "$1: $2: --json differs from the full clone's (full/$1): $(head -40 "$W/$1.$2.diff")"
}

# check_layout NAME DIR [OTHER]: same_facts for both logs; nothing under
# DIR (nor OTHER, the repository it borrows from) changes
check_layout()
{
	tl_snapshot "$2" "$W/$1.before"
	[ -z "${3:-}" ] || tl_snapshot "$3" "$W/$1.other.before"
	for l in syzbot gitbisect; do
		same_facts "$1" "$l" "$2"
	done
	[ "$1" != worktree ] || same_facts worktree-cwd syzbot "$2" "$2/mm"
	tl_snapshot "$2" "$W/$1.after"
	tl_unchanged "$1" "$2" "$W/$1.before" "$W/$1.after"
	[ -z "${3:-}" ] || { tl_snapshot "$3" "$W/$1.other.after" &&
		tl_unchanged "$1" "$3" "$W/$1.other.before" "$W/$1.other.after"; }
}

sec_alternates() { check_layout alternates "$W/alternates" "$FULL"; }
sec_worktree() { check_layout worktree "$W/worktree" "$W/main"; }
sec_split_commit_graph() { check_layout split-commit-graph "$W/split"; }
sec_multi_pack_index() { check_layout multi-pack-index "$W/midx"; }

for l in $LAYOUTS; do
	tl_section "$l" "sec_$(echo "$l" | tr '-' '_')"
done
tl_finish
