/* The selected step's page (browser.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/browser.h"
#include "ui/editor.h"
#include "ui/ui.h"

/* (ui.h: the clipboard's y takes the same commit) */
static bool is_hex(const char *s)
{
	size_t n = s ? strlen(s) : 0;

	return n >= 7 && n <= 64 && strspn(s, "0123456789abcdef") == n;
}

const char *ui_selected_commit(struct ui *ui)
{
	int i = ui_selected_step(ui);
	const char *c = NULL;

	if (i < 0 || (size_t)i >= ui->log->n_steps)
		return NULL;
	if (ui->rc.xref && (size_t)i < ui->rc.xref->n_steps && ui->rc.xref->steps[i].facts.found)
		c = ui->rc.xref->steps[i].facts.commit;
	if (!is_hex(c))
		c = ui->log->steps[i]->commit;
	return is_hex(c) ? c : NULL;
}

char *browser_step_url(const void *ctx, struct ui *ui)
{
	/* hex only: nothing from a log reaches the browser's command line
	 * but a hash */
	const char *commit = ui_selected_commit(ui);

	return commit ? talloc_asprintf(ctx, "https://lore.kernel.org/all/?q=%s", commit) : NULL;
}

void ui_open_page(struct ui *ui)
{
	void *tmp = talloc_new(NULL);
	char *url = browser_step_url(tmp, ui);
	const char *browser = getenv("BROWSER");

	if (!url) {
		ui_error(ui, "%s", _("the selected step names no commit to look up"));
	} else if (!browser || !*browser) {
		ui_status(ui, _("no $BROWSER: %s"), url);
	} else {
		/* $BROWSER may list several, ':'-separated: the first */
		char *first = talloc_strndup(tmp, browser, strcspn(browser, ":"));
		char **argv = editor_argv(tmp, first, 0, url);

		if (ui_run_external(ui, argv) < 0)
			ui_error(ui, _("%s could not be started"), ui_clean(ui, tmp, argv[0]));
	}
	talloc_free(tmp);
}
