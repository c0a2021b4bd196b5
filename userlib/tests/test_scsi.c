// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * SendScsiInquiry, SendScsiReadCapacity and SendScsiReportLuns without a
 * kernel: the argument rules of the exported functions, then
 * isdsc_scsi_send() on a made-up session over a fake sysfs, with SG_IO
 * replaced by a scripted target: the device node chosen, the CDBs, the
 * response-size protocol (a second, larger request when the answer is
 * longer than asked for), sense data on CHECK CONDITION, and the
 * initiator-side failures.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "devices.h"
#include "iscsidsc.h"
#include "scsi.h"
#include "session.h"
#include "fixture.h"
#include "tap.h"

static char dir[] = "/tmp/isdsc-scsi-XXXXXX";
static char sys_root[256], dev_root[256];

/* What the fake target saw and will answer. */
static struct {
	int calls;
	char path[512];
	uint8_t cdb[16];
	unsigned int cdb_len, dxfer_len;
	int err;			/* returned as the ioctl's -errno */
	uint8_t host_status, status;
	uint8_t data[8192];
	size_t data_len;		/* what the target has to send */
	uint8_t sense[32];
	size_t sense_len;
} fake;

static int fake_sg_io(const char *path, struct sg_io_hdr *io)
{
	size_t n = fake.data_len < io->dxfer_len ? fake.data_len : io->dxfer_len;

	fake.calls++;
	snprintf(fake.path, sizeof(fake.path), "%s", path);
	memcpy(fake.cdb, io->cmdp, io->cmd_len);
	fake.cdb_len = io->cmd_len;
	fake.dxfer_len = io->dxfer_len;
	if (fake.err)
		return fake.err;
	io->host_status = fake.host_status;
	io->status = fake.status;
	if (fake.status) {
		n = fake.sense_len < io->mx_sb_len ? fake.sense_len : io->mx_sb_len;
		memcpy(io->sbp, fake.sense, n);
		io->sb_len_wr = (unsigned char)n;
		io->resid = (int)io->dxfer_len;
		return 0;
	}
	memcpy(io->dxferp, fake.data, n);
	io->resid = (int)(io->dxfer_len - n);
	return 0;
}

static void reset(void)
{
	memset(&fake, 0, sizeof(fake));
}

/* A logical unit with an optional sg node and block device. */
static void device(const char *hctl, const char *sg, const char *block)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s", sys_root, hctl);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/type", sys_root, hctl);
	write_file(path, "0\n");
	if (sg) {
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/scsi_generic/%s", sys_root,
			 hctl, sg);
		mkdirs(path);
	}
	if (block) {
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/block/%s", sys_root, hctl,
			 block);
		mkdirs(path);
	}
}

static struct isdsc_session_rec session;

static void arguments(void)
{
	ISCSI_UNIQUE_SESSION_ID sid;
	UCHAR status, resp[64], sense[32];
	ULONG rsize = sizeof(resp), ssize = sizeof(sense);
	ISDSC_STATUS s;

	memset(&sid, 0, sizeof(sid));
	s = SendScsiInquiry(NULL, 0, 0, 0, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Inquiry: UniqueSessionId NULL: "
		  "ERROR_INVALID_PARAMETER (got %s)", name(s));
	s = SendScsiInquiry(&sid, 0, 0, 0, NULL, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Inquiry: ScsiStatus NULL: ERROR_INVALID_PARAMETER");
	s = SendScsiReadCapacity(&sid, 0, &status, NULL, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "ReadCapacity: ResponseSize NULL: "
		  "ERROR_INVALID_PARAMETER");
	s = SendScsiReportLuns(&sid, &status, &rsize, resp, NULL, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "ReportLuns: SenseSize NULL: "
		  "ERROR_INVALID_PARAMETER");
	s = SendScsiReportLuns(&sid, &status, &rsize, NULL, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "ReportLuns: ResponseBuffer NULL with a size: "
		  "ERROR_INVALID_PARAMETER");
	s = SendScsiReadCapacity(&sid, 0, &status, &rsize, resp, &ssize, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "ReadCapacity: SenseBuffer NULL with a size: "
		  "ERROR_INVALID_PARAMETER");
	s = SendScsiInquiry(&sid, 0, 4, 0, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Inquiry: EvpdCmddt 4: ERROR_INVALID_PARAMETER");
	s = SendScsiInquiry(&sid, 0, 0, 0x80, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Inquiry: a PageCode without EVPD: "
		  "ERROR_INVALID_PARAMETER");
	TAP_CHECK(fake.calls == 0, "no command was sent for a bad argument");
}

static void inquiry(void)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_INQUIRY };
	UCHAR status = 0xff, resp[64], sense[32];
	ULONG rsize, ssize;
	char want[600];
	ISDSC_STATUS s;

	reset();
	fake.data_len = 36;
	fake.data[0] = 0x00;		/* disk */
	fake.data[4] = 31;		/* additional length */
	memcpy(fake.data + 8, "LIO-ORG ", 8);
	rsize = sizeof(resp);
	ssize = sizeof(sense);
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	snprintf(want, sizeof(want), "%s/sg0", dev_root);
	TAP_CHECK(s == ERROR_SUCCESS && status == 0 && rsize == 36 &&
		  !memcmp(resp + 8, "LIO-ORG ", 8), "standard INQUIRY of LUN 0: 36 bytes, "
		  "status GOOD (got %s, %u)", name(s), (unsigned int)rsize);
	TAP_CHECK(!strcmp(fake.path, want), "sent to LUN 0's sg node (%s)", fake.path);
	TAP_CHECK(fake.cdb_len == 6 && fake.cdb[0] == 0x12 && fake.cdb[1] == 0 && fake.cdb[2] == 0 &&
		  fake.cdb[3] == 0 && fake.cdb[4] == 0xff && fake.dxfer_len == 255,
		  "CDB 12 00 00 00 ff 00: at least 255 bytes asked for");
	TAP_CHECK(ssize == ISDSC_SENSE_MIN, "*SenseSize is 18 without sense data");

	rsize = 8;
	memset(resp, 0xee, sizeof(resp));
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && rsize == 36 && resp[0] == 0xee,
		  "into 8 bytes: ERROR_INSUFFICIENT_BUFFER, 36 needed, nothing written");
	rsize = 0;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, NULL, &ssize, sense);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && rsize == 36,
		  "no ResponseBuffer: the size needed");

	reset();
	r.lun = 3;
	r.evpd_cmddt = 1;
	r.page_code = 0x80;
	fake.data_len = 12;
	fake.data[1] = 0x80;
	fake.data[3] = 8;		/* page length */
	memcpy(fake.data + 4, "SERIAL01", 8);
	rsize = sizeof(resp);
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	snprintf(want, sizeof(want), "%s/sdc", dev_root);
	TAP_CHECK(s == ERROR_SUCCESS && rsize == 12 && !memcmp(resp + 4, "SERIAL01", 8) &&
		  fake.cdb[1] == 1 && fake.cdb[2] == 0x80,
		  "VPD page 0x80 of LUN 3: EVPD set, page code in byte 2, 12 bytes");
	TAP_CHECK(!strcmp(fake.path, want), "a LUN without sg goes to its block device (%s)",
		  fake.path);

	r.lun = 7;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_FOUND, "LUN 7: ISDSC_DEVICE_NOT_FOUND (got %s)", name(s));
	r.lun = 4;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_FOUND, "a LUN with no device node: "
		  "ISDSC_DEVICE_NOT_FOUND (got %s)", name(s));
}

static void check_condition(void)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_READ_CAPACITY };
	static const uint8_t not_ready[18] = { 0x70, 0, 0x02, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x3a };
	UCHAR status = 0, resp[16], sense[32];
	ULONG rsize = sizeof(resp), ssize = sizeof(sense);
	ISDSC_STATUS s;

	reset();
	fake.status = 0x02;		/* CHECK CONDITION */
	memcpy(fake.sense, not_ready, sizeof(not_ready));
	fake.sense_len = sizeof(not_ready);
	memset(sense, 0, sizeof(sense));
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_SCSI_REQUEST_FAILED && status == 0x02 && ssize == 18 &&
		  !memcmp(sense, not_ready, 18), "CHECK CONDITION: ISDSC_SCSI_REQUEST_FAILED, "
		  "status 2, the 18 sense bytes (got %s)", name(s));
	TAP_CHECK(fake.cdb_len == 10 && fake.cdb[0] == 0x25 && fake.dxfer_len == 8,
		  "READ CAPACITY (10): CDB 25, 8 bytes asked for");
	ssize = 8;
	memset(sense, 0, sizeof(sense));
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_SCSI_REQUEST_FAILED && ssize == 18 && !memcmp(sense, not_ready, 8) &&
		  !sense[8], "a short SenseBuffer gets what fits, *SenseSize the 18 needed");
	ssize = 0;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, NULL);
	TAP_CHECK(s == ISDSC_SCSI_REQUEST_FAILED && ssize == 18, "no SenseBuffer: the size needed");

	reset();
	fake.data_len = 8;
	memcpy(fake.data, (const uint8_t[]){ 0, 0x0f, 0xff, 0xff, 0, 0, 2, 0 }, 8);
	rsize = sizeof(resp);
	ssize = sizeof(sense);
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_SUCCESS && status == 0 && rsize == 8 && resp[1] == 0x0f &&
		  resp[6] == 2, "READ CAPACITY: the 8 bytes (last LBA, block length)");
	rsize = 4;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && rsize == 8, "into 4 bytes: 8 needed");
}

static void report_luns(void)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_REPORT_LUNS, .any_lun = true };
	UCHAR status = 0, sense[32], *resp = malloc(8192);
	ULONG rsize = 8192, ssize = sizeof(sense);
	ISDSC_STATUS s;
	char want[600];

	reset();
	/* 600 LUNs: 4808 bytes, more than the 4096 first asked for. */
	fake.data_len = 8 + 600 * 8;
	fake.data[0] = 0;
	fake.data[1] = 0;
	fake.data[2] = (600 * 8) >> 8;
	fake.data[3] = (600 * 8) & 0xff;
	for (int i = 0; i < 600; i++)
		fake.data[8 + 8 * i + 1] = (uint8_t)i;
	rsize = 100;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && rsize == 4808 && fake.calls == 2 &&
		  fake.dxfer_len == 4808, "REPORT LUNS into 100 bytes: asked again for all, 4808 "
		  "needed (got %s, %u, %d calls)", name(s), (unsigned int)rsize, fake.calls);
	snprintf(want, sizeof(want), "%s/sg0", dev_root);
	TAP_CHECK(fake.cdb_len == 12 && fake.cdb[0] == 0xa0 && fake.cdb[6] == 0 &&
		  fake.cdb[8] == (4808 >> 8) && fake.cdb[9] == (4808 & 0xff) &&
		  !strcmp(fake.path, want), "CDB a0, allocation length in bytes 6-9, to LUN 0");
	rsize = 8192;
	fake.calls = 0;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_SUCCESS && rsize == 4808 && fake.calls == 1 && resp[8 + 8 * 5 + 1] == 5,
		  "into 8192 bytes: one request, the whole list");
	free(resp);
}

static void failures(void)
{
	struct isdsc_scsi_req r = { .op = ISDSC_SCSI_READ_CAPACITY };
	struct isdsc_session_rec none;
	UCHAR status, resp[16], sense[32];
	ULONG rsize = sizeof(resp), ssize = sizeof(sense);
	ISDSC_STATUS s;

	reset();
	fake.err = -EACCES;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_ACCESS_DENIED, "a device node we may not open: ERROR_ACCESS_DENIED "
		  "(got %s)", name(s));
	reset();
	fake.host_status = 0x03;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ERROR_TIMEOUT, "DID_TIME_OUT: ERROR_TIMEOUT (got %s)", name(s));
	reset();
	fake.host_status = 0x01;
	s = isdsc_scsi_send(&session, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_TRANSPORT_ERROR, "DID_NO_CONNECT: ISDSC_TRANSPORT_ERROR (got %s)",
		  name(s));
	memset(&none, 0, sizeof(none));
	s = isdsc_scsi_send(&none, &r, &status, &rsize, resp, &ssize, sense);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_FOUND, "a session without a SCSI host: "
		  "ISDSC_DEVICE_NOT_FOUND");
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int main(void)
{
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 2;
	}
	snprintf(sys_root, sizeof(sys_root), "%s/sys", dir);
	snprintf(dev_root, sizeof(dev_root), "%s/dev", dir);
	mkdirs(dev_root);
	device("6:0:0:0", "sg0", "sdb");
	device("6:0:0:3", NULL, "sdc");
	device("6:0:0:4", NULL, NULL);
	setenv(ISDSC_SYSFS_ROOT_ENV, sys_root, 1);
	setenv(ISDSC_DEV_ROOT_ENV, dev_root, 1);
	isdsc_sg_io = fake_sg_io;
	memset(&session, 0, sizeof(session));
	session.have_host_no = true;
	session.host_no = 6;

	arguments();
	inquiry();
	check_condition();
	report_luns();
	failures();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
