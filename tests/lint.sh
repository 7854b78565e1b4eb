#!/bin/sh
# `make lint`: cppcheck over src/ and tests/fuzz/, clang-tidy (the checks
# of .clang-tidy) over every src/**/*.c. Prints every finding and exits 1
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

missing=
for tool in "$CPPCHECK" "$CLANG_TIDY"; do
	command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
	echo "lint: not installed:$missing (.ci/install-deps installs cppcheck and clang-tidy)" >&2
	exit 1
fi

cd "$top_srcdir" || exit 1
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
