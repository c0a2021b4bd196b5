/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * iscsi_mcs: generic netlink interface of the iSCSI initiator with multiple
 * connections per session.
 *
 * Copyright (C) 2026 The iscsi-mcs authors.
 *
 * Documentation
 * =============
 *
 * The family is named ISCSI_MCS_GENL_NAME ("iscsi_mcs") at version
 * ISCSI_MCS_GENL_VERSION; resolve its id with CTRL_CMD_GETFAMILY. The family
 * is network-namespace aware: every request acts on, and every object
 * belongs to, the namespace of the netlink socket that sent it.
 *
 * Validation is strict: an attribute that a command does not list below is
 * refused (EINVAL), as is a nested attribute inside a nest that does not
 * list it, a string without its terminating NUL, or an integer outside the
 * documented range. Every refusal sets an extended-ack message (and, where
 * one attribute is to blame, its offset), so request NETLINK_EXT_ACK on the
 * socket to read why.
 *
 * Permissions: commands marked "admin" need CAP_NET_ADMIN in the initial
 * user namespace (they change state that is visible outside the namespace,
 * such as SCSI hosts); without it they fail with EPERM. Unmarked commands
 * may be used by anyone.
 *
 * The attribute trees below use this notation:
 *
 *    ISCSI_MCS_A_X: NLA_U32, meaning, [range]
 *    ISCSI_MCS_A_NEST: NLA_NESTED
 *        ISCSI_MCS_NEST_A_Y: NLA_NUL_STRING, ...
 *
 * Commands
 * --------
 *
 * ISCSI_MCS_CMD_GET_VERSION
 *    Asks what this module is and can do. Takes no attributes. Answers:
 *
 *    ISCSI_MCS_A_VERSION: NLA_NUL_STRING, the module's version, "MAJOR.MINOR.PATCH"
 *    ISCSI_MCS_A_API_VERSION: NLA_U32, ISCSI_MCS_API_VERSION of the module
 *    ISCSI_MCS_A_CAPS: NLA_U64, bit (1 << F) set for each feature F of enum
 *        iscsi_mcs_caps the module implements; a clear bit means absent
 *    ISCSI_MCS_A_MAX_CONNS_LIMIT: NLA_U32, the most connections one session
 *        may ever have with this module, whatever a target allows
 *
 * ISCSI_MCS_CMD_CONFIG_GET
 *    Reads the namespace's initiator defaults, the values used when a later
 *    request does not give its own. Takes no attributes. Answers:
 *
 *    ISCSI_MCS_A_CONFIG: NLA_NESTED, every attribute of enum
 *        iscsi_mcs_config_attrs (the initiator name and alias only once set)
 *
 * ISCSI_MCS_CMD_CONFIG_SET (admin)
 *    Changes some of the namespace's initiator defaults; attributes left out
 *    keep their value. Objects that already exist are not changed. Takes:
 *
 *    ISCSI_MCS_A_CONFIG: NLA_NESTED, required, at least one of
 *        ISCSI_MCS_CONFIG_A_INITIATOR_NAME: NLA_NUL_STRING, an iSCSI name in
 *            "iqn.", "eui." or "naa." format (RFC 7143 section 4.2.7), at most
 *            ISCSI_MCS_NAME_MAX bytes, lower case; "" clears it
 *        ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS: NLA_NUL_STRING, free text of at
 *            most ISCSI_MCS_ALIAS_MAX bytes, no control characters; "" clears
 *        ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS: NLA_U32, how long one login
 *            (TCP connect included) may take, [1000, 600000]
 *        ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS: NLA_U32, idle time after which a
 *            connection sends a NOP-Out ping, 0 (never) or [1000, 3600000]
 *        ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS: NLA_U32, how long a NOP-Out may
 *            wait for its NOP-In before the connection is declared failed,
 *            [1000, 3600000]; not more than a non-zero NOOP_INTERVAL_MS
 *        ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS: NLA_U32, how long I/O is
 *            held while a session has no connection before it is failed,
 *            [0, 3600000]
 *        ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS: NLA_U32, MaxConnections offered
 *            in a leading login, [1, ISCSI_MCS_A_MAX_CONNS_LIMIT]
 *        ISCSI_MCS_CONFIG_A_CMDS_MAX: NLA_U32, commands a new session may
 *            have queued at once (its SCSI host's can_queue), [1, 1024],
 *            default 128; see ISCSI_MCS_LOGIN_A_CMDS_MAX
 *
 *    Answers nothing but the acknowledgment. On success, the whole new
 *    configuration is multicast to ISCSI_MCS_MCGRP_EVENTS as
 *    ISCSI_MCS_CMD_CONFIG_NTF with the same tree as CONFIG_GET's answer.
 *    Refusals: EINVAL for a missing or empty nest, a malformed name, an
 *    alias with control characters, an integer out of range, or a NOP-Out
 *    timeout longer than the interval it would end up with.
 *
 * ISCSI_MCS_CMD_CONFIG_NTF
 *    Notification only (see CONFIG_SET); refused with EOPNOTSUPP as a request.
 *
 * ISCSI_MCS_CMD_LOGIN (admin)
 *    Opens a TCP connection to a portal and logs in a new Normal session
 *    (the leading login), following redirections. Blocks until the session
 *    is in full feature phase or the login failed; the connect and every
 *    login response must each come within the namespace's login timeout.
 *    Takes:
 *
 *    ISCSI_MCS_A_TARGET_NAME: NLA_NUL_STRING, required, an iSCSI name
 *    ISCSI_MCS_A_PORTAL: NLA_NESTED, required, enum iscsi_mcs_addr_attrs:
 *        ISCSI_MCS_ADDR_A_IPV4 (4 bytes) or ISCSI_MCS_ADDR_A_IPV6 (16 bytes),
 *        network order, exactly one; ISCSI_MCS_ADDR_A_PORT: NLA_U16, default
 *        3260; ISCSI_MCS_ADDR_A_SCOPE_ID: NLA_U32, IPv6 link-local scope
 *        (an interface index). IPv6 portals work like IPv4 ones
 *        (ISCSI_MCS_CAP_IPV6), and the connections of one session may mix
 *        the two families. A link-local portal needs SCOPE_ID or a local
 *        IFINDEX, equal when both are given (EINVAL otherwise); a
 *        redirection to a link-local address stays on the portal's link.
 *    ISCSI_MCS_A_LOCAL: NLA_NESTED, optional, where to connect from: an
 *        address of the portal's family (port ignored; the kernel picks
 *        one) and/or ISCSI_MCS_ADDR_A_IFINDEX: NLA_U32, the interface to
 *        bind the socket to (SO_BINDTOIFINDEX). Refusals: EINVAL for an
 *        address of the other family or an IFINDEX in ISCSI_MCS_A_PORTAL,
 *        ENODEV for an interface not in the namespace, EADDRNOTAVAIL for
 *        an address this host does not have (unless ip_nonlocal_bind
 *        allows it), each with an extack message.
 *    ISCSI_MCS_A_INITIATOR_NAME: NLA_NUL_STRING, default: the namespace's
 *        (refused with EINVAL when neither is set)
 *    ISCSI_MCS_A_ISID: NLA_U64, the 48-bit ISID; default: a random one
 *    ISCSI_MCS_A_LOGIN: NLA_NESTED, optional, enum iscsi_mcs_login_attrs:
 *        HEADER_DIGEST, DATA_DIGEST: NLA_U8, enum iscsi_mcs_digest (default
 *            ISCSI_MCS_DIGEST_NONE_CRC32C)
 *        MAX_CONNECTIONS: NLA_U32, [1, ISCSI_MCS_A_MAX_CONNS_LIMIT], default
 *            the namespace's
 *        ERROR_RECOVERY_LEVEL: NLA_U8, [0, 2], default 0
 *        DEFAULT_TIME2WAIT, DEFAULT_TIME2RETAIN: NLA_U32, [0, 3600] seconds
 *        IMMEDIATE_DATA, INITIAL_R2T: NLA_U8, 0 or 1
 *        MAX_RECV_DSL, MAX_BURST_LENGTH, FIRST_BURST_LENGTH: NLA_U32,
 *            [512, 16777215]; FIRST_BURST_LENGTH not above MAX_BURST_LENGTH
 *        CHAP_NAME: NLA_NUL_STRING, at most 255 bytes, and CHAP_SECRET:
 *            NLA_BINARY, 12 to 256 bytes: authenticate with CHAP (both
 *            or neither)
 *        MUTUAL_CHAP_NAME, MUTUAL_CHAP_SECRET: the target must prove it
 *            knows this secret (needs CHAP_*; the name may be "" for any)
 *        CMDS_MAX: NLA_U32, [1, 1024], default the namespace's: not a
 *            login key but the most commands the session's SCSI host takes
 *            at once (can_queue, and the per-LUN starting depth). The
 *            target's CmdSN window still bounds what is sent at any time:
 *            commands beyond it wait in the block layer. No power of two
 *            is needed (tags are blk-mq's); the limit bounds the memory
 *            preallocated per command, and targets grant smaller windows
 *            (LIO 64 by default).
 *    ISCSI_MCS_A_POLICY: NLA_U8, optional, enum iscsi_mcs_policy, how the
 *        session spreads commands over its connections, [0,
 *        ISCSI_MCS_POLICY_MAX]; default ISCSI_MCS_POLICY_ROUND_ROBIN
 *
 *    Answers ISCSI_MCS_A_SESSION_ID and ISCSI_MCS_A_CONN_ID (NLA_BINARY,
 *    16 bytes each: 128-bit identifiers, never reused) and the session as
 *    ISCSI_MCS_A_SESSION, the tree SESSION_GET answers. Secrets are never
 *    answered, logged or kept once the login is over.
 *    Refusals: EINVAL or ERANGE for bad attributes; ETIMEDOUT, ECONNREFUSED,
 *    EHOSTUNREACH, ENETUNREACH when the portal cannot be reached; EPROTO when
 *    the target breaks the protocol; when the target refuses the login, an
 *    errno for its status (EACCES authentication or authorisation, ENOENT
 *    target not found or removed, EUSERS too many connections, EBUSY cannot
 *    include, ESRCH session does not exist, EOPNOTSUPP unsupported, EAGAIN
 *    service unavailable, EIO other) and the extack cookie holds two bytes:
 *    the iSCSI login status class and detail.
 *
 * ISCSI_MCS_CMD_LOGOUT (admin)
 *    Logs a session out (reason "close the session") and removes it. Takes
 *    ISCSI_MCS_A_SESSION_ID (required). ENOENT for an unknown session.
 *
 * ISCSI_MCS_CMD_SESSION_GET
 *    With ISCSI_MCS_A_SESSION_ID: that session (ENOENT if unknown). As a
 *    dump (NLM_F_DUMP, no attribute): every session of the namespace, one
 *    message each. Answers ISCSI_MCS_A_SESSION: NLA_NESTED,
 *    enum iscsi_mcs_session_attrs:
 *        ID (16 bytes), ISID (NLA_U64), TSIH (NLA_U16), TPGT (NLA_U16),
 *        STATE (NLA_U8, enum iscsi_mcs_state), TARGET_NAME, INITIATOR_NAME,
 *        TARGET_ALIAS (NLA_NUL_STRING), and the negotiated session values:
 *        MAX_CONNECTIONS, ERROR_RECOVERY_LEVEL, MAX_BURST_LENGTH,
 *        FIRST_BURST_LENGTH, DEFAULT_TIME2WAIT, DEFAULT_TIME2RETAIN,
 *        MAX_OUTSTANDING_R2T (NLA_U32), IMMEDIATE_DATA, INITIAL_R2T
 *        (NLA_U8), HOST_NO (NLA_U32, the SCSI host: hostN in sysfs, the
 *        H of H:C:T:L; absent until the host exists), CLASS_SID (NLA_U32,
 *        N of /sys/class/iscsi_session/sessionN, as iscsiadm numbers the
 *        session; absent until registered), POLICY (NLA_U8, enum
 *        iscsi_mcs_policy), CMDS_MAX (NLA_U32, the SCSI host's can_queue
 *        chosen at login), and
 *        CONNS: NLA_NESTED, one ISCSI_MCS_SESSION_A_CONN nest per
 *        connection, enum iscsi_mcs_conn_attrs: ID (16 bytes), CID
 *        (NLA_U16), STATE (NLA_U8), PORTAL and LOCAL (address nests: IPV4
 *        or IPV6, PORT, and SCOPE_ID for a scoped IPv6 address; LOCAL is
 *        the socket's actual source, bound or not),
 *        HEADER_DIGEST, DATA_DIGEST (NLA_U8: 0 none, 1 CRC32C),
 *        MAX_RECV_DSL, MAX_XMIT_DSL (NLA_U32), the policy inputs WEIGHT
 *        (NLA_U32) and STANDBY (NLA_U8, 0 or 1) as CONN_SET left them,
 *        and the counters, from when the connection came up:
 *        PDUS_SENT, PDUS_RECEIVED (NLA_U64)
 *        COMMANDS (NLA_U64): SCSI commands given to the connection
 *        BYTES_READ, BYTES_WRITTEN (NLA_U64): their data lengths, by
 *            direction, counted when the command is given
 *        ERRORS (NLA_U64): commands that did not complete on the
 *            connection: failed in transport (the connection failed, or
 *            the target's iSCSI response was not "completed"), or taken
 *            over by the SCSI error handler (abort, reset)
 *        DEPTH (NLA_U32): commands in flight on it now
 *        LATENCY_NS (NLA_U64): moving average (each new sample counts
 *            for 1/8) of the time from submission to the target's status;
 *            0 until the first command completed
 *
 * ISCSI_MCS_CMD_CONN_ADD (admin)
 *    Adds one connection to a session in full feature phase (Windows'
 *    AddIScsiConnection): a non-leading login through any portal of the
 *    session's portal group, with the session's ISID and TSIH, a CID no
 *    connection of the session uses, and only connection keys negotiated;
 *    authentication runs again on the new connection. Blocks until the
 *    connection carries commands or was refused; the session carries on
 *    meanwhile and is not disturbed by a refusal. Takes:
 *
 *    ISCSI_MCS_A_SESSION_ID: required
 *    ISCSI_MCS_A_PORTAL: required, as for LOGIN
 *    ISCSI_MCS_A_LOCAL: optional, as for LOGIN
 *    ISCSI_MCS_A_LOGIN: optional, as for LOGIN; only the digests,
 *        MAX_RECV_DSL and the CHAP attributes apply to a connection (the
 *        session-wide ones, CMDS_MAX included, are ignored)
 *
 *    Answers ISCSI_MCS_A_SESSION_ID, the new ISCSI_MCS_A_CONN_ID and
 *    ISCSI_MCS_A_SESSION. Refusals, each with an extack message: ENOENT
 *    unknown session; ENOTCONN session not in full feature phase; EUSERS
 *    the negotiated MaxConnections reached (locally) or the target's 0x0206;
 *    EBUSY the target's 0x0208 (cannot include); ESRCH its 0x020a (no such
 *    session); EXDEV the portal's TargetPortalGroupTag is not the
 *    session's; ETIMEDOUT or ECONNREFUSED the portal cannot be reached;
 *    target refusals carry the login status in the extack cookie as LOGIN.
 *
 * ISCSI_MCS_CMD_CONN_REMOVE (admin)
 *    Removes one connection: new commands stop using it at once, those it
 *    carries complete, then it logs out with reason "close the connection"
 *    (a failed connection is just dropped). Takes ISCSI_MCS_A_SESSION_ID
 *    and ISCSI_MCS_A_CONN_ID. ENOENT unknown session or connection; EBUSY
 *    for the last connection in full feature phase (a session ends with
 *    LOGOUT, which logs out whichever connection remains, the leading one
 *    included); ETIMEDOUT when its commands did not finish within the
 *    login timeout (the connection then stays and carries new commands
 *    again).
 *
 * ISCSI_MCS_CMD_SESSION_NTF
 *    Notification only: a session was made, changed state or was removed,
 *    or SESSION_SET or CONN_SET changed it; the same tree as SESSION_GET.
 *    A session failed is this with STATE FAILED (a connection lost below
 *    ErrorRecoveryLevel 2, every connection lost, or connection recovery
 *    failed; see CONN_NTF); a session recovered (reinstated) is this with
 *    STATE LOGGED_IN after a FAILED one. At ErrorRecoveryLevel 2 a lost
 *    connection, with others working, is only a CONN_NTF FAILED, then
 *    RECOVERED: its tasks move, the session stays LOGGED_IN.
 *
 * ISCSI_MCS_CMD_CONN_NTF
 *    Notification only: one connection's event. Carries
 *    ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_A_CONN_ID (the connection's id; a
 *    recovered connection is a new connection with a new id),
 *    ISCSI_MCS_A_CID (NLA_U16) and ISCSI_MCS_A_CONN_EVENT (NLA_U8,
 *    enum iscsi_mcs_conn_event): ADDED by CONN_ADD, REMOVED by CONN_REMOVE,
 *    FAILED (TCP close or reset, NOP-Out timeout, digest or protocol
 *    error), RECOVERED (logged in again by recovery, the session's leading
 *    connection after a reinstatement included).
 *
 * ISCSI_MCS_CMD_DISCOVER (admin)
 *    SendTargets discovery (RFC 7143 section 13.3 and appendix C): logs a
 *    Discovery session in at a portal (SessionType=Discovery, no
 *    TargetName, following redirections, bounded by the namespace's login
 *    timeout like LOGIN), asks for SendTargets=All, reads the whole answer
 *    (Text Responses continued with the C bit or the F bit), logs the
 *    session out and closes the connection. Nothing stays behind: the
 *    session is never listed by SESSION_GET. Takes:
 *
 *    ISCSI_MCS_A_PORTAL: NLA_NESTED, required, as for LOGIN
 *    ISCSI_MCS_A_LOCAL: NLA_NESTED, optional, as for LOGIN
 *    ISCSI_MCS_A_INITIATOR_NAME: NLA_NUL_STRING, default: the namespace's
 *    ISCSI_MCS_A_LOGIN: NLA_NESTED, optional, only these of LOGIN's:
 *        HEADER_DIGEST, DATA_DIGEST, MAX_RECV_DSL, CHAP_NAME, CHAP_SECRET,
 *        MUTUAL_CHAP_NAME, MUTUAL_CHAP_SECRET (the discovery
 *        authentication the target asks for)
 *
 *    Answers, once the target's whole answer is read:
 *
 *    ISCSI_MCS_A_TARGETS: NLA_NESTED, always there (empty when the target
 *        reports none), one ISCSI_MCS_A_TARGET nest per TargetName in the
 *        order the target gave them, enum iscsi_mcs_target_attrs:
 *        NAME: NLA_NUL_STRING, the target's iSCSI name, as the target gave
 *            it (at most ISCSI_MCS_NAME_MAX - 1 bytes)
 *        ALIAS: NLA_NUL_STRING, only when the target sent a TargetAlias
 *        PORTALS: NLA_NESTED, always there, one ISCSI_MCS_TARGET_A_PORTAL
 *            nest per TargetAddress, in the target's order, enum
 *            iscsi_mcs_portal_attrs (it may be empty: the target then gave
 *            no address, and is reached at the portal discovery used):
 *            ADDR: NLA_NESTED, enum iscsi_mcs_addr_attrs: IPV4 or IPV6
 *                (network order) when the address is a literal, and PORT
 *                (NLA_U16, 3260 when the target gave none) always
 *            HOSTNAME: NLA_NUL_STRING, instead of IPV4/IPV6 when the target
 *                gave a DNS name: the kernel does not resolve names, user
 *                space resolves it and logs in at the result
 *            TPGT: NLA_U16, the portal group tag
 *
 *    The answer text is limited to 65536 bytes and 8192 keys; the reply is
 *    sized from it and may exceed a page (at most about 140 KiB): read it
 *    with MSG_PEEK | MSG_TRUNC or a large enough buffer, and give the
 *    socket a receive buffer of at least 512 KiB when NLM_F_ACK is set.
 *    Refusals: EINVAL or ERANGE for bad attributes; the portal's errnos and
 *    the target's login refusals (errno and extack cookie) as for LOGIN;
 *    EPROTO when the target breaks the protocol or its answer is malformed
 *    (an address before any TargetName, a portal group tag above 65535, an
 *    unparsable address, a name longer than allowed); EOPNOTSUPP when the
 *    target rejects SendTargets; EMSGSIZE when the answer exceeds the
 *    limits above.
 *
 * ISCSI_MCS_CMD_SESSION_SET (admin)
 *    Changes how a session spreads new commands over its connections, at
 *    once and under I/O; commands already given to a connection stay on
 *    it. The policies are described at enum iscsi_mcs_policy. Takes:
 *
 *    ISCSI_MCS_A_SESSION_ID: required
 *    ISCSI_MCS_A_POLICY: NLA_U8, required, enum iscsi_mcs_policy, [0,
 *        ISCSI_MCS_POLICY_MAX]
 *
 *    Answers nothing but the acknowledgment; the changed session is
 *    multicast as ISCSI_MCS_CMD_SESSION_NTF. Refusals, each with an extack
 *    message: EINVAL without SESSION_ID or POLICY; ERANGE for a policy
 *    beyond ISCSI_MCS_POLICY_MAX; ENOENT unknown session.
 *
 * ISCSI_MCS_CMD_CONN_SET (admin)
 *    Changes one connection's part in its session's policy; attributes
 *    left out keep their value. Takes:
 *
 *    ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_A_CONN_ID: required
 *    ISCSI_MCS_A_WEIGHT: NLA_U32, [1, ISCSI_MCS_WEIGHT_MAX], its share for
 *        ISCSI_MCS_POLICY_WEIGHTED: of every sum-of-weights commands it gets
 *        its weight (default 1); other policies ignore it
 *    ISCSI_MCS_A_STANDBY: NLA_U8, 0 or 1: with 1 the connection carries
 *        commands only while no connection out of standby is usable
 *        (default 0); ISCSI_MCS_POLICY_ROUND_ROBIN ignores it
 *
 *    At least one of WEIGHT and STANDBY. Answers nothing but the
 *    acknowledgment; the changed session is multicast as
 *    ISCSI_MCS_CMD_SESSION_NTF. Refusals, each with an extack message:
 *    EINVAL without SESSION_ID, CONN_ID, or both of WEIGHT and STANDBY;
 *    ERANGE a weight or standby value out of range; ENOENT unknown session
 *    or connection.
 *
 * Multicast groups
 * ----------------
 *
 * ISCSI_MCS_MCGRP_EVENTS ("events"): every notification of the family, in
 *    the namespace where it happened.
 */

#ifndef _UAPI_LINUX_ISCSI_MCS_H
#define _UAPI_LINUX_ISCSI_MCS_H

#define ISCSI_MCS_GENL_NAME		"iscsi_mcs"
#define ISCSI_MCS_GENL_VERSION		1
#define ISCSI_MCS_MCGRP_EVENTS		"events"

/* Bumped whenever a command or an attribute is added. */
#define ISCSI_MCS_API_VERSION		4

/* iSCSI names are at most 223 bytes (RFC 7143 section 6.1), plus the NUL. */
#define ISCSI_MCS_NAME_MAX		224
#define ISCSI_MCS_ALIAS_MAX		256

enum iscsi_mcs_cmd {
	ISCSI_MCS_CMD_UNSPEC,
	ISCSI_MCS_CMD_GET_VERSION,
	ISCSI_MCS_CMD_CONFIG_GET,
	ISCSI_MCS_CMD_CONFIG_SET,
	ISCSI_MCS_CMD_CONFIG_NTF,
	ISCSI_MCS_CMD_LOGIN,
	ISCSI_MCS_CMD_LOGOUT,
	ISCSI_MCS_CMD_SESSION_GET,
	ISCSI_MCS_CMD_SESSION_NTF,
	ISCSI_MCS_CMD_DISCOVER,
	ISCSI_MCS_CMD_CONN_ADD,
	ISCSI_MCS_CMD_CONN_REMOVE,
	ISCSI_MCS_CMD_SESSION_SET,
	ISCSI_MCS_CMD_CONN_SET,
	ISCSI_MCS_CMD_CONN_NTF,

	__ISCSI_MCS_CMD_MAX
};

#define ISCSI_MCS_CMD_MAX (__ISCSI_MCS_CMD_MAX - 1)

enum iscsi_mcs_attrs {
	ISCSI_MCS_A_UNSPEC,
	ISCSI_MCS_A_PAD,
	ISCSI_MCS_A_VERSION,
	ISCSI_MCS_A_API_VERSION,
	ISCSI_MCS_A_CAPS,
	ISCSI_MCS_A_MAX_CONNS_LIMIT,
	ISCSI_MCS_A_CONFIG,
	ISCSI_MCS_A_SESSION_ID,
	ISCSI_MCS_A_CONN_ID,
	ISCSI_MCS_A_TARGET_NAME,
	ISCSI_MCS_A_INITIATOR_NAME,
	ISCSI_MCS_A_ISID,
	ISCSI_MCS_A_PORTAL,
	ISCSI_MCS_A_LOCAL,
	ISCSI_MCS_A_LOGIN,
	ISCSI_MCS_A_SESSION,
	ISCSI_MCS_A_TARGETS,
	ISCSI_MCS_A_TARGET,
	ISCSI_MCS_A_POLICY,
	ISCSI_MCS_A_WEIGHT,
	ISCSI_MCS_A_STANDBY,
	ISCSI_MCS_A_CONN_EVENT,
	ISCSI_MCS_A_CID,

	__ISCSI_MCS_A_MAX
};

#define ISCSI_MCS_A_MAX (__ISCSI_MCS_A_MAX - 1)

enum iscsi_mcs_config_attrs {
	ISCSI_MCS_CONFIG_A_UNSPEC,
	ISCSI_MCS_CONFIG_A_INITIATOR_NAME,
	ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS,
	ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS,
	ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS,
	ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS,
	ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS,
	ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS,
	ISCSI_MCS_CONFIG_A_CMDS_MAX,

	__ISCSI_MCS_CONFIG_A_MAX
};

#define ISCSI_MCS_CONFIG_A_MAX (__ISCSI_MCS_CONFIG_A_MAX - 1)

/* Identifiers of sessions and connections are 128-bit, like Windows'. */
#define ISCSI_MCS_ID_LEN		16

enum iscsi_mcs_addr_attrs {
	ISCSI_MCS_ADDR_A_UNSPEC,
	ISCSI_MCS_ADDR_A_IPV4,
	ISCSI_MCS_ADDR_A_IPV6,
	ISCSI_MCS_ADDR_A_PORT,
	ISCSI_MCS_ADDR_A_SCOPE_ID,
	ISCSI_MCS_ADDR_A_IFINDEX,

	__ISCSI_MCS_ADDR_A_MAX
};

#define ISCSI_MCS_ADDR_A_MAX (__ISCSI_MCS_ADDR_A_MAX - 1)

enum iscsi_mcs_digest {
	ISCSI_MCS_DIGEST_NONE,		/* None only */
	ISCSI_MCS_DIGEST_CRC32C,	/* CRC32C only */
	ISCSI_MCS_DIGEST_NONE_CRC32C,	/* None preferred, CRC32C accepted */
	ISCSI_MCS_DIGEST_CRC32C_NONE,	/* CRC32C preferred, None accepted */

	__ISCSI_MCS_DIGEST_MAX
};

#define ISCSI_MCS_DIGEST_MAX (__ISCSI_MCS_DIGEST_MAX - 1)

enum iscsi_mcs_login_attrs {
	ISCSI_MCS_LOGIN_A_UNSPEC,
	ISCSI_MCS_LOGIN_A_HEADER_DIGEST,
	ISCSI_MCS_LOGIN_A_DATA_DIGEST,
	ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS,
	ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL,
	ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT,
	ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN,
	ISCSI_MCS_LOGIN_A_IMMEDIATE_DATA,
	ISCSI_MCS_LOGIN_A_INITIAL_R2T,
	ISCSI_MCS_LOGIN_A_MAX_RECV_DSL,
	ISCSI_MCS_LOGIN_A_MAX_BURST_LENGTH,
	ISCSI_MCS_LOGIN_A_FIRST_BURST_LENGTH,
	ISCSI_MCS_LOGIN_A_CHAP_NAME,
	ISCSI_MCS_LOGIN_A_CHAP_SECRET,
	ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME,
	ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET,
	ISCSI_MCS_LOGIN_A_CMDS_MAX,

	__ISCSI_MCS_LOGIN_A_MAX
};

#define ISCSI_MCS_LOGIN_A_MAX (__ISCSI_MCS_LOGIN_A_MAX - 1)

enum iscsi_mcs_state {
	ISCSI_MCS_STATE_LOGGED_IN,	/* full feature phase */
	ISCSI_MCS_STATE_FAILED,		/* being recovered, commands wait */
	ISCSI_MCS_STATE_LOGGING_OUT,
	ISCSI_MCS_STATE_REMOVED,	/* in the last notification only */

	__ISCSI_MCS_STATE_MAX
};

#define ISCSI_MCS_STATE_MAX (__ISCSI_MCS_STATE_MAX - 1)

enum iscsi_mcs_session_attrs {
	ISCSI_MCS_SESSION_A_UNSPEC,
	ISCSI_MCS_SESSION_A_PAD,
	ISCSI_MCS_SESSION_A_ID,
	ISCSI_MCS_SESSION_A_ISID,
	ISCSI_MCS_SESSION_A_TSIH,
	ISCSI_MCS_SESSION_A_TPGT,
	ISCSI_MCS_SESSION_A_STATE,
	ISCSI_MCS_SESSION_A_TARGET_NAME,
	ISCSI_MCS_SESSION_A_INITIATOR_NAME,
	ISCSI_MCS_SESSION_A_TARGET_ALIAS,
	ISCSI_MCS_SESSION_A_MAX_CONNECTIONS,
	ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL,
	ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH,
	ISCSI_MCS_SESSION_A_FIRST_BURST_LENGTH,
	ISCSI_MCS_SESSION_A_DEFAULT_TIME2WAIT,
	ISCSI_MCS_SESSION_A_DEFAULT_TIME2RETAIN,
	ISCSI_MCS_SESSION_A_MAX_OUTSTANDING_R2T,
	ISCSI_MCS_SESSION_A_IMMEDIATE_DATA,
	ISCSI_MCS_SESSION_A_INITIAL_R2T,
	ISCSI_MCS_SESSION_A_CONNS,
	ISCSI_MCS_SESSION_A_CONN,
	ISCSI_MCS_SESSION_A_HOST_NO,
	ISCSI_MCS_SESSION_A_CLASS_SID,
	ISCSI_MCS_SESSION_A_POLICY,
	ISCSI_MCS_SESSION_A_CMDS_MAX,

	__ISCSI_MCS_SESSION_A_MAX
};

#define ISCSI_MCS_SESSION_A_MAX (__ISCSI_MCS_SESSION_A_MAX - 1)

enum iscsi_mcs_conn_attrs {
	ISCSI_MCS_CONN_A_UNSPEC,
	ISCSI_MCS_CONN_A_PAD,
	ISCSI_MCS_CONN_A_ID,
	ISCSI_MCS_CONN_A_CID,
	ISCSI_MCS_CONN_A_STATE,
	ISCSI_MCS_CONN_A_PORTAL,
	ISCSI_MCS_CONN_A_LOCAL,
	ISCSI_MCS_CONN_A_HEADER_DIGEST,
	ISCSI_MCS_CONN_A_DATA_DIGEST,
	ISCSI_MCS_CONN_A_MAX_RECV_DSL,
	ISCSI_MCS_CONN_A_MAX_XMIT_DSL,
	ISCSI_MCS_CONN_A_PDUS_SENT,
	ISCSI_MCS_CONN_A_PDUS_RECEIVED,
	ISCSI_MCS_CONN_A_WEIGHT,
	ISCSI_MCS_CONN_A_STANDBY,
	ISCSI_MCS_CONN_A_COMMANDS,
	ISCSI_MCS_CONN_A_BYTES_READ,
	ISCSI_MCS_CONN_A_BYTES_WRITTEN,
	ISCSI_MCS_CONN_A_ERRORS,
	ISCSI_MCS_CONN_A_DEPTH,
	ISCSI_MCS_CONN_A_LATENCY_NS,

	__ISCSI_MCS_CONN_A_MAX
};

#define ISCSI_MCS_CONN_A_MAX (__ISCSI_MCS_CONN_A_MAX - 1)

/*
 * How a session spreads new commands over its connections (SESSION_SET,
 * LOGIN). A command stays on the connection it was given until it
 * completes. "Usable" means in full feature phase and not being removed.
 * Every policy but ROUND_ROBIN uses standby connections (CONN_SET) only
 * while no usable connection is out of standby; ties between equally good
 * connections are broken round robin.
 */
enum iscsi_mcs_policy {
	/* Each usable connection in turn, standby ones included (default). */
	ISCSI_MCS_POLICY_ROUND_ROBIN,
	/* All on the usable connection with the lowest CID; others idle. */
	ISCSI_MCS_POLICY_FAILOVER,
	/* Each connection not in standby in turn. */
	ISCSI_MCS_POLICY_ROUND_ROBIN_SUBSET,
	/* The connection with the fewest commands in flight. */
	ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH,
	/* A connection of weight w gets w / (sum of weights) of commands. */
	ISCSI_MCS_POLICY_WEIGHTED,
	/* The least (bytes in flight + command bytes) * measured time/byte. */
	ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME,

	__ISCSI_MCS_POLICY_MAX
};

#define ISCSI_MCS_POLICY_MAX (__ISCSI_MCS_POLICY_MAX - 1)

/* Connection weights for ISCSI_MCS_POLICY_WEIGHTED are 1 to this. */
#define ISCSI_MCS_WEIGHT_MAX		1000

/* ISCSI_MCS_A_CONN_EVENT of a CONN_NTF. */
enum iscsi_mcs_conn_event {
	ISCSI_MCS_CONN_EVENT_ADDED,
	ISCSI_MCS_CONN_EVENT_REMOVED,
	ISCSI_MCS_CONN_EVENT_FAILED,
	ISCSI_MCS_CONN_EVENT_RECOVERED,
};

/* A target of a DISCOVER answer, in an ISCSI_MCS_A_TARGET nest. */
enum iscsi_mcs_target_attrs {
	ISCSI_MCS_TARGET_A_UNSPEC,
	ISCSI_MCS_TARGET_A_NAME,
	ISCSI_MCS_TARGET_A_ALIAS,
	ISCSI_MCS_TARGET_A_PORTALS,
	ISCSI_MCS_TARGET_A_PORTAL,

	__ISCSI_MCS_TARGET_A_MAX
};

#define ISCSI_MCS_TARGET_A_MAX (__ISCSI_MCS_TARGET_A_MAX - 1)

/* One TargetAddress, in an ISCSI_MCS_TARGET_A_PORTAL nest. */
enum iscsi_mcs_portal_attrs {
	ISCSI_MCS_PORTAL_A_UNSPEC,
	ISCSI_MCS_PORTAL_A_ADDR,
	ISCSI_MCS_PORTAL_A_HOSTNAME,
	ISCSI_MCS_PORTAL_A_TPGT,

	__ISCSI_MCS_PORTAL_A_MAX
};

#define ISCSI_MCS_PORTAL_A_MAX (__ISCSI_MCS_PORTAL_A_MAX - 1)

/*
 * Capabilities answered in ISCSI_MCS_A_CAPS, as bit numbers: feature F is
 * there when (caps >> F) & 1. A bit is set only once the module really
 * implements the feature; user space must not assume any of them.
 */
enum iscsi_mcs_caps {
	ISCSI_MCS_CAP_CONFIG,		/* CONFIG_GET and CONFIG_SET */
	ISCSI_MCS_CAP_LOGIN,		/* sessions carrying SCSI I/O */
	ISCSI_MCS_CAP_MCS,		/* more than one connection a session */
	ISCSI_MCS_CAP_DISCOVERY,	/* SendTargets discovery */
	ISCSI_MCS_CAP_CHAP,		/* CHAP and mutual CHAP */
	ISCSI_MCS_CAP_DIGESTS,		/* CRC32C header and data digests */
	ISCSI_MCS_CAP_ERL1,		/* ErrorRecoveryLevel 1 */
	ISCSI_MCS_CAP_ERL2,		/* ERL 2 connection recovery */
	ISCSI_MCS_CAP_IPV6,		/* IPv6 portals */
	ISCSI_MCS_CAP_POLICY,		/* SESSION_SET, CONN_SET, counters */

	__ISCSI_MCS_CAP_MAX
};

#define ISCSI_MCS_CAP_MAX (__ISCSI_MCS_CAP_MAX - 1)

#endif /* _UAPI_LINUX_ISCSI_MCS_H */
