/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Persistent logins: node records with node.startup = automatic in
 * open-iscsi's node database (iscsidsc/nodedb.h).
 */
#ifndef ISDSC_PERSIST_H
#define ISDSC_PERSIST_H

#include "login.h"

/*
 * The one initiator instance ReportIScsiInitiatorList reports: the
 * iscsi_mcs software initiator. Logins accept it, or any other name.
 */
#define ISDSC_INITIATOR_INSTANCE	"iscsi_mcs"

/*
 * Saves the persistent login of LoginIScsiTarget's checked arguments: the
 * records of the target at the portal (created if the portal is given and
 * has none), or every record of the target when no portal is given.
 */
ISDSC_STATUS isdsc_persist_save(const struct isdsc_login_args *a,
				const struct isdsc_login_req *req);

#endif /* ISDSC_PERSIST_H */
