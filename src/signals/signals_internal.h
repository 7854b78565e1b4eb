/* Shared by the files of src/signals/. */
#ifndef BISVIEW_SIGNALS_INTERNAL_H
#define BISVIEW_SIGNALS_INTERNAL_H

#include <stdbool.h>

#include "signals/signals.h"

struct sig_ctx {
	const struct blog *log;
	const struct log_xref *x;   /* NULL without a tree */
	struct signal_list *out;
	void *tmp;
};

/* Add a signal; the message is printf-formatted and translated by the
 * caller (_() around fmt). */
void sig_add(struct sig_ctx *c, enum signal_id id, enum signal_strength strength, double weight,
	     int step, struct line_span lines, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* Is this step's verdict the one that means "it crashed"? (bad for a
 * cause bisection, good for a fix bisection, where git's words are
 * inverted.) */
bool step_says_crash(const struct blog *log, const struct step *s);

/* A crash title that says more about the test machine than the kernel
 * ("lost connection to test machine", "SYZFAIL", ...). */
bool signal_infra_title(const char *t);

char *path_dir(const void *ctx, const char *path);

void signals_from_steps(struct sig_ctx *c);
void signals_from_result(struct sig_ctx *c);
void signals_from_tree(struct sig_ctx *c);
/* fix_verdict.c: fix-agrees, fix-disagrees (tree/fix.h) */
void signals_from_fix(struct sig_ctx *c);

#endif
