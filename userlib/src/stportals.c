// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * The send-target portal file; see stportals.h for its format.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <unistd.h>

#include "errmap.h"
#include "fileio.h"
#include "internal.h"
#include "stportals.h"

#define ST_FILE_MAX		(4 * 1024 * 1024)
#define DEFAULT_ISCSI_PORT	3260

const char *isdsc_st_path(void)
{
	/* secure_getenv: a set-uid caller must not be redirected elsewhere. */
	const char *path = secure_getenv(ISDSC_ST_PATH_ENV);

	return path && *path ? path : ISDSC_ST_DEFAULT_PATH;
}

static void portal_free(struct isdsc_st_portal *p)
{
	free(p->targets);
	p->targets = NULL;
	p->n_targets = 0;
	explicit_bzero(p->secret, sizeof(p->secret));
	p->secret_len = 0;
}

void isdsc_st_free(struct isdsc_st_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		portal_free(&list->p[i]);
	free(list->p);
	list->p = NULL;
	list->n = 0;
}

/* ---- percent encoding ---- */

struct strbuf {
	char *s;
	size_t len, size;
	bool oom;
};

static void sb_put(struct strbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->size) {
		size_t size = b->size ? b->size : 1024;
		char *grown;

		while (b->len + n + 1 > size)
			size *= 2;
		grown = realloc(b->s, size);
		if (!grown) {
			b->oom = true;
			return;
		}
		b->s = grown;
		b->size = size;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct strbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void ISDSC_PRINTF(2, 3) sb_fmt(struct strbuf *b, const char *fmt, ...)
{
	char tmp[128];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		sb_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

static void sb_encoded(struct strbuf *b, const uint8_t *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";

	for (size_t i = 0; i < n; i++) {
		if (s[i] <= 0x20 || s[i] >= 0x7f || s[i] == '%' || s[i] == '#') {
			char esc[3] = { '%', hex[s[i] >> 4], hex[s[i] & 0xf] };

			sb_put(b, esc, 3);
		} else {
			sb_put(b, (const char *)&s[i], 1);
		}
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes s into out (size bytes); -1 if malformed or too long. */
static long decode(const char *s, uint8_t *out, size_t size)
{
	size_t n = 0;

	for (; *s; s++) {
		int c = (unsigned char)*s;

		if (c == '%') {
			int hi = hexval(s[1]), lo = hi < 0 ? -1 : hexval(s[2]);

			if (hi < 0 || lo < 0)
				return -1;
			c = hi << 4 | lo;
			s += 2;
		}
		if (n >= size)
			return -1;
		out[n++] = (uint8_t)c;
	}
	return (long)n;
}

/* Decodes a string value that may not contain a NUL into out (size bytes with the NUL). */
static bool decode_string(const char *s, char *out, size_t size)
{
	long n = decode(s, (uint8_t *)out, size - 1);

	if (n < 0 || memchr(out, '\0', (size_t)n))
		return false;
	out[n] = '\0';
	return true;
}

/* ---- format ---- */

char *isdsc_st_format(const struct isdsc_st_list *list)
{
	struct strbuf b = { 0 };

	sb_str(&b, "# Send-target portals of libiscsidsc (AddIScsiSendTargetPortal) and the\n"
		   "# targets each one reported. Written by the library: edits are kept, comments not.\n");
	for (size_t i = 0; i < list->n; i++) {
		const struct isdsc_st_portal *p = &list->p[i];

		sb_str(&b, "portal address=");
		sb_encoded(&b, (const uint8_t *)p->address, strlen(p->address));
		sb_fmt(&b, " socket=%u symbolic=", (unsigned int)p->socket);
		sb_encoded(&b, (const uint8_t *)p->symbolic, strlen(p->symbolic));
		sb_str(&b, " instance=");
		sb_encoded(&b, (const uint8_t *)p->instance, strlen(p->instance));
		sb_fmt(&b, " port=%u security=0x%" PRIx64, (unsigned int)p->port,
		       (uint64_t)p->security_flags);
		if (p->have_options) {
			sb_fmt(&b, " info=0x%x flags=0x%x auth=%u hd=%u dd=%u",
			       (unsigned int)p->info, (unsigned int)p->flags, (unsigned int)p->auth,
			       (unsigned int)p->header_digest, (unsigned int)p->data_digest);
			sb_fmt(&b, " maxconn=%u t2w=%u t2r=%u user=",
			       (unsigned int)p->max_connections, (unsigned int)p->time2wait,
			       (unsigned int)p->time2retain);
			sb_encoded(&b, p->user, p->user_len);
			sb_str(&b, " secret=");
			sb_encoded(&b, p->secret, p->secret_len);
		}
		sb_str(&b, "\n");
		for (size_t j = 0; j < p->n_targets; j++) {
			sb_str(&b, "target ");
			sb_encoded(&b, (const uint8_t *)p->targets[j], strlen(p->targets[j]));
			sb_str(&b, "\n");
		}
	}
	if (b.oom) {
		if (b.s)
			explicit_bzero(b.s, b.len);
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* ---- parse ---- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

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

static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!*s || *s == '-')
		return false;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || *end || v > max)
		return false;
	*out = v;
	return true;
}

static bool parse_ulong(const char *s, ULONG *out)
{
	uint64_t v;

	if (!parse_u64(s, UINT32_MAX, &v))
		return false;
	*out = (ULONG)v;
	return true;
}

/* One key=value of a portal line; false if the value is malformed. */
static bool portal_field(struct isdsc_st_portal *p, const char *key, const char *value)
{
	uint64_t v;
	long n;

	if (!strcmp(key, "address"))
		return decode_string(value, p->address, sizeof(p->address)) && p->address[0];
	if (!strcmp(key, "socket")) {
		if (!parse_u64(value, UINT16_MAX, &v))
			return false;
		p->socket = v ? (uint16_t)v : DEFAULT_ISCSI_PORT;
		return true;
	}
	if (!strcmp(key, "symbolic"))
		return decode_string(value, p->symbolic, sizeof(p->symbolic));
	if (!strcmp(key, "instance"))
		return decode_string(value, p->instance, sizeof(p->instance));
	if (!strcmp(key, "port"))
		return parse_ulong(value, &p->port);
	if (!strcmp(key, "security")) {
		if (!parse_u64(value, UINT64_MAX, &v))
			return false;
		p->security_flags = v;
		return true;
	}
	/* Any LoginOptions member means there were LoginOptions. */
#define OPT(name, field) if (!strcmp(key, name)) \
		return (p->have_options = true, parse_ulong(value, &p->field))
	OPT("info", info);
	OPT("flags", flags);
	OPT("auth", auth);
	OPT("hd", header_digest);
	OPT("dd", data_digest);
	OPT("maxconn", max_connections);
	OPT("t2w", time2wait);
	OPT("t2r", time2retain);
#undef OPT
	if (!strcmp(key, "user")) {
		p->have_options = true;
		n = decode(value, p->user, sizeof(p->user) - 1);
		p->user_len = n < 0 ? 0 : (size_t)n;
		return n >= 0;
	}
	if (!strcmp(key, "secret")) {
		p->have_options = true;
		n = decode(value, p->secret, sizeof(p->secret));
		p->secret_len = n < 0 ? 0 : (size_t)n;
		return n >= 0;
	}
	return true;	/* a key of a later version */
}

static ISDSC_STATUS bad_line(const char *path, unsigned int line_no, const char *why)
{
	return isdsc_fail(ERROR_INVALID_DATA, "%s line %u: %s", path, line_no, why);
}

static ISDSC_STATUS parse_portal(char *rest, const char *path, unsigned int line_no,
				 struct isdsc_st_list *list)
{
	struct isdsc_st_portal p;
	char *word;

	memset(&p, 0, sizeof(p));
	p.socket = DEFAULT_ISCSI_PORT;
	p.port = ISCSI_ANY_INITIATOR_PORT;
	while ((word = next_word(&rest))) {
		char *eq = strchr(word, '=');

		if (!eq)
			return bad_line(path, line_no, "a portal field is not KEY=VALUE");
		*eq = '\0';
		if (!portal_field(&p, word, eq + 1)) {
			explicit_bzero(&p, sizeof(p));
			return isdsc_fail(ERROR_INVALID_DATA, "%s line %u: bad value of %s", path,
					  line_no, word);
		}
	}
	if (!p.address[0])
		return bad_line(path, line_no, "a portal without an address");
	if (!isdsc_st_append(list, &p)) {
		explicit_bzero(&p, sizeof(p));
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory reading %s", path);
	}
	explicit_bzero(&p, sizeof(p));
	return ERROR_SUCCESS;
}

static ISDSC_STATUS parse_target(char *rest, const char *path, unsigned int line_no,
				 struct isdsc_st_list *list)
{
	char name[ISCSI_MCS_NAME_MAX], *word = next_word(&rest);
	struct isdsc_st_portal *p;
	char (*grown)[ISCSI_MCS_NAME_MAX];

	if (!list->n)
		return bad_line(path, line_no, "a target before any portal");
	if (!word || next_word(&rest) || !decode_string(word, name, sizeof(name)) || !name[0])
		return bad_line(path, line_no, "a target line holds one name");
	p = &list->p[list->n - 1];
	for (size_t i = 0; i < p->n_targets; i++)
		if (!strcmp(p->targets[i], name))
			return ERROR_SUCCESS;
	grown = realloc(p->targets, (p->n_targets + 1) * sizeof(*p->targets));
	if (!grown)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory reading %s", path);
	p->targets = grown;
	strcpy(p->targets[p->n_targets++], name);
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_st_parse(const char *text, const char *path, struct isdsc_st_list *list)
{
	char *copy = strdup(text), *line, *next;
	unsigned int line_no = 0;
	ISDSC_STATUS status = ERROR_SUCCESS;

	memset(list, 0, sizeof(*list));
	if (!copy)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory reading %s", path);
	for (line = copy; line && status == ERROR_SUCCESS; line = next) {
		char *word;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line_no++;
		if (strchr(line, '#'))
			*strchr(line, '#') = '\0';
		word = next_word(&line);
		if (!word)
			continue;
		if (!strcmp(word, "portal"))
			status = parse_portal(line, path, line_no, list);
		else if (!strcmp(word, "target"))
			status = parse_target(line, path, line_no, list);
		else
			status = isdsc_fail(ERROR_INVALID_DATA, "%s line %u: \"%s\" is neither "
					    "\"portal\" nor \"target\"", path, line_no, word);
	}
	explicit_bzero(copy, strlen(text));
	free(copy);
	if (status != ERROR_SUCCESS)
		isdsc_st_free(list);
	return status;
}

/* ---- the file ---- */

ISDSC_STATUS isdsc_st_load(struct isdsc_st_list *list, struct stat *st, bool *exists)
{
	const char *path = isdsc_st_path();
	ISDSC_STATUS status;
	char *data;
	size_t len;
	int err;

	memset(list, 0, sizeof(*list));
	if (exists)
		*exists = false;
	err = isdsc_read_file(path, ST_FILE_MAX, &data, &len, st);
	if (err == -ENOENT)
		return ERROR_SUCCESS;
	if (err == -EFBIG)
		return isdsc_fail(ERROR_INVALID_DATA, "%s is larger than %d bytes", path,
				  ST_FILE_MAX);
	if (err == -EINVAL)
		return isdsc_fail(ERROR_INVALID_DATA, "%s is not a regular file", path);
	if (err < 0)
		return isdsc_fail(isdsc_status_from_errno(-err), "cannot read %s: %s", path,
				  isdsc_strerror(-err));
	if (exists)
		*exists = true;
	if (memchr(data, '\0', len)) {
		explicit_bzero(data, len);
		free(data);
		return isdsc_fail(ERROR_INVALID_DATA, "%s holds a NUL byte", path);
	}
	status = isdsc_st_parse(data, path, list);
	explicit_bzero(data, len);
	free(data);
	return status;
}

ISDSC_STATUS isdsc_st_save(const struct isdsc_st_list *list, const struct stat *old)
{
	const char *path = isdsc_st_path();
	char target[PATH_MAX];
	ISDSC_STATUS status;
	char *text = isdsc_st_format(list);
	size_t len;

	if (!text)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory writing %s", path);
	/* Through a symbolic link, replace the file and keep the link. */
	if (!realpath(path, target))
		snprintf(target, sizeof(target), "%s", path);
	len = strlen(text);
	/* It may hold CHAP secrets: always 0600. */
	status = isdsc_replace_file(target, text, len, old, 0600, true);
	explicit_bzero(text, len);
	free(text);
	return status;
}

int isdsc_st_lock(void)
{
	char dir[PATH_MAX];
	char *slash;
	int fd;

	snprintf(dir, sizeof(dir), "%s", isdsc_st_path());
	slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	/* No directory yet: nobody else can be writing the file either. */
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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

void isdsc_st_unlock(int fd)
{
	if (fd >= 0)
		close(fd);	/* releases the lock */
}

long isdsc_st_find(const struct isdsc_st_list *list, const char *address, uint16_t socket)
{
	uint16_t want = socket ? socket : DEFAULT_ISCSI_PORT;

	for (size_t i = 0; i < list->n; i++)
		if (list->p[i].socket == want && !strcasecmp(list->p[i].address, address))
			return (long)i;
	return -1;
}

void isdsc_st_remove(struct isdsc_st_list *list, size_t i)
{
	portal_free(&list->p[i]);
	memmove(&list->p[i], &list->p[i + 1], (list->n - i - 1) * sizeof(*list->p));
	list->n--;
}

bool isdsc_st_set_targets(struct isdsc_st_portal *p, const char (*names)[ISCSI_MCS_NAME_MAX],
			  size_t n)
{
	char (*copy)[ISCSI_MCS_NAME_MAX] = NULL;
	size_t used = 0;

	if (n) {
		copy = calloc(n, sizeof(*copy));
		if (!copy)
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		size_t j;

		for (j = 0; j < used && strcmp(copy[j], names[i]); j++)
			;
		if (j == used)
			snprintf(copy[used++], sizeof(copy[0]), "%s", names[i]);
	}
	free(p->targets);
	p->targets = copy;
	p->n_targets = used;
	return true;
}

bool isdsc_st_append(struct isdsc_st_list *list, const struct isdsc_st_portal *p)
{
	struct isdsc_st_portal *grown, *q;

	grown = realloc(list->p, (list->n + 1) * sizeof(*list->p));
	if (!grown)
		return false;
	list->p = grown;
	q = &list->p[list->n];
	*q = *p;
	q->targets = NULL;
	q->n_targets = 0;
	if (!isdsc_st_set_targets(q, (const char (*)[ISCSI_MCS_NAME_MAX])p->targets,
				  p->n_targets)) {
		explicit_bzero(q, sizeof(*q));
		return false;
	}
	list->n++;
	return true;
}
