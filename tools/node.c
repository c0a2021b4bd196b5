// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * -m node: open-iscsi's node records (iscsidsc/nodedb.h), listed, shown,
 * created, updated and deleted as iscsiadm does, and logged in with what
 * they hold: CHAP, digests, MaxConnections, ErrorRecoveryLevel, the
 * load-balance policy and the extra MC/S connections node.conn[1..N] with
 * their weights. Logouts find the sessions by target and portal.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "mcsadm.h"

/* The records -T, -p and -I select; exit code on failure. */
static int select_nodes(const struct args *a, struct iscsi_mcs_node_id **out, size_t *n)
{
	struct iscsi_mcs_node_id *ids;
	struct portal p;
	size_t all, i;
	int r;

	*out = NULL;
	*n = 0;
	if (a->portal && parse_portal(a->portal, &p))
		return usage_error("'%s' is not a portal (IP[:PORT][,TPGT])", a->portal);
	r = iscsi_mcs_node_list(NULL, &ids, &all);
	if (r == -ENOENT)
		return ISCSI_SUCCESS;
	if (r) {
		errorf("could not read the node records in %s: %s", iscsi_mcs_nodedb_root(NULL),
		       strerror(-r));
		return errno_to_exit(r);
	}
	for (i = 0; i < all; i++) {
		if (a->target && strcmp(a->target, ids[i].target))
			continue;
		if (a->portal && (p.port != ids[i].port || !same_address(p.addr, ids[i].address) ||
				  (p.tpgt >= 0 && p.tpgt != ids[i].tpgt)))
			continue;
		if (a->iface && strcmp(a->iface, ids[i].iface))
			continue;
		ids[(*n)++] = ids[i];
	}
	*out = ids;
	return ISCSI_SUCCESS;
}

static int no_records(void)
{
	errorf("No records found");
	return ISCSI_ERR_NO_OBJS_FOUND;
}

static void print_node_line(const struct iscsi_mcs_node_id *id)
{
	fprint_addr_port(stdout, id->address, id->port);
	printf(",%d %s\n", id->tpgt, id->target);
}

static bool secret_key(const char *k)
{
	size_t n = strlen(k);

	return (n >= 8 && !strcmp(k + n - 8, "password")) ||
	       (n >= 11 && !strcmp(k + n - 11, "password_in"));
}

static void print_record(const struct iscsi_mcs_rec *rec, bool show_secrets)
{
	size_t i;

	printf("# BEGIN RECORD %s\n", iscsi_mcs_rec_version(rec));
	for (i = 0; i < iscsi_mcs_rec_count(rec); i++) {
		const char *k = iscsi_mcs_rec_key(rec, i), *v = iscsi_mcs_rec_value(rec, i);

		if (secret_key(k) && *v && !show_secrets)
			v = "********";
		printf("%s = %s\n", k, *v ? v : "<empty>");
	}
	printf("# END RECORD\n");
}

static void json_record(const struct iscsi_mcs_rec *rec)
{
	size_t i;

	printf("{");
	for (i = 0; i < iscsi_mcs_rec_count(rec); i++) {
		const char *k = iscsi_mcs_rec_key(rec, i), *v = iscsi_mcs_rec_value(rec, i);

		printf(i ? "," : "");
		json_str(k);
		printf(":");
		json_str(secret_key(k) && *v ? "********" : v);
	}
	printf("}");
}

static int node_list(const struct args *a)
{
	struct iscsi_mcs_node_id *ids;
	size_t n, i;
	int rc = select_nodes(a, &ids, &n);

	if (rc)
		return rc;
	if (a->json) {
		printf("[");
		for (i = 0; i < n; i++) {
			printf("%s{\"target\":", i ? "," : "");
			json_str(ids[i].target);
			printf(",\"address\":");
			json_str(ids[i].address);
			printf(",\"port\":%u,\"tpgt\":%d,\"iface\":", ids[i].port, ids[i].tpgt);
			json_str(ids[i].iface);
			printf("}");
		}
		printf("]\n");
	} else if (a->print) {
		/* -P 1: iscsiadm's tree, target, portal, iface. */
		for (i = 0; i < n; i++) {
			if (!i || strcmp(ids[i].target, ids[i - 1].target))
				printf("Target: %s\n", ids[i].target);
			printf("\tPortal: ");
			fprint_addr_port(stdout, ids[i].address, ids[i].port);
			printf(",%d\n\t\tIface Name: %s\n", ids[i].tpgt, ids[i].iface);
		}
	} else {
		for (i = 0; i < n; i++)
			print_node_line(&ids[i]);
	}
	free(ids);
	return n ? ISCSI_SUCCESS : (a->json ? ISCSI_ERR_NO_OBJS_FOUND : no_records());
}

static int node_show(const struct args *a)
{
	struct iscsi_mcs_node_id *ids;
	size_t n, i;
	int rc = select_nodes(a, &ids, &n), r;

	if (rc)
		return rc;
	if (a->json)
		printf("[");
	for (i = 0; i < n; i++) {
		struct iscsi_mcs_rec *rec;

		r = iscsi_mcs_node_read(NULL, &ids[i], &rec);
		if (r) {
			errorf("could not read the record of %s: %s", ids[i].target, strerror(-r));
			rc = errno_to_exit(r);
			continue;
		}
		if (a->json) {
			printf(i ? "," : "");
			json_record(rec);
		} else {
			print_record(rec, false);
		}
		iscsi_mcs_rec_free(rec);
	}
	if (a->json)
		printf("]\n");
	free(ids);
	return n ? rc : no_records();
}

#define KEY_ERL		"node.session.iscsi.ERL"
#define KEY_WEIGHT	"mcs.weight"	/* of node.conn[N] */

/*
 * The values a login passes to the module, checked when they are set
 * rather than at the next boot's login. "" (<empty>) is the default.
 */
static int check_login_value(const char *key, const char *v)
{
	unsigned long n;
	ULONG policy;
	size_t len = strlen(key), wlen = strlen(KEY_WEIGHT);

	if (!*v)
		return 0;
	if (!strcmp(key, KEY_ERL) && parse_count(v, 2, &n))
		return usage_error("%s '%s' is not 0, 1 or 2", key, v);
	if (!strcmp(key, ISCSI_MCS_KEY_POLICY) && parse_policy(v, &policy))
		return usage_error("%s '%s' is not a policy (%s)", key, v, policy_list);
	if (!strncmp(key, "node.conn[", 10) && len > wlen &&
	    !strcmp(key + len - wlen, KEY_WEIGHT) &&
	    (parse_count(v, ISDSC_MCS_WEIGHT_MAX, &n) || !n))
		return usage_error("%s '%s' is not a weight (1 to %d)", key, v,
				   ISDSC_MCS_WEIGHT_MAX);
	return 0;
}

/* The -n/-v pairs into rec; iscsiadm takes node.* and iface.* names. */
static int apply_pairs(const struct args *a, struct iscsi_mcs_rec *rec, const char *prefix)
{
	size_t i;
	int r;

	for (i = 0; i < a->n_names; i++) {
		const char *v = a->values[i];

		if (strncmp(a->names[i], prefix, strlen(prefix)) &&
		    strncmp(a->names[i], "iface.", 6))
			return usage_error("'%s' is not a %s* record name", a->names[i], prefix);
		if (!strcmp(v, "<empty>"))
			v = "";
		r = check_login_value(a->names[i], v);
		if (r)
			return r;
		r = iscsi_mcs_rec_set(rec, a->names[i], v);
		if (r)
			return usage_error("cannot set '%s' to '%s'", a->names[i], a->values[i]);
	}
	return 0;
}

static int node_new(const struct args *a)
{
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec;
	struct portal p;
	int r, rc;

	if (!a->target || !a->portal)
		return usage_error("-o new needs -T TARGET and -p IP[:PORT][,TPGT]");
	if (parse_portal(a->portal, &p))
		return usage_error("'%s' is not a portal (IP[:PORT][,TPGT])", a->portal);
	memset(&id, 0, sizeof(id));
	if (strlen(a->target) >= sizeof(id.target))
		return usage_error("target name '%.32s...' is too long", a->target);
	snprintf(id.target, sizeof(id.target), "%s", a->target);
	snprintf(id.address, sizeof(id.address), "%s", p.addr);
	id.port = p.port;
	id.tpgt = p.tpgt;
	snprintf(id.iface, sizeof(id.iface), "%s", a->iface ? a->iface : "default");
	r = iscsi_mcs_node_new(NULL, &id, &rec);
	if (r) {
		errorf("could not make the record: %s", strerror(-r));
		return errno_to_exit(r);
	}
	rc = apply_pairs(a, rec, "node.");
	if (!rc) {
		r = iscsi_mcs_node_write(NULL, rec);
		rc = errno_to_exit(r);
		if (r)
			errorf("could not write the record: %s", strerror(-r));
		else
			printf("New iSCSI node [tcp:[hw=,ip=,net_if=,iscsi_if=%s] %s,%u,%d %s] added\n",
			       id.iface, id.address, id.port, id.tpgt, id.target);
	}
	iscsi_mcs_rec_free(rec);
	return rc;
}

static int node_update_delete(const struct args *a, bool del)
{
	struct iscsi_mcs_node_id *ids;
	size_t n, i;
	int rc, r;

	if (!del && !a->n_names)
		return usage_error("-o update needs -n NAME -v VALUE");
	rc = select_nodes(a, &ids, &n);
	if (rc)
		return rc;
	for (i = 0; i < n && !rc; i++) {
		struct iscsi_mcs_rec *rec;

		if (del) {
			r = iscsi_mcs_node_delete(NULL, &ids[i]);
			if (r) {
				errorf("could not delete the record of %s: %s", ids[i].target,
				       strerror(-r));
				rc = errno_to_exit(r);
			}
			continue;
		}
		r = iscsi_mcs_node_read(NULL, &ids[i], &rec);
		if (r) {
			rc = errno_to_exit(r);
			continue;
		}
		rc = apply_pairs(a, rec, "node.");
		if (!rc) {
			r = iscsi_mcs_node_write(NULL, rec);
			if (r) {
				errorf("could not write the record of %s: %s", ids[i].target,
				       strerror(-r));
				rc = errno_to_exit(r);
			}
		}
		iscsi_mcs_rec_free(rec);
	}
	free(ids);
	return n ? rc : no_records();
}

static unsigned long rec_num(const struct iscsi_mcs_rec *rec, const char *key, unsigned long dflt)
{
	const char *v = iscsi_mcs_rec_get(rec, key);
	unsigned long n;

	return v && !parse_count(v, 0xffffffffUL, &n) ? n : dflt;
}

static ISCSI_DIGEST_TYPES digest(const char *v)
{
	return v && !strncmp(v, "CRC32C", 6) ? ISCSI_DIGEST_TYPE_CRC32C : ISCSI_DIGEST_TYPE_NONE;
}

/* The record's login options; CHAP strings point into rec. */
static int login_options(const struct iscsi_mcs_rec *rec, ISCSI_LOGIN_OPTIONS *o)
{
	const char *method = iscsi_mcs_rec_get(rec, "node.session.auth.authmethod");
	const char *user = iscsi_mcs_rec_get(rec, "node.session.auth.username");
	const char *pass = iscsi_mcs_rec_get(rec, "node.session.auth.password");
	const char *pass_in = iscsi_mcs_rec_get(rec, "node.session.auth.password_in");
	unsigned long maxc = rec_num(rec, "node.session.iscsi.MaxConnections", 1);
	unsigned int conns = iscsi_mcs_rec_conn_count(rec);
	ISDSC_STATUS st;

	memset(o, 0, sizeof(*o));
	o->Version = ISCSI_LOGIN_OPTIONS_VERSION;
	o->HeaderDigest = digest(iscsi_mcs_rec_get(rec, "node.conn[0].iscsi.HeaderDigest"));
	o->DataDigest = digest(iscsi_mcs_rec_get(rec, "node.conn[0].iscsi.DataDigest"));
	o->InformationSpecified = ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |
				  ISCSI_LOGIN_OPTIONS_DATA_DIGEST;
	/*
	 * open-iscsi writes MaxConnections = 1 in every record: only a larger
	 * value, or extra connections in the record, ask for more.
	 */
	if (conns > maxc)
		maxc = conns;
	if (maxc > 1) {
		o->MaximumConnections = (ULONG)maxc;
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	}
	if (method && !strcmp(method, "CHAP")) {
		o->AuthType = pass_in && *pass_in ? ISCSI_MUTUAL_CHAP_AUTH_TYPE :
			      ISCSI_CHAP_AUTH_TYPE;
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
		if (user && *user) {
			o->Username = (PUCHAR)user;
			o->UsernameLength = (ULONG)strlen(user);
			o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_USERNAME;
		}
		if (pass && *pass) {
			o->Password = (PUCHAR)pass;
			o->PasswordLength = (ULONG)strlen(pass);
			o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_PASSWORD;
		}
		/* The library keeps one initiator secret for mutual CHAP. */
		if (o->AuthType == ISCSI_MUTUAL_CHAP_AUTH_TYPE) {
			st = SetIScsiInitiatorCHAPSharedSecret((ULONG)strlen(pass_in),
							       (PUCHAR)pass_in);
			if (st != ERROR_SUCCESS)
				return fail_status("setting the mutual CHAP secret", st);
		}
	}
	return ISCSI_SUCCESS;
}

/*
 * What ISCSI_LOGIN_OPTIONS has no room for: node.session.iscsi.ERL, which
 * open-iscsi writes in every record (0 unless changed), and the
 * load-balance policy of the side record. A record edited by hand is
 * checked here too.
 */
static int mcs_login_options(const struct iscsi_mcs_rec *rec, ISDSC_MCS_LOGIN_OPTIONS *m)
{
	const char *erl = iscsi_mcs_rec_get(rec, KEY_ERL);
	const char *policy = iscsi_mcs_rec_get(rec, ISCSI_MCS_KEY_POLICY);
	unsigned long n;

	memset(m, 0, sizeof(*m));
	if (erl && *erl) {
		if (parse_count(erl, 2, &n)) {
			errorf("the record's %s '%s' is not 0, 1 or 2", KEY_ERL, erl);
			return ISCSI_ERR_INVAL;
		}
		m->ErrorRecoveryLevel = (ULONG)n;
		m->Fields |= ISDSC_MCS_LOGIN_ERROR_RECOVERY_LEVEL;
	}
	if (policy && *policy) {
		if (parse_policy(policy, &m->Policy)) {
			errorf("the record's %s '%s' is not a policy (%s)", ISCSI_MCS_KEY_POLICY,
			       policy, policy_list);
			return ISCSI_ERR_INVAL;
		}
		m->Fields |= ISDSC_MCS_LOGIN_POLICY;
	}
	return ISCSI_SUCCESS;
}

/* node.conn[k].mcs.weight, when the record has one, for the connection just made. */
static int conn_weight(const struct iscsi_mcs_rec *rec, unsigned int k,
		       ISCSI_UNIQUE_SESSION_ID *sid, ISCSI_UNIQUE_CONNECTION_ID *cid)
{
	char key[64], what[64];
	const char *v;
	unsigned long w;
	ISDSC_STATUS st;

	snprintf(key, sizeof(key), ISCSI_MCS_KEY_CONN_FMT, k, KEY_WEIGHT);
	v = rec ? iscsi_mcs_rec_get(rec, key) : NULL;
	if (!v || !*v)
		return ISCSI_SUCCESS;
	if (parse_count(v, ISDSC_MCS_WEIGHT_MAX, &w) || !w) {
		errorf("the record's %s '%s' is not a weight (1 to %d)", key, v,
		       ISDSC_MCS_WEIGHT_MAX);
		return ISCSI_ERR_INVAL;
	}
	st = IScsiMcsSetConnectionPolicy(sid, cid, ISDSC_MCS_CONN_WEIGHT, (ULONG)w, FALSE);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "setting the weight of connection %u", k);
		return fail_status(what, st);
	}
	return ISCSI_SUCCESS;
}

static int direct_login(const char *target, const struct portal *p,
			const struct iscsi_mcs_rec *rec)
{
	ISCSI_UNIQUE_SESSION_ID sid;
	ISCSI_UNIQUE_CONNECTION_ID cid;
	ISCSI_TARGET_PORTALA tp;
	ISCSI_LOGIN_OPTIONS o;
	ISDSC_MCS_LOGIN_OPTIONS m;
	ISDSC_STATUS st;
	unsigned int conns = rec ? iscsi_mcs_rec_conn_count(rec) : 1, k;
	char desc[128 + MAX_ISCSI_NAME_LEN + MAX_ISCSI_PORTAL_ADDRESS_LEN];
	char what[sizeof(desc) + 16];
	int rc;

	snprintf(desc, sizeof(desc), "[iface: default, target: %s, portal: %s,%u]", target,
		 p->addr, p->port);
	if (rec) {
		rc = mcs_login_options(rec, &m);
		if (!rc)
			rc = login_options(rec, &o);
		if (rc)
			return rc;
	}
	to_target_portal(p, &tp);
	printf("Logging in to %s\n", desc);
	fflush(stdout);
	st = IScsiMcsLoginIScsiTarget((PSTR)target, FALSE, NULL, ISCSI_ANY_INITIATOR_PORT, &tp,
				      0, NULL, rec ? &o : NULL, rec ? &m : NULL, 0, NULL, FALSE,
				      &sid, &cid);
	if (st != ERROR_SUCCESS) {
		snprintf(what, sizeof(what), "login to %s", desc);
		rc = fail_status(what, st);
		errorf("Could not log into all portals");
		return rc;
	}
	printf("Login to %s successful.\n", desc);
	rc = conn_weight(rec, 0, &sid, &cid);
	if (rc)
		return rc;
	/* node.conn[1..N]: the session's further connections. */
	for (k = 1; k < conns; k++) {
		char key[64];
		const char *addr, *port;
		struct portal cp;

		snprintf(key, sizeof(key), ISCSI_MCS_KEY_CONN_FMT, k, "address");
		addr = iscsi_mcs_rec_get(rec, key);
		snprintf(key, sizeof(key), ISCSI_MCS_KEY_CONN_FMT, k, "port");
		port = iscsi_mcs_rec_get(rec, key);
		if (!addr || !*addr)
			continue;
		memset(&cp, 0, sizeof(cp));
		snprintf(cp.addr, sizeof(cp.addr), "%s", addr);
		cp.port = port ? (uint16_t)atoi(port) : 3260;
		to_target_portal(&cp, &tp);
		st = AddIScsiConnectionA(&sid, NULL, ISCSI_ANY_INITIATOR_PORT, &tp, 0, &o, 0, NULL,
					 &cid);
		if (st != ERROR_SUCCESS) {
			snprintf(what, sizeof(what), "connection %u to %s,%u", k, cp.addr, cp.port);
			return fail_status(what, st);
		}
		printf("Connection %u to [%s,%u] added.\n", k, cp.addr, cp.port);
		rc = conn_weight(rec, k, &sid, &cid);
		if (rc)
			return rc;
	}
	return ISCSI_SUCCESS;
}

int node_login_rec(const struct iscsi_mcs_rec *rec)
{
	struct iscsi_mcs_node_id id;
	struct portal p;

	if (iscsi_mcs_node_id_of(rec, &id)) {
		errorf("a record lacks its target or portal");
		return ISCSI_ERR_IDBM;
	}
	memset(&p, 0, sizeof(p));
	snprintf(p.addr, sizeof(p.addr), "%s", id.address);
	p.port = id.port;
	p.tpgt = id.tpgt;
	return direct_login(id.target, &p, rec);
}

/* -L/-U: node.startup of the record against all|manual|automatic. */
static bool startup_matches(const struct iscsi_mcs_rec *rec, const char *which)
{
	const char *v = iscsi_mcs_rec_get(rec, "node.startup");

	if (!which || !strcmp(which, "all"))
		return true;
	if (!strcmp(which, "automatic"))
		return v && (!strcmp(v, "automatic") || !strcmp(v, "onboot"));
	return !v || !strcmp(v, "manual");
}

static int node_login(const struct args *a, const char *which)
{
	struct iscsi_mcs_node_id *ids;
	size_t n, i, tried = 0;
	int rc, r;

	rc = select_nodes(a, &ids, &n);
	if (rc)
		return rc;
	/*
	 * No record, but -T and -p: mcsadm logs in with the defaults, where
	 * iscsiadm would answer "No records found".
	 */
	if (!n && !which && a->target && a->portal) {
		struct portal p;

		free(ids);
		if (strlen(a->target) > MAX_ISCSI_NAME_LEN)
			return usage_error("target name '%.32s...' is too long", a->target);
		parse_portal(a->portal, &p);
		return direct_login(a->target, &p, NULL);
	}
	for (i = 0; i < n; i++) {
		struct iscsi_mcs_rec *rec;

		r = iscsi_mcs_node_read(NULL, &ids[i], &rec);
		if (r) {
			rc = errno_to_exit(r);
			continue;
		}
		if (startup_matches(rec, which)) {
			tried++;
			r = node_login_rec(rec);
			if (r)
				rc = r;
		}
		iscsi_mcs_rec_free(rec);
	}
	free(ids);
	if (!tried)
		return no_records();
	return rc;
}

/* Sessions to target (through p, if not NULL) log out; *matched if any. */
int node_logout_match(const char *target, const struct portal *p, bool *matched)
{
	struct iscsi_mcs_session_info *s;
	size_t n, i, j;
	int rc, r;

	rc = sessions_get(&s, &n);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		bool hit = !p;

		if (strcmp(s[i].target_name, target))
			continue;
		for (j = 0; j < s[i].n_conns && !hit; j++)
			hit = s[i].conns[j].portal_port == p->port &&
			      same_address(s[i].conns[j].portal, p->addr);
		if (!hit)
			continue;
		*matched = true;
		r = session_logout_one(&s[i]);
		if (r)
			rc = r;
	}
	iscsi_mcs_sessions_free(s, n);
	return rc;
}

static int node_logout(const struct args *a, const char *which)
{
	struct iscsi_mcs_node_id *ids;
	struct portal p;
	bool matched = false;
	size_t n, i;
	int rc, r;

	if (a->portal && parse_portal(a->portal, &p))
		return usage_error("'%s' is not a portal (IP[:PORT][,TPGT])", a->portal);
	if (!which && a->target)
		rc = node_logout_match(a->target, a->portal ? &p : NULL, &matched);
	else {
		rc = select_nodes(a, &ids, &n);
		if (rc)
			return rc;
		for (i = 0; i < n; i++) {
			struct iscsi_mcs_rec *rec;

			if (iscsi_mcs_node_read(NULL, &ids[i], &rec))
				continue;
			if (startup_matches(rec, which)) {
				memset(&p, 0, sizeof(p));
				snprintf(p.addr, sizeof(p.addr), "%s", ids[i].address);
				p.port = ids[i].port;
				r = node_logout_match(ids[i].target, &p, &matched);
				if (r)
					rc = r;
			}
			iscsi_mcs_rec_free(rec);
		}
		free(ids);
	}
	if (!rc && !matched) {
		errorf("No matching sessions found");
		return ISCSI_ERR_NO_OBJS_FOUND;
	}
	return rc;
}

static int check_which(const char *w)
{
	if (strcmp(w, "all") && strcmp(w, "manual") && strcmp(w, "automatic"))
		return usage_error("'%s' is not all, manual or automatic", w);
	return 0;
}

int mode_node(const struct args *a)
{
	unsigned int acts = a->given & (O_LOGIN | O_LOGOUT | O_LOGINALL | O_LOGOUTALL);
	const unsigned int sel = O_TARGET | O_PORTAL | O_IFACE;

	REFUSE_OTHERS(a, sel | O_LOGIN | O_LOGOUT | O_LOGINALL | O_LOGOUTALL | O_OP | O_NAME |
		      O_VALUE | O_JSON | O_PRINT,
		      "-m node (which takes -T, -p, -I, -o, -n, -v, -l, -u, -L, -U)");
	if (acts & (acts - 1))
		return usage_error("--login, --logout, -L and -U do not go together");
	if (acts && a->op)
		return usage_error("-o does not go with --login or --logout");
	if (a->target && strlen(a->target) > MAX_ISCSI_NAME_LEN)
		return usage_error("target name '%.32s...' is too long", a->target);
	if (a->iface && strcmp(a->iface, "default"))
		return usage_error("iface '%s' does not exist (only 'default')", a->iface);
	if (a->given & O_LOGIN)
		return node_login(a, NULL);
	if (a->given & O_LOGOUT)
		return node_logout(a, NULL);
	if (a->given & O_LOGINALL) {
		REFUSE_OTHERS(a, O_LOGINALL, "-L");
		if (check_which(a->loginall))
			return ISCSI_ERR_INVAL;
		return node_login(a, a->loginall);
	}
	if (a->given & O_LOGOUTALL) {
		REFUSE_OTHERS(a, O_LOGOUTALL, "-U");
		if (check_which(a->logoutall))
			return ISCSI_ERR_INVAL;
		return node_logout(a, a->logoutall);
	}
	if (!a->op) {
		if (a->n_names)
			return usage_error("-n and -v go with -o update or -o new");
		return a->target && !a->print ? node_show(a) : node_list(a);
	}
	if (!strcmp(a->op, "show"))
		return node_show(a);
	if (!strcmp(a->op, "new"))
		return node_new(a);
	if (!strcmp(a->op, "delete"))
		return node_update_delete(a, true);
	if (!strcmp(a->op, "update"))
		return node_update_delete(a, false);
	return usage_error("operation '%s' is not supported for mode node "
			   "(new, delete, update, show)", a->op);
}
