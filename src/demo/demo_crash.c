/* The crash report at the end of the demo log: a lockdep splat whose
 * every frame (mm/khugepaged.c:59) names a line that exists in the tree
 * at the culprit. Lines are found by function and call, in the files as
 * the history left them, so they move when the history does. Also the
 * kernel signatures: a hash of what a kernel build reads. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <talloc.h>

#include "demo/demo_internal.h"
#include "i18n.h"
#include "tree/tree_git.h"

struct frame {
	const char *shown;      /* the symbol the report prints */
	const char *path;
	const char *def;        /* what starts the definition */
	const char *call;       /* the call inside it; NULL: the definition */
	bool inl;               /* printed as "[inline]" */
};

enum {
	F_VMA_START_WRITE, F_RETRACT_VMA, F_I_MMAP_LOCK, F_RETRACT_IMMAP, F_RETRACT_TRYLOCK,
	F_DOWN_WRITE, F_UNMAP_RANGE, F_EXT4_SETATTR, F_FS_RECLAIM_INL, F_FS_RECLAIM,
	F_PREPARE_ALLOC, F_ALLOC_PAGES, F_ANON_PAGE, F_PTE_FAULT, F_HANDLE_MM_INNER,
	F_HANDLE_MM, F_USER_ADDR, F_HANDLE_PAGE, F_EXC_PAGE, F_ASM_EXC_PAGE,
	F_CHECK_PREV, F_CHECK_PREVS, F_VALIDATE, F_LOCK_ACQUIRE_INNER, F_LOCK_ACQUIRE,
	F_COLLAPSE_FILE, F_SCAN_FILE, F_MADVISE_COLLAPSE, F_VMA_BEHAVIOR, F_WALK_VMAS,
	F_DO_MADVISE_PART, F_DO_MADVISE, F_DO_SYS, F_SE_SYS, F_X64_SYS, F_SYSCALL_X64,
	F_SYSCALL_64, F_DUMP_STACK_INL, F_DUMP_STACK_LVL, F_NONCIRCULAR, N_FRAMES
};

static const struct frame frames[N_FRAMES] = {
	[F_VMA_START_WRITE] = { "vma_start_write", "include/linux/mm.h",
		"vma_start_write", "down_write(", true },
	[F_RETRACT_VMA] = { "retract_page_tables", "mm/khugepaged.c",
		"retract_page_tables", "vma_start_write(", false },
	[F_I_MMAP_LOCK] = { "i_mmap_lock_write", "include/linux/fs.h",
		"i_mmap_lock_write", "down_write(", true },
	[F_RETRACT_IMMAP] = { "retract_page_tables", "mm/khugepaged.c",
		"retract_page_tables", "i_mmap_lock_write(", false },
	[F_RETRACT_TRYLOCK] = { "retract_page_tables", "mm/khugepaged.c",
		"retract_page_tables", "mmap_write_trylock(", false },
	[F_DOWN_WRITE] = { "down_write", "kernel/locking/rwsem.c",
		"down_write", "rwsem_acquire(", false },
	[F_UNMAP_RANGE] = { "unmap_mapping_range", "mm/memory.c",
		"unmap_mapping_range", "i_mmap_lock_write(", false },
	[F_EXT4_SETATTR] = { "ext4_setattr", "fs/ext4/inode.c",
		"ext4_setattr", "unmap_mapping_range(", false },
	[F_FS_RECLAIM_INL] = { "__fs_reclaim_acquire", "mm/page_alloc.c",
		"__fs_reclaim_acquire", "lock_map_acquire(", true },
	[F_FS_RECLAIM] = { "fs_reclaim_acquire", "mm/page_alloc.c",
		"fs_reclaim_acquire", "__fs_reclaim_acquire(", false },
	[F_PREPARE_ALLOC] = { "prepare_alloc_pages", "mm/page_alloc.c",
		"prepare_alloc_pages", "fs_reclaim_acquire(", false },
	[F_ALLOC_PAGES] = { "__alloc_pages", "mm/page_alloc.c",
		"__alloc_pages", "prepare_alloc_pages(", false },
	[F_ANON_PAGE] = { "do_anonymous_page", "mm/memory.c",
		"do_anonymous_page", "__alloc_pages(", true },
	[F_PTE_FAULT] = { "handle_pte_fault", "mm/memory.c",
		"handle_pte_fault", "do_anonymous_page(", true },
	[F_HANDLE_MM_INNER] = { "__handle_mm_fault", "mm/memory.c",
		"__handle_mm_fault", "handle_pte_fault(", false },
	[F_HANDLE_MM] = { "handle_mm_fault", "mm/memory.c",
		"handle_mm_fault", "__handle_mm_fault(", false },
	[F_USER_ADDR] = { "do_user_addr_fault", "arch/x86/mm/fault.c",
		"do_user_addr_fault", "handle_mm_fault(", false },
	[F_HANDLE_PAGE] = { "handle_page_fault", "arch/x86/mm/fault.c",
		"handle_page_fault", "do_user_addr_fault(", true },
	[F_EXC_PAGE] = { "exc_page_fault", "arch/x86/mm/fault.c",
		"DEFINE_IDTENTRY_RAW_ERRORCODE(exc_page_fault", "handle_page_fault(", false },
	[F_ASM_EXC_PAGE] = { "asm_exc_page_fault", "arch/x86/include/asm/idtentry.h",
		"DECLARE_IDTENTRY_RAW_ERRORCODE(X86_TRAP_PF", NULL, false },
	[F_CHECK_PREV] = { "check_prev_add", "kernel/locking/lockdep.c",
		"check_prev_add", "check_noncircular(", true },
	[F_CHECK_PREVS] = { "check_prevs_add", "kernel/locking/lockdep.c",
		"check_prevs_add", "check_prev_add(", true },
	[F_VALIDATE] = { "validate_chain", "kernel/locking/lockdep.c",
		"validate_chain", "check_prevs_add(", true },
	[F_LOCK_ACQUIRE_INNER] = { "__lock_acquire", "kernel/locking/lockdep.c",
		"__lock_acquire", "validate_chain(", false },
	[F_LOCK_ACQUIRE] = { "lock_acquire", "kernel/locking/lockdep.c",
		"lock_acquire", "__lock_acquire(", false },
	[F_COLLAPSE_FILE] = { "collapse_file", "mm/khugepaged.c",
		"collapse_file", "retract_page_tables(", false },
	[F_SCAN_FILE] = { "hpage_collapse_scan_file", "mm/khugepaged.c",
		"hpage_collapse_scan_file", "collapse_file(", false },
	[F_MADVISE_COLLAPSE] = { "madvise_collapse", "mm/khugepaged.c",
		"madvise_collapse", "hpage_collapse_scan_file(", false },
	[F_VMA_BEHAVIOR] = { "madvise_vma_behavior", "mm/madvise.c",
		"madvise_vma_behavior", "madvise_collapse(", false },
	[F_WALK_VMAS] = { "madvise_walk_vmas", "mm/madvise.c",
		"madvise_walk_vmas", "madvise_vma_behavior(", false },
	[F_DO_MADVISE_PART] = { "do_madvise.part.0", "mm/madvise.c",
		"do_madvise", "madvise_walk_vmas(", false },
	[F_DO_MADVISE] = { "do_madvise", "mm/madvise.c",
		"SYSCALL_DEFINE3(madvise", "do_madvise(", true },
	[F_DO_SYS] = { "__do_sys_madvise", "mm/madvise.c",
		"SYSCALL_DEFINE3(madvise", "do_madvise(", true },
	[F_SE_SYS] = { "__se_sys_madvise", "mm/madvise.c",
		"SYSCALL_DEFINE3(madvise", NULL, true },
	[F_X64_SYS] = { "__x64_sys_madvise", "mm/madvise.c",
		"SYSCALL_DEFINE3(madvise", NULL, false },
	[F_SYSCALL_X64] = { "do_syscall_x64", "arch/x86/entry/common.c",
		"do_syscall_x64", "x64_sys_call(", true },
	[F_SYSCALL_64] = { "do_syscall_64", "arch/x86/entry/common.c",
		"do_syscall_64", "do_syscall_x64(", false },
	[F_DUMP_STACK_INL] = { "__dump_stack", "lib/dump_stack.c",
		"__dump_stack", "show_stack(", true },
	[F_DUMP_STACK_LVL] = { "dump_stack_lvl", "lib/dump_stack.c",
		"dump_stack_lvl", "__dump_stack(", false },
	[F_NONCIRCULAR] = { "check_noncircular", "kernel/locking/lockdep.c",
		"check_noncircular", "print_circular_bug(", false },
};

const char *demo_crash_title(void)
{
	return "possible deadlock in retract_page_tables";
}

const char *demo_drift_title(void)
{
	return "INFO: task hung in collapse_file";
}

/* Bugs of the demo's other subsystems, for the noisy mode's false "bad"
 * steps (demo_noise.c): titles of its own functions, no real report's. */
const char *demo_other_title(enum demo_run run)
{
	switch (run) {
	case DR_OTHER_NET:
		return "KASAN: use-after-free Read in tcp_recvmsg";
	case DR_OTHER_FS:
		return "general protection fault in ext4_ext_check";
	case DR_OTHER_DRM:
		return "WARNING in i915_gem_object_unbind";
	default:
		return NULL;
	}
}

static uint64_t mix(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	/* FNV-1a, then a splitmix finaliser per call */
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ULL;
	h ^= h >> 31;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 29);
}

struct sig_walk {
	uint64_t lane[4];
};

/* Documentation, selftests and the top-level text files do not change
 * the kernel image: commits touching only them keep the signature, as
 * syzbot's no-op check expects. */
static int sig_entry(const char *root, const git_tree_entry *e, void *payload)
{
	struct sig_walk *s = payload;
	const char *name = git_tree_entry_name(e);

	if (!*root && (!strcmp(name, "Documentation") || !strcmp(name, "tools") ||
		       !strcmp(name, "MAINTAINERS") || !strcmp(name, ".mailmap") ||
		       !strcmp(name, "README")))
		return 1;
	if (git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	for (int k = 0; k < 4; k++) {
		s->lane[k] = mix(s->lane[k], root, strlen(root));
		s->lane[k] = mix(s->lane[k], name, strlen(name));
		s->lane[k] = mix(s->lane[k], git_tree_entry_id(e)->id, GIT_OID_RAWSZ);
	}
	return 0;
}

char *demo_kernel_signature(void *ctx, struct tree *t, const git_oid *commit)
{
	struct sig_walk s = { { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL, 0x5bd1e9955bd1e995ULL,
				0x27d4eb2f165667c5ULL } };
	git_commit *c;
	git_tree *tree;

	if (git_commit_lookup(&c, tree_git_repository(t), commit) < 0)
		return talloc_strdup(ctx, "");
	if (git_commit_tree(&tree, c) == 0) {
		git_tree_walk(tree, GIT_TREEWALK_PRE, sig_entry, &s);
		git_tree_free(tree);
	}
	git_commit_free(c);
	return talloc_asprintf(ctx, "%016llx%016llx%016llx%016llx", (unsigned long long)s.lane[0],
			       (unsigned long long)s.lane[1], (unsigned long long)s.lane[2],
			       (unsigned long long)s.lane[3]);
}

struct report {
	void *ctx;
	struct tree *t;
	const char *commit;
	const char *err;
};

static bool is_ident(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* name at p, not inside a longer identifier */
static bool word_at(const char *line, const char *p, const char *name)
{
	size_t n = strlen(name);

	return (p == line || !is_ident(p[-1])) && (!is_ident(name[n - 1]) || !is_ident(p[n]));
}

static const char *find_word(const char *line, const char *name)
{
	for (const char *p = strstr(line, name); p; p = strstr(p + 1, name))
		if (word_at(line, p, name))
			return p;
	return NULL;
}

/* The line of a frame: the call inside the definition, or the
 * definition itself. 0 when the tree does not have it. */
static unsigned frame_line(struct report *r, int i)
{
	const struct frame *f = &frames[i];
	char *text = NULL, *line, *next;
	size_t len;
	unsigned n = 0;
	bool inside = false;

	if (tree_file_at(r->t, r->ctx, r->commit, f->path, &text, &len) < 0)
		return 0;
	for (line = text; *line; line = next) {
		size_t l = strcspn(line, "\n");

		next = line + l + (line[l] ? 1 : 0);
		line[l] = '\0';
		n++;
		if (!inside) {
			/* a definition starts in column 0 and, with a body,
			 * does not end in ';' */
			if (!*line || isspace((unsigned char)line[0]) || line[0] == '#' ||
			    line[0] == '/' || !find_word(line, f->def) ||
			    (f->call && line[l - 1] == ';'))
				continue;
			if (!f->call)
				return n;
			inside = true;
		} else if (!strcmp(line, "}")) {
			break;
		} else if (find_word(line, f->call)) {
			return n;
		}
	}
	return 0;
}

static uint32_t fnv(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* "retract_page_tables+0x59d/0x8d0 mm/khugepaged.c:59", or with [inline] */
static const char *frame(struct report *r, int i)
{
	const struct frame *f = &frames[i];
	unsigned line = frame_line(r, i);
	uint32_t size = 0x100 + (fnv(f->shown) % 0x3000) / 0x10 * 0x10;
	uint32_t off = 0x10 + fnv(f->call ? f->call : f->def) % (size - 0x20);

	if (!line) {
		r->err = talloc_asprintf(r->ctx, _("the demo tree lacks %s in %s"), f->shown,
					 f->path);
		return "";
	}
	if (f->inl)
		return talloc_asprintf(r->ctx, "%s %s:%u [inline]", f->shown, f->path, line);
	return talloc_asprintf(r->ctx, "%s+0x%x/0x%x %s:%u", f->shown, off, size, f->path, line);
}

/* "1.5.0-rc4" from the Makefile at the commit */
static const char *kernel_release(struct report *r)
{
	char *text = NULL, *p;
	size_t len;
	unsigned version = 1, patchlevel = 0;
	const char *extra = "";

	if (tree_file_at(r->t, r->ctx, r->commit, "Makefile", &text, &len) == 0) {
		if ((p = strstr(text, "\nVERSION = ")))
			sscanf(p + 11, "%u", &version);
		if ((p = strstr(text, "\nPATCHLEVEL = ")))
			sscanf(p + 14, "%u", &patchlevel);
		if ((p = strstr(text, "\nEXTRAVERSION = ")))
			extra = talloc_strndup(r->ctx, p + 16, strcspn(p + 16, "\n"));
	}
	return talloc_asprintf(r->ctx, "%u.%u.0%s", version, patchlevel, extra);
}

static char *frames_at(struct report *r, char *s, const char *indent, const int *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		s = talloc_asprintf_append(s, "%s%s\n", indent, frame(r, list[i]));
	return s;
}

/* The user-space registers at the system call: fixed, as they do not
 * matter to a bisection. */
static const char user_registers[] =
		" entry_SYSCALL_64_after_hwframe+0x63/0xcd\n"
		"RIP: 0033:0x7f19bb08c0f9\n"
		"Code: 28 00 00 00 75 05 48 83 c4 28 c3 e8 f1 19 00 00 90 48 89 f8 48 89 "
		"f7 48 89 d6 48 89 ca 4d 89 c2 4d 89 c8 4c 8b 4c 24 08 0f 05 <48> 3d 01 "
		"f0 ff ff 73 01 c3 48 c7 c1 b8 ff ff ff f7 d8 64 89 01 48\n"
		"RSP: 002b:00007f19bbd0e168 EFLAGS: 00000246 ORIG_RAX: 000000000000001c\n"
		"RAX: ffffffffffffffda RBX: 00007f19bb1abf80 RCX: 00007f19bb08c0f9\n"
		"RDX: 0000000000000019 RSI: 0000000000600003 RDI: 0000000020000000\n"
		"RBP: 00007f19bb0e7ae9 R08: 0000000000000000 R09: 0000000000000000\n"
		"R10: 0000000000000000 R11: 0000000000000246 R12: 0000000000000000\n"
		"R13: 00007ffd1c0b36cf R14: 00007f19bbd0e300 R15: 0000000000022000\n"
		" </TASK>\n";

#define LIST(...) (const int[]){ __VA_ARGS__ }, sizeof((const int[]){ __VA_ARGS__ }) / sizeof(int)

/* lockdep's "existing dependency chain": the three links, each with the
 * stack that took it. */
static char *dependency_chain(struct report *r, char *s)
{
	s = frames_at(r, s, "       ", LIST(F_DOWN_WRITE, F_I_MMAP_LOCK, F_UNMAP_RANGE,
					   F_EXT4_SETATTR, F_SYSCALL_X64, F_SYSCALL_64));
	s = talloc_asprintf_append(s, "       entry_SYSCALL_64_after_hwframe+0x63/0xcd\n"
				   "\n-> #1 (fs_reclaim){+.+.}-{0:0}:\n");
	s = frames_at(r, s, "       ", LIST(F_FS_RECLAIM_INL, F_FS_RECLAIM, F_PREPARE_ALLOC,
					   F_ALLOC_PAGES, F_ANON_PAGE, F_PTE_FAULT,
					   F_HANDLE_MM_INNER, F_HANDLE_MM, F_USER_ADDR,
					   F_HANDLE_PAGE, F_EXC_PAGE, F_ASM_EXC_PAGE));
	s = talloc_asprintf_append(s, "\n-> #0 (&vma->vm_lock->lock){++++}-{3:3}:\n");
	s = frames_at(r, s, "       ", LIST(F_CHECK_PREV, F_CHECK_PREVS, F_VALIDATE,
					   F_LOCK_ACQUIRE_INNER, F_LOCK_ACQUIRE, F_DOWN_WRITE,
					   F_VMA_START_WRITE, F_RETRACT_VMA, F_COLLAPSE_FILE,
					   F_SCAN_FILE, F_MADVISE_COLLAPSE, F_VMA_BEHAVIOR,
					   F_WALK_VMAS, F_DO_MADVISE_PART, F_DO_MADVISE, F_DO_SYS,
					   F_SE_SYS, F_X64_SYS, F_SYSCALL_X64, F_SYSCALL_64));
	return s;
}


char *demo_crash_report(void *ctx, struct tree *t, const char *commit, struct demo_rng *rng,
			const char **err)
{
	struct report r = { talloc_new(ctx), t, commit, NULL };
	const char *release = kernel_release(&r), *vma = "ffff88807703daa8";
	const char *mapping = "ffff888077f4efa8", *mm = "ffff888027de8ad8";
	unsigned pid = 5000 + demo_below(rng, 4000);
	char *s;

	s = talloc_asprintf(r.ctx,
		"======================================================\n"
		"WARNING: possible circular locking dependency detected\n"
		"%s-syzkaller #0 Not tainted\n"
		"------------------------------------------------------\n"
		"syz-executor.0/%u is trying to acquire lock:\n"
		"%s (&vma->vm_lock->lock){++++}-{3:3}, at: %s\n"
		"%s (&vma->vm_lock->lock){++++}-{3:3}, at: %s\n"
		"\n"
		"but task is already holding lock:\n"
		"%s (&mapping->i_mmap_rwsem){++++}-{3:3}, at: %s\n"
		"%s (&mapping->i_mmap_rwsem){++++}-{3:3}, at: %s\n"
		"\n"
		"which lock already depends on the new lock.\n"
		"\n"
		"\n"
		"the existing dependency chain (in reverse order) is:\n"
		"\n"
		"-> #2 (&mapping->i_mmap_rwsem){++++}-{3:3}:\n",
		release, pid, vma, frame(&r, F_VMA_START_WRITE), vma, frame(&r, F_RETRACT_VMA),
		mapping, frame(&r, F_I_MMAP_LOCK), mapping, frame(&r, F_RETRACT_IMMAP));
	s = dependency_chain(&r, s);
	s = talloc_asprintf_append(s,
		"       entry_SYSCALL_64_after_hwframe+0x63/0xcd\n"
		"\n"
		"other info that might help us debug this:\n"
		"\n"
		"Chain exists of:\n"
		"  &vma->vm_lock->lock --> fs_reclaim --> &mapping->i_mmap_rwsem\n"
		"\n"
		" Possible unsafe locking scenario:\n"
		"\n"
		"       CPU0                    CPU1\n"
		"       ----                    ----\n"
		"  lock(&mapping->i_mmap_rwsem);\n"
		"                               lock(fs_reclaim);\n"
		"                               lock(&mapping->i_mmap_rwsem);\n"
		"  lock(&vma->vm_lock->lock);\n"
		"\n"
		" *** DEADLOCK ***\n"
		"\n"
		"2 locks held by syz-executor.0/%u:\n"
		" #0: %s (&mapping->i_mmap_rwsem){++++}-{3:3}, at: %s\n"
		" #0: %s (&mapping->i_mmap_rwsem){++++}-{3:3}, at: %s\n"
		" #1: %s (&mm->mmap_lock){++++}-{3:3}, at: %s\n"
		"\n"
		"stack backtrace:\n"
		"CPU: 0 PID: %u Comm: syz-executor.0 Not tainted %s-syzkaller #0\n"
		"Hardware name: Google Google Compute Engine/Google Compute Engine, "
		"BIOS Google 01/12/2023\n"
		"Call Trace:\n"
		" <TASK>\n",
		pid, mapping, frame(&r, F_I_MMAP_LOCK), mapping, frame(&r, F_RETRACT_IMMAP), mm,
		frame(&r, F_RETRACT_TRYLOCK), pid, release);
	s = frames_at(&r, s, " ", LIST(F_DUMP_STACK_INL, F_DUMP_STACK_LVL, F_NONCIRCULAR,
				      F_CHECK_PREV, F_CHECK_PREVS, F_VALIDATE,
				      F_LOCK_ACQUIRE_INNER, F_LOCK_ACQUIRE, F_DOWN_WRITE,
				      F_VMA_START_WRITE, F_RETRACT_VMA, F_COLLAPSE_FILE,
				      F_SCAN_FILE, F_MADVISE_COLLAPSE, F_VMA_BEHAVIOR,
				      F_WALK_VMAS, F_DO_MADVISE_PART, F_DO_MADVISE, F_DO_SYS,
				      F_SE_SYS, F_X64_SYS, F_SYSCALL_X64, F_SYSCALL_64));
	s = talloc_strdup_append(s, user_registers);
	if (r.err) {
		*err = talloc_strdup(ctx, r.err);
		talloc_free(r.ctx);
		return NULL;
	}
	s = talloc_steal(ctx, s);
	talloc_free(r.ctx);
	return s;
}
