// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_login_sock": mcs_login() over a real kernel
 * socket pair, against a small target run in a kthread that answers every
 * key with the value offered and misbehaves as each case asks: a login
 * continued without end, answers for another session or ISID, a version
 * we did not offer, and a target trickling its answer a byte at a time.
 */

#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/net.h>
#include <linux/slab.h>
#include <linux/uio.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <scsi/iscsi_proto.h>

#include "../login.h"
#include "../params.h"

enum mcs_fake_mode {
	MCS_FAKE_GOOD,		/* a target that follows the protocol */
	MCS_FAKE_CONT_EMPTY,	/* C=1 and no text, for ever */
	MCS_FAKE_CONT_FOREVER,	/* C=1 with text, for ever */
	MCS_FAKE_TSIH_ZERO,	/* the final answer gives TSIH 0 */
	MCS_FAKE_TSIH_OTHER,	/* another session's TSIH */
	MCS_FAKE_ISID,		/* another ISID */
	MCS_FAKE_VERSION,	/* version-active 1 */
	MCS_FAKE_TRICKLE,	/* each answer a byte at a time */
};

struct mcs_fake {
	struct socket *sock;
	enum mcs_fake_mode mode;
	u16 tsih;
	struct completion done;
	u8 *req;
	u8 *rsp;
};

#define MCS_FAKE_SEG	8192
#define MCS_FAKE_TSIH	0x1234

static int mcs_fake_recv(struct socket *sock, void *buf, size_t len)
{
	struct kvec vec = { .iov_base = buf, .iov_len = len };
	struct msghdr msg = {};
	int ret;

	ret = kernel_recvmsg(sock, &msg, &vec, 1, len, MSG_WAITALL);
	return ret == len ? 0 : -EPIPE;
}

static int mcs_fake_send(struct mcs_fake *f, const void *buf, size_t len)
{
	struct msghdr msg = { .msg_flags = MSG_NOSIGNAL };
	struct kvec vec = { .iov_base = (void *)buf, .iov_len = len };
	size_t i;

	if (f->mode != MCS_FAKE_TRICKLE)
		return kernel_sendmsg(f->sock, &msg, &vec, 1, len) == len ?
		       0 : -EPIPE;
	/* Each byte well within the login timeout, the whole far beyond. */
	for (i = 0; i < len; i++) {
		vec = (struct kvec){ .iov_base = (u8 *)buf + i, .iov_len = 1 };
		if (kernel_sendmsg(f->sock, &msg, &vec, 1, 1) != 1)
			return -EPIPE;
		msleep(20);
	}
	return 0;
}

/* Every key offered, answered with its first value; declarations skipped. */
static u32 mcs_fake_answer(const u8 *text, u32 len, u8 *out)
{
	static const char *const skip[] = {
		"InitiatorName", "InitiatorAlias", "TargetName", "SessionType",
	};
	const char *p = (const char *)text, *end = p + len;
	u32 n = 0;

	while (p < end && *p) {
		const char *eq = strnchr(p, end - p, '=');
		size_t klen, vlen, i;
		bool skipped = false;

		if (!eq)
			break;
		klen = eq - p;
		for (i = 0; i < ARRAY_SIZE(skip); i++)
			if (klen == strlen(skip[i]) && !strncmp(p, skip[i], klen))
				skipped = true;
		vlen = strcspn(eq + 1, ",");
		if (!skipped && n + klen + vlen + 8 < MCS_FAKE_SEG) {
			memcpy(out + n, p, klen + 1);
			n += klen + 1;
			if (klen == 10 && !strncmp(p, "AuthMethod", 10)) {
				memcpy(out + n, "None", 4);
				n += 4;
			} else {
				memcpy(out + n, eq + 1, vlen);
				n += vlen;
			}
			out[n++] = '\0';
		}
		p += strlen(p) + 1;
	}
	return n;
}

static int mcs_fake_thread(void *data)
{
	struct mcs_fake *f = data;
	struct iscsi_login_req *rq = (struct iscsi_login_req *)f->req;
	struct iscsi_login_rsp *rs = (struct iscsi_login_rsp *)f->rsp;
	u32 statsn = 1, dlen, n;
	bool final;

	for (;;) {
		if (mcs_fake_recv(f->sock, rq, sizeof(*rq)))
			break;
		dlen = ntoh24(rq->dlength);
		if (dlen > MCS_FAKE_SEG ||
		    (dlen && mcs_fake_recv(f->sock, f->req + sizeof(*rq),
					   ALIGN(dlen, ISCSI_PAD_LEN))))
			break;
		memset(rs, 0, sizeof(*rs));
		rs->opcode = ISCSI_OP_LOGIN_RSP;
		rs->flags = rq->flags & (ISCSI_FLAG_LOGIN_TRANSIT |
					 ISCSI_FLAG_LOGIN_CURRENT_STAGE_MASK |
					 ISCSI_FLAG_LOGIN_NEXT_STAGE_MASK);
		final = (rq->flags & ISCSI_FLAG_LOGIN_TRANSIT) &&
			ISCSI_LOGIN_NEXT_STAGE(rq->flags) == ISCSI_FULL_FEATURE_PHASE;
		memcpy(rs->isid, rq->isid, sizeof(rs->isid));
		if (f->mode == MCS_FAKE_ISID)
			rs->isid[5] ^= 1;
		if (f->mode == MCS_FAKE_VERSION)
			rs->active_version = 1;
		rs->tsih = rq->tsih;
		if (final)
			rs->tsih = cpu_to_be16(f->tsih);
		rs->itt = rq->itt;
		rs->statsn = cpu_to_be32(statsn++);
		rs->exp_cmdsn = rq->cmdsn;
		rs->max_cmdsn = cpu_to_be32(be32_to_cpu(rq->cmdsn) + 31);
		n = mcs_fake_answer(f->req + sizeof(*rq), dlen,
				    f->rsp + sizeof(*rs));
		if (f->mode == MCS_FAKE_CONT_EMPTY ||
		    f->mode == MCS_FAKE_CONT_FOREVER) {
			rs->flags &= ~ISCSI_FLAG_LOGIN_TRANSIT;
			rs->flags |= ISCSI_FLAG_LOGIN_CONTINUE;
			n = 0;
			if (f->mode == MCS_FAKE_CONT_FOREVER) {
				memcpy(f->rsp + sizeof(*rs), "X-a=b", 5);
				n = 5;
			}
		}
		hton24(rs->dlength, n);
		memset(f->rsp + sizeof(*rs) + n, 0, ISCSI_PAD_LEN);
		if (mcs_fake_send(f, rs, sizeof(*rs) + ALIGN(n, ISCSI_PAD_LEN)))
			break;
	}
	complete(&f->done);
	return 0;
}

struct mcs_login_case {
	const char *name;
	enum mcs_fake_mode mode;
	u16 tsih;		/* what the target gives in its final answer */
	bool non_leading;	/* log in as connection 1 of session TSIH */
	int ret;
	const char *why;
};

static const struct mcs_login_case mcs_login_cases[] = {
	{ "good", MCS_FAKE_GOOD, MCS_FAKE_TSIH, false, 0, NULL },
	{ "good_non_leading", MCS_FAKE_GOOD, MCS_FAKE_TSIH, true, 0, NULL },
	{ "cont_empty", MCS_FAKE_CONT_EMPTY, MCS_FAKE_TSIH, false, -EPROTO,
	  "continued Login Response without text" },
	{ "cont_forever", MCS_FAKE_CONT_FOREVER, MCS_FAKE_TSIH, false, -EPROTO,
	  "Login Response continued without end" },
	{ "tsih_zero", MCS_FAKE_TSIH_ZERO, 0, false, -EPROTO,
	  "target ended the login with TSIH 0" },
	{ "tsih_other", MCS_FAKE_TSIH_OTHER, MCS_FAKE_TSIH + 1, true, -EPROTO,
	  "Login Response for another session (TSIH)" },
	{ "isid", MCS_FAKE_ISID, MCS_FAKE_TSIH, false, -EPROTO,
	  "Login Response for another ISID" },
	{ "version", MCS_FAKE_VERSION, MCS_FAKE_TSIH, false, -EPROTO,
	  "Login Response with a version we did not offer" },
	{ "trickle", MCS_FAKE_TRICKLE, MCS_FAKE_TSIH, false, -ETIMEDOUT,
	  "login did not finish within its deadline" },
};

static void mcs_login_sock_run(struct kunit *test, unsigned int i)
{
	const struct mcs_login_case *c = &mcs_login_cases[i];
	struct socket *ini = NULL, *tgt = NULL;
	struct mcs_login_opts *opts;
	struct mcs_login_req req = {};
	struct mcs_login_res *res;
	struct mcs_params *sessp;
	struct task_struct *t;
	struct mcs_fake *f;
	int ret;

	opts = kunit_kzalloc(test, sizeof(*opts), GFP_KERNEL);
	res = kunit_kzalloc(test, sizeof(*res), GFP_KERNEL);
	sessp = kunit_kzalloc(test, sizeof(*sessp), GFP_KERNEL);
	f = kunit_kzalloc(test, sizeof(*f), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, opts);
	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_ASSERT_NOT_NULL(test, sessp);
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->req = kunit_kzalloc(test, sizeof(struct iscsi_hdr) + MCS_FAKE_SEG,
			       GFP_KERNEL);
	f->rsp = kunit_kzalloc(test, sizeof(struct iscsi_hdr) + MCS_FAKE_SEG +
			       ISCSI_PAD_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f->req);
	KUNIT_ASSERT_NOT_NULL(test, f->rsp);

	KUNIT_ASSERT_EQ(test, sock_create_kern(&init_net, AF_UNIX, SOCK_STREAM,
					       0, &ini), 0);
	ret = sock_create_kern(&init_net, AF_UNIX, SOCK_STREAM, 0, &tgt);
	if (ret)
		sock_release(ini);
	KUNIT_ASSERT_EQ(test, ret, 0);
	ret = ini->ops->socketpair(ini, tgt);
	if (ret)
		goto out_release;
	/* The login timeout, as sock.c sets it from the request. */
	ini->sk->sk_rcvtimeo = msecs_to_jiffies(200);
	ini->sk->sk_sndtimeo = msecs_to_jiffies(200);
	tgt->sk->sk_rcvtimeo = msecs_to_jiffies(5000);

	f->sock = tgt;
	f->mode = c->mode;
	f->tsih = c->tsih;
	init_completion(&f->done);
	t = kthread_run(mcs_fake_thread, f, "mcs-fake-target");
	if (IS_ERR(t)) {
		ret = PTR_ERR(t);
		goto out_release;
	}

	mcs_login_opts_init(opts);
	req.sock = ini;
	req.opts = opts;
	req.initiator_name = "iqn.2026-12.org.example:ini";
	req.target_name = "iqn.2026-12.org.example:tgt";
	memcpy(req.isid, "\x80\x12\x34\x56\x78\x9a", sizeof(req.isid));
	if (c->non_leading) {
		sessp->sess = (struct mcs_sess_params){ .max_connections = 8 };
		req.tsih = MCS_FAKE_TSIH;
		req.cid = 1;
		req.session = sessp;
	}
	ret = mcs_login(&req, res);

	/* The target's thread ends when its socket does. */
	kernel_sock_shutdown(ini, SHUT_RDWR);
	kernel_sock_shutdown(tgt, SHUT_RDWR);
	wait_for_completion(&f->done);
	KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "why: %s",
			    res->why ? res->why : "(none)");
	if (c->why)
		KUNIT_EXPECT_STREQ(test, res->why ?: "", c->why);
	else if (!ret)
		KUNIT_EXPECT_EQ(test, res->tsih, (u16)MCS_FAKE_TSIH);
	ret = 0;

out_release:
	sock_release(tgt);
	sock_release(ini);
	KUNIT_EXPECT_EQ(test, ret, 0);
}

static void mcs_login_sock_good(struct kunit *test)
{
	mcs_login_sock_run(test, 0);
}

static void mcs_login_sock_good_non_leading(struct kunit *test)
{
	mcs_login_sock_run(test, 1);
}

static void mcs_login_sock_cont_empty(struct kunit *test)
{
	mcs_login_sock_run(test, 2);
}

static void mcs_login_sock_cont_forever(struct kunit *test)
{
	mcs_login_sock_run(test, 3);
}

static void mcs_login_sock_tsih_zero(struct kunit *test)
{
	mcs_login_sock_run(test, 4);
}

static void mcs_login_sock_tsih_other(struct kunit *test)
{
	mcs_login_sock_run(test, 5);
}

static void mcs_login_sock_isid(struct kunit *test)
{
	mcs_login_sock_run(test, 6);
}

static void mcs_login_sock_version(struct kunit *test)
{
	mcs_login_sock_run(test, 7);
}

static void mcs_login_sock_trickle(struct kunit *test)
{
	mcs_login_sock_run(test, 8);
}

static struct kunit_case mcs_login_sock_cases[] = {
	KUNIT_CASE(mcs_login_sock_good),
	KUNIT_CASE(mcs_login_sock_good_non_leading),
	KUNIT_CASE(mcs_login_sock_cont_empty),
	KUNIT_CASE(mcs_login_sock_cont_forever),
	KUNIT_CASE(mcs_login_sock_tsih_zero),
	KUNIT_CASE(mcs_login_sock_tsih_other),
	KUNIT_CASE(mcs_login_sock_isid),
	KUNIT_CASE(mcs_login_sock_version),
	KUNIT_CASE(mcs_login_sock_trickle),
	{}
};

static struct kunit_suite mcs_login_sock_suite = {
	.name = "iscsi_mcs_login_sock",
	.test_cases = mcs_login_sock_cases,
};

kunit_test_suite(mcs_login_sock_suite);
