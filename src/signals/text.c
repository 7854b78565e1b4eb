/* Reading crash titles and reports for the signals: normalised titles,
 * the files a stack names, the files a culprit's diffstat names. */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <talloc.h>

#include "signals/signals.h"
#include "signals/signals_internal.h"

/* ".isra.0", ".cold", ".constprop.3", ".part.1", ".llvm.123": the
 * compiler's renamings of one function. Returns the suffix length. */
static size_t symbol_suffix(const char *s)
{
	static const char *const words[] = { ".isra", ".constprop", ".part", ".cold", ".llvm", NULL };
	size_t at = 0;

	for (;;) {
		size_t w = 0;

		for (int i = 0; words[i]; i++) {
			size_t n = strlen(words[i]);

			if (strncmp(s + at, words[i], n) == 0) {
				w = n;
				break;
			}
		}
		if (!w)
			return at;
		at += w;
		if (s[at] == '.' && isdigit((unsigned char)s[at + 1])) {
			at++;
			while (isdigit((unsigned char)s[at]))
				at++;
		}
	}
}

char *title_normalize(const void *ctx, const char *title)
{
	size_t len = strlen(title);
	char *out = talloc_size(ctx, len + 8 * (len / 2 + 1)), *o = out;
	const char *s = title;

	while (*s) {
		size_t suf = *s == '.' ? symbol_suffix(s) : 0;

		if (suf) {
			s += suf;
		} else if (*s == ':' && isdigit((unsigned char)s[1])) {
			/* "fs/ext4/inode.c:123" and "...:LINE" are one title */
			memcpy(o, ":LINE", 5);
			o += 5;
			s++;
			while (isdigit((unsigned char)*s))
				s++;
		} else {
			*o++ = *s++;
		}
	}
	/* trailing blanks and a "!" differ between syzkaller versions */
	while (o > out && (o[-1] == ' ' || o[-1] == '!'))
		o--;
	*o = '\0';
	return out;
}

static bool path_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-' || c == '/' || c == '.' || c == '+';
}

const char **stack_files(const void *ctx, const char *report, size_t *n)
{
	const char **files = talloc_array(ctx, const char *, 0);
	const char *p = report;
	size_t *lens = NULL;  /* of files[], to compare a frame's in place */

	*n = 0;
	if (!report)
		return files;
	/* a frame ends in "path/file.c:123" (sometimes followed by " [inline]") */
	while ((p = strchr(p, ':'))) {
		const char *end = p, *start = p;
		size_t len;
		bool known = false;

		p++;
		if (!isdigit((unsigned char)*p))
			continue;
		/* the cheap tests first: most "...:1" are not after ".c" */
		if (end - report < 3 || end[-2] != '.' ||
		    (end[-1] != 'c' && end[-1] != 'h' && end[-1] != 'S'))
			continue;
		while (start > report && path_char(start[-1]))
			start--;
		len = (size_t)(end - start);
		if (len < 3 || !memchr(start, '/', len))
			continue;
		/* a stack names the same files again and again: compare in
		 * place, copy only the new ones */
		for (size_t i = 0; i < *n && !known; i++)
			known = lens[i] == len && memcmp(files[i], start, len) == 0;
		if (known)
			continue;
		files = talloc_realloc(ctx, files, const char *, *n + 1);
		lens = talloc_realloc(ctx, lens, size_t, *n + 1);
		files[*n] = talloc_strndup(files, start, len);
		lens[(*n)++] = len;
	}
	talloc_free(lens);
	return files;
}

/* The files of the culprit: from the tree when it has the commit and its
 * trees (a partial clone may lack them), else from the git show block's
 * diffstat (" path | 12 ++--") or raw lines
 * (":100644 100644 a b M<TAB>path"). A diffstat may shorten a long path
 * to ".../tail": callers match such a path by its tail. */
const char **culprit_files(const void *ctx, const struct blog *log, const struct log_xref *x,
			   size_t *n)
{
	const char **files = talloc_array(ctx, const char *, 0);
	const struct show_block *sb = log->result.show;

	*n = 0;
	if (x && x->has_culprit && !x->culprit_files_unknown) {
		files = talloc_realloc(ctx, files, const char *, x->n_culprit_files + 1);
		for (size_t i = 0; i < x->n_culprit_files; i++)
			files[(*n)++] = x->culprit_files[i].path;
		return files;
	}
	for (size_t i = 0; sb && i < sb->n_stat; i++) {
		const char *l = sb->stat[i], *bar = strstr(l, " | "), *tab = strchr(l, '\t');
		const char *start, *end;

		if (l[0] == ':' && tab) {
			start = tab + 1;
			end = start + strlen(start);
		} else if (bar) {
			start = l;
			while (*start == ' ')
				start++;
			end = bar;
			while (end > start && end[-1] == ' ')
				end--;
		} else {
			continue;
		}
		if (end <= start)
			continue;
		files = talloc_realloc(ctx, files, const char *, *n + 1);
		files[(*n)++] = talloc_strndup(files, start, (size_t)(end - start));
	}
	return files;
}

/* Does a culprit path (maybe ".../tail" or, from raw lines, a top-level
 * directory such as "net") name stack file f? */
bool path_covers(const char *culprit, const char *f)
{
	size_t cl = strlen(culprit), fl = strlen(f);

	if (strncmp(culprit, ".../", 4) == 0)
		return fl >= cl - 3 && strcmp(f + fl - (cl - 3), culprit + 3) == 0;
	if (strcmp(culprit, f) == 0)
		return true;
	/* a raw diff-tree line of old git names a top-level tree */
	return !strchr(culprit, '.') && strncmp(f, culprit, cl) == 0 && f[cl] == '/';
}

/* The directory of a path, without the file name. */
char *path_dir(const void *ctx, const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? talloc_strndup(ctx, path, (size_t)(slash - path)) : talloc_strdup(ctx, "");
}
