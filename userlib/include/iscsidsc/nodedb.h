/* SPDX-License-Identifier: GPL-2.0 OR MIT */
/*
 * open-iscsi's node database, read and written in open-iscsi's own layout,
 * so that stock iscsiadm, mcsadm and libiscsidsc share one set of records.
 *
 * PRIVATE API: exported by libiscsidsc.so.1 in the ISCSI_MCS_PRIVATE symbol
 * version for mcsadm only. It may change with any release; programs ported
 * from Windows use the iscsidsc.h functions instead.
 *
 * Layout under the root directory (/etc/iscsi, or $ISCSI_MCS_ISCSI_DIR, or
 * the root argument of each function):
 *
 *   nodes/<target>/<address>,<port>,<tpgt>/<iface>   node records
 *   static/<target>,<address>,<port>,<tpgt>,<iface>  -> the portal directory
 *                                                     (statically added)
 *   send_targets/<address>,<port>/st_config          discovery records
 *   send_targets/<address>,<port>/<target>,<address>,<port>,<tpgt>,<iface>
 *                                                     -> the portal directory
 *                                                     (nodes it discovered)
 *   ifaces/<name>                                    iface records
 *   iscsid.conf                                      defaults
 *   iscsi-mcs/nodes/<target>/<address>,<port>,<tpgt>/<iface>
 *                                                     MC/S keys (see below)
 *
 * A record is "# BEGIN RECORD <version>", "key = value" lines and
 * "# END RECORD". Files are mode 0600 and directories 0700: node records
 * hold CHAP secrets.
 *
 * MC/S keys: the extra connections of a session are node.conn[1..N].*
 * (address, port, iface, mcs.weight) and the load-balance policy is
 * node.session.mcs.policy. Stock iscsiadm (open-iscsi 2.1) refuses a record
 * holding any key it does not know ("Unknown parameter name", and the
 * whole record is then ignored), so these keys live in a side record of the
 * same name under iscsi-mcs/nodes/. iscsi_mcs_node_read() merges both and
 * iscsi_mcs_node_write() splits them again; callers see one record. A side
 * record whose node record is gone (deleted by iscsiadm) is never read.
 *
 * Functions return 0 or a negative errno value: -ENOENT (no such record),
 * -EINVAL (malformed argument or record), -ENOMEM, or what the file system
 * said.
 */
#ifndef ISCSIDSC_NODEDB_H
#define ISCSIDSC_NODEDB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define ISCSI_MCS_ISCSI_DIR_ENV		"ISCSI_MCS_ISCSI_DIR"
#define ISCSI_MCS_ISCSI_DIR_DEFAULT	"/etc/iscsi"
/* The record version written in "# BEGIN RECORD": open-iscsi's layout. */
#define ISCSI_MCS_RECORD_VERSION	"2.1.8"

/* The MC/S keys (side record). N is 1 and above. */
#define ISCSI_MCS_KEY_POLICY		"node.session.mcs.policy"
#define ISCSI_MCS_KEY_CONN_FMT		"node.conn[%u].%s"	/* N, "address" */

/* A record: an ordered list of unique keys with their values. */
struct iscsi_mcs_rec;

struct iscsi_mcs_rec *iscsi_mcs_rec_new(void);
void iscsi_mcs_rec_free(struct iscsi_mcs_rec *rec);
struct iscsi_mcs_rec *iscsi_mcs_rec_dup(const struct iscsi_mcs_rec *rec);

/* The value of key, or NULL. */
const char *iscsi_mcs_rec_get(const struct iscsi_mcs_rec *rec, const char *key);
/*
 * Sets key (appended if new, in place otherwise); value NULL removes it.
 * -EINVAL for a key that is empty or holds blanks or '=', or a value
 * holding a line break.
 */
int iscsi_mcs_rec_set(struct iscsi_mcs_rec *rec, const char *key, const char *value);
size_t iscsi_mcs_rec_count(const struct iscsi_mcs_rec *rec);
const char *iscsi_mcs_rec_key(const struct iscsi_mcs_rec *rec, size_t i);
const char *iscsi_mcs_rec_value(const struct iscsi_mcs_rec *rec, size_t i);
/* The version of "# BEGIN RECORD" read, or ISCSI_MCS_RECORD_VERSION. */
const char *iscsi_mcs_rec_version(const struct iscsi_mcs_rec *rec);

/*
 * Parses text: "key = value" lines; blank lines and lines starting '#'
 * are skipped (a "# BEGIN RECORD v" line sets the version). A later
 * duplicate key replaces the earlier value, as in open-iscsi.
 */
int iscsi_mcs_rec_parse(const char *text, struct iscsi_mcs_rec **out);
/* The record's text, malloc()ed; NULL when out of memory. */
char *iscsi_mcs_rec_format(const struct iscsi_mcs_rec *rec);

/*
 * The number of connections the record describes: 1 plus the highest N of
 * a node.conn[N].address key.
 */
unsigned int iscsi_mcs_rec_conn_count(const struct iscsi_mcs_rec *rec);
/* Whether key belongs in the side record (MC/S keys). */
int iscsi_mcs_key_is_mcs(const char *key);

/* The root: root if not NULL, else $ISCSI_MCS_ISCSI_DIR, else /etc/iscsi. */
const char *iscsi_mcs_nodedb_root(const char *root);

/* Identifies a node record. */
struct iscsi_mcs_node_id {
	char target[224];
	char address[256];	/* IPv6 without brackets, as open-iscsi names it */
	uint16_t port;
	int tpgt;		/* -1: open-iscsi's "none" */
	char iface[64];		/* "default" */
};

/*
 * The id a record names (node.name, node.tpgt, node.conn[0].address,
 * node.conn[0].port, iface.iscsi_ifacename); -EINVAL if one is missing or
 * cannot be a file name.
 */
int iscsi_mcs_node_id_of(const struct iscsi_mcs_rec *rec, struct iscsi_mcs_node_id *id);

/*
 * iscsid.conf as a record; no file is an empty record. Only "key = value"
 * lines count.
 */
int iscsi_mcs_conf_read(const char *root, struct iscsi_mcs_rec **out);

/*
 * A new node record, not saved: open-iscsi's defaults, then the node.*
 * keys of iscsid.conf, then the id (node.discovery_type = static).
 */
int iscsi_mcs_node_new(const char *root, const struct iscsi_mcs_node_id *id,
		       struct iscsi_mcs_rec **out);
/* Reads a record (with its MC/S side record merged in). */
int iscsi_mcs_node_read(const char *root, const struct iscsi_mcs_node_id *id,
			struct iscsi_mcs_rec **out);
/*
 * Writes the record at the id it names, replacing any (atomically, mode
 * 0600). A static node gets its static/ link; a node with
 * node.discovery_type = send_targets gets its link in the directory of
 * node.discovery_address,node.discovery_port.
 */
int iscsi_mcs_node_write(const char *root, const struct iscsi_mcs_rec *rec);
/* Deletes a record, its side record, its links and emptied directories. */
int iscsi_mcs_node_delete(const char *root, const struct iscsi_mcs_node_id *id);
/*
 * Every node record, sorted (target, address, port, tpgt, iface): *ids
 * malloc()ed, *n entries. Records of the older layout, where the portal
 * entry is the record itself, are listed with iface "default".
 */
int iscsi_mcs_node_list(const char *root, struct iscsi_mcs_node_id **ids, size_t *n);

/* SendTargets discovery records (send_targets/<address>,<port>/st_config). */
int iscsi_mcs_st_new(const char *root, const char *address, uint16_t port,
		     struct iscsi_mcs_rec **out);
int iscsi_mcs_st_read(const char *root, const char *address, uint16_t port,
		      struct iscsi_mcs_rec **out);
/* Named by discovery.sendtargets.address and .port. */
int iscsi_mcs_st_write(const char *root, const struct iscsi_mcs_rec *rec);
/* Deletes the discovery record and its links (not the nodes themselves). */
int iscsi_mcs_st_delete(const char *root, const char *address, uint16_t port);

/*
 * iface records (ifaces/<name>). "default" and "iser" are open-iscsi's
 * built-in ifaces: read without a file, never written or deleted (-EINVAL).
 */
int iscsi_mcs_iface_new(const char *name, struct iscsi_mcs_rec **out);
int iscsi_mcs_iface_read(const char *root, const char *name, struct iscsi_mcs_rec **out);
int iscsi_mcs_iface_write(const char *root, const struct iscsi_mcs_rec *rec);
int iscsi_mcs_iface_delete(const char *root, const char *name);
/* Names of the ifaces/ records (built-ins not included); strings and array malloc()ed. */
int iscsi_mcs_iface_list(const char *root, char ***names, size_t *n);

#ifdef __cplusplus
}
#endif

#endif /* ISCSIDSC_NODEDB_H */
