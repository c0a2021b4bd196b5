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

/* 6.2 split genetlink operations; pre_doit takes the split form since. */
#ifdef MCS_HAVE_GENL_SPLIT_OPS
#define mcs_genl_pre_ops genl_split_ops
#else
#define mcs_genl_pre_ops genl_ops
#endif

#endif /* MCS_COMPAT_H */
