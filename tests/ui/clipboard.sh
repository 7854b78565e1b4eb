#!/bin/sh
# y copies the selected step's hash (issue 15), in a real terminal: tmux
# with set-clipboard on takes the OSC 52 sequence into its paste buffer,
# which must then hold the culprit's full hash, and the status line says
# "Copied"; with `set osc52 = no` only the status line shows the hash and
# no buffer is made. Skipped without tmux.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"
need_cmd jq
explorer_env
unset TMUX 2>/dev/null || true
SOCK=bisview-clip-$$
. "$top_srcdir/tests/lib/tmux.sh"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
CULPRIT=$(jq -r .result.commit "$(json "$KVM")")

# run NAME: bisview on the log in a new session (the server's first, so
# that its set-clipboard applies)
run()
{
	tm new-session -d -s t -x 120 -y 30 "\"$BISVIEW\" --no-tree \"$KVM\"; sleep 60"
	tm set-option -s set-clipboard on
	wait_for "On the culprit (step 14)"
	tm send-keys -t t y
}

run
wait_for "Copied $CULPRIT (OSC 52)"
_i=0
while [ "$(tm show-buffer 2>/dev/null || true)" != "$CULPRIT" ]; do
	_i=$((_i + 1))
	[ "$_i" -lt 50 ] || fail "tmux's buffer is not the culprit's hash: '$(tm show-buffer 2>&1)'"
	sleep 0.1
done
tm kill-server
# a server of its own for the second run: a new session on the socket of
# one being killed can meet it dying ("server exited unexpectedly")
SOCK=bisview-clip2-$$

mkdir -p "$XDG_CONFIG_HOME/bisview"
echo 'set osc52 = no' >"$XDG_CONFIG_HOME/bisview/config"
run
wait_for "$CULPRIT"
sleep 0.3
! grep -q "Copied" "$SCRATCH/pane" || fail "osc52 = no still copied"
[ -z "$(tm show-buffer 2>/dev/null || true)" ] || fail "osc52 = no made a tmux buffer"
note "ok"
