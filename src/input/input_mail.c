/* The log a mail or mbox holds (input_mail.h, doc/design.md §12.1). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "input/input_mail.h"
#include "input/syzbot_url.h"
#include "log/parse.h"

static bool is_bisection(const struct blog *log)
{
	return log->format == LOG_FORMAT_SYZBOT || log->format == LOG_FORMAT_GIT_BISECT;
}

/* The lines of text that start with '>', quoting kept (lines.c removes
 * it): a reply that quotes a log under a few lines of its own, where the
 * quoted lines are not the most. NULL when none. */
static char *quoted_lines(const void *ctx, const char *text, size_t len, size_t *out_len)
{
	char *out = talloc_size(ctx, len + 1);
	const char *p = text, *end = text + len;
	size_t n = 0;

	if (!out)
		return NULL;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl ? nl + 1 : end) - p);

		if (p[0] == '>') {
			memcpy(out + n, p, l);
			n += l;
		}
		p += l;
	}
	out[n] = '\0';
	*out_len = n;
	if (n == 0) {
		talloc_free(out);
		return NULL;
	}
	return out;
}

/* A bisection log in one text (as it is, or its quoted lines), else the
 * crash report it is (in *report, when none was found before). */
static struct blog *text_log(const void *ctx, const char *path, const struct mail_text *t,
			     struct blog **report)
{
	struct blog *log = log_parse(ctx, path, t->text, t->len);
	size_t qlen;
	char *q;

	if (is_bisection(log))
		return log;
	if (log->format == LOG_FORMAT_CRASH_REPORT && !*report) {
		*report = log;
		log = NULL;
	}
	talloc_free(log);
	q = quoted_lines(ctx, t->text, t->len, &qlen);
	if (!q)
		return NULL;
	log = log_parse(ctx, path, q, qlen);
	talloc_free(q);
	if (is_bisection(log))
		return log;
	talloc_free(log);
	return NULL;
}

/* "the bisection log is at URL; open that URL" (the link is printable
 * ASCII: mail.c keeps no other). */
static const char *links_error(const void *ctx, const struct mail_links *l)
{
	if (l->bisection_log)
		return talloc_asprintf(ctx, _("a mail without the log: the bisection log is at %s; open that URL"),
				       l->bisection_log);
	return talloc_asprintf(ctx, _("a mail without the log: the crash report is at %s; open that URL"),
			       l->crash_report);
}

struct blog *mail_message_log(const void *ctx, const char *path, const struct mail_message *m,
			      enum mail_holds *holds, const char **err)
{
	struct blog *log = NULL, *report = NULL;

	for (size_t i = 0; i < m->n_texts && !log; i++)
		log = text_log(ctx, path, &m->texts[i], &report);
	/* a bisection log beats a link to one; a link to one beats a crash
	 * report (the "bisected" mail quotes the crash it bisected) */
	if (!log && m->links.bisection_log) {
		talloc_free(report);
		report = NULL;
	}
	if (!log)
		log = report;
	else
		talloc_free(report);
	if (log) {
		*holds = MAIL_HOLDS_LOG;
		log->source.kind = SOURCE_MAIL;
		log->source.subject = m->subject ? talloc_strdup(log, m->subject) : NULL;
		log->source.extid = m->extid ? talloc_strdup(log, m->extid) : NULL;
		if (!log->crash_title && log->format == LOG_FORMAT_CRASH_REPORT && m->crash_title)
			log->crash_title = talloc_strdup(log, m->crash_title);
		*err = NULL;
		return log;
	}
	if (m->links.bisection_log || m->links.crash_report) {
		*holds = MAIL_HOLDS_LINKS;
		*err = links_error(ctx, &m->links);
	} else {
		*holds = MAIL_HOLDS_NOTHING;
		*err = _("a mail with no bisection log, crash report or link to one");
	}
	return NULL;
}

/* index 0 in an mbox of several: the only message that holds a log or
 * a link. NULL with *err when none or several do. */
static const struct mail_message *only_message(const void *ctx, const char *path,
					       const struct mail_box *box, const char **err)
{
	const struct mail_message *found = NULL;
	size_t with = 0;

	for (size_t i = 0; i < box->n; i++) {
		void *tmp = talloc_new(NULL);
		enum mail_holds holds;
		const char *e;

		mail_message_log(tmp, path, &box->messages[i], &holds, &e);
		if (holds != MAIL_HOLDS_NOTHING && with++ == 0)
			found = &box->messages[i];
		talloc_free(tmp);
	}
	if (with == 1)
		return found;
	if (with == 0)
		*err = talloc_asprintf(ctx, _("none of the %zu messages holds a bisection log or a link to one"),
				       box->n);
	else
		*err = talloc_asprintf(ctx, _("%zu messages hold a log or a link: name one as %s#N "
					      "(bisview --scan %s lists them)"),
				       with, path, path);
	return NULL;
}

/* A mail that only links to its log (syzbot's "bisected this issue to"
 * mail): the log fetched from its link, the crash report from its own
 * (doc/design.md §12.3), under the mail's name and source. NULL with
 * *err naming the link and why it could not be read. */
static struct blog *follow_links(const void *ctx, const char *name, const struct mail_message *m,
				 const struct input_request *req, const char **err)
{
	struct input_request link = *req;
	const char *url = m->links.bisection_log ? m->links.bisection_log : m->links.crash_report;
	struct blog *log;

	link.arg = url;
	link.fix = false;   /* a text link is read as it is */
	log = syzbot_url_load(ctx, &link, err);
	if (!log) {
		*err = talloc_asprintf(ctx, "%s: %s", url, *err);
		return NULL;
	}
	log->path = talloc_strdup(log, name);
	log->source.kind = SOURCE_MAIL;
	log->source.subject = m->subject ? talloc_strdup(log, m->subject) : NULL;
	if (m->extid)
		log->source.extid = talloc_strdup(log, m->extid);
	if (m->links.bisection_log && m->links.crash_report)
		syzbot_attach_report(log, req, m->links.crash_report, true);
	return log;
}

struct blog *input_mail_load(const void *ctx, const char *path, struct blog *raw, long index,
			     const struct input_request *req, const char **err)
{
	void *tmp = talloc_new(NULL);
	bool too_many = mail_too_many_parts(raw->text, raw->text_len);
	const char *unread = NULL;
	struct mail_box *box = too_many ? NULL : mail_read(tmp, raw->text, raw->text_len, &unread);
	const struct mail_message *m = NULL;
	struct blog *log = NULL;
	enum mail_holds holds;
	/* the name the user gave, for the log: "MBOX#2", or the file */
	const char *name = index > 0 ? talloc_asprintf(tmp, "%s#%ld", path, index) : path;

	talloc_free(raw);
	*err = NULL;
	if (too_many)
		*err = _("more than 20,000 MIME boundary lines: not read as a mail");
	else if (!box)
		*err = unread ? talloc_strdup(ctx, unread) : _("a mail with no message in it");
	else if (index > 0 && (size_t)index > box->n)
		*err = talloc_asprintf(ctx, _("no message %ld: the mbox holds %zu"), index, box->n);
	else if (index > 0)
		m = &box->messages[index - 1];
	else if (box->n == 1)
		m = &box->messages[0];
	else
		m = only_message(ctx, path, box, err);
	if (m) {
		log = mail_message_log(ctx, name, m, &holds, err);
		if (holds == MAIL_HOLDS_LINKS && req)
			log = follow_links(ctx, name, m, req, err);
		if (*err)
			*err = talloc_strdup(ctx, *err);
	}
	talloc_free(tmp);
	return log;
}

struct input_entry *input_mail_entries(const void *ctx, const char *path, const struct blog *raw,
				       const struct input_request *req, size_t *n)
{
	void *tmp = talloc_new(NULL);
	const char *unread;
	/* too many parts, or no GMime: input_mail_load() says so, as one entry */
	struct mail_box *box = mail_too_many_parts(raw->text, raw->text_len) ? NULL :
		mail_read(tmp, raw->text, raw->text_len, &unread);
	struct input_entry *e = NULL;

	*n = 0;
	if (box && box->n >= 2) {
		e = talloc_zero_array(ctx, struct input_entry, box->n);
		for (size_t i = 0; i < box->n; i++) {
			const struct mail_message *m = &box->messages[i];
			enum mail_holds holds;

			e[i].name = talloc_asprintf(e, "%s#%zu", path, i + 1);
			e[i].subject = m->subject ? talloc_strdup(e, m->subject) : NULL;
			e[i].date = m->date ? talloc_strdup(e, m->date) : NULL;
			e[i].log = mail_message_log(e, e[i].name, m, &holds, &e[i].err);
			/* a batch reads every log there is: behind the link too */
			if (holds == MAIL_HOLDS_LINKS && req && req->follow_links) {
				e[i].err = NULL;
				e[i].log = follow_links(e, e[i].name, m, req, &e[i].err);
			}
			if (e[i].err)
				e[i].err = talloc_strdup(e, e[i].err);
			e[i].links_only = holds == MAIL_HOLDS_LINKS && !e[i].log;
		}
		*n = box->n;
	}
	talloc_free(tmp);
	return e;
}
