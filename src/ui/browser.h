/* The selected step's page in the user's browser (o, tig's habit of
 * handing things on): the lore.kernel.org search for its commit, where a
 * kernel maintainer finds the patch and its discussion. */
#ifndef BISVIEW_UI_BROWSER_H
#define BISVIEW_UI_BROWSER_H

struct ui;

/* The URL for the selected step (under ctx), or NULL when it names no
 * commit (a release tag without a tree, no step). */
char *browser_step_url(const void *ctx, struct ui *ui);

/* open-page: $BROWSER (its first ':'-separated entry, split on blanks)
 * with the URL as its last argument, run from an argv array (no shell);
 * without $BROWSER the status line shows the URL to copy. */
void ui_open_page(struct ui *ui);

#endif
