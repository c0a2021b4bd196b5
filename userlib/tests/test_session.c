// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * Sessions: the 128-bit identifiers and their two ULONGLONGs, SESSION_GET
 * answers built here by hand and parsed, and the single buffer that
 * GetIScsiSessionListA, ...W and ...Ex fill from them, byte for byte; then
 * the argument checks of the public calls and LogoutIScsiTarget.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/iscsi_mcs.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>

#include "iscsidsc.h"
#include "session.h"
#include "tap.h"

static const char *status_name(ISDSC_STATUS s)
{
	const char *name = IScsiMcsStatusName(s);

	return name ? name : "unknown";
}

static bool module_loaded(void)
{
	struct nl_sock *sk = nl_socket_alloc();
	bool loaded = false;

	if (sk && genl_connect(sk) == 0)
		loaded = genl_ctrl_resolve(sk, "iscsi_mcs") >= 0;
	nl_socket_free(sk);
	return loaded;
}

/* ---- identifiers ---- */

static void identifiers(void)
{
	uint8_t id[ISCSI_MCS_ID_LEN], back[ISCSI_MCS_ID_LEN];
	ISCSI_UNIQUE_SESSION_ID u;
	bool all = true;

	for (int i = 0; i < ISCSI_MCS_ID_LEN; i++)
		id[i] = (uint8_t)i;
	isdsc_id_to_unique(id, &u);
	TAP_CHECK(u.AdapterUnique == 0x0001020304050607ull &&
		  u.AdapterSpecific == 0x08090a0b0c0d0e0full,
		  "bytes 0-7 are AdapterUnique, 8-15 AdapterSpecific, big-endian "
		  "(%016llx-%016llx)", (unsigned long long)u.AdapterUnique,
		  (unsigned long long)u.AdapterSpecific);
	isdsc_unique_to_id(&u, back);
	TAP_CHECK(!memcmp(id, back, sizeof(id)), "and back to the same 16 bytes");

	/* Every byte value in every position survives the round trip. */
	for (int pos = 0; pos < ISCSI_MCS_ID_LEN; pos++) {
		for (int v = 0; v < 256; v += 17) {
			memset(id, 0xA5, sizeof(id));
			id[pos] = (uint8_t)v;
			isdsc_id_to_unique(id, &u);
			isdsc_unique_to_id(&u, back);
			all &= !memcmp(id, back, sizeof(id));
		}
	}
	TAP_CHECK(all, "round trip of every position and a spread of values");

	u.AdapterUnique = 0xfedcba9876543210ull;
	u.AdapterSpecific = 0x0123456789abcdefull;
	isdsc_unique_to_id(&u, back);
	TAP_CHECK(back[0] == 0xfe && back[7] == 0x10 && back[8] == 0x01 && back[15] == 0xef,
		  "an id printed as %%016llx-%%016llx reads as the module's bytes in order");
}

/* ---- synthetic SESSION_GET answers ---- */

struct conn_spec {
	uint8_t id_byte;
	uint16_t cid;
	const char *local, *portal;	/* NULL: left out */
	uint16_t local_port, portal_port;
	uint8_t hd, dd;
};

struct session_spec {
	uint8_t id_byte;
	uint64_t isid;
	uint16_t tsih;
	const char *target, *initiator;	/* initiator NULL: left out */
	int n_conns;
	struct conn_spec conns[3];
};

static void put_addr(struct nl_msg *m, int type, const char *text, uint16_t port)
{
	struct nlattr *nest;
	uint8_t a[16];

	if (!text)
		return;
	nest = nla_nest_start(m, type);
	if (inet_pton(AF_INET, text, a) == 1)
		nla_put(m, ISCSI_MCS_ADDR_A_IPV4, 4, a);
	else if (inet_pton(AF_INET6, text, a) == 1)
		nla_put(m, ISCSI_MCS_ADDR_A_IPV6, 16, a);
	nla_put_u16(m, ISCSI_MCS_ADDR_A_PORT, port);
	nla_nest_end(m, nest);
}

/* One answer as the module builds it (mcs_nl_put_session). */
static struct nl_msg *session_answer(const struct session_spec *s)
{
	struct nl_msg *m = nlmsg_alloc();
	struct nlattr *sess, *conns;
	uint8_t id[ISCSI_MCS_ID_LEN];

	genlmsg_put(m, 0, 0, 0x20, 0, NLM_F_MULTI, ISCSI_MCS_CMD_SESSION_GET,
		    ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	memset(id, s->id_byte, sizeof(id));
	nla_put(m, ISCSI_MCS_SESSION_A_ID, sizeof(id), id);
	nla_put_u64(m, ISCSI_MCS_SESSION_A_ISID, s->isid);
	nla_put_u16(m, ISCSI_MCS_SESSION_A_TSIH, s->tsih);
	nla_put_u16(m, ISCSI_MCS_SESSION_A_TPGT, 1);
	nla_put_u8(m, ISCSI_MCS_SESSION_A_STATE, ISCSI_MCS_STATE_LOGGED_IN);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_NAME, s->target);
	if (s->initiator)
		nla_put_string(m, ISCSI_MCS_SESSION_A_INITIATOR_NAME, s->initiator);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_ALIAS, "");
	nla_put_u32(m, ISCSI_MCS_SESSION_A_MAX_CONNECTIONS, 8);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL, 2);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH, 262144);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_FIRST_BURST_LENGTH, 65536);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_DEFAULT_TIME2WAIT, 2);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_DEFAULT_TIME2RETAIN, 20);
	nla_put_u32(m, ISCSI_MCS_SESSION_A_MAX_OUTSTANDING_R2T, 1);
	nla_put_u8(m, ISCSI_MCS_SESSION_A_IMMEDIATE_DATA, 1);
	nla_put_u8(m, ISCSI_MCS_SESSION_A_INITIAL_R2T, 0);
	conns = nla_nest_start(m, ISCSI_MCS_SESSION_A_CONNS);
	for (int i = 0; i < s->n_conns; i++) {
		const struct conn_spec *c = &s->conns[i];
		struct nlattr *conn = nla_nest_start(m, ISCSI_MCS_SESSION_A_CONN);

		memset(id, c->id_byte, sizeof(id));
		nla_put(m, ISCSI_MCS_CONN_A_ID, sizeof(id), id);
		nla_put_u16(m, ISCSI_MCS_CONN_A_CID, c->cid);
		nla_put_u8(m, ISCSI_MCS_CONN_A_STATE, 0);
		put_addr(m, ISCSI_MCS_CONN_A_PORTAL, c->portal, c->portal_port);
		put_addr(m, ISCSI_MCS_CONN_A_LOCAL, c->local, c->local_port);
		nla_put_u8(m, ISCSI_MCS_CONN_A_HEADER_DIGEST, c->hd);
		nla_put_u8(m, ISCSI_MCS_CONN_A_DATA_DIGEST, c->dd);
		nla_put_u32(m, ISCSI_MCS_CONN_A_MAX_RECV_DSL, 262144);
		nla_put_u32(m, ISCSI_MCS_CONN_A_MAX_XMIT_DSL, 65536);
		nla_put_u64(m, ISCSI_MCS_CONN_A_PDUS_SENT, 5);
		nla_put_u64(m, ISCSI_MCS_CONN_A_PDUS_RECEIVED, 6);
		nla_nest_end(m, conn);
	}
	nla_nest_end(m, conns);
	nla_nest_end(m, sess);
	return m;
}

static const char t1[] = "iqn.2026-11.org.example:disk1";
static const char t2[] = "iqn.2026-11.org.example:second-target";
static const char i1[] = "iqn.2026-11.org.example:host";

/* Session 1: two IPv4 connections; session 2: one IPv6 and no initiator name; session 3: none. */
static const struct session_spec specs[] = {
	{ 0x11, 0x800000123456ull, 0x0102, t1, i1, 2, {
		{ 0xA1, 0, "10.0.0.1", "10.0.0.9", 40001, 3260, 0, 0 },
		{ 0xA2, 0x0203, "10.0.0.2", "10.0.1.9", 40002, 3261, 1, 1 },
	} },
	{ 0x22, 0x400001370000ull, 0xBEEF, t2, NULL, 1, {
		{ 0xB1, 7, "2001:db8::1", "2001:db8::9", 50000, 3260, 1, 0 },
	} },
	{ 0x33, 0x000000000001ull, 1, t1, i1, 0, { { 0 } } },
};
#define N_SPECS 3

static ISDSC_STATUS parse_all(struct isdsc_session_list *list)
{
	memset(list, 0, sizeof(*list));
	for (int i = 0; i < N_SPECS; i++) {
		struct nl_msg *m = session_answer(&specs[i]);
		ISDSC_STATUS s = isdsc_session_parse(m, list);

		nlmsg_free(m);
		if (s != ERROR_SUCCESS)
			return s;
	}
	return ERROR_SUCCESS;
}

static void parsing(void)
{
	struct isdsc_session_list list;
	ISDSC_STATUS s = parse_all(&list);
	char a[INET6_ADDRSTRLEN];

	TAP_CHECK(s == ERROR_SUCCESS && list.n == 3, "three answers parse into three sessions (%s)",
		  status_name(s));
	if (list.n != 3) {
		isdsc_session_list_free(&list);
		return;
	}
	TAP_CHECK(list.s[0].n_conns == 2 && list.s[1].n_conns == 1 && list.s[2].n_conns == 0,
		  "with 2, 1 and 0 connections");
	TAP_CHECK(list.s[0].isid == 0x800000123456ull && list.s[0].tsih == 0x0102 &&
		  !strcmp(list.s[0].target_name, t1) && !strcmp(list.s[0].initiator_name, i1) &&
		  list.s[0].max_connections == 8 && list.s[0].error_recovery_level == 2 &&
		  list.s[0].first_burst_length == 65536 && list.s[0].immediate_data == 1,
		  "session values as sent");
	TAP_CHECK(list.s[0].conns[1].cid == 0x0203 && list.s[0].conns[1].local.port == 40002 &&
		  list.s[0].conns[1].portal.port == 3261 && list.s[0].conns[1].header_digest == 1,
		  "connection values as sent");
	isdsc_addr_string(&list.s[1].conns[0].portal, a, sizeof(a));
	TAP_CHECK(!strcmp(a, "2001:db8::9"), "an IPv6 portal reads back as %s", a);
	TAP_CHECK(list.s[1].initiator_name[0] == '\0', "a missing initiator name is empty");
	isdsc_session_list_free(&list);
}

static void broken_answers(void)
{
	struct isdsc_session_list list = { 0 };
	struct nl_msg *m;
	struct nlattr *sess;
	uint8_t id[ISCSI_MCS_ID_LEN] = { 1 };
	ISDSC_STATUS s;

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "an answer without ISCSI_MCS_A_SESSION: "
		  "ISDSC_DRIVER_BUG (%s)", IScsiMcsLastErrorText());
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_NAME, t1);
	nla_nest_end(m, sess);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "a session without an id: ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	nla_put(m, ISCSI_MCS_SESSION_A_ID, 15, id);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_NAME, t1);
	nla_nest_end(m, sess);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "a 15-byte id: ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	nla_put(m, ISCSI_MCS_SESSION_A_ID, sizeof(id), id);
	nla_nest_end(m, sess);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "a session without a target name: "
		  "ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	nla_put(m, ISCSI_MCS_SESSION_A_ID, sizeof(id), id);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_NAME, t1);
	nla_put_u64(m, ISCSI_MCS_SESSION_A_ISID, 1ull << 48);
	nla_nest_end(m, sess);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "an ISID of more than 48 bits: "
		  "ISDSC_DRIVER_BUG");
	nlmsg_free(m);

	m = nlmsg_alloc();
	genlmsg_put(m, 0, 0, 0x20, 0, 0, ISCSI_MCS_CMD_SESSION_GET, ISCSI_MCS_GENL_VERSION);
	sess = nla_nest_start(m, ISCSI_MCS_A_SESSION);
	nla_put(m, ISCSI_MCS_SESSION_A_ID, sizeof(id), id);
	nla_put_string(m, ISCSI_MCS_SESSION_A_TARGET_NAME, t1);
	{
		struct nlattr *conns = nla_nest_start(m, ISCSI_MCS_SESSION_A_CONNS);
		struct nlattr *conn = nla_nest_start(m, ISCSI_MCS_SESSION_A_CONN);

		nla_put_u16(m, ISCSI_MCS_CONN_A_CID, 1);
		nla_nest_end(m, conn);
		nla_nest_end(m, conns);
	}
	nla_nest_end(m, sess);
	s = isdsc_session_parse(m, &list);
	TAP_CHECK(s == ISDSC_DRIVER_BUG && list.n == 0, "a connection without an id: "
		  "ISDSC_DRIVER_BUG, nothing leaked");
	nlmsg_free(m);
	isdsc_session_list_free(&list);
}

/* ---- packing ---- */

/* Where the strings of the packed specs are, in order. */
struct expected {
	const char *str;	/* NULL: a NULL pointer, no bytes */
};

static size_t expected_strings(const char *out[], size_t max)
{
	size_t n = 0;

	for (int i = 0; i < N_SPECS && n < max; i++) {
		const struct session_spec *s = &specs[i];

		out[n++] = s->initiator;
		out[n++] = s->target;		/* TargetNodeName */
		out[n++] = s->target;		/* TargetName */
		for (int j = 0; j < s->n_conns; j++) {
			out[n++] = s->conns[j].local;
			out[n++] = s->conns[j].portal;
		}
	}
	return n;
}

static size_t strings_bytes(bool wide)
{
	const char *strs[32];
	size_t n = expected_strings(strs, 32), bytes = 0;

	for (size_t i = 0; i < n; i++)
		if (strs[i])
			bytes += (strlen(strs[i]) + 1) * (wide ? 2 : 1);
	return bytes;
}

static bool wide_equals(const WCHAR *w, const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (w[i] != (unsigned char)s[i])
			return false;
	return w[i] == 0;
}

static void pack_a(const struct isdsc_session_list *list)
{
	const size_t structs = 3 * sizeof(ISCSI_SESSION_INFOA) + 3 * sizeof(ISCSI_CONNECTION_INFOA);
	const size_t total = structs + strings_bytes(false);
	const char *strs[32];
	size_t n_strs = expected_strings(strs, 32), k = 0, off = structs;
	unsigned char *buf;
	ISCSI_SESSION_INFOA *s;
	ULONG size = 0, count = 99;
	ISDSC_STATUS st;
	bool ok = true;

	TAP_CHECK(structs == 3 * 64 + 3 * 40, "A: 3 sessions of 64 bytes, 3 connections of 40");
	st = isdsc_session_pack(list, ISDSC_PACK_A, NULL, &size, &count);
	TAP_CHECK(st == ERROR_INSUFFICIENT_BUFFER && size == total && count == 3,
		  "A: a size query answers ERROR_INSUFFICIENT_BUFFER and %zu bytes (got %s, %u, %u)",
		  total, status_name(st), (unsigned int)size, (unsigned int)count);
	buf = malloc(total + 16);
	memset(buf, 0xEE, total + 16);
	size = (ULONG)total - 1;
	st = isdsc_session_pack(list, ISDSC_PACK_A, buf, &size, &count);
	TAP_CHECK(st == ERROR_INSUFFICIENT_BUFFER && size == total && buf[0] == 0xEE,
		  "A: one byte short: ERROR_INSUFFICIENT_BUFFER, the size, nothing written");
	size = (ULONG)total + 16;
	st = isdsc_session_pack(list, ISDSC_PACK_A, buf, &size, &count);
	TAP_CHECK(st == ERROR_SUCCESS && size == total && count == 3 && buf[total] == 0xEE,
		  "A: a larger buffer: success, *BufferSize the bytes used, nothing past them");

	s = (ISCSI_SESSION_INFOA *)(void *)buf;
	TAP_CHECK((unsigned char *)s[0].Connections == buf + 192 &&
		  (unsigned char *)s[1].Connections == buf + 192 + 80 && s[2].Connections == NULL,
		  "A: connection arrays right after the sessions, in session order; none: NULL");
	TAP_CHECK(s[0].ConnectionCount == 2 && s[1].ConnectionCount == 1 &&
		  s[2].ConnectionCount == 0, "A: connection counts");
	TAP_CHECK(s[0].SessionId.AdapterUnique == 0x1111111111111111ull &&
		  s[1].SessionId.AdapterSpecific == 0x2222222222222222ull,
		  "A: session ids from the module's bytes");
	TAP_CHECK(!memcmp(s[0].ISID, "\x80\x00\x00\x12\x34\x56", 6) &&
		  !memcmp(s[1].ISID, "\x40\x00\x01\x37\x00\x00", 6),
		  "A: ISID in wire order, type byte first");
	TAP_CHECK(s[0].TSID[0] == 0x02 && s[0].TSID[1] == 0x01 && s[1].TSID[0] == 0xEF &&
		  s[1].TSID[1] == 0xBE, "A: TSID is the TSIH as a little-endian USHORT");
	TAP_CHECK(s[0].Connections[1].CID[0] == 0x03 && s[0].Connections[1].CID[1] == 0x02 &&
		  s[1].Connections[0].CID[0] == 7 && s[1].Connections[0].CID[1] == 0,
		  "A: CID is a little-endian USHORT");
	TAP_CHECK(s[0].Connections[0].ConnectionId.AdapterUnique == 0xA1A1A1A1A1A1A1A1ull &&
		  s[0].Connections[0].InitiatorSocket == 40001 &&
		  s[0].Connections[0].TargetSocket == 3260 &&
		  s[0].Connections[1].TargetSocket == 3261 &&
		  s[1].Connections[0].InitiatorSocket == 50000, "A: connection ids and sockets");

	/* Every string, in order, contiguous after the structures. */
	for (int i = 0; i < N_SPECS; i++) {
		const char *got[3] = { s[i].InitiatorName, s[i].TargetNodeName, s[i].TargetName };

		for (int j = 0; j < 3; j++, k++) {
			if (!strs[k]) {
				ok &= got[j] == NULL;
				continue;
			}
			ok &= got[j] == (const char *)buf + off && !strcmp(got[j], strs[k]);
			off += strlen(strs[k]) + 1;
		}
		for (ULONG c = 0; c < s[i].ConnectionCount; c++) {
			const char *cgot[2] = { s[i].Connections[c].InitiatorAddress,
						s[i].Connections[c].TargetAddress };

			for (int j = 0; j < 2; j++, k++) {
				ok &= cgot[j] == (const char *)buf + off && !strcmp(cgot[j], strs[k]);
				off += strlen(strs[k]) + 1;
			}
		}
	}
	TAP_CHECK(ok && k == n_strs && off == total, "A: %zu strings at their exact offsets, the "
		  "last ending at the end (%zu of %zu)", n_strs, off, total);
	TAP_CHECK(s[1].InitiatorName == NULL, "A: a name the module did not report is NULL");
	TAP_CHECK(!strcmp(s[1].Connections[0].TargetAddress, "2001:db8::9") &&
		  !strcmp(s[0].Connections[1].InitiatorAddress, "10.0.0.2"),
		  "A: numeric addresses");
	free(buf);
}

static void pack_w(const struct isdsc_session_list *list)
{
	const size_t structs = 3 * sizeof(ISCSI_SESSION_INFOW) + 3 * sizeof(ISCSI_CONNECTION_INFOW);
	const size_t total = structs + strings_bytes(true);
	const char *strs[32];
	size_t n_strs = expected_strings(strs, 32), k = 0, off = structs;
	unsigned char *buf;
	ISCSI_SESSION_INFOW *s;
	ULONG size = 0, count = 0;
	ISDSC_STATUS st;
	bool ok = true;

	st = isdsc_session_pack(list, ISDSC_PACK_W, NULL, &size, &count);
	TAP_CHECK(st == ERROR_INSUFFICIENT_BUFFER && size == total && count == 3,
		  "W: a size query answers %zu bytes, strings counted in UTF-16 (got %u)", total,
		  (unsigned int)size);
	buf = malloc(total);
	size = (ULONG)total;
	st = isdsc_session_pack(list, ISDSC_PACK_W, buf, &size, &count);
	TAP_CHECK(st == ERROR_SUCCESS && size == total, "W: the exact size is enough");
	s = (ISCSI_SESSION_INFOW *)(void *)buf;
	for (int i = 0; i < N_SPECS; i++) {
		const WCHAR *got[3] = { s[i].InitiatorName, s[i].TargetNodeName, s[i].TargetName };

		for (int j = 0; j < 3; j++, k++) {
			if (!strs[k]) {
				ok &= got[j] == NULL;
				continue;
			}
			ok &= (const unsigned char *)got[j] == buf + off && wide_equals(got[j], strs[k]);
			off += 2 * (strlen(strs[k]) + 1);
		}
		for (ULONG c = 0; c < s[i].ConnectionCount; c++) {
			const WCHAR *cgot[2] = { s[i].Connections[c].InitiatorAddress,
						 s[i].Connections[c].TargetAddress };

			for (int j = 0; j < 2; j++, k++) {
				ok &= (const unsigned char *)cgot[j] == buf + off &&
				      wide_equals(cgot[j], strs[k]);
				off += 2 * (strlen(strs[k]) + 1);
			}
		}
	}
	TAP_CHECK(ok && k == n_strs && off == total, "W: %zu UTF-16 strings at their exact offsets",
		  n_strs);
	TAP_CHECK((unsigned char *)s[1].Connections == buf + 3 * 64 + 2 * 40 &&
		  s[1].TSID[0] == 0xEF && s[0].Connections[1].CID[0] == 3,
		  "W: the same structures as A");
	free(buf);
}

static void pack_ex(const struct isdsc_session_list *list)
{
	const size_t total = 3 * sizeof(ISCSI_SESSION_INFO_EX) + 3 * sizeof(ISCSI_CONNECTION_INFO_EX);
	ISCSI_SESSION_INFO_EX *s;
	unsigned char *buf;
	ULONG size = 0, count = 0;
	ISDSC_STATUS st;

	st = isdsc_session_pack(list, ISDSC_PACK_EX, NULL, &size, &count);
	TAP_CHECK(st == ERROR_INSUFFICIENT_BUFFER && size == total && total == 3 * 56 + 3 * 48,
		  "Ex: %zu bytes, no strings", total);
	buf = malloc(total);
	size = (ULONG)total;
	st = isdsc_session_pack(list, ISDSC_PACK_EX, buf, &size, &count);
	s = (ISCSI_SESSION_INFO_EX *)(void *)buf;
	TAP_CHECK(st == ERROR_SUCCESS && (unsigned char *)s[0].Connections == buf + 168 &&
		  (unsigned char *)s[1].Connections == buf + 168 + 96 && !s[2].Connections,
		  "Ex: connection arrays after the sessions");
	TAP_CHECK(s[0].SessionId.AdapterUnique == 0x1111111111111111ull && !s[0].InitialR2t &&
		  s[0].ImmediateData && s[0].ErrorRecoveryLevel == 2 && s[0].MaxOutstandingR2t == 1 &&
		  s[0].FirstBurstLength == 65536 && s[0].MaxBurstLength == 262144 &&
		  s[0].MaximumConnections == 8 && s[0].ConnectionCount == 2,
		  "Ex: the negotiated session values");
	TAP_CHECK(s[0].Type == 0 && !s[0].DataSequenceInOrder && !s[0].DataPduInOrder,
		  "Ex: values the module does not report are zero");
	TAP_CHECK(s[0].Connections[1].ConnectionId.AdapterSpecific == 0xA2A2A2A2A2A2A2A2ull &&
		  s[0].Connections[1].HeaderDigest == 1 && s[0].Connections[1].DataDigest == 1 &&
		  s[0].Connections[1].MaxRecvDataSegmentLength == 262144 &&
		  s[0].Connections[1].Protocol == 0 && s[0].Connections[1].State == 0 &&
		  s[0].Connections[1].AuthType == ISCSI_NO_AUTH_TYPE &&
		  s[0].Connections[1].EstimatedThroughput == 0 &&
		  s[0].Connections[1].MaxDatagramSize == 0, "Ex: the connection values");
	free(buf);
}

static void packing(void)
{
	struct isdsc_session_list list, empty = { 0 };
	ULONG size = 0, count = 7;
	ISDSC_STATUS st;

	if (parse_all(&list) != ERROR_SUCCESS) {
		TAP_CHECK(0, "parse the synthetic sessions");
		return;
	}
	pack_a(&list);
	pack_w(&list);
	pack_ex(&list);
	isdsc_session_list_free(&list);

	st = isdsc_session_pack(&empty, ISDSC_PACK_A, NULL, &size, &count);
	TAP_CHECK(st == ERROR_SUCCESS && size == 0 && count == 0,
		  "no session: success with 0 bytes and 0 sessions, even without a buffer");
}

/* ---- the public calls ---- */

static void public_calls(void)
{
	ISCSI_SESSION_INFOA info[2];
	ISCSI_UNIQUE_SESSION_ID id = { 1, 2 };
	ULONG size = 1234, count = 5678;
	ISDSC_STATUS s;

	s = GetIScsiSessionListA(NULL, &count, info);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "BufferSize"),
		  "GetIScsiSessionListA(BufferSize NULL): ERROR_INVALID_PARAMETER");
	s = GetIScsiSessionListW(&size, NULL, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && strstr(IScsiMcsLastErrorText(), "SessionCount"),
		  "GetIScsiSessionListW(SessionCount NULL): ERROR_INVALID_PARAMETER");
	s = GetIScsiSessionListEx(&size, &count, NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER && size == 1234 && count == 5678,
		  "GetIScsiSessionListEx(SessionInfo NULL, *BufferSize 1234): "
		  "ERROR_INVALID_PARAMETER, outputs untouched");
	s = LogoutIScsiTarget(NULL);
	TAP_CHECK(s == ERROR_INVALID_PARAMETER, "LogoutIScsiTarget(NULL): ERROR_INVALID_PARAMETER");

	if (module_loaded()) {
		TAP_CHECK(1, "# SKIP calls without the module: the module is loaded");
		return;
	}
	size = 0;
	count = 5678;
	s = GetIScsiSessionListA(&size, &count, NULL);
	TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING && size == 0 && count == 5678,
		  "GetIScsiSessionListA without the module: ISDSC_SERVICE_NOT_RUNNING, outputs "
		  "untouched (%s)", status_name(s));
	size = sizeof(info);
	s = GetIScsiSessionListW(&size, &count, (PISCSI_SESSION_INFOW)info);
	TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING && size == sizeof(info),
		  "GetIScsiSessionListW without the module: ISDSC_SERVICE_NOT_RUNNING");
	s = LogoutIScsiTarget(&id);
	TAP_CHECK(s == ISDSC_SERVICE_NOT_RUNNING && strstr(IScsiMcsLastErrorText(), "iscsi_mcs"),
		  "LogoutIScsiTarget without the module: ISDSC_SERVICE_NOT_RUNNING");
}

int main(void)
{
	identifiers();
	parsing();
	broken_answers();
	packing();
	public_calls();
	return tap_done();
}
