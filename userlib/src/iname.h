/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * iSCSI names (RFC 7143 section 4.2.7) and the initiator name file that
 * open-iscsi and libiscsidsc share.
 */
#ifndef ISDSC_INAME_H
#define ISDSC_INAME_H

#include <stddef.h>

#include "iscsidsc.h"

#define ISDSC_INAME_DEFAULT_PATH	"/etc/iscsi/initiatorname.iscsi"
#define ISDSC_INAME_PATH_ENV		"ISCSI_MCS_INITIATORNAME_FILE"
/* Prefix of generated names, the one open-iscsi's iscsi-iname has used. */
#define ISDSC_INAME_DEFAULT_PREFIX	"iqn.2005-03.org.open-iscsi:"

/*
 * NULL if name is a valid iSCSI name of at most MAX_ISCSI_NAME_LEN bytes,
 * else a short explanation. Only the ASCII subset of RFC 3722 is accepted
 * (lower-case letters, digits, '-', '.', ':'), which is what the kernel
 * module accepts.
 */
const char *isdsc_iscsi_name_check(const char *name);

/* The file's path: $ISCSI_MCS_INITIATORNAME_FILE or the default. */
const char *isdsc_iname_path(void);

/* Reads and validates the name; out holds MAX_ISCSI_NAME_LEN + 1 bytes. */
ISDSC_STATUS isdsc_iname_read(char *out);

/* Writes name (already validated) into the file, atomically. */
ISDSC_STATUS isdsc_iname_write(const char *name);

/* A fresh random default name; out holds MAX_ISCSI_NAME_LEN + 1 bytes. */
ISDSC_STATUS isdsc_iname_generate(char *out);

#endif /* ISDSC_INAME_H */
