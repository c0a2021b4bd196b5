// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Persistently bound devices (AddPersistentIScsiDevice & co.): Windows
 * keeps a list of volumes that must be back, after the persistent logins
 * at boot, before the services that use them start. The list is kept
 * beside open-iscsi's node database, in <root>/iscsi-mcs-persistent-devices:
 * one absolute path a line (a block device, or a directory, which stands
 * for the file system mounted there), "#" comments. It names devices, not
 * secrets, so it is mode 0644; changing it takes write access to the
 * directory, that is root. Changes are made under an flock() of that
 * directory, replacing the file atomically.
 *
 * A device is accepted when every block device under it (itself, or the
 * disks a device-mapper device is built from, through slaves/) is a SCSI
 * disk of an iSCSI session (sysfs puts it below .../sessionN/) whose
 * target has a persistent login (a node.startup = automatic record).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "devices.h"
#include "errmap.h"
#include "fileio.h"
#include "internal.h"
#include "iscsidsc/nodedb.h"
#include "pdevices.h"
#include "session.h"
#include "utf16.h"

/* Device-mapper stacks are rarely deeper; a loop in a broken sysfs must end. */
#define SLAVE_DEPTH_MAX		8

void isdsc_pdev_free(struct isdsc_pdev_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->path[i]);
	free(list->path);
	list->path = NULL;
	list->n = 0;
}

const char *isdsc_pdev_file(char *buf, size_t size)
{
	int n = snprintf(buf, size, "%s/%s", iscsi_mcs_nodedb_root(NULL), ISDSC_PDEV_FILE);

	return n >= 0 && (size_t)n < size ? buf : NULL;
}

static bool append(struct isdsc_pdev_list *list, const char *path)
{
	char **grown = realloc(list->path, (list->n + 1) * sizeof(*list->path));

	if (!grown)
		return false;
	list->path = grown;
	grown[list->n] = strdup(path);
	if (!grown[list->n])
		return false;
	list->n++;
	return true;
}

ISDSC_STATUS isdsc_pdev_load(struct isdsc_pdev_list *list, struct stat *st, bool *exists)
{
	char file[PATH_MAX], *data = NULL, *line, *next;
	size_t len;
	int err;

	memset(list, 0, sizeof(*list));
	*exists = false;
	if (!isdsc_pdev_file(file, sizeof(file)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "$%s is too long", ISCSI_MCS_ISCSI_DIR_ENV);
	err = isdsc_read_file(file, ISDSC_PDEV_FILE_MAX, &data, &len, st);
	if (err == -ENOENT)
		return ERROR_SUCCESS;
	if (err)
		return isdsc_fail(err == -EFBIG ? ERROR_INVALID_DATA : isdsc_status_from_errno(-err),
				  "cannot read %s: %s", file, isdsc_strerror(-err));
	*exists = true;
	for (line = data; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (!*line || *line == '#')
			continue;
		if (*line != '/') {
			ISDSC_STATUS status = isdsc_fail(ERROR_INVALID_DATA, "%s: \"%s\" is not "
							 "an absolute path", file, line);

			free(data);
			isdsc_pdev_free(list);
			return status;
		}
		if (!append(list, line)) {
			free(data);
			isdsc_pdev_free(list);
			return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
		}
	}
	free(data);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS save(const struct isdsc_pdev_list *list, const struct stat *old)
{
	char file[PATH_MAX], *text, *p;
	size_t len = sizeof(ISDSC_PDEV_HEADER) - 1;
	ISDSC_STATUS status;

	if (!isdsc_pdev_file(file, sizeof(file)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "$%s is too long", ISCSI_MCS_ISCSI_DIR_ENV);
	for (size_t i = 0; i < list->n; i++)
		len += strlen(list->path[i]) + 1;
	text = malloc(len + 1);
	if (!text)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	p = stpcpy(text, ISDSC_PDEV_HEADER);
	for (size_t i = 0; i < list->n; i++) {
		p = stpcpy(p, list->path[i]);
		*p++ = '\n';
	}
	status = isdsc_replace_file(file, text, len, old, 0644, false);
	free(text);
	return status;
}

/* Serialises changes of the list: an exclusive flock() of its directory. */
static int lock_dir(void)
{
	const char *root = iscsi_mcs_nodedb_root(NULL);
	int fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	/* No directory yet: nobody else can be writing the file either. */
	if (fd < 0)
		return -1;
	while (flock(fd, LOCK_EX) < 0) {
		if (errno != EINTR) {
			close(fd);
			return -1;
		}
	}
	return fd;
}

/* The path a caller gave, as it is stored: absolute, without trailing slashes. */
static ISDSC_STATUS normalise(const char *in, char *out, size_t size)
{
	size_t len = strnlen(in, size);

	if (!len || len == size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath must be a path of 1 to %zu "
				  "characters", size - 1);
	if (in[0] != '/')
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath \"%s\" is not an absolute "
				  "path (a block device or a mount point)", in);
	if (strchr(in, '\n'))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath holds a line break");
	memcpy(out, in, len + 1);
	while (len > 1 && out[len - 1] == '/')
		out[--len] = '\0';
	return ERROR_SUCCESS;
}

/* ---- is it an iSCSI device of a persistent login? ---- */

static const char *sysfs_root(void)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *r = secure_getenv(ISDSC_SYSFS_ROOT_ENV);

	return r && *r ? r : "/sys";
}

static bool read_line(const char *path, char *buf, size_t size)
{
	FILE *f = fopen(path, "re");
	bool ok;

	if (!f)
		return false;
	ok = fgets(buf, (int)size, f) != NULL;
	fclose(f);
	if (ok)
		buf[strcspn(buf, "\n")] = '\0';
	return ok;
}

/* The target of transport class session sid: its sysfs attribute, else the module's. */
static bool session_target(unsigned int sid, char *target, size_t size)
{
	struct isdsc_session_list list;
	char path[PATH_MAX];
	bool found = false;

	snprintf(path, sizeof(path), "%s/class/iscsi_session/session%u/targetname", sysfs_root(),
		 sid);
	if (read_line(path, target, size) && *target)
		return true;
	if (isdsc_session_dump(&list) != ERROR_SUCCESS)
		return false;
	for (size_t i = 0; i < list.n && !found; i++) {
		if (list.s[i].have_class_sid && list.s[i].class_sid == sid &&
		    strlen(list.s[i].target_name) < size) {
			strcpy(target, list.s[i].target_name);
			found = true;
		}
	}
	isdsc_session_list_free(&list);
	return found;
}

static bool has_persistent_login(const char *target)
{
	struct iscsi_mcs_node_id *ids = NULL;
	size_t n = 0;
	bool found = false;

	if (iscsi_mcs_node_list(NULL, &ids, &n))
		return false;
	for (size_t i = 0; i < n && !found; i++) {
		struct iscsi_mcs_rec *rec = NULL;
		const char *startup;

		if (strcmp(ids[i].target, target) || iscsi_mcs_node_read(NULL, &ids[i], &rec))
			continue;
		startup = iscsi_mcs_rec_get(rec, "node.startup");
		found = startup && !strcmp(startup, "automatic");
		iscsi_mcs_rec_free(rec);
	}
	free(ids);
	return found;
}

/*
 * Whether block device maj:min, and every device it is built from, is on
 * a session whose target logs in at boot; why not in *why.
 */
static bool persistent_blockdev(unsigned int maj, unsigned int min, int depth, char *why,
				size_t why_size)
{
	char dir[PATH_MAX], link[PATH_MAX], target[ISCSI_MCS_NAME_MAX];
	struct dirent *e;
	const char *p;
	unsigned int sid;
	bool ok = true, any = false;
	ssize_t len;
	DIR *d;
	int end;

	if (depth > SLAVE_DEPTH_MAX) {
		snprintf(why, why_size, "the device stack under %u:%u is too deep", maj, min);
		return false;
	}
	snprintf(dir, sizeof(dir), "%s/dev/block/%u:%u", sysfs_root(), maj, min);
	len = readlink(dir, link, sizeof(link) - 1);
	if (len <= 0) {
		snprintf(why, why_size, "block device %u:%u is not in sysfs", maj, min);
		return false;
	}
	link[len] = '\0';
	/* The transport class's sessionN lies between the SCSI host and its disks. */
	for (p = strstr(link, "/session"); p; p = strstr(p + 1, "/session")) {
		end = 0;
		if (sscanf(p, "/session%u%n", &sid, &end) == 1 && p[end] == '/') {
			if (!session_target(sid, target, sizeof(target))) {
				snprintf(why, why_size, "the target of iSCSI session %u is unknown",
					 sid);
				return false;
			}
			if (!has_persistent_login(target)) {
				snprintf(why, why_size, "%s has no persistent login", target);
				return false;
			}
			return true;
		}
	}
	/* Not a SCSI disk of a session: a device-mapper or md device made of them? */
	snprintf(dir, sizeof(dir), "%s/dev/block/%u:%u/slaves", sysfs_root(), maj, min);
	d = opendir(dir);
	while (d && ok && (e = readdir(d))) {
		char path[PATH_MAX + 300], line[32];
		unsigned int smaj, smin;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s/dev", dir, e->d_name);
		end = 0;
		if (!read_line(path, line, sizeof(line)) ||
		    sscanf(line, "%u:%u%n", &smaj, &smin, &end) != 2 || line[end]) {
			snprintf(why, why_size, "cannot read the device number of %s, a "
				 "slave of %u:%u", e->d_name, maj, min);
			ok = false;
			break;
		}
		any = true;
		ok = persistent_blockdev(smaj, smin, depth + 1, why, why_size);
	}
	if (d)
		closedir(d);
	if (ok && !any)
		snprintf(why, why_size, "block device %u:%u is not on an iSCSI session", maj, min);
	return ok && any;
}

ISDSC_STATUS isdsc_pdev_check(const char *path)
{
	char why[512] = "";
	struct stat st;
	dev_t dev;

	if (stat(path, &st) < 0) {
		int err = errno;

		return isdsc_fail(err == ENOENT || err == ENOTDIR ? ISDSC_DEVICE_NOT_FOUND :
				  isdsc_status_from_errno(err), "%s: %s", path, isdsc_strerror(err));
	}
	if (S_ISBLK(st.st_mode))
		dev = st.st_rdev;
	else if (S_ISDIR(st.st_mode))
		dev = st.st_dev;	/* the file system mounted there */
	else
		return isdsc_fail(ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "%s is neither a block "
				  "device nor a directory", path);
	if (!persistent_blockdev(major(dev), minor(dev), 0, why, sizeof(why)))
		return isdsc_fail(ISDSC_DEVICE_NOT_ISCSI_OR_PERSISTENT, "%s: %s", path, why);
	return ERROR_SUCCESS;
}

/* ---- the functions ---- */

static long find(const struct isdsc_pdev_list *list, const char *path)
{
	for (size_t i = 0; i < list->n; i++)
		if (!strcmp(list->path[i], path))
			return (long)i;
	return -1;
}

static ISDSC_STATUS add_device(const char *given)
{
	char path[PATH_MAX];
	struct isdsc_pdev_list list;
	struct stat st;
	bool exists;
	ISDSC_STATUS status;
	int lock;

	status = normalise(given, path, sizeof(path));
	if (status != ERROR_SUCCESS)
		return status;
	status = isdsc_pdev_check(path);
	if (status != ERROR_SUCCESS)
		return status;
	lock = lock_dir();
	status = isdsc_pdev_load(&list, &st, &exists);
	if (status == ERROR_SUCCESS && find(&list, path) >= 0)
		status = isdsc_fail(ISDSC_DEVICE_ALREADY_PERSISTENTLY_BOUND, "%s is in the list "
				    "already", path);
	if (status == ERROR_SUCCESS && !append(&list, path))
		status = isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	if (status == ERROR_SUCCESS)
		status = save(&list, exists ? &st : NULL);
	isdsc_pdev_free(&list);
	if (lock >= 0)
		close(lock);
	return status;
}

static ISDSC_STATUS remove_device(const char *given)
{
	char path[PATH_MAX];
	struct isdsc_pdev_list list;
	struct stat st;
	bool exists;
	ISDSC_STATUS status;
	long i = -1;
	int lock;

	status = normalise(given, path, sizeof(path));
	if (status != ERROR_SUCCESS)
		return status;
	lock = lock_dir();
	status = isdsc_pdev_load(&list, &st, &exists);
	if (status == ERROR_SUCCESS && (i = find(&list, path)) < 0)
		status = isdsc_fail(ISDSC_DEVICE_NOT_FOUND, "%s is not in the list", path);
	if (status == ERROR_SUCCESS) {
		free(list.path[i]);
		memmove(&list.path[i], &list.path[i + 1], (list.n - (size_t)i - 1) *
			sizeof(*list.path));
		list.n--;
		status = save(&list, &st);
	}
	isdsc_pdev_free(&list);
	if (lock >= 0)
		close(lock);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddPersistentIScsiDeviceA(PSTR DevicePath)
{
	isdsc_error_clear();
	if (!DevicePath)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath is NULL");
	return add_device(DevicePath);
}

/* A W path in UTF-8; false if it is not a string of fewer than PATH_MAX units. */
static bool path_w(const WCHAR *in, char *out, size_t size)
{
	size_t len = isdsc_utf16_nlen(in, PATH_MAX);

	return len < PATH_MAX && !isdsc_utf16_to_utf8(in, len, out, size, NULL);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API AddPersistentIScsiDeviceW(PWSTR DevicePath)
{
	char path[3 * PATH_MAX + 1];

	isdsc_error_clear();
	if (!DevicePath || !path_w(DevicePath, path, sizeof(path)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath is not a UTF-16 string of "
				  "fewer than %d units", PATH_MAX);
	return add_device(path);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemovePersistentIScsiDeviceA(PSTR DevicePath)
{
	isdsc_error_clear();
	if (!DevicePath)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath is NULL");
	return remove_device(DevicePath);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API RemovePersistentIScsiDeviceW(PWSTR DevicePath)
{
	char path[3 * PATH_MAX + 1];

	isdsc_error_clear();
	if (!DevicePath || !path_w(DevicePath, path, sizeof(path)))
		return isdsc_fail(ERROR_INVALID_PARAMETER, "DevicePath is not a UTF-16 string of "
				  "fewer than %d units", PATH_MAX);
	return remove_device(path);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ClearPersistentIScsiDevices(void)
{
	struct isdsc_pdev_list list;
	struct stat st;
	bool exists;
	ISDSC_STATUS status;
	int lock;

	isdsc_error_clear();
	lock = lock_dir();
	status = isdsc_pdev_load(&list, &st, &exists);
	if (status == ERROR_SUCCESS && exists) {
		isdsc_pdev_free(&list);
		status = save(&list, &st);
	}
	isdsc_pdev_free(&list);
	if (lock >= 0)
		close(lock);
	return status;
}

static ISDSC_STATUS report(PULONG size, void *buf, bool wide)
{
	struct isdsc_pdev_list list;
	size_t need = 1, have;		/* the final NUL */
	struct stat st;
	bool exists;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!size)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSizeInChar is NULL");
	if (*size && !buf)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "Buffer is NULL but *BufferSizeInChar "
				  "is %u", (unsigned int)*size);
	have = *size;
	status = isdsc_pdev_load(&list, &st, &exists);
	if (status != ERROR_SUCCESS)
		return status;
	for (size_t i = 0; i < list.n; i++) {
		size_t units = strlen(list.path[i]) + 1;

		if (wide && isdsc_utf8_to_utf16(list.path[i], units - 1, NULL, 0, &units) ==
		    -EILSEQ) {
			status = isdsc_fail(ERROR_INVALID_DATA, "\"%s\" is not UTF-8", list.path[i]);
			break;
		}
		need += units;
	}
	if (status == ERROR_SUCCESS && need > UINT32_MAX)
		status = isdsc_fail(ERROR_INVALID_DATA, "the list is too long");
	if (status == ERROR_SUCCESS) {
		*size = (ULONG)need;
		if (have < need)
			status = isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "the %zu device(s) need %zu "
					    "characters; Buffer has %zu", list.n, need, have);
	}
	if (status == ERROR_SUCCESS) {
		for (size_t i = 0, at = 0; i < list.n; i++) {
			size_t units = strlen(list.path[i]) + 1;

			if (wide)
				isdsc_utf8_to_utf16(list.path[i], units - 1, (WCHAR *)buf + at,
						    need - at, &units);
			else
				memcpy((char *)buf + at, list.path[i], units);
			at += units;
		}
		if (wide)
			((WCHAR *)buf)[need - 1] = 0;
		else
			((char *)buf)[need - 1] = '\0';
	}
	isdsc_pdev_free(&list);
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportPersistentIScsiDevicesA(PULONG BufferSizeInChar,
	PCHAR Buffer)
{
	return report(BufferSizeInChar, Buffer, false);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API ReportPersistentIScsiDevicesW(PULONG BufferSizeInChar,
	PWCHAR Buffer)
{
	return report(BufferSizeInChar, Buffer, true);
}
