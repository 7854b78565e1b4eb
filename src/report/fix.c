/* The fix's own verdict in --json ("fix", doc/json.md §7.2) and
 * --summary (its "Fix:" line). Messages are hostile: every string goes
 * through the sanitiser. */
#include "config.h"

#include <talloc.h>

#include "i18n.h"
#include "report/report.h"
#include "text/sanitize.h"

json_object *report_fix_json(const struct report_ctx *rc)
{
	const struct tree_fix *f = rc && rc->xref ? rc->xref->fix : NULL;
	json_object *o, *a;
	char *subject;

	if (!f)
		return NULL;
	o = json_object_new_object();
	a = json_object_new_array();
	subject = sanitize_str(NULL, f->subject, SAN_JSON);
	json_object_object_add(o, "commit", json_object_new_string(f->commit));
	json_object_object_add(o, "subject", json_object_new_string(subject));
	talloc_free(subject);
	json_object_object_add(o, "match", json_object_new_string(f->match == FIX_BY_EXTID ? "extid"
											     : "title"));
	for (size_t i = 0; i < f->n_fixes; i++)
		json_object_array_add(a, json_object_new_string(f->fixes[i]));
	json_object_object_add(o, "fixes", a);
	json_object_object_add(o, "agrees", json_object_new_boolean(f->agrees));
	json_object_object_add(o, "contradicting_step", f->contradicting_step >= 0
				       ? json_object_new_int(f->contradicting_step) : NULL);
	return o;
}

json_object *report_fix_search_json(const struct log_xref *x)
{
	json_object *o;

	if (!x || !x->fix_search.searched)
		return NULL;
	o = json_object_new_object();
	json_object_object_add(o, "commits", json_object_new_int64((int64_t)x->fix_search.commits));
	json_object_object_add(o, "complete", json_object_new_boolean(x->fix_search.complete));
	return o;
}

static const char *fix_words(const void *ctx, const struct tree_fix *f)
{
	if (f->agrees)
		return _("its Fixes: names the culprit");
	if (f->n_fixes == 0)
		return _("it has no Fixes: line naming a commit in the tree");
	return talloc_asprintf(ctx, _("its Fixes: names %.12s, not the culprit"), f->fixes[0]);
}

void report_summary_fix(FILE *out, const struct report_ctx *rc, unsigned san_flags)
{
	const struct tree_fix *f = rc && rc->xref ? rc->xref->fix : NULL;
	void *tmp;

	if (!f)
		return;
	tmp = talloc_new(NULL);
	fprintf(out, "%s %s\n", report_pad(tmp, _("Fix:"), 12),
		talloc_asprintf(tmp, "%.12s %s (%s; %s)", f->commit,
				sanitize_str(tmp, f->subject, san_flags),
				f->match == FIX_BY_EXTID ? _("Reported-by this bug")
							 : _("names the crash title"),
				fix_words(tmp, f)));
	talloc_free(tmp);
}
