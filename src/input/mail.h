/* A mail or an mbox, read with GMime (doc/design.md §12.1): per message
 * its headers, the syzbot bug id, the text/plain parts decoded to UTF-8
 * and the links syzbot's mail carries. Everything returned is plain
 * talloc memory: no GMime object or string leaves mail.c. Any thread. */
#ifndef BISVIEW_INPUT_MAIL_H
#define BISVIEW_INPUT_MAIL_H

#include <stdbool.h>
#include <stddef.h>

/* The links of a syzbot mail (http(s) URLs of printable ASCII, kept as
 * strings; NULL when the mail has none). The "syzbot has bisected this
 * issue to:" mail carries only these: the log is behind bisection_log. */
struct mail_links {
	const char *bisection_log;   /* "bisection log:" */
	const char *crash_report;    /* "crash report:", or "final oops:" */
	const char *console_output;  /* "console output:" */
};

/* One decoded text/plain part: the body, or a text/plain attachment. */
struct mail_text {
	const char *text;            /* UTF-8 as far as the charset allowed; may hold NULs */
	size_t len;
	bool attachment;
};

struct mail_message {
	const char *subject;         /* decoded (RFC 2047), or NULL; untrusted */
	const char *date;            /* the Date: header as written, or NULL */
	const char *message_id;      /* or NULL */
	const char *extid;           /* syzbot+<extid>@ in From/To/Cc/Reply-To or a Reported-by: line */
	const char *crash_title;     /* the subject without "Re:" and [tags], or NULL */
	struct mail_text *texts;     /* in the message's order */
	size_t n_texts;
	struct mail_links links;
};

struct mail_box {
	struct mail_message *messages;
	size_t n;
};

/* Does text start as a mail: an mbox "From " line, or RFC 5322 header
 * lines up to a blank line, one of them From, Subject, Message-ID or
 * Date? (Decided by shape, never by a log parser failing.) */
bool mail_looks_like(const char *text, size_t len);

/* Is text too many MIME parts for GMime to hold at once (more than
 * 20,000 lines starting with "--")? Such a mail is refused, not read. */
bool mail_too_many_parts(const char *text, size_t len);

/* Reads a message or an mbox. Never fails on content: a part GMime
 * cannot decode is skipped, the rest kept; NULL only when no message
 * at all is there (or out of memory), or with *err ("GMime could not be
 * loaded: why", under ctx) when GMime cannot be: it is loaded on the
 * first call (doc/design.md §12.4). Under ctx. */
struct mail_box *mail_read(const void *ctx, const char *text, size_t len, const char **err);

#endif
