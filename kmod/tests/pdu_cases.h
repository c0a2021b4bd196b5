/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Target PDUs for the KUnit suites: a valid one of each opcode, and the
 * table of malformed ones, each breaking one field. iscsi_mcs_pdu checks
 * them against the PDU layer alone, iscsi_mcs_conn_rx through a
 * connection's receive path over a socket.
 */
#ifndef MCS_TESTS_PDU_CASES_H
#define MCS_TESTS_PDU_CASES_H

#include <scsi/iscsi_proto.h>

#include "../pdu.h"

#define MCS_T_ITT	0x00001234u
#define MCS_T_TTT	0x0000abcdu

static inline void mcs_t_rx(struct iscsi_hdr *hdr, u8 opcode)
{
	memset(hdr, 0, sizeof(*hdr));
	hdr->opcode = opcode;
	hdr->flags = ISCSI_FLAG_CMD_FINAL;
	mcs_pdu_set_itt(hdr, MCS_T_ITT);
	hdr->ttt = cpu_to_be32(ISCSI_RESERVED_TAG);
	hdr->statsn = cpu_to_be32(0x1000);
	hdr->exp_statsn = cpu_to_be32(0x2000);
	hdr->max_statsn = cpu_to_be32(0x2010);

	switch (opcode) {
	case ISCSI_OP_LOGIN_RSP:
		hdr->flags = ISCSI_FLAG_LOGIN_TRANSIT |
			     ISCSI_FLAG_LOGIN_CURRENT_STAGE1 |
			     ISCSI_FLAG_LOGIN_NEXT_STAGE3;
		break;
	case ISCSI_OP_SCSI_DATA_IN:
		hdr->flags = 0;
		hton24(hdr->dlength, 512);
		break;
	case ISCSI_OP_R2T:
		hdr->ttt = cpu_to_be32(MCS_T_TTT);
		((struct iscsi_r2t_rsp *)hdr)->data_length = cpu_to_be32(4096);
		break;
	case ISCSI_OP_ASYNC_EVENT:
		hdr->itt = RESERVED_ITT;
		((struct iscsi_async *)hdr)->async_event =
			ISCSI_ASYNC_MSG_REQUEST_LOGOUT;
		break;
	case ISCSI_OP_REJECT:
		hdr->itt = RESERVED_ITT;
		((struct iscsi_reject *)hdr)->reason =
			ISCSI_REASON_PROTOCOL_ERROR;
		hton24(hdr->dlength, ISCSI_HDR_LEN);
		break;
	default:
		break;
	}
}

/* Byte offsets in a BHS, for the table below. */
#define MCS_T_AT_OPCODE	0
#define MCS_T_AT_FLAGS	1
#define MCS_T_AT_BYTE2	2	/* response, reason */
#define MCS_T_AT_DLEN	5
#define MCS_T_AT_ITT	16
#define MCS_T_AT_TTT	20
#define MCS_T_AT_BYTE36	36	/* login status class, async event */
#define MCS_T_AT_BYTE44	44	/* R2T desired length */

struct mcs_t_bad_rx {
	const char *desc;
	u8 opcode;
	bool wrong_phase;	/* checked in the phase it does not belong to */
	u8 erl;
	u8 off;			/* where the breaking value goes */
	u8 len;			/* its width in bytes, 0 for none */
	u32 val;		/* big-endian, as on the wire */
	const char *reason;
};

static const struct mcs_t_bad_rx mcs_t_bad_rxs[] = {
	{ "vendor opcode", ISCSI_OP_NOOP_IN, false, 0, MCS_T_AT_OPCODE, 1, 0x3c,
	  "unknown opcode" },
	{ "initiator opcode", ISCSI_OP_NOOP_IN, false, 0, MCS_T_AT_OPCODE, 1,
	  ISCSI_OP_SCSI_CMD, "unknown opcode" },
	{ "SNACK from target", ISCSI_OP_NOOP_IN, false, 0, MCS_T_AT_OPCODE, 1,
	  ISCSI_OP_SNACK, "unknown opcode" },
	{ "NOP-In during login", ISCSI_OP_NOOP_IN, true, 0, 0, 0, 0,
	  "PDU other than Login Response during login" },
	{ "Login Response after login", ISCSI_OP_LOGIN_RSP, true, 0, 0, 0, 0,
	  "Login Response in full feature phase" },
	{ "data segment too long", ISCSI_OP_SCSI_DATA_IN, false, 0, MCS_T_AT_DLEN,
	  3, 8193, "DataSegmentLength exceeds MaxRecvDataSegmentLength" },
	{ "SCSI Response reserved ITT", ISCSI_OP_SCSI_CMD_RSP, false, 0,
	  MCS_T_AT_ITT, 4, ISCSI_RESERVED_TAG,
	  "task response with the reserved ITT" },
	{ "Data-In reserved ITT", ISCSI_OP_SCSI_DATA_IN, false, 0, MCS_T_AT_ITT, 4,
	  ISCSI_RESERVED_TAG, "task response with the reserved ITT" },
	{ "R2T reserved ITT", ISCSI_OP_R2T, false, 0, MCS_T_AT_ITT, 4,
	  ISCSI_RESERVED_TAG, "task response with the reserved ITT" },
	{ "NOP-In with ITT and TTT", ISCSI_OP_NOOP_IN, false, 0, MCS_T_AT_TTT, 4, 7,
	  "NOP-In both answers a ping and asks for one" },
	{ "SCSI Response code 2", ISCSI_OP_SCSI_CMD_RSP, false, 0, MCS_T_AT_BYTE2,
	  1, 0x02, "SCSI Response code is reserved" },
	{ "SCSI Response code 0x7f", ISCSI_OP_SCSI_CMD_RSP, false, 0,
	  MCS_T_AT_BYTE2, 1, 0x7f, "SCSI Response code is reserved" },
	{ "SCSI Response O and U", ISCSI_OP_SCSI_CMD_RSP, false, 0, MCS_T_AT_FLAGS,
	  1, 0x86, "SCSI Response with both overflow and underflow" },
	{ "SCSI Response o and u", ISCSI_OP_SCSI_CMD_RSP, false, 0, MCS_T_AT_FLAGS,
	  1, 0x98, "SCSI Response with both bidi overflow and underflow" },
	{ "SCSI Response 1 data byte", ISCSI_OP_SCSI_CMD_RSP, false, 0,
	  MCS_T_AT_DLEN, 3, 1,
	  "SCSI Response data segment too short for SenseLength" },
	{ "TMF Response code 7", ISCSI_OP_SCSI_TMFUNC_RSP, false, 0,
	  MCS_T_AT_BYTE2, 1, 7, "Task Management Response code is reserved" },
	{ "TMF Response with data", ISCSI_OP_SCSI_TMFUNC_RSP, false, 0,
	  MCS_T_AT_DLEN, 3, 4, "Task Management Response with a data segment" },
	{ "Login Response T and C", ISCSI_OP_LOGIN_RSP, false, 0, MCS_T_AT_FLAGS,
	  1, 0xc7, "Login Response with both T and C bits" },
	{ "Login Response CSG 2", ISCSI_OP_LOGIN_RSP, false, 0, MCS_T_AT_FLAGS, 1,
	  0x8b, "Login Response CSG is reserved or full feature" },
	{ "Login Response NSG back", ISCSI_OP_LOGIN_RSP, false, 0, MCS_T_AT_FLAGS,
	  1, 0x84, "Login Response NSG goes backwards or is reserved" },
	{ "Login Response NSG 2", ISCSI_OP_LOGIN_RSP, false, 0, MCS_T_AT_FLAGS, 1,
	  0x86, "Login Response NSG goes backwards or is reserved" },
	{ "Login Response class 4", ISCSI_OP_LOGIN_RSP, false, 0, MCS_T_AT_BYTE36,
	  1, 4, "Login Response status class is reserved" },
	{ "Text Response F and C", ISCSI_OP_TEXT_RSP, false, 0, MCS_T_AT_FLAGS, 1,
	  0xc0, "Text Response with both F and C bits" },
	{ "Text Response continues without TTT", ISCSI_OP_TEXT_RSP, false, 0,
	  MCS_T_AT_FLAGS, 1, 0,
	  "Text Response without F bit has the reserved TTT" },
	{ "Data-In S without F", ISCSI_OP_SCSI_DATA_IN, false, 0, MCS_T_AT_FLAGS,
	  1, 0x01, "Data-In with S bit but no F bit" },
	{ "Data-In O and U", ISCSI_OP_SCSI_DATA_IN, false, 0, MCS_T_AT_FLAGS, 1,
	  0x87, "Data-In with both overflow and underflow" },
	{ "Data-In A without TTT", ISCSI_OP_SCSI_DATA_IN, false, 1, MCS_T_AT_FLAGS,
	  1, 0x40, "Data-In asks for a DataACK with the reserved TTT" },
	{ "Logout Response code 4", ISCSI_OP_LOGOUT_RSP, false, 0, MCS_T_AT_BYTE2,
	  1, 4, "Logout Response code is reserved" },
	{ "Logout Response with data", ISCSI_OP_LOGOUT_RSP, false, 0,
	  MCS_T_AT_DLEN, 3, 4, "Logout Response with a data segment" },
	{ "R2T with data", ISCSI_OP_R2T, false, 0, MCS_T_AT_DLEN, 3, 4,
	  "R2T with a data segment" },
	{ "R2T reserved TTT", ISCSI_OP_R2T, false, 0, MCS_T_AT_TTT, 4,
	  ISCSI_RESERVED_TAG, "R2T with the reserved TTT" },
	{ "R2T desired length 0", ISCSI_OP_R2T, false, 0, MCS_T_AT_BYTE44, 4, 0,
	  "R2T desired length 0" },
	{ "Async with an ITT", ISCSI_OP_ASYNC_EVENT, false, 0, MCS_T_AT_ITT, 4, 5,
	  "Async Message without the reserved ITT" },
	{ "Async event 5", ISCSI_OP_ASYNC_EVENT, false, 0, MCS_T_AT_BYTE36, 1, 5,
	  "Async Message event is reserved" },
	{ "SCSI async event without sense", ISCSI_OP_ASYNC_EVENT, false, 0,
	  MCS_T_AT_BYTE36, 1, ISCSI_ASYNC_MSG_SCSI_EVENT,
	  "SCSI Async Event without sense data" },
	{ "Async 1 data byte", ISCSI_OP_ASYNC_EVENT, false, 0, MCS_T_AT_DLEN, 3, 1,
	  "Async Message data segment too short for SenseLength" },
	{ "Reject with an ITT", ISCSI_OP_REJECT, false, 0, MCS_T_AT_ITT, 4, 5,
	  "Reject without the reserved ITT" },
	{ "Reject reason 0", ISCSI_OP_REJECT, false, 0, MCS_T_AT_BYTE2, 1, 0,
	  "Reject reason is reserved" },
	{ "Reject reason 0x0d", ISCSI_OP_REJECT, false, 0, MCS_T_AT_BYTE2, 1,
	  0x0d, "Reject reason is reserved" },
	{ "Reject short header", ISCSI_OP_REJECT, false, 0, MCS_T_AT_DLEN, 3, 47,
	  "Reject without the rejected header" },
	{ "Reject no data", ISCSI_OP_REJECT, false, 0, MCS_T_AT_DLEN, 3, 0,
	  "Reject without the rejected header" },
};

static inline void mcs_t_patch(struct iscsi_hdr *hdr, const struct mcs_t_bad_rx *c)
{
	u8 *p = (u8 *)hdr + c->off;
	unsigned int i;

	for (i = 0; i < c->len; i++)
		p[i] = c->val >> (8 * (c->len - 1 - i));
}

#endif /* MCS_TESTS_PDU_CASES_H */
