// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Every translation of a Linux or iSCSI error into the status codes of the
 * Windows API, and the symbolic names of those codes.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#include <netlink/errno.h>

#include "errmap.h"
#include "internal.h"

struct errno_map {
	int err;
	ISDSC_STATUS status;
};

/*
 * The kernel module answers with plain errno values; the SDK has specific
 * codes only for iSCSI failures, so the rest maps to the nearest winerror.h
 * code. Network errors are those of a connection to a target portal.
 */
static const struct errno_map errno_table[] = {
	{ EPERM, ERROR_ACCESS_DENIED },
	{ EACCES, ERROR_ACCESS_DENIED },
	{ ENOENT, ERROR_FILE_NOT_FOUND },
	{ EINTR, ERROR_OPERATION_ABORTED },
	{ EIO, ERROR_IO_DEVICE },
	{ ENODEV, ERROR_DEV_NOT_EXIST },
	{ ENXIO, ERROR_DEV_NOT_EXIST },
	{ EAGAIN, ERROR_RETRY },
	{ ENOMEM, ERROR_NOT_ENOUGH_MEMORY },
	{ ENOBUFS, ERROR_NOT_ENOUGH_MEMORY },
	{ EBUSY, ERROR_BUSY },
	{ EEXIST, ERROR_ALREADY_EXISTS },
	{ EINVAL, ERROR_INVALID_PARAMETER },
	{ ERANGE, ERROR_INVALID_PARAMETER },
	{ E2BIG, ERROR_INVALID_PARAMETER },
	{ EMSGSIZE, ERROR_INVALID_PARAMETER },
	{ ENAMETOOLONG, ERROR_INVALID_PARAMETER },
	{ ENOSPC, ERROR_DISK_FULL },
	{ EROFS, ERROR_WRITE_PROTECT },
	{ ENOSYS, ERROR_INVALID_FUNCTION },
	{ EOPNOTSUPP, ERROR_NOT_SUPPORTED },
	{ EPROTONOSUPPORT, ERROR_NOT_SUPPORTED },
	{ EAFNOSUPPORT, ERROR_NOT_SUPPORTED },
	{ ETIMEDOUT, ERROR_TIMEOUT },
	{ ECONNREFUSED, ISDSC_CONNECTION_FAILED },
	{ ECONNRESET, ISDSC_TRANSPORT_ERROR },
	{ ECONNABORTED, ISDSC_TRANSPORT_ERROR },
	{ EPIPE, ISDSC_SEND_FAILED },
	{ ENETUNREACH, ERROR_BAD_NETPATH },
	{ EHOSTUNREACH, ERROR_BAD_NETPATH },
	{ EHOSTDOWN, ERROR_BAD_NETPATH },
	{ EADDRNOTAVAIL, ERROR_BAD_NETPATH },
};

ISDSC_STATUS isdsc_status_from_errno(int err)
{
	for (size_t i = 0; i < ISDSC_ARRAY_SIZE(errno_table); i++)
		if (errno_table[i].err == err)
			return errno_table[i].status;
	return ERROR_GEN_FAILURE;
}

/*
 * libnl reports socket-level failures with its own NLE_* values. Most
 * never occur for a well-formed request, so only the meaningful ones are
 * listed.
 */
static const struct errno_map nlerr_table[] = {
	{ NLE_INTR, ERROR_OPERATION_ABORTED },
	{ NLE_AGAIN, ERROR_RETRY },
	{ NLE_NOMEM, ERROR_NOT_ENOUGH_MEMORY },
	{ NLE_EXIST, ERROR_ALREADY_EXISTS },
	{ NLE_INVAL, ERROR_INVALID_PARAMETER },
	{ NLE_RANGE, ERROR_INVALID_PARAMETER },
	{ NLE_MSGSIZE, ERROR_INVALID_PARAMETER },
	{ NLE_OPNOTSUPP, ERROR_NOT_SUPPORTED },
	{ NLE_AF_NOSUPPORT, ERROR_NOT_SUPPORTED },
	{ NLE_PROTO_MISMATCH, ERROR_NOT_SUPPORTED },
	{ NLE_OBJ_NOTFOUND, ERROR_NOT_FOUND },
	{ NLE_BUSY, ERROR_BUSY },
	{ NLE_NOACCESS, ERROR_ACCESS_DENIED },
	{ NLE_PERM, ERROR_ACCESS_DENIED },
	{ NLE_NODEV, ERROR_DEV_NOT_EXIST },
	/* A dump raced with a change; the whole request should be repeated. */
	{ NLE_DUMP_INTR, ERROR_RETRY },
};

ISDSC_STATUS isdsc_status_from_nlerr(int err)
{
	err = abs(err);
	for (size_t i = 0; i < ISDSC_ARRAY_SIZE(nlerr_table); i++)
		if (nlerr_table[i].err == err)
			return nlerr_table[i].status;
	return ERROR_GEN_FAILURE;
}

struct login_map {
	uint16_t class_detail;
	ISDSC_STATUS status;
};

/* RFC 7143 section 11.13.5: one SDK code per defined status. */
static const struct login_map login_table[] = {
	{ 0x0101, ISDSC_TARGET_MOVED_TEMPORARILY },
	{ 0x0102, ISDSC_TARGET_MOVED_PERMANENTLY },
	{ 0x0200, ISDSC_INITIATOR_ERROR },
	{ 0x0201, ISDSC_AUTHENTICATION_FAILURE },
	{ 0x0202, ISDSC_AUTHORIZATION_FAILURE },
	{ 0x0203, ISDSC_NOT_FOUND },
	{ 0x0204, ISDSC_TARGET_REMOVED },
	{ 0x0205, ISDSC_UNSUPPORTED_VERSION },
	{ 0x0206, ISDSC_TOO_MANY_CONNECTIONS },
	{ 0x0207, ISDSC_MISSING_PARAMETER },
	{ 0x0208, ISDSC_CANT_INCLUDE_IN_SESSION },
	{ 0x0209, ISDSC_SESSION_TYPE_NOT_SUPPORTED },
	{ 0x020a, ISDSC_INVALID_SESSION_ID },		/* session does not exist */
	{ 0x0300, ISDSC_TARGET_ERROR },
	{ 0x0301, ISDSC_SERVICE_UNAVAILABLE },
	{ 0x0302, ISDSC_OUT_OF_RESOURCES },
};

ISDSC_STATUS isdsc_status_from_login(uint8_t status_class, uint8_t status_detail)
{
	uint16_t key = (uint16_t)(status_class << 8 | status_detail);

	if (status_class == 0)
		return ERROR_SUCCESS;
	for (size_t i = 0; i < ISDSC_ARRAY_SIZE(login_table); i++)
		if (login_table[i].class_detail == key)
			return login_table[i].status;
	/* 0x020b (invalid request during login) and details defined later. */
	switch (status_class) {
	case 2:
		return ISDSC_INITIATOR_ERROR;
	case 3:
		return ISDSC_TARGET_ERROR;
	default:
		return ISDSC_LOGIN_FAILED;
	}
}

ISDSC_STATUS isdsc_status_from_login_refusal(int err, const uint8_t *cookie,
					     size_t cookie_len)
{
	/* The module sets the cookie exactly when the target answered a status. */
	if (cookie_len == 2 && cookie[0] != 0)
		return isdsc_status_from_login(cookie[0], cookie[1]);
	switch (err) {
	case ECONNREFUSED:
	case ETIMEDOUT:
	case EHOSTUNREACH:
	case ENETUNREACH:
	case EHOSTDOWN:
	case EADDRNOTAVAIL:
		return ISDSC_CONNECTION_FAILED;
	case EACCES:
		/* No status from the target: it failed our mutual CHAP check. */
		return ISDSC_AUTHENTICATION_FAILURE;
	case EPROTO:
		return ISDSC_LOGIN_FAILED;
	default:
		return isdsc_status_from_errno(err);
	}
}

ISDSC_STATUS isdsc_status_from_discover_refusal(int err, const uint8_t *cookie,
						size_t cookie_len)
{
	switch (err) {
	case EMSGSIZE:		/* the target's answer exceeds the module's limits */
		if (cookie_len == 2 && cookie[0] != 0)
			break;
		return ISDSC_BUFFER_TOO_SMALL;
	case EOPNOTSUPP:	/* the target rejected SendTargets */
		if (cookie_len == 2 && cookie[0] != 0)
			break;
		return ERROR_NOT_SUPPORTED;
	default:
		break;
	}
	return isdsc_status_from_login_refusal(err, cookie, cookie_len);
}

ISDSC_STATUS isdsc_status_from_session_refusal(int err, const uint8_t *cookie,
					       size_t cookie_len)
{
	(void)cookie;
	(void)cookie_len;
	if (err == ENOENT)
		return ISDSC_INVALID_SESSION_ID;
	if (err == EBUSY)
		return ISDSC_DEVICE_BUSY_ON_SESSION;
	return isdsc_status_from_errno(err);
}

ISDSC_STATUS isdsc_status_from_conn_add_refusal(int err, const uint8_t *cookie,
						size_t cookie_len)
{
	/* The target's status first: 0x0206, 0x0208 and 0x020a are in login_table. */
	if (cookie_len == 2 && cookie[0] != 0)
		return isdsc_status_from_login(cookie[0], cookie[1]);
	switch (err) {
	case ENOENT:		/* no session with this id */
	case ESRCH:		/* the target's 0x020a, should the cookie be missing */
		return ISDSC_INVALID_SESSION_ID;
	case EUSERS:		/* the session's MaxConnections reached */
		return ISDSC_TOO_MANY_CONNECTIONS;
	case EBUSY:		/* the target's 0x0208 */
	case EXDEV:		/* a portal of another portal group: cannot join this session */
		return ISDSC_CANT_INCLUDE_IN_SESSION;
	case ENOTCONN:		/* the session is not in full feature phase (logging in, recovering) */
		return ISDSC_SESSION_BUSY;
	default:
		return isdsc_status_from_login_refusal(err, cookie, cookie_len);
	}
}

ISDSC_STATUS isdsc_status_from_conn_remove_refusal(int err, const uint8_t *cookie,
						   size_t cookie_len)
{
	(void)cookie;
	(void)cookie_len;
	switch (err) {
	case ENOENT:		/* the session or the connection: the caller tells which */
		return ISDSC_INVALID_CONNECTION_ID;
	case EBUSY:
		return ISDSC_CANT_REMOVE_LAST_CONNECTION;
	case ETIMEDOUT:		/* its commands did not finish; the connection stays */
		return ERROR_TIMEOUT;
	default:
		return isdsc_status_from_errno(err);
	}
}

ISDSC_STATUS isdsc_status_from_session_set_refusal(int err, const uint8_t *cookie,
						   size_t cookie_len)
{
	(void)cookie;
	(void)cookie_len;
	switch (err) {
	case ENOENT:
		return ISDSC_INVALID_SESSION_ID;
	case ERANGE:		/* a policy this module does not have */
		return ISDSC_INVALID_LOAD_BALANCE_POLICY;
	case EOPNOTSUPP:	/* a module without SESSION_SET */
		return ISDSC_LB_POLICY_NOT_SUPPORTED;
	default:
		return isdsc_status_from_errno(err);
	}
}

ISDSC_STATUS isdsc_status_from_conn_set_refusal(int err, const uint8_t *cookie,
						size_t cookie_len)
{
	(void)cookie;
	(void)cookie_len;
	switch (err) {
	case ENOENT:		/* the session or the connection: the caller tells which */
		return ISDSC_INVALID_CONNECTION_ID;
	case EOPNOTSUPP:	/* a module without CONN_SET */
		return ISDSC_LB_POLICY_NOT_SUPPORTED;
	default:		/* ERANGE, a weight out of range: ERROR_INVALID_PARAMETER */
		return isdsc_status_from_errno(err);
	}
}

struct status_name {
	ISDSC_STATUS status;
	const char *name;
};

#define NAME(code) { code, #code }

static const struct status_name status_names[] = {
	NAME(ERROR_SUCCESS),
	NAME(ERROR_INVALID_FUNCTION),
	NAME(ERROR_FILE_NOT_FOUND),
	NAME(ERROR_ACCESS_DENIED),
	NAME(ERROR_NOT_ENOUGH_MEMORY),
	NAME(ERROR_INVALID_DATA),
	NAME(ERROR_WRITE_PROTECT),
	NAME(ERROR_GEN_FAILURE),
	NAME(ERROR_NOT_SUPPORTED),
	NAME(ERROR_BAD_NETPATH),
	NAME(ERROR_DEV_NOT_EXIST),
	NAME(ERROR_INVALID_PARAMETER),
	NAME(ERROR_DISK_FULL),
	NAME(ERROR_INSUFFICIENT_BUFFER),
	NAME(ERROR_BUSY),
	NAME(ERROR_ALREADY_EXISTS),
	NAME(ERROR_MORE_DATA),
	NAME(ERROR_NO_MORE_ITEMS),
	NAME(ERROR_OPERATION_ABORTED),
	NAME(ERROR_IO_DEVICE),
	NAME(ERROR_NOT_FOUND),
	NAME(ERROR_RETRY),
	NAME(ERROR_TIMEOUT),

	NAME(ISDSC_NON_SPECIFIC_ERROR),
	NAME(ISDSC_LOGIN_FAILED),
	NAME(ISDSC_CONNECTION_FAILED),
	NAME(ISDSC_INITIATOR_NODE_ALREADY_EXISTS),
	NAME(ISDSC_INITIATOR_NODE_NOT_FOUND),
	NAME(ISDSC_TARGET_MOVED_TEMPORARILY),
	NAME(ISDSC_TARGET_MOVED_PERMANENTLY),
	NAME(ISDSC_INITIATOR_ERROR),
	NAME(ISDSC_AUTHENTICATION_FAILURE),
	NAME(ISDSC_AUTHORIZATION_FAILURE),
	NAME(ISDSC_NOT_FOUND),
	NAME(ISDSC_TARGET_REMOVED),
	NAME(ISDSC_UNSUPPORTED_VERSION),
	NAME(ISDSC_TOO_MANY_CONNECTIONS),
	NAME(ISDSC_MISSING_PARAMETER),
	NAME(ISDSC_CANT_INCLUDE_IN_SESSION),
	NAME(ISDSC_SESSION_TYPE_NOT_SUPPORTED),
	NAME(ISDSC_TARGET_ERROR),
	NAME(ISDSC_SERVICE_UNAVAILABLE),
	NAME(ISDSC_OUT_OF_RESOURCES),
	NAME(ISDSC_CONNECTION_ALREADY_EXISTS),
	NAME(ISDSC_SESSION_ALREADY_EXISTS),
	NAME(ISDSC_INITIATOR_INSTANCE_NOT_FOUND),
	NAME(ISDSC_TARGET_ALREADY_EXISTS),
	NAME(ISDSC_DRIVER_BUG),
	NAME(ISDSC_INVALID_TEXT_KEY),
	NAME(ISDSC_INVALID_SENDTARGETS_TEXT),
	NAME(ISDSC_INVALID_SESSION_ID),
	NAME(ISDSC_SCSI_REQUEST_FAILED),
	NAME(ISDSC_TOO_MANY_SESSIONS),
	NAME(ISDSC_SESSION_BUSY),
	NAME(ISDSC_TARGET_MAPPING_UNAVAILABLE),
	NAME(ISDSC_ADDRESS_TYPE_NOT_SUPPORTED),
	NAME(ISDSC_LOGON_FAILED),
	NAME(ISDSC_SEND_FAILED),
	NAME(ISDSC_TRANSPORT_ERROR),
	NAME(ISDSC_VERSION_MISMATCH),
	NAME(ISDSC_TARGET_MAPPING_OUT_OF_RANGE),
	NAME(ISDSC_TARGET_PRESHAREDKEY_UNAVAILABLE),
	NAME(ISDSC_TARGET_AUTHINFO_UNAVAILABLE),
	NAME(ISDSC_TARGET_NOT_FOUND),
	NAME(ISDSC_LOGIN_USER_INFO_BAD),
	NAME(ISDSC_TARGET_MAPPING_EXISTS),
	NAME(ISDSC_HBA_SECURITY_CACHE_FULL),
	NAME(ISDSC_INVALID_PORT_NUMBER),
	NAME(ISDSC_OPERATION_NOT_ALL_SUCCESS),
	NAME(ISDSC_HBA_SECURITY_CACHE_NOT_SUPPORTED),
	NAME(ISDSC_IKE_ID_PAYLOAD_TYPE_NOT_SUPPORTED),
	NAME(ISDSC_IKE_ID_PAYLOAD_INCORRECT_SIZE),
	NAME(ISDSC_TARGET_PORTAL_ALREADY_EXISTS),
	NAME(ISDSC_TARGET_ADDRESS_ALREADY_EXISTS),
	NAME(ISDSC_NO_AUTH_INFO_AVAILABLE),
	NAME(ISDSC_NO_TUNNEL_OUTER_MODE_ADDRESS),
	NAME(ISDSC_CACHE_CORRUPTED),
	NAME(ISDSC_REQUEST_NOT_SUPPORTED),
	NAME(ISDSC_TARGET_OUT_OF_RESORCES),
	NAME(ISDSC_SERVICE_DID_NOT_RESPOND),
	NAME(ISDSC_ISNS_SERVER_NOT_FOUND),
	NAME(ISDSC_OPERATION_REQUIRES_REBOOT),
	NAME(ISDSC_NO_PORTAL_SPECIFIED),
	NAME(ISDSC_CANT_REMOVE_LAST_CONNECTION),
	NAME(ISDSC_SERVICE_NOT_RUNNING),
	NAME(ISDSC_TARGET_ALREADY_LOGGED_IN),
	NAME(ISDSC_DEVICE_BUSY_ON_SESSION),
	NAME(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA),
	NAME(ISDSC_COULD_NOT_REMOVE_PERSISTENT_LOGIN_DATA),
	NAME(ISDSC_PORTAL_NOT_FOUND),
	NAME(ISDSC_INITIATOR_NOT_FOUND),
	NAME(ISDSC_DISCOVERY_MECHANISM_NOT_FOUND),
	NAME(ISDSC_IPSEC_NOT_SUPPORTED_ON_OS),
	NAME(ISDSC_PERSISTENT_LOGIN_TIMEOUT),
	NAME(ISDSC_SHORT_CHAP_SECRET),
	NAME(ISDSC_EVALUATION_PEROID_EXPIRED),
	NAME(ISDSC_INVALID_CHAP_SECRET),
	NAME(ISDSC_INVALID_TARGET_CHAP_SECRET),
	NAME(ISDSC_INVALID_INITIATOR_CHAP_SECRET),
	NAME(ISDSC_INVALID_CHAP_USER_NAME),
	NAME(ISDSC_INVALID_LOGON_AUTH_TYPE),
	NAME(ISDSC_INVALID_TARGET_MAPPING),
	NAME(ISDSC_INVALID_TARGET_ID),
	NAME(ISDSC_INVALID_ISCSI_NAME),
	NAME(ISDSC_INCOMPATIBLE_ISNS_VERSION),
	NAME(ISDSC_FAILED_TO_CONFIGURE_IPSEC),
	NAME(ISDSC_BUFFER_TOO_SMALL),
	NAME(ISDSC_INVALID_LOAD_BALANCE_POLICY),
	NAME(ISDSC_INVALID_PARAMETER),
	NAME(ISDSC_DUPLICATE_PATH_SPECIFIED),
	NAME(ISDSC_PATH_COUNT_MISMATCH),
	NAME(ISDSC_INVALID_PATH_ID),
	NAME(ISDSC_MULTIPLE_PRIMARY_PATHS_SPECIFIED),
	NAME(ISDSC_NO_PRIMARY_PATH_SPECIFIED),
	NAME(ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND),
	NAME(ISDSC_DEVICE_NOT_FOUND),
	NAME(ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT),
	NAME(ISDSC_DNS_NAME_UNRESOLVED),
	NAME(ISDSC_NO_CONNECTION_AVAILABLE),
	NAME(ISDSC_LB_POLICY_NOT_SUPPORTED),
	NAME(ISDSC_REMOVE_CONNECTION_IN_PROGRESS),
	NAME(ISDSC_INVALID_CONNECTION_ID),
	NAME(ISDSC_CANNOT_REMOVE_LEADING_CONNECTION),
	NAME(ISDSC_RESTRICTED_BY_GROUP_POLICY),
	NAME(ISDSC_ISNS_FIREWALL_BLOCKED),
	NAME(ISDSC_FAILURE_TO_PERSIST_LB_POLICY),
	NAME(ISDSC_INVALID_HOST),
};

#undef NAME

const char *isdsc_status_name(ISDSC_STATUS status)
{
	for (size_t i = 0; i < ISDSC_ARRAY_SIZE(status_names); i++)
		if (status_names[i].status == status)
			return status_names[i].name;
	return NULL;
}

ISDSC_EXPORT const CHAR *IScsiMcsStatusName(ISDSC_STATUS Status)
{
	return isdsc_status_name(Status);
}
