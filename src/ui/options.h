/* The options `set NAME = VALUE` sets (options.c). */
#ifndef BISVIEW_UI_OPTIONS_H
#define BISVIEW_UI_OPTIONS_H

#include <stdbool.h>

enum split_mode { SPLIT_AUTO, SPLIT_BELOW, SPLIT_BESIDE };

struct ui_options {
	bool hint_bar;
	bool mouse;
	bool line_numbers;
	bool ignore_case;
	enum split_mode split;
	int split_percent;     /* the second pane's share, 20..80 */
};

#endif
