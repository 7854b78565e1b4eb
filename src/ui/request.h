/* What a key asks for. One table (REQUESTS) names every request and says
 * what it does: the config's `bind` lines use the names, the help view
 * and the man page's key table are generated from it with the current
 * bindings, so keys, help and manual cannot drift apart. */
#ifndef BISVIEW_UI_REQUEST_H
#define BISVIEW_UI_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "ui/view_table.h"

/* group, id, name, help text; the view-* requests come from the view
 * table (view_table.h), one for each view that has one. */
#define REQUESTS(R) \
	R(MOVE, MOVE_DOWN, "move-down", N_("Move the cursor down one line")) \
	R(MOVE, MOVE_UP, "move-up", N_("Move the cursor up one line")) \
	R(MOVE, MOVE_PAGE_DOWN, "move-page-down", N_("Move down one page")) \
	R(MOVE, MOVE_PAGE_UP, "move-page-up", N_("Move up one page")) \
	R(MOVE, MOVE_HALF_PAGE_DOWN, "move-half-page-down", N_("Move down half a page")) \
	R(MOVE, MOVE_HALF_PAGE_UP, "move-half-page-up", N_("Move up half a page")) \
	R(MOVE, MOVE_FIRST_LINE, "move-first-line", N_("Move to the first line")) \
	R(MOVE, MOVE_LAST_LINE, "move-last-line", N_("Move to the last line")) \
	R(MOVE, SCROLL_LINE_DOWN, "scroll-line-down", N_("Scroll down one line")) \
	R(MOVE, SCROLL_LINE_UP, "scroll-line-up", N_("Scroll up one line")) \
	R(MOVE, SCROLL_LEFT, "scroll-left", N_("Scroll left by half the view")) \
	R(MOVE, SCROLL_RIGHT, "scroll-right", N_("Scroll right by half the view")) \
	R(MOVE, NEXT, "next", N_("Next step (reopens this view for it)")) \
	R(MOVE, PREVIOUS, "previous", N_("Previous step (reopens this view for it)")) \
	R(MOVE, NEXT_FILE, "next-file", N_("Next file of the diff")) \
	R(MOVE, PREVIOUS_FILE, "previous-file", N_("Previous file of the diff")) \
	R(MOVE, NEXT_HUNK, "next-hunk", N_("Next hunk of the diff")) \
	R(MOVE, PREVIOUS_HUNK, "previous-hunk", N_("Previous hunk of the diff")) \
	R(MOVE, JUMP_CULPRIT, "jump-culprit", N_("Select the culprit's step")) \
	R(MOVE, JUMP_SUSPICIOUS, "jump-suspicious", N_("Select the blamed step")) \
	R(SEARCH, SEARCH, "search", N_("Search forward, hits highlighted")) \
	R(SEARCH, SEARCH_BACK, "search-back", N_("Search backward")) \
	R(SEARCH, FIND_NEXT, "find-next", N_("Next search match")) \
	R(SEARCH, FIND_PREV, "find-prev", N_("Previous search match")) \
	R(VIEW, ENTER, "enter", N_("Open the selected line (diff, frame, evidence)")) \
	UI_VIEWS(UI_VIEW_REQUEST, R) \
	R(VIEW, EVIDENCE, "evidence", N_("Show the log lines behind the selected signal or step")) \
	R(VIEW, VIEW_NEXT, "view-next", N_("Switch to the other pane")) \
	R(VIEW, VIEW_CLOSE, "view-close", N_("Close the current view")) \
	R(VIEW, EDIT, "edit", N_("Open the source line in $VISUAL or $EDITOR")) \
	R(VIEW, SORT_ORDER, "sort-order", N_("Triage list: sort by p_wrong, date or name, in turn")) \
	R(VIEW, FILTER, "filter", N_("Triage list: show only the rows that have these words")) \
	R(MISC, PROMPT, "prompt", N_("Enter a command")) \
	R(MISC, REPLAY, "replay", N_("Write the bisection as a file for git bisect replay")) \
	R(MISC, REPLAY_FLIP, "replay-flip", \
	  N_("Write a replay file that stops at the selected step, its verdict inverted")) \
	R(MISC, REPLAY_UNTIL, "replay-until", \
	  N_("Write a replay file that stops before the selected step, to test it again")) \
	R(MISC, COPY_HASH, "copy-hash", N_("Copy the step's commit hash (OSC 52)")) \
	R(MISC, OPEN_PAGE, "open-page", N_("Open the step's commit on lore.kernel.org in $BROWSER")) \
	R(MISC, SYZ_TEST, "syz-test", \
	  N_("Write a #syz test mail that reverts the culprit on the start commit")) \
	R(MISC, RELOAD, "reload", N_("Reload the log, keeping the selected step")) \
	R(MISC, REDRAW, "redraw", N_("Redraw the screen")) \
	R(MISC, TOGGLE_HINTS, "toggle-hints", N_("Show or hide the key hint bar")) \
	R(MISC, CANCEL, "cancel", N_("Cancel a job or prompt, hide the hits")) \
	R(MISC, SUSPEND, "suspend", N_("Suspend to the shell")) \
	R(MISC, QUIT, "quit", N_("Quit"))

#define UI_REQ_ENUM(group, id, name, help) REQ_##id,
enum request { REQ_NONE = 0, REQUESTS(UI_REQ_ENUM) REQ_COUNT };
#undef UI_REQ_ENUM

const char *request_name(enum request r);
const char *request_help(enum request r);     /* translated */
const char *request_group(enum request r);    /* "MOVE", "SEARCH", ... */
int request_by_name(const char *name);        /* -1 when unknown */

const char *view_kind_name(enum view_kind k);
int view_kind_by_name(const char *name);      /* -1 when unknown */

/* Bindings: per view, then generic. */
struct keymap;
struct keymap *keymap_new(const void *ctx);
void keymap_bind(struct keymap *m, enum view_kind view, int key, enum request r);
enum request keymap_find(const struct keymap *m, enum view_kind view, int key);
/* The keys bound to r in view (view-specific first, then generic ones
 * not overridden there), as "j, <Down>"; NULL when none. */
const char *keymap_keys(const void *ctx, const struct keymap *m, enum view_kind view,
			enum request r);

#endif
