/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the iscsi_mcs family share: netlink.c registers the
 * family, its policies and its operations; netlink_login.c and
 * netlink_session.c hold the commands.
 */
#ifndef MCS_NETLINK_CMDS_H
#define MCS_NETLINK_CMDS_H

#include <net/genetlink.h>

#include <linux/iscsi_mcs.h>

struct mcs_config;
struct mcs_session;

enum mcs_mcgrp {
	MCS_MCGRP_EVENTS,
};

extern struct genl_family mcs_genl_family;
extern bool mcs_genl_registered;

extern const struct nla_policy mcs_nl_addr_policy[ISCSI_MCS_ADDR_A_MAX + 1];
extern const struct nla_policy mcs_nl_login_policy[ISCSI_MCS_LOGIN_A_MAX + 1];

void mcs_nl_reject(struct netlink_ext_ack *extack, const struct nlattr *attr,
		   const char *msg);
int mcs_nl_put_session(struct sk_buff *skb, struct mcs_session *sess, u8 state);
u8 mcs_nl_session_state(struct mcs_session *sess);
struct sk_buff *mcs_nl_session_msg(struct mcs_session *sess, u8 state,
				   u32 portid, u32 seq, u8 cmd, int flags,
				   gfp_t gfp);
void mcs_nl_notify_start(void);
void mcs_nl_notify_stop(void);
struct mcs_session *mcs_nl_get_session(struct genl_info *info);
void mcs_nl_get_config(struct genl_info *info, struct mcs_config *cfg);

int mcs_nl_login_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_discover_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_conn_add_doit(struct sk_buff *skb, struct genl_info *info);

int mcs_nl_logout_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_conn_remove_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_session_get_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_session_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int mcs_nl_session_set_doit(struct sk_buff *skb, struct genl_info *info);
int mcs_nl_conn_set_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* MCS_NETLINK_CMDS_H */
