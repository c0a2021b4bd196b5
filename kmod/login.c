// SPDX-License-Identifier: GPL-2.0
/*
 * The login phase (RFC 7143 sections 6 and 11.12-11.13) of one connection.
 *
 * It runs in the context of the netlink request, over a socket whose send
 * and receive timeouts are the login timeout, one request and one response
 * at a time: a login is a strict lock-step exchange, so nothing is gained
 * by callbacks here, and errors surface where the user waits for them.
 *
 * The keys are negotiated by params.c and CHAP computed by chap.c; this
 * file only moves PDUs and decides the stage transitions.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inet.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <scsi/iscsi_proto.h>

#include "login.h"
#include "pdu.h"
#include "sn.h"
#include "sock.h"
#include "text.h"

/* During login every PDU's data segment is bounded by the RFC default. */
#define MCS_LOGIN_DSL		8192
/* A login that needs more round trips than this is going nowhere. */
#define MCS_LOGIN_ROUNDS_MAX	32
/* Continued Login Responses accepted in one exchange: 64 KiB of text. */
#define MCS_LOGIN_CONT_MAX	(MCS_TEXT_MAX / MCS_LOGIN_DSL + 1)
/*
 * The whole login, every exchange and redirection of it, ends within this
 * many login timeouts: a target trickling bytes into each of them, each
 * one within the timeout, cannot hold the caller's locks for good.
 */
#define MCS_LOGIN_DEADLINE_TIMEOUTS	3
#define MCS_LOGIN_TIMEOUT_CAP		(600 * HZ)

struct mcs_login {
	const struct mcs_login_req *req;
	struct mcs_login_res *res;
	struct mcs_neg neg;
	struct mcs_chap *chap;
	struct mcs_text_buf out;
	struct mcs_text_acc acc;
	u8 *seg;
	u32 itt;
	u32 exp_statsn;
	u8 stage;
	/* CHAP progress in the security stage. */
	bool chap_offered;
	bool chap_answered;
	bool mutual_pending;
	/* Shuts the socket down when the whole login took too long. */
	struct mcs_sock_deadline deadline;
};

/* Login status (class 2 and 3) to errno, as the uapi header documents. */
int mcs_login_status_errno(u8 status_class, u8 status_detail)
{
	if (status_class == ISCSI_STATUS_CLS_REDIRECT)
		return -EREMOTE;
	if (status_class == ISCSI_STATUS_CLS_INITIATOR_ERR) {
		switch (status_detail) {
		case ISCSI_LOGIN_STATUS_AUTH_FAILED:
		case ISCSI_LOGIN_STATUS_TGT_FORBIDDEN:
			return -EACCES;
		case ISCSI_LOGIN_STATUS_TGT_NOT_FOUND:
		case ISCSI_LOGIN_STATUS_TGT_REMOVED:
			return -ENOENT;
		case ISCSI_LOGIN_STATUS_NO_VERSION:
		case ISCSI_LOGIN_STATUS_NO_SESSION_TYPE:
			return -EOPNOTSUPP;
		case ISCSI_LOGIN_STATUS_ISID_ERROR:
			return -EUSERS;
		case ISCSI_LOGIN_STATUS_CONN_ADD_FAILED:
			return -EBUSY;
		case ISCSI_LOGIN_STATUS_NO_SESSION:
			return -ESRCH;
		case ISCSI_LOGIN_STATUS_MISSING_FIELDS:
		case ISCSI_LOGIN_STATUS_INVALID_REQUEST:
		default:
			return -EINVAL;
		}
	}
	if (status_class == ISCSI_STATUS_CLS_TARGET_ERR) {
		switch (status_detail) {
		case ISCSI_LOGIN_STATUS_SVC_UNAVAILABLE:
			return -EAGAIN;
		case ISCSI_LOGIN_STATUS_NO_RESOURCES:
			return -ENOSPC;
		default:
			return -EIO;
		}
	}
	return -EPROTO;
}

static const char *mcs_login_status_text(u8 status_class, u8 status_detail)
{
	if (status_class == ISCSI_STATUS_CLS_REDIRECT)
		return "target redirected the login";
	if (status_class == ISCSI_STATUS_CLS_INITIATOR_ERR) {
		switch (status_detail) {
		case ISCSI_LOGIN_STATUS_AUTH_FAILED:
			return "target refused the login: authentication failed";
		case ISCSI_LOGIN_STATUS_TGT_FORBIDDEN:
			return "target refused the login: initiator not authorised";
		case ISCSI_LOGIN_STATUS_TGT_NOT_FOUND:
			return "target refused the login: no such target name";
		case ISCSI_LOGIN_STATUS_TGT_REMOVED:
			return "target refused the login: target removed";
		case ISCSI_LOGIN_STATUS_NO_VERSION:
			return "target refused the login: unsupported version";
		case ISCSI_LOGIN_STATUS_ISID_ERROR:
			return "target refused the login: too many connections";
		case ISCSI_LOGIN_STATUS_MISSING_FIELDS:
			return "target refused the login: missing parameter";
		case ISCSI_LOGIN_STATUS_CONN_ADD_FAILED:
			return "target refused the login: cannot include the connection";
		case ISCSI_LOGIN_STATUS_NO_SESSION_TYPE:
			return "target refused the login: session type not supported";
		case ISCSI_LOGIN_STATUS_NO_SESSION:
			return "target refused the login: session does not exist";
		default:
			return "target refused the login: initiator error";
		}
	}
	if (status_class == ISCSI_STATUS_CLS_TARGET_ERR)
		return "target failed the login: target error";
	return "target answered an unknown login status class";
}

/**
 * mcs_parse_target_address() - parse a TargetAddress value
 * @s: "host[:port][,tpgt]" with host an IPv4 address or a bracketed IPv6
 * @ss: the address, port 3260 when none is given
 *
 * Names are not resolved: the kernel has no resolver, and a target that
 * redirects by name cannot be followed here.
 *
 * Return: 0 or -EINVAL.
 */
int mcs_parse_target_address(const char *s, struct sockaddr_storage *ss)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	const char *end, *p;
	unsigned int port = ISCSI_LISTEN_PORT;
	int ret;

	memset(ss, 0, sizeof(*ss));
	if (*s == '[') {
		if (!in6_pton(s + 1, -1, sin6->sin6_addr.s6_addr, ']', &end))
			return -EINVAL;
		sin6->sin6_family = AF_INET6;
		p = end + 1;
	} else {
		if (!in4_pton(s, -1, (u8 *)&sin->sin_addr.s_addr, -1, &end))
			return -EINVAL;
		sin->sin_family = AF_INET;
		p = end;
	}
	if (*p == ':') {
		char buf[8];
		size_t n = strcspn(p + 1, ",");

		if (!n || n >= sizeof(buf))
			return -EINVAL;
		memcpy(buf, p + 1, n);
		buf[n] = '\0';
		ret = kstrtouint(buf, 10, &port);
		if (ret || !port || port > 65535)
			return -EINVAL;
		p += 1 + n;
	}
	if (*p && *p != ',')
		return -EINVAL;
	if (ss->ss_family == AF_INET6)
		sin6->sin6_port = htons(port);
	else
		sin->sin_port = htons(port);
	return 0;
}

static int mcs_login_send(struct mcs_login *l, bool transit, u8 nsg)
{
	u8 pad[ISCSI_PAD_LEN] = {};
	struct mcs_pdu_login pl = {
		.tsih = l->req->tsih,
		.cid = l->req->cid,
		.itt = l->itt,
		.dlen = l->out.len,
		.csg = l->stage,
		.nsg = transit ? nsg : 0,
		.transit = transit,
	};
	struct iscsi_hdr hdr;
	struct kvec vec[3];
	size_t nr = 1;
	int ret;

	if (l->out.len > MCS_LOGIN_DSL) {
		l->res->why = "login text longer than a login PDU may carry";
		return -EMSGSIZE;
	}
	memcpy(pl.isid, l->req->isid, sizeof(pl.isid));
	ret = mcs_pdu_build_login(&hdr, &pl);
	if (ret) {
		l->res->why = "cannot build the login request";
		return ret;
	}
	mcs_pdu_set_cmdsn(&hdr, l->req->cmdsn);
	mcs_pdu_set_exp_statsn(&hdr, l->exp_statsn);

	vec[0] = (struct kvec){ .iov_base = &hdr, .iov_len = sizeof(hdr) };
	if (l->out.len) {
		vec[nr++] = (struct kvec){ .iov_base = l->out.data,
					   .iov_len = l->out.len };
		if (mcs_pdu_pad(l->out.len))
			vec[nr++] = (struct kvec){ .iov_base = pad,
				.iov_len = mcs_pdu_pad(l->out.len) };
	}
	ret = mcs_sock_send_all(l->req->sock, vec, nr,
				sizeof(hdr) + l->out.len + mcs_pdu_pad(l->out.len));
	if (ret)
		l->res->why = ret == -ETIMEDOUT ?
			"target did not take the login request within the login timeout" :
			"connection lost while sending a login request";
	return ret;
}

/* Receives one Login Response and adds its data to the text accumulator. */
static int mcs_login_recv(struct mcs_login *l, struct mcs_pdu_rx *rx)
{
	static const struct mcs_pdu_limits lim = {
		.max_recv_dlength = MCS_LOGIN_DSL,
		.login = true,
	};
	struct socket *sock = l->req->sock;
	struct iscsi_hdr hdr;
	u8 *ahs = NULL;
	u32 ahs_len, dlen;
	int ret;

	ret = mcs_sock_recv_all(sock, &hdr, sizeof(hdr));
	if (ret)
		goto err_sock;
	ahs_len = mcs_pdu_ahs_len(&hdr);
	if (ahs_len) {
		ahs = kmalloc(ahs_len, GFP_KERNEL);
		if (!ahs)
			return -ENOMEM;
		ret = mcs_sock_recv_all(sock, ahs, ahs_len);
		if (ret) {
			kfree(ahs);
			goto err_sock;
		}
	}
	ret = mcs_pdu_check_rx(&hdr, ahs, &lim, &l->res->why);
	kfree(ahs);
	if (ret)
		return -EPROTO;
	mcs_pdu_parse(&hdr, rx);
	if (rx->itt != l->itt) {
		l->res->why = "login response for another task tag";
		return -EPROTO;
	}
	dlen = rx->dlength;
	if (dlen) {
		ret = mcs_sock_recv_all(sock, l->seg, dlen + mcs_pdu_pad(dlen));
		if (ret)
			goto err_sock;
	}
	if (rx->statsn_use != MCS_STATSN_NONE)
		l->exp_statsn = rx->statsn + 1;
	if (rx->login.status_class)
		return 0;
	ret = mcs_text_acc_add(&l->acc, l->seg, dlen, rx->login.cont,
			       &l->res->why);
	return ret < 0 ? -EPROTO : 0;

err_sock:
	l->res->why = ret == -ETIMEDOUT ?
		"target did not answer within the login timeout" :
		"connection lost during login";
	return ret;
}

/* The target's status refused the login: record it and pick the errno. */
static int mcs_login_refused(struct mcs_login *l, struct mcs_pdu_rx *rx)
{
	struct mcs_login_res *res = l->res;
	struct mcs_text_pairs pairs = {};
	const char *addr;

	res->status_class = rx->login.status_class;
	res->status_detail = rx->login.status_detail;
	res->why = mcs_login_status_text(res->status_class, res->status_detail);
	if (res->status_class != ISCSI_STATUS_CLS_REDIRECT)
		return mcs_login_status_errno(res->status_class,
					      res->status_detail);

	/* The redirection's data holds TargetAddress; it is one PDU. */
	if (mcs_text_acc_add(&l->acc, l->seg, rx->dlength, false, &res->why) < 0 ||
	    mcs_text_decode(l->acc.buf.data, l->acc.buf.len, 0, &pairs,
			    &res->why))
		return -EPROTO;
	addr = mcs_text_find(&pairs, "TargetAddress");
	if (!addr || mcs_parse_target_address(addr, &res->redirect)) {
		res->why = "redirection without a usable TargetAddress";
		mcs_text_pairs_free(&pairs);
		return -EPROTO;
	}
	mcs_text_pairs_free(&pairs);
	return -EREMOTE;
}

/* Security keys of one response: the CHAP exchange's next step. */
static int mcs_login_chap(struct mcs_login *l, const struct mcs_sec_keys *sec)
{
	const struct mcs_chap_creds *creds = l->req->chap;
	int ret;

	if (!creds) {
		if (sec->chap_a || sec->chap_c || sec->chap_r) {
			l->res->why = "target sent CHAP keys though no CHAP was agreed";
			return -EPROTO;
		}
		return 0;
	}
	if (sec->chap_c) {
		ret = mcs_chap_take_challenge(l->chap, sec->chap_a, sec->chap_i,
					      sec->chap_c, &l->res->why);
		if (!ret)
			ret = mcs_chap_respond(l->chap, creds, &l->out,
					       &l->res->why);
		if (ret)
			return ret == -EACCES ? ret : -EPROTO;
		l->chap_answered = true;
		l->mutual_pending = creds->mutual;
		return 0;
	}
	if (sec->chap_r || sec->chap_n) {
		if (!l->mutual_pending) {
			l->res->why = "target sent a CHAP response nobody asked for";
			return -EPROTO;
		}
		ret = mcs_chap_verify(l->chap, creds, sec->chap_n, sec->chap_r,
				      &l->res->why);
		if (ret)
			return ret == -EACCES ? ret : -EPROTO;
		l->mutual_pending = false;
	}
	return 0;
}

/* What the next request proposes: move on, or stay in the stage. */
static bool mcs_login_may_transit(struct mcs_login *l)
{
	if (l->stage != ISCSI_SECURITY_NEGOTIATION_STAGE || !l->req->chap)
		return true;
	return l->chap_answered;
}

/*
 * The target answers for the session we asked for: our ISID, the version
 * we offered, and for another connection of a session its TSIH.
 */
static int mcs_login_check_ids(struct mcs_login *l, const struct mcs_pdu_rx *rx)
{
	if (memcmp(rx->login.isid, l->req->isid, sizeof(l->req->isid))) {
		l->res->why = "Login Response for another ISID";
		return -EPROTO;
	}
	if (rx->login.version_active != ISCSI_DRAFT20_VERSION) {
		l->res->why = "Login Response with a version we did not offer";
		return -EPROTO;
	}
	if (l->req->tsih && rx->login.tsih != l->req->tsih) {
		l->res->why = "Login Response for another session (TSIH)";
		return -EPROTO;
	}
	return 0;
}

/**
 * mcs_login_budget() - how long a whole exchange on @sock may take
 * @sock: a socket from mcs_sock_open(), whose timeouts are the login
 *	timeout
 *
 * Return: a few login timeouts, in jiffies.
 */
unsigned long mcs_login_budget(struct socket *sock)
{
	long timeo = READ_ONCE(sock->sk->sk_rcvtimeo);

	if (timeo <= 0 || timeo > MCS_LOGIN_TIMEOUT_CAP)
		timeo = MCS_LOGIN_TIMEOUT_CAP;
	return timeo * MCS_LOGIN_DEADLINE_TIMEOUTS;
}

/* How long from now until the login's deadline, 0 when it is past. */
static unsigned long mcs_login_left(const struct mcs_login_req *req)
{
	if (!req->deadline)
		return mcs_login_budget(req->sock);
	if (time_after_eq(jiffies, req->deadline))
		return 0;
	return req->deadline - jiffies;
}

static int mcs_login_run(struct mcs_login *l)
{
	struct mcs_login_res *res = l->res;
	struct mcs_text_pairs pairs;
	struct mcs_sec_keys sec;
	struct mcs_pdu_rx rx;
	bool transit, offered_oper = false;
	int round, cont, ret;

	l->stage = ISCSI_SECURITY_NEGOTIATION_STAGE;
	ret = mcs_neg_offer(&l->neg, l->stage, &l->out, &res->why);
	if (ret)
		return ret;

	for (round = 0; round < MCS_LOGIN_ROUNDS_MAX; round++) {
		u8 nsg = l->stage == ISCSI_SECURITY_NEGOTIATION_STAGE ?
			 ISCSI_OP_PARMS_NEGOTIATION_STAGE :
			 ISCSI_FULL_FEATURE_PHASE;

		transit = mcs_login_may_transit(l);
		ret = mcs_login_send(l, transit, nsg);
		if (ret)
			return ret;
		mcs_text_buf_reset(&l->out);

		/* A response with C set is continued by empty requests. */
		for (cont = 0;; cont++) {
			memset(&rx, 0, sizeof(rx));
			ret = mcs_login_recv(l, &rx);
			if (ret)
				return ret;
			if (rx.login.status_class)
				return mcs_login_refused(l, &rx);
			if (!rx.login.cont)
				break;
			if (!rx.dlength) {
				res->why = "continued Login Response without text";
				return -EPROTO;
			}
			if (cont >= MCS_LOGIN_CONT_MAX) {
				res->why = "Login Response continued without end";
				return -EPROTO;
			}
			ret = mcs_login_send(l, false, 0);
			if (ret)
				return ret;
		}
		ret = mcs_login_check_ids(l, &rx);
		if (ret)
			return ret;
		if (rx.login.csg != l->stage) {
			res->why = "login response for another stage";
			return -EPROTO;
		}
		if (rx.login.transit && (!transit || rx.login.nsg != nsg)) {
			res->why = "target moved to a stage we did not propose";
			return -EPROTO;
		}

		ret = mcs_text_decode(l->acc.buf.data, l->acc.buf.len, 0,
				      &pairs, &res->why);
		if (ret)
			return -EPROTO;
		memset(&sec, 0, sizeof(sec));
		ret = mcs_neg_process(&l->neg, l->stage, &pairs, &l->out, &sec,
				      &res->why);
		if (!ret && l->stage == ISCSI_SECURITY_NEGOTIATION_STAGE)
			ret = mcs_login_chap(l, &sec);
		if (!ret && l->req->check_tpgt && l->neg.res.conn.tpgt_seen &&
		    l->neg.res.conn.tpgt != l->req->tpgt) {
			/* Dropped before full feature phase: the session is untouched. */
			res->why = "portal belongs to another portal group than the session";
			ret = -EXDEV;
		}
		mcs_text_pairs_free(&pairs);
		mcs_text_acc_reset(&l->acc);
		if (ret)
			return ret;

		if (l->stage == ISCSI_SECURITY_NEGOTIATION_STAGE &&
		    l->req->chap && !l->chap_offered) {
			ret = mcs_chap_offer(l->chap, l->req->chap, &l->out,
					     &res->why);
			if (ret)
				return ret;
			l->chap_offered = true;
		}

		if (!rx.login.transit)
			continue;
		if (l->mutual_pending) {
			res->why = "target skipped mutual CHAP authentication";
			return -EACCES;
		}
		if (nsg == ISCSI_FULL_FEATURE_PHASE) {
			/* Our TSIH back, or a new one: 0 would reinstate us. */
			if (!rx.login.tsih) {
				res->why = "target ended the login with TSIH 0";
				return -EPROTO;
			}
			/* An invalid window would stall the session at once. */
			if (!mcs_sn_window_valid(rx.exp_cmdsn, rx.max_cmdsn)) {
				res->why = "login ended with an invalid command window";
				return -EPROTO;
			}
			res->tsih = rx.login.tsih;
			res->exp_statsn = l->exp_statsn;
			res->exp_cmdsn = rx.exp_cmdsn;
			res->max_cmdsn = rx.max_cmdsn;
			return mcs_neg_finish(&l->neg, &res->params, &res->why);
		}
		l->stage = nsg;
		if (!offered_oper) {
			ret = mcs_neg_offer(&l->neg, l->stage, &l->out,
					    &res->why);
			if (ret)
				return ret;
			offered_oper = true;
		}
	}
	res->why = "login did not finish within 32 exchanges";
	return -EPROTO;
}

/**
 * mcs_login() - log one connection in
 * @req: the connected socket and what to ask for
 * @res: the outcome; @res->why says why when it failed
 *
 * Return: 0 once in full feature phase; -EREMOTE for a redirection (to
 * @res->redirect); an errno for the target's refusal (@res->status_class
 * and detail set); -EPROTO for a protocol violation; a socket error.
 */
int mcs_login(const struct mcs_login_req *req, struct mcs_login_res *res)
{
	struct mcs_login *l;
	int ret;

	memset(res, 0, sizeof(*res));
	if (req->session)
		res->params = *req->session;
	l = kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	l->req = req;
	l->res = res;
	l->seg = kmalloc(MCS_LOGIN_DSL + ISCSI_PAD_LEN, GFP_KERNEL);
	if (req->chap)
		l->chap = kzalloc(sizeof(*l->chap), GFP_KERNEL);
	if (!l->seg || (req->chap && !l->chap)) {
		ret = -ENOMEM;
		goto out;
	}
	if (l->chap)
		mcs_chap_init(l->chap);
	mcs_text_buf_init(&l->out, MCS_TEXT_MAX);
	mcs_text_acc_init(&l->acc, MCS_TEXT_MAX);

	ret = mcs_neg_init(&l->neg, req->opts, req->initiator_name,
			   req->initiator_alias, req->target_name,
			   req->session_type, !req->tsih, &res->why);
	l->neg.session = req->tsih ? req->session : NULL;
	if (!ret) {
		mcs_sock_deadline_start(&l->deadline, req->sock,
					mcs_login_left(req));
		ret = mcs_login_run(l);
		if (mcs_sock_deadline_stop(&l->deadline) && ret) {
			res->why = "login did not finish within its deadline";
			ret = -ETIMEDOUT;
		}
	}
	if (!ret && req->session)
		res->params.sess = req->session->sess;

	mcs_text_acc_free(&l->acc);
	/* The text may hold CHAP responses: nothing of it outlives the login. */
	if (l->out.data)
		memzero_explicit(l->out.data, l->out.size);
	mcs_text_buf_free(&l->out);
out:
	if (l->chap) {
		mcs_chap_wipe(l->chap);
		kfree(l->chap);
	}
	kfree(l->seg);
	kfree(l);
	return ret;
}

/**
 * mcs_login_open() - connect to a portal and log in, following redirections
 * @net: the namespace of the socket
 * @so: where to connect; @so->dst ends as the portal logged in to
 * @req: what to ask for; its socket and deadline are set here
 * @res: the outcome of the last login
 * @max_redirects: how many redirections to follow
 * @sockp: the socket logged in, the caller's on success
 * @unreachable: set when the last portal could not be connected to
 *
 * The one way LOGIN, CONN_ADD, recovery and discovery reach full feature
 * phase (or discovery's): every hop shares one deadline, and a redirection
 * changes only the portal, keeping the source address, the interface and
 * an IPv6 link-local scope (mcs_sockaddr_redirect()).
 *
 * Return: 0, or the error of the last hop with @res->why set; no socket
 * is left open on error.
 */
int mcs_login_open(struct net *net, struct mcs_sock_opts *so,
		   struct mcs_login_req *req, struct mcs_login_res *res,
		   unsigned int max_redirects, struct socket **sockp,
		   bool *unreachable)
{
	unsigned int hops;
	struct socket *sock;
	const char *why;
	int ret;

	*unreachable = false;
	req->deadline = 0;
	for (hops = 0; ; hops++) {
		ret = mcs_sock_open(net, so, &sock, &why);
		if (ret) {
			memset(res, 0, sizeof(*res));
			res->why = why;
			*unreachable = true;
			return ret;
		}
		req->sock = sock;
		if (!req->deadline)
			req->deadline = jiffies + mcs_login_budget(sock);
		ret = mcs_login(req, res);
		if (!ret) {
			*sockp = sock;
			return 0;
		}
		mcs_sock_close(sock);
		req->sock = NULL;
		if (ret != -EREMOTE || hops == max_redirects)
			return ret;
		/* Only the portal changes; the source stays where it was bound. */
		mcs_sockaddr_redirect(&so->dst, &res->redirect);
	}
}
