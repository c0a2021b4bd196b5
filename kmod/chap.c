// SPDX-License-Identifier: GPL-2.0
/*
 * CHAP, the initiator's side (RFC 7143 12.1.3 on RFC 1994).
 *
 * The response to a challenge is H(identifier || secret || challenge).
 * Digests are computed with a transform allocated for the one call: a
 * login computes two or three, and holding transforms between logins
 * would only pin modules.
 *
 * Failures answer static reasons that never include a secret, a digest
 * or a challenge; -EACCES means the target failed to authenticate,
 * -EPROTO that it broke the protocol.
 */

#include <crypto/algapi.h>
#include <crypto/hash.h>
#include <crypto/md5.h>
#include <crypto/sha1.h>
#include <crypto/sha2.h>
#include <crypto/sha3.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/string.h>

#include "chap.h"

struct mcs_chap_alg_def {
	u8 alg;
	u8 len;
	const char *name;
};

/* Strongest first: the default preference when none is configured. */
static const struct mcs_chap_alg_def mcs_chap_algs[] = {
	{ MCS_CHAP_SHA3_256, SHA3_256_DIGEST_SIZE, "sha3-256" },
	{ MCS_CHAP_SHA256, SHA256_DIGEST_SIZE, "sha256" },
	{ MCS_CHAP_SHA1, SHA1_DIGEST_SIZE, "sha1" },
	{ MCS_CHAP_MD5, MD5_DIGEST_SIZE, "md5" },
};

static const struct mcs_chap_alg_def *mcs_chap_alg_find(unsigned int alg)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(mcs_chap_algs); i++)
		if (mcs_chap_algs[i].alg == alg)
			return &mcs_chap_algs[i];
	return NULL;
}

/* Return: the crypto API name of a CHAP_A value, NULL when unknown. */
const char *mcs_chap_alg_name(unsigned int alg)
{
	const struct mcs_chap_alg_def *a = mcs_chap_alg_find(alg);

	return a ? a->name : NULL;
}

/* Return: the digest length of a CHAP_A value, 0 when unknown. */
unsigned int mcs_chap_digest_len(unsigned int alg)
{
	const struct mcs_chap_alg_def *a = mcs_chap_alg_find(alg);

	return a ? a->len : 0;
}

static const char *mcs_chap_name_check(const char *name, size_t size,
				       bool empty_ok)
{
	size_t len = strnlen(name, size);
	size_t i;

	if (!len && !empty_ok)
		return "CHAP name is empty";
	if (len == size)
		return "CHAP name is longer than 255 bytes";
	for (i = 0; i < len; i++)
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
			return "CHAP name contains a control character";
	return NULL;
}

static const char *mcs_chap_secret_check(const struct mcs_chap_secret *s)
{
	if (s->len < MCS_CHAP_SECRET_MIN)
		return "CHAP secret is shorter than 12 bytes";
	if (s->len > MCS_CHAP_SECRET_MAX)
		return "CHAP secret is longer than 256 bytes";
	return NULL;
}

/**
 * mcs_chap_creds_check() - check CHAP credentials before a login
 * @c: the credentials
 *
 * RFC 7143 9.2.1 forbids using one secret for both directions: a target
 * could otherwise make us answer its own challenge for it.
 *
 * Return: NULL when usable, else a static reason.
 */
const char *mcs_chap_creds_check(const struct mcs_chap_creds *c)
{
	const char *why;
	u8 i, j;

	why = mcs_chap_name_check(c->name, sizeof(c->name), false);
	if (why)
		return why;
	why = mcs_chap_secret_check(&c->secret);
	if (why)
		return why;
	if (c->mutual) {
		why = mcs_chap_name_check(c->target_name,
					  sizeof(c->target_name), true);
		if (why)
			return why;
		if (mcs_chap_secret_check(&c->target_secret))
			return "mutual CHAP secret must be 12 to 256 bytes long";
		if (c->target_secret.len == c->secret.len &&
		    !crypto_memneq(c->target_secret.data, c->secret.data,
				   c->secret.len))
			return "mutual CHAP secret must differ from the CHAP secret";
	}
	if (c->n_algs > MCS_CHAP_ALGS_MAX)
		return "too many CHAP algorithms";
	for (i = 0; i < c->n_algs; i++) {
		if (!mcs_chap_alg_find(c->algs[i]))
			return "unknown CHAP algorithm: CHAP_A is 5, 6, 7 or 8";
		for (j = 0; j < i; j++)
			if (c->algs[j] == c->algs[i])
				return "a CHAP algorithm is listed twice";
	}
	return NULL;
}

void mcs_chap_creds_wipe(struct mcs_chap_creds *c)
{
	memzero_explicit(c, sizeof(*c));
}

void mcs_chap_init(struct mcs_chap *ch)
{
	memset(ch, 0, sizeof(*ch));
}

void mcs_chap_wipe(struct mcs_chap *ch)
{
	memzero_explicit(ch, sizeof(*ch));
}

/**
 * mcs_chap_digest() - H(id || secret || challenge)
 * @alg: CHAP_A value
 * @id: CHAP_I
 * @secret: the secret
 * @secret_len: its length
 * @chal: the challenge
 * @chal_len: its length
 * @out: mcs_chap_digest_len(@alg) bytes
 *
 * May sleep: the transform is allocated here (and its module loaded).
 *
 * Return: 0, -EINVAL for an unknown @alg, or the crypto API's error.
 */
int mcs_chap_digest(unsigned int alg, u8 id, const u8 *secret, u32 secret_len,
		    const u8 *chal, u32 chal_len, u8 *out)
{
	const char *name = mcs_chap_alg_name(alg);
	struct crypto_shash *tfm;
	int ret;

	if (!name)
		return -EINVAL;
	tfm = crypto_alloc_shash(name, 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	{
		SHASH_DESC_ON_STACK(desc, tfm);

		desc->tfm = tfm;
		ret = crypto_shash_init(desc);
		if (!ret)
			ret = crypto_shash_update(desc, &id, 1);
		if (!ret)
			ret = crypto_shash_update(desc, secret, secret_len);
		if (!ret)
			ret = crypto_shash_update(desc, chal, chal_len);
		if (!ret)
			ret = crypto_shash_final(desc, out);
		/* The state has absorbed the secret. */
		shash_desc_zero(desc);
	}
	crypto_free_shash(tfm);
	return ret;
}

/**
 * mcs_chap_offer() - append CHAP_A with the algorithms we can compute
 * @ch: the exchange, remembers what was offered
 * @c: the credentials (their algorithm preference)
 * @out: the text of the next Login Request
 * @why: set to a static reason on failure
 *
 * Algorithms this kernel cannot compute are left out, so a target never
 * picks one we would fail on.
 *
 * Return: 0, -ENOENT when no algorithm is available, or mcs_text_add()'s
 * error.
 */
int mcs_chap_offer(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		   struct mcs_text_buf *out, const char **why)
{
	char val[MCS_CHAP_ALGS_MAX * 4 + 1];
	unsigned int i, n;
	size_t len = 0;
	u8 alg;

	n = c->n_algs ? min_t(unsigned int, c->n_algs, MCS_CHAP_ALGS_MAX) :
			ARRAY_SIZE(mcs_chap_algs);
	ch->n_offered = 0;
	for (i = 0; i < n; i++) {
		alg = c->n_algs ? c->algs[i] : mcs_chap_algs[i].alg;
		if (!mcs_chap_alg_name(alg) ||
		    !crypto_has_shash(mcs_chap_alg_name(alg), 0, 0))
			continue;
		len += scnprintf(val + len, sizeof(val) - len, "%s%u",
				 len ? "," : "", alg);
		ch->offered[ch->n_offered++] = alg;
	}
	if (!ch->n_offered) {
		*why = "none of the CHAP algorithms is available in this kernel";
		return -ENOENT;
	}
	return mcs_text_add(out, "CHAP_A", val, why);
}

/**
 * mcs_chap_take_challenge() - the target's choice and challenge
 * @ch: the exchange, after mcs_chap_offer()
 * @a: the target's CHAP_A
 * @i: its CHAP_I
 * @c: its CHAP_C, "0x" hex or "0b" base64
 * @why: set to a static reason on failure
 *
 * A challenge equal to one we sent is refused: answering it would hand
 * the target the response it owes us (RFC 7143 12.1.3). Within one
 * login ours comes later and mcs_chap_respond() keeps it different; to
 * catch a challenge replayed from another connection of the session,
 * copy that connection's our_chal and our_chal_len into @ch first.
 *
 * Return: 0 or -EPROTO.
 */
int mcs_chap_take_challenge(struct mcs_chap *ch, const char *a, const char *i,
			    const char *c, const char **why)
{
	const char *bad;
	unsigned int k;
	u32 len;
	u64 v;
	int ret;

	if (!a || !i || !c) {
		*why = "target did not send all of CHAP_A, CHAP_I and CHAP_C";
		return -EPROTO;
	}
	if (!strcmp(a, "Reject")) {
		*why = "target accepts none of the CHAP algorithms offered";
		return -EPROTO;
	}
	if (mcs_text_parse_num(a, 255, &v)) {
		*why = "target's CHAP_A is not one algorithm number";
		return -EPROTO;
	}
	for (k = 0; k < ch->n_offered; k++)
		if (ch->offered[k] == v)
			break;
	if (k == ch->n_offered) {
		*why = "target chose a CHAP algorithm that was not offered";
		return -EPROTO;
	}
	ch->alg = v;
	ch->digest_len = mcs_chap_digest_len(ch->alg);

	if (mcs_text_parse_num(i, 255, &v)) {
		*why = "target's CHAP_I is not a number from 0 to 255";
		return -EPROTO;
	}
	ch->id = v;

	ret = mcs_text_parse_binary(c, ch->chal, sizeof(ch->chal), &len, &bad);
	if (ret == -EMSGSIZE) {
		*why = "target's CHAP_C is longer than 1024 bytes";
		return -EPROTO;
	}
	if (ret) {
		*why = "target's CHAP_C is not 0x-hex or 0b-base64";
		return -EPROTO;
	}
	/* A short challenge makes the response easy to replay or crack. */
	if (len < MCS_CHAP_CHALLENGE_MIN) {
		*why = "target's CHAP_C is shorter than 16 bytes";
		return -EPROTO;
	}
	ch->chal_len = len;
	if (ch->our_chal_len && ch->our_chal_len == len &&
	    !memcmp(ch->our_chal, ch->chal, len)) {
		*why = "target reflected our own CHAP challenge";
		return -EPROTO;
	}
	return 0;
}

/* "0x" and lower-case hex, as LIO and open-iscsi send. */
static void mcs_chap_hex(char *dst, const u8 *src, size_t len)
{
	dst[0] = '0';
	dst[1] = 'x';
	*bin2hex(dst + 2, src, len) = '\0';
}

/**
 * mcs_chap_respond() - append our answer, and our challenge if mutual
 * @ch: the exchange, after mcs_chap_take_challenge()
 * @c: the credentials
 * @out: the text of the next Login Request
 * @why: set to a static reason on failure
 *
 * For mutual CHAP our challenge is as long as the digest, at least 16
 * bytes, random, and never the target's own challenge.
 *
 * Return: 0, -EINVAL without a challenge or with unusable credentials,
 * the crypto API's error, or mcs_text_add()'s error.
 */
int mcs_chap_respond(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		     struct mcs_text_buf *out, const char **why)
{
	char hex[2 + 2 * MCS_CHAP_DIGEST_MAX + 1];
	u8 digest[MCS_CHAP_DIGEST_MAX];
	const char *bad;
	int ret;

	if (!ch->alg) {
		*why = "no CHAP challenge was taken";
		return -EINVAL;
	}
	bad = mcs_chap_creds_check(c);
	if (bad) {
		*why = bad;
		return -EINVAL;
	}
	ret = mcs_chap_digest(ch->alg, ch->id, c->secret.data, c->secret.len,
			      ch->chal, ch->chal_len, digest);
	if (ret) {
		*why = "CHAP digest could not be computed";
		goto out;
	}
	mcs_chap_hex(hex, digest, ch->digest_len);
	ret = mcs_text_add(out, "CHAP_N", c->name, why);
	if (!ret)
		ret = mcs_text_add(out, "CHAP_R", hex, why);
	if (ret || !c->mutual)
		goto out;

	ch->our_chal_len = max_t(u32, ch->digest_len,
				 MCS_CHAP_OUR_CHALLENGE_MIN);
	do {
		get_random_bytes(&ch->our_id, sizeof(ch->our_id));
		get_random_bytes(ch->our_chal, ch->our_chal_len);
	} while (ch->our_chal_len == ch->chal_len &&
		 !memcmp(ch->our_chal, ch->chal, ch->chal_len));
	mcs_chap_hex(hex, ch->our_chal, ch->our_chal_len);
	ret = mcs_text_add_u32(out, "CHAP_I", ch->our_id, why);
	if (!ret)
		ret = mcs_text_add(out, "CHAP_C", hex, why);
out:
	memzero_explicit(digest, sizeof(digest));
	memzero_explicit(hex, sizeof(hex));
	return ret;
}

/**
 * mcs_chap_verify() - check the target's answer to our challenge
 * @ch: the exchange, after mcs_chap_respond() with mutual credentials
 * @c: the credentials
 * @n: the target's CHAP_N
 * @r: its CHAP_R
 * @why: set to a static reason on failure
 *
 * The comparison takes the same time wherever the digests differ.
 *
 * Return: 0 when the target knows the mutual secret, -EACCES when not,
 * -EPROTO when there was nothing to verify or the keys are missing, or
 * the crypto API's error.
 */
int mcs_chap_verify(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		    const char *n, const char *r, const char **why)
{
	u8 expect[MCS_CHAP_DIGEST_MAX];
	u8 got[MCS_CHAP_DIGEST_MAX];
	const char *bad;
	u32 len;
	int ret;

	if (!c->mutual || !ch->our_chal_len) {
		*why = "target answered a CHAP challenge that was never sent";
		return -EPROTO;
	}
	if (!n || !r) {
		*why = "target did not send both CHAP_N and CHAP_R";
		return -EPROTO;
	}
	if (c->target_name[0] && strcmp(n, c->target_name)) {
		*why = "target's CHAP name is not the configured one";
		return -EACCES;
	}
	ret = mcs_text_parse_binary(r, got, sizeof(got), &len, &bad);
	if (ret || len != ch->digest_len) {
		*why = "target's CHAP response has the wrong length or encoding";
		return -EACCES;
	}
	ret = mcs_chap_digest(ch->alg, ch->our_id, c->target_secret.data,
			      c->target_secret.len, ch->our_chal,
			      ch->our_chal_len, expect);
	if (ret) {
		*why = "CHAP digest could not be computed";
		goto out;
	}
	if (crypto_memneq(expect, got, len)) {
		*why = "target's CHAP response is wrong";
		ret = -EACCES;
	}
out:
	memzero_explicit(expect, sizeof(expect));
	return ret;
}
