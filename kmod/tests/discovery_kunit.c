// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_discovery": SendTargets answers turned into
 * targets and portals, the refusal of malformed ones, and the netlink
 * tree DISCOVER answers with.
 */

#include <kunit/test.h>
#include <linux/inet.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <scsi/iscsi_proto.h>

#include <linux/iscsi_mcs.h>

#include "../discovery.h"

static char *mcs_disc_copy(struct kunit *test, const char *lit, u32 len)
{
	char *text = kunit_kmalloc(test, len + 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, text);
	memcpy(text, lit, len);
	return text;
}

/* Parses a copy of @lit, which KUnit frees when the test ends. */
static int mcs_disc_try(struct kunit *test, const char *lit, u32 len,
			struct mcs_disc_list *list, const char **why)
{
	char *text = mcs_disc_copy(test, lit, len);

	*why = NULL;
	return mcs_disc_parse(text, len, list, why);
}

/* A literal with its pairs' NULs, less the literal's own final NUL. */
#define MCS_DISC_TRY(test, lit, list, why) \
	mcs_disc_try(test, lit, sizeof(lit) - 1, list, why)

static u32 mcs_v4(const struct mcs_disc_portal *p)
{
	return ntohl(((const struct sockaddr_in *)&p->addr)->sin_addr.s_addr);
}

static const struct in6_addr *mcs_v6(const struct mcs_disc_portal *p)
{
	return &((const struct sockaddr_in6 *)&p->addr)->sin6_addr;
}

static void mcs_disc_several_targets(struct kunit *test)
{
	static const char answer[] =
		"TargetName=iqn.2026-11.org.example:a\0"
		"TargetAddress=10.0.0.1:3260,1\0"
		"TargetAddress=10.0.0.2:3261,1\0"
		"TargetName=iqn.2026-11.org.example:b\0"
		"TargetAlias=disk b\0"
		"TargetAddress=10.0.0.3,2\0"
		"TargetAddress=[2001:db8::5]:3262,2\0"
		"TargetAddress=[fe80::1],3\0";
	struct in6_addr want;
	struct mcs_disc_list list;
	const struct mcs_disc_target *t;
	const struct mcs_disc_portal *p;
	const char *why;

	KUNIT_ASSERT_EQ(test, MCS_DISC_TRY(test, answer, &list, &why), 0);
	KUNIT_ASSERT_EQ(test, list.n_targets, 2U);
	KUNIT_ASSERT_EQ(test, list.n_portals, 5U);

	t = &list.target[0];
	KUNIT_EXPECT_STREQ(test, t->name, "iqn.2026-11.org.example:a");
	KUNIT_EXPECT_NULL(test, t->alias);
	KUNIT_EXPECT_EQ(test, t->first, 0U);
	KUNIT_ASSERT_EQ(test, t->n_portals, 2U);
	p = &list.portal[0];
	KUNIT_EXPECT_EQ(test, p->addr.ss_family, (sa_family_t)AF_INET);
	KUNIT_EXPECT_EQ(test, mcs_v4(p), 0x0a000001U);
	KUNIT_EXPECT_EQ(test, p->port, 3260);
	KUNIT_EXPECT_EQ(test, p->tpgt, 1);
	KUNIT_EXPECT_NULL(test, p->host);
	p = &list.portal[1];
	KUNIT_EXPECT_EQ(test, mcs_v4(p), 0x0a000002U);
	KUNIT_EXPECT_EQ(test, p->port, 3261);
	KUNIT_EXPECT_EQ(test, p->tpgt, 1);

	t = &list.target[1];
	KUNIT_EXPECT_STREQ(test, t->name, "iqn.2026-11.org.example:b");
	KUNIT_EXPECT_STREQ(test, t->alias, "disk b");
	KUNIT_EXPECT_EQ(test, t->first, 2U);
	KUNIT_ASSERT_EQ(test, t->n_portals, 3U);
	p = &list.portal[2];
	KUNIT_EXPECT_EQ(test, mcs_v4(p), 0x0a000003U);
	KUNIT_EXPECT_EQ(test, p->port, ISCSI_LISTEN_PORT);
	KUNIT_EXPECT_EQ(test, p->tpgt, 2);
	p = &list.portal[3];
	KUNIT_EXPECT_EQ(test, p->addr.ss_family, (sa_family_t)AF_INET6);
	KUNIT_ASSERT_EQ(test, in6_pton("2001:db8::5", -1, want.s6_addr, -1, NULL), 1);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(mcs_v6(p), &want));
	KUNIT_EXPECT_EQ(test, p->port, 3262);
	KUNIT_EXPECT_EQ(test, p->tpgt, 2);
	p = &list.portal[4];
	KUNIT_EXPECT_EQ(test, p->addr.ss_family, (sa_family_t)AF_INET6);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_type(mcs_v6(p)) & IPV6_ADDR_LINKLOCAL);
	KUNIT_EXPECT_EQ(test, p->port, ISCSI_LISTEN_PORT);
	KUNIT_EXPECT_EQ(test, p->tpgt, 3);
	mcs_disc_list_free(&list);
}

static void mcs_disc_hostnames(struct kunit *test)
{
	static const char answer[] =
		"TargetName=iqn.2026-11.org.example:c\0"
		"TargetAddress=storage.example.org:3270,1\0"
		"TargetAddress=san-2,7\0"
		"TargetAddress=1.2.3.4x,8\0";
	struct mcs_disc_list list;
	const struct mcs_disc_portal *p;
	const char *why;

	KUNIT_ASSERT_EQ(test, MCS_DISC_TRY(test, answer, &list, &why), 0);
	KUNIT_ASSERT_EQ(test, list.n_targets, 1U);
	KUNIT_ASSERT_EQ(test, list.target[0].n_portals, 3U);
	p = &list.portal[0];
	KUNIT_EXPECT_EQ(test, p->addr.ss_family, (sa_family_t)AF_UNSPEC);
	KUNIT_ASSERT_NOT_NULL(test, p->host);
	KUNIT_EXPECT_EQ(test, p->host_len, 19);
	KUNIT_EXPECT_EQ(test, strncmp(p->host, "storage.example.org", 19), 0);
	KUNIT_EXPECT_EQ(test, p->port, 3270);
	KUNIT_EXPECT_EQ(test, p->tpgt, 1);
	p = &list.portal[1];
	KUNIT_EXPECT_EQ(test, p->host_len, 5);
	KUNIT_EXPECT_EQ(test, strncmp(p->host, "san-2", 5), 0);
	KUNIT_EXPECT_EQ(test, p->port, ISCSI_LISTEN_PORT);
	KUNIT_EXPECT_EQ(test, p->tpgt, 7);
	/* Not an IPv4 literal, yet a possible DNS name: user space decides. */
	p = &list.portal[2];
	KUNIT_EXPECT_EQ(test, p->host_len, 8);
	KUNIT_EXPECT_EQ(test, p->tpgt, 8);
	mcs_disc_list_free(&list);
}

static void mcs_disc_address_before_name(struct kunit *test)
{
	static const char answer[] =
		"TargetAddress=10.0.0.1:3260,1\0"
		"TargetName=iqn.2026-11.org.example:a\0";
	static const char alias_first[] =
		"TargetAlias=first\0"
		"TargetName=iqn.2026-11.org.example:a\0";
	struct mcs_disc_list list;
	const char *why;

	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, answer, &list, &why),
			-EPROTO);
	KUNIT_ASSERT_NOT_NULL(test, why);
	KUNIT_EXPECT_NOT_NULL(test, strstr(why, "before any TargetName"));
	/* Nothing is left allocated after a refusal. */
	KUNIT_EXPECT_NULL(test, list.target);
	KUNIT_EXPECT_NULL(test, list.portal);
	KUNIT_EXPECT_EQ(test, list.n_targets, 0U);

	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, alias_first, &list, &why),
			-EPROTO);
}

static void mcs_disc_tpgt(struct kunit *test)
{
	static const struct {
		const char *value;
		int ret;
		u16 tpgt;
	} cases[] = {
		{ "10.0.0.1:3260,0", 0, 0 },
		{ "10.0.0.1:3260,65535", 0, 65535 },
		{ "10.0.0.1:3260,0x10", 0, 16 },
		{ "[::1]:3260,65535", 0, 65535 },
		{ "host,42", 0, 42 },
		{ "10.0.0.1:3260,65536", -EPROTO },
		{ "10.0.0.1:3260,4294967297", -EPROTO },
		{ "[::1],70000", -EPROTO },
		{ "host,100000", -EPROTO },
		{ "10.0.0.1:3260", -EPROTO },
		{ "10.0.0.1:3260,", -EPROTO },
		{ "10.0.0.1:3260,-1", -EPROTO },
		{ "10.0.0.1:3260,1x", -EPROTO },
		{ "10.0.0.1,1,2", -EPROTO },
	};
	struct mcs_disc_portal p;
	const char *why;
	int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		why = NULL;
		KUNIT_EXPECT_EQ_MSG(test, mcs_disc_parse_address(cases[i].value, &p, &why),
				    cases[i].ret, "\"%s\"", cases[i].value);
		if (cases[i].ret)
			KUNIT_EXPECT_NOT_NULL_MSG(test, why, "\"%s\"", cases[i].value);
		else
			KUNIT_EXPECT_EQ_MSG(test, p.tpgt, cases[i].tpgt, "\"%s\"",
					    cases[i].value);
	}
	why = NULL;
	KUNIT_EXPECT_EQ(test, mcs_disc_parse_address("1.2.3.4,65536", &p, &why),
			-EPROTO);
	KUNIT_EXPECT_STREQ(test, why, "TargetAddress portal group tag is above 65535");
}

static void mcs_disc_bad_addresses(struct kunit *test)
{
	static const char *const bad[] = {
		"[::1,1", "[::1]x,1", "[fe80::1%eth0]:3260,1", "[::1]:0,1",
		"1.2.3.4:0,1", "1.2.3.4:65536,1", "1.2.3.4:,1", "1.2.3.4:x,1",
		"300.1.2.3,1", "1.2.3,1", ":3260,1", ",1", "::1,1",
		"host name,1", "host/x:3260,1", "host:3260:1,1",
	};
	struct mcs_disc_portal p;
	const char *why;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		why = NULL;
		KUNIT_EXPECT_EQ_MSG(test, mcs_disc_parse_address(bad[i], &p, &why),
				    -EPROTO, "\"%s\" accepted", bad[i]);
		KUNIT_EXPECT_NOT_NULL_MSG(test, why, "\"%s\"", bad[i]);
	}
}

static void mcs_disc_bad_answers(struct kunit *test)
{
	static const char bad_addr[] =
		"TargetName=iqn.2026-11.org.example:a\0"
		"TargetAddress=10.0.0.1:3260,1\0"
		"TargetAddress=[::1,1\0";
	static const char empty_name[] = "TargetName=\0";
	static const char no_equals[] = "TargetName\0";
	static const char no_nul[] = "TargetName=iqn.2026-11.org.example:a";
	static const char rejected[] = "SendTargets=Reject\0";
	struct mcs_disc_list list;
	const char *why;

	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, bad_addr, &list, &why),
			-EPROTO);
	KUNIT_EXPECT_NULL(test, list.portal);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, empty_name, &list, &why),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, no_equals, &list, &why),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, no_nul, &list, &why),
			-EPROTO);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, rejected, &list, &why),
			-EOPNOTSUPP);
}

static void mcs_disc_name_length(struct kunit *test)
{
	char *text = kunit_kzalloc(test, 512, GFP_KERNEL);
	struct mcs_disc_list list;
	const char *why;
	u32 len;

	KUNIT_ASSERT_NOT_NULL(test, text);
	/* "TargetName=" and 223 bytes of name: the longest iSCSI name. */
	len = sprintf(text, "TargetName=iqn.2026-11.org.example:%0199d", 0) + 1;
	KUNIT_ASSERT_EQ(test, len, 11U + 223 + 1);
	KUNIT_EXPECT_EQ(test, mcs_disc_parse(text, len, &list, &why), 0);
	KUNIT_EXPECT_EQ(test, list.n_targets, 1U);
	mcs_disc_list_free(&list);

	len = sprintf(text, "TargetName=iqn.2026-11.org.example:%0200d", 0) + 1;
	KUNIT_EXPECT_EQ(test, mcs_disc_parse(text, len, &list, &why), -EPROTO);
}

static void mcs_disc_empty(struct kunit *test)
{
	static const char nuls[] = "\0\0";
	static const char unknown[] = "X-org.example.Foo=bar\0";
	static const char no_portal[] =
		"TargetName=iqn.2026-11.org.example:a\0"
		"TargetName=iqn.2026-11.org.example:b\0"
		"TargetAddress=10.0.0.1,1\0";
	struct mcs_disc_list list;
	const char *why;

	KUNIT_EXPECT_EQ(test, mcs_disc_parse(NULL, 0, &list, &why), 0);
	KUNIT_EXPECT_EQ(test, list.n_targets, 0U);
	KUNIT_EXPECT_EQ(test, list.n_portals, 0U);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, nuls, &list, &why), 0);
	KUNIT_EXPECT_EQ(test, list.n_targets, 0U);
	KUNIT_EXPECT_EQ(test, MCS_DISC_TRY(test, unknown, &list, &why), 0);
	KUNIT_EXPECT_EQ(test, list.n_targets, 0U);
	mcs_disc_list_free(&list);

	/* A target may come without an address. */
	KUNIT_ASSERT_EQ(test, MCS_DISC_TRY(test, no_portal, &list, &why), 0);
	KUNIT_ASSERT_EQ(test, list.n_targets, 2U);
	KUNIT_EXPECT_EQ(test, list.target[0].n_portals, 0U);
	KUNIT_EXPECT_EQ(test, list.target[1].n_portals, 1U);
	KUNIT_EXPECT_EQ(test, list.target[1].first, 0U);
	mcs_disc_list_free(&list);
}

/* The @i-th portal of mcs_disc_netlink()'s answer. */
static void mcs_disc_check_portal(struct kunit *test, struct nlattr *portal,
				  int i)
{
	struct nlattr *pt[ISCSI_MCS_PORTAL_A_MAX + 1];
	struct nlattr *at[ISCSI_MCS_ADDR_A_MAX + 1];
	struct nlattr *a;

	KUNIT_EXPECT_EQ(test, nla_type(portal), ISCSI_MCS_TARGET_A_PORTAL);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(pt, ISCSI_MCS_PORTAL_A_MAX,
							  portal, NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, pt[ISCSI_MCS_PORTAL_A_ADDR]);
	KUNIT_ASSERT_NOT_NULL(test, pt[ISCSI_MCS_PORTAL_A_TPGT]);
	KUNIT_EXPECT_EQ(test, nla_get_u16(pt[ISCSI_MCS_PORTAL_A_TPGT]), i + 1);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(at, ISCSI_MCS_ADDR_A_MAX,
							  pt[ISCSI_MCS_PORTAL_A_ADDR],
							  NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, at[ISCSI_MCS_ADDR_A_PORT]);
	KUNIT_EXPECT_EQ(test, nla_get_u16(at[ISCSI_MCS_ADDR_A_PORT]), 3261 + i);
	KUNIT_EXPECT_EQ(test, !!at[ISCSI_MCS_ADDR_A_IPV4], i == 0);
	KUNIT_EXPECT_EQ(test, !!at[ISCSI_MCS_ADDR_A_IPV6], i == 1);
	KUNIT_EXPECT_EQ(test, !!pt[ISCSI_MCS_PORTAL_A_HOSTNAME], i == 2);
	a = at[ISCSI_MCS_ADDR_A_IPV4];
	if (a)
		KUNIT_EXPECT_EQ(test, ntohl(nla_get_in_addr(a)), 0x7f000002U);
	a = pt[ISCSI_MCS_PORTAL_A_HOSTNAME];
	if (a)
		KUNIT_EXPECT_STREQ(test, (char *)nla_data(a), "san.example.org");
}

/* Reads back what mcs_disc_put() wrote. */
static void mcs_disc_netlink(struct kunit *test)
{
	static const char answer[] =
		"TargetName=iqn.2026-11.org.example:a\0"
		"TargetAlias=disk a\0"
		"TargetAddress=127.0.0.2:3261,1\0"
		"TargetAddress=[::1]:3262,2\0"
		"TargetAddress=san.example.org:3263,3\0"
		"TargetName=iqn.2026-11.org.example:b\0";
	struct nlattr *tt[ISCSI_MCS_TARGET_A_MAX + 1];
	struct nlattr *targets, *target, *portal;
	struct mcs_disc_list list;
	struct sk_buff *skb;
	const char *why;
	size_t size;
	int rem, prem, n = 0, np = 0;

	KUNIT_ASSERT_EQ(test, MCS_DISC_TRY(test, answer, &list, &why), 0);
	size = mcs_disc_msg_size(&list);
	skb = alloc_skb(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, mcs_disc_put(skb, &list), 0);
	/* The size is exact: the reply is allocated from it. */
	KUNIT_EXPECT_EQ(test, (size_t)skb->len, size);

	targets = (struct nlattr *)skb->data;
	KUNIT_EXPECT_EQ(test, nla_type(targets), ISCSI_MCS_A_TARGETS);
	nla_for_each_nested(target, targets, rem) {
		KUNIT_EXPECT_EQ(test, nla_type(target), ISCSI_MCS_A_TARGET);
		KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(tt, ISCSI_MCS_TARGET_A_MAX,
								  target, NULL, NULL), 0);
		KUNIT_ASSERT_NOT_NULL(test, tt[ISCSI_MCS_TARGET_A_NAME]);
		KUNIT_ASSERT_NOT_NULL(test, tt[ISCSI_MCS_TARGET_A_PORTALS]);
		KUNIT_EXPECT_STREQ(test, (char *)nla_data(tt[ISCSI_MCS_TARGET_A_NAME]),
				   list.target[n].name);
		if (n == 0) {
			KUNIT_ASSERT_NOT_NULL(test, tt[ISCSI_MCS_TARGET_A_ALIAS]);
			KUNIT_EXPECT_STREQ(test,
					   (char *)nla_data(tt[ISCSI_MCS_TARGET_A_ALIAS]),
					   "disk a");
		} else {
			KUNIT_EXPECT_NULL(test, tt[ISCSI_MCS_TARGET_A_ALIAS]);
		}
		nla_for_each_nested(portal, tt[ISCSI_MCS_TARGET_A_PORTALS], prem)
			mcs_disc_check_portal(test, portal, np++);
		n++;
	}
	KUNIT_EXPECT_EQ(test, n, 2);
	KUNIT_EXPECT_EQ(test, np, 3);
	kfree_skb(skb);
	mcs_disc_list_free(&list);
}

/* No target at all is an answer too: an empty TARGETS nest. */
static void mcs_disc_netlink_empty(struct kunit *test)
{
	struct mcs_disc_list list = {};
	struct sk_buff *skb;
	size_t size = mcs_disc_msg_size(&list);

	KUNIT_EXPECT_EQ(test, size, (size_t)nla_total_size(0));
	skb = alloc_skb(size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, mcs_disc_put(skb, &list), 0);
	KUNIT_EXPECT_EQ(test, (size_t)skb->len, size);
	KUNIT_EXPECT_EQ(test, nla_type((struct nlattr *)skb->data), ISCSI_MCS_A_TARGETS);
	kfree_skb(skb);
}

static struct kunit_case mcs_disc_cases[] = {
	KUNIT_CASE(mcs_disc_several_targets),
	KUNIT_CASE(mcs_disc_hostnames),
	KUNIT_CASE(mcs_disc_address_before_name),
	KUNIT_CASE(mcs_disc_tpgt),
	KUNIT_CASE(mcs_disc_bad_addresses),
	KUNIT_CASE(mcs_disc_bad_answers),
	KUNIT_CASE(mcs_disc_name_length),
	KUNIT_CASE(mcs_disc_empty),
	KUNIT_CASE(mcs_disc_netlink),
	KUNIT_CASE(mcs_disc_netlink_empty),
	{}
};

static struct kunit_suite mcs_disc_suite = {
	.name = "iscsi_mcs_discovery",
	.test_cases = mcs_disc_cases,
};

kunit_test_suite(mcs_disc_suite);
