// SPDX-License-Identifier: GPL-2.0
/*
 * Connection recovery at ErrorRecoveryLevel 2 (RFC 7143 7.2): when one
 * connection of a session fails while others work, the session goes on
 * and the failed connection's tasks move to a working one.
 *
 * DefaultTime2Wait after the failure (recovery.c), a Logout "remove the
 * connection for recovery" for the failed CID goes out on a working
 * connection; it ends the tasks' allegiance, and its answer's ExpCmdSN
 * says which commands reached the target. Those that did not left holes
 * in the CmdSN sequence the target waits on: each is sent again, same ITT
 * and CmdSN (a retry, RFC 7143 7.2.1), which fills its hole. Those that
 * did are resumed where they stand with TASK REASSIGN, one at a time: the
 * target sends a read's data again, asks for a write's missing data with
 * R2Ts, or just the status.
 *
 * The answer to a TASK REASSIGN is taken at its word when it is
 * "function complete" or "task does not exist". LIO 6.1 answers
 * "function rejected" when it did resume the task (it converts its own
 * iSCSI response code as if it were a target-core one), so "rejected"
 * only makes the task watched: if nothing arrives for it within
 * MCS_REASSIGN_QUIET_MS it is handed back to the midlayer, which sends it
 * as a new command. Anything else, or any failure on the way, fails the
 * session, and session recovery takes over.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <scsi/iscsi_proto.h>
#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

#include "reassign.h"
#include "scsi.h"
#include "session.h"
#include "sn.h"
#include "task.h"

/**
 * mcs_reassign_plan() - what to do with one task of a failed connection
 * @cmdsn: the task's CmdSN
 * @exp_cmdsn: the target's ExpCmdSN once the connection was logged out
 *
 * Below ExpCmdSN the target received the command; from it on it did not
 * (the connection's commands are the only ones that can be missing:
 * those of working connections arrive).
 *
 * Return: MCS_REASSIGN_TASK or MCS_REASSIGN_RETRY.
 */
enum mcs_reassign_plan mcs_reassign_plan(u32 cmdsn, u32 exp_cmdsn)
{
	return mcs_sn_lt(cmdsn, exp_cmdsn) ? MCS_REASSIGN_TASK :
					     MCS_REASSIGN_RETRY;
}

/**
 * mcs_reassign_answer() - what the answer to a TASK REASSIGN means
 * @response: the TMF response, or a negative errno when there was none
 *
 * Return: the action; see the comment at the top of this file.
 */
enum mcs_reassign_answer mcs_reassign_answer(int response)
{
	switch (response) {
	case ISCSI_TMF_RSP_COMPLETE:
		return MCS_REASSIGN_RESUMED;
	case ISCSI_TMF_RSP_REJECTED:
		return MCS_REASSIGN_WATCH;
	case ISCSI_TMF_RSP_NO_TASK:
		return MCS_REASSIGN_REISSUE;
	default:
		/* Still allegiant, not supported, no answer: give up. */
		return MCS_REASSIGN_FAIL;
	}
}

struct mcs_orphans {
	struct mcs_conn *conn;
	struct mcs_task **task;
	unsigned int n;
	unsigned int max;
};

static bool mcs_orphans_collect(struct scsi_cmnd *sc, void *data)
{
	struct mcs_task *task = scsi_cmd_priv(sc);
	struct mcs_orphans *o = data;

	/* Held: a task handed back meanwhile must not be reused under us. */
	if (READ_ONCE(task->conn) == o->conn &&
	    !test_bit(MCS_TASK_DONE, &task->flags) && o->n < o->max &&
	    mcs_task_get(task))
		o->task[o->n++] = task;
	return true;
}

static int mcs_orphans_cmp(const void *a, const void *b)
{
	const struct mcs_task *x = *(const struct mcs_task * const *)a;
	const struct mcs_task *y = *(const struct mcs_task * const *)b;

	return mcs_sn_lt(x->cmdsn, y->cmdsn) ? -1 : x->cmdsn != y->cmdsn;
}

/* Counts (@data->n) or hands back (@data->max == 0) the quiet ones. */
static bool mcs_orphans_quiet(struct scsi_cmnd *sc, void *data)
{
	struct mcs_task *task = scsi_cmd_priv(sc);
	struct mcs_orphans *o = data;

	if (READ_ONCE(task->conn) != o->conn ||
	    !test_bit(MCS_TASK_QUIET, &task->flags) ||
	    test_bit(MCS_TASK_DONE, &task->flags))
		return true;
	if (o->max)
		o->n++;
	else
		mcs_task_complete(task, DID_TRANSPORT_DISRUPTED << 16);
	return true;
}

/*
 * Waits for the reassigned tasks on @via to show a sign of life, then
 * hands back those that stayed silent: the target does not have them.
 */
static void mcs_reassign_watch(struct mcs_session *sess, struct mcs_conn *via)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(MCS_REASSIGN_QUIET_MS);
	struct mcs_orphans o = { .conn = via, .max = 1 };

	do {
		o.n = 0;
		scsi_host_busy_iter(sess->shost, mcs_orphans_quiet, &o);
		if (!o.n)
			return;
		msleep(20);
	} while (time_before(jiffies, deadline));
	pr_info("session %*phN: %u reassigned tasks stayed silent: sent anew\n",
		ISCSI_MCS_ID_LEN, sess->id, o.n);
	o.max = 0;
	scsi_host_busy_iter(sess->shost, mcs_orphans_quiet, &o);
}

/* Moves the tasks of @dead, failed, to @via. Return: 0 or why not. */
static int mcs_reassign_conn(struct mcs_session *sess, struct mcs_conn *dead,
			     struct mcs_conn *via, unsigned int timeout_ms)
{
	struct mcs_orphans o = { .conn = dead };
	unsigned int i, retried = 0, resumed = 0, watched = 0;
	struct mcs_task *task;
	u32 exp_cmdsn;
	int ret;

	ret = mcs_conn_logout_recovery(via, dead, timeout_ms, &exp_cmdsn);
	if (ret)
		return ret;
	o.max = sess->shost->can_queue;
	o.task = kcalloc(o.max, sizeof(*o.task), GFP_NOIO);
	if (!o.task)
		return -ENOMEM;
	scsi_host_busy_iter(sess->shost, mcs_orphans_collect, &o);
	sort(o.task, o.n, sizeof(*o.task), mcs_orphans_cmp, NULL);

	/* The holes first, in CmdSN order: the whole session waits on them. */
	for (i = 0; i < o.n && !ret; i++) {
		task = o.task[i];
		if (mcs_reassign_plan(task->cmdsn, exp_cmdsn) != MCS_REASSIGN_RETRY)
			continue;
		ret = mcs_scsi_task_retry(sess, task, dead, via);
		if (ret == -ENOENT)
			ret = 0;
		else if (!ret)
			retried++;
	}
	for (i = 0; i < o.n && !ret; i++) {
		task = o.task[i];
		if (mcs_reassign_plan(task->cmdsn, exp_cmdsn) != MCS_REASSIGN_TASK)
			continue;
		ret = mcs_scsi_task_reassign(sess, task, dead, via);
		if (ret == -ENOENT) {
			ret = 0;
			continue;
		}
		switch (mcs_reassign_answer(ret)) {
		case MCS_REASSIGN_RESUMED:
			clear_bit(MCS_TASK_QUIET, &task->flags);
			resumed++;
			ret = 0;
			break;
		case MCS_REASSIGN_WATCH:
		case MCS_REASSIGN_REISSUE:
			/* Quiet: mcs_reassign_watch() decides. */
			watched++;
			ret = 0;
			break;
		case MCS_REASSIGN_FAIL:
			pr_info("session %*phN: TASK REASSIGN of task %#x: %d\n",
				ISCSI_MCS_ID_LEN, sess->id, task->itt, ret);
			ret = ret < 0 ? ret : -EIO;
			break;
		}
	}
	for (i = 0; i < o.n; i++)
		mcs_task_put(o.task[i]);
	kfree(o.task);
	if (ret)
		return ret;
	pr_info("session %*phN: connection %u's tasks moved to connection %u: %u sent again, %u resumed, %u watched\n",
		ISCSI_MCS_ID_LEN, sess->id, dead->cid, via->cid, retried,
		resumed, watched);
	if (watched)
		mcs_reassign_watch(sess, via);
	return 0;
}

/**
 * mcs_reassign() - end the allegiance of every connection failed at ERL 2
 * @sess: the session; the caller holds conn_mutex
 * @timeout_ms: how long each Logout may take
 *
 * Each one's tasks, if any, move to a working connection; each one is
 * logged out for recovery even without tasks, as the target may hold
 * some whose status it sent but we did not acknowledge.
 *
 * Return: 0, or why the tasks could not move: the caller fails the
 * session then, which hands them back for session recovery.
 */
int mcs_reassign(struct mcs_session *sess, unsigned int timeout_ms)
{
	struct mcs_conn *dead, *via;
	unsigned int cid;
	int ret;

	lockdep_assert_held(&sess->conn_mutex);

	if (!sess->shost)
		return -ENODEV;
	/* A failed session's orphans were handed back with it. */
	if (READ_ONCE(sess->state) != ISCSI_MCS_STATE_LOGGED_IN)
		return -ENOTCONN;
	for (cid = 0; cid < MCS_MAX_CONNS_LIMIT; cid++) {
		dead = mcs_session_conn(sess, cid);
		if (!dead || !READ_ONCE(dead->orphans))
			continue;
		via = mcs_session_usable_conn(sess);
		if (!via)
			return -ENOTCONN;
		ret = mcs_reassign_conn(sess, dead, via, timeout_ms);
		if (ret) {
			pr_info("session %*phN: recovery of connection %u through %u failed (%d)\n",
				ISCSI_MCS_ID_LEN, sess->id, dead->cid, via->cid,
				ret);
			return ret;
		}
		/* Its CID is free at the target: it may log in again. */
		spin_lock_bh(&sess->lock);
		dead->orphans = false;
		spin_unlock_bh(&sess->lock);
	}
	return 0;
}
