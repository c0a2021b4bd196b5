// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetIScsiVersionInformation and IScsiMcsGetModuleInfo: both are answered
 * by the module's ISCSI_MCS_CMD_GET_VERSION.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "internal.h"
#include "mcs.h"
#include "version.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

int isdsc_parse_module_version(const char *text, ULONG out[3])
{
	const char *p = text;
	ULONG parts[3];

	for (int i = 0; i < 3; i++) {
		uint64_t v = 0;

		if (i > 0 && *p++ != '.')
			return -1;
		if (!is_digit(*p))
			return -1;
		while (is_digit(*p)) {
			v = v * 10 + (uint64_t)(*p++ - '0');
			if (v > UINT32_MAX)
				return -1;
		}
		parts[i] = (ULONG)v;
	}
	if (*p == '-' || *p == '+') {
		/* A suffix is one or more visible characters. */
		if (!p[1])
			return -1;
		for (p++; *p; p++)
			if (*p <= ' ' || *p > '~')
				return -1;
	}
	if (*p)
		return -1;
	memcpy(out, parts, sizeof(parts));
	return 0;
}

ISDSC_STATUS isdsc_module_parse(struct nl_msg *reply, void *arg)
{
	static const struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_VERSION] = { .type = NLA_STRING, .maxlen = ISDSC_MCS_VERSION_LEN },
		[ISCSI_MCS_A_API_VERSION] = { .type = NLA_U32 },
		[ISCSI_MCS_A_CAPS] = { .type = NLA_U64 },
		[ISCSI_MCS_A_MAX_CONNS_LIMIT] = { .type = NLA_U32 },
	};
	struct isdsc_module_answer *answer = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed answer: %s", nl_geterror(r));
	if (tb[ISCSI_MCS_A_VERSION]) {
		/* The policy guarantees a NUL within ISDSC_MCS_VERSION_LEN bytes. */
		memcpy(answer->info.Version, nla_data(tb[ISCSI_MCS_A_VERSION]),
		       (size_t)nla_len(tb[ISCSI_MCS_A_VERSION]));
		answer->have_version = true;
	}
	if (tb[ISCSI_MCS_A_API_VERSION]) {
		answer->info.ApiVersion = nla_get_u32(tb[ISCSI_MCS_A_API_VERSION]);
		answer->have_api_version = true;
	}
	if (tb[ISCSI_MCS_A_CAPS]) {
		answer->info.Caps = nla_get_u64(tb[ISCSI_MCS_A_CAPS]);
		answer->have_caps = true;
	}
	if (tb[ISCSI_MCS_A_MAX_CONNS_LIMIT]) {
		answer->info.MaxConnectionsLimit = nla_get_u32(tb[ISCSI_MCS_A_MAX_CONNS_LIMIT]);
		answer->have_limit = true;
	}
	return ERROR_SUCCESS;
}

static ISDSC_STATUS query_module(struct isdsc_module_answer *answer)
{
	memset(answer, 0, sizeof(*answer));
	return isdsc_mcs_call(ISCSI_MCS_CMD_GET_VERSION, "GET_VERSION", NULL, NULL,
			      isdsc_module_parse, answer);
}

static ISDSC_STATUS missing(const char *attr)
{
	return isdsc_fail(ISDSC_DRIVER_BUG, "iscsi_mcs GET_VERSION answer lacks %s", attr);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiVersionInformation(PISCSI_VERSION_INFO VersionInfo)
{
	struct isdsc_module_answer answer;
	ISDSC_STATUS status;
	ULONG v[3];

	isdsc_error_clear();
	if (!VersionInfo)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "VersionInfo is NULL");

	status = query_module(&answer);
	if (status != ERROR_SUCCESS)
		return status;
	if (!answer.have_version)
		return missing("ISCSI_MCS_A_VERSION");
	if (isdsc_parse_module_version(answer.info.Version, v) < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG,
				  "iscsi_mcs reports version \"%s\", not MAJOR.MINOR.PATCH",
				  answer.info.Version);
	VersionInfo->MajorVersion = v[0];
	VersionInfo->MinorVersion = v[1];
	VersionInfo->BuildNumber = v[2];
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsGetModuleInfo(PISDSC_MCS_MODULE_INFO ModuleInfo)
{
	struct isdsc_module_answer answer;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!ModuleInfo)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ModuleInfo is NULL");

	status = query_module(&answer);
	if (status != ERROR_SUCCESS)
		return status;
	if (!answer.have_version)
		return missing("ISCSI_MCS_A_VERSION");
	if (!answer.have_api_version)
		return missing("ISCSI_MCS_A_API_VERSION");
	if (!answer.have_caps)
		return missing("ISCSI_MCS_A_CAPS");
	if (!answer.have_limit)
		return missing("ISCSI_MCS_A_MAX_CONNS_LIMIT");
	*ModuleInfo = answer.info;
	return ERROR_SUCCESS;
}

/* The public capability masks are the uapi bit numbers, shifted. */
_Static_assert(ISDSC_MCS_CAP_CONFIG == 1ull << ISCSI_MCS_CAP_CONFIG, "cap bit");
_Static_assert(ISDSC_MCS_CAP_LOGIN == 1ull << ISCSI_MCS_CAP_LOGIN, "cap bit");
_Static_assert(ISDSC_MCS_CAP_MCS == 1ull << ISCSI_MCS_CAP_MCS, "cap bit");
_Static_assert(ISDSC_MCS_CAP_DISCOVERY == 1ull << ISCSI_MCS_CAP_DISCOVERY, "cap bit");
_Static_assert(ISDSC_MCS_CAP_CHAP == 1ull << ISCSI_MCS_CAP_CHAP, "cap bit");
_Static_assert(ISDSC_MCS_CAP_DIGESTS == 1ull << ISCSI_MCS_CAP_DIGESTS, "cap bit");
_Static_assert(ISDSC_MCS_CAP_ERL1 == 1ull << ISCSI_MCS_CAP_ERL1, "cap bit");
_Static_assert(ISDSC_MCS_CAP_ERL2 == 1ull << ISCSI_MCS_CAP_ERL2, "cap bit");
_Static_assert(ISDSC_MCS_CAP_IPV6 == 1ull << ISCSI_MCS_CAP_IPV6, "cap bit");
_Static_assert(ISDSC_MCS_CAP_POLICY == 1ull << ISCSI_MCS_CAP_POLICY, "cap bit");
_Static_assert(ISCSI_MCS_CAP_MAX == 9, "a new capability needs an ISDSC_MCS_CAP_ mask");
