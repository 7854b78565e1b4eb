/* The five real sample logs in tests/data, field by field. Expected values
 * were read off the log files themselves. */
#include "config.h"

#include "unit.h"

/* Read tests/data/<name> (under $top_srcdir) and parse it: every line of
 * every seed is known. */
static struct blog *load_seed(void **state, const char *name)
{
	const char *top = getenv("top_srcdir");
	char *path = talloc_asprintf(*state, "%s/tests/data/%s", top ? top : ".", name);
	size_t len = 0, cap = 1 << 16;
	char *buf = talloc_size(*state, cap);
	struct blog *log;
	FILE *f = fopen(path, "rb");

	if (!f)
		fail_msg("cannot open %s (is top_srcdir set?)", path);
	for (;;) {
		size_t got = fread(buf + len, 1, cap - len, f);

		len += got;
		if (got == 0)
			break;
		if (len == cap) {
			cap *= 2;
			buf = talloc_realloc(*state, buf, char, cap);
		}
	}
	assert_false(ferror(f));
	fclose(f);
	log = log_parse(*state, path, buf, len);
	talloc_free(buf);
	talloc_free(path);
	assert_non_null(log);
	assert_int_equal(log->n_unknown, 0);
	return log;
}

/* The first step with this commit (the seeds test each commit once). */
static const struct step *step_of(const struct blog *log, const char *commit)
{
	for (size_t i = 0; i < log->n_steps; i++)
		if (log->steps[i]->commit && strcmp(log->steps[i]->commit, commit) == 0)
			return log->steps[i];
	fail_msg("no step for commit %s", commit);
	abort();
}

/* 2023: host line, "ensuring ...", compiler lines, a boot failure inside
 * a run list, a clean culprit with signatures, recipients, crash report. */
static void test_seed_deadlock(void **state)
{
	struct blog *log = load_seed(state, "cause-deadlock-retract_page_tables.log");
	const struct result *r = &log->result;
	const struct step *orig, *rel, *s;

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_int_equal(log->kind, KIND_CAUSE);
	assert_str(log->host, "ci");
	assert_starts(log->started_at, "2023-03-01 22:20:02.119937709 +0000 UTC");
	assert_str(log->start_commit, "1716a175592aff9549a0c07aac8f9cadd03003f5");
	assert_str(log->syzkaller_commit, "f8902b5747fbe3d5b860bd782eec63fc9c7da6e7");
	assert_int_equal(log->n_steps, 16);
	assert_phases(log, 1, 1, 14);
	assert_int_equal(count_phase(log, PHASE_PARENT_BUILD), 0);
	assert_int_equal(count_phase(log, PHASE_CONFIG), 0);

	orig = STEP(log, 0);
	assert_int_equal(orig->phase, PHASE_ORIGINAL);
	assert_span(orig->lines, 4, 9);
	assert_str(orig->compiler_type, "gcc");
	assert_str(orig->compiler, GCC_DEBIAN);
	assert_str(orig->kernel_signature, SIG_1);
	assert_int_equal(orig->verdict, VERDICT_BAD);
	assert_true(orig->verdict_inferred);
	assert_str(step_deciding_title(orig), "possible deadlock in collapse_file");
	rel = STEP(log, 1);
	assert_int_equal(rel->phase, PHASE_RELEASE);
	assert_str(rel->label, "v6.2");
	assert_str(rel->commit, H_V62);
	assert_int_equal(rel->verdict, VERDICT_GOOD);
	assert_true(rel->verdict_inferred);

	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GGGBGGBGGBGBBG");
	assert_int_equal(log->initial_revisions, 7554);
	s = step_of(log, "90ddb3f03418cce0d83c415c0c1d470cf524ba46");
	assert_false(s->all_runs);
	assert_counts(s, 10, 9, 0, 1, 0);
	assert_str(s->runs[9].text, "can't ssh into the instance");
	assert_int_equal(s->verdict, VERDICT_GOOD);
	assert_str(s->subject, "Merge tag 'pci-v6.3-changes' of git://git.kernel.org/pub/scm/linux/kernel/git/pci/pci");
	s = step_of(log, H_CUL);
	assert_int_equal(s->verdict, VERDICT_BAD);
	assert_left(s, 0, 0);
	assert_str(s->kernel_signature, SIG_CUL);
	s = step_of(log, H_PAR);
	assert_int_equal(s->revisions_left, -1);
	assert_str(s->kernel_signature, SIG_PAR);
	assert_str(step_deciding_title(step_of(log, "8770739123e236a33d695939f219bba58014e58d")),
		   "possible deadlock in retract_page_tables");

	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, H_CUL);
	assert_str(r->title, "x86/mm: try VMA lock-based page fault handling first");
	assert_str(r->show->author, "Suren Baghdasaryan <surenb@google.com>");
	assert_str(r->show->date, "Mon Feb 27 09:36:28 2023 -0800");
	assert_int_equal(r->show->n_stat, 3);
	assert_str(r->culprit_signature, SIG_CUL);
	assert_str(r->parent_signature, SIG_PAR);
	assert_false(r->noop);
	assert_int_equal(log->revisions_tested, 16);
	assert_int_equal(r->n_to, 2);
	assert_int_equal(r->n_cc, 0);
	assert_str(r->crash_title, "possible deadlock in retract_page_tables");
	assert_starts(r->crash_report, "======================================================\n"
				       "WARNING: possible circular locking dependency detected\n");
	assert_int_equal(strcmp(r->crash_report + strlen(r->crash_report) - 8, " </TASK>"), 0);
	assert_int_equal(r->crash_lines.first, 161);
	assert_str(log->crash_title, "possible deadlock in collapse_file");
	assert_false(log->flaky);
	assert_true(log->error_probability < 0);
}

/* 2021: "with gcc" compiler text, title drift from a GPF to "WARNING in
 * kvm_wait", the flaky reproducer, boot failures among runs. */
static void test_seed_flaky(void **state)
{
	struct blog *log = load_seed(state, "cause-flaky-kvm_wait-title-drift.log");
	const struct result *r = &log->result;
	const struct step *orig, *s;

	assert_int_equal(log->format, LOG_FORMAT_SYZBOT);
	assert_null(log->host);
	assert_str(log->start_commit, "3dbdb38e286903ec220aaf1fb29a8d94297da246");
	assert_int_equal(log->n_steps, 18);
	assert_phases(log, 1, 3, 14);

	orig = STEP(log, 0);
	assert_str(orig->compiler, GCC_10);
	assert_null(orig->compiler_type);
	assert_counts(orig, 20, 0, 19, 0, 1);
	assert_str(orig->runs[0].text, "possible deadlock in fs_reclaim_acquire");
	assert_str(step_deciding_title(orig), "general protection fault in try_grab_compound_head");
	assert_str(log->crash_title, "general protection fault in try_grab_compound_head");

	assert_string_equal(verdict_letters(*state, log, PHASE_RELEASE), "BBG");
	assert_str(phase_step(log, PHASE_RELEASE, 0)->label, "v5.13");
	assert_str(step_deciding_title(phase_step(log, PHASE_RELEASE, 1)),
		   "BUG: unable to handle kernel paging request in get_pfnblock_flags_mask");
	assert_str(log->bisect_bad, phase_step(log, PHASE_RELEASE, 1)->commit);
	assert_str(log->bisect_good, phase_step(log, PHASE_RELEASE, 2)->commit);

	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "BGBBGGGGBBBGGG");
	s = phase_step(log, PHASE_BISECT, 0);
	assert_str(s->commit, "d99676af540c2dc829999928fb81c58c80a1dce4");
	assert_counts(s, 10, 8, 2, 0, 0);
	assert_true(s->flaky_detected);
	assert_str(step_deciding_title(s), "WARNING in kvm_wait");
	assert_span(s->lines, 41, 56);
	assert_false(phase_step(log, PHASE_BISECT, 1)->flaky_detected);
	assert_counts(phase_step(log, PHASE_BISECT, 2), 20, 12, 5, 3, 0);
	assert_counts(phase_step(log, PHASE_BISECT, 3), 20, 12, 4, 4, 0);
	s = step_of(log, "997acaf6b4b59c6a9c259740312a69ea549cc684");
	assert_counts(s, 20, 17, 2, 1, 0);
	assert_int_equal(s->verdict, VERDICT_BAD);
	s = step_of(log, "7e923e6a3ceb877497dd9ee70d71fa33b94f332b");
	assert_left(s, 0, 1);
	assert_int_equal(log->initial_revisions, 6798);

	assert_true(log->flaky);
	assert_true(log->repro_chance < 0);
	assert_int_equal(log->revisions_tested, 18);
	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, "997acaf6b4b59c6a9c259740312a69ea549cc684");
	assert_str(r->title, "lockdep: report broken irq restoration");
	assert_str(r->show->author, "Mark Rutland <mark.rutland@arm.com>");
	assert_contains(r->show->message, "| local_irq_restore(flags);");
	assert_int_equal(r->show->n_stat, 6);
	assert_str(r->show->stat[5], " create mode 100644 kernel/locking/irqflag-debug.c");
	assert_str(r->culprit_signature, "b00905e8b544e9923d83b883325d8bc1e9bb01f8008e7fa7bc63ad81adac0ed8");
	assert_false(r->noop);
	assert_int_equal(r->n_to, 6);
	assert_str(r->to[3], "peterz@infradead.org");
	assert_str(r->to[4], "peterz@infradead.org");
	assert_int_equal(r->n_cc, 7);
	assert_str(r->crash_title, "WARNING in kvm_wait");
	assert_starts(r->crash_report, "------------[ cut here ]------------\n");
}

/* 2020 (gcc 8.1.0): no blank line after git output, a run error spanning
 * lines, "no output from test machine" runs, an oops inside the message. */
static void test_seed_htab(void **state)
{
	struct blog *log = load_seed(state, "cause-htab_map_alloc-multiline-run-error.log");
	const struct result *r = &log->result;
	const struct step *orig, *s;

	assert_int_equal(log->n_steps, 16);
	assert_phases(log, 1, 1, 14);
	orig = STEP(log, 0);
	assert_int_equal(orig->phase, PHASE_ORIGINAL);
	assert_str(orig->compiler, GCC_8);
	assert_counts(orig, 10, 0, 10, 0, 0);
	assert_str(orig->runs[7].text, "no output from test machine");
	assert_str(step_deciding_title(orig), "WARNING in htab_map_alloc");
	assert_str(phase_step(log, PHASE_RELEASE, 0)->label, "v5.9");
	assert_int_equal(phase_step(log, PHASE_RELEASE, 0)->verdict, VERDICT_GOOD);

	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GGGGGGGGGGGGBG");
	s = step_of(log, "30031c2b0574f43cc6888532b715f639afd39196");
	assert_str(s->subject, "KVM: x86: Let the guest own CR4.FSGSBASE");
	assert_counts(s, 10, 9, 0, 0, 1);
	assert_int_equal(s->runs[0].outcome, RUN_TEST_FAILED);
	assert_starts(s->runs[0].text, "failed to copy test binary to VM: failed to run [\"scp\" \"-P\" \"22\"");
	assert_contains(s->runs[0].text, "\"root@10.128.0.129:./syz-executor865813469\"]: exit status 1");
	assert_str(s->runs[0].detail,
		   "ssh: connect to host 10.128.0.129 port 22: Connection timed out\n"
		   "lost connection");
	assert_int_equal(s->runs[1].number, 1);
	assert_int_equal(s->verdict, VERDICT_GOOD);
	s = step_of(log, "3cb12d27ff655e57e8efe3486dca2a22f4e30578");
	assert_left(s, 1, 1);
	s = step_of(log, "c50eb518e262fa06bd334e6eec172eaf5d7a5bd9");
	assert_str(s->subject, "bpf: Use separate lockdep class for each hashtab");
	assert_int_equal(s->verdict, VERDICT_BAD);

	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, "c50eb518e262fa06bd334e6eec172eaf5d7a5bd9");
	assert_str(r->title, "bpf: Use separate lockdep class for each hashtab");
	assert_str(r->show->author, "Song Liu <songliubraving@fb.com>");
	assert_contains(r->show->message, "[   74.828970]");
	assert_contains(r->show->message, "Call Trace:");
	assert_int_equal(r->show->n_stat, 2);
	assert_str(r->show->stat[1], " 1 file changed, 10 insertions(+), 2 deletions(-)");
	assert_str(r->culprit_signature, "1d84b6f0c9fb120bd210c20c93dc55df2754f4d1b39c80056da989f96d44c648");
	assert_str(r->parent_signature, "c7b07a603c20bc733860a74c415c255e6ba07bd04e4862b64ef8fdeba92e5a42");
	assert_false(r->noop);
	assert_int_equal(log->revisions_tested, 16);
	assert_int_equal(r->n_to, 3);
	assert_int_equal(r->n_cc, 10);
	assert_str(r->crash_title, "WARNING in htab_map_alloc");
	assert_false(log->flaky);
}

/* 2021: the bisection followed "WARNING in kvm_wait" while the crash was
 * "WARNING in unsafe_follow_pfn"; the culprit's parent is built only. */
static void test_seed_parent_untested(void **state)
{
	struct blog *log = load_seed(state, "cause-unsafe_follow_pfn-parent-untested.log");
	const struct result *r = &log->result;
	const struct step *s, *parent;
	size_t tested = 0;

	assert_int_equal(log->n_steps, 17);
	assert_phases(log, 1, 1, 14);
	assert_int_equal(count_phase(log, PHASE_PARENT_BUILD), 1);
	assert_str(log->crash_title, "WARNING in unsafe_follow_pfn");
	assert_string_equal(verdict_letters(*state, log, PHASE_BISECT), "GGGGGGGGGGBBBB");

	s = step_of(log, "1eabf46a776387bb6b52d1168bd49bf2645e07a9");
	assert_counts(s, 10, 0, 8, 2, 0);
	assert_str(step_deciding_title(s), "WARNING in unsafe_follow_pfn");
	s = step_of(log, "d40b9fdee6dc819d8fc35f70c345cbe0394cde4c");
	assert_counts(s, 10, 0, 6, 4, 0);
	assert_str(step_deciding_title(s), "WARNING in kvm_wait");
	assert_int_equal(s->verdict, VERDICT_BAD);

	parent = STEP(log, log->n_steps - 1);
	assert_int_equal(parent->phase, PHASE_PARENT_BUILD);
	assert_str(parent->commit, "fe07bfda2fb9cdef8a4d4008a409bb02f35f1bd8");
	assert_int_equal(parent->verdict, VERDICT_NONE);
	assert_false(parent->verdict_inferred);
	assert_int_equal(parent->n_runs, 0);
	assert_str(parent->compiler, GCC_10);
	assert_str(parent->kernel_signature, "bb276bb968bb80560ac8b5a1a56c3339e3b55a317abab77f029307d05cd958a7");
	assert_span(parent->lines, 195, 197);

	/* 17 builds, 16 counted: the parent build never counts */
	for (size_t i = 0; i < log->n_steps; i++)
		tested += STEP(log, i)->tested;
	assert_int_equal(tested, 17);
	assert_int_equal(log->revisions_tested, 16);

	assert_int_equal(r->type, RESULT_CULPRIT);
	assert_str(r->commit, "d40b9fdee6dc819d8fc35f70c345cbe0394cde4c");
	assert_str(r->title, "mm: Add unsafe_follow_pfn");
	assert_str(r->parent_commit, "fe07bfda2fb9cdef8a4d4008a409bb02f35f1bd8");
	assert_str(r->culprit_signature, s->kernel_signature);
	assert_str(r->parent_signature, parent->kernel_signature);
	assert_false(r->noop);
	assert_contains(r->show->message, "Cc: J\xc3\xa9r\xc3\xb4me Glisse <jglisse@redhat.com>");
	assert_int_equal(r->show->n_stat, 5);
	assert_int_equal(r->n_to, 7);
	assert_int_equal(r->n_cc, 1);
	assert_str(r->cc[0], "linux-kernel@vger.kernel.org");
	assert_str(r->crash_title, "WARNING in kvm_wait");
}

/* A bare lockdep report: recognised, and not a bisection. */
static void test_seed_crash_report_only(void **state)
{
	struct blog *log = load_seed(state, "crash-report-only-fs_reclaim.txt");

	assert_int_equal(log->format, LOG_FORMAT_CRASH_REPORT);
	assert_str(log->crash_title, "WARNING: possible circular locking dependency detected");
	assert_int_equal(log->n_lines, 197);
	assert_int_equal(log->n_steps, 0);
	assert_int_equal(log->kind, KIND_NONE);
	assert_int_equal(log->result.type, RESULT_INCOMPLETE);
	assert_null(log_refusal(log));
}

int main(void)
{
	static const struct CMUnitTest tests[] = {
		UNIT_TEST(test_seed_deadlock),
		UNIT_TEST(test_seed_flaky),
		UNIT_TEST(test_seed_htab),
		UNIT_TEST(test_seed_parent_untested),
		UNIT_TEST(test_seed_crash_report_only),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
