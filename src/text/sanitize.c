/* Neutralising escape sequences and control characters in untrusted text. */
#include "config.h"

#include <langinfo.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <wchar.h>

#include "text/sanitize.h"

size_t utf8_decode(const unsigned char *s, size_t len, long *cp)
{
	size_t n;
	long c;
	long min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
		min = 0x80;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
		min = 0x800;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
		min = 0x10000;
	} else {
		*cp = -1;
		return 1;
	}
	if (len < n) {
		*cp = -1;
		return 1;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*cp = -1;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and values past U+10FFFF are invalid */
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
		*cp = -1;
		return 1;
	}
	*cp = c;
	return n;
}

static bool is_format_char(long c)
{
	return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
	       c == 0x200e || c == 0x200f || c == 0x061c ||
	       (c >= 0x200b && c <= 0x200d) || c == 0x2060 || c == 0xfeff;
}

struct out {
	char *buf;
	size_t len, cap;
	size_t col;   /* for tab expansion */
	unsigned flags;
};

static void put_byte(struct out *o, char c)
{
	o->buf[o->len++] = c;
}

static void put_cp(struct out *o, long c)
{
	if (c < 0x80) {
		put_byte(o, (char)c);
	} else if (o->flags & SAN_ASCII) {
		put_byte(o, '?');
	} else if (c < 0x800) {
		put_byte(o, (char)(0xc0 | (c >> 6)));
		put_byte(o, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		put_byte(o, (char)(0xe0 | (c >> 12)));
		put_byte(o, (char)(0x80 | ((c >> 6) & 0x3f)));
		put_byte(o, (char)(0x80 | (c & 0x3f)));
	} else {
		put_byte(o, (char)(0xf0 | (c >> 18)));
		put_byte(o, (char)(0x80 | ((c >> 12) & 0x3f)));
		put_byte(o, (char)(0x80 | ((c >> 6) & 0x3f)));
		put_byte(o, (char)(0x80 | (c & 0x3f)));
	}
	o->col++;
}

/* A control character made visible: U+2400 + c ("␛" for ESC), or "^X"
 * when only ASCII may be written. */
static void put_control(struct out *o, unsigned char c)
{
	if (o->flags & SAN_ASCII) {
		put_byte(o, '^');
		put_byte(o, c == 0x7f ? '?' : (char)(c + 64));
		o->col += 2;
	} else {
		put_cp(o, c == 0x7f ? 0x2421 : 0x2400 + c);
	}
}

/* Length of an escape sequence starting with ESC at s[0], including its
 * payload and terminator (ECMA-48: CSI, OSC, DCS, SOS, PM, APC). */
static size_t escape_len(const unsigned char *s, size_t len)
{
	size_t i;

	if (len < 2)
		return 1;
	switch (s[1]) {
	case '[':
		for (i = 2; i < len; i++)
			if (s[i] >= 0x40 && s[i] <= 0x7e)
				return i + 1;
		return len;
	case ']': case 'P': case 'X': case '^': case '_':
		for (i = 2; i < len; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\')
				return i + 2;
		}
		return len;
	default:
		/* ESC plus intermediates (0x20-0x2f) plus one final byte */
		for (i = 1; i < len && s[i] >= 0x20 && s[i] <= 0x2f; i++)
			;
		return i < len ? i + 1 : len;
	}
}

/* The same for an 8-bit C1 introducer (U+009B CSI, U+009D OSC, ...),
 * whose two-byte UTF-8 form starts at s[0]. */
static size_t c1_escape_len(const unsigned char *s, size_t len, long c)
{
	size_t i;

	if (c == 0x9b) {
		for (i = 2; i < len; i++)
			if (s[i] >= 0x40 && s[i] <= 0x7e)
				return i + 1;
		return len;
	}
	if (c == 0x9d || c == 0x90 || c == 0x98 || c == 0x9e || c == 0x9f) {
		for (i = 2; i < len; i++) {
			if (s[i] == 0x07)
				return i + 1;
			if (i + 1 < len && s[i] == 0xc2 && s[i + 1] == 0x9c)
				return i + 2;
			if (s[i] == 0x1b && i + 1 < len && s[i + 1] == '\\')
				return i + 2;
		}
		return len;
	}
	return 2;
}

char *sanitize(const void *ctx, const char *str, size_t len, unsigned flags)
{
	const unsigned char *s = (const unsigned char *)str;
	struct out o = { .flags = flags };
	size_t i = 0, tabs = 0;

	/* worst case: every byte becomes 3 bytes, a tab 8 spaces */
	for (size_t k = 0; k < len; k++)
		tabs += s[k] == '\t';
	o.cap = len * 3 + tabs * 8 + 1;

	o.buf = talloc_size(ctx, o.cap);
	while (i < len) {
		long c;
		size_t n;

		if (s[i] == 0x1b) {
			i += escape_len(s + i, len - i);
			continue;
		}
		n = utf8_decode(s + i, len - i, &c);
		if (c >= 0x80 && c <= 0x9f) {
			n = c1_escape_len(s + i, len - i, c);
			if (n == 2)
				put_cp(&o, 0xfffd);
			i += n;
			continue;
		}
		i += n;
		/* bytes that are no UTF-8, and the invisible format characters
		 * (bidi, zero-width: all above U+0600) */
		if (c < 0 || is_format_char(c)) {
			put_cp(&o, 0xfffd);
		} else if (c == '\n') {
			if (flags & (SAN_KEEP_NEWLINES | SAN_JSON)) {
				put_byte(&o, '\n');
				o.col = 0;
			} else {
				put_byte(&o, ' ');
				o.col++;
			}
		} else if (c == '\t') {
			if (flags & SAN_JSON) {
				put_byte(&o, '\t');
			} else {
				do
					put_byte(&o, ' ');
				while (++o.col % 8);
			}
		} else if (c < 0x20 || c == 0x7f) {
			/* the JSON writer escapes C0 controls but not DEL */
			if ((flags & SAN_JSON) && c != 0x7f)
				put_byte(&o, (char)c);
			else
				put_control(&o, (unsigned char)c);
		} else {
			put_cp(&o, c);
		}
	}
	o.buf[o.len] = '\0';
	return talloc_realloc(ctx, o.buf, char, o.len + 1);
}

char *sanitize_str(const void *ctx, const char *s, unsigned flags)
{
	return s ? sanitize(ctx, s, strlen(s), flags) : NULL;
}

int text_width(const char *text)
{
	mbstate_t st;
	int w = 0;

	memset(&st, 0, sizeof(st));
	while (text && *text) {
		wchar_t wc;
		size_t n = mbrtowc(&wc, text, strlen(text), &st);
		int cw;

		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			memset(&st, 0, sizeof(st));
			n = 1;
			cw = 1;
		} else {
			cw = wcwidth(wc);
			if (cw < 0)
				cw = 1;
		}
		w += cw;
		text += n;
	}
	return w;
}

bool locale_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (strcasecmp(cs, "UTF-8") == 0 || strcasecmp(cs, "utf8") == 0);
}
