/* Words and colours that several views share: a step's badges, the
 * result and trust lines of the header, a verdict's colour. */
#ifndef BISVIEW_UI_PRESENT_H
#define BISVIEW_UI_PRESENT_H

#include "ui/ui.h"

enum area verdict_area(enum verdict v);
/* A step's verdict coloured by meaning: the bug's colour where the commit
 * has it (git's good in a fix bisection), not by git's word. */
enum area frame_verdict_area(const struct blog *log, enum verdict v);
enum area strength_area(enum signal_strength s);

/* The strength column: as wide as the widest strength_word(), at least 6
 * (the verdict column's is verdict_column_width(), report.h). */
int strength_column_width(void);

/* The badges of a step's signals ("drift thin"), strongest first, and
 * the area of the strongest; NULL when the step has none. */
const char *step_badges(const void *ctx, const struct signal_list *l, int step, enum area *area);

/* "Culprit: 3d7cb67369a0 x86/mm: ..." / "Inconclusive: 5 candidates" ... */
const char *header_result_line(const void *ctx, struct ui *ui);

/* " 0.91 - 3 signals (2 strong), first suspicious step 4; tree: ..." */
const char *header_trust_line(const void *ctx, struct ui *ui);

/* A full hash cut to 12 digits (the fetch commands); anything else as
 * it is. */
const char *short_hash(const void *ctx, const char *commit);

/* git's diffstat summary (" 2 files changed, 3 insertions(+), 1
 * deletion(-)") for n_files, of which `missing` lack their contents in a
 * partial clone: those are counted apart, never as 0 insertions and 0
 * deletions. */
const char *diffstat_summary(const void *ctx, size_t n_files, size_t missing, int ins, int del);

/* A partial clone (doc/libraries.md §1.2): the header's line naming it
 * and what it lacked ("Partial clone (filter blob:none): 4 objects ..."),
 * NULL when the tree is none or its facts are not here yet. */
const char *header_partial_line(const void *ctx, struct ui *ui);

/* "Fetch them in another terminal, then reload (R):" - them (the
 * diff's objects) or, with one_file, it - naming the reload key of view
 * k as bound now. */
const char *fetch_intro(const void *ctx, struct ui *ui, enum view_kind k, bool one_file);

/* A shell command (tree_fetch_command()) cut into lines of at most width
 * columns at blanks outside quotes, each line but the last ending in a
 * blank and a backslash so that the shell joins them again when pasted,
 * the next indented; one line when it fits or has no blank to cut at.
 * Sets *n. */
const char **shell_lines(const void *ctx, const char *cmd, int width, size_t *n);

#endif
