// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * AddIScsiConnectionA/W and RemoveIScsiConnection without a kernel: every
 * argument the library refuses and the code it refuses it with, in both
 * encodings, the CONN_ADD request the arguments become, and the codes the
 * module's refusals of CONN_ADD and CONN_REMOVE become.
 *
 * Arguments that pass every check reach the kernel, which here has no
 * iscsi_mcs family: ISDSC_SERVICE_NOT_RUNNING is what "accepted" looks like.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "errmap.h"
#include "iscsidsc.h"
#include "login.h"
#include "module.h"
#include "ports.h"
#include "secret.h"
#include "tap.h"

#define ACCEPTED ISDSC_SERVICE_NOT_RUNNING

static char dir[] = "/tmp/isdsc-conn-XXXXXX";
static char iname_file[256], secret_file[256], ports_file[256];
static bool loaded;

static const char *status_name(ISDSC_STATUS s)
{
	const char *name = IScsiMcsStatusName(s);

	return name ? name : "unknown";
}

static void write_text(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(file);
		exit(2);
	}
}

/* ---- one call, both encodings ---- */

struct call {
	bool no_session_id;
	bool reserved;
	ULONG port;
	bool no_portal;
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	bool address_unterminated;
	USHORT socket;
	ISCSI_SECURITY_FLAGS security;
	ISCSI_LOGIN_OPTIONS options;
	bool with_options;
	ULONG key_size;
	char *key;
	bool no_connection_id;
};

static char user[512], pass[64];

static struct call valid(void)
{
	struct call c;

	memset(&c, 0, sizeof(c));
	c.port = ISCSI_ANY_INITIATOR_PORT;
	strcpy(c.address, "127.0.0.1");
	c.options.Version = ISCSI_LOGIN_OPTIONS_VERSION;
	return c;
}

static struct call with_chap(ISCSI_AUTH_TYPES type, const char *name, const char *secret)
{
	struct call c = valid();

	if (name != user)
		snprintf(user, sizeof(user), "%s", name);
	snprintf(pass, sizeof(pass), "%s", secret);
	c.with_options = true;
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE |
					 ISCSI_LOGIN_OPTIONS_USERNAME | ISCSI_LOGIN_OPTIONS_PASSWORD;
	c.options.AuthType = type;
	c.options.Username = (PUCHAR)user;
	c.options.UsernameLength = (ULONG)strlen(user);
	c.options.Password = (PUCHAR)pass;
	c.options.PasswordLength = (ULONG)strlen(pass);
	return c;
}

static const ISCSI_UNIQUE_SESSION_ID untouched = { 0x5A5A5A5A5A5A5A5Aull, 0xA5A5A5A5A5A5A5A5ull };
static const ISCSI_UNIQUE_SESSION_ID a_session = { 0x0123456789abcdefull, 0xfedcba9876543210ull };

static ISDSC_STATUS call_a(const struct call *c, bool *kept)
{
	ISCSI_TARGET_PORTALA portal;
	ISCSI_UNIQUE_SESSION_ID sid = a_session;
	ISCSI_UNIQUE_CONNECTION_ID cid = untouched;
	ISCSI_LOGIN_OPTIONS options = c->options;
	int reserved = 0;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	memcpy(portal.Address, c->address, sizeof(portal.Address));
	if (c->address_unterminated)
		memset(portal.Address, 'a', sizeof(portal.Address));
	portal.Socket = c->socket;
	s = AddIScsiConnectionA(c->no_session_id ? NULL : &sid, c->reserved ? &reserved : NULL,
				c->port, c->no_portal ? NULL : &portal, c->security,
				c->with_options ? &options : NULL, c->key_size, c->key,
				c->no_connection_id ? NULL : &cid);
	*kept = !memcmp(&cid, &untouched, sizeof(cid)) && !memcmp(&sid, &a_session, sizeof(sid));
	return s;
}

static void widen(const char *s, WCHAR *out, size_t units)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < units; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

static ISDSC_STATUS call_w(const struct call *c, bool *kept)
{
	static ISCSI_TARGET_PORTALW portal;
	ISCSI_UNIQUE_SESSION_ID sid = a_session;
	ISCSI_UNIQUE_CONNECTION_ID cid = untouched;
	ISCSI_LOGIN_OPTIONS options = c->options;
	int reserved = 0;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	widen(c->address, portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
	if (c->address_unterminated)
		for (size_t i = 0; i < MAX_ISCSI_PORTAL_ADDRESS_LEN; i++)
			portal.Address[i] = 'a';
	portal.Socket = c->socket;
	s = AddIScsiConnectionW(c->no_session_id ? NULL : &sid, c->reserved ? &reserved : NULL,
				c->port, c->no_portal ? NULL : &portal, c->security,
				c->with_options ? &options : NULL, c->key_size, c->key,
				c->no_connection_id ? NULL : &cid);
	*kept = !memcmp(&cid, &untouched, sizeof(cid)) && !memcmp(&sid, &a_session, sizeof(sid));
	return s;
}

/* Both forms refuse c with want (or accept it, want == ACCEPTED), outputs untouched. */
static void expect(const char *what, const struct call *c, ISDSC_STATUS want)
{
	bool kept_a, kept_w;
	ISDSC_STATUS a, w;
	char text_a[512];

	if (want == ACCEPTED && loaded) {
		TAP_CHECK(1, "# SKIP %s: the module is loaded", what);
		return;
	}
	a = call_a(c, &kept_a);
	snprintf(text_a, sizeof(text_a), "%s", IScsiMcsLastErrorText());
	w = call_w(c, &kept_w);
	TAP_CHECK(a == want && w == want && kept_a && kept_w && text_a[0] &&
		  IScsiMcsLastErrorText()[0], "%s: %s (A: %s, W: %s: %s)", what, status_name(want),
		  status_name(a), status_name(w), text_a);
}

/* ---- the argument checks ---- */

static void argument_checks(void)
{
	struct call c;
	char long_name[300];

	c = valid();
	expect("valid arguments reach the kernel", &c, ACCEPTED);
	c.no_connection_id = true;
	expect("ConnectionId is optional: NULL reaches the kernel", &c, ACCEPTED);

	c = valid();
	c.no_session_id = true;
	expect("UniqueSessionId NULL", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.reserved = true;
	expect("Reserved not NULL", &c, ERROR_INVALID_PARAMETER);
	c.no_portal = true;
	expect("Reserved is checked before TargetPortal", &c, ERROR_INVALID_PARAMETER);

	/* SecurityFlags: as LoginIScsiTarget */
	c = valid();
	c.security = ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED;
	expect("SecurityFlags without ISCSI_SECURITY_FLAG_VALID: ignored", &c, ACCEPTED);
	c.security = ISCSI_SECURITY_FLAG_VALID;
	expect("SecurityFlags ISCSI_SECURITY_FLAG_VALID alone: no IPsec", &c, ACCEPTED);
	c.security = ISCSI_SECURITY_FLAG_VALID | 0x1000;
	expect("SecurityFlags with an unknown bit", &c, ERROR_INVALID_PARAMETER);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED |
		     ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED;
	expect("SecurityFlags tunnel and transport mode", &c, ERROR_INVALID_PARAMETER);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED |
		     ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED;
	expect("SecurityFlags main and aggressive mode", &c, ERROR_INVALID_PARAMETER);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED;
	expect("SecurityFlags aggressive mode", &c, ERROR_NOT_SUPPORTED);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED;
	expect("SecurityFlags asks for IPsec", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);

	/* Key */
	c = valid();
	c.key = "presharedkey";
	c.key_size = 12;
	expect("an IPsec preshared Key", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	c.key_size = 0;
	expect("a Key with KeySize 0", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	c.key = NULL;
	c.key_size = 5;
	expect("KeySize without a Key", &c, ERROR_INVALID_PARAMETER);

	/* LoginOptions */
	c = valid();
	c.with_options = true;
	expect("LoginOptions with nothing specified", &c, ACCEPTED);
	c.options.Version = 1;
	expect("LoginOptions->Version wrong", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.with_options = true;
	c.options.InformationSpecified = 0x100;
	expect("LoginOptions->InformationSpecified unknown bit", &c, ERROR_INVALID_PARAMETER);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_HEADER_DIGEST;
	c.options.HeaderDigest = (ISCSI_DIGEST_TYPES)2;
	expect("LoginOptions->HeaderDigest not a digest type", &c, ERROR_INVALID_PARAMETER);
	c.options.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	expect("LoginOptions->HeaderDigest CRC32C", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DATA_DIGEST;
	c.options.DataDigest = (ISCSI_DIGEST_TYPES)7;
	expect("LoginOptions->DataDigest not a digest type", &c, ERROR_INVALID_PARAMETER);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	c.options.MaximumConnections = 0;
	expect("LoginOptions->MaximumConnections 0: out of range as for a login", &c,
	       ERROR_INVALID_PARAMETER);
	c.options.MaximumConnections = 4;
	expect("LoginOptions->MaximumConnections 4: session-wide, ignored", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT;
	c.options.DefaultTime2Wait = 3601;
	expect("LoginOptions->DefaultTime2Wait 3601", &c, ERROR_INVALID_PARAMETER);
	c.options.DefaultTime2Wait = 2;
	expect("LoginOptions->DefaultTime2Wait 2: session-wide, ignored", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
	c.options.DefaultTime2Retain = 4000;
	expect("LoginOptions->DefaultTime2Retain 4000", &c, ERROR_INVALID_PARAMETER);
	c.options.DefaultTime2Retain = 20;
	expect("LoginOptions->DefaultTime2Retain 20: session-wide, ignored", &c, ACCEPTED);
	c.options.InformationSpecified = 0;
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_REQUIRE_IPSEC;
	expect("ISCSI_LOGIN_FLAG_REQUIRE_IPSEC", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_RESERVED1;
	expect("ISCSI_LOGIN_FLAG_RESERVED1", &c, ERROR_INVALID_PARAMETER);
	c.options.LoginFlags = 0x100;
	expect("LoginFlags unknown bit", &c, ERROR_INVALID_PARAMETER);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE;
	expect("RADIUS", &c, ERROR_NOT_SUPPORTED);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED;
	expect("ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED: meaningless here, ignored", &c, ACCEPTED);
	c.options.LoginFlags = 0;
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
	c.options.AuthType = (ISCSI_AUTH_TYPES)9;
	expect("LoginOptions->AuthType unknown", &c, ISDSC_INVALID_LOGON_AUTH_TYPE);

	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "chapuser", "secretsecret12");
	expect("one-way CHAP for the new connection", &c, ACCEPTED);
	c = with_chap(ISCSI_NO_AUTH_TYPE, "chapuser", "secretsecret12");
	expect("a Username with ISCSI_NO_AUTH_TYPE", &c, ERROR_INVALID_PARAMETER);
	memset(long_name, 'u', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, long_name, "secretsecret12");
	expect("a CHAP name of 299 bytes", &c, ISDSC_INVALID_CHAP_USER_NAME);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "chapuser", "short");
	expect("a CHAP secret of 5 bytes", &c, ISDSC_INVALID_TARGET_CHAP_SECRET);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "chapuser", "secretsecret12");
	c.options.Username = NULL;
	expect("Username NULL with a length", &c, ERROR_INVALID_PARAMETER);

	/* TargetPortal */
	c = valid();
	c.no_portal = true;
	expect("TargetPortal NULL", &c, ISDSC_NO_PORTAL_SPECIFIED);
	c = valid();
	c.address[0] = '\0';
	expect("TargetPortal->Address empty", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.address_unterminated = true;
	expect("TargetPortal->Address not terminated", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	strcpy(c.address, "::1");
	c.socket = 3270;
	expect("an IPv6 portal with a port", &c, ACCEPTED);
	c = valid();
	strcpy(c.address, "localhost");
	expect("a host name", &c, ACCEPTED);
	c = valid();
	strcpy(c.address, "nosuchhost.invalid");
	expect("a host name that does not resolve", &c, ISDSC_DNS_NAME_UNRESOLVED);

	/* InitiatorPortNumber: no InitiatorInstance here, the port file alone */
	write_text(ports_file, "1 127.0.0.1\n2 nosuchif0\n3 lo\n");
	c = valid();
	c.port = 1;
	expect("InitiatorPortNumber 1 (127.0.0.1), no instance needed", &c, ACCEPTED);
	c.port = 3;
	expect("InitiatorPortNumber 3 (interface lo)", &c, ACCEPTED);
	c.port = 7;
	expect("InitiatorPortNumber 7, not in the file", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 2;
	expect("InitiatorPortNumber 2, no such interface", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 1;
	strcpy(c.address, "::1");
	expect("an IPv4 initiator port to an IPv6 portal", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 1;
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED;
	strcpy(c.address, "127.0.0.1");
	c.port = 7;
	expect("SecurityFlags are checked before the port file", &c,
	       ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	unlink(ports_file);

	/* mutual CHAP needs the initiator secret */
	c = with_chap(ISCSI_MUTUAL_CHAP_AUTH_TYPE, "chapuser", "secretsecret12");
	expect("mutual CHAP without an initiator secret", &c, ISDSC_TARGET_AUTHINFO_UNAVAILABLE);
	SetIScsiInitiatorCHAPSharedSecret(14, (PUCHAR)"secretsecret12");
	expect("mutual CHAP with the same secret both ways", &c,
	       ISDSC_INVALID_INITIATOR_CHAP_SECRET);
	SetIScsiInitiatorCHAPSharedSecret(15, (PUCHAR)"targetsecret123");
	expect("mutual CHAP with two secrets", &c, ACCEPTED);
	SetIScsiInitiatorCHAPSharedSecret(0, NULL);
}

static void wide_checks(void)
{
	ISCSI_TARGET_PORTALW portal;
	ISCSI_UNIQUE_SESSION_ID sid = a_session;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	portal.Address[0] = '1';
	portal.Address[1] = 0xD800;	/* an unpaired surrogate */
	s = AddIScsiConnectionW(&sid, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL, 0, NULL,
				NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: TargetPortal->Address with an unpaired "
		  "surrogate: %s", status_name(s));
	for (int i = 0; i < 255; i++)
		portal.Address[i] = 0x00E9;	/* 2 bytes each in UTF-8 */
	portal.Address[255] = 0;
	s = AddIScsiConnectionW(&sid, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL, 0, NULL,
				NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: an address of 255 characters but 510 bytes: "
		  "%s", status_name(s));
}

/* ---- the request ---- */

static struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *ltb[ISCSI_MCS_LOGIN_A_MAX + 1];

static ISDSC_STATUS build(const struct call *c, struct isdsc_login_req *req, struct nl_msg **m)
{
	ISCSI_LOGIN_OPTIONS options = c->options;
	struct isdsc_login_args a = {
		.port = c->port,
		.have_portal = !c->no_portal,
		.address = c->address,
		.socket = c->socket,
		.security_flags = c->security,
		.options = c->with_options ? &options : NULL,
		.have_session_id = true,
	};
	ISDSC_STATUS s;

	*m = NULL;
	s = isdsc_conn_add_check(&a, req);
	if (s != ERROR_SUCCESS)
		return s;
	isdsc_unique_to_id(&a_session, req->session_id);
	s = isdsc_login_prepare(req);
	if (s != ERROR_SUCCESS)
		return s;
	*m = nlmsg_alloc();
	genlmsg_put(*m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_CONN_ADD, 1);
	s = isdsc_login_put(*m, req);
	if (s != ERROR_SUCCESS)
		return s;
	genlmsg_parse(nlmsg_hdr(*m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	memset(ltb, 0, sizeof(ltb));
	if (tb[ISCSI_MCS_A_LOGIN])
		nla_parse_nested(ltb, ISCSI_MCS_LOGIN_A_MAX, tb[ISCSI_MCS_A_LOGIN], NULL);
	return ERROR_SUCCESS;
}

static bool addr_is(struct nlattr *nest, int type, const void *addr, int port)
{
	struct nlattr *at[ISCSI_MCS_ADDR_A_MAX + 1];
	int len = type == ISCSI_MCS_ADDR_A_IPV4 ? 4 : 16;

	if (!nest || nla_parse_nested(at, ISCSI_MCS_ADDR_A_MAX, nest, NULL) < 0)
		return false;
	if (!at[type] || nla_len(at[type]) != len || memcmp(nla_data(at[type]), addr, len))
		return false;
	if (port < 0)
		return !at[ISCSI_MCS_ADDR_A_PORT];
	return at[ISCSI_MCS_ADDR_A_PORT] && nla_get_u16(at[ISCSI_MCS_ADDR_A_PORT]) == port;
}

static void requests(void)
{
	static const uint8_t sid_bytes[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
					       0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10 };
	struct isdsc_login_req req;
	struct nl_msg *m;
	struct call c;
	ISDSC_STATUS s;

	c = valid();
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS, "a plain CONN_ADD request builds (%s)",
		  IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		goto out;
	TAP_CHECK(tb[ISCSI_MCS_A_SESSION_ID] && nla_len(tb[ISCSI_MCS_A_SESSION_ID]) == 16 &&
		  !memcmp(nla_data(tb[ISCSI_MCS_A_SESSION_ID]), sid_bytes, 16),
		  "ISCSI_MCS_A_SESSION_ID: AdapterUnique then AdapterSpecific, big-endian");
	TAP_CHECK(!tb[ISCSI_MCS_A_TARGET_NAME] && !tb[ISCSI_MCS_A_INITIATOR_NAME] &&
		  !tb[ISCSI_MCS_A_ISID] && !tb[ISCSI_MCS_A_LOCAL] && !tb[ISCSI_MCS_A_LOGIN],
		  "no target or initiator name, ISID, LOCAL or LOGIN nest");
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_PORTAL], ISCSI_MCS_ADDR_A_IPV4, "\x7f\0\0\x01", 3260),
		  "ISCSI_MCS_A_PORTAL: 127.0.0.1, Socket 0 is port 3260");
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);

	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "chapuser", "secretsecret12");
	c.options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |
		ISCSI_LOGIN_OPTIONS_DATA_DIGEST | ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS |
		ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT | ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
	c.options.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	c.options.DataDigest = ISCSI_DIGEST_TYPE_NONE;
	c.options.MaximumConnections = 4;
	c.options.DefaultTime2Wait = 1;
	c.options.DefaultTime2Retain = 30;
	c.port = 1;
	c.socket = 3270;
	strcpy(c.address, "::1");
	write_text(ports_file, "1 ::1\n");
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS, "a CONN_ADD request with every option builds (%s)",
		  IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		goto out;
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_PORTAL], ISCSI_MCS_ADDR_A_IPV6,
			  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 3270), "portal [::1]:3270");
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_LOCAL], ISCSI_MCS_ADDR_A_IPV6,
			  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", -1),
		  "initiator port 1 is ISCSI_MCS_A_LOCAL ::1, without a port");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_HEADER_DIGEST] &&
		  nla_get_u8(ltb[ISCSI_MCS_LOGIN_A_HEADER_DIGEST]) == ISCSI_MCS_DIGEST_CRC32C &&
		  ltb[ISCSI_MCS_LOGIN_A_DATA_DIGEST] &&
		  nla_get_u8(ltb[ISCSI_MCS_LOGIN_A_DATA_DIGEST]) == ISCSI_MCS_DIGEST_NONE,
		  "the connection's digests");
	TAP_CHECK(!ltb[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS] &&
		  !ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT] &&
		  !ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN],
		  "MaximumConnections, DefaultTime2Wait, DefaultTime2Retain are session keys: "
		  "not sent");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME] &&
		  !strcmp(nla_get_string(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME]), "chapuser") &&
		  ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET] &&
		  nla_len(ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]) == 14 &&
		  !memcmp(nla_data(ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]), "secretsecret12", 14) &&
		  !ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME],
		  "Username and Password are the new connection's CHAP_NAME and CHAP_SECRET");
	TAP_CHECK(!tb[ISCSI_MCS_A_INITIATOR_NAME], "still no initiator name");
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);
	unlink(ports_file);

	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "", "secretsecret12");
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS && ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME] &&
		  !strcmp(nla_get_string(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME]),
			  "iqn.2026-11.org.example:host"),
		  "no Username: the CHAP name is the initiator node name (%s)",
		  IScsiMcsLastErrorText());
out:
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);
}

/* ---- the module's refusals ---- */

static void refusals(void)
{
	static const struct {
		int err;
		const char *cookie;
		size_t len;
		ISDSC_STATUS want;
		const char *what;
	} add[] = {
		{ ENOENT, NULL, 0, ISDSC_INVALID_SESSION_ID, "ENOENT: unknown session" },
		{ ENOTCONN, NULL, 0, ISDSC_SESSION_BUSY, "ENOTCONN: not in full feature phase" },
		{ EUSERS, NULL, 0, ISDSC_TOO_MANY_CONNECTIONS, "EUSERS: MaxConnections reached" },
		{ EUSERS, "\x02\x06", 2, ISDSC_TOO_MANY_CONNECTIONS, "EUSERS, status 0x0206" },
		{ EBUSY, "\x02\x08", 2, ISDSC_CANT_INCLUDE_IN_SESSION, "EBUSY, status 0x0208" },
		{ EBUSY, NULL, 0, ISDSC_CANT_INCLUDE_IN_SESSION, "EBUSY without a status" },
		{ ESRCH, "\x02\x0a", 2, ISDSC_INVALID_SESSION_ID, "ESRCH, status 0x020a" },
		{ ESRCH, NULL, 0, ISDSC_INVALID_SESSION_ID, "ESRCH without a status" },
		{ EXDEV, NULL, 0, ISDSC_CANT_INCLUDE_IN_SESSION, "EXDEV: another portal group" },
		{ ETIMEDOUT, NULL, 0, ISDSC_CONNECTION_FAILED, "ETIMEDOUT" },
		{ ECONNREFUSED, NULL, 0, ISDSC_CONNECTION_FAILED, "ECONNREFUSED" },
		{ EHOSTUNREACH, NULL, 0, ISDSC_CONNECTION_FAILED, "EHOSTUNREACH" },
		{ EPERM, NULL, 0, ERROR_ACCESS_DENIED, "EPERM" },
		{ EACCES, "\x02\x01", 2, ISDSC_AUTHENTICATION_FAILURE, "EACCES, status 0x0201" },
		{ EACCES, NULL, 0, ISDSC_AUTHENTICATION_FAILURE, "EACCES: mutual CHAP failed" },
		{ EINVAL, NULL, 0, ERROR_INVALID_PARAMETER, "EINVAL" },
	};
	static const struct {
		int err;
		ISDSC_STATUS want;
		const char *what;
	} rm[] = {
		{ ENOENT, ISDSC_INVALID_CONNECTION_ID, "ENOENT (then told apart from the session)" },
		{ EBUSY, ISDSC_CANT_REMOVE_LAST_CONNECTION, "EBUSY: the last connection" },
		{ ETIMEDOUT, ERROR_TIMEOUT, "ETIMEDOUT: its commands did not finish" },
		{ EPERM, ERROR_ACCESS_DENIED, "EPERM" },
	};

	for (size_t i = 0; i < sizeof(add) / sizeof(add[0]); i++) {
		ISDSC_STATUS s = isdsc_status_from_conn_add_refusal(add[i].err,
			(const uint8_t *)add[i].cookie, add[i].len);

		TAP_CHECK(s == add[i].want, "CONN_ADD %s: %s (got %s)", add[i].what,
			  status_name(add[i].want), status_name(s));
	}
	for (size_t i = 0; i < sizeof(rm) / sizeof(rm[0]); i++) {
		ISDSC_STATUS s = isdsc_status_from_conn_remove_refusal(rm[i].err, NULL, 0);

		TAP_CHECK(s == rm[i].want, "CONN_REMOVE %s: %s (got %s)", rm[i].what,
			  status_name(rm[i].want), status_name(s));
	}
}

static void remove_checks(void)
{
	ISCSI_UNIQUE_SESSION_ID sid = a_session, cid = untouched;
	ISDSC_STATUS s;

	s = RemoveIScsiConnection(NULL, &cid);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && IScsiMcsLastErrorText()[0],
		  "RemoveIScsiConnection: UniqueSessionId NULL: %s", status_name(s));
	s = RemoveIScsiConnection(&sid, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && IScsiMcsLastErrorText()[0],
		  "RemoveIScsiConnection: ConnectionId NULL: %s", status_name(s));
	if (loaded) {
		TAP_CHECK(1, "# SKIP RemoveIScsiConnection reaches the kernel: the module is loaded");
		return;
	}
	s = RemoveIScsiConnection(&sid, &cid);
	TAP_CHECK(s == ACCEPTED, "RemoveIScsiConnection: valid ids reach the kernel: %s",
		  status_name(s));
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(iname_file, sizeof(iname_file), "%s/initiatorname.iscsi", dir);
	snprintf(secret_file, sizeof(secret_file), "%s/mutual-secret", dir);
	snprintf(ports_file, sizeof(ports_file), "%s/ports.conf", dir);
	setenv(ISDSC_SECRET_PATH_ENV, secret_file, 1);
	setenv(ISDSC_PORTS_PATH_ENV, ports_file, 1);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", iname_file, 1);
	write_text(iname_file, "InitiatorName=iqn.2026-11.org.example:host\n");
	loaded = module_loaded();

	argument_checks();
	wide_checks();
	requests();
	refusals();
	remove_checks();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
