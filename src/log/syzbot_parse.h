/* Internal state of the syzbot log parser, shared by its files:
 * syzbot.c (test blocks and git bisect steps) and syzbot_result.c
 * (the git show block, the summary and the result). */
#ifndef BISVIEW_LOG_SYZBOT_PARSE_H
#define BISVIEW_LOG_SYZBOT_PARSE_H

#include <stdbool.h>

#include "log/build.h"
#include "log/lines.h"
#include "log/syzbot_shape.h"

/* Where a line that matches no shape goes (doc/log-format.md §1, rule 1). */
enum cont_kind {
	CONT_NONE,        /* nowhere: the line is unknown */
	CONT_BUILD_ERROR, /* after testing commit / compiler: / failed building */
	CONT_RUN,         /* after run #N: / all runs: */
	CONT_TEST_ERROR,  /* after a bare failed: / repro testing failure: */
	CONT_NOISE,       /* git error texts, script output: kept in the raw log */
};

enum parse_mode {
	MODE_MAIN,
	MODE_SHOW,           /* git show block after "H is the first bad commit" */
	MODE_CANDIDATES,     /* syzkaller's inconclusive list */
	MODE_GIT_CANDIDATES, /* git's "only skipped commits" list */
};

struct syz_parser {
	struct blog *log;
	struct step *cur;      /* receives test-block lines */
	struct step *open;     /* opened (release, HEAD, ...) but not tested yet */
	struct step *decided;  /* got the last git verdict */
	enum cont_kind cont;
	enum parse_mode mode;
	bool bisect_started;
	bool pretend;          /* next verdict has no test block */
	const char *next_commit, *next_subject; /* last "[H] subject" */
	enum bisect_kind result_kind; /* what the result line says, for a fragment */
};

/* A 40-hex hash at s, copied under ctx, or NULL. */
const char *hash_dup(const void *ctx, const char *s, size_t len);

/* syzbot_unwrap.c: the lines with a mail client's wrapping undone (or
 * in itself when nothing was wrapped); *n is updated. */
struct pline *syzbot_unwrap(struct blog *log, struct pline *in, size_t *n);

/* syzbot_result.c */
enum result_line_status {
	RESULT_LINE_NOT_MINE,
	RESULT_LINE_TAKEN,
	RESULT_LINE_END,  /* the line and everything after it were taken */
};
enum result_line_status result_line(struct syz_parser *p, enum shape sh, const struct pline *pl,
				    const struct pline *rest, size_t n_rest);
void result_candidate(struct syz_parser *p, const struct pline *pl);
void show_line(struct syz_parser *p, const struct pline *pl);
void result_finish(struct blog *log);

#endif
