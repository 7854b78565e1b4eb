/* Building the model while parsing. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "log/build.h"

/* The size of bytes s as a field, without the final NUL: each NUL byte
 * takes three (U+2400). */
static size_t field_size(const char *s, size_t len)
{
	const char *z = memchr(s, '\0', len);
	size_t nuls = 0;

	for (size_t i = z ? (size_t)(z - s) : len; i < len; i++)
		if (s[i] == '\0')
			nuls++;
	return len + nuls * 2;
}

/* Copy bytes s into out, which has room for field_size() + 1. */
static void field_copy(char *out, const char *s, size_t len, size_t size)
{
	if (size == len) {
		memcpy(out, s, len);
		out[len] = '\0';
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			/* U+2400 SYMBOL FOR NULL */
			*out++ = '\xe2';
			*out++ = '\x90';
			*out++ = '\x80';
		} else {
			*out++ = s[i];
		}
	}
	*out = '\0';
}

char *field_dup(const void *ctx, const char *s, size_t len)
{
	size_t size = field_size(s, len);
	char *out = talloc_size(ctx, size + 1);

	if (out)
		field_copy(out, s, len, size);
	return out;
}

char *field_dup_trim(const void *ctx, const char *s, size_t len)
{
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	return field_dup(ctx, s, len);
}

const char *field_append(const void *ctx, const char *text, const char *s, size_t len)
{
	char *out;
	size_t tl, ll;

	if (!text)
		return field_dup(ctx, s, len);
	tl = strlen(text);
	ll = field_size(s, len);
	/* text was allocated by us under ctx: grow it in place */
	out = talloc_realloc(ctx, discard_const_p(char, text), char, tl + 1 + ll + 1);
	if (!out)
		return text;
	out[tl] = '\n';
	field_copy(out + tl + 1, s, len, ll);
	return out;
}

struct step *step_new(struct blog *log, enum step_phase phase, int line)
{
	struct step *s = talloc_zero(log, struct step);

	s->index = (int)log->n_steps;
	s->phase = phase;
	s->false_negative_chance = -1;
	s->revisions_left = -1;
	s->steps_left = -1;
	s->lines.first = s->lines.last = line;
	s->runs = talloc_array(s, struct run, 0);
	if (log->n_steps == talloc_array_length(log->steps)) {
		size_t cap = log->n_steps ? log->n_steps * 2 : 32;

		log->steps = talloc_realloc(log, log->steps, struct step *, cap);
	}
	log->steps[log->n_steps++] = s;
	return s;
}

void step_touch(struct step *s, int first, int last)
{
	if (s->lines.first == 0 || first < s->lines.first)
		s->lines.first = first;
	if (last > s->lines.last)
		s->lines.last = last;
}

struct run *step_add_run(struct step *s, int number, enum run_outcome outcome,
			 const char *text, size_t len, int line)
{
	struct run *r;

	if (s->n_runs == talloc_array_length(s->runs))
		s->runs = talloc_realloc(s, s->runs, struct run, s->n_runs ? s->n_runs * 2 : 10);
	r = &s->runs[s->n_runs++];
	r->number = number;
	r->outcome = outcome;
	r->text = len ? field_dup_trim(s, text, len) : NULL;
	r->detail = NULL;
	r->line = line;
	return r;
}

static const struct {
	const char *prefix;
	enum run_outcome outcome;
} run_words[] = {
	{ "OK", RUN_OK },
	{ "crashed: ", RUN_CRASHED },
	{ "boot failed: ", RUN_BOOT_FAILED },
	{ "basic kernel testing failed: ", RUN_TEST_FAILED },
	{ "infra problem: ", RUN_INFRA },
	{ "ignore: ", RUN_IGNORED },
	{ "failed: ", RUN_FAILED },
};

enum run_outcome run_outcome_parse(const char *s, size_t len, size_t *text_at)
{
	for (size_t i = 0; i < sizeof(run_words) / sizeof(run_words[0]); i++) {
		if (pl_starts(s, len, run_words[i].prefix)) {
			*text_at = strlen(run_words[i].prefix);
			return run_words[i].outcome;
		}
	}
	/* Anything else is an error text of its own kind. */
	*text_at = 0;
	return RUN_FAILED;
}

void list_append(const void *ctx, const char ***list, size_t *n, const char *item)
{
	if (*n == talloc_array_length(*list))
		*list = talloc_realloc(ctx, *list, const char *, *n ? *n * 2 : 8);
	(*list)[(*n)++] = item;
}

void log_add_unknown(struct blog *log, int line)
{
	if (log->n_unknown == talloc_array_length(log->unknown))
		log->unknown = talloc_realloc(log, log->unknown, int,
					      log->n_unknown ? log->n_unknown * 2 : 16);
	log->unknown[log->n_unknown++] = line;
}

void log_add_warning(struct blog *log, const char *msg)
{
	list_append(log, &log->warnings, &log->n_warnings, talloc_strdup(log, msg));
}

long parse_number(const char *s, size_t len, size_t *used)
{
	long v = 0;
	size_t i = 0;

	while (i < len && s[i] >= '0' && s[i] <= '9' && v < 100000000) {
		v = v * 10 + (s[i] - '0');
		i++;
	}
	if (used)
		*used = i;
	return i ? v : -1;
}
