/* The door of src/input/ (see input.h). */
#include "config.h"

#include <talloc.h>
#include <unistd.h>

#include "app.h"
#include "input/fetch.h"
#include "input/input.h"
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

struct blog *input_load(const void *ctx, const struct input_request *req, const char **err)
{
	struct blog *log;

	*err = NULL;
	if (!req->arg && isatty(STDIN_FILENO))
		return input_in_progress(ctx, req, err);
	log = fetch_is_url(req->arg) ? syzbot_url_load(ctx, req, err)
				    : log_load(ctx, req->arg ? req->arg : "-", err);

	if (log && !log->source.extid && req->extid)
		log->source.extid = talloc_strdup(log, req->extid);
	return log;
}
