// SPDX-License-Identifier: GPL-2.0
/*
 * Login parameter negotiation, RFC 7143 sections 6 and 13.
 *
 * Every key the initiator knows is one entry of mcs_keys[]: who may send
 * it, in which stage, how its outcome is reached, its legal range and its
 * default. The functions below only interpret that table, so a key's rule
 * is read in one place.
 *
 * A key the target sends is an answer when we offered it and an offer
 * otherwise; declarations (names, MaxRecvDataSegmentLength, the portal
 * group tag) are never answered. Anything a conforming target cannot send
 * ends the login with a static reason and mcs_neg.bad_key naming the key:
 * a login that goes on with values both sides see differently would fail
 * later, in I/O, where the cause is much harder to find.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/printk.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <scsi/iscsi_proto.h>

#include "config.h"
#include "params.h"

static const char *const mcs_digest_vocab[] = {
	[MCS_DIGEST_NONE] = "None",
	[MCS_DIGEST_CRC32C] = "CRC32C",
};

static const char *const mcs_auth_vocab[] = {
	[MCS_AUTH_NONE] = "None",
	[MCS_AUTH_CHAP] = "CHAP",
};

/* ResponseFence and FastAbort would need task management we lack. */
static const char *const mcs_task_reporting_vocab[] = {
	"RFC3720",
};

#define MCS_OPT(f)	offsetof(struct mcs_login_opts, f)
#define MCS_RES(f)	offsetof(struct mcs_params, f)

#define MCS_BOTH	(MCS_KEY_FROM_I | MCS_KEY_FROM_T)
#define MCS_LO_WHY(key)	.lo_why = "leading-only key " key \
	" in a non-leading login differs from the session's"
#define MCS_LOGIN	(MCS_KEY_SEC | MCS_KEY_OPER)
/* The session keys every leading login of a normal session offers. */
#define MCS_LO_OFFER	(MCS_KEY_SESSION | MCS_KEY_LO | MCS_BOTH | \
			 MCS_KEY_OPER | MCS_KEY_OFFER)

const struct mcs_key_def mcs_keys[MCS_KEY_COUNT] = {
	/* RFC 7143 12.1 and 12.1.3: the security keys. */
	[MCS_KEY_AUTH_METHOD] = {
		.name = "AuthMethod", .kind = MCS_KIND_LIST,
		.flags = MCS_BOTH | MCS_KEY_SEC | MCS_KEY_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .def = MCS_AUTH_NONE,
		.vocab = mcs_auth_vocab,
		.n_vocab = ARRAY_SIZE(mcs_auth_vocab),
		.opt = -1, .res = MCS_RES(conn.auth_method),
	},
	[MCS_KEY_CHAP_A] = {
		.name = "CHAP_A", .kind = MCS_KIND_SECURITY,
		.flags = MCS_BOTH | MCS_KEY_SEC,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	[MCS_KEY_CHAP_I] = {
		.name = "CHAP_I", .kind = MCS_KIND_SECURITY,
		.flags = MCS_BOTH | MCS_KEY_SEC,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	[MCS_KEY_CHAP_C] = {
		.name = "CHAP_C", .kind = MCS_KIND_SECURITY,
		.flags = MCS_BOTH | MCS_KEY_SEC,
		.value_max = MCS_TEXT_LONG_VALUE_MAX, .opt = -1, .res = -1,
	},
	[MCS_KEY_CHAP_N] = {
		.name = "CHAP_N", .kind = MCS_KIND_SECURITY,
		.flags = MCS_BOTH | MCS_KEY_SEC,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	[MCS_KEY_CHAP_R] = {
		.name = "CHAP_R", .kind = MCS_KIND_SECURITY,
		.flags = MCS_BOTH | MCS_KEY_SEC,
		.value_max = MCS_TEXT_LONG_VALUE_MAX, .opt = -1, .res = -1,
	},
	/* RFC 7143 13.1 */
	[MCS_KEY_HEADER_DIGEST] = {
		.name = "HeaderDigest", .kind = MCS_KIND_LIST,
		.flags = MCS_BOTH | MCS_KEY_OPER | MCS_KEY_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .def = MCS_DIGEST_NONE,
		.vocab = mcs_digest_vocab,
		.n_vocab = ARRAY_SIZE(mcs_digest_vocab),
		.opt = -1, .res = MCS_RES(conn.header_digest),
	},
	[MCS_KEY_DATA_DIGEST] = {
		.name = "DataDigest", .kind = MCS_KIND_LIST,
		.flags = MCS_BOTH | MCS_KEY_OPER | MCS_KEY_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .def = MCS_DIGEST_NONE,
		.vocab = mcs_digest_vocab,
		.n_vocab = ARRAY_SIZE(mcs_digest_vocab),
		.opt = -1, .res = MCS_RES(conn.data_digest),
	},
	/* 13.2 */
	[MCS_KEY_MAX_CONNECTIONS] = {
		.name = "MaxConnections", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 1, .max = 65535,
		.def = 1, .opt = MCS_OPT(max_connections),
		.res = MCS_RES(sess.max_connections),
		MCS_LO_WHY("MaxConnections"),
	},
	/* 13.3: a Text request of the full feature phase, never in login. */
	[MCS_KEY_SEND_TARGETS] = {
		.name = "SendTargets", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_I | MCS_KEY_FFP,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	/*
	 * 13.4: targets send TargetName only in SendTargets answers, which
	 * are not negotiation and are not read with this table.
	 */
	[MCS_KEY_TARGET_NAME] = {
		.name = "TargetName", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_I | MCS_LOGIN |
			 MCS_KEY_FIRST,
		.value_max = ISCSI_MCS_NAME_MAX - 1, .opt = -1, .res = -1,
	},
	/* 13.5 */
	[MCS_KEY_INITIATOR_NAME] = {
		.name = "InitiatorName", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_I | MCS_LOGIN |
			 MCS_KEY_FIRST,
		.value_max = ISCSI_MCS_NAME_MAX - 1, .opt = -1, .res = -1,
	},
	/* 13.6: kept in mcs_sess_params.target_alias, see mcs_neg_declared(). */
	[MCS_KEY_TARGET_ALIAS] = {
		.name = "TargetAlias", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_T | MCS_LOGIN,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	/* 13.7 */
	[MCS_KEY_INITIATOR_ALIAS] = {
		.name = "InitiatorAlias", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_I | MCS_LOGIN |
			 MCS_KEY_FIRST,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	/* 13.8: comes with a redirection; the login code reads it itself. */
	[MCS_KEY_TARGET_ADDRESS] = {
		.name = "TargetAddress", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_T | MCS_LOGIN,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	/* 13.9 */
	[MCS_KEY_TPGT] = {
		.name = "TargetPortalGroupTag", .kind = MCS_KIND_DECL_NUM,
		.flags = MCS_KEY_SESSION | MCS_KEY_FROM_T | MCS_LOGIN,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 0, .max = 65535,
		.opt = -1, .res = MCS_RES(conn.tpgt),
	},
	/* 13.10 */
	[MCS_KEY_INITIAL_R2T] = {
		.name = "InitialR2T", .kind = MCS_KIND_OR,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .def = true,
		.opt = MCS_OPT(initial_r2t), .res = MCS_RES(sess.initial_r2t),
		MCS_LO_WHY("InitialR2T"),
	},
	/* 13.11 */
	[MCS_KEY_IMMEDIATE_DATA] = {
		.name = "ImmediateData", .kind = MCS_KIND_AND,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .def = true,
		.opt = MCS_OPT(immediate_data),
		.res = MCS_RES(sess.immediate_data),
		MCS_LO_WHY("ImmediateData"),
	},
	/*
	 * 13.12: each side declares what it receives. The result kept here
	 * is the target's; ours is stored when offered.
	 */
	[MCS_KEY_MAX_RECV_DSL] = {
		.name = "MaxRecvDataSegmentLength", .kind = MCS_KIND_DECL_NUM,
		.flags = MCS_BOTH | MCS_KEY_OPER | MCS_KEY_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .min = MCS_LEN_MIN,
		.max = MCS_LEN_MAX, .def = 8192, .opt = MCS_OPT(max_recv_dsl),
		.res = MCS_RES(conn.max_xmit_dsl),
	},
	/* 13.13 */
	[MCS_KEY_MAX_BURST_LENGTH] = {
		.name = "MaxBurstLength", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .min = MCS_LEN_MIN,
		.max = MCS_LEN_MAX, .def = 262144,
		.opt = MCS_OPT(max_burst_length),
		.res = MCS_RES(sess.max_burst_length),
		MCS_LO_WHY("MaxBurstLength"),
	},
	/* 13.14; mcs_neg_finish() keeps it within MaxBurstLength. */
	[MCS_KEY_FIRST_BURST_LENGTH] = {
		.name = "FirstBurstLength", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .min = MCS_LEN_MIN,
		.max = MCS_LEN_MAX, .def = 65536,
		.opt = MCS_OPT(first_burst_length),
		.res = MCS_RES(sess.first_burst_length),
		MCS_LO_WHY("FirstBurstLength"),
	},
	/* 13.15 */
	[MCS_KEY_DEFAULT_TIME2WAIT] = {
		.name = "DefaultTime2Wait", .kind = MCS_KIND_MAX,
		.flags = MCS_LO_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 0, .max = 3600,
		.def = 2, .opt = MCS_OPT(default_time2wait),
		.res = MCS_RES(sess.default_time2wait),
		MCS_LO_WHY("DefaultTime2Wait"),
	},
	/* 13.16 */
	[MCS_KEY_DEFAULT_TIME2RETAIN] = {
		.name = "DefaultTime2Retain", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 0, .max = 3600,
		.def = 20, .opt = MCS_OPT(default_time2retain),
		.res = MCS_RES(sess.default_time2retain),
		MCS_LO_WHY("DefaultTime2Retain"),
	},
	/* 13.17 */
	[MCS_KEY_MAX_OUTSTANDING_R2T] = {
		.name = "MaxOutstandingR2T", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 1, .max = 65535,
		.def = 1, .opt = MCS_OPT(max_outstanding_r2t),
		.res = MCS_RES(sess.max_outstanding_r2t),
		MCS_LO_WHY("MaxOutstandingR2T"),
	},
	/*
	 * 13.18, 13.19: offering Yes to an OR settles them, so the data
	 * path never has to reorder.
	 */
	[MCS_KEY_DATA_PDU_IN_ORDER] = {
		.name = "DataPDUInOrder", .kind = MCS_KIND_OR,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .def = true, .fixed = true,
		.opt = -1, .res = MCS_RES(sess.data_pdu_in_order),
		MCS_LO_WHY("DataPDUInOrder"),
	},
	[MCS_KEY_DATA_SEQUENCE_IN_ORDER] = {
		.name = "DataSequenceInOrder", .kind = MCS_KIND_OR,
		.flags = MCS_LO_OFFER | MCS_KEY_NO_DISC,
		.value_max = MCS_TEXT_VALUE_MAX, .def = true, .fixed = true,
		.opt = -1, .res = MCS_RES(sess.data_sequence_in_order),
		MCS_LO_WHY("DataSequenceInOrder"),
	},
	/* 13.20 */
	[MCS_KEY_ERROR_RECOVERY_LEVEL] = {
		.name = "ErrorRecoveryLevel", .kind = MCS_KIND_MIN,
		.flags = MCS_LO_OFFER,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 0, .max = 2,
		.def = 0, .opt = MCS_OPT(error_recovery_level),
		.res = MCS_RES(sess.error_recovery_level),
		MCS_LO_WHY("ErrorRecoveryLevel"),
	},
	/* 13.21 */
	[MCS_KEY_SESSION_TYPE] = {
		.name = "SessionType", .kind = MCS_KIND_DECL_STR,
		.flags = MCS_KEY_SESSION | MCS_KEY_LO | MCS_KEY_FROM_I |
			 MCS_LOGIN | MCS_KEY_FIRST,
		.value_max = MCS_TEXT_VALUE_MAX, .opt = -1, .res = -1,
	},
	/* 13.23, 13.24: never offered by us, answered when the target does. */
	[MCS_KEY_TASK_REPORTING] = {
		.name = "TaskReporting", .kind = MCS_KIND_LIST,
		.flags = MCS_KEY_SESSION | MCS_KEY_LO | MCS_BOTH | MCS_KEY_OPER,
		.value_max = MCS_TEXT_VALUE_MAX, .def = 0, .fixed = 0,
		.vocab = mcs_task_reporting_vocab,
		.n_vocab = ARRAY_SIZE(mcs_task_reporting_vocab),
		.opt = -1, .res = -1,
	},
	[MCS_KEY_PROTOCOL_LEVEL] = {
		.name = "iSCSIProtocolLevel", .kind = MCS_KIND_MIN,
		.flags = MCS_KEY_SESSION | MCS_KEY_LO | MCS_BOTH | MCS_KEY_OPER,
		.value_max = MCS_TEXT_VALUE_MAX, .min = 0, .max = 31,
		.def = 1, .fixed = 1, .opt = -1,
		.res = MCS_RES(sess.protocol_level),
	},
};

/* Return: the key's index in mcs_keys[], or -1 when we do not know it. */
int mcs_key_find(const char *name)
{
	int k;

	for (k = 0; k < MCS_KEY_COUNT; k++)
		if (!strcmp(mcs_keys[k].name, name))
			return k;
	return -1;
}

static bool mcs_kind_bool(const struct mcs_key_def *d)
{
	return d->kind == MCS_KIND_AND || d->kind == MCS_KIND_OR;
}

static void mcs_res_set(struct mcs_params *p, const struct mcs_key_def *d,
			u32 v)
{
	void *f;

	if (d->res < 0)
		return;
	f = (u8 *)p + d->res;
	if (mcs_kind_bool(d))
		*(bool *)f = v;
	else
		*(u32 *)f = v;
}

static u32 mcs_opt_get(const struct mcs_login_opts *o,
		       const struct mcs_key_def *d)
{
	const void *f;

	if (d->opt < 0)
		return d->fixed;
	f = (const u8 *)o + d->opt;
	if (mcs_kind_bool(d))
		return *(const bool *)f;
	return *(const u32 *)f;
}

void mcs_login_opts_init(struct mcs_login_opts *o)
{
	memset(o, 0, sizeof(*o));
	/* None first: CRC32C costs CPU and TCP already checksums. */
	o->header_digest[0] = MCS_DIGEST_NONE;
	o->header_digest[1] = MCS_DIGEST_CRC32C;
	o->n_header_digest = 2;
	o->data_digest[0] = MCS_DIGEST_NONE;
	o->data_digest[1] = MCS_DIGEST_CRC32C;
	o->n_data_digest = 2;
	o->auth_chap = false;
	o->initial_r2t = false;
	o->immediate_data = true;
	o->max_connections = 8;
	o->max_recv_dsl = 262144;
	o->max_burst_length = 16776192;
	o->first_burst_length = 262144;
	o->default_time2wait = 2;
	o->default_time2retain = 20;
	o->max_outstanding_r2t = 1;
	o->error_recovery_level = 0;
}

static const char *mcs_digest_list_check(const u8 *list, u8 n)
{
	u8 i;

	if (!n || n > MCS_DIGEST_COUNT)
		return "a digest preference list needs one or two digests";
	for (i = 0; i < n; i++) {
		if (list[i] >= MCS_DIGEST_COUNT)
			return "a digest preference list names an unknown digest";
		if (i && list[i] == list[0])
			return "a digest preference list names a digest twice";
	}
	return NULL;
}

/**
 * mcs_login_opts_check() - check a login's wishes against the keys' ranges
 * @o: the options
 *
 * Return: NULL when every value may be offered, else a static reason.
 */
const char *mcs_login_opts_check(const struct mcs_login_opts *o)
{
	const char *why;

	why = mcs_digest_list_check(o->header_digest, o->n_header_digest);
	if (why)
		return why;
	why = mcs_digest_list_check(o->data_digest, o->n_data_digest);
	if (why)
		return why;
	if (o->max_connections < 1 || o->max_connections > MCS_MAX_CONNS_LIMIT)
		return "MaxConnections must be between 1 and the module's connection limit";
	if (o->max_recv_dsl < MCS_LEN_MIN || o->max_recv_dsl > MCS_LEN_MAX)
		return "MaxRecvDataSegmentLength must be between 512 and 16777215";
	if (o->max_burst_length < MCS_LEN_MIN ||
	    o->max_burst_length > MCS_LEN_MAX)
		return "MaxBurstLength must be between 512 and 16777215";
	if (o->first_burst_length < MCS_LEN_MIN ||
	    o->first_burst_length > MCS_LEN_MAX)
		return "FirstBurstLength must be between 512 and 16777215";
	if (o->first_burst_length > o->max_burst_length)
		return "FirstBurstLength must not exceed MaxBurstLength";
	if (o->default_time2wait > 3600)
		return "DefaultTime2Wait must be at most 3600";
	if (o->default_time2retain > 3600)
		return "DefaultTime2Retain must be at most 3600";
	if (o->max_outstanding_r2t < 1 || o->max_outstanding_r2t > 65535)
		return "MaxOutstandingR2T must be between 1 and 65535";
	if (o->error_recovery_level > 2)
		return "ErrorRecoveryLevel must be 0, 1 or 2";
	return NULL;
}

/**
 * mcs_params_init() - the values RFC 7143 gives keys never negotiated
 * @p: the parameters to set
 */
void mcs_params_init(struct mcs_params *p)
{
	int k;

	memset(p, 0, sizeof(*p));
	for (k = 0; k < MCS_KEY_COUNT; k++)
		mcs_res_set(p, &mcs_keys[k], mcs_keys[k].def);
	p->sess.session_type = MCS_SESSION_NORMAL;
	p->conn.max_recv_dsl = mcs_keys[MCS_KEY_MAX_RECV_DSL].def;
}

/**
 * mcs_neg_init() - start the negotiation of one connection's login
 * @neg: the negotiation
 * @opts: the initiator's wishes, copied
 * @initiator_name: InitiatorName; the string must outlive @neg
 * @initiator_alias: InitiatorAlias or NULL/"" for none; likewise
 * @target_name: TargetName, NULL for a discovery session; likewise
 * @type: normal or discovery
 * @leading: the session's first connection, which negotiates its keys
 * @why: set to a static reason on failure
 *
 * Return: 0 or -EINVAL.
 */
int mcs_neg_init(struct mcs_neg *neg, const struct mcs_login_opts *opts,
		 const char *initiator_name, const char *initiator_alias,
		 const char *target_name, enum mcs_session_type type,
		 bool leading, const char **why)
{
	const char *bad;

	memset(neg, 0, sizeof(*neg));
	bad = mcs_login_opts_check(opts);
	if (!bad && !initiator_name)
		bad = "InitiatorName is required";
	if (!bad)
		bad = mcs_iscsi_name_check(initiator_name);
	if (!bad && initiator_alias) {
		if (strlen(initiator_alias) > MCS_TEXT_VALUE_MAX)
			bad = "InitiatorAlias is longer than 255 bytes";
		else
			bad = mcs_alias_check(initiator_alias);
	}
	/*
	 * Target names come from discovery and are used as given; only what
	 * would break the text is refused.
	 */
	if (!bad && type == MCS_SESSION_NORMAL &&
	    (!target_name || !*target_name))
		bad = "TargetName is required for a normal session";
	if (!bad && target_name &&
	    strlen(target_name) > ISCSI_MCS_NAME_MAX - 1)
		bad = "TargetName is longer than 223 bytes";
	if (!bad && type != MCS_SESSION_NORMAL &&
	    type != MCS_SESSION_DISCOVERY)
		bad = "unknown session type";
	if (!bad && type == MCS_SESSION_DISCOVERY && !leading)
		bad = "a discovery session has a single connection";
	if (bad) {
		*why = bad;
		return -EINVAL;
	}

	neg->opts = *opts;
	neg->initiator_name = initiator_name;
	neg->initiator_alias = initiator_alias;
	neg->target_name = type == MCS_SESSION_NORMAL ? target_name : NULL;
	neg->session_type = type;
	neg->leading = leading;
	mcs_params_init(&neg->res);
	neg->res.sess.session_type = type;
	return 0;
}

static u16 mcs_stage_flag(int stage)
{
	switch (stage) {
	case ISCSI_SECURITY_NEGOTIATION_STAGE:
		return MCS_KEY_SEC;
	case ISCSI_OP_PARMS_NEGOTIATION_STAGE:
		return MCS_KEY_OPER;
	}
	return 0;
}

/* Our values of a list key, most wanted first. @vals has room for 4. */
static unsigned int mcs_neg_list_ours(const struct mcs_neg *neg, int k,
				      u8 *vals)
{
	const struct mcs_login_opts *o = &neg->opts;

	switch (k) {
	case MCS_KEY_HEADER_DIGEST:
		memcpy(vals, o->header_digest, o->n_header_digest);
		return o->n_header_digest;
	case MCS_KEY_DATA_DIGEST:
		memcpy(vals, o->data_digest, o->n_data_digest);
		return o->n_data_digest;
	case MCS_KEY_AUTH_METHOD:
		/*
		 * CHAP alone: offering None too would let any target that
		 * answers None skip the authentication the user asked for.
		 */
		vals[0] = o->auth_chap ? MCS_AUTH_CHAP : MCS_AUTH_NONE;
		return 1;
	}
	vals[0] = mcs_keys[k].fixed;
	return 1;
}

static u32 mcs_neg_list_mask(const struct mcs_neg *neg, int k)
{
	u8 vals[4];
	unsigned int i, n;
	u32 mask = 0;

	n = mcs_neg_list_ours(neg, k, vals);
	for (i = 0; i < n; i++)
		mask |= BIT(vals[i]);
	return mask;
}

static int mcs_vocab_index(const struct mcs_key_def *d, const char *v,
			   size_t len)
{
	int i;

	for (i = 0; i < d->n_vocab; i++)
		if (strlen(d->vocab[i]) == len && !memcmp(d->vocab[i], v, len))
			return i;
	return -1;
}

static int mcs_neg_offer_key(struct mcs_neg *neg, int k,
			     struct mcs_text_buf *out, const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	char val[MCS_TEXT_VALUE_MAX + 1];
	unsigned int i, n;
	size_t len = 0;
	u8 vals[4];
	u32 v = 0;
	int ret;

	val[0] = '\0';
	switch (d->kind) {
	case MCS_KIND_LIST:
		n = mcs_neg_list_ours(neg, k, vals);
		for (i = 0; i < n; i++) {
			len += scnprintf(val + len, sizeof(val) - len, "%s%s",
					 i ? "," : "", d->vocab[vals[i]]);
			v |= BIT(vals[i]);
		}
		break;
	case MCS_KIND_AND:
	case MCS_KIND_OR:
		v = mcs_opt_get(&neg->opts, d);
		strscpy(val, v ? "Yes" : "No", sizeof(val));
		/* RFC 7143 6.2.2: the answer is optional, the outcome known. */
		if ((d->kind == MCS_KIND_AND && !v) ||
		    (d->kind == MCS_KIND_OR && v)) {
			neg->state[k] |= MCS_NEG_OPTIONAL;
			mcs_res_set(&neg->res, d, v);
		}
		break;
	default:
		v = mcs_opt_get(&neg->opts, d);
		snprintf(val, sizeof(val), "%u", v);
		if (k == MCS_KEY_MAX_RECV_DSL)
			neg->res.conn.max_recv_dsl = v;
		break;
	}
	ret = mcs_text_add(out, d->name, val, why);
	if (ret) {
		neg->bad_key = d->name;
		return ret;
	}
	neg->offered[k] = v;
	neg->state[k] |= MCS_NEG_OFFERED;
	return 0;
}

/* The value of a key declared in the first request, NULL to leave it out. */
static const char *mcs_neg_first_value(const struct mcs_neg *neg, int k)
{
	switch (k) {
	case MCS_KEY_TARGET_NAME:
		return neg->target_name;
	case MCS_KEY_INITIATOR_NAME:
		return neg->initiator_name;
	case MCS_KEY_INITIATOR_ALIAS:
		/* Session-wide: LIO answers it NotUnderstood otherwise. */
		if (neg->leading && neg->initiator_alias &&
		    *neg->initiator_alias)
			return neg->initiator_alias;
		return NULL;
	case MCS_KEY_SESSION_TYPE:
		if (!neg->leading)
			return NULL;
		return neg->session_type == MCS_SESSION_DISCOVERY ?
		       "Discovery" : "Normal";
	}
	return NULL;
}

/**
 * mcs_neg_offer() - append our keys for a login stage
 * @neg: the negotiation
 * @stage: ISCSI_SECURITY_NEGOTIATION_STAGE or ISCSI_OP_PARMS_NEGOTIATION_STAGE
 * @out: the text of the next Login Request
 * @why: set to a static reason on failure
 *
 * The first call also declares the names and the session type, which
 * belong in the first request whatever its stage. A key is offered once;
 * calling again for the same stage adds nothing. A non-leading login
 * offers connection keys only, a discovery session too: the session keys
 * are the leading login's, or irrelevant.
 *
 * CHAP_A is not offered here; chap.c knows the algorithms.
 *
 * Return: 0, -EINVAL for a stage that has no keys, or mcs_text_add()'s
 * error.
 */
int mcs_neg_offer(struct mcs_neg *neg, int stage, struct mcs_text_buf *out,
		  const char **why)
{
	u16 sflag = mcs_stage_flag(stage);
	const char *v;
	int k, ret;

	if (!sflag) {
		*why = "keys are offered in the security and operational stages only";
		return -EINVAL;
	}
	if (!neg->first_sent) {
		for (k = 0; k < MCS_KEY_COUNT; k++) {
			if (!(mcs_keys[k].flags & MCS_KEY_FIRST))
				continue;
			v = mcs_neg_first_value(neg, k);
			if (!v)
				continue;
			ret = mcs_text_add(out, mcs_keys[k].name, v, why);
			if (ret) {
				neg->bad_key = mcs_keys[k].name;
				return ret;
			}
		}
		neg->first_sent = true;
	}
	for (k = 0; k < MCS_KEY_COUNT; k++) {
		const struct mcs_key_def *d = &mcs_keys[k];

		if (!(d->flags & MCS_KEY_OFFER) || !(d->flags & sflag))
			continue;
		if (neg->state[k] & (MCS_NEG_OFFERED | MCS_NEG_RECEIVED))
			continue;
		if ((d->flags & MCS_KEY_SESSION) &&
		    (!neg->leading || neg->session_type != MCS_SESSION_NORMAL))
			continue;
		/* RFC 7143 13.14: irrelevant when no unsolicited data is sent. */
		if (k == MCS_KEY_FIRST_BURST_LENGTH && neg->opts.initial_r2t &&
		    !neg->opts.immediate_data)
			continue;
		ret = mcs_neg_offer_key(neg, k, out, why);
		if (ret)
			return ret;
	}
	return 0;
}

static int mcs_parse_bool(const char *v)
{
	if (!strcmp(v, "Yes"))
		return 1;
	if (!strcmp(v, "No"))
		return 0;
	return -1;
}

static int mcs_neg_num(const struct mcs_key_def *d, const char *v, u32 *out,
		       const char **why)
{
	u64 n;
	int ret;

	ret = mcs_text_parse_num(v, U32_MAX, &n);
	if (ret == -EINVAL) {
		*why = "value is not a number";
		return -EPROTO;
	}
	if (ret || n < d->min || n > d->max) {
		*why = "value is outside the key's legal range";
		return -EPROTO;
	}
	*out = n;
	return 0;
}

/* The target's answer to a key we offered. */
static int mcs_neg_answer(struct mcs_neg *neg, int k, const char *v,
			  const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	u32 offered = neg->offered[k];
	u32 num;
	int b, idx, ret;

	if (neg->state[k] & MCS_NEG_ANSWERED) {
		*why = "target answered a key twice";
		return -EPROTO;
	}
	if (!strcmp(v, "NotUnderstood")) {
		/* RFC 7143 6.2: standard keys must be understood. */
		*why = "target answered NotUnderstood to a standard key";
		return -EPROTO;
	}
	if (!strcmp(v, "Irrelevant")) {
		mcs_res_set(&neg->res, d, d->def);
		goto answered;
	}
	if (!strcmp(v, "Reject")) {
		/*
		 * RFC 7143 6.2: the key keeps its current value, here the
		 * default; a default we did not offer is one we refused.
		 */
		if (d->kind == MCS_KIND_LIST && !(offered & BIT(d->def))) {
			*why = "target's Reject leaves a default that was not offered";
			return -EPROTO;
		}
		mcs_res_set(&neg->res, d, d->def);
		goto answered;
	}

	switch (d->kind) {
	case MCS_KIND_LIST:
		if (strchr(v, ',')) {
			*why = "target answered a list key with more than one value";
			return -EPROTO;
		}
		idx = mcs_vocab_index(d, v, strlen(v));
		if (idx < 0 || !(offered & BIT(idx))) {
			*why = "target answered a list key with a value not offered";
			return -EPROTO;
		}
		mcs_res_set(&neg->res, d, idx);
		break;
	case MCS_KIND_AND:
	case MCS_KIND_OR:
		b = mcs_parse_bool(v);
		if (b < 0) {
			*why = "value of a Boolean key is neither Yes nor No";
			return -EPROTO;
		}
		if (d->kind == MCS_KIND_AND && !offered && b) {
			*why = "target answered Yes to a Boolean AND key offered as No";
			return -EPROTO;
		}
		if (d->kind == MCS_KIND_OR && offered && !b) {
			*why = "target answered No to a Boolean OR key offered as Yes";
			return -EPROTO;
		}
		mcs_res_set(&neg->res, d, b);
		break;
	case MCS_KIND_MIN:
	case MCS_KIND_MAX:
		ret = mcs_neg_num(d, v, &num, why);
		if (ret)
			return ret;
		if (d->kind == MCS_KIND_MIN && num > offered) {
			*why = "target answered a Minimum key with more than offered";
			return -EPROTO;
		}
		if (d->kind == MCS_KIND_MAX && num < offered) {
			*why = "target answered a Maximum key with less than offered";
			return -EPROTO;
		}
		mcs_res_set(&neg->res, d, num);
		break;
	}
answered:
	neg->state[k] |= MCS_NEG_ANSWERED;
	return 0;
}

static int mcs_neg_accept_list(struct mcs_neg *neg, int k, const char *v,
			       struct mcs_text_buf *reply, const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	u32 ours = mcs_neg_list_mask(neg, k);
	const char *p = v, *end;
	int idx, chosen = -1;
	int ret;

	/* The first of the proposer's values we have (RFC 7143 6.2.1). */
	for (;;) {
		end = strchrnul(p, ',');
		if (end == p) {
			*why = "target offered a list with an empty value";
			return -EPROTO;
		}
		if (chosen < 0) {
			idx = mcs_vocab_index(d, p, end - p);
			if (idx >= 0 && (ours & BIT(idx)))
				chosen = idx;
		}
		if (!*end)
			break;
		p = end + 1;
	}
	if (chosen >= 0) {
		mcs_res_set(&neg->res, d, chosen);
		return mcs_text_add(reply, d->name, d->vocab[chosen], why);
	}
	ret = mcs_text_add(reply, d->name, "Reject", why);
	if (ret)
		return ret;
	if (!(ours & BIT(d->def))) {
		*why = "target offered no value we accept, and we refuse the default";
		return -EPROTO;
	}
	mcs_res_set(&neg->res, d, d->def);
	return 0;
}

/* The target's offer of a key we did not offer: answer it. */
static int mcs_neg_accept(struct mcs_neg *neg, int k, const char *v,
			  struct mcs_text_buf *reply, const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	u32 ours = mcs_opt_get(&neg->opts, d);
	u32 num, r;
	int b, ret;

	if (neg->state[k] & MCS_NEG_RECEIVED) {
		*why = "target offered a key twice";
		return -EPROTO;
	}
	if (mcs_text_is_reserved(v)) {
		*why = "target offered a key with a value reserved for answers";
		return -EPROTO;
	}
	neg->state[k] |= MCS_NEG_RECEIVED;
	if (neg->session_type == MCS_SESSION_DISCOVERY &&
	    (d->flags & MCS_KEY_NO_DISC))
		return mcs_text_add(reply, d->name, "Irrelevant", why);

	switch (d->kind) {
	case MCS_KIND_LIST:
		return mcs_neg_accept_list(neg, k, v, reply, why);
	case MCS_KIND_AND:
	case MCS_KIND_OR:
		b = mcs_parse_bool(v);
		if (b < 0) {
			*why = "value of a Boolean key is neither Yes nor No";
			return -EPROTO;
		}
		r = d->kind == MCS_KIND_AND ? ours && b : ours || b;
		mcs_res_set(&neg->res, d, r);
		return mcs_text_add(reply, d->name, r ? "Yes" : "No", why);
	case MCS_KIND_MIN:
	case MCS_KIND_MAX:
		ret = mcs_neg_num(d, v, &num, why);
		if (ret)
			return ret;
		r = d->kind == MCS_KIND_MIN ? min(ours, num) : max(ours, num);
		mcs_res_set(&neg->res, d, r);
		return mcs_text_add_u32(reply, d->name, r, why);
	}
	*why = "key cannot be negotiated";
	return -EPROTO;
}

/* A value the target declares for itself: never answered. */
static int mcs_neg_declared(struct mcs_neg *neg, int k, const char *v,
			    const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	u32 num;
	int ret;

	if (neg->state[k] & MCS_NEG_RECEIVED) {
		/* RFC 7143 6.3: nothing is declared twice in one login. */
		*why = "target declared a key twice";
		return -EPROTO;
	}
	if (mcs_text_is_reserved(v)) {
		*why = "target declared a key with a value reserved for answers";
		return -EPROTO;
	}
	if (d->kind == MCS_KIND_DECL_NUM) {
		ret = mcs_neg_num(d, v, &num, why);
		if (ret)
			return ret;
		mcs_res_set(&neg->res, d, num);
		if (k == MCS_KEY_TPGT)
			neg->res.conn.tpgt_seen = true;
	} else if (k == MCS_KEY_TARGET_ALIAS) {
		strscpy(neg->res.sess.target_alias, v,
			sizeof(neg->res.sess.target_alias));
		/* It reaches sysfs and netlink: one line of no control bytes. */
		mcs_text_printable(neg->res.sess.target_alias);
	}
	neg->state[k] |= MCS_NEG_RECEIVED;
	return 0;
}

static int mcs_neg_security(struct mcs_neg *neg, int k, const char *v,
			    struct mcs_sec_keys *sec, const char **why)
{
	const char **slot;

	if (neg->state[k] & MCS_NEG_RECEIVED) {
		*why = "target sent a CHAP key twice";
		return -EPROTO;
	}
	if (!sec) {
		*why = "target sent a CHAP key outside an authentication exchange";
		return -EPROTO;
	}
	switch (k) {
	case MCS_KEY_CHAP_A:
		slot = &sec->chap_a;
		break;
	case MCS_KEY_CHAP_I:
		slot = &sec->chap_i;
		break;
	case MCS_KEY_CHAP_C:
		slot = &sec->chap_c;
		break;
	case MCS_KEY_CHAP_N:
		slot = &sec->chap_n;
		break;
	default:
		slot = &sec->chap_r;
		break;
	}
	*slot = v;
	neg->state[k] |= MCS_NEG_RECEIVED;
	return 0;
}

static u32 mcs_res_get(const struct mcs_params *p, const struct mcs_key_def *d)
{
	const void *f = (const u8 *)p + d->res;

	if (mcs_kind_bool(d))
		return *(const bool *)f;
	return *(const u32 *)f;
}

/*
 * A leading-only key in a login that adds a connection: tgt repeats
 * MaxConnections there. Robustness (RFC 7143 6.1): the value the session
 * has already is ignored, once noted; another one is refused.
 */
static int mcs_neg_leading_only(struct mcs_neg *neg, int k, const char *v,
				const char **why)
{
	const struct mcs_key_def *d = &mcs_keys[k];
	u32 num;
	int b;

	*why = d->lo_why ?: "leading-only key in a non-leading login";
	if (!neg->session || d->res < 0)
		return -EPROTO;
	switch (d->kind) {
	case MCS_KIND_AND:
	case MCS_KIND_OR:
		b = mcs_parse_bool(v);
		if (b < 0)
			return -EPROTO;
		num = b;
		break;
	case MCS_KIND_MIN:
	case MCS_KIND_MAX:
	case MCS_KIND_DECL_NUM:
		if (mcs_neg_num(d, v, &num, why))
			return -EPROTO;
		break;
	default:
		return -EPROTO;
	}
	if (num != mcs_res_get(neg->session, d))
		return -EPROTO;
	pr_info_once("target repeats leading-only key %s=%s in a non-leading login: ignored, the session has it\n",
		     d->name, v);
	*why = NULL;
	return 0;
}

static int mcs_neg_pair(struct mcs_neg *neg, u16 sflag,
			const struct mcs_text_pair *p,
			struct mcs_text_buf *reply, struct mcs_sec_keys *sec,
			const char **why)
{
	const struct mcs_key_def *d;
	int k;

	neg->bad_key = NULL;
	k = mcs_key_find(p->key);
	if (k < 0) {
		/* Never offered, so this cannot be an answer of ours. */
		if (mcs_text_is_reserved(p->value)) {
			*why = "target answered a key that was never offered";
			return -EPROTO;
		}
		return mcs_text_add(reply, p->key, "NotUnderstood", why);
	}
	d = &mcs_keys[k];
	neg->bad_key = d->name;
	if (!(d->flags & MCS_KEY_FROM_T)) {
		*why = "target sent a key only an initiator may send";
		return -EPROTO;
	}
	if (!(d->flags & sflag)) {
		*why = d->flags & MCS_KEY_SEC ?
		       "target sent a security key outside the security stage" :
		       "target sent an operational key in the security stage";
		return -EPROTO;
	}
	if ((d->flags & MCS_KEY_LO) && !neg->leading)
		return mcs_neg_leading_only(neg, k, p->value, why);
	if (p->value_len > d->value_max) {
		*why = "value is too long for its key";
		return -EPROTO;
	}

	switch (d->kind) {
	case MCS_KIND_SECURITY:
		return mcs_neg_security(neg, k, p->value, sec, why);
	case MCS_KIND_DECL_NUM:
	case MCS_KIND_DECL_STR:
		return mcs_neg_declared(neg, k, p->value, why);
	}
	if (neg->state[k] & MCS_NEG_OFFERED)
		return mcs_neg_answer(neg, k, p->value, why);
	return mcs_neg_accept(neg, k, p->value, reply, why);
}

/**
 * mcs_neg_process() - take the keys of one complete text from the target
 * @neg: the negotiation
 * @stage: the login stage the text was sent in (the response's CSG)
 * @pairs: the text, decoded without MCS_TEXT_DUPS_OK
 * @reply: our answers to the target's offers are appended here
 * @sec: the CHAP keys are recorded here, NULL outside authentication
 * @why: set to a static reason on failure
 *
 * Return: 0, -EPROTO for a protocol error (and @neg->bad_key set when it
 * is one key's), -EMSGSIZE or -ENOMEM when @reply cannot grow.
 */
int mcs_neg_process(struct mcs_neg *neg, int stage,
		    const struct mcs_text_pairs *pairs,
		    struct mcs_text_buf *reply, struct mcs_sec_keys *sec,
		    const char **why)
{
	u16 sflag = mcs_stage_flag(stage);
	u32 i;
	int ret;

	if (!sflag) {
		*why = "keys are negotiated in the security and operational stages only";
		return -EINVAL;
	}
	for (i = 0; i < pairs->n; i++) {
		ret = mcs_neg_pair(neg, sflag, &pairs->pair[i], reply, sec,
				   why);
		if (ret)
			return ret;
	}
	neg->bad_key = NULL;
	return 0;
}

/**
 * mcs_neg_finish() - the outcome, once the target ended the login
 * @neg: the negotiation
 * @out: the connection's parameters are written to @out->conn; the
 *       session's to @out->sess only for a leading login, since a
 *       non-leading one did not negotiate them
 * @why: set to a static reason on failure
 *
 * A FirstBurstLength above MaxBurstLength (each answered within its own
 * offer) is lowered to it, as RFC 7143 13.14 requires and LIO does.
 *
 * Return: 0, or -EPROTO when the target left a key unanswered that it
 * had to answer (RFC 7143 6.2.2).
 */
int mcs_neg_finish(struct mcs_neg *neg, struct mcs_params *out,
		   const char **why)
{
	struct mcs_sess_params *s = &neg->res.sess;
	int k;

	for (k = 0; k < MCS_KEY_COUNT; k++) {
		u8 st = neg->state[k];

		if (!(st & MCS_NEG_OFFERED) ||
		    (st & (MCS_NEG_ANSWERED | MCS_NEG_OPTIONAL)) ||
		    mcs_keys[k].kind == MCS_KIND_DECL_NUM)
			continue;
		neg->bad_key = mcs_keys[k].name;
		*why = "target did not answer an offered key";
		return -EPROTO;
	}
	if (s->first_burst_length > s->max_burst_length)
		s->first_burst_length = s->max_burst_length;
	out->conn = neg->res.conn;
	if (neg->leading)
		out->sess = neg->res.sess;
	neg->bad_key = NULL;
	return 0;
}
