// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state.
 */

#include <net/netns/generic.h>

#include "netns.h"

static unsigned int mcs_net_id __read_mostly;

struct mcs_net *mcs_net(const struct net *net)
{
	return net_generic(net, mcs_net_id);
}

static int __net_init mcs_net_init(struct net *net)
{
	struct mcs_net *mn = mcs_net(net);

	mutex_init(&mn->lock);
	mcs_config_init(&mn->config);
	return 0;
}

static void __net_exit mcs_net_exit(struct net *net)
{
	struct mcs_net *mn = mcs_net(net);

	mutex_destroy(&mn->lock);
}

static struct pernet_operations mcs_net_ops = {
	.init = mcs_net_init,
	.exit = mcs_net_exit,
	.id = &mcs_net_id,
	.size = sizeof(struct mcs_net),
};

int mcs_netns_init(void)
{
	return register_pernet_subsys(&mcs_net_ops);
}

void mcs_netns_uninit(void)
{
	unregister_pernet_subsys(&mcs_net_ops);
}
