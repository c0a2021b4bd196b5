// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Persistent logins in a temporary node database: LoginIScsiTargetA/W with
 * IsPersistent TRUE writes a node.startup = automatic record (CHAP secret
 * root-only, login options as open-iscsi keys) and makes no login;
 * ReportIScsiPersistentLoginsA/W reports it with the SDK's buffer rules;
 * RemoveIScsiPersistentTargetA/W turns it back to manual. Also the
 * layouts of the new structures and the functions that cannot apply on
 * Linux, which must check their arguments before refusing.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "iscsidsc.h"
#include "iscsidsc/nodedb.h"
#include "tap.h"

static char root[64];
static const char target[] = "iqn.2003-01.org.example:persist";

static const char *name(ISDSC_STATUS s)
{
	const char *n = IScsiMcsStatusName(s);

	return n ? n : "unknown";
}

static void layouts(void)
{
	TAP_CHECK(sizeof(PERSISTENT_ISCSI_LOGIN_INFOA) == 1088 &&
		  offsetof(PERSISTENT_ISCSI_LOGIN_INFOA, LoginOptions) == 1024 &&
		  offsetof(PERSISTENT_ISCSI_LOGIN_INFOA, TargetPortal) == 488,
		  "PERSISTENT_ISCSI_LOGIN_INFOA: 1088 bytes, SDK offsets");
	TAP_CHECK(sizeof(PERSISTENT_ISCSI_LOGIN_INFOW) == 2080 &&
		  offsetof(PERSISTENT_ISCSI_LOGIN_INFOW, SecurityFlags) == 2000 &&
		  offsetof(PERSISTENT_ISCSI_LOGIN_INFOW, InitiatorPortNumber) == 964,
		  "PERSISTENT_ISCSI_LOGIN_INFOW: 2080 bytes, SDK offsets");
	TAP_CHECK(sizeof(IKE_AUTHENTICATION_INFORMATION) == 48 &&
		  offsetof(IKE_AUTHENTICATION_PRESHARED_KEY, Key) == 32,
		  "IKE_AUTHENTICATION_INFORMATION: 48 bytes");
}

static ISDSC_STATUS persist_a(const char *t, ISCSI_TARGET_PORTALA *portal,
			      ISCSI_LOGIN_OPTIONS *o, ISCSI_UNIQUE_SESSION_ID *sid)
{
	ISCSI_UNIQUE_CONNECTION_ID cid;

	memset(sid, 0xa5, sizeof(*sid));
	return LoginIScsiTargetA((PSTR)t, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, portal, 0, NULL,
				 o, 0, NULL, TRUE, sid, &cid);
}

static void wide(WCHAR *dst, const char *src)
{
	while ((*dst++ = (WCHAR)(unsigned char)*src++))
		;
}

static bool rec_is(const char *key, const char *want)
{
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec = NULL;
	const char *v;
	bool ok;

	memset(&id, 0, sizeof(id));
	strcpy(id.target, target);
	strcpy(id.address, "127.0.0.1");
	id.port = 3260;
	id.tpgt = -1;
	strcpy(id.iface, "default");
	if (iscsi_mcs_node_read(root, &id, &rec))
		return false;
	v = iscsi_mcs_rec_get(rec, key);
	ok = want ? v && !strcmp(v, want) : !v;
	iscsi_mcs_rec_free(rec);
	return ok;
}

static void persistent_logins(void)
{
	ISCSI_TARGET_PORTALA portal;
	ISCSI_LOGIN_OPTIONS o;
	ISCSI_UNIQUE_SESSION_ID sid, zero;
	PERSISTENT_ISCSI_LOGIN_INFOA *infa;
	PERSISTENT_ISCSI_LOGIN_INFOW *infw;
	ULONG count = 99, size = 0;
	ISDSC_STATUS s;
	char path[512];
	struct stat st;

	memset(&zero, 0, sizeof(zero));
	memset(&portal, 0, sizeof(portal));
	s = persist_a(target, NULL, NULL, &sid);
	TAP_CHECK(s == ISDSC_TARGET_NOT_FOUND, "no record and no portal: ISDSC_TARGET_NOT_FOUND "
		  "(got %s)", name(s));

	strcpy(portal.Address, "127.0.0.1");
	memset(&o, 0, sizeof(o));
	o.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE | ISCSI_LOGIN_OPTIONS_USERNAME |
				 ISCSI_LOGIN_OPTIONS_PASSWORD | ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |
				 ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	o.AuthType = ISCSI_CHAP_AUTH_TYPE;
	o.Username = (PUCHAR)"alice";
	o.UsernameLength = 5;
	o.Password = (PUCHAR)"0123456789abcdef";
	o.PasswordLength = 16;
	o.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	o.MaximumConnections = 4;
	s = persist_a(target, &portal, &o, &sid);
	TAP_CHECK(s == ERROR_SUCCESS && !memcmp(&sid, &zero, sizeof(sid)),
		  "persistent login saved, no session made (got %s: %s)", name(s),
		  IScsiMcsLastErrorText());
	TAP_CHECK(rec_is("node.startup", "automatic") &&
		  rec_is("node.session.auth.authmethod", "CHAP") &&
		  rec_is("node.session.auth.username", "alice") &&
		  rec_is("node.session.auth.password", "0123456789abcdef") &&
		  rec_is("node.conn[0].iscsi.HeaderDigest", "CRC32C") &&
		  rec_is("node.session.iscsi.MaxConnections", "4"),
		  "record: startup automatic, CHAP, digest, MaxConnections");
	snprintf(path, sizeof(path), "%s/nodes/%s/127.0.0.1,3260,-1/default", root, target);
	TAP_CHECK(!stat(path, &st) && (st.st_mode & 07777) == 0600, "record with the secret is 0600");

	/* Again without a portal: the existing record is the one updated. */
	o.InformationSpecified = 0;
	s = persist_a(target, NULL, &o, &sid);
	TAP_CHECK(s == ERROR_SUCCESS && rec_is("node.session.auth.authmethod", "None") &&
		  rec_is("node.session.auth.password", NULL),
		  "without a portal: the target's records updated (got %s)", name(s));

	s = ReportIScsiPersistentLoginsA(&count, NULL, &size);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 1 &&
		  size == sizeof(PERSISTENT_ISCSI_LOGIN_INFOA),
		  "Report with no buffer: ERROR_INSUFFICIENT_BUFFER and the size (got %s, %u, %u)",
		  name(s), count, size);
	infa = calloc(1, size);
	s = ReportIScsiPersistentLoginsA(&count, infa, &size);
	TAP_CHECK(s == ERROR_SUCCESS && count == 1 && !strcmp(infa->TargetName, target) &&
		  !strcmp(infa->TargetPortal.Address, "127.0.0.1") &&
		  infa->TargetPortal.Socket == 3260 &&
		  infa->InitiatorPortNumber == ISCSI_ANY_INITIATOR_PORT &&
		  infa->LoginOptions.AuthType == ISCSI_NO_AUTH_TYPE &&
		  infa->LoginOptions.HeaderDigest == ISCSI_DIGEST_TYPE_CRC32C &&
		  infa->LoginOptions.MaximumConnections == 4 && !infa->LoginOptions.Password,
		  "ReportIScsiPersistentLoginsA describes the record (got %s)", name(s));
	free(infa);
	size = sizeof(PERSISTENT_ISCSI_LOGIN_INFOW);
	infw = calloc(1, size);
	s = ReportIScsiPersistentLoginsW(&count, infw, &size);
	TAP_CHECK(s == ERROR_SUCCESS && count == 1 && infw->TargetName[0] == 'i' &&
		  infw->TargetName[sizeof(target) - 2] == 't' &&
		  infw->TargetName[sizeof(target) - 1] == 0 && infw->TargetPortal.Address[0] == '1',
		  "ReportIScsiPersistentLoginsW in UTF-16 (got %s)", name(s));
	free(infw);
	TAP_CHECK(ReportIScsiPersistentLoginsA(NULL, NULL, &size) == ERROR_INVALID_PARAMETER,
		  "Report without Count: ERROR_INVALID_PARAMETER");

	s = RemoveIScsiPersistentTargetA(NULL, ISCSI_ALL_INITIATOR_PORTS, (PSTR)"iqn.x:other",
					 NULL);
	TAP_CHECK(s == ISDSC_NOT_FOUND, "remove an unknown target: ISDSC_NOT_FOUND (got %s)",
		  name(s));
	{
		WCHAR wt[128];

		wide(wt, target);
		s = RemoveIScsiPersistentTargetW(NULL, ISCSI_ALL_INITIATOR_PORTS, wt, NULL);
	}
	TAP_CHECK(s == ERROR_SUCCESS && rec_is("node.startup", "manual") &&
		  rec_is("node.name", target),
		  "RemoveIScsiPersistentTargetW: record kept, startup manual (got %s)", name(s));
	size = 0;
	s = ReportIScsiPersistentLoginsA(&count, NULL, &size);
	TAP_CHECK(s == ERROR_SUCCESS && count == 0 && size == 0, "no persistent login left");
	s = RemoveIScsiPersistentTargetA(NULL, ISCSI_ALL_INITIATOR_PORTS, (PSTR)target, NULL);
	TAP_CHECK(s == ISDSC_NOT_FOUND, "remove twice: ISDSC_NOT_FOUND (got %s)", name(s));
	TAP_CHECK(RemoveIScsiPersistentTargetA(NULL, 0, NULL, NULL) == ERROR_INVALID_PARAMETER,
		  "remove without TargetName: ERROR_INVALID_PARAMETER");
}

static void not_applicable(void)
{
	IKE_AUTHENTICATION_INFORMATION ike;
	UCHAR id4[4] = { 127, 0, 0, 1 }, key[8] = { 0 };
	WCHAR wbuf[4];
	CHAR buf[4];
	ULONG size;
	ISDSC_STATUS s;

	memset(&ike, 0, sizeof(ike));
	TAP_CHECK(SetIScsiIKEInfoA(NULL, 0, NULL, TRUE) == ERROR_INVALID_PARAMETER,
		  "SetIScsiIKEInfo without AuthInfo: ERROR_INVALID_PARAMETER");
	ike.AuthMethod = IKE_AUTHENTICATION_PRESHARED_KEY_METHOD;
	ike.PsKey.IdType = 4;
	TAP_CHECK(SetIScsiIKEInfoA(NULL, 0, &ike, TRUE) == ISDSC_IKE_ID_PAYLOAD_TYPE_NOT_SUPPORTED,
		  "unknown IKE id type: ISDSC_IKE_ID_PAYLOAD_TYPE_NOT_SUPPORTED");
	ike.PsKey.IdType = 1;
	ike.PsKey.IdLengthInBytes = 5;
	ike.PsKey.Id = id4;
	TAP_CHECK(SetIScsiIKEInfoW(NULL, 0, &ike, TRUE) == ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE,
		  "IPv4 id of 5 bytes: ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE");
	ike.PsKey.IdLengthInBytes = 4;
	ike.PsKey.Key = key;
	ike.PsKey.KeyLengthInBytes = sizeof(key);
	s = SetIScsiIKEInfoA(NULL, 0, &ike, TRUE);
	TAP_CHECK(s == ISDSC_IPSEC_NOT_SUPPORTED_ON_OS && IScsiMcsLastErrorText()[0],
		  "valid IKE info: ISDSC_IPSEC_NOT_SUPPORTED_ON_OS (got %s)", name(s));
	TAP_CHECK(GetIScsiIKEInfoA(NULL, 0, NULL, NULL) == ERROR_INVALID_PARAMETER &&
		  GetIScsiIKEInfoW(NULL, 0, NULL, &ike) == ISDSC_IPSEC_NOT_SUPPORTED_ON_OS,
		  "GetIScsiIKEInfo: arguments, then not supported");
	TAP_CHECK(SetIScsiGroupPresharedKey(4, NULL, TRUE) == ERROR_INVALID_PARAMETER &&
		  SetIScsiGroupPresharedKey(sizeof(key), key, TRUE) == ISDSC_IPSEC_NOT_SUPPORTED_ON_OS,
		  "SetIScsiGroupPresharedKey: arguments, then not supported");
	TAP_CHECK(SetIScsiTunnelModeOuterAddressA(NULL, 0, NULL, (PSTR)"x", TRUE) ==
		  ERROR_INVALID_PARAMETER &&
		  SetIScsiTunnelModeOuterAddressA(NULL, 0, (PSTR)"127.0.0.1", (PSTR)"127.0.0.2",
						  TRUE) == ISDSC_IPSEC_NOT_SUPPORTED_ON_OS,
		  "SetIScsiTunnelModeOuterAddress: arguments, then not supported");
	TAP_CHECK(AddRadiusServerA(NULL) == ERROR_INVALID_PARAMETER &&
		  AddRadiusServerA((PSTR)"0123456789012345678901234567890123456789x") ==
		  ERROR_INVALID_PARAMETER &&
		  AddRadiusServerA((PSTR)"127.0.0.1") == ERROR_NOT_SUPPORTED &&
		  RemoveRadiusServerA((PSTR)"127.0.0.1") == ERROR_NOT_SUPPORTED,
		  "Add/RemoveRadiusServer: address checked, then ERROR_NOT_SUPPORTED");
	wide(wbuf, "a");
	TAP_CHECK(AddRadiusServerW(wbuf) == ERROR_NOT_SUPPORTED &&
		  RemoveRadiusServerW(NULL) == ERROR_INVALID_PARAMETER, "RADIUS, W forms");
	size = 0;
	TAP_CHECK(ReportRadiusServerListA(&size, NULL) == ERROR_INSUFFICIENT_BUFFER && size == 1,
		  "ReportRadiusServerList with no buffer: 1 character needed");
	size = sizeof(buf);
	memset(buf, 'x', sizeof(buf));
	TAP_CHECK(ReportRadiusServerListA(&size, buf) == ERROR_SUCCESS && size == 1 && !buf[0],
		  "ReportRadiusServerListA: the empty list");
	size = 4;
	wbuf[0] = 'x';
	TAP_CHECK(ReportRadiusServerListW(&size, wbuf) == ERROR_SUCCESS && size == 1 && !wbuf[0],
		  "ReportRadiusServerListW: the empty list");
	TAP_CHECK(SetIScsiInitiatorRADIUSSharedSecret(4, NULL) == ERROR_INVALID_PARAMETER &&
		  SetIScsiInitiatorRADIUSSharedSecret(sizeof(key), key) == ERROR_NOT_SUPPORTED,
		  "SetIScsiInitiatorRADIUSSharedSecret: arguments, then not supported");
}

static void static_targets(void)
{
	const char *t = "iqn.2003-01.org.example:static";
	/* A group of two portals: Portals[1] follows Portals[0] directly. */
	union {
		ISCSI_TARGET_PORTAL_GROUPA g;
		char bytes[sizeof(ISCSI_TARGET_PORTAL_GROUPA) + sizeof(ISCSI_TARGET_PORTALA)];
	} pg;
	ISCSI_TARGET_PORTALA *second = &pg.g.Portals[0] + 1;
	ISCSI_TARGET_PORTAL_GROUPW gw;
	struct iscsi_mcs_node_id *ids = NULL;
	size_t n = 0, mine = 0;
	WCHAR wt[64], wbuf[32];
	CHAR buf[32];
	ULONG size, count;
	ISDSC_STATUS s;

	memset(&pg, 0, sizeof(pg));
	TAP_CHECK(sizeof(ISCSI_TARGET_PORTAL_GROUPA) == 520 &&
		  offsetof(ISCSI_TARGET_PORTAL_GROUPA, Portals) == 4, "ISCSI_TARGET_PORTAL_GROUPA layout");
	s = AddIScsiStaticTargetA((PSTR)t, NULL, 0, TRUE, NULL, NULL, NULL);
	TAP_CHECK(s == ISDSC_NO_PORTAL_SPECIFIED, "no PortalGroup: ISDSC_NO_PORTAL_SPECIFIED (got %s)",
		  name(s));
	pg.g.Count = 2;
	strcpy(pg.g.Portals[0].Address, "127.0.0.1");
	strcpy(second->Address, "127.0.0.2");
	second->Socket = 3261;
	s = AddIScsiStaticTargetA((PSTR)t, NULL, 0x100, TRUE, NULL, NULL, &pg.g);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "unknown TargetFlags: ERROR_INVALID_PARAMETER");
	s = AddIScsiStaticTargetA((PSTR)"Target1", NULL, 0, TRUE, NULL, NULL, &pg.g);
	TAP_CHECK(s == ISDSC_INVALID_ISCSI_NAME, "bad target name: ISDSC_INVALID_ISCSI_NAME (got %s)",
		  name(s));
	strcpy(second->Address, "");
	s = AddIScsiStaticTargetA((PSTR)t, NULL, 0, TRUE, NULL, NULL, &pg.g);
	TAP_CHECK(s != ERROR_SUCCESS && iscsi_mcs_node_list(root, &ids, &n) == 0 && n == 0,
		  "a bad second portal: refused, nothing written (got %s: %s)", name(s),
		  IScsiMcsLastErrorText());
	free(ids);
	strcpy(second->Address, "127.0.0.2");
	s = AddIScsiStaticTargetA((PSTR)t, (PSTR)"disk one", ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET,
				  TRUE, NULL, NULL, &pg.g);
	TAP_CHECK(s == ERROR_SUCCESS, "AddIScsiStaticTargetA with two portals (got %s: %s)", name(s),
		  IScsiMcsLastErrorText());
	iscsi_mcs_node_list(root, &ids, &n);
	for (size_t i = 0; i < n; i++)
		mine += !strcmp(ids[i].target, t);
	TAP_CHECK(mine == 2 && n >= 2, "one record per portal (%zu)", mine);
	free(ids);

	{
		ISCSI_TARGET_PORTALA pa[2];
		ISCSI_TARGET_PORTALW pw[2];
		USHORT tag = 1;

		count = 1;
		s = ReportIScsiTargetPortalsA(NULL, (PSTR)t, NULL, &count, pa);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 2,
			  "ReportIScsiTargetPortalsA: room for 1 of 2 (got %s, %u)", name(s), count);
		count = 2;
		s = ReportIScsiTargetPortalsA(NULL, (PSTR)t, NULL, &count, pa);
		TAP_CHECK(s == ERROR_SUCCESS && count == 2 && !strcmp(pa[0].Address, "127.0.0.1") &&
			  pa[0].Socket == 3260 && !strcmp(pa[1].Address, "127.0.0.2") &&
			  pa[1].Socket == 3261, "ReportIScsiTargetPortalsA: both portals");
		wide(wt, t);
		count = 2;
		s = ReportIScsiTargetPortalsW(NULL, wt, NULL, &count, pw);
		TAP_CHECK(s == ERROR_SUCCESS && count == 2 && pw[1].Address[8] == '2' &&
			  pw[1].Socket == 3261, "ReportIScsiTargetPortalsW: both portals");
		count = 2;
		s = ReportIScsiTargetPortalsA(NULL, (PSTR)t, &tag, &count, pa);
		TAP_CHECK(s == ISDSC_TARGET_NOT_FOUND && count == 0,
			  "no record in portal group 1 (tpgt unknown): ISDSC_TARGET_NOT_FOUND");
		TAP_CHECK(ReportIScsiTargetPortalsA(NULL, (PSTR)"iqn.x:none", NULL, &count, pa) ==
			  ISDSC_TARGET_NOT_FOUND && ReportIScsiTargetPortalsA(NULL, NULL, NULL, &count,
			  pa) == ERROR_INVALID_PARAMETER, "unknown target; NULL TargetName");
	}

	/* os-win: initiator list, persistent login, report, remove. */
	size = 0;
	s = ReportIScsiInitiatorListA(&size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 11,
		  "ReportIScsiInitiatorListA sizes the list (got %s, %u)", name(s), size);
	size = sizeof(buf);
	s = ReportIScsiInitiatorListA(&size, buf);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp(buf, "iscsi_mcs") && !buf[10] && size == 11,
		  "ReportIScsiInitiatorListA: \"iscsi_mcs\" and the final NUL");
	size = 32;
	s = ReportIScsiInitiatorListW(&size, wbuf);
	TAP_CHECK(s == ERROR_SUCCESS && wbuf[0] == 'i' && wbuf[9] == 0 && wbuf[10] == 0,
		  "ReportIScsiInitiatorListW in UTF-16");
	{
		ISCSI_UNIQUE_SESSION_ID sid;
		ISCSI_UNIQUE_CONNECTION_ID cid;

		wide(wt, t);
		s = LoginIScsiTargetW(wt, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, NULL, NULL,
				      0, NULL, TRUE, &sid, &cid);
	}
	size = 0;
	ReportIScsiPersistentLoginsA(&count, NULL, &size);
	TAP_CHECK(s == ERROR_SUCCESS && count == 2,
		  "persistent login of a static target: both portals (got %s, %u)", name(s), count);
	wide(wt, t);
	s = RemoveIScsiPersistentTargetW(NULL, ISCSI_ALL_INITIATOR_PORTS, wt, NULL);
	size = 0;
	ReportIScsiPersistentLoginsA(&count, NULL, &size);
	TAP_CHECK(s == ERROR_SUCCESS && count == 0, "persistent target removed");

	/* Without MERGE the portal group replaces the old one. */
	pg.g.Count = 1;
	s = AddIScsiStaticTargetA((PSTR)t, NULL, 0, TRUE, NULL, NULL, &pg.g);
	mine = 0;
	iscsi_mcs_node_list(root, &ids, &n);
	for (size_t i = 0; i < n; i++)
		mine += !strcmp(ids[i].target, t);
	free(ids);
	TAP_CHECK(s == ERROR_SUCCESS && mine == 1, "without MERGE: replaced (%zu records)", mine);
	memset(&gw, 0, sizeof(gw));
	gw.Count = 1;
	wide(gw.Portals[0].Address, "127.0.0.3");
	s = AddIScsiStaticTargetW(wt, NULL, ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION, TRUE, NULL,
				  NULL, &gw);
	mine = 0;
	iscsi_mcs_node_list(root, &ids, &n);
	for (size_t i = 0; i < n; i++)
		mine += !strcmp(ids[i].target, t);
	free(ids);
	TAP_CHECK(s == ERROR_SUCCESS && mine == 2, "AddIScsiStaticTargetW with MERGE: added (%zu)",
		  mine);
	s = RemoveIScsiStaticTargetW(wt);
	mine = 0;
	iscsi_mcs_node_list(root, &ids, &n);
	for (size_t i = 0; i < n; i++)
		mine += !strcmp(ids[i].target, t);
	free(ids);
	TAP_CHECK(s == ERROR_SUCCESS && mine == 0, "RemoveIScsiStaticTargetW deletes them (got %s)",
		  name(s));
	TAP_CHECK(RemoveIScsiStaticTargetA((PSTR)t) == ISDSC_TARGET_NOT_FOUND &&
		  RemoveIScsiStaticTargetA(NULL) == ERROR_INVALID_PARAMETER,
		  "remove again: ISDSC_TARGET_NOT_FOUND; NULL: ERROR_INVALID_PARAMETER");
}

int main(void)
{
	char cmd[128], iname[128];
	FILE *f;

	strcpy(root, "/tmp/isdsc-persist.XXXXXX");
	if (!mkdtemp(root))
		return 1;
	setenv(ISCSI_MCS_ISCSI_DIR_ENV, root, 1);
	/* Keep every file the library may read inside the temporary root. */
	snprintf(iname, sizeof(iname), "%s/initiatorname.iscsi", root);
	f = fopen(iname, "w");
	if (f) {
		fputs("InitiatorName=iqn.2003-01.org.example:host\n", f);
		fclose(f);
	}
	setenv("ISCSI_MCS_INITIATORNAME_FILE", iname, 1);
	snprintf(cmd, sizeof(cmd), "%s/mutual", root);
	setenv("ISCSI_MCS_MUTUAL_SECRET_FILE", cmd, 1);
	snprintf(cmd, sizeof(cmd), "%s/ports", root);
	setenv("ISCSI_MCS_PORTS_FILE", cmd, 1);

	layouts();
	static_targets();
	persistent_logins();
	not_applicable();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		return 1;
	return tap_done();
}
