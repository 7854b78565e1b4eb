/* The key table, walked once for everyone who prints it: the help view
 * (with the user's bindings) and `--dump-keys=text|roff` (with the
 * defaults, for the man page). One walk, so the two cannot disagree. */
#ifndef BISVIEW_UI_KEYS_DOC_H
#define BISVIEW_UI_KEYS_DOC_H

#include <stdio.h>

#include "ui/request.h"

enum key_doc_kind {
	KEY_DOC_GROUP,    /* a heading: the requests of a group follow */
	KEY_DOC_VIEW,     /* a heading: one view's own bindings follow */
	KEY_DOC_REQUEST,  /* one request and its keys */
};

struct key_doc_item {
	enum key_doc_kind kind;
	enum view_kind view;  /* VIEW_GENERIC in the groups' part */
	const char *group;    /* "MOVE", "SEARCH", "VIEW", "MISC" */
	const char *title;    /* headings: translated ("Moving around", "The diff view") */
	enum request req;     /* KEY_DOC_REQUEST */
	const char *keys;     /* "j, <Down>"; NULL when no key is bound */
	/* No generic key: the views that bind one ("diff", "crash source"),
	 * listed again under their headings; NULL when none does. */
	const char *views;
};

typedef void key_doc_fn(const struct key_doc_item *item, void *arg);

/* Every request by group with its generic keys, then for each view the
 * requests whose keys differ there (diff's next-file...). Strings live
 * under ctx. */
void keys_doc_walk(const void *ctx, const struct keymap *m, key_doc_fn *fn, void *arg);

/* What to show for an item's keys: the keys, "(in diff)" or "(not bound)". */
const char *keys_doc_keys(const void *ctx, const struct key_doc_item *item);

/* --dump-keys=FORMAT: the table from the built-in defaults only, as
 * "text" or "roff"; or "roff-options", the manual's list of `set`
 * options (options_dump_roff(), options.h). Returns 0, or -1 for an
 * unknown format or a failed dump. */
int keys_doc_dump(FILE *out, const char *format);

#endif
