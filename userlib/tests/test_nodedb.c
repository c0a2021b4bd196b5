// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * open-iscsi's node database (iscsidsc/nodedb.h) in a temporary root:
 * records, layout, modes, MC/S side records, discovery and iface records,
 * and, when stock iscsiadm and mount namespaces are available, both
 * directions of sharing records with iscsiadm (its /etc/iscsi bind-mounted
 * over the temporary root in a private mount namespace).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "iscsidsc/nodedb.h"
#include "tap.h"

static char root[64];

static void records(void)
{
	struct iscsi_mcs_rec *rec = NULL, *back = NULL;
	char *text;

	TAP_CHECK(iscsi_mcs_rec_parse("# BEGIN RECORD 2.0-873\nnode.name = iqn.x:y\n"
				      "  node.tpgt=  3 \n\n# comment = no\nnode.name = iqn.x:z\n"
				      "# END RECORD", &rec) == 0, "parse a record");
	TAP_CHECK(rec && !strcmp(iscsi_mcs_rec_version(rec), "2.0-873"), "version kept");
	TAP_CHECK(rec && !strcmp(iscsi_mcs_rec_get(rec, "node.name"), "iqn.x:z"),
		  "a later duplicate replaces the value");
	TAP_CHECK(rec && !strcmp(iscsi_mcs_rec_get(rec, "node.tpgt"), "3"), "blanks trimmed");
	TAP_CHECK(rec && iscsi_mcs_rec_count(rec) == 2 && !iscsi_mcs_rec_get(rec, "# comment"),
		  "comments skipped");
	TAP_CHECK(iscsi_mcs_rec_set(rec, "bad key", "v") == -EINVAL &&
		  iscsi_mcs_rec_set(rec, "k=v", "v") == -EINVAL &&
		  iscsi_mcs_rec_set(rec, "k", "a\nb") == -EINVAL &&
		  iscsi_mcs_rec_set(rec, "", "v") == -EINVAL, "bad keys and values refused");
	TAP_CHECK(iscsi_mcs_rec_set(rec, "node.session.auth.password", "pass word") == 0 &&
		  iscsi_mcs_rec_set(rec, "node.tpgt", NULL) == 0 && iscsi_mcs_rec_count(rec) == 2 &&
		  !iscsi_mcs_rec_get(rec, "node.tpgt"), "set and remove");
	text = rec ? iscsi_mcs_rec_format(rec) : NULL;
	TAP_CHECK(text && !strcmp(text, "# BEGIN RECORD 2.0-873\nnode.name = iqn.x:z\n"
				  "node.session.auth.password = pass word\n# END RECORD"),
		  "format in open-iscsi's syntax");
	TAP_CHECK(text && iscsi_mcs_rec_parse(text, &back) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(back, "node.session.auth.password"), "pass word"),
		  "round trip keeps a value with a blank");
	iscsi_mcs_rec_free(back);
	TAP_CHECK(iscsi_mcs_rec_parse("node.name\n", &back) == -EINVAL && !back,
		  "a line without '=' is malformed");
	free(text);
	iscsi_mcs_rec_free(rec);
	iscsi_mcs_rec_free(back);

	TAP_CHECK(iscsi_mcs_key_is_mcs("node.conn[1].address") &&
		  iscsi_mcs_key_is_mcs("node.session.mcs.policy") &&
		  iscsi_mcs_key_is_mcs("node.conn[0].mcs.weight") &&
		  !iscsi_mcs_key_is_mcs("node.conn[0].address") &&
		  !iscsi_mcs_key_is_mcs("node.conn[10x].address") &&
		  !iscsi_mcs_key_is_mcs("node.session.iscsi.MaxConnections"),
		  "MC/S keys are told from open-iscsi's");
	rec = iscsi_mcs_rec_new();
	iscsi_mcs_rec_set(rec, "node.conn[0].address", "127.0.0.1");
	iscsi_mcs_rec_set(rec, "node.conn[3].address", "127.0.0.4");
	iscsi_mcs_rec_set(rec, "node.conn[7].port", "3260");
	TAP_CHECK(iscsi_mcs_rec_conn_count(rec) == 4, "connection count from the addresses");
	iscsi_mcs_rec_free(rec);
}

static char mbuf[1024];

static mode_t mode_at(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? (mode_t)-1 : st.st_mode;
}

/* The mode of the path fmt makes of the root and arg; -1 if none. */
#define mode_of(fmt, arg) (snprintf(mbuf, sizeof(mbuf), fmt, root, arg), mode_at(mbuf))

static bool file_has(const char *path, const char *needle)
{
	char buf[8192];
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, needle) != NULL;
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

static struct iscsi_mcs_node_id make_id(const char *target, const char *addr, int tpgt)
{
	struct iscsi_mcs_node_id id;

	memset(&id, 0, sizeof(id));
	snprintf(id.target, sizeof(id.target), "%s", target);
	snprintf(id.address, sizeof(id.address), "%s", addr);
	id.port = 3260;
	id.tpgt = tpgt;
	strcpy(id.iface, "default");
	return id;
}

static void nodes(void)
{
	struct iscsi_mcs_node_id id = make_id("iqn.2003-01.org.example:t1", "127.0.0.1", 1), *ids;
	struct iscsi_mcs_rec *rec = NULL, *back = NULL;
	char path[1024], side[1024];
	size_t n = 99;
	int err;

	snprintf(path, sizeof(path), "%s/iscsid.conf", root);
	write_file(path, "# defaults\nnode.session.iscsi.FirstBurstLength = 65536\n"
		   "discovery.sendtargets.iscsi.MaxRecvDataSegmentLength = 8192\n"
		   "iscsid.startup = /bin/true\n");
	TAP_CHECK(iscsi_mcs_node_list(root, &ids, &n) == 0 && n == 0, "empty database lists nothing");
	free(ids);
	TAP_CHECK(iscsi_mcs_node_read(root, &id, &rec) == -ENOENT, "missing record: -ENOENT");

	err = iscsi_mcs_node_new(root, &id, &rec);
	TAP_CHECK(err == 0 && !strcmp(iscsi_mcs_rec_get(rec, "node.session.iscsi.FirstBurstLength"),
				      "65536"), "new record takes iscsid.conf's node defaults");
	TAP_CHECK(rec && !iscsi_mcs_rec_get(rec, "iscsid.startup") &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.startup"), "manual") &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.tpgt"), "1") &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.conn[0].address"), "127.0.0.1"),
		  "new record: built-in defaults and the id, no daemon keys");
	iscsi_mcs_rec_set(rec, "node.session.auth.authmethod", "CHAP");
	iscsi_mcs_rec_set(rec, "node.session.auth.username", "alice");
	iscsi_mcs_rec_set(rec, "node.session.auth.password", "s3cret-s3cret");
	iscsi_mcs_rec_set(rec, "node.conn[1].address", "127.0.0.2");
	iscsi_mcs_rec_set(rec, "node.conn[1].port", "3260");
	iscsi_mcs_rec_set(rec, ISCSI_MCS_KEY_POLICY, "round-robin");
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == 0, "write a node record");

	snprintf(path, sizeof(path), "%s/nodes/%s/127.0.0.1,3260,1/default", root, id.target);
	snprintf(side, sizeof(side), "%s/iscsi-mcs/nodes/%s/127.0.0.1,3260,1/default", root,
		 id.target);
	TAP_CHECK((mode_of("%s/nodes/%s/127.0.0.1,3260,1/default", id.target) & 07777) == 0600,
		  "record mode 0600 (CHAP secret)");
	TAP_CHECK((mode_of("%s/nodes/%s", id.target) & 07777) == 0700, "directories 0700");
	TAP_CHECK(file_has(path, "# BEGIN RECORD " ISCSI_MCS_RECORD_VERSION "\nnode.name = ") &&
		  file_has(path, "node.session.auth.username = alice\n") &&
		  !file_has(path, "node.conn[1]") && !file_has(path, "mcs."),
		  "main record holds only open-iscsi keys");
	TAP_CHECK(file_has(side, "node.conn[1].address = 127.0.0.2\n") &&
		  file_has(side, "node.session.mcs.policy = round-robin\n") &&
		  !file_has(side, "password") && (mode_of("%s/iscsi-mcs/nodes/%s", id.target) & 07777) == 0700,
		  "MC/S keys in the side record");
	TAP_CHECK(S_ISLNK(mode_of("%s/static/%s,127.0.0.1,3260,1,default", id.target)),
		  "static node linked in static/");

	TAP_CHECK(iscsi_mcs_node_read(root, &id, &back) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(back, "node.conn[1].address"), "127.0.0.2") &&
		  !strcmp(iscsi_mcs_rec_get(back, "node.session.auth.password"), "s3cret-s3cret") &&
		  iscsi_mcs_rec_conn_count(back) == 2, "read merges the side record");
	iscsi_mcs_rec_free(back);
	back = NULL;

	/* Removing every MC/S key removes the side record. */
	iscsi_mcs_rec_set(rec, "node.conn[1].address", NULL);
	iscsi_mcs_rec_set(rec, "node.conn[1].port", NULL);
	iscsi_mcs_rec_set(rec, ISCSI_MCS_KEY_POLICY, NULL);
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == 0 && access(side, F_OK) && errno == ENOENT,
		  "no MC/S keys: no side record");

	/* A second iface and an older-layout record. */
	iscsi_mcs_rec_set(rec, "iface.iscsi_ifacename", "eth1");
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == 0, "write the same node on iface eth1");
	snprintf(path, sizeof(path), "%s/nodes/iqn.2003-01.org.example:old", root);
	mkdir(path, 0700);
	strcat(path, "/127.0.0.9,3260,1");
	write_file(path, "node.name = iqn.2003-01.org.example:old\nnode.tpgt = 1\n"
		   "node.conn[0].address = 127.0.0.9\nnode.conn[0].port = 3260\n");
	/* "...:old" sorts before "...:t1". */
	TAP_CHECK(iscsi_mcs_node_list(root, &ids, &n) == 0 && n == 3 &&
		  !strcmp(ids[0].address, "127.0.0.9") && ids[0].tpgt == 1 &&
		  !strcmp(ids[0].iface, "default") &&
		  !strcmp(ids[1].target, id.target) && !strcmp(ids[1].iface, "default") &&
		  !strcmp(ids[2].iface, "eth1") && ids[2].tpgt == 1 && ids[2].port == 3260,
		  "list: sorted, ifaces and the older layout");
	if (n == 3) {
		TAP_CHECK(iscsi_mcs_node_read(root, &ids[0], &back) == 0 &&
			  !strcmp(iscsi_mcs_rec_get(back, "node.conn[0].address"), "127.0.0.9"),
			  "read an older-layout record");
		iscsi_mcs_rec_free(back);
		back = NULL;
		TAP_CHECK(iscsi_mcs_node_delete(root, &ids[0]) == 0 &&
			  mode_of("%s/nodes/%s", "iqn.2003-01.org.example:old") == (mode_t)-1,
			  "delete an older-layout record and its emptied directory");
	}
	free(ids);
	TAP_CHECK(iscsi_mcs_node_delete(root, &id) == 0 &&
		  mode_of("%s/static/%s,127.0.0.1,3260,1,default", id.target) == (mode_t)-1 &&
		  mode_of("%s/nodes/%s/127.0.0.1,3260,1/eth1", id.target) != (mode_t)-1,
		  "delete one iface's record and its link, not the other iface's");
	id = make_id(id.target, "127.0.0.1", 1);
	strcpy(id.iface, "eth1");
	TAP_CHECK(iscsi_mcs_node_delete(root, &id) == 0 &&
		  mode_of("%s/nodes/%s", id.target) == (mode_t)-1, "last record: directories pruned");
	TAP_CHECK(iscsi_mcs_node_delete(root, &id) == -ENOENT, "delete twice: -ENOENT");

	id = make_id("../escape", "127.0.0.1", 1);
	TAP_CHECK(iscsi_mcs_node_new(root, &id, &back) == -EINVAL, "target with '/' refused");
	id = make_id("iqn.x:y", "1.2.3.4,5", 1);
	TAP_CHECK(iscsi_mcs_node_new(root, &id, &back) == -EINVAL, "address with ',' refused");
	iscsi_mcs_rec_set(rec, "node.tpgt", "x");
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == -EINVAL, "record with a bad tpgt refused");
	iscsi_mcs_rec_free(rec);
}

static void discovery_and_ifaces(void)
{
	struct iscsi_mcs_rec *rec = NULL, *back = NULL;
	struct iscsi_mcs_node_id id = make_id("iqn.2003-01.org.example:t2", "127.0.0.1", 1);
	char **names = NULL;
	size_t n = 0;

	TAP_CHECK(iscsi_mcs_st_new(root, "127.0.0.1", 3260, &rec) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(rec, "discovery.sendtargets.iscsi.MaxRecvDataSegmentLength"),
			  "8192") && !strcmp(iscsi_mcs_rec_get(rec, "discovery.type"), "sendtargets"),
		  "discovery record with iscsid.conf's defaults");
	TAP_CHECK(iscsi_mcs_st_write(root, rec) == 0 &&
		  (mode_of("%s/send_targets/%s/st_config", "127.0.0.1,3260") & 07777) == 0600,
		  "discovery record written 0600");
	TAP_CHECK(iscsi_mcs_st_read(root, "127.0.0.1", 3260, &back) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(back, "discovery.sendtargets.address"), "127.0.0.1"),
		  "discovery record read back");
	iscsi_mcs_rec_free(rec);
	iscsi_mcs_rec_free(back);

	iscsi_mcs_node_new(root, &id, &rec);
	iscsi_mcs_rec_set(rec, "node.discovery_type", "send_targets");
	iscsi_mcs_rec_set(rec, "node.discovery_address", "127.0.0.1");
	iscsi_mcs_rec_set(rec, "node.discovery_port", "3260");
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == 0 &&
		  S_ISLNK(mode_of("%s/send_targets/127.0.0.1,3260/%s,127.0.0.1,3260,1,default",
				  id.target)), "discovered node linked under its portal");
	TAP_CHECK(iscsi_mcs_node_delete(root, &id) == 0 &&
		  mode_of("%s/send_targets/127.0.0.1,3260/%s,127.0.0.1,3260,1,default", id.target) ==
		  (mode_t)-1, "deleting the node removes its discovery link");
	iscsi_mcs_rec_free(rec);
	TAP_CHECK(iscsi_mcs_st_delete(root, "127.0.0.1", 3260) == 0 &&
		  mode_of("%s/send_targets/%s", "127.0.0.1,3260") == (mode_t)-1,
		  "discovery record deleted");

	TAP_CHECK(iscsi_mcs_iface_read(root, "default", &rec) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(rec, "iface.transport_name"), "tcp") &&
		  iscsi_mcs_iface_write(root, rec) == -EINVAL, "built-in iface: read, never written");
	iscsi_mcs_rec_free(rec);
	TAP_CHECK(iscsi_mcs_iface_new("eth9", &rec) == 0 &&
		  iscsi_mcs_rec_set(rec, "iface.net_ifacename", "eth9") == 0 &&
		  iscsi_mcs_iface_write(root, rec) == 0 && iscsi_mcs_iface_list(root, &names, &n) == 0 &&
		  n == 1 && !strcmp(names[0], "eth9"), "iface written and listed");
	while (n)
		free(names[--n]);
	free(names);
	iscsi_mcs_rec_free(rec);
	TAP_CHECK(iscsi_mcs_iface_read(root, "eth9", &rec) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(rec, "iface.net_ifacename"), "eth9") &&
		  iscsi_mcs_iface_delete(root, "eth9") == 0 &&
		  iscsi_mcs_iface_read(root, "eth9", &back) == -ENOENT, "iface read and deleted");
	iscsi_mcs_rec_free(rec);

	setenv(ISCSI_MCS_ISCSI_DIR_ENV, root, 1);
	TAP_CHECK(!strcmp(iscsi_mcs_nodedb_root(NULL), root) &&
		  !strcmp(iscsi_mcs_nodedb_root("/x"), "/x"), "root from the argument, then the environment");
	unsetenv(ISCSI_MCS_ISCSI_DIR_ENV);
	TAP_CHECK(!strcmp(iscsi_mcs_nodedb_root(NULL), "/etc/iscsi"), "default root /etc/iscsi");
}

/* Runs iscsiadm with /etc/iscsi replaced by root; its output into out. */
static int iscsiadm(const char *args, char *out, size_t size)
{
	char cmd[2048];
	FILE *p;
	size_t n = 0;

	snprintf(cmd, sizeof(cmd),
		 "unshare -m sh -c 'mount --bind %s /etc/iscsi && iscsiadm %s' 2>&1", root, args);
	p = popen(cmd, "r");
	if (!p)
		return -1;
	if (out) {
		n = fread(out, 1, size - 1, p);
		out[n] = '\0';
	} else {
		char sink[4096];

		while (fread(sink, 1, sizeof(sink), p) > 0)
			;
	}
	return pclose(p);
}

static void with_iscsiadm(void)
{
	const char *t = "iqn.2003-01.org.example:interop";
	struct iscsi_mcs_node_id id = make_id(t, "127.0.0.1", 1);
	struct iscsi_mcs_rec *rec = NULL;
	static char out[65536];
	char args[1024];

	if (geteuid() != 0 || system("command -v iscsiadm >/dev/null && "
				     "unshare -m true 2>/dev/null")) {
		printf("ok %d # SKIP no iscsiadm or no mount namespaces (not root?)\n", ++tap_n);
		return;
	}
	snprintf(args, sizeof(args), "-m node -o new -T %s -p 127.0.0.1:3260,1", t);
	TAP_CHECK(iscsiadm(args, out, sizeof(out)) == 0, "iscsiadm -o new");
	snprintf(args, sizeof(args), "-m node -T %s -p 127.0.0.1:3260 -o update "
		 "-n node.conn[0].iscsi.HeaderDigest -v CRC32C", t);
	TAP_CHECK(iscsiadm(args, out, sizeof(out)) == 0, "iscsiadm -o update");
	TAP_CHECK(iscsi_mcs_node_read(root, &id, &rec) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.conn[0].iscsi.HeaderDigest"), "CRC32C") &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.name"), t),
		  "a record iscsiadm wrote reads back");
	iscsi_mcs_rec_set(rec, "node.session.auth.authmethod", "CHAP");
	iscsi_mcs_rec_set(rec, "node.session.auth.username", "bob");
	iscsi_mcs_rec_set(rec, "node.session.auth.password", "0123456789ab");
	iscsi_mcs_rec_set(rec, "node.session.iscsi.MaxConnections", "4");
	iscsi_mcs_rec_set(rec, "node.startup", "automatic");
	iscsi_mcs_rec_set(rec, "node.conn[1].address", "127.0.0.2");
	iscsi_mcs_rec_set(rec, ISCSI_MCS_KEY_POLICY, "least-queue");
	TAP_CHECK(iscsi_mcs_node_write(root, rec) == 0, "rewrite it with CHAP and MC/S keys");
	iscsi_mcs_rec_free(rec);
	rec = NULL;
	snprintf(args, sizeof(args), "-m node -T %s -p 127.0.0.1:3260 -o show", t);
	TAP_CHECK(iscsiadm(args, out, sizeof(out)) == 0 &&
		  strstr(out, "node.session.auth.username = bob\n") &&
		  strstr(out, "node.session.iscsi.MaxConnections = 4\n") &&
		  strstr(out, "node.startup = automatic\n") && !strstr(out, "ERROR"),
		  "iscsiadm -o show reads the record we wrote");
	/* iscsiadm rewrites the main record; the MC/S keys must survive. */
	snprintf(args, sizeof(args), "-m node -T %s -p 127.0.0.1:3260 -o update "
		 "-n node.session.auth.username -v carol", t);
	TAP_CHECK(iscsiadm(args, out, sizeof(out)) == 0 && iscsi_mcs_node_read(root, &id, &rec) == 0 &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.session.auth.username"), "carol") &&
		  !strcmp(iscsi_mcs_rec_get(rec, "node.conn[1].address"), "127.0.0.2"),
		  "an iscsiadm update keeps the MC/S keys");
	iscsi_mcs_rec_free(rec);
	TAP_CHECK(iscsiadm("-m node", out, sizeof(out)) == 0 &&
		  strstr(out, "127.0.0.1:3260,1 iqn.2003-01.org.example:interop\n"),
		  "iscsiadm lists the node");
	snprintf(args, sizeof(args), "-m node -T %s -p 127.0.0.1:3260 -o delete", t);
	TAP_CHECK(iscsiadm(args, out, sizeof(out)) == 0 &&
		  iscsi_mcs_node_read(root, &id, &rec) == -ENOENT,
		  "deleted by iscsiadm: gone, the side record is not read alone");
}

int main(void)
{
	char cmd[128];

	strcpy(root, "/tmp/isdsc-nodedb.XXXXXX");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	records();
	nodes();
	discovery_and_ifaces();
	with_iscsiadm();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd))
		return 1;
	return tap_done();
}
