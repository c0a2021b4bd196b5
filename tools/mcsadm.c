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
 *   mcsadm -m session [-P 0|1]
 *   mcsadm -m session -r SESSION_ID -u
 */

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
	ISCSI_ERR_NOMEM = 3,
	ISCSI_ERR_INVAL = 7,
	ISCSI_ERR_INTERNAL = 9,
	ISCSI_ERR_ACCESS = 13,
	ISCSI_ERR_ISCSID_NOTCONN = 20,
	ISCSI_ERR_NO_OBJS_FOUND = 21,
	ISCSI_ERR_SESS_NOT_FOUND = 2,
	ISCSI_ERR_OP_NOT_SUPP = 27,
};

static int status_to_exit(ISDSC_STATUS st)
{
	switch (st) {
	case ERROR_SUCCESS:
		return ISCSI_SUCCESS;
	case ERROR_INVALID_PARAMETER:
	case ISDSC_INVALID_ISCSI_NAME:
		return ISCSI_ERR_INVAL;
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

static int fail_status(const char *what, ISDSC_STATUS st)
{
	const char *name = IScsiMcsStatusName(st);
	const char *text = IScsiMcsLastErrorText();

	fprintf(stderr, "mcsadm: %s failed: %s", what, text && *text ? text : "no detail");
	if (name)
		fprintf(stderr, " (%s)", name);
	fprintf(stderr, "\n");
	return status_to_exit(st);
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
		"mcsadm -m session [-P 0|1]\n"
		"mcsadm -m session -r SESSION_ID -u\n"
		"\n"
		"NAME is one of the record names that -m config shows; timeouts are in\n"
		"seconds (fractions allowed), as in iscsid.conf.\n");
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

static int session_list(int print_level)
{
	ULONG size = 0, count = 0, i, j;
	PISCSI_SESSION_INFOA info = NULL;
	ISDSC_STATUS st;

	/* The list may grow between the two calls: ask until it fits. */
	for (;;) {
		st = GetIScsiSessionListA(&size, &count, info);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(info);
		info = malloc(size);
		if (!info) {
			fprintf(stderr, "mcsadm: out of memory\n");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(info);
		return fail_status("listing sessions", st);
	}
	if (!count) {
		free(info);
		fprintf(stderr, "mcsadm: No active sessions.\n");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	for (i = 0; i < count; i++) {
		const ISCSI_SESSION_INFOA *s = &info[i];
		const ISCSI_CONNECTION_INFOA *c = s->Connections;

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
		for (j = 0; j < s->ConnectionCount; j++)
			printf("\t\tCID %u: %s:%u -> %s:%u\n",
			       c[j].CID[0] | c[j].CID[1] << 8,
			       c[j].InitiatorAddress, c[j].InitiatorSocket,
			       c[j].TargetAddress, c[j].TargetSocket);
	}
	free(info);
	return ISCSI_SUCCESS;
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

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "op", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "value", required_argument, NULL, 'v' },
		{ "sid", required_argument, NULL, 'r' },
		{ "logout", no_argument, NULL, 'u' },
		{ "print", required_argument, NULL, 'P' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *mode = NULL, *op = NULL, *name = NULL, *value = NULL;
	const char *sid = NULL, *print = NULL;
	int c, logout = 0;

	while ((c = getopt_long(argc, argv, "m:o:n:v:r:uP:Vh", opts, NULL)) != -1) {
		switch (c) {
		case 'm': mode = optarg; break;
		case 'o': op = optarg; break;
		case 'n': name = optarg; break;
		case 'v': value = optarg; break;
		case 'r': sid = optarg; break;
		case 'u': logout = 1; break;
		case 'P': print = optarg; break;
		case 'V': return show_version();
		case 'h': usage(stdout); return ISCSI_SUCCESS;
		default: usage(stderr); return ISCSI_ERR_INVAL;
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (!mode)
		return usage_error("no mode given (-m)");
	if (!strcmp(mode, "session")) {
		if (op || name || value)
			return usage_error("mode session takes no -o, -n or -v");
		if (logout) {
			if (!sid)
				return usage_error("-u needs the session: -r SESSION_ID");
			return session_logout(sid);
		}
		if (sid)
			return usage_error("-r goes with -u");
		if (print && strcmp(print, "0") && strcmp(print, "1"))
			return usage_error("print level '%s' is not 0 or 1", print);
		return session_list(print ? atoi(print) : 0);
	}
	if (sid || logout || print)
		return usage_error("-r, -u and -P go with -m session");
	if (strcmp(mode, "config"))
		return usage_error("mode '%s' is not supported by this version", mode);
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
