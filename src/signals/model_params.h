/* The model's fitted parameters (doc/model.md), in the order of
 * MODEL_PARAM_LIST (src/signals/model.h). Written by bench/fit-model:
 *   make -C BUILD bench/fit-model &&
 *   BUILD/bench/fit-model CORPUS >src/signals/model_params.h
 * from the source directory, CORPUS being ../shared/corpus beside it
 * (448 conclusive labelled logs, 220 of them in the fit half). Do not
 * edit by hand. */
#ifndef BISVIEW_SIGNALS_MODEL_PARAMS_H
#define BISVIEW_SIGNALS_MODEL_PARAMS_H

#define MODEL_FITTED_PARAMS { \
	.log_rate_a = -0.5995, \
	.log_rate_b = 0.0674, \
	.logit_spread = 0.4669, \
	.logit_present_clean_release = -3.3081, \
	.logit_present_clean_bisect = -1.0828, \
	.age_release = 1.8291, \
	.logit_blind_release = -0.8275, \
	.logit_blind_bisect = -4.0873, \
	.logit_absent_crash_other_release = -2.1724, \
	.logit_absent_crash_other_bisect = -2.5574, \
	.logit_variant = -3.6277, \
	.logit_wrong_crash_orig = -5.5933, \
	.log_lr_noop = 2.4803, \
	.log_lr_merge = 3.0886, \
	.log_lr_release = 2.3179, \
	.log_lr_aside = 2.0256, \
	.log_lr_off_stack_dir = 0.8741, \
	.log_lr_off_stack_file = 0.5832, \
	.log_lr_compiler = -0.0110, \
	.log_lr_culprit_other = -0.0762, \
	.platt_a = 0.8340, \
	.platt_b = 0.5310, \
}

#endif
