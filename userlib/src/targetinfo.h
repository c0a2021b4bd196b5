/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * GetIScsiTargetInformationA/W (targetinfo.c), reachable by the unit tests
 * with a session list of their own instead of the kernel's.
 */
#ifndef ISDSC_TARGETINFO_H
#define ISDSC_TARGETINFO_H

#include <stdbool.h>

#include "iscsidsc.h"
#include "session.h"

/*
 * The answer for target (checked) and mechanism (NULL or "": every one)
 * of class cls, from the node database, the send-target portal file and
 * the sessions of live. *size is the buffer's size in bytes in, the bytes
 * used or needed out.
 */
ISDSC_STATUS isdsc_target_info(const char *target, const char *mechanism,
			       TARGET_INFORMATION_CLASS cls, const struct isdsc_session_list *live,
			       bool wide, ULONG *size, void *buf);

#endif /* ISDSC_TARGETINFO_H */
