/* Reading input, telling its format from its content, and dispatching
 * to the right parser. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "i18n.h"
#include "log/build.h"
#include "log/parse.h"
#include "log/syzbot_shape.h"

/* Lines that only a kernel crash report has. */
static bool crash_report_line(const char *s, size_t len)
{
	static const char *const marks[] = {
		"Call Trace:", "BUG: ", "WARNING: ", "KASAN: ", "INFO: ", "RIP: ",
		"general protection fault", "Kernel panic", "kernel BUG at ",
		"UBSAN: ", "KCSAN: ", "KMSAN: ", "Unable to handle kernel",
		"==================================================", NULL,
	};

	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	/* Console timestamps: "[  123.456789][ T1234] ..." */
	if (len > 0 && *s == '[') {
		const char *close = memchr(s, ']', len);

		if (close && close - s < 20) {
			len -= (size_t)(close + 1 - s);
			s = close + 1;
			while (len > 0 && *s == ' ') {
				s++;
				len--;
			}
		}
	}
	for (int i = 0; marks[i]; i++)
		if (pl_starts(s, len, marks[i]))
			return true;
	return false;
}

/* "git bisect start", "git bisect good H", ... without syzbot's "# ". */
static bool git_bisect_command(const char *s, size_t len)
{
	return pl_starts(s, len, "git bisect ");
}

/* syz-ci's patch-testing logs: "21-Aug-2026 10:00:01: ..." */
static bool patch_test_line(const char *s, size_t len)
{
	return len > 22 && s[2] == '-' && s[6] == '-' && s[11] == ' ' && s[14] == ':' &&
	       s[20] == ':' && s[21] == ' ';
}

enum log_format detect_format(const struct pline *lines, size_t n)
{
	size_t syz_header = 0, syz_body = 0, git = 0, crash = 0, patch = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = lines[i].s;
		size_t len = lines[i].len;
		enum shape sh;

		if (len == 0)
			continue;
		if (git_bisect_command(s, len)) {
			git++;
			continue;
		}
		if (patch_test_line(s, len)) {
			patch++;
			continue;
		}
		sh = shape_of(s, len);
		switch (sh) {
		case SH_CAUSE_START: case SH_FIX_START: case SH_HOST_START:
			/* a syzbot header settles it */
			if (git == 0)
				return LOG_FORMAT_SYZBOT;
			syz_header++;
			break;
		case SH_TESTING_COMMIT: case SH_GIT_START: case SH_GIT_VERDICT:
		case SH_ALL_RUNS: case SH_RUN: case SH_BISECTING: case SH_TESTING_RELEASE:
		case SH_REVISIONS_TESTED: case SH_FIRST_COMMIT: case SH_KERNEL_SIG:
		/* the closing lines, all a pasted fragment may hold (§3.10) */
		case SH_ERROR_PROB: case SH_FLAGGED_FLAKY: case SH_IS_FLAKY:
		case SH_CULPRIT_SIG: case SH_PARENT_SIG:
			syz_body++;
			break;
		case SH_CRASH:
			/* the crash report after it is the end of a syzbot log */
			i = n;
			break;
		default:
			if (crash_report_line(s, len))
				crash++;
			break;
		}
	}
	if (syz_header > 0 || syz_body >= 2)
		return LOG_FORMAT_SYZBOT;
	if (git > 0 && git >= syz_body)
		return LOG_FORMAT_GIT_BISECT;
	if (patch > 0)
		return LOG_FORMAT_UNKNOWN;
	if (syz_body > 0)
		return LOG_FORMAT_SYZBOT;
	if (crash > 0)
		return LOG_FORMAT_CRASH_REPORT;
	return LOG_FORMAT_UNKNOWN;
}

static bool looks_patch_test(const struct pline *lines, size_t n)
{
	for (size_t i = 0; i < n && i < 20; i++)
		if (patch_test_line(lines[i].s, lines[i].len))
			return true;
	return false;
}

/* A log object with room for its text. The log is a talloc pool sized
 * from the input, because a log's fields are many small allocations that
 * all die together; --scan parses thousands of logs a second. Three times
 * the input holds the text (1), its line indexes (0.85), the crash report
 * and the fields of nearly every corpus log: what overflows goes to the
 * heap one malloc at a time (at 1.5, 9 logs in 10 overflowed). */
#define LOG_POOL_MAX_INPUT ((size_t)16 << 20)

static struct blog *log_new(const void *ctx, const char *path, size_t len, char **text)
{
	size_t pool = 3 * len + 16384;
	struct blog *log;

	/* A pool is one allocation, of its bytes plus a talloc header per
	 * expected object (len / 32 of them): from about 36 MB of input that
	 * passes talloc's 256 MiB limit and the log could not be loaded at
	 * all. Logs that large are rare and gain nothing from a pool. */
	if (len > LOG_POOL_MAX_INPUT)
		log = talloc_zero(ctx, struct blog);  /* large input: plain heap */
	else
		log = talloc_pooled_object(ctx, struct blog, (unsigned)(len / 32 + 64), pool);
	if (!log)
		return NULL;
	memset(log, 0, sizeof(*log));
	log->path = talloc_strdup(log, path);
	log->source.kind = path && strcmp(path, "-") == 0 ? SOURCE_STDIN : SOURCE_FILE;
	*text = talloc_size(log, len + 1);
	if (!*text) {
		talloc_free(log);
		return NULL;
	}
	(*text)[len] = '\0';
	log->text = *text;
	log->text_len = len;
	return log;
}

static void log_parse_text(struct blog *log, enum log_format format);

struct blog *log_parse_as(const void *ctx, const char *path, const char *text, size_t len,
			  enum log_format format)
{
	char *copy;
	struct blog *log = log_new(ctx, path, len, &copy);

	if (!log)
		return NULL;
	if (len)
		memcpy(copy, text, len);
	log_parse_text(log, format);
	return log;
}

struct blog *log_parse(const void *ctx, const char *path, const char *text, size_t len)
{
	return log_parse_as(ctx, path, text, len, LOG_FORMAT_UNKNOWN);
}

static void log_parse_text(struct blog *log, enum log_format format)
{
	struct pline *lines;
	size_t n;

	log->initial_revisions = -1;
	log->revisions_tested = -1;
	log->repro_chance = -1;
	log->error_probability = -1;
	log->steps = talloc_array(log, struct step *, 0);
	log->unknown = talloc_array(log, int, 0);

	lines = lines_logical(log, &n);
	if (log->too_many_lines) {
		log->n_lines = 0;
		log->format = LOG_FORMAT_UNKNOWN;
		return;
	}
	log->format = format != LOG_FORMAT_UNKNOWN ? format : detect_format(lines, n);
	switch (log->format) {
	case LOG_FORMAT_SYZBOT:
		parse_syzbot(log, lines, n);
		break;
	case LOG_FORMAT_GIT_BISECT:
		parse_git_bisect(log, lines, n);
		break;
	case LOG_FORMAT_CRASH_REPORT:
		/* A crash with no bisection: its first report line is the title. */
		for (size_t i = 0; i < n; i++) {
			const char *s = lines[i].s;
			size_t l = lines[i].len;

			if (l > 0 && crash_report_line(s, l) && s[0] != '=' && s[0] != ' ') {
				log->crash_title = field_dup_trim(log, s, l);
				break;
			}
		}
		break;
	case LOG_FORMAT_UNKNOWN:
		log->patch_test = looks_patch_test(lines, n);
		break;
	}
}

/* NUL bytes in the first block that make a file a binary whatever its
 * text looks like (an ELF header alone has dozens). */
#define BINARY_NULS 16

/* Are there at least want NULs in s[0..n)? memchr() from one to the next:
 * a text log has none, and a byte-at-a-time count of every log's first
 * block was most of what --scan spent beyond parsing. */
static bool has_nul_bytes(const char *s, size_t n, size_t want)
{
	const char *end = s + n;
	size_t k = 0;

	while (k < want && s < end && (s = memchr(s, '\0', (size_t)(end - s)))) {
		k++;
		s++;
	}
	return k >= want;
}

const char *log_refusal(const struct blog *log)
{
	/* before the format: a program holds text (bisview's own demo, a
	 * crash report's lines) that the shapes would take for a log. A
	 * stray NUL in a pasted log is damage the sanitiser shows; many in
	 * its first block are a binary's headers and tables */
	if (has_nul_bytes(log->text, log->text_len < 4096 ? log->text_len : 4096, BINARY_NULS))
		return _("binary data, not a bisection log");
	if (log->format != LOG_FORMAT_UNKNOWN)
		return NULL;
	if (memchr(log->text, '\0', log->text_len < 4096 ? log->text_len : 4096))
		return _("binary data, not a bisection log");
	if (log->text_len == 0)
		return _("empty file");
	if (log->too_many_lines)
		return _("more than 4,194,304 lines: not a bisection log");
	if (log->patch_test)
		return _("a syzbot patch-testing log, not a bisection log");
	return _("not a bisection log (no syzbot bisection lines, no git bisect commands, no crash report)");
}

static char *read_all(const void *ctx, int fd, size_t *len, const char **err)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = talloc_size(ctx, cap);

	for (;;) {
		ssize_t got;

		if (!buf) {
			*err = _("out of memory");
			return NULL;
		}
		if (n == cap) {
			/* one byte past the limit tells a stream too long */
			if (cap > LOG_MAX_BYTES) {
				*err = _("too large (more than 255 MiB): not a bisection log");
				talloc_free(buf);
				return NULL;
			}
			cap = cap * 2 > LOG_MAX_BYTES ? LOG_MAX_BYTES + 1 : cap * 2;
			buf = talloc_realloc_size(ctx, buf, cap);
			continue;
		}
		got = read(fd, buf + n, cap - n);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*err = talloc_strdup(ctx, strerror(errno));
			talloc_free(buf);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*len = n;
	return buf;
}

struct blog *log_load(const void *ctx, const char *path, const char **err)
{
	bool is_stdin = strcmp(path, "-") == 0;
	int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;
	struct blog *log;
	size_t len = 0;
	char *buf;

	*err = NULL;
	if (fd < 0) {
		*err = talloc_strdup(ctx, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0) {
		*err = talloc_strdup(ctx, strerror(errno));
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		*err = _("is a directory");
		goto fail;
	}
	if (!is_stdin) {
		/* O_NONBLOCK only kept open() from hanging on a FIFO. */
		int fl = fcntl(fd, F_GETFL);

		if (fl >= 0)
			fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
	}
	if (S_ISREG(st.st_mode) && (size_t)st.st_size > LOG_MAX_BYTES) {
		*err = _("too large (more than 255 MiB): not a bisection log");
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size >= 0) {
		/* a regular file: read it straight into the log */
		char *text;
		size_t got = 0;

		log = log_new(ctx, path, (size_t)st.st_size, &text);
		if (!log) {
			*err = _("out of memory");
			goto fail;
		}
		while (got < (size_t)st.st_size) {
			ssize_t r = read(fd, text + got, (size_t)st.st_size - got);

			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				*err = talloc_strdup(ctx, strerror(errno));
				talloc_free(log);
				goto fail;
			}
			if (r == 0)
				break;  /* the file shrank while we read it */
			got += (size_t)r;
		}
		text[got] = '\0';
		log->text_len = got;
		if (!is_stdin)
			close(fd);
		log_parse_text(log, LOG_FORMAT_UNKNOWN);
		return log;
	}
	buf = read_all(ctx, fd, &len, err);
	if (!buf)
		goto fail;
	if (!is_stdin)
		close(fd);
	log = log_parse(ctx, path, buf, len);
	talloc_free(buf);
	if (!log)
		*err = _("out of memory");
	return log;
fail:
	if (!is_stdin)
		close(fd);
	return NULL;
}
