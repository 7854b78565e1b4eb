#!/bin/sh
# How well bisview's trust assessment tells wrong bisections from right ones.
#
#   bench/assess-corpus.sh [SCAN.jsonl]
#
# Runs `$BISVIEW --scan --json --no-tree $CORPUS/logs` once (BISVIEW defaults
# to src/bisview, so run it from the build directory), or reads SCAN.jsonl,
# precomputed lines of that output (to test this script by hand-made input).
# Each line is joined by file name with $CORPUS/labels.tsv (CORPUS defaults to
# ../shared/corpus beside the source tree). Evaluated are the conclusive
# labelled logs: syzbot_result and true_culprit set, no inconclusive
# candidates; "wrong" means syzbot_result != true_culprit.
#
# Prints a fixed-width report for a README, with the issue's targets beside the
# figures. They are given twice: for all evaluated logs, and for those with a
# verdict (plausible or suspicious), so that a cautious "unknown" shows up as
# lower coverage rather than as a miss.
# Not part of `make check`: it measures, it does not pass or fail.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
BISVIEW=${BISVIEW:-src/bisview}
CORPUS=${CORPUS:-$(cd "$here/.." && pwd)/shared/corpus}
SCAN=${1-}

# the issue's targets, in percent so that awk compares integers exactly
PREC_TARGET=93 RECALL_TARGET=85 STEP_TARGET=60

if [ ! -f "$CORPUS/labels.tsv" ] || { [ -z "$SCAN" ] && [ ! -d "$CORPUS/logs" ]; }; then
	echo "assess-corpus: skipped: no corpus at $CORPUS (logs/ or labels.tsv missing)"
	exit 0
fi
if [ -n "$SCAN" ] && [ ! -r "$SCAN" ]; then
	echo "assess-corpus: cannot read $SCAN" >&2
	exit 2
fi
for tool in jq awk sort; do
	command -v "$tool" >/dev/null 2>&1 || { echo "assess-corpus: needs $tool" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/assess-corpus.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
tab=$(printf '\t')

if [ -z "$SCAN" ]; then
	if [ ! -x "$BISVIEW" ]; then
		echo "assess-corpus: no bisview at $BISVIEW (run from the build directory, or set BISVIEW)" >&2
		exit 2
	fi
	# no pipeline: plain sh has no pipefail, and a failed scan must not be
	# measured as an empty (or partial) one
	if ! "$BISVIEW" --scan --json --no-tree "$CORPUS/logs" >"$tmp/scan.jsonl" 2>"$tmp/scan.err"; then
		echo "assess-corpus: $BISVIEW --scan --json --no-tree $CORPUS/logs failed:" >&2
		head -5 "$tmp/scan.err" >&2
		exit 2
	fi
	SCAN=$tmp/scan.jsonl
	source="$BISVIEW --scan --json --no-tree $CORPUS/logs"
else
	source=$SCAN
fi

# One TSV row per log: name, verdict, p_wrong (the model's probability the
# verdict is read from: doc/model.md; the old "score" is deprecated), first
# suspicious commit (the model's blamed step), signals
# as code/strength pairs, and whether syzbot itself doubted the result (flaky
# or no-op: the baseline of the issue). A line without an assessment counts
# as "unknown", p_wrong 0, no signals, like the placeholders.
jq -r '[ (.path | split("/") | last),
	(.assessment.verdict // "unknown"),
	(.assessment.p_wrong // 0 | tostring),
	(.assessment.first_suspicious_commit // ""),
	([ .signals[]? | "\(.code)/\(.strength)" | gsub("[\t, ]"; "_") ] | unique | join(",")),
	((.flaky == true) or (.result.noop? == true) | tostring)
	] | @tsv' "$SCAN" >"$tmp/scan.tsv"
lines=$(awk 'END { print NR }' "$tmp/scan.tsv")

# Join with the labels (columns found by their header name). Out: wrong(0/1),
# score, verdict, first suspicious commit, wrong_commit, signals, name, flag.
awk -F "$tab" -v OFS="$tab" -v missing="$tmp/missing" '
FNR == NR && FNR == 1 {
	for (i = 1; i <= NF; i++) col[$i] = i
	split("log syzbot_result true_culprit inconclusive_candidates wrong_commit", need, " ")
	for (i in need) if (!(need[i] in col)) { print "labels.tsv: no column " need[i] > "/dev/stderr"; exit 2 }
	next
}
FNR == NR {
	if ($col["syzbot_result"] != "" && $col["true_culprit"] != "" && $col["inconclusive_candidates"] == "") {
		name = $col["log"]
		ev[name] = 1
		wrong[name] = tolower($col["syzbot_result"]) != tolower($col["true_culprit"])
		wc[name] = tolower($col["wrong_commit"])
	}
	next
}
($1 in ev) && !($1 in done) {   # a log listed twice counts once
	done[$1] = 1
	# the score in fixed point: POSIX `sort -n` does not read 1e-05, jq may print it
	printf "%d\t%.15f\t%s\t%s\t%s\t%s\t%s\t%s\n", wrong[$1], $3, $2, tolower($4), wc[$1], $5, $1, $6
}
END { n = 0; for (k in ev) if (!(k in done)) n++; print n > missing }
' "$CORPUS/labels.tsv" "$tmp/scan.tsv" >"$tmp/eval.tsv"
# best scores first: one pass then sweeps the thresholds from high to low
sort -t "$tab" -k2,2nr "$tmp/eval.tsv" >"$tmp/sorted.tsv"

awk -F "$tab" -v pt="$PREC_TARGET" -v rt="$RECALL_TARGET" -v st="$STEP_TARGET" \
	-v source="$source" -v labels="$CORPUS/labels.tsv" -v lines="$lines" \
	-v missing="$(cat "$tmp/missing")" '
# set 1: all evaluated logs; set 2: those with a verdict (not "unknown")
function add(s) {
	n[s]++; nw[s] += w
	if (v == "suspicious") { if (w) tp[s]++; else fp[s]++ }
	# tied scores form one group, so that a threshold never splits a tie
	if (ng[s] == 0 || $2 + 0 != gs[s, ng[s]] + 0) gs[s, ++ng[s]] = $2
	if (w) gw[s, ng[s]]++; else gr[s, ng[s]]++
	if (w && $5 != "") { stepn[s]++; if ($4 == $5) stepok[s]++ }
}
function ratio(a, b) { return b ? sprintf("%.3f", a / b) : "n/a" }
function pct(a, b) { return b ? sprintf("%d/%d (%.1f%%)", a, b, 100 * a / b) : "n/a" }
# sweep "wrong when score >= t" from the highest t down; Mann-Whitney U counts,
# for each wrong log, the right ones scored strictly lower plus half the ties
function curve(s,   i, a, b, c, d, u, above, p) {
	a = b = u = above = 0; bp[s] = -1; btp[s] = 0; rtp[s] = 0
	nr[s] = n[s] - nw[s]
	for (i = 1; i <= ng[s]; i++) {
		d = gw[s, i] + 0; c = gr[s, i] + 0
		u += d * (nr[s] - above - c) + 0.5 * d * c
		above += c; a += d; b += c
		if (a * 100 >= rt * nw[s] && a > 0) {
			p = a / (a + b)
			if (p > bp[s] || (p == bp[s] && a > btp[s])) { bp[s] = p; btp[s] = a; bt[s] = gs[s, i] }
		}
		if (a * 100 >= pt * (a + b) && a > rtp[s]) { rtp[s] = a; rtt[s] = gs[s, i] }
	}
	auc[s] = nw[s] && nr[s] ? sprintf("%.3f", u / (nw[s] * nr[s])) : "n/a"
	best[s] = bp[s] < 0 ? "none" : sprintf("%.3f (>= %g)", bp[s], bt[s])
	rec[s] = rtp[s] ? sprintf("%.3f (>= %g)", rtp[s] / nw[s], rtt[s] + 0) : "none"
}
function row(label, a, b, target) {
	printf "%-36s %20s %20s%s\n", label, a, b, (target == "" ? "" : "   " target)
}
{
	w = $1 + 0; v = $3
	if ($8 == "true") { fl_p++; fl_tp += w }
	add(1)
	if (v == "plausible" || v == "suspicious") add(2)
	else if (v != "unknown") other++
	split($6, sig, ",")
	split("", seen)
	for (i in sig) {
		if (sig[i] == "") continue
		k = index(sig[i], "/"); code = substr(sig[i], 1, k - 1)
		strength[code, substr(sig[i], k + 1)] = 1
		if (code in seen) continue
		seen[code] = 1; sc[code]++; sw[code] += w
	}
}
END {
	for (s = 1; s <= 2; s++) { curve(s); fn[s] = nw[s] - tp[s] }
	print "bisview trust assessment against the corpus labels"
	printf "scan:   %s (%d lines)\n", source, lines
	printf "labels: %s\n", labels
	if (missing) printf "note:   %d conclusive labelled logs are not in the scan and are left out\n", missing
	if (other) printf "note:   %d evaluated logs have a verdict other than plausible/suspicious/unknown\n", other
	print ""
	row("", "all evaluated", "with a verdict", "target (issue)")
	row("logs", n[1] + 0, n[2] + 0, "")
	row("  wrong / right", (nw[1] + 0) " / " nr[1], (nw[2] + 0) " / " nr[2], "")
	row("  coverage (plausible|suspicious)", "", pct(n[2], n[1]), "")
	print "verdict \"suspicious\" as \"wrong\""
	row("  TP / FP / FN", (tp[1] + 0) " / " (fp[1] + 0) " / " fn[1], (tp[2] + 0) " / " (fp[2] + 0) " / " fn[2], "")
	row("  precision", ratio(tp[1], tp[1] + fp[1]), ratio(tp[2], tp[2] + fp[2]), sprintf(">= %.2f", pt / 100))
	row("  recall", ratio(tp[1], nw[1]), ratio(tp[2], nw[2]), sprintf(">= %.2f", rt / 100))
	for (s = 1; s <= 2; s++)
		met[s] = n[s] ? (tp[s] * 100 >= pt * (tp[s] + fp[s]) && tp[s] * 100 >= rt * nw[s] && tp[s] ? "yes" : "no") : "n/a"
	row("  target met", met[1], met[2], "")
	print "p_wrong (\"wrong\" when p_wrong >= threshold)"
	row("  ROC AUC (ties count half)", auc[1], auc[2], "")
	row(sprintf("  best precision at recall >= %.2f", rt / 100), best[1], best[2], sprintf(">= %.2f", pt / 100))
	row(sprintf("  recall at precision >= %.2f", pt / 100), rec[1], rec[2], sprintf(">= %.2f", rt / 100))
	print "first suspicious commit == wrong_commit"
	row("  (wrong logs with a wrong_commit)", pct(stepok[1] + 0, stepn[1]), pct(stepok[2] + 0, stepn[2]), ">= " st "%")
	# the baseline from the issue, measured on the same logs
	printf "syzbot flags (flaky or no-op): precision %s, recall %s here; issue: 0.90 at 0.26\n",
		ratio(fl_tp + 0, fl_p), ratio(fl_tp + 0, nw[1])
	print ""
	# signal codes by count (then name), insertion sort: there are few codes
	m = 0
	for (c in sc) {
		for (j = ++m; j > 1 && (sc[ord[j - 1]] < sc[c] || (sc[ord[j - 1]] == sc[c] && ord[j - 1] > c)); j--)
			ord[j] = ord[j - 1]
		ord[j] = c
	}
	printf "%-32s %-13s %6s %6s %10s %7s\n", "signal (all evaluated logs)", "strength", "logs", "wrong", "precision", "recall"
	if (m == 0) print "  (no signals)"
	for (j = 1; j <= m; j++) {
		c = ord[j]; st_ = ""
		split("strong weak info", lv, " ")
		for (i = 1; i <= 3; i++) if ((c, lv[i]) in strength) st_ = st_ (st_ == "" ? "" : "/") lv[i]
		printf "%-32s %-13s %6d %6d %10s %7s\n", c, st_, sc[c], sw[c], ratio(sw[c], sc[c]), ratio(sw[c], nw[1])
	}
}
' "$tmp/sorted.tsv"
