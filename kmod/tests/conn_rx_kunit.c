// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_conn_rx": a connection's receive path driven over
 * a real kernel socket pair. The malformed PDUs of pdu_cases.h must fail
 * the connection with their own reason when they come through the socket
 * in two pieces; a target's ping must be answered whatever byte it is
 * split at; and the defects a hostile target found (a closed window
 * forced by ExpCmdSN, a stray Logout Response, pings faster than their
 * answers drain, a bad header digest) must fail the connection.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <scsi/iscsi_proto.h>

#include "../login.h"
#include "../pdu.h"
#include "../session.h"
#include "pdu_cases.h"

struct mcs_crx {
	struct mcs_session *sess;
	struct mcs_conn *conn;
	struct socket *ini;	/* the connection's, freed with it */
	struct socket *tgt;	/* the target's end, written by the test */
};

static void mcs_crx_start(struct kunit *test, struct mcs_crx *x, u8 erl,
			  bool hdr_digest)
{
	struct sockaddr_storage portal = { .ss_family = AF_UNSPEC };
	u8 conn_id[ISCSI_MCS_ID_LEN];
	struct mcs_login_res *res;

	memset(x, 0, sizeof(*x));
	res = kunit_kzalloc(test, sizeof(*res), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_UNIX, SOCK_STREAM,
					       0, &x->ini), 0);
	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_UNIX, SOCK_STREAM,
					       0, &x->tgt), 0);
	KUNIT_ASSERT_EQ(test, x->ini->ops->socketpair(x->ini, x->tgt), 0);
	x->tgt->sk->sk_rcvtimeo = 2 * HZ;
	x->ini->sk->sk_sndtimeo = 10 * HZ;

	x->sess = mcs_session_alloc(NULL);
	KUNIT_ASSERT_NOT_NULL(test, x->sess);
	x->sess->net = &init_net;
	/* Nothing to recover to and nobody to tell: just fail. */
	x->sess->dead = true;
	atomic_set(&x->sess->cmdsn, 1);
	res->params.conn.max_recv_dsl = 8192;
	res->params.conn.max_xmit_dsl = 8192;
	res->params.conn.header_digest = hdr_digest ? MCS_DIGEST_CRC32C :
				       MCS_DIGEST_NONE;
	res->params.sess.error_recovery_level = erl;
	res->params.sess.max_connections = 1;
	res->exp_cmdsn = 1;
	res->max_cmdsn = 32;
	KUNIT_ASSERT_EQ(test, mcs_session_start(x->sess, x->ini, &portal, res, NULL,
						NULL, conn_id), 0);
	x->conn = rcu_dereference_protected(x->sess->conns[0], 1);
	KUNIT_EXPECT_EQ(test, memcmp(conn_id, x->conn->id, ISCSI_MCS_ID_LEN), 0);
}

static void mcs_crx_stop(struct mcs_crx *x)
{
	if (x->sess)
		mcs_session_put(x->sess);	/* frees the connection and ini */
	if (x->tgt)
		sock_release(x->tgt);
}

static void mcs_crx_send(struct kunit *test, struct mcs_crx *x,
			 const void *buf, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	struct kvec vec = { .iov_base = (void *)buf, .iov_len = len };

	KUNIT_ASSERT_EQ(test, kernel_sendmsg(x->tgt, &msg, &vec, 1, len),
			(int)len);
}

/* Until the connection's receive work took all that was sent. */
static void mcs_crx_drained(struct mcs_crx *x)
{
	int i;

	for (i = 0; i < 400; i++) {
		if (skb_queue_empty_lockless(&x->ini->sk->sk_receive_queue) ||
		    READ_ONCE(x->conn->failed))
			return;
		usleep_range(500, 1000);
	}
}

/* @buf in two pieces, the receive work running between them. */
static void mcs_crx_send_split(struct kunit *test, struct mcs_crx *x,
			       const void *buf, size_t len, size_t at)
{
	mcs_crx_send(test, x, buf, at);
	mcs_crx_drained(x);
	mcs_crx_send(test, x, (const u8 *)buf + at, len - at);
	mcs_crx_drained(x);
}

static bool mcs_crx_failed(struct mcs_crx *x)
{
	int i;

	for (i = 0; i < 200; i++) {
		if (READ_ONCE(x->conn->failed))
			return true;
		usleep_range(10000, 20000);
	}
	return false;
}

static void mcs_crx_expect_fail(struct kunit *test, struct mcs_crx *x,
				const char *why)
{
	KUNIT_ASSERT_TRUE_MSG(test, mcs_crx_failed(x), "expected: %s", why);
	KUNIT_EXPECT_STREQ(test, x->conn->fail_why ?: "(none)", why);
}

/* A target's ping: NOP-In, reserved ITT, a TTT and @dlen bytes of data. */
static size_t mcs_crx_ping(u8 *buf, u32 ttt, u32 dlen, u32 exp_cmdsn)
{
	struct iscsi_nopin *nop = (struct iscsi_nopin *)buf;
	u32 i;

	memset(buf, 0, ISCSI_HDR_LEN + ALIGN(dlen, ISCSI_PAD_LEN));
	nop->opcode = ISCSI_OP_NOOP_IN;
	nop->flags = ISCSI_FLAG_CMD_FINAL;
	hton24(nop->dlength, dlen);
	nop->itt = RESERVED_ITT;
	nop->ttt = cpu_to_be32(ttt);
	nop->statsn = cpu_to_be32(0x100);
	nop->exp_cmdsn = cpu_to_be32(exp_cmdsn);
	nop->max_cmdsn = cpu_to_be32(exp_cmdsn + 31);
	for (i = 0; i < dlen; i++)
		buf[ISCSI_HDR_LEN + i] = 'a' + i % 26;
	return ISCSI_HDR_LEN + ALIGN(dlen, ISCSI_PAD_LEN);
}

static void mcs_conn_rx_malformed(struct kunit *test)
{
	const struct mcs_t_bad_rx *c;
	struct iscsi_hdr hdr;
	struct mcs_crx x;
	unsigned int n = 0;
	bool login;

	for (c = mcs_t_bad_rxs; c < mcs_t_bad_rxs + ARRAY_SIZE(mcs_t_bad_rxs);
	     c++) {
		login = c->opcode == ISCSI_OP_LOGIN_RSP;
		/* Only what a connection in full feature phase receives. */
		if (login != c->wrong_phase)
			continue;
		mcs_crx_start(test, &x, c->erl, false);
		mcs_t_rx(&hdr, c->opcode);
		mcs_t_patch(&hdr, c);
		mcs_crx_send_split(test, &x, &hdr, sizeof(hdr),
				   1 + n++ % (sizeof(hdr) - 1));
		KUNIT_EXPECT_TRUE_MSG(test, mcs_crx_failed(&x), "%s", c->desc);
		KUNIT_EXPECT_STREQ_MSG(test, x.conn->fail_why ?: "(none)",
				       c->reason, "%s", c->desc);
		mcs_crx_stop(&x);
	}
	KUNIT_EXPECT_GT(test, n, 20U);
}

/* The answer to a ping, read back from the target's end. */
static void mcs_crx_expect_echo(struct kunit *test, struct mcs_crx *x,
				u32 ttt, u32 dlen)
{
	u8 *buf = kunit_kzalloc(test, ISCSI_HDR_LEN + 4096, GFP_KERNEL);
	struct iscsi_nopout *out = (struct iscsi_nopout *)buf;
	struct kvec vec = { .iov_base = buf,
			    .iov_len = ISCSI_HDR_LEN + ALIGN(dlen, ISCSI_PAD_LEN) };
	struct msghdr msg = {};
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_ASSERT_EQ(test, kernel_recvmsg(x->tgt, &msg, &vec, 1, vec.iov_len,
					     MSG_WAITALL), (int)vec.iov_len);
	KUNIT_EXPECT_EQ(test, out->opcode & ISCSI_OPCODE_MASK, ISCSI_OP_NOOP_OUT);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(out->ttt), ttt);
	KUNIT_EXPECT_EQ(test, ntoh24(out->dlength), dlen);
	for (i = 0; i < dlen; i++)
		if (buf[ISCSI_HDR_LEN + i] != 'a' + i % 26)
			break;
	KUNIT_EXPECT_EQ(test, i, dlen);
}

static void mcs_conn_rx_ping_split_everywhere(struct kunit *test)
{
	u8 buf[ISCSI_HDR_LEN + 8];
	struct mcs_crx x;
	size_t len, at;

	mcs_crx_start(test, &x, 0, false);
	for (at = 1; at < ISCSI_HDR_LEN + 8; at++) {
		len = mcs_crx_ping(buf, 0x500 + at, 5, 1);
		mcs_crx_send_split(test, &x, buf, len, at);
		mcs_crx_expect_echo(test, &x, 0x500 + at, 5);
		if (READ_ONCE(x.conn->failed))
			break;
	}
	KUNIT_EXPECT_FALSE_MSG(test, READ_ONCE(x.conn->failed), "failed: %s",
			       x.conn->fail_why ?: "");
	mcs_crx_stop(&x);
}

static void mcs_conn_rx_hdr_digest(struct kunit *test)
{
	u8 buf[ISCSI_HDR_LEN + ISCSI_CRC_LEN];
	struct mcs_crx x;
	__le32 d;

	mcs_crx_start(test, &x, 0, true);
	mcs_crx_ping(buf, 0x77, 0, 1);
	d = mcs_pdu_hdr_digest(buf, ISCSI_HDR_LEN);
	memcpy(buf + ISCSI_HDR_LEN, &d, sizeof(d));
	mcs_crx_send_split(test, &x, buf, sizeof(buf), ISCSI_HDR_LEN + 1);
	mcs_crx_expect_echo(test, &x, 0x77, 0);
	KUNIT_EXPECT_FALSE(test, READ_ONCE(x.conn->failed));

	buf[ISCSI_HDR_LEN] ^= 1;
	mcs_crx_send(test, &x, buf, sizeof(buf));
	mcs_crx_expect_fail(test, &x, "header digest error");
	mcs_crx_stop(&x);
}

/* ExpCmdSN = CmdSN + 2^30 would close the window for good. */
static void mcs_conn_rx_exp_cmdsn_beyond(struct kunit *test)
{
	u8 buf[ISCSI_HDR_LEN];
	struct mcs_crx x;

	mcs_crx_start(test, &x, 0, false);
	mcs_crx_ping(buf, ISCSI_RESERVED_TAG, 0, 1 + (1U << 30));
	mcs_crx_send(test, &x, buf, sizeof(buf));
	mcs_crx_expect_fail(test, &x, "ExpCmdSN beyond the next CmdSN");
	mcs_crx_stop(&x);
}

/* A Logout Response nobody asked for would make the next loss expected. */
static void mcs_conn_rx_stray_logout_rsp(struct kunit *test)
{
	struct iscsi_logout_rsp rsp = {
		.opcode = ISCSI_OP_LOGOUT_RSP,
		.flags = ISCSI_FLAG_CMD_FINAL,
		.itt = cpu_to_be32(0x80000005),
		.exp_cmdsn = cpu_to_be32(1),
		.max_cmdsn = cpu_to_be32(32),
	};
	struct mcs_crx x;

	mcs_crx_start(test, &x, 0, false);
	mcs_crx_send(test, &x, &rsp, sizeof(rsp));
	mcs_crx_expect_fail(test, &x, "Logout Response for no Logout of ours");
	mcs_crx_stop(&x);
}

/*
 * Pings with 4 KiB of data while the target reads none of the answers:
 * what waits to be sent stays bounded and the connection fails.
 */
static void mcs_conn_rx_ping_flood(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, ISCSI_HDR_LEN + 4096, GFP_KERNEL);
	struct mcs_crx x;
	size_t len;
	int i;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	mcs_crx_start(test, &x, 0, false);
	/* Our answers fill what the target does not read at once. */
	x.ini->sk->sk_sndbuf = SOCK_MIN_SNDBUF;
	for (i = 0; i < 64 && !READ_ONCE(x.conn->failed); i++) {
		len = mcs_crx_ping(buf, 0x1000 + i, 4096, 1);
		mcs_crx_send(test, &x, buf, len);
		mcs_crx_drained(&x);
	}
	mcs_crx_expect_fail(test, &x,
			    "target pings faster than it reads the answers");
	KUNIT_EXPECT_LE(test, atomic_read(&x.conn->nop_echoes),
			MCS_NOP_ECHO_MAX);
	mcs_crx_stop(&x);
}

static struct kunit_case mcs_conn_rx_cases[] = {
	KUNIT_CASE(mcs_conn_rx_malformed),
	KUNIT_CASE(mcs_conn_rx_ping_split_everywhere),
	KUNIT_CASE(mcs_conn_rx_hdr_digest),
	KUNIT_CASE(mcs_conn_rx_exp_cmdsn_beyond),
	KUNIT_CASE(mcs_conn_rx_stray_logout_rsp),
	KUNIT_CASE(mcs_conn_rx_ping_flood),
	{}
};

/* Before the module's init on 6.1, after it on 6.12: take the queue too. */
static int mcs_conn_rx_suite_init(struct kunit_suite *suite)
{
	return mcs_conn_wq_init();
}

static void mcs_conn_rx_suite_exit(struct kunit_suite *suite)
{
	mcs_conn_wq_uninit();
}

static struct kunit_suite mcs_conn_rx_suite = {
	.name = "iscsi_mcs_conn_rx",
	.suite_init = mcs_conn_rx_suite_init,
	.suite_exit = mcs_conn_rx_suite_exit,
	.test_cases = mcs_conn_rx_cases,
};

kunit_test_suite(mcs_conn_rx_suite);
