/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI tasks on a connection: what the send side queues, and what the
 * receive side does with the target's Data-In, R2T and SCSI Response.
 */
#ifndef MCS_TASK_H
#define MCS_TASK_H

#include <linux/list.h>
#include <linux/types.h>
#include <scsi/iscsi_proto.h>

#include "policy.h"

struct mcs_conn;
struct mcs_pdu_rx;
struct scsi_cmnd;

/* What an entry of a connection's send queue is. */
enum mcs_tx_kind {
	MCS_TX_CMD,		/* a SCSI command, with its unsolicited data */
	MCS_TX_DATA,		/* the Data-Out one R2T asked for */
	MCS_TX_PDU,		/* a prepared PDU: NOP-Out, TMF, Logout */
};

struct mcs_tx {
	struct list_head node;
	enum mcs_tx_kind kind;
};

/* Task bits */
#define MCS_TASK_DONE	0	/* handed back to the midlayer */
#define MCS_TASK_QUIET	1	/* reassigned, no PDU for it since */

/* Per-command private data of the SCSI host (scsi_cmd_priv()). */
struct mcs_task {
	struct mcs_tx tx;
	struct scsi_cmnd *sc;
	struct mcs_conn *conn;
	u32 itt;
	u32 cmdsn;
	/* Bytes sent with the command, and as unsolicited Data-Out after it. */
	u32 imm_len;
	u32 unsol_len;
	unsigned long flags;
	/* R2Ts received: a TASK REASSIGN's ExpDataSN for a write. */
	u32 r2ts;
	struct mcs_path_ticket ticket;
};

/* A burst of Data-Out: the answer to one R2T. */
struct mcs_r2t {
	struct mcs_tx tx;
	struct mcs_task *task;
	u32 ttt;
	u32 offset;
	u32 len;
};

/* A PDU built in advance, with its data segment. */
struct mcs_tx_pdu {
	struct mcs_tx tx;
	struct iscsi_hdr hdr;
	/*
	 * Sent with this ExpStatSN rather than the connection's: a Logout
	 * for another connection's recovery acknowledges that one's StatSN.
	 */
	bool own_exp_statsn;
	u32 exp_statsn;
	u32 dlen;
	u8 data[];
};

int mcs_task_send(struct mcs_conn *conn, struct mcs_tx *tx);
void mcs_tx_free(struct mcs_tx *tx);
int mcs_task_rx(struct mcs_conn *conn, const struct mcs_pdu_rx *rx,
		const u8 *data, const char **why);
bool mcs_task_complete(struct mcs_task *task, int result);
void mcs_task_forget(struct mcs_task *task);
bool mcs_task_move(struct mcs_task *task, struct mcs_conn *from,
		   struct mcs_conn *to);
struct scsi_cmnd *mcs_task_place(struct mcs_conn *conn, const char **why);

#endif /* MCS_TASK_H */
