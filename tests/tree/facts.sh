#!/bin/sh
# The tree facts of `bisview --json -C REPO LOG` against the git CLI, on a
# scratch repository (tree-gen.sh) and logs of real `git bisect` runs on it
# (tree-lib.sh), section by section (a failing one does not stop the rest):
#  - every step (tl_check_facts): tree.found, tree.commit (full, also for
#    tags and abbreviated hashes), subject = %s, author = '%aN <%aE>'
#    (.mailmap applied, e-mails compared case-insensitively as git does),
#    date = %aI, also for a commit recorded in ISO-8859-1; tree.found
#    counts the steps, tree.missing none;
#  - every git bisect step: tree.candidates = `git rev-list --count BAD
#    ^GOOD...` with the verdicts so far, tree.revisions_left = the N git
#    printed after it (null once git stopped), tree.git_choice = the
#    commit git checked out for it, tree.matches_git true; tree.range
#    verified, its size = rev-list --count v1.3 ^v1.2, no mismatch;
#  - a log with the third step's commit swapped: matches_git false there,
#    git_choice git's commit, tree.range.mismatches > 0;
#  - the culprit's files = `git show --numstat -M` (a rename, an added, a
#    deleted, a binary file; against the first parent for a merge, the
#    empty tree for a root commit), tree.culprit.merge;
#  - an inconclusive run: result.candidates = git's list, no culprit.
# Logs: `git bisect log` as git wrote it (refs on the start line; marks
# after a bare start; skips), by hand with tags and abbreviated hashes,
# syzbot logs with hashes and with tags (the pre-2019-11 era), with skips.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"

tl_setup
RENAME=$(tl_find "$R" 'mm: special rename')
MERGE=$(tl_find "$R" "Merge branch 'topic6-c3'")
MIXED=$(tl_find "$R" 'mm: mixed-case author')

# check_steps NAME JSON PREFIX [UPTO]: every git bisect step (the first
# UPTO) against what git did in tl_bisect's run PREFIX: the verdicts, the
# counts git rev-list gives with them, the numbers and choices git printed
check_steps()
{
	_bad=$BAD _goods="^$GOOD"
	: >"$W/$1.steps.want"
	while read -r _h _v _n _s _next; do
		case $_v in
		bad) _bad=$_h ;;
		good) _goods="$_goods ^$_h" ;;
		esac
		# shellcheck disable=SC2086 # one word per good
		_c=$(git -C "$R" rev-list --count "$_bad" $_goods)
		[ "$_n" != - ] || _n=null
		echo "$_h $_v $_c $_n $_h true" >>"$W/$1.steps.want"
	done <"$3.steps"
	jq -r '.steps[] | select(.phase == "bisect") | [.tree.commit, .verdict,
		.tree.candidates, .tree.revisions_left, .tree.git_choice, .tree.matches_git] |
		map(tostring) | join(" ")' "$2" >"$W/$1.steps.got"
	if [ -n "${4:-}" ]; then
		head -n "$4" "$W/$1.steps.want" >"$W/$1.tmp" && mv "$W/$1.tmp" "$W/$1.steps.want"
		head -n "$4" "$W/$1.steps.got" >"$W/$1.tmp" && mv "$W/$1.tmp" "$W/$1.steps.got"
	fi
	diff -u "$W/$1.steps.want" "$W/$1.steps.got" >"$W/$1.diff" ||
		fail "$1: bisect steps differ from git (commit verdict candidates revisions_left git_choice matches_git; want/got): $(cat "$W/$1.diff")"
	_size=$(git -C "$R" rev-list --count "$BAD" "^$GOOD")
	jq_assert "$2" ".tree.range.verified == true and .tree.range.size == $_size" \
		"$1: tree.range must be verified with size $_size (rev-list --count v1.3 ^v1.2)"
	[ -n "${4:-}" ] || jq_assert "$2" '.tree.range.mismatches == 0' \
		"$1: a faithful log must have no mismatch"
}

# check_culprit NAME JSON COMMIT [REPO]: its files as git counts them
check_culprit()
{
	jq_assert "$2" ".result.commit == \"$3\" and .tree.culprit.commit == \"$3\"" \
		"$1: the culprit must be $3"
	_p=$(git -C "${4:-$R}" rev-list --no-walk --count --merges "$3")
	jq_assert "$2" ".tree.culprit.merge == ($_p == 1)" "$1: tree.culprit.merge"
	tl_numstat "${4:-$R}" "$3" >"$W/$1.files.want"
	[ -s "$W/$1.files.want" ] || fail "$1: git shows no file for $3"
	jq -r '.tree.culprit.files[] | [.path, (.old_path // .path), .insertions, .deletions,
		.binary] | map(tostring) | @tsv' "$2" | sort >"$W/$1.files.got"
	diff -u "$W/$1.files.want" "$W/$1.files.got" >"$W/$1.diff" ||
		fail "$1: culprit files differ from git show --numstat -M (path old ins del binary; want/got): $(cat "$W/$1.diff")"
}

### The bisections: (a) faithful, to the rename commit; (m) the same after
### a bare `git bisect start`; (b) steps 2 and 3 skipped, the culprit a
### merge; (c) steps 2 and 4 skipped: only skipped commits are left.
tl_bisect "$R" "$W/a" v1.3 v1.2 "$RENAME"
[ "$(wc -l <"$W/a.steps")" -ge 5 ] || fail "the bisection has too few steps to test anything"
TL_START_MARKS=1 tl_bisect "$R" "$W/m" v1.3 v1.2 "$RENAME"
tl_bisect "$R" "$W/b" v1.3 v1.2 "$MERGE" "2 3"
grep -q "^$MERGE is the first bad commit" "$W/b.end" || fail "run b did not end on the merge"
tl_bisect "$R" "$W/c" v1.3 v1.2 "$(tl_find "$R" "Merge branch 'topic4-c3'")" "2 4"
grep -q "only 'skip'ped commits left" "$W/c.end" || fail "run c did not end on skipped commits"
tl_syzbot_log "$R" "$W/a" "$BAD" "$GOOD" v1.2 >"$W/a-syz.log"
awk '{ print $1 }' "$W/a.steps" >"$W/a.steps.h"

# `git bisect log` as git wrote it: 'v1.3' 'v1.2' on the start line
sec_gitlog()
{
	cp "$W/a.gitlog" "$W/a-gitlog.log"
	tl_json "$W/a-gitlog.json" "$W/a-gitlog.log" -C "$R"
	jq_assert "$W/a-gitlog.json" '.format == "git-bisect-log"' "a-gitlog: format"
	tl_check_facts a-gitlog "$W/a-gitlog.json"
	check_steps a-gitlog "$W/a-gitlog.json" "$W/a"
	check_culprit a-gitlog "$W/a-gitlog.json" "$RENAME"
	jq_assert "$W/a-gitlog.json" '[.tree.culprit.files[] | select(.status == "R" and
		.path == "drivers/net/new_name.c" and .old_path == "drivers/net/old_name.c")] |
		length == 1' "a-gitlog: the rename must be one file with status R and old_path"
}

# syzbot logs with hashes, and with tags as before 2019-11
sec_syzbot()
{
	tl_syzbot_log "$R" "$W/a" v1.3 v1.2 v1.2 >"$W/a-syztag.log"
	for n in a-syz a-syztag; do
		tl_json "$W/$n.json" "$W/$n.log" -C "$R"
		jq_assert "$W/$n.json" '.format == "syzbot" and .kind == "cause" and
			.unknown_lines == 0' "$n: the written log must parse as a clean syzbot cause log"
		tl_check_facts "$n" "$W/$n.json"
		check_steps "$n" "$W/$n.json" "$W/a"
		check_culprit "$n" "$W/$n.json" "$RENAME"
		jq_assert "$W/$n.json" "[.steps[] | select(.phase == \"release\")][0].tree.commit ==
			\"$GOOD\"" "$n: the release step must be v1.2's commit"
	done
}

# skips, in `git bisect log` and in syzbot logs (build failures): run b
# ends on a merge, run c on skipped commits only
sec_skips()
{
	for r in b c; do
		cp "$W/$r.gitlog" "$W/$r-gitlog.log"
		tl_syzbot_log "$R" "$W/$r" "$BAD" "$GOOD" v1.2 >"$W/$r-syz.log"
		for n in $r-gitlog $r-syz; do
			tl_json "$W/$n.json" "$W/$n.log" -C "$R"
			tl_check_facts "$n" "$W/$n.json"
			check_steps "$n" "$W/$n.json" "$W/$r"
		done
	done
	jq_assert "$W/b-syz.json" '.unknown_lines == 0' "b-syz: the log must parse cleanly"
	check_culprit b-gitlog "$W/b-gitlog.json" "$MERGE"
	check_culprit b-syz "$W/b-syz.json" "$MERGE"
	grep -E '^[0-9a-f]{40}$' "$W/c.end" | sort >"$W/c.cand"
	jq -r '.result.candidates[]' "$W/c-syz.json" | sort | diff -u "$W/c.cand" - >"$W/diff" ||
		fail "c-syz: the inconclusive result must list git's candidates: $(cat "$W/diff")"
	jq_assert "$W/c-syz.json" '.tree.culprit == null' "c-syz: no culprit without a result"
}

# the third bisect step tested another commit than the one git chose
sec_swap()
{
	H3=$(sed -n 3p "$W/a.steps.h")
	X=$(git -C "$R" rev-list "$BAD" "^$GOOD" | grep -v -F -x -f "$W/a.steps.h" | sed -n 7p)
	[ -n "$X" ] || fail "no commit to swap in"
	sed "s/$H3/$X/g" "$W/a-syz.log" >"$W/swap.log"
	tl_json "$W/swap.json" "$W/swap.log" -C "$R"
	check_steps swap "$W/swap.json" "$W/a" 2
	jq_assert "$W/swap.json" '.tree.range.mismatches > 0' \
		"swap: tree.range.mismatches must count the swapped step"
	jq_assert "$W/swap.json" "[.steps[] | select(.phase == \"bisect\")][2] |
		.commit == \"$X\" and .tree.found and .tree.commit == \"$X\" and
		.tree.matches_git == false and .tree.git_choice == \"$H3\"" \
		"swap: the swapped step must say git would have tested $H3"
}

# facts of chosen commits: the root, merges, mailmap'd authors, every time
# zone, the two-line subject (skips change no fact)
sec_facts()
{
	{
		echo "git bisect start v1.4 v1.0"
		git -C "$R" rev-list --max-parents=0 master
		tl_find "$R" 'fs: two-line subject continued on a second line'
		git -C "$R" rev-list -n 30 v1.2
		git -C "$R" rev-list --merges -n 3 v1.4
	} | grep -v -x -e "$MIXED" | sed '2,$s/^/git bisect skip /' >"$W/facts.log"
	tl_json "$W/facts.json" "$W/facts.log" -C "$R"
	tl_check_facts facts "$W/facts.json"
	for who in 'Nick Proper <nick@proper.example>' 'Bob Maintainer <bob@example.org>' \
		'Jörg Müller <joerg@example.de>'; do
		grep -q -F "	$who	" "$W/facts.facts.got" ||
			fail "facts: no step shows the author $who"
	done
	for tz in '+05:30' '-07:00' '-03:30' '+00:00'; do
		grep -q -e "$tz\$" "$W/facts.facts.got" || fail "facts: no date in time zone $tz"
	done
}

# git matches .mailmap e-mails case-insensitively
sec_mailmap_case()
{
	printf 'git bisect start v1.4 v1.3\ngit bisect skip %s\n' "$MIXED" >"$W/mixed.log"
	tl_json "$W/mixed.json" "$W/mixed.log" -C "$R"
	tl_check_facts mailmap-case "$W/mixed.json"
}

# by hand: tags on the start line and abbreviated hashes, no comments
sec_abbrev()
{
	{
		echo "git bisect start v1.3 v1.2"
		awk '{ print "git bisect " $2 " " substr($1, 1, NR % 2 ? 12 : 8) }' "$W/a.steps"
	} >"$W/a-abbrev.log"
	tl_json "$W/a-abbrev.json" "$W/a-abbrev.log" -C "$R"
	jq_assert "$W/a-abbrev.json" "[.steps[] | select(.label == \"v1.3\")][0].tree.commit ==
		\"$BAD\"" "a-abbrev: tag v1.3 must resolve to $BAD (annotated tag peeled)"
	jq_assert "$W/a-abbrev.json" "[.steps[] | select(.label == \"v1.2\")][0].tree.commit ==
		\"$GOOD\"" "a-abbrev: tag v1.2 must resolve to $GOOD"
	tl_check_facts a-abbrev "$W/a-abbrev.json"
	# the replay must use the resolved commits too
	check_steps a-abbrev "$W/a-abbrev.json" "$W/a"
}

# the way the kernel's docs teach it: `git bisect start`, then bad, good
sec_marks()
{
	cp "$W/m.gitlog" "$W/m-gitlog.log"
	tl_json "$W/m-gitlog.json" "$W/m-gitlog.log" -C "$R"
	tl_check_facts m-gitlog "$W/m-gitlog.json"
	check_steps m-gitlog "$W/m-gitlog.json" "$W/m"
	check_culprit m-gitlog "$W/m-gitlog.json" "$RENAME"
}

# a root commit recorded in ISO-8859-1 (an `encoding` header, as git
# writes it with i18n.commitEncoding): git log re-encodes subject and
# author to UTF-8; its files against the empty tree, a binary one among them
sec_encoding()
{
	E=$SCRATCH/latin1
	git init -q "$E"
	printf '%s\n' 'commit refs/heads/master' 'mark :1' \
		"author J$(printf '\366')rg M$(printf '\374')ller <j@example.org> 1500000000 +0100" \
		"committer J$(printf '\366')rg M$(printf '\374')ller <j@example.org> 1500000000 +0100" \
		'encoding iso-8859-1' 'data 19' "fix: caf$(printf '\351') na$(printf '\357')ve ok" \
		'M 100644 inline blob.bin' 'data 6' >"$W/latin1.fi"
	printf 'a\000b\000c\n' >>"$W/latin1.fi"
	printf '%s\n' 'M 100644 inline text.c' 'data 8' 'one' 'two' '' >>"$W/latin1.fi"
	git -C "$E" fast-import --quiet <"$W/latin1.fi"
	H=$(tl_rev "$E" master)
	printf '%s\n' 'git bisect start' "git bisect bad $H" "# first bad commit: [$H] fix" \
		>"$W/latin1.log"
	tl_json "$W/latin1.json" "$W/latin1.log" -C "$E"
	check_culprit latin1 "$W/latin1.json" "$H" "$E"
	tl_check_facts latin1 "$W/latin1.json" "$E"
}

tl_section git-bisect-log sec_gitlog
tl_section syzbot sec_syzbot
tl_section skips sec_skips
tl_section swapped-step sec_swap
tl_section facts sec_facts
# The same logs answered from git's commit-graph, which bisview reads
# itself (generation v2, git's default, and v1): every step's numbers and
# git's choices must equal those of the object-database walk, which the
# sections above hold against git.
sec_graph()
{
	_compared=0
	for v in 2 1; do
		rm -rf "$W/graph$v"
		cp -a "$R" "$W/graph$v"
		git -C "$W/graph$v" -c commitGraph.generationVersion=$v commit-graph write \
			--reachable >/dev/null 2>&1
		[ -f "$W/graph$v/.git/objects/info/commit-graph" ] || fail "no commit-graph (v$v)"
		for n in a-gitlog a-syz b-gitlog c-gitlog; do
			[ -f "$W/$n.log" ] || continue
			tl_json "$W/$n.odb.json" "$W/$n.log" -C "$R"
			tl_json "$W/$n.g$v.json" "$W/$n.log" -C "$W/graph$v"
			for f in odb g$v; do
				jq -c '[.tree.range, (.steps[] | .tree | [.commit, .candidates,
					.revisions_left, .git_choice, .matches_git])]' \
					"$W/$n.$f.json" >"$W/$n.$f.facts"
			done
			cmp -s "$W/$n.odb.facts" "$W/$n.g$v.facts" ||
				fail "$n: the commit-graph (v$v) walk differs: $(diff "$W/$n.odb.facts" "$W/$n.g$v.facts" | head -5)"
			_compared=$((_compared + 1))
		done
	done
	[ "$_compared" -ge 6 ] || fail "commit-graph: only $_compared logs compared"
	echo "tree-facts: commit-graph: $_compared logs answered alike from the graph and the odb"
}

tl_section commit-graph sec_graph
tl_section mailmap-case sec_mailmap_case
tl_section abbreviated-hashes sec_abbrev
tl_section bare-start sec_marks
tl_section commit-encoding sec_encoding
tl_finish
