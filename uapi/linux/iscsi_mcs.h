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
#define ISCSI_MCS_API_VERSION		1

/* iSCSI names are at most 223 bytes (RFC 7143 section 6.1), plus the NUL. */
#define ISCSI_MCS_NAME_MAX		224
#define ISCSI_MCS_ALIAS_MAX		256

enum iscsi_mcs_cmd {
	ISCSI_MCS_CMD_UNSPEC,
	ISCSI_MCS_CMD_GET_VERSION,
	ISCSI_MCS_CMD_CONFIG_GET,
	ISCSI_MCS_CMD_CONFIG_SET,
	ISCSI_MCS_CMD_CONFIG_NTF,

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

	__ISCSI_MCS_CONFIG_A_MAX
};

#define ISCSI_MCS_CONFIG_A_MAX (__ISCSI_MCS_CONFIG_A_MAX - 1)

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
	ISCSI_MCS_CAP_ERL2,		/* ErrorRecoveryLevel 2 */
	ISCSI_MCS_CAP_IPV6,		/* IPv6 portals */

	__ISCSI_MCS_CAP_MAX
};

#define ISCSI_MCS_CAP_MAX (__ISCSI_MCS_CAP_MAX - 1)

#endif /* _UAPI_LINUX_ISCSI_MCS_H */
