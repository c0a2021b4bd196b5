// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IScsiMcsSetSessionPolicy and IScsiMcsSetConnectionPolicy: how a session
 * spreads its commands over its connections (ISCSI_MCS_CMD_SESSION_SET)
 * and one connection's part in it (ISCSI_MCS_CMD_CONN_SET). The SDK has
 * no such call: Windows sets load balancing through WMI, whose error
 * codes (ISDSC_INVALID_LOAD_BALANCE_POLICY, ISDSC_LB_POLICY_NOT_SUPPORTED)
 * these reuse.
 */
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "errmap.h"
#include "internal.h"
#include "mcs.h"
#include "policy.h"
#include "session.h"

/* The public constants are the module's. */
_Static_assert(ISDSC_MCS_POLICY_ROUND_ROBIN == ISCSI_MCS_POLICY_ROUND_ROBIN, "policy");
_Static_assert(ISDSC_MCS_POLICY_FAILOVER == ISCSI_MCS_POLICY_FAILOVER, "policy");
_Static_assert(ISDSC_MCS_POLICY_ROUND_ROBIN_SUBSET == ISCSI_MCS_POLICY_ROUND_ROBIN_SUBSET,
	       "policy");
_Static_assert(ISDSC_MCS_POLICY_LEAST_QUEUE_DEPTH == ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH,
	       "policy");
_Static_assert(ISDSC_MCS_POLICY_WEIGHTED == ISCSI_MCS_POLICY_WEIGHTED, "policy");
_Static_assert(ISDSC_MCS_POLICY_LEAST_EXPECTED_TIME == ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME,
	       "policy");
_Static_assert(ISDSC_MCS_POLICY_MAX == ISCSI_MCS_POLICY_MAX,
	       "a new policy needs an ISDSC_MCS_POLICY_ constant");
_Static_assert(ISDSC_MCS_WEIGHT_MAX == ISCSI_MCS_WEIGHT_MAX, "weight limit");

ISDSC_STATUS isdsc_session_set_check(const ISCSI_UNIQUE_SESSION_ID *sid, ULONG policy,
				     struct isdsc_policy_req *req)
{
	memset(req, 0, sizeof(*req));
	if (!sid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	/*
	 * Checked here although the module checks it too: the attribute is
	 * a u8, and a larger ULONG would otherwise wrap to a valid policy.
	 */
	if (policy > ISDSC_MCS_POLICY_MAX)
		return isdsc_fail(ISDSC_INVALID_LOAD_BALANCE_POLICY, "Policy is %u, not 0 to %d",
				  (unsigned int)policy, ISDSC_MCS_POLICY_MAX);
	isdsc_unique_to_id(sid, req->session_id);
	req->policy = (uint8_t)policy;
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_conn_set_check(const ISCSI_UNIQUE_SESSION_ID *sid,
				  const ISCSI_UNIQUE_CONNECTION_ID *cid, ULONG fields,
				  ULONG weight, BOOLEAN standby, struct isdsc_policy_req *req)
{
	memset(req, 0, sizeof(*req));
	if (!sid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	if (!cid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ConnectionId is NULL");
	if (!fields)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Fields is 0: nothing to set");
	if (fields & ~ISDSC_MCS_CONN_ALL)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Fields has unknown bits 0x%x",
				  (unsigned int)(fields & ~ISDSC_MCS_CONN_ALL));
	if ((fields & ISDSC_MCS_CONN_WEIGHT) && (weight < 1 || weight > ISDSC_MCS_WEIGHT_MAX))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Weight is %u, not 1 to %d",
				  (unsigned int)weight, ISDSC_MCS_WEIGHT_MAX);
	isdsc_unique_to_id(sid, req->session_id);
	isdsc_unique_to_id(cid, req->conn_id);
	req->have_weight = fields & ISDSC_MCS_CONN_WEIGHT;
	req->weight = weight;
	req->have_standby = fields & ISDSC_MCS_CONN_STANDBY;
	/* A BOOLEAN is true when not zero; the module takes only 0 and 1. */
	req->standby = standby != 0;
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_session_set_put(struct nl_msg *msg, const void *arg)
{
	const struct isdsc_policy_req *req = arg;

	if (nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, req->session_id) < 0 ||
	    nla_put_u8(msg, ISCSI_MCS_A_POLICY, req->policy) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building SESSION_SET");
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_conn_set_put(struct nl_msg *msg, const void *arg)
{
	const struct isdsc_policy_req *req = arg;

	if (nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, req->session_id) < 0 ||
	    nla_put(msg, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, req->conn_id) < 0 ||
	    (req->have_weight && nla_put_u32(msg, ISCSI_MCS_A_WEIGHT, req->weight) < 0) ||
	    (req->have_standby && nla_put_u8(msg, ISCSI_MCS_A_STANDBY, req->standby) < 0))
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building CONN_SET");
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsSetSessionPolicy(
	PISCSI_UNIQUE_SESSION_ID UniqueSessionId, ULONG Policy)
{
	struct isdsc_policy_req req;
	ISDSC_STATUS status;

	isdsc_error_clear();
	status = isdsc_session_set_check(UniqueSessionId, Policy, &req);
	if (status != ERROR_SUCCESS)
		return status;
	return isdsc_mcs_call_ex(ISCSI_MCS_CMD_SESSION_SET, 0, "SESSION_SET",
				 isdsc_session_set_put, &req, NULL, NULL,
				 isdsc_status_from_session_set_refusal);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsSetConnectionPolicy(
	PISCSI_UNIQUE_SESSION_ID UniqueSessionId, PISCSI_UNIQUE_CONNECTION_ID ConnectionId,
	ULONG Fields, ULONG Weight, BOOLEAN Standby)
{
	struct isdsc_policy_req req;
	ISDSC_STATUS status;

	isdsc_error_clear();
	status = isdsc_conn_set_check(UniqueSessionId, ConnectionId, Fields, Weight, Standby,
				      &req);
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_CONN_SET, 0, "CONN_SET", isdsc_conn_set_put,
				   &req, NULL, NULL, isdsc_status_from_conn_set_refusal);
	if (status == ISDSC_INVALID_CONNECTION_ID)
		status = isdsc_conn_which_unknown(req.session_id);
	return status;
}
