/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The ISCSI_MCS_A_CONFIG nest in both directions, and the checks made
 * before a configuration is sent.
 */
#ifndef ISDSC_CONFIG_H
#define ISDSC_CONFIG_H

#include <netlink/msg.h>

#include "iscsidsc.h"

/* isdsc_nl_reply_fn for CONFIG_GET; arg is an ISDSC_MCS_CONFIG to fill. */
ISDSC_STATUS isdsc_config_parse(struct nl_msg *reply, void *arg);

/* Rejects what the module would refuse for a reason the library can see. */
ISDSC_STATUS isdsc_config_check(const ISDSC_MCS_CONFIG *config);

/* isdsc_mcs_fill_fn for CONFIG_SET; arg is a checked ISDSC_MCS_CONFIG. */
ISDSC_STATUS isdsc_config_put(struct nl_msg *req, const void *arg);

#endif /* ISDSC_CONFIG_H */
