#!/bin/sh
# URLs (doc/design.md §12.2): syzbot's text links and bug pages against a
# server this test starts on 127.0.0.1 (tests/lib/httpd.py), the cache
# (--offline, --refresh, nothing half-written), and hostile servers: each
# gives exit status 2, one line naming the URL, and an empty cache.
# Nothing leaves 127.0.0.1: a dead proxy takes everything else.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd python3 jq

LOG=$DATA/cause-deadlock-retract_page_tables.log
FIXLOG=$DATA/cause-flaky-kvm_wait-title-drift.log
REPORT=$DATA/crash-report-only-fs_reclaim.txt
export XDG_CACHE_HOME="$SCRATCH/cache" XDG_CONFIG_HOME="$SCRATCH/config"
CACHE=$XDG_CACHE_HOME/bisview
# the proxy variables libcurl reads: anything not for 127.0.0.1 goes to a
# closed port and fails there
for _v in http_proxy https_proxy all_proxy HTTPS_PROXY ALL_PROXY; do
	eval "$_v=http://127.0.0.1:9; export $_v"
done
no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export no_proxy NO_PROXY
# the limits made small, so that the hostile cases end in seconds
BISVIEW_FETCH_TIMEOUT=20 BISVIEW_FETCH_LOW_SPEED_TIME=2 BISVIEW_FETCH_MAX_BYTES=1048576
export BISVIEW_FETCH_TIMEOUT BISVIEW_FETCH_LOW_SPEED_TIME BISVIEW_FETCH_MAX_BYTES

# start_server NAME [--cert C --key K]: $PORT of a new server (its
# requests logged to $SCRATCH/NAME.requests), killed at exit
start_server()
{
	_name=$1
	shift
	python3 "$top_srcdir/tests/lib/httpd.py" --port-file "$SCRATCH/$_name.port" \
		--log "$SCRATCH/$_name.requests" --cause-log "$LOG" \
		--cause-log2 "$DATA/cause-inconclusive-skip-synthetic.log" --fix-log "$FIXLOG" \
		--report "$REPORT" "$@" 2>"$SCRATCH/$_name.stderr" &
	BG_PIDS="$BG_PIDS $!"
	_i=0
	while [ ! -s "$SCRATCH/$_name.port" ]; do
		_i=$((_i + 1))
		[ "$_i" -lt 100 ] || fail "the test server did not start: $(cat "$SCRATCH/$_name.stderr")"
		sleep 0.1
	done
	PORT=$(cat "$SCRATCH/$_name.port")
	: >"$SCRATCH/$_name.requests"
}

start_server plain
BASE=http://127.0.0.1:$PORT
mkdir -p "$XDG_CONFIG_HOME/bisview"
echo "set syzbot-url = $BASE" >"$XDG_CONFIG_HOME/bisview/config"

# no_partial_files: the cache directory holds only whole cache files
no_partial_files()
{
	[ -d "$CACHE" ] || return 0
	_left=$(find "$CACHE" -name '.url-tmp-*' | wc -l)
	[ "$_left" -eq 0 ] || fail "$1: a temporary file was left in the cache: $(ls -a "$CACHE")"
}

# refused URL WHY [page]: exit 2, one line on stderr naming the URL, nothing
# cached for it
refused()
{
	rm -rf "$CACHE"
	bv --json "$1"
	[ "$rc" -eq 2 ] || fail "$1 ($2): exit $rc, not 2: $(head -c 300 "$SCRATCH/err")"
	[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] || fail "$1 ($2): not one line: $(cat "$SCRATCH/err")"
	grep -qF "$1" "$SCRATCH/err" || fail "$1 ($2): the error does not name the URL: $(cat "$SCRATCH/err")"
	[ ! -s "$SCRATCH/out" ] || fail "$1 ($2): wrote to stdout"
	no_partial_files "$2"
	# nothing at all, but for a bug page that came whole (its links failed)
	if [ -d "$CACHE" ] && [ -n "$(ls -A "$CACHE")" ] && [ "${3:-}" != page ]; then
		fail "$1 ($2): the cache holds $(ls -A "$CACHE")"
	fi
	note "$2: $(cat "$SCRATCH/err")"
}

# --- a text link: the same JSON as the file, but for path and source
bv_ok --json "$LOG"
jq -S 'del(.path, .source)' "$SCRATCH/out" >"$SCRATCH/file.json"
URL="$BASE/x/bisect.txt?x=cause1"
bv_ok --json "$URL"
jq -S 'del(.path, .source)' "$SCRATCH/out" >"$SCRATCH/url.json"
cmp -s "$SCRATCH/file.json" "$SCRATCH/url.json" ||
	fail "the URL's JSON differs from the file's: $(diff "$SCRATCH/file.json" "$SCRATCH/url.json" | head -20)"
jq_assert "$SCRATCH/out" '.source.kind == "url"' "source.kind is url"
jq_assert "$SCRATCH/out" ".source.url == \"$URL\"" "source.url is the URL"
jq_assert "$SCRATCH/out" '.source.extid == null' "a text link has no extid"
[ "$(grep -c 'bisect.txt' "$SCRATCH/plain.requests")" -eq 1 ] || fail "the text link was not fetched once"
no_partial_files "a text link"

# --- the cache: a second run and --offline ask no network
: >"$SCRATCH/plain.requests"
bv_ok --json "$URL"
bv_ok --offline --json "$URL"
jq -S 'del(.path, .source)' "$SCRATCH/out" | cmp -s - "$SCRATCH/file.json" || fail "--offline's JSON differs"
[ ! -s "$SCRATCH/plain.requests" ] || fail "a cached URL was fetched again: $(cat "$SCRATCH/plain.requests")"
[ "$(find "$CACHE" -type f | wc -l)" -eq 1 ] || fail "not one cache file: $(ls -a "$CACHE")"
# --refresh fetches again and replaces the file
_before=$(find "$CACHE" -type f)
bv_ok --refresh --json "$URL"
[ "$(grep -c 'bisect.txt' "$SCRATCH/plain.requests")" -eq 1 ] || fail "--refresh did not fetch"
[ "$(find "$CACHE" -type f)" = "$_before" ] || fail "--refresh did not replace the one file"
# an --offline miss is one line saying so, and asks nothing
: >"$SCRATCH/plain.requests"
bv --offline --json "$BASE/x/bisect.txt?x=never"
[ "$rc" -eq 2 ] || fail "--offline miss: exit $rc"
[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] && grep -q "not in the cache" "$SCRATCH/err" ||
	fail "--offline miss: $(cat "$SCRATCH/err")"
[ ! -s "$SCRATCH/plain.requests" ] || fail "--offline asked the network"
bv --offline --refresh "$URL"
[ "$rc" -eq 2 ] || fail "--offline --refresh was accepted"
# a damaged cache file is a miss, never someone else's log
rm -rf "$CACHE"
bv_ok --json "$URL"
_f=$(find "$CACHE" -type f)
printf 'bisview-url-cache 1\nhttp://elsewhere/\nnot the log\n' >"$_f"
bv --offline --json "$URL"
[ "$rc" -eq 2 ] || fail "another URL's cache file was taken for this one"

# --- a bug page: its cause bisection, the extid, the crash report
rm -rf "$CACHE"
: >"$SCRATCH/plain.requests"
bv_ok --json "$BASE/bug?extid=0123456789abcdef0123"
jq -S 'del(.path, .source)' "$SCRATCH/out" | cmp -s - "$SCRATCH/file.json" ||
	fail "the bug page did not give the cause bisection's log"
jq_assert "$SCRATCH/out" ".source.url == \"$BASE/x/bisect.txt?x=cause1\"" "source.url is the log's own"
jq_assert "$SCRATCH/out" '.source.extid == "0123456789abcdef0123"' "source.extid from extid="
! grep -q 'report.txt' "$SCRATCH/plain.requests" ||
	fail "a crash report was fetched for a log that has its own"
# the explorer's R re-reads a URL from the cache, also after --refresh
rm -rf "$CACHE"
: >"$SCRATCH/plain.requests"
explorer_env
script reload R ":dump-screen $SCRATCH/reload.screen"
bv_ok --refresh --no-tree --script "$SCRATCH/reload.keys" "$URL"
grep -q "Reloaded" "$SCRATCH/reload.screen" || fail "R did not reload: $(tail -3 "$SCRATCH/reload.screen")"
[ "$(wc -l <"$SCRATCH/plain.requests")" -eq 1 ] ||
	fail "R fetched the URL again: $(cat "$SCRATCH/plain.requests")"
# a log without a crash report of its own: the bisection's report is
# fetched and the explorer's crash view shows it
bv_ok --json "$BASE/bug?extid=noreport"
grep -qx '/x/report.txt?x=rep1' "$SCRATCH/plain.requests" ||
	fail "the bisection's crash report was not fetched: $(cat "$SCRATCH/plain.requests")"
explorer_env
script crash ':view-crash' ":dump-view $SCRATCH/crash.view"
bv_ok --offline --no-tree --script "$SCRATCH/crash.keys" "$BASE/bug?extid=noreport"
grep -q "possible circular locking dependency detected" "$SCRATCH/crash.view" ||
	fail "the crash view lacks the fetched report: $(head -5 "$SCRATCH/crash.view")"
# /bug?id=: the extid from the page's Reported-by
bv_ok --json "$BASE/bug?id=feedface"
jq_assert "$SCRATCH/out" '.source.extid == "0123456789abcdef0123"' "source.extid from Reported-by"
# --fix: the fix bisection's log (the older /text?tag=Log&x= link)
bv_ok --fix --json "$BASE/bug?extid=0123456789abcdef0123"
jq_assert "$SCRATCH/out" ".source.url == \"$BASE/text?tag=Log&x=fix1\"" "--fix follows the fix link"
bv_ok --json "$FIXLOG"
jq -S 'del(.path, .source)' "$SCRATCH/out" >"$SCRATCH/fixfile.json"
bv_ok --fix --offline --json "$BASE/bug?extid=0123456789abcdef0123"
jq -S 'del(.path, .source)' "$SCRATCH/out" | cmp -s - "$SCRATCH/fixfile.json" ||
	fail "--fix did not give the fix bisection's log"
# --extid ID with no LOG opens the bug page at syzbot-url (stdin a terminal
# only: script(1) gives one)
if [ -x /usr/bin/script ]; then
	/usr/bin/script -qec "\"$BISVIEW\" --offline --json --extid 0123456789abcdef0123 >'$SCRATCH/extid.json' 2>'$SCRATCH/extid.err'" /dev/null >/dev/null </dev/null || true
	jq_assert "$SCRATCH/extid.json" '.source.extid == "0123456789abcdef0123" and .source.kind == "url"' \
		"--extid with no LOG: $(cat "$SCRATCH/extid.err")"
fi
# a page without bisection links: one line
refused "$BASE/bug?extid=nobisect" "no bisection link" page
no_partial_files "bug pages"

# --- a mail that only links to its log (syzbot's "bisected" mail): the
# link is followed, the log read as from the file, the mail's subject and
# bug id kept; the final oops link is fetched beside a log without one
mail_with_links()
{
	printf '%s\n' 'From: syzbot <syzbot+feed0123@syzkaller.appspotmail.com>' \
		'To: linux-mm@kvack.org' 'Subject: Re: [syzbot] possible deadlock' \
		'Message-ID: <0000000000001@google.com>' \
		'Content-Type: text/plain; charset="UTF-8"' '' \
		'syzbot has bisected this issue to:' '' \
		"bisection log:  $1" "final oops:     $2" '' \
		'Reported-by: syzbot+feed0123@syzkaller.appspotmail.com'
}
rm -rf "$CACHE"
: >"$SCRATCH/plain.requests"
mail_with_links "$URL" "$BASE/x/report.txt?x=rep1" >"$SCRATCH/bisected.eml"
bv_ok --json "$SCRATCH/bisected.eml"
jq -S 'del(.path, .source)' "$SCRATCH/out" | cmp -s - "$SCRATCH/file.json" ||
	fail "the linked log's JSON differs from the file's"
jq_assert "$SCRATCH/out" ".source.kind == \"mail\" and .source.url == \"$URL\"" \
	"a followed link: kind mail, url the link"
jq_assert "$SCRATCH/out" '.source.extid == "feed0123" and .source.subject == "Re: [syzbot] possible deadlock"' \
	"a followed link: the mail's extid and subject"
grep -q 'bisect.txt?x=cause1' "$SCRATCH/plain.requests" || fail "the bisection log link was not fetched"
# the log has a crash report of its own: the final oops is not fetched
! grep -q 'report.txt' "$SCRATCH/plain.requests" || fail "a report was fetched for a log that has one"
bv_ok --offline --json "$SCRATCH/bisected.eml"   # from the cache now
# a log without a crash report gets the final oops in the crash view
mail_with_links "$BASE/x/bisect.txt?x=cause2" "$BASE/x/report.txt?x=rep1" >"$SCRATCH/bisected2.eml"
: >"$SCRATCH/plain.requests"
script mailcrash ':view-crash' ":dump-view $SCRATCH/mailcrash.view"
bv_ok --no-tree --script "$SCRATCH/mailcrash.keys" "$SCRATCH/bisected2.eml"
grep -q 'report.txt?x=rep1' "$SCRATCH/plain.requests" || fail "the final oops link was not fetched"
grep -q "possible circular locking dependency detected" "$SCRATCH/mailcrash.view" ||
	fail "the crash view lacks the mail's final oops: $(head -5 "$SCRATCH/mailcrash.view")"
# --offline and a link never fetched: one line naming the link
mail_with_links "$BASE/x/bisect.txt?x=never" "$BASE/x/report.txt?x=rep1" >"$SCRATCH/never.eml"
bv --offline --json "$SCRATCH/never.eml"
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] &&
	grep -qF "never.eml: $BASE/x/bisect.txt?x=never: not in the cache" "$SCRATCH/err" ||
	fail "an --offline link miss: $rc $(cat "$SCRATCH/err")"
no_partial_files "mail links"
# an mbox of two such mails: the triage list follows both links (a row
# each, named by number and bug title), Enter on the second shows its log
{
	echo 'From syzbot@syzkaller.appspotmail.com Wed Mar  1 23:10:02 2023'
	cat "$SCRATCH/bisected.eml"
	echo
	echo 'From syzbot@syzkaller.appspotmail.com Thu Mar  2 23:10:02 2023'
	cat "$SCRATCH/bisected2.eml"
} >"$SCRATCH/two.mbox"
rm -rf "$CACHE"
: >"$SCRATCH/plain.requests"
# (before the run: json's own run writes $SCRATCH/out, which a pipe on
# the run's $SCRATCH/out would race)
title2=$(jq -r .crash_title "$(json "$DATA/cause-inconclusive-skip-synthetic.log")" | cut -c1-30)
script mbox ':dump-screen' 'j' '<Enter>' ':dump-screen'
bv_ok --no-tree --script "$SCRATCH/mbox.keys" --size 100x24 "$SCRATCH/two.mbox"
grep -q ' #1 possible' "$SCRATCH/out" && grep -q ' #2 ' "$SCRATCH/out" &&
	! grep -q 'a mail without the log' "$SCRATCH/out" ||
	fail "the mbox's list: $(head -6 "$SCRATCH/out")"
grep -q 'bisect.txt?x=cause2' "$SCRATCH/plain.requests" || fail "the list did not follow the second link"
tail -n 24 "$SCRATCH/out" | grep -qF "$title2" ||
	fail "the second message's log is not shown: $(tail -n 24 "$SCRATCH/out" | head -3)"

# --- hostile servers
refused "$BASE/huge" "a 10 GiB Content-Length"
refused "$BASE/stream" "an endless body"
_t0=$(date +%s)
refused "$BASE/slow" "an endless slow body"
[ $(($(date +%s) - _t0)) -lt 15 ] || fail "the slow body took more than 15 s to give up"
refused "$BASE/loop" "a redirect loop"
refused "$BASE/tofile" "a redirect to file://"
refused "$BASE/html" "text/html for a log"
refused "$BASE/cut" "a cut connection"
refused "$BASE/status/404" "HTTP 404"
grep -q 404 "$SCRATCH/err" || fail "the 404 is not named: $(cat "$SCRATCH/err")"
refused "$BASE/status/500" "HTTP 500"
refused "http://127.0.0.1:1/x/bisect.txt?x=closed" "a closed port"

# --- TLS: a self-signed certificate fails verification
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext subjectAltName=IP:127.0.0.1 -keyout "$SCRATCH/key.pem" \
		-out "$SCRATCH/cert.pem" >/dev/null 2>&1 || fail "openssl req failed"
	start_server tls --cert "$SCRATCH/cert.pem" --key "$SCRATCH/key.pem"
	refused "https://127.0.0.1:$PORT/x/bisect.txt?x=cause1" "a self-signed certificate"
	grep -qi "certificate\|SSL" "$SCRATCH/err" || fail "the TLS error does not say so: $(cat "$SCRATCH/err")"
else
	note "openssl is not installed: the TLS case is not run"
fi
exit 0
