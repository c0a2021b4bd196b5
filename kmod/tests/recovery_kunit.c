// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_recovery": the steps of a session's recovery,
 * when it tries again, and what the target's Asynchronous Messages make
 * it do.
 */

#include <kunit/test.h>
#include <scsi/iscsi_proto.h>

#include "../recovery.h"

static void mcs_recovery_first_attempt_waits_time2wait(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(2, 0), 2000U);
	/* Time2Wait 0: the target allows an immediate attempt. */
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(0, 0), 0U);
	/* 3600 s is legal, but never waited for more than the cap. */
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(3600, 0),
			(unsigned int)MCS_RECOVERY_DELAY_MAX_MS);
}

static void mcs_recovery_backs_off(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(2, 1), 4000U);
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(2, 2), 8000U);
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(2, 3), 16000U);
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(2, 4),
			(unsigned int)MCS_RECOVERY_DELAY_MAX_MS);
	/* From at least a second, so Time2Wait 0 does not spin. */
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(0, 1), 2000U);
	KUNIT_EXPECT_EQ(test, mcs_recovery_delay_ms(0, 2), 4000U);
}

static void mcs_recovery_backoff_never_overflows(struct kunit *test)
{
	unsigned int attempt, prev = 0, d;

	for (attempt = 1; attempt < 100; attempt++) {
		d = mcs_recovery_delay_ms(65535, attempt);
		KUNIT_EXPECT_EQ(test, d, (unsigned int)MCS_RECOVERY_DELAY_MAX_MS);
		d = mcs_recovery_delay_ms(1, attempt);
		KUNIT_EXPECT_GE(test, d, prev);
		KUNIT_EXPECT_LE(test, d, (unsigned int)MCS_RECOVERY_DELAY_MAX_MS);
		prev = d;
	}
}

static void mcs_async_connections_going(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_REQUEST_LOGOUT,
					       NULL, 0), MCS_ASYNC_RECOVER);
	/* One connection: that one fails, the session goes on if it can. */
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_DROPPING_CONNECTION,
					       NULL, 0), MCS_ASYNC_DROP_CONN);
	KUNIT_EXPECT_EQ(test,
			mcs_async_action(ISCSI_ASYNC_MSG_DROPPING_ALL_CONNECTIONS,
					 NULL, 0), MCS_ASYNC_RECOVER);
}

static void mcs_async_others_logged(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_PARAM_NEGOTIATION,
					       NULL, 0), MCS_ASYNC_LOG);
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_VENDOR_SPECIFIC,
					       NULL, 0), MCS_ASYNC_LOG);
	KUNIT_EXPECT_EQ(test, mcs_async_action(5, NULL, 0), MCS_ASYNC_LOG);
}

/* SenseLength, then fixed-format sense: UNIT ATTENTION with ASC/ASCQ. */
static void mcs_async_sense(u8 *buf, u8 asc, u8 ascq)
{
	memset(buf, 0, 20);
	buf[1] = 18;
	buf[2] = 0x70;
	buf[2 + 2] = 0x06;
	buf[2 + 7] = 10;
	buf[2 + 12] = asc;
	buf[2 + 13] = ascq;
}

static void mcs_async_scsi_event(struct kunit *test)
{
	u8 buf[20];

	mcs_async_sense(buf, 0x3f, 0x0e);
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       sizeof(buf)), MCS_ASYNC_RESCAN);
	mcs_async_sense(buf, 0x3f, 0x03);
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       sizeof(buf)), MCS_ASYNC_RESCAN);
	/* Capacity changed: the disk driver handles that, nothing to scan. */
	mcs_async_sense(buf, 0x2a, 0x09);
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       sizeof(buf)), MCS_ASYNC_LOG);
}

static void mcs_async_scsi_event_malformed(struct kunit *test)
{
	u8 buf[20];

	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       1), MCS_ASYNC_LOG);
	/* SenseLength past the data segment. */
	mcs_async_sense(buf, 0x3f, 0x0e);
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       10), MCS_ASYNC_LOG);
	/* Not sense data at all. */
	mcs_async_sense(buf, 0x3f, 0x0e);
	buf[2] = 0x12;
	KUNIT_EXPECT_EQ(test, mcs_async_action(ISCSI_ASYNC_MSG_SCSI_EVENT, buf,
					       sizeof(buf)), MCS_ASYNC_LOG);
}

/* A failed session with nothing left, DefaultTime2Wait over. */
static struct mcs_recovery_view mcs_failed_view(void)
{
	struct mcs_recovery_view v = {
		.failed = true,
		.now = 1000,
		.ready = 1000,
	};

	return v;
}

static void mcs_recovery_working_session_relogs(struct kunit *test)
{
	struct mcs_recovery_view v = { .working = 3, .fresh = 3 };
	unsigned long wait = 1;

	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_RELOGIN);
	KUNIT_EXPECT_EQ(test, wait, 0UL);
}

static void mcs_recovery_failed_session_quiesces_first(struct kunit *test)
{
	struct mcs_recovery_view v = mcs_failed_view();
	unsigned long wait;

	/* Working connections come first, whatever Time2Wait says. */
	v.working = 2;
	v.fresh = 2;
	v.ready = v.now + 500;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_QUIESCE);
}

static void mcs_recovery_waits_for_closing(struct kunit *test)
{
	struct mcs_recovery_view v = mcs_failed_view();
	unsigned long wait;

	/* Quiesced already: the receive works have yet to fail them. */
	v.working = 2;
	v.fresh = 0;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_WAIT);
	KUNIT_EXPECT_EQ(test, wait, msecs_to_jiffies(MCS_RECOVERY_POLL_MS));
}

static void mcs_recovery_waits_time2wait(struct kunit *test)
{
	struct mcs_recovery_view v = mcs_failed_view();
	unsigned long wait;

	v.ready = v.now + 250;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_WAIT);
	KUNIT_EXPECT_EQ(test, wait, 250UL);
	/* Across the jiffies wrap too. */
	v.now = ULONG_MAX - 10;
	v.ready = 20;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_WAIT);
	KUNIT_EXPECT_EQ(test, wait, 31UL);
}

static void mcs_recovery_ends_old_then_reinstates(struct kunit *test)
{
	struct mcs_recovery_view v = mcs_failed_view();
	unsigned long wait;

	/* Nothing ended the old session: a spare connection must. */
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_CLOSE_OLD);
	v.old_gone = true;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_REINSTATE);
	/* Time2Wait long past. */
	v.now = v.ready + 100000;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_REINSTATE);
	KUNIT_EXPECT_EQ(test, wait, 0UL);
}

/*
 * ERL 2: a connection failed, leaving tasks, while others work. The
 * session stays up; DefaultTime2Wait after the failure its tasks move.
 */
static void mcs_recovery_reassigns_after_time2wait(struct kunit *test)
{
	struct mcs_recovery_view v = {
		.working = 2, .fresh = 2, .orphans = 1,
		.now = ULONG_MAX - 5, .ready = 10,
	};
	unsigned long wait;

	/* Across the jiffies wrap: 16 ticks to go. */
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_WAIT);
	KUNIT_EXPECT_EQ(test, wait, 16UL);
	v.now = 10;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait),
			MCS_RECOVERY_REASSIGN);
	KUNIT_EXPECT_EQ(test, wait, 0UL);
	/* Moved: the emptied connection comes back like any other. */
	v.orphans = 0;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_RELOGIN);
}

/* A session that failed as a whole is reinstated, orphans or not. */
static void mcs_recovery_failed_session_ignores_orphans(struct kunit *test)
{
	struct mcs_recovery_view v = mcs_failed_view();
	unsigned long wait;

	v.orphans = 2;
	v.fresh = 1;
	v.working = 1;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait), MCS_RECOVERY_QUIESCE);
	v.fresh = 0;
	v.working = 0;
	KUNIT_EXPECT_EQ(test, mcs_recovery_next(&v, &wait),
			MCS_RECOVERY_CLOSE_OLD);
}

static struct kunit_case mcs_recovery_cases[] = {
	KUNIT_CASE(mcs_recovery_reassigns_after_time2wait),
	KUNIT_CASE(mcs_recovery_failed_session_ignores_orphans),
	KUNIT_CASE(mcs_recovery_working_session_relogs),
	KUNIT_CASE(mcs_recovery_failed_session_quiesces_first),
	KUNIT_CASE(mcs_recovery_waits_for_closing),
	KUNIT_CASE(mcs_recovery_waits_time2wait),
	KUNIT_CASE(mcs_recovery_ends_old_then_reinstates),
	KUNIT_CASE(mcs_recovery_first_attempt_waits_time2wait),
	KUNIT_CASE(mcs_recovery_backs_off),
	KUNIT_CASE(mcs_recovery_backoff_never_overflows),
	KUNIT_CASE(mcs_async_connections_going),
	KUNIT_CASE(mcs_async_others_logged),
	KUNIT_CASE(mcs_async_scsi_event),
	KUNIT_CASE(mcs_async_scsi_event_malformed),
	{}
};

static struct kunit_suite mcs_recovery_suite = {
	.name = "iscsi_mcs_recovery",
	.test_cases = mcs_recovery_cases,
};

kunit_test_suite(mcs_recovery_suite);
