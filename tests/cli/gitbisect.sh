#!/bin/sh
# Plain `git bisect log` output (doc/log-format.md §6), as a developer would
# save it after `git bisect` by hand: a session that converged on a first
# bad commit, one that ran out of commits to test because of skips, and one
# with custom terms; then the same two endings from real `git bisect run`
# sessions of the installed git on a small repository.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

B0=54be6c6c5ae8e0d93a6c4641cb7528eb0b6ba478  # Linux 6.8-rc3
G0=0dd3ee31125508cd67f7e7172247f05b7fd1753a  # Linux 6.7
G1=3f8e6a3c5f1b4f3c1c0a9f0b1e6d2a7c4b8e9d10
B1=8a2b9c7d3e1f4a6b5c0d9e8f7a1b2c3d4e5f6a7b
G2=c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f7
B2=e1f2a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4
S1=1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d
S2=9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c

mkdir "$SCRATCH/logs"
CONVERGED=$SCRATCH/logs/converged.log
SKIPPED=$SCRATCH/logs/skipped.log
TERMS=$SCRATCH/logs/terms.log

# the marks both sessions begin with: the ends, a good and a bad merge
first_marks()
{
	printf '%s\n' \
		"git bisect start" \
		"# status: waiting for both good and bad commits" \
		"# bad: [$B0] Linux 6.8-rc3" \
		"git bisect bad $B0" \
		"# status: waiting for good commit(s), bad commit known" \
		"# good: [$G0] Linux 6.7" \
		"git bisect good $G0" \
		"# good: [$G1] Merge tag 'net-next-6.8' of git://git.kernel.org/pub/scm/linux/kernel/git/netdev/net-next" \
		"git bisect good $G1" \
		"# bad: [$B1] Merge tag 'mm-stable-2024-01-08-15-31' of git://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm" \
		"git bisect bad $B1"
}

{
	first_marks
	printf '%s\n' \
		"# good: [$G2] mm: memcg: fix split queue list crash when large folio migration" \
		"git bisect good $G2" \
		"# bad: [$B2] mm/zswap: invalidate duplicate entry when !zswap_enabled" \
		"git bisect bad $B2" \
		"# first bad commit: [$B2] mm/zswap: invalidate duplicate entry when !zswap_enabled"
} >"$CONVERGED"

{
	first_marks
	printf '%s\n' \
		"# skip: [$S1] drm/amd/display: fix calc_pll_max_vco_construct" \
		"git bisect skip $S1" \
		"# good: [$G2] mm: memcg: fix split queue list crash when large folio migration" \
		"git bisect good $G2" \
		"# skip: [$S2] drm/amd/display: remove a redundant check" \
		"git bisect skip $S2" \
		"# only skipped commits left to test" \
		"# possible first bad commit: [$B1] Merge tag 'mm-stable-2024-01-08-15-31' of git://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm" \
		"# possible first bad commit: [$S2] drm/amd/display: remove a redundant check" \
		"# possible first bad commit: [$S1] drm/amd/display: fix calc_pll_max_vco_construct"
} >"$SKIPPED"

printf '%s\n' \
	"git bisect start '--term-old=fast' '--term-new=slow'" \
	"# status: waiting for both good and bad commits" \
	"# slow: [$B0] Linux 6.8-rc3" \
	"git bisect slow $B0" \
	"# status: waiting for good commit(s), bad commit known" \
	"# fast: [$G0] Linux 6.7" \
	"git bisect fast $G0" \
	"# slow: [$B1] Merge tag 'mm-stable-2024-01-08-15-31' of git://git.kernel.org/pub/scm/linux/kernel/git/akpm/mm" \
	"git bisect slow $B1" \
	"# fast: [$G2] mm: memcg: fix split queue list crash when large folio migration" \
	"git bisect fast $G2" \
	"# slow: [$B2] mm/zswap: invalidate duplicate entry when !zswap_enabled" \
	"git bisect slow $B2" \
	"# first slow commit: [$B2] mm/zswap: invalidate duplicate entry when !zswap_enabled" \
	>"$TERMS"

# marks LOG BAD GOOD: each "# TERM: [H] subject" comment documents one mark
# (a command, or a ref given to `git bisect start`): one step each, in
# order, with TERM read as bad, good or skip; the step's lines hold it
marks()
{
	log=$1 j=$(json "$1") name=$(basename "$1")
	awk -v bad="$2:" -v good="$3:" '$1 == "#" && ($2 == bad || $2 == good || $2 == "skip:") &&
		$3 ~ /^\[[0-9a-f]+\]$/ {
		v = $2 == bad ? "bad" : $2 == good ? "good" : "skip"
		print substr($3, 2, length($3) - 2), v, NR }' "$log" >"$SCRATCH/text"
	[ -s "$SCRATCH/text" ] || fail "$name: no '# $2:' comments (test is broken)"
	jq -r '.steps[] | "\(.commit) \(.verdict) \(.lines[0]) \(.lines[1])"' "$j" >"$SCRATCH/model"
	cut -d' ' -f1,2 "$SCRATCH/text" >"$SCRATCH/a"
	cut -d' ' -f1,2 "$SCRATCH/model" >"$SCRATCH/b"
	cmp -s "$SCRATCH/a" "$SCRATCH/b" ||
		fail "$name: steps differ from the log's marks:
$(diff "$SCRATCH/a" "$SCRATCH/b" || true)"
	paste -d' ' "$SCRATCH/text" "$SCRATCH/model" | awk -v name="$name" '
		$3 < $6 || $3 > $7 { printf "%s: step %d spans lines %s-%s, not line %s\n",
			name, NR - 1, $6, $7, $3; bad = 1 } END { exit bad }' >&2 ||
		fail "$name: steps[].lines do not hold the steps' own marks"
}

for log in "$CONVERGED" "$SKIPPED" "$TERMS"; do
	fact "$log" .format git-bisect-log
	fact "$log" .unknown_lines 0
done
marks "$CONVERGED" bad good
marks "$SKIPPED" bad good
marks "$TERMS" slow fast

fact "$CONVERGED" .result.type culprit
fact "$CONVERGED" .result.commit "$B2"
fact "$CONVERGED" .result.title 'mm/zswap: invalidate duplicate entry when !zswap_enabled'
fact "$CONVERGED" '.steps | length' 6
fact "$CONVERGED" '[.steps[] | select(.phase == "bisect")] | length' 4

fact "$SKIPPED" .result.type inconclusive
fact "$SKIPPED" '.result.candidates | sort | join(" ")' \
	"$(printf '%s\n' "$B1" "$S1" "$S2" | sort | tr '\n' ' ' | sed 's/ $//')"
fact "$SKIPPED" '[.steps[] | select(.verdict == "skip") | .commit] | join(" ")' "$S1 $S2"

fact "$TERMS" .result.type culprit
fact "$TERMS" .result.commit "$B2"
fact "$TERMS" .result.title 'mm/zswap: invalidate duplicate entry when !zswap_enabled'

# the same logs from standard input
for log in "$CONVERGED" "$SKIPPED" "$TERMS"; do
	bv_ok --json - <"$log"
	jq -S 'del(.path, .source.kind)' "$SCRATCH/out" >"$SCRATCH/a"
	jq -S 'del(.path, .source.kind)' "$(json "$log")" >"$SCRATCH/b"
	cmp -s "$SCRATCH/a" "$SCRATCH/b" || fail "$(basename "$log") from standard input differs"
done

bv_ok --summary "$CONVERGED"
grep -q "$(printf '%.12s' "$B2")" "$SCRATCH/out" || fail "--summary lacks the culprit's 12-hex"
grep -qF 'mm/zswap: invalidate duplicate entry when !zswap_enabled' "$SCRATCH/out" ||
	fail "--summary lacks the culprit's subject"
bv_ok --summary "$SKIPPED"
grep -q inconclusive "$SCRATCH/out" || fail "--summary of the skipped log does not say inconclusive"

bv_ok --scan --json "$SCRATCH/logs"
jq -r '"\(.path | sub(".*/"; "")) \(.format) \(.result.type)"' "$SCRATCH/out" >"$SCRATCH/a"
printf '%s\n' "converged.log git-bisect-log culprit" "skipped.log git-bisect-log inconclusive" \
	"terms.log git-bisect-log culprit" >"$SCRATCH/b"
cmp -s "$SCRATCH/a" "$SCRATCH/b" || fail "--scan --json of the git bisect logs:
$(diff "$SCRATCH/b" "$SCRATCH/a" || true)"

json_contract "the git bisect logs" "$CONVERGED" "$SKIPPED" "$TERMS"

note "3 written git bisect logs: converged, skipped to the end, custom terms"

# Real `git bisect log` output from the installed git: a 12-commit repo in
# which "mm: change 08" adds the file bug; `git bisect run` finds it, and
# with 07 and 08 skipped it runs out of commits to test.
if ! command -v git >/dev/null 2>&1; then
	note "git is not installed: the real git bisect sessions are skipped"
	exit 0
fi
REPO=$SCRATCH/repo
git_env "$SCRATCH"
GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL=author@example.com
GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL=committer@example.com
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
git init -q "$REPO" || fail "git init failed"
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	echo "$i" >"$REPO/counter"
	[ "$i" != 08 ] || echo "introduced in 08" >"$REPO/bug"
	git -C "$REPO" add -A
	GIT_AUTHOR_DATE="2024-01-$i 12:00:00 +0000" GIT_COMMITTER_DATE="2024-01-$i 12:00:00 +0000" \
		git -C "$REPO" commit -q -m "mm: change $i" || fail "git commit failed"
done
hash_of() { git -C "$REPO" log --format=%H --grep="^mm: change $1\$"; }
FIRST=$(hash_of 01) C07=$(hash_of 07) C08=$(hash_of 08) C09=$(hash_of 09)

# marks one by one (git logs "# status:" lines), then bisect run
RUN_LOG=$SCRATCH/logs/real-run.log
(cd "$REPO" && git bisect start && git bisect bad && git bisect good "$FIRST" &&
	git bisect run sh -c 'test ! -e bug') >/dev/null 2>&1 || fail "git bisect run failed"
git -C "$REPO" bisect log >"$RUN_LOG"
git -C "$REPO" bisect reset >/dev/null 2>&1
grep -q "^# first bad commit: \[$C08\]" "$RUN_LOG" || fail "git did not find 08 (test is broken)"

# refs given to start (git logs their comments first), 07 and 08 skipped
SKIP_LOG=$SCRATCH/logs/real-skip.log
# shellcheck disable=SC2016 # a script for the sh that git bisect run starts
SKIP_0708='case $(cat counter) in 07|08) exit 125;; esac; test ! -e bug'
(cd "$REPO" && git bisect start HEAD "$FIRST" && git bisect run sh -c "$SKIP_0708") \
	>/dev/null 2>&1 || true   # git ends with an error: only skipped commits left
git -C "$REPO" bisect log >"$SKIP_LOG"
git -C "$REPO" bisect reset >/dev/null 2>&1
grep -q '^# only skipped commits left to test' "$SKIP_LOG" ||
	fail "git did not run out of commits (test is broken)"

for log in "$RUN_LOG" "$SKIP_LOG"; do
	fact "$log" .format git-bisect-log
	fact "$log" .unknown_lines 0
	marks "$log" bad good
done
fact "$RUN_LOG" '"\(.result.type) \(.result.commit) \(.result.title)"' "culprit $C08 mm: change 08"
fact "$SKIP_LOG" .result.type inconclusive
# the candidates are git's "possible first bad commit" lines: 07, 08, 09
sed -n 's/^# possible first bad commit: \[\([0-9a-f]*\)\].*/\1/p' "$SKIP_LOG" | sort >"$SCRATCH/a"
printf '%s\n' "$C07" "$C08" "$C09" | sort | cmp -s - "$SCRATCH/a" ||
	fail "git listed other candidates than 07, 08, 09 (test is broken)"
fact "$SKIP_LOG" '.result.candidates | sort | join(" ")' "$(tr '\n' ' ' <"$SCRATCH/a" | sed 's/ $//')"

# with the repository as the tree: still the contract, and the culprit
json_contract "the real git bisect logs with -C REPO" -C "$REPO" "$RUN_LOG" "$SKIP_LOG"
bv_ok --json -C "$REPO" "$RUN_LOG"
jq_assert "$SCRATCH/out" "(.result.commit == \"$C08\") and (.tree == null or
	(.tree.missing == 0 and (.tree.culprit == null or .tree.culprit.commit == \"$C08\")))" \
	"--json -C REPO: the tree facts disagree with the repository"

note "2 real git bisect logs (git $(git --version | cut -d' ' -f3)): bisect run, skips to the end"
