# Helpers for the demo's tests (tests/cli/demo.sh, tests/cli/demo-noise.sh,
# tests/tree/posterior-demo.sh), sourced after lib.sh.

# demo_need_fixture: skip without git, find the fixture builder (into
# $FIXTURE), and set up git's environment and the C locale.
demo_need_fixture()
{
	command -v git >/dev/null 2>&1 || skip "git is not installed (Debian package git)"
	FIXTURE=$top_builddir/tests/cli/demo-fixture
	[ -x "$FIXTURE" ] || fail "no fixture builder at $FIXTURE (make check builds it)"
	git_env "$SCRATCH/home"
	c_locale
}

# demo_replay REPO LOG: drive a real git bisect (on a copy of REPO) with
# the log's `# git bisect` lines; its output must be the log's lines
# after each of them, then the tracer's blank line. git's last answer is
# left in $SCRATCH/git.out, the number of commands in $_n_cmds.
demo_replay()
{
	_copy=$SCRATCH/replay
	_log=$2
	rm -rf "$_copy"
	cp -R "$1" "$_copy"
	grep -n '^# git bisect ' "$_log" >"$SCRATCH/cmds" || fail "no git bisect lines in $_log"
	_n_cmds=0
	while IFS=: read -r _l _cmd; do
		# shellcheck disable=SC2086 # the words of "# git bisect VERB ARG..."
		set -- $_cmd
		_verb=$4
		shift 4
		if [ "$_verb" = start ]; then
			set -- start --no-checkout "$@"
		else
			set -- "$_verb" "$@"
		fi
		# (git exits non-zero when it gives up on skipped commits)
		git -C "$_copy" bisect "$@" >"$SCRATCH/git.out" 2>"$SCRATCH/git.err" ||
			grep -q '^We cannot bisect more!$' "$SCRATCH/git.out" ||
			fail "git bisect $* failed: $(cat "$SCRATCH/git.err")"
		_n=$(lines_in "$SCRATCH/git.out")
		sed -n "$((_l + 1)),$((_l + _n))p" "$_log" >"$SCRATCH/log.out"
		cmp -s "$SCRATCH/git.out" "$SCRATCH/log.out" ||
			fail "line $_l, git bisect $*: git printed
$(diff "$SCRATCH/log.out" "$SCRATCH/git.out" | head -20)"
		[ -z "$(sed -n "$((_l + _n + 1))p" "$_log")" ] ||
			fail "no blank line after git's output at line $((_l + _n + 1))"
		_n_cmds=$((_n_cmds + 1))
	done <"$SCRATCH/cmds"
}
