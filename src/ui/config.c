/* The config language (tig's): `set OPTION = VALUE`, `bind VIEW KEY
 * ACTION`, `color AREA FG BG [ATTR...]`, `#` comments. The built-in
 * defaults are data/bisviewrc, compiled in (bisviewrc.inc); the user's
 * file is read after them. A bad line is reported with its file and line
 * and skipped: the program goes on. The file is only ever read. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/config_file.h"
#include "ui/keys.h"
#include "ui/options.h"
#include "ui/request.h"
#include "text/sanitize.h"
#include "ui/ui.h"

static const char builtin_config[] =
#include "ui/bisviewrc.inc"
	;

#define MAX_WORDS 8
#define CONFIG_MAX_BYTES (1 << 20)

/* Splits line into words at blanks. A word starting with '#' starts a
 * comment, so '#' itself cannot be bound (as in tig's own config). */
static size_t split_words(char *line, char **w)
{
	size_t n = 0;
	char *p = line;

	while (*p && n < MAX_WORDS) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			break;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
	return n;
}

/* `set NAME = VALUE`: the options table (options.h) reads the value. */
static const char *set_option(struct ui *ui, const void *ctx, char **w, size_t n)
{
	/* w[n] on are not set: no word is read before n says it is there */
	if (n != 4 || strcmp(w[2], "=") != 0)
		return _("expected: set OPTION = VALUE");
	return option_set(&ui->opt, ctx, w[1], w[3]);
}

static const char *bind_key(struct ui *ui, const void *ctx, char **w, size_t n)
{
	int view, key, req;

	if (n != 4)
		return _("expected: bind VIEW KEY ACTION");
	view = view_kind_by_name(w[1]);
	if (view < 0)
		return talloc_asprintf(ctx, _("unknown view '%s'"), w[1]);
	key = key_by_name(w[2]);
	if (key < 0)
		return talloc_asprintf(ctx, _("unknown key '%s'"), w[2]);
	req = request_by_name(w[3]);
	if (req < 0 && strcmp(w[3], "none") != 0)
		return talloc_asprintf(ctx, _("unknown action '%s'"), w[3]);
	keymap_bind(ui->keymap, (enum view_kind)view, key, req < 0 ? REQ_NONE : (enum request)req);
	return NULL;
}

static int parse_color(const char *s)
{
	static const char *const names[] = { "black", "red", "green", "yellow",
					     "blue", "magenta", "cyan", "white" };
	char *end;
	long v;

	if (!strcmp(s, "default"))
		return -1;
	for (int i = 0; i < 8; i++)
		if (!strcmp(s, names[i]))
			return i;
	if (!strncmp(s, "color", 5))
		s += 5;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < 0 || v > 255)
		return -2;
	return (int)v;
}

static int parse_attr(const char *s)
{
	static const struct { const char *name; int attr; } attrs[] = {
		{ "normal", A_NORMAL }, { "bold", A_BOLD }, { "dim", A_DIM },
		{ "reverse", A_REVERSE }, { "underline", A_UNDERLINE },
		{ "standout", A_STANDOUT },
	};

	for (size_t i = 0; i < sizeof(attrs) / sizeof(attrs[0]); i++)
		if (!strcmp(s, attrs[i].name))
			return attrs[i].attr;
	return -1;
}

static const char *set_color(struct ui *ui, const void *ctx, char **w, size_t n)
{
	int area, fg, bg, attr = A_NORMAL;

	if (n < 4)
		return _("expected: color AREA FG BG [ATTR...]");
	area = area_by_name(w[1]);
	if (area < 0)
		return talloc_asprintf(ctx, _("unknown area '%s'"), w[1]);
	fg = parse_color(w[2]);
	bg = parse_color(w[3]);
	if (fg < -1 || bg < -1)
		return talloc_asprintf(ctx, _("unknown colour '%s'"), fg < -1 ? w[2] : w[3]);
	for (size_t i = 4; i < n; i++) {
		int a = parse_attr(w[i]);

		if (a < 0)
			return talloc_asprintf(ctx, _("unknown attribute '%s'"), w[i]);
		attr |= a;
	}
	ui->colors[area] = (struct ui_color){ (short)fg, (short)bg, attr };
	return NULL;
}

const char *config_line(struct ui *ui, const void *ctx, const char *line)
{
	char *copy = talloc_strdup(ctx, line), *w[MAX_WORDS];
	size_t n = split_words(copy, w);

	if (n == 0)
		return NULL;
	if (!strcmp(w[0], "set"))
		return set_option(ui, ctx, w, n);
	if (!strcmp(w[0], "bind"))
		return bind_key(ui, ctx, w, n);
	if (!strcmp(w[0], "color"))
		return set_color(ui, ctx, w, n);
	return talloc_asprintf(ctx, _("unknown command '%s'"), w[0]);
}

static void config_error(struct ui *ui, const char *file, int line, const char *msg)
{
	ui->config_errors = talloc_realloc(ui, ui->config_errors, struct config_error,
					   ui->n_config_errors + 1);
	ui->config_errors[ui->n_config_errors++] = (struct config_error){
		talloc_strdup(ui, file), line, talloc_strdup(ui, msg)
	};
}

/* Runs every line of text (len bytes, not necessarily NUL-terminated);
 * errors go to ui->config_errors as FILE:LINE. */
void config_text(struct ui *ui, const char *file, const char *text, size_t len)
{
	void *tmp = talloc_new(NULL);
	size_t start = 0;
	int lineno = 0;

	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) : len;
		char *line = talloc_strndup(tmp, text + start, end - start);
		const char *err;

		lineno++;
		if (strlen(line) != end - start)
			err = _("NUL byte in line");
		else
			err = config_line(ui, tmp, line);
		if (err)
			config_error(ui, file, lineno, err);
		start = end + 1;
	}
	talloc_free(tmp);
}

void config_defaults(struct ui *ui)
{
	ui->keymap = keymap_new(ui);
	ui->opt = options_defaults();
	for (int i = 0; i < AREA_COUNT; i++)
		ui->colors[i] = (struct ui_color){ -1, -1, A_NORMAL };
	config_text(ui, "data/bisviewrc", builtin_config, sizeof(builtin_config) - 1);
}

char *config_user_path(const void *ctx)
{
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	if (xdg && *xdg)
		return talloc_asprintf(ctx, "%s/bisview/config", xdg);
	if (home && *home)
		return talloc_asprintf(ctx, "%s/.config/bisview/config", home);
	return NULL;
}

/* A missing file is no error, an unreadable or oversized one is. */
void config_load_user(struct ui *ui)
{
	void *tmp = talloc_new(NULL);
	char *path = config_user_path(tmp), *text;
	size_t len = 0;
	FILE *f;

	if (!path)
		goto out;
	f = fopen(path, "r");
	if (!f) {
		if (errno != ENOENT)
			config_error(ui, path, 0, strerror(errno));
		goto out;
	}
	text = talloc_size(tmp, CONFIG_MAX_BYTES + 1);
	len = fread(text, 1, CONFIG_MAX_BYTES + 1, f);
	if (ferror(f))
		config_error(ui, path, 0, strerror(errno));
	else if (len > CONFIG_MAX_BYTES)
		config_error(ui, path, 0, _("larger than 1 MiB, not read"));
	else
		config_text(ui, path, text, len);
	fclose(f);
out:
	talloc_free(tmp);
}

/* The options alone, for the modes without the explorer (--syz-test):
 * the built-in defaults and the user's file, read as the explorer reads
 * them; a bad line is reported on standard error and skipped. */
struct ui_options config_options(void)
{
	struct ui *ui = talloc_zero(NULL, struct ui);
	struct ui_options opt;

	config_defaults(ui);
	config_load_user(ui);
	for (size_t i = 0; i < ui->n_config_errors; i++) {
		const struct config_error *e = &ui->config_errors[i];
		char *file = sanitize_str(ui, e->file, 0);

		if (e->line > 0)
			fprintf(stderr, "%s: %s:%d: %s\n", PACKAGE, file, e->line, e->message);
		else
			fprintf(stderr, "%s: %s: %s\n", PACKAGE, file, e->message);
	}
	opt = ui->opt;
	talloc_free(ui);
	return opt;
}
