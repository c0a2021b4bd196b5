// SPDX-License-Identifier: GPL-2.0
/*
 * Per network namespace state.
 */

#include <net/netns/generic.h>

#include "netns.h"
#include "session.h"

/* How long a namespace's exit waits for each session's Logout Response. */
#define MCS_EXIT_LOGOUT_MS	2000

static unsigned int mcs_net_id __read_mostly;

struct mcs_net *mcs_net(const struct net *net)
{
	return net_generic(net, mcs_net_id);
}

static int __net_init mcs_net_init(struct net *net)
{
	struct mcs_net *mn = mcs_net(net);

	mutex_init(&mn->lock);
	mcs_config_init(&mn->config);
	INIT_LIST_HEAD(&mn->sessions);
	return 0;
}

/* A session logged in: from now on requests of the namespace find it. */
void mcs_net_add_session(struct mcs_net *mn, struct mcs_session *sess)
{
	mutex_lock(&mn->lock);
	list_add_tail(&sess->node, &mn->sessions);
	mutex_unlock(&mn->lock);
}

/* The session with @id, or NULL; the caller holds mn->lock. */
struct mcs_session *mcs_net_find_session(struct mcs_net *mn, const u8 *id)
{
	struct mcs_session *sess;

	lockdep_assert_held(&mn->lock);

	list_for_each_entry(sess, &mn->sessions, node)
		if (!memcmp(sess->id, id, ISCSI_MCS_ID_LEN))
			return sess;
	return NULL;
}

/*
 * The session with @id taken off the list, or NULL: the caller gets the
 * list's reference and the only right to end it.
 */
struct mcs_session *mcs_net_take_session(struct mcs_net *mn, const u8 *id)
{
	struct mcs_session *sess;

	mutex_lock(&mn->lock);
	sess = mcs_net_find_session(mn, id);
	if (sess)
		list_del_init(&sess->node);
	mutex_unlock(&mn->lock);
	return sess;
}

/* Sessions log out when their namespace or the module goes away. */
static void mcs_net_end_sessions(struct mcs_net *mn)
{
	struct mcs_session *sess, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&mn->lock);
	list_splice_init(&mn->sessions, &gone);
	mutex_unlock(&mn->lock);
	list_for_each_entry_safe(sess, tmp, &gone, node) {
		list_del(&sess->node);
		mcs_session_shutdown(sess, MCS_EXIT_LOGOUT_MS);
		mcs_session_put(sess);
	}
}

/*
 * Before the namespace's devices go: the disks flush their caches and the
 * sessions log out over links that still work. In .exit the loopback and
 * every other device is gone already, and each flush would wait out its
 * SCSI timeouts inside cleanup_net, holding up every namespace's teardown.
 */
static void __net_exit mcs_net_pre_exit(struct net *net)
{
	mcs_net_end_sessions(mcs_net(net));
}

static void __net_exit mcs_net_exit(struct net *net)
{
	struct mcs_net *mn = mcs_net(net);

	/* Nothing can log in to a dying namespace: this finds none. */
	mcs_net_end_sessions(mn);
	mutex_destroy(&mn->lock);
}

static struct pernet_operations mcs_net_ops = {
	.init = mcs_net_init,
	.pre_exit = mcs_net_pre_exit,
	.exit = mcs_net_exit,
	.id = &mcs_net_id,
	.size = sizeof(struct mcs_net),
};

int mcs_netns_init(void)
{
	return register_pernet_subsys(&mcs_net_ops);
}

void mcs_netns_uninit(void)
{
	unregister_pernet_subsys(&mcs_net_ops);
}
