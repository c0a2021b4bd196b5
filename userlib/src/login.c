// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * LoginIScsiTargetA/W: a Normal session through ISCSI_MCS_CMD_LOGIN; the
 * extension IScsiMcsLoginIScsiTarget, which adds an ErrorRecoveryLevel and
 * a load-balance policy; and the checks and request AddIScsiConnectionA/W
 * (conn.c) share with them.
 *
 * The arguments are checked in the order below, each failure with the
 * code Microsoft documents or the nearest the SDK has, before anything is
 * read from a file or sent to the kernel. Only then are the initiator port,
 * the portal's host name, the mutual CHAP secret and the initiator node
 * name looked up, and, unless multipathing was asked for, the existing
 * sessions checked for one to the same target.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "config.h"
#include "errmap.h"
#include "iname.h"
#include "internal.h"
#include "login.h"
#include "persist.h"
#include "mcs.h"
#include "utf16.h"

#define DEFAULT_ISCSI_PORT	3260

/* SDK limits of ISCSI_LOGIN_OPTIONS members; RFC 7143 for the times. */
#define MAX_CONNECTIONS_MAX	65535
#define TIME2_MAX		3600
/* RFC 7143 section 13.20. */
#define ERL_MAX			2
#define CHAP_NAME_MAX		255

#define SECURITY_IPSEC_BITS	(ISCSI_SECURITY_FLAG_IKE_IPSEC_ENABLED |	\
				 ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED |	\
				 ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED |	\
				 ISCSI_SECURITY_FLAG_PFS_ENABLED |		\
				 ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED |	\
				 ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED)
#define SECURITY_KNOWN_BITS	(ISCSI_SECURITY_FLAG_VALID | SECURITY_IPSEC_BITS)

#define INFO_KNOWN_BITS		(ISCSI_LOGIN_OPTIONS_HEADER_DIGEST |		\
				 ISCSI_LOGIN_OPTIONS_DATA_DIGEST |		\
				 ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS |	\
				 ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT |	\
				 ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN |	\
				 ISCSI_LOGIN_OPTIONS_USERNAME |			\
				 ISCSI_LOGIN_OPTIONS_PASSWORD |			\
				 ISCSI_LOGIN_OPTIONS_AUTH_TYPE)

#define FLAG_KNOWN_BITS		(ISCSI_LOGIN_FLAG_REQUIRE_IPSEC |		\
				 ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED |		\
				 ISCSI_LOGIN_FLAG_RESERVED1 |			\
				 ISCSI_LOGIN_FLAG_ALLOW_PORTAL_HOPPING |	\
				 ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE |		\
				 ISCSI_LOGIN_FLAG_USE_RADIUS_VERIFICATION)

void isdsc_login_req_wipe(struct isdsc_login_req *req)
{
	explicit_bzero(req->chap_secret, sizeof(req->chap_secret));
	explicit_bzero(req->mutual_secret, sizeof(req->mutual_secret));
	req->chap_secret_len = req->mutual_secret_len = 0;
}

/* A W string argument in UTF-8; false if it is not valid or too long. */
bool isdsc_login_convert_w(const WCHAR *s, size_t max_units, char *out, size_t out_size)
{
	size_t len = isdsc_utf16_nlen(s, max_units + 1);

	if (len > max_units)
		return false;
	return isdsc_utf16_to_utf8(s, len, out, out_size, NULL) == 0;
}

/* A string that must end within its array of size bytes, else NULL and *bad. */
static const char *array_string(const char *s, size_t size, bool *bad)
{
	if (memchr(s, '\0', size))
		return s;
	*bad = true;
	return NULL;
}

/*
 * A W string that must end within its array of units units and fit the A
 * form's array of as many bytes once in UTF-8; else NULL and *bad.
 */
static const char *array_string_w(const WCHAR *s, size_t units, char *buf, size_t size,
				  bool *bad)
{
	if (isdsc_login_convert_w(s, units - 1, buf, size) && strlen(buf) < units)
		return buf;
	*bad = true;
	return NULL;
}

void isdsc_args_set_portalA(struct isdsc_login_args *a, const ISCSI_TARGET_PORTALA *p)
{
	a->have_portal = p != NULL;
	if (!p)
		return;
	a->address = array_string(p->Address, sizeof(p->Address), &a->address_bad);
	a->symbolic = array_string(p->SymbolicName, sizeof(p->SymbolicName), &a->symbolic_bad);
	a->socket = p->Socket;
}

void isdsc_args_set_portalW(struct isdsc_login_args *a, const ISCSI_TARGET_PORTALW *p)
{
	a->have_portal = p != NULL;
	if (!p)
		return;
	a->address = array_string_w(p->Address, MAX_ISCSI_PORTAL_ADDRESS_LEN, a->address_buf,
				    sizeof(a->address_buf), &a->address_bad);
	a->symbolic = array_string_w(p->SymbolicName, MAX_ISCSI_PORTAL_NAME_LEN, a->symbolic_buf,
				     sizeof(a->symbolic_buf), &a->symbolic_bad);
	a->socket = p->Socket;
}

void isdsc_args_set_instanceW(struct isdsc_login_args *a, const WCHAR *instance, char *buf,
			      size_t size)
{
	if (!instance)
		return;
	if (isdsc_login_convert_w(instance, MAX_ISCSI_HBANAME_LEN - 1, buf, size))
		a->instance = buf;
	else
		a->instance_bad = true;
}

/* ---- checks that need nothing but the arguments ---- */

static ISDSC_STATUS check_target(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	const char *why;

	if (a->target_bad)
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "TargetName is not a valid iSCSI "
				  "name: it is not valid UTF-16 or longer than %d characters",
				  MAX_ISCSI_NAME_LEN);
	if (!a->target)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetName is NULL");
	why = isdsc_iscsi_name_check(a->target);
	if (why) {
		if (strnlen(a->target, MAX_ISCSI_NAME_LEN + 1) > MAX_ISCSI_NAME_LEN)
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "TargetName is not a valid "
					  "iSCSI name: %s", why);
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "TargetName \"%s\" is not a valid "
				  "iSCSI name: %s", a->target, why);
	}
	strcpy(req->target, a->target);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_instance(const struct isdsc_login_args *a)
{
	bool given = a->instance && a->instance[0];

	if (a->instance_bad || (a->instance &&
				strnlen(a->instance, MAX_ISCSI_HBANAME_LEN) == MAX_ISCSI_HBANAME_LEN))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorInstance is not a string "
				  "of fewer than %d characters", MAX_ISCSI_HBANAME_LEN);
	/* Microsoft: "If InitiatorName is null, InitiatorPortNumber must be ISCSI_ANY_INITIATOR_PORT." */
	if (!given && a->port != ISCSI_ANY_INITIATOR_PORT)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorPortNumber %u needs an "
				  "InitiatorInstance: without one it must be ISCSI_ANY_INITIATOR_PORT",
				  (unsigned int)a->port);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_security_flags(ISCSI_SECURITY_FLAGS f)
{
	/* Without ISCSI_SECURITY_FLAG_VALID the other bits mean nothing: defaults. */
	if (!(f & ISCSI_SECURITY_FLAG_VALID))
		return ERROR_SUCCESS;
	if (f & ~(ISCSI_SECURITY_FLAGS)SECURITY_KNOWN_BITS)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SecurityFlags has unknown bits "
				  "0x%llx", (unsigned long long)(f & ~(ISCSI_SECURITY_FLAGS)
								 SECURITY_KNOWN_BITS));
	if ((f & ISCSI_SECURITY_FLAG_TUNNEL_MODE_PREFERRED) &&
	    (f & ISCSI_SECURITY_FLAG_TRANSPORT_MODE_PREFERRED))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SecurityFlags asks for both IPsec "
				  "tunnel and transport mode");
	if ((f & ISCSI_SECURITY_FLAG_MAIN_MODE_ENABLED) &&
	    (f & ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SecurityFlags asks for both IKE main "
				  "and aggressive mode");
	if (f & ISCSI_SECURITY_FLAG_AGGRESSIVE_MODE_ENABLED)
		return isdsc_fail(ERROR_NOT_SUPPORTED, "IKE aggressive mode is not supported "
				  "(nor by Microsoft's initiator)");
	if (f & SECURITY_IPSEC_BITS)
		return isdsc_fail(ISDSC_IPSEC_NOT_SUPPORTED_ON_OS, "SecurityFlags 0x%llx asks for "
				  "IPsec, which the iscsi_mcs initiator does not configure",
				  (unsigned long long)f);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_key(const struct isdsc_login_args *a)
{
	if (a->key_size && !a->key)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Key is NULL but KeySize is %u",
				  (unsigned int)a->key_size);
	if (a->key || a->key_size)
		return isdsc_fail(ISDSC_IPSEC_NOT_SUPPORTED_ON_OS, "Key is an IPsec preshared "
				  "key, and the iscsi_mcs initiator does not configure IPsec");
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_digest(ISCSI_DIGEST_TYPES d, const char *member, uint8_t *out)
{
	/* Exactly what was asked for: the target may not pick the other. */
	if (d == ISCSI_DIGEST_TYPE_NONE)
		*out = ISCSI_MCS_DIGEST_NONE;
	else if (d == ISCSI_DIGEST_TYPE_CRC32C)
		*out = ISCSI_MCS_DIGEST_CRC32C;
	else
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->%s is %d, neither "
				  "ISCSI_DIGEST_TYPE_NONE nor ISCSI_DIGEST_TYPE_CRC32C", member,
				  (int)d);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_flags(ISCSI_LOGIN_FLAGS f, struct isdsc_login_req *req)
{
	if (f & ~(ISCSI_LOGIN_FLAGS)FLAG_KNOWN_BITS)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->LoginFlags has unknown "
				  "bits 0x%x", (unsigned int)(f & ~(ISCSI_LOGIN_FLAGS)FLAG_KNOWN_BITS));
	if (f & ISCSI_LOGIN_FLAG_RESERVED1)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->LoginFlags has "
				  "ISCSI_LOGIN_FLAG_RESERVED1, which is reserved");
	if (f & ISCSI_LOGIN_FLAG_REQUIRE_IPSEC)
		return isdsc_fail(ISDSC_IPSEC_NOT_SUPPORTED_ON_OS, "ISCSI_LOGIN_FLAG_REQUIRE_IPSEC: "
				  "the iscsi_mcs initiator does not configure IPsec");
	if (f & (ISCSI_LOGIN_FLAG_USE_RADIUS_RESPONSE | ISCSI_LOGIN_FLAG_USE_RADIUS_VERIFICATION |
		 ISCSI_LOGIN_FLAG_ALLOW_PORTAL_HOPPING))
		return isdsc_fail(ERROR_NOT_SUPPORTED, "LoginOptions->LoginFlags 0x%x asks for "
				  "RADIUS, which the iscsi_mcs initiator does not use",
				  (unsigned int)f);
	req->multipath = f & ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED;
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_credentials(const ISCSI_LOGIN_OPTIONS *o, struct isdsc_login_req *req)
{
	bool user = (o->InformationSpecified & ISCSI_LOGIN_OPTIONS_USERNAME) && o->UsernameLength;
	bool pass = (o->InformationSpecified & ISCSI_LOGIN_OPTIONS_PASSWORD) && o->PasswordLength;

	if (user && !o->Username)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->Username is NULL but "
				  "UsernameLength is %u", (unsigned int)o->UsernameLength);
	if (pass && !o->Password)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->Password is NULL but "
				  "PasswordLength is %u", (unsigned int)o->PasswordLength);
	if (req->auth == ISCSI_NO_AUTH_TYPE) {
		if (user || pass)
			return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions gives a %s but the "
					  "authentication type is ISCSI_NO_AUTH_TYPE (set "
					  "ISCSI_LOGIN_OPTIONS_AUTH_TYPE)",
					  user ? "Username" : "Password");
		return ERROR_SUCCESS;
	}

	if (user) {
		if (o->UsernameLength > CHAP_NAME_MAX)
			return isdsc_fail(ISDSC_INVALID_CHAP_USER_NAME, "LoginOptions->Username is "
					  "%u bytes: CHAP names are at most %d",
					  (unsigned int)o->UsernameLength, CHAP_NAME_MAX);
		for (ULONG i = 0; i < o->UsernameLength; i++)
			if (o->Username[i] < 0x20 || o->Username[i] == 0x7f)
				return isdsc_fail(ISDSC_INVALID_CHAP_USER_NAME, "LoginOptions->"
						  "Username has control character 0x%02x at byte %u",
						  o->Username[i], (unsigned int)i);
		memcpy(req->chap_name, o->Username, o->UsernameLength);
		req->chap_name[o->UsernameLength] = '\0';
		req->chap_name_given = true;
	}
	/* In Windows' words the Password is "the target CHAP secret". */
	if (!pass)
		return isdsc_fail(ISDSC_TARGET_AUTHINFO_UNAVAILABLE, "CHAP needs the target CHAP "
				  "secret: set ISCSI_LOGIN_OPTIONS_PASSWORD and LoginOptions->Password");
	if (o->PasswordLength < ISDSC_CHAP_SECRET_MIN || o->PasswordLength > ISDSC_CHAP_SECRET_MAX)
		return isdsc_fail(ISDSC_INVALID_TARGET_CHAP_SECRET, "LoginOptions->Password is %u "
				  "bytes: a CHAP secret is %d to %d bytes without IPsec",
				  (unsigned int)o->PasswordLength, ISDSC_CHAP_SECRET_MIN,
				  ISDSC_CHAP_SECRET_MAX);
	memcpy(req->chap_secret, o->Password, o->PasswordLength);
	req->chap_secret_len = o->PasswordLength;
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_options(const ISCSI_LOGIN_OPTIONS *o, struct isdsc_login_req *req)
{
	ISCSI_LOGIN_OPTIONS_INFO_SPECIFIED info;
	ISDSC_STATUS status;

	req->auth = ISCSI_NO_AUTH_TYPE;
	if (!o)
		return ERROR_SUCCESS;
	if (o->Version != ISCSI_LOGIN_OPTIONS_VERSION)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->Version is %u, not "
				  "ISCSI_LOGIN_OPTIONS_VERSION (%u)", (unsigned int)o->Version,
				  (unsigned int)ISCSI_LOGIN_OPTIONS_VERSION);
	info = o->InformationSpecified;
	if (info & ~(ISCSI_LOGIN_OPTIONS_INFO_SPECIFIED)INFO_KNOWN_BITS)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->InformationSpecified has "
				  "unknown bits 0x%x", (unsigned int)(info & ~INFO_KNOWN_BITS));
	status = check_flags(o->LoginFlags, req);
	if (status != ERROR_SUCCESS)
		return status;

	if (info & ISCSI_LOGIN_OPTIONS_HEADER_DIGEST) {
		status = check_digest(o->HeaderDigest, "HeaderDigest", &req->header_digest);
		if (status != ERROR_SUCCESS)
			return status;
		req->have_header_digest = true;
	}
	if (info & ISCSI_LOGIN_OPTIONS_DATA_DIGEST) {
		status = check_digest(o->DataDigest, "DataDigest", &req->data_digest);
		if (status != ERROR_SUCCESS)
			return status;
		req->have_data_digest = true;
	}
	if (info & ISCSI_LOGIN_OPTIONS_MAXIMUM_CONNECTIONS) {
		if (o->MaximumConnections < 1 || o->MaximumConnections > MAX_CONNECTIONS_MAX)
			return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->MaximumConnections "
					  "is %u, not 1 to %d", (unsigned int)o->MaximumConnections,
					  MAX_CONNECTIONS_MAX);
		req->max_connections = o->MaximumConnections;
		req->have_max_connections = true;
	}
	if (info & ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_WAIT) {
		if (o->DefaultTime2Wait > TIME2_MAX)
			return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->DefaultTime2Wait "
					  "is %u s, more than %d", (unsigned int)o->DefaultTime2Wait,
					  TIME2_MAX);
		req->time2wait = o->DefaultTime2Wait;
		req->have_time2wait = true;
	}
	if (info & ISCSI_LOGIN_OPTIONS_DEFAULT_TIME_2_RETAIN) {
		if (o->DefaultTime2Retain > TIME2_MAX)
			return isdsc_fail(ERROR_INVALID_PARAMETER, "LoginOptions->DefaultTime2Retain "
					  "is %u s, more than %d", (unsigned int)o->DefaultTime2Retain,
					  TIME2_MAX);
		req->time2retain = o->DefaultTime2Retain;
		req->have_time2retain = true;
	}
	if (info & ISCSI_LOGIN_OPTIONS_AUTH_TYPE) {
		if (o->AuthType != ISCSI_NO_AUTH_TYPE && o->AuthType != ISCSI_CHAP_AUTH_TYPE &&
		    o->AuthType != ISCSI_MUTUAL_CHAP_AUTH_TYPE)
			return isdsc_fail(ISDSC_INVALID_LOGON_AUTH_TYPE, "LoginOptions->AuthType is "
					  "%d, not an ISCSI_AUTH_TYPES value", (int)o->AuthType);
		req->auth = o->AuthType;
	}
	return check_credentials(o, req);
}

/*
 * IScsiMcsLoginIScsiTarget's own options. A persistent login saves a node
 * record, whose open-iscsi keys already carry these: rather than keep
 * them in two places, the extension refuses IsPersistent with them.
 */
static ISDSC_STATUS check_mcs_options(const struct isdsc_login_args *a,
				      struct isdsc_login_req *req)
{
	const ISDSC_MCS_LOGIN_OPTIONS *m = a->mcs_options;

	if (!m)
		return ERROR_SUCCESS;
	if (m->Fields & ~ISDSC_MCS_LOGIN_ALL)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "McsOptions->Fields has unknown bits "
				  "0x%x", (unsigned int)(m->Fields & ~ISDSC_MCS_LOGIN_ALL));
	if (m->Fields && a->persistent)
		return isdsc_fail(ERROR_NOT_SUPPORTED, "McsOptions with IsPersistent: set "
				  "node.session.iscsi.ERL and node.session.mcs.policy in the "
				  "node record instead");
	if (m->Fields & ISDSC_MCS_LOGIN_ERROR_RECOVERY_LEVEL) {
		if (m->ErrorRecoveryLevel > ERL_MAX)
			return isdsc_fail(ERROR_INVALID_PARAMETER, "McsOptions->ErrorRecoveryLevel "
					  "is %u, not 0 to %d", (unsigned int)m->ErrorRecoveryLevel,
					  ERL_MAX);
		req->erl = (uint8_t)m->ErrorRecoveryLevel;
		req->have_erl = true;
	}
	if (m->Fields & ISDSC_MCS_LOGIN_POLICY) {
		if (m->Policy > ISDSC_MCS_POLICY_MAX)
			return isdsc_fail(ISDSC_INVALID_LOAD_BALANCE_POLICY, "McsOptions->Policy is "
					  "%u, not 0 to %d", (unsigned int)m->Policy,
					  ISDSC_MCS_POLICY_MAX);
		req->policy = (uint8_t)m->Policy;
		req->have_policy = true;
	}
	return ERROR_SUCCESS;
}

static ISDSC_STATUS check_portal(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	if (!a->have_portal) {
		/* A persistent login without a portal applies to the target's node records. */
		if (a->persistent && !req->conn_add && !req->discover)
			return ERROR_SUCCESS;
		if (req->conn_add)
			return isdsc_fail(ISDSC_NO_PORTAL_SPECIFIED, "TargetPortal is NULL, and "
					  "without discovery there is no portal of the session's "
					  "portal group to connect to");
		return isdsc_fail(ISDSC_NO_PORTAL_SPECIFIED, "TargetPortal is NULL, and without "
				  "discovery there is no portal of %s to log in through",
				  req->target);
	}
	if (a->address_bad || !a->address || !a->address[0])
		return isdsc_fail(ERROR_INVALID_PARAMETER, "TargetPortal->Address is %s",
				  a->address && !a->address_bad ? "empty" :
				  "not a string of fewer than 256 characters");
	strcpy(req->address, a->address);
	req->tcp_port = a->socket ? a->socket : DEFAULT_ISCSI_PORT;
	if (a->port != ISCSI_ANY_INITIATOR_PORT) {
		req->have_port = true;
		req->port.number = a->port;
	}
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_login_check(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	ISDSC_STATUS status;

	memset(req, 0, sizeof(*req));
	if (!a->have_session_id)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	if (!a->have_connection_id)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueConnectionId is NULL");
	status = check_target(a, req);
	if (status != ERROR_SUCCESS)
		return status;
	if (a->informational)
		return isdsc_fail(ERROR_NOT_SUPPORTED, "informational sessions (LUNs not reported "
				  "to the system) are not supported: the iscsi_mcs netlink "
				  "interface cannot ask for a session without a SCSI host");
	status = check_instance(a);
	if (status != ERROR_SUCCESS)
		return status;
	if (a->have_mappings)
		return isdsc_fail(ERROR_NOT_SUPPORTED, "Mappings: choosing the bus, target and LUN "
				  "numbers of a session's devices is not supported");
	status = check_security_flags(a->security_flags);
	if (status != ERROR_SUCCESS)
		return status;
	status = check_key(a);
	if (status != ERROR_SUCCESS)
		return status;
	status = check_options(a->options, req);
	if (status != ERROR_SUCCESS)
		goto fail;

	status = check_portal(a, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	status = check_mcs_options(a, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	return ERROR_SUCCESS;

fail:
	isdsc_login_req_wipe(req);
	return status;
}

ISDSC_STATUS isdsc_conn_add_check(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	ISDSC_STATUS status;

	memset(req, 0, sizeof(*req));
	req->conn_add = true;
	/* Microsoft: "Reserved: This value is reserved." Anything but NULL is refused. */
	if (a->have_reserved)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Reserved is not NULL");
	status = check_security_flags(a->security_flags);
	if (status != ERROR_SUCCESS)
		return status;
	status = check_key(a);
	if (status != ERROR_SUCCESS)
		return status;
	status = check_options(a->options, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	/*
	 * MaxConnections, DefaultTime2Wait and DefaultTime2Retain are session
	 * keys (RFC 7143 section 13): the leading login negotiated them and a
	 * connection cannot change them. Windows ignores them here; so do we,
	 * once they passed the same range checks as for a login.
	 */
	req->have_max_connections = req->have_time2wait = req->have_time2retain = false;
	req->multipath = false;
	status = check_portal(a, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	return ERROR_SUCCESS;

fail:
	isdsc_login_req_wipe(req);
	return status;
}

/* The portal's SymbolicName, which only the send-target portal list keeps. */
static ISDSC_STATUS check_symbolic(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	if (a->symbolic_bad)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Portal->SymbolicName is not a string "
				  "of fewer than %d characters", MAX_ISCSI_PORTAL_NAME_LEN);
	snprintf(req->symbolic, sizeof(req->symbolic), "%s", a->symbolic ? a->symbolic : "");
	return ERROR_SUCCESS;
}

static void copy_instance(const struct isdsc_login_args *a, struct isdsc_login_req *req)
{
	/* check_instance made sure it fits. */
	snprintf(req->instance, sizeof(req->instance), "%s", a->instance ? a->instance : "");
}

ISDSC_STATUS isdsc_send_target_check(const struct isdsc_login_args *a,
				     struct isdsc_login_req *req)
{
	ISDSC_STATUS status;

	memset(req, 0, sizeof(*req));
	req->discover = true;
	if (!a->have_portal)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Portal is NULL");
	status = check_instance(a);
	if (status != ERROR_SUCCESS)
		return status;
	copy_instance(a, req);
	status = check_security_flags(a->security_flags);
	if (status != ERROR_SUCCESS)
		return status;
	status = check_options(a->options, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	/*
	 * A discovery session has one connection and no tasks: the session
	 * keys do not apply (the module refuses them for DISCOVER), and
	 * neither does multipathing.
	 */
	req->have_max_connections = req->have_time2wait = req->have_time2retain = false;
	req->multipath = false;
	status = check_symbolic(a, req);
	if (status == ERROR_SUCCESS)
		status = check_portal(a, req);
	if (status != ERROR_SUCCESS)
		goto fail;
	return ERROR_SUCCESS;

fail:
	isdsc_login_req_wipe(req);
	return status;
}

ISDSC_STATUS isdsc_portal_id_check(const struct isdsc_login_args *a,
				   struct isdsc_login_req *req)
{
	ISDSC_STATUS status;

	memset(req, 0, sizeof(*req));
	req->discover = true;
	if (!a->have_portal)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Portal is NULL");
	status = check_instance(a);
	if (status != ERROR_SUCCESS)
		return status;
	copy_instance(a, req);
	return check_portal(a, req);
}

/* ---- lookups ---- */

static bool addr_from_sockaddr(const struct sockaddr *sa, struct isdsc_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *sin = (const void *)sa;

		out->family = AF_INET;
		memcpy(out->addr, &sin->sin_addr, 4);
		return true;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 = (const void *)sa;

		out->family = AF_INET6;
		memcpy(out->addr, &sin6->sin6_addr, 16);
		out->scope_id = sin6->sin6_scope_id;
		return true;
	}
	return false;
}

static const char *family_name(int family)
{
	return family == AF_INET ? "IPv4" : "IPv6";
}

ISDSC_STATUS isdsc_login_resolve(struct isdsc_login_req *req)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *res = NULL, *ai;
	char host[MAX_ISCSI_PORTAL_ADDRESS_LEN];
	size_t len = strlen(req->address);
	int want = req->have_port ? req->port.addr.family : 0;
	int r;

	/* "[2001:db8::1]" as in a URL or a SendTargets TargetAddress. */
	if (len > 2 && req->address[0] == '[' && req->address[len - 1] == ']')
		snprintf(host, sizeof(host), "%.*s", (int)(len - 2), req->address + 1);
	else
		snprintf(host, sizeof(host), "%s", req->address);

	/* An address literal first, so that no literal ever reaches DNS. */
	hints.ai_flags = AI_NUMERICHOST;
	r = getaddrinfo(host, NULL, &hints, &res);
	if (r == 0 && want) {
		for (ai = res; ai && ai->ai_family != want; ai = ai->ai_next)
			;
		if (!ai) {
			freeaddrinfo(res);
			return isdsc_fail(ISDSC_INVALID_PORT_NUMBER, "initiator port %u has an %s "
					  "address and cannot reach %s portal %s",
					  (unsigned int)req->port.number, family_name(want),
					  family_name(want == AF_INET ? AF_INET6 : AF_INET),
					  req->address);
		}
	} else if (r == EAI_NONAME) {
		hints.ai_flags = 0;
		hints.ai_family = want ? want : AF_UNSPEC;
		r = getaddrinfo(host, NULL, &hints, &res);
	}
	if (r)
		return isdsc_fail(ISDSC_DNS_NAME_UNRESOLVED, "cannot resolve portal \"%s\"%s%s%s: %s",
				  req->address, want ? " to an " : "", want ? family_name(want) : "",
				  want ? " address" : "", gai_strerror(r));
	for (ai = res; ai; ai = ai->ai_next)
		if ((!want || ai->ai_family == want) &&
		    addr_from_sockaddr(ai->ai_addr, &req->portal))
			break;
	freeaddrinfo(res);
	if (!ai)
		return isdsc_fail(ISDSC_DNS_NAME_UNRESOLVED, "portal \"%s\" has no IPv4 or IPv6 "
				  "address", req->address);
	req->portal.port = req->tcp_port;
	return ERROR_SUCCESS;
}

/* The initiator node name: the host's (SetIScsiInitiatorNodeName), else the namespace's. */
static ISDSC_STATUS initiator_name(struct isdsc_login_req *req)
{
	ISDSC_MCS_CONFIG config;
	ISDSC_STATUS status;

	status = isdsc_iname_read(req->initiator);
	if (status != ISDSC_INITIATOR_NODE_NOT_FOUND)
		return status;
	memset(&config, 0, sizeof(config));
	status = isdsc_mcs_call(ISCSI_MCS_CMD_CONFIG_GET, "CONFIG_GET", NULL, NULL,
				isdsc_config_parse, &config);
	if (status != ERROR_SUCCESS)
		return status;
	if (!(config.Fields & ISDSC_MCS_CONFIG_INITIATOR_NAME))
		return isdsc_fail(ISDSC_INITIATOR_NODE_NOT_FOUND, "no initiator node name: %s has "
				  "none and this network namespace has no default "
				  "(SetIScsiInitiatorNodeName or IScsiMcsSetConfig sets one)",
				  isdsc_iname_path());
	snprintf(req->initiator, sizeof(req->initiator), "%s", config.InitiatorName);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_login_prepare(struct isdsc_login_req *req)
{
	ISDSC_STATUS status;

	if (req->have_port) {
		status = isdsc_port_lookup(req->port.number, &req->port);
		if (status != ERROR_SUCCESS)
			return status;
	}
	status = isdsc_login_resolve(req);
	if (status != ERROR_SUCCESS)
		return status;
	if (req->auth == ISCSI_MUTUAL_CHAP_AUTH_TYPE) {
		status = isdsc_secret_read(req->mutual_secret, &req->mutual_secret_len);
		if (status != ERROR_SUCCESS)
			return status;
		/* RFC 7143 section 9.2.1: never one secret for both directions. */
		if (req->mutual_secret_len == req->chap_secret_len &&
		    !memcmp(req->mutual_secret, req->chap_secret, req->chap_secret_len))
			return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "the initiator CHAP "
					  "secret is the same as the target CHAP secret "
					  "(LoginOptions->Password); mutual CHAP needs two");
	}
	/* CONN_ADD names no initiator: it is the session's. Only CHAP may need one. */
	if (!req->conn_add || (req->auth != ISCSI_NO_AUTH_TYPE && !req->chap_name_given)) {
		status = initiator_name(req);
		if (status != ERROR_SUCCESS)
			return status;
	}
	/* Microsoft: "If there is no value specified in Username, the initiator node name is used". */
	if (req->auth != ISCSI_NO_AUTH_TYPE && !req->chap_name_given)
		snprintf(req->chap_name, sizeof(req->chap_name), "%s", req->initiator);
	return ERROR_SUCCESS;
}

/* ---- the request ---- */

static int put_addr(struct nl_msg *msg, int type, const struct isdsc_addr *a, bool with_port,
		    unsigned int ifindex)
{
	struct nlattr *nest = nla_nest_start(msg, type | NLA_F_NESTED);
	int r = 0;

	if (!nest)
		return -1;
	if (a->family == AF_INET)
		r = nla_put(msg, ISCSI_MCS_ADDR_A_IPV4, 4, a->addr);
	else if (a->family == AF_INET6)
		r = nla_put(msg, ISCSI_MCS_ADDR_A_IPV6, 16, a->addr);
	if (!r && a->family == AF_INET6 && a->scope_id)
		r = nla_put_u32(msg, ISCSI_MCS_ADDR_A_SCOPE_ID, a->scope_id);
	if (!r && with_port)
		r = nla_put_u16(msg, ISCSI_MCS_ADDR_A_PORT, a->port);
	if (!r && ifindex)
		r = nla_put_u32(msg, ISCSI_MCS_ADDR_A_IFINDEX, ifindex);
	if (r < 0)
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

static int put_options(struct nl_msg *msg, const struct isdsc_login_req *req)
{
	struct nlattr *nest = nla_nest_start(msg, ISCSI_MCS_A_LOGIN | NLA_F_NESTED);
	int r = 0;

	if (!nest)
		return -1;
	if (req->have_header_digest)
		r = nla_put_u8(msg, ISCSI_MCS_LOGIN_A_HEADER_DIGEST, req->header_digest);
	if (!r && req->have_data_digest)
		r = nla_put_u8(msg, ISCSI_MCS_LOGIN_A_DATA_DIGEST, req->data_digest);
	if (!r && req->have_max_connections)
		r = nla_put_u32(msg, ISCSI_MCS_LOGIN_A_MAX_CONNECTIONS, req->max_connections);
	if (!r && req->have_time2wait)
		r = nla_put_u32(msg, ISCSI_MCS_LOGIN_A_DEFAULT_TIME2WAIT, req->time2wait);
	if (!r && req->have_time2retain)
		r = nla_put_u32(msg, ISCSI_MCS_LOGIN_A_DEFAULT_TIME2RETAIN, req->time2retain);
	if (!r && req->have_erl)
		r = nla_put_u8(msg, ISCSI_MCS_LOGIN_A_ERROR_RECOVERY_LEVEL, req->erl);
	if (!r && req->auth != ISCSI_NO_AUTH_TYPE) {
		r = nla_put_string(msg, ISCSI_MCS_LOGIN_A_CHAP_NAME, req->chap_name);
		if (!r)
			r = nla_put(msg, ISCSI_MCS_LOGIN_A_CHAP_SECRET, (int)req->chap_secret_len,
				    req->chap_secret);
	}
	if (!r && req->auth == ISCSI_MUTUAL_CHAP_AUTH_TYPE) {
		/* Windows does not check the name the target gives: "" is any. */
		r = nla_put_string(msg, ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_NAME, "");
		if (!r)
			r = nla_put(msg, ISCSI_MCS_LOGIN_A_MUTUAL_CHAP_SECRET,
				    (int)req->mutual_secret_len, req->mutual_secret);
	}
	if (r < 0)
		return -1;
	return nla_nest_end(msg, nest) < 0 ? -1 : 0;
}

ISDSC_STATUS isdsc_login_put(struct nl_msg *msg, const void *arg)
{
	const struct isdsc_login_req *req = arg;
	bool local = req->have_port;

	if (req->discover) {
		if ((req->initiator[0] &&
		     nla_put_string(msg, ISCSI_MCS_A_INITIATOR_NAME, req->initiator) < 0) ||
		    put_addr(msg, ISCSI_MCS_A_PORTAL, &req->portal, true, 0) < 0 ||
		    (local && put_addr(msg, ISCSI_MCS_A_LOCAL, &req->port.addr, false,
				       req->port.ifindex) < 0) ||
		    put_options(msg, req) < 0)
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building DISCOVER");
		return ERROR_SUCCESS;
	}
	if (req->conn_add) {
		if (nla_put(msg, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, req->session_id) < 0 ||
		    put_addr(msg, ISCSI_MCS_A_PORTAL, &req->portal, true, 0) < 0 ||
		    (local && put_addr(msg, ISCSI_MCS_A_LOCAL, &req->port.addr, false,
				       req->port.ifindex) < 0) ||
		    put_options(msg, req) < 0)
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building CONN_ADD");
		return ERROR_SUCCESS;
	}
	if (nla_put_string(msg, ISCSI_MCS_A_TARGET_NAME, req->target) < 0 ||
	    (req->initiator[0] &&
	     nla_put_string(msg, ISCSI_MCS_A_INITIATOR_NAME, req->initiator) < 0) ||
	    put_addr(msg, ISCSI_MCS_A_PORTAL, &req->portal, true, 0) < 0 ||
	    (local && put_addr(msg, ISCSI_MCS_A_LOCAL, &req->port.addr, false,
			       req->port.ifindex) < 0) ||
	    put_options(msg, req) < 0 ||
	    (req->have_policy && nla_put_u8(msg, ISCSI_MCS_A_POLICY, req->policy) < 0))
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building LOGIN");
	return ERROR_SUCCESS;
}

/* ---- the calls ---- */

/* Windows refuses a second session to a target unless multipathing is on. */
static ISDSC_STATUS check_not_logged_in(const struct isdsc_login_req *req)
{
	struct isdsc_session_list list;
	ISDSC_STATUS status;

	status = isdsc_session_dump(&list);
	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < list.n; i++) {
		if (!strcmp(list.s[i].target_name, req->target)) {
			isdsc_session_list_free(&list);
			return isdsc_fail(ISDSC_TARGET_ALREADY_LOGGED_IN, "%s has a session already; "
					  "set ISCSI_LOGIN_FLAG_MULTIPATH_ENABLED for another",
					  req->target);
		}
	}
	isdsc_session_list_free(&list);
	return ERROR_SUCCESS;
}

struct login_answer {
	bool have_ids;
	uint8_t session_id[ISCSI_MCS_ID_LEN];
	uint8_t conn_id[ISCSI_MCS_ID_LEN];
};

static ISDSC_STATUS parse_login_answer(struct nl_msg *reply, void *arg)
{
	static struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_SESSION_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_A_CONN_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_A_SESSION] = { .type = NLA_NESTED },
	};
	struct login_answer *ans = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	int r;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return isdsc_fail(ISDSC_DRIVER_BUG, "malformed LOGIN answer: %s", nl_geterror(r));
	if (!tb[ISCSI_MCS_A_SESSION_ID] || !tb[ISCSI_MCS_A_CONN_ID] ||
	    nla_len(tb[ISCSI_MCS_A_SESSION_ID]) != ISCSI_MCS_ID_LEN ||
	    nla_len(tb[ISCSI_MCS_A_CONN_ID]) != ISCSI_MCS_ID_LEN)
		return isdsc_fail(ISDSC_DRIVER_BUG, "the LOGIN answer lacks the 16-byte session "
				  "and connection ids");
	memcpy(ans->session_id, nla_data(tb[ISCSI_MCS_A_SESSION_ID]), ISCSI_MCS_ID_LEN);
	memcpy(ans->conn_id, nla_data(tb[ISCSI_MCS_A_CONN_ID]), ISCSI_MCS_ID_LEN);
	ans->have_ids = true;
	return ERROR_SUCCESS;
}

static ISDSC_STATUS login(const struct isdsc_login_args *a, PISCSI_UNIQUE_SESSION_ID sid,
			  PISCSI_UNIQUE_CONNECTION_ID cid)
{
	struct isdsc_login_req *req;
	struct login_answer ans = { 0 };
	ISDSC_STATUS status;

	/* Off the stack, to be wiped and freed in one place. */
	req = calloc(1, sizeof(*req));
	if (!req)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	status = isdsc_login_check(a, req);
	/*
	 * As on Windows, a persistent login is saved for the next boots and
	 * makes no session now: callers log in a second time, not persistent.
	 */
	if (status == ERROR_SUCCESS && a->persistent) {
		status = isdsc_persist_save(a, req);
		isdsc_login_req_wipe(req);
		free(req);
		if (status == ERROR_SUCCESS) {
			memset(sid, 0, sizeof(*sid));
			memset(cid, 0, sizeof(*cid));
		}
		return status;
	}
	if (status == ERROR_SUCCESS)
		status = isdsc_login_prepare(req);
	if (status == ERROR_SUCCESS && !req->multipath)
		status = check_not_logged_in(req);
	if (status == ERROR_SUCCESS)
		status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_LOGIN, 0, "LOGIN", isdsc_login_put, req,
					   parse_login_answer, &ans,
					   isdsc_status_from_login_refusal);
	isdsc_login_req_wipe(req);
	free(req);
	if (status != ERROR_SUCCESS)
		return status;
	if (!ans.have_ids)
		return isdsc_fail(ISDSC_DRIVER_BUG, "LOGIN was acknowledged without an answer");
	isdsc_id_to_unique(ans.session_id, sid);
	isdsc_id_to_unique(ans.conn_id, cid);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API LoginIScsiTargetA(PSTR TargetName,
	BOOLEAN IsInformationalSession, PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS Options, ULONG KeySize, PCHAR Key,
	BOOLEAN IsPersistent, PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId)
{
	/* The extension without its own options is the SDK's call. */
	return IScsiMcsLoginIScsiTarget(TargetName, IsInformationalSession,
					InitiatorInstance, InitiatorPortNumber,
					TargetPortal, SecurityFlags, Mappings,
					Options, NULL, KeySize, Key, IsPersistent,
					UniqueSessionId, UniqueConnectionId);
}


ISDSC_EXPORT ISDSC_STATUS ISDSC_API LoginIScsiTargetW(PWSTR TargetName,
	BOOLEAN IsInformationalSession, PWSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALW TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGW Mappings,
	PISCSI_LOGIN_OPTIONS Options, ULONG KeySize, PCHAR Key,
	BOOLEAN IsPersistent, PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId)
{
	/* UTF-8 takes at most 3 bytes for each UTF-16 unit. */
	char target[3 * MAX_ISCSI_NAME_LEN + 1];
	char instance[3 * MAX_ISCSI_HBANAME_LEN + 1];
	struct isdsc_login_args a = {
		.informational = IsInformationalSession,
		.port = InitiatorPortNumber,
		.security_flags = SecurityFlags,
		.have_mappings = Mappings != NULL,
		.options = Options,
		.key_size = KeySize,
		.key = Key,
		.persistent = IsPersistent,
		.have_session_id = UniqueSessionId != NULL,
		.have_connection_id = UniqueConnectionId != NULL,
	};

	isdsc_error_clear();
	if (TargetName) {
		if (isdsc_login_convert_w(TargetName, MAX_ISCSI_NAME_LEN, target, sizeof(target)))
			a.target = target;
		else
			a.target_bad = true;
	}
	isdsc_args_set_instanceW(&a, InitiatorInstance, instance, sizeof(instance));
	isdsc_args_set_portalW(&a, TargetPortal);
	return login(&a, UniqueSessionId, UniqueConnectionId);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API IScsiMcsLoginIScsiTarget(PSTR TargetName,
	BOOLEAN IsInformationalSession, PSTR InitiatorInstance,
	ULONG InitiatorPortNumber, PISCSI_TARGET_PORTALA TargetPortal,
	ISCSI_SECURITY_FLAGS SecurityFlags, PISCSI_TARGET_MAPPINGA Mappings,
	PISCSI_LOGIN_OPTIONS Options, const ISDSC_MCS_LOGIN_OPTIONS *McsOptions,
	ULONG KeySize, PCHAR Key, BOOLEAN IsPersistent,
	PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PISCSI_UNIQUE_CONNECTION_ID UniqueConnectionId)
{
	struct isdsc_login_args a = {
		.target = TargetName,
		.informational = IsInformationalSession,
		.instance = InitiatorInstance,
		.port = InitiatorPortNumber,
		.security_flags = SecurityFlags,
		.have_mappings = Mappings != NULL,
		.options = Options,
		.mcs_options = McsOptions,
		.key_size = KeySize,
		.key = Key,
		.persistent = IsPersistent,
		.have_session_id = UniqueSessionId != NULL,
		.have_connection_id = UniqueConnectionId != NULL,
	};

	isdsc_error_clear();
	isdsc_args_set_portalA(&a, TargetPortal);
	return login(&a, UniqueSessionId, UniqueConnectionId);
}
