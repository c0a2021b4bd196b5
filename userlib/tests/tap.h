/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Minimal TAP producer for the userspace unit tests: one "ok N - what" or
 * "not ok N - what" line per check, and a non-zero exit when any failed,
 * which is what scripts/check.sh counts.
 */
#ifndef ISDSC_TEST_TAP_H
#define ISDSC_TEST_TAP_H

#include <stdio.h>

static int tap_n, tap_failed;

#define TAP_CHECK(cond, ...) do {					\
	int tap_ok_ = !!(cond);						\
	printf("%sok %d - ", tap_ok_ ? "" : "not ", ++tap_n);		\
	printf(__VA_ARGS__);						\
	printf("\n");							\
	if (!tap_ok_) {							\
		tap_failed++;						\
		printf("#   failed: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
	}								\
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
