/* The config file (config.c): tig's language of `set`, `bind` and
 * `color` lines, the built-in defaults (data/bisviewrc) and the user's
 * file. (Not config.h: that name is autoconf's.) */
#ifndef BISVIEW_UI_CONFIG_FILE_H
#define BISVIEW_UI_CONFIG_FILE_H

#include <stddef.h>

#include "ui/options.h"

struct ui;

struct ui_color {
	short fg, bg;          /* -1 default */
	int attr;              /* A_BOLD etc. */
};

/* One problem with a config file, kept to show the user. */
struct config_error {
	const char *file;
	int line;
	const char *message;
};

/* `bind`, `set`, `color` lines; errors kept in ui->config_errors */
void config_defaults(struct ui *ui);
void config_load_user(struct ui *ui);
/* The user's config file: $XDG_CONFIG_HOME/bisview/config, else
 * ~/.config/bisview/config; NULL when neither variable is set. Under ctx. */
char *config_user_path(const void *ctx);
/* The lines of a config file's text (len bytes; NULs are errors). */
void config_text(struct ui *ui, const char *file, const char *text, size_t len);
/* One line; returns NULL or an error message (under ctx). */
const char *config_line(struct ui *ui, const void *ctx, const char *line);

/* The options of data/bisviewrc and the user's file, without the
 * explorer (--syz-test); a bad line is reported on standard error. */
struct ui_options config_options(void);

#endif
