/* The explorer's fix search (doc/design.md §8.1): posted to the git worker
 * once the tree facts are in (it needs the culprit and the steps' commits),
 * its progress on the status line, its answer into the facts and the
 * assessment. The explorer never waits for it. */
#include "config.h"

#include <stdint.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/ui.h"
#include "ui/worker.h"

void ui_post_fix_search(struct ui *ui, const struct log_xref *x)
{
	struct job *j;

	if (!ui->worker || !x || !x->has_culprit)
		return;
	j = job_new(JOB_FIX, -1);
	j->fix_xref = x;
	j->fix_query.extid = ui->app->extid;
	j->fix_query.branches = ui->app->branches;
	j->fix_query.n_branches = ui->app->n_branches;
	ui->fix_job = j;
	worker_post(ui->worker, j);
}

void ui_take_fix(struct ui *ui, struct job *j)
{
	/* the facts it read are still the ones shown (no reload since) */
	struct log_xref *x = (struct log_xref *)(uintptr_t)ui->rc.xref;

	if (ui->fix_job == j)
		ui->fix_job = NULL;
	if (j->cancelled || j->status < 0 || !x || x != j->fix_xref)
		return;
	x->fix = j->fix ? talloc_steal(x, j->fix) : NULL;
	x->fix_search = j->fix_search;
}

const char *ui_fix_progress(const void *ctx, const struct ui *ui)
{
	size_t n;

	if (!ui->fix_job)
		return NULL;
	n = atomic_load(&ui->fix_job->fix_read);
	if (n == 0)
		return _("Looking for the fix after the culprit... (Esc cancels)");
	return talloc_asprintf(ctx, _("Looking for the fix after the culprit: %zu commits read... (Esc cancels)"), n);
}
