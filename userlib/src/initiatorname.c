// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The initiator node name lives where open-iscsi keeps it, in
 * /etc/iscsi/initiatorname.iscsi as an "InitiatorName=iqn...." line, so
 * that both initiators present the same identity to targets. Changes
 * rewrite the file through a temporary file and rename(), keeping every
 * other line (comments, InitiatorAlias=) as it was.
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
#include "iname.h"
#include "internal.h"
#include "utf16.h"

/* The file holds a line or two; anything larger is not ours. */
#define INAME_FILE_MAX	(64 * 1024)

#define NAME_KEY	"InitiatorName"

static const char new_file_header[] =
	"## iSCSI initiator name of this host (RFC 7143 section 4.2.7), shared by\n"
	"## open-iscsi and libiscsidsc. Targets identify and authorise the host by\n"
	"## it: keep it unique, and expect access lists to need updating if it\n"
	"## changes.\n";

const char *isdsc_iname_path(void)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *path = secure_getenv(ISDSC_INAME_PATH_ENV);

	return path && *path ? path : ISDSC_INAME_DEFAULT_PATH;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/*
 * If line (len bytes, without its newline) is an "InitiatorName = value"
 * line, points value at the value, trimmed of blanks, and returns true.
 * Lines starting with '#' are comments.
 */
static bool parse_name_line(const char *line, size_t len, const char **value,
			    size_t *value_len)
{
	const char *p = line, *end = line + len;

	while (p < end && is_blank(*p))
		p++;
	if ((size_t)(end - p) < strlen(NAME_KEY) || memcmp(p, NAME_KEY, strlen(NAME_KEY)))
		return false;
	p += strlen(NAME_KEY);
	while (p < end && is_blank(*p))
		p++;
	if (p == end || *p != '=')
		return false;
	p++;
	while (p < end && is_blank(*p))
		p++;
	while (end > p && (is_blank(end[-1]) || end[-1] == '\r'))
		end--;
	*value = p;
	*value_len = (size_t)(end - p);
	return true;
}

/* Length of the line at p, without its newline. */
static size_t line_length(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? (size_t)(nl - p) : (size_t)(end - p);
}

static ISDSC_STATUS read_error(const char *path, int err)
{
	if (err == -ENOENT)
		return isdsc_fail(ISDSC_INITIATOR_NODE_NOT_FOUND,
				  "%s does not exist, so no initiator name is configured "
				  "(SetIScsiInitiatorNodeName(NULL) creates one)", path);
	if (err == -EFBIG)
		return isdsc_fail(ERROR_INVALID_DATA, "%s is larger than %d bytes: not an "
				  "initiator name file", path, INAME_FILE_MAX);
	if (err == -EINVAL)
		return isdsc_fail(ERROR_INVALID_DATA, "%s is not a regular file", path);
	return isdsc_fail(isdsc_status_from_errno(-err), "cannot read %s: %s", path,
			  isdsc_strerror(-err));
}

ISDSC_STATUS isdsc_iname_read(char *out)
{
	const char *path = isdsc_iname_path();
	const char *p, *end, *value;
	char *data;
	size_t len, value_len;
	unsigned int line_no = 0;
	const char *why;
	char name[MAX_ISCSI_NAME_LEN + 1];
	int err;

	err = isdsc_read_file(path, INAME_FILE_MAX, &data, &len, NULL);
	if (err < 0)
		return read_error(path, err);

	for (p = data, end = data + len; p < end; p += line_length(p, end) + 1) {
		line_no++;
		if (!parse_name_line(p, line_length(p, end), &value, &value_len))
			continue;

		if (value_len > MAX_ISCSI_NAME_LEN) {
			free(data);
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "%s, line %u: the initiator "
					  "name is longer than %d bytes", path, line_no,
					  MAX_ISCSI_NAME_LEN);
		}
		memcpy(name, value, value_len);
		name[value_len] = '\0';
		free(data);
		why = strlen(name) == value_len ? isdsc_iscsi_name_check(name)
						: "it contains a NUL byte";
		if (why)
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "%s, line %u: \"%s\" is not "
					  "a valid iSCSI name: %s", path, line_no, name, why);
		memcpy(out, name, value_len + 1);
		return ERROR_SUCCESS;
	}
	free(data);
	return isdsc_fail(ISDSC_INITIATOR_NODE_NOT_FOUND, "%s has no \"" NAME_KEY "=\" line, "
			  "so no initiator name is configured", path);
}

/*
 * The new file: old's lines with the first InitiatorName line replaced by
 * name and later ones dropped (open-iscsi would ignore them), or old plus
 * the name line when there was none. A new file starts with a comment.
 */
static char *compose(const char *old, size_t old_len, const char *name, size_t *out_len)
{
	size_t cap = old_len + sizeof(new_file_header) + strlen(NAME_KEY "=") +
		     strlen(name) + 2;
	const char *p, *end, *value;
	size_t n = 0, value_len;
	bool replaced = false;
	char *buf = malloc(cap);

	if (!buf)
		return NULL;

#define APPEND(s, l) do { memcpy(buf + n, (s), (l)); n += (l); } while (0)
#define APPEND_NAME_LINE() do {						\
	APPEND(NAME_KEY "=", strlen(NAME_KEY "="));			\
	APPEND(name, strlen(name));					\
	APPEND("\n", 1);						\
} while (0)

	if (!old)
		APPEND(new_file_header, strlen(new_file_header));
	for (p = old, end = old + old_len; old && p < end; ) {
		size_t len = line_length(p, end);

		if (parse_name_line(p, len, &value, &value_len)) {
			if (!replaced)
				APPEND_NAME_LINE();
			replaced = true;
		} else {
			APPEND(p, len);
			APPEND("\n", 1);
		}
		p += len + 1;
	}
	if (!replaced)
		APPEND_NAME_LINE();

#undef APPEND_NAME_LINE
#undef APPEND

	*out_len = n;
	return buf;
}

ISDSC_STATUS isdsc_iname_write(const char *name)
{
	const char *path = isdsc_iname_path();
	char target[PATH_MAX];
	struct stat st;
	bool exists;
	char *old, *data;
	size_t old_len, len;
	ISDSC_STATUS status;
	int err;

	/* Through a symbolic link, replace the file and keep the link. */
	if (!realpath(path, target))
		snprintf(target, sizeof(target), "%s", path);
	exists = stat(target, &st) == 0;

	err = isdsc_read_file(target, INAME_FILE_MAX, &old, &old_len, NULL);
	if (err < 0 && err != -ENOENT)
		return read_error(target, err);

	data = compose(old, old_len, name, &len);
	free(old);
	if (!data)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory");
	/* The file is world-readable like open-iscsi's; an edited mode is kept. */
	status = isdsc_replace_file(target, data, len, exists ? &st : NULL, 0644, false);
	free(data);
	return status;
}

ISDSC_STATUS isdsc_iname_generate(char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char random[6];
	size_t used = 0;
	char *p;
	int fd;

	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return isdsc_write_error("open", "/dev/urandom", errno);
	while (used < sizeof(random)) {
		ssize_t n = read(fd, random + used, sizeof(random) - used);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int err = n < 0 ? errno : EIO;

			close(fd);
			return isdsc_write_error("read", "/dev/urandom", err);
		}
		used += (size_t)n;
	}
	close(fd);

	p = out + strlen(strcpy(out, ISDSC_INAME_DEFAULT_PREFIX));
	for (size_t i = 0; i < sizeof(random); i++) {
		*p++ = hex[random[i] >> 4];
		*p++ = hex[random[i] & 0xF];
	}
	*p = '\0';
	return ERROR_SUCCESS;
}

/* Validates a caller's UTF-8 name, or generates the default for NULL. */
static ISDSC_STATUS set_name(const char *name)
{
	char generated[MAX_ISCSI_NAME_LEN + 1];
	ISDSC_STATUS status;
	const char *why;

	if (!name) {
		status = isdsc_iname_generate(generated);
		if (status != ERROR_SUCCESS)
			return status;
		name = generated;
	} else if ((why = isdsc_iscsi_name_check(name))) {
		if (strnlen(name, MAX_ISCSI_NAME_LEN + 1) > MAX_ISCSI_NAME_LEN)
			return isdsc_fail(ISDSC_INVALID_ISCSI_NAME,
					  "InitiatorNodeName is not a valid iSCSI name: %s", why);
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME,
				  "\"%s\" is not a valid iSCSI name: %s", name, why);
	}
	return isdsc_iname_write(name);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiInitiatorNodeNameA(PCHAR InitiatorNodeName)
{
	isdsc_error_clear();
	if (!InitiatorNodeName)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorNodeName is NULL");
	return isdsc_iname_read(InitiatorNodeName);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiInitiatorNodeNameW(PWCHAR InitiatorNodeName)
{
	char name[MAX_ISCSI_NAME_LEN + 1];
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!InitiatorNodeName)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "InitiatorNodeName is NULL");
	status = isdsc_iname_read(name);
	if (status != ERROR_SUCCESS)
		return status;
	/* A valid name is ASCII, so it always fits MAX_ISCSI_NAME_LEN + 1 units. */
	if (isdsc_utf8_to_utf16(name, strlen(name), InitiatorNodeName,
				MAX_ISCSI_NAME_LEN + 1, NULL) < 0)
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "cannot convert \"%s\" to UTF-16", name);
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiInitiatorNodeNameA(PSTR InitiatorNodeName)
{
	isdsc_error_clear();
	return set_name(InitiatorNodeName);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API SetIScsiInitiatorNodeNameW(PWSTR InitiatorNodeName)
{
	/* Any UTF-8 longer than the limit is invalid anyway; 4 bytes a unit bounds it. */
	char name[4 * (MAX_ISCSI_NAME_LEN + 1)];
	size_t len;

	isdsc_error_clear();
	if (!InitiatorNodeName)
		return set_name(NULL);
	len = isdsc_utf16_nlen(InitiatorNodeName, MAX_ISCSI_NAME_LEN + 1);
	if (len > MAX_ISCSI_NAME_LEN)
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "InitiatorNodeName is not a valid "
				  "iSCSI name: it is longer than %d characters", MAX_ISCSI_NAME_LEN);
	if (isdsc_utf16_to_utf8(InitiatorNodeName, len, name, sizeof(name), NULL) < 0)
		return isdsc_fail(ISDSC_INVALID_ISCSI_NAME, "InitiatorNodeName is not valid "
				  "UTF-16 (it has an unpaired surrogate)");
	return set_name(name);
}
