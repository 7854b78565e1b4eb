/* A mail or mbox (src/input/mail.c, input_mail.c; doc/design.md §12.1):
 * any bytes read as one, as bisview reads a LOG that looks like mail.
 * Whatever GMime makes of them: every message's strings are there and
 * NUL-terminated, a link is printable ASCII with no blank, the log chosen
 * holds the model's invariants, and an error is one line. */
#include "config.h"

#include <talloc.h>

#include "fuzz_model.h"
#include "input/input_mail.h"
#include "input/mail.h"

static void check_link(const char *url)
{
	if (!url)
		return;
	FUZZ_REQUIRE(strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0);
	for (const char *p = url; *p; p++)
		FUZZ_REQUIRE(*p > ' ' && *p < 127);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	void *ctx = talloc_new(NULL);
	const char *text = (const char *)data;
	struct mail_box *box;
	const char *unread = NULL;

	(void)mail_looks_like(text, size);
	box = mail_too_many_parts(text, size) ? NULL : mail_read(ctx, text, size, &unread);
	FUZZ_REQUIRE(!unread);   /* GMime loaded: else nothing is fuzzed */
	for (size_t i = 0; box && i < box->n; i++) {
		const struct mail_message *m = &box->messages[i];
		enum mail_holds holds;
		const char *err = NULL;
		struct blog *log;

		check_link(m->links.bisection_log);
		check_link(m->links.crash_report);
		check_link(m->links.console_output);
		for (size_t k = 0; k < m->n_texts; k++)
			FUZZ_REQUIRE(m->texts[k].text[m->texts[k].len] == '\0');
		if (m->extid)
			FUZZ_REQUIRE(strlen(m->extid) > 0 && strlen(m->extid) <= 64);
		log = mail_message_log(ctx, "fuzz", m, &holds, &err);
		if (log) {
			fuzz_check_model(log);
			FUZZ_REQUIRE(holds == MAIL_HOLDS_LOG && log->source.kind == SOURCE_MAIL);
		} else {
			FUZZ_REQUIRE(err != NULL && strchr(err, '\n') == NULL);
			FUZZ_REQUIRE(holds != MAIL_HOLDS_LOG);
		}
	}
	talloc_free(ctx);
	return 0;
}
