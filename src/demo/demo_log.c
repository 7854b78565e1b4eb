/* The demo's bisection log, line for line as syzbot printed it between
 * September 2022 and February 2023 (doc/log-format.md §2, §3): the host line,
 * `testing commit H gcc` + compiler + kernel signature, releases back to
 * the first good one, git's own output after every `# git bisect` line
 * and a blank line after it, the `git show --stat` block, the summary,
 * and the crash report. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_internal.h"
#include "i18n.h"
#include "tree/tree_git.h"

#define COMPILER "gcc (Debian 10.2.1-6) 10.2.1 20210110, GNU ld (GNU Binutils for Debian) 2.35.2"
#define LKML "linux-kernel@lists.example.org"

struct writer {
	void *ctx;
	struct tree *t;
	const struct demo_plan *plan;
	const struct demo_sim *sim;
	struct demo_rng rng;
	char *log;
	uint64_t build_ns, test_ns;
	const char *err;
};

static void put(struct writer *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct writer *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	w->log = talloc_vasprintf_append_buffer(w->log, fmt, ap);
	va_end(ap);
}

static const char *hex(struct writer *w, const git_oid *oid)
{
	char buf[GIT_OID_HEXSZ + 1];

	git_oid_tostr(buf, sizeof(buf), oid);
	return talloc_strdup(w->ctx, buf);
}

static const char *subject_of(struct writer *w, const git_oid *oid)
{
	git_commit *c;
	const char *s;

	if (git_commit_lookup(&c, tree_git_repository(w->t), oid) < 0)
		return "";
	s = talloc_strdup(w->ctx, git_commit_summary(c) ? git_commit_summary(c) : "");
	git_commit_free(c);
	return s;
}

/* Go's time.Duration.String() for the durations syzbot prints */
static const char *go_duration(struct writer *w, uint64_t ns)
{
	uint64_t s = ns / 1000000000u, h = s / 3600, m = s / 60 % 60;
	char frac[16] = "";

	if (ns % 1000000000u) {
		snprintf(frac, sizeof(frac), ".%09llu", (unsigned long long)(ns % 1000000000u));
		for (size_t n = strlen(frac); frac[n - 1] == '0'; n--)
			frac[n - 1] = '\0';
	}
	if (h)
		return talloc_asprintf(w->ctx, "%lluh%llum%llu%ss", (unsigned long long)h,
				       (unsigned long long)m, (unsigned long long)(s % 60), frac);
	return talloc_asprintf(w->ctx, "%llum%llu%ss", (unsigned long long)m,
			       (unsigned long long)(s % 60), frac);
}

static uint64_t minutes(struct writer *w, unsigned lo, unsigned hi)
{
	return ((uint64_t)(lo * 60 + demo_below(&w->rng, (hi - lo) * 60)) * 1000000000u) +
	       demo_below(&w->rng, 1000000000u);
}

static void put_run(struct writer *w, enum demo_run r)
{
	switch (r) {
	case DR_CRASH:
		put(w, "crashed: %s\n", demo_crash_title());
		break;
	case DR_DRIFT:
		put(w, "crashed: %s\n", demo_drift_title());
		break;
	case DR_BOOT:
		put(w, "boot failed: can't ssh into the instance\n");
		break;
	case DR_OK:
		put(w, "OK\n");
		break;
	case DR_OTHER_NET:
	case DR_OTHER_FS:
	case DR_OTHER_DRM:
		put(w, "crashed: %s\n", demo_other_title(r));
		break;
	}
}

/* A compiler error naming a real line of the commit being built. */
static void put_build_error(struct writer *w, const git_oid *commit)
{
	static const char path[] = "drivers/gpu/drm/i915/i915_gem.c", fn[] = "intel_gt_init";
	char *text = NULL, *at;
	size_t len;
	unsigned line = 1;

	if (tree_file_at(w->t, w->ctx, hex(w, commit), path, &text, &len) < 0 ||
	    !(at = strstr(text, fn))) {
		put(w, "failed to run [\"make\" \"-j\" \"64\" \"ARCH=x86_64\" \"bzImage\"]: "
		    "exit status 2\n");
		return;
	}
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	while (at > text && at[-1] != '\n')
		at--;
	put(w, "%s:%u:%d: error: implicit declaration of function '%s'; did you mean '%s_hw'? "
	    "[-Werror=implicit-function-declaration]\n", path, line,
	    (int)(strstr(at, fn) - at) + 1, fn, fn);
	put(w, "cc1: some warnings being treated as errors\n");
}

static void test_block(struct writer *w, const struct demo_step *s)
{
	bool same = true;

	put(w, "testing commit %s gcc\n", hex(w, &s->commit));
	put(w, "compiler: %s\n", COMPILER);
	w->build_ns += minutes(w, 7, 16);
	if (s->build_error) {
		put_build_error(w, &s->commit);
		return;
	}
	put(w, "kernel signature: %s\n", demo_kernel_signature(w->ctx, w->t, &s->commit));
	if (!s->n_runs)
		return;
	w->test_ns += minutes(w, 4, 11);
	for (unsigned i = 1; i < s->n_runs; i++)
		same = same && s->runs[i] == s->runs[0];
	if (same) {
		put(w, "all runs: ");
		put_run(w, s->runs[0]);
	} else {
		for (unsigned i = 0; i < s->n_runs; i++) {
			put(w, "run #%u: ", i);
			put_run(w, s->runs[i]);
		}
	}
	if (s->flaky_line)
		put(w, "reproducer seems to be flaky\n");
}

static const char *const day_names[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const month_names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
					   "Aug", "Sep", "Oct", "Nov", "Dec" };

/* git's default date format, in the author's own zone, English always */
static const char *git_date(struct writer *w, const git_time *when)
{
	time_t local = (time_t)(when->time + (git_time_t)when->offset * 60);
	int off = when->offset < 0 ? -when->offset : when->offset;
	struct tm tm;

	gmtime_r(&local, &tm);
	return talloc_asprintf(w->ctx, "%s %s %d %02d:%02d:%02d %d %c%02d%02d",
			       day_names[tm.tm_wday], month_names[tm.tm_mon], tm.tm_mday,
			       tm.tm_hour, tm.tm_min, tm.tm_sec, tm.tm_year + 1900,
			       when->offset < 0 ? '-' : '+', off / 60, off % 60);
}

static int decimal_width(int n)
{
	int w = 1;

	for (; n >= 10; n /= 10)
		w++;
	return w;
}

/* git diff.c show_stats() for an 80-column non-terminal, with the
 * --summary lines after it. */
static void stat_block(struct writer *w, const struct diff_file *f, size_t n)
{
	int max_len = 0, max_change = 0, width = 80, number_width, graph_width, name_width;
	int adds = 0, dels = 0;

	for (size_t i = 0; i < n; i++) {
		int len = (int)strlen(f[i].path);

		max_len = len > max_len ? len : max_len;
		if (f[i].insertions + f[i].deletions > max_change)
			max_change = f[i].insertions + f[i].deletions;
	}
	number_width = decimal_width(max_change);
	graph_width = max_change;
	name_width = max_len;
	if (name_width + number_width + 6 + graph_width > width) {
		if (graph_width > width * 3 / 8 - number_width - 6) {
			graph_width = width * 3 / 8 - number_width - 6;
			if (graph_width < 6)
				graph_width = 6;
		}
		if (name_width > width - number_width - 6 - graph_width)
			name_width = width - number_width - 6 - graph_width;
		else
			graph_width = width - number_width - 6 - name_width;
	}
	for (size_t i = 0; i < n; i++) {
		const char *name = f[i].path, *prefix = "";
		int len = name_width, add = f[i].insertions, del = f[i].deletions;
		int total = add + del;

		if (name_width < (int)strlen(name)) {
			const char *slash;

			prefix = "...";
			len -= 3;
			name += strlen(name) - (size_t)len;
			slash = strchr(name, '/');
			if (slash)
				name = slash;
		}
		/* max_change 0: every file changed nothing, all stay 0 */
		if (max_change > 0 && graph_width <= max_change) {
			int scaled = total ? 1 + total * (graph_width - 1) / max_change : 0;

			if (scaled < 2 && add && del)
				scaled = 2;
			if (add < del) {
				add = add ? 1 + add * (graph_width - 1) / max_change : 0;
				del = scaled - add;
			} else {
				del = del ? 1 + del * (graph_width - 1) / max_change : 0;
				add = scaled - del;
			}
		}
		put(w, " %s%s%*s | %*d%s", prefix, name, len - (int)strlen(name), "", number_width,
		    total, total ? " " : "");
		for (int k = 0; k < add; k++)
			put(w, "+");
		for (int k = 0; k < del; k++)
			put(w, "-");
		put(w, "\n");
		adds += f[i].insertions;
		dels += f[i].deletions;
	}
	put(w, " %zu file%s changed", n, n == 1 ? "" : "s");
	if (adds || !dels)
		put(w, ", %d insertion%s(+)", adds, adds == 1 ? "" : "s");
	if (dels || !adds)
		put(w, ", %d deletion%s(-)", dels, dels == 1 ? "" : "s");
	put(w, "\n");
	for (size_t i = 0; i < n; i++)
		if (f[i].status == 'A' || f[i].status == 'D')
			put(w, " %s mode 100644 %s\n", f[i].status == 'A' ? "create" : "delete",
			    f[i].path);
}

/* What git bisect prints for the first bad commit: up to git 2.40 an
 * in-process `git diff-tree --pretty --stat --summary --cc`, which
 * ignores .mailmap (the raw author, unlike `git show`). */
static int show_block(struct writer *w, const git_oid *oid)
{
	git_commit *c;
	const git_signature *a;
	struct diff_file *files;
	size_t n;
	char *msg, *save = NULL;
	size_t end;

	if (git_commit_lookup(&c, tree_git_repository(w->t), oid) < 0)
		return -1;
	put(w, "commit %s\n", hex(w, oid));
	if (git_commit_parentcount(c) > 1) {
		put(w, "Merge:");
		for (unsigned i = 0; i < git_commit_parentcount(c); i++)
			put(w, " %.7s", hex(w, git_commit_parent_id(c, i)));
		put(w, "\n");
	}
	a = git_commit_author(c);
	put(w, "Author: %s <%s>\nDate:   %s\n\n", a->name, a->email, git_date(w, &a->when));
	msg = talloc_strdup(w->ctx, git_commit_message(c));
	git_commit_free(c);
	/* trailing blank lines are not shown; blank lines inside are four spaces */
	for (end = strlen(msg); end > 0 && msg[end - 1] == '\n'; end--)
		msg[end - 1] = '\0';
	for (char *p = msg; p; p = save) {
		save = strchr(p, '\n');
		if (save)
			*save++ = '\0';
		put(w, "    %s\n", p);
	}
	if (tree_commit_files(w->t, w->ctx, hex(w, oid), &files, &n) < 0)
		return -1;
	if (n) {
		put(w, "\n");
		stat_block(w, files, n);
	}
	return 0;
}

/* What git prints after `git bisect start` or a verdict, and the blank
 * line syzbot's tracer adds. */
static void git_answer(struct writer *w, const struct demo_step *a)
{
	if (a->only_skipped) {
		put(w, "There are only 'skip'ped commits left to test.\n"
		    "The first bad commit could be any of:\n");
		for (size_t i = 0; i < w->sim->n_candidates; i++)
			put(w, "%s\n", hex(w, &w->sim->candidates[i]));
		put(w, "We cannot bisect more!\n");
	} else if (a->found) {
		put(w, "%s is the first bad commit\n", hex(w, &w->sim->result));
		if (show_block(w, &w->sim->result) < 0)
			w->err = _("cannot read the demo's culprit");
	} else {
		put(w, "Bisecting: %d revision%s left to test after this (roughly %d step%s)\n",
		    a->revisions_left, a->revisions_left == 1 ? "" : "s", a->steps_left,
		    a->steps_left == 1 ? "" : "s");
		put(w, "[%s] %s\n", hex(w, &a->next), subject_of(w, &a->next));
	}
	put(w, "\n");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Go's %q of a sorted []string, duplicates removed */
static void put_list(struct writer *w, const char *what, const char **v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_str);
	put(w, "recipients (%s): [", what);
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(v[i], v[i - 1]))
			put(w, "%s\"%s\"", i ? " " : "", v[i]);
	put(w, "]\n");
}

/* To: the author (as recorded: syzbot reads %ae, which .mailmap does not
 * change), the maintainers and lists of the files touched (as in
 * MAINTAINERS); Cc: the kernel list. */
static void recipients(struct writer *w)
{
	const struct demo_file **tables;
	size_t n_tables = demo_files(w->ctx, &tables);
	const struct demo_subsys *subs;
	const struct demo_person *people;
	const char **to = talloc_array(w->ctx, const char *, 64), *cc[1] = { LKML };
	size_t n_to = 0;
	struct diff_file *files;
	size_t n = 0;
	git_commit *c;

	demo_subsystems(&subs);
	demo_people(&people);
	if (git_commit_lookup(&c, tree_git_repository(w->t), &w->sim->result) == 0) {
		to[n_to++] = talloc_strdup(to, git_commit_author(c)->email);
		git_commit_free(c);
	}
	tree_commit_files(w->t, w->ctx, hex(w, &w->sim->result), &files, &n);
	for (size_t i = 0; i < n && n_to < 60; i++) {
		for (size_t j = 0; j < n_tables; j++) {
			const struct demo_file *f = tables[j];

			if (strcmp(f->path, files[i].path) || f->subsys < 0)
				continue;
			to[n_to++] = people[subs[f->subsys].maintainer].email;
			if (strcmp(subs[f->subsys].list, LKML))
				to[n_to++] = subs[f->subsys].list;
		}
	}
	put_list(w, "to", to, n_to);
	put_list(w, "cc", cc, 1);
}

static const char *signature_of(struct writer *w, const git_oid *oid)
{
	return demo_kernel_signature(w->ctx, w->t, oid);
}

/* syzkaller's words when git gave up on skipped commits */
static void inconclusive(struct writer *w, unsigned tested)
{
	put(w, "revisions tested: %u, total time: %s (build: %s, test: %s)\n", tested,
	    go_duration(w, w->build_ns + w->test_ns + minutes(w, 1, 4)),
	    go_duration(w, w->build_ns), go_duration(w, w->test_ns));
	put(w, "bisection is inconclusive, the first bad commit could be any of:\n");
	for (size_t i = 0; i < w->sim->n_candidates; i++)
		put(w, "%s\n", hex(w, &w->sim->candidates[i]));
}

static void summary(struct writer *w)
{
	const struct demo_sim *sim = w->sim;
	unsigned tested = 0;
	git_commit *c;

	for (size_t i = 0; i < sim->n_steps; i++) {
		const struct demo_step *s = &sim->steps[i];

		if (s->phase == DP_PARENT) {
			put(w, "parent commit %s wasn't tested\n", hex(w, &s->commit));
			test_block(w, s);
		} else if (!s->build_error) {
			tested++;
		}
	}
	if (sim->inconclusive) {
		inconclusive(w, tested);
		return;
	}
	if (git_commit_lookup(&c, tree_git_repository(w->t), &sim->result) == 0) {
		put(w, "culprit signature: %s\n", signature_of(w, &sim->result));
		if (git_commit_parentcount(c) > 0)
			put(w, "parent  signature: %s\n",
			    signature_of(w, git_commit_parent_id(c, 0)));
		git_commit_free(c);
	}
	put(w, "revisions tested: %u, total time: %s (build: %s, test: %s)\n", tested,
	    go_duration(w, w->build_ns + w->test_ns + minutes(w, 1, 4)),
	    go_duration(w, w->build_ns), go_duration(w, w->test_ns));
	put(w, "first %s commit: %s %s\n", w->plan->kind == DEMO_FIX ? "good" : "bad",
	    hex(w, &sim->result), subject_of(w, &sim->result));
	recipients(w);
}

static void header(struct writer *w)
{
	int64_t start = w->plan->head_time + 2 * 86400 + demo_below(&w->rng, 36000);
	time_t t = (time_t)start;
	struct tm tm;
	char stamp[32], nanos[16], syz[GIT_OID_HEXSZ + 1];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	/* Go drops the trailing zeros of the fraction */
	snprintf(nanos, sizeof(nanos), "%09u", demo_below(&w->rng, 999999999) + 1);
	for (size_t n = strlen(nanos); nanos[n - 1] == '0'; n--)
		nanos[n - 1] = '\0';
	for (int i = 0; i < GIT_OID_HEXSZ; i++)
		syz[i] = "0123456789abcdef"[demo_below(&w->rng, 16)];
	syz[GIT_OID_HEXSZ] = '\0';
	put(w, "ci starts bisection %s.%s +0000 UTC m=+%u.%09u\n", stamp, nanos,
	    10000 + demo_below(&w->rng, 200000), demo_below(&w->rng, 1000000000));
	put(w, w->plan->kind == DEMO_FIX ? "bisecting fixing commit since %s\n"
					  : "bisecting cause commit starting from %s\n",
	    hex(w, &w->plan->start));
	put(w, "building syzkaller on %s\n", syz);
	put(w, "ensuring issue is reproducible on original commit %s\n\n", hex(w, &w->plan->start));
}

int demo_log_write(void *ctx, struct tree *t, const struct demo_plan *plan,
		   const struct demo_sim *sim, const char *path, const char **err)
{
	struct writer w = { talloc_new(ctx), t, plan, sim, { plan->seed ^ 0x6c6f67ULL },
			    NULL, 0, 0, NULL };
	FILE *f;
	size_t len;
	bool ok;

	w.log = talloc_strdup(w.ctx, "");
	header(&w);
	for (size_t i = 0; i < sim->n_steps; i++) {
		const struct demo_step *s = &sim->steps[i];

		if (s->phase == DP_PARENT)
			continue;
		if (s->phase == DP_RELEASE)
			put(&w, "testing release %s\n", s->label);
		else if (s->phase == DP_HEAD)
			put(&w, "testing current HEAD %s\n", hex(&w, &s->commit));
		else if (s->phase == DP_BISECT && i > 0 && sim->steps[i - 1].phase != DP_BISECT) {
			put(&w, "# git bisect start %s %s\n", hex(&w, &sim->bisect_bad),
			    hex(&w, &sim->bisect_good));
			git_answer(&w, &sim->start);
		}
		test_block(&w, s);
		if (s->phase == DP_BISECT) {
			put(&w, "# git bisect %s %s\n", s->verdict == DV_GOOD ? "good" :
			    s->verdict == DV_BAD ? "bad" : "skip", hex(&w, &s->commit));
			git_answer(&w, s);
		}
	}
	summary(&w);
	if (plan->kind == DEMO_CAUSE && !sim->inconclusive) {
		char *report = demo_crash_report(w.ctx, t, hex(&w, &sim->report_at), &w.rng,
						  err);

		if (!report) {
			*err = talloc_strdup(ctx, *err);
			goto fail;
		}
		put(&w, "crash: %s\n%s", demo_crash_title(), report);
	}
	if (w.err) {
		*err = w.err;
		goto fail;
	}
	f = fopen(path, "w");
	len = strlen(w.log);
	ok = f && fwrite(w.log, 1, len, f) == len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok) {
		*err = talloc_asprintf(ctx, _("cannot write %s: %s"), path, strerror(errno));
		goto fail;
	}
	talloc_free(w.ctx);
	return 0;
fail:
	talloc_free(w.ctx);
	return -1;
}
