#!/bin/sh
# A synthetic kernel-scale git repository and a syzbot bisection log on it,
# for bench/kernel-scale.sh.
#
#   bench/gen-kernel-repo.sh DIR [COMMITS]
#
# DIR/kernel.git  a bare repository of about COMMITS (default 1,000,000)
#                 commits written with `git fast-import`: about 40 topic
#                 branches in flight at any time, each 1..17 commits long,
#                 forked from the last release tag or from master, merged
#                 into master when done (about 10% merges), a few direct
#                 master commits, 1% of commits back-dated (clock skew),
#                 an annotated tag v1.N every 14,500 commits. Small trees
#                 (16 directories of 16 files), so it builds in minutes on
#                 2 cores. Then `git commit-graph write --reachable`, as
#                 git gc does it by default (generation data v2).
# DIR/bisect.log  a syzbot cause-bisection log for the last release cycle
#                 (about 15,000 commits), written from a real `git bisect
#                 --no-checkout` run in a shared clone: git's own numbers
#                 and choices at every step.
# DIR/steps       "H VERDICT" per bisect step, DIR/facts "BAD GOOD CULPRIT".
# DIR/stamp       written last: the build is complete.
#
# Deterministic (fixed dates, a fixed pseudo-random sequence). Reuses a
# complete build; delete DIR to rebuild.
set -eu

DIR=${1:?usage: gen-kernel-repo.sh DIR [COMMITS]}
N=${2:-1000000}
STAMP="gen-kernel-repo v1 $N"
REPO=$DIR/kernel.git

if [ -f "$DIR/stamp" ] && [ "$(cat "$DIR/stamp")" = "$STAMP" ]; then
	exit 0
fi
export GIT_CONFIG_NOSYSTEM=1 LC_ALL=C LANGUAGE=C
export HOME="$DIR/home"
rm -rf "$DIR"
mkdir -p "$HOME"

say() { printf 'gen-kernel-repo: %s\n' "$*" >&2; }

say "writing $N commits into $REPO (git fast-import)"
t0=$(date +%s)
git init -q --bare "$REPO"
git -C "$REPO" symbolic-ref HEAD refs/heads/master
awk -v N="$N" '
function rnd() { seed = (seed * 16807) % 2147483647; return seed }
function data(s) { printf "data %d\n%s\n", length(s), s }
function content(p, r) { return sprintf("/* %s */\nint version = %d;\n", p, r) }
function header(ref, msg, who, when) {
	total++; cyc++
	printf "commit refs/heads/%s\nmark :%d\n", ref, ++mark
	printf "author %s %d +0000\ncommitter %s %d +0000\n", who, when, who, when
	data(msg)
	return mark
}
function tick() { now += 30 + rnd() % 60; return now }
function who(k) { return sprintf("Dev %d <dev%d@example.org>", k % 2000, k % 2000) }
function master_commit(    p, m) {
	p = sprintf("d%d/f%d.c", rnd() % 16, rnd() % 16)
	m = header("master", sprintf("d: direct change %d", total + 1), who(total), tick())
	printf "from :%d\nM 100644 inline %s\n", mh, p; data(content(p, total))
	mh = m
}
function new_topic(k) {
	tid[k] = ++ntopics
	th[k] = (rnd() % 2) ? lasttag : mh
	tlen[k] = 0; tmax[k] = 1 + rnd() % 17; tfiles[k] = ""
}
function topic_commit(k,    p, d, when, m) {
	d = tid[k] % 16
	p = sprintf("d%d/f%d.c", d, rnd() % 16)
	when = tick(); if (rnd() % 100 == 0) when -= 3 * 86400
	printf "blob\nmark :%d\n", ++mark; data(content(p, total)); b = mark
	m = header("wip", sprintf("d%d: change %d of topic %d\n\nSigned-off-by: %s", d, total + 1,
		tid[k], who(tid[k])), who(tid[k]), when)
	printf "from :%d\nM 100644 :%d %s\n", th[k], b, p
	th[k] = m; tlen[k]++
	if (!((k, p) in tblob)) tfiles[k] = tfiles[k] " " p
	tblob[k, p] = b
}
function merge_topic(k,    n, i, ps, m) {
	m = header("master", sprintf("Merge branch %ctopic-%d%c of git://example.org/d%d", 39,
		tid[k], 39, tid[k] % 16), who(tid[k] + 7), tick())
	printf "from :%d\nmerge :%d\n", mh, th[k]
	n = split(tfiles[k], ps, " ")
	for (i = 1; i <= n; i++) { printf "M 100644 :%d %s\n", tblob[k, ps[i]], ps[i]; delete tblob[k, ps[i]] }
	mh = m
}
BEGIN {
	seed = 20240601; now = 1300000000; P = 40; CYCLE = 14500
	header("master", "Initial import", who(0), tick())
	printf "M 100644 inline .mailmap\n"
	data("Developer Five <dev5@example.org>\nDev Seven <dev7@example.org> <dev7@example.org>\n")
	for (d = 0; d < 16; d++) for (f = 0; f < 16; f++) {
		p = sprintf("d%d/f%d.c", d, f); printf "M 100644 inline %s\n", p; data(content(p, 0)) }
	mh = mark; lasttag = mh
	for (k = 0; k < P; k++) new_topic(k)
	while (total < N) {
		if (rnd() % 100 < 3) master_commit()
		else {
			k = rnd() % P
			topic_commit(k)
			if (tlen[k] >= tmax[k]) { merge_topic(k); new_topic(k) }
		}
		if (cyc >= CYCLE) {
			printf "tag v1.%d\nfrom :%d\ntagger Rel <rel@example.org> %d +0000\n", ++ntags, mh, now
			data(sprintf("Linux 1.%d", ntags))
			lasttag = mh; cyc = 0
		}
	}
	print "done"
}' </dev/null | git -C "$REPO" fast-import --quiet --done ||
	{ say "git fast-import failed"; exit 1; }
git -C "$REPO" update-ref -d refs/heads/wip
say "fast-import took $(($(date +%s) - t0)) s; writing the commit-graph"
git -C "$REPO" commit-graph write --reachable >/dev/null 2>&1
say "repository ready after $(($(date +%s) - t0)) s"

# The log: the last release cycle, culprit a non-merge about 40% down the
# range; a real git bisect in a clone that shares the objects.
last=$(git -C "$REPO" tag --sort=-v:refname | head -n 1)
prev=$(git -C "$REPO" tag --sort=-v:refname | sed -n 2p)
BAD=$(git -C "$REPO" rev-parse "$last^{commit}")
GOOD=$(git -C "$REPO" rev-parse "$prev^{commit}")
size=$(git -C "$REPO" rev-list --count "$BAD" "^$GOOD")
CULPRIT=$(git -C "$REPO" rev-list --no-merges "$BAD" "^$GOOD" | sed -n "$((size * 2 / 5))p")
echo "$BAD $GOOD $CULPRIT" >"$DIR/facts"
CLONE=$DIR/bisect.git
git clone -q --bare --shared "$REPO" "$CLONE"
git -C "$CLONE" bisect start --no-checkout "$BAD" "$GOOD" >"$DIR/out" 2>&1
: >"$DIR/steps"
{
	subject() { git -C "$REPO" log -1 --format=%s "$1"; }
	block() {
		echo "testing commit $1 gcc"
		echo "compiler: gcc (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40"
		echo "kernel signature: $(printf '%s' "$1" | sha256sum | cut -c1-64)"
		if [ "$2" = bad ]; then echo "all runs: crashed: KASAN: use-after-free Read in d3_fn"
		else echo "all runs: OK"; fi
	}
	echo "bisecting cause commit starting from $BAD"
	echo "building syzkaller on 9f1c6e0d7b2a4c3e8d5f6a7b8c9d0e1f2a3b4c5d"
	echo "ensuring issue is reproducible on original commit $BAD"
	echo
	block "$BAD" bad
	echo "testing release $prev"
	block "$GOOD" good
	echo "# git bisect start $BAD $GOOD"
	cat "$DIR/out"
	echo
	while cur=$(git -C "$CLONE" rev-parse BISECT_HEAD) && grep -q '^Bisecting' "$DIR/out"; do
		if git -C "$CLONE" merge-base --is-ancestor "$CULPRIT" "$cur"; then v=bad; else v=good; fi
		echo "$cur $v" >>"$DIR/steps"
		block "$cur" "$v"
		echo "# git bisect $v $cur"
		git -C "$CLONE" bisect "$v" "$cur" >"$DIR/out" 2>&1 || true
		if grep -q 'is the first bad commit' "$DIR/out"; then
			cat "$DIR/out"
			echo
			echo "revisions tested: $(($(wc -l <"$DIR/steps") + 2)), total time: 5h1m2s (build: 3h, test: 2h1m2s)"
			echo "first bad commit: $CULPRIT $(subject "$CULPRIT")"
			echo 'recipients (to): ["maint@example.org"]'
			echo 'recipients (cc): []'
			echo "crash: KASAN: use-after-free Read in d3_fn"
			break
		fi
		cat "$DIR/out"
		echo
	done
} >"$DIR/bisect.log"
grep -q "^first bad commit: $CULPRIT" "$DIR/bisect.log" || { say "the bisection did not find $CULPRIT"; exit 1; }
rm -rf "$CLONE" "$DIR/out"
say "log: $(wc -l <"$DIR/steps") bisect steps over $size commits"
echo "$STAMP" >"$DIR/stamp"
