// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * -m config: the module's initiator defaults under iscsid.conf's names,
 * and the one initiator name, /etc/iscsi/initiatorname.iscsi, shown with
 * where it came from and written there by -o update -n InitiatorName.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mcsadm.h"

/*
 * The record names are iscsid.conf's where open-iscsi has the same setting,
 * so an administrator's habits carry over.
 */
enum field_kind { FIELD_STRING, FIELD_SECONDS, FIELD_COUNT };

struct field {
	const char *name;
	ULONG bit;
	enum field_kind kind;
	size_t offset;
	size_t size;
};

#define FIELD(n, b, k, m) { n, b, k, offsetof(ISDSC_MCS_CONFIG, m), \
			    sizeof(((ISDSC_MCS_CONFIG *)0)->m) }

static const struct field fields[] = {
	FIELD("InitiatorName", ISDSC_MCS_CONFIG_INITIATOR_NAME, FIELD_STRING,
	      InitiatorName),
	FIELD("InitiatorAlias", ISDSC_MCS_CONFIG_INITIATOR_ALIAS, FIELD_STRING,
	      InitiatorAlias),
	FIELD("node.conn[0].timeo.login_timeout", ISDSC_MCS_CONFIG_LOGIN_TIMEOUT,
	      FIELD_SECONDS, LoginTimeoutMs),
	FIELD("node.conn[0].timeo.noop_out_interval", ISDSC_MCS_CONFIG_NOOP_INTERVAL,
	      FIELD_SECONDS, NoopIntervalMs),
	FIELD("node.conn[0].timeo.noop_out_timeout", ISDSC_MCS_CONFIG_NOOP_TIMEOUT,
	      FIELD_SECONDS, NoopTimeoutMs),
	FIELD("node.session.timeo.replacement_timeout",
	      ISDSC_MCS_CONFIG_REPLACEMENT_TIMEOUT, FIELD_SECONDS,
	      ReplacementTimeoutMs),
	FIELD("node.session.iscsi.MaxConnections", ISDSC_MCS_CONFIG_MAX_CONNECTIONS,
	      FIELD_COUNT, MaxConnections),
};

#define NFIELDS (sizeof(fields) / sizeof(fields[0]))

static void print_field(const ISDSC_MCS_CONFIG *cfg, const struct field *f)
{
	const char *p = (const char *)cfg + f->offset;
	ULONG v = 0;

	if (f->kind == FIELD_STRING) {
		printf("%s = %s\n", f->name,
		       (cfg->Fields & f->bit) && *p ? p : "<empty>");
		return;
	}
	memcpy(&v, p, sizeof(v));
	if (!(cfg->Fields & f->bit))
		printf("%s = <empty>\n", f->name);
	else if (f->kind == FIELD_COUNT)
		printf("%s = %u\n", f->name, v);
	else if (v % 1000 == 0)
		printf("%s = %u\n", f->name, v / 1000);
	else
		printf("%s = %u.%03u\n", f->name, v / 1000, v % 1000);
}

/* Seconds with up to three decimals, to milliseconds; no overflow. */
static int parse_seconds(const char *s, ULONG *ms)
{
	unsigned long long whole = 0, frac = 0;
	int digits = 0;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole > 4294967ULL)
			return -1;
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++digits > 3)
				return -1;
			frac = frac * 10 + (unsigned)(*p - '0');
		}
		if (!digits)
			return -1;
		while (digits++ < 3)
			frac *= 10;
	}
	if (*p)
		return -1;
	if (whole * 1000 + frac > 0xffffffffULL)
		return -1;
	*ms = (ULONG)(whole * 1000 + frac);
	return 0;
}

static int config_show(void)
{
	ISDSC_MCS_CONFIG cfg;
	ISDSC_STATUS st;
	size_t i;

	st = IScsiMcsGetConfig(&cfg);
	if (st != ERROR_SUCCESS)
		return fail_status("reading the initiator configuration", st);
	printf("# BEGIN RECORD %s\n", MCSADM_VERSION);
	for (i = 0; i < NFIELDS; i++)
		print_field(&cfg, &fields[i]);
	printf("# END RECORD\n");
	return ISCSI_SUCCESS;
}

/* The file the library reads the name from, as its iname.h names it. */
static const char *iname_path(void)
{
	const char *p = secure_getenv("ISCSI_MCS_INITIATORNAME_FILE");

	return p && *p ? p : "/etc/iscsi/initiatorname.iscsi";
}

/*
 * The name every login uses: the library's, from the file (made with a
 * generated name when missing). The module's own default is shown too
 * when it differs, since only logins that name none use it.
 */
static int initiator_show(void)
{
	CHAR name[MAX_ISCSI_NAME_LEN + 1];
	ISDSC_MCS_CONFIG cfg;
	ISDSC_STATUS st;

	st = GetIScsiInitiatorNodeNameA(name);
	if (st != ERROR_SUCCESS)
		return fail_status("reading the initiator name", st);
	printf("InitiatorName=%s\n", name);
	printf("# source: %s\n", iname_path());
	if (IScsiMcsGetConfig(&cfg) == ERROR_SUCCESS &&
	    (cfg.Fields & ISDSC_MCS_CONFIG_INITIATOR_NAME) && strcmp(cfg.InitiatorName, name))
		printf("# module default (used by no mcsadm login): %s\n", cfg.InitiatorName);
	return ISCSI_SUCCESS;
}

static int config_update(const char *name, const char *value)
{
	const struct field *f = NULL;
	ISDSC_MCS_CONFIG cfg;
	ISDSC_STATUS st;
	ULONG v = 0;
	unsigned long n;
	size_t i;

	for (i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, name))
			f = &fields[i];
	if (!f)
		return usage_error("unknown record name '%s' (see mcsadm -m config)", name);
	/* The name logins use is the file's: write it there, and to the module. */
	if (!strcmp(name, "InitiatorName")) {
		st = SetIScsiInitiatorNodeNameA((PSTR)value);
		if (st != ERROR_SUCCESS)
			return fail_status("writing the initiator name", st);
		/* Debian keeps the file private; a name is an identity. */
		chmod(iname_path(), 0600);
	}

	memset(&cfg, 0, sizeof(cfg));
	cfg.Fields = f->bit;
	if (f->kind == FIELD_STRING) {
		if (strlen(value) >= f->size)
			return usage_error("value for '%s' is too long", name);
		/* "<empty>" as iscsiadm prints it clears the value. */
		if (strcmp(value, "<empty>"))
			memcpy((char *)&cfg + f->offset, value, strlen(value) + 1);
	} else {
		if (f->kind == FIELD_SECONDS && parse_seconds(value, &v))
			return usage_error("'%s' is not a number of seconds", value);
		if (f->kind == FIELD_COUNT) {
			if (parse_count(value, 0xffffffffUL, &n))
				return usage_error("'%s' is not a count", value);
			v = (ULONG)n;
		}
		memcpy((char *)&cfg + f->offset, &v, sizeof(v));
	}
	st = IScsiMcsSetConfig(&cfg);
	if (st == ISDSC_SERVICE_NOT_RUNNING && !strcmp(name, "InitiatorName"))
		return ISCSI_SUCCESS;
	if (st != ERROR_SUCCESS)
		return fail_status("updating the initiator configuration", st);
	return ISCSI_SUCCESS;
}


int mode_config(const struct args *a)
{
	REFUSE_OTHERS(a, O_OP | O_NAME | O_VALUE, "-m config");
	if (a->n_names != a->n_values)
		return usage_error("each -n needs its -v");
	if (!a->op || !strcmp(a->op, "show")) {
		if (a->n_names)
			return usage_error("-n and -v go with -o update");
		return config_show();
	}
	if (!strcmp(a->op, "name"))
		return initiator_show();
	if (!strcmp(a->op, "update")) {
		size_t i;
		int rc;

		if (!a->n_names)
			return usage_error("-o update needs -n NAME and -v VALUE");
		for (i = 0; i < a->n_names; i++) {
			rc = config_update(a->names[i], a->values[i]);
			if (rc)
				return rc;
		}
		return ISCSI_SUCCESS;
	}
	return usage_error("operation '%s' is not supported for mode config", a->op);
}
