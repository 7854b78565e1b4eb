#!/bin/sh
# bisview never writes to the user's git tree (PRODUCT.md "Never"): every
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
need_cmd sha256sum
find . -maxdepth 0 -printf '' 2>/dev/null || skip "find has no -printf (GNU findutils)"

R=$SCRATCH/repo
W=$SCRATCH/work
LOGS=$SCRATCH/logs
PLAIN=$SCRATCH/plain
mkdir -p "$W" "$LOGS" "$PLAIN"
tl_make_repo "$R"
BAD=$(tl_rev "$R" v1.3)
GOOD=$(tl_rev "$R" v1.2)
tl_bisect "$R" "$W/a" v1.3 v1.2 "$(tl_find "$R" 'mm: special rename')"
tl_syzbot_log "$R" "$W/a" "$BAD" "$GOOD" v1.2 >"$LOGS/syzbot.log"
h=$(sed -n 2p "$W/a.steps" | cut -d' ' -f1)
sed "s/$h/0123456789abcdef0123456789abcdef01234567/g" "$LOGS/syzbot.log" >"$LOGS/missing.log"
{
	echo "git bisect start v1.3 v1.2"
	awk '{ print "git bisect " $2 " " substr($1, 1, 10) }' "$W/a.steps"
	echo "git bisect skip v1.2-rc1"
} >"$LOGS/refs.log"
cp "$W/a.gitlog" "$LOGS/gitbisect.log"

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

# run WHAT ARG...: bisview must run (exit 0, or 1 for --check)
run()
{
	_what=$1
	shift
	bv "$@"
	case $rc in
	0) ;;
	1) case " $* " in *" --check "*) ;; *) fail "$_what: bisview $* exited 1" ;; esac ;;
	*) fail "$_what: bisview $* exited $rc: $(head -c 300 "$SCRATCH/err")" ;;
	esac
}

# every_mode WHAT DIR: all modes that open the tree, with the tree named
# by -C DIR, by $BISVIEW_TREE, and found from the current directory
every_mode()
{
	for log in "$LOGS"/*.log; do
		run "$1" --json -C "$2" "$log"
		jq_assert "$SCRATCH/out" '.tree.found > 0' "$1: $log: the tree must be used"
		run "$1" --summary -C "$2" "$log"
		run "$1" --json --check -C "$2" "$log"
		run "$1" --summary --tree "$2" "$log"
		# the explorer, every view opened (diffs and files read from the
		# tree by its worker thread), reloaded, closed
		run "$1" --script "$W/keys" -C "$2" "$log"
		(cd "$2" && run "$1" --script "$W/keys" "$log")
		(cd "$PLAIN" && BISVIEW_TREE=$2 run "$1" --json "$log")
		(cd "$PLAIN" && BISVIEW_TREE=$2 run "$1" --summary "$log")
		(cd "$2" && run "$1" --json "$log")
		if [ -d "$2/mm" ]; then
			(cd "$2/mm" && run "$1" --summary "$log")
		fi
	done
	run "$1" --scan -C "$2" "$LOGS"
	run "$1" --scan --json -C "$2" "$LOGS"
	(cd "$2" && run "$1" --scan "$LOGS")
	(cd "$PLAIN" && BISVIEW_TREE=$2 run "$1" --scan --json "$LOGS")
}

# check WHAT DIR [MORE_DIR]: nothing under DIR (and MORE_DIR) changes
check()
{
	printf '%s\n' '<Enter>' ':dump-screen' J K i l E C '<Enter>' j '<Enter>' \
		m S '<Enter>' h R c d '}' ']' q q q ':dump-screen' >"$W/keys"
	tl_snapshot "$2" "$W/before"
	[ -z "${3:-}" ] || tl_snapshot "$3" "$W/before3"
	every_mode "$1" "$2"
	tl_snapshot "$2" "$W/after"
	[ -z "${3:-}" ] || tl_snapshot "$3" "$W/after3"
	tl_unchanged "$1" "$2" "$W/before" "$W/after"
	[ -z "${3:-}" ] || tl_unchanged "$1" "$3" "$W/before3" "$W/after3"
	[ "$(wc -l <"$W/before.sum")" -gt 10 ] || fail "$1: the snapshot of $2 is empty"
}

sec_normal() { check normal "$R"; }
sec_bare() { check bare "$W/bare.git"; }
sec_gc() { check gc-commit-graph "$W/gc"; }
sec_gen1() { check generation-1-graph "$W/gen1"; }
sec_worktree() { check worktree "$W/main-wt" "$W/main"; }

tl_section normal sec_normal
tl_section bare sec_bare
tl_section gc-commit-graph sec_gc
tl_section generation-1-graph sec_gen1
tl_section worktree sec_worktree
tl_finish
