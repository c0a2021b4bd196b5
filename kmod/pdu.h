/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iSCSI PDUs (RFC 7143 section 11): the headers an initiator sends, the
 * checks applied to those it receives, their lengths and their CRC32C
 * digests.
 *
 * Everything here works on buffers only, without connection or session
 * state, so that it can be unit-tested on its own and the connection code
 * is left with its state machines. The layouts are the kernel's, from
 * scsi/iscsi_proto.h.
 *
 * Task tags (ITT, TTT, RTT) are handled in CPU order and sent big-endian,
 * so that a packet trace shows the same number as the log.
 */
#ifndef MCS_PDU_H
#define MCS_PDU_H

#include <linux/bvec.h>
#include <linux/crc32c.h>
#include <linux/scatterlist.h>
#include <linux/types.h>
#include <scsi/iscsi_proto.h>

/*
 * Largest header an initiator PDU of ours has: a SCSI Command with an
 * Extended CDB AHS for a 260-byte CDB and the bidirectional read length
 * AHS.
 */
#define MCS_PDU_TX_HDR_MAX \
	(ISCSI_HDR_LEN + sizeof(struct iscsi_ecdb_ahdr) + \
	 sizeof(struct iscsi_rlength_ahdr))

/* TotalAHSLength is one byte counting 4-byte words. */
#define MCS_PDU_AHS_MAX		(255 * 4)

/* What a receive buffer needs for BHS, any AHS and the header digest. */
#define MCS_PDU_RX_HDR_MAX	(ISCSI_HDR_LEN + MCS_PDU_AHS_MAX + ISCSI_CRC_LEN)

/* DataSegmentLength is three bytes. */
#define MCS_PDU_DLENGTH_MAX	ISCSI_MAX_MAX_RECV_SEG_LEN

/* Header fields */

static inline u8 mcs_pdu_opcode(const struct iscsi_hdr *hdr)
{
	return hdr->opcode & ISCSI_OPCODE_MASK;
}

static inline bool mcs_pdu_is_immediate(const struct iscsi_hdr *hdr)
{
	return hdr->opcode & ISCSI_OP_IMMEDIATE;
}

static inline u32 mcs_pdu_itt(const struct iscsi_hdr *hdr)
{
	return be32_to_cpu((__force __be32)hdr->itt);
}

static inline void mcs_pdu_set_itt(struct iscsi_hdr *hdr, u32 itt)
{
	hdr->itt = (__force itt_t)cpu_to_be32(itt);
}

static inline u32 mcs_pdu_dlength(const struct iscsi_hdr *hdr)
{
	return ntoh24(hdr->dlength);
}

static inline u32 mcs_pdu_ahs_len(const struct iscsi_hdr *hdr)
{
	return hdr->hlength * 4;
}

/* Bytes of zero padding after a segment of @len bytes. */
static inline u32 mcs_pdu_pad(u32 len)
{
	return (ISCSI_PAD_LEN - (len & (ISCSI_PAD_LEN - 1))) &
	       (ISCSI_PAD_LEN - 1);
}

/*
 * The whole PDU on the wire. A data digest only follows a data segment
 * that is there: with DataSegmentLength 0 there is nothing to protect.
 */
static inline u32 mcs_pdu_total_len(const struct iscsi_hdr *hdr,
				    bool hdr_digest, bool data_digest)
{
	u32 dlen = mcs_pdu_dlength(hdr);
	u32 len = ISCSI_HDR_LEN + mcs_pdu_ahs_len(hdr);

	if (hdr_digest)
		len += ISCSI_CRC_LEN;
	if (dlen) {
		len += dlen + mcs_pdu_pad(dlen);
		if (data_digest)
			len += ISCSI_CRC_LEN;
	}
	return len;
}

int mcs_pdu_set_dlength(struct iscsi_hdr *hdr, u32 dlen);

/*
 * CmdSN and ExpStatSN are only known when the PDU is queued on a
 * connection, after it was built.
 */
int mcs_pdu_set_cmdsn(struct iscsi_hdr *hdr, u32 cmdsn);
void mcs_pdu_set_exp_statsn(struct iscsi_hdr *hdr, u32 exp_statsn);
bool mcs_pdu_takes_cmdsn(const struct iscsi_hdr *hdr);

/* Initiator PDUs */

struct mcs_pdu_scsi_cmd {
	struct scsi_lun lun;
	const u8 *cdb;
	u32 itt;
	u32 edtl;		/* Expected Data Transfer Length */
	u32 bidi_read_len;	/* read length of a bidirectional command */
	u32 imm_len;		/* immediate data right after the header */
	u16 cdb_len;
	u8 attr;		/* ISCSI_ATTR_* */
	bool read;
	bool write;
	bool final;		/* no unsolicited Data-Out follows */
	bool immediate;
};

int mcs_pdu_build_scsi_cmd(void *buf, size_t size,
			   const struct mcs_pdu_scsi_cmd *cmd);

struct mcs_pdu_data_out {
	struct scsi_lun lun;	/* the R2T's, or the command's if unsolicited */
	u32 itt;
	u32 ttt;		/* the R2T's, ISCSI_RESERVED_TAG if unsolicited */
	u32 datasn;
	u32 offset;
	u32 len;
	bool final;
};

int mcs_pdu_build_data_out(struct iscsi_hdr *hdr,
			   const struct mcs_pdu_data_out *d);

int mcs_pdu_build_nop_ping(struct iscsi_hdr *hdr, u32 itt, u32 dlen,
			   bool immediate);
int mcs_pdu_build_nop_reply(struct iscsi_hdr *hdr,
			    const struct iscsi_hdr *nop_in, u32 dlen);

struct mcs_pdu_tmf {
	struct scsi_lun lun;
	u32 itt;
	u32 rtt;		/* ABORT TASK, TASK REASSIGN */
	u32 refcmdsn;		/* ABORT TASK */
	u32 exp_datasn;		/* TASK REASSIGN */
	u8 function;		/* ISCSI_TM_FUNC_* */
	bool immediate;
};

int mcs_pdu_build_tmf(struct iscsi_hdr *hdr, const struct mcs_pdu_tmf *t);

struct mcs_pdu_login {
	u8 isid[6];
	u16 tsih;
	u16 cid;
	u32 itt;
	u32 dlen;
	u8 csg;
	u8 nsg;
	u8 version_max;
	u8 version_min;
	bool transit;
	bool cont;
};

int mcs_pdu_build_login(struct iscsi_hdr *hdr, const struct mcs_pdu_login *l);

struct mcs_pdu_text {
	u32 itt;
	u32 ttt;		/* the response's to continue, else reserved */
	u32 dlen;
	bool final;
	bool cont;
	bool immediate;
};

int mcs_pdu_build_text(struct iscsi_hdr *hdr, const struct mcs_pdu_text *t);

int mcs_pdu_build_logout(struct iscsi_hdr *hdr, u32 itt, u8 reason, u16 cid,
			 bool immediate);

struct mcs_pdu_snack {
	struct scsi_lun lun;	/* DataACK: the Data-In's */
	u32 itt;		/* Data/R2T and R-Data: the task's */
	u32 ttt;		/* DataACK: the Data-In's; R-Data: SNACK Tag */
	u32 begrun;
	u32 runlength;
	u8 type;		/* ISCSI_FLAG_SNACK_TYPE_* */
};

int mcs_pdu_build_snack(struct iscsi_hdr *hdr, const struct mcs_pdu_snack *s);

/* Target PDUs */

/* What the connection negotiated for the PDUs it receives. */
struct mcs_pdu_limits {
	u32 max_recv_dlength;	/* MaxRecvDataSegmentLength we declared */
	u8 erl;			/* ErrorRecoveryLevel */
	bool hdr_digest;
	bool data_digest;
	bool login;		/* still in the login phase */
};

/* How a received PDU's StatSN field relates to the connection's ExpStatSN. */
enum mcs_pdu_statsn {
	MCS_STATSN_NONE,	/* reserved in this PDU */
	MCS_STATSN_PEEK,	/* the next StatSN, not consumed by this PDU */
	MCS_STATSN_TAKE,	/* this PDU's own: ExpStatSN becomes StatSN + 1 */
};

struct mcs_pdu_rx {
	struct scsi_lun lun;
	u8 opcode;
	u8 flags;
	bool final;
	enum mcs_pdu_statsn statsn_use;
	u32 ahs_len;
	u32 dlength;
	u32 itt;
	u32 ttt;
	u32 statsn;
	u32 exp_cmdsn;
	u32 max_cmdsn;
	union {
		struct {
			u8 response;
			u8 status;
			bool bidi_overflow;
			bool bidi_underflow;
			bool overflow;
			bool underflow;
			u32 snack_tag;
			u32 exp_datasn;
			u32 bidi_residual;
			u32 residual;
		} rsp;
		struct {
			u8 response;
		} tmf;
		struct {
			u8 isid[6];
			u16 tsih;
			u8 csg;
			u8 nsg;
			u8 version_max;
			u8 version_active;
			u8 status_class;
			u8 status_detail;
			bool transit;
			bool cont;
		} login;
		struct {
			bool cont;
		} text;
		struct {
			bool ack;
			bool status_valid;
			bool overflow;
			bool underflow;
			u8 status;
			u32 datasn;
			u32 offset;
			u32 residual;
		} data_in;
		struct {
			u8 response;
			u16 time2wait;
			u16 time2retain;
		} logout;
		struct {
			u32 r2tsn;
			u32 offset;
			u32 length;
		} r2t;
		struct {
			u8 event;
			u8 vcode;
			u16 param[3];
		} async;
		struct {
			u8 reason;
			u32 datasn;
		} reject;
	};
};

int mcs_pdu_check_bhs(const struct iscsi_hdr *hdr,
		      const struct mcs_pdu_limits *lim, const char **why);
int mcs_pdu_check_ahs(const struct iscsi_hdr *hdr, const void *ahs,
		      const char **why);
int mcs_pdu_check_rx(const struct iscsi_hdr *hdr, const void *ahs,
		     const struct mcs_pdu_limits *lim, const char **why);
void mcs_pdu_parse(const struct iscsi_hdr *hdr, struct mcs_pdu_rx *rx);

int mcs_pdu_check_data_in(const struct iscsi_hdr *hdr, u32 task_len,
			  const char **why);
int mcs_pdu_check_r2t(const struct iscsi_hdr *hdr, u32 task_len,
		      u32 max_burst, const char **why);
int mcs_pdu_check_scsi_rsp(const struct iscsi_hdr *hdr, u32 edtl,
			   u32 bidi_read_len, const char **why);
int mcs_pdu_sense(const void *data, u32 dlen, const u8 **sense,
		  u16 *sense_len, const char **why);

int mcs_pdu_summary(const struct iscsi_hdr *hdr, char *buf, size_t size);

/* Digests */

/* The register starts at all ones (RFC 7143 section 13.1). */
#define MCS_CRC32C_SEED		(~0u)

/* Raw register update: seed with MCS_CRC32C_SEED, finish with _final(). */
static inline u32 mcs_crc32c(u32 crc, const void *buf, unsigned int len)
{
	return crc32c(crc, buf, len);
}

/* Complemented and sent least significant byte first. */
static inline __le32 mcs_crc32c_final(u32 crc)
{
	return cpu_to_le32(~crc);
}

u32 mcs_crc32c_pad(u32 crc, u32 dlen);
int mcs_crc32c_sg(u32 *crc, struct scatterlist *sg, unsigned int skip,
		  unsigned int len);
u32 mcs_crc32c_bvec(u32 crc, const struct bio_vec *bv, struct bvec_iter iter);
__le32 mcs_pdu_hdr_digest(const void *hdr, unsigned int len);
__le32 mcs_pdu_data_digest(const void *data, u32 dlen);

#endif /* MCS_PDU_H */
