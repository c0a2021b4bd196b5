// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * isdsc-info: what the iscsi_mcs module is, what it can do, and the
 * initiator defaults of this network namespace, through libiscsidsc.
 *
 * Exits 0 on success, 1 with the library's explanation on stderr if a
 * query fails, 2 on bad usage.
 */
#include <stdio.h>
#include <string.h>

#include <iscsidsc.h>

static const char *program = "isdsc-info";

static int fail(const char *call, ISDSC_STATUS status)
{
	const char *name = IScsiMcsStatusName(status);

	fprintf(stderr, "%s: %s failed: %s (0x%08X): %s\n", program, call,
		name ? name : "unknown status", (unsigned int)status,
		IScsiMcsLastErrorText()[0] ? IScsiMcsLastErrorText() : "no details");
	return 1;
}

static void print_caps(ULONGLONG caps)
{
	static const struct {
		ULONGLONG bit;
		const char *name;
	} known[] = {
		{ ISDSC_MCS_CAP_CONFIG, "config" },
		{ ISDSC_MCS_CAP_LOGIN, "login" },
		{ ISDSC_MCS_CAP_MCS, "mcs" },
		{ ISDSC_MCS_CAP_DISCOVERY, "discovery" },
		{ ISDSC_MCS_CAP_CHAP, "chap" },
		{ ISDSC_MCS_CAP_DIGESTS, "digests" },
		{ ISDSC_MCS_CAP_ERL1, "erl1" },
		{ ISDSC_MCS_CAP_ERL2, "erl2" },
		{ ISDSC_MCS_CAP_IPV6, "ipv6" },
		{ ISDSC_MCS_CAP_POLICY, "policy" },
	};
	const char *sep = "";

	printf("  %-22s", "capabilities");
	if (!caps)
		printf("none");
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (caps & known[i].bit) {
			printf("%s%s", sep, known[i].name);
			sep = " ";
			caps &= ~known[i].bit;
		}
	}
	/* Features newer than this program still show up, by bit number. */
	for (unsigned int bit = 0; bit < 64; bit++) {
		if (caps & (1ull << bit)) {
			printf("%sbit%u", sep, bit);
			sep = " ";
		}
	}
	printf("\n");
}

static void print_ms(const char *label, ULONG fields, ULONG bit, ULONG ms, const char *zero)
{
	printf("  %-22s", label);
	if (!(fields & bit))
		printf("(not reported)\n");
	else if (ms == 0 && zero)
		printf("%s\n", zero);
	else
		printf("%lu ms\n", (unsigned long)ms);
}

static void print_text(const char *label, ULONG fields, ULONG bit, const char *text)
{
	printf("  %-22s%s\n", label, (fields & bit) && text[0] ? text : "(not set)");
}

int main(int argc, char **argv)
{
	ISCSI_VERSION_INFO version;
	ISDSC_MCS_MODULE_INFO module;
	ISDSC_MCS_CONFIG config;
	CHAR node_name[MAX_ISCSI_NAME_LEN + 1];
	ISDSC_STATUS status;

	if (argv[0] && argv[0][0])
		program = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
	if (argc > 1) {
		fprintf(stderr, "usage: %s\n\nShows the iscsi_mcs module's version, capabilities "
			"and initiator defaults.\n", program);
		return 2;
	}

	status = GetIScsiVersionInformation(&version);
	if (status != ERROR_SUCCESS)
		return fail("GetIScsiVersionInformation", status);
	status = IScsiMcsGetModuleInfo(&module);
	if (status != ERROR_SUCCESS)
		return fail("IScsiMcsGetModuleInfo", status);

	printf("iscsi_mcs kernel module\n");
	printf("  %-22s%s (major %lu, minor %lu, build %lu)\n", "version", module.Version,
	       (unsigned long)version.MajorVersion, (unsigned long)version.MinorVersion,
	       (unsigned long)version.BuildNumber);
	printf("  %-22s%lu\n", "netlink API version", (unsigned long)module.ApiVersion);
	printf("  %-22s%lu per session\n", "connection limit",
	       (unsigned long)module.MaxConnectionsLimit);
	print_caps(module.Caps);

	printf("\nInitiator defaults of this network namespace\n");
	if (!(module.Caps & ISDSC_MCS_CAP_CONFIG)) {
		printf("  (this module version does not keep any)\n");
	} else {
		status = IScsiMcsGetConfig(&config);
		if (status != ERROR_SUCCESS)
			return fail("IScsiMcsGetConfig", status);
		print_text("initiator name", config.Fields, ISDSC_MCS_CONFIG_INITIATOR_NAME,
			   config.InitiatorName);
		print_text("initiator alias", config.Fields, ISDSC_MCS_CONFIG_INITIATOR_ALIAS,
			   config.InitiatorAlias);
		print_ms("login timeout", config.Fields, ISDSC_MCS_CONFIG_LOGIN_TIMEOUT,
			 config.LoginTimeoutMs, NULL);
		print_ms("NOP-Out interval", config.Fields, ISDSC_MCS_CONFIG_NOOP_INTERVAL,
			 config.NoopIntervalMs, "never");
		print_ms("NOP-Out timeout", config.Fields, ISDSC_MCS_CONFIG_NOOP_TIMEOUT,
			 config.NoopTimeoutMs, NULL);
		print_ms("replacement timeout", config.Fields, ISDSC_MCS_CONFIG_REPLACEMENT_TIMEOUT,
			 config.ReplacementTimeoutMs, NULL);
		printf("  %-22s", "max connections");
		if (config.Fields & ISDSC_MCS_CONFIG_MAX_CONNECTIONS)
			printf("%lu\n", (unsigned long)config.MaxConnections);
		else
			printf("(not reported)\n");
	}

	/* The host's node name is informational here: its absence is not an error. */
	printf("\nInitiator node name (initiatorname.iscsi)\n");
	status = GetIScsiInitiatorNodeNameA(node_name);
	if (status == ERROR_SUCCESS)
		printf("  %-22s%s\n", "name", node_name);
	else
		printf("  %-22s(unavailable: %s)\n", "name", IScsiMcsLastErrorText());
	return 0;
}
