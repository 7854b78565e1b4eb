/* Making untrusted text (logs, commit messages) safe for a terminal.
 *
 * Every string from a log or a commit passes through here before it is
 * printed or drawn. No escape sequence survives: CSI, OSC (OSC 8 links,
 * OSC 52 clipboard), DCS/PM/APC/SOS and 8-bit C1 introducers are removed
 * with their payload; other control characters become visible symbols;
 * bidi overrides and zero-width characters ("Trojan Source") become
 * U+FFFD; invalid UTF-8 becomes U+FFFD. The result is valid UTF-8 (or
 * pure ASCII with SAN_ASCII).
 */
#ifndef BISVIEW_TEXT_SANITIZE_H
#define BISVIEW_TEXT_SANITIZE_H

#include <stdbool.h>
#include <stddef.h>

enum sanitize_flag {
	SAN_ASCII = 1,          /* non-UTF-8 locale: only printable ASCII out */
	SAN_KEEP_NEWLINES = 2,  /* keep '\n' (else it becomes a space) */
	SAN_JSON = 4,           /* keep tabs and C0 controls: the JSON writer escapes them
				 * (DEL, which it does not escape, becomes a symbol) */
};

/* A sanitised copy of s[0..len) under ctx. */
char *sanitize(const void *ctx, const char *s, size_t len, unsigned flags);

/* The same for a C string; NULL stays NULL. */
char *sanitize_str(const void *ctx, const char *s, unsigned flags);

/* Decode one UTF-8 sequence at s (len > 0). Returns its length in bytes
 * and the code point, or length 1 and -1 for an invalid byte. */
size_t utf8_decode(const unsigned char *s, size_t len, long *cp);

/* The columns a terminal gives text in the locale (wcwidth); what the
 * locale cannot decode or measure, a control character included, counts
 * as 1 - as the explorer's grid draws it. printf's %-12s counts bytes. */
int text_width(const char *text);

/* Is the locale's character set UTF-8? */
bool locale_is_utf8(void);

#endif
