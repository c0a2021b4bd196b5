// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_order": CmdSN ordering with many connections and
 * no session lock.
 *
 * queuecommand numbers a command with mcs_sn_take() under the chosen
 * connection's queue lock and queues it there before letting go. The
 * cases check the promise that makes: each connection's queue holds
 * increasing CmdSNs, the session hands out each number once and none
 * beyond the target's MaxCmdSN, while the receive sides move the window
 * concurrently. The concurrent case runs real threads bound to every CPU
 * the test kernel has (two, see scripts/kunit.config).
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/cpumask.h>
#include <linux/kthread.h>
#include <linux/sort.h>
#include <linux/spinlock.h>

#include "../sn.h"

static void mcs_order_take_numbers(struct kunit *test)
{
	struct mcs_cmdsn_window w;
	atomic_t next = ATOMIC_INIT(10);
	u32 sn;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 10, 12), 0);
	KUNIT_EXPECT_TRUE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, sn, 10u);
	KUNIT_EXPECT_TRUE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, sn, 11u);
	KUNIT_EXPECT_TRUE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, sn, 12u);
	/* Beyond MaxCmdSN: refused, and nothing is used up. */
	sn = 77;
	KUNIT_EXPECT_FALSE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, sn, 77u);
	KUNIT_EXPECT_EQ(test, (u32)atomic_read(&next), 13u);
	/* The target opens the window: the same number is taken next. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 13, 13), 1);
	KUNIT_EXPECT_TRUE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, sn, 13u);
}

static void mcs_order_take_closed(struct kunit *test)
{
	struct mcs_cmdsn_window w;
	atomic_t next = ATOMIC_INIT(5);
	u32 sn;

	/* MaxCmdSN = ExpCmdSN - 1: the target's "queue full". */
	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 5, 4), 0);
	KUNIT_EXPECT_FALSE(test, mcs_sn_take(&next, &w, &sn));
	KUNIT_EXPECT_EQ(test, (u32)atomic_read(&next), 5u);
	/* A stale update does not open it. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 4, 3), 0);
	KUNIT_EXPECT_FALSE(test, mcs_sn_take(&next, &w, &sn));
}

static void mcs_order_take_wrap(struct kunit *test)
{
	struct mcs_cmdsn_window w;
	atomic_t next = ATOMIC_INIT(-2);	/* 0xfffffffe */
	u32 sn, i, want[] = { 0xfffffffe, 0xffffffff, 0, 1 };

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 0xfffffffe, 1), 0);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_TRUE(test, mcs_sn_take(&next, &w, &sn));
		KUNIT_EXPECT_EQ(test, sn, want[i]);
	}
	KUNIT_EXPECT_FALSE(test, mcs_sn_take(&next, &w, &sn));
}

/* A window update from a PDU that overtook another only moves forward. */
static void mcs_order_window_forward(struct kunit *test)
{
	struct mcs_cmdsn_window w;

	KUNIT_ASSERT_EQ(test, mcs_sn_window_init(&w, 100, 163), 0);
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 110, 173), 1);
	/* Older on both fields: ignored. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 105, 168), 0);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 110u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 173u);
	/* Newer ExpCmdSN with an older MaxCmdSN: each field on its own. */
	KUNIT_EXPECT_EQ(test, mcs_sn_window_update(&w, 120, 170), 1);
	KUNIT_EXPECT_EQ(test, w.exp_cmdsn, 120u);
	KUNIT_EXPECT_EQ(test, w.max_cmdsn, 173u);
}

#define MCS_ORDER_CONNS		3
#define MCS_ORDER_SUBMITTERS	4
#define MCS_ORDER_TARGETS	2
#define MCS_ORDER_TOTAL		10000
#define MCS_ORDER_WINDOW	32
/* Starts just before the wrap, so the run crosses it. */
#define MCS_ORDER_FIRST		0xffffe000u

struct mcs_order_conn {
	/* The connection's queue lock: taken around numbering and queueing. */
	spinlock_t lock;
	u32 n;
	u32 sn[MCS_ORDER_TOTAL + MCS_ORDER_SUBMITTERS];
	/* A number was taken beyond the MaxCmdSN seen right after. */
	bool beyond_max;
};

struct mcs_order_run {
	atomic_t next;
	struct mcs_cmdsn_window win;
	atomic_t taken;
	struct mcs_order_conn conn[MCS_ORDER_CONNS];
	struct completion done[MCS_ORDER_SUBMITTERS + MCS_ORDER_TARGETS];
};

struct mcs_order_arg {
	struct mcs_order_run *run;
	unsigned int idx;
};

static int mcs_order_submitter(void *data)
{
	struct mcs_order_arg *a = data;
	struct mcs_order_run *r = a->run;
	unsigned int k = a->idx;
	struct mcs_order_conn *c;
	u32 sn, max;

	while (atomic_read(&r->taken) < MCS_ORDER_TOTAL) {
		/* Any connection, as any policy might choose. */
		k = k * 1103515245 + 12345;
		c = &r->conn[(k >> 16) % MCS_ORDER_CONNS];
		spin_lock_bh(&c->lock);
		if (mcs_sn_take(&r->next, &r->win, &sn)) {
			max = READ_ONCE(r->win.max_cmdsn);
			/* The window only grows: sn was inside it when taken. */
			if (mcs_sn_gt(sn, max))
				c->beyond_max = true;
			c->sn[c->n++] = sn;
			atomic_inc(&r->taken);
		}
		spin_unlock_bh(&c->lock);
		cond_resched();
	}
	kthread_complete_and_exit(&r->done[a->idx], 0);
}

/*
 * A receive side: the target acknowledges what was numbered so far and
 * grants a window ahead of it, as Responses on any connection would.
 */
static int mcs_order_target(void *data)
{
	struct mcs_order_arg *a = data;
	struct mcs_order_run *r = a->run;
	u32 exp;

	while (atomic_read(&r->taken) < MCS_ORDER_TOTAL) {
		exp = atomic_read(&r->next);
		mcs_sn_window_update(&r->win, exp, exp + MCS_ORDER_WINDOW - 1);
		cond_resched();
	}
	kthread_complete_and_exit(&r->done[a->idx], 0);
}

static int mcs_order_cmp(const void *a, const void *b)
{
	u32 x = *(const u32 *)a - MCS_ORDER_FIRST;
	u32 y = *(const u32 *)b - MCS_ORDER_FIRST;

	return x < y ? -1 : x > y;
}

static void mcs_order_concurrent(struct kunit *test)
{
	struct mcs_order_arg arg[MCS_ORDER_SUBMITTERS + MCS_ORDER_TARGETS];
	struct task_struct *t;
	struct mcs_order_run *r;
	unsigned int i, j, total = 0;
	u32 *all;

	/* One CPU would run the threads one after the other: no race. */
	KUNIT_ASSERT_GE(test, num_online_cpus(), 2u);
	r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, r);
	atomic_set(&r->next, (int)MCS_ORDER_FIRST);
	KUNIT_ASSERT_EQ(test,
			mcs_sn_window_init(&r->win, MCS_ORDER_FIRST,
					   MCS_ORDER_FIRST + MCS_ORDER_WINDOW - 1),
			0);
	for (i = 0; i < MCS_ORDER_CONNS; i++)
		spin_lock_init(&r->conn[i].lock);
	for (i = 0; i < ARRAY_SIZE(arg); i++) {
		init_completion(&r->done[i]);
		arg[i].run = r;
		arg[i].idx = i;
	}
	for (i = 0; i < ARRAY_SIZE(arg); i++) {
		t = kthread_create(i < MCS_ORDER_SUBMITTERS ? mcs_order_submitter :
				   mcs_order_target, &arg[i], "mcs_order/%u", i);
		if (!IS_ERR(t)) {
			/* Spread over the CPUs, so that they really race. */
			kthread_bind(t, cpumask_nth(i % num_online_cpus(),
						    cpu_online_mask));
			wake_up_process(t);
		}
		if (IS_ERR(t)) {
			/* The threads already started still end on their own. */
			atomic_set(&r->taken, MCS_ORDER_TOTAL);
			for (j = 0; j < i; j++)
				wait_for_completion(&r->done[j]);
			KUNIT_FAIL(test, "kthread_run: %ld", PTR_ERR(t));
			return;
		}
	}
	for (i = 0; i < ARRAY_SIZE(arg); i++)
		wait_for_completion(&r->done[i]);

	for (i = 0; i < MCS_ORDER_CONNS; i++) {
		struct mcs_order_conn *c = &r->conn[i];

		KUNIT_EXPECT_FALSE(test, c->beyond_max);
		/* Each connection would send in increasing CmdSN order. */
		for (j = 1; j < c->n; j++)
			if (!mcs_sn_lt(c->sn[j - 1], c->sn[j])) {
				KUNIT_FAIL(test, "connection %u: CmdSN %u queued after %u",
					   i, c->sn[j], c->sn[j - 1]);
				break;
			}
		total += c->n;
	}
	KUNIT_EXPECT_GE(test, total, MCS_ORDER_TOTAL);
	KUNIT_EXPECT_EQ(test, (u32)atomic_read(&r->next),
			MCS_ORDER_FIRST + total);

	/* Together, every number from the first on exactly once: no hole. */
	all = kunit_kmalloc_array(test, total, sizeof(*all), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, all);
	for (i = 0, j = 0; i < MCS_ORDER_CONNS; i++) {
		memcpy(&all[j], r->conn[i].sn, r->conn[i].n * sizeof(*all));
		j += r->conn[i].n;
	}
	sort(all, total, sizeof(*all), mcs_order_cmp, NULL);
	for (i = 0; i < total; i++)
		if (all[i] != MCS_ORDER_FIRST + i) {
			KUNIT_FAIL(test, "CmdSN %u taken where %u was due",
				   all[i], MCS_ORDER_FIRST + i);
			break;
		}
	/* Some connections really did take turns: the run crossed them. */
	for (i = 0; i < MCS_ORDER_CONNS; i++)
		KUNIT_EXPECT_GT(test, r->conn[i].n, 0u);
}

static struct kunit_case mcs_order_cases[] = {
	KUNIT_CASE(mcs_order_take_numbers),
	KUNIT_CASE(mcs_order_take_closed),
	KUNIT_CASE(mcs_order_take_wrap),
	KUNIT_CASE(mcs_order_window_forward),
	KUNIT_CASE(mcs_order_concurrent),
	{}
};

static struct kunit_suite mcs_order_suite = {
	.name = "iscsi_mcs_order",
	.test_cases = mcs_order_cases,
};

kunit_test_suite(mcs_order_suite);
