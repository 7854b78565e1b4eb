#!/bin/sh
# `make lint`: the layering of src/ (which room may include what),
# cppcheck over src/ and tests/fuzz/, clang-tidy (the checks of
# .clang-tidy) over every src/**/*.c. Prints every finding and exits 1
# on any, or when cppcheck or clang-tidy is missing (CI installs both:
# .ci/install-deps). Works from any build directory.
#
# Called by the lint target of Makefile.am as
#   top_srcdir=ABS top_builddir=ABS tests/lint.sh COMPILER-FLAGS...
# with the project's preprocessor flags as absolute paths (config.h and
# src/ui/bisviewrc.inc are generated in the build directory).
# LINT_JOBS: clang-tidy processes at once (default 2); CPPCHECK and
# CLANG_TIDY name the programs.
set -u
: "${top_srcdir:?}" "${top_builddir:?}"
CPPCHECK=${CPPCHECK:-cppcheck}
CLANG_TIDY=${CLANG_TIDY:-clang-tidy}
jobs=${LINT_JOBS:-2}
out=$top_builddir/lint.out.d
status=0

cd "$top_srcdir" || exit 1

# --- layering ---------------------------------------------------------
# libgit2's calls that write (git_ left out; * is any name's rest): every
# git_*_create*(), and the rest of what changes objects, refs, the index,
# the config or the work tree.
LIBGIT2_WRITERS='
	*_create*  packbuilder_*  indexer_*  treebuilder_*  mempack_*
	odb_write*  odb_open_wstream  index_write*  index_add*  index_remove*
	repository_init*  config_set_*  checkout_*  reset*  merge  revert*
	cherrypick*  rebase_*  stash_*  apply*  commit_amend  note_remove
	reference_set_target  reference_symbolic_set_target  reference_rename
	reference_delete  reference_remove  branch_delete  branch_move  tag_delete'

# Each rule: the rooms of src/ it applies to ("!ROOM": every file of src/
# outside ROOM), an extended regular expression no line of their *.c and
# *.h files may match, and what the rule keeps. A match is a breach.
layering_rules() {
	rule '!src/ui/' \
		'#include[[:space:]]*<([a-z]+/)?(n?curses[a-z_]*|term)\.h>' \
		'curses only under src/ui/'
	rule 'src/log/ src/bisect/ src/signals/ src/text/ src/report/' \
		'#include[[:space:]]*<git2[./]' \
		'no libgit2 in log/, bisect/, signals/, text/, report/'
	rule '!src/demo/' \
		"(^|[^a-z0-9_])git_($(alternatives "$LIBGIT2_WRITERS"))[[:space:]]*\\(" \
		'libgit2 write APIs only under src/demo/ (src/tree/ only reads)'
	rule 'src/log/' \
		'#include[[:space:]]*"(tree|bisect|signals|report|ui|demo|input)/' \
		'log/ includes nothing from tree/, bisect/, signals/, report/, ui/, demo/, input/'
	rule 'src/input/' \
		'#include[[:space:]]*"(signals|report|ui|demo)/' \
		'input/ includes nothing from signals/, report/, ui/, demo/'
	rule '!src/input/' \
		'#include[[:space:]]*<curl/' \
		'libcurl only under src/input/'
	rule '!src/input/' \
		'#include[[:space:]]*<gmime/' \
		'GMime only under src/input/ (mail.c; doc/design.md §12.1)'
	rule '!src/input/dynlib.' \
		'(^|[^a-z_])dl(open|sym)[[:space:]]*\(' \
		'libraries loaded at run time only through src/input/dynlib.c (doc/design.md §12.4)'
	rule 'src/bisect/' \
		'#include[[:space:]]*"(tree|ui|report|demo)/' \
		'bisect/ includes nothing from tree/, ui/, report/, demo/'
	rule 'src/tree/' \
		'#include[[:space:]]*"(ui|report|demo|input)/' \
		'tree/ includes nothing from ui/, report/, demo/, input/'
	rule 'src/text/' \
		'#include[[:space:]]*"(log|tree|bisect|signals|report|ui|demo)/' \
		'text/ includes nothing from the other rooms'
	for room in tree signals demo; do
		rule "!src/$room/" \
			"#include[[:space:]]*\"$room/[a-z_]*_internal\\.h\"" \
			"$room/*_internal.h only inside src/$room/ (the rest use its public headers)"
	done
}

# alternatives "WORD..." -> "WORD|WORD|...", each * made [a-z0-9_]*
alternatives() {
	printf "%s\n" "$1" | awk '{ for (i = 1; i <= NF; i++) { gsub(/\*/, "[a-z0-9_]*", $i)
		s = s (s == "" ? "" : "|") $i } } END { print s }'
}

# rule WHERE PATTERN WHY: print every breach as FILE:LINE: TEXT and why.
rule() {
	breaches=$(find src -name '*.[ch]' | LC_ALL=C sort |
		awk -v where="$1" '
			BEGIN { n = split(where, room, " ") }
			{
				inside = 0
				for (i = 1; i <= n; i++) {
					r = room[i]
					if (substr(r, 1, 1) == "!")
						inside = inside || index($0, substr(r, 2)) != 1
					else
						inside = inside || index($0, r) == 1
				}
				if (inside)
					print
			}' |
		xargs grep -nE -- "$2" /dev/null)
	if [ -n "$breaches" ]; then
		printf "%s\n" "$breaches" | sed 's/^/lint: layering: /'
		echo "lint: layering: ^ breaks the rule: $3"
		layering_status=1
	fi
}

layering_status=0
layering_rules
if [ "$layering_status" = 0 ]; then
	echo "lint: layering: clean"
else
	echo "lint: layering: breaches above (rules: layering_rules in tests/lint.sh)"
	status=1
fi

missing=
for tool in "$CPPCHECK" "$CLANG_TIDY"; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "lint: not installed:$missing (.ci/install-deps installs cppcheck and clang-tidy)" >&2
	exit 1
fi

rm -rf "$out" && mkdir -p "$out" || exit 1

# --- cppcheck ---------------------------------------------------------
if "$CPPCHECK" -q --enable=warning,portability,performance --std=c11 --inline-suppr \
	--suppress=missingIncludeSystem --error-exitcode=1 \
	-I src -I "$top_builddir" -I "$top_builddir/src" src tests/fuzz >"$out/cppcheck" 2>&1; then
	echo "lint: cppcheck: clean"
else
	cat "$out/cppcheck"
	echo "lint: cppcheck: findings above"
	status=1
fi

# --- clang-tidy -------------------------------------------------------
# The files dealt round-robin to $jobs processes, each one clang-tidy
# over its share (the machine has 2 cores).
files=$(find src -name '*.c' | LC_ALL=C sort)
n_files=$(echo "$files" | wc -l)
pids=
k=0
while [ "$k" -lt "$jobs" ]; do
	share=$(echo "$files" | awk -v k="$k" -v n="$jobs" '(NR - 1) % n == k')
	if [ -n "$share" ]; then
		# shellcheck disable=SC2086  # file names from find: no blanks
		"$CLANG_TIDY" --quiet $share -- "$@" >"$out/tidy.$k" 2>&1 &
		pids="$pids $!"
	fi
	k=$((k + 1))
done
tidy=0
for pid in $pids; do
	wait "$pid" || tidy=1
done
# clang's own "N warnings generated." counts include the disabled checks'
if [ "$tidy" = 0 ]; then
	echo "lint: clang-tidy: clean ($n_files files)"
else
	cat "$out"/tidy.* | grep -Ev '^[0-9]+ (warning|error)s? (and [0-9]+ errors? )?generated\.$'
	echo "lint: clang-tidy: findings above"
	status=1
fi
rm -rf "$out"
exit "$status"
