// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_sn": serial number arithmetic and the CmdSN
 * window.
 *
 * The cases sit where implementations go wrong: the wrap at 2^32, the
 * pair exactly 2^31 apart that RFC 1982 leaves undefined, and target
 * updates that are stale or invalid and must not move the window.
 */

#include <kunit/test.h>
#include <scsi/iscsi_proto.h>

#include "../sn.h"

struct mcs_sn_order_case {
	u32 a;
	u32 b;
	bool lt;	/* a < b */
	bool gt;	/* a > b */
};

static const struct mcs_sn_order_case mcs_sn_order_cases[] = {
	{ 1, 2, true, false },
	{ 2, 1, false, true },
	{ 7, 7, false, false },
	/* Across the wrap the small number is the later one. */
	{ 0xffffffff, 0, true, false },
	{ 0, 0xffffffff, false, true },
	{ 0xfffffff0, 0x10, true, false },
	/* The farthest two numbers can be and still compare. */
	{ 0, 0x7fffffff, true, false },
	{ 0x7fffffff, 0, false, true },
	{ 0x80000001, 0, true, false },
	/* 2^31 apart: undefined, so neither. */
	{ 0, 0x80000000, false, false },
	{ 0x80000000, 0, false, false },
	{ 0x12345678, 0x92345678, false, false },
};

static void mcs_sn_order(struct kunit *test)
{
	const struct mcs_sn_order_case *c;

	for (c = mcs_sn_order_cases;
	     c < mcs_sn_order_cases + ARRAY_SIZE(mcs_sn_order_cases); c++) {
		bool eq = c->a == c->b;

		KUNIT_EXPECT_EQ_MSG(test, mcs_sn_lt(c->a, c->b), c->lt,
				    "lt(0x%x, 0x%x)", c->a, c->b);
		KUNIT_EXPECT_EQ_MSG(test, mcs_sn_gt(c->a, c->b), c->gt,
				    "gt(0x%x, 0x%x)", c->a, c->b);
		KUNIT_EXPECT_EQ_MSG(test, mcs_sn_lte(c->a, c->b), c->lt || eq,
				    "lte(0x%x, 0x%x)", c->a, c->b);
		KUNIT_EXPECT_EQ_MSG(test, mcs_sn_gte(c->a, c->b), c->gt || eq,
				    "gte(0x%x, 0x%x)", c->a, c->b);
	}
}

/* The midpoint is where this differs from iscsi_sna_lt(), on purpose. */
static void mcs_sn_midpoint_not_ordered(struct kunit *test)
{
	u32 a = 100, b = 100 + MCS_SN_HALF;

	KUNIT_EXPECT_TRUE(test, iscsi_sna_lt(a, b) && iscsi_sna_lt(b, a));
	KUNIT_EXPECT_FALSE(test, mcs_sn_lt(a, b) || mcs_sn_lt(b, a));
	KUNIT_EXPECT_FALSE(test, mcs_sn_lte(a, b) || mcs_sn_gte(a, b));
}

static void mcs_sn_window_validity(struct kunit *test)
{
	/* Closed: MaxCmdSN = ExpCmdSN - 1. */
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_valid(10, 9));
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_valid(0, 0xffffffff));
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_valid(10, 10));
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_valid(0xfffffffe, 1));
	/* MaxCmdSN - ExpCmdSN + 1 < 0 */
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_valid(10, 8));
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_valid(1, 0xfffffffe));
	/* The widest window that still compares, and one past it. */
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_valid(1, 0x7fffffff));
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_valid(1, 0x80000000));
}

static void mcs_sn_window_closed(struct kunit *test)
{
	struct mcs_cmdsn_window w;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 20, 19), 0);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 0u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 20), 0u);
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 20));
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 19));
}

static void mcs_sn_window_one_slot(struct kunit *test)
{
	struct mcs_cmdsn_window w;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 20, 20), 0);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 1u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 20), 1u);
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_allows(&w, 20));
	/* Once 20 is sent the window is full. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 21), 0u);
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 21));
}

static void mcs_sn_window_full_and_room(struct kunit *test)
{
	struct mcs_cmdsn_window w;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 100, 131), 0);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 32u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 100), 32u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 120), 12u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 131), 1u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 132), 0u);
	/* Below ExpCmdSN the target already has that number. */
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 99));
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 99), 0u);
}

static void mcs_sn_window_wraps(struct kunit *test)
{
	struct mcs_cmdsn_window w;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 0xfffffffe, 1), 0);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 4u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_room(&w, 0xffffffff), 3u);
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_allows(&w, 0));
	KUNIT_EXPECT_TRUE(test, mcs_sn_window_allows(&w, 1));
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 2));
	KUNIT_EXPECT_FALSE(test, mcs_sn_window_allows(&w, 0xfffffffd));
}

static void mcs_sn_window_init_rejects_invalid(struct kunit *test)
{
	struct mcs_cmdsn_window w = { .exp_cmdsn = 5, .max_cmdsn = 9 };

	KUNIT_EXPECT_EQ(test, mcs_sn_window_init(&w, 20, 10), -EINVAL);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 5u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 9u);
}

static void mcs_sn_window_update_newer(struct kunit *test)
{
	struct mcs_cmdsn_window w = { .exp_cmdsn = 10, .max_cmdsn = 20 };

	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 12, 25), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 12u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 25u);
	/* The target closing the window is news too. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 26, 25), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 26u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 0u);
}

static void mcs_sn_window_update_stale(struct kunit *test)
{
	struct mcs_cmdsn_window w = { .exp_cmdsn = 10, .max_cmdsn = 20 };

	/* A PDU overtaken on another connection: both older. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 8, 15), 0);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 10u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 20u);
	/* The same values again change nothing. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 10, 20), 0);
	/* Each field moves on its own: ExpCmdSN newer, MaxCmdSN older. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 14, 18), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 14u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 20u);
	/* And the other way round. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 11, 30), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 14u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 30u);
}

static void mcs_sn_window_update_invalid(struct kunit *test)
{
	struct mcs_cmdsn_window w = { .exp_cmdsn = 10, .max_cmdsn = 20 };

	/* MaxCmdSN < ExpCmdSN - 1: both ignored, though each looks newer. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 40, 30), -EINVAL);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 10u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 20u);
	/* A window 2^31 wide is not comparable, hence not valid. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 11, 10 + MCS_SN_HALF),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 20u);
	/* A MaxCmdSN half the space away is not "newer". */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 10, 20 + MCS_SN_HALF),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 20u);
}

static void mcs_sn_window_update_across_wrap(struct kunit *test)
{
	struct mcs_cmdsn_window w = { .exp_cmdsn = 0xfffffff0,
				      .max_cmdsn = 0xffffffff };

	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 0xfffffffa, 0x9), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 0xfffffffau);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 0x9u);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_size(&w), 16u);
	/* Numbers from before the wrap are now the old ones. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 0xfffffff5, 0xfffffffe),
			0);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 0x9u);
}

static struct kunit_case mcs_sn_cases[] = {
	KUNIT_CASE(mcs_sn_order),
	KUNIT_CASE(mcs_sn_midpoint_not_ordered),
	KUNIT_CASE(mcs_sn_window_validity),
	KUNIT_CASE(mcs_sn_window_closed),
	KUNIT_CASE(mcs_sn_window_one_slot),
	KUNIT_CASE(mcs_sn_window_full_and_room),
	KUNIT_CASE(mcs_sn_window_wraps),
	KUNIT_CASE(mcs_sn_window_init_rejects_invalid),
	KUNIT_CASE(mcs_sn_window_update_newer),
	KUNIT_CASE(mcs_sn_window_update_stale),
	KUNIT_CASE(mcs_sn_window_update_invalid),
	KUNIT_CASE(mcs_sn_window_update_across_wrap),
	{}
};

static struct kunit_suite mcs_sn_suite = {
	.name = "iscsi_mcs_sn",
	.test_cases = mcs_sn_cases,
};

kunit_test_suite(mcs_sn_suite);
