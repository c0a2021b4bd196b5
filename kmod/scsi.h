/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One SCSI host per session: the midlayer's view of it.
 */
#ifndef MCS_SCSI_H
#define MCS_SCSI_H

struct mcs_session;

/* Commands one session keeps in flight at most, whatever the window. */
#define MCS_CMDS_MAX	128

/* How long a task management function may take before EH escalates. */
#define MCS_TMF_TIMEOUT_MS	10000

int mcs_scsi_add(struct mcs_session *sess);
void mcs_scsi_remove(struct mcs_session *sess);
void mcs_scsi_put(struct mcs_session *sess);

#endif /* MCS_SCSI_H */
