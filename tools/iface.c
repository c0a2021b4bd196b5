// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * -m iface: open-iscsi's iface records (ifaces/), listed, shown, created,
 * updated and deleted. Logins leave by the default route whatever the
 * record says: the library cannot bind a connection to an iface yet.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcsadm.h"

static const char *val(const struct iscsi_mcs_rec *rec, const char *key)
{
	const char *v = iscsi_mcs_rec_get(rec, key);

	return v && *v ? v : "<empty>";
}

/* iscsiadm's line: name transport,hwaddress,ipaddress,net_ifacename,initiatorname */
static void print_iface_line(const struct iscsi_mcs_rec *rec)
{
	printf("%s %s,%s,%s,%s,%s\n", val(rec, "iface.iscsi_ifacename"),
	       val(rec, "iface.transport_name"), val(rec, "iface.hwaddress"),
	       val(rec, "iface.ipaddress"), val(rec, "iface.net_ifacename"),
	       val(rec, "iface.initiatorname"));
}

static int iface_list(void)
{
	static const char *const builtin[] = { "default", "iser" };
	struct iscsi_mcs_rec *rec;
	char **names = NULL;
	size_t n = 0, i;
	int r;

	for (i = 0; i < 2; i++)
		if (!iscsi_mcs_iface_read(NULL, builtin[i], &rec)) {
			print_iface_line(rec);
			iscsi_mcs_rec_free(rec);
		}
	r = iscsi_mcs_iface_list(NULL, &names, &n);
	if (r && r != -ENOENT) {
		errorf("could not list the iface records: %s", strerror(-r));
		return errno_to_exit(r);
	}
	for (i = 0; i < n; i++) {
		if (!iscsi_mcs_iface_read(NULL, names[i], &rec)) {
			print_iface_line(rec);
			iscsi_mcs_rec_free(rec);
		}
		free(names[i]);
	}
	free(names);
	return ISCSI_SUCCESS;
}

int mode_iface(const struct args *a)
{
	struct iscsi_mcs_rec *rec;
	size_t i;
	int r;

	REFUSE_OTHERS(a, O_OP | O_IFACE | O_NAME | O_VALUE, "-m iface");
	if (!a->iface) {
		if (a->op)
			return usage_error("-o needs the iface: -I NAME");
		return iface_list();
	}
	if (!a->op || !strcmp(a->op, "show")) {
		r = iscsi_mcs_iface_read(NULL, a->iface, &rec);
		if (r) {
			errorf("Could not read iface %s (%d)", a->iface, errno_to_exit(r));
			return errno_to_exit(r);
		}
		printf("# BEGIN RECORD %s\n", iscsi_mcs_rec_version(rec));
		for (i = 0; i < iscsi_mcs_rec_count(rec); i++)
			printf("%s = %s\n", iscsi_mcs_rec_key(rec, i),
			       *iscsi_mcs_rec_value(rec, i) ? iscsi_mcs_rec_value(rec, i) :
			       "<empty>");
		printf("# END RECORD\n");
		iscsi_mcs_rec_free(rec);
		return ISCSI_SUCCESS;
	}
	if (!strcmp(a->op, "delete")) {
		r = iscsi_mcs_iface_delete(NULL, a->iface);
		if (!r)
			printf("%s unbound and deleted.\n", a->iface);
		else
			errorf("Could not delete iface %s: %s", a->iface, strerror(-r));
		return errno_to_exit(r);
	}
	if (!strcmp(a->op, "new")) {
		r = iscsi_mcs_iface_new(a->iface, &rec);
		if (!r) {
			r = iscsi_mcs_iface_write(NULL, rec);
			iscsi_mcs_rec_free(rec);
		}
		if (!r)
			printf("New interface %s added\n", a->iface);
		else
			errorf("Could not create new interface %s: %s", a->iface, strerror(-r));
		return errno_to_exit(r);
	}
	if (!strcmp(a->op, "update")) {
		if (!a->n_names)
			return usage_error("-o update needs -n NAME -v VALUE");
		r = iscsi_mcs_iface_read(NULL, a->iface, &rec);
		if (r) {
			errorf("Could not read iface %s", a->iface);
			return errno_to_exit(r);
		}
		for (i = 0; i < a->n_names && !r; i++) {
			if (strncmp(a->names[i], "iface.", 6)) {
				iscsi_mcs_rec_free(rec);
				return usage_error("'%s' is not an iface.* record name", a->names[i]);
			}
			r = iscsi_mcs_rec_set(rec, a->names[i],
					      strcmp(a->values[i], "<empty>") ? a->values[i] : "");
		}
		if (!r)
			r = iscsi_mcs_iface_write(NULL, rec);
		iscsi_mcs_rec_free(rec);
		if (!r)
			printf("%s updated.\n", a->iface);
		return errno_to_exit(r);
	}
	return usage_error("operation '%s' is not supported for mode iface "
			   "(new, delete, update, show)", a->op);
}
