/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The SCSI devices of a session (GetDevicesForIScsiSessionA/W), found in
 * sysfs under the session's SCSI host, and their Windows description.
 *
 * sysfs is read below $ISCSI_MCS_SYSFS_ROOT (default "/sys") and device
 * nodes are named below $ISCSI_MCS_DEV_ROOT (default "/dev"), so that
 * tests can fake both in a directory of their own.
 */
#ifndef ISDSC_DEVICES_H
#define ISDSC_DEVICES_H

#include <stddef.h>
#include <stdint.h>

#include "iscsidsc.h"

#define ISDSC_SYSFS_ROOT_ENV	"ISCSI_MCS_SYSFS_ROOT"
#define ISDSC_DEV_ROOT_ENV	"ISCSI_MCS_DEV_ROOT"

/* Longest path the library builds below either root. */
#define ISDSC_DEV_PATH_MAX	1024

/* One SCSI device: H:C:T:L and what the kernel made of it. */
struct isdsc_device {
	uint32_t host, channel, target;
	uint64_t lun;
	uint32_t scsi_type;		/* peripheral device type (sysfs "type") */
	char block[64];			/* "sdb", "" when not a block device */
	char sg[64];			/* "sg1", "" without the sg driver */
	uint32_t major, minor;		/* of the block device, else of sg */
	char legacy[MAX_PATH];		/* LegacyName: "/dev/sdb" */
	char interface[MAX_PATH];	/* DeviceInterfaceName */
	DEVICE_TYPE device_type;	/* FILE_DEVICE_* */
	GUID interface_type;		/* GUID_DEVINTERFACE_* */
	ULONG device_number;		/* STORAGE_DEVICE_NUMBER.DeviceNumber */
	DWORD device_instance;
};

/*
 * Every device of SCSI host host_no, ordered by channel, target and LUN,
 * into a malloc()ed array (NULL when there is none). A host that does
 * not exist has no devices; an unreadable sysfs is an error.
 */
ISDSC_STATUS isdsc_devices_of_host(uint32_t host_no, struct isdsc_device **out, size_t *n);

/*
 * DeviceNumber of a block device from its major and minor numbers: for
 * the sd driver the disk's index (sda 0, sdb 1, ..., sdaa 26), which is
 * what the major and the minor encode; for any other driver the minor.
 */
ULONG isdsc_device_number(uint32_t major, uint32_t minor);

/*
 * Fills the caller's array the way GetDevicesForIScsiSessionA/W do: *count
 * is its length in and the number of devices out; ERROR_INSUFFICIENT_BUFFER
 * when it is too short. initiator and target are the session's names.
 */
ISDSC_STATUS isdsc_devices_fillA(const struct isdsc_device *d, size_t n, const char *initiator,
				 const char *target, ULONG *count, ISCSI_DEVICE_ON_SESSIONA *out);
ISDSC_STATUS isdsc_devices_fillW(const struct isdsc_device *d, size_t n, const char *initiator,
				 const char *target, ULONG *count, ISCSI_DEVICE_ON_SESSIONW *out);

#endif /* ISDSC_DEVICES_H */
