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

#include "input/mail.h"

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

/* GMime keeps process-wide tables; g_mime_init() is not safe to call
 * from two --scan threads at once, so it runs once. (The one piece of
 * static state in src/input/: GMime's own, not ours.) */
static pthread_once_t gmime_once = PTHREAD_ONCE_INIT;

static void gmime_start(void)
{
	g_mime_init();
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
	void *ctx;
	struct mail_message *m;
};

/* A text/plain part decoded (transfer encoding, then charset to UTF-8)
 * and appended to m->texts. A part that decodes to nothing is left out. */
static void take_part(struct walk *w, GMimePart *part)
{
	GMimeDataWrapper *content = g_mime_part_get_content(part);
	const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
	GMimeStream *mem, *filtered;
	GByteArray *bytes;
	struct mail_text *t, *texts;
	char *copy;

	if (!content)
		return;
	mem = g_mime_stream_mem_new();
	filtered = g_mime_stream_filter_new(mem);
	if (charset && strcasecmp(charset, "utf-8") != 0 && strcasecmp(charset, "us-ascii") != 0) {
		/* NULL when iconv knows no such charset: the bytes stay as sent
		 * and the sanitiser shows what is not UTF-8 as U+FFFD */
		GMimeFilter *f = g_mime_filter_charset_new(charset, "UTF-8");

		if (f) {
			g_mime_stream_filter_add(GMIME_STREAM_FILTER(filtered), f);
			g_object_unref(f);
		}
	}
	if (g_mime_data_wrapper_write_to_stream(content, filtered) >= 0)
		g_mime_stream_flush(filtered);
	bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
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
		t->attachment = g_mime_part_is_attachment(part);
	}
	g_object_unref(filtered);
	g_object_unref(mem);
}

static void each_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	GMimeContentType *type;

	(void)parent;
	if (!GMIME_IS_PART(part))
		return;  /* a multipart's own node, or a forwarded message */
	type = g_mime_object_get_content_type(part);
	/* HTML alternatives and binary attachments hold no log we read; a
	 * mail of thousands of text parts is hostile: the first are read */
	if (type && g_mime_content_type_is_type(type, "text", "plain") &&
	    ((struct walk *)data)->m->n_texts < MAIL_MAX_TEXTS)
		take_part(data, GMIME_PART(part));
}

/* A header's value as written (unfolded), copied; NULL when absent. */
static const char *header(void *ctx, GMimeMessage *msg, const char *name)
{
	const char *v = g_mime_object_get_header(GMIME_OBJECT(msg), name);

	return v ? talloc_strdup(ctx, v) : NULL;
}

static void take_message(void *ctx, struct mail_message *m, GMimeMessage *msg)
{
	static const char *const addressed[] = { "From", "To", "Cc", "Reply-To" };
	const char *v;
	struct walk w = { ctx, m };

	memset(m, 0, sizeof(*m));
	if ((v = g_mime_message_get_subject(msg)))
		m->subject = talloc_strdup(ctx, v);
	m->date = header(ctx, msg, "Date");
	if ((v = g_mime_message_get_message_id(msg)))
		m->message_id = talloc_strdup(ctx, v);
	for (size_t i = 0; i < sizeof(addressed) / sizeof(addressed[0]) && !m->extid; i++)
		if ((v = g_mime_object_get_header(GMIME_OBJECT(msg), addressed[i])))
			m->extid = find_extid(ctx, v, strlen(v));
	if (m->subject)
		m->crash_title = title_of_subject(ctx, m->subject);
	g_mime_message_foreach(msg, each_part, &w);
	for (size_t i = 0; i < m->n_texts; i++)
		scan_text(ctx, m, m->texts[i].text, m->texts[i].len);
}

struct mail_box *mail_read(const void *ctx, const char *text, size_t len)
{
	struct mail_box *box;
	GMimeStream *stream;
	GMimeParser *parser;

	pthread_once(&gmime_once, gmime_start);
	box = talloc_zero(ctx, struct mail_box);
	if (!box)
		return NULL;
	stream = g_mime_stream_mem_new_with_buffer(text, len);
	parser = g_mime_parser_new_with_stream(stream);
	g_object_unref(stream);
	/* an mbox starts with its "From " separator; a single message
	 * saved from a mail client has none */
	g_mime_parser_set_format(parser, len >= 5 && memcmp(text, "From ", 5) == 0 ?
					 GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
	while (!g_mime_parser_eos(parser)) {
		GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);

		if (!msg)
			break;
		if (box->n == talloc_array_length(box->messages))
			box->messages = talloc_realloc(box, box->messages, struct mail_message,
						       box->n ? box->n * 2 : 4);
		take_message(box, &box->messages[box->n++], msg);
		g_object_unref(msg);
		if (len < 5 || memcmp(text, "From ", 5) != 0)
			break;  /* a single message: what follows is its own */
	}
	g_object_unref(parser);
	if (box->n == 0) {
		talloc_free(box);
		return NULL;
	}
	return box;
}
