/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Send-target portals and SendTargets discovery (sendtargets.c): the
 * pieces the unit tests reach without a kernel.
 */
#ifndef ISDSC_SENDTARGETS_H
#define ISDSC_SENDTARGETS_H

#include <stdbool.h>
#include <stddef.h>

#include <linux/iscsi_mcs.h>
#include <netlink/msg.h>

#include "iscsidsc.h"
#include "login.h"
#include "stportals.h"

/* Target names, without duplicates, in the order first seen. */
struct isdsc_names {
	size_t n;
	char (*names)[ISCSI_MCS_NAME_MAX];
};

void isdsc_names_free(struct isdsc_names *names);
/* Adds name unless it is there already; false when out of memory. */
bool isdsc_names_add(struct isdsc_names *names, const char *name);

/* isdsc_nl_reply_fn for DISCOVER: the ISCSI_MCS_A_TARGETS names into the isdsc_names arg. */
ISDSC_STATUS isdsc_discover_parse(struct nl_msg *reply, void *arg);

/* The record of a portal from checked arguments and their request. */
void isdsc_st_record(const struct isdsc_login_args *a, const struct isdsc_login_req *req,
		     struct isdsc_st_portal *p);

/*
 * ReportIScsiSendTargetPortalsA (w false) or ...W's array: *count is its
 * length in, the number of portals out; ERROR_INSUFFICIENT_BUFFER when short.
 */
ISDSC_STATUS isdsc_st_report(const struct isdsc_st_list *list, bool w, ULONG *count, void *out);

/*
 * ReportIScsiSendTargetPortalsExA/W's buffer of *size bytes: the array of
 * ISCSI_TARGET_PORTAL_INFO_EX, then the CHAP user names LoginOptions.Username
 * point to. *count and *size receive the number of portals and the bytes
 * used or needed.
 */
ISDSC_STATUS isdsc_st_report_ex(const struct isdsc_st_list *list, bool w, ULONG *count,
				ULONG *size, void *out);

/*
 * ReportIScsiTargetsA/W's buffer of *size characters: each name and its
 * NUL, then one more NUL. *size receives the characters used or needed.
 */
ISDSC_STATUS isdsc_multi_sz(const struct isdsc_names *names, bool w, ULONG *size, void *out);

#endif /* ISDSC_SENDTARGETS_H */
