#!/bin/sh
# Expected screens for every view of the explorer, in script mode (no
# terminal), at 80x24 and at 40x10 (tests/ui/screens/*.screen), a split
# beside the list at 200x50:
#   - on the seeds with no tree: steps, detail, crash, raw log, map,
#     signals (with what to run next) and help, and the note the diff and
#     source views show without a tree; an inconclusive log's opening on
#     its candidates;
#   - on the built-in demo (its repository and its log): steps with the
#     tree facts filled in, the detail's part from the tree, the culprit's
#     diff on a hunk, the crash report and a frame opened in the source
#     view, map (with the posterior's section) and signals, and the
#     culprit's detail with the posterior's figure.
# The steps view's first screens on the seeds are tests/ui/script.sh's.
#
# Nothing on these screens may depend on the machine: no user config, a
# fixed locale, the demo built into the scratch directory (its commits and
# dates are fixed by the generator; the log's path is shown nowhere), and
# a config path that is the same everywhere (the help view shows it).
#
# To accept new expected screens after a deliberate change:
#   BISVIEW_UPDATE_SCREENS=1 make check TESTS=tests/ui/screens.sh
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
DEADLOCK=$DATA/cause-deadlock-retract_page_tables.log
INCONCLUSIVE=$DATA/cause-inconclusive-skip-synthetic.log
explorer_env
# the help view shows the config file's path: one that is the same on
# every machine, and that does not exist
XDG_CONFIG_HOME=/nonexistent/bisview-ui-screens
XDG_CACHE_HOME=$SCRATCH/cache
LANGUAGE=C
export XDG_CONFIG_HOME XDG_CACHE_HOME LANGUAGE

SIZES="80x24 40x10"
failed=

# screens NAME "ARGS" KEY-LINE...: at each of $SIZES, the screen after the
# key lines, compared with tests/ui/screens/NAME-SIZE.screen
screens()
{
	_name=$1 _args=$2
	shift 2
	printf '%s\n' "$@" ':dump-screen' >"$SCRATCH/$_name.keys"
	for _size in $SIZES; do
		# shellcheck disable=SC2086 # $_args is a list of options
		bv_ok $_args --script "$SCRATCH/$_name.keys" --size "$_size"
		# every differing screen is reported, then the test fails
		same_screen "$_name-$_size" || failed="$failed $_name-$_size"
	done
}

### the seeds, with no tree
screens seed-steps-top "--no-tree $KVM" g
# the culprit's detail: its runs, one by one
screens seed-detail "--no-tree $KVM" i
# opens on the first frame of a file the culprit touches (from the log's
# diffstat)
screens seed-crash "--no-tree $DEADLOCK" C
# the culprit's lines highlighted
screens seed-log "--no-tree $KVM" l
screens seed-map "--no-tree $KVM" m
# the map's third section without a tree: one line says what it needs
SIZES=80x24
screens seed-map-posterior "--no-tree $KVM" m '/likely<Enter>'
SIZES="80x24 40x10"
screens seed-signals "--no-tree $KVM" S
# what to run next, at the end of the signals view (doc/model.md §11)
screens seed-next "--no-tree $DEADLOCK" S '/Next:<Enter>'
# an inconclusive result opens on a candidate the log tested (its skipped
# step), not on step 0; the signals view lists the candidates
screens seed-inconclusive "--no-tree $INCONCLUSIVE"
screens seed-inconclusive-signals "--no-tree $INCONCLUSIVE" S
# none of them tested: it opens on their list in the signals view
grep -v -e '^\[cc38a46de76e' -e '^testing commit cc38a46de76e' -e '^\./include' \
	-e '^# git bisect skip' -e '^Bisecting: 1 revision' "$INCONCLUSIVE" >"$SCRATCH/untested.log"
SIZES=80x24
screens seed-inconclusive-untested "--no-tree $SCRATCH/untested.log"
SIZES="80x24 40x10"
# ! on the blamed step, the status line saying why; its detail: the
# model's figure and sentence; ! where no step stands out says so
screens seed-blamed "--no-tree $KVM" '!'
screens seed-blamed-detail "--no-tree $KVM" '!' i '/The<Space>model<Enter>'
screens seed-no-blamed "--no-tree $DEADLOCK" '!'
screens seed-help "--no-tree $KVM" h
# the commands and the config file, after the keys; the search has spaces
screens seed-help-commands "--no-tree $KVM" h '/Commands<Space>(type<Enter>'
SIZES=80x24
screens seed-diff-notree "--no-tree $KVM" d
screens seed-source-notree "--no-tree $DEADLOCK" C '<Enter>'
SIZES="80x24 40x10"

### the demo: built once into $XDG_CACHE_HOME, its repository and its log
screens demo-steps --demo
# a step with the log's count and the tree's side by side, and its commit
screens demo-detail --demo ':13' i '/From<Space>the<Space>tree<Enter>'
# a skipped step: its build error
screens demo-detail-skip --demo ':7' i '/implicit<Enter>'
# the culprit's diff, on its hunk in mm/khugepaged.c
screens demo-diff --demo d ']' ']'
screens demo-crash --demo C
# Enter on the first touched frame: the file at the culprit around the line
screens demo-source --demo C '<Enter>'
screens demo-map --demo m
# the map's third section: the posterior along the range, its zoom on the
# set, the legend and the words (doc/model.md §9.1)
screens demo-map-posterior --demo m '/likely<Enter>'
# the culprit's detail: the model's doubt and the posterior's figure
screens demo-detail-culprit --demo i '/introduced<Space>the<Space>bug<Enter>'
# the demo's log cut after its third verdict: a wide set (94 commits in
# 14 runs, some mass older than the range), its cells marked, no culprit
DEMO=$XDG_CACHE_HOME/bisview/demo-1
awk '/^# git bisect (good|bad|skip) / && ++n == 3 { print; exit } { print }' \
	"$DEMO/bisect.log" >"$SCRATCH/demo-cut.log"
screens demo-map-wide "-C $DEMO/linux $SCRATCH/demo-cut.log" m '/likely<Enter>'
screens demo-signals --demo S
# wide, the split beside the list (tests/ui/split.sh checks its figures):
# the header across the screen, the list as wide as its columns and a
# subject need, the diff and the raw log (its lines a third of the way
# down its own pane) the rest
SIZES=200x50
screens demo-split-diff --demo ':13' '<Enter>'
screens demo-split-log --demo ':13' l
SIZES="80x24 40x10"

# the demo was built here, and its commits are the generator's: the
# hashes on the screens are not this machine's
[ -d "$XDG_CACHE_HOME/bisview/demo-1/linux" ] || fail "the demo was not built in $XDG_CACHE_HOME"
if command -v git >/dev/null 2>&1; then
	assert_eq "the demo's culprit" "mm/khugepaged: write-lock the VMA before retracting page tables" \
		"$(git -C "$XDG_CACHE_HOME/bisview/demo-1/linux" show -s --format=%s \
			3fbded01ba58f0462bd04e39d4e3eb0546ea74a5)"
fi

[ -z "$failed" ] || fail "screens differ:$failed (BISVIEW_UPDATE_SCREENS=1 accepts them)"
note "ok"
