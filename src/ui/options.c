/* The options table (options.h) as `set` reads it, as the defaults and
 * as the manual lists it. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/options.h"

/* xgettext expands no macro: here is OPTIONS_SET_HELP as it extracts it,
 * the msgid of po/de.po. An option added or removed changes the size. */
_Static_assert(sizeof(OPTIONS_SET_HELP) ==
	       sizeof(N_("Set an option: hint-bar mouse split split-size line-numbers ignore-case "
			 "osc52 syz-test-repo syzbot-url")),
	       "OPTIONS_SET_HELP changed: change the msgid above to it (and po/de.po)");

enum option_kind { OPTION_BOOL, OPTION_WORDS, OPTION_PERCENT, OPTION_TEXT };

struct option_word {
	const char *word;
	int value;
};

struct option_info {
	const char *name;
	enum option_kind kind;
	const char *invalid;                /* WORDS, PERCENT: the error for a bad value */
	const struct option_word *words;    /* WORDS, PERCENT: ends at a NULL word */
	int min, max;                       /* PERCENT */
	const char *help;                   /* the manual's text */
	/* The field, as an int (a bool is 0 or 1, WORDS a word's value). */
	int (*get)(const struct ui_options *o);
	void (*set)(struct ui_options *o, int value);
	/* TEXT: the field itself (get and set are NULL). */
	option_text *(*text)(struct ui_options *o);
};

#define OPTION_VALUE_BOOL() .kind = OPTION_BOOL
#define OPTION_VALUE_WORDS(error, ...) \
	.kind = OPTION_WORDS, .invalid = (error), \
	.words = (const struct option_word[]){ __VA_ARGS__, { NULL, 0 } }
#define OPTION_VALUE_PERCENT(lo, hi, error, ...) \
	.kind = OPTION_PERCENT, .min = (lo), .max = (hi), .invalid = (error), \
	.words = (const struct option_word[]){ __VA_ARGS__, { NULL, 0 } }
#define OPTION_VALUE_TEXT(error) .kind = OPTION_TEXT, .invalid = (error)

/* The accessors by the value's kind: OPTION_ACCESS_BOOL() expands to
 * OPTION_INT_ACCESS, which the (type, field) after it then calls. */
#define OPTION_INT_ACCESS(o_type, o_field) \
	static int get_##o_field(const struct ui_options *o) \
	{ \
		return (int)o->o_field; \
	} \
	static void set_##o_field(struct ui_options *o, int value) \
	{ \
		o->o_field = (o_type)value; \
	}
#define OPTION_TEXT_ACCESS(o_type, o_field) \
	static option_text *text_##o_field(struct ui_options *o) \
	{ \
		return &o->o_field; \
	}
#define OPTION_ACCESS_BOOL(...) OPTION_INT_ACCESS
#define OPTION_ACCESS_WORDS(...) OPTION_INT_ACCESS
#define OPTION_ACCESS_PERCENT(...) OPTION_INT_ACCESS
#define OPTION_ACCESS_TEXT(...) OPTION_TEXT_ACCESS
#define OPTION_FUNCS_BOOL(...) OPTION_INT_FUNCS
#define OPTION_FUNCS_WORDS(...) OPTION_INT_FUNCS
#define OPTION_FUNCS_PERCENT(...) OPTION_INT_FUNCS
#define OPTION_FUNCS_TEXT(...) OPTION_TEXT_FUNCS
#define OPTION_INT_FUNCS(o_field) .get = get_##o_field, .set = set_##o_field
#define OPTION_TEXT_FUNCS(o_field) .text = text_##o_field

#define OPTION_ACCESS(o_name, o_type, o_field, o_default, o_value, ...) \
	OPTION_ACCESS_##o_value(o_type, o_field)
UI_OPTIONS(OPTION_ACCESS)
#undef OPTION_ACCESS

#define OPTION_INFO(o_name, o_type, o_field, o_default, o_value, o_help) \
	{ .name = (o_name), OPTION_VALUE_##o_value, .help = (o_help), \
	  OPTION_FUNCS_##o_value(o_field) },
static const struct option_info options[] = { UI_OPTIONS(OPTION_INFO) };
#undef OPTION_INFO

#define N_OPTIONS (sizeof(options) / sizeof(options[0]))

struct ui_options options_defaults(void)
{
#define OPTION_DEFAULT(o_name, o_type, o_field, o_default, ...) .o_field = (o_default),
	return (struct ui_options){ UI_OPTIONS(OPTION_DEFAULT) };
#undef OPTION_DEFAULT
}

static int parse_bool(const char *s)
{
	if (!strcasecmp(s, "yes") || !strcasecmp(s, "true") || !strcmp(s, "1") ||
	    !strcasecmp(s, "on"))
		return 1;
	if (!strcasecmp(s, "no") || !strcasecmp(s, "false") || !strcmp(s, "0") ||
	    !strcasecmp(s, "off"))
		return 0;
	return -1;
}

/* A whole number from min to max, "%" after it allowed; -1 otherwise. */
static int parse_percent(const char *s, int min, int max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*end == '%')
		end++;
	if (errno || *end || v < min || v > max)
		return -1;
	return (int)v;
}

/* One word of printable ASCII that fits: what a git URL is. */
static bool set_text(option_text *t, const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len >= sizeof(t->s))
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] <= ' ' || s[i] > '~')
			return false;
	memcpy(t->s, s, len + 1);
	return true;
}

static int parse_word(const struct option_word *words, const char *s)
{
	for (size_t i = 0; words[i].word; i++)
		if (!strcmp(s, words[i].word))
			return words[i].value;
	return -1;
}

const char *option_set(struct ui_options *o, const void *ctx, const char *name,
		       const char *value)
{
	for (size_t i = 0; i < N_OPTIONS; i++) {
		const struct option_info *opt = &options[i];
		int v;

		if (strcmp(name, opt->name) != 0)
			continue;
		if (opt->kind == OPTION_TEXT)
			return set_text(opt->text(o), value) ? NULL : _(opt->invalid);
		switch (opt->kind) {
		case OPTION_BOOL:
			v = parse_bool(value);
			if (v < 0)
				return talloc_asprintf(ctx, _("'%s' is yes or no"), name);
			break;
		case OPTION_WORDS:
			v = parse_word(opt->words, value);
			break;
		default:
			/* a word ("auto") or a number */
			v = parse_word(opt->words, value);
			if (v < 0)
				v = parse_percent(value, opt->min, opt->max);
			break;
		}
		if (v < 0)
			return _(opt->invalid);
		opt->set(o, v);
		return NULL;
	}
	return talloc_asprintf(ctx, _("unknown option '%s'"), name);
}

static const char *value_word(const void *ctx, const struct option_info *opt, int v);

const char *option_get(const struct ui_options *o, const void *ctx, const char *name)
{
	struct ui_options copy = *o;   /* the accessors take a mutable one */

	for (size_t i = 0; i < N_OPTIONS; i++) {
		const struct option_info *opt = &options[i];

		if (strcmp(name, opt->name) != 0)
			continue;
		if (opt->kind == OPTION_TEXT)
			return talloc_strdup(ctx, opt->text(&copy)->s);
		return value_word(ctx, opt, opt->get(o));
	}
	return NULL;
}

/* Roff text: a backslash is \e, a minus \- (as keys_doc.c writes them). */
static void roff_put(FILE *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\')
			fputs("\\e", out);
		else if (s[i] == '-')
			fputs("\\-", out);
		else
			fputc(s[i], out);
	}
}

/* A text line: one that would start with a dot or a quote (a request)
 * starts with \&. */
static void roff_line(FILE *out, const char *s, size_t len)
{
	if (len && (*s == '.' || *s == '\''))
		fputs("\\&", out);
	roff_put(out, s, len);
	fputc('\n', out);
}

static bool is_word_of(const struct option_info *opt, const char *s, size_t len)
{
	for (size_t i = 0; opt->words && opt->words[i].word; i++)
		if (strlen(opt->words[i].word) == len && !strncmp(s, opt->words[i].word, len))
			return true;
	return false;
}

/* The help text, one line per run of plain words; each of the option's
 * WORDS on a `.B` line of its own. */
static void roff_help(FILE *out, const struct option_info *opt)
{
	const char *text = _(opt->help), *run = text;

	for (const char *p = text; *p;) {
		size_t len = strcspn(p, " ");

		if (is_word_of(opt, p, len)) {
			if (p > run)
				roff_line(out, run, (size_t)(p - run) - 1);
			fputs(".B ", out);
			roff_line(out, p, len);
			run = p + len + (p[len] == ' ');
		}
		p += len + (p[len] == ' ');
	}
	if (*run)
		roff_line(out, run, strlen(run));
}

/* The value as `set` takes it: "yes", "auto", "67". */
static const char *value_word(const void *ctx, const struct option_info *opt, int v)
{
	for (size_t i = 0; opt->words && opt->words[i].word; i++)
		if (opt->words[i].value == v)
			return opt->words[i].word;
	if (opt->kind == OPTION_BOOL)
		return v ? "yes" : "no";
	return talloc_asprintf(ctx, "%d", v);
}

/* A TEXT option's manual entry; false (and why on stderr) when
 * data/bisviewrc sets another value than the table's default. */
static bool roff_text_default(FILE *out, const struct option_info *opt,
			      const struct ui_options *defaults, const struct ui_options *built_in)
{
	struct ui_options d = *defaults, b = *built_in;
	const char *want = opt->text(&d)->s, *got = opt->text(&b)->s;

	if (strcmp(want, got) != 0) {
		fprintf(stderr, "bisview: data/bisviewrc sets %s to %s, its default in "
			"src/ui/options.h is %s\n", opt->name, got, want);
		return false;
	}
	fputs(".TP\n.BR \"", out);
	roff_put(out, opt->name, strlen(opt->name));
	fputs("\" \" (", out);
	roff_put(out, want, strlen(want));
	fputs(")\"\n", out);
	roff_help(out, opt);
	return true;
}

int options_dump_roff(FILE *out, const struct ui_options *built_in)
{
	struct ui_options defaults = options_defaults();
	void *tmp = talloc_new(NULL);

	for (size_t i = 0; i < N_OPTIONS; i++) {
		const struct option_info *opt = &options[i];
		int v = opt->text ? 0 : opt->get(&defaults);

		if (opt->text) {
			if (!roff_text_default(out, opt, &defaults, built_in)) {
				talloc_free(tmp);
				return -1;
			}
			continue;
		}
		/* not translated: a message for whoever builds bisview */
		if (opt->get(built_in) != v) {
			fprintf(stderr, "bisview: data/bisviewrc sets %s to %s, its default in "
				"src/ui/options.h is %s\n", opt->name,
				value_word(tmp, opt, opt->get(built_in)), value_word(tmp, opt, v));
			talloc_free(tmp);
			return -1;
		}
		/* .BR "split\-size" " (67)" */
		fputs(".TP\n.BR \"", out);
		roff_put(out, opt->name, strlen(opt->name));
		fprintf(out, "\" \" (%s)\"\n", value_word(tmp, opt, v));
		roff_help(out, opt);
	}
	talloc_free(tmp);
	return 0;
}
