// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The persistently bound devices (Add/RemovePersistentIScsiDeviceA/W,
 * ReportPersistentIScsiDevicesA/W, ClearPersistentIScsiDevices) in a
 * temporary node database over a fake sysfs: the test's own directory
 * stands for a mount point, and sysfs' dev/block entry of its file system
 * is pointed at an iSCSI disk of a target with or without a persistent
 * login, at a device-mapper device made of one, or at no session at all.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "devices.h"
#include "iscsidsc.h"
#include "iscsidsc/nodedb.h"
#include "pdevices.h"
#include "fixture.h"
#include "tap.h"

static char dir[] = "/tmp/isdsc-pdevices-XXXXXX";
static char sys_root[256], mnt[256], mnt2[256], devlink[512];
static unsigned int fs_major, fs_minor;

static const char persistent[] = "iqn.2003-01.org.example:boot";
static const char manual[] = "iqn.2003-01.org.example:manual";

static void record(const char *target, const char *startup)
{
	struct iscsi_mcs_node_id id;
	struct iscsi_mcs_rec *rec = NULL;
	int err;

	memset(&id, 0, sizeof(id));
	strcpy(id.target, target);
	strcpy(id.address, "192.0.2.1");
	id.port = 3260;
	id.tpgt = 1;
	strcpy(id.iface, "default");
	err = iscsi_mcs_node_new(NULL, &id, &rec);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.startup", startup);
	if (!err)
		err = iscsi_mcs_node_write(NULL, rec);
	iscsi_mcs_rec_free(rec);
	if (err) {
		fprintf(stderr, "cannot write the record of %s: %s\n", target, strerror(-err));
		exit(2);
	}
}

/* Points sysfs' entry of the test directory's file system at target. */
static void fs_is(const char *target)
{
	unlink(devlink);
	if (symlink(target, devlink)) {
		perror(devlink);
		exit(2);
	}
}

static void setup(void)
{
	char path[512];
	struct stat st;

	snprintf(sys_root, sizeof(sys_root), "%s/sys", dir);
	snprintf(mnt, sizeof(mnt), "%s/mnt", dir);
	snprintf(mnt2, sizeof(mnt2), "%s/mnt2", dir);
	mkdirs(mnt);
	mkdirs(mnt2);
	if (stat(mnt, &st)) {
		perror(mnt);
		exit(2);
	}
	fs_major = major(st.st_dev);
	fs_minor = minor(st.st_dev);
	snprintf(path, sizeof(path), "%s/dev/block", sys_root);
	mkdirs(path);
	snprintf(devlink, sizeof(devlink), "%s/dev/block/%u:%u", sys_root, fs_major, fs_minor);

	/* Sessions 3 (a target that logs in at boot) and 4 (one that does not). */
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session3", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session3/targetname", sys_root);
	write_file(path, "iqn.2003-01.org.example:boot\n");
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session4", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/class/iscsi_session/session4/targetname", sys_root);
	write_file(path, "iqn.2003-01.org.example:manual\n");
	record(persistent, "automatic");
	record(manual, "manual");

	/* A device-mapper device 253:7 built from 8:16, a disk of session 3. */
	snprintf(path, sizeof(path), "%s/devices/virtual/block/dm-7/slaves/sdb", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/devices/virtual/block/dm-7/slaves/sdb/dev", sys_root);
	write_file(path, "8:16\n");
	snprintf(path, sizeof(path), "%s/dev/block/8:16", sys_root);
	if (symlink("../../devices/platform/host5/session3/target5:0:0/5:0:0:1/block/sdb", path)) {
		perror(path);
		exit(2);
	}
	setenv(ISDSC_SYSFS_ROOT_ENV, sys_root, 1);
}

static void checks(void)
{
	ISDSC_STATUS s;

	fs_is("../../devices/platform/host5/session4/target5:0:0/5:0:0:2/block/sdc/sdc1");
	s = isdsc_pdev_check(mnt);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "a partition of a session without a "
		  "persistent login: ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT (got %s)", name(s));
	fs_is("../../devices/pci0000:00/0000:00:1f.2/ata1/host0/target0:0:0/0:0:0:0/block/sda/sda2");
	s = isdsc_pdev_check(mnt);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "a local disk: "
		  "ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT (got %s)", name(s));
	fs_is("../../devices/virtual/block/dm-7");
	s = isdsc_pdev_check(mnt);
	TAP_CHECK(s == ERROR_SUCCESS, "a device-mapper device built from a disk of a persistent "
		  "login (got %s: %s)", name(s), IScsiMcsLastErrorText());
	s = isdsc_pdev_check("/dev/null");
	TAP_CHECK(s == ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "a character device: "
		  "ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT (got %s)", name(s));
	s = isdsc_pdev_check("/nonexistent/path");
	TAP_CHECK(s == ISDSC_DEVICE_NOT_FOUND, "no such path: ISDSC_DEVICE_NOT_FOUND (got %s)",
		  name(s));
	fs_is("../../devices/platform/host5/session3/target5:0:0/5:0:0:1/block/sdb/sdb1");
	s = isdsc_pdev_check(mnt);
	TAP_CHECK(s == ERROR_SUCCESS, "a partition of a persistent login's disk (got %s: %s)",
		  name(s), IScsiMcsLastErrorText());
}

static void list(void)
{
	char want[600], path[512], got[1200];
	WCHAR w[600];
	ULONG size = 0;
	ISDSC_STATUS s;
	struct stat st;
	size_t n;

	s = ReportPersistentIScsiDevicesA(&size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == 1, "no list: one character, the "
		  "final NUL, needed (got %s, %u)", name(s), (unsigned int)size);
	s = ReportPersistentIScsiDevicesA(&size, got);
	TAP_CHECK(s == ERROR_SUCCESS && size == 1 && !got[0], "no list: the empty list");

	TAP_CHECK(AddPersistentIScsiDeviceA(NULL) == ERROR_INVALID_PARAMETER &&
		  AddPersistentIScsiDeviceA((PSTR)"") == ERROR_INVALID_PARAMETER &&
		  AddPersistentIScsiDeviceA((PSTR)"mnt") == ERROR_INVALID_PARAMETER,
		  "NULL, empty or relative DevicePath: ERROR_INVALID_PARAMETER");
	w[0] = 0xdc00;
	w[1] = 0;
	TAP_CHECK(AddPersistentIScsiDeviceW(w) == ERROR_INVALID_PARAMETER &&
		  RemovePersistentIScsiDeviceW(NULL) == ERROR_INVALID_PARAMETER,
		  "W: an unpaired surrogate or NULL: ERROR_INVALID_PARAMETER");

	s = AddPersistentIScsiDeviceA(mnt);
	TAP_CHECK(s == ERROR_SUCCESS, "AddPersistentIScsiDeviceA of the mount point (got %s: %s)",
		  name(s), IScsiMcsLastErrorText());
	snprintf(path, sizeof(path), "%s/" ISDSC_PDEV_FILE, dir);
	TAP_CHECK(stat(path, &st) == 0 && (st.st_mode & 07777) == 0644,
		  "kept in %s beside the node records, mode 0644", ISDSC_PDEV_FILE);
	snprintf(want, sizeof(want), "%s/", mnt);
	s = AddPersistentIScsiDeviceA(want);
	TAP_CHECK(s == ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND, "again, with a trailing slash: "
		  "ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND (got %s)", name(s));
	fs_is("../../devices/platform/host5/session4/target5:0:0/5:0:0:2/block/sdc");
	s = AddPersistentIScsiDeviceA(mnt2);
	TAP_CHECK(s == ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "a mount point on a session without "
		  "a persistent login is refused (got %s)", name(s));
	fs_is("../../devices/virtual/block/dm-7");
	wide(w, mnt2);
	s = AddPersistentIScsiDeviceW(w);
	TAP_CHECK(s == ERROR_SUCCESS, "AddPersistentIScsiDeviceW of a mount point on dm (got %s)",
		  name(s));

	n = (size_t)snprintf(want, sizeof(want), "%s%c%s%c", mnt, 0, mnt2, 0) + 1;
	size = 4;
	s = ReportPersistentIScsiDevicesA(&size, got);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == n, "Report into 4 characters: %zu "
		  "needed (got %u)", n, (unsigned int)size);
	s = ReportPersistentIScsiDevicesA(&size, got);
	TAP_CHECK(s == ERROR_SUCCESS && size == n && !memcmp(got, want, n),
		  "ReportPersistentIScsiDevicesA: both, in order, double NUL");
	size = 0;
	s = ReportPersistentIScsiDevicesW(&size, NULL);
	TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && size == n, "W: %zu characters needed", n);
	s = ReportPersistentIScsiDevicesW(&size, w);
	TAP_CHECK(s == ERROR_SUCCESS && w[0] == '/' && w[strlen(mnt)] == 0 && w[n - 1] == 0 &&
		  w[n - 2] == 0 && w[strlen(mnt) + 1] == '/', "ReportPersistentIScsiDevicesW: "
		  "the same in UTF-16");
	size = 8;
	TAP_CHECK(ReportPersistentIScsiDevicesA(NULL, got) == ERROR_INVALID_PARAMETER &&
		  ReportPersistentIScsiDevicesA(&size, NULL) == ERROR_INVALID_PARAMETER,
		  "Report: BufferSizeInChar NULL, or Buffer NULL with a size: "
		  "ERROR_INVALID_PARAMETER");

	s = RemovePersistentIScsiDeviceA((PSTR)"/not/listed");
	TAP_CHECK(s == ISDSC_DEVICE_NOT_FOUND, "removing what is not listed: "
		  "ISDSC_DEVICE_NOT_FOUND (got %s)", name(s));
	wide(w, mnt);
	s = RemovePersistentIScsiDeviceW(w);
	size = sizeof(got);
	TAP_CHECK(s == ERROR_SUCCESS && ReportPersistentIScsiDevicesA(&size, got) == ERROR_SUCCESS &&
		  size == strlen(mnt2) + 2 && !strcmp(got, mnt2), "RemovePersistentIScsiDeviceW "
		  "leaves the other one");
	s = ClearPersistentIScsiDevices();
	size = sizeof(got);
	TAP_CHECK(s == ERROR_SUCCESS && ReportPersistentIScsiDevicesA(&size, got) == ERROR_SUCCESS &&
		  size == 1, "ClearPersistentIScsiDevices empties the list");
	unlink(path);
	TAP_CHECK(ClearPersistentIScsiDevices() == ERROR_SUCCESS, "clearing with no file is no "
		  "error");
	write_file(path, "# comment\nrelative/path\n");
	size = sizeof(got);
	s = ReportPersistentIScsiDevicesA(&size, got);
	TAP_CHECK(s == ERROR_INVALID_DATA, "a file with a relative path: ERROR_INVALID_DATA "
		  "(got %s)", name(s));
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
	setenv(ISCSI_MCS_ISCSI_DIR_ENV, dir, 1);
	setup();
	checks();
	list();
	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
