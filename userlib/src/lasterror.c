// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The last-error text: a thread-local buffer, so that concurrent callers
 * never see each other's messages and no locking is needed.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

static _Thread_local char error_text[ISDSC_ERROR_TEXT_MAX];

void isdsc_error_clear(void)
{
	error_text[0] = '\0';
}

ISDSC_STATUS isdsc_fail(ISDSC_STATUS status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(error_text, sizeof(error_text), fmt, ap);
	va_end(ap);
	return status;
}

void isdsc_error_prefix(const char *fmt, ...)
{
	char prefix[ISDSC_ERROR_TEXT_MAX];
	char detail[ISDSC_ERROR_TEXT_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(detail, error_text, sizeof(detail));
	/* A long text is cut short, which is acceptable for an explanation. */
	if (snprintf(error_text, sizeof(error_text), detail[0] ? "%s: %s" : "%s",
		     prefix, detail) < 0)
		error_text[0] = '\0';
}

const char *isdsc_error_text(void)
{
	return error_text;
}

const char *isdsc_strerror(int err)
{
	/* strerror() may use a shared buffer for unknown values; this never does. */
	const char *desc = strerrordesc_np(err);

	return desc ? desc : "Unknown error";
}

ISDSC_EXPORT const CHAR *IScsiMcsLastErrorText(void)
{
	return error_text;
}
