// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetIScsiTargetInformationA/W without a kernel: a temporary node database
 * (a static target with two portals, the same target found by SendTargets
 * in two portal groups), a send-target portal file naming a second target,
 * and, through isdsc_target_info(), a made-up live session of a third
 * target over a fake sysfs. Every class is read in both encodings, with
 * the size protocol (ERROR_INSUFFICIENT_BUFFER and the size needed) and
 * the argument rules.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devices.h"
#include "iscsidsc.h"
#include "iscsidsc/nodedb.h"
#include "session.h"
#include "fixture.h"
#include "tap.h"
#include "targetinfo.h"

static char dir[] = "/tmp/isdsc-targetinfo-XXXXXX";
static char sys_root[256];

static const char t1[] = "iqn.2003-01.org.example:t1";	/* static and SendTargets */
static const char t2[] = "iqn.2003-01.org.example:t2";	/* only in the portal file */
static const char t3[] = "iqn.2003-01.org.example:t3";	/* only a live session */

/* Room for every answer, aligned for any class. */
static union {
	uint8_t b[8192];
	ULONGLONG align;
} buf;

static bool wide_is(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (unsigned char)s[i])
			return false;
	return w[i] == 0;
}

/* A record of t1 as a SendTargets discovery at 192.0.2.1 writes it. */
static void discovered(const char *address, int tpgt)
{
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec = NULL;
	int err;

	memset(&id, 0, sizeof(id));
	strcpy(id.target, t1);
	strcpy(id.address, address);
	id.port = 3260;
	id.tpgt = tpgt;
	strcpy(id.iface, "default");
	err = iscsi_mcs_node_new(NULL, &id, &rec);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.discovery_type", "send_targets");
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.discovery_address", "192.0.2.1");
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.discovery_port", "3260");
	if (!err)
		err = iscsi_mcs_node_write(NULL, rec);
	iscsi_mcs_rec_free(rec);
	if (err) {
		fprintf(stderr, "cannot write the record of %s: %s\n", address, strerror(-err));
		exit(2);
	}
}

static void setup(void)
{
	ISCSI_TARGET_PORTAL_GROUPA *group;
	ISCSI_LOGIN_OPTIONS o;
	char path[512];
	ISDSC_STATUS s;

	group = calloc(1, sizeof(*group) + sizeof(group->Portals[0]));
	if (!group)
		exit(2);
	group->Count = 2;
	strcpy(group->Portals[0].Address, "127.0.0.1");
	group->Portals[0].Socket = 3260;
	strcpy(group->Portals[1].Address, "127.0.0.2");
	group->Portals[1].Socket = 3261;
	memset(&o, 0, sizeof(o));
	o.InformationSpecified = ISCSI_LOGIN_OPTIONS_AUTH_TYPE | ISCSI_LOGIN_OPTIONS_USERNAME |
				 ISCSI_LOGIN_OPTIONS_PASSWORD | ISCSI_LOGIN_OPTIONS_HEADER_DIGEST;
	o.AuthType = ISCSI_CHAP_AUTH_TYPE;
	o.Username = (PUCHAR)"alice";
	o.UsernameLength = 5;
	o.Password = (PUCHAR)"0123456789abcdef";
	o.PasswordLength = 16;
	o.HeaderDigest = ISCSI_DIGEST_TYPE_CRC32C;
	s = AddIScsiStaticTargetA((PSTR)t1, (PSTR)"disk-one", ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET,
				  TRUE, NULL, &o, group);
	free(group);
	if (s != ERROR_SUCCESS) {
		fprintf(stderr, "AddIScsiStaticTargetA: %s: %s\n", name(s), IScsiMcsLastErrorText());
		exit(2);
	}
	discovered("192.0.2.10", 1);
	discovered("192.0.2.11", 2);
	discovered("192.0.2.12", 1);

	snprintf(path, sizeof(path), "%s/send-targets.conf", dir);
	write_file(path, "portal address=198.51.100.1 socket=3260 symbolic= instance=inst0 "
		   "port=4294967295\ntarget iqn.2003-01.org.example:t2\n");
	setenv("ISCSI_MCS_SEND_TARGETS_FILE", path, 1);

	/* t3's session: SCSI host 7, two target ids below it. */
	snprintf(sys_root, sizeof(sys_root), "%s/sys", dir);
	for (const char *const *hctl = (const char *const[]){ "7:0:0:0", "7:0:0:1", "7:0:1:2",
		"8:0:0:0", NULL }; *hctl; hctl++) {
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s", sys_root, *hctl);
		mkdirs(path);
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/type", sys_root, *hctl);
		write_file(path, "0\n");
	}
	setenv(ISDSC_SYSFS_ROOT_ENV, sys_root, 1);
}

static void arguments(void)
{
	ULONG size = sizeof(buf);
	WCHAR wt[300];
	ISDSC_STATUS s;
	char longname[300];

	s = GetIScsiTargetInformationA((PSTR)t1, NULL, (TARGET_INFORMATION_CLASS)8, &size, buf.b);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "InfoClass 8: ERROR_INVALID_PARAMETER (got %s)",
		  name(s));
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, (TARGET_INFORMATION_CLASS)-1, &size, buf.b);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "InfoClass -1: ERROR_INVALID_PARAMETER (got %s)",
		  name(s));
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, NULL, buf.b);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "BufferSize NULL: ERROR_INVALID_PARAMETER");
	size = 4;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, &size, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && size == 4,
		  "Buffer NULL with *BufferSize 4: ERROR_INVALID_PARAMETER, size untouched");
	size = 8;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, &size, buf.b + 1);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "a ULONG class into an odd address: "
		  "ERROR_INVALID_PARAMETER (got %s)", name(s));
	size = 128;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, LoginOptions, &size, buf.b + 4);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "LoginOptions into a 4-aligned address: "
		  "ERROR_INVALID_PARAMETER (got %s)", name(s));
	size = 64;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, TargetAlias, &size, buf.b + 1);
	TAP_CHECK(s == ERROR_SUCCESS, "TargetAlias (A) at an odd address is fine (got %s)",
		  name(s));
	size = sizeof(buf);
	TAP_CHECK(GetIScsiTargetInformationA(NULL, NULL, ProtocolType, &size, buf.b) ==
		  ERROR_INVALID_PARAMETER &&
		  GetIScsiTargetInformationA((PSTR)"", NULL, ProtocolType, &size, buf.b) ==
		  ERROR_INVALID_PARAMETER, "TargetName NULL or empty: ERROR_INVALID_PARAMETER");
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	TAP_CHECK(GetIScsiTargetInformationA(longname, NULL, ProtocolType, &size, buf.b) ==
		  ERROR_INVALID_PARAMETER, "a 299-character TargetName: ERROR_INVALID_PARAMETER");
	TAP_CHECK(GetIScsiTargetInformationA((PSTR)t1, longname, ProtocolType, &size, buf.b) ==
		  ERROR_INVALID_PARAMETER,
		  "a 299-character DiscoveryMechanism: ERROR_INVALID_PARAMETER");
	wt[0] = 0xd800;		/* an unpaired surrogate */
	wt[1] = 'x';
	wt[2] = 0;
	TAP_CHECK(GetIScsiTargetInformationW(wt, NULL, ProtocolType, &size, buf.b) ==
		  ERROR_INVALID_PARAMETER, "TargetName W with an unpaired surrogate: "
		  "ERROR_INVALID_PARAMETER");

	s = GetIScsiTargetInformationA((PSTR)"iqn.2003-01.org.example:nobody", NULL, ProtocolType,
				       &size, buf.b);
	TAP_CHECK(s == ISDSC_TARGET_NOT_FOUND, "an unknown target: ISDSC_TARGET_NOT_FOUND (got %s)",
		  name(s));
	wide(wt, "iqn.2003-01.org.example:nobody");
	s = GetIScsiTargetInformationW(wt, NULL, TargetAlias, &size, buf.b);
	TAP_CHECK(s == ISDSC_TARGET_NOT_FOUND, "an unknown target (W): ISDSC_TARGET_NOT_FOUND "
		  "(got %s)", name(s));
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"iSNS:", ProtocolType, &size, buf.b);
	TAP_CHECK(s == ISDSC_DISCOVERY_MECHANISM_NOT_FOUND, "a mechanism that did not find it: "
		  "ISDSC_DISCOVERY_MECHANISM_NOT_FOUND (got %s)", name(s));
}

static void simple_classes(void)
{
	ULONG size = 0, v;
	WCHAR wt[64];
	ISDSC_STATUS s;

	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(ULONG),
		  "ProtocolType with no buffer: ERROR_INSUFFICIENT_BUFFER, 4 bytes needed "
		  "(got %s, %u)", name(s), (unsigned int)size);
	size = 3;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, &size, buf.b);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 4, "ProtocolType into 3 bytes: "
		  "ERROR_INSUFFICIENT_BUFFER, 4 needed");
	size = sizeof(buf);
	memset(buf.b, 0xff, 8);
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, ProtocolType, &size, buf.b);
	memcpy(&v, buf.b, sizeof(v));
	TAP_CHECK(s == ERROR_SUCCESS && size == 4 && v == ISCSI_TCP_PROTOCOL_TYPE,
		  "ProtocolType: ISCSI_TCP_PROTOCOL_TYPE, 4 bytes used");

	size = 4;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, TargetAlias, &size, buf.b);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 9, "TargetAlias (A) into 4 bytes: "
		  "9 needed (got %s, %u)", name(s), (unsigned int)size);
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, TargetAlias, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp((char *)buf.b, "disk-one"),
		  "TargetAlias (A): the static target's alias (got %s)", name(s));
	wide(wt, t1);
	size = 0;
	s = GetIScsiTargetInformationW(wt, NULL, TargetAlias, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 18, "TargetAlias (W): 18 bytes "
		  "needed (got %u)", (unsigned int)size);
	s = GetIScsiTargetInformationW(wt, NULL, TargetAlias, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && wide_is((WCHAR *)buf.b, "disk-one"),
		  "TargetAlias (W): the alias in UTF-16");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t2, NULL, TargetAlias, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == 1 && !buf.b[0],
		  "TargetAlias of a target without one: \"\"");

	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, TargetFlags, &size, buf.b);
	memcpy(&v, buf.b, sizeof(v));
	TAP_CHECK(s == ERROR_SUCCESS && size == 4 && v == ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET,
		  "TargetFlags: what AddIScsiStaticTarget was given");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"SendTargets:", TargetFlags, &size, buf.b);
	memcpy(&v, buf.b, sizeof(v));
	TAP_CHECK(s == ERROR_SUCCESS && v == 0, "TargetFlags of the SendTargets records: 0");

	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, InitiatorName, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp((char *)buf.b, "iscsi_mcs") && size == 10,
		  "InitiatorName: the one instance, iscsi_mcs (got %s)", name(s));
	size = sizeof(buf);
	wide(wt, t2);
	s = GetIScsiTargetInformationW(wt, NULL, InitiatorName, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && wide_is((WCHAR *)buf.b, "inst0") && size == 12,
		  "InitiatorName (W) of a discovered target: the portal's instance");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t2, NULL, ProtocolType, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS, "a target only the portal file names is known");
}

static void mechanisms(void)
{
	static const char all[] = "Static:\0SendTargets:192.0.2.1 3260\0";
	ULONG size = 0;
	WCHAR wt[64], wm[64];
	ISDSC_STATUS s;

	s = GetIScsiTargetInformationA((PSTR)t1, NULL, DiscoveryMechanisms, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(all),
		  "DiscoveryMechanisms: %zu bytes needed (got %u)", sizeof(all),
		  (unsigned int)size);
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, DiscoveryMechanisms, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && !memcmp(buf.b, all, sizeof(all)),
		  "DiscoveryMechanisms: Static: and the SendTargets portal, double NUL");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"sendtargets:", DiscoveryMechanisms,
				       &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == 28 &&
		  !memcmp(buf.b, "SendTargets:192.0.2.1 3260\0", 28),
		  "a \"SendTargets:\" mechanism (any case) selects the SendTargets ones");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"SendTargets:192.0.2.9 3260",
				       DiscoveryMechanisms, &size, buf.b);
	TAP_CHECK(s == ISDSC_DISCOVERY_MECHANISM_NOT_FOUND, "another SendTargets portal: "
		  "ISDSC_DISCOVERY_MECHANISM_NOT_FOUND");
	size = sizeof(buf);
	wide(wt, t2);
	s = GetIScsiTargetInformationW(wt, NULL, DiscoveryMechanisms, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == 2 * 31 &&
		  wide_is((WCHAR *)buf.b, "SendTargets:198.51.100.1 3260") &&
		  ((WCHAR *)buf.b)[30] == 0, "DiscoveryMechanisms (W) of t2: its portal, in UTF-16");
	size = sizeof(buf);
	wide(wm, "SendTargets:198.51.100.1 3260");
	s = GetIScsiTargetInformationW(wt, wm, ProtocolType, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS, "a full mechanism string (W) selects its portal");
}

static const ISCSI_TARGET_PORTAL_GROUPA *group_at(size_t off)
{
	return (const ISCSI_TARGET_PORTAL_GROUPA *)(buf.b + off);
}

static void portal_groups(void)
{
	/* Tags 1 (two portals), 2 (one) and unknown (the two static ones). */
	size_t g1 = 4, g2 = g1 + 4 + 2 * sizeof(ISCSI_TARGET_PORTALA);
	size_t g3 = g2 + ((4 + sizeof(ISCSI_TARGET_PORTALA) + 3) & ~(size_t)3);
	size_t need = g3 + 4 + 2 * sizeof(ISCSI_TARGET_PORTALA);
	const ISCSI_TARGET_PORTAL_GROUPW *gw;
	ULONG size = 0, groups;
	WCHAR wt[64];
	ISDSC_STATUS s;

	s = GetIScsiTargetInformationA((PSTR)t1, NULL, PortalGroups, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need, "PortalGroups: %zu bytes "
		  "needed (got %s, %u)", need, name(s), (unsigned int)size);
	size--;
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, PortalGroups, &size, buf.b);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need, "one byte short: "
		  "ERROR_INSUFFICIENT_BUFFER");
	s = GetIScsiTargetInformationA((PSTR)t1, NULL, PortalGroups, &size, buf.b);
	memcpy(&groups, buf.b, sizeof(groups));
	TAP_CHECK(s == ERROR_SUCCESS && groups == 3, "three portal groups (got %s, %u)", name(s),
		  (unsigned int)groups);
	TAP_CHECK(group_at(g1)->Count == 2 && !strcmp(group_at(g1)->Portals[0].SymbolicName, "1") &&
		  !strcmp(group_at(g1)->Portals[0].Address, "192.0.2.10") &&
		  !strcmp(group_at(g1)->Portals[1].Address, "192.0.2.12") &&
		  group_at(g1)->Portals[1].Socket == 3260,
		  "group 1 first: 192.0.2.10 and .12, tag \"1\" as the SymbolicName");
	TAP_CHECK(g2 % 4 == 0 && group_at(g2)->Count == 1 &&
		  !strcmp(group_at(g2)->Portals[0].SymbolicName, "2") &&
		  !strcmp(group_at(g2)->Portals[0].Address, "192.0.2.11"),
		  "group 2 next, on a 4-byte boundary");
	TAP_CHECK(group_at(g3)->Count == 2 && !group_at(g3)->Portals[0].SymbolicName[0] &&
		  !strcmp(group_at(g3)->Portals[0].Address, "127.0.0.1") &&
		  !strcmp(group_at(g3)->Portals[1].Address, "127.0.0.2") &&
		  group_at(g3)->Portals[1].Socket == 3261,
		  "the portals of no known tag last, SymbolicName \"\"");

	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"Static:", PortalGroups, &size, buf.b);
	memcpy(&groups, buf.b, sizeof(groups));
	TAP_CHECK(s == ERROR_SUCCESS && groups == 1 && group_at(4)->Count == 2 &&
		  size == 4 + 4 + 2 * sizeof(ISCSI_TARGET_PORTALA),
		  "\"Static:\" selects the static portals only");

	size = sizeof(buf);
	wide(wt, t1);
	s = GetIScsiTargetInformationW(wt, NULL, PortalGroups, &size, buf.b);
	gw = (const ISCSI_TARGET_PORTAL_GROUPW *)(buf.b + 4);
	TAP_CHECK(s == ERROR_SUCCESS && size == 4 + (4 + 2 * sizeof(ISCSI_TARGET_PORTALW)) +
		  ((4 + sizeof(ISCSI_TARGET_PORTALW) + 3) & ~(size_t)3) +
		  (4 + 2 * sizeof(ISCSI_TARGET_PORTALW)) &&
		  gw->Count == 2 && wide_is(gw->Portals[0].Address, "192.0.2.10") &&
		  wide_is(gw->Portals[0].SymbolicName, "1"), "PortalGroups (W): the same, in UTF-16");

	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t2, NULL, PortalGroups, &size, buf.b);
	memcpy(&groups, buf.b, sizeof(groups));
	TAP_CHECK(s == ERROR_SUCCESS && size == 4 && groups == 0,
		  "a target without a node record: no portal group");
}

static void login_options(void)
{
	const ISCSI_LOGIN_OPTIONS *o = (const ISCSI_LOGIN_OPTIONS *)buf.b;
	ULONG size = 0;
	ISDSC_STATUS s;

	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"Static:", LoginOptions, &size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == sizeof(ISCSI_LOGIN_OPTIONS) + 5,
		  "LoginOptions: the structure and the CHAP name, %zu bytes (got %u)",
		  sizeof(ISCSI_LOGIN_OPTIONS) + 5, (unsigned int)size);
	s = GetIScsiTargetInformationA((PSTR)t1, (PSTR)"Static:", LoginOptions, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && o->AuthType == ISCSI_CHAP_AUTH_TYPE &&
		  (o->InformationSpecified & ISCSI_LOGIN_OPTIONS_AUTH_TYPE) &&
		  o->HeaderDigest == ISCSI_DIGEST_TYPE_CRC32C &&
		  (o->InformationSpecified & ISCSI_LOGIN_OPTIONS_HEADER_DIGEST),
		  "LoginOptions: CHAP and the CRC32C header digest as given");
	TAP_CHECK(s == ERROR_SUCCESS && o->UsernameLength == 5 &&
		  o->Username == buf.b + sizeof(*o) && !memcmp(o->Username, "alice", 5) &&
		  (o->InformationSpecified & ISCSI_LOGIN_OPTIONS_USERNAME) && !o->Password &&
		  !o->PasswordLength && !(o->InformationSpecified & ISCSI_LOGIN_OPTIONS_PASSWORD),
		  "LoginOptions: Username points after the structure; no secret");
	size = sizeof(buf);
	s = GetIScsiTargetInformationA((PSTR)t2, NULL, LoginOptions, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == sizeof(*o) && !o->InformationSpecified &&
		  o->Version == ISCSI_LOGIN_OPTIONS_VERSION,
		  "LoginOptions of a target without a record: nothing specified");
}

static void live_session(void)
{
	struct isdsc_conn_rec conn;
	struct isdsc_session_rec rec;
	struct isdsc_session_list live = { .n = 1, .s = &rec };
	const ISCSI_TARGET_MAPPINGA *m;
	const ISCSI_TARGET_PORTAL_GROUPA *g;
	ULONG size, count;
	ISDSC_STATUS s;
	size_t need;

	memset(&conn, 0, sizeof(conn));
	conn.portal.family = 2;		/* AF_INET */
	memcpy(conn.portal.addr, (const uint8_t[]){ 203, 0, 113, 5 }, 4);
	conn.portal.port = 3260;
	memset(&rec, 0, sizeof(rec));
	memset(rec.id, 0x11, sizeof(rec.id));
	strcpy(rec.target_name, t3);
	strcpy(rec.target_alias, "live-alias");
	rec.tpgt = 5;
	rec.have_host_no = true;
	rec.host_no = 7;
	rec.n_conns = 1;
	rec.conns = &conn;

	size = sizeof(buf);
	s = isdsc_target_info(t3, NULL, TargetAlias, NULL, false, &size, buf.b);
	TAP_CHECK(s == ISDSC_TARGET_NOT_FOUND, "t3 without its session: ISDSC_TARGET_NOT_FOUND");
	s = isdsc_target_info(t3, NULL, TargetAlias, &live, false, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && !strcmp((char *)buf.b, "live-alias"),
		  "TargetAlias of a live session: what the target said at login (got %s)",
		  name(s));
	size = sizeof(buf);
	s = isdsc_target_info(t3, NULL, PortalGroups, &live, false, &size, buf.b);
	memcpy(&count, buf.b, sizeof(count));
	g = (const ISCSI_TARGET_PORTAL_GROUPA *)(buf.b + 4);
	TAP_CHECK(s == ERROR_SUCCESS && count == 1 && g->Count == 1 &&
		  !strcmp(g->Portals[0].Address, "203.0.113.5") &&
		  !strcmp(g->Portals[0].SymbolicName, "5"),
		  "PortalGroups of a live session: its connection's portal, tag 5");
	size = sizeof(buf);
	s = isdsc_target_info(t3, NULL, DiscoveryMechanisms, &live, false, &size, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == 1, "no discovery mechanism found it: \"\\0\"");

	size = 0;
	s = isdsc_target_info(t3, NULL, PersistentTargetMappings, &live, false, &size, NULL);
	need = 8 + 2 * sizeof(ISCSI_TARGET_MAPPINGA) + 3 * sizeof(SCSI_LUN_LIST);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need, "PersistentTargetMappings: "
		  "%zu bytes needed (got %s, %u)", need, name(s), (unsigned int)size);
	s = isdsc_target_info(t3, NULL, PersistentTargetMappings, &live, false, &size, buf.b);
	memcpy(&count, buf.b, sizeof(count));
	m = (const ISCSI_TARGET_MAPPINGA *)(buf.b + 8);
	TAP_CHECK(s == ERROR_SUCCESS && count == 2 && !strcmp(m[0].TargetName, t3) &&
		  !strcmp(m[0].OSDeviceName, "host7") && m[0].OSBusNumber == 0 &&
		  m[0].OSTargetNumber == 0 && m[0].LUNCount == 2 && m[1].OSTargetNumber == 1 &&
		  m[1].LUNCount == 1, "two mappings: target ids 0 (2 LUNs) and 1 (1 LUN) of host7");
	TAP_CHECK(s == ERROR_SUCCESS && (uint8_t *)m[0].LUNList == buf.b + 8 + 2 * sizeof(*m) &&
		  m[1].LUNList == m[0].LUNList + 2 && m[0].LUNList[1].OSLUN == 1 &&
		  m[0].LUNList[1].TargetLUN == 0x100 && m[1].LUNList[0].TargetLUN == 0x200 &&
		  m[0].SessionId.AdapterUnique == 0x1111111111111111ull,
		  "LUNList points after the array; LUN 1 is TargetLUN 0x100");
	size = sizeof(buf);
	s = isdsc_target_info(t1, NULL, PersistentTargetMappings, &live, false, &size, buf.b);
	memcpy(&count, buf.b, sizeof(count));
	TAP_CHECK(s == ERROR_SUCCESS && size == 4 && count == 0,
		  "a target without a session: no mapping, 4 bytes");

	/* A session of t1 at its static portal 127.0.0.1:3260 shows that portal's tag, 7. */
	strcpy(rec.target_name, t1);
	memcpy(conn.portal.addr, (const uint8_t[]){ 127, 0, 0, 1 }, 4);
	rec.tpgt = 7;
	size = sizeof(buf);
	s = isdsc_target_info(t1, NULL, PortalGroups, &live, false, &size, buf.b);
	memcpy(&count, buf.b, sizeof(count));
	need = 4 + (4 + 2 * sizeof(ISCSI_TARGET_PORTALA)) +
	       ((4 + sizeof(ISCSI_TARGET_PORTALA) + 3) & ~(size_t)3);
	g = (const ISCSI_TARGET_PORTAL_GROUPA *)(buf.b + need);
	TAP_CHECK(s == ERROR_SUCCESS && count == 4 && g->Count == 1 &&
		  !strcmp(g->Portals[0].Address, "127.0.0.1") &&
		  !strcmp(g->Portals[0].SymbolicName, "7"),
		  "a static portal a session shows the tag of moves to that group (got %s, %u)",
		  name(s), (unsigned int)count);
	g = (const ISCSI_TARGET_PORTAL_GROUPA *)(buf.b + ((need + 4 + sizeof(*g->Portals) + 3) &
							 ~(size_t)3));
	TAP_CHECK(s == ERROR_SUCCESS && g->Count == 1 && !strcmp(g->Portals[0].Address, "127.0.0.2") &&
		  !g->Portals[0].SymbolicName[0], "and leaves the group of unknown tags");
	size = sizeof(buf);
	s = isdsc_target_info(t1, "Static:", PortalGroups, &live, false, &size, buf.b);
	memcpy(&count, buf.b, sizeof(count));
	TAP_CHECK(s == ERROR_SUCCESS && count == 1, "not when a mechanism is asked for: the "
		  "records only");
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
	char path[512];

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	setenv(ISCSI_MCS_ISCSI_DIR_ENV, dir, 1);
	snprintf(path, sizeof(path), "%s/initiatorname.iscsi", dir);
	write_file(path, "InitiatorName=iqn.2003-01.org.example:host\n");
	setenv("ISCSI_MCS_INITIATORNAME_FILE", path, 1);
	snprintf(path, sizeof(path), "%s/mutual", dir);
	setenv("ISCSI_MCS_MUTUAL_SECRET_FILE", path, 1);
	snprintf(path, sizeof(path), "%s/ports", dir);
	setenv("ISCSI_MCS_PORTS_FILE", path, 1);

	setup();
	arguments();
	simple_classes();
	mechanisms();
	portal_groups();
	login_options();
	live_session();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
