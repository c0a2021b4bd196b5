// SPDX-License-Identifier: GPL-2.0
/*
 * iSCSI PDUs: building the headers an initiator sends, checking and
 * decoding the ones it receives, and their CRC32C digests.
 *
 * Builders answer -EINVAL for parameters no correct caller passes, so a
 * bug in the connection code shows up as an error rather than as a PDU the
 * target would reject (or worse, accept). Receive checks answer -EPROTO
 * and a static reason the caller can log next to mcs_pdu_summary(): RFC
 * 7143 makes every one of them a protocol error, for which the connection
 * is dropped and recovered.
 */

#include <linux/align.h>
#include <linux/highmem.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "compat.h"
#include "pdu.h"

/* ISID type field: the top two bits of its first byte; 3 is reserved. */
#define MCS_ISID_TYPE_RESERVED	0xc0

/* Login stages (CSG/NSG); 2 is reserved. */
#define MCS_LOGIN_STAGE_RESERVED	2

/* AHSType: the two high bits are reserved, the code is in the others. */
#define MCS_AHS_CODE_MASK	0x3f

static bool mcs_tag_reserved(u32 tag)
{
	return tag == ISCSI_RESERVED_TAG;
}

static __be32 mcs_tag_be(u32 tag)
{
	return cpu_to_be32(tag);
}

/* Header fields */

/**
 * mcs_pdu_set_dlength() - set DataSegmentLength
 * @hdr: header
 * @dlen: data segment length in bytes, without padding
 *
 * Return: 0, or -EINVAL when @dlen does not fit the 24-bit field.
 */
int mcs_pdu_set_dlength(struct iscsi_hdr *hdr, u32 dlen)
{
	if (dlen > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;
	hton24(hdr->dlength, dlen);
	return 0;
}

/* Initiator opcodes with CmdSN at bytes 24..27; Data-Out and SNACK have none. */
static bool mcs_pdu_has_cmdsn(u8 opcode)
{
	switch (opcode) {
	case ISCSI_OP_NOOP_OUT:
	case ISCSI_OP_SCSI_CMD:
	case ISCSI_OP_SCSI_TMFUNC:
	case ISCSI_OP_LOGIN:
	case ISCSI_OP_TEXT:
	case ISCSI_OP_LOGOUT:
		return true;
	default:
		return false;
	}
}

/**
 * mcs_pdu_set_cmdsn() - fill in CmdSN when the PDU is queued
 * @hdr: an initiator PDU built here
 * @cmdsn: its CmdSN (the current one, unchanged, for an immediate PDU)
 *
 * Return: 0, or -EINVAL for a PDU without a CmdSN field.
 */
int mcs_pdu_set_cmdsn(struct iscsi_hdr *hdr, u32 cmdsn)
{
	if (!mcs_pdu_has_cmdsn(mcs_pdu_opcode(hdr)))
		return -EINVAL;
	hdr->statsn = cpu_to_be32(cmdsn);
	return 0;
}

/**
 * mcs_pdu_set_exp_statsn() - fill in ExpStatSN when the PDU is sent
 * @hdr: an initiator PDU built here; all of them carry it at bytes 28..31
 * @exp_statsn: the connection's ExpStatSN
 */
void mcs_pdu_set_exp_statsn(struct iscsi_hdr *hdr, u32 exp_statsn)
{
	hdr->exp_statsn = cpu_to_be32(exp_statsn);
}

/**
 * mcs_pdu_takes_cmdsn() - whether sending @hdr uses up a CmdSN
 * @hdr: an initiator PDU
 *
 * Immediate PDUs carry the current CmdSN without advancing it; Data-Out
 * and SNACK have no CmdSN at all.
 *
 * Return: true when the session's CmdSN must be advanced after @hdr.
 */
bool mcs_pdu_takes_cmdsn(const struct iscsi_hdr *hdr)
{
	return mcs_pdu_has_cmdsn(mcs_pdu_opcode(hdr)) &&
	       !mcs_pdu_is_immediate(hdr);
}

static u8 mcs_pdu_opcode_byte(u8 opcode, bool immediate)
{
	return opcode | (immediate ? ISCSI_OP_IMMEDIATE : 0);
}

/* Initiator PDUs */

/* The bytes the Extended CDB AHS takes for a CDB of @cdb_len > 16. */
static size_t mcs_ecdb_ahs_size(u16 cdb_len)
{
	u32 spill = cdb_len - ISCSI_CDB_SIZE;

	return offsetof(struct iscsi_ecdb_ahdr, ecdb) + spill +
	       mcs_pdu_pad(spill);
}

static int mcs_scsi_cmd_check(const struct mcs_pdu_scsi_cmd *cmd)
{
	if (!cmd->cdb || !cmd->cdb_len ||
	    cmd->cdb_len > SCSI_MAX_VARLEN_CDB_SIZE)
		return -EINVAL;
	if (cmd->attr > ISCSI_ATTR_ACA)
		return -EINVAL;
	if (mcs_tag_reserved(cmd->itt))
		return -EINVAL;
	/* Without a data direction there is nothing to transfer. */
	if (!cmd->read && !cmd->write && cmd->edtl)
		return -EINVAL;
	if (cmd->imm_len && (!cmd->write || cmd->imm_len > cmd->edtl))
		return -EINVAL;
	if (cmd->imm_len > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;
	/* Only writes can have unsolicited Data-Out to announce. */
	if (!cmd->write && !cmd->final)
		return -EINVAL;
	/* All the data went as immediate data: nothing can follow. */
	if (cmd->write && cmd->imm_len == cmd->edtl && !cmd->final)
		return -EINVAL;
	if (cmd->bidi_read_len && !(cmd->read && cmd->write))
		return -EINVAL;
	return 0;
}

/**
 * mcs_pdu_build_scsi_cmd() - build a SCSI Command header and its AHSs
 * @buf: where the header goes, MCS_PDU_TX_HDR_MAX bytes are always enough
 * @size: bytes at @buf
 * @cmd: the command
 *
 * CDBs longer than 16 bytes continue in an Extended CDB AHS; a command
 * that both reads and writes gets the Bidirectional Read Expected Data
 * Transfer Length AHS, which RFC 7143 requires for such commands. CmdSN
 * and ExpStatSN are left to mcs_pdu_set_cmdsn() and
 * mcs_pdu_set_exp_statsn().
 *
 * Return: the header length (BHS and AHSs, a multiple of 4), -EINVAL for
 * inconsistent parameters or -ENOSPC when @size is too small.
 */
int mcs_pdu_build_scsi_cmd(void *buf, size_t size,
			   const struct mcs_pdu_scsi_cmd *cmd)
{
	struct iscsi_scsi_req *hdr = buf;
	size_t len = ISCSI_HDR_LEN;
	u8 *ahs;
	int ret;

	ret = mcs_scsi_cmd_check(cmd);
	if (ret)
		return ret;
	if (cmd->cdb_len > ISCSI_CDB_SIZE)
		len += mcs_ecdb_ahs_size(cmd->cdb_len);
	if (cmd->read && cmd->write)
		len += sizeof(struct iscsi_rlength_ahdr);
	if (size < len)
		return -ENOSPC;

	memset(buf, 0, len);
	hdr->opcode = mcs_pdu_opcode_byte(ISCSI_OP_SCSI_CMD, cmd->immediate);
	hdr->flags = cmd->attr;
	if (cmd->final)
		hdr->flags |= ISCSI_FLAG_CMD_FINAL;
	if (cmd->read)
		hdr->flags |= ISCSI_FLAG_CMD_READ;
	if (cmd->write)
		hdr->flags |= ISCSI_FLAG_CMD_WRITE;
	hdr->hlength = (len - ISCSI_HDR_LEN) / 4;
	hton24(hdr->dlength, cmd->imm_len);
	hdr->lun = cmd->lun;
	mcs_pdu_set_itt((struct iscsi_hdr *)hdr, cmd->itt);
	hdr->data_length = cpu_to_be32(cmd->edtl);
	memcpy(hdr->cdb, cmd->cdb, min_t(u16, cmd->cdb_len, ISCSI_CDB_SIZE));

	ahs = (u8 *)buf + ISCSI_HDR_LEN;
	if (cmd->cdb_len > ISCSI_CDB_SIZE) {
		struct iscsi_ecdb_ahdr *ecdb = (struct iscsi_ecdb_ahdr *)ahs;
		u16 spill = cmd->cdb_len - ISCSI_CDB_SIZE;

		/* AHSLength counts the reserved byte too: CDBLength - 15. */
		ecdb->ahslength = cpu_to_be16(spill + 1);
		ecdb->ahstype = ISCSI_AHSTYPE_CDB;
		memcpy(ecdb->ecdb, cmd->cdb + ISCSI_CDB_SIZE, spill);
		ahs += mcs_ecdb_ahs_size(cmd->cdb_len);
	}
	if (cmd->read && cmd->write) {
		struct iscsi_rlength_ahdr *rlen = (struct iscsi_rlength_ahdr *)ahs;

		rlen->ahslength = cpu_to_be16(5);
		rlen->ahstype = ISCSI_AHSTYPE_RLENGTH;
		rlen->read_length = cpu_to_be32(cmd->bidi_read_len);
	}
	return len;
}

/**
 * mcs_pdu_build_data_out() - build a SCSI Data-Out header
 * @hdr: header to fill
 * @d: the burst's position: DataSN counts within the burst (per R2T, or
 *     for the unsolicited data), the offset within the whole transfer
 *
 * Return: 0, or -EINVAL for an empty or oversized segment or a reserved
 * ITT.
 */
int mcs_pdu_build_data_out(struct iscsi_hdr *hdr,
			   const struct mcs_pdu_data_out *d)
{
	struct iscsi_data *data = (struct iscsi_data *)hdr;

	if (!d->len || d->len > MCS_PDU_DLENGTH_MAX ||
	    mcs_tag_reserved(d->itt))
		return -EINVAL;

	memset(data, 0, sizeof(*data));
	data->opcode = ISCSI_OP_SCSI_DATA_OUT;
	if (d->final)
		data->flags = ISCSI_FLAG_CMD_FINAL;
	hton24(data->dlength, d->len);
	data->lun = d->lun;
	mcs_pdu_set_itt(hdr, d->itt);
	data->ttt = mcs_tag_be(d->ttt);
	data->datasn = cpu_to_be32(d->datasn);
	data->offset = cpu_to_be32(d->offset);
	return 0;
}

/**
 * mcs_pdu_build_nop_ping() - build a NOP-Out that asks for a NOP-In
 * @hdr: header to fill
 * @itt: the ping's task tag, echoed in the answer
 * @dlen: ping data the target reflects
 * @immediate: send outside the CmdSN window (and without taking a CmdSN)
 *
 * Return: 0, or -EINVAL for a reserved ITT or oversized data.
 */
int mcs_pdu_build_nop_ping(struct iscsi_hdr *hdr, u32 itt, u32 dlen,
			   bool immediate)
{
	struct iscsi_nopout *nop = (struct iscsi_nopout *)hdr;

	/* With the reserved ITT it would not be a ping but an answer. */
	if (mcs_tag_reserved(itt) || dlen > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;

	memset(nop, 0, sizeof(*nop));
	nop->opcode = mcs_pdu_opcode_byte(ISCSI_OP_NOOP_OUT, immediate);
	nop->flags = ISCSI_FLAG_CMD_FINAL;
	hton24(nop->dlength, dlen);
	mcs_pdu_set_itt(hdr, itt);
	nop->ttt = mcs_tag_be(ISCSI_RESERVED_TAG);
	return 0;
}

/**
 * mcs_pdu_build_nop_reply() - build the NOP-Out answering a target's ping
 * @hdr: header to fill
 * @nop_in: the NOP-In, already checked by mcs_pdu_check_bhs()
 * @dlen: data sent back, normally 0
 *
 * The answer carries the NOP-In's TTT and LUN, the reserved ITT, and is
 * immediate, as it must be with that ITT.
 *
 * Return: 0, or -EINVAL when @nop_in is not a NOP-In asking for an answer.
 */
int mcs_pdu_build_nop_reply(struct iscsi_hdr *hdr,
			    const struct iscsi_hdr *nop_in, u32 dlen)
{
	struct iscsi_nopout *nop = (struct iscsi_nopout *)hdr;
	const struct iscsi_nopin *in = (const struct iscsi_nopin *)nop_in;
	struct iscsi_nopin copy;

	if (mcs_pdu_opcode(nop_in) != ISCSI_OP_NOOP_IN ||
	    in->ttt == cpu_to_be32(ISCSI_RESERVED_TAG) ||
	    dlen > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;

	/* @hdr may be the very buffer the NOP-In arrived in. */
	copy = *in;
	memset(nop, 0, sizeof(*nop));
	nop->opcode = ISCSI_OP_NOOP_OUT | ISCSI_OP_IMMEDIATE;
	nop->flags = ISCSI_FLAG_CMD_FINAL;
	hton24(nop->dlength, dlen);
	nop->lun = copy.lun;
	nop->itt = RESERVED_ITT;
	nop->ttt = copy.ttt;
	return 0;
}

static bool mcs_tmf_has_lun(u8 function)
{
	switch (function) {
	case ISCSI_TM_FUNC_ABORT_TASK:
	case ISCSI_TM_FUNC_ABORT_TASK_SET:
	case ISCSI_TM_FUNC_CLEAR_ACA:
	case ISCSI_TM_FUNC_CLEAR_TASK_SET:
	case ISCSI_TM_FUNC_LOGICAL_UNIT_RESET:
		return true;
	default:
		return false;
	}
}

static bool mcs_tmf_has_rtt(u8 function)
{
	return function == ISCSI_TM_FUNC_ABORT_TASK ||
	       function == ISCSI_TM_FUNC_TASK_REASSIGN;
}

/**
 * mcs_pdu_build_tmf() - build a Task Management Function Request
 * @hdr: header to fill
 * @t: the function and what it refers to
 *
 * Fields the function does not use are sent reserved whatever @t holds:
 * the LUN for target resets and TASK REASSIGN, the RTT except for ABORT
 * TASK and TASK REASSIGN, RefCmdSN except for ABORT TASK (for a task that
 * was immediate it must equal this request's CmdSN, which the caller then
 * passes here), ExpDataSN except for TASK REASSIGN.
 *
 * Return: 0, or -EINVAL for an unknown function, a reserved ITT, a missing
 * RTT, or a TASK REASSIGN that is not immediate.
 */
int mcs_pdu_build_tmf(struct iscsi_hdr *hdr, const struct mcs_pdu_tmf *t)
{
	struct iscsi_tm *tm = (struct iscsi_tm *)hdr;
	u32 rtt = ISCSI_RESERVED_TAG;

	if (t->function < ISCSI_TM_FUNC_ABORT_TASK ||
	    t->function > ISCSI_TM_FUNC_TASK_REASSIGN)
		return -EINVAL;
	if (mcs_tag_reserved(t->itt))
		return -EINVAL;
	if (mcs_tmf_has_rtt(t->function)) {
		if (mcs_tag_reserved(t->rtt))
			return -EINVAL;
		rtt = t->rtt;
	}
	if (t->function == ISCSI_TM_FUNC_TASK_REASSIGN && !t->immediate)
		return -EINVAL;

	memset(tm, 0, sizeof(*tm));
	tm->opcode = mcs_pdu_opcode_byte(ISCSI_OP_SCSI_TMFUNC, t->immediate);
	tm->flags = ISCSI_FLAG_CMD_FINAL | t->function;
	if (mcs_tmf_has_lun(t->function))
		tm->lun = t->lun;
	mcs_pdu_set_itt(hdr, t->itt);
	tm->rtt = (__force itt_t)mcs_tag_be(rtt);
	if (t->function == ISCSI_TM_FUNC_ABORT_TASK)
		tm->refcmdsn = cpu_to_be32(t->refcmdsn);
	if (t->function == ISCSI_TM_FUNC_TASK_REASSIGN)
		tm->exp_datasn = cpu_to_be32(t->exp_datasn);
	return 0;
}

/**
 * mcs_pdu_build_login() - build a Login Request header
 * @hdr: header to fill
 * @l: stages, flags and the session/connection identifiers
 *
 * Login Requests are always immediate. NSG is only sent with the T bit;
 * the caller sets CmdSN (the session's current one) and ExpStatSN.
 *
 * Return: 0, or -EINVAL for an impossible stage transition, T and C both
 * set, a reserved ISID type, versions out of order, or a reserved ITT.
 */
int mcs_pdu_build_login(struct iscsi_hdr *hdr, const struct mcs_pdu_login *l)
{
	struct iscsi_login_req *login = (struct iscsi_login_req *)hdr;

	if (l->csg != ISCSI_SECURITY_NEGOTIATION_STAGE &&
	    l->csg != ISCSI_OP_PARMS_NEGOTIATION_STAGE)
		return -EINVAL;
	if (l->transit && l->cont)
		return -EINVAL;
	/* Stages only move forward, and never to the reserved stage 2. */
	if (l->transit && (l->nsg <= l->csg ||
			   l->nsg == MCS_LOGIN_STAGE_RESERVED ||
			   l->nsg > ISCSI_FULL_FEATURE_PHASE))
		return -EINVAL;
	if ((l->isid[0] & MCS_ISID_TYPE_RESERVED) == MCS_ISID_TYPE_RESERVED)
		return -EINVAL;
	if (l->version_min > l->version_max)
		return -EINVAL;
	if (mcs_tag_reserved(l->itt) || l->dlen > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;

	memset(login, 0, sizeof(*login));
	login->opcode = ISCSI_OP_LOGIN | ISCSI_OP_IMMEDIATE;
	login->flags = l->csg << 2;
	if (l->transit)
		login->flags |= ISCSI_FLAG_LOGIN_TRANSIT | l->nsg;
	if (l->cont)
		login->flags |= ISCSI_FLAG_LOGIN_CONTINUE;
	login->max_version = l->version_max;
	login->min_version = l->version_min;
	hton24(login->dlength, l->dlen);
	memcpy(login->isid, l->isid, sizeof(login->isid));
	login->tsih = cpu_to_be16(l->tsih);
	mcs_pdu_set_itt(hdr, l->itt);
	login->cid = cpu_to_be16(l->cid);
	return 0;
}

/**
 * mcs_pdu_build_text() - build a Text Request header
 * @hdr: header to fill
 * @t: the request; ttt is the reserved tag to start an exchange and the
 *     last Text Response's TTT to continue it
 *
 * Return: 0, or -EINVAL with both F and C set, a reserved ITT or
 * oversized data.
 */
int mcs_pdu_build_text(struct iscsi_hdr *hdr, const struct mcs_pdu_text *t)
{
	struct iscsi_text *text = (struct iscsi_text *)hdr;

	if ((t->final && t->cont) || mcs_tag_reserved(t->itt) ||
	    t->dlen > MCS_PDU_DLENGTH_MAX)
		return -EINVAL;

	memset(text, 0, sizeof(*text));
	text->opcode = mcs_pdu_opcode_byte(ISCSI_OP_TEXT, t->immediate);
	if (t->final)
		text->flags |= ISCSI_FLAG_CMD_FINAL;
	if (t->cont)
		text->flags |= ISCSI_FLAG_TEXT_CONTINUE;
	hton24(text->dlength, t->dlen);
	mcs_pdu_set_itt(hdr, t->itt);
	text->ttt = mcs_tag_be(t->ttt);
	return 0;
}

/**
 * mcs_pdu_build_logout() - build a Logout Request header
 * @hdr: header to fill
 * @itt: the logout's task tag
 * @reason: ISCSI_LOGOUT_REASON_CLOSE_SESSION, _CLOSE_CONNECTION or
 *          _RECOVERY
 * @cid: the connection to close or remove; not sent when closing the
 *       session
 * @immediate: send outside the CmdSN window
 *
 * Return: 0, or -EINVAL for another reason code or a reserved ITT.
 */
int mcs_pdu_build_logout(struct iscsi_hdr *hdr, u32 itt, u8 reason, u16 cid,
			 bool immediate)
{
	struct iscsi_logout *logout = (struct iscsi_logout *)hdr;

	if (reason > ISCSI_LOGOUT_REASON_RECOVERY || mcs_tag_reserved(itt))
		return -EINVAL;

	memset(logout, 0, sizeof(*logout));
	logout->opcode = mcs_pdu_opcode_byte(ISCSI_OP_LOGOUT, immediate);
	logout->flags = ISCSI_FLAG_CMD_FINAL | reason;
	mcs_pdu_set_itt(hdr, itt);
	if (reason != ISCSI_LOGOUT_REASON_CLOSE_SESSION)
		logout->cid = cpu_to_be16(cid);
	return 0;
}

/**
 * mcs_pdu_build_snack() - build a SNACK Request header (ErrorRecoveryLevel
 * above 0)
 * @hdr: header to fill
 * @s: the SNACK
 *
 * By type: Data/R2T names the task and the run of DataSN/R2TSN to resend;
 * Status names the run of StatSN (ITT reserved); DataACK names the
 * Data-In that had the A bit by its TTT and LUN, BegRun being the next
 * DataSN expected (ITT reserved, RunLength 0); R-Data names the task and
 * carries a SNACK Tag in the TTT field (BegRun and RunLength 0). Fields a
 * type reserves are sent reserved whatever @s holds.
 *
 * Return: 0, or -EINVAL for an unknown type or a field the type requires
 * missing or out of range.
 */
int mcs_pdu_build_snack(struct iscsi_hdr *hdr, const struct mcs_pdu_snack *s)
{
	struct iscsi_snack *snack = (struct iscsi_snack *)hdr;
	u32 itt = ISCSI_RESERVED_TAG;
	u32 ttt = ISCSI_RESERVED_TAG;

	switch (s->type) {
	case ISCSI_FLAG_SNACK_TYPE_DATA:
		if (mcs_tag_reserved(s->itt))
			return -EINVAL;
		itt = s->itt;
		break;
	case ISCSI_FLAG_SNACK_TYPE_STATUS:
		break;
	case ISCSI_FLAG_SNACK_TYPE_DATA_ACK:
		if (mcs_tag_reserved(s->ttt) || s->runlength)
			return -EINVAL;
		ttt = s->ttt;
		break;
	case ISCSI_FLAG_SNACK_TYPE_RDATA:
		/* The SNACK Tag comes back in the final SCSI Response. */
		if (mcs_tag_reserved(s->itt) || !s->ttt ||
		    mcs_tag_reserved(s->ttt) || s->begrun || s->runlength)
			return -EINVAL;
		itt = s->itt;
		ttt = s->ttt;
		break;
	default:
		return -EINVAL;
	}

	memset(snack, 0, sizeof(*snack));
	snack->opcode = ISCSI_OP_SNACK;
	snack->flags = ISCSI_FLAG_CMD_FINAL | s->type;
	if (s->type == ISCSI_FLAG_SNACK_TYPE_DATA_ACK)
		memcpy(snack->lun, &s->lun, sizeof(snack->lun));
	mcs_pdu_set_itt(hdr, itt);
	snack->ttt = mcs_tag_be(ttt);
	snack->begrun = cpu_to_be32(s->begrun);
	snack->runlength = cpu_to_be32(s->runlength);
	return 0;
}

/* Target PDUs */

static int mcs_rx_bad(const char **why, const char *reason)
{
	if (why)
		*why = reason;
	return -EPROTO;
}

/* Opcodes whose ITT names a task of ours and so cannot be the reserved one. */
static bool mcs_rx_needs_itt(u8 opcode)
{
	switch (opcode) {
	case ISCSI_OP_SCSI_CMD_RSP:
	case ISCSI_OP_SCSI_TMFUNC_RSP:
	case ISCSI_OP_LOGIN_RSP:
	case ISCSI_OP_TEXT_RSP:
	case ISCSI_OP_SCSI_DATA_IN:
	case ISCSI_OP_LOGOUT_RSP:
	case ISCSI_OP_R2T:
		return true;
	default:
		return false;
	}
}

static int mcs_rx_check_scsi_rsp(const struct iscsi_hdr *hdr,
				 const char **why)
{
	const struct iscsi_scsi_rsp *rsp = (const struct iscsi_scsi_rsp *)hdr;
	u8 both = ISCSI_FLAG_CMD_OVERFLOW | ISCSI_FLAG_CMD_UNDERFLOW;
	u8 bidi = ISCSI_FLAG_CMD_BIDI_OVERFLOW | ISCSI_FLAG_CMD_BIDI_UNDERFLOW;

	/* 0x00 completed, 0x01 target failure, 0x80.. vendor specific. */
	if (rsp->response > ISCSI_STATUS_TARGET_FAILURE &&
	    rsp->response < 0x80)
		return mcs_rx_bad(why, "SCSI Response code is reserved");
	if ((rsp->flags & both) == both)
		return mcs_rx_bad(why,
				  "SCSI Response with both overflow and underflow");
	if ((rsp->flags & bidi) == bidi)
		return mcs_rx_bad(why,
				  "SCSI Response with both bidi overflow and underflow");
	if (mcs_pdu_dlength(hdr) == 1)
		return mcs_rx_bad(why,
				  "SCSI Response data segment too short for SenseLength");
	return 0;
}

static int mcs_rx_check_tmf_rsp(const struct iscsi_hdr *hdr,
				const char **why)
{
	const struct iscsi_tm_rsp *rsp = (const struct iscsi_tm_rsp *)hdr;

	if (rsp->response > ISCSI_TMF_RSP_AUTH_FAILED &&
	    rsp->response != ISCSI_TMF_RSP_REJECTED)
		return mcs_rx_bad(why,
				  "Task Management Response code is reserved");
	if (mcs_pdu_dlength(hdr))
		return mcs_rx_bad(why,
				  "Task Management Response with a data segment");
	return 0;
}

static int mcs_rx_check_login_rsp(const struct iscsi_hdr *hdr,
				  const char **why)
{
	const struct iscsi_login_rsp *rsp = (const struct iscsi_login_rsp *)hdr;
	u8 csg = ISCSI_LOGIN_CURRENT_STAGE(rsp->flags);
	u8 nsg = ISCSI_LOGIN_NEXT_STAGE(rsp->flags);

	if (rsp->status_class > ISCSI_STATUS_CLS_TARGET_ERR)
		return mcs_rx_bad(why, "Login Response status class is reserved");
	/* A failed login ends here: its stage fields carry no meaning. */
	if (rsp->status_class != ISCSI_STATUS_CLS_SUCCESS)
		return 0;
	if ((rsp->flags & ISCSI_FLAG_LOGIN_TRANSIT) &&
	    (rsp->flags & ISCSI_FLAG_LOGIN_CONTINUE))
		return mcs_rx_bad(why, "Login Response with both T and C bits");
	if (csg == MCS_LOGIN_STAGE_RESERVED || csg == ISCSI_FULL_FEATURE_PHASE)
		return mcs_rx_bad(why,
				  "Login Response CSG is reserved or full feature");
	if ((rsp->flags & ISCSI_FLAG_LOGIN_TRANSIT) &&
	    (nsg <= csg || nsg == MCS_LOGIN_STAGE_RESERVED))
		return mcs_rx_bad(why,
				  "Login Response NSG goes backwards or is reserved");
	return 0;
}

static int mcs_rx_check_text_rsp(const struct iscsi_hdr *hdr,
				 const char **why)
{
	bool final = hdr->flags & ISCSI_FLAG_CMD_FINAL;

	if (final && (hdr->flags & ISCSI_FLAG_TEXT_CONTINUE))
		return mcs_rx_bad(why, "Text Response with both F and C bits");
	/* Without F the exchange goes on, by way of the TTT. */
	if (!final && hdr->ttt == cpu_to_be32(ISCSI_RESERVED_TAG))
		return mcs_rx_bad(why,
				  "Text Response without F bit has the reserved TTT");
	return 0;
}

static int mcs_rx_check_data_in(const struct iscsi_hdr *hdr,
				const struct mcs_pdu_limits *lim,
				const char **why)
{
	u8 both = ISCSI_FLAG_DATA_OVERFLOW | ISCSI_FLAG_DATA_UNDERFLOW;
	u8 flags = hdr->flags;

	if (flags & ISCSI_FLAG_DATA_STATUS) {
		if (!(flags & ISCSI_FLAG_CMD_FINAL))
			return mcs_rx_bad(why, "Data-In with S bit but no F bit");
		if ((flags & both) == both)
			return mcs_rx_bad(why,
					  "Data-In with both overflow and underflow");
	}
	/*
	 * The DataACK answering the A bit must quote the TTT. At
	 * ErrorRecoveryLevel 0 there is no DataACK and the bit is ignored.
	 */
	if ((flags & ISCSI_FLAG_DATA_ACK) && lim->erl &&
	    hdr->ttt == cpu_to_be32(ISCSI_RESERVED_TAG))
		return mcs_rx_bad(why,
				  "Data-In asks for a DataACK with the reserved TTT");
	return 0;
}

static int mcs_rx_check_r2t(const struct iscsi_hdr *hdr, const char **why)
{
	const struct iscsi_r2t_rsp *r2t = (const struct iscsi_r2t_rsp *)hdr;

	if (mcs_pdu_dlength(hdr))
		return mcs_rx_bad(why, "R2T with a data segment");
	if (r2t->ttt == cpu_to_be32(ISCSI_RESERVED_TAG))
		return mcs_rx_bad(why, "R2T with the reserved TTT");
	if (!r2t->data_length)
		return mcs_rx_bad(why, "R2T desired length 0");
	return 0;
}

static int mcs_rx_check_logout_rsp(const struct iscsi_hdr *hdr,
				   const char **why)
{
	const struct iscsi_logout_rsp *rsp =
		(const struct iscsi_logout_rsp *)hdr;

	if (rsp->response > ISCSI_LOGOUT_CLEANUP_FAILED)
		return mcs_rx_bad(why, "Logout Response code is reserved");
	if (mcs_pdu_dlength(hdr))
		return mcs_rx_bad(why, "Logout Response with a data segment");
	return 0;
}

static int mcs_rx_check_async(const struct iscsi_hdr *hdr, const char **why)
{
	const struct iscsi_async *async = (const struct iscsi_async *)hdr;
	u32 dlen = mcs_pdu_dlength(hdr);

	if (hdr->itt != RESERVED_ITT)
		return mcs_rx_bad(why, "Async Message without the reserved ITT");
	if (async->async_event > ISCSI_ASYNC_MSG_PARAM_NEGOTIATION &&
	    async->async_event != ISCSI_ASYNC_MSG_VENDOR_SPECIFIC)
		return mcs_rx_bad(why, "Async Message event is reserved");
	/* A SCSI event is reported in sense data, after its SenseLength. */
	if (async->async_event == ISCSI_ASYNC_MSG_SCSI_EVENT && dlen < 2)
		return mcs_rx_bad(why, "SCSI Async Event without sense data");
	if (dlen == 1)
		return mcs_rx_bad(why,
				  "Async Message data segment too short for SenseLength");
	return 0;
}

/* Reject reasons RFC 7143 assigns: 0x01 to 0x0c. */
#define MCS_REJECT_REASON_MAX	0x0c

static int mcs_rx_check_reject(const struct iscsi_hdr *hdr, const char **why)
{
	const struct iscsi_reject *rej = (const struct iscsi_reject *)hdr;

	if (rej->ffffffff != cpu_to_be32(ISCSI_RESERVED_TAG))
		return mcs_rx_bad(why, "Reject without the reserved ITT");
	if (!rej->reason || rej->reason > MCS_REJECT_REASON_MAX)
		return mcs_rx_bad(why, "Reject reason is reserved");
	/* The data segment is the rejected PDU's header, which names it. */
	if (mcs_pdu_dlength(hdr) < ISCSI_HDR_LEN)
		return mcs_rx_bad(why, "Reject without the rejected header");
	return 0;
}

static int mcs_rx_check_nop_in(const struct iscsi_hdr *hdr, const char **why)
{
	if (hdr->itt != RESERVED_ITT &&
	    hdr->ttt != cpu_to_be32(ISCSI_RESERVED_TAG))
		return mcs_rx_bad(why,
				  "NOP-In both answers a ping and asks for one");
	return 0;
}

/**
 * mcs_pdu_check_bhs() - check a received Basic Header Segment
 * @hdr: the 48 bytes as received (the header digest already verified)
 * @lim: what the connection negotiated, and whether it is still logging in
 * @why: set to a static reason on failure; may be NULL
 *
 * Everything that can be judged from the BHS alone: the opcode is one a
 * target sends and fits the phase, the data segment fits our
 * MaxRecvDataSegmentLength, task tags are reserved or not as the opcode
 * requires, codes are not reserved values, and flag combinations and
 * lengths are possible. Checks against a task (its length, MaxBurstLength)
 * are mcs_pdu_check_data_in(), mcs_pdu_check_r2t() and
 * mcs_pdu_check_scsi_rsp(), once the ITT is looked up.
 *
 * Return: 0, or -EPROTO with *@why set.
 */
int mcs_pdu_check_bhs(const struct iscsi_hdr *hdr,
		      const struct mcs_pdu_limits *lim, const char **why)
{
	u8 opcode = mcs_pdu_opcode(hdr);

	switch (opcode) {
	case ISCSI_OP_NOOP_IN:
	case ISCSI_OP_SCSI_CMD_RSP:
	case ISCSI_OP_SCSI_TMFUNC_RSP:
	case ISCSI_OP_LOGIN_RSP:
	case ISCSI_OP_TEXT_RSP:
	case ISCSI_OP_SCSI_DATA_IN:
	case ISCSI_OP_LOGOUT_RSP:
	case ISCSI_OP_R2T:
	case ISCSI_OP_ASYNC_EVENT:
	case ISCSI_OP_REJECT:
		break;
	default:
		return mcs_rx_bad(why, "unknown opcode");
	}
	if (lim->login && opcode != ISCSI_OP_LOGIN_RSP)
		return mcs_rx_bad(why, "PDU other than Login Response during login");
	if (!lim->login && opcode == ISCSI_OP_LOGIN_RSP)
		return mcs_rx_bad(why, "Login Response in full feature phase");
	if (mcs_pdu_dlength(hdr) > lim->max_recv_dlength)
		return mcs_rx_bad(why,
				  "DataSegmentLength exceeds MaxRecvDataSegmentLength");
	if (mcs_rx_needs_itt(opcode) && hdr->itt == RESERVED_ITT)
		return mcs_rx_bad(why, "task response with the reserved ITT");

	switch (opcode) {
	case ISCSI_OP_NOOP_IN:
		return mcs_rx_check_nop_in(hdr, why);
	case ISCSI_OP_SCSI_CMD_RSP:
		return mcs_rx_check_scsi_rsp(hdr, why);
	case ISCSI_OP_SCSI_TMFUNC_RSP:
		return mcs_rx_check_tmf_rsp(hdr, why);
	case ISCSI_OP_LOGIN_RSP:
		return mcs_rx_check_login_rsp(hdr, why);
	case ISCSI_OP_TEXT_RSP:
		return mcs_rx_check_text_rsp(hdr, why);
	case ISCSI_OP_SCSI_DATA_IN:
		return mcs_rx_check_data_in(hdr, lim, why);
	case ISCSI_OP_LOGOUT_RSP:
		return mcs_rx_check_logout_rsp(hdr, why);
	case ISCSI_OP_R2T:
		return mcs_rx_check_r2t(hdr, why);
	case ISCSI_OP_ASYNC_EVENT:
		return mcs_rx_check_async(hdr, why);
	default:
		return mcs_rx_check_reject(hdr, why);
	}
}

/**
 * mcs_pdu_check_ahs() - check the AHSs of a received PDU
 * @hdr: its BHS
 * @ahs: the TotalAHSLength * 4 bytes that followed the BHS
 * @why: set to a static reason on failure; may be NULL
 *
 * The AHSs must tile the area exactly, each padded to 4 bytes. RFC 7143
 * defines AHSs for SCSI Commands only, so those two types, and type 0,
 * are errors in a target PDU; other types are skipped.
 *
 * Return: 0, or -EPROTO with *@why set.
 */
int mcs_pdu_check_ahs(const struct iscsi_hdr *hdr, const void *ahs,
		      const char **why)
{
	u32 left = mcs_pdu_ahs_len(hdr);
	const u8 *p = ahs;

	while (left) {
		u32 need;
		u8 code;

		if (left < offsetof(struct iscsi_ahs_hdr, ahspec))
			return mcs_rx_bad(why, "AHS past the end");
		/* AHSLength leaves out its own two bytes and AHSType. */
		need = ALIGN(3 + get_unaligned_be16(p), ISCSI_PAD_LEN);
		if (need > left)
			return mcs_rx_bad(why, "AHS past the end");
		code = p[2] & MCS_AHS_CODE_MASK;
		if (code == ISCSI_AHSTYPE_CDB || code == ISCSI_AHSTYPE_RLENGTH)
			return mcs_rx_bad(why, "AHS type only valid in a SCSI Command");
		if (!code)
			return mcs_rx_bad(why, "AHS type is reserved");
		p += need;
		left -= need;
	}
	return 0;
}

/**
 * mcs_pdu_check_rx() - check a received header: BHS, then its AHSs
 * @hdr: the BHS
 * @ahs: the AHS bytes that followed it; may be NULL when TotalAHSLength is 0
 * @lim: what the connection negotiated
 * @why: set to a static reason on failure; may be NULL
 *
 * Return: 0, or -EPROTO with *@why set.
 */
int mcs_pdu_check_rx(const struct iscsi_hdr *hdr, const void *ahs,
		     const struct mcs_pdu_limits *lim, const char **why)
{
	int ret = mcs_pdu_check_bhs(hdr, lim, why);

	if (ret || !hdr->hlength)
		return ret;
	if (!ahs)
		return mcs_rx_bad(why, "AHS past the end");
	return mcs_pdu_check_ahs(hdr, ahs, why);
}

static enum mcs_pdu_statsn mcs_rx_statsn_use(const struct iscsi_hdr *hdr)
{
	switch (mcs_pdu_opcode(hdr)) {
	case ISCSI_OP_NOOP_IN:
		/* A NOP-In not answering a ping does not advance StatSN. */
		return hdr->itt == RESERVED_ITT ? MCS_STATSN_PEEK :
						  MCS_STATSN_TAKE;
	case ISCSI_OP_R2T:
		return MCS_STATSN_PEEK;
	case ISCSI_OP_SCSI_DATA_IN:
		return (hdr->flags & ISCSI_FLAG_DATA_STATUS) ? MCS_STATSN_TAKE :
							       MCS_STATSN_NONE;
	default:
		return MCS_STATSN_TAKE;
	}
}

static void mcs_rx_parse_scsi_rsp(const struct iscsi_hdr *hdr,
				  struct mcs_pdu_rx *rx)
{
	const struct iscsi_scsi_rsp *rsp = (const struct iscsi_scsi_rsp *)hdr;

	rx->rsp.response = rsp->response;
	rx->rsp.status = rsp->cmd_status;
	rx->rsp.bidi_overflow = rsp->flags & ISCSI_FLAG_CMD_BIDI_OVERFLOW;
	rx->rsp.bidi_underflow = rsp->flags & ISCSI_FLAG_CMD_BIDI_UNDERFLOW;
	rx->rsp.overflow = rsp->flags & ISCSI_FLAG_CMD_OVERFLOW;
	rx->rsp.underflow = rsp->flags & ISCSI_FLAG_CMD_UNDERFLOW;
	rx->rsp.snack_tag = be32_to_cpu(rsp->rsvd1);
	rx->rsp.exp_datasn = be32_to_cpu(rsp->exp_datasn);
	rx->rsp.bidi_residual = be32_to_cpu(rsp->bi_residual_count);
	rx->rsp.residual = be32_to_cpu(rsp->residual_count);
}

static void mcs_rx_parse_login_rsp(const struct iscsi_hdr *hdr,
				   struct mcs_pdu_rx *rx)
{
	const struct iscsi_login_rsp *rsp = (const struct iscsi_login_rsp *)hdr;

	memcpy(rx->login.isid, rsp->isid, sizeof(rx->login.isid));
	rx->login.tsih = be16_to_cpu(rsp->tsih);
	rx->login.csg = ISCSI_LOGIN_CURRENT_STAGE(rsp->flags);
	rx->login.nsg = ISCSI_LOGIN_NEXT_STAGE(rsp->flags);
	rx->login.transit = rsp->flags & ISCSI_FLAG_LOGIN_TRANSIT;
	rx->login.cont = rsp->flags & ISCSI_FLAG_LOGIN_CONTINUE;
	rx->login.version_max = rsp->max_version;
	rx->login.version_active = rsp->active_version;
	rx->login.status_class = rsp->status_class;
	rx->login.status_detail = rsp->status_detail;
}

static void mcs_rx_parse_data_in(const struct iscsi_hdr *hdr,
				 struct mcs_pdu_rx *rx)
{
	const struct iscsi_data_rsp *d = (const struct iscsi_data_rsp *)hdr;

	rx->data_in.ack = d->flags & ISCSI_FLAG_DATA_ACK;
	rx->data_in.status_valid = d->flags & ISCSI_FLAG_DATA_STATUS;
	rx->data_in.overflow = d->flags & ISCSI_FLAG_DATA_OVERFLOW;
	rx->data_in.underflow = d->flags & ISCSI_FLAG_DATA_UNDERFLOW;
	rx->data_in.status = d->cmd_status;
	rx->data_in.datasn = be32_to_cpu(d->datasn);
	rx->data_in.offset = be32_to_cpu(d->offset);
	rx->data_in.residual = be32_to_cpu(d->residual_count);
}

static void mcs_rx_parse_async(const struct iscsi_hdr *hdr,
			       struct mcs_pdu_rx *rx)
{
	const struct iscsi_async *async = (const struct iscsi_async *)hdr;

	rx->async.event = async->async_event;
	rx->async.vcode = async->async_vcode;
	rx->async.param[0] = be16_to_cpu(async->param1);
	rx->async.param[1] = be16_to_cpu(async->param2);
	rx->async.param[2] = be16_to_cpu(async->param3);
}

/* Opcodes with a Target Transfer Tag at bytes 20..23. */
static bool mcs_rx_has_ttt(u8 opcode)
{
	return opcode == ISCSI_OP_NOOP_IN || opcode == ISCSI_OP_TEXT_RSP ||
	       opcode == ISCSI_OP_SCSI_DATA_IN || opcode == ISCSI_OP_R2T;
}

/**
 * mcs_pdu_parse() - decode a received BHS into CPU-order fields
 * @hdr: a header mcs_pdu_check_bhs() accepted
 * @rx: the result; the union member is the one for rx->opcode
 *
 * Fields an opcode does not have read as 0, its TTT as ISCSI_RESERVED_TAG.
 */
void mcs_pdu_parse(const struct iscsi_hdr *hdr, struct mcs_pdu_rx *rx)
{
	const struct iscsi_nopin *common = (const struct iscsi_nopin *)hdr;
	u8 opcode = mcs_pdu_opcode(hdr);

	memset(rx, 0, sizeof(*rx));
	rx->opcode = opcode;
	rx->flags = hdr->flags;
	rx->final = hdr->flags & ISCSI_FLAG_CMD_FINAL;
	rx->ahs_len = mcs_pdu_ahs_len(hdr);
	rx->dlength = mcs_pdu_dlength(hdr);
	rx->lun = hdr->lun;
	rx->itt = mcs_pdu_itt(hdr);
	rx->ttt = mcs_rx_has_ttt(opcode) ? be32_to_cpu(hdr->ttt) :
					   ISCSI_RESERVED_TAG;
	/* Every target PDU has these three at the same place as NOP-In. */
	rx->statsn_use = mcs_rx_statsn_use(hdr);
	rx->statsn = be32_to_cpu(common->statsn);
	rx->exp_cmdsn = be32_to_cpu(common->exp_cmdsn);
	rx->max_cmdsn = be32_to_cpu(common->max_cmdsn);

	switch (opcode) {
	case ISCSI_OP_SCSI_CMD_RSP:
		mcs_rx_parse_scsi_rsp(hdr, rx);
		break;
	case ISCSI_OP_SCSI_TMFUNC_RSP:
		rx->tmf.response = ((const struct iscsi_tm_rsp *)hdr)->response;
		break;
	case ISCSI_OP_LOGIN_RSP:
		mcs_rx_parse_login_rsp(hdr, rx);
		break;
	case ISCSI_OP_TEXT_RSP:
		rx->text.cont = hdr->flags & ISCSI_FLAG_TEXT_CONTINUE;
		break;
	case ISCSI_OP_SCSI_DATA_IN:
		mcs_rx_parse_data_in(hdr, rx);
		break;
	case ISCSI_OP_LOGOUT_RSP: {
		const struct iscsi_logout_rsp *rsp =
			(const struct iscsi_logout_rsp *)hdr;

		rx->logout.response = rsp->response;
		rx->logout.time2wait = be16_to_cpu(rsp->t2wait);
		rx->logout.time2retain = be16_to_cpu(rsp->t2retain);
		break;
	}
	case ISCSI_OP_R2T: {
		const struct iscsi_r2t_rsp *r2t =
			(const struct iscsi_r2t_rsp *)hdr;

		rx->r2t.r2tsn = be32_to_cpu(r2t->r2tsn);
		rx->r2t.offset = be32_to_cpu(r2t->data_offset);
		rx->r2t.length = be32_to_cpu(r2t->data_length);
		break;
	}
	case ISCSI_OP_ASYNC_EVENT:
		mcs_rx_parse_async(hdr, rx);
		break;
	case ISCSI_OP_REJECT: {
		const struct iscsi_reject *rej = (const struct iscsi_reject *)hdr;

		rx->reject.reason = rej->reason;
		rx->reject.datasn = be32_to_cpu(rej->datasn);
		break;
	}
	default:
		break;
	}
}

/**
 * mcs_pdu_check_data_in() - check a Data-In against its task
 * @hdr: a Data-In mcs_pdu_check_bhs() accepted
 * @task_len: the bytes the task reads (the bidirectional read length for a
 *            bidirectional command)
 * @why: set to a static reason on failure; may be NULL
 *
 * Return: 0, or -EPROTO when the data would land past the task's buffer.
 */
int mcs_pdu_check_data_in(const struct iscsi_hdr *hdr, u32 task_len,
			  const char **why)
{
	const struct iscsi_data_rsp *d = (const struct iscsi_data_rsp *)hdr;
	u64 end = (u64)be32_to_cpu(d->offset) + mcs_pdu_dlength(hdr);

	if (end > task_len)
		return mcs_rx_bad(why, "Data-In past the end of the task buffer");
	return 0;
}

/**
 * mcs_pdu_check_r2t() - check an R2T against its task
 * @hdr: an R2T mcs_pdu_check_bhs() accepted
 * @task_len: the bytes the task writes (its Expected Data Transfer Length)
 * @max_burst: the session's MaxBurstLength
 * @why: set to a static reason on failure; may be NULL
 *
 * Return: 0, or -EPROTO when the R2T asks for data past the transfer or
 * for a burst longer than negotiated.
 */
int mcs_pdu_check_r2t(const struct iscsi_hdr *hdr, u32 task_len,
		      u32 max_burst, const char **why)
{
	const struct iscsi_r2t_rsp *r2t = (const struct iscsi_r2t_rsp *)hdr;
	u32 len = be32_to_cpu(r2t->data_length);
	u64 end = (u64)be32_to_cpu(r2t->data_offset) + len;

	if (end > task_len)
		return mcs_rx_bad(why, "R2T past the end of the transfer");
	if (len > max_burst)
		return mcs_rx_bad(why, "R2T desired length exceeds MaxBurstLength");
	return 0;
}

/**
 * mcs_pdu_check_scsi_rsp() - check a SCSI Response against its task
 * @hdr: a SCSI Response mcs_pdu_check_bhs() accepted
 * @edtl: the command's Expected Data Transfer Length
 * @bidi_read_len: its bidirectional read length, 0 if not bidirectional
 * @why: set to a static reason on failure; may be NULL
 *
 * An underflow cannot leave more untransferred than was expected; the
 * midlayer would compute a negative transfer from such a residual.
 *
 * Return: 0, or -EPROTO with *@why set.
 */
int mcs_pdu_check_scsi_rsp(const struct iscsi_hdr *hdr, u32 edtl,
			   u32 bidi_read_len, const char **why)
{
	const struct iscsi_scsi_rsp *rsp = (const struct iscsi_scsi_rsp *)hdr;

	if ((rsp->flags & ISCSI_FLAG_CMD_UNDERFLOW) &&
	    be32_to_cpu(rsp->residual_count) > edtl)
		return mcs_rx_bad(why,
				  "underflow residual exceeds the expected length");
	if ((rsp->flags & ISCSI_FLAG_CMD_BIDI_UNDERFLOW) &&
	    be32_to_cpu(rsp->bi_residual_count) > bidi_read_len)
		return mcs_rx_bad(why,
				  "bidi underflow residual exceeds the read length");
	return 0;
}

/**
 * mcs_pdu_sense() - find the sense data in a SCSI Response or Async
 * Message data segment
 * @data: the data segment
 * @dlen: its DataSegmentLength
 * @sense: set to the sense bytes, NULL when there are none
 * @sense_len: set to their count
 * @why: set to a static reason on failure; may be NULL
 *
 * The segment is a two-byte SenseLength, the sense data, and possibly
 * response data after it.
 *
 * Return: 0, or -EPROTO when SenseLength does not fit the segment.
 */
int mcs_pdu_sense(const void *data, u32 dlen, const u8 **sense,
		  u16 *sense_len, const char **why)
{
	u16 len;

	*sense = NULL;
	*sense_len = 0;
	if (!dlen)
		return 0;
	if (dlen < 2)
		return mcs_rx_bad(why, "data segment too short for SenseLength");
	len = get_unaligned_be16(data);
	if (len > dlen - 2)
		return mcs_rx_bad(why, "SenseLength past the data segment");
	if (len) {
		*sense = (const u8 *)data + 2;
		*sense_len = len;
	}
	return 0;
}

/**
 * mcs_pdu_summary() - one line naming a PDU, for logging next to a reason
 * @hdr: any BHS
 * @buf: where the text goes
 * @size: bytes at @buf
 *
 * Return: as scnprintf().
 */
int mcs_pdu_summary(const struct iscsi_hdr *hdr, char *buf, size_t size)
{
	return scnprintf(buf, size,
			 "opcode 0x%02x flags 0x%02x itt 0x%08x ttt 0x%08x sn %u ahs %u dlength %u",
			 hdr->opcode, hdr->flags, mcs_pdu_itt(hdr),
			 be32_to_cpu(hdr->ttt), be32_to_cpu(hdr->statsn),
			 mcs_pdu_ahs_len(hdr), mcs_pdu_dlength(hdr));
}

/* Digests */

/**
 * mcs_crc32c_pad() - add a data segment's padding to a digest
 * @crc: the register after the data
 * @dlen: the data segment's length
 *
 * Return: the register after the zero padding bytes that follow @dlen
 * bytes of data; the data digest covers them.
 */
u32 mcs_crc32c_pad(u32 crc, u32 dlen)
{
	static const u8 zeros[ISCSI_PAD_LEN];

	return mcs_crc32c(crc, zeros, mcs_pdu_pad(dlen));
}

/**
 * mcs_crc32c_sg() - digest part of a scatterlist, page by page
 * @crc: the register so far, updated
 * @sg: the list, e.g. a command's data buffer
 * @skip: bytes to skip first (the PDU's buffer offset)
 * @len: bytes to digest
 *
 * Pages are mapped one at a time so that highmem and entries spanning
 * several pages work alike.
 *
 * Return: 0, or -EINVAL when the list holds fewer than @skip + @len bytes
 * (the register then covers what there was).
 */
int mcs_crc32c_sg(u32 *crc, struct scatterlist *sg, unsigned int skip,
		  unsigned int len)
{
	for (; sg && len; sg = sg_next(sg)) {
		unsigned int off, n;

		if (skip >= sg->length) {
			skip -= sg->length;
			continue;
		}
		off = sg->offset + skip;
		n = min(len, sg->length - skip);
		skip = 0;
		len -= n;
		while (n) {
			struct page *page = nth_page(sg_page(sg), off >> PAGE_SHIFT);
			unsigned int poff = offset_in_page(off);
			unsigned int chunk = min_t(unsigned int, n,
						   PAGE_SIZE - poff);
			void *p = kmap_local_page(page);

			*crc = mcs_crc32c(*crc, p + poff, chunk);
			kunmap_local(p);
			off += chunk;
			n -= chunk;
		}
	}
	return len ? -EINVAL : 0;
}

/**
 * mcs_crc32c_bvec() - digest the bytes a bvec iterator covers
 * @crc: the register so far
 * @bv: the bio_vec array
 * @iter: where to start (bi_idx, bi_bvec_done) and how much (bi_size)
 *
 * Return: the updated register.
 */
u32 mcs_crc32c_bvec(u32 crc, const struct bio_vec *bv, struct bvec_iter iter)
{
	struct bvec_iter it;
	struct bio_vec b;

	/* for_each_bvec() yields single-page segments. */
	for_each_bvec(b, bv, it, iter) {
		void *p = kmap_local_page(b.bv_page);

		crc = mcs_crc32c(crc, p + b.bv_offset, b.bv_len);
		kunmap_local(p);
	}
	return crc;
}

/**
 * mcs_pdu_hdr_digest() - the header digest of a BHS and its AHSs
 * @hdr: the header
 * @len: ISCSI_HDR_LEN plus TotalAHSLength * 4
 *
 * Return: the digest as it goes on the wire.
 */
__le32 mcs_pdu_hdr_digest(const void *hdr, unsigned int len)
{
	return mcs_crc32c_final(mcs_crc32c(MCS_CRC32C_SEED, hdr, len));
}

/**
 * mcs_pdu_data_digest() - the data digest of a linear data segment
 * @data: the data, without padding
 * @dlen: its length
 *
 * Return: the digest over the data and its padding, as it goes on the wire.
 */
__le32 mcs_pdu_data_digest(const void *data, u32 dlen)
{
	u32 crc = mcs_crc32c(MCS_CRC32C_SEED, data, dlen);

	return mcs_crc32c_final(mcs_crc32c_pad(crc, dlen));
}
