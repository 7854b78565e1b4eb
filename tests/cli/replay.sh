#!/bin/sh
# --replay, --flip N, --until N (doc/design.md "Resuming a bisection")
# checked with the real `git bisect replay` in scratch clones of generated
# repositories:
#   - a syzbot cause log and a fix log of the demo generator, and plain
#     `git bisect log`s made by real git (start with refs, start then
#     marks, a skip, custom terms): the replay names the log's first bad
#     commit;
#   - --flip N: git's next commit differs from the log's and is the one
#     bisect_algo picks (tests/tree/bisect-oracle); --until N leaves git
#     at step N's commit;
#   - bisview never writes to the tree (snapshots before and after);
#   - hostile text (terminal escapes in subjects, an odd start ref) never
#     reaches the file; bad --flip/--until values are one-line errors.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/demo.sh"
demo_need_fixture
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot
ORACLE=$top_builddir/tests/tree/bisect-oracle
[ -x "$ORACLE" ] || fail "no bisect oracle at $ORACLE (make check builds it)"

# fixture NAME ARG...: a demo repository and log; sets $repo $log $culprit
fixture()
{
	_name=$1
	shift
	"$FIXTURE" "$@" "$SCRATCH/$_name" >"$SCRATCH/$_name.out" 2>"$SCRATCH/fixture.err" ||
		fail "demo-fixture $* failed: $(cat "$SCRATCH/fixture.err")"
	repo=$(sed -n 's/^repo: //p' "$SCRATCH/$_name.out")
	log=$(sed -n 's/^log: //p' "$SCRATCH/$_name.out")
	culprit=$(sed -n 's/^first [a-z]* commit: \([0-9a-f]\{40\}\) .*/\1/p' "$log")
	[ -n "$culprit" ] || fail "$log names no first bad/good commit"
}

# replay REPO FILE: `git bisect replay FILE` in a fresh clone of REPO
# ($SCRATCH/clone); git's output in $SCRATCH/replay.out
replay()
{
	rm -rf "$SCRATCH/clone"
	git clone -q "$1" "$SCRATCH/clone" || fail "cannot clone $1"
	git -C "$SCRATCH/clone" bisect replay "$2" >"$SCRATCH/replay.out" 2>&1 ||
		fail "git bisect replay $2 failed: $(head -c 600 "$SCRATCH/replay.out")"
}

# same_first_bad WHAT REPO LOG CULPRIT ARG...: bisview --replay ARG... LOG,
# replayed in a clone of REPO, names CULPRIT
same_first_bad()
{
	_what=$1 _repo=$2 _log=$3 _want=$4
	shift 4
	bv_ok --replay "$@" "$_log"
	no_controls "$_what" "$SCRATCH/out"
	cp "$SCRATCH/out" "$SCRATCH/$_what.replay"
	replay "$_repo" "$SCRATCH/$_what.replay"
	grep -q "^$_want is the first [a-z]* commit\$" "$SCRATCH/replay.out" ||
		fail "$_what: the replay does not end on $_want: $(tail -5 "$SCRATCH/replay.out")"
}

# the log's bisect steps as "INDEX COMMIT VERDICT" ($SCRATCH/steps)
bisect_steps()
{
	bv_ok --json --no-tree "$1"
	jq -r '.steps[] | select(.phase == "bisect" and .verdict_inferred == false) |
		"\(.index) \(.commit) \(.verdict)"' "$SCRATCH/out" >"$SCRATCH/steps"
	[ "$(lines_in "$SCRATCH/steps")" -ge 4 ] || fail "$1: fewer than 4 bisect steps"
}

# oracle_next REPO FILE: the commit bisect_algo picks after FILE's marks
oracle_next()
{
	# shellcheck disable=SC2046 # the start line's quoted refs, as words
	set -- "$1" "$2" $(sed -n "1s/^git bisect start //p" "$2" | tr -d "'")
	_r=$1 _f=$2 _b=$3
	shift 3
	_nots=$(for _g in "$@"; do printf '^%s ' "$_g"; done)
	# shellcheck disable=SC2086
	git -C "$_r" rev-list --parents --timestamp "$_b" $_nots >"$SCRATCH/revs"
	{ sed -n '2,$s/^git bisect //p' "$_f"; echo next; } >"$SCRATCH/cmds"
	"$ORACLE" --revs "$SCRATCH/revs" <"$SCRATCH/cmds" >"$SCRATCH/oracle.out" ||
		fail "bisect-oracle failed on $_f"
	sed -n 's/^\[\([0-9a-f]\{40\}\)\]$/\1/p' "$SCRATCH/oracle.out"
}

fixture cause --no-flaky --commits 500 --releases 3 --culprit-release 2 --seed 11
CAUSE_REPO=$repo CAUSE_LOG=$log CAUSE_CULPRIT=$culprit
tl_snapshot "$CAUSE_REPO" "$SCRATCH/before"

syzbot_cause()
{
	same_first_bad cause "$CAUSE_REPO" "$CAUSE_LOG" "$CAUSE_CULPRIT"
	# the log's own git bisect lines, hash for hash
	assert_eq "replay lines" "$(grep -c '^# git bisect ' "$CAUSE_LOG")" \
		"$(lines_in "$SCRATCH/cause.replay")"
	grep '^# git bisect \(good\|bad\|skip\) ' "$CAUSE_LOG" | sed 's/^# //' >"$SCRATCH/want"
	sed 1d "$SCRATCH/cause.replay" | cmp -s - "$SCRATCH/want" ||
		fail "the replay's marks are not the log's: $(sed 1d "$SCRATCH/cause.replay" | diff "$SCRATCH/want" - | head)"
}

syzbot_fix()
{
	fixture fix --fix --commits 600 --releases 3 --culprit-release 1 --seed 7
	grep -q '^bisecting fixing commit since ' "$log" || fail "the fix fixture is no fix bisection"
	same_first_bad fix "$repo" "$log" "$culprit"
}

flip_and_until()
{
	bisect_steps "$CAUSE_LOG"
	# a step in the middle with a next step after it
	_n=$(($(lines_in "$SCRATCH/steps") / 2))
	read -r _k _c _v <<-END
	$(sed -n "${_n}p" "$SCRATCH/steps")
	END
	_next=$(sed -n "$((_n + 1))p" "$SCRATCH/steps" | awk '{ print $2 }')
	bv_ok --replay --flip "$_k" "$CAUSE_LOG"
	cp "$SCRATCH/out" "$SCRATCH/flip.replay"
	case $_v in good) _fv=bad ;; *) _fv=good ;; esac
	assert_eq "the flipped step's line" "git bisect $_fv $_c" "$(tail -n 1 "$SCRATCH/flip.replay")"
	replay "$CAUSE_REPO" "$SCRATCH/flip.replay"
	_head=$(git -C "$SCRATCH/clone" rev-parse HEAD)
	[ "$_head" != "$_next" ] || fail "--flip $_k: git still tests the log's next commit $_next"
	assert_eq "--flip $_k: git's next commit is bisect_algo's" \
		"$(oracle_next "$CAUSE_REPO" "$SCRATCH/flip.replay")" "$_head"
	bv_ok --replay --until "$_k" "$CAUSE_LOG"
	cp "$SCRATCH/out" "$SCRATCH/until.replay"
	replay "$CAUSE_REPO" "$SCRATCH/until.replay"
	assert_eq "--until $_k: git's commit" "$_c" "$(git -C "$SCRATCH/clone" rev-parse HEAD)"
}

plain_logs()
{
	tl_setup
	tl_logs
	same_first_bad gitlog "$R" "$LOGS/gitbisect.log" "$CULPRIT"
	TL_START_MARKS=1 tl_bisect "$R" "$W/m" v1.3 v1.2 "$CULPRIT"
	same_first_bad marks "$R" "$W/m.gitlog" "$CULPRIT"
	tl_bisect "$R" "$W/s" v1.3 v1.2 "$CULPRIT" 2
	grep -q '^git bisect skip ' "$W/s.gitlog" || fail "no skip in $W/s.gitlog"
	bv_ok --replay "$W/s.gitlog"
	grep -v '^#' "$W/s.gitlog" | grep -v '^git bisect start' >"$SCRATCH/want"
	sed 1d "$SCRATCH/out" | cmp -s - "$SCRATCH/want" ||
		fail "the skip log's marks are not git's: $(sed 1d "$SCRATCH/out" | diff "$SCRATCH/want" - | head)"
	# --flip on the skipped step: a clear error
	_k=$(bisview_index_of_skip "$W/s.gitlog")
	bv --replay --flip "$_k" "$W/s.gitlog"
	one_line_error "--flip on a skip" "$W/s.gitlog" "skip cannot be flipped"
	custom_terms
	pathspec
}

# the index of the first skip step in a log
bisview_index_of_skip()
{
	bv_ok --json --no-tree "$1"
	jq -r '[.steps[] | select(.verdict == "skip")][0].index' "$SCRATCH/out"
}

# session NAME NEW OLD START-ARGS...: a real git bisection of $R in a bare
# clone, marking NEW on commits that contain $CULPRIT and OLD on the rest,
# until git names the first NEW commit; its `git bisect log` in
# $SCRATCH/NAME.log
session()
{
	_n=$1 _new=$2 _old=$3
	shift 3
	_g=$SCRATCH/$_n.git
	rm -rf "$_g" "$SCRATCH/$_n.out"
	git clone -q --bare "$R" "$_g"
	git -C "$_g" bisect start --no-checkout "$@" >/dev/null 2>&1 || fail "$_n: git bisect start failed"
	_k=0
	while _cur=$(git -C "$_g" rev-parse -q --verify BISECT_HEAD) &&
		! grep -q "is the first $_new commit" "$SCRATCH/$_n.out" 2>/dev/null; do
		_k=$((_k + 1))
		[ "$_k" -le 40 ] || fail "the $_n bisection does not end"
		if git -C "$_g" merge-base --is-ancestor "$CULPRIT" "$_cur"; then _v=$_new; else _v=$_old; fi
		git -C "$_g" bisect "$_v" "$_cur" >"$SCRATCH/$_n.out" 2>&1 || true
	done
	git -C "$_g" bisect log >"$SCRATCH/$_n.log"
}

# custom terms: a real git session with --term-old/--term-new, replayed
custom_terms()
{
	session terms fixed broken --term-old=broken --term-new=fixed v1.3 v1.2
	same_first_bad terms "$R" "$SCRATCH/terms.log" "$CULPRIT"
	grep -q "^git bisect start '--term-old=broken' '--term-new=fixed' " "$SCRATCH/terms.replay" ||
		fail "the terms are not kept: $(head -1 "$SCRATCH/terms.replay")"
	grep -q '^git bisect fixed ' "$SCRATCH/terms.replay" || fail "no 'fixed' mark in the replay"
}

# a pathspec: a real git session limited to the culprit's first file,
# replayed with the paths kept
pathspec()
{
	_p=$(git -C "$R" show --name-only --format= "$CULPRIT" | head -n 1)
	[ -n "$_p" ] || fail "the culprit touches no file"
	session paths bad good v1.3 v1.2 -- "$_p"
	same_first_bad paths "$R" "$SCRATCH/paths.log" "$CULPRIT"
	grep -q "^git bisect start .* '--' '$_p'\$" "$SCRATCH/paths.replay" ||
		fail "the pathspec is not kept: $(head -1 "$SCRATCH/paths.replay")"
	# git's own marks, in order: the replay chose the same commits
	grep '^git bisect \(good\|bad\|skip\) ' "$SCRATCH/paths.log" >"$SCRATCH/want"
	sed 1d "$SCRATCH/paths.replay" | cmp -s - "$SCRATCH/want" ||
		fail "the pathspec replay's marks are not git's"
	# a path no file could carry safely is refused, not written
	sed "/^git bisect start/s|'*$_p'*\$|'a b'|" "$SCRATCH/paths.log" >"$SCRATCH/oddpath.log"
	grep -q "^git bisect start .*'a b'\$" "$SCRATCH/oddpath.log" || fail "no odd path in the test log"
	bv --replay "$SCRATCH/oddpath.log"
	one_line_error "an odd pathspec" "$SCRATCH/oddpath.log" "pathspec is not plain paths"
}

# one_line_error WHAT LOG TEXT: exit 2, one line on stderr naming LOG and TEXT
one_line_error()
{
	assert_eq "$1: exit status" 2 "$rc"
	assert_eq "$1: lines on stderr" 1 "$(lines_in "$SCRATCH/err")"
	grep -qF "$2" "$SCRATCH/err" || fail "$1: the error does not name $2: $(cat "$SCRATCH/err")"
	grep -qF "$3" "$SCRATCH/err" || fail "$1: the error does not say '$3': $(cat "$SCRATCH/err")"
	[ ! -s "$SCRATCH/out" ] || fail "$1: something on standard output"
}

bad_values()
{
	bv --replay --flip 9999 "$CAUSE_LOG"
	one_line_error "--flip 9999" "$CAUSE_LOG" "no step 9999"
	bv --replay --until 0 "$CAUSE_LOG"   # the crash's own commit: no verdict git was given
	one_line_error "--until 0" "$CAUSE_LOG" "not one that git bisect"
	for _a in -1 x 3x '' ' 3' +3; do
		bv --replay --flip "$_a" "$CAUSE_LOG"
		assert_eq "--flip '$_a': exit status" 2 "$rc"
		assert_eq "--flip '$_a': lines on stderr" 1 "$(lines_in "$SCRATCH/err")"
	done
	bv --replay --flip 3 --until 4 "$CAUSE_LOG"
	assert_eq "--flip with --until: exit status" 2 "$rc"
	bv --until 3 "$CAUSE_LOG"
	assert_eq "--until without --replay: exit status" 2 "$rc"
}

hostile()
{
	_esc=$(printf '\033]0;owned\007\033[31m')
	# escapes in every subject git printed ("[H] subject") of a syzbot log
	sed "s/^\(\[[0-9a-f]\{40\}\] \)/\1$_esc/" "$CAUSE_LOG" >"$SCRATCH/escapes.log"
	grep -q "$(printf '\033')" "$SCRATCH/escapes.log" || fail "no escapes planted"
	same_first_bad escapes "$CAUSE_REPO" "$SCRATCH/escapes.log" "$CAUSE_CULPRIT"
	! grep -q owned "$SCRATCH/escapes.replay" || fail "a subject leaked into the replay file"
	# a plain log whose start ref carries escapes: its "# bad: [H]"
	# comment says which commit it meant, and only that hash is written
	{
		printf "git bisect start 'v1.3%s' 'v1.2'\n" "$_esc"
		printf '# bad: [%s] %s evil\n' "$CAUSE_CULPRIT" "$_esc"
	} >"$SCRATCH/oddref.log"
	bv_ok --replay "$SCRATCH/oddref.log"
	assert_eq "an escaped start ref with its comment" \
		"git bisect start '$CAUSE_CULPRIT' 'v1.2'" "$(cat "$SCRATCH/out")"
	# without the comment nothing names a commit: refused, nothing written
	printf "git bisect start 'v1.3%s' 'v1.2'\n" "$_esc" >"$SCRATCH/oddref.log"
	bv --replay "$SCRATCH/oddref.log"
	assert_eq "an escape in a start ref: exit status" 2 "$rc"
	[ ! -s "$SCRATCH/out" ] || fail "an escape in a start ref: something was written"
	no_controls "the error for an escape in a start ref" "$SCRATCH/err"
}

tl_section syzbot-cause syzbot_cause
tl_section syzbot-fix syzbot_fix
tl_section flip-until flip_and_until
tl_section plain-logs plain_logs
tl_section bad-values bad_values
tl_section hostile hostile
tl_snapshot "$CAUSE_REPO" "$SCRATCH/after"
tl_unchanged "--replay" "$CAUSE_REPO" "$SCRATCH/before" "$SCRATCH/after"
tl_finish
