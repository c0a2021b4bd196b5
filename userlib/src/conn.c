// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * AddIScsiConnectionA/W and RemoveIScsiConnection: one more connection of a
 * session in full feature phase (ISCSI_MCS_CMD_CONN_ADD, a non-leading
 * login), and the removal of one (ISCSI_MCS_CMD_CONN_REMOVE).
 *
 * AddIScsiConnection checks its arguments like LoginIScsiTarget (login.c)
 * and in this order: UniqueSessionId NULL, Reserved not NULL, SecurityFlags,
 * Key, LoginOptions, TargetPortal; then it looks the initiator port up,
 * resolves the portal and reads the mutual CHAP secret. Only the digests
 * and CHAP of LoginOptions apply to a connection; the session-wide
 * MaximumConnections, DefaultTime2Wait and DefaultTime2Retain are checked
 * and ignored, as Windows does: the leading login negotiated them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "errmap.h"
#include "internal.h"
#include "login.h"
#include "mcs.h"
#include "session.h"

struct conn_answer {
	bool have_ids;
	uint8_t conn_id[ISCSI_MCS_ID_LEN];
};

static ISDSC_STATUS parse_conn_add_answer(struct nl_msg *reply, void *arg)
{
	static struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_SESSION_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_A_CONN_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_A_SESSION] = { .type = NLA_NESTED },
	};
	struct conn_answer *ans = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed CONN_ADD answer: %s",
				  nl_geterror(r));
	if (!tb[ISCSI_MCS_A_CONN_ID] || nla_len(tb[ISCSI_MCS_A_CONN_ID]) != ISCSI_MCS_ID_LEN)
		return isdsc_fail(ISDSC_DRIVER_BUG, "the CONN_ADD answer lacks the 16-byte "
				  "connection id");
	memcpy(ans->conn_id, nla_data(tb[ISCSI_MCS_A_CONN_ID]), ISCSI_MCS_ID_LEN);
	ans->have_ids = true;
	return ERROR_SUCCESS;
}

static ISDSC_STATUS conn_add(const struct isdsc_login_args *a, PISCSI_UNIQUE_SESSION_ID sid,
			     PISCSI_UNIQUE_CONNECTION_ID cid)
{
	struct isdsc_login_req *req;
	struct conn_answer ans = { 0 };
	ISDSC_STATUS status;

	if (!sid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	req = calloc(1, sizeof(*req));
	if (!req)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	status = isdsc_conn_add_check(a, req);
	if (status == ERROR_SUCCESS) {
		isdsc_unique_to_id(sid, req->session_id);
		status = isdsc_login_prepare(req);
	}
	if (status == ERROR_SUCCESS)
		status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_CONN_ADD, 0, "CONN_ADD", isdsc_login_put,
					   req, parse_conn_add_answer, &ans,
					   isdsc_status_from_conn_add_refusal);
	isdsc_login_req_wipe(req);
	free(req);
	if (status != ERROR_SUCCESS)
		return status;
	if (!ans.have_ids)
		return isdsc_fail(ISDSC_DRIVER_BUG, "CONN_ADD was acknowledged without an answer");
	if (cid)
		isdsc_id_to_unique(ans.conn_id, cid);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiConnectionA(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PVOID Reserved, ULONG InitiatorPortNumber,
	PISCSI_TARGET_PORTALA TargetPortal, ISCSI_SECURITY_FLAGS SecurityFlags,
	PISCSI_LOGIN_OPTIONS Options, ULONG KeySize, PCHAR Key,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId)
{
	struct isdsc_login_args a = {
		.port = InitiatorPortNumber,
		.security_flags = SecurityFlags,
		.options = Options,
		.key_size = KeySize,
		.key = Key,
		.have_session_id = UniqueSessionId != NULL,
		.have_reserved = Reserved != NULL,
	};

	isdsc_error_clear();
	isdsc_args_set_portalA(&a, TargetPortal);
	return conn_add(&a, UniqueSessionId, ConnectionId);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiConnectionW(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PVOID Reserved, ULONG InitiatorPortNumber,
	PISCSI_TARGET_PORTALW TargetPortal, ISCSI_SECURITY_FLAGS SecurityFlags,
	PISCSI_LOGIN_OPTIONS Options, ULONG KeySize, PCHAR Key,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId)
{
	struct isdsc_login_args a = {
		.port = InitiatorPortNumber,
		.security_flags = SecurityFlags,
		.options = Options,
		.key_size = KeySize,
		.key = Key,
		.have_session_id = UniqueSessionId != NULL,
		.have_reserved = Reserved != NULL,
	};

	isdsc_error_clear();
	isdsc_args_set_portalW(&a, TargetPortal);
	return conn_add(&a, UniqueSessionId, ConnectionId);
}

/* ---- RemoveIScsiConnection ---- */

struct conn_ids {
	uint8_t session_id[ISCSI_MCS_ID_LEN];
	uint8_t conn_id[ISCSI_MCS_ID_LEN];
};

static ISDSC_STATUS put_conn_ids(struct nl_msg *req, const void *arg)
{
	const struct conn_ids *ids = arg;

	if (nla_put(req, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, ids->session_id) < 0 ||
	    nla_put(req, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, ids->conn_id) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building CONN_REMOVE");
	return ERROR_SUCCESS;
}

static ISDSC_STATUS put_session_only(struct nl_msg *req, const void *arg)
{
	const uint8_t *session_id = arg;

	if (nla_put(req, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, session_id) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building SESSION_GET");
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_conn_which_unknown(const uint8_t session_id[ISCSI_MCS_ID_LEN])
{
	struct isdsc_session_list list = { 0 };
	char text[512];
	ISDSC_STATUS status;

	snprintf(text, sizeof(text), "%s", isdsc_error_text());
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_SESSION_GET, 0, "SESSION_GET", put_session_only,
				   session_id, isdsc_session_parse, &list,
				   isdsc_status_from_session_refusal);
	isdsc_session_list_free(&list);
	if (status == ISDSC_INVALID_SESSION_ID)
		return status;
	return isdsc_fail(ISDSC_INVALID_CONNECTION_ID, "%s", text);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiConnection(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID ConnectionId)
{
	struct conn_ids ids;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!UniqueSessionId)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	if (!ConnectionId)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ConnectionId is NULL");
	isdsc_unique_to_id(UniqueSessionId, ids.session_id);
	isdsc_unique_to_id(ConnectionId, ids.conn_id);
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_CONN_REMOVE, 0, "CONN_REMOVE", put_conn_ids,
				   &ids, NULL, NULL, isdsc_status_from_conn_remove_refusal);
	if (status == ISDSC_INVALID_CONNECTION_ID)
		status = isdsc_conn_which_unknown(ids.session_id);
	return status;
}
