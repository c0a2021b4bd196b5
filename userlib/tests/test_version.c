// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The module's version string and GET_VERSION answers: what
 * GetIScsiVersionInformation and IScsiMcsGetModuleInfo build on.
 */
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "iscsidsc.h"
#include "tap.h"
#include "version.h"

static void version_strings(void)
{
	static const struct {
		const char *text;
		ULONG major, minor, build;
	} good[] = {
		{ "0.1.0", 0, 1, 0 },
		{ "1.2.3", 1, 2, 3 },
		{ "10.20.30", 10, 20, 30 },
		{ "4294967295.0.7", 4294967295u, 0, 7 },
		{ "2.0.1-rc1", 2, 0, 1 },
		{ "2.0.1+git.5b3c", 2, 0, 1 },
	};
	static const char *bad[] = {
		"", "1", "1.2", "1.2.", "1.2.3.4", ".1.2", "1..2", "a.b.c", "1.2.x",
		"-1.2.3", " 1.2.3", "1.2.3 ", "1.2.3-", "1.2.3-rc 1", "4294967296.0.0",
		"1.2.3rc1",
	};

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		ULONG v[3] = { 99, 99, 99 };
		int r = isdsc_parse_module_version(good[i].text, v);

		TAP_CHECK(r == 0 && v[0] == good[i].major && v[1] == good[i].minor &&
			  v[2] == good[i].build, "\"%s\" -> %u.%u.%u", good[i].text,
			  good[i].major, good[i].minor, good[i].build);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ULONG v[3] = { 99, 99, 99 };
		int r = isdsc_parse_module_version(bad[i], v);

		TAP_CHECK(r == -1 && v[0] == 99 && v[2] == 99, "\"%s\" is refused, output untouched",
			  bad[i]);
	}
}

static struct nl_msg *answer(void)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_GET_VERSION, ISCSI_MCS_GENL_VERSION);
	return m;
}

static void get_version_answers(void)
{
	struct isdsc_module_answer a;
	struct nl_msg *m;
	char long_version[80];
	ISDSC_STATUS s;

	m = answer();
	nla_put_string(m, ISCSI_MCS_A_VERSION, "0.3.1");
	nla_put_u32(m, ISCSI_MCS_A_API_VERSION, 1);
	nla_put_u64(m, ISCSI_MCS_A_CAPS, ISDSC_MCS_CAP_CONFIG | ISDSC_MCS_CAP_MCS);
	nla_put_u32(m, ISCSI_MCS_A_MAX_CONNS_LIMIT, 16);
	memset(&a, 0, sizeof(a));
	s = isdsc_module_parse(m, &a);
	TAP_CHECK(s == ERROR_SUCCESS && a.have_version && a.have_api_version && a.have_caps &&
		  a.have_limit && !strcmp(a.info.Version, "0.3.1") && a.info.ApiVersion == 1 &&
		  a.info.Caps == (ISDSC_MCS_CAP_CONFIG | ISDSC_MCS_CAP_MCS) &&
		  a.info.MaxConnectionsLimit == 16, "a complete answer fills every member");
	nlmsg_free(m);

	m = answer();
	nla_put_string(m, ISCSI_MCS_A_VERSION, "0.3.1");
	memset(&a, 0, sizeof(a));
	s = isdsc_module_parse(m, &a);
	TAP_CHECK(s == ERROR_SUCCESS && a.have_version && !a.have_caps && !a.have_limit,
		  "missing attributes are reported as missing, not as zero");
	nlmsg_free(m);

	m = answer();
	memset(long_version, '1', sizeof(long_version) - 1);
	long_version[sizeof(long_version) - 1] = '\0';
	nla_put_string(m, ISCSI_MCS_A_VERSION, long_version);
	memset(&a, 0, sizeof(a));
	s = isdsc_module_parse(m, &a);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "a version longer than ISDSC_MCS_VERSION_LEN: ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = answer();
	nla_put(m, ISCSI_MCS_A_CAPS, 4, "\x01\x00\x00\x00");	/* u64 cut to 4 bytes */
	memset(&a, 0, sizeof(a));
	s = isdsc_module_parse(m, &a);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && strstr(IScsiMcsLastErrorText(), "malformed"),
		  "a truncated u64: ISDSC_DRIVER_BUG: %s", IScsiMcsLastErrorText());
	nlmsg_free(m);
}

int main(void)
{
	version_strings();
	get_version_answers();
	return tap_done();
}
