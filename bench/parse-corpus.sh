#!/bin/sh
# How fast bisview parses, next to grep over the same bytes.
#
#   bench/parse-corpus.sh [CORPUS_DIR]
#
# Times `bisview --scan --no-tree LOGS >/dev/null` (the parsing and the
# model, not the tree: a scan from inside a repository would read it) against
# `grep -c '^testing commit' -r LOGS >/dev/null` in the same run: one warm-up
# run of each (so both read from the page cache), then the best of $RUNS
# (default 5) each. Prints both times, MB/s, and the ratio bisview/grep; the
# target (issue 4) is parsing within 2x of grep. bisview --scan uses every
# CPU and grep one, so the CPU time of each is printed too.
#
# The program is $BISVIEW, else ./src/bisview (run from a build directory).
# The corpus is CORPUS_DIR, else $CORPUS, else $SHARED_DIR/corpus, else
# ../shared/corpus beside the source tree. Without a corpus it says so and
# exits 0. Not part of `make check`: timings on a shared machine are noise
# for a pass/fail test.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
BISVIEW=${BISVIEW:-./src/bisview}
CORPUS=${1:-${CORPUS:-${SHARED_DIR:-$here/../shared}/corpus}}
RUNS=${RUNS:-5}
TARGET=2

LOGS=$CORPUS/logs
if [ ! -d "$LOGS" ]; then
	echo "parse-corpus: no corpus at $CORPUS (logs/ missing); nothing to measure"
	exit 0
fi
if [ ! -x "$BISVIEW" ]; then
	echo "parse-corpus: no bisview at $BISVIEW (build it, or set BISVIEW)" >&2
	exit 2
fi
case $(date +%N) in
*[!0-9]* | '')
	echo "parse-corpus: date +%N gives no nanoseconds here (needs GNU date)" >&2
	exit 2
	;;
esac

now_ns()
{
	date +%s%N
}

TIMES=${TMPDIR:-/tmp}/parse-corpus.times.$$
trap 'rm -f "$TIMES" "$TIMES.err"' EXIT

# children_cpu: sets cpu_now, the user+sys CPU milliseconds of all finished
# children so far. `times` must run in this shell, not in a $(...) subshell
# (which counts its own children only); its resolution is the clock tick.
children_cpu()
{
	times >"$TIMES"
	cpu_now=$(awk 'NR == 2 {
		t = 0
		for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); t += a[1] * 60 + a[2] }
		printf "%.0f\n", t * 1000 }' "$TIMES")
}

# measure CMD...: sets best_ms, the fastest of $RUNS runs in wall-clock
# milliseconds, and cpu_ms, their mean user+sys CPU time
measure()
{
	"$@" >/dev/null 2>&1 || true   # warm-up, and the page cache
	best=
	i=0
	children_cpu
	c0=$cpu_now
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(now_ns)
		"$@" >/dev/null 2>&1 || true
		t1=$(now_ns)
		t=$((t1 - t0))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then
			best=$t
		fi
		i=$((i + 1))
	done
	children_cpu
	c1=$cpu_now
	best_ms=$(awk -v ns="$best" 'BEGIN { printf "%.3f\n", ns / 1e6 }')
	cpu_ms=$(awk -v c="$((c1 - c0))" -v n="$RUNS" 'BEGIN { printf "%.1f\n", c / n }')
}

# the status of a real run, so that a broken binary is not timed as fast
if ! "$BISVIEW" --scan --no-tree "$LOGS" >/dev/null 2>"$TIMES.err"; then
	echo "parse-corpus: $BISVIEW --scan $LOGS failed:" >&2
	head -5 "$TIMES.err" >&2
	exit 2
fi

files=$(find "$LOGS" -type f | wc -l)
bytes=$(du -sb "$LOGS" 2>/dev/null | cut -f1) || bytes=
if [ -z "$bytes" ]; then   # no GNU du: count the bytes
	bytes=$(find "$LOGS" -type f -exec cat {} + | wc -c | tr -d ' ')
fi
summary=$("$BISVIEW" --scan --no-tree "$LOGS" | tail -n 1)

# what reading the clock itself costs (two forks of date), taken off both
measure :
clock_ms=$best_ms
measure "$BISVIEW" --scan --no-tree "$LOGS"
bisview_ms=$best_ms bisview_cpu=$cpu_ms
measure grep -c '^testing commit' -r "$LOGS"
grep_ms=$best_ms grep_cpu=$cpu_ms

awk -v files="$files" -v bytes="$bytes" -v b="$bisview_ms" -v g="$grep_ms" -v c="$clock_ms" \
	-v bc="$bisview_cpu" -v gc="$grep_cpu" -v cpus="$(nproc 2>/dev/null || echo '?')" \
	-v runs="$RUNS" -v target="$TARGET" -v logs="$LOGS" -v summary="$summary" \
	-v locale="${LC_ALL:-${LANG:-C}}" 'BEGIN {
	mb = bytes / 1e6
	b -= c; g -= c
	printf "corpus:   %s: %d files, %.1f MB (locale %s)\n", logs, files, mb, locale
	printf "          %s\n", summary
	printf "bisview:  %9.1f ms  %8.1f MB/s  %7.0f logs/s   (--scan, best of %d)\n",
		b, mb / (b / 1e3), files / (b / 1e3), runs
	printf "grep:     %9.1f ms  %8.1f MB/s  %7.0f files/s  (-c ^testing commit -r, best of %d)\n",
		g, mb / (g / 1e3), files / (g / 1e3), runs
	printf "          (wall-clock times less %.1f ms for reading the clock)\n", c
	printf "cpu:      bisview %.0f ms, grep %.0f ms user+sys per run (mean of %d; %s CPUs)\n",
		bc, gc, runs, cpus
	ratio = b / g
	printf "ratio:    bisview/grep = %.2f wall-clock (target: within %dx of grep: %s)",
		ratio, target, ratio <= target ? "met" : "NOT met"
	if (gc > 0)
		printf "; %.2f in CPU time", bc / gc
	printf "\n"
}'
