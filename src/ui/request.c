/* The request table and the key bindings (see request.h). */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/keys.h"
#include "ui/request.h"

struct request_info {
	const char *group, *name, *help;
};

#define UI_REQ_INFO(group, id, name, help) { #group, name, help },
static const struct request_info requests[REQ_COUNT] = {
	{ "", "none", "" },
	REQUESTS(UI_REQ_INFO)
};
#undef UI_REQ_INFO

#define UI_VIEW_NAME(X, id, name, ...) name,
static const char *const view_names[VIEW_COUNT] = { "generic", UI_VIEWS(UI_VIEW_NAME, ) };
#undef UI_VIEW_NAME

const char *request_name(enum request r)
{
	return r < REQ_COUNT ? requests[r].name : "none";
}

const char *request_help(enum request r)
{
	return r < REQ_COUNT ? _(requests[r].help) : "";
}

const char *request_group(enum request r)
{
	return r < REQ_COUNT ? requests[r].group : "";
}

int request_by_name(const char *name)
{
	for (int i = 1; i < REQ_COUNT; i++)
		if (strcmp(requests[i].name, name) == 0)
			return i;
	return -1;
}

const char *view_kind_name(enum view_kind k)
{
	return k < VIEW_COUNT ? view_names[k] : "?";
}

int view_kind_by_name(const char *name)
{
	for (int i = 0; i < VIEW_COUNT; i++)
		if (strcmp(view_names[i], name) == 0)
			return i;
	return -1;
}

struct binding {
	enum view_kind view;
	int key;
	enum request req;
};

struct keymap {
	struct binding *v;
	size_t n;
};

struct keymap *keymap_new(const void *ctx)
{
	struct keymap *m = talloc_zero(ctx, struct keymap);

	m->v = talloc_array(m, struct binding, 0);
	return m;
}

/* A later bind of the same key in the same view replaces the earlier
 * one, as in tig: the user's config overrides the defaults. */
void keymap_bind(struct keymap *m, enum view_kind view, int key, enum request r)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].view == view && m->v[i].key == key) {
			m->v[i].req = r;
			return;
		}
	m->v = talloc_realloc(m, m->v, struct binding, m->n + 1);
	m->v[m->n++] = (struct binding){ view, key, r };
}

enum request keymap_find(const struct keymap *m, enum view_kind view, int key)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].view == view && m->v[i].key == key)
			return m->v[i].req;
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].view == VIEW_GENERIC && m->v[i].key == key)
			return m->v[i].req;
	return REQ_NONE;
}

const char *keymap_keys(const void *ctx, const struct keymap *m, enum view_kind view,
			enum request r)
{
	char *out = NULL;

	for (int pass = 0; pass < 2; pass++) {
		enum view_kind want = pass == 0 ? view : VIEW_GENERIC;

		if (pass == 1 && view == VIEW_GENERIC)
			break;
		for (size_t i = 0; i < m->n; i++) {
			if (m->v[i].view != want || m->v[i].req != r)
				continue;
			/* a generic key the view rebinds is not this request there */
			if (pass == 1 && keymap_find(m, view, m->v[i].key) != r)
				continue;
			const char *name = key_label(ctx, m->v[i].key);

			out = out ? talloc_asprintf_append(out, ", %s", name) : talloc_strdup(ctx, name);
		}
	}
	return out;
}
