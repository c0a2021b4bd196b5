/* SPDX-License-Identifier: GPL-2.0 OR MIT */
#ifndef ISDSC_VERSION_H
#define ISDSC_VERSION_H

#include <stdbool.h>

#include <netlink/msg.h>

#include "iscsidsc.h"

/*
 * Parses the module's "MAJOR.MINOR.PATCH" version, optionally followed by a
 * semantic-versioning suffix ("-rc1", "+git.abc"), into out[0..2].
 * Returns 0, or -1 if text is not such a version.
 */
int isdsc_parse_module_version(const char *text, ULONG out[3]);

/* What a GET_VERSION answer carried. */
struct isdsc_module_answer {
	ISDSC_MCS_MODULE_INFO info;
	bool have_version, have_api_version, have_caps, have_limit;
};

/* isdsc_nl_reply_fn for GET_VERSION; arg is a zeroed isdsc_module_answer. */
ISDSC_STATUS isdsc_module_parse(struct nl_msg *reply, void *arg);

#endif /* ISDSC_VERSION_H */
