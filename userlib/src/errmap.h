/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Translation of Linux error values into ISDSC/Win32 status codes. All
 * tables live in errmap.c so that a mapping is decided in one place.
 */
#ifndef ISDSC_ERRMAP_H
#define ISDSC_ERRMAP_H

#include <stdint.h>

#include "iscsidsc.h"

/* err: a positive errno value. Unknown values give ERROR_GEN_FAILURE. */
ISDSC_STATUS isdsc_status_from_errno(int err);

/* err: a libnl error (NLE_*, either sign). Unknown values give ERROR_GEN_FAILURE. */
ISDSC_STATUS isdsc_status_from_nlerr(int err);

/*
 * An iSCSI login response's Status-Class and Status-Detail (RFC 7143
 * section 11.13.5). Class 0 is success; an unknown detail gives the
 * generic code of its class.
 */
ISDSC_STATUS isdsc_status_from_login(uint8_t status_class, uint8_t status_detail);

/* Symbolic name of status, or NULL. */
const char *isdsc_status_name(ISDSC_STATUS status);

#endif /* ISDSC_ERRMAP_H */
