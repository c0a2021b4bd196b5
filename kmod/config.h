/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Initiator defaults of one network namespace and the rules their values
 * must follow.
 */
#ifndef MCS_CONFIG_H
#define MCS_CONFIG_H

#include <linux/types.h>
#include <linux/iscsi_mcs.h>

/* The most connections one session may have, whatever a target allows. */
#define MCS_MAX_CONNS_LIMIT	32

/*
 * Commands one session may keep in flight: the SCSI host's can_queue. The
 * default suits the CmdSN windows targets grant (LIO: 64); the limit keeps
 * the per-command data blk-mq preallocates for each tag reasonable, and no
 * target we know grants a wider window, beyond which commands only bounce
 * back as busy.
 */
#define MCS_CMDS_DEFAULT	128
#define MCS_CMDS_LIMIT		1024

struct mcs_config {
	char initiator_name[ISCSI_MCS_NAME_MAX];
	char initiator_alias[ISCSI_MCS_ALIAS_MAX];
	u32 login_timeout_ms;
	u32 noop_interval_ms;
	u32 noop_timeout_ms;
	u32 replacement_timeout_ms;
	u32 max_connections;
	u32 cmds_max;
};

void mcs_config_init(struct mcs_config *cfg);
const char *mcs_iscsi_name_check(const char *name);
const char *mcs_alias_check(const char *alias);

#endif /* MCS_CONFIG_H */
