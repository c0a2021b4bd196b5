// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * mcsadm: administer the iscsi_mcs initiator the way iscsiadm administers
 * open-iscsi: same modes, option letters, records (open-iscsi's node
 * database under /etc/iscsi), output lines and exit codes, so that people
 * and scripts written for one drive the other. This file parses the
 * command line and hands it to the mode's file, as wireguard-tools' wg.c
 * hands a subcommand to its own file.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "mcsadm.h"

static const struct mode modes[] = {
	{ "session", mode_session },
	{ "node", mode_node },
	{ "discovery", mode_discovery },
	{ "discoverydb", mode_discoverydb },
	{ "iface", mode_iface },
	{ "config", mode_config },
};

static void usage(FILE *f)
{
	fprintf(f,
		"mcsadm -V | --version\n"
		"mcsadm -m session [-r N|SYSFS_PATH] [-P 0|1|2|3] [--json]\n"
		"mcsadm -m session [-r N] -u | -R | -s\n"
		"mcsadm -m session -r N -o addconn -p IP[:PORT]\n"
		"mcsadm -m session -r N -o delconn --cid CID\n"
		"mcsadm -m session -r N -o policy --policy round_robin|failover|round_robin_subset|\n"
		"                                  least_queue_depth|weighted|least_expected_time\n"
		"mcsadm -m session -r N -o weight --cid CID [--weight 1..1000] [--standby yes|no]\n"
		"mcsadm -m node [-T IQN] [-p IP[:PORT][,TPGT]] [-I default] [-P 1] [--json]\n"
		"mcsadm -m node -T IQN -p IP[:PORT] -o new|delete|show|update [-n NAME -v VALUE]...\n"
		"mcsadm -m node [-T IQN] [-p IP[:PORT]] -l|--login | -u|--logout\n"
		"mcsadm -m node -L|-U all|manual|automatic\n"
		"mcsadm -m discovery [-t sendtargets|st -p IP[:PORT] [-l]]\n"
		"mcsadm -m discovery -p IP[:PORT] -o delete\n"
		"mcsadm -m discoverydb -t st -p IP[:PORT] -o new|delete|update|show [--discover]\n"
		"mcsadm -m iface [-I NAME [-o new|delete|update|show [-n NAME -v VALUE]]]\n"
		"mcsadm -m config [-o show|name]\n"
		"mcsadm -m config -o update -n NAME -v VALUE\n"
		"\n"
		"Sessions are numbered as /sys/class/iscsi_session/sessionN. Records live\n"
		"in open-iscsi's layout under /etc/iscsi (or $ISCSI_MCS_ISCSI_DIR).\n"
		"-d N (0 to 8) prints debug messages. See mcsadm(8).\n");
}

static int show_version(void)
{
	ISDSC_MCS_MODULE_INFO info;
	ISDSC_STATUS st;

	printf("mcsadm version %s\n", MCSADM_VERSION);
	st = IScsiMcsGetModuleInfo(&info);
	if (st == ISDSC_SERVICE_NOT_RUNNING) {
		printf("iscsi_mcs module: not loaded\n");
		return ISCSI_SUCCESS;
	}
	if (st != ERROR_SUCCESS)
		return fail_status("querying the module", st);
	printf("iscsi_mcs module version %s (netlink API %u, up to %u connections per session)\n",
	       info.Version, info.ApiVersion, info.MaxConnectionsLimit);
	return ISCSI_SUCCESS;
}

int main(int argc, char **argv)
{
	enum { OPT_CID = 256, OPT_JSON, OPT_DISCOVER, OPT_WEIGHT, OPT_STANDBY, OPT_POLICY };
	static const struct option opts[] = {
		{ "mode", required_argument, NULL, 'm' },
		{ "op", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "value", required_argument, NULL, 'v' },
		{ "sid", required_argument, NULL, 'r' },
		{ "login", no_argument, NULL, 'l' },
		{ "logout", no_argument, NULL, 'u' },
		{ "loginall", required_argument, NULL, 'L' },
		{ "logoutall", required_argument, NULL, 'U' },
		{ "rescan", no_argument, NULL, 'R' },
		{ "stats", no_argument, NULL, 's' },
		{ "print", required_argument, NULL, 'P' },
		{ "targetname", required_argument, NULL, 'T' },
		{ "portal", required_argument, NULL, 'p' },
		{ "type", required_argument, NULL, 't' },
		{ "interface", required_argument, NULL, 'I' },
		{ "debug", required_argument, NULL, 'd' },
		{ "cid", required_argument, NULL, OPT_CID },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "discover", no_argument, NULL, OPT_DISCOVER },
		{ "weight", required_argument, NULL, OPT_WEIGHT },
		{ "standby", required_argument, NULL, OPT_STANDBY },
		{ "policy", required_argument, NULL, OPT_POLICY },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct args a;
	unsigned long lvl;
	size_t i;
	int c;

	memset(&a, 0, sizeof(a));
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:o:n:v:r:luL:U:RsP:T:p:t:I:d:Vh", opts,
				NULL)) != -1) {
		switch (c) {
		case 'm': a.mode = optarg; break;
		case 'o': a.op = optarg; a.given |= O_OP; break;
		case 'n':
			if (a.n_names == MAX_PAIRS)
				return usage_error("more than %d -n options", MAX_PAIRS);
			a.names[a.n_names++] = optarg;
			a.given |= O_NAME;
			break;
		case 'v':
			if (a.n_values == a.n_names || a.n_values == MAX_PAIRS)
				return usage_error("-v '%s' has no -n before it", optarg);
			a.values[a.n_values++] = optarg;
			a.given |= O_VALUE;
			break;
		case 'r': a.sid = optarg; a.given |= O_SID; break;
		case 'l': a.given |= O_LOGIN; break;
		case 'u': a.given |= O_LOGOUT; break;
		case 'L': a.loginall = optarg; a.given |= O_LOGINALL; break;
		case 'U': a.logoutall = optarg; a.given |= O_LOGOUTALL; break;
		case 'R': a.given |= O_RESCAN; break;
		case 's': a.given |= O_STATS; break;
		case 'P': a.print = optarg; a.given |= O_PRINT; break;
		case 'T': a.target = optarg; a.given |= O_TARGET; break;
		case 'p': a.portal = optarg; a.given |= O_PORTAL; break;
		case 't': a.type = optarg; a.given |= O_TYPE; break;
		case 'I': a.iface = optarg; a.given |= O_IFACE; break;
		case 'd':
			if (parse_count(optarg, 8, &lvl))
				return usage_error("debug level '%s' is not 0 to 8", optarg);
			mcsadm_debug = (int)lvl;
			break;
		case OPT_CID: a.cid = optarg; a.given |= O_CID; break;
		case OPT_JSON: a.json = true; a.given |= O_JSON; break;
		case OPT_DISCOVER: a.given |= O_DISCOVER; break;
		case OPT_WEIGHT: a.weight = optarg; a.given |= O_WEIGHT; break;
		case OPT_STANDBY: a.standby = optarg; a.given |= O_STANDBY; break;
		case OPT_POLICY: a.policy = optarg; a.given |= O_POLICY; break;
		case 'V': return show_version();
		case 'h': usage(stdout); return ISCSI_SUCCESS;
		case ':':
			return usage_error("option '%s' needs a value", argv[optind - 1]);
		default:
			return usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return usage_error("unexpected argument '%s'", argv[optind]);
	if (a.n_names != a.n_values)
		return usage_error("-n '%s' has no -v after it", a.names[a.n_names - 1]);
	if (!a.mode)
		return usage_error("no mode given (-m)");
	debug(1, "mode %s, op %s", a.mode, a.op ? a.op : "(none)");
	for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(a.mode, modes[i].name))
			return modes[i].run(&a);
	if (!strcmp(a.mode, "fw") || !strcmp(a.mode, "host") || !strcmp(a.mode, "isns"))
		return usage_error("mode '%s' is not supported by mcsadm", a.mode);
	return usage_error("'%s' is not a mode (session, node, discovery, discoverydb, "
			   "iface, config)", a.mode);
}
