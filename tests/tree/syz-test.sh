#!/bin/sh
# --syz-test (doc/design.md §13): the `#syz test` mail body whose patch
# reverts the culprit on the start commit. With real git in scratch
# clones: the patch applies (`git apply --check`) on the start commit and
# leaves the same tree as `git revert` of the culprit there; a revert
# that conflicts on the start commit prints no patch and names the file;
# a merge culprit is refused with its parents; a hostile subject reaches
# the output without its escape sequences while a hostile file's bytes
# stay in the patch (it is not a terminal); the repository is untouched;
# the tree comes from `set syz-test-repo` in the user's config.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot
git config --global user.name 'T Tester'
git config --global user.email tester@example.org
UPSTREAM=git://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git
export XDG_CONFIG_HOME="$SCRATCH/xdg"

tl_setup
tl_logs

# mail_patch MAIL OUT: the patch part of a mail body (after "#syz test"
# and the blank line)
mail_patch()
{
	sed 1,2d "$1" >"$2"
}

# applies_like_git_revert WHAT MAIL REPO CULPRIT START: the patch applies
# on START in a scratch clone and gives git's own revert of CULPRIT there
applies_like_git_revert()
{
	_c=$W/$1.clone _g=$W/$1.git-revert
	rm -rf "$_c" "$_g"
	git clone -q "$3" "$_c" && git -C "$_c" checkout -q --detach "$5"
	git clone -q "$3" "$_g" && git -C "$_g" checkout -q --detach "$5"
	git -C "$_g" revert --no-edit "$4" >/dev/null || fail "$1: git revert failed"
	mail_patch "$2" "$W/$1.patch"
	git -C "$_c" apply --check "$W/$1.patch" || fail "$1: git apply --check refuses the patch"
	git -C "$_c" apply --index "$W/$1.patch" || fail "$1: git apply failed"
	[ "$(git -C "$_c" write-tree)" = "$(git -C "$_g" rev-parse 'HEAD^{tree}')" ] ||
		fail "$1: the patched tree is not git's revert of $4 on $5"
}

# the mail's shape: the command on the first line, a blank line, the patch
clean()
{
	tl_snapshot "$R" "$W/clean.before"
	bv_ok --syz-test -C "$R" "$LOGS/syzbot.log"
	cp "$SCRATCH/out" "$W/clean.mail"
	tl_snapshot "$R" "$W/clean.after"
	tl_unchanged "--syz-test" "$R" "$W/clean.before" "$W/clean.after"
	assert_eq "the command line" "#syz test: $UPSTREAM $BAD" "$(sed -n 1p "$W/clean.mail")"
	assert_eq "a blank line after the command" "" "$(sed -n 2p "$W/clean.mail")"
	grep -q '^From 0\{40\} Mon Sep 17 00:00:00 2001$' "$W/clean.mail" ||
		fail "no format-patch From line"
	grep -qx 'Subject: \[PATCH\] Revert "mm: special rename"' "$W/clean.mail" ||
		fail "no Revert subject: $(grep Subject "$W/clean.mail")"
	grep -qx "This reverts commit $CULPRIT." "$W/clean.mail" || fail "no 'This reverts commit'"
	grep -qx -- '---' "$W/clean.mail" || fail "no --- before the diffstat"
	grep -q '^ [0-9]* files\{0,1\} changed' "$W/clean.mail" || fail "no diffstat summary"
	grep -qx -- '-- ' "$W/clean.mail" || fail "no signature separator"
	# nothing but the command before the patch: syzbot reads the body
	assert_eq "one #syz command" 1 "$(grep -c '^#syz' "$W/clean.mail")"
	applies_like_git_revert clean "$W/clean.mail" "$R" "$CULPRIT" "$BAD"
	# the same from $BISVIEW_TREE, and the user's tree from the config
	mkdir -p "$XDG_CONFIG_HOME/bisview"
	echo 'set syz-test-repo = https://example.org/linux.git' >"$XDG_CONFIG_HOME/bisview/config"
	(cd "$PLAIN" && BISVIEW_TREE=$R bv_ok --syz-test "$LOGS/syzbot.log")
	assert_eq "set syz-test-repo" "#syz test: https://example.org/linux.git $BAD" "$(sed -n 1p "$SCRATCH/out")"
	printf 'set syz-test-repo = a\033]52;c;eA==\007b\n' >"$XDG_CONFIG_HOME/bisview/config"
	bv --syz-test -C "$R" "$LOGS/syzbot.log"
	assert_eq "a bad config line is skipped" 0 "$rc"
	grep -q 'syz-test-repo is one word' "$SCRATCH/err" || fail "the bad value is not reported"
	assert_eq "the default after a bad line" "#syz test: $UPSTREAM $BAD" "$(sed -n 1p "$SCRATCH/out")"
	rm -f "$XDG_CONFIG_HOME/bisview/config"
}

# A small repository of our own: a.c edited by the culprit, then by later
# commits that leave it alone (clean) or touch the same lines (conflict).
S=$SCRATCH/small
make_small()
{
	git init -q "$S"
	seq 1 40 >"$S/a.c"
	printf 'plain\n' >"$S/b.c"
	git -C "$S" add a.c b.c
	git -C "$S" commit -qm 'init'
	G0=$(git -C "$S" rev-parse HEAD)
	sed -i 's/^5$/five/' "$S/a.c"
	# a hostile file: escape sequences in the content the patch carries
	printf 'x\033]52;c;aGk=\007y\033[2J\n' >"$S/b.c"
	git -C "$S" commit -qam "$(printf 'mm: \033]52;c;aGk=\007evil \033[31mred\033[0m')"
	HOSTILE=$(git -C "$S" rev-parse HEAD)
	sed -i 's/^30$/thirty/' "$S/a.c"
	git -C "$S" commit -qam 'mm: elsewhere'
	START_CLEAN=$(git -C "$S" rev-parse HEAD)
	sed -i 's/^five$/FIVE/' "$S/a.c"
	git -C "$S" commit -qam 'mm: same lines'
	START_CONFLICT=$(git -C "$S" rev-parse HEAD)
	git -C "$S" checkout -q -b side "$G0"
	printf 'side\n' >"$S/c.c"
	git -C "$S" add c.c
	git -C "$S" commit -qm 'side: c.c'
	SIDE=$(git -C "$S" rev-parse HEAD)
	git -C "$S" checkout -q master
	git -C "$S" merge -q --no-ff -m "Merge branch 'side'" side
	MERGE=$(git -C "$S" rev-parse HEAD)
}

# small_log START GOOD CULPRIT >LOG: a syzbot cause bisection that blames
# CULPRIT, tested from START
small_log()
{
	_subj=$(git -C "$S" log -1 --format=%s "$3")
	cat <<EOT
bisecting cause commit starting from $1
building syzkaller on 9f1c6e0d7b2a4c3e8d5f6a7b8c9d0e1f2a3b4c5d
testing commit $1 gcc
kernel signature: aaaa
all runs: crashed: KASAN: use-after-free Read in special_fn
# git bisect start $1 $2
Bisecting: 0 revisions left to test after this (roughly 1 step)
[$3] $_subj

testing commit $3 gcc
kernel signature: bbbb
all runs: crashed: KASAN: use-after-free Read in special_fn
# git bisect bad $3
$3 is the first bad commit
revisions tested: 2, total time: 1h
first bad commit: $3 $_subj
EOT
}

hostile()
{
	small_log "$START_CLEAN" "$G0" "$HOSTILE" >"$W/hostile.log"
	tl_snapshot "$S" "$W/hostile.before"
	bv_ok --syz-test -C "$S" "$W/hostile.log"
	cp "$SCRATCH/out" "$W/hostile.mail"
	tl_snapshot "$S" "$W/hostile.after"
	tl_unchanged "--syz-test" "$S" "$W/hostile.before" "$W/hostile.after"
	sed -n '/^diff --git/q;p' "$W/hostile.mail" >"$W/hostile.head"
	no_controls "the mail's head" "$W/hostile.head"
	grep -q '^Subject: \[PATCH\] Revert "mm: .*evil .*red.*"$' "$W/hostile.head" ||
		fail "the subject is not there sanitised: $(grep Subject "$W/hostile.head")"
	# not a terminal: the patch keeps the file's bytes, or it would not apply
	LC_ALL=C grep -q "$(printf '\033\\[2J')" "$W/hostile.mail" ||
		fail "the hostile file's bytes are not in the patch"
	applies_like_git_revert hostile "$W/hostile.mail" "$S" "$HOSTILE" "$START_CLEAN"
}

conflict()
{
	small_log "$START_CONFLICT" "$G0" "$HOSTILE" >"$W/conflict.log"
	tl_snapshot "$S" "$W/conflict.before"
	bv --syz-test -C "$S" "$W/conflict.log"
	tl_snapshot "$S" "$W/conflict.after"
	tl_unchanged "--syz-test (conflict)" "$S" "$W/conflict.before" "$W/conflict.after"
	assert_eq "exit status without a patch" 3 "$rc"
	[ ! -s "$SCRATCH/out" ] || fail "a conflict printed something: $(head -c 300 "$SCRATCH/out")"
	grep -q 'does not apply on the start commit' "$SCRATCH/err" || fail "no conflict message"
	grep -qx '  a.c' "$SCRATCH/err" || fail "the conflicting file is not named: $(cat "$SCRATCH/err")"
	if grep -qx '  b.c' "$SCRATCH/err"; then fail "b.c does not conflict"; fi
	no_controls "the conflict message" "$SCRATCH/err"
	# git agrees that it conflicts
	rm -rf "$W/conflict.clone"
	git clone -q "$S" "$W/conflict.clone"
	git -C "$W/conflict.clone" checkout -q --detach "$START_CONFLICT"
	if git -C "$W/conflict.clone" revert --no-edit "$HOSTILE" >/dev/null 2>&1; then
		fail "git reverts it cleanly: the test's conflict is no conflict"
	fi
}

merge()
{
	small_log "$MERGE" "$G0" "$MERGE" >"$W/merge.log"
	bv --syz-test -C "$S" "$W/merge.log"
	assert_eq "exit status for a merge culprit" 3 "$rc"
	[ ! -s "$SCRATCH/out" ] || fail "a merge printed something"
	grep -q 'is a merge' "$SCRATCH/err" || fail "no merge message: $(cat "$SCRATCH/err")"
	side=$(printf '%.12s' "$SIDE")
	grep -q "^  $side .*side branch.*side: c.c" "$SCRATCH/err" ||
		fail "the side parent is not offered: $(cat "$SCRATCH/err")"
	grep -q "git bisect start $side $(printf '%.12s' "$(git -C "$S" rev-parse "$MERGE^1")")" "$SCRATCH/err" ||
		fail "no bisection of the side branch offered"
}

no_tree()
{
	bv --syz-test "$LOGS/syzbot.log"   # $SCRATCH is in no repository
	assert_eq "--syz-test without a tree" 2 "$rc"
	assert_eq "one line without a tree" 1 "$(wc -l <"$SCRATCH/err")"
	grep -q 'needs a tree' "$SCRATCH/err" || fail "no 'needs a tree': $(cat "$SCRATCH/err")"
	bv --syz-test --no-tree "$LOGS/syzbot.log"
	assert_eq "--syz-test --no-tree" 2 "$rc"
	bv --syz-test --json -C "$R" "$LOGS/syzbot.log"
	assert_eq "--syz-test --json" 2 "$rc"
}

# The explorer's T (doc/syz-test.md §5): the revert on the git worker, a
# prompt with a default path, Enter writes what --syz-test prints (its
# Date: aside); a conflict is one status line naming the file, and
# nothing is written; without a tree, one line and no prompt.
explorer()
{
	_home=$HOME
	explorer_env
	HOME=$_home   # git's identity for the revert the test compares with
	small_log "$START_CLEAN" "$G0" "$HOSTILE" >"$W/hostile.log"
	tl_snapshot "$S" "$W/explorer.before"
	script syz 'T' ':dump-screen' '<Enter>' ':dump-screen'
	bv_ok -C "$S" --script "$SCRATCH/syz.keys" --size 120x24 "$W/hostile.log"
	mail=bisview-syz-test-$(printf '%.12s' "$HOSTILE").txt
	sed -n 24p "$SCRATCH/out" | grep -q "^Write the #syz test mail: \./$mail *\$" ||
		fail "no prompt with the default path: $(sed -n 24p "$SCRATCH/out")"
	tail -n 1 "$SCRATCH/out" | grep -q "^Wrote \./$mail; mail it to syzbot as a reply" ||
		fail "no status after writing: $(tail -n 1 "$SCRATCH/out")"
	bv_ok --syz-test -C "$S" "$W/hostile.log"
	grep -v '^Date: ' "$SCRATCH/out" >"$W/cli.mail"
	grep -v '^Date: ' "$SCRATCH/$mail" >"$W/ui.mail"
	cmp -s "$W/cli.mail" "$W/ui.mail" || fail "the explorer's mail is not --syz-test's"
	# before git's own clone (hard links: git freshens objects they share)
	tl_snapshot "$S" "$W/explorer.after"
	tl_unchanged "T in the explorer" "$S" "$W/explorer.before" "$W/explorer.after"
	applies_like_git_revert explorer "$SCRATCH/$mail" "$S" "$HOSTILE" "$START_CLEAN"
	rm -f "$SCRATCH/$mail"

	small_log "$START_CONFLICT" "$G0" "$HOSTILE" >"$W/conflict.log"
	script syzc 'T' ':dump-screen' '<Enter>'
	bv_ok -C "$S" --script "$SCRATCH/syzc.keys" --size 200x24 "$W/conflict.log"
	tail -n 1 "$SCRATCH/out" | grep -q 'does not apply on the start commit.*conflicts in:; a\.c *$' ||
		fail "no conflict on the status line: $(tail -n 1 "$SCRATCH/out")"
	! ls "$SCRATCH"/bisview-syz-test-* >/dev/null 2>&1 || fail "a conflict wrote a mail"

	script syzn 'T' ':dump-screen'
	bv_ok --no-tree --script "$SCRATCH/syzn.keys" --size 120x24 "$W/hostile.log"
	tail -n 1 "$SCRATCH/out" | grep -q '^the revert for a #syz test is made from the tree' ||
		fail "no word of the tree: $(tail -n 1 "$SCRATCH/out")"
}

make_small
tl_section explorer explorer
tl_section clean clean
tl_section hostile hostile
tl_section conflict conflict
tl_section merge merge
tl_section no-tree no_tree
tl_finish
