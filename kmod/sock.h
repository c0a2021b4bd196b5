/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP sockets of iSCSI connections: opening one the way a block transport
 * needs it, and the blocking exchange used during login.
 */
#ifndef MCS_SOCK_H
#define MCS_SOCK_H

#include <linux/net.h>
#include <linux/socket.h>
#include <linux/workqueue.h>

struct net;

struct mcs_sock_opts {
	struct sockaddr_storage dst;
	/* AF_UNSPEC when the kernel may pick the source address. */
	struct sockaddr_storage src;
	/* 0 when any interface may be used. */
	int ifindex;
	unsigned int timeout_ms;
};

int mcs_sock_open(struct net *net, const struct mcs_sock_opts *opts,
		  struct socket **sockp, const char **why);
void mcs_sock_close(struct socket *sock);
int mcs_sock_send_all(struct socket *sock, struct kvec *vec, size_t nr,
		      size_t len);
int mcs_sock_recv_all(struct socket *sock, void *buf, size_t len);
/*
 * A bound on a whole blocking exchange: per-call socket timeouts do not
 * stop a peer that trickles a byte within each of them.
 */
struct mcs_sock_deadline {
	struct delayed_work work;
	struct socket *sock;
	bool expired;
};

void mcs_sock_deadline_start(struct mcs_sock_deadline *d, struct socket *sock,
			     unsigned long delay);
bool mcs_sock_deadline_stop(struct mcs_sock_deadline *d);
size_t mcs_sockaddr_len(const struct sockaddr_storage *ss);
void mcs_sockaddr_redirect(struct sockaddr_storage *dst,
			   const struct sockaddr_storage *to);

#endif /* MCS_SOCK_H */
