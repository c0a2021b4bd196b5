/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Windows SDK base types as libiscsidsc needs them, for LP64 Linux.
 *
 * The Windows ABI is LLP64: ULONG and DWORD are 32 bits even on 64-bit
 * systems, so they are uint32_t here and never "unsigned long". WCHAR is a
 * UTF-16 code unit (uint16_t), not the 32-bit wchar_t of glibc.
 *
 * A program that brings its own definitions of these names (winelib, a
 * portability layer) defines ISDSC_HAVE_WIN_TYPES before including any
 * libiscsidsc header; Windows' own headers are detected by their guards.
 * Either way the _Static_asserts in iscsidsc.h refuse to compile if the
 * resulting widths would not match the library's ABI.
 */
#ifndef ISCSIDSC_WINTYPES_H
#define ISCSIDSC_WINTYPES_H

#include <stddef.h>
#include <stdint.h>

#if !defined(ISDSC_HAVE_WIN_TYPES) && !defined(_WINDEF_) && \
    !defined(_MINWINDEF_) && !defined(_WINNT_)
#define ISDSC_HAVE_WIN_TYPES 1

typedef void VOID;
typedef void *PVOID, *LPVOID;
typedef char CHAR;
typedef CHAR *PCHAR, *PSTR, *LPSTR;
typedef const CHAR *PCSTR, *LPCSTR;
typedef uint16_t WCHAR;
typedef WCHAR *PWCHAR, *PWSTR, *LPWSTR;
typedef const WCHAR *PCWSTR, *LPCWSTR;
typedef uint8_t UCHAR;
typedef UCHAR *PUCHAR;
typedef uint8_t BOOLEAN;
typedef BOOLEAN *PBOOLEAN;
typedef uint16_t USHORT;
typedef USHORT *PUSHORT;
typedef uint32_t ULONG;
typedef ULONG *PULONG;
typedef uint32_t DWORD;
typedef DWORD *PDWORD, *LPDWORD;
typedef uint64_t ULONGLONG;
typedef ULONGLONG *PULONGLONG;

#endif /* ISDSC_HAVE_WIN_TYPES */

#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif

#ifndef MAX_PATH
#define MAX_PATH 260
#endif

/* GUID_DEFINED is the guard the SDK and mingw-w64 use for the same type. */
#ifndef GUID_DEFINED
#define GUID_DEFINED
typedef struct _GUID {
	ULONG Data1;
	USHORT Data2;
	USHORT Data3;
	UCHAR Data4[8];
} GUID;
#endif

/*
 * The SDK's calling convention marker. Linux has a single C calling
 * convention, so it expands to nothing.
 */
#ifndef ISDSC_API
#define ISDSC_API
#endif

#endif /* ISCSIDSC_WINTYPES_H */
