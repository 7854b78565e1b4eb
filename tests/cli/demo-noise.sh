#!/bin/sh
# The demo's noisy verdicts (src/demo/demo_noise.c, struct demo_noise),
# made by tests/cli/demo-fixture on one small repository:
#   - a reproducer rate of 1 and no other noise give the deterministic
#     simulator's log (--no-flaky), byte for byte;
#   - the same options and noise seed give the same bytes, --batch and
#     alone; another seed, another log;
#   - with a false-bad rate, run lines crash with other bugs' titles, and
#     some step is bad on those alone (bisview reads the titles);
#   - with a low reproducer rate, some seed's bisection ends on a wrong
#     commit: the fixture does not fail, the log and its summary name that
#     commit, and bisview reads it (a culprit, a posterior);
#   - with build errors, skips; some seed ends on git's "only 'skip'ped
#     commits left", an inconclusive result;
#   - blind: the release that brought the bug tests clean, the true
#     culprit is older than the range, the log names another commit;
#   - a real git bisect driven by each such log's verdicts prints the
#     log's lines (tests/lib/demo.sh): git followed the verdicts given.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/demo.sh"

demo_need_fixture
need_cmd awk sed cmp cp jq
unset COLUMNS 2>/dev/null || true

ORIGINAL='possible deadlock in retract_page_tables'
# the bug in v1.2's merge window of a 700-commit history with 3 releases
set -- --no-checkout --commits 700 --releases 3 --culprit-release 2 --seed 5

# fixture NAME ARG...: a fixture in $SCRATCH/NAME, its output in NAME.out
fixture()
{
	_name=$1
	shift
	"$FIXTURE" "$@" "$SCRATCH/$_name" >"$SCRATCH/$_name.out" 2>"$SCRATCH/fixture.err" ||
		fail "demo-fixture $* failed: $(cat "$SCRATCH/fixture.err")"
}
# key NAME KEY: a "key: value" of NAME.out
key() { sed -n "s/^$2: //p" "$SCRATCH/$1.out"; }

# A rate of 1, no other noise: the deterministic log.
fixture plain "$@" --no-flaky
fixture rate1 "$@" --repro 1
cmp -s "$SCRATCH/plain/bisect.log" "$SCRATCH/rate1/bisect.log" ||
	fail "--repro 1 differs from --no-flaky:
$(diff "$SCRATCH/plain/bisect.log" "$SCRATCH/rate1/bisect.log" | head -10)"
CULPRIT=$(key plain culprit)
assert_eq "result at rate 1" "$CULPRIT" "$(key rate1 result)"
assert_eq "truth at rate 1" range "$(key rate1 truth)"

# Many logs on one repository: NAME REPRO FALSE_BAD SKIP BLIND SEED.
i=1
while [ "$i" -le 12 ]; do
	echo "low$i 0.15 0 0 0 $i"
	echo "fb$i 1 0.05 0 0 $i"
	echo "sk$i 1 0 0.3 0 $i"
	i=$((i + 1))
done >"$SCRATCH/specs"
echo "blind 1 0 0 3 1" >>"$SCRATCH/specs"
echo "again 0.15 0 0 0 1" >>"$SCRATCH/specs"
"$FIXTURE" "$@" --batch "$SCRATCH/b" <"$SCRATCH/specs" >"$SCRATCH/batch.out" 2>"$SCRATCH/fixture.err" ||
	fail "demo-fixture --batch failed: $(cat "$SCRATCH/fixture.err")"
assert_eq "logs made" "$(lines_in "$SCRATCH/specs")" "$(lines_in "$SCRATCH/batch.out")"
REPO=$SCRATCH/b/linux
# field NAME KEY: a key=value of NAME's line
field() { awk -v n="$1" -v k="$2" '$1 == n { for (i = 2; i <= NF; i++) if (index($i, k "=") == 1) print substr($i, length(k) + 2) }' "$SCRATCH/batch.out"; }
# first PATTERN AWK-CONDITION: the first log named PATTERN<n> for which the
# condition on its fields ($3 result=, $4 truth=) holds
first() { awk -v p="^$1[0-9]+\$" "\$1 ~ p && ($2) { print \$1; exit }" "$SCRATCH/batch.out"; }
assert_eq "culprit of the batch" "$CULPRIT" "$(field low1 culprit)"

# Deterministic: the same noise seed, the same bytes; another, another log.
cmp -s "$SCRATCH/b/low1.log" "$SCRATCH/b/again.log" || fail "the same noise seed gave another log"
! cmp -s "$SCRATCH/b/low1.log" "$SCRATCH/b/low2.log" || fail "two noise seeds gave the same log"
fixture alone "$@" --repro 0.15 --noise-seed 1
cmp -s "$SCRATCH/b/low1.log" "$SCRATCH/alone/bisect.log" || fail "--batch and a single log differ"

# check_log NAME TYPE: bisview reads the log as a result of TYPE, every
# line known, with a posterior; a real git bisect agrees with it.
check_log()
{
	_log=$SCRATCH/b/$1.log
	bv --json -C "$REPO" "$_log"
	[ "$rc" -eq 0 ] || fail "bisview --json $1.log exited $rc: $(head -c 300 "$SCRATCH/err")"
	jq_assert "$SCRATCH/out" ".result.type == \"$2\"" "$1.log: the result is not $2"
	jq_assert "$SCRATCH/out" '.unknown_lines == 0' "$1.log: lines left unclassified"
	jq_assert "$SCRATCH/out" ".crash_title == \"$ORIGINAL\"" "$1.log: not the original crash"
	jq_assert "$SCRATCH/out" '.posterior != null' "$1.log: no posterior"
	demo_replay "$REPO" "$_log"
}

# A false-bad rate: other bugs' titles in the run lines, a step bad on them.
grep -q -e '^run #[0-9]*: crashed: KASAN: use-after-free Read in tcp_recvmsg$' \
	-e '^run #[0-9]*: crashed: general protection fault in ext4_ext_check$' \
	-e '^run #[0-9]*: crashed: WARNING in i915_gem_object_unbind$' "$SCRATCH"/b/fb*.log ||
	fail "no run crashed with another title at a false-bad rate of 0.05"
! grep -q 'crashed: [^p]' "$SCRATCH"/b/low*.log "$SCRATCH"/b/sk*.log ||
	fail "another title without a false-bad rate"
found=
for f in "$SCRATCH"/b/fb*.log; do
	bv --json -C "$REPO" "$f"
	if jq -e --arg o "$ORIGINAL" '[.steps[] | select(.phase == "bisect" and .verdict == "bad" and
		(.titles | length) > 0 and all(.titles[]; . != $o))] | length > 0' "$SCRATCH/out" >/dev/null; then
		found=$f
		break
	fi
done
[ -n "$found" ] || fail "no git bisect step was bad on other bugs' crashes alone"
note "a step bad on other bugs alone: ${found##*/}"

# A low reproducer rate: some bisection ends on a wrong commit.
wrong=$(first low "\$3 != \"result=$CULPRIT\" && \$3 != \"result=inconclusive\"")
[ -n "$wrong" ] || fail "at a reproducer rate of 0.15 every seed found the culprit"
result=$(field "$wrong" result)
check_log "$wrong" culprit
jq_assert "$SCRATCH/out" ".result.commit == \"$result\"" "$wrong.log does not name $result"
grep -q "^$result is the first bad commit\$" "$SCRATCH/git.out" ||
	fail "git's last answer for $wrong.log does not name $result"
note "ended on a wrong commit: $wrong ($(field "$wrong" truth))"

# Build errors: skips, and git giving up on them.
grep -q '^# git bisect skip ' "$SCRATCH/b/sk1.log" || fail "no skip at a skip rate of 0.3"
stuck=$(first sk '$3 == "result=inconclusive"')
[ -n "$stuck" ] || fail "no seed ended on only skipped commits"
check_log "$stuck" inconclusive
grep -q "^There are only 'skip'ped commits left to test.\$" "$SCRATCH/git.out" ||
	fail "git did not end $stuck.log on skipped commits"
grep -q '^bisection is inconclusive, the first bad commit could be any of:$' \
	"$SCRATCH/b/$stuck.log" || fail "$stuck.log has no inconclusive summary"
note "inconclusive: $stuck"

# Blind on releases before v1.3's window: v1.2 holds the bug, tests clean.
assert_eq "truth, blind" older "$(field blind truth)"
[ "$(field blind result)" != "$CULPRIT" ] || fail "a blind reproducer found the culprit"
grep -A4 '^testing release v1.2$' "$SCRATCH/b/blind.log" | grep -q '^all runs: OK$' ||
	fail "v1.2 holds the bug but did not test clean with a blind reproducer"
check_log blind culprit
