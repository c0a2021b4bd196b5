/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * SendScsiInquiry, SendScsiReadCapacity and SendScsiReportLuns (scsi.c):
 * a CDB sent with SG_IO to the sg node (else the block device) of one of
 * a session's logical units, as GetDevicesForIScsiSession finds them.
 */
#ifndef ISDSC_SCSI_H
#define ISDSC_SCSI_H

#include <stdbool.h>
#include <stdint.h>

#include <scsi/sg.h>

#include "iscsidsc.h"
#include "session.h"

/* How long one command may take before the kernel aborts it. */
#define ISDSC_SCSI_TIMEOUT_MS	30000

/* Fixed-format sense data: the least SendScsi* report as the sense size. */
#define ISDSC_SENSE_MIN		18

enum isdsc_scsi_op {
	ISDSC_SCSI_INQUIRY,
	ISDSC_SCSI_READ_CAPACITY,
	ISDSC_SCSI_REPORT_LUNS,
};

struct isdsc_scsi_req {
	enum isdsc_scsi_op op;
	bool any_lun;		/* REPORT LUNS: LUN 0, else the first logical unit */
	uint64_t lun;		/* Linux's LUN number */
	uint8_t evpd_cmddt;	/* INQUIRY byte 1, bits 0-1 */
	uint8_t page_code;	/* INQUIRY byte 2 */
};

/*
 * Issues io on the device node at path: 0, or a negative errno value when
 * the node cannot be opened or the ioctl fails. The unit tests replace it.
 */
typedef int (*isdsc_sg_io_fn)(const char *path, struct sg_io_hdr *io);
extern isdsc_sg_io_fn isdsc_sg_io;

/*
 * Sends r's command to its logical unit of session s, with the SDK's
 * rules for the caller's response and sense buffers (the sizes checked
 * already): *rsize in, the bytes written or needed out; *ssize in, the
 * sense bytes the device returned (at least ISDSC_SENSE_MIN) out.
 */
ISDSC_STATUS isdsc_scsi_send(const struct isdsc_session_rec *s, const struct isdsc_scsi_req *r,
			     UCHAR *scsi_status, ULONG *rsize, UCHAR *response, ULONG *ssize,
			     UCHAR *sense);

#endif /* ISDSC_SCSI_H */
