#!/bin/sh
# The script-mode explorer test of every view (tests/ui/screens.sh: expected
# screens of every view on the seeds and on the demo tree), the triage
# list of the seeds, and the non-interactive modes again, with every bisview run under valgrind's
# memcheck: no error, no byte definitely lost, and talloc's
# report of top-level contexts at exit empty (BISVIEW_TALLOC_REPORT, see
# src/main.c; with a tree, the git worker turns that tracking off and
# valgrind's leak check is the whole answer).
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd valgrind
if is_sanitized; then
	skip "a sanitizer build: valgrind cannot run it (the plain build runs this test)"
fi

VG=$SCRATCH/valgrind
mkdir "$VG"
wrapper=$SCRATCH/bisview-under-valgrind
cat >"$wrapper" <<WRAPPER
#!/bin/sh
BISVIEW_TALLOC_REPORT=$VG/talloc.\$\$
export BISVIEW_TALLOC_REPORT
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \\
	--errors-for-leak-kinds=definite --log-file=$VG/memcheck.\$\$ "$BISVIEW" "\$@"
WRAPPER
chmod +x "$wrapper"

BISVIEW=$wrapper BISVIEW_TEST_TIMEOUT=900 sh "$top_srcdir/tests/ui/screens.sh" >"$SCRATCH/screens.out" 2>&1 ||
	fail "tests/ui/screens.sh under valgrind: $(tail -5 "$SCRATCH/screens.out")"
# the triage list of the seeds: the batch's threads, a round trip to the
# explorer and back, R there, the orders and a filter
explorer_env
script triage ':dump-view' j '<Enter>' R q o o '&suspicious<Enter>' ':dump-view' '&<Enter>' q
BISVIEW=$wrapper bv_ok --no-tree --script "$SCRATCH/triage.keys" "$DATA"
grep -q "^view	triage	" "$SCRATCH/out" || fail "the triage list under valgrind: $(head -3 "$SCRATCH/out")"
# the other modes, once each, on a seed and on the mail-quoted one
for log in "$DATA/cause-flaky-kvm_wait-title-drift.log" "$DATA/mail-wrapped-qp-deadlock.log"; do
	for mode in --summary --json --scan; do
		BISVIEW=$wrapper bv_ok --no-tree $mode "$log"
	done
done

runs=$(find "$VG" -name 'memcheck.*' | wc -l)
[ "$runs" -ge 30 ] || fail "only $runs bisview runs went through valgrind"
for f in "$VG"/memcheck.*; do
	[ ! -s "$f" ] || fail "memcheck found errors or leaks ($f):
$(head -40 "$f")"
done
tracked=0
for f in "$VG"/talloc.*; do
	[ -f "$f" ] || continue
	blocks=$(sed -n 's/^top-level blocks: //p' "$f")
	# 1: the NULL context itself, nothing under it; 0: tracking was off
	case $blocks in
	1) tracked=$((tracked + 1)) ;;
	0) ;;
	*) fail "talloc contexts outlived the program ($f):
$(head -30 "$f")" ;;
	esac
done
[ "$tracked" -ge 15 ] || fail "only $tracked runs reported their talloc contexts"
note "$runs runs under memcheck: 0 errors, 0 bytes definitely lost; $tracked empty talloc reports"
