// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The error-mapping tables of errmap.c: errno values from the kernel and
 * the C library, libnl's NLE_* values, and iSCSI login status.
 */
#include <errno.h>
#include <stdint.h>

#include <netlink/errno.h>

#include "errmap.h"
#include "iscsidsc.h"
#include "tap.h"

#define ERRNO_MAPS(e, status) \
	TAP_CHECK(isdsc_status_from_errno(e) == (status), "errno %s -> %s (got %s)", #e, \
		  #status, IScsiMcsStatusName(isdsc_status_from_errno(e)))
#define NLERR_MAPS(e, status) \
	TAP_CHECK(isdsc_status_from_nlerr(e) == (status), "libnl %s -> %s (got %s)", #e, \
		  #status, IScsiMcsStatusName(isdsc_status_from_nlerr(e)))

static void errno_values(void)
{
	ERRNO_MAPS(EPERM, ERROR_ACCESS_DENIED);
	ERRNO_MAPS(EACCES, ERROR_ACCESS_DENIED);
	ERRNO_MAPS(EINVAL, ERROR_INVALID_PARAMETER);
	ERRNO_MAPS(ERANGE, ERROR_INVALID_PARAMETER);
	ERRNO_MAPS(ENOMEM, ERROR_NOT_ENOUGH_MEMORY);
	ERRNO_MAPS(ENOBUFS, ERROR_NOT_ENOUGH_MEMORY);
	ERRNO_MAPS(EOPNOTSUPP, ERROR_NOT_SUPPORTED);
	ERRNO_MAPS(ENOTSUP, ERROR_NOT_SUPPORTED);
	ERRNO_MAPS(ENOSYS, ERROR_INVALID_FUNCTION);
	ERRNO_MAPS(ETIMEDOUT, ERROR_TIMEOUT);
	ERRNO_MAPS(ECONNREFUSED, ISDSC_CONNECTION_FAILED);
	ERRNO_MAPS(ECONNRESET, ISDSC_TRANSPORT_ERROR);
	ERRNO_MAPS(EPIPE, ISDSC_SEND_FAILED);
	ERRNO_MAPS(EHOSTUNREACH, ERROR_BAD_NETPATH);
	ERRNO_MAPS(ENETUNREACH, ERROR_BAD_NETPATH);
	ERRNO_MAPS(ENOENT, ERROR_FILE_NOT_FOUND);
	ERRNO_MAPS(EEXIST, ERROR_ALREADY_EXISTS);
	ERRNO_MAPS(EBUSY, ERROR_BUSY);
	ERRNO_MAPS(EAGAIN, ERROR_RETRY);
	ERRNO_MAPS(ENOSPC, ERROR_DISK_FULL);
	ERRNO_MAPS(EROFS, ERROR_WRITE_PROTECT);
	ERRNO_MAPS(EIO, ERROR_IO_DEVICE);
	ERRNO_MAPS(ENODEV, ERROR_DEV_NOT_EXIST);
	/* Anything unlisted is a generic failure, never success. */
	ERRNO_MAPS(EXDEV, ERROR_GEN_FAILURE);
	ERRNO_MAPS(0, ERROR_GEN_FAILURE);
	ERRNO_MAPS(100000, ERROR_GEN_FAILURE);
}

static void nlerr_values(void)
{
	NLERR_MAPS(NLE_NOMEM, ERROR_NOT_ENOUGH_MEMORY);
	NLERR_MAPS(-NLE_NOMEM, ERROR_NOT_ENOUGH_MEMORY);
	NLERR_MAPS(-NLE_PERM, ERROR_ACCESS_DENIED);
	NLERR_MAPS(-NLE_NOACCESS, ERROR_ACCESS_DENIED);
	NLERR_MAPS(-NLE_OPNOTSUPP, ERROR_NOT_SUPPORTED);
	NLERR_MAPS(-NLE_DUMP_INTR, ERROR_RETRY);
	NLERR_MAPS(-NLE_OBJ_NOTFOUND, ERROR_NOT_FOUND);
	NLERR_MAPS(-NLE_SEQ_MISMATCH, ERROR_GEN_FAILURE);
}

static void login_status(void)
{
	/* RFC 7143 statuses in order, against the SDK codes in order. */
	static const unsigned int in_order[] = {
		0x0101, 0x0102, 0x0200, 0x0201, 0x0202, 0x0203, 0x0204, 0x0205,
		0x0206, 0x0207, 0x0208, 0x0209, 0x0300, 0x0301, 0x0302,
	};
	int all_in_order = 1;

	for (unsigned int i = 0; i < sizeof(in_order) / sizeof(in_order[0]); i++) {
		ISDSC_STATUS s = isdsc_status_from_login(in_order[i] >> 8, in_order[i] & 0xFF);

		if (s != 0xEFFF0006u + i) {
			all_in_order = 0;
			TAP_CHECK(0, "login status %#06x -> %#x (got %#x)", in_order[i],
				  0xEFFF0006u + i, s);
		}
	}
	TAP_CHECK(all_in_order, "login statuses 0x0101..0x0302 map in order to 0xEFFF0006..0xEFFF0014");
	TAP_CHECK(isdsc_status_from_login(1, 1) == ISDSC_TARGET_MOVED_TEMPORARILY,
		  "0x0101 -> ISDSC_TARGET_MOVED_TEMPORARILY");
	TAP_CHECK(isdsc_status_from_login(2, 1) == ISDSC_AUTHENTICATION_FAILURE,
		  "0x0201 -> ISDSC_AUTHENTICATION_FAILURE");
	TAP_CHECK(isdsc_status_from_login(3, 2) == ISDSC_OUT_OF_RESOURCES,
		  "0x0302 -> ISDSC_OUT_OF_RESOURCES");
	TAP_CHECK(isdsc_status_from_login(2, 0x0a) == ISDSC_INVALID_SESSION_ID,
		  "0x020a (session does not exist) -> ISDSC_INVALID_SESSION_ID");
	TAP_CHECK(isdsc_status_from_login(0, 0) == ERROR_SUCCESS, "0x0000 -> success");
	TAP_CHECK(isdsc_status_from_login(2, 0x0b) == ISDSC_INITIATOR_ERROR,
		  "0x020b (no code of its own) -> the class's ISDSC_INITIATOR_ERROR");
	TAP_CHECK(isdsc_status_from_login(3, 0x7f) == ISDSC_TARGET_ERROR,
		  "unknown class-3 detail -> ISDSC_TARGET_ERROR");
	TAP_CHECK(isdsc_status_from_login(1, 0x7f) == ISDSC_LOGIN_FAILED,
		  "unknown class-1 detail -> ISDSC_LOGIN_FAILED");
	TAP_CHECK(isdsc_status_from_login(9, 0) == ISDSC_LOGIN_FAILED,
		  "unknown class -> ISDSC_LOGIN_FAILED");
}

/* A LOGIN refusal: the extended ack's cookie first, then the errno. */
#define LOGIN_MAPS(e, cls, detail, len, status) do {				\
	const uint8_t c_[2] = { cls, detail };					\
	ISDSC_STATUS got_ = isdsc_status_from_login_refusal(e, c_, len);		\
	TAP_CHECK(got_ == (status), "LOGIN %s, cookie %02x%02x/%d -> %s (got %s)", #e,	\
		  c_[0], c_[1], len, #status, IScsiMcsStatusName(got_));		\
} while (0)

static void login_refusals(void)
{
	static const unsigned int in_order[] = {
		0x0101, 0x0102, 0x0200, 0x0201, 0x0202, 0x0203, 0x0204, 0x0205,
		0x0206, 0x0207, 0x0208, 0x0209, 0x0300, 0x0301, 0x0302,
	};
	int all = 1;

	/* Whatever errno the module chose, the target's status decides. */
	for (unsigned int i = 0; i < sizeof(in_order) / sizeof(in_order[0]); i++) {
		const uint8_t cookie[2] = { (uint8_t)(in_order[i] >> 8), (uint8_t)in_order[i] };

		all &= isdsc_status_from_login_refusal(EIO, cookie, 2) == 0xEFFF0006u + i;
	}
	TAP_CHECK(all, "LOGIN refusals with a status cookie 0x0101..0x0302 map in order to "
		  "0xEFFF0006..0xEFFF0014");
	LOGIN_MAPS(EACCES, 2, 1, 2, ISDSC_AUTHENTICATION_FAILURE);
	LOGIN_MAPS(EACCES, 2, 2, 2, ISDSC_AUTHORIZATION_FAILURE);
	LOGIN_MAPS(ENOENT, 2, 3, 2, ISDSC_NOT_FOUND);
	LOGIN_MAPS(EAGAIN, 3, 1, 2, ISDSC_SERVICE_UNAVAILABLE);
	LOGIN_MAPS(EUSERS, 2, 6, 2, ISDSC_TOO_MANY_CONNECTIONS);
	LOGIN_MAPS(EREMOTE, 1, 2, 2, ISDSC_TARGET_MOVED_PERMANENTLY);
	LOGIN_MAPS(EINVAL, 2, 0x0b, 2, ISDSC_INITIATOR_ERROR);
	/* Without a (well-formed) cookie, the errno says what happened. */
	LOGIN_MAPS(EACCES, 2, 1, 1, ISDSC_AUTHENTICATION_FAILURE);
	LOGIN_MAPS(ECONNREFUSED, 0, 0, 2, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(ECONNREFUSED, 0, 0, 0, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(ETIMEDOUT, 0, 0, 0, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(EHOSTUNREACH, 0, 0, 0, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(ENETUNREACH, 0, 0, 0, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(EADDRNOTAVAIL, 0, 0, 0, ISDSC_CONNECTION_FAILED);
	LOGIN_MAPS(EACCES, 0, 0, 0, ISDSC_AUTHENTICATION_FAILURE);
	LOGIN_MAPS(EPROTO, 0, 0, 0, ISDSC_LOGIN_FAILED);
	LOGIN_MAPS(EPERM, 0, 0, 0, ERROR_ACCESS_DENIED);
	LOGIN_MAPS(EINVAL, 0, 0, 0, ERROR_INVALID_PARAMETER);
	LOGIN_MAPS(ERANGE, 0, 0, 0, ERROR_INVALID_PARAMETER);
	LOGIN_MAPS(ECONNRESET, 0, 0, 0, ISDSC_TRANSPORT_ERROR);
	LOGIN_MAPS(ENOMEM, 0, 0, 0, ERROR_NOT_ENOUGH_MEMORY);
}

static void session_refusals(void)
{
	TAP_CHECK(isdsc_status_from_session_refusal(ENOENT, NULL, 0) == ISDSC_INVALID_SESSION_ID,
		  "a session command's ENOENT -> ISDSC_INVALID_SESSION_ID");
	TAP_CHECK(isdsc_status_from_session_refusal(EBUSY, NULL, 0) == ISDSC_DEVICE_BUSY_ON_SESSION,
		  "a session command's EBUSY -> ISDSC_DEVICE_BUSY_ON_SESSION");
	TAP_CHECK(isdsc_status_from_session_refusal(EPERM, NULL, 0) == ERROR_ACCESS_DENIED,
		  "a session command's EPERM -> ERROR_ACCESS_DENIED");
	TAP_CHECK(isdsc_status_from_session_refusal(EINVAL, NULL, 0) == ERROR_INVALID_PARAMETER,
		  "a session command's EINVAL -> ERROR_INVALID_PARAMETER");
}

int main(void)
{
	errno_values();
	nlerr_values();
	login_status();
	login_refusals();
	session_refusals();
	return tap_done();
}
