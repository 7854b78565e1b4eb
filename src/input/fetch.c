/* Fetching a URL with libcurl (doc/design.md §12.2). Everything a server
 * sends is untrusted: its size, its pace, where it redirects, what it
 * says it is. A transfer that breaks any limit is an error, never a cut
 * copy, and nothing of it reaches the cache (cache.c writes only a whole
 * answer). */
#include "config.h"

#include <curl/curl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "input/dynlib.h"
#include "input/cache.h"
#include "input/fetch.h"
#include "input/syzbot_url.h"
#include "text/sanitize.h"

bool fetch_is_url(const char *s)
{
	return s && (strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0);
}

/* libcurl's functions that fetch.c calls: looked up the first time a URL
 * is fetched, not linked (doc/design.md §12.4), so that a plain log does
 * not load libcurl and its TLS, LDAP, Kerberos and SSH libraries. */
#define CURL_FUNCTIONS(F)                                                   \
	F(curl_, global_init) F(curl_, easy_init) F(curl_, easy_setopt)     \
	F(curl_, easy_perform) F(curl_, easy_getinfo) F(curl_, easy_cleanup) \
	F(curl_, easy_strerror)

struct curl_api {
	CURL_FUNCTIONS(DYNLIB_MEMBER)
};

/* Loading libcurl and curl_global_init() must happen once per process
 * before the first handle and, in libcurl 7.88, are not safe to race
 * (the explorer's reload and a later worker may both fetch). pthread_once
 * is the standard's guard for exactly that; the once-flag and the table
 * hold libcurl's functions, no state of bisview's, so they are not the
 * globals doc/design.md rules out. Nothing calls curl_global_cleanup():
 * a fetch may come at any time until exit, and the process's exit
 * releases what libcurl's TLS library holds. */
static pthread_once_t curl_once = PTHREAD_ONCE_INIT;
static const char *const curl_names[] = { CURL_FUNCTIONS(DYNLIB_NAME) };
static void *curl_addresses[sizeof(curl_names) / sizeof(curl_names[0])];
static struct dynlib curl_lib = { LIBCURL_SONAME, curl_names, curl_addresses,
				  sizeof(curl_names) / sizeof(curl_names[0]), "" };
static struct curl_api curl_api;
static bool curl_loaded;

static void curl_load_once(void)
{
	if (!dynlib_load(&curl_lib))
		return;
	DYNLIB_FILL(&curl_api, curl_addresses, CURL_FUNCTIONS);
	curl_api.global_init(CURL_GLOBAL_DEFAULT);
	curl_loaded = true;
}

/* libcurl's functions, loaded on the first call; NULL with *err when
 * libcurl cannot be loaded (not installed, or not the one configure
 * found), the loader's reason in the line. */
static const struct curl_api *curl_functions(const void *ctx, const char **err)
{
	pthread_once(&curl_once, curl_load_once);
	if (curl_loaded)
		return &curl_api;
	*err = talloc_asprintf(ctx, _("libcurl could not be loaded: %s"),
			       sanitize_str(ctx, curl_lib.why, SAN_ASCII));
	return NULL;
}

/* A limit from the environment: a positive whole number no larger than
 * the built-in one (tests make them small; nothing makes them larger). */
static long env_limit(const char *name, long built_in)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return built_in;
	v = strtol(s, &end, 10);
	return *end || v <= 0 || v > built_in ? built_in : v;
}

struct transfer {
	const void *ctx;
	const struct input_request *req;
	const char *url;
	const struct curl_api *api;
	CURL *curl;
	enum fetch_expect expect;
	char *body;
	size_t len, cap, max;
	const char *refusal;      /* why the write callback stopped it */
	bool checked;             /* the content type was looked at */
	bool progress_shown;      /* stderr's line is to be cleared */
	size_t progress_at;       /* the bytes the last report said */
};

/* text/plain; charset=utf-8 -> does its media type equal want? */
static bool media_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);

	while (*ct == ' ')
		ct++;
	return strncasecmp(ct, want, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

/* The content type, once the headers are in: a log must come as text, a
 * bug page as HTML. "text/html where text/plain is expected" is the
 * common mistake (a login or error page in place of the file). */
static bool content_type_ok(struct transfer *t)
{
	const char *ct = NULL;

	t->checked = true;
	if (t->api->easy_getinfo(t->curl, CURLINFO_CONTENT_TYPE, &ct) != CURLE_OK)
		ct = NULL;
	if (t->expect == FETCH_HTML ? ct && media_type_is(ct, "text/html")
				    : !ct || media_type_is(ct, "text/plain"))
		return true;
	t->refusal = talloc_asprintf(t->ctx, t->expect == FETCH_HTML ?
				     _("the server sent %s, not an HTML page") :
				     _("the server sent %s, not text/plain"),
				     ct ? sanitize_str(t->ctx, ct, SAN_ASCII) : _("no content type"));
	return false;
}

static size_t on_body(char *data, size_t size, size_t n, void *arg)
{
	struct transfer *t = arg;
	size_t bytes = size * n;

	if (!t->checked && !content_type_ok(t))
		return 0;
	if (bytes > t->max - t->len) {
		t->refusal = talloc_asprintf(t->ctx, _("larger than %zu MiB, not read"),
					     t->max >> 20 ? t->max >> 20 : 1);
		return 0;
	}
	if (t->len + bytes + 1 > t->cap) {
		size_t cap = t->cap ? t->cap : 64 << 10;

		while (cap < t->len + bytes + 1)
			cap *= 2;
		if (cap > t->max + 1)
			cap = t->max + 1;   /* enough: more than max is refused above */
		t->body = talloc_realloc_size(t->ctx, t->body, cap);
		if (!t->body) {
			t->refusal = _("out of memory");
			return 0;
		}
		t->cap = cap;
	}
	memcpy(t->body + t->len, data, bytes);
	t->len += bytes;
	return bytes;
}

/* stderr's progress line: "URL: 1234 KiB", rewritten in place. */
static void stderr_progress(struct transfer *t, size_t now, size_t total)
{
	char *url = sanitize_str(NULL, t->url, SAN_ASCII);

	if (total)
		fprintf(stderr, "\r%s: %zu/%zu KiB\033[K", url, now >> 10, total >> 10);
	else
		fprintf(stderr, "\r%s: %zu KiB\033[K", url, now >> 10);
	t->progress_shown = true;
	talloc_free(url);
}

static int on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
		       curl_off_t ulnow)
{
	struct transfer *t = arg;

	(void)ultotal;
	(void)ulnow;
	/* a batch stopped (Esc, quitting the list): the transfer too */
	if (t->req && t->req->cancel && atomic_load(t->req->cancel)) {
		t->refusal = _("stopped");
		return 1;
	}
	/* libcurl calls many times a second; a report per 64 KiB is enough */
	if (dlnow <= 0 || (size_t)dlnow < t->progress_at + (64 << 10))
		return 0;
	t->progress_at = (size_t)dlnow;
	if (t->req && t->req->progress)
		t->req->progress(t->req->progress_arg, t->url, (size_t)dlnow,
				 dltotal > 0 ? (size_t)dltotal : 0);
	else if (!(t->req && t->req->reload) && isatty(STDERR_FILENO))
		stderr_progress(t, (size_t)dlnow, dltotal > 0 ? (size_t)dltotal : 0);
	return 0;
}

/* The options every transfer gets; doc/design.md §12.2 says why. */
static void set_options(struct transfer *t)
{
	CURL *c = t->curl;
	const struct curl_api *api = t->api;

	api->easy_setopt(c, CURLOPT_URL, t->url);
	api->easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	api->easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	api->easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	api->easy_setopt(c, CURLOPT_MAXREDIRS, FETCH_MAX_REDIRS);
	api->easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	api->easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	api->easy_setopt(c, CURLOPT_FAILONERROR, 1L);
	api->easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	api->easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	api->easy_setopt(c, CURLOPT_USERAGENT, PACKAGE "/" VERSION);
	api->easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)t->max);
	api->easy_setopt(c, CURLOPT_TIMEOUT, env_limit("BISVIEW_FETCH_TIMEOUT", FETCH_TIMEOUT_S));
	api->easy_setopt(c, CURLOPT_CONNECTTIMEOUT, FETCH_CONNECT_TIMEOUT_S);
	api->easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, FETCH_LOW_SPEED_BYTES);
	api->easy_setopt(c, CURLOPT_LOW_SPEED_TIME,
			 env_limit("BISVIEW_FETCH_LOW_SPEED_TIME", FETCH_LOW_SPEED_S));
	api->easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	api->easy_setopt(c, CURLOPT_WRITEDATA, t);
	api->easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
	api->easy_setopt(c, CURLOPT_XFERINFODATA, t);
	api->easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
}

/* The one line for a failed transfer: the write callback's own reason,
 * else the HTTP status, else libcurl's words. */
static const char *failure(struct transfer *t, CURLcode rc)
{
	long status = 0;

	if (t->refusal)
		return t->refusal;
	t->api->easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_HTTP_RETURNED_ERROR && status >= 400)
		return talloc_asprintf(t->ctx, _("the server answered HTTP status %ld"), status);
	if (rc == CURLE_FILESIZE_EXCEEDED)
		return talloc_asprintf(t->ctx, _("larger than %zu MiB, not read"),
				       t->max >> 20 ? t->max >> 20 : 1);
	if (rc == CURLE_OPERATION_TIMEDOUT)
		return talloc_asprintf(t->ctx, _("too slow or too long, given up (%s)"),
				       t->api->easy_strerror(rc));
	if (rc == CURLE_TOO_MANY_REDIRECTS)
		return talloc_asprintf(t->ctx, _("more than %ld redirects"), FETCH_MAX_REDIRS);
	if (rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR)
		return talloc_asprintf(t->ctx, _("the connection ended before the whole answer (%s)"),
				       t->api->easy_strerror(rc));
	if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CACERT_BADFILE)
		return talloc_asprintf(t->ctx, _("the server's certificate did not verify (%s)"),
				       t->api->easy_strerror(rc));
	if (rc == CURLE_UNSUPPORTED_PROTOCOL)
		return _("a redirect to something other than http or https, refused");
	return talloc_asprintf(t->ctx, _("fetch failed: %s"), t->api->easy_strerror(rc));
}

int fetch_http(const void *ctx, const struct input_request *req, const char *url,
	       enum fetch_expect expect, char **body, size_t *len, const char **err)
{
	struct transfer t = { .ctx = ctx, .req = req, .url = url, .expect = expect };
	CURLcode rc;

	input_pacer_wait(req->pacer);
	t.max = (size_t)env_limit("BISVIEW_FETCH_MAX_BYTES", (long)FETCH_MAX_BYTES);
	t.api = curl_functions(ctx, err);
	if (!t.api)
		return -1;
	t.curl = t.api->easy_init();
	if (!t.curl) {
		*err = _("fetch failed: libcurl could not start");
		return -1;
	}
	set_options(&t);
	rc = t.api->easy_perform(t.curl);
	if (t.progress_shown)
		fputs("\r\033[K", stderr);
	if (rc == CURLE_OK && !t.checked && !content_type_ok(&t))
		rc = CURLE_WRITE_ERROR;   /* an empty body: its type still counts */
	if (rc != CURLE_OK) {
		*err = failure(&t, rc);
		t.api->easy_cleanup(t.curl);
		talloc_free(t.body);
		return -1;
	}
	t.api->easy_cleanup(t.curl);
	if (!t.body)
		t.body = talloc_size(ctx, 1);
	t.body[t.len] = '\0';
	*body = t.body;
	*len = t.len;
	return 0;
}

int fetch_url_ex(const void *ctx, const struct input_request *req, const char *url,
		 char **body, size_t *len, bool *from_network, const char **err)
{
	enum fetch_expect expect =
		syzbot_url_kind(url, req->syzbot_url) == SYZBOT_BUG_PAGE ? FETCH_HTML : FETCH_TEXT;
	bool use_cache = !req->refresh || req->reload || req->offline;
	int rc;

	if (from_network)
		*from_network = false;
	if (use_cache) {
		rc = cache_read(ctx, url, body, len, err);
		if (rc <= 0)
			return rc;   /* a hit, or a cache that cannot be read */
	}
	if (req->offline) {
		*err = _("not in the cache, and --offline forbids fetching it");
		return -1;
	}
	if (from_network)
		*from_network = true;
	if (fetch_http(ctx, req, url, expect, body, len, err) < 0)
		return -1;
	/* a cache that cannot be written costs the next run a fetch, no more */
	cache_write(url, *body, *len);
	return 0;
}

int fetch_url(const void *ctx, const struct input_request *req, const char *url,
	      char **body, size_t *len, const char **err)
{
	return fetch_url_ex(ctx, req, url, body, len, NULL, err);
}
