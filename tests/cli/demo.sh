#!/bin/sh
# The built-in demo (src/demo/demo*.c) checked with the git CLI, for the
# demo itself (through demo_prepare(), as --demo gets it) and for fixtures
# made by the same generator with other options (tests/cli/demo-fixture):
#   - git fsck is clean; the commit, merge and tag counts are the promised
#     ones; "Linux 1.N" commits carry annotated tags; commits share
#     committer dates; .mailmap maps an address the history uses;
#   - every commit hash the log names exists in the repository;
#   - a real `git bisect start --no-checkout`, driven with the log's
#     verdicts, prints exactly the log's lines after every `# git bisect`
#     line ("Bisecting: N ...", "[H] subject", the first-bad-commit block);
#   - the show block's stat is `git show --stat` of the culprit;
#   - every file:line frame of the crash report is a line of an existing
#     file at the culprit, inside the function the frame names;
#   - the same options give the same bytes; bisview reads the log back;
#   - demo_prepare() reuses a complete cache and rebuilds a broken one.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/demo.sh"

# A git that reads no configuration of the user's, speaks English, and
# sizes --stat for 80 columns as it does for syzbot (no terminal).
demo_need_fixture
need_cmd awk sed cmp cp
XDG_CONFIG_HOME=$HOME/.config
XDG_CACHE_HOME=$SCRATCH/xdg-cache
export XDG_CONFIG_HOME XDG_CACHE_HOME
unset COLUMNS 2>/dev/null || true

# build NAME ARG...: a fixture in $SCRATCH/NAME; sets $repo $log $out
build()
{
	_name=$1
	out=$SCRATCH/$1.out
	_dir=$SCRATCH/$1
	shift
	"$FIXTURE" "$@" "$_dir" >"$out" 2>"$SCRATCH/fixture.err" ||
		fail "demo-fixture $* failed: $(cat "$SCRATCH/fixture.err")"
	repo=$(sed -n 's/^repo: //p' "$out")
	log=$(sed -n 's/^log: //p' "$out")
	[ -d "$repo/.git" ] && [ -s "$log" ] || fail "demo-fixture $* made no repository or log"
	note "$_name: $(tr '\n' ' ' <"$out" | sed 's/repo: [^ ]* log: [^ ]* //')"
}

# The culprit and the kind, from the log's own summary.
read_log()
{
	culprit=$(sed -n 's/^first [a-z]* commit: \([0-9a-f]\{40\}\) .*/\1/p' "$log")
	[ -n "$culprit" ] || fail "$log names no first bad/good commit"
	if grep -q '^bisecting fixing commit since ' "$log"; then kind=fix; else kind=cause; fi
}

# check_repo COMMITS RELEASES: the shape of the history
check_repo()
{
	git -C "$repo" fsck --strict --no-progress >"$SCRATCH/fsck" 2>&1 ||
		fail "git fsck failed: $(head -5 "$SCRATCH/fsck")"
	[ ! -s "$SCRATCH/fsck" ] || fail "git fsck is not clean: $(head -5 "$SCRATCH/fsck")"
	assert_eq "commits" "$1" "$(git -C "$repo" rev-list --all --count)"
	_merges=$(git -C "$repo" rev-list --all --merges --count)
	[ $((_merges * 100)) -ge $((5 * $1)) ] && [ $((_merges * 100)) -le $((20 * $1)) ] ||
		fail "$_merges merges in $1 commits: not about 10%"
	_k=0
	while [ "$_k" -le "$2" ]; do
		assert_eq "type of tag v1.$_k" tag "$(git -C "$repo" cat-file -t "v1.$_k")"
		assert_eq "subject of v1.$_k" "Linux 1.$_k" \
			"$(git -C "$repo" log -1 --format=%s "v1.$_k^{commit}")"
		[ "$_k" -eq 0 ] || assert_eq "subject of v1.$_k-rc1" "Linux 1.$_k-rc1" \
			"$(git -C "$repo" log -1 --format=%s "v1.$_k-rc1^{commit}")"
		_k=$((_k + 1))
	done
	[ "$(git -C "$repo" log --format=%ct | sort | uniq -d | wc -l)" -gt 10 ] ||
		fail "hardly any commits share a committer date"
	git -C "$repo" log --format=%ae | grep -q '@oldcorp\.example\.com$' ||
		fail "no commit uses the address .mailmap maps"
	! git -C "$repo" -c mailmap.blob=HEAD:.mailmap log --use-mailmap --format=%aE |
		grep -q '@oldcorp\.example\.com$' || fail ".mailmap does not map the old address"
	git -C "$repo" log --format=%s | grep -q '^mm/khugepaged: ' ||
		fail "no kernel-style subjects"
	for _p in mm/khugepaged.c fs/ext4/inode.c net/ipv4/tcp.c drivers/gpu/drm/drm_gem.c \
		kernel/locking/lockdep.c arch/x86/kvm/x86.c arch/arm64/mm/fault.c \
		include/linux/mm.h Documentation/admin-guide/mm/transhuge.rst \
		tools/testing/selftests/mm/khugepaged.c; do
		[ "$(git -C "$repo" log --oneline -- "$_p" | wc -l)" -ge 2 ] ||
			fail "$_p hardly changes over the history"
	done
}

# Every commit hash in a commit position of the log exists.
check_hashes()
{
	sed '/^crash: /,$d' "$log" | awk '
		/^bisecting (cause commit starting from|fixing commit since) / { print $NF }
		/^testing commit [0-9a-f]+/ { print $3 }
		/^testing current HEAD / { print $4 }
		/^# git bisect start / { print $5; print $6 }
		/^# git bisect (good|bad|skip) / { print $5 }
		/^\[[0-9a-f]+\] / { print substr($1, 2, 40) }
		/^[0-9a-f]+ is the first bad commit$/ { print $1 }
		/^commit [0-9a-f]+$/ { print $2 }
		/^first (bad|good) commit: / { print $4 }
		/^parent commit [0-9a-f]+ wasn.t tested$/ { print $3 }
	' >"$SCRATCH/hashes"
	[ "$(lines_in "$SCRATCH/hashes")" -ge 20 ] || fail "too few hashes in $log"
	while read -r _h; do
		case $_h in
		*[!0-9a-f]*) fail "not a hash: '$_h'" ;;
		esac
		[ "${#_h}" -eq 40 ] || fail "not a full hash: '$_h'"
		git -C "$repo" cat-file -e "$_h^{commit}" 2>/dev/null ||
			fail "$_h (named by the log) is not a commit of the demo repository"
	done <"$SCRATCH/hashes"
}

# Drive a real git bisect with the log's verdicts (demo_replay); git's
# last answer names the culprit.
check_replay()
{
	demo_replay "$repo" "$log"
	grep -q "^$culprit is the first bad commit\$" "$SCRATCH/git.out" ||
		fail "git's last answer does not name $culprit"
	grep -q '^Bisecting: ' "$log" || fail "no Bisecting: lines"
	note "  $_n_cmds git bisect commands: output identical to the log"
}

check_stat()
{
	git -C "$repo" show --stat --format= "$culprit" | sed '/^$/d' >"$SCRATCH/stat.git"
	awk -v c="$culprit" '
		$0 == c " is the first bad commit" { on = 1; next }
		on && /^(culprit signature|parent commit|revisions tested)/ { exit }
		on && (/^ [^ ].* \| +[0-9]+ / || /^ [0-9]+ files? changed/) { print }
	' "$log" >"$SCRATCH/stat.log"
	[ -s "$SCRATCH/stat.log" ] || fail "no stat in the show block"
	cmp -s "$SCRATCH/stat.git" "$SCRATCH/stat.log" ||
		fail "the show block's stat is not git's:
$(diff "$SCRATCH/stat.log" "$SCRATCH/stat.git")"
}

# Each frame "fn+0x../0x.. path:line" or "fn path:line [inline]" of the
# crash report: the file exists at the culprit, the line too, and the
# last definition at or above it is fn's (or, for an inlined piece of a
# function split by the compiler, as do_madvise, the line calls fn: the
# kernel's symbolizer puts it at the caller's line).
check_frames()
{
	sed -n '/^crash: /,$p' "$log" | awk '{
		for (i = 2; i <= NF; i++)
			if ($i ~ /^[A-Za-z0-9_.\/-]+\.[chS]:[0-9]+$/) {
				fn = $(i - 1)
				sub(/\+0x.*/, "", fn)
				sub(/\.part\.[0-9]+$/, "", fn)
				split($i, at, ":")
				print fn, at[1], at[2], ($NF == "[inline]")
			}
	}' | sort -u >"$SCRATCH/frames"
	[ "$(lines_in "$SCRATCH/frames")" -ge 30 ] || fail "too few frames in the crash report"
	while read -r _fn _path _line _inline; do
		git -C "$repo" show "$culprit:$_path" >"$SCRATCH/file" 2>/dev/null ||
			fail "frame $_fn: $_path does not exist at the culprit"
		[ "$_line" -ge 1 ] && [ "$_line" -le "$(lines_in "$SCRATCH/file")" ] ||
			fail "frame $_fn: $_path has no line $_line at the culprit"
		_def=$(awk -v l="$_line" '
			NR > l { exit }
			/^[A-Za-z_]/ && !/:$/ { d = $0 }
			END { print d }' "$SCRATCH/file")
		case $_fn in
		__do_sys_* | __se_sys_* | __x64_sys_*) _want="(${_fn#*_sys_}," ;;
		asm_*) _want="	${_fn#asm_});" ;;
		*) _want="$_fn(" ;;
		esac
		case $_def in
		*"$_want"* | *"($_fn)") continue ;;
		esac
		[ "$_inline" -eq 1 ] &&
			sed -n "${_line}p" "$SCRATCH/file" | grep -q "[^a-z_]$_fn(" ||
			fail "frame $_fn at $_path:$_line is inside '$_def'"
	done <"$SCRATCH/frames"
	# the culprit's own line is in the stack and is the one it added
	_top=$(sed -n '/^crash: /,$p' "$log" |
		sed -n 's/.*retract_page_tables+0x[0-9a-f/x]* mm\/khugepaged.c:\([0-9]*\)$/\1/p' |
		head -1)
	git -C "$repo" show "$culprit:mm/khugepaged.c" | sed -n "${_top}p" |
		grep -q 'vma_start_write(vma);' || fail "the top khugepaged frame is not the culprit's line"
	git -C "$repo" show "$culprit" | grep -q '^+.*vma_start_write(vma);' ||
		fail "the culprit does not add the crashing line"
}

# check_bisview FLAKY: the log parses as what it is
check_bisview()
{
	if ! command -v jq >/dev/null 2>&1; then
		note "  jq is not installed: bisview read-back skipped"
		return 0
	fi
	bv --json "$log"
	[ "$rc" -eq 0 ] || fail "bisview --json $log exited $rc: $(head -c 300 "$SCRATCH/err")"
	jq_assert "$SCRATCH/out" '.format == "syzbot"' "the log is not recognised as syzbot's"
	jq_assert "$SCRATCH/out" ".kind == \"$kind\"" "the log's kind is not $kind"
	jq_assert "$SCRATCH/out" '.result.type == "culprit"' "the log's result is not a culprit"
	jq_assert "$SCRATCH/out" ".result.commit == \"$culprit\"" "the result commit differs"
	jq_assert "$SCRATCH/out" '.unknown_lines == 0' "bisview left lines of the log unclassified"
	jq_assert "$SCRATCH/out" ".flaky == $1" "the log's flaky flag is not $1"
}

check_all()
{
	read_log
	check_repo "$1" "$2"
	check_hashes
	check_replay
	check_stat
	[ "$kind" = fix ] || check_frames
	check_bisview "$3"
}

# The demo itself, where --demo finds it: $XDG_CACHE_HOME/bisview.
"$FIXTURE" --prepare - >"$SCRATCH/prepare.out" 2>"$SCRATCH/fixture.err" ||
	fail "demo_prepare failed: $(cat "$SCRATCH/fixture.err")"
repo=$(sed -n 's/^repo: //p' "$SCRATCH/prepare.out")
log=$(sed -n 's/^log: //p' "$SCRATCH/prepare.out")
assert_eq "demo repository" "$XDG_CACHE_HOME/bisview/demo-1/linux" "$repo"
assert_eq "demo log" "$XDG_CACHE_HOME/bisview/demo-1/bisect.log" "$log"
check_all 3000 7 true
for _what in 'reproducer seems to be flaky' '# git bisect skip ' 'boot failed: ' \
	'crashed: INFO: task hung in collapse_file' 'testing release v1.'; do
	grep -q -e "^$_what" -e ": $_what" "$log" || fail "the demo log lacks '$_what'"
done
grep -q '^run #[0-9]*: crashed: ' "$log" || fail "the demo log has no single-run verdicts"
[ -z "$(git -C "$repo" status --porcelain)" ] || fail "the demo's work tree is not clean"

# A second call reuses it; a broken one is rebuilt, not reused.
touch "$XDG_CACHE_HOME/bisview/demo-1/marker"
"$FIXTURE" --prepare - >/dev/null || fail "demo_prepare failed the second time"
[ -e "$XDG_CACHE_HOME/bisview/demo-1/marker" ] || fail "a complete demo was rebuilt"
mkdir -p "$SCRATCH/cache/demo-1/linux"
"$FIXTURE" --prepare "$SCRATCH/cache" >/dev/null || fail "demo_prepare on a broken cache failed"
[ -s "$SCRATCH/cache/demo-1/bisect.log" ] || fail "a broken demo was not rebuilt"
cmp -s "$log" "$SCRATCH/cache/demo-1/bisect.log" || fail "two demo builds differ"
[ -z "$(find "$SCRATCH/cache" -maxdepth 1 -name '.demo-*')" ] ||
	fail "a temporary build was left behind"

# A fix bisection, and a cause one with the bug after the last release and
# no flaky steps (no release crashes, no skip).
build fix --fix --commits 900 --releases 3 --culprit-release 1 --seed 7
check_all 900 3 true
grep -q '^testing current HEAD ' "$log" || fail "the fix log tests no HEAD"
! grep -q '^crash: ' "$log" || fail "a fix log with a crash report"

build late --no-flaky --no-checkout --commits 700 --releases 2 --culprit-release 3 \
	--culprit-position 0.9 --culprit-first --seed 3
check_all 700 2 false
! grep -q -e '^# git bisect skip ' -e '^run #' "$log" || fail "flaky steps without --flaky"
assert_eq "releases tested" 1 "$(grep -c '^testing release ' "$log")"
# the culprit opens its topic: git never tested its parent, syzbot builds it
_parent=$(git -C "$repo" rev-parse "$culprit^")
grep -q "^parent commit $_parent wasn't tested\$" "$log" || fail "no build of the culprit's parent"
_sig=$(sed -n "/^parent commit $_parent/,/^kernel signature: /s/^kernel signature: //p" "$log")
grep -q "^parent  signature: $_sig\$" "$log" || fail "the parent signature is not the one of its build"

# Deterministic: the same options, the same bytes.
cp "$log" "$SCRATCH/late.log"
rm -rf "$SCRATCH/late"
build late --no-flaky --no-checkout --commits 700 --releases 2 --culprit-release 3 \
	--culprit-position 0.9 --culprit-first --seed 3
cmp -s "$log" "$SCRATCH/late.log" || fail "the same options gave another log"
