// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetDevicesForIScsiSessionA/W without a kernel: the argument checks, the
 * walk of a fake sysfs tree ($ISCSI_MCS_SYSFS_ROOT) and a fake /dev
 * ($ISCSI_MCS_DEV_ROOT), the Windows description of each device, the sd
 * device numbering, and the filling of the caller's array in both
 * encodings, ERROR_INSUFFICIENT_BUFFER included.
 */
#include <errno.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "devices.h"
#include "iscsidsc.h"
#include "module.h"
#include "tap.h"

static char dir[] = "/tmp/isdsc-devices-XXXXXX";
static char sys_root[256], dev_root[256];

static void mkdirs(const char *path)
{
	char buf[1024];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(buf, 0755);
			*p = '/';
		}
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST) {
		perror(buf);
		exit(2);
	}
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

/* One H:C:T:L device with a type and an optional block device (name, "maj:min"). */
static void fake_device(const char *hctl, int type, const char *block, const char *devnum,
			const char *sg)
{
	char path[1024], text[32];

	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s", sys_root, hctl);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/type", sys_root, hctl);
	snprintf(text, sizeof(text), "%d\n", type);
	write_file(path, text);
	if (block) {
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/block/%s", sys_root, hctl, block);
		mkdirs(path);
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/block/%s/dev", sys_root, hctl,
			 block);
		snprintf(text, sizeof(text), "%s\n", devnum);
		write_file(path, text);
	}
	if (sg) {
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/scsi_generic/%s", sys_root,
			 hctl, sg);
		mkdirs(path);
		snprintf(path, sizeof(path), "%s/bus/scsi/devices/%s/scsi_generic/%s/dev",
			 sys_root, hctl, sg);
		write_file(path, block ? "21:1\n" : "21:7\n");
	}
}

static bool guid_is(const GUID *g, ULONG data1)
{
	static const UCHAR tail[8] = { 0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b };

	return g->Data1 == data1 && g->Data2 == 0xb6bf && g->Data3 == 0x11d0 &&
	       !memcmp(g->Data4, tail, 8);
}

static bool wide_is(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (unsigned char)s[i])
			return false;
	return w[i] == 0;
}

static void numbering(void)
{
	TAP_CHECK(isdsc_device_number(8, 0) == 0, "sda (8:0) is disk 0");
	TAP_CHECK(isdsc_device_number(8, 16) == 1, "sdb (8:16) is disk 1");
	TAP_CHECK(isdsc_device_number(8, 240) == 15, "sdp (8:240) is disk 15");
	TAP_CHECK(isdsc_device_number(65, 0) == 16, "sdq (65:0) is disk 16");
	TAP_CHECK(isdsc_device_number(65, 160) == 26, "sdaa (65:160) is disk 26");
	TAP_CHECK(isdsc_device_number(71, 240) == 127, "disk 127 is 71:240");
	TAP_CHECK(isdsc_device_number(128, 0) == 128, "disk 128 is 128:0");
	TAP_CHECK(isdsc_device_number(135, 240) == 255, "disk 255 is 135:240");
	TAP_CHECK(isdsc_device_number(8, 256) == 256, "disk 256 is 8:256 (the minor's upper bits)");
	TAP_CHECK(isdsc_device_number(8, 17) == 1, "a partition (8:17) numbers its disk");
	TAP_CHECK(isdsc_device_number(11, 3) == 3, "another driver (sr, 11:3): the minor");
}

static void walk(void)
{
	struct isdsc_device *d = NULL;
	size_t n = 99;
	char path[1024], link[1024];
	ISDSC_STATUS s;

	s = isdsc_devices_of_host(7, &d, &n);
	TAP_CHECK(s == ERROR_SUCCESS && n == 0 && !d, "no bus/scsi/devices at all: no device (%s)",
		  IScsiMcsStatusName(s));

	/* host 7: two LUNs of target 0 (given out of order), a CD-ROM, a changer without block device */
	fake_device("7:0:0:1", 0, "sdc", "8:32", "sg2");
	fake_device("7:0:0:0", 0, "sdb", "8:16", "sg1");
	fake_device("7:0:1:0", 5, "sr0", "11:0", NULL);
	fake_device("7:0:2:0", 8, NULL, NULL, "sg7");
	/* another host's disk, a target and the host itself: not listed */
	fake_device("3:0:0:0", 0, "sda", "8:0", NULL);
	snprintf(path, sizeof(path), "%s/bus/scsi/devices/target7:0:0", sys_root);
	mkdirs(path);
	snprintf(path, sizeof(path), "%s/bus/scsi/devices/host7", sys_root);
	mkdirs(path);
	/* udev's by-path link to sdb, and one to a partition of sdc */
	snprintf(path, sizeof(path), "%s/disk/by-path", dev_root);
	mkdirs(path);
	snprintf(link, sizeof(link), "%s/disk/by-path/ip-127.0.0.1:3260-iscsi-iqn.x:t-lun-0",
		 dev_root);
	if (symlink("../../sdb", link) < 0)
		perror(link);
	snprintf(link, sizeof(link), "%s/disk/by-path/ip-127.0.0.1:3260-iscsi-iqn.x:t-lun-1-part1",
		 dev_root);
	if (symlink("../../sdc1", link) < 0)
		perror(link);

	s = isdsc_devices_of_host(7, &d, &n);
	TAP_CHECK(s == ERROR_SUCCESS && n == 4, "host 7 has 4 devices (got %zu, %s)", n,
		  IScsiMcsStatusName(s));
	if (s != ERROR_SUCCESS || n != 4) {
		free(d);
		return;
	}
	TAP_CHECK(d[0].target == 0 && d[0].lun == 0 && d[1].lun == 1 && d[2].target == 1 &&
		  d[3].target == 2, "ordered by target and LUN");
	TAP_CHECK(d[0].host == 7 && d[0].channel == 0, "H and C of 7:0:0:0");
	TAP_CHECK(!strcmp(d[0].block, "sdb") && d[0].major == 8 && d[0].minor == 16,
		  "7:0:0:0 is sdb, 8:16");
	snprintf(path, sizeof(path), "%s/sdb", dev_root);
	TAP_CHECK(!strcmp(d[0].legacy, path), "LegacyName of sdb is %s (%s)", path, d[0].legacy);
	snprintf(path, sizeof(path), "%s/disk/by-path/ip-127.0.0.1:3260-iscsi-iqn.x:t-lun-0",
		 dev_root);
	TAP_CHECK(!strcmp(d[0].interface, path), "DeviceInterfaceName of sdb is its by-path link");
	snprintf(path, sizeof(path), "%s/sdc", dev_root);
	TAP_CHECK(!strcmp(d[1].interface, path), "a partition's link is not the disk's: sdc's "
		  "DeviceInterfaceName is its node (%s)", d[1].interface);
	TAP_CHECK(d[0].device_type == FILE_DEVICE_DISK && guid_is(&d[0].interface_type, 0x53f56307),
		  "a disk: FILE_DEVICE_DISK, GUID_DEVINTERFACE_DISK");
	TAP_CHECK(d[0].device_number == 1 && d[1].device_number == 2,
		  "DeviceNumber: sdb 1, sdc 2");
	TAP_CHECK(d[0].device_instance == (8u << 20 | 16), "DeviceInstance: the kernel's dev_t");
	TAP_CHECK(d[2].device_type == FILE_DEVICE_CD_ROM && guid_is(&d[2].interface_type, 0x53f56308)
		  && !strcmp(d[2].block, "sr0") && d[2].device_number == 0,
		  "a CD-ROM: FILE_DEVICE_CD_ROM, GUID_DEVINTERFACE_CDROM, sr0, number 0");
	snprintf(path, sizeof(path), "%s/sg7", dev_root);
	TAP_CHECK(d[3].device_type == FILE_DEVICE_CHANGER && !d[3].block[0] &&
		  !strcmp(d[3].legacy, path) && d[3].device_number == 7,
		  "a changer without block device: FILE_DEVICE_CHANGER, its sg node");

	/* ---- the caller's array ---- */
	{
		ISCSI_DEVICE_ON_SESSIONA a[4];
		ISCSI_DEVICE_ON_SESSIONW *w = calloc(4, sizeof(*w));
		ULONG count = 0;

		s = isdsc_devices_fillA(d, n, "iqn.x:i", "iqn.x:t", &count, NULL);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 4,
			  "A, count 0: ERROR_INSUFFICIENT_BUFFER, *DeviceCount 4 (%u)",
			  (unsigned int)count);
		count = 3;
		s = isdsc_devices_fillW(d, n, "iqn.x:i", "iqn.x:t", &count, w);
		TAP_CHECK(s == ERROR_INSUFFICIENT_BUFFER && count == 4,
			  "W, count 3: ERROR_INSUFFICIENT_BUFFER, *DeviceCount 4");
		count = 4;
		memset(a, 0xAA, sizeof(a));
		s = isdsc_devices_fillA(d, n, "iqn.x:i", "iqn.x:t", &count, a);
		TAP_CHECK(s == ERROR_SUCCESS && count == 4, "A, count 4: filled");
		snprintf(path, sizeof(path), "%s/sdb", dev_root);
		TAP_CHECK(!strcmp(a[0].InitiatorName, "iqn.x:i") && !strcmp(a[0].TargetName, "iqn.x:t"),
			  "A: the session's names");
		TAP_CHECK(a[0].ScsiAddress.Length == 8 && a[0].ScsiAddress.PortNumber == 7 &&
			  a[0].ScsiAddress.PathId == 0 && a[0].ScsiAddress.TargetId == 0 &&
			  a[1].ScsiAddress.Lun == 1 && a[2].ScsiAddress.TargetId == 1,
			  "A: ScsiAddress is host, channel, target, LUN");
		TAP_CHECK(!strcmp(a[0].LegacyName, path), "A: LegacyName %s", a[0].LegacyName);
		TAP_CHECK(a[0].StorageDeviceNumber.DeviceType == FILE_DEVICE_DISK &&
			  a[0].StorageDeviceNumber.DeviceNumber == 1 &&
			  a[0].StorageDeviceNumber.PartitionNumber == 0,
			  "A: StorageDeviceNumber disk 1, partition 0");
		TAP_CHECK(guid_is(&a[0].DeviceInterfaceType, 0x53f56307), "A: DeviceInterfaceType");
		TAP_CHECK(a[0].DeviceInstance == (8u << 20 | 16), "A: DeviceInstance");
		s = isdsc_devices_fillW(d, n, "iqn.x:i", "iqn.x:t", &count, w);
		TAP_CHECK(s == ERROR_SUCCESS && wide_is(w[0].LegacyName, path) &&
			  wide_is(w[0].TargetName, "iqn.x:t") && wide_is(w[0].InitiatorName, "iqn.x:i") &&
			  w[1].ScsiAddress.Lun == 1 && w[3].StorageDeviceNumber.DeviceType ==
			  FILE_DEVICE_CHANGER, "W: the same in UTF-16");
		free(w);
	}
	free(d);

	s = isdsc_devices_of_host(3, &d, &n);
	TAP_CHECK(s == ERROR_SUCCESS && n == 1 && !strcmp(d[0].block, "sda") &&
		  !strcmp(d[0].interface, d[0].legacy),
		  "host 3: sda alone, no by-path link: DeviceInterfaceName is LegacyName");
	free(d);
	s = isdsc_devices_of_host(70, &d, &n);
	TAP_CHECK(s == ERROR_SUCCESS && n == 0, "host 70 (no such host; 7 is a prefix of it): none");
}

static void arguments(void)
{
	ISCSI_UNIQUE_SESSION_ID id = { 1, 2 };
	ISCSI_DEVICE_ON_SESSIONA a;
	ULONG count = 1;
	ISDSC_STATUS s;

	s = GetDevicesForIScsiSessionA(NULL, &count, &a);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "UniqueSessionId"),
		  "UniqueSessionId NULL: ERROR_INVALID_PARAMETER");
	s = GetDevicesForIScsiSessionW(&id, NULL, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "DeviceCount"),
		  "W, DeviceCount NULL: ERROR_INVALID_PARAMETER");
	s = GetDevicesForIScsiSessionA(&id, &count, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "Devices"),
		  "Devices NULL with *DeviceCount 1: ERROR_INVALID_PARAMETER");
	count = 0;
	s = GetDevicesForIScsiSessionA(&id, &count, NULL);
	if (module_loaded())
		TAP_CHECK(s == ISDSC_INVALID_SESSION_ID, "an unknown session: ISDSC_INVALID_SESSION_ID");
	else
		TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING, "valid arguments reach the kernel: "
			  "ISDSC_SERVICE_NOT_RUNNING without the module (%s)", IScsiMcsStatusName(s));
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
	mkdirs(sys_root);
	mkdirs(dev_root);
	setenv(ISDSC_SYSFS_ROOT_ENV, sys_root, 1);
	setenv(ISDSC_DEV_ROOT_ENV, dev_root, 1);

	numbering();
	walk();
	arguments();

	nftw(dir, remove_entry, 8, FTW_DEPTH | FTW_PHYS);
	return tap_done();
}
