/* The app context's helpers: the one error line format, and the refusal
 * every mode shares. Here and not in main.c, so that ui/ and report/ do
 * not call up into main.c. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "app.h"
#include "i18n.h"
#include "text/sanitize.h"

/* A one-line error in the GNU style: "bisview: FILE: reason". The file
 * name comes from the command line but is still sanitised: a crafted
 * name must not drive the terminal either. */
void app_error(const struct app *app, const char *file, const char *reason)
{
	char *f = sanitize_str(NULL, file, app ? app->san_flags : 0);

	if (f)
		fprintf(stderr, "%s: %s: %s\n", PACKAGE, f, reason);
	else
		fprintf(stderr, "%s: %s\n", PACKAGE, reason);
	talloc_free(f);
}

bool app_refuse_terminal_input(const struct app *app, const char *log_path)
{
	if (strcmp(log_path, "-") != 0 || !isatty(STDIN_FILENO))
		return false;
	/* less would wait for input here; a log is never typed by hand */
	app_error(app, NULL, _("no LOG given, standard input is a terminal, and not in a bisection: give a LOG (try --help)"));
	return true;
}
