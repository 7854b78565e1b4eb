# Helpers for the tree tests (tests/tree/*.sh, tests/hostile/trees.sh),
# sourced after lib.sh: a scratch kernel-like repository built with
# `git fast-import` (tests/lib/tree-gen.sh), a real `git bisect` driven on
# it, and logs written from what git printed.
#
# Nothing here reads the user's git configuration: HOME points into the
# scratch directory (for git and libgit2) and git's system config is off.
# The locale is C: git's output is parsed, bisview's messages compared.

need_cmd git jq

git_env "$SCRATCH/home"
c_locale
unset BISVIEW_TREE 2>/dev/null || true
git config --global init.defaultBranch master
git config --global advice.detachedHead false

# shellcheck disable=SC2154 # lib.sh sets top_srcdir
. "$top_srcdir/tests/lib/tree-gen.sh"

# tl_setup: the scratch repository $R (tl_make_repo) with $BAD and $GOOD
# the commits of v1.3 and v1.2; $W, a directory for the test's files;
# $PLAIN, a directory outside any repository
tl_setup()
{
	R=$SCRATCH/repo
	W=$SCRATCH/work
	PLAIN=$SCRATCH/plain
	mkdir -p "$W" "$PLAIN"
	tl_make_repo "$R"
	BAD=$(tl_rev "$R" v1.3)
	GOOD=$(tl_rev "$R" v1.2)
}

# tl_logs: after tl_setup, a real bisection from v1.3 to v1.2 whose first
# bad commit is $CULPRIT, "mm: special rename" (tl_bisect, files $W/a.*),
# logged in $LOGS as syzbot.log (tl_syzbot_log) and gitbisect.log (git's)
tl_logs()
{
	LOGS=$SCRATCH/logs
	mkdir -p "$LOGS"
	CULPRIT=$(tl_find "$R" 'mm: special rename')
	tl_bisect "$R" "$W/a" v1.3 v1.2 "$CULPRIT"
	tl_syzbot_log "$R" "$W/a" "$BAD" "$GOOD" v1.2 >"$LOGS/syzbot.log"
	cp "$W/a.gitlog" "$LOGS/gitbisect.log"
}

# tl_owned_copy DIR: a copy of $R at DIR owned by another user (nobody);
# false, with a note, where the test cannot chown (not root)
tl_owned_copy()
{
	if [ "$(id -u)" -ne 0 ] || ! id nobody >/dev/null 2>&1; then
		note "not root: the ownership case is not checked"
		return 1
	fi
	{ cp -a "$R" "$1" && chown -R nobody "$1"; } || fail "cannot make $1, owned by nobody"
}

# tl_rev REPO REF: the full hash of REF's commit
tl_rev()
{
	git -C "$1" rev-parse --verify -q "$2^{commit}" || fail "no commit $2 in $1"
}

# tl_find REPO SUBJECT: the commit with that exact subject
tl_find()
{
	_h=$(git -C "$1" log --all --format='%H %s' | awk -v s="$2" '
		{ h = $1; sub(/^[^ ]* /, "") } $0 == s { print h; exit }')
	[ -n "$_h" ] || fail "no commit '$2' in $1"
	echo "$_h"
}

# tl_bisect REPO OUT BAD GOOD CULPRIT [SKIP_STEPS]: drive a real `git bisect`
# in a bare clone with --no-checkout. A tested commit is bad when CULPRIT
# is its ancestor; the steps numbered in SKIP_STEPS (1-based, space
# separated) are skipped instead. Writes
#   OUT.start   "N S H": what `git bisect start` printed
#   OUT.steps   "H VERDICT N S NEXT" per step: the tested commit, the
#               verdict, then "Bisecting: N … (roughly S steps)" and
#               "[NEXT]" as printed after it ("- - -" when git stopped)
#   OUT.end     git's last output (first bad commit or only-skipped list)
#   OUT.gitlog  `git bisect log`
tl_bisect()
{
	_repo=$1 _out=$2 _bad=$3 _good=$4 _culprit=$5 _skips=${6:-}
	_clone=$_out.clone.git
	rm -rf "$_clone"
	git clone -q --bare "$_repo" "$_clone" || fail "cannot clone $_repo"
	if [ "${TL_START_MARKS:-}" = 1 ]; then
		# the way the kernel's docs teach it: start, then mark
		if ! { git -C "$_clone" bisect start --no-checkout >/dev/null 2>&1 &&
			git -C "$_clone" bisect bad "$_bad" >/dev/null 2>&1 &&
			git -C "$_clone" bisect good "$_good" >"$_out.txt" 2>&1; }; then
			fail "git bisect start; bad $_bad; good $_good: $(cat "$_out.txt")"
		fi
	else
		git -C "$_clone" bisect start --no-checkout "$_bad" "$_good" >"$_out.txt" 2>&1 ||
			fail "git bisect start $_bad $_good: $(cat "$_out.txt")"
	fi
	tl_parse_bisecting "$_out.txt" >"$_out.start"
	: >"$_out.steps"
	_k=0
	while :; do
		_cur=$(awk '{ print $3 }' "$_out.start")
		[ "$_k" -eq 0 ] || _cur=$(tail -n 1 "$_out.steps" | awk '{ print $5 }')
		[ "$_cur" != - ] || break
		_k=$((_k + 1))
		[ "$_k" -le 40 ] || fail "git bisect did not converge"
		if case " $_skips " in *" $_k "*) true ;; *) false ;; esac; then
			_v=skip
		elif git -C "$_clone" merge-base --is-ancestor "$_culprit" "$_cur"; then
			_v=bad
		else
			_v=good
		fi
		git -C "$_clone" bisect "$_v" "$_cur" >"$_out.txt" 2>&1 || true
		printf '%s %s %s\n' "$_cur" "$_v" "$(tl_parse_bisecting "$_out.txt")" >>"$_out.steps"
	done
	cp "$_out.txt" "$_out.end"
	git -C "$_clone" bisect log >"$_out.gitlog" || fail "git bisect log failed"
}

# tl_parse_bisecting FILE: "N S NEXT" from git bisect's output, "- - -"
# when it printed no "Bisecting:" line (the bisection ended)
tl_parse_bisecting()
{
	awk '
	/^Bisecting: [0-9]+ revisions? left/ { n = $2; s = $(NF - 1); sub(/^\(/, "", s) }
	/^\[[0-9a-f]+\] / && n != "" { h = substr($1, 2, length($1) - 2) }
	END { if (n == "" || h == "") print "- - -"; else print n, s, h }' "$1"
}

# tl_syzbot_log REPO PREFIX BADREF GOODREF RELEASE >LOG: a syzbot cause
# bisection log (the shapes of tests/data/cause-deadlock-retract_page_tables.log)
# for the bisection tl_bisect recorded in PREFIX: the start commit BADREF,
# "testing release RELEASE" (GOODREF's tag), then "# git bisect start BADREF
# GOODREF" as given (hashes or tags) and the steps with git's own numbers.
tl_syzbot_log()
{
	_repo=$1 _p=$2
	_start=$(tl_rev "$_repo" "$3")
	_goodh=$(tl_rev "$_repo" "$4")
	# shellcheck disable=SC2046 # one word per hash
	git -C "$_repo" log --no-walk=unsorted --format='%H %s' \
		$(awk '{ print $1 }' "$_p.steps") "$_start" >"$_p.subjects"
	{
		echo "bisecting cause commit starting from $_start"
		echo "building syzkaller on 9f1c6e0d7b2a4c3e8d5f6a7b8c9d0e1f2a3b4c5d"
		echo "ensuring issue is reproducible on original commit $_start"
		echo
		tl_test_block "$_start" bad
		echo "testing release $5"
		tl_test_block "$_goodh" good
		echo "# git bisect start $3 $4"
		read -r _n _s _h <"$_p.start"
		tl_bisecting "$_n" "$_s" "$_h"
		while read -r _h _v _n _s _next; do
			tl_test_block "$_h" "$_v"
			echo "# git bisect $_v $_h"
			[ "$_n" = - ] || tl_bisecting "$_n" "$_s" "$_next"
		done <"$_p.steps"
		_culprit=$(awk '/is the first bad commit$/ { print $1 }' "$_p.end")
		if [ -n "$_culprit" ]; then
			echo "$_culprit is the first bad commit"
			git -C "$_repo" show --stat --format=medium "$_culprit"
			echo
			echo "revisions tested: $(($(wc -l <"$_p.steps") + 2)), total time: 2h3m4.5s (build: 1h1m1s, test: 1h2m3.5s)"
			echo "first bad commit: $_culprit $(git -C "$_repo" log -1 --format=%s "$_culprit")"
			echo 'recipients (to): ["maint@example.org"]'
			echo 'recipients (cc): []'
			echo "crash: KASAN: use-after-free Read in special_fn"
			echo "BUG: KASAN: use-after-free in special_fn+0x1c/0x40 mm/a.c:12"
		else
			cat "$_p.end"
			echo
			echo "revisions tested: $(($(wc -l <"$_p.steps") + 2)), total time: 2h3m4.5s (build: 1h1m1s, test: 1h2m3.5s)"
			echo "bisection is inconclusive, the first bad commit could be any of:"
			grep -E '^[0-9a-f]{40}$' "$_p.end"
		fi
	}
}

# tl_bisecting N S H: git's two lines and syzbot's blank line
tl_bisecting()
{
	_rev=revisions _st=steps
	[ "$1" -ne 1 ] || _rev=revision
	[ "$2" -ne 1 ] || _st=step
	echo "Bisecting: $1 $_rev left to test after this (roughly $2 $_st)"
	echo "[$3] $(awk -v h="$3" '$1 == h { sub(/^[^ ]* /, ""); print; exit }' "$_p.subjects")"
	echo
}

# tl_test_block H good|bad|skip
tl_test_block()
{
	echo "testing commit $1 gcc"
	echo "compiler: gcc (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40"
	case $2 in
	skip)
		echo "mm/a.c:12:3: error: expected ';' before '}' token"
		return ;;
	esac
	echo "kernel signature: $(printf '%s' "$1" | sha256sum | cut -c1-64)"
	case $2 in
	bad) echo "all runs: crashed: KASAN: use-after-free Read in special_fn" ;;
	*) echo "all runs: OK" ;;
	esac
}

# tl_json OUT LOG ARG...: bisview --json ARG... LOG into OUT, which must
# succeed quietly
tl_json()
{
	_o=$1 _l=$2
	shift 2
	bv_ok --json "$@" "$_l"
	mv "$SCRATCH/out" "$_o"
}

# tl_numstat REPO COMMIT: "path old_path insertions deletions binary"
# (tab-separated) per file, sorted, against the first parent (the empty
# tree for a root commit) with renames, as git counts them; a binary file
# counts 0 0 and true
tl_numstat()
{
	if [ "$(git -C "$1" rev-list --no-walk --count --merges "$2")" -eq 1 ]; then
		git -C "$1" diff --numstat -z -M "$2^1" "$2"
	else
		git -C "$1" show --numstat -z --format= -M "$2"
	fi | tr '\0' '\n' | awk -F'\t' '
		function out(p, o, i, d) { print p "\t" o "\t" (i == "-" ? 0 : i) "\t" \
			(d == "-" ? 0 : d) "\t" (i == "-" ? "true" : "false") }
		NF == 3 && $3 != "" { out($3, $3, $1, $2); next }
		NF == 3 { ins = $1; del = $2; getline old; getline new; out(new, old, ins, del) }' |
		sort
}

# tl_check_facts NAME JSON [REPO]: every step with a tree object against
# `git log -1` in REPO ($R): found, the full hash, %s, '%aN <%aE>' (.mailmap
# applied), %aI; tree.found counts them all, tree.missing none. Files go
# to $W/NAME.*.
tl_check_facts()
{
	jq -r '.steps[] | select(.tree != null) | [.index, (.commit // .label)] | @tsv' "$2" \
		>"$W/$1.refs"
	[ -s "$W/$1.refs" ] || fail "$1: no step has a tree object"
	while IFS='	' read -r _i _ref; do
		printf '%s\ttrue\t' "$_i"
		git -C "${3:-$R}" log -1 --format='%H%x09%s%x09%aN <%aE>%x09%aI' "$_ref" ||
			fail "$1: git log $_ref"
	done <"$W/$1.refs" >"$W/$1.facts.want"
	jq -r '.steps[] | select(.tree != null) |
		[.index, .tree.found, .tree.commit, .tree.subject, .tree.author, .tree.date] | @tsv' \
		"$2" >"$W/$1.facts.got"
	diff -u "$W/$1.facts.want" "$W/$1.facts.got" >"$W/$1.diff" ||
		fail "$1: step facts differ from git log (want/got): $(cat "$W/$1.diff")"
	jq_assert "$2" '.tree.missing == 0 and
		.tree.found == ([.steps[] | select(.commit != null or .label != null)] | length)' \
		"$1: tree.found must count every step, tree.missing none"
}

# tl_need_snapshot: skip where tl_snapshot cannot run (it hashes with
# sha256sum and lists with GNU find's -printf)
tl_need_snapshot()
{
	need_cmd sha256sum
	find . -maxdepth 0 -printf '' 2>/dev/null || skip "find has no -printf (GNU findutils)"
}

# tl_snapshot DIR OUT: what the read-only guarantee compares - every
# entry's name, type, mode, size and mtime in OUT.list (a lock file made
# and removed again shows in its directory's mtime), every file's sha256
# in OUT.sum. Needs GNU find (-printf) and sha256sum.
tl_snapshot()
{
	(cd "$1" && find . -printf '%p %y %m %s %T@\n' | LC_ALL=C sort) >"$2.list" ||
		fail "cannot list $1"
	(cd "$1" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 -r sha256sum) >"$2.sum" ||
		fail "cannot read every file under $1"
}

# tl_unchanged WHAT DIR BEFORE AFTER: fail unless the snapshots BEFORE and
# AFTER of DIR are the same
tl_unchanged()
{
	for _k in list sum; do
		diff -u "$3.$_k" "$4.$_k" >"$4.diff" ||
			fail "$1: bisview changed $2 (name type mode size mtime / sha256; before/after): $(head -c 3000 "$4.diff")"
	done
}

# tl_section NAME FUNCTION: run FUNCTION in a subshell under set -e. A
# failure is recorded (its message is on stderr) and the next section runs,
# so that one bug does not hide the others; tl_finish fails at the end.
TL_FAILED=
tl_section()
{
	set +e
	(set -e; "$2")
	_rc=$?
	set -e
	[ "$_rc" -eq 0 ] || TL_FAILED="$TL_FAILED $1"
}

tl_finish()
{
	[ -z "$TL_FAILED" ] || fail "failed:$TL_FAILED (see the messages above)"
	exit 0
}
