/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * What mcsadm's mode files share: the parsed command line, iscsiadm's exit
 * codes, the messages, and the portal, session and record helpers of
 * common.c.
 */
#ifndef MCSADM_H
#define MCSADM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <iscsidsc.h>
#include <iscsidsc/nodedb.h>
#include <iscsidsc/sessions.h>

/* The project's version: tools/Makefile reads it from kmod/version.h. */
#ifndef MCSADM_VERSION
#error "MCSADM_VERSION comes from kmod/version.h through tools/Makefile"
#endif

/* open-iscsi's iscsi_err.h: scripts test these numbers. */
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
	ISCSI_ERR_INTERNAL = 9,
	ISCSI_ERR_LOGOUT = 10,
	ISCSI_ERR_ACCESS = 13,
	ISCSI_ERR_SESS_EXISTS = 15,
	ISCSI_ERR_FATAL_LOGIN = 19,
	ISCSI_ERR_ISCSID_NOTCONN = 20,
	ISCSI_ERR_NO_OBJS_FOUND = 21,
	ISCSI_ERR_SYSFS_LOOKUP = 22,
	ISCSI_ERR_LOGIN_AUTH_FAILED = 24,
	ISCSI_ERR_OP_NOT_SUPP = 27,
	ISCSI_ERR_BUSY = 28,
	ISCSI_ERR_AGAIN = 29,
	ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE = 30,
};

/* Options, as bits, to refuse those a mode or operation does not take. */
enum {
	O_OP = 1 << 0, O_NAME = 1 << 1, O_VALUE = 1 << 2, O_SID = 1 << 3,
	O_LOGOUT = 1 << 4, O_PRINT = 1 << 5, O_TARGET = 1 << 6, O_PORTAL = 1 << 7,
	O_TYPE = 1 << 8, O_LOGIN = 1 << 9, O_IFACE = 1 << 10, O_CID = 1 << 11,
	O_LOGINALL = 1 << 12, O_LOGOUTALL = 1 << 13, O_RESCAN = 1 << 14,
	O_STATS = 1 << 15, O_DISCOVER = 1 << 16, O_JSON = 1 << 17, O_WEIGHT = 1 << 18,
	O_STANDBY = 1 << 19, O_POLICY = 1 << 20,
};

#define MAX_PAIRS 32

struct args {
	unsigned int given;
	const char *mode, *op, *sid, *print, *target, *portal, *type, *iface, *cid;
	const char *loginall, *logoutall, *weight, *standby, *policy;
	/* -n/-v pairs in order; a -v without its -n is refused. */
	const char *names[MAX_PAIRS], *values[MAX_PAIRS];
	size_t n_names, n_values;
	int debug;
	bool json;
};

struct mode {
	const char *name;
	int (*run)(const struct args *a);
};

extern int mcsadm_debug;

int mode_session(const struct args *a);
int mode_node(const struct args *a);
int mode_discovery(const struct args *a);
int mode_discoverydb(const struct args *a);
int mode_iface(const struct args *a);
int mode_config(const struct args *a);

/* Messages: "mcsadm: ..." on stderr, as iscsiadm prefixes its own. */
void debug(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int status_to_exit(ISDSC_STATUS st);
int fail_status(const char *what, ISDSC_STATUS st);
int errno_to_exit(int negerr);
int refuse_others(unsigned int given, unsigned int allowed, const char *context);

#define REFUSE_OTHERS(a, allowed, context) do { \
	int r_ = refuse_others((a)->given, (allowed), (context)); \
	if (r_) \
		return r_; \
} while (0)

/* A portal as -p takes it: IP, IP:PORT, [IPv6]:PORT, host name; ",TPGT" ignored. */
struct portal {
	char addr[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	uint16_t port;
	int tpgt;	/* -1 when not given */
};

int parse_portal(const char *s, struct portal *p);
int parse_count(const char *s, unsigned long max, unsigned long *v);
/*
 * Load-balance policies by the names mcsadm prints (round_robin, failover,
 * ...; '-' for '_' too, as records may hold them): 0, or -1 for a name
 * that is not one. policy_name() is "unknown" for a number without one.
 */
int parse_policy(const char *s, ULONG *policy);
const char *policy_name(unsigned int policy);
/* The policy names, ", "-separated, for messages. */
extern const char policy_list[];
/* "yes" or "no", either case: 1, 0, or -1. */
int parse_yes_no(const char *s);
void to_target_portal(const struct portal *p, ISCSI_TARGET_PORTALA *tp);
/* "IP:PORT", IPv6 in brackets, as iscsiadm prints portals. */
void fprint_addr_port(FILE *f, const char *addr, unsigned int port);
int same_address(const char *a, const char *b);

/* The sessions, sorted by class session number; exit code on failure. */
int sessions_get(struct iscsi_mcs_session_info **s, size_t *n);
/*
 * -r as iscsiadm takes it: the number N, or a sysfs path ending in
 * sessionN; mcsadm also takes the module's 32-hex-digit id. 0 or -1.
 */
int parse_sid(const char *s, long *class_sid, ISCSI_UNIQUE_SESSION_ID *id, bool *by_id);
const struct iscsi_mcs_session_info *find_sid(const struct iscsi_mcs_session_info *s, size_t n,
					      const char *arg);
void print_unique(FILE *f, const ISCSI_UNIQUE_SESSION_ID *id);

/* A file under the sysfs root ($ISCSI_MCS_SYSFS_ROOT or /sys), one line. */
int sysfs_read(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* JSON string output. */
void json_str(const char *s);

/* Node records: login of one record (exit code). */
int node_login_rec(const struct iscsi_mcs_rec *rec);
int node_logout_match(const char *target, const struct portal *p, bool *matched);
int session_logout_one(const struct iscsi_mcs_session_info *s);

#endif /* MCSADM_H */
