/* Splitting input bytes into lines, and undoing what mail does to a log.
 *
 * Physical lines index the unchanged input (struct blog.lines). Logical
 * lines are what the parsers read: the same lines for a plain log; for a
 * log pasted from mail, the text with "> " quoting removed and
 * quoted-printable soft breaks joined, each logical line remembering the
 * physical lines it came from. Logical lines are not NUL-terminated and
 * may contain NUL bytes.
 */
#ifndef BISVIEW_LOG_LINES_H
#define BISVIEW_LOG_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "log/model.h"

/* More lines than any bisection log has (real ones: < 100,000): the input
 * is refused rather than indexed, which bounds memory at ~160 MiB. */
#define LOG_MAX_LINES ((size_t)4 << 20)

struct pline {
	const char *s;
	size_t len;
	int first, last; /* physical line numbers, 1-based */
};

/* Fill log->lines from log->text (one CR before each LF is stripped) and
 * build the logical lines (a talloc array under log). Sets
 * log->mail_quoted when quoting was removed. */
struct pline *lines_logical(struct blog *log, size_t *n);

/* Join line b onto line a (for wrapped mail lines); the result lives
 * under ctx and spans both lines' physical ranges. */
struct pline lines_join(const void *ctx, const struct pline *a, const struct pline *b);

/* Small matching helpers shared by the parsers. */
static inline bool pl_starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static inline bool pl_equals(const char *s, size_t len, const char *word)
{
	return len == strlen(word) && memcmp(s, word, len) == 0;
}

/* '|' and '&' rather than '||' and '&&': in a hash, digits and letters
 * come at random, and a branch on which one it is mispredicts half the
 * time (that made hex_run the hottest loop of --scan). */
static inline bool is_hex_char(char c)
{
	return ((unsigned char)(c - '0') < 10) | ((unsigned char)(c - 'a') < 6);
}

/* Length of the run of lower-case hex digits at s (at most len). */
static inline size_t hex_run(const char *s, size_t len)
{
	size_t i = 0;

	/* hashes are 40 digits: test four at a time while we can */
	while (i + 4 <= len && (is_hex_char(s[i]) & is_hex_char(s[i + 1]) &
				is_hex_char(s[i + 2]) & is_hex_char(s[i + 3])))
		i += 4;
	while (i < len && is_hex_char(s[i]))
		i++;
	return i;
}

/* A full commit hash: exactly 40 hex digits, then the end or a space. */
static inline bool is_hash_at(const char *s, size_t len)
{
	return hex_run(s, len) == HASH_HEX_LEN &&
	       (len == HASH_HEX_LEN || s[HASH_HEX_LEN] == ' ');
}

#endif
