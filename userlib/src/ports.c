// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The initiator port map; see ports.h for the file format.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "errmap.h"
#include "fileio.h"
#include "internal.h"
#include "ports.h"

#define PORTS_FILE_MAX	(64 * 1024)

const char *isdsc_ports_path(void)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *path = secure_getenv(ISDSC_PORTS_PATH_ENV);

	return path && *path ? path : ISDSC_PORTS_DEFAULT_PATH;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* The next blank-separated word of line at *p, NUL-terminated in place. */
static char *next_word(char **p)
{
	char *start = *p, *end;

	while (*start && is_blank(*start))
		start++;
	if (!*start)
		return NULL;
	end = start;
	while (*end && !is_blank(*end))
		end++;
	if (*end)
		*end++ = '\0';
	*p = end;
	return start;
}

static bool parse_number(const char *s, ULONG *out)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v >= ISCSI_ANY_INITIATOR_PORT)
			return false;
	}
	*out = (ULONG)v;
	return true;
}

/* An address literal, or a string that can be an interface name. */
static bool looks_like_value(const char *value)
{
	uint8_t addr[16];

	return inet_pton(AF_INET, value, addr) == 1 || inet_pton(AF_INET6, value, addr) == 1 ||
	       (strlen(value) < IF_NAMESIZE && !strchr(value, '/'));
}

/* Fills out from the value of a line: an address literal or an interface. */
static ISDSC_STATUS resolve_value(const char *path, unsigned int line_no, const char *value,
				  struct isdsc_port *out)
{
	if (inet_pton(AF_INET, value, out->addr.addr) == 1) {
		out->addr.family = AF_INET;
		return ERROR_SUCCESS;
	}
	if (inet_pton(AF_INET6, value, out->addr.addr) == 1) {
		out->addr.family = AF_INET6;
		return ERROR_SUCCESS;
	}
	snprintf(out->ifname, sizeof(out->ifname), "%s", value);
	out->ifindex = if_nametoindex(value);
	if (!out->ifindex)
		return isdsc_fail(ISDSC_INVALID_PORT_NUMBER, "initiator port %u is interface "
				  "\"%s\" (%s, line %u), which does not exist here",
				  (unsigned int)out->number, value, path, line_no);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_port_lookup(ULONG number, struct isdsc_port *out)
{
	const char *path = isdsc_ports_path();
	unsigned int line_no = 0, found_line = 0;
	ISDSC_STATUS status;
	char *data, *line, *next, *found = NULL;
	size_t len;
	int err;

	memset(out, 0, sizeof(*out));
	out->number = number;
	err = isdsc_read_file(path, PORTS_FILE_MAX, &data, &len, NULL);
	if (err == -ENOENT)
		return isdsc_fail(ISDSC_INVALID_PORT_NUMBER, "there is no initiator port %u: "
				  "%s, which numbers the ports, does not exist",
				  (unsigned int)number, path);
	if (err == -EFBIG || err == -EINVAL)
		return isdsc_fail(ERROR_INVALID_DATA, "%s is %s", path, err == -EFBIG ?
				  "too large to be a port map" : "not a regular file");
	if (err < 0)
		return isdsc_fail(isdsc_status_from_errno(-err), "cannot read %s: %s", path,
				  isdsc_strerror(-err));
	if (memchr(data, '\0', len)) {
		free(data);
		return isdsc_fail(ERROR_INVALID_DATA, "%s has a NUL byte: not a port map", path);
	}

	for (line = data; line; line = next) {
		char *p, *hash, *word, *value;
		ULONG n;

		line_no++;
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		hash = strchr(line, '#');
		if (hash)
			*hash = '\0';
		p = line;
		word = next_word(&p);
		if (!word)
			continue;
		value = next_word(&p);
		if (!parse_number(word, &n) || !value || next_word(&p)) {
			status = isdsc_fail(ERROR_INVALID_DATA, "%s, line %u: expected \"NUMBER "
					    "INTERFACE-OR-ADDRESS\"", path, line_no);
			free(data);
			return status;
		}
		if (!looks_like_value(value)) {
			status = isdsc_fail(ERROR_INVALID_DATA, "%s, line %u: \"%s\" is neither an "
					    "IP address nor an interface name", path, line_no, value);
			free(data);
			return status;
		}
		/* The first line wins; the whole file must be well-formed. */
		if (n == number && !found) {
			found = value;
			found_line = line_no;
		}
	}
	if (found) {
		status = resolve_value(path, found_line, found, out);
		free(data);
		return status;
	}
	free(data);
	return isdsc_fail(ISDSC_INVALID_PORT_NUMBER, "there is no initiator port %u: %s does "
			  "not list it", (unsigned int)number, path);
}
