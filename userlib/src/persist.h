/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Persistent logins: node records with node.startup = automatic in
 * open-iscsi's node database (iscsidsc/nodedb.h).
 */
#ifndef ISDSC_PERSIST_H
#define ISDSC_PERSIST_H

#include "iscsidsc/nodedb.h"
#include "login.h"

/*
 * The one initiator instance ReportIScsiInitiatorList reports: the
 * iscsi_mcs software initiator. Logins accept it, or any other name.
 */
#define ISDSC_INITIATOR_INSTANCE	"iscsi_mcs"

/* What open-iscsi has no key for, in the MC/S side record of a node. */
#define ISDSC_KEY_INSTANCE	"node.session.mcs.initiator_instance"
#define ISDSC_KEY_ALIAS		"node.session.mcs.target_alias"
#define ISDSC_KEY_TFLAGS	"node.session.mcs.target_flags"

/* The decimal number a record holds under key, or dflt when absent or malformed. */
unsigned long long isdsc_rec_num(const struct iscsi_mcs_rec *rec, const char *key,
				 unsigned long long dflt);

/* The login options a record holds; Username and Password are not reported. */
void isdsc_persist_options(const struct iscsi_mcs_rec *rec, ISCSI_LOGIN_OPTIONS *o);

/*
 * Saves the persistent login of LoginIScsiTarget's checked arguments: the
 * records of the target at the portal (created if the portal is given and
 * has none), or every record of the target when no portal is given.
 */
ISDSC_STATUS isdsc_persist_save(const struct isdsc_login_args *a,
				const struct isdsc_login_req *req);

#endif /* ISDSC_PERSIST_H */
