/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which connection of a session carries the next command, and the
 * per-connection counters that choice and user space read.
 *
 * Nothing here knows about sockets, sessions or locks: the caller hands
 * mcs_policy_pick() one slot per CID, NULL where no connection can carry
 * a command, and serialises the calls (the session lock). That keeps the
 * choice testable with plain arrays.
 */
#ifndef MCS_POLICY_H
#define MCS_POLICY_H

#include <linux/atomic.h>
#include <linux/types.h>

#include <linux/iscsi_mcs.h>

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
	/* Set over netlink; read by the policy. Under the session lock. */
	u32 weight;
	bool standby;
	/* Smooth weighted round robin's current weight, policy's own. */
	s32 credit;
	/*
	 * Commands in flight: refreshed from mcs_conn.inflight by the caller
	 * before each pick, so the policy reads a plain number.
	 */
	u32 depth;
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
	/* Counters since the connection came up. */
	u64 commands;		/* under the session lock */
	u64 bytes_read;		/* under the session lock */
	u64 bytes_written;	/* under the session lock */
	atomic64_t errors;
};

/* What a command remembers of its submission, for its completion. */
struct mcs_path_ticket {
	u64 start_ns;
	u64 ahead;		/* bytes in flight before it, its own included */
	u32 bytes;
};

struct mcs_policy {
	u8 id;			/* enum iscsi_mcs_policy */
	/* Where the next round robin scan starts. */
	u8 cursor;
};

void mcs_path_init(struct mcs_path *path);
void mcs_policy_set(struct mcs_policy *pol, u8 id,
		    struct mcs_path *const *paths, unsigned int n);
int mcs_policy_pick(struct mcs_policy *pol, struct mcs_path *const *paths,
		    unsigned int n, u32 bytes);
u64 mcs_path_expected_time(const struct mcs_path *path, u64 rate, u32 bytes);
void mcs_path_submit(struct mcs_path *path, struct mcs_path_ticket *t,
		     u32 bytes, bool write, u64 now_ns);
void mcs_path_done(struct mcs_path *path, const struct mcs_path_ticket *t,
		   u64 now_ns, bool error, bool sample);
u64 mcs_ewma(u64 avg, u64 sample);

#endif /* MCS_POLICY_H */
