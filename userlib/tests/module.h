/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Whether the iscsi_mcs module is loaded here (its generic netlink family
 * resolves): the tests that need it skip their live part without it.
 */
#ifndef ISDSC_TEST_MODULE_H
#define ISDSC_TEST_MODULE_H

#include <stdbool.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

static inline bool module_loaded(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool found = false;

	if (sk && genl_connect(sk) == 0)
		found = genl_ctrl_resolve(sk, "iscsi_mcs") >= 0;
	nl_socket_free(sk);
	return found;
}

#endif /* ISDSC_TEST_MODULE_H */
