/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * UTF-16 <-> UTF-8 conversion for the "W" entry points. Both directions
 * are strict: unpaired surrogates, overlong or truncated UTF-8, code points
 * above U+10FFFF and embedded NULs are rejected rather than replaced, so a
 * name never changes silently on its way to the kernel.
 */
#ifndef ISDSC_UTF16_H
#define ISDSC_UTF16_H

#include <stddef.h>

#include "iscsidsc.h"

/* Number of units before the first NUL in s, looking at most max units. */
size_t isdsc_utf16_nlen(const WCHAR *s, size_t max);

/*
 * Convert the len units at src and append a NUL. dst may be NULL when
 * dst_size is 0; *needed (if not NULL) receives the bytes required,
 * the NUL included, whenever the input is valid.
 * Returns 0, -EILSEQ for invalid input, or -ENOBUFS if dst is too small.
 */
int isdsc_utf16_to_utf8(const WCHAR *src, size_t len, char *dst,
			size_t dst_size, size_t *needed);

/*
 * Convert the len bytes at src and append a NUL unit; same conventions,
 * with sizes counted in WCHAR units.
 */
int isdsc_utf8_to_utf16(const char *src, size_t len, WCHAR *dst,
			size_t dst_units, size_t *needed);

#endif /* ISDSC_UTF16_H */
