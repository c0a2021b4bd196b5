/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * IScsiMcsSetSessionPolicy / IScsiMcsSetConnectionPolicy: the checks and
 * the SESSION_SET and CONN_SET requests they become, apart from the call
 * so that tests can look at both without a kernel.
 */
#ifndef ISDSC_POLICY_H
#define ISDSC_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include <linux/iscsi_mcs.h>
#include <netlink/msg.h>

#include "iscsidsc.h"

struct isdsc_policy_req {
	uint8_t session_id[ISCSI_MCS_ID_LEN];
	uint8_t conn_id[ISCSI_MCS_ID_LEN];	/* CONN_SET */
	uint8_t policy;				/* SESSION_SET */
	bool have_weight, have_standby;		/* CONN_SET */
	uint32_t weight;
	uint8_t standby;
};

/*
 * IScsiMcsSetSessionPolicy's checks: UniqueSessionId NULL
 * (ERROR_INVALID_PARAMETER), Policy above ISDSC_MCS_POLICY_MAX
 * (ISDSC_INVALID_LOAD_BALANCE_POLICY). Fills req.
 */
ISDSC_STATUS isdsc_session_set_check(const ISCSI_UNIQUE_SESSION_ID *sid, ULONG policy,
				     struct isdsc_policy_req *req);

/*
 * IScsiMcsSetConnectionPolicy's checks, each ERROR_INVALID_PARAMETER:
 * UniqueSessionId NULL, ConnectionId NULL, Fields 0 or with unknown bits,
 * a selected Weight outside 1 to ISDSC_MCS_WEIGHT_MAX. Fills req.
 */
ISDSC_STATUS isdsc_conn_set_check(const ISCSI_UNIQUE_SESSION_ID *sid,
				  const ISCSI_UNIQUE_CONNECTION_ID *cid, ULONG fields,
				  ULONG weight, BOOLEAN standby, struct isdsc_policy_req *req);

/* isdsc_mcs_fill_fn for SESSION_SET and CONN_SET; arg is a checked request. */
ISDSC_STATUS isdsc_session_set_put(struct nl_msg *msg, const void *arg);
ISDSC_STATUS isdsc_conn_set_put(struct nl_msg *msg, const void *arg);

#endif /* ISDSC_POLICY_H */
