#!/bin/sh
# The explorer on partial clones (issue 17), in script mode: a blobless
# (--filter=blob:none) and a treeless (--filter=tree:0) clone of the tree
# tests' generated repository, through a local file:// remote.
#   - the diff of a commit whose blobs are missing says "not fetched" in
#     the diffstat's count column and counts those files apart in the
#     summary (never "0 insertions"), with no hunks; a note says once that
#     the tree is a partial clone and gives the one git command that
#     fetches the objects; a diff the clone cannot make at all (its trees
#     are missing, or the culprit's rename needs its blobs) says so
#     instead of an empty diff;
#   - Enter on a crash frame: the file is at that commit but its content
#     is not here (blobless), or that commit's trees are not (treeless),
#     with the cat-file command;
#   - the steps header names the partial clone and what it lacks; the
#     culprit's detail says its files are not known, with the command;
#   - then, in the middle of one run (keys through a FIFO), each command
#     shown is run as it is (git fetches from the promisor remote) and R
#     shows what the full clone shows: the diffs, the file, and a header
#     that says nothing is missing any more.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
need_cmd awk sed paste mkfifo timeout

tl_setup
tl_logs
LOG=$LOGS/syzbot.log
SHORT=$(echo "$CULPRIT" | cut -c1-12)
# step 7 of the log, tested before the culprit: it modifies mm/a.c
script steps ':dump-view'
bv_ok -C "$R" --script "$SCRATCH/steps.keys" "$LOG"
S7=$(awk -F '\t' '$2 == 7 { print $5 }' "$SCRATCH/out")
assert_eq "step 7 changes mm/a.c" "M	mm/a.c" "$(git -C "$R" diff-tree -r --no-commit-id --name-status "$S7")"

git -C "$R" config uploadpack.allowFilter true
BL=$SCRATCH/blobless
TL=$SCRATCH/treeless
git clone -q --no-checkout --filter=blob:none "file://$R" "$BL" 2>"$SCRATCH/err" ||
	skip "git cannot make a partial clone: $(head -c 300 "$SCRATCH/err")"
git clone -q --no-checkout --filter=tree:0 "file://$R" "$TL" ||
	fail "git clone --filter=tree:0 failed"
# the full clone to compare with, made the same way (no work tree, so no
# .mailmap there either)
FULL=$SCRATCH/full
git clone -q --no-checkout "file://$R" "$FULL" || fail "git clone $R failed"
for c in "$BL" "$TL"; do
	# (--missing=print lists what is missing without fetching it)
	git -C "$c" rev-list --objects --all --missing=print | grep -q '^?' ||
		fail "$c lacks no object: the clone is not partial"
done

# rows DUMP KIND FIELD: that field of a :dump-view's rows of a kind
rows()
{
	awk -F '\t' -v k="$2" -v f="$3" 'NR > 1 && $2 == k { print $f }' "$1"
}

# command_of DUMP FIELD: the fetch command of a dump's "fetch" rows, its
# lines (" \" at the end, indented after the first) joined again
command_of()
{
	rows "$1" fetch "$2" | sed 's/ \\$//; s/^ *//' | paste -s -d ' ' -
}

# no_zero_counts FILE...: no count of 0 insertions or deletions
no_zero_counts()
{
	! grep -E '(^|[^0-9])0 (insertion|deletion)' "$@" ||
		fail "an unknown count is shown as 0 ($*)"
}

# comparable DUMP: a :dump-view without its first line and cursor mark,
# to compare with the full clone's
comparable()
{
	sed '1d; s/^>/ /' "$1"
}

# --- what each view says, one run per view
# diff_of CLONE NAME KEY...: the diff view after the keys, dumped
diff_of()
{
	_c=$1 _n=$2
	shift 2
	script "$_n" "$@" ':view-diff' ":dump-view $SCRATCH/$_n.view" \
		":dump-screen $SCRATCH/$_n.screen"
	bv_ok -C "$_c" --script "$SCRATCH/$_n.keys" --size 80x24 "$LOG"
}

# step 7 in the blobless clone: its blobs are missing
diff_of "$BL" bl7 ':7'
assert_eq "bl7: the stat row" " mm/a.c | not fetched" "$(rows "$SCRATCH/bl7.view" stat 6)"
assert_eq "bl7: the summary" " 1 file changed; line counts not known: contents not fetched" \
	"$(rows "$SCRATCH/bl7.view" summary 6)"
assert_eq "bl7: the note, once" \
	"Partial clone: 1 file's content is not here (no line counts, no hunks)." \
	"$(rows "$SCRATCH/bl7.view" partial 6 | grep '^Partial clone')"
assert_eq "bl7: the command" "git -C $BL/ show --stat $S7 >/dev/null" \
	"$(command_of "$SCRATCH/bl7.view" 6)"
[ -z "$(rows "$SCRATCH/bl7.view" hunk 6)" ] || fail "bl7: hunks from nothing"
grep -q 'mm/a.c *| not fetched' "$SCRATCH/bl7.screen" || fail "bl7: the screen lacks 'not fetched'"
# on the screen whole: a line too wide for 80 columns is cut at a blank
rows "$SCRATCH/bl7.view" fetch 6 >"$SCRATCH/bl7.fetch"
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | wc -c)" -le 80 ] || fail "bl7: a command line wider than 80: $line"
	grep -qxF "$line" "$SCRATCH/bl7.screen" || fail "bl7: the screen lacks the command's '$line'"
done <"$SCRATCH/bl7.fetch"
no_zero_counts "$SCRATCH/bl7.view" "$SCRATCH/bl7.screen"

# the header: the partial clone and what it lacks
sed -n 4p "$SCRATCH/bl7.screen" |
	grep -q '^Partial clone (filter blob:none): [0-9]* objects\{0,1\} the facts need \(is\|are\) not here' ||
	fail "the header does not name the partial clone: $(sed -n 1,5p "$SCRATCH/bl7.screen")"

# the culprit: its rename needs its blobs, so the clone cannot make its diff
DIFF_NOTE="Partial clone: objects this diff needs are not here, so its files are unknown."
for c in bl tl; do
	case $c in bl) clone=$BL ;; *) clone=$TL ;; esac
	diff_of "$clone" "${c}c"
	assert_eq "${c}c: the note" "$DIFF_NOTE" "$(rows "$SCRATCH/${c}c.view" partial 6 | sed -n 1p)"
	assert_eq "${c}c: the command" "git -C $clone/ show --stat $SHORT >/dev/null" \
		"$(command_of "$SCRATCH/${c}c.view" 6)"
	[ -z "$(rows "$SCRATCH/${c}c.view" stat 6)" ] || fail "${c}c: a diffstat from nothing"
	no_zero_counts "$SCRATCH/${c}c.view" "$SCRATCH/${c}c.screen"
done
# the treeless clone has no tree to diff step 7 with either
diff_of "$TL" tl7 ':7'
assert_eq "tl7: the note" "$DIFF_NOTE" "$(rows "$SCRATCH/tl7.view" partial 6 | sed -n 1p)"
grep -q '^Partial clone (filter tree:0): ' "$SCRATCH/tl7.screen" ||
	fail "the header does not name the treeless clone"

# Enter on the crash frame mm/a.c:12, at the culprit
for c in bl tl; do
	case $c in bl) clone=$BL ;; *) clone=$TL ;; esac
	script "${c}src" C '<Enter>' ":dump-view $SCRATCH/${c}src.view" \
		":dump-screen $SCRATCH/${c}src.screen"
	bv_ok -C "$clone" --script "$SCRATCH/${c}src.keys" --size 80x24 "$LOG"
	assert_eq "${c}src: the command" "git -C $clone/ cat-file blob $SHORT:mm/a.c >/dev/null" \
		"$(command_of "$SCRATCH/${c}src.view" 3)"
	! grep -q 'no such file' "$SCRATCH/${c}src.screen" || fail "${c}src: 'no such file'"
done
assert_eq "blsrc: the note" \
	"The file is at that commit, but its content is not in this partial clone." \
	"$(rows "$SCRATCH/blsrc.view" partial 3 | sed -n 1p)"
assert_eq "tlsrc: the note" \
	"Partial clone: that commit's trees are not here, so the file is not known." \
	"$(rows "$SCRATCH/tlsrc.view" partial 3 | sed -n 1p)"

# the culprit's detail
script detail ':view-detail' ":dump-view $SCRATCH/detail.view"
bv_ok -C "$BL" --script "$SCRATCH/detail.keys" --size 80x24 "$LOG"
assert_eq "detail: the culprit's files" "not known: this partial clone lacks objects the diff needs" \
	"$(rows "$SCRATCH/detail.view" files 4)"
assert_eq "detail: the command" "git -C $BL/ show --stat $SHORT >/dev/null" \
	"$(command_of "$SCRATCH/detail.view" 4)"

# --- the full clone's views, for after the fetch
diff_of "$FULL" full7 ':7'
diff_of "$FULL" fullc
script fullsrc C '<Enter>' ":dump-view $SCRATCH/fullsrc.view"
bv_ok -C "$FULL" --script "$SCRATCH/fullsrc.keys" --size 80x24 "$LOG"
[ -n "$(rows "$SCRATCH/full7.view" hunk 6)" ] || fail "the full clone's step 7 has no hunk"

# --- fetch, then R, in one run: the keys come through a FIFO
# session NAME CLONE: starts bisview on CLONE reading keys from $FIFO (fd 3)
session()
{
	S=$1
	shift
	FIFO=$SCRATCH/keys.fifo
	rm -f "$FIFO"
	mkfifo "$FIFO"
	timeout "$BISVIEW_TEST_TIMEOUT" "$BISVIEW" -C "$1" --script "$FIFO" --size 80x24 "$LOG" \
		>"$SCRATCH/session.out" 2>"$SCRATCH/session.err" &
	SESSION=$!
	BG_PIDS="$BG_PIDS $SESSION"
	# read-write: opening does not wait for bisview (Linux)
	exec 3<>"$FIFO"
	N=0
}

# keys LINE...: the lines to bisview, then a dump of the focused view to
# $VIEW, $SCRATCH/NAME-N.view (N counts from 1); waits until it is written
keys()
{
	N=$((N + 1))
	printf '%s\n' "$@" ":dump-view $SCRATCH/$S-$N.view" ":dump-screen $SCRATCH/$S-$N.screen" \
		":dump-screen $SCRATCH/$S-$N.done" >&3
	_t=0
	while [ ! -e "$SCRATCH/$S-$N.done" ]; do
		kill -0 "$SESSION" 2>/dev/null ||
			fail "bisview stopped: $(head -c 600 "$SCRATCH/session.err")"
		_t=$((_t + 1))
		[ "$_t" -lt 1200 ] || fail "no dump $N after 120 s"
		sleep 0.1
	done
	VIEW=$SCRATCH/$S-$N.view
	SCREEN=$SCRATCH/$S-$N.screen
}

# fetch FIELD: runs the command the dump $VIEW shows, as it is
fetch()
{
	_cmd=$(command_of "$VIEW" "$1")
	[ -n "$_cmd" ] || fail "dump $N shows no command: $(cat "$VIEW")"
	sh -c "$_cmd" 2>"$SCRATCH/fetch.err" || fail "$_cmd: $(head -c 300 "$SCRATCH/fetch.err")"
}

end_session()
{
	exec 3>&-
	wait "$SESSION" || fail "bisview exited $?: $(head -c 600 "$SCRATCH/session.err")"
	[ ! -s "$SCRATCH/session.err" ] || fail "bisview wrote to stderr: $(head -c 600 "$SCRATCH/session.err")"
}

# same WHAT FULL: the dump $VIEW shows what the full clone's does
same()
{
	comparable "$VIEW" >"$SCRATCH/got"
	comparable "$2" >"$SCRATCH/want"
	cmp -s "$SCRATCH/want" "$SCRATCH/got" ||
		fail "$1 after R differs from the full clone's: $(diff "$SCRATCH/want" "$SCRATCH/got" | head -8)"
}

# blobless: the culprit's file, step 7's diff, then the culprit's diff
# (step 7 descends from the culprit: its diff's old side is the file)
session bl "$BL"
keys C '<Enter>'
rows "$VIEW" partial 3 | grep -q 'not in this partial clone' || fail "no note: $(cat "$VIEW")"
fetch 3
keys R
same "blobless: mm/a.c" "$SCRATCH/fullsrc.view"
keys q q ':7' ':view-diff'
assert_eq "before the fetch" " mm/a.c | not fetched" "$(rows "$VIEW" stat 6)"
fetch 6
keys R
same "blobless: step 7's diff" "$SCRATCH/full7.view"
keys J
assert_eq "J: the culprit's note" "$DIFF_NOTE" "$(rows "$VIEW" partial 6 | sed -n 1p)"
fetch 6
keys R
same "blobless: the culprit's diff" "$SCRATCH/fullc.view"
keys ':view-steps'
sed -n 4p "$SCREEN" |
	grep -q '^Partial clone (filter blob:none): every object the facts need is here' ||
	fail "after the fetch, the header: $(sed -n 4p "$SCREEN")"
end_session

# treeless: the file, then the culprit's diff
session tl "$TL"
keys C '<Enter>'
fetch 3
keys R
same "treeless: mm/a.c" "$SCRATCH/fullsrc.view"
keys q q ':view-diff'
# (what is still missing depends on what the cat-file fetched)
rows "$VIEW" partial 6 | grep -q '^Partial clone: ' || fail "treeless: no note before the fetch"
fetch 6
keys R
same "treeless: the culprit's diff" "$SCRATCH/fullc.view"
end_session

note "ok: $BL and $TL, fetched with the commands shown, then R"
