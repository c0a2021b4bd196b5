/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Definitions shared by the library's source files. Nothing here is part
 * of the installed API.
 */
#ifndef ISDSC_INTERNAL_H
#define ISDSC_INTERNAL_H

#include <stdarg.h>

#include "iscsidsc.h"

/*
 * The library is built with -fvisibility=hidden: only functions marked
 * ISDSC_EXPORT (and listed in libiscsidsc.map) reach the dynamic symbol
 * table.
 */
#define ISDSC_EXPORT __attribute__((visibility("default")))
#define ISDSC_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))

#define ISDSC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Per-thread last-error text (lasterror.c). Every exported function calls
 * isdsc_error_clear() first, so a successful call leaves "" behind.
 */
#define ISDSC_ERROR_TEXT_MAX 512

void isdsc_error_clear(void);
/* Sets the text and returns status, for "return isdsc_fail(...);". */
ISDSC_STATUS isdsc_fail(ISDSC_STATUS status, const char *fmt, ...) ISDSC_PRINTF(2, 3);
/* Prepends "prefix: " to the current text, keeping the detail below it. */
void isdsc_error_prefix(const char *fmt, ...) ISDSC_PRINTF(1, 2);
const char *isdsc_error_text(void);

/* Description of errno value err that is safe to use from any thread. */
const char *isdsc_strerror(int err);

#endif /* ISDSC_INTERNAL_H */
