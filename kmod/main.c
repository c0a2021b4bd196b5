// SPDX-License-Identifier: GPL-2.0
/*
 * iscsi_mcs: an iSCSI initiator with multiple connections per session.
 *
 * Copyright (C) 2026 The iscsi-mcs authors.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>

#include "event.h"
#include "netlink.h"
#include "netns.h"
#include "recovery.h"
#include "session.h"
#include "transport.h"
#include "version.h"

static int __init mcs_mod_init(void)
{
	int ret;

	ret = mcs_conn_wq_init();
	if (ret)
		goto err_wq;
	ret = mcs_recovery_wq_init();
	if (ret)
		goto err_recovery_wq;
	ret = mcs_event_wq_init();
	if (ret)
		goto err_event_wq;
	ret = mcs_transport_init();
	if (ret)
		goto err_transport;
	/* Namespaces before the family: its handlers look their state up. */
	ret = mcs_netns_init();
	if (ret)
		goto err_netns;
	ret = mcs_genl_init();
	if (ret)
		goto err_genl;

	pr_info("iSCSI initiator with MC/S %s loaded\n", MCS_VERSION);
	return 0;

err_genl:
	mcs_netns_uninit();
err_netns:
	mcs_transport_uninit();
err_transport:
	mcs_event_wq_uninit();
err_event_wq:
	mcs_recovery_wq_uninit();
err_recovery_wq:
	mcs_conn_wq_uninit();
err_wq:
	return ret;
}

static void __exit mcs_mod_exit(void)
{
	mcs_genl_uninit();
	mcs_netns_uninit();
	mcs_transport_uninit();
	mcs_event_wq_uninit();
	mcs_recovery_wq_uninit();
	mcs_conn_wq_uninit();
	pr_info("unloaded\n");
}

module_init(mcs_mod_init);
module_exit(mcs_mod_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("iSCSI initiator with multiple connections per session");
MODULE_AUTHOR("The iscsi-mcs authors");
MODULE_VERSION(MCS_VERSION);
MODULE_ALIAS_GENL_FAMILY(ISCSI_MCS_GENL_NAME);
/* iscsiadm asks kmod for a transport's module by the transport's name. */
MODULE_ALIAS(MCS_TRANSPORT_NAME);
MODULE_SOFTDEP("pre: sha3_generic");
