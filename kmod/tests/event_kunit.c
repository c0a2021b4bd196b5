// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_event": a session's events reach the notifier in
 * the order they were queued, each with its own state; a burst beyond the
 * queue ends with the state as it is then; nothing is queued while nobody
 * listens, and nothing follows REMOVED.
 */

#include <kunit/test.h>
#include <linux/completion.h>

#include "../event.h"

#define MCS_EVT_CURRENT	0xfe	/* recorded for current_state() */
#define MCS_EVT_LOG	64

static struct {
	bool wanted;
	/* The first delivery waits here, so a burst piles up behind it. */
	struct completion *hold;
	struct completion held;
	u8 log[MCS_EVT_LOG];
	u16 cids[MCS_EVT_LOG];
	unsigned int n;
} mcs_evt;

static void mcs_evt_record(u8 what, u16 cid)
{
	if (mcs_evt.n < MCS_EVT_LOG) {
		mcs_evt.cids[mcs_evt.n] = cid;
		mcs_evt.log[mcs_evt.n++] = what;
	}
	if (mcs_evt.hold) {
		struct completion *hold = mcs_evt.hold;

		mcs_evt.hold = NULL;
		complete(&mcs_evt.held);
		wait_for_completion(hold);
	}
}

static bool mcs_evt_wanted(struct mcs_events *q)
{
	return mcs_evt.wanted;
}

static void mcs_evt_state(struct mcs_events *q, u8 state)
{
	mcs_evt_record(state, 0xffff);
}

static void mcs_evt_current(struct mcs_events *q)
{
	mcs_evt_record(MCS_EVT_CURRENT, 0xffff);
}

static void mcs_evt_conn(struct mcs_events *q, const u8 *conn_id, u16 cid,
			 u8 event)
{
	mcs_evt_record(event, cid);
}

static const struct mcs_event_notifier mcs_evt_notifier = {
	.wanted = mcs_evt_wanted,
	.state = mcs_evt_state,
	.current_state = mcs_evt_current,
	.conn = mcs_evt_conn,
};

static const struct mcs_event_notifier *mcs_evt_saved;

static int mcs_evt_init(struct kunit *test)
{
	memset(&mcs_evt, 0, sizeof(mcs_evt));
	init_completion(&mcs_evt.held);
	mcs_evt.wanted = true;
	mcs_evt_saved = mcs_event_set_notifier(&mcs_evt_notifier);
	return 0;
}

static void mcs_evt_exit(struct kunit *test)
{
	mcs_event_set_notifier(mcs_evt_saved);
}

static void mcs_event_in_order(struct kunit *test)
{
	static const u8 conn_id[ISCSI_MCS_ID_LEN] = { 1 };
	struct mcs_events q = {};

	mcs_event_init(&q);
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	mcs_event_conn(&q, conn_id, 3, ISCSI_MCS_CONN_EVENT_RECOVERED);
	mcs_event_state(&q, ISCSI_MCS_STATE_LOGGED_IN);
	mcs_event_removed(&q);
	KUNIT_ASSERT_EQ(test, mcs_evt.n, 4U);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[0], ISCSI_MCS_STATE_FAILED);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[1], ISCSI_MCS_CONN_EVENT_RECOVERED);
	KUNIT_EXPECT_EQ(test, mcs_evt.cids[1], 3);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[2], ISCSI_MCS_STATE_LOGGED_IN);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[3], ISCSI_MCS_STATE_REMOVED);
	/* After REMOVED: a connection closing late says nothing more. */
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	mcs_event_stop(&q);
	KUNIT_EXPECT_EQ(test, mcs_evt.n, 4U);
}

static void mcs_event_burst_ends_with_current(struct kunit *test)
{
	struct completion hold;
	struct mcs_events q = {};
	unsigned int i;

	init_completion(&hold);
	mcs_evt.hold = &hold;
	mcs_event_init(&q);
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	/* The work is delivering the first one: the rest pile up. */
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&mcs_evt.held, 10 * HZ), 0UL);
	for (i = 0; i < MCS_EVENTS_MAX + 4; i++)
		mcs_event_state(&q, i & 1 ? ISCSI_MCS_STATE_LOGGED_IN :
					    ISCSI_MCS_STATE_FAILED);
	complete(&hold);
	mcs_event_removed(&q);
	/* 1, then the 16 that fit, then the state as it is, then REMOVED. */
	KUNIT_ASSERT_EQ(test, mcs_evt.n, 1U + MCS_EVENTS_MAX + 2);
	for (i = 0; i < MCS_EVENTS_MAX; i++)
		KUNIT_EXPECT_EQ(test, mcs_evt.log[1 + i],
				i & 1 ? ISCSI_MCS_STATE_LOGGED_IN :
					ISCSI_MCS_STATE_FAILED);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[1 + MCS_EVENTS_MAX], MCS_EVT_CURRENT);
	KUNIT_EXPECT_EQ(test, mcs_evt.log[2 + MCS_EVENTS_MAX],
			ISCSI_MCS_STATE_REMOVED);
}

static void mcs_event_nobody_listens(struct kunit *test)
{
	struct mcs_events q = {};

	mcs_evt.wanted = false;
	mcs_event_init(&q);
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	KUNIT_EXPECT_FALSE(test, work_pending(&q.work));
	KUNIT_EXPECT_EQ(test, q.n, 0U);
	mcs_event_removed(&q);
	KUNIT_EXPECT_EQ(test, mcs_evt.n, 0U);
}

static void mcs_event_stop_drops(struct kunit *test)
{
	struct completion hold;
	struct mcs_events q = {};

	init_completion(&hold);
	mcs_evt.hold = &hold;
	mcs_event_init(&q);
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&mcs_evt.held, 10 * HZ), 0UL);
	mcs_event_state(&q, ISCSI_MCS_STATE_LOGGED_IN);
	complete(&hold);
	/* The one being delivered finishes; the queued one never goes. */
	mcs_event_stop(&q);
	KUNIT_EXPECT_LE(test, mcs_evt.n, 2U);
	KUNIT_EXPECT_GE(test, mcs_evt.n, 1U);
	mcs_event_state(&q, ISCSI_MCS_STATE_FAILED);
	KUNIT_EXPECT_FALSE(test, work_pending(&q.work));
}

static struct kunit_case mcs_event_cases[] = {
	KUNIT_CASE(mcs_event_in_order),
	KUNIT_CASE(mcs_event_burst_ends_with_current),
	KUNIT_CASE(mcs_event_nobody_listens),
	KUNIT_CASE(mcs_event_stop_drops),
	{}
};

/* Before the module's init on 6.1, after it on 6.12: take the queue too. */
static int mcs_event_suite_init(struct kunit_suite *suite)
{
	return mcs_event_wq_init();
}

static void mcs_event_suite_exit(struct kunit_suite *suite)
{
	mcs_event_wq_uninit();
}

static struct kunit_suite mcs_event_suite = {
	.name = "iscsi_mcs_event",
	.suite_init = mcs_event_suite_init,
	.suite_exit = mcs_event_suite_exit,
	.init = mcs_evt_init,
	.exit = mcs_evt_exit,
	.test_cases = mcs_event_cases,
};

kunit_test_suite(mcs_event_suite);
