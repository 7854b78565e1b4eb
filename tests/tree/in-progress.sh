#!/bin/sh
# A bisection in progress (doc/design.md §12.1): `bisview` with no LOG and
# a terminal as standard input, in a scratch clone where a real `git
# bisect` runs, reads the git directory's BISECT_LOG - from the current
# directory, with -C and with $BISVIEW_TREE - and says what git says:
# source.kind "bisect-in-progress", in_progress.testing the commit git
# checked out (`git rev-parse HEAD`, BISECT_HEAD with --no-checkout),
# revisions_left and steps_left what git printed ("Bisecting: N revisions
# left to test after this (roughly S steps)"), candidates git's own
# bisect_all (`git rev-list --bisect-vars`), after good, bad and skip
# marks; custom terms (--term-old/--term-new) and old/new; a linked
# worktree (its own git directory); the end (the first bad commit) and
# `git bisect reset`; --summary's lines; a piped `git bisect log` that
# stops before the end names the commit git tests next; the refusal
# outside a bisection; and nothing in the repository changes.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
need_cmd script
tl_need_snapshot

tl_setup
CULPRIT=$(tl_find "$R" 'mm: special rename')

# tty_bv DIR ARG...: bisview ARG... in DIR with a terminal as standard
# input (util-linux script), output in $SCRATCH/out and err, status $rc
tty_bv()
{
	_dir=$1
	shift
	rm -f "$SCRATCH/out" "$SCRATCH/err"
	{
		printf 'cd "%s" || exit 9\n' "$_dir"
		printf 'exec timeout %s "%s"' "$BISVIEW_TEST_TIMEOUT" "$BISVIEW"
		for _a in "$@"; do printf " '%s'" "$_a"; done
		printf ' >"%s" 2>"%s"\n' "$SCRATCH/out" "$SCRATCH/err"
	} >"$SCRATCH/tty.sh"
	rc=0
	# (`command`: lib.sh's function script writes key files)
	command script -qec "sh $SCRATCH/tty.sh" /dev/null >/dev/null 2>&1 || rc=$?
	[ -f "$SCRATCH/err" ] || fail "script(1) did not run bisview on a terminal"
	rm -f "$SCRATCH/tty.sh"
}

# tty_ok DIR ARG...: tty_bv, which must succeed quietly
tty_ok()
{
	tty_bv "$@"
	[ "$rc" -eq 0 ] || fail "bisview $* in $1 exited $rc: $(head -c 600 "$SCRATCH/err")"
	[ ! -s "$SCRATCH/err" ] || fail "bisview $* in $1 wrote to stderr: $(head -c 600 "$SCRATCH/err")"
}

# bisecting FILE: "N S" from git bisect's "Bisecting:" line in FILE
bisecting()
{
	awk '/^Bisecting: [0-9]+ revisions? left/ { n = $2; s = $(NF - 1); sub(/^\(/, "", s) }
		END { if (n == "") print "- -"; else print n, s }' "$1"
}

# check_state WHAT REPO GITOUT [ARG...]: bisview --json ARG... (no LOG) in
# $RUN_IN (default REPO) against git in REPO: the commit under test, git's
# printed numbers (GITOUT: what the last git bisect command printed) and
# bisect_all
check_state()
{
	_what=$1 _repo=$2 _gitout=$3
	shift 3
	tty_ok "${RUN_IN:-$_repo}" --json "$@"
	cp "$SCRATCH/out" "$W/$_what.json"
	_gd=$(cd "$_repo" && cd "$(git rev-parse --git-dir)" && pwd)
	if git -C "$_repo" rev-parse -q --verify BISECT_HEAD >/dev/null; then
		_head=$(git -C "$_repo" rev-parse BISECT_HEAD)
	else
		_head=$(git -C "$_repo" rev-parse HEAD)
	fi
	read -r _n _s <<EOF
$(bisecting "$_gitout")
EOF
	_new=$(sed -n 1p "$_gd/BISECT_TERMS" 2>/dev/null || echo bad)
	_old=$(sed -n 2p "$_gd/BISECT_TERMS" 2>/dev/null || echo good)
	# shellcheck disable=SC2046 # one word per ref
	_all=$(git -C "$_repo" rev-list --bisect-vars "refs/bisect/$_new" \
		--not $(git -C "$_repo" for-each-ref --format='%(refname)' "refs/bisect/$_old-*") |
		sed -n "s/^bisect_all=//p")
	assert_eq "$_what: source.kind" bisect-in-progress "$(jq_get "$W/$_what.json" .source.kind)"
	assert_eq "$_what: path" "$_gd/BISECT_LOG" "$(jq_get "$W/$_what.json" .path)"
	assert_eq "$_what: in_progress.git_dir" "$_gd/" "$(jq_get "$W/$_what.json" .in_progress.git_dir)"
	assert_eq "$_what: in_progress.testing (git rev-parse)" "$_head" \
		"$(jq_get "$W/$_what.json" .in_progress.testing)"
	assert_eq "$_what: in_progress.revisions_left (git: Bisecting: N)" "$_n" \
		"$(jq_get "$W/$_what.json" .in_progress.revisions_left)"
	assert_eq "$_what: in_progress.steps_left (git: roughly S steps)" "$_s" \
		"$(jq_get "$W/$_what.json" .in_progress.steps_left)"
	assert_eq "$_what: in_progress.candidates (git's bisect_all)" "$_all" \
		"$(jq_get "$W/$_what.json" .in_progress.candidates)"
	assert_eq "$_what: the terms" "$_new/$_old" \
		"$(jq_get "$W/$_what.json" '.in_progress.terms | "\(.new)/\(.old)"')"
	jq_assert "$W/$_what.json" ".steps[-1] | .commit == \"$_head\" and .verdict == \"none\"" \
		"$_what: the last step must be the commit under test, with no verdict"
	TESTING=$_head N=$_n S=$_s
}

# mark REPO TERM_NEW TERM_OLD [SKIP]: one mark of the commit under test,
# new when the culprit is its ancestor; what git printed in $W/git.out
mark()
{
	_h=$(git -C "$1" rev-parse -q --verify BISECT_HEAD || git -C "$1" rev-parse HEAD)
	if [ -n "${4:-}" ]; then
		_v=skip
	elif git -C "$1" merge-base --is-ancestor "$CULPRIT" "$_h"; then
		_v=$2
	else
		_v=$3
	fi
	git -C "$1" bisect "$_v" >"$W/git.out" 2>&1 || fail "git bisect $_v: $(cat "$W/git.out")"
}

# --- a bisection in a clone: start, good/bad, a skip; cwd, -C, $BISVIEW_TREE ---
C=$W/clone
git clone -q "$R" "$C"
tl_snapshot "$C" "$W/quiet-before"
tty_bv "$C" --json
[ "$rc" -eq 2 ] || fail "no bisection, no LOG: exit 2 expected, got $rc"
grep -q "not in a bisection: give a LOG" "$SCRATCH/err" ||
	fail "no bisection, no LOG: the refusal must say so: $(cat "$SCRATCH/err")"
tty_bv "$PLAIN" --summary
[ "$rc" -eq 2 ] || fail "outside any repository, no LOG: exit 2 expected, got $rc"
tl_snapshot "$C" "$W/quiet-after"
tl_unchanged "the refusal" "$C" "$W/quiet-before" "$W/quiet-after"

git -C "$C" bisect start v1.3 v1.2 >"$W/git.out" 2>&1 || fail "git bisect start: $(cat "$W/git.out")"
check_state start "$C" "$W/git.out"
i=0
for k in 1 2 3; do
	i=$((i + 1))
	if [ "$k" -eq 2 ]; then mark "$C" bad good skip; else mark "$C" bad good; fi
	grep -q "^Bisecting:" "$W/git.out" || fail "git ended too early: $(cat "$W/git.out")"
	check_state "mark$i" "$C" "$W/git.out"
done
jq_assert "$W/mark3.json" '[.steps[] | select(.verdict == "skip")] | length == 1' \
	"the skip must be a step of the log"
tl_snapshot "$C" "$W/before"
RUN_IN=$PLAIN check_state with-C "$C" "$W/git.out" -C "$C"
(BISVIEW_TREE=$C; export BISVIEW_TREE; RUN_IN=$PLAIN check_state env "$C" "$W/git.out")
RUN_IN=$C/mm check_state subdir "$C" "$W/git.out"

# --summary: the state in words
tty_ok "$C" --summary
cp "$SCRATCH/out" "$W/summary.txt"
short=$(printf %.12s "$TESTING")
subject=$(git -C "$C" log -1 --format=%s "$TESTING")
grep -qF "In progress: testing $short $subject" "$W/summary.txt" ||
	fail "--summary must name the commit under test ($short $subject): $(cat "$W/summary.txt")"
grep -qF "roughly $S steps left (git: $N revisions left to test after this)" "$W/summary.txt" ||
	fail "--summary must give git's numbers ($N, $S): $(cat "$W/summary.txt")"
grep -qF "Terms:       good/bad" "$W/summary.txt" || fail "--summary: the terms: $(cat "$W/summary.txt")"
grep -qF "Result:      none yet: the bisection is in progress" "$W/summary.txt" ||
	fail "--summary: the result is not yet: $(cat "$W/summary.txt")"

# a piped `git bisect log`: no in_progress, but the commit git tests next
git -C "$C" bisect log >"$W/piped.log"
bv_ok --summary -C "$C" "$W/piped.log"
grep -qF "Open:        the bisection goes on: git would test $short next" "$SCRATCH/out" ||
	fail "a git bisect log cut before the end must name the next commit ($short): $(cat "$SCRATCH/out")"
grep -qF "(git: $N revisions left" "$SCRATCH/out" || fail "piped: git's numbers: $(cat "$SCRATCH/out")"
bv_ok --json -C "$C" - <"$W/piped.log"
assert_eq "piped: source.kind" stdin "$(jq_get "$SCRATCH/out" .source.kind)"
assert_eq "piped: in_progress" null "$(jq_get "$SCRATCH/out" .in_progress)"
script screen ':dump-screen'
bv_ok --script "$SCRATCH/screen.keys" --size 120x30 -C "$C" "$W/piped.log"
grep -qF "Open: git would test $short next, $N left, ~$S steps" "$SCRATCH/out" ||
	fail "the explorer on a piped log cut before the end: the next commit: $(cat "$SCRATCH/out")"
# the explorer on the bisection in progress: the header, and the commit
# under test selected, the last row
tty_ok "$C" --script "$SCRATCH/screen.keys" --size 120x30
grep -qF "Bisection in progress: testing $short, $N left, ~$S steps - $subject" "$SCRATCH/out" ||
	fail "the explorer's header on the bisection in progress: $(cat "$SCRATCH/out")"
last=$(jq_get "$W/mark3.json" '.steps | length - 1')
grep -qF "[steps] $short - step $last of 0-$last" "$SCRATCH/out" ||
	fail "the explorer must open on the commit under test (step $last): $(cat "$SCRATCH/out")"
# terms are untrusted words: never raw on the terminal
printf "git bisect start '--term-old=\033[2Jold' '--term-new=\033]0;x\007new' v1.3 v1.2\n" >"$W/hostile.log"
bv_ok --summary -C "$C" "$W/hostile.log"
grep -q "^Terms: " "$SCRATCH/out" || fail "hostile terms: no Terms line: $(cat "$SCRATCH/out")"
if LC_ALL=C grep -q "$(printf '\033')" "$SCRATCH/out"; then
	fail "an escape sequence of the log's terms reached the output"
fi
tl_snapshot "$C" "$W/after"
tl_unchanged "a bisection in progress" "$C" "$W/before" "$W/after"

# to the end: the first bad commit, then git bisect reset
k=0
while grep -q "^Bisecting:" "$W/git.out"; do
	k=$((k + 1))
	[ "$k" -le 30 ] || fail "git bisect did not converge"
	mark "$C" bad good
done
grep -q "is the first bad commit" "$W/git.out" || fail "git did not end: $(cat "$W/git.out")"
tty_ok "$C" --json
assert_eq "ended: result" "culprit $CULPRIT" "$(jq_get "$SCRATCH/out" '"\(.result.type) \(.result.commit)"')"
assert_eq "ended: nothing under test" null "$(jq_get "$SCRATCH/out" .in_progress.testing)"
git -C "$C" bisect reset >/dev/null 2>&1
tty_bv "$C" --json
[ "$rc" -eq 2 ] || fail "after git bisect reset: exit 2 expected, got $rc"

# --- custom terms, and old/new (kernel docs' way: start, then mark) ---
git -C "$C" bisect start --term-old=fast --term-new=slow v1.3 v1.2 >"$W/git.out" 2>&1 ||
	fail "git bisect start --term-old: $(cat "$W/git.out")"
check_state custom "$C" "$W/git.out"
mark "$C" slow fast
check_state custom1 "$C" "$W/git.out"
tty_ok "$C" --summary
grep -qF "Terms:       fast/slow, custom (fast = good, slow = bad)" "$SCRATCH/out" ||
	fail "custom terms in --summary: $(cat "$SCRATCH/out")"
jq_assert "$W/custom1.json" '.unknown_lines == 0' "custom terms: every line of BISECT_LOG understood"
git -C "$C" bisect reset >/dev/null 2>&1

git -C "$C" bisect start >/dev/null 2>&1
git -C "$C" bisect new v1.3 >/dev/null 2>&1
tty_ok "$C" --summary
grep -qF "In progress: waiting for a good commit" "$SCRATCH/out" ||
	fail "only a new commit known: waiting: $(cat "$SCRATCH/out")"
git -C "$C" bisect old v1.2 >"$W/git.out" 2>&1 || fail "git bisect old: $(cat "$W/git.out")"
check_state old-new "$C" "$W/git.out"
mark "$C" new old
check_state old-new1 "$C" "$W/git.out"
tty_ok "$C" --summary
grep -qF "Terms:       old/new (old = good, new = bad)" "$SCRATCH/out" ||
	fail "old/new in --summary: $(cat "$SCRATCH/out")"
git -C "$C" bisect reset >/dev/null 2>&1

# --- a linked worktree bisects in its own git directory ---
git -C "$C" worktree add -q --detach "$W/wt" v1.3
git -C "$W/wt" bisect start v1.3 v1.2 >"$W/git.out" 2>&1 || fail "git bisect start in a worktree"
mark "$W/wt" bad good
check_state worktree "$W/wt" "$W/git.out"
case $(jq_get "$W/worktree.json" .in_progress.git_dir) in
*/.git/worktrees/wt/) ;;
*) fail "a linked worktree's bisection is in its own git dir: $(jq_get "$W/worktree.json" .in_progress.git_dir)" ;;
esac
tty_bv "$C" --json
[ "$rc" -eq 2 ] || fail "the main work tree is not bisecting: exit 2 expected, got $rc"

# --- --no-checkout (a bare clone): BISECT_HEAD is under test ---
git clone -q --bare "$R" "$W/bare.git"
git -C "$W/bare.git" bisect start --no-checkout v1.3 v1.2 >"$W/git.out" 2>&1 ||
	fail "git bisect start --no-checkout: $(cat "$W/git.out")"
mark "$W/bare.git" bad good
check_state no-checkout "$W/bare.git" "$W/git.out"
exit 0
