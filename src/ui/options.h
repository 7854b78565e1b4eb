/* The options `set NAME = VALUE` sets, declared once (tig's OPTION_INFO):
 * the field of struct ui_options, how `set` reads the value, the default
 * and the manual's text all come from a row of UI_OPTIONS below. A new
 * option is one row here; data/bisviewrc, the installed example, says
 * `set NAME = DEFAULT` for each (the man page's build checks it). */
#ifndef BISVIEW_UI_OPTIONS_H
#define BISVIEW_UI_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>

enum split_mode { SPLIT_AUTO, SPLIT_BELOW, SPLIT_BESIDE };
/* split-size = auto: each side by what it needs (ui_draw.c). */
#define SPLIT_SIZE_AUTO 0

/* A TEXT option's value (a git URL fits). */
typedef struct {
	char s[256];
} option_text;

/* O(name, C type, field, default, value, help), in the order the help
 * view and the manual list them. value says how `set` reads one:
 *   BOOL()                  yes/no (true/false, on/off, 1/0);
 *   WORDS(error, {word, value}...)  one of the words;
 *   PERCENT(min, max, error, {word, value}...)  a whole number, "%" after
 *                           it allowed, or one of the words;
 *   TEXT(error)             one word of printable ASCII (a URL), kept in
 *                           an option_text (a value: struct ui_options
 *                           stays a plain copyable value);
 * error is the message for any other value. help is the manual's text
 * (--dump-keys=roff-options); a word of WORDS in it is set in bold. */
#define UI_OPTIONS(O) \
	O("hint-bar", bool, hint_bar, true, BOOL(), \
	  N_("A line with the current view's main keys.")) \
	O("mouse", bool, mouse, true, BOOL(), \
	  N_("Mouse wheel and clicks.")) \
	O("split", enum split_mode, split, SPLIT_AUTO, \
	  WORDS(N_("split is auto, below or beside"), \
		{ "auto", SPLIT_AUTO }, { "below", SPLIT_BELOW }, { "beside", SPLIT_BESIDE }), \
	  N_("Where a second view opens: below the first, beside it, or auto " \
	     "(beside from 160 columns on).")) \
	O("split-size", int, split_percent, SPLIT_SIZE_AUTO, \
	  PERCENT(20, 80, N_("split-size is auto or a percentage from 20 to 80"), \
		  { "auto", SPLIT_SIZE_AUTO }), \
	  N_("The second pane's share of the screen, in percent from 20 to 80, or auto: " \
	     "beside, the list gets the width its columns and a commit subject need " \
	     "and the second pane the rest (at least 72 columns); below, the second " \
	     "pane gets two thirds. A percentage given wins over auto.")) \
	O("line-numbers", bool, line_numbers, true, BOOL(), \
	  N_("Line numbers in the raw log and source views.")) \
	O("ignore-case", bool, ignore_case, true, BOOL(), \
	  N_("Searches ignore case.")) \
	O("osc52", bool, osc52, true, BOOL(), \
	  N_("y copies the selected hash to the clipboard by OSC 52 (else it is only shown).")) \
	O("syz-test-repo", option_text, syz_test_repo, \
	  (option_text){ "git://git.kernel.org/pub/scm/linux/kernel/git/torvalds/linux.git" }, \
	  TEXT(N_("syz-test-repo is one word of printable ASCII (a git URL)")), \
	  N_("The tree the #syz test mail of --syz-test and the explorer names.")) \
	O("syzbot-url", option_text, syzbot_url, (option_text){ "https://syzkaller.appspot.com" }, \
	  TEXT(N_("syzbot-url is one word of printable ASCII (an http or https URL)")), \
	  N_("The syzbot dashboard: its bug pages and text links are recognised " \
	     "there (besides syzkaller.appspot.com), and --extid ID without a LOG " \
	     "opens its bug page. A mirror, or a test's server."))

#define UI_OPTION_FIELD(name, type, field, ...) type field;
struct ui_options {
	UI_OPTIONS(UI_OPTION_FIELD)
};
#undef UI_OPTION_FIELD

/* The help view's text for `:set` (untranslated: give it to _()):
 * "Set an option: hint-bar mouse split ...", the names from the table. */
#define UI_OPTION_NAME(name, ...) " " name
#define OPTIONS_SET_HELP ("Set an option:" UI_OPTIONS(UI_OPTION_NAME))

/* Every option at its default. */
struct ui_options options_defaults(void);

/* `set name = value`: NULL, or the error (translated, under ctx). */
const char *option_set(struct ui_options *o, const void *ctx, const char *name,
		       const char *value);

/* The option's value as `set` takes it ("yes", "auto", "67", a text),
 * under ctx; NULL for an unknown name. */
const char *option_get(const struct ui_options *o, const void *ctx, const char *name);

/* --dump-keys=roff-options: the manual's list of options (.TP items with
 * each default and text). Returns 0, or -1 (and says why on stderr)
 * when `built_in`, the options after data/bisviewrc, differ from the
 * defaults here: the manual would state a default the program lacks. */
int options_dump_roff(FILE *out, const struct ui_options *built_in);

#endif
