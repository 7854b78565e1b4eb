/* The git worker thread (see worker.h). */
#include "config.h"

#include <fcntl.h>
#include <pthread.h>
#include <talloc.h>
#include <unistd.h>

#include "clock.h"
#include "i18n.h"
#include "tree/workdir.h"
#include "ui/present.h"
#include "ui/worker.h"

struct worker {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;        /* a job was posted, or stop */
	pthread_cond_t done_cv;     /* a job finished */
	struct job *queue, *done;   /* FIFO lists */
	struct job *running;
	size_t pending;             /* posted and not yet taken */
	bool stop;
	int pipe[2];
	struct tree *tree;
	const char *open_error;     /* why the tree did not open, or NULL */
	void *own;                  /* the worker thread's context (tree, errors) */
	char *path;                 /* the tree asked for, or NULL */
	bool trust;
	const struct blog *log;
};

/* What this job's answer lacked in a partial clone: the command that
 * fetches it (doc/libraries.md §1.2: libgit2 cannot fetch from a
 * promisor, and bisview never runs git). */
static void note_partial(struct worker *w, struct job *j)
{
	bool lacking = j->status == TREE_MISSING;

	if (!tree_partial(w->tree) || j->kind == JOB_XREF || j->kind == JOB_FIX ||
	    j->kind == JOB_REVERT)
		return;
	for (size_t i = 0; j->kind == JOB_PATCH && j->status == 0 && i < j->patch.n_files; i++)
		lacking = lacking || j->patch.files[i].content_missing;
	if (!lacking)
		return;
	j->fetch = tree_fetch_command(j, tree_path(w->tree), short_hash(j, j->commit),
				      j->kind == JOB_FILE ? j->path : NULL);
	if (j->kind == JOB_FILE && j->status == TREE_MISSING)
		j->file_listed = tree_file_listed(w->tree, j->commit, j->path);
}

/* The fix search's progress: the count for the status line, and a wake-up
 * for the ui's poll() so that it shows it. */
struct fix_progress {
	struct worker *w;
	struct job *j;
};

static bool fix_progress(void *arg, size_t read_so_far)
{
	struct fix_progress *p = arg;
	bool cancelled;

	atomic_store(&p->j->fix_read, read_so_far);
	if (write(p->w->pipe[1], "", 1) < 0) {
		/* EAGAIN: a wake-up is pending anyway */
	}
	/* Esc (worker_cancel()): a walk of the whole history would hold the
	 * worker for seconds after the user asked it to stop */
	pthread_mutex_lock(&p->w->mu);
	cancelled = p->j->cancelled;
	pthread_mutex_unlock(&p->w->mu);
	return !cancelled;
}

static void run_fix(struct worker *w, struct job *j)
{
	struct fix_progress p = { w, j };

	j->fix_query.progress = fix_progress;
	j->fix_query.progress_arg = &p;
	j->fix = tree_find_fix(w->tree, j, w->log, j->fix_xref, &j->fix_query, &j->fix_search);
	j->fix_query.progress_arg = NULL;
	j->status = 0;
}

static const char *subject_of(struct worker *w, struct job *j, const char *commit)
{
	struct commit_facts f;

	return tree_commit_facts(w->tree, j, commit, &f) == 0 ? f.subject : NULL;
}

static void run_revert(struct worker *w, struct job *j)
{
	j->status = tree_revert(w->tree, j, j->commit, j->onto, &j->revert, &j->error);
	if (j->status < 0)
		return;
	j->subject = subject_of(w, j, j->revert.commit);
	j->parent_subjects = talloc_zero_array(j, const char *, j->revert.n_parents + 1);
	for (size_t i = 0; i < j->revert.n_parents; i++)
		j->parent_subjects[i] = subject_of(w, j, j->revert.parents[i]);
}

static void run_job(struct worker *w, struct job *j)
{
	double t0 = monotonic_seconds();

	if (!w->tree) {
		j->status = -1;
		j->no_tree = true;
		j->error = w->open_error ? talloc_strdup(j, w->open_error) : NULL;
		return;
	}
	switch (j->kind) {
	case JOB_XREF:
		j->xref = xref_log(w->tree, j, w->log);
		j->status = j->xref ? 0 : -1;
		break;
	case JOB_PATCH:
		j->status = tree_commit_patch(w->tree, j, j->commit, &j->patch);
		if (j->status == TREE_MISSING)
			j->error = _("this partial clone lacks objects the commit's diff needs");
		else if (j->status < 0)
			j->error = _("the tree has no such commit");
		break;
	case JOB_FACTS:
		j->status = tree_commit_facts(w->tree, j, j->commit, &j->facts);
		break;
	case JOB_FIX:
		run_fix(w, j);
		break;
	case JOB_REVERT:
		run_revert(w, j);
		break;
	case JOB_FILE:
		j->status = tree_file_at(w->tree, j, j->commit, j->path, &j->text, &j->len);
		if (j->status == TREE_MISSING)
			j->error = _("the file's content is not in this partial clone");
		else if (j->status < 0)
			j->error = _("no such file at that commit");
		else
			j->worktree_file = tree_workdir_file_same(w->tree, j, j->path, j->text, j->len);
		break;
	}
	note_partial(w, j);
	j->seconds = monotonic_seconds() - t0;
}

static void append(struct job **list, struct job *j)
{
	j->next = NULL;
	while (*list)
		list = &(*list)->next;
	*list = j;
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	/* opening is the worker's first job: repository discovery and the
	 * object database cost the first screen nothing */
	w->own = talloc_new(NULL);
	w->tree = tree_open(w->own, w->path, w->trust, &w->open_error);
	pthread_mutex_lock(&w->mu);
	for (;;) {
		struct job *j;

		while (!w->queue && !w->stop)
			pthread_cond_wait(&w->wake, &w->mu);
		if (w->stop)
			break;
		j = w->queue;
		w->queue = j->next;
		w->running = j;
		if (!j->cancelled) {
			pthread_mutex_unlock(&w->mu);
			run_job(w, j);
			pthread_mutex_lock(&w->mu);
		}
		w->running = NULL;
		append(&w->done, j);
		pthread_cond_broadcast(&w->done_cv);
		/* wake the ui's poll(); a full pipe already says so */
		if (write(w->pipe[1], "", 1) < 0) {
			/* EAGAIN: a wake-up is pending anyway */
		}
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

struct worker *worker_start(const char *path, bool trust, const struct blog *log)
{
	struct worker *w = talloc_zero(NULL, struct worker);

	/* the worker allocates top-level contexts (its jobs' results) */
	talloc_disable_null_tracking();
	w->path = talloc_strdup(w, path);
	w->trust = trust;
	w->log = log;
	if (pipe(w->pipe) < 0) {
		talloc_free(w);
		return NULL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(w->pipe[i], F_SETFL, fcntl(w->pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(w->pipe[i], F_SETFD, FD_CLOEXEC);
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->wake, NULL);
	pthread_cond_init(&w->done_cv, NULL);
	if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
		close(w->pipe[0]);
		close(w->pipe[1]);
		talloc_free(w);
		return NULL;
	}
	return w;
}

struct job *job_new(enum job_kind kind, int step)
{
	struct job *j = talloc_zero(NULL, struct job);

	j->kind = kind;
	j->step = step;
	return j;
}

void worker_post(struct worker *w, struct job *j)
{
	pthread_mutex_lock(&w->mu);
	append(&w->queue, j);
	w->pending++;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->mu);
}

struct job *worker_take(struct worker *w)
{
	struct job *j;
	char buf[64];

	while (read(w->pipe[0], buf, sizeof(buf)) > 0)
		;
	pthread_mutex_lock(&w->mu);
	j = w->done;
	if (j) {
		w->done = j->next;
		j->next = NULL;
		w->pending--;
	}
	pthread_mutex_unlock(&w->mu);
	return j;
}

size_t worker_pending(struct worker *w)
{
	size_t n;

	pthread_mutex_lock(&w->mu);
	n = w->pending;
	pthread_mutex_unlock(&w->mu);
	return n;
}

void worker_wait(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	while (!w->done && (w->queue || w->running))
		pthread_cond_wait(&w->done_cv, &w->mu);
	pthread_mutex_unlock(&w->mu);
}

void worker_cancel(struct worker *w)
{
	pthread_mutex_lock(&w->mu);
	for (struct job *j = w->queue; j; j = j->next)
		j->cancelled = true;
	if (w->running)
		w->running->cancelled = true;
	pthread_mutex_unlock(&w->mu);
}

int worker_fd(const struct worker *w)
{
	return w->pipe[0];
}

void worker_stop(struct worker *w)
{
	if (!w)
		return;
	pthread_mutex_lock(&w->mu);
	w->stop = true;
	pthread_cond_signal(&w->wake);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	for (struct job *j = w->queue, *n; j; j = n) {
		n = j->next;
		talloc_free(j);
	}
	for (struct job *j = w->done, *n; j; j = n) {
		n = j->next;
		talloc_free(j);
	}
	close(w->pipe[0]);
	close(w->pipe[1]);
	pthread_mutex_destroy(&w->mu);
	pthread_cond_destroy(&w->wake);
	pthread_cond_destroy(&w->done_cv);
	talloc_free(w->own); /* the tree and its errors */
	talloc_free(w);
}
