// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IScsiMcsSetSessionPolicy, IScsiMcsSetConnectionPolicy and the McsOptions
 * of IScsiMcsLoginIScsiTarget without a kernel: every argument the library
 * refuses and the code it refuses it with, the SESSION_SET, CONN_SET and
 * LOGIN requests the arguments become, and the codes the module's
 * refusals become.
 *
 * Arguments that pass every check reach the kernel, which here has no
 * iscsi_mcs family: ISDSC_SERVICE_NOT_RUNNING is what "accepted" looks like.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "errmap.h"
#include "fixture.h"
#include "iscsidsc.h"
#include "login.h"
#include "module.h"
#include "policy.h"
#include "tap.h"

#define ACCEPTED ISDSC_SERVICE_NOT_RUNNING

static bool loaded;

static ISCSI_UNIQUE_SESSION_ID a_session = { 0x0123456789abcdefull, 0xfedcba9876543210ull };
static ISCSI_UNIQUE_CONNECTION_ID a_conn = { 0x1111111111111111ull, 0x2222222222222222ull };
static const uint8_t sid_bytes[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
				       0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 };

/* s is want, with a reason in the last-error text. */
static void expect(const char *what, ISDSC_STATUS s, ISDSC_STATUS want)
{
	if (want == ACCEPTED && loaded) {
		TAP_CHECK(1, "# SKIP %s: the module is loaded", what);
		return;
	}
	TAP_CHECK(s == want && IScsiMcsLastErrorText()[0], "%s: %s (got %s: %s)", what,
		  name(want), name(s), IScsiMcsLastErrorText());
}

static void session_set_checks(void)
{
	expect("SetSessionPolicy: UniqueSessionId NULL",
	       IScsiMcsSetSessionPolicy(NULL, ISDSC_MCS_POLICY_FAILOVER), ERROR_INVALID_PARAMETER);
	expect("SetSessionPolicy: ISDSC_MCS_POLICY_MAX + 1",
	       IScsiMcsSetSessionPolicy(&a_session, ISDSC_MCS_POLICY_MAX + 1),
	       ISDSC_INVALID_LOAD_BALANCE_POLICY);
	expect("SetSessionPolicy: 256, which a u8 would wrap to round robin",
	       IScsiMcsSetSessionPolicy(&a_session, 256), ISDSC_INVALID_LOAD_BALANCE_POLICY);
	expect("SetSessionPolicy: round robin reaches the kernel",
	       IScsiMcsSetSessionPolicy(&a_session, ISDSC_MCS_POLICY_ROUND_ROBIN), ACCEPTED);
	expect("SetSessionPolicy: ISDSC_MCS_POLICY_MAX reaches the kernel",
	       IScsiMcsSetSessionPolicy(&a_session, ISDSC_MCS_POLICY_MAX), ACCEPTED);
}

static void conn_set_checks(void)
{
	expect("SetConnectionPolicy: UniqueSessionId NULL",
	       IScsiMcsSetConnectionPolicy(NULL, &a_conn, ISDSC_MCS_CONN_WEIGHT, 2, FALSE),
	       ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: ConnectionId NULL",
	       IScsiMcsSetConnectionPolicy(&a_session, NULL, ISDSC_MCS_CONN_WEIGHT, 2, FALSE),
	       ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: Fields 0",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, 0, 2, FALSE),
	       ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: Fields with an unknown bit",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, ISDSC_MCS_CONN_WEIGHT | 0x4, 2,
					   FALSE), ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: Weight 0",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, ISDSC_MCS_CONN_WEIGHT, 0, FALSE),
	       ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: Weight ISDSC_MCS_WEIGHT_MAX + 1",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, ISDSC_MCS_CONN_WEIGHT,
					   ISDSC_MCS_WEIGHT_MAX + 1, FALSE),
	       ERROR_INVALID_PARAMETER);
	expect("SetConnectionPolicy: Weight 0 not selected is not looked at",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, ISDSC_MCS_CONN_STANDBY, 0, TRUE),
	       ACCEPTED);
	expect("SetConnectionPolicy: Weight ISDSC_MCS_WEIGHT_MAX reaches the kernel",
	       IScsiMcsSetConnectionPolicy(&a_session, &a_conn, ISDSC_MCS_CONN_ALL,
					   ISDSC_MCS_WEIGHT_MAX, FALSE), ACCEPTED);
}

static void requests(void)
{
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	struct isdsc_policy_req req;
	struct nl_msg *m;
	ISDSC_STATUS s;

	s = isdsc_session_set_check(&a_session, ISDSC_MCS_POLICY_WEIGHTED, &req);
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_SESSION_SET, 1);
	if (s == ERROR_SUCCESS)
		s = isdsc_session_set_put(m, &req);
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && tb[ISCSI_MCS_A_SESSION_ID] &&
		  nla_len(tb[ISCSI_MCS_A_SESSION_ID]) == 16 &&
		  !memcmp(nla_data(tb[ISCSI_MCS_A_SESSION_ID]), sid_bytes, 16) &&
		  tb[ISCSI_MCS_A_POLICY] && nla_len(tb[ISCSI_MCS_A_POLICY]) == 1 &&
		  nla_get_u8(tb[ISCSI_MCS_A_POLICY]) == ISCSI_MCS_POLICY_WEIGHTED &&
		  !tb[ISCSI_MCS_A_CONN_ID] && !tb[ISCSI_MCS_A_WEIGHT],
		  "SESSION_SET: SESSION_ID (big-endian halves) and POLICY as a u8, nothing else");
	nlmsg_free(m);

	s = isdsc_conn_set_check(&a_session, &a_conn, ISDSC_MCS_CONN_WEIGHT, 7, FALSE, &req);
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_CONN_SET, 1);
	if (s == ERROR_SUCCESS)
		s = isdsc_conn_set_put(m, &req);
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && tb[ISCSI_MCS_A_SESSION_ID] && tb[ISCSI_MCS_A_CONN_ID] &&
		  nla_len(tb[ISCSI_MCS_A_CONN_ID]) == 16 &&
		  !memcmp(nla_data(tb[ISCSI_MCS_A_CONN_ID]), "\x11\x11\x11\x11\x11\x11\x11\x11"
			  "\x22\x22\x22\x22\x22\x22\x22\x22", 16) &&
		  tb[ISCSI_MCS_A_WEIGHT] && nla_get_u32(tb[ISCSI_MCS_A_WEIGHT]) == 7 &&
		  !tb[ISCSI_MCS_A_STANDBY] && !tb[ISCSI_MCS_A_POLICY],
		  "CONN_SET with the weight only: SESSION_ID, CONN_ID, WEIGHT; no STANDBY");
	nlmsg_free(m);

	/* Any non-zero BOOLEAN is TRUE; the module takes 0 or 1 only. */
	s = isdsc_conn_set_check(&a_session, &a_conn, ISDSC_MCS_CONN_STANDBY, 0, 0x80, &req);
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_CONN_SET, 1);
	if (s == ERROR_SUCCESS)
		s = isdsc_conn_set_put(m, &req);
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && tb[ISCSI_MCS_A_STANDBY] &&
		  nla_get_u8(tb[ISCSI_MCS_A_STANDBY]) == 1 && !tb[ISCSI_MCS_A_WEIGHT],
		  "CONN_SET with Standby 0x80: STANDBY 1, no WEIGHT");
	nlmsg_free(m);
}

/* ---- IScsiMcsLoginIScsiTarget's McsOptions ---- */

static ISDSC_STATUS mcs_login(const ISDSC_MCS_LOGIN_OPTIONS *mo, BOOLEAN persistent)
{
	ISCSI_TARGET_PORTALA portal;
	ISCSI_UNIQUE_SESSION_ID sid;
	ISCSI_UNIQUE_CONNECTION_ID cid;

	memset(&portal, 0, sizeof(portal));
	strcpy(portal.Address, "127.0.0.1");
	return IScsiMcsLoginIScsiTarget((PSTR)"iqn.2026-11.org.example:disk", FALSE, NULL,
					ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL, NULL, mo, 0,
					NULL, persistent, &sid, &cid);
}

static void login_checks(void)
{
	ISDSC_MCS_LOGIN_OPTIONS mo;

	memset(&mo, 0, sizeof(mo));
	expect("Login: McsOptions NULL reaches the kernel", mcs_login(NULL, FALSE), ACCEPTED);
	expect("Login: McsOptions with Fields 0 reaches the kernel", mcs_login(&mo, FALSE),
	       ACCEPTED);
	mo.Fields = 0x10;
	expect("Login: McsOptions->Fields unknown bit", mcs_login(&mo, FALSE),
	       ERROR_INVALID_PARAMETER);
	mo.Fields = ISDSC_MCS_LOGIN_ERROR_RECOVERY_LEVEL;
	mo.ErrorRecoveryLevel = 3;
	expect("Login: McsOptions->ErrorRecoveryLevel 3", mcs_login(&mo, FALSE),
	       ERROR_INVALID_PARAMETER);
	mo.ErrorRecoveryLevel = 2;
	expect("Login: ErrorRecoveryLevel 2 reaches the kernel", mcs_login(&mo, FALSE), ACCEPTED);
	mo.Fields = ISDSC_MCS_LOGIN_POLICY;
	mo.Policy = ISDSC_MCS_POLICY_MAX + 1;
	expect("Login: McsOptions->Policy beyond ISDSC_MCS_POLICY_MAX", mcs_login(&mo, FALSE),
	       ISDSC_INVALID_LOAD_BALANCE_POLICY);
	mo.Policy = ISDSC_MCS_POLICY_FAILOVER;
	expect("Login: a policy reaches the kernel", mcs_login(&mo, FALSE), ACCEPTED);
	expect("Login: McsOptions with IsPersistent", mcs_login(&mo, TRUE), ERROR_NOT_SUPPORTED);
}

static void login_request(void)
{
	ISDSC_MCS_LOGIN_OPTIONS mo = {
		.Fields = ISDSC_MCS_LOGIN_ALL,
		.ErrorRecoveryLevel = 2,
		.Policy = ISDSC_MCS_POLICY_LEAST_QUEUE_DEPTH,
	};
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *ltb[ISCSI_MCS_LOGIN_A_MAX + 1];
	struct isdsc_login_args a = {
		.target = "iqn.2026-11.org.example:disk",
		.port = ISCSI_ANY_INITIATOR_PORT,
		.have_portal = true,
		.address = "127.0.0.1",
		.mcs_options = &mo,
		.have_session_id = true,
		.have_connection_id = true,
	};
	struct isdsc_login_req req;
	struct nl_msg *m = nlmsg_alloc();
	ISDSC_STATUS s;

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_LOGIN, 1);
	s = isdsc_login_check(&a, &req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_prepare(&req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_put(m, &req);
	memset(ltb, 0, sizeof(ltb));
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	if (tb[ISCSI_MCS_A_LOGIN])
		nla_parse_nested(ltb, ISCSI_MCS_LOGIN_A_MAX, tb[ISCSI_MCS_A_LOGIN], NULL);
	TAP_CHECK(s == ERROR_SUCCESS && ltb[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL] &&
		  nla_get_u8(ltb[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL]) == 2,
		  "LOGIN: ErrorRecoveryLevel 2 in the LOGIN nest (%s)", name(s));
	TAP_CHECK(s == ERROR_SUCCESS && tb[ISCSI_MCS_A_POLICY] &&
		  nla_get_u8(tb[ISCSI_MCS_A_POLICY]) == ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH,
		  "LOGIN: ISCSI_MCS_A_POLICY at the top level");
	isdsc_login_req_wipe(&req);
	nlmsg_free(m);

	/* LoginIScsiTargetA's own request carries neither. */
	a.mcs_options = NULL;
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_LOGIN, 1);
	s = isdsc_login_check(&a, &req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_prepare(&req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_put(m, &req);
	memset(ltb, 0, sizeof(ltb));
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	if (tb[ISCSI_MCS_A_LOGIN])
		nla_parse_nested(ltb, ISCSI_MCS_LOGIN_A_MAX, tb[ISCSI_MCS_A_LOGIN], NULL);
	TAP_CHECK(s == ERROR_SUCCESS && !ltb[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL] &&
		  !tb[ISCSI_MCS_A_POLICY],
		  "LOGIN without McsOptions: no ERROR_RECOVERY_LEVEL, no POLICY (module defaults)");
	isdsc_login_req_wipe(&req);
	nlmsg_free(m);
}

/* ---- the module's refusals ---- */

static void refusals(void)
{
	static const struct {
		int err;
		ISDSC_STATUS want;
		const char *what;
	} ss[] = {
		{ ENOENT, ISDSC_INVALID_SESSION_ID, "ENOENT: unknown session" },
		{ ERANGE, ISDSC_INVALID_LOAD_BALANCE_POLICY, "ERANGE: a policy the module lacks" },
		{ EINVAL, ERROR_INVALID_PARAMETER, "EINVAL: an attribute missing" },
		{ EPERM, ERROR_ACCESS_DENIED, "EPERM: no CAP_NET_ADMIN" },
		{ EOPNOTSUPP, ISDSC_LB_POLICY_NOT_SUPPORTED, "EOPNOTSUPP: no SESSION_SET" },
	}, cs[] = {
		{ ENOENT, ISDSC_INVALID_CONNECTION_ID, "ENOENT (then told from the session)" },
		{ ERANGE, ERROR_INVALID_PARAMETER, "ERANGE: a weight out of range" },
		{ EINVAL, ERROR_INVALID_PARAMETER, "EINVAL: neither WEIGHT nor STANDBY" },
		{ EPERM, ERROR_ACCESS_DENIED, "EPERM: no CAP_NET_ADMIN" },
		{ EOPNOTSUPP, ISDSC_LB_POLICY_NOT_SUPPORTED, "EOPNOTSUPP: no CONN_SET" },
	};

	for (size_t i = 0; i < sizeof(ss) / sizeof(ss[0]); i++) {
		ISDSC_STATUS s = isdsc_status_from_session_set_refusal(ss[i].err, NULL, 0);

		TAP_CHECK(s == ss[i].want, "SESSION_SET %s: %s (got %s)", ss[i].what,
			  name(ss[i].want), name(s));
	}
	for (size_t i = 0; i < sizeof(cs) / sizeof(cs[0]); i++) {
		ISDSC_STATUS s = isdsc_status_from_conn_set_refusal(cs[i].err, NULL, 0);

		TAP_CHECK(s == cs[i].want, "CONN_SET %s: %s (got %s)", cs[i].what,
			  name(cs[i].want), name(s));
	}
}

int main(void)
{
	char dir[] = "/tmp/isdsc-policy-XXXXXX";
	char iname[256];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(iname, sizeof(iname), "%s/initiatorname.iscsi", dir);
	write_file(iname, "InitiatorName=iqn.2026-11.org.example:host\n");
	setenv("ISCSI_MCS_INITIATORNAME_FILE", iname, 1);
	loaded = module_loaded();

	session_set_checks();
	conn_set_checks();
	requests();
	login_checks();
	login_request();
	refusals();

	unlink(iname);
	rmdir(dir);
	return tap_done();
}
