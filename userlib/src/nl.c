// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Generic netlink requests on a private libnl socket per call; see nl.h.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include "errmap.h"
#include "internal.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

ISDSC_STATUS isdsc_nl_open(struct isdsc_nl *nl, const char *family_name)
{
	int one = 1;
	int fd, r;

	memset(nl, 0, sizeof(*nl));
	snprintf(nl->family_name, sizeof(nl->family_name), "%s", family_name);
	nl->sock = nl_socket_alloc();
	if (!nl->sock)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for a netlink socket");

	r = genl_connect(nl->sock);
	if (r < 0) {
		isdsc_nl_close(nl);
		return isdsc_fail(isdsc_status_from_nlerr(r),
				  "cannot open a generic netlink socket: %s", nl_geterror(r));
	}
	/* Dump parts can exceed libnl's default buffer; peek to size it. */
	nl_socket_enable_msg_peek(nl->sock);

	/*
	 * Extended acks carry the kernel's reason for a refusal; capped acks
	 * keep our request out of the error message. Kernels without them
	 * still work, only with less helpful texts, so failure is ignored.
	 */
	fd = nl_socket_get_fd(nl->sock);
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	(void)setsockopt(fd, SOL_NETLINK, NETLINK_CAP_ACK, &one, sizeof(one));

	r = genl_ctrl_resolve(nl->sock, family_name);
	if (r < 0) {
		isdsc_nl_close(nl);
		if (r == -NLE_OBJ_NOTFOUND)
			return isdsc_fail(ISDSC_SERVICE_NOT_RUNNING,
					  "generic netlink family \"%s\" is not registered: "
					  "the %s kernel module is not loaded",
					  family_name, family_name);
		return isdsc_fail(isdsc_status_from_nlerr(r),
				  "cannot look up generic netlink family \"%s\": %s",
				  family_name, nl_geterror(r));
	}
	nl->family = r;
	return ERROR_SUCCESS;
}

void isdsc_nl_close(struct isdsc_nl *nl)
{
	nl_socket_free(nl->sock);	/* accepts NULL */
	nl->sock = NULL;
}

struct nl_msg *isdsc_nl_request(struct isdsc_nl *nl, uint8_t cmd, int flags,
				uint8_t version)
{
	struct nl_msg *msg = nlmsg_alloc();

	if (!msg)
		return NULL;
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, version)) {
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

void isdsc_nl_free_request(struct nl_msg *req)
{
	struct nlmsghdr *hdr;

	if (!req)
		return;
	/* Requests may carry CHAP secrets: leave none behind in freed memory. */
	hdr = nlmsg_hdr(req);
	explicit_bzero(hdr, hdr->nlmsg_len);
	nlmsg_free(req);
}

int isdsc_nl_msg_errno(const struct nlmsghdr *hdr)
{
	int err;

	if (hdr->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(hdr);

		if (hdr->nlmsg_len < NLMSG_LENGTH(sizeof(*e)) || e->error == INT_MIN)
			return -1;
		return e->error < 0 ? -e->error : e->error;
	}
	if (hdr->nlmsg_type == NLMSG_DONE) {
		/* The kernel always sends the dump's result; be lenient if not. */
		if (hdr->nlmsg_len < NLMSG_LENGTH(sizeof(err)))
			return 0;
		memcpy(&err, NLMSG_DATA(hdr), sizeof(err));
		if (err == INT_MIN)
			return -1;
		return err < 0 ? -err : 0;
	}
	return -1;
}

/*
 * Finds the extended-ack attribute type of an NLMSG_ERROR or NLMSG_DONE
 * message. Returns 1 and points *data and *len at its payload, 0 if it is not
 * there, -1 if the attributes are malformed.
 */
static int ext_ack_attr(const struct nlmsghdr *hdr, uint16_t type,
			const void **data, size_t *len)
{
	const unsigned char *payload = NLMSG_DATA(hdr);
	size_t payload_len, off;

	if (!(hdr->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	if (hdr->nlmsg_len < NLMSG_HDRLEN)
		return -1;
	payload_len = hdr->nlmsg_len - NLMSG_HDRLEN;

	/* The attributes follow the fixed part, and the echoed request if any. */
	if (hdr->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(hdr);

		if (payload_len < sizeof(*e))
			return -1;
		off = NLMSG_ALIGN(sizeof(*e));
		if (!(hdr->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN)
				return -1;
			off += NLMSG_ALIGN((size_t)e->msg.nlmsg_len - NLMSG_HDRLEN);
		}
	} else if (hdr->nlmsg_type == NLMSG_DONE) {
		off = NLMSG_ALIGN(sizeof(int));
	} else {
		return 0;
	}
	if (off > payload_len)
		return -1;

	while (payload_len - off >= NLA_HDRLEN) {
		const struct nlattr *nla = (const struct nlattr *)(payload + off);
		size_t nla_len = nla->nla_len;

		if (nla_len < NLA_HDRLEN || nla_len > payload_len - off)
			return -1;
		if ((nla->nla_type & NLA_TYPE_MASK) == type) {
			*data = (const char *)nla + NLA_HDRLEN;
			*len = nla_len - NLA_HDRLEN;
			return 1;
		}
		off += NLA_ALIGN(nla_len);
		if (off > payload_len)
			break;
	}
	return 0;
}

int isdsc_nl_ext_ack_msg(const struct nlmsghdr *hdr, char *buf, size_t size)
{
	const void *data;
	size_t len, n;
	int r;

	if (size)
		buf[0] = '\0';
	r = ext_ack_attr(hdr, NLMSGERR_ATTR_MSG, &data, &len);
	if (r <= 0)
		return r;
	if (!len || !memchr(data, '\0', len))
		return -1;
	if (!size)
		return 1;
	n = strnlen(data, size - 1);
	memcpy(buf, data, n);
	buf[n] = '\0';
	return 1;
}

int isdsc_nl_ext_ack_cookie(const struct nlmsghdr *hdr, uint8_t *buf, size_t size)
{
	const void *data;
	size_t len;
	int r;

	r = ext_ack_attr(hdr, NLMSGERR_ATTR_COOKIE, &data, &len);
	if (r <= 0)
		return r;
	if (len > size)
		return -1;
	memcpy(buf, data, len);
	return (int)len;
}

/* State of one request/answer exchange, shared by the callbacks below. */
struct exchange {
	isdsc_nl_reply_fn reply_fn;
	void *arg;
	uint32_t seq;
	bool done;
	ISDSC_STATUS reply_status;
	int kernel_errno;
	char ext_msg[256];
	uint8_t cookie[ISDSC_NL_COOKIE_MAX];
	size_t cookie_len;
};

static int on_msg_in(struct nl_msg *msg, void *arg)
{
	struct exchange *ex = arg;
	const struct nlmsghdr *hdr = nlmsg_hdr(msg);
	int err;

	/*
	 * Errors are read here rather than in the error callback, which only
	 * gets the struct nlmsgerr and not the attributes after it.
	 */
	if (hdr->nlmsg_seq != ex->seq ||
	    (hdr->nlmsg_type != NLMSG_ERROR && hdr->nlmsg_type != NLMSG_DONE))
		return NL_OK;
	err = isdsc_nl_msg_errno(hdr);
	if (err > 0 && !ex->kernel_errno) {
		int n;

		ex->kernel_errno = err;
		isdsc_nl_ext_ack_msg(hdr, ex->ext_msg, sizeof(ex->ext_msg));
		n = isdsc_nl_ext_ack_cookie(hdr, ex->cookie, sizeof(ex->cookie));
		ex->cookie_len = n > 0 ? (size_t)n : 0;
	}
	return NL_OK;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct exchange *ex = arg;

	/*
	 * After a failed answer the rest is still read (and ignored) up to the
	 * ack or the end of the dump, so the socket stays usable.
	 */
	if (ex->reply_fn && ex->reply_status == ERROR_SUCCESS)
		ex->reply_status = ex->reply_fn(msg, ex->arg);
	return NL_OK;
}

static int on_done(struct nl_msg *msg, void *arg)
{
	struct exchange *ex = arg;

	(void)msg;
	ex->done = true;
	return NL_STOP;
}

static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *err, void *arg)
{
	struct exchange *ex = arg;

	(void)nla;
	(void)err;
	ex->done = true;
	return NL_STOP;
}

static ISDSC_STATUS kernel_refusal(const struct exchange *ex, const struct isdsc_nl *nl,
				   const char *what)
{
	const char *family = nl->family_name;
	ISDSC_STATUS status = nl->refusal ?
		nl->refusal(ex->kernel_errno, ex->cookie, ex->cookie_len) :
		isdsc_status_from_errno(ex->kernel_errno);
	const char *reason = isdsc_strerror(ex->kernel_errno);

	/* A 2-byte cookie is an iSCSI login status (class, detail). */
	if (ex->ext_msg[0] && ex->cookie_len == 2)
		return isdsc_fail(status, "%s %s failed: %s: %s [login status 0x%02x%02x]",
				  family, what, reason, ex->ext_msg, ex->cookie[0],
				  ex->cookie[1]);
	if (ex->ext_msg[0])
		return isdsc_fail(status, "%s %s failed: %s: %s", family, what,
				  reason, ex->ext_msg);
	if (ex->kernel_errno == EPERM)
		return isdsc_fail(status, "%s %s failed: %s (the command needs CAP_NET_ADMIN)",
				  family, what, reason);
	return isdsc_fail(status, "%s %s failed: %s", family, what, reason);
}

ISDSC_STATUS isdsc_nl_transact(struct isdsc_nl *nl, struct nl_msg *req,
			       const char *what, isdsc_nl_reply_fn reply_fn,
			       void *arg)
{
	struct exchange ex = {
		.reply_fn = reply_fn,
		.arg = arg,
		.reply_status = ERROR_SUCCESS,
	};
	struct nl_cb *cb;
	int r;

	r = nl_send_auto(nl->sock, req);
	ex.seq = nlmsg_hdr(req)->nlmsg_seq;
	isdsc_nl_free_request(req);
	if (r < 0)
		return isdsc_fail(isdsc_status_from_nlerr(r), "cannot send %s %s request: %s",
				  nl->family_name, what, nl_geterror(r));

	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for netlink callbacks");
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, &ex);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &ex);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_done, &ex);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_done, &ex);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &ex);

	/* A doit answer and its ack, or a dump, may take several reads. */
	do {
		r = nl_recvmsgs(nl->sock, cb);
	} while (r >= 0 && !ex.done);
	nl_cb_put(cb);

	if (ex.kernel_errno)
		return kernel_refusal(&ex, nl, what);
	if (ex.reply_status != ERROR_SUCCESS) {
		isdsc_error_prefix("%s %s", nl->family_name, what);
		return ex.reply_status;
	}
	if (r < 0)
		return isdsc_fail(isdsc_status_from_nlerr(r), "%s %s: cannot read the answer: %s",
				  nl->family_name, what, nl_geterror(r));
	return ERROR_SUCCESS;
}
