/* --replay: the log's bisection as a file for `git bisect replay`
 * (doc/design.md "Resuming a bisection"). Pure text from the model: no
 * tree, no git. Only commands, refs and hashes are written, never a
 * subject or any other text of the log. */
#ifndef BISVIEW_REPORT_REPLAY_H
#define BISVIEW_REPORT_REPLAY_H

#include "log/model.h"

enum replay_stop {
	REPLAY_ALL,    /* every step git was given */
	REPLAY_FLIP,   /* up to the step, its verdict inverted (good <-> bad) */
	REPLAY_UNTIL,  /* up to, not including, the step: git checks it out again */
};

/* The replay file as a talloc string (child of ctx), or NULL with *err a
 * translated one-line reason (a step that git was not given, a skip to
 * flip, a ref that is not a plain ref). step is the index --summary
 * shows; ignored with REPLAY_ALL. */
char *replay_text(const void *ctx, const struct blog *log, enum replay_stop how, int step,
		  const char **err);

/* Is the step one git was given a verdict on (one line of the file)? */
bool replay_step_is_command(const struct blog *log, const struct step *s);

#endif
