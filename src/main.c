/* bisview: options and wiring. */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>
#include <unistd.h>

#include "app.h"
#include "clock.h"
#include "demo/demo.h"
#include "i18n.h"
#include "input/fetch.h"
#include "input/input.h"
#include "log/parse.h"
#include "report/replay.h"
#include "report/report.h"
#include "report/batch.h"
#include "report/scan.h"
#include "syztest_cli.h"
#include "text/sanitize.h"
#include "tree/tree.h"
#include "tree/xref.h"
#include "ui/config_file.h"
#include "ui/keys_doc.h"
#include "ui/ui.h"

enum {
	OPT_SUMMARY = 0x100, OPT_JSON, OPT_SCAN, OPT_CHECK, OPT_TREE, OPT_HELP,
	OPT_VERSION, OPT_NO_COLOR, OPT_TRUST_REPO, OPT_NO_TREE, OPT_DEMO,
	OPT_SCRIPT, OPT_SIZE, OPT_NO_MOUSE, OPT_DUMP_KEYS, OPT_SORT,
	OPT_REPLAY, OPT_FLIP, OPT_UNTIL,
	OPT_SYZ_TEST,
	OPT_EXTID, OPT_BRANCH,
	OPT_OFFLINE, OPT_REFRESH, OPT_FIX,
	OPT_LIST,
};

static const struct option long_options[] = {
	{ "summary", no_argument, NULL, OPT_SUMMARY },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "scan", no_argument, NULL, OPT_SCAN },
	{ "sort", required_argument, NULL, OPT_SORT },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "tree", required_argument, NULL, OPT_TREE },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "trust-repo", no_argument, NULL, OPT_TRUST_REPO },
	{ "no-tree", no_argument, NULL, OPT_NO_TREE },
	{ "demo", no_argument, NULL, OPT_DEMO },
	{ "script", required_argument, NULL, OPT_SCRIPT },
	{ "size", required_argument, NULL, OPT_SIZE },
	{ "no-mouse", no_argument, NULL, OPT_NO_MOUSE },
	{ "replay", no_argument, NULL, OPT_REPLAY },
	{ "flip", required_argument, NULL, OPT_FLIP },
	{ "until", required_argument, NULL, OPT_UNTIL },
	{ "syz-test", no_argument, NULL, OPT_SYZ_TEST },
	{ "extid", required_argument, NULL, OPT_EXTID },
	{ "branch", required_argument, NULL, OPT_BRANCH },
	{ "offline", no_argument, NULL, OPT_OFFLINE },
	{ "refresh", no_argument, NULL, OPT_REFRESH },
	{ "fix", no_argument, NULL, OPT_FIX },
	{ "list", required_argument, NULL, OPT_LIST },
	/* hidden: the man page's key table (keys_doc.h) */
	{ "dump-keys", required_argument, NULL, OPT_DUMP_KEYS },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static void usage(FILE *out)
{
	fprintf(out, _("Usage: %s [OPTION]... [LOG]\n"), PACKAGE);
	fputs(_("Explore a kernel bisection log (syzbot's, or `git bisect log` output).\n"
		"LOG is a file, or - (the default) for standard input. On a terminal the\n"
		"explorer opens (h shows its keys); otherwise the --summary report is\n"
		"printed.\n\n"), out);
	fputs(_("With no LOG and a terminal as standard input, bisview reads the bisection\n"
		"in progress in the tree (git's BISECT_LOG); the explorer follows it.\n\n"), out);
	fputs(_("Several LOGs, a directory or --list FILE open the triage list: one row per\n"
		"bisection, the likeliest wrong first; Enter explores one, q comes back.\n"
		"Without a terminal they print the --scan table.\n\n"), out);
	fputs(_("  --summary        print a plain-text report (result, steps, signals)\n"
		"  --json           print the whole model as JSON\n"
		"  --scan PATH...   one line per log for many files and directories\n"
		"                   (with --json: one JSON object per line)\n"
		"  --list FILE      the paths and URLs in FILE too, one a line (--scan, the list)\n"
		"  --sort p         with --scan: the likeliest wrong culprits first\n"
		"                   (p_wrong; --sort path: the paths' order, the default)\n"
		"  --check          exit 1 when the bisection looks suspicious\n"
		"  --replay         print the bisection as a file for `git bisect replay`\n"
		"  --flip N         with --replay: stop at step N with its verdict inverted\n"
		"  --until N        with --replay: stop before step N, to test it again\n"
		"  --syz-test       print a #syz test mail body whose patch reverts the\n"
		"                   culprit on the start commit (needs a tree)\n"
		"  --demo           open a built-in demo: a small kernel-like tree and its\n"
		"                   bisection log (made once under $XDG_CACHE_HOME/bisview)\n"
		"  --script FILE    run the explorer on keys from FILE, with no terminal\n"
		"                   (:dump-screen and :dump-view write what it shows)\n"
		"  --size COLSxROWS the screen size for --script (default 80x24)\n"
		"  -C, --tree DIR   the kernel git tree to cross-reference (read-only)\n"
		"      --no-tree    do not look for a tree (not even the current directory)\n"
		"      --trust-repo open a tree owned by another user\n"
		"      --no-color   no colours (also when $NO_COLOR is set)\n"
		"      --no-mouse   leave the mouse to the terminal\n"
		"  -h, --help       show this help and exit\n"
		"  -V, --version    show the version and exit\n\n"), out);
	fputs(_("  With a tree, bisview looks for the fix of the bug after the culprit:\n"
		"      --extid ID   syzbot's bug id: the fix says Reported-by: syzbot+ID@\n"
		"      --branch REF look for the fix on REF too, not only HEAD (repeatable)\n\n"), out);
	fputs(_("  LOG may be an http(s) URL: syzbot's text links, its bug pages (the\n"
		"  cause bisection's log), or any log; fetched once into the cache\n"
		"  ($XDG_CACHE_HOME/bisview). --extid ID with no LOG (standard input a\n"
		"  terminal) opens the bug page of ID.\n"
		"      --fix        a bug page's fix bisection, not its cause one\n"
		"      --offline    read URLs from the cache only\n"
		"      --refresh    fetch URLs again, replacing the cache's copy\n\n"),
	      out);
	fputs(_("Exit status: 0 ok, 1 suspicious (with --check), 2 usage or input error.\n"), out);
	fputs(_("With --syz-test: 3 when there is no patch (a conflict, a merge culprit).\n"), out);
}

/* --flip N / --until N: one of them, N a step number (0, 1, ...). */
static int replay_option(struct app *app, enum replay_stop how, const char *arg)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (app->replay_stop != REPLAY_ALL) {
		app_error(app, NULL, _("--flip and --until cannot be combined"));
		return -1;
	}
	if (end == arg || *end || n < 0 || n > 1000000 || arg[0] == '+' || arg[0] == ' ') {
		app_error(app, NULL, how == REPLAY_FLIP ? _("--flip is a step number, e.g. --flip 3")
						       : _("--until is a step number, e.g. --until 3"));
		return -1;
	}
	app->replay_stop = how;
	app->replay_step = (int)n;
	return 0;
}

static int settle_options(struct app *app, int argc, char **argv);

static int parse_options(struct app *app, int argc, char **argv)
{
	int c;

	while ((c = getopt_long(argc, argv, "C:hV", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_SUMMARY: app->mode = MODE_SUMMARY; break;
		case OPT_JSON: app->json = true; break;
		case OPT_SCAN: app->mode = MODE_SCAN; break;
		case OPT_LIST: app->list_path = optarg; break;
		case OPT_CHECK: app->check = true; break;
		case OPT_NO_COLOR: app->no_color = true; break;
		case OPT_TRUST_REPO: app->trust_repo = true; break;
		case OPT_NO_TREE: app->no_tree = true; break;
		case OPT_DEMO: app->demo = true; break;
		case OPT_SCRIPT: app->script_path = optarg; break;
		case OPT_NO_MOUSE: app->no_mouse = true; break;
		case OPT_REPLAY: app->mode = MODE_REPLAY; break;
		case OPT_FLIP:
		case OPT_UNTIL:
			if (replay_option(app, c == OPT_FLIP ? REPLAY_FLIP : REPLAY_UNTIL, optarg) < 0)
				return -1;
			break;
		case OPT_SYZ_TEST: app->syz_test = true; break;
		case OPT_SORT:
			if (strcmp(optarg, "p") != 0 && strcmp(optarg, "path") != 0) {
				app_error(app, NULL, _("--sort is p or path"));
				return -1;
			}
			app->sort = optarg[1] ? SORT_PATH : SORT_P_WRONG;
			break;
		case OPT_SIZE:
			if (sscanf(optarg, "%dx%d", &app->script_cols, &app->script_rows) != 2 ||
			    app->script_cols < 1 || app->script_rows < 1 ||
			    app->script_cols > 1000 || app->script_rows > 1000) {
				app_error(app, NULL, _("--size is COLSxROWS, e.g. 80x24"));
				return -1;
			}
			break;
		case 'C':
		case OPT_TREE: app->tree_path = optarg; break;
		case OPT_EXTID: app->extid = optarg; break;
		case OPT_OFFLINE: app->offline = true; break;
		case OPT_REFRESH: app->refresh = true; break;
		case OPT_FIX: app->fix = true; break;
		case OPT_BRANCH:
			app->branches = talloc_realloc(app, app->branches, const char *,
						       app->n_branches + 1);
			app->branches[app->n_branches++] = optarg;
			break;
		case 'h':
		case OPT_HELP:
			usage(stdout);
			exit(0);
		case OPT_DUMP_KEYS:
			if (keys_doc_dump(stdout, optarg) < 0) {
				app_error(app, NULL, _("--dump-keys is roff or text"));
				return -1;
			}
			exit(fflush(stdout) == 0 ? 0 : EXIT_INPUT);
		case 'V':
		case OPT_VERSION:
			printf("%s %s\n", PACKAGE, VERSION);
			exit(0);
		default:
			fprintf(stderr, _("Try '%s --help' for more information.\n"), PACKAGE);
			return -1;
		}
	}
	return settle_options(app, argc, argv);
}

/* After the options are read: the mode they make together, the LOG
 * arguments, and the combinations that make no sense. */
static int settle_options(struct app *app, int argc, char **argv)
{
	if (app->syz_test && (app->mode != MODE_DEFAULT || app->json || app->script_path ||
			      app->no_tree)) {
		app_error(app, NULL, _("--syz-test goes with no other mode and needs a tree"));
		return -1;
	}
	if (app->syz_test)
		app->mode = MODE_SUMMARY;
	app->args = argv + optind;
	app->n_args = (size_t)(argc - optind);
	/* many bisections: the triage list on a terminal, else --scan's
	 * table (doc/design.md §13) */
	if (app->mode == MODE_DEFAULT && !app->json && !app->script_path &&
	    !isatty(STDOUT_FILENO) && batch_wanted(app))
		app->mode = MODE_SCAN;
	if (app->mode == MODE_DEFAULT &&
	    (app->script_path || (!app->json && isatty(STDOUT_FILENO))))
		app->mode = MODE_UI;
	else if (app->mode == MODE_DEFAULT)
		app->mode = app->json ? MODE_JSON : MODE_SUMMARY;
	else if (app->mode == MODE_SUMMARY && app->json)
		app->mode = MODE_JSON;
	if (app->mode != MODE_SCAN && app->mode != MODE_UI && app->n_args > 1) {
		app_error(app, NULL, _("only one LOG may be given (use --scan for many)"));
		return -1;
	}
	if (app->sort != SORT_PATH && app->mode != MODE_SCAN) {
		app_error(app, NULL, _("--sort p needs --scan"));
		return -1;
	}
	if (app->replay_stop != REPLAY_ALL && app->mode != MODE_REPLAY) {
		app_error(app, NULL, _("--flip and --until need --replay"));
		return -1;
	}
	if (app->offline && app->refresh) {
		app_error(app, NULL, _("--offline and --refresh cannot be combined"));
		return -1;
	}
	if (app->list_path && app->mode != MODE_SCAN && app->mode != MODE_UI) {
		app_error(app, NULL, _("--list goes with --scan or the explorer"));
		return -1;
	}
	if (app->mode == MODE_SCAN && app->n_args == 0 && !app->list_path) {
		app_error(app, NULL, _("--scan needs at least one PATH"));
		return -1;
	}
	return 0;
}

/* --demo: build (once) the demo tree and log, then show them as if the
 * user had typed `bisview -C TREE LOG`. */
static int prepare_demo(struct app *app)
{
	const char *repo, *log, *err = NULL;

	if (app->n_args > 0 || app->mode == MODE_SCAN) {
		app_error(app, NULL, _("--demo takes no LOG and no --scan"));
		return -1;
	}
	if (demo_prepare(app, NULL, &repo, &log, &err) < 0) {
		app_error(app, _("demo"), err);
		return -1;
	}
	app->tree_path = repo;
	app->args = talloc_array(app, char *, 1);
	app->args[0] = talloc_strdup(app->args, log);
	app->n_args = 1;
	return 0;
}

/* A URL as LOG (src/input/syzbot_url.h): the dashboard's address from
 * the config file (`set syzbot-url`); --extid ID with no LOG and a
 * terminal for standard input opens the bug page there. */
static void prepare_url(struct app *app)
{
	struct ui_options opt;

	if (app->n_args == 0 && app->extid && app->mode != MODE_SCAN && !app->demo &&
	    isatty(STDIN_FILENO)) {
		opt = config_options();
		app->syzbot_url = talloc_strdup(app, opt.syzbot_url.s);
		app->args = talloc_array(app, char *, 1);
		app->args[0] = talloc_asprintf(app->args, "%s%sbug?extid=%s", app->syzbot_url,
					       *app->syzbot_url && app->syzbot_url[strlen(app->syzbot_url) - 1] == '/' ? "" : "/",
					       app->extid);
		app->n_args = 1;
		return;
	}
	/* (the explorer reads the config file itself, and says its errors) */
	for (size_t i = 0; i < app->n_args + (app->list_path != NULL) && app->mode != MODE_UI; i++) {
		if (i == app->n_args || fetch_is_url(app->args[i])) {  /* a --list may hold URLs */
			opt = config_options();
			app->syzbot_url = talloc_strdup(app, opt.syzbot_url.s);
			return;
		}
	}
}

/* --replay: the log's git bisect commands on standard output. */
static int print_replay(struct app *app, const char *path, const struct blog *log)
{
	const char *err = NULL;
	char *text = replay_text(app, log, (enum replay_stop)app->replay_stop, app->replay_step, &err);

	if (!text) {
		app_error(app, strcmp(path, "-") ? path : _("(standard input)"), err);
		return EXIT_INPUT;
	}
	if (fputs(text, stdout) == EOF || fflush(stdout) != 0) {
		app_error(app, _("(standard output)"), _("write error"));
		return EXIT_INPUT;
	}
	talloc_free(text);
	return 0;
}

static int run_one(struct app *app)
{
	const char *path = app->n_args ? app->args[0] : "-";
	const char *err = NULL, *refusal;
	struct blog *log;
	struct report_ctx rc = { .san_flags = app->san_flags };
	struct input_request req;
	bool suspicious;
	int status = 0;

	if (app->n_args && app_refuse_terminal_input(app, path))
		return EXIT_INPUT;
	req = input_request_of(app, app->n_args ? app->args[0] : NULL);
	log = input_load(app, &req, &err);
	/* no LOG and a terminal: the bisection git is in, else the refusal */
	if (!log && !err && app_refuse_terminal_input(app, path))
		return EXIT_INPUT;
	if (!log) {
		app_error(app, strcmp(path, "-") ? path : app->n_args || !isatty(STDIN_FILENO) ?
			  _("(standard input)") : NULL, err);
		return EXIT_INPUT;
	}
	if (log->source.kind == SOURCE_BISECT_IN_PROGRESS)
		path = log->path;
	refusal = log_refusal(log);
	if (refusal) {
		app_error(app, strcmp(path, "-") ? path : _("(standard input)"), refusal);
		talloc_free(log);
		return EXIT_INPUT;
	}
	if (app->mode == MODE_REPLAY) {
		status = print_replay(app, path, log);
		talloc_free(log);
		return status;
	}
	if (log->format != LOG_FORMAT_CRASH_REPORT && !app->no_tree) {
		struct tree *t = tree_open(log, app->tree_path, app->trust_repo, &err);

		if (!t && err) {
			app_error(app, app->tree_path ? app->tree_path : getenv("BISVIEW_TREE"), err);
			talloc_free(log);
			return EXIT_INPUT;
		}
		if (t && app->syz_test) {
			status = syz_test_run(app, t, log);
			talloc_free(log);
			return status;
		}
		if (t)
			rc.xref = batch_tree_facts(t, log, log, app);
		input_in_progress_update(log, rc.xref);
	}
	if (app->syz_test) {
		app_error(app, NULL, _("--syz-test needs a tree: -C DIR or $BISVIEW_TREE"));
		talloc_free(log);
		return EXIT_INPUT;
	}
	report_assess(log, log, &rc);
	if (app->mode == MODE_JSON)
		status = report_json(stdout, log, &rc);
	else
		status = report_summary(stdout, log, &rc);
	suspicious = rc.assessment->verdict == ASSESS_SUSPICIOUS;
	talloc_free(log);
	if (status < 0 || fflush(stdout) != 0) {
		app_error(app, _("(standard output)"), _("write error"));
		return EXIT_INPUT;
	}
	return app->check && suspicious ? EXIT_SUSPICIOUS : 0;
}

/* BISVIEW_TALLOC_REPORT=FILE (for tests, with valgrind): track talloc's
 * top-level contexts and, at exit, after everything is freed, write
 * talloc's full report of them to FILE - "total 0 bytes" when nothing
 * outlived the app context. The explorer's git worker turns tracking off
 * (talloc's NULL context is not thread-safe), so with a tree the report
 * covers what was allocated before it started; valgrind covers the rest. */
static const char *talloc_report_begin(void)
{
	const char *path = getenv("BISVIEW_TALLOC_REPORT");

	if (path && *path)
		talloc_enable_null_tracking();
	return path && *path ? path : NULL;
}

static void talloc_report_end(const char *path)
{
	FILE *f;

	if (!path || !(f = fopen(path, "w")))
		return;
	talloc_report_full(NULL, f);
	fprintf(f, "top-level blocks: %zu\n", talloc_total_blocks(NULL));
	fclose(f);
	talloc_disable_null_tracking();  /* frees the NULL context itself */
}

int main(int argc, char **argv)
{
	const char *report = talloc_report_begin();
	const char *localedir = getenv("BISVIEW_LOCALEDIR"), *no_color = getenv("NO_COLOR");
	struct app *app;
	int status;

	setlocale(LC_ALL, "");
	/* Numbers stay C's: "0.96" in JSON and --scan fields, and the
	 * parser's strtod() reads the logs' "0.50" whatever the language. */
	setlocale(LC_NUMERIC, "C");
	/* BISVIEW_LOCALEDIR: catalogs not yet installed (the tests' own) */
	bindtextdomain(PACKAGE, localedir && *localedir ? localedir : LOCALEDIR);
	textdomain(PACKAGE);

	app = talloc_zero(NULL, struct app);
	app->t_start = monotonic_seconds();
	app->script_cols = 80;
	app->script_rows = 24;
	app->san_flags = locale_is_utf8() ? 0 : SAN_ASCII;
	app->no_color = no_color && *no_color;
	if (parse_options(app, argc, argv) < 0) {
		talloc_free(app);
		talloc_report_end(report);
		return EXIT_INPUT;
	}
	prepare_url(app);
	if (app->demo && prepare_demo(app) < 0)
		status = EXIT_INPUT;
	else if (app->mode == MODE_SCAN)
		status = scan_paths(app);
	else if (app->mode == MODE_UI)
		status = ui_run(app);
	else
		status = run_one(app);
	talloc_free(app);
	talloc_report_end(report);
	return status;
}
