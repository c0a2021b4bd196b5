/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The iscsi_mcs generic netlink family. uapi/linux/iscsi_mcs.h is its
 * specification.
 */
#ifndef MCS_NETLINK_H
#define MCS_NETLINK_H

#include <net/netlink.h>

#include "config.h"

extern const struct nla_policy mcs_nl_config_policy[ISCSI_MCS_CONFIG_A_MAX + 1];

int mcs_nl_config_precheck(struct nlattr **tb, const struct nlattr *nest,
			   const struct mcs_config *cur,
			   struct netlink_ext_ack *extack);
void mcs_nl_config_apply(struct nlattr **tb, struct mcs_config *cfg);
u64 mcs_nl_caps(void);

extern const struct nla_policy mcs_nl_session_set_policy[ISCSI_MCS_A_POLICY + 1];
extern const struct nla_policy mcs_nl_conn_set_policy[ISCSI_MCS_A_STANDBY + 1];
int mcs_nl_set_precheck(struct nlattr **attrs, bool conn,
			struct netlink_ext_ack *extack);

int mcs_genl_init(void);
void mcs_genl_uninit(void);

#endif /* MCS_NETLINK_H */
