// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_policy": which connection each policy gives a
 * command, what the counters make of a command's life, and the netlink
 * rules of SESSION_SET and CONN_SET.
 *
 * Connections are plain struct mcs_path slots, NULL where a connection is
 * missing or unusable, as mcs_session_pick_conn_io() hands them over.
 */

#include <kunit/test.h>
#include <net/netlink.h>

#include "../config.h"
#include "../netlink.h"
#include "../policy.h"

#define MCS_TEST_SLOTS	8

struct mcs_policy_test {
	struct mcs_path path[MCS_TEST_SLOTS];
	struct mcs_path *slot[MCS_TEST_SLOTS];
	struct mcs_policy pol;
};

static int mcs_policy_test_init(struct kunit *test)
{
	struct mcs_policy_test *t;
	int i;

	t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	for (i = 0; i < MCS_TEST_SLOTS; i++)
		mcs_path_init(&t->path[i]);
	test->priv = t;
	return 0;
}

/* Fresh connections, slots 0 to @n - 1 usable, under policy @id. */
static struct mcs_policy_test *mcs_pt(struct kunit *test, u8 id, int n)
{
	struct mcs_policy_test *t = test->priv;
	int i;

	for (i = 0; i < MCS_TEST_SLOTS; i++) {
		mcs_path_init(&t->path[i]);
		t->slot[i] = i < n ? &t->path[i] : NULL;
	}
	mcs_policy_set(&t->pol, id);
	return t;
}

static int mcs_pick(struct mcs_policy_test *t, u32 bytes)
{
	return mcs_policy_pick(&t->pol, t->slot, MCS_TEST_SLOTS, bytes);
}

static const u8 mcs_all_policies[] = {
	ISCSI_MCS_POLICY_ROUND_ROBIN,
	ISCSI_MCS_POLICY_FAILOVER,
	ISCSI_MCS_POLICY_ROUND_ROBIN_SUBSET,
	ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH,
	ISCSI_MCS_POLICY_WEIGHTED,
	ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME,
};

static void mcs_policy_default_is_round_robin(struct kunit *test)
{
	/* A zeroed session, as kzalloc() gives, is round robin. */
	struct mcs_policy pol = {};

	KUNIT_EXPECT_EQ(test, pol.id, MCS_POLICY_DEFAULT);
	KUNIT_EXPECT_EQ(test, MCS_POLICY_DEFAULT, ISCSI_MCS_POLICY_ROUND_ROBIN);
	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(mcs_all_policies),
			(size_t)ISCSI_MCS_POLICY_MAX + 1);
}

static void mcs_policy_none_usable(struct kunit *test)
{
	struct mcs_policy_test *t;
	size_t p;

	for (p = 0; p < ARRAY_SIZE(mcs_all_policies); p++) {
		t = mcs_pt(test, mcs_all_policies[p], 0);
		KUNIT_EXPECT_EQ_MSG(test, mcs_pick(t, 4096), -ENOENT,
				    "policy %u", mcs_all_policies[p]);
	}
}

static void mcs_policy_rr_skips_holes(struct kunit *test)
{
	struct mcs_policy_test *t = mcs_pt(test, ISCSI_MCS_POLICY_ROUND_ROBIN, 4);
	static const int want[] = { 0, 2, 3, 0, 2, 3, 0 };
	size_t i;

	t->slot[1] = NULL;
	/* Plain round robin uses standby connections like any other. */
	t->path[3].standby = true;
	for (i = 0; i < ARRAY_SIZE(want); i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), want[i]);
	/* A connection coming back joins the rotation where it stands. */
	t->slot[1] = &t->path[1];
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 2);
}

static void mcs_policy_failover(struct kunit *test)
{
	struct mcs_policy_test *t = mcs_pt(test, ISCSI_MCS_POLICY_FAILOVER, 3);
	int i;

	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 65536), 0);
	/* The active one fails: the next CID takes everything. */
	t->slot[0] = NULL;
	for (i = 0; i < 10; i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 65536), 1);
	/* Load does not matter, only the order. */
	atomic_set(&t->path[1].depth, 100);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	/* A standby connection is passed over while another is usable. */
	t->path[1].standby = true;
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 2);
	t->slot[2] = NULL;
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	/* The first one back takes over again. */
	t->slot[0] = &t->path[0];
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 0);
}

static void mcs_policy_rr_subset(struct kunit *test)
{
	struct mcs_policy_test *t;
	static const int want[] = { 0, 2, 0, 2, 0 };
	size_t i;

	t = mcs_pt(test, ISCSI_MCS_POLICY_ROUND_ROBIN_SUBSET, 4);
	t->path[1].standby = true;
	t->path[3].standby = true;
	for (i = 0; i < ARRAY_SIZE(want); i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), want[i]);
	/* Both active ones gone: the standby ones, in turn. */
	t->slot[0] = NULL;
	t->slot[2] = NULL;
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 3);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	/* One active back: standby ones idle again. */
	t->slot[2] = &t->path[2];
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 2);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 2);
}

static void mcs_policy_all_standby(struct kunit *test)
{
	struct mcs_policy_test *t;
	int seen[MCS_TEST_SLOTS];
	size_t p;
	int i, k;

	/* Everyone in standby is the same as no one: nothing is refused. */
	for (p = 0; p < ARRAY_SIZE(mcs_all_policies); p++) {
		t = mcs_pt(test, mcs_all_policies[p], 3);
		memset(seen, 0, sizeof(seen));
		for (i = 0; i < 3; i++)
			t->path[i].standby = true;
		for (k = 0; k < 30; k++) {
			i = mcs_pick(t, 4096);
			KUNIT_ASSERT_TRUE(test, i >= 0 && i < 3);
			seen[i]++;
		}
		if (mcs_all_policies[p] == ISCSI_MCS_POLICY_FAILOVER)
			KUNIT_EXPECT_EQ(test, seen[0], 30);
		else
			KUNIT_EXPECT_TRUE_MSG(test, seen[0] && seen[1] && seen[2],
					      "policy %u", mcs_all_policies[p]);
		for (i = 0; i < 3; i++)
			t->path[i].standby = false;
	}
}

static void mcs_policy_lqd(struct kunit *test)
{
	struct mcs_policy_test *t;
	static const int ties[] = { 1, 2, 0, 1, 2 };
	size_t i;

	t = mcs_pt(test, ISCSI_MCS_POLICY_LEAST_QUEUE_DEPTH, 3);
	atomic_set(&t->path[0].depth, 3);
	atomic_set(&t->path[1].depth, 1);
	atomic_set(&t->path[2].depth, 2);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 1);
	atomic_set(&t->path[1].depth, 9);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 2);
	/* Ties go round robin from after the last choice. */
	atomic_set(&t->path[0].depth, 4);
	atomic_set(&t->path[1].depth, 4);
	atomic_set(&t->path[2].depth, 4);
	t->pol.cursor = 1;
	for (i = 0; i < ARRAY_SIZE(ties); i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), ties[i]);
	/* A standby connection, even idle, loses to a busy active one. */
	t->path[2].standby = true;
	atomic_set(&t->path[2].depth, 0);
	KUNIT_EXPECT_NE(test, mcs_pick(t, 0), 2);
}

static void mcs_policy_weighted_spread(struct kunit *test)
{
	struct mcs_policy_test *t;
	int seen[MCS_TEST_SLOTS] = {};
	int i, k;

	t = mcs_pt(test, ISCSI_MCS_POLICY_WEIGHTED, 3);
	t->path[0].weight = 5;
	t->path[1].weight = 2;
	t->path[2].weight = 1;
	/* Exactly w of every Σw picks. */
	for (k = 0; k < 8 * 100; k++)
		seen[mcs_pick(t, 0)]++;
	KUNIT_EXPECT_EQ(test, seen[0], 500);
	KUNIT_EXPECT_EQ(test, seen[1], 200);
	KUNIT_EXPECT_EQ(test, seen[2], 100);
	/* And the credits are back where they started. */
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, t->pol.credit[i], 0);
}

static void mcs_policy_weighted_smooth(struct kunit *test)
{
	struct mcs_policy_test *t;
	static const int want[] = { 0, 0, 1, 0, 0, 0, 1, 0 };
	int seen[MCS_TEST_SLOTS] = {};
	size_t i;
	int k;

	t = mcs_pt(test, ISCSI_MCS_POLICY_WEIGHTED, 2);
	t->path[0].weight = 3;
	t->path[1].weight = 1;
	/* 3:1 interleaved, not in bursts of three. */
	for (i = 0; i < ARRAY_SIZE(want); i++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), want[i]);

	/* Equal weights are plain round robin. */
	t = mcs_pt(test, ISCSI_MCS_POLICY_WEIGHTED, 4);
	for (k = 0; k < 8; k++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), k % 4);

	/* One connection lost: the others share in their own ratio. */
	t = mcs_pt(test, ISCSI_MCS_POLICY_WEIGHTED, 3);
	t->path[0].weight = 3;
	t->path[1].weight = 1000;
	t->path[2].weight = 1;
	mcs_pick(t, 0);
	t->slot[1] = NULL;
	for (k = 0; k < 400; k++)
		seen[mcs_pick(t, 0)]++;
	KUNIT_EXPECT_EQ(test, seen[1], 0);
	KUNIT_EXPECT_TRUE(test, seen[0] >= 299 && seen[0] <= 301);
	KUNIT_EXPECT_EQ(test, seen[0] + seen[2], 400);
}

static void mcs_policy_let_prefers_faster(struct kunit *test)
{
	struct mcs_policy_test *t;

	t = mcs_pt(test, ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME, 2);
	t->path[0].rate = 4 << MCS_RATE_SHIFT;	/* 4 ns a byte */
	t->path[1].rate = 1 << MCS_RATE_SHIFT;	/* 1 ns a byte */
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 65536), 1);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 65536), 1);
	/* Until the faster one has enough queued to be the later one. */
	atomic64_set(&t->path[1].bytes, SZ_1M);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 65536), 0);
	/* E = (queued + bytes + MCS_CMD_COST) * rate */
	KUNIT_EXPECT_EQ(test, mcs_path_expected_time(&t->path[1],
						     t->path[1].rate, 65536),
			(u64)SZ_1M + 65536 + MCS_CMD_COST);
	KUNIT_EXPECT_EQ(test, mcs_path_expected_time(&t->path[0],
						     t->path[0].rate, 65536),
			4ULL * (65536 + MCS_CMD_COST));
}

static void mcs_policy_let_cold_start(struct kunit *test)
{
	struct mcs_policy_test *t;
	int k;

	/* Nothing measured: least bytes in flight, ties round robin. */
	t = mcs_pt(test, ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME, 3);
	for (k = 0; k < 6; k++)
		KUNIT_EXPECT_EQ(test, mcs_pick(t, 4096), k % 3);
	atomic64_set(&t->path[0].bytes, 8192);
	atomic64_set(&t->path[2].bytes, 4096);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 4096), 1);

	/*
	 * A new connection is taken to be as fast as the fastest measured
	 * one: it wins as soon as that one has anything queued.
	 */
	t = mcs_pt(test, ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME, 2);
	t->path[0].rate = 1 << MCS_RATE_SHIFT;
	atomic64_set(&t->path[0].bytes, 512);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 4096), 1);
	/* Not faster than that, though. */
	atomic64_set(&t->path[0].bytes, 0);
	atomic64_set(&t->path[1].bytes, 512);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 4096), 0);
}

/* Commands on two connections, one four times slower: LET learns it. */
static void mcs_policy_let_learns(struct kunit *test)
{
	struct mcs_policy_test *t;
	struct mcs_path_ticket tk;
	int seen[MCS_TEST_SLOTS] = {};
	u64 now = 1000000;
	int i, k;

	t = mcs_pt(test, ISCSI_MCS_POLICY_LEAST_EXPECTED_TIME, 2);
	for (k = 0; k < 20; k++) {
		for (i = 0; i < 2; i++) {
			mcs_path_submit(&t->path[i], &tk, 65536, true, now);
			mcs_path_done(&t->path[i], &tk,
				      now + (i ? 400000 : 100000), false, true);
		}
		now += 1000000;
	}
	KUNIT_EXPECT_GT(test, t->path[1].rate, 3 * t->path[0].rate);
	KUNIT_EXPECT_GT(test, t->path[1].latency_ns, 3 * t->path[0].latency_ns);
	/* Queue 40 commands without completing: about 4 in 5 go to 0. */
	for (k = 0; k < 40; k++) {
		i = mcs_pick(t, 65536);
		KUNIT_ASSERT_TRUE(test, i == 0 || i == 1);
		mcs_path_submit(&t->path[i], &tk, 65536, false, now);
		seen[i]++;
	}
	KUNIT_EXPECT_TRUE_MSG(test, seen[0] >= 30 && seen[0] <= 34,
			      "fast %d slow %d", seen[0], seen[1]);
}

static void mcs_policy_ewma(struct kunit *test)
{
	u64 avg = 0;
	int i;

	KUNIT_EXPECT_EQ(test, mcs_ewma(0, 800), 800ULL);
	/* 0 stands for "no sample": a first sample of 0 must not look so. */
	KUNIT_EXPECT_EQ(test, mcs_ewma(0, 0), 1ULL);
	KUNIT_EXPECT_EQ(test, mcs_ewma(800, 1600), 900ULL);
	for (i = 0; i < 100; i++)
		avg = mcs_ewma(avg, 1000000);
	KUNIT_EXPECT_EQ(test, avg, 1000000ULL);
	for (i = 0; i < 100; i++)
		avg = mcs_ewma(avg, 2000000);
	KUNIT_EXPECT_TRUE(test, avg > 1999000 && avg <= 2000000);
}

static void mcs_policy_counters(struct kunit *test)
{
	struct mcs_policy_test *t = test->priv;
	struct mcs_path *p = &t->path[0];
	struct mcs_path_ticket a, b, c;

	mcs_path_submit(p, &a, 4096, true, 1000);
	mcs_path_submit(p, &b, 8192, false, 2000);
	mcs_path_submit(p, &c, 0, false, 3000);
	KUNIT_EXPECT_EQ(test, p->commands, 3ULL);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->depth), 3);
	KUNIT_EXPECT_EQ(test, p->bytes_written, 4096ULL);
	KUNIT_EXPECT_EQ(test, p->bytes_read, 8192ULL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&p->bytes), 12288LL);
	/* Work ahead of each command, its own and its cost included. */
	KUNIT_EXPECT_EQ(test, a.ahead, 4096ULL + MCS_CMD_COST);
	KUNIT_EXPECT_EQ(test, b.ahead, 12288ULL + MCS_CMD_COST);
	KUNIT_EXPECT_EQ(test, c.ahead, 12288ULL + MCS_CMD_COST);

	/* Answered: a latency sample, no error. */
	mcs_path_done(p, &a, 1000 + 50000, false, true);
	KUNIT_EXPECT_EQ(test, p->latency_ns, 50000ULL);
	KUNIT_EXPECT_EQ(test, p->rate,
			div64_u64(50000ULL << MCS_RATE_SHIFT, a.ahead));
	/* Handed back by a failing connection: an error, no sample. */
	mcs_path_done(p, &b, 10000000, true, false);
	KUNIT_EXPECT_EQ(test, atomic64_read(&p->errors), 1LL);
	KUNIT_EXPECT_EQ(test, p->latency_ns, 50000ULL);
	/* Taken over by error handling: the same. */
	mcs_path_done(p, &c, 0, true, false);
	KUNIT_EXPECT_EQ(test, atomic64_read(&p->errors), 2LL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&p->bytes), 0LL);
	KUNIT_EXPECT_EQ(test, atomic_read(&p->depth), 0);
	KUNIT_EXPECT_EQ(test, p->commands, 3ULL);
}

static void mcs_policy_set_resets(struct kunit *test)
{
	struct mcs_policy_test *t;

	t = mcs_pt(test, ISCSI_MCS_POLICY_WEIGHTED, 2);
	t->path[0].weight = 3;
	mcs_pick(t, 0);
	KUNIT_EXPECT_NE(test, t->pol.credit[0], 0);
	t->pol.cursor = 5;
	mcs_policy_set(&t->pol, ISCSI_MCS_POLICY_ROUND_ROBIN);
	KUNIT_EXPECT_EQ(test, t->pol.id, ISCSI_MCS_POLICY_ROUND_ROBIN);
	KUNIT_EXPECT_EQ(test, t->pol.cursor, 0);
	KUNIT_EXPECT_EQ(test, t->pol.credit[0], 0);
	KUNIT_EXPECT_EQ(test, t->pol.credit[1], 0);
	KUNIT_EXPECT_EQ(test, mcs_pick(t, 0), 0);
}

/*
 * Random usable sets, standby flags, depths and policy switches, as
 * queuecommand would see them: every pick is a usable slot, a standby one
 * only when the policy allows it, and numbering the commands in pick order
 * leaves each connection's queue in increasing CmdSN order.
 */
static void mcs_policy_invariants(struct kunit *test)
{
	struct mcs_policy_test *t = test->priv;
	u32 last[MCS_TEST_SLOTS] = {}, cmdsn = 1, rnd = 12345;
	bool active, ok = true;
	int i, k, pick;
	u8 id;

	for (k = 0; k < 5000 && ok; k++) {
		rnd = rnd * 1103515245 + 12345;
		if (k % 97 == 0) {
			id = (rnd >> 8) % (ISCSI_MCS_POLICY_MAX + 1);
			mcs_policy_set(&t->pol, id);
		}
		if (k % 13 == 0) {
			for (i = 0; i < MCS_TEST_SLOTS; i++) {
				rnd = rnd * 1103515245 + 12345;
				t->slot[i] = (rnd >> 16) & 1 ? &t->path[i] : NULL;
				t->path[i].standby = (rnd >> 17) & 1;
				t->path[i].weight = 1 + (rnd >> 18) % 7;
				atomic_set(&t->path[i].depth, (rnd >> 21) % 5);
			}
		}
		active = false;
		for (i = 0; i < MCS_TEST_SLOTS; i++)
			active |= t->slot[i] && !t->path[i].standby;
		pick = mcs_pick(t, (rnd >> 4) % 131072);
		if (pick < 0) {
			for (i = 0; i < MCS_TEST_SLOTS; i++)
				ok &= !t->slot[i];
			continue;
		}
		ok &= pick < MCS_TEST_SLOTS && t->slot[pick];
		if (t->pol.id != ISCSI_MCS_POLICY_ROUND_ROBIN && active)
			ok &= !t->path[pick].standby;
		ok &= last[pick] < cmdsn;
		last[pick] = cmdsn++;
	}
	KUNIT_EXPECT_TRUE_MSG(test, ok, "invariant broken at step %d", k);
}

/* Netlink: the policies of SESSION_SET and CONN_SET, and the precheck. */

static int mcs_policy_nl_parse(struct sk_buff *skb, struct nlattr **tb,
			       int max,
			       const struct nla_policy *policy,
			       struct netlink_ext_ack *extack)
{
	memset(extack, 0, sizeof(*extack));
	return nla_parse(tb, max, (struct nlattr *)skb->data, skb->len, policy,
			 extack);
}

static void mcs_policy_nl_session_set(struct kunit *test)
{
	static const u8 id[ISCSI_MCS_ID_LEN];
	struct nlattr *tb[ISCSI_MCS_A_POLICY + 1];
	struct netlink_ext_ack extack;
	struct sk_buff *skb;

	skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
	nla_put(skb, ISCSI_MCS_A_SESSION_ID, sizeof(id), id);
	/* No policy: the precheck names what is missing. */
	KUNIT_EXPECT_EQ(test, mcs_policy_nl_parse(skb, tb, ISCSI_MCS_A_POLICY,
						  mcs_nl_session_set_policy,
						  &extack), 0);
	KUNIT_EXPECT_EQ(test, mcs_nl_set_precheck(tb, false, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "ISCSI_MCS_A_POLICY is required");

	nla_put_u8(skb, ISCSI_MCS_A_POLICY, ISCSI_MCS_POLICY_MAX);
	KUNIT_EXPECT_EQ(test, mcs_policy_nl_parse(skb, tb, ISCSI_MCS_A_POLICY,
						  mcs_nl_session_set_policy,
						  &extack), 0);
	KUNIT_EXPECT_EQ(test, mcs_nl_set_precheck(tb, false, &extack), 0);
	kfree_skb(skb);

	/* One past the last policy: out of range, from the core. */
	skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
	nla_put(skb, ISCSI_MCS_A_SESSION_ID, sizeof(id), id);
	nla_put_u8(skb, ISCSI_MCS_A_POLICY, ISCSI_MCS_POLICY_MAX + 1);
	KUNIT_EXPECT_EQ(test, mcs_policy_nl_parse(skb, tb, ISCSI_MCS_A_POLICY,
						  mcs_nl_session_set_policy,
						  &extack), -ERANGE);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	kfree_skb(skb);
}

static void mcs_policy_nl_conn_set(struct kunit *test)
{
	static const u8 id[ISCSI_MCS_ID_LEN];
	struct nlattr *tb[ISCSI_MCS_A_STANDBY + 1];
	static const struct {
		int type;
		u32 value;
		int ret;
	} cases[] = {
		{ ISCSI_MCS_A_WEIGHT, 1, 0 },
		{ ISCSI_MCS_A_WEIGHT, ISCSI_MCS_WEIGHT_MAX, 0 },
		{ ISCSI_MCS_A_WEIGHT, 0, -ERANGE },
		{ ISCSI_MCS_A_WEIGHT, ISCSI_MCS_WEIGHT_MAX + 1, -ERANGE },
		{ ISCSI_MCS_A_STANDBY, 1, 0 },
		{ ISCSI_MCS_A_STANDBY, 2, -ERANGE },
	};
	struct netlink_ext_ack extack;
	struct sk_buff *skb;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
		nla_put(skb, ISCSI_MCS_A_SESSION_ID, sizeof(id), id);
		nla_put(skb, ISCSI_MCS_A_CONN_ID, sizeof(id), id);
		if (cases[i].type == ISCSI_MCS_A_WEIGHT)
			nla_put_u32(skb, cases[i].type, cases[i].value);
		else
			nla_put_u8(skb, cases[i].type, cases[i].value);
		KUNIT_EXPECT_EQ_MSG(test,
				    mcs_policy_nl_parse(skb, tb,
							ISCSI_MCS_A_STANDBY,
							mcs_nl_conn_set_policy,
							&extack),
				    cases[i].ret, "case %zu", i);
		if (!cases[i].ret)
			KUNIT_EXPECT_EQ(test, mcs_nl_set_precheck(tb, true, &extack), 0);
		kfree_skb(skb);
	}

	/* Nothing to set, or no connection named: refused, each says why. */
	skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, skb);
	nla_put(skb, ISCSI_MCS_A_SESSION_ID, sizeof(id), id);
	nla_put(skb, ISCSI_MCS_A_CONN_ID, sizeof(id), id);
	KUNIT_EXPECT_EQ(test, mcs_policy_nl_parse(skb, tb, ISCSI_MCS_A_STANDBY,
						  mcs_nl_conn_set_policy,
						  &extack), 0);
	KUNIT_EXPECT_EQ(test, mcs_nl_set_precheck(tb, true, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg,
			   "CONN_SET needs ISCSI_MCS_A_WEIGHT or ISCSI_MCS_A_STANDBY");
	tb[ISCSI_MCS_A_CONN_ID] = NULL;
	KUNIT_EXPECT_EQ(test, mcs_nl_set_precheck(tb, true, &extack), -EINVAL);
	KUNIT_EXPECT_STREQ(test, extack._msg, "ISCSI_MCS_A_CONN_ID is required");
	/* A policy is not a connection's attribute. */
	nla_put_u8(skb, ISCSI_MCS_A_POLICY, 0);
	KUNIT_EXPECT_EQ(test, mcs_policy_nl_parse(skb, tb, ISCSI_MCS_A_STANDBY,
						  mcs_nl_conn_set_policy,
						  &extack), -EINVAL);
	kfree_skb(skb);
}

static struct kunit_case mcs_policy_cases[] = {
	KUNIT_CASE(mcs_policy_default_is_round_robin),
	KUNIT_CASE(mcs_policy_none_usable),
	KUNIT_CASE(mcs_policy_rr_skips_holes),
	KUNIT_CASE(mcs_policy_failover),
	KUNIT_CASE(mcs_policy_rr_subset),
	KUNIT_CASE(mcs_policy_all_standby),
	KUNIT_CASE(mcs_policy_lqd),
	KUNIT_CASE(mcs_policy_weighted_spread),
	KUNIT_CASE(mcs_policy_weighted_smooth),
	KUNIT_CASE(mcs_policy_let_prefers_faster),
	KUNIT_CASE(mcs_policy_let_cold_start),
	KUNIT_CASE(mcs_policy_let_learns),
	KUNIT_CASE(mcs_policy_ewma),
	KUNIT_CASE(mcs_policy_counters),
	KUNIT_CASE(mcs_policy_set_resets),
	KUNIT_CASE(mcs_policy_invariants),
	KUNIT_CASE(mcs_policy_nl_session_set),
	KUNIT_CASE(mcs_policy_nl_conn_set),
	{}
};

static struct kunit_suite mcs_policy_suite = {
	.name = "iscsi_mcs_policy",
	.init = mcs_policy_test_init,
	.test_cases = mcs_policy_cases,
};

kunit_test_suite(mcs_policy_suite);
