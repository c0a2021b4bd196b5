/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state: every session and every default belongs to
 * the namespace of the netlink socket that created it.
 */
#ifndef MCS_NETNS_H
#define MCS_NETNS_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <net/net_namespace.h>

#include "config.h"

struct mcs_net {
	/* Guards @config and the @sessions list. */
	struct mutex lock;
	struct mcs_config config;
	struct list_head sessions;
};

struct mcs_session;

struct mcs_net *mcs_net(const struct net *net);
void mcs_net_add_session(struct mcs_net *mn, struct mcs_session *sess);
struct mcs_session *mcs_net_find_session(struct mcs_net *mn, const u8 *id);
struct mcs_session *mcs_net_take_session(struct mcs_net *mn, const u8 *id);
int mcs_netns_init(void);
void mcs_netns_uninit(void);

#endif /* MCS_NETNS_H */
