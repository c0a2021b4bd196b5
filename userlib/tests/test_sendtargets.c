// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Send-target portals without a kernel: the argument checks of
 * AddIScsiSendTargetPortalA/W and the codes they give, the DISCOVER request
 * the arguments become, the parsing of a DISCOVER answer, the portal file
 * (format, parse errors, mode), RemoveIScsiSendTargetPortalA/W and
 * RefreshIScsiSendTargetPortalA/W on it, and the buffers of
 * ReportIScsiSendTargetPortals(Ex)A/W and ReportIScsiTargetsA/W.
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

#include "iscsidsc.h"
#include "login.h"
#include "module.h"
#include "ports.h"
#include "secret.h"
#include "sendtargets.h"
#include "stportals.h"
#include "tap.h"

#define ACCEPTED ISDSC_SERVICE_NOT_RUNNING

static char dir[] = "/tmp/isdsc-st-XXXXXX";
static char iname_file[256], ports_file[256], st_file[256];
static bool loaded;

static const char *name(ISDSC_STATUS s)
{
	const char *n = IScsiMcsStatusName(s);

	return n ? n : "unknown";
}

static void write_text(const char *file, const char *text)
{
	FILE *f = fopen(file, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(file);
		exit(2);
	}
}

static char *read_text(const char *file)
{
	static char buf[8192];
	FILE *f = fopen(file, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void widen(const char *s, WCHAR *out, size_t units)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < units; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

static bool wide_is(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (unsigned char)s[i])
			return false;
	return w[i] == 0;
}

static ISCSI_TARGET_PORTALA portal_a(const char *address, USHORT socket)
{
	ISCSI_TARGET_PORTALA p;

	memset(&p, 0, sizeof(p));
	snprintf(p.Address, sizeof(p.Address), "%s", address);
	p.Socket = socket;
	return p;
}

static ISCSI_TARGET_PORTALW portal_w(const char *address, USHORT socket)
{
	ISCSI_TARGET_PORTALW p;

	memset(&p, 0, sizeof(p));
	widen(address, p.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
	p.Socket = socket;
	return p;
}

static ISCSI_LOGIN_OPTIONS chap(const char *user, const char *secret)
{
	ISCSI_LOGIN_OPTIONS o;

	memset(&o, 0, sizeof(o));
	o.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE | ISCSI_LOGIN_OPTIONS_USERNAME |
				 ISCSI_LOGIN_OPTIONS_PASSWORD;
	o.AuthType = ISCSI_CHAP_AUTH_TYPE;
	o.Username = (PUCHAR)user;
	o.UsernameLength = (ULONG)strlen(user);
	o.Password = (PUCHAR)secret;
	o.PasswordLength = (ULONG)strlen(secret);
	return o;
}

/* ---- AddIScsiSendTargetPortalA/W ---- */

static void add_checks(void)
{
	ISCSI_TARGET_PORTALA pa = portal_a("127.0.0.1", 0);
	ISCSI_TARGET_PORTALW pw = portal_w("127.0.0.1", 0);
	ISCSI_LOGIN_OPTIONS o;
	WCHAR instance[16];
	ISDSC_STATUS s;

	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "Portal"),
		  "A: Portal NULL: ERROR_INVALID_PARAMETER (%s)", name(s));
	s = AddIScsiSendTargetPortalW(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: Portal NULL: ERROR_INVALID_PARAMETER");
	s = AddIScsiSendTargetPortalA(NULL, 3, NULL, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "InitiatorInstance"),
		  "InitiatorPortNumber 3 without InitiatorInstance: ERROR_INVALID_PARAMETER");
	s = AddIScsiSendTargetPortalA("iscsi_mcs", 3, NULL, 0, &pa);
	TAP_CHECK(s == ISDSC_INVALID_PORT_NUMBER, "initiator port 3, not in the port file: "
		  "ISDSC_INVALID_PORT_NUMBER (%s)", name(s));
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL,
				      ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED,
				      &pa);
	TAP_CHECK(s == ISDSC_IPSEC_NOT_SUPPORTED_ON_OS, "IPsec SecurityFlags: "
		  "ISDSC_IPSEC_NOT_SUPPORTED_ON_OS (%s)", name(s));
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL,
				      ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED |
				      ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "tunnel and transport mode: ERROR_INVALID_PARAMETER");
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL,
				      ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED, &pa);
	TAP_CHECK(s == ACCEPTED || (loaded && s != ISDSC_IPSEC_NOT_SUPPORTED_ON_OS),
		  "SecurityFlags without ISCSI_SECURITY_FLAG_VALID mean the defaults (%s)", name(s));

	memset(&o, 0, sizeof(o));
	o.Version = 1;
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &o, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "LoginOptions->Version 1: ERROR_INVALID_PARAMETER");
	memset(&o, 0, sizeof(o));
	o.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
	o.AuthType = (ISCSI_AUTH_TYPES)7;
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &o, 0, &pa);
	TAP_CHECK(s == ISDSC_INVALID_LOGON_AUTH_TYPE, "AuthType 7: ISDSC_INVALID_LOGON_AUTH_TYPE");
	o = chap("user", "short");
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &o, 0, &pa);
	TAP_CHECK(s == ISDSC_INVALID_TARGET_CHAP_SECRET, "a 5-byte CHAP secret: "
		  "ISDSC_INVALID_TARGET_CHAP_SECRET (%s)", name(s));
	memset(&o, 0, sizeof(o));
	o.InformationSpecified = ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	o.MaximumConnections = 0;
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &o, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "MaximumConnections 0 is checked as for a login");
	o.MaximumConnections = 4;
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &o, 0, &pa);
	TAP_CHECK(s == ACCEPTED || loaded, "MaximumConnections 4 passes, to be ignored (%s)", name(s));

	pa = portal_a("", 0);
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "Address"),
		  "an empty Address: ERROR_INVALID_PARAMETER");
	memset(pa.Address, 'a', sizeof(pa.Address));
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "an Address without its NUL: ERROR_INVALID_PARAMETER");
	pa = portal_a("127.0.0.1", 0);
	memset(pa.SymbolicName, 's', sizeof(pa.SymbolicName));
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pa);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "SymbolicName"),
		  "a SymbolicName without its NUL: ERROR_INVALID_PARAMETER");
	pw.Address[3] = 0xD800;		/* an unpaired surrogate */
	s = AddIScsiSendTargetPortalW(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pw);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: an Address that is not UTF-16: "
		  "ERROR_INVALID_PARAMETER");
	pw = portal_w("127.0.0.1", 0);
	widen("iscsi_mcs", instance, 16);
	s = AddIScsiSendTargetPortalW(instance, 9, NULL, 0, &pw);
	TAP_CHECK(s == ISDSC_INVALID_PORT_NUMBER, "W: initiator port 9 of instance iscsi_mcs: "
		  "ISDSC_INVALID_PORT_NUMBER");

	pa = portal_a("127.0.0.1", 3999);
	s = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pa);
	if (!loaded)
		TAP_CHECK(s == ACCEPTED && strstr(IScsiMcsLastErrorText(), "not loaded"),
			  "A: valid arguments reach the kernel (%s)", name(s));
	s = AddIScsiSendTargetPortalW(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &pw);
	if (!loaded)
		TAP_CHECK(s == ACCEPTED, "W: valid arguments reach the kernel (%s)", name(s));
	TAP_CHECK(access(st_file, F_OK) < 0, "a failed discovery records no portal");
}

/* ---- the DISCOVER request ---- */

static void request(void)
{
	ISCSI_TARGET_PORTALA pa = portal_a("127.0.0.2", 3261);
	ISCSI_LOGIN_OPTIONS o = chap("discuser", "discsecret1234");
	struct isdsc_login_args a = { .port = ISCSI_ANY_INITIATOR_PORT, .options = &o };
	struct isdsc_login_req req;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *lo[ISCSI_MCS_LOGIN_A_MAX + 1];
	struct nl_msg *m;
	ISDSC_STATUS s;

	o.InformationSpecified |= ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |
				  ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS |
				  ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT;
	o.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	o.MaximumConnections = 4;
	o.DefaultTime2Wait = 2;
	isdsc_args_set_portalA(&a, &pa);
	s = isdsc_send_target_check(&a, &req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_prepare(&req);
	TAP_CHECK(s == ERROR_SUCCESS && req.discover, "the DISCOVER request is prepared (%s: %s)",
		  name(s), IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		return;
	m = nlmsg_alloc();
	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_DISCOVER, 1);
	s = isdsc_login_put(m, &req);
	TAP_CHECK(s == ERROR_SUCCESS && genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL) == 0,
		  "isdsc_login_put builds DISCOVER");
	TAP_CHECK(tb[ISCSI_MCS_A_PORTAL] && !tb[ISCSI_MCS_A_TARGET_NAME] && !tb[ISCSI_MCS_A_SESSION_ID],
		  "DISCOVER: a portal, no target name, no session id");
	TAP_CHECK(tb[ISCSI_MCS_A_INITIATOR_NAME] &&
		  !strcmp(nla_get_string(tb[ISCSI_MCS_A_INITIATOR_NAME]), "iqn.2026-11.org.example:host"),
		  "DISCOVER: the initiator name of the file");
	TAP_CHECK(tb[ISCSI_MCS_A_LOGIN] &&
		  nla_parse_nested(lo, ISCSI_MCS_LOGIN_A_MAX, tb[ISCSI_MCS_A_LOGIN], NULL) == 0 &&
		  lo[ISCSI_MCS_LOGIN_A_HEADER_DIGEST] && lo[ISCSI_MCS_LOGIN_A_CHAP_NAME] &&
		  lo[ISCSI_MCS_LOGIN_A_CHAP_SECRET],
		  "DISCOVER: the header digest and discovery CHAP");
	TAP_CHECK(tb[ISCSI_MCS_A_LOGIN] && !lo[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS] &&
		  !lo[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT],
		  "DISCOVER: no session keys (MaximumConnections, Time2Wait ignored)");
	TAP_CHECK(req.tcp_port == 3261 && !strcmp(req.address, "127.0.0.2"), "DISCOVER: 127.0.0.2:3261");
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);

	pa = portal_a("127.0.0.1", 0);
	isdsc_args_set_portalA(&a, &pa);
	a.options = NULL;
	s = isdsc_send_target_check(&a, &req);
	TAP_CHECK(s == ERROR_SUCCESS && req.tcp_port == 3260, "Socket 0 is port 3260");
}

/* ---- a DISCOVER answer ---- */

static struct nl_msg *answer(const char *const *names, size_t n, bool with_targets)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *targets, *t;

	genlmsg_put(m, NL_AUTO_PORT, NL_AUTO_SEQ, 1, 0, 0, ISCSI_MCS_CMD_DISCOVER, 1);
	if (!with_targets)
		return m;
	if (!n) {
		/* libnl drops an empty nest at nla_nest_end(); the kernel sends one. */
		nla_put(m, ISCSI_MCS_A_TARGETS | NLA_F_NESTED, 0, NULL);
		return m;
	}
	targets = nla_nest_start(m, ISCSI_MCS_A_TARGETS | NLA_F_NESTED);
	for (size_t i = 0; i < n; i++) {
		t = nla_nest_start(m, ISCSI_MCS_A_TARGET | NLA_F_NESTED);
		if (names[i])
			nla_put_string(m, ISCSI_MCS_TARGET_A_NAME, names[i]);
		nla_put_string(m, ISCSI_MCS_TARGET_A_ALIAS, "alias");
		nla_nest_end(m, t);
	}
	nla_nest_end(m, targets);
	return m;
}

static void parse_answer(void)
{
	static const char *const three[] = { "iqn.x:b", "iqn.x:a", "iqn.x:b" };
	static const char *const unnamed[] = { "iqn.x:a", NULL };
	struct isdsc_names names = { 0 };
	struct nl_msg *m;
	ISDSC_STATUS s;

	m = answer(three, 3, true);
	s = isdsc_discover_parse(m, &names);
	TAP_CHECK(s == ERROR_SUCCESS && names.n == 2 && !strcmp(names.names[0], "iqn.x:b") &&
		  !strcmp(names.names[1], "iqn.x:a"),
		  "a DISCOVER answer: its names in order, the duplicate dropped");
	nlmsg_free(m);
	isdsc_names_free(&names);
	m = answer(NULL, 0, true);
	s = isdsc_discover_parse(m, &names);
	TAP_CHECK(s == ERROR_SUCCESS && names.n == 0, "an empty ISCSI_MCS_A_TARGETS: no target");
	nlmsg_free(m);
	m = answer(NULL, 0, false);
	s = isdsc_discover_parse(m, &names);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "no ISCSI_MCS_A_TARGETS: ISDSC_DRIVER_BUG");
	nlmsg_free(m);
	m = answer(unnamed, 2, true);
	s = isdsc_discover_parse(m, &names);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "a target without a name: ISDSC_DRIVER_BUG");
	nlmsg_free(m);
	isdsc_names_free(&names);
}

/* ---- the file ---- */

static void store(void)
{
	struct isdsc_st_list list = { 0 }, back;
	struct isdsc_st_portal p;
	static const char names[][ISCSI_MCS_NAME_MAX] = { "iqn.x:t1", "iqn.x:t2", "iqn.x:t1" };
	struct stat st;
	char *text;
	ISDSC_STATUS s;

	memset(&p, 0, sizeof(p));
	strcpy(p.address, "host name#1%");
	p.socket = 3261;
	strcpy(p.symbolic, "");
	strcpy(p.instance, "iscsi_mcs");
	p.port = 1;
	p.security_flags = 0x41;
	p.have_options = true;
	p.info = ISCSI_LOGIN_OPTIONS_AUTH_TYPE | ISCSI_LOGIN_OPTIONS_USERNAME |
		 ISCSI_LOGIN_OPTIONS_PASSWORD;
	p.auth = ISCSI_CHAP_AUTH_TYPE;
	memcpy(p.user, "us er", 5);
	p.user_len = 5;
	memcpy(p.secret, "se\0cret\n1234", 12);
	p.secret_len = 12;
	TAP_CHECK(isdsc_st_append(&list, &p) &&
		  isdsc_st_set_targets(&list.p[0], names, 3) && list.p[0].n_targets == 2,
		  "a portal and its targets, the duplicate dropped");
	memset(&p, 0, sizeof(p));
	strcpy(p.address, "192.0.2.1");
	p.socket = 3260;
	strcpy(p.symbolic, "second portal");
	p.port = ISCSI_ANY_INITIATOR_PORT;
	TAP_CHECK(isdsc_st_append(&list, &p), "a second portal without options");
	text = isdsc_st_format(&list);
	TAP_CHECK(text && strstr(text, "address=host%20name%231%25 ") &&
		  strstr(text, "secret=se%00cret%0A1234") && strstr(text, "symbolic=second%20portal"),
		  "format: values are percent-encoded");
	s = text ? isdsc_st_parse(text, "test", &back) : ERROR_GEN_FAILURE;
	TAP_CHECK(s == ERROR_SUCCESS && back.n == 2, "parse(format(list)) has both portals (%s)",
		  name(s));
	if (s == ERROR_SUCCESS && back.n == 2) {
		TAP_CHECK(!strcmp(back.p[0].address, "host name#1%") && back.p[0].socket == 3261 &&
			  !strcmp(back.p[0].instance, "iscsi_mcs") && back.p[0].port == 1 &&
			  back.p[0].security_flags == 0x41, "round trip: address, socket, initiator");
		TAP_CHECK(back.p[0].have_options && back.p[0].auth == ISCSI_CHAP_AUTH_TYPE &&
			  back.p[0].user_len == 5 && !memcmp(back.p[0].user, "us er", 5) &&
			  back.p[0].secret_len == 12 && !memcmp(back.p[0].secret, "se\0cret\n1234", 12),
			  "round trip: the options, CHAP name and binary secret");
		TAP_CHECK(back.p[0].n_targets == 2 && !strcmp(back.p[0].targets[1], "iqn.x:t2") &&
			  back.p[1].n_targets == 0 && !back.p[1].have_options &&
			  !strcmp(back.p[1].symbolic, "second portal"),
			  "round trip: the targets belong to their portal");
		isdsc_st_free(&back);
	}
	free(text);

	s = isdsc_st_save(&list, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && stat(st_file, &st) == 0 && (st.st_mode & 0777) == 0600,
		  "the file is written with mode 0600 (it holds CHAP secrets)");
	s = isdsc_st_load(&back, NULL, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && back.n == 2 && isdsc_st_find(&back, "HOST NAME#1%", 3261) == 0 &&
		  isdsc_st_find(&back, "192.0.2.1", 0) == 1 && isdsc_st_find(&back, "192.0.2.1", 3261) < 0,
		  "load, and find by address (any case) and socket (0 is 3260)");
	isdsc_st_free(&back);
	isdsc_st_free(&list);

	s = isdsc_st_parse("portal address=a\nbogus x\n", "f", &back);
	TAP_CHECK(s == ERROR_INVALID_DATA && strstr(IScsiMcsLastErrorText(), "f line 2"),
		  "an unknown line: ERROR_INVALID_DATA naming it (%s)", IScsiMcsLastErrorText());
	s = isdsc_st_parse("# comment\ntarget iqn.x:t\n", "f", &back);
	TAP_CHECK(s == ERROR_INVALID_DATA, "a target before any portal: ERROR_INVALID_DATA");
	s = isdsc_st_parse("portal address=a socket=65536\n", "f", &back);
	TAP_CHECK(s == ERROR_INVALID_DATA, "socket 65536: ERROR_INVALID_DATA");
	s = isdsc_st_parse("portal address=a secret=%4\n", "f", &back);
	TAP_CHECK(s == ERROR_INVALID_DATA, "a truncated %%XX: ERROR_INVALID_DATA");
	s = isdsc_st_parse("portal socket=3260\n", "f", &back);
	TAP_CHECK(s == ERROR_INVALID_DATA, "a portal without address: ERROR_INVALID_DATA");
	s = isdsc_st_parse("\n  # nothing\nportal address=a future=1\n", "f", &back);
	TAP_CHECK(s == ERROR_SUCCESS && back.n == 1 && back.p[0].socket == 3260 &&
		  back.p[0].port == ISCSI_ANY_INITIATOR_PORT,
		  "unknown keys are ignored; socket and port default to 3260 and any");
	isdsc_st_free(&back);
}

/* ---- Remove, Refresh and the reports, on a file ---- */

static const char *const two_portals =
	"portal address=127.0.0.1 socket=3260 symbolic=first instance= port=4294967295 security=0x0\n"
	"target iqn.2026-11.org.x:a\n"
	"target iqn.2026-11.org.x:b\n"
	"portal address=192.0.2.7 socket=3270 symbolic= instance=iscsi_mcs port=1 security=0x1 "
	"info=0xe1 flags=0x0 auth=1 hd=1 dd=0 maxconn=0 t2w=0 t2r=0 user=disc secret=discsecret1234\n"
	"target iqn.2026-11.org.x:b\n"
	"target iqn.2026-11.org.x:c\n";

static void reports(void)
{
	ISCSI_TARGET_PORTAL_INFOA info_a[2];
	ISCSI_TARGET_PORTAL_INFOW info_w[2];
	ULONG count, size;
	ISDSC_STATUS s;
	void *buf;

	write_text(st_file, two_portals);
	count = 0;
	s = ReportIScsiSendTargetPortalsA(&count, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 2,
		  "ReportIScsiSendTargetPortalsA, count 0: ERROR_INSUFFICIENT_BUFFER, 2 needed");
	s = ReportIScsiSendTargetPortalsA(NULL, info_a);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "PortalCount NULL: ERROR_INVALID_PARAMETER");
	count = 1;
	s = ReportIScsiSendTargetPortalsW(&count, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "PortalInfo NULL, count 1: ERROR_INVALID_PARAMETER");
	count = 2;
	s = ReportIScsiSendTargetPortalsA(&count, info_a);
	TAP_CHECK(s == ERROR_SUCCESS && count == 2 && !strcmp(info_a[0].Address, "127.0.0.1") &&
		  info_a[0].Socket == 3260 && !strcmp(info_a[0].SymbolicName, "first") &&
		  info_a[0].InitiatorPortNumber == ISCSI_ANY_INITIATOR_PORT &&
		  !strcmp(info_a[1].InitiatorName, "iscsi_mcs") && info_a[1].InitiatorPortNumber == 1 &&
		  info_a[1].Socket == 3270, "ReportIScsiSendTargetPortalsA: both portals");
	count = 5;
	s = ReportIScsiSendTargetPortalsW(&count, info_w);
	TAP_CHECK(s == ERROR_SUCCESS && count == 2 && wide_is(info_w[1].Address, "192.0.2.7") &&
		  wide_is(info_w[0].SymbolicName, "first") && wide_is(info_w[1].InitiatorName, "iscsi_mcs"),
		  "ReportIScsiSendTargetPortalsW: both portals in UTF-16, count 2");

	count = 0;
	size = 0;
	s = ReportIScsiSendTargetPortalsExA(&count, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 2 &&
		  size == 2 * sizeof(ISCSI_TARGET_PORTAL_INFO_EXA) + 4,
		  "ReportIScsiSendTargetPortalsExA, size 0: the bytes needed (%u)", (unsigned int)size);
	buf = malloc(size);
	s = ReportIScsiSendTargetPortalsExA(&count, &size, buf);
	if (s == ERROR_SUCCESS) {
		ISCSI_TARGET_PORTAL_INFO_EXA *e = buf;

		TAP_CHECK(e[1].SecurityFlags == 1 && e[1].LoginOptions.AuthType == ISCSI_CHAP_AUTH_TYPE &&
			  e[1].LoginOptions.HeaderDigest == ISCSI_DIGEST_TYPE_CRC32C &&
			  e[1].LoginOptions.UsernameLength == 4 &&
			  e[1].LoginOptions.Username == (PUCHAR)(e + 2) &&
			  !memcmp(e[1].LoginOptions.Username, "disc", 4),
			  "ReportIScsiSendTargetPortalsExA: options, the name after the array");
		TAP_CHECK(!e[1].LoginOptions.Password && !e[1].LoginOptions.PasswordLength &&
			  !(e[1].LoginOptions.InformationSpecified & ISCSI_LOGIN_OPTIONS_PASSWORD),
			  "ReportIScsiSendTargetPortalsExA: never the secret");
		TAP_CHECK(e[0].LoginOptions.InformationSpecified == 0 && !e[0].LoginOptions.Username,
			  "a portal added without LoginOptions reports none");
	} else {
		TAP_CHECK(0, "ReportIScsiSendTargetPortalsExA: %s", name(s));
	}
	free(buf);
	size = 0;
	s = ReportIScsiSendTargetPortalsExW(&count, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 2 * sizeof(ISCSI_TARGET_PORTAL_INFO_EXW) + 4,
		  "ReportIScsiSendTargetPortalsExW: the bytes needed");
	s = ReportIScsiSendTargetPortalsExW(&count, NULL, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "PortalInfoSize NULL: ERROR_INVALID_PARAMETER");

	/* ReportIScsiTargets from the file: a, b, c (b reported by both portals) */
	{
		static const char want[] = "iqn.2026-11.org.x:a\0iqn.2026-11.org.x:b\0"
					   "iqn.2026-11.org.x:c\0";
		char a[128];
		WCHAR w[128];

		size = 0;
		s = ReportIScsiTargetsA(FALSE, &size, NULL);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(want),
			  "ReportIScsiTargetsA, size 0: ERROR_INSUFFICIENT_BUFFER, %zu characters (%u)",
			  sizeof(want), (unsigned int)size);
		size = sizeof(want) - 1;
		s = ReportIScsiTargetsA(FALSE, &size, a);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(want),
			  "one character short: ERROR_INSUFFICIENT_BUFFER");
		size = sizeof(a);
		memset(a, 'x', sizeof(a));
		s = ReportIScsiTargetsA(FALSE, &size, a);
		TAP_CHECK(s == ERROR_SUCCESS && size == sizeof(want) && !memcmp(a, want, sizeof(want)),
			  "ReportIScsiTargetsA: each name once, double-NUL terminated");
		size = 0;
		s = ReportIScsiTargetsW(FALSE, &size, NULL);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(want),
			  "ReportIScsiTargetsW: the size in WCHARs (%u)", (unsigned int)size);
		size = 128;
		s = ReportIScsiTargetsW(FALSE, &size, w);
		TAP_CHECK(s == ERROR_SUCCESS && wide_is(w, "iqn.2026-11.org.x:a") &&
			  wide_is(w + 20, "iqn.2026-11.org.x:b") && wide_is(w + 40, "iqn.2026-11.org.x:c") &&
			  w[60] == 0, "ReportIScsiTargetsW: the names in UTF-16");
		s = ReportIScsiTargetsA(FALSE, NULL, a);
		TAP_CHECK(s == ERROR_INVALID_PARAMETER, "BufferSize NULL: ERROR_INVALID_PARAMETER");
		size = 4;
		s = ReportIScsiTargetsA(FALSE, &size, NULL);
		TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Buffer NULL, size 4: ERROR_INVALID_PARAMETER");
		if (!loaded) {
			size = sizeof(a);
			s = ReportIScsiTargetsA(TRUE, &size, a);
			TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING, "ForceUpdate discovers again at each "
				  "portal: ISDSC_SERVICE_NOT_RUNNING without the module (%s)", name(s));
		}
	}

	/* Refresh and Remove */
	{
		ISCSI_TARGET_PORTALA pa = portal_a("192.0.2.99", 0);
		ISCSI_TARGET_PORTALW pw = portal_w("192.0.2.7", 3270);
		WCHAR other[16];
		char a[8];

		s = RefreshIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "RefreshIScsiSendTargetPortalA of an unknown "
			  "portal: ISDSC_PORTAL_NOT_FOUND (%s)", name(s));
		pa = portal_a("127.0.0.1", 0);
		s = RefreshIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		if (!loaded)
			TAP_CHECK(s == ACCEPTED, "RefreshIScsiSendTargetPortalA of a recorded portal "
				  "discovers (%s)", name(s));
		s = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL);
		TAP_CHECK(s == ERROR_INVALID_PARAMETER, "RemoveIScsiSendTargetPortalA, Portal NULL: "
			  "ERROR_INVALID_PARAMETER");
		pa = portal_a("192.0.2.99", 0);
		s = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "RemoveIScsiSendTargetPortalA of an unknown "
			  "portal: ISDSC_PORTAL_NOT_FOUND");
		pa = portal_a("127.0.0.1", 3270);
		s = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "the right address on another port: "
			  "ISDSC_PORTAL_NOT_FOUND");
		pa = portal_a("127.0.0.1", 0);
		s = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		TAP_CHECK(s == ERROR_SUCCESS, "RemoveIScsiSendTargetPortalA of 127.0.0.1 (Socket 0: "
			  "3260) (%s: %s)", name(s), IScsiMcsLastErrorText());
		TAP_CHECK(read_text(st_file) && !strstr(read_text(st_file), "127.0.0.1") &&
			  !strstr(read_text(st_file), "org.x:a") &&
			  strstr(read_text(st_file), "secret=discsecret1234"),
			  "the file lost the portal and its targets, and kept the other's secret");
		s = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &pa);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "removing it again: ISDSC_PORTAL_NOT_FOUND");
		count = 2;
		s = ReportIScsiSendTargetPortalsA(&count, info_a);
		TAP_CHECK(s == ERROR_SUCCESS && count == 1 && !strcmp(info_a[0].Address, "192.0.2.7"),
			  "one portal left");
		size = sizeof(a);
		s = ReportIScsiTargetsA(FALSE, &size, (PCHAR)a);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 2 * 20 + 1,
			  "its targets, b and c, are left (%u characters)", (unsigned int)size);
		widen("other", other, 16);
		s = RemoveIScsiSendTargetPortalW(other, 1, &pw);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "RemoveIScsiSendTargetPortalW naming another "
			  "initiator: ISDSC_PORTAL_NOT_FOUND");
		widen("iscsi_mcs", other, 16);
		s = RemoveIScsiSendTargetPortalW(other, 2, &pw);
		TAP_CHECK(s == ISDSC_PORTAL_NOT_FOUND, "... naming another initiator port: "
			  "ISDSC_PORTAL_NOT_FOUND");
		s = RemoveIScsiSendTargetPortalW(other, 1, &pw);
		TAP_CHECK(s == ERROR_SUCCESS, "RemoveIScsiSendTargetPortalW with its initiator and port");
		count = 0;
		s = ReportIScsiSendTargetPortalsW(&count, NULL);
		TAP_CHECK(s == ERROR_SUCCESS && count == 0, "no portal left: success, count 0");
		size = 0;
		s = ReportIScsiTargetsA(FALSE, &size, NULL);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 1,
			  "no target left: one character, the final NUL");
		size = 1;
		a[0] = 'x';
		s = ReportIScsiTargetsA(FALSE, &size, a);
		TAP_CHECK(s == ERROR_SUCCESS && a[0] == '\0', "an empty list is a single NUL");
		if (!loaded) {
			size = sizeof(a);
			s = ReportIScsiTargetsA(TRUE, &size, a);
			TAP_CHECK(s == ERROR_SUCCESS && size == 1, "ForceUpdate with no portal: "
				  "nothing to discover, success");
		}
	}

	write_text(st_file, "portal address=127.0.0.1\nnonsense\n");
	count = 0;
	s = ReportIScsiSendTargetPortalsA(&count, NULL);
	TAP_CHECK(s == ERROR_INVALID_DATA && strstr(IScsiMcsLastErrorText(), "line 2"),
		  "a damaged file: ERROR_INVALID_DATA naming the line");
	unlink(st_file);
	count = 3;
	s = ReportIScsiSendTargetPortalsA(&count, info_a);
	TAP_CHECK(s == ERROR_SUCCESS && count == 0, "no file: no portal");
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
	snprintf(ports_file, sizeof(ports_file), "%s/ports.conf", dir);
	snprintf(st_file, sizeof(st_file), "%s/etc/send-targets.conf", dir);
	setenv(ISDSC_PORTS_PATH_ENV, ports_file, 1);
	setenv(ISDSC_ST_PATH_ENV, st_file, 1);
	setenv(ISDSC_SECRET_PATH_ENV, "/nonexistent/secret", 1);
	setenv("ISCSI_MCS_INITIATORNAME_FILE", iname_file, 1);
	write_text(iname_file, "InitiatorName=iqn.2026-11.org.example:host\n");
	write_text(ports_file, "1 127.0.0.1\n");
	loaded = module_loaded();

	add_checks();
	request();
	parse_answer();
	store();
	reports();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
