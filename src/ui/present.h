/* Words and colours that several views share: a step's badges, the
 * result and trust lines of the header, a verdict's colour. */
#ifndef BISVIEW_UI_PRESENT_H
#define BISVIEW_UI_PRESENT_H

#include "ui/ui.h"

enum area verdict_area(enum verdict v);
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

#endif
