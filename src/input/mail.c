/* Reading a mail or an mbox (see mail.h, doc/design.md §12.1).
 *
 * MIME is GMime's work, not ours: header folding, RFC 2047 encoded words,
 * quoted-printable and base64, nested multiparts, charsets and the mbox
 * "From " separators each have corner cases mailers really produce. What
 * is ours: which parts hold text, the syzbot bug id, the links. GMime
 * objects are reference-counted GObjects; each is copied into talloc and
 * unreferenced in the function that made it. */
#include "config.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>

#include "i18n.h"
#include "input/dynlib.h"
#include "input/mail.h"
#include "text/sanitize.h"

/* The most headers mail_looks_like() reads before giving up on a shape. */
#define MAIL_HEADER_SCAN (64 * 1024)
/* GMime builds an object of some kilobytes per MIME part, all of a
 * message's at once: a mail of more boundary lines than this is not
 * read (a long b4 thread with patches has a few thousand "--" lines). */
#define MAIL_MAX_BOUNDARIES 20000
/* The text parts read of one message (a real one has a handful). */
#define MAIL_MAX_TEXTS 64

static bool is_header_name_char(char c)
{
	return c > ' ' && c < 127 && c != ':';
}

/* One header line "Name: value": the name's length, or 0. */
static size_t header_name(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && is_header_name_char(s[i]))
		i++;
	return i > 0 && i < len && s[i] == ':' ? i : 0;
}

static bool name_is(const char *s, size_t n, const char *want)
{
	return n == strlen(want) && strncasecmp(s, want, n) == 0;
}

bool mail_looks_like(const char *text, size_t len)
{
	const char *p = text, *end = text + (len < MAIL_HEADER_SCAN ? len : MAIL_HEADER_SCAN);
	bool known = false, first = true;

	if (len >= 5 && memcmp(text, "From ", 5) == 0)
		return true;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t l = (size_t)((nl ? nl : end) - p), n;

		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (l == 0)
			return known;  /* the blank line that ends the headers */
		if (p[0] == ' ' || p[0] == '\t') {
			if (first)
				return false;  /* a folded line needs a header above it */
		} else if ((n = header_name(p, l)) == 0) {
			return false;
		} else {
			known = known || name_is(p, n, "From") || name_is(p, n, "Subject") ||
				name_is(p, n, "Message-ID") || name_is(p, n, "Date");
		}
		first = false;
		if (!nl)
			break;
		p = nl + 1;
	}
	return false;  /* headers with no body, or longer than we look */
}

bool mail_too_many_parts(const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	size_t n = 0;

	/* every MIME boundary line starts with "--": an upper bound on the
	 * parts, counted without GMime */
	while (p < end && n <= MAIL_MAX_BOUNDARIES) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		n += end - p >= 2 && p[0] == '-' && p[1] == '-';
		p = nl ? nl + 1 : end;
	}
	return n > MAIL_MAX_BOUNDARIES;
}

/* GMime's functions (and the two of GObject's it needs) that mail.c
 * calls: looked up the first time a mail is read, not linked (doc/design.md
 * §12.4), so that a plain log does not load GMime, GIO and gpgme. The
 * GObject casts of gmime.h (GMIME_OBJECT() and friends) call into
 * GObject to check the type: mail.c casts plainly, each object being of
 * the type the cast names (the parser made it so). */
#define GMIME_FUNCTIONS(F)                                                                  \
	F(g_mime_, init) F(g_mime_, part_get_type) F(g_mime_, part_get_content)                  \
	F(g_mime_, part_is_attachment) F(g_mime_, object_get_content_type)                        \
	F(g_mime_, object_get_content_type_parameter) F(g_mime_, object_get_header)               \
	F(g_mime_, content_type_is_type) F(g_mime_, stream_mem_new)                               \
	F(g_mime_, stream_mem_new_with_buffer) F(g_mime_, stream_mem_get_byte_array)              \
	F(g_mime_, stream_filter_new) F(g_mime_, stream_filter_add) F(g_mime_, stream_flush)      \
	F(g_mime_, filter_charset_new) F(g_mime_, data_wrapper_write_to_stream)                   \
	F(g_mime_, message_get_subject) F(g_mime_, message_get_message_id)                        \
	F(g_mime_, message_foreach) F(g_mime_, parser_new_with_stream)                            \
	F(g_mime_, parser_set_format) F(g_mime_, parser_eos) F(g_mime_, parser_construct_message) \
	F(g_, object_unref) F(g_, type_check_instance_is_a)

struct gmime_api {
	GMIME_FUNCTIONS(DYNLIB_MEMBER)
};

/* GMime keeps process-wide tables; loading it and g_mime_init() are not
 * safe to race from two --scan threads, so they run once. (The static
 * state of mail.c: GMime's functions and its load, not bisview's.) */
static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;
static const char *const gmime_names[] = { GMIME_FUNCTIONS(DYNLIB_NAME) };
static void *gmime_addresses[sizeof(gmime_names) / sizeof(gmime_names[0])];
static struct dynlib gmime_lib = { GMIME_SONAME, gmime_names, gmime_addresses,
				   sizeof(gmime_names) / sizeof(gmime_names[0]), "" };
static struct gmime_api gmime_api;
static bool gmime_loaded;

static void gmime_start(void)
{
	if (!dynlib_load(&gmime_lib))
		return;
	DYNLIB_FILL(&gmime_api, gmime_addresses, GMIME_FUNCTIONS);
	gmime_api.init();
	gmime_loaded = true;
}

/* --- the syzbot bug id and the links ---------------------------------- */

/* The extid after "syzbot+" in s[0..len), copied under ctx, or NULL. */
static const char *find_extid(const void *ctx, const char *s, size_t len)
{
	const char *end = s + len;

	for (const char *p = s; p && p < end; p++) {
		size_t n = 0;

		p = memchr(p, 's', (size_t)(end - p));
		if (!p || (size_t)(end - p) < 8)
			return NULL;
		if (strncasecmp(p, "syzbot+", 7) != 0)
			continue;
		while (p + 7 + n < end && n < 64 &&
		       ((p[7 + n] >= '0' && p[7 + n] <= '9') || (p[7 + n] >= 'a' && p[7 + n] <= 'z') ||
			(p[7 + n] >= 'A' && p[7 + n] <= 'Z')))
			n++;
		if (n > 0 && p + 7 + n < end && p[7 + n] == '@')
			return talloc_strndup(ctx, p + 7, n);
	}
	return NULL;
}

/* A URL at s: http(s), printable ASCII to the first blank. Copied under
 * ctx, or NULL. Nothing else is kept, so no escape sequence rides on it. */
static const char *url_at(const void *ctx, const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && (s[n] == ' ' || s[n] == '\t'))
		n++;
	s += n;
	len -= n;
	if (!(len > 7 && strncmp(s, "http://", 7) == 0) && !(len > 8 && strncmp(s, "https://", 8) == 0))
		return NULL;
	for (n = 0; n < len && s[n] > ' ' && s[n] < 127; n++)
		;
	return n > 0 && n < 2048 ? talloc_strndup(ctx, s, n) : NULL;
}

/* The link after label on a line (quoting "> " allowed in front). */
static void take_link(const void *ctx, const char **slot, const char *s, size_t len, const char *label)
{
	size_t l = strlen(label);

	if (!*slot && len > l && strncmp(s, label, l) == 0)
		*slot = url_at(ctx, s + l, len - l);
}

/* The links and a Reported-by: extid in one decoded text. */
static void scan_text(const void *ctx, struct mail_message *m, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p;
		size_t l = (size_t)((nl ? nl : end) - p);

		while (l > 0 && (s[0] == '>' || s[0] == ' ')) {
			s++;
			l--;
		}
		take_link(ctx, &m->links.bisection_log, s, l, "bisection log:");
		take_link(ctx, &m->links.crash_report, s, l, "crash report:");
		take_link(ctx, &m->links.crash_report, s, l, "final oops:");
		take_link(ctx, &m->links.console_output, s, l, "console output:");
		if (!m->extid && l > 12 && strncasecmp(s, "Reported-by:", 12) == 0)
			m->extid = find_extid(ctx, s, l);
		p = nl ? nl + 1 : end;
	}
}

/* The crash title a syzbot subject carries: "Re: [syzbot] [mm?] KASAN:
 * ..." without the "Re:"/"Fwd:" and the bracketed tags. */
static const char *title_of_subject(const void *ctx, const char *subject)
{
	const char *s = subject;

	for (;;) {
		while (*s == ' ')
			s++;
		if (strncasecmp(s, "Re:", 3) == 0 || strncasecmp(s, "Fw:", 3) == 0)
			s += 3;
		else if (strncasecmp(s, "Fwd:", 4) == 0)
			s += 4;
		else if (*s == '[' && strchr(s, ']'))
			s = strchr(s, ']') + 1;
		else
			break;
	}
	return *s ? talloc_strdup(ctx, s) : NULL;
}

/* --- the parts ----------------------------------------------------------- */

struct walk {
	const struct gmime_api *gm;
	void *ctx;
	struct mail_message *m;
};

/* A text/plain part decoded (transfer encoding, then charset to UTF-8)
 * and appended to m->texts. A part that decodes to nothing is left out. */
static void take_part(struct walk *w, GMimePart *part)
{
	const struct gmime_api *gm = w->gm;
	GMimeDataWrapper *content = gm->part_get_content(part);
	const char *charset = gm->object_get_content_type_parameter((GMimeObject *)part, "charset");
	GMimeStream *mem, *filtered;
	GByteArray *bytes;
	struct mail_text *t, *texts;
	char *copy;

	if (!content)
		return;
	mem = gm->stream_mem_new();
	filtered = gm->stream_filter_new(mem);
	if (charset && strcasecmp(charset, "utf-8") != 0 && strcasecmp(charset, "us-ascii") != 0) {
		/* NULL when iconv knows no such charset: the bytes stay as sent
		 * and the sanitiser shows what is not UTF-8 as U+FFFD */
		GMimeFilter *f = gm->filter_charset_new(charset, "UTF-8");

		if (f) {
			gm->stream_filter_add((GMimeStreamFilter *)filtered, f);
			gm->object_unref(f);
		}
	}
	if (gm->data_wrapper_write_to_stream(content, filtered) >= 0)
		gm->stream_flush(filtered);
	bytes = gm->stream_mem_get_byte_array((GMimeStreamMem *)mem);
	texts = w->m->texts;
	if (bytes && bytes->len > 0 && w->m->n_texts == talloc_array_length(texts))
		texts = talloc_realloc(w->ctx, texts, struct mail_text,
				       w->m->n_texts ? w->m->n_texts * 2 : 4);
	copy = texts && bytes && bytes->len > 0 ? talloc_size(w->ctx, bytes->len + 1) : NULL;
	if (texts)
		w->m->texts = texts;
	if (copy) {
		t = &w->m->texts[w->m->n_texts++];
		memcpy(copy, bytes->data, bytes->len);
		copy[bytes->len] = '\0';
		t->text = copy;
		t->len = bytes->len;
		t->attachment = gm->part_is_attachment(part);
	}
	gm->object_unref(filtered);
	gm->object_unref(mem);
}

static void each_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	const struct walk *w = data;
	GMimeContentType *type;

	(void)parent;
	/* GMIME_IS_PART(), spelt out: a multipart's own node and a
	 * forwarded message are not parts */
	if (!w->gm->type_check_instance_is_a((GTypeInstance *)part, w->gm->part_get_type()))
		return;
	type = w->gm->object_get_content_type(part);
	/* HTML alternatives and binary attachments hold no log we read; a
	 * mail of thousands of text parts is hostile: the first are read */
	if (type && w->gm->content_type_is_type(type, "text", "plain") &&
	    w->m->n_texts < MAIL_MAX_TEXTS)
		take_part(data, (GMimePart *)part);
}

/* A header's value as written (unfolded), copied; NULL when absent. */
static const char *header(const struct walk *w, GMimeMessage *msg, const char *name)
{
	const char *v = w->gm->object_get_header((GMimeObject *)msg, name);

	return v ? talloc_strdup(w->ctx, v) : NULL;
}

static void take_message(const struct gmime_api *gm, void *ctx, struct mail_message *m,
			 GMimeMessage *msg)
{
	static const char *const addressed[] = { "From", "To", "Cc", "Reply-To" };
	const char *v;
	struct walk w = { gm, ctx, m };

	memset(m, 0, sizeof(*m));
	if ((v = gm->message_get_subject(msg)))
		m->subject = talloc_strdup(ctx, v);
	m->date = header(&w, msg, "Date");
	if ((v = gm->message_get_message_id(msg)))
		m->message_id = talloc_strdup(ctx, v);
	for (size_t i = 0; i < sizeof(addressed) / sizeof(addressed[0]) && !m->extid; i++)
		if ((v = gm->object_get_header((GMimeObject *)msg, addressed[i])))
			m->extid = find_extid(ctx, v, strlen(v));
	if (m->subject)
		m->crash_title = title_of_subject(ctx, m->subject);
	gm->message_foreach(msg, each_part, &w);
	for (size_t i = 0; i < m->n_texts; i++)
		scan_text(ctx, m, m->texts[i].text, m->texts[i].len);
}

struct mail_box *mail_read(const void *ctx, const char *text, size_t len, const char **err)
{
	const struct gmime_api *gm = &gmime_api;
	struct mail_box *box;
	GMimeStream *stream;
	GMimeParser *parser;

	*err = NULL;
	pthread_once(&gmime_once, gmime_start);
	if (!gmime_loaded) {
		*err = talloc_asprintf(ctx, _("GMime could not be loaded: %s"),
				       sanitize_str(ctx, gmime_lib.why, SAN_ASCII));
		return NULL;
	}
	box = talloc_zero(ctx, struct mail_box);
	if (!box)
		return NULL;
	stream = gm->stream_mem_new_with_buffer(text, len);
	parser = gm->parser_new_with_stream(stream);
	gm->object_unref(stream);
	/* an mbox starts with its "From " separator; a single message
	 * saved from a mail client has none */
	gm->parser_set_format(parser, len >= 5 && memcmp(text, "From ", 5) == 0 ?
				      GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	while (!gm->parser_eos(parser)) {
		GMimeMessage *msg = gm->parser_construct_message(parser, NULL);

		if (!msg)
			break;
		if (box->n == talloc_array_length(box->messages))
			box->messages = talloc_realloc(box, box->messages, struct mail_message,
						       box->n ? box->n * 2 : 4);
		take_message(gm, box, &box->messages[box->n++], msg);
		gm->object_unref(msg);
		if (len < 5 || memcmp(text, "From ", 5) != 0)
			break;  /* a single message: what follows is its own */
	}
	gm->object_unref(parser);
	if (box->n == 0) {
		talloc_free(box);
		return NULL;
	}
	return box;
}
