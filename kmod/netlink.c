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

#include "chap.h"
#include "compat.h"
#include "login.h"
#include "netlink.h"
#include "netlink_cmds.h"
#include "netns.h"
#include "session.h"
#include "version.h"

/* genl_ops.internal_flags, see mcs_nl_pre_doit(). */
#define MCS_NL_ADMIN	BIT(0)	/* the command changes state */
#define MCS_NL_SESSION	BIT(1)	/* it names a session: held in user_ptr[0] */

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

const struct nla_policy mcs_nl_addr_policy[ISCSI_MCS_ADDR_A_MAX + 1] = {
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

const struct nla_policy mcs_nl_login_policy[ISCSI_MCS_LOGIN_A_MAX + 1] = {
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
void mcs_nl_reject(struct netlink_ext_ack *extack, const struct nlattr *attr,
		   const char *msg)
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
 * carries a message like every other one; then, as ovpn does, the session
 * a command names is looked up once, held for the handler and put after it.
 */
static int mcs_nl_pre_doit(const struct mcs_genl_pre_ops *ops, struct sk_buff *skb,
			   struct genl_info *info)
{
	struct mcs_session *sess;

	if ((ops->internal_flags & MCS_NL_ADMIN) &&
	    !netlink_capable(skb, CAP_NET_ADMIN)) {
		GENL_SET_ERR_MSG(info, "CAP_NET_ADMIN is required to change iscsi_mcs state");
		return -EPERM;
	}
	if (ops->internal_flags & MCS_NL_SESSION) {
		sess = mcs_nl_get_session(info);
		if (IS_ERR(sess))
			return PTR_ERR(sess);
		info->user_ptr[0] = sess;
	}
	return 0;
}

static void mcs_nl_post_doit(const struct mcs_genl_pre_ops *ops,
			     struct sk_buff *skb, struct genl_info *info)
{
	if (ops->internal_flags & MCS_NL_SESSION)
		mcs_session_put(info->user_ptr[0]);
}

/* Whether notifications can go out: not before the family is there. */
bool mcs_genl_registered;

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
		.internal_flags = MCS_NL_ADMIN | MCS_NL_SESSION,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONN_REMOVE,
		.doit = mcs_nl_conn_remove_doit,
		.policy = mcs_nl_conn_remove_policy,
		.maxattr = ISCSI_MCS_A_CONN_ID,
		.internal_flags = MCS_NL_ADMIN | MCS_NL_SESSION,
	},
	{
		.cmd = ISCSI_MCS_CMD_SESSION_SET,
		.doit = mcs_nl_session_set_doit,
		.policy = mcs_nl_session_set_policy,
		.maxattr = ISCSI_MCS_A_POLICY,
		.internal_flags = MCS_NL_ADMIN | MCS_NL_SESSION,
	},
	{
		.cmd = ISCSI_MCS_CMD_CONN_SET,
		.doit = mcs_nl_conn_set_doit,
		.policy = mcs_nl_conn_set_policy,
		.maxattr = ISCSI_MCS_A_STANDBY,
		.internal_flags = MCS_NL_ADMIN | MCS_NL_SESSION,
	},
};

struct genl_family mcs_genl_family __ro_after_init = {
	.name = ISCSI_MCS_GENL_NAME,
	.version = ISCSI_MCS_GENL_VERSION,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.pre_doit = mcs_nl_pre_doit,
	.post_doit = mcs_nl_post_doit,
	.ops = mcs_genl_ops,
	.n_ops = ARRAY_SIZE(mcs_genl_ops),
	.mcgrps = mcs_mcgrps,
	.n_mcgrps = ARRAY_SIZE(mcs_mcgrps),
};

int __init mcs_genl_init(void)
{
	int ret = genl_register_family(&mcs_genl_family);

	if (!ret)
		mcs_nl_notify_start();
	return ret;
}

void mcs_genl_uninit(void)
{
	mcs_nl_notify_stop();
	genl_unregister_family(&mcs_genl_family);
}
