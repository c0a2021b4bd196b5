// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mcsadm: administer the iscsi_mcs initiator the way iscsiadm administers
 * open-iscsi: same option letters, same "name = value" records, same exit
 * codes, so scripts written for one read the other. Every request goes
 * through libiscsidsc, the library Windows programs port to.
 *
 *   mcsadm -V | --version
 *   mcsadm -m config [-o show]
 *   mcsadm -m config -o update -n NAME -v VALUE
 *   mcsadm -m discovery
 *   mcsadm -m discovery -t sendtargets|st -p IP[:PORT]
 *   mcsadm -m discovery -p IP[:PORT] -o delete
 *   mcsadm -m node -T IQN -p IP[:PORT] -l|--login
 *   mcsadm -m node -T IQN [-p IP[:PORT]] -u|--logout
 *   mcsadm -m session [-r SESSION_ID] [-P 0|1|2|3]
 *   mcsadm -m session -r SESSION_ID -u
 *   mcsadm -m session -r SESSION_ID -o addconn -p IP[:PORT]
 *   mcsadm -m session -r SESSION_ID -o delconn --cid CID|CONNECTION_ID
 */

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <iscsidsc.h>

#define MCSADM_VERSION "0.1.0"

/* iscsiadm's exit codes (open-iscsi's iscsi_err.h), the ones we use. */
enum {
	ISCSI_SUCCESS = 0,
	ISCSI_ERR = 1,
	ISCSI_ERR_SESS_NOT_FOUND = 2,
	ISCSI_ERR_NOMEM = 3,
	ISCSI_ERR_TRANS = 4,
	ISCSI_ERR_LOGIN = 5,
	ISCSI_ERR_IDBM = 6,
	ISCSI_ERR_INVAL = 7,
	ISCSI_ERR_TRANS_TIMEOUT = 8,
	ISCSI_ERR_ACCESS = 13,
	ISCSI_ERR_SESS_EXISTS = 15,
	ISCSI_ERR_FATAL_LOGIN = 19,
	ISCSI_ERR_ISCSID_NOTCONN = 20,
	ISCSI_ERR_NO_OBJS_FOUND = 21,
	ISCSI_ERR_LOGIN_AUTH_FAILED = 24,
	ISCSI_ERR_OP_NOT_SUPP = 27,
	ISCSI_ERR_BUSY = 28,
	ISCSI_ERR_AGAIN = 29,
};

static int status_to_exit(ISDSC_STATUS st)
{
	switch (st) {
	case ERROR_SUCCESS:
		return ISCSI_SUCCESS;
	case ERROR_INVALID_PARAMETER:
	case ISDSC_INVALID_ISCSI_NAME:
	case ISDSC_NO_PORTAL_SPECIFIED:
	case ISDSC_INVALID_PORT_NUMBER:
	case ISDSC_INVALID_LOGON_AUTH_TYPE:
	case ISDSC_INVALID_CHAP_USER_NAME:
	case ISDSC_INVALID_TARGET_CHAP_SECRET:
	case ISDSC_INVALID_INITIATOR_CHAP_SECRET:
	case ISDSC_TARGET_AUTHINFO_UNAVAILABLE:
		return ISCSI_ERR_INVAL;
	/* The portal could not be reached, or dropped the connection. */
	case ISDSC_CONNECTION_FAILED:
	case ISDSC_TRANSPORT_ERROR:
	case ISDSC_DNS_NAME_UNRESOLVED:
		return ISCSI_ERR_TRANS;
	case ERROR_TIMEOUT:
		return ISCSI_ERR_TRANS_TIMEOUT;
	/* The target refused the login: as iscsid sorts login statuses. */
	case ISDSC_AUTHENTICATION_FAILURE:
	case ISDSC_AUTHORIZATION_FAILURE:
		return ISCSI_ERR_LOGIN_AUTH_FAILED;
	case ISDSC_INITIATOR_ERROR:
	case ISDSC_NOT_FOUND:
	case ISDSC_TARGET_REMOVED:
	case ISDSC_UNSUPPORTED_VERSION:
	case ISDSC_MISSING_PARAMETER:
	case ISDSC_SESSION_TYPE_NOT_SUPPORTED:
		return ISCSI_ERR_FATAL_LOGIN;
	case ISDSC_LOGIN_FAILED:
	case ISDSC_TARGET_MOVED_TEMPORARILY:
	case ISDSC_TARGET_MOVED_PERMANENTLY:
	case ISDSC_TOO_MANY_CONNECTIONS:
	case ISDSC_CANT_INCLUDE_IN_SESSION:
	case ISDSC_TARGET_ERROR:
	case ISDSC_SERVICE_UNAVAILABLE:
	case ISDSC_OUT_OF_RESOURCES:
		return ISCSI_ERR_LOGIN;
	case ISDSC_TARGET_ALREADY_LOGGED_IN:
		return ISCSI_ERR_SESS_EXISTS;
	case ISDSC_SESSION_BUSY:
		return ISCSI_ERR_AGAIN;
	case ISDSC_CANT_REMOVE_LAST_CONNECTION:
	case ISDSC_DEVICE_BUSY_ON_SESSION:
		return ISCSI_ERR_BUSY;
	case ISDSC_INVALID_CONNECTION_ID:
	case ISDSC_PORTAL_NOT_FOUND:
		return ISCSI_ERR_NO_OBJS_FOUND;
	/* The send-target portal file, iscsiadm's discovery database. */
	case ERROR_INVALID_DATA:
		return ISCSI_ERR_IDBM;
	case ISDSC_IPSEC_NOT_SUPPORTED_ON_OS:
		return ISCSI_ERR_OP_NOT_SUPP;
	case ERROR_ACCESS_DENIED:
		return ISCSI_ERR_ACCESS;
	case ERROR_NOT_ENOUGH_MEMORY:
		return ISCSI_ERR_NOMEM;
	case ERROR_NOT_SUPPORTED:
		return ISCSI_ERR_OP_NOT_SUPP;
	case ISDSC_INVALID_SESSION_ID:
		return ISCSI_ERR_SESS_NOT_FOUND;
	case ISDSC_SERVICE_NOT_RUNNING:
		/* iscsiadm's "could not connect to iscsid": the module is absent. */
		return ISCSI_ERR_ISCSID_NOTCONN;
	default:
		return ISCSI_ERR;
	}
}

/*
 * One line: what failed, the library's reason, the status's name and the
 * iscsiadm exit code mcsadm returns for it.
 */
static int fail_status(const char *what, ISDSC_STATUS st)
{
	const char *name = IScsiMcsStatusName(st);
	const char *text = IScsiMcsLastErrorText();
	int rc = status_to_exit(st);

	fprintf(stderr, "mcsadm: %s failed: %s", what, text && *text ? text : "no detail");
	if (name)
		fprintf(stderr, " (%s, exit %d)\n", name, rc);
	else
		fprintf(stderr, " (status 0x%08x, exit %d)\n", (unsigned int)st, rc);
	return rc;
}

__attribute__((format(printf, 1, 2)))
static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mcsadm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'mcsadm --help'.\n");
	return ISCSI_ERR_INVAL;
}

static void usage(FILE *f)
{
	fprintf(f,
		"mcsadm -V | --version\n"
		"mcsadm -m config [-o show]\n"
		"mcsadm -m config -o update -n NAME -v VALUE\n"
		"mcsadm -m discovery\n"
		"mcsadm -m discovery -t sendtargets|st -p IP[:PORT]\n"
		"mcsadm -m discovery -p IP[:PORT] -o delete\n"
		"mcsadm -m node -T IQN -p IP[:PORT] -l|--login\n"
		"mcsadm -m node -T IQN [-p IP[:PORT]] -u|--logout\n"
		"mcsadm -m session [-r SESSION_ID] [-P 0|1|2|3]\n"
		"mcsadm -m session -r SESSION_ID -u\n"
		"mcsadm -m session -r SESSION_ID -o addconn -p IP[:PORT]\n"
		"mcsadm -m session -r SESSION_ID -o delconn --cid CID|CONNECTION_ID\n"
		"\n"
		"NAME is one of the record names that -m config shows; timeouts are in\n"
		"seconds (fractions allowed), as in iscsid.conf. Session and connection\n"
		"ids are 32 hex digits; -I takes only 'default'.\n");
}

/*
 * The record names are iscsid.conf's where open-iscsi has the same setting,
 * so an administrator's habits carry over.
 */
enum field_kind { FIELD_STRING, FIELD_SECONDS, FIELD_COUNT };

struct field {
	const char *name;
	ULONG bit;
	enum field_kind kind;
	size_t offset;
	size_t size;
};

#define FIELD(n, b, k, m) { n, b, k, offsetof(ISDSC_MCS_CONFIG, m), \
			    sizeof(((ISDSC_MCS_CONFIG *)0)->m) }

static const struct field fields[] = {
	FIELD("InitiatorName", ISDSC_MCS_CONFIG_INITIATOR_NAME, FIELD_STRING,
	      InitiatorName),
	FIELD("InitiatorAlias", ISDSC_MCS_CONFIG_INITIATOR_ALIAS, FIELD_STRING,
	      InitiatorAlias),
	FIELD("node.conn[0].timeo.login_timeout", ISDSC_MCS_CONFIG_LOGIN_TIMEOUT,
	      FIELD_SECONDS, LoginTimeoutMs),
	FIELD("node.conn[0].timeo.noop_out_interval", ISDSC_MCS_CONFIG_NOOP_INTERVAL,
	      FIELD_SECONDS, NoopIntervalMs),
	FIELD("node.conn[0].timeo.noop_out_timeout", ISDSC_MCS_CONFIG_NOOP_TIMEOUT,
	      FIELD_SECONDS, NoopTimeoutMs),
	FIELD("node.session.timeo.replacement_timeout",
	      ISDSC_MCS_CONFIG_REPLACEMENT_TIMEOUT, FIELD_SECONDS,
	      ReplacementTimeoutMs),
	FIELD("node.session.iscsi.MaxConnections", ISDSC_MCS_CONFIG_MAX_CONNECTIONS,
	      FIELD_COUNT, MaxConnections),
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static void print_field(const ISDSC_MCS_CONFIG *cfg, const struct field *f)
{
	const char *p = (const char *)cfg + f->offset;
	ULONG v = 0;

	if (f->kind == FIELD_STRING) {
		printf("%s = %s\n", f->name,
		       (cfg->Fields & f->bit) && *p ? p : "<empty>");
		return;
	}
	memcpy(&v, p, sizeof(v));
	if (!(cfg->Fields & f->bit))
		printf("%s = <empty>\n", f->name);
	else if (f->kind == FIELD_COUNT)
		printf("%s = %u\n", f->name, v);
	else if (v % 1000 == 0)
		printf("%s = %u\n", f->name, v / 1000);
	else
		printf("%s = %u.%03u\n", f->name, v / 1000, v % 1000);
}

/* Seconds with up to three decimals, to milliseconds; no overflow. */
static int parse_seconds(const char *s, ULONG *ms)
{
	unsigned long long whole = 0, frac = 0;
	int digits = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole > 4294967ULL)
			return -1;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 3)
				return -1;
			frac = frac * 10 + (unsigned)(*p - '0');
		}
		if (!digits)
			return -1;
		while (digits++ < 3)
			frac *= 10;
	}
	if (*p)
		return -1;
	if (whole * 1000 + frac > 0xffffffffULL)
		return -1;
	*ms = (ULONG)(whole * 1000 + frac);
	return 0;
}

static int parse_count(const char *s, ULONG *v)
{
	char *end;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > 0xffffffffUL)
		return -1;
	*v = (ULONG)n;
	return 0;
}

static int config_show(void)
{
	ISDSC_MCS_CONFIG cfg;
	ISDSC_STATUS st;
	size_t i;

	st = IScsiMcsGetConfig(&cfg);
	if (st != ERROR_SUCCESS)
		return fail_status("reading the initiator configuration", st);
	printf("# BEGIN RECORD %s\n", MCSADM_VERSION);
	for (i = 0; i < NFIELDS; i++)
		print_field(&cfg, &fields[i]);
	printf("# END RECORD\n");
	return ISCSI_SUCCESS;
}

static int config_update(const char *name, const char *value)
{
	const struct field *f = NULL;
	ISDSC_MCS_CONFIG cfg;
	ISDSC_STATUS st;
	ULONG v = 0;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, name))
			f = &fields[i];
	if (!f)
		return usage_error("unknown record name '%s' (see mcsadm -m config)", name);

	memset(&cfg, 0, sizeof(cfg));
	cfg.Fields = f->bit;
	if (f->kind == FIELD_STRING) {
		if (strlen(value) >= f->size)
			return usage_error("value for '%s' is too long", name);
		/* "<empty>" as iscsiadm prints it clears the value. */
		if (strcmp(value, "<empty>"))
			memcpy((char *)&cfg + f->offset, value, strlen(value) + 1);
	} else {
		if (f->kind == FIELD_SECONDS && parse_seconds(value, &v))
			return usage_error("'%s' is not a number of seconds", value);
		if (f->kind == FIELD_COUNT && parse_count(value, &v))
			return usage_error("'%s' is not a count", value);
		memcpy((char *)&cfg + f->offset, &v, sizeof(v));
	}
	st = IScsiMcsSetConfig(&cfg);
	if (st != ERROR_SUCCESS)
		return fail_status("updating the initiator configuration", st);
	return ISCSI_SUCCESS;
}

/* A session id as mcsadm prints and takes it: the module's 32 hex digits. */
static void print_id(const ISCSI_UNIQUE_SESSION_ID *id)
{
	printf("%016llx%016llx", (unsigned long long)id->AdapterUnique,
	       (unsigned long long)id->AdapterSpecific);
}

static int parse_id(const char *s, ISCSI_UNIQUE_SESSION_ID *id)
{
	char half[17];
	size_t i;

	if (strlen(s) != 32)
		return -1;
	for (i = 0; i < 32; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return -1;
	memcpy(half, s, 16);
	half[16] = '\0';
	id->AdapterUnique = strtoull(half, NULL, 16);
	id->AdapterSpecific = strtoull(s + 16, NULL, 16);
	return 0;
}

static int same_id(const ISCSI_UNIQUE_SESSION_ID *a, const ISCSI_UNIQUE_SESSION_ID *b)
{
	return a->AdapterUnique == b->AdapterUnique &&
	       a->AdapterSpecific == b->AdapterSpecific;
}

static unsigned int cid_of(const ISCSI_CONNECTION_INFOA *c)
{
	return c->CID[0] | c->CID[1] << 8;
}

/*
 * A portal as iscsiadm's -p takes it: IP, IP:PORT, [IPv6]:PORT, a bare
 * IPv6 address, or a host name; a ",TPGT" suffix (as -m discovery prints
 * it) is accepted and ignored, the module finds the portal group itself.
 */
struct portal {
	char addr[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT port;
};

static int parse_port(const char *s, size_t len, USHORT *port)
{
	unsigned long n = 0;
	size_t i;

	if (!len || len > 5)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		n = n * 10 + (unsigned)(s[i] - '0');
	}
	if (!n || n > 65535)
		return -1;
	*port = (USHORT)n;
	return 0;
}

static int parse_portal(const char *s, struct portal *p)
{
	const char *end = s + strlen(s), *comma = strrchr(s, ','), *a, *colon;
	size_t alen, i;

	p->port = 3260;
	if (comma) {
		const char *t = comma + 1;

		if (*t == '-')
			t++;
		if (!*t || strspn(t, "0123456789") != strlen(t) || strlen(t) > 5)
			return -1;
		end = comma;
	}
	if (*s == '[') {
		const char *close = memchr(s, ']', (size_t)(end - s));

		if (!close)
			return -1;
		a = s + 1;
		alen = (size_t)(close - a);
		if (close + 1 < end &&
		    (close[1] != ':' || parse_port(close + 2, (size_t)(end - close - 2), &p->port)))
			return -1;
	} else {
		a = s;
		alen = (size_t)(end - s);
		colon = memchr(s, ':', alen);
		/* One colon: IP:PORT; more: a bare IPv6 address. */
		if (colon && !memchr(colon + 1, ':', (size_t)(end - colon - 1))) {
			alen = (size_t)(colon - s);
			if (parse_port(colon + 1, (size_t)(end - colon - 1), &p->port))
				return -1;
		}
	}
	if (!alen || alen >= sizeof(p->addr))
		return -1;
	for (i = 0; i < alen; i++)
		if ((unsigned char)a[i] <= ' ' || a[i] == 0x7f || a[i] == '[' || a[i] == ']')
			return -1;
	memcpy(p->addr, a, alen);
	p->addr[alen] = '\0';
	return 0;
}

static void to_target_portal(const struct portal *p, ISCSI_TARGET_PORTALA *tp)
{
	memset(tp, 0, sizeof(*tp));
	memcpy(tp->Address, p->addr, strlen(p->addr) + 1);
	tp->Socket = p->port;
}

/* "IP:PORT", IPv6 in brackets, as iscsiadm prints discovered portals. */
static void print_addr_port(const char *addr, unsigned int port)
{
	printf(strchr(addr, ':') ? "[%s]:%u" : "%s:%u", addr, port);
}

/* Two addresses are the same when both parse to the same bytes. */
static int same_address(const char *a, const char *b)
{
	unsigned char x[16], y[16];

	if (inet_pton(AF_INET, a, x) == 1 && inet_pton(AF_INET, b, y) == 1)
		return !memcmp(x, y, 4);
	if (inet_pton(AF_INET6, a, x) == 1 && inet_pton(AF_INET6, b, y) == 1)
		return !memcmp(x, y, 16);
	return !strcmp(a, b);
}

/* The sessions of the namespace; *info to free() on success. */
static int get_sessions(PISCSI_SESSION_INFOA *info, ULONG *count)
{
	ULONG size = 0;
	ISDSC_STATUS st;

	*info = NULL;
	*count = 0;
	/* The list may grow between the two calls: ask until it fits. */
	for (;;) {
		st = GetIScsiSessionListA(&size, count, *info);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(*info);
		*info = malloc(size);
		if (!*info) {
			fprintf(stderr, "mcsadm: out of memory\n");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(*info);
		*info = NULL;
		return fail_status("listing sessions", st);
	}
	return ISCSI_SUCCESS;
}

static const ISCSI_SESSION_INFOA *find_session(const ISCSI_SESSION_INFOA *info, ULONG count,
					       const ISCSI_UNIQUE_SESSION_ID *id)
{
	ULONG i;

	for (i = 0; i < count; i++)
		if (same_id(&info[i].SessionId, id))
			return &info[i];
	return NULL;
}

static int session_not_found(const char *sid)
{
	fprintf(stderr, "mcsadm: no session [%s] (%s, exit %d)\n", sid,
		IScsiMcsStatusName(ISDSC_INVALID_SESSION_ID), ISCSI_ERR_SESS_NOT_FOUND);
	return ISCSI_ERR_SESS_NOT_FOUND;
}

/* -P 3: the SCSI devices of a session, as iscsiadm's "Attached" section. */
static int print_devices(const ISCSI_UNIQUE_SESSION_ID *id)
{
	PISCSI_DEVICE_ON_SESSIONA d = NULL;
	ULONG n = 0, i;
	ISDSC_STATUS st;

	for (;;) {
		st = GetDevicesForIScsiSessionA((PISCSI_UNIQUE_SESSION_ID)id, &n, d);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(d);
		d = calloc(n, sizeof(*d));
		if (!d) {
			fprintf(stderr, "mcsadm: out of memory\n");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(d);
		return fail_status("listing the session's devices", st);
	}
	printf("\tAttached SCSI devices: %u\n", n);
	for (i = 0; i < n; i++) {
		const SCSI_ADDRESS *a = &d[i].ScsiAddress;
		const char *dev = d[i].LegacyName;

		if (!strncmp(dev, "/dev/", 5))
			dev += 5;
		if (i == 0 || a->PortNumber != d[i - 1].ScsiAddress.PortNumber)
			printf("\t\tHost Number: %u\n", a->PortNumber);
		printf("\t\tscsi%u Channel %02u Id %u Lun: %u\n", a->PortNumber,
		       a->PathId, a->TargetId, a->Lun);
		if (*dev)
			printf("\t\t\tAttached scsi %s %s\n",
			       d[i].StorageDeviceNumber.DeviceType == FILE_DEVICE_DISK ?
			       "disk" : "device", dev);
	}
	free(d);
	return ISCSI_SUCCESS;
}

static int session_list(const char *sid, int print_level)
{
	PISCSI_SESSION_INFOA info;
	ISCSI_UNIQUE_SESSION_ID want;
	ULONG count, i, j;
	int rc;

	if (sid && parse_id(sid, &want))
		return usage_error("'%s' is not a session id (32 hex digits)", sid);
	rc = get_sessions(&info, &count);
	if (rc)
		return rc;
	if (sid && !find_session(info, count, &want)) {
		free(info);
		return session_not_found(sid);
	}
	if (!count) {
		free(info);
		fprintf(stderr, "mcsadm: No active sessions.\n");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	for (i = 0; i < count && !rc; i++) {
		const ISCSI_SESSION_INFOA *s = &info[i];
		const ISCSI_CONNECTION_INFOA *c = s->Connections;

		if (sid && !same_id(&s->SessionId, &want))
			continue;
		if (print_level == 0) {
			printf("iscsi_mcs: [");
			print_id(&s->SessionId);
			printf("] %s:%u %s (%u connection%s)\n",
			       s->ConnectionCount ? c[0].TargetAddress : "-",
			       s->ConnectionCount ? c[0].TargetSocket : 0,
			       s->TargetName, s->ConnectionCount,
			       s->ConnectionCount == 1 ? "" : "s");
			continue;
		}
		printf("Target: %s\n", s->TargetName);
		printf("\tSession: ");
		print_id(&s->SessionId);
		printf("\n\tInitiator: %s\n", s->InitiatorName);
		printf("\tISID: %02x%02x%02x%02x%02x%02x\n", s->ISID[0], s->ISID[1],
		       s->ISID[2], s->ISID[3], s->ISID[4], s->ISID[5]);
		printf("\tTSIH: %u\n", s->TSID[0] | s->TSID[1] << 8);
		printf("\tConnections: %u\n", s->ConnectionCount);
		for (j = 0; j < s->ConnectionCount; j++) {
			printf("\t\tCID %u: %s:%u -> %s:%u\n", cid_of(&c[j]),
			       c[j].InitiatorAddress, c[j].InitiatorSocket,
			       c[j].TargetAddress, c[j].TargetSocket);
			if (print_level >= 2) {
				printf("\t\t\tConnection: ");
				print_id(&c[j].ConnectionId);
				printf("\n\t\t\tCurrent Portal: ");
				print_addr_port(c[j].TargetAddress, c[j].TargetSocket);
				printf("\n\t\t\tLocal Address: ");
				print_addr_port(c[j].InitiatorAddress, c[j].InitiatorSocket);
				printf("\n");
			}
		}
		if (print_level >= 3)
			rc = print_devices(&s->SessionId);
	}
	free(info);
	return rc;
}

static int session_logout(const char *sid)
{
	ISCSI_UNIQUE_SESSION_ID id;
	ISDSC_STATUS st;

	if (parse_id(sid, &id))
		return usage_error("'%s' is not a session id (32 hex digits)", sid);
	st = LogoutIScsiTarget(&id);
	if (st != ERROR_SUCCESS)
		return fail_status("logging the session out", st);
	printf("Logging out of session [%s]: successful.\n", sid);
	return ISCSI_SUCCESS;
}

/* -o addconn: one more connection (MC/S), through any portal of the group. */
static int session_addconn(const char *sid, const char *portal_arg)
{
	ISCSI_UNIQUE_SESSION_ID id;
	ISCSI_UNIQUE_CONNECTION_ID conn;
	ISCSI_TARGET_PORTALA tp;
	PISCSI_SESSION_INFOA info;
	const ISCSI_SESSION_INFOA *s;
	struct portal p;
	ISDSC_STATUS st;
	ULONG count, j;
	char what[64 + MAX_ISCSI_PORTAL_ADDRESS_LEN];

	if (parse_id(sid, &id))
		return usage_error("'%s' is not a session id (32 hex digits)", sid);
	if (parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	to_target_portal(&p, &tp);
	memset(&conn, 0, sizeof(conn));
	st = AddIScsiConnectionA(&id, NULL, ISCSI_ANY_INITIATOR_PORT, &tp, 0, NULL, 0, NULL,
				 &conn);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "adding a connection to %s,%u", p.addr, p.port);
		return fail_status(what, st);
	}
	printf("Added connection [");
	print_id(&conn);
	printf("]");
	/* The CID, for --cid: from the session list, if it can be had. */
	if (!get_sessions(&info, &count)) {
		s = find_session(info, count, &id);
		for (j = 0; s && j < s->ConnectionCount; j++)
			if (same_id(&s->Connections[j].ConnectionId, &conn))
				printf(" (CID %u)", cid_of(&s->Connections[j]));
		free(info);
	}
	printf(" to session [%s], portal: %s,%u\n", sid, p.addr, p.port);
	return ISCSI_SUCCESS;
}

/* -o delconn: --cid takes the iSCSI CID or the 32-digit connection id. */
static int session_delconn(const char *sid, const char *cid_arg)
{
	ISCSI_UNIQUE_SESSION_ID id;
	ISCSI_UNIQUE_CONNECTION_ID conn;
	PISCSI_SESSION_INFOA info;
	const ISCSI_SESSION_INFOA *s;
	ISDSC_STATUS st;
	ULONG count, j, cid = 0;
	int found = 0, rc;

	if (parse_id(sid, &id))
		return usage_error("'%s' is not a session id (32 hex digits)", sid);
	if (parse_id(cid_arg, &conn)) {
		if (parse_count(cid_arg, &cid) || cid > 65535)
			return usage_error("'%s' is neither a CID (0 to 65535) nor a connection id "
					   "(32 hex digits)", cid_arg);
		rc = get_sessions(&info, &count);
		if (rc)
			return rc;
		s = find_session(info, count, &id);
		if (!s) {
			free(info);
			return session_not_found(sid);
		}
		for (j = 0; j < s->ConnectionCount; j++)
			if (cid_of(&s->Connections[j]) == cid) {
				conn = s->Connections[j].ConnectionId;
				found = 1;
			}
		free(info);
		if (!found) {
			fprintf(stderr, "mcsadm: session [%s] has no connection with CID %u (%s, exit %d)\n",
				sid, cid, IScsiMcsStatusName(ISDSC_INVALID_CONNECTION_ID),
				ISCSI_ERR_NO_OBJS_FOUND);
			return ISCSI_ERR_NO_OBJS_FOUND;
		}
	}
	st = RemoveIScsiConnection(&id, &conn);
	if (st != ERROR_SUCCESS)
		return fail_status("removing the connection", st);
	printf("Removed connection [");
	print_id(&conn);
	printf("] from session [%s]\n", sid);
	return ISCSI_SUCCESS;
}

/* ---- -m discovery ---- */

static int discovery_list(void)
{
	PISCSI_TARGET_PORTAL_INFOA p = NULL;
	ULONG n = 0, i;
	ISDSC_STATUS st;

	for (;;) {
		st = ReportIScsiSendTargetPortalsA(&n, p);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(p);
		p = calloc(n, sizeof(*p));
		if (!p) {
			fprintf(stderr, "mcsadm: out of memory\n");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(p);
		return fail_status("listing the send-target portals", st);
	}
	if (!n) {
		free(p);
		fprintf(stderr, "mcsadm: No discovery found.\n");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	for (i = 0; i < n; i++) {
		print_addr_port(p[i].Address, p[i].Socket);
		printf(" via sendtargets\n");
	}
	free(p);
	return ISCSI_SUCCESS;
}

/*
 * SendTargets at one portal: the library records the portal (as iscsiadm
 * records a discovery) and answers target names only, merged over every
 * recorded portal, without their portal group tags: each is printed with
 * the portal asked and the tag -1, open-iscsi's "unknown".
 */
static int discovery_sendtargets(const char *portal_arg)
{
	ISCSI_TARGET_PORTALA tp;
	struct portal p;
	ISDSC_STATUS st;
	ULONG size = 0;
	size_t len;
	char *buf = NULL, *t;
	char what[64 + MAX_ISCSI_PORTAL_ADDRESS_LEN];

	if (parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	to_target_portal(&p, &tp);
	st = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &tp);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "discovery at %s,%u", p.addr, p.port);
		return fail_status(what, st);
	}
	for (;;) {
		st = ReportIScsiTargetsA(FALSE, &size, buf);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(buf);
		buf = malloc(size);
		if (!buf) {
			fprintf(stderr, "mcsadm: out of memory\n");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(buf);
		return fail_status("listing the discovered targets", st);
	}
	if (!buf || !*buf) {
		free(buf);
		fprintf(stderr, "mcsadm: No portals found\n");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	/* A multi-string: names ended by NULs, then one more NUL. */
	for (t = buf; t < buf + size && *t; t += len + 1) {
		len = strnlen(t, (size_t)(buf + size - t));
		if (t + len == buf + size)
			break;
		print_addr_port(p.addr, p.port);
		printf(",-1 %s\n", t);
	}
	free(buf);
	return ISCSI_SUCCESS;
}

static int discovery_delete(const char *portal_arg)
{
	ISCSI_TARGET_PORTALA tp;
	struct portal p;
	ISDSC_STATUS st;

	if (parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	to_target_portal(&p, &tp);
	st = RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &tp);
	if (st != ERROR_SUCCESS)
		return fail_status("deleting the discovery record", st);
	return ISCSI_SUCCESS;
}

/* ---- -m node ---- */

static int node_login(const char *target, const char *portal_arg)
{
	ISCSI_UNIQUE_SESSION_ID sid;
	ISCSI_UNIQUE_CONNECTION_ID cid;
	ISCSI_TARGET_PORTALA tp;
	struct portal p;
	ISDSC_STATUS st;
	char rec[128 + MAX_ISCSI_NAME_LEN + MAX_ISCSI_PORTAL_ADDRESS_LEN];
	char what[sizeof(rec) + 16];

	if (parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	if (strlen(target) > MAX_ISCSI_NAME_LEN)
		return usage_error("target name '%.32s...' is too long", target);
	snprintf(rec, sizeof(rec), "[iface: default, target: %s, portal: %s,%u]",
		 target, p.addr, p.port);
	to_target_portal(&p, &tp);
	printf("Logging in to %s\n", rec);
	fflush(stdout);
	st = LoginIScsiTargetA((PSTR)target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &tp, 0,
			       NULL, NULL, 0, NULL, FALSE, &sid, &cid);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "login to %s", rec);
		return fail_status(what, st);
	}
	printf("Login to %s successful.\n", rec);
	return ISCSI_SUCCESS;
}

/* Every session to the target (through the portal, if given) logs out. */
static int node_logout(const char *target, const char *portal_arg)
{
	PISCSI_SESSION_INFOA info;
	struct portal p;
	ULONG count, i, j;
	int rc, matched = 0, failed = 0;

	if (portal_arg && parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	rc = get_sessions(&info, &count);
	if (rc)
		return rc;
	for (i = 0; i < count; i++) {
		const ISCSI_SESSION_INFOA *s = &info[i];
		const ISCSI_CONNECTION_INFOA *c = NULL;
		char sid[33];
		ISDSC_STATUS st;

		if (strcmp(s->TargetName, target))
			continue;
		/* Through the portal: any connection of the session uses it. */
		for (j = 0; j < s->ConnectionCount && !c; j++)
			if (!portal_arg || (s->Connections[j].TargetSocket == p.port &&
					    same_address(s->Connections[j].TargetAddress, p.addr)))
				c = &s->Connections[j];
		if (portal_arg && !c)
			continue;
		matched++;
		snprintf(sid, sizeof(sid), "%016llx%016llx",
			 (unsigned long long)s->SessionId.AdapterUnique,
			 (unsigned long long)s->SessionId.AdapterSpecific);
		printf("Logging out of session [sid: %s, target: %s, portal: %s,%u]\n", sid,
		       target, c ? c->TargetAddress : "-", c ? c->TargetSocket : 0);
		fflush(stdout);
		st = LogoutIScsiTarget((PISCSI_UNIQUE_SESSION_ID)&s->SessionId);
		if (st != ERROR_SUCCESS) {
			rc = fail_status("logout", st);
			failed++;
			continue;
		}
		printf("Logout of [sid: %s, target: %s, portal: %s,%u] successful.\n", sid,
		       target, c ? c->TargetAddress : "-", c ? c->TargetSocket : 0);
	}
	free(info);
	if (!matched) {
		fprintf(stderr, "mcsadm: No matching sessions found (exit %d)\n",
			ISCSI_ERR_NO_OBJS_FOUND);
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	return failed ? rc : ISCSI_SUCCESS;
}

static int show_version(void)
{
	ISDSC_MCS_MODULE_INFO info;
	ISDSC_STATUS st;

	printf("mcsadm version %s\n", MCSADM_VERSION);
	st = IScsiMcsGetModuleInfo(&info);
	if (st == ISDSC_SERVICE_NOT_RUNNING) {
		printf("iscsi_mcs module: not loaded\n");
		return ISCSI_SUCCESS;
	}
	if (st != ERROR_SUCCESS)
		return fail_status("querying the module", st);
	printf("iscsi_mcs module version %s (netlink API %u, up to %u connections per session)\n",
	       info.Version, info.ApiVersion, info.MaxConnectionsLimit);
	return ISCSI_SUCCESS;
}

/* The options, to refuse those a mode or operation does not take. */
enum {
	O_OP = 1 << 0, O_NAME = 1 << 1, O_VALUE = 1 << 2, O_SID = 1 << 3,
	O_LOGOUT = 1 << 4, O_PRINT = 1 << 5, O_TARGET = 1 << 6, O_PORTAL = 1 << 7,
	O_TYPE = 1 << 8, O_LOGIN = 1 << 9, O_IFACE = 1 << 10, O_CID = 1 << 11,
};

static const char *const opt_names[] = {
	"-o", "-n", "-v", "-r", "-u", "-P", "-T", "-p", "-t", "-l", "-I", "--cid",
};

/* The first option given that is not allowed, refused; 0 if none. */
static int refuse_others(unsigned int given, unsigned int allowed, const char *context)
{
	size_t i;

	for (i = 0; i < sizeof(opt_names) / sizeof(opt_names[0]); i++)
		if (given & ~allowed & (1u << i))
			return usage_error("%s does not go with %s", opt_names[i], context);
	return 0;
}

#define REFUSE_OTHERS(allowed, context) do { \
	int r_ = refuse_others(given, (allowed), (context)); \
	if (r_) \
		return r_; \
} while (0)

static int mode_session(unsigned int given, const char *op, const char *sid,
			const char *print, const char *portal, const char *cid)
{
	if (op && (given & O_LOGOUT))
		return usage_error("-u and -o do not go together");
	if (given & O_LOGOUT) {
		REFUSE_OTHERS(O_LOGOUT | O_SID, "-m session -u");
		if (!sid)
			return usage_error("-u needs the session: -r SESSION_ID");
		return session_logout(sid);
	}
	if (!op) {
		REFUSE_OTHERS(O_SID | O_PRINT, "listing sessions (-m session [-r ID] [-P N])");
		if (print && (strlen(print) != 1 || print[0] < '0' || print[0] > '3'))
			return usage_error("print level '%s' is not 0, 1, 2 or 3", print);
		return session_list(sid, print ? print[0] - '0' : 0);
	}
	if (!strcmp(op, "addconn")) {
		REFUSE_OTHERS(O_OP | O_SID | O_PORTAL | O_IFACE, "-o addconn");
		if (!sid || !portal)
			return usage_error("-o addconn needs -r SESSION_ID and -p IP[:PORT]");
		return session_addconn(sid, portal);
	}
	if (!strcmp(op, "delconn")) {
		REFUSE_OTHERS(O_OP | O_SID | O_CID, "-o delconn");
		if (!sid || !cid)
			return usage_error("-o delconn needs -r SESSION_ID and --cid CID");
		return session_delconn(sid, cid);
	}
	return usage_error("operation '%s' is not supported for mode session "
			   "(addconn, delconn)", op);
}

static int mode_discovery(unsigned int given, const char *op, const char *type,
			  const char *portal)
{
	if (op) {
		if (strcmp(op, "delete"))
			return usage_error("operation '%s' is not supported for mode discovery "
					   "(delete)", op);
		REFUSE_OTHERS(O_OP | O_PORTAL | O_TYPE | O_IFACE, "-m discovery -o delete");
		if (!portal)
			return usage_error("-o delete needs -p IP[:PORT]");
	} else if (!type) {
		REFUSE_OTHERS(0, "listing discovery records (-m discovery)");
		return discovery_list();
	} else {
		REFUSE_OTHERS(O_TYPE | O_PORTAL | O_IFACE, "-m discovery -t");
	}
	if (type && strcmp(type, "sendtargets") && strcmp(type, "st")) {
		if (!strcmp(type, "isns") || !strcmp(type, "fw"))
			return usage_error("discovery type '%s' is not supported "
					   "(sendtargets only)", type);
		return usage_error("'%s' is not a discovery type (sendtargets, st)", type);
	}
	if (op)
		return discovery_delete(portal);
	if (!portal)
		return usage_error("-t sendtargets needs -p IP[:PORT]");
	return discovery_sendtargets(portal);
}

static int mode_node(unsigned int given, const char *target, const char *portal)
{
	REFUSE_OTHERS(O_TARGET | O_PORTAL | O_LOGIN | O_LOGOUT | O_IFACE,
		      "-m node (which takes -T, -p, -I and --login or --logout)");
	if ((given & O_LOGIN) && (given & O_LOGOUT))
		return usage_error("--login and --logout do not go together");
	if (!(given & (O_LOGIN | O_LOGOUT)))
		return usage_error("-m node needs --login or --logout (mcsadm keeps no node records)");
	if (!target)
		return usage_error("-m node needs the target: -T IQN");
	if (given & O_LOGIN) {
		if (!portal)
			return usage_error("--login needs the portal: -p IP[:PORT]");
		return node_login(target, portal);
	}
	return node_logout(target, portal);
}

int main(int argc, char **argv)
{
	enum { OPT_CID = 256 };
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "op", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "value", required_argument, NULL, 'v' },
		{ "sid", required_argument, NULL, 'r' },
		{ "login", no_argument, NULL, 'l' },
		{ "logout", no_argument, NULL, 'u' },
		{ "print", required_argument, NULL, 'P' },
		{ "targetname", required_argument, NULL, 'T' },
		{ "portal", required_argument, NULL, 'p' },
		{ "type", required_argument, NULL, 't' },
		{ "interface", required_argument, NULL, 'I' },
		{ "cid", required_argument, NULL, OPT_CID },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *mode = NULL, *op = NULL, *name = NULL, *value = NULL;
	const char *sid = NULL, *print = NULL, *target = NULL, *portal = NULL;
	const char *type = NULL, *iface = NULL, *cid = NULL;
	unsigned int given = 0;
	int c;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:o:n:v:r:luP:T:p:t:I:Vh", opts, NULL)) != -1) {
		switch (c) {
		case 'm': mode = optarg; break;
		case 'o': op = optarg; given |= O_OP; break;
		case 'n': name = optarg; given |= O_NAME; break;
		case 'v': value = optarg; given |= O_VALUE; break;
		case 'r': sid = optarg; given |= O_SID; break;
		case 'l': given |= O_LOGIN; break;
		case 'u': given |= O_LOGOUT; break;
		case 'P': print = optarg; given |= O_PRINT; break;
		case 'T': target = optarg; given |= O_TARGET; break;
		case 'p': portal = optarg; given |= O_PORTAL; break;
		case 't': type = optarg; given |= O_TYPE; break;
		case 'I': iface = optarg; given |= O_IFACE; break;
		case OPT_CID: cid = optarg; given |= O_CID; break;
		case 'V': return show_version();
		case 'h': usage(stdout); return ISCSI_SUCCESS;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!mode)
		return usage_error("no mode given (-m)");
	if (iface && strcmp(iface, "default"))
		return usage_error("iface '%s' does not exist (only 'default')", iface);
	if (!strcmp(mode, "session"))
		return mode_session(given, op, sid, print, portal, cid);
	if (!strcmp(mode, "discovery"))
		return mode_discovery(given, op, type, portal);
	if (!strcmp(mode, "node"))
		return mode_node(given, target, portal);
	if (strcmp(mode, "config"))
		return usage_error("mode '%s' is not supported by this version", mode);
	REFUSE_OTHERS(O_OP | O_NAME | O_VALUE, "-m config");
	if (!op || !strcmp(op, "show")) {
		if (name || value)
			return usage_error("-n and -v go with -o update");
		return config_show();
	}
	if (!strcmp(op, "update")) {
		if (!name || !value)
			return usage_error("-o update needs -n NAME and -v VALUE");
		return config_update(name, value);
	}
	return usage_error("operation '%s' is not supported for mode config", op);
}
