/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * The initiator's CHAP secret (SetIScsiInitiatorCHAPSharedSecret): what
 * the target must prove it knows in mutual CHAP. Windows keeps it for the
 * whole computer; libiscsidsc keeps it in a root-only file.
 */
#ifndef ISDSC_SECRET_H
#define ISDSC_SECRET_H

#include <stddef.h>
#include <stdint.h>

#include "iscsidsc.h"

#define ISDSC_SECRET_DEFAULT_PATH	"/etc/iscsi/iscsi-mcs-mutual-secret"
#define ISDSC_SECRET_PATH_ENV		"ISCSI_MCS_MUTUAL_SECRET_FILE"

/* CHAP secrets over connections without IPsec: 96 to 128 bits. */
#define ISDSC_CHAP_SECRET_MIN		12
#define ISDSC_CHAP_SECRET_MAX		16

/* The file's path: $ISCSI_MCS_MUTUAL_SECRET_FILE or the default. */
const char *isdsc_secret_path(void);

/*
 * Reads the stored secret into out (ISDSC_CHAP_SECRET_MAX bytes) and its
 * length into *len. No file: ISDSC_TARGET_AUTHINFO_UNAVAILABLE; a file
 * that others may read, or a secret too short or too long for a login
 * without IPsec: ISDSC_INVALID_INITIATOR_CHAP_SECRET.
 */
ISDSC_STATUS isdsc_secret_read(uint8_t *out, size_t *len);

#endif /* ISDSC_SECRET_H */
