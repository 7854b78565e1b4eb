/* Initial sources of the demo's file-system, networking and DRM files,
 * and of the top-level ones: enough of the usual suspects for the
 * history to look like a kernel's. */
#include "config.h"

#include <stddef.h>

#include "demo/demo_internal.h"

static const char ext4_inode_c[] =
	"// SPDX-License-Identifier: GPL-2.0\n"
	"/*\n"
	" *  linux/fs/ext4/inode.c\n"
	" */\n"
	"#include <linux/fs.h>\n"
	"#include \"ext4.h\"\n"
	"\n"
	"static int ext4_write_begin(struct file *file, struct address_space *mapping,\n"
	"\t\t\t    loff_t pos, unsigned len, struct page **pagep)\n"
	"{\n"
	"\tstruct inode *inode = mapping->host;\n"
	"\tpgoff_t index = pos >> PAGE_SHIFT;\n"
	"\n"
	"\tif (unlikely(ext4_forced_shutdown(EXT4_SB(inode->i_sb))))\n"
	"\t\treturn -EIO;\n"
	"\t*pagep = grab_cache_page_write_begin(mapping, index);\n"
	"\treturn *pagep ? 0 : -ENOMEM;\n"
	"}\n"
	"\n"
	"int ext4_setattr(struct user_namespace *mnt_userns, struct dentry *dentry,\n"
	"\t\t struct iattr *attr)\n"
	"{\n"
	"\tstruct inode *inode = d_inode(dentry);\n"
	"\tint error;\n"
	"\n"
	"\terror = setattr_prepare(mnt_userns, dentry, attr);\n"
	"\tif (error)\n"
	"\t\treturn error;\n"
	"\tif (attr->ia_valid & ATTR_SIZE) {\n"
	"\t\tunmap_mapping_range(inode->i_mapping, attr->ia_size, 0, 1);\n"
	"\t\terror = ext4_truncate(inode);\n"
	"\t}\n"
	"\treturn error;\n"
	"}\n";

static const char ext4_extents_c[] =
	"// SPDX-License-Identifier: GPL-2.0\n"
	"/*\n"
	" * Extents support for EXT4\n"
	" */\n"
	"#include <linux/fs.h>\n"
	"#include \"ext4_extents.h\"\n"
	"\n"
	"static int ext4_ext_max_depth = 5;\n"
	"\n"
	"static int ext4_ext_check(struct inode *inode, struct ext4_extent_header *eh, int depth)\n"
	"{\n"
	"\tif (unlikely(le16_to_cpu(eh->eh_depth) != depth))\n"
	"\t\treturn -EFSCORRUPTED;\n"
	"\tif (unlikely(depth > ext4_ext_max_depth))\n"
	"\t\treturn -EFSCORRUPTED;\n"
	"\treturn 0;\n"
	"}\n"
	"\n"
	"int ext4_ext_map_blocks(handle_t *handle, struct inode *inode,\n"
	"\t\t\tstruct ext4_map_blocks *map, int flags)\n"
	"{\n"
	"\tstruct ext4_ext_path *path;\n"
	"\tint err;\n"
	"\n"
	"\tpath = ext4_find_extent(inode, map->m_lblk, NULL, 0);\n"
	"\tif (IS_ERR(path))\n"
	"\t\treturn PTR_ERR(path);\n"
	"\terr = ext4_ext_check(inode, ext_inode_hdr(inode), ext_depth(inode));\n"
	"\text4_free_ext_path(path);\n"
	"\treturn err;\n"
	"}\n";

static const char tcp_c[] =
	"// SPDX-License-Identifier: GPL-2.0-or-later\n"
	"/*\n"
	" * INET\t\tAn implementation of the TCP/IP protocol suite for the LINUX\n"
	" *\t\toperating system.\n"
	" */\n"
	"#include <net/tcp.h>\n"
	"\n"
	"static int tcp_autocork_limit = 64;\n"
	"\n"
	"static int tcp_sendmsg_locked(struct sock *sk, struct msghdr *msg, size_t size)\n"
	"{\n"
	"\tstruct tcp_sock *tp = tcp_sk(sk);\n"
	"\tint copied = 0, mss_now;\n"
	"\n"
	"\tmss_now = tcp_send_mss(sk, &tp->size_goal, msg->msg_flags);\n"
	"\twhile (msg_data_left(msg)) {\n"
	"\t\tint copy = min_t(int, mss_now, msg_data_left(msg));\n"
	"\n"
	"\t\tif (skb_copy_to_page_nocache(sk, &msg->msg_iter, copy))\n"
	"\t\t\tbreak;\n"
	"\t\tcopied += copy;\n"
	"\t}\n"
	"\ttcp_push(sk, msg->msg_flags, mss_now, tp->nonagle, size);\n"
	"\treturn copied;\n"
	"}\n"
	"\n"
	"int tcp_recvmsg(struct sock *sk, struct msghdr *msg, size_t len, int flags,\n"
	"\t\tint *addr_len)\n"
	"{\n"
	"\tint ret;\n"
	"\n"
	"\tlock_sock(sk);\n"
	"\tret = tcp_recvmsg_locked(sk, msg, len, flags, addr_len);\n"
	"\trelease_sock(sk);\n"
	"\treturn ret;\n"
	"}\n";

static const char route_c[] =
	"// SPDX-License-Identifier: GPL-2.0-or-later\n"
	"/*\n"
	" * ROUTE - implementation of the IP router.\n"
	" */\n"
	"#include <net/route.h>\n"
	"\n"
	"static int ip_rt_gc_timeout = 300;\n"
	"\n"
	"static struct rtable *rt_dst_alloc(struct net_device *dev, unsigned int flags, u16 type)\n"
	"{\n"
	"\tstruct rtable *rt;\n"
	"\n"
	"\trt = dst_alloc(&ipv4_dst_ops, dev, 1, DST_OBSOLETE_FORCE_CHK, flags);\n"
	"\tif (rt)\n"
	"\t\trt->rt_type = type;\n"
	"\treturn rt;\n"
	"}\n"
	"\n"
	"int ip_route_input_noref(struct sk_buff *skb, __be32 daddr, __be32 saddr,\n"
	"\t\t\t u8 tos, struct net_device *dev)\n"
	"{\n"
	"\tint err;\n"
	"\n"
	"\trcu_read_lock();\n"
	"\terr = ip_route_input_rcu(skb, daddr, saddr, tos, dev);\n"
	"\trcu_read_unlock();\n"
	"\treturn err;\n"
	"}\n";

static const char ip_sysctl_rst[] =
	"=========\n"
	"IP Sysctl\n"
	"=========\n"
	"\n"
	"/proc/sys/net/ipv4/* Variables\n"
	"==============================\n"
	"\n"
	"ip_forward - BOOLEAN\n"
	"\t- 0 - disabled (default)\n"
	"\t- not 0 - enabled\n"
	"\n"
	"\tForward Packets between interfaces.\n"
	"\n"
	"route/gc_timeout - INTEGER\n"
	"\tHow long routing cache entries live without use, in seconds.\n"
	"\tThe default is 300.\n"
	"\n"
	"tcp_autocorking - BOOLEAN\n"
	"\tEnable TCP auto corking: when applications do consecutive small\n"
	"\twrite()/sendmsg() system calls, try to coalesce them.\n";

static const char tcp_mmap_c[] =
	"// SPDX-License-Identifier: GPL-2.0\n"
	"/*\n"
	" * Copyright 2018 Google Inc.\n"
	" */\n"
	"#include <sys/mman.h>\n"
	"#include <sys/socket.h>\n"
	"\n"
	"static int chunk_size = 512 * 1024;\n"
	"\n"
	"static void *child_thread(void *arg)\n"
	"{\n"
	"\tint fd = (int)(unsigned long)arg;\n"
	"\tvoid *addr;\n"
	"\n"
	"\taddr = mmap(NULL, chunk_size, PROT_READ, MAP_SHARED, fd, 0);\n"
	"\tif (addr == (void *)-1)\n"
	"\t\treturn NULL;\n"
	"\tmunmap(addr, chunk_size);\n"
	"\treturn NULL;\n"
	"}\n"
	"\n"
	"int main(int argc, char *argv[])\n"
	"{\n"
	"\tint fd = socket(AF_INET6, SOCK_STREAM, 0);\n"
	"\n"
	"\tif (fd == -1)\n"
	"\t\treturn 1;\n"
	"\tchild_thread((void *)(unsigned long)fd);\n"
	"\treturn 0;\n"
	"}\n";

static const char drm_gem_c[] =
	"/*\n"
	" * Copyright \xc2\xa9 2008 Intel Corporation\n"
	" */\n"
	"#include <drm/drm_gem.h>\n"
	"\n"
	"static int drm_gem_handle_limit = 1024;\n"
	"\n"
	"void drm_gem_object_release(struct drm_gem_object *obj)\n"
	"{\n"
	"\tif (obj->filp)\n"
	"\t\tfput(obj->filp);\n"
	"\tdma_resv_fini(&obj->_resv);\n"
	"\tdrm_gem_free_mmap_offset(obj);\n"
	"}\n"
	"\n"
	"int drm_gem_handle_create(struct drm_file *file_priv, struct drm_gem_object *obj,\n"
	"\t\t\t  u32 *handlep)\n"
	"{\n"
	"\tint ret;\n"
	"\n"
	"\tmutex_lock(&obj->dev->object_name_lock);\n"
	"\tret = drm_gem_handle_create_tail(file_priv, obj, handlep);\n"
	"\tmutex_unlock(&obj->dev->object_name_lock);\n"
	"\treturn ret;\n"
	"}\n";

static const char i915_gem_c[] =
	"/*\n"
	" * Copyright \xc2\xa9 2008-2015 Intel Corporation\n"
	" */\n"
	"#include \"i915_drv.h\"\n"
	"\n"
	"static int i915_gem_shrink_batch = 128;\n"
	"\n"
	"int i915_gem_object_unbind(struct drm_i915_gem_object *obj, unsigned long flags)\n"
	"{\n"
	"\tstruct i915_vma *vma;\n"
	"\tint ret = 0;\n"
	"\n"
	"\tspin_lock(&obj->vma.lock);\n"
	"\tlist_for_each_entry(vma, &obj->vma.list, obj_link) {\n"
	"\t\tret = i915_vma_unbind(vma);\n"
	"\t\tif (ret)\n"
	"\t\t\tbreak;\n"
	"\t}\n"
	"\tspin_unlock(&obj->vma.lock);\n"
	"\treturn ret;\n"
	"}\n"
	"\n"
	"int i915_gem_init(struct drm_i915_private *dev_priv)\n"
	"{\n"
	"\tint ret;\n"
	"\n"
	"\tret = i915_init_ggtt(dev_priv);\n"
	"\tif (ret)\n"
	"\t\treturn ret;\n"
	"\tret = intel_gt_init(to_gt(dev_priv));\n"
	"\treturn ret;\n"
	"}\n";

static const char mailmap[] =
	"#\n"
	"# This list is used by git-shortlog, git-log and git-show to fix a few\n"
	"# botched name translations and to map old addresses to current ones.\n"
	"#\n"
	"Marek Nov\xc3\xa1k <marek.novak@example.cz> <mnovak@oldcorp.example.com>\n";

static const char readme[] =
	"bisview demo tree\n"
	"=================\n"
	"\n"
	"This repository is made up: `bisview --demo` wrote it, with libgit2, so\n"
	"that its features can be shown without a kernel tree. It has the shape\n"
	"of a kernel history (release cycles, merge windows, topic branches,\n"
	"annotated release tags, commits sharing one committer date) but every\n"
	"file, commit, person and address in it is invented.\n"
	"\n"
	"The bisection log next to it was simulated on this history: the next\n"
	"commit of every step is the one git bisect would have chosen.\n";

/* subsys indices follow demo_tables.c's table */
static const struct demo_file files[] = {
	{ "fs/ext4/inode.c", 1, 4, "ext4", "ext4", LANG_C, ext4_inode_c },
	{ "fs/ext4/extents.c", 1, 3, "ext4", "ext4_ext", LANG_C, ext4_extents_c },
	{ "net/ipv4/tcp.c", 2, 5, "tcp", "tcp", LANG_C, tcp_c },
	{ "net/ipv4/route.c", 2, 3, "ipv4: route", "rt", LANG_C, route_c },
	{ "Documentation/networking/ip-sysctl.rst", 2, 1, "docs: networking: ip-sysctl",
	  "tcp", LANG_RST, ip_sysctl_rst },
	{ "tools/testing/selftests/net/tcp_mmap.c", 2, 1, "selftests: net: tcp_mmap", "test",
	  LANG_C, tcp_mmap_c },
	{ "drivers/gpu/drm/drm_gem.c", 3, 3, "drm/gem", "drm_gem", LANG_C, drm_gem_c },
	{ "drivers/gpu/drm/i915/i915_gem.c", 3, 4, "drm/i915/gem", "i915_gem", LANG_C,
	  i915_gem_c },
	{ "Makefile", -1, 0, "kbuild", "", LANG_FIXED, NULL },
	{ "MAINTAINERS", -1, 0, "MAINTAINERS", "", LANG_FIXED, NULL },
	{ ".mailmap", -1, 0, "mailmap", "", LANG_FIXED, mailmap },
	{ "README", -1, 0, "README", "", LANG_FIXED, readme },
};

size_t demo_files_misc(const struct demo_file **out)
{
	*out = files;
	return sizeof(files) / sizeof(files[0]);
}
