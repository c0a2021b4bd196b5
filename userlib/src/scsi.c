// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * SCSI pass-through on a session's logical units: SendScsiInquiry,
 * SendScsiReadCapacity and SendScsiReportLuns. Windows hands the CDB to
 * the iSCSI miniport; on Linux the same CDB goes through SG_IO on the
 * logical unit's scsi_generic node (any device type), or on its block
 * device when sg is not loaded. Opening either needs the rights the
 * device node grants (root, or the disk group).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/iscsi_mcs.h>

#include "devices.h"
#include "errmap.h"
#include "internal.h"
#include "mappings.h"
#include "mcs.h"
#include "scsi.h"

/* SCSI operation codes (SPC-4, SBC-3). */
#define OP_INQUIRY		0x12
#define OP_READ_CAPACITY_10	0x25
#define OP_REPORT_LUNS		0xa0

/* The host byte of a failed command (the kernel's DID_* values). */
#define HOST_TIME_OUT		0x03

/* The most one command may ask for: INQUIRY's 16-bit length; 1 MiB of REPORT LUNS. */
#define INQUIRY_MAX		0xffffu
#define REPORT_LUNS_MAX		(1u << 20)

static int sg_io_ioctl(const char *path, struct sg_io_hdr *io)
{
	int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC), err;

	/* INQUIRY, READ CAPACITY and REPORT LUNS are allowed on a read-only open. */
	if (fd < 0 && (errno == EACCES || errno == EROFS || errno == EPERM))
		fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	err = ioctl(fd, SG_IO, io) < 0 ? -errno : 0;
	close(fd);
	return err;
}

isdsc_sg_io_fn isdsc_sg_io = sg_io_ioctl;

static uint32_t be16(const uint8_t *p)
{
	return (uint32_t)p[0] << 8 | p[1];
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The device node of r's logical unit below host; "" with a failure status. */
static ISDSC_STATUS device_node(uint32_t host, const struct isdsc_scsi_req *r, char *path,
				size_t size)
{
	struct isdsc_device *devs = NULL, *d = NULL;
	const char *dev_root;
	ISDSC_STATUS status;
	size_t n = 0;
	int len;

	status = isdsc_devices_of_host(host, &devs, &n);
	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < n && !d; i++)
		if (r->any_lun ? devs[i].lun == 0 : devs[i].lun == r->lun)
			d = &devs[i];
	/* REPORT LUNS may go to any logical unit when there is no LUN 0. */
	if (!d && r->any_lun && n)
		d = &devs[0];
	if (!d) {
		free(devs);
		if (r->any_lun)
			return isdsc_fail(ISDSC_DEVICE_NOT_FOUND, "the session has no logical unit");
		return isdsc_fail(ISDSC_DEVICE_NOT_FOUND, "the session has no LUN %llu",
				  (unsigned long long)r->lun);
	}
	if (!d->sg[0] && !d->block[0]) {
		status = isdsc_fail(ISDSC_DEVICE_NOT_FOUND, "%u:%u:%u:%llu has neither a "
				    "scsi_generic node nor a block device (is sg loaded?)",
				    (unsigned int)d->host, (unsigned int)d->channel,
				    (unsigned int)d->target, (unsigned long long)d->lun);
		free(devs);
		return status;
	}
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	dev_root = secure_getenv(ISDSC_DEV_ROOT_ENV);
	if (!dev_root || !*dev_root)
		dev_root = "/dev";
	len = snprintf(path, size, "%s/%s", dev_root, d->sg[0] ? d->sg : d->block);
	free(devs);
	if (len < 0 || (size_t)len >= size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "$%s is too long", ISDSC_DEV_ROOT_ENV);
	return ERROR_SUCCESS;
}

static size_t build_cdb(const struct isdsc_scsi_req *r, uint32_t alloc, uint8_t *cdb)
{
	memset(cdb, 0, 16);
	switch (r->op) {
	case ISDSC_SCSI_INQUIRY:
		cdb[0] = OP_INQUIRY;
		cdb[1] = r->evpd_cmddt & 3;
		cdb[2] = r->page_code;
		cdb[3] = (uint8_t)(alloc >> 8);
		cdb[4] = (uint8_t)alloc;
		return 6;
	case ISDSC_SCSI_READ_CAPACITY:
		cdb[0] = OP_READ_CAPACITY_10;
		return 10;
	case ISDSC_SCSI_REPORT_LUNS:
		cdb[0] = OP_REPORT_LUNS;
		cdb[6] = (uint8_t)(alloc >> 24);
		cdb[7] = (uint8_t)(alloc >> 16);
		cdb[8] = (uint8_t)(alloc >> 8);
		cdb[9] = (uint8_t)alloc;
		return 12;
	}
	return 0;
}

/* The length the response says it has, from its header; valid bytes were received. */
static size_t response_length(const struct isdsc_scsi_req *r, const uint8_t *p, size_t valid)
{
	switch (r->op) {
	case ISDSC_SCSI_INQUIRY:
		if (r->evpd_cmddt & 1)
			return valid >= 4 ? 4 + be16(p + 2) : valid;
		/* Command support data (SPC-2): byte 5 is the CDB's size, the usage map. */
		if (r->evpd_cmddt & 2)
			return valid >= 6 ? 6 + (size_t)p[5] : valid;
		return valid >= 5 ? 5 + (size_t)p[4] : valid;
	case ISDSC_SCSI_READ_CAPACITY:
		return 8;
	case ISDSC_SCSI_REPORT_LUNS:
		return valid >= 4 ? 8 + (size_t)be32(p) : valid;
	}
	return valid;
}

static ISDSC_STATUS transfer(const char *path, const struct isdsc_scsi_req *r, uint32_t alloc,
			     uint8_t *data, uint8_t *sense, struct sg_io_hdr *io)
{
	uint8_t cdb[16];
	int err;

	memset(io, 0, sizeof(*io));
	io->interface_id = 'S';
	io->dxfer_direction = SG_DXFER_FROM_DEV;
	io->cmd_len = (unsigned char)build_cdb(r, alloc, cdb);
	io->cmdp = cdb;
	io->dxfer_len = alloc;
	io->dxferp = data;
	io->mx_sb_len = UINT8_MAX;
	io->sbp = sense;
	io->timeout = ISDSC_SCSI_TIMEOUT_MS;
	err = isdsc_sg_io(path, io);
	io->cmdp = NULL;
	if (err)
		return isdsc_fail(isdsc_status_from_errno(-err), "SG_IO on %s: %s", path,
				  isdsc_strerror(-err));
	if (io->host_status == HOST_TIME_OUT)
		return isdsc_fail(ERROR_TIMEOUT, "the command on %s timed out", path);
	/* The command never reached the target (connection gone, aborted). */
	if (io->host_status)
		return isdsc_fail(ISDSC_TRANSPORT_ERROR, "the command on %s failed in the "
				  "initiator (host byte 0x%02x)", path, io->host_status);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_scsi_send(const struct isdsc_session_rec *s, const struct isdsc_scsi_req *r,
			     UCHAR *scsi_status, ULONG *rsize, UCHAR *response, ULONG *ssize,
			     UCHAR *sense)
{
	uint32_t limit, alloc, host;
	uint8_t sbuf[UINT8_MAX], *data;
	struct sg_io_hdr io;
	size_t valid, len, written;
	char path[ISDSC_DEV_PATH_MAX];
	ISDSC_STATUS status;

	if (!isdsc_session_host(s, &host))
		return isdsc_fail(ISDSC_DEVICE_NOT_FOUND, "the session has no SCSI host (yet)");
	status = device_node(host, r, path, sizeof(path));
	if (status != ERROR_SUCCESS)
		return status;

	/*
	 * Ask for at least enough to learn the whole length from the header,
	 * so that a short buffer gets ERROR_INSUFFICIENT_BUFFER with the size.
	 */
	switch (r->op) {
	case ISDSC_SCSI_INQUIRY:
		limit = INQUIRY_MAX;
		alloc = *rsize > UINT8_MAX ? *rsize : UINT8_MAX;
		break;
	case ISDSC_SCSI_READ_CAPACITY:
		limit = alloc = 8;
		break;
	default:
		limit = REPORT_LUNS_MAX;
		alloc = *rsize > 4096 ? *rsize : 4096;
		break;
	}
	if (alloc > limit)
		alloc = limit;
	for (int attempt = 0;; attempt++) {
		data = calloc(1, alloc);
		if (!data)
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
		memset(sbuf, 0, sizeof(sbuf));
		status = transfer(path, r, alloc, data, sbuf, &io);
		if (status != ERROR_SUCCESS) {
			free(data);
			return status;
		}
		valid = io.resid > 0 && (uint32_t)io.resid < alloc ? alloc - (uint32_t)io.resid :
			alloc;
		len = response_length(r, data, valid);
		if (io.status || len <= alloc || alloc == limit || attempt)
			break;
		/* The answer is longer than asked for: ask again for all of it. */
		free(data);
		alloc = len < limit ? (uint32_t)len : limit;
	}

	*scsi_status = io.status;
	written = io.sb_len_wr;
	if (io.status) {
		size_t copy = written < *ssize ? written : *ssize;

		if (copy)
			memcpy(sense, sbuf, copy);
		*ssize = (ULONG)(written > ISDSC_SENSE_MIN ? written : ISDSC_SENSE_MIN);
		free(data);
		return isdsc_fail(ISDSC_SCSI_REQUEST_FAILED, "the target answered SCSI status "
				  "0x%02x%s", io.status, written ? "" : " without sense data");
	}
	*ssize = ISDSC_SENSE_MIN;
	if (len > valid)
		len = valid;
	if (len > *rsize) {
		ULONG have = *rsize;

		*rsize = (ULONG)len;
		free(data);
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the response has %zu bytes; "
				  "ResponseBuffer has %u", len, (unsigned int)have);
	}
	if (len)
		memcpy(response, data, len);
	*rsize = (ULONG)len;
	free(data);
	return ERROR_SUCCESS;
}

/* ---- SendScsiInquiry, SendScsiReadCapacity, SendScsiReportLuns ---- */

static ISDSC_STATUS put_session_id(struct nl_msg *req, const void *arg)
{
	if (nla_put(req, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, arg) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building SESSION_GET");
	return ERROR_SUCCESS;
}

static ISDSC_STATUS send_scsi(PISCSI_UNIQUE_SESSION_ID sid, const struct isdsc_scsi_req *r,
			      PUCHAR scsi_status, PULONG rsize, PUCHAR response, PULONG ssize,
			      PUCHAR sense)
{
	struct isdsc_session_list list = { 0 };
	uint8_t id[ISCSI_MCS_ID_LEN];
	ISDSC_STATUS status;

	if (!sid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	if (!scsi_status || !rsize || !ssize)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ScsiStatus, ResponseSize and SenseSize "
				  "are required");
	if (*rsize && !response)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "ResponseBuffer is NULL but "
				  "*ResponseSize is %u", (unsigned int)*rsize);
	if (*ssize && !sense)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SenseBuffer is NULL but *SenseSize "
				  "is %u", (unsigned int)*ssize);
	isdsc_unique_to_id(sid, id);
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_SESSION_GET, 0, "SESSION_GET", put_session_id,
				   id, isdsc_session_parse, &list,
				   isdsc_status_from_session_refusal);
	if (status == ERROR_SUCCESS && list.n != 1)
		status = isdsc_fail(ISDSC_DRIVER_BUG, "SESSION_GET answered %zu sessions for one id",
				    list.n);
	if (status == ERROR_SUCCESS)
		status = isdsc_scsi_send(&list.s[0], r, scsi_status, rsize, response, ssize, sense);
	isdsc_session_list_free(&list);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SendScsiInquiry(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONGLONG Lun, UCHAR EvpdCmddt, UCHAR PageCode, PUCHAR ScsiStatus, PULONG ResponseSize,
	PUCHAR ResponseBuffer, PULONG SenseSize, PUCHAR SenseBuffer)
{
	struct isdsc_scsi_req r = {
		.op = ISDSC_SCSI_INQUIRY,
		.lun = Lun,
		.evpd_cmddt = EvpdCmddt,
		.page_code = PageCode,
	};

	isdsc_error_clear();
	if (EvpdCmddt & ~3u)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "EvpdCmddt 0x%x has bits other than "
				  "EVPD (1) and CmdDt (2)", EvpdCmddt);
	/* SPC: without EVPD or CmdDt the page code must be zero. */
	if (!EvpdCmddt && PageCode)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "PageCode 0x%02x needs EVPD or CmdDt "
				  "in EvpdCmddt", PageCode);
	return send_scsi(UniqueSessionId, &r, ScsiStatus, ResponseSize, ResponseBuffer, SenseSize,
			 SenseBuffer);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SendScsiReadCapacity(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONGLONG Lun, PUCHAR ScsiStatus, PULONG ResponseSize, PUCHAR ResponseBuffer,
	PULONG SenseSize, PUCHAR SenseBuffer)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_READ_CAPACITY, .lun = Lun };

	isdsc_error_clear();
	return send_scsi(UniqueSessionId, &r, ScsiStatus, ResponseSize, ResponseBuffer, SenseSize,
			 SenseBuffer);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SendScsiReportLuns(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	PUCHAR ScsiStatus, PULONG ResponseSize, PUCHAR ResponseBuffer, PULONG SenseSize,
	PUCHAR SenseBuffer)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_REPORT_LUNS, .any_lun = true };

	isdsc_error_clear();
	return send_scsi(UniqueSessionId, &r, ScsiStatus, ResponseSize, ResponseBuffer, SenseSize,
			 SenseBuffer);
}
