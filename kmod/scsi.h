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

/* A session's host has a hardware queue per CPU, up to this many. */
#define MCS_HWQ_MAX	64

/* How long a task management function may take before EH escalates. */
#define MCS_TMF_TIMEOUT_MS	10000

struct mcs_conn;
struct mcs_task;

int mcs_scsi_add(struct mcs_session *sess);
int mcs_scsi_task_reassign(struct mcs_session *sess, struct mcs_task *task,
			   struct mcs_conn *from, struct mcs_conn *to);
int mcs_scsi_task_retry(struct mcs_session *sess, struct mcs_task *task,
			struct mcs_conn *from, struct mcs_conn *to);
void mcs_scsi_remove(struct mcs_session *sess);
void mcs_scsi_put(struct mcs_session *sess);

#endif /* MCS_SCSI_H */
