// SPDX-License-Identifier: GPL-2.0
/*
 * Initiator defaults and the validation of iSCSI names.
 *
 * The checks answer a reason rather than a bool so that netlink can hand
 * the user a precise extack message; the strings are static so they may be
 * stored in an extack as they are.
 */

#include <linux/ctype.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "config.h"

void mcs_config_init(struct mcs_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->login_timeout_ms = 15000;
	cfg->noop_interval_ms = 5000;
	cfg->noop_timeout_ms = 5000;
	cfg->replacement_timeout_ms = 120000;
	cfg->max_connections = 8;
	cfg->cmds_max = MCS_CMDS_DEFAULT;
}

static bool mcs_all_hex(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!isxdigit(s[i]))
			return false;
	return true;
}

/*
 * "iqn." yyyy-mm "." reversed domain [":" anything]. RFC 7143 allows any
 * character stringprep leaves, we accept the ASCII subset every target
 * implementation agrees on: lower-case letters, digits, '-', '.' and ':'.
 */
static const char *mcs_iqn_check(const char *name, size_t len)
{
	const char *p = name + 4;
	size_t i;
	int month;

	if (len < 4 + 7 + 2)
		return "iqn name too short: expected iqn.yyyy-mm.domain";
	if (!isdigit(p[0]) || !isdigit(p[1]) || !isdigit(p[2]) ||
	    !isdigit(p[3]) || p[4] != '-' || !isdigit(p[5]) ||
	    !isdigit(p[6]) || p[7] != '.')
		return "iqn name must continue with a date yyyy-mm and a dot";
	month = (p[5] - '0') * 10 + (p[6] - '0');
	if (month < 1 || month > 12)
		return "iqn name has a month outside 01..12";
	if (p[8] == '\0' || p[8] == ':' || p[8] == '.')
		return "iqn name lacks the naming authority after its date";
	for (i = 4; i < len; i++) {
		char c = name[i];

		if (!(islower(c) || isdigit(c) || c == '-' || c == '.' ||
		      c == ':'))
			return "iqn name may only hold a-z, 0-9, '-', '.' and ':'";
	}
	return NULL;
}

/**
 * mcs_iscsi_name_check() - check an iSCSI name's format
 * @name: NUL-terminated name
 *
 * Return: NULL when @name is a valid iqn., eui. or naa. name, otherwise a
 * static string saying what is wrong.
 */
const char *mcs_iscsi_name_check(const char *name)
{
	size_t len = strlen(name);

	if (!len)
		return "iSCSI name is empty";
	if (len > ISCSI_MCS_NAME_MAX - 1)
		return "iSCSI name is longer than 223 bytes";
	if (!strncmp(name, "iqn.", 4))
		return mcs_iqn_check(name, len);
	if (!strncmp(name, "eui.", 4)) {
		if (len != 4 + 16 || !mcs_all_hex(name + 4, 16))
			return "eui name must be eui. and 16 hex digits";
		return NULL;
	}
	if (!strncmp(name, "naa.", 4)) {
		if ((len != 4 + 16 && len != 4 + 32) ||
		    !mcs_all_hex(name + 4, len - 4))
			return "naa name must be naa. and 16 or 32 hex digits";
		return NULL;
	}
	return "iSCSI name must start with iqn., eui. or naa.";
}

/**
 * mcs_alias_check() - check an initiator alias
 * @alias: NUL-terminated alias (UTF-8 free text)
 *
 * Return: NULL when valid, otherwise a static reason. Control characters
 * are refused because the alias ends up in text keys and in sysfs.
 */
const char *mcs_alias_check(const char *alias)
{
	const unsigned char *p;

	for (p = (const unsigned char *)alias; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "alias contains a control character";
	return NULL;
}
