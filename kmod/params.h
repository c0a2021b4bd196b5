/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Login parameter negotiation (RFC 7143 sections 6 and 13): one table of
 * the keys an initiator deals with, the initiator's offers, the handling
 * of the target's answers and offers, and the negotiated result.
 *
 * The login state machine is not here: it calls mcs_neg_offer() for the
 * keys of the stage it is in, feeds every complete text the target sends
 * to mcs_neg_process(), hands the CHAP keys it collects to chap.c, and
 * calls mcs_neg_finish() when the target ends the login.
 */
#ifndef MCS_PARAMS_H
#define MCS_PARAMS_H

#include <linux/types.h>
#include <linux/bits.h>

#include "text.h"

enum mcs_digest {
	MCS_DIGEST_NONE,
	MCS_DIGEST_CRC32C,
	MCS_DIGEST_COUNT,
};

enum mcs_auth_method {
	MCS_AUTH_NONE,
	MCS_AUTH_CHAP,
};

enum mcs_session_type {
	MCS_SESSION_NORMAL,
	MCS_SESSION_DISCOVERY,
};

/* RFC 7143 13.13, 13.14: bounds of the burst and segment lengths. */
#define MCS_LEN_MIN		512
#define MCS_LEN_MAX		16777215

/*
 * What the initiator asks for in a login; filled from the LOGIN request,
 * checked with mcs_login_opts_check().
 */
struct mcs_login_opts {
	/* Acceptable digests, most wanted first; enum mcs_digest values. */
	u8 header_digest[MCS_DIGEST_COUNT];
	u8 n_header_digest;
	u8 data_digest[MCS_DIGEST_COUNT];
	u8 n_data_digest;
	/* Offer AuthMethod=CHAP (and nothing else) instead of None. */
	bool auth_chap;
	bool initial_r2t;
	bool immediate_data;
	u32 max_connections;
	u32 max_recv_dsl;
	u32 max_burst_length;
	u32 first_burst_length;
	u32 default_time2wait;
	u32 default_time2retain;
	u32 max_outstanding_r2t;
	u32 error_recovery_level;
};

void mcs_login_opts_init(struct mcs_login_opts *o);
const char *mcs_login_opts_check(const struct mcs_login_opts *o);

/* Negotiated values of one session; RFC defaults until negotiated. */
struct mcs_sess_params {
	u32 session_type;		/* enum mcs_session_type */
	u32 max_connections;
	bool initial_r2t;
	bool immediate_data;
	bool data_pdu_in_order;
	bool data_sequence_in_order;
	u32 max_burst_length;
	u32 first_burst_length;
	u32 default_time2wait;
	u32 default_time2retain;
	u32 max_outstanding_r2t;
	u32 error_recovery_level;
	u32 protocol_level;		/* iSCSIProtocolLevel */
	char target_alias[MCS_TEXT_VALUE_MAX + 1];
};

/* Negotiated values of one connection. */
struct mcs_conn_params {
	u32 auth_method;		/* enum mcs_auth_method */
	u32 header_digest;		/* enum mcs_digest */
	u32 data_digest;
	/* Ours: the longest data segment the target may send us. */
	u32 max_recv_dsl;
	/* The target's MaxRecvDataSegmentLength: the longest we may send. */
	u32 max_xmit_dsl;
	/*
	 * Session-wide, but declared by the target on each connection: the
	 * login code checks a non-leading connection's against the session.
	 */
	u32 tpgt;
	bool tpgt_seen;
};

struct mcs_params {
	struct mcs_sess_params sess;
	struct mcs_conn_params conn;
};

void mcs_params_init(struct mcs_params *p);

enum mcs_key {
	MCS_KEY_AUTH_METHOD,
	MCS_KEY_CHAP_A,
	MCS_KEY_CHAP_I,
	MCS_KEY_CHAP_C,
	MCS_KEY_CHAP_N,
	MCS_KEY_CHAP_R,
	MCS_KEY_HEADER_DIGEST,
	MCS_KEY_DATA_DIGEST,
	MCS_KEY_MAX_CONNECTIONS,
	MCS_KEY_SEND_TARGETS,
	MCS_KEY_TARGET_NAME,
	MCS_KEY_INITIATOR_NAME,
	MCS_KEY_TARGET_ALIAS,
	MCS_KEY_INITIATOR_ALIAS,
	MCS_KEY_TARGET_ADDRESS,
	MCS_KEY_TPGT,
	MCS_KEY_INITIAL_R2T,
	MCS_KEY_IMMEDIATE_DATA,
	MCS_KEY_MAX_RECV_DSL,
	MCS_KEY_MAX_BURST_LENGTH,
	MCS_KEY_FIRST_BURST_LENGTH,
	MCS_KEY_DEFAULT_TIME2WAIT,
	MCS_KEY_DEFAULT_TIME2RETAIN,
	MCS_KEY_MAX_OUTSTANDING_R2T,
	MCS_KEY_DATA_PDU_IN_ORDER,
	MCS_KEY_DATA_SEQUENCE_IN_ORDER,
	MCS_KEY_ERROR_RECOVERY_LEVEL,
	MCS_KEY_SESSION_TYPE,
	MCS_KEY_TASK_REPORTING,
	MCS_KEY_PROTOCOL_LEVEL,
	MCS_KEY_COUNT,
};

/* How the outcome of a key is reached (RFC 7143 6.2). */
enum mcs_key_kind {
	MCS_KIND_LIST,		/* first of the proposer's list the acceptor has */
	MCS_KIND_AND,		/* Yes/No, the outcome is the AND of both */
	MCS_KIND_OR,		/* Yes/No, the outcome is the OR of both */
	MCS_KIND_MIN,		/* number, the outcome is the smaller */
	MCS_KIND_MAX,		/* number, the outcome is the larger */
	MCS_KIND_DECL_NUM,	/* a number each side declares for itself */
	MCS_KIND_DECL_STR,	/* a string each side declares for itself */
	MCS_KIND_SECURITY,	/* CHAP: passed on as is for chap.c */
};

/* struct mcs_key_def.flags */
#define MCS_KEY_SESSION		BIT(0)	/* session-wide, else per connection */
#define MCS_KEY_LO		BIT(1)	/* leading connection's login only */
#define MCS_KEY_FROM_I		BIT(2)	/* the initiator may send it */
#define MCS_KEY_FROM_T		BIT(3)	/* the target may send it */
#define MCS_KEY_SEC		BIT(4)	/* allowed in the security stage */
#define MCS_KEY_OPER		BIT(5)	/* allowed in the operational stage */
#define MCS_KEY_FFP		BIT(6)	/* full feature phase only */
#define MCS_KEY_NO_DISC		BIT(7)	/* Irrelevant in a discovery session */
#define MCS_KEY_OFFER		BIT(8)	/* we offer it in its stage */
#define MCS_KEY_FIRST		BIT(9)	/* we declare it in the first request */

struct mcs_key_def {
	const char *name;
	u8 kind;		/* enum mcs_key_kind */
	u16 flags;
	u16 value_max;		/* longest value accepted */
	u32 min, max;		/* legal range of a number */
	u32 def;		/* RFC default: number, bool or index in @vocab */
	/* Our value when no login option sets it. */
	u32 fixed;
	/* Values of a list key; the index is what the result holds. */
	const char *const *vocab;
	u8 n_vocab;
	/* offsetof() our wish in mcs_login_opts, -1 for @fixed. */
	s16 opt;
	/* offsetof() the outcome in mcs_params, -1 when not kept. */
	s16 res;
	/*
	 * A leading-only key's reason for refusing it in a non-leading login
	 * with another value than the session's. Static, so that the extack
	 * can name the key on kernels without NL_SET_ERR_MSG_FMT().
	 */
	const char *lo_why;
};

extern const struct mcs_key_def mcs_keys[MCS_KEY_COUNT];

int mcs_key_find(const char *name);

/* The values the CHAP exchange needs, pointing into the decoded text. */
struct mcs_sec_keys {
	const char *chap_a;
	const char *chap_i;
	const char *chap_c;
	const char *chap_n;
	const char *chap_r;
};

/* struct mcs_neg.state[] */
#define MCS_NEG_OFFERED		BIT(0)	/* we sent it */
#define MCS_NEG_ANSWERED	BIT(1)	/* the target answered our offer */
#define MCS_NEG_RECEIVED	BIT(2)	/* the target offered or declared it */
#define MCS_NEG_OPTIONAL	BIT(3)	/* our offer alone set the outcome */

/* The negotiation of one connection's login. */
struct mcs_neg {
	struct mcs_login_opts opts;
	/* The caller's strings; they must outlive the negotiation. */
	const char *initiator_name;
	const char *initiator_alias;
	const char *target_name;
	u8 session_type;
	bool leading;
	/* The session a non-leading login joins, NULL for a leading one. */
	const struct mcs_params *session;
	bool first_sent;
	u8 state[MCS_KEY_COUNT];
	/* What we offered: a number, a bool or a bit mask of list values. */
	u32 offered[MCS_KEY_COUNT];
	struct mcs_params res;
	/* The key the last failure was about, NULL when not one key's. */
	const char *bad_key;
};

int mcs_neg_init(struct mcs_neg *neg, const struct mcs_login_opts *opts,
		 const char *initiator_name, const char *initiator_alias,
		 const char *target_name, enum mcs_session_type type,
		 bool leading, const char **why);
int mcs_neg_offer(struct mcs_neg *neg, int stage, struct mcs_text_buf *out,
		  const char **why);
int mcs_neg_process(struct mcs_neg *neg, int stage,
		    const struct mcs_text_pairs *pairs,
		    struct mcs_text_buf *reply, struct mcs_sec_keys *sec,
		    const char **why);
int mcs_neg_finish(struct mcs_neg *neg, struct mcs_params *out,
		   const char **why);

#endif /* MCS_PARAMS_H */
