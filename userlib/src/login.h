/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * LoginIScsiTargetA/W: the arguments in one encoding-neutral form, their
 * checks, and the ISCSI_MCS_CMD_LOGIN request they become.
 */
#ifndef ISDSC_LOGIN_H
#define ISDSC_LOGIN_H

#include <stdbool.h>
#include <stdint.h>

#include "iscsidsc.h"
#include "ports.h"
#include "secret.h"
#include "session.h"

/*
 * LoginIScsiTarget's arguments with strings in UTF-8. A W string that
 * could not be converted is NULL with its *_bad flag set, so that it is
 * reported at the same point as the A form would report a bad string.
 */
struct isdsc_login_args {
	const char *target;
	bool target_bad;		/* not valid UTF-16, or too long */
	BOOLEAN informational;
	const char *instance;
	bool instance_bad;
	ULONG port;
	bool have_portal;
	const char *address;		/* TargetPortal->Address */
	bool address_bad;		/* not NUL-terminated, or not valid UTF-16 */
	USHORT socket;
	const char *symbolic;		/* TargetPortal->SymbolicName */
	bool symbolic_bad;
	ISCSI_SECURITY_FLAGS security_flags;
	bool have_mappings;
	const ISCSI_LOGIN_OPTIONS *options;
	const ISDSC_MCS_LOGIN_OPTIONS *mcs_options;	/* IScsiMcsLoginIScsiTarget only */
	ULONG key_size;
	const void *key;
	BOOLEAN persistent;
	bool have_session_id, have_connection_id;
	bool have_reserved;		/* AddIScsiConnection: Reserved is not NULL */
	/* The W portal's strings in UTF-8 (isdsc_args_set_portalW). */
	char address_buf[3 * MAX_ISCSI_PORTAL_ADDRESS_LEN + 1];
	char symbolic_buf[3 * MAX_ISCSI_PORTAL_NAME_LEN + 1];
};

/*
 * The portal arguments of every function taking an ISCSI_TARGET_PORTAL:
 * sets have_portal, and when p is not NULL address, symbolic (or their
 * *_bad flag: not NUL-terminated within the array; for W, not valid UTF-16
 * or too long for the A form's array) and socket.
 */
void isdsc_args_set_portalA(struct isdsc_login_args *a, const ISCSI_TARGET_PORTALA *p);
void isdsc_args_set_portalW(struct isdsc_login_args *a, const ISCSI_TARGET_PORTALW *p);

/* The same for InitiatorInstance (NULL stays NULL). */
void isdsc_args_set_instanceW(struct isdsc_login_args *a, const WCHAR *instance, char *buf,
			      size_t size);

/* The request the arguments become. */
struct isdsc_login_req {
	char target[MAX_ISCSI_NAME_LEN + 1];
	char initiator[MAX_ISCSI_NAME_LEN + 1];
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	uint16_t tcp_port;
	struct isdsc_addr portal;	/* once resolved */
	bool have_port;
	struct isdsc_port port;		/* the initiator port, when one was named */
	bool have_header_digest, have_data_digest;
	uint8_t header_digest, data_digest;	/* enum iscsi_mcs_digest */
	bool have_max_connections, have_time2wait, have_time2retain;
	uint32_t max_connections, time2wait, time2retain;
	bool have_erl, have_policy;
	uint8_t erl, policy;		/* ErrorRecoveryLevel, enum iscsi_mcs_policy */
	ISCSI_AUTH_TYPES auth;
	bool chap_name_given;
	char chap_name[256];
	uint8_t chap_secret[ISDSC_CHAP_SECRET_MAX];
	size_t chap_secret_len;
	uint8_t mutual_secret[ISDSC_CHAP_SECRET_MAX];
	size_t mutual_secret_len;
	bool multipath;
	/* AddIScsiConnection: CONN_ADD to this session instead of LOGIN. */
	bool conn_add;
	/* AddIScsiSendTargetPortal & co.: DISCOVER at the portal instead of LOGIN. */
	bool discover;
	char symbolic[MAX_ISCSI_PORTAL_NAME_LEN];	/* TargetPortal->SymbolicName */
	char instance[MAX_ISCSI_HBANAME_LEN];		/* InitiatorInstance, "" if none */
	uint8_t session_id[ISCSI_MCS_ID_LEN];
};

/*
 * Every check that needs neither files nor the network nor the kernel, in
 * the order LoginIScsiTarget makes them, then IScsiMcsLoginIScsiTarget's
 * McsOptions; fills req from the arguments.
 */
ISDSC_STATUS isdsc_login_check(const struct isdsc_login_args *a, struct isdsc_login_req *req);

/*
 * AddIScsiConnectionA/W's checks, in order: Reserved, SecurityFlags, Key,
 * LoginOptions (as for LoginIScsiTarget; the session-wide MaximumConnections,
 * DefaultTime2Wait and DefaultTime2Retain are checked, then ignored, and so
 * is ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED), TargetPortal. Fills req with
 * conn_add set; the caller sets req->session_id. UniqueSessionId NULL is
 * the caller's check (a->have_session_id).
 */
ISDSC_STATUS isdsc_conn_add_check(const struct isdsc_login_args *a, struct isdsc_login_req *req);

/*
 * The checks of AddIScsiSendTargetPortalA/W, in order: Portal NULL
 * (ERROR_INVALID_PARAMETER), InitiatorInstance and InitiatorPortNumber,
 * SecurityFlags, LoginOptions (as for LoginIScsiTarget; MaximumConnections,
 * DefaultTime2Wait and DefaultTime2Retain are checked, then ignored, since
 * a discovery session has one connection and no tasks), Portal's
 * SymbolicName and Address. Fills req with discover set.
 */
ISDSC_STATUS isdsc_send_target_check(const struct isdsc_login_args *a,
				     struct isdsc_login_req *req);

/*
 * The checks of RemoveIScsiSendTargetPortalA/W and
 * RefreshIScsiSendTargetPortalA/W: Portal NULL, InitiatorInstance and
 * InitiatorPortNumber, Portal's Address; fills req->address, tcp_port,
 * instance and port.
 */
ISDSC_STATUS isdsc_portal_id_check(const struct isdsc_login_args *a,
				   struct isdsc_login_req *req);

/* A W string in UTF-8 (out_size >= 3 * max_units + 1); false if invalid or too long. */
bool isdsc_login_convert_w(const WCHAR *s, size_t max_units, char *out, size_t out_size);

/*
 * The rest of the preparation: the initiator port, the portal's address,
 * the mutual CHAP secret and the initiator node name.
 */
ISDSC_STATUS isdsc_login_prepare(struct isdsc_login_req *req);

/*
 * Resolves the portal address (a literal or a host name) into req->portal,
 * of the family of the initiator port's address when it has one.
 */
ISDSC_STATUS isdsc_login_resolve(struct isdsc_login_req *req);

/*
 * isdsc_mcs_fill_fn for LOGIN, or for CONN_ADD when req->conn_add (the
 * session id, the portal, the initiator port and only the per-connection
 * login keys: digests and CHAP), or for DISCOVER when req->discover (the
 * portal, the initiator port, the initiator name, the digests and CHAP);
 * arg is a prepared isdsc_login_req.
 */
ISDSC_STATUS isdsc_login_put(struct nl_msg *msg, const void *arg);

/* Erases the secrets req holds. */
void isdsc_login_req_wipe(struct isdsc_login_req *req);

#endif /* ISDSC_LOGIN_H */
