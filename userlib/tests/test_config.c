// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The namespace configuration: argument checks of IScsiMcsSetConfig, the
 * CONFIG_SET request as encoded for the kernel, and the parsing of
 * CONFIG_GET answers (well-formed and malformed), all without the module.
 */
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>
#include <netlink/genl/ctrl.h>

#include "config.h"
#include "iscsidsc.h"
#include "tap.h"

static const char *status_name(ISDSC_STATUS s)
{
	const char *name = IScsiMcsStatusName(s);

	return name ? name : "unknown";
}

static ISDSC_MCS_CONFIG full_config(void)
{
	ISDSC_MCS_CONFIG c;

	memset(&c, 0, sizeof(c));
	c.Fields = ISDSC_MCS_CONFIG_ALL;
	strcpy(c.InitiatorName, "iqn.2005-03.org.example:host");
	strcpy(c.InitiatorAlias, "r\xc3\xa9plica one");
	c.LoginTimeoutMs = 15000;
	c.NoopIntervalMs = 5000;
	c.NoopTimeoutMs = 5000;
	c.ReplacementTimeoutMs = 120000;
	c.MaxConnections = 4;
	return c;
}

static void set_checks(void)
{
	ISDSC_MCS_CONFIG c;
	ISDSC_STATUS s;

#define REFUSED(expected, part, what) do {					\
	s = IScsiMcsSetConfig(&c);						\
	TAP_CHECK(s == (expected) && strstr(IScsiMcsLastErrorText(), part),	\
		  "%s: %s (got %s: %s)", what, #expected, status_name(s),	\
		  IScsiMcsLastErrorText());					\
} while (0)

	c = full_config();
	c.Fields = 0;
	REFUSED(ERROR_INVALID_PARAMETER, "Fields is 0", "no field selected");

	c = full_config();
	c.Fields |= 0x100;
	REFUSED(ERROR_INVALID_PARAMETER, "unknown bits 0x100", "an unknown field bit");

	c = full_config();
	memset(c.InitiatorName, 'a', sizeof(c.InitiatorName));
	REFUSED(ISDSC_INVALID_ISCSI_NAME, "NUL-terminated", "a name without its NUL");

	c = full_config();
	strcpy(c.InitiatorName, "iqn.2005-03.org.Example");
	REFUSED(ISDSC_INVALID_ISCSI_NAME, "upper-case", "an upper-case name");

	c = full_config();
	strcpy(c.InitiatorAlias, "tab\there");
	REFUSED(ERROR_INVALID_PARAMETER, "control character 0x09", "an alias with a tab");

	c = full_config();
	strcpy(c.InitiatorAlias, "bad \xff byte");
	REFUSED(ERROR_INVALID_PARAMETER, "UTF-8", "an alias that is not UTF-8");

	c = full_config();
	memset(c.InitiatorAlias, 'x', sizeof(c.InitiatorAlias));
	REFUSED(ERROR_INVALID_PARAMETER, "NUL-terminated", "an alias without its NUL");

	/* Fields not selected are not looked at, however broken. */
	c = full_config();
	memset(c.InitiatorName, 'A', sizeof(c.InitiatorName));
	c.Fields = ISDSC_MCS_CONFIG_LOGIN_TIMEOUT;
	TAP_CHECK(isdsc_config_check(&c) == ERROR_SUCCESS, "unselected members are ignored");

	c = full_config();
	TAP_CHECK(isdsc_config_check(&c) == ERROR_SUCCESS, "a complete, valid configuration passes");
	c.InitiatorName[0] = '\0';
	c.InitiatorAlias[0] = '\0';
	TAP_CHECK(isdsc_config_check(&c) == ERROR_SUCCESS, "empty name and alias (clearing) pass");
#undef REFUSED
}

static void set_encoding(void)
{
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *ctb[ISCSI_MCS_CONFIG_A_MAX + 1];
	ISDSC_MCS_CONFIG c = full_config();
	struct nl_msg *m = nlmsg_alloc();
	ISDSC_STATUS s;
	int ok;

	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_CONFIG_SET, ISCSI_MCS_GENL_VERSION);
	s = isdsc_config_put(m, &c);
	ok = s == ERROR_SUCCESS &&
	     genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL) == 0 && tb[ISCSI_MCS_A_CONFIG];
	TAP_CHECK(ok, "CONFIG_SET carries an ISCSI_MCS_A_CONFIG nest");
	if (!ok) {
		nlmsg_free(m);
		return;
	}
	TAP_CHECK(tb[ISCSI_MCS_A_CONFIG]->nla_type & NLA_F_NESTED,
		  "the nest has NLA_F_NESTED, as strict validation requires");
	nla_parse_nested(ctb, ISCSI_MCS_CONFIG_A_MAX, tb[ISCSI_MCS_A_CONFIG], NULL);
	TAP_CHECK(ctb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME] &&
		  nla_len(ctb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME]) == (int)strlen(c.InitiatorName) + 1 &&
		  !strcmp(nla_data(ctb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME]), c.InitiatorName),
		  "the name is a NUL-terminated string");
	TAP_CHECK(ctb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS] &&
		  !strcmp(nla_data(ctb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS]), c.InitiatorAlias),
		  "the alias is sent as given");
	TAP_CHECK(ctb[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS] &&
		  nla_get_u32(ctb[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS]) == 15000 &&
		  ctb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS] &&
		  nla_get_u32(ctb[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS]) == 5000 &&
		  ctb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS] &&
		  nla_get_u32(ctb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS]) == 5000 &&
		  ctb[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS] &&
		  nla_get_u32(ctb[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS]) == 120000 &&
		  ctb[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS] &&
		  nla_get_u32(ctb[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS]) == 4,
		  "every timeout and the connection count go to their own attribute");
	nlmsg_free(m);

	/* Only the selected members are sent. */
	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_CONFIG_SET, ISCSI_MCS_GENL_VERSION);
	c.Fields = ISDSC_MCS_CONFIG_NOOP_TIMEOUT;
	isdsc_config_put(m, &c);
	genlmsg_parse(nlmsg_hdr(m), 0, tb, ISCSI_MCS_A_MAX, NULL);
	memset(ctb, 0, sizeof(ctb));
	if (tb[ISCSI_MCS_A_CONFIG])
		nla_parse_nested(ctb, ISCSI_MCS_CONFIG_A_MAX, tb[ISCSI_MCS_A_CONFIG], NULL);
	TAP_CHECK(ctb[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS] && !ctb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME] &&
		  !ctb[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS] && !ctb[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS],
		  "a single selected field sends a single attribute");
	nlmsg_free(m);
}

/* A CONFIG_GET answer as the module would send it. */
static struct nl_msg *answer(void)
{
	struct nl_msg *m = nlmsg_alloc();

	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_CONFIG_GET, ISCSI_MCS_GENL_VERSION);
	return m;
}

static void get_parsing(void)
{
	ISDSC_MCS_CONFIG c;
	struct nl_msg *m;
	struct nlattr *nest;
	char long_name[300];
	ISDSC_STATUS s;

	m = answer();
	nest = nla_nest_start(m, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS, 30000);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS, 0);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS, 10000);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS, 60000);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 2);
	nla_put_u32(m, ISCSI_MCS_CONFIG_A_MAX + 5, 7);	/* from a newer module: ignored */
	nla_nest_end(m, nest);
	memset(&c, 0x77, sizeof(c));
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ERROR_SUCCESS && c.Fields == (ISDSC_MCS_CONFIG_ALL &
		  ~(ISDSC_MCS_CONFIG_INITIATOR_NAME | ISDSC_MCS_CONFIG_INITIATOR_ALIAS)),
		  "an answer without name and alias: those two bits stay clear (Fields %#x)", c.Fields);
	TAP_CHECK(c.LoginTimeoutMs == 30000 && c.NoopIntervalMs == 0 && c.NoopTimeoutMs == 10000 &&
		  c.ReplacementTimeoutMs == 60000 && c.MaxConnections == 2 &&
		  c.InitiatorName[0] == '\0' && c.InitiatorAlias[0] == '\0',
		  "each value lands in its member; absent strings are empty");
	nlmsg_free(m);

	m = answer();
	nest = nla_nest_start(m, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	nla_put_string(m, ISCSI_MCS_CONFIG_A_INITIATOR_NAME, "iqn.2005-03.org.example:x");
	nla_put_string(m, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, "alias");
	nla_nest_end(m, nest);
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ERROR_SUCCESS && c.Fields == (ISDSC_MCS_CONFIG_INITIATOR_NAME |
		  ISDSC_MCS_CONFIG_INITIATOR_ALIAS) &&
		  !strcmp(c.InitiatorName, "iqn.2005-03.org.example:x") && !strcmp(c.InitiatorAlias, "alias"),
		  "name and alias are copied and flagged");
	nlmsg_free(m);

	m = answer();
	nla_put_u32(m, ISCSI_MCS_A_API_VERSION, 1);
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && strstr(IScsiMcsLastErrorText(), "ISCSI_MCS_A_CONFIG"),
		  "an answer without the nest: ISDSC_DRIVER_BUG: %s", IScsiMcsLastErrorText());
	nlmsg_free(m);

	m = answer();
	nest = nla_nest_start(m, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	memset(long_name, 'a', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	nla_put_string(m, ISCSI_MCS_CONFIG_A_INITIATOR_NAME, long_name);
	nla_nest_end(m, nest);
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "a name longer than ISCSI_MCS_NAME_MAX: ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = answer();
	nest = nla_nest_start(m, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	nla_put(m, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, 3, "abc");	/* no NUL */
	nla_nest_end(m, nest);
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "an alias without its NUL: ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = answer();
	nest = nla_nest_start(m, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	nla_put(m, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS, 2, "\x01\x00");	/* short u32 */
	nla_nest_end(m, nest);
	s = isdsc_config_parse(m, &c);
	TAP_CHECK(s == ISDSC_DRIVER_BUG, "a truncated u32: ISDSC_DRIVER_BUG");
	nlmsg_free(m);
}

int main(void)
{
	set_checks();
	set_encoding();
	get_parsing();
	return tap_done();
}
