/* Runs of syzbot's test blocks and the log they make, for the model's
 * and the next steps' tests: the original crash's title, ten runs that
 * all crash, three that crash, none that crash. */
#ifndef BISVIEW_TESTS_SYZ_RUNS_H
#define BISVIEW_TESTS_SYZ_RUNS_H

#define TITLE "possible deadlock in collapse_file"
#define CR(n) "run #" #n ": crashed: " TITLE "\n"
#define OK(n) "run #" #n ": OK\n"
#define R10 CR(0) CR(1) CR(2) CR(3) CR(4) CR(5) CR(6) CR(7) CR(8) CR(9)
#define R3 CR(0) CR(1) CR(2) OK(3) OK(4) OK(5) OK(6) OK(7) OK(8) OK(9)
#define CLEAN10 OK(0) OK(1) OK(2) OK(3) OK(4) OK(5) OK(6) OK(7) OK(8) OK(9)

/* A syzbot cause log (unit.h's hashes): the original with runs_orig, a
 * clean release, then git bisect: H_A (runs_a, bad), H_B (runs_b, its
 * verdict word_b) */
#define SYZ_STEPS(runs_orig, runs_a, runs_b, word_b) \
	SYZ_HEADER \
	TESTING_WITH(H_ORIG, GCC_10, SIG_1) \
	runs_orig \
	"testing release v6.2\n" \
	TESTING_WITH(H_V62, GCC_10, SIG_2) \
	CLEAN10 \
	"# git bisect start " H_ORIG " " H_V62 "\n" \
	"Bisecting: 7 revisions left to test after this (roughly 3 steps)\n" \
	"[" H_A "] " S_A "\n" \
	TESTING_WITH(H_A, GCC_10, SIG_3) \
	runs_a \
	"# git bisect bad " H_A "\n" \
	"Bisecting: 3 revisions left to test after this (roughly 2 steps)\n" \
	"[" H_B "] " S_B "\n" \
	TESTING_WITH(H_B, GCC_10, SIG_4) \
	runs_b \
	"# git bisect " word_b " " H_B "\n"

/* ... then the culprit H_CUL (runs_cul, bad) and syzbot's result */
#define SYZ_CULPRIT(runs_cul) \
	"Bisecting: 0 revisions left to test after this (roughly 0 steps)\n" \
	"[" H_CUL "] " T_CUL "\n" \
	TESTING_WITH(H_CUL, GCC_10, SIG_CUL) \
	runs_cul \
	"# git bisect bad " H_CUL "\n" \
	SHOW_CUL \
	"\n" \
	STAT_36("mm/khugepaged.c") \
	"revisions tested: 5, total time: 1h0m0s (build: 30m0s, test: 30m0s)\n" \
	"first bad commit: " H_CUL " " T_CUL "\n" \
	"crash: " TITLE "\n" \
	" collapse_file+0x197e/0x3bd0 mm/khugepaged.c:2204\n"

#endif
