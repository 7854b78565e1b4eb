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
	.log_rate_a = -1.0238, \
	.log_rate_b = 0.6765, \
	.logit_spread = 0.8716, \
	.logit_present_clean_release = -1.9929, \
	.logit_present_clean_bisect = 1.0416, \
	.age_release = 0.5039, \
	.logit_blind_release = 0.0022, \
	.logit_blind_bisect = -3.6736, \
	.logit_absent_crash_other_release = -0.8202, \
	.logit_absent_crash_other_bisect = -0.9583, \
	.logit_variant = -2.8410, \
	.logit_wrong_crash_orig = -6.0278, \
	.logit_older_release = -3.0029, \
	.logit_older_bisect = -3.0000, \
	.age_older = 1.5778, \
	.logit_blind_later = -4.2517, \
	.blame_older = 4.9265, \
	.blame_later = 3.3457, \
	.log_lr_noop = 2.2283, \
	.log_lr_merge = 2.8715, \
	.log_lr_release = 2.2738, \
	.log_lr_aside = 2.0090, \
	.log_lr_off_stack_dir = 0.6547, \
	.log_lr_off_stack_file = 0.4707, \
	.log_lr_compiler = 0.0723, \
	.log_lr_culprit_other = -0.6913, \
	.platt_a = 1.1172, \
	.platt_b = 0.0301, \
}

#endif
