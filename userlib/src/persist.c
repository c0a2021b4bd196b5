// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Persistent logins (LoginIScsiTarget with IsPersistent TRUE,
 * ReportIScsiPersistentLogins, RemoveIScsiPersistentTarget) as records of
 * open-iscsi's node database: whatever logs in node.startup = automatic
 * records at boot (mcsadm's unit, or open-iscsi's own for single-connection
 * sessions) makes the login. What open-iscsi has no key for (the initiator
 * instance and port, the security and login flags) lives in the MC/S side
 * record under node.session.mcs.*.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <linux/iscsi_mcs.h>

#include "iname.h"
#include "internal.h"
#include "iscsidsc/nodedb.h"
#include "persist.h"
#include "secret.h"
#include "sendtargets.h"
#include "utf16.h"

#define KEY_INSTANCE	ISDSC_KEY_INSTANCE
#define KEY_PORT	"node.session.mcs.initiator_port"
#define KEY_SECURITY	"node.session.mcs.security_flags"
#define KEY_FLAGS	"node.session.mcs.login_flags"
#define KEY_ALIAS	ISDSC_KEY_ALIAS
#define KEY_TFLAGS	ISDSC_KEY_TFLAGS

static const char *digest_text(uint8_t d)
{
	switch (d) {
	case ISCSI_MCS_DIGEST_CRC32C:
		return "CRC32C";
	case ISCSI_MCS_DIGEST_NONE_CRC32C:
		return "None,CRC32C";
	case ISCSI_MCS_DIGEST_CRC32C_NONE:
		return "CRC32C,None";
	default:
		return "None";
	}
}

/* A CHAP secret as open-iscsi keeps it: a printable string. */
static bool secret_text(const uint8_t *s, size_t len, char *out, size_t size)
{
	if (len >= size)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < 0x21 || s[i] > 0x7e)
			return false;
		out[i] = (char)s[i];
	}
	out[len] = '\0';
	return true;
}

static int set_num(struct iscsi_mcs_rec *rec, const char *key, unsigned long long v)
{
	char num[24];

	snprintf(num, sizeof(num), "%llu", v);
	return iscsi_mcs_rec_set(rec, key, num);
}

static ISDSC_STATUS apply(struct iscsi_mcs_rec *rec, const struct isdsc_login_args *a,
			  const struct isdsc_login_req *req, bool automatic)
{
	const ISCSI_LOGIN_OPTIONS *o = a->options;
	char secret[ISDSC_CHAP_SECRET_MAX + 1], name[sizeof(req->chap_name)];
	uint8_t mutual[ISDSC_CHAP_SECRET_MAX];
	size_t mutual_len = 0;
	int err = automatic ? iscsi_mcs_rec_set(rec, "node.startup", "automatic") : 0;

	if (!err && req->have_header_digest)
		err = iscsi_mcs_rec_set(rec, "node.conn[0].iscsi.HeaderDigest",
					digest_text(req->header_digest));
	if (!err && req->have_data_digest)
		err = iscsi_mcs_rec_set(rec, "node.conn[0].iscsi.DataDigest",
					digest_text(req->data_digest));
	if (!err && req->have_max_connections)
		err = set_num(rec, "node.session.iscsi.MaxConnections", req->max_connections);
	if (!err && req->have_time2wait)
		err = set_num(rec, "node.session.iscsi.DefaultTime2Wait", req->time2wait);
	if (!err && req->have_time2retain)
		err = set_num(rec, "node.session.iscsi.DefaultTime2Retain", req->time2retain);
	if (!err && req->auth == ISCSI_NO_AUTH_TYPE) {
		err = iscsi_mcs_rec_set(rec, "node.session.auth.authmethod", "None");
		for (const char *const *k = (const char *const[]){ "node.session.auth.username",
			"node.session.auth.password", "node.session.auth.username_in",
			"node.session.auth.password_in", NULL }; !err && *k; k++)
			err = iscsi_mcs_rec_set(rec, *k, NULL);
	} else if (!err) {
		if (!secret_text(req->chap_secret, req->chap_secret_len, secret, sizeof(secret)))
			return isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA, "the CHAP "
					  "secret has bytes open-iscsi's records cannot hold "
					  "(only printable ASCII)");
		if (req->chap_name_given)
			snprintf(name, sizeof(name), "%s", req->chap_name);
		else if (isdsc_iname_read(name) != ERROR_SUCCESS)
			name[0] = '\0';
		isdsc_error_clear();
		err = iscsi_mcs_rec_set(rec, "node.session.auth.authmethod", "CHAP");
		if (!err && name[0])
			err = iscsi_mcs_rec_set(rec, "node.session.auth.username", name);
		if (!err)
			err = iscsi_mcs_rec_set(rec, "node.session.auth.password", secret);
		explicit_bzero(secret, sizeof(secret));
		if (!err && req->auth == ISCSI_MUTUAL_CHAP_AUTH_TYPE) {
			ISDSC_STATUS status = isdsc_secret_read(mutual, &mutual_len);

			if (status != ERROR_SUCCESS)
				return status;
			if (!secret_text(mutual, mutual_len, secret, sizeof(secret))) {
				explicit_bzero(mutual, sizeof(mutual));
				return isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA,
						  "the initiator CHAP secret has bytes open-iscsi's "
						  "records cannot hold (only printable ASCII)");
			}
			explicit_bzero(mutual, sizeof(mutual));
			/* The target proves it knows the initiator's secret, under its own name. */
			err = iscsi_mcs_rec_set(rec, "node.session.auth.username_in", req->target);
			if (!err)
				err = iscsi_mcs_rec_set(rec, "node.session.auth.password_in", secret);
			explicit_bzero(secret, sizeof(secret));
		}
	}
	if (!err)
		err = iscsi_mcs_rec_set(rec, KEY_INSTANCE, req->instance[0] ? req->instance : NULL);
	if (!err)
		err = a->port == ISCSI_ANY_INITIATOR_PORT ? iscsi_mcs_rec_set(rec, KEY_PORT, NULL) :
		      set_num(rec, KEY_PORT, a->port);
	if (!err)
		err = a->security_flags ? set_num(rec, KEY_SECURITY, a->security_flags) :
		      iscsi_mcs_rec_set(rec, KEY_SECURITY, NULL);
	if (!err)
		err = o && o->LoginFlags ? set_num(rec, KEY_FLAGS, o->LoginFlags) :
		      iscsi_mcs_rec_set(rec, KEY_FLAGS, NULL);
	if (err)
		return isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA, "cannot build the "
				  "node record: %s", isdsc_strerror(-err));
	return ERROR_SUCCESS;
}

static ISDSC_STATUS save_one(const struct iscsi_mcs_node_id *id, bool exists,
			     const struct isdsc_login_args *a, const struct isdsc_login_req *req,
			     bool automatic, const char *alias, ISCSI_TARGET_FLAGS flags)
{
	struct iscsi_mcs_rec *rec = NULL;
	ISDSC_STATUS status;
	int err;

	err = exists ? iscsi_mcs_node_read(NULL, id, &rec) : iscsi_mcs_node_new(NULL, id, &rec);
	if (err)
		return isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA, "cannot %s the node "
				  "record of %s at %s,%u: %s", exists ? "read" : "create", id->target,
				  id->address, id->port, isdsc_strerror(-err));
	status = apply(rec, a, req, automatic);
	if (status == ERROR_SUCCESS && !automatic) {
		/* AddIScsiStaticTarget: what open-iscsi has no key for. */
		err = iscsi_mcs_rec_set(rec, KEY_ALIAS, alias && *alias ? alias : NULL);
		if (!err)
			err = flags ? set_num(rec, KEY_TFLAGS, flags) :
			      iscsi_mcs_rec_set(rec, KEY_TFLAGS, NULL);
		if (err)
			status = isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "cannot build the node "
					    "record: %s", isdsc_strerror(-err));
	}
	if (status == ERROR_SUCCESS) {
		err = iscsi_mcs_node_write(NULL, rec);
		if (err)
			status = isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA, "cannot write "
					    "the node record of %s under %s: %s", id->target,
					    iscsi_mcs_nodedb_root(NULL), isdsc_strerror(-err));
	}
	iscsi_mcs_rec_free(rec);
	return status;
}

static bool same_portal(const struct iscsi_mcs_node_id *id, const char *address, uint16_t port)
{
	return !strcasecmp(id->address, address) && id->port == port;
}

ISDSC_STATUS isdsc_persist_save(const struct isdsc_login_args *a,
				const struct isdsc_login_req *req)
{
	bool portal = req->address[0] != '\0';
	struct iscsi_mcs_node_id *ids = NULL, id;
	ISDSC_STATUS status = ERROR_SUCCESS;
	size_t n = 0, done = 0;
	int err;

	err = iscsi_mcs_node_list(NULL, &ids, &n);
	if (err)
		return isdsc_fail(ISDSC_COULD_NOT_SAVE_PERSISTENT_LOGIN_DATA, "cannot list the node "
				  "records under %s: %s", iscsi_mcs_nodedb_root(NULL),
				  isdsc_strerror(-err));
	for (size_t i = 0; i < n && status == ERROR_SUCCESS; i++) {
		if (strcmp(ids[i].target, req->target) ||
		    (portal && !same_portal(&ids[i], req->address, req->tcp_port)))
			continue;
		status = save_one(&ids[i], true, a, req, true, NULL, 0);
		done++;
	}
	free(ids);
	if (status != ERROR_SUCCESS || done)
		return status;
	if (!portal)
		return isdsc_fail(ISDSC_TARGET_NOT_FOUND, "%s has no node record (no static target "
				  "and no discovery found it): give TargetPortal", req->target);
	memset(&id, 0, sizeof(id));
	snprintf(id.target, sizeof(id.target), "%s", req->target);
	snprintf(id.address, sizeof(id.address), "%s", req->address);
	id.port = req->tcp_port;
	/* open-iscsi's "no portal group tag known": the target reports it at login. */
	id.tpgt = -1;
	strcpy(id.iface, "default");
	return save_one(&id, false, a, req, true, NULL, 0);
}

/* ---- ReportIScsiPersistentLoginsA/W ---- */

unsigned long long isdsc_rec_num(const struct iscsi_mcs_rec *rec, const char *key,
				 unsigned long long dflt)
{
	const char *v = iscsi_mcs_rec_get(rec, key);
	char *end;
	unsigned long long n;

	if (!v || !*v)
		return dflt;
	errno = 0;
	n = strtoull(v, &end, 10);
	return errno || *end ? dflt : n;
}

static ISCSI_DIGEST_TYPES digest_of(const char *v, bool *given)
{
	*given = v != NULL;
	/* The preferred (first) value. */
	return v && !strncasecmp(v, "CRC32C", 6) ? ISCSI_DIGEST_TYPE_CRC32C :
	       ISCSI_DIGEST_TYPE_NONE;
}

void isdsc_persist_options(const struct iscsi_mcs_rec *rec, ISCSI_LOGIN_OPTIONS *o)
{
	const char *auth = iscsi_mcs_rec_get(rec, "node.session.auth.authmethod");
	bool given;

	memset(o, 0, sizeof(*o));
	o->Version = ISCSI_LOGIN_OPTIONS_VERSION;
	o->LoginFlags = (ULONG)isdsc_rec_num(rec, KEY_FLAGS, 0);
	o->HeaderDigest = digest_of(iscsi_mcs_rec_get(rec, "node.conn[0].iscsi.HeaderDigest"),
				    &given);
	if (given)
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_HEADER_DIGEST;
	o->DataDigest = digest_of(iscsi_mcs_rec_get(rec, "node.conn[0].iscsi.DataDigest"),
				  &given);
	if (given)
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_DATA_DIGEST;
	if (iscsi_mcs_rec_get(rec, "node.session.iscsi.MaxConnections")) {
		o->MaximumConnections = (ULONG)isdsc_rec_num(rec,
							     "node.session.iscsi.MaxConnections", 1);
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS;
	}
	if (iscsi_mcs_rec_get(rec, "node.session.iscsi.DefaultTime2Wait")) {
		o->DefaultTime2Wait = (ULONG)isdsc_rec_num(rec,
							   "node.session.iscsi.DefaultTime2Wait", 2);
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT;
	}
	if (iscsi_mcs_rec_get(rec, "node.session.iscsi.DefaultTime2Retain")) {
		o->DefaultTime2Retain = (ULONG)isdsc_rec_num(rec,
							     "node.session.iscsi.DefaultTime2Retain", 20);
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN;
	}
	if (auth) {
		o->InformationSpecified |= ISCSI_LOGIN_OPTIONS_AUTH_TYPE;
		if (!strcasecmp(auth, "CHAP"))
			o->AuthType = iscsi_mcs_rec_get(rec, "node.session.auth.password_in") ?
				      ISCSI_MUTUAL_CHAP_AUTH_TYPE : ISCSI_CHAP_AUTH_TYPE;
	}
}

struct persistent {
	char target[MAX_ISCSI_NAME_LEN + 1];
	char instance[MAX_ISCSI_HBANAME_LEN];
	ULONG port;
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	USHORT socket;
	ISCSI_SECURITY_FLAGS security;
	ISCSI_LOGIN_OPTIONS options;
};

/* The records with node.startup = automatic, as persistent logins. */
static ISDSC_STATUS load_persistent(struct persistent **out, size_t *count)
{
	struct iscsi_mcs_node_id *ids = NULL;
	struct persistent *v;
	size_t n = 0;
	int err = iscsi_mcs_node_list(NULL, &ids, &n);

	*out = NULL;
	*count = 0;
	if (err)
		return isdsc_fail(ISDSC_NOT_FOUND, "cannot list the node records under %s: %s",
				  iscsi_mcs_nodedb_root(NULL), isdsc_strerror(-err));
	v = calloc(n ? n : 1, sizeof(*v));
	if (!v) {
		free(ids);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		struct iscsi_mcs_rec *rec = NULL;
		const char *startup, *inst;
		struct persistent *p = &v[*count];

		/* A record another tool is rewriting, or a broken one, is no login. */
		if (iscsi_mcs_node_read(NULL, &ids[i], &rec))
			continue;
		startup = iscsi_mcs_rec_get(rec, "node.startup");
		if (startup && !strcmp(startup, "automatic") &&
		    strlen(ids[i].target) < sizeof(p->target) &&
		    strlen(ids[i].address) < sizeof(p->address)) {
			strcpy(p->target, ids[i].target);
			strcpy(p->address, ids[i].address);
			p->socket = ids[i].port;
			inst = iscsi_mcs_rec_get(rec, KEY_INSTANCE);
			snprintf(p->instance, sizeof(p->instance), "%s", inst ? inst : "");
			p->port = (ULONG)isdsc_rec_num(rec, KEY_PORT, ISCSI_ANY_INITIATOR_PORT);
			p->security = isdsc_rec_num(rec, KEY_SECURITY, 0);
			isdsc_persist_options(rec, &p->options);
			(*count)++;
		}
		iscsi_mcs_rec_free(rec);
	}
	free(ids);
	*out = v;
	return ERROR_SUCCESS;
}

static ISDSC_STATUS report(ULONG *Count, void *info, PULONG size, bool w)
{
	size_t unit = w ? sizeof(PERSISTENT_ISCSI_LOGIN_INFOW) : sizeof(PERSISTENT_ISCSI_LOGIN_INFOA);
	struct persistent *v;
	size_t n, need;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!Count || !size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Count and BufferSizeInBytes are "
				  "required");
	status = load_persistent(&v, &n);
	if (status != ERROR_SUCCESS)
		return status;
	need = n * unit;
	*Count = (ULONG)n;
	if (*size < need || (n && !info)) {
		*size = (ULONG)need;
		free(v);
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "%zu persistent logins need %zu bytes",
				  n, need);
	}
	*size = (ULONG)need;
	for (size_t i = 0; i < n; i++) {
		if (w) {
			PERSISTENT_ISCSI_LOGIN_INFOW *p = (PERSISTENT_ISCSI_LOGIN_INFOW *)info + i;

			memset(p, 0, sizeof(*p));
			/* The names fit: their UTF-8 forms were checked against the same lengths. */
			if (isdsc_utf8_to_utf16(v[i].target, strlen(v[i].target), p->TargetName,
						ISDSC_ARRAY_SIZE(p->TargetName), NULL) ||
			    isdsc_utf8_to_utf16(v[i].instance, strlen(v[i].instance),
						p->InitiatorInstance,
						ISDSC_ARRAY_SIZE(p->InitiatorInstance), NULL) ||
			    isdsc_utf8_to_utf16(v[i].address, strlen(v[i].address),
						p->TargetPortal.Address,
						ISDSC_ARRAY_SIZE(p->TargetPortal.Address), NULL)) {
				free(v);
				return isdsc_fail(ERROR_INVALID_DATA, "the record of %s holds a "
						  "name that is not UTF-8", v[i].target);
			}
			p->InitiatorPortNumber = v[i].port;
			p->TargetPortal.Socket = v[i].socket;
			p->SecurityFlags = v[i].security;
			p->LoginOptions = v[i].options;
		} else {
			PERSISTENT_ISCSI_LOGIN_INFOA *p = (PERSISTENT_ISCSI_LOGIN_INFOA *)info + i;

			memset(p, 0, sizeof(*p));
			snprintf(p->TargetName, sizeof(p->TargetName), "%s", v[i].target);
			snprintf(p->InitiatorInstance, sizeof(p->InitiatorInstance), "%s",
				 v[i].instance);
			snprintf(p->TargetPortal.Address, sizeof(p->TargetPortal.Address), "%s",
				 v[i].address);
			p->InitiatorPortNumber = v[i].port;
			p->TargetPortal.Socket = v[i].socket;
			p->SecurityFlags = v[i].security;
			p->LoginOptions = v[i].options;
		}
	}
	free(v);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiPersistentLoginsA(ULONG *Count,
	PPERSISTENT_ISCSI_LOGIN_INFOA PersistentLoginInfo, PULONG BufferSizeInBytes)
{
	return report(Count, PersistentLoginInfo, BufferSizeInBytes, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiPersistentLoginsW(ULONG *Count,
	PPERSISTENT_ISCSI_LOGIN_INFOW PersistentLoginInfo, PULONG BufferSizeInBytes)
{
	return report(Count, PersistentLoginInfo, BufferSizeInBytes, true);
}

/* ---- RemoveIScsiPersistentTargetA/W ---- */

/*
 * The records stay (they are the static or discovered target); they only
 * stop being logged in at boot.
 */
static ISDSC_STATUS remove_persistent(const char *instance, ULONG port, const char *target,
				      const char *address, USHORT socket, bool have_portal)
{
	struct iscsi_mcs_node_id *ids = NULL;
	ISDSC_STATUS status = ERROR_SUCCESS;
	size_t n = 0, done = 0;
	int err;

	err = iscsi_mcs_node_list(NULL, &ids, &n);
	if (err)
		return isdsc_fail(ISDSC_COULD_NOT_REMOVE_PERSISTENT_LOGIN_DATA, "cannot list the "
				  "node records under %s: %s", iscsi_mcs_nodedb_root(NULL),
				  isdsc_strerror(-err));
	for (size_t i = 0; i < n && status == ERROR_SUCCESS; i++) {
		struct iscsi_mcs_rec *rec = NULL;
		const char *startup, *inst;

		if (strcmp(ids[i].target, target) ||
		    (have_portal && !same_portal(&ids[i], address, socket ? socket : 3260)) ||
		    iscsi_mcs_node_read(NULL, &ids[i], &rec))
			continue;
		startup = iscsi_mcs_rec_get(rec, "node.startup");
		inst = iscsi_mcs_rec_get(rec, KEY_INSTANCE);
		if (startup && !strcmp(startup, "automatic") &&
		    (!instance || !*instance || (inst && !strcmp(inst, instance))) &&
		    (port == ISCSI_ALL_INITIATOR_PORTS ||
		     isdsc_rec_num(rec, KEY_PORT, ISCSI_ANY_INITIATOR_PORT) == port)) {
			err = iscsi_mcs_rec_set(rec, "node.startup", "manual");
			if (!err)
				err = iscsi_mcs_node_write(NULL, rec);
			if (err)
				status = isdsc_fail(ISDSC_COULD_NOT_REMOVE_PERSISTENT_LOGIN_DATA,
						    "cannot rewrite the node record of %s: %s",
						    target, isdsc_strerror(-err));
			done++;
		}
		iscsi_mcs_rec_free(rec);
	}
	free(ids);
	if (status == ERROR_SUCCESS && !done)
		return isdsc_fail(ISDSC_NOT_FOUND, "no persistent login of %s matches", target);
	return status;
}

static bool portal_address_a(const ISCSI_TARGET_PORTALA *p, char *out, size_t size)
{
	size_t len = strnlen(p->Address, sizeof(p->Address));

	if (len == sizeof(p->Address) || len >= size)
		return false;
	memcpy(out, p->Address, len + 1);
	return true;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiPersistentTargetA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PSTR TargetName, PISCSI_TARGET_PORTALA Portal)
{
	char address[MAX_ISCSI_PORTAL_ADDRESS_LEN];

	isdsc_error_clear();
	if (!TargetName || !*TargetName || strnlen(TargetName, MAX_ISCSI_NAME_LEN + 1) >
	    MAX_ISCSI_NAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	if (InitiatorInstance && strnlen(InitiatorInstance, MAX_ISCSI_HBANAME_LEN) ==
	    MAX_ISCSI_HBANAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorInstance is too long");
	if (Portal && !portal_address_a(Portal, address, sizeof(address)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Portal->Address is not a string");
	return remove_persistent(InitiatorInstance, InitiatorPortNumber, TargetName,
				 Portal ? address : NULL, Portal ? Portal->Socket : 0,
				 Portal && address[0]);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiPersistentTargetW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PWSTR TargetName, PISCSI_TARGET_PORTALW Portal)
{
	char target[3 * MAX_ISCSI_NAME_LEN + 1], instance[3 * MAX_ISCSI_HBANAME_LEN + 1];
	char address[3 * MAX_ISCSI_PORTAL_ADDRESS_LEN + 1];
	size_t len;

	isdsc_error_clear();
	if (!TargetName || !*TargetName ||
	    (len = isdsc_utf16_nlen(TargetName, MAX_ISCSI_NAME_LEN + 1)) > MAX_ISCSI_NAME_LEN ||
	    isdsc_utf16_to_utf8(TargetName, len, target, sizeof(target), NULL))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	instance[0] = '\0';
	if (InitiatorInstance &&
	    ((len = isdsc_utf16_nlen(InitiatorInstance, MAX_ISCSI_HBANAME_LEN)) ==
	     MAX_ISCSI_HBANAME_LEN ||
	     isdsc_utf16_to_utf8(InitiatorInstance, len, instance, sizeof(instance), NULL)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorInstance is not a string "
				  "of fewer than %d characters", MAX_ISCSI_HBANAME_LEN);
	address[0] = '\0';
	if (Portal &&
	    ((len = isdsc_utf16_nlen(Portal->Address, MAX_ISCSI_PORTAL_ADDRESS_LEN)) ==
	     MAX_ISCSI_PORTAL_ADDRESS_LEN ||
	     isdsc_utf16_to_utf8(Portal->Address, len, address, sizeof(address), NULL)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Portal->Address is not a string");
	return remove_persistent(instance, InitiatorPortNumber, target, address,
				 Portal ? Portal->Socket : 0, Portal && address[0]);
}

/* ---- AddIScsiStaticTargetA/W, RemoveIScsiStaticTargetA/W ---- */

static bool is_static(const struct iscsi_mcs_node_id *id)
{
	struct iscsi_mcs_rec *rec = NULL;
	const char *type;
	bool yes;

	if (iscsi_mcs_node_read(NULL, id, &rec))
		return false;
	type = iscsi_mcs_rec_get(rec, "node.discovery_type");
	yes = type && !strcmp(type, "static");
	iscsi_mcs_rec_free(rec);
	return yes;
}

/* Deletes target's static records, except those at the portals of keep. */
static ISDSC_STATUS delete_static(const char *target, size_t *deleted)
{
	struct iscsi_mcs_node_id *ids = NULL;
	size_t n = 0;
	int err = iscsi_mcs_node_list(NULL, &ids, &n);

	*deleted = 0;
	if (err)
		return isdsc_fail(ERROR_INVALID_DATA, "cannot list the node records under %s: %s",
				  iscsi_mcs_nodedb_root(NULL), isdsc_strerror(-err));
	for (size_t i = 0; i < n && !err; i++) {
		if (strcmp(ids[i].target, target) || !is_static(&ids[i]))
			continue;
		err = iscsi_mcs_node_delete(NULL, &ids[i]);
		if (!err)
			(*deleted)++;
	}
	free(ids);
	if (err)
		return isdsc_fail(ERROR_ACCESS_DENIED, "cannot delete a node record of %s: %s",
				  target, isdsc_strerror(-err));
	return ERROR_SUCCESS;
}

struct static_args {
	const char *target;
	bool target_bad;
	const char *alias;
	bool alias_bad;
	ISCSI_TARGET_FLAGS flags;
	bool have_mappings;
	const ISCSI_LOGIN_OPTIONS *options;
	ULONG count;
	/* The portals, checked one by one through the login checks. */
	const void *portals;
	bool wide;
};

static ISDSC_STATUS add_static(const struct static_args *sa)
{
	struct isdsc_login_req *req;
	ISDSC_STATUS status;
	size_t deleted;

	if (sa->target_bad || !sa->target)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName is not a string of at most "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	if (sa->alias_bad)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetAlias is not a string of at most "
				  "%d characters", MAX_ISCSI_ALIAS_LEN);
	if (sa->flags & ~(ISCSI_TARGET_FLAGS)(ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET |
					       ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetFlags has unknown bits 0x%x",
				  (unsigned int)(sa->flags &
						 ~(ISCSI_TARGET_FLAGS)(ISCSI_TARGET_FLAG_HIDE_STATIC_TARGET |
						 ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION)));
	if (sa->have_mappings)
		return isdsc_fail(ERROR_NOT_SUPPORTED, "Mappings: choosing the bus, target and LUN "
				  "numbers of a target's devices is not supported");
	if (!sa->portals || !sa->count)
		return isdsc_fail(ISDSC_NO_PORTAL_SPECIFIED, "PortalGroup is NULL or empty: an "
				  "open-iscsi node record needs the address of a portal");
	req = calloc(1, sizeof(*req));
	if (!req)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	/* Every portal is checked before anything is written. */
	for (int pass = 0; pass < 2; pass++) {
		if (pass == 1 && !(sa->flags & ISCSI_TARGET_FLAG_MERGE_TARGET_INFORMATION)) {
			status = delete_static(sa->target, &deleted);
			if (status != ERROR_SUCCESS)
				goto out;
		}
		for (ULONG i = 0; i < sa->count; i++) {
			struct isdsc_login_args a = {
				.target = sa->target,
				.port = ISCSI_ANY_INITIATOR_PORT,
				.options = sa->options,
				.have_session_id = true,
				.have_connection_id = true,
			};
			struct iscsi_mcs_node_id id;

			if (sa->wide)
				isdsc_args_set_portalW(&a, (const ISCSI_TARGET_PORTALW *)sa->portals + i);
			else
				isdsc_args_set_portalA(&a, (const ISCSI_TARGET_PORTALA *)sa->portals + i);
			status = isdsc_login_check(&a, req);
			if (status != ERROR_SUCCESS) {
				isdsc_error_prefix("PortalGroup->Portals[%u]", (unsigned int)i);
				goto out;
			}
			if (pass == 0) {
				isdsc_login_req_wipe(req);
				continue;
			}
			memset(&id, 0, sizeof(id));
			snprintf(id.target, sizeof(id.target), "%s", req->target);
			snprintf(id.address, sizeof(id.address), "%s", req->address);
			id.port = req->tcp_port;
			id.tpgt = -1;
			strcpy(id.iface, "default");
			{
				struct iscsi_mcs_rec *old = NULL;
				bool exists = !iscsi_mcs_node_read(NULL, &id, &old);

				iscsi_mcs_rec_free(old);
				status = save_one(&id, exists, &a, req, false, sa->alias, sa->flags);
			}
			isdsc_login_req_wipe(req);
			if (status != ERROR_SUCCESS)
				goto out;
		}
	}
	status = ERROR_SUCCESS;
out:
	isdsc_login_req_wipe(req);
	free(req);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiStaticTargetA(PSTR TargetName, PSTR Alias,
	ISCSI_TARGET_FLAGS Flags, BOOLEAN Persist, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS Options, PISCSI_TARGET_PORTAL_GROUPA PortalGroup)
{
	struct static_args sa = {
		.target = TargetName,
		.alias = Alias,
		.alias_bad = Alias && strnlen(Alias, MAX_ISCSI_ALIAS_LEN + 1) >
			     MAX_ISCSI_ALIAS_LEN,
		.flags = Flags,
		.have_mappings = Mappings != NULL,
		.options = Options,
		.count = PortalGroup ? PortalGroup->Count : 0,
		.portals = PortalGroup ? PortalGroup->Portals : NULL,
	};

	/* Records of open-iscsi's database always persist; see AddIScsiStaticTarget(3). */
	(void)Persist;
	isdsc_error_clear();
	return add_static(&sa);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiStaticTargetW(PWSTR TargetName, PWSTR Alias,
	ISCSI_TARGET_FLAGS Flags, BOOLEAN Persist, PISCSI_TARGET_MAPPINGW Mappings,
	PISCSI_LOGIN_OPTIONS Options, PISCSI_TARGET_PORTAL_GROUPW PortalGroup)
{
	char target[3 * MAX_ISCSI_NAME_LEN + 1], alias[3 * MAX_ISCSI_ALIAS_LEN + 1];
	struct static_args sa = {
		.flags = Flags,
		.have_mappings = Mappings != NULL,
		.options = Options,
		.count = PortalGroup ? PortalGroup->Count : 0,
		.portals = PortalGroup ? PortalGroup->Portals : NULL,
		.wide = true,
	};

	(void)Persist;
	isdsc_error_clear();
	if (TargetName) {
		if (isdsc_login_convert_w(TargetName, MAX_ISCSI_NAME_LEN, target, sizeof(target)))
			sa.target = target;
		else
			sa.target_bad = true;
	}
	if (Alias) {
		if (isdsc_login_convert_w(Alias, MAX_ISCSI_ALIAS_LEN, alias, sizeof(alias)))
			sa.alias = alias;
		else
			sa.alias_bad = true;
	}
	return add_static(&sa);
}

static ISDSC_STATUS remove_static(const char *target)
{
	ISDSC_STATUS status;
	size_t deleted;

	status = delete_static(target, &deleted);
	if (status == ERROR_SUCCESS && !deleted)
		return isdsc_fail(ISDSC_TARGET_NOT_FOUND, "%s has no static node record", target);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiStaticTargetA(PSTR TargetName)
{
	isdsc_error_clear();
	if (!TargetName || !*TargetName ||
	    strnlen(TargetName, MAX_ISCSI_NAME_LEN + 1) > MAX_ISCSI_NAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	return remove_static(TargetName);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiStaticTargetW(PWSTR TargetName)
{
	char target[3 * MAX_ISCSI_NAME_LEN + 1];

	isdsc_error_clear();
	if (!TargetName || !*TargetName ||
	    !isdsc_login_convert_w(TargetName, MAX_ISCSI_NAME_LEN, target, sizeof(target)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	return remove_static(target);
}

/* ---- ReportIScsiInitiatorListA/W ---- */

static ISDSC_STATUS initiator_list(PULONG size, void *buf, bool w)
{
	struct isdsc_names names = { 0 };
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSize is NULL");
	if (!isdsc_names_add(&names, ISDSC_INITIATOR_INSTANCE))
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	if (!buf) {
		ULONG zero = 0;

		status = isdsc_multi_sz(&names, w, &zero, NULL);
		*size = zero;
	} else {
		status = isdsc_multi_sz(&names, w, size, buf);
	}
	isdsc_names_free(&names);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiInitiatorListA(PULONG BufferSize, PCHAR Buffer)
{
	return initiator_list(BufferSize, Buffer, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiInitiatorListW(PULONG BufferSize, PWCHAR Buffer)
{
	return initiator_list(BufferSize, Buffer, true);
}

/* ---- ReportIScsiTargetPortalsA/W ---- */

/*
 * The portals of the target's node records (each address and port once),
 * those of portal group *tag only when tag is given.
 */
static ISDSC_STATUS target_portals(const char *target, const USHORT *tag, PULONG count,
				   void *out, bool w)
{
	struct iscsi_mcs_node_id *ids = NULL;
	size_t n = 0, found = 0, have;
	int err;

	if (!count)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ElementCount is NULL");
	have = *count;
	err = iscsi_mcs_node_list(NULL, &ids, &n);
	if (err)
		return isdsc_fail(ERROR_INVALID_DATA, "cannot list the node records under %s: %s",
				  iscsi_mcs_nodedb_root(NULL), isdsc_strerror(-err));
	for (size_t i = 0; i < n; i++) {
		bool dup = false;

		if (strcmp(ids[i].target, target) || (tag && ids[i].tpgt != *tag))
			continue;
		for (size_t j = 0; j < i && !dup; j++)
			dup = !strcmp(ids[j].target, target) && (!tag || ids[j].tpgt == *tag) &&
			      same_portal(&ids[j], ids[i].address, ids[i].port);
		if (dup)
			continue;
		if (found < have && out) {
			if (w) {
				ISCSI_TARGET_PORTALW *p = (ISCSI_TARGET_PORTALW *)out + found;

				memset(p, 0, sizeof(*p));
				if (isdsc_utf8_to_utf16(ids[i].address, strlen(ids[i].address),
							p->Address, MAX_ISCSI_PORTAL_ADDRESS_LEN,
							NULL))
					continue;
				p->Socket = ids[i].port;
			} else {
				ISCSI_TARGET_PORTALA *p = (ISCSI_TARGET_PORTALA *)out + found;

				memset(p, 0, sizeof(*p));
				snprintf(p->Address, sizeof(p->Address), "%s", ids[i].address);
				p->Socket = ids[i].port;
			}
		}
		found++;
	}
	free(ids);
	*count = (ULONG)found;
	if (!found)
		return isdsc_fail(ISDSC_TARGET_NOT_FOUND, "no node record of %s%s", target,
				  tag ? " in that portal group" : "");
	if (found > have || !out)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "%zu portals; Portals has room for "
				  "%zu", found, out ? have : 0);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiTargetPortalsA(PSTR Initiator,
	PSTR TargetName, PUSHORT TargetPortalTag, PULONG ElementCount,
	PISCSI_TARGET_PORTALA Portals)
{
	isdsc_error_clear();
	if (Initiator && strnlen(Initiator, MAX_ISCSI_HBANAME_LEN) == MAX_ISCSI_HBANAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!TargetName || !*TargetName ||
	    strnlen(TargetName, MAX_ISCSI_NAME_LEN + 1) > MAX_ISCSI_NAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	return target_portals(TargetName, TargetPortalTag, ElementCount, Portals, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiTargetPortalsW(PWSTR Initiator,
	PWSTR TargetName, PUSHORT TargetPortalTag, PULONG ElementCount,
	PISCSI_TARGET_PORTALW Portals)
{
	char target[3 * MAX_ISCSI_NAME_LEN + 1];

	isdsc_error_clear();
	if (Initiator &&
	    isdsc_utf16_nlen(Initiator, MAX_ISCSI_HBANAME_LEN) == MAX_ISCSI_HBANAME_LEN)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorName is too long");
	if (!TargetName || !*TargetName ||
	    !isdsc_login_convert_w(TargetName, MAX_ISCSI_NAME_LEN, target, sizeof(target)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName must be a string of 1 to "
				  "%d characters", MAX_ISCSI_NAME_LEN);
	return target_portals(target, TargetPortalTag, ElementCount, Portals, true);
}
