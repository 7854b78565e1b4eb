/* The explorer's --replay (doc/design.md "Resuming a bisection"): the
 * file for `git bisect replay` of the selected step, written where the
 * user says by save_file.c. */
#include "config.h"

#include <talloc.h>

#include "i18n.h"
#include "report/replay.h"
#include "ui/replay_file.h"
#include "ui/save_file.h"
#include "ui/ui.h"

void ui_replay_ask(struct ui *ui, int how)
{
	int step = ui_selected_step(ui);
	void *tmp = talloc_new(NULL);
	const char *err = NULL;
	char *text = NULL;

	if (step < 0 && how != REPLAY_ALL)
		ui_error(ui, "%s", _("no step selected"));
	else if (!(text = replay_text(tmp, ui->log, (enum replay_stop)how, step, &err)))
		ui_error(ui, "%s", err);
	else
		ui_save_ask(ui, SAVE_REPLAY, _("Write the replay file: "),
			    how == REPLAY_ALL ? "./bisview-replay.txt"
			    : talloc_asprintf(text, "./bisview-replay-%s-%d.txt",
					      how == REPLAY_FLIP ? "flip" : "until", step),
			    text);
	talloc_free(tmp);
}
