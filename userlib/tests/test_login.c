// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * LoginIScsiTargetA/W without a kernel: every argument the library refuses
 * and the code it refuses it with, in both encodings; the initiator port
 * map, the portal's resolution, the mutual CHAP secret and its file
 * (SetIScsiInitiatorCHAPSharedSecret); and the LOGIN request the arguments
 * become, attribute by attribute.
 *
 * Arguments that pass every check reach the kernel, which here has no
 * iscsi_mcs family: ISDSC_SERVICE_NOT_RUNNING is what "accepted" looks like.
 */
#include <arpa/inet.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
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
#include "tap.h"

#define ACCEPTED ISDSC_SERVICE_NOT_RUNNING

static char dir[] = "/tmp/isdsc-login-XXXXXX";
static char iname_file[256], secret_file[256], ports_file[256];
static bool loaded;

static const char *status_name(ISDSC_STATUS s)
{
	const char *name = IScsiMcsStatusName(s);

	return name ? name : "unknown";
}

static void write_file(const char *file, const void *data, size_t len, mode_t mode)
{
	FILE *f;

	unlink(file);
	f = fopen(file, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0 || chmod(file, mode) < 0) {
		perror(file);
		exit(2);
	}
}

static void write_text(const char *file, const char *text)
{
	write_file(file, text, strlen(text), 0644);
}

/* ---- one call, both encodings ---- */

struct call {
	const char *target;
	BOOLEAN informational;
	const char *instance;
	ULONG port;
	bool no_portal;
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	bool address_unterminated;
	USHORT socket;
	ISCSI_SECURITY_FLAGS security;
	bool mappings;
	ISCSI_LOGIN_OPTIONS options;
	bool with_options;
	ULONG key_size;
	char *key;
	BOOLEAN persistent;
	bool no_session_id, no_connection_id;
};

static char user[512], pass[64];

static struct call valid(void)
{
	struct call c;

	memset(&c, 0, sizeof(c));
	c.target = "iqn.2026-11.org.example:disk";
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

static ISDSC_STATUS call_a(const struct call *c, bool *outputs_kept)
{
	ISCSI_TARGET_PORTALA portal;
	ISCSI_TARGET_MAPPINGA mapping;
	ISCSI_UNIQUE_SESSION_ID sid = untouched, cid = untouched;
	ISCSI_LOGIN_OPTIONS options = c->options;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	memset(&mapping, 0, sizeof(mapping));
	memcpy(portal.Address, c->address, sizeof(portal.Address));
	if (c->address_unterminated)
		memset(portal.Address, 'a', sizeof(portal.Address));
	portal.Socket = c->socket;
	s = LoginIScsiTargetA((PSTR)c->target, c->informational, (PSTR)c->instance, c->port,
			      c->no_portal ? NULL : &portal, c->security,
			      c->mappings ? &mapping : NULL, c->with_options ? &options : NULL,
			      c->key_size, c->key, c->persistent,
			      c->no_session_id ? NULL : &sid, c->no_connection_id ? NULL : &cid);
	*outputs_kept = !memcmp(&sid, &untouched, sizeof(sid)) &&
			!memcmp(&cid, &untouched, sizeof(cid));
	return s;
}

static void widen(const char *s, WCHAR *out, size_t units)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < units; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

static ISDSC_STATUS call_w(const struct call *c, bool *outputs_kept)
{
	static ISCSI_TARGET_PORTALW portal;
	static WCHAR target[1024], instance[1024];
	ISCSI_TARGET_MAPPINGW mapping;
	ISCSI_UNIQUE_SESSION_ID sid = untouched, cid = untouched;
	ISCSI_LOGIN_OPTIONS options = c->options;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	memset(&mapping, 0, sizeof(mapping));
	widen(c->address, portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
	if (c->address_unterminated)
		for (size_t i = 0; i < MAX_ISCSI_PORTAL_ADDRESS_LEN; i++)
			portal.Address[i] = 'a';
	portal.Socket = c->socket;
	if (c->target)
		widen(c->target, target, 1024);
	if (c->instance)
		widen(c->instance, instance, 1024);
	s = LoginIScsiTargetW(c->target ? target : NULL, c->informational,
			      c->instance ? instance : NULL, c->port,
			      c->no_portal ? NULL : &portal, c->security,
			      c->mappings ? &mapping : NULL, c->with_options ? &options : NULL,
			      c->key_size, c->key, c->persistent,
			      c->no_session_id ? NULL : &sid, c->no_connection_id ? NULL : &cid);
	*outputs_kept = !memcmp(&sid, &untouched, sizeof(sid)) &&
			!memcmp(&cid, &untouched, sizeof(cid));
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

	c = valid();
	c.no_session_id = true;
	expect("UniqueSessionId NULL", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.no_connection_id = true;
	expect("UniqueConnectionId NULL", &c, ERROR_INVALID_PARAMETER);

	c = valid();
	c.target = NULL;
	expect("TargetName NULL", &c, ERROR_INVALID_PARAMETER);
	c.target = "";
	expect("TargetName empty", &c, ISDSC_INVALID_ISCSI_NAME);
	c.target = "iqn.2026-11.org.Example:disk";
	expect("TargetName with upper case", &c, ISDSC_INVALID_ISCSI_NAME);
	c.target = "target1";
	expect("TargetName without iqn./eui./naa.", &c, ISDSC_INVALID_ISCSI_NAME);
	memset(long_name, 'a', sizeof(long_name));
	memcpy(long_name, "iqn.2026-11.org.example:", 24);
	long_name[224] = '\0';
	c.target = long_name;
	expect("TargetName of 224 bytes", &c, ISDSC_INVALID_ISCSI_NAME);
	long_name[223] = '\0';
	expect("TargetName of 223 bytes is fine", &c, ACCEPTED);

	c = valid();
	c.informational = TRUE;
	expect("IsInformationalSession TRUE", &c, ERROR_NOT_SUPPORTED);
	/* IsPersistent TRUE saves a node record: test_persist.c, in a temporary root. */
	c = valid();
	c.persistent = TRUE;
	c.informational = TRUE;
	expect("IsPersistent TRUE is checked like a login", &c, ERROR_NOT_SUPPORTED);

	c = valid();
	c.port = 0;
	expect("InitiatorPortNumber 0 without an InitiatorInstance", &c, ERROR_INVALID_PARAMETER);
	c.instance = "";
	expect("InitiatorPortNumber 0 with an empty InitiatorInstance", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.instance = "ROOT\\ISCSIPRT\\0000_0";
	expect("any InitiatorInstance, ISCSI_ANY_INITIATOR_PORT", &c, ACCEPTED);
	memset(long_name, 'h', sizeof(long_name));
	long_name[256] = '\0';
	c.instance = long_name;
	expect("InitiatorInstance of 256 characters", &c, ERROR_INVALID_PARAMETER);
	long_name[255] = '\0';
	expect("InitiatorInstance of 255 characters is fine", &c, ACCEPTED);

	c = valid();
	c.mappings = true;
	expect("Mappings given", &c, ERROR_NOT_SUPPORTED);

	c = valid();
	c.security = ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED | ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED;
	expect("SecurityFlags without ISCSI_SECURITY_FLAG_VALID: ignored, defaults", &c, ACCEPTED);
	c.security = ISCSI_SECURITY_FLAG_VALID;
	expect("SecurityFlags VALID alone: no IPsec", &c, ACCEPTED);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED |
		     ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED | ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED;
	expect("SecurityFlags tunnel and transport mode", &c, ERROR_INVALID_PARAMETER);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED |
		     ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED;
	expect("SecurityFlags main and aggressive mode", &c, ERROR_INVALID_PARAMETER);
	c.security = ISCSI_SECURITY_FLAG_VALID | ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED |
		     ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED;
	expect("SecurityFlags aggressive mode", &c, ERROR_NOT_SUPPORTED);
	c.security = ISCSI_SECURITY_FLAG_VALID | 0x80;
	expect("SecurityFlags with an unknown bit", &c, ERROR_INVALID_PARAMETER);
	static const ISCSI_SECURITY_FLAGS ipsec[] = {
		ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED, ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED,
		ISCSI_SECURITY_FLAG_PFS_ENABLED, ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED,
		ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED,
		ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED | ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED |
		ISCSI_SECURITY_FLAG_PFS_ENABLED | ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED,
	};
	for (size_t i = 0; i < sizeof(ipsec) / sizeof(ipsec[0]); i++) {
		char what[80];

		c.security = ISCSI_SECURITY_FLAG_VALID | ipsec[i];
		snprintf(what, sizeof(what), "SecurityFlags 0x%llx (IPsec)",
			 (unsigned long long)c.security);
		expect(what, &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	}

	c = valid();
	c.key_size = 8;
	expect("KeySize 8, Key NULL", &c, ERROR_INVALID_PARAMETER);
	c.key = "presharedkey";
	c.key_size = 12;
	expect("a preshared Key", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	c.key_size = 0;
	expect("a preshared Key with KeySize 0", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);

	c = valid();
	c.no_portal = true;
	expect("TargetPortal NULL (no discovery)", &c, ISDSC_NO_PORTAL_SPECIFIED);
	c = valid();
	c.address[0] = '\0';
	expect("TargetPortal->Address empty", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.address_unterminated = true;
	expect("TargetPortal->Address without its NUL", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	strcpy(c.address, "[::1]");
	c.socket = 3261;
	expect("TargetPortal [::1]:3261", &c, ACCEPTED);
	strcpy(c.address, "localhost");
	expect("TargetPortal localhost (a host name)", &c, ACCEPTED);
}

static void option_checks(void)
{
	struct call c;

	c = valid();
	c.with_options = true;
	expect("LoginOptions that specify nothing", &c, ACCEPTED);
	c.options.Version = 1;
	expect("LoginOptions->Version 1", &c, ERROR_INVALID_PARAMETER);
	c = valid();
	c.with_options = true;
	c.options.InformationSpecified = 0x100;
	expect("InformationSpecified with an unknown bit", &c, ERROR_INVALID_PARAMETER);

	c = valid();
	c.with_options = true;
	c.options.HeaderDigest = 7;
	c.options.DataDigest = 9;
	c.options.MaximumConnections = 0;
	c.options.DefaultTime2Wait = 99999;
	c.options.AuthType = 42;
	expect("members whose InformationSpecified bit is clear do not count", &c, ACCEPTED);

	c.options.LoginFlags = ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED;
	expect("ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED", &c, ACCEPTED);
	c.options.LoginFlags = 0x40;
	expect("LoginFlags with an unknown bit", &c, ERROR_INVALID_PARAMETER);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_RESERVED1;
	expect("ISCSI_LOGIN_FLAG_RESERVED1", &c, ERROR_INVALID_PARAMETER);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_REQUIRE_IPSEC;
	expect("ISCSI_LOGIN_FLAG_REQUIRE_IPSEC", &c, ISDSC_IPSEC_NOT_SUPPORTED_ON_OS);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE;
	expect("ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE", &c, ERROR_NOT_SUPPORTED);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_USE_RADIUS_VERIFICATION;
	expect("ISCSI_LOGIN_FLAG_USE_RADIUS_VERIFICATION", &c, ERROR_NOT_SUPPORTED);
	c.options.LoginFlags = ISCSI_LOGIN_FLAG_ALLOW_PORTAL_HOPPING;
	expect("ISCSI_LOGIN_FLAG_ALLOW_PORTAL_HOPPING", &c, ERROR_NOT_SUPPORTED);
	c.options.LoginFlags = 0;

	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_HEADER_DIGEST;
	expect("HeaderDigest 7", &c, ERROR_INVALID_PARAMETER);
	c.options.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	expect("HeaderDigest CRC32C", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DATA_DIGEST;
	expect("DataDigest 9", &c, ERROR_INVALID_PARAMETER);
	c.options.DataDigest = ISCSI_DIGEST_TYPE_NONE;
	expect("DataDigest NONE", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	expect("MaximumConnections 0", &c, ERROR_INVALID_PARAMETER);
	c.options.MaximumConnections = 65536;
	expect("MaximumConnections 65536", &c, ERROR_INVALID_PARAMETER);
	c.options.MaximumConnections = 65535;
	expect("MaximumConnections 65535 (the module judges its own limit)", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT;
	expect("DefaultTime2Wait 99999", &c, ERROR_INVALID_PARAMETER);
	c.options.DefaultTime2Wait = 3600;
	expect("DefaultTime2Wait 3600", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
	c.options.DefaultTime2Retain = 3601;
	expect("DefaultTime2Retain 3601", &c, ERROR_INVALID_PARAMETER);
	c.options.DefaultTime2Retain = 0;
	expect("DefaultTime2Retain 0", &c, ACCEPTED);
	c.options.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
	expect("AuthType 42", &c, ISDSC_INVALID_LOGON_AUTH_TYPE);
	c.options.AuthType = ISCSI_NO_AUTH_TYPE;
	expect("AuthType ISCSI_NO_AUTH_TYPE", &c, ACCEPTED);

	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secretsecret12");
	expect("CHAP with a name and a 14-byte secret", &c, ACCEPTED);
	c.options.InformationSpecified &= ~(ISCSI_LOGIN_OPTIONS_USERNAME);
	expect("CHAP without a name (the node name is used)", &c, ACCEPTED);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secretsecret12");
	c.options.InformationSpecified &= ~(ISCSI_LOGIN_OPTIONS_PASSWORD);
	expect("CHAP without a secret", &c, ISDSC_TARGET_AUTHINFO_UNAVAILABLE);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "");
	expect("CHAP with an empty secret", &c, ISDSC_TARGET_AUTHINFO_UNAVAILABLE);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secret12345");
	expect("CHAP secret of 11 bytes", &c, ISDSC_INVALID_TARGET_CHAP_SECRET);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secret12345678901");
	expect("CHAP secret of 17 bytes", &c, ISDSC_INVALID_TARGET_CHAP_SECRET);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secret1234567890");
	expect("CHAP secret of 16 bytes", &c, ACCEPTED);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secretsecret12");
	c.options.Password = NULL;
	expect("Password NULL with a length", &c, ERROR_INVALID_PARAMETER);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "user", "secretsecret12");
	c.options.Username = NULL;
	expect("Username NULL with a length", &c, ERROR_INVALID_PARAMETER);
	memset(user, 'u', 256);
	user[256] = '\0';
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, user, "secretsecret12");
	expect("CHAP name of 256 bytes", &c, ISDSC_INVALID_CHAP_USER_NAME);
	user[255] = '\0';
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, user, "secretsecret12");
	expect("CHAP name of 255 bytes", &c, ACCEPTED);
	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "us\ner", "secretsecret12");
	expect("CHAP name with a control character", &c, ISDSC_INVALID_CHAP_USER_NAME);
	c = with_chap(ISCSI_NO_AUTH_TYPE, "user", "secretsecret12");
	expect("credentials with ISCSI_NO_AUTH_TYPE", &c, ERROR_INVALID_PARAMETER);
	c.options.InformationSpecified &= ~ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
	expect("credentials without ISCSI_LOGIN_OPTIONS_AUTH_TYPE (no authentication)", &c,
	       ERROR_INVALID_PARAMETER);
	c.options.InformationSpecified = 0;
	expect("credentials whose bits are clear do not count", &c, ACCEPTED);
}

/* W strings that cannot be UTF-8, and W lengths. */
static void wide_checks(void)
{
	static WCHAR target[300], address[MAX_ISCSI_PORTAL_ADDRESS_LEN], instance[300];
	ISCSI_TARGET_PORTALW portal;
	ISCSI_UNIQUE_SESSION_ID sid, cid;
	ISDSC_STATUS s;

	memset(&portal, 0, sizeof(portal));
	widen("127.0.0.1", portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
	widen("iqn.2026-11.org.example:disk", target, 300);
	target[5] = 0xD800;	/* an unpaired surrogate */
	s = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL,
			      NULL, 0, NULL, FALSE, &sid, &cid);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME, "W: TargetName with an unpaired surrogate: "
		  "ISDSC_INVALID_ISCSI_NAME (%s)", status_name(s));
	for (int i = 0; i < 299; i++)
		target[i] = 'a';
	target[299] = 0;
	s = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL,
			      NULL, 0, NULL, FALSE, &sid, &cid);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME, "W: TargetName of 299 characters: "
		  "ISDSC_INVALID_ISCSI_NAME");

	widen("iqn.2026-11.org.example:disk", target, 300);
	widen("instance", instance, 300);
	instance[3] = 0xDC00;
	s = LoginIScsiTargetW(target, FALSE, instance, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL,
			      NULL, 0, NULL, FALSE, &sid, &cid);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: InitiatorInstance with an unpaired surrogate: "
		  "ERROR_INVALID_PARAMETER (%s)", status_name(s));

	widen("127.0.0.1", address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
	portal.Address[2] = 0xD801;
	s = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL,
			      NULL, 0, NULL, FALSE, &sid, &cid);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: TargetPortal->Address with an unpaired "
		  "surrogate: ERROR_INVALID_PARAMETER (%s)", status_name(s));
	for (int i = 0; i < MAX_ISCSI_PORTAL_ADDRESS_LEN - 1; i++)
		portal.Address[i] = 0x00E9;	/* é: 2 bytes of UTF-8 each */
	portal.Address[MAX_ISCSI_PORTAL_ADDRESS_LEN - 1] = 0;
	s = LoginIScsiTargetW(target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &portal, 0, NULL,
			      NULL, 0, NULL, FALSE, &sid, &cid);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "W: an address of 255 characters but 510 bytes "
		  "of UTF-8: ERROR_INVALID_PARAMETER (%s)", status_name(s));
}

/* ---- the environment: ports, resolution, secrets, node name ---- */

static void port_map(void)
{
	struct isdsc_port p;
	ISDSC_STATUS s;
	struct call c;

	unlink(ports_file);
	s = isdsc_port_lookup(0, &p);
	TAP_CHECK(s == ISDSC_INVALID_PORT_NUMBER && strstr(IScsiMcsLastErrorText(), ports_file),
		  "no port map: ISDSC_INVALID_PORT_NUMBER naming the file");

	write_text(ports_file, "# ports\n\n 0\tlo   # loopback\n1 192.0.2.10\r\n"
		   "2 2001:db8::10\n3 nosuchif0\n0 127.0.0.1\n4294967294 10.9.8.7\n");
	s = isdsc_port_lookup(0, &p);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp(p.ifname, "lo") && p.ifindex > 0 &&
		  p.addr.family == 0, "port 0: interface lo, the first line for 0 wins (%s)",
		  IScsiMcsLastErrorText());
	s = isdsc_port_lookup(1, &p);
	TAP_CHECK(s == ERROR_SUCCESS && p.addr.family == AF_INET && !p.ifname[0] &&
		  !memcmp(p.addr.addr, "\xc0\x00\x02\x0a", 4), "port 1: 192.0.2.10 (CRLF line)");
	s = isdsc_port_lookup(2, &p);
	TAP_CHECK(s == ERROR_SUCCESS && p.addr.family == AF_INET6 && p.addr.addr[15] == 0x10,
		  "port 2: 2001:db8::10");
	s = isdsc_port_lookup(3, &p);
	TAP_CHECK(s == ISDSC_INVALID_PORT_NUMBER && strstr(IScsiMcsLastErrorText(), "nosuchif0"),
		  "port 3: an interface that does not exist: ISDSC_INVALID_PORT_NUMBER");
	s = isdsc_port_lookup(4294967294u, &p);
	TAP_CHECK(s == ERROR_SUCCESS && p.addr.family == AF_INET, "port 4294967294, the largest");
	s = isdsc_port_lookup(5, &p);
	TAP_CHECK(s == ISDSC_INVALID_PORT_NUMBER, "port 5, not listed: ISDSC_INVALID_PORT_NUMBER");

	static const char *const bad[] = {
		"0\n", "x lo\n", "0 lo extra\n", "-1 lo\n", "4294967295 lo\n", "0x1 lo\n",
		"1 lo\n2 averyveryverylonginterfacename\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		write_text(ports_file, bad[i]);
		s = isdsc_port_lookup(1, &p);
		TAP_CHECK(s == ERROR_INVALID_DATA && strstr(IScsiMcsLastErrorText(), "line"),
			  "a malformed port map is refused whole (%zu): ERROR_INVALID_DATA: %s", i,
			  IScsiMcsLastErrorText());
	}

	write_text(ports_file, "0 lo\n1 127.0.0.1\n2 ::1\n3 nosuchif0\n");
	c = valid();
	c.instance = "iscsi_mcs";
	c.port = 0;
	expect("initiator port 0 (lo)", &c, ACCEPTED);
	c.port = 1;
	expect("initiator port 1 (127.0.0.1)", &c, ACCEPTED);
	strcpy(c.address, "localhost");
	expect("initiator port 1 and portal localhost: resolved to IPv4", &c, ACCEPTED);
	strcpy(c.address, "127.0.0.1");
	c.port = 2;
	expect("initiator port 2 (::1) and an IPv4 portal", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 3;
	expect("initiator port 3 (no such interface)", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 9;
	expect("initiator port 9 (not listed)", &c, ISDSC_INVALID_PORT_NUMBER);
	c.port = 1;
	c.instance = NULL;
	expect("initiator port 1 without an InitiatorInstance", &c, ERROR_INVALID_PARAMETER);
	write_text(ports_file, "1 127.0.0.1\nbroken\n");
	c.instance = "iscsi_mcs";
	expect("a broken port map", &c, ERROR_INVALID_DATA);
}

static void resolution(void)
{
	struct isdsc_login_req req;
	char a[INET6_ADDRSTRLEN];

	memset(&req, 0, sizeof(req));
	strcpy(req.address, "192.0.2.1");
	req.tcp_port = 3261;
	TAP_CHECK(isdsc_login_resolve(&req) == ERROR_SUCCESS && req.portal.family == AF_INET &&
		  req.portal.port == 3261, "an IPv4 literal");
	strcpy(req.address, "[2001:db8::5]");
	isdsc_addr_string(&req.portal, a, sizeof(a));
	TAP_CHECK(isdsc_login_resolve(&req) == ERROR_SUCCESS && req.portal.family == AF_INET6 &&
		  req.portal.addr[15] == 5, "an IPv6 literal in brackets");
	strcpy(req.address, "fe80::1%lo");
	TAP_CHECK(isdsc_login_resolve(&req) == ERROR_SUCCESS && req.portal.family == AF_INET6 &&
		  req.portal.scope_id > 0, "a link-local IPv6 literal with its scope (%s)",
		  IScsiMcsLastErrorText());
	req.have_port = true;
	req.port.number = 4;
	req.port.addr.family = AF_INET6;
	strcpy(req.address, "192.0.2.1");
	TAP_CHECK(isdsc_login_resolve(&req) == ISDSC_INVALID_PORT_NUMBER,
		  "an IPv4 literal from an IPv6 initiator port: ISDSC_INVALID_PORT_NUMBER");
	req.port.addr.family = AF_INET;
	strcpy(req.address, "localhost");
	TAP_CHECK(isdsc_login_resolve(&req) == ERROR_SUCCESS && req.portal.family == AF_INET &&
		  req.portal.addr[0] == 127, "localhost from an IPv4 initiator port: 127.x");
}

static void secrets(void)
{
	uint8_t out[ISDSC_CHAP_SECRET_MAX];
	struct stat st;
	size_t len = 0;
	ISDSC_STATUS s;
	struct call c;

	unlink(secret_file);
	s = isdsc_secret_read(out, &len);
	TAP_CHECK(s == ISDSC_TARGET_AUTHINFO_UNAVAILABLE, "no secret file: "
		  "ISDSC_TARGET_AUTHINFO_UNAVAILABLE");
	s = SetIScsiInitiatorCHAPSharedSecret(5, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "SetIScsiInitiatorCHAPSharedSecret(5, NULL): "
		  "ERROR_INVALID_PARAMETER");
	s = SetIScsiInitiatorCHAPSharedSecret(17, (PUCHAR)"0123456789abcdefg");
	TAP_CHECK(s == ISDSC_INVALID_INITIATOR_CHAP_SECRET && access(secret_file, F_OK) < 0,
		  "a 17-byte secret: ISDSC_INVALID_INITIATOR_CHAP_SECRET, nothing stored");
	s = SetIScsiInitiatorCHAPSharedSecret(12, (PUCHAR)"bin\0ary\xff\x01xyz");
	TAP_CHECK(s == ERROR_SUCCESS && stat(secret_file, &st) == 0 &&
		  (st.st_mode & 07777) == 0600 && st.st_size == 12,
		  "a 12-byte binary secret: stored, mode 0600, 12 bytes");
	s = isdsc_secret_read(out, &len);
	TAP_CHECK(s == ERROR_SUCCESS && len == 12 && !memcmp(out, "bin\0ary\xff\x01xyz", 12),
		  "read back byte for byte");
	chmod(secret_file, 0644);
	s = SetIScsiInitiatorCHAPSharedSecret(16, (PUCHAR)"sixteen-bytes-16");
	TAP_CHECK(s == ERROR_SUCCESS && stat(secret_file, &st) == 0 &&
		  (st.st_mode & 07777) == 0600, "replacing a mode 0644 file leaves mode 0600");
	chmod(secret_file, 0640);
	s = isdsc_secret_read(out, &len);
	TAP_CHECK(s == ISDSC_INVALID_INITIATOR_CHAP_SECRET && strstr(IScsiMcsLastErrorText(), "0640"),
		  "a secret others may read is not used: ISDSC_INVALID_INITIATOR_CHAP_SECRET");
	s = SetIScsiInitiatorCHAPSharedSecret(5, (PUCHAR)"short");
	TAP_CHECK(s == ISDSC_SHORT_CHAP_SECRET && ISDSC_IS_WARNING(s) && stat(secret_file, &st) == 0 &&
		  st.st_size == 5, "a 5-byte secret: stored with the warning ISDSC_SHORT_CHAP_SECRET");
	s = isdsc_secret_read(out, &len);
	TAP_CHECK(s == ISDSC_INVALID_INITIATOR_CHAP_SECRET, "a 5-byte secret cannot be used without "
		  "IPsec: ISDSC_INVALID_INITIATOR_CHAP_SECRET");
	write_file(secret_file, "0123456789abcdefgh", 18, 0600);
	s = isdsc_secret_read(out, &len);
	TAP_CHECK(s == ISDSC_INVALID_INITIATOR_CHAP_SECRET, "an 18-byte file: "
		  "ISDSC_INVALID_INITIATOR_CHAP_SECRET");

	c = with_chap(ISCSI_MUTUAL_CHAP_AUTH_TYPE, "user", "secretsecret12");
	unlink(secret_file);
	expect("mutual CHAP without an initiator secret", &c, ISDSC_TARGET_AUTHINFO_UNAVAILABLE);
	SetIScsiInitiatorCHAPSharedSecret(14, (PUCHAR)"secretsecret12");
	expect("mutual CHAP with the same secret both ways", &c, ISDSC_INVALID_INITIATOR_CHAP_SECRET);
	SetIScsiInitiatorCHAPSharedSecret(5, (PUCHAR)"short");
	expect("mutual CHAP with a short initiator secret", &c, ISDSC_INVALID_INITIATOR_CHAP_SECRET);
	SetIScsiInitiatorCHAPSharedSecret(15, (PUCHAR)"targetsecret123");
	expect("mutual CHAP with both secrets", &c, ACCEPTED);

	s = SetIScsiInitiatorCHAPSharedSecret(0, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && access(secret_file, F_OK) < 0,
		  "SetIScsiInitiatorCHAPSharedSecret(0, NULL) removes the secret");
	s = SetIScsiInitiatorCHAPSharedSecret(0, NULL);
	TAP_CHECK(s == ERROR_SUCCESS, "and removing it again is no error");
}

/* ---- the request ---- */

static struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *ltb[ISCSI_MCS_LOGIN_A_MAX + 1];

static bool parse_request(struct nl_msg *m)
{
	struct nlmsghdr *h = nlmsg_hdr(m);

	memset(ltb, 0, sizeof(ltb));
	if (genlmsg_parse(h, 0, tb, ISCSI_MCS_A_MAX, NULL) < 0)
		return false;
	if (tb[ISCSI_MCS_A_LOGIN] &&
	    nla_parse_nested(ltb, ISCSI_MCS_LOGIN_A_MAX, tb[ISCSI_MCS_A_LOGIN], NULL) < 0)
		return false;
	return true;
}

static bool addr_is(struct nlattr *nest, int type, const void *addr, int port, int ifindex)
{
	struct nlattr *at[ISCSI_MCS_ADDR_A_MAX + 1];
	size_t len = type == ISCSI_MCS_ADDR_A_IPV4 ? 4 : 16;

	if (!nest || !(nest->nla_type & NLA_F_NESTED) ||
	    nla_parse_nested(at, ISCSI_MCS_ADDR_A_MAX, nest, NULL) < 0)
		return false;
	if (addr && (!at[type] || nla_len(at[type]) != (int)len || memcmp(nla_data(at[type]), addr, len)))
		return false;
	if (!addr && (at[ISCSI_MCS_ADDR_A_IPV4] || at[ISCSI_MCS_ADDR_A_IPV6]))
		return false;
	if (port < 0 ? at[ISCSI_MCS_ADDR_A_PORT] != NULL :
	    !at[ISCSI_MCS_ADDR_A_PORT] || nla_get_u16(at[ISCSI_MCS_ADDR_A_PORT]) != port)
		return false;
	if (ifindex ? !at[ISCSI_MCS_ADDR_A_IFINDEX] ||
	    (int)nla_get_u32(at[ISCSI_MCS_ADDR_A_IFINDEX]) != ifindex : at[ISCSI_MCS_ADDR_A_IFINDEX] != NULL)
		return false;
	return true;
}

/* Runs the checks and preparation on a call and builds its request. */
static ISDSC_STATUS build(const struct call *call, struct isdsc_login_req *req, struct nl_msg **m)
{
	struct isdsc_login_args a = {
		.target = call->target,
		.instance = call->instance,
		.port = call->port,
		.have_portal = true,
		.address = call->address,
		.socket = call->socket,
		.options = call->with_options ? &call->options : NULL,
		.have_session_id = true,
		.have_connection_id = true,
	};
	ISDSC_STATUS s;

	*m = NULL;
	s = isdsc_login_check(&a, req);
	if (s == ERROR_SUCCESS)
		s = isdsc_login_prepare(req);
	if (s != ERROR_SUCCESS)
		return s;
	*m = nlmsg_alloc();
	genlmsg_put(*m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_LOGIN, ISCSI_MCS_GENL_VERSION);
	s = isdsc_login_put(*m, req);
	if (s == ERROR_SUCCESS && !parse_request(*m))
		s = ERROR_INVALID_DATA;
	return s;
}

static void requests(void)
{
	struct isdsc_login_req req;
	struct nl_msg *m;
	struct call c;
	ISDSC_STATUS s;

	c = valid();
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS, "a plain request builds (%s)", IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		return;
	TAP_CHECK(tb[ISCSI_MCS_A_TARGET_NAME] &&
		  !strcmp(nla_get_string(tb[ISCSI_MCS_A_TARGET_NAME]), c.target),
		  "ISCSI_MCS_A_TARGET_NAME");
	TAP_CHECK(tb[ISCSI_MCS_A_INITIATOR_NAME] &&
		  !strcmp(nla_get_string(tb[ISCSI_MCS_A_INITIATOR_NAME]), "iqn.2026-11.org.example:host"),
		  "ISCSI_MCS_A_INITIATOR_NAME from the initiator name file");
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_PORTAL], ISCSI_MCS_ADDR_A_IPV4, "\x7f\0\0\x01", 3260, 0),
		  "ISCSI_MCS_A_PORTAL: 127.0.0.1, Socket 0 is port 3260, NLA_F_NESTED");
	TAP_CHECK(!tb[ISCSI_MCS_A_LOCAL] && !tb[ISCSI_MCS_A_ISID] && !tb[ISCSI_MCS_A_SESSION_ID],
		  "no ISCSI_MCS_A_LOCAL without an initiator port, no ISID");
	TAP_CHECK(!tb[ISCSI_MCS_A_LOGIN], "no ISCSI_MCS_A_LOGIN nest (libnl drops an empty "
		  "one): the module's defaults for every login key");
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);

	c = with_chap(ISCSI_MUTUAL_CHAP_AUTH_TYPE, "chapuser", "secretsecret12");
	c.options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |
		ISCSI_LOGIN_OPTIONS_DATA_DIGEST | ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS |
		ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT | ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
	c.options.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	c.options.DataDigest = ISCSI_DIGEST_TYPE_NONE;
	c.options.MaximumConnections = 4;
	c.options.DefaultTime2Wait = 0;
	c.options.DefaultTime2Retain = 30;
	c.instance = "iscsi_mcs";
	c.port = 1;
	c.socket = 3270;
	strcpy(c.address, "::1");
	write_text(ports_file, "1 ::1\n");
	SetIScsiInitiatorCHAPSharedSecret(15, (PUCHAR)"targetsecret123");
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS, "a request with every option builds (%s)",
		  IScsiMcsLastErrorText());
	if (s != ERROR_SUCCESS)
		return;
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_PORTAL], ISCSI_MCS_ADDR_A_IPV6,
			  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 3270, 0), "portal [::1]:3270");
	TAP_CHECK(addr_is(tb[ISCSI_MCS_A_LOCAL], ISCSI_MCS_ADDR_A_IPV6,
			  "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", -1, 0),
		  "initiator port 1 is ISCSI_MCS_A_LOCAL ::1, without a port");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_HEADER_DIGEST] &&
		  nla_get_u8(ltb[ISCSI_MCS_LOGIN_A_HEADER_DIGEST]) == ISCSI_MCS_DIGEST_CRC32C &&
		  ltb[ISCSI_MCS_LOGIN_A_DATA_DIGEST] &&
		  nla_get_u8(ltb[ISCSI_MCS_LOGIN_A_DATA_DIGEST]) == ISCSI_MCS_DIGEST_NONE,
		  "ISCSI_DIGEST_TYPE_CRC32C and _NONE are ISCSI_MCS_DIGEST_CRC32C and _NONE, "
		  "nothing else offered");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS] &&
		  nla_get_u32(ltb[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS]) == 4 &&
		  ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT] &&
		  nla_get_u32(ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT]) == 0 &&
		  ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN] &&
		  nla_get_u32(ltb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN]) == 30,
		  "MaximumConnections, DefaultTime2Wait (0 counts) and DefaultTime2Retain");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME] &&
		  !strcmp(nla_get_string(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME]), "chapuser") &&
		  ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET] &&
		  nla_len(ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]) == 14 &&
		  !memcmp(nla_data(ltb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]), "secretsecret12", 14),
		  "Username and Password are CHAP_NAME and CHAP_SECRET");
	TAP_CHECK(ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME] &&
		  !strcmp(nla_get_string(ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME]), "") &&
		  ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET] &&
		  nla_len(ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET]) == 15 &&
		  !memcmp(nla_data(ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET]), "targetsecret123", 15),
		  "mutual CHAP: the initiator secret, any target name");
	nlmsg_free(m);
	isdsc_login_req_wipe(&req);
	TAP_CHECK(req.chap_secret_len == 0 && req.chap_secret[0] == 0 && req.mutual_secret[3] == 0,
		  "the request's secrets are wiped");

	c = with_chap(ISCSI_CHAP_AUTH_TYPE, "", "secretsecret12");
	write_text(ports_file, "0 lo\n");
	c.instance = "x";
	c.port = 0;
	s = build(&c, &req, &m);
	TAP_CHECK(s == ERROR_SUCCESS && ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME] &&
		  !strcmp(nla_get_string(ltb[ISCSI_MCS_LOGIN_A_CHAP_NAME]),
			  "iqn.2026-11.org.example:host") && !ltb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET],
		  "one-way CHAP without a Username: the initiator node name is the CHAP name");
	TAP_CHECK(s == ERROR_SUCCESS && addr_is(tb[ISCSI_MCS_A_LOCAL], 0, NULL, -1,
						(int)req.port.ifindex) && req.port.ifindex > 0,
		  "initiator port 0 (lo) is ISCSI_MCS_A_LOCAL with only the interface index");
	if (m)
		nlmsg_free(m);
	isdsc_login_req_wipe(&req);

	/* Without a node name file, the namespace's default is asked for. */
	unlink(iname_file);
	c = valid();
	s = build(&c, &req, &m);
	TAP_CHECK(loaded || s == ISDSC_SERVICE_NOT_RUNNING,
		  "no initiator name file: the module is asked (CONFIG_GET) (%s)", status_name(s));
	if (m)
		nlmsg_free(m);
	write_text(iname_file, "InitiatorName=iqn.2026-11.org.example:host\n");
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
	option_checks();
	wide_checks();
	port_map();
	resolution();
	secrets();
	requests();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
