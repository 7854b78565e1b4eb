#!/bin/sh
# libcurl and GMime are loaded the first time a URL is fetched or a mail
# read, never at start (doc/design.md §12.4): a plain log's run (--json,
# --scan, the explorer) loads neither, which the dynamic loader says under
# LD_DEBUG=files and which a broken libcurl and GMime first in
# LD_LIBRARY_PATH prove (a program linked with them does not start); a
# mail loads GMime and not libcurl, a URL libcurl; a library that cannot
# be loaded is one line naming the mail or URL and why, exit 2.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

LOG=$DATA/cause-deadlock-retract_page_tables.log
export XDG_CACHE_HOME="$SCRATCH/cache" XDG_CONFIG_HOME="$SCRATCH/config"
# the closed port below is asked directly, never through a proxy
for _v in http_proxy https_proxy all_proxy HTTPS_PROXY ALL_PROXY; do
	eval "$_v=http://127.0.0.1:9; export $_v"
done
no_proxy=127.0.0.1 NO_PROXY=127.0.0.1
export no_proxy NO_PROXY
URL=http://127.0.0.1:1/x/bisect.txt

# the files configure chose to load (config.h of the build)
soname()
{
	sed -n "s/^#define $1 \"\\(.*\\)\"\$/\\1/p" "$top_builddir/config.h"
}
CURL_SO=$(soname LIBCURL_SONAME)
GMIME_SO=$(soname GMIME_SONAME)
[ -n "$CURL_SO" ] && [ -n "$GMIME_SO" ] ||
	fail "config.h names no LIBCURL_SONAME or GMIME_SONAME"

{
	printf 'From: Dev <dev@example.org>\nSubject: Re: a log\n'
	printf 'Date: Wed, 01 Mar 2023 23:10:02 -0800\n\n'
	cat "$LOG"
} >"$SCRATCH/log.eml"
mkdir "$SCRATCH/logs"
cp "$LOG" "$DATA/cause-flaky-kvm_wait-title-drift.log" "$SCRATCH/logs/"
explorer_env
script steps ':dump-screen'

# --- a broken libcurl and GMime found first: a log still reads ----------
mkdir "$SCRATCH/broken"
printf 'not a library\n' >"$SCRATCH/broken/$CURL_SO"
printf 'not a library\n' >"$SCRATCH/broken/$GMIME_SO"
lib_path=${LD_LIBRARY_PATH-}
LD_LIBRARY_PATH=$SCRATCH/broken${lib_path:+:$lib_path}
export LD_LIBRARY_PATH
bv_ok --json "$LOG"
bv_ok --scan "$SCRATCH/logs"
bv_ok --no-tree --script "$SCRATCH/steps.keys" --size 80x24 "$LOG"
# ... and what needs them says so in one line, exit 2
bv --json "$URL"
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] &&
	grep -qF "$URL: libcurl could not be loaded: " "$SCRATCH/err" ||
	fail "a URL without libcurl: exit $rc, $(cat "$SCRATCH/err")"
grep -qF "$CURL_SO" "$SCRATCH/err" || fail "the reason names no file: $(cat "$SCRATCH/err")"
bv --json "$SCRATCH/log.eml"
[ "$rc" -eq 2 ] && [ "$(wc -l <"$SCRATCH/err")" -eq 1 ] &&
	grep -qF "log.eml: GMime could not be loaded: " "$SCRATCH/err" ||
	fail "a mail without GMime: exit $rc, $(cat "$SCRATCH/err")"
bv --scan "$SCRATCH/log.eml"
grep -qF "GMime could not be loaded" "$SCRATCH/out" "$SCRATCH/err" ||
	fail "--scan of a mail without GMime: exit $rc, $(cat "$SCRATCH/out" "$SCRATCH/err")"
LD_LIBRARY_PATH=$lib_path

# --- what the loader loads ----------------------------------------------
# loaded ARGS...: bisview ARGS under LD_DEBUG=files; $SCRATCH/loaded, the
# files the dynamic loader loaded, one a line
loaded()
{
	LD_DEBUG=files
	export LD_DEBUG
	bv "$@"
	unset LD_DEBUG
	sed -n 's/.*[[:space:]]file=\([^[:space:]]*\).*/\1/p' "$SCRATCH/err" | sort -u >"$SCRATCH/loaded"
}
has() { grep -qF "$1" "$SCRATCH/loaded"; }

loaded --json "$LOG"
[ "$rc" -eq 0 ] || fail "--json $LOG under LD_DEBUG exited $rc"
has libtalloc || skip "the dynamic loader names nothing under LD_DEBUG=files (not glibc's)"
! has "$CURL_SO" && ! has "$GMIME_SO" || fail "a plain log loaded: $(grep -E 'curl|gmime' "$SCRATCH/loaded")"
loaded --scan "$SCRATCH/logs"
! has "$CURL_SO" && ! has "$GMIME_SO" || fail "--scan of logs loaded: $(grep -E 'curl|gmime' "$SCRATCH/loaded")"
loaded --json "$SCRATCH/log.eml"
[ "$rc" -eq 0 ] || fail "--json of a mail exited $rc"
has "$GMIME_SO" || fail "a mail was read without loading $GMIME_SO"
! has "$CURL_SO" || fail "a mail with its log in it loaded $CURL_SO"
loaded --json "$URL"
[ "$rc" -eq 2 ] || fail "a closed port: exit $rc"
has "$CURL_SO" || fail "a URL was fetched without loading $CURL_SO"
