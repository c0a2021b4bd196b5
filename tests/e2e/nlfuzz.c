// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * nlfuzz: sends random and mutated generic netlink requests to the
 * iscsi_mcs family over a raw socket and checks each answer:
 *
 *   nlfuzz fuzz SEED COUNT [PORTAL_PORT]
 *	COUNT requests, each a valid request of a random command mutated
 *	(attributes dropped, retyped, resized, duplicated, nested garbage,
 *	huge strings, values at and past their bounds, random flags, dumps,
 *	random command numbers, random bytes). The same SEED sends the same
 *	requests. Fails (exit 1) when the kernel does not answer, refuses a
 *	request with EINVAL or ERANGE but no extack message, or, when the
 *	caller lacks CAP_NET_ADMIN in the initial user namespace (its
 *	effective capabilities tell), when a mutating command did anything
 *	but refuse.
 *   nlfuzz perm [SESSION_ID [CONN_ID [CMD]]]
 *	One well-formed request of each mutating command (or of CMD, e.g.
 *	CONN_SET), naming the given session and connection; prints
 *	"CMD ERRNO extack=MESSAGE" per line.
 *   nlfuzz dumps SECONDS
 *	Dumps the sessions over and over, checking every message parses;
 *	prints "dumps=N sessions=M errors=E".
 *   nlfuzz stats SECONDS
 *	Asks the iSCSI transport class for the statistics of every
 *	connection in /sys/class/iscsi_connection, over and over, as iscsid
 *	does for "iscsiadm -m session -r N -s" (which stock iscsiadm cannot
 *	do for a transport it has no template for); prints "stats=N".
 *
 * No libnl: the point is to send what a library would never build.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/capability.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include <linux/iscsi_mcs.h>

#ifndef NETLINK_EXT_ACK
#define NETLINK_EXT_ACK 11
#endif

#define BUF_SIZE (1 << 17)

static int nl_fd;
static uint16_t family;
static uint32_t seq;
static unsigned char rxbuf[BUF_SIZE];

/* xorshift64*: the same seed, the same requests on any machine. */
static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

static unsigned int below(unsigned int n)
{
	return n ? (unsigned int)(rnd() % n) : 0;
}

static int chance(unsigned int one_in)
{
	return below(one_in) == 0;
}

/* An outgoing message: header, genl header, attributes. */
struct msg {
	unsigned char buf[BUF_SIZE];
	size_t len;
	size_t nest[8];
	int depth;
};

static void msg_init(struct msg *m, uint8_t cmd, uint16_t flags)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct genlmsghdr *gh = (struct genlmsghdr *)(m->buf + NLMSG_HDRLEN);

	memset(m->buf, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh->nlmsg_type = family;
	nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	gh->cmd = cmd;
	gh->version = ISCSI_MCS_GENL_VERSION;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
	m->depth = 0;
}

static void put(struct msg *m, uint16_t type, const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->buf + m->len);
	size_t total = NLA_ALIGN(NLA_HDRLEN + len);

	if (m->len + total > sizeof(m->buf) || NLA_HDRLEN + len > 0xffff)
		return;
	a->nla_type = type;
	a->nla_len = NLA_HDRLEN + len;
	if (len)
		memcpy(m->buf + m->len + NLA_HDRLEN, data, len);
	memset(m->buf + m->len + NLA_HDRLEN + len, 0, total - NLA_HDRLEN - len);
	m->len += total;
}

static void put_u8(struct msg *m, uint16_t t, uint8_t v) { put(m, t, &v, 1); }
static void put_u16(struct msg *m, uint16_t t, uint16_t v) { put(m, t, &v, 2); }
static void put_u32(struct msg *m, uint16_t t, uint32_t v) { put(m, t, &v, 4); }
static void put_u64(struct msg *m, uint16_t t, uint64_t v) { put(m, t, &v, 8); }
static void put_str(struct msg *m, uint16_t t, const char *s) { put(m, t, s, strlen(s) + 1); }

/* Set while building requests that must be well-formed. */
static int exact;

static void nest_start(struct msg *m, uint16_t type)
{
	if (m->depth == 8)
		return;
	m->nest[m->depth++] = m->len;
	/* Now and then the flag the kernel insists on is missing. */
	put(m, !exact && chance(40) ? type : (type | NLA_F_NESTED), NULL, 0);
}

static void nest_end(struct msg *m)
{
	struct nlattr *a;

	if (!m->depth)
		return;
	a = (struct nlattr *)(m->buf + m->nest[--m->depth]);
	a->nla_len = m->len - m->nest[m->depth];
}

/* Values: mostly valid, often at a bound, sometimes past it. */
static uint32_t some_u32(uint32_t lo, uint32_t hi)
{
	static const uint32_t odd[] = { 0, 1, 511, 512, 999, 1000, 3600, 3601,
					65535, 65536, 16777215, 16777216,
					0x7fffffff, 0x80000000, 0xffffffff };

	switch (below(6)) {
	case 0: return lo;
	case 1: return hi;
	case 2: return lo ? lo - 1 : 0;
	case 3: return hi + 1;
	case 4: return odd[below(sizeof(odd) / sizeof(odd[0]))];
	default: return lo + (hi > lo ? below(hi - lo + 1) : 0);
	}
}

static void random_bytes(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		p[i] = rnd();
}

/* Strings: names right and wrong, empty, control characters, huge. */
static void put_name(struct msg *m, uint16_t type, const char *good)
{
	static char big[70000];
	size_t n, i;

	switch (below(10)) {
	case 0:
		put_str(m, type, "");
		return;
	case 1:	/* huge, sometimes past a netlink attribute's 64 KiB */
		n = below(3) ? 200 + below(400) : 1000 + below(68000);
		for (i = 0; i < n; i++)
			big[i] = "iqn.2026-11.org:x"[below(17)];
		big[n] = '\0';
		put(m, type, big, n + 1 > 65000 ? 65000 : n + 1);
		return;
	case 2:	/* no NUL */
		put(m, type, good, strlen(good));
		return;
	case 3:
		put_str(m, type, "IQN.2026-11.ORG.Upper:Case");
		return;
	case 4:
		put_str(m, type, "iqn.2026-11.org.x:\x01\x7f\n");
		return;
	case 5:
		put_str(m, type, "eui.0123456789abcdef");
		return;
	case 6:
		put_str(m, type, "naa.0123");
		return;
	default:
		put_str(m, type, good);
	}
}

static unsigned char known_sid[64][ISCSI_MCS_ID_LEN];
static unsigned char known_cid[64][ISCSI_MCS_ID_LEN];
static unsigned int n_sid, n_cid;
static const char *target_iqn = "iqn.2026-11.org.iscsi-mcs:target";
static uint16_t portal_port = 3999;

static void put_id(struct msg *m, uint16_t type, int conn)
{
	unsigned char id[ISCSI_MCS_ID_LEN + 4];
	unsigned int n = conn ? n_cid : n_sid;

	if (n && below(3)) {
		put(m, type, conn ? known_cid[below(n)] : known_sid[below(n)],
		    ISCSI_MCS_ID_LEN);
		return;
	}
	random_bytes(id, sizeof(id));
	put(m, type, id, chance(8) ? below(sizeof(id) + 1) : ISCSI_MCS_ID_LEN);
}

/*
 * A portal: no network device in the VM, so any address but loopback is
 * unreachable at once; loopback ports other than LIO's refuse at once.
 */
static void put_addr(struct msg *m, uint16_t type, int local)
{
	unsigned char a[17];
	uint32_t v4;

	nest_start(m, type);
	switch (below(8)) {
	case 0:
		random_bytes(a, sizeof(a));
		put(m, ISCSI_MCS_ADDR_A_IPV4, a, 4);
		break;
	case 1:
		random_bytes(a, sizeof(a));
		a[0] = below(2) ? 0xfe : a[0];
		a[1] = 0x80;
		put(m, ISCSI_MCS_ADDR_A_IPV6, a, 16);
		break;
	case 2:	/* both families, or a wrong size */
		v4 = htonl(0x7f000001);
		put(m, ISCSI_MCS_ADDR_A_IPV4, &v4, 4);
		random_bytes(a, sizeof(a));
		put(m, ISCSI_MCS_ADDR_A_IPV6, a, below(2) ? 16 : below(18));
		break;
	case 3:
		memset(a, 0, 16);
		a[15] = 1;
		put(m, ISCSI_MCS_ADDR_A_IPV6, a, 16);
		break;
	case 4:	/* nothing */
		break;
	default:
		v4 = htonl(0x7f000001 + below(2));
		put(m, ISCSI_MCS_ADDR_A_IPV4, &v4, 4);
	}
	if (!local && below(4))
		put_u16(m, ISCSI_MCS_ADDR_A_PORT,
			chance(200) ? 3260 : chance(4) ? some_u32(0, 65535) : portal_port);
	if (chance(4))
		put_u32(m, ISCSI_MCS_ADDR_A_SCOPE_ID, some_u32(0, 3));
	if (chance(local ? 2 : 6))
		put_u32(m, ISCSI_MCS_ADDR_A_IFINDEX, some_u32(0, 3));
	if (chance(10))
		put_u32(m, ISCSI_MCS_ADDR_A_MAX + 1 + below(4), rnd());
	nest_end(m);
}

static void put_login_nest(struct msg *m)
{
	static const unsigned char secret[300] = "0123456789abcdef0123456789";
	int i, n = below(8);

	nest_start(m, ISCSI_MCS_A_LOGIN);
	for (i = 0; i < n; i++) {
		int t = 1 + below(ISCSI_MCS_LOGIN_A_MAX + 1);

		switch (t) {
		case ISCSI_MCS_LOGIN_A_HEADER_DIGEST:
		case ISCSI_MCS_LOGIN_A_DATA_DIGEST:
			put_u8(m, t, some_u32(0, ISCSI_MCS_DIGEST_MAX));
			break;
		case ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL:
			put_u8(m, t, some_u32(0, 2));
			break;
		case ISCSI_MCS_LOGIN_A_IMMEDIATE_DATA:
		case ISCSI_MCS_LOGIN_A_INITIAL_R2T:
			put_u8(m, t, some_u32(0, 1));
			break;
		case ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS:
			put_u32(m, t, some_u32(1, 32));
			break;
		case ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT:
		case ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN:
			put_u32(m, t, some_u32(0, 3600));
			break;
		case ISCSI_MCS_LOGIN_A_MAX_RECV_DSL:
		case ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH:
		case ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH:
			put_u32(m, t, some_u32(512, 16777215));
			break;
		case ISCSI_MCS_LOGIN_A_CMDS_MAX:
			put_u32(m, t, some_u32(1, 1024));
			break;
		case ISCSI_MCS_LOGIN_A_CHAP_NAME:
		case ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME:
			put_name(m, t, "user");
			break;
		case ISCSI_MCS_LOGIN_A_CHAP_SECRET:
		case ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET:
			put(m, t, secret, some_u32(12, 256) % sizeof(secret));
			break;
		default:	/* past the policy */
			put_u32(m, t, rnd());
		}
	}
	/* nla_nest_end_keep_empty's behaviour: an empty nest is sent. */
	nest_end(m);
}

static void put_config_nest(struct msg *m)
{
	int i, n = below(5);

	nest_start(m, ISCSI_MCS_A_CONFIG);
	for (i = 0; i < n; i++) {
		int t = 1 + below(ISCSI_MCS_CONFIG_A_MAX + 1);

		switch (t) {
		case ISCSI_MCS_CONFIG_A_INITIATOR_NAME:
			put_name(m, t, "iqn.2026-11.org.iscsi-mcs:fuzz");
			break;
		case ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS:
			put_name(m, t, "fuzz alias");
			break;
		case ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS:
			/* Kept short: LOGIN and DISCOVER below must not wait. */
			put_u32(m, t, some_u32(1000, 2000));
			break;
		case ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS:
		case ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS:
		case ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS:
			put_u32(m, t, some_u32(0, 3600000));
			break;
		case ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS:
			put_u32(m, t, some_u32(1, 32));
			break;
		case ISCSI_MCS_CONFIG_A_CMDS_MAX:
			put_u32(m, t, some_u32(1, 1024));
			break;
		default:
			put_u32(m, t, rnd());
		}
	}
	nest_end(m);
}

static const uint8_t admin_cmds[] = {
	ISCSI_MCS_CMD_CONFIG_SET, ISCSI_MCS_CMD_LOGIN, ISCSI_MCS_CMD_LOGOUT,
	ISCSI_MCS_CMD_DISCOVER, ISCSI_MCS_CMD_CONN_ADD, ISCSI_MCS_CMD_CONN_REMOVE,
	ISCSI_MCS_CMD_SESSION_SET, ISCSI_MCS_CMD_CONN_SET,
};

static int is_admin(uint8_t cmd)
{
	size_t i;

	for (i = 0; i < sizeof(admin_cmds); i++)
		if (admin_cmds[i] == cmd)
			return 1;
	return 0;
}

static const char *cmd_name(uint8_t cmd)
{
	static const char *const names[] = {
		"UNSPEC", "GET_VERSION", "CONFIG_GET", "CONFIG_SET", "CONFIG_NTF",
		"LOGIN", "LOGOUT", "SESSION_GET", "SESSION_NTF", "DISCOVER",
		"CONN_ADD", "CONN_REMOVE", "SESSION_SET", "CONN_SET", "CONN_NTF",
	};

	return cmd < sizeof(names) / sizeof(names[0]) ? names[cmd] : "CMD?";
}

/* The valid request of @cmd, before any mutation. */
static void build_valid(struct msg *m, uint8_t cmd)
{
	switch (cmd) {
	case ISCSI_MCS_CMD_CONFIG_SET:
		put_config_nest(m);
		break;
	case ISCSI_MCS_CMD_LOGIN:
		if (below(8))
			put_name(m, ISCSI_MCS_A_TARGET_NAME,
				 chance(4) ? target_iqn : "iqn.2026-11.org.x:none");
		/* fall through */
	case ISCSI_MCS_CMD_DISCOVER:
		if (below(8))
			put_addr(m, ISCSI_MCS_A_PORTAL, 0);
		if (chance(4))
			put_addr(m, ISCSI_MCS_A_LOCAL, 1);
		if (chance(3))
			put_name(m, ISCSI_MCS_A_INITIATOR_NAME, "iqn.2026-11.org.iscsi-mcs:fz");
		if (cmd == ISCSI_MCS_CMD_LOGIN && chance(3))
			put_u64(m, ISCSI_MCS_A_ISID, chance(2) ? rnd() : rnd() & 0xffffffffffffULL);
		if (chance(2))
			put_login_nest(m);
		if (cmd == ISCSI_MCS_CMD_LOGIN && chance(4))
			put_u8(m, ISCSI_MCS_A_POLICY, some_u32(0, ISCSI_MCS_POLICY_MAX));
		break;
	case ISCSI_MCS_CMD_CONN_ADD:
		put_id(m, ISCSI_MCS_A_SESSION_ID, 0);
		if (below(8))
			put_addr(m, ISCSI_MCS_A_PORTAL, 0);
		if (chance(4))
			put_addr(m, ISCSI_MCS_A_LOCAL, 1);
		if (chance(2))
			put_login_nest(m);
		break;
	case ISCSI_MCS_CMD_LOGOUT:
	case ISCSI_MCS_CMD_SESSION_GET:
		if (below(6))
			put_id(m, ISCSI_MCS_A_SESSION_ID, 0);
		break;
	case ISCSI_MCS_CMD_CONN_REMOVE:
	case ISCSI_MCS_CMD_CONN_SET:
		put_id(m, ISCSI_MCS_A_SESSION_ID, 0);
		put_id(m, ISCSI_MCS_A_CONN_ID, 1);
		if (cmd == ISCSI_MCS_CMD_CONN_SET) {
			if (below(2))
				put_u32(m, ISCSI_MCS_A_WEIGHT, some_u32(1, ISCSI_MCS_WEIGHT_MAX));
			if (below(2))
				put_u8(m, ISCSI_MCS_A_STANDBY, some_u32(0, 1));
		}
		break;
	case ISCSI_MCS_CMD_SESSION_SET:
		put_id(m, ISCSI_MCS_A_SESSION_ID, 0);
		if (below(6))
			put_u8(m, ISCSI_MCS_A_POLICY, some_u32(0, ISCSI_MCS_POLICY_MAX));
		break;
	default:
		break;
	}
}

/*
 * Mutations of the attribute stream after the valid request is built.
 * Attribute lengths stay inside the message unless the mutation is about
 * lengths, which the kernel must refuse.
 */
static void mutate(struct msg *m)
{
	size_t base = NLMSG_HDRLEN + GENL_HDRLEN, off, n;
	struct nlattr *a;
	unsigned char junk[512];
	int i, rounds = below(4);

	for (i = 0; i < rounds; i++) {
		switch (below(9)) {
		case 0:	/* a random top-level attribute, garbage inside */
			n = below(64);
			random_bytes(junk, n);
			put(m, below(ISCSI_MCS_A_MAX + 8), junk, n);
			break;
		case 1:	/* nested garbage: nests of nests of random things */
			nest_start(m, below(ISCSI_MCS_A_MAX + 2));
			nest_start(m, below(20));
			n = below(48);
			random_bytes(junk, n);
			put(m, below(20), junk, n);
			nest_end(m);
			nest_end(m);
			break;
		case 2:	/* retype the first attribute */
			if (m->len > base) {
				a = (struct nlattr *)(m->buf + base);
				a->nla_type = below(3) ? below(ISCSI_MCS_A_MAX + 4) :
					      (uint16_t)rnd();
			}
			break;
		case 3:	/* drop the first attribute */
			if (m->len > base) {
				a = (struct nlattr *)(m->buf + base);
				n = NLA_ALIGN(a->nla_len);
				if (a->nla_len >= NLA_HDRLEN && base + n <= m->len) {
					memmove(m->buf + base, m->buf + base + n,
						m->len - base - n);
					m->len -= n;
				}
			}
			break;
		case 4:	/* a random byte of the attributes flipped */
			if (m->len > base) {
				off = base + below(m->len - base);
				m->buf[off] ^= 1 << below(8);
			}
			break;
		case 5:	/* the first attribute's length lies */
			if (m->len > base) {
				a = (struct nlattr *)(m->buf + base);
				a->nla_len = below(2) ? below(8) : a->nla_len + 1 + below(64);
			}
			break;
		case 6:	/* cut off in the middle */
			if (m->len > base + 1)
				m->len = base + below(m->len - base);
			break;
		case 7:	/* the same attribute twice */
			if (m->len > base) {
				a = (struct nlattr *)(m->buf + base);
				n = NLA_ALIGN(a->nla_len);
				if (a->nla_len >= NLA_HDRLEN && base + n <= m->len &&
				    m->len + n <= sizeof(m->buf)) {
					memcpy(m->buf + m->len, m->buf + base, n);
					m->len += n;
				}
			}
			break;
		default:	/* trailing bytes that are no attribute */
			n = 1 + below(3);
			if (m->len + n > sizeof(m->buf))
				break;
			random_bytes(m->buf + m->len, n);
			m->len += n;
		}
	}
}

struct answer {
	int err;		/* 0 or a negative errno; 1 no answer */
	char extack[256];
	int msgs;		/* data messages before the end */
};

/* Receives until the ack, the dump's end, or the timeout. */
static void receive(uint32_t want, struct answer *ans)
{
	ans->err = 1;
	ans->extack[0] = '\0';
	ans->msgs = 0;
	for (;;) {
		ssize_t n = recv(nl_fd, rxbuf, sizeof(rxbuf), 0);
		struct nlmsghdr *nlh;

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return;	/* timeout: no answer */
		}
		for (nlh = (struct nlmsghdr *)rxbuf; NLMSG_OK(nlh, (size_t)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != want)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE) {
				ans->err = 0;
				/* A dump's end carries its error too. */
				if (nlh->nlmsg_len >= NLMSG_LENGTH(sizeof(int)))
					ans->err = *(int *)NLMSG_DATA(nlh);
				return;
			}
			if (nlh->nlmsg_type == NLMSG_ERROR) {
				struct nlmsgerr *e = NLMSG_DATA(nlh);
				size_t off = NLMSG_HDRLEN + sizeof(*e);
				struct nlattr *a;

				ans->err = e->error;
				if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
					off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
				while (off + NLA_HDRLEN <= nlh->nlmsg_len) {
					a = (struct nlattr *)((char *)nlh + off);
					if (a->nla_len < NLA_HDRLEN)
						break;
					if ((a->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG)
						snprintf(ans->extack, sizeof(ans->extack), "%.*s",
							 (int)(a->nla_len - NLA_HDRLEN),
							 (char *)a + NLA_HDRLEN);
					off += NLA_ALIGN(a->nla_len);
				}
				return;
			}
			ans->msgs++;
		}
	}
}

static int send_msg(struct msg *m)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)m->buf;
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };

	nlh->nlmsg_len = m->len;
	nlh->nlmsg_seq = ++seq;
	return sendto(nl_fd, m->buf, m->len, 0, (struct sockaddr *)&to, sizeof(to)) < 0 ?
	       -errno : 0;
}

static int nl_open(void)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	struct timeval tv = { .tv_sec = 30 };
	int one = 1, size = 1 << 20;
	static struct msg m;
	struct nlattr *a;
	struct nlmsghdr *nlh;
	size_t off;
	ssize_t n;

	nl_fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (nl_fd < 0 || bind(nl_fd, (struct sockaddr *)&sa, sizeof(sa)) ||
	    setsockopt(nl_fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one)) ||
	    setsockopt(nl_fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one)) ||
	    setsockopt(nl_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		perror("nlfuzz: netlink socket");
		return -1;
	}
	setsockopt(nl_fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));

	family = GENL_ID_CTRL;
	msg_init(&m, CTRL_CMD_GETFAMILY, 0);
	((struct genlmsghdr *)(m.buf + NLMSG_HDRLEN))->version = 1;
	put_str(&m, CTRL_ATTR_FAMILY_NAME, ISCSI_MCS_GENL_NAME);
	/* No ack: the answer alone. */
	((struct nlmsghdr *)m.buf)->nlmsg_flags = NLM_F_REQUEST;
	if (send_msg(&m))
		return -1;
	n = recv(nl_fd, rxbuf, sizeof(rxbuf), 0);
	nlh = (struct nlmsghdr *)rxbuf;
	if (n < (ssize_t)NLMSG_HDRLEN || nlh->nlmsg_type == NLMSG_ERROR) {
		fprintf(stderr, "nlfuzz: family %s not found\n", ISCSI_MCS_GENL_NAME);
		return -1;
	}
	for (off = NLMSG_HDRLEN + GENL_HDRLEN; off + NLA_HDRLEN <= nlh->nlmsg_len;
	     off += NLA_ALIGN(a->nla_len)) {
		a = (struct nlattr *)(rxbuf + off);
		if (a->nla_len < NLA_HDRLEN)
			break;
		if (a->nla_type == CTRL_ATTR_FAMILY_ID) {
			family = *(uint16_t *)((char *)a + NLA_HDRLEN);
			return 0;
		}
	}
	fprintf(stderr, "nlfuzz: no family id in the answer\n");
	return -1;
}

/* Walks attributes in [p, p + len), calling @fn on each; -1 if malformed. */
static int walk(const unsigned char *p, size_t len,
		void (*fn)(const struct nlattr *, void *), void *arg)
{
	size_t off = 0;

	while (off + NLA_HDRLEN <= len) {
		const struct nlattr *a = (const void *)(p + off);

		if (a->nla_len < NLA_HDRLEN || off + a->nla_len > len)
			return -1;
		fn(a, arg);
		off += NLA_ALIGN(a->nla_len);
	}
	return off >= len ? 0 : -1;
}

static const unsigned char *nla_payload(const struct nlattr *a)
{
	return (const unsigned char *)a + NLA_HDRLEN;
}

struct walk_state {
	int bad;
	int sessions;
	int learn;
};

static void on_conn_attr(const struct nlattr *a, void *arg)
{
	struct walk_state *w = arg;

	if ((a->nla_type & NLA_TYPE_MASK) == ISCSI_MCS_CONN_A_ID) {
		if (a->nla_len != NLA_HDRLEN + ISCSI_MCS_ID_LEN)
			w->bad++;
		else if (w->learn && n_cid < 64)
			memcpy(known_cid[n_cid++], nla_payload(a), ISCSI_MCS_ID_LEN);
	}
}

static void on_conn(const struct nlattr *a, void *arg)
{
	struct walk_state *w = arg;

	if ((a->nla_type & NLA_TYPE_MASK) != ISCSI_MCS_SESSION_A_CONN ||
	    walk(nla_payload(a), a->nla_len - NLA_HDRLEN, on_conn_attr, w))
		w->bad++;
}

static void on_session_attr(const struct nlattr *a, void *arg)
{
	struct walk_state *w = arg;

	switch (a->nla_type & NLA_TYPE_MASK) {
	case ISCSI_MCS_SESSION_A_ID:
		if (a->nla_len != NLA_HDRLEN + ISCSI_MCS_ID_LEN)
			w->bad++;
		else if (w->learn && n_sid < 64)
			memcpy(known_sid[n_sid++], nla_payload(a), ISCSI_MCS_ID_LEN);
		break;
	case ISCSI_MCS_SESSION_A_CONNS:
		if (walk(nla_payload(a), a->nla_len - NLA_HDRLEN, on_conn, w))
			w->bad++;
		break;
	}
}

static void on_top(const struct nlattr *a, void *arg)
{
	struct walk_state *w = arg;

	if ((a->nla_type & NLA_TYPE_MASK) != ISCSI_MCS_A_SESSION)
		return;
	w->sessions++;
	if (walk(nla_payload(a), a->nla_len - NLA_HDRLEN, on_session_attr, w))
		w->bad++;
}

/* One dump of every session; checks each message; -1 on failure. */
static int dump_sessions(struct walk_state *w)
{
	static struct msg m;
	uint32_t want;

	msg_init(&m, ISCSI_MCS_CMD_SESSION_GET, NLM_F_DUMP);
	if (send_msg(&m))
		return -1;
	want = seq;
	for (;;) {
		ssize_t n = recv(nl_fd, rxbuf, sizeof(rxbuf), 0);
		struct nlmsghdr *nlh;

		if (n < 0)
			return -1;
		for (nlh = (struct nlmsghdr *)rxbuf; NLMSG_OK(nlh, (size_t)n);
		     nlh = NLMSG_NEXT(nlh, n)) {
			if (nlh->nlmsg_seq != want)
				continue;
			if (nlh->nlmsg_type == NLMSG_DONE)
				return 0;
			if (nlh->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(nlh))->error ? -1 : 0;
			if (nlh->nlmsg_type != family ||
			    nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN ||
			    walk((unsigned char *)nlh + NLMSG_HDRLEN + GENL_HDRLEN,
				 nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN, on_top, w))
				w->bad++;
		}
	}
}

static void learn_ids(void)
{
	struct walk_state w = { .learn = 1 };

	n_sid = n_cid = 0;
	dump_sessions(&w);
}

/* CAP_NET_ADMIN in the effective set and the initial user namespace. */
static int net_admin(void)
{
	char line[256], ns[64] = "", init_ns[64] = "";
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");
	ssize_t n;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	n = readlink("/proc/self/ns/user", ns, sizeof(ns) - 1);
	if (n > 0)
		ns[n] = '\0';
	/* The initial user namespace's inode is fixed: 0xEFFFFFFD. */
	snprintf(init_ns, sizeof(init_ns), "user:[%u]", 0xEFFFFFFDU);
	return (eff >> CAP_NET_ADMIN) & 1 && !strcmp(ns, init_ns);
}

static const char *errno_name(int e)
{
	static char buf[16];

	switch (e) {
	case 0: return "OK";
	case EPERM: return "EPERM";
	case EINVAL: return "EINVAL";
	case ERANGE: return "ERANGE";
	case EOPNOTSUPP: return "EOPNOTSUPP";
	case ENOENT: return "ENOENT";
	case EMSGSIZE: return "EMSGSIZE";
	case ECONNREFUSED: return "ECONNREFUSED";
	case ENETUNREACH: return "ENETUNREACH";
	case EHOSTUNREACH: return "EHOSTUNREACH";
	case EADDRNOTAVAIL: return "EADDRNOTAVAIL";
	case ENODEV: return "ENODEV";
	case EBUSY: return "EBUSY";
	case ENOTCONN: return "ENOTCONN";
	case EXDEV: return "EXDEV";
	case ETIMEDOUT: return "ETIMEDOUT";
	case EPROTO: return "EPROTO";
	case EUSERS: return "EUSERS";
	case EACCES: return "EACCES";
	case EAFNOSUPPORT: return "EAFNOSUPPORT";
	default:
		snprintf(buf, sizeof(buf), "E%d", e);
		return buf;
	}
}

static void hexdump(const struct msg *m)
{
	size_t i;

	fprintf(stderr, "#   request:");
	for (i = 0; i < m->len && i < 96; i++)
		fprintf(stderr, " %02x", m->buf[i]);
	fprintf(stderr, "%s\n", m->len > 96 ? " ..." : "");
}

static int fuzz(uint64_t seed, unsigned long count)
{
	static struct msg m;
	unsigned long i, errs[140] = { 0 }, noext = 0, noreply = 0, admin_bad = 0;
	unsigned long dumps = 0, bad = 0;
	int admin_ok = net_admin();
	struct answer ans;
	int e;

	rng_state = seed ? seed : 1;
	printf("nlfuzz: seed %llu, %lu requests, %s\n", (unsigned long long)seed, count,
	       admin_ok ? "with CAP_NET_ADMIN" : "without CAP_NET_ADMIN in the initial namespace");
	fflush(stdout);
	learn_ids();
	for (i = 0; i < count; i++) {
		uint8_t cmd;
		uint16_t flags = 0;
		int short_genl, dump;

		if (i % 2000 == 1999)
			learn_ids();
		cmd = chance(20) ? (uint8_t)below(24) : 1 + below(ISCSI_MCS_CMD_MAX);
		if (chance(6))
			flags |= NLM_F_DUMP;
		if (chance(10))
			flags |= (uint16_t)rnd() & ~(NLM_F_ACK | NLM_F_REQUEST);
		msg_init(&m, cmd, flags);
		if (chance(30))
			((struct genlmsghdr *)(m.buf + NLMSG_HDRLEN))->version = below(4);
		if (chance(30))
			((struct genlmsghdr *)(m.buf + NLMSG_HDRLEN))->reserved = rnd();
		build_valid(&m, cmd);
		if (below(4))
			mutate(&m);
		/* A genl header cut short is refused by the core, without a message. */
		short_genl = chance(200);
		if (short_genl)
			m.len = NLMSG_HDRLEN + below(GENL_HDRLEN);
		dump = (((struct nlmsghdr *)m.buf)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;
		if (send_msg(&m)) {
			fprintf(stderr, "nlfuzz: send %lu: %s\n", i, strerror(errno));
			bad++;
			continue;
		}
		receive(seq, &ans);
		if (ans.err == 1) {
			noreply++;
			fprintf(stderr, "nlfuzz: request %lu (%s) not answered\n", i, cmd_name(cmd));
			hexdump(&m);
			continue;
		}
		e = -ans.err;
		errs[e >= 0 && e < 140 ? e : 0]++;
		dumps += dump && !e;
		if ((e == EINVAL || e == ERANGE) && !ans.extack[0] && !short_genl) {
			if (noext++ < 10) {
				fprintf(stderr, "nlfuzz: request %lu (%s%s): %s without an extack message\n",
					i, cmd_name(cmd), dump ? " dump" : "", errno_name(e));
				hexdump(&m);
			}
		}
		/*
		 * Without the capability a mutating command is refused: by
		 * permission, or earlier by validation or as a dump it lacks.
		 */
		if (!admin_ok && is_admin(cmd) && e != EPERM && e != EINVAL &&
		    e != ERANGE && e != EOPNOTSUPP) {
			if (admin_bad++ < 10) {
				fprintf(stderr, "nlfuzz: request %lu: %s without CAP_NET_ADMIN answered %s (%s)\n",
					i, cmd_name(cmd), errno_name(e), ans.extack);
				hexdump(&m);
			}
		}
	}
	printf("nlfuzz: sent %lu, answered %lu: ok %lu, EINVAL %lu, ERANGE %lu, EPERM %lu, "
	       "EOPNOTSUPP %lu, ENOENT %lu, other %lu; dumps %lu\n",
	       count, count - noreply, errs[0], errs[EINVAL], errs[ERANGE], errs[EPERM],
	       errs[EOPNOTSUPP], errs[ENOENT],
	       count - noreply - errs[0] - errs[EINVAL] - errs[ERANGE] - errs[EPERM] -
	       errs[EOPNOTSUPP] - errs[ENOENT], dumps);
	printf("nlfuzz: not answered %lu, EINVAL/ERANGE without extack %lu, "
	       "mutating commands not refused without CAP_NET_ADMIN %lu, send errors %lu\n",
	       noreply, noext, admin_bad, bad);
	return noreply || noext || admin_bad || bad ? 1 : 0;
}

static int hex_id(const char *s, unsigned char *id)
{
	int i;

	if (strlen(s) != 2 * ISCSI_MCS_ID_LEN)
		return -1;
	for (i = 0; i < ISCSI_MCS_ID_LEN; i++)
		if (sscanf(s + 2 * i, "%2hhx", &id[i]) != 1)
			return -1;
	return 0;
}

/* One well-formed request of each mutating command, or of @only. */
static int perm(const char *sid, const char *cid, const char *only)
{
	static struct msg m;
	unsigned char s[ISCSI_MCS_ID_LEN] = { 0 }, c[ISCSI_MCS_ID_LEN] = { 0 };
	struct answer ans;
	uint32_t lo = htonl(0x7f000001);
	size_t i;

	if ((sid && hex_id(sid, s)) || (cid && hex_id(cid, c)))
		return 2;
	exact = 1;
	for (i = 0; i < sizeof(admin_cmds); i++) {
		uint8_t cmd = admin_cmds[i];

		if (only && strcmp(only, cmd_name(cmd)))
			continue;
		msg_init(&m, cmd, 0);
		switch (cmd) {
		case ISCSI_MCS_CMD_CONFIG_SET:
			nest_start(&m, ISCSI_MCS_A_CONFIG);
			put_u32(&m, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 2);
			nest_end(&m);
			break;
		case ISCSI_MCS_CMD_LOGIN:
		case ISCSI_MCS_CMD_DISCOVER:
		case ISCSI_MCS_CMD_CONN_ADD:
			if (cmd == ISCSI_MCS_CMD_LOGIN)
				put_str(&m, ISCSI_MCS_A_TARGET_NAME, target_iqn);
			if (cmd == ISCSI_MCS_CMD_CONN_ADD)
				put(&m, ISCSI_MCS_A_SESSION_ID, s, sizeof(s));
			nest_start(&m, ISCSI_MCS_A_PORTAL);
			put(&m, ISCSI_MCS_ADDR_A_IPV4, &lo, 4);
			put_u16(&m, ISCSI_MCS_ADDR_A_PORT, 3260);
			nest_end(&m);
			if (cmd != ISCSI_MCS_CMD_CONN_ADD)
				put_str(&m, ISCSI_MCS_A_INITIATOR_NAME,
					"iqn.2026-11.org.iscsi-mcs:perm");
			break;
		case ISCSI_MCS_CMD_LOGOUT:
			put(&m, ISCSI_MCS_A_SESSION_ID, s, sizeof(s));
			break;
		case ISCSI_MCS_CMD_SESSION_SET:
			put(&m, ISCSI_MCS_A_SESSION_ID, s, sizeof(s));
			put_u8(&m, ISCSI_MCS_A_POLICY, ISCSI_MCS_POLICY_FAILOVER);
			break;
		case ISCSI_MCS_CMD_CONN_REMOVE:
		case ISCSI_MCS_CMD_CONN_SET:
			put(&m, ISCSI_MCS_A_SESSION_ID, s, sizeof(s));
			put(&m, ISCSI_MCS_A_CONN_ID, c, sizeof(c));
			if (cmd == ISCSI_MCS_CMD_CONN_SET)
				put_u32(&m, ISCSI_MCS_A_WEIGHT, 5);
			break;
		}
		if (send_msg(&m))
			return 2;
		receive(seq, &ans);
		printf("%s %s extack=%s\n", cmd_name(cmd),
		       ans.err == 1 ? "NOANSWER" : errno_name(-ans.err), ans.extack);
	}
	return 0;
}

static int dumps(int seconds)
{
	struct walk_state w = { 0 };
	unsigned long n = 0, errors = 0;
	time_t end = time(NULL) + seconds;

	while (time(NULL) < end) {
		if (dump_sessions(&w))
			errors++;
		n++;
	}
	printf("dumps=%lu sessions=%d errors=%lu malformed=%d\n", n, w.sessions, errors, w.bad);
	return errors || w.bad ? 1 : 0;
}

/*
 * The class's netlink protocol (scsi/iscsi_if.h, not exported to user
 * space): a struct iscsi_uevent, of which GET_STATS reads type, the
 * transport handle and the session and connection numbers. The kernel
 * wants the whole structure; the rest is zero padding.
 */
#define MCS_NETLINK_ISCSI	8
#define MCS_ISCSI_UEVENT_GET_STATS	20
#define MCS_ISCSI_NL_GRP_ISCSID	1

struct mcs_uevent_get_stats {
	uint32_t type;
	uint32_t iferror;
	uint64_t transport_handle;
	uint32_t sid;
	uint32_t cid;
	unsigned char pad[1024];
};

static int stats(int seconds)
{
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK,
				  .nl_groups = 1 << (MCS_ISCSI_NL_GRP_ISCSID - 1) };
	struct sockaddr_nl to = { .nl_family = AF_NETLINK };
	static struct {
		struct nlmsghdr nlh;
		struct mcs_uevent_get_stats ev;
	} req;
	unsigned long long handle = 0;
	unsigned long n = 0;
	time_t end = time(NULL) + seconds;
	int fd, size = 1 << 22;
	FILE *f;

	f = fopen("/sys/class/iscsi_transport/tcp_mcs/handle", "r");
	if (!f || fscanf(f, "%llu", &handle) != 1) {
		fprintf(stderr, "nlfuzz: no tcp_mcs transport handle\n");
		return 2;
	}
	fclose(f);
	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, MCS_NETLINK_ISCSI);
	/*
	 * The class multicasts the answer to iscsid's group and retries
	 * until someone gets it: be that someone, and read everything.
	 */
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		perror("nlfuzz: NETLINK_ISCSI");
		return 2;
	}
	setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
	while (time(NULL) < end) {
		DIR *d = opendir("/sys/class/iscsi_connection");
		struct dirent *e;
		unsigned int sid, cid;

		while (d && (e = readdir(d))) {
			if (sscanf(e->d_name, "connection%u:%u", &sid, &cid) != 2)
				continue;
			memset(&req, 0, sizeof(req));
			req.nlh.nlmsg_len = sizeof(req);
			req.nlh.nlmsg_type = MCS_ISCSI_UEVENT_GET_STATS;
			req.nlh.nlmsg_flags = NLM_F_REQUEST;
			req.nlh.nlmsg_seq = ++seq;
			req.ev.type = MCS_ISCSI_UEVENT_GET_STATS;
			req.ev.transport_handle = handle;
			req.ev.sid = sid;
			req.ev.cid = cid;
			if (sendto(fd, &req, sizeof(req), 0, (struct sockaddr *)&to,
				   sizeof(to)) < 0) {
				perror("nlfuzz: GET_STATS");
				closedir(d);
				return 1;
			}
			n++;
			while (recv(fd, rxbuf, sizeof(rxbuf), MSG_DONTWAIT) > 0)
				;
		}
		if (d)
			closedir(d);
	}
	close(fd);
	printf("stats=%lu\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: nlfuzz fuzz SEED COUNT [PORTAL_PORT] | "
			"perm [SESSION_ID [CONN_ID [CMD]]] | dumps SECONDS | stats SECONDS\n");
		return 2;
	}
	if (getenv("NLFUZZ_TARGET"))
		target_iqn = getenv("NLFUZZ_TARGET");
	if (nl_open())
		return 2;
	if (!strcmp(argv[1], "fuzz") && argc >= 4) {
		if (argc >= 5)
			portal_port = strtoul(argv[4], NULL, 0);
		return fuzz(strtoull(argv[2], NULL, 0), strtoul(argv[3], NULL, 0));
	}
	if (!strcmp(argv[1], "perm"))
		return perm(argc > 2 ? argv[2] : NULL, argc > 3 ? argv[3] : NULL,
			    argc > 4 ? argv[4] : NULL);
	if (!strcmp(argv[1], "dumps") && argc == 3)
		return dumps(atoi(argv[2]));
	if (!strcmp(argv[1], "stats") && argc == 3)
		return stats(atoi(argv[2]));
	fprintf(stderr, "nlfuzz: bad arguments\n");
	return 2;
}
