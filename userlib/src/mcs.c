// SPDX-License-Identifier: GPL-2.0 OR MIT
#include <linux/iscsi_mcs.h>

#include "internal.h"
#include "mcs.h"

ISDSC_STATUS isdsc_mcs_call(uint8_t cmd, const char *what,
			    isdsc_mcs_fill_fn fill, const void *fill_arg,
			    isdsc_nl_reply_fn reply, void *reply_arg)
{
	return isdsc_mcs_call_ex(cmd, 0, what, fill, fill_arg, reply, reply_arg, NULL);
}

ISDSC_STATUS isdsc_mcs_call_ex(uint8_t cmd, int flags, const char *what,
			       isdsc_mcs_fill_fn fill, const void *fill_arg,
			       isdsc_nl_reply_fn reply, void *reply_arg,
			       isdsc_nl_refusal_fn refusal)
{
	struct isdsc_nl nl;
	struct nl_msg *req;
	ISDSC_STATUS status;

	status = isdsc_nl_open(&nl, ISCSI_MCS_GENL_NAME);
	if (status != ERROR_SUCCESS)
		return status;
	nl.refusal = refusal;

	req = isdsc_nl_request(&nl, cmd, flags, ISCSI_MCS_GENL_VERSION);
	if (!req) {
		isdsc_nl_close(&nl);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for a %s request", what);
	}
	if (fill) {
		status = fill(req, fill_arg);
		if (status != ERROR_SUCCESS) {
			isdsc_nl_free_request(req);
			isdsc_nl_close(&nl);
			return status;
		}
	}
	status = isdsc_nl_transact(&nl, req, what, reply, reply_arg);
	isdsc_nl_close(&nl);
	return status;
}
