/* syzbot's URLs (doc/design.md §12.2): its text links (/x/bisect.txt?x=,
 * /x/report.txt?x=, /x/log.txt?x=, the older /text?tag=...&x=) are
 * fetched and parsed as they are; a bug page (/bug?extid=, /bug?id=) is
 * read for its cause-bisection log link (--fix: the fix one), its extid
 * and a crash report link. Any other http(s) URL is fetched as a log. */
#ifndef BISVIEW_INPUT_SYZBOT_URL_H
#define BISVIEW_INPUT_SYZBOT_URL_H

#include "input/input.h"
#include "log/model.h"

/* The dashboard's address when `set syzbot-url` says none. */
#define SYZBOT_DEFAULT_URL "https://syzkaller.appspot.com"

enum syzbot_url_kind {
	SYZBOT_OTHER,      /* not syzbot's: fetched as a log */
	SYZBOT_TEXT,       /* a text link: fetched as a log */
	SYZBOT_BUG_PAGE,   /* /bug?extid= or /bug?id=: HTML, followed */
};

/* What url is. syzbot's own host and base (`set syzbot-url`, NULL: the
 * default) are the dashboard; a path alone never makes a URL syzbot's. */
enum syzbot_url_kind syzbot_url_kind(const char *url, const char *base);

/* The value of query parameter name in url, under ctx, when it is 1 to
 * 64 letters and digits; else NULL (a hostile URL's extid is no text). */
char *syzbot_url_param(const void *ctx, const char *url, const char *name);

/* What a bug page links to (syzbot_bug_page()). */
struct syzbot_bug_links {
	char *bisect_log;  /* the cause (or fix) bisection's log, absolute */
	char *report;      /* a crash report: the bisection's own, else the page's first */
	char *extid;       /* from the page's Reported-by: syzbot+<extid>@ */
};

/* Reads a bug page's HTML (page_url resolves its relative links).
 * Returns 0, or -1 with *err when it has no such bisection log. */
int syzbot_bug_page(const void *ctx, const char *page_url, const char *html, bool fix,
		    struct syzbot_bug_links *links, const char **err);

/* A URL as a log: fetched (fetch_url()), a bug page followed; the log's
 * source says kind url, its own URL and the extid. NULL with *err (one
 * translated line; a URL other than req->arg is named in it). */
struct blog *syzbot_url_load(const void *ctx, const struct input_request *req, const char **err);

/* A crash report fetched from url into log->source.crash_report when
 * the log has none of its own (the crash view shows it); a failure costs
 * only that. last_from_network: the fetch before it asked the network
 * (syzbot's pace). */
void syzbot_attach_report(struct blog *log, const struct input_request *req, const char *url,
			  bool last_from_network);

#endif
