/* Key names (see keys.h). */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <wchar.h>

#include "ui/keys.h"

static const struct {
	const char *name;
	int key;
} named_keys[] = {
	{ "Enter", KEYC_ENTER },
	{ "Tab", KEYC_TAB },
	{ "Esc", KEYC_ESC },
	{ "Space", ' ' },
	{ "Backspace", KEY_FN | KEY_BACKSPACE },
	{ "Up", KEY_FN | KEY_UP },
	{ "Down", KEY_FN | KEY_DOWN },
	{ "Left", KEY_FN | KEY_LEFT },
	{ "Right", KEY_FN | KEY_RIGHT },
	{ "PgUp", KEY_FN | KEY_PPAGE },
	{ "PgDown", KEY_FN | KEY_NPAGE },
	{ "Home", KEY_FN | KEY_HOME },
	{ "End", KEY_FN | KEY_END },
	{ "Del", KEY_FN | KEY_DC },
	{ "C-Up", KEYX_CTRL_UP },
	{ "C-Down", KEYX_CTRL_DOWN },
	{ "Lt", '<' },
	{ "F1", KEY_FN | KEY_F(1) },
	{ "F2", KEY_FN | KEY_F(2) },
	{ "F3", KEY_FN | KEY_F(3) },
	{ "F4", KEY_FN | KEY_F(4) },
	{ "F5", KEY_FN | KEY_F(5) },
	{ "F6", KEY_FN | KEY_F(6) },
	{ "F7", KEY_FN | KEY_F(7) },
	{ "F8", KEY_FN | KEY_F(8) },
	{ "F9", KEY_FN | KEY_F(9) },
	{ "F10", KEY_FN | KEY_F(10) },
	{ "F11", KEY_FN | KEY_F(11) },
	{ "F12", KEY_FN | KEY_F(12) },
};

char *key_label(const void *ctx, int key)
{
	char buf[MB_LEN_MAX + 1];
	mbstate_t st;
	size_t n;

	for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
		if (named_keys[i].key == key && key != '<')
			return talloc_asprintf(ctx, "<%s>", named_keys[i].name);
	if (key > 0 && key < 0x20)
		return talloc_asprintf(ctx, "<C-%c>", key + 'a' - 1);
	if (key & KEY_FN || key <= 0 || key == 0x7f)
		return talloc_asprintf(ctx, "<%#x>", (unsigned)key);
	memset(&st, 0, sizeof(st));
	n = wcrtomb(buf, (wchar_t)key, &st);
	if (n == (size_t)-1)
		return talloc_asprintf(ctx, "<U+%04X>", (unsigned)key);
	buf[n] = '\0';
	return talloc_strdup(ctx, buf);
}

int key_parse(const char **s)
{
	const char *p = *s;
	wchar_t wc;
	mbstate_t st;
	size_t n;

	if (!*p)
		return -1;
	if (*p == '<') {
		const char *end = strchr(p, '>');
		size_t len;

		if (end && end > p + 1) {
			len = (size_t)(end - p - 1);
			for (size_t i = 0; i < sizeof(named_keys) / sizeof(named_keys[0]); i++)
				if (strlen(named_keys[i].name) == len &&
				    strncasecmp(named_keys[i].name, p + 1, len) == 0) {
					*s = end + 1;
					return named_keys[i].key;
				}
			/* <C-x>: a control character */
			if (len == 3 && (p[1] == 'C' || p[1] == 'c') && p[2] == '-' &&
			    ((p[3] >= 'a' && p[3] <= 'z') || (p[3] >= 'A' && p[3] <= 'Z'))) {
				*s = end + 1;
				return KEY_CTRL(p[3]);
			}
			return -1;
		}
	}
	memset(&st, 0, sizeof(st));
	n = mbrtowc(&wc, p, MB_CUR_MAX, &st);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || wc < 0x20)
		return -1;
	*s = p + n;
	return (int)wc;
}

int key_by_name(const char *name)
{
	int key = key_parse(&name);

	return key >= 0 && *name == '\0' ? key : -1;
}
