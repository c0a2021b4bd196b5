// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * IScsiMcsGetConfig / IScsiMcsSetConfig: the initiator defaults the module
 * keeps per network namespace (ISCSI_MCS_CMD_CONFIG_GET / _SET).
 */
#include <errno.h>
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "config.h"
#include "iname.h"
#include "internal.h"
#include "mcs.h"
#include "utf16.h"

_Static_assert(sizeof(((ISDSC_MCS_CONFIG *)0)->InitiatorName) == ISCSI_MCS_NAME_MAX,
	       "InitiatorName must hold what the module accepts");
_Static_assert(sizeof(((ISDSC_MCS_CONFIG *)0)->InitiatorAlias) == ISCSI_MCS_ALIAS_MAX,
	       "InitiatorAlias must hold what the module accepts");

/* One ULONG member of ISDSC_MCS_CONFIG and its attribute. */
struct u32_field {
	ULONG field;
	int attr;
	size_t offset;
};

static const struct u32_field u32_fields[] = {
	{ ISDSC_MCS_CONFIG_LOGIN_TIMEOUT, ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS,
	  offsetof(ISDSC_MCS_CONFIG, LoginTimeoutMs) },
	{ ISDSC_MCS_CONFIG_NOOP_INTERVAL, ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS,
	  offsetof(ISDSC_MCS_CONFIG, NoopIntervalMs) },
	{ ISDSC_MCS_CONFIG_NOOP_TIMEOUT, ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS,
	  offsetof(ISDSC_MCS_CONFIG, NoopTimeoutMs) },
	{ ISDSC_MCS_CONFIG_REPLACEMENT_TIMEOUT, ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS,
	  offsetof(ISDSC_MCS_CONFIG, ReplacementTimeoutMs) },
	{ ISDSC_MCS_CONFIG_MAX_CONNECTIONS, ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS,
	  offsetof(ISDSC_MCS_CONFIG, MaxConnections) },
};

static void set_u32(ISDSC_MCS_CONFIG *config, const struct u32_field *f, ULONG value)
{
	memcpy((char *)config + f->offset, &value, sizeof(value));
}

static ULONG get_u32(const ISDSC_MCS_CONFIG *config, const struct u32_field *f)
{
	ULONG value;

	memcpy(&value, (const char *)config + f->offset, sizeof(value));
	return value;
}

ISDSC_STATUS isdsc_config_parse(struct nl_msg *reply, void *arg)
{
	static const struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_CONFIG] = { .type = NLA_NESTED },
	};
	static const struct nla_policy config_policy[ISCSI_MCS_CONFIG_A_MAX + 1] = {
		[ISCSI_MCS_CONFIG_A_INITIATOR_NAME] = { .type = NLA_STRING,
							.maxlen = ISCSI_MCS_NAME_MAX },
		[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS] = { .type = NLA_STRING,
							 .maxlen = ISCSI_MCS_ALIAS_MAX },
		[ISCSI_MCS_CONFIG_A_LOGIN_TIMEOUT_MS] = { .type = NLA_U32 },
		[ISCSI_MCS_CONFIG_A_NOOP_INTERVAL_MS] = { .type = NLA_U32 },
		[ISCSI_MCS_CONFIG_A_NOOP_TIMEOUT_MS] = { .type = NLA_U32 },
		[ISCSI_MCS_CONFIG_A_REPLACEMENT_TIMEOUT_MS] = { .type = NLA_U32 },
		[ISCSI_MCS_CONFIG_A_MAX_CONNECTIONS] = { .type = NLA_U32 },
	};
	ISDSC_MCS_CONFIG *config = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	struct nlattr *ctb[ISCSI_MCS_CONFIG_A_MAX + 1];
	struct nlattr *a;
	int r;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed answer: %s", nl_geterror(r));
	if (!tb[ISCSI_MCS_A_CONFIG])
		return isdsc_fail(ISDSC_DRIVER_BUG, "answer lacks ISCSI_MCS_A_CONFIG");
	r = nla_parse_nested(ctb, ISCSI_MCS_CONFIG_A_MAX, tb[ISCSI_MCS_A_CONFIG], config_policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed ISCSI_MCS_A_CONFIG: %s",
				  nl_geterror(r));

	memset(config, 0, sizeof(*config));
	/* The policies guarantee a NUL within each member's size. */
	if ((a = ctb[ISCSI_MCS_CONFIG_A_INITIATOR_NAME])) {
		memcpy(config->InitiatorName, nla_data(a), (size_t)nla_len(a));
		config->Fields |= ISDSC_MCS_CONFIG_INITIATOR_NAME;
	}
	if ((a = ctb[ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS])) {
		memcpy(config->InitiatorAlias, nla_data(a), (size_t)nla_len(a));
		config->Fields |= ISDSC_MCS_CONFIG_INITIATOR_ALIAS;
	}
	for (size_t i = 0; i < ISDSC_ARRAY_SIZE(u32_fields); i++) {
		const struct u32_field *f = &u32_fields[i];

		if ((a = ctb[f->attr])) {
			set_u32(config, f, nla_get_u32(a));
			config->Fields |= f->field;
		}
	}
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsGetConfig(PISDSC_MCS_CONFIG Config)
{
	ISDSC_MCS_CONFIG answer;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!Config)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Config is NULL");
	memset(&answer, 0, sizeof(answer));
	status = isdsc_mcs_call(ISCSI_MCS_CMD_CONFIG_GET, "CONFIG_GET", NULL, NULL,
				isdsc_config_parse, &answer);
	if (status != ERROR_SUCCESS)
		return status;
	*Config = answer;
	return ERROR_SUCCESS;
}

/*
 * Checks what the library can check without the module: the mask, the
 * strings' termination, encoding and syntax. Ranges are the module's to
 * judge; its extended ack explains a refusal.
 */
ISDSC_STATUS isdsc_config_check(const ISDSC_MCS_CONFIG *c)
{
	const char *why;
	size_t len;

	if (!c)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Config is NULL");
	if (!c->Fields)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Config->Fields is 0: nothing to set");
	if (c->Fields & ~ISDSC_MCS_CONFIG_ALL)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Config->Fields has unknown bits 0x%x",
				  (unsigned int)(c->Fields & ~ISDSC_MCS_CONFIG_ALL));

	if (c->Fields & ISDSC_MCS_CONFIG_INITIATOR_NAME) {
		if (!memchr(c->InitiatorName, '\0', sizeof(c->InitiatorName)))
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "Config->InitiatorName is not "
					  "NUL-terminated within %zu bytes",
					  sizeof(c->InitiatorName));
		/* "" clears the name. */
		if (c->InitiatorName[0] && (why = isdsc_iscsi_name_check(c->InitiatorName)))
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "Config->InitiatorName \"%s\" "
					  "is not a valid iSCSI name: %s", c->InitiatorName, why);
	}

	if (c->Fields & ISDSC_MCS_CONFIG_INITIATOR_ALIAS) {
		if (!memchr(c->InitiatorAlias, '\0', sizeof(c->InitiatorAlias)))
			return isdsc_fail(ERROR_INVALID_PARAMETER, "Config->InitiatorAlias is not "
					  "NUL-terminated within %zu bytes",
					  sizeof(c->InitiatorAlias));
		len = strlen(c->InitiatorAlias);
		for (size_t i = 0; i < len; i++) {
			unsigned char ch = (unsigned char)c->InitiatorAlias[i];

			if (ch < 0x20 || ch == 0x7f)
				return isdsc_fail(ERROR_INVALID_PARAMETER, "Config->InitiatorAlias "
						  "has control character 0x%02x at byte %zu", ch, i);
		}
		if (isdsc_utf8_to_utf16(c->InitiatorAlias, len, NULL, 0, NULL) == -EILSEQ)
			return isdsc_fail(ERROR_INVALID_PARAMETER,
					  "Config->InitiatorAlias is not valid UTF-8");
	}
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_config_put(struct nl_msg *req, const void *arg)
{
	const ISDSC_MCS_CONFIG *c = arg;
	struct nlattr *nest;
	int r = 0;

	/* Strictly validating families insist on NLA_F_NESTED. */
	nest = nla_nest_start(req, ISCSI_MCS_A_CONFIG | NLA_F_NESTED);
	if (!nest)
		goto nomem;
	if (c->Fields & ISDSC_MCS_CONFIG_INITIATOR_NAME)
		r = nla_put_string(req, ISCSI_MCS_CONFIG_A_INITIATOR_NAME, c->InitiatorName);
	if (!r && (c->Fields & ISDSC_MCS_CONFIG_INITIATOR_ALIAS))
		r = nla_put_string(req, ISCSI_MCS_CONFIG_A_INITIATOR_ALIAS, c->InitiatorAlias);
	for (size_t i = 0; !r && i < ISDSC_ARRAY_SIZE(u32_fields); i++) {
		const struct u32_field *f = &u32_fields[i];

		if (c->Fields & f->field)
			r = nla_put_u32(req, f->attr, get_u32(c, f));
	}
	if (r < 0 || nla_nest_end(req, nest) < 0)
		goto nomem;
	return ERROR_SUCCESS;

nomem:
	return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building CONFIG_SET");
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsSetConfig(const ISDSC_MCS_CONFIG *Config)
{
	ISDSC_STATUS status;

	isdsc_error_clear();
	status = isdsc_config_check(Config);
	if (status != ERROR_SUCCESS)
		return status;
	return isdsc_mcs_call(ISCSI_MCS_CMD_CONFIG_SET, "CONFIG_SET", isdsc_config_put, Config,
			      NULL, NULL);
}
