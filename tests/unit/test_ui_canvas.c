/* The explorer's smallest parts: the cell grid never holds a control
 * character and never half a wide one; key names go both ways; the
 * config language reports what it cannot take. */
#include "config.h"

#include <locale.h>

#include "unit.h"
#include "ui/canvas.h"
#include "ui/keys.h"
#include "ui/request.h"

static char *dump(void *ctx, const struct canvas *c)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char *out;

	canvas_dump(c, f);
	fclose(f);
	out = talloc_strdup(ctx, buf);
	free(buf);
	return out;
}

static void test_controls_never_reach_a_cell(void **state)
{
	struct canvas *c = canvas_new(*state, 1, 20);

	canvas_text(c, 0, 0, -1, AREA_DEFAULT, "a\033[2Jb\x07" "c\x9b" "d\te");
	/* ESC, BEL and the tab become '?' or a blank; C1 never decodes */
	assert_string_equal(dump(*state, c), "a?[2Jb?c?d e\n");
}

static void test_wide_characters_are_never_cut(void **state)
{
	struct canvas *c = canvas_new(*state, 2, 5);
	int x;

	/* two CJK characters (2 columns each) and one more that does not fit */
	x = canvas_text(c, 0, 0, -1, AREA_DEFAULT, "\xe6\xbc\xa2\xe5\xad\x97\xe6\xbc\xa2");
	assert_int_equal(x, 4);
	assert_string_equal(dump(*state, c), "\xe6\xbc\xa2\xe5\xad\x97\n\n");
	/* a combining accent joins its letter's cell */
	x = canvas_text(c, 1, 0, -1, AREA_DEFAULT, "e\xcc\x81x");
	assert_int_equal(x, 2);
	assert_int_equal(text_width("e\xcc\x81x"), 2);
}

static void test_clipping_and_areas(void **state)
{
	struct canvas *c = canvas_new(*state, 1, 10);

	assert_int_equal(canvas_text(c, 0, 2, 6, AREA_BAD, "abcdefgh"), 6);
	assert_string_equal(dump(*state, c), "  abcd\n");
	assert_int_equal(c->cells[2].area, AREA_BAD);
	canvas_paint(c, 0, 0, -1, AREA_CURSOR);
	assert_int_equal(c->cells[9].area, AREA_CURSOR);
	/* outside the grid: nothing, no crash */
	assert_int_equal(canvas_text(c, 5, 0, -1, AREA_DEFAULT, "x"), 0);
	assert_int_equal(canvas_text(c, -1, 0, -1, AREA_DEFAULT, "x"), 0);
}

static void test_key_names(void **state)
{
	static const char *const names[] = { "j", "<Enter>", "<Tab>", "<Esc>", "<Space>",
					     "<C-d>", "<PgDown>", "<F1>", "<C-Down>", "G", "<Up>" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		int key = key_by_name(names[i]);

		assert_true(key >= 0);
		assert_string_equal(key_label(*state, key), names[i]);
	}
	assert_int_equal(key_by_name("<Nope>"), -1);
	assert_int_equal(key_by_name("ab"), -1);
	assert_int_equal(key_by_name("<pgdown>"), key_by_name("<PgDown>"));
	assert_int_equal(key_by_name("<Lt>"), '<');
}

static void test_keymap_overrides(void **state)
{
	struct keymap *m = keymap_new(*state);

	keymap_bind(m, VIEW_GENERIC, 'j', REQ_MOVE_DOWN);
	keymap_bind(m, VIEW_DIFF, 'j', REQ_NEXT_HUNK);
	assert_int_equal(keymap_find(m, VIEW_STEPS, 'j'), REQ_MOVE_DOWN);
	assert_int_equal(keymap_find(m, VIEW_DIFF, 'j'), REQ_NEXT_HUNK);
	/* the generic key the diff view rebinds is not move-down there */
	assert_null(keymap_keys(*state, m, VIEW_DIFF, REQ_MOVE_DOWN));
	assert_string_equal(keymap_keys(*state, m, VIEW_STEPS, REQ_MOVE_DOWN), "j");
	keymap_bind(m, VIEW_GENERIC, 'j', REQ_QUIT);
	assert_int_equal(keymap_find(m, VIEW_STEPS, 'j'), REQ_QUIT);
	assert_int_equal(request_by_name("move-down"), REQ_MOVE_DOWN);
	assert_int_equal(request_by_name("nope"), -1);
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_controls_never_reach_a_cell),
		UNIT_TEST(test_wide_characters_are_never_cut),
		UNIT_TEST(test_clipping_and_areas),
		UNIT_TEST(test_key_names),
		UNIT_TEST(test_keymap_overrides),
	};

	if (!setlocale(LC_ALL, "C.UTF-8"))
		return 77;
	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
