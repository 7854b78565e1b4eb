/* The door of src/input/ (see input.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <talloc.h>
#include <unistd.h>

#include "app.h"
#include "i18n.h"
#include "input/fetch.h"
#include "input/input.h"
#include "input/input_mail.h"
#include "input/syzbot_url.h"
#include "log/parse.h"

struct input_request input_request_of(const struct app *app, const char *arg)
{
	return (struct input_request){ .arg = arg, .tree_path = app->tree_path,
				       .trust_repo = app->trust_repo, .no_tree = app->no_tree,
				       .extid = app->extid, .offline = app->offline,
				       .refresh = app->refresh, .fix = app->fix,
				       .syzbot_url = app->syzbot_url };
}

/* "MBOX#N": message N of an mbox (doc/json.md §8), when no file has
 * that whole name and one has the name before '#'. Returns N and the
 * file's name in *file (under ctx); 0 for any other argument. */
static long mbox_index(const void *ctx, const char *arg, const char **file)
{
	const char *hash = strrchr(arg, '#');
	struct stat st;
	char *end;
	long n;

	*file = arg;
	if (!hash || hash == arg || !hash[1] || hash[1] < '0' || hash[1] > '9')
		return 0;
	n = strtol(hash + 1, &end, 10);
	if (*end || n < 1 || stat(arg, &st) == 0)
		return 0;
	*file = talloc_strndup(ctx, arg, (size_t)(hash - arg));
	return n;
}

/* The file or standard input, read as a mail when it is one (by its
 * header shape: doc/design.md §12.1). */
static struct blog *load_file(const void *ctx, const char *arg, const struct input_request *req,
			      const char **err)
{
	const char *file;
	long index = mbox_index(ctx, arg, &file);
	struct blog *log = log_load(ctx, file, err);

	if (!log)
		return NULL;
	if (mail_looks_like(log->text, log->text_len))
		return input_mail_load(ctx, file, log, index, req, err);
	if (index > 0) {
		talloc_free(log);
		*err = talloc_asprintf(ctx, _("not a mail or mbox, so it has no message %ld"), index);
		return NULL;
	}
	return log;
}

/* --extid, kept when the input names none */
static void set_extid(struct blog *log, const struct input_request *req)
{
	if (log && !log->source.extid && req->extid)
		log->source.extid = talloc_strdup(log, req->extid);
}

/* Neither a file nor standard input: the bisection git is in (no LOG
 * on a terminal), or a URL. */
static bool not_a_file(const struct input_request *req)
{
	return (!req->arg && isatty(STDIN_FILENO)) || fetch_is_url(req->arg);
}

struct blog *input_load(const void *ctx, const struct input_request *req, const char **err)
{
	struct blog *log;

	*err = NULL;
	if (!req->arg && isatty(STDIN_FILENO))
		return input_in_progress(ctx, req, err);
	log = fetch_is_url(req->arg) ? syzbot_url_load(ctx, req, err)
				    : load_file(ctx, req->arg ? req->arg : "-", req, err);
	set_extid(log, req);
	return log;
}

struct input_entry *input_load_entries(const void *ctx, const struct input_request *req, size_t *n)
{
	const char *arg = req->arg ? req->arg : "-", *file;
	struct input_entry *e = talloc_zero_array(ctx, struct input_entry, 1);
	struct blog *raw;

	*n = 1;
	e->name = talloc_strdup(e, arg);
	if (not_a_file(req) || mbox_index(e, arg, &file) > 0) {
		/* one thing named: what input_load() makes of it */
		e->log = input_load(e, req, &e->err);
		return e;
	}
	/* read once (a scan reads thousands of files): an mbox of several
	 * messages becomes one entry each, anything else stays one */
	raw = log_load(e, arg, &e->err);
	if (raw && mail_looks_like(raw->text, raw->text_len)) {
		struct input_entry *all = input_mail_entries(ctx, arg, raw, req, n);

		if (all) {
			talloc_free(e);
			for (size_t i = 0; i < *n; i++)
				set_extid(all[i].log, req);
			return all;
		}
		*n = 1;
		raw = input_mail_load(e, arg, raw, 0, req, &e->err);
	}
	e->log = raw;
	set_extid(e->log, req);
	if (e->log)
		e->subject = e->log->source.subject;
	return e;
}
