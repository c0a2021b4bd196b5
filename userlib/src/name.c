// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Syntax of iSCSI names: "iqn." date and reversed domain name with an
 * optional ":"-separated suffix, "eui." with 16 hex digits (EUI-64), or
 * "naa." with 16 or 32 hex digits (RFC 3980).
 */
#include <stdbool.h>
#include <string.h>

#include "iname.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_lower_hex(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'f');
}

static bool is_name_char(char c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || c == '-' || c == '.' || c == ':';
}

static const char *check_hex(const char *digits, size_t n1, size_t n2)
{
	size_t len = strlen(digits);

	if (len != n1 && len != n2)
		return n1 == n2 ? "it needs exactly 16 hexadecimal digits after the prefix"
				: "it needs 16 or 32 hexadecimal digits after the prefix";
	for (size_t i = 0; i < len; i++)
		if (!is_lower_hex(digits[i]))
			return "it has a character that is not a hexadecimal digit";
	return NULL;
}

static const char *check_iqn(const char *s)
{
	const char *authority, *colon;
	size_t auth_len;

	/* yyyy-mm. */
	for (int i = 0; i < 4; i++)
		if (!is_digit(s[i]))
			return "it needs a yyyy-mm date after \"iqn.\"";
	if (s[4] != '-' || !is_digit(s[5]) || !is_digit(s[6]))
		return "it needs a yyyy-mm date after \"iqn.\"";
	if ((s[5] == '0' && s[6] == '0') || (s[5] == '1' && s[6] > '2') || s[5] > '1')
		return "it has a month outside 01-12 in its date";
	if (s[7] != '.')
		return "it needs a '.' and a naming authority after the date";

	/* The naming authority: a reversed domain name, up to the first ':'. */
	authority = s + 8;
	colon = strchr(authority, ':');
	auth_len = colon ? (size_t)(colon - authority) : strlen(authority);
	if (auth_len == 0)
		return "it has an empty naming authority after the date";
	if (authority[0] == '.' || authority[auth_len - 1] == '.')
		return "it has a naming authority that starts or ends with '.'";
	for (size_t i = 0; i < auth_len; i++) {
		char c = authority[i];

		if (c == '.' && authority[i + 1] == '.')
			return "it has an empty label (\"..\") in its naming authority";
		if (!is_digit(c) && !(c >= 'a' && c <= 'z') && c != '-' && c != '.')
			return "it has a character not allowed in a naming authority";
	}
	if (colon && !colon[1])
		return "it has nothing after the ':'";
	return NULL;
}

const char *isdsc_iscsi_name_check(const char *name)
{
	size_t len = strnlen(name, MAX_ISCSI_NAME_LEN + 1);

	if (len == 0)
		return "it is empty";
	if (len > MAX_ISCSI_NAME_LEN)
		return "it is longer than 223 bytes";
	for (size_t i = 0; i < len; i++) {
		if (name[i] >= 'A' && name[i] <= 'Z')
			return "it has upper-case letters (iSCSI names are lower case)";
		if (!is_name_char(name[i]))
			return "it has a character other than a-z, 0-9, '-', '.' and ':'";
	}
	if (!strncmp(name, "iqn.", 4))
		return check_iqn(name + 4);
	if (!strncmp(name, "eui.", 4))
		return check_hex(name + 4, 16, 16);
	if (!strncmp(name, "naa.", 4))
		return check_hex(name + 4, 16, 32);
	return "it does not start with \"iqn.\", \"eui.\" or \"naa.\"";
}
