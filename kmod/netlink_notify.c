// SPDX-License-Identifier: GPL-2.0
/*
 * The family's notifications: SESSION_NTF and CONN_NTF to the "events"
 * group of the session's namespace. Sessions queue their events
 * (event.c); this file is the notifier that turns each into a message,
 * from the queue's work, never from the I/O path.
 */

#include <net/genetlink.h>

#include "event.h"
#include "netlink.h"
#include "netlink_cmds.h"
#include "session.h"

static struct mcs_session *mcs_nl_events_session(struct mcs_events *q)
{
	return container_of(q, struct mcs_session, events);
}

/* Any context: genl_has_listeners() only reads the group's bitmap. */
static bool mcs_nl_events_wanted(struct mcs_events *q)
{
	return READ_ONCE(mcs_genl_registered) &&
	       genl_has_listeners(&mcs_genl_family,
				  mcs_nl_events_session(q)->net,
				  MCS_MCGRP_EVENTS);
}

static void mcs_nl_events_state(struct mcs_events *q, u8 state)
{
	struct mcs_session *sess = mcs_nl_events_session(q);
	struct sk_buff *skb;

	if (!mcs_nl_events_wanted(q))
		return;
	/* A work on a reclaim queue: no allocation may wait for I/O. */
	skb = mcs_nl_session_msg(sess, state, 0, 0, ISCSI_MCS_CMD_SESSION_NTF,
				 0, GFP_NOIO);
	if (skb)
		genlmsg_multicast_netns(&mcs_genl_family, sess->net, skb, 0,
					MCS_MCGRP_EVENTS, GFP_NOIO);
}

static void mcs_nl_events_current(struct mcs_events *q)
{
	mcs_nl_events_state(q, mcs_nl_session_state(mcs_nl_events_session(q)));
}

/* A listener that misses one still sees the session's state next. */
static void mcs_nl_events_conn(struct mcs_events *q, const u8 *conn_id,
			       u16 cid, u8 event)
{
	struct mcs_session *sess = mcs_nl_events_session(q);
	struct sk_buff *skb;
	void *hdr;

	if (!mcs_nl_events_wanted(q))
		return;
	skb = genlmsg_new(NLMSG_GOODSIZE, GFP_NOIO);
	if (!skb)
		return;
	hdr = genlmsg_put(skb, 0, 0, &mcs_genl_family, 0,
			  ISCSI_MCS_CMD_CONN_NTF);
	if (!hdr ||
	    nla_put(skb, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, sess->id) ||
	    nla_put(skb, ISCSI_MCS_A_CONN_ID, ISCSI_MCS_ID_LEN, conn_id) ||
	    nla_put_u16(skb, ISCSI_MCS_A_CID, cid) ||
	    nla_put_u8(skb, ISCSI_MCS_A_CONN_EVENT, event)) {
		nlmsg_free(skb);
		return;
	}
	genlmsg_end(skb, hdr);
	genlmsg_multicast_netns(&mcs_genl_family, sess->net, skb, 0,
				MCS_MCGRP_EVENTS, GFP_NOIO);
}

static const struct mcs_event_notifier mcs_nl_notifier = {
	.wanted = mcs_nl_events_wanted,
	.state = mcs_nl_events_state,
	.current_state = mcs_nl_events_current,
	.conn = mcs_nl_events_conn,
};

/* Once the family is registered. */
void mcs_nl_notify_start(void)
{
	WRITE_ONCE(mcs_genl_registered, true);
	mcs_event_set_notifier(&mcs_nl_notifier);
}

/*
 * Before the family goes: no event is queued any more, and those being
 * sent are waited for.
 */
void mcs_nl_notify_stop(void)
{
	WRITE_ONCE(mcs_genl_registered, false);
	mcs_event_flush_all();
}
