/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SCSI tasks on a connection: what the send side queues, and what the
 * receive side does with the target's Data-In, R2T and SCSI Response.
 */
#ifndef MCS_TASK_H
#define MCS_TASK_H

#include <linux/atomic.h>
#include <linux/bits.h>
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
#define MCS_TASK_DONE	0	/* its outcome is decided: no PDU changes it */
#define MCS_TASK_QUIET	1	/* reassigned, no PDU for it since */
#define MCS_TASK_SENT	2	/* its command PDU went to the socket */
#define MCS_TASK_EH	3	/* the error handler took it: no scsi_done() */

/*
 * ITT = generation | blk-mq unique tag (hardware queue << 16 | tag): the
 * generation tells a late PDU for a command that completed from the one
 * that reuses its tag. Bit 31 marks our internal tags (session.h).
 */
#define MCS_ITT_TAG_MASK	GENMASK(21, 0)
#define MCS_ITT_GEN_SHIFT	22
#define MCS_ITT_GEN_MASK	GENMASK(30, MCS_ITT_GEN_SHIFT)

/*
 * Per-command private data of the SCSI host (scsi_cmd_priv()).
 *
 * @refs counts what still points at the command: one for the target
 * holding it (dropped once its outcome is decided), one per send queue
 * entry (the command itself, each R2T's burst) and one while a receive
 * places data into its pages. The command goes back to the midlayer only
 * when the last one is dropped, so no queued burst or partial Data-In can
 * touch pages the midlayer has reused. See Documentation/design.rst.
 */
struct mcs_task {
	atomic_t refs;
	struct mcs_tx tx;
	struct scsi_cmnd *sc;
	struct mcs_conn *conn;
	u32 itt;
	u32 cmdsn;
	int result;
	/* Bytes sent with the command, and as unsolicited Data-Out after it. */
	u32 imm_len;
	u32 unsol_len;
	unsigned long flags;
	/* R2Ts received: the next R2TSN, a TASK REASSIGN's ExpDataSN. */
	u32 r2ts;
	/* R2T bursts queued and not yet sent: at most MaxOutstandingR2T. */
	atomic_t r2t_queued;
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
	/* The answer to a target's ping: counted in conn->nop_echoes. */
	bool nop_echo;
	u32 exp_statsn;
	u32 dlen;
	u8 data[];
};

void mcs_task_init(struct mcs_task *task, struct scsi_cmnd *sc);
bool mcs_task_get(struct mcs_task *task);
void mcs_task_put(struct mcs_task *task);
struct mcs_task *mcs_task_find(struct mcs_conn *conn, u32 itt,
			       const char **why);
int mcs_task_send(struct mcs_conn *conn, struct mcs_tx *tx);
void mcs_tx_free(struct mcs_tx *tx);
int mcs_task_rx(struct mcs_conn *conn, const struct mcs_pdu_rx *rx,
		const u8 *data, const char **why);
bool mcs_task_complete(struct mcs_task *task, int result);
void mcs_task_forget(struct mcs_task *task, int result);
void mcs_task_wait_idle(struct mcs_task *task);
bool mcs_task_move(struct mcs_task *task, struct mcs_conn *from,
		   struct mcs_conn *to);
struct mcs_task *mcs_task_place(struct mcs_conn *conn, const char **why);

#endif /* MCS_TASK_H */
