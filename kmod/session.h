/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sessions and their connections in full feature phase.
 */
#ifndef MCS_SESSION_H
#define MCS_SESSION_H

#include <linux/completion.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/socket.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <scsi/iscsi_proto.h>

#include <linux/iscsi_mcs.h>

#include "config.h"
#include "conn.h"
#include "event.h"
#include "params.h"
#include "policy.h"
#include "sn.h"
#include "task.h"

struct iscsi_cls_conn;
struct iscsi_cls_session;
struct mcs_conn_recipe;
struct mcs_login_req;
struct mcs_login_res;
struct Scsi_Host;
struct mcs_net;
struct mcs_session;

/*
 * One blk-mq hardware queue's own policy state: CPUs submitting through
 * different queues choose a connection without sharing a lock.
 */
struct mcs_hwq {
	/* Serialises the queue's submitters over pol. */
	spinlock_t lock;
	struct mcs_policy pol;
} ____cacheline_aligned_in_smp;

struct mcs_session {
	/* In mcs_net.sessions, under mcs_net.lock. */
	struct list_head node;
	/* One reference for the list, one for each request working on it. */
	refcount_t ref;
	/* Logged out: no connection may be added any more (conn_mutex). */
	bool dead;
	struct mcs_net *mn;
	/* The namespace outlives its sessions: its exit removes them. */
	struct net *net;
	u8 id[ISCSI_MCS_ID_LEN];
	u8 isid[6];
	u16 tsih;
	char target_name[ISCSI_MCS_NAME_MAX];
	char initiator_name[ISCSI_MCS_NAME_MAX];
	struct mcs_params params;
	/* The SCSI host's can_queue, from the login request; fixed. */
	u32 cmds_max;

	/*
	 * The next CmdSN and the target's window: changed without a lock,
	 * see mcs_sn_take() and mcs_sn_window_update().
	 */
	atomic_t cmdsn;
	struct mcs_cmdsn_window win;

	/* Protects the fields below. */
	spinlock_t lock;
	/* From the namespace's defaults at login; 0 interval: no pings. */
	unsigned int noop_interval_ms;
	unsigned int noop_timeout_ms;
	unsigned int replacement_timeout_ms;
	u8 state;		/* enum iscsi_mcs_state */
	/* Failed past the replacement timeout: commands fail, not wait. */
	bool recovery_timed_out;
	unsigned long failed_at;
	u32 next_itt;

	/*
	 * Indexed by CID; changed under both conn_mutex and lock, read by
	 * queuecommand under RCU: a connection is freed a grace period after
	 * it left the array.
	 */
	struct mcs_conn __rcu *conns[MCS_MAX_CONNS_LIMIT];
	unsigned int nr_conns;
	/* enum iscsi_mcs_policy; each hardware queue follows it. */
	u8 policy_id;
	struct mcs_hwq *hwq;
	unsigned int nr_hwq;
	/* Serialises adding and removing connections, which sleep. */
	struct mutex conn_mutex;
	/*
	 * How to log in again (conn_mutex): the leading login, for a session
	 * reinstatement, and each wanted CID, for its reconnection.
	 */
	struct mcs_conn_recipe *lead;
	struct mcs_conn_recipe *recipes[MCS_MAX_CONNS_LIMIT];
	struct delayed_work recovery_work;
	unsigned int recovery_attempt;
	/* The failed incarnation was logged out at the target (conn_mutex). */
	bool old_gone;
	struct Scsi_Host *shost;
	/* Registered after the host is added, removed before it goes. */
	struct iscsi_cls_session *cls;
	/*
	 * Set (lock) before the class session is removed: its workqueue goes
	 * with it, so nothing may block or rescan through it any more.
	 */
	bool cls_gone;

	/* One task management function at a time. */
	struct mutex tmf_mutex;
	struct completion tmf_done;
	u32 tmf_itt;
	struct mcs_conn *tmf_conn;
	u8 tmf_response;

	/* For netlink's listeners (event.c). */
	struct mcs_events events;
};

/* The connection with CID @cid, for a caller holding conn_mutex or lock. */
static inline struct mcs_conn *mcs_session_conn(struct mcs_session *sess,
						unsigned int cid)
{
	return rcu_dereference_protected(sess->conns[cid],
					 lockdep_is_held(&sess->conn_mutex) ||
					 lockdep_is_held(&sess->lock));
}

/* Tags of non-SCSI PDUs have the top bit set: blk-mq tags never do. */
#define MCS_ITT_INTERNAL	BIT(31)

struct mcs_session *mcs_session_alloc(struct mcs_net *mn);
int mcs_session_start(struct mcs_session *sess, struct socket *sock,
		      const struct sockaddr_storage *portal,
		      const struct mcs_login_res *res,
		      struct mcs_conn_recipe *lead,
		      struct mcs_conn_recipe *first, u8 *conn_id);
void mcs_session_logout(struct mcs_session *sess, unsigned int timeout_ms);
void mcs_session_put(struct mcs_session *sess);
u32 mcs_session_next_itt(struct mcs_session *sess);
struct mcs_conn *mcs_session_pick_conn(struct mcs_session *sess);
struct mcs_conn *mcs_session_pick_conn_io(struct mcs_session *sess,
					  struct mcs_hwq *hwq, u32 bytes);
void mcs_session_set_policy(struct mcs_session *sess, u8 id);
int mcs_session_free_cid(struct mcs_session *sess);
struct mcs_conn *mcs_session_add_conn(struct mcs_session *sess,
				      struct socket *sock,
				      const struct sockaddr_storage *portal,
				      const struct mcs_login_res *res, u16 cid,
				      struct mcs_conn_recipe *recipe);
int mcs_session_remove_conn(struct mcs_session *sess, struct mcs_conn *conn,
			    unsigned int timeout_ms);
struct mcs_conn *mcs_session_find_conn(struct mcs_session *sess, const u8 *id);
int mcs_session_conn_set(struct mcs_session *sess, const u8 *conn_id,
			 const u32 *weight, const bool *standby);
void mcs_session_login_req(struct mcs_session *sess, struct mcs_login_req *req,
			   u16 cid, bool leading);
unsigned int mcs_session_drop_failed(struct mcs_session *sess);
int mcs_session_quiesce(struct mcs_session *sess, unsigned int timeout_ms);
int mcs_session_logout_via(struct mcs_session *sess, struct socket *sock,
			   const struct sockaddr_storage *portal,
			   const struct mcs_login_res *res, u16 cid,
			   unsigned int timeout_ms);
int mcs_session_reinstate(struct mcs_session *sess, struct socket *sock,
			  const struct sockaddr_storage *portal,
			  const struct mcs_login_res *res, u16 cid);
struct mcs_conn *mcs_session_usable_conn(struct mcs_session *sess);
void mcs_session_fail(struct mcs_session *sess);
void mcs_session_changed(struct mcs_session *sess);
#define MCS_STATES_ANY	(~0u)
bool mcs_session_set_state(struct mcs_session *sess, unsigned int from, u8 to);
void mcs_session_fail_orphans(struct mcs_session *sess);
void mcs_session_shutdown(struct mcs_session *sess, unsigned int timeout_ms);

#endif /* MCS_SESSION_H */
