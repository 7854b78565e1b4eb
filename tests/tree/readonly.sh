#!/bin/sh
# bisview never writes to the user's git tree (doc/design.md §7): every
# file under the repository (its .git and its work tree) keeps its content
# (sha256sum), and every file and directory its name, type, mode, size and
# mtime (so a lock file made and removed again shows in its directory's
# mtime), across every mode that opens the tree: --json, --summary,
# --json --check, --scan and --scan --json, with -C, with $BISVIEW_TREE
# and from inside the repository; with logs whose commits are all there,
# partly missing (the pack rescan of a missing id), or given by tag and
# abbreviation. Repositories: a normal one, a bare one, one after `git gc`
# with packed refs and git's default commit-graph, one with a
# generation-1 commit-graph (the kind libgit2 1.5.1 maps), and a
# `git worktree add` work tree with its main repository.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot

tl_setup
tl_logs
h=$(sed -n 2p "$W/a.steps" | cut -d' ' -f1)
sed "s/$h/0123456789abcdef0123456789abcdef01234567/g" "$LOGS/syzbot.log" >"$LOGS/missing.log"
{
	echo "git bisect start v1.3 v1.2"
	awk '{ print "git bisect " $2 " " substr($1, 1, 10) }' "$W/a.steps"
	echo "git bisect skip v1.2-rc1"
} >"$LOGS/refs.log"

git clone -q --bare "$R" "$W/bare.git"
cp -a "$R" "$W/gc"
git -C "$W/gc" gc -q
git -C "$W/gc" pack-refs --all
git -C "$W/gc" commit-graph write --reachable >/dev/null 2>&1
[ -f "$W/gc/.git/packed-refs" ] || fail "git pack-refs left no packed-refs"
[ -f "$W/gc/.git/objects/info/commit-graph" ] || fail "git left no commit-graph"
cp -a "$R" "$W/gen1"
git -C "$W/gen1" -c commitGraph.generationVersion=1 commit-graph write --reachable >/dev/null 2>&1
cp -a "$R" "$W/main"
git -C "$W/main" worktree add -q --detach "$W/main-wt" v1.3
# git may have left files to settle (gc.log, auto-packing); let it finish
sleep 1

# all_ways_in WHAT DIR: all modes that open the tree, with the tree named
# by -C DIR, by $BISVIEW_TREE, and found from the current directory; each
# run must succeed (bv_runs)
all_ways_in()
{
	for log in "$LOGS"/*.log; do
		bv_runs "$1" --json -C "$2" "$log"
		jq_assert "$SCRATCH/out" '.tree.found > 0' "$1: $log: the tree must be used"
		bv_runs "$1" --summary -C "$2" "$log"
		bv_runs "$1" --json --check -C "$2" "$log"
		bv_runs "$1" --summary --tree "$2" "$log"
		# the explorer, every view opened (diffs and files read from the
		# tree by its worker thread), reloaded, closed
		bv_runs "$1" --script "$SCRATCH/walk.keys" -C "$2" "$log"
		(cd "$2" && bv_runs "$1" --script "$SCRATCH/walk.keys" "$log")
		(cd "$PLAIN" && BISVIEW_TREE=$2 bv_runs "$1" --json "$log")
		(cd "$PLAIN" && BISVIEW_TREE=$2 bv_runs "$1" --summary "$log")
		(cd "$2" && bv_runs "$1" --json "$log")
		if [ -d "$2/mm" ]; then
			(cd "$2/mm" && bv_runs "$1" --summary "$log")
		fi
	done
	bv_runs "$1" --scan -C "$2" "$LOGS"
	bv_runs "$1" --scan --json -C "$2" "$LOGS"
	(cd "$2" && bv_runs "$1" --scan "$LOGS")
	(cd "$PLAIN" && BISVIEW_TREE=$2 bv_runs "$1" --scan --json "$LOGS")
}

# check_readonly WHAT DIR [MORE_DIR]: nothing under DIR (and MORE_DIR) changes
check_readonly()
{
	script walk '<Enter>' ':dump-screen' J K i l E C '<Enter>' j '<Enter>' \
		m S '<Enter>' h R c d '}' ']' q q q ':dump-screen'
	tl_snapshot "$2" "$W/before"
	[ -z "${3:-}" ] || tl_snapshot "$3" "$W/before3"
	all_ways_in "$1" "$2"
	tl_snapshot "$2" "$W/after"
	[ -z "${3:-}" ] || tl_snapshot "$3" "$W/after3"
	tl_unchanged "$1" "$2" "$W/before" "$W/after"
	[ -z "${3:-}" ] || tl_unchanged "$1" "$3" "$W/before3" "$W/after3"
	[ "$(wc -l <"$W/before.sum")" -gt 10 ] || fail "$1: the snapshot of $2 is empty"
}

sec_normal() { check_readonly normal "$R"; }
sec_bare() { check_readonly bare "$W/bare.git"; }
sec_gc() { check_readonly gc-commit-graph "$W/gc"; }
sec_gen1() { check_readonly generation-1-graph "$W/gen1"; }
sec_worktree() { check_readonly worktree "$W/main-wt" "$W/main"; }

tl_section normal sec_normal
tl_section bare sec_bare
tl_section gc-commit-graph sec_gc
tl_section generation-1-graph sec_gen1
tl_section worktree sec_worktree
tl_finish
