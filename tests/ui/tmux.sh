#!/bin/sh
# What only a real terminal shows, in tmux: the explorer opens in the
# alternate screen and leaves it cleanly, real key sequences (arrows,
# Home, PgDn) move it, it follows resizes down to "too small" and back,
# and no escape sequence from a hostile log reaches the terminal (the raw
# bytes tmux received are recorded with pipe-pane). Skipped without tmux.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
SOCK=bisview-test-$$
explorer_env
unset TMUX 2>/dev/null || true

. "$top_srcdir/tests/lib/tmux.sh"

# start LOG: bisview in a new 100x30 session, after a marker line
start()
{
	cat >"$SCRATCH/run.sh" <<EOF
printf 'BEFORE-MARKER\n'
"$BISVIEW" --no-tree "$1"
echo "EXIT=\$?"
sleep 60
EOF
	tm new-session -d -s t -x 100 -y 30 "sh $SCRATCH/run.sh"
	wait_for "[steps]"
}

# --- keys, resize, alternate screen ---
start "$KVM"
wait_for "On the culprit (step 14)"
tm send-keys -t t Down Down
wait_for "step 16 of 0-17"
tm send-keys -t t Home
wait_for "step 0 of 0-17"
tm send-keys -t t NPage
wait_for "step 17 of 0-17"
tm send-keys -t t / k v m _ w a i t Enter
wait_for "kvm_wait"

tm resize-window -t t -x 60 -y 15
wait_for "[steps]"
line=$(grep -F "[steps]" "$SCRATCH/pane")
[ "${#line}" -le 60 ] || fail "title bar wider than 60 columns after a resize: $line"
tm resize-window -t t -x 30 -y 8
wait_for "too small"
tm resize-window -t t -x 100 -y 30
wait_for "[steps]"

tm send-keys -t t Q
wait_for "EXIT=0"
grep -q "BEFORE-MARKER" "$SCRATCH/pane" || fail "the screen before bisview was not restored"
grep -qF "[steps]" "$SCRATCH/pane" && fail "the explorer stayed on the screen after Q: $(cat "$SCRATCH/pane")"
tm kill-session -t t

# --- a hostile log: no escape sequence of its own reaches the terminal ---
ESC=$(printf '\033')
BEL=$(printf '\007')
EVIL="${ESC}]52;c;cm0gLXJmIH4K${BEL}${ESC}]8;;https://evil.example/${ESC}\\x $(printf '\302\233')31m $(printf '\342\200\256')cod.exe"
sed "s|kvm_wait|kvm_wait $EVIL|g" "$KVM" >"$SCRATCH/hostile.log"
: >"$SCRATCH/raw"
tm new-session -d -s t -x 120 -y 40 "sleep 1; \"$BISVIEW\" --no-tree \"$SCRATCH/hostile.log\"; sleep 60"
tm pipe-pane -o -t t "cat >>'$SCRATCH/raw'"
wait_for "[steps]"
tm send-keys -t t / k v m Enter
wait_for "kvm_wait"
tm send-keys -t t Q
sleep 0.5
grep -q "kvm_wait" "$SCRATCH/raw" || fail "pipe-pane did not record the explorer's output"
for bad in "]52;" "]8;;" "cm0gLXJmIH4K" "$(printf '\302\233')" "$(printf '\342\200\256')"; do
	if grep -qF -- "$bad" "$SCRATCH/raw"; then
		fail "a hostile sequence reached the terminal: $(printf '%s' "$bad" | od -c | head -2)"
	fi
done

note "ok"
