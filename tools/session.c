// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * -m session: iscsiadm's flat line and -P 1..3 trees, with every MC/S
 * connection of a session under it; logout, rescan, statistics, and the
 * MC/S verbs addconn, delconn, policy and weight. Sessions are numbered as
 * the iSCSI transport class numbers them (/sys/class/iscsi_session/sessionN).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mcsadm.h"

static const char *session_state(uint8_t st)
{
	switch (st) {
	case ISCSI_MCS_INFO_LOGGED_IN:
		return "LOGGED_IN";
	case ISCSI_MCS_INFO_FAILED:
		return "FAILED";
	default:
		return "FREE";
	}
}

/* iscsid's connection states, the closest to the module's. */
static const char *conn_state(uint8_t st)
{
	switch (st) {
	case ISCSI_MCS_INFO_LOGGED_IN:
		return "LOGGED IN";
	case ISCSI_MCS_INFO_FAILED:
		return "TRANSPORT WAIT";
	case ISCSI_MCS_INFO_LOGGING_OUT:
		return "IN LOGOUT";
	default:
		return "FREE";
	}
}

/* The leading connection: the lowest CID, whose portal iscsiadm shows. */
static const struct iscsi_mcs_conn_info *lead(const struct iscsi_mcs_session_info *s)
{
	const struct iscsi_mcs_conn_info *c = NULL;
	size_t j;

	for (j = 0; j < s->n_conns; j++)
		if (!c || s->conns[j].cid < c->cid)
			c = &s->conns[j];
	return c;
}

static void portal_tag(const struct iscsi_mcs_session_info *s, FILE *f)
{
	const struct iscsi_mcs_conn_info *c = lead(s);

	fprint_addr_port(f, c ? c->portal : "", c ? c->portal_port : 0);
	fprintf(f, ",%u", s->tpgt);
}

static void print_flat(const struct iscsi_mcs_session_info *s)
{
	printf("tcp: [%" PRId64 "] ", s->class_sid);
	portal_tag(s, stdout);
	printf(" %s (non-flash)\n", s->target_name);
}

static void json_session(const struct iscsi_mcs_session_info *s)
{
	size_t j;

	printf("{\"sid\":%" PRId64 ",\"id\":\"", s->class_sid);
	print_unique(stdout, &s->id);
	printf("\",\"target\":");
	json_str(s->target_name);
	printf(",\"initiator\":");
	json_str(s->initiator_name);
	printf(",\"tpgt\":%u,\"isid\":\"%012" PRIx64 "\",\"tsih\":%u,\"state\":\"%s\","
	       "\"host\":%" PRId64 ",\"policy\":\"%s\",\"connections\":[",
	       s->tpgt, s->isid, s->tsih, session_state(s->state), s->host_no,
	       policy_name(s->policy));
	for (j = 0; j < s->n_conns; j++) {
		const struct iscsi_mcs_conn_info *c = &s->conns[j];

		printf("%s{\"cid\":%u,\"portal\":", j ? "," : "", c->cid);
		json_str(c->portal);
		printf(",\"port\":%u,\"local\":", c->portal_port);
		json_str(c->local);
		printf(",\"local_port\":%u,\"state\":\"%s\",\"weight\":%u,\"standby\":%s,"
		       "\"pdus_sent\":%" PRIu64 ",\"pdus_received\":%" PRIu64
		       ",\"commands\":%" PRIu64 ",\"bytes_read\":%" PRIu64
		       ",\"bytes_written\":%" PRIu64 ",\"errors\":%" PRIu64 ",\"depth\":%u}",
		       c->local_port, conn_state(c->state), c->weight,
		       c->standby ? "true" : "false", c->pdus_sent, c->pdus_received,
		       c->commands, c->bytes_read, c->bytes_written, c->errors, c->depth);
	}
	printf("]}");
}

static void stars(const char *title)
{
	size_t n = strlen(title);

	printf("\t\t%.*s\n\t\t%s\n\t\t%.*s\n", (int)n, "************************************",
	       title, (int)n, "************************************");
}

static void print_tmo(const struct iscsi_mcs_session_info *s, const char *label,
		      const char *attr)
{
	char v[32];

	if (sysfs_read(v, sizeof(v), "class/iscsi_session/session%" PRId64 "/%s",
		       s->class_sid, attr) || !*v)
		printf("\t\t%s: <n/a>\n", label);
	else
		printf("\t\t%s: %s\n", label, v);
}

/* CHAP user names from the node record the session came from, if any. */
static void print_chap(const struct iscsi_mcs_session_info *s)
{
	const struct iscsi_mcs_conn_info *c = lead(s);
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec = NULL;
	const char *u = NULL, *uin = NULL;

	memset(&id, 0, sizeof(id));
	if (c) {
		snprintf(id.target, sizeof(id.target), "%s", s->target_name);
		snprintf(id.address, sizeof(id.address), "%s", c->portal);
		id.port = c->portal_port;
		id.tpgt = s->tpgt;
		snprintf(id.iface, sizeof(id.iface), "default");
		if (!iscsi_mcs_node_read(NULL, &id, &rec)) {
			u = iscsi_mcs_rec_get(rec, "node.session.auth.username");
			uin = iscsi_mcs_rec_get(rec, "node.session.auth.username_in");
		}
	}
	stars("CHAP:");
	printf("\t\tusername: %s\n", u && *u ? u : "<empty>");
	printf("\t\tpassword: %s\n", "********");
	printf("\t\tusername_in: %s\n", uin && *uin ? uin : "<empty>");
	printf("\t\tpassword_in: %s\n", "********");
	iscsi_mcs_rec_free(rec);
}

static void print_devices(const struct iscsi_mcs_session_info *s)
{
	PISCSI_DEVICE_ON_SESSIONA d = NULL;
	ULONG n = 0, i;
	ISDSC_STATUS st;
	char state[32];

	stars("Attached SCSI devices:");
	if (s->host_no < 0) {
		printf("\t\tUnavailable\n");
		return;
	}
	if (sysfs_read(state, sizeof(state), "class/scsi_host/host%" PRId64 "/state", s->host_no))
		snprintf(state, sizeof(state), "Unknown");
	printf("\t\tHost Number: %" PRId64 "\tState: %s\n", s->host_no, state);
	for (;;) {
		st = GetDevicesForIScsiSessionA((PISCSI_UNIQUE_SESSION_ID)&s->id, &n, d);
		if (st != ERROR_INSUFFICIENT_BUFFER)
			break;
		free(d);
		d = calloc(n, sizeof(*d));
		if (!d)
			return;
	}
	if (st != ERROR_SUCCESS) {
		debug(1, "devices of session %" PRId64 ": %s", s->class_sid,
		      IScsiMcsLastErrorText());
		free(d);
		return;
	}
	for (i = 0; i < n; i++) {
		const SCSI_ADDRESS *a = &d[i].ScsiAddress;
		const char *dev = d[i].LegacyName;

		if (!strncmp(dev, "/dev/", 5))
			dev += 5;
		printf("\t\tscsi%u Channel %02u Id %u Lun: %u\n", a->PortNumber, a->PathId,
		       a->TargetId, a->Lun);
		if (!*dev)
			continue;
		if (sysfs_read(state, sizeof(state), "class/scsi_device/%u:%u:%u:%u/device/state",
			       a->PortNumber, a->PathId, a->TargetId, a->Lun))
			snprintf(state, sizeof(state), "Unknown");
		printf("\t\t\tAttached scsi %s %s\t\tState: %s\n",
		       d[i].StorageDeviceNumber.DeviceType == FILE_DEVICE_DISK ? "disk" : "device",
		       dev, state);
	}
	free(d);
}

static void print_tree(const struct iscsi_mcs_session_info *s, int level)
{
	const struct iscsi_mcs_conn_info *c = lead(s);
	size_t j;

	printf("\tCurrent Portal: ");
	portal_tag(s, stdout);
	printf("\n\tPersistent Portal: ");
	portal_tag(s, stdout);
	printf("\n");
	stars("Interface:");
	printf("\t\tIface Name: default\n\t\tIface Transport: tcp\n");
	printf("\t\tIface Initiatorname: %s\n", s->initiator_name);
	printf(c && strchr(c->local, ':') ? "\t\tIface IPaddress: [%s]\n" :
	       "\t\tIface IPaddress: %s\n", c && *c->local ? c->local : "<empty>");
	printf("\t\tIface HWaddress: default\n\t\tIface Netdev: default\n");
	printf("\t\tSID: %" PRId64 "\n", s->class_sid);
	printf("\t\tiSCSI Connection State: %s\n", c ? conn_state(c->state) : "FREE");
	printf("\t\tiSCSI Session State: %s\n", session_state(s->state));
	printf("\t\tInternal iscsid Session State: NO CHANGE\n");
	/* mcsadm's own: the MC/S connections, each with its counters. */
	stars("MC/S Connections:");
	printf("\t\tConnections: %zu (MaxConnections %u, policy %s)\n", s->n_conns,
	       s->max_connections, policy_name(s->policy));
	for (j = 0; j < s->n_conns; j++) {
		c = &s->conns[j];
		printf("\t\tCID: %u\n\t\t\tPortal: ", c->cid);
		fprint_addr_port(stdout, c->portal, c->portal_port);
		printf("\n\t\t\tLocal Address: ");
		fprint_addr_port(stdout, c->local, c->local_port);
		printf("\n\t\t\tConnection State: %s\n", conn_state(c->state));
		printf("\t\t\tWeight: %u Standby: %s In Flight: %u\n", c->weight,
		       c->standby ? "Yes" : "No", c->depth);
		printf("\t\t\tPDUs Sent: %" PRIu64 " Received: %" PRIu64 "\n", c->pdus_sent,
		       c->pdus_received);
		printf("\t\t\tCommands: %" PRIu64 " Bytes Read: %" PRIu64 " Bytes Written: %"
		       PRIu64 " Errors: %" PRIu64 "\n", c->commands, c->bytes_read,
		       c->bytes_written, c->errors);
	}
	if (level < 2)
		return;
	c = lead(s);
	stars("Timeouts:");
	print_tmo(s, "Recovery Timeout", "recovery_tmo");
	print_tmo(s, "Target Reset Timeout", "tgt_reset_tmo");
	print_tmo(s, "LUN Reset Timeout", "lu_reset_tmo");
	print_tmo(s, "Abort Timeout", "abort_tmo");
	print_chap(s);
	stars("Negotiated iSCSI params:");
	printf("\t\tHeaderDigest: %s\n", c && c->header_digest ? "CRC32C" : "None");
	printf("\t\tDataDigest: %s\n", c && c->data_digest ? "CRC32C" : "None");
	printf("\t\tMaxRecvDataSegmentLength: %u\n", c ? c->max_recv_dsl : 0);
	printf("\t\tMaxXmitDataSegmentLength: %u\n", c ? c->max_xmit_dsl : 0);
	printf("\t\tFirstBurstLength: %u\n", s->first_burst_length);
	printf("\t\tMaxBurstLength: %u\n", s->max_burst_length);
	printf("\t\tImmediateData: %s\n", s->immediate_data ? "Yes" : "No");
	printf("\t\tInitialR2T: %s\n", s->initial_r2t ? "Yes" : "No");
	printf("\t\tMaxOutstandingR2T: %u\n", s->max_outstanding_r2t);
	printf("\t\tMaxConnections: %u\n", s->max_connections);
	printf("\t\tErrorRecoveryLevel: %u\n", s->error_recovery_level);
	if (level >= 3)
		print_devices(s);
}

static int no_sessions(void)
{
	errorf("No active sessions.");
	return ISCSI_ERR_NO_OBJS_FOUND;
}

static int sid_error(const char *arg)
{
	return usage_error("'%s' is not a session: a number, a sysfs path ending in sessionN, "
			   "or a 32-hex-digit id", arg);
}

static int session_not_found(const char *arg)
{
	errorf("Could not get session info for sid %s (exit %d)", arg,
	       ISCSI_ERR_SESS_NOT_FOUND);
	return ISCSI_ERR_SESS_NOT_FOUND;
}

static int session_list(const struct args *a, int level)
{
	struct iscsi_mcs_session_info *s;
	const struct iscsi_mcs_session_info *one = NULL;
	const char *prev = NULL;
	size_t n, i, shown = 0;
	int rc;

	rc = sessions_get(&s, &n);
	if (rc)
		return rc;
	if (a->sid) {
		one = find_sid(s, n, a->sid);
		if (!one) {
			iscsi_mcs_sessions_free(s, n);
			return n ? session_not_found(a->sid) : no_sessions();
		}
	}
	if (!n) {
		iscsi_mcs_sessions_free(s, n);
		if (a->json) {
			printf("[]\n");
			return ISCSI_ERR_NO_OBJS_FOUND;
		}
		return no_sessions();
	}
	if (a->json)
		printf("[");
	if (!a->json && level >= 3) {
		char v[64];

		if (!sysfs_read(v, sizeof(v), "module/scsi_transport_iscsi/version"))
			printf("iSCSI Transport Class version %s\n", v);
		printf("version mcsadm-%s\n", MCSADM_VERSION);
	}
	for (i = 0; i < n; i++) {
		if (one && &s[i] != one)
			continue;
		if (a->json) {
			printf(shown ? "," : "");
			json_session(&s[i]);
		} else if (level == 0) {
			print_flat(&s[i]);
		} else {
			if (!prev || strcmp(prev, s[i].target_name))
				printf("Target: %s (non-flash)\n", s[i].target_name);
			prev = s[i].target_name;
			print_tree(&s[i], level);
		}
		shown++;
	}
	if (a->json)
		printf("]\n");
	iscsi_mcs_sessions_free(s, n);
	return ISCSI_SUCCESS;
}

static void describe(const struct iscsi_mcs_session_info *s, char *buf, size_t size)
{
	const struct iscsi_mcs_conn_info *c = lead(s);

	snprintf(buf, size, "[sid: %" PRId64 ", target: %s, portal: %s,%u]", s->class_sid,
		 s->target_name, c ? c->portal : "", c ? c->portal_port : 0);
}

int session_logout_one(const struct iscsi_mcs_session_info *s)
{
	char what[600];
	ISDSC_STATUS st;

	describe(s, what, sizeof(what));
	printf("Logging out of session %s\n", what);
	fflush(stdout);
	st = LogoutIScsiTarget((PISCSI_UNIQUE_SESSION_ID)&s->id);
	if (st != ERROR_SUCCESS) {
		int rc = fail_status("logout", st);

		errorf("Could not logout of %s.", what);
		/* iscsiadm's ISCSI_ERR_LOGOUT, unless the session was gone. */
		return rc == ISCSI_ERR_SESS_NOT_FOUND ? rc : ISCSI_ERR_LOGOUT;
	}
	printf("Logout of %s successful.\n", what);
	return ISCSI_SUCCESS;
}

/* -u: the session -r names, or every session as iscsiadm does without -r. */
static int session_logout(const struct args *a)
{
	struct iscsi_mcs_session_info *s;
	size_t n, i;
	int rc, r;

	rc = sessions_get(&s, &n);
	if (rc)
		return rc;
	if (!n) {
		iscsi_mcs_sessions_free(s, n);
		return no_sessions();
	}
	for (i = 0; i < n; i++) {
		if (a->sid && &s[i] != find_sid(s, n, a->sid))
			continue;
		r = session_logout_one(&s[i]);
		if (r)
			rc = r;
	}
	if (a->sid && !find_sid(s, n, a->sid))
		rc = session_not_found(a->sid);
	iscsi_mcs_sessions_free(s, n);
	return rc;
}

static int write_sysfs(const char *path, const char *text)
{
	const char *root = secure_getenv("ISCSI_MCS_SYSFS_ROOT");
	char full[512];
	FILE *f;
	int ok;

	snprintf(full, sizeof(full), "%s/%s", root && *root ? root : "/sys", path);
	f = fopen(full, "we");
	if (!f)
		return -errno;
	ok = fputs(text, f) >= 0;
	if (fclose(f) || !ok)
		return -EIO;
	return 0;
}

/* -R: the SCSI host scans again for LUNs, as iscsiadm asks it to. */
static int session_rescan(const struct iscsi_mcs_session_info *s)
{
	char what[600], path[64];
	int r;

	describe(s, what, sizeof(what));
	printf("Rescanning session %s\n", what);
	if (s->host_no < 0) {
		errorf("session %" PRId64 " has no SCSI host yet", s->class_sid);
		return ISCSI_ERR_SESS_NOT_FOUND;
	}
	snprintf(path, sizeof(path), "class/scsi_host/host%" PRId64 "/scan", s->host_no);
	r = write_sysfs(path, "- - -");
	if (r) {
		errorf("could not write %s: %s", path, strerror(-r));
		return ISCSI_ERR_SYSFS_LOOKUP;
	}
	return ISCSI_SUCCESS;
}

/* -s: the per-connection counters, summed as iscsiadm's SNMP block, then each. */
static void session_stats(const struct iscsi_mcs_session_info *s)
{
	uint64_t rd = 0, wr = 0, cmds = 0, errs = 0, tx = 0, rx = 0;
	char what[600];
	size_t j;

	for (j = 0; j < s->n_conns; j++) {
		rd += s->conns[j].bytes_read;
		wr += s->conns[j].bytes_written;
		cmds += s->conns[j].commands;
		errs += s->conns[j].errors;
		tx += s->conns[j].pdus_sent;
		rx += s->conns[j].pdus_received;
	}
	describe(s, what, sizeof(what));
	printf("Stats for session %s\n", what);
	printf("iSCSI SNMP:\n");
	printf("\ttxdata_octets: %" PRIu64 "\n\trxdata_octets: %" PRIu64 "\n", wr, rd);
	printf("\tscsicmd_pdus: %" PRIu64 "\n", cmds);
	printf("\ttx_pdus: %" PRIu64 "\n\trx_pdus: %" PRIu64 "\n", tx, rx);
	printf("\tcmd_errors: %" PRIu64 "\n", errs);
	printf("iSCSI Extended:\n");
	for (j = 0; j < s->n_conns; j++) {
		const struct iscsi_mcs_conn_info *c = &s->conns[j];

		printf("\tconn[%u].pdus_sent: %" PRIu64 "\n", c->cid, c->pdus_sent);
		printf("\tconn[%u].pdus_received: %" PRIu64 "\n", c->cid, c->pdus_received);
		printf("\tconn[%u].commands: %" PRIu64 "\n", c->cid, c->commands);
		printf("\tconn[%u].bytes_read: %" PRIu64 "\n", c->cid, c->bytes_read);
		printf("\tconn[%u].bytes_written: %" PRIu64 "\n", c->cid, c->bytes_written);
		printf("\tconn[%u].errors: %" PRIu64 "\n", c->cid, c->errors);
		printf("\tconn[%u].latency_ns: %" PRIu64 "\n", c->cid, c->latency_ns);
	}
}

/* -o addconn: one more connection (MC/S), through any portal of the group. */
static int session_addconn(const struct iscsi_mcs_session_info *s, const char *portal_arg)
{
	ISCSI_UNIQUE_CONNECTION_ID conn;
	ISCSI_TARGET_PORTALA tp;
	struct portal p;
	ISDSC_STATUS st;
	char what[64 + MAX_ISCSI_PORTAL_ADDRESS_LEN];

	if (parse_portal(portal_arg, &p))
		return usage_error("'%s' is not a portal (IP[:PORT])", portal_arg);
	to_target_portal(&p, &tp);
	memset(&conn, 0, sizeof(conn));
	st = AddIScsiConnectionA((PISCSI_UNIQUE_SESSION_ID)&s->id, NULL,
				 ISCSI_ANY_INITIATOR_PORT, &tp, 0, NULL, 0, NULL, &conn);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "adding a connection to %s,%u", p.addr, p.port);
		return fail_status(what, st);
	}
	printf("Added connection [");
	print_unique(stdout, &conn);
	printf("] to session [sid: %" PRId64 "], portal: %s,%u\n", s->class_sid, p.addr, p.port);
	return ISCSI_SUCCESS;
}

/* The index of the session's connection with iSCSI CID @cid, or false. */
static bool find_cid(const struct iscsi_mcs_session_info *s, unsigned long cid, size_t *j)
{
	for (*j = 0; *j < s->n_conns; (*j)++)
		if (s->conns[*j].cid == cid)
			return true;
	errorf("session [sid: %" PRId64 "] has no connection with CID %lu (exit %d)",
	       s->class_sid, cid, ISCSI_ERR_NO_OBJS_FOUND);
	return false;
}

/* -o delconn: --cid takes the iSCSI CID. */
static int session_delconn(const struct iscsi_mcs_session_info *s, const char *cid_arg)
{
	unsigned long cid;
	ISDSC_STATUS st;
	size_t j;

	if (parse_count(cid_arg, 65535, &cid))
		return usage_error("'%s' is not a CID (0 to 65535)", cid_arg);
	if (!find_cid(s, cid, &j))
		return ISCSI_ERR_NO_OBJS_FOUND;
	st = RemoveIScsiConnection((PISCSI_UNIQUE_SESSION_ID)&s->id,
				   (PISCSI_UNIQUE_CONNECTION_ID)&s->conns[j].id);
	if (st != ERROR_SUCCESS)
		return fail_status("removing the connection", st);
	printf("Removed connection CID %lu from session [sid: %" PRId64 "]\n", cid, s->class_sid);
	return ISCSI_SUCCESS;
}

/* -o policy: the session's load-balance policy, at once and under I/O. */
static int session_policy(const struct iscsi_mcs_session_info *s, const char *policy_arg)
{
	ULONG policy;
	ISDSC_STATUS st;

	if (parse_policy(policy_arg, &policy))
		return usage_error("'%s' is not a policy (%s)", policy_arg, policy_list);
	st = IScsiMcsSetSessionPolicy((PISCSI_UNIQUE_SESSION_ID)&s->id, policy);
	if (st != ERROR_SUCCESS)
		return fail_status("setting the policy", st);
	printf("Session [sid: %" PRId64 "] policy: %s\n", s->class_sid, policy_name(policy));
	return ISCSI_SUCCESS;
}

/* -o weight: --cid takes the iSCSI CID, as for delconn. */
static int session_weight(const struct iscsi_mcs_session_info *s, const struct args *a)
{
	unsigned long cid, weight = 0;
	ULONG fields = 0;
	int standby = 0;
	ISDSC_STATUS st;
	size_t j;

	if (parse_count(a->cid, 65535, &cid))
		return usage_error("'%s' is not a CID (0 to 65535)", a->cid);
	if (a->weight) {
		if (parse_count(a->weight, ISDSC_MCS_WEIGHT_MAX, &weight) || !weight)
			return usage_error("'%s' is not a weight (1 to %d)", a->weight,
					   ISDSC_MCS_WEIGHT_MAX);
		fields |= ISDSC_MCS_CONN_WEIGHT;
	}
	if (a->standby) {
		standby = parse_yes_no(a->standby);
		if (standby < 0)
			return usage_error("--standby '%s' is not yes or no", a->standby);
		fields |= ISDSC_MCS_CONN_STANDBY;
	}
	if (!find_cid(s, cid, &j))
		return ISCSI_ERR_NO_OBJS_FOUND;
	st = IScsiMcsSetConnectionPolicy((PISCSI_UNIQUE_SESSION_ID)&s->id,
					 (PISCSI_UNIQUE_CONNECTION_ID)&s->conns[j].id, fields,
					 (ULONG)weight, (BOOLEAN)standby);
	if (st != ERROR_SUCCESS)
		return fail_status("setting the connection's weight", st);
	printf("Connection CID %lu of session [sid: %" PRId64 "]:", cid, s->class_sid);
	if (fields & ISDSC_MCS_CONN_WEIGHT)
		printf(" weight %lu", weight);
	if (fields & ISDSC_MCS_CONN_STANDBY)
		printf(" standby %s", standby ? "yes" : "no");
	printf("\n");
	return ISCSI_SUCCESS;
}

/* Operations on the one session -r names. */
static int with_session(const struct args *a)
{
	struct iscsi_mcs_session_info *s;
	const struct iscsi_mcs_session_info *one;
	size_t n, i;
	int rc;

	rc = sessions_get(&s, &n);
	if (rc)
		return rc;
	one = a->sid ? find_sid(s, n, a->sid) : NULL;
	if (a->sid && !one) {
		rc = n ? session_not_found(a->sid) : no_sessions();
	} else if (!n) {
		rc = no_sessions();
	} else if (a->given & (O_RESCAN | O_STATS)) {
		for (i = 0; i < n && !rc; i++)
			if (!one || one == &s[i])
				rc = (a->given & O_RESCAN) ? session_rescan(&s[i]) :
				     (session_stats(&s[i]), 0);
	} else if (!strcmp(a->op, "addconn")) {
		rc = session_addconn(one, a->portal);
	} else if (!strcmp(a->op, "policy")) {
		rc = session_policy(one, a->policy);
	} else if (!strcmp(a->op, "weight")) {
		rc = session_weight(one, a);
	} else {
		rc = session_delconn(one, a->cid);
	}
	iscsi_mcs_sessions_free(s, n);
	return rc;
}

int mode_session(const struct args *a)
{
	ISCSI_UNIQUE_SESSION_ID id;
	unsigned long cid, weight;
	struct portal p;
	ULONG policy;
	bool by_id;
	long csid;

	if (a->sid && parse_sid(a->sid, &csid, &id, &by_id))
		return sid_error(a->sid);
	if (a->op && (a->given & O_LOGOUT))
		return usage_error("-u and -o do not go together");
	if (a->given & O_LOGOUT) {
		REFUSE_OTHERS(a, O_LOGOUT | O_SID, "-m session -u");
		return session_logout(a);
	}
	if (a->given & (O_RESCAN | O_STATS)) {
		REFUSE_OTHERS(a, O_RESCAN | O_STATS | O_SID, "-m session -R/-s");
		if ((a->given & O_RESCAN) && (a->given & O_STATS))
			return usage_error("-R and -s do not go together");
		return with_session(a);
	}
	if (!a->op) {
		REFUSE_OTHERS(a, O_SID | O_PRINT | O_JSON,
			      "listing sessions (-m session [-r N] [-P N])");
		if (a->print && (strlen(a->print) != 1 || a->print[0] < '0' || a->print[0] > '3'))
			return usage_error("print level '%s' is not 0, 1, 2 or 3", a->print);
		return session_list(a, a->print ? a->print[0] - '0' : 0);
	}
	if (!strcmp(a->op, "show")) {
		REFUSE_OTHERS(a, O_OP | O_SID | O_PRINT | O_JSON, "-m session -o show");
		return session_list(a, a->print ? a->print[0] - '0' : 0);
	}
	if (!strcmp(a->op, "addconn")) {
		REFUSE_OTHERS(a, O_OP | O_SID | O_PORTAL | O_IFACE, "-o addconn");
		if (!a->sid || !a->portal)
			return usage_error("-o addconn needs -r SID and -p IP[:PORT]");
		if (parse_portal(a->portal, &p))
			return usage_error("'%s' is not a portal (IP[:PORT])", a->portal);
		if (a->iface && strcmp(a->iface, "default"))
			return usage_error("iface '%s' does not exist (only 'default')", a->iface);
		return with_session(a);
	}
	if (!strcmp(a->op, "delconn")) {
		REFUSE_OTHERS(a, O_OP | O_SID | O_CID, "-o delconn");
		if (!a->sid || !a->cid)
			return usage_error("-o delconn needs -r SID and --cid CID");
		if (parse_count(a->cid, 65535, &cid))
			return usage_error("'%s' is not a CID (0 to 65535)", a->cid);
		return with_session(a);
	}
	/*
	 * The arguments are checked before the sessions are read, so that a
	 * mistake is a usage error (7) whether or not the session exists.
	 */
	if (!strcmp(a->op, "policy")) {
		REFUSE_OTHERS(a, O_OP | O_SID | O_POLICY, "-o policy");
		if (!a->sid || !a->policy)
			return usage_error("-o policy needs -r SID and --policy NAME");
		if (parse_policy(a->policy, &policy))
			return usage_error("'%s' is not a policy (%s)", a->policy, policy_list);
		return with_session(a);
	}
	if (!strcmp(a->op, "weight")) {
		REFUSE_OTHERS(a, O_OP | O_SID | O_CID | O_WEIGHT | O_STANDBY, "-o weight");
		if (!a->sid || !a->cid || !(a->weight || a->standby))
			return usage_error("-o weight needs -r SID, --cid CID and --weight W "
					   "and/or --standby yes|no");
		if (parse_count(a->cid, 65535, &cid))
			return usage_error("'%s' is not a CID (0 to 65535)", a->cid);
		if (a->weight && (parse_count(a->weight, ISDSC_MCS_WEIGHT_MAX, &weight) ||
				  !weight))
			return usage_error("'%s' is not a weight (1 to %d)", a->weight,
					   ISDSC_MCS_WEIGHT_MAX);
		if (a->standby && parse_yes_no(a->standby) < 0)
			return usage_error("--standby '%s' is not yes or no", a->standby);
		return with_session(a);
	}
	return usage_error("operation '%s' is not supported for mode session "
			   "(show, addconn, delconn, policy, weight)", a->op);
}
