/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The sessions of the namespace with everything the module reports about
 * them, for mcsadm's iscsiadm-style listings: the transport class session
 * number, portal group tag, states, negotiated values and per-connection
 * counters, which the Windows structures of iscsidsc.h have no room for.
 *
 * PRIVATE API: exported by libiscsidsc.so.1 in the ISCSI_MCS_PRIVATE symbol
 * version for mcsadm only; it may change with any release.
 */
#ifndef ISCSIDSC_SESSIONS_H
#define ISCSIDSC_SESSIONS_H

#include <stdint.h>
#include <stddef.h>

#include <iscsidsc.h>

#ifdef __cplusplus
extern "C" {
#endif

/* enum iscsi_mcs_state of the module, for sessions and connections. */
enum iscsi_mcs_info_state {
	ISCSI_MCS_INFO_LOGGED_IN,
	ISCSI_MCS_INFO_FAILED,
	ISCSI_MCS_INFO_LOGGING_OUT,
	ISCSI_MCS_INFO_REMOVED,
};

struct iscsi_mcs_conn_info {
	ISCSI_UNIQUE_CONNECTION_ID id;
	uint16_t cid;
	uint8_t state;
	char portal[46];	/* numeric, IPv6 without brackets; "" if unknown */
	uint16_t portal_port;
	char local[46];
	uint16_t local_port;
	uint8_t header_digest, data_digest;	/* 0 none, 1 CRC32C */
	uint32_t max_recv_dsl, max_xmit_dsl;
	uint32_t weight;
	uint8_t standby;
	uint32_t depth;
	uint64_t pdus_sent, pdus_received, commands, bytes_read, bytes_written, errors;
	uint64_t latency_ns;
};

struct iscsi_mcs_session_info {
	ISCSI_UNIQUE_SESSION_ID id;
	int64_t class_sid;	/* N of /sys/class/iscsi_session/sessionN; -1 if none */
	int64_t host_no;	/* SCSI host; -1 until it exists */
	uint64_t isid;
	uint16_t tsih, tpgt;
	uint8_t state;
	uint8_t policy;		/* enum iscsi_mcs_policy */
	char target_name[224];
	char initiator_name[224];
	char target_alias[256];
	uint32_t max_connections, error_recovery_level;
	uint32_t max_burst_length, first_burst_length;
	uint32_t default_time2wait, default_time2retain, max_outstanding_r2t;
	uint8_t immediate_data, initial_r2t;
	size_t n_conns;
	struct iscsi_mcs_conn_info *conns;
};

/*
 * Every session of the caller's namespace, sorted by class_sid (sessions
 * without one last): *out malloc()ed, to free with
 * iscsi_mcs_sessions_free(). An ISDSC_STATUS, with
 * IScsiMcsLastErrorText() set on failure.
 */
ISDSC_STATUS iscsi_mcs_sessions_get(struct iscsi_mcs_session_info **out, size_t *n);
void iscsi_mcs_sessions_free(struct iscsi_mcs_session_info *s, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* ISCSIDSC_SESSIONS_H */
