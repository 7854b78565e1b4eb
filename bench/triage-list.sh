#!/bin/sh
# How soon the triage list (issue 16) shows rows and has them all, on a
# folder of logs (the corpus by default), in script mode.
#
#   bench/triage-list.sh [DIR]
#
# Runs `bisview --no-tree --script KEYS DIR` whose only command is
# :dump-timing, which prints, in seconds since main():
#   list-first-row  the first row was read (the explorer's loop is woken
#                   by it and draws it at once)
#   list-sorted     every row read and the list sorted
# plus a whole run of `bisview --version` for what comes before main()
# (loading the program and its libraries), added to both. Beside them, in
# the same run: `ls DIR`, one explorer start (`--script` on one log of the
# folder, its first-screen plus the same process start), and
# `bisview --scan --no-tree DIR` as a whole. Targets: the first row within
# 2x (ls + one explorer start), the sorted list within 2x --scan, and the
# list's peak memory (max RSS, /usr/bin/time) under 200 MB. Medians of
# $RUNS (default 5) after one warm-up. Prints figures; never fails on them.
#
# The program is $BISVIEW, else ./src/bisview (run from a build
# directory). The folder is DIR, else $CORPUS/logs, else
# ../shared/corpus/logs beside the source tree; without it, it says so and
# exits 0. Not part of `make check`: timings on a shared machine are noise.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
BISVIEW=${BISVIEW:-./src/bisview}
RUNS=${RUNS:-5}
DIR=${1:-${CORPUS:-$here/../../shared/corpus}/logs}
[ -x "$BISVIEW" ] || { echo "triage-list: no program at $BISVIEW (build it, or set BISVIEW)"; exit 2; }
[ -d "$DIR" ] || { echo "triage-list: no folder of logs at $DIR: nothing measured"; exit 0; }
TIME=/usr/bin/time
[ -x "$TIME" ] || TIME=

export LC_ALL=C.UTF-8 LANGUAGE=C HOME=${TMPDIR:-/tmp}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/triage-list.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
printf ':dump-timing\n' >"$tmp/keys"
. "$here/lib.sh"   # now, median_of
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ONE=$(find "$DIR" -type f | LC_ALL=C sort | head -n 1)

# the warm-up: the page cache holds the folder for every run after it
"$BISVIEW" --no-tree --script "$tmp/keys" "$DIR" >/dev/null
"$BISVIEW" --scan --no-tree "$DIR" >/dev/null
for f in first sorted one start; do : >"$tmp/$f"; done
i=0
while [ "$i" -lt "$RUNS" ]; do
	"$BISVIEW" --no-tree --script "$tmp/keys" "$DIR" >"$tmp/out"
	awk -F '\t' '$1 == "list-first-row" { print $2 }' "$tmp/out" >>"$tmp/first"
	awk -F '\t' '$1 == "list-sorted" { print $2 }' "$tmp/out" >>"$tmp/sorted"
	"$BISVIEW" --no-tree --script "$tmp/keys" "$ONE" >"$tmp/out"
	awk -F '\t' '$1 == "first-screen" { print $2 }' "$tmp/out" >>"$tmp/one"
	start_time "$BISVIEW" >>"$tmp/start"
	i=$((i + 1))
done
start=$(median <"$tmp/start")
first=$(echo "$(median <"$tmp/first") + $start" | bc -l)
sorted=$(echo "$(median <"$tmp/sorted") + $start" | bc -l)
one=$(echo "$(median <"$tmp/one") + $start" | bc -l)
ls_t=$(median_of ls "$DIR")
scan=$(median_of "$BISVIEW" --scan --no-tree "$DIR")
rss=-
if [ -n "$TIME" ]; then
	"$TIME" -f '%M' -o "$tmp/rss" "$BISVIEW" --no-tree --script "$tmp/keys" "$DIR" >/dev/null
	rss=$(awk '{ printf "%.1f", $1 / 1024 }' "$tmp/rss")
fi
printf 'folder          %s (%s files)\n' "$DIR" "$(find "$DIR" -type f | wc -l)"
printf 'process start   %.4f s (bisview --version, counted in the bisview figures)\n' "$start"
printf 'ls              %.4f s\n' "$ls_t"
printf 'explorer start  %.4f s (first screen of one log)\n' "$one"
printf 'first row       %.4f s   %.2fx of ls + explorer start (target <= 2x)\n' "$first" \
	"$(echo "$first / ($ls_t + $one)" | bc -l)"
printf 'list sorted     %.4f s   %.2fx of --scan (target <= 2x)\n' "$sorted" \
	"$(echo "$sorted / $scan" | bc -l)"
printf -- '--scan          %.4f s\n' "$scan"
printf 'peak memory     %s MB (the whole list; target < 200 MB)\n' "$rss"
printf 'medians of %s runs\n' "$RUNS"
