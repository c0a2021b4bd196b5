// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * open-iscsi's node database; see iscsidsc/nodedb.h for the layout.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iscsidsc/nodedb.h"
#include "internal.h"

#define REC_FILE_MAX	(1024 * 1024)
/* Names of write_text()'s temporary files hold this; listings skip them. */
#define TMP_MARK	".iscsi-mcs-tmp."

struct iscsi_mcs_rec {
	size_t n, cap;
	char **keys, **vals;
	char version[32];
};

/*
 * The keys and values open-iscsi 2.1 gives a new node record, in its
 * order: stock iscsiadm reads a record without any of them, but writing
 * them all makes "-o show" of both tools agree.
 */
static const char *const node_defaults[][2] = {
	{ "node.name", "" },
	{ "node.tpgt", "-1" },
	{ "node.startup", "manual" },
	{ "node.leading_login", "No" },
	{ "iface.iscsi_ifacename", "default" },
	{ "iface.prefix_len", "0" },
	{ "iface.transport_name", "tcp" },
	{ "iface.vlan_id", "0" },
	{ "iface.vlan_priority", "0" },
	{ "iface.iface_num", "0" },
	{ "iface.mtu", "0" },
	{ "iface.port", "0" },
	{ "iface.tos", "0" },
	{ "iface.ttl", "0" },
	{ "iface.tcp_wsf", "0" },
	{ "iface.tcp_timer_scale", "0" },
	{ "iface.def_task_mgmt_timeout", "0" },
	{ "iface.erl", "0" },
	{ "iface.max_receive_data_len", "0" },
	{ "iface.first_burst_len", "0" },
	{ "iface.max_outstanding_r2t", "0" },
	{ "iface.max_burst_len", "0" },
	{ "node.discovery_port", "0" },
	{ "node.discovery_type", "static" },
	{ "node.session.initial_cmdsn", "0" },
	{ "node.session.initial_login_retry_max", "4" },
	{ "node.session.xmit_thread_priority", "-20" },
	{ "node.session.cmds_max", "128" },
	{ "node.session.queue_depth", "32" },
	{ "node.session.nr_sessions", "1" },
	{ "node.session.auth.authmethod", "None" },
	{ "node.session.auth.chap_algs", "MD5" },
	{ "node.session.timeo.replacement_timeout", "120" },
	{ "node.session.err_timeo.abort_timeout", "15" },
	{ "node.session.err_timeo.lu_reset_timeout", "30" },
	{ "node.session.err_timeo.tgt_reset_timeout", "30" },
	{ "node.session.err_timeo.host_reset_timeout", "60" },
	{ "node.session.iscsi.FastAbort", "Yes" },
	{ "node.session.iscsi.InitialR2T", "No" },
	{ "node.session.iscsi.ImmediateData", "Yes" },
	{ "node.session.iscsi.FirstBurstLength", "262144" },
	{ "node.session.iscsi.MaxBurstLength", "16776192" },
	{ "node.session.iscsi.DefaultTime2Retain", "0" },
	{ "node.session.iscsi.DefaultTime2Wait", "2" },
	{ "node.session.iscsi.MaxConnections", "1" },
	{ "node.session.iscsi.MaxOutstandingR2T", "1" },
	{ "node.session.iscsi.ERL", "0" },
	{ "node.session.scan", "auto" },
	{ "node.session.reopen_max", "0" },
	{ "node.conn[0].address", "" },
	{ "node.conn[0].port", "3260" },
	{ "node.conn[0].startup", "manual" },
	{ "node.conn[0].tcp.window_size", "524288" },
	{ "node.conn[0].tcp.type_of_service", "0" },
	{ "node.conn[0].timeo.logout_timeout", "15" },
	{ "node.conn[0].timeo.login_timeout", "30" },
	{ "node.conn[0].timeo.auth_timeout", "45" },
	{ "node.conn[0].timeo.noop_out_interval", "5" },
	{ "node.conn[0].timeo.noop_out_timeout", "5" },
	{ "node.conn[0].iscsi.MaxXmitDataSegmentLength", "0" },
	{ "node.conn[0].iscsi.MaxRecvDataSegmentLength", "262144" },
	{ "node.conn[0].iscsi.HeaderDigest", "None" },
	{ "node.conn[0].iscsi.DataDigest", "None" },
	{ "node.conn[0].iscsi.IFMarker", "No" },
	{ "node.conn[0].iscsi.OFMarker", "No" },
};

static const char *const st_defaults[][2] = {
	{ "discovery.startup", "manual" },
	{ "discovery.type", "sendtargets" },
	{ "discovery.sendtargets.address", "" },
	{ "discovery.sendtargets.port", "3260" },
	{ "discovery.sendtargets.auth.authmethod", "None" },
	{ "node.session.auth.chap_algs", "MD5" },
	{ "discovery.sendtargets.timeo.login_timeout", "15" },
	{ "discovery.sendtargets.use_discoveryd", "No" },
	{ "discovery.sendtargets.discoveryd_poll_inval", "30" },
	{ "discovery.sendtargets.reopen_max", "5" },
	{ "discovery.sendtargets.timeo.auth_timeout", "45" },
	{ "discovery.sendtargets.timeo.active_timeout", "30" },
	{ "discovery.sendtargets.iscsi.MaxRecvDataSegmentLength", "32768" },
};

static const char *const iface_defaults[][2] = {
	{ "iface.iscsi_ifacename", "" },
	{ "iface.prefix_len", "0" },
	{ "iface.transport_name", "tcp" },
	{ "iface.vlan_id", "0" },
	{ "iface.vlan_priority", "0" },
	{ "iface.iface_num", "0" },
	{ "iface.mtu", "0" },
	{ "iface.port", "0" },
	{ "iface.tos", "0" },
	{ "iface.ttl", "0" },
	{ "iface.tcp_wsf", "0" },
	{ "iface.tcp_timer_scale", "0" },
	{ "iface.def_task_mgmt_timeout", "0" },
	{ "iface.erl", "0" },
	{ "iface.max_receive_data_len", "0" },
	{ "iface.first_burst_len", "0" },
	{ "iface.max_outstanding_r2t", "0" },
	{ "iface.max_burst_len", "0" },
};

/* ---- records ---- */

ISDSC_EXPORT struct iscsi_mcs_rec *iscsi_mcs_rec_new(void)
{
	struct iscsi_mcs_rec *rec = calloc(1, sizeof(*rec));

	if (rec)
		strcpy(rec->version, ISCSI_MCS_RECORD_VERSION);
	return rec;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

ISDSC_EXPORT void iscsi_mcs_rec_free(struct iscsi_mcs_rec *rec)
{
	if (!rec)
		return;
	for (size_t i = 0; i < rec->n; i++) {
		free(rec->keys[i]);
		/* Values may be CHAP secrets. */
		wipe_free(rec->vals[i]);
	}
	free(rec->keys);
	free(rec->vals);
	free(rec);
}

static long rec_find(const struct iscsi_mcs_rec *rec, const char *key)
{
	for (size_t i = 0; i < rec->n; i++)
		if (!strcmp(rec->keys[i], key))
			return (long)i;
	return -1;
}

ISDSC_EXPORT const char *iscsi_mcs_rec_get(const struct iscsi_mcs_rec *rec, const char *key)
{
	long i = rec && key ? rec_find(rec, key) : -1;

	return i < 0 ? NULL : rec->vals[i];
}

static bool key_ok(const char *key)
{
	if (!key || !*key)
		return false;
	for (const char *p = key; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '=' || *p == 0x7f)
			return false;
	return true;
}

ISDSC_EXPORT int iscsi_mcs_rec_set(struct iscsi_mcs_rec *rec, const char *key, const char *value)
{
	long i;
	char *v;

	if (!rec || !key_ok(key) || (value && strpbrk(value, "\r\n")))
		return -EINVAL;
	i = rec_find(rec, key);
	if (!value) {
		if (i >= 0) {
			free(rec->keys[i]);
			wipe_free(rec->vals[i]);
			memmove(&rec->keys[i], &rec->keys[i + 1], (rec->n - i - 1) * sizeof(char *));
			memmove(&rec->vals[i], &rec->vals[i + 1], (rec->n - i - 1) * sizeof(char *));
			rec->n--;
		}
		return 0;
	}
	v = strdup(value);
	if (!v)
		return -ENOMEM;
	if (i >= 0) {
		wipe_free(rec->vals[i]);
		rec->vals[i] = v;
		return 0;
	}
	if (rec->n == rec->cap) {
		size_t cap = rec->cap ? rec->cap * 2 : 64;
		char **k = realloc(rec->keys, cap * sizeof(char *));

		if (k)
			rec->keys = k;
		k = k ? realloc(rec->vals, cap * sizeof(char *)) : NULL;
		if (!k) {
			free(v);
			return -ENOMEM;
		}
		rec->vals = k;
		rec->cap = cap;
	}
	rec->keys[rec->n] = strdup(key);
	if (!rec->keys[rec->n]) {
		free(v);
		return -ENOMEM;
	}
	rec->vals[rec->n++] = v;
	return 0;
}

ISDSC_EXPORT size_t iscsi_mcs_rec_count(const struct iscsi_mcs_rec *rec)
{
	return rec ? rec->n : 0;
}

ISDSC_EXPORT const char *iscsi_mcs_rec_key(const struct iscsi_mcs_rec *rec, size_t i)
{
	return rec && i < rec->n ? rec->keys[i] : NULL;
}

ISDSC_EXPORT const char *iscsi_mcs_rec_value(const struct iscsi_mcs_rec *rec, size_t i)
{
	return rec && i < rec->n ? rec->vals[i] : NULL;
}

ISDSC_EXPORT const char *iscsi_mcs_rec_version(const struct iscsi_mcs_rec *rec)
{
	return rec ? rec->version : ISCSI_MCS_RECORD_VERSION;
}

ISDSC_EXPORT struct iscsi_mcs_rec *iscsi_mcs_rec_dup(const struct iscsi_mcs_rec *rec)
{
	struct iscsi_mcs_rec *copy = iscsi_mcs_rec_new();

	if (!copy || !rec)
		return copy;
	memcpy(copy->version, rec->version, sizeof(copy->version));
	for (size_t i = 0; i < rec->n; i++) {
		if (iscsi_mcs_rec_set(copy, rec->keys[i], rec->vals[i])) {
			iscsi_mcs_rec_free(copy);
			return NULL;
		}
	}
	return copy;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static const char begin_mark[] = "# BEGIN RECORD";

ISDSC_EXPORT int iscsi_mcs_rec_parse(const char *text, struct iscsi_mcs_rec **out)
{
	struct iscsi_mcs_rec *rec;
	char *copy, *line, *next;
	int err = 0;

	if (!text || !out)
		return -EINVAL;
	*out = NULL;
	rec = iscsi_mcs_rec_new();
	copy = strdup(text);
	if (!rec || !copy) {
		err = -ENOMEM;
		goto out;
	}
	for (line = copy; line && !err; line = next) {
		char *eq, *key;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		line = trim(line);
		if (!strncmp(line, begin_mark, sizeof(begin_mark) - 1)) {
			char *v = trim(line + sizeof(begin_mark) - 1);

			if (*v && strlen(v) < sizeof(rec->version))
				strcpy(rec->version, v);
			continue;
		}
		if (!*line || *line == '#')
			continue;
		eq = strchr(line, '=');
		if (!eq) {
			err = -EINVAL;
			break;
		}
		*eq = '\0';
		key = trim(line);
		err = iscsi_mcs_rec_set(rec, key, trim(eq + 1));
	}
out:
	if (copy) {
		explicit_bzero(copy, strlen(text));
		free(copy);
	}
	if (err) {
		iscsi_mcs_rec_free(rec);
		return err;
	}
	*out = rec;
	return 0;
}

ISDSC_EXPORT char *iscsi_mcs_rec_format(const struct iscsi_mcs_rec *rec)
{
	size_t len = sizeof(begin_mark) + strlen(rec->version) + 32;
	char *text, *p;

	for (size_t i = 0; i < rec->n; i++)
		len += strlen(rec->keys[i]) + strlen(rec->vals[i]) + 4;
	text = malloc(len);
	if (!text)
		return NULL;
	p = text + sprintf(text, "%s %s\n", begin_mark, rec->version);
	for (size_t i = 0; i < rec->n; i++)
		p += sprintf(p, "%s = %s\n", rec->keys[i], rec->vals[i]);
	/* open-iscsi writes no line break after the end mark. */
	strcpy(p, "# END RECORD");
	return text;
}

/* N of "node.conn[N]." or -1; *rest past the "]." */
static long conn_index(const char *key, const char **rest)
{
	static const char pfx[] = "node.conn[";
	char *end;
	unsigned long n;

	if (strncmp(key, pfx, sizeof(pfx) - 1))
		return -1;
	key += sizeof(pfx) - 1;
	if (*key < '0' || *key > '9')
		return -1;
	errno = 0;
	n = strtoul(key, &end, 10);
	if (errno || n > 65535 || end[0] != ']' || end[1] != '.')
		return -1;
	if (rest)
		*rest = end + 2;
	return (long)n;
}

ISDSC_EXPORT int iscsi_mcs_key_is_mcs(const char *key)
{
	if (!key)
		return 0;
	return conn_index(key, NULL) > 0 || strstr(key, ".mcs.") != NULL;
}

ISDSC_EXPORT unsigned int iscsi_mcs_rec_conn_count(const struct iscsi_mcs_rec *rec)
{
	unsigned int count = 1;

	for (size_t i = 0; rec && i < rec->n; i++) {
		const char *rest;
		long n = conn_index(rec->keys[i], &rest);

		if (n >= 0 && !strcmp(rest, "address") && (unsigned long)n + 1 > count)
			count = (unsigned int)n + 1;
	}
	return count;
}

static int rec_fill(struct iscsi_mcs_rec *rec, const char *const (*tab)[2], size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int err = iscsi_mcs_rec_set(rec, tab[i][0], tab[i][1]);

		if (err)
			return err;
	}
	return 0;
}

/* ---- files ---- */

ISDSC_EXPORT const char *iscsi_mcs_nodedb_root(const char *root)
{
	if (root && *root)
		return root;
	root = secure_getenv(ISCSI_MCS_ISCSI_DIR_ENV);
	return root && *root ? root : ISCSI_MCS_ISCSI_DIR_DEFAULT;
}

/* A name that can be one path component. */
static bool component_ok(const char *s)
{
	return s && *s && strcmp(s, ".") && strcmp(s, "..") && !strchr(s, '/') &&
	       strlen(s) < NAME_MAX;
}

static int read_rec(const char *path, struct iscsi_mcs_rec **out)
{
	FILE *f = fopen(path, "re");
	char *text;
	size_t len;
	int err;

	if (!f)
		return -errno;
	text = malloc(REC_FILE_MAX + 1);
	if (!text) {
		fclose(f);
		return -ENOMEM;
	}
	len = fread(text, 1, REC_FILE_MAX + 1, f);
	err = ferror(f) ? -EIO : len > REC_FILE_MAX ? -EFBIG : 0;
	fclose(f);
	if (!err) {
		text[len] = '\0';
		err = iscsi_mcs_rec_parse(text, out);
	}
	explicit_bzero(text, len);
	free(text);
	return err;
}

/* mkdir -p of path's directories, each 0700 when created. */
static int make_parents(char *path)
{
	for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdir(path, 0700) && errno != EEXIST) {
			int err = -errno;

			*p = '/';
			return err;
		}
		*p = '/';
	}
	return 0;
}

/* Replaces path with text atomically; never readable by others. */
static int write_text(const char *path, const char *text)
{
	char tmp[PATH_MAX];
	size_t len = strlen(text);
	int fd, err = 0;

	if (snprintf(tmp, sizeof(tmp), "%s" TMP_MARK "XXXXXX", path) >= (int)sizeof(tmp))
		return -ENAMETOOLONG;
	err = make_parents(tmp);
	if (err)
		return err;
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fchmod(fd, 0600))
		err = -errno;
	for (size_t done = 0; !err && done < len;) {
		ssize_t n = write(fd, text + done, len - done);

		if (n < 0 && errno != EINTR)
			err = -errno;
		else if (n > 0)
			done += (size_t)n;
	}
	if (!err && fsync(fd))
		err = -errno;
	if (close(fd) && !err)
		err = -errno;
	if (!err && rename(tmp, path))
		err = -errno;
	if (err)
		unlink(tmp);
	return err;
}

static int write_rec(const char *path, const struct iscsi_mcs_rec *rec)
{
	char *text = iscsi_mcs_rec_format(rec);
	int err;

	if (!text)
		return -ENOMEM;
	err = write_text(path, text);
	explicit_bzero(text, strlen(text));
	free(text);
	return err;
}

#define PATHF(buf, ...) (snprintf(buf, sizeof(buf), __VA_ARGS__) >= (int)sizeof(buf) ? \
			 -ENAMETOOLONG : 0)

ISDSC_EXPORT int iscsi_mcs_conf_read(const char *root, struct iscsi_mcs_rec **out)
{
	char path[PATH_MAX];
	int err = PATHF(path, "%s/iscsid.conf", iscsi_mcs_nodedb_root(root));

	if (err)
		return err;
	err = read_rec(path, out);
	if (err == -ENOENT) {
		*out = iscsi_mcs_rec_new();
		err = *out ? 0 : -ENOMEM;
	}
	return err;
}

/* Sets the keys of conf that start with prefix. */
static int rec_overlay(struct iscsi_mcs_rec *rec, const struct iscsi_mcs_rec *conf,
		       const char *prefix)
{
	for (size_t i = 0; i < conf->n; i++) {
		if (!strncmp(conf->keys[i], prefix, strlen(prefix))) {
			int err = iscsi_mcs_rec_set(rec, conf->keys[i], conf->vals[i]);

			if (err)
				return err;
		}
	}
	return 0;
}

/* ---- node records ---- */

static int id_ok(const struct iscsi_mcs_node_id *id)
{
	if (!id || !component_ok(id->target) || !component_ok(id->address) ||
	    strchr(id->address, ',') || !component_ok(id->iface) || id->tpgt < -1 ||
	    id->tpgt > 65535 || !memchr(id->target, '\0', sizeof(id->target)))
		return -EINVAL;
	return 0;
}

static int copy_field(char *dst, size_t size, const char *src)
{
	if (!src || strlen(src) >= size)
		return -EINVAL;
	strcpy(dst, src);
	return 0;
}

static int parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_node_id_of(const struct iscsi_mcs_rec *rec, struct iscsi_mcs_node_id *id)
{
	const char *iface = iscsi_mcs_rec_get(rec, "iface.iscsi_ifacename");
	const char *port = iscsi_mcs_rec_get(rec, "node.conn[0].port");
	long tpgt, p = 3260;

	if (!rec || !id)
		return -EINVAL;
	memset(id, 0, sizeof(*id));
	if (copy_field(id->target, sizeof(id->target), iscsi_mcs_rec_get(rec, "node.name")) ||
	    copy_field(id->address, sizeof(id->address),
		       iscsi_mcs_rec_get(rec, "node.conn[0].address")) ||
	    copy_field(id->iface, sizeof(id->iface), iface ? iface : "default") ||
	    parse_num(iscsi_mcs_rec_get(rec, "node.tpgt"), -1, 65535, &tpgt) ||
	    (port && parse_num(port, 0, 65535, &p)))
		return -EINVAL;
	id->tpgt = (int)tpgt;
	id->port = (uint16_t)p;
	return id_ok(id);
}

static int portal_dir(char *buf, size_t size, const char *root, const char *sub,
		      const struct iscsi_mcs_node_id *id)
{
	int n = snprintf(buf, size, "%s/%snodes/%s/%s,%u,%d", iscsi_mcs_nodedb_root(root), sub,
			 id->target, id->address, id->port, id->tpgt);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int node_path(char *buf, size_t size, const char *root, const char *sub,
		     const struct iscsi_mcs_node_id *id)
{
	int err = portal_dir(buf, size, root, sub, id);
	size_t len = strlen(buf);

	if (err)
		return err;
	if (snprintf(buf + len, size - len, "/%s", id->iface) >= (int)(size - len))
		return -ENAMETOOLONG;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_node_new(const char *root, const struct iscsi_mcs_node_id *id,
				    struct iscsi_mcs_rec **out)
{
	struct iscsi_mcs_rec *rec, *conf = NULL;
	char num[16];
	int err;

	if (!out || id_ok(id))
		return -EINVAL;
	*out = NULL;
	rec = iscsi_mcs_rec_new();
	if (!rec)
		return -ENOMEM;
	err = rec_fill(rec, node_defaults, ISDSC_ARRAY_SIZE(node_defaults));
	if (!err)
		err = iscsi_mcs_conf_read(root, &conf);
	if (!err)
		err = rec_overlay(rec, conf, "node.");
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.name", id->target);
	snprintf(num, sizeof(num), "%d", id->tpgt);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.tpgt", num);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "iface.iscsi_ifacename", id->iface);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.conn[0].address", id->address);
	snprintf(num, sizeof(num), "%u", id->port);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "node.conn[0].port", num);
	iscsi_mcs_rec_free(conf);
	if (err) {
		iscsi_mcs_rec_free(rec);
		return err;
	}
	*out = rec;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_node_read(const char *root, const struct iscsi_mcs_node_id *id,
				     struct iscsi_mcs_rec **out)
{
	struct iscsi_mcs_rec *rec, *side = NULL;
	char path[PATH_MAX];
	struct stat st;
	int err;

	if (!out || id_ok(id))
		return -EINVAL;
	*out = NULL;
	err = portal_dir(path, sizeof(path), root, "", id);
	if (err)
		return err;
	/* The older layout: the portal entry is the record of iface "default". */
	if (stat(path, &st) || !S_ISREG(st.st_mode) || strcmp(id->iface, "default"))
		err = node_path(path, sizeof(path), root, "", id);
	if (!err)
		err = read_rec(path, &rec);
	if (err)
		return err;
	if (!node_path(path, sizeof(path), root, "iscsi-mcs/", id)) {
		err = read_rec(path, &side);
		if (err == -ENOENT)
			err = 0;
	}
	for (size_t i = 0; !err && side && i < side->n; i++)
		if (iscsi_mcs_key_is_mcs(side->keys[i]))
			err = iscsi_mcs_rec_set(rec, side->keys[i], side->vals[i]);
	iscsi_mcs_rec_free(side);
	if (err) {
		iscsi_mcs_rec_free(rec);
		return err;
	}
	*out = rec;
	return 0;
}

/* The link name of a node in static/ or send_targets/<...>/. */
static int link_name(char *buf, size_t size, const char *dir, const struct iscsi_mcs_node_id *id)
{
	int n = snprintf(buf, size, "%s/%s,%s,%u,%d,%s", dir, id->target, id->address,
			 id->port, id->tpgt, id->iface);

	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

static int make_link(const char *dir, const struct iscsi_mcs_node_id *id, const char *target)
{
	char path[PATH_MAX];
	int err = link_name(path, sizeof(path), dir, id);

	if (!err)
		err = make_parents(path);
	if (err)
		return err;
	if (symlink(target, path) && errno != EEXIST)
		return -errno;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_node_write(const char *root, const struct iscsi_mcs_rec *rec)
{
	struct iscsi_mcs_rec *main_rec = NULL, *side = NULL;
	struct iscsi_mcs_node_id id;
	char path[PATH_MAX], pdir[PATH_MAX], dir[PATH_MAX];
	const char *type;
	int err;

	if (!rec)
		return -EINVAL;
	err = iscsi_mcs_node_id_of(rec, &id);
	if (err)
		return err;
	main_rec = iscsi_mcs_rec_new();
	side = iscsi_mcs_rec_new();
	if (!main_rec || !side) {
		err = -ENOMEM;
		goto out;
	}
	memcpy(main_rec->version, rec->version, sizeof(rec->version));
	for (size_t i = 0; !err && i < rec->n; i++)
		err = iscsi_mcs_rec_set(iscsi_mcs_key_is_mcs(rec->keys[i]) ? side : main_rec,
					rec->keys[i], rec->vals[i]);
	if (!err)
		err = portal_dir(pdir, sizeof(pdir), root, "", &id);
	/* An older-layout record is replaced by a directory of ifaces. */
	if (!err && !strcmp(id.iface, "default")) {
		struct stat st;

		if (!stat(pdir, &st) && S_ISREG(st.st_mode) && unlink(pdir))
			err = -errno;
	}
	if (!err)
		err = node_path(path, sizeof(path), root, "", &id);
	if (!err)
		err = write_rec(path, main_rec);
	if (!err)
		err = node_path(path, sizeof(path), root, "iscsi-mcs/", &id);
	if (!err && side->n)
		err = write_rec(path, side);
	else if (!err && unlink(path) && errno != ENOENT)
		err = -errno;
	if (err)
		goto out;
	type = iscsi_mcs_rec_get(rec, "node.discovery_type");
	if (type && !strcmp(type, "static")) {
		err = PATHF(dir, "%s/static", iscsi_mcs_nodedb_root(root));
		if (!err)
			err = make_link(dir, &id, pdir);
	} else if (type && !strcmp(type, "send_targets")) {
		const char *addr = iscsi_mcs_rec_get(rec, "node.discovery_address");
		const char *port = iscsi_mcs_rec_get(rec, "node.discovery_port");

		if (addr && component_ok(addr) && port) {
			err = PATHF(dir, "%s/send_targets/%s,%s", iscsi_mcs_nodedb_root(root),
				    addr, port);
			if (!err)
				err = make_link(dir, &id, pdir);
		}
	}
out:
	iscsi_mcs_rec_free(main_rec);
	iscsi_mcs_rec_free(side);
	return err;
}

/* Removes the links to the node under dir (static/ or a send_targets/ entry). */
static void unlink_in(const char *dir, const struct iscsi_mcs_node_id *id)
{
	char path[PATH_MAX];

	if (!link_name(path, sizeof(path), dir, id))
		unlink(path);
}

/* rmdir of path and then its parent, while they are empty. */
static void prune(char *path, int levels)
{
	while (levels-- > 0 && !rmdir(path)) {
		char *slash = strrchr(path, '/');

		if (!slash)
			return;
		*slash = '\0';
	}
}

/* Cuts path at its last '/'. */
static void cut_last(char *path)
{
	char *slash = strrchr(path, '/');

	if (slash)
		*slash = '\0';
}

ISDSC_EXPORT int iscsi_mcs_node_delete(const char *root, const struct iscsi_mcs_node_id *id)
{
	char path[PATH_MAX], dir[PATH_MAX];
	struct stat st;
	DIR *d;
	int err;

	if (id_ok(id))
		return -EINVAL;
	err = portal_dir(path, sizeof(path), root, "", id);
	if (err)
		return err;
	if (!stat(path, &st) && S_ISREG(st.st_mode) && !strcmp(id->iface, "default")) {
		if (unlink(path))
			return -errno;
		cut_last(path);
		prune(path, 1);
	} else {
		err = node_path(path, sizeof(path), root, "", id);
		if (!err && unlink(path))
			err = -errno;
		if (err)
			return err;
		cut_last(path);
		prune(path, 2);
	}
	if (!node_path(path, sizeof(path), root, "iscsi-mcs/", id) && !unlink(path)) {
		cut_last(path);
		prune(path, 2);
	}
	if (!PATHF(dir, "%s/static", iscsi_mcs_nodedb_root(root)))
		unlink_in(dir, id);
	/* The node may have come from any discovery portal. */
	if (PATHF(dir, "%s/send_targets", iscsi_mcs_nodedb_root(root)))
		return 0;
	d = opendir(dir);
	for (struct dirent *e; d && (e = readdir(d));) {
		if (e->d_name[0] == '.' ||
		    PATHF(path, "%s/%s", dir, e->d_name))
			continue;
		unlink_in(path, id);
	}
	if (d)
		closedir(d);
	return 0;
}

/* ---- listing ---- */

struct id_list {
	struct iscsi_mcs_node_id *ids;
	size_t n, cap;
};

static int id_push(struct id_list *l, const struct iscsi_mcs_node_id *id)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		struct iscsi_mcs_node_id *ids = realloc(l->ids, cap * sizeof(*ids));

		if (!ids)
			return -ENOMEM;
		l->ids = ids;
		l->cap = cap;
	}
	l->ids[l->n++] = *id;
	return 0;
}

/* "<address>,<port>,<tpgt>" into id; the address may hold commas in no case. */
static bool parse_portal(const char *name, struct iscsi_mcs_node_id *id)
{
	const char *c2 = strrchr(name, ','), *c1;
	char num[16];
	long port, tpgt;

	if (!c2 || c2 == name)
		return false;
	for (c1 = c2 - 1; c1 > name && *c1 != ','; c1--)
		;
	if (c1 == name || (size_t)(c1 - name) >= sizeof(id->address) ||
	    (size_t)(c2 - c1 - 1) >= sizeof(num))
		return false;
	memcpy(id->address, name, (size_t)(c1 - name));
	id->address[c1 - name] = '\0';
	memcpy(num, c1 + 1, (size_t)(c2 - c1 - 1));
	num[c2 - c1 - 1] = '\0';
	if (parse_num(num, 0, 65535, &port) || parse_num(c2 + 1, -1, 65535, &tpgt))
		return false;
	id->port = (uint16_t)port;
	id->tpgt = (int)tpgt;
	return true;
}

static int id_cmp(const void *a, const void *b)
{
	const struct iscsi_mcs_node_id *x = a, *y = b;
	int c = strcmp(x->target, y->target);

	if (!c)
		c = strcmp(x->address, y->address);
	if (!c)
		c = (int)x->port - (int)y->port;
	if (!c)
		c = x->tpgt - y->tpgt;
	if (!c)
		c = strcmp(x->iface, y->iface);
	return c;
}

static bool skip_entry(const char *name)
{
	return name[0] == '.' || strstr(name, TMP_MARK);
}

static int list_portals(const char *tdir, const char *target, struct id_list *l)
{
	char path[PATH_MAX];
	DIR *d = opendir(tdir);
	int err = 0;

	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	for (struct dirent *e; !err && (e = readdir(d));) {
		struct iscsi_mcs_node_id id;
		struct stat st;

		memset(&id, 0, sizeof(id));
		if (e->d_name[0] == '.' || !parse_portal(e->d_name, &id) ||
		    strlen(target) >= sizeof(id.target) || PATHF(path, "%s/%s", tdir, e->d_name) ||
		    stat(path, &st))
			continue;
		strcpy(id.target, target);
		if (S_ISREG(st.st_mode)) {
			strcpy(id.iface, "default");
			err = id_push(l, &id);
		} else if (S_ISDIR(st.st_mode)) {
			DIR *pd = opendir(path);

			for (struct dirent *f; !err && pd && (f = readdir(pd));) {
				if (skip_entry(f->d_name) || strlen(f->d_name) >= sizeof(id.iface))
					continue;
				strcpy(id.iface, f->d_name);
				err = id_push(l, &id);
			}
			if (pd)
				closedir(pd);
		}
	}
	closedir(d);
	return err;
}

ISDSC_EXPORT int iscsi_mcs_node_list(const char *root, struct iscsi_mcs_node_id **ids, size_t *n)
{
	struct id_list l = { 0 };
	char dir[PATH_MAX], path[PATH_MAX];
	DIR *d;
	int err;

	if (!ids || !n)
		return -EINVAL;
	*ids = NULL;
	*n = 0;
	err = PATHF(dir, "%s/nodes", iscsi_mcs_nodedb_root(root));
	if (err)
		return err;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	for (struct dirent *e; !err && (e = readdir(d));) {
		if (e->d_name[0] == '.' || PATHF(path, "%s/%s", dir, e->d_name))
			continue;
		err = list_portals(path, e->d_name, &l);
	}
	closedir(d);
	if (err) {
		free(l.ids);
		return err;
	}
	if (l.n)
		qsort(l.ids, l.n, sizeof(*l.ids), id_cmp);
	*ids = l.ids;
	*n = l.n;
	return 0;
}

/* ---- discovery records ---- */

static int st_dir(char *buf, size_t size, const char *root, const char *address, uint16_t port)
{
	int n;

	if (!component_ok(address) || strchr(address, ','))
		return -EINVAL;
	n = snprintf(buf, size, "%s/send_targets/%s,%u", iscsi_mcs_nodedb_root(root), address, port);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

ISDSC_EXPORT int iscsi_mcs_st_new(const char *root, const char *address, uint16_t port,
				  struct iscsi_mcs_rec **out)
{
	struct iscsi_mcs_rec *rec, *conf = NULL;
	char num[8];
	int err;

	if (!out || !component_ok(address) || strchr(address, ','))
		return -EINVAL;
	*out = NULL;
	rec = iscsi_mcs_rec_new();
	if (!rec)
		return -ENOMEM;
	err = rec_fill(rec, st_defaults, ISDSC_ARRAY_SIZE(st_defaults));
	if (!err)
		err = iscsi_mcs_conf_read(root, &conf);
	if (!err)
		err = rec_overlay(rec, conf, "discovery.sendtargets.");
	if (!err)
		err = iscsi_mcs_rec_set(rec, "discovery.sendtargets.address", address);
	snprintf(num, sizeof(num), "%u", port);
	if (!err)
		err = iscsi_mcs_rec_set(rec, "discovery.sendtargets.port", num);
	iscsi_mcs_rec_free(conf);
	if (err) {
		iscsi_mcs_rec_free(rec);
		return err;
	}
	*out = rec;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_st_read(const char *root, const char *address, uint16_t port,
				   struct iscsi_mcs_rec **out)
{
	char path[PATH_MAX];
	size_t len;
	int err;

	if (!out)
		return -EINVAL;
	*out = NULL;
	err = st_dir(path, sizeof(path), root, address, port);
	if (err)
		return err;
	len = strlen(path);
	if (snprintf(path + len, sizeof(path) - len, "/st_config") >= (int)(sizeof(path) - len))
		return -ENAMETOOLONG;
	return read_rec(path, out);
}

ISDSC_EXPORT int iscsi_mcs_st_write(const char *root, const struct iscsi_mcs_rec *rec)
{
	const char *address = iscsi_mcs_rec_get(rec, "discovery.sendtargets.address");
	char path[PATH_MAX];
	size_t len;
	long port;
	int err;

	if (!rec || parse_num(iscsi_mcs_rec_get(rec, "discovery.sendtargets.port"), 0, 65535,
			      &port))
		return -EINVAL;
	err = st_dir(path, sizeof(path), root, address, (uint16_t)port);
	if (err)
		return err;
	len = strlen(path);
	if (snprintf(path + len, sizeof(path) - len, "/st_config") >= (int)(sizeof(path) - len))
		return -ENAMETOOLONG;
	return write_rec(path, rec);
}

ISDSC_EXPORT int iscsi_mcs_st_delete(const char *root, const char *address, uint16_t port)
{
	char dir[PATH_MAX], path[PATH_MAX];
	DIR *d;
	int err = st_dir(dir, sizeof(dir), root, address, port);

	if (err)
		return err;
	d = opendir(dir);
	if (!d)
		return -errno;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' || PATHF(path, "%s/%s", dir, e->d_name))
			continue;
		if (unlink(path) && !err)
			err = -errno;
	}
	closedir(d);
	if (!err && rmdir(dir))
		err = -errno;
	return err;
}

/* ---- iface records ---- */

static bool iface_builtin(const char *name)
{
	return !strcmp(name, "default") || !strcmp(name, "iser");
}

ISDSC_EXPORT int iscsi_mcs_iface_new(const char *name, struct iscsi_mcs_rec **out)
{
	struct iscsi_mcs_rec *rec;
	int err;

	if (!out || !component_ok(name) || strlen(name) >= 64)
		return -EINVAL;
	*out = NULL;
	rec = iscsi_mcs_rec_new();
	if (!rec)
		return -ENOMEM;
	err = rec_fill(rec, iface_defaults, ISDSC_ARRAY_SIZE(iface_defaults));
	if (!err)
		err = iscsi_mcs_rec_set(rec, "iface.iscsi_ifacename", name);
	if (!err && !strcmp(name, "iser"))
		err = iscsi_mcs_rec_set(rec, "iface.transport_name", "iser");
	if (err) {
		iscsi_mcs_rec_free(rec);
		return err;
	}
	*out = rec;
	return 0;
}

ISDSC_EXPORT int iscsi_mcs_iface_read(const char *root, const char *name,
				      struct iscsi_mcs_rec **out)
{
	char path[PATH_MAX];
	int err;

	if (!out || !component_ok(name))
		return -EINVAL;
	*out = NULL;
	if (iface_builtin(name))
		return iscsi_mcs_iface_new(name, out);
	err = PATHF(path, "%s/ifaces/%s", iscsi_mcs_nodedb_root(root), name);
	return err ? err : read_rec(path, out);
}

ISDSC_EXPORT int iscsi_mcs_iface_write(const char *root, const struct iscsi_mcs_rec *rec)
{
	const char *name = iscsi_mcs_rec_get(rec, "iface.iscsi_ifacename");
	char path[PATH_MAX];
	int err;

	if (!component_ok(name) || iface_builtin(name))
		return -EINVAL;
	err = PATHF(path, "%s/ifaces/%s", iscsi_mcs_nodedb_root(root), name);
	return err ? err : write_rec(path, rec);
}

ISDSC_EXPORT int iscsi_mcs_iface_delete(const char *root, const char *name)
{
	char path[PATH_MAX];
	int err;

	if (!component_ok(name) || iface_builtin(name))
		return -EINVAL;
	err = PATHF(path, "%s/ifaces/%s", iscsi_mcs_nodedb_root(root), name);
	if (!err && unlink(path))
		err = -errno;
	return err;
}

ISDSC_EXPORT int iscsi_mcs_iface_list(const char *root, char ***names, size_t *n)
{
	char dir[PATH_MAX];
	char **v = NULL;
	size_t count = 0;
	DIR *d;
	int err;

	if (!names || !n)
		return -EINVAL;
	*names = NULL;
	*n = 0;
	err = PATHF(dir, "%s/ifaces", iscsi_mcs_nodedb_root(root));
	if (err)
		return err;
	d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -errno;
	for (struct dirent *e; !err && (e = readdir(d));) {
		char **grown;

		if (skip_entry(e->d_name))
			continue;
		grown = realloc(v, (count + 1) * sizeof(char *));
		if (!grown) {
			err = -ENOMEM;
			break;
		}
		v = grown;
		v[count] = strdup(e->d_name);
		if (!v[count])
			err = -ENOMEM;
		else
			count++;
	}
	closedir(d);
	if (err) {
		while (count)
			free(v[--count]);
		free(v);
		return err;
	}
	*names = v;
	*n = count;
	return 0;
}
