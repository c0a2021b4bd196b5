// SPDX-License-Identifier: GPL-2.0
/*
 * A session's events for netlink's listeners. The connection engine,
 * sessions, recovery and the netlink handlers queue them where they
 * happen, in that order, each with the state it carried; a work sends
 * them through the notifier netlink registers. Nothing on the receive path
 * builds a message or waits for a socket buffer, and nothing is queued
 * while nobody listens. A burst beyond the queue ends with the session's
 * state as the work finds it, so the last word listeners get is right.
 */

#include <linux/string.h>

#include "event.h"

static const struct mcs_event_notifier *mcs_notifier;
/*
 * Its own queue, so netlink can wait for the works in flight when it goes;
 * WQ_MEM_RECLAIM because the recovery work and a namespace's exit, both
 * on such queues, wait for these works.
 */
static struct workqueue_struct *mcs_event_wq;
/* The module and the KUnit suite, which may run before its init (6.1). */
static unsigned int mcs_event_wq_users;

int mcs_event_wq_init(void)
{
	if (mcs_event_wq_users++)
		return 0;
	mcs_event_wq = alloc_workqueue("iscsi_mcs_event", WQ_MEM_RECLAIM, 0);
	if (!mcs_event_wq) {
		mcs_event_wq_users--;
		return -ENOMEM;
	}
	return 0;
}

void mcs_event_wq_uninit(void)
{
	if (--mcs_event_wq_users)
		return;
	destroy_workqueue(mcs_event_wq);
	mcs_event_wq = NULL;
}

/* Waits for the events being sent: nothing calls the notifier after. */
void mcs_event_flush_all(void)
{
	flush_workqueue(mcs_event_wq);
}

/*
 * Set by netlink at module load, before any session exists; the functions
 * are the module's own, and every queue's work is done before the session
 * holding it is freed. Return: the one it replaces (KUnit puts it back).
 */
const struct mcs_event_notifier *
mcs_event_set_notifier(const struct mcs_event_notifier *n)
{
	return xchg(&mcs_notifier, n);
}

static void mcs_event_work(struct work_struct *work)
{
	struct mcs_events *q = container_of(work, struct mcs_events, work);
	const struct mcs_event_notifier *n = READ_ONCE(mcs_notifier);
	struct mcs_event ev[MCS_EVENTS_MAX];
	unsigned int i, nr;
	bool lost, removed;
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	nr = q->n;
	memcpy(ev, q->ev, nr * sizeof(ev[0]));
	lost = q->lost;
	removed = q->removed;
	q->n = 0;
	q->lost = false;
	q->removed = false;
	spin_unlock_irqrestore(&q->lock, flags);
	if (!n)
		return;
	for (i = 0; i < nr; i++) {
		if (ev[i].conn)
			n->conn(q, ev[i].conn_id, ev[i].cid, ev[i].what);
		else
			n->state(q, ev[i].what);
	}
	if (lost)
		n->current_state(q);
	if (removed)
		n->state(q, ISCSI_MCS_STATE_REMOVED);
}

void mcs_event_init(struct mcs_events *q)
{
	spin_lock_init(&q->lock);
	INIT_WORK(&q->work, mcs_event_work);
}

static bool mcs_event_wanted(struct mcs_events *q)
{
	const struct mcs_event_notifier *n = READ_ONCE(mcs_notifier);

	return n && n->wanted(q);
}

static void mcs_event_add(struct mcs_events *q, const struct mcs_event *ev)
{
	unsigned long flags;

	spin_lock_irqsave(&q->lock, flags);
	if (!q->off) {
		if (q->n < MCS_EVENTS_MAX)
			q->ev[q->n++] = *ev;
		else
			q->lost = true;
		queue_work(mcs_event_wq, &q->work);
	}
	spin_unlock_irqrestore(&q->lock, flags);
}

/**
 * mcs_event_state() - tell listeners the session's state
 * @q: the session's queue
 * @state: enum iscsi_mcs_state; read under the lock that orders its
 *	changes, so listeners see them in order
 *
 * Any context.
 */
void mcs_event_state(struct mcs_events *q, u8 state)
{
	struct mcs_event ev = { .what = state };

	if (mcs_event_wanted(q))
		mcs_event_add(q, &ev);
}

/**
 * mcs_event_conn() - tell listeners what happened to one connection
 * @q: its session's queue
 * @conn_id: the connection's id
 * @cid: its CID
 * @event: enum iscsi_mcs_conn_event
 *
 * Any context.
 */
void mcs_event_conn(struct mcs_events *q, const u8 *conn_id, u16 cid,
		    u8 event)
{
	struct mcs_event ev = { .conn = true, .cid = cid, .what = event };

	if (!mcs_event_wanted(q))
		return;
	memcpy(ev.conn_id, conn_id, sizeof(ev.conn_id));
	mcs_event_add(q, &ev);
}

/**
 * mcs_event_removed() - the session's last event
 * @q: the queue of a session logged out and off its namespace's list
 *
 * What was queued goes out first, then REMOVED; nothing queued afterwards
 * (a connection closing late) follows it. Sleeps.
 */
void mcs_event_removed(struct mcs_events *q)
{
	bool wanted = mcs_event_wanted(q);

	spin_lock_irq(&q->lock);
	if (wanted && !q->off) {
		q->removed = true;
		queue_work(mcs_event_wq, &q->work);
	}
	q->off = true;
	spin_unlock_irq(&q->lock);
	flush_work(&q->work);
}

/* Before the session is freed: what is still queued is dropped. Sleeps. */
void mcs_event_stop(struct mcs_events *q)
{
	spin_lock_irq(&q->lock);
	q->off = true;
	spin_unlock_irq(&q->lock);
	cancel_work_sync(&q->work);
}
