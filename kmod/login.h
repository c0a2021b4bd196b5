/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The login phase of one connection, run to completion in process context
 * over a blocking socket before the connection carries I/O.
 */
#ifndef MCS_LOGIN_H
#define MCS_LOGIN_H

#include <linux/socket.h>
#include <linux/types.h>

#include "chap.h"
#include "params.h"

struct net;
struct socket;
struct mcs_sock_opts;

struct mcs_login_req {
	struct socket *sock;
	const struct mcs_login_opts *opts;
	/* NULL when the session does not authenticate. */
	const struct mcs_chap_creds *chap;
	const char *initiator_name;
	const char *initiator_alias;
	/* NULL for a discovery session. */
	const char *target_name;
	/* enum mcs_session_type: 0, the default, is a normal session. */
	u8 session_type;
	u8 isid[6];
	/* 0 for a leading login, the session's for another connection. */
	u16 tsih;
	u16 cid;
	u32 cmdsn;
	/* Where the leading login's values come from for a non-leading one. */
	const struct mcs_params *session;
	/*
	 * A non-leading login must reach the session's portal group: the
	 * target's TargetPortalGroupTag must be this one when it declares it.
	 */
	bool check_tpgt;
	u16 tpgt;
	/*
	 * When the login must be over, in jiffies (mcs_login_open() sets it
	 * once for every hop); 0 for three login timeouts from the start.
	 */
	unsigned long deadline;
};

struct mcs_login_res {
	struct mcs_params params;
	u16 tsih;
	u32 exp_statsn;
	u32 exp_cmdsn;
	u32 max_cmdsn;
	/* The target's login status when it refused (class 0 otherwise). */
	u8 status_class;
	u8 status_detail;
	/* Where a redirection (status class 1) points. */
	struct sockaddr_storage redirect;
	/* Static reason for the failure, for the extack. */
	const char *why;
};

/* Redirections followed for one login before giving up. */
#define MCS_REDIRECTS_MAX	4

int mcs_login(const struct mcs_login_req *req, struct mcs_login_res *res);
unsigned long mcs_login_budget(struct socket *sock);
int mcs_login_open(struct net *net, struct mcs_sock_opts *so,
		   struct mcs_login_req *req, struct mcs_login_res *res,
		   unsigned int max_redirects, struct socket **sockp,
		   bool *unreachable);
int mcs_login_status_errno(u8 status_class, u8 status_detail);
int mcs_parse_target_address(const char *s, struct sockaddr_storage *ss);

#endif /* MCS_LOGIN_H */
