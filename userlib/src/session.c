// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * GetIScsiSessionListA/W/Ex and LogoutIScsiTarget: the sessions of the
 * caller's network namespace as ISCSI_MCS_CMD_SESSION_GET reports them,
 * packed into the caller's buffer the way the Windows SDK lays them out.
 *
 * Layout of the buffer (GetIScsiSessionListA/W):
 *
 *   ISCSI_SESSION_INFO[n]              the sessions, in the module's order
 *   ISCSI_CONNECTION_INFO[c0]          session 0's connections
 *   ISCSI_CONNECTION_INFO[c1]          session 1's connections, ...
 *   strings                            for each session: InitiatorName,
 *                                      TargetNodeName, TargetName, then for
 *                                      each of its connections
 *                                      InitiatorAddress, TargetAddress
 *
 * Strings are NUL-terminated, UTF-8 (A) or UTF-16 (W). Every pointer points
 * into the buffer; a session without connections has Connections NULL, an
 * address the module did not report is NULL. GetIScsiSessionListEx has the
 * same layout without strings: ISCSI_SESSION_INFO_EX[n], then the
 * ISCSI_CONNECTION_INFO_EX arrays.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/genl.h>

#include "errmap.h"
#include "internal.h"
#include "mcs.h"
#include "session.h"
#include "utf16.h"

void isdsc_id_to_unique(const uint8_t id[ISCSI_MCS_ID_LEN], ISCSI_UNIQUE_SESSION_ID *out)
{
	ULONGLONG hi = 0, lo = 0;

	for (int i = 0; i < 8; i++) {
		hi = hi << 8 | id[i];
		lo = lo << 8 | id[8 + i];
	}
	out->AdapterUnique = hi;
	out->AdapterSpecific = lo;
}

void isdsc_unique_to_id(const ISCSI_UNIQUE_SESSION_ID *in, uint8_t id[ISCSI_MCS_ID_LEN])
{
	for (int i = 0; i < 8; i++) {
		id[i] = (uint8_t)(in->AdapterUnique >> (56 - 8 * i));
		id[8 + i] = (uint8_t)(in->AdapterSpecific >> (56 - 8 * i));
	}
}

void isdsc_put_le16(UCHAR out[2], uint16_t v)
{
	out[0] = (UCHAR)(v & 0xFF);
	out[1] = (UCHAR)(v >> 8);
}

void isdsc_addr_string(const struct isdsc_addr *a, char *buf, size_t size)
{
	if (!size)
		return;
	buf[0] = '\0';
	if (a->family == AF_INET || a->family == AF_INET6)
		if (!inet_ntop(a->family, a->addr, buf, (socklen_t)size))
			buf[0] = '\0';
}

void isdsc_session_list_free(struct isdsc_session_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		free(list->s[i].conns);
	free(list->s);
	list->s = NULL;
	list->n = 0;
}

/* ---- parsing ---- */

static ISDSC_STATUS malformed(const char *what, int r)
{
	return isdsc_fail(ISDSC_DRIVER_BUG, "malformed %s in the answer: %s", what,
			  nl_geterror(r));
}

static ISDSC_STATUS parse_addr(struct nlattr *nest, struct isdsc_addr *a, const char *what)
{
	static struct nla_policy policy[ISCSI_MCS_ADDR_A_MAX + 1] = {
		[ISCSI_MCS_ADDR_A_IPV4] = { .type = NLA_UNSPEC, .minlen = 4, .maxlen = 4 },
		[ISCSI_MCS_ADDR_A_IPV6] = { .type = NLA_UNSPEC, .minlen = 16, .maxlen = 16 },
		[ISCSI_MCS_ADDR_A_PORT] = { .type = NLA_U16 },
		[ISCSI_MCS_ADDR_A_SCOPE_ID] = { .type = NLA_U32 },
		[ISCSI_MCS_ADDR_A_IFINDEX] = { .type = NLA_U32 },
	};
	struct nlattr *tb[ISCSI_MCS_ADDR_A_MAX + 1];
	int r;

	memset(a, 0, sizeof(*a));
	if (!nest)
		return ERROR_SUCCESS;
	r = nla_parse_nested(tb, ISCSI_MCS_ADDR_A_MAX, nest, policy);
	if (r < 0)
		return malformed(what, r);
	if (tb[ISCSI_MCS_ADDR_A_IPV4] && nla_len(tb[ISCSI_MCS_ADDR_A_IPV4]) == 4) {
		a->family = AF_INET;
		memcpy(a->addr, nla_data(tb[ISCSI_MCS_ADDR_A_IPV4]), 4);
	} else if (tb[ISCSI_MCS_ADDR_A_IPV6] && nla_len(tb[ISCSI_MCS_ADDR_A_IPV6]) == 16) {
		a->family = AF_INET6;
		memcpy(a->addr, nla_data(tb[ISCSI_MCS_ADDR_A_IPV6]), 16);
	}
	if (tb[ISCSI_MCS_ADDR_A_PORT])
		a->port = nla_get_u16(tb[ISCSI_MCS_ADDR_A_PORT]);
	if (tb[ISCSI_MCS_ADDR_A_SCOPE_ID])
		a->scope_id = nla_get_u32(tb[ISCSI_MCS_ADDR_A_SCOPE_ID]);
	return ERROR_SUCCESS;
}

static ISDSC_STATUS parse_conn(struct nlattr *nest, struct isdsc_conn_rec *c)
{
	static struct nla_policy policy[ISCSI_MCS_CONN_A_MAX + 1] = {
		[ISCSI_MCS_CONN_A_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN,
					  .maxlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_CONN_A_CID] = { .type = NLA_U16 },
		[ISCSI_MCS_CONN_A_STATE] = { .type = NLA_U8 },
		[ISCSI_MCS_CONN_A_PORTAL] = { .type = NLA_NESTED },
		[ISCSI_MCS_CONN_A_LOCAL] = { .type = NLA_NESTED },
		[ISCSI_MCS_CONN_A_HEADER_DIGEST] = { .type = NLA_U8 },
		[ISCSI_MCS_CONN_A_DATA_DIGEST] = { .type = NLA_U8 },
		[ISCSI_MCS_CONN_A_MAX_RECV_DSL] = { .type = NLA_U32 },
		[ISCSI_MCS_CONN_A_MAX_XMIT_DSL] = { .type = NLA_U32 },
		[ISCSI_MCS_CONN_A_PDUS_SENT] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_PDUS_RECEIVED] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_WEIGHT] = { .type = NLA_U32 },
		[ISCSI_MCS_CONN_A_STANDBY] = { .type = NLA_U8 },
		[ISCSI_MCS_CONN_A_COMMANDS] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_BYTES_READ] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_BYTES_WRITTEN] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_ERRORS] = { .type = NLA_U64 },
		[ISCSI_MCS_CONN_A_DEPTH] = { .type = NLA_U32 },
		[ISCSI_MCS_CONN_A_LATENCY_NS] = { .type = NLA_U64 },
	};
	struct nlattr *tb[ISCSI_MCS_CONN_A_MAX + 1];
	ISDSC_STATUS status;
	int r;

	memset(c, 0, sizeof(*c));
	r = nla_parse_nested(tb, ISCSI_MCS_CONN_A_MAX, nest, policy);
	if (r < 0)
		return malformed("connection nest", r);
	/* libnl checks only the minimum length of unspecified attributes. */
	if (!tb[ISCSI_MCS_CONN_A_ID] || nla_len(tb[ISCSI_MCS_CONN_A_ID]) != ISCSI_MCS_ID_LEN)
		return isdsc_fail(ISDSC_DRIVER_BUG, "a connection in the answer has no "
				  "16-byte ISCSI_MCS_CONN_A_ID");
	memcpy(c->id, nla_data(tb[ISCSI_MCS_CONN_A_ID]), ISCSI_MCS_ID_LEN);
	if (tb[ISCSI_MCS_CONN_A_CID])
		c->cid = nla_get_u16(tb[ISCSI_MCS_CONN_A_CID]);
	if (tb[ISCSI_MCS_CONN_A_STATE])
		c->state = nla_get_u8(tb[ISCSI_MCS_CONN_A_STATE]);
	if (tb[ISCSI_MCS_CONN_A_HEADER_DIGEST])
		c->header_digest = nla_get_u8(tb[ISCSI_MCS_CONN_A_HEADER_DIGEST]);
	if (tb[ISCSI_MCS_CONN_A_DATA_DIGEST])
		c->data_digest = nla_get_u8(tb[ISCSI_MCS_CONN_A_DATA_DIGEST]);
	if (tb[ISCSI_MCS_CONN_A_MAX_RECV_DSL])
		c->max_recv_dsl = nla_get_u32(tb[ISCSI_MCS_CONN_A_MAX_RECV_DSL]);
	if (tb[ISCSI_MCS_CONN_A_MAX_XMIT_DSL])
		c->max_xmit_dsl = nla_get_u32(tb[ISCSI_MCS_CONN_A_MAX_XMIT_DSL]);
#define CONN_GET(attr, field, get)				\
	if (tb[ISCSI_MCS_CONN_A_##attr])			\
		c->field = get(tb[ISCSI_MCS_CONN_A_##attr])
	CONN_GET(WEIGHT, weight, nla_get_u32);
	CONN_GET(STANDBY, standby, nla_get_u8);
	CONN_GET(DEPTH, depth, nla_get_u32);
	CONN_GET(PDUS_SENT, pdus_sent, nla_get_u64);
	CONN_GET(PDUS_RECEIVED, pdus_received, nla_get_u64);
	CONN_GET(COMMANDS, commands, nla_get_u64);
	CONN_GET(BYTES_READ, bytes_read, nla_get_u64);
	CONN_GET(BYTES_WRITTEN, bytes_written, nla_get_u64);
	CONN_GET(ERRORS, errors, nla_get_u64);
	CONN_GET(LATENCY_NS, latency_ns, nla_get_u64);
#undef CONN_GET
	status = parse_addr(tb[ISCSI_MCS_CONN_A_PORTAL], &c->portal, "portal address");
	if (status == ERROR_SUCCESS)
		status = parse_addr(tb[ISCSI_MCS_CONN_A_LOCAL], &c->local, "local address");
	return status;
}

/* The policy guarantees a NUL within the attribute, and maxlen its size. */
static void copy_string(char *dst, size_t size, struct nlattr *a)
{
	if (a)
		snprintf(dst, size, "%s", (const char *)nla_data(a));
}

static ISDSC_STATUS parse_conns(struct nlattr *nest, struct isdsc_session_rec *s)
{
	struct nlattr *a;
	size_t n = 0;
	int rem;

	if (!nest)
		return ERROR_SUCCESS;
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) == ISCSI_MCS_SESSION_A_CONN)
			n++;
	if (!n)
		return ERROR_SUCCESS;
	s->conns = calloc(n, sizeof(*s->conns));
	if (!s->conns)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for %zu connections", n);
	nla_for_each_nested(a, nest, rem) {
		ISDSC_STATUS status;

		if (nla_type(a) != ISCSI_MCS_SESSION_A_CONN)
			continue;
		status = parse_conn(a, &s->conns[s->n_conns]);
		if (status != ERROR_SUCCESS)
			return status;
		s->n_conns++;
	}
	return ERROR_SUCCESS;
}

static ISDSC_STATUS parse_session(struct nlattr *nest, struct isdsc_session_rec *s)
{
	static struct nla_policy policy[ISCSI_MCS_SESSION_A_MAX + 1] = {
		[ISCSI_MCS_SESSION_A_ID] = { .type = NLA_UNSPEC, .minlen = ISCSI_MCS_ID_LEN,
					     .maxlen = ISCSI_MCS_ID_LEN },
		[ISCSI_MCS_SESSION_A_ISID] = { .type = NLA_U64 },
		[ISCSI_MCS_SESSION_A_TSIH] = { .type = NLA_U16 },
		[ISCSI_MCS_SESSION_A_TPGT] = { .type = NLA_U16 },
		[ISCSI_MCS_SESSION_A_STATE] = { .type = NLA_U8 },
		[ISCSI_MCS_SESSION_A_TARGET_NAME] = { .type = NLA_STRING,
						      .maxlen = ISCSI_MCS_NAME_MAX },
		[ISCSI_MCS_SESSION_A_INITIATOR_NAME] = { .type = NLA_STRING,
							 .maxlen = ISCSI_MCS_NAME_MAX },
		[ISCSI_MCS_SESSION_A_TARGET_ALIAS] = { .type = NLA_STRING,
						       .maxlen = ISCSI_MCS_ALIAS_MAX },
		[ISCSI_MCS_SESSION_A_MAX_CONNECTIONS] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_ERROR_RECOVERY_LEVEL] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_MAX_BURST_LENGTH] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_FIRST_BURST_LENGTH] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_DEFAULT_TIME2WAIT] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_DEFAULT_TIME2RETAIN] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_MAX_OUTSTANDING_R2T] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_IMMEDIATE_DATA] = { .type = NLA_U8 },
		[ISCSI_MCS_SESSION_A_INITIAL_R2T] = { .type = NLA_U8 },
		[ISCSI_MCS_SESSION_A_CONNS] = { .type = NLA_NESTED },
		[ISCSI_MCS_SESSION_A_HOST_NO] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_CLASS_SID] = { .type = NLA_U32 },
		[ISCSI_MCS_SESSION_A_POLICY] = { .type = NLA_U8 },
	};
	struct nlattr *tb[ISCSI_MCS_SESSION_A_MAX + 1];
	int r;

	memset(s, 0, sizeof(*s));
	r = nla_parse_nested(tb, ISCSI_MCS_SESSION_A_MAX, nest, policy);
	if (r < 0)
		return malformed("ISCSI_MCS_A_SESSION", r);
	if (!tb[ISCSI_MCS_SESSION_A_ID] || nla_len(tb[ISCSI_MCS_SESSION_A_ID]) != ISCSI_MCS_ID_LEN)
		return isdsc_fail(ISDSC_DRIVER_BUG, "a session in the answer has no 16-byte "
				  "ISCSI_MCS_SESSION_A_ID");
	if (!tb[ISCSI_MCS_SESSION_A_TARGET_NAME])
		return isdsc_fail(ISDSC_DRIVER_BUG, "a session in the answer has no "
				  "ISCSI_MCS_SESSION_A_TARGET_NAME");
	memcpy(s->id, nla_data(tb[ISCSI_MCS_SESSION_A_ID]), ISCSI_MCS_ID_LEN);
	copy_string(s->target_name, sizeof(s->target_name), tb[ISCSI_MCS_SESSION_A_TARGET_NAME]);
	copy_string(s->initiator_name, sizeof(s->initiator_name),
		    tb[ISCSI_MCS_SESSION_A_INITIATOR_NAME]);
	copy_string(s->target_alias, sizeof(s->target_alias), tb[ISCSI_MCS_SESSION_A_TARGET_ALIAS]);

#define U(attr, field, get) do {					\
	if (tb[ISCSI_MCS_SESSION_A_##attr])				\
		s->field = get(tb[ISCSI_MCS_SESSION_A_##attr]);		\
} while (0)
	U(ISID, isid, nla_get_u64);
	U(TSIH, tsih, nla_get_u16);
	U(TPGT, tpgt, nla_get_u16);
	U(STATE, state, nla_get_u8);
	U(MAX_CONNECTIONS, max_connections, nla_get_u32);
	U(ERROR_RECOVERY_LEVEL, error_recovery_level, nla_get_u32);
	U(MAX_BURST_LENGTH, max_burst_length, nla_get_u32);
	U(FIRST_BURST_LENGTH, first_burst_length, nla_get_u32);
	U(DEFAULT_TIME2WAIT, default_time2wait, nla_get_u32);
	U(DEFAULT_TIME2RETAIN, default_time2retain, nla_get_u32);
	U(MAX_OUTSTANDING_R2T, max_outstanding_r2t, nla_get_u32);
	U(IMMEDIATE_DATA, immediate_data, nla_get_u8);
	U(INITIAL_R2T, initial_r2t, nla_get_u8);
#undef U
	if (tb[ISCSI_MCS_SESSION_A_HOST_NO]) {
		s->host_no = nla_get_u32(tb[ISCSI_MCS_SESSION_A_HOST_NO]);
		s->have_host_no = true;
	}
	if (tb[ISCSI_MCS_SESSION_A_CLASS_SID]) {
		s->class_sid = nla_get_u32(tb[ISCSI_MCS_SESSION_A_CLASS_SID]);
		s->have_class_sid = true;
	}
	if (tb[ISCSI_MCS_SESSION_A_POLICY])
		s->policy = nla_get_u8(tb[ISCSI_MCS_SESSION_A_POLICY]);
	if (s->isid >> 48)
		return isdsc_fail(ISDSC_DRIVER_BUG, "a session in the answer has an ISID "
				  "wider than 48 bits");
	return parse_conns(tb[ISCSI_MCS_SESSION_A_CONNS], s);
}

ISDSC_STATUS isdsc_session_parse(struct nl_msg *reply, void *arg)
{
	static struct nla_policy policy[ISCSI_MCS_A_MAX + 1] = {
		[ISCSI_MCS_A_SESSION] = { .type = NLA_NESTED },
	};
	struct isdsc_session_list *list = arg;
	struct nlattr *tb[ISCSI_MCS_A_MAX + 1];
	struct isdsc_session_rec *grown, *s;
	ISDSC_STATUS status;
	int r;

	r = genlmsg_parse(nlmsg_hdr(reply), 0, tb, ISCSI_MCS_A_MAX, policy);
	if (r < 0)
		return malformed("message", r);
	if (!tb[ISCSI_MCS_A_SESSION])
		return isdsc_fail(ISDSC_DRIVER_BUG, "answer lacks ISCSI_MCS_A_SESSION");
	grown = realloc(list->s, (list->n + 1) * sizeof(*list->s));
	if (!grown)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory for the session list");
	list->s = grown;
	s = &list->s[list->n];
	status = parse_session(tb[ISCSI_MCS_A_SESSION], s);
	if (status != ERROR_SUCCESS) {
		free(s->conns);
		return status;
	}
	list->n++;
	return ERROR_SUCCESS;
}

ISDSC_STATUS isdsc_session_dump(struct isdsc_session_list *list)
{
	ISDSC_STATUS status;

	memset(list, 0, sizeof(*list));
	status = isdsc_mcs_call_ex(ISCSI_MCS_CMD_SESSION_GET, NLM_F_DUMP, "SESSION_GET",
				   NULL, NULL, isdsc_session_parse, list, NULL);
	if (status != ERROR_SUCCESS)
		isdsc_session_list_free(list);
	return status;
}

/* ---- packing ---- */

/* Bytes string s takes in the buffer, its NUL included; 0 if it is NULL. */
static int string_size(const char *s, bool wide, size_t *bytes)
{
	size_t units;

	if (!s) {
		*bytes = 0;
		return 0;
	}
	if (!wide) {
		*bytes = strlen(s) + 1;
		return 0;
	}
	if (isdsc_utf8_to_utf16(s, strlen(s), NULL, 0, &units) == -EILSEQ)
		return -1;
	*bytes = units * sizeof(WCHAR);
	return 0;
}

/* The strings of session s, in buffer order (NULL: not reported). */
#define STRINGS_PER_SESSION	3
#define STRINGS_PER_CONN	2

struct conn_strings {
	char local[INET6_ADDRSTRLEN];
	char portal[INET6_ADDRSTRLEN];
};

static void conn_strings(const struct isdsc_conn_rec *c, struct conn_strings *cs)
{
	isdsc_addr_string(&c->local, cs->local, sizeof(cs->local));
	isdsc_addr_string(&c->portal, cs->portal, sizeof(cs->portal));
}

static const char *session_string(const struct isdsc_session_rec *s, int i)
{
	/* InitiatorName, TargetNodeName, TargetName */
	if (i == 0)
		return s->initiator_name[0] ? s->initiator_name : NULL;
	return s->target_name;
}

static const char *conn_string(const struct conn_strings *cs, int i)
{
	/* InitiatorAddress, TargetAddress */
	const char *str = i == 0 ? cs->local : cs->portal;

	return str[0] ? str : NULL;
}

struct layout {
	size_t sess_size, conn_size;
	size_t structs;		/* sessions and connections */
	size_t total;
};

static ISDSC_STATUS measure(const struct isdsc_session_list *list, enum isdsc_pack_kind kind,
			    struct layout *l)
{
	bool wide = kind == ISDSC_PACK_W;
	size_t conns = 0, strings = 0, bytes;

	switch (kind) {
	case ISDSC_PACK_A:
		l->sess_size = sizeof(ISCSI_SESSION_INFOA);
		l->conn_size = sizeof(ISCSI_CONNECTION_INFOA);
		break;
	case ISDSC_PACK_W:
		l->sess_size = sizeof(ISCSI_SESSION_INFOW);
		l->conn_size = sizeof(ISCSI_CONNECTION_INFOW);
		break;
	default:
		l->sess_size = sizeof(ISCSI_SESSION_INFO_EX);
		l->conn_size = sizeof(ISCSI_CONNECTION_INFO_EX);
		break;
	}
	for (size_t i = 0; i < list->n; i++) {
		const struct isdsc_session_rec *s = &list->s[i];

		conns += s->n_conns;
		if (kind == ISDSC_PACK_EX)
			continue;
		for (int k = 0; k < STRINGS_PER_SESSION; k++) {
			if (string_size(session_string(s, k), wide, &bytes) < 0)
				goto bad_utf8;
			strings += bytes;
		}
		for (size_t j = 0; j < s->n_conns; j++) {
			struct conn_strings cs;

			conn_strings(&s->conns[j], &cs);
			for (int k = 0; k < STRINGS_PER_CONN; k++) {
				string_size(conn_string(&cs, k), wide, &bytes);
				strings += bytes;
			}
		}
	}
	l->structs = list->n * l->sess_size + conns * l->conn_size;
	l->total = l->structs + strings;
	if (l->total > UINT32_MAX)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "the session list would take %zu bytes, "
				  "more than a ULONG can count", l->total);
	return ERROR_SUCCESS;

bad_utf8:
	return isdsc_fail(ISDSC_DRIVER_BUG, "a name in the answer is not valid UTF-8");
}

/* Copies s at *off and returns its address in the buffer (NULL for NULL). */
static void *put_string(unsigned char *base, size_t *off, const char *s, bool wide)
{
	void *at = base + *off;
	size_t bytes;

	if (!s)
		return NULL;
	string_size(s, wide, &bytes);
	if (wide)
		isdsc_utf8_to_utf16(s, strlen(s), at, bytes / sizeof(WCHAR), NULL);
	else
		memcpy(at, s, bytes);
	*off += bytes;
	return at;
}

static void fill_ex(const struct isdsc_session_list *list, unsigned char *base,
		    const struct layout *l)
{
	ISCSI_SESSION_INFO_EX *sess = (ISCSI_SESSION_INFO_EX *)(void *)base;
	ISCSI_CONNECTION_INFO_EX *conn =
		(ISCSI_CONNECTION_INFO_EX *)(void *)(base + list->n * l->sess_size);

	for (size_t i = 0; i < list->n; i++) {
		const struct isdsc_session_rec *s = &list->s[i];
		ISCSI_SESSION_INFO_EX *o = &sess[i];

		memset(o, 0, sizeof(*o));
		isdsc_id_to_unique(s->id, &o->SessionId);
		o->InitialR2t = s->initial_r2t != 0;
		o->ImmediateData = s->immediate_data != 0;
		o->ErrorRecoveryLevel = (UCHAR)s->error_recovery_level;
		o->MaxOutstandingR2t = s->max_outstanding_r2t;
		o->FirstBurstLength = s->first_burst_length;
		o->MaxBurstLength = s->max_burst_length;
		o->MaximumConnections = s->max_connections;
		o->ConnectionCount = (ULONG)s->n_conns;
		o->Connections = s->n_conns ? conn : NULL;
		for (size_t j = 0; j < s->n_conns; j++, conn++) {
			const struct isdsc_conn_rec *c = &s->conns[j];

			memset(conn, 0, sizeof(*conn));
			isdsc_id_to_unique(c->id, &conn->ConnectionId);
			conn->State = c->state;
			conn->Protocol = 0;	/* ISCSI_TCP_PROTOCOL_TYPE */
			conn->HeaderDigest = c->header_digest;
			conn->DataDigest = c->data_digest;
			conn->MaxRecvDataSegmentLength = c->max_recv_dsl;
			conn->AuthType = ISCSI_NO_AUTH_TYPE;	/* not reported */
		}
	}
}

/* The A and W forms differ only in their string type: one body for both. */
#define DEFINE_FILL(name, SESS_T, CONN_T, wide)					\
static void name(const struct isdsc_session_list *list, unsigned char *base,	\
		 const struct layout *l)					\
{										\
	SESS_T *sess = (SESS_T *)(void *)base;					\
	CONN_T *conn = (CONN_T *)(void *)(base + list->n * l->sess_size);	\
	size_t off = l->structs;						\
										\
	for (size_t i = 0; i < list->n; i++) {					\
		const struct isdsc_session_rec *s = &list->s[i];		\
		SESS_T *o = &sess[i];						\
										\
		memset(o, 0, sizeof(*o));					\
		isdsc_id_to_unique(s->id, &o->SessionId);			\
		o->InitiatorName = put_string(base, &off, session_string(s, 0), wide); \
		o->TargetNodeName = put_string(base, &off, session_string(s, 1), wide); \
		o->TargetName = put_string(base, &off, session_string(s, 2), wide); \
		/* The ISID in wire order: the type byte first. */		\
		for (int k = 0; k < 6; k++)					\
			o->ISID[k] = (UCHAR)(s->isid >> (40 - 8 * k));		\
		isdsc_put_le16(o->TSID, s->tsih);				\
		o->ConnectionCount = (ULONG)s->n_conns;				\
		o->Connections = s->n_conns ? conn : NULL;			\
		for (size_t j = 0; j < s->n_conns; j++, conn++) {		\
			const struct isdsc_conn_rec *c = &s->conns[j];		\
			struct conn_strings cs;					\
										\
			memset(conn, 0, sizeof(*conn));				\
			conn_strings(c, &cs);					\
			isdsc_id_to_unique(c->id, &conn->ConnectionId);		\
			conn->InitiatorAddress =				\
				put_string(base, &off, conn_string(&cs, 0), wide); \
			conn->TargetAddress =					\
				put_string(base, &off, conn_string(&cs, 1), wide); \
			conn->InitiatorSocket = c->local.family ? c->local.port : 0; \
			conn->TargetSocket = c->portal.family ? c->portal.port : 0; \
			isdsc_put_le16(conn->CID, c->cid);			\
		}								\
	}									\
}

DEFINE_FILL(fill_a, ISCSI_SESSION_INFOA, ISCSI_CONNECTION_INFOA, false)
DEFINE_FILL(fill_w, ISCSI_SESSION_INFOW, ISCSI_CONNECTION_INFOW, true)

ISDSC_STATUS isdsc_session_pack(const struct isdsc_session_list *list,
				enum isdsc_pack_kind kind, void *buf, ULONG *size,
				ULONG *count)
{
	struct layout l = { 0 };
	ISDSC_STATUS status;

	status = measure(list, kind, &l);
	if (status != ERROR_SUCCESS)
		return status;
	*count = (ULONG)list->n;
	if (*size < l.total || (l.total && !buf)) {
		*size = (ULONG)l.total;
		return isdsc_fail(ERROR_INSUFFICIENT_BUFFER, "%zu session(s) need a buffer of "
				  "%zu bytes", list->n, l.total);
	}
	*size = (ULONG)l.total;
	if (!l.total)
		return ERROR_SUCCESS;
	if (kind == ISDSC_PACK_EX)
		fill_ex(list, buf, &l);
	else if (kind == ISDSC_PACK_W)
		fill_w(list, buf, &l);
	else
		fill_a(list, buf, &l);
	return ERROR_SUCCESS;
}

/* ---- the API ---- */

static ISDSC_STATUS session_list(ULONG *BufferSize, ULONG *SessionCount, void *SessionInfo,
				 enum isdsc_pack_kind kind)
{
	struct isdsc_session_list list;
	ULONG size, count;
	ISDSC_STATUS status;

	isdsc_error_clear();
	if (!BufferSize)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "BufferSize is NULL");
	if (!SessionCount)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SessionCount is NULL");
	if (!SessionInfo && *BufferSize)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "SessionInfo is NULL but *BufferSize "
				  "is %u", (unsigned int)*BufferSize);

	status = isdsc_session_dump(&list);
	if (status != ERROR_SUCCESS)
		return status;
	size = *BufferSize;
	status = isdsc_session_pack(&list, kind, SessionInfo, &size, &count);
	isdsc_session_list_free(&list);
	if (status == ERROR_SUCCESS || status == ERROR_INSUFFICIENT_BUFFER) {
		*BufferSize = size;
		*SessionCount = count;
	}
	return status;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiSessionListA(ULONG *BufferSize,
	ULONG *SessionCount, PISCSI_SESSION_INFOA SessionInfo)
{
	return session_list(BufferSize, SessionCount, SessionInfo, ISDSC_PACK_A);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiSessionListW(ULONG *BufferSize,
	ULONG *SessionCount, PISCSI_SESSION_INFOW SessionInfo)
{
	return session_list(BufferSize, SessionCount, SessionInfo, ISDSC_PACK_W);
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API GetIScsiSessionListEx(ULONG *BufferSize,
	ULONG *SessionCountPtr, PISCSI_SESSION_INFO_EX SessionInfo)
{
	return session_list(BufferSize, SessionCountPtr, SessionInfo, ISDSC_PACK_EX);
}

static ISDSC_STATUS put_session_id(struct nl_msg *req, const void *arg)
{
	if (nla_put(req, ISCSI_MCS_A_SESSION_ID, ISCSI_MCS_ID_LEN, arg) < 0)
		return isdsc_fail(ERROR_NOT_ENOUGH_MEMORY, "out of memory building LOGOUT");
	return ERROR_SUCCESS;
}

ISDSC_EXPORT ISDSC_STATUS ISDSC_API LogoutIScsiTarget(PISCSI_UNIQUE_SESSION_ID UniqueSessionId)
{
	uint8_t id[ISCSI_MCS_ID_LEN];

	isdsc_error_clear();
	if (!UniqueSessionId)
		return isdsc_fail(ERROR_INVALID_PARAMETER, "UniqueSessionId is NULL");
	isdsc_unique_to_id(UniqueSessionId, id);
	return isdsc_mcs_call_ex(ISCSI_MCS_CMD_LOGOUT, 0, "LOGOUT", put_session_id, id,
				 NULL, NULL, isdsc_status_from_session_refusal);
}
