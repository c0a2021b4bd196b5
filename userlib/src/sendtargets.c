// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Send-target portals: AddIScsiSendTargetPortalA/W,
 * RemoveIScsiSendTargetPortalA/W, RefreshIScsiSendTargetPortalA/W,
 * ReportIScsiSendTargetPortalsA/W, ReportIScsiSendTargetPortalsExA/W and
 * ReportIScsiTargetsA/W.
 *
 * Like Windows, adding a portal runs a SendTargets discovery there
 * (ISCSI_MCS_CMD_DISCOVER) and records the portal only if it succeeds;
 * the portal, the options it was added with and the target names it
 * reported are kept in the send-target file (stportals.h).
 * ReportIScsiTargets answers those names, after discovering again at every
 * portal when ForceUpdate is set.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "errmap.h"
#include "internal.h"
#include "login.h"
#include "mcs.h"
#include "sendtargets.h"
#include "stportals.h"
#include "utf16.h"

void isdsc_names_free(struct isdsc_names *names)
{
	free(names->names);
	names->names = NULL;
	names->n = 0;
}

bool isdsc_names_add(struct isdsc_names *names, const char *name)
{
	char (*grown)[ISCSI_MCS_NAME_MAX];

	for (size_t i = 0; i < names->n; i++)
		if (!strcmp(names->names[i], name))
			return true;
	grown = realloc(names->names, (names->n + 1) * sizeof(*names->names));
	if (!grown)
		return false;
	names->names = grown;
	snprintf(names->names[names->n++], sizeof(grown[0]), "%s", name);
	return true;
}

/* ---- DISCOVER ---- */

ISDSC_STATUS isdsc_discover_parse(struct nl_msg *reply, void *arg)
{
	static struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_TARGETS] = { .type = NLA_NESTED },
	};
	static struct nla_policy target_policy[ISCSI_MCS_TARGET_A_MAX + 1] = {
		[ISCSI_MCS_TARGET_A_NAME] = { .type = NLA_STRING, .maxlen = ISCSI_MCS_NAME_MAX },
		[ISCSI_MCS_TARGET_A_ALIAS] = { .type = NLA_STRING, .maxlen = ISCSI_MCS_ALIAS_MAX },
		[ISCSI_MCS_TARGET_A_PORTALS] = { .type = NLA_NESTED },
	};
	struct isdsc_names *names = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1], *t;
	int r, rem;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed DISCOVER answer: %s", nl_geterror(r));
	if (!tb[ISCSI_MCS_A_TARGETS])
		return isdsc_fail(ISDSC_DRIVER_BUG, "the DISCOVER answer lacks ISCSI_MCS_A_TARGETS");
	nla_for_each_nested(t, tb[ISCSI_MCS_A_TARGETS], rem) {
		struct nlattr *ta[ISCSI_MCS_TARGET_A_MAX + 1];
		const char *name;

		if (nla_type(t) != ISCSI_MCS_A_TARGET)
			continue;
		r = nla_parse_nested(ta, ISCSI_MCS_TARGET_A_MAX, t, target_policy);
		if (r < 0)
			return isdsc_fail(ISDSC_DRIVER_BUG, "malformed target in the DISCOVER "
					  "answer: %s", nl_geterror(r));
		if (!ta[ISCSI_MCS_TARGET_A_NAME])
			return isdsc_fail(ISDSC_DRIVER_BUG, "a target of the DISCOVER answer has "
					  "no name");
		name = nla_data(ta[ISCSI_MCS_TARGET_A_NAME]);
		if (!memchr(name, '\0', (size_t)nla_len(ta[ISCSI_MCS_TARGET_A_NAME])) || !name[0])
			return isdsc_fail(ISDSC_DRIVER_BUG, "a target name of the DISCOVER answer "
					  "is not a string");
		if (!isdsc_names_add(names, name))
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for the targets");
	}
	return ERROR_SUCCESS;
}

/* Prepares a checked request and discovers at its portal. */
static ISDSC_STATUS discover(struct isdsc_login_req *req, struct isdsc_names *out)
{
	ISDSC_STATUS status = isdsc_login_prepare(req);

	memset(out, 0, sizeof(*out));
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_DISCOVER, 0, "DISCOVER", isdsc_login_put, req,
				   isdsc_discover_parse, out, isdsc_status_from_discover_refusal);
	if (status != ERROR_SUCCESS) {
		isdsc_names_free(out);
		isdsc_error_prefix("SendTargets discovery at %s:%u", req->address,
				   (unsigned int)req->tcp_port);
	}
	return status;
}

/* ---- records ---- */

void isdsc_st_record(const struct isdsc_login_args *a, const struct isdsc_login_req *req,
		     struct isdsc_st_portal *p)
{
	const ISCSI_LOGIN_OPTIONS *o = a->options;

	memset(p, 0, sizeof(*p));
	snprintf(p->address, sizeof(p->address), "%s", req->address);
	p->socket = req->tcp_port;
	snprintf(p->symbolic, sizeof(p->symbolic), "%s", req->symbolic);
	snprintf(p->instance, sizeof(p->instance), "%s", req->instance);
	p->port = a->port;
	p->security_flags = a->security_flags;
	if (!o)
		return;
	p->have_options = true;
	p->info = o->InformationSpecified;
	p->flags = o->LoginFlags;
	p->auth = (ULONG)o->AuthType;
	p->header_digest = (ULONG)o->HeaderDigest;
	p->data_digest = (ULONG)o->DataDigest;
	p->max_connections = o->MaximumConnections;
	p->time2wait = o->DefaultTime2Wait;
	p->time2retain = o->DefaultTime2Retain;
	/* The checks passed: what is used fits, the rest is not kept. */
	if (req->chap_name_given) {
		p->user_len = strlen(req->chap_name);
		memcpy(p->user, req->chap_name, p->user_len);
	}
	if (req->auth != ISCSI_NO_AUTH_TYPE) {
		p->secret_len = req->chap_secret_len;
		memcpy(p->secret, req->chap_secret, p->secret_len);
	}
}

/* The arguments p was added with, to discover there again. */
static void args_of_record(const struct isdsc_st_portal *p, struct isdsc_login_args *a,
			   ISCSI_LOGIN_OPTIONS *o)
{
	memset(a, 0, sizeof(*a));
	a->instance = p->instance[0] ? p->instance : NULL;
	a->port = p->port;
	a->have_portal = true;
	a->address = p->address;
	a->symbolic = p->symbolic;
	a->socket = p->socket;
	a->security_flags = p->security_flags;
	if (!p->have_options)
		return;
	memset(o, 0, sizeof(*o));
	o->Version = ISCSI_LOGIN_OPTIONS_VERSION;
	o->InformationSpecified = p->info;
	o->LoginFlags = p->flags;
	o->AuthType = (ISCSI_AUTH_TYPES)p->auth;
	o->HeaderDigest = (ISCSI_DIGEST_TYPES)p->header_digest;
	o->DataDigest = (ISCSI_DIGEST_TYPES)p->data_digest;
	o->MaximumConnections = p->max_connections;
	o->DefaultTime2Wait = p->time2wait;
	o->DefaultTime2Retain = p->time2retain;
	o->UsernameLength = (ULONG)p->user_len;
	o->Username = p->user_len ? (PUCHAR)p->user : NULL;
	o->PasswordLength = (ULONG)p->secret_len;
	o->Password = p->secret_len ? (PUCHAR)p->secret : NULL;
	a->options = o;
}

static ISDSC_STATUS discover_record(const struct isdsc_st_portal *p, struct isdsc_names *out)
{
	struct isdsc_login_args *a = calloc(1, sizeof(*a));
	struct isdsc_login_req *req = calloc(1, sizeof(*req));
	ISCSI_LOGIN_OPTIONS o;
	ISDSC_STATUS status;

	memset(out, 0, sizeof(*out));
	if (!a || !req) {
		free(a);
		free(req);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	args_of_record(p, a, &o);
	status = isdsc_send_target_check(a, req);
	if (status != ERROR_SUCCESS)
		isdsc_error_prefix("%s: the recorded portal %s:%u", isdsc_st_path(), p->address,
				   (unsigned int)p->socket);
	else
		status = discover(req, out);
	isdsc_login_req_wipe(req);
	explicit_bzero(&o, sizeof(o));
	free(req);
	free(a);
	return status;
}

/*
 * Under the lock, reloads the file and sets the targets of the portal at
 * address and socket (if it is still listed) to names; with add, records
 * rec (replacing a record of the same portal) first.
 */
static ISDSC_STATUS store_targets(const struct isdsc_st_portal *add, const char *address,
				  uint16_t socket, const struct isdsc_names *names)
{
	struct isdsc_st_list list;
	struct stat st;
	bool exists;
	ISDSC_STATUS status;
	int lock = isdsc_st_lock();
	long i;

	status = isdsc_st_load(&list, &st, &exists);
	if (status != ERROR_SUCCESS)
		goto out;
	i = isdsc_st_find(&list, address, socket);
	if (add) {
		if (i >= 0)
			isdsc_st_remove(&list, (size_t)i);
		if (!isdsc_st_append(&list, add)) {
			status = isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
			goto out_free;
		}
		i = (long)list.n - 1;
	}
	if (i >= 0 && !isdsc_st_set_targets(&list.p[i],
					    (const char (*)[ISCSI_MCS_NAME_MAX])names->names,
					    names->n)) {
		status = isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
		goto out_free;
	}
	status = isdsc_st_save(&list, exists ? &st : NULL);
out_free:
	isdsc_st_free(&list);
out:
	isdsc_st_unlock(lock);
	return status;
}

/* ---- AddIScsiSendTargetPortalA/W ---- */

static ISDSC_STATUS add_portal(const struct isdsc_login_args *a)
{
	struct isdsc_login_req *req = calloc(1, sizeof(*req));
	struct isdsc_st_portal *rec = calloc(1, sizeof(*rec));
	struct isdsc_names names = { 0 };
	ISDSC_STATUS status;

	if (!req || !rec) {
		free(req);
		free(rec);
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	}
	status = isdsc_send_target_check(a, req);
	if (status == ERROR_SUCCESS)
		status = discover(req, &names);
	if (status == ERROR_SUCCESS) {
		isdsc_st_record(a, req, rec);
		status = store_targets(rec, rec->address, rec->socket, &names);
	}
	isdsc_login_req_wipe(req);
	explicit_bzero(rec, sizeof(*rec));
	isdsc_names_free(&names);
	free(req);
	free(rec);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_LOGIN_OPTIONS Options,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_PORTALA Portal)
{
	struct isdsc_login_args a = {
		.instance = InitiatorInstance,
		.port = InitiatorPortNumber,
		.options = Options,
		.security_flags = SecurityFlags,
	};

	isdsc_error_clear();
	isdsc_args_set_portalA(&a, Portal);
	return add_portal(&a);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_LOGIN_OPTIONS Options,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_PORTALW Portal)
{
	char instance[3 * MAX_ISCSI_HBANAME_LEN + 1];
	struct isdsc_login_args a = {
		.port = InitiatorPortNumber,
		.options = Options,
		.security_flags = SecurityFlags,
	};

	isdsc_error_clear();
	isdsc_args_set_instanceW(&a, InitiatorInstance, instance, sizeof(instance));
	isdsc_args_set_portalW(&a, Portal);
	return add_portal(&a);
}

/* ---- RemoveIScsiSendTargetPortalA/W, RefreshIScsiSendTargetPortalA/W ---- */

/*
 * The recorded portal the arguments name: address and socket match, and
 * so do InitiatorInstance and InitiatorPortNumber when they name one.
 */
static long find_portal(const struct isdsc_st_list *list, const struct isdsc_login_req *req,
			ULONG port)
{
	long i = isdsc_st_find(list, req->address, req->tcp_port);

	if (i < 0)
		return -1;
	if (req->instance[0] && strcmp(req->instance, list->p[i].instance))
		return -1;
	if (port != ISCSI_ANY_INITIATOR_PORT && port != list->p[i].port)
		return -1;
	return i;
}

static ISDSC_STATUS not_found(const struct isdsc_login_req *req)
{
	return isdsc_fail(ISDSC_PORTAL_NOT_FOUND, "%s:%u is not a send-target portal%s%s "
			  "(AddIScsiSendTargetPortal adds one)", req->address,
			  (unsigned int)req->tcp_port, req->instance[0] ? " of initiator " : "",
			  req->instance);
}

static ISDSC_STATUS remove_portal(const struct isdsc_login_args *a)
{
	struct isdsc_login_req *req = calloc(1, sizeof(*req));
	struct isdsc_st_list list;
	struct stat st;
	bool exists;
	ISDSC_STATUS status;
	int lock;
	long i;

	if (!req)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	status = isdsc_portal_id_check(a, req);
	if (status != ERROR_SUCCESS) {
		free(req);
		return status;
	}
	lock = isdsc_st_lock();
	status = isdsc_st_load(&list, &st, &exists);
	if (status == ERROR_SUCCESS) {
		i = find_portal(&list, req, a->port);
		if (i < 0) {
			status = not_found(req);
		} else {
			isdsc_st_remove(&list, (size_t)i);
			status = isdsc_st_save(&list, &st);
		}
		isdsc_st_free(&list);
	}
	isdsc_st_unlock(lock);
	free(req);
	return status;
}

static ISDSC_STATUS refresh_portal(const struct isdsc_login_args *a)
{
	struct isdsc_login_req *req = calloc(1, sizeof(*req));
	struct isdsc_names names = { 0 };
	struct isdsc_st_list list = { 0 };
	ISDSC_STATUS status;
	long i = -1;

	if (!req)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	status = isdsc_portal_id_check(a, req);
	if (status == ERROR_SUCCESS)
		status = isdsc_st_load(&list, NULL, NULL);
	if (status == ERROR_SUCCESS) {
		i = find_portal(&list, req, a->port);
		if (i < 0)
			status = not_found(req);
	}
	if (status == ERROR_SUCCESS)
		status = discover_record(&list.p[i], &names);
	if (status == ERROR_SUCCESS)
		status = store_targets(NULL, list.p[i].address, list.p[i].socket, &names);
	isdsc_names_free(&names);
	isdsc_st_free(&list);
	free(req);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA Portal)
{
	struct isdsc_login_args a = { .instance = InitiatorInstance, .port = InitiatorPortNumber };

	isdsc_error_clear();
	isdsc_args_set_portalA(&a, Portal);
	return remove_portal(&a);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemoveIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW Portal)
{
	char instance[3 * MAX_ISCSI_HBANAME_LEN + 1];
	struct isdsc_login_args a = { .port = InitiatorPortNumber };

	isdsc_error_clear();
	isdsc_args_set_instanceW(&a, InitiatorInstance, instance, sizeof(instance));
	isdsc_args_set_portalW(&a, Portal);
	return remove_portal(&a);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RefreshIScsiSendTargetPortalA(PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA Portal)
{
	struct isdsc_login_args a = { .instance = InitiatorInstance, .port = InitiatorPortNumber };

	isdsc_error_clear();
	isdsc_args_set_portalA(&a, Portal);
	return refresh_portal(&a);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RefreshIScsiSendTargetPortalW(PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW Portal)
{
	char instance[3 * MAX_ISCSI_HBANAME_LEN + 1];
	struct isdsc_login_args a = { .port = InitiatorPortNumber };

	isdsc_error_clear();
	isdsc_args_set_instanceW(&a, InitiatorInstance, instance, sizeof(instance));
	isdsc_args_set_portalW(&a, Portal);
	return refresh_portal(&a);
}

/* ---- ReportIScsiSendTargetPortals(Ex)A/W ---- */

static void wide(const char *s, WCHAR *out, size_t units)
{
	if (isdsc_utf8_to_utf16(s, strlen(s), out, units, NULL) != 0)
		out[0] = 0;
}

#define FILL_INFO(o, p, put) do {						\
	put((p)->instance, (o)->InitiatorName);					\
	(o)->InitiatorPortNumber = (p)->port;					\
	put((p)->symbolic, (o)->SymbolicName);					\
	put((p)->address, (o)->Address);					\
	(o)->Socket = (p)->socket;						\
} while (0)
#define PUT_A(s, arr) snprintf(arr, sizeof(arr), "%s", s)
#define PUT_W(s, arr) wide(s, arr, ISDSC_ARRAY_SIZE(arr))

ISDSC_STATUS isdsc_st_report(const struct isdsc_st_list *list, bool w, ULONG *count, void *out)
{
	ULONG have = *count;

	*count = (ULONG)list->n;
	if (have < list->n)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "there are %zu send-target portals; "
				  "PortalInfo holds %u", list->n, (unsigned int)have);
	for (size_t i = 0; i < list->n; i++) {
		if (w) {
			ISCSI_TARGET_PORTAL_INFOW *o = (ISCSI_TARGET_PORTAL_INFOW *)out + i;

			memset(o, 0, sizeof(*o));
			FILL_INFO(o, &list->p[i], PUT_W);
		} else {
			ISCSI_TARGET_PORTAL_INFOA *o = (ISCSI_TARGET_PORTAL_INFOA *)out + i;

			memset(o, 0, sizeof(*o));
			FILL_INFO(o, &list->p[i], PUT_A);
		}
	}
	return ERROR_SUCCESS;
}

static void fill_options(const struct isdsc_st_portal *p, ISCSI_LOGIN_OPTIONS *o, uint8_t *user)
{
	memset(o, 0, sizeof(*o));
	o->Version = ISCSI_LOGIN_OPTIONS_VERSION;
	if (!p->have_options)
		return;
	/* The secret is never reported. */
	o->InformationSpecified = p->info & ~(ULONG)ISCSI_LOGIN_OPTIONS_PASSWORD;
	o->LoginFlags = p->flags;
	o->AuthType = (ISCSI_AUTH_TYPES)p->auth;
	o->HeaderDigest = (ISCSI_DIGEST_TYPES)p->header_digest;
	o->DataDigest = (ISCSI_DIGEST_TYPES)p->data_digest;
	o->MaximumConnections = p->max_connections;
	o->DefaultTime2Wait = p->time2wait;
	o->DefaultTime2Retain = p->time2retain;
	if (p->user_len) {
		memcpy(user, p->user, p->user_len);
		o->Username = user;
		o->UsernameLength = (ULONG)p->user_len;
	}
}

ISDSC_STATUS isdsc_st_report_ex(const struct isdsc_st_list *list, bool w, ULONG *count,
				ULONG *size, void *out)
{
	size_t elem = w ? sizeof(ISCSI_TARGET_PORTAL_INFO_EXW) : sizeof(ISCSI_TARGET_PORTAL_INFO_EXA);
	size_t need = list->n * elem, have = *size;
	uint8_t *strings;

	for (size_t i = 0; i < list->n; i++)
		need += list->p[i].user_len;
	*count = (ULONG)list->n;
	if (need > UINT32_MAX)
		return isdsc_fail(ERROR_INVALID_DATA, "the send-target portals need more than "
				  "4 GiB");
	*size = (ULONG)need;
	if (have < need)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the %zu send-target portals need %zu "
				  "bytes; PortalInfo has %zu", list->n, need, have);
	strings = (uint8_t *)out + list->n * elem;
	for (size_t i = 0; i < list->n; i++) {
		const struct isdsc_st_portal *p = &list->p[i];

		if (w) {
			ISCSI_TARGET_PORTAL_INFO_EXW *o = (ISCSI_TARGET_PORTAL_INFO_EXW *)out + i;

			memset(o, 0, sizeof(*o));
			FILL_INFO(o, p, PUT_W);
			o->SecurityFlags = p->security_flags;
			fill_options(p, &o->LoginOptions, strings);
		} else {
			ISCSI_TARGET_PORTAL_INFO_EXA *o = (ISCSI_TARGET_PORTAL_INFO_EXA *)out + i;

			memset(o, 0, sizeof(*o));
			FILL_INFO(o, p, PUT_A);
			o->SecurityFlags = p->security_flags;
			fill_options(p, &o->LoginOptions, strings);
		}
		strings += p->user_len;
	}
	return ERROR_SUCCESS;
}

static ISDSC_STATUS report_portals(ULONG *count, void *out, bool w)
{
	struct isdsc_st_list list;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!count)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalCount is NULL");
	if (*count && !out)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalInfo is NULL but *PortalCount "
				  "is %u", (unsigned int)*count);
	status = isdsc_st_load(&list, NULL, NULL);
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_st_report(&list, w, count, out);
	isdsc_st_free(&list);
	return status;
}

static ISDSC_STATUS report_portals_ex(ULONG *count, ULONG *size, void *out, bool w)
{
	struct isdsc_st_list list;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!count)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalCount is NULL");
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalInfoSize is NULL");
	if (*size && !out)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalInfo is NULL but *PortalInfoSize "
				  "is %u", (unsigned int)*size);
	if (out && (uintptr_t)out % _Alignof(ISCSI_TARGET_PORTAL_INFO_EXA))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PortalInfo is not aligned for "
				  "ISCSI_TARGET_PORTAL_INFO_EX");
	status = isdsc_st_load(&list, NULL, NULL);
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_st_report_ex(&list, w, count, size, out);
	isdsc_st_free(&list);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsA(PULONG PortalCount,
	PISCSI_TARGET_PORTAL_INFOA PortalInfo)
{
	return report_portals(PortalCount, PortalInfo, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsW(PULONG PortalCount,
	PISCSI_TARGET_PORTAL_INFOW PortalInfo)
{
	return report_portals(PortalCount, PortalInfo, true);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsExA(PULONG PortalCount,
	PULONG PortalInfoSize, PISCSI_TARGET_PORTAL_INFO_EXA PortalInfo)
{
	return report_portals_ex(PortalCount, PortalInfoSize, PortalInfo, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiSendTargetPortalsExW(PULONG PortalCount,
	PULONG PortalInfoSize, PISCSI_TARGET_PORTAL_INFO_EXW PortalInfo)
{
	return report_portals_ex(PortalCount, PortalInfoSize, PortalInfo, true);
}

/* ---- ReportIScsiTargetsA/W ---- */

ISDSC_STATUS isdsc_multi_sz(const struct isdsc_names *names, bool w, ULONG *size, void *out)
{
	size_t need = 1, have = *size;	/* the final NUL */

	for (size_t i = 0; i < names->n; i++) {
		size_t n = strlen(names->names[i]) + 1;

		if (w && isdsc_utf8_to_utf16(names->names[i], n - 1, NULL, 0, &n) == -EILSEQ)
			return isdsc_fail(ISDSC_DRIVER_BUG, "target name \"%s\" is not UTF-8",
					  names->names[i]);
		need += n;
	}
	if (need > UINT32_MAX)
		return isdsc_fail(ERROR_INVALID_DATA, "the target list is too long");
	*size = (ULONG)need;
	if (have < need)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the %zu target names need %zu "
				  "characters; Buffer has %zu", names->n, need, have);
	if (w) {
		WCHAR *p = out;

		for (size_t i = 0; i < names->n; i++) {
			size_t n;

			isdsc_utf8_to_utf16(names->names[i], strlen(names->names[i]), p, need, &n);
			p += n;
			need -= n;
		}
		*p = 0;
	} else {
		char *p = out;

		for (size_t i = 0; i < names->n; i++) {
			size_t n = strlen(names->names[i]) + 1;

			memcpy(p, names->names[i], n);
			p += n;
		}
		*p = '\0';
	}
	return ERROR_SUCCESS;
}

/*
 * Discovers at every recorded portal and records what each reported. A
 * portal that cannot be reached keeps the targets it reported last; the
 * call fails only when every portal failed, with the first failure.
 */
static ISDSC_STATUS update_all(void)
{
	struct isdsc_st_list list;
	ISDSC_STATUS status, first = ERROR_SUCCESS;
	char first_text[ISDSC_ERROR_TEXT_MAX] = "";
	size_t ok = 0;

	status = isdsc_st_load(&list, NULL, NULL);
	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < list.n; i++) {
		struct isdsc_names names;

		status = discover_record(&list.p[i], &names);
		if (status == ERROR_SUCCESS) {
			status = store_targets(NULL, list.p[i].address, list.p[i].socket, &names);
			isdsc_names_free(&names);
		}
		if (status == ERROR_SUCCESS) {
			ok++;
		} else if (first == ERROR_SUCCESS) {
			first = status;
			snprintf(first_text, sizeof(first_text), "%s", isdsc_error_text());
		}
	}
	status = list.n && !ok ? isdsc_fail(first, "%s", first_text) : ERROR_SUCCESS;
	if (status == ERROR_SUCCESS)
		isdsc_error_clear();
	isdsc_st_free(&list);
	return status;
}

static ISDSC_STATUS report_targets(BOOLEAN force, ULONG *size, void *out, bool w)
{
	struct isdsc_st_list list;
	struct isdsc_names names = { 0 };
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSize is NULL");
	if (*size && !out)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Buffer is NULL but *BufferSize is %u",
				  (unsigned int)*size);
	if (force) {
		status = update_all();
		if (status != ERROR_SUCCESS)
			return status;
	}
	status = isdsc_st_load(&list, NULL, NULL);
	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < list.n && status == ERROR_SUCCESS; i++)
		for (size_t j = 0; j < list.p[i].n_targets && status == ERROR_SUCCESS; j++)
			if (!isdsc_names_add(&names, list.p[i].targets[j]))
				status = isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	if (status == ERROR_SUCCESS)
		status = isdsc_multi_sz(&names, w, size, out);
	isdsc_names_free(&names);
	isdsc_st_free(&list);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiTargetsA(BOOLEAN ForceUpdate,
	PULONG BufferSize, PCHAR Buffer)
{
	return report_targets(ForceUpdate, BufferSize, Buffer, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportIScsiTargetsW(BOOLEAN ForceUpdate,
	PULONG BufferSize, PWCHAR Buffer)
{
	return report_targets(ForceUpdate, BufferSize, Buffer, true);
}
