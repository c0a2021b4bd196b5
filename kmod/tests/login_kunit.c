// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_login": the pure parts of the login code, the
 * TargetAddress parser a redirection relies on and the mapping of login
 * statuses to the errnos the uapi header promises.
 */

#include <kunit/test.h>
#include <linux/in.h>
#include <linux/in6.h>
#include <net/ipv6.h>
#include <scsi/iscsi_proto.h>

#include "../login.h"
#include "../sock.h"

static void mcs_login_addr_ipv4(struct kunit *test)
{
	struct sockaddr_storage ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&ss;

	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("127.0.0.2:3261,1", &ss), 0);
	KUNIT_EXPECT_EQ(test, ss.ss_family, (sa_family_t)AF_INET);
	KUNIT_EXPECT_EQ(test, ntohs(sin->sin_port), 3261);
	KUNIT_EXPECT_EQ(test, ntohl(sin->sin_addr.s_addr), 0x7f000002U);

	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("10.1.2.3", &ss), 0);
	KUNIT_EXPECT_EQ(test, ntohs(sin->sin_port), ISCSI_LISTEN_PORT);
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("10.1.2.3,7", &ss), 0);
	KUNIT_EXPECT_EQ(test, ntohs(sin->sin_port), ISCSI_LISTEN_PORT);
}

static void mcs_login_addr_ipv6(struct kunit *test)
{
	struct sockaddr_storage ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&ss;

	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[::1]:3262,2", &ss), 0);
	KUNIT_EXPECT_EQ(test, ss.ss_family, (sa_family_t)AF_INET6);
	KUNIT_EXPECT_EQ(test, ntohs(sin6->sin6_port), 3262);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_loopback(&sin6->sin6_addr));
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[fe80::2]", &ss), 0);
	KUNIT_EXPECT_EQ(test, ntohs(sin6->sin6_port), ISCSI_LISTEN_PORT);
}

/* A redirection to a link-local address stays on the portal's link. */
static void mcs_login_redirect_scope(struct kunit *test)
{
	struct sockaddr_storage dst, to;
	struct sockaddr_in6 *d6 = (struct sockaddr_in6 *)&dst;

	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[fe80::1]", &dst), 0);
	d6->sin6_scope_id = 7;
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[fe80::2]:3261", &to), 0);
	mcs_sockaddr_redirect(&dst, &to);
	KUNIT_EXPECT_EQ(test, d6->sin6_scope_id, 7U);
	KUNIT_EXPECT_EQ(test, ntohs(d6->sin6_port), 3261);
	KUNIT_EXPECT_EQ(test, d6->sin6_addr.s6_addr[15], 2);

	/* A global address needs no scope; IPv4 has none. */
	d6->sin6_scope_id = 7;
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[2001:db8::2]", &to), 0);
	mcs_sockaddr_redirect(&dst, &to);
	KUNIT_EXPECT_EQ(test, d6->sin6_scope_id, 0U);
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[fe80::1]", &dst), 0);
	d6->sin6_scope_id = 7;
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("10.0.0.2", &to), 0);
	mcs_sockaddr_redirect(&dst, &to);
	KUNIT_EXPECT_EQ(test, dst.ss_family, (sa_family_t)AF_INET);
	/* From IPv4 to link-local: no link to inherit. */
	KUNIT_ASSERT_EQ(test, mcs_parse_target_address("[fe80::2]", &to), 0);
	mcs_sockaddr_redirect(&dst, &to);
	KUNIT_EXPECT_EQ(test, d6->sin6_scope_id, 0U);
}

static void mcs_login_addr_bad(struct kunit *test)
{
	static const char *const bad[] = {
		"", "target.example.org:3260", "1.2.3.4:0", "1.2.3.4:65536",
		"1.2.3.4:", "1.2.3.4x", "[::1", "[::1]x", "::1", "1.2.3",
		"1.2.3.4:32601234",
	};
	struct sockaddr_storage ss;
	int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test, mcs_parse_target_address(bad[i], &ss),
				    -EINVAL, "\"%s\" accepted", bad[i]);
}

static void mcs_login_status_map(struct kunit *test)
{
	static const struct {
		u8 cls, detail;
		int err;
	} map[] = {
		{ 1, 1, -EREMOTE }, { 1, 2, -EREMOTE },
		{ 2, 0, -EINVAL }, { 2, 1, -EACCES }, { 2, 2, -EACCES },
		{ 2, 3, -ENOENT }, { 2, 4, -ENOENT }, { 2, 5, -EOPNOTSUPP },
		{ 2, 6, -EUSERS }, { 2, 7, -EINVAL }, { 2, 8, -EBUSY },
		{ 2, 9, -EOPNOTSUPP }, { 2, 10, -ESRCH }, { 2, 11, -EINVAL },
		{ 3, 0, -EIO }, { 3, 1, -EAGAIN }, { 3, 2, -ENOSPC },
		{ 4, 0, -EPROTO },
	};
	int i;

	for (i = 0; i < ARRAY_SIZE(map); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    mcs_login_status_errno(map[i].cls, map[i].detail),
				    map[i].err, "status 0x%02x%02x", map[i].cls,
				    map[i].detail);
}

static struct kunit_case mcs_login_cases[] = {
	KUNIT_CASE(mcs_login_addr_ipv4),
	KUNIT_CASE(mcs_login_addr_ipv6),
	KUNIT_CASE(mcs_login_redirect_scope),
	KUNIT_CASE(mcs_login_addr_bad),
	KUNIT_CASE(mcs_login_status_map),
	{}
};

static struct kunit_suite mcs_login_suite = {
	.name = "iscsi_mcs_login",
	.test_cases = mcs_login_cases,
};

kunit_test_suite(mcs_login_suite);
