#!/bin/sh
# Input and usage errors (doc/design.md §6): a log that cannot be
# read, or is not a log, gives exit status 2, exactly one line on stderr,
# "bisview: FILE: reason", naming the file, and nothing on stdout. Under the
# sanitizer build a crash shows up as another exit status.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

checked=0

# refused NAME [ARG...]: bisview ARG... must refuse the input; the stderr
# line names NAME (the path as given, or the name used for stdin)
refused()
{
	_name=$1
	shift
	bv "$@"
	[ "$rc" -eq 2 ] || fail "bisview $*: exit status $rc, expected 2 (stderr: $(head -c 400 "$SCRATCH/err"))"
	[ ! -s "$SCRATCH/out" ] || fail "bisview $*: wrote to stdout: $(head -c 200 "$SCRATCH/out")"
	# one newline, and nothing after it
	if [ "$(wc -l <"$SCRATCH/err")" -ne 1 ] || [ "$(lines_in "$SCRATCH/err")" -ne 1 ]; then
		fail "bisview $*: expected exactly one line on stderr, got:
$(head -c 600 "$SCRATCH/err")"
	fi
	_line=$(cat "$SCRATCH/err")
	case $_line in
	"bisview: $_name: "?*) ;;
	*) fail "bisview $*: stderr is not 'bisview: $_name: reason': $_line" ;;
	esac
	checked=$((checked + 1))
}

# bad_file PATH: refused in every output mode
bad_file()
{
	refused "$1" --json "$1"
	refused "$1" --summary "$1"
	refused "$1" "$1"
}

bad_file "$SCRATCH/missing.log"

mkdir "$SCRATCH/a-directory"
bad_file "$SCRATCH/a-directory"

: >"$SCRATCH/empty.log"
bad_file "$SCRATCH/empty.log"

head -c 4096 /dev/urandom >"$SCRATCH/random.bin"
bad_file "$SCRATCH/random.bin"

# more lines than any log has, behind a real header: refused, not indexed
{
	echo "bisecting cause commit starting from 1716a175592aff9549a0c07aac8f9cadd03003f5"
	head -c 5000000 /dev/zero | tr '\0' '\n'
} >"$SCRATCH/lines.log"
bad_file "$SCRATCH/lines.log"
grep -q 'more than 4,194,304 lines' "$SCRATCH/err" || fail "too many lines: $(cat "$SCRATCH/err")"
rm -f "$SCRATCH/lines.log"

cat >"$SCRATCH/prose.txt" <<'EOF'
Dear all,

I had a look at the report you sent last week. The machine was busy with
other work, so I could not try the reproducer yet; I will do so tomorrow
and write back with what I find.

Thanks for your patience,
A kernel developer
EOF
bad_file "$SCRATCH/prose.txt"

bad_file /dev/null

# Unreadable. As root (CI) permissions do not stop reads, so chmod 000 is
# only tried for other users; the other causes below work for everyone.
cp "$DATA/cause-deadlock-retract_page_tables.log" "$SCRATCH/no-permission.log"
chmod 000 "$SCRATCH/no-permission.log"
if [ "$(id -u)" -ne 0 ]; then
	bad_file "$SCRATCH/no-permission.log"
else
	note "running as root: the chmod 000 case is skipped (root reads it anyway)"
fi
ln -s loop "$SCRATCH/loop"
bad_file "$SCRATCH/loop"                        # ELOOP
bad_file "$SCRATCH/empty.log/inside.log"        # ENOTDIR
if [ -r /proc/self/mem ]; then
	bad_file /proc/self/mem                 # opens, then read() fails (EIO)
fi

# A FIFO whose writer closes at once: read to its end, no hang.
mkfifo "$SCRATCH/fifo"
for mode in --json --summary; do
	fifo_writer "$SCRATCH/fifo"
	refused "$SCRATCH/fifo" $mode "$SCRATCH/fifo"
	reap "$writer"
done
# ...while the same FIFO with a log written into it reads like the file
bv_ok --json "$DATA/cause-deadlock-retract_page_tables.log"
jq -S 'del(.path)' "$SCRATCH/out" >"$SCRATCH/from-file" 2>/dev/null || : >"$SCRATCH/from-file"
fifo_writer "$SCRATCH/fifo" "$DATA/cause-deadlock-retract_page_tables.log"
bv_ok --json "$SCRATCH/fifo"
reap "$writer"
if command -v jq >/dev/null 2>&1; then
	jq -S 'del(.path)' "$SCRATCH/out" | cmp -s "$SCRATCH/from-file" - ||
		fail "a log read through a FIFO differs from the same log read as a file"
fi

# Standard input: the same refusals, naming it somehow.
for input in "$SCRATCH/empty.log" "$SCRATCH/random.bin" "$SCRATCH/prose.txt" /dev/null; do
	for args in "--json -" "--summary -" "--json" ""; do
		# shellcheck disable=SC2086 # $args is several words, or none
		bv $args <"$input"
		[ "$rc" -eq 2 ] || fail "bisview $args < $input: exit status $rc, expected 2"
		[ ! -s "$SCRATCH/out" ] || fail "bisview $args < $input: wrote to stdout"
		[ "$(wc -l <"$SCRATCH/err")" -eq 1 ] ||
			fail "bisview $args < $input: not one line on stderr: $(cat "$SCRATCH/err")"
		grep -q '^bisview: .*: .' "$SCRATCH/err" ||
			fail "bisview $args < $input: stderr is not 'bisview: NAME: reason': $(cat "$SCRATCH/err")"
		checked=$((checked + 1))
	done
done

# --scan reports what it cannot read on the log's own line, naming it, and
# goes on (0 or 2 as exit status; a crash or a sanitizer report is neither).
for json in "" --json; do
	bv --scan $json "$SCRATCH/missing.log" "$SCRATCH/empty.log" "$SCRATCH/random.bin" \
		"$DATA/cause-deadlock-retract_page_tables.log"
	[ "$rc" -eq 0 ] || [ "$rc" -eq 2 ] ||
		fail "bisview --scan $json with unreadable logs: exit status $rc: $(head -c 600 "$SCRATCH/err")"
	for f in missing.log empty.log random.bin; do
		grep -q "$f" "$SCRATCH/out" || fail "bisview --scan $json does not name $f"
	done
	grep -q 3d7cb67369a0 "$SCRATCH/out" ||
		fail "bisview --scan $json stopped before the readable log"
	checked=$((checked + 1))
done

# Usage errors: exit status 2, nothing on stdout, something on stderr.
LOG=$DATA/cause-deadlock-retract_page_tables.log
usage_error()
{
	bv "$@"
	[ "$rc" -eq 2 ] || fail "bisview $*: exit status $rc, expected 2 for a usage error"
	[ ! -s "$SCRATCH/out" ] || fail "bisview $*: usage error wrote to stdout"
	[ -s "$SCRATCH/err" ] || fail "bisview $*: usage error says nothing on stderr"
	checked=$((checked + 1))
}
usage_error --no-such-option "$LOG"
usage_error -Z "$LOG"
# (two LOGs with no other mode: the triage list, or --scan's table
# without a terminal - tests/ui/triage.sh)
usage_error --json "$LOG" "$LOG"
usage_error --summary "$LOG" "$LOG"
usage_error --scan
usage_error --json --tree

# --help and --version: exit 0, output on stdout, nothing on stderr.
for opt in --help -h --version -V; do
	bv_ok $opt
	[ -s "$SCRATCH/out" ] || fail "bisview $opt printed nothing on stdout"
	grep -q bisview "$SCRATCH/out" || fail "bisview $opt does not name the program"
	checked=$((checked + 1))
done

note "$checked cases refused or answered as they should"
