// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_params": the key table, the initiator's offers,
 * every key's rule for the target's answers and offers, the protocol
 * errors, and whole logins from first offer to result.
 *
 * Results are read through explicit struct fields, not through the
 * table's offsets, so a wrong offset in the table fails here.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <scsi/iscsi_proto.h>

#include "../params.h"

/*
 * 6.1's KUNIT_EXPECT_STREQ dereferences a NULL string: "x ?: \"(null)\""
 * lets a missing reason fail the case instead of oopsing the kernel.
 */

#define MCS_PT_SEC	ISCSI_SECURITY_NEGOTIATION_STAGE
#define MCS_PT_OPER	ISCSI_OP_PARMS_NEGOTIATION_STAGE
#define MCS_PT_INAME	"iqn.2026-11.org.example:host1"
#define MCS_PT_TNAME	"iqn.2026-11.org.example:target1"

struct mcs_pt_ctx {
	struct mcs_login_opts opts;
	struct mcs_neg neg;
	struct mcs_text_buf out;
	struct mcs_text_buf reply;
	struct mcs_sec_keys sec;
	const char *why;
};

static int mcs_pt_init(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	mcs_login_opts_init(&ctx->opts);
	mcs_text_buf_init(&ctx->out, MCS_TEXT_MAX);
	mcs_text_buf_init(&ctx->reply, MCS_TEXT_MAX);
	test->priv = ctx;
	return 0;
}

static void mcs_pt_exit(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;

	mcs_text_buf_free(&ctx->out);
	mcs_text_buf_free(&ctx->reply);
}

static struct mcs_pt_ctx *mcs_pt_start(struct kunit *test,
				       enum mcs_session_type type, bool leading)
{
	struct mcs_pt_ctx *ctx = test->priv;

	KUNIT_ASSERT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, MCS_PT_INAME,
					   "host one",
					   type == MCS_SESSION_NORMAL ?
					   MCS_PT_TNAME : NULL,
					   type, leading, &ctx->why), 0);
	mcs_text_buf_reset(&ctx->out);
	mcs_text_buf_reset(&ctx->reply);
	memset(&ctx->sec, 0, sizeof(ctx->sec));
	return ctx;
}

/*
 * Decode a text the way the login code will, then negotiate it. '|' in
 * @text stands for the NUL after each pair; the last one is implied.
 */
static int mcs_pt_feed(struct kunit *test, int stage, const char *text)
{
	struct mcs_pt_ctx *ctx = test->priv;
	struct mcs_text_pairs pairs;
	size_t len = strlen(text) + 1, i;
	char *copy;
	int ret;

	/* The CHAP values point into it: it lives as long as the test. */
	copy = kunit_kmalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	for (i = 0; i < len; i++)
		copy[i] = text[i] == '|' ? '\0' : text[i];
	ctx->why = NULL;
	ret = mcs_text_decode(copy, len, 0, &pairs, &ctx->why);
	if (ret)
		return ret;
	ret = mcs_neg_process(&ctx->neg, stage, &pairs, &ctx->reply, &ctx->sec,
			      &ctx->why);
	mcs_text_pairs_free(&pairs);
	return ret;
}

/* A text given as one string per pair. */
static int mcs_pt_feed_list(struct kunit *test, int stage,
			    const char *const *list, size_t n)
{
	size_t i, len = 0;
	char *text;

	for (i = 0; i < n; i++)
		len += strlen(list[i]) + 1;
	text = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, text);
	for (i = 0; i < n; i++) {
		if (i)
			strcat(text, "|");
		strcat(text, list[i]);
	}
	return mcs_pt_feed(test, stage, text);
}

/* The value of @key in a text we built; it must decode without repeats. */
static const char *mcs_pt_get(struct kunit *test, const struct mcs_text_buf *tb,
			      const char *key)
{
	struct mcs_text_pairs pairs;
	const char *why = NULL, *v;
	char *copy;

	if (!tb->len)
		return NULL;
	copy = kunit_kmalloc(test, tb->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, tb->data, tb->len);
	KUNIT_ASSERT_EQ_MSG(test, mcs_text_decode(copy, tb->len, 0, &pairs, &why),
			    0, "%s", why);
	v = mcs_text_find(&pairs, key);
	mcs_text_pairs_free(&pairs);
	return v;
}

static u32 mcs_pt_count(struct kunit *test, const struct mcs_text_buf *tb)
{
	struct mcs_text_pairs pairs;
	const char *why = NULL;
	char *copy;
	u32 n;

	if (!tb->len)
		return 0;
	copy = kunit_kmalloc(test, tb->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, tb->data, tb->len);
	KUNIT_ASSERT_EQ(test, mcs_text_decode(copy, tb->len, 0, &pairs, &why), 0);
	n = pairs.n;
	mcs_text_pairs_free(&pairs);
	return n;
}

/* The outcome of a key, read field by field. */
static u32 mcs_pt_result(const struct mcs_params *p, int k)
{
	switch (k) {
	case MCS_KEY_AUTH_METHOD:
		return p->conn.auth_method;
	case MCS_KEY_HEADER_DIGEST:
		return p->conn.header_digest;
	case MCS_KEY_DATA_DIGEST:
		return p->conn.data_digest;
	case MCS_KEY_MAX_CONNECTIONS:
		return p->sess.max_connections;
	case MCS_KEY_TPGT:
		return p->conn.tpgt;
	case MCS_KEY_INITIAL_R2T:
		return p->sess.initial_r2t;
	case MCS_KEY_IMMEDIATE_DATA:
		return p->sess.immediate_data;
	case MCS_KEY_MAX_RECV_DSL:
		return p->conn.max_xmit_dsl;
	case MCS_KEY_MAX_BURST_LENGTH:
		return p->sess.max_burst_length;
	case MCS_KEY_FIRST_BURST_LENGTH:
		return p->sess.first_burst_length;
	case MCS_KEY_DEFAULT_TIME2WAIT:
		return p->sess.default_time2wait;
	case MCS_KEY_DEFAULT_TIME2RETAIN:
		return p->sess.default_time2retain;
	case MCS_KEY_MAX_OUTSTANDING_R2T:
		return p->sess.max_outstanding_r2t;
	case MCS_KEY_DATA_PDU_IN_ORDER:
		return p->sess.data_pdu_in_order;
	case MCS_KEY_DATA_SEQUENCE_IN_ORDER:
		return p->sess.data_sequence_in_order;
	case MCS_KEY_ERROR_RECOVERY_LEVEL:
		return p->sess.error_recovery_level;
	case MCS_KEY_PROTOCOL_LEVEL:
		return p->sess.protocol_level;
	}
	return U32_MAX;
}

static void mcs_params_table_sane(struct kunit *test)
{
	static const char *const rfc_keys[] = {
		"HeaderDigest", "DataDigest", "MaxConnections", "SendTargets",
		"TargetName", "InitiatorName", "TargetAlias", "InitiatorAlias",
		"TargetAddress", "TargetPortalGroupTag", "InitialR2T",
		"ImmediateData", "MaxRecvDataSegmentLength", "MaxBurstLength",
		"FirstBurstLength", "DefaultTime2Wait", "DefaultTime2Retain",
		"MaxOutstandingR2T", "DataPDUInOrder", "DataSequenceInOrder",
		"ErrorRecoveryLevel", "SessionType", "AuthMethod", "CHAP_A",
		"CHAP_I", "CHAP_C", "CHAP_N", "CHAP_R", "TaskReporting",
		"iSCSIProtocolLevel",
	};
	const struct mcs_key_def *d;
	size_t i;
	int k;

	for (i = 0; i < ARRAY_SIZE(rfc_keys); i++)
		KUNIT_EXPECT_GE_MSG(test, mcs_key_find(rfc_keys[i]), 0, "%s",
				    rfc_keys[i]);
	KUNIT_EXPECT_EQ(test, mcs_key_find("headerdigest"), -1);
	KUNIT_EXPECT_EQ(test, mcs_key_find("OFMarker"), -1);

	for (k = 0; k < MCS_KEY_COUNT; k++) {
		d = &mcs_keys[k];
		KUNIT_ASSERT_NOT_NULL_MSG(test, d->name, "key %d", k);
		KUNIT_EXPECT_NULL_MSG(test,
				      mcs_text_key_check(d->name, strlen(d->name)),
				      "%s", d->name);
		KUNIT_EXPECT_EQ_MSG(test, mcs_key_find(d->name), k, "%s", d->name);
		KUNIT_EXPECT_TRUE_MSG(test, d->flags & (MCS_KEY_FROM_I | MCS_KEY_FROM_T),
				      "%s has no sender", d->name);
		KUNIT_EXPECT_GT_MSG(test, d->value_max, 0, "%s", d->name);
		KUNIT_EXPECT_LE_MSG(test, d->value_max, MCS_TEXT_LONG_VALUE_MAX,
				    "%s", d->name);
		KUNIT_EXPECT_LT_MSG(test, d->opt,
				    (s16)sizeof(struct mcs_login_opts), "%s", d->name);
		KUNIT_EXPECT_LT_MSG(test, d->res, (s16)sizeof(struct mcs_params),
				    "%s", d->name);
		switch (d->kind) {
		case MCS_KIND_LIST:
			KUNIT_EXPECT_NOT_NULL_MSG(test, d->vocab, "%s", d->name);
			KUNIT_EXPECT_LT_MSG(test, d->def, (u32)d->n_vocab, "%s",
					    d->name);
			KUNIT_EXPECT_LT_MSG(test, d->fixed, (u32)d->n_vocab, "%s",
					    d->name);
			break;
		case MCS_KIND_MIN:
		case MCS_KIND_MAX:
		case MCS_KIND_DECL_NUM:
			KUNIT_EXPECT_LE_MSG(test, d->min, d->def, "%s", d->name);
			KUNIT_EXPECT_LE_MSG(test, d->def, d->max, "%s", d->name);
			break;
		case MCS_KIND_AND:
		case MCS_KIND_OR:
			KUNIT_EXPECT_LE_MSG(test, d->def, 1U, "%s", d->name);
			break;
		}
		/* Leading-only keys are session keys. */
		if (d->flags & MCS_KEY_LO)
			KUNIT_EXPECT_TRUE_MSG(test, d->flags & MCS_KEY_SESSION,
					      "%s", d->name);
	}
}

static void mcs_params_rfc_defaults(struct kunit *test)
{
	struct mcs_params p;

	memset(&p, 0xa5, sizeof(p));
	mcs_params_init(&p);
	KUNIT_EXPECT_EQ(test, p.conn.auth_method, (u32)MCS_AUTH_NONE);
	KUNIT_EXPECT_EQ(test, p.conn.header_digest, (u32)MCS_DIGEST_NONE);
	KUNIT_EXPECT_EQ(test, p.conn.data_digest, (u32)MCS_DIGEST_NONE);
	KUNIT_EXPECT_EQ(test, p.conn.max_recv_dsl, 8192U);
	KUNIT_EXPECT_EQ(test, p.conn.max_xmit_dsl, 8192U);
	KUNIT_EXPECT_FALSE(test, p.conn.tpgt_seen);
	KUNIT_EXPECT_EQ(test, p.sess.session_type, (u32)MCS_SESSION_NORMAL);
	KUNIT_EXPECT_EQ(test, p.sess.max_connections, 1U);
	KUNIT_EXPECT_TRUE(test, p.sess.initial_r2t);
	KUNIT_EXPECT_TRUE(test, p.sess.immediate_data);
	KUNIT_EXPECT_EQ(test, p.sess.max_burst_length, 262144U);
	KUNIT_EXPECT_EQ(test, p.sess.first_burst_length, 65536U);
	KUNIT_EXPECT_EQ(test, p.sess.default_time2wait, 2U);
	KUNIT_EXPECT_EQ(test, p.sess.default_time2retain, 20U);
	KUNIT_EXPECT_EQ(test, p.sess.max_outstanding_r2t, 1U);
	KUNIT_EXPECT_TRUE(test, p.sess.data_pdu_in_order);
	KUNIT_EXPECT_TRUE(test, p.sess.data_sequence_in_order);
	KUNIT_EXPECT_EQ(test, p.sess.error_recovery_level, 0U);
	KUNIT_EXPECT_EQ(test, p.sess.protocol_level, 1U);
	KUNIT_EXPECT_STREQ(test, p.sess.target_alias, "");
}

static void mcs_params_opts(struct kunit *test)
{
	struct mcs_login_opts o, d;

	mcs_login_opts_init(&d);
	KUNIT_EXPECT_NULL(test, mcs_login_opts_check(&d));
	KUNIT_EXPECT_EQ(test, d.header_digest[0], (u8)MCS_DIGEST_NONE);
	KUNIT_EXPECT_EQ(test, d.n_header_digest, 2);
	KUNIT_EXPECT_EQ(test, d.max_connections, 8U);
	KUNIT_EXPECT_EQ(test, d.max_recv_dsl, 262144U);
	KUNIT_EXPECT_EQ(test, d.max_burst_length, 16776192U);
	KUNIT_EXPECT_EQ(test, d.first_burst_length, 262144U);
	KUNIT_EXPECT_TRUE(test, d.immediate_data);
	KUNIT_EXPECT_FALSE(test, d.initial_r2t);
	KUNIT_EXPECT_EQ(test, d.error_recovery_level, 0U);

	o = d;
	o.first_burst_length = o.max_burst_length + 1;
	o.max_burst_length = MCS_LEN_MAX;
	o.first_burst_length = MCS_LEN_MAX;
	KUNIT_EXPECT_NULL(test, mcs_login_opts_check(&o));
	o.max_burst_length = MCS_LEN_MAX - 1;
	KUNIT_EXPECT_STREQ(test, mcs_login_opts_check(&o) ?: "(null)",
			   "FirstBurstLength must not exceed MaxBurstLength");
	o = d;
	o.max_recv_dsl = 511;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.error_recovery_level = 3;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.max_connections = 0;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o.max_connections = 33;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.default_time2retain = 3601;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.max_outstanding_r2t = 0;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.n_header_digest = 0;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
	o = d;
	o.data_digest[1] = MCS_DIGEST_NONE;
	KUNIT_EXPECT_STREQ(test, mcs_login_opts_check(&o) ?: "(null)",
			   "a digest preference list names a digest twice");
	o = d;
	o.data_digest[0] = MCS_DIGEST_COUNT;
	KUNIT_EXPECT_NOT_NULL(test, mcs_login_opts_check(&o));
}

static void mcs_params_init_rejects(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;
	const char *why = NULL;

	KUNIT_EXPECT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, MCS_PT_INAME,
					   NULL, NULL, MCS_SESSION_NORMAL, true,
					   &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "TargetName is required for a normal session");
	KUNIT_EXPECT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, MCS_PT_INAME,
					   NULL, NULL, MCS_SESSION_DISCOVERY,
					   false, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "a discovery session has a single connection");
	KUNIT_EXPECT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, "host1",
					   NULL, MCS_PT_TNAME,
					   MCS_SESSION_NORMAL, true, &why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, MCS_PT_INAME,
					   "bad\nalias", MCS_PT_TNAME,
					   MCS_SESSION_NORMAL, true, &why),
			-EINVAL);
	ctx->opts.first_burst_length = ctx->opts.max_burst_length + 1;
	KUNIT_EXPECT_EQ(test, mcs_neg_init(&ctx->neg, &ctx->opts, MCS_PT_INAME,
					   NULL, MCS_PT_TNAME,
					   MCS_SESSION_NORMAL, true, &why),
			-EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)",
			   "FirstBurstLength must not exceed MaxBurstLength");
}

static void mcs_params_leading_offer(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;
	u32 n;

	((struct mcs_pt_ctx *)test->priv)->opts.auth_chap = true;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "InitiatorName") ?: "(null)",
			   MCS_PT_INAME);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "TargetName") ?: "(null)",
			   MCS_PT_TNAME);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "InitiatorAlias") ?: "(null)",
			   "host one");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "SessionType") ?: "(null)",
			   "Normal");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "AuthMethod") ?: "(null)",
			   "CHAP");
	KUNIT_EXPECT_EQ(test, mcs_pt_count(test, &ctx->out), 5U);
	/* No operational key in the security stage. */
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "HeaderDigest"));

	mcs_text_buf_reset(&ctx->out);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "InitiatorName"));
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "HeaderDigest") ?: "(null)",
			   "None,CRC32C");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "DataDigest") ?: "(null)",
			   "None,CRC32C");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "MaxConnections") ?: "(null)", "8");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "InitialR2T") ?: "(null)", "No");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "ImmediateData") ?: "(null)", "Yes");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out,
					    "MaxRecvDataSegmentLength") ?: "(null)", "262144");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "MaxBurstLength") ?: "(null)",
			   "16776192");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "FirstBurstLength") ?: "(null)",
			   "262144");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "DefaultTime2Wait") ?: "(null)", "2");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "DefaultTime2Retain") ?: "(null)",
			   "20");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "MaxOutstandingR2T") ?: "(null)", "1");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "DataPDUInOrder") ?: "(null)", "Yes");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "DataSequenceInOrder") ?: "(null)",
			   "Yes");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "ErrorRecoveryLevel") ?: "(null)",
			   "0");
	KUNIT_EXPECT_EQ(test, mcs_pt_count(test, &ctx->out), 14U);

	/* Offering again adds nothing. */
	n = ctx->out.len;
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, ctx->out.len, n);

	KUNIT_EXPECT_EQ(test, mcs_neg_offer(&ctx->neg, ISCSI_FULL_FEATURE_PHASE,
					    &ctx->out, &ctx->why), -EINVAL);
}

static void mcs_params_leading_offer_irrelevant_fbl(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;

	/* RFC 7143 13.14: no unsolicited data, no FirstBurstLength. */
	ctx->opts.initial_r2t = true;
	ctx->opts.immediate_data = false;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "FirstBurstLength"));
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "InitialR2T") ?: "(null)", "Yes");
	/* The declarations came first, since no security stage was offered. */
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "SessionType") ?: "(null)",
			   "Normal");
}

static void mcs_params_non_leading_offer(struct kunit *test)
{
	struct mcs_text_pairs pairs;
	struct mcs_pt_ctx *ctx;
	const char *why = NULL;
	char *copy;
	u32 i;
	int k;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);

	copy = kunit_kmalloc(test, ctx->out.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, ctx->out.data, ctx->out.len);
	KUNIT_ASSERT_EQ(test, mcs_text_decode(copy, ctx->out.len, 0, &pairs, &why),
			0);
	for (i = 0; i < pairs.n; i++) {
		k = mcs_key_find(pairs.pair[i].key);
		KUNIT_ASSERT_GE(test, k, 0);
		/* Connection keys, and the two names LIO needs. */
		KUNIT_EXPECT_TRUE_MSG(test,
				      !(mcs_keys[k].flags & MCS_KEY_SESSION) ||
				      k == MCS_KEY_INITIATOR_NAME ||
				      k == MCS_KEY_TARGET_NAME,
				      "non-leading login offers %s",
				      pairs.pair[i].key);
	}
	KUNIT_EXPECT_EQ(test, pairs.n, 6U);
	KUNIT_EXPECT_STREQ(test, mcs_text_find(&pairs, "InitiatorName") ?: "(null)",
			   MCS_PT_INAME);
	KUNIT_EXPECT_STREQ(test, mcs_text_find(&pairs, "TargetName") ?: "(null)", MCS_PT_TNAME);
	KUNIT_EXPECT_STREQ(test, mcs_text_find(&pairs, "AuthMethod") ?: "(null)", "None");
	KUNIT_EXPECT_NOT_NULL(test, mcs_text_find(&pairs, "HeaderDigest"));
	KUNIT_EXPECT_NOT_NULL(test, mcs_text_find(&pairs, "DataDigest"));
	KUNIT_EXPECT_NOT_NULL(test, mcs_text_find(&pairs,
						  "MaxRecvDataSegmentLength"));
	KUNIT_EXPECT_NULL(test, mcs_text_find(&pairs, "SessionType"));
	KUNIT_EXPECT_NULL(test, mcs_text_find(&pairs, "InitiatorAlias"));
	mcs_text_pairs_free(&pairs);
}

static void mcs_params_discovery(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;

	ctx = mcs_pt_start(test, MCS_SESSION_DISCOVERY, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "SessionType") ?: "(null)",
			   "Discovery");
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "TargetName"));
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "MaxConnections"));
	KUNIT_EXPECT_NULL(test, mcs_pt_get(test, &ctx->out, "MaxBurstLength"));
	KUNIT_EXPECT_NOT_NULL(test, mcs_pt_get(test, &ctx->out, "HeaderDigest"));
	/* InitiatorName, InitiatorAlias, SessionType + three connection keys. */
	KUNIT_EXPECT_EQ(test, mcs_pt_count(test, &ctx->out), 6U);

	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxBurstLength=262144|DefaultTime2Wait=0"),
			0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply, "MaxBurstLength") ?: "(null)",
			   "Irrelevant");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply, "DefaultTime2Wait") ?: "(null)",
			   "2");
}

struct mcs_answer_case {
	const char *text;
	int key;
	int ret;
	u32 result;
};

/* Answers to the default offer: see mcs_params_leading_offer(). */
static const struct mcs_answer_case mcs_answer_cases[] = {
	{ "HeaderDigest=None", MCS_KEY_HEADER_DIGEST, 0, MCS_DIGEST_NONE },
	{ "HeaderDigest=CRC32C", MCS_KEY_HEADER_DIGEST, 0, MCS_DIGEST_CRC32C },
	{ "DataDigest=CRC32C", MCS_KEY_DATA_DIGEST, 0, MCS_DIGEST_CRC32C },
	{ "HeaderDigest=CRC32C,None", MCS_KEY_HEADER_DIGEST, -EPROTO, 0 },
	{ "HeaderDigest=MD5", MCS_KEY_HEADER_DIGEST, -EPROTO, 0 },
	{ "HeaderDigest=none", MCS_KEY_HEADER_DIGEST, -EPROTO, 0 },
	{ "HeaderDigest=Reject", MCS_KEY_HEADER_DIGEST, 0, MCS_DIGEST_NONE },
	{ "HeaderDigest=Irrelevant", MCS_KEY_HEADER_DIGEST, 0, MCS_DIGEST_NONE },
	{ "HeaderDigest=NotUnderstood", MCS_KEY_HEADER_DIGEST, -EPROTO, 0 },
	{ "MaxConnections=4", MCS_KEY_MAX_CONNECTIONS, 0, 4 },
	{ "MaxConnections=8", MCS_KEY_MAX_CONNECTIONS, 0, 8 },
	{ "MaxConnections=0x4", MCS_KEY_MAX_CONNECTIONS, 0, 4 },
	{ "MaxConnections=9", MCS_KEY_MAX_CONNECTIONS, -EPROTO, 0 },
	{ "MaxConnections=0", MCS_KEY_MAX_CONNECTIONS, -EPROTO, 0 },
	{ "MaxConnections=four", MCS_KEY_MAX_CONNECTIONS, -EPROTO, 0 },
	{ "MaxConnections=Reject", MCS_KEY_MAX_CONNECTIONS, 0, 1 },
	{ "MaxConnections=Irrelevant", MCS_KEY_MAX_CONNECTIONS, 0, 1 },
	{ "InitialR2T=Yes", MCS_KEY_INITIAL_R2T, 0, 1 },
	{ "InitialR2T=No", MCS_KEY_INITIAL_R2T, 0, 0 },
	{ "InitialR2T=Maybe", MCS_KEY_INITIAL_R2T, -EPROTO, 0 },
	{ "InitialR2T=Reject", MCS_KEY_INITIAL_R2T, 0, 1 },
	{ "ImmediateData=No", MCS_KEY_IMMEDIATE_DATA, 0, 0 },
	{ "ImmediateData=Yes", MCS_KEY_IMMEDIATE_DATA, 0, 1 },
	{ "MaxBurstLength=262144", MCS_KEY_MAX_BURST_LENGTH, 0, 262144 },
	{ "MaxBurstLength=16776192", MCS_KEY_MAX_BURST_LENGTH, 0, 16776192 },
	{ "MaxBurstLength=16776193", MCS_KEY_MAX_BURST_LENGTH, -EPROTO, 0 },
	{ "MaxBurstLength=511", MCS_KEY_MAX_BURST_LENGTH, -EPROTO, 0 },
	{ "MaxBurstLength=Reject", MCS_KEY_MAX_BURST_LENGTH, 0, 262144 },
	{ "FirstBurstLength=65536", MCS_KEY_FIRST_BURST_LENGTH, 0, 65536 },
	{ "FirstBurstLength=262145", MCS_KEY_FIRST_BURST_LENGTH, -EPROTO, 0 },
	{ "DefaultTime2Wait=5", MCS_KEY_DEFAULT_TIME2WAIT, 0, 5 },
	{ "DefaultTime2Wait=2", MCS_KEY_DEFAULT_TIME2WAIT, 0, 2 },
	{ "DefaultTime2Wait=1", MCS_KEY_DEFAULT_TIME2WAIT, -EPROTO, 0 },
	{ "DefaultTime2Wait=3601", MCS_KEY_DEFAULT_TIME2WAIT, -EPROTO, 0 },
	{ "DefaultTime2Retain=0", MCS_KEY_DEFAULT_TIME2RETAIN, 0, 0 },
	{ "DefaultTime2Retain=21", MCS_KEY_DEFAULT_TIME2RETAIN, -EPROTO, 0 },
	{ "MaxOutstandingR2T=1", MCS_KEY_MAX_OUTSTANDING_R2T, 0, 1 },
	{ "MaxOutstandingR2T=2", MCS_KEY_MAX_OUTSTANDING_R2T, -EPROTO, 0 },
	{ "DataPDUInOrder=Yes", MCS_KEY_DATA_PDU_IN_ORDER, 0, 1 },
	{ "DataPDUInOrder=No", MCS_KEY_DATA_PDU_IN_ORDER, -EPROTO, 0 },
	{ "DataSequenceInOrder=No", MCS_KEY_DATA_SEQUENCE_IN_ORDER, -EPROTO, 0 },
	{ "DataSequenceInOrder=Yes", MCS_KEY_DATA_SEQUENCE_IN_ORDER, 0, 1 },
	{ "ErrorRecoveryLevel=0", MCS_KEY_ERROR_RECOVERY_LEVEL, 0, 0 },
	{ "ErrorRecoveryLevel=1", MCS_KEY_ERROR_RECOVERY_LEVEL, -EPROTO, 0 },
	{ "ErrorRecoveryLevel=3", MCS_KEY_ERROR_RECOVERY_LEVEL, -EPROTO, 0 },
	/* Declarations: the target's own value, whatever ours was. */
	{ "MaxRecvDataSegmentLength=65536", MCS_KEY_MAX_RECV_DSL, 0, 65536 },
	{ "MaxRecvDataSegmentLength=16777215", MCS_KEY_MAX_RECV_DSL, 0, 16777215 },
	{ "MaxRecvDataSegmentLength=511", MCS_KEY_MAX_RECV_DSL, -EPROTO, 0 },
	{ "MaxRecvDataSegmentLength=16777216", MCS_KEY_MAX_RECV_DSL, -EPROTO, 0 },
	{ "MaxRecvDataSegmentLength=Reject", MCS_KEY_MAX_RECV_DSL, -EPROTO, 0 },
	{ "TargetPortalGroupTag=1", MCS_KEY_TPGT, 0, 1 },
	{ "TargetPortalGroupTag=65535", MCS_KEY_TPGT, 0, 65535 },
	{ "TargetPortalGroupTag=65536", MCS_KEY_TPGT, -EPROTO, 0 },
};

static void mcs_params_answer_table(struct kunit *test)
{
	const struct mcs_answer_case *c;
	struct mcs_pt_ctx *ctx;
	int ret;

	for (c = mcs_answer_cases;
	     c < mcs_answer_cases + ARRAY_SIZE(mcs_answer_cases); c++) {
		ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
		KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER,
						    &ctx->out, &ctx->why), 0);
		ret = mcs_pt_feed(test, MCS_PT_OPER, c->text);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "%s: %s", c->text,
				    ctx->why ?: "");
		if (c->ret) {
			KUNIT_EXPECT_NOT_NULL_MSG(test, ctx->why, "%s", c->text);
			KUNIT_EXPECT_PTR_EQ_MSG(test, ctx->neg.bad_key,
						mcs_keys[c->key].name, "%s", c->text);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, mcs_pt_result(&ctx->neg.res, c->key),
				    c->result, "%s", c->text);
		/* Answers are never answered. */
		KUNIT_EXPECT_EQ_MSG(test, ctx->reply.len, 0U, "%s", c->text);
	}
	/* Our own declaration is kept apart from the target's. */
	KUNIT_EXPECT_EQ(test, ctx->neg.res.conn.max_recv_dsl, 262144U);
}

static const char *const mcs_pt_optional_answers[] = {
	"HeaderDigest=None",
	"DataDigest=None",
	"MaxConnections=1",
	"MaxBurstLength=262144",
	"DefaultTime2Wait=2",
	"DefaultTime2Retain=20",
	"MaxOutstandingR2T=1",
	"DataPDUInOrder=Yes",
	"DataSequenceInOrder=Yes",
	"ErrorRecoveryLevel=0",
};

static void mcs_params_answer_optional(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;
	struct mcs_params p;

	/* AND offered No and OR offered Yes settle the outcome alone. */
	ctx->opts.immediate_data = false;
	ctx->opts.initial_r2t = true;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "ImmediateData") ?: "(null)", "No");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed_list(test, MCS_PT_OPER, mcs_pt_optional_answers,
					       ARRAY_SIZE(mcs_pt_optional_answers)),
			0);
	KUNIT_ASSERT_EQ(test, mcs_neg_finish(&ctx->neg, &p, &ctx->why), 0);
	KUNIT_EXPECT_FALSE(test, p.sess.immediate_data);
	KUNIT_EXPECT_TRUE(test, p.sess.initial_r2t);
	KUNIT_EXPECT_EQ(test, p.sess.first_burst_length, 65536U);

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "ImmediateData=Yes"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target answered Yes to a Boolean AND key offered as No");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "InitialR2T=No"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target answered No to a Boolean OR key offered as Yes");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "ImmediateData=No|InitialR2T=Yes"), 0);
}

struct mcs_offer_case {
	const char *text;
	int key;
	const char *reply;	/* NULL: the offer is a protocol error */
	u32 result;
};

/* The target proposes; we have offered nothing in this stage. */
static const struct mcs_offer_case mcs_offer_cases[] = {
	{ "HeaderDigest=CRC32C,None", MCS_KEY_HEADER_DIGEST, "CRC32C", 1 },
	{ "HeaderDigest=X-org.example.D,None", MCS_KEY_HEADER_DIGEST, "None", 0 },
	{ "HeaderDigest=X-org.example.D", MCS_KEY_HEADER_DIGEST, "Reject", 0 },
	{ "HeaderDigest=None,,CRC32C", MCS_KEY_HEADER_DIGEST, NULL, 0 },
	{ "DataDigest=CRC32C", MCS_KEY_DATA_DIGEST, "CRC32C", 1 },
	{ "MaxConnections=2", MCS_KEY_MAX_CONNECTIONS, "2", 2 },
	{ "MaxConnections=100", MCS_KEY_MAX_CONNECTIONS, "8", 8 },
	{ "MaxConnections=0", MCS_KEY_MAX_CONNECTIONS, NULL, 0 },
	{ "MaxConnections=65536", MCS_KEY_MAX_CONNECTIONS, NULL, 0 },
	{ "MaxConnections=Irrelevant", MCS_KEY_MAX_CONNECTIONS, NULL, 0 },
	{ "MaxConnections=Reject", MCS_KEY_MAX_CONNECTIONS, NULL, 0 },
	{ "InitialR2T=Yes", MCS_KEY_INITIAL_R2T, "Yes", 1 },
	{ "InitialR2T=No", MCS_KEY_INITIAL_R2T, "No", 0 },
	{ "ImmediateData=No", MCS_KEY_IMMEDIATE_DATA, "No", 0 },
	{ "ImmediateData=Yes", MCS_KEY_IMMEDIATE_DATA, "Yes", 1 },
	{ "ImmediateData=yes", MCS_KEY_IMMEDIATE_DATA, NULL, 0 },
	{ "MaxBurstLength=65536", MCS_KEY_MAX_BURST_LENGTH, "65536", 65536 },
	{ "FirstBurstLength=0x100000", MCS_KEY_FIRST_BURST_LENGTH, "262144", 262144 },
	{ "DefaultTime2Wait=0", MCS_KEY_DEFAULT_TIME2WAIT, "2", 2 },
	{ "DefaultTime2Wait=10", MCS_KEY_DEFAULT_TIME2WAIT, "10", 10 },
	{ "DefaultTime2Retain=0", MCS_KEY_DEFAULT_TIME2RETAIN, "0", 0 },
	{ "MaxOutstandingR2T=16", MCS_KEY_MAX_OUTSTANDING_R2T, "1", 1 },
	{ "DataPDUInOrder=No", MCS_KEY_DATA_PDU_IN_ORDER, "Yes", 1 },
	{ "DataSequenceInOrder=No", MCS_KEY_DATA_SEQUENCE_IN_ORDER, "Yes", 1 },
	{ "ErrorRecoveryLevel=2", MCS_KEY_ERROR_RECOVERY_LEVEL, "0", 0 },
	{ "ErrorRecoveryLevel=0x3", MCS_KEY_ERROR_RECOVERY_LEVEL, NULL, 0 },
	{ "TaskReporting=FastAbort,RFC3720", MCS_KEY_TASK_REPORTING, "RFC3720", 0 },
	{ "TaskReporting=ResponseFence", MCS_KEY_TASK_REPORTING, "Reject", 0 },
	{ "iSCSIProtocolLevel=2", MCS_KEY_PROTOCOL_LEVEL, "1", 1 },
	{ "iSCSIProtocolLevel=0", MCS_KEY_PROTOCOL_LEVEL, "0", 0 },
	{ "iSCSIProtocolLevel=32", MCS_KEY_PROTOCOL_LEVEL, NULL, 0 },
};

static void mcs_params_offer_table(struct kunit *test)
{
	const struct mcs_offer_case *c;
	struct mcs_pt_ctx *ctx;
	const char *name;
	int ret;

	for (c = mcs_offer_cases;
	     c < mcs_offer_cases + ARRAY_SIZE(mcs_offer_cases); c++) {
		ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
		name = mcs_keys[c->key].name;
		ret = mcs_pt_feed(test, MCS_PT_OPER, c->text);
		if (!c->reply) {
			KUNIT_EXPECT_EQ_MSG(test, ret, -EPROTO, "%s", c->text);
			KUNIT_EXPECT_NOT_NULL_MSG(test, ctx->why, "%s", c->text);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s: %s", c->text,
				    ctx->why ?: "");
		KUNIT_EXPECT_STREQ_MSG(test, mcs_pt_get(test, &ctx->reply, name) ?: "(null)",
				       c->reply, "%s", c->text);
		KUNIT_EXPECT_EQ_MSG(test, mcs_pt_count(test, &ctx->reply), 1U,
				    "%s", c->text);
		if (c->key != MCS_KEY_TASK_REPORTING)
			KUNIT_EXPECT_EQ_MSG(test,
					    mcs_pt_result(&ctx->neg.res, c->key),
					    c->result, "%s", c->text);
		/* A key the target proposed is not offered again. */
		mcs_text_buf_reset(&ctx->out);
		KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER,
						    &ctx->out, &ctx->why), 0);
		KUNIT_EXPECT_NULL_MSG(test, mcs_pt_get(test, &ctx->out, name),
				      "%s", c->text);
	}
}

static void mcs_params_required_digest(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;

	ctx->opts.header_digest[0] = MCS_DIGEST_CRC32C;
	ctx->opts.n_header_digest = 1;
	ctx->opts.data_digest[0] = MCS_DIGEST_CRC32C;
	ctx->opts.n_data_digest = 1;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "HeaderDigest") ?: "(null)",
			   "CRC32C");
	/* Reject would leave None, which we did not offer. */
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "HeaderDigest=Reject"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target's Reject leaves a default that was not offered");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "HeaderDigest=None"), -EPROTO);

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "DataDigest=None"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target offered no value we accept, and we refuse the default");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply, "DataDigest") ?: "(null)",
			   "Reject");
}

static void mcs_params_not_understood(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "X-com.example.Vendor=1|OFMarker=No"),
			0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply,
					    "X-com.example.Vendor") ?: "(null)",
			   "NotUnderstood");
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply, "OFMarker") ?: "(null)",
			   "NotUnderstood");
	KUNIT_EXPECT_NULL(test, ctx->neg.bad_key);

	/* An answer for a key we never sent: there is nothing it answers. */
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "X-com.example.Other=NotUnderstood"),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target answered a key that was never offered");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "X-com.example.Other=Reject"),
			-EPROTO);
}

struct mcs_rule_case {
	int stage;
	bool leading;
	const char *text;
	const char *why;
};

static const struct mcs_rule_case mcs_rule_cases[] = {
	{ MCS_PT_OPER, true, "InitiatorName=iqn.2026-11.org.example:x",
	  "target sent a key only an initiator may send" },
	{ MCS_PT_OPER, true, "TargetName=iqn.2026-11.org.example:x",
	  "target sent a key only an initiator may send" },
	{ MCS_PT_SEC, true, "SessionType=Normal",
	  "target sent a key only an initiator may send" },
	{ MCS_PT_OPER, true, "InitiatorAlias=x",
	  "target sent a key only an initiator may send" },
	{ MCS_PT_OPER, true, "SendTargets=All",
	  "target sent a key only an initiator may send" },
	{ MCS_PT_SEC, true, "MaxBurstLength=512",
	  "target sent an operational key in the security stage" },
	{ MCS_PT_SEC, true, "MaxRecvDataSegmentLength=8192",
	  "target sent an operational key in the security stage" },
	{ MCS_PT_OPER, true, "AuthMethod=CHAP",
	  "target sent a security key outside the security stage" },
	{ MCS_PT_OPER, true, "CHAP_A=5",
	  "target sent a security key outside the security stage" },
	{ MCS_PT_OPER, false, "MaxConnections=1",
	  "leading-only key MaxConnections in a non-leading login differs from the session's" },
	{ MCS_PT_OPER, false, "MaxBurstLength=262144",
	  "leading-only key MaxBurstLength in a non-leading login differs from the session's" },
	{ MCS_PT_OPER, false, "TaskReporting=RFC3720",
	  "leading-only key in a non-leading login" },
	{ MCS_PT_OPER, false, "ErrorRecoveryLevel=0",
	  "leading-only key ErrorRecoveryLevel in a non-leading login differs from the session's" },
	/* Allowed: declarations and connection keys on any connection. */
	{ MCS_PT_OPER, false, "TargetPortalGroupTag=1", NULL },
	{ MCS_PT_SEC, false, "TargetPortalGroupTag=1", NULL },
	{ MCS_PT_SEC, false, "TargetAlias=t", NULL },
	{ MCS_PT_OPER, false, "HeaderDigest=None", NULL },
	{ MCS_PT_SEC, true, "TargetAddress=192.0.2.1:3260,1", NULL },
};

static void mcs_params_rule_table(struct kunit *test)
{
	const struct mcs_rule_case *c;
	struct mcs_pt_ctx *ctx;
	int ret;

	for (c = mcs_rule_cases; c < mcs_rule_cases + ARRAY_SIZE(mcs_rule_cases);
	     c++) {
		ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, c->leading);
		ret = mcs_pt_feed(test, c->stage, c->text);
		if (!c->why) {
			KUNIT_EXPECT_EQ_MSG(test, ret, 0, "%s: %s", c->text,
					    ctx->why ?: "");
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, -EPROTO, "%s", c->text);
		if (ctx->why)
			KUNIT_EXPECT_STREQ_MSG(test, ctx->why ?: "(null)", c->why, "%s", c->text);
	}

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, ISCSI_FULL_FEATURE_PHASE,
					  "HeaderDigest=None"), -EINVAL);
}

/*
 * tgt repeats MaxConnections in a login that adds a connection: the
 * session's own value is ignored, another refused.
 */
static void mcs_params_leading_only_repeat(struct kunit *test)
{
	static const char same[] =
		"MaxConnections=8|MaxBurstLength=262144|InitialR2T=Yes|ErrorRecoveryLevel=0";
	struct mcs_params *sessp = kunit_kzalloc(test, sizeof(*sessp), GFP_KERNEL);
	struct mcs_pt_ctx *ctx;

	KUNIT_ASSERT_NOT_NULL(test, sessp);
	sessp->sess.max_connections = 8;
	sessp->sess.max_burst_length = 262144;
	sessp->sess.initial_r2t = true;
	sessp->sess.error_recovery_level = 0;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	ctx->neg.session = sessp;
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER, same), 0);
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	ctx->neg.session = sessp;
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER, "MaxConnections=4"),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->neg.bad_key ?: "", "MaxConnections");
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	ctx->neg.session = sessp;
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER, "InitialR2T=No"),
			-EPROTO);
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	ctx->neg.session = sessp;
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER, "MaxConnections=x"),
			-EPROTO);
}

static void mcs_params_value_length(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;
	char *t;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	t = kunit_kzalloc(test, 12 + 256 + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	memcpy(t, "TargetAlias=", 12);
	memset(t + 12, 'a', 255);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC, t), 0);
	KUNIT_EXPECT_EQ(test, strlen(ctx->neg.res.sess.target_alias), 255);

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	t[12 + 255] = 'a';
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC, t), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "value is too long for its key");
	KUNIT_EXPECT_STREQ(test, ctx->neg.bad_key ?: "(null)", "TargetAlias");
}

static void mcs_params_repeats(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	/* In one text: the decoder refuses it. */
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxConnections=4|MaxConnections=4"),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "text repeats a key");
	/* Across texts: the negotiation does. */
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxConnections=4"), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxConnections=4"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target answered a key twice");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "TargetAlias=t"), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "TargetAlias=t"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target declared a key twice");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxRecvDataSegmentLength=8192"), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxRecvDataSegmentLength=8192"),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "TaskReporting=RFC3720"), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "TaskReporting=RFC3720"), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target offered a key twice");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC, "CHAP_A=5"), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC, "CHAP_A=5"),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target sent a CHAP key twice");
}

static void mcs_params_security(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;
	struct mcs_text_pairs pairs;
	char text[] = "CHAP_A=5";

	ctx->opts.auth_chap = true;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "AuthMethod=CHAP|TargetPortalGroupTag=3"),
			0);
	KUNIT_EXPECT_EQ(test, ctx->neg.res.conn.auth_method, (u32)MCS_AUTH_CHAP);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "CHAP_A=5|CHAP_I=7|CHAP_C=0xabcd"),
			0);
	KUNIT_EXPECT_STREQ(test, ctx->sec.chap_a ?: "(null)", "5");
	KUNIT_EXPECT_STREQ(test, ctx->sec.chap_i ?: "(null)", "7");
	KUNIT_EXPECT_STREQ(test, ctx->sec.chap_c ?: "(null)", "0xabcd");
	KUNIT_EXPECT_NULL(test, ctx->sec.chap_r);
	KUNIT_EXPECT_EQ(test, ctx->reply.len, 0U);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "CHAP_N=t|CHAP_R=0x01"), 0);
	KUNIT_EXPECT_STREQ(test, ctx->sec.chap_n ?: "(null)", "t");
	KUNIT_EXPECT_STREQ(test, ctx->sec.chap_r ?: "(null)", "0x01");

	/* CHAP was asked for: None or a Reject is a refusal of it. */
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "AuthMethod=None"), -EPROTO);
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "AuthMethod=Reject"), -EPROTO);

	ctx->opts.auth_chap = false;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->out, "AuthMethod") ?: "(null)", "None");
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "AuthMethod=Reject"), 0);
	KUNIT_EXPECT_EQ(test, ctx->neg.res.conn.auth_method, (u32)MCS_AUTH_NONE);

	/* No exchange under way to take CHAP keys. */
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_text_decode(text, sizeof(text), 0, &pairs,
					      &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_neg_process(&ctx->neg, MCS_PT_SEC, &pairs,
					      &ctx->reply, NULL, &ctx->why),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target sent a CHAP key outside an authentication exchange");
	mcs_text_pairs_free(&pairs);
}

static const char *const mcs_pt_partial_answers[] = {
	"HeaderDigest=None",
	"DataDigest=None",
	"MaxConnections=1",
	"InitialR2T=No",
	"ImmediateData=Yes",
	"FirstBurstLength=65536",
	"DefaultTime2Wait=2",
	"DefaultTime2Retain=20",
	"MaxOutstandingR2T=1",
	"DataPDUInOrder=Yes",
	"DataSequenceInOrder=Yes",
	"ErrorRecoveryLevel=0",
};

static void mcs_params_finish_missing(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;
	struct mcs_params p;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_pt_feed_list(test, MCS_PT_OPER, mcs_pt_partial_answers,
					       ARRAY_SIZE(mcs_pt_partial_answers)),
			0);
	KUNIT_EXPECT_EQ(test, mcs_neg_finish(&ctx->neg, &p, &ctx->why), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target did not answer an offered key");
	KUNIT_EXPECT_STREQ(test, ctx->neg.bad_key ?: "(null)", "MaxBurstLength");
	/* Answered late, in another PDU of the same stage: fine. */
	KUNIT_EXPECT_EQ(test, mcs_pt_feed(test, MCS_PT_OPER,
					  "MaxBurstLength=8192"), 0);
	KUNIT_EXPECT_EQ(test, mcs_neg_finish(&ctx->neg, &p, &ctx->why), 0);
	/* FirstBurstLength 65536 > MaxBurstLength 8192 is brought down. */
	KUNIT_EXPECT_EQ(test, p.sess.max_burst_length, 8192U);
	KUNIT_EXPECT_EQ(test, p.sess.first_burst_length, 8192U);
	/* The target never declared its limit: the RFC default stands. */
	KUNIT_EXPECT_EQ(test, p.conn.max_xmit_dsl, 8192U);
	KUNIT_EXPECT_EQ(test, p.conn.max_recv_dsl, 262144U);
}

static const char *const mcs_pt_lead_sec[] = {
	"TargetPortalGroupTag=1",
	"AuthMethod=CHAP",
	"TargetAlias=LIO Target",
};

static const char *const mcs_pt_lead_oper[] = {
	"HeaderDigest=CRC32C",
	"DataDigest=None",
	"MaxConnections=4",
	"InitialR2T=Yes",
	"ImmediateData=Yes",
	"MaxRecvDataSegmentLength=65536",
	"MaxBurstLength=262144",
	"FirstBurstLength=65536",
	"DefaultTime2Wait=2",
	"DefaultTime2Retain=0",
	"MaxOutstandingR2T=1",
	"DataPDUInOrder=Yes",
	"DataSequenceInOrder=Yes",
	"ErrorRecoveryLevel=0",
	"X-org.example.Hint=1",
};

static void mcs_params_full_leading_login(struct kunit *test)
{
	struct mcs_pt_ctx *ctx = test->priv;
	struct mcs_params p;

	ctx->opts.auth_chap = true;
	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, true);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_SEC, &ctx->out,
					    &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_pt_feed_list(test, MCS_PT_SEC, mcs_pt_lead_sec,
					       ARRAY_SIZE(mcs_pt_lead_sec)),
			0);
	KUNIT_ASSERT_EQ(test, mcs_pt_feed(test, MCS_PT_SEC,
					  "CHAP_A=7|CHAP_I=1|CHAP_C=0x0102"), 0);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_pt_feed_list(test, MCS_PT_OPER, mcs_pt_lead_oper,
					       ARRAY_SIZE(mcs_pt_lead_oper)),
			0);
	KUNIT_EXPECT_STREQ(test, mcs_pt_get(test, &ctx->reply,
					    "X-org.example.Hint") ?: "(null)", "NotUnderstood");
	memset(&p, 0, sizeof(p));
	KUNIT_ASSERT_EQ(test, mcs_neg_finish(&ctx->neg, &p, &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, p.conn.auth_method, (u32)MCS_AUTH_CHAP);
	KUNIT_EXPECT_EQ(test, p.conn.header_digest, (u32)MCS_DIGEST_CRC32C);
	KUNIT_EXPECT_EQ(test, p.conn.data_digest, (u32)MCS_DIGEST_NONE);
	KUNIT_EXPECT_EQ(test, p.conn.max_recv_dsl, 262144U);
	KUNIT_EXPECT_EQ(test, p.conn.max_xmit_dsl, 65536U);
	KUNIT_EXPECT_TRUE(test, p.conn.tpgt_seen);
	KUNIT_EXPECT_EQ(test, p.conn.tpgt, 1U);
	KUNIT_EXPECT_EQ(test, p.sess.session_type, (u32)MCS_SESSION_NORMAL);
	KUNIT_EXPECT_EQ(test, p.sess.max_connections, 4U);
	KUNIT_EXPECT_TRUE(test, p.sess.initial_r2t);
	KUNIT_EXPECT_TRUE(test, p.sess.immediate_data);
	KUNIT_EXPECT_EQ(test, p.sess.max_burst_length, 262144U);
	KUNIT_EXPECT_EQ(test, p.sess.first_burst_length, 65536U);
	KUNIT_EXPECT_EQ(test, p.sess.default_time2wait, 2U);
	KUNIT_EXPECT_EQ(test, p.sess.default_time2retain, 0U);
	KUNIT_EXPECT_EQ(test, p.sess.error_recovery_level, 0U);
	KUNIT_EXPECT_EQ(test, p.sess.protocol_level, 1U);
	KUNIT_EXPECT_STREQ(test, p.sess.target_alias, "LIO Target");
}

static const char *const mcs_pt_nonlead_oper[] = {
	"TargetPortalGroupTag=1",
	"HeaderDigest=None",
	"DataDigest=None",
	"MaxRecvDataSegmentLength=262144",
};

static void mcs_params_full_non_leading_login(struct kunit *test)
{
	struct mcs_pt_ctx *ctx;
	struct mcs_params p;

	ctx = mcs_pt_start(test, MCS_SESSION_NORMAL, false);
	KUNIT_ASSERT_EQ(test, mcs_neg_offer(&ctx->neg, MCS_PT_OPER, &ctx->out,
					    &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_pt_feed_list(test, MCS_PT_OPER, mcs_pt_nonlead_oper,
					       ARRAY_SIZE(mcs_pt_nonlead_oper)),
			0);
	/* The session's values are the leading login's: left as they are. */
	memset(&p, 0, sizeof(p));
	p.sess.max_burst_length = 12345;
	p.sess.max_connections = 4;
	KUNIT_ASSERT_EQ(test, mcs_neg_finish(&ctx->neg, &p, &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, p.sess.max_burst_length, 12345U);
	KUNIT_EXPECT_EQ(test, p.sess.max_connections, 4U);
	KUNIT_EXPECT_EQ(test, p.conn.max_xmit_dsl, 262144U);
	KUNIT_EXPECT_EQ(test, p.conn.max_recv_dsl, 262144U);
	KUNIT_EXPECT_TRUE(test, p.conn.tpgt_seen);
}

static struct kunit_case mcs_params_cases[] = {
	KUNIT_CASE(mcs_params_table_sane),
	KUNIT_CASE(mcs_params_rfc_defaults),
	KUNIT_CASE(mcs_params_opts),
	KUNIT_CASE(mcs_params_init_rejects),
	KUNIT_CASE(mcs_params_leading_offer),
	KUNIT_CASE(mcs_params_leading_offer_irrelevant_fbl),
	KUNIT_CASE(mcs_params_non_leading_offer),
	KUNIT_CASE(mcs_params_leading_only_repeat),
	KUNIT_CASE(mcs_params_discovery),
	KUNIT_CASE(mcs_params_answer_table),
	KUNIT_CASE(mcs_params_answer_optional),
	KUNIT_CASE(mcs_params_offer_table),
	KUNIT_CASE(mcs_params_required_digest),
	KUNIT_CASE(mcs_params_not_understood),
	KUNIT_CASE(mcs_params_rule_table),
	KUNIT_CASE(mcs_params_value_length),
	KUNIT_CASE(mcs_params_repeats),
	KUNIT_CASE(mcs_params_security),
	KUNIT_CASE(mcs_params_finish_missing),
	KUNIT_CASE(mcs_params_full_leading_login),
	KUNIT_CASE(mcs_params_full_non_leading_login),
	{}
};

static struct kunit_suite mcs_params_suite = {
	.name = "iscsi_mcs_params",
	.init = mcs_pt_init,
	.exit = mcs_pt_exit,
	.test_cases = mcs_params_cases,
};

kunit_test_suite(mcs_params_suite);
