/* Splitting input into lines and undoing mail quoting. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/lines.h"

/* What one pass over the lines learns for lines_logical(). */
struct split_stats {
	size_t nonempty, quoted;
	bool soft_breaks;       /* a long line ending in "=" */
};

/* Does a line end in a quoted-printable soft break? Quoted-printable
 * writes a literal '=' as "=3D", so a line ending in "==" is text: the
 * "=====" rule above a KASAN or lockdep report, not a wrapped line. */
static bool is_soft_break(const char *s, size_t len)
{
	return len > 0 && s[len - 1] == '=' && (len < 2 || s[len - 2] != '=');
}

/* Split log->text into log->lines and, in the same pass, the logical
 * lines of a plain log (the common case, so --scan reads each byte once). */
static struct pline *split(struct blog *log, struct split_stats *st)
{
	const char *p = log->text, *end = log->text + log->text_len;
	size_t n = 0, cap = log->text_len / 48 + 16;
	struct log_line *lines;
	struct pline *pl;

	if (cap > LOG_MAX_LINES)
		cap = LOG_MAX_LINES;
	lines = talloc_array(log, struct log_line, cap);
	pl = talloc_array(log, struct pline, cap + 1);
	if (!lines || !pl) {
		log->too_many_lines = true;
		cap = 0;
	}

	memset(st, 0, sizeof(*st));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		size_t len = (size_t)(stop - p);

		if (len > 0 && p[len - 1] == '\r')
			len--;
		if (n == LOG_MAX_LINES) {
			/* a hostile input: refused (log_refusal), memory bounded */
			log->too_many_lines = true;
			break;
		}
		if (n == cap) {
			cap = cap * 2 > LOG_MAX_LINES ? LOG_MAX_LINES : cap * 2;
			lines = talloc_realloc(log, lines, struct log_line, cap);
			pl = talloc_realloc(log, pl, struct pline, cap + 1);
			if (!lines || !pl) {
				log->too_many_lines = true;
				n = 0;
				break;
			}
		}
		if (len > 0) {
			st->nonempty++;
			st->quoted += p[0] == '>';
			st->soft_breaks |= len >= 60 && is_soft_break(p, len);
		}
		lines[n].offset = (size_t)(p - log->text);
		lines[n].len = len;
		pl[n].s = p;
		pl[n].len = len;
		pl[n].first = pl[n].last = (int)n + 1;
		n++;
		p = nl ? nl + 1 : end;
	}
	log->lines = lines;
	log->n_lines = n;
	return pl;
}

/* How many leading bytes of a line are mail quoting: any mix of '>' and
 * the single spaces that follow them ("> ", ">> ", "> > "). */
static size_t quote_prefix(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == '>') {
		i++;
		if (i < len && s[i] == ' ')
			i++;
	}
	return i;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Quoted-printable gives itself away by "=3D"/"=20" escapes or by soft
 * line breaks ("=" at the end) in the middle of a hash. */
static bool looks_qp(const struct blog *log, bool quoted)
{
	/* A quoted-printable body shows its escapes early; looking at the
	 * head keeps --scan fast on large plain logs. */
	size_t n = quoted || log->text_len < 65536 ? log->text_len : 65536;
	const char *p = log->text, *end = log->text + n;

	while ((p = memchr(p, '=', (size_t)(end - p))) && end - p >= 3) {
		if ((p[1] == '3' && p[2] == 'D') || (p[1] == '2' && p[2] == '0' && end - p >= 4 && p[3] == '\n'))
			return true;
		p++;
	}
	return false;
}

struct pline lines_join(const void *ctx, const struct pline *a, const struct pline *b)
{
	struct pline r = *a;
	char *buf;
	bool space;
	size_t n;

	/* A hash cut in two joins without a space; so does text whose
	 * break kept its trailing space (format=flowed). */
	size_t tail = 0;

	while (tail < a->len && is_hex_char(a->s[a->len - 1 - tail]))
		tail++;
	space = a->len > 0 && a->s[a->len - 1] != ' ' &&
		!(tail > 0 && hex_run(b->s, b->len) == b->len &&
		  (tail + b->len == 40 || tail + b->len == 64));
	n = a->len + (space ? 1 : 0) + b->len;
	buf = talloc_size(ctx, n + 1);
	memcpy(buf, a->s, a->len);
	if (space)
		buf[a->len] = ' ';
	memcpy(buf + a->len + (space ? 1 : 0), b->s, b->len);
	buf[n] = '\0';
	r.s = buf;
	r.len = n;
	r.last = b->last;
	return r;
}

/* Copy a line's bytes to out, decoding quoted-printable "=XX" escapes
 * when qp; returns the bytes written. Runs without '=' are copied whole:
 * a KASAN report's "=====" line sends a plain log here too. */
static size_t copy_decoded(char *out, const char *s, size_t len, bool qp)
{
	size_t used = 0, k = 0;

	if (!qp) {
		memcpy(out, s, len);
		return len;
	}
	while (k < len) {
		const char *eq = memchr(s + k, '=', len - k);
		size_t run = eq ? (size_t)(eq - (s + k)) : len - k;

		memcpy(out + used, s + k, run);
		used += run;
		k += run;
		if (k == len)
			break;
		if (k + 2 < len && hexval(s[k + 1]) >= 0 && hexval(s[k + 2]) >= 0) {
			out[used++] = (char)(hexval(s[k + 1]) * 16 + hexval(s[k + 2]));
			k += 3;
		} else {
			out[used++] = '=';
			k++;
		}
	}
	return used;
}

/* out: room for log->n_lines + 1 lines; it may be the plain lines of
 * split(), which logical lines (never more) overwrite behind the reading */
static struct pline *logical_mail(struct blog *log, struct pline *out, bool quoted, bool qp,
				  size_t *out_n)
{
	char *buf = talloc_size(log, log->text_len + 1);
	size_t n = 0, used = 0;
	bool joining = false;

	for (size_t i = 0; i < log->n_lines; i++) {
		const char *s = log->text + log->lines[i].offset;
		size_t len = log->lines[i].len;
		char *start = buf + used;
		bool soft = false;

		if (quoted) {
			size_t q = quote_prefix(s, len);

			s += q;
			len -= q;
		}
		/* A soft line break: "=" at the end of a quoted-printable
		 * line, which clients fill up to 76 columns. */
		if (is_soft_break(s, len) && (qp || len >= 60)) {
			soft = true;
			len--;
		}
		used += copy_decoded(buf + used, s, len, qp);
		if (joining) {
			/* continue the previous logical line in place */
			out[n - 1].len += (size_t)(buf + used - start);
			out[n - 1].last = (int)i + 1;
		} else {
			out[n].s = start;
			out[n].len = (size_t)(buf + used - start);
			out[n].first = out[n].last = (int)i + 1;
			n++;
		}
		joining = soft;
	}
	buf[used] = '\0';
	*out_n = n;
	return out;
}

struct pline *lines_logical(struct blog *log, size_t *n)
{
	struct split_stats st;
	struct pline *plain = split(log, &st);
	/* a log pasted from mail: most non-empty lines start with '>' */
	bool quoted = st.nonempty > 0 && st.quoted * 2 > st.nonempty;
	/* soft line breaks with no other sign of quoted-printable: a long
	 * line that ends in "=" (a hash or a title cut at column 76) */
	bool qp = st.soft_breaks || looks_qp(log, quoted);

	if ((quoted || qp) && plain) {
		log->mail_quoted = quoted;
		return logical_mail(log, plain, quoted, qp, n);
	}
	*n = log->n_lines;
	return plain;
}
