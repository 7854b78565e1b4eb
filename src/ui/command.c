/* The `:` commands: one table that the prompt and script mode run and
 * the help view lists. The config lines (set, bind, color) are config.c's
 * language; the dumps are tig's :save-display / :save-view. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/canvas.h"
#include "ui/command.h"
#include "ui/config_file.h"
#include "ui/options.h"
#include "ui/request.h"
#include "ui/triage.h"
#include "ui/ui.h"
#include "ui/ui_draw.h"
#include "ui/ui_input.h"
#include "ui/view.h"

/* What a command takes after its name, and so what its handler gets as
 * arg. */
enum command_arg {
	ARG_NONE,          /* nothing (words after the name are ignored): NULL */
	ARG_FILE,          /* an optional FILE: the rest of the line, or NULL */
	ARG_CONFIG_LINE,   /* a config file's line: the whole line */
	ARG_LINE_NUMBER,   /* no name, the command is a number (:N): NULL */
	ARG_ACTION,        /* no name, the command is a request's name: NULL */
};

struct command {
	const char *name, *alias;   /* NULL for :N and :ACTION, told by their form */
	enum command_arg arg;
	/* word: the command's first word, as typed */
	void (*run)(struct ui *ui, const char *word, const char *arg);
	/* The help's words after the name ("[FILE]"); all of it without one. */
	const char *syntax;
	const char *help;           /* N_(); NULL: not in the help */
};

/* :N goes to the number the view shows: step N in the steps list (the
 * number --summary, --json's index and --flip N use), else line N
 * (1-based, as in less and vim, and as the log and source views number
 * their lines) */
static void go_to_line(struct ui *ui, const char *word, const char *arg)
{
	char *end;
	long n = strtol(word, &end, 10);
	struct view *v = ui_focused(ui);
	long first = v->kind == VIEW_STEPS ? 0 : 1;

	(void)arg;
	if (*end || n < first || !v->n_rows)
		ui_error(ui, v->kind == VIEW_STEPS ? _("no step %s") : _("no line %s"), word);
	else
		view_select(v, (size_t)(n - first) < v->n_rows ? (size_t)(n - first) : v->n_rows - 1);
}

static void run_action(struct ui *ui, const char *word, const char *arg)
{
	(void)arg;
	ui_request(ui, (enum request)request_by_name(word));
}

static void quit(struct ui *ui, const char *word, const char *arg)
{
	(void)word;
	(void)arg;
	ui->quit = true;
}

static void run_config_line(struct ui *ui, const char *word, const char *line)
{
	void *tmp = talloc_new(NULL);
	const char *err = config_line(ui, tmp, line);

	if (err) {
		ui_error(ui, "%s", err);
	} else if (!strcmp(word, "set")) {
		/* say what it is now, as vim's :set does */
		const char *name = line + strspn(line, " \t") + strlen("set");
		size_t n;
		const char *value;

		name += strspn(name, " \t");
		n = strcspn(name, " \t=");
		value = option_get(&ui->opt, tmp, talloc_strndup(tmp, name, n));
		if (value)
			ui_status(ui, "%.*s = %s", (int)n, name, ui_clean(ui, tmp, value));
	}
	talloc_free(tmp);
}

/* Where a dump goes: file when given, else the script's output or
 * standard output; NULL (and the status says why) when file cannot be
 * written. */
static FILE *dump_open(struct ui *ui, const char *file)
{
	FILE *out = ui->dump ? ui->dump : stdout;

	if (file && *file) {
		out = fopen(file, "w");
		if (!out)
			ui_error(ui, "%s: %s", file, strerror(errno));
	}
	return out;
}

static void dump_close(struct ui *ui, FILE *out)
{
	if (out != stdout && out != ui->dump)
		fclose(out);
	else
		fflush(out);
}

static void dump_screen(struct ui *ui, const char *word, const char *file)
{
	FILE *out = dump_open(ui, file);

	(void)word;
	if (!out)
		return;
	ui_draw(ui);
	canvas_dump(ui->canvas, out);
	dump_close(ui, out);
}

static void dump_view(struct ui *ui, const char *word, const char *file)
{
	FILE *out = dump_open(ui, file);
	struct view *v;
	void *tmp;

	(void)word;
	if (!out)
		return;
	ui_draw(ui);
	v = ui_focused(ui);
	tmp = talloc_new(NULL);
	fprintf(out, "view\t%s\tstep\t%d\trows\t%zu\tselected\t%zu\toffset\t%zu\n",
		view_name(v), v->step, v->n_rows, v->selected, v->offset);
	for (size_t i = 0; i < v->n_rows; i++) {
		const char *f = v->ops->fields ? v->ops->fields(v, tmp, i) : v->ops->text(v, tmp, i);

		fprintf(out, "%s%zu\t%s\n", i == v->selected ? ">" : " ", i, f ? f : "");
	}
	talloc_free(tmp);
	dump_close(ui, out);
}

static void dump_timing(struct ui *ui, const char *word, const char *arg)
{
	FILE *out = ui->dump ? ui->dump : stdout;

	(void)word;
	(void)arg;
	fprintf(out, "first-screen\t%.6f\nfacts-loaded\t%.6f\n",
		ui->t_first_screen > 0 ? ui->t_first_screen - ui->t_start : -1.0,
		ui->t_facts > 0 ? ui->t_facts - ui->t_start : -1.0);
	if (ui->triage)
		ui_triage_dump_timing(ui, out);
	fflush(out);
}

/* In the order the help lists them. */
static const struct command commands[] = {
	{ NULL, NULL, ARG_LINE_NUMBER, go_to_line, "N", N_("Go to line N of the view") },
	{ NULL, NULL, ARG_ACTION, run_action, "ACTION",
	  N_("Run any action above by its name (:view-diff, :jump-culprit)") },
	{ "quit", "q", ARG_NONE, quit, NULL, N_("Quit") },
	{ "set", NULL, ARG_CONFIG_LINE, run_config_line, "OPTION = VALUE", OPTIONS_SET_HELP },
	{ "bind", NULL, ARG_CONFIG_LINE, run_config_line, "VIEW KEY ACTION",
	  N_("Bind a key, as in the config file") },
	{ "color", NULL, ARG_CONFIG_LINE, run_config_line, "AREA FG BG [ATTR...]",
	  N_("Change the colours of an area") },
	{ "dump-screen", NULL, ARG_FILE, dump_screen, "[FILE]", N_("Write the screen as text") },
	{ "dump-view", NULL, ARG_FILE, dump_view, "[FILE]",
	  N_("Write the view's rows as tab-separated fields") },
	/* script mode's, for the timing tests: not in the help */
	{ "dump-timing", NULL, ARG_NONE, dump_timing, NULL, NULL },
};

#define N_COMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct command *command_find(const char *word)
{
	/* names first: "quit" is a command before it is an action */
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct command *c = &commands[i];

		if (c->name && (!strcmp(word, c->name) || (c->alias && !strcmp(word, c->alias))))
			return c;
	}
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct command *c = &commands[i];

		if (c->arg == ARG_LINE_NUMBER && *word >= '0' && *word <= '9')
			return c;
		if (c->arg == ARG_ACTION && request_by_name(word) > 0)
			return c;
	}
	return NULL;
}

bool ui_command(struct ui *ui, const char *line)
{
	void *tmp = talloc_new(NULL);
	char *word = talloc_strdup(tmp, line), *rest;
	const struct command *c;

	while (*word == ' ')
		word++;
	rest = strchr(word, ' ');
	if (rest) {
		*rest++ = '\0';
		while (*rest == ' ')
			rest++;
	}
	c = command_find(word);
	if (c)
		c->run(ui, word, c->arg == ARG_FILE ? rest : c->arg == ARG_CONFIG_LINE ? line : NULL);
	else
		ui_error(ui, _("unknown command: %s"), ui_clean(ui, tmp, word));
	talloc_free(tmp);
	return c != NULL;
}

void command_help_walk(const void *ctx, command_help_fn *fn, void *arg)
{
	for (size_t i = 0; i < N_COMMANDS; i++) {
		const struct command *c = &commands[i];
		const char *usage;

		if (!c->help)
			continue;
		if (!c->name)
			usage = talloc_asprintf(ctx, ":%s", c->syntax);
		else
			usage = talloc_asprintf(ctx, ":%s%s%s%s%s", c->name, c->alias ? ", :" : "",
						c->alias ? c->alias : "", c->syntax ? " " : "",
						c->syntax ? c->syntax : "");
		fn(usage, _(c->help), arg);
	}
}
