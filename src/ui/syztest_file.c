/* The explorer's #syz test mail (see syztest_file.h). The revert is a
 * merge of whole trees, seconds on a kernel tree, so it runs on the git
 * worker like the other tree jobs and the explorer goes on meanwhile. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <talloc.h>
#include <time.h>

#include "i18n.h"
#include "report/syztest.h"
#include "ui/save_file.h"
#include "ui/syztest_file.h"
#include "ui/ui.h"
#include "ui/worker.h"

void ui_syz_test_ask(struct ui *ui)
{
	const char *culprit, *why, *start = syz_test_start(ui->log, &culprit, &why);
	struct job *j;

	if (!start) {
		ui_error(ui, "%s", why);
	} else if (!ui->worker) {
		ui_error(ui, "%s", _("the revert for a #syz test is made from the tree: -C DIR or $BISVIEW_TREE"));
	} else if (ui->revert_job) {
		ui_status(ui, "%s", _("Reverting the culprit on the start commit... (Esc cancels)"));
	} else {
		j = job_new(JOB_REVERT, -1);
		j->commit = talloc_strdup(j, culprit);
		j->onto = talloc_strdup(j, start);
		if (ui_post(ui, j)) {
			ui->revert_job = j;
			ui_status(ui, "%s", "");
		}
	}
}

/* A refusal's lines as one status line: the reason, then the files or
 * parents after it. */
static char *one_line(const void *ctx, const char *text)
{
	char *s = talloc_strdup(ctx, text), *out = talloc_strdup(ctx, "");
	char *save = NULL;
	bool first = true;

	for (char *line = strtok_r(s, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line += strspn(line, " ");
		out = talloc_asprintf_append(out, "%s%s", first ? "" : "; ", line);
		first = false;
	}
	return out;
}

void ui_take_revert(struct ui *ui, struct job *j)
{
	struct syz_test_input in = { .revert = &j->revert, .san_flags = ui->app->san_flags,
				     .now = (long long)time(NULL), .subject = j->subject,
				     .parent_subjects = j->parent_subjects,
				     .repo_url = ui->opt.syz_test_repo.s };
	void *tmp = talloc_new(NULL);

	if (ui->revert_job == j)
		ui->revert_job = NULL;
	if (j->cancelled) {
		ui_status(ui, "%s", "");
	} else if (j->status < 0) {
		ui_error(ui, "%s", j->error ? j->error : _("the revert could not be made"));
	} else if (j->revert.outcome != REVERT_CLEAN) {
		ui_error(ui, "%s", one_line(tmp, syz_test_refusal(tmp, &in)));
	} else {
		char name[64];

		snprintf(name, sizeof(name), "./bisview-syz-test-%.12s.txt", j->revert.commit);
		ui_save_ask(ui, SAVE_SYZ_TEST, _("Write the #syz test mail: "), name,
			    syz_test_mail(tmp, &in));
	}
	talloc_free(tmp);
}
