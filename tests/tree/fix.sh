#!/bin/sh
# The fix's own verdict (doc/design.md §8.1, doc/json.md §7.2) on copies of
# the scratch repository (tests/lib/tree.sh) with planted fix commits, after
# a real, clean `git bisect` whose culprit is "mm: special rename":
#  - a fix on HEAD with `Reported-by: syzbot+ID@` and `Fixes:` naming the
#    culprit (--extid ID): "fix" agrees, a fix-agrees signal, the
#    assessment as without the fix;
#  - a fix on another branch (--branch) whose abbreviated `Fixes:` names a
#    commit tested good: agrees false, fixes[] that commit in full, the
#    contradicting step the first in log order that git's ancestry says
#    contradicts it; the assessment suspicious with that step blamed and
#    the fix's words in why (--json, --summary), p_wrong the model's;
#    without --branch it is not found;
#  - a fix found by the crash title only (a line of its message, the
#    function with a compiler suffix, as title_normalize() compares);
#  - none found: fix null, nothing changed;
#  - hostile messages: escapes in the subject, a 100,000-byte line, 5,000
#    Fixes: trailers, rev-parse syntax: bounded, sanitised;
#  - the repository is untouched (tl_snapshot).
set -eu
. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"
. "$top_srcdir/tests/lib/tree.sh"
tl_need_snapshot

tl_setup
tl_logs
# the explorer's screens in English (after git's setup: HOME moves)
explorer_env
LANGUAGE=C
export LANGUAGE
GIT_AUTHOR_NAME=Fixer GIT_AUTHOR_EMAIL=fixer@example.org
GIT_COMMITTER_NAME=Fixer GIT_COMMITTER_EMAIL=fixer@example.org
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
LOG=$LOGS/syzbot.log

# plant BRANCH MESSAGE-FILE: an empty commit on BRANCH (made from master)
plant()
{
	git -C "$F" branch -q "$1" master 2>/dev/null || true
	git -C "$F" commit-tree -F "$2" "$1^{tree}" -p "$1" >"$SCRATCH/new" ||
		fail "cannot plant a commit on $1"
	git -C "$F" update-ref "refs/heads/$1" "$(cat "$SCRATCH/new")"
}

# a commit tested good (its step) that is not an ancestor of the culprit's
# parent only: any good-tested commit in the range will do, the oracle
# below says which step contradicts it
WRONG=$(awk '$2 == "good" { print $1; exit }' "$W/a.steps")
[ -n "$WRONG" ] || fail "the bisection tested no good commit"

# make_fix_repo DIR none|before|after: a copy of $R with the four fixes
# planted, and git's commit-graph written before planting (the fixes are
# newer than the graph), after it (all in the graph), or not at all
make_fix_repo()
{
	F=$1
	cp -a "$R" "$F"
	[ "$2" != before ] || git -C "$F" commit-graph write --reachable >/dev/null 2>&1
	printf '%s\n' "mm: fix special_fn use-after-free" "" "Reported-by: syzbot+agree1@example.appspotmail.com" \
		"Fixes: $(printf %.12s "$CULPRIT") (\"mm: special rename\")" >"$SCRATCH/m1"
	plant master "$SCRATCH/m1"
	AGREE=$(cat "$SCRATCH/new")
	printf '%s\n' "net: fix special_fn again" "" "Reported-by: syzbot+wrong1@example.appspotmail.com" \
		"Fixes: $(printf %.10s "$WRONG") (\"whatever\")" >"$SCRATCH/m2"
	plant stable "$SCRATCH/m2"
	DISAGREE=$(cat "$SCRATCH/new")
	printf '%s\n' "mm: the title fix" "" "syzbot found:" "" \
		"    KASAN: use-after-free Read in special_fn.isra.0" "" \
		"Fixes: $CULPRIT" >"$SCRATCH/m3"
	plant titled "$SCRATCH/m3"
	TITLED=$(cat "$SCRATCH/new")
	{
		printf 'evil \033[2J\033]0;pwned\007 subject %s\n\n' "$(head -c 3000 /dev/zero | tr '\0' x)"
		echo "Reported-by: syzbot+hostile1@example.appspotmail.com"
		head -c 100000 /dev/zero | tr '\0' y; echo
		echo "Fixes: HEAD~3 (\"rev-parse syntax\")"
		echo "Fixes: $(printf %.8s "$WRONG")$(printf '\033[31m')"
		i=0
		while [ $i -lt 5000 ]; do echo "Fixes: 0123456789ab (\"nothing $i\")"; i=$((i + 1)); done
	} >"$SCRATCH/m4"
	plant hostile "$SCRATCH/m4"
	HOSTILE=$(cat "$SCRATCH/new")
	[ "$2" != after ] || git -C "$F" commit-graph write --reachable >/dev/null 2>&1
	[ "$2" = none ] || [ -f "$F/.git/objects/info/commit-graph" ] ||
		fail "git wrote no commit-graph in $F"
}

# the model's own assessment, on the repository without fixes
tl_json "$SCRATCH/plain.json" "$LOG" -C "$R"
MODEL_P=$(jq -r .assessment.p_wrong "$SCRATCH/plain.json")

agrees()
{
	J=$SCRATCH/agree.json
	tl_json "$J" "$LOG" -C "$F" --extid agree1
	jq_assert "$J" ".fix.commit == \"$AGREE\" and .fix.match == \"extid\"" "agree: the fix on HEAD"
	jq_assert "$J" ".fix.fixes == [\"$CULPRIT\"] and .fix.agrees and .fix.contradicting_step == null" \
		"agree: Fixes: names the culprit"
	jq_assert "$J" '.fix.subject == "mm: fix special_fn use-after-free"' "agree: subject"
	script agree ':dump-screen' q
	bv_ok --script "$SCRATCH/agree.keys" --size 200x30 -C "$F" --extid agree1 "$LOG"
	grep -q "^Trust: .*; the fix $(printf %.12s "$AGREE") agrees$" "$SCRATCH/out" ||
		fail "agree: the explorer's header: $(grep '^Trust:' "$SCRATCH/out")"
	jq_assert "$J" '[.signals[] | select(.code == "fix-agrees" and .strength == "info")] | length == 1' \
		"agree: a fix-agrees signal"
	jq -S .assessment "$SCRATCH/plain.json" >"$SCRATCH/a.want"
	jq -S .assessment "$J" >"$SCRATCH/a.got"
	cmp -s "$SCRATCH/a.want" "$SCRATCH/a.got" ||
		fail "agree: the assessment must stay the model's: $(diff "$SCRATCH/a.want" "$SCRATCH/a.got")"
	json_contract "agree" -C "$F" "$LOG"
}

disagrees()
{
	J=$SCRATCH/wrong.json
	tl_json "$J" "$LOG" -C "$F" --extid wrong1
	jq_assert "$J" '.fix == null' "wrong: the fix is on another branch: not found without --branch"
	tl_json "$J" "$LOG" -C "$F" --extid wrong1 --branch stable
	jq_assert "$J" ".fix.commit == \"$DISAGREE\" and .fix.fixes == [\"$WRONG\"] and (.fix.agrees | not)" \
		"wrong: the fix on stable, naming $WRONG"
	# the oracle: the first step, in log order, with good on a commit
	# containing WRONG or bad on one that does not
	want=
	for row in $(jq -r '.steps[] | select(.verdict == "good" or .verdict == "bad") |
		select(.commit != null) | "\(.index):\(.verdict):\(.commit)"' "$J"); do
		i=${row%%:*} v=${row#*:} h=${v#*:} v=${v%%:*}
		if git -C "$F" merge-base --is-ancestor "$WRONG" "$h"; then c=good; else c=bad; fi
		if [ "$v" = "$c" ]; then want=$i; break; fi
	done
	[ -n "$want" ] || fail "wrong: the oracle found no contradicting step"
	jq_assert "$J" ".fix.contradicting_step == $want" "wrong: contradicting step $want"
	# what to run next follows the fix too: resume from that step
	jq_assert "$J" "[.next[] | select(.action == \"resume\" or .action == \"retest\") | .step == $want] |
		length >= 1 and all" "wrong: next[] does not name the contradicting step $want"
	jq_assert "$J" ".assessment.verdict == \"suspicious\" and .assessment.first_suspicious_step == $want
		and .assessment.blamed_step == $want" "wrong: the assessment follows the fix"
	jq_assert "$J" ".assessment.p_wrong == $MODEL_P" "wrong: p_wrong stays the model's"
	jq_assert "$J" ".assessment.why | startswith(\"the fix $(printf %.12s "$DISAGREE") (net: fix special_fn again) names $(printf %.12s "$WRONG") as the commit it fixes, not the culprit; step $want \")" \
		"wrong: why says so"
	jq_assert "$J" "[.signals[] | select(.code == \"fix-disagrees\" and .strength == \"strong\" and .step == $want)] | length == 1" \
		"wrong: a strong fix-disagrees signal on step $want"
	bv --json --check -C "$F" --extid wrong1 --branch stable "$LOG"
	[ "$rc" -eq 1 ] || fail "wrong: --check must exit 1 (suspicious), not $rc"
	bv_ok --summary -C "$F" --extid wrong1 --branch stable "$LOG"
	grep -q "^Assessment: *suspicious" "$SCRATCH/out" || fail "wrong: --summary's assessment"
	grep -q "^Why: *the fix $(printf %.12s "$DISAGREE") .* not the culprit; step $want " "$SCRATCH/out" ||
		fail "wrong: --summary's why: $(grep Why: "$SCRATCH/out")"
	grep -q "^Fix: *$(printf %.12s "$DISAGREE") net: fix special_fn again (Reported-by this bug; its Fixes: names $(printf %.12s "$WRONG"), not the culprit)" \
		"$SCRATCH/out" || fail "wrong: --summary's Fix: line: $(grep Fix: "$SCRATCH/out")"
	json_contract "wrong" -C "$F" "$LOG"
	# the explorer: the header once the worker's search is in, and "!"
	# (jump to the blamed step) saying the fix's words
	script fix ':dump-screen' '!' ':dump-screen' q
	bv_ok --script "$SCRATCH/fix.keys" --size 200x30 -C "$F" --extid wrong1 --branch stable "$LOG"
	grep -q "^Trust: suspicious 0.11 .*blamed step $want; .*; the fix $(printf %.12s "$DISAGREE") names another commit$" \
		"$SCRATCH/out" || fail "wrong: the explorer's header: $(grep '^Trust:' "$SCRATCH/out")"
	tail -n 1 "$SCRATCH/out" | grep -q "^the fix $(printf %.12s "$DISAGREE") (net: fix special_fn again) names .* not the culprit; step $want " ||
		fail "wrong: '!' must say the fix's words: $(tail -n 1 "$SCRATCH/out")"
	# --scan and the triage list (one tree for all, doc/design.md §13):
	# the same fix read, the list's row marked "!" and its verdict the
	# single log's
	rm -rf "$SCRATCH/folder"
	mkdir "$SCRATCH/folder"
	cp "$LOG" "$LOGS/gitbisect.log" "$SCRATCH/folder/"
	bv_ok --scan -C "$F" --extid wrong1 --branch stable "$SCRATCH/folder"
	grep -q "^$SCRATCH/folder/syzbot.log	.*	suspicious [0-9.]*	.*fix-disagrees" "$SCRATCH/out" ||
		fail "wrong: --scan does not read the fix: $(cat "$SCRATCH/out")"
	script tri ":dump-view" ":dump-screen"
	bv_ok --script "$SCRATCH/tri.keys" --size 100x24 -C "$F" --extid wrong1 --branch stable "$SCRATCH/folder"
	grep -q "^>0	$SCRATCH/folder/syzbot.log	cause	.*	suspicious	.*fix-disagrees	fix-disagrees$" \
		"$SCRATCH/out" || fail "wrong: the triage row: $(grep syzbot.log "$SCRATCH/out")"
	grep -q "^[0-9.]* .* syzbot.log  *s$want  *! mm: special rename" "$SCRATCH/out" ||
		fail "wrong: the list does not mark the fix: $(grep 'syzbot.log' "$SCRATCH/out" | tail -n 1)"
	grep -q "tree: $F" "$SCRATCH/out" || fail "wrong: the list does not name its tree"
}

by_title()
{
	J=$SCRATCH/title.json
	tl_json "$J" "$LOG" -C "$F" --branch titled
	jq_assert "$J" ".fix.commit == \"$TITLED\" and .fix.match == \"title\" and .fix.agrees" \
		"title: found by the crash title"
	# an extid that matches nothing: the title match still stands
	tl_json "$J" "$LOG" -C "$F" --branch titled --extid nosuchbug
	jq_assert "$J" ".fix.commit == \"$TITLED\" and .fix.match == \"title\"" "title: after a missed extid"
}

none()
{
	J=$SCRATCH/none.json
	tl_json "$J" "$LOG" -C "$R" --extid agree1
	jq_assert "$J" '.fix == null and ([.signals[] | select(.code | startswith("fix-"))] | length == 0)' \
		"none: no fix in the unplanted repository"
	# every commit after the culprit was read, and no more
	n=$(git -C "$R" rev-list --count HEAD "^$CULPRIT")
	jq_assert "$J" ".tree.fix_search == {\"commits\": $n, \"complete\": true}" \
		"none: the search read the $n commits after the culprit"
	tl_json "$J" "$LOG" --no-tree --extid agree1
	jq_assert "$J" '.fix == null' "none: no tree, no fix"
}

hostile()
{
	J=$SCRATCH/hostile.json
	tl_json "$J" "$LOG" -C "$F" --extid hostile1 --branch hostile
	jq_assert "$J" ".fix.commit == \"$HOSTILE\"" "hostile: found"
	jq_assert "$J" '.fix.subject | length <= 200' "hostile: the subject is cut"
	jq_assert "$J" '.fix.subject | test("[\u0000-\u001f\u007f]") | not' "hostile: no control in the subject"
	jq_assert "$J" ".fix.fixes == [\"$WRONG\"]" \
		"hostile: only the resolvable Fixes: (not HEAD~3, not the unknown hash)"
	bv_ok --summary -C "$F" --extid hostile1 --branch hostile "$LOG"
	no_controls "hostile --summary" "$SCRATCH/out"
	grep -q '^Fix: ' "$SCRATCH/out" || fail "hostile: no Fix: line"
}

for graph in none before after; do
	make_fix_repo "$SCRATCH/fx-$graph" "$graph"
	tl_snapshot "$F" "$SCRATCH/before"
	tl_section "agrees ($graph)" agrees
	tl_section "disagrees ($graph)" disagrees
	tl_section "by-title ($graph)" by_title
	tl_section "none ($graph)" none
	tl_section "hostile ($graph)" hostile
	tl_snapshot "$F" "$SCRATCH/after"
	tl_unchanged "the fix search" "$F" "$SCRATCH/before" "$SCRATCH/after"
done
tl_finish
