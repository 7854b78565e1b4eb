/* What drives the explorer: the terminal (term.c, the only file that
 * talks to ncurses) or a script of keys and commands (script.c, no
 * terminal at all). Each runs until quit; returns the exit status. */
#ifndef BISVIEW_UI_DRIVER_H
#define BISVIEW_UI_DRIVER_H

struct ui;

int term_run(struct ui *ui);
int script_run(struct ui *ui, const char *script_path);

#endif
