// SPDX-License-Identifier: GPL-2.0
/*
 * TCP sockets of iSCSI connections.
 *
 * A connection's socket carries block I/O, so it must make progress when
 * memory is short: allocations never recurse into I/O (GFP_NOIO) and the
 * socket may use the memalloc reserves. Login runs in the context of the
 * netlink request, blocking with the login timeout as send and receive
 * timeouts; full-feature I/O later switches to callbacks and work items.
 */

#include <linux/in.h>
#include <linux/in6.h>
#include <linux/jiffies.h>
#include <linux/sched/task_stack.h>
#include <linux/tcp.h>
#include <net/ipv6.h>
#include <net/sock.h>
#include <net/tcp.h>

#include "compat.h"
#include "sock.h"

size_t mcs_sockaddr_len(const struct sockaddr_storage *ss)
{
	switch (ss->ss_family) {
	case AF_INET:
		return sizeof(struct sockaddr_in);
	case AF_INET6:
		return sizeof(struct sockaddr_in6);
	default:
		return 0;
	}
}

/**
 * mcs_sockaddr_redirect() - follow a redirection to another portal
 * @dst: the portal connected to, replaced by @to
 * @to: where the target redirected us, as TargetAddress gave it
 *
 * A TargetAddress cannot carry a scope: a link-local IPv6 address it
 * names is on the link the redirecting portal was reached through, so it
 * keeps that portal's scope id, without which connect() fails.
 */
void mcs_sockaddr_redirect(struct sockaddr_storage *dst,
			   const struct sockaddr_storage *to)
{
	struct sockaddr_in6 *old = (struct sockaddr_in6 *)dst;
	const struct sockaddr_in6 *new = (const struct sockaddr_in6 *)to;
	u32 scope = dst->ss_family == AF_INET6 ? old->sin6_scope_id : 0;

	*dst = *to;
	if (to->ss_family == AF_INET6 && !new->sin6_scope_id &&
	    (ipv6_addr_type(&new->sin6_addr) & IPV6_ADDR_LINKLOCAL))
		old->sin6_scope_id = scope;
}

/**
 * mcs_sock_open() - open a TCP connection to a portal
 * @net: namespace the socket lives in; the caller keeps it alive
 * @opts: portal, optional source address and interface, connect timeout
 * @sockp: the connected socket on success
 * @why: a static reason on failure, for the user
 *
 * Return: 0, or a negative errno (-ETIMEDOUT when the portal did not
 * answer in time, -ECONNREFUSED when nothing listens, ...).
 */
int mcs_sock_open(struct net *net, const struct mcs_sock_opts *opts,
		  struct socket **sockp, const char **why)
{
	long timeo = msecs_to_jiffies(opts->timeout_ms);
	struct socket *sock;
	struct sock *sk;
	int ret;

	if (!mcs_sockaddr_len(&opts->dst)) {
		*why = "portal address family is neither IPv4 nor IPv6";
		return -EAFNOSUPPORT;
	}
	ret = sock_create_kern(net, opts->dst.ss_family, SOCK_STREAM,
			       IPPROTO_TCP, &sock);
	if (ret) {
		*why = "cannot create a TCP socket";
		return ret;
	}
	sk = sock->sk;

	tcp_sock_set_nodelay(sk);
	/* Data queued for a dead connection must not reach a new one. */
	sock_no_linger(sk);
	sk->sk_allocation = GFP_NOIO;
	mcs_sk_no_task_frag(sk);
	sk_set_memalloc(sk);
	sk->sk_sndtimeo = timeo;
	sk->sk_rcvtimeo = timeo;

	if (opts->ifindex) {
		ret = sock_bindtoindex(sk, opts->ifindex, true);
		if (ret) {
			*why = "cannot bind to the requested interface";
			goto err;
		}
	}
	if (opts->src.ss_family != AF_UNSPEC) {
		if (opts->src.ss_family != opts->dst.ss_family) {
			*why = "source and portal addresses are of different families";
			ret = -EINVAL;
			goto err;
		}
		ret = kernel_bind(sock, (struct sockaddr *)&opts->src,
				  mcs_sockaddr_len(&opts->src));
		if (ret) {
			*why = "cannot bind to the requested source address";
			goto err;
		}
	}

	/* A blocking connect waits at most sk_sndtimeo. */
	ret = kernel_connect(sock, (struct sockaddr *)&opts->dst,
			     mcs_sockaddr_len(&opts->dst), 0);
	if (ret) {
		if (ret == -EINPROGRESS || ret == -EAGAIN)
			ret = -ETIMEDOUT;
		switch (ret) {
		case -ETIMEDOUT:
			*why = "portal did not answer within the login timeout";
			break;
		case -ECONNREFUSED:
			*why = "portal refused the TCP connection";
			break;
		case -ENETUNREACH:
		case -EHOSTUNREACH:
			*why = "portal is unreachable";
			break;
		default:
			*why = "TCP connect to the portal failed";
		}
		goto err;
	}
	*sockp = sock;
	return 0;

err:
	sock_release(sock);
	return ret;
}

void mcs_sock_close(struct socket *sock)
{
	kernel_sock_shutdown(sock, SHUT_RDWR);
	sock_release(sock);
}

/* Sends all of @vec or fails: a short send in login is a broken connection. */
int mcs_sock_send_all(struct socket *sock, struct kvec *vec, size_t nr,
		      size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	int ret;

	iov_iter_kvec(&msg.msg_iter, WRITE, vec, nr, len);
	while (msg_data_left(&msg)) {
		ret = sock_sendmsg(sock, &msg);
		if (ret <= 0)
			return ret == -EAGAIN ? -ETIMEDOUT : (ret ?: -EPIPE);
	}
	return 0;
}

int mcs_sock_recv_all(struct socket *sock, void *buf, size_t len)
{
	struct kvec vec = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {};
	int ret;

	iov_iter_kvec(&msg.msg_iter, READ, &vec, 1, len);
	while (msg_data_left(&msg)) {
		ret = sock_recvmsg(sock, &msg, MSG_WAITALL | MSG_NOSIGNAL);
		if (ret < 0)
			return ret == -EAGAIN ? -ETIMEDOUT : ret;
		if (ret == 0)
			return -ECONNRESET;
	}
	return 0;
}

static void mcs_sock_deadline_fire(struct work_struct *work)
{
	struct mcs_sock_deadline *d = container_of(to_delayed_work(work),
						   struct mcs_sock_deadline,
						   work);

	WRITE_ONCE(d->expired, true);
	/* Every blocked send and receive on it returns at once. */
	kernel_sock_shutdown(d->sock, SHUT_RDWR);
}

/**
 * mcs_sock_deadline_start() - shut @sock down after @delay jiffies
 * @d: the deadline, owned by the caller until mcs_sock_deadline_stop()
 * @sock: the socket of the exchange
 * @delay: from now; 0 fires at once
 */
void mcs_sock_deadline_start(struct mcs_sock_deadline *d, struct socket *sock,
			     unsigned long delay)
{
	d->sock = sock;
	d->expired = false;
	/* DEBUG_OBJECTS tells a work on the stack from one in memory. */
	if (object_is_on_stack(d))
		INIT_DELAYED_WORK_ONSTACK(&d->work, mcs_sock_deadline_fire);
	else
		INIT_DELAYED_WORK(&d->work, mcs_sock_deadline_fire);
	queue_delayed_work(system_unbound_wq, &d->work, delay);
}

/**
 * mcs_sock_deadline_stop() - end a deadline
 * @d: a started deadline
 *
 * Return: whether it fired (the socket is shut down then).
 */
bool mcs_sock_deadline_stop(struct mcs_sock_deadline *d)
{
	cancel_delayed_work_sync(&d->work);
	if (object_is_on_stack(d))
		destroy_delayed_work_on_stack(&d->work);
	return READ_ONCE(d->expired);
}
