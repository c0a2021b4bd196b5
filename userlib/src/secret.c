// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * SetIScsiInitiatorCHAPSharedSecret and the file behind it. The file holds
 * the secret's bytes exactly (no newline, no encoding), has mode 0600, and
 * is replaced atomically; an empty secret removes it.
 */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "errmap.h"
#include "fileio.h"
#include "internal.h"
#include "secret.h"

const char *isdsc_secret_path(void)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *path = secure_getenv(ISDSC_SECRET_PATH_ENV);

	return path && *path ? path : ISDSC_SECRET_DEFAULT_PATH;
}

ISDSC_STATUS isdsc_secret_read(uint8_t *out, size_t *len)
{
	const char *path = isdsc_secret_path();
	struct stat st;
	char *data;
	size_t n;
	int err;

	/* Read a little more than allowed, to tell "too long" from "just right". */
	err = isdsc_read_file(path, ISDSC_CHAP_SECRET_MAX + 1, &data, &n, &st);
	if (err == -ENOENT)
		return isdsc_fail(ISDSC_TARGET_AUTHINFO_UNAVAILABLE, "mutual CHAP needs the "
				  "initiator CHAP secret, and %s does not exist "
				  "(SetIScsiInitiatorCHAPSharedSecret sets it)", path);
	if (err == -EFBIG)
		return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "%s holds more than %d "
				  "bytes: not an initiator CHAP secret", path,
				  ISDSC_CHAP_SECRET_MAX);
	if (err == -EINVAL)
		return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "%s is not a regular file",
				  path);
	if (err < 0)
		return isdsc_fail(isdsc_status_from_errno(-err), "cannot read %s: %s", path,
				  isdsc_strerror(-err));
	if (st.st_mode & 077) {
		explicit_bzero(data, n);
		free(data);
		return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "%s may be read or "
				  "written by others (mode %04o): not used; make it mode 0600",
				  path, (unsigned int)(st.st_mode & 07777));
	}
	if (n < ISDSC_CHAP_SECRET_MIN) {
		explicit_bzero(data, n);
		free(data);
		return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "the initiator CHAP secret "
				  "in %s is %zu bytes: at least %d are needed without IPsec",
				  path, n, ISDSC_CHAP_SECRET_MIN);
	}
	memcpy(out, data, n);
	*len = n;
	explicit_bzero(data, n);
	free(data);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS remove_secret(const char *path)
{
	if (unlink(path) < 0 && errno != ENOENT)
		return isdsc_write_error("remove", path, errno);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiInitiatorCHAPSharedSecret(ULONG SharedSecretLength,
								       PUCHAR SharedSecret)
{
	const char *path = isdsc_secret_path();
	char target[PATH_MAX];
	struct stat st;
	ISDSC_STATUS status;
	bool exists;

	isdsc_error_clear();
	if (SharedSecretLength && !SharedSecret)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SharedSecret is NULL but "
				  "SharedSecretLength is %u", (unsigned int)SharedSecretLength);
	if (!SharedSecretLength)
		return remove_secret(path);
	if (SharedSecretLength > ISDSC_CHAP_SECRET_MAX)
		return isdsc_fail(ISDSC_INVALID_INITIATOR_CHAP_SECRET, "the initiator CHAP secret "
				  "is %u bytes: at most %d are allowed",
				  (unsigned int)SharedSecretLength, ISDSC_CHAP_SECRET_MAX);

	/* Through a symbolic link, replace the file and keep the link. */
	if (!realpath(path, target))
		snprintf(target, sizeof(target), "%s", path);
	exists = stat(target, &st) == 0;
	status = isdsc_replace_file(target, SharedSecret, SharedSecretLength,
				    exists ? &st : NULL, 0600, true);
	if (status != ERROR_SUCCESS)
		return status;
	/* Windows keeps a short secret for IPsec and warns it is of no use without. */
	if (SharedSecretLength < ISDSC_CHAP_SECRET_MIN)
		return isdsc_fail(ISDSC_SHORT_CHAP_SECRET, "the initiator CHAP secret was stored, "
				  "but at %u bytes it is shorter than the %d a login without "
				  "IPsec needs", (unsigned int)SharedSecretLength,
				  ISDSC_CHAP_SECRET_MIN);
	return ERROR_SUCCESS;
}
