// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * -m discovery and -m discoverydb: SendTargets through the library, which
 * keeps its portal list, and open-iscsi's records: send_targets/ for the
 * discovery and one node record per target found, so that -m node and
 * stock iscsiadm see what was discovered.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mcsadm.h"

static int st_read_or_new(const struct portal *p, struct iscsi_mcs_rec **rec, bool create)
{
	int r = iscsi_mcs_st_read(NULL, p->addr, p->port, rec);

	if (r == -ENOENT && create)
		r = iscsi_mcs_st_new(NULL, p->addr, p->port, rec);
	return r;
}

/* The node record of a discovered target, kept if it exists. */
static int record_node(const struct portal *p, const char *target)
{
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec;
	char port[8];
	int r;

	memset(&id, 0, sizeof(id));
	snprintf(id.target, sizeof(id.target), "%s", target);
	snprintf(id.address, sizeof(id.address), "%s", p->addr);
	id.port = p->port;
	id.tpgt = p->tpgt;
	snprintf(id.iface, sizeof(id.iface), "default");
	if (!iscsi_mcs_node_read(NULL, &id, &rec)) {
		iscsi_mcs_rec_free(rec);
		return 0;
	}
	r = iscsi_mcs_node_new(NULL, &id, &rec);
	if (r)
		return r;
	snprintf(port, sizeof(port), "%u", p->port);
	r = iscsi_mcs_rec_set(rec, "node.discovery_address", p->addr);
	if (!r)
		r = iscsi_mcs_rec_set(rec, "node.discovery_port", port);
	if (!r)
		r = iscsi_mcs_rec_set(rec, "node.discovery_type", "send_targets");
	if (!r)
		r = iscsi_mcs_node_write(NULL, rec);
	iscsi_mcs_rec_free(rec);
	return r;
}

/*
 * SendTargets at one portal. The library answers target names only,
 * without their portal group tags: each is recorded and printed with the
 * portal asked and the tag -1, open-iscsi's "unknown".
 */
static int sendtargets(const struct portal *p, bool login)
{
	ISCSI_TARGET_PORTALA tp;
	struct iscsi_mcs_rec *st_rec;
	ISDSC_STATUS st;
	ULONG size = 0;
	size_t len;
	char *buf = NULL, *t;
	char what[64 + MAX_ISCSI_PORTAL_ADDRESS_LEN];
	int r, rc = ISCSI_SUCCESS;

	to_target_portal(p, &tp);
	debug(1, "SendTargets at %s,%u", p->addr, p->port);
	st = AddIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, NULL, 0, &tp);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "discovery at %s,%u", p->addr, p->port);
		return fail_status(what, st);
	}
	for (;;) {
		st = ReportIScsiTargetsA(FALSE, &size, buf);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(buf);
		buf = malloc(size);
		if (!buf) {
			errorf("out of memory");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(buf);
		return fail_status("listing the discovered targets", st);
	}
	if (!buf || !*buf) {
		free(buf);
		errorf("No portals found");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	r = st_read_or_new(p, &st_rec, true);
	if (!r) {
		r = iscsi_mcs_st_write(NULL, st_rec);
		iscsi_mcs_rec_free(st_rec);
	}
	if (r)
		errorf("could not write the discovery record: %s", strerror(-r));
	/* A multi-string: names ended by NULs, then one more NUL. */
	for (t = buf; t < buf + size && *t; t += len + 1) {
		len = strnlen(t, (size_t)(buf + size - t));
		if (t + len == buf + size)
			break;
		r = record_node(p, t);
		if (r) {
			errorf("could not write the node record of %s: %s", t, strerror(-r));
			rc = errno_to_exit(r);
		}
		fprint_addr_port(stdout, p->addr, p->port);
		printf(",%d %s\n", p->tpgt, t);
	}
	if (login && !rc) {
		for (t = buf; t < buf + size && *t; t += len + 1) {
			struct iscsi_mcs_node_id id;
			struct iscsi_mcs_rec *rec;

			len = strnlen(t, (size_t)(buf + size - t));
			if (t + len == buf + size)
				break;
			memset(&id, 0, sizeof(id));
			snprintf(id.target, sizeof(id.target), "%s", t);
			snprintf(id.address, sizeof(id.address), "%s", p->addr);
			id.port = p->port;
			id.tpgt = p->tpgt;
			snprintf(id.iface, sizeof(id.iface), "default");
			if (iscsi_mcs_node_read(NULL, &id, &rec))
				continue;
			r = node_login_rec(rec);
			if (r)
				rc = r;
			iscsi_mcs_rec_free(rec);
		}
	}
	free(buf);
	return rc;
}

/* The portals of the library's list, then send_targets/ records not in it. */
static int discovery_list(void)
{
	PISCSI_TARGET_PORTAL_INFOA p = NULL;
	ULONG n = 0, i;
	ISDSC_STATUS st;

	for (;;) {
		st = ReportIScsiSendTargetPortalsA(&n, p);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(p);
		p = calloc(n, sizeof(*p));
		if (!p) {
			errorf("out of memory");
			return ISCSI_ERR_NOMEM;
		}
	}
	if (st != ERROR_SUCCESS) {
		free(p);
		return fail_status("listing the send-target portals", st);
	}
	if (!n) {
		free(p);
		errorf("No discovery found.");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	for (i = 0; i < n; i++) {
		fprint_addr_port(stdout, p[i].Address, p[i].Socket);
		printf(" via sendtargets\n");
	}
	free(p);
	return ISCSI_SUCCESS;
}

static void print_rec(const struct iscsi_mcs_rec *rec)
{
	size_t i;

	printf("# BEGIN RECORD %s\n", iscsi_mcs_rec_version(rec));
	for (i = 0; i < iscsi_mcs_rec_count(rec); i++) {
		const char *k = iscsi_mcs_rec_key(rec, i), *v = iscsi_mcs_rec_value(rec, i);

		if (strstr(k, "password") && !strstr(k, "length") && *v)
			v = "********";
		printf("%s = %s\n", k, *v ? v : "<empty>");
	}
	printf("# END RECORD\n");
}

static int check_type(const char *type)
{
	if (!type || !strcmp(type, "sendtargets") || !strcmp(type, "st"))
		return 0;
	if (!strcmp(type, "isns") || !strcmp(type, "fw") || !strcmp(type, "slp"))
		return usage_error("discovery type '%s' is not supported (sendtargets only)",
				   type);
	errorf("'%s' is not a discovery type (sendtargets, st)", type);
	return ISCSI_ERR_UNKNOWN_DISCOVERY_TYPE;
}

/* -o new/delete/update/show on send_targets/ records. */
static int discoverydb_op(const struct args *a, const struct portal *p)
{
	struct iscsi_mcs_rec *rec;
	size_t i;
	int r;

	if (strcmp(a->op, "delete") && strcmp(a->op, "new") && strcmp(a->op, "show") &&
	    strcmp(a->op, "update"))
		return usage_error("operation '%s' is not supported for discovery "
				   "(new, delete, update, show)", a->op);
	if (!strcmp(a->op, "delete")) {
		ISCSI_TARGET_PORTALA tp;

		to_target_portal(p, &tp);
		/* Both lists; either may hold it. */
		r = iscsi_mcs_st_delete(NULL, p->addr, p->port);
		if (RemoveIScsiSendTargetPortalA(NULL, ISCSI_ANY_INITIATOR_PORT, &tp) ==
		    ERROR_SUCCESS)
			r = 0;
		if (r == -ENOENT)
			return fail_status("deleting the discovery record", ISDSC_PORTAL_NOT_FOUND);
		return errno_to_exit(r);
	}
	if (!strcmp(a->op, "new")) {
		r = iscsi_mcs_st_new(NULL, p->addr, p->port, &rec);
		if (!r) {
			r = iscsi_mcs_st_write(NULL, rec);
			iscsi_mcs_rec_free(rec);
		}
		if (!r)
			printf("New discovery record for [%s,%u] added.\n", p->addr, p->port);
		return errno_to_exit(r);
	}
	r = st_read_or_new(p, &rec, false);
	if (r) {
		errorf("Discovery record [%s,%u] not found.", p->addr, p->port);
		return errno_to_exit(r);
	}
	if (!strcmp(a->op, "show")) {
		print_rec(rec);
	} else if (!strcmp(a->op, "update")) {
		if (!a->n_names) {
			iscsi_mcs_rec_free(rec);
			return usage_error("-o update needs -n NAME -v VALUE");
		}
		for (i = 0; i < a->n_names && !r; i++) {
			if (strncmp(a->names[i], "discovery.", 10)) {
				iscsi_mcs_rec_free(rec);
				return usage_error("'%s' is not a discovery.* record name",
						   a->names[i]);
			}
			r = iscsi_mcs_rec_set(rec, a->names[i],
					      strcmp(a->values[i], "<empty>") ? a->values[i] : "");
		}
		if (!r)
			r = iscsi_mcs_st_write(NULL, rec);
	} else {
		iscsi_mcs_rec_free(rec);
		return usage_error("operation '%s' is not supported for discovery "
				   "(new, delete, update, show)", a->op);
	}
	iscsi_mcs_rec_free(rec);
	return errno_to_exit(r);
}

static int discovery_common(const struct args *a, bool db)
{
	struct portal p;
	int rc;

	rc = check_type(a->type);
	if (rc)
		return rc;
	if (!a->portal) {
		if (a->type || a->op)
			return usage_error("%s needs -p IP[:PORT]", a->op ? "-o" : "-t sendtargets");
		REFUSE_OTHERS(a, db ? O_PRINT : 0, "listing discovery records (-m discovery)");
		return discovery_list();
	}
	if (parse_portal(a->portal, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", a->portal);
	if (a->op) {
		rc = discoverydb_op(a, &p);
		if (rc || !(a->given & O_DISCOVER))
			return rc;
		return sendtargets(&p, a->given & O_LOGIN);
	}
	if (!a->type)
		return usage_error("-p does not go with listing discovery records without -t");
	if (db && !(a->given & O_DISCOVER))
		return usage_error("-m discoverydb -t st -p needs -o or --discover");
	return sendtargets(&p, a->given & O_LOGIN);
}

int mode_discovery(const struct args *a)
{
	REFUSE_OTHERS(a, O_OP | O_TYPE | O_PORTAL | O_IFACE | O_LOGIN | O_NAME | O_VALUE |
		      O_DISCOVER, a->type ? "-m discovery -t" : "-m discovery");
	if (a->iface && strcmp(a->iface, "default"))
		return usage_error("iface '%s' does not exist (only 'default')", a->iface);
	return discovery_common(a, false);
}

int mode_discoverydb(const struct args *a)
{
	REFUSE_OTHERS(a, O_OP | O_TYPE | O_PORTAL | O_IFACE | O_LOGIN | O_NAME | O_VALUE |
		      O_DISCOVER | O_PRINT, "-m discoverydb");
	if (a->iface && strcmp(a->iface, "default"))
		return usage_error("iface '%s' does not exist (only 'default')", a->iface);
	return discovery_common(a, true);
}
