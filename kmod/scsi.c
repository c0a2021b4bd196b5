// SPDX-License-Identifier: GPL-2.0
/*
 * The SCSI host of a session: queuecommand numbers a command and queues
 * it on a connection; the error handler's aborts and resets become task
 * management functions.
 *
 * The host has one hardware queue per CPU, sharing one tag set, and
 * nothing session-wide is locked on the way to the socket: the policy
 * state is per hardware queue (struct mcs_hwq), the connections are read
 * under RCU, and a command is numbered and queued under the chosen
 * connection's queue lock only (mcs_sn_take()), which keeps each send
 * queue in the CmdSN order RFC 7143 wants on the wire. A command beyond
 * the target's MaxCmdSN is given back to the block layer as busy; it
 * comes back when others complete.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/blk-mq.h>
#include <linux/slab.h>
#include <scsi/scsi.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_device.h>
#include <scsi/scsi_eh.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_iscsi.h>

#include "pdu.h"
#include "scsi.h"
#include "session.h"
#include "task.h"
#include "transport.h"

static struct mcs_session *mcs_shost_session(struct Scsi_Host *shost)
{
	return *(struct mcs_session **)shost_priv(shost);
}

/* How much of a write goes with the command, and unsolicited after it. */
static void mcs_task_unsolicited(struct mcs_task *task,
				 const struct mcs_session *sess,
				 const struct mcs_conn *conn)
{
	const struct mcs_sess_params *p = &sess->params.sess;
	u32 len = scsi_bufflen(task->sc);
	u32 first = min(len, p->first_burst_length);

	if (task->sc->sc_data_direction != DMA_TO_DEVICE || !len)
		return;
	if (p->immediate_data)
		task->imm_len = min(first, conn->params.max_xmit_dsl);
	if (!p->initial_r2t)
		task->unsol_len = first - task->imm_len;
}

/* A command that cannot go now: wait for recovery, or fail it. */
static int mcs_scsi_no_conn(struct mcs_session *sess, struct scsi_cmnd *sc)
{
	u8 state = READ_ONCE(sess->state);

	/*
	 * Every connection is down and recovery is on: wait, as the class's
	 * block of the queues, queued meanwhile, would make this command do.
	 */
	if (state == ISCSI_MCS_STATE_FAILED &&
	    !READ_ONCE(sess->recovery_timed_out))
		return SCSI_MLQUEUE_TARGET_BUSY;
	/* A connection going away under us: another one takes it soon. */
	if (state == ISCSI_MCS_STATE_LOGGED_IN)
		return SCSI_MLQUEUE_HOST_BUSY;
	sc->result = (state == ISCSI_MCS_STATE_FAILED ?
		      DID_TRANSPORT_FAILFAST : DID_NO_CONNECT) << 16;
	scsi_done(sc);
	return 0;
}

static int mcs_scsi_queuecommand(struct Scsi_Host *shost, struct scsi_cmnd *sc)
{
	struct mcs_session *sess = mcs_shost_session(shost);
	struct mcs_task *task = scsi_cmd_priv(sc);
	struct mcs_hwq *hwq;
	struct mcs_conn *conn;
	int ret;

	/* Unique across hardware queues, and never with the internal bit. */
	mcs_task_init(task, sc);
	if (READ_ONCE(sess->state) != ISCSI_MCS_STATE_LOGGED_IN)
		return mcs_scsi_no_conn(sess, sc);

	hwq = &sess->hwq[blk_mq_unique_tag_to_hwq(task->itt & MCS_ITT_TAG_MASK)];
	rcu_read_lock();
	spin_lock_bh(&hwq->lock);
	conn = mcs_session_pick_conn_io(sess, hwq, scsi_bufflen(sc));
	spin_unlock_bh(&hwq->lock);
	if (!conn) {
		rcu_read_unlock();
		return mcs_scsi_no_conn(sess, sc);
	}
	mcs_task_unsolicited(task, sess, conn);
	/* The task stays on this connection (allegiance) until it completes. */
	ret = mcs_conn_queue_task(conn, task);
	rcu_read_unlock();
	if (ret == -EAGAIN)
		return SCSI_MLQUEUE_HOST_BUSY;
	if (ret)
		return mcs_scsi_no_conn(sess, sc);
	return 0;
}

/*
 * Sends one task management function and waits for its answer.
 * Return: the target's response, or -errno when there was none.
 */
static int mcs_tmf(struct mcs_session *sess, u8 function, u64 lun,
		   const struct mcs_task *ref)
{
	struct mcs_conn *conn;
	struct mcs_pdu_tmf t = {
		.function = function,
		.immediate = true,
		.rtt = ref ? ref->itt : ISCSI_RESERVED_TAG,
		.refcmdsn = ref ? ref->cmdsn : 0,
		/*
		 * Reads start over (0: nothing acknowledged, we send no
		 * DataACK); a write goes on from the next R2T it expects.
		 */
		.exp_datasn = ref && ref->sc->sc_data_direction == DMA_TO_DEVICE ?
			      ref->r2ts : 0,
	};
	struct mcs_tx_pdu *pdu;
	u32 cmdsn;
	int ret;

	int_to_scsilun(lun, &t.lun);
	pdu = mcs_tx_pdu_alloc(0, GFP_NOIO);
	if (!pdu)
		return -ENOMEM;
	mutex_lock(&sess->tmf_mutex);
	t.itt = mcs_session_next_itt(sess);
	spin_lock_bh(&sess->lock);
	cmdsn = atomic_read(&sess->cmdsn);
	/* An abort goes where the task is (RFC 7143 11.5.1 at ERL < 2). */
	conn = ref ? ref->conn : mcs_session_pick_conn(sess);
	if (!conn || conn->failed) {
		spin_unlock_bh(&sess->lock);
		kfree(pdu);
		ret = -ENOTCONN;
		goto out;
	}
	spin_unlock_bh(&sess->lock);
	ret = mcs_pdu_build_tmf(&pdu->hdr, &t);
	if (!ret)
		ret = mcs_pdu_set_cmdsn(&pdu->hdr, cmdsn);
	if (ret) {
		kfree(pdu);
		goto out;
	}
	reinit_completion(&sess->tmf_done);
	WRITE_ONCE(sess->tmf_itt, t.itt);
	WRITE_ONCE(sess->tmf_conn, conn);
	ret = mcs_conn_queue(conn, &pdu->tx);
	if (ret) {
		kfree(pdu);
		goto out;
	}
	if (!wait_for_completion_timeout(&sess->tmf_done,
					 msecs_to_jiffies(MCS_TMF_TIMEOUT_MS)))
		ret = -ETIMEDOUT;
	else if (READ_ONCE(conn->failed))
		ret = -ENOTCONN;
	else
		ret = sess->tmf_response;
out:
	WRITE_ONCE(sess->tmf_itt, ISCSI_RESERVED_TAG);
	WRITE_ONCE(sess->tmf_conn, NULL);
	mutex_unlock(&sess->tmf_mutex);
	return ret;
}

/**
 * mcs_scsi_task_reassign() - ask the target to resume a task elsewhere
 * @sess: the session
 * @task: a task of a failed connection whose allegiance was ended
 * @from: that connection
 * @to: a working connection
 *
 * The task is made allegiant to @to first, so that what the target sends
 * for it there finds it, and marked quiet until it does; then TASK
 * REASSIGN (RFC 7143 11.5.1) goes out on @to.
 *
 * Return: the target's TMF response, -ENOENT when the task was handed
 * back meanwhile, or another -errno when there was no answer.
 */
int mcs_scsi_task_reassign(struct mcs_session *sess, struct mcs_task *task,
			   struct mcs_conn *from, struct mcs_conn *to)
{
	if (!mcs_task_move(task, from, to))
		return -ENOENT;
	set_bit(MCS_TASK_QUIET, &task->flags);
	return mcs_tmf(sess, ISCSI_TM_FUNC_TASK_REASSIGN, task->sc->device->lun,
		       task);
}

/**
 * mcs_scsi_task_retry() - send a command the target never got again
 * @sess: the session
 * @task: a task of a failed connection whose allegiance was ended, with
 *	a CmdSN the target has not seen
 * @from: that connection
 * @to: a working connection
 *
 * The same command PDU, ITT and CmdSN (RFC 7143 7.2.1): it fills the gap
 * the target waits on. Its CmdSN is older than those queued on @to, which
 * RFC 7143 3.2.2.1 allows for commands of connection recovery.
 *
 * Return: 0, -ENOENT when the task was handed back meanwhile, or
 * -ENOTCONN when @to failed.
 */
int mcs_scsi_task_retry(struct mcs_session *sess, struct mcs_task *task,
			struct mcs_conn *from, struct mcs_conn *to)
{
	int ret;

	if (!mcs_task_get(task))
		return -ENOENT;
	if (!mcs_task_move(task, from, to)) {
		mcs_task_put(task);
		return -ENOENT;
	}
	task->imm_len = 0;
	task->unsol_len = 0;
	task->r2ts = 0;
	clear_bit(MCS_TASK_SENT, &task->flags);
	mcs_task_unsolicited(task, sess, to);
	/* The hold taken above is the send queue's now. */
	ret = mcs_conn_queue(to, &task->tx);
	if (ret)
		mcs_task_put(task);
	return ret;
}

struct mcs_reset_match {
	u64 lun;
	bool all;
};

/*
 * After a reset the target has dropped the tasks: those the error handler
 * owns are ended, the others handed back to be retried, and a late PDU
 * for any of them is ignored.
 */
static bool mcs_reset_task(struct scsi_cmnd *sc, void *data)
{
	const struct mcs_reset_match *m = data;

	if (m->all || sc->device->lun == m->lun)
		mcs_task_forget(scsi_cmd_priv(sc), DID_RESET << 16);
	return true;
}

/* Then nothing of ours may still use them when the handler returns. */
static bool mcs_reset_wait(struct scsi_cmnd *sc, void *data)
{
	const struct mcs_reset_match *m = data;

	if (m->all || sc->device->lun == m->lun)
		mcs_task_wait_idle(scsi_cmd_priv(sc));
	return true;
}

static void mcs_reset_tasks(struct Scsi_Host *shost, struct mcs_reset_match *m)
{
	scsi_host_busy_iter(shost, mcs_reset_task, m);
	scsi_host_busy_iter(shost, mcs_reset_wait, m);
}

static int mcs_eh_abort(struct scsi_cmnd *sc)
{
	struct mcs_session *sess = mcs_shost_session(sc->device->host);
	struct mcs_task *task = scsi_cmd_priv(sc);
	int ret;

	if (test_bit(MCS_TASK_DONE, &task->flags))
		goto done;
	/* A session being recovered: wait for it, or for its timeout. */
	ret = iscsi_block_scsi_eh(sc);
	if (ret)
		return ret;
	if (test_bit(MCS_TASK_DONE, &task->flags))
		goto done;
	ret = mcs_tmf(sess, ISCSI_TM_FUNC_ABORT_TASK, sc->device->lun, task);
	if (ret != ISCSI_TMF_RSP_COMPLETE && ret != ISCSI_TMF_RSP_NO_TASK) {
		sdev_printk(KERN_WARNING, sc->device,
			    "iscsi_mcs: ABORT TASK failed (%d)\n", ret);
		return FAILED;
	}
	mcs_task_forget(task, DID_ABORT << 16);
done:
	/* A burst or Data-In still at the pages: the midlayer reuses them. */
	mcs_task_wait_idle(task);
	return SUCCESS;
}

static int mcs_eh_device_reset(struct scsi_cmnd *sc)
{
	struct Scsi_Host *shost = sc->device->host;
	struct mcs_reset_match m = { .lun = sc->device->lun };
	int ret;

	ret = iscsi_block_scsi_eh(sc);
	if (ret)
		return ret;
	ret = mcs_tmf(mcs_shost_session(shost), ISCSI_TM_FUNC_LOGICAL_UNIT_RESET,
		      sc->device->lun, NULL);
	if (ret != ISCSI_TMF_RSP_COMPLETE) {
		sdev_printk(KERN_WARNING, sc->device,
			    "iscsi_mcs: LUN RESET failed (%d)\n", ret);
		return FAILED;
	}
	mcs_reset_tasks(shost, &m);
	return SUCCESS;
}

struct mcs_lun_reset {
	struct mcs_session *sess;
	int failed;
};

static void mcs_reset_lun(struct scsi_device *sdev, void *data)
{
	struct mcs_lun_reset *r = data;
	struct mcs_reset_match m = { .lun = sdev->lun };

	if (mcs_tmf(r->sess, ISCSI_TM_FUNC_LOGICAL_UNIT_RESET, sdev->lun,
		    NULL) != ISCSI_TMF_RSP_COMPLETE) {
		r->failed++;
		return;
	}
	mcs_reset_tasks(sdev->host, &m);
}

static int mcs_eh_target_reset(struct scsi_cmnd *sc)
{
	struct Scsi_Host *shost = sc->device->host;
	struct mcs_lun_reset r = { .sess = mcs_shost_session(shost) };
	struct mcs_reset_match m = { .all = true };
	int ret;

	ret = iscsi_block_scsi_eh(sc);
	if (ret)
		return ret;
	ret = mcs_tmf(r.sess, ISCSI_TM_FUNC_TARGET_WARM_RESET, 0, NULL);
	if (ret == ISCSI_TMF_RSP_COMPLETE) {
		mcs_reset_tasks(shost, &m);
		return SUCCESS;
	}
	if (ret < 0) {
		sdev_printk(KERN_WARNING, sc->device,
			    "iscsi_mcs: TARGET WARM RESET failed (%d)\n", ret);
		return FAILED;
	}
	/*
	 * Targets may refuse it by policy (LIO unless the ACL allows it):
	 * resetting each logical unit clears the same tasks.
	 */
	sdev_printk(KERN_INFO, sc->device,
		    "iscsi_mcs: TARGET WARM RESET refused (%d), resetting each LUN\n",
		    ret);
	starget_for_each_device(scsi_target(sc->device), &r, mcs_reset_lun);
	return r.failed ? FAILED : SUCCESS;
}

static struct scsi_host_template mcs_sht = {
	.module = THIS_MODULE,
	.name = "iSCSI initiator with multiple connections per session",
	/* iscsiadm finds a host's transport by this name minus "iscsi_". */
	.proc_name = "iscsi_" MCS_TRANSPORT_NAME,
	.queuecommand = mcs_scsi_queuecommand,
	.eh_abort_handler = mcs_eh_abort,
	.eh_device_reset_handler = mcs_eh_device_reset,
	.eh_target_reset_handler = mcs_eh_target_reset,
	.can_queue = MCS_CMDS_MAX,
	.cmd_per_lun = MCS_CMDS_MAX,
	.this_id = -1,
	.sg_tablesize = SG_ALL,
	.max_sectors = 2048,
	/* One page per segment: data is mapped and digested page by page. */
	.dma_boundary = PAGE_SIZE - 1,
	.cmd_size = sizeof(struct mcs_task),
	.track_queue_depth = 1,
};

/**
 * mcs_scsi_add() - give a logged-in session its SCSI host and scan it
 * @sess: the session, in full feature phase
 *
 * The host carries the iSCSI transport class: the session registers
 * there and its target is scanned below it.
 *
 * Return: 0 or a negative errno; the session has no host then.
 */
int mcs_scsi_add(struct mcs_session *sess)
{
	struct Scsi_Host *shost;
	unsigned int i;
	int ret;

	shost = scsi_host_alloc(&mcs_sht, sizeof(sess));
	if (!shost)
		return -ENOMEM;
	*(struct mcs_session **)shost_priv(shost) = sess;
	shost->max_id = 1;
	shost->max_channel = 0;
	shost->max_lun = 512;
	shost->max_cmd_len = 16;
	shost->transportt = mcs_transportt;
	/* One queue per CPU, one tag space: can_queue stays session-wide. */
	shost->nr_hw_queues = min_t(unsigned int, num_possible_cpus(),
				    MCS_HWQ_MAX);
	shost->host_tagset = 1;
	sess->hwq = kcalloc(shost->nr_hw_queues, sizeof(*sess->hwq),
			    GFP_KERNEL);
	if (!sess->hwq) {
		ret = -ENOMEM;
		goto err_put;
	}
	sess->nr_hwq = shost->nr_hw_queues;
	for (i = 0; i < sess->nr_hwq; i++) {
		spin_lock_init(&sess->hwq[i].lock);
		mcs_policy_set(&sess->hwq[i].pol, READ_ONCE(sess->policy_id));
	}
	/*
	 * The depth chosen at login; the CmdSN window still bounds what is
	 * on the wire at any time (queuecommand answers busy beyond it).
	 */
	if (sess->cmds_max) {
		shost->can_queue = sess->cmds_max;
		shost->cmd_per_lun = sess->cmds_max;
	}
	sess->shost = shost;
	ret = scsi_add_host(shost, NULL);
	if (ret)
		goto err_put;
	ret = mcs_transport_add_session(sess);
	if (ret)
		goto err_remove;
	return 0;

err_remove:
	scsi_remove_host(shost);
err_put:
	scsi_host_put(shost);
	sess->shost = NULL;
	kfree(sess->hwq);
	sess->hwq = NULL;
	return ret;
}

/* The disks go first, flushing their caches over the live session. */
void mcs_scsi_remove(struct mcs_session *sess)
{
	mcs_transport_remove_session(sess);
	scsi_remove_host(sess->shost);
}

void mcs_scsi_put(struct mcs_session *sess)
{
	mcs_transport_free_session(sess);
	scsi_host_put(sess->shost);
	sess->shost = NULL;
	kfree(sess->hwq);
	sess->hwq = NULL;
}
