#!/bin/sh
# Each kind of log framed as what it is (doc/log-format.md §6 and §3.10,
# doc/design.md §7.1), on the command line:
#   - git bisect lines a mailer wrapped are joined (a comment cut in its
#     subject, a command whose hash went to the next line), and lines
#     that are not continuations are not;
#   - a pasted fragment of syzbot's closing lines loads, its kind from
#     "first good/bad commit", and --summary says it is a fragment;
#   - --summary of a fix bisection words verdicts by meaning, of a git
#     bisect log in its own terms with neither phases nor runs;
#   - --json keeps git's words (doc/json.md is a contract).
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

WRAPPED=$DATA/gitbisect-mail-wrapped.log
TERMS=$DATA/gitbisect-terms-slow-fast.log
FIX=$DATA/fix-synthetic-frob.log
FRAGMENT=$DATA/fragment-fix-tail.log
G3=b984e3b535bd33619e4fbdd7de54ce127a6268a4
G4=0b7f0341d9deb3f7ee8c85d0af75e364abca42c4
G5=2d4f974dc5cf7d839b4faf4740726743681b920b

### wrapped lines
fact "$WRAPPED" .unknown_lines 0
fact "$WRAPPED" .result.commit "$G4"
fact "$WRAPPED" .result.title "mm/synth: take the frob lock on every lookup of the frob table"
fact "$WRAPPED" '.steps | length' 5
fact "$WRAPPED" '.steps[2].subject' "mm/synth: cache the frob table for lookups"
# "git bisect good" with its hash on the next line marks that hash, not HEAD
fact "$WRAPPED" '.steps[2].commit' "$G3"
fact "$WRAPPED" '[.steps[] | select(.label == "HEAD")] | length' 0

# the refs of git bisect start on a line of their own, quoted as newer
# git writes them
printf '%s\n' 'git bisect start' "'$G4' '$G5'" "# first bad commit: [$G4] synth: short" \
	>"$SCRATCH/start-wrapped.log"
fact "$SCRATCH/start-wrapped.log" .unknown_lines 0
fact "$SCRATCH/start-wrapped.log" .bisect_start.bad "$G4"

# not continuations: a short comment and the text after it; a command
# followed by a word that is no ref; a long comment followed by a line
# of its own kind
cat >"$SCRATCH/not-wrapped.log" <<LOG
git bisect start
# bad: [$G4] synth: short
git bisect bad $G4
# good: [$G5] synth: rename
Thanks,
git bisect good $G5
git bisect skip
maybe
# first bad commit: [$G4] synth: short
LOG
fact "$SCRATCH/not-wrapped.log" .unknown_lines 2
fact "$SCRATCH/not-wrapped.log" '.unknown_line_numbers | join(",")' '5,8'
fact "$SCRATCH/not-wrapped.log" .result.title "synth: short"
fact "$SCRATCH/not-wrapped.log" '.steps[1].subject' "synth: rename"

### fragments
fact "$FRAGMENT" .format syzbot
fact "$FRAGMENT" .kind fix
fact "$FRAGMENT" .unknown_lines 0
fact "$FRAGMENT" .result.type culprit
fact "$FRAGMENT" .result.title "synth: fix the use-after-free in synth_frob_release"
fact "$FRAGMENT" .error_probability 0.13
fact "$FRAGMENT" .flaky true
bv_ok --summary --no-tree "$FRAGMENT"
grep -q '^Fragment: *yes' "$SCRATCH/out" || fail "--summary of a fragment does not say so"
grep -q '^Kind: *fix bisection$' "$SCRATCH/out" || fail "--summary: the fragment's kind"
grep -q '^Result: *fixed by 0c98aa5a837c synth: fix the' "$SCRATCH/out" || fail "--summary: the fragment's fix"
grep -q '^Error prob.: *0.13 ' "$SCRATCH/out" || fail "--summary: the fragment's error probability"
# the tail a reply quotes: refused before, a fragment now
printf '%s\n' '> Reproducer flagged being flaky' '> accumulated error probability: 0.13' \
	'> revisions tested: 14, total time: 3h9m41.5s (build: 2h1m0s, test: 1h8m41.5s)' \
	>"$SCRATCH/tail.log"
fact "$SCRATCH/tail.log" .format syzbot
fact "$SCRATCH/tail.log" .kind null
fact "$SCRATCH/tail.log" .revisions_tested 14
fact "$SCRATCH/tail.log" .unknown_lines 0
printf '%s\n' 'Reproducer flagged being flaky' 'accumulated error probability: 0.13' >"$SCRATCH/two.log"
fact "$SCRATCH/two.log" .flaky true
printf '%s\n' 'revisions tested: 14, total time: 3h9m41.5s (build: 2h1m0s, test: 1h8m41.5s)' \
	"first bad commit: $G4 synth: short" >"$SCRATCH/cause.log"
fact "$SCRATCH/cause.log" .kind cause
# a whole log is no fragment
bv_ok --summary --no-tree "$FIX"
! grep -q '^Fragment:' "$SCRATCH/out" || fail "--summary calls a whole log a fragment"

### fix bisection: by meaning in --summary, git's words in --json
grep -q '^Assessment: *[a-z]*: [01]\.[0-9][0-9] that the fix is wrong' "$SCRATCH/out" ||
	fail "--summary of a fix: assessment"
grep -q '^  0  original     crashes  cc4e01471ca7 10/10 crash ' "$SCRATCH/out" ||
	fail "--summary of a fix: the start commit crashes"
grep -q '^  3  bisect       no crash 0c98aa5a837c 10 ok ' "$SCRATCH/out" ||
	fail "--summary of a fix: the fix does not crash"
# the model's sentence says it the same way: a fix bisection's "bad" step
# is the one without the crash, and the crashes are where the bug is
grep -q '^Why: .*step 3 (0c98aa5a837c, no crash on 10 clean runs): with the reproducer crashing [0-9]*% of runs where the bug is' \
	"$SCRATCH/out" || fail "--summary of a fix: the why in git's words: $(grep '^Why:' "$SCRATCH/out")"
fact "$FIX" '[.steps[].verdict] | join(",")' "good,bad,good,bad,good"
# no revert of a fix: --syz-test refuses fix bisections (doc/syz-test.md)
fact "$FIX" '[.next[] | select(.action == "revert")] | length' 0

### git bisect log: its terms, no phases, no runs
bv_ok --summary --no-tree "$TERMS"
grep -q '^Terms: *slow (git.s bad) and fast (git.s good)$' "$SCRATCH/out" || fail "--summary: terms"
grep -q '^Result: *first slow commit 0b7f0341d9de ' "$SCRATCH/out" || fail "--summary: result in the log's terms"
grep -q '^  #  verdict commit        left  subject$' "$SCRATCH/out" || fail "--summary: git's table heading"
grep -q '^  3  slow    0b7f0341d9de        synth: take' "$SCRATCH/out" || fail "--summary: git's row"
! grep -q -e 'bisect  ' -e 'release  ' -e 'no runs' "$SCRATCH/out" || fail "--summary: phases or runs in a git log"
fact "$TERMS" '[.steps[].verdict] | join(",")' "bad,good,good,bad,good"
printf '%s\n' 'git bisect start' "git bisect new $G4" "git bisect old $G5" >"$SCRATCH/oldnew.log"
bv_ok --summary --no-tree "$SCRATCH/oldnew.log"
grep -q '^Terms: *new (git.s bad) and old (git.s good)$' "$SCRATCH/out" || fail "--summary: old/new"
note "ok"
