/* syzbot's URLs and bug pages (src/input/syzbot_url.c) and the cache's
 * key (src/input/cache.c), without a network: what a URL is, which link
 * a bug page gives, and the links a hostile page must not get through. */
#include "config.h"

#include "input/cache.h"
#include "input/syzbot_url.h"
#include "unit.h"

static void test_url_kind(void **state)
{
	(void)state;
	assert_int_equal(syzbot_url_kind("https://syzkaller.appspot.com/x/bisect.txt?x=1", NULL),
			 SYZBOT_TEXT);
	assert_int_equal(syzbot_url_kind("HTTPS://Syzkaller.Appspot.com/text?tag=Log&x=1", NULL),
			 SYZBOT_TEXT);
	assert_int_equal(syzbot_url_kind("https://syzkaller.appspot.com/bug?extid=ab12", NULL),
			 SYZBOT_BUG_PAGE);
	assert_int_equal(syzbot_url_kind("https://syzkaller.appspot.com/bug?id=ab12", NULL),
			 SYZBOT_BUG_PAGE);
	/* a path alone makes no URL syzbot's; the base does */
	assert_int_equal(syzbot_url_kind("http://example.org/bug?extid=ab12", NULL), SYZBOT_OTHER);
	assert_int_equal(syzbot_url_kind("http://127.0.0.1:8080/bug?extid=ab12",
					 "http://127.0.0.1:8080/"), SYZBOT_BUG_PAGE);
	assert_int_equal(syzbot_url_kind("http://127.0.0.1:8081/bug?extid=ab12",
					 "http://127.0.0.1:8080"), SYZBOT_OTHER);
	/* an extid that is no plain id is no bug page */
	assert_int_equal(syzbot_url_kind("https://syzkaller.appspot.com/bug?extid=%1b[2J", NULL),
			 SYZBOT_OTHER);
	/* syzkaller.appspot.com.evil.example is not syzbot */
	assert_int_equal(syzbot_url_kind("https://syzkaller.appspot.com.evil.example/bug?id=1",
					 NULL), SYZBOT_OTHER);
}

static void test_url_param(void **state)
{
	assert_str(syzbot_url_param(*state, "https://h/bug?a=1&extid=Ab12", "extid"), "Ab12");
	assert_null(syzbot_url_param(*state, "https://h/bug?extid=", "extid"));
	assert_null(syzbot_url_param(*state, "https://h/bug?extid=a'b", "extid"));
	assert_null(syzbot_url_param(*state, "https://h/bug?xextid=ab", "extid"));
}

static void test_normalise(void **state)
{
	assert_str(cache_normalise(*state, "HTTPS://Host.Example:443/X?y=Z#frag"),
		   "https://host.example/X?y=Z");
	assert_str(cache_normalise(*state, "http://h:80/"), "http://h/");
	assert_str(cache_normalise(*state, "http://h:8080/"), "http://h:8080/");
}

static const char page[] =
	"<b>Title</b> Reported-by: syzbot+0123abcd@syzkaller.appspotmail.com<br>\n"
	"<div class=\"bug-bisection-info\"><b>Cause bisection: introduced by</b>\n"
	"<b>(<a href=\"javascript:alert(1)\">x</a> <a href=\"/x/bisect.txt?x=c1\">bisect log</a>)</b>\n"
	"Crash: <a href=\"/x/report.txt?x=r1\">crash</a></div>\n"
	"<div class=\"bug-bisection-info\"><b>Fix bisection: fixed by</b>\n"
	"<b>(<a href=\"/text?tag=Log&amp;x=f1\">bisect log</a>)</b></div>\n"
	"<div class=\"bug-bisection-stop\"></div>\n"
	"<td><a href=\"/x/report.txt?x=r2\">report</a></td>\n";

static void test_bug_page(void **state)
{
	struct syzbot_bug_links l;
	const char *err = NULL;

	assert_int_equal(syzbot_bug_page(*state, "http://h:1/bug?id=9", page, false, &l, &err), 0);
	assert_str(l.bisect_log, "http://h:1/x/bisect.txt?x=c1");
	assert_str(l.report, "http://h:1/x/report.txt?x=r1");
	assert_str(l.extid, "0123abcd");
	assert_int_equal(syzbot_bug_page(*state, "http://h:1/bug?id=9", page, true, &l, &err), 0);
	assert_str(l.bisect_log, "http://h:1/text?tag=Log&x=f1");
	/* the fix block has no crash link: the page's first report */
	assert_str(l.report, "http://h:1/x/report.txt?x=r1");
}

/* Links a page must not get through, and a page with no bisection. */
static void test_bug_page_hostile(void **state)
{
	struct syzbot_bug_links l;
	const char *err = NULL;

	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9",
					 "Cause bisection <a href=\"file:///x/bisect.txt?x=1\">", false,
					 &l, &err), -1);
	assert_non_null(err);
	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9",
					 "Cause bisection <a href=\"//evil/x/bisect.txt?x=1\">", false,
					 &l, &err), -1);
	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9",
					 "Cause bisection <a href=\"/x/bisect.txt?x=1\x1b[2J\">", false,
					 &l, &err), -1);
	/* an unterminated href, and the cause link only after the fix block */
	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9", "Cause bisection <a href=\"/x",
					 false, &l, &err), -1);
	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9",
					 "Cause bisection: failed Fix bisection "
					 "<a href=\"/x/bisect.txt?x=1\">", false, &l, &err), -1);
	assert_int_equal(syzbot_bug_page(*state, "http://h/bug?id=9", "", true, &l, &err), -1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_url_kind),
		UNIT_TEST(test_url_param),
		UNIT_TEST(test_normalise),
		UNIT_TEST(test_bug_page),
		UNIT_TEST(test_bug_page_hostile),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
