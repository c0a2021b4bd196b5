// SPDX-License-Identifier: GPL-2.0
/*
 * The iscsi_mcs commands that log in: LOGIN (a new session), CONN_ADD
 * (one more connection of a session) and DISCOVER (a Discovery session
 * for the length of the request). Each checks its whole attribute tree in
 * one precheck, with one extack message per rule broken, before any
 * socket is opened; the login itself runs without genl_mutex.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/ipv6.h>

#include "chap.h"
#include "compat.h"
#include "discovery.h"
#include "login.h"
#include "netlink.h"
#include "netlink_cmds.h"
#include "netns.h"
#include "recovery.h"
#include "scsi.h"
#include "session.h"
#include "sock.h"

static int mcs_nl_parse_addr(const struct nlattr *nest,
			     struct sockaddr_storage *ss, int *ifindex,
			     bool need_addr, struct netlink_ext_ack *extack)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct nlattr *tb[ISCSI_MCS_ADDR_A_MAX + 1];
	u16 port = ISCSI_LISTEN_PORT;
	int ret;

	ret = nla_parse_nested(tb, ISCSI_MCS_ADDR_A_MAX, nest,
			       mcs_nl_addr_policy, extack);
	if (ret)
		return ret;
	memset(ss, 0, sizeof(*ss));
	if (tb[ISCSI_MCS_ADDR_A_IPV4] && tb[ISCSI_MCS_ADDR_A_IPV6]) {
		mcs_nl_reject(extack, tb[ISCSI_MCS_ADDR_A_IPV6],
			      "an address is either IPv4 or IPv6, not both");
		return -EINVAL;
	}
	if (need_addr && !tb[ISCSI_MCS_ADDR_A_IPV4] && !tb[ISCSI_MCS_ADDR_A_IPV6]) {
		mcs_nl_reject(extack, nest, "portal needs an IPv4 or IPv6 address");
		return -EINVAL;
	}
	if (tb[ISCSI_MCS_ADDR_A_IFINDEX]) {
		if (!ifindex) {
			mcs_nl_reject(extack, tb[ISCSI_MCS_ADDR_A_IFINDEX],
				      "an interface binds the local side only");
			return -EINVAL;
		}
		*ifindex = nla_get_u32(tb[ISCSI_MCS_ADDR_A_IFINDEX]);
	}
	if (tb[ISCSI_MCS_ADDR_A_PORT])
		port = nla_get_u16(tb[ISCSI_MCS_ADDR_A_PORT]);
	if (tb[ISCSI_MCS_ADDR_A_IPV4]) {
		sin->sin_family = AF_INET;
		sin->sin_addr.s_addr = nla_get_in_addr(tb[ISCSI_MCS_ADDR_A_IPV4]);
		/* The local side lets the kernel pick the port. */
		sin->sin_port = need_addr ? htons(port) : 0;
	} else if (tb[ISCSI_MCS_ADDR_A_IPV6]) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_addr = nla_get_in6_addr(tb[ISCSI_MCS_ADDR_A_IPV6]);
		sin6->sin6_port = need_addr ? htons(port) : 0;
		if (tb[ISCSI_MCS_ADDR_A_SCOPE_ID])
			sin6->sin6_scope_id =
				nla_get_u32(tb[ISCSI_MCS_ADDR_A_SCOPE_ID]);
	}
	return 0;
}

static const u8 mcs_digest_lists[][MCS_DIGEST_COUNT + 1] = {
	/* count, then the values in order of preference */
	[ISCSI_MCS_DIGEST_NONE] = { 1, MCS_DIGEST_NONE },
	[ISCSI_MCS_DIGEST_CRC32C] = { 1, MCS_DIGEST_CRC32C },
	[ISCSI_MCS_DIGEST_NONE_CRC32C] = { 2, MCS_DIGEST_NONE, MCS_DIGEST_CRC32C },
	[ISCSI_MCS_DIGEST_CRC32C_NONE] = { 2, MCS_DIGEST_CRC32C, MCS_DIGEST_NONE },
};

static void mcs_nl_set_digest(u8 *list, u8 *n, const struct nlattr *a)
{
	const u8 *d;

	if (!a)
		return;
	d = mcs_digest_lists[nla_get_u8(a)];
	*n = d[0];
	memcpy(list, d + 1, d[0]);
}

static int mcs_nl_set_secret(struct mcs_chap_secret *s, const struct nlattr *a)
{
	s->len = nla_len(a);
	memcpy(s->data, nla_data(a), s->len);
	return 0;
}

/*
 * The LOGIN nest to login options and CHAP credentials, checking the
 * rules that involve several attributes. @creds is left unused (n_algs 0,
 * empty name) when the session does not authenticate.
 */
static int mcs_nl_login_precheck(const struct nlattr *nest,
				 struct mcs_login_opts *o,
				 struct mcs_chap_creds *creds, bool *chap,
				 struct netlink_ext_ack *extack)
{
	struct nlattr *tb[ISCSI_MCS_LOGIN_A_MAX + 1] = {};
	const char *why;
	int ret;

	*chap = false;
	if (nest) {
		ret = nla_parse_nested(tb, ISCSI_MCS_LOGIN_A_MAX, nest,
				       mcs_nl_login_policy, extack);
		if (ret)
			return ret;
	}
	mcs_nl_set_digest(o->header_digest, &o->n_header_digest,
			  tb[ISCSI_MCS_LOGIN_A_HEADER_DIGEST]);
	mcs_nl_set_digest(o->data_digest, &o->n_data_digest,
			  tb[ISCSI_MCS_LOGIN_A_DATA_DIGEST]);
	if (tb[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS])
		o->max_connections = nla_get_u32(tb[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS]);
	if (tb[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL])
		o->error_recovery_level =
			nla_get_u8(tb[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL]);
	if (tb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT])
		o->default_time2wait =
			nla_get_u32(tb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT]);
	if (tb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN])
		o->default_time2retain =
			nla_get_u32(tb[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN]);
	if (tb[ISCSI_MCS_LOGIN_A_IMMEDIATE_DATA])
		o->immediate_data = nla_get_u8(tb[ISCSI_MCS_LOGIN_A_IMMEDIATE_DATA]);
	if (tb[ISCSI_MCS_LOGIN_A_INITIAL_R2T])
		o->initial_r2t = nla_get_u8(tb[ISCSI_MCS_LOGIN_A_INITIAL_R2T]);
	if (tb[ISCSI_MCS_LOGIN_A_MAX_RECV_DSL])
		o->max_recv_dsl = nla_get_u32(tb[ISCSI_MCS_LOGIN_A_MAX_RECV_DSL]);
	if (tb[ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH])
		o->max_burst_length =
			nla_get_u32(tb[ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH]);
	if (tb[ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH])
		o->first_burst_length =
			nla_get_u32(tb[ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH]);

	if (!!tb[ISCSI_MCS_LOGIN_A_CHAP_NAME] != !!tb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]) {
		mcs_nl_reject(extack, nest, "CHAP needs both a name and a secret");
		return -EINVAL;
	}
	if (!!tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME] !=
	    !!tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET]) {
		mcs_nl_reject(extack, nest,
			      "mutual CHAP needs both a name and a secret");
		return -EINVAL;
	}
	if (tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET] &&
	    !tb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]) {
		mcs_nl_reject(extack, tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET],
			      "mutual CHAP needs CHAP in the other direction too");
		return -EINVAL;
	}
	if (tb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]) {
		*chap = true;
		o->auth_chap = true;
		nla_strscpy(creds->name, tb[ISCSI_MCS_LOGIN_A_CHAP_NAME],
			    sizeof(creds->name));
		mcs_nl_set_secret(&creds->secret,
				  tb[ISCSI_MCS_LOGIN_A_CHAP_SECRET]);
		if (tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET]) {
			creds->mutual = true;
			nla_strscpy(creds->target_name,
				    tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME],
				    sizeof(creds->target_name));
			mcs_nl_set_secret(&creds->target_secret,
					  tb[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET]);
		}
		why = mcs_chap_creds_check(creds);
		if (why) {
			mcs_nl_reject(extack, tb[ISCSI_MCS_LOGIN_A_CHAP_NAME], why);
			return -EINVAL;
		}
	}
	why = mcs_login_opts_check(o);
	if (why) {
		mcs_nl_reject(extack, nest, why);
		return -EINVAL;
	}
	return 0;
}

/*
 * A login the target or the network refused: the reason, and the target's
 * login status in the cookie for user space to map precisely.
 */
static void mcs_nl_login_refused(struct netlink_ext_ack *extack,
				 const struct nlattr *attr,
				 const struct mcs_login_res *res,
				 const char *fallback)
{
	mcs_nl_reject(extack, attr, res->why ?: fallback);
	if (res->status_class && extack) {
		extack->cookie[0] = res->status_class;
		extack->cookie[1] = res->status_detail;
		extack->cookie_len = 2;
	}
}

static bool mcs_ifindex_exists(struct net *net, int ifindex)
{
	bool found;

	rcu_read_lock();
	found = dev_get_by_index_rcu(net, ifindex);
	rcu_read_unlock();
	return found;
}

/*
 * A link-local IPv6 portal is ambiguous without its link: the scope id or
 * the interface bound to names it, and they must agree. connect() would
 * only say EINVAL. The interface then completes the portal's address, as
 * the session answers it.
 */
static int mcs_nl_check_scope(struct genl_info *info, struct mcs_sock_opts *so)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&so->dst;
	const struct nlattr *portal = info->attrs[ISCSI_MCS_A_PORTAL];

	if (so->dst.ss_family != AF_INET6 ||
	    !(ipv6_addr_type(&sin6->sin6_addr) & IPV6_ADDR_LINKLOCAL))
		return 0;
	if (!sin6->sin6_scope_id && !so->ifindex) {
		mcs_nl_reject(info->extack, portal,
			      "a link-local portal needs a scope id or a local interface");
		return -EINVAL;
	}
	if (sin6->sin6_scope_id && so->ifindex &&
	    sin6->sin6_scope_id != so->ifindex) {
		mcs_nl_reject(info->extack, portal,
			      "the portal's scope id is not the local interface");
		return -EINVAL;
	}
	sin6->sin6_scope_id = sin6->sin6_scope_id ?: so->ifindex;
	return 0;
}

/*
 * The portal (required) and the local end (optional) of a connection to
 * open, as every command that opens one takes them.
 */
static int mcs_nl_parse_endpoints(struct genl_info *info,
				  struct mcs_sock_opts *so)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr *local = info->attrs[ISCSI_MCS_A_LOCAL];
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_PORTAL)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_PORTAL is required");
		return -EINVAL;
	}
	ret = mcs_nl_parse_addr(info->attrs[ISCSI_MCS_A_PORTAL], &so->dst,
				NULL, true, extack);
	if (ret)
		return ret;
	so->src.ss_family = AF_UNSPEC;
	if (!local)
		return mcs_nl_check_scope(info, so);
	ret = mcs_nl_parse_addr(local, &so->src, &so->ifindex, false, extack);
	if (ret)
		return ret;
	if (so->src.ss_family != AF_UNSPEC &&
	    so->src.ss_family != so->dst.ss_family) {
		mcs_nl_reject(extack, local,
			      "local and portal addresses are of different families");
		return -EINVAL;
	}
	if (so->ifindex && !mcs_ifindex_exists(genl_info_net(info), so->ifindex)) {
		mcs_nl_reject(extack, local, "no such interface in this namespace");
		return -ENODEV;
	}
	return mcs_nl_check_scope(info, so);
}

/* Everything one LOGIN request needs, off the stack (CHAP is large). */
struct mcs_nl_login_job {
	struct mcs_login_opts opts;
	struct mcs_chap_creds creds;
	struct mcs_login_req req;
	struct mcs_login_res res;
	struct mcs_sock_opts so;
	u32 cmds_max;
	char target_name[ISCSI_MCS_NAME_MAX];
	char initiator_name[ISCSI_MCS_NAME_MAX];
	char initiator_alias[ISCSI_MCS_ALIAS_MAX];
};

/* LOGIN's attributes, or DISCOVER's (@discovery): the same less the target. */
static int mcs_nl_login_precheck_top(struct genl_info *info,
				     struct mcs_nl_login_job *job,
				     const struct mcs_config *cfg, bool *chap,
				     bool discovery)
{
	struct netlink_ext_ack *extack = info->extack;
	struct nlattr **attrs = info->attrs;
	const char *why;
	u64 isid;
	int ret;

	if (!discovery && GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_TARGET_NAME)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_TARGET_NAME is required");
		return -EINVAL;
	}
	ret = mcs_nl_parse_endpoints(info, &job->so);
	if (ret)
		return ret;
	if (attrs[ISCSI_MCS_A_TARGET_NAME]) {
		nla_strscpy(job->target_name, attrs[ISCSI_MCS_A_TARGET_NAME],
			    sizeof(job->target_name));
		why = mcs_iscsi_name_check(job->target_name);
		if (why) {
			mcs_nl_reject(extack, attrs[ISCSI_MCS_A_TARGET_NAME], why);
			return -EINVAL;
		}
	}

	if (attrs[ISCSI_MCS_A_INITIATOR_NAME]) {
		nla_strscpy(job->initiator_name, attrs[ISCSI_MCS_A_INITIATOR_NAME],
			    sizeof(job->initiator_name));
		why = mcs_iscsi_name_check(job->initiator_name);
		if (why) {
			mcs_nl_reject(extack, attrs[ISCSI_MCS_A_INITIATOR_NAME], why);
			return -EINVAL;
		}
	} else if (cfg->initiator_name[0]) {
		strscpy(job->initiator_name, cfg->initiator_name,
			sizeof(job->initiator_name));
	} else {
		GENL_SET_ERR_MSG(info, "no initiator name given and no namespace default set");
		return -EINVAL;
	}
	strscpy(job->initiator_alias, cfg->initiator_alias,
		sizeof(job->initiator_alias));

	if (attrs[ISCSI_MCS_A_ISID]) {
		isid = nla_get_u64(attrs[ISCSI_MCS_A_ISID]);
		if (isid >> 48) {
			mcs_nl_reject(extack, attrs[ISCSI_MCS_A_ISID],
				      "ISID has only 48 bits");
			return -EINVAL;
		}
		if ((isid >> 46) == 3) {
			mcs_nl_reject(extack, attrs[ISCSI_MCS_A_ISID],
				      "ISID type 3 is reserved");
			return -EINVAL;
		}
	} else {
		/* Type 2, "random": 46 random bits. */
		get_random_bytes(&isid, sizeof(isid));
		isid = (isid & GENMASK_ULL(45, 0)) | (2ULL << 46);
	}
	put_unaligned_be16(isid >> 32, job->req.isid);
	put_unaligned_be32((u32)isid, job->req.isid + 2);

	job->so.timeout_ms = cfg->login_timeout_ms;

	mcs_login_opts_init(&job->opts);
	job->opts.max_connections = cfg->max_connections;
	ret = mcs_nl_login_precheck(attrs[ISCSI_MCS_A_LOGIN], &job->opts,
				    &job->creds, chap, extack);
	if (ret)
		return ret;
	/* Not a login key but the host's queue depth; the policy checked it. */
	job->cmds_max = cfg->cmds_max;
	if (attrs[ISCSI_MCS_A_LOGIN]) {
		struct nlattr *a = nla_find_nested(attrs[ISCSI_MCS_A_LOGIN],
						   ISCSI_MCS_LOGIN_A_CMDS_MAX);

		if (a)
			job->cmds_max = nla_get_u32(a);
	}
	return 0;
}

/*
 * What LOGIN and DISCOVER share: the namespace's defaults, the request's
 * checks, and the login request built from them (a Discovery session
 * names no target). Return: 0, or the refusal; @job is the caller's to
 * free either way.
 */
static int mcs_nl_login_job_init(struct genl_info *info,
				 struct mcs_nl_login_job *job,
				 struct mcs_config *cfg, bool *chap,
				 bool discovery)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	int ret;

	mutex_lock(&mn->lock);
	*cfg = mn->config;
	mutex_unlock(&mn->lock);
	ret = mcs_nl_login_precheck_top(info, job, cfg, chap, discovery);
	if (ret)
		return ret;
	job->req.opts = &job->opts;
	job->req.chap = *chap ? &job->creds : NULL;
	job->req.initiator_name = job->initiator_name;
	job->req.initiator_alias = job->initiator_alias[0] ?
				   job->initiator_alias : NULL;
	if (!discovery)
		job->req.target_name = job->target_name;
	job->req.cmdsn = get_random_u32();
	return 0;
}

int mcs_nl_login_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct mcs_net *mn = mcs_net(net);
	struct mcs_nl_login_job *job;
	struct mcs_conn_recipe *lead = NULL, *first = NULL;
	struct mcs_session *sess = NULL;
	struct socket *sock = NULL;
	struct mcs_config cfg;
	u8 conn_id[ISCSI_MCS_ID_LEN];
	struct sk_buff *msg;
	bool chap, unreachable;
	int ret;
	void *hdr;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	ret = mcs_nl_login_job_init(info, job, &cfg, &chap, false);
	if (ret)
		goto out;
	/* The portal asked for, not where a redirection leads: RFC 7143 6.2. */
	ret = -ENOMEM;
	lead = mcs_recipe_new(&job->so, &job->opts, &job->creds, chap);
	first = mcs_recipe_new(&job->so, &job->opts, &job->creds, chap);
	if (!lead || !first)
		goto out;

	ret = mcs_login_open(net, &job->so, &job->req, &job->res,
			     MCS_REDIRECTS_MAX, &sock, &unreachable);
	if (ret && unreachable) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_PORTAL],
			      job->res.why);
		goto out;
	}
	if (ret) {
		mcs_nl_login_refused(info->extack, NULL, &job->res,
				     "login failed");
		goto out;
	}

	ret = -ENOMEM;
	sess = mcs_session_alloc(mn);
	if (!sess)
		goto out_sock;
	sess->net = net;
	memcpy(sess->isid, job->req.isid, sizeof(sess->isid));
	strscpy(sess->target_name, job->target_name, sizeof(sess->target_name));
	strscpy(sess->initiator_name, job->initiator_name,
		sizeof(sess->initiator_name));
	/* Login PDUs are immediate: the first command takes their CmdSN. */
	atomic_set(&sess->cmdsn, job->req.cmdsn);
	sess->noop_interval_ms = cfg.noop_interval_ms;
	sess->noop_timeout_ms = cfg.noop_timeout_ms;
	sess->replacement_timeout_ms = cfg.replacement_timeout_ms;
	if (info->attrs[ISCSI_MCS_A_POLICY])
		sess->policy_id = nla_get_u8(info->attrs[ISCSI_MCS_A_POLICY]);
	sess->cmds_max = job->cmds_max;
	ret = mcs_session_start(sess, sock, &job->so.dst, &job->res, lead,
				first, conn_id);
	if (ret)
		goto out_sess;
	sock = NULL;
	lead = NULL;
	first = NULL;
	ret = mcs_scsi_add(sess);
	if (ret) {
		mcs_nl_reject(info->extack, NULL, "cannot register the SCSI host");
		mcs_session_logout(sess, cfg.login_timeout_ms);
		goto out_sess;
	}

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	hdr = msg ? genlmsg_put_reply(msg, info, &mcs_genl_family, 0,
				      ISCSI_MCS_CMD_LOGIN) : NULL;
	if (!hdr ||
	    nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put(msg, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, conn_id) ||
	    mcs_nl_put_session(msg, sess, ISCSI_MCS_STATE_LOGGED_IN)) {
		nlmsg_free(msg);
		/* Undo: the user would never learn the session's id. */
		mcs_session_shutdown(sess, cfg.login_timeout_ms);
		ret = -EMSGSIZE;
		goto out_sess;
	}
	genlmsg_end(msg, hdr);

	mcs_net_add_session(mn, sess);
	mcs_session_changed(sess);
	ret = genlmsg_reply(msg, info);
	goto out;

out_sess:
	mcs_session_put(sess);
out_sock:
	if (sock)
		mcs_sock_close(sock);
out:
	mcs_recipe_free(first);
	mcs_recipe_free(lead);
	mcs_chap_creds_wipe(&job->creds);
	kfree_sensitive(job);
	return ret;
}

/* A Discovery session that lives as long as the request, see discovery.c. */
int mcs_nl_discover_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct mcs_nl_login_job *job;
	struct mcs_disc_answer ans = {};
	struct mcs_config cfg;
	struct sk_buff *msg;
	void *hdr = NULL;
	bool chap;
	int ret;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	ret = mcs_nl_login_job_init(info, job, &cfg, &chap, true);
	if (ret)
		goto out;

	ret = mcs_discover(net, &job->so, &job->req, &job->res, &ans);
	if (ret) {
		mcs_nl_login_refused(info->extack,
				     ans.unreachable ?
				     info->attrs[ISCSI_MCS_A_PORTAL] : NULL,
				     &job->res, "discovery failed");
		goto out_ans;
	}

	/* Sized from the answer: its text is bounded, not the target count. */
	msg = genlmsg_new(mcs_disc_msg_size(&ans.list), GFP_KERNEL);
	if (msg)
		hdr = genlmsg_put_reply(msg, info, &mcs_genl_family, 0,
					ISCSI_MCS_CMD_DISCOVER);
	if (!hdr || mcs_disc_put(msg, &ans.list)) {
		nlmsg_free(msg);
		GENL_SET_ERR_MSG(info, "out of memory for the discovery answer");
		ret = -ENOMEM;
		goto out_ans;
	}
	genlmsg_end(msg, hdr);
	ret = genlmsg_reply(msg, info);

out_ans:
	mcs_disc_answer_free(&ans);
out:
	mcs_chap_creds_wipe(&job->creds);
	kfree_sensitive(job);
	return ret;
}

/*
 * CONN_ADD: a non-leading login of one more connection, through any portal
 * of the session's portal group; the session goes on meanwhile.
 */
int mcs_nl_conn_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct mcs_nl_login_job *job;
	struct mcs_session *sess = info->user_ptr[0];
	struct mcs_conn_recipe *recipe;
	struct socket *sock = NULL;
	struct mcs_conn *conn;
	struct mcs_config cfg;
	u8 conn_id[ISCSI_MCS_ID_LEN];
	struct mcs_sock_opts so;
	struct sk_buff *msg;
	bool chap, unreachable;
	void *hdr;
	int cid, ret;

	mcs_nl_get_config(info, &cfg);
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	ret = mcs_nl_parse_endpoints(info, &job->so);
	if (ret)
		goto out;
	job->so.timeout_ms = cfg.login_timeout_ms;
	/* Per-connection options; the session's values stay the leading login's. */
	mcs_login_opts_init(&job->opts);
	job->opts.max_connections = sess->params.sess.max_connections;
	ret = mcs_nl_login_precheck(info->attrs[ISCSI_MCS_A_LOGIN], &job->opts,
				    &job->creds, &chap, extack);
	if (ret)
		goto out;

	mutex_lock(&sess->conn_mutex);
	if (sess->dead) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "the session is being logged out");
		ret = -ENOENT;
		goto out_unlock;
	}
	if (mcs_nl_session_state(sess) != ISCSI_MCS_STATE_LOGGED_IN) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "the session is not in full feature phase");
		ret = -ENOTCONN;
		goto out_unlock;
	}
	cid = mcs_session_free_cid(sess);
	if (cid < 0) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "the session has the negotiated MaxConnections already");
		ret = cid;
		goto out_unlock;
	}

	job->req.opts = &job->opts;
	job->req.chap = chap ? &job->creds : NULL;
	mcs_session_login_req(sess, &job->req, cid, false);
	/*
	 * A redirection leads to another portal of the same portal group;
	 * recovery goes back to the one asked for (RFC 7143 6.2).
	 */
	so = job->so;
	ret = mcs_login_open(net, &so, &job->req, &job->res, MCS_REDIRECTS_MAX,
			     &sock, &unreachable);
	if (ret && unreachable) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_PORTAL],
			      job->res.why);
		goto out_unlock;
	}
	if (ret) {
		mcs_nl_login_refused(extack, NULL, &job->res, "login failed");
		goto out_unlock;
	}
	/* Without a recipe the connection works, but is not brought back. */
	recipe = mcs_recipe_new(&job->so, &job->opts, &job->creds, chap);
	conn = mcs_session_add_conn(sess, sock, &so.dst, &job->res, cid, recipe);
	if (!conn) {
		mcs_recipe_free(recipe);
		ret = -ENOMEM;
		goto out_sock;
	}
	sock = NULL;
	/* Once conn_mutex is dropped the connection may go at any time. */
	memcpy(conn_id, conn->id, sizeof(conn_id));

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	hdr = msg ? genlmsg_put_reply(msg, info, &mcs_genl_family, 0,
				      ISCSI_MCS_CMD_CONN_ADD) : NULL;
	if (!hdr ||
	    nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put(msg, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, conn->id) ||
	    mcs_nl_put_session(msg, sess, mcs_nl_session_state(sess))) {
		/* The connection works; only the answer is lost. */
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out_unlock;
	}
	genlmsg_end(msg, hdr);
	mutex_unlock(&sess->conn_mutex);
	mcs_event_conn(&sess->events, conn_id, cid, ISCSI_MCS_CONN_EVENT_ADDED);
	mcs_session_changed(sess);
	ret = genlmsg_reply(msg, info);
	goto out;

out_sock:
	if (sock)
		mcs_sock_close(sock);
out_unlock:
	mutex_unlock(&sess->conn_mutex);
out:
	mcs_chap_creds_wipe(&job->creds);
	kfree_sensitive(job);
	return ret;
}
