# Helpers for the tests that drive bisview in a real terminal (tmux),
# sourced after lib.sh by tests/ui/tmux.sh and tests/hostile/term.sh. The
# caller has checked for tmux (need_cmd) and set SOCK, a server name of
# its own.

# tm ARG...: tmux on this test's own server, no user config. A new
# session right after the last one was killed may meet the server still
# exiting ("server exited unexpectedly", more likely on a loaded machine
# under make -j2): it is tried once more.
tm()
{
	if [ "$1" = new-session ]; then
		tmux -L "$SOCK" -f /dev/null "$@" 2>/dev/null && return 0
		sleep 0.5
	fi
	tmux -L "$SOCK" -f /dev/null "$@"
}
cleanup_tmux()
{
	tm kill-server 2>/dev/null || true
	cleanup
}
trap cleanup_tmux EXIT

# wait_for TEXT: until the pane shows TEXT (10 s at most)
wait_for()
{
	_i=0
	while [ $_i -lt 100 ]; do
		tm capture-pane -p -t t >"$SCRATCH/pane" 2>/dev/null || true
		grep -qF -- "$1" "$SCRATCH/pane" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	fail "the pane never showed '$1':
$(cat "$SCRATCH/pane")"
}
