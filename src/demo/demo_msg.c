/* Commit and merge messages of the demo history, in the kernel's shape:
 * subject, a short body wrapped at 72 columns, trailers; pulls list what
 * they bring. */
#include "config.h"

#include <string.h>
#include <talloc.h>
#include <time.h>

#include "demo/demo_msg.h"

static const char *const sentences[] = {
	"%F() is called with the lock held on some paths and without it on others; "
	"make what it expects explicit.",
	"While looking at %F() I noticed that it does not treat this case the way "
	"the rest of the file does. Make it consistent.",
	"Found by code inspection. No functional change is intended for the common case.",
	"On large machines %F() showed up in profiles while running the reproducer "
	"from the report.",
	"The old behaviour was a stop-gap, and nothing depends on it any more.",
	"This matters only under memory pressure, which is also when it hurts most.",
	"Tested with the selftests and a kernel build loop on a 64-CPU machine.",
};

/* Append text wrapped at 72 columns, %F replaced by the function. */
static char *wrap(char *s, const char *text, const char *fn)
{
	char *t = talloc_strdup(s, ""), *save = NULL;
	size_t col = 0;

	for (const char *p = text; *p; p++) {
		if (p[0] == '%' && p[1] == 'F') {
			t = talloc_asprintf_append(t, "%s", fn ? fn : "this code");
			p++;
		} else {
			t = talloc_asprintf_append(t, "%c", *p);
		}
	}
	for (char *w = strtok_r(t, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		size_t n = strlen(w);

		if (col && col + 1 + n > 72) {
			s = talloc_asprintf_append(s, "\n");
			col = 0;
		}
		s = talloc_asprintf_append(s, "%s%s", col ? " " : "", w);
		col += (col ? 1 : 0) + n;
	}
	talloc_free(t);
	return s;
}

char *demo_msg_link(const void *ctx, const struct demo_person *author, int64_t when,
		    unsigned serial)
{
	time_t t = (time_t)when;
	struct tm tm;
	char stamp[32];

	gmtime_r(&t, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d%H%M%S", &tm);
	return talloc_asprintf(ctx, "https://lore.example.org/r/%s.%u-%u-%s", stamp,
			       1000 + serial % 9000, 1 + serial % 7, author->email);
}

char *demo_msg_patch(const void *ctx, struct demo_rng *r, const char *subject, const char *fn,
		     const struct demo_person *author, const struct demo_person *reviewer,
		     const struct demo_person *committer, int64_t when, unsigned serial)
{
	char *m = talloc_asprintf(ctx, "%s\n\n", subject);
	unsigned a = demo_below(r, sizeof(sentences) / sizeof(sentences[0]));
	unsigned b = demo_below(r, sizeof(sentences) / sizeof(sentences[0]));

	m = wrap(m, sentences[a], fn);
	if (b != a && demo_chance(r, 50)) {
		m = talloc_asprintf_append(m, "\n\n");
		m = wrap(m, sentences[b], fn);
	}
	m = talloc_asprintf_append(m, "\n\nSigned-off-by: %s <%s>\n", author->name, author->email);
	if (reviewer && reviewer != author)
		m = talloc_asprintf_append(m, "%s: %s <%s>\n",
					   demo_chance(r, 70) ? "Reviewed-by" : "Acked-by",
					   reviewer->name, reviewer->email);
	m = talloc_asprintf_append(m, "Link: %s\n", demo_msg_link(m, author, when, serial));
	if (committer != author)
		m = talloc_asprintf_append(m, "Signed-off-by: %s <%s>\n", committer->name,
					   committer->email);
	return m;
}

char *demo_msg_pull(const void *ctx, const char *tag, const char *tree, const char *pull,
		    const char *what, const struct demo_person *maintainer,
		    const char *const *subjects, size_t n)
{
	char *m = talloc_asprintf(ctx, "Merge tag '%s' of %s\n\nPull %s %s from %s:\n\n",
				  tag, tree, pull, what, maintainer->name);

	/* the highlights: the first few, oldest first, as a pull request */
	for (size_t i = 0; i < n && i < 5; i++)
		m = talloc_asprintf_append(m, " - %s\n", subjects[i]);
	if (n > 5)
		m = talloc_asprintf_append(m, " - and %zu smaller changes\n", n - 5);
	m = talloc_asprintf_append(m, "\n* tag '%s' of %s:\n", tag, tree);
	for (size_t i = n; i > 0; i--)
		m = talloc_asprintf_append(m, "  %s\n", subjects[i - 1]);
	return m;
}

char *demo_msg_culprit(const void *ctx, const struct demo_person *author,
		       const struct demo_person *reviewer, const struct demo_person *committer,
		       int64_t when)
{
	return talloc_asprintf(ctx,
		"%s\n"
		"\n"
		"retract_page_tables() frees the page tables of the VMAs that map a\n"
		"file, and takes the mmap_lock of each mm only with a trylock. Page\n"
		"faults handled under the per-VMA lock do not take mmap_lock at all\n"
		"and could walk a page table while it is being freed.\n"
		"\n"
		"Write-lock each VMA before its page table is collapsed, so that such\n"
		"faults fall back to taking mmap_lock.\n"
		"\n"
		"Signed-off-by: %s <%s>\n"
		"Reviewed-by: %s <%s>\n"
		"Link: %s\n"
		"Signed-off-by: %s <%s>\n",
		DEMO_CULPRIT_SUBJECT, author->name, author->email, reviewer->name, reviewer->email,
		demo_msg_link(ctx, author, when, 4711), committer->name, committer->email);
}

char *demo_msg_fix(const void *ctx, const char *culprit_hex, const struct demo_person *author,
		   const struct demo_person *committer, int64_t when)
{
	return talloc_asprintf(ctx,
		"mm/khugepaged: do not write-lock VMAs under i_mmap_rwsem\n"
		"\n"
		"Since commit %.12s (\"%s\"),\n"
		"retract_page_tables() write-locks each VMA while it holds\n"
		"i_mmap_rwsem. Other paths take the two locks in the opposite order,\n"
		"and lockdep reports a possible deadlock.\n"
		"\n"
		"Drop the VMA lock again. The page table is collapsed under mmap_lock,\n"
		"and fault handlers that race with it retry under mmap_lock as well.\n"
		"\n"
		"Fixes: %.12s (\"%s\")\n"
		"Reported-by: syzbot+5e2f9a0d4f7b1c3a8e6d@syzkaller.example.com\n"
		"Signed-off-by: %s <%s>\n"
		"Link: %s\n"
		"Signed-off-by: %s <%s>\n",
		culprit_hex, DEMO_CULPRIT_SUBJECT, culprit_hex, DEMO_CULPRIT_SUBJECT,
		author->name, author->email, demo_msg_link(ctx, author, when, 815),
		committer->name, committer->email);
}
