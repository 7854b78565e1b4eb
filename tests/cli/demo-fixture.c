/* Test helper: build a demo fixture (src/demo/demo.h) with options from
 * argv into a directory and say what it made, one "key: value" a line:
 *
 *   demo-fixture [--commits N] [--releases N] [--culprit-release K]
 *                [--culprit-position X] [--culprit-first] [--seed S] [--fix]
 *                [--no-flaky] [--no-checkout]
 *                [--repro R] [--false-bad F] [--skip-rate S] [--blind K]
 *                [--noise-seed N] [--batch] DIR
 *   demo-fixture --prepare CACHE_DIR     (demo_prepare(), the --demo path;
 *                                         "-": the default cache directory)
 *
 * Output: repo, log, then (not for --prepare) culprit, start, commits,
 * merges, tags, range, steps, skips, seconds. Exit 0, or 1 with a message.
 *
 * Any of --repro, --false-bad, --skip-rate, --blind, --noise-seed turns
 * the noisy verdicts on (struct demo_noise; the reproducer rate is then 1
 * unless given); the output then also says the log's result and where
 * the true culprit (culprit:) lies: truth: range, older or elsewhere.
 *
 * --batch: one repository, then one log per line of standard input,
 *   NAME REPRO FALSE_BAD SKIP_RATE BLIND NOISE_SEED
 * written to DIR/NAME.log (noisy; the repository's options from argv),
 * and one line per log on standard output:
 *   NAME culprit=H result=H truth=WHERE range=N steps=N skips=N
 * (result=inconclusive: git ended on "only 'skip'ped commits left")
 * or, when every release crashed and git bisect never ran,
 *   NAME none=REASON
 * bench/posterior-sim.sh uses it: a repository costs more than a log.
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
	      "                    [--no-flaky] [--no-checkout]\n"
	      "                    [--repro R] [--false-bad F] [--skip-rate S] [--blind K]\n"
	      "                    [--noise-seed N] [--batch] DIR\n"
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

static double rate(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (!*s || *end)
		usage();
	return v;
}

static const char *const truth_words[] = { "range", "older", "elsewhere" };

static int prepare(void *ctx, const char *cache)
{
	const char *err = NULL, *repo, *log;

	tree_library_init();
	if (demo_prepare(ctx, strcmp(cache, "-") ? cache : NULL, &repo, &log, &err) < 0) {
		fprintf(stderr, "demo-fixture: %s\n", err);
		return 1;
	}
	printf("repo: %s\nlog: %s\n", repo, log);
	tree_library_shutdown();
	talloc_free(ctx);
	return 0;
}

/* A noise option: its value, and the noise turned on. */
static bool noise_option(struct demo_options *opt, const char *a, const char *v)
{
	struct demo_noise *n = &opt->noise;

	if (!strcmp(a, "--repro"))
		n->repro = rate(v);
	else if (!strcmp(a, "--false-bad"))
		n->false_bad = rate(v);
	else if (!strcmp(a, "--skip-rate"))
		n->skip = rate(v);
	else if (!strcmp(a, "--blind"))
		n->blind_release = (unsigned)number(v);
	else if (!strcmp(a, "--noise-seed"))
		n->seed = number(v);
	else
		return false;
	if (!n->on && strcmp(a, "--repro"))
		n->repro = 1;
	n->on = true;
	return true;
}

/* The options of argv into opt; the directory, or NULL after --prepare. */
static const char *parse(void *ctx, int argc, char **argv, struct demo_options *opt,
			 bool *batch, int *rc)
{
	const char *dir = NULL;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--prepare") && v) {
			*rc = prepare(ctx, v);
			return NULL;
		} else if (!strcmp(a, "--commits") && v) {
			opt->commits = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--releases") && v) {
			opt->releases = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--culprit-release") && v) {
			opt->culprit_release = (unsigned)number(argv[++i]);
		} else if (!strcmp(a, "--culprit-position") && v) {
			opt->culprit_position = atof(argv[++i]);
		} else if (!strcmp(a, "--culprit-first")) {
			opt->culprit_first = true;
		} else if (!strcmp(a, "--seed") && v) {
			opt->seed = number(argv[++i]);
		} else if (!strcmp(a, "--fix")) {
			opt->kind = DEMO_FIX;
		} else if (!strcmp(a, "--no-flaky")) {
			opt->flaky = false;
		} else if (!strcmp(a, "--no-checkout")) {
			opt->checkout = false;
		} else if (!strcmp(a, "--batch")) {
			*batch = true;
		} else if (v && noise_option(opt, a, v)) {
			i++;
		} else if (a[0] == '-' || dir) {
			usage();
		} else {
			dir = a;
		}
	}
	if (!dir)
		usage();
	return dir;
}

/* --batch: the logs standard input asks for, on one repository. */
static int batch(void *ctx, const char *dir, const struct demo_options *opt)
{
	const char *err = NULL;
	struct demo_session *s = demo_session_open(ctx, dir, opt, &err);
	char line[512], name[128];
	struct demo_result res;
	int rc = 0;

	if (!s) {
		fprintf(stderr, "demo-fixture: %s\n", err);
		return 1;
	}
	while (rc == 0 && fgets(line, sizeof(line), stdin)) {
		struct demo_noise n = { .on = true };
		unsigned long long seed;
		int got;

		if (sscanf(line, "%127s %lf %lf %lf %u %llu", name, &n.repro, &n.false_bad, &n.skip,
			   &n.blind_release, &seed) != 6) {
			fprintf(stderr, "demo-fixture: --batch: a bad line: %s", line);
			rc = 1;
			break;
		}
		n.seed = seed;
		got = demo_session_log(s, &n, talloc_asprintf(ctx, "%s/%s.log", dir, name), &res,
				       &err);
		if (got < 0) {
			fprintf(stderr, "demo-fixture: %s: %s\n", name, err);
			rc = 1;
		} else if (got > 0) {
			printf("%s none=%s\n", name, err);
		} else {
			printf("%s culprit=%s result=%s truth=%s range=%u steps=%u skips=%u\n", name,
			       res.culprit, res.result ? res.result : "inconclusive",
			       truth_words[res.truth], res.range, res.steps,
			       res.skips);
		}
		fflush(stdout);
	}
	return rc;
}

int main(int argc, char **argv)
{
	void *ctx = talloc_new(NULL);
	struct demo_options opt;
	struct demo_result res;
	const char *err = NULL, *dir;
	bool batch_mode = false;
	int rc = 0;

	demo_options_init(&opt);
	dir = parse(ctx, argc, argv, &opt, &batch_mode, &rc);
	if (!dir)
		return rc;
	tree_library_init();
	if (batch_mode) {
		rc = batch(ctx, dir, &opt);
	} else if (demo_build(ctx, dir, &opt, &res, &err) < 0) {
		fprintf(stderr, "demo-fixture: %s\n", err);
		rc = 1;
	} else {
		printf("repo: %s\nlog: %s\nculprit: %s\nstart: %s\n", res.repo_path, res.log_path,
		       res.culprit, res.start);
		printf("commits: %u\nmerges: %u\ntags: %u\nrange: %u\nsteps: %u\nskips: %u\n",
		       res.commits, res.merges, res.tags, res.range, res.steps, res.skips);
		if (opt.noise.on)
			printf("result: %s\ntruth: %s\n", res.result ? res.result : "inconclusive",
			       truth_words[res.truth]);
		printf("seconds: %.3f\n", res.seconds);
	}
	talloc_free(ctx);
	tree_library_shutdown();
	return rc;
}
