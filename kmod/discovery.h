/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SendTargets discovery (RFC 7143 section 13.3, appendix C): a Discovery
 * session logged in, asked for SendTargets=All, logged out, and the answer
 * turned into a list of targets and their portals.
 */
#ifndef MCS_DISCOVERY_H
#define MCS_DISCOVERY_H

#include <linux/socket.h>
#include <linux/types.h>

#include "text.h"

struct mcs_login_req;
struct mcs_login_res;
struct mcs_sock_opts;
struct net;
struct sk_buff;

/* The whole SendTargets answer, every Text Response together. */
#define MCS_DISC_TEXT_MAX	MCS_TEXT_MAX
/* A DNS name (RFC 1035) in a TargetAddress. */
#define MCS_DISC_HOST_MAX	253

/* One TargetAddress of a target. */
struct mcs_disc_portal {
	/* The address and port; AF_UNSPEC when given as a host name. */
	struct sockaddr_storage addr;
	/* The host name, not NUL-terminated, pointing into the answer text. */
	const char *host;
	u16 host_len;
	u16 port;
	u16 tpgt;
};

struct mcs_disc_target {
	/* NUL-terminated, pointing into the answer text. */
	const char *name;
	/* NULL when the target gave no TargetAlias. */
	const char *alias;
	/* Its portals: @n_portals of them from index @first. */
	u32 first;
	u32 n_portals;
};

struct mcs_disc_list {
	struct mcs_disc_target *target;
	u32 n_targets;
	struct mcs_disc_portal *portal;
	u32 n_portals;
};

int mcs_disc_parse_address(const char *value, struct mcs_disc_portal *p,
			   const char **why);
int mcs_disc_parse(char *text, u32 len, struct mcs_disc_list *list,
		   const char **why);
void mcs_disc_list_free(struct mcs_disc_list *list);

/* A discovery's outcome: the list points into @text. */
struct mcs_disc_answer {
	struct mcs_text_acc text;
	struct mcs_disc_list list;
	/* The failure was reaching the portal (the connect), not the login. */
	bool unreachable;
};

int mcs_discover(struct net *net, struct mcs_sock_opts *so,
		 struct mcs_login_req *req, struct mcs_login_res *res,
		 struct mcs_disc_answer *ans);
void mcs_disc_answer_free(struct mcs_disc_answer *ans);

size_t mcs_disc_msg_size(const struct mcs_disc_list *list);
int mcs_disc_put(struct sk_buff *skb, const struct mcs_disc_list *list);

#endif /* MCS_DISCOVERY_H */
