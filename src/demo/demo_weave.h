/* The weave behind the demo's files (demo_weave.c), for demo_weave.c and
 * demo_edit.c only. */
#ifndef BISVIEW_DEMO_DEMO_WEAVE_H
#define BISVIEW_DEMO_DEMO_WEAVE_H

#include "demo/demo_internal.h"

#define NO_LINE UINT32_MAX

struct wline {
	const char *text;
	uint32_t next;          /* the following line in weave order */
	uint8_t kind;           /* enum demo_line_kind */
	uint8_t tmpl;           /* statement template + 1, 0 when none */
	uint8_t word;
};

struct demo_weave {
	struct wline *l;        /* l[0] is the head, never shown */
	uint32_t n, cap;
};

/* The lines one version shows, in order. */
struct demo_view {
	uint32_t *id;
	const char **text;
	uint32_t n;
};

struct demo_func {
	uint32_t sig, open, close;  /* view positions */
	const char *name;
};

uint32_t demo_weave_add(struct demo_weave *w, uint32_t after, const char *text, uint8_t kind,
			uint8_t tmpl, uint8_t word);
bool demo_has(const struct demo_version *v, uint32_t i);
void demo_set_bit(struct demo_version *v, uint32_t i, bool on);
/* A copy of v sized for the weave as it is now. */
struct demo_version *demo_version_copy(void *ctx, const struct demo_weave *w,
				       const struct demo_version *v);
struct demo_view demo_view_of(void *ctx, const struct demo_weave *w, const struct demo_version *v);
size_t demo_find_funcs(void *ctx, const struct demo_view *s, struct demo_func **out);

#endif
