/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels the module builds on (Debian's 6.1 and
 * newer), kept in this one place so the rest of the code reads as if
 * written for one kernel. Features are detected from the headers by Kbuild
 * rather than by version number, so backports are handled too.
 */
#ifndef MCS_COMPAT_H
#define MCS_COMPAT_H

#include <net/genetlink.h>
#include <net/sock.h>

/* 6.12 moved the unaligned accessors out of asm/. */
#ifdef MCS_HAVE_LINUX_UNALIGNED_H
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.2 split genetlink operations; pre_doit takes the split form since. */
#ifdef MCS_HAVE_GENL_SPLIT_OPS
#define mcs_genl_pre_ops genl_split_ops
#else
#define mcs_genl_pre_ops genl_ops
#endif

/*
 * Since 6.2 (and 6.1 stable) a socket may allocate from the sending task's
 * page fragment; a block transport may send from reclaim and must not (see
 * nvme-tcp).
 */
#ifdef MCS_HAVE_SK_USE_TASK_FRAG
static inline void mcs_sk_no_task_frag(struct sock *sk)
{
	sk->sk_use_task_frag = false;
}
#else
static inline void mcs_sk_no_task_frag(struct sock *sk)
{
}
#endif

#endif /* MCS_COMPAT_H */
