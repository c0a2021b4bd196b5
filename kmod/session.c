// SPDX-License-Identifier: GPL-2.0
/*
 * Sessions in full feature phase and the receive side of their
 * connections.
 *
 * As in nvme-tcp, the socket callbacks only queue the connection's
 * io_work; the work reads what the socket has without blocking, with the
 * receive state kept as "bytes got of bytes needed" for the header and
 * then for the rest of the PDU, so a PDU may arrive in any number of
 * pieces. Whole PDUs are written under the connection's tx_lock.
 *
 * Locking: mcs_net.lock (a mutex) guards the namespace's session list;
 * mcs_session.lock (a spinlock) guards the command window, CmdSN, the
 * state and the task tags; io_work alone owns the receive state and
 * exp_statsn. A session is freed only after it left the list and its
 * work was cancelled with the socket callbacks restored.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/random.h>
#include <linux/slab.h>
#include <net/sock.h>
#include <net/tcp_states.h>

#include "login.h"
#include "netlink.h"
#include "netns.h"
#include "pdu.h"
#include "session.h"
#include "sock.h"

/* PDUs handled per run of io_work before it yields the CPU. */
#define MCS_RX_BUDGET	64

static struct workqueue_struct *mcs_wq;

int mcs_session_wq_init(void)
{
	/* I/O completion must make progress under memory pressure. */
	mcs_wq = alloc_workqueue("iscsi_mcs", WQ_MEM_RECLAIM | WQ_HIGHPRI, 0);
	return mcs_wq ? 0 : -ENOMEM;
}

void mcs_session_wq_uninit(void)
{
	destroy_workqueue(mcs_wq);
}

static void mcs_conn_data_ready(struct sock *sk)
{
	struct mcs_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn)
		queue_work(mcs_wq, &conn->io_work);
	read_unlock_bh(&sk->sk_callback_lock);
}

static void mcs_conn_state_change(struct sock *sk)
{
	void (*saved)(struct sock *sk) = NULL;
	struct mcs_conn *conn;

	read_lock_bh(&sk->sk_callback_lock);
	conn = sk->sk_user_data;
	if (conn) {
		saved = conn->saved_state_change;
		/* The work finds the socket closed and fails the connection. */
		queue_work(mcs_wq, &conn->io_work);
	}
	read_unlock_bh(&sk->sk_callback_lock);
	if (saved)
		saved(sk);
}

static void mcs_conn_set_callbacks(struct mcs_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = conn;
	conn->saved_data_ready = sk->sk_data_ready;
	conn->saved_state_change = sk->sk_state_change;
	sk->sk_data_ready = mcs_conn_data_ready;
	sk->sk_state_change = mcs_conn_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

static void mcs_conn_restore_callbacks(struct mcs_conn *conn)
{
	struct sock *sk = conn->sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_user_data = NULL;
	sk->sk_data_ready = conn->saved_data_ready;
	sk->sk_state_change = conn->saved_state_change;
	write_unlock_bh(&sk->sk_callback_lock);
}

static u32 mcs_session_next_itt(struct mcs_session *sess)
{
	u32 itt;

	spin_lock_bh(&sess->lock);
	itt = sess->next_itt++;
	if (sess->next_itt == ISCSI_RESERVED_TAG)
		sess->next_itt = 0;
	spin_unlock_bh(&sess->lock);
	return itt;
}

/* Writes one PDU: header (+ digest), then data, padding (+ digest). */
static int mcs_conn_send(struct mcs_conn *conn, struct iscsi_hdr *hdr,
			 const void *data, u32 dlen)
{
	u8 pad[ISCSI_PAD_LEN] = {};
	__le32 hd, dd;
	struct kvec vec[5];
	size_t nr = 0, len = 0;
	u32 crc;
	int ret;

	mutex_lock(&conn->tx_lock);
	mcs_pdu_set_exp_statsn(hdr, READ_ONCE(conn->exp_statsn));
	vec[nr++] = (struct kvec){ .iov_base = hdr, .iov_len = sizeof(*hdr) };
	if (conn->params.header_digest == MCS_DIGEST_CRC32C) {
		hd = mcs_crc32c_final(mcs_crc32c(MCS_CRC32C_SEED, hdr,
						 sizeof(*hdr)));
		vec[nr++] = (struct kvec){ .iov_base = &hd, .iov_len = sizeof(hd) };
	}
	if (dlen) {
		vec[nr++] = (struct kvec){ .iov_base = (void *)data, .iov_len = dlen };
		if (mcs_pdu_pad(dlen))
			vec[nr++] = (struct kvec){ .iov_base = pad,
						   .iov_len = mcs_pdu_pad(dlen) };
		if (conn->params.data_digest == MCS_DIGEST_CRC32C) {
			crc = mcs_crc32c(MCS_CRC32C_SEED, data, dlen);
			dd = mcs_crc32c_final(mcs_crc32c_pad(crc, dlen));
			vec[nr++] = (struct kvec){ .iov_base = &dd,
						   .iov_len = sizeof(dd) };
		}
	}
	for (ret = 0; ret < nr; ret++)
		len += vec[ret].iov_len;
	ret = mcs_sock_send_all(conn->sock, vec, nr, len);
	if (!ret)
		conn->pdus_sent++;
	mutex_unlock(&conn->tx_lock);
	return ret;
}

static void mcs_conn_fail(struct mcs_conn *conn, int err, const char *why)
{
	struct mcs_session *sess = conn->sess;

	if (conn->failed)
		return;
	conn->failed = true;
	pr_warn("session %*phN connection %u failed (%d): %s\n",
		ISCSI_MCS_ID_LEN, sess->id, conn->cid, err, why);
	kernel_sock_shutdown(conn->sock, SHUT_RDWR);
	/* Nobody waits for a Logout Response on a dead connection. */
	complete_all(&conn->logout_done);

	spin_lock_bh(&sess->lock);
	if (sess->state == ISCSI_MCS_STATE_LOGGED_IN)
		sess->state = ISCSI_MCS_STATE_FAILED;
	spin_unlock_bh(&sess->lock);
	mcs_nl_session_notify(sess);
}

/*
 * Reads what the socket has into the current PDU. Return: 1 when a whole
 * PDU is in, 0 when the socket has nothing more now, or a negative errno.
 */
static int mcs_conn_recv_some(struct mcs_conn *conn, void *buf, u32 len,
			      u32 *got)
{
	struct kvec vec = { .iov_base = (u8 *)buf + *got,
			    .iov_len = len - *got };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	int ret;

	ret = kernel_recvmsg(conn->sock, &msg, &vec, 1, vec.iov_len,
			     MSG_DONTWAIT);
	if (ret == -EAGAIN)
		return 0;
	if (ret < 0)
		return ret;
	if (ret == 0)
		return -ECONNRESET;
	*got += ret;
	return *got == len;
}

static int mcs_conn_recv(struct mcs_conn *conn, const char **why)
{
	const struct mcs_pdu_limits lim = {
		.max_recv_dlength = conn->params.max_recv_dsl,
		.erl = conn->sess->params.sess.error_recovery_level,
		.hdr_digest = conn->params.header_digest == MCS_DIGEST_CRC32C,
		.data_digest = conn->params.data_digest == MCS_DIGEST_CRC32C,
	};
	u32 dlen;
	int ret;

	if (conn->rx_hdr_got < sizeof(conn->rx_hdr)) {
		ret = mcs_conn_recv_some(conn, &conn->rx_hdr,
					 sizeof(conn->rx_hdr), &conn->rx_hdr_got);
		if (ret <= 0) {
			*why = "connection closed or broken";
			return ret;
		}
		ret = mcs_pdu_check_bhs(&conn->rx_hdr, &lim, why);
		if (ret)
			return ret;
		dlen = mcs_pdu_dlength(&conn->rx_hdr);
		conn->rx_need = mcs_pdu_ahs_len(&conn->rx_hdr) +
				(lim.hdr_digest ? ISCSI_CRC_LEN : 0) +
				dlen + mcs_pdu_pad(dlen) +
				(dlen && lim.data_digest ? ISCSI_CRC_LEN : 0);
		conn->rx_got = 0;
		if (conn->rx_need > conn->rx_buf_size) {
			*why = "PDU larger than the receive buffer";
			return -EPROTO;
		}
	}
	if (conn->rx_got < conn->rx_need) {
		ret = mcs_conn_recv_some(conn, conn->rx_buf, conn->rx_need,
					 &conn->rx_got);
		if (ret <= 0) {
			*why = "connection closed or broken";
			return ret;
		}
	}
	return 1;
}

/* Checks the digests and the AHS of the PDU just received. */
static int mcs_conn_check_pdu(struct mcs_conn *conn, const u8 **data,
			      const char **why)
{
	u32 ahs_len = mcs_pdu_ahs_len(&conn->rx_hdr);
	u32 dlen = mcs_pdu_dlength(&conn->rx_hdr);
	const u8 *p = conn->rx_buf;
	__le32 want;
	u32 crc;
	int ret;

	ret = mcs_pdu_check_ahs(&conn->rx_hdr, p, why);
	if (ret)
		return ret;
	p += ahs_len;
	if (conn->params.header_digest == MCS_DIGEST_CRC32C) {
		crc = mcs_crc32c(MCS_CRC32C_SEED, &conn->rx_hdr,
				 sizeof(conn->rx_hdr));
		want = mcs_crc32c_final(mcs_crc32c(crc, conn->rx_buf, ahs_len));
		if (memcmp(&want, p, sizeof(want))) {
			*why = "header digest error";
			return -EBADMSG;
		}
		p += ISCSI_CRC_LEN;
	}
	*data = p;
	if (dlen && conn->params.data_digest == MCS_DIGEST_CRC32C) {
		crc = mcs_crc32c(MCS_CRC32C_SEED, p, dlen + mcs_pdu_pad(dlen));
		want = mcs_crc32c_final(crc);
		if (memcmp(&want, p + dlen + mcs_pdu_pad(dlen), sizeof(want))) {
			*why = "data digest error";
			return -EBADMSG;
		}
	}
	return 0;
}

static int mcs_conn_handle(struct mcs_conn *conn, const char **why)
{
	struct mcs_session *sess = conn->sess;
	struct mcs_pdu_rx rx;
	struct iscsi_hdr reply;
	const u8 *data;
	int ret;

	ret = mcs_conn_check_pdu(conn, &data, why);
	if (ret)
		return ret;
	mcs_pdu_parse(&conn->rx_hdr, &rx);
	conn->pdus_received++;
	if (rx.statsn_use == MCS_STATSN_TAKE)
		WRITE_ONCE(conn->exp_statsn, rx.statsn + 1);
	spin_lock_bh(&sess->lock);
	mcs_sn_window_update(&sess->win, rx.exp_cmdsn, rx.max_cmdsn);
	spin_unlock_bh(&sess->lock);

	switch (rx.opcode) {
	case ISCSI_OP_NOOP_IN:
		/* A ping from the target: answer it, echoing its data. */
		if (rx.ttt == ISCSI_RESERVED_TAG)
			return 0;
		ret = mcs_pdu_build_nop_reply(&reply, &conn->rx_hdr, rx.dlength);
		if (!ret)
			ret = mcs_conn_send(conn, &reply, data, rx.dlength);
		if (ret)
			*why = "cannot answer the target's NOP-In";
		return ret;
	case ISCSI_OP_LOGOUT_RSP:
		conn->logout_response = rx.logout.response;
		complete_all(&conn->logout_done);
		return 0;
	case ISCSI_OP_ASYNC_EVENT:
		pr_info("session %*phN: target async event %u\n",
			ISCSI_MCS_ID_LEN, sess->id, rx.async.event);
		return 0;
	case ISCSI_OP_REJECT:
		pr_warn("session %*phN: target rejected a PDU, reason 0x%02x\n",
			ISCSI_MCS_ID_LEN, sess->id, rx.reject.reason);
		return 0;
	default:
		*why = "target sent a PDU for a task that does not exist";
		return -EPROTO;
	}
}

static void mcs_conn_io_work(struct work_struct *work)
{
	struct mcs_conn *conn = container_of(work, struct mcs_conn, io_work);
	const char *why = "connection failed";
	int budget, ret;

	if (conn->failed)
		return;
	for (budget = 0; budget < MCS_RX_BUDGET; budget++) {
		ret = mcs_conn_recv(conn, &why);
		if (ret == 0)
			return;
		if (ret > 0) {
			ret = mcs_conn_handle(conn, &why);
			conn->rx_hdr_got = 0;
		}
		if (ret < 0) {
			mcs_conn_fail(conn, ret, why);
			return;
		}
	}
	/* More may be waiting: let others run first. */
	queue_work(mcs_wq, &conn->io_work);
}

struct mcs_session *mcs_session_alloc(struct mcs_net *mn)
{
	struct mcs_session *sess;

	sess = kzalloc(sizeof(*sess), GFP_KERNEL);
	if (!sess)
		return NULL;
	INIT_LIST_HEAD(&sess->node);
	spin_lock_init(&sess->lock);
	sess->mn = mn;
	get_random_bytes(sess->id, sizeof(sess->id));
	sess->state = ISCSI_MCS_STATE_LOGGED_IN;
	return sess;
}

/**
 * mcs_session_start() - put a logged-in session into full feature phase
 * @sess: the session, with its login outcome filled in
 * @sock: the leading connection's socket, owned by the session from now
 * @portal: where it is connected
 * @res: the leading login's outcome
 *
 * Return: 0, or -ENOMEM (the socket is then still the caller's).
 */
int mcs_session_start(struct mcs_session *sess, struct socket *sock,
		      const struct sockaddr_storage *portal,
		      const struct mcs_login_res *res)
{
	struct mcs_conn *conn;
	int len;

	conn = kzalloc(sizeof(*conn), GFP_KERNEL);
	if (!conn)
		return -ENOMEM;
	/* One whole PDU: AHS, digests and the largest data segment. */
	conn->rx_buf_size = MCS_PDU_AHS_MAX + 2 * ISCSI_CRC_LEN +
			    res->params.conn.max_recv_dsl + ISCSI_PAD_LEN;
	conn->rx_buf = kvmalloc(conn->rx_buf_size, GFP_KERNEL);
	if (!conn->rx_buf) {
		kfree(conn);
		return -ENOMEM;
	}
	conn->sess = sess;
	get_random_bytes(conn->id, sizeof(conn->id));
	conn->cid = 0;
	conn->sock = sock;
	conn->portal = *portal;
	len = kernel_getsockname(sock, (struct sockaddr *)&conn->local);
	if (len < 0)
		conn->local.ss_family = AF_UNSPEC;
	conn->params = res->params.conn;
	conn->exp_statsn = res->exp_statsn;
	mutex_init(&conn->tx_lock);
	init_completion(&conn->logout_done);
	INIT_WORK(&conn->io_work, mcs_conn_io_work);

	sess->params = res->params;
	sess->tsih = res->tsih;
	mcs_sn_window_init(&sess->win, res->exp_cmdsn, res->max_cmdsn);
	sess->conn = conn;

	mcs_conn_set_callbacks(conn);
	/* Data may have arrived before the callbacks were in place. */
	queue_work(mcs_wq, &conn->io_work);
	return 0;
}

/**
 * mcs_session_logout() - log a session out, best effort
 * @sess: a session no longer on its namespace's list
 * @timeout_ms: how long to wait for the Logout Response
 *
 * A target that does not answer is not waited for beyond @timeout_ms: the
 * session goes away all the same, the target times it out on its side.
 */
void mcs_session_logout(struct mcs_session *sess, unsigned int timeout_ms)
{
	struct mcs_conn *conn = sess->conn;
	struct iscsi_hdr hdr;
	u32 cmdsn;
	int ret;

	spin_lock_bh(&sess->lock);
	if (sess->state == ISCSI_MCS_STATE_LOGGED_IN)
		sess->state = ISCSI_MCS_STATE_LOGGING_OUT;
	cmdsn = sess->cmdsn;
	spin_unlock_bh(&sess->lock);
	if (!conn || conn->failed)
		return;

	/* Immediate: it takes no CmdSN, so a closed window does not hold it. */
	ret = mcs_pdu_build_logout(&hdr, mcs_session_next_itt(sess),
				   ISCSI_LOGOUT_REASON_CLOSE_SESSION, conn->cid,
				   true);
	if (!ret)
		ret = mcs_pdu_set_cmdsn(&hdr, cmdsn);
	if (!ret)
		ret = mcs_conn_send(conn, &hdr, NULL, 0);
	if (ret) {
		pr_warn("session %*phN: cannot send Logout (%d)\n",
			ISCSI_MCS_ID_LEN, sess->id, ret);
		return;
	}
	if (!wait_for_completion_timeout(&conn->logout_done,
					 msecs_to_jiffies(timeout_ms)))
		pr_warn("session %*phN: no Logout Response in %u ms\n",
			ISCSI_MCS_ID_LEN, sess->id, timeout_ms);
	else if (!conn->failed && conn->logout_response)
		pr_warn("session %*phN: Logout Response %u\n",
			ISCSI_MCS_ID_LEN, sess->id, conn->logout_response);
}

void mcs_session_free(struct mcs_session *sess)
{
	struct mcs_conn *conn = sess->conn;

	if (conn) {
		mcs_conn_restore_callbacks(conn);
		cancel_work_sync(&conn->io_work);
		mcs_sock_close(conn->sock);
		mutex_destroy(&conn->tx_lock);
		kvfree(conn->rx_buf);
		kfree(conn);
	}
	kfree(sess);
}

/* Caller holds mcs_net.lock. */
struct mcs_session *mcs_session_find(struct mcs_net *mn, const u8 *id)
{
	struct mcs_session *sess;

	list_for_each_entry(sess, &mn->sessions, node)
		if (!memcmp(sess->id, id, ISCSI_MCS_ID_LEN))
			return sess;
	return NULL;
}
