#!/bin/sh
# How well the likelihood model's p_wrong (doc/model.md) tells wrong
# bisections from right ones, on the labelled corpus.
#
#   bench/model-corpus.sh
#
# Runs `$BISVIEW --json --no-tree` on each conclusive labelled log of
# $CORPUS (syzbot_result and true_culprit set, no inconclusive candidates;
# "wrong" when they differ). BISVIEW defaults to src/bisview, so run it from
# the build directory; CORPUS defaults to ../shared/corpus beside the source
# tree. The logs are split as bench/fit-model.c splits them (split_of(): a
# hash of the file name, even = fit half), and for the fit half, the
# held-out half and all it prints: the AUC of p_wrong (ties count half),
# the Brier score, a reliability table (5 bins of equal count: mean p_wrong
# against the share wrong), precision and recall of p_wrong >= THRESHOLD
# (0.5, MODEL_SUSPICIOUS_FROM), and how often assessment.blamed_step tested
# the labels' wrong_commit, among the wrong logs that have one (no blamed
# step counts as a miss). The issue's targets are printed beside them; the
# held-out figures are the ones that count.
# Not part of `make check`: it measures, it does not pass or fail.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
BISVIEW=${BISVIEW:-src/bisview}
CORPUS=${CORPUS:-$(cd "$here/.." && pwd)/shared/corpus}
THRESHOLD=${THRESHOLD:-0.5}

if [ ! -f "$CORPUS/labels.tsv" ] || [ ! -d "$CORPUS/logs" ]; then
	echo "model-corpus: skipped: no corpus at $CORPUS (logs/ or labels.tsv missing)"
	exit 0
fi
for tool in jq awk sort xargs; do
	command -v "$tool" >/dev/null 2>&1 || { echo "model-corpus: needs $tool" >&2; exit 2; }
done
if [ ! -x "$BISVIEW" ]; then
	echo "model-corpus: no bisview at $BISVIEW (run from the build directory, or set BISVIEW)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/model-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

# the conclusive labelled logs: name, wrong (0/1), wrong_commit
awk -F "$tab" -v OFS="$tab" '
NR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	split("log syzbot_result true_culprit inconclusive_candidates wrong_commit", need, " ")
	for (i in need) if (!(need[i] in col)) { print "labels.tsv: no column " need[i] > "/dev/stderr"; exit 2 }
	next
}
$col["syzbot_result"] != "" && $col["true_culprit"] != "" && $col["inconclusive_candidates"] == "" &&
!($col["log"] in seen) {
	seen[$col["log"]] = 1
	print $col["log"], tolower($col["syzbot_result"]) != tolower($col["true_culprit"]), tolower($col["wrong_commit"])
}' "$CORPUS/labels.tsv" >"$tmp/labels.tsv"

# one line per log: name, p_wrong, the blamed step's commit (2 at a time:
# the machine has two cores)
cut -f1 "$tmp/labels.tsv" | BISVIEW=$BISVIEW LOGS=$CORPUS/logs xargs -P 2 -n 16 sh -c '
	for name; do
		"$BISVIEW" --json --no-tree "$LOGS/$name" | jq -r --arg n "$name" \
			"[\$n, (.assessment.p_wrong // -1 | tostring),
			  (if .assessment.blamed_step == null then \"\" else
			   (.steps[.assessment.blamed_step].commit // \"\") end)] | @tsv" ||
			echo "model-corpus: $name failed" >&2
	done' sh >"$tmp/model.tsv"

awk -F "$tab" -v t="$THRESHOLD" -v corpus="$CORPUS" -v bisview="$BISVIEW" '
BEGIN { for (i = 32; i < 127; i++) ord[sprintf("%c", i)] = i }
# bench/fit-model.c split_of(): h = (h * 31 + byte) mod 1000003, even = fit
function fit_half(s,   h, i) {
	h = 0
	for (i = 1; i <= length(s); i++) h = (h * 31 + ord[substr(s, i, 1)]) % 1000003
	return h % 2 == 0
}
FNR == NR { wrong[$1] = $2; wc[$1] = $3; next }
# set 1: the fit half, 2: the held-out half, 3: all
function add(s,   m) {
	m = ++n[s]; p[s, m] = $2 + 0; w[s, m] = wrong[$1]
	if (wrong[$1] && wc[$1] != "") { wcn[s]++; if ($3 == wc[$1]) wcok[s]++ }
}
($1 in wrong) && $2 >= 0 { add(fit_half($1) ? 1 : 2); add(3) }
# sort set s by p (insertion sort on an index: a few hundred logs)
function order(s,   i, j, x) {
	for (i = 1; i <= n[s]; i++) {
		x = i
		for (j = i; j > 1 && p[s, ix[s, j - 1]] > p[s, x]; j--) ix[s, j] = ix[s, j - 1]
		ix[s, j] = x
	}
}
function measure(s, label,   i, j, g, nw, nr, u, below, gw, gr, brier, tp, fp, b, lo, hi, sp, sw, gap, over) {
	order(s)
	nw = nr = u = below = brier = tp = fp = 0
	for (i = 1; i <= n[s]; i++) { if (w[s, i]) nw++; else nr++ }
	for (i = 1; i <= n[s]; i = j) {
		gw = gr = 0
		for (j = i; j <= n[s] && p[s, ix[s, j]] == p[s, ix[s, i]]; j++)
			if (w[s, ix[s, j]]) gw++; else gr++
		u += gw * (below + 0.5 * gr); below += gr
	}
	for (i = 1; i <= n[s]; i++) {
		g = ix[s, i]
		brier += (p[s, g] - w[s, g]) ^ 2
		if (p[s, g] >= t) { if (w[s, g]) tp++; else fp++ }
	}
	printf "%s: %d logs, %d wrong / %d right\n", label, n[s], nw, nr
	printf "  AUC of p_wrong          %6.3f   target >= 0.90\n", nw && nr ? u / (nw * nr) : 0
	printf "  Brier score             %6.3f   target <= 0.14\n", n[s] ? brier / n[s] : 0
	printf "  p_wrong >= %.2f: precision %s, recall %s (TP %d, FP %d)\n", t,
		tp + fp ? sprintf("%.3f", tp / (tp + fp)) : "n/a", nw ? sprintf("%.3f", tp / nw) : "n/a", tp, fp
	printf "  blamed step == wrong_commit: %d/%d (%.1f%%)   target >= 70%%\n",
		wcok[s], wcn[s], wcn[s] ? 100 * wcok[s] / wcn[s] : 0
	printf "  reliability (5 bins of equal count)   mean p_wrong   share wrong   gap\n"
	for (b = 0; b < 5; b++) {
		lo = int(b * n[s] / 5) + 1; hi = int((b + 1) * n[s] / 5)
		sp = sw = 0
		for (i = lo; i <= hi; i++) { sp += p[s, ix[s, i]]; sw += w[s, ix[s, i]] }
		if (hi < lo)
			continue
		gap = (sw - sp) / (hi - lo + 1)
		over = (gap > 0.10 || gap < -0.10) ? "  (over 0.10)" : ""
		printf "    bin %d: %3d logs, p %.3f-%.3f     %6.3f        %6.3f     %+.3f%s\n", b + 1,
			hi - lo + 1, p[s, ix[s, lo]], p[s, ix[s, hi]], sp / (hi - lo + 1),
			sw / (hi - lo + 1), gap, over
	}
}
END {
	print "bisview likelihood model (assessment.p_wrong) against the corpus labels"
	printf "logs:   %s --json --no-tree, %s\n\n", bisview, corpus
	measure(1, "fit half"); print ""
	measure(2, "held-out half"); print ""
	measure(3, "all")
}' "$tmp/labels.tsv" "$tmp/model.tsv"
