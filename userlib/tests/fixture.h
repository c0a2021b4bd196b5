/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Small helpers the unit tests that build a fake node database or sysfs
 * tree share.
 */
#ifndef ISDSC_TEST_FIXTURE_H
#define ISDSC_TEST_FIXTURE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <iscsidsc.h>

static inline const char *name(ISDSC_STATUS s)
{
	const char *n = IScsiMcsStatusName(s);

	return n ? n : "unknown";
}

static inline void mkdirs(const char *path)
{
	char tmp[1024];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			mkdir(tmp, 0755);
			*p = '/';
		}
	}
	if (mkdir(tmp, 0755) < 0 && errno != EEXIST) {
		perror(tmp);
		exit(2);
	}
}

static inline void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
		perror(path);
		exit(2);
	}
}

static inline void wide(WCHAR *dst, const char *src)
{
	while ((*dst++ = (WCHAR)(unsigned char)*src++))
		;
}

#endif /* ISDSC_TEST_FIXTURE_H */
