/* Script mode, in the manner of tig's: keys from a file instead of a
 * terminal, so the explorer runs in CI with no terminal at all.
 *
 * Each line is a sequence of keys, written as in the config ("jjj",
 * "<Enter>", "/kvm<Enter>"), or a `:` command (any command of the
 * prompt, plus :dump-screen [FILE], :dump-view [FILE] and :dump-timing).
 * Lines starting with '#' are comments. Before every key and command
 * the script waits until no git work is pending, so that what it dumps
 * does not depend on timing. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/command.h"
#include "ui/driver.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/ui_input.h"
#include "ui/worker.h"

/* Lets every posted job finish and reach its view. */
static void settle(struct ui *ui)
{
	while (ui->worker && worker_pending(ui->worker) > 0) {
		worker_wait(ui->worker);
		ui_poll_jobs(ui);
	}
	ui_draw(ui);
}

int script_run(struct ui *ui, const char *script_path)
{
	FILE *f = fopen(script_path, "r");
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, status = 0;

	if (!f) {
		app_error(ui->app, script_path, strerror(errno));
		return EXIT_INPUT;
	}
	ui->script = true;
	ui_resize(ui, ui->app->script_rows, ui->app->script_cols);
	/* the first screen, before any tree fact: what a user sees at once */
	ui_draw(ui);
	while (!ui->quit && getline(&line, &cap, f) >= 0) {
		const char *p = line;

		lineno++;
		line[strcspn(line, "\n")] = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		if (*p == ':') {
			settle(ui);
			ui_command(ui, p + 1);
			continue;
		}
		while (*p && !ui->quit) {
			int key = key_parse(&p);

			if (key < 0) {
				char *where = talloc_asprintf(ui, "%s:%d", script_path, lineno);

				app_error(ui->app, where, _("not a key name"));
				status = EXIT_INPUT;
				ui->quit = true;
				break;
			}
			settle(ui);
			ui_key(ui, key);
		}
	}
	free(line);
	fclose(f);
	return status;
}
