// SPDX-License-Identifier: GPL-2.0
/*
 * SendTargets discovery (RFC 7143 section 13.3 and appendix C).
 *
 * A Discovery session lives only as long as the netlink request that asks
 * for it: like a login, it runs in the request's context over a blocking
 * socket whose send and receive timeouts are the login timeout. The login
 * is login.c's with SessionType=Discovery; then one Text Request
 * SendTargets=All, the Text Responses that answer it (continued when the
 * target sets the C bit or leaves the F bit clear), a Logout, and the
 * socket is closed. session.c never sees it.
 *
 * The answer is a text of TargetName, TargetAlias and TargetAddress keys:
 * each TargetName starts a target and the keys after it, up to the next
 * TargetName, describe it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/netlink.h>
#include <scsi/iscsi_proto.h>

#include <linux/iscsi_mcs.h>

#include "discovery.h"
#include "login.h"
#include "params.h"
#include "pdu.h"
#include "sn.h"
#include "sock.h"

/* Redirections followed for one discovery login before giving up. */
#define MCS_DISC_REDIRECTS_MAX	4
/*
 * Text Responses one answer may take, and unsolicited PDUs (NOP-In,
 * Async Message) tolerated while waiting for one response: a target that
 * never ends either is going nowhere.
 */
#define MCS_DISC_ROUNDS_MAX	256
/* The session's two tasks; the login used ITT 0. */
#define MCS_DISC_ITT_TEXT	1
#define MCS_DISC_ITT_LOGOUT	2

/* Parsing the answer */

static bool mcs_disc_host_char(char c)
{
	return isalnum(c) || c == '-' || c == '.' || c == '_';
}

/* The host name and optional port of a TargetAddress that is no literal. */
static int mcs_disc_parse_host(const char *value, const char *comma,
			       struct mcs_disc_portal *p, const char **why)
{
	size_t n = strcspn(value, ":,");
	unsigned int port = ISCSI_LISTEN_PORT;
	bool numeric = true;
	size_t i;

	if (!n || n > MCS_DISC_HOST_MAX) {
		*why = "TargetAddress host is empty or longer than 253 bytes";
		return -EPROTO;
	}
	for (i = 0; i < n; i++) {
		if (!mcs_disc_host_char(value[i])) {
			*why = "TargetAddress host is neither an IP address nor a DNS name";
			return -EPROTO;
		}
		numeric &= isdigit(value[i]) || value[i] == '.';
	}
	if (numeric) {
		*why = "TargetAddress holds a malformed IPv4 address";
		return -EPROTO;
	}
	if (value[n] == ':') {
		const char *s = value + n + 1;
		size_t len = comma - s;
		char buf[8];

		if (!len || len >= sizeof(buf))
			goto bad_port;
		memcpy(buf, s, len);
		buf[len] = '\0';
		if (kstrtouint(buf, 10, &port) || !port || port > 65535)
			goto bad_port;
	}
	p->addr.ss_family = AF_UNSPEC;
	p->host = value;
	p->host_len = n;
	p->port = port;
	return 0;

bad_port:
	*why = "TargetAddress holds a malformed port";
	return -EPROTO;
}

/**
 * mcs_disc_parse_address() - parse one TargetAddress of a SendTargets answer
 * @value: "host[:port],tpgt" (RFC 7143 section 13.8), host an IPv4
 *         address, a bracketed IPv6 address or a DNS name
 * @p: the portal; a host name is left pointing into @value
 * @why: set to a static reason on failure
 *
 * A SendTargets answer must give the portal group tag. Literal addresses
 * are parsed; names are checked for their characters only, since the
 * kernel cannot resolve them.
 *
 * Return: 0 or -EPROTO.
 */
int mcs_disc_parse_address(const char *value, struct mcs_disc_portal *p,
			   const char **why)
{
	const char *comma = strrchr(value, ',');
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&p->addr;
	struct sockaddr_in *sin = (struct sockaddr_in *)&p->addr;
	u64 tpgt;
	int ret;

	memset(p, 0, sizeof(*p));
	if (!comma) {
		*why = "TargetAddress without a portal group tag";
		return -EPROTO;
	}
	if (strchr(value, ',') != comma) {
		*why = "TargetAddress holds more than one portal group tag";
		return -EPROTO;
	}
	ret = mcs_text_parse_num(comma + 1, U16_MAX, &tpgt);
	if (ret) {
		*why = ret == -ERANGE ?
		       "TargetAddress portal group tag is above 65535" :
		       "TargetAddress portal group tag is not a number";
		return -EPROTO;
	}
	p->tpgt = tpgt;

	if (!mcs_parse_target_address(value, &p->addr)) {
		p->port = ntohs(p->addr.ss_family == AF_INET6 ?
				sin6->sin6_port : sin->sin_port);
		return 0;
	}
	if (*value == '[') {
		*why = "TargetAddress holds a malformed IPv6 address or port";
		return -EPROTO;
	}
	return mcs_disc_parse_host(value, comma, p, why);
}

void mcs_disc_list_free(struct mcs_disc_list *list)
{
	kvfree(list->target);
	kvfree(list->portal);
	memset(list, 0, sizeof(*list));
}

static int mcs_disc_take(const struct mcs_text_pair *pair,
			 struct mcs_disc_list *list, const char **why)
{
	struct mcs_disc_target *t = list->n_targets ?
		&list->target[list->n_targets - 1] : NULL;
	int ret;

	if (!strcmp(pair->key, "TargetName")) {
		if (!pair->value_len || pair->value_len > ISCSI_MCS_NAME_MAX - 1) {
			*why = "TargetName is empty or longer than 223 bytes";
			return -EPROTO;
		}
		t = &list->target[list->n_targets++];
		t->name = pair->value;
		t->first = list->n_portals;
		return 0;
	}
	if (!strcmp(pair->key, "TargetAddress")) {
		if (!t) {
			*why = "TargetAddress before any TargetName in the SendTargets answer";
			return -EPROTO;
		}
		if (pair->value_len > MCS_TEXT_VALUE_MAX) {
			*why = "TargetAddress is longer than 255 bytes";
			return -EPROTO;
		}
		ret = mcs_disc_parse_address(pair->value,
					     &list->portal[list->n_portals], why);
		if (ret)
			return ret;
		list->n_portals++;
		t->n_portals++;
		return 0;
	}
	if (!strcmp(pair->key, "TargetAlias")) {
		if (!t) {
			*why = "TargetAlias before any TargetName in the SendTargets answer";
			return -EPROTO;
		}
		if (pair->value_len > MCS_TEXT_VALUE_MAX) {
			*why = "TargetAlias is longer than 255 bytes";
			return -EPROTO;
		}
		if (pair->value_len)
			t->alias = pair->value;
		return 0;
	}
	/* "SendTargets=Reject" and the like: the request was not taken. */
	if (!strcmp(pair->key, "SendTargets")) {
		*why = "target did not accept SendTargets";
		return -EOPNOTSUPP;
	}
	/* Keys of later extensions are no reason to fail. */
	return 0;
}

/**
 * mcs_disc_parse() - turn a SendTargets answer into targets and portals
 * @text: the complete answer; decoding writes NULs into it
 * @len: its length
 * @list: the targets and portals, pointing into @text; free with
 *        mcs_disc_list_free() (also done here on failure)
 * @why: set to a static reason on failure
 *
 * Return: 0 (an empty answer gives an empty list); -EPROTO for a malformed
 * answer; -EOPNOTSUPP when the target rejected SendTargets; -EMSGSIZE for
 * too many keys; -ENOMEM.
 */
int mcs_disc_parse(char *text, u32 len, struct mcs_disc_list *list,
		   const char **why)
{
	struct mcs_text_pairs pairs;
	u32 i, n_targets = 0, n_portals = 0;
	int ret;

	memset(list, 0, sizeof(*list));
	ret = mcs_text_decode(text, len, MCS_TEXT_DUPS_OK, &pairs, why);
	if (ret)
		return ret == -E2BIG ? -EMSGSIZE : ret;
	for (i = 0; i < pairs.n; i++) {
		if (!strcmp(pairs.pair[i].key, "TargetName"))
			n_targets++;
		else if (!strcmp(pairs.pair[i].key, "TargetAddress"))
			n_portals++;
	}
	ret = -ENOMEM;
	if (n_targets) {
		list->target = kvcalloc(n_targets, sizeof(*list->target),
					GFP_KERNEL);
		if (!list->target)
			goto err_nomem;
	}
	if (n_portals) {
		list->portal = kvcalloc(n_portals, sizeof(*list->portal),
					GFP_KERNEL);
		if (!list->portal)
			goto err_nomem;
	}
	for (i = 0; i < pairs.n; i++) {
		ret = mcs_disc_take(&pairs.pair[i], list, why);
		if (ret)
			goto err;
	}
	mcs_text_pairs_free(&pairs);
	return 0;

err_nomem:
	*why = "out of memory for the SendTargets answer";
err:
	mcs_text_pairs_free(&pairs);
	mcs_disc_list_free(list);
	return ret;
}

/* The answer as netlink attributes */

static size_t mcs_disc_portal_size(const struct mcs_disc_portal *p)
{
	size_t addr = nla_total_size(sizeof(u16));
	size_t body;

	if (p->addr.ss_family == AF_INET)
		addr += nla_total_size(sizeof(struct in_addr));
	else if (p->addr.ss_family == AF_INET6)
		addr += nla_total_size(sizeof(struct in6_addr));
	body = nla_total_size(addr) + nla_total_size(sizeof(u16));
	if (p->host)
		body += nla_total_size(p->host_len + 1);
	return nla_total_size(body);
}

/**
 * mcs_disc_msg_size() - the bytes mcs_disc_put() needs for @list
 * @list: a parsed answer
 *
 * Return: the exact size of the ISCSI_MCS_A_TARGETS attribute.
 */
size_t mcs_disc_msg_size(const struct mcs_disc_list *list)
{
	size_t targets = 0;
	u32 i, j;

	for (i = 0; i < list->n_targets; i++) {
		const struct mcs_disc_target *t = &list->target[i];
		size_t portals = 0, body;

		for (j = 0; j < t->n_portals; j++)
			portals += mcs_disc_portal_size(&list->portal[t->first + j]);
		body = nla_total_size(strlen(t->name) + 1) +
		       nla_total_size(portals);
		if (t->alias)
			body += nla_total_size(strlen(t->alias) + 1);
		targets += nla_total_size(body);
	}
	return nla_total_size(targets);
}

static int mcs_disc_put_portal(struct sk_buff *skb,
			       const struct mcs_disc_portal *p)
{
	const struct sockaddr_in6 *sin6 = (const void *)&p->addr;
	const struct sockaddr_in *sin = (const void *)&p->addr;
	struct nlattr *portal, *addr, *host;

	portal = nla_nest_start(skb, ISCSI_MCS_TARGET_A_PORTAL);
	if (!portal)
		return -EMSGSIZE;
	addr = nla_nest_start(skb, ISCSI_MCS_PORTAL_A_ADDR);
	if (!addr)
		goto err;
	if ((p->addr.ss_family == AF_INET &&
	     nla_put_in_addr(skb, ISCSI_MCS_ADDR_A_IPV4, sin->sin_addr.s_addr)) ||
	    (p->addr.ss_family == AF_INET6 &&
	     nla_put_in6_addr(skb, ISCSI_MCS_ADDR_A_IPV6, &sin6->sin6_addr)) ||
	    nla_put_u16(skb, ISCSI_MCS_ADDR_A_PORT, p->port))
		goto err;
	nla_nest_end(skb, addr);
	if (p->host) {
		/* The name is not NUL-terminated where it lies in the text. */
		host = nla_reserve(skb, ISCSI_MCS_PORTAL_A_HOSTNAME,
				   p->host_len + 1);
		if (!host)
			goto err;
		memcpy(nla_data(host), p->host, p->host_len);
		((char *)nla_data(host))[p->host_len] = '\0';
	}
	if (nla_put_u16(skb, ISCSI_MCS_PORTAL_A_TPGT, p->tpgt))
		goto err;
	nla_nest_end(skb, portal);
	return 0;
err:
	nla_nest_cancel(skb, portal);
	return -EMSGSIZE;
}

/**
 * mcs_disc_put() - add a discovery answer to a netlink message
 * @skb: the message, with room for mcs_disc_msg_size() bytes
 * @list: the parsed answer
 *
 * Return: 0 or -EMSGSIZE.
 */
int mcs_disc_put(struct sk_buff *skb, const struct mcs_disc_list *list)
{
	struct nlattr *targets, *target, *portals;
	u32 i, j;

	targets = nla_nest_start(skb, ISCSI_MCS_A_TARGETS);
	if (!targets)
		return -EMSGSIZE;
	for (i = 0; i < list->n_targets; i++) {
		const struct mcs_disc_target *t = &list->target[i];

		target = nla_nest_start(skb, ISCSI_MCS_A_TARGET);
		if (!target ||
		    nla_put_string(skb, ISCSI_MCS_TARGET_A_NAME, t->name) ||
		    (t->alias &&
		     nla_put_string(skb, ISCSI_MCS_TARGET_A_ALIAS, t->alias)))
			goto err;
		portals = nla_nest_start(skb, ISCSI_MCS_TARGET_A_PORTALS);
		if (!portals)
			goto err;
		for (j = 0; j < t->n_portals; j++)
			if (mcs_disc_put_portal(skb, &list->portal[t->first + j]))
				goto err;
		nla_nest_end(skb, portals);
		nla_nest_end(skb, target);
	}
	nla_nest_end(skb, targets);
	return 0;
err:
	nla_nest_cancel(skb, targets);
	return -EMSGSIZE;
}

/* The Discovery session in full feature phase */

struct mcs_disc_conn {
	struct socket *sock;
	struct mcs_pdu_limits lim;
	/* The PDU last received: its BHS, then AHS, digests and data. */
	struct iscsi_hdr hdr;
	u8 *buf;
	u32 cmdsn;
	u32 exp_statsn;
	u32 max_cmdsn;
	const char **why;
};

static int mcs_disc_send(struct mcs_disc_conn *c, struct iscsi_hdr *hdr,
			 const void *data, u32 dlen)
{
	u8 pad[ISCSI_PAD_LEN] = {};
	struct kvec vec[5];
	__le32 hd, dd;
	size_t nr = 0, len = 0, i;
	int ret;

	mcs_pdu_set_exp_statsn(hdr, c->exp_statsn);
	vec[nr++] = (struct kvec){ .iov_base = hdr, .iov_len = sizeof(*hdr) };
	if (c->lim.hdr_digest) {
		hd = mcs_pdu_hdr_digest(hdr, sizeof(*hdr));
		vec[nr++] = (struct kvec){ .iov_base = &hd, .iov_len = sizeof(hd) };
	}
	if (dlen) {
		vec[nr++] = (struct kvec){ .iov_base = (void *)data,
					   .iov_len = dlen };
		if (mcs_pdu_pad(dlen))
			vec[nr++] = (struct kvec){ .iov_base = pad,
						   .iov_len = mcs_pdu_pad(dlen) };
		if (c->lim.data_digest) {
			dd = mcs_pdu_data_digest(data, dlen);
			vec[nr++] = (struct kvec){ .iov_base = &dd,
						   .iov_len = sizeof(dd) };
		}
	}
	for (i = 0; i < nr; i++)
		len += vec[i].iov_len;
	ret = mcs_sock_send_all(c->sock, vec, nr, len);
	if (ret)
		*c->why = ret == -ETIMEDOUT ?
			"target did not take a discovery request within the login timeout" :
			"connection lost during discovery";
	return ret;
}

/* Receives one PDU whole and checks its header, AHS and digests. */
static int mcs_disc_recv(struct mcs_disc_conn *c, struct mcs_pdu_rx *rx,
			 const u8 **data)
{
	u32 ahs_len, dlen, hd_len, need;
	const u8 *p;
	__le32 want;
	int ret;

	ret = mcs_sock_recv_all(c->sock, &c->hdr, sizeof(c->hdr));
	if (ret)
		goto err_sock;
	if (mcs_pdu_check_bhs(&c->hdr, &c->lim, c->why))
		return -EPROTO;
	ahs_len = mcs_pdu_ahs_len(&c->hdr);
	dlen = mcs_pdu_dlength(&c->hdr);
	hd_len = c->lim.hdr_digest ? ISCSI_CRC_LEN : 0;
	/* check_bhs() kept dlen within the buffer's MaxRecvDataSegmentLength. */
	need = ahs_len + hd_len + dlen + mcs_pdu_pad(dlen) +
	       (dlen && c->lim.data_digest ? ISCSI_CRC_LEN : 0);
	if (need) {
		ret = mcs_sock_recv_all(c->sock, c->buf, need);
		if (ret)
			goto err_sock;
	}
	if (mcs_pdu_check_ahs(&c->hdr, c->buf, c->why))
		return -EPROTO;
	p = c->buf + ahs_len;
	if (hd_len) {
		u32 crc = mcs_crc32c(MCS_CRC32C_SEED, &c->hdr, sizeof(c->hdr));

		want = mcs_crc32c_final(mcs_crc32c(crc, c->buf, ahs_len));
		if (memcmp(&want, p, sizeof(want))) {
			*c->why = "header digest error in the discovery session";
			return -EPROTO;
		}
		p += hd_len;
	}
	if (dlen && c->lim.data_digest) {
		want = mcs_crc32c_final(mcs_crc32c(MCS_CRC32C_SEED, p,
						   dlen + mcs_pdu_pad(dlen)));
		if (memcmp(&want, p + dlen + mcs_pdu_pad(dlen), sizeof(want))) {
			*c->why = "data digest error in the discovery session";
			return -EPROTO;
		}
	}
	mcs_pdu_parse(&c->hdr, rx);
	if (rx->statsn_use == MCS_STATSN_TAKE)
		c->exp_statsn = rx->statsn + 1;
	if (mcs_sn_window_valid(rx->exp_cmdsn, rx->max_cmdsn))
		c->max_cmdsn = rx->max_cmdsn;
	*data = p;
	return 0;

err_sock:
	*c->why = ret == -ETIMEDOUT ?
		"target did not answer within the login timeout" :
		"connection lost during discovery";
	return ret;
}

/* A target's ping is answered, without data; it takes no CmdSN. */
static int mcs_disc_nop_reply(struct mcs_disc_conn *c)
{
	struct iscsi_hdr hdr;
	int ret;

	ret = mcs_pdu_build_nop_reply(&hdr, &c->hdr, 0);
	if (!ret)
		ret = mcs_pdu_set_cmdsn(&hdr, c->cmdsn);
	if (ret) {
		*c->why = "cannot answer the target's NOP-In";
		return ret;
	}
	return mcs_disc_send(c, &hdr, NULL, 0);
}

/* Waits for the response of task @itt, an @opcode PDU. */
static int mcs_disc_wait(struct mcs_disc_conn *c, u8 opcode, u32 itt,
			 struct mcs_pdu_rx *rx, const u8 **data)
{
	int n, ret;

	for (n = 0; n < MCS_DISC_ROUNDS_MAX; n++) {
		ret = mcs_disc_recv(c, rx, data);
		if (ret)
			return ret;
		switch (rx->opcode) {
		case ISCSI_OP_NOOP_IN:
			if (rx->ttt != ISCSI_RESERVED_TAG) {
				ret = mcs_disc_nop_reply(c);
				if (ret)
					return ret;
			}
			continue;
		case ISCSI_OP_ASYNC_EVENT:
			/* A logout request or a drop: the exchange is short. */
			continue;
		case ISCSI_OP_REJECT:
			*c->why = "target rejected a discovery request";
			return -EPROTO;
		default:
			break;
		}
		if (rx->opcode != opcode) {
			*c->why = "unexpected PDU in the discovery session";
			return -EPROTO;
		}
		if (rx->itt != itt) {
			*c->why = "discovery response for another task tag";
			return -EPROTO;
		}
		return 0;
	}
	*c->why = "target sent too many unsolicited PDUs during discovery";
	return -EPROTO;
}

/* SendTargets=All and every Text Response of its answer, into @acc. */
static int mcs_disc_send_targets(struct mcs_disc_conn *c,
				 struct mcs_text_acc *acc)
{
	static const char st[] = "SendTargets=All";
	struct mcs_pdu_text t = {
		.itt = MCS_DISC_ITT_TEXT,
		.ttt = ISCSI_RESERVED_TAG,
		.dlen = sizeof(st),
		.final = true,
	};
	const void *data = st;
	struct iscsi_hdr hdr;
	struct mcs_pdu_rx rx;
	const u8 *seg;
	int round, ret;

	for (round = 0; round < MCS_DISC_ROUNDS_MAX; round++) {
		if (mcs_sn_gt(c->cmdsn, c->max_cmdsn)) {
			*c->why = "target's command window is closed";
			return -EAGAIN;
		}
		ret = mcs_pdu_build_text(&hdr, &t);
		if (!ret)
			ret = mcs_pdu_set_cmdsn(&hdr, c->cmdsn);
		if (ret) {
			*c->why = "cannot build the Text Request";
			return ret;
		}
		ret = mcs_disc_send(c, &hdr, data, t.dlen);
		if (ret)
			return ret;
		c->cmdsn++;

		ret = mcs_disc_wait(c, ISCSI_OP_TEXT_RSP, t.itt, &rx, &seg);
		if (ret)
			return ret;
		ret = mcs_text_acc_add(acc, seg, rx.dlength, rx.text.cont,
				       c->why);
		if (ret == -EMSGSIZE)
			*c->why = "SendTargets answer is longer than 65536 bytes";
		if (ret < 0)
			return ret;
		if (rx.final) {
			pr_debug("SendTargets answer of %u bytes in %d Text Responses, digests %d/%d\n",
				 acc->buf.len, round + 1, c->lim.hdr_digest,
				 c->lim.data_digest);
			return 0;
		}
		/*
		 * C set, or F clear: the target has more to say and is asked
		 * for it by an empty request that quotes its TTT.
		 */
		t.ttt = rx.ttt;
		t.dlen = 0;
		data = NULL;
	}
	*c->why = "SendTargets answer did not end within 256 Text Responses";
	return -EPROTO;
}

/*
 * Best effort: the answer is complete, and the target ends the session
 * all the same when the connection closes.
 */
static void mcs_disc_logout(struct mcs_disc_conn *c)
{
	const char *why = "cannot build the Logout Request";
	const char **caller_why = c->why;
	struct iscsi_hdr hdr;
	struct mcs_pdu_rx rx;
	const u8 *seg;
	int ret;

	c->why = &why;
	/* Immediate: it takes no CmdSN, so a closed window does not hold it. */
	ret = mcs_pdu_build_logout(&hdr, MCS_DISC_ITT_LOGOUT,
				   ISCSI_LOGOUT_REASON_CLOSE_SESSION, 0, true);
	if (!ret)
		ret = mcs_pdu_set_cmdsn(&hdr, c->cmdsn);
	if (!ret)
		ret = mcs_disc_send(c, &hdr, NULL, 0);
	if (!ret)
		ret = mcs_disc_wait(c, ISCSI_OP_LOGOUT_RSP, MCS_DISC_ITT_LOGOUT,
				    &rx, &seg);
	if (ret)
		pr_warn_ratelimited("discovery logout failed (%d): %s\n", ret, why);
	else if (rx.logout.response)
		pr_warn_ratelimited("discovery Logout Response %u\n",
				    rx.logout.response);
	c->why = caller_why;
}

void mcs_disc_answer_free(struct mcs_disc_answer *ans)
{
	mcs_disc_list_free(&ans->list);
	mcs_text_acc_free(&ans->text);
}

/**
 * mcs_discover() - SendTargets=All at one portal
 * @net: namespace of the socket; the caller keeps it alive
 * @so: portal, source and timeout; @so->dst follows redirections
 * @req: the login request, its socket and session type filled in here
 * @res: the login's outcome; @res->why says why on failure, whatever
 *       stage failed
 * @ans: the answer; free it with mcs_disc_answer_free() in every case
 *
 * Return: 0 with @ans->list filled; a connect error (@ans->unreachable
 * set); the login's errors as mcs_login() gives them (the target's status
 * in @res); -EPROTO, -EOPNOTSUPP, -EMSGSIZE, -EAGAIN for the exchange.
 */
int mcs_discover(struct net *net, struct mcs_sock_opts *so,
		 struct mcs_login_req *req, struct mcs_login_res *res,
		 struct mcs_disc_answer *ans)
{
	struct mcs_disc_conn c = {};
	struct mcs_sock_deadline deadline;
	struct socket *sock;
	int ret;

	memset(ans, 0, sizeof(*ans));
	mcs_text_acc_init(&ans->text, MCS_DISC_TEXT_MAX);
	req->session_type = MCS_SESSION_DISCOVERY;
	req->target_name = NULL;
	req->session = NULL;
	req->tsih = 0;
	req->cid = 0;

	ret = mcs_login_open(net, so, req, res, MCS_DISC_REDIRECTS_MAX, &sock,
			     &ans->unreachable);
	if (ret)
		return ret;

	c.sock = sock;
	c.why = &res->why;
	/* Login PDUs are immediate: the first command takes their CmdSN. */
	c.cmdsn = req->cmdsn;
	c.exp_statsn = res->exp_statsn;
	c.max_cmdsn = mcs_sn_window_valid(res->exp_cmdsn, res->max_cmdsn) ?
		      res->max_cmdsn : req->cmdsn;
	c.lim.max_recv_dlength = res->params.conn.max_recv_dsl;
	c.lim.hdr_digest = res->params.conn.header_digest == MCS_DIGEST_CRC32C;
	c.lim.data_digest = res->params.conn.data_digest == MCS_DIGEST_CRC32C;
	c.buf = kvmalloc(MCS_PDU_AHS_MAX + 2 * ISCSI_CRC_LEN +
			 c.lim.max_recv_dlength + ISCSI_PAD_LEN, GFP_KERNEL);
	if (!c.buf) {
		res->why = "out of memory for the discovery session";
		ret = -ENOMEM;
		goto out;
	}

	/* Each Text Response within the timeout, the whole within this. */
	mcs_sock_deadline_start(&deadline, sock, mcs_login_budget(sock));
	ret = mcs_disc_send_targets(&c, &ans->text);
	if (mcs_sock_deadline_stop(&deadline) && ret) {
		res->why = "SendTargets answer did not end within its deadline";
		ret = -ETIMEDOUT;
	}
	if (ret)
		goto out;
	mcs_disc_logout(&c);
	ret = mcs_disc_parse(ans->text.buf.data, ans->text.buf.len, &ans->list,
			     &res->why);
out:
	kvfree(c.buf);
	mcs_sock_close(sock);
	return ret;
}
