// SPDX-License-Identifier: GPL-2.0
/*
 * Task distribution: which connection of a session a new command goes on.
 *
 * A command stays on the connection it was given until it completes
 * (allegiance), so the choice is made once, at submission; numbering the
 * command happens after, under the chosen connection's queue lock, so
 * whatever the policy each connection's queue stays in CmdSN order. The policies only ever choose
 * among the slots the caller marks usable; they never fail a command that
 * some usable connection could carry.
 *
 * Standby connections are a preference, not an exclusion: every policy but
 * plain round robin leaves them out while a connection not in standby is
 * usable, and falls back to them when none is, as multipath does with
 * non-optimized paths. Ties between equally good connections are broken
 * round robin from a cursor, so equal connections share the load instead
 * of the lowest CID taking it all.
 *
 * The adaptive policy, least expected time, borrows dm-service-time's idea
 * of queued bytes over path throughput, with the throughput measured
 * instead of configured: see mcs_path_expected_time() and mcs_path_done().
 */

#include <linux/bits.h>
#include <linux/errno.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "policy.h"

/* Latencies above this (about 18 minutes) are clamped: no overflow. */
#define MCS_LATENCY_MAX_NS	BIT_ULL(40)

/**
 * mcs_path_init() - a connection's policy inputs and counters at start
 * @path: the connection's
 */
void mcs_path_init(struct mcs_path *path)
{
	path->weight = MCS_WEIGHT_DEFAULT;
	path->standby = false;
	atomic_set(&path->depth, 0);
	atomic64_set(&path->bytes, 0);
	path->latency_ns = 0;
	path->rate = 0;
	path->commands = 0;
	path->bytes_read = 0;
	path->bytes_written = 0;
	atomic64_set(&path->errors, 0);
}

/**
 * mcs_policy_set() - switch a policy state to another policy
 * @pol: the state of one submission queue
 * @id: enum iscsi_mcs_policy, already validated
 *
 * The round robin cursor and the weighted credits start afresh, so the
 * new policy does not inherit the old one's history.
 */
void mcs_policy_set(struct mcs_policy *pol, u8 id)
{
	pol->id = id;
	pol->cursor = 0;
	memset(pol->credit, 0, sizeof(pol->credit));
}

/**
 * mcs_ewma() - one step of an exponentially weighted moving average
 * @avg: the average so far, 0 when there is none
 * @sample: the new sample
 *
 * A new sample counts for 1/8, as in TCP's smoothed RTT: a few commands
 * move the average, a single outlier does not.
 *
 * Return: the new average.
 */
u64 mcs_ewma(u64 avg, u64 sample)
{
	if (!avg)
		return sample ?: 1;
	return avg - avg / 8 + sample / 8;
}

/**
 * mcs_path_expected_time() - when a command would complete on a connection
 * @path: the connection
 * @rate: its nanoseconds per byte of work, << MCS_RATE_SHIFT
 * @bytes: the command's data length
 *
 * E = (bytes in flight + @bytes + MCS_CMD_COST) * rate: the work queued on
 * the connection, the command's included, times how fast the connection
 * was seen to drain work.
 *
 * Return: the expected time in nanoseconds.
 */
u64 mcs_path_expected_time(const struct mcs_path *path, u64 rate, u32 bytes)
{
	u64 work = (u64)atomic64_read(&path->bytes) + bytes + MCS_CMD_COST;

	/* Bounded so the product fits in 64 bits after the shift. */
	return mul_u64_u64_shr(min_t(u64, work, U32_MAX), rate, MCS_RATE_SHIFT);
}

/* A slot the policy may choose now: usable, and active unless @standby. */
static bool mcs_candidate(const struct mcs_path *path, bool standby)
{
	return path && (standby || !READ_ONCE(path->standby));
}

static int mcs_pick_first(struct mcs_path *const *paths, unsigned int n,
			  bool standby)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (mcs_candidate(paths[i], standby))
			return i;
	return -ENOENT;
}

static int mcs_pick_rr(struct mcs_policy *pol, struct mcs_path *const *paths,
		       unsigned int n, bool standby)
{
	unsigned int k, i;

	for (k = 0; k < n; k++) {
		i = (pol->cursor + k) % n;
		if (mcs_candidate(paths[i], standby))
			return i;
	}
	return -ENOENT;
}

static int mcs_pick_lqd(struct mcs_policy *pol, struct mcs_path *const *paths,
			unsigned int n, bool standby)
{
	unsigned int k, i;
	int best = -ENOENT;

	/* Scanning from the cursor, the first of equals wins: round robin. */
	for (k = 0; k < n; k++) {
		i = (pol->cursor + k) % n;
		if (mcs_candidate(paths[i], standby) &&
		    (best < 0 ||
		     atomic_read(&paths[i]->depth) < atomic_read(&paths[best]->depth)))
			best = i;
	}
	return best;
}

/*
 * Smooth weighted round robin (nginx): every pick, each candidate earns its
 * weight in credit and the richest pays back the total. Over any Σw picks
 * a connection of weight w is chosen exactly w times, interleaved rather
 * than in bursts, so a 3:1 split sends A A B A, not A A A B.
 */
static int mcs_pick_weighted(struct mcs_policy *pol,
			     struct mcs_path *const *paths, unsigned int n,
			     bool standby)
{
	unsigned int i;
	int best = -ENOENT;
	s32 total = 0;
	u32 w;

	for (i = 0; i < n; i++) {
		if (!mcs_candidate(paths[i], standby))
			continue;
		w = READ_ONCE(paths[i]->weight);
		pol->credit[i] += w;
		total += w;
		if (best < 0 || pol->credit[i] > pol->credit[best])
			best = i;
	}
	if (best >= 0)
		pol->credit[best] -= total;
	return best;
}

static int mcs_pick_let(struct mcs_policy *pol, struct mcs_path *const *paths,
			unsigned int n, bool standby, u32 bytes)
{
	u64 cold = 0, rate, t, best_t = 0;
	unsigned int k, i;
	int best = -ENOENT;

	/*
	 * Cold start: a connection not measured yet is assumed as fast as
	 * the fastest one measured, so it gets commands, and measured, at
	 * once; with none measured they all compare by bytes in flight
	 * (1 ns a byte).
	 */
	for (i = 0; i < n; i++)
		if (mcs_candidate(paths[i], standby)) {
			rate = READ_ONCE(paths[i]->rate);
			if (rate && (!cold || rate < cold))
				cold = rate;
		}
	if (!cold)
		cold = 1 << MCS_RATE_SHIFT;
	for (k = 0; k < n; k++) {
		i = (pol->cursor + k) % n;
		if (!mcs_candidate(paths[i], standby))
			continue;
		rate = READ_ONCE(paths[i]->rate) ?: cold;
		t = mcs_path_expected_time(paths[i], rate, bytes);
		if (best < 0 || t < best_t) {
			best = i;
			best_t = t;
		}
	}
	return best;
}

/**
 * mcs_policy_pick() - the connection the next command goes on
 * @pol: the session's policy state; the caller serialises calls
 * @paths: one slot per CID, NULL where no connection can carry a command
 * @n: number of slots, at most MCS_POLICY_SLOTS
 * @bytes: the command's data length
 *
 * Return: the chosen slot, or -ENOENT when every slot is NULL.
 */
int mcs_policy_pick(struct mcs_policy *pol, struct mcs_path *const *paths,
		    unsigned int n, u32 bytes)
{
	bool standby = pol->id == ISCSI_MCS_POLICY_ROUND_ROBIN;
	int i;

	/* Standby connections only when no other one is usable. */
	if (!standby && mcs_pick_first(paths, n, false) < 0)
		standby = true;

	switch (pol->id) {
	case ISCSI_MCS_POLICY_FAILOVER:
		return mcs_pick_first(paths, n, standby);
	case ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH:
		i = mcs_pick_lqd(pol, paths, n, standby);
		break;
	case ISCSI_MCS_POLICY_WEIGHTED:
		return mcs_pick_weighted(pol, paths, n, standby);
	case ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME:
		i = mcs_pick_let(pol, paths, n, standby, bytes);
		break;
	default:
		i = mcs_pick_rr(pol, paths, n, standby);
		break;
	}
	if (i >= 0)
		pol->cursor = (i + 1) % n;
	return i;
}

/**
 * mcs_path_submit() - account a command given to a connection
 * @path: the connection's
 * @t: the command's ticket, for mcs_path_done()
 * @bytes: its data length
 * @write: whether the data goes to the target
 * @now_ns: the submission time
 *
 * Called under the connection's queue lock, which serialises the plain
 * counters.
 */
void mcs_path_submit(struct mcs_path *path, struct mcs_path_ticket *t,
		     u32 bytes, bool write, u64 now_ns)
{
	atomic_inc(&path->depth);
	t->bytes = bytes;
	t->start_ns = now_ns;
	t->ahead = atomic64_add_return(bytes, &path->bytes) + MCS_CMD_COST;
	WRITE_ONCE(path->commands, path->commands + 1);
	if (write)
		WRITE_ONCE(path->bytes_written, path->bytes_written + bytes);
	else
		WRITE_ONCE(path->bytes_read, path->bytes_read + bytes);
}

/**
 * mcs_path_move() - account a command changing connection (TASK REASSIGN)
 * @from: the failed connection it was allegiant to
 * @to: the connection taking it over
 * @t: its ticket, filled by mcs_path_submit() on @from
 * @now_ns: when it moves
 *
 * On @from it counts as a command that did not complete there; on @to it
 * is in flight from now on, and its latency, if sampled, is the new
 * connection's alone. The plain counters (commands, bytes) stay where the
 * command was first given: they say what each connection was handed.
 */
void mcs_path_move(struct mcs_path *from, struct mcs_path *to,
		   struct mcs_path_ticket *t, u64 now_ns)
{
	atomic_inc(&to->depth);
	t->start_ns = now_ns;
	t->ahead = atomic64_add_return(t->bytes, &to->bytes) + MCS_CMD_COST;
	atomic64_sub(t->bytes, &from->bytes);
	atomic64_inc(&from->errors);
	atomic_dec(&from->depth);
}

/**
 * mcs_path_done() - account a command that left a connection
 * @path: the connection's
 * @t: the ticket mcs_path_submit() filled
 * @now_ns: the completion time
 * @error: it failed in transport, or was taken over by error handling
 * @sample: the target answered it, so its latency is worth learning from
 *
 * The EWMAs take samples from the connection's receive side only, their
 * single writer. The rate sample is the latency divided by the work that
 * was ahead of the command, its own included: a connection that drains
 * 1 MiB of queued writes in 10 ms runs at about 10 ns per byte, whether
 * that came as one large command or as many small ones.
 */
void mcs_path_done(struct mcs_path *path, const struct mcs_path_ticket *t,
		   u64 now_ns, bool error, bool sample)
{
	u64 lat;

	atomic64_sub(t->bytes, &path->bytes);
	if (error)
		atomic64_inc(&path->errors);
	/* Last: the connection may be freed once its depth is 0. */
	atomic_dec(&path->depth);
	if (!sample)
		return;
	lat = min(now_ns - t->start_ns, MCS_LATENCY_MAX_NS);
	WRITE_ONCE(path->latency_ns, mcs_ewma(path->latency_ns, lat));
	WRITE_ONCE(path->rate,
		   mcs_ewma(path->rate,
			    div64_u64(lat << MCS_RATE_SHIFT, t->ahead)));
}
