/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Connection recovery at ErrorRecoveryLevel 2: the tasks of a failed
 * connection move to a working one (RFC 7143 7.2).
 */
#ifndef MCS_REASSIGN_H
#define MCS_REASSIGN_H

#include <linux/types.h>

struct mcs_session;

/* What becomes of one task of the failed connection. */
enum mcs_reassign_plan {
	MCS_REASSIGN_RETRY,	/* the target never got it: send it again */
	MCS_REASSIGN_TASK,	/* the target has it: TASK REASSIGN */
};

/* What the answer to a TASK REASSIGN makes us do. */
enum mcs_reassign_answer {
	MCS_REASSIGN_RESUMED,	/* the target goes on with it on the new one */
	MCS_REASSIGN_WATCH,	/* maybe resumed: reissue it if it stays silent */
	MCS_REASSIGN_REISSUE,	/* the target does not have it: a new command */
	MCS_REASSIGN_FAIL,	/* no way on: recover the session */
};

/*
 * How long the Logout for recovery may take: a target that still thinks
 * the connection alive closes it first, and waits for its tasks.
 */
#define MCS_REASSIGN_LOGOUT_MS	10000

/* How long a reassigned task may stay silent before it is reissued. */
#define MCS_REASSIGN_QUIET_MS	3000

enum mcs_reassign_plan mcs_reassign_plan(u32 cmdsn, u32 exp_cmdsn);
enum mcs_reassign_answer mcs_reassign_answer(int response);
int mcs_reassign(struct mcs_session *sess, unsigned int timeout_ms);

#endif /* MCS_REASSIGN_H */
