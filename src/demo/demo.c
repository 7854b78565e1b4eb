/* demo_build() and demo_prepare(): the demo repository and log, made
 * once into the user's cache and reused while complete. */
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

static const char *hex_of(const void *ctx, const git_oid *oid)
{
	char hex[GIT_OID_HEXSZ + 1];

	git_oid_tostr(hex, sizeof(hex), oid);
	return talloc_strdup(ctx, hex);
}

int demo_build(const void *ctx, const char *dir, const struct demo_options *opt,
	       struct demo_result *out, const char **err)
{
	void *tmp = talloc_new(NULL);
	double t0 = monotonic_seconds();
	struct demo_plan plan;
	struct demo_sim sim;
	struct tree *t = NULL;
	const char *repo = talloc_asprintf(ctx, "%s/linux", dir);
	const char *log = talloc_asprintf(ctx, "%s/bisect.log", dir);
	int rc = -1;

	memset(out, 0, sizeof(*out));
	*err = NULL;
	tree_library_init();
	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		*err = talloc_asprintf(ctx, _("cannot create %s: %s"), dir, strerror(errno));
		goto out;
	}
	if (demo_repo_build(tmp, repo, opt, &plan, err) < 0)
		goto out;
	t = tree_open(tmp, repo, false, err);
	if (!t) {
		if (!*err)
			*err = _("cannot open the demo repository");
		goto out;
	}
	if (demo_bisect(tmp, t, &plan, &sim, err) < 0 ||
	    demo_log_write(tmp, t, &plan, &sim, log, err) < 0)
		goto out;
	out->repo_path = repo;
	out->log_path = log;
	out->culprit = hex_of(ctx, plan.kind == DEMO_FIX ? &plan.fix : &plan.culprit);
	out->start = hex_of(ctx, &plan.start);
	out->commits = plan.commits;
	out->merges = plan.merges;
	out->tags = plan.tags;
	out->range = sim.range;
	out->steps = sim.bisect_steps;
	out->skips = sim.skips;
	out->seconds = monotonic_seconds() - t0;
	rc = 0;
out:
	if (rc < 0 && *err)
		*err = talloc_strdup(ctx, *err);
	talloc_free(tmp);
	tree_library_shutdown();
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
