/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A session's events for netlink's listeners, queued where they happen and
 * sent from a work, in order (event.c).
 */
#ifndef MCS_EVENT_H
#define MCS_EVENT_H

#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <linux/iscsi_mcs.h>

/*
 * Events a queue keeps until its work sends them; one more makes the work
 * end with the session's state as it is then instead.
 */
#define MCS_EVENTS_MAX	16

struct mcs_event {
	u8 conn_id[ISCSI_MCS_ID_LEN];
	u16 cid;
	/* A connection event, else the session's state. */
	bool conn;
	/* enum iscsi_mcs_conn_event, or the session's enum iscsi_mcs_state. */
	u8 what;
};

/* One session's queue. */
struct mcs_events {
	/* Inside the session's lock when both are held. */
	spinlock_t lock;
	struct work_struct work;
	struct mcs_event ev[MCS_EVENTS_MAX];
	unsigned int n;
	/* Some did not fit: the work ends with the state as it is then. */
	bool lost;
	/* Nothing more is queued: the session was removed, or is freed. */
	bool off;
	/* REMOVED is to be sent, after whatever is queued: it always fits. */
	bool removed;
};

/**
 * struct mcs_event_notifier - who sends the events (netlink)
 * @wanted: whether anyone listens to the session of @q; any context
 * @state: the session's state was @state; process context
 * @current_state: the session's state as it is now; process context
 * @conn: connection @conn_id (@cid) had @event; process context
 */
struct mcs_event_notifier {
	bool (*wanted)(struct mcs_events *q);
	void (*state)(struct mcs_events *q, u8 state);
	void (*current_state)(struct mcs_events *q);
	void (*conn)(struct mcs_events *q, const u8 *conn_id, u16 cid,
		     u8 event);
};

int mcs_event_wq_init(void);
void mcs_event_wq_uninit(void);
void mcs_event_flush_all(void);
const struct mcs_event_notifier *
mcs_event_set_notifier(const struct mcs_event_notifier *n);
void mcs_event_init(struct mcs_events *q);
void mcs_event_state(struct mcs_events *q, u8 state);
void mcs_event_conn(struct mcs_events *q, const u8 *conn_id, u16 cid,
		    u8 event);
void mcs_event_removed(struct mcs_events *q);
void mcs_event_stop(struct mcs_events *q);

#endif /* MCS_EVENT_H */
