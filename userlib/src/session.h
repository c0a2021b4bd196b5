/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Sessions as ISCSI_MCS_CMD_SESSION_GET answers them, their identifiers,
 * and the single-buffer layouts of GetIScsiSessionListA/W/Ex.
 */
#ifndef ISDSC_SESSION_H
#define ISDSC_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/iscsi_mcs.h>
#include <netlink/msg.h>

#include "iscsidsc.h"

/*
 * The module's 128-bit identifiers and the SDK's two ULONGLONGs: bytes 0-7,
 * read as a big-endian number, are AdapterUnique and bytes 8-15
 * AdapterSpecific, so that printing "%016llx%016llx" gives the same hex
 * string as the identifier's bytes in order.
 */
void isdsc_id_to_unique(const uint8_t id[ISCSI_MCS_ID_LEN], ISCSI_UNIQUE_SESSION_ID *out);
void isdsc_unique_to_id(const ISCSI_UNIQUE_SESSION_ID *in, uint8_t id[ISCSI_MCS_ID_LEN]);

/* An address nest (enum iscsi_mcs_addr_attrs); family 0 when absent. */
struct isdsc_addr {
	int family;		/* AF_INET, AF_INET6 or 0 */
	uint8_t addr[16];	/* network order; 4 bytes used for AF_INET */
	uint16_t port;
	uint32_t scope_id;
};

/* The numeric address of a, "" when absent; buf holds INET6_ADDRSTRLEN. */
void isdsc_addr_string(const struct isdsc_addr *a, char *buf, size_t size);

struct isdsc_conn_rec {
	uint8_t id[ISCSI_MCS_ID_LEN];
	uint16_t cid;
	uint8_t state;
	struct isdsc_addr portal, local;
	uint8_t header_digest, data_digest;
	uint32_t max_recv_dsl, max_xmit_dsl;
	uint32_t weight, depth;
	uint8_t standby;
	uint64_t pdus_sent, pdus_received, commands, bytes_read, bytes_written, errors;
	uint64_t latency_ns;
};

struct isdsc_session_rec {
	uint8_t id[ISCSI_MCS_ID_LEN];
	uint64_t isid;
	uint16_t tsih, tpgt;
	uint8_t state;
	char target_name[ISCSI_MCS_NAME_MAX];
	char initiator_name[ISCSI_MCS_NAME_MAX];
	char target_alias[ISCSI_MCS_ALIAS_MAX];
	uint32_t max_connections, error_recovery_level;
	uint32_t max_burst_length, first_burst_length;
	uint32_t default_time2wait, default_time2retain, max_outstanding_r2t;
	uint8_t immediate_data, initial_r2t;
	bool have_host_no;		/* the SCSI host exists */
	uint32_t host_no;		/* hostN in sysfs */
	bool have_class_sid;		/* registered with the transport class */
	uint32_t class_sid;		/* /sys/class/iscsi_session/sessionN */
	uint8_t policy;			/* enum iscsi_mcs_policy */
	size_t n_conns;
	struct isdsc_conn_rec *conns;
};

struct isdsc_session_list {
	size_t n;
	struct isdsc_session_rec *s;
};

void isdsc_session_list_free(struct isdsc_session_list *list);

/*
 * isdsc_nl_reply_fn for SESSION_GET (one answer, or each part of a dump)
 * and LOGIN: appends the ISCSI_MCS_A_SESSION nest to the
 * isdsc_session_list arg. A nest without ID or TARGET_NAME, or with
 * malformed attributes, is ISDSC_DRIVER_BUG.
 */
ISDSC_STATUS isdsc_session_parse(struct nl_msg *reply, void *arg);

/* Every session of the caller's namespace, by a SESSION_GET dump. */
ISDSC_STATUS isdsc_session_dump(struct isdsc_session_list *list);

/*
 * Packs list the way GetIScsiSessionListA (ISDSC_PACK_A), ...W and ...Ex
 * do: *size is the buffer's size in, the bytes used (or needed, with
 * ERROR_INSUFFICIENT_BUFFER) out; *count receives the number of sessions
 * in both cases. buf may be NULL when *size is 0.
 */
enum isdsc_pack_kind { ISDSC_PACK_A, ISDSC_PACK_W, ISDSC_PACK_EX };

ISDSC_STATUS isdsc_session_pack(const struct isdsc_session_list *list,
				enum isdsc_pack_kind kind, void *buf, ULONG *size,
				ULONG *count);

/*
 * conn.c: a command naming a session and one of its connections (CONN_REMOVE,
 * CONN_SET) was refused with ENOENT, which is either unknown: asks for the
 * session to tell which. ISDSC_INVALID_SESSION_ID, or else
 * ISDSC_INVALID_CONNECTION_ID with the refusal's text kept.
 */
ISDSC_STATUS isdsc_conn_which_unknown(const uint8_t session_id[ISCSI_MCS_ID_LEN]);

/* The two bytes of TSID / CID: the USHORT in little-endian memory order. */
void isdsc_put_le16(UCHAR out[2], uint16_t v);

#endif /* ISDSC_SESSION_H */
