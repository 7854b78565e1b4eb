/* Test-only oracle: what `git bisect` would print, computed by
 * src/bisect/bisect_algo.c from the output of
 *
 *     git rev-list --parents --timestamp BAD ^GOOD...
 *
 * (lines "<ctime> <commit> <parent>...", in rev-list order). The first
 * line's commit is the initial bad one; initial goods lie outside the
 * range and need no mention.
 *
 * Usage: bisect-oracle [--first-parent] [--reach] [--time] [--revs FILE] [COMMAND...]
 *
 * The range comes from FILE, else from the leading lines of standard input
 * that start with a digit. Commands come from the arguments, then from the
 * rest of standard input, one per line (arguments are split the same way:
 * `bisect-oracle good H next` works):
 *
 *   good H | bad H | skip H   mark a commit (H: a hash or unique prefix);
 *                             a good outside the range is ignored, a skip
 *                             outside it still counts as "some skip"
 *   next                      print what git bisect would print
 *   order                     the candidates, as `git rev-list BAD ^GOODS` would
 *   order-initial             the first line's order restricted to them
 *   weights                   "<hash> <weight>" per candidate, in list order
 *
 * `next` prints, like git:
 *   Bisecting: N revisions left to test after this (roughly S steps)
 *   [<hash>]
 * or "<hash> is the first bad commit", or "There are only 'skip'ped
 * commits left to test.", or "<hash> was both good and bad".
 * --time adds "bisect_next: <all> candidates, <ms> ms" on stderr.
 * --reach finds the candidates by exact reachability instead of git's
 * walk (they differ under clock skew, see src/bisect/bisect_walk.c).
 *
 * Exit: 0, or 2 on bad input.
 */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <talloc.h>
#include <time.h>

#include "bisect/bisect_algo.h"
#include "bisect/bisect_list.h"
#include "bisect/dag.h"

struct oracle {
	struct dag *dag;
	bool first_parent;
	bool timing;
	enum bisect_range_how how;
	uint32_t bad;
	uint32_t *goods, *skips;
	size_t n_goods, n_skips;
};

__attribute__((format(printf, 1, 2), noreturn))
static void die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "bisect-oracle: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

static char *read_all(void *ctx, FILE *f)
{
	size_t len = 0, cap = 1 << 16;
	char *buf = talloc_size(ctx, cap);
	size_t got;

	while (buf && (got = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += got;
		if (cap - len - 1 == 0) {
			cap *= 2;
			buf = talloc_realloc_size(ctx, buf, cap);
		}
	}
	if (!buf || ferror(f))
		die("cannot read the input");
	buf[len] = '\0';
	return buf;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool parse_oid(const char *s, size_t len, uint8_t oid[DAG_OID_LEN])
{
	if (len != 2 * DAG_OID_LEN)
		return false;
	for (size_t i = 0; i < DAG_OID_LEN; i++) {
		int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return false;
		oid[i] = (uint8_t)(hi << 4 | lo);
	}
	return true;
}

static void print_oid(const uint8_t oid[DAG_OID_LEN])
{
	for (size_t i = 0; i < DAG_OID_LEN; i++)
		printf("%02x", oid[i]);
}

/* Split a line into words in place; returns their number (at most max). */
static size_t split_words(char *line, char **w, size_t max)
{
	size_t n = 0;

	while (*line && n < max) {
		while (*line && isspace((unsigned char)*line))
			*line++ = '\0';
		if (!*line)
			break;
		w[n++] = line;
		while (*line && !isspace((unsigned char)*line))
			line++;
		if (*line)
			*line++ = '\0';
	}
	return n;
}

/* The range from its lines; returns where the range's lines end. */
static char *load_range(struct oracle *o, void *ctx, char *text)
{
	char *p = text, *end;
	uint32_t n = 0, n_par = 0, k = 0;
	char **lines;

	/* first pass: count commits and parents */
	for (end = text; *end && isdigit((unsigned char)*end); ) {
		char *nl = strchr(end, '\n');
		size_t words = 0;
		bool in_word = false;

		for (char *c = end; c < (nl ? nl : end + strlen(end)); c++) {
			if (!isspace((unsigned char)*c) && !in_word)
				words++;
			in_word = !isspace((unsigned char)*c);
		}
		if (words < 2)
			die("a range line needs a time and a commit");
		n++;
		n_par += (uint32_t)(words - 2);
		end = nl ? nl + 1 : end + strlen(end);
	}
	if (!n)
		die("no range: feed `git rev-list --parents --timestamp BAD ^GOOD...`");
	o->dag = dag_new(ctx, n, n_par);
	lines = talloc_array(ctx, char *, n);
	if (!o->dag || !lines)
		die("out of memory");
	/* second pass: ids and times; parents once every id is indexed */
	for (uint32_t i = 0; i < n; i++) {
		char *nl = strchr(p, '\n');
		char *w[2];

		if (nl)
			*nl = '\0';
		lines[i] = talloc_strdup(lines, p);
		if (!lines[i] || split_words(p, w, 2) < 2 ||
		    !parse_oid(w[1], strlen(w[1]), o->dag->oid[i]))
			die("bad range line: %s", lines[i] ? lines[i] : "?");
		o->dag->time[i] = strtoll(w[0], NULL, 10);
		p = nl ? nl + 1 : p + strlen(p);
	}
	dag_index(o->dag);
	for (uint32_t i = 0; i < n; i++) {
		char *w[4096];
		size_t nw = split_words(lines[i], w, 4096);

		o->dag->parent_start[i] = k;
		for (size_t j = 2; j < nw; j++) {
			uint8_t oid[DAG_OID_LEN];

			if (!parse_oid(w[j], strlen(w[j]), oid))
				die("bad parent id %s", w[j]);
			o->dag->parent[k++] = dag_find(o->dag, oid);
		}
	}
	if (k != n_par)
		die("inconsistent range lines");
	o->bad = 0;
	return end;
}

/* A full hash or a unique prefix of one in the range; DAG_NONE when it is
 * a full hash outside the range. */
static uint32_t lookup(const struct oracle *o, const char *h)
{
	uint8_t oid[DAG_OID_LEN];
	size_t len = strlen(h);
	uint32_t found = DAG_NONE;
	char hex[2 * DAG_OID_LEN + 1];

	if (parse_oid(h, len, oid))
		return dag_find(o->dag, oid);
	if (len < 4 || len > 2 * DAG_OID_LEN)
		die("not a commit: %s", h);
	for (uint32_t i = 0; i < o->dag->n; i++) {
		for (size_t j = 0; j < DAG_OID_LEN; j++)
			snprintf(hex + 2 * j, 3, "%02x", o->dag->oid[i][j]);
		if (!strncasecmp(hex, h, len)) {
			if (found != DAG_NONE)
				die("ambiguous prefix %s", h);
			found = i;
		}
	}
	if (found == DAG_NONE)
		die("no commit %s in the range", h);
	return found;
}

static void query_of(const struct oracle *o, struct bisect_query *q)
{
	q->bad = o->bad;
	q->goods = o->goods;
	q->n_goods = o->n_goods;
	q->skips = o->skips;
	q->n_skips = o->n_skips;
	q->first_parent = o->first_parent;
}

static void cmd_next(const struct oracle *o)
{
	struct bisect_query q;
	struct bisect_answer a;
	struct timespec t0, t1;

	query_of(o, &q);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (bisect_next_how(o->dag, &q, o->how, &a) < 0)
		die("bisect_next failed");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (o->timing)
		fprintf(stderr, "bisect_next: %u candidates, %.3f ms\n", a.all,
			(double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (a.all == 0) {
		print_oid(o->dag->oid[o->bad]);
		printf(" was both good and bad\n");
	} else if (a.only_skipped) {
		printf("There are only 'skip'ped commits left to test.\n");
	} else if (a.found) {
		print_oid(o->dag->oid[o->bad]);
		printf(" is the first bad commit\n");
	} else {
		printf("Bisecting: %d revision%s left to test after this (roughly %d step%s)\n[",
		       a.revisions_left, a.revisions_left == 1 ? "" : "s",
		       a.steps_left, a.steps_left == 1 ? "" : "s");
		print_oid(o->dag->oid[a.choice]);
		printf("]\n");
	}
}

static void cmd_order(const struct oracle *o, bool initial, bool weights)
{
	void *tmp = talloc_new(NULL);
	struct bisect_query q;
	struct bisect_list l;

	query_of(o, &q);
	if (!tmp || bisect_list_build(tmp, o->dag, &q, o->how, &l) < 0 ||
	    (weights && bisect_list_weigh(tmp, &l, BISECT_WEIGH_FAST) < 0))
		die("cannot build the candidate list");
	if (initial) {
		for (uint32_t i = 0; i < o->dag->n; i++) {
			if (l.entry[i] != DAG_NONE) {
				print_oid(o->dag->oid[i]);
				putchar('\n');
			}
		}
	} else {
		/* the list is reversed in find_bisection(): undo that */
		for (uint32_t k = l.nr; k-- > 0; ) {
			print_oid(o->dag->oid[l.item[k]]);
			if (weights)
				printf(" %u", l.weight[k]);
			putchar('\n');
		}
	}
	talloc_free(tmp);
}

static uint32_t *add_mark(void *ctx, uint32_t *arr, size_t *n, uint32_t x)
{
	arr = talloc_realloc(ctx, arr, uint32_t, *n + 1);
	if (!arr)
		die("out of memory");
	arr[(*n)++] = x;
	return arr;
}

/* Runs the commands in w[0..n); returns how many words were used. */
static size_t run(struct oracle *o, void *ctx, char **w, size_t n)
{
	const char *c = w[0];
	uint32_t x;

	if (!strcmp(c, "next")) {
		cmd_next(o);
		return 1;
	}
	if (!strcmp(c, "order") || !strcmp(c, "order-initial") || !strcmp(c, "weights")) {
		cmd_order(o, !strcmp(c, "order-initial"), !strcmp(c, "weights"));
		return 1;
	}
	if (strcmp(c, "good") && strcmp(c, "bad") && strcmp(c, "skip"))
		die("unknown command %s", c);
	if (n < 2)
		die("%s needs a commit", c);
	x = lookup(o, w[1]);
	if (!strcmp(c, "bad")) {
		if (x == DAG_NONE)
			die("bad commit %s is outside the range", w[1]);
		o->bad = x;
	} else if (!strcmp(c, "good")) {
		if (x != DAG_NONE)
			o->goods = add_mark(ctx, o->goods, &o->n_goods, x);
	} else {
		o->skips = add_mark(ctx, o->skips, &o->n_skips, x);
	}
	return 2;
}

int main(int argc, char **argv)
{
	void *ctx = talloc_new(NULL);
	struct oracle o = { 0 };
	const char *revs = NULL;
	char *input, *rest, *line;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--first-parent"))
			o.first_parent = true;
		else if (!strcmp(argv[i], "--reach"))
			o.how = BISECT_RANGE_REACH;
		else if (!strcmp(argv[i], "--time"))
			o.timing = true;
		else if (!strcmp(argv[i], "--revs") && i + 1 < argc)
			revs = argv[++i];
		else
			die("unknown option %s", argv[i]);
	}
	input = read_all(ctx, stdin);
	if (revs) {
		FILE *f = fopen(revs, "r");

		if (!f)
			die("cannot open %s", revs);
		load_range(&o, ctx, read_all(ctx, f));
		fclose(f);
		rest = input;
	} else {
		rest = load_range(&o, ctx, input);
	}
	for (int j = i; j < argc; ) {
		size_t used = run(&o, ctx, argv + j, (size_t)(argc - j));

		j += (int)used;
	}
	while (rest && *rest) {
		char *w[3];
		size_t nw;

		line = rest;
		rest = strchr(rest, '\n');
		if (rest)
			*rest++ = '\0';
		nw = split_words(line, w, 3);
		if (nw && w[0][0] != '#')
			run(&o, ctx, w, nw);
		fflush(stdout);
	}
	talloc_free(ctx);
	return 0;
}
