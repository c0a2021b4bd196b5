// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions in full feature phase: the session object, its connection
 * array and the choice of a connection for each command, adding and
 * removing connections, logging out, and the steps recovery.c takes to
 * replace a failed incarnation. The connections' own engine is conn.c.
 *
 * Locking: mcs_net.lock (a mutex) guards the namespace's session list;
 * mcs_session.conn_mutex serialises adding, removing and recovering
 * connections; mcs_session.lock (a spinlock, taken before any txq_lock)
 * guards the connection array's changes, the state and the internal task
 * tags; mcs_conn.txq_lock guards a send queue and its connection's failed
 * and closing flags. CmdSN and the command window change without a lock
 * (sn.h), and queuecommand reads the connection array under RCU: see
 * Documentation/design.rst for why CmdSN order holds all the same. A
 * session is freed only after it left the list, its SCSI host was removed
 * and its connections' works were cancelled with the socket callbacks
 * restored.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/random.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>

#include <scsi/scsi_cmnd.h>
#include <scsi/scsi_host.h>

#include "login.h"
#include "reassign.h"
#include "recovery.h"
#include "scsi.h"
#include "session.h"
#include "sock.h"
#include "task.h"
#include "transport.h"

u32 mcs_session_next_itt(struct mcs_session *sess)
{
	u32 itt;

	spin_lock_bh(&sess->lock);
	itt = MCS_ITT_INTERNAL | sess->next_itt;
	sess->next_itt = (sess->next_itt + 1) & (MCS_ITT_INTERNAL - 1);
	/* The reserved tag 0xffffffff has the internal bit too: skip it. */
	if (itt == ISCSI_RESERVED_TAG)
		itt = MCS_ITT_INTERNAL;
	spin_unlock_bh(&sess->lock);
	return itt;
}

/* A task left waiting for reassignment on a connection that failed. */
static bool mcs_conn_fail_orphan(struct scsi_cmnd *sc, void *data)
{
	struct mcs_task *task = scsi_cmd_priv(sc);

	if (task->conn && READ_ONCE(task->conn->orphans))
		mcs_task_complete(task, DID_TRANSPORT_DISRUPTED << 16);
	return true;
}

/*
 * The session failed as a whole: tasks waiting for TASK REASSIGN will not
 * get it, the target drops them with the session. Hand them back so they
 * are retried after the reinstatement.
 */
void mcs_session_fail_orphans(struct mcs_session *sess)
{
	if (sess->shost)
		scsi_host_busy_iter(sess->shost, mcs_conn_fail_orphan, NULL);
}

/**
 * mcs_session_set_state() - the one place a session's state changes
 * @sess: the session; the caller holds its lock
 * @from: the states it may change from, as BIT(state), or MCS_STATES_ANY
 * @to: the new state (enum iscsi_mcs_state)
 *
 * queuecommand, the receive path and the class read the state without the
 * lock, hence WRITE_ONCE().
 *
 * Return: true when the state was one of @from and is now @to.
 */
bool mcs_session_set_state(struct mcs_session *sess, unsigned int from, u8 to)
{
	lockdep_assert_held(&sess->lock);

	if (!(from & BIT(sess->state)))
		return false;
	if (sess->state != to)
		pr_debug("session %*phN: state %u -> %u\n", ISCSI_MCS_ID_LEN,
			 sess->id, sess->state, to);
	WRITE_ONCE(sess->state, to);
	return true;
}

/**
 * mcs_session_fail() - fail a session whose connections still work
 * @sess: the session
 *
 * For the target's request to log out or its announcement that it drops
 * connections, and for a connection recovery that did not work out:
 * recovery logs the working connections out and reinstates the session,
 * as after a connection failure.
 */
void mcs_session_fail(struct mcs_session *sess)
{
	bool failed = false;

	spin_lock_bh(&sess->lock);
	failed = mcs_session_set_state(sess, BIT(ISCSI_MCS_STATE_LOGGED_IN),
				       ISCSI_MCS_STATE_FAILED);
	if (failed)
		sess->failed_at = jiffies;
	spin_unlock_bh(&sess->lock);
	if (!failed)
		return;
	mcs_transport_block_session(sess);
	mcs_session_fail_orphans(sess);
	mcs_recovery_schedule(sess);
	mcs_session_changed(sess);
}

/**
 * mcs_session_changed() - tell listeners the session's state, as it is
 * @sess: the session; the caller does not hold its lock
 *
 * Any context: the event is queued, read under the lock that orders the
 * state's changes.
 */
void mcs_session_changed(struct mcs_session *sess)
{
	spin_lock_bh(&sess->lock);
	mcs_event_state(&sess->events, sess->state);
	spin_unlock_bh(&sess->lock);
}

struct mcs_session *mcs_session_alloc(struct mcs_net *mn)
{
	struct mcs_session *sess;

	sess = kzalloc(sizeof(*sess), GFP_KERNEL);
	if (!sess)
		return NULL;
	INIT_LIST_HEAD(&sess->node);
	refcount_set(&sess->ref, 1);
	spin_lock_init(&sess->lock);
	mutex_init(&sess->tmf_mutex);
	mutex_init(&sess->conn_mutex);
	init_completion(&sess->tmf_done);
	INIT_DELAYED_WORK(&sess->recovery_work, mcs_recovery_work);
	mcs_event_init(&sess->events);
	sess->mn = mn;
	get_random_bytes(sess->id, sizeof(sess->id));
	sess->state = ISCSI_MCS_STATE_LOGGED_IN;
	return sess;
}

static bool mcs_conn_usable(const struct mcs_conn *conn)
{
	return conn && !READ_ONCE(conn->failed) && !READ_ONCE(conn->closing);
}

/* The policy's choice among @conns, one slot per CID. */
static struct mcs_conn *mcs_session_pick(struct mcs_policy *pol,
					 struct mcs_conn *const *conns,
					 u32 bytes)
{
	struct mcs_path *paths[MCS_MAX_CONNS_LIMIT];
	unsigned int i;
	int pick;

	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++)
		paths[i] = mcs_conn_usable(conns[i]) ? &conns[i]->path : NULL;
	pick = mcs_policy_pick(pol, paths, MCS_MAX_CONNS_LIMIT, bytes);
	return pick < 0 ? NULL : conns[pick];
}

/**
 * mcs_session_pick_conn_io() - the connection the next command goes on
 * @sess: the session; the caller holds rcu_read_lock()
 * @hwq: the hardware queue submitting it; the caller holds its lock
 * @bytes: the command's data length
 *
 * The session's policy (policy.c) chooses among the connections in full
 * feature phase, with this hardware queue's own cursor and credits; it
 * sees each one's commands in flight as of now.
 *
 * Return: a connection, or NULL when none can carry a command.
 */
struct mcs_conn *mcs_session_pick_conn_io(struct mcs_session *sess,
					  struct mcs_hwq *hwq, u32 bytes)
{
	struct mcs_conn *conns[MCS_MAX_CONNS_LIMIT];
	u8 id = READ_ONCE(sess->policy_id);
	unsigned int i;

	RCU_LOCKDEP_WARN(!rcu_read_lock_held(), "needs rcu_read_lock()");
	lockdep_assert_held(&hwq->lock);

	if (hwq->pol.id != id)
		mcs_policy_set(&hwq->pol, id);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++)
		conns[i] = rcu_dereference(sess->conns[i]);
	return mcs_session_pick(&hwq->pol, conns, bytes);
}

/**
 * mcs_session_pick_conn() - a connection for a PDU that is not a command
 * @sess: the session; the caller holds its lock
 *
 * Task management and Logouts take the lowest CID able to carry them,
 * active connections before standby ones.
 *
 * Return: a connection, or NULL when none can carry a PDU.
 */
struct mcs_conn *mcs_session_pick_conn(struct mcs_session *sess)
{
	struct mcs_conn *conns[MCS_MAX_CONNS_LIMIT];
	struct mcs_policy pol;
	unsigned int i;

	lockdep_assert_held(&sess->lock);

	mcs_policy_set(&pol, ISCSI_MCS_POLICY_FAILOVER);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++)
		conns[i] = mcs_session_conn(sess, i);
	return mcs_session_pick(&pol, conns, 0);
}

/**
 * mcs_session_set_policy() - change how a session spreads its commands
 * @sess: the session
 * @id: enum iscsi_mcs_policy, already validated
 *
 * Commands already on a connection stay there; new ones follow @id, each
 * hardware queue starting the new policy afresh at its next command.
 */
void mcs_session_set_policy(struct mcs_session *sess, u8 id)
{
	WRITE_ONCE(sess->policy_id, id);
}

/**
 * mcs_session_start() - put a logged-in session into full feature phase
 * @sess: the session, with its login outcome filled in
 * @sock: the leading connection's socket, owned by the session from now
 * @portal: where it is connected
 * @res: the leading login's outcome
 * @lead: how recovery reinstates the session, from now on the session's
 * @first: how recovery logs CID 0 in again, from now on the session's
 * @conn_id: set to the leading connection's id, which recovery may replace
 *	as soon as it runs
 *
 * Return: 0, or -ENOMEM (the socket and the recipes are then still the
 * caller's).
 */
int mcs_session_start(struct mcs_session *sess, struct socket *sock,
		      const struct sockaddr_storage *portal,
		      const struct mcs_login_res *res,
		      struct mcs_conn_recipe *lead,
		      struct mcs_conn_recipe *first, u8 *conn_id)
{
	struct mcs_conn *conn;

	conn = mcs_conn_create(sess, sock, portal, res, 0);
	if (!conn)
		return -ENOMEM;
	sess->lead = lead;
	sess->recipes[0] = first;
	sess->params = res->params;
	sess->tsih = res->tsih;
	mcs_sn_window_init(&sess->win, res->exp_cmdsn, res->max_cmdsn);
	rcu_assign_pointer(sess->conns[0], conn);
	sess->nr_conns = 1;
	memcpy(conn_id, conn->id, ISCSI_MCS_ID_LEN);
	mcs_conn_start(conn);
	return 0;
}

/**
 * mcs_session_free_cid() - a CID no connection of the session uses
 * @sess: the session; the caller holds conn_mutex
 *
 * Return: the CID, or -EUSERS when the negotiated MaxConnections or the
 * module's limit is reached.
 */
int mcs_session_free_cid(struct mcs_session *sess)
{
	unsigned int i;

	lockdep_assert_held(&sess->conn_mutex);

	if (sess->nr_conns >= sess->params.sess.max_connections)
		return -EUSERS;
	/* A CID that failed and waits for its recovery stays taken. */
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++)
		if (!mcs_session_conn(sess, i) && !sess->recipes[i])
			return i;
	return -EUSERS;
}

/**
 * mcs_session_login_req() - the session's part of a login request
 * @sess: the session
 * @req: filled in; the caller gives the socket, the keys and CHAP
 * @cid: the CID to log in with
 * @leading: a leading login replacing the session at the target (TSIH 0:
 *	a reinstatement) rather than one more connection of it
 *
 * Either way the ISID, the names and the portal group stay the session's,
 * and the login takes the session's current CmdSN (login PDUs are
 * immediate).
 */
void mcs_session_login_req(struct mcs_session *sess, struct mcs_login_req *req,
			   u16 cid, bool leading)
{
	req->initiator_name = sess->initiator_name;
	req->target_name = sess->target_name;
	memcpy(req->isid, sess->isid, sizeof(req->isid));
	req->tsih = leading ? 0 : sess->tsih;
	req->cid = cid;
	req->session = leading ? NULL : &sess->params;
	req->check_tpgt = true;
	req->tpgt = sess->params.conn.tpgt;
	req->cmdsn = atomic_read(&sess->cmdsn);
}

/**
 * mcs_session_add_conn() - put a connection that logged in into service
 * @sess: the session; the caller holds conn_mutex
 * @sock: its socket, owned by the session from now
 * @portal: where it is connected
 * @res: its login's outcome
 * @cid: the CID it logged in with, from mcs_session_free_cid()
 * @recipe: how recovery logs it in again, from now on the session's; NULL
 *	keeps the one the CID has (recovery), if any
 *
 * Return: the connection, or NULL without memory (the socket and @recipe
 * are then still the caller's).
 */
struct mcs_conn *mcs_session_add_conn(struct mcs_session *sess,
				      struct socket *sock,
				      const struct sockaddr_storage *portal,
				      const struct mcs_login_res *res, u16 cid,
				      struct mcs_conn_recipe *recipe)
{
	struct mcs_conn *conn;

	lockdep_assert_held(&sess->conn_mutex);

	conn = mcs_conn_create(sess, sock, portal, res, cid);
	if (!conn)
		return NULL;
	if (recipe) {
		mcs_recipe_free(sess->recipes[cid]);
		sess->recipes[cid] = recipe;
	}
	mcs_conn_start(conn);
	spin_lock_bh(&sess->lock);
	/* The target's window may have moved while this one logged in. */
	mcs_sn_window_update(&sess->win, res->exp_cmdsn, res->max_cmdsn);
	rcu_assign_pointer(sess->conns[cid], conn);
	sess->nr_conns++;
	mcs_session_set_state(sess, BIT(ISCSI_MCS_STATE_FAILED),
			      ISCSI_MCS_STATE_LOGGED_IN);
	spin_unlock_bh(&sess->lock);
	/* Only sysfs misses it: the connection carries commands all the same. */
	if (mcs_transport_add_conn(conn))
		pr_warn("session %*phN connection %u: not in the iSCSI class\n",
			ISCSI_MCS_ID_LEN, sess->id, cid);
	return conn;
}

/*
 * Takes @conn out of its session and frees it: out of sysfs, then out of
 * the array under the lock (SESSION_GET looks there), then freed once no
 * queuecommand (RCU) and no task management function can still be
 * looking at it. Caller holds conn_mutex; its commands were handed back or
 * completed.
 */
static void mcs_session_unlink_conn(struct mcs_session *sess,
				    struct mcs_conn *conn)
{
	lockdep_assert_held(&sess->conn_mutex);

	mcs_transport_remove_conn(conn);
	spin_lock_bh(&sess->lock);
	RCU_INIT_POINTER(sess->conns[conn->cid], NULL);
	sess->nr_conns--;
	spin_unlock_bh(&sess->lock);
	synchronize_rcu();
	mutex_lock(&sess->tmf_mutex);
	mcs_conn_destroy(conn);
	mutex_unlock(&sess->tmf_mutex);
}

/**
 * mcs_session_remove_conn() - take one connection out of a session
 * @sess: the session; the caller holds conn_mutex
 * @conn: one of its connections
 * @timeout_ms: how long its commands may take to finish, and the Logout
 *
 * New commands stop going to @conn at once; those it carries complete
 * first, then it logs out with reason "close the connection" (unless it
 * failed already) and is freed.
 *
 * The session's last usable connection stays: a session ends with a
 * Logout for the whole session, and its disks with it. A failed one may
 * go whatever the others do.
 *
 * Return: 0; -EBUSY for the last usable connection; or -ETIMEDOUT when
 * its commands did not finish in time (it then stays, carrying no new
 * command). A Logout the target refused or did not answer still removes
 * it.
 */
int mcs_session_remove_conn(struct mcs_session *sess, struct mcs_conn *conn,
			    unsigned int timeout_ms)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	unsigned int i, usable = 0;
	int ret;

	lockdep_assert_held(&sess->conn_mutex);

	/* Under the lock that orders the connections' failures. */
	spin_lock_bh(&sess->lock);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++)
		usable += mcs_conn_usable(mcs_session_conn(sess, i));
	if (usable == 1 && mcs_conn_usable(conn)) {
		spin_unlock_bh(&sess->lock);
		return -EBUSY;
	}
	spin_unlock_bh(&sess->lock);
	mcs_conn_set_closing(conn, true);
	/* A failed one's tasks may wait to be reassigned: not before. */
	while (atomic_read(&conn->path.depth)) {
		if (time_after(jiffies, deadline)) {
			mcs_conn_set_closing(conn, false);
			return -ETIMEDOUT;
		}
		msleep(20);
	}
	if (!READ_ONCE(conn->failed)) {
		ret = mcs_conn_logout(conn, ISCSI_LOGOUT_REASON_CLOSE_CONNECTION,
				      timeout_ms);
		if (ret)
			pr_warn("session %*phN connection %u: logout: %d\n",
				ISCSI_MCS_ID_LEN, sess->id, conn->cid, ret);
	}
	/* Removed on purpose: recovery must not bring it back. */
	mcs_recipe_free(sess->recipes[conn->cid]);
	sess->recipes[conn->cid] = NULL;
	mcs_session_unlink_conn(sess, conn);
	return 0;
}

/*
 * Ends the old incarnation of a failed session at the target through
 * @via: first every other connection it may still hold, one Logout "close
 * the connection" each, then the session. LIO 6.1 ends a session with
 * several connections (for a Logout "close the session" or a
 * reinstatement) by walking their list with the lock dropped, while their
 * own closing may take them off it: the target crashes. One by one, and
 * the session once it is down to @via, it does not. Caller holds
 * conn_mutex. Return: 0 when the target answered the last Logout.
 */
static int mcs_session_end_old(struct mcs_session *sess, struct mcs_conn *via,
			       unsigned int timeout_ms)
{
	unsigned int cid;
	int ret;

	lockdep_assert_held(&sess->conn_mutex);

	for (cid = 0; cid < MCS_MAX_CONNS_LIMIT; cid++) {
		if (cid == via->cid ||
		    (!mcs_session_conn(sess, cid) && !sess->recipes[cid]))
			continue;
		/* "CID not found" is as good: the target dropped it already. */
		ret = mcs_conn_logout_cid(via, ISCSI_LOGOUT_REASON_CLOSE_CONNECTION,
					  cid, NULL, timeout_ms);
		if (ret && ret != -EIO)
			return ret;
	}
	return mcs_conn_logout(via, ISCSI_LOGOUT_REASON_CLOSE_SESSION, timeout_ms);
}

/**
 * mcs_session_usable_conn() - a connection able to carry commands
 * @sess: the session; the caller holds conn_mutex
 *
 * Return: the first connection neither failed nor closing, or NULL.
 */
struct mcs_conn *mcs_session_usable_conn(struct mcs_session *sess)
{
	struct mcs_conn *conn;
	unsigned int i;

	lockdep_assert_held(&sess->conn_mutex);

	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (mcs_conn_usable(conn))
			return conn;
	}
	return NULL;
}

static struct mcs_conn *mcs_session_working_conn(struct mcs_session *sess)
{
	unsigned int i;

	struct mcs_conn *conn;

	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn && !READ_ONCE(conn->failed))
			return conn;
	}
	return NULL;
}

/**
 * mcs_session_quiesce() - end a failed session's old incarnation in order
 * @sess: the session, failed; the caller holds conn_mutex
 * @timeout_ms: how long commands may take to finish, the Logout to be
 *	answered, and the target to close the connections
 *
 * The connections still working finish the commands they carry (the
 * failed session sends no new one), then Logouts through one of them make
 * the target end the old session, its unreachable connections included,
 * before the reinstatement: see mcs_session_end_old(). The target closes
 * the connections after its answers; what is left is closed here.
 * Commands not finished are handed back as the connections fail.
 *
 * Return: 0 when the target answered the Logout, -EALREADY when an earlier
 * call closed every working connection already, or why not.
 */
int mcs_session_quiesce(struct mcs_session *sess, unsigned int timeout_ms)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(timeout_ms);
	struct mcs_conn *conn;
	unsigned int i;
	bool busy, fresh = false;
	int ret;

	lockdep_assert_held(&sess->conn_mutex);

	/* Closing: their end is expected, and no command picks them. */
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn && !READ_ONCE(conn->failed) && !conn->closing) {
			mcs_conn_set_closing(conn, true);
			fresh = true;
		}
	}
	if (!fresh)
		return -EALREADY;
	do {
		busy = false;
		for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
			conn = mcs_session_conn(sess, i);
			if (conn && !READ_ONCE(conn->failed) &&
			    atomic_read(&conn->path.depth))
				busy = true;
		}
		if (!busy)
			break;
		msleep(20);
	} while (time_before(jiffies, deadline));

	conn = mcs_session_working_conn(sess);
	if (!conn)
		return -ENOTCONN;
	ret = mcs_session_end_old(sess, conn, timeout_ms);
	if (ret)
		pr_info("session %*phN: logout before reinstatement failed (%d)\n",
			ISCSI_MCS_ID_LEN, sess->id, ret);
	deadline = jiffies + msecs_to_jiffies(timeout_ms);
	while (mcs_session_working_conn(sess) && time_before(jiffies, deadline))
		msleep(20);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn && !READ_ONCE(conn->failed))
			kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	}
	return ret;
}

/**
 * mcs_session_logout_via() - log a failed session out through a spare login
 * @sess: the session, failed, with no connection left; conn_mutex held
 * @sock: a connection logged in to the old session for this alone
 * @portal: where it is connected
 * @res: its login's outcome
 * @cid: the CID it logged in with
 * @timeout_ms: how long to wait for the Logout Response
 *
 * The connection never carries a command and is closed afterwards: see
 * mcs_session_quiesce() for why the old session must end first.
 *
 * Return: 0, or why the Logout could not be done; the socket is consumed.
 */
int mcs_session_logout_via(struct mcs_session *sess, struct socket *sock,
			   const struct sockaddr_storage *portal,
			   const struct mcs_login_res *res, u16 cid,
			   unsigned int timeout_ms)
{
	struct mcs_conn *conn;
	int ret;

	lockdep_assert_held(&sess->conn_mutex);

	conn = mcs_conn_create(sess, sock, portal, res, cid);
	if (!conn) {
		mcs_sock_close(sock);
		return -ENOMEM;
	}
	/* Its end is expected: it must not start another recovery. */
	conn->closing = true;
	mcs_conn_start(conn);
	ret = mcs_session_end_old(sess, conn, timeout_ms);
	mcs_conn_destroy(conn);
	return ret;
}

/**
 * mcs_session_drop_failed() - free the session's failed connections
 * @sess: the session; the caller holds conn_mutex
 *
 * Their commands were handed back when they failed.
 *
 * Return: how many connections are left.
 */
unsigned int mcs_session_drop_failed(struct mcs_session *sess)
{
	struct mcs_conn *conn;
	unsigned int i, left = 0;

	lockdep_assert_held(&sess->conn_mutex);

	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (!conn)
			continue;
		if (!READ_ONCE(conn->failed)) {
			left++;
			continue;
		}
		/*
		 * Its tasks wait for reassignment, or for the session to fail;
		 * at ERL 2 its CID is not free before the Logout for recovery.
		 */
		if (atomic_read(&conn->path.depth) ||
		    (READ_ONCE(conn->orphans) &&
		     READ_ONCE(sess->state) == ISCSI_MCS_STATE_LOGGED_IN))
			continue;
		mcs_session_unlink_conn(sess, conn);
	}
	return left;
}

/**
 * mcs_session_reinstate() - put a reinstated session back to work
 * @sess: a session with no connection left; the caller holds conn_mutex
 * @sock: the socket of the leading login that replaced it at the target
 * @portal: where it is connected
 * @res: that login's outcome: a new TSIH and command window
 * @cid: the CID it logged in with
 *
 * The SCSI host and its disks stayed; the commands waiting while the
 * session was blocked go out on the new connection.
 *
 * Return: 0, or -ENOMEM (the socket is then still the caller's).
 */
int mcs_session_reinstate(struct mcs_session *sess, struct socket *sock,
			  const struct sockaddr_storage *portal,
			  const struct mcs_login_res *res, u16 cid)
{
	struct mcs_conn *conn;

	lockdep_assert_held(&sess->conn_mutex);

	conn = mcs_conn_create(sess, sock, portal, res, cid);
	if (!conn)
		return -ENOMEM;
	spin_lock_bh(&sess->lock);
	sess->params = res->params;
	sess->tsih = res->tsih;
	mcs_sn_window_init(&sess->win, res->exp_cmdsn, res->max_cmdsn);
	rcu_assign_pointer(sess->conns[cid], conn);
	sess->nr_conns = 1;
	mcs_session_set_state(sess, MCS_STATES_ANY, ISCSI_MCS_STATE_LOGGED_IN);
	sess->recovery_timed_out = false;
	spin_unlock_bh(&sess->lock);
	mcs_conn_start(conn);
	if (mcs_transport_add_conn(conn))
		pr_warn("session %*phN connection %u: not in the iSCSI class\n",
			ISCSI_MCS_ID_LEN, sess->id, cid);
	mcs_transport_unblock_session(sess);
	return 0;
}

/**
 * mcs_session_conn_set() - change one connection's part in the policy
 * @sess: the session
 * @conn_id: the connection's id
 * @weight: its weight from now on, or NULL to keep it
 * @standby: whether it only stands by from now on, or NULL to keep it
 *
 * The CID's recipe keeps them too: the connection recovery logs in again
 * in its place has them.
 *
 * Return: 0, or -ENOENT when the session has no such connection (any more).
 */
int mcs_session_conn_set(struct mcs_session *sess, const u8 *conn_id,
			 const u32 *weight, const bool *standby)
{
	struct mcs_conn_recipe *r;
	struct mcs_conn *conn;

	/* conn_mutex keeps the connection from being removed meanwhile. */
	mutex_lock(&sess->conn_mutex);
	conn = sess->dead ? NULL : mcs_session_find_conn(sess, conn_id);
	if (!conn) {
		mutex_unlock(&sess->conn_mutex);
		return -ENOENT;
	}
	/* The policy reads both under the session lock, command by command. */
	spin_lock_bh(&sess->lock);
	if (weight)
		conn->path.weight = *weight;
	if (standby)
		conn->path.standby = *standby;
	spin_unlock_bh(&sess->lock);
	r = sess->recipes[conn->cid];
	if (r) {
		r->weight = conn->path.weight;
		r->standby = conn->path.standby;
	}
	mutex_unlock(&sess->conn_mutex);
	return 0;
}

/* Caller holds conn_mutex or owns the session alone. */
struct mcs_conn *mcs_session_find_conn(struct mcs_session *sess, const u8 *id)
{
	struct mcs_conn *conn;
	unsigned int i;

	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn && !memcmp(conn->id, id, ISCSI_MCS_ID_LEN))
			return conn;
	}
	return NULL;
}

/**
 * mcs_session_logout() - log a session out, best effort
 * @sess: a session no longer on its namespace's list
 * @timeout_ms: how long to wait for the Logout Response
 *
 * The Logout goes on any connection still in full feature phase and ends
 * every connection. A target that does not answer is not waited for
 * beyond @timeout_ms: the session goes away all the same, the target
 * times it out on its side.
 */
void mcs_session_logout(struct mcs_session *sess, unsigned int timeout_ms)
{
	struct mcs_conn *conn = NULL;
	unsigned int i;
	int ret;

	spin_lock_bh(&sess->lock);
	mcs_session_set_state(sess, BIT(ISCSI_MCS_STATE_LOGGED_IN),
			      ISCSI_MCS_STATE_LOGGING_OUT);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT && !conn; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn && conn->failed)
			conn = NULL;
	}
	spin_unlock_bh(&sess->lock);
	if (!conn)
		return;
	ret = mcs_conn_logout(conn, ISCSI_LOGOUT_REASON_CLOSE_SESSION,
			      timeout_ms);
	if (ret)
		pr_warn("session %*phN: logout: %d\n", ISCSI_MCS_ID_LEN,
			sess->id, ret);
}

/**
 * mcs_session_shutdown() - end a session: remove its disks, log it out
 * @sess: a session no longer on its namespace's list
 * @timeout_ms: how long to wait for the Logout Response
 *
 * Removing the SCSI host first lets the disks flush their caches and the
 * last commands complete while the session still works.
 */
void mcs_session_shutdown(struct mcs_session *sess, unsigned int timeout_ms)
{
	/* The disks flush through us: nothing here may wait for their I/O. */
	unsigned int noio = memalloc_noio_save();

	/* Wait for a connection being added, and let no other start. */
	mutex_lock(&sess->conn_mutex);
	sess->dead = true;
	/*
	 * Tasks of a connection lost at ERL 2 move now, not after
	 * DefaultTime2Wait: the disks flush next, behind their CmdSNs.
	 */
	if (mcs_reassign(sess, MCS_REASSIGN_LOGOUT_MS))
		mcs_session_fail_orphans(sess);
	mutex_unlock(&sess->conn_mutex);
	cancel_delayed_work_sync(&sess->recovery_work);
	if (sess->shost)
		mcs_scsi_remove(sess);
	mcs_session_logout(sess, timeout_ms);
	memalloc_noio_restore(noio);
}

static void mcs_session_free(struct mcs_session *sess)
{
	struct mcs_conn *conn;
	unsigned int i;

	/* Nothing queued may read the session once it is freed. */
	mcs_event_stop(&sess->events);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		/* The session's last reference: nothing else can see it. */
		conn = rcu_dereference_protected(sess->conns[i], 1);
		if (conn)
			mcs_conn_destroy(conn);
		mcs_recipe_free(sess->recipes[i]);
	}
	/* After the connections: a failing one may have queued it. */
	cancel_delayed_work_sync(&sess->recovery_work);
	mcs_recipe_free(sess->lead);
	if (sess->shost)
		mcs_scsi_put(sess);
	mutex_destroy(&sess->conn_mutex);
	mutex_destroy(&sess->tmf_mutex);
	kfree(sess);
}

void mcs_session_put(struct mcs_session *sess)
{
	if (refcount_dec_and_test(&sess->ref))
		mcs_session_free(sess);
}
