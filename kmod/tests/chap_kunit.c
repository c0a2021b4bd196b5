// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_chap": CHAP responses against vectors computed
 * outside the kernel (python3 hashlib, H(id || secret || challenge)), the
 * parsing of the target's challenge, mutual CHAP both ways, reflected
 * challenges, and the credential rules.
 */

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../chap.h"

/*
 * 6.1's KUNIT_EXPECT_STREQ dereferences a NULL string: "x ?: \"(null)\""
 * lets a missing reason fail the case instead of oopsing the kernel.
 */

#define MCS_CT_NAME	"iqn.2026-11.org.example:host1"
#define MCS_CT_TNAME	"iqn.2026-11.org.example:target1"
#define MCS_CT_SECRET	"iscsi-mcs-secret"
#define MCS_CT_TSECRET	"target-secret-123"
#define MCS_CT_CHAL	"0x0123456789abcdef0011223344556677"
#define MCS_CT_CHAL64	"0bASNFZ4mrze8AESIzRFVmdw=="

static const u8 mcs_ct_chal[16] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
};

/* id 0x2a, secret "iscsi-mcs-secret", challenge mcs_ct_chal. */
struct mcs_ct_vec {
	u8 alg;
	const char *response;
};

static const struct mcs_ct_vec mcs_ct_vecs[] = {
	{ MCS_CHAP_MD5, "0x9aaf8c72e653dc120d44c5e71e6e52db" },
	{ MCS_CHAP_SHA1, "0x464c5c531b7c0dfcf326cbcdc2e026d9c6d112cb" },
	{ MCS_CHAP_SHA256,
	  "0x60e79cbc97d64310b5cf106f9aed5dde0538c39cde7ca456f7f3801a3ec94874" },
	{ MCS_CHAP_SHA3_256,
	  "0x7c42beafcfb85031ad34230fd5de10870d069245022bbeb0239eb582b4d90a46" },
};

struct mcs_ct_ctx {
	struct mcs_chap_creds creds;
	struct mcs_chap ch;
	struct mcs_text_buf out;
	const char *why;
};

static void mcs_ct_secret(struct mcs_chap_secret *s, const char *v)
{
	s->len = strlen(v);
	memcpy(s->data, v, s->len);
}

static int mcs_ct_init(struct kunit *test)
{
	struct mcs_ct_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	strscpy(ctx->creds.name, MCS_CT_NAME, sizeof(ctx->creds.name));
	mcs_ct_secret(&ctx->creds.secret, MCS_CT_SECRET);
	mcs_chap_init(&ctx->ch);
	mcs_text_buf_init(&ctx->out, MCS_TEXT_MAX);
	test->priv = ctx;
	return 0;
}

static void mcs_ct_exit(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;

	mcs_chap_creds_wipe(&ctx->creds);
	mcs_chap_wipe(&ctx->ch);
	mcs_text_buf_free(&ctx->out);
}

static void mcs_ct_mutual(struct mcs_ct_ctx *ctx)
{
	ctx->creds.mutual = true;
	strscpy(ctx->creds.target_name, MCS_CT_TNAME,
		sizeof(ctx->creds.target_name));
	mcs_ct_secret(&ctx->creds.target_secret, MCS_CT_TSECRET);
}

static const char *mcs_ct_get(struct kunit *test, const char *key)
{
	struct mcs_ct_ctx *ctx = test->priv;
	struct mcs_text_pairs pairs;
	const char *why = NULL, *v;
	char *copy;

	if (!ctx->out.len)
		return NULL;
	copy = kunit_kmalloc(test, ctx->out.len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, ctx->out.data, ctx->out.len);
	KUNIT_ASSERT_EQ(test, mcs_text_decode(copy, ctx->out.len, 0, &pairs, &why),
			0);
	v = mcs_text_find(&pairs, key);
	mcs_text_pairs_free(&pairs);
	return v;
}

/* "0x" hex into bytes, for the expected digests. */
static void mcs_ct_unhex(struct kunit *test, const char *s, u8 *out, size_t len)
{
	KUNIT_ASSERT_EQ(test, strlen(s), 2 + 2 * len);
	KUNIT_ASSERT_EQ(test, hex2bin(out, s + 2, len), 0);
}

static void mcs_ct_hex(char *dst, const u8 *src, size_t len)
{
	dst[0] = '0';
	dst[1] = 'x';
	*bin2hex(dst + 2, src, len) = '\0';
}

/* Targets may answer in base64 too; written here independently. */
static void mcs_ct_base64(char *dst, const u8 *src, size_t n)
{
	static const char a[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;
	u32 v;

	*dst++ = '0';
	*dst++ = 'b';
	for (i = 0; i < n; i += 3) {
		v = src[i] << 16;
		if (i + 1 < n)
			v |= src[i + 1] << 8;
		if (i + 2 < n)
			v |= src[i + 2];
		*dst++ = a[v >> 18 & 63];
		*dst++ = a[v >> 12 & 63];
		*dst++ = i + 1 < n ? a[v >> 6 & 63] : '=';
		*dst++ = i + 2 < n ? a[v & 63] : '=';
	}
	*dst = '\0';
}

static void mcs_chap_digest_vectors(struct kunit *test)
{
	u8 got[MCS_CHAP_DIGEST_MAX], want[MCS_CHAP_DIGEST_MAX];
	const struct mcs_ct_vec *v;
	unsigned int len;
	u8 *chal;
	int i;

	for (v = mcs_ct_vecs; v < mcs_ct_vecs + ARRAY_SIZE(mcs_ct_vecs); v++) {
		len = mcs_chap_digest_len(v->alg);
		KUNIT_ASSERT_GT(test, len, 0U);
		mcs_ct_unhex(test, v->response, want, len);
		memset(got, 0, sizeof(got));
		KUNIT_ASSERT_EQ_MSG(test, mcs_chap_digest(v->alg, 0x2a,
							  (const u8 *)MCS_CT_SECRET,
							  16, mcs_ct_chal, 16, got),
				    0, "alg %u", v->alg);
		KUNIT_EXPECT_EQ_MSG(test, memcmp(got, want, len), 0, "alg %u",
				    v->alg);
	}
	KUNIT_EXPECT_EQ(test, mcs_chap_digest_len(MCS_CHAP_MD5), 16U);
	KUNIT_EXPECT_EQ(test, mcs_chap_digest_len(MCS_CHAP_SHA1), 20U);
	KUNIT_EXPECT_EQ(test, mcs_chap_digest_len(MCS_CHAP_SHA256), 32U);
	KUNIT_EXPECT_EQ(test, mcs_chap_digest_len(MCS_CHAP_SHA3_256), 32U);
	KUNIT_EXPECT_EQ(test, mcs_chap_digest_len(9), 0U);
	KUNIT_EXPECT_EQ(test, mcs_chap_digest(9, 0, got, 1, got, 1, got), -EINVAL);

	/* id 0, the shortest secret, a one-byte challenge. */
	mcs_ct_unhex(test, "0xb3059e96ce090bbd367337c479c4d4df", want, 16);
	KUNIT_ASSERT_EQ(test, mcs_chap_digest(MCS_CHAP_MD5, 0,
					      (const u8 *)"123456789012", 12,
					      (const u8 *)"\xff", 1, got), 0);
	KUNIT_EXPECT_EQ(test, memcmp(got, want, 16), 0);

	/* id 255 and the longest challenge, 0..255 four times. */
	chal = kunit_kmalloc(test, MCS_CHAP_CHALLENGE_MAX, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, chal);
	for (i = 0; i < MCS_CHAP_CHALLENGE_MAX; i++)
		chal[i] = i;
	mcs_ct_unhex(test,
		     "0xfdc4138d95c19ab2a686ff3894cd807825a1620d93d1d3b1bd22f5977b68729f",
		     want, 32);
	KUNIT_ASSERT_EQ(test, mcs_chap_digest(MCS_CHAP_SHA256, 255,
					      (const u8 *)"another-secret!!", 16,
					      chal, MCS_CHAP_CHALLENGE_MAX, got), 0);
	KUNIT_EXPECT_EQ(test, memcmp(got, want, 32), 0);
}

static void mcs_chap_default_offer(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;

	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	/* The test kernel builds all four in. */
	KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_A") ?: "(null)", "8,7,6,5");
	KUNIT_EXPECT_EQ(test, ctx->ch.n_offered, 4);

	mcs_text_buf_reset(&ctx->out);
	ctx->creds.algs[0] = MCS_CHAP_SHA256;
	ctx->creds.algs[1] = MCS_CHAP_MD5;
	ctx->creds.n_algs = 2;
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_A") ?: "(null)", "7,5");
	KUNIT_EXPECT_EQ(test, ctx->ch.n_offered, 2);
}

static void mcs_chap_one_way(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	const struct mcs_ct_vec *v;
	char a[4];

	for (v = mcs_ct_vecs; v < mcs_ct_vecs + ARRAY_SIZE(mcs_ct_vecs); v++) {
		mcs_chap_init(&ctx->ch);
		mcs_text_buf_reset(&ctx->out);
		ctx->creds.algs[0] = v->alg;
		ctx->creds.n_algs = 1;
		snprintf(a, sizeof(a), "%u", v->alg);
		KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds,
						     &ctx->out, &ctx->why), 0);
		KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_A") ?: "(null)", a);
		mcs_text_buf_reset(&ctx->out);
		KUNIT_ASSERT_EQ_MSG(test,
				    mcs_chap_take_challenge(&ctx->ch, a, "42",
							    MCS_CT_CHAL, &ctx->why),
				    0, "alg %s: %s", a, ctx->why);
		KUNIT_ASSERT_EQ(test, mcs_chap_respond(&ctx->ch, &ctx->creds,
						       &ctx->out, &ctx->why), 0);
		KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_N") ?: "(null)", MCS_CT_NAME);
		KUNIT_EXPECT_STREQ_MSG(test, mcs_ct_get(test, "CHAP_R") ?: "(null)",
				       v->response, "alg %s", a);
		/* One-way: no challenge of ours. */
		KUNIT_EXPECT_NULL(test, mcs_ct_get(test, "CHAP_I"));
		KUNIT_EXPECT_NULL(test, mcs_ct_get(test, "CHAP_C"));
		KUNIT_EXPECT_NULL(test, strnstr(ctx->out.data, MCS_CT_SECRET,
						ctx->out.len));
	}

	/* The same challenge in base64 and the identifier in hex. */
	mcs_chap_init(&ctx->ch);
	mcs_text_buf_reset(&ctx->out);
	ctx->creds.algs[0] = MCS_CHAP_MD5;
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	mcs_text_buf_reset(&ctx->out);
	KUNIT_ASSERT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "0x2a",
						      MCS_CT_CHAL64, &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_chap_respond(&ctx->ch, &ctx->creds, &ctx->out,
					       &ctx->why), 0);
	KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_R") ?: "(null)", mcs_ct_vecs[0].response);
}

struct mcs_ct_chal_case {
	const char *a, *i, *c;
	const char *why;
};

static const struct mcs_ct_chal_case mcs_ct_chal_cases[] = {
	{ "Reject", "1", MCS_CT_CHAL,
	  "target accepts none of the CHAP algorithms offered" },
	{ "7", "1", MCS_CT_CHAL,
	  "target chose a CHAP algorithm that was not offered" },
	{ "5,7", "1", MCS_CT_CHAL, "target's CHAP_A is not one algorithm number" },
	{ "", "1", MCS_CT_CHAL, "target's CHAP_A is not one algorithm number" },
	{ "5", "256", MCS_CT_CHAL, "target's CHAP_I is not a number from 0 to 255" },
	{ "5", "-1", MCS_CT_CHAL, "target's CHAP_I is not a number from 0 to 255" },
	{ "5", "one", MCS_CT_CHAL, "target's CHAP_I is not a number from 0 to 255" },
	{ "5", "1", "0xzz", "target's CHAP_C is not 0x-hex or 0b-base64" },
	{ "5", "1", "12345678", "target's CHAP_C is not 0x-hex or 0b-base64" },
	{ "5", "1", "0x", "target's CHAP_C is not 0x-hex or 0b-base64" },
	{ "5", "1", "0bA===", "target's CHAP_C is not 0x-hex or 0b-base64" },
	{ NULL, "1", MCS_CT_CHAL,
	  "target did not send all of CHAP_A, CHAP_I and CHAP_C" },
	{ "5", NULL, MCS_CT_CHAL,
	  "target did not send all of CHAP_A, CHAP_I and CHAP_C" },
	{ "5", "1", NULL, "target did not send all of CHAP_A, CHAP_I and CHAP_C" },
};

static void mcs_chap_bad_challenge(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	const struct mcs_ct_chal_case *c;
	char *big;

	ctx->creds.algs[0] = MCS_CHAP_MD5;
	ctx->creds.n_algs = 1;
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	for (c = mcs_ct_chal_cases;
	     c < mcs_ct_chal_cases + ARRAY_SIZE(mcs_ct_chal_cases); c++) {
		ctx->why = NULL;
		KUNIT_EXPECT_EQ_MSG(test, mcs_chap_take_challenge(&ctx->ch, c->a,
								  c->i, c->c,
								  &ctx->why),
				    -EPROTO, "%s/%s/%s", c->a, c->i, c->c);
		KUNIT_EXPECT_STREQ_MSG(test, ctx->why ?: "(null)", c->why, "%s/%s/%s",
				       c->a, c->i, c->c);
	}

	/* RFC 7143 12.1.3: 1024 bytes at most. */
	big = kunit_kzalloc(test, 2 + 2 * (MCS_CHAP_CHALLENGE_MAX + 1) + 1,
			    GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, big);
	big[0] = '0';
	big[1] = 'x';
	memset(big + 2, 'a', 2 * MCS_CHAP_CHALLENGE_MAX);
	KUNIT_EXPECT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "1", big,
						      &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, ctx->ch.chal_len, (u32)MCS_CHAP_CHALLENGE_MAX);
	memset(big + 2, 'a', 2 * MCS_CHAP_CHALLENGE_MAX + 2);
	KUNIT_EXPECT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "1", big,
						      &ctx->why), -EPROTO);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target's CHAP_C is longer than 1024 bytes");

	/* Nothing to answer before a challenge. */
	mcs_chap_init(&ctx->ch);
	KUNIT_EXPECT_EQ(test, mcs_chap_respond(&ctx->ch, &ctx->creds, &ctx->out,
					       &ctx->why), -EINVAL);
}

/* Run the exchange up to our answer and challenge; return the digest length. */
static unsigned int mcs_ct_mutual_run(struct kunit *test, u8 alg)
{
	struct mcs_ct_ctx *ctx = test->priv;
	char a[4];
	u64 id;

	mcs_chap_init(&ctx->ch);
	mcs_text_buf_reset(&ctx->out);
	ctx->creds.algs[0] = alg;
	ctx->creds.n_algs = 1;
	snprintf(a, sizeof(a), "%u", alg);
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	mcs_text_buf_reset(&ctx->out);
	KUNIT_ASSERT_EQ(test, mcs_chap_take_challenge(&ctx->ch, a, "42",
						      MCS_CT_CHAL, &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_chap_respond(&ctx->ch, &ctx->creds, &ctx->out,
					       &ctx->why), 0);
	KUNIT_ASSERT_NOT_NULL(test, mcs_ct_get(test, "CHAP_I"));
	KUNIT_ASSERT_NOT_NULL(test, mcs_ct_get(test, "CHAP_C"));
	KUNIT_ASSERT_EQ(test, mcs_text_parse_num(mcs_ct_get(test, "CHAP_I"), 255,
						 &id), 0);
	KUNIT_EXPECT_EQ(test, id, (u64)ctx->ch.our_id);
	return mcs_chap_digest_len(alg);
}

static void mcs_chap_mutual_ok(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	char hex[2 + 2 * MCS_CHAP_DIGEST_MAX + 1];
	char b64[2 + 4 * MCS_CHAP_DIGEST_MAX / 3 + 5];
	u8 chal[MCS_CHAP_DIGEST_MAX], r[MCS_CHAP_DIGEST_MAX];
	const struct mcs_ct_vec *v;
	unsigned int len;
	u32 clen;

	mcs_ct_mutual(ctx);
	for (v = mcs_ct_vecs; v < mcs_ct_vecs + ARRAY_SIZE(mcs_ct_vecs); v++) {
		len = mcs_ct_mutual_run(test, v->alg);
		/* Our answer is unchanged by asking for one back. */
		KUNIT_EXPECT_STREQ(test, mcs_ct_get(test, "CHAP_R") ?: "(null)", v->response);

		/* Our challenge: the digest's length, 16 at least, not theirs. */
		KUNIT_ASSERT_EQ(test, mcs_text_parse_binary(mcs_ct_get(test, "CHAP_C"),
							    chal, sizeof(chal),
							    &clen, &ctx->why), 0);
		KUNIT_EXPECT_EQ(test, clen, max(len, 16U));
		KUNIT_EXPECT_EQ(test, clen, ctx->ch.our_chal_len);
		KUNIT_EXPECT_EQ(test, memcmp(chal, ctx->ch.our_chal, clen), 0);
		KUNIT_EXPECT_TRUE(test, clen != sizeof(mcs_ct_chal) ||
				  memcmp(chal, mcs_ct_chal, clen));

		/* The target answers as it should, in hex then in base64. */
		KUNIT_ASSERT_EQ(test, mcs_chap_digest(v->alg, ctx->ch.our_id,
						      (const u8 *)MCS_CT_TSECRET,
						      strlen(MCS_CT_TSECRET),
						      chal, clen, r), 0);
		mcs_ct_hex(hex, r, len);
		KUNIT_EXPECT_EQ_MSG(test, mcs_chap_verify(&ctx->ch, &ctx->creds,
							  MCS_CT_TNAME, hex,
							  &ctx->why),
				    0, "alg %u: %s", v->alg, ctx->why);
		mcs_ct_base64(b64, r, len);
		KUNIT_EXPECT_EQ_MSG(test, mcs_chap_verify(&ctx->ch, &ctx->creds,
							  MCS_CT_TNAME, b64,
							  &ctx->why),
				    0, "alg %u: %s", v->alg, ctx->why);
	}

	/* Without a configured target name any CHAP_N will do. */
	ctx->creds.target_name[0] = '\0';
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, "other",
					      hex, &ctx->why), 0);
}

static void mcs_chap_mutual_fail(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	char hex[2 + 2 * MCS_CHAP_DIGEST_MAX + 1];
	u8 r[MCS_CHAP_DIGEST_MAX];
	unsigned int len;

	mcs_ct_mutual(ctx);
	len = mcs_ct_mutual_run(test, MCS_CHAP_SHA256);
	KUNIT_ASSERT_EQ(test, mcs_chap_digest(MCS_CHAP_SHA256, ctx->ch.our_id,
					      (const u8 *)MCS_CT_TSECRET,
					      strlen(MCS_CT_TSECRET),
					      ctx->ch.our_chal,
					      ctx->ch.our_chal_len, r), 0);

	/* One bit off, first byte and last. */
	r[0] ^= 1;
	mcs_ct_hex(hex, r, len);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      hex, &ctx->why), -EACCES);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)", "target's CHAP response is wrong");
	r[0] ^= 1;
	r[len - 1] ^= 0x80;
	mcs_ct_hex(hex, r, len);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      hex, &ctx->why), -EACCES);
	r[len - 1] ^= 0x80;

	/* Right digest, wrong length or wrong name. */
	mcs_ct_hex(hex, r, len - 1);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      hex, &ctx->why), -EACCES);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target's CHAP response has the wrong length or encoding");
	mcs_ct_hex(hex, r, len);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, "impostor",
					      hex, &ctx->why), -EACCES);
	KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
			   "target's CHAP name is not the configured one");
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      NULL, &ctx->why), -EPROTO);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      "garbage", &ctx->why), -EACCES);

	/* Answered with our secret instead of the mutual one. */
	KUNIT_ASSERT_EQ(test, mcs_chap_digest(MCS_CHAP_SHA256, ctx->ch.our_id,
					      (const u8 *)MCS_CT_SECRET,
					      strlen(MCS_CT_SECRET),
					      ctx->ch.our_chal,
					      ctx->ch.our_chal_len, r), 0);
	mcs_ct_hex(hex, r, len);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      hex, &ctx->why), -EACCES);

	/* The right answer still passes after all of that. */
	KUNIT_ASSERT_EQ(test, mcs_chap_digest(MCS_CHAP_SHA256, ctx->ch.our_id,
					      (const u8 *)MCS_CT_TSECRET,
					      strlen(MCS_CT_TSECRET),
					      ctx->ch.our_chal,
					      ctx->ch.our_chal_len, r), 0);
	mcs_ct_hex(hex, r, len);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      hex, &ctx->why), 0);
}

static void mcs_chap_reflection(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	char hex[2 + 2 * MCS_CHAP_DIGEST_MAX + 1];
	int i;

	/* Not mutual: there is no challenge of ours to answer. */
	ctx->creds.algs[0] = MCS_CHAP_MD5;
	ctx->creds.n_algs = 1;
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, &ctx->creds, &ctx->out,
					     &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "1",
						      MCS_CT_CHAL, &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_chap_respond(&ctx->ch, &ctx->creds, &ctx->out,
					       &ctx->why), 0);
	KUNIT_EXPECT_EQ(test, mcs_chap_verify(&ctx->ch, &ctx->creds, MCS_CT_TNAME,
					      "0x00", &ctx->why), -EPROTO);

	/*
	 * Our challenge sent back to us as the target's: answering it
	 * would give the target the response it owes.
	 */
	mcs_ct_mutual(ctx);
	for (i = 0; i < 8; i++) {
		mcs_ct_mutual_run(test, MCS_CHAP_MD5);
		KUNIT_EXPECT_EQ(test, ctx->ch.our_chal_len, 16U);
		KUNIT_EXPECT_NE(test, memcmp(ctx->ch.our_chal, mcs_ct_chal, 16), 0);
		mcs_ct_hex(hex, ctx->ch.our_chal, ctx->ch.our_chal_len);
		KUNIT_EXPECT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "9",
							      hex, &ctx->why),
				-EPROTO);
		KUNIT_EXPECT_STREQ(test, ctx->why ?: "(null)",
				   "target reflected our own CHAP challenge");
	}
}

static void mcs_chap_creds_rules(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;
	struct mcs_chap_creds *c = &ctx->creds;

	KUNIT_EXPECT_NULL(test, mcs_chap_creds_check(c));
	c->secret.len = 11;
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)",
			   "CHAP secret is shorter than 12 bytes");
	c->secret.len = MCS_CHAP_SECRET_MAX;
	KUNIT_EXPECT_NULL(test, mcs_chap_creds_check(c));
	c->secret.len = MCS_CHAP_SECRET_MAX + 1;
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)",
			   "CHAP secret is longer than 256 bytes");
	mcs_ct_secret(&c->secret, MCS_CT_SECRET);

	c->name[0] = '\0';
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)", "CHAP name is empty");
	strscpy(c->name, "a\tb", sizeof(c->name));
	KUNIT_EXPECT_NOT_NULL(test, mcs_chap_creds_check(c));
	memset(c->name, 'n', sizeof(c->name));
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)",
			   "CHAP name is longer than 255 bytes");
	strscpy(c->name, MCS_CT_NAME, sizeof(c->name));

	mcs_ct_mutual(ctx);
	KUNIT_EXPECT_NULL(test, mcs_chap_creds_check(c));
	mcs_ct_secret(&c->target_secret, MCS_CT_SECRET);
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)",
			   "mutual CHAP secret must differ from the CHAP secret");
	mcs_ct_secret(&c->target_secret, "short");
	KUNIT_EXPECT_NOT_NULL(test, mcs_chap_creds_check(c));
	mcs_ct_secret(&c->target_secret, MCS_CT_TSECRET);
	/* A secret that only starts the same is a different one. */
	mcs_ct_secret(&c->target_secret, MCS_CT_SECRET "x");
	KUNIT_EXPECT_NULL(test, mcs_chap_creds_check(c));

	c->algs[0] = MCS_CHAP_MD5;
	c->algs[1] = 9;
	c->n_algs = 2;
	KUNIT_EXPECT_NOT_NULL(test, mcs_chap_creds_check(c));
	c->algs[1] = MCS_CHAP_MD5;
	KUNIT_EXPECT_STREQ(test, mcs_chap_creds_check(c) ?: "(null)",
			   "a CHAP algorithm is listed twice");
	c->n_algs = MCS_CHAP_ALGS_MAX + 1;
	KUNIT_EXPECT_NOT_NULL(test, mcs_chap_creds_check(c));
	c->n_algs = 0;

	/* Unusable credentials never reach the wire. */
	c->secret.len = 3;
	KUNIT_ASSERT_EQ(test, mcs_chap_offer(&ctx->ch, c, &ctx->out, &ctx->why), 0);
	KUNIT_ASSERT_EQ(test, mcs_chap_take_challenge(&ctx->ch, "5", "1",
						      MCS_CT_CHAL, &ctx->why), 0);
	mcs_text_buf_reset(&ctx->out);
	KUNIT_EXPECT_EQ(test, mcs_chap_respond(&ctx->ch, c, &ctx->out, &ctx->why),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, ctx->out.len, 0U);
}

static void mcs_chap_wipes(struct kunit *test)
{
	struct mcs_ct_ctx *ctx = test->priv;

	mcs_ct_mutual(ctx);
	mcs_ct_mutual_run(test, MCS_CHAP_MD5);
	mcs_chap_creds_wipe(&ctx->creds);
	KUNIT_EXPECT_NULL(test, memchr_inv(&ctx->creds, 0, sizeof(ctx->creds)));
	mcs_chap_wipe(&ctx->ch);
	KUNIT_EXPECT_NULL(test, memchr_inv(&ctx->ch, 0, sizeof(ctx->ch)));
}

static struct kunit_case mcs_chap_cases[] = {
	KUNIT_CASE(mcs_chap_digest_vectors),
	KUNIT_CASE(mcs_chap_default_offer),
	KUNIT_CASE(mcs_chap_one_way),
	KUNIT_CASE(mcs_chap_bad_challenge),
	KUNIT_CASE(mcs_chap_mutual_ok),
	KUNIT_CASE(mcs_chap_mutual_fail),
	KUNIT_CASE(mcs_chap_reflection),
	KUNIT_CASE(mcs_chap_creds_rules),
	KUNIT_CASE(mcs_chap_wipes),
	{}
};

static struct kunit_suite mcs_chap_suite = {
	.name = "iscsi_mcs_chap",
	.init = mcs_ct_init,
	.exit = mcs_ct_exit,
	.test_cases = mcs_chap_cases,
};

kunit_test_suite(mcs_chap_suite);
