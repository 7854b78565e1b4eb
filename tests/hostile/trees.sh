#!/bin/sh
# Hostile trees (the hardening matrix): every mode that opens a tree -
# --summary, --json, --json --check, --scan, --scan --json and the
# explorer in script mode walking every step's diff, the detail, crash,
# source, log, map, signals and help views (diffs and files read blobs:
# that is where corruption bites) - on
#  - a plain directory, also one whose path has spaces and non-ASCII:
#    exit 2 and one line "bisview: PATH: not a git repository"; the
#    explorer (it opens the tree after its first screen) runs and says
#    "PATH: not a git repository" in its status line;
#  - loose objects of the culprit (its commit, its tree, the blob of the
#    file its crash names) overwritten with garbage;
#  - loose objects of the culprit cut short (10 bytes, half): libgit2 1.5
#    inflates such an object forever once it reads all of it; bisview's
#    guard refuses it first, and every mode is checked with a 30 s timeout;
#  - a packed repository with its pack truncated, a stretch of the pack
#    overwritten, its pack index deleted;
#  - a repository under "mein Baum ü/линукс" (spaces, non-ASCII): opened by
#    -C, $BISVIEW_TREE and from inside it, every step found;
#  - a shallow clone, and (as root) a repository owned by another user:
#    exit 2 and one line with the safe.directory hint (the explorer: in
#    its status line), --trust-repo runs.
# Each run: exit 0 (1 for --check) with nothing on stderr, or the refusal
# above (--scan too: it opens the same tree once); never a signal, a sanitizer report or a hang (60 s); memory
# bounded by ulimit -v (without sanitizers); and the tree byte-identical
# afterwards (tl_snapshot: names, modes, sizes, mtimes, sha256).
# tests/tree/edge.sh checks the facts bisview gives on the sound shapes,
# tests/tree/readonly.sh the read-only guarantee on them.
set -eu
: "${BISVIEW_TEST_TIMEOUT:=60}"
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
need_cmd truncate timeout
tl_need_snapshot

tl_setup
tl_logs
NSTEPS=$(wc -l <"$W/a.steps")
NSTEPS=$((NSTEPS + 2))
is_sanitized || true   # (worked out once, here)
quiet_sanitizers

# The explorer's walk: the first screen, the detail, every step's diff
# from the first (J), its files and hunks, the crash report and the
# source of its frame (the culprit's mm/a.c), the raw log, the map, the
# signals and their evidence, help, a reload.
script walk ':dump-screen' i ':dump-screen' q g ':view-diff' '}' ']' '{' '[' \
	JJJJJJJJJJ ':dump-screen' K q C '<Enter>' ':dump-screen' q q l m S '<Enter>' E \
	h R ':dump-screen'

# on_tree WHAT WANT ARG...: one run, its address space bounded (2 GB: a
# hostile tree must not make bisview grow without bound) and hanging
# never (bv's timeout). WANT 0: exit 0 (1 also with --check) and nothing
# on stderr. WANT 2: exit 2, nothing on stdout, one line on stderr
# "bisview: $REFUSED" and the rest of it.
on_tree()
{
	_what=$1 _want=$2
	shift 2
	bv_bounded 2000000 "$@"
	if grep -q 'Sanitizer\|runtime error:\|^==[0-9]*==' "$SCRATCH/err"; then
		fail "$_what: bisview $*: a sanitizer report: $(head -c 2000 "$SCRATCH/err")"
	fi
	[ "$rc" -lt 128 ] || fail "$_what: bisview $* died of signal $((rc - 128))"
	if [ "$_want" -eq 2 ] && case " $* " in *" --script "*) true ;; *) false ;; esac; then
		# the explorer opens the tree on its worker thread, after its
		# first screen: it runs on, and its status line says why not
		[ "$rc" -eq 0 ] || fail "$_what: bisview $* exited $rc: $(head -c 600 "$SCRATCH/err")"
		[ ! -s "$SCRATCH/err" ] || fail "$_what: bisview $* wrote to stderr: $(head -c 600 "$SCRATCH/err")"
		# the first dump's status line, when wide enough for the path
		case " $* " in
		*" 250x24 "*)
			sed -n 24p "$SCRATCH/out" | grep -q -F -- "$REFUSED" ||
				fail "$_what: bisview $*: the status line does not say '$REFUSED': $(sed -n 24p "$SCRATCH/out")" ;;
		esac
		return 0
	fi
	if [ "$_want" -eq 2 ]; then
		[ "$rc" -eq 2 ] || fail "$_what: bisview $*: want exit 2 (refused), got $rc"
		[ ! -s "$SCRATCH/out" ] || fail "$_what: bisview $*: refused but wrote to stdout"
		[ "$(lines_in "$SCRATCH/err")" -eq 1 ] ||
			fail "$_what: bisview $*: want one line on stderr, got: $(cat "$SCRATCH/err")"
		case $(cat "$SCRATCH/err") in
		"bisview: $REFUSED"*) ;;
		*) fail "$_what: bisview $*: want 'bisview: $REFUSED...', got: $(cat "$SCRATCH/err")" ;;
		esac
		return 0
	fi
	want_ran "$_what" "$@"
	[ ! -s "$SCRATCH/err" ] || fail "$_what: bisview $* wrote to stderr: $(head -c 600 "$SCRATCH/err")"
}

# all_modes_on WHAT WANT ARG...: every mode, with the tree options ARG...
all_modes_on()
{
	_w=$1 _e=$2
	shift 2
	for log in "$LOGS"/*.log; do
		on_tree "$_w" "$_e" --json "$@" "$log"
		if [ "$_e" -eq 0 ]; then
			jq -e '.tree | type == "object"' "$SCRATCH/out" >/dev/null ||
				fail "$_w: --json $* $log: no tree object"
		fi
		on_tree "$_w" "$_e" --summary "$@" "$log"
		on_tree "$_w" "$_e" --json --check "$@" "$log"
		on_tree "$_w" "$_e" --script "$SCRATCH/walk.keys" "$@" "$log"
		on_tree "$_w" "$_e" --script "$SCRATCH/walk.keys" --size 250x24 "$@" "$log"
	done
	# --scan opens the same tree once for all its logs (doc/design.md
	# §13): the same refusal, or every line read through it
	on_tree "$_w" "$_e" --scan "$@" "$LOGS"
	on_tree "$_w" "$_e" --scan --json "$@" "$LOGS"
}

# check_tree WHAT DIR WANT [ARG...]: every mode on DIR (-C DIR, then ARG...),
# and DIR unchanged afterwards
check_tree()
{
	_name=$1 _dir=$2 _want=$3
	shift 3
	tl_snapshot "$_dir" "$W/before"
	all_modes_on "$_name" "$_want" -C "$_dir" "$@"
	tl_snapshot "$_dir" "$W/after"
	tl_unchanged "$_name" "$_dir" "$W/before" "$W/after"
}

# found WHAT ARG...: --json with ARG... finds every step
found()
{
	on_tree "$1" 0 --json "$2" "$3" "$LOGS/syzbot.log"
	jq_assert "$SCRATCH/out" ".tree.found == $NSTEPS" "$1: every step must be found"
}

# a copy of $R with every object loose (fast-import wrote one pack)
LOOSE=$W/loose
cp -a "$R" "$LOOSE"
mkdir "$W/packs"
mv "$LOOSE"/.git/objects/pack/* "$W/packs/"
git -C "$LOOSE" unpack-objects -q <"$(ls "$W"/packs/*.pack)"
[ -z "$(ls "$LOOSE/.git/objects/pack")" ] || fail "objects still packed in $LOOSE"
# and one with a single pack holding everything
PACKED=$W/packed
cp -a "$R" "$PACKED"
git -C "$PACKED" repack -a -d -q
git -C "$PACKED" count-objects -v | grep -q '^count: 0$' || fail "loose objects left in $PACKED"
UTF8=$(locale -a 2>/dev/null | grep -i -m1 -x 'c\.utf-\?8') || UTF8=
BLOB=$(git -C "$R" rev-parse "$CULPRIT:mm/a.c")
TREE=$(git -C "$R" rev-parse "$CULPRIT^{tree}")
# git may have left files to settle (gc.log, auto-packing); let it finish
sleep 1

# loose_file REPO ID: the file of a loose object
loose_file()
{
	_f=$1/.git/objects/$(printf '%s' "$2" | cut -c1-2)/$(printf '%s' "$2" | cut -c3-)
	[ -f "$_f" ] || fail "no loose object $2 in $1"
	chmod u+w "$_f"
	echo "$_f"
}

# damage HOW ID: damage object ID of $LOOSE in place (garbage: 200 random
# bytes; short: its first 10 bytes; body: its first half), keeping the
# original for repair
damage()
{
	_f=$(loose_file "$LOOSE" "$2")
	cp -p "$_f" "$W/original"
	echo "$2" >"$W/damaged"
	case $1 in
	garbage) head -c 200 /dev/urandom >"$_f" ;;
	short) truncate -s 10 "$_f" ;;
	body) truncate -s $(($(wc -c <"$_f") / 2)) "$_f" ;;
	esac
	if git -C "$LOOSE" cat-file -p "$2" >/dev/null 2>&1; then
		fail "$1 $2: git still reads it"
	fi
}

# repair: the damaged object as it was (also after a failed section)
repair()
{
	[ -f "$W/damaged" ] || return 0
	_id=$(cat "$W/damaged")
	cp -p "$W/original" "$(loose_file "$LOOSE" "$_id")"
	git -C "$LOOSE" cat-file -e "$_id" || fail "$_id not repaired"
	rm "$W/damaged"
}

sec_not_repo()
{
	REFUSED="$PLAIN: not a git repository"
	if git -C "$PLAIN" rev-parse --git-dir >/dev/null 2>&1; then
		note "$PLAIN is inside a git repository: not checked"
		return 0
	fi
	check_tree not-a-repository "$PLAIN" 2
	_odd="$SCRATCH/leer ü Verzeichnis/линукс"
	mkdir -p "$_odd"
	# the path as it is in a UTF-8 locale; in C, '?' for what is not
	# ASCII (one per character on stderr, one per byte on the screen)
	if [ -n "$UTF8" ]; then
		REFUSED="$_odd: not a git repository"
		LC_ALL=$UTF8 check_tree "not a repository, odd path" "$_odd" 2
	fi
	REFUSED="$SCRATCH/leer ?"
	check_tree "not a repository, odd path, C locale" "$_odd" 2
	on_tree "not a repository, odd path, C locale" 2 --json -C "$_odd" "$LOGS/syzbot.log"
	assert_eq "not a repository, odd path, C locale" \
		"bisview: $SCRATCH/leer ? Verzeichnis/??????: not a git repository" "$(cat "$SCRATCH/err")"
}

sec_loose_garbage()
{
	for obj in commit:"$CULPRIT" tree:"$TREE" blob:"$BLOB"; do
		damage garbage "${obj#*:}"
		check_tree "loose ${obj%%:*} garbage" "$LOOSE" 0
		repair
	done
	# a damaged commit is named for what it is, not "fetch the tree"
	for how in garbage short; do
		damage "$how" "$CULPRIT"
		on_tree "unreadable commit ($how)" 0 --json -C "$LOOSE" "$LOGS/syzbot.log"
		jq_assert "$SCRATCH/out" '.tree.unreadable >= 1 and (.tree.missing_hint | test("fsck"))
			and any(.signals[]; .code == "commits-unreadable")' \
			"a damaged culprit commit ($how) is not reported as unreadable"
		repair
	done
}

# libgit2 1.5 (git_zstream_get_output) loops forever on a loose object
# whose zlib stream ends early, whenever it reads the whole object (a
# header alone is fine); src/tree/loose_guard.c refuses such an object
# first. Every mode, each object kind cut two ways, a short timeout.
sec_loose_cut()
{
	repair
	for obj in commit:"$CULPRIT" tree:"$TREE" blob:"$BLOB"; do
		for how in short body; do
			damage "$how" "${obj#*:}"
			BISVIEW_TEST_TIMEOUT=30 check_tree "loose ${obj%%:*} cut ($how)" "$LOOSE" 0
			repair
		done
	done
}

sec_pack()
{
	_pack=$(ls "$PACKED"/.git/objects/pack/*.pack)
	_size=$(wc -c <"$_pack")
	cp -a "$PACKED" "$W/pack-truncated"
	truncate -s $((_size / 2)) "$W/pack-truncated/.git/objects/pack/${_pack##*/}"
	check_tree "pack truncated" "$W/pack-truncated" 0
	cp -a "$PACKED" "$W/pack-overwritten"
	printf 'GARBAGE%.0s' 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 |
		dd of="$W/pack-overwritten/.git/objects/pack/${_pack##*/}" bs=1 seek=$((_size / 3)) \
			conv=notrunc 2>/dev/null
	check_tree "pack overwritten" "$W/pack-overwritten" 0
	cp -a "$PACKED" "$W/pack-no-index"
	rm "$W/pack-no-index"/.git/objects/pack/*.idx
	check_tree "pack without index" "$W/pack-no-index" 0
}

sec_odd_path()
{
	_p="$SCRATCH/mein Baum ü/линукс"
	mkdir -p "$_p"
	rmdir "$_p"
	cp -a "$R" "$_p"
	check_tree "spaces and non-ASCII" "$_p" 0
	found "spaces and non-ASCII (-C)" -C "$_p"
	[ "$(jq -r .tree.path "$SCRATCH/out")" = "$_p/" ] ||
		fail "spaces and non-ASCII: tree.path is $(jq -r .tree.path "$SCRATCH/out")"
	(cd "$_p/mm" && found "spaces and non-ASCII (cwd)" --tree "$_p")
	(cd "$_p/mm" && on_tree "spaces and non-ASCII (cwd)" 0 --script "$SCRATCH/walk.keys" "$LOGS/syzbot.log")
	(cd "$PLAIN" && BISVIEW_TREE=$_p on_tree "spaces and non-ASCII (BISVIEW_TREE)" 0 \
		--script "$SCRATCH/walk.keys" "$LOGS/syzbot.log")
	grep -q '^\[source\] mm/a.c:12 ' "$SCRATCH/out" ||
		fail "spaces and non-ASCII: the explorer did not show the source: $(cat "$SCRATCH/out")"
}

sec_shallow()
{
	git clone -q --depth 20 "file://$R" "$W/shallow"
	git -C "$W/shallow" fetch -q --depth 3 origin tag v1.3 tag v1.2
	check_tree shallow "$W/shallow" 0
}

sec_owned()
{
	tl_owned_copy "$W/owned" || return 0
	REFUSED="$W/owned: repository is owned by another user"
	check_tree "owned by another user" "$W/owned" 2
	on_tree "owned by another user" 2 --summary -C "$W/owned" "$LOGS/syzbot.log"
	grep -q 'safe.directory' "$SCRATCH/err" || fail "owned: no safe.directory hint: $(cat "$SCRATCH/err")"
	check_tree "owned, --trust-repo" "$W/owned" 0 --trust-repo
}

tl_section not-a-repository sec_not_repo
tl_section loose-garbage sec_loose_garbage
tl_section loose-cut sec_loose_cut
tl_section pack sec_pack
tl_section odd-path sec_odd_path
tl_section shallow sec_shallow
tl_section owned sec_owned
tl_finish
