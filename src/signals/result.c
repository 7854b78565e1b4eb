/* Signals about the culprit: a no-op change, a merge, a release, files
 * the crash never ran through; and, with a tree, what git says. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "i18n.h"
#include "signals/signals_internal.h"

#define W_NOOP 0.95
#define W_MERGE 0.95
#define W_RELEASE 0.95
#define W_NO_STACK_DIR 0.55
#define W_NO_STACK_FILE 0.30
#define W_ONLY_ASIDE 0.90
#define W_GIT_MISMATCH 0.50
#define W_NOT_ANCESTORS 0.40
#define W_NOT_IN_RANGE 0.90

static const char *digits(const char *p)
{
	const char *start = p;

	while (*p >= '0' && *p <= '9')
		p++;
	return p > start ? p : NULL;
}

/* "Linux 5.18", "Linux 5.18.3", "Linux 6.4-rc1": the commit that names a
 * release. */
static bool release_title(const char *t)
{
	const char *p;

	if (!t || strncmp(t, "Linux ", 6) || !(p = digits(t + 6)) || *p != '.' || !(p = digits(p + 1)))
		return false;
	if (*p == '.' && !(p = digits(p + 1)))
		return false;
	if (!strncmp(p, "-rc", 3) && !(p = digits(p + 3)))
		return false;
	return *p == '\0';
}

/* Files that cannot change the kernel the reproducer ran: documentation,
 * selftests and tools, and other architectures than the crash's. */
static bool aside(const char *path, const char *arch)
{
	if (!strncmp(path, "Documentation/", 14) || !strncmp(path, "tools/", 6) ||
	    !strncmp(path, "samples/", 8) || !strcmp(path, "MAINTAINERS") ||
	    !strncmp(path, ".mailmap", 8) || !strncmp(path, "LICENSES/", 9))
		return true;
	if (arch && !strncmp(path, "arch/", 5)) {
		size_t n = strlen(arch);

		return strncmp(path + 5, arch, n) != 0 || path[5 + n] != '/';
	}
	return false;
}

/* The architecture the crash ran on, from its stack ("arch/x86/..."). */
static const char *crash_arch(void *tmp, const char **stack, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (!strncmp(stack[i], "arch/", 5)) {
			const char *a = stack[i] + 5, *slash = strchr(a, '/');

			if (slash)
				return talloc_strndup(tmp, a, (size_t)(slash - a));
		}
	}
	return NULL;
}

static void culprit_files_signals(struct sig_ctx *c)
{
	const struct result *r = &c->log->result;
	size_t n_files, n_stack, aside_count = 0;
	const char **files = culprit_files(c->tmp, c->log, c->x, &n_files);
	const char **stack, *arch;
	bool same_file = false, same_dir = false;
	struct line_span lines = r->show ? r->show->lines : r->lines;

	if (n_files == 0) {
		/* a partial clone without the trees, and no diffstat in the
		 * log: these signals would reason from nothing */
		if (c->x && c->x->culprit_files_unknown)
			sig_add(c, SIGNAL_NOT_SEEN, STRENGTH_INFO, 0, -1, lines,
				_("culprit-aside and culprit-off-stack not computed: this partial clone "
				  "lacks objects the culprit's file list needs"));
		return;  /* before reading the crash report, the costly part */
	}
	stack = stack_files(c->tmp, r->crash_report, &n_stack);
	arch = crash_arch(c->tmp, stack, n_stack);
	for (size_t i = 0; i < n_files; i++)
		aside_count += aside(files[i], arch);
	if (aside_count == n_files) {
		sig_add(c, SIGNAL_CULPRIT_ASIDE, STRENGTH_STRONG, W_ONLY_ASIDE, -1, lines,
			_("the culprit only touches documentation, tools or another architecture "
			  "(%zu files): suspicious"), n_files);
		return;
	}
	if (n_stack == 0)
		return;
	{
		const char **stack_dirs = talloc_array(c->tmp, const char *, n_stack);

		for (size_t k = 0; k < n_stack; k++)
			stack_dirs[k] = path_dir(stack_dirs, stack[k]);
		for (size_t i = 0; i < n_files && !same_file; i++) {
			const char *dir = path_dir(c->tmp, files[i]);

			for (size_t k = 0; k < n_stack; k++) {
				same_file = same_file || path_covers(files[i], stack[k]);
				same_dir = same_dir || !strcmp(dir, stack_dirs[k]);
			}
		}
	}
	if (same_file)
		return;
	if (!same_dir)
		sig_add(c, SIGNAL_CULPRIT_OFF_STACK, STRENGTH_STRONG, W_NO_STACK_DIR, -1, lines,
			_("the culprit touches none of the files or directories in the crash's stack: suspicious"));
	else
		sig_add(c, SIGNAL_CULPRIT_OFF_STACK, STRENGTH_WEAK, W_NO_STACK_FILE, -1, lines,
			_("the culprit touches none of the files in the crash's stack (only their directories): suspicious"));
}

void signals_from_result(struct sig_ctx *c)
{
	const struct result *r = &c->log->result;
	bool merge;

	if (r->type != RESULT_CULPRIT)
		return;
	if (r->noop)
		sig_add(c, SIGNAL_NOOP, STRENGTH_STRONG, W_NOOP, -1, r->lines,
			_("the culprit and its parent build the same kernel (equal signatures): suspicious"));
	merge = (r->show && r->show->merge) || (c->x && c->x->has_culprit && c->x->culprit_merge);
	if (merge)
		sig_add(c, SIGNAL_CULPRIT_MERGE, STRENGTH_STRONG, W_MERGE, -1,
			r->show ? r->show->lines : r->lines,
			_("the culprit is a merge commit: suspicious"));
	if (release_title(r->title))
		sig_add(c, SIGNAL_CULPRIT_RELEASE, STRENGTH_STRONG, W_RELEASE, -1, r->lines,
			_("the culprit is a release commit (\"%s\"): suspicious"), r->title);
	if (!merge)
		culprit_files_signals(c);
}

void signals_from_tree(struct sig_ctx *c)
{
	const struct log_xref *x = c->x;
	const struct blog *log = c->log;

	if (!x)
		return;
	for (size_t i = 0; i < x->n_steps && i < log->n_steps; i++) {
		if (x->steps[i].matches == 0) {
			sig_add(c, SIGNAL_GIT_MISMATCH, STRENGTH_WEAK, W_GIT_MISMATCH, (int)i,
				log->steps[i]->lines,
				_("step %zu is not the commit git would have tested: suspicious"), i);
			break;
		}
	}
	if (x->range_note && strstr(x->range_note, "not ancestors"))
		sig_add(c, SIGNAL_GOODS_NOT_ANCESTORS, STRENGTH_WEAK, W_NOT_ANCESTORS, -1,
			log->result.lines,
			_("some good commits are not ancestors of the bad one: suspicious"));
	if (x->culprit_in_range == 0)
		sig_add(c, SIGNAL_CULPRIT_OUT_OF_RANGE, STRENGTH_STRONG, W_NOT_IN_RANGE, -1,
			log->result.lines,
			_("the culprit is not in the bisected range: suspicious"));
	if (x->unreadable > 0)
		sig_add(c, SIGNAL_COMMITS_UNREADABLE, STRENGTH_INFO, 0, -1, log->result.lines,
			_("%zu tested commits are in the tree but cannot be read: the repository may be damaged (git fsck)"),
			x->unreadable);
	if (x->partial && x->partial->missing > 0)
		sig_add(c, SIGNAL_NOT_SEEN, STRENGTH_INFO, 0, -1, log->result.lines,
			ngettext("%zu object is not in this partial clone (filter %s): the facts that "
				 "need it are unknown",
				 "%zu objects are not in this partial clone (filter %s): the facts that "
				 "need them are unknown", x->partial->missing), x->partial->missing,
			x->partial->filter ? x->partial->filter : "?");
	if (x->missing > x->unreadable)
		sig_add(c, SIGNAL_COMMITS_MISSING, STRENGTH_INFO, 0, -1, log->result.lines,
			_("%zu tested commits are not in the tree: facts about them are missing"),
			x->missing - x->unreadable);
}
