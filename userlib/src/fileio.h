/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * Reading and atomically replacing the library's small configuration files
 * (initiator name, port map, mutual CHAP secret).
 */
#ifndef ISDSC_FILEIO_H
#define ISDSC_FILEIO_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "iscsidsc.h"

/*
 * Reads the whole regular file at path into a NUL-terminated malloc()ed
 * buffer (*data, *len bytes before the NUL) and, if st is not NULL, its
 * status. Returns 0, -errno, -EINVAL if it is not a regular file, or
 * -EFBIG if it is longer than max bytes.
 */
int isdsc_read_file(const char *path, size_t max, char **data, size_t *len,
		    struct stat *st);

/*
 * Replaces the file at path with len bytes of data. old is the status of
 * the file being replaced (NULL if there is none, in which case a missing
 * parent directory is created). The new file gets mode, or old's mode
 * when old is given and force_mode is false; as root, old's owner is kept.
 * The data is never readable with more than mode 0600 before the rename.
 */
ISDSC_STATUS isdsc_replace_file(const char *path, const void *data, size_t len,
			       const struct stat *old, mode_t mode, bool force_mode);

/* "cannot WHAT PATH: strerror(err)" with the status of errno value err. */
ISDSC_STATUS isdsc_write_error(const char *what, const char *path, int err);

#endif /* ISDSC_FILEIO_H */
