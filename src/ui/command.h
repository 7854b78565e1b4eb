/* The `:` commands, declared once (command.c): what the prompt and
 * script mode run, and what the help view lists under "Commands". */
#ifndef BISVIEW_UI_COMMAND_H
#define BISVIEW_UI_COMMAND_H

#include <stdbool.h>

struct ui;

/* Runs a `:` command line (a number, a request name, a config line or a
 * script command); returns false when it is not a command. */
bool ui_command(struct ui *ui, const char *line);

/* Calls fn for each command the help lists, in the table's order, with
 * its usage as the help shows it (":quit, :q", ":dump-view [FILE]";
 * under ctx) and its help text (translated). */
typedef void command_help_fn(const char *usage, const char *help, void *arg);
void command_help_walk(const void *ctx, command_help_fn *fn, void *arg);

#endif
