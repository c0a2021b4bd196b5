// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The error-mapping tables of errmap.c: errno values from the kernel and
 * the C library, libnl's NLE_* values, and iSCSI login status.
 */
#include <errno.h>

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

int main(void)
{
	errno_values();
	nlerr_values();
	login_status();
	return tap_done();
}
