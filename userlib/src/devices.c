// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetDevicesForIScsiSessionA/W: the SCSI devices of a session.
 *
 * SESSION_GET names the session's SCSI host (ISCSI_MCS_SESSION_A_HOST_NO);
 * its devices are the H:C:T:L entries of sysfs' bus/scsi/devices whose H
 * is that host. For each: the peripheral device type (the "type" file),
 * the block device the upper driver made of it (block/NAME/dev: sd for
 * disks, sr for CD-ROMs) or else its scsi_generic node, and a
 * /dev/disk/by-path link to it when udev made one. Windows' fields are
 * filled from these as libiscsidsc(3) and GetDevicesForIScsiSession(3)
 * describe.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/genl.h>

#include "devices.h"
#include "errmap.h"
#include "internal.h"
#include "mcs.h"
#include "session.h"
#include "utf16.h"

/* SCSI peripheral device types (SPC-4 table 49). */
#define SCSI_TYPE_DISK		0x00
#define SCSI_TYPE_TAPE		0x01
#define SCSI_TYPE_WORM		0x04
#define SCSI_TYPE_ROM		0x05
#define SCSI_TYPE_OPTICAL	0x07
#define SCSI_TYPE_CHANGER	0x08
#define SCSI_TYPE_RBC		0x0e
#define SCSI_TYPE_UNKNOWN	0x1f

/* The winioctl.h / ntddstor.h interface classes, {53f563NN-b6bf-11d0-94f2-00a0c91efb8b}. */
#define STORAGE_GUID(n) { 0x53f56300u + (n), 0xb6bf, 0x11d0, \
			  { 0x94, 0xf2, 0x00, 0xa0, 0xc9, 0x1e, 0xfb, 0x8b } }
static const GUID guid_disk = STORAGE_GUID(0x07);
static const GUID guid_cdrom = STORAGE_GUID(0x08);
static const GUID guid_tape = STORAGE_GUID(0x0b);
static const GUID guid_writeoncedisk = STORAGE_GUID(0x0c);
static const GUID guid_mediumchanger = STORAGE_GUID(0x10);

static const char *root(const char *env, const char *dflt)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *r = secure_getenv(env);

	return r && *r ? r : dflt;
}

/* snprintf into a path buffer; false if it did not fit. */
static bool ISDSC_PRINTF(3, 4) path_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n >= 0 && (size_t)n < size;
}

/* The first line of a small sysfs file, without its newline; false if unreadable. */
static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* The one entry of directory path (block/, scsi_generic/), "" if none. */
static void only_entry(const char *path, char *name, size_t size)
{
	DIR *d = opendir(path);
	struct dirent *e;

	name[0] = '\0';
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		if (strlen(e->d_name) < size)
			strcpy(name, e->d_name);
		break;
	}
	closedir(d);
}

static bool read_devnum(const char *path, uint32_t *major, uint32_t *minor)
{
	char line[64];
	unsigned int ma, mi;
	int end = 0;

	if (!read_line(path, line, sizeof(line)) ||
	    sscanf(line, "%u:%u%n", &ma, &mi, &end) != 2 || line[end])
		return false;
	*major = ma;
	*minor = mi;
	return true;
}

ULONG isdsc_device_number(uint32_t major, uint32_t minor)
{
	uint32_t group;

	/* sd's 16 majors, 16 disks each, then the minor's upper bits (sd.c). */
	if (major == 8)
		group = 0;
	else if (major >= 65 && major <= 71)
		group = major - 64;
	else if (major >= 128 && major <= 135)
		group = major - 120;
	else
		return minor;
	return (minor & 0xfff00u) | group << 4 | ((minor >> 4) & 0xfu);
}

static void classify(struct isdsc_device *d)
{
	static const GUID none;

	switch (d->scsi_type) {
	case SCSI_TYPE_DISK:
	case SCSI_TYPE_OPTICAL:
	case SCSI_TYPE_RBC:
		d->device_type = FILE_DEVICE_DISK;
		d->interface_type = guid_disk;
		break;
	case SCSI_TYPE_WORM:
		d->device_type = FILE_DEVICE_DISK;
		d->interface_type = guid_writeoncedisk;
		break;
	case SCSI_TYPE_ROM:
		d->device_type = FILE_DEVICE_CD_ROM;
		d->interface_type = guid_cdrom;
		break;
	case SCSI_TYPE_TAPE:
		d->device_type = FILE_DEVICE_TAPE;
		d->interface_type = guid_tape;
		break;
	case SCSI_TYPE_CHANGER:
		d->device_type = FILE_DEVICE_CHANGER;
		d->interface_type = guid_mediumchanger;
		break;
	default:
		d->device_type = FILE_DEVICE_CONTROLLER;
		d->interface_type = none;
		break;
	}
}

/* A /dev/disk/by-path link to the block device, if udev made one. */
static bool by_path_link(const char *dev_root, const char *block, char *out, size_t size)
{
	char dir[ISDSC_DEV_PATH_MAX], link[ISDSC_DEV_PATH_MAX], target[ISDSC_DEV_PATH_MAX];
	struct dirent **names = NULL;
	bool found = false;
	int n;

	if (!path_fmt(dir, sizeof(dir), "%s/disk/by-path", dev_root))
		return false;
	n = scandir(dir, &names, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		const char *base;
		ssize_t len;

		if (!found && names[i]->d_name[0] != '.' &&
		    path_fmt(link, sizeof(link), "%s/%s", dir, names[i]->d_name)) {
			len = readlink(link, target, sizeof(target) - 1);
			if (len > 0) {
				target[len] = '\0';
				base = strrchr(target, '/');
				base = base ? base + 1 : target;
				if (!strcmp(base, block) && strlen(link) < size) {
					strcpy(out, link);
					found = true;
				}
			}
		}
		free(names[i]);
	}
	free(names);
	return found;
}

/* Fills d from sysfs directory dir; d's address is set. */
static void describe(const char *dir, struct isdsc_device *d)
{
	char path[ISDSC_DEV_PATH_MAX], line[32];
	const char *dev_root = root(ISDSC_DEV_ROOT_ENV, "/dev");
	unsigned int type;
	bool have_dev = false;
	int end = 0;

	d->scsi_type = SCSI_TYPE_UNKNOWN;
	if (path_fmt(path, sizeof(path), "%s/type", dir) && read_line(path, line, sizeof(line)) &&
	    sscanf(line, "%u%n", &type, &end) == 1 && !line[end])
		d->scsi_type = type;
	classify(d);

	if (path_fmt(path, sizeof(path), "%s/block", dir))
		only_entry(path, d->block, sizeof(d->block));
	if (path_fmt(path, sizeof(path), "%s/scsi_generic", dir))
		only_entry(path, d->sg, sizeof(d->sg));
	if (d->block[0] && path_fmt(path, sizeof(path), "%s/block/%s/dev", dir, d->block))
		have_dev = read_devnum(path, &d->major, &d->minor);
	else if (d->sg[0] && path_fmt(path, sizeof(path), "%s/scsi_generic/%s/dev", dir, d->sg))
		have_dev = read_devnum(path, &d->major, &d->minor);

	if (d->block[0] || d->sg[0]) {
		if (!path_fmt(d->legacy, sizeof(d->legacy), "%s/%s", dev_root,
			      d->block[0] ? d->block : d->sg))
			d->legacy[0] = '\0';
	}
	if (!d->block[0] || !by_path_link(dev_root, d->block, d->interface, sizeof(d->interface)))
		strcpy(d->interface, d->legacy);
	if (have_dev) {
		d->device_number = d->block[0] ? isdsc_device_number(d->major, d->minor) : d->minor;
		/* The kernel's own dev_t encoding: 12 bits of major, 20 of minor. */
		d->device_instance = (DWORD)(d->major << 20 | (d->minor & 0xfffffu));
	}
}

static int compare_devices(const void *pa, const void *pb)
{
	const struct isdsc_device *a = pa, *b = pb;

	if (a->channel != b->channel)
		return a->channel < b->channel ? -1 : 1;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	if (a->lun != b->lun)
		return a->lun < b->lun ? -1 : 1;
	return 0;
}

ISDSC_STATUS isdsc_devices_of_host(uint32_t host_no, struct isdsc_device **out, size_t *n)
{
	const char *sys = root(ISDSC_SYSFS_ROOT_ENV, "/sys");
	char dir[ISDSC_DEV_PATH_MAX], path[ISDSC_DEV_PATH_MAX];
	struct isdsc_device *list = NULL, *grown;
	size_t count = 0;
	struct dirent *e;
	DIR *d;

	*out = NULL;
	*n = 0;
	if (!path_fmt(dir, sizeof(dir), "%s/bus/scsi/devices", sys))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "$%s is too long", ISDSC_SYSFS_ROOT_ENV);
	d = opendir(dir);
	if (!d) {
		int err = errno;

		/* No SCSI bus at all: no SCSI host, hence no device. */
		if (err == ENOENT)
			return ERROR_SUCCESS;
		return isdsc_fail(isdsc_status_from_errno(err), "cannot read %s: %s", dir,
				  isdsc_strerror(err));
	}
	while ((e = readdir(d))) {
		unsigned int h, c, t;
		unsigned long long l;
		int end = 0;

		if (sscanf(e->d_name, "%u:%u:%u:%llu%n", &h, &c, &t, &l, &end) != 4 ||
		    e->d_name[end] || h != host_no)
			continue;
		if (!path_fmt(path, sizeof(path), "%s/%s", dir, e->d_name))
			continue;
		grown = realloc(list, (count + 1) * sizeof(*list));
		if (!grown) {
			closedir(d);
			free(list);
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for the devices");
		}
		list = grown;
		memset(&list[count], 0, sizeof(list[count]));
		list[count].host = h;
		list[count].channel = c;
		list[count].target = t;
		list[count].lun = l;
		describe(path, &list[count]);
		count++;
	}
	closedir(d);
	if (count)
		qsort(list, count, sizeof(*list), compare_devices);
	*out = list;
	*n = count;
	return ERROR_SUCCESS;
}

/* ---- the caller's array ---- */

static void fill_address(const struct isdsc_device *d, SCSI_ADDRESS *a)
{
	/* The SDK's fields are bytes: numbers above 255 keep their low 8 bits. */
	a->Length = sizeof(*a);
	a->PortNumber = (UCHAR)d->host;
	a->PathId = (UCHAR)d->channel;
	a->TargetId = (UCHAR)d->target;
	a->Lun = (UCHAR)d->lun;
}

static void fill_number(const struct isdsc_device *d, STORAGE_DEVICE_NUMBER *s)
{
	s->DeviceType = d->device_type;
	s->DeviceNumber = d->device_number;
	s->PartitionNumber = 0;		/* the whole device */
}

static ISDSC_STATUS check_count(size_t n, ULONG *count)
{
	ULONG have = *count;

	*count = (ULONG)n;
	if (have < n)
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the session has %zu device(s); "
				  "Devices holds %u", n, (unsigned int)have);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_devices_fillA(const struct isdsc_device *d, size_t n, const char *initiator,
				 const char *target, ULONG *count, ISCSI_DEVICE_ON_SESSIONA *out)
{
	ISDSC_STATUS status = check_count(n, count);

	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < n; i++) {
		ISCSI_DEVICE_ON_SESSIONA *o = &out[i];

		memset(o, 0, sizeof(*o));
		snprintf(o->InitiatorName, sizeof(o->InitiatorName), "%s", initiator);
		snprintf(o->TargetName, sizeof(o->TargetName), "%s", target);
		fill_address(&d[i], &o->ScsiAddress);
		o->DeviceInterfaceType = d[i].interface_type;
		snprintf(o->DeviceInterfaceName, sizeof(o->DeviceInterfaceName), "%s",
			 d[i].interface);
		snprintf(o->LegacyName, sizeof(o->LegacyName), "%s", d[i].legacy);
		fill_number(&d[i], &o->StorageDeviceNumber);
		o->DeviceInstance = d[i].device_instance;
	}
	return ERROR_SUCCESS;
}

/* A UTF-8 string into a WCHAR array; "" if it does not convert or fit. */
static void to_wide(const char *s, WCHAR *out, size_t units)
{
	if (isdsc_utf8_to_utf16(s, strlen(s), out, units, NULL) != 0)
		out[0] = 0;
}

ISDSC_STATUS isdsc_devices_fillW(const struct isdsc_device *d, size_t n, const char *initiator,
				 const char *target, ULONG *count, ISCSI_DEVICE_ON_SESSIONW *out)
{
	ISDSC_STATUS status = check_count(n, count);

	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < n; i++) {
		ISCSI_DEVICE_ON_SESSIONW *o = &out[i];

		memset(o, 0, sizeof(*o));
		to_wide(initiator, o->InitiatorName, ISDSC_ARRAY_SIZE(o->InitiatorName));
		to_wide(target, o->TargetName, ISDSC_ARRAY_SIZE(o->TargetName));
		fill_address(&d[i], &o->ScsiAddress);
		o->DeviceInterfaceType = d[i].interface_type;
		to_wide(d[i].interface, o->DeviceInterfaceName,
			ISDSC_ARRAY_SIZE(o->DeviceInterfaceName));
		to_wide(d[i].legacy, o->LegacyName, ISDSC_ARRAY_SIZE(o->LegacyName));
		fill_number(&d[i], &o->StorageDeviceNumber);
		o->DeviceInstance = d[i].device_instance;
	}
	return ERROR_SUCCESS;
}

/* ---- GetDevicesForIScsiSessionA/W ---- */

static ISDSC_STATUS put_session_id(struct nl_msg *req, const void *arg)
{
	if (nla_put(req, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, arg) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building SESSION_GET");
	return ERROR_SUCCESS;
}

static ISDSC_STATUS devices(PISCSI_UNIQUE_SESSION_ID sid, ULONG *count, void *out, bool wide)
{
	struct isdsc_session_list list = { 0 };
	struct isdsc_device *devs = NULL;
	uint8_t id[ISCSI_MCS_ID_LEN];
	size_t n = 0;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!sid)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	if (!count)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DeviceCount is NULL");
	if (*count && !out)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Devices is NULL but *DeviceCount is %u",
				  (unsigned int)*count);
	isdsc_unique_to_id(sid, id);
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_SESSION_GET, 0, "SESSION_GET", put_session_id,
				   id, isdsc_session_parse, &list,
				   isdsc_status_from_session_refusal);
	if (status == ERROR_SUCCESS && list.n != 1)
		status = isdsc_fail(ISDSC_DRIVER_BUG, "SESSION_GET answered %zu sessions for one id",
				    list.n);
	/* A session whose SCSI host is not there (yet) has no device. */
	if (status == ERROR_SUCCESS && list.s[0].have_host_no)
		status = isdsc_devices_of_host(list.s[0].host_no, &devs, &n);
	if (status == ERROR_SUCCESS) {
		if (wide)
			status = isdsc_devices_fillW(devs, n, list.s[0].initiator_name,
						     list.s[0].target_name, count, out);
		else
			status = isdsc_devices_fillA(devs, n, list.s[0].initiator_name,
						     list.s[0].target_name, count, out);
	}
	free(devs);
	isdsc_session_list_free(&list);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetDevicesForIScsiSessionA(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONG *DeviceCount, PISCSI_DEVICE_ON_SESSIONA Devices)
{
	return devices(UniqueSessionId, DeviceCount, Devices, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetDevicesForIScsiSessionW(PISCSI_UNIQUE_SESSION_ID UniqueSessionId,
	ULONG *DeviceCount, PISCSI_DEVICE_ON_SESSIONW Devices)
{
	return devices(UniqueSessionId, DeviceCount, Devices, true);
}
