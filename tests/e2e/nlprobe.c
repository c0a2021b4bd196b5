// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * nlprobe: speaks raw generic netlink to the iscsi_mcs family for the
 * end-to-end tests, including requests no well-behaved client would send,
 * and prints what the kernel answered in a form the test scripts compare:
 *
 *   answer: <attribute>=<value> ...      on success
 *   error: <ERRNO NAME>: <extack message> on refusal (exit status 1)
 *
 * It deliberately does not use libiscsidsc: the library validates its
 * arguments, and these tests are about what the kernel itself accepts.
 */

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <net/if.h>
#include <sys/socket.h>
#include <time.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/iscsi_mcs.h>

struct probe {
	struct nl_sock *sk;
	int family;
	int err;		/* negative errno from the kernel's ack */
	char extack[512];
	unsigned char cookie[20];
	int cookie_len;
	int answered;
};

static const char *errno_name(int e)
{
	switch (e) {
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ERANGE: return "ERANGE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOENT: return "ENOENT";
	case EMSGSIZE: return "EMSGSIZE";
	case EACCES: return "EACCES";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case ENETUNREACH: return "ENETUNREACH";
	case EPROTO: return "EPROTO";
	case EUSERS: return "EUSERS";
	case EBUSY: return "EBUSY";
	case ESRCH: return "ESRCH";
	case ENODEV: return "ENODEV";
	case EIO: return "EIO";
	case EAGAIN: return "EAGAIN";
	case ECONNRESET: return "ECONNRESET";
	case ENOSPC: return "ENOSPC";
	case EREMOTE: return "EREMOTE";
	case ENOMEM: return "ENOMEM";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	case ENOTCONN: return "ENOTCONN";
	case EXDEV: return "EXDEV";
	default: return "E?";
	}
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *e, void *arg)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)((char *)e - NLMSG_HDRLEN);
	struct probe *p = arg;
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off;

	(void)who;
	p->err = e->error;
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return NL_STOP;
	/* TLVs follow the echoed request, which is cut to its header when capped. */
	off = NLMSG_HDRLEN + sizeof(*e);
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	if (off >= nlh->nlmsg_len)
		return NL_STOP;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)nlh + off),
		      nlh->nlmsg_len - off, NULL) == 0 && tb[NLMSGERR_ATTR_MSG])
		snprintf(p->extack, sizeof(p->extack), "%s",
			 (char *)nla_data(tb[NLMSGERR_ATTR_MSG]));
	if (tb[NLMSGERR_ATTR_COOKIE] && nla_len(tb[NLMSGERR_ATTR_COOKIE]) <= 20) {
		p->cookie_len = nla_len(tb[NLMSGERR_ATTR_COOKIE]);
		memcpy(p->cookie, nla_data(tb[NLMSGERR_ATTR_COOKIE]), p->cookie_len);
	}
	return NL_STOP;
}

static void print_config(struct nlattr *nest)
{
	struct nlattr *tb[ISCSI_MCS_CONFIG_A_MAX + 1];
	static const char *const names[] = {
		[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS] = "login_timeout_ms",
		[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS] = "noop_interval_ms",
		[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS] = "noop_timeout_ms",
		[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS] = "replacement_timeout_ms",
		[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS] = "max_connections",
		[ISCSI_MCS_CONFIG_A_CMDS_MAX] = "cmds_max",
	};
	int i;

	if (nla_parse_nested(tb, ISCSI_MCS_CONFIG_A_MAX, nest, NULL))
		return;
	if (tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME])
		printf(" initiator_name=%s", nla_get_string(tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME]));
	if (tb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS])
		printf(" initiator_alias=%s", nla_get_string(tb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS]));
	for (i = ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS; i <= ISCSI_MCS_CONFIG_A_CMDS_MAX; i++)
		if (tb[i])
			printf(" %s=%u", names[i], nla_get_u32(tb[i]));
}

static void print_hex(const char *key, struct nlattr *a)
{
	const unsigned char *d = nla_data(a);
	int i;

	printf(" %s=", key);
	for (i = 0; i < nla_len(a); i++)
		printf("%02x", d[i]);
}

/* " KEY=A.B.C.D:PORT" or " KEY=[IPV6]:PORT", "%SCOPE" after a scoped IPv6. */
static void print_addr(const char *key, struct nlattr *nest)
{
	struct nlattr *tb[ISCSI_MCS_ADDR_A_MAX + 1];
	char buf[INET6_ADDRSTRLEN];
	unsigned int port;

	if (nla_parse_nested(tb, ISCSI_MCS_ADDR_A_MAX, nest, NULL))
		return;
	port = tb[ISCSI_MCS_ADDR_A_PORT] ? nla_get_u16(tb[ISCSI_MCS_ADDR_A_PORT]) : 0;
	if (tb[ISCSI_MCS_ADDR_A_IPV4]) {
		printf(" %s=%s:%u", key, inet_ntop(AF_INET, nla_data(tb[ISCSI_MCS_ADDR_A_IPV4]),
						   buf, sizeof(buf)), port);
	} else if (tb[ISCSI_MCS_ADDR_A_IPV6]) {
		printf(" %s=[%s", key, inet_ntop(AF_INET6, nla_data(tb[ISCSI_MCS_ADDR_A_IPV6]),
						 buf, sizeof(buf)));
		if (tb[ISCSI_MCS_ADDR_A_SCOPE_ID])
			printf("%%%u", nla_get_u32(tb[ISCSI_MCS_ADDR_A_SCOPE_ID]));
		printf("]:%u", port);
	}
}

static void print_session(struct nlattr *nest)
{
	struct nlattr *tb[ISCSI_MCS_SESSION_A_MAX + 1], *c, *ct[ISCSI_MCS_CONN_A_MAX + 1];
	int rem, n = 0;

	if (nla_parse_nested(tb, ISCSI_MCS_SESSION_A_MAX, nest, NULL))
		return;
	if (tb[ISCSI_MCS_SESSION_A_ID])
		print_hex("session", tb[ISCSI_MCS_SESSION_A_ID]);
	if (tb[ISCSI_MCS_SESSION_A_STATE])
		printf(" state=%u", nla_get_u8(tb[ISCSI_MCS_SESSION_A_STATE]));
	if (tb[ISCSI_MCS_SESSION_A_ISID])
		printf(" isid=0x%012llx", (unsigned long long)nla_get_u64(tb[ISCSI_MCS_SESSION_A_ISID]));
	if (tb[ISCSI_MCS_SESSION_A_TSIH])
		printf(" tsih=%u", nla_get_u16(tb[ISCSI_MCS_SESSION_A_TSIH]));
	if (tb[ISCSI_MCS_SESSION_A_TPGT])
		printf(" tpgt=%u", nla_get_u16(tb[ISCSI_MCS_SESSION_A_TPGT]));
	if (tb[ISCSI_MCS_SESSION_A_TARGET_NAME])
		printf(" target=%s", nla_get_string(tb[ISCSI_MCS_SESSION_A_TARGET_NAME]));
	if (tb[ISCSI_MCS_SESSION_A_INITIATOR_NAME])
		printf(" initiator=%s", nla_get_string(tb[ISCSI_MCS_SESSION_A_INITIATOR_NAME]));
	if (tb[ISCSI_MCS_SESSION_A_MAX_CONNECTIONS])
		printf(" maxconn=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_MAX_CONNECTIONS]));
	if (tb[ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL])
		printf(" erl=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL]));
	if (tb[ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH])
		printf(" maxburst=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH]));
	if (tb[ISCSI_MCS_SESSION_A_CLASS_SID])
		printf(" class_sid=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_CLASS_SID]));
	if (tb[ISCSI_MCS_SESSION_A_HOST_NO])
		printf(" host=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_HOST_NO]));
	if (tb[ISCSI_MCS_SESSION_A_POLICY])
		printf(" policy=%u", nla_get_u8(tb[ISCSI_MCS_SESSION_A_POLICY]));
	if (tb[ISCSI_MCS_SESSION_A_CMDS_MAX])
		printf(" cmds_max=%u", nla_get_u32(tb[ISCSI_MCS_SESSION_A_CMDS_MAX]));
	if (tb[ISCSI_MCS_SESSION_A_CONNS]) {
		nla_for_each_nested(c, tb[ISCSI_MCS_SESSION_A_CONNS], rem) {
			if (nla_parse_nested(ct, ISCSI_MCS_CONN_A_MAX, c, NULL))
				continue;
			n++;
			printf(" conn%d:", n);
			if (ct[ISCSI_MCS_CONN_A_ID])
				print_hex("conn", ct[ISCSI_MCS_CONN_A_ID]);
			if (ct[ISCSI_MCS_CONN_A_CID])
				printf(" cid=%u", nla_get_u16(ct[ISCSI_MCS_CONN_A_CID]));
			if (ct[ISCSI_MCS_CONN_A_STATE])
				printf(" cstate=%u", nla_get_u8(ct[ISCSI_MCS_CONN_A_STATE]));
			if (ct[ISCSI_MCS_CONN_A_PORTAL])
				print_addr("portal", ct[ISCSI_MCS_CONN_A_PORTAL]);
			if (ct[ISCSI_MCS_CONN_A_HEADER_DIGEST])
				printf(" hd=%u", nla_get_u8(ct[ISCSI_MCS_CONN_A_HEADER_DIGEST]));
			if (ct[ISCSI_MCS_CONN_A_DATA_DIGEST])
				printf(" dd=%u", nla_get_u8(ct[ISCSI_MCS_CONN_A_DATA_DIGEST]));
			/* Before rx= tx=, which scripts expect last. */
			if (ct[ISCSI_MCS_CONN_A_WEIGHT])
				printf(" weight=%u", nla_get_u32(ct[ISCSI_MCS_CONN_A_WEIGHT]));
			if (ct[ISCSI_MCS_CONN_A_STANDBY])
				printf(" standby=%u", nla_get_u8(ct[ISCSI_MCS_CONN_A_STANDBY]));
			if (ct[ISCSI_MCS_CONN_A_COMMANDS])
				printf(" cmds=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_COMMANDS]));
			if (ct[ISCSI_MCS_CONN_A_BYTES_READ])
				printf(" rbytes=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_BYTES_READ]));
			if (ct[ISCSI_MCS_CONN_A_BYTES_WRITTEN])
				printf(" wbytes=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_BYTES_WRITTEN]));
			if (ct[ISCSI_MCS_CONN_A_ERRORS])
				printf(" errs=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_ERRORS]));
			if (ct[ISCSI_MCS_CONN_A_DEPTH])
				printf(" depth=%u", nla_get_u32(ct[ISCSI_MCS_CONN_A_DEPTH]));
			if (ct[ISCSI_MCS_CONN_A_LATENCY_NS])
				printf(" lat_ns=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_LATENCY_NS]));
			if (ct[ISCSI_MCS_CONN_A_LOCAL])
				print_addr("local", ct[ISCSI_MCS_CONN_A_LOCAL]);
			if (ct[ISCSI_MCS_CONN_A_PDUS_RECEIVED])
				printf(" rx=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_PDUS_RECEIVED]));
			if (ct[ISCSI_MCS_CONN_A_PDUS_SENT])
				printf(" tx=%llu", (unsigned long long)nla_get_u64(ct[ISCSI_MCS_CONN_A_PDUS_SENT]));
		}
	}
	printf(" conns=%d", n);
}

/* " portal=ADDR:PORT,TPGT", ADDR in brackets for IPv6, or the host name. */
static void print_portal(struct nlattr *nest)
{
	struct nlattr *pt[ISCSI_MCS_PORTAL_A_MAX + 1], *at[ISCSI_MCS_ADDR_A_MAX + 1];
	char buf[INET6_ADDRSTRLEN];

	if (nla_parse_nested(pt, ISCSI_MCS_PORTAL_A_MAX, nest, NULL) ||
	    !pt[ISCSI_MCS_PORTAL_A_ADDR] ||
	    nla_parse_nested(at, ISCSI_MCS_ADDR_A_MAX, pt[ISCSI_MCS_PORTAL_A_ADDR], NULL)) {
		printf(" portal=?");
		return;
	}
	if (at[ISCSI_MCS_ADDR_A_IPV4])
		printf(" portal=%s", inet_ntop(AF_INET, nla_data(at[ISCSI_MCS_ADDR_A_IPV4]),
					       buf, sizeof(buf)));
	else if (at[ISCSI_MCS_ADDR_A_IPV6])
		printf(" portal=[%s]", inet_ntop(AF_INET6, nla_data(at[ISCSI_MCS_ADDR_A_IPV6]),
						 buf, sizeof(buf)));
	else if (pt[ISCSI_MCS_PORTAL_A_HOSTNAME])
		printf(" portal=%s", nla_get_string(pt[ISCSI_MCS_PORTAL_A_HOSTNAME]));
	else
		printf(" portal=?");
	printf(":%u", at[ISCSI_MCS_ADDR_A_PORT] ? nla_get_u16(at[ISCSI_MCS_ADDR_A_PORT]) : 0);
	if (pt[ISCSI_MCS_PORTAL_A_TPGT])
		printf(",%u", nla_get_u16(pt[ISCSI_MCS_PORTAL_A_TPGT]));
}

/* " targets=N target=NAME [alias=A] portals=M portal=... target=..." */
static void print_targets(struct nlattr *targets)
{
	struct nlattr *t, *p, *tt[ISCSI_MCS_TARGET_A_MAX + 1];
	int rem, prem, n = 0, np;

	nla_for_each_nested(t, targets, rem)
		n++;
	printf(" targets=%d", n);
	nla_for_each_nested(t, targets, rem) {
		if (nla_type(t) != ISCSI_MCS_A_TARGET ||
		    nla_parse_nested(tt, ISCSI_MCS_TARGET_A_MAX, t, NULL)) {
			printf(" target=?");
			continue;
		}
		printf(" target=%s", tt[ISCSI_MCS_TARGET_A_NAME] ?
		       nla_get_string(tt[ISCSI_MCS_TARGET_A_NAME]) : "?");
		if (tt[ISCSI_MCS_TARGET_A_ALIAS])
			printf(" alias=%s", nla_get_string(tt[ISCSI_MCS_TARGET_A_ALIAS]));
		np = 0;
		if (tt[ISCSI_MCS_TARGET_A_PORTALS])
			nla_for_each_nested(p, tt[ISCSI_MCS_TARGET_A_PORTALS], prem)
				np++;
		printf(" portals=%d", np);
		if (tt[ISCSI_MCS_TARGET_A_PORTALS])
			nla_for_each_nested(p, tt[ISCSI_MCS_TARGET_A_PORTALS], prem)
				print_portal(p);
	}
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct genlmsghdr *gh = nlmsg_data(nlmsg_hdr(msg));
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	struct probe *p = arg;

	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, ISCSI_MCS_A_MAX, NULL))
		return NL_SKIP;
	p->answered = 1;
	printf("answer: cmd=%u", gh->cmd);
	if (tb[ISCSI_MCS_A_VERSION])
		printf(" version=%s", nla_get_string(tb[ISCSI_MCS_A_VERSION]));
	if (tb[ISCSI_MCS_A_API_VERSION])
		printf(" api=%u", nla_get_u32(tb[ISCSI_MCS_A_API_VERSION]));
	if (tb[ISCSI_MCS_A_CAPS])
		printf(" caps=0x%llx", (unsigned long long)nla_get_u64(tb[ISCSI_MCS_A_CAPS]));
	if (tb[ISCSI_MCS_A_MAX_CONNS_LIMIT])
		printf(" max_conns_limit=%u", nla_get_u32(tb[ISCSI_MCS_A_MAX_CONNS_LIMIT]));
	if (tb[ISCSI_MCS_A_CONFIG])
		print_config(tb[ISCSI_MCS_A_CONFIG]);
	if (tb[ISCSI_MCS_A_SESSION_ID])
		print_hex("id", tb[ISCSI_MCS_A_SESSION_ID]);
	if (tb[ISCSI_MCS_A_CONN_ID])
		print_hex("conn_id", tb[ISCSI_MCS_A_CONN_ID]);
	if (tb[ISCSI_MCS_A_CID])
		printf(" cid=%u", nla_get_u16(tb[ISCSI_MCS_A_CID]));
	if (tb[ISCSI_MCS_A_CONN_EVENT])
		printf(" event=%u", nla_get_u8(tb[ISCSI_MCS_A_CONN_EVENT]));
	if (tb[ISCSI_MCS_A_SESSION])
		print_session(tb[ISCSI_MCS_A_SESSION]);
	if (tb[ISCSI_MCS_A_TARGETS])
		print_targets(tb[ISCSI_MCS_A_TARGETS]);
	printf("\n");
	fflush(stdout);
	return NL_OK;
}

static int probe_open(struct probe *p)
{
	int one = 1;

	memset(p, 0, sizeof(*p));
	p->sk = nl_socket_alloc();
	if (!p->sk || genl_connect(p->sk))
		return -1;
	setsockopt(nl_socket_get_fd(p->sk), SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	p->family = genl_ctrl_resolve(p->sk, ISCSI_MCS_GENL_NAME);
	if (p->family < 0) {
		fprintf(stderr, "nlprobe: family %s not found\n", ISCSI_MCS_GENL_NAME);
		return -1;
	}
	nl_socket_modify_cb(p->sk, NL_CB_VALID, NL_CB_CUSTOM, on_valid, p);
	nl_socket_modify_err_cb(p->sk, NL_CB_CUSTOM, on_error, p);
	return 0;
}

/* Sends @msg and waits for the answer and the ack; prints the outcome. */
static int probe_send(struct probe *p, struct nl_msg *msg)
{
	int ret;

	ret = nl_send_auto(p->sk, msg);
	nlmsg_free(msg);
	if (ret < 0) {
		fprintf(stderr, "nlprobe: send: %s\n", nl_geterror(ret));
		return 2;
	}
	ret = nl_wait_for_ack(p->sk);
	if (p->err) {
		printf("error: %s: %s", errno_name(-p->err), p->extack[0] ? p->extack : "(no message)");
		if (p->cookie_len == 2)
			printf(" [status 0x%02x%02x]", p->cookie[0], p->cookie[1]);
		printf("\n");
		return 1;
	}
	if (ret < 0) {
		fprintf(stderr, "nlprobe: receive: %s\n", nl_geterror(ret));
		return 2;
	}
	if (!p->answered)
		printf("answer: ack\n");
	return 0;
}

static struct nl_msg *probe_msg(struct probe *p, int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg || !genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, p->family, 0,
				 NLM_F_ACK, cmd, ISCSI_MCS_GENL_VERSION)) {
		fprintf(stderr, "nlprobe: out of memory\n");
		exit(2);
	}
	return msg;
}

static const struct {
	const char *key;
	int attr;
	int is_string;
} config_keys[] = {
	{ "initiator_name", ISCSI_MCS_CONFIG_A_INITIATOR_NAME, 1 },
	{ "initiator_alias", ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, 1 },
	{ "login_timeout_ms", ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 0 },
	{ "noop_interval_ms", ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 0 },
	{ "noop_timeout_ms", ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS, 0 },
	{ "replacement_timeout_ms", ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS, 0 },
	{ "max_connections", ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 0 },
	{ "cmds_max", ISCSI_MCS_CONFIG_A_CMDS_MAX, 0 },
};

static int put_config(struct nl_msg *msg, int argc, char **argv)
{
	struct nlattr *nest = nla_nest_start(msg, ISCSI_MCS_A_CONFIG);
	int i;
	size_t k;

	for (i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq)
			return -1;
		*eq = '\0';
		for (k = 0; k < sizeof(config_keys) / sizeof(config_keys[0]); k++)
			if (!strcmp(config_keys[k].key, argv[i]))
				break;
		if (k == sizeof(config_keys) / sizeof(config_keys[0])) {
			fprintf(stderr, "nlprobe: unknown key %s\n", argv[i]);
			return -1;
		}
		if (config_keys[k].is_string)
			nla_put_string(msg, config_keys[k].attr, eq + 1);
		else
			nla_put_u32(msg, config_keys[k].attr, strtoul(eq + 1, NULL, 0));
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int put_portal(struct nl_msg *msg, int type, const char *s);

/* Requests that a correct client never sends, one per rule. */
static int put_malformed(struct probe *p, const char *what, struct nl_msg **out)
{
	struct nl_msg *msg;
	struct nlattr *nest;

	if (!strcmp(what, "unknown-cmd")) {
		*out = probe_msg(p, __ISCSI_MCS_CMD_MAX + 7);
		return 0;
	}
	if (!strcmp(what, "notify-cmd")) {
		*out = probe_msg(p, ISCSI_MCS_CMD_CONFIG_NTF);
		return 0;
	}
	if (!strcmp(what, "attr-on-get")) {
		msg = probe_msg(p, ISCSI_MCS_CMD_GET_VERSION);
		nla_put_u32(msg, ISCSI_MCS_A_API_VERSION, 1);
		*out = msg;
		return 0;
	}
	if (!strcmp(what, "login-no-target")) {
		msg = probe_msg(p, ISCSI_MCS_CMD_LOGIN);
		put_portal(msg, ISCSI_MCS_A_PORTAL, "127.0.0.1");
		*out = msg;
		return 0;
	}
	if (!strcmp(what, "discover-no-portal")) {
		*out = probe_msg(p, ISCSI_MCS_CMD_DISCOVER);
		return 0;
	}
	if (!strcmp(what, "discover-target-name")) {
		msg = probe_msg(p, ISCSI_MCS_CMD_DISCOVER);
		put_portal(msg, ISCSI_MCS_A_PORTAL, "127.0.0.1");
		nla_put_string(msg, ISCSI_MCS_A_TARGET_NAME, "iqn.2026-11.org.x:y");
		*out = msg;
		return 0;
	}
	if (!strcmp(what, "discover-max-connections")) {
		msg = probe_msg(p, ISCSI_MCS_CMD_DISCOVER);
		put_portal(msg, ISCSI_MCS_A_PORTAL, "127.0.0.1");
		nest = nla_nest_start(msg, ISCSI_MCS_A_LOGIN);
		nla_put_u32(msg, ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS, 2);
		nla_nest_end(msg, nest);
		*out = msg;
		return 0;
	}
	msg = probe_msg(p, ISCSI_MCS_CMD_CONFIG_SET);
	*out = msg;
	if (!strcmp(what, "no-nest"))
		return 0;
	if (!strcmp(what, "unknown-top-attr")) {
		nla_put_u32(msg, ISCSI_MCS_A_MAX + 5, 1);
		return 0;
	}
	if (!strcmp(what, "reply-attr")) {
		nla_put_string(msg, ISCSI_MCS_A_VERSION, "9.9.9");
		return 0;
	}
	if (!strcmp(what, "config-not-nested")) {
		nla_put_u32(msg, ISCSI_MCS_A_CONFIG, 1);
		return 0;
	}
	nest = nla_nest_start(msg, ISCSI_MCS_A_CONFIG);
	if (!strcmp(what, "empty-nest")) {
	} else if (!strcmp(what, "unknown-nested-attr")) {
		nla_put_u32(msg, ISCSI_MCS_CONFIG_A_MAX + 3, 1);
	} else if (!strcmp(what, "wrong-size")) {
		nla_put_u16(msg, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 5000);
	} else if (!strcmp(what, "string-no-nul")) {
		nla_put(msg, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, 3, "abc");
	} else {
		fprintf(stderr, "nlprobe: unknown malformed case %s\n", what);
		return -1;
	}
	/* libnl drops an empty nest unless told to keep it. */
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

/* One event, or with @all every event until @timeout_ms has passed. */
static int listen_events(struct probe *p, int timeout_ms, int all)
{
	int grp = genl_ctrl_resolve_grp(p->sk, ISCSI_MCS_GENL_NAME, ISCSI_MCS_MCGRP_EVENTS);
	struct pollfd pfd;

	if (grp < 0 || nl_socket_add_membership(p->sk, grp)) {
		fprintf(stderr, "nlprobe: cannot join group %s\n", ISCSI_MCS_MCGRP_EVENTS);
		return 2;
	}
	nl_socket_disable_seq_check(p->sk);
	printf("listening\n");
	fflush(stdout);
	pfd.fd = nl_socket_get_fd(p->sk);
	pfd.events = POLLIN;
	if (all) {
		struct timespec t0, t;
		int left = timeout_ms;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		while (left > 0) {
			if (poll(&pfd, 1, left) > 0)
				nl_recvmsgs_default(p->sk);
			clock_gettime(CLOCK_MONOTONIC, &t);
			left = timeout_ms - (int)((t.tv_sec - t0.tv_sec) * 1000 +
						  (t.tv_nsec - t0.tv_nsec) / 1000000);
		}
		return 0;
	}
	if (poll(&pfd, 1, timeout_ms) <= 0) {
		printf("error: ETIMEDOUT: no event\n");
		return 1;
	}
	nl_recvmsgs_default(p->sk);
	return p->answered ? 0 : 1;
}

static int put_hex(struct nl_msg *msg, int type, const char *hex)
{
	unsigned char id[ISCSI_MCS_ID_LEN];
	int i;

	if (strlen(hex) != 2 * ISCSI_MCS_ID_LEN)
		return -1;
	for (i = 0; i < ISCSI_MCS_ID_LEN; i++)
		if (sscanf(hex + 2 * i, "%2hhx", &id[i]) != 1)
			return -1;
	return nla_put(msg, type, sizeof(id), id);
}

/*
 * The address of "A.B.C.D[:PORT]" or "[IPV6[%SCOPE]][:PORT]" into an open
 * address nest, SCOPE an interface name or index; an empty @s puts
 * nothing (a local end of only an interface).
 */
static int put_addr_attrs(struct nl_msg *msg, const char *s)
{
	unsigned char ip[16];
	char host[INET6_ADDRSTRLEN + IF_NAMESIZE + 2], *pct;
	unsigned int scope = 0;
	const char *end = s;
	unsigned int port = 0;
	size_t n;

	if (!*s)
		return 0;
	if (*s == '[') {
		end = strchr(s, ']');
		n = end ? (size_t)(end - s - 1) : 0;
		if (!n || n >= sizeof(host))
			return -1;
		memcpy(host, s + 1, n);
		host[n] = '\0';
		pct = strchr(host, '%');
		if (pct) {
			*pct++ = '\0';
			scope = if_nametoindex(pct);
			if (!scope && sscanf(pct, "%u", &scope) != 1)
				return -1;
		}
		if (inet_pton(AF_INET6, host, ip) != 1)
			return -1;
		nla_put(msg, ISCSI_MCS_ADDR_A_IPV6, 16, ip);
		if (pct)
			nla_put_u32(msg, ISCSI_MCS_ADDR_A_SCOPE_ID, scope);
		end++;
	} else {
		n = strcspn(s, ":");
		if (n >= sizeof(host))
			return -1;
		memcpy(host, s, n);
		host[n] = '\0';
		if (inet_pton(AF_INET, host, ip) != 1)
			return -1;
		nla_put(msg, ISCSI_MCS_ADDR_A_IPV4, 4, ip);
		end = s + n;
	}
	if (*end == ':') {
		if (sscanf(end + 1, "%u", &port) != 1)
			return -1;
		nla_put_u16(msg, ISCSI_MCS_ADDR_A_PORT, port);
	} else if (*end) {
		return -1;
	}
	return 0;
}

/* "A.B.C.D[:PORT]" or "[IPV6][:PORT]" into a portal nest. */
static int put_portal(struct nl_msg *msg, int type, const char *s)
{
	struct nlattr *nest = nla_nest_start(msg, type);

	if (!*s || put_addr_attrs(msg, s))
		return -1;
	nla_nest_end(msg, nest);
	return 0;
}

/* A policy by name (rr, failover, rr-subset, lqd, weighted, let) or number. */
static unsigned int policy_value(const char *s)
{
	static const char *const names[] = {
		[ISCSI_MCS_POLICY_ROUND_ROBIN] = "rr",
		[ISCSI_MCS_POLICY_FAILOVER] = "failover",
		[ISCSI_MCS_POLICY_ROUND_ROBIN_SUBSET] = "rr-subset",
		[ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH] = "lqd",
		[ISCSI_MCS_POLICY_WEIGHTED] = "weighted",
		[ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME] = "let",
	};
	unsigned int i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i]))
			return i;
	return strtoul(s, NULL, 0);
}

/* local=ADDR and ifindex=N of argv[first..argc-1], in one local nest. */
static int put_local(struct nl_msg *msg, int argc, char **argv, int first)
{
	const char *addr = NULL, *ifindex = NULL;
	struct nlattr *nest;
	int i;

	for (i = first; i < argc; i++)
		if (!strncmp(argv[i], "local=", 6))
			addr = argv[i] + 6;
		else if (!strncmp(argv[i], "ifindex=", 8))
			ifindex = argv[i] + 8;
	if (!addr && !ifindex)
		return 0;
	nest = nla_nest_start(msg, ISCSI_MCS_A_LOCAL);
	if (addr && put_addr_attrs(msg, addr))
		return -1;
	if (ifindex)
		nla_put_u32(msg, ISCSI_MCS_ADDR_A_IFINDEX, strtoul(ifindex, NULL, 0));
	nla_nest_end_keep_empty(msg, nest);
	return 0;
}

/* KEY=VALUE options of LOGIN and DISCOVER: argv[first..argc-1]. */
static int put_login_opts(struct nl_msg *msg, int argc, char **argv, int first)
{
	struct nlattr *nest;
	int i;

	if (put_local(msg, argc, argv, first))
		return -1;
	for (i = first; i < argc; i++)
		if (!strncmp(argv[i], "initiator=", 10))
			nla_put_string(msg, ISCSI_MCS_A_INITIATOR_NAME, argv[i] + 10);
		else if (!strncmp(argv[i], "isid=", 5))
			nla_put_u64(msg, ISCSI_MCS_A_ISID, strtoull(argv[i] + 5, NULL, 0));
		else if (!strncmp(argv[i], "policy=", 7))
			nla_put_u8(msg, ISCSI_MCS_A_POLICY, policy_value(argv[i] + 7));
	nest = nla_nest_start(msg, ISCSI_MCS_A_LOGIN);
	for (i = first; i < argc; i++) {
		char *v = strchr(argv[i], '='), *colon;
		int mutual = !strncmp(argv[i], "mutual=", 7);

		if (!v)
			return -1;
		v++;
		if (!strncmp(argv[i], "chap=", 5) || mutual) {
			colon = strchr(v, ':');
			if (!colon)
				return -1;
			*colon = '\0';
			nla_put_string(msg, mutual ? ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME :
				       ISCSI_MCS_LOGIN_A_CHAP_NAME, v);
			nla_put(msg, mutual ? ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET :
				ISCSI_MCS_LOGIN_A_CHAP_SECRET, strlen(colon + 1), colon + 1);
		} else if (!strncmp(argv[i], "hd=", 3)) {
			nla_put_u8(msg, ISCSI_MCS_LOGIN_A_HEADER_DIGEST, atoi(v));
		} else if (!strncmp(argv[i], "dd=", 3)) {
			nla_put_u8(msg, ISCSI_MCS_LOGIN_A_DATA_DIGEST, atoi(v));
		} else if (!strncmp(argv[i], "maxconn=", 8)) {
			nla_put_u32(msg, ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS, atoi(v));
		} else if (!strncmp(argv[i], "erl=", 4)) {
			nla_put_u8(msg, ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL, atoi(v));
		} else if (!strncmp(argv[i], "fbl=", 4)) {
			nla_put_u32(msg, ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH, atoi(v));
		} else if (!strncmp(argv[i], "mbl=", 4)) {
			nla_put_u32(msg, ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH, atoi(v));
		} else if (!strncmp(argv[i], "mrdsl=", 6)) {
			nla_put_u32(msg, ISCSI_MCS_LOGIN_A_MAX_RECV_DSL, atoi(v));
		} else if (!strncmp(argv[i], "cmds_max=", 9)) {
			nla_put_u32(msg, ISCSI_MCS_LOGIN_A_CMDS_MAX, strtoul(v, NULL, 0));
		}
	}
	nla_nest_end(msg, nest);
	return 0;
}

static int put_login(struct nl_msg *msg, int argc, char **argv)
{
	if (argc < 2 || put_portal(msg, ISCSI_MCS_A_PORTAL, argv[1]))
		return -1;
	nla_put_string(msg, ISCSI_MCS_A_TARGET_NAME, argv[0]);
	return put_login_opts(msg, argc, argv, 2);
}

static int put_discover(struct nl_msg *msg, int argc, char **argv)
{
	if (argc < 1 || put_portal(msg, ISCSI_MCS_A_PORTAL, argv[0]))
		return -1;
	return put_login_opts(msg, argc, argv, 1);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: nlprobe version | config-get | config-set KEY=VALUE... |\n"
		"               malformed CASE | listen TIMEOUT_MS [all] |\n"
		"               login TARGET IP[:PORT] [KEY=VALUE...] | logout ID |\n"
		"               discover IP[:PORT] [KEY=VALUE...] |\n"
		"               session-get ID | sessions |\n"
		"               session-set ID [POLICY] |\n"
		"               conn-set ID CONN_ID [weight=N] [standby=0|1]\n"
		"               (IP: A.B.C.D or [IPV6]; keys include local=IP,\n"
		"               ifindex=N, cmds_max=N)\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct nl_msg *msg;
	struct probe p;
	int ret;

	if (argc < 2)
		usage();
	if (probe_open(&p))
		return 2;
	if (!strcmp(argv[1], "version")) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_GET_VERSION);
	} else if (!strcmp(argv[1], "config-get")) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_CONFIG_GET);
	} else if (!strcmp(argv[1], "config-set")) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_CONFIG_SET);
		if (put_config(msg, argc - 2, argv + 2))
			usage();
	} else if (!strcmp(argv[1], "malformed") && argc == 3) {
		if (put_malformed(&p, argv[2], &msg))
			return 2;
	} else if (!strcmp(argv[1], "login")) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_LOGIN);
		if (put_login(msg, argc - 2, argv + 2))
			usage();
	} else if (!strcmp(argv[1], "discover")) {
		/* The answer may be larger than libnl's default buffer. */
		nl_socket_enable_msg_peek(p.sk);
		nl_socket_set_buffer_size(p.sk, 1 << 20, 0);
		msg = probe_msg(&p, ISCSI_MCS_CMD_DISCOVER);
		if (put_discover(msg, argc - 2, argv + 2))
			usage();
	} else if (!strcmp(argv[1], "logout") && argc == 3) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_LOGOUT);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]))
			usage();
	} else if (!strcmp(argv[1], "session-get") && argc == 3) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_SESSION_GET);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]))
			usage();
	} else if (!strcmp(argv[1], "conn-add") && argc >= 4) {
		/* conn-add SESSION IP[:PORT] [KEY=VALUE...], keys as for login */
		msg = probe_msg(&p, ISCSI_MCS_CMD_CONN_ADD);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]) ||
		    put_portal(msg, ISCSI_MCS_A_PORTAL, argv[3]) ||
		    put_login_opts(msg, argc, argv, 4))
			usage();
	} else if (!strcmp(argv[1], "conn-remove") && argc == 4) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_CONN_REMOVE);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]) ||
		    put_hex(msg, ISCSI_MCS_A_CONN_ID, argv[3]))
			usage();
	} else if (!strcmp(argv[1], "session-set") && (argc == 3 || argc == 4)) {
		/* Without POLICY: the request the kernel must refuse. */
		msg = probe_msg(&p, ISCSI_MCS_CMD_SESSION_SET);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]))
			usage();
		if (argc == 4)
			nla_put_u8(msg, ISCSI_MCS_A_POLICY, policy_value(argv[3]));
	} else if (!strcmp(argv[1], "conn-set") && argc >= 4) {
		msg = probe_msg(&p, ISCSI_MCS_CMD_CONN_SET);
		if (put_hex(msg, ISCSI_MCS_A_SESSION_ID, argv[2]) ||
		    put_hex(msg, ISCSI_MCS_A_CONN_ID, argv[3]))
			usage();
		for (ret = 4; ret < argc; ret++)
			if (!strncmp(argv[ret], "weight=", 7))
				nla_put_u32(msg, ISCSI_MCS_A_WEIGHT, strtoul(argv[ret] + 7, NULL, 0));
			else if (!strncmp(argv[ret], "standby=", 8))
				nla_put_u8(msg, ISCSI_MCS_A_STANDBY, atoi(argv[ret] + 8));
			else
				usage();
	} else if (!strcmp(argv[1], "sessions")) {
		msg = nlmsg_alloc();
		genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, p.family, 0,
			    NLM_F_DUMP | NLM_F_ACK, ISCSI_MCS_CMD_SESSION_GET,
			    ISCSI_MCS_GENL_VERSION);
	} else if (!strcmp(argv[1], "listen") && (argc == 3 || argc == 4)) {
		ret = listen_events(&p, atoi(argv[2]),
				    argc == 4 && !strcmp(argv[3], "all"));
		nl_socket_free(p.sk);
		return ret;
	} else {
		usage();
	}
	ret = probe_send(&p, msg);
	nl_socket_free(p.sk);
	return ret;
}
