#!/bin/sh
# How soon the explorer shows something, at kernel scale, in script mode.
#
#   bench/ui-first-screen.sh [COMMITS]
#
# On the repository and log of bench/kernel-scale.sh (built once and
# cached by bench/gen-kernel-repo.sh under ${BENCH_DIR:-/tmp/bisview-bench}),
# runs `bisview --script KEYS -C REPO LOG` whose only command is
# :dump-timing, which prints, in seconds since the process started:
#   first-screen   the first complete steps screen was drawn (before any
#                  tree fact: they arrive from the worker thread)
#   facts-loaded   every tree fact had arrived (the xref job finished)
# next to the time `git log -1 --format=%s` takes on the same repository
# in the same run. Median of $RUNS (default 5) runs each, after one
# warm-up. Targets (issue 5): first screen within 2x that one git call;
# all facts within the tree issue's target (the git CLI's time for the
# same facts, bench/kernel-scale.sh). Prints figures; never fails on them.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
BISVIEW=${BISVIEW:-./src/bisview}
BENCH_DIR=${BENCH_DIR:-/tmp/bisview-bench}
RUNS=${RUNS:-5}
N=${1:-1000500}
DIR=$BENCH_DIR/kernel-$N
REPO=$DIR/kernel.git
LOG=$DIR/bisect.log

[ -x "$BISVIEW" ] || { echo "ui-first-screen: no program at $BISVIEW (build it, or set BISVIEW)"; exit 2; }
command -v git >/dev/null || { echo "ui-first-screen: git is missing"; exit 2; }
sh "$here/gen-kernel-repo.sh" "$DIR" "$N"

export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 LANGUAGE=C HOME="$DIR/home"
export XDG_CONFIG_HOME="$DIR/home/.config"
unset BISVIEW_TREE GIT_DIR 2>/dev/null || true
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ui-first-screen.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
printf ':dump-timing\n' >"$tmp/keys"

. "$(dirname "$0")/lib.sh"   # now
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

"$BISVIEW" --script "$tmp/keys" -C "$REPO" "$LOG" >/dev/null
git -C "$REPO" log -1 --format=%s >/dev/null
: >"$tmp/first"
: >"$tmp/facts"
: >"$tmp/git"
: >"$tmp/start"
i=0
while [ $i -lt "$RUNS" ]; do
	"$BISVIEW" --script "$tmp/keys" -C "$REPO" "$LOG" >"$tmp/out"
	awk -F '\t' '$1 == "first-screen" { print $2 }' "$tmp/out" >>"$tmp/first"
	awk -F '\t' '$1 == "facts-loaded" { print $2 }' "$tmp/out" >>"$tmp/facts"
	t0=$(now)
	git -C "$REPO" log -1 --format=%s >/dev/null
	t1=$(now)
	echo "$t1 - $t0" | bc -l >>"$tmp/git"
	# the figures above count from main(); loading the program and its
	# libraries comes before: measured as a whole run of --version
	start_time "$BISVIEW" >>"$tmp/start"
	i=$((i + 1))
done
first=$(median <"$tmp/first")
facts=$(median <"$tmp/facts")
git1=$(median <"$tmp/git")
start=$(median <"$tmp/start")
first=$(echo "$first + $start" | bc -l)
facts=$(echo "$facts + $start" | bc -l)
printf 'repository      %s (%s commits)\n' "$REPO" "$(git -C "$REPO" rev-list --count --all)"
printf 'process start   %.4f s (bisview --version, counted in both below)\n' "$start"
printf 'first screen    %.4f s\n' "$first"
printf 'facts loaded    %.4f s\n' "$facts"
printf 'git log -1      %.4f s\n' "$git1"
printf 'first / git     %.2fx   (target <= 2x)\n' "$(echo "$first / $git1" | bc -l)"
printf 'medians of %s runs; facts target: the git CLI time of bench/kernel-scale.sh\n' "$RUNS"
