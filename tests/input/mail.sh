#!/bin/sh
# A mail or an mbox as LOG (doc/design.md §12.1): the shapes syzbot's mail
# and its replies take, written here (headers, quoted-printable, base64,
# multipart with an HTML alternative, a text/plain attachment, "> "
# quoting, encoded-word subjects, an mbox of three), each read to the log
# it holds or to the one-line error that names the link the log is
# behind; the bug id from To: and from Reported-by:; a broken part beside
# a good one; hostile bytes in subject and body never raw on the
# terminal; standard input like a file.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq
need_cmd base64

LOG=$DATA/cause-deadlock-retract_page_tables.log
CULPRIT=3d7cb67369a0
M=$SCRATCH
# links in mail are followed: a cache of the test's own, and nothing that
# is not for 127.0.0.1 leaves (a dead proxy takes it)
export XDG_CACHE_HOME="$SCRATCH/cache"
for _v in http_proxy https_proxy all_proxy HTTPS_PROXY ALL_PROXY; do
	eval "$_v=http://127.0.0.1:9; export $_v"
done
no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export no_proxy NO_PROXY

# headers FROM TO SUBJECT [EXTRA...]: a syzbot message's header block
headers()
{
	printf 'From: %s\nTo: %s\nSubject: %s\n' "$1" "$2" "$3"
	printf 'Date: Wed, 01 Mar 2023 23:10:02 -0800\n'
	printf 'Message-ID: <0000000000001234abcd@google.com>\nMIME-Version: 1.0\n'
	shift 3
	for h in "$@"; do printf '%s\n' "$h"; done
}

# qp: every byte of stdin as quoted-printable "=XX", soft breaks keeping
# lines under 76 columns, the line ends kept (what GMime must undo)
qp()
{
	od -An -v -tx1 | tr -s ' \n' '\n\n' | sed '/^$/d' | awk '
		function out(s) { if (col + length(s) > 72) { printf "=\n"; col = 0 } printf "%s", s; col += length(s) }
		$1 == "0a" { printf "\n"; col = 0; next }
		{ out("=" toupper($1)) }'
}

# is FILE FILTER WANT: one raw value of a --json output
is()
{
	assert_eq "$(basename "$1") $2" "$3" "$(jq_get "$1" "$2")"
}

# culprit_of FILE [ARG...]: the --json result of FILE is the culprit, read
# from a mail; sets $J
culprit_of()
{
	_f=$1
	shift
	bv_ok --json --no-tree "$@" "$_f"
	J=$SCRATCH/$(basename "$_f").json
	mv "$SCRATCH/out" "$J"
	is "$J" '.source.kind' mail
	is "$J" '.result.type' culprit
	case $(jq -r .result.commit "$J") in
	"$CULPRIT"*) ;;
	*) fail "$(basename "$_f"): not the log's culprit: $(jq -r .result.commit "$J")" ;;
	esac
}

# --- the "bisected" mail: links only -----------------------------------
BISECTED_BODY='syzbot has bisected this issue to:

commit 3d7cb67369a0a1b1f2b1d2b7c2c21e5ee3a5d1f4
Author: A Developer <dev@example.org>
Date:   Fri Feb 3 10:00:00 2023 +0000

    x86/mm: try VMA lock-based page fault handling first

bisection log:  http://127.0.0.1:9/x/bisect.txt?x=12d9d1a8580000
start commit:   1716a175592a Merge tag '"'"'x'"'"'
git tree:       upstream
final oops:     http://127.0.0.1:9/x/report.txt?x=11d9d1a8580000
console output: http://127.0.0.1:9/x/log.txt?x=16d9d1a8580000
kernel config:  http://127.0.0.1:9/x/.config?x=a1b2c3
dashboard link: http://127.0.0.1:9/bug?extid=abc123

Reported-by: syzbot+abc123@syzkaller.appspotmail.com
Fixes: 3d7cb67369a0 ("x86/mm: try VMA lock-based page fault handling first")

For information about bisection process see: https://goo.gl/tpsmEJ#bisection'
{
	headers 'syzbot <syzbot+abc123@syzkaller.appspotmail.com>' 'linux-mm@kvack.org' \
		'Re: [syzbot] [mm?] possible deadlock in retract_page_tables' \
		'Content-Type: text/plain; charset="UTF-8"'
	printf '\n%s\n' "$BISECTED_BODY"
} >"$M/bisected.eml"
bv --summary --no-tree "$M/bisected.eml"
[ "$rc" -eq 2 ] || fail "the bisected mail exited $rc, not 2"
[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] || fail "not one line: $(cat "$SCRATCH/err")"
# the link is followed (tests/input/url.sh fetches one); here its port is
# closed, so the one line names the link and why it could not be read
grep -q "bisected.eml: http://127.0.0.1:9/x/bisect.txt?x=12d9d1a8580000: fetch failed: " \
	"$SCRATCH/err" || fail "the error names no link: $(cat "$SCRATCH/err")"
bv --no-tree --summary <"$M/bisected.eml"
[ "$rc" -eq 2 ] && grep -q '(standard input): .*x=12d9d1a8580000' "$SCRATCH/err" ||
	fail "the bisected mail on standard input: $rc $(cat "$SCRATCH/err")"

# --- the log inline, text/plain; the bug id from To: --------------------
{
	headers 'Dev <dev@example.org>' 'syzbot+abc123@syzkaller.appspotmail.com' \
		'Re: [syzbot] possible deadlock in retract_page_tables' \
		'Content-Type: text/plain; charset=us-ascii'
	echo
	cat "$LOG"
} >"$M/inline.eml"
culprit_of "$M/inline.eml"
is "$J" '.source.extid' abc123
is "$J" '.source.subject' 'Re: [syzbot] possible deadlock in retract_page_tables'
is "$J" '.path' "$M/inline.eml"

# standard input: the same but the path; still a mail
bv_ok --json --no-tree <"$M/inline.eml"
jq -S 'del(.path)' "$SCRATCH/out" >"$SCRATCH/stdin.json"
jq -S 'del(.path)' "$J" >"$SCRATCH/file.json"
cmp -s "$SCRATCH/stdin.json" "$SCRATCH/file.json" ||
	fail "standard input differs from the file: $(diff "$SCRATCH/file.json" "$SCRATCH/stdin.json" | head -5)"
is "$SCRATCH/out" '.source.kind' mail
bv_ok --summary --no-tree "$M/inline.eml"
grep -q '^Mail: *Re: \[syzbot\] possible deadlock' "$SCRATCH/out" || fail "--summary names no mail"

# --- quoted-printable, every byte escaped; the bug id from Reported-by --
{
	headers 'Dev <dev@example.org>' 'linux-mm@kvack.org' 'Re: possible deadlock' \
		'Content-Type: text/plain; charset=utf-8' 'Content-Transfer-Encoding: quoted-printable'
	echo
	{ cat "$LOG"; printf '\nReported-by: syzbot+0123456789abcdef0123@syzkaller.appspotmail.com\n'; } | qp
} >"$M/qp.eml"
grep -q 'bisecting' "$M/qp.eml" && fail "the quoted-printable test mail holds plain text"
culprit_of "$M/qp.eml"
is "$J" '.source.extid' 0123456789abcdef0123

# --- base64 in multipart/mixed, beside an HTML alternative ---------------
{
	headers 'syzbot <syzbot@syzkaller.appspotmail.com>' 'Dev <dev@example.org>' \
		'=?UTF-8?B?'"$(printf '[syzbot] caf\303\251 deadlock' | base64 -w0)"'?=' \
		'Content-Type: multipart/mixed; boundary="outer"'
	printf '\nThis is a multi-part message in MIME format.\n--outer\n'
	printf 'Content-Type: multipart/alternative; boundary="alt"\n\n--alt\n'
	printf 'Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: base64\n\n'
	base64 "$LOG"
	printf '\n--alt\nContent-Type: text/html; charset=UTF-8\n\n<html><body>git bisect start v1 v2</body></html>\n'
	printf '\n--alt--\n\n--outer--\n'
} >"$M/base64.eml"
culprit_of "$M/base64.eml"
is "$J" '.source.subject' "$(printf '[syzbot] caf\303\251 deadlock')"
is "$J" '.source.extid' null

# --- the log as a text/plain attachment ----------------------------------
{
	headers 'Dev <dev@example.org>' 'syzbot+abc123@syzkaller.appspotmail.com' 'the log' \
		'Content-Type: multipart/mixed; boundary="b1"'
	printf '\n--b1\nContent-Type: text/plain\n\nThe bisection log is attached.\n'
	printf '\n--b1\nContent-Type: text/plain; name="bisect.txt"\n'
	printf 'Content-Disposition: attachment; filename="bisect.txt"\nContent-Transfer-Encoding: base64\n\n'
	base64 "$LOG"
	printf '\n--b1--\n'
} >"$M/attached.eml"
culprit_of "$M/attached.eml"

# --- a reply quoting the log with "> " under lines of its own -----------
{
	headers 'Dev <dev@example.org>' 'syzbot+abc123@syzkaller.appspotmail.com' 'Re: bisection' \
		'Content-Type: text/plain; charset=UTF-8'
	printf '\nThis bisection looks wrong to me:\nthe title changed at step 5.\n\nOn Wed, 01 Mar 2023, syzbot wrote:\n'
	sed 's/^/> /' "$LOG"
	printf '\nThanks,\nDev\n'
} >"$M/reply.eml"
culprit_of "$M/reply.eml"
is "$J" '.mail_quoted' true

# --- a broken part beside a good one --------------------------------------
{
	headers 'Dev <dev@example.org>' 'x@example.org' 'broken' \
		'Content-Type: multipart/mixed; boundary="b2"'
	printf '\n--b2\nContent-Type: text/plain; charset=x-no-such-charset\nContent-Transfer-Encoding: base64\n\n'
	printf '!!!! not base64 at all \033[31m ####\n%%%%%%%%\n'
	printf '\n--b2\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: x-unknown\n\n'
	cat "$LOG"
	printf '\n--b2\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n@@@@\n'
	printf '\n--b2'
} >"$M/broken.eml"
culprit_of "$M/broken.eml"

# --- an mbox of three: --scan takes each; one named opens ----------------
{
	for f in inline bisected base64; do
		echo "From syzbot@syzkaller.appspotmail.com Wed Mar  1 23:10:02 2023"
		cat "$M/$f.eml"
		echo
	done
} >"$M/thread.mbox"
bv --scan "$M/thread.mbox"
[ "$rc" -eq 0 ] || fail "--scan of the mbox exited $rc: $(cat "$SCRATCH/err")"
[ "$(grep -c "^$M/thread.mbox#[123]	" "$SCRATCH/out")" -eq 3 ] ||
	fail "--scan of the mbox: not three entries: $(cat "$SCRATCH/out")"
grep -q "^$M/thread.mbox#1	syzbot	cause	culprit $CULPRIT" "$SCRATCH/out" || fail "#1 is not the culprit"
# the link-only message is followed (a closed port here): the line names
# the link and why it could not be read
grep -q "^$M/thread.mbox#2	error: http://127.0.0.1:9/x/bisect.txt?x=12d9d1a8580000: fetch failed" "$SCRATCH/out" ||
	fail "#2 does not name the link: $(cat "$SCRATCH/out")"
grep -q '^2 logs:' "$SCRATCH/out" || fail "--scan of the mbox counts wrong: $(tail -1 "$SCRATCH/out")"
bv --scan --json "$M/thread.mbox" "$LOG"
[ "$(jq -r .path "$SCRATCH/out" | tr '\n' ' ')" = "$M/thread.mbox#1 $M/thread.mbox#2 $M/thread.mbox#3 $LOG " ] ||
	fail "--scan --json paths: $(jq -r .path "$SCRATCH/out")"
culprit_of "$M/thread.mbox#3"
is "$J" '.path' "$M/thread.mbox#3"
bv --summary --no-tree "$M/thread.mbox"
[ "$rc" -eq 2 ] && grep -q "3 messages hold a log or a link: name one as $M/thread.mbox#N" "$SCRATCH/err" ||
	fail "an mbox of several logs named whole: $rc $(cat "$SCRATCH/err")"
bv --summary --no-tree "$M/thread.mbox#4"
[ "$rc" -eq 2 ] && grep -q 'no message 4: the mbox holds 3' "$SCRATCH/err" ||
	fail "message 4 of 3: $rc $(cat "$SCRATCH/err")"
bv --summary --no-tree "$LOG#2"
[ "$rc" -eq 2 ] && grep -q 'not a mail or mbox' "$SCRATCH/err" || fail "LOG#2 of a plain log: $(cat "$SCRATCH/err")"
# the explorer opens an mbox file on the triage list (doc/design.md
# §13.1): a row per message, named by number and bug title, the link-only
# one a row saying so, last; Enter on it follows its link (a closed port
# here: the line names the link and why), Enter on the first opens its
# steps, q comes back to the list
explorer_env
script list ":dump-screen $SCRATCH/list.screen" 'G' '<Enter>' ":dump-screen $SCRATCH/link.screen" \
	'g' '<Enter>' ":dump-screen $SCRATCH/steps.screen" 'q' ":dump-screen $SCRATCH/back.screen" 'q'
bv --no-tree --script "$SCRATCH/list.keys" --size 100x30 "$M/thread.mbox"
[ "$rc" -eq 0 ] || fail "the explorer on the mbox exited $rc: $(cat "$SCRATCH/err")"
for want in '\[triage\] 3 bisections' ' #1 possible deadlock in coll' ' #3 possible deadlock in coll' \
	' thread.mbox#2 .*127.0.0.1:9/x/bisect.txt?x=12d9d1a8580000: fetc'; do
	grep -q "$want" "$SCRATCH/list.screen" || fail "the list lacks '$want': $(cat "$SCRATCH/list.screen")"
done
grep -q 'http://127.0.0.1:9/x/bisect.txt?x=[0-9a-f]*: fetch failed' "$SCRATCH/link.screen" ||
	fail "Enter on the link-only message: $(tail -2 "$SCRATCH/link.screen")"
grep -q "$CULPRIT" "$SCRATCH/steps.screen" && grep -q '\[steps\]' "$SCRATCH/steps.screen" ||
	fail "Enter on #1 shows no steps: $(cat "$SCRATCH/steps.screen")"
grep -q '\[triage\]' "$SCRATCH/steps.screen" && fail "the steps screen still shows the list"
grep -q '\[triage\]' "$SCRATCH/back.screen" && grep -q ' #3 possible' "$SCRATCH/back.screen" ||
	fail "q did not come back to the list: $(cat "$SCRATCH/back.screen")"
# on standard input (which cannot be read again) the messages as read, in
# the messages view: Enter on the link-only one, on the first, q
script stdin ":dump-screen $SCRATCH/list.screen" 'j' '<Enter>' ":dump-screen $SCRATCH/link.screen" \
	'k' '<Enter>' ":dump-screen $SCRATCH/steps.screen" 'q' ":dump-screen $SCRATCH/back.screen" 'q'
bv --no-tree --script "$SCRATCH/stdin.keys" --size 100x30 <"$M/thread.mbox"
[ "$rc" -eq 0 ] || fail "the explorer on the mbox on standard input exited $rc: $(cat "$SCRATCH/err")"
for want in '3 messages' '#1 .*log .*Wed, 01 Mar 2023' '#2 .*link .*Re: \[syzbot\] \[mm?\] possible deadlock' \
	"#3 .*log .*caf$(printf '\303\251') deadlock"; do
	grep -q "$want" "$SCRATCH/list.screen" || fail "the list lacks '$want': $(cat "$SCRATCH/list.screen")"
done
grep -q "$CULPRIT" "$SCRATCH/steps.screen" && grep -q '\[steps\]' "$SCRATCH/steps.screen" ||
	fail "Enter on #1 shows no steps: $(cat "$SCRATCH/steps.screen")"
grep -q '\[messages\]' "$SCRATCH/back.screen" && grep -q '#3 .*log' "$SCRATCH/back.screen" ||
	fail "q did not come back to the messages: $(cat "$SCRATCH/back.screen")"

# --- hostile bytes in the subject and the body ---------------------------
{
	headers 'Dev <dev@example.org>' 'syzbot+abc123@syzkaller.appspotmail.com' \
		'=?UTF-8?Q?evil=1B]8;;http://x=07link=1B[2J=C2=9B31m?=' \
		'Content-Type: text/plain; charset=UTF-8'
	echo
	sed 's/^run #3: OK$/run #3: crashed: bad \x1b]52;c;SGVsbG8=\x07 \x1b[31mred\xe2\x80\xae/' "$LOG"
} >"$M/hostile.eml"
grep -q "$(printf '\033')" "$M/hostile.eml" || fail "the hostile mail holds no escape"
for mode in --summary --json --scan; do
	bv --no-tree $mode "$M/hostile.eml"
	[ "$rc" -le 1 ] || fail "$mode on the hostile mail exited $rc: $(cat "$SCRATCH/err")"
	no_controls "$mode of the hostile mail" "$SCRATCH/out"
	no_c1_bidi "$mode of the hostile mail" "$SCRATCH/out"
done
bv --no-tree --summary "$M/hostile.eml"
grep -q '^Mail: *evil' "$SCRATCH/out" || fail "--summary lost the hostile subject"
explorer_env
script screens ':dump-screen' 'l' ':dump-screen' 'q'
bv --no-tree --script "$SCRATCH/screens.keys" --size 100x30 "$M/hostile.eml"
[ "$rc" -eq 0 ] || fail "the explorer on the hostile mail exited $rc: $(cat "$SCRATCH/err")"
no_controls "the explorer's screens of the hostile mail" "$SCRATCH/out"
grep -q "$CULPRIT" "$SCRATCH/out" || fail "the explorer shows no culprit"

# --- hostile structure: too many parts is one line; deep nesting is read
awk 'BEGIN { print "Subject: parts\nContent-Type: multipart/mixed; boundary=\"b\"\n";
	for (i = 0; i < 30000; i++) print "--b\nContent-Type: text/plain\n\nx" i; print "--b--" }' \
	>"$M/parts.eml"
bv --summary --no-tree "$M/parts.eml"
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] && grep -q 'MIME boundary lines' "$SCRATCH/err" ||
	fail "30,000 parts: $rc $(head -c 300 "$SCRATCH/err")"
# deep_mail DEPTH: the log inside DEPTH nested multiparts
deep_mail()
{
	awk -v depth="$1" 'BEGIN { print "Subject: deep\nContent-Type: multipart/mixed; boundary=\"b00000x\"\n";
		for (i = 1; i < depth; i++)
			printf "--b%05dx\nContent-Type: multipart/mixed; boundary=\"b%05dx\"\n\n", i - 1, i;
		printf "--b%05dx\nContent-Type: text/plain\n\n", depth - 1 }'
	cat "$LOG"
}
deep_mail 1000 >"$M/deep.eml"
culprit_of "$M/deep.eml"
# deeper than GMime follows: the part is not found, said in one line
deep_mail 9000 >"$M/deeper.eml"
bv --summary --no-tree "$M/deeper.eml"
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] || fail "9,000 nested parts: $rc $(head -c 300 "$SCRATCH/err")"

# --- not mail: logs stay files ------------------------------------------
bv_ok --json --no-tree "$DATA/mail-wrapped-qp-deadlock.log"
is "$SCRATCH/out" '.source.kind' file
is "$SCRATCH/out" '.mail_quoted' true
bv_ok --json --no-tree "$DATA/crash-report-only-fs_reclaim.txt"
is "$SCRATCH/out" '.source.kind' file
# "Subject:"-shaped lines that do not end in a blank line are no headers
{ printf 'Subject: not a mail\n'; cat "$LOG"; } >"$M/subject-first.log"
bv --json --no-tree "$M/subject-first.log"
[ "$rc" -le 1 ] || fail "a log under a Subject: line exited $rc: $(cat "$SCRATCH/err")"
is "$SCRATCH/out" '.source.kind' file

echo "mail: 9 shapes, an mbox of three, hostile bytes, standard input"
