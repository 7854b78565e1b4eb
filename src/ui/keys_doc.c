/* The key table: one walk over the request table and a keymap, printed
 * by the help view and by --dump-keys (see keys_doc.h). */
#include "config.h"

#include <stdbool.h>
#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "ui/keys_doc.h"
#include "ui/options.h"
#include "ui/ui.h"

/* The groups in the order the table shows them, with their headings. */
static const struct {
	const char *group, *title;
} groups[] = {
	{ "MOVE", N_("Moving around") },
	{ "SEARCH", N_("Searching") },
	{ "VIEW", N_("Views") },
	{ "MISC", N_("Other") },
};

static bool same_keys(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* The views that bind r themselves, as "diff" or "crash source". */
static const char *views_binding(const void *ctx, const struct keymap *m, enum request r)
{
	char *out = NULL;

	for (int v = VIEW_GENERIC + 1; v < VIEW_COUNT; v++) {
		const char *name = view_kind_name((enum view_kind)v);

		if (!keymap_keys(ctx, m, (enum view_kind)v, r))
			continue;
		out = out ? talloc_asprintf_append(out, " %s", name) : talloc_strdup(ctx, name);
	}
	return out;
}

const char *keys_doc_keys(const void *ctx, const struct key_doc_item *item)
{
	if (item->keys)
		return item->keys;
	if (item->views)
		return talloc_asprintf(ctx, _("(in %s)"), item->views);
	return _("(not bound)");
}

void keys_doc_walk(const void *ctx, const struct keymap *m, key_doc_fn *fn, void *arg)
{
	struct key_doc_item it;

	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		it = (struct key_doc_item){ .kind = KEY_DOC_GROUP, .view = VIEW_GENERIC,
					    .group = groups[g].group, .title = _(groups[g].title) };
		fn(&it, arg);
		for (int r = 1; r < REQ_COUNT; r++) {
			if (strcmp(request_group((enum request)r), groups[g].group) != 0)
				continue;
			it.kind = KEY_DOC_REQUEST;
			it.req = (enum request)r;
			it.keys = keymap_keys(ctx, m, VIEW_GENERIC, it.req);
			it.views = it.keys ? NULL : views_binding(ctx, m, it.req);
			fn(&it, arg);
		}
	}
	/* A view's own part: the requests whose keys differ there from the
	 * generic ones (its own bindings, and generic keys it takes over). */
	for (int v = VIEW_GENERIC + 1; v < VIEW_COUNT; v++) {
		bool heading = false;

		for (int r = 1; r < REQ_COUNT; r++) {
			const char *here = keymap_keys(ctx, m, (enum view_kind)v, (enum request)r);
			const char *generic = keymap_keys(ctx, m, VIEW_GENERIC, (enum request)r);

			if (same_keys(here, generic))
				continue;
			if (!heading) {
				it = (struct key_doc_item){
					.kind = KEY_DOC_VIEW, .view = (enum view_kind)v,
					.title = talloc_asprintf(ctx, _("The %s view"),
								 view_kind_name((enum view_kind)v)),
				};
				fn(&it, arg);
				heading = true;
			}
			it.kind = KEY_DOC_REQUEST;
			it.group = request_group((enum request)r);
			it.req = (enum request)r;
			it.keys = here;
			it.views = NULL;
			fn(&it, arg);
		}
	}
}

struct printer {
	FILE *out;
	bool started;
};

/* --dump-keys=text: what the help view shows, in columns. */
static void print_text(const struct key_doc_item *it, void *arg)
{
	struct printer *p = arg;
	FILE *out = p->out;
	void *tmp;

	if (it->kind != KEY_DOC_REQUEST) {
		/* a blank line between sections, none before the first */
		fprintf(out, "%s%s\n", p->started ? "\n" : "", it->title);
		p->started = true;
		return;
	}
	tmp = talloc_new(NULL);
	fprintf(out, "  %-24s %-22s %s\n", keys_doc_keys(tmp, it), request_name(it->req),
		request_help(it->req));
	talloc_free(tmp);
}

/* Roff text: a backslash is \e, a minus \- (a hyphen would break
 * copy-paste of option and request names), and a leading dot or quote
 * would be read as a request, so every text line starts with \&. */
static void roff_put(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

/* --dump-keys=roff: .SS per heading, a .TP item per request. */
static void print_roff(const struct key_doc_item *it, void *arg)
{
	FILE *out = ((struct printer *)arg)->out;

	if (it->kind != KEY_DOC_REQUEST) {
		fputs(".SS \"", out);
		/* a heading is quoted: no '"' may end it early */
		for (const char *p = it->title; *p; p++)
			if (*p != '"')
				fputc(*p, out);
		fputs("\"\n", out);
		return;
	}
	fputs(".TP\n\\&", out);
	if (it->keys) {
		fputs("\\fB", out);
		roff_put(out, it->keys);
		fputs("\\fR", out);
	} else {
		void *tmp = talloc_new(NULL);

		roff_put(out, keys_doc_keys(tmp, it));
		talloc_free(tmp);
	}
	fputs(" (\\fI", out);
	roff_put(out, request_name(it->req));
	fputs("\\fR)\n\\&", out);
	roff_put(out, request_help(it->req));
	fputc('\n', out);
}

int keys_doc_dump(FILE *out, const char *format)
{
	key_doc_fn *fn = !strcmp(format, "text") ? print_text :
			 !strcmp(format, "roff") ? print_roff : NULL;
	bool options = !strcmp(format, "roff-options");
	struct printer p = { out, false };
	struct ui *ui;
	int status = 0;

	if (!fn && !options)
		return -1;
	/* a bare ui only to hold the built-in bindings and options: no user
	 * file, no log */
	ui = talloc_zero(NULL, struct ui);
	config_defaults(ui);
	if (options) {
		status = options_dump_roff(out, &ui->opt);
	} else {
		if (fn == print_roff)
			fputs(".\\\" Generated by bisview --dump-keys=roff from src/ui/request.h\n"
			      ".\\\" and data/bisviewrc: do not edit.\n", out);
		keys_doc_walk(ui, ui->keymap, fn, &p);
	}
	talloc_free(ui);
	return status;
}
