/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection and session recovery: logging failed connections in again
 * after DefaultTime2Wait, and reinstating a session that lost them all.
 */
#ifndef MCS_RECOVERY_H
#define MCS_RECOVERY_H

#include <linux/types.h>

#include "chap.h"
#include "params.h"
#include "sock.h"

struct mcs_session;
struct work_struct;

/* How one connection was logged in, to log it in again the same way. */
struct mcs_conn_recipe {
	struct mcs_sock_opts so;
	struct mcs_login_opts opts;
	struct mcs_chap_creds creds;
	bool chap;
	/* CONN_SET's choices, which the connection logged in again keeps. */
	u32 weight;
	bool standby;
};

/* The longest wait between two attempts, whatever DefaultTime2Wait says. */
#define MCS_RECOVERY_DELAY_MAX_MS	30000

unsigned int mcs_recovery_delay_ms(u32 time2wait_s, unsigned int attempt);

/* What an Asynchronous Message from the target makes us do. */
enum mcs_async_action {
	MCS_ASYNC_LOG,		/* nothing but a line in the log */
	MCS_ASYNC_RESCAN,	/* the target's LUNs changed: scan again */
	MCS_ASYNC_RECOVER,	/* connections going: recover the session */
	MCS_ASYNC_DROP_CONN,	/* one connection going: it failed */
};

enum mcs_async_action mcs_async_action(u8 event, const u8 *data, u32 len);

struct mcs_conn_recipe *mcs_recipe_new(const struct mcs_sock_opts *so,
				       const struct mcs_login_opts *opts,
				       const struct mcs_chap_creds *creds,
				       bool chap);
void mcs_recipe_free(struct mcs_conn_recipe *r);
void mcs_recipe_apply(struct mcs_session *sess, unsigned int cid);

/* The steps of a session's recovery, see mcs_recovery_next(). */
enum mcs_recovery_step {
	MCS_RECOVERY_QUIESCE,	/* end the old session through a working one */
	MCS_RECOVERY_WAIT,	/* for connections closing, or Time2Wait */
	MCS_RECOVERY_CLOSE_OLD,	/* end it through a spare connection */
	MCS_RECOVERY_REINSTATE,
	MCS_RECOVERY_REASSIGN,	/* ERL 2: move failed connections' tasks */
	MCS_RECOVERY_RELOGIN,	/* the session works: bring missing CIDs back */
};

/* What the next step depends on, read under the session's locks. */
struct mcs_recovery_view {
	bool failed;		/* the session is FAILED */
	unsigned int working;	/* connections not failed */
	unsigned int fresh;	/* of those, the ones not closing yet */
	bool old_gone;		/* the old incarnation was ended */
	unsigned int orphans;	/* failed connections whose tasks wait (ERL 2) */
	unsigned long now;	/* jiffies */
	unsigned long ready;	/* the failure plus DefaultTime2Wait */
};

/* How often to look again while connections close. */
#define MCS_RECOVERY_POLL_MS	100

enum mcs_recovery_step mcs_recovery_next(const struct mcs_recovery_view *v,
					 unsigned long *wait);

void mcs_recovery_schedule(struct mcs_session *sess);
void mcs_recovery_work(struct work_struct *work);
int mcs_recovery_wq_init(void);
void mcs_recovery_wq_uninit(void);

#endif /* MCS_RECOVERY_H */
