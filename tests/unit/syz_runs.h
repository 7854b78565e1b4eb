/* Runs of syzbot's test blocks, for the model's and the next steps' tests:
 * the original crash's title, and ten runs that all crash, three that
 * crash, none that crash. */
#ifndef BISVIEW_TESTS_SYZ_RUNS_H
#define BISVIEW_TESTS_SYZ_RUNS_H

#define TITLE "possible deadlock in collapse_file"
#define CR(n) "run #" #n ": crashed: " TITLE "\n"
#define OK(n) "run #" #n ": OK\n"
#define R10 CR(0) CR(1) CR(2) CR(3) CR(4) CR(5) CR(6) CR(7) CR(8) CR(9)
#define R3 CR(0) CR(1) CR(2) OK(3) OK(4) OK(5) OK(6) OK(7) OK(8) OK(9)
#define CLEAN10 OK(0) OK(1) OK(2) OK(3) OK(4) OK(5) OK(6) OK(7) OK(8) OK(9)

#endif
