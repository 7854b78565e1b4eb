/* The `#syz test` mail body (src/report/syztest.c) from a revert made by
 * hand: the command on the first line, format-patch's headers, the
 * subject sanitised always and the patch only for a terminal
 * (doc/syz-test.md §4), and the refusals' lines. */
#include "config.h"

#include "unit.h"

#include "report/syztest.h"

#define H_CULPRIT "1111111111111111111111111111111111111111"
#define H_START   "2222222222222222222222222222222222222222"
#define H_SIDE    "3333333333333333333333333333333333333333"

static const char patch[] =
	"diff --git a/b.c b/b.c\n"
	"--- a/b.c\n"
	"+++ b/b.c\n"
	"@@ -1 +1 @@\n"
	"-x\033]52;c;aGk=\007y\n"
	"+plain\n";

static struct syz_test_input input(struct tree_revert *r, const char *subject)
{
	return (struct syz_test_input){ .repo_url = "git://example.org/linux.git", .revert = r,
					.subject = subject, .now = 86400 * 3 };
}

static void test_mail_shape(void **state)
{
	struct tree_revert r = { .outcome = REVERT_CLEAN, .commit = H_CULPRIT, .onto = H_START,
				 .patch = patch, .stat = " b.c | 2 +-\n 1 file changed\n" };
	struct syz_test_input in = input(&r, "mm: \033[2Jevil\nsecond");
	char *mail = syz_test_mail(*state, &in);

	assert_true(strncmp(mail, "#syz test: git://example.org/linux.git " H_START "\n\nFrom "
			    "0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n",
			    strlen("#syz test: git://example.org/linux.git " H_START "\n\n")
			    + 70) == 0);
	assert_non_null(strstr(mail, "\nDate: Sun, 4 Jan 1970 00:00:00 +0000\n"));
	assert_non_null(strstr(mail, "\nSubject: [PATCH] Revert \"mm: evil second\"\n\n"
				     "This reverts commit " H_CULPRIT ".\n---\n b.c | 2 +-\n"));
	/* not a terminal: the patch's bytes, escape and all */
	assert_non_null(strstr(mail, patch));
	assert_non_null(strstr(mail, "\n-- \n" PACKAGE " " VERSION "\n"));
}

static void test_mail_terminal(void **state)
{
	struct tree_revert r = { .outcome = REVERT_CLEAN, .commit = H_CULPRIT, .onto = H_START,
				 .patch = patch, .stat = "" };
	struct syz_test_input in = input(&r, "x");
	char *mail;

	in.sanitize_patch = true;
	mail = syz_test_mail(*state, &in);
	assert_null(strchr(mail, '\033'));
	assert_null(strchr(mail, '\007'));
	assert_non_null(strstr(mail, "\n+plain\n"));
}

static void test_refusals(void **state)
{
	const char *conflicts[] = { "mm/a\033[31m.c", "b.c" };
	const char *parents[] = { H_START, H_SIDE };
	const char *subjects[] = { "main", "side: \033]0;t\007c.c" };
	struct tree_revert c = { .outcome = REVERT_CONFLICT, .commit = H_CULPRIT, .onto = H_START,
				 .conflicts = conflicts, .n_conflicts = 2 };
	struct tree_revert m = { .outcome = REVERT_MERGE, .commit = H_CULPRIT, .onto = H_START,
				 .parents = parents, .n_parents = 2 };
	struct syz_test_input in = input(&c, "mm: x");
	char *s = syz_test_refusal(*state, &in);

	assert_non_null(strstr(s, "does not apply on the start commit 222222222222"));
	assert_non_null(strstr(s, "\n  mm/a.c\n  b.c\n"));
	assert_null(strchr(s, '\033'));
	in = input(&m, "Merge side");
	in.parent_subjects = subjects;
	s = syz_test_refusal(*state, &in);
	assert_non_null(strstr(s, "is a merge"));
	assert_non_null(strstr(s, "\n  333333333333 (the side branch that brought the change)"
				  "  side: c.c\n"));
	assert_non_null(strstr(s, "git bisect start 333333333333 222222222222\n"));
	assert_null(strchr(s, '\033'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		UNIT_TEST(test_mail_shape),
		UNIT_TEST(test_mail_terminal),
		UNIT_TEST(test_refusals),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
