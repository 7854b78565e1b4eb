#!/bin/sh
# The JSON contract of doc/json.md: every field present,
# with its type, enum values inside their sets, 40-hex hashes, steps[].index
# equal to its position, lines [first, last] inside the file and in order.
#
# Usage: json-contract.sh [-C TREE] [LOG...]; without LOG it checks the
# sample logs in tests/data and `--scan --json tests/data`. Other tests call
# it on the logs they write, and with -C on a git tree they made.
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
need_cmd jq

cat >"$SCRATCH/contract.jq" <<'EOF'
def is_int: type == "number" and . == floor;
def is_count: is_int and . >= 0;
def is_str: type == "string";
def is_hex40: is_str and test("^[0-9a-f]{40}$");
def or_null(f): . == null or f;
def is_lines: type == "array" and length == 2 and all(.[]; is_int)
	and 1 <= .[0] and .[0] <= .[1] and .[1] <= $nlines;
def short: tojson | if length > 160 then .[0:160] + "..." else . end;
# want(NAME; COND): a message unless COND holds for the input
def want($name; f): if f then empty else "\($name) = \(short)" end;
def keys_of($name; $ks):
	. as $o
	| if type != "object" then "\($name) is not an object: \(short)"
	  else $ks[] as $k | select($o | has($k) | not) | "\($name) has no \"\($k)\"" end;

(.steps | if type == "array" then length else 0 end) as $nsteps
| keys_of("top level"; ["format", "kind", "start_commit", "crash_title", "flaky",
	"revisions_tested", "unknown_lines", "result", "steps", "signals", "assessment", "tree"]),
(.format | want("format"; IN("syzbot", "git-bisect-log", "crash-report", "unknown"))),
(.kind | want("kind"; . == null or IN("cause", "fix"))),
(.start_commit | want("start_commit"; or_null(is_hex40))),
(.crash_title | want("crash_title"; or_null(is_str))),
(.flaky | want("flaky"; type == "boolean")),
(.revisions_tested | want("revisions_tested"; or_null(is_count))),
(.unknown_lines | want("unknown_lines"; is_count)),

(.result | keys_of("result"; ["type", "commit", "title", "candidates", "error"])),
(.result | objects | (
	(.type | want("result.type";
		IN("culprit", "inconclusive", "boundary", "error", "incomplete"))),
	(.commit | want("result.commit"; or_null(is_hex40))),
	(.title | want("result.title"; or_null(is_str))),
	(.candidates | want("result.candidates"; type == "array" and all(.[]; is_hex40))),
	(.error | want("result.error"; or_null(is_str))),
	(select(.type == "culprit") | .commit | want("culprit result.commit"; is_hex40)),
	(select(.type == "inconclusive") | .candidates
		| want("inconclusive result.candidates"; length >= 1)))),

(.steps | want("steps"; type == "array")),
(.steps | arrays | to_entries[] | .key as $i | .value | "steps[\($i)]" as $p | (
	keys_of($p; ["index", "phase", "commit", "label", "verdict", "runs", "titles",
		"revisions_left", "lines", "tree"]),
	(objects | (
	(.index | want("\($p).index"; . == $i)),
	(.phase | want("\($p).phase"; IN("original", "config", "release", "head",
		"merge-base", "bisect", "parent-build"))),
	(.commit | want("\($p).commit"; or_null(is_hex40))),
	(.label | want("\($p).label"; or_null(is_str))),
	(.verdict | want("\($p).verdict"; IN("good", "bad", "skip", "none"))),
	(.runs | keys_of("\($p).runs"; ["total", "ok", "crashed", "boot_failed",
		"test_failed", "failed", "infra", "ignored"])),
	(.runs | objects | to_entries[] | .key as $k | .value
		| want("\($p).runs.\($k)"; is_count)),
	(.runs | objects | select(all(.[]; is_count))
		| want("\($p).runs: total is not the sum of the outcomes";
			.total == .ok + .crashed + .boot_failed + .test_failed
				+ .failed + .infra + .ignored)),
	(.titles | want("\($p).titles"; type == "array" and all(.[]; is_str))),
	(.revisions_left | want("\($p).revisions_left"; or_null(is_count))),
	(.lines | want("\($p).lines (file has \($nlines) lines)"; is_lines)),
	(.tree | want("\($p).tree"; . == null or type == "object")),
	(.tree | objects | (
		keys_of("\($p).tree"; ["found", "commit", "subject", "author", "date",
			"candidates"]),
		(.found | want("\($p).tree.found"; type == "boolean")),
		# a commit the tree lacks has no subject, author or date: null
		(select(.found) | (
		(.commit | want("\($p).tree.commit"; is_hex40)),
		(.subject | want("\($p).tree.subject"; is_str)),
		(.author | want("\($p).tree.author"; is_str)),
		(.date | want("\($p).tree.date"; is_str and
			test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}"))))),
		(select(.found | not) | (
		(.commit | want("\($p).tree.commit"; or_null(is_hex40))),
		([.subject, .author, .date] | want("\($p).tree facts of a missing commit";
			all(.[]; . == null))))),
		(.candidates | want("\($p).tree.candidates"; or_null(is_count))))))))),
([.steps[]?.lines[0]?] | want("steps not in log order (their first lines)";
	. as $f | all(range(1; length); $f[. - 1] < $f[.]))),

(.signals | want("signals"; type == "array")),
(.signals | arrays | to_entries[] | .key as $i | .value | "signals[\($i)]" as $p | (
	keys_of($p; ["code", "strength", "step", "message", "lines"]),
	(objects | (
	(.code | want("\($p).code"; is_str and length > 0)),
	(.strength | want("\($p).strength"; IN("strong", "weak", "info"))),
	(.step | want("\($p).step (of \($nsteps) steps)";
		or_null(is_int and . >= 0 and . < $nsteps))),
	(.message | want("\($p).message"; is_str and length > 0)),
	(.lines | want("\($p).lines"; is_lines)))))),

(.assessment | keys_of("assessment"; ["verdict", "score", "first_suspicious_step"])),
(.assessment | objects | (
	(.verdict | want("assessment.verdict"; IN("plausible", "suspicious", "unknown"))),
	(.score | want("assessment.score"; type == "number" and 0 <= . and . <= 1)),
	(.first_suspicious_step | want("assessment.first_suspicious_step (of \($nsteps) steps)";
		or_null(is_int and . >= 0 and . < $nsteps))))),

(.tree | want("tree"; . == null or type == "object")),
(.tree | objects | (
	keys_of("tree"; ["path", "found", "missing", "culprit"]),
	(.path | want("tree.path"; is_str)),
	(.found | want("tree.found"; is_count)),
	(.missing | want("tree.missing"; is_count)),
	(.culprit | want("tree.culprit"; . == null or type == "object")),
	(.fix_search | want("tree.fix_search"; . == null or (type == "object"
		and (.commits | is_count) and (.complete | type == "boolean")))),
	(.culprit | objects | (
		keys_of("tree.culprit"; ["commit", "merge", "files"]),
		(.commit | want("tree.culprit.commit"; is_hex40)),
		(.merge | want("tree.culprit.merge"; type == "boolean")),
		(.files | want("tree.culprit.files"; type == "array" and all(.[];
			type == "object" and (.path | is_str) and (.insertions | is_count)
			and (.deletions | is_count)))))))),

(.next | want("next"; type == "array")),
(.next | arrays | to_entries[] | .key as $i | .value | "next[\($i)]" as $p | (
	keys_of($p; ["action", "commit", "step", "runs", "why"]),
	(objects | (
	(.action | want("\($p).action"; IN("retest", "test", "revert", "resume"))),
	(.commit | want("\($p).commit"; or_null(is_hex40))),
	(.step | want("\($p).step (of \($nsteps) steps)"; or_null(is_int and . >= 0 and . < $nsteps))),
	(.runs | want("\($p).runs"; or_null(is_int and . >= 1))),
	(.why | want("\($p).why"; is_str and length > 0)))))),
(.fix | want("fix"; . == null or type == "object")),
(.fix | objects | (
	keys_of("fix"; ["commit", "subject", "match", "fixes", "agrees", "contradicting_step"]),
	(.commit | want("fix.commit"; is_hex40)),
	(.subject | want("fix.subject"; is_str)),
	(.match | want("fix.match"; IN("extid", "title"))),
	(.fixes | want("fix.fixes"; type == "array" and all(.[]; is_hex40))),
	(.agrees | want("fix.agrees"; type == "boolean")),
	(.contradicting_step | want("fix.contradicting_step (of \($nsteps) steps)";
		or_null(is_int and . >= 0 and . < $nsteps))))),

(select(.format == "crash-report") | (
	(.steps | want("crash-report steps"; length == 0)),
	(.kind | want("crash-report kind"; . == null))))
EOF

TREE_ARGS=
if [ "${1:-}" = -C ]; then
	[ $# -ge 2 ] || fail "usage: $0 [-C TREE] [LOG...]"
	TREE_ARGS=$2
	shift 2
fi

# check_log LOG: bisview --json LOG must exit 0 and keep the contract
check_log()
{
	if [ -n "$TREE_ARGS" ]; then
		bv_ok --json -C "$TREE_ARGS" "$1"
	else
		bv_ok --json "$1"
	fi
	jq -e . "$SCRATCH/out" >/dev/null 2>&1 || fail "$1: --json output is not JSON"
	jq -r --argjson nlines "$(lines_in "$1")" -f "$SCRATCH/contract.jq" \
		"$SCRATCH/out" >"$SCRATCH/violations" ||
		fail "$1: jq failed on the contract program"
	if [ -s "$SCRATCH/violations" ]; then
		sed "s|^|  |" "$SCRATCH/violations" >&2
		fail "$1: $(wc -l <"$SCRATCH/violations") breach(es) of the JSON contract"
	fi
	n=$((n + 1))
}

n=0
if [ $# -gt 0 ]; then
	for log in "$@"; do
		check_log "$log"
	done
	note "$n log(s) keep the JSON contract"
	exit 0
fi

for log in "$DATA"/*.log "$DATA"/*.txt; do
	[ -f "$log" ] || continue
	check_log "$log"
	cp "$SCRATCH/out" "$SCRATCH/full-$(basename "$log").json"
done
[ "$n" -ge 5 ] || fail "expected the 5 sample logs in $DATA, found $n"

# --scan --json: one object per log, with at least the fields doc/json.md
# §8 names, agreeing with --json for the same log.
bv_ok --scan --json "$DATA"
mv "$SCRATCH/out" "$SCRATCH/scan.jsonl"
lines=$(lines_in "$SCRATCH/scan.jsonl")
assert_eq "--scan --json $DATA: lines" "$n" "$lines"
while IFS= read -r obj; do
	printf '%s\n' "$obj" >"$SCRATCH/obj.json"
	jq_assert "$SCRATCH/obj.json" \
		'has("path") and has("format") and has("kind") and has("result") and
		 has("flaky") and has("signals") and has("assessment") and
		 (.signals | type == "array")' \
		"--scan --json lacks a field: $obj"
	path=$(jq_get "$SCRATCH/obj.json" .path)
	full=$SCRATCH/full-$(basename "$path").json
	[ -f "$full" ] || fail "--scan --json names a log it was not given: $path"
	jq -e --slurpfile full "$full" \
		'$full[0] as $f | .format == $f.format and .kind == $f.kind and
		 .flaky == $f.flaky and .result.type == $f.result.type and
		 .result.commit == $f.result.commit and
		 .result.candidates == $f.result.candidates and
		 .assessment == $f.assessment' "$SCRATCH/obj.json" >/dev/null ||
		fail "--scan --json disagrees with --json for $path"
done <"$SCRATCH/scan.jsonl"

note "$n sample logs keep the JSON contract; --scan --json agrees with --json"

# With a tree that lacks every commit of the logs: steps[].tree and tree
# are filled in (found: false), and must keep the contract too.
if command -v git >/dev/null 2>&1; then
	git_env "$SCRATCH"
	if ! git init -q "$SCRATCH/unrelated" ||
		! git -C "$SCRATCH/unrelated" -c user.name=T -c user.email=t@example.com \
			commit -q --allow-empty -m "an unrelated commit"; then
		fail "cannot make a git repository"
	fi
	TREE_ARGS=$SCRATCH/unrelated
	n=0
	for log in "$DATA"/*.log; do
		check_log "$log"
	done
	note "$n sample logs keep the JSON contract with a tree that lacks their commits"
fi
