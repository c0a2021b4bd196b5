// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_text": encoding and decoding of iSCSI text, its
 * limits, and the C-bit chaining of data segments in both directions.
 *
 * Segment boundaries are tried at every odd size rather than a few
 * chosen ones, since the bugs live where a pair or its NUL is cut.
 */

#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../text.h"

/*
 * 6.1's KUNIT_EXPECT_STREQ dereferences a NULL string: "x ?: \"(null)\""
 * lets a missing reason fail the case instead of oopsing the kernel.
 */

static char *mcs_tt_dup(struct kunit *test, const char *s, size_t len)
{
	char *p = kunit_kmalloc(test, len ?: 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, p);
	memcpy(p, s, len);
	return p;
}

static void mcs_text_add_and_decode(struct kunit *test)
{
	struct mcs_text_pairs pairs;
	struct mcs_text_buf tb;
	const char *why = NULL;
	char *copy;

	mcs_text_buf_init(&tb, MCS_TEXT_MAX);
	KUNIT_ASSERT_EQ(test, mcs_text_add(&tb, "InitiatorName",
					   "iqn.2026-11.org.example:a", &why), 0);
	KUNIT_ASSERT_EQ(test, mcs_text_add_u32(&tb, "MaxBurstLength", 262144,
					       &why), 0);
	KUNIT_ASSERT_EQ(test, mcs_text_add(&tb, "X-org.example.Empty", "",
					   &why), 0);
	KUNIT_ASSERT_EQ(test, mcs_text_add(&tb, "iSCSIProtocolLevel", "1",
					   &why), 0);
	KUNIT_EXPECT_EQ(test, tb.len,
			(u32)sizeof("InitiatorName=iqn.2026-11.org.example:a\0"
				    "MaxBurstLength=262144\0X-org.example.Empty=\0"
				    "iSCSIProtocolLevel=1"));
	KUNIT_EXPECT_EQ(test, memcmp(tb.data, "InitiatorName=iqn.2026-11.org.example:a\0"
				     "MaxBurstLength=262144\0", 40 + 22), 0);

	copy = mcs_tt_dup(test, tb.data, tb.len);
	KUNIT_ASSERT_EQ(test, mcs_text_decode(copy, tb.len, 0, &pairs, &why), 0);
	KUNIT_ASSERT_EQ(test, pairs.n, 4U);
	KUNIT_EXPECT_STREQ(test, pairs.pair[0].key, "InitiatorName");
	KUNIT_EXPECT_STREQ(test, pairs.pair[0].value, "iqn.2026-11.org.example:a");
	KUNIT_EXPECT_EQ(test, pairs.pair[0].value_len, 25U);
	KUNIT_EXPECT_STREQ(test, pairs.pair[1].value, "262144");
	KUNIT_EXPECT_STREQ(test, pairs.pair[2].key, "X-org.example.Empty");
	KUNIT_EXPECT_STREQ(test, pairs.pair[2].value, "");
	KUNIT_EXPECT_STREQ(test, mcs_text_find(&pairs, "iSCSIProtocolLevel") ?: "(null)", "1");
	KUNIT_EXPECT_NULL(test, mcs_text_find(&pairs, "MaxConnections"));
	mcs_text_pairs_free(&pairs);
	mcs_text_buf_free(&tb);
}

static void mcs_text_add_rejects(struct kunit *test)
{
	struct mcs_text_buf tb;
	const char *why = NULL;
	char key[MCS_TEXT_KEY_MAX + 2];
	char *value;

	mcs_text_buf_init(&tb, MCS_TEXT_MAX);
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "", "v", &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "key name is empty");
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "1Key", "v", &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "key name does not start with a letter");
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "Key=x", "v", &why), -EINVAL);
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "Key y", "v", &why), -EINVAL);

	memset(key, 'K', sizeof(key));
	key[MCS_TEXT_KEY_MAX] = '\0';
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, key, "v", &why), 0);
	key[MCS_TEXT_KEY_MAX] = 'K';
	key[MCS_TEXT_KEY_MAX + 1] = '\0';
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, key, "v", &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "key name is longer than 63 bytes");

	value = kunit_kzalloc(test, MCS_TEXT_LONG_VALUE_MAX + 2, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, value);
	memset(value, 'a', MCS_TEXT_LONG_VALUE_MAX);
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "CHAP_C", value, &why), 0);
	value[MCS_TEXT_LONG_VALUE_MAX] = 'a';
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "CHAP_C", value, &why), -EINVAL);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "value is longer than 8192 bytes");
	mcs_text_buf_free(&tb);

	/* The limit counts every byte, the NUL included. */
	mcs_text_buf_init(&tb, 8);
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "A", "12345", &why), 0);
	KUNIT_EXPECT_EQ(test, tb.len, 8U);
	KUNIT_EXPECT_EQ(test, mcs_text_add(&tb, "B", "", &why), -EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "text exceeds its size limit");
	KUNIT_EXPECT_EQ(test, tb.len, 8U);
	mcs_text_buf_free(&tb);
}

/* '|' stands for each NUL of the text. */
struct mcs_decode_case {
	const char *text;
	int ret;
	const char *why;	/* NULL: any reason */
	u32 n;			/* pairs when ret is 0 */
};

static const struct mcs_decode_case mcs_decode_cases[] = {
	{ "A=1|B=2|", 0, NULL, 2 },
	{ "A=|", 0, NULL, 1 },
	{ "A=x=y|", 0, NULL, 1 },
	/* Padding NULs are skipped. */
	{ "A=1|||B=2|||", 0, NULL, 2 },
	{ "|", 0, NULL, 0 },
	{ "", 0, NULL, 0 },
	{ "abc|", -EPROTO, "pair has no '='", 0 },
	{ "A=1|abc|", -EPROTO, "pair has no '='", 0 },
	{ "=v|", -EPROTO, "key name is empty", 0 },
	{ "1A=v|", -EPROTO, "key name does not start with a letter", 0 },
	{ "A B=v|", -EPROTO, NULL, 0 },
	{ "A\xc3\xa4=v|", -EPROTO, NULL, 0 },
	{ "A=1", -EPROTO, "text does not end with a NUL", 0 },
	{ "A=1|B=2|A=3|", -EPROTO, "text repeats a key", 0 },
	{ "KeyOfSixtyThreeBytes......................................xxxxx=v|",
	  0, NULL, 1 },
	{ "KeyOfSixtyFourBytes.......................................xxxxxx=v|",
	  -EPROTO, "key name is longer than 63 bytes", 0 },
};

static void mcs_text_decode_table(struct kunit *test)
{
	const struct mcs_decode_case *c;
	struct mcs_text_pairs pairs;
	const char *why;
	size_t len, i;
	char *copy;
	int ret;

	for (c = mcs_decode_cases;
	     c < mcs_decode_cases + ARRAY_SIZE(mcs_decode_cases); c++) {
		len = strlen(c->text);
		copy = mcs_tt_dup(test, c->text, len);
		for (i = 0; i < len; i++)
			if (copy[i] == '|')
				copy[i] = '\0';
		why = NULL;
		ret = mcs_text_decode(copy, len, 0, &pairs, &why);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "case %zu",
				    (size_t)(c - mcs_decode_cases));
		if (c->ret) {
			KUNIT_EXPECT_NOT_NULL(test, why);
			if (c->why && why)
				KUNIT_EXPECT_STREQ(test, why ?: "(null)", c->why);
			KUNIT_EXPECT_EQ(test, pairs.n, 0U);
			KUNIT_EXPECT_NULL(test, pairs.pair);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, pairs.n, c->n, "case %zu",
					    (size_t)(c - mcs_decode_cases));
		}
		mcs_text_pairs_free(&pairs);
	}
}

static void mcs_text_decode_value_limit(struct kunit *test)
{
	size_t len = 2 + MCS_TEXT_LONG_VALUE_MAX + 2;
	struct mcs_text_pairs pairs;
	const char *why = NULL;
	char *t;

	t = kunit_kzalloc(test, len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t);
	memcpy(t, "C=", 2);
	memset(t + 2, 'f', MCS_TEXT_LONG_VALUE_MAX);
	KUNIT_EXPECT_EQ(test, mcs_text_decode(t, len - 1, 0, &pairs, &why), 0);
	KUNIT_EXPECT_EQ(test, pairs.pair[0].value_len,
			(u32)MCS_TEXT_LONG_VALUE_MAX);
	mcs_text_pairs_free(&pairs);

	memset(t, 0, len);
	memcpy(t, "C=", 2);
	memset(t + 2, 'f', MCS_TEXT_LONG_VALUE_MAX + 1);
	KUNIT_EXPECT_EQ(test, mcs_text_decode(t, len, 0, &pairs, &why), -EPROTO);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "value is longer than 8192 bytes");
}

static void mcs_text_decode_dups(struct kunit *test)
{
	static const char t[] = "TargetName=a\0TargetAddress=1\0TargetName=b\0TargetAddress=2";
	struct mcs_text_pairs pairs;
	const char *why = NULL;
	char *copy;

	copy = mcs_tt_dup(test, t, sizeof(t));
	KUNIT_EXPECT_EQ(test, mcs_text_decode(copy, sizeof(t), 0, &pairs, &why),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "text repeats a key");

	/* SendTargets answers repeat keys; order is what carries meaning. */
	copy = mcs_tt_dup(test, t, sizeof(t));
	KUNIT_ASSERT_EQ(test, mcs_text_decode(copy, sizeof(t), MCS_TEXT_DUPS_OK,
					      &pairs, &why), 0);
	KUNIT_ASSERT_EQ(test, pairs.n, 4U);
	KUNIT_EXPECT_STREQ(test, pairs.pair[2].value, "b");
	KUNIT_EXPECT_STREQ(test, mcs_text_find(&pairs, "TargetAddress") ?: "(null)", "1");
	mcs_text_pairs_free(&pairs);
}

/* A text of many pairs of varied lengths, so every cut lands somewhere new. */
static void mcs_tt_build(struct kunit *test, struct mcs_text_buf *tb, int n)
{
	const char *why = NULL;
	char key[16], val[64];
	int i;

	mcs_text_buf_init(tb, MCS_TEXT_MAX);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Key%d", i);
		memset(val, 'a' + i % 26, sizeof(val));
		val[i * 7 % 50] = '\0';
		KUNIT_ASSERT_EQ(test, mcs_text_add(tb, key, val, &why), 0);
	}
}

static void mcs_tt_expect_pairs(struct kunit *test, char *text, u32 len, int n)
{
	struct mcs_text_pairs pairs;
	const char *why = NULL;
	char key[16];
	int i;

	KUNIT_ASSERT_EQ(test, mcs_text_decode(text, len, 0, &pairs, &why), 0);
	KUNIT_ASSERT_EQ(test, pairs.n, (u32)n);
	for (i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "Key%d", i);
		KUNIT_EXPECT_STREQ(test, pairs.pair[i].key, key);
		KUNIT_EXPECT_EQ(test, pairs.pair[i].value_len, (u32)(i * 7 % 50));
	}
	mcs_text_pairs_free(&pairs);
}

static void mcs_text_acc_every_boundary(struct kunit *test)
{
	struct mcs_text_acc acc;
	struct mcs_text_buf tb;
	const char *why = NULL;
	u32 step, off, len;
	int ret;

	mcs_tt_build(test, &tb, 40);
	mcs_text_acc_init(&acc, MCS_TEXT_MAX);
	for (step = 1; step <= tb.len; step += step < 20 ? 1 : 37) {
		mcs_text_acc_reset(&acc);
		for (off = 0; off < tb.len; off += len) {
			len = min(step, tb.len - off);
			ret = mcs_text_acc_add(&acc, tb.data + off, len,
					       off + len < tb.len, &why);
			if (off + len < tb.len) {
				KUNIT_ASSERT_EQ_MSG(test, ret, 0, "step %u", step);
				KUNIT_EXPECT_TRUE(test, acc.partial);
			} else {
				KUNIT_ASSERT_EQ_MSG(test, ret, 1, "step %u", step);
				KUNIT_EXPECT_FALSE(test, acc.partial);
			}
		}
		KUNIT_ASSERT_EQ(test, acc.buf.len, tb.len);
		KUNIT_ASSERT_EQ(test, memcmp(acc.buf.data, tb.data, tb.len), 0);
		mcs_tt_expect_pairs(test, acc.buf.data, acc.buf.len, 40);
	}
	mcs_text_acc_free(&acc);
	mcs_text_buf_free(&tb);
}

static void mcs_text_acc_split_pair(struct kunit *test)
{
	static const char t[] = "MaxRecvDataSegmentLength=262144";
	struct mcs_text_pairs pairs;
	struct mcs_text_acc acc;
	const char *why = NULL;
	u32 cut;

	/* Every cut of one pair, its final NUL alone included. */
	mcs_text_acc_init(&acc, MCS_TEXT_MAX);
	for (cut = 1; cut < sizeof(t); cut++) {
		mcs_text_acc_reset(&acc);
		KUNIT_ASSERT_EQ(test, mcs_text_acc_add(&acc, t, cut, true, &why), 0);
		KUNIT_ASSERT_EQ(test, mcs_text_acc_add(&acc, t + cut,
						       sizeof(t) - cut, false,
						       &why), 1);
		KUNIT_ASSERT_EQ(test, mcs_text_decode(acc.buf.data, acc.buf.len,
						      0, &pairs, &why), 0);
		KUNIT_ASSERT_EQ(test, pairs.n, 1U);
		KUNIT_EXPECT_STREQ(test, pairs.pair[0].value, "262144");
		mcs_text_pairs_free(&pairs);
	}
	mcs_text_acc_free(&acc);
}

static void mcs_text_acc_errors(struct kunit *test)
{
	struct mcs_text_acc acc;
	const char *why = NULL;
	char seg[60];

	memset(seg, 'x', sizeof(seg));
	mcs_text_acc_init(&acc, 100);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, seg, 60, true, &why), 0);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, seg, 40, true, &why), 0);
	/* A peer that never clears C hits the bound, not our memory. */
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, seg, 1, true, &why),
			-EMSGSIZE);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "text exceeds its size limit");

	mcs_text_acc_reset(&acc);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, "A=1", 3, false, &why),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, why ?: "(null)", "text does not end with a NUL");

	/* Empty segments: an empty final PDU ends the text. */
	mcs_text_acc_reset(&acc);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, "A=1", 3, true, &why), 0);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, NULL, 0, true, &why), 0);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, "", 1, false, &why), 1);
	KUNIT_EXPECT_EQ(test, acc.buf.len, 4U);
	mcs_text_acc_reset(&acc);
	KUNIT_EXPECT_EQ(test, mcs_text_acc_add(&acc, NULL, 0, false, &why), 1);
	KUNIT_EXPECT_EQ(test, acc.buf.len, 0U);
	mcs_text_acc_free(&acc);
}

static void mcs_text_segments(struct kunit *test)
{
	static const u32 maxes[] = { 1, 2, 3, 7, 13, 64, 511, 512, 513, 8192 };
	struct mcs_text_seg_iter it;
	struct mcs_text_acc acc;
	struct mcs_text_seg seg;
	struct mcs_text_buf tb;
	const char *why = NULL;
	u32 i, n, total;
	int ret = 0;

	mcs_tt_build(test, &tb, 40);
	mcs_text_acc_init(&acc, MCS_TEXT_MAX);
	for (i = 0; i < ARRAY_SIZE(maxes); i++) {
		mcs_text_acc_reset(&acc);
		mcs_text_seg_start(&it, &tb, maxes[i]);
		n = 0;
		total = 0;
		while (mcs_text_seg_next(&it, &seg)) {
			/* A broken iterator must fail, not hang the VM. */
			KUNIT_ASSERT_LE(test, n, tb.len);
			KUNIT_EXPECT_LE(test, seg.len, maxes[i]);
			KUNIT_EXPECT_GT(test, seg.len, 0U);
			/* Only the last one goes out without C. */
			KUNIT_EXPECT_EQ(test, seg.cont, total + seg.len < tb.len);
			total += seg.len;
			n++;
			ret = mcs_text_acc_add(&acc, seg.data, seg.len, seg.cont,
					       &why);
			KUNIT_ASSERT_GE(test, ret, 0);
		}
		KUNIT_EXPECT_EQ(test, ret, 1);
		KUNIT_EXPECT_EQ(test, total, tb.len);
		KUNIT_EXPECT_EQ_MSG(test, n, DIV_ROUND_UP(tb.len, maxes[i]),
				    "max %u", maxes[i]);
		mcs_tt_expect_pairs(test, acc.buf.data, acc.buf.len, 40);
	}
	mcs_text_acc_free(&acc);

	/* An exact multiple ends with a full segment, not an empty one. */
	mcs_text_seg_start(&it, &tb, tb.len);
	KUNIT_EXPECT_TRUE(test, mcs_text_seg_next(&it, &seg));
	KUNIT_EXPECT_EQ(test, seg.len, tb.len);
	KUNIT_EXPECT_FALSE(test, seg.cont);
	KUNIT_EXPECT_FALSE(test, mcs_text_seg_next(&it, &seg));
	mcs_text_buf_free(&tb);

	/* No keys still makes one (empty) segment. */
	mcs_text_buf_init(&tb, MCS_TEXT_MAX);
	mcs_text_seg_start(&it, &tb, 8192);
	KUNIT_EXPECT_TRUE(test, mcs_text_seg_next(&it, &seg));
	KUNIT_EXPECT_EQ(test, seg.len, 0U);
	KUNIT_EXPECT_FALSE(test, seg.cont);
	KUNIT_EXPECT_FALSE(test, mcs_text_seg_next(&it, &seg));
}

struct mcs_num_case {
	const char *s;
	u64 max;
	int ret;
	u64 v;
};

static const struct mcs_num_case mcs_num_cases[] = {
	{ "0", 10, 0, 0 },
	{ "8192", U32_MAX, 0, 8192 },
	{ "0x2000", U32_MAX, 0, 8192 },
	{ "0X1f", 255, 0, 31 },
	{ "007", 10, 0, 7 },
	{ "18446744073709551615", U64_MAX, 0, U64_MAX },
	{ "18446744073709551616", U64_MAX, -ERANGE, 0 },
	{ "65536", 65535, -ERANGE, 0 },
	{ "0x10000", 65535, -ERANGE, 0 },
	{ "", 10, -EINVAL, 0 },
	{ "0x", 10, -EINVAL, 0 },
	{ "-1", 10, -EINVAL, 0 },
	{ "+1", 10, -EINVAL, 0 },
	{ "12a", 1000, -EINVAL, 0 },
	{ "1 ", 10, -EINVAL, 0 },
	{ "Yes", 10, -EINVAL, 0 },
};

static void mcs_text_num_table(struct kunit *test)
{
	const struct mcs_num_case *c;
	u64 v;
	int ret;

	for (c = mcs_num_cases; c < mcs_num_cases + ARRAY_SIZE(mcs_num_cases);
	     c++) {
		v = 0xdead;
		ret = mcs_text_parse_num(c->s, c->max, &v);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "\"%s\"", c->s);
		if (!c->ret)
			KUNIT_EXPECT_EQ_MSG(test, v, c->v, "\"%s\"", c->s);
		else
			KUNIT_EXPECT_EQ(test, v, 0xdeadULL);
	}
}

struct mcs_bin_case {
	const char *s;
	int ret;
	u32 len;
	const u8 *bytes;
};

static const u8 mcs_bin_chal[] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef,
	0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
};

static const struct mcs_bin_case mcs_bin_cases[] = {
	{ "0x0123456789abcdef0011223344556677", 0, 16, mcs_bin_chal },
	{ "0X0123456789ABCDEF0011223344556677", 0, 16, mcs_bin_chal },
	{ "0bASNFZ4mrze8AESIzRFVmdw==", 0, 16, mcs_bin_chal },
	{ "0BASNFZ4mrze8AESIzRFVmdw==", 0, 16, mcs_bin_chal },
	/* Odd digit count: an implied leading zero. */
	{ "0x123", 0, 2, (const u8 *)"\x01\x23" },
	{ "0x1", 0, 1, (const u8 *)"\x01" },
	{ "0bASNF", 0, 3, mcs_bin_chal },
	{ "0bASM=", 0, 2, mcs_bin_chal },
	{ "0bAQ==", 0, 1, mcs_bin_chal },
	{ "0x", -EINVAL, 0, NULL },
	{ "0b", -EINVAL, 0, NULL },
	{ "1234", -EINVAL, 0, NULL },
	{ "0z12", -EINVAL, 0, NULL },
	{ "0x12g4", -EINVAL, 0, NULL },
	{ "0bASN", -EINVAL, 0, NULL },
	{ "0bAS=F", -EINVAL, 0, NULL },
	{ "0bA*==", -EINVAL, 0, NULL },
	{ "0x0123456789abcdef00112233445566770", -EMSGSIZE, 0, NULL },
	{ "0bASNFZ4mrze8AESIzRFVmd3d3", -EMSGSIZE, 0, NULL },
};

static void mcs_text_binary_table(struct kunit *test)
{
	const struct mcs_bin_case *c;
	const char *why;
	u8 out[16];
	u32 len;
	int ret;

	for (c = mcs_bin_cases; c < mcs_bin_cases + ARRAY_SIZE(mcs_bin_cases);
	     c++) {
		why = NULL;
		len = 0;
		ret = mcs_text_parse_binary(c->s, out, sizeof(out), &len, &why);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->ret, "\"%s\"", c->s);
		if (c->ret) {
			KUNIT_EXPECT_NOT_NULL(test, why);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, len, c->len, "\"%s\"", c->s);
		if (len == c->len)
			KUNIT_EXPECT_EQ_MSG(test, memcmp(out, c->bytes, len), 0,
					    "\"%s\"", c->s);
	}
}

static void mcs_text_reserved(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, mcs_text_is_reserved("Reject"));
	KUNIT_EXPECT_TRUE(test, mcs_text_is_reserved("Irrelevant"));
	KUNIT_EXPECT_TRUE(test, mcs_text_is_reserved("NotUnderstood"));
	KUNIT_EXPECT_FALSE(test, mcs_text_is_reserved("None"));
	KUNIT_EXPECT_FALSE(test, mcs_text_is_reserved("reject"));
	KUNIT_EXPECT_FALSE(test, mcs_text_is_reserved(""));
}

static struct kunit_case mcs_text_cases[] = {
	KUNIT_CASE(mcs_text_add_and_decode),
	KUNIT_CASE(mcs_text_add_rejects),
	KUNIT_CASE(mcs_text_decode_table),
	KUNIT_CASE(mcs_text_decode_value_limit),
	KUNIT_CASE(mcs_text_decode_dups),
	KUNIT_CASE(mcs_text_acc_every_boundary),
	KUNIT_CASE(mcs_text_acc_split_pair),
	KUNIT_CASE(mcs_text_acc_errors),
	KUNIT_CASE(mcs_text_segments),
	KUNIT_CASE(mcs_text_num_table),
	KUNIT_CASE(mcs_text_binary_table),
	KUNIT_CASE(mcs_text_reserved),
	{}
};

static struct kunit_suite mcs_text_suite = {
	.name = "iscsi_mcs_text",
	.test_cases = mcs_text_cases,
};

kunit_test_suite(mcs_text_suite);
