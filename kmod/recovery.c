// SPDX-License-Identifier: GPL-2.0
/*
 * Recovery of failed connections and sessions (RFC 7143 section 7).
 *
 * A failed connection's commands were handed back to the midlayer when it
 * failed; what is left is to get the connection back. DefaultTime2Wait
 * after the failure, this work logs each failed connection in again with
 * the same CID (connection reinstatement: the target implicitly logs the
 * old one out) the way it was logged in the first time, from its recipe.
 *
 * When no connection is left the session is blocked in the iSCSI class,
 * so commands wait instead of failing, and this work reinstates it: a
 * leading login with the same ISID and a zero TSIH, which makes the
 * target drop the old session and its tasks. LIO does exactly that to
 * every connection of a session below ErrorRecoveryLevel 2 as soon as one
 * of them fails, so at ERL 0 and 1 reinstatement is the usual path. The
 * class's replacement timeout (recovery_tmo) bounds how long commands
 * wait; past it they fail, while reinstatement goes on being tried.
 *
 * Attempts back off exponentially from DefaultTime2Wait, up to
 * MCS_RECOVERY_DELAY_MAX_MS. A connection the target refuses as an
 * initiator error (status class 2) is not tried again.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <scsi/iscsi_proto.h>
#include <scsi/scsi_common.h>

#include "compat.h"
#include "login.h"
#include "reassign.h"
#include "recovery.h"
#include "session.h"

static struct workqueue_struct *mcs_recovery_wq;

/* How long a failed session's working connections have to log it out. */
#define MCS_QUIESCE_MS	2000

/**
 * mcs_recovery_delay_ms() - how long to wait before an attempt
 * @time2wait_s: the negotiated DefaultTime2Wait
 * @attempt: attempts that failed since the last success
 *
 * The first attempt waits DefaultTime2Wait, which may be 0; each failure
 * doubles the wait, from at least a second, up to the cap.
 *
 * Return: the delay in milliseconds.
 */
unsigned int mcs_recovery_delay_ms(u32 time2wait_s, unsigned int attempt)
{
	u64 ms = (u64)time2wait_s * MSEC_PER_SEC;

	if (!attempt)
		return min_t(u64, ms, MCS_RECOVERY_DELAY_MAX_MS);
	ms = max_t(u64, ms, MSEC_PER_SEC);
	if (attempt > 16)
		attempt = 16;
	return min_t(u64, ms << attempt, MCS_RECOVERY_DELAY_MAX_MS);
}

/**
 * mcs_async_action() - what to do about an Asynchronous Message
 * @event: its AsyncEvent
 * @data: its data segment: for a SCSI event, SenseLength and sense data
 * @len: the data segment's length
 *
 * A target asking for a logout (1) or announcing it drops all connections
 * (3) gets the session recovered: its connections are logged out and it
 * is reinstated, the commands waiting meanwhile. One announcing it drops
 * one connection (2) gets that connection treated as failed, as if its
 * socket had closed: the session goes on or recovers as the
 * ErrorRecoveryLevel allows. A SCSI
 * event saying the LUN inventory or inquiry data changed gets a rescan.
 * A request to renegotiate (4) is not supported in full feature phase: the
 * target may then drop the connection, which recovery handles too.
 *
 * Return: the action.
 */
enum mcs_async_action mcs_async_action(u8 event, const u8 *data, u32 len)
{
	struct scsi_sense_hdr sshdr;
	u16 slen;

	switch (event) {
	case ISCSI_ASYNC_MSG_REQUEST_LOGOUT:
	case ISCSI_ASYNC_MSG_DROPPING_ALL_CONNECTIONS:
		return MCS_ASYNC_RECOVER;
	case ISCSI_ASYNC_MSG_DROPPING_CONNECTION:
		return MCS_ASYNC_DROP_CONN;
	case ISCSI_ASYNC_MSG_SCSI_EVENT:
		if (len < 2)
			return MCS_ASYNC_LOG;
		slen = get_unaligned_be16(data);
		if (slen > len - 2 ||
		    !scsi_normalize_sense(data + 2, slen, &sshdr))
			return MCS_ASYNC_LOG;
		/* REPORTED LUNS DATA HAS CHANGED, INQUIRY DATA HAS CHANGED */
		if (sshdr.asc == 0x3f && (sshdr.ascq == 0x0e || sshdr.ascq == 0x03))
			return MCS_ASYNC_RESCAN;
		return MCS_ASYNC_LOG;
	default:
		return MCS_ASYNC_LOG;
	}
}

struct mcs_conn_recipe *mcs_recipe_new(const struct mcs_sock_opts *so,
				       const struct mcs_login_opts *opts,
				       const struct mcs_chap_creds *creds,
				       bool chap)
{
	struct mcs_conn_recipe *r;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return NULL;
	r->so = *so;
	r->opts = *opts;
	r->chap = chap;
	r->weight = MCS_WEIGHT_DEFAULT;
	if (chap)
		r->creds = *creds;
	return r;
}

void mcs_recipe_free(struct mcs_conn_recipe *r)
{
	if (!r)
		return;
	mcs_chap_creds_wipe(&r->creds);
	kfree_sensitive(r);
}

/*
 * Gives connection @cid, logged in again, the weight and standby flag the
 * user set for it. Caller holds conn_mutex.
 */
void mcs_recipe_apply(struct mcs_session *sess, unsigned int cid)
{
	const struct mcs_conn_recipe *r = sess->recipes[cid];
	struct mcs_conn *conn = mcs_session_conn(sess, cid);

	lockdep_assert_held(&sess->conn_mutex);

	if (!r || !conn)
		return;
	spin_lock_bh(&sess->lock);
	conn->path.weight = r->weight;
	conn->path.standby = r->standby;
	spin_unlock_bh(&sess->lock);
}

/* The next attempt, after the backoff of the attempts that failed. */
static void mcs_recovery_retry(struct mcs_session *sess)
{
	unsigned int delay;

	delay = mcs_recovery_delay_ms(sess->params.sess.default_time2wait,
				      sess->recovery_attempt);
	queue_delayed_work(mcs_recovery_wq, &sess->recovery_work,
			   msecs_to_jiffies(delay));
}

/**
 * mcs_recovery_schedule() - start recovering after a failure
 * @sess: a session that just failed, or lost a connection
 *
 * Any context. A fresh failure starts over: the work runs now, whatever
 * backoff an earlier one was waiting, and logs the working connections of
 * a failed session out at once; DefaultTime2Wait is then counted from the
 * failure before the reinstatement.
 */
void mcs_recovery_schedule(struct mcs_session *sess)
{
	WRITE_ONCE(sess->recovery_attempt, 0);
	mod_delayed_work(mcs_recovery_wq, &sess->recovery_work, 0);
}

/*
 * One login of connection @cid, leading (a new session replacing ours at
 * the target) or not, following redirections. On success the socket is
 * the caller's and @portal says where it is connected.
 */
static int mcs_recovery_login(struct mcs_session *sess,
			      const struct mcs_conn_recipe *r,
			      const struct mcs_sock_opts *so, u16 cid,
			      bool leading, struct socket **sockp,
			      struct mcs_login_res *res,
			      struct sockaddr_storage *portal)
{
	struct mcs_login_req req = {
		.opts = &r->opts,
		.chap = r->chap ? &r->creds : NULL,
	};
	struct mcs_sock_opts o = *so;
	bool unreachable;
	int ret;

	mcs_session_login_req(sess, &req, cid, leading);
	ret = mcs_login_open(sess->net, &o, &req, res, MCS_REDIRECTS_MAX, sockp,
			     &unreachable);
	if (!ret)
		*portal = o.dst;
	return ret;
}

/*
 * With no connection left to log the old incarnation out through, one is
 * logged in to it for that alone, with a CID no connection of it uses (RFC
 * 7143 6.3.4 foresees such a cleanup connection). A target that refuses
 * the login has no such session any more. Caller holds conn_mutex.
 * Return: 0 when the old session is gone at the target, or an error to try
 * again later (no portal answered).
 */
static int mcs_recovery_close_old(struct mcs_session *sess,
				  struct mcs_login_res *res)
{
	struct sockaddr_storage portal;
	struct socket *sock;
	unsigned int i, cid = 0;
	int ret = -ENOENT;

	lockdep_assert_held(&sess->conn_mutex);

	for (i = MCS_MAX_CONNS_LIMIT; i--; )
		if (!sess->recipes[i])
			cid = i;
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		if (!sess->recipes[i])
			continue;
		ret = mcs_recovery_login(sess, sess->recipes[i],
					 &sess->recipes[i]->so, cid, false,
					 &sock, res, &portal);
		if (!ret)
			break;
		/* It answered with a status: it holds no session to end. */
		if (res->status_class)
			return 0;
	}
	if (ret)
		return ret;
	ret = mcs_session_logout_via(sess, sock, &portal, res, cid,
				     MCS_QUIESCE_MS);
	pr_info("session %*phN: old session logged out through a spare connection (%d)\n",
		ISCSI_MCS_ID_LEN, sess->id, ret);
	return 0;
}

/*
 * Reinstates the session through the first portal that takes it, trying
 * those of its connections in CID order. Caller holds conn_mutex; no
 * connection is left. Return: 0 or the last attempt's error.
 */
static int mcs_recovery_reinstate(struct mcs_session *sess,
				  struct mcs_login_res *res)
{
	struct sockaddr_storage portal;
	struct socket *sock;
	unsigned int cid;
	int ret = -ENOENT;

	lockdep_assert_held(&sess->conn_mutex);

	for (cid = 0; cid < MCS_MAX_CONNS_LIMIT; cid++) {
		if (!sess->recipes[cid])
			continue;
		/* The leading login's keys and secrets, this CID's path. */
		ret = mcs_recovery_login(sess, sess->lead, &sess->recipes[cid]->so,
					 cid, true, &sock, res, &portal);
		if (ret) {
			pr_info("session %*phN: reinstatement through CID %u failed (%d)\n",
				ISCSI_MCS_ID_LEN, sess->id, cid, ret);
			continue;
		}
		ret = mcs_session_reinstate(sess, sock, &portal, res, cid);
		if (ret) {
			mcs_sock_close(sock);
			return ret;
		}
		mcs_recipe_apply(sess, cid);
		mcs_event_conn(&sess->events, mcs_session_conn(sess, cid)->id,
			       cid, ISCSI_MCS_CONN_EVENT_RECOVERED);
		pr_info("session %*phN reinstated (TSIH %u) through CID %u\n",
			ISCSI_MCS_ID_LEN, sess->id, sess->tsih, cid);
		return 0;
	}
	return ret;
}

/* Logs connection @cid in again. Return: 0, or whether to try again. */
static int mcs_recovery_relogin(struct mcs_session *sess, unsigned int cid,
				struct mcs_login_res *res)
{
	struct mcs_conn_recipe *r = sess->recipes[cid];
	struct sockaddr_storage portal;
	struct mcs_conn *conn;
	struct socket *sock;
	int ret;

	ret = mcs_recovery_login(sess, r, &r->so, cid, false, &sock, res,
				 &portal);
	if (ret) {
		pr_info("session %*phN: connection %u login failed (%d)\n",
			ISCSI_MCS_ID_LEN, sess->id, cid, ret);
		if (res->status_class == ISCSI_STATUS_CLS_INITIATOR_ERR) {
			/* The target will not take it: stop trying. */
			sess->recipes[cid] = NULL;
			mcs_recipe_free(r);
			return 0;
		}
		return ret;
	}
	conn = mcs_session_add_conn(sess, sock, &portal, res, cid, NULL);
	if (!conn) {
		mcs_sock_close(sock);
		return -ENOMEM;
	}
	mcs_recipe_apply(sess, cid);
	mcs_event_conn(&sess->events, conn->id, cid, ISCSI_MCS_CONN_EVENT_RECOVERED);
	pr_info("session %*phN: connection %u recovered\n", ISCSI_MCS_ID_LEN,
		sess->id, cid);
	return 0;
}

/**
 * mcs_recovery_next() - the next step of a session's recovery
 * @v: what the session looks like now
 * @wait: set to how long to wait, in jiffies, for MCS_RECOVERY_WAIT
 *
 * A failed session is first ended at the target through a connection
 * still working; while its connections close, and until DefaultTime2Wait
 * has passed since the failure (RFC 7143 6.2: the wait before an implicit
 * logout), recovery waits; a spare connection ends the old session if no
 * working one could; then the session is reinstated. A working session
 * whose failed connections left tasks behind (ErrorRecoveryLevel 2) has
 * them reassigned, DefaultTime2Wait after the failure (RFC 7143 6.2: the
 * wait before an active task reassignment); otherwise it only gets its
 * missing connections back.
 *
 * Return: the step.
 */
enum mcs_recovery_step mcs_recovery_next(const struct mcs_recovery_view *v,
					 unsigned long *wait)
{
	*wait = 0;
	if (!v->failed && v->orphans && time_before(v->now, v->ready)) {
		*wait = v->ready - v->now;
		return MCS_RECOVERY_WAIT;
	}
	if (!v->failed)
		return v->orphans ? MCS_RECOVERY_REASSIGN : MCS_RECOVERY_RELOGIN;
	if (v->fresh)
		return MCS_RECOVERY_QUIESCE;
	if (v->working) {
		*wait = msecs_to_jiffies(MCS_RECOVERY_POLL_MS);
		return MCS_RECOVERY_WAIT;
	}
	if (time_before(v->now, v->ready)) {
		*wait = v->ready - v->now;
		return MCS_RECOVERY_WAIT;
	}
	return v->old_gone ? MCS_RECOVERY_REINSTATE : MCS_RECOVERY_CLOSE_OLD;
}

/* Caller holds conn_mutex; @working from mcs_session_drop_failed(). */
static void mcs_recovery_look(struct mcs_session *sess, unsigned int working,
			      struct mcs_recovery_view *v)
{
	struct mcs_conn *conn;
	unsigned int i;

	lockdep_assert_held(&sess->conn_mutex);

	v->working = working;
	v->fresh = 0;
	v->orphans = 0;
	v->old_gone = sess->old_gone;
	spin_lock_bh(&sess->lock);
	v->failed = sess->state == ISCSI_MCS_STATE_FAILED;
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		v->fresh += conn && !conn->failed && !conn->closing;
		v->orphans += conn && conn->orphans;
	}
	v->ready = sess->failed_at +
		   msecs_to_jiffies(sess->params.sess.default_time2wait *
				    MSEC_PER_SEC);
	spin_unlock_bh(&sess->lock);
	v->now = jiffies;
}

static void mcs_recovery_run(struct mcs_session *sess)
{
	struct mcs_recovery_view v;
	struct mcs_login_res *res;
	unsigned long wait;
	bool again = false;
	unsigned int cid;
	int ret;

	res = kzalloc(sizeof(*res), GFP_KERNEL);
	mutex_lock(&sess->conn_mutex);
	if (sess->dead)
		goto out;
	if (!res) {
		again = true;
		goto out;
	}
	mcs_recovery_look(sess, mcs_session_drop_failed(sess), &v);
	switch (mcs_recovery_next(&v, &wait)) {
	case MCS_RECOVERY_QUIESCE:
		ret = mcs_session_quiesce(sess, MCS_QUIESCE_MS);
		/* Otherwise a spare connection ends it later. */
		if (ret != -EALREADY)
			sess->old_gone = !ret;
		/* Closed now: their receive works fail them. */
		wait = msecs_to_jiffies(MCS_RECOVERY_POLL_MS);
		fallthrough;
	case MCS_RECOVERY_WAIT:
		queue_delayed_work(mcs_recovery_wq, &sess->recovery_work, wait);
		mutex_unlock(&sess->conn_mutex);
		kfree(res);
		return;
	case MCS_RECOVERY_CLOSE_OLD:
		if (mcs_recovery_close_old(sess, res)) {
			again = true;
			goto out;
		}
		sess->old_gone = true;
		fallthrough;
	case MCS_RECOVERY_REINSTATE:
		if (mcs_recovery_reinstate(sess, res)) {
			again = true;
			goto out;
		}
		sess->old_gone = false;
		break;
	case MCS_RECOVERY_REASSIGN:
		if (mcs_reassign(sess, MCS_REASSIGN_LOGOUT_MS))
			/* Hands the tasks back and starts over: reinstatement. */
			mcs_session_fail(sess);
		/* Next: the emptied connections go and log in again. */
		queue_delayed_work(mcs_recovery_wq, &sess->recovery_work, 0);
		mutex_unlock(&sess->conn_mutex);
		kfree(res);
		return;
	case MCS_RECOVERY_RELOGIN:
		break;
	}
	for (cid = 0; cid < MCS_MAX_CONNS_LIMIT; cid++) {
		if (sess->recipes[cid] && !mcs_session_conn(sess, cid) &&
		    mcs_recovery_relogin(sess, cid, res))
			again = true;
	}
out:
	if (again)
		sess->recovery_attempt++;
	else
		sess->recovery_attempt = 0;
	if (again && !sess->dead)
		mcs_recovery_retry(sess);
	mutex_unlock(&sess->conn_mutex);
	kfree_sensitive(res);
	if (!READ_ONCE(sess->dead))
		mcs_session_changed(sess);
}

/*
 * The session's disks may hold dirty pages that only this work can write
 * back: it runs on a rescuer-backed queue, and nothing it allocates may
 * wait for I/O (the login's buffers, CHAP's hash, the netlink event).
 */
void mcs_recovery_work(struct work_struct *work)
{
	struct mcs_session *sess = container_of(to_delayed_work(work),
						struct mcs_session,
						recovery_work);
	unsigned int noio = memalloc_noio_save();

	mcs_recovery_run(sess);
	memalloc_noio_restore(noio);
}

int mcs_recovery_wq_init(void)
{
	mcs_recovery_wq = alloc_workqueue("iscsi_mcs_recovery",
					  WQ_MEM_RECLAIM | WQ_UNBOUND, 0);
	return mcs_recovery_wq ? 0 : -ENOMEM;
}

void mcs_recovery_wq_uninit(void)
{
	destroy_workqueue(mcs_recovery_wq);
}
