#!/bin/sh
# The tree in awkward shapes, with a syzbot log of a real `git bisect` run
# on the scratch repository of tree-lib.sh:
#  - commits partly missing from the tree (also many, with a commit-graph:
#    the refresh trap of doc/libraries.md §1.3.2): missing counted, the rest
#    found, exit 0, and the run finishes;
#  - an unrelated repository: everything missing, no crash;
#  - a range whose bad commit is a root commit, with a commit-graph;
#  - a shallow clone: no crash, tree.shallow, a note saying so;
#  - -C / --tree / $BISVIEW_TREE naming no repository: exit 2 and one line
#    "bisview: PATH: not a git repository";
#  - a bare repository, a `git worktree add` work tree, a `.git` file
#    (--separate-git-dir), extensions.worktreeConfig with format version 1:
#    every fact as git gives it;
#  - --no-tree: tree null; no -C: the repository around the current
#    directory, else none; $BISVIEW_TREE honoured, -C before it;
#  - a repository owned by another user (as root): exit 2, one line with
#    a safe.directory hint git accepts; --trust-repo opens it.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"

tl_setup
tl_logs
LOG=$LOGS/syzbot.log
U=$SCRATCH/unrelated
tl_json "$W/full.json" "$LOG" -C "$R"
NSTEPS=$(jq '[.steps[] | select(.commit != null or .label != null)] | length' "$W/full.json")
[ "$NSTEPS" -ge 8 ] || fail "the log has only $NSTEPS steps"

git init -q "$U"
for i in 1 2 3; do
	echo "$i" >"$U/f"
	git -C "$U" add f
	GIT_AUTHOR_DATE="@$((1500000000 + i)) +0000" GIT_COMMITTER_DATE="@$((1500000000 + i)) +0000" \
		git -C "$U" -c user.name=U -c user.email=u@example.org commit -q -m "unrelated $i"
done

# no_slash PATH: PATH without its trailing slash
no_slash()
{
	printf '%s\n' "${1%/}"
}

# fake N: a hash no repository has
fake()
{
	printf 'missing %s\n' "$1" | sha1sum | cut -c1-40
}

sec_partly_missing()
{
	cp -a "$R" "$W/graph"
	git -C "$W/graph" commit-graph write --reachable >/dev/null 2>&1
	[ -f "$W/graph/.git/objects/info/commit-graph" ] || fail "no commit-graph written"
	# every second bisect step's commit replaced, in all its lines
	awk 'NR % 2 == 0 { print $1 }' "$W/a.steps" >"$W/gone"
	cp "$LOG" "$W/partial.log"
	n=0
	while read -r h; do
		n=$((n + 1))
		sed "s/$h/$(fake "$n")/g" "$W/partial.log" >"$W/tmp" && mv "$W/tmp" "$W/partial.log"
	done <"$W/gone"
	for repo in "$R" "$W/graph"; do
		tl_json "$W/partial.json" "$W/partial.log" -C "$repo"
		jq_assert "$W/partial.json" ".tree.missing == $n and .tree.found == $((NSTEPS - n))" \
			"partly missing ($repo): want $n missing, $((NSTEPS - n)) found"
		jq_assert "$W/partial.json" '[.steps[] | select(.tree != null and .tree.found == false) |
			select(.tree.commit != .commit or .tree.subject != null or .tree.author != null or
			.tree.date != null)] | length == 0' \
			"partly missing: a missing step keeps the log's hash and has no subject, author, date"
		jq_assert "$W/partial.json" '.tree.missing_hint | type == "string"' \
			"partly missing: tree.missing_hint must say which tree to fetch"
		jq_assert "$W/partial.json" '[.steps[] | select(.phase == "bisect" and
			.tree.found == false and .tree.matches_git == true)] | length == 0' \
			"partly missing: a missing commit cannot match git's choice"
	done
	# many missing hashes against a commit-graph: must still finish
	{
		echo "git bisect start $BAD $GOOD"
		i=0
		while [ "$i" -lt 300 ]; do i=$((i + 1)); echo "git bisect skip $(fake "x$i")"; done
	} >"$W/many.log"
	tl_json "$W/many.json" "$W/many.log" -C "$W/graph"
	jq_assert "$W/many.json" '.tree.missing == 300 and .tree.found == 2' \
		"300 missing hashes: want missing 300, found 2"
}

sec_unrelated()
{
	tl_json "$W/unrelated.json" "$LOG" -C "$U"
	jq_assert "$W/unrelated.json" ".tree.found == 0 and .tree.missing == $NSTEPS and
		.tree.culprit == null and .tree.range.verified == false and
		(.tree.range.note | type == \"string\")" \
		"unrelated repository: everything missing, no culprit, a note"
	jq_assert "$W/unrelated.json" '[.steps[] | select(.tree != null) | .tree.found] | all(. == false)' \
		"unrelated repository: no step may be found"
}

sec_shallow()
{
	git clone -q --depth 20 "file://$R" "$W/shallow"
	git -C "$W/shallow" fetch -q --depth 3 origin tag v1.3 tag v1.2
	[ "$(git -C "$W/shallow" rev-parse --is-shallow-repository)" = true ] || fail "not shallow"
	tl_json "$W/shallow.json" "$LOG" -C "$W/shallow"
	jq_assert "$W/shallow.json" '.tree.shallow == true' "shallow: tree.shallow must be true"
	jq_assert "$W/shallow.json" '.tree.range.verified == false and
		(.tree.range.note | type == "string" and test("shallow"))' \
		"shallow: the range cannot be walked, and tree.range.note must say the clone is shallow"
	jq_assert "$W/shallow.json" '[.steps[] | select(.tree.candidates != null or
		.tree.matches_git != null)] | length == 0' \
		"shallow: no step may carry counts from a truncated range"
	jq_assert "$W/shallow.json" ".tree.found + .tree.missing == $NSTEPS and .tree.found >= 2" \
		"shallow: v1.3 and v1.2 are there, the rest counted as missing"
}

# not_repo WHAT ARG...: exit 2, nothing on stdout, one line on stderr
not_repo()
{
	_what=$1
	shift
	bv --json "$@" "$LOG"
	[ "$rc" -eq 2 ] || fail "$_what: want exit 2, got $rc"
	[ ! -s "$SCRATCH/out" ] || fail "$_what: wrote to stdout"
	assert_eq "$_what: stderr" "bisview: $BADPATH: not a git repository" "$(cat "$SCRATCH/err")"
	[ "$(lines_in "$SCRATCH/err")" -eq 1 ] || fail "$_what: more than one line on stderr"
}

sec_not_repo()
{
	BADPATH=/nonexistent/bisview-tree
	not_repo "-C missing dir" -C "$BADPATH"
	not_repo "--tree missing dir" --tree "$BADPATH"
	BISVIEW_TREE=$BADPATH not_repo "BISVIEW_TREE missing dir"
	if git -C "$PLAIN" rev-parse --git-dir >/dev/null 2>&1; then
		note "$PLAIN is inside a git repository: plain-directory case not checked"
	else
		BADPATH=$PLAIN
		not_repo "-C plain directory" -C "$PLAIN"
	fi
}

sec_bare()
{
	git clone -q --bare "$R" "$W/bare.git"
	tl_json "$W/bare.json" "$LOG" -C "$W/bare.git"
	tl_check_facts bare "$W/bare.json" "$W/bare.git"
	jq_assert "$W/bare.json" '.tree.range.verified == true and .tree.range.mismatches == 0' \
		"bare: the range must be verified"
	[ "$(no_slash "$(jq -r .tree.path "$W/bare.json")")" = "$W/bare.git" ] ||
		fail "bare: tree.path must be the git dir $W/bare.git"
}

sec_worktrees()
{
	cp -a "$R" "$W/main"
	git -C "$W/main" worktree add -q --detach "$W/wt" v1.3
	[ -f "$W/wt/.git" ] || fail "the worktree has no .git file"
	tl_json "$W/wt.json" "$LOG" -C "$W/wt"
	tl_check_facts worktree "$W/wt.json" "$W/wt"
	[ "$(no_slash "$(jq -r .tree.path "$W/wt.json")")" = "$W/wt" ] ||
		fail "worktree: tree.path must be $W/wt"
	git clone -q --separate-git-dir="$W/sep.git" "$R" "$W/sep"
	[ -f "$W/sep/.git" ] || fail "--separate-git-dir left no .git file"
	tl_json "$W/sep.json" "$LOG" -C "$W/sep"
	tl_check_facts dotgit-file "$W/sep.json" "$W/sep"
	jq_assert "$W/sep.json" '.tree.range.verified == true' "dotgit-file: range verified"
}

sec_worktree_config()
{
	cp -a "$R" "$W/wtc"
	git -C "$W/wtc" config core.repositoryformatversion 1
	git -C "$W/wtc" config extensions.worktreeConfig true
	git -C "$W/wtc" config --worktree core.abbrev 12
	git -C "$W/wtc" log -1 >/dev/null || fail "git itself refuses the worktreeConfig repository"
	tl_json "$W/wtc.json" "$LOG" -C "$W/wtc"
	tl_check_facts worktree-config "$W/wtc.json" "$W/wtc"
	jq_assert "$W/wtc.json" '.tree.range.verified == true and .tree.range.mismatches == 0' \
		"worktree-config: the range must be verified"
}

sec_no_tree()
{
	for how in "-C $R" ""; do
		# shellcheck disable=SC2086 # no argument or two
		BISVIEW_TREE=$R tl_json "$W/none.json" "$LOG" --no-tree $how
		jq_assert "$W/none.json" '.tree == null and all(.steps[]; .tree == null)' \
			"--no-tree $how: tree and every steps[].tree must be null"
	done
	cd "$R/mm"
	tl_json "$W/none.json" "$LOG" --no-tree
	jq_assert "$W/none.json" '.tree == null' "--no-tree inside a repository: tree null"
}

sec_cwd()
{
	cd "$R/mm"
	tl_json "$W/cwd.json" "$LOG"
	[ "$(no_slash "$(jq -r .tree.path "$W/cwd.json")")" = "$R" ] ||
		fail "no -C from $R/mm: tree.path must be $R, got $(jq -r .tree.path "$W/cwd.json")"
	tl_check_facts cwd "$W/cwd.json"
	cd "$PLAIN"
	if git rev-parse --git-dir >/dev/null 2>&1; then
		note "$PLAIN is inside a git repository: no-tree case not checked"
	else
		tl_json "$W/cwd-none.json" "$LOG"
		jq_assert "$W/cwd-none.json" '.tree == null' "no -C outside any repository: tree null"
	fi
}

sec_env()
{
	cd "$PLAIN"
	BISVIEW_TREE=$R tl_json "$W/env.json" "$LOG"
	[ "$(no_slash "$(jq -r .tree.path "$W/env.json")")" = "$R" ] ||
		fail "BISVIEW_TREE=$R: tree.path must be $R"
	tl_check_facts env "$W/env.json"
	cd "$U"
	BISVIEW_TREE=$R tl_json "$W/env.json" "$LOG"
	[ "$(no_slash "$(jq -r .tree.path "$W/env.json")")" = "$R" ] ||
		fail "BISVIEW_TREE must come before the current directory's repository"
	BISVIEW_TREE=$U tl_json "$W/env.json" "$LOG" -C "$R"
	[ "$(no_slash "$(jq -r .tree.path "$W/env.json")")" = "$R" ] ||
		fail "-C must come before BISVIEW_TREE"
}

# a repository owned by another user (doc/libraries.md §1.3.1): one line
# naming it, a safe.directory hint that git would accept (the absolute
# top-level path) and that then works; --trust-repo opens it
sec_ownership()
{
	tl_owned_copy "$W/owned" || return 0
	hint="git config --global --add safe.directory $W/owned'"
	cd "$W"
	for how in "-C owned" "-C $W/owned/mm" "cwd"; do
		if [ "$how" = cwd ]; then
			cd "$W/owned/mm"
			bv --json "$LOG"
			cd "$W"
		else
			# shellcheck disable=SC2086 # two words
			bv --json $how "$LOG"
		fi
		[ "$rc" -eq 2 ] || fail "owned by another user ($how): want exit 2, got $rc"
		[ "$(lines_in "$SCRATCH/err")" -eq 1 ] || fail "owned ($how): want one line"
		grep -q '^bisview: [^ ]*: ' "$SCRATCH/err" ||
			fail "owned ($how): the line must start with 'bisview: PATH: ': $(cat "$SCRATCH/err")"
		grep -q -F "$hint" "$SCRATCH/err" ||
			fail "owned ($how): the hint must name the absolute top-level path ($hint): $(cat "$SCRATCH/err")"
	done
	tl_json "$W/owned.json" "$LOG" --trust-repo -C owned
	jq_assert "$W/owned.json" ".tree.found == $NSTEPS" "--trust-repo: every step found"
	git config --global --add safe.directory "$W/owned"
	tl_json "$W/owned.json" "$LOG" -C owned
	jq_assert "$W/owned.json" ".tree.found == $NSTEPS" "after the hint's command: every step found"
	git config --global --unset-all safe.directory
}

# A bisection whose bad commit is a root commit (good = bad: the only
# ancestor it has), in a tree with a commit-graph: the range walk's first
# node has no parents (it once passed NULL to memcpy, which the
# sanitizer build reports). An empty range, replayed.
sec_root_range()
{
	cp -a "$U" "$W/rootgraph"
	git -C "$W/rootgraph" commit-graph write --reachable >/dev/null 2>&1
	[ -f "$W/rootgraph/.git/objects/info/commit-graph" ] || fail "no commit-graph written"
	root=$(git -C "$U" rev-list --max-parents=0 HEAD)
	printf '%s\n' "git bisect start" "# bad: [$root] unrelated 1" "git bisect bad $root" \
		"# good: [$root] unrelated 1" "git bisect good $root" >"$W/root.log"
	tl_json "$W/root.json" "$W/root.log" -C "$W/rootgraph"
	jq_assert "$W/root.json" '.tree.range.verified == true and .tree.range.size == 0' \
		"bad = good = a root commit: want an empty verified range"
}

tl_section partly-missing sec_partly_missing
tl_section root-range sec_root_range
tl_section unrelated sec_unrelated
tl_section shallow sec_shallow
tl_section not-a-repository sec_not_repo
tl_section bare sec_bare
tl_section worktrees sec_worktrees
tl_section worktree-config sec_worktree_config
tl_section no-tree sec_no_tree
tl_section cwd sec_cwd
tl_section env sec_env
tl_section ownership sec_ownership
tl_finish
