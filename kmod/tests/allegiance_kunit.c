// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_allegiance": which connection each task belongs
 * to, as the counters keep it, and what a TASK REASSIGN's answer makes
 * the initiator do with a task of a failed connection.
 *
 * A connection may only be freed when its depth is 0, and the policies
 * read depth and bytes in flight: the bookkeeping must stay exact through
 * any mix of submissions, completions and moves.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <scsi/iscsi_proto.h>

#include "../policy.h"
#include "../reassign.h"

static void mcs_allegiance_move(struct kunit *test)
{
	struct mcs_path a, b;
	struct mcs_path_ticket t1, t2, t3;

	mcs_path_init(&a);
	mcs_path_init(&b);
	mcs_path_submit(&a, &t1, 4096, false, 100);
	mcs_path_submit(&a, &t2, 65536, true, 200);
	mcs_path_submit(&b, &t3, 512, false, 300);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.depth), 2);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.depth), 1);

	/* a failed: its write moves to b. */
	mcs_path_move(&a, &b, &t2, 5000);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.depth), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.depth), 2);
	KUNIT_EXPECT_EQ(test, atomic64_read(&a.bytes), 4096LL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.bytes), 65536LL + 512);
	/* It did not complete on a; b measures it from the move on. */
	KUNIT_EXPECT_EQ(test, atomic64_read(&a.errors), 1LL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.errors), 0LL);
	KUNIT_EXPECT_EQ(test, t2.start_ns, 5000ULL);
	KUNIT_EXPECT_EQ(test, t2.ahead, 65536ULL + 512 + MCS_CMD_COST);
	/* What each was handed stays: a was given the write. */
	KUNIT_EXPECT_EQ(test, a.bytes_written, 65536ULL);
	KUNIT_EXPECT_EQ(test, b.bytes_written, 0ULL);

	mcs_path_done(&b, &t2, 5000 + 1000, false, true);
	KUNIT_EXPECT_EQ(test, b.latency_ns, 1000ULL);
	mcs_path_done(&b, &t3, 7000, false, true);
	mcs_path_done(&a, &t1, 0, true, false);
	KUNIT_EXPECT_EQ(test, atomic_read(&a.depth), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&b.depth), 0);
	KUNIT_EXPECT_EQ(test, atomic64_read(&a.bytes), 0LL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&b.bytes), 0LL);
}

#define MCS_ALLEG_PATHS	4
#define MCS_ALLEG_TASKS	64

/*
 * Random submissions, completions and moves off failed connections, as a
 * session with a few connections goes through them: after every step each
 * connection's depth and bytes in flight are exactly those of the tasks
 * allegiant to it.
 */
static void mcs_allegiance_invariants(struct kunit *test)
{
	struct mcs_path *path;
	struct mcs_path_ticket *tk;
	int *owner;
	u32 *len;
	struct rnd_state rnd;
	unsigned int step, i, p, to;
	int depth[MCS_ALLEG_PATHS];
	s64 bytes[MCS_ALLEG_PATHS];

	path = kunit_kcalloc(test, MCS_ALLEG_PATHS, sizeof(*path), GFP_KERNEL);
	tk = kunit_kcalloc(test, MCS_ALLEG_TASKS, sizeof(*tk), GFP_KERNEL);
	owner = kunit_kcalloc(test, MCS_ALLEG_TASKS, sizeof(*owner), GFP_KERNEL);
	len = kunit_kcalloc(test, MCS_ALLEG_TASKS, sizeof(*len), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, path && tk && owner && len);
	for (p = 0; p < MCS_ALLEG_PATHS; p++)
		mcs_path_init(&path[p]);
	for (i = 0; i < MCS_ALLEG_TASKS; i++)
		owner[i] = -1;
	prandom_seed_state(&rnd, 7143);

	for (step = 0; step < 20000; step++) {
		i = prandom_u32_state(&rnd) % MCS_ALLEG_TASKS;
		p = prandom_u32_state(&rnd) % MCS_ALLEG_PATHS;
		if (owner[i] < 0) {
			len[i] = (prandom_u32_state(&rnd) % 64) * 4096;
			mcs_path_submit(&path[p], &tk[i], len[i], p & 1, step);
			owner[i] = p;
		} else if (prandom_u32_state(&rnd) & 1) {
			mcs_path_done(&path[owner[i]], &tk[i], step + 10,
				      false, true);
			owner[i] = -1;
		} else {
			/* Its connection failed: reassigned to another one. */
			to = (owner[i] + 1 + p % (MCS_ALLEG_PATHS - 1)) %
			     MCS_ALLEG_PATHS;
			mcs_path_move(&path[owner[i]], &path[to], &tk[i], step);
			owner[i] = to;
		}

		memset(depth, 0, sizeof(depth));
		memset(bytes, 0, sizeof(bytes));
		for (i = 0; i < MCS_ALLEG_TASKS; i++) {
			if (owner[i] < 0)
				continue;
			depth[owner[i]]++;
			bytes[owner[i]] += len[i];
		}
		for (p = 0; p < MCS_ALLEG_PATHS; p++) {
			if (atomic_read(&path[p].depth) != depth[p] ||
			    atomic64_read(&path[p].bytes) != bytes[p]) {
				KUNIT_FAIL(test,
					   "step %u conn %u: depth %d bytes %lld, not %d %lld",
					   step, p, atomic_read(&path[p].depth),
					   atomic64_read(&path[p].bytes),
					   depth[p], bytes[p]);
				return;
			}
		}
	}
}

/*
 * The Logout's ExpCmdSN splits the failed connection's tasks: below it
 * the target has them (TASK REASSIGN), from it on not (retry).
 */
static void mcs_allegiance_plan(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_reassign_plan(99, 100), MCS_REASSIGN_TASK);
	KUNIT_EXPECT_EQ(test, mcs_reassign_plan(100, 100), MCS_REASSIGN_RETRY);
	KUNIT_EXPECT_EQ(test, mcs_reassign_plan(101, 100), MCS_REASSIGN_RETRY);
	/* Across the wrap of CmdSN. */
	KUNIT_EXPECT_EQ(test, mcs_reassign_plan(0xffffffff, 2), MCS_REASSIGN_TASK);
	KUNIT_EXPECT_EQ(test, mcs_reassign_plan(3, 0xfffffffe), MCS_REASSIGN_RETRY);
}

static void mcs_allegiance_answer(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_COMPLETE),
			MCS_REASSIGN_RESUMED);
	/* LIO 6.1 says "rejected" when it did resume: watched, not failed. */
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_REJECTED),
			MCS_REASSIGN_WATCH);
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_NO_TASK),
			MCS_REASSIGN_REISSUE);
	/* The allegiance did not end, or the target cannot do it. */
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_TASK_ALLEGIANT),
			MCS_REASSIGN_FAIL);
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_NO_FAILOVER),
			MCS_REASSIGN_FAIL);
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_NOT_SUPPORTED),
			MCS_REASSIGN_FAIL);
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(ISCSI_TMF_RSP_NO_LUN),
			MCS_REASSIGN_FAIL);
	/* No answer at all. */
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(-ETIMEDOUT), MCS_REASSIGN_FAIL);
	KUNIT_EXPECT_EQ(test, mcs_reassign_answer(-ENOTCONN), MCS_REASSIGN_FAIL);
}

static struct kunit_case mcs_allegiance_cases[] = {
	KUNIT_CASE(mcs_allegiance_plan),
	KUNIT_CASE(mcs_allegiance_answer),
	KUNIT_CASE(mcs_allegiance_move),
	KUNIT_CASE(mcs_allegiance_invariants),
	{}
};

static struct kunit_suite mcs_allegiance_suite = {
	.name = "iscsi_mcs_allegiance",
	.test_cases = mcs_allegiance_cases,
};

kunit_test_suite(mcs_allegiance_suite);
