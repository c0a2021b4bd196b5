/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * One request to the iscsi_mcs family (uapi/linux/iscsi_mcs.h), from
 * socket to answer.
 */
#ifndef ISDSC_MCS_H
#define ISDSC_MCS_H

#include <stdint.h>

#include "nl.h"

/* Adds the request's attributes; returns ERROR_SUCCESS or sets the text. */
typedef ISDSC_STATUS (*isdsc_mcs_fill_fn)(struct nl_msg *req, const void *arg);

/*
 * Sends cmd (named what in error texts) with the attributes fill adds
 * (fill may be NULL) and hands each answer to reply (may be NULL).
 */
ISDSC_STATUS isdsc_mcs_call(uint8_t cmd, const char *what,
			    isdsc_mcs_fill_fn fill, const void *fill_arg,
			    isdsc_nl_reply_fn reply, void *reply_arg);

/*
 * The same with netlink flags (NLM_F_DUMP for a dump) and a refusal map
 * (NULL: the generic errno map), for commands whose errors mean more than
 * their errno.
 */
ISDSC_STATUS isdsc_mcs_call_ex(uint8_t cmd, int flags, const char *what,
			       isdsc_mcs_fill_fn fill, const void *fill_arg,
			       isdsc_nl_reply_fn reply, void *reply_arg,
			       isdsc_nl_refusal_fn refusal);

#endif /* ISDSC_MCS_H */
