/* The demo history's generator state, shared by demo_repo.c (commits)
 * and demo_cycle.c (the release cycles made of them). */
#ifndef BISVIEW_DEMO_DEMO_HISTORY_H
#define BISVIEW_DEMO_DEMO_HISTORY_H

#include "demo/demo_internal.h"

#define HOUR 3600
#define DAY 86400
#define CYCLE (63 * DAY)
/* Sunday 2023-01-15 22:00 UTC, a Sunday afternoon for the mainline
 * maintainer: releases happen then, and the history ends near it. */
#define DEMO_END 1673820000LL
#define RC_PERCENT 18
#define RCS 7

struct tip {
	git_oid oid, tree;
	int64_t time;
	struct demo_version **v;   /* per file; never changed once made */
};

enum special {
	SPECIAL_NONE,
	SPECIAL_CULPRIT,
	SPECIAL_FIX,
};

struct topic_plan {
	int sub;
	unsigned n;             /* commits, the side branch's included */
	bool nested;            /* a side branch merged into the topic */
	enum special special;
};

struct slot {
	int64_t atime, ctime;
	const struct demo_person *author;
};

struct gen {
	struct demo_rng rng;
	const struct demo_options *opt;
	struct demo_plan *plan;
	void *plan_ctx;
	struct demo_git *git;
	const struct demo_file **file;
	const char **path;
	size_t n_files;
	struct demo_weave **weave;
	const struct demo_person *people;
	size_t n_people;
	const struct demo_subsys *sub;
	size_t n_sub;
	size_t makefile, khugepaged, transhuge;
	unsigned cycle;
	unsigned serial;
	struct tip main;
	struct tip *bases;      /* where this cycle's topics fork */
	size_t n_bases;
	struct tip *next_bases;
	size_t n_next;
	char culprit_hex[GIT_OID_HEXSZ + 1];
};

const struct demo_person *demo_gen_author(struct gen *g, int sub);
int demo_gen_pick_sub(struct gen *g);
const char *demo_gen_date(struct gen *g, int64_t when);
/* The commit of file versions v on top of parent (and second, for a
 * merge) into t; t may be the parent itself. */
int demo_gen_write(struct gen *g, struct tip *t, const struct tip *parent,
		   const struct tip *second, struct demo_version **v,
		   const struct demo_person *author, int64_t atime,
		   const struct demo_person *committer, int64_t ctime, const char *msg);
/* A patch of subsystem sub (any file when sub < 0) on top of t. */
int demo_gen_patch(struct gen *g, struct tip *t, int sub, const struct slot *s,
		   const struct demo_person *committer, const char **subject);
/* Merge branch, forked at base, into "into". */
int demo_gen_merge(struct gen *g, struct tip *into, const struct tip *base,
		   const struct tip *branch, const struct demo_person *who, int64_t when,
		   const char *msg);
/* A topic branch from base, its commits dated t0 .. t1; the subjects
 * (oldest first) go to *subjects for the pull's message. */
int demo_gen_topic(struct gen *g, const struct tip *base, const struct topic_plan *tp,
		   int64_t t0, int64_t t1, struct tip *out, const char ***subjects);
/* "Linux 1.N-rcM" (rc 0: the release) on the mainline, and its tag. */
int demo_gen_release(struct gen *g, unsigned patchlevel, unsigned rc, int64_t when);

#endif
