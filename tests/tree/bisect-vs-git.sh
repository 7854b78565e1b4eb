#!/bin/sh
# src/bisect/bisect_algo.c against real `git bisect` (doc/libraries.md §4.3).
#
# Builds scratch repositories with git fast-import (deterministic: fixed
# dates, a fixed pseudo-random sequence): a linear history of 5,000
# commits (enough for git's nr/1024 half-way tolerance to matter), one
# with many topic merges (octopus merges, back-merges, topic-into-topic
# merges and extra root commits), one where commits share committer dates
# in blocks of 40 (ties), and two with back- and forward-dated commits
# (clock skew). For several culprits per repository it drives `git bisect
# start --no-checkout`, answering good/bad by "is the culprit an ancestor
# of BISECT_HEAD" (git merge-base --is-ancestor), in some runs skipping
# every k-th step (k = 2..5), in some with --first-parent or two initial
# goods. At every step it records git's "Bisecting: N ... (roughly S
# steps)" line and BISECT_HEAD, and in runs without skips the candidate
# order (`git rev-list` for the current bisect refs); then it replays the
# same marks through tests/tree/bisect-oracle and diffs the two transcripts.
# Needs only git and awk; takes 15-20 s on two cores.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

ORACLE=$top_builddir/tests/tree/bisect-oracle
[ -x "$ORACLE" ] || fail "no oracle at $ORACLE (make check builds it)"
need_cmd git awk

# A git that reads no configuration of the user's and speaks English.
git_env "$SCRATCH"
c_locale
XDG_CONFIG_HOME=$SCRATCH/.config
export XDG_CONFIG_HOME

# gen_stream SHAPE N SEED [F]: a fast-import stream of about N commits on
# refs/heads/main. Marks are commit numbers, 1 the first root. Shapes:
# linear, merges, ties, skew, skewin (skew only after commit F).
gen_stream()
{
	awk -v shape="$1" -v N="$2" -v seed="$3" -v F="${4:-0}" '
	# Park and Miller: the same numbers from every awk
	function rnd(n) { seed = (seed * 16807) % 2147483647; return seed % n }
	function when(   d) {
		if (shape == "ties")
			return T0 + int(m / 40) * 3600
		d = T0 + m * 97
		if (shape == "skew") {
			if (rnd(8) == 0)
				d -= rnd(4 * 86400)
			else if (rnd(30) == 0)
				d += rnd(86400)
		}
		# skew only after commit F, and never back to before it
		if (shape == "skewin" && m > F && rnd(8) == 0) {
			d -= rnd(4 * 86400)
			if (d <= T0 + F * 97)
				d = T0 + F * 97 + 1 + rnd(97)
		}
		return d
	}
	function emit(np, p1, p2, p3,   d, msg) {
		m++
		d = when()
		msg = "commit " m
		printf "commit refs/heads/gen\nmark :%d\n", m
		printf "author A U Thor <author@example.com> %d +0000\n", d
		printf "committer C O Mitter <committer@example.com> %d +0000\n", d
		printf "data %d\n%s\n", length(msg), msg
		if (np >= 1) printf "from :%d\n", p1
		if (np >= 2) printf "merge :%d\n", p2
		if (np >= 3) printf "merge :%d\n", p3
		printf "\n"
		return m
	}
	function on_main(c) { main = c; hist[++nhist] = c }
	function drop(t) { topic[t] = topic[ntopic]; ntopic-- }
	BEGIN {
		T0 = 1600000000
		on_main(emit(0))
		while (m < N) {
			r = rnd(100)
			if (shape == "linear" || r < 25 || (ntopic == 0 && r < 60)) {
				on_main(emit(1, main))
			} else if (r < 35 && ntopic < 12) {
				k = nhist < 30 ? nhist : 30
				topic[++ntopic] = emit(1, hist[nhist - rnd(k)])
			} else if (r < 80 && ntopic > 0) {
				t = 1 + rnd(ntopic)
				topic[t] = emit(1, topic[t])
			} else if (r < 89 && ntopic > 0) {
				t = 1 + rnd(ntopic)
				on_main(emit(2, main, topic[t]))
				drop(t)
			} else if (r < 92 && ntopic > 1) {
				on_main(emit(3, main, topic[1], topic[2]))
				drop(2)
				drop(1)
			} else if (r < 95 && ntopic > 0) {
				t = 1 + rnd(ntopic)
				topic[t] = emit(2, topic[t], main)
			} else if (r < 98 && ntopic > 1) {
				topic[1] = emit(2, topic[1], topic[2])
				drop(2)
			} else if (r < 99 && ntopic < 12) {
				# an unrelated history, merged later
				printf "reset refs/heads/gen\n\n"
				topic[++ntopic] = emit(0)
			} else {
				on_main(emit(1, main))
			}
		}
		while (ntopic > 0) {
			on_main(emit(2, main, topic[ntopic]))
			ntopic--
		}
		printf "reset refs/heads/main\nfrom :%d\n\n", main
	}'
}

# make_repo NAME SHAPE N SEED [F]: $SCRATCH/NAME, with $SCRATCH/NAME.marks
make_repo()
{
	_dir=$SCRATCH/$1
	git -c init.defaultBranch=main init -q "$_dir" || fail "git init failed"
	git -C "$_dir" config gc.auto 0
	gen_stream "$2" "$3" "$4" "${5:-0}" >"$SCRATCH/$1.stream"
	git -C "$_dir" fast-import --quiet --export-marks="$SCRATCH/$1.marks" \
		<"$SCRATCH/$1.stream" || fail "git fast-import failed for $1"
	# bisect start reads HEAD; nothing is ever checked out (--no-checkout)
	git -C "$_dir" symbolic-ref HEAD refs/heads/main
}

# mark NAME N: the hash of commit N
mark()
{
	awk -v m=":$2" '$1 == m { print $2; found = 1 } END { exit !found }' \
		"$SCRATCH/$1.marks" || fail "no mark $2 in $1"
}

# culprits NAME COUNT GOOD... : COUNT commits of the range main ^GOOD...
# at spread positions: the middle, near the bad end, the oldest, ...
culprits()
{
	_repo=$1 _n=$2
	shift 2
	git -C "$SCRATCH/$_repo" rev-list main --not "$@" |
		awk -v want="$_n" '{ c[NR] = $1 } END {
			split("0.45 0.03 1 0.8", f, " ")
			for (i = 1; i <= want && i <= 4; i++) {
				n = int(NR * f[i]); if (n < 1) n = 1
				print c[n]
			}
		}'
}

# bisect NAME CULPRIT K FP GOOD...: one bisection of main ^GOOD...;
# every K-th answer is a skip (K = 0: none); FP = 1 for --first-parent.
# Runs without skips also compare the candidate order at every step.
# Appends "steps skips" to $SCRATCH/NAME.count.
bisect()
{
	_repo=$1 _culprit=$2 _k=$3 _fp=$4
	shift 4
	_g="git -C $SCRATCH/$_repo"
	_git=$SCRATCH/$_repo.git-out _ora=$SCRATCH/$_repo.oracle-out
	_cmds=$SCRATCH/$_repo.cmds _revs=$SCRATCH/$_repo.revs
	_fpopt=
	[ "$_fp" = 1 ] && _fpopt=--first-parent

	$_g bisect reset >/dev/null 2>&1 || true
	: >"$_git"
	: >"$_cmds"
	if [ "${WHOLE_HISTORY:-0}" = 1 ]; then
		$_g rev-list --parents --timestamp main >"$_revs"
		for _h in "$@"; do
			echo "good $_h" >>"$_cmds"
		done
	else
		$_g rev-list --parents --timestamp main --not "$@" >"$_revs"
	fi || fail "git rev-list failed"
	# shellcheck disable=SC2086 # $_fpopt is empty or one word
	_out=$($_g bisect start --no-checkout $_fpopt main "$@" 2>&1) ||
		fail "git bisect start failed: $_out"
	_bad=main _goods="$*" _step=0 _skips=0
	while :; do
		case $_out in
		*"merge base must be tested"*)
			fail "$_repo: git tested a merge base; the goods must be ancestors" ;;
		*"is the first bad commit"*)
			printf '%s\n' "$_out" | grep 'is the first bad commit$' >>"$_git"
			echo next >>"$_cmds"
			break ;;
		*"only 'skip'ped commits left"*)
			echo "There are only 'skip'ped commits left to test." >>"$_git"
			echo next >>"$_cmds"
			break ;;
		*Bisecting:*)
			if [ "$_k" = 0 ]; then
				# shellcheck disable=SC2086
				$_g rev-list $_fpopt "$_bad" --not $_goods >>"$_git"
				echo order >>"$_cmds"
			fi
			printf '%s\n' "$_out" | grep '^Bisecting: ' >>"$_git"
			read -r _head <"$SCRATCH/$_repo/.git/BISECT_HEAD"
			echo "[$_head]" >>"$_git"
			echo next >>"$_cmds" ;;
		*)
			fail "$_repo: unexpected output of git bisect: $_out" ;;
		esac
		_step=$((_step + 1))
		[ "$_step" -lt 200 ] || fail "$_repo: bisection does not end"
		if [ "$_k" -gt 0 ] && [ $((_step % _k)) -eq 0 ]; then
			_v=skip
			_skips=$((_skips + 1))
		elif $_g merge-base --is-ancestor "$_culprit" "$_head"; then
			_v=bad
			_bad=$_head
		else
			_v=good
			_goods="$_goods $_head"
		fi
		echo "$_v $_head" >>"$_cmds"
		_out=$($_g bisect "$_v" "$_head" 2>&1) || true
	done
	$_g bisect reset >/dev/null 2>&1 || true
	echo "$_step $_skips $_fp" >>"$SCRATCH/$_repo.count"

	# shellcheck disable=SC2086
	"$ORACLE" $_fpopt --revs "$_revs" <"$_cmds" >"$_ora" ||
		fail "bisect-oracle failed on $_repo (culprit $_culprit)"
	if ! cmp -s "$_git" "$_ora"; then
		diff -u "$_git" "$_ora" | head -60 >&2 || true
		fail "$_repo: oracle differs from git bisect (culprit $_culprit, skip every $_k," \
			"first-parent $_fp, goods $*); - git, + oracle; marks in $_cmds"
	fi
}

# run_repo NAME SHAPE N SEED GOOD_MARK CULPRITS FIRST_K FP_RUN SECOND_GOOD
# [WHOLE]: per culprit a run without skips and one skipping every k-th
# step (k = FIRST_K, then cycling through 2..5); FP_RUN = 1 adds two
# --first-parent runs; SECOND_GOOD (a mark) != 0 adds two runs with two
# initial goods. WHOLE = 1 gives the oracle the whole history instead of
# the range, the initial goods as marks (see the skew repository below).
# (sh has no local variables: bisect() owns every _name, this rr_name.)
run_repo()
{
	make_repo "$1" "$2" "$3" "$4" "$5"
	WHOLE_HISTORY=${10:-0}
	rr_good=$(mark "$1" "$5")
	rr_k=$7
	for rr_c in $(culprits "$1" "$6" "$rr_good"); do
		bisect "$1" "$rr_c" 0 0 "$rr_good"
		bisect "$1" "$rr_c" "$rr_k" 0 "$rr_good"
		rr_k=$((rr_k % 4 + 2))
	done
	if [ "$8" = 1 ]; then
		rr_c=$(culprits "$1" 1 "$rr_good")
		bisect "$1" "$rr_c" 0 1 "$rr_good"
		bisect "$1" "$rr_c" 3 1 "$rr_good"
	fi
	if [ "$9" != 0 ]; then
		rr_good2=$(mark "$1" "$9")
		rr_c=$(culprits "$1" 1 "$rr_good" "$rr_good2")
		bisect "$1" "$rr_c" 0 0 "$rr_good" "$rr_good2"
		bisect "$1" "$rr_c" 4 0 "$rr_good" "$rr_good2"
	fi
}

# Clock skew (a commit older than its parent) is where git's walk stops
# before a good's "uninteresting" mark has reached everything the good
# reaches (src/bisect/bisect_walk.c). "skewin" back-dates commits of the
# range, never to before the initial good: a range-only graph gives git's
# answers exactly. "skew" back-dates anywhere, by up to four days, so the
# walk also interleaves with the initial good's own history, which a
# range-only graph lacks: there the oracle gets the whole history.
#
# Two repositories at a time (the machine has two cores); each writes its
# own files.
PIDS=
for spec in "merges merges 3000 12345 150 3 2 1 1400" \
	"linear linear 5000 11 1 2 3 0 0" \
	"ties ties 2000 777 100 3 4 1 900" \
	"skewin skewin 2000 99 300 3 5 1 0" \
	"skew skew 1500 4242 120 2 5 1 0 1"; do
	# shellcheck disable=SC2086 # one word per argument
	(run_repo $spec) &
	PIDS="$PIDS $!"
	BG_PIDS="$BG_PIDS $!"
	set -- $PIDS
	if [ $# -ge 2 ]; then
		wait "$1" || fail "see above"
		shift
		PIDS="$*"
	fi
done
for p in $PIDS; do
	wait "$p" || fail "see above"
done

summary=$(cat "$SCRATCH"/*.count | awk '
	{ n++; steps += $1; skips += $2; if ($2 > 0) skipped++; if ($3 == 1) fp++ }
	END {
		printf "%d bisections (%d with skips, %d --first-parent), %d steps, %d skips", \
			n, skipped, fp, steps, skips
	}')
case $summary in
[0-9]\ *|[12][0-9]\ *) fail "fewer bisections than planned: $summary" ;;
esac
note "$summary: every step as git bisect printed it"
