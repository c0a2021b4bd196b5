// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Small configuration files: read whole, replaced atomically (temporary
 * file in the same directory, fsync, rename, fsync of the directory).
 */
#include <errno.h>
#include <fcntl.h>
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

int isdsc_read_file(const char *path, size_t max, char **data, size_t *len,
		    struct stat *st_out)
{
	struct stat st;
	char *buf;
	size_t used = 0;
	int fd, err;

	*data = NULL;
	*len = 0;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		err = -errno;
		close(fd);
		return err;
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return -EINVAL;
	}
	if (st_out)
		*st_out = st;
	buf = malloc(max + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t n = read(fd, buf + used, max + 1 - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = -errno;
			explicit_bzero(buf, used);	/* it may be a secret */
			free(buf);
			close(fd);
			return err;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max) {
			explicit_bzero(buf, used);
			free(buf);
			close(fd);
			return -EFBIG;
		}
	}
	close(fd);
	buf[used] = '\0';
	*data = buf;
	*len = used;
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *data = buf;

	while (len) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static void sync_directory(const char *path)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	/* Makes the rename durable; a failure leaves only a smaller window. */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* Creates the parent directory of path (one level, like /etc/iscsi). */
static int make_parent(const char *path)
{
	char dir[PATH_MAX];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return -ENOENT;
	*slash = '\0';
	return mkdir(dir, 0755) < 0 && errno != EEXIST ? -errno : 0;
}

ISDSC_STATUS isdsc_write_error(const char *what, const char *path, int err)
{
	return isdsc_fail(isdsc_status_from_errno(err), "cannot %s %s: %s", what, path,
			  isdsc_strerror(err));
}

ISDSC_STATUS isdsc_replace_file(const char *path, const void *data, size_t len,
			       const struct stat *old, mode_t mode, bool force_mode)
{
	char tmp[PATH_MAX];
	int fd, err;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= sizeof(tmp))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "%s: path too long", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0 && errno == ENOENT && !old && make_parent(path) == 0) {
		/* mkostemp() leaves the template unspecified after a failure. */
		memcpy(tmp + strlen(tmp) - 6, "XXXXXX", 6);
		fd = mkostemp(tmp, O_CLOEXEC);
	}
	if (fd < 0)
		return isdsc_write_error("create a temporary file for", path, errno);

	err = write_all(fd, data, len);
	if (!err && fchmod(fd, old && !force_mode ? old->st_mode & 07777 : mode) < 0)
		err = -errno;
	if (!err && old && geteuid() == 0 && fchown(fd, old->st_uid, old->st_gid) < 0)
		err = -errno;
	if (!err && fsync(fd) < 0)
		err = -errno;
	if (close(fd) < 0 && !err)
		err = -errno;
	if (!err && rename(tmp, path) < 0)
		err = -errno;
	if (err) {
		unlink(tmp);
		return isdsc_write_error("write", path, -err);
	}
	sync_directory(path);
	return ERROR_SUCCESS;
}

