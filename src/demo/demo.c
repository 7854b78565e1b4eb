/* demo_build() and demo_prepare(): the demo repository and log, made
 * once into the user's cache and reused while complete; a session: one
 * repository and many logs on it (bench/posterior-sim.sh). */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "clock.h"
#include "demo/demo_internal.h"
#include "i18n.h"
#include "tree/range.h"

void demo_options_init(struct demo_options *opt)
{
	memset(opt, 0, sizeof(*opt));
	opt->seed = 3;     /* a bisection of 12 steps that shows every flaky case */
	opt->commits = 3000;
	opt->releases = 7;
	opt->culprit_release = 5;
	opt->culprit_position = 0.4;
	opt->kind = DEMO_CAUSE;
	opt->flaky = true;
	opt->checkout = true;
}

struct demo_session {
	struct demo_options opt;
	struct demo_plan plan;
	struct tree *t;
	const char *repo;
	double seconds;            /* the repository's build */
};

static int session_destroy(struct demo_session *s)
{
	talloc_free(s->t);
	tree_library_shutdown();
	return 0;
}

struct demo_session *demo_session_open(const void *ctx, const char *dir,
				       const struct demo_options *opt, const char **err)
{
	double t0 = monotonic_seconds();
	struct demo_session *s = talloc_zero(ctx, struct demo_session);

	*err = NULL;
	if (!s) {
		*err = _("out of memory");
		return NULL;
	}
	tree_library_init();
	talloc_set_destructor(s, session_destroy);
	s->opt = *opt;
	s->repo = talloc_asprintf(s, "%s/linux", dir);
	if (demo_noise_check(opt, &opt->noise, err) < 0)
		goto fail;
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		*err = talloc_asprintf(ctx, _("cannot create %s: %s"), dir, strerror(errno));
		goto fail;
	}
	if (demo_repo_build(s, s->repo, opt, &s->plan, err) < 0)
		goto fail;
	s->t = tree_open(s, s->repo, false, err);
	if (!s->t) {
		if (!*err)
			*err = _("cannot open the demo repository");
		goto fail;
	}
	s->seconds = monotonic_seconds() - t0;
	return s;
fail:
	if (*err)
		*err = talloc_strdup(ctx, *err);
	talloc_free(s);
	return NULL;
}

static const char *hex_of(const void *ctx, const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	return talloc_strdup(ctx, hex);
}

int demo_session_log(struct demo_session *s, const struct demo_noise *noise, const char *path,
		     struct demo_result *out, const char **err)
{
	void *tmp = talloc_new(NULL);
	double t0 = monotonic_seconds();
	const struct demo_plan *plan = &s->plan;
	struct demo_sim sim;
	int rc;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	s->plan.noise = *noise;
	rc = demo_noise_check(&s->opt, noise, err);
	if (rc == 0 && noise->on && !s->plan.history) {
		s->plan.history = range_walk(s->t, s, &s->plan.head, NULL, 0, err);
		rc = s->plan.history ? 0 : -1;
	}
	if (rc == 0)
		rc = demo_bisect(tmp, s->t, plan, &sim, err);
	if (rc == 0)
		rc = demo_log_write(tmp, s->t, plan, &sim, path, err);
	if (rc != 0)
		goto out;
	out->repo_path = s->repo;
	out->log_path = talloc_strdup(s, path);
	out->culprit = hex_of(s, plan->kind == DEMO_FIX ? &plan->fix : &plan->culprit);
	out->result = sim.inconclusive ? NULL : hex_of(s, &sim.result);
	out->truth = sim.truth;
	out->start = hex_of(s, &plan->start);
	out->commits = plan->commits;
	out->merges = plan->merges;
	out->tags = plan->tags;
	out->range = sim.range;
	out->steps = sim.bisect_steps;
	out->skips = sim.skips;
	out->seconds = monotonic_seconds() - t0;
out:
	if (rc != 0 && *err)
		*err = talloc_strdup(s, *err);
	talloc_free(tmp);
	return rc;
}

int demo_build(const void *ctx, const char *dir, const struct demo_options *opt,
	       struct demo_result *out, const char **err)
{
	void *tmp = talloc_new(NULL);
	struct demo_session *s = demo_session_open(tmp, dir, opt, err);
	int rc = -1;

	memset(out, 0, sizeof(*out));
	if (!s || demo_session_log(s, &opt->noise, talloc_asprintf(tmp, "%s/bisect.log", dir),
				   out, err) != 0)
		goto out;
	out->seconds += s->seconds;
	/* the result's strings live under ctx, the session dies here */
	out->repo_path = talloc_steal(ctx, out->repo_path);
	out->log_path = talloc_steal(ctx, out->log_path);
	out->culprit = talloc_steal(ctx, out->culprit);
	out->result = talloc_steal(ctx, out->result);
	out->start = talloc_steal(ctx, out->start);
	rc = 0;
out:
	if (rc < 0 && *err)
		*err = talloc_strdup(ctx, *err);
	talloc_free(tmp);
	return rc;
}

/* mkdir -p, for the cache directory only */
static int make_dirs(const void *ctx, const char *path)
{
	char *p = talloc_strdup(ctx, path);

	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return mkdir(p, 0700) < 0 && errno != EEXIST ? -1 : 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* rm -r of a build of ours that did not complete */
static void remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool complete(const void *ctx, const char *dir)
{
	struct stat st;

	return stat(talloc_asprintf(ctx, "%s/bisect.log", dir), &st) == 0 && S_ISREG(st.st_mode) &&
	       stat(talloc_asprintf(ctx, "%s/linux/.git/HEAD", dir), &st) == 0;
}

static const char *default_cache(const void *ctx, const char **err)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");

	/* the XDG spec: a relative path there is invalid, ignore it */
	if (xdg && xdg[0] == '/')
		return talloc_asprintf(ctx, "%s/bisview", xdg);
	if (home && *home)
		return talloc_asprintf(ctx, "%s/.cache/bisview", home);
	*err = _("neither XDG_CACHE_HOME nor HOME is set: no place for the demo");
	return NULL;
}

int demo_prepare(const void *ctx, const char *cache_dir, const char **repo_path,
		 const char **log_path, const char **err)
{
	void *tmp = talloc_new(NULL);
	const char *cache = cache_dir ? cache_dir : default_cache(tmp, err);
	const char *dir, *build;
	struct demo_options opt;
	struct demo_result res;
	int rc = -1;

	*err = NULL;
	if (!cache)
		goto out;
	dir = talloc_asprintf(tmp, "%s/demo-%d", cache, DEMO_FORMAT);
	if (!complete(tmp, dir)) {
		if (make_dirs(tmp, cache) < 0) {
			*err = talloc_asprintf(ctx, _("cannot create %s: %s"), cache,
					       strerror(errno));
			goto out;
		}
		/* build beside it and rename: a reader sees all or nothing */
		build = talloc_asprintf(tmp, "%s/.demo-%d.%ld", cache, DEMO_FORMAT, (long)getpid());
		remove_tree(build);
		demo_options_init(&opt);
		if (demo_build(tmp, build, &opt, &res, err) < 0) {
			*err = talloc_strdup(ctx, *err);
			remove_tree(build);
			goto out;
		}
		if (rename(build, dir) < 0) {
			int e = errno;

			/* another bisview finished first, or a broken leftover */
			if (!complete(tmp, dir)) {
				remove_tree(dir);
				if (rename(build, dir) == 0)
					goto done;
			}
			remove_tree(build);
			if (!complete(tmp, dir)) {
				*err = talloc_asprintf(ctx, _("cannot rename %s: %s"), build,
						       strerror(e));
				goto out;
			}
		}
	}
done:
	*repo_path = talloc_asprintf(ctx, "%s/linux", dir);
	*log_path = talloc_asprintf(ctx, "%s/bisect.log", dir);
	rc = 0;
out:
	talloc_free(tmp);
	return rc;
}
