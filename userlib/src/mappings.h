/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Target mappings (ISCSI_TARGET_MAPPING): for each live session, the SCSI
 * host the kernel made for it and, per channel and target id below that
 * host, the LUNs it found. ReportActiveIScsiTargetMappings reports them
 * all and GetIScsiTargetInformation (PersistentTargetMappings) those of
 * one target.
 */
#ifndef ISDSC_MAPPINGS_H
#define ISDSC_MAPPINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/iscsi_mcs.h>

#include "iscsidsc.h"
#include "session.h"

struct isdsc_mapping {
	ISCSI_UNIQUE_SESSION_ID session;
	char target[ISCSI_MCS_NAME_MAX];
	char os_device[32];		/* the SCSI host: "host3" */
	uint32_t bus, target_id;	/* channel and target id below it */
	size_t n_luns;
	uint64_t *luns;			/* Linux LUN numbers, ascending */
};

struct isdsc_mapping_list {
	size_t n;
	struct isdsc_mapping *m;
};

void isdsc_mapping_list_free(struct isdsc_mapping_list *list);

/*
 * The SCSI host of a session: the one SESSION_GET named, else the hostN
 * that sysfs' class/iscsi_session/sessionN/device lives below. false when
 * neither is known (the host is not there yet).
 */
bool isdsc_session_host(const struct isdsc_session_rec *s, uint32_t *host_no);

/*
 * The mappings of the sessions of live, only those of target when it is
 * not NULL, in the order of the sessions, then by channel and target id.
 * A session without a SCSI host, or without a device, has no mapping.
 */
ISDSC_STATUS isdsc_mappings_collect(const struct isdsc_session_list *live, const char *target,
				    struct isdsc_mapping_list *out);

/* A Linux LUN as the 8-byte SAM LUN in memory order, read as Windows' TargetLUN. */
ULONGLONG isdsc_target_lun(uint64_t lun);

/*
 * Bytes the array of ISCSI_TARGET_MAPPINGA (wide: ...W) and, after it,
 * the SCSI_LUN_LISTs take; 0 when more than 4 GiB.
 */
size_t isdsc_mappings_size(const struct isdsc_mapping_list *list, bool wide);

/*
 * Writes the array at buf (8-byte aligned, isdsc_mappings_size() bytes),
 * each LUNList pointing into the LUN lists after the array.
 */
void isdsc_mappings_write(const struct isdsc_mapping_list *list, bool wide, void *buf);

/*
 * ReportActiveIScsiTargetMappingsA/W on the sessions of live: *size is
 * the buffer's size in bytes in, the bytes used or needed out; *count the
 * number of mappings in both cases.
 */
ISDSC_STATUS isdsc_active_mappings(const struct isdsc_session_list *live, bool wide,
				   ULONG *size, ULONG *count, void *out);

#endif /* ISDSC_MAPPINGS_H */
