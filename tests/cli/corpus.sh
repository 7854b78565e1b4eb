#!/bin/sh
# The labelled corpus ($SHARED_DIR/corpus, see its README.md): every log
# loads, with no unclassified line, and the result agrees with labels.tsv:
#   syzbot_result set, inconclusive_candidates empty -> culprit, that commit
#   inconclusive_candidates set -> inconclusive, candidates = those + syzbot_result
# One `--scan --json` run over logs/, joined with the table by file name.
# Skips when the corpus is absent (it is never copied into the repository).
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

CORPUS=$SHARED_DIR/corpus
if [ ! -d "$CORPUS/logs" ] || [ ! -f "$CORPUS/labels.tsv" ]; then
	skip "no corpus at $CORPUS"
fi
need_cmd jq

nfiles=$(find "$CORPUS/logs" -type f ! -name '.*' | wc -l)
[ "$nfiles" -gt 0 ] || fail "$CORPUS/logs holds no file"

bv_ok --scan --json "$CORPUS/logs"
mv "$SCRATCH/out" "$SCRATCH/scan.jsonl"

# name, error, format, result type, commit, sorted candidates, unknown_lines
jq -r '[(.path | sub(".*/"; "")), (.error // "-"), (.format // "-"),
	(.result.type // "-"), (.result.commit // "-"),
	((.result.candidates // []) | sort | unique | join(",") | if . == "" then "-" else . end),
	(.unknown_lines // "-")] | @tsv' \
	"$SCRATCH/scan.jsonl" >"$SCRATCH/scan.tsv" ||
	fail "--scan --json output is not JSON lines"

awk -F'\t' -v nfiles="$nfiles" -v out="$SCRATCH/report" '
function csv_sorted(s,    n, i, j, t, a, r) {   # "b,a,b" -> "a,b"
	n = split(s, a, ",")
	for (i = 2; i <= n; i++)
		for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
	r = ""
	for (i = 1; i <= n; i++)
		if (a[i] != "" && (i == 1 || a[i] != a[i - 1]))
			r = r (r == "" ? "" : ",") a[i]
	return r == "" ? "-" : r
}
function bad(name, why) { print name ": " why > out; nbad++ }
FNR == 1 && NR == 1 {   # labels.tsv header: find the columns by name
	for (i = 1; i <= NF; i++) col[$i] = i
	if (!col["log"] || !col["syzbot_result"] || !col["inconclusive_candidates"]) {
		print "labels.tsv lacks log/syzbot_result/inconclusive_candidates" > out
		exit 2
	}
	next
}
NR == FNR {
	if ($col["log"] == "") next
	nlabels++
	res[$col["log"]] = $col["syzbot_result"]
	inc[$col["log"]] = $col["inconclusive_candidates"]
	next
}
{
	name = $1
	if (name in seen) { bad(name, "printed twice by --scan"); next }
	seen[name] = 1
	nlogs++
	if ($2 != "-") { bad(name, "not read: " $2); next }
	if ($3 == "unknown" || $3 == "-") bad(name, "format " $3)
	if ($7 != "0") bad(name, $7 " unknown lines")
	if (!(name in res)) next
	if (inc[name] != "") {
		want = csv_sorted(inc[name] "," res[name])
		ninc++
		if ($4 != "inconclusive")
			bad(name, "result " $4 " " $5 ", expected inconclusive " want)
		else if ($6 != want)
			bad(name, "candidates " $6 ", expected " want)
	} else if (res[name] != "") {
		nculprit++
		if ($4 != "culprit" || $5 != res[name])
			bad(name, "result " $4 " " $5 ", expected culprit " res[name])
	}
}
END {
	if (nlogs != nfiles) bad("logs/", nfiles " files but --scan printed " nlogs " logs")
	for (name in res)
		if (!(name in seen)) bad(name, "in labels.tsv but not scanned")
	printf "corpus: %d logs, %d labelled, %d culprits checked, %d inconclusive checked, %d mismatches\n",
		nlogs, nlabels, nculprit, ninc, nbad
	exit (nbad > 0)
}' "$CORPUS/labels.tsv" "$SCRATCH/scan.tsv" || {
	sed 's/^/  /' "$SCRATCH/report" | head -50 >&2
	fail "$(wc -l <"$SCRATCH/report") mismatch(es) with $CORPUS/labels.tsv (above, at most 50)"
}
