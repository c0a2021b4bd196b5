// SPDX-License-Identifier: GPL-2.0
/*
 * SCSI tasks on the wire.
 *
 * The send side runs only in the connection's tx_work: a command goes out
 * as its header, its immediate data and then its unsolicited Data-Out, in
 * one go, so commands leave in the order they were queued, which is CmdSN
 * order. Data is sent straight from the command's scatterlist, a piece at
 * a time, and its digest computed page by page.
 *
 * The receive side runs in io_work: it finds the task by its tag, copies
 * Data-In into the scatterlist, turns R2Ts into Data-Out bursts queued
 * behind whatever is waiting, and completes commands on their status.
 * A task completes once: whoever sets MCS_TASK_DONE first hands it back.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/bvec.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <linux/wait_bit.h>
#include <net/sock.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_tcq.h>

#include "pdu.h"
#include "session.h"
#include "task.h"

static int mcs_send_msg(struct mcs_conn *conn, struct msghdr *msg)
{
	int ret;

	while (msg_data_left(msg)) {
		ret = sock_sendmsg(conn->sock, msg);
		if (ret == -EAGAIN)
			return -ETIMEDOUT;
		if (ret <= 0)
			return ret ?: -EPIPE;
	}
	return 0;
}

static int mcs_send_kvec(struct mcs_conn *conn, struct kvec *vec, size_t nr,
			 bool more)
{
	struct msghdr msg = {
		.msg_flags = MSG_NOSIGNAL | (more ? MSG_MORE : 0),
	};
	size_t i, len = 0;

	for (i = 0; i < nr; i++)
		len += vec[i].iov_len;
	iov_iter_kvec(&msg.msg_iter, WRITE, vec, nr, len);
	return mcs_send_msg(conn, &msg);
}

/* Header and AHS, with the header digest when negotiated. */
static int mcs_send_hdr(struct mcs_conn *conn, void *hdr, u32 len,
			u32 exp_statsn, bool more)
{
	struct kvec vec[2] = { { .iov_base = hdr, .iov_len = len } };
	__le32 hd;

	mcs_pdu_set_exp_statsn(hdr, exp_statsn);
	if (conn->params.header_digest != MCS_DIGEST_CRC32C)
		return mcs_send_kvec(conn, vec, 1, more);
	hd = mcs_crc32c_final(mcs_crc32c(MCS_CRC32C_SEED, hdr, len));
	vec[1] = (struct kvec){ .iov_base = &hd, .iov_len = sizeof(hd) };
	return mcs_send_kvec(conn, vec, 2, more);
}

/* Padding of a data segment and its digest, from the CRC of its data. */
static int mcs_send_data_tail(struct mcs_conn *conn, u32 len, u32 crc)
{
	u8 pad[ISCSI_PAD_LEN] = {};
	struct kvec vec[2];
	size_t nr = 0;
	__le32 dd;

	if (mcs_pdu_pad(len))
		vec[nr++] = (struct kvec){ .iov_base = pad,
					   .iov_len = mcs_pdu_pad(len) };
	if (conn->params.data_digest == MCS_DIGEST_CRC32C) {
		dd = mcs_crc32c_final(mcs_crc32c_pad(crc, len));
		vec[nr++] = (struct kvec){ .iov_base = &dd, .iov_len = sizeof(dd) };
	}
	return nr ? mcs_send_kvec(conn, vec, nr, false) : 0;
}

static int mcs_send_data_buf(struct mcs_conn *conn, const void *data, u32 len)
{
	struct kvec vec = { .iov_base = (void *)data, .iov_len = len };
	int ret;

	ret = mcs_send_kvec(conn, &vec, 1, true);
	if (ret)
		return ret;
	return mcs_send_data_tail(conn, len,
				  mcs_crc32c(MCS_CRC32C_SEED, data, len));
}

/*
 * One PDU whose data comes from the command's pages, in a single
 * sendmsg(): the header (and its digest) from the connection's scratch
 * page, the data straight from the scatterlist, then padding and data
 * digest. Per-call overhead, not copying, dominates small PDUs.
 */
static int mcs_send_pdu_sg(struct mcs_conn *conn, const void *hdr, u32 hlen,
			   struct scsi_cmnd *sc, u32 offset, u32 len)
{
	u8 *scratch = page_address(conn->tx_page);
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	u32 skip = offset, left = len, n, tail = 0, total = 0, crc;
	struct bio_vec *bv = conn->tx_bvec;
	struct scatterlist *sg;
	unsigned int nr = 0;
	__le32 digest;
	int i, ret;

	memcpy(scratch, hdr, hlen);
	mcs_pdu_set_exp_statsn((struct iscsi_hdr *)scratch,
			       READ_ONCE(conn->exp_statsn));
	if (conn->params.header_digest == MCS_DIGEST_CRC32C) {
		digest = mcs_crc32c_final(mcs_crc32c(MCS_CRC32C_SEED, scratch,
						     hlen));
		memcpy(scratch + hlen, &digest, sizeof(digest));
		hlen += sizeof(digest);
	}
	bvec_set_page(&bv[nr++], conn->tx_page, hlen, 0);
	total += hlen;

	scsi_for_each_sg(sc, sg, scsi_sg_count(sc), i) {
		if (!left)
			break;
		if (skip >= sg->length) {
			skip -= sg->length;
			continue;
		}
		if (nr + 1 >= conn->tx_bvec_nr) {
			/* Small segments: send what is gathered, then go on. */
			iov_iter_bvec(&msg.msg_iter, WRITE, bv, nr, total);
			msg.msg_flags = MSG_NOSIGNAL | MSG_MORE;
			ret = mcs_send_msg(conn, &msg);
			if (ret)
				return ret;
			nr = 0;
			total = 0;
		}
		n = min(sg->length - skip, left);
		bvec_set_page(&bv[nr++], sg_page(sg), n, sg->offset + skip);
		total += n;
		skip = 0;
		left -= n;
	}
	if (left)
		return -EINVAL;

	/* Padding and data digest share the scratch page's second half. */
	memset(scratch + MCS_TX_TAIL, 0, ISCSI_PAD_LEN);
	tail = mcs_pdu_pad(len);
	if (len && conn->params.data_digest == MCS_DIGEST_CRC32C) {
		crc = MCS_CRC32C_SEED;
		ret = mcs_crc32c_sg(&crc, scsi_sglist(sc), offset, len);
		if (ret)
			return ret;
		digest = mcs_crc32c_final(mcs_crc32c_pad(crc, len));
		memcpy(scratch + MCS_TX_TAIL + tail, &digest, sizeof(digest));
		tail += sizeof(digest);
	}
	if (tail) {
		bvec_set_page(&bv[nr++], conn->tx_page, tail, MCS_TX_TAIL);
		total += tail;
	}
	iov_iter_bvec(&msg.msg_iter, WRITE, bv, nr, total);
	msg.msg_flags = MSG_NOSIGNAL;
	return mcs_send_msg(conn, &msg);
}

/* One burst of Data-Out: unsolicited (reserved TTT) or for an R2T. */
static int mcs_send_burst(struct mcs_conn *conn, struct mcs_task *task,
			  u32 ttt, u32 offset, u32 len)
{
	u32 max = conn->params.max_xmit_dsl, done = 0, datasn = 0;
	struct mcs_pdu_data_out d = { .itt = task->itt, .ttt = ttt };
	struct iscsi_hdr hdr;
	int ret;

	int_to_scsilun(task->sc->device->lun, &d.lun);
	while (done < len) {
		/* An R2T's burst ends early once the target ended the task. */
		if (ttt != ISCSI_RESERVED_TAG &&
		    test_bit(MCS_TASK_DONE, &task->flags))
			return 0;
		d.len = min(max, len - done);
		d.offset = offset + done;
		d.datasn = datasn++;
		d.final = done + d.len == len;
		ret = mcs_pdu_build_data_out(&hdr, &d);
		if (!ret)
			ret = mcs_send_pdu_sg(conn, &hdr, sizeof(hdr), task->sc,
					      d.offset, d.len);
		if (ret)
			return ret;
		done += d.len;
	}
	return 0;
}

static int mcs_send_cmd(struct mcs_conn *conn, struct mcs_task *task)
{
	struct scsi_cmnd *sc = task->sc;
	struct mcs_pdu_scsi_cmd c = {
		.cdb = sc->cmnd,
		.cdb_len = sc->cmd_len,
		.itt = task->itt,
		.edtl = scsi_bufflen(sc),
		.imm_len = task->imm_len,
		.attr = ISCSI_ATTR_SIMPLE,
		.final = !task->unsol_len,
	};
	u8 buf[MCS_PDU_TX_HDR_MAX];
	int len, ret;

	if (c.edtl) {
		c.read = sc->sc_data_direction == DMA_FROM_DEVICE;
		c.write = sc->sc_data_direction == DMA_TO_DEVICE;
	}
	int_to_scsilun(sc->device->lun, &c.lun);
	len = mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &c);
	if (len < 0)
		return len;
	ret = mcs_pdu_set_cmdsn((struct iscsi_hdr *)buf, task->cmdsn);
	if (!ret)
		ret = mcs_send_pdu_sg(conn, buf, len, sc, 0, task->imm_len);
	if (!ret && task->unsol_len)
		ret = mcs_send_burst(conn, task, ISCSI_RESERVED_TAG,
				     task->imm_len, task->unsol_len);
	return ret;
}

/**
 * mcs_task_send() - send one entry of a connection's send queue
 * @conn: the connection; called from its tx_work only
 * @tx: the entry, freed here (a command: its hold on the task dropped)
 *
 * Return: 0, or the socket error that broke the connection.
 */
int mcs_task_send(struct mcs_conn *conn, struct mcs_tx *tx)
{
	struct mcs_tx_pdu *pdu;
	struct mcs_task *task;
	struct mcs_r2t *r2t;
	int ret;

	switch (tx->kind) {
	case MCS_TX_CMD:
		task = container_of(tx, struct mcs_task, tx);
		/*
		 * Sent even when decided meanwhile (an abort): its CmdSN must
		 * reach the target. Its pages are ours until the put.
		 */
		set_bit(MCS_TASK_SENT, &task->flags);
		ret = mcs_send_cmd(conn, task);
		mcs_task_put(task);
		return ret;
	case MCS_TX_DATA:
		r2t = container_of(tx, struct mcs_r2t, tx);
		task = r2t->task;
		atomic_dec(&task->r2t_queued);
		/* The target ended the task: it wants no more data for it. */
		ret = test_bit(MCS_TASK_DONE, &task->flags) ? 0 :
		      mcs_send_burst(conn, task, r2t->ttt, r2t->offset,
				     r2t->len);
		mcs_task_put(task);
		kfree(r2t);
		return ret;
	case MCS_TX_PDU:
		pdu = container_of(tx, struct mcs_tx_pdu, tx);
		ret = mcs_send_hdr(conn, &pdu->hdr, sizeof(pdu->hdr),
				   pdu->own_exp_statsn ? pdu->exp_statsn :
				   READ_ONCE(conn->exp_statsn), pdu->dlen);
		if (!ret && pdu->dlen)
			ret = mcs_send_data_buf(conn, pdu->data, pdu->dlen);
		if (pdu->nop_echo)
			atomic_dec(&conn->nop_echoes);
		kfree(pdu);
		return ret;
	}
	return -EINVAL;
}

/* Frees a queue entry that will not be sent, with its hold on the task. */
void mcs_tx_free(struct mcs_tx *tx)
{
	struct mcs_r2t *r2t;

	switch (tx->kind) {
	case MCS_TX_CMD:
		mcs_task_put(container_of(tx, struct mcs_task, tx));
		break;
	case MCS_TX_DATA:
		r2t = container_of(tx, struct mcs_r2t, tx);
		atomic_dec(&r2t->task->r2t_queued);
		mcs_task_put(r2t->task);
		kfree(r2t);
		break;
	case MCS_TX_PDU:
		kfree(container_of(tx, struct mcs_tx_pdu, tx));
		break;
	}
}

/**
 * mcs_task_init() - start a task for a command queuecommand got
 * @task: the command's private data; nothing holds it (refs is 0)
 * @sc: the command
 *
 * The ITT's generation moves on from the one this tag had last, so a late
 * PDU for that earlier command never finds this one. The task stays
 * invisible (refs 0) until mcs_conn_queue_task() queues it.
 */
void mcs_task_init(struct mcs_task *task, struct scsi_cmnd *sc)
{
	u32 gen = ((task->itt & MCS_ITT_GEN_MASK) >> MCS_ITT_GEN_SHIFT) + 1;

	/* refs is 0 and stays so: mcs_task_get() fails on it meanwhile. */
	memset(task, 0, sizeof(*task));
	task->tx.kind = MCS_TX_CMD;
	INIT_LIST_HEAD(&task->tx.node);
	task->sc = sc;
	task->itt = ((gen << MCS_ITT_GEN_SHIFT) & MCS_ITT_GEN_MASK) |
		    blk_mq_unique_tag(scsi_cmd_to_rq(sc));
}

/* Another hold on a task that may have been handed back meanwhile. */
bool mcs_task_get(struct mcs_task *task)
{
	return atomic_inc_not_zero(&task->refs);
}

/**
 * mcs_task_put() - drop a hold on a task
 * @task: the task
 *
 * The last one hands the command back, with the result its completion
 * recorded: only then may the midlayer free or reuse its pages.
 */
void mcs_task_put(struct mcs_task *task)
{
	if (!atomic_dec_and_test(&task->refs))
		return;
	task->sc->result = task->result;
	/* A no-op for a command the error handler owns (it timed out). */
	scsi_done(task->sc);
	/* After scsi_done(): a waiter may let the midlayer reuse the command. */
	wake_up_var(&task->refs);
}

/**
 * mcs_task_complete() - decide a command's outcome
 * @task: the task
 * @result: the command's result
 *
 * The command goes back to the midlayer as soon as nothing queued or
 * being received refers to it any more.
 *
 * Return: true if this call decided it, false if it already was.
 */
bool mcs_task_complete(struct mcs_task *task, int result)
{
	bool ok = !(result & 0xff0000);	/* host byte DID_OK */

	if (test_and_set_bit(MCS_TASK_DONE, &task->flags))
		return false;
	mcs_path_done(&task->conn->path, &task->ticket, ktime_get_ns(), !ok, ok);
	task->result = result;
	mcs_task_put(task);
	return true;
}

/**
 * mcs_task_forget() - end a task the target dropped on our request
 * @task: the task, after an ABORT TASK or a reset the target carried out
 * @result: the result for a command the error handler does not own
 *
 * For a command that timed out the midlayer owns it already and ignores
 * the completion; any other is handed back with @result and retried.
 * Late PDUs for the task are ignored from now on.
 */
void mcs_task_forget(struct mcs_task *task, int result)
{
	struct mcs_session *sess;

	/* Not queued anywhere yet: queuecommand still has it. */
	if (!READ_ONCE(task->conn))
		return;
	sess = task->conn->sess;
	/* Against mcs_task_move(): the task is counted where it is. */
	spin_lock_bh(&sess->lock);
	if (!test_and_set_bit(MCS_TASK_DONE, &task->flags)) {
		mcs_path_done(&task->conn->path, &task->ticket, 0, true, false);
		task->result = result;
		spin_unlock_bh(&sess->lock);
		mcs_task_put(task);
		return;
	}
	spin_unlock_bh(&sess->lock);
}

/**
 * mcs_task_wait_idle() - wait until nothing of ours refers to a task
 * @task: a task whose outcome is decided (mcs_task_forget())
 *
 * Before the error handler reports success the midlayer must be free to
 * reuse the command: a burst still queued or a Data-In being received
 * into its pages must be over. Both end by themselves, or when their
 * connection fails (its send timeout, the NOP-Out timeout).
 */
void mcs_task_wait_idle(struct mcs_task *task)
{
	u32 itt = READ_ONCE(task->itt);

	might_sleep();
	/* A new ITT: handed back and already reused for another command. */
	wait_var_event(&task->refs,
		       !atomic_read(&task->refs) || READ_ONCE(task->itt) != itt);
}

/**
 * mcs_task_move() - make a task allegiant to another connection
 * @task: a task of a failed connection
 * @from: that connection
 * @to: a working connection of the same session
 *
 * What the target sends for the task from now on is expected on @to.
 *
 * Return: false when the task is no longer @from's: handed back meanwhile
 * (its tag may even carry a new command by now).
 */
bool mcs_task_move(struct mcs_task *task, struct mcs_conn *from,
		   struct mcs_conn *to)
{
	struct mcs_session *sess = to->sess;
	bool moved = false;

	spin_lock_bh(&sess->lock);
	if (task->conn == from && !test_bit(MCS_TASK_DONE, &task->flags)) {
		mcs_path_move(&task->conn->path, &to->path, &task->ticket,
			      ktime_get_ns());
		WRITE_ONCE(task->conn, to);
		moved = true;
	}
	spin_unlock_bh(&sess->lock);
	return moved;
}

static void mcs_task_residual(struct scsi_cmnd *sc, bool underflow,
			      u32 residual)
{
	if (underflow)
		scsi_set_resid(sc, min(residual, scsi_bufflen(sc)));
}

static int mcs_task_rsp(struct mcs_conn *conn, struct mcs_task *task,
			const struct mcs_pdu_rx *rx, const u8 *data,
			const char **why)
{
	struct scsi_cmnd *sc = task->sc;
	const u8 *sense;
	u16 sense_len;
	int ret;

	ret = mcs_pdu_check_scsi_rsp(&conn->rx_hdr, scsi_bufflen(sc), 0, why);
	if (ret)
		return ret;
	if (rx->rsp.response != ISCSI_STATUS_CMD_COMPLETED) {
		/* The target failed the command itself: let the midlayer retry. */
		mcs_task_complete(task, DID_ERROR << 16);
		return 0;
	}
	if (rx->dlength) {
		ret = mcs_pdu_sense(data, rx->dlength, &sense, &sense_len, why);
		if (ret)
			return ret;
		if (sense)
			memcpy(sc->sense_buffer, sense,
			       min_t(u16, sense_len, SCSI_SENSE_BUFFERSIZE));
	}
	mcs_task_residual(sc, rx->rsp.underflow, rx->rsp.residual);
	mcs_task_complete(task, rx->rsp.status);
	return 0;
}

static int mcs_task_data_in(struct mcs_conn *conn, struct mcs_task *task,
			    const struct mcs_pdu_rx *rx, const u8 *data,
			    const char **why)
{
	struct scsi_cmnd *sc = task->sc;
	size_t copied;
	int ret;

	if (sc->sc_data_direction != DMA_FROM_DEVICE) {
		*why = "Data-In for a command that reads nothing";
		return -EPROTO;
	}
	ret = mcs_pdu_check_data_in(&conn->rx_hdr, scsi_bufflen(sc), why);
	if (ret)
		return ret;
	/* Without @data, io_work received it into the pages already. */
	if (rx->dlength && data) {
		copied = sg_pcopy_from_buffer(scsi_sglist(sc), scsi_sg_count(sc),
					      data, rx->dlength,
					      rx->data_in.offset);
		if (copied != rx->dlength) {
			*why = "Data-In past the end of the command's buffer";
			return -EPROTO;
		}
	}
	if (rx->data_in.status_valid) {
		mcs_task_residual(sc, rx->data_in.underflow,
				  rx->data_in.residual);
		mcs_task_complete(task, rx->data_in.status);
	}
	return 0;
}

static int mcs_task_r2t(struct mcs_conn *conn, struct mcs_task *task,
			const struct mcs_pdu_rx *rx, const char **why)
{
	const struct mcs_sess_params *p = &conn->sess->params.sess;
	struct mcs_r2t *r2t;
	int ret;

	if (task->sc->sc_data_direction != DMA_TO_DEVICE) {
		*why = "R2T for a command that writes nothing";
		return -EPROTO;
	}
	ret = mcs_pdu_check_r2t(&conn->rx_hdr, scsi_bufflen(task->sc),
				p->max_burst_length, why);
	if (ret)
		return ret;
	/* R2TSNs count from 0 per task, and go on after a TASK REASSIGN. */
	if (rx->r2t.r2tsn != task->r2ts) {
		*why = "R2T out of R2TSN order";
		return -EPROTO;
	}
	/* What we queue for a target is bounded by what it negotiated. */
	if (atomic_read(&task->r2t_queued) >= max(p->max_outstanding_r2t, 1U)) {
		*why = "more R2Ts outstanding than MaxOutstandingR2T";
		return -EPROTO;
	}
	r2t = kzalloc(sizeof(*r2t), GFP_NOIO);
	if (!r2t) {
		*why = "out of memory for an R2T";
		return -ENOMEM;
	}
	r2t->tx.kind = MCS_TX_DATA;
	/* The caller's hold keeps it above 0. */
	atomic_inc(&task->refs);
	r2t->task = task;
	r2t->ttt = rx->ttt;
	r2t->offset = rx->r2t.offset;
	r2t->len = rx->r2t.length;
	task->r2ts++;
	atomic_inc(&task->r2t_queued);
	ret = mcs_conn_queue(conn, &r2t->tx);
	if (ret) {
		atomic_dec(&task->r2t_queued);
		mcs_task_put(task);
		kfree(r2t);
		*why = "connection failed";
	}
	return ret;
}

/**
 * mcs_task_find() - the task a SCSI PDU on @conn is for, held
 * @conn: the connection the PDU came on
 * @itt: its ITT
 * @why: a static reason when the PDU breaks the protocol
 *
 * Return: the task with a hold the caller drops with mcs_task_put();
 * NULL with *@why NULL for a late PDU of a command already handed back or
 * ended (to be ignored); NULL with *@why set for an ITT that no command of
 * this connection ever had.
 */
struct mcs_task *mcs_task_find(struct mcs_conn *conn, u32 itt,
			       const char **why)
{
	struct mcs_session *sess = conn->sess;
	struct mcs_task *task;
	struct scsi_cmnd *sc;

	*why = "SCSI PDU for an ITT no command has";
	if ((itt & MCS_ITT_INTERNAL) || !sess->shost)
		return NULL;
	sc = scsi_host_find_tag(sess->shost, itt & MCS_ITT_TAG_MASK);
	if (!sc)
		return NULL;
	task = scsi_cmd_priv(sc);
	if (!mcs_task_get(task)) {
		*why = NULL;	/* handed back: a late PDU */
		return NULL;
	}
	if (READ_ONCE(task->itt) != itt) {
		mcs_task_put(task);
		/* The tag's command before this one: a late PDU. */
		if (!((READ_ONCE(task->itt) ^ itt) & MCS_ITT_TAG_MASK))
			*why = NULL;
		return NULL;
	}
	if (READ_ONCE(task->conn) != conn) {
		mcs_task_put(task);
		*why = "SCSI PDU for a command of another connection";
		return NULL;
	}
	/* Aborted or reset by error handling: the target may still talk. */
	if (test_bit(MCS_TASK_DONE, &task->flags)) {
		mcs_task_put(task);
		*why = NULL;
		return NULL;
	}
	if (!test_bit(MCS_TASK_SENT, &task->flags)) {
		mcs_task_put(task);
		*why = "SCSI PDU for a command not sent yet";
		return NULL;
	}
	return task;
}

/**
 * mcs_task_place() - where the Data-In just announced goes
 * @conn: the connection; its rx_hdr holds the Data-In's header
 * @why: a static reason when the PDU breaks the protocol
 *
 * Return: the task whose pages receive the data, held until the PDU is
 * in (mcs_task_put()); NULL when the PDU is late (its data is read and
 * dropped); or an ERR_PTR that fails the connection.
 */
struct mcs_task *mcs_task_place(struct mcs_conn *conn, const char **why)
{
	struct mcs_task *task;
	int ret;

	task = mcs_task_find(conn, mcs_pdu_itt(&conn->rx_hdr), why);
	if (!task)
		return *why ? ERR_PTR(-EPROTO) : NULL;
	if (task->sc->sc_data_direction != DMA_FROM_DEVICE) {
		*why = "Data-In for a command that reads nothing";
		ret = -EPROTO;
		goto err_put;
	}
	ret = mcs_pdu_check_data_in(&conn->rx_hdr, scsi_bufflen(task->sc), why);
	if (ret)
		goto err_put;
	return task;

err_put:
	mcs_task_put(task);
	return ERR_PTR(ret);
}

/**
 * mcs_task_rx() - handle a Data-In, R2T or SCSI Response
 * @conn: the connection it came on
 * @rx: the parsed header (conn->rx_hdr holds it raw)
 * @data: its data segment
 * @why: a static reason when the PDU breaks the protocol
 *
 * Return: 0, or a negative errno that fails the connection.
 */
int mcs_task_rx(struct mcs_conn *conn, const struct mcs_pdu_rx *rx,
		const u8 *data, const char **why)
{
	struct mcs_task *task;
	int ret = -EPROTO;

	task = mcs_task_find(conn, rx->itt, why);
	if (!task)
		return *why ? -EPROTO : 0;
	/* A reassigned task the target resumed. */
	clear_bit(MCS_TASK_QUIET, &task->flags);

	switch (rx->opcode) {
	case ISCSI_OP_SCSI_DATA_IN:
		ret = mcs_task_data_in(conn, task, rx, data, why);
		break;
	case ISCSI_OP_SCSI_CMD_RSP:
		ret = mcs_task_rsp(conn, task, rx, data, why);
		break;
	case ISCSI_OP_R2T:
		ret = mcs_task_r2t(conn, task, rx, why);
		break;
	default:
		*why = "not a SCSI PDU";
		break;
	}
	mcs_task_put(task);
	return ret;
}
