/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One SCSI host per session: the midlayer's view of it.
 */
#ifndef MCS_SCSI_H
#define MCS_SCSI_H

struct mcs_session;

#include "config.h"

/* The template's queue depth; each host takes its session's cmds_max. */
#define MCS_CMDS_MAX	MCS_CMDS_DEFAULT

/* How long a task management function may take before EH escalates. */
#define MCS_TMF_TIMEOUT_MS	10000

int mcs_scsi_add(struct mcs_session *sess);
void mcs_scsi_remove(struct mcs_session *sess);
void mcs_scsi_put(struct mcs_session *sess);

#endif /* MCS_SCSI_H */
