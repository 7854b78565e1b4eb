#!/bin/sh
# How honest the posterior over commits (doc/model.md §9) is, on simulated
# bisections whose true culprit is known.
#
#   bench/posterior-sim.sh [N]
#
# The demo's simulator (src/demo/demo_noise.c, through tests/cli/demo-fixture
# --batch) builds one repository per culprit placement (3,000 commits, 7
# releases; the bug in the merge window of v1.2, v1.5 or v1.7) and
# generates about N (default 2880) syzbot cause bisections on them, spread
# evenly over a grid of settings and seeds:
#   REPROS      the reproducer's rate per run on a commit with the bug
#               (default "1.0 0.6 0.3 0.15"); a step is bad when at least
#               one of its 10 runs crashed (the rule before mid-2024)
#   FALSE_BADS  the rate per run of a crash of another bug, on any commit:
#               a false "bad" (default "0 0.01 0.05": none, one step in
#               ten, four in ten)
#   SKIPS       the share of git bisect steps that fail to build (default
#               "0 0.1")
#   BLINDS      "0" the reproducer works wherever the bug is; "1" it needs
#               a topic merged in the release cycle after the culprit's, so
#               the release that brought the bug tests clean and git
#               bisect ends on that topic's last commit (default "0 1")
# Each log goes through `$BISVIEW --json -C REPO LOG` (2 at a time). Printed,
# per setting, per factor and overall:
#   right       the bisection itself ended on the true culprit
#   in set      the true culprit is in posterior.set. The rule: a truth in
#               the range counts when the listed set names it (a set of more
#               than 200 commits lists 200: a truth not among them counts as
#               out, and the "truncated" count says how often that
#               happened); a truth older than the range (the clean release
#               held the bug) counts when posterior.set_outside is true
#               (the set holds mass older than the range; these logs have
#               one end outside the range, the clean release, hence one
#               outside hypothesis: older than it); a truth elsewhere (a bad
#               end of the range lacked the bug: a release crashed on
#               another bug) counts when posterior.set_newer is true (the
#               set holds the hypothesis "newer than the range").
#               Target >= 85% (the issue): honest 90% sets.
#   set, range  the median set_size, and the median number of commits of
#               the range git bisect started on
#   next in set posterior.next.commit is one of the set's listed commits
#   cp>=.5      how often posterior.culprit_p >= 0.5, among the bisections
#               that ended right, and among those that ended wrong
# and how many ended with every release crashing (no git bisect: no
# posterior) or inconclusive (git: "only 'skip'ped commits left"). The
# grid makes half the bisections blind, far more than real ones: the
# overall coverage is also printed with blind ones weighted to BLIND_SHARE
# (default 0.22: doc/model.md §5, the corpus's clean first releases that
# held the bug).
# Same seeds, same figures. About 2 minutes on 2 cores for the default N.
# Not part of `make check`: it measures, it does not pass or fail.
#
# Run from the build directory: BISVIEW defaults to src/bisview, FIXTURE to
# tests/cli/demo-fixture (`make tests/cli/demo-fixture` builds it). The
# repositories and logs go to a temporary directory, removed at the end
# unless KEEP=1.
set -eu

BISVIEW=${BISVIEW:-src/bisview}
FIXTURE=${FIXTURE:-tests/cli/demo-fixture}
N=${1:-2880}
REPROS=${REPROS:-1.0 0.6 0.3 0.15}
FALSE_BADS=${FALSE_BADS:-0 0.01 0.05}
SKIPS=${SKIPS:-0 0.1}
BLINDS=${BLINDS:-0 1}
# release:position:repository seed of the culprit's merge
PLACEMENTS=${PLACEMENTS:-2:0.3:11 5:0.6:12 7:0.4:13}
# the share of blind bisections the overall figure is also given for
BLIND_SHARE=${BLIND_SHARE:-0.22}
RELEASES=7
COMMITS=3000

for tool in jq awk xargs sort; do
	command -v "$tool" >/dev/null 2>&1 || { echo "posterior-sim: needs $tool" >&2; exit 2; }
done
[ -x "$BISVIEW" ] || { echo "posterior-sim: no bisview at $BISVIEW (run from the build directory, or set BISVIEW)" >&2; exit 2; }
[ -x "$FIXTURE" ] || { echo "posterior-sim: no $FIXTURE (make tests/cli/demo-fixture, or set FIXTURE)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/posterior-sim.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then echo "posterior-sim: keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi
tab=$(printf '\t')

count() { echo $#; }
# shellcheck disable=SC2086 # the lists are words
settings=$(($(count $REPROS) * $(count $FALSE_BADS) * $(count $SKIPS) * $(count $BLINDS)))
# shellcheck disable=SC2086 # the list is words
placements=$(count $PLACEMENTS)
reps=$(((N + settings * placements - 1) / (settings * placements)))

# 1. the logs: one repository per placement, every setting x rep on it
t0=$(date +%s)
: >"$tmp/jobs"
for pl in $PLACEMENTS; do
	IFS=: read -r rel pos seed <<EOF
$pl
EOF
	dir=$tmp/p$rel
	seq=0
	for r in $REPROS; do for f in $FALSE_BADS; do for s in $SKIPS; do for b in $BLINDS; do
		blind=0
		[ "$b" = 0 ] || blind=$((rel + 1))
		k=1
		while [ "$k" -le "$reps" ]; do
			seq=$((seq + 1))
			echo "p$rel-r$r-f$f-s$s-b$b-$k $r $f $s $blind $seq"
			k=$((k + 1))
		done
	done; done; done; done >"$tmp/p$rel.specs"
	"$FIXTURE" --no-checkout --no-flaky --commits "$COMMITS" --releases "$RELEASES" \
		--culprit-release "$rel" --culprit-position "$pos" --seed "$seed" \
		--batch "$dir" <"$tmp/p$rel.specs" >"$tmp/p$rel.out"
	# NAME REPO LOG TRUTH WHERE RANGE RESULT (or NAME none)
	awk -v dir="$dir" '{
		if ($2 ~ /^none=/) { print $1, "none"; next }
		for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		print $1, dir "/linux", dir "/" $1 ".log", v["culprit"], v["truth"], v["range"], v["result"]
	}' "$tmp/p$rel.out" >>"$tmp/jobs"
done
t1=$(date +%s)

# 2. bisview on each, 2 at a time, one jq per batch: NAME WHERE RANGE
# RIGHT, then in set, set_size, truncated, next in set, culprit_p (or
# "none" without a posterior)
grep -v ' none$' "$tmp/jobs" | BISVIEW=$BISVIEW xargs -P 2 -n 112 sh -c '
	out=$(mktemp)
	while [ $# -ge 7 ]; do
		name=$1 repo=$2 log=$3 truth=$4 where=$5 range=$6 result=$7
		shift 7
		if [ "$result" = inconclusive ]; then right=inc
		elif [ "$result" = "$truth" ]; then right=1
		else right=0; fi
		printf "{\"n\":\"%s\",\"t\":\"%s\",\"w\":\"%s\",\"g\":\"%s\",\"r\":\"%s\"}\n" \
			"$name" "$truth" "$where" "$range" "$right"
		if "$BISVIEW" --json -C "$repo" "$log" >"$out"; then cat "$out"
		else echo "posterior-sim: $name failed" >&2; echo null; fi
	done | jq -rn "[inputs] as \$all | range(0; \$all | length; 2) as \$i |
		\$all[\$i] as \$m | \$all[\$i + 1].posterior as \$p |
		if \$p == null then [\$m.n, \$m.w, \$m.g, \$m.r, \"none\"] else
		(\$p.set | index([\$m.t]) != null) as \$in |
		[\$m.n, \$m.w, \$m.g, \$m.r,
		 (if \$m.w == \"range\" then \$in elif \$m.w == \"older\" then \$p.set_outside
		  else (\$p.set_newer // false) end | tostring),
		 (\$p.set_size | tostring),
		 ((\$p.set_size > (\$p.set | length) and \$m.w == \"range\" and (\$in | not)) | tostring),
		 (if \$p.next == null then \"none\" else (\$p.set | index([\$p.next.commit]) != null | tostring) end),
		 (\$p.culprit_p // -1 | tostring)] end | @tsv"
	rm -f "$out"' sh | sort >"$tmp/figures.tsv"
t2=$(date +%s)

grep -c ' none$' "$tmp/jobs" >"$tmp/none" || true
awk -F "$tab" -v none="$(cat "$tmp/none")" -v t_gen=$((t1 - t0)) -v t_read=$((t2 - t1)) \
	-v reps="$reps" -v settings="$settings" -v placements="$placements" -v bisview="$BISVIEW" \
	-v repros="$REPROS" -v false_bads="$FALSE_BADS" -v skips="$SKIPS" -v placements_list="$PLACEMENTS" \
	-v blind_share="$BLIND_SHARE" '
function median(key,   n, i, j, x, a) {
	n = nv[key]
	for (i = 1; i <= n; i++) a[i] = v[key, i]
	for (i = 2; i <= n; i++) { x = a[i]; for (j = i; j > 1 && a[j - 1] > x; j--) a[j] = a[j - 1]; a[j] = x }
	if (n == 0) return "-"
	return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
function pct(a, b) { return b ? sprintf("%5.1f%%", 100 * a / b) : "    -" }
function add(key) {
	n[key]++
	if ($4 == "1") right[key]++
	if ($4 == "inc") inc[key]++
	if ($5 == "none") { nopost[key]++; return }
	post[key]++
	if ($5 == "true") cov[key]++
	if ($7 == "true") trunc[key]++
	v["set" key, ++nv["set" key]] = $6 + 0
	v["range" key, ++nv["range" key]] = $3 + 0
	if ($8 != "none") { nx[key]++; if ($8 == "true") nxin[key]++ }
	if ($9 >= 0 && $4 == "1") { cr[key]++; if ($9 >= 0.5) crh[key]++ }
	if ($9 >= 0 && $4 == "0") { cw[key]++; if ($9 >= 0.5) cwh[key]++ }
}
function row(label, key) {
	printf "%-28s %5d %7s %7s %7s %6s %6s %8s %8s %8s\n", label, n[key], pct(right[key], n[key]),
		pct(cov[key], post[key]), median("set" key), median("range" key), pct(nxin[key], nx[key]),
		pct(crh[key], cr[key]), pct(cwh[key], cw[key]), trunc[key] + 0 ? trunc[key] : ""
}
function head(title) {
	printf "\n%-28s %5s %7s %7s %7s %6s %6s %8s %8s %8s\n", title, "n", "right", "in set", "set",
		"range", "next", "cp>=.5", "cp>=.5", "truncated"
	printf "%-28s %5s %7s %7s %7s %6s %6s %8s %8s\n", "", "", "", "", "median", "median", "in set",
		"right", "wrong"
}
{
	split($1, f, "-")
	setting = sprintf("r%-5s f%-5s s%-4s %s", substr(f[2], 2), substr(f[3], 2), substr(f[4], 2),
		f[5] == "b1" ? "blind" : "")
	if (!(setting in seen)) { seen[setting] = 1; order[++ns] = setting }
	add("all"); add("S" setting)
	add("repro " substr(f[2], 2)); add("false-bad " substr(f[3], 2)); add("skip " substr(f[4], 2))
	add(f[5] == "b1" ? "blind" : "not blind"); add("placement v1." substr(f[1], 2))
	add("truth " $2)
	if ($4 == "1") add("ended right"); else if ($4 == "0") add("ended wrong"); else add("ended inconclusive")
}
END {
	printf "bisview posterior (doc/model.md §9) on simulated bisections with a known culprit\n"
	printf "%d bisections: %d placements x %d settings x %d seeds; %d more had every release crash (no git bisect)\n",
		n["all"], placements, settings, reps, none
	printf "generated in %d s, read by %s --json -C REPO LOG in %d s\n", t_gen, bisview, t_read
	printf "in set: range truth in the listed set; older truth: set_outside; elsewhere: set_newer (bench/posterior-sim.sh)\n"
	head("setting (rate false-bad skip)")
	for (i = 1; i <= ns; i++) row(order[i], "S" order[i])
	head("by factor")
	nf = split(repros, a, " "); for (i = 1; i <= nf; i++) row("repro " a[i], "repro " a[i])
	nf = split(false_bads, a, " "); for (i = 1; i <= nf; i++) row("false-bad " a[i], "false-bad " a[i])
	nf = split(skips, a, " "); for (i = 1; i <= nf; i++) row("skip " a[i], "skip " a[i])
	row("not blind", "not blind"); row("blind", "blind")
	nf = split(placements_list, a, " ")
	for (i = 1; i <= nf; i++) { split(a[i], pl, ":"); row("placement v1." pl[1], "placement v1." pl[1]) }
	head("by outcome")
	split("truth range,truth older,truth elsewhere,ended right,ended wrong,ended inconclusive", fo, ",")
	for (i = 1; i in fo; i++) if (n[fo[i]]) row(fo[i], fo[i])
	head("overall")
	row("all", "all")
	printf "\ntrue culprit in the 90%% set: %s of %d   target >= 85%%\n", pct(cov["all"], post["all"]), post["all"]
	if (post["blind"] && post["not blind"]) {
		w = (1 - blind_share) * cov["not blind"] / post["not blind"]
		w += blind_share * cov["blind"] / post["blind"]
		printf "  with blind bisections weighted to %d%% (the corpus: clean first releases that held the bug): %5.1f%%\n",
			100 * blind_share, 100 * w
	}
	printf "median set size %s against a median range of %s commits; next in the set %s; ",
		median("setall"), median("rangeall"), pct(nxin["all"], nx["all"])
	printf "the bisection ended right %s\n", pct(right["all"], n["all"])
	printf "culprit_p >= 0.5: %s when the bisection ended right, %s when it ended wrong\n",
		pct(crh["all"], cr["all"]), pct(cwh["all"], cw["all"])
}' "$tmp/figures.tsv"
