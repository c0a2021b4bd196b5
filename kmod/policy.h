/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which connection of a session carries the next command, and the
 * per-connection counters that choice and user space read.
 *
 * Nothing here knows about sockets, sessions or locks: the caller hands
 * mcs_policy_pick() one slot per CID, NULL where no connection can carry
 * a command, and serialises the calls on one struct mcs_policy. A session
 * keeps one per blk-mq hardware queue, so CPUs submitting on different
 * queues choose in parallel. That keeps the choice testable with plain
 * arrays.
 */
#ifndef MCS_POLICY_H
#define MCS_POLICY_H

#include <linux/atomic.h>
#include <linux/types.h>

#include <linux/iscsi_mcs.h>

#include "config.h"

/* The policy a session starts with: what it did before policies existed. */
#define MCS_POLICY_DEFAULT	ISCSI_MCS_POLICY_ROUND_ROBIN
#define MCS_WEIGHT_DEFAULT	1

/* Fixed-point shift of mcs_path.rate. */
#define MCS_RATE_SHIFT		16

/*
 * A command costs this many bytes of work besides its data, so that
 * commands without data (TEST UNIT READY, SYNCHRONIZE CACHE) still count.
 */
#define MCS_CMD_COST		4096

/* One connection as the policy and the counters see it. */
struct mcs_path {
	/* Set over netlink (session lock); read by the policy. */
	u32 weight;
	bool standby;
	/*
	 * Commands in flight on the connection: counted up at submission,
	 * down when the command is handed back; it can only be removed at 0.
	 */
	atomic_t depth;
	/* Data bytes of the commands in flight. */
	atomic64_t bytes;
	/*
	 * EWMAs, written only by the connection's receive side: latency from
	 * submission to response in ns, and nanoseconds per byte of work
	 * (<< MCS_RATE_SHIFT) the connection took to drain what was queued
	 * at submission. 0 until the first response.
	 */
	u64 latency_ns;
	u64 rate;
	/* Counters since the connection came up, under its queue lock. */
	u64 commands;
	u64 bytes_read;
	u64 bytes_written;
	atomic64_t errors;
};

/* What a command remembers of its submission, for its completion. */
struct mcs_path_ticket {
	u64 start_ns;
	u64 ahead;		/* bytes in flight before it, its own included */
	u32 bytes;
};

/* The slots mcs_policy_pick() may be handed: one per possible CID. */
#define MCS_POLICY_SLOTS	MCS_MAX_CONNS_LIMIT

struct mcs_policy {
	u8 id;			/* enum iscsi_mcs_policy */
	/* Where the next round robin scan starts. */
	u8 cursor;
	/* Smooth weighted round robin's current weight of each slot. */
	s32 credit[MCS_POLICY_SLOTS];
};

void mcs_path_init(struct mcs_path *path);
void mcs_policy_set(struct mcs_policy *pol, u8 id);
int mcs_policy_pick(struct mcs_policy *pol, struct mcs_path *const *paths,
		    unsigned int n, u32 bytes);
u64 mcs_path_expected_time(const struct mcs_path *path, u64 rate, u32 bytes);
void mcs_path_submit(struct mcs_path *path, struct mcs_path_ticket *t,
		     u32 bytes, bool write, u64 now_ns);
void mcs_path_move(struct mcs_path *from, struct mcs_path *to,
		   struct mcs_path_ticket *t, u64 now_ns);
void mcs_path_done(struct mcs_path *path, const struct mcs_path_ticket *t,
		   u64 now_ns, bool error, bool sample);
u64 mcs_ewma(u64 avg, u64 sample);

#endif /* MCS_POLICY_H */
