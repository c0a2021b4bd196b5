// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * ReportActiveIScsiTargetMappingsA/W without a kernel: made-up sessions
 * over a fake sysfs ($ISCSI_MCS_SYSFS_ROOT), one whose SCSI host the
 * module named and one found through class/iscsi_session/sessionN/device;
 * the grouping by channel and target id, the SAM TargetLUN, the LUN lists
 * after the array, the size protocol in both encodings, and the public
 * functions' argument rules.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "devices.h"
#include "iscsidsc.h"
#include "mappings.h"
#include "session.h"
#include "fixture.h"
#include "tap.h"

static char dir[] = "/tmp/isdsc-mappings-XXXXXX";
static char sys_root[256];

static union {
	uint8_t b[16384];
	ULONGLONG align;
} buf;

static void device(const char *hctl)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s", sys_root, hctl);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/type", sys_root, hctl);
	f = fopen(path, "w");
	if (!f || fputs("0\n", f) < 0 || fclose(f)) {
		perror(path);
		exit(2);
	}
}

static bool wide_is(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (unsigned char)s[i])
			return false;
	return w[i] == 0;
}

static struct isdsc_session_rec sessions[3];
static struct isdsc_session_list live = { .n = 3, .s = sessions };

static void setup(void)
{
	char path[1024], target[1024];

	snprintf(sys_root, sizeof(sys_root), "%s/sys", dir);
	/* Host 3: the module named it; LUNs 0, 1 and 16384 at 0:0, LUN 5 at 1:4. */
	device("3:0:0:1");
	device("3:0:0:0");
	device("3:0:0:16384");
	device("3:1:4:5");
	/* Host 9: only sysfs' class/iscsi_session knows it. */
	device("9:0:0:0");
	device("10:0:0:0");
	snprintf(path, sizeof(path), "%s/devices/platform/host9/session4", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session4", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session4/device", sys_root);
	snprintf(target, sizeof(target), "../../../devices/platform/host9/session4");
	if (symlink(target, path)) {
		perror(path);
		exit(2);
	}
	setenv(ISDSC_SYSFS_ROOT_ENV, sys_root, 1);

	memset(sessions, 0, sizeof(sessions));
	memset(sessions[0].id, 0xaa, sizeof(sessions[0].id));
	strcpy(sessions[0].target_name, "iqn.2003-01.org.example:a");
	sessions[0].have_host_no = true;
	sessions[0].host_no = 3;
	memset(sessions[1].id, 0xbb, sizeof(sessions[1].id));
	strcpy(sessions[1].target_name, "iqn.2003-01.org.example:b");
	sessions[1].have_class_sid = true;
	sessions[1].class_sid = 4;
	/* Logged in, but the kernel made no SCSI host yet. */
	memset(sessions[2].id, 0xcc, sizeof(sessions[2].id));
	strcpy(sessions[2].target_name, "iqn.2003-01.org.example:c");
}

static void target_luns(void)
{
	TAP_CHECK(isdsc_target_lun(0) == 0, "LUN 0 is TargetLUN 0");
	TAP_CHECK(isdsc_target_lun(1) == 0x100, "LUN 1 is TargetLUN 0x100");
	TAP_CHECK(isdsc_target_lun(255) == 0xff00, "LUN 255 is TargetLUN 0xff00");
	TAP_CHECK(isdsc_target_lun(16384) == 0x40, "LUN 16384 (flat space 0x4000) is 0x40");
	TAP_CHECK(isdsc_target_lun(0x0102030405060708ull) == 0x0201040306050807ull,
		  "each 2-byte level big-endian, the first level first");
}

static void hosts(void)
{
	uint32_t host = 0;

	TAP_CHECK(isdsc_session_host(&sessions[0], &host) && host == 3,
		  "the host the module named");
	TAP_CHECK(isdsc_session_host(&sessions[1], &host) && host == 9,
		  "the host sysfs' class/iscsi_session/session4/device lies below");
	TAP_CHECK(!isdsc_session_host(&sessions[2], &host), "no host: none");
}

static void report(void)
{
	size_t need = 3 * sizeof(ISCSI_TARGET_MAPPINGA) + 5 * sizeof(SCSI_LUN_LIST);
	const ISCSI_TARGET_MAPPINGA *m = (const ISCSI_TARGET_MAPPINGA *)buf.b;
	const ISCSI_TARGET_MAPPINGW *w = (const ISCSI_TARGET_MAPPINGW *)buf.b;
	ULONG size = 0, count = 99;
	ISDSC_STATUS s;

	s = isdsc_active_mappings(&live, false, &size, &count, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need && count == 3,
		  "no buffer: ERROR_INSUFFICIENT_BUFFER, %zu bytes and 3 mappings (got %s, %u, %u)",
		  need, name(s), (unsigned int)size, (unsigned int)count);
	size = (ULONG)need - 1;
	s = isdsc_active_mappings(&live, false, &size, &count, buf.b);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need, "one byte short: "
		  "ERROR_INSUFFICIENT_BUFFER");
	size = sizeof(buf);
	s = isdsc_active_mappings(&live, false, &size, &count, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && size == need && count == 3, "three mappings, %zu bytes "
		  "used (got %s)", need, name(s));
	TAP_CHECK(!strcmp(m[0].TargetName, "iqn.2003-01.org.example:a") &&
		  !strcmp(m[0].OSDeviceName, "host3") && !strcmp(m[0].InitiatorName, "iscsi_mcs") &&
		  m[0].OSBusNumber == 0 && m[0].OSTargetNumber == 0 && m[0].LUNCount == 3 &&
		  m[0].SessionId.AdapterUnique == 0xaaaaaaaaaaaaaaaaull,
		  "host3 0:0: three LUNs of session a");
	TAP_CHECK(m[0].LUNList == (const SCSI_LUN_LIST *)(buf.b + 3 * sizeof(*m)) &&
		  m[0].LUNList[0].OSLUN == 0 && m[0].LUNList[1].OSLUN == 1 &&
		  m[0].LUNList[2].OSLUN == 16384 && m[0].LUNList[1].TargetLUN == 0x100 &&
		  m[0].LUNList[2].TargetLUN == 0x40,
		  "its LUNs ascending, after the array, with the SAM TargetLUN");
	TAP_CHECK(m[1].OSBusNumber == 1 && m[1].OSTargetNumber == 4 && m[1].LUNCount == 1 &&
		  m[1].LUNList == m[0].LUNList + 3 && m[1].LUNList[0].OSLUN == 5,
		  "host3 1:4: a mapping of its own");
	TAP_CHECK(!strcmp(m[2].OSDeviceName, "host9") &&
		  !strcmp(m[2].TargetName, "iqn.2003-01.org.example:b") && m[2].LUNCount == 1 &&
		  m[2].SessionId.AdapterSpecific == 0xbbbbbbbbbbbbbbbbull,
		  "session b through class/iscsi_session: host9");

	size = 0;
	s = isdsc_active_mappings(&live, true, &size, &count, NULL);
	need = 3 * sizeof(ISCSI_TARGET_MAPPINGW) + 5 * sizeof(SCSI_LUN_LIST);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == need, "W: %zu bytes needed", need);
	s = isdsc_active_mappings(&live, true, &size, &count, buf.b);
	TAP_CHECK(s == ERROR_SUCCESS && wide_is(w[0].OSDeviceName, "host3") &&
		  wide_is(w[2].TargetName, "iqn.2003-01.org.example:b") &&
		  wide_is(w[1].InitiatorName, "iscsi_mcs") &&
		  w[0].LUNList == (const SCSI_LUN_LIST *)(buf.b + 3 * sizeof(*w)) &&
		  w[2].LUNList == w[0].LUNList + 4, "W: the same, in UTF-16");

	live.n = 0;
	size = 0;
	s = isdsc_active_mappings(&live, false, &size, &count, NULL);
	TAP_CHECK(s == ERROR_SUCCESS && size == 0 && count == 0,
		  "no session: success, nothing, with no buffer");
	live.n = 3;
}

static void arguments(void)
{
	ULONG size = 0, count = 0;
	ISDSC_STATUS s;

	s = ReportActiveIScsiTargetMappingsA(NULL, &count, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "BufferSize NULL: ERROR_INVALID_PARAMETER");
	s = ReportActiveIScsiTargetMappingsW(&size, NULL, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "MappingCount NULL: ERROR_INVALID_PARAMETER");
	size = 16;
	s = ReportActiveIScsiTargetMappingsA(&size, &count, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && size == 16,
		  "Mappings NULL with *BufferSize 16: ERROR_INVALID_PARAMETER");
	size = sizeof(ISCSI_TARGET_MAPPINGA);
	s = ReportActiveIScsiTargetMappingsA(&size, &count,
					     (PISCSI_TARGET_MAPPINGA)(void *)(buf.b + 4));
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "Mappings not 8-aligned: ERROR_INVALID_PARAMETER");
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
	setup();
	target_luns();
	hosts();
	report();
	arguments();
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
