#!/bin/sh
# The triage list in a real terminal (tmux; issue 16, doc/design.md
# §13.1): a --list of local logs and two URLs a loopback server answers
# slowly opens at once on the rows read so far, the title counting them
# ("N of 5 bisections read"); the list is usable meanwhile (keys move the
# cursor, the help opens and closes, a bisection opens, R reloads it after
# the reading ended); once all are read, the title says so; Enter opens the selected bisection in the explorer and q comes back
# to the list on the same row. Then the pacing: --scan of a --list of
# three URLs fetches them at least a second apart (the server logs when
# each came). Skipped without tmux or python3.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
need_cmd python3
explorer_env
XDG_CACHE_HOME=$SCRATCH/cache
export XDG_CACHE_HOME
unset TMUX 2>/dev/null || true
no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export no_proxy NO_PROXY
SOCK=bisview-triage-$$
. "$top_srcdir/tests/lib/tmux.sh"

LOG=$DATA/cause-deadlock-retract_page_tables.log
python3 "$top_srcdir/tests/lib/httpd.py" --port-file "$SCRATCH/port" --log "$SCRATCH/requests" \
	--cause-log "$LOG" --cause-log2 "$LOG" --fix-log "$LOG" --report "$LOG" \
	2>"$SCRATCH/httpd.err" &
BG_PIDS="$BG_PIDS $!"
i=0
while [ ! -s "$SCRATCH/port" ]; do
	i=$((i + 1))
	[ "$i" -lt 100 ] || fail "the test server did not start: $(cat "$SCRATCH/httpd.err")"
	sleep 0.1
done
BASE=http://127.0.0.1:$(cat "$SCRATCH/port")

{
	echo "$DATA/cause-flaky-kvm_wait-title-drift.log"
	echo "$DATA/fix-synthetic-frob.log"
	echo "$DATA/cause-inconclusive-skip-synthetic.log"
	echo "$BASE/late/4/a"
	echo "$BASE/late/4/b"
} >"$SCRATCH/list"

tm new-session -d -s t -x 100 -y 30 \
	"'$BISVIEW' --no-tree --list '$SCRATCH/list'; echo EXITED \$?; sleep 30"
wait_for "bisections read (Esc stops)"
grep -q "of 5 bisections read" "$SCRATCH/pane" || fail "the title does not count the rows: $(grep triage "$SCRATCH/pane")"
# usable while loading: the cursor moves, the help opens and closes
tm send-keys -t t j
wait_for "40%"
tm send-keys -t t h
wait_for "[help]"
tm send-keys -t t q
wait_for "[triage]"
grep -q "bisections read (Esc stops)" "$SCRATCH/pane" ||
	note "the URLs were read before the help closed: the loading case was not seen twice"
# a bisection opened while the rest load; the list is laid out anew when
# the reading ends (an mbox's messages would move): R still reads the
# bisection by its name, q comes back to a whole list
tm send-keys -t t g Enter
wait_for "[steps]"
sleep 5
tm send-keys -t t R
wait_for "Reloaded"
tm send-keys -t t q
wait_for "5 bisections, worst first"
grep -q "possible deadlock in coll" "$SCRATCH/pane" ||
	fail "the fetched bisections have no row named by their bug title: $(cat "$SCRATCH/pane")"
# Enter on the third row, q: back on it
tm send-keys -t t g j j
wait_for "60%"
tm send-keys -t t Enter
wait_for "[steps]"
tm send-keys -t t q
wait_for "[triage]"
grep -q "60%" "$SCRATCH/pane" || fail "q did not come back to the third row: $(grep triage "$SCRATCH/pane")"
tm send-keys -t t q
wait_for "EXITED 0"

# Esc while a URL is still being fetched: the fetch stops at once (not
# when the server answers), its row says so; Q then quits at once
echo "$BASE/late/30/c" >>"$SCRATCH/list"
tm kill-session -t t
tm new-session -d -s t -x 100 -y 30 \
	"'$BISVIEW' --no-tree --list '$SCRATCH/list'; echo EXITED \$?; sleep 30"
wait_for "bisections read (Esc stops)"
tm send-keys -t t Escape
wait_for "6 bisections, worst first"
grep -q "error http://127.0.0.1:[0-9]*/late/ *stopped" "$SCRATCH/pane" ||
	fail "Esc: the URL being fetched does not say it was stopped: $(cat "$SCRATCH/pane")"
tm send-keys -t t Q
t0=$(date +%s)
wait_for "EXITED 0"
[ $(($(date +%s) - t0)) -lt 5 ] || fail "quitting waited for the slow server"
# Q while the slow URL is being fetched: the same, at once
tm kill-session -t t
tm new-session -d -s t -x 100 -y 30 \
	"'$BISVIEW' --no-tree --list '$SCRATCH/list'; echo EXITED \$?; sleep 30"
wait_for "bisections read (Esc stops)"
tm send-keys -t t Q
t0=$(date +%s)
wait_for "EXITED 0"
[ $(($(date +%s) - t0)) -lt 5 ] || fail "quitting while a URL loads waited for the slow server"

# pacing: three URLs the cache does not have, a second apart at least
printf '%s\n' "$BASE/paced/1" "$BASE/paced/2" "$BASE/paced/3" >"$SCRATCH/paced"
bv_ok --scan --no-tree --list "$SCRATCH/paced"
[ "$(grep -c "	syzbot	cause	culprit" "$SCRATCH/out")" -eq 3 ] ||
	fail "--scan of three URLs: $(cat "$SCRATCH/out")"
grep '^[0-9.]* /paced/' "$SCRATCH/requests" | sort -n | awk '
	NR > 1 && $1 - last < 0.95 { printf "%s came %.3f s after the one before\n", $2, $1 - last; bad = 1 }
	{ last = $1 } END { exit bad || NR != 3 }' >"$SCRATCH/gaps" ||
	fail "the URLs were not fetched a second apart: $(cat "$SCRATCH/gaps" "$SCRATCH/requests")"
# a second scan reads the cache: no request at all
: >"$SCRATCH/requests"
bv_ok --scan --no-tree --list "$SCRATCH/paced"
[ ! -s "$SCRATCH/requests" ] || fail "the second scan asked the server: $(cat "$SCRATCH/requests")"
