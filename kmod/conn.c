// SPDX-License-Identifier: GPL-2.0
/*
 * A connection in full feature phase: its socket callbacks, receive and
 * send work, pings, failure, and the Logout exchange.
 *
 * As in nvme-tcp, the socket callbacks only queue the connection's
 * io_work; the work reads what the socket has without blocking, with the
 * receive state kept as "bytes got of bytes needed" for the header and
 * then for the rest of the PDU, so a PDU may arrive in any number of
 * pieces. Sending is the job of a second work item, tx_work, which
 * empties the connection's send queue with blocking writes bounded by the
 * socket's send timeout: receiving never waits for sending, so a target
 * that blocks on its own sends while ours fill its window cannot deadlock
 * us, and only one writer ever touches the socket. io_work alone owns the
 * receive state and exp_statsn. The locking rules are session.c's.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/random.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

#include "conn.h"
#include "login.h"
#include "pdu.h"
#include "recovery.h"
#include "session.h"
#include "sock.h"
#include "task.h"
#include "transport.h"

/* PDUs handled per run of io_work before it yields the CPU. */
#define MCS_RX_BUDGET	64

static struct workqueue_struct *mcs_wq;

/*
 * Users of mcs_wq: the module, and the KUnit suites that start connections.
 * Those run before the module's init on 6.1 and after it on 6.12, so each
 * side takes the queue for itself. Module load and unload serialise them.
 */
static unsigned int mcs_wq_users;

int mcs_conn_wq_init(void)
{
	if (mcs_wq_users++)
		return 0;
	/* I/O completion must make progress under memory pressure. */
	mcs_wq = alloc_workqueue("iscsi_mcs", WQ_MEM_RECLAIM | WQ_HIGHPRI, 0);
	if (!mcs_wq) {
		mcs_wq_users--;
		return -ENOMEM;
	}
	return 0;
}

void mcs_conn_wq_uninit(void)
{
	if (--mcs_wq_users)
		return;
	destroy_workqueue(mcs_wq);
	mcs_wq = NULL;
}

static void mcs_conn_data_ready(struct sock *sk)
{
	struct mcs_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn)
		queue_work(mcs_wq, &conn->io_work);
	read_unlock_bh(&sk->sk_callback_lock);
}

static void mcs_conn_state_change(struct sock *sk)
{
	void (*saved)(struct sock *sk) = NULL;
	struct mcs_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn) {
		saved = conn->saved_state_change;
		/* The work finds the socket closed and fails the connection. */
		queue_work(mcs_wq, &conn->io_work);
	}
	read_unlock_bh(&sk->sk_callback_lock);
	if (saved)
		saved(sk);
}

static void mcs_conn_set_callbacks(struct mcs_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = conn;
	conn->saved_data_ready = sk->sk_data_ready;
	conn->saved_state_change = sk->sk_state_change;
	sk->sk_data_ready = mcs_conn_data_ready;
	sk->sk_state_change = mcs_conn_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

static void mcs_conn_restore_callbacks(struct mcs_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = NULL;
	sk->sk_data_ready = conn->saved_data_ready;
	sk->sk_state_change = conn->saved_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

struct mcs_tx_pdu *mcs_tx_pdu_alloc(u32 dlen, gfp_t gfp)
{
	struct mcs_tx_pdu *pdu = kzalloc(struct_size(pdu, data, dlen), gfp);

	if (pdu) {
		pdu->tx.kind = MCS_TX_PDU;
		pdu->dlen = dlen;
	}
	return pdu;
}

/**
 * mcs_conn_queue() - queue something for the connection to send
 * @conn: the connection
 * @tx: a task, a Data-Out burst or a prepared PDU
 *
 * Return: 0, or -ENOTCONN when the connection failed (@tx is then still
 * the caller's).
 */
int mcs_conn_queue(struct mcs_conn *conn, struct mcs_tx *tx)
{
	spin_lock_bh(&conn->txq_lock);
	if (conn->failed) {
		spin_unlock_bh(&conn->txq_lock);
		return -ENOTCONN;
	}
	list_add_tail(&tx->node, &conn->txq);
	spin_unlock_bh(&conn->txq_lock);
	queue_work(mcs_wq, &conn->tx_work);
	return 0;
}

/**
 * mcs_conn_queue_task() - number a new SCSI command and queue it
 * @conn: the connection the policy chose, under rcu_read_lock()
 * @task: the command's task
 *
 * The CmdSN is taken under the queue lock, so this connection's commands
 * are queued, and sent, in increasing CmdSN order; from here on the task
 * is allegiant to @conn.
 *
 * Return: 0; -EAGAIN when the target's window is closed; -ENOTCONN when
 * @conn failed or is closing. The task is untouched unless queued.
 */
int mcs_conn_queue_task(struct mcs_conn *conn, struct mcs_task *task)
{
	struct mcs_session *sess = conn->sess;
	struct scsi_cmnd *sc = task->sc;

	spin_lock_bh(&conn->txq_lock);
	if (conn->failed || conn->closing) {
		spin_unlock_bh(&conn->txq_lock);
		return -ENOTCONN;
	}
	if (!mcs_sn_take(&sess->cmdsn, &sess->win, &task->cmdsn)) {
		spin_unlock_bh(&conn->txq_lock);
		return -EAGAIN;
	}
	/*
	 * The target's hold and the send queue's: from here on a PDU may
	 * find the task (it had none while queuecommand filled it in).
	 */
	atomic_set_release(&task->refs, 2);
	WRITE_ONCE(task->conn, conn);
	mcs_path_submit(&conn->path, &task->ticket, scsi_bufflen(sc),
			sc->sc_data_direction == DMA_TO_DEVICE, ktime_get_ns());
	list_add_tail(&task->tx.node, &conn->txq);
	spin_unlock_bh(&conn->txq_lock);
	queue_work(mcs_wq, &conn->tx_work);
	return 0;
}

static void mcs_conn_tx_work(struct work_struct *work)
{
	struct mcs_conn *conn = container_of(work, struct mcs_conn, tx_work);
	struct mcs_tx *tx;
	int ret;

	for (;;) {
		spin_lock_bh(&conn->txq_lock);
		tx = list_first_entry_or_null(&conn->txq, struct mcs_tx, node);
		if (tx)
			list_del_init(&tx->node);
		spin_unlock_bh(&conn->txq_lock);
		if (!tx)
			return;
		ret = mcs_task_send(conn, tx);
		if (ret) {
			/*
			 * The receive side owns failure handling: closing the
			 * socket wakes it up, and it finds the connection dead.
			 */
			pr_warn("session %*phN connection %u: send failed (%d)\n",
				ISCSI_MCS_ID_LEN, conn->sess->id, conn->cid, ret);
			kernel_sock_shutdown(conn->sock, SHUT_RDWR);
			return;
		}
		conn->pdus_sent++;
		cond_resched();
	}
}

static bool mcs_conn_fail_task(struct scsi_cmnd *sc, void *data)
{
	struct mcs_task *task = scsi_cmd_priv(sc);

	if (task->conn == data)
		mcs_task_complete(task, DID_TRANSPORT_DISRUPTED << 16);
	return true;
}

/* The receive side is done with the task whose Data-In it was placing. */
static void mcs_conn_rx_release(struct mcs_conn *conn)
{
	if (conn->rx_task) {
		mcs_task_put(conn->rx_task);
		conn->rx_task = NULL;
	}
}

static void mcs_conn_fail(struct mcs_conn *conn, int err, const char *why)
{
	struct mcs_session *sess = conn->sess;
	struct mcs_tx *tx, *tmp;
	bool expected, lost_all = false;
	LIST_HEAD(drop);

	if (conn->failed)
		return;
	/* After a Logout the target closing the connection is expected. */
	expected = conn->closing || completion_done(&conn->logout_done) ||
		   READ_ONCE(sess->state) == ISCSI_MCS_STATE_LOGGING_OUT;
	if (expected)
		pr_debug("session %*phN connection %u closed (%d): %s\n",
			 ISCSI_MCS_ID_LEN, sess->id, conn->cid, err, why);
	else
		pr_warn_ratelimited("session %*phN connection %u failed (%d): %s\n",
				    ISCSI_MCS_ID_LEN, sess->id, conn->cid, err,
				    why);
	/* A partial Data-In will never be completed: let its command go. */
	mcs_conn_rx_release(conn);

	/*
	 * No new command may go on this connection from now on: queuecommand
	 * checks the flag under txq_lock, and the session's state and the
	 * choice of a spare connection below need the session lock.
	 */
	spin_lock_bh(&sess->lock);
	spin_lock(&conn->txq_lock);
	conn->fail_why = why;
	conn->failed = true;
	spin_unlock(&conn->txq_lock);
	/*
	 * A failed connection's commands cannot move to another below
	 * ErrorRecoveryLevel 2 (RFC 7143 7.1.4), and without task reassignment
	 * not at 2 either: the CmdSNs they took stay holes the target waits
	 * on, so the other connections could not carry the retries. LIO closes
	 * the whole session below ERL 2 anyway. The session fails as a whole:
	 * recovery.c logs its old incarnation out and reinstates it.
	 */
	if (sess->state == ISCSI_MCS_STATE_LOGGED_IN &&
	    (!expected || !mcs_session_pick_conn(sess))) {
		sess->failed_at = jiffies;
		/*
		 * ErrorRecoveryLevel 2 and another connection working: the
		 * session goes on, and this one's tasks wait for reassign.c
		 * to move them there (RFC 7143 7.2.2).
		 */
		if (!expected && mcs_session_pick_conn(sess) &&
		    sess->params.sess.error_recovery_level == 2) {
			conn->orphans = true;
		} else {
			mcs_session_set_state(sess, MCS_STATES_ANY,
					      ISCSI_MCS_STATE_FAILED);
			lost_all = true;
		}
	}
	mcs_transport_conn_failed(conn);
	spin_unlock_bh(&sess->lock);
	/* Before commands are handed back: their retries must wait. */
	if (lost_all)
		mcs_transport_block_session(sess);

	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	cancel_work_sync(&conn->tx_work);
	spin_lock_bh(&conn->txq_lock);
	list_splice_init(&conn->txq, &drop);
	spin_unlock_bh(&conn->txq_lock);
	list_for_each_entry_safe(tx, tmp, &drop, node) {
		list_del_init(&tx->node);
		mcs_tx_free(tx);
	}
	/* Commands sent or queued here will never be answered: retry them. */
	if (sess->shost && !conn->orphans)
		scsi_host_busy_iter(sess->shost, mcs_conn_fail_task, conn);
	if (lost_all)
		mcs_session_fail_orphans(sess);

	/* Nobody waits for a Logout or TMF response on a dead connection. */
	complete_all(&conn->logout_done);
	if (READ_ONCE(sess->tmf_conn) == conn)
		complete_all(&sess->tmf_done);
	if (!expected && !READ_ONCE(sess->dead)) {
		mcs_recovery_schedule(sess);
		mcs_event_conn(&sess->events, conn->id, conn->cid,
			       ISCSI_MCS_CONN_EVENT_FAILED);
	}
	spin_lock_bh(&sess->lock);
	mcs_event_state(&sess->events, sess->state);
	spin_unlock_bh(&sess->lock);
}

/*
 * Reads what the socket has into the current PDU. Return: 1 when a whole
 * PDU is in, 0 when the socket has nothing more now, or a negative errno.
 */
static int mcs_conn_recv_some(struct mcs_conn *conn, void *buf, u32 len,
			      u32 *got)
{
	struct kvec vec = { .iov_base = (u8 *)buf + *got,
			    .iov_len = len - *got };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	int ret;

	ret = kernel_recvmsg(conn->sock, &msg, &vec, 1, vec.iov_len,
			     MSG_DONTWAIT);
	if (ret == -EAGAIN)
		return 0;
	if (ret < 0)
		return ret;
	if (ret == 0)
		return -ECONNRESET;
	*got += ret;
	return *got == len;
}

enum mcs_rx_phase {
	MCS_RX_BUF,		/* the rest of the PDU into rx_buf */
	MCS_RX_PREFIX,		/* a Data-In's header digest into rx_buf */
	MCS_RX_DIRECT,		/* its data into the command's pages */
	MCS_RX_TAIL,		/* its padding and data digest into rx_buf */
};

/* Receives into the placed command's pages from where it got to. */
static int mcs_conn_recv_sg(struct mcs_conn *conn)
{
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	u32 skip = conn->rx_sg_off + conn->rx_sg_got;
	u32 left = conn->rx_sg_len - conn->rx_sg_got, n, len = 0;
	struct scsi_cmnd *sc = conn->rx_task->sc;
	struct scatterlist *sg;
	unsigned int nr = 0;
	int i, ret;

	scsi_for_each_sg(sc, sg, scsi_sg_count(sc), i) {
		if (len == left || nr == conn->rx_bvec_nr)
			break;
		if (skip >= sg->length) {
			skip -= sg->length;
			continue;
		}
		n = min(sg->length - skip, left - len);
		bvec_set_page(&conn->rx_bvec[nr++], sg_page(sg), n,
			      sg->offset + skip);
		len += n;
		skip = 0;
	}
	if (!len)
		return -EINVAL;
	iov_iter_bvec(&msg.msg_iter, READ, conn->rx_bvec, nr, len);
	ret = sock_recvmsg(conn->sock, &msg, MSG_DONTWAIT);
	if (ret == -EAGAIN)
		return 0;
	if (ret < 0)
		return ret;
	if (ret == 0)
		return -ECONNRESET;
	conn->rx_sg_got += ret;
	return conn->rx_sg_got == conn->rx_sg_len;
}

/*
 * Checks the header digest, when negotiated, of the header in rx_hdr and
 * the AHS at the start of @ahs, followed by the digest.
 */
static int mcs_conn_check_hdr_digest(struct mcs_conn *conn, const u8 *ahs,
				     const char **why)
{
	u32 ahs_len = mcs_pdu_ahs_len(&conn->rx_hdr);
	__le32 want;
	u32 crc;

	if (conn->params.header_digest != MCS_DIGEST_CRC32C)
		return 0;
	crc = mcs_crc32c(MCS_CRC32C_SEED, &conn->rx_hdr, sizeof(conn->rx_hdr));
	want = mcs_crc32c_final(mcs_crc32c(crc, ahs, ahs_len));
	if (memcmp(&want, ahs + ahs_len, sizeof(want))) {
		*why = "header digest error";
		return -EBADMSG;
	}
	return 0;
}

static int mcs_conn_recv(struct mcs_conn *conn, const char **why)
{
	const struct mcs_pdu_limits lim = {
		.max_recv_dlength = conn->params.max_recv_dsl,
		.erl = conn->sess->params.sess.error_recovery_level,
		.hdr_digest = conn->params.header_digest == MCS_DIGEST_CRC32C,
		.data_digest = conn->params.data_digest == MCS_DIGEST_CRC32C,
	};
	u32 dlen = mcs_pdu_dlength(&conn->rx_hdr);
	u32 hd = lim.hdr_digest ? ISCSI_CRC_LEN : 0;
	u32 tail = mcs_pdu_pad(dlen) + (dlen && lim.data_digest ? ISCSI_CRC_LEN : 0);
	struct mcs_task *task;
	int ret;

	if (conn->rx_hdr_got < sizeof(conn->rx_hdr)) {
		ret = mcs_conn_recv_some(conn, &conn->rx_hdr,
					 sizeof(conn->rx_hdr), &conn->rx_hdr_got);
		if (ret <= 0) {
			*why = "connection closed or broken";
			return ret;
		}
		ret = mcs_pdu_check_bhs(&conn->rx_hdr, &lim, why);
		if (ret)
			return ret;
		dlen = mcs_pdu_dlength(&conn->rx_hdr);
		tail = mcs_pdu_pad(dlen) +
		       (dlen && lim.data_digest ? ISCSI_CRC_LEN : 0);
		conn->rx_got = 0;
		if (mcs_pdu_opcode(&conn->rx_hdr) == ISCSI_OP_SCSI_DATA_IN &&
		    dlen && !mcs_pdu_ahs_len(&conn->rx_hdr)) {
			conn->rx_phase = MCS_RX_PREFIX;
			conn->rx_need = hd;
		} else {
			conn->rx_phase = MCS_RX_BUF;
			conn->rx_need = mcs_pdu_ahs_len(&conn->rx_hdr) + hd +
					dlen + tail;
			if (conn->rx_need > conn->rx_buf_size) {
				*why = "PDU larger than the receive buffer";
				return -EPROTO;
			}
		}
	}
	if (conn->rx_phase == MCS_RX_PREFIX) {
		if (conn->rx_got < conn->rx_need) {
			ret = mcs_conn_recv_some(conn, conn->rx_buf,
						 conn->rx_need, &conn->rx_got);
			if (ret <= 0) {
				*why = "connection closed or broken";
				return ret;
			}
		}
		/* An unverified header must not steer where data lands. */
		ret = mcs_conn_check_hdr_digest(conn, conn->rx_buf, why);
		if (ret)
			return ret;
		task = mcs_task_place(conn, why);
		if (IS_ERR(task))
			return PTR_ERR(task);
		if (task) {
			conn->rx_task = task;
			conn->rx_sg_off = be32_to_cpu(((struct iscsi_data_rsp *)
						       &conn->rx_hdr)->offset);
			conn->rx_sg_len = dlen;
			conn->rx_sg_got = 0;
			conn->rx_phase = MCS_RX_DIRECT;
		} else {
			/* An aborted command's data: read it and drop it. */
			conn->rx_need += dlen + tail;
			conn->rx_phase = MCS_RX_BUF;
		}
	}
	if (conn->rx_phase == MCS_RX_DIRECT) {
		ret = mcs_conn_recv_sg(conn);
		if (ret <= 0) {
			*why = "connection closed or broken";
			return ret;
		}
		conn->rx_phase = MCS_RX_TAIL;
		conn->rx_need = conn->rx_got + tail;
	}
	if (conn->rx_got < conn->rx_need) {
		ret = mcs_conn_recv_some(conn, conn->rx_buf, conn->rx_need,
					 &conn->rx_got);
		if (ret <= 0) {
			*why = "connection closed or broken";
			return ret;
		}
	}
	return 1;
}

/* Checks the digests and the AHS of the PDU just received. */
static int mcs_conn_check_pdu(struct mcs_conn *conn, const u8 **data,
			      const char **why)
{
	u32 ahs_len = mcs_pdu_ahs_len(&conn->rx_hdr);
	u32 dlen = mcs_pdu_dlength(&conn->rx_hdr);
	const u8 *p = conn->rx_buf;
	__le32 want;
	u32 crc;
	int ret;

	ret = mcs_conn_check_hdr_digest(conn, p, why);
	if (ret)
		return ret;
	ret = mcs_pdu_check_ahs(&conn->rx_hdr, p, why);
	if (ret)
		return ret;
	p += ahs_len;
	if (conn->params.header_digest == MCS_DIGEST_CRC32C)
		p += ISCSI_CRC_LEN;
	if (conn->rx_task) {
		/* The data is in the command's pages, padding and digest here. */
		*data = NULL;
		if (conn->params.data_digest != MCS_DIGEST_CRC32C)
			return 0;
		crc = MCS_CRC32C_SEED;
		ret = mcs_crc32c_sg(&crc, scsi_sglist(conn->rx_task->sc),
				    conn->rx_sg_off, dlen);
		if (ret)
			return ret;
		want = mcs_crc32c_final(mcs_crc32c_pad(crc, dlen));
		if (memcmp(&want, p + mcs_pdu_pad(dlen), sizeof(want))) {
			*why = "data digest error";
			return -EBADMSG;
		}
		return 0;
	}
	*data = p;
	if (dlen && conn->params.data_digest == MCS_DIGEST_CRC32C) {
		crc = mcs_crc32c(MCS_CRC32C_SEED, p, dlen + mcs_pdu_pad(dlen));
		want = mcs_crc32c_final(crc);
		if (memcmp(&want, p + dlen + mcs_pdu_pad(dlen), sizeof(want))) {
			*why = "data digest error";
			return -EBADMSG;
		}
	}
	return 0;
}

/*
 * The target drops connection @cid: it fails as if its socket closed, in
 * its own receive work (this one may be another connection's).
 */
static void mcs_conn_async_drop(struct mcs_session *sess, u16 cid)
{
	struct mcs_conn *conn;

	if (cid >= MCS_MAX_CONNS_LIMIT)
		return;
	spin_lock_bh(&sess->lock);
	conn = mcs_session_conn(sess, cid);
	if (conn && !conn->failed) {
		WRITE_ONCE(conn->dropped, true);
		queue_work(mcs_wq, &conn->io_work);
	}
	spin_unlock_bh(&sess->lock);
}

static void mcs_conn_async(struct mcs_conn *conn, const struct mcs_pdu_rx *rx,
			   const u8 *data)
{
	struct mcs_session *sess = conn->sess;

	switch (mcs_async_action(rx->async.event, data, rx->dlength)) {
	case MCS_ASYNC_RECOVER:
		pr_info_ratelimited("session %*phN connection %u: target async event %u (%u %u %u): recovering the session\n",
				    ISCSI_MCS_ID_LEN, sess->id, conn->cid,
				    rx->async.event, rx->async.param[0],
				    rx->async.param[1], rx->async.param[2]);
		mcs_session_fail(sess);
		break;
	case MCS_ASYNC_DROP_CONN:
		mcs_conn_async_drop(sess, rx->async.param[0]);
		break;
	case MCS_ASYNC_RESCAN:
		pr_info_ratelimited("session %*phN: the target's logical units changed: rescanning\n",
				    ISCSI_MCS_ID_LEN, sess->id);
		mcs_transport_rescan(sess);
		break;
	default:
		pr_info_ratelimited("session %*phN connection %u: target async event %u\n",
				    ISCSI_MCS_ID_LEN, sess->id, conn->cid,
				    rx->async.event);
		break;
	}
}

/*
 * The target rejected one of our PDUs; the data segment carries its
 * header. A rejected command will not be answered: hand it back now, for
 * the midlayer to retry, rather than after its timeout.
 */
static int mcs_conn_reject(struct mcs_conn *conn, const struct mcs_pdu_rx *rx,
			   const u8 *data, const char **why)
{
	const struct iscsi_hdr *bad = (const struct iscsi_hdr *)data;
	struct mcs_task *task;

	pr_warn_ratelimited("session %*phN connection %u: target rejected a PDU (opcode 0x%02x), reason 0x%02x\n",
			    ISCSI_MCS_ID_LEN, conn->sess->id, conn->cid,
			    rx->dlength >= sizeof(*bad) ? mcs_pdu_opcode(bad) : 0xff,
			    rx->reject.reason);
	if (rx->dlength < sizeof(*bad) ||
	    mcs_pdu_opcode(bad) != ISCSI_OP_SCSI_CMD)
		return 0;
	task = mcs_task_find(conn, mcs_pdu_itt(bad), why);
	if (!task)
		return *why ? -EPROTO : 0;
	mcs_task_complete(task, DID_ERROR << 16);
	mcs_task_put(task);
	return 0;
}

static int mcs_conn_handle(struct mcs_conn *conn, const char **why)
{
	struct mcs_session *sess = conn->sess;
	struct mcs_tx_pdu *pdu;
	struct mcs_pdu_rx rx;
	const u8 *data;
	int ret;

	ret = mcs_conn_check_pdu(conn, &data, why);
	if (ret)
		return ret;
	mcs_pdu_parse(&conn->rx_hdr, &rx);
	conn->pdus_received++;
	WRITE_ONCE(conn->last_rx, jiffies);
	if (rx.statsn_use == MCS_STATSN_TAKE)
		WRITE_ONCE(conn->exp_statsn, rx.statsn + 1);
	/*
	 * The target cannot expect a CmdSN we have not numbered yet: one such
	 * ExpCmdSN would close the window for good while pings still work.
	 */
	if (mcs_sn_gt(rx.exp_cmdsn, atomic_read(&sess->cmdsn))) {
		*why = "ExpCmdSN beyond the next CmdSN";
		return -EPROTO;
	}
	mcs_sn_window_update(&sess->win, rx.exp_cmdsn, rx.max_cmdsn);

	switch (rx.opcode) {
	case ISCSI_OP_NOOP_IN:
		if (rx.itt != ISCSI_RESERVED_TAG) {
			/* The answer to our ping. */
			if (rx.itt == READ_ONCE(conn->ping_itt))
				WRITE_ONCE(conn->ping_itt, ISCSI_RESERVED_TAG);
			return 0;
		}
		/* A ping from the target: answer it, echoing its data. */
		if (rx.ttt == ISCSI_RESERVED_TAG)
			return 0;
		/* A target pinging faster than it reads cannot grow our queue. */
		if (atomic_read(&conn->nop_echoes) >= MCS_NOP_ECHO_MAX) {
			*why = "target pings faster than it reads the answers";
			return -EPROTO;
		}
		pdu = mcs_tx_pdu_alloc(rx.dlength, GFP_NOIO);
		if (!pdu) {
			*why = "out of memory answering a NOP-In";
			return -ENOMEM;
		}
		ret = mcs_pdu_build_nop_reply(&pdu->hdr, &conn->rx_hdr, rx.dlength);
		if (!ret) {
			memcpy(pdu->data, data, rx.dlength);
			pdu->nop_echo = true;
			atomic_inc(&conn->nop_echoes);
			ret = mcs_conn_queue(conn, &pdu->tx);
			if (ret)
				atomic_dec(&conn->nop_echoes);
		}
		if (ret) {
			kfree(pdu);
			*why = "cannot answer the target's NOP-In";
		}
		return ret;
	case ISCSI_OP_SCSI_DATA_IN:
	case ISCSI_OP_SCSI_CMD_RSP:
	case ISCSI_OP_R2T:
		return mcs_task_rx(conn, &rx, data, why);
	case ISCSI_OP_SCSI_TMFUNC_RSP:
		if (rx.itt != sess->tmf_itt) {
			*why = "task management response for no request";
			return -EPROTO;
		}
		sess->tmf_response = rx.tmf.response;
		complete(&sess->tmf_done);
		return 0;
	case ISCSI_OP_LOGOUT_RSP:
		/* A stray one would make the next loss look expected. */
		if (rx.itt != READ_ONCE(conn->logout_itt)) {
			*why = "Logout Response for no Logout of ours";
			return -EPROTO;
		}
		WRITE_ONCE(conn->logout_itt, ISCSI_RESERVED_TAG);
		conn->logout_response = rx.logout.response;
		conn->logout_exp_cmdsn = rx.exp_cmdsn;
		complete_all(&conn->logout_done);
		return 0;
	case ISCSI_OP_ASYNC_EVENT:
		mcs_conn_async(conn, &rx, data);
		return 0;
	case ISCSI_OP_REJECT:
		return mcs_conn_reject(conn, &rx, data, why);
	default:
		*why = "target sent an opcode an initiator never receives";
		return -EPROTO;
	}
}

static void mcs_conn_io_work(struct work_struct *work)
{
	struct mcs_conn *conn = container_of(work, struct mcs_conn, io_work);
	const char *why = "connection failed";
	int budget, ret;

	if (conn->failed)
		return;
	if (READ_ONCE(conn->dropped)) {
		mcs_conn_fail(conn, -ECONNRESET,
			      "the target announced it drops the connection");
		return;
	}
	for (budget = 0; budget < MCS_RX_BUDGET; budget++) {
		ret = mcs_conn_recv(conn, &why);
		if (ret < 0 && READ_ONCE(conn->ping_timed_out))
			why = "no NOP-In answered our NOP-Out within the NOP-Out timeout";
		if (ret == 0)
			return;
		if (ret > 0) {
			ret = mcs_conn_handle(conn, &why);
			conn->rx_hdr_got = 0;
			mcs_conn_rx_release(conn);
		}
		if (ret < 0) {
			mcs_conn_fail(conn, ret, why);
			return;
		}
	}
	/* More may be waiting: let others run first. */
	queue_work(mcs_wq, &conn->io_work);
}

/*
 * Keepalive (RFC 7143 11.18): a connection with nothing received for the
 * NOP-Out interval sends a ping; one not answered within the NOP-Out
 * timeout means the path is dead even though TCP has not noticed, and the
 * connection is failed so its commands move on. Failing is the receive
 * side's job: closing the socket wakes it.
 */
static void mcs_conn_ping_work(struct work_struct *work)
{
	struct mcs_conn *conn = container_of(to_delayed_work(work),
					     struct mcs_conn, ping_work);
	struct mcs_session *sess = conn->sess;
	unsigned long interval = msecs_to_jiffies(sess->noop_interval_ms);
	unsigned long timeout = msecs_to_jiffies(sess->noop_timeout_ms);
	unsigned long now = jiffies, idle;
	struct mcs_tx_pdu *pdu;
	u32 itt, cmdsn;

	if (READ_ONCE(conn->failed))
		return;
	if (READ_ONCE(conn->ping_itt) != ISCSI_RESERVED_TAG) {
		if (time_after_eq(now, conn->ping_sent + timeout)) {
			WRITE_ONCE(conn->ping_timed_out, true);
			kernel_sock_shutdown(conn->sock, SHUT_RDWR);
			return;
		}
		queue_delayed_work(mcs_wq, &conn->ping_work,
				   conn->ping_sent + timeout - now);
		return;
	}
	idle = now - READ_ONCE(conn->last_rx);
	if (idle < interval) {
		queue_delayed_work(mcs_wq, &conn->ping_work, interval - idle);
		return;
	}
	pdu = mcs_tx_pdu_alloc(0, GFP_NOIO);
	if (pdu) {
		itt = mcs_session_next_itt(sess);
		cmdsn = atomic_read(&sess->cmdsn);
		/* Immediate: a ping must get through a closed window. */
		if (mcs_pdu_build_nop_ping(&pdu->hdr, itt, 0, true) ||
		    mcs_pdu_set_cmdsn(&pdu->hdr, cmdsn)) {
			kfree(pdu);
		} else {
			conn->ping_sent = now;
			WRITE_ONCE(conn->ping_itt, itt);
			if (mcs_conn_queue(conn, &pdu->tx)) {
				kfree(pdu);
				return;
			}
		}
	}
	queue_delayed_work(mcs_wq, &conn->ping_work, pdu ? timeout : interval);
}

struct mcs_conn *mcs_conn_create(struct mcs_session *sess, struct socket *sock,
				 const struct sockaddr_storage *portal,
				 const struct mcs_login_res *res, u16 cid)
{
	struct mcs_conn *conn;
	int len;

	conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	if (!conn)
		return NULL;
	/* One whole PDU: AHS, digests and the largest data segment. */
	conn->rx_buf_size = MCS_PDU_AHS_MAX + 2 * ISCSI_CRC_LEN +
			    res->params.conn.max_recv_dsl + ISCSI_PAD_LEN;
	conn->rx_buf = kvmalloc(conn->rx_buf_size, GFP_KERNEL);
	if (!conn->rx_buf)
		goto err_conn;
	conn->rx_bvec_nr = DIV_ROUND_UP(res->params.conn.max_recv_dsl,
					PAGE_SIZE) + 2;
	conn->rx_bvec = kcalloc(conn->rx_bvec_nr, sizeof(*conn->rx_bvec),
				GFP_KERNEL);
	if (!conn->rx_bvec)
		goto err_rx_buf;
	/* Header, and one page more than the largest segment may straddle. */
	conn->tx_bvec_nr = DIV_ROUND_UP(res->params.conn.max_xmit_dsl,
					PAGE_SIZE) + 3;
	conn->tx_bvec = kcalloc(conn->tx_bvec_nr, sizeof(*conn->tx_bvec),
				GFP_KERNEL);
	if (!conn->tx_bvec)
		goto err_rx_bvec;
	conn->tx_page = alloc_page(GFP_KERNEL);
	if (!conn->tx_page)
		goto err_tx_bvec;
	conn->sess = sess;
	get_random_bytes(conn->id, sizeof(conn->id));
	conn->cid = cid;
	conn->sock = sock;
	conn->portal = *portal;
	len = kernel_getsockname(sock, (struct sockaddr *)&conn->local);
	if (len < 0)
		conn->local.ss_family = AF_UNSPEC;
	conn->params = res->params.conn;
	conn->exp_statsn = res->exp_statsn;
	mcs_path_init(&conn->path);
	spin_lock_init(&conn->txq_lock);
	INIT_LIST_HEAD(&conn->txq);
	INIT_WORK(&conn->tx_work, mcs_conn_tx_work);
	init_completion(&conn->logout_done);
	INIT_WORK(&conn->io_work, mcs_conn_io_work);
	INIT_DELAYED_WORK(&conn->ping_work, mcs_conn_ping_work);
	conn->ping_itt = ISCSI_RESERVED_TAG;
	conn->logout_itt = ISCSI_RESERVED_TAG;
	conn->last_rx = jiffies;
	return conn;

err_tx_bvec:
	kfree(conn->tx_bvec);
err_rx_bvec:
	kfree(conn->rx_bvec);
err_rx_buf:
	kvfree(conn->rx_buf);
err_conn:
	kfree(conn);
	return NULL;
}

void mcs_conn_start(struct mcs_conn *conn)
{
	unsigned int interval = conn->sess->noop_interval_ms;

	mcs_conn_set_callbacks(conn);
	/* Data may have arrived before the callbacks were in place. */
	queue_work(mcs_wq, &conn->io_work);
	if (interval)
		queue_delayed_work(mcs_wq, &conn->ping_work,
				   msecs_to_jiffies(interval));
}

void mcs_conn_destroy(struct mcs_conn *conn)
{
	struct mcs_tx *tx, *tmp;

	/* The ping work queues PDUs: stop it before the queue is emptied. */
	cancel_delayed_work_sync(&conn->ping_work);
	mcs_conn_restore_callbacks(conn);
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	cancel_work_sync(&conn->io_work);
	cancel_work_sync(&conn->tx_work);
	mcs_conn_rx_release(conn);
	list_for_each_entry_safe(tx, tmp, &conn->txq, node) {
		list_del(&tx->node);
		mcs_tx_free(tx);
	}
	mcs_sock_close(conn->sock);
	__free_page(conn->tx_page);
	kfree(conn->tx_bvec);
	kfree(conn->rx_bvec);
	kvfree(conn->rx_buf);
	kfree(conn);
}

/*
 * Sends a Logout on @conn for its session or for connection @cid (@conn
 * itself or another one) and waits for the answer. @dead, for a Logout
 * "remove the connection for recovery", is that connection: the Logout
 * acknowledges its StatSNs, not those of @conn (RFC 7143 11.14.5).
 * Return: 0 or why it could not be done.
 */
int mcs_conn_logout_cid(struct mcs_conn *conn, u8 reason, u16 cid,
			const struct mcs_conn *dead, unsigned int timeout_ms)
{
	struct mcs_session *sess = conn->sess;
	struct mcs_tx_pdu *pdu;
	u32 cmdsn, itt;
	int ret;

	pdu = mcs_tx_pdu_alloc(0, GFP_NOIO);
	if (!pdu)
		return -ENOMEM;
	if (dead) {
		pdu->own_exp_statsn = true;
		pdu->exp_statsn = READ_ONCE(dead->exp_statsn);
	}
	cmdsn = atomic_read(&sess->cmdsn);
	itt = mcs_session_next_itt(sess);
	/* Immediate: it takes no CmdSN, so a closed window does not hold it. */
	ret = mcs_pdu_build_logout(&pdu->hdr, itt, reason, cid, true);
	if (!ret)
		ret = mcs_pdu_set_cmdsn(&pdu->hdr, cmdsn);
	/* One Logout after another may go on the same connection. */
	if (!ret) {
		reinit_completion(&conn->logout_done);
		WRITE_ONCE(conn->logout_itt, itt);
		ret = mcs_conn_queue(conn, &pdu->tx);
	}
	if (ret) {
		kfree(pdu);
		return ret;
	}
	if (!wait_for_completion_timeout(&conn->logout_done,
					 msecs_to_jiffies(timeout_ms)))
		return -ETIMEDOUT;
	/*
	 * Completed by the answer, which clears the tag, or by the connection
	 * failing. tgt closes it right after its answer: not a failure then.
	 */
	if (READ_ONCE(conn->logout_itt) == itt)
		return -ENOTCONN;
	/*
	 * A Logout for another connection leaves this one in full feature
	 * phase: its end would not be expected (see mcs_conn_fail()).
	 */
	if (cid != conn->cid)
		reinit_completion(&conn->logout_done);
	return conn->logout_response ? -EIO : 0;
}

int mcs_conn_logout(struct mcs_conn *conn, u8 reason, unsigned int timeout_ms)
{
	return mcs_conn_logout_cid(conn, reason, conn->cid, NULL, timeout_ms);
}

/**
 * mcs_conn_logout_recovery() - end a failed connection's allegiances
 * @via: a working connection of the session, to carry the Logout
 * @dead: the failed connection
 * @timeout_ms: how long to wait for the answer
 * @exp_cmdsn: set to the target's ExpCmdSN in the answer: every command
 *	numbered below it reached the target
 *
 * A Logout "remove the connection for recovery" for @dead's CID, after
 * which the target accepts TASK REASSIGN for its tasks (RFC 7143 7.2.2).
 *
 * Return: 0, -EIO when the target refused, or why there was no answer.
 */
int mcs_conn_logout_recovery(struct mcs_conn *via, struct mcs_conn *dead,
			     unsigned int timeout_ms, u32 *exp_cmdsn)
{
	int ret;

	ret = mcs_conn_logout_cid(via, ISCSI_LOGOUT_REASON_RECOVERY, dead->cid,
				  dead, timeout_ms);
	if (ret == -EIO)
		pr_info("session %*phN: Logout for the recovery of connection %u refused (response %u)\n",
			ISCSI_MCS_ID_LEN, via->sess->id, dead->cid,
			via->logout_response);
	if (!ret)
		*exp_cmdsn = via->logout_exp_cmdsn;
	return ret;
}

/* Whether queuecommand may still put commands on @conn: under both locks. */
void mcs_conn_set_closing(struct mcs_conn *conn, bool closing)
{
	spin_lock_bh(&conn->sess->lock);
	spin_lock(&conn->txq_lock);
	WRITE_ONCE(conn->closing, closing);
	spin_unlock(&conn->txq_lock);
	spin_unlock_bh(&conn->sess->lock);
}
