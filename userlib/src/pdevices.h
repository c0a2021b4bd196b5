/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The list of persistently bound devices (pdevices.c), reachable by the
 * unit tests.
 */
#ifndef ISDSC_PDEVICES_H
#define ISDSC_PDEVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "iscsidsc.h"

/* The file's name under the node database's root directory. */
#define ISDSC_PDEV_FILE		"iscsi-mcs-persistent-devices"
#define ISDSC_PDEV_FILE_MAX	(1 << 20)
#define ISDSC_PDEV_HEADER	"# iSCSI devices to wait for at boot (AddPersistentIScsiDevice)\n"

struct isdsc_pdev_list {
	size_t n;
	char **path;
};

void isdsc_pdev_free(struct isdsc_pdev_list *list);

/* <root>/ISDSC_PDEV_FILE into buf; NULL when it does not fit. */
const char *isdsc_pdev_file(char *buf, size_t size);

/* Reads the list; no file is an empty list (*exists false). */
ISDSC_STATUS isdsc_pdev_load(struct isdsc_pdev_list *list, struct stat *st, bool *exists);

/*
 * Whether path (a block device, or a directory for the file system it is
 * on) is an iSCSI device of a persistent login, all the way down:
 * ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, or ISDSC_DEVICE_NOT_FOUND when
 * there is no such path.
 */
ISDSC_STATUS isdsc_pdev_check(const char *path);

#endif /* ISDSC_PDEVICES_H */
