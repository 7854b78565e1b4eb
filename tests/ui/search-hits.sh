#!/bin/sh
# Search hits are drawn highlighted (less's and tig's habit; issue 15), in
# a real terminal (tmux capture-pane -e keeps the attributes): after
# /kvm_wait every kvm_wait on the rows shown is in the search-result
# colour (black on green) and the rest of the row is not - on the cursor
# row too, and still after a sideways scroll moved the columns; Esc takes
# the hits off and n brings them back; a new search replaces them;
# ignore-case decides as the search does; NO_COLOR draws them reverse
# and underlined (the cursor line is reverse alone). Skipped without tmux.
set -eu

. "${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}/tests/lib.sh"

command -v tmux >/dev/null 2>&1 || skip "tmux is not installed (Debian package tmux)"

KVM=$DATA/cause-flaky-kvm_wait-title-drift.log
SOCK=bisview-hits-$$
explorer_env
unset TMUX 2>/dev/null || true

. "$top_srcdir/tests/lib/tmux.sh"

# marks WANT: the pane with its attributes, as pairs of lines: a row's
# text, then a mask of it - H where a cell has the attribute WANT (bg42:
# a green background; revul: reverse and underline; rev: reverse), '.'
# elsewhere. (tmux writes SGR sequences; anything else is text.)
marks()
{
	tm capture-pane -e -p -t t >"$SCRATCH/epane"
	awk -v want="$1" '
	function reset() { bg = 49; rev = 0; ul = 0 }
	function sgr(p,   a, n, i) {
		n = split(p, a, ";")
		if (n == 0) { reset(); return }
		for (i = 1; i <= n; i++) {
			v = a[i] + 0
			if (a[i] == "" || v == 0) reset()
			else if (v == 4) ul = 1
			else if (v == 24) ul = 0
			else if (v == 7) rev = 1
			else if (v == 27) rev = 0
			else if ((v >= 40 && v <= 47) || v == 49 || (v >= 100 && v <= 107)) bg = v
			else if (v == 38 || v == 48) { if (v == 48) bg = a[i] ";" a[i + 1] ";" a[i + 2]; i += 2 }
		}
	}
	function on() {
		if (want == "bg42") return bg == 42
		if (want == "revul") return rev && ul
		return rev
	}
	BEGIN { reset() }
	{
		text = ""; mask = ""; s = $0
		while (length(s) > 0) {
			if (match(s, /^\033\[[0-9;]*m/)) {
				sgr(substr(s, 3, RLENGTH - 3)); s = substr(s, RLENGTH + 1); continue
			}
			c = substr(s, 1, 1); s = substr(s, 2)
			text = text c; mask = mask (on() ? "H" : ".")
		}
		print text; print mask
	}' "$SCRATCH/epane" >"$SCRATCH/marks"
}

# marked ROWTEXT WORD: how WORD, on the first row holding ROWTEXT, is
# drawn: 0 every cell of it with the attribute, 1 none, 3 some; 2 when
# the row or the word is not on the screen.
marked()
{
	awk -v row="$1" -v word="$2" '
	NR % 2 == 1 { text = $0; next }
	index(text, row) && !done {
		done = 1; i = index(text, word)
		if (!i) { rc = 2; exit }
		m = substr($0, i, length(word))
		rc = m ~ /^H+$/ ? 0 : m ~ /^\.+$/ ? 1 : 3
		exit
	}
	END { exit done ? rc : 2 }' "$SCRATCH/marks"
}

# hit ROWTEXT WORD / plain ROWTEXT WORD: WORD on that row is (is not) marked
hit()
{
	_rc=0
	marked "$1" "$2" || _rc=$?
	[ "$_rc" -eq 0 ] || fail "'$2' on the row of '$1' is not drawn as a hit ($_rc):
$(grep -F -A1 -- "$1" "$SCRATCH/marks" | head -2)"
}
plain()
{
	_rc=0
	marked "$1" "$2" || _rc=$?
	[ "$_rc" -eq 1 ] || fail "'$2' on the row of '$1' is drawn as a hit, or is not there ($_rc):
$(grep -F -A1 -- "$1" "$SCRATCH/marks" | head -2)"
}

# start ENV: bisview in session t, 100x30. The server is kept: a new
# session comes before the old one goes (a server left without sessions
# exits, and a client that meets it exiting fails: "server exited
# unexpectedly").
start()
{
	tm new-session -d -s next -x 100 -y 30 "$1 \"$BISVIEW\" --no-tree \"$KVM\"; sleep 60"
	tm kill-session -t t 2>/dev/null || true
	tm rename-session -t next t
	wait_for "[steps]"
}

# (step 6's row and step 4's; the search puts the cursor on step 4)
S6=de1617578849
S4=d99676af540c

start ""
marks bg42
plain "$S6" kvm_wait
tm send-keys -t t / k v m _ w a i t Enter
wait_for "/kvm_wait"
marks bg42
hit "$S6" kvm_wait
plain "$S6" WARNING
plain "$S6" Merge
plain "$S6" "$S6"
hit "$S4" kvm_wait
plain "$S4" WARNING

# sideways: the hits move with the text
tm send-keys -t t Right
wait_for ">51"
marks bg42
hit "ARNING in kvm_wait" kvm_wait
plain "ARNING in kvm_wait" "ARNING"
plain "ARNING in kvm_wait" Merge
tm send-keys -t t Left
wait_for "[steps] $S4 - "

# Esc takes them off, n brings them back
tm send-keys -t t Escape
sleep 1
marks bg42
plain "$S6" kvm_wait
grep -q "nothing to cancel" "$SCRATCH/marks" && fail "Esc that took the hits off says there was nothing to cancel"
tm send-keys -t t n
wait_for "(again)"
marks bg42
hit "$S6" kvm_wait

# a new search replaces them; ignore-case (on by default) decides as the search does
tm send-keys -t t / m e r g e Enter
wait_for "/merge"
marks bg42
plain "$S6" kvm_wait
hit "$S6" Merge
tm send-keys -t t : s e t Space i g n o r e - c a s e Space = Space n o Enter
sleep 0.3
tm send-keys -t t / m e r g e Enter
wait_for "Pattern not found: merge"
marks bg42
plain "$S6" Merge

# without colours: reverse and underlined, the cursor line reverse alone
start "NO_COLOR=1"
tm send-keys -t t / k v m _ w a i t Enter
wait_for "/kvm_wait"
marks revul
hit "$S6" kvm_wait
plain "$S6" WARNING
hit "$S4" kvm_wait
plain "$S4" WARNING
marks rev
plain "$S6" WARNING

note "ok"
