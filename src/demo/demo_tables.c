/* The demo's cast: people, subsystems, and the top-level files made from
 * them. Everyone here is invented; the addresses use reserved domains. */
#include "config.h"

#include <string.h>
#include <talloc.h>

#include "demo/demo_internal.h"

static const struct demo_person people[] = {
	[PERSON_MAINLINE] = { "Tomas Lindqvist", "tomas@lindqvist.example.org", -480 },
	/* Marek's address before he changed jobs: .mailmap maps it */
	[PERSON_MAREK_OLD] = { "Marek Novak", "mnovak@oldcorp.example.com", 60 },
	[PERSON_MAREK] = { "Marek Novák", "marek.novak@example.cz", 60 },
	{ "Mira Okafor", "mira.okafor@example.com", -420 },
	{ "Jun Watanabe", "jun.watanabe@example.jp", 540 },
	{ "Priya Raman", "priya.raman@example.in", 330 },
	{ "Elena Costa", "elena.costa@example.it", 60 },
	{ "Sam Whitfield", "sam@whitfield.example.net", 0 },
	{ "Ines Duarte", "ines.duarte@example.pt", 0 },
	{ "Hannes Brandt", "hbrandt@example.de", 60 },
	{ "Wei Zhang", "wei.zhang@example.cn", 480 },
	{ "Olu Adeyemi", "olu@adeyemi.example.ng", 60 },
};

/* Indices into people[] for the maintainers below. */
enum { MIRA = 3, JUN, PRIYA, ELENA, SAM, INES, HANNES, WEI, OLU };

static const struct demo_subsys subsystems[] = {
	{ "mm", "MEMORY MANAGEMENT", "MM",
	  "git://git.example.org/pub/scm/linux/kernel/git/okafor/mm",
	  "mm-stable", "mm-hotfixes-stable", "linux-mm@lists.example.org", MIRA, 8 },
	{ "ext4", "EXT4 FILE SYSTEM", "ext4",
	  "git://git.example.org/pub/scm/linux/kernel/git/brandt/ext4",
	  "ext4_for_linus", "ext4_for_linus_stable", "linux-ext4@lists.example.org", HANNES, 4 },
	{ "net", "NETWORKING [IPv4/IPv6]", "networking",
	  "git://git.example.org/pub/scm/linux/kernel/git/netdev/net",
	  "net-next", "net", "netdev@lists.example.org", SAM, 7 },
	{ "drm", "DRM DRIVERS", "drm",
	  "git://git.example.org/drm/drm", "drm-next", "drm-fixes",
	  "dri-devel@lists.example.org", OLU, 6 },
	{ "locking", "LOCKING PRIMITIVES", "locking",
	  "git://git.example.org/pub/scm/linux/kernel/git/tip/tip",
	  "locking-core", "locking-urgent", "linux-kernel@lists.example.org", ELENA, 3 },
	{ "sched", "SCHEDULER", "scheduler",
	  "git://git.example.org/pub/scm/linux/kernel/git/tip/tip",
	  "sched-core", "sched-urgent", "linux-kernel@lists.example.org", ELENA, 3 },
	{ "kvm", "KERNEL VIRTUAL MACHINE FOR X86 (KVM/x86)", "kvm",
	  "git://git.example.org/pub/scm/virt/kvm/kvm", "for-linus", "kvm-fixes",
	  "kvm@lists.example.org", PRIYA, 4 },
	{ "x86", "X86 ARCHITECTURE (32-BIT AND 64-BIT)", "x86",
	  "git://git.example.org/pub/scm/linux/kernel/git/tip/tip",
	  "x86-mm", "x86-urgent", "x86@lists.example.org", INES, 4 },
	{ "arm64", "ARM64 PORT (AARCH64 ARCHITECTURE)", "arm64",
	  "git://git.example.org/pub/scm/linux/kernel/git/arm64/linux",
	  "arm64-upstream", "arm64-fixes", "linux-arm-kernel@lists.example.org", WEI, 4 },
	{ "lib", "LIBRARY CODE", "non-MM",
	  "git://git.example.org/pub/scm/linux/kernel/git/okafor/mm",
	  "mm-nonmm-stable", "mm-hotfixes-stable", "linux-kernel@lists.example.org", MIRA, 2 },
};

size_t demo_people(const struct demo_person **out)
{
	*out = people;
	return sizeof(people) / sizeof(people[0]);
}

size_t demo_subsystems(const struct demo_subsys **out)
{
	*out = subsystems;
	return sizeof(subsystems) / sizeof(subsystems[0]);
}

size_t demo_files(const void *ctx, const struct demo_file ***out)
{
	size_t (*const parts[])(const struct demo_file **) = {
		demo_files_mm, demo_files_kernel, demo_files_misc,
	};
	const struct demo_file **all = NULL;
	size_t n = 0;

	for (size_t p = 0; p < sizeof(parts) / sizeof(parts[0]); p++) {
		const struct demo_file *f;
		size_t k = parts[p](&f);

		all = talloc_realloc(ctx, all, const struct demo_file *, n + k);
		for (size_t i = 0; i < k; i++)
			all[n++] = &f[i];
	}
	*out = all;
	return n;
}

char *demo_makefile(const void *ctx, unsigned version, unsigned patchlevel, const char *extra)
{
	return talloc_asprintf(ctx,
		"# SPDX-License-Identifier: GPL-2.0\n"
		"VERSION = %u\n"
		"PATCHLEVEL = %u\n"
		"SUBLEVEL = 0\n"
		"EXTRAVERSION =%s%s\n"
		"NAME = Curious Penguin\n"
		"\n"
		"# bisview's demo tree only has to look like a kernel: nothing here\n"
		"# builds. The bisection log next to it says what \"testing\" found.\n"
		"PHONY := all\n"
		"all:\n"
		"\t@echo 'This is the bisview demo tree: there is nothing to build.'\n",
		version, patchlevel, extra && *extra ? " " : "", extra ? extra : "");
}

/* MAINTAINERS from the tables, so that the log's recipients and the
 * tree agree. */
char *demo_maintainers(const void *ctx, const struct demo_file *const *files, size_t n)
{
	char *s = talloc_strdup(ctx,
		"List of maintainers\n"
		"===================\n"
		"\n"
		"Descriptions of section entries:\n"
		"\n"
		"\tM: Mail patches to: FullName <address@domain>\n"
		"\tL: Mailing list that is relevant to this area\n"
		"\tS: Status, one of Supported, Maintained, Odd Fixes\n"
		"\tT: SCM tree type and location\n"
		"\tF: Files and directories\n"
		"\n"
		"Maintainers List\n"
		"----------------\n");

	for (size_t i = 0; i < sizeof(subsystems) / sizeof(subsystems[0]); i++) {
		const struct demo_subsys *sub = &subsystems[i];
		const struct demo_person *m = &people[sub->maintainer];

		s = talloc_asprintf_append(s, "\n%s\nM:\t%s <%s>\nL:\t%s\nS:\tMaintained\n"
					   "T:\tgit %s.git\n",
					   sub->title, m->name, m->email, sub->list, sub->tree);
		for (size_t k = 0; k < n; k++)
			if (files[k]->subsys == (int)i)
				s = talloc_asprintf_append(s, "F:\t%s\n", files[k]->path);
	}
	return talloc_asprintf_append(s,
		"\nTHE REST\n"
		"M:\t%s <%s>\n"
		"L:\tlinux-kernel@lists.example.org\n"
		"S:\tBuried alive in reports\n"
		"F:\t*\n"
		"F:\t*/\n", people[PERSON_MAINLINE].name, people[PERSON_MAINLINE].email);
}
