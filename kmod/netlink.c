// SPDX-License-Identifier: GPL-2.0
/*
 * The iscsi_mcs generic netlink family.
 *
 * Syntax is checked by strict per-operation policies before a handler runs;
 * rules that need more than one attribute or the current state are checked
 * in one *_precheck() per command, which names the offending attribute and
 * says why in the extack, so user space never has to guess.
 *
 * The family runs with parallel_ops: logins will take seconds and must not
 * hold genl_mutex, which every other generic netlink family shares.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/kernel.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_iscsi.h>

#include "chap.h"
#include "compat.h"
#include "discovery.h"
#include "login.h"
#include "netlink.h"
#include "netns.h"
#include "recovery.h"
#include "scsi.h"
#include "session.h"
#include "sock.h"
#include "version.h"

/* Redirections followed for one login before giving up. */

static struct genl_family mcs_genl_family;

/* genl_ops.internal_flags: the command changes state, see mcs_nl_pre_doit(). */
#define MCS_NL_ADMIN	BIT(0)

enum mcs_mcgrp {
	MCS_MCGRP_EVENTS,
};

static const struct genl_multicast_group mcs_mcgrps[] = {
	[MCS_MCGRP_EVENTS] = { .name = ISCSI_MCS_MCGRP_EVENTS },
};

/* Policy min/max are 16-bit: wider ranges need a range structure. */
static struct netlink_range_validation mcs_nl_login_timeout_range = {
	.min = 1000, .max = 600000,
};

static struct netlink_range_validation mcs_nl_noop_interval_range = {
	.min = 0, .max = 3600000,
};

static struct netlink_range_validation mcs_nl_noop_timeout_range = {
	.min = 1000, .max = 3600000,
};

static struct netlink_range_validation mcs_nl_replacement_range = {
	.min = 0, .max = 3600000,
};

static struct netlink_range_validation mcs_nl_cmds_max_range = {
	.min = 1, .max = MCS_CMDS_LIMIT,
};

const struct nla_policy mcs_nl_config_policy[ISCSI_MCS_CONFIG_A_MAX + 1] = {
	[ISCSI_MCS_CONFIG_A_INITIATOR_NAME] = {
		.type = NLA_NUL_STRING, .len = ISCSI_MCS_NAME_MAX - 1 },
	[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS] = {
		.type = NLA_NUL_STRING, .len = ISCSI_MCS_ALIAS_MAX - 1 },
	[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_login_timeout_range),
	[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_noop_interval_range),
	[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_noop_timeout_range),
	[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_replacement_range),
	[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS] =
		NLA_POLICY_RANGE(NLA_U32, 1, MCS_MAX_CONNS_LIMIT),
	[ISCSI_MCS_CONFIG_A_CMDS_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_cmds_max_range),
};

static const struct nla_policy mcs_nl_config_set_policy[ISCSI_MCS_A_CONFIG + 1] = {
	[ISCSI_MCS_A_CONFIG] = NLA_POLICY_NESTED(mcs_nl_config_policy),
};

static const struct nla_policy mcs_nl_addr_policy[ISCSI_MCS_ADDR_A_MAX + 1] = {
	[ISCSI_MCS_ADDR_A_IPV4] = NLA_POLICY_EXACT_LEN(4),
	[ISCSI_MCS_ADDR_A_IPV6] = NLA_POLICY_EXACT_LEN(16),
	[ISCSI_MCS_ADDR_A_PORT] = NLA_POLICY_MIN(NLA_U16, 1),
	[ISCSI_MCS_ADDR_A_SCOPE_ID] = { .type = NLA_U32 },
	[ISCSI_MCS_ADDR_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

static struct netlink_range_validation mcs_nl_len_range = {
	.min = MCS_LEN_MIN, .max = MCS_LEN_MAX,
};

/* Keys of one connection: every login, discovery included, takes them. */
#define MCS_NL_CONN_LOGIN_POLICY					\
	[ISCSI_MCS_LOGIN_A_HEADER_DIGEST] =				\
		NLA_POLICY_MAX(NLA_U8, ISCSI_MCS_DIGEST_MAX),		\
	[ISCSI_MCS_LOGIN_A_DATA_DIGEST] =				\
		NLA_POLICY_MAX(NLA_U8, ISCSI_MCS_DIGEST_MAX),		\
	[ISCSI_MCS_LOGIN_A_MAX_RECV_DSL] =				\
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_len_range),	\
	[ISCSI_MCS_LOGIN_A_CHAP_NAME] = {				\
		.type = NLA_NUL_STRING, .len = MCS_CHAP_NAME_MAX },	\
	[ISCSI_MCS_LOGIN_A_CHAP_SECRET] =				\
		NLA_POLICY_RANGE(NLA_BINARY, MCS_CHAP_SECRET_MIN,	\
				 MCS_CHAP_SECRET_MAX),			\
	[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME] = {			\
		.type = NLA_NUL_STRING, .len = MCS_CHAP_NAME_MAX },	\
	[ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET] =			\
		NLA_POLICY_RANGE(NLA_BINARY, MCS_CHAP_SECRET_MIN,	\
				 MCS_CHAP_SECRET_MAX)

static const struct nla_policy mcs_nl_login_policy[ISCSI_MCS_LOGIN_A_MAX + 1] = {
	MCS_NL_CONN_LOGIN_POLICY,
	[ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS] =
		NLA_POLICY_RANGE(NLA_U32, 1, MCS_MAX_CONNS_LIMIT),
	[ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL] = NLA_POLICY_MAX(NLA_U8, 2),
	[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT] = NLA_POLICY_MAX(NLA_U32, 3600),
	[ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN] = NLA_POLICY_MAX(NLA_U32, 3600),
	[ISCSI_MCS_LOGIN_A_IMMEDIATE_DATA] = NLA_POLICY_MAX(NLA_U8, 1),
	[ISCSI_MCS_LOGIN_A_INITIAL_R2T] = NLA_POLICY_MAX(NLA_U8, 1),
	[ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_len_range),
	[ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_len_range),
	[ISCSI_MCS_LOGIN_A_CMDS_MAX] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &mcs_nl_cmds_max_range),
};

static const struct nla_policy mcs_nl_login_cmd_policy[ISCSI_MCS_A_POLICY + 1] = {
	[ISCSI_MCS_A_TARGET_NAME] = {
		.type = NLA_NUL_STRING, .len = ISCSI_MCS_NAME_MAX - 1 },
	[ISCSI_MCS_A_INITIATOR_NAME] = {
		.type = NLA_NUL_STRING, .len = ISCSI_MCS_NAME_MAX - 1 },
	[ISCSI_MCS_A_ISID] = { .type = NLA_U64 },
	[ISCSI_MCS_A_PORTAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOCAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOGIN] = NLA_POLICY_NESTED(mcs_nl_login_policy),
	[ISCSI_MCS_A_POLICY] = NLA_POLICY_MAX(NLA_U8, ISCSI_MCS_POLICY_MAX),
};

/* A Discovery session negotiates connection keys and authentication only. */
static const struct nla_policy mcs_nl_disc_login_policy[ISCSI_MCS_LOGIN_A_MAX + 1] = {
	MCS_NL_CONN_LOGIN_POLICY,
};

static const struct nla_policy mcs_nl_disc_cmd_policy[ISCSI_MCS_A_LOGIN + 1] = {
	[ISCSI_MCS_A_INITIATOR_NAME] = {
		.type = NLA_NUL_STRING, .len = ISCSI_MCS_NAME_MAX - 1 },
	[ISCSI_MCS_A_PORTAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOCAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOGIN] = NLA_POLICY_NESTED(mcs_nl_disc_login_policy),
};

static const struct nla_policy mcs_nl_conn_add_policy[ISCSI_MCS_A_LOGIN + 1] = {
	[ISCSI_MCS_A_SESSION_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
	[ISCSI_MCS_A_PORTAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOCAL] = NLA_POLICY_NESTED(mcs_nl_addr_policy),
	[ISCSI_MCS_A_LOGIN] = NLA_POLICY_NESTED(mcs_nl_login_policy),
};

static const struct nla_policy mcs_nl_conn_remove_policy[ISCSI_MCS_A_CONN_ID + 1] = {
	[ISCSI_MCS_A_SESSION_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
	[ISCSI_MCS_A_CONN_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
};

static const struct nla_policy mcs_nl_session_id_policy[ISCSI_MCS_A_SESSION_ID + 1] = {
	[ISCSI_MCS_A_SESSION_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
};

const struct nla_policy mcs_nl_session_set_policy[ISCSI_MCS_A_POLICY + 1] = {
	[ISCSI_MCS_A_SESSION_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
	[ISCSI_MCS_A_POLICY] = NLA_POLICY_MAX(NLA_U8, ISCSI_MCS_POLICY_MAX),
};

const struct nla_policy mcs_nl_conn_set_policy[ISCSI_MCS_A_STANDBY + 1] = {
	[ISCSI_MCS_A_SESSION_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
	[ISCSI_MCS_A_CONN_ID] = NLA_POLICY_EXACT_LEN(ISCSI_MCS_ID_LEN),
	[ISCSI_MCS_A_WEIGHT] = NLA_POLICY_RANGE(NLA_U32, 1, ISCSI_MCS_WEIGHT_MAX),
	[ISCSI_MCS_A_STANDBY] = NLA_POLICY_MAX(NLA_U8, 1),
};

/*
 * @msg must have static storage duration: the extack keeps the pointer
 * until the acknowledgment is built.
 */
static void mcs_nl_reject(struct netlink_ext_ack *extack,
			  const struct nlattr *attr, const char *msg)
{
	if (!extack)
		return;
	NL_SET_BAD_ATTR(extack, attr);
	extack->_msg = msg;
}

u64 mcs_nl_caps(void)
{
	return BIT_ULL(ISCSI_MCS_CAP_CONFIG) | BIT_ULL(ISCSI_MCS_CAP_LOGIN) |
	       BIT_ULL(ISCSI_MCS_CAP_MCS) |
	       BIT_ULL(ISCSI_MCS_CAP_CHAP) | BIT_ULL(ISCSI_MCS_CAP_DIGESTS) |
	       BIT_ULL(ISCSI_MCS_CAP_DISCOVERY) | BIT_ULL(ISCSI_MCS_CAP_POLICY) |
	       BIT_ULL(ISCSI_MCS_CAP_IPV6) | BIT_ULL(ISCSI_MCS_CAP_ERL2);
}

/**
 * mcs_nl_config_precheck() - semantic checks of a CONFIG_SET request
 * @tb: the nest's attributes, already validated by mcs_nl_config_policy
 * @nest: the ISCSI_MCS_A_CONFIG attribute, for error reporting
 * @cur: the configuration the request would change
 * @extack: where to say why a request is refused
 *
 * Return: 0 or -EINVAL with @extack set.
 */
int mcs_nl_config_precheck(struct nlattr **tb, const struct nlattr *nest,
			   const struct mcs_config *cur,
			   struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	const char *why;
	u32 interval, timeout;
	bool any = false;
	int i;

	for (i = 1; i <= ISCSI_MCS_CONFIG_A_MAX; i++)
		any |= !!tb[i];
	if (!any) {
		mcs_nl_reject(extack, nest, "configuration nest sets nothing");
		return -EINVAL;
	}

	a = tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME];
	if (a && nla_len(a) > 1) {
		why = mcs_iscsi_name_check(nla_data(a));
		if (why) {
			mcs_nl_reject(extack, a, why);
			return -EINVAL;
		}
	}

	a = tb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS];
	if (a) {
		why = mcs_alias_check(nla_data(a));
		if (why) {
			mcs_nl_reject(extack, a, why);
			return -EINVAL;
		}
	}

	a = tb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS];
	interval = a ? nla_get_u32(a) : cur->noop_interval_ms;
	if (a && interval && interval < 1000) {
		mcs_nl_reject(extack, a,
			      "NOP-Out interval must be 0 (off) or at least 1000 ms");
		return -EINVAL;
	}

	a = tb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS];
	timeout = a ? nla_get_u32(a) : cur->noop_timeout_ms;
	if (interval && timeout > interval) {
		mcs_nl_reject(extack, a ?: tb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS],
			      "NOP-Out timeout would exceed the NOP-Out interval");
		return -EINVAL;
	}
	return 0;
}

/* Caller holds the namespace lock and has run mcs_nl_config_precheck(). */
void mcs_nl_config_apply(struct nlattr **tb, struct mcs_config *cfg)
{
	if (tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME])
		nla_strscpy(cfg->initiator_name,
			    tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME],
			    sizeof(cfg->initiator_name));
	if (tb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS])
		nla_strscpy(cfg->initiator_alias,
			    tb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS],
			    sizeof(cfg->initiator_alias));
	if (tb[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS])
		cfg->login_timeout_ms =
			nla_get_u32(tb[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS]);
	if (tb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS])
		cfg->noop_interval_ms =
			nla_get_u32(tb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS]);
	if (tb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS])
		cfg->noop_timeout_ms =
			nla_get_u32(tb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS]);
	if (tb[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS])
		cfg->replacement_timeout_ms =
			nla_get_u32(tb[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS]);
	if (tb[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS])
		cfg->max_connections =
			nla_get_u32(tb[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS]);
	if (tb[ISCSI_MCS_CONFIG_A_CMDS_MAX])
		cfg->cmds_max = nla_get_u32(tb[ISCSI_MCS_CONFIG_A_CMDS_MAX]);
}

static int mcs_nl_put_config(struct sk_buff *skb, const struct mcs_config *cfg)
{
	struct nlattr *nest;

	nest = nla_nest_start(skb, ISCSI_MCS_A_CONFIG);
	if (!nest)
		return -EMSGSIZE;
	if ((cfg->initiator_name[0] &&
	     nla_put_string(skb, ISCSI_MCS_CONFIG_A_INITIATOR_NAME,
			    cfg->initiator_name)) ||
	    (cfg->initiator_alias[0] &&
	     nla_put_string(skb, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS,
			    cfg->initiator_alias)) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS,
			cfg->login_timeout_ms) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS,
			cfg->noop_interval_ms) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS,
			cfg->noop_timeout_ms) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS,
			cfg->replacement_timeout_ms) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS,
			cfg->max_connections) ||
	    nla_put_u32(skb, ISCSI_MCS_CONFIG_A_CMDS_MAX, cfg->cmds_max)) {
		nla_nest_cancel(skb, nest);
		return -EMSGSIZE;
	}
	nla_nest_end(skb, nest);
	return 0;
}

static struct sk_buff *mcs_nl_config_msg(const struct mcs_config *cfg,
					 u32 portid, u32 seq, u8 cmd)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	hdr = genlmsg_put(skb, portid, seq, &mcs_genl_family, 0, cmd);
	if (!hdr || mcs_nl_put_config(skb, cfg)) {
		nlmsg_free(skb);
		return ERR_PTR(-EMSGSIZE);
	}
	genlmsg_end(skb, hdr);
	return skb;
}

static int mcs_nl_get_version_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &mcs_genl_family, 0,
				ISCSI_MCS_CMD_GET_VERSION);
	if (!hdr ||
	    nla_put_string(msg, ISCSI_MCS_A_VERSION, MCS_VERSION) ||
	    nla_put_u32(msg, ISCSI_MCS_A_API_VERSION, ISCSI_MCS_API_VERSION) ||
	    nla_put_u64_64bit(msg, ISCSI_MCS_A_CAPS, mcs_nl_caps(),
			      ISCSI_MCS_A_PAD) ||
	    nla_put_u32(msg, ISCSI_MCS_A_MAX_CONNS_LIMIT, MCS_MAX_CONNS_LIMIT)) {
		nlmsg_free(msg);
		return -EMSGSIZE;
	}
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
}

static int mcs_nl_config_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct sk_buff *msg;

	mutex_lock(&mn->lock);
	msg = mcs_nl_config_msg(&mn->config, info->snd_portid, info->snd_seq,
				ISCSI_MCS_CMD_CONFIG_GET);
	mutex_unlock(&mn->lock);
	if (IS_ERR(msg))
		return PTR_ERR(msg);
	return genlmsg_reply(msg, info);
}

static int mcs_nl_config_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct mcs_net *mn = mcs_net(net);
	struct nlattr *tb[ISCSI_MCS_CONFIG_A_MAX + 1];
	struct sk_buff *ntf;
	int ret;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_CONFIG)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_CONFIG is required");
		return -EINVAL;
	}
	/* Already validated against the nested policy by the core. */
	ret = nla_parse_nested(tb, ISCSI_MCS_CONFIG_A_MAX,
			       info->attrs[ISCSI_MCS_A_CONFIG],
			       mcs_nl_config_policy, info->extack);
	if (ret)
		return ret;

	mutex_lock(&mn->lock);
	ret = mcs_nl_config_precheck(tb, info->attrs[ISCSI_MCS_A_CONFIG],
				     &mn->config, info->extack);
	if (ret) {
		mutex_unlock(&mn->lock);
		return ret;
	}
	mcs_nl_config_apply(tb, &mn->config);
	ntf = mcs_nl_config_msg(&mn->config, 0, 0, ISCSI_MCS_CMD_CONFIG_NTF);
	mutex_unlock(&mn->lock);

	/* The change is made; a lost notification must not undo it. */
	if (!IS_ERR(ntf))
		genlmsg_multicast_netns(&mcs_genl_family, net, ntf, 0,
					MCS_MCGRP_EVENTS, GFP_KERNEL);
	return 0;
}

/*
 * The permission check GENL_ADMIN_PERM would do, made here so the refusal
 * carries a message like every other one.
 */
static int mcs_nl_pre_doit(const struct mcs_genl_pre_ops *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	if ((ops->internal_flags & MCS_NL_ADMIN) &&
	    !netlink_capable(skb, CAP_NET_ADMIN)) {
		GENL_SET_ERR_MSG(info, "CAP_NET_ADMIN is required to change iscsi_mcs state");
		return -EPERM;
	}
	return 0;
}

/* Session commands */

static bool mcs_genl_registered;

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

static int mcs_nl_put_session(struct sk_buff *skb,
			      struct mcs_session *sess, u8 state)
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

static u8 mcs_session_state(struct mcs_session *sess)
{
	u8 state;

	spin_lock_bh(&sess->lock);
	state = sess->state;
	spin_unlock_bh(&sess->lock);
	return state;
}

static struct sk_buff *mcs_nl_session_msg(struct mcs_session *sess, u8 state,
					  u32 portid, u32 seq, u8 cmd,
					  int flags)
{
	struct sk_buff *skb;
	void *hdr;

	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
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

static void mcs_nl_notify_state(struct mcs_session *sess, u8 state)
{
	struct sk_buff *skb;

	if (!READ_ONCE(mcs_genl_registered))
		return;
	skb = mcs_nl_session_msg(sess, state, 0, 0, ISCSI_MCS_CMD_SESSION_NTF, 0);
	if (skb)
		genlmsg_multicast_netns(&mcs_genl_family, sess->net, skb, 0,
					MCS_MCGRP_EVENTS, GFP_KERNEL);
}

void mcs_nl_session_notify(struct mcs_session *sess)
{
	mcs_nl_notify_state(sess, mcs_session_state(sess));
}

/**
 * mcs_nl_conn_notify() - multicast one connection's event
 * @sess: its session
 * @conn_id: the connection's 128-bit id
 * @cid: its CID
 * @event: enum iscsi_mcs_conn_event
 *
 * Process context. A listener that misses it (no memory, full socket)
 * still sees the session's state in the SESSION_NTF that follows.
 */
void mcs_nl_conn_notify(struct mcs_session *sess, const u8 *conn_id, u16 cid,
			u8 event)
{
	struct sk_buff *skb;
	void *hdr;

	if (!READ_ONCE(mcs_genl_registered))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &mcs_genl_family, 0,
			  ISCSI_MCS_CMD_CONN_NTF);
	if (!hdr ||
	    nla_put(skb, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put(skb, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, conn_id) ||
	    nla_put_u16(skb, ISCSI_MCS_A_CID, cid) ||
	    nla_put_u8(skb, ISCSI_MCS_A_CONN_EVENT, event)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&mcs_genl_family, sess->net, skb, 0,
				MCS_MCGRP_EVENTS, GFP_KERNEL);
}

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

static int mcs_nl_login_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct mcs_net *mn = mcs_net(net);
	struct mcs_nl_login_job *job;
	struct mcs_conn_recipe *lead = NULL, *first = NULL;
	struct mcs_session *sess = NULL;
	struct socket *sock = NULL;
	struct mcs_config cfg;
	struct sk_buff *msg;
	const char *why;
	bool chap;
	int hops, ret;
	void *hdr;

	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job)
		return -ENOMEM;
	mutex_lock(&mn->lock);
	cfg = mn->config;
	mutex_unlock(&mn->lock);

	ret = mcs_nl_login_precheck_top(info, job, &cfg, &chap, false);
	if (ret)
		goto out;

	job->req.opts = &job->opts;
	job->req.chap = chap ? &job->creds : NULL;
	job->req.initiator_name = job->initiator_name;
	job->req.initiator_alias = job->initiator_alias[0] ?
				   job->initiator_alias : NULL;
	job->req.target_name = job->target_name;
	job->req.cmdsn = get_random_u32();
	/* The portal asked for, not where a redirection leads: RFC 7143 6.2. */
	ret = -ENOMEM;
	lead = mcs_recipe_new(&job->so, &job->opts, &job->creds, chap);
	first = mcs_recipe_new(&job->so, &job->opts, &job->creds, chap);
	if (!lead || !first)
		goto out;

	for (hops = 0; ; hops++) {
		ret = mcs_sock_open(net, &job->so, &sock, &why);
		if (ret) {
			mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_PORTAL],
				      why);
			goto out;
		}
		job->req.sock = sock;
		ret = mcs_login(&job->req, &job->res);
		if (ret != -EREMOTE || hops == MCS_REDIRECTS_MAX)
			break;
		mcs_sock_close(sock);
		sock = NULL;
		/* Only the portal changes; the source stays where it was bound. */
		mcs_sockaddr_redirect(&job->so.dst, &job->res.redirect);
	}
	if (ret) {
		mcs_nl_login_refused(info->extack, NULL, &job->res,
				     "login failed");
		goto out_sock;
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
	sess->lead = lead;
	sess->recipes[0] = first;
	lead = NULL;
	first = NULL;
	if (info->attrs[ISCSI_MCS_A_POLICY])
		sess->policy_id = nla_get_u8(info->attrs[ISCSI_MCS_A_POLICY]);
	sess->cmds_max = job->cmds_max;
	ret = mcs_session_start(sess, sock, &job->so.dst, &job->res);
	if (ret)
		goto out_sess;
	sock = NULL;
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
	    nla_put(msg, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, mcs_session_conn(sess, 0)->id) ||
	    mcs_nl_put_session(msg, sess, ISCSI_MCS_STATE_LOGGED_IN)) {
		nlmsg_free(msg);
		/* Undo: the user would never learn the session's id. */
		mcs_session_shutdown(sess, cfg.login_timeout_ms);
		ret = -EMSGSIZE;
		goto out_sess;
	}
	genlmsg_end(msg, hdr);

	mutex_lock(&mn->lock);
	list_add_tail(&sess->node, &mn->sessions);
	mutex_unlock(&mn->lock);
	mcs_nl_session_notify(sess);
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
static int mcs_nl_discover_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct mcs_net *mn = mcs_net(net);
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
	mutex_lock(&mn->lock);
	cfg = mn->config;
	mutex_unlock(&mn->lock);

	ret = mcs_nl_login_precheck_top(info, job, &cfg, &chap, true);
	if (ret)
		goto out;
	job->req.opts = &job->opts;
	job->req.chap = chap ? &job->creds : NULL;
	job->req.initiator_name = job->initiator_name;
	job->req.initiator_alias = job->initiator_alias[0] ?
				   job->initiator_alias : NULL;
	job->req.cmdsn = get_random_u32();

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

static int mcs_nl_logout_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;
	unsigned int timeout;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required");
		return -EINVAL;
	}
	mutex_lock(&mn->lock);
	sess = mcs_session_find(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	if (sess)
		list_del_init(&sess->node);
	timeout = mn->config.login_timeout_ms;
	mutex_unlock(&mn->lock);
	if (!sess) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "no session with this id in this namespace");
		return -ENOENT;
	}
	mcs_session_shutdown(sess, timeout);
	mcs_nl_notify_state(sess, ISCSI_MCS_STATE_REMOVED);
	mcs_session_put(sess);
	return 0;
}

/* The session a request names, with a reference, or NULL and extack. */
static struct mcs_session *mcs_nl_get_session(struct genl_info *info,
					      struct mcs_config *cfg)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required");
		return ERR_PTR(-EINVAL);
	}
	mutex_lock(&mn->lock);
	sess = mcs_session_find(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	if (sess)
		refcount_inc(&sess->ref);
	*cfg = mn->config;
	mutex_unlock(&mn->lock);
	if (!sess) {
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_SESSION_ID],
			      "no session with this id in this namespace");
		return ERR_PTR(-ENOENT);
	}
	return sess;
}

/*
 * CONN_ADD: a non-leading login of one more connection, through any portal
 * of the session's portal group; the session goes on meanwhile.
 */
static int mcs_nl_conn_add_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct netlink_ext_ack *extack = info->extack;
	struct mcs_nl_login_job *job;
	struct mcs_session *sess;
	struct socket *sock = NULL;
	struct mcs_conn *conn;
	struct mcs_config cfg;
	u8 conn_id[ISCSI_MCS_ID_LEN];
	struct sk_buff *msg;
	const char *why;
	bool chap;
	void *hdr;
	int cid, ret;

	sess = mcs_nl_get_session(info, &cfg);
	if (IS_ERR(sess))
		return PTR_ERR(sess);
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job) {
		mcs_session_put(sess);
		return -ENOMEM;
	}
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
	if (mcs_session_state(sess) != ISCSI_MCS_STATE_LOGGED_IN) {
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

	ret = mcs_sock_open(net, &job->so, &sock, &why);
	if (ret) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_PORTAL], why);
		goto out_unlock;
	}
	job->req.sock = sock;
	job->req.opts = &job->opts;
	job->req.chap = chap ? &job->creds : NULL;
	mcs_session_login_req(sess, &job->req, cid, false);
	ret = mcs_login(&job->req, &job->res);
	if (ret) {
		mcs_nl_login_refused(extack, NULL, &job->res, "login failed");
		goto out_sock;
	}
	conn = mcs_session_add_conn(sess, sock, &job->so.dst, &job->res, cid);
	if (!conn) {
		ret = -ENOMEM;
		goto out_sock;
	}
	sock = NULL;
	/* Once conn_mutex is dropped the connection may go at any time. */
	memcpy(conn_id, conn->id, sizeof(conn_id));
	/* Without it the connection works, but is not brought back. */
	sess->recipes[cid] = mcs_recipe_new(&job->so, &job->opts, &job->creds,
					    chap);

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	hdr = msg ? genlmsg_put_reply(msg, info, &mcs_genl_family, 0,
				      ISCSI_MCS_CMD_CONN_ADD) : NULL;
	if (!hdr ||
	    nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put(msg, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, conn->id) ||
	    mcs_nl_put_session(msg, sess, mcs_session_state(sess))) {
		/* The connection works; only the answer is lost. */
		nlmsg_free(msg);
		ret = -EMSGSIZE;
		goto out_unlock;
	}
	genlmsg_end(msg, hdr);
	mutex_unlock(&sess->conn_mutex);
	mcs_nl_conn_notify(sess, conn_id, cid, ISCSI_MCS_CONN_EVENT_ADDED);
	mcs_nl_session_notify(sess);
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
	mcs_session_put(sess);
	return ret;
}

static int mcs_nl_conn_remove_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct netlink_ext_ack *extack = info->extack;
	struct mcs_session *sess;
	struct mcs_conn *conn;
	struct mcs_config cfg;
	struct mcs_conn *other;
	unsigned int i, usable = 0;
	u16 cid = 0;
	int ret;

	sess = mcs_nl_get_session(info, &cfg);
	if (IS_ERR(sess))
		return PTR_ERR(sess);
	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_CONN_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_CONN_ID is required");
		ret = -EINVAL;
		goto out;
	}
	mutex_lock(&sess->conn_mutex);
	conn = sess->dead ? NULL :
	       mcs_session_find_conn(sess, nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]));
	if (!conn) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "no connection with this id in the session");
		ret = -ENOENT;
		goto out_unlock;
	}
	spin_lock_bh(&sess->lock);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		other = mcs_session_conn(sess, i);
		usable += other && !other->failed && !other->closing;
	}
	spin_unlock_bh(&sess->lock);
	if (usable == 1 && !READ_ONCE(conn->failed)) {
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "the last connection of a session goes with LOGOUT");
		ret = -EBUSY;
		goto out_unlock;
	}
	cid = conn->cid;
	ret = mcs_session_remove_conn(sess, conn, cfg.login_timeout_ms);
	if (ret)
		mcs_nl_reject(extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "the connection's commands did not finish in time");
out_unlock:
	mutex_unlock(&sess->conn_mutex);
	if (!ret) {
		mcs_nl_conn_notify(sess, nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]),
				   cid, ISCSI_MCS_CONN_EVENT_REMOVED);
		mcs_nl_session_notify(sess);
	}
out:
	mcs_session_put(sess);
	return ret;
}

static int mcs_nl_session_get_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_net *mn = mcs_net(genl_info_net(info));
	struct mcs_session *sess;
	struct sk_buff *msg = NULL;

	if (GENL_REQ_ATTR_CHECK(info, ISCSI_MCS_A_SESSION_ID)) {
		GENL_SET_ERR_MSG(info, "ISCSI_MCS_A_SESSION_ID is required (or dump)");
		return -EINVAL;
	}
	mutex_lock(&mn->lock);
	sess = mcs_session_find(mn, nla_data(info->attrs[ISCSI_MCS_A_SESSION_ID]));
	if (sess)
		msg = mcs_nl_session_msg(sess, mcs_session_state(sess),
					 info->snd_portid, info->snd_seq,
					 ISCSI_MCS_CMD_SESSION_GET, 0);
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
static int mcs_nl_session_dumpit(struct sk_buff *skb, struct netlink_callback *cb)
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
		if (mcs_nl_put_session(skb, sess, mcs_session_state(sess))) {
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

static int mcs_nl_session_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct mcs_session *sess;
	struct mcs_config cfg;
	int ret;

	ret = mcs_nl_set_precheck(info->attrs, false, info->extack);
	if (ret)
		return ret;
	sess = mcs_nl_get_session(info, &cfg);
	if (IS_ERR(sess))
		return PTR_ERR(sess);
	mcs_session_set_policy(sess, nla_get_u8(info->attrs[ISCSI_MCS_A_POLICY]));
	mcs_nl_session_notify(sess);
	mcs_session_put(sess);
	return 0;
}

static int mcs_nl_conn_set_doit(struct sk_buff *skb, struct genl_info *info)
{
	struct nlattr *weight = info->attrs[ISCSI_MCS_A_WEIGHT];
	struct nlattr *standby = info->attrs[ISCSI_MCS_A_STANDBY];
	struct mcs_session *sess;
	struct mcs_conn *conn;
	struct mcs_config cfg;
	int ret;

	ret = mcs_nl_set_precheck(info->attrs, true, info->extack);
	if (ret)
		return ret;
	sess = mcs_nl_get_session(info, &cfg);
	if (IS_ERR(sess))
		return PTR_ERR(sess);
	/* conn_mutex keeps the connection from being removed meanwhile. */
	mutex_lock(&sess->conn_mutex);
	conn = sess->dead ? NULL :
	       mcs_session_find_conn(sess, nla_data(info->attrs[ISCSI_MCS_A_CONN_ID]));
	if (!conn) {
		mutex_unlock(&sess->conn_mutex);
		mcs_nl_reject(info->extack, info->attrs[ISCSI_MCS_A_CONN_ID],
			      "no connection with this id in the session");
		mcs_session_put(sess);
		return -ENOENT;
	}
	/* The policy reads both under the session lock, command by command. */
	spin_lock_bh(&sess->lock);
	if (weight)
		conn->path.weight = nla_get_u32(weight);
	if (standby)
		conn->path.standby = nla_get_u8(standby);
	spin_unlock_bh(&sess->lock);
	/* Kept for the connection recovery logs in again. */
	if (sess->recipes[conn->cid]) {
		sess->recipes[conn->cid]->weight = conn->path.weight;
		sess->recipes[conn->cid]->standby = conn->path.standby;
	}
	mutex_unlock(&sess->conn_mutex);
	mcs_nl_session_notify(sess);
	mcs_session_put(sess);
	return 0;
}

static const struct genl_ops mcs_genl_ops[] = {
	{
		.cmd = ISCSI_MCS_CMD_GET_VERSION,
		.doit = mcs_nl_get_version_doit,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONFIG_GET,
		.doit = mcs_nl_config_get_doit,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONFIG_SET,
		.doit = mcs_nl_config_set_doit,
		.policy = mcs_nl_config_set_policy,
		.maxattr = ISCSI_MCS_A_CONFIG,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_LOGIN,
		.doit = mcs_nl_login_doit,
		.policy = mcs_nl_login_cmd_policy,
		.maxattr = ISCSI_MCS_A_POLICY,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_DISCOVER,
		.doit = mcs_nl_discover_doit,
		.policy = mcs_nl_disc_cmd_policy,
		.maxattr = ISCSI_MCS_A_LOGIN,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_LOGOUT,
		.doit = mcs_nl_logout_doit,
		.policy = mcs_nl_session_id_policy,
		.maxattr = ISCSI_MCS_A_SESSION_ID,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_SESSION_GET,
		.doit = mcs_nl_session_get_doit,
		.dumpit = mcs_nl_session_dumpit,
		.policy = mcs_nl_session_id_policy,
		.maxattr = ISCSI_MCS_A_SESSION_ID,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONN_ADD,
		.doit = mcs_nl_conn_add_doit,
		.policy = mcs_nl_conn_add_policy,
		.maxattr = ISCSI_MCS_A_LOGIN,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONN_REMOVE,
		.doit = mcs_nl_conn_remove_doit,
		.policy = mcs_nl_conn_remove_policy,
		.maxattr = ISCSI_MCS_A_CONN_ID,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_SESSION_SET,
		.doit = mcs_nl_session_set_doit,
		.policy = mcs_nl_session_set_policy,
		.maxattr = ISCSI_MCS_A_POLICY,
		.internal_flags = MCS_NL_ADMIN,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONN_SET,
		.doit = mcs_nl_conn_set_doit,
		.policy = mcs_nl_conn_set_policy,
		.maxattr = ISCSI_MCS_A_STANDBY,
		.internal_flags = MCS_NL_ADMIN,
	},
};

static struct genl_family mcs_genl_family __ro_after_init = {
	.name = ISCSI_MCS_GENL_NAME,
	.version = ISCSI_MCS_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.pre_doit = mcs_nl_pre_doit,
	.ops = mcs_genl_ops,
	.n_ops = ARRAY_SIZE(mcs_genl_ops),
	.mcgrps = mcs_mcgrps,
	.n_mcgrps = ARRAY_SIZE(mcs_mcgrps),
};

int __init mcs_genl_init(void)
{
	int ret = genl_register_family(&mcs_genl_family);

	if (!ret)
		WRITE_ONCE(mcs_genl_registered, true);
	return ret;
}

void mcs_genl_uninit(void)
{
	WRITE_ONCE(mcs_genl_registered, false);
	genl_unregister_family(&mcs_genl_family);
}
