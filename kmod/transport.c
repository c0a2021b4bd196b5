// SPDX-License-Identifier: GPL-2.0
/*
 * Registration with scsi_transport_iscsi: each session gets an
 * iscsi_session device under its SCSI host, each connection an
 * iscsi_connection device under it, and the SCSI target hangs below the
 * session, which is where udev's path_id and iscsiadm look.
 *
 * The class was built for iscsid, which creates sessions over its own
 * netlink socket. Ours are created here, so the class keeps creator -1
 * and a stock iscsid beside us never adopts or recovers them. Its netlink
 * requests naming our transport (create, bind, start...) are refused.
 *
 * The transport's name: iscsiadm scans /sys/class/iscsi_transport sorted
 * by name and stops at the first name it has no template for, so a name
 * sorting before "tcp" would hide iscsi_tcp from it. "tcp_mcs" sorts
 * after every transport open-iscsi knows.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sysfs.h>
#include <scsi/iscsi_if.h>
#include <scsi/scsi_host.h>
#include <scsi/scsi_transport_iscsi.h>

#include "scsi.h"
#include "session.h"
#include "transport.h"

struct scsi_transport_template *mcs_transportt;

/*
 * Guards the connection pointer in each class connection's dd_data: the
 * class calls get_stats from its own netlink handler, unaware that
 * CONN_REMOVE or recovery frees the connection meanwhile.
 */
static DEFINE_SPINLOCK(mcs_cls_conn_lock);

static struct mcs_session *mcs_cls_session(struct iscsi_cls_session *cls)
{
	return *(struct mcs_session **)cls->dd_data;
}

static struct mcs_conn *mcs_cls_conn(struct iscsi_cls_conn *cls)
{
	return *(struct mcs_conn **)cls->dd_data;
}

static int mcs_emit_addr(char *buf, const struct sockaddr_storage *ss,
			 bool port)
{
	const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)ss;

	switch (ss->ss_family) {
	case AF_INET:
		return port ? sysfs_emit(buf, "%u\n", ntohs(sin->sin_port)) :
			      sysfs_emit(buf, "%pI4\n", &sin->sin_addr);
	case AF_INET6:
		return port ? sysfs_emit(buf, "%u\n", ntohs(sin6->sin6_port)) :
			      sysfs_emit(buf, "%pI6c\n", &sin6->sin6_addr);
	default:
		return -ENOTCONN;
	}
}

/*
 * Called for sysfs reads only, which device_del() drains before the
 * connection is freed.
 */
static int mcs_get_conn_param(struct iscsi_cls_conn *cls,
			      enum iscsi_param param, char *buf)
{
	struct mcs_conn *conn = mcs_cls_conn(cls);
	const struct mcs_conn_params *p = &conn->params;

	switch (param) {
	case ISCSI_PARAM_PERSISTENT_ADDRESS:
	case ISCSI_PARAM_CONN_ADDRESS:
		return mcs_emit_addr(buf, &conn->portal, false);
	case ISCSI_PARAM_PERSISTENT_PORT:
	case ISCSI_PARAM_CONN_PORT:
		return mcs_emit_addr(buf, &conn->portal, true);
	case ISCSI_PARAM_LOCAL_IPADDR:
		return mcs_emit_addr(buf, &conn->local, false);
	case ISCSI_PARAM_LOCAL_PORT:
		return mcs_emit_addr(buf, &conn->local, true);
	case ISCSI_PARAM_HDRDGST_EN:
		return sysfs_emit(buf, "%u\n", p->header_digest != MCS_DIGEST_NONE);
	case ISCSI_PARAM_DATADGST_EN:
		return sysfs_emit(buf, "%u\n", p->data_digest != MCS_DIGEST_NONE);
	case ISCSI_PARAM_MAX_RECV_DLENGTH:
		return sysfs_emit(buf, "%u\n", p->max_recv_dsl);
	case ISCSI_PARAM_MAX_XMIT_DLENGTH:
		return sysfs_emit(buf, "%u\n", p->max_xmit_dsl);
	case ISCSI_PARAM_EXP_STATSN:
		return sysfs_emit(buf, "%u\n", READ_ONCE(conn->exp_statsn));
	case ISCSI_PARAM_PING_TMO:
		return sysfs_emit(buf, "%lu\n",
				  conn->sess->noop_timeout_ms / MSEC_PER_SEC);
	case ISCSI_PARAM_RECV_TMO:
		return sysfs_emit(buf, "%lu\n",
				  conn->sess->noop_interval_ms / MSEC_PER_SEC);
	case ISCSI_PARAM_TCP_NAGLE_DISABLE:
		return sysfs_emit(buf, "1\n");
	default:
		return -EOPNOTSUPP;
	}
}

static int mcs_get_session_param(struct iscsi_cls_session *cls,
				 enum iscsi_param param, char *buf)
{
	struct mcs_session *sess = mcs_cls_session(cls);
	const struct mcs_sess_params *p = &sess->params.sess;

	switch (param) {
	case ISCSI_PARAM_TARGET_NAME:
		return sysfs_emit(buf, "%s\n", sess->target_name);
	case ISCSI_PARAM_INITIATOR_NAME:
		return sysfs_emit(buf, "%s\n", sess->initiator_name);
	case ISCSI_PARAM_TARGET_ALIAS:
		return sysfs_emit(buf, "%s\n", p->target_alias);
	case ISCSI_PARAM_TPGT:
		return sysfs_emit(buf, "%u\n", sess->params.conn.tpgt);
	case ISCSI_PARAM_ISID:
		return sysfs_emit(buf, "%6phN\n", sess->isid);
	case ISCSI_PARAM_TSID:
		return sysfs_emit(buf, "%u\n", sess->tsih);
	case ISCSI_PARAM_IFACE_NAME:
		return sysfs_emit(buf, "default\n");
	case ISCSI_PARAM_INITIAL_R2T_EN:
		return sysfs_emit(buf, "%u\n", p->initial_r2t);
	case ISCSI_PARAM_IMM_DATA_EN:
		return sysfs_emit(buf, "%u\n", p->immediate_data);
	case ISCSI_PARAM_PDU_INORDER_EN:
		return sysfs_emit(buf, "%u\n", p->data_pdu_in_order);
	case ISCSI_PARAM_DATASEQ_INORDER_EN:
		return sysfs_emit(buf, "%u\n", p->data_sequence_in_order);
	case ISCSI_PARAM_MAX_R2T:
		return sysfs_emit(buf, "%u\n", p->max_outstanding_r2t);
	case ISCSI_PARAM_FIRST_BURST:
		return sysfs_emit(buf, "%u\n", p->first_burst_length);
	case ISCSI_PARAM_MAX_BURST:
		return sysfs_emit(buf, "%u\n", p->max_burst_length);
	case ISCSI_PARAM_ERL:
		return sysfs_emit(buf, "%u\n", p->error_recovery_level);
	case ISCSI_PARAM_DEF_TIME2WAIT:
		return sysfs_emit(buf, "%u\n", p->default_time2wait);
	case ISCSI_PARAM_DEF_TIME2RETAIN:
		return sysfs_emit(buf, "%u\n", p->default_time2retain);
	case ISCSI_PARAM_ABORT_TMO:
	case ISCSI_PARAM_LU_RESET_TMO:
	case ISCSI_PARAM_TGT_RESET_TMO:
		return sysfs_emit(buf, "%lu\n", MCS_TMF_TIMEOUT_MS / MSEC_PER_SEC);
	default:
		return -EOPNOTSUPP;
	}
}

static int mcs_get_host_param(struct Scsi_Host *shost,
			      enum iscsi_host_param param, char *buf)
{
	struct mcs_session *sess = *(struct mcs_session **)shost_priv(shost);
	struct sockaddr_storage local = { .ss_family = AF_UNSPEC };
	struct mcs_conn *conn;
	unsigned int i;

	switch (param) {
	case ISCSI_HOST_PARAM_INITIATOR_NAME:
		return sysfs_emit(buf, "%s\n", sess->initiator_name);
	case ISCSI_HOST_PARAM_IPADDRESS:
		/* One host per session: the source of its lowest CID. */
		spin_lock_bh(&sess->lock);
		for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
			conn = mcs_session_conn(sess, i);
			if (conn) {
				local = conn->local;
				break;
			}
		}
		spin_unlock_bh(&sess->lock);
		return mcs_emit_addr(buf, &local, false);
	default:
		return -EOPNOTSUPP;
	}
}

static umode_t mcs_attr_is_visible(int param_type, int param)
{
	switch (param_type) {
	case ISCSI_HOST_PARAM:
		switch (param) {
		case ISCSI_HOST_PARAM_INITIATOR_NAME:
		case ISCSI_HOST_PARAM_IPADDRESS:
			return 0444;
		default:
			return 0;
		}
	case ISCSI_PARAM:
		switch (param) {
		case ISCSI_PARAM_PERSISTENT_ADDRESS:
		case ISCSI_PARAM_CONN_ADDRESS:
		case ISCSI_PARAM_PERSISTENT_PORT:
		case ISCSI_PARAM_CONN_PORT:
		case ISCSI_PARAM_LOCAL_IPADDR:
		case ISCSI_PARAM_LOCAL_PORT:
		case ISCSI_PARAM_HDRDGST_EN:
		case ISCSI_PARAM_DATADGST_EN:
		case ISCSI_PARAM_MAX_RECV_DLENGTH:
		case ISCSI_PARAM_MAX_XMIT_DLENGTH:
		case ISCSI_PARAM_EXP_STATSN:
		case ISCSI_PARAM_PING_TMO:
		case ISCSI_PARAM_RECV_TMO:
		case ISCSI_PARAM_TCP_NAGLE_DISABLE:
		case ISCSI_PARAM_TARGET_NAME:
		case ISCSI_PARAM_INITIATOR_NAME:
		case ISCSI_PARAM_TARGET_ALIAS:
		case ISCSI_PARAM_TPGT:
		case ISCSI_PARAM_ISID:
		case ISCSI_PARAM_TSID:
		case ISCSI_PARAM_IFACE_NAME:
		case ISCSI_PARAM_INITIAL_R2T_EN:
		case ISCSI_PARAM_IMM_DATA_EN:
		case ISCSI_PARAM_PDU_INORDER_EN:
		case ISCSI_PARAM_DATASEQ_INORDER_EN:
		case ISCSI_PARAM_MAX_R2T:
		case ISCSI_PARAM_FIRST_BURST:
		case ISCSI_PARAM_MAX_BURST:
		case ISCSI_PARAM_ERL:
		case ISCSI_PARAM_DEF_TIME2WAIT:
		case ISCSI_PARAM_DEF_TIME2RETAIN:
		case ISCSI_PARAM_ABORT_TMO:
		case ISCSI_PARAM_LU_RESET_TMO:
		case ISCSI_PARAM_TGT_RESET_TMO:
			return 0444;
		default:
			return 0;
		}
	default:
		return 0;
	}
}

/*
 * The class hands iscsid's netlink requests to whichever transport they
 * name, without checking for missing callbacks. Sessions of this module
 * are made over its own generic netlink family only.
 */
static struct iscsi_cls_session *
mcs_create_session(struct iscsi_endpoint *ep, u16 cmds_max, u16 qdepth,
		   u32 initial_cmdsn)
{
	return NULL;
}

static void mcs_destroy_session(struct iscsi_cls_session *cls)
{
	pr_warn_ratelimited("iSCSI class session %u: destroy refused, use the iscsi_mcs family\n",
			    cls->sid);
}

static struct iscsi_cls_conn *mcs_create_conn(struct iscsi_cls_session *cls,
					      u32 cid)
{
	return NULL;
}

static void mcs_destroy_conn(struct iscsi_cls_conn *cls)
{
}

static int mcs_bind_conn(struct iscsi_cls_session *cls,
			 struct iscsi_cls_conn *conn, u64 transport_eph,
			 int is_leading)
{
	return -EOPNOTSUPP;
}

static int mcs_start_conn(struct iscsi_cls_conn *cls)
{
	return -EOPNOTSUPP;
}

static void mcs_stop_conn(struct iscsi_cls_conn *cls, int flag)
{
}

static int mcs_set_param(struct iscsi_cls_conn *cls, enum iscsi_param param,
			 char *buf, int buflen)
{
	return -EOPNOTSUPP;
}

static int mcs_send_pdu(struct iscsi_cls_conn *cls, struct iscsi_hdr *hdr,
			char *data, u32 data_size)
{
	return -EOPNOTSUPP;
}

static void mcs_get_stats(struct iscsi_cls_conn *cls, struct iscsi_stats *st)
{
	struct mcs_conn *conn;

	st->txdata_octets = 0;
	st->rxdata_octets = 0;
	st->custom_length = 0;
	spin_lock_bh(&mcs_cls_conn_lock);
	conn = mcs_cls_conn(cls);
	if (conn) {
		st->scsicmd_pdus = READ_ONCE(conn->pdus_sent);
		st->scsirsp_pdus = READ_ONCE(conn->pdus_received);
	}
	spin_unlock_bh(&mcs_cls_conn_lock);
}

/*
 * The replacement timeout passed with every connection down: commands
 * waiting in the blocked queues fail from now on (the class offlines the
 * devices), those still coming too. Reinstatement goes on being tried.
 */
static void mcs_session_recovery_timedout(struct iscsi_cls_session *cls)
{
	struct mcs_session *sess = mcs_cls_session(cls);

	spin_lock_bh(&sess->lock);
	sess->recovery_timed_out = true;
	spin_unlock_bh(&sess->lock);
	pr_warn("session %*phN: no connection within the replacement timeout, failing commands\n",
		ISCSI_MCS_ID_LEN, sess->id);
}

static struct iscsi_transport mcs_iscsi_transport = {
	.owner = THIS_MODULE,
	.name = MCS_TRANSPORT_NAME,
	.caps = CAP_RECOVERY_L0 | CAP_MULTI_R2T | CAP_HDRDGST | CAP_DATADGST |
		CAP_MULTI_CONN | CAP_TEXT_NEGO | CAP_SENDTARGETS_OFFLOAD |
		CAP_LOGIN_OFFLOAD,
	.create_session = mcs_create_session,
	.destroy_session = mcs_destroy_session,
	.create_conn = mcs_create_conn,
	.destroy_conn = mcs_destroy_conn,
	.bind_conn = mcs_bind_conn,
	.start_conn = mcs_start_conn,
	.stop_conn = mcs_stop_conn,
	.set_param = mcs_set_param,
	.send_pdu = mcs_send_pdu,
	.get_stats = mcs_get_stats,
	.get_conn_param = mcs_get_conn_param,
	.get_session_param = mcs_get_session_param,
	.get_host_param = mcs_get_host_param,
	.attr_is_visible = mcs_attr_is_visible,
	.session_recovery_timedout = mcs_session_recovery_timedout,
};

/**
 * mcs_transport_add_session() - show a session and its connections
 * @sess: a session in full feature phase whose SCSI host was added
 *
 * The session is marked logged in and its target scanned in the
 * background, as the class does for iscsid's sessions.
 *
 * Return: 0 or a negative errno; nothing is registered then.
 */
int mcs_transport_add_session(struct mcs_session *sess)
{
	struct iscsi_cls_session *cls;
	struct mcs_conn *conn;
	unsigned int i;
	int ret;

	cls = iscsi_alloc_session(sess->shost, &mcs_iscsi_transport,
				  sizeof(sess));
	if (!cls)
		return -ENOMEM;
	*(struct mcs_session **)cls->dd_data = sess;
	/* The class counts in seconds; it may be changed there at runtime. */
	cls->recovery_tmo = DIV_ROUND_UP(sess->replacement_timeout_ms,
					 MSEC_PER_SEC);
	/* The connections' sysfs attributes may be read once added. */
	ret = iscsi_add_session(cls, 0);
	if (ret) {
		iscsi_free_session(cls);
		return ret;
	}
	/*
	 * Recovery may link a connection meanwhile: it adds it to the class
	 * itself once it sees sess->cls, so both are decided under its mutex.
	 */
	mutex_lock(&sess->conn_mutex);
	sess->cls = cls;
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (!conn)
			continue;
		ret = mcs_transport_add_conn(conn);
		if (ret)
			break;
	}
	mutex_unlock(&sess->conn_mutex);
	if (ret) {
		mcs_transport_remove_session(sess);
		mcs_transport_free_session(sess);
		return ret;
	}
	iscsi_unblock_session(cls);
	queue_work(cls->workq, &cls->scan_work);
	return 0;
}

/**
 * mcs_transport_remove_session() - remove a session's devices from sysfs
 * @sess: the session; its disks go with it
 *
 * The target below the session is removed, so its disks flush their
 * caches while the session still carries commands.
 */
void mcs_transport_remove_session(struct mcs_session *sess)
{
	struct mcs_conn *conn;
	unsigned int i;

	if (!sess->cls)
		return;
	spin_lock_bh(&sess->lock);
	sess->cls_gone = true;
	spin_unlock_bh(&sess->lock);
	/*
	 * The class would otherwise put the connections' devices itself. Not
	 * across iscsi_remove_session(): the disks' last I/O may wait for a
	 * recovery, which takes conn_mutex.
	 */
	mutex_lock(&sess->conn_mutex);
	for (i = 0; i < MCS_MAX_CONNS_LIMIT; i++) {
		conn = mcs_session_conn(sess, i);
		if (conn)
			mcs_transport_remove_conn(conn);
	}
	mutex_unlock(&sess->conn_mutex);
	iscsi_remove_session(sess->cls);
}

void mcs_transport_free_session(struct mcs_session *sess)
{
	if (!sess->cls)
		return;
	iscsi_free_session(sess->cls);
	sess->cls = NULL;
}

/**
 * mcs_transport_add_conn() - show one connection under its session
 * @conn: a connection in full feature phase
 *
 * Does nothing before the session is registered: the session registers
 * the connections it has then.
 *
 * Return: 0 or a negative errno.
 */
int mcs_transport_add_conn(struct mcs_conn *conn)
{
	struct iscsi_cls_conn *cls;
	int ret;

	if (!conn->sess->cls)
		return 0;
	cls = iscsi_alloc_conn(conn->sess->cls, sizeof(conn), conn->cid);
	if (!cls)
		return -ENOMEM;
	*(struct mcs_conn **)cls->dd_data = conn;
	WRITE_ONCE(cls->state, READ_ONCE(conn->failed) ? ISCSI_CONN_FAILED :
							 ISCSI_CONN_UP);
	ret = iscsi_add_conn(cls);
	if (ret) {
		iscsi_put_conn(cls);
		return ret;
	}
	spin_lock_bh(&conn->sess->lock);
	conn->cls = cls;
	spin_unlock_bh(&conn->sess->lock);
	return 0;
}

void mcs_transport_remove_conn(struct mcs_conn *conn)
{
	struct iscsi_cls_conn *cls;

	spin_lock_bh(&conn->sess->lock);
	cls = conn->cls;
	conn->cls = NULL;
	spin_unlock_bh(&conn->sess->lock);
	if (!cls)
		return;
	spin_lock_bh(&mcs_cls_conn_lock);
	*(struct mcs_conn **)cls->dd_data = NULL;
	spin_unlock_bh(&mcs_cls_conn_lock);
	iscsi_remove_conn(cls);
	iscsi_put_conn(cls);
}

/* The session lock, held, keeps mcs_transport_remove_conn() away. */
void mcs_transport_conn_failed(struct mcs_conn *conn)
{
	lockdep_assert_held(&conn->sess->lock);
	if (conn->cls)
		WRITE_ONCE(conn->cls->state, ISCSI_CONN_FAILED);
}

/*
 * Every connection is down: the disks' queues stop and commands wait for a
 * reinstatement, for the replacement timeout at most. Any context.
 */
void mcs_transport_block_session(struct mcs_session *sess)
{
	spin_lock_bh(&sess->lock);
	if (sess->cls && !sess->cls_gone)
		iscsi_block_session(sess->cls);
	spin_unlock_bh(&sess->lock);
}

/* Scans the session's target again, in the background. Any context. */
void mcs_transport_rescan(struct mcs_session *sess)
{
	spin_lock_bh(&sess->lock);
	if (sess->cls && !sess->cls_gone)
		queue_work(sess->cls->workq, &sess->cls->scan_work);
	spin_unlock_bh(&sess->lock);
}

/* Sleeps: the class flushes the unblock before returning. */
void mcs_transport_unblock_session(struct mcs_session *sess)
{
	if (sess->cls)
		iscsi_unblock_session(sess->cls);
}

int mcs_transport_init(void)
{
	mcs_transportt = iscsi_register_transport(&mcs_iscsi_transport);
	return mcs_transportt ? 0 : -ENODEV;
}

void mcs_transport_uninit(void)
{
	iscsi_unregister_transport(&mcs_iscsi_transport);
}
