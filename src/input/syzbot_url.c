/* syzbot's URLs and bug pages (syzbot_url.h, doc/design.md §12.2). A bug
 * page is HTML from a server: it is searched, never trusted - a link is
 * taken only when it is plain printable ASCII and http(s) or relative to
 * the page, and it is fetched under the same limits as the page. */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "input/cache.h"
#include "input/fetch.h"
#include "input/syzbot_url.h"
#include "log/parse.h"
#include "text/sanitize.h"

/* The dashboard itself asks unauthenticated clients for about one
 * request a second (doc/design.md §12.2): a bug page costs up to three. */
#define SYZBOT_HOST "syzkaller.appspot.com"

/* The length of url's "scheme://host[:port]" (0 when it has none). */
static size_t origin_len(const char *url)
{
	const char *host = strstr(url, "://");

	return host ? (size_t)(host + 3 - url) + strcspn(host + 3, "/?#") : 0;
}

/* url's path and query after base (both normalised), or NULL when url
 * is not under base. */
static const char *under_base(const char *url, const char *base)
{
	size_t n = strlen(base);

	while (n > 0 && base[n - 1] == '/')
		n--;
	if (n == 0 || strncmp(url, base, n) != 0 || (url[n] != '/' && url[n] != '?'))
		return NULL;
	return url + n;
}

static bool is_real_syzbot(const char *norm)
{
	return under_base(norm, "https://" SYZBOT_HOST) || under_base(norm, "http://" SYZBOT_HOST);
}

enum syzbot_url_kind syzbot_url_kind(const char *url, const char *base)
{
	void *tmp = talloc_new(NULL);
	char *norm = cache_normalise(tmp, url);
	const char *rest = is_real_syzbot(norm) ? norm + origin_len(norm) : NULL;
	enum syzbot_url_kind kind = SYZBOT_OTHER;
	size_t path;

	if (!rest && base && *base)
		rest = under_base(norm, cache_normalise(tmp, base));
	if (rest) {
		path = strcspn(rest, "?");
		if (path == 4 && strncmp(rest, "/bug", 4) == 0 &&
		    (syzbot_url_param(tmp, rest, "extid") || syzbot_url_param(tmp, rest, "id")))
			kind = SYZBOT_BUG_PAGE;
		else if (strncmp(rest, "/x/", 3) == 0 || (path == 5 && strncmp(rest, "/text", 5) == 0))
			kind = SYZBOT_TEXT;
	}
	talloc_free(tmp);
	return kind;
}

char *syzbot_url_param(const void *ctx, const char *url, const char *name)
{
	const char *q = strchr(url, '?');
	size_t n = strlen(name);

	while (q) {
		q++;
		if (strncmp(q, name, n) == 0 && q[n] == '=') {
			const char *v = q + n + 1;
			size_t len = 0;

			while (isalnum((unsigned char)v[len]))
				len++;
			if (len == 0 || len > 64 || (v[len] && v[len] != '&' && v[len] != '#'))
				return NULL;
			return talloc_strndup(ctx, v, len);
		}
		q = strchr(q, '&');
	}
	return NULL;
}

/* The first place in [from, end) where any of the words begins, or end. */
static const char *first_of(const char *from, const char *end, const char *const *words)
{
	const char *best = end;

	for (size_t i = 0; words[i]; i++) {
		const char *p = strstr(from, words[i]);

		if (p && p < best)
			best = p;
	}
	return best;
}

/* An href's value made a URL: &amp; decoded, checked, made absolute
 * against the page. NULL for anything else (a javascript: link, a
 * quote or control character, a "//host" or relative path). */
static char *link_url(const void *ctx, const char *page_url, const char *v, size_t len)
{
	char *s = talloc_size(ctx, len + 1), *o = s;

	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)v[i];

		if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '\'' || c == '\\')
			return NULL;
		if (c == '&' && len - i >= 5 && strncmp(v + i, "&amp;", 5) == 0)
			i += 4;
		*o++ = (char)c;
	}
	*o = '\0';
	if (fetch_is_url(s))
		return s;
	if (s[0] == '/' && s[1] != '/' && origin_len(page_url))
		return talloc_asprintf(ctx, "%.*s%s", (int)origin_len(page_url), page_url, s);
	return NULL;
}

/* The first link in [from, end) whose URL holds one of needles. */
static char *find_link(const void *ctx, const char *page_url, const char *from, const char *end,
		       const char *const *needles)
{
	for (const char *p = strstr(from, "href=\""); p && p < end; p = strstr(p, "href=\"")) {
		const char *v = p + 6, *q = strchr(v, '"');
		char *url;

		if (!q || q > end)
			return NULL;
		url = link_url(ctx, page_url, v, (size_t)(q - v));
		for (size_t i = 0; url && needles[i]; i++)
			if (strstr(url, needles[i]))
				return url;
		p = q;
	}
	return NULL;
}

/* "Reported-by: syzbot+<extid>@" on the page. */
static char *page_extid(const void *ctx, const char *html)
{
	for (const char *p = strstr(html, "syzbot+"); p; p = strstr(p + 1, "syzbot+")) {
		size_t n = 0;

		while (isalnum((unsigned char)p[7 + n]))
			n++;
		if (n > 0 && n <= 64 && p[7 + n] == '@')
			return talloc_strndup(ctx, p + 7, n);
	}
	return NULL;
}

int syzbot_bug_page(const void *ctx, const char *page_url, const char *html, bool fix,
		    struct syzbot_bug_links *links, const char **err)
{
	static const char *const bisect_links[] = { "/x/bisect.txt?", "tag=Log&", NULL };
	static const char *const report_links[] = { "/x/report.txt?", "tag=CrashReport&", NULL };
	/* the template's bisection blocks: each starts in its own div */
	static const char *const section_ends[] = { "bug-bisection-info", "bug-bisection-stop",
						    "Cause bisection", "Fix bisection", NULL };
	const char *end = html + strlen(html);
	const char *start = strstr(html, fix ? "Fix bisection" : "Cause bisection");
	const char *stop = start ? first_of(start + 1, end, section_ends) : NULL;

	*links = (struct syzbot_bug_links){ .extid = page_extid(ctx, html) };
	if (start)
		links->bisect_log = find_link(ctx, page_url, start, stop, bisect_links);
	if (!links->bisect_log) {
		*err = fix ? _("the bug page links no fix bisection log")
			   : _("the bug page links no cause bisection log (--fix: the fix one)");
		return -1;
	}
	links->report = find_link(ctx, page_url, start, stop, report_links);
	if (!links->report)
		links->report = find_link(ctx, page_url, html, end, report_links);
	return 0;
}

/* "URL: reason" for a URL other than the one the user named. */
static const char *about(const void *ctx, const char *url, const char *reason)
{
	return talloc_asprintf(ctx, "%s: %s", sanitize_str(ctx, url, SAN_ASCII), reason);
}

/* Before another fetch from syzbot's own host: a second's pause when the
 * last one asked the network and this one will too. */
static void pace(const struct input_request *req, const char *url, bool last_from_network)
{
	void *tmp = talloc_new(NULL);
	char *path = cache_path(tmp, url);

	if (last_from_network && is_real_syzbot(cache_normalise(tmp, url)) && !req->offline &&
	    ((req->refresh && !req->reload) || !path || access(path, F_OK) != 0))
		sleep(1);
	talloc_free(tmp);
}

static bool has_crash_report(const struct blog *log)
{
	return log->result.crash_report && *log->result.crash_report;
}

void syzbot_attach_report(struct blog *log, const struct input_request *req, const char *url,
			  bool last_from_network)
{
	void *tmp;
	char *body;
	size_t len;
	const char *err;

	if (has_crash_report(log))
		return;
	tmp = talloc_new(NULL);
	pace(req, url, last_from_network);
	if (fetch_url(tmp, req, url, &body, &len, &err) == 0 && len > 0)
		log->source.crash_report = talloc_strndup(log, body, len);
	talloc_free(tmp);
}

struct blog *syzbot_url_load(const void *ctx, const struct input_request *req, const char **err)
{
	void *tmp = talloc_new(NULL);
	const char *url = req->arg, *log_url = url;
	enum syzbot_url_kind kind = syzbot_url_kind(url, req->syzbot_url);
	char *extid = kind == SYZBOT_OTHER ? NULL : syzbot_url_param(tmp, url, "extid");
	struct syzbot_bug_links links = { 0 };
	struct blog *log;
	char *body;
	size_t len;
	bool net = false;

	if (kind == SYZBOT_BUG_PAGE) {
		if (fetch_url_ex(tmp, req, url, &body, &len, &net, err) < 0 ||
		    syzbot_bug_page(tmp, url, body, req->fix, &links, err) < 0) {
			*err = talloc_strdup(ctx, *err);
			talloc_free(tmp);
			return NULL;
		}
		log_url = links.bisect_log;
		extid = extid ? extid : links.extid;
		pace(req, log_url, net);
	}
	if (fetch_url_ex(tmp, req, log_url, &body, &len, &net, err) < 0) {
		*err = log_url == url ? talloc_strdup(ctx, *err) : about(ctx, log_url, *err);
		talloc_free(tmp);
		return NULL;
	}
	log = log_parse(ctx, url, body, len);
	log->source.kind = SOURCE_URL;
	log->source.url = talloc_strdup(log, log_url);
	if (extid)
		log->source.extid = talloc_strdup(log, extid);
	if (links.report)
		syzbot_attach_report(log, req, links.report, net);
	talloc_free(tmp);
	return log;
}
