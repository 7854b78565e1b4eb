/* src/input/mail.c (doc/design.md §12.1): what is a mail by its shape,
 * and what mail_read() takes out of one: the decoded subject, the bug id
 * from the addresses or a Reported-by: line, the links, the text parts
 * (an HTML alternative skipped, a broken part not stopping the rest),
 * an mbox's messages. tests/input/mail.sh runs the program on the same
 * shapes; this checks the pieces, leak-checked by unit.h's teardown. */
#include "config.h"

#include "unit.h"

#include "input/mail.h"

/* mail_read(), GMime loaded (a test machine has it: no error line) */
static struct mail_box *read_mail(void **state, const char *text, size_t len)
{
	const char *err = NULL;
	struct mail_box *box = mail_read(*state, text, len, &err);

	assert_null(err);
	return box;
}

static void test_looks_like(void **state)
{
	static const char *const mails[] = {
		"From syzbot Wed Mar  1 23:10:02 2023\nFrom: a\n\nbody\n",
		"Subject: x\n\nbody\n",
		"Received: from x\n\tby y\nMessage-ID: <a@b>\r\n\r\nbody\n",
	};
	static const char *const not_mails[] = {
		"bisecting cause commit starting from " H_ORIG "\n",
		"BUG: KASAN: use-after-free in foo\nRead of size 8\n",
		"Subject: x\nno header here\n\nbody\n",
		"X-Other: y\n\nbody\n",        /* no From/Subject/Message-ID/Date */
		"\tfolded: first\nSubject: x\n\n",
		"Subject: x\n",                /* no blank line: no body, no mail */
		"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(mails) / sizeof(mails[0]); i++)
		assert_true(mail_looks_like(mails[i], strlen(mails[i])));
	for (size_t i = 0; i < sizeof(not_mails) / sizeof(not_mails[0]); i++)
		assert_false(mail_looks_like(not_mails[i], strlen(not_mails[i])));
}

static void test_headers_and_links(void **state)
{
	static const char mail[] =
		"From: Dev <dev@example.org>\n"
		"To: linux-mm@kvack.org,\n syzbot+0a1b2c3d@syzkaller.appspotmail.com\n"
		"Subject: =?UTF-8?Q?Re:_[syzbot]_[mm=3F]_caf=C3=A9_deadlock?=\n"
		"Date: Wed, 01 Mar 2023 23:10:02 -0800\n"
		"Message-ID: <abc@google.com>\n"
		"\n"
		"> bisection log:  https://example.org/x/bisect.txt?x=1\n"
		"final oops:     http://example.org/x/report.txt?x=2\n"
		"console output: http://example.org/x/log.txt?x=3\x1b[31m\n"
		"crash report:   ftp://example.org/not-http\n"
		"Reported-by: syzbot+ffff@syzkaller.appspotmail.com\n";
	struct mail_box *box = read_mail(state, mail, sizeof(mail) - 1);
	const struct mail_message *m;

	assert_non_null(box);
	assert_int_equal(box->n, 1);
	m = &box->messages[0];
	assert_string_equal(m->subject, "Re: [syzbot] [mm?] caf\xc3\xa9 deadlock");
	assert_string_equal(m->crash_title, "caf\xc3\xa9 deadlock");
	assert_string_equal(m->date, "Wed, 01 Mar 2023 23:10:02 -0800");
	assert_string_equal(m->message_id, "abc@google.com");
	/* the addresses before the body */
	assert_string_equal(m->extid, "0a1b2c3d");
	assert_string_equal(m->links.bisection_log, "https://example.org/x/bisect.txt?x=1");
	assert_string_equal(m->links.crash_report, "http://example.org/x/report.txt?x=2");
	/* a URL stops at the first byte that is not printable ASCII */
	assert_string_equal(m->links.console_output, "http://example.org/x/log.txt?x=3");
	assert_int_equal(m->n_texts, 1);
}

static void test_multipart(void **state)
{
	static const char mail[] =
		"Subject: parts\n"
		"Content-Type: multipart/mixed; boundary=\"b\"\n"
		"\n"
		"--b\n"
		"Content-Type: text/plain; charset=utf-8\n"
		"Content-Transfer-Encoding: base64\n"
		"\n"
		"!!!! ### not base64\n"
		"--b\n"
		"Content-Type: text/html\n"
		"\n"
		"<p>no</p>\n"
		"--b\n"
		"Content-Type: text/plain; charset=iso-8859-1\n"
		"Content-Disposition: attachment; filename=log.txt\n"
		"Content-Transfer-Encoding: quoted-printable\n"
		"\n"
		"caf=E9 Reported-by: syzbot+beef@x\n"
		"Reported-by: syzbot+beef@syzkaller.appspotmail.com\n"
		"--b--\n";
	struct mail_box *box = read_mail(state, mail, sizeof(mail) - 1);
	const struct mail_message *m;
	const struct mail_text *t;

	assert_non_null(box);
	m = &box->messages[0];
	assert_null(m->links.bisection_log);
	assert_string_equal(m->extid, "beef");
	/* the broken base64 part decodes to what it can; the HTML is left
	 * out; the attachment is there, latin-1 turned into UTF-8 */
	assert_true(m->n_texts >= 1 && m->n_texts <= 2);
	t = &m->texts[m->n_texts - 1];
	assert_true(t->attachment);
	assert_memory_equal(t->text, "caf\xc3\xa9 ", 6);
	for (size_t i = 0; i < m->n_texts; i++)
		assert_null(strstr(m->texts[i].text, "<p>"));
}

static void test_mbox(void **state)
{
	static const char mbox[] =
		"From a Wed Mar  1 23:10:02 2023\nSubject: one\n\nfirst\n\n"
		"From b Wed Mar  1 23:10:02 2023\nSubject: two\n\nsecond\n\n"
		"From c Wed Mar  1 23:10:02 2023\nSubject: three\n\nthird\n";
	struct mail_box *box = read_mail(state, mbox, sizeof(mbox) - 1);

	assert_non_null(box);
	assert_int_equal(box->n, 3);
	assert_string_equal(box->messages[1].subject, "two");
	assert_int_equal(box->messages[2].n_texts, 1);
	assert_memory_equal(box->messages[2].texts[0].text, "third", 5);
	assert_null(box->messages[0].extid);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_looks_like),
		UNIT_TEST(test_headers_and_links),
		UNIT_TEST(test_multipart),
		UNIT_TEST(test_mbox),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
