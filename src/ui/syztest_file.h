/* The explorer's --syz-test (doc/syz-test.md §5): the culprit reverted
 * on the start commit by the git worker, then the `#syz test` mail body
 * written where the user says (ui/save_file.h). */
#ifndef BISVIEW_UI_SYZTEST_FILE_H
#define BISVIEW_UI_SYZTEST_FILE_H

struct ui;
struct job;

/* syz-test: posts the revert to the git worker, or says in the status
 * line why there is none to make (no tree, a fix bisection, no culprit). */
void ui_syz_test_ask(struct ui *ui);

/* The revert is made: the prompt for the mail file, or why there is no
 * patch (a conflict, a merge culprit) in the status line. */
void ui_take_revert(struct ui *ui, struct job *j);

#endif
