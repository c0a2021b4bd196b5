// SPDX-License-Identifier: GPL-2.0
/*
 * The iscsi_mcs commands on sessions that exist (SESSION_GET and its
 * dump, SESSION_SET, CONN_SET, CONN_REMOVE, LOGOUT) and the messages that
 * describe a session and its connections, in answers and notifications.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/sock.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_iscsi.h>

#include "netlink.h"
#include "netlink_cmds.h"
#include "netns.h"
#include "recovery.h"
#include "session.h"

static int mcs_nl_put_addr(struct sk_buff *skb, int type,
			   const struct sockaddr_storage *ss)
{
	const struct sockaddr_in6 *sin6 = (const void *)ss;
	const struct sockaddr_in *sin = (const void *)ss;
	struct nlattr *nest;
	int ret;

	if (ss->ss_family != AF_INET && ss->ss_family != AF_INET6)
		return 0;
	nest = nla_nest_start(skb, type);
	if (!nest)
		return -EMSGSIZE;
	if (ss->ss_family == AF_INET)
		ret = nla_put_in_addr(skb, ISCSI_MCS_ADDR_A_IPV4,
				      sin->sin_addr.s_addr) ||
		      nla_put_u16(skb, ISCSI_MCS_ADDR_A_PORT,
				  ntohs(sin->sin_port));
	else
		ret = nla_put_in6_addr(skb, ISCSI_MCS_ADDR_A_IPV6,
				       &sin6->sin6_addr) ||
		      nla_put_u16(skb, ISCSI_MCS_ADDR_A_PORT,
				  ntohs(sin6->sin6_port)) ||
		      /* A link-local address means nothing without it. */
		      (sin6->sin6_scope_id &&
		       nla_put_u32(skb, ISCSI_MCS_ADDR_A_SCOPE_ID,
				   sin6->sin6_scope_id));
	if (ret) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

/* Caller holds the session lock: the connection cannot go meanwhile. */
static int mcs_nl_put_conn_path(struct sk_buff *skb, const struct mcs_conn *conn)
{
	const struct mcs_path *path = &conn->path;

	if (nla_put_u32(skb, ISCSI_MCS_CONN_A_WEIGHT, path->weight) ||
	    nla_put_u8(skb, ISCSI_MCS_CONN_A_STANDBY, path->standby) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_COMMANDS, path->commands,
			      ISCSI_MCS_CONN_A_PAD) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_BYTES_READ,
			      path->bytes_read, ISCSI_MCS_CONN_A_PAD) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_BYTES_WRITTEN,
			      path->bytes_written, ISCSI_MCS_CONN_A_PAD) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_ERRORS,
			      atomic64_read(&path->errors), ISCSI_MCS_CONN_A_PAD) ||
	    nla_put_u32(skb, ISCSI_MCS_CONN_A_DEPTH,
			atomic_read(&path->depth)) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_LATENCY_NS,
			      READ_ONCE(path->latency_ns), ISCSI_MCS_CONN_A_PAD))
		return -EMSGSIZE;
	return 0;
}

static int mcs_nl_put_conn(struct sk_buff *skb, const struct mcs_conn *conn,
			   u8 state)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISCSI_MCS_SESSION_A_CONN);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, ISCSI_MCS_CONN_A_ID, ISCSI_MCS_ID_LEN, conn->id) ||
	    nla_put_u16(skb, ISCSI_MCS_CONN_A_CID, conn->cid) ||
	    nla_put_u8(skb, ISCSI_MCS_CONN_A_STATE,
		       READ_ONCE(conn->failed) ? ISCSI_MCS_STATE_FAILED : state) ||
	    mcs_nl_put_addr(skb, ISCSI_MCS_CONN_A_PORTAL, &conn->portal) ||
	    mcs_nl_put_addr(skb, ISCSI_MCS_CONN_A_LOCAL, &conn->local) ||
	    nla_put_u8(skb, ISCSI_MCS_CONN_A_HEADER_DIGEST,
		       conn->params.header_digest) ||
	    nla_put_u8(skb, ISCSI_MCS_CONN_A_DATA_DIGEST,
		       conn->params.data_digest) ||
	    nla_put_u32(skb, ISCSI_MCS_CONN_A_MAX_RECV_DSL,
			conn->params.max_recv_dsl) ||
	    nla_put_u32(skb, ISCSI_MCS_CONN_A_MAX_XMIT_DSL,
			conn->params.max_xmit_dsl) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_PDUS_SENT,
			      READ_ONCE(conn->pdus_sent), ISCSI_MCS_CONN_A_PAD) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_CONN_A_PDUS_RECEIVED,
			      READ_ONCE(conn->pdus_received),
			      ISCSI_MCS_CONN_A_PAD) ||
	    mcs_nl_put_conn_path(skb, conn)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static u64 mcs_isid_to_u64(const u8 *isid)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 6; i++)
		v = (v << 8) | isid[i];
	return v;
}

int mcs_nl_put_session(struct sk_buff *skb, struct mcs_session *sess, u8 state)
{
	const struct mcs_sess_params *p = &sess->params.sess;
	struct nlattr *nest, *conns;
	struct mcs_conn *conn;
	unsigned int i;

	nest = nla_nest_start(skb, ISCSI_MCS_A_SESSION);
	if (!nest)
		return -EMSGSIZE;
	if (nla_put(skb, ISCSI_MCS_SESSION_A_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put_u64_64bit(skb, ISCSI_MCS_SESSION_A_ISID,
			      mcs_isid_to_u64(sess->isid),
			      ISCSI_MCS_SESSION_A_PAD) ||
	    nla_put_u16(skb, ISCSI_MCS_SESSION_A_TSIH, sess->tsih) ||
	    nla_put_u16(skb, ISCSI_MCS_SESSION_A_TPGT,
			sess->params.conn.tpgt) ||
	    nla_put_u8(skb, ISCSI_MCS_SESSION_A_STATE, state) ||
	    nla_put_string(skb, ISCSI_MCS_SESSION_A_TARGET_NAME,
			   sess->target_name) ||
	    nla_put_string(skb, ISCSI_MCS_SESSION_A_INITIATOR_NAME,
			   sess->initiator_name) ||
	    nla_put_string(skb, ISCSI_MCS_SESSION_A_TARGET_ALIAS,
			   p->target_alias) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_MAX_CONNECTIONS,
			p->max_connections) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL,
			p->error_recovery_level) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH,
			p->max_burst_length) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_FIRST_BURST_LENGTH,
			p->first_burst_length) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_DEFAULT_TIME2WAIT,
			p->default_time2wait) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_DEFAULT_TIME2RETAIN,
			p->default_time2retain) ||
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_MAX_OUTSTANDING_R2T,
			p->max_outstanding_r2t) ||
	    nla_put_u8(skb, ISCSI_MCS_SESSION_A_IMMEDIATE_DATA,
		       p->immediate_data) ||
	    nla_put_u8(skb, ISCSI_MCS_SESSION_A_INITIAL_R2T, p->initial_r2t))
		goto err;
	if (nla_put_u8(skb, ISCSI_MCS_SESSION_A_POLICY,
		       READ_ONCE(sess->policy_id)))
		goto err;
	if (sess->shost &&
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_HOST_NO, sess->shost->host_no))
		goto err;
	if (sess->cls &&
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_CLASS_SID, sess->cls->sid))
		goto err;
	if (sess->cmds_max &&
	    nla_put_u32(skb, ISCSI_MCS_SESSION_A_CMDS_MAX, sess->cmds_max))
		goto err;
	conns = nla_nest_start(skb, ISCSI_MCS_SESSION_A_CONNS);
	if (!conns)
		goto err;
	/* Connections are freed only after leaving the array under the lock. */
	spin_lock_bh(&sess->lock);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn &&
		    mcs_nl_put_conn(skb, conn, conn->closing ?
				    ISCSI_MCS_STATE_LOGGING_OUT : state)) {
			spin_unlock_bh(&sess->lock);
			goto err;
		}
	}
	spin_unlock_bh(&sess->lock);
	nla_nest_end(skb, conns);
	nla_nest_end(skb, nest);
	return 0;
err:
	nla_nest_cancel(skb, nest);
	return -EMSGSIZE;
}

u8 mcs_nl_session_state(struct mcs_session *sess)
{
	u8 state;

	spin_lock_bh(&sess->lock);
	state = sess->state;
	spin_unlock_bh(&sess->lock);
	return state;
}

struct sk_buff *mcs_nl_session_msg(struct mcs_session *sess, u8 state,
				   u32 portid, u32 seq, u8 cmd, int flags,
				   gfp_t gfp)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, gfp);
	if (!skb)
		return NULL;
	hdr = genlmsg_put(skb, portid, seq, &mcs_genl_family, flags, cmd);
	if (!hdr || mcs_nl_put_session(skb, sess, state)) {
		nlmsg_free(skb);
		return NULL;
	}
	genlmsg_end(skb, hdr);
	return skb;
}

int mcs_nl_logout_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;
	unsigned int timeout;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required");
		return -EINVAL;
	}
	sess = mcs_net_take_session(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	mutex_lock(&mn->lock);
	timeout = mn->config.login_timeout_ms;
	mutex_unlock(&mn->lock);
	if (!sess) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "no session with this id in this namespace");
		return -ENOENT;
	}
	mcs_session_shutdown(sess, timeout);
	mcs_event_removed(&sess->events);
	mcs_session_put(sess);
	return 0;
}

/*
 * The session a request names, with a reference, or an ERR_PTR() and the
 * extack. For mcs_nl_pre_doit(): a handler of an MCS_NL_SESSION command
 * finds it in info->user_ptr[0].
 */
struct mcs_session *mcs_nl_get_session(struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required");
		return ERR_PTR(-EINVAL);
	}
	mutex_lock(&mn->lock);
	sess = mcs_net_find_session(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	if (sess)
		refcount_inc(&sess->ref);
	mutex_unlock(&mn->lock);
	if (!sess) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "no session with this id in this namespace");
		return ERR_PTR(-ENOENT);
	}
	return sess;
}

/* The namespace's defaults as they are now (CONFIG_SET may change them). */
void mcs_nl_get_config(struct genl_info *info, struct mcs_config *cfg)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));

	mutex_lock(&mn->lock);
	*cfg = mn->config;
	mutex_unlock(&mn->lock);
}

int mcs_nl_conn_remove_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct mcs_session *sess = info->user_ptr[0];
	struct mcs_conn *conn;
	struct mcs_config cfg;
	u16 cid = 0;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_CONN_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_CONN_ID is required");
		return -EINVAL;
	}
	mcs_nl_get_config(info, &cfg);
	mutex_lock(&sess->conn_mutex);
	conn = sess->dead ? NULL :
	       mcs_session_find_conn(sess, nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]));
	if (!conn) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "no connection with this id in the session");
		ret = -ENOENT;
		goto out_unlock;
	}
	cid = conn->cid;
	ret = mcs_session_remove_conn(sess, conn, cfg.login_timeout_ms);
	if (ret == -EBUSY)
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "the last connection of a session goes with LOGOUT");
	else if (ret)
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "the connection's commands did not finish in time");
out_unlock:
	mutex_unlock(&sess->conn_mutex);
	if (!ret) {
		mcs_event_conn(&sess->events,
			       nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]), cid,
			       ISCSI_MCS_CONN_EVENT_REMOVED);
		mcs_session_changed(sess);
	}
	return ret;
}

int mcs_nl_session_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;
	struct sk_buff *msg = NULL;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required (or dump)");
		return -EINVAL;
	}
	mutex_lock(&mn->lock);
	sess = mcs_net_find_session(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	if (sess)
		msg = mcs_nl_session_msg(sess, mcs_nl_session_state(sess),
					 info->snd_portid, info->snd_seq,
					 ISCSI_MCS_CMD_SESSION_GET, 0,
					 GFP_KERNEL);
	mutex_unlock(&mn->lock);
	if (!sess) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "no session with this id in this namespace");
		return -ENOENT;
	}
	if (!msg)
		return -ENOMEM;
	return genlmsg_reply(msg, info);
}

/* Resumable: cb->args[0] counts the sessions already dumped. */
int mcs_nl_session_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct mcs_net *mn = mcs_net(sock_net(skb->sk));
	struct mcs_session *sess;
	long idx = 0, start = cb->args[0];
	void *hdr;

	mutex_lock(&mn->lock);
	list_for_each_entry(sess, &mn->sessions, node) {
		if (idx++ < start)
			continue;
		hdr = genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, &mcs_genl_family,
				  NLM_F_MULTI, ISCSI_MCS_CMD_SESSION_GET);
		if (!hdr)
			break;
		if (mcs_nl_put_session(skb, sess, mcs_nl_session_state(sess))) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	mutex_unlock(&mn->lock);
	return skb->len;
}

/* Task distribution: the session's policy, a connection's part in it. */

/**
 * mcs_nl_set_precheck() - what SESSION_SET or CONN_SET must carry
 * @attrs: the request's attributes, validated by its policy
 * @conn: CONN_SET's rules, else SESSION_SET's
 * @extack: where to say why a request is refused
 *
 * The session is looked up afterwards: a request that could never be
 * right is refused as such, whatever session it names.
 *
 * Return: 0 or -EINVAL with @extack set.
 */
int mcs_nl_set_precheck(struct nlattr **attrs, bool conn,
			struct netlink_ext_ack *extack)
{
	if (!attrs[ISCSI_MCS_A_SESSION_ID]) {
		NL_SET_ERR_MSG(extack, "ISCSI_MCS_A_SESSION_ID is required");
		return -EINVAL;
	}
	if (!conn) {
		if (!attrs[ISCSI_MCS_A_POLICY]) {
			NL_SET_ERR_MSG(extack, "ISCSI_MCS_A_POLICY is required");
			return -EINVAL;
		}
		return 0;
	}
	if (!attrs[ISCSI_MCS_A_CONN_ID]) {
		NL_SET_ERR_MSG(extack, "ISCSI_MCS_A_CONN_ID is required");
		return -EINVAL;
	}
	if (!attrs[ISCSI_MCS_A_WEIGHT] && !attrs[ISCSI_MCS_A_STANDBY]) {
		NL_SET_ERR_MSG(extack,
			       "CONN_SET needs ISCSI_MCS_A_WEIGHT or ISCSI_MCS_A_STANDBY");
		return -EINVAL;
	}
	return 0;
}

int mcs_nl_session_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_session *sess = info->user_ptr[0];
	int ret;

	ret = mcs_nl_set_precheck(info->attrs, false, info->extack);
	if (ret)
		return ret;
	mcs_session_set_policy(sess, nla_get_u8(info->attrs[ISCSI_MCS_A_POLICY]));
	mcs_session_changed(sess);
	return 0;
}

int mcs_nl_conn_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *weight = info->attrs[ISCSI_MCS_A_WEIGHT];
	struct nlattr *standby = info->attrs[ISCSI_MCS_A_STANDBY];
	struct mcs_session *sess = info->user_ptr[0];
	bool standby_v = standby && nla_get_u8(standby);
	u32 weight_v = weight ? nla_get_u32(weight) : 0;
	int ret;

	ret = mcs_nl_set_precheck(info->attrs, true, info->extack);
	if (ret)
		return ret;
	ret = mcs_session_conn_set(sess, nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]),
				   weight ? &weight_v : NULL,
				   standby ? &standby_v : NULL);
	if (ret) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "no connection with this id in the session");
		return ret;
	}
	mcs_session_changed(sess);
	return 0;
}
