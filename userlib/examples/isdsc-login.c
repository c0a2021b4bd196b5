// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * isdsc-login: log in to an iSCSI target, add and remove connections of a
 * session, list the sessions and log out, with the Windows API of
 * libiscsidsc, the way iscsicli's LoginTarget, AddConnection,
 * RemoveConnection, SessionList and LogoutTarget do.
 *
 *   isdsc-login [-W] login TARGET ADDRESS[:PORT] [OPTION...]
 *   isdsc-login [-W] add-conn SESSION-ID ADDRESS[:PORT] [OPTION...]
 *   isdsc-login remove-conn SESSION-ID CONNECTION-ID
 *   isdsc-login [-W] list
 *   isdsc-login listex
 *   isdsc-login logout SESSION-ID
 *   isdsc-login chap-secret [SECRET]
 *   isdsc-login [-W] devices SESSION-ID
 *   isdsc-login [-W] add-portal ADDRESS[:PORT] [OPTION...]
 *   isdsc-login [-W] remove-portal ADDRESS[:PORT] [port=N]
 *   isdsc-login [-W] refresh-portal ADDRESS[:PORT] [port=N]
 *   isdsc-login [-W] portals
 *   isdsc-login [-W] targets [force]
 *
 * -W uses the UTF-16 ("W") functions instead of the UTF-8 ("A") ones.
 * Login options:
 *   chap=NAME:SECRET  one-way CHAP (an empty NAME: the initiator node name)
 *   mutual=NAME:SECRET  mutual CHAP; the target's secret is the one set with
 *                     "chap-secret"
 *   hd=none|crc32c, dd=none|crc32c   header and data digests
 *   maxconn=N, t2w=SECONDS, t2r=SECONDS
 *   multipath         allow another session to a target that has one
 *   port=N            initiator port N (see libiscsidsc(3)), through the
 *                     initiator instance "iscsi_mcs"
 *   secflags=MASK, key=KEY, persistent, informational, mappings
 *                     passed as given, to see what the library says
 *   reserved          add-conn: a non-NULL Reserved, to see it refused
 * add-conn takes the same options: the digests and CHAP apply to the new
 * connection, port=N names the initiator port to connect from, and the
 * session-wide maxconn, t2w and t2r are ignored (as Windows does).
 * add-conn prints "connection HI-LO".
 *
 * devices lists the SCSI devices of a session (GetDevicesForIScsiSession),
 * add-portal adds a send-target portal (AddIScsiSendTargetPortal, which
 * discovers there; it takes the login options that apply to a discovery
 * session), portals lists them and targets lists the targets they reported
 * (ReportIScsiTargets, discovering again with "force"). devices and targets
 * make the usual two calls and print the first one's answer as
 * "first call: STATUS N". mappings lists the live sessions' bus, target id
 * and LUNs (ReportActiveIScsiTargetMappings), target-info prints one
 * class of GetIScsiTargetInformation, and inquiry (with a VPD page: EVPD),
 * read-capacity and report-luns send that SCSI command to a session's
 * logical unit, first with a 4-byte buffer, printing the status, the sizes
 * and the bytes. add-device, remove-device, devices-list and clear-devices
 * change and print the list of persistently bound devices.
 *
 * Session and connection ids are printed as iscsicli prints them:
 * AdapterUnique-AdapterSpecific in hexadecimal.
 *
 * Exits 0 on success, 1 with the status's name and the library's
 * explanation on stderr if a call fails, 2 on bad usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscsidsc.h>

static const char *program = "isdsc-login";

static int fail(const char *call, ISDSC_STATUS status)
{
	const char *name = IScsiMcsStatusName(status);

	fprintf(stderr, "%s: %s failed: %s (0x%08X): %s\n", program, call,
		name ? name : "unknown status", (unsigned int)status,
		IScsiMcsLastErrorText()[0] ? IScsiMcsLastErrorText() : "no details");
	return 1;
}

static int usage(void)
{
	fprintf(stderr, "usage: %s [-W] login TARGET ADDRESS[:PORT] [OPTION...]\n"
		"       %s [-W] add-conn SESSION-ID ADDRESS[:PORT] [OPTION...]\n"
		"       %s remove-conn SESSION-ID CONNECTION-ID\n"
		"       %s [-W] list | listex | logout SESSION-ID | chap-secret [SECRET]\n"
		"       %s [-W] devices SESSION-ID | portals | targets [force]\n"
		"       %s [-W] add-portal|remove-portal|refresh-portal ADDRESS[:PORT] [OPTION...]\n"
		"       %s [-W] mappings | target-info TARGET CLASS [MECHANISM]\n"
		"       %s inquiry SESSION-ID LUN [VPD-PAGE] | read-capacity SESSION-ID LUN\n"
		"       %s report-luns SESSION-ID\n"
		"       %s [-W] add-device|remove-device PATH | devices-list | clear-devices\n",
		program, program, program, program, program, program, program, program, program,
		program);
	return 2;
}

/* ---- strings: UTF-16 for the W functions ---- */

/* ASCII to UTF-16 (enough for names and addresses). */
static void to_wide(const char *s, WCHAR *out, size_t units)
{
	size_t i;

	for (i = 0; s[i] && i + 1 < units; i++)
		out[i] = (unsigned char)s[i];
	out[i] = 0;
}

/* UTF-16 to printable ASCII, '?' for anything else. */
static const char *from_wide(const WCHAR *s, char *out, size_t size)
{
	size_t i;

	if (!s)
		return "(none)";
	for (i = 0; s[i] && i + 1 < size; i++)
		out[i] = s[i] >= 0x20 && s[i] < 0x7f ? (char)s[i] : '?';
	out[i] = '\0';
	return out;
}

static void print_id(const char *prefix, const ISCSI_UNIQUE_SESSION_ID *id)
{
	printf("%s%016llx-%016llx", prefix, (unsigned long long)id->AdapterUnique,
	       (unsigned long long)id->AdapterSpecific);
}

static int parse_id(const char *text, ISCSI_UNIQUE_SESSION_ID *id)
{
	unsigned long long hi, lo;
	int n = 0;

	if (sscanf(text, "%llx-%llx%n", &hi, &lo, &n) != 2 || text[n])
		return -1;
	id->AdapterUnique = hi;
	id->AdapterSpecific = lo;
	return 0;
}

/* ---- login ---- */

struct login_cmd {
	const char *target;
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT socket;
	ISCSI_LOGIN_OPTIONS options;
	char chap_name[256], chap_secret[256];
	ULONG port;
	const char *instance;
	ISCSI_SECURITY_FLAGS security_flags;
	char *key;
	BOOLEAN persistent, informational, mappings;
	int reserved;
};

/* "NAME:SECRET" into the login options' Username and Password. */
static int set_chap(struct login_cmd *c, const char *value, ISCSI_AUTH_TYPES type)
{
	const char *colon = strchr(value, ':');

	if (!colon || (size_t)(colon - value) >= sizeof(c->chap_name) ||
	    strlen(colon + 1) >= sizeof(c->chap_secret))
		return -1;
	memcpy(c->chap_name, value, (size_t)(colon - value));
	c->chap_name[colon - value] = '\0';
	strcpy(c->chap_secret, colon + 1);
	c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_AUTH_TYPE |
					   ISCSI_LOGIN_OPTIONS_USERNAME | ISCSI_LOGIN_OPTIONS_PASSWORD;
	c->options.AuthType = type;
	c->options.Username = (PUCHAR)c->chap_name;
	c->options.UsernameLength = (ULONG)strlen(c->chap_name);
	c->options.Password = (PUCHAR)c->chap_secret;
	c->options.PasswordLength = (ULONG)strlen(c->chap_secret);
	return 0;
}

static int set_digest(ISCSI_DIGEST_TYPES *d, const char *value)
{
	if (!strcmp(value, "none"))
		*d = ISCSI_DIGEST_TYPE_NONE;
	else if (!strcmp(value, "crc32c"))
		*d = ISCSI_DIGEST_TYPE_CRC32C;
	else
		return -1;
	return 0;
}

static int parse_ulong(const char *s, ULONG *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || !*s || *end || v > 0xFFFFFFFFull)
		return -1;
	*out = (ULONG)v;
	return 0;
}

static int parse_option(struct login_cmd *c, const char *opt)
{
	const char *eq = strchr(opt, '=');
	const char *value = eq ? eq + 1 : "";
	size_t key_len = eq ? (size_t)(eq - opt) : strlen(opt);
	ULONG n;

#define IS(name) (key_len == strlen(name) && !strncmp(opt, name, key_len))
	if (IS("chap"))
		return set_chap(c, value, ISCSI_CHAP_AUTH_TYPE);
	if (IS("mutual"))
		return set_chap(c, value, ISCSI_MUTUAL_CHAP_AUTH_TYPE);
	if (IS("hd")) {
		c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_HEADER_DIGEST;
		return set_digest(&c->options.HeaderDigest, value);
	}
	if (IS("dd")) {
		c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_DATA_DIGEST;
		return set_digest(&c->options.DataDigest, value);
	}
	if (IS("maxconn")) {
		c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
		return parse_ulong(value, &c->options.MaximumConnections);
	}
	if (IS("t2w")) {
		c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT;
		return parse_ulong(value, &c->options.DefaultTime2Wait);
	}
	if (IS("t2r")) {
		c->options.InformationSpecified |= ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
		return parse_ulong(value, &c->options.DefaultTime2Retain);
	}
	if (IS("multipath")) {
		c->options.LoginFlags |= ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED;
		return 0;
	}
	if (IS("port")) {
		/* A port is an initiator's port: name the one initiator instance. */
		c->instance = "iscsi_mcs";
		return parse_ulong(value, &c->port);
	}
	if (IS("secflags")) {
		if (parse_ulong(value, &n) < 0)
			return -1;
		c->security_flags = n;
		return 0;
	}
	if (IS("key")) {
		c->key = (char *)value;
		return 0;
	}
	if (IS("persistent"))
		c->persistent = TRUE;
	else if (IS("informational"))
		c->informational = TRUE;
	else if (IS("mappings"))
		c->mappings = TRUE;
	else if (IS("reserved"))
		c->reserved = 1;
	else
		return -1;
#undef IS
	return 0;
}

/* "ADDRESS", "ADDRESS:PORT", "[IPV6]:PORT" or a bare IPv6 address. */
static int parse_portal(struct login_cmd *c, const char *text)
{
	const char *colon = strrchr(text, ':');
	ULONG port = 0;
	size_t len = strlen(text);

	if (text[0] == '[') {
		const char *end = strchr(text, ']');

		if (!end || (end[1] && (end[1] != ':' || parse_ulong(end + 2, &port) < 0)))
			return -1;
		len = (size_t)(end + 1 - text);
	} else if (colon && colon == strchr(text, ':')) {
		if (parse_ulong(colon + 1, &port) < 0)
			return -1;
		len = (size_t)(colon - text);
	}
	if (len >= sizeof(c->address) || port > 65535)
		return -1;
	memcpy(c->address, text, len);
	c->address[len] = '\0';
	c->socket = (USHORT)port;	/* 0: the default, 3260 */
	return 0;
}

static int login(struct login_cmd *c, int wide)
{
	ISCSI_UNIQUE_SESSION_ID session;
	ISCSI_UNIQUE_CONNECTION_ID connection;
	ISCSI_TARGET_MAPPINGA mapping_a;
	ISCSI_TARGET_MAPPINGW mapping_w;
	PISCSI_LOGIN_OPTIONS options = c->options.InformationSpecified ||
				       c->options.LoginFlags ? &c->options : NULL;
	ISDSC_STATUS status;

	memset(&mapping_a, 0, sizeof(mapping_a));
	memset(&mapping_w, 0, sizeof(mapping_w));
	if (!wide) {
		ISCSI_TARGET_PORTALA portal;

		memset(&portal, 0, sizeof(portal));
		strcpy(portal.Address, c->address);
		portal.Socket = c->socket;
		status = LoginIScsiTargetA((PSTR)c->target, c->informational, (PSTR)c->instance,
					   c->port, &portal, c->security_flags,
					   c->mappings ? &mapping_a : NULL, options,
					   c->key ? (ULONG)strlen(c->key) : 0, c->key,
					   c->persistent, &session, &connection);
	} else {
		ISCSI_TARGET_PORTALW portal;
		WCHAR target[MAX_ISCSI_NAME_LEN + 1], instance[MAX_ISCSI_HBANAME_LEN];

		memset(&portal, 0, sizeof(portal));
		to_wide(c->address, portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
		portal.Socket = c->socket;
		to_wide(c->target, target, MAX_ISCSI_NAME_LEN + 1);
		if (c->instance)
			to_wide(c->instance, instance, MAX_ISCSI_HBANAME_LEN);
		status = LoginIScsiTargetW(target, c->informational,
					   c->instance ? instance : NULL, c->port, &portal,
					   c->security_flags, c->mappings ? &mapping_w : NULL,
					   options, c->key ? (ULONG)strlen(c->key) : 0, c->key,
					   c->persistent, &session, &connection);
	}
	if (status != ERROR_SUCCESS)
		return fail(wide ? "LoginIScsiTargetW" : "LoginIScsiTargetA", status);
	print_id("session ", &session);
	print_id(" connection ", &connection);
	printf("\n");
	return 0;
}

/* ---- connections ---- */

/*
 * One more connection of a session, as iscsicli AddConnection: through
 * any portal of the session's portal group, from any initiator port (or
 * the one port=N names), with its own digests and CHAP.
 */
static int add_connection(const ISCSI_UNIQUE_SESSION_ID *session, struct login_cmd *c, int wide)
{
	ISCSI_UNIQUE_SESSION_ID sid = *session;
	ISCSI_UNIQUE_CONNECTION_ID connection;
	PISCSI_LOGIN_OPTIONS options = c->options.InformationSpecified ||
				       c->options.LoginFlags ? &c->options : NULL;
	int dummy = 0;
	PVOID reserved = c->reserved ? &dummy : NULL;
	ISDSC_STATUS status;

	if (!wide) {
		ISCSI_TARGET_PORTALA portal;

		memset(&portal, 0, sizeof(portal));
		strcpy(portal.Address, c->address);
		portal.Socket = c->socket;
		status = AddIScsiConnectionA(&sid, reserved, c->port, &portal, c->security_flags,
					     options, c->key ? (ULONG)strlen(c->key) : 0, c->key,
					     &connection);
	} else {
		ISCSI_TARGET_PORTALW portal;

		memset(&portal, 0, sizeof(portal));
		to_wide(c->address, portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
		portal.Socket = c->socket;
		status = AddIScsiConnectionW(&sid, reserved, c->port, &portal, c->security_flags,
					     options, c->key ? (ULONG)strlen(c->key) : 0, c->key,
					     &connection);
	}
	if (status != ERROR_SUCCESS)
		return fail(wide ? "AddIScsiConnectionW" : "AddIScsiConnectionA", status);
	print_id("connection ", &connection);
	printf("\n");
	return 0;
}

static int remove_connection(ISCSI_UNIQUE_SESSION_ID *session,
			     ISCSI_UNIQUE_CONNECTION_ID *connection)
{
	ISDSC_STATUS status = RemoveIScsiConnection(session, connection);

	/* The last connection stays: LogoutIScsiTarget ends the session. */
	if (status == ISDSC_CANT_REMOVE_LAST_CONNECTION)
		fprintf(stderr, "%s: the last connection of a session goes with "
			"LogoutIScsiTarget\n", program);
	return status == ERROR_SUCCESS ? 0 : fail("RemoveIScsiConnection", status);
}

/* ---- session lists ---- */

/*
 * The usual two calls: ask for the size, then fill a buffer of that size,
 * again if sessions appeared in between.
 */
static ISDSC_STATUS get_list(int kind, void **buf, ULONG *count)
{
	ULONG size = 0;
	ISDSC_STATUS status;

	*buf = NULL;
	for (;;) {
		if (kind == 'A')
			status = GetIScsiSessionListA(&size, count, *buf);
		else if (kind == 'W')
			status = GetIScsiSessionListW(&size, count, *buf);
		else
			status = GetIScsiSessionListEx(&size, count, *buf);
		if (status != ERROR_INSUFFICIENT_BUFFER)
			return status;
		free(*buf);
		*buf = malloc(size);
		if (!*buf)
			return ERROR_NOT_ENOUGH_MEMORY;
	}
}

static void print_bytes(const char *label, const UCHAR *b, int n)
{
	printf(" %s", label);
	for (int i = 0; i < n; i++)
		printf(" %02x", b[i]);
}

static void print_session_a(const ISCSI_SESSION_INFOA *s)
{
	print_id("session ", &s->SessionId);
	printf(" initiator %s target-node %s target %s",
	       s->InitiatorName ? s->InitiatorName : "(none)",
	       s->TargetNodeName ? s->TargetNodeName : "(none)",
	       s->TargetName ? s->TargetName : "(none)");
	print_bytes("isid", s->ISID, 6);
	print_bytes("tsid", s->TSID, 2);
	printf(" connections %u\n", (unsigned int)s->ConnectionCount);
	for (ULONG j = 0; j < s->ConnectionCount; j++) {
		const ISCSI_CONNECTION_INFOA *c = &s->Connections[j];

		print_id("  connection ", &c->ConnectionId);
		print_bytes("cid", c->CID, 2);
		printf(" initiator-portal %s/%u target-portal %s/%u\n",
		       c->InitiatorAddress ? c->InitiatorAddress : "(none)", c->InitiatorSocket,
		       c->TargetAddress ? c->TargetAddress : "(none)", c->TargetSocket);
	}
}

static void print_session_w(const ISCSI_SESSION_INFOW *s)
{
	char a[MAX_ISCSI_NAME_LEN + 1], b[MAX_ISCSI_NAME_LEN + 1], c[MAX_ISCSI_NAME_LEN + 1];

	print_id("session ", &s->SessionId);
	printf(" initiator %s target-node %s target %s",
	       from_wide(s->InitiatorName, a, sizeof(a)),
	       from_wide(s->TargetNodeName, b, sizeof(b)),
	       from_wide(s->TargetName, c, sizeof(c)));
	print_bytes("isid", s->ISID, 6);
	print_bytes("tsid", s->TSID, 2);
	printf(" connections %u\n", (unsigned int)s->ConnectionCount);
	for (ULONG j = 0; j < s->ConnectionCount; j++) {
		const ISCSI_CONNECTION_INFOW *conn = &s->Connections[j];

		print_id("  connection ", &conn->ConnectionId);
		print_bytes("cid", conn->CID, 2);
		printf(" initiator-portal %s/%u target-portal %s/%u\n",
		       from_wide(conn->InitiatorAddress, a, sizeof(a)), conn->InitiatorSocket,
		       from_wide(conn->TargetAddress, b, sizeof(b)), conn->TargetSocket);
	}
}

static int list(int wide)
{
	ULONG count;
	void *buf;
	ISDSC_STATUS status;

	status = get_list(wide ? 'W' : 'A', &buf, &count);
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "GetIScsiSessionListW" : "GetIScsiSessionListA", status);
	}
	printf("%u session(s)\n", (unsigned int)count);
	for (ULONG i = 0; i < count; i++) {
		if (wide)
			print_session_w((const ISCSI_SESSION_INFOW *)buf + i);
		else
			print_session_a((const ISCSI_SESSION_INFOA *)buf + i);
	}
	free(buf);
	return 0;
}

static int list_ex(void)
{
	ULONG count;
	void *buf;
	ISDSC_STATUS status;

	status = get_list('X', &buf, &count);
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail("GetIScsiSessionListEx", status);
	}
	printf("%u session(s)\n", (unsigned int)count);
	for (ULONG i = 0; i < count; i++) {
		const ISCSI_SESSION_INFO_EX *s = (ISCSI_SESSION_INFO_EX *)buf + i;

		print_id("session ", &s->SessionId);
		printf(" InitialR2T %u ImmediateData %u ErrorRecoveryLevel %u "
		       "MaxOutstandingR2T %u FirstBurstLength %u MaxBurstLength %u "
		       "MaxConnections %u connections %u\n", s->InitialR2t, s->ImmediateData,
		       s->ErrorRecoveryLevel, (unsigned int)s->MaxOutstandingR2t,
		       (unsigned int)s->FirstBurstLength, (unsigned int)s->MaxBurstLength,
		       (unsigned int)s->MaximumConnections, (unsigned int)s->ConnectionCount);
		for (ULONG j = 0; j < s->ConnectionCount; j++) {
			const ISCSI_CONNECTION_INFO_EX *c = s->Connections + j;

			print_id("  connection ", &c->ConnectionId);
			printf(" state %u HeaderDigest %u DataDigest %u MaxRecvDataSegmentLength %u\n",
			       c->State, c->HeaderDigest, c->DataDigest,
			       (unsigned int)c->MaxRecvDataSegmentLength);
		}
	}
	free(buf);
	return 0;
}

/* ---- devices of a session ---- */

static void print_device(const SCSI_ADDRESS *a, const STORAGE_DEVICE_NUMBER *n, DWORD instance,
			 const GUID *g, const char *legacy, const char *interface)
{
	printf("device %u:%u:%u:%u type 0x%x number %u partition %u instance 0x%x "
	       "guid %08x legacy %s interface %s\n", a->PortNumber, a->PathId, a->TargetId, a->Lun,
	       (unsigned int)n->DeviceType, (unsigned int)n->DeviceNumber,
	       (unsigned int)n->PartitionNumber, (unsigned int)instance, (unsigned int)g->Data1,
	       legacy[0] ? legacy : "(none)", interface[0] ? interface : "(none)");
}

static int devices(ISCSI_UNIQUE_SESSION_ID *session, int wide)
{
	ULONG count = 0;
	void *buf = NULL;
	ISDSC_STATUS status;

	/* The first call asks how many there are. */
	status = wide ? GetDevicesForIScsiSessionW(session, &count, NULL) :
			GetDevicesForIScsiSessionA(session, &count, NULL);
	printf("first call: %s %u\n", IScsiMcsStatusName(status) ? IScsiMcsStatusName(status) :
	       "unknown", (unsigned int)count);
	while (status == ERROR_INSUFFICIENT_BUFFER) {
		free(buf);
		buf = calloc(count, wide ? sizeof(ISCSI_DEVICE_ON_SESSIONW) :
				    sizeof(ISCSI_DEVICE_ON_SESSIONA));
		if (!buf)
			return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		status = wide ? GetDevicesForIScsiSessionW(session, &count, buf) :
				GetDevicesForIScsiSessionA(session, &count, buf);
	}
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "GetDevicesForIScsiSessionW" : "GetDevicesForIScsiSessionA",
			    status);
	}
	printf("%u device(s)\n", (unsigned int)count);
	for (ULONG i = 0; i < count; i++) {
		if (wide) {
			const ISCSI_DEVICE_ON_SESSIONW *d = (ISCSI_DEVICE_ON_SESSIONW *)buf + i;
			char legacy[MAX_PATH], interface[MAX_PATH], target[MAX_ISCSI_NAME_LEN + 1];

			from_wide(d->TargetName, target, sizeof(target));
			printf("target %s\n", target);
			print_device(&d->ScsiAddress, &d->StorageDeviceNumber, d->DeviceInstance,
				     &d->DeviceInterfaceType,
				     from_wide(d->LegacyName, legacy, sizeof(legacy)),
				     from_wide(d->DeviceInterfaceName, interface, sizeof(interface)));
		} else {
			const ISCSI_DEVICE_ON_SESSIONA *d = (ISCSI_DEVICE_ON_SESSIONA *)buf + i;

			printf("target %s\n", d->TargetName);
			print_device(&d->ScsiAddress, &d->StorageDeviceNumber, d->DeviceInstance,
				     &d->DeviceInterfaceType, d->LegacyName, d->DeviceInterfaceName);
		}
	}
	free(buf);
	return 0;
}

/* ---- target mappings, SCSI pass-through, target information ---- */

static const char *status_name(ISDSC_STATUS status)
{
	return IScsiMcsStatusName(status) ? IScsiMcsStatusName(status) : "unknown";
}

static int mappings(int wide)
{
	ULONG size = 0, count = 0;
	void *buf = NULL;
	ISDSC_STATUS status;

	status = wide ? ReportActiveIScsiTargetMappingsW(&size, &count, NULL) :
			ReportActiveIScsiTargetMappingsA(&size, &count, NULL);
	printf("first call: %s %u\n", status_name(status), (unsigned int)count);
	while (status == ERROR_INSUFFICIENT_BUFFER) {
		free(buf);
		/* calloc's memory is aligned for the structure's pointer. */
		buf = calloc(1, size);
		if (!buf)
			return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		status = wide ? ReportActiveIScsiTargetMappingsW(&size, &count, buf) :
				ReportActiveIScsiTargetMappingsA(&size, &count, buf);
	}
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "ReportActiveIScsiTargetMappingsW" :
			    "ReportActiveIScsiTargetMappingsA", status);
	}
	printf("%u mapping(s)\n", (unsigned int)count);
	for (ULONG i = 0; i < count; i++) {
		char target[MAX_ISCSI_NAME_LEN + 1], device[MAX_PATH], initiator[MAX_ISCSI_HBANAME_LEN];
		const ISCSI_UNIQUE_SESSION_ID *sid;
		const SCSI_LUN_LIST *luns;
		ULONG bus, tid, n;

		if (wide) {
			const ISCSI_TARGET_MAPPINGW *m = (ISCSI_TARGET_MAPPINGW *)buf + i;

			from_wide(m->TargetName, target, sizeof(target));
			from_wide(m->OSDeviceName, device, sizeof(device));
			from_wide(m->InitiatorName, initiator, sizeof(initiator));
			sid = &m->SessionId;
			bus = m->OSBusNumber;
			tid = m->OSTargetNumber;
			n = m->LUNCount;
			luns = m->LUNList;
		} else {
			const ISCSI_TARGET_MAPPINGA *m = (ISCSI_TARGET_MAPPINGA *)buf + i;

			snprintf(target, sizeof(target), "%s", m->TargetName);
			snprintf(device, sizeof(device), "%s", m->OSDeviceName);
			snprintf(initiator, sizeof(initiator), "%s", m->InitiatorName);
			sid = &m->SessionId;
			bus = m->OSBusNumber;
			tid = m->OSTargetNumber;
			n = m->LUNCount;
			luns = m->LUNList;
		}
		print_id("mapping ", sid);
		printf(" initiator %s target %s device %s bus %u target-id %u luns", initiator,
		       target, device, (unsigned int)bus, (unsigned int)tid);
		for (ULONG j = 0; j < n; j++)
			printf("%s%u=%#llx", j ? "," : " ", (unsigned int)luns[j].OSLUN,
			       (unsigned long long)luns[j].TargetLUN);
		printf("\n");
	}
	free(buf);
	return 0;
}

static void print_hex(const char *what, const UCHAR *p, ULONG n)
{
	printf("%s", what);
	for (ULONG i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/* Prints the answer of one SendScsi* call: status, sizes, bytes. */
static int scsi_result(const char *call, ISDSC_STATUS status, UCHAR scsi_status,
		       const UCHAR *resp, ULONG rsize, const UCHAR *sense, ULONG ssize)
{
	printf("%s %s scsi-status 0x%02x response %u sense %u\n", call, status_name(status),
	       scsi_status, (unsigned int)rsize, (unsigned int)ssize);
	if (status == ISDSC_SCSI_REQUEST_FAILED) {
		print_hex("sense", sense, ssize < 18 ? ssize : 18);
		return 1;
	}
	if (status != ERROR_SUCCESS)
		return fail(call, status);
	print_hex("data", resp, rsize < 64 ? rsize : 64);
	return 0;
}

enum scsi_cmd { SCSI_INQUIRY, SCSI_READ_CAPACITY, SCSI_REPORT_LUNS };

static int scsi(enum scsi_cmd cmd, ISCSI_UNIQUE_SESSION_ID *id, ULONGLONG lun, int evpd,
		UCHAR page)
{
	static const char *const names[] = { "SendScsiInquiry", "SendScsiReadCapacity",
					     "SendScsiReportLuns" };
	UCHAR resp[4096], sense[64], scsi_status = 0xff;
	ULONG rsize = 4, ssize = sizeof(sense);
	ISDSC_STATUS status;

	/* First with 4 bytes, to show the size protocol, then with room. */
	for (int pass = 0; pass < 2; pass++) {
		switch (cmd) {
		case SCSI_INQUIRY:
			status = SendScsiInquiry(id, lun, (UCHAR)evpd, page, &scsi_status, &rsize,
						 resp, &ssize, sense);
			break;
		case SCSI_READ_CAPACITY:
			status = SendScsiReadCapacity(id, lun, &scsi_status, &rsize, resp, &ssize,
						      sense);
			break;
		default:
			status = SendScsiReportLuns(id, &scsi_status, &rsize, resp, &ssize, sense);
			break;
		}
		if (pass || status != ERROR_INSUFFICIENT_BUFFER)
			break;
		printf("first call: %s %u\n", status_name(status), (unsigned int)rsize);
		if (rsize > sizeof(resp))
			return fail(names[cmd], ERROR_INSUFFICIENT_BUFFER);
	}
	return scsi_result(names[cmd], status, scsi_status, resp, rsize, sense, ssize);
}

static int target_info(const char *target, const char *mechanism, const char *cls, int wide)
{
	static const char *const classes[] = { "ProtocolType", "TargetAlias",
		"DiscoveryMechanisms", "PortalGroups", "PersistentTargetMappings", "InitiatorName",
		"TargetFlags", "LoginOptions" };
	WCHAR wtarget[MAX_ISCSI_NAME_LEN + 1], wmech[300];
	TARGET_INFORMATION_CLASS c = (TARGET_INFORMATION_CLASS)-1;
	ULONG size = 0, n;
	ISDSC_STATUS status;
	UCHAR *buf = NULL;
	size_t off;

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (!strcmp(cls, classes[i]))
			c = (TARGET_INFORMATION_CLASS)i;
	if ((int)c < 0)
		return usage();
	to_wide(target, wtarget, sizeof(wtarget) / sizeof(wtarget[0]));
	if (mechanism)
		to_wide(mechanism, wmech, sizeof(wmech) / sizeof(wmech[0]));
	do {
		status = wide ? GetIScsiTargetInformationW(wtarget, mechanism ? wmech : NULL, c,
							   &size, buf) :
				GetIScsiTargetInformationA((PSTR)target, (PSTR)mechanism, c, &size,
							   buf);
		if (!buf)
			printf("first call: %s %u\n", status_name(status), (unsigned int)size);
		if (status == ERROR_INSUFFICIENT_BUFFER) {
			free(buf);
			buf = calloc(1, size);
			if (!buf)
				return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		}
	} while (status == ERROR_INSUFFICIENT_BUFFER);
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "GetIScsiTargetInformationW" : "GetIScsiTargetInformationA",
			    status);
	}
	printf("%s %u byte(s)\n", cls, (unsigned int)size);
	switch (c) {
	case ProtocolType:
	case TargetFlags:
		memcpy(&n, buf, sizeof(n));
		printf("value %u\n", (unsigned int)n);
		break;
	case TargetAlias:
	case InitiatorName:
	case DiscoveryMechanisms:
		for (off = 0; off < size;) {
			char text[600];

			if (wide) {
				const WCHAR *w = (const WCHAR *)(buf + off);

				if (!*w)
					break;
				from_wide(w, text, sizeof(text));
				for (n = 0; w[n]; n++)
					;
				off += (n + 1) * sizeof(WCHAR);
			} else {
				snprintf(text, sizeof(text), "%s", (const char *)buf + off);
				if (!buf[off])
					break;
				off += strlen((const char *)buf + off) + 1;
			}
			printf("string \"%s\"\n", text);
			if (c != DiscoveryMechanisms)
				break;
		}
		break;
	case PortalGroups: {
		size_t unit = wide ? sizeof(ISCSI_TARGET_PORTALW) : sizeof(ISCSI_TARGET_PORTALA);
		ULONG groups, count;

		memcpy(&groups, buf, sizeof(groups));
		printf("%u group(s)\n", (unsigned int)groups);
		off = 4;
		for (ULONG g = 0; g < groups; g++) {
			memcpy(&count, buf + off, sizeof(count));
			for (ULONG p = 0; p < count; p++) {
				char address[MAX_ISCSI_PORTAL_ADDRESS_LEN], tag[MAX_ISCSI_PORTAL_NAME_LEN];
				USHORT socket;

				if (wide) {
					const ISCSI_TARGET_PORTALW *w = (const ISCSI_TARGET_PORTALW *)
						(const void *)(buf + off + 4 + p * unit);

					from_wide(w->Address, address, sizeof(address));
					from_wide(w->SymbolicName, tag, sizeof(tag));
					socket = w->Socket;
				} else {
					const ISCSI_TARGET_PORTALA *a = (const ISCSI_TARGET_PORTALA *)
						(const void *)(buf + off + 4 + p * unit);

					snprintf(address, sizeof(address), "%s", a->Address);
					snprintf(tag, sizeof(tag), "%s", a->SymbolicName);
					socket = a->Socket;
				}
				printf("group %u tag \"%s\" portal %s/%u\n", (unsigned int)g, tag,
				       address, (unsigned int)socket);
			}
			off += (4 + count * unit + 3) & ~(size_t)3;
		}
		break;
	}
	case PersistentTargetMappings:
		memcpy(&n, buf, sizeof(n));
		printf("%u mapping(s)\n", (unsigned int)n);
		break;
	case LoginOptions: {
		const ISCSI_LOGIN_OPTIONS *o = (const ISCSI_LOGIN_OPTIONS *)(const void *)buf;

		printf("specified 0x%x auth %d header-digest %d data-digest %d max-connections %u "
		       "user \"%.*s\"\n", (unsigned int)o->InformationSpecified, (int)o->AuthType,
		       (int)o->HeaderDigest, (int)o->DataDigest,
		       (unsigned int)o->MaximumConnections, (int)o->UsernameLength,
		       o->Username ? (const char *)o->Username : "");
		break;
	}
	}
	free(buf);
	return 0;
}

/* ---- persistently bound devices ---- */

static int device_list(int wide)
{
	ULONG size = 0;
	void *buf = NULL;
	ISDSC_STATUS status;
	size_t at = 0;

	status = wide ? ReportPersistentIScsiDevicesW(&size, NULL) :
			ReportPersistentIScsiDevicesA(&size, NULL);
	printf("first call: %s %u\n", status_name(status), (unsigned int)size);
	while (status == ERROR_INSUFFICIENT_BUFFER) {
		free(buf);
		buf = calloc(size, wide ? sizeof(WCHAR) : 1);
		if (!buf)
			return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		status = wide ? ReportPersistentIScsiDevicesW(&size, buf) :
				ReportPersistentIScsiDevicesA(&size, buf);
	}
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "ReportPersistentIScsiDevicesW" : "ReportPersistentIScsiDevicesA",
			    status);
	}
	while (at + 1 < size) {
		char text[4096];

		if (wide) {
			const WCHAR *w = (const WCHAR *)buf + at;
			size_t n = 0;

			while (w[n])
				n++;
			from_wide(w, text, sizeof(text));
			at += n + 1;
		} else {
			snprintf(text, sizeof(text), "%s", (const char *)buf + at);
			at += strlen((const char *)buf + at) + 1;
		}
		printf("device %s\n", text);
	}
	free(buf);
	return 0;
}

static int device_call(const char *op, const char *path, int wide)
{
	WCHAR wpath[4096];
	ISDSC_STATUS status;
	const char *call;

	to_wide(path, wpath, sizeof(wpath) / sizeof(wpath[0]));
	if (!strcmp(op, "add-device")) {
		call = wide ? "AddPersistentIScsiDeviceW" : "AddPersistentIScsiDeviceA";
		status = wide ? AddPersistentIScsiDeviceW(wpath) :
				AddPersistentIScsiDeviceA((PSTR)path);
	} else {
		call = wide ? "RemovePersistentIScsiDeviceW" : "RemovePersistentIScsiDeviceA";
		status = wide ? RemovePersistentIScsiDeviceW(wpath) :
				RemovePersistentIScsiDeviceA((PSTR)path);
	}
	return status == ERROR_SUCCESS ? 0 : fail(call, status);
}

/* ---- send-target portals ---- */

enum portal_op { PORTAL_ADD, PORTAL_REMOVE, PORTAL_REFRESH };

static int portal_call(enum portal_op op, struct login_cmd *c, int wide)
{
	static const char *const names[2][3] = {
		{ "AddIScsiSendTargetPortalA", "RemoveIScsiSendTargetPortalA",
		  "RefreshIScsiSendTargetPortalA" },
		{ "AddIScsiSendTargetPortalW", "RemoveIScsiSendTargetPortalW",
		  "RefreshIScsiSendTargetPortalW" },
	};
	PISCSI_LOGIN_OPTIONS options = c->options.InformationSpecified ||
				       c->options.LoginFlags ? &c->options : NULL;
	ISDSC_STATUS status;

	if (!wide) {
		ISCSI_TARGET_PORTALA portal;

		memset(&portal, 0, sizeof(portal));
		strcpy(portal.Address, c->address);
		portal.Socket = c->socket;
		if (op == PORTAL_ADD)
			status = AddIScsiSendTargetPortalA((PSTR)c->instance, c->port, options,
							   c->security_flags, &portal);
		else if (op == PORTAL_REMOVE)
			status = RemoveIScsiSendTargetPortalA((PSTR)c->instance, c->port, &portal);
		else
			status = RefreshIScsiSendTargetPortalA((PSTR)c->instance, c->port, &portal);
	} else {
		ISCSI_TARGET_PORTALW portal;
		WCHAR instance[MAX_ISCSI_HBANAME_LEN];

		memset(&portal, 0, sizeof(portal));
		to_wide(c->address, portal.Address, MAX_ISCSI_PORTAL_ADDRESS_LEN);
		portal.Socket = c->socket;
		if (c->instance)
			to_wide(c->instance, instance, MAX_ISCSI_HBANAME_LEN);
		if (op == PORTAL_ADD)
			status = AddIScsiSendTargetPortalW(c->instance ? instance : NULL, c->port,
							   options, c->security_flags, &portal);
		else if (op == PORTAL_REMOVE)
			status = RemoveIScsiSendTargetPortalW(c->instance ? instance : NULL, c->port,
							      &portal);
		else
			status = RefreshIScsiSendTargetPortalW(c->instance ? instance : NULL,
							       c->port, &portal);
	}
	return status == ERROR_SUCCESS ? 0 : fail(names[wide][op], status);
}

static int portals(int wide)
{
	ULONG count = 0;
	void *buf = NULL;
	ISDSC_STATUS status;

	do {
		status = wide ? ReportIScsiSendTargetPortalsW(&count, buf) :
				ReportIScsiSendTargetPortalsA(&count, buf);
		if (status == ERROR_INSUFFICIENT_BUFFER) {
			free(buf);
			buf = calloc(count, wide ? sizeof(ISCSI_TARGET_PORTAL_INFOW) :
					    sizeof(ISCSI_TARGET_PORTAL_INFOA));
			if (!buf)
				return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		}
	} while (status == ERROR_INSUFFICIENT_BUFFER);
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "ReportIScsiSendTargetPortalsW" : "ReportIScsiSendTargetPortalsA",
			    status);
	}
	printf("%u portal(s)\n", (unsigned int)count);
	for (ULONG i = 0; i < count; i++) {
		char address[MAX_ISCSI_PORTAL_ADDRESS_LEN], symbolic[MAX_ISCSI_PORTAL_NAME_LEN];
		char initiator[MAX_ISCSI_HBANAME_LEN];
		ULONG port;
		USHORT socket;

		if (wide) {
			const ISCSI_TARGET_PORTAL_INFOW *p = (ISCSI_TARGET_PORTAL_INFOW *)buf + i;

			from_wide(p->Address, address, sizeof(address));
			from_wide(p->SymbolicName, symbolic, sizeof(symbolic));
			from_wide(p->InitiatorName, initiator, sizeof(initiator));
			port = p->InitiatorPortNumber;
			socket = p->Socket;
		} else {
			const ISCSI_TARGET_PORTAL_INFOA *p = (ISCSI_TARGET_PORTAL_INFOA *)buf + i;

			snprintf(address, sizeof(address), "%s", p->Address);
			snprintf(symbolic, sizeof(symbolic), "%s", p->SymbolicName);
			snprintf(initiator, sizeof(initiator), "%s", p->InitiatorName);
			port = p->InitiatorPortNumber;
			socket = p->Socket;
		}
		printf("portal %s/%u symbolic \"%s\" initiator \"%s\" port %ld\n", address, socket,
		       symbolic, initiator, port == ISCSI_ANY_INITIATOR_PORT ? -1L : (long)port);
	}
	free(buf);
	return 0;
}

static int targets(int wide, BOOLEAN force)
{
	ULONG size = 0, n = 0;
	void *buf = NULL;
	ISDSC_STATUS status;

	status = wide ? ReportIScsiTargetsW(force, &size, NULL) :
			ReportIScsiTargetsA(force, &size, NULL);
	printf("first call: %s %u\n", IScsiMcsStatusName(status) ? IScsiMcsStatusName(status) :
	       "unknown", (unsigned int)size);
	while (status == ERROR_INSUFFICIENT_BUFFER) {
		free(buf);
		buf = calloc(size, wide ? sizeof(WCHAR) : 1);
		if (!buf)
			return fail("calloc", ERROR_NOT_ENOUGH_MEMORY);
		/* Discovered once already: the second call reads what it recorded. */
		status = wide ? ReportIScsiTargetsW(FALSE, &size, buf) :
				ReportIScsiTargetsA(FALSE, &size, buf);
	}
	if (status != ERROR_SUCCESS) {
		free(buf);
		return fail(wide ? "ReportIScsiTargetsW" : "ReportIScsiTargetsA", status);
	}
	if (wide) {
		for (const WCHAR *p = buf; p && *p; n++)
			while (*p++)
				;
	} else {
		for (const char *p = buf; p && *p; p += strlen(p) + 1)
			n++;
	}
	printf("%u target(s)\n", (unsigned int)n);
	if (wide) {
		for (const WCHAR *p = buf; p && *p; ) {
			char name[MAX_ISCSI_NAME_LEN + 1];

			printf("target %s\n", from_wide(p, name, sizeof(name)));
			while (*p++)
				;
		}
	} else {
		for (const char *p = buf; p && *p; p += strlen(p) + 1)
			printf("target %s\n", p);
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	struct login_cmd cmd;
	int wide = 0, i = 1;
	ISCSI_UNIQUE_SESSION_ID id;
	ISDSC_STATUS status;

	if (i < argc && !strcmp(argv[i], "-W")) {
		wide = 1;
		i++;
	}
	if (i >= argc)
		return usage();

	if (!strcmp(argv[i], "login")) {
		if (argc - i < 3)
			return usage();
		memset(&cmd, 0, sizeof(cmd));
		cmd.options.Version = ISCSI_LOGIN_OPTIONS_VERSION;
		cmd.port = ISCSI_ANY_INITIATOR_PORT;
		cmd.target = argv[i + 1];
		if (parse_portal(&cmd, argv[i + 2]) < 0) {
			fprintf(stderr, "%s: bad portal \"%s\"\n", program, argv[i + 2]);
			return 2;
		}
		for (int j = i + 3; j < argc; j++) {
			if (parse_option(&cmd, argv[j]) < 0) {
				fprintf(stderr, "%s: bad option \"%s\"\n", program, argv[j]);
				return 2;
			}
		}
		return login(&cmd, wide);
	}
	if (!strcmp(argv[i], "add-conn")) {
		if (argc - i < 3)
			return usage();
		memset(&cmd, 0, sizeof(cmd));
		cmd.options.Version = ISCSI_LOGIN_OPTIONS_VERSION;
		cmd.port = ISCSI_ANY_INITIATOR_PORT;
		if (parse_id(argv[i + 1], &id) < 0) {
			fprintf(stderr, "%s: a session id is HEX-HEX, not \"%s\"\n", program,
				argv[i + 1]);
			return 2;
		}
		if (parse_portal(&cmd, argv[i + 2]) < 0) {
			fprintf(stderr, "%s: bad portal \"%s\"\n", program, argv[i + 2]);
			return 2;
		}
		for (int j = i + 3; j < argc; j++) {
			if (parse_option(&cmd, argv[j]) < 0) {
				fprintf(stderr, "%s: bad option \"%s\"\n", program, argv[j]);
				return 2;
			}
		}
		return add_connection(&id, &cmd, wide);
	}
	if (!strcmp(argv[i], "remove-conn") && argc - i == 3) {
		ISCSI_UNIQUE_CONNECTION_ID conn;

		if (parse_id(argv[i + 1], &id) < 0 || parse_id(argv[i + 2], &conn) < 0) {
			fprintf(stderr, "%s: ids are HEX-HEX\n", program);
			return 2;
		}
		return remove_connection(&id, &conn);
	}
	if (!strcmp(argv[i], "devices") && argc - i == 2) {
		if (parse_id(argv[i + 1], &id) < 0) {
			fprintf(stderr, "%s: a session id is HEX-HEX, not \"%s\"\n", program,
				argv[i + 1]);
			return 2;
		}
		return devices(&id, wide);
	}
	if ((!strcmp(argv[i], "add-portal") || !strcmp(argv[i], "remove-portal") ||
	     !strcmp(argv[i], "refresh-portal")) && argc - i >= 2) {
		enum portal_op op = argv[i][0] == 'a' ? PORTAL_ADD :
				    argv[i][2] == 'm' ? PORTAL_REMOVE : PORTAL_REFRESH;

		memset(&cmd, 0, sizeof(cmd));
		cmd.options.Version = ISCSI_LOGIN_OPTIONS_VERSION;
		cmd.port = ISCSI_ANY_INITIATOR_PORT;
		if (parse_portal(&cmd, argv[i + 1]) < 0) {
			fprintf(stderr, "%s: bad portal \"%s\"\n", program, argv[i + 1]);
			return 2;
		}
		for (int j = i + 2; j < argc; j++) {
			if (parse_option(&cmd, argv[j]) < 0) {
				fprintf(stderr, "%s: bad option \"%s\"\n", program, argv[j]);
				return 2;
			}
		}
		return portal_call(op, &cmd, wide);
	}
	if (!strcmp(argv[i], "portals") && argc - i == 1)
		return portals(wide);
	if (!strcmp(argv[i], "mappings") && argc - i == 1)
		return mappings(wide);
	if (!strcmp(argv[i], "devices-list") && argc - i == 1)
		return device_list(wide);
	if ((!strcmp(argv[i], "add-device") || !strcmp(argv[i], "remove-device")) &&
	    argc - i == 2)
		return device_call(argv[i], argv[i + 1], wide);
	if (!strcmp(argv[i], "clear-devices") && argc - i == 1) {
		status = ClearPersistentIScsiDevices();
		return status == ERROR_SUCCESS ? 0 : fail("ClearPersistentIScsiDevices", status);
	}
	if (!strcmp(argv[i], "target-info") && (argc - i == 3 || argc - i == 4))
		return target_info(argv[i + 1], argc - i == 4 ? argv[i + 3] : NULL, argv[i + 2],
				   wide);
	if ((!strcmp(argv[i], "inquiry") && argc - i >= 3 && argc - i <= 4) ||
	    (!strcmp(argv[i], "read-capacity") && argc - i == 3) ||
	    (!strcmp(argv[i], "report-luns") && argc - i == 2)) {
		unsigned long long lun = 0;
		unsigned int page = 0;
		int evpd = 0;

		if (parse_id(argv[i + 1], &id) < 0 ||
		    (argc - i >= 3 && sscanf(argv[i + 2], "%llu", &lun) != 1) ||
		    (argc - i == 4 && sscanf(argv[i + 3], "%x", &page) != 1))
			return usage();
		evpd = argc - i == 4;
		return scsi(argv[i][0] == 'i' ? SCSI_INQUIRY : argv[i][2] == 'a' ?
			    SCSI_READ_CAPACITY : SCSI_REPORT_LUNS, &id, lun, evpd, (UCHAR)page);
	}
	if (!strcmp(argv[i], "targets") && argc - i <= 2) {
		if (argc - i == 2 && strcmp(argv[i + 1], "force"))
			return usage();
		return targets(wide, argc - i == 2);
	}
	if (!strcmp(argv[i], "list") && argc - i == 1)
		return list(wide);
	if (!strcmp(argv[i], "listex") && argc - i == 1)
		return list_ex();
	if (!strcmp(argv[i], "logout") && argc - i == 2) {
		if (parse_id(argv[i + 1], &id) < 0) {
			fprintf(stderr, "%s: a session id is HEX-HEX, not \"%s\"\n", program,
				argv[i + 1]);
			return 2;
		}
		status = LogoutIScsiTarget(&id);
		return status == ERROR_SUCCESS ? 0 : fail("LogoutIScsiTarget", status);
	}
	if (!strcmp(argv[i], "chap-secret") && argc - i <= 2) {
		const char *secret = argc - i == 2 ? argv[i + 1] : "";

		status = SetIScsiInitiatorCHAPSharedSecret((ULONG)strlen(secret), (PUCHAR)secret);
		/* A warning (ISDSC_SHORT_CHAP_SECRET) means it was stored all the same. */
		if (ISDSC_IS_WARNING(status)) {
			fprintf(stderr, "%s: warning: %s: %s\n", program, IScsiMcsStatusName(status),
				IScsiMcsLastErrorText());
			return 0;
		}
		if (status != ERROR_SUCCESS)
			return fail("SetIScsiInitiatorCHAPSharedSecret", status);
		return 0;
	}
	return usage();
}
