/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Serial number arithmetic (RFC 1982 with SERIAL_BITS 32), which iSCSI
 * uses for CmdSN, StatSN, DataSN and R2TSN, and the CmdSN window a target
 * grants with ExpCmdSN and MaxCmdSN (RFC 7143 section 4.2.2.1).
 *
 * scsi/iscsi_proto.h has iscsi_sna_lt() and friends, but they call two
 * numbers exactly 2^31 apart "less" in both directions. RFC 1982 leaves
 * that pair undefined; here it compares neither less nor greater, so a
 * corrupt or hostile MaxCmdSN half the space away never opens the window.
 */
#ifndef MCS_SN_H
#define MCS_SN_H

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/types.h>

/* 2^(SERIAL_BITS - 1): distances from here on are not comparable. */
#define MCS_SN_HALF	0x80000000u

/* @a < @b: @b lies 1 .. 2^31 - 1 steps ahead of @a. */
static inline bool mcs_sn_lt(u32 a, u32 b)
{
	u32 d = b - a;

	return d != 0 && d < MCS_SN_HALF;
}

static inline bool mcs_sn_gt(u32 a, u32 b)
{
	return mcs_sn_lt(b, a);
}

static inline bool mcs_sn_lte(u32 a, u32 b)
{
	return a == b || mcs_sn_lt(a, b);
}

static inline bool mcs_sn_gte(u32 a, u32 b)
{
	return a == b || mcs_sn_gt(a, b);
}

/*
 * The session's view of the target's command window: CmdSNs from
 * exp_cmdsn to max_cmdsn may be sent. max_cmdsn == exp_cmdsn - 1 is a
 * closed window, the target's way of saying "queue full".
 *
 * Every connection's receive side moves it and every submitting CPU reads
 * it, without a lock: each field only moves forward, by compare and
 * exchange, so a reader sees each field at some value the target really
 * sent, and never a MaxCmdSN beyond the newest one.
 */
struct mcs_cmdsn_window {
	u32 exp_cmdsn;
	u32 max_cmdsn;
};

/*
 * A pair from the target is usable when MaxCmdSN - ExpCmdSN + 1 >= 0 in
 * serial arithmetic, i.e. MaxCmdSN >= ExpCmdSN - 1.
 */
static inline bool mcs_sn_window_valid(u32 exp_cmdsn, u32 max_cmdsn)
{
	return mcs_sn_gte(max_cmdsn, exp_cmdsn - 1);
}

/*
 * Take the window from the final Login Response as it is: there is no
 * earlier state for it to be stale against. Return: 0, or -EINVAL (and the
 * window untouched) when the pair is invalid.
 */
static inline int mcs_sn_window_init(struct mcs_cmdsn_window *w,
				     u32 exp_cmdsn, u32 max_cmdsn)
{
	if (!mcs_sn_window_valid(exp_cmdsn, max_cmdsn))
		return -EINVAL;
	WRITE_ONCE(w->exp_cmdsn, exp_cmdsn);
	WRITE_ONCE(w->max_cmdsn, max_cmdsn);
	return 0;
}

/* Move *@sn forward to @new, unless it is there or beyond already. */
static inline bool mcs_sn_advance(u32 *sn, u32 new)
{
	u32 old = READ_ONCE(*sn);

	do {
		if (!mcs_sn_gt(new, old))
			return false;
	} while (!try_cmpxchg(sn, &old, new));
	return true;
}

/*
 * Apply the ExpCmdSN/MaxCmdSN of a received PDU. With several connections
 * PDUs overtake each other, so each field only ever moves forward, and
 * independently of the other (RFC 7143 section 4.2.2.1); an invalid pair
 * is ignored as a whole.
 *
 * Return: 1 when the window changed, 0 when the PDU was stale, -EINVAL
 * when the pair was invalid and ignored.
 */
static inline int mcs_sn_window_update(struct mcs_cmdsn_window *w,
				       u32 exp_cmdsn, u32 max_cmdsn)
{
	int changed = 0;

	if (!mcs_sn_window_valid(exp_cmdsn, max_cmdsn))
		return -EINVAL;
	/*
	 * Each field on its own: no reader needs them as a pair, since a
	 * new command's number is never below any ExpCmdSN the target sent.
	 */
	changed |= mcs_sn_advance(&w->max_cmdsn, max_cmdsn);
	changed |= mcs_sn_advance(&w->exp_cmdsn, exp_cmdsn);
	return changed;
}

/*
 * Whether a new (non-retry) command numbered @cmdsn may be sent now. Below
 * ExpCmdSN the target would take it for a duplicate and drop it.
 */
static inline bool mcs_sn_window_allows(const struct mcs_cmdsn_window *w,
					u32 cmdsn)
{
	return mcs_sn_gte(cmdsn, READ_ONCE(w->exp_cmdsn)) &&
	       mcs_sn_lte(cmdsn, READ_ONCE(w->max_cmdsn));
}

/**
 * mcs_sn_take() - number a new command, if the window has room for it
 * @next: the session's next CmdSN
 * @w: the session's window
 * @cmdsn: set to the command's CmdSN
 *
 * Connections number their commands concurrently; each caller holds its
 * connection's queue lock from here until the command is on that queue,
 * so every connection queues its commands in increasing CmdSN order
 * (RFC 7143 3.2.2.1), while the session as a whole hands out each number
 * exactly once, in no particular order across connections.
 *
 * Return: true with *@cmdsn set, or false (nothing taken) when the target
 * accepts no command numbered next.
 */
static inline bool mcs_sn_take(atomic_t *next,
			       const struct mcs_cmdsn_window *w, u32 *cmdsn)
{
	int old = atomic_read(next);

	do {
		if (!mcs_sn_window_allows(w, old))
			return false;
	} while (!atomic_try_cmpxchg(next, &old, old + 1));
	*cmdsn = old;
	return true;
}

/*
 * How many commands, numbered from @next_cmdsn on, the target accepts
 * now: the room left for the queue. 0 when the window is closed or
 * @next_cmdsn is outside it.
 */
static inline u32 mcs_sn_window_room(const struct mcs_cmdsn_window *w,
				     u32 next_cmdsn)
{
	if (!mcs_sn_window_allows(w, next_cmdsn))
		return 0;
	return w->max_cmdsn - next_cmdsn + 1;
}

/* The window's width, 0 when closed. */
static inline u32 mcs_sn_window_size(const struct mcs_cmdsn_window *w)
{
	if (!mcs_sn_window_valid(w->exp_cmdsn, w->max_cmdsn))
		return 0;
	return w->max_cmdsn - w->exp_cmdsn + 1;
}

#endif /* MCS_SN_H */
