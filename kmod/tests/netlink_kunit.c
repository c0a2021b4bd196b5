// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_netlink": the family's attribute policies, its
 * prechecks, and the name rules they rely on.
 *
 * Requests are built in a real skb and parsed with the same policy the
 * generic netlink core applies, so a policy change that would let a bad
 * value through fails here before it fails in the VM.
 */

#include <kunit/test.h>
#include <net/netlink.h>

#include "../config.h"
#include "../netlink.h"

struct mcs_nl_test_ctx {
	struct sk_buff *skb;
	struct nlattr *nest;
	struct nlattr *tb[ISCSI_MCS_CONFIG_A_MAX + 1];
	struct netlink_ext_ack extack;
};

static int mcs_nl_test_init(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx);
	ctx->skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->skb);
	ctx->nest = nla_nest_start(ctx->skb, ISCSI_MCS_A_CONFIG);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ctx->nest);
	test->priv = ctx;
	return 0;
}

static void mcs_nl_test_exit(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;

	kfree_skb(ctx->skb);
}

/* Close the nest and parse it the way the genetlink core would. */
static int mcs_nl_test_parse(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;

	nla_nest_end(ctx->skb, ctx->nest);
	memset(&ctx->extack, 0, sizeof(ctx->extack));
	return nla_parse_nested(ctx->tb, ISCSI_MCS_CONFIG_A_MAX, ctx->nest,
				mcs_nl_config_policy, &ctx->extack);
}

static void mcs_nl_policy_accepts_valid(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;

	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_NAME,
		       "iqn.2026-11.org.example:host1");
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 600000);
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS,
		    MCS_MAX_CONNS_LIMIT);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_parse(test), 0);
	KUNIT_EXPECT_NULL(test, ctx->extack._msg);
	KUNIT_EXPECT_NOT_NULL(test, ctx->tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME]);
}

struct mcs_nl_range_case {
	int type;
	u32 value;
	int expect;
};

static const struct mcs_nl_range_case mcs_nl_range_cases[] = {
	{ ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 999, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 1000, 0 },
	{ ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 600001, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 0, 0 },
	{ ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 3600001, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS, 0, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS, 3600000, 0 },
	{ ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS, 3600001, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 0, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 1, 0 },
	{ ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, MCS_MAX_CONNS_LIMIT + 1, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_CMDS_MAX, 0, -ERANGE },
	{ ISCSI_MCS_CONFIG_A_CMDS_MAX, 1, 0 },
	{ ISCSI_MCS_CONFIG_A_CMDS_MAX, MCS_CMDS_LIMIT, 0 },
	{ ISCSI_MCS_CONFIG_A_CMDS_MAX, MCS_CMDS_LIMIT + 1, -ERANGE },
};

static void mcs_nl_policy_ranges(struct kunit *test)
{
	const struct mcs_nl_range_case *c;
	struct mcs_nl_test_ctx *ctx;
	int ret;

	for (c = mcs_nl_range_cases;
	     c < mcs_nl_range_cases + ARRAY_SIZE(mcs_nl_range_cases); c++) {
		mcs_nl_test_exit(test);
		mcs_nl_test_init(test);
		ctx = test->priv;
		nla_put_u32(ctx->skb, c->type, c->value);
		ret = mcs_nl_test_parse(test);
		KUNIT_EXPECT_EQ_MSG(test, ret, c->expect, "attr %d value %u",
				    c->type, c->value);
		if (c->expect)
			KUNIT_EXPECT_NOT_NULL_MSG(test, ctx->extack._msg,
						  "attr %d: no extack message",
						  c->type);
	}
}

static void mcs_nl_policy_rejects_unknown_and_wrong_type(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;

	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_MAX + 1, 1);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_parse(test), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, ctx->extack._msg);

	mcs_nl_test_exit(test);
	mcs_nl_test_init(test);
	ctx = test->priv;
	/* A u16 where a u32 belongs. */
	nla_put_u16(ctx->skb, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 5000);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_parse(test), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg, "invalid attribute length");

	mcs_nl_test_exit(test);
	mcs_nl_test_init(test);
	ctx = test->priv;
	/* A string without its NUL. */
	nla_put(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, 3, "abc");
	KUNIT_EXPECT_EQ(test, mcs_nl_test_parse(test), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, ctx->extack._msg);
}

static void mcs_nl_policy_rejects_long_name(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	char *name;

	name = kunit_kzalloc(test, ISCSI_MCS_NAME_MAX + 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, name);
	memset(name, 'a', ISCSI_MCS_NAME_MAX);
	memcpy(name, "iqn.2026-11.x", 13);
	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_NAME, name);
	KUNIT_EXPECT_NE(test, mcs_nl_test_parse(test), 0);
	KUNIT_EXPECT_NOT_NULL(test, ctx->extack._msg);
}

static int mcs_nl_test_precheck(struct kunit *test, const struct mcs_config *cur)
{
	struct mcs_nl_test_ctx *ctx = test->priv;

	KUNIT_ASSERT_EQ(test, mcs_nl_test_parse(test), 0);
	return mcs_nl_config_precheck(ctx->tb, ctx->nest, cur, &ctx->extack);
}

static void mcs_nl_precheck_empty_nest(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	mcs_config_init(&cfg);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg,
			   "configuration nest sets nothing");
	KUNIT_EXPECT_PTR_EQ(test, ctx->extack.bad_attr,
			    (const struct nlattr *)ctx->nest);
}

static void mcs_nl_precheck_bad_name(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	mcs_config_init(&cfg);
	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_NAME,
		       "iqn.2026-13.org.example");
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg,
			   "iqn name has a month outside 01..12");
	KUNIT_EXPECT_PTR_EQ(test, ctx->extack.bad_attr,
			    (const struct nlattr *)
			    ctx->tb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME]);
}

static void mcs_nl_precheck_clear_name(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	mcs_config_init(&cfg);
	strscpy(cfg.initiator_name, "iqn.2026-11.org.example:a",
		sizeof(cfg.initiator_name));
	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_NAME, "");
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), 0);
	mcs_nl_config_apply(ctx->tb, &cfg);
	KUNIT_EXPECT_STREQ(test, cfg.initiator_name, "");
}

static void mcs_nl_precheck_bad_alias(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	mcs_config_init(&cfg);
	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, "a\nb");
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg,
			   "alias contains a control character");
}

static void mcs_nl_precheck_noop_interval(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	mcs_config_init(&cfg);
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 999);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg,
			   "NOP-Out interval must be 0 (off) or at least 1000 ms");
}

static void mcs_nl_precheck_noop_timeout_vs_current(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	/* Only the timeout is sent: it is compared with the current interval. */
	mcs_config_init(&cfg);
	cfg.noop_interval_ms = 2000;
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS, 2001);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), -EINVAL);
	KUNIT_EXPECT_STREQ(test, ctx->extack._msg,
			   "NOP-Out timeout would exceed the NOP-Out interval");

	/* With pings off there is no interval to exceed. */
	cfg.noop_interval_ms = 0;
	KUNIT_EXPECT_EQ(test,
			mcs_nl_config_precheck(ctx->tb, ctx->nest, &cfg,
					       &ctx->extack), 0);
}

static void mcs_nl_precheck_noop_both(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg;

	/* Raising both in one request is fine though the timeout alone is not. */
	mcs_config_init(&cfg);
	cfg.noop_interval_ms = 2000;
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 10000);
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS, 8000);
	KUNIT_EXPECT_EQ(test, mcs_nl_test_precheck(test, &cfg), 0);
}

static void mcs_nl_apply_partial(struct kunit *test)
{
	struct mcs_nl_test_ctx *ctx = test->priv;
	struct mcs_config cfg, before;

	mcs_config_init(&cfg);
	before = cfg;
	nla_put_u32(ctx->skb, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 4);
	nla_put_string(ctx->skb, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, "host one");
	KUNIT_ASSERT_EQ(test, mcs_nl_test_precheck(test, &cfg), 0);
	mcs_nl_config_apply(ctx->tb, &cfg);
	KUNIT_EXPECT_EQ(test, cfg.max_connections, 4U);
	KUNIT_EXPECT_STREQ(test, cfg.initiator_alias, "host one");
	KUNIT_EXPECT_EQ(test, cfg.login_timeout_ms, before.login_timeout_ms);
	KUNIT_EXPECT_EQ(test, cfg.noop_interval_ms, before.noop_interval_ms);
	KUNIT_EXPECT_EQ(test, cfg.noop_timeout_ms, before.noop_timeout_ms);
	KUNIT_EXPECT_STREQ(test, cfg.initiator_name, "");
}

static void mcs_nl_defaults_are_valid(struct kunit *test)
{
	struct mcs_config cfg;

	/* Defaults must satisfy the rules CONFIG_SET enforces. */
	mcs_config_init(&cfg);
	KUNIT_EXPECT_GE(test, cfg.login_timeout_ms, 1000U);
	KUNIT_EXPECT_LE(test, cfg.noop_timeout_ms, cfg.noop_interval_ms);
	KUNIT_EXPECT_GT(test, cfg.max_connections, 1U);
	KUNIT_EXPECT_LE(test, cfg.max_connections, (u32)MCS_MAX_CONNS_LIMIT);
}

static struct kunit_case mcs_nl_cases[] = {
	KUNIT_CASE(mcs_nl_policy_accepts_valid),
	KUNIT_CASE(mcs_nl_policy_ranges),
	KUNIT_CASE(mcs_nl_policy_rejects_unknown_and_wrong_type),
	KUNIT_CASE(mcs_nl_policy_rejects_long_name),
	KUNIT_CASE(mcs_nl_precheck_empty_nest),
	KUNIT_CASE(mcs_nl_precheck_bad_name),
	KUNIT_CASE(mcs_nl_precheck_clear_name),
	KUNIT_CASE(mcs_nl_precheck_bad_alias),
	KUNIT_CASE(mcs_nl_precheck_noop_interval),
	KUNIT_CASE(mcs_nl_precheck_noop_timeout_vs_current),
	KUNIT_CASE(mcs_nl_precheck_noop_both),
	KUNIT_CASE(mcs_nl_apply_partial),
	KUNIT_CASE(mcs_nl_defaults_are_valid),
	{}
};

static struct kunit_suite mcs_nl_suite = {
	.name = "iscsi_mcs_netlink",
	.init = mcs_nl_test_init,
	.exit = mcs_nl_test_exit,
	.test_cases = mcs_nl_cases,
};

struct mcs_name_case {
	const char *name;
	bool valid;
};

static const struct mcs_name_case mcs_name_cases[] = {
	{ "iqn.2026-11.org.example", true },
	{ "iqn.2026-11.org.example:storage.disk-1", true },
	{ "iqn.1991-05.com.microsoft:host", true },
	{ "eui.02004567A425678D", true },
	{ "naa.52004567BA64678D", true },
	{ "naa.62004567BA64678D0123456789ABCDEF", true },
	{ "", false },
	{ "iqn.", false },
	{ "iqn.2026-11", false },
	{ "iqn.2026-11.", false },
	{ "iqn.2026-00.org.example", false },
	{ "iqn.26-11.org.example", false },
	{ "iqn.2026-11.org.Example", false },
	{ "iqn.2026-11.org.ex ample", false },
	{ "iqn.2026-11.:x", false },
	{ "eui.02004567A425678", false },
	{ "eui.02004567A425678G", false },
	{ "naa.0123", false },
	{ "IQN.2026-11.org.example", false },
	{ "host.example.org", false },
};

static void mcs_name_table(struct kunit *test)
{
	const struct mcs_name_case *c;

	for (c = mcs_name_cases;
	     c < mcs_name_cases + ARRAY_SIZE(mcs_name_cases); c++) {
		const char *why = mcs_iscsi_name_check(c->name);

		if (c->valid)
			KUNIT_EXPECT_NULL_MSG(test, why, "\"%s\": %s", c->name,
					      why);
		else
			KUNIT_EXPECT_NOT_NULL_MSG(test, why,
						  "\"%s\" accepted", c->name);
	}
}

static void mcs_name_length_limit(struct kunit *test)
{
	char *name = kunit_kzalloc(test, 300, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, name);
	memcpy(name, "iqn.2026-11.org.example:", 24);
	memset(name + 24, 'x', 223 - 24);
	KUNIT_EXPECT_NULL(test, mcs_iscsi_name_check(name));
	name[223] = 'x';
	KUNIT_EXPECT_STREQ(test, mcs_iscsi_name_check(name),
			   "iSCSI name is longer than 223 bytes");
}

static struct kunit_case mcs_name_cases_list[] = {
	KUNIT_CASE(mcs_name_table),
	KUNIT_CASE(mcs_name_length_limit),
	{}
};

static struct kunit_suite mcs_name_suite = {
	.name = "iscsi_mcs_names",
	.test_cases = mcs_name_cases_list,
};

kunit_test_suites(&mcs_nl_suite, &mcs_name_suite);
