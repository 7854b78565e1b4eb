#!/bin/sh
# Partial clones (issue 17): bisview on a blobless (--filter=blob:none) and
# a treeless (--filter=tree:0) clone of the scratch repository, each with
# --no-checkout and with a checkout (which fetches HEAD's objects only),
# compared with a full clone made the same way. Logs: the syzbot and the
# `git bisect log` of the bisection to "mm: special rename" (a rename, an
# added, a deleted file) and a syzbot log whose culprit only edits mm/a.c.
# For each clone and log, before the objects are fetched:
#  - --json: tree.partial.filter is the clone's filter, tree.partial.missing
#    > 0; every number, boolean or non-empty list of the full clone's that
#    differs is null here (never 0, false or a shorter list); treeless:
#    tree.culprit.files null; blobless, the edit-only culprit: the full
#    clone's files with null counts; the steps' tree facts and all the rest
#    but the path are the full clone's; a not-seen (info) signal, and no
#    signal the full clone does not have;
#  - --summary: "Partial:" names the partial clone and its filter, "Fetch:"
#    is a git command on this tree for the culprit; --check: the full
#    clone's exit status and assessment; --scan (+ --json): the full
#    clone's lines (--json: but for its not-seen signal); the explorer's diff view (--script) names the partial
#    clone and gives the fetch command, and counts no unknown line as 0;
#  - bisview wrote nothing to the clone (tl_snapshot / tl_unchanged).
# Then the test runs the printed Fetch commands (git; bisview never does)
# and, again read-only: --json is the full clone's but for the path and
# tree.partial, whose missing is 0; --summary has no Fetch line; the
# explorer's diff and source views are the full clone's.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot

tl_setup
tl_logs
EDIT=$(tl_find "$R" 'mm: change 361')
[ "$(tl_numstat "$R" "$EDIT" | cut -f1,2 | tr '\t' ' ')" = "mm/a.c mm/a.c" ] ||
	fail "'mm: change 361' must edit mm/a.c only (tests/lib/tree-gen.sh changed?)"
tl_bisect "$R" "$W/e" v1.3 v1.2 "$EDIT"
tl_syzbot_log "$R" "$W/e" "$BAD" "$GOOD" v1.2 >"$LOGS/edit.log"

# the source serves filtered clones and single objects (the lazy fetch);
# nothing runs in the background and changes a clone between snapshots
git -C "$R" config uploadpack.allowFilter true
git -C "$R" config uploadpack.allowAnySHA1InWant true
git config --global gc.auto 0
git config --global maintenance.auto false

git clone -q --no-checkout "file://$R" "$W/full"
git clone -q "file://$R" "$W/full-checkout"

# partial NAME FILTER [--no-checkout]: the clone $W/NAME; skips where git
# cannot make it (or the source ignored the filter)
partial()
{
	git clone -q ${3:+"$3"} --filter="$2" "file://$R" "$W/$1" 2>"$W/$1.err" ||
		skip "git $(git --version | cut -d' ' -f3) cannot make a $2 partial clone: $(head -c 300 "$W/$1.err")"
	[ "$(git -C "$W/$1" config --get remote.origin.partialclonefilter || true)" = "$2" ] ||
		skip "git made no $2 partial clone (the filter was ignored)"
	git -C "$W/$1" rev-list --objects --missing=print --all >"$W/$1.objects" 2>/dev/null ||
		skip "git rev-list has no --missing=print"
	grep -q '^?' "$W/$1.objects" || fail "$1: the $2 clone lacks no object"
}
partial blobless blob:none --no-checkout
partial treeless tree:0 --no-checkout
partial blobless-checkout blob:none
partial treeless-checkout tree:0

LOGNAMES="syzbot gitbisect edit"

# explore DIR LOG OUT: the explorer on the culprit's diff, then the crash
# view's first frame's source; the views in OUT.diff, OUT.source
explore()
{
	script explore ':view-diff' ":dump-view $3.diff" q C '<Enter>' ":dump-view $3.source"
	bv_ok --script "$SCRATCH/explore.keys" --size 100x30 -C "$1" "$2"
	[ -s "$3.diff" ] || fail "$3: the explorer dumped no diff view"
}

# every mode on the full clones, once
for full in full full-checkout; do
	for l in $LOGNAMES; do
		tl_json "$W/$full.$l.json" "$LOGS/$l.log" -C "$W/$full"
		jq_assert "$W/$full.$l.json" '.tree.partial == null and
			(.tree.culprit.files | length) > 0' "$full: $l: a full clone with the culprit's files"
		bv_ok --summary -C "$W/$full" "$LOGS/$l.log"
		sed 's/^Tree: .* (/Tree: (/' "$SCRATCH/out" >"$W/$full.$l.summary"
		bv --check -C "$W/$full" "$LOGS/$l.log"
		echo "$rc" >"$W/$full.$l.check"
		explore "$W/$full" "$LOGS/$l.log" "$W/$full.$l"
	done
	bv_ok --scan -C "$W/$full" "$LOGS"
	mv "$SCRATCH/out" "$W/$full.scan"
	bv_ok --scan --json -C "$W/$full" "$LOGS"
	mv "$SCRATCH/out" "$W/$full.scan.json"
done

# NULL_RULE, on the partial clone's --json with $full the full clone's:
# the paths (signals aside) where a number, a boolean or a list of the
# full clone's is something else than null and differs
NULL_RULE='. as $p | $full[0] as $f
	| [$f | paths(type == "number" or type == "boolean" or type == "array")
	   | select(.[0] != "signals")]
	| map(. as $k | ($f | getpath($k)) as $a
	      | (try ($p | getpath($k)) catch "(no such path)") as $b
	      | select($b != null and $b != $a and (($a | type) != "array" or
	               ($b | type) != "array" or ($b | length) != ($a | length)))
	      | "\($k | map(tostring) | join(".")): full \($a | tojson), partial \($b | tojson)")
	| .[]'
# jq_full_assert FILE FULL FILTER WHAT: FILTER, with $f the JSON in FULL,
# must give true on FILE
jq_full_assert()
{
	_v=$(jq -e --slurpfile f "$2" "$3" "$1" 2>&1) || fail "$4 (jq: $3 gave ${_v:-nothing})"
}

# what stays the same whatever objects are missing
SAME='del(.tree.path, .tree.partial, .tree.culprit.files, .signals)'

# before_fetch NAME FILTER FULL LOG: the checks on the unfetched clone
before_fetch()
{
	_d=$W/$1 _j=$W/$1.$4.json _f=$W/$3.$4.json
	tl_json "$_j" "$LOGS/$4.log" -C "$_d"
	jq -r --slurpfile full "$_f" "$NULL_RULE" "$_j" >"$W/$1.$4.nonnull"
	[ ! -s "$W/$1.$4.nonnull" ] ||
		fail "$1: $4: facts that differ from the full clone's and are not null: $(head -20 "$W/$1.$4.nonnull")"
	jq "$SAME" "$_f" >"$W/a"
	jq "$SAME" "$_j" >"$W/b"
	diff -u "$W/a" "$W/b" >"$W/$1.$4.diff-same" ||
		fail "$1: $4: facts that need no missing object differ from the full clone's (full/partial): $(head -30 "$W/$1.$4.diff-same")"
	case $2 in
	tree:0)
		jq_assert "$_j" '.tree.culprit.files == null' \
			"$1: $4: a treeless clone cannot know the culprit's files: null, never a list" ;;
	blob:none)
		[ "$4" != edit ] || [ "$1" != blobless ] || jq_full_assert "$_j" "$_f" \
			'([.tree.culprit.files[] | [.path, .status]] == [$f[0].tree.culprit.files[] |
			[.path, .status]]) and all(.tree.culprit.files[]; .insertions == null and
			.deletions == null and .binary == null)' \
			"$1: $4: the trees are here: the culprit's files, their blobs not: null counts" ;;
	esac
	jq_assert "$_j" ".tree.partial.filter == \"$2\" and .tree.partial.missing > 0" \
		"$1: $4: tree.partial must be {filter: $2, missing > 0}"
	jq_assert "$_j" '[.signals[] | select(.code == "not-seen" and .strength == "info")] |
		length > 0' "$1: $4: a not-seen (info) signal must say what could not be seen"
	jq -r '.signals[].code' "$_f" | sort -u >"$W/a"
	jq -r '.signals[].code | select(. != "not-seen")' "$_j" | sort -u | comm -13 "$W/a" - >"$W/b"
	[ ! -s "$W/b" ] || fail "$1: $4: signals the full clone has not: $(cat "$W/b")"

	bv_ok --summary -C "$_d" "$LOGS/$4.log"
	grep -q "^Partial: .*a partial clone (filter $2)" "$SCRATCH/out" ||
		fail "$1: $4: --summary does not name the partial clone: $(grep -E '^(Tree|Partial):' "$SCRATCH/out")"
	_c=$(jq -r .tree.culprit.commit "$_j")
	_fetch=$(sed -n 's/^Fetch: *//p' "$SCRATCH/out")
	case $_fetch in
	"git -C $_d"*" $_c "*) ;;
	*) fail "$1: $4: --summary gives no git command on $_d for $_c: Fetch: '$_fetch'" ;;
	esac
	printf '%s\n' "$_fetch" >>"$W/$1.fetch"

	bv --check -C "$_d" "$LOGS/$4.log"
	assert_eq "$1: $4: --check's exit status (the full clone's)" "$(cat "$W/$3.$4.check")" "$rc"
	jq_full_assert "$_j" "$_f" '.assessment == $f[0].assessment' \
		"$1: $4: the assessment must be the full clone's"

	explore "$_d" "$LOGS/$4.log" "$W/$1.$4"
	# the culprit's diff needed objects the clone lacks: its view says so
	grep -qi 'partial clone' "$W/$1.$4.diff" ||
		fail "$1: $4: the explorer's diff view does not name the partial clone"
	grep -q "git -C .* show --stat " "$W/$1.$4.diff" ||
		fail "$1: $4: the explorer's diff view does not give the fetch command"
	! grep -q ' 0 insertions' "$W/$1.$4.diff" ||
		fail "$1: $4: the explorer's diff view counts unknown lines as 0"
}

# after_fetch NAME FILTER FULL LOG: all the full clone's facts
after_fetch()
{
	_d=$W/$1 _j=$W/$1.$4.fetched.json _f=$W/$3.$4.json
	tl_json "$_j" "$LOGS/$4.log" -C "$_d"
	jq_assert "$_j" ".tree.partial == {\"filter\": \"$2\", \"missing\": 0}" \
		"$1: $4: after the fetch, tree.partial.missing must be 0"
	_rest='del(.tree.path, .tree.partial)'
	jq "$_rest" "$_f" >"$W/a"
	jq "$_rest" "$_j" >"$W/b"
	diff -u "$W/a" "$W/b" >"$W/$1.$4.diff-json" ||
		fail "$1: $4: after the fetch, --json differs from the full clone's (full/partial): $(head -40 "$W/$1.$4.diff-json")"
	bv_ok --summary -C "$_d" "$LOGS/$4.log"
	! grep -q '^Fetch:' "$SCRATCH/out" || fail "$1: $4: a Fetch: line with nothing to fetch"
	grep -q "^Partial: .*filter $2.*every object this report needed is here" "$SCRATCH/out" ||
		fail "$1: $4: --summary must say every object is here: $(grep '^Partial:' "$SCRATCH/out")"
	grep -v '^Partial:' "$SCRATCH/out" | sed 's/^Tree: .* (/Tree: (/' |
		diff -u "$W/$3.$4.summary" - >"$W/$1.$4.diff-summary" ||
		fail "$1: $4: after the fetch, --summary differs from the full clone's: $(head -20 "$W/$1.$4.diff-summary")"
	explore "$_d" "$LOGS/$4.log" "$W/$1.$4.fetched"
	for v in diff source; do
		if [ -f "$W/$3.$4.$v" ] || [ -f "$W/$1.$4.fetched.$v" ]; then
			cmp -s "$W/$3.$4.$v" "$W/$1.$4.fetched.$v" ||
				fail "$1: $4: after the fetch, the explorer's $v view differs from the full clone's: $(
					diff "$W/$3.$4.$v" "$W/$1.$4.fetched.$v" | head -10)"
		fi
	done
}

# check_clone NAME FILTER FULL: every mode before the fetch, the fetch, every
# mode after it; bisview writes nothing to the clone
check_clone()
{
	tl_snapshot "$W/$1" "$W/$1.before"
	for l in $LOGNAMES; do
		before_fetch "$1" "$2" "$3" "$l"
	done
	bv_ok --scan -C "$W/$1" "$LOGS"
	cmp -s "$W/$3.scan" "$SCRATCH/out" ||
		fail "$1: --scan differs from the full clone's: $(diff "$W/$3.scan" "$SCRATCH/out" | head -6)"
	bv_ok --scan --json -C "$W/$1" "$LOGS"
	# the scan reads the tree too (doc/json.md §8): the partial clone's
	# lines are the full clone's but for the not-seen (info) signal
	jq -c 'del(.signals[]? | select(.code == "not-seen"))' "$SCRATCH/out" >"$W/$1.scan.json.seen"
	jq -c . "$W/$3.scan.json" >"$W/$3.scan.json.c"
	cmp -s "$W/$3.scan.json.c" "$W/$1.scan.json.seen" ||
		fail "$1: --scan --json differs from the full clone's: $(diff "$W/$3.scan.json.c" "$W/$1.scan.json.seen" | head -6)"
	jq -e -s 'map(.signals[]? | select(.code == "not-seen" and .strength == "info")) | length > 0' \
		"$SCRATCH/out" >/dev/null ||
		fail "$1: --scan --json says nothing of the objects the partial clone lacks"
	tl_snapshot "$W/$1" "$W/$1.after"
	tl_unchanged "$1" "$W/$1" "$W/$1.before" "$W/$1.after"

	sort -u "$W/$1.fetch" >"$W/$1.fetch.sorted"
	while read -r cmd; do
		sh -c "$cmd" </dev/null >"$W/$1.fetch.out" 2>&1 ||
			fail "$1: the printed command failed: $cmd: $(head -c 500 "$W/$1.fetch.out")"
	done <"$W/$1.fetch.sorted"

	tl_snapshot "$W/$1" "$W/$1.before2"
	for l in $LOGNAMES; do
		after_fetch "$1" "$2" "$3" "$l"
	done
	tl_snapshot "$W/$1" "$W/$1.after2"
	tl_unchanged "$1 (fetched)" "$W/$1" "$W/$1.before2" "$W/$1.after2"
}

sec_blobless() { check_clone blobless blob:none full; }
sec_treeless() { check_clone treeless tree:0 full; }
sec_blobless_checkout() { check_clone blobless-checkout blob:none full-checkout; }
sec_treeless_checkout() { check_clone treeless-checkout tree:0 full-checkout; }

# A bare blobless clone: git and libgit2 take a bare repository's
# .mailmap from HEAD:.mailmap, a blob the clone lacks. Without it the
# authors come out unmapped; --summary must say so and give the command,
# and after it the authors are the full bare clone's.
sec_bare_mailmap()
{
	git -C "$R" cat-file -e HEAD:.mailmap 2>/dev/null || skip "the generated repository has no .mailmap"
	git clone -q --bare "file://$R" "$W/full-bare"
	git clone -q --bare --filter=blob:none "file://$R" "$W/bare" 2>"$W/bare.err" ||
		skip "git cannot make a bare blobless clone: $(head -c 300 "$W/bare.err")"
	_l=$LOGS/$(echo "$LOGNAMES" | cut -d' ' -f1).log
	tl_json "$W/full-bare.json" "$_l" -C "$W/full-bare"
	bv_ok --summary -C "$W/bare" "$_l"
	_cmd=$(sed -n 's/^Mailmap: .*(\(git -C .* cat-file blob HEAD:.mailmap >\/dev\/null\))$/\1/p' "$SCRATCH/out")
	[ -n "$_cmd" ] || fail "bare: --summary does not say HEAD:.mailmap is missing: $(grep -E '^(Partial|Mailmap):' "$SCRATCH/out")"
	sh -c "$_cmd" </dev/null >"$W/bare.fetch.out" 2>&1 || fail "bare: the printed command failed: $_cmd"
	bv_ok --summary -C "$W/bare" "$_l"
	! grep -q '^Mailmap:' "$SCRATCH/out" || fail "bare: a Mailmap: line after the fetch"
	tl_json "$W/bare.json" "$_l" -C "$W/bare"
	jq -c '[.steps[].tree.author]' "$W/full-bare.json" >"$W/a"
	jq -c '[.steps[].tree.author]' "$W/bare.json" >"$W/b"
	cmp -s "$W/a" "$W/b" || fail "bare: after the fetch, the authors differ from the full bare clone's"
}

tl_section bare-mailmap sec_bare_mailmap
tl_section blobless sec_blobless
tl_section treeless sec_treeless
tl_section blobless-checkout sec_blobless_checkout
tl_section treeless-checkout sec_treeless_checkout
tl_finish
