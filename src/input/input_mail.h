/* src/input/'s own: the log a mail or mbox holds (doc/design.md §12.1),
 * between mail.c (GMime, the message) and input.c (the door). */
#ifndef BISVIEW_INPUT_INPUT_MAIL_H
#define BISVIEW_INPUT_INPUT_MAIL_H

#include "input/input.h"
#include "input/mail.h"

/* What one message offers. */
enum mail_holds {
	MAIL_HOLDS_NOTHING,
	MAIL_HOLDS_LINKS,            /* only links: the log is behind bisection_log */
	MAIL_HOLDS_LOG,
};

/* The log message m holds, parsed under ctx as path, with log->source
 * saying mail; NULL when it holds none (*holds says whether links are
 * there, and *err the one-line reason naming the link). */
struct blog *mail_message_log(const void *ctx, const char *path, const struct mail_message *m,
			      enum mail_holds *holds, const char **err);

/* The log of the mail raw->text (read by log_load() as path), message
 * index (1-based; 0: the one message, or the only one that holds a log
 * or a link). raw is freed. NULL with *err when there is none. A
 * message that only links to its log has it fetched from the link under
 * req's rules (the cache, --offline); req NULL: not followed, *err names
 * the link. */
struct blog *input_mail_load(const void *ctx, const char *path, struct blog *raw, long index,
			     const struct input_request *req, const char **err);

/* The messages of the mbox raw->text as entries named "PATH#N"; NULL
 * (raw untouched) when it holds fewer than two messages. A message that
 * only links to its log is followed when req->follow_links (req may be
 * NULL: not followed). */
struct input_entry *input_mail_entries(const void *ctx, const char *path, const struct blog *raw,
				       const struct input_request *req, size_t *n);

#endif
