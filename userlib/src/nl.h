/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Generic netlink transport on libnl-3.
 *
 * Every request opens its own socket, resolves the family, sends one
 * message and reads until the kernel's acknowledgement (or the end of a
 * dump), then closes the socket. Nothing is shared between calls, so any
 * number of threads may use the library at once without locks; the cost
 * is one extra round trip per call for the family lookup, which is
 * irrelevant next to an iSCSI login.
 *
 * Errors are reported as ISDSC_STATUS with the last-error text set: the
 * kernel's extended-ack message when it sent one.
 */
#ifndef ISDSC_NL_H
#define ISDSC_NL_H

#include <stddef.h>
#include <stdint.h>

#include <linux/netlink.h>
#include <netlink/msg.h>

#include "iscsidsc.h"

/* The most an extended ack's NLMSGERR_ATTR_COOKIE holds (NETLINK_MAX_COOKIE_LEN). */
#define ISDSC_NL_COOKIE_MAX	20

/*
 * Maps a refusal of the kernel to a status: err is the positive errno,
 * cookie the extended ack's NLMSGERR_ATTR_COOKIE (cookie_len 0 if none).
 * The default, when none is set, is isdsc_status_from_errno(err).
 */
typedef ISDSC_STATUS (*isdsc_nl_refusal_fn)(int err, const uint8_t *cookie,
					    size_t cookie_len);

struct isdsc_nl {
	struct nl_sock *sock;
	int family;
	char family_name[32];
	isdsc_nl_refusal_fn refusal;	/* NULL: the generic errno map */
};

/*
 * Connects a socket with extended acks enabled and resolves family_name.
 * An unknown family gives ISDSC_SERVICE_NOT_RUNNING: for "iscsi_mcs" it
 * means the kernel module is not loaded, the nearest equivalent of the
 * Windows initiator service not running.
 */
ISDSC_STATUS isdsc_nl_open(struct isdsc_nl *nl, const char *family_name);
void isdsc_nl_close(struct isdsc_nl *nl);

/* A request for cmd; flags may add NLM_F_DUMP. NULL when out of memory. */
struct nl_msg *isdsc_nl_request(struct isdsc_nl *nl, uint8_t cmd, int flags,
				uint8_t version);

/* Frees a request that was not sent, wiping it first (it may hold secrets). */
void isdsc_nl_free_request(struct nl_msg *req);

/*
 * Called for each reply message (once for a doit command, once per part of
 * a dump). Returns ERROR_SUCCESS, or a failure status after setting the
 * last-error text, which ends the exchange.
 */
typedef ISDSC_STATUS (*isdsc_nl_reply_fn)(struct nl_msg *reply, void *arg);

/*
 * Sends req (always freed) and processes the answers. what names the
 * operation in error texts, e.g. "CONFIG_SET".
 */
ISDSC_STATUS isdsc_nl_transact(struct isdsc_nl *nl, struct nl_msg *req,
			       const char *what, isdsc_nl_reply_fn reply_fn,
			       void *arg);

/*
 * The errno value an NLMSG_ERROR or NLMSG_DONE message carries: 0 for an
 * acknowledgement or a successful dump, a positive errno for a failure,
 * -1 if the message is too short to hold one.
 */
int isdsc_nl_msg_errno(const struct nlmsghdr *hdr);

/*
 * Copies the NLMSGERR_ATTR_MSG text of an NLMSG_ERROR or NLMSG_DONE message
 * to buf. Returns 1 if there was one, 0 if not, -1 if the attributes are
 * malformed (buf is then "").
 */
int isdsc_nl_ext_ack_msg(const struct nlmsghdr *hdr, char *buf, size_t size);

/*
 * Copies the NLMSGERR_ATTR_COOKIE of an NLMSG_ERROR or NLMSG_DONE message to
 * buf. Returns its length (at most size; 0 if there is none), or -1 if the
 * attributes are malformed or the cookie is longer than size.
 */
int isdsc_nl_ext_ack_cookie(const struct nlmsghdr *hdr, uint8_t *buf, size_t size);

#endif /* ISDSC_NL_H */
