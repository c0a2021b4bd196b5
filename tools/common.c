// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mcsadm's shared helpers: exit codes from library statuses, messages,
 * option refusals, portal and session-number parsing, sysfs reads.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mcsadm.h"

int mcsadm_debug;

void debug(int level, const char *fmt, ...)
{
	va_list ap;

	if (level > mcsadm_debug)
		return;
	fprintf(stderr, "mcsadm: debug(%d): ", level);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void errorf(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mcsadm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mcsadm: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'mcsadm --help'.\n");
	return ISCSI_ERR_INVAL;
}

int status_to_exit(ISDSC_STATUS st)
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
	case ISDSC_INVALID_LOAD_BALANCE_POLICY:
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
	case ISDSC_LB_POLICY_NOT_SUPPORTED:
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
int fail_status(const char *what, ISDSC_STATUS st)
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

/* The node database's negative errno values, as iscsiadm sorts them. */
int errno_to_exit(int negerr)
{
	switch (-negerr) {
	case 0:
		return ISCSI_SUCCESS;
	case ENOENT:
		return ISCSI_ERR_NO_OBJS_FOUND;
	case EINVAL:
		return ISCSI_ERR_INVAL;
	case ENOMEM:
		return ISCSI_ERR_NOMEM;
	case EACCES:
	case EPERM:
		return ISCSI_ERR_ACCESS;
	default:
		return ISCSI_ERR_IDBM;
	}
}

static const char *const opt_names[] = {
	"-o", "-n", "-v", "-r", "-u", "-P", "-T", "-p", "-t", "-l", "-I", "--cid",
	"-L", "-U", "-R", "-s", "--discover", "--json", "--weight", "--standby", "--policy",
};

/* The first option given that is not allowed, refused; 0 if none. */
int refuse_others(unsigned int given, unsigned int allowed, const char *context)
{
	size_t i;

	for (i = 0; i < sizeof(opt_names) / sizeof(opt_names[0]); i++)
		if (given & ~allowed & (1u << i))
			return usage_error("%s does not go with %s", opt_names[i], context);
	return 0;
}

int parse_count(const char *s, unsigned long max, unsigned long *v)
{
	char *end;
	unsigned long n;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoul(s, &end, 10);
	if (errno || *end || n > max)
		return -1;
	*v = n;
	return 0;
}

/* Indexed by ISDSC_MCS_POLICY_*. */
static const char *const policy_names[] = {
	"round_robin", "failover", "round_robin_subset", "least_queue_depth",
	"weighted", "least_expected_time",
};

_Static_assert(sizeof(policy_names) / sizeof(policy_names[0]) == ISDSC_MCS_POLICY_MAX + 1,
	       "a name for every policy");

const char policy_list[] = "round_robin, failover, round_robin_subset, least_queue_depth, "
			   "weighted, least_expected_time";

const char *policy_name(unsigned int policy)
{
	return policy <= ISDSC_MCS_POLICY_MAX ? policy_names[policy] : "unknown";
}

int parse_policy(const char *s, ULONG *policy)
{
	char buf[32];
	size_t i;

	if (strlen(s) >= sizeof(buf))
		return -1;
	for (i = 0; s[i]; i++)
		buf[i] = s[i] == '-' ? '_' : s[i];
	buf[i] = '\0';
	for (i = 0; i <= ISDSC_MCS_POLICY_MAX; i++) {
		if (!strcmp(buf, policy_names[i])) {
			*policy = (ULONG)i;
			return 0;
		}
	}
	return -1;
}

int parse_yes_no(const char *s)
{
	if (!strcasecmp(s, "yes"))
		return 1;
	if (!strcasecmp(s, "no"))
		return 0;
	return -1;
}

static int parse_port(const char *s, size_t len, uint16_t *port)
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
	*port = (uint16_t)n;
	return 0;
}

int parse_portal(const char *s, struct portal *p)
{
	const char *end = s + strlen(s), *comma = strrchr(s, ','), *a, *colon;
	size_t alen, i;

	p->port = 3260;
	p->tpgt = -1;
	if (comma) {
		const char *t = comma + 1;
		unsigned long v;

		if (!strcmp(t, "-1")) {
			p->tpgt = -1;
		} else {
			if (strlen(t) > 5 || parse_count(t, 65535, &v))
				return -1;
			p->tpgt = (int)v;
		}
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
		if ((unsigned char)a[i] <= ' ' || a[i] == 0x7f || a[i] == '[' || a[i] == ']' ||
		    a[i] == '/' || a[i] == ',')
			return -1;
	memcpy(p->addr, a, alen);
	p->addr[alen] = '\0';
	return 0;
}

void to_target_portal(const struct portal *p, ISCSI_TARGET_PORTALA *tp)
{
	memset(tp, 0, sizeof(*tp));
	memcpy(tp->Address, p->addr, strlen(p->addr) + 1);
	tp->Socket = p->port;
}

void fprint_addr_port(FILE *f, const char *addr, unsigned int port)
{
	fprintf(f, strchr(addr, ':') ? "[%s]:%u" : "%s:%u", addr, port);
}

/* Two addresses are the same when both parse to the same bytes. */
int same_address(const char *a, const char *b)
{
	unsigned char x[16], y[16];

	if (inet_pton(AF_INET, a, x) == 1 && inet_pton(AF_INET, b, y) == 1)
		return !memcmp(x, y, 4);
	if (inet_pton(AF_INET6, a, x) == 1 && inet_pton(AF_INET6, b, y) == 1)
		return !memcmp(x, y, 16);
	return !strcmp(a, b);
}

/*
 * No module is no sessions, as iscsiadm answers when iscsi_tcp is not
 * loaded: the caller prints "No active sessions." and exits 21.
 */
int sessions_get(struct iscsi_mcs_session_info **s, size_t *n)
{
	ISDSC_STATUS st = iscsi_mcs_sessions_get(s, n);

	if (st == ISDSC_SERVICE_NOT_RUNNING) {
		debug(1, "the iscsi_mcs module is not loaded: no sessions");
		*s = NULL;
		*n = 0;
		return ISCSI_SUCCESS;
	}
	if (st != ERROR_SUCCESS)
		return fail_status("listing sessions", st);
	return ISCSI_SUCCESS;
}

void print_unique(FILE *f, const ISCSI_UNIQUE_SESSION_ID *id)
{
	fprintf(f, "%016llx%016llx", (unsigned long long)id->AdapterUnique,
		(unsigned long long)id->AdapterSpecific);
}

static int parse_hex_id(const char *s, ISCSI_UNIQUE_SESSION_ID *id)
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

int parse_sid(const char *s, long *class_sid, ISCSI_UNIQUE_SESSION_ID *id, bool *by_id)
{
	const char *p = s, *last;
	unsigned long v;

	*by_id = false;
	if (!parse_hex_id(s, id)) {
		*by_id = true;
		return 0;
	}
	/* A sysfs path: its last "sessionN" component names the session. */
	if (strchr(s, '/')) {
		last = NULL;
		while ((p = strstr(p, "session")) != NULL) {
			if ((p == s || p[-1] == '/') && isdigit((unsigned char)p[7]))
				last = p + 7;
			p += 7;
		}
		if (!last)
			return -1;
		v = strtoul(last, (char **)&p, 10);
		if (*p && *p != '/')
			return -1;
		*class_sid = (long)v;
		return 0;
	}
	if (parse_count(s, 0x7fffffffUL, &v))
		return -1;
	*class_sid = (long)v;
	return 0;
}

const struct iscsi_mcs_session_info *find_sid(const struct iscsi_mcs_session_info *s, size_t n,
					      const char *arg)
{
	ISCSI_UNIQUE_SESSION_ID id;
	long csid = -1;
	bool by_id;
	size_t i;

	if (parse_sid(arg, &csid, &id, &by_id))
		return NULL;
	for (i = 0; i < n; i++) {
		if (by_id && s[i].id.AdapterUnique == id.AdapterUnique &&
		    s[i].id.AdapterSpecific == id.AdapterSpecific)
			return &s[i];
		if (!by_id && s[i].class_sid == csid)
			return &s[i];
	}
	return NULL;
}

int sysfs_read(char *buf, size_t size, const char *fmt, ...)
{
	const char *root = secure_getenv("ISCSI_MCS_SYSFS_ROOT");
	char rel[512], path[1024];
	va_list ap;
	FILE *f;
	size_t len;

	buf[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(rel, sizeof(rel), fmt, ap);
	va_end(ap);
	snprintf(path, sizeof(path), "%s/%s", root && *root ? root : "/sys", rel);
	f = fopen(path, "re");
	if (!f)
		return -1;
	if (!fgets(buf, (int)size, f)) {
		fclose(f);
		buf[0] = '\0';
		return -1;
	}
	fclose(f);
	len = strlen(buf);
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
	return 0;
}

void json_str(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}
