/* Test helper: build a demo fixture (src/demo/demo.h) with options from
 * argv into a directory and say what it made, one "key: value" a line:
 *
 *   demo-fixture [--commits N] [--releases N] [--culprit-release K]
 *                [--culprit-position X] [--culprit-first] [--seed S] [--fix]
 *                [--no-flaky] [--no-checkout] DIR
 *   demo-fixture --prepare CACHE_DIR     (demo_prepare(), the --demo path;
 *                                         "-": the default cache directory)
 *
 * Output: repo, log, then (not for --prepare) culprit, start, commits,
 * merges, tags, range, steps, skips, seconds. Exit 0, or 1 with a message.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo.h"
#include "tree/tree.h"

static void usage(void)
{
	fputs("usage: demo-fixture [--commits N] [--releases N] [--culprit-release K]\n"
	      "                    [--culprit-position X] [--culprit-first] [--seed S] [--fix]\n"
	      "                    [--no-flaky] [--no-checkout] DIR\n"
	      "       demo-fixture --prepare CACHE_DIR\n", stderr);
	exit(2);
}

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 0);

	if (!*s || *end)
		usage();
	return v;
}

int main(int argc, char **argv)
{
	void *ctx = talloc_new(NULL);
	struct demo_options opt;
	struct demo_result res;
	const char *err = NULL, *dir = NULL, *repo, *log;
	int i, rc = 0;

	demo_options_init(&opt);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--prepare") && v) {
			tree_library_init();
			if (demo_prepare(ctx, strcmp(v, "-") ? v : NULL, &repo, &log, &err) < 0) {
				fprintf(stderr, "demo-fixture: %s\n", err);
				return 1;
			}
			printf("repo: %s\nlog: %s\n", repo, log);
			tree_library_shutdown();
			talloc_free(ctx);
			return 0;
		} else if (!strcmp(a, "--commits") && v) {
			opt.commits = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--releases") && v) {
			opt.releases = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--culprit-release") && v) {
			opt.culprit_release = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--culprit-position") && v) {
			opt.culprit_position = atof(argv[++i]);
		} else if (!strcmp(a, "--culprit-first")) {
			opt.culprit_first = true;
		} else if (!strcmp(a, "--seed") && v) {
			opt.seed = number(argv[++i]);
		} else if (!strcmp(a, "--fix")) {
			opt.kind = DEMO_FIX;
		} else if (!strcmp(a, "--no-flaky")) {
			opt.flaky = false;
		} else if (!strcmp(a, "--no-checkout")) {
			opt.checkout = false;
		} else if (a[0] == '-' || dir) {
			usage();
		} else {
			dir = a;
		}
	}
	if (!dir)
		usage();
	tree_library_init();
	if (demo_build(ctx, dir, &opt, &res, &err) < 0) {
		fprintf(stderr, "demo-fixture: %s\n", err);
		rc = 1;
	} else {
		printf("repo: %s\nlog: %s\nculprit: %s\nstart: %s\n", res.repo_path, res.log_path,
		       res.culprit, res.start);
		printf("commits: %u\nmerges: %u\ntags: %u\nrange: %u\nsteps: %u\nskips: %u\n",
		       res.commits, res.merges, res.tags, res.range, res.steps, res.skips);
		printf("seconds: %.3f\n", res.seconds);
	}
	tree_library_shutdown();
	talloc_free(ctx);
	return rc;
}
