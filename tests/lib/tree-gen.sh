# The scratch repository of the tree tests (sourced by tests/lib/tree.sh): a
# deterministic, kernel-like history written with `git fast-import`.

# tl_make_repo DIR: ~580 commits in 4 release cycles (v1.1 .. v1.4, after a
# root cycle tagged v1.0): per cycle 6 topic branches of 20 commits merged
# into master (three fork at the last tag, three mid-cycle; topic 3 has
# identical dates, topic 6 clock skew), 14 direct master commits; annotated
# tags v1.N, lightweight tags v1.N-rc1. Authors change time zone; one of
# them is mapped by .mailmap. Cycle 3 holds the special commits:
#   "mm: special rename"    modifies, renames (with an edit), adds, deletes
#   "fs: two-line subject"  a first paragraph of two lines
# and cycle 4 "mm: mixed-case author", whose e-mail matches .mailmap only
# case-insensitively (as git compares it).
# Deterministic: the same hashes on every machine.
tl_make_repo()
{
	git init -q "$1" || fail "git init $1"
	tl_gen_awk >"$SCRATCH/gen.awk"
	LC_ALL=C awk -f "$SCRATCH/gen.awk" </dev/null |
		git -C "$1" fast-import --quiet --done ||
		fail "git fast-import into $1 failed"
	git -C "$1" reset -q --hard master || fail "checkout of $1 failed"
}

# The fast-import stream of tl_make_repo (POSIX awk, bytes: LC_ALL=C).
tl_gen_awk()
{
	cat <<'EOF'
function data(s) { printf "data %d\n%s\n", length(s), s }
function content(path, rev,    l, s) {
	s = ""
	for (l = 1; l <= 20; l++)
		s = s (l == rev % 20 + 1 ? "/* " path " revision " rev " */" : "line " l " of " path) "\n"
	return s
}
function blob(s) { printf "blob\nmark :%d\n", ++mark; data(s); return mark }
function begin_commit(ref, msg, when, who,    a, tz) {
	seq++
	a = who ? who : authors[seq % 5]; tz = tzs[seq % 4]
	printf "commit refs/heads/%s\nmark :%d\n", ref, ++mark
	printf "author %s %d %s\ncommitter %s %d %s\n", a, when, tz, a, when, tz
	data(msg)
	return mark
}
function tick() { now += 3600; return now }
function master_commit(msg, who,    p, c) {
	p = mpaths[seq % 5]
	mrev[p]++
	c = begin_commit("master", msg ? msg : sprintf("%s: change %d", dirname(p), seq + 1), tick(), who)
	printf "from :%d\n", mh
	printf "M 100644 inline %s\n", p; data(content(p, mrev[p]))
	mh = c
}
function dirname(p) { sub(/\/[^\/]*$/, "", p); return p }
function topic_commit(k, c, when,    p, b, m) {
	p = sprintf("net/t%d/f%d.c", k, seq % 4)
	trev[p]++
	b = blob(content(p, trev[p]))
	m = begin_commit(sprintf("topic%d-c%d", k, c), sprintf("net/t%d: change %d", k, seq + 1), when)
	printf "from :%d\n", th[k]
	printf "M 100644 :%d %s\n", b, p
	th[k] = m
	if (!((k, p) in tblob)) tlist[k] = tlist[k] " " p
	tblob[k, p] = b
}
function merge_topic(k, c,    n, i, ps, m) {
	m = begin_commit("master", sprintf("Merge branch 'topic%d-c%d'\n\nPull the t%d work of cycle %d.", k, c, k, c), tick())
	printf "from :%d\nmerge :%d\n", mh, th[k]
	n = split(tlist[k], ps, " ")
	for (i = 1; i <= n; i++)
		printf "M 100644 :%d %s\n", tblob[k, ps[i]], ps[i]
	mh = m
}
function fork_topic(k) {
	th[k] = mh; tlist[k] = ""
	for (key in tblob) { split(key, kk, SUBSEP); if (kk[1] == k) delete tblob[key] }
}
function tag(name, msg) {
	printf "tag %s\nfrom :%d\ntagger Bob Maint <bob@example.org> %d +0000\n", name, mh, now
	data(msg)
}
function special_rename(    s, n, i, l, out) {
	n = split(content("mm/a.c", mrev["mm/a.c"]), l, "\n")
	out = ""
	for (i = 1; i < n; i++) if (i != 2) out = out l[i] "\n"
	out = out "added one\nadded two\nadded three\n"
	mrev["mm/a.c"] += 0
	begin_commit("master", "mm: special rename\n\nRename old_name.c, add added.c, drop gone.c.", tick())
	printf "from :%d\n", mh
	printf "M 100644 inline mm/a.c\n"; data(out)
	printf "R drivers/net/old_name.c drivers/net/new_name.c\n"
	s = content("drivers/net/old_name.c", 0); sub(/line 7 of/, "line seven of", s)
	printf "M 100644 inline drivers/net/new_name.c\n"; data(s)
	printf "M 100644 inline drivers/net/added.c\n"; data("new file\nwith two lines\n")
	printf "D drivers/net/gone.c\n"
	mh = mark
}
BEGIN {
	now = 1600000000
	authors[0] = "Alice Dev <alice@example.org>"
	authors[1] = "Old Nick <nick@old.example>"
	authors[2] = "Bob Maint <bob@example.org>"
	authors[3] = "nick <nick@old.example>"
	authors[4] = "J\303\266rg M\303\274ller <joerg@example.de>"
	tzs[0] = "+0000"; tzs[1] = "+0530"; tzs[2] = "-0700"; tzs[3] = "-0330"
	mpaths[0] = "mm/a.c"; mpaths[1] = "mm/b.c"; mpaths[2] = "kernel/sched.c"
	mpaths[3] = "fs/c.c"; mpaths[4] = "include/x.h"
	begin_commit("master", "Initial import", tick())
	printf "M 100644 inline .mailmap\n"
	data("Nick Proper <nick@proper.example> <nick@old.example>\nBob Maintainer <bob@example.org>\n")
	for (i = 0; i < 5; i++) { printf "M 100644 inline %s\n", mpaths[i]; data(content(mpaths[i], 0)) }
	for (k = 1; k <= 6; k++) for (j = 0; j < 4; j++) {
		p = sprintf("net/t%d/f%d.c", k, j); printf "M 100644 inline %s\n", p; data(content(p, 0)) }
	split("drivers/net/old_name.c drivers/net/gone.c", dp, " ")
	for (i = 1; i <= 2; i++) { printf "M 100644 inline %s\n", dp[i]; data(content(dp[i], 0)) }
	mh = mark
	for (i = 0; i < 20; i++) master_commit()
	tag("v1.0", "Linux 1.0")
	for (c = 1; c <= 4; c++) {
		for (k = 1; k <= 3; k++) fork_topic(k)
		t3 = now
		for (r = 1; r <= 20; r++) {
			for (k = 1; k <= 3; k++) topic_commit(k, c, k == 3 ? t3 : tick())
			if (r % 3 == 0) master_commit()
		}
		merge_topic(1, c); merge_topic(2, c)
		if (c == 3) {
			special_rename()
			master_commit("fs: two-line subject\ncontinued on a second line\n\nBody text.")
		} else if (c == 4) {
			master_commit(); master_commit("mm: mixed-case author", "Nick Old <Nick@Old.Example>")
		} else {
			master_commit(); master_commit()
		}
		printf "reset refs/tags/v1.%d-rc1\nfrom :%d\n", c, mh
		for (k = 4; k <= 6; k++) fork_topic(k)
		for (r = 1; r <= 20; r++) {
			for (k = 4; k <= 6; k++) topic_commit(k, c, k == 6 ? now - 5 * 86400 : tick())
			if (r % 3 == 0) master_commit()
		}
		for (k = 3; k <= 6; k++) merge_topic(k, c)
		tag(sprintf("v1.%d", c), sprintf("Linux 1.%d", c))
	}
	print "done"
}
EOF
}
