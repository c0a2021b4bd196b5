/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A connection in full feature phase: the engine that sends and receives
 * its PDUs (conn.c).
 */
#ifndef MCS_CONN_H
#define MCS_CONN_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/iscsi_proto.h>

#include <linux/iscsi_mcs.h>

#include "params.h"
#include "policy.h"
#include "task.h"

struct iscsi_cls_conn;
struct mcs_login_res;
struct mcs_session;

struct mcs_conn {
	struct mcs_session *sess;
	u8 id[ISCSI_MCS_ID_LEN];
	u16 cid;
	struct socket *sock;
	struct sockaddr_storage portal;
	struct sockaddr_storage local;
	struct mcs_conn_params params;

	/*
	 * The send queue: tx_work alone writes to the socket, so PDUs go out
	 * whole and in queue order, which keeps CmdSN order on the wire.
	 */
	spinlock_t txq_lock;
	struct list_head txq;
	struct work_struct tx_work;
	/*
	 * tx_work's scratch: a page for headers (first half) and padding and
	 * digests (MCS_TX_TAIL on), and the bio_vec array of one PDU.
	 */
	struct page *tx_page;
	struct bio_vec *tx_bvec;
	unsigned int tx_bvec_nr;
	/* Next StatSN expected: written by the receive work only. */
	u32 exp_statsn;

	struct work_struct io_work;
	/* Our NOP-Out pings: sent when idle, the connection fails unanswered. */
	struct delayed_work ping_work;
	unsigned long last_rx;
	unsigned long ping_sent;
	u32 ping_itt;
	bool ping_timed_out;
	void (*saved_data_ready)(struct sock *sk);
	void (*saved_state_change)(struct sock *sk);

	/* Receive state, owned by io_work: header first, then the rest. */
	struct iscsi_hdr rx_hdr;
	u32 rx_hdr_got;
	u8 *rx_buf;
	u32 rx_buf_size;
	u32 rx_need;
	u32 rx_got;
	/*
	 * Data-In goes straight into the command's pages: rx_task is the
	 * task, held, while its data is being placed, NULL otherwise.
	 */
	u8 rx_phase;
	struct mcs_task *rx_task;
	u32 rx_sg_off;
	u32 rx_sg_len;
	u32 rx_sg_got;
	struct bio_vec *rx_bvec;
	unsigned int rx_bvec_nr;

	/*
	 * Set under the session lock and txq_lock: queuecommand checks them
	 * under txq_lock before it numbers and queues a command here.
	 */
	bool failed;
	bool closing;
	/* Why it failed: a static string, set once with failed. */
	const char *fail_why;
	/*
	 * Failed at ErrorRecoveryLevel 2 while others work: its tasks wait,
	 * still allegiant to it, for reassign.c to move them (lock).
	 */
	bool orphans;
	/* The target announced it drops this connection (AsyncEvent 2). */
	bool dropped;
	struct completion logout_done;
	/* The ITT of our Logout waiting for its answer, else reserved. */
	u32 logout_itt;
	u8 logout_response;
	/* The ExpCmdSN of the last Logout Response: what the target has. */
	u32 logout_exp_cmdsn;

	u64 pdus_sent;
	u64 pdus_received;
	/* Answers to the target's pings queued and not sent yet. */
	atomic_t nop_echoes;

	/* In the iSCSI transport class, once the session is (conn_mutex). */
	struct iscsi_cls_conn *cls;
	/*
	 * Policy inputs and command counters, see policy.h; path.depth counts
	 * the commands on this connection not yet handed back.
	 */
	struct mcs_path path;
	struct rcu_head rcu;
};

#define MCS_TX_TAIL	(PAGE_SIZE / 2)

/* Answers to the target's pings that may wait to be sent. */
#define MCS_NOP_ECHO_MAX	4

int mcs_conn_wq_init(void);
void mcs_conn_wq_uninit(void);

struct mcs_conn *mcs_conn_create(struct mcs_session *sess, struct socket *sock,
				 const struct sockaddr_storage *portal,
				 const struct mcs_login_res *res, u16 cid);
void mcs_conn_start(struct mcs_conn *conn);
void mcs_conn_destroy(struct mcs_conn *conn);
void mcs_conn_set_closing(struct mcs_conn *conn, bool closing);

struct mcs_tx_pdu *mcs_tx_pdu_alloc(u32 dlen, gfp_t gfp);
int mcs_conn_queue(struct mcs_conn *conn, struct mcs_tx *tx);
int mcs_conn_queue_task(struct mcs_conn *conn, struct mcs_task *task);

int mcs_conn_logout(struct mcs_conn *conn, u8 reason, unsigned int timeout_ms);
int mcs_conn_logout_cid(struct mcs_conn *conn, u8 reason, u16 cid,
			const struct mcs_conn *dead, unsigned int timeout_ms);
int mcs_conn_logout_recovery(struct mcs_conn *via, struct mcs_conn *dead,
			     unsigned int timeout_ms, u32 *exp_cmdsn);

#endif /* MCS_CONN_H */
