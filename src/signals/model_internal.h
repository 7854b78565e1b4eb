/* Shared by model.c and model_why.c. */
#ifndef BISVIEW_SIGNALS_MODEL_INTERNAL_H
#define BISVIEW_SIGNALS_MODEL_INTERNAL_H

#include "signals/model.h"

/* The one sentence of assessment.why (doc/model.md), translated; under
 * ctx. Needs out's step_p, step_likelihood, rate and blamed_step. */
const char *model_why(const void *ctx, const struct model_obs *o, const struct model_result *r);

/* One step's sentence: "step 4 (v1.4, good on 10 clean runs): ...". */
const char *model_step_why(const void *ctx, const struct model_obs *o, const struct model_result *r,
			   size_t i);

/* Given each step's own step_local and step_likelihood: log_odds_steps,
 * step_share, blind_share, older_step, older_prior and later_factor, the
 * steps taken in their order (model_order.c, doc/model.md §4). */
void model_order(const void *ctx, const struct model_obs *o, const struct model_params *p,
		 struct model_result *r);

#endif
