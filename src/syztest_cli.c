/* --syz-test (doc/syz-test.md): the revert from the tree, the facts the
 * mail names, the mail from report/syztest.c. Here and not in main.c so
 * that the wiring stays one call there. */
#include "config.h"

#include <stdio.h>
#include <talloc.h>
#include <time.h>
#include <unistd.h>

#include "i18n.h"
#include "report/syztest.h"
#include "syztest_cli.h"
#include "tree/revert.h"
#include "ui/config_file.h"

static const char *subject_of(struct tree *t, const void *ctx, const char *commit)
{
	struct commit_facts f;

	return tree_commit_facts(t, ctx, commit, &f) == 0 ? f.subject : NULL;
}

int syz_test_run(struct app *app, struct tree *t, const struct blog *log)
{
	void *tmp = talloc_new(NULL);
	struct ui_options opt = config_options();
	struct tree_revert rev;
	struct syz_test_input in = { .revert = &rev, .san_flags = app->san_flags,
				     .now = (long long)time(NULL) };
	const char *culprit, *why, *start = syz_test_start(log, &culprit, &why);
	int status = 0;

	if (!start) {
		app_error(app, NULL, why);
		talloc_free(tmp);
		return EXIT_INPUT;
	}
	if (tree_revert(t, tmp, culprit, start, &rev, &why) < 0) {
		app_error(app, tree_path(t), why);
		talloc_free(tmp);
		return EXIT_INPUT;
	}
	in.repo_url = talloc_strdup(tmp, opt.syz_test_repo.s);
	in.subject = subject_of(t, tmp, rev.commit);
	/* what is printed on a terminal is for reading (doc/syz-test.md) */
	in.sanitize_patch = isatty(STDOUT_FILENO);
	if (rev.outcome == REVERT_CLEAN) {
		fputs(syz_test_mail(tmp, &in), stdout);
	} else {
		in.parent_subjects = talloc_zero_array(tmp, const char *, rev.n_parents + 1);
		for (size_t i = 0; i < rev.n_parents; i++)
			in.parent_subjects[i] = subject_of(t, tmp, rev.parents[i]);
		fprintf(stderr, "%s: %s", PACKAGE, syz_test_refusal(tmp, &in));
		status = EXIT_NO_PATCH;
	}
	talloc_free(tmp);
	if (fflush(stdout) != 0) {
		app_error(app, _("(standard output)"), _("write error"));
		return EXIT_INPUT;
	}
	return status;
}
