/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Translation of Linux error values into ISDSC/Win32 status codes. All
 * tables live in errmap.c so that a mapping is decided in one place.
 */
#ifndef ISDSC_ERRMAP_H
#define ISDSC_ERRMAP_H

#include <stddef.h>
#include <stdint.h>

#include "iscsidsc.h"

/* err: a positive errno value. Unknown values give ERROR_GEN_FAILURE. */
ISDSC_STATUS isdsc_status_from_errno(int err);

/* err: a libnl error (NLE_*, either sign). Unknown values give ERROR_GEN_FAILURE. */
ISDSC_STATUS isdsc_status_from_nlerr(int err);

/*
 * An iSCSI login response's Status-Class and Status-Detail (RFC 7143
 * section 11.13.5). Class 0 is success; an unknown detail gives the
 * generic code of its class.
 */
ISDSC_STATUS isdsc_status_from_login(uint8_t status_class, uint8_t status_detail);

/*
 * A refusal of ISCSI_MCS_CMD_LOGIN (an isdsc_nl_refusal_fn): the login
 * status in a 2-byte extended-ack cookie when the target refused, else the
 * failure to reach the portal (ISDSC_CONNECTION_FAILED), the target failing
 * mutual authentication (EACCES without a status: ISDSC_AUTHENTICATION_FAILURE),
 * a protocol error (ISDSC_LOGIN_FAILED), or the generic errno map.
 */
ISDSC_STATUS isdsc_status_from_login_refusal(int err, const uint8_t *cookie,
					     size_t cookie_len);

/*
 * A refusal of ISCSI_MCS_CMD_DISCOVER: as isdsc_status_from_login_refusal,
 * except that without a login status EMSGSIZE (the target's answer exceeds
 * the module's limits) is ISDSC_BUFFER_TOO_SMALL and EOPNOTSUPP (the target
 * rejected SendTargets) ERROR_NOT_SUPPORTED.
 */
ISDSC_STATUS isdsc_status_from_discover_refusal(int err, const uint8_t *cookie,
						size_t cookie_len);

/*
 * A refusal of a command naming a session (an isdsc_nl_refusal_fn): ENOENT
 * is ISDSC_INVALID_SESSION_ID, EBUSY ISDSC_DEVICE_BUSY_ON_SESSION, the rest
 * the generic errno map.
 */
ISDSC_STATUS isdsc_status_from_session_refusal(int err, const uint8_t *cookie,
					       size_t cookie_len);

/*
 * A refusal of ISCSI_MCS_CMD_CONN_ADD: the target's login status when the
 * cookie holds one (0x0206 ISDSC_TOO_MANY_CONNECTIONS, 0x0208
 * ISDSC_CANT_INCLUDE_IN_SESSION, 0x020a ISDSC_INVALID_SESSION_ID, ...);
 * else ENOENT and ESRCH ISDSC_INVALID_SESSION_ID, EUSERS
 * ISDSC_TOO_MANY_CONNECTIONS, EBUSY and EXDEV (a portal of another portal
 * group) ISDSC_CANT_INCLUDE_IN_SESSION, ENOTCONN (not in full feature phase)
 * ISDSC_SESSION_BUSY, the rest as isdsc_status_from_login_refusal.
 */
ISDSC_STATUS isdsc_status_from_conn_add_refusal(int err, const uint8_t *cookie,
						size_t cookie_len);

/*
 * A refusal of ISCSI_MCS_CMD_CONN_REMOVE: ENOENT ISDSC_INVALID_CONNECTION_ID
 * (the caller then checks whether the session itself is unknown), EBUSY
 * ISDSC_CANT_REMOVE_LAST_CONNECTION, ETIMEDOUT ERROR_TIMEOUT, the rest the
 * generic errno map.
 */
ISDSC_STATUS isdsc_status_from_conn_remove_refusal(int err, const uint8_t *cookie,
						   size_t cookie_len);

/*
 * A refusal of ISCSI_MCS_CMD_SESSION_SET: ENOENT ISDSC_INVALID_SESSION_ID,
 * ERANGE (a policy the module does not have)
 * ISDSC_INVALID_LOAD_BALANCE_POLICY, EOPNOTSUPP (a module without the
 * command) ISDSC_LB_POLICY_NOT_SUPPORTED, the rest the generic errno map
 * (EINVAL ERROR_INVALID_PARAMETER, EPERM ERROR_ACCESS_DENIED).
 */
ISDSC_STATUS isdsc_status_from_session_set_refusal(int err, const uint8_t *cookie,
						   size_t cookie_len);

/*
 * A refusal of ISCSI_MCS_CMD_CONN_SET: ENOENT ISDSC_INVALID_CONNECTION_ID
 * (the caller then checks whether the session itself is unknown),
 * EOPNOTSUPP ISDSC_LB_POLICY_NOT_SUPPORTED, the rest the generic errno map
 * (EINVAL and ERANGE ERROR_INVALID_PARAMETER, EPERM ERROR_ACCESS_DENIED).
 */
ISDSC_STATUS isdsc_status_from_conn_set_refusal(int err, const uint8_t *cookie,
						size_t cookie_len);

/* Symbolic name of status, or NULL. */
const char *isdsc_status_name(ISDSC_STATUS status);

#endif /* ISDSC_ERRMAP_H */
