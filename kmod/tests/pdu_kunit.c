// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit suite "iscsi_mcs_pdu": the PDU layer.
 *
 * Headers the builders produce are read back through the kernel's own
 * layouts in scsi/iscsi_proto.h, or compared with bytes from RFC 7143,
 * never through pdu.c, so a field written at the wrong place cannot be
 * read back from the same wrong place. Target PDUs are made the same way
 * and must pass the receive checks; each malformed variant must fail with
 * its own reason, and the unbroken original must pass, so that a case
 * cannot pass because of something other than what it breaks.
 */

#include <kunit/test.h>
#include <linux/gfp.h>
#include <linux/highmem.h>
#include <linux/scatterlist.h>
#include <linux/string.h>

#include "../compat.h"
#include "../pdu.h"
#include "pdu_cases.h"

static const struct scsi_lun mcs_t_lun = {
	.scsi_lun = { 0x00, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

static const struct scsi_lun mcs_t_lun0;

static const struct mcs_pdu_limits mcs_t_ffp = {
	.max_recv_dlength = 8192,
};

static u32 mcs_t_be32(const void *buf, size_t off)
{
	return get_unaligned_be32((const u8 *)buf + off);
}

static u32 mcs_t_tag(itt_t tag)
{
	return be32_to_cpu((__force __be32)tag);
}

static bool mcs_t_lun_eq(const struct scsi_lun *a, const struct scsi_lun *b)
{
	return !memcmp(a, b, sizeof(*a));
}

/*
 * A call that must fail with @reason. *@why is read only here, after the
 * call filled it in, and may be NULL when the call wrongly succeeded.
 */
static void mcs_t_rejected(struct kunit *test, int ret, const char **why,
			   const char *reason)
{
	KUNIT_EXPECT_EQ_MSG(test, ret, -EPROTO, "expected: %s", reason);
	KUNIT_EXPECT_STREQ(test, *why ? *why : "(none)", reason);
}

/* Per-case pages, freed by the suite's exit whatever the case did. */
struct mcs_t_ctx {
	struct page *pages[4];
	unsigned int orders[4];
	unsigned int n;
};

static int mcs_t_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct mcs_t_ctx), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void mcs_t_exit(struct kunit *test)
{
	struct mcs_t_ctx *ctx = test->priv;
	unsigned int i;

	for (i = 0; i < ctx->n; i++)
		__free_pages(ctx->pages[i], ctx->orders[i]);
}

static struct page *mcs_t_pages(struct kunit *test, unsigned int order)
{
	struct mcs_t_ctx *ctx = test->priv;
	struct page *page;

	KUNIT_ASSERT_LT(test, ctx->n, ARRAY_SIZE(ctx->pages));
	page = alloc_pages(GFP_KERNEL, order);
	KUNIT_ASSERT_NOT_NULL(test, page);
	ctx->pages[ctx->n] = page;
	ctx->orders[ctx->n++] = order;
	return page;
}

/* SCSI Command */

/* RFC 7143 appendix B.4: "An iSCSI - SCSI Read (10) Command PDU". */
static const u8 mcs_t_rfc_read10[ISCSI_HDR_LEN] = {
	0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00,
	0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
	0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
};

static void mcs_pdu_scsi_cmd_rfc_vector(struct kunit *test)
{
	static const u8 cdb[10] = { 0x28, 0, 0, 0, 0, 0, 0, 0, 0x02, 0 };
	struct mcs_pdu_scsi_cmd cmd = {
		.cdb = cdb,
		.cdb_len = sizeof(cdb),
		.itt = 0x14000000,
		.edtl = 1024,
		.attr = ISCSI_ATTR_UNTAGGED,
		.read = true,
		.final = true,
	};
	u8 buf[MCS_PDU_TX_HDR_MAX];
	__le32 digest;

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			ISCSI_HDR_LEN);
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_cmdsn((struct iscsi_hdr *)buf, 0x14),
			0);
	mcs_pdu_set_exp_statsn((struct iscsi_hdr *)buf, 0x18);
	KUNIT_EXPECT_EQ(test, memcmp(buf, mcs_t_rfc_read10, ISCSI_HDR_LEN), 0);

	/* The RFC gives its header digest too: bytes 56 3a 96 d9. */
	digest = mcs_pdu_hdr_digest(buf, ISCSI_HDR_LEN);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(digest), 0xd9963a56u);
	KUNIT_EXPECT_EQ(test, ((u8 *)&digest)[0], 0x56);
	KUNIT_EXPECT_EQ(test, ((u8 *)&digest)[3], 0xd9);
}

static void mcs_pdu_scsi_cmd_write_immediate(struct kunit *test)
{
	static const u8 cdb[10] = { 0x2a, 0, 0, 0, 0x10, 0, 0, 0, 0x80, 0 };
	struct mcs_pdu_scsi_cmd cmd = {
		.lun = mcs_t_lun,
		.cdb = cdb,
		.cdb_len = sizeof(cdb),
		.itt = 0x77,
		.edtl = 65536,
		.imm_len = 8192,
		.attr = ISCSI_ATTR_SIMPLE,
		.write = true,
	};
	u8 buf[MCS_PDU_TX_HDR_MAX];
	struct iscsi_scsi_req *req = (struct iscsi_scsi_req *)buf;
	struct iscsi_hdr *hdr = (struct iscsi_hdr *)buf;
	u8 tail[ISCSI_CDB_SIZE - sizeof(cdb)] = {};

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			ISCSI_HDR_LEN);
	KUNIT_EXPECT_EQ(test, req->opcode, ISCSI_OP_SCSI_CMD);
	/* Unsolicited Data-Out follows: no F bit. */
	KUNIT_EXPECT_EQ(test, req->flags,
			ISCSI_FLAG_CMD_WRITE | ISCSI_ATTR_SIMPLE);
	KUNIT_EXPECT_EQ(test, req->hlength, 0);
	KUNIT_EXPECT_EQ(test, ntoh24(req->dlength), 8192);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&req->lun, &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(req->itt), 0x77u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(req->data_length), 65536u);
	KUNIT_EXPECT_EQ(test, memcmp(req->cdb, cdb, sizeof(cdb)), 0);
	KUNIT_EXPECT_EQ(test, memcmp(req->cdb + sizeof(cdb), tail,
				     sizeof(tail)), 0);
	KUNIT_EXPECT_TRUE(test, mcs_pdu_takes_cmdsn(hdr));
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_cmdsn(hdr, 0xfffffffe), 0);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(req->cmdsn), 0xfffffffeu);
	mcs_pdu_set_exp_statsn(hdr, 41);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(req->exp_statsn), 41u);

	cmd.immediate = true;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			ISCSI_HDR_LEN);
	KUNIT_EXPECT_EQ(test, req->opcode,
			ISCSI_OP_SCSI_CMD | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_FALSE(test, mcs_pdu_takes_cmdsn(hdr));
}

static void mcs_pdu_scsi_cmd_extended_cdb(struct kunit *test)
{
	struct mcs_pdu_scsi_cmd cmd = {
		.itt = 1,
		.attr = ISCSI_ATTR_ORDERED,
		.final = true,
	};
	u8 buf[MCS_PDU_TX_HDR_MAX];
	struct iscsi_scsi_req *req = (struct iscsi_scsi_req *)buf;
	struct iscsi_ecdb_ahdr *ecdb = (struct iscsi_ecdb_ahdr *)(buf + 48);
	u8 cdb[32];
	unsigned int i;

	for (i = 0; i < sizeof(cdb); i++)
		cdb[i] = i + 1;
	cmd.cdb = cdb;
	cmd.cdb_len = 32;
	memset(buf, 0xaa, sizeof(buf));
	/* 16 bytes spill over: AHS header (4) plus 16, no padding. */
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, 68, &cmd), 68);
	KUNIT_EXPECT_EQ(test, req->hlength, 5);
	KUNIT_EXPECT_EQ(test, memcmp(req->cdb, cdb, ISCSI_CDB_SIZE), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(ecdb->ahslength), 32 - 15);
	KUNIT_EXPECT_EQ(test, ecdb->ahstype, ISCSI_AHSTYPE_CDB);
	KUNIT_EXPECT_EQ(test, ecdb->reserved, 0);
	KUNIT_EXPECT_EQ(test, memcmp(ecdb->ecdb, cdb + 16, 16), 0);
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_scsi_cmd(buf, 67, &cmd), -ENOSPC);

	/* One byte over: AHSLength 2, three bytes of zero padding. */
	cmd.cdb_len = 17;
	memset(buf, 0xaa, sizeof(buf));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			56);
	KUNIT_EXPECT_EQ(test, req->hlength, 2);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(ecdb->ahslength), 2);
	KUNIT_EXPECT_EQ(test, ecdb->ecdb[0], 17);
	KUNIT_EXPECT_EQ(test, ecdb->ecdb[1], 0);
	KUNIT_EXPECT_EQ(test, ecdb->ecdb[2], 0);
	KUNIT_EXPECT_EQ(test, ecdb->ecdb[3], 0);
}

static void mcs_pdu_scsi_cmd_bidi(struct kunit *test)
{
	struct mcs_pdu_scsi_cmd cmd = {
		.itt = 2,
		.edtl = 8192,
		.bidi_read_len = 4096,
		.read = true,
		.write = true,
		.final = true,
	};
	u8 buf[MCS_PDU_TX_HDR_MAX];
	struct iscsi_scsi_req *req = (struct iscsi_scsi_req *)buf;
	struct iscsi_rlength_ahdr *rlen;
	u8 *cdb;

	cdb = kunit_kzalloc(test, SCSI_MAX_VARLEN_CDB_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cdb);
	memset(cdb, 0x5c, SCSI_MAX_VARLEN_CDB_SIZE);
	cmd.cdb = cdb;
	cmd.cdb_len = 16;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			56);
	KUNIT_EXPECT_EQ(test, req->flags, ISCSI_FLAG_CMD_FINAL |
			ISCSI_FLAG_CMD_READ | ISCSI_FLAG_CMD_WRITE);
	KUNIT_EXPECT_EQ(test, req->hlength, 2);
	rlen = (struct iscsi_rlength_ahdr *)(buf + ISCSI_HDR_LEN);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(rlen->ahslength), 5);
	KUNIT_EXPECT_EQ(test, rlen->ahstype, ISCSI_AHSTYPE_RLENGTH);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(rlen->read_length), 4096u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(req->data_length), 8192u);

	/* The largest header: a 260-byte CDB and a bidirectional command. */
	cmd.cdb_len = SCSI_MAX_VARLEN_CDB_SIZE;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_scsi_cmd(buf, sizeof(buf), &cmd),
			(int)MCS_PDU_TX_HDR_MAX);
	KUNIT_EXPECT_EQ(test, req->hlength, (MCS_PDU_TX_HDR_MAX - 48) / 4);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(buf + 48), 260 - 15);
	rlen = (struct iscsi_rlength_ahdr *)(buf + MCS_PDU_TX_HDR_MAX - 8);
	KUNIT_EXPECT_EQ(test, rlen->ahstype, ISCSI_AHSTYPE_RLENGTH);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(rlen->read_length), 4096u);
}

static const u8 mcs_t_cdb6[6] = { 0x12, 0, 0, 0, 36, 0 };

/* INQUIRY: valid, so that each case below breaks one thing only. */
static const struct mcs_pdu_scsi_cmd mcs_t_inquiry = {
	.cdb = mcs_t_cdb6,
	.cdb_len = sizeof(mcs_t_cdb6),
	.itt = 9,
	.edtl = 36,
	.read = true,
	.final = true,
};

static int mcs_t_build_cmd(const struct mcs_pdu_scsi_cmd *cmd)
{
	u8 buf[MCS_PDU_TX_HDR_MAX];

	return mcs_pdu_build_scsi_cmd(buf, sizeof(buf), cmd);
}

static void mcs_pdu_scsi_cmd_rejects_bad_params(struct kunit *test)
{
	struct mcs_pdu_scsi_cmd c;

	c = mcs_t_inquiry;
	KUNIT_EXPECT_EQ(test, mcs_t_build_cmd(&c), ISCSI_HDR_LEN);

	c = mcs_t_inquiry;
	c.cdb = NULL;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL, "no CDB");
	c = mcs_t_inquiry;
	c.cdb_len = 0;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL, "CDB length 0");
	c = mcs_t_inquiry;
	c.cdb_len = SCSI_MAX_VARLEN_CDB_SIZE + 1;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL, "CDB too long");
	c = mcs_t_inquiry;
	c.attr = ISCSI_ATTR_ACA + 1;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL, "attribute");
	c = mcs_t_inquiry;
	c.itt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL, "ITT");
	c = mcs_t_inquiry;
	c.read = false;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "length without a direction");
	c = mcs_t_inquiry;
	c.imm_len = 8;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "immediate data on a read");
	c = mcs_t_inquiry;
	c.final = false;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "no F bit on a read");
	c = mcs_t_inquiry;
	c.bidi_read_len = 8;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "bidi length on a read");

	c = mcs_t_inquiry;
	c.read = false;
	c.write = true;
	c.imm_len = 36;
	c.final = false;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "no F bit with all data immediate");
	c.imm_len = 37;
	c.final = true;
	KUNIT_EXPECT_EQ_MSG(test, mcs_t_build_cmd(&c), -EINVAL,
			    "immediate data past EDTL");
	c.imm_len = 36;
	KUNIT_EXPECT_EQ(test, mcs_t_build_cmd(&c), ISCSI_HDR_LEN);
}

/* Other initiator PDUs */

static void mcs_pdu_data_out(struct kunit *test)
{
	struct mcs_pdu_data_out d = {
		.lun = mcs_t_lun,
		.itt = 7,
		.ttt = 0x33,
		.datasn = 2,
		.offset = 8192,
		.len = 4096,
		.final = true,
	};
	struct iscsi_hdr hdr;
	struct iscsi_data *data = (struct iscsi_data *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_data_out(&hdr, &d), 0);
	KUNIT_EXPECT_EQ(test, data->opcode, ISCSI_OP_SCSI_DATA_OUT);
	KUNIT_EXPECT_EQ(test, data->flags, ISCSI_FLAG_CMD_FINAL);
	KUNIT_EXPECT_EQ(test, ntoh24(data->dlength), 4096);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&data->lun, &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(data->itt), 7u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(data->ttt), 0x33u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(data->datasn), 2u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(data->offset), 8192u);
	KUNIT_EXPECT_EQ(test, mcs_t_be32(&hdr, 24), 0u);
	KUNIT_EXPECT_EQ(test, mcs_t_be32(&hdr, 44), 0u);

	/* Bytes 24..27 are reserved in a Data-Out: no CmdSN goes there. */
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_cmdsn(&hdr, 5), -EINVAL);
	KUNIT_EXPECT_EQ(test, mcs_t_be32(&hdr, 24), 0u);
	KUNIT_EXPECT_FALSE(test, mcs_pdu_takes_cmdsn(&hdr));
	mcs_pdu_set_exp_statsn(&hdr, 99);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(data->exp_statsn), 99u);

	/* Unsolicited data, not the last PDU of the burst. */
	d.ttt = ISCSI_RESERVED_TAG;
	d.final = false;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_data_out(&hdr, &d), 0);
	KUNIT_EXPECT_EQ(test, data->flags, 0);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(data->ttt), ISCSI_RESERVED_TAG);

	d.len = 0;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_data_out(&hdr, &d), -EINVAL);
	d.len = MCS_PDU_DLENGTH_MAX + 1;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_data_out(&hdr, &d), -EINVAL);
}

static void mcs_pdu_nop_ping(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_nopout *nop = (struct iscsi_nopout *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_nop_ping(&hdr, 0x20, 8, true), 0);
	KUNIT_EXPECT_EQ(test, nop->opcode,
			ISCSI_OP_NOOP_OUT | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, nop->flags, ISCSI_FLAG_CMD_FINAL);
	KUNIT_EXPECT_EQ(test, ntoh24(nop->dlength), 8);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(nop->itt), 0x20u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(nop->ttt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&nop->lun, &mcs_t_lun0));
	KUNIT_EXPECT_FALSE(test, mcs_pdu_takes_cmdsn(&hdr));

	KUNIT_ASSERT_EQ(test, mcs_pdu_build_nop_ping(&hdr, 0x21, 0, false), 0);
	KUNIT_EXPECT_EQ(test, nop->opcode, ISCSI_OP_NOOP_OUT);
	KUNIT_EXPECT_TRUE(test, mcs_pdu_takes_cmdsn(&hdr));

	KUNIT_EXPECT_EQ(test, mcs_pdu_build_nop_ping(&hdr, ISCSI_RESERVED_TAG,
						     0, true), -EINVAL);
}

static void mcs_t_nop_in(struct iscsi_hdr *hdr, u32 ttt)
{
	struct iscsi_nopin *in = (struct iscsi_nopin *)hdr;

	memset(in, 0, sizeof(*in));
	in->opcode = ISCSI_OP_NOOP_IN;
	in->flags = ISCSI_FLAG_CMD_FINAL;
	in->lun = mcs_t_lun;
	in->itt = RESERVED_ITT;
	in->ttt = cpu_to_be32(ttt);
	in->statsn = cpu_to_be32(10);
	in->exp_cmdsn = cpu_to_be32(20);
	in->max_cmdsn = cpu_to_be32(30);
}

static void mcs_pdu_nop_reply(struct kunit *test)
{
	struct iscsi_hdr in, hdr;
	struct iscsi_nopout *nop = (struct iscsi_nopout *)&hdr;

	mcs_t_nop_in(&in, MCS_T_TTT);
	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_nop_reply(&hdr, &in, 0), 0);
	KUNIT_EXPECT_EQ(test, nop->opcode,
			ISCSI_OP_NOOP_OUT | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, nop->flags, ISCSI_FLAG_CMD_FINAL);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(nop->itt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(nop->ttt), MCS_T_TTT);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&nop->lun, &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, ntoh24(nop->dlength), 0);
	KUNIT_EXPECT_EQ(test, mcs_t_be32(&hdr, 24), 0u);

	/* Answering in the buffer the NOP-In came in. */
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_nop_reply(&in, &in, 0), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&in, &hdr, sizeof(hdr)), 0);

	/* A NOP-In with the reserved TTT wants no answer. */
	mcs_t_nop_in(&in, ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_nop_reply(&hdr, &in, 0), -EINVAL);
	mcs_t_nop_in(&in, MCS_T_TTT);
	in.opcode = ISCSI_OP_R2T;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_nop_reply(&hdr, &in, 0), -EINVAL);
}

static void mcs_pdu_tmf(struct kunit *test)
{
	struct mcs_pdu_tmf t = {
		.lun = mcs_t_lun,
		.itt = 0x100,
		.rtt = 0x42,
		.refcmdsn = 77,
		.exp_datasn = 9,
		.function = ISCSI_TM_FUNC_ABORT_TASK,
		.immediate = true,
	};
	struct iscsi_hdr hdr;
	struct iscsi_tm *tm = (struct iscsi_tm *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), 0);
	KUNIT_EXPECT_EQ(test, tm->opcode,
			ISCSI_OP_SCSI_TMFUNC | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, tm->flags, 0x80 | ISCSI_TM_FUNC_ABORT_TASK);
	KUNIT_EXPECT_EQ(test, tm->hlength, 0);
	KUNIT_EXPECT_EQ(test, ntoh24(tm->dlength), 0);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&tm->lun, &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(tm->itt), 0x100u);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(tm->rtt), 0x42u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(tm->refcmdsn), 77u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(tm->exp_datasn), 0u);

	t.function = ISCSI_TM_FUNC_LOGICAL_UNIT_RESET;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), 0);
	KUNIT_EXPECT_EQ(test, tm->flags,
			0x80 | ISCSI_TM_FUNC_LOGICAL_UNIT_RESET);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&tm->lun, &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(tm->rtt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(tm->refcmdsn), 0u);

	/* A target reset addresses no LU: the LUN is reserved. */
	t.function = ISCSI_TM_FUNC_TARGET_WARM_RESET;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), 0);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&tm->lun, &mcs_t_lun0));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(tm->rtt), ISCSI_RESERVED_TAG);

	t.function = ISCSI_TM_FUNC_TASK_REASSIGN;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), 0);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&tm->lun, &mcs_t_lun0));
	KUNIT_EXPECT_EQ(test, mcs_t_tag(tm->rtt), 0x42u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(tm->exp_datasn), 9u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(tm->refcmdsn), 0u);
	t.immediate = false;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), -EINVAL);

	t.immediate = true;
	t.function = 0;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), -EINVAL);
	t.function = ISCSI_TM_FUNC_TASK_REASSIGN + 1;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), -EINVAL);
	t.function = ISCSI_TM_FUNC_ABORT_TASK;
	t.rtt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), -EINVAL);
	t.rtt = 0x42;
	t.itt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_tmf(&hdr, &t), -EINVAL);
}

static void mcs_pdu_login(struct kunit *test)
{
	struct mcs_pdu_login l = {
		.isid = { 0x80, 0x12, 0x34, 0x56, 0x78, 0x9a },
		.tsih = 0x0102,
		.cid = 3,
		.itt = 1,
		.dlen = 300,
		.csg = ISCSI_SECURITY_NEGOTIATION_STAGE,
		.nsg = ISCSI_OP_PARMS_NEGOTIATION_STAGE,
		.transit = true,
	};
	struct iscsi_hdr hdr;
	struct iscsi_login_req *req = (struct iscsi_login_req *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_login(&hdr, &l), 0);
	KUNIT_EXPECT_EQ(test, req->opcode, ISCSI_OP_LOGIN | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, req->flags, ISCSI_FLAG_LOGIN_TRANSIT |
			ISCSI_FLAG_LOGIN_NEXT_STAGE1);
	KUNIT_EXPECT_EQ(test, req->max_version, 0);
	KUNIT_EXPECT_EQ(test, req->min_version, 0);
	KUNIT_EXPECT_EQ(test, ntoh24(req->dlength), 300);
	KUNIT_EXPECT_EQ(test, memcmp(req->isid, l.isid, 6), 0);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(req->tsih), 0x0102);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(req->itt), 1u);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(req->cid), 3);
	/* Login carries the session's CmdSN without using it up. */
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_cmdsn(&hdr, 1000), 0);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(req->cmdsn), 1000u);
	KUNIT_EXPECT_FALSE(test, mcs_pdu_takes_cmdsn(&hdr));

	l.csg = ISCSI_OP_PARMS_NEGOTIATION_STAGE;
	l.nsg = ISCSI_FULL_FEATURE_PHASE;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_login(&hdr, &l), 0);
	KUNIT_EXPECT_EQ(test, req->flags, 0x87);

	/* Without T, NSG is not sent. */
	l.transit = false;
	l.cont = true;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_login(&hdr, &l), 0);
	KUNIT_EXPECT_EQ(test, req->flags, ISCSI_FLAG_LOGIN_CONTINUE |
			ISCSI_FLAG_LOGIN_CURRENT_STAGE1);

	l.transit = true;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.cont = false;
	l.nsg = ISCSI_OP_PARMS_NEGOTIATION_STAGE;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.csg = ISCSI_SECURITY_NEGOTIATION_STAGE;
	l.nsg = 2;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.csg = ISCSI_FULL_FEATURE_PHASE;
	l.nsg = ISCSI_FULL_FEATURE_PHASE;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.csg = ISCSI_SECURITY_NEGOTIATION_STAGE;
	l.isid[0] = 0xc0;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.isid[0] = 0x80;
	l.version_min = 1;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), -EINVAL);
	l.version_min = 0;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_login(&hdr, &l), 0);
}

static void mcs_pdu_text(struct kunit *test)
{
	struct mcs_pdu_text t = {
		.itt = 5,
		.ttt = ISCSI_RESERVED_TAG,
		.dlen = 20,
		.final = true,
	};
	struct iscsi_hdr hdr;
	struct iscsi_text *text = (struct iscsi_text *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_text(&hdr, &t), 0);
	KUNIT_EXPECT_EQ(test, text->opcode, ISCSI_OP_TEXT);
	KUNIT_EXPECT_EQ(test, text->flags, ISCSI_FLAG_CMD_FINAL);
	KUNIT_EXPECT_EQ(test, ntoh24(text->dlength), 20);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(text->itt), 5u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(text->ttt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_TRUE(test, mcs_pdu_takes_cmdsn(&hdr));

	/* Continuing a long response: the target's TTT, then C. */
	t.ttt = 0x99;
	t.final = false;
	t.cont = true;
	t.immediate = true;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_text(&hdr, &t), 0);
	KUNIT_EXPECT_EQ(test, text->opcode, ISCSI_OP_TEXT | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, text->flags, ISCSI_FLAG_TEXT_CONTINUE);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(text->ttt), 0x99u);

	t.final = true;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_text(&hdr, &t), -EINVAL);
}

static void mcs_pdu_logout(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_logout *lo = (struct iscsi_logout *)&hdr;
	int ret;

	memset(&hdr, 0xaa, sizeof(hdr));
	ret = mcs_pdu_build_logout(&hdr, 8, ISCSI_LOGOUT_REASON_CLOSE_SESSION,
				   7, false);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, lo->opcode, ISCSI_OP_LOGOUT);
	KUNIT_EXPECT_EQ(test, lo->flags, 0x80);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(lo->itt), 8u);
	/* Closing the session names no connection. */
	KUNIT_EXPECT_EQ(test, be16_to_cpu(lo->cid), 0);

	ret = mcs_pdu_build_logout(&hdr, 8,
				   ISCSI_LOGOUT_REASON_CLOSE_CONNECTION, 7,
				   true);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, lo->opcode, ISCSI_OP_LOGOUT | ISCSI_OP_IMMEDIATE);
	KUNIT_EXPECT_EQ(test, lo->flags, 0x81);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(lo->cid), 7);

	ret = mcs_pdu_build_logout(&hdr, 8, ISCSI_LOGOUT_REASON_RECOVERY, 2,
				   false);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, lo->flags, 0x82);
	KUNIT_EXPECT_EQ(test, be16_to_cpu(lo->cid), 2);

	ret = mcs_pdu_build_logout(&hdr, 8, ISCSI_LOGOUT_REASON_AEN_REQUEST, 2,
				   false);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
	ret = mcs_pdu_build_logout(&hdr, ISCSI_RESERVED_TAG,
				   ISCSI_LOGOUT_REASON_RECOVERY, 2, false);
	KUNIT_EXPECT_EQ(test, ret, -EINVAL);
}

static void mcs_pdu_snack(struct kunit *test)
{
	struct mcs_pdu_snack s = {
		.lun = mcs_t_lun,
		.itt = 9,
		.ttt = 0x55,
		.begrun = 3,
		.runlength = 2,
		.type = ISCSI_FLAG_SNACK_TYPE_DATA,
	};
	struct iscsi_hdr hdr;
	struct iscsi_snack *sn = (struct iscsi_snack *)&hdr;

	memset(&hdr, 0xaa, sizeof(hdr));
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_snack(&hdr, &s), 0);
	KUNIT_EXPECT_EQ(test, sn->opcode, ISCSI_OP_SNACK);
	KUNIT_EXPECT_EQ(test, sn->flags, 0x80);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(sn->itt), 9u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->ttt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq((struct scsi_lun *)sn->lun,
					     &mcs_t_lun0));
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->begrun), 3u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->runlength), 2u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_cmdsn(&hdr, 1), -EINVAL);

	s.type = ISCSI_FLAG_SNACK_TYPE_STATUS;
	s.begrun = 100;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_snack(&hdr, &s), 0);
	KUNIT_EXPECT_EQ(test, sn->flags, 0x81);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(sn->itt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->ttt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->begrun), 100u);

	s.type = ISCSI_FLAG_SNACK_TYPE_DATA_ACK;
	s.begrun = 12;
	s.runlength = 0;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_snack(&hdr, &s), 0);
	KUNIT_EXPECT_EQ(test, sn->flags, 0x82);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(sn->itt), ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->ttt), 0x55u);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq((struct scsi_lun *)sn->lun,
					     &mcs_t_lun));
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->begrun), 12u);
	s.runlength = 1;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);
	s.runlength = 0;
	s.ttt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);

	s.type = ISCSI_FLAG_SNACK_TYPE_RDATA;
	s.ttt = 0x10;
	s.begrun = 0;
	KUNIT_ASSERT_EQ(test, mcs_pdu_build_snack(&hdr, &s), 0);
	KUNIT_EXPECT_EQ(test, sn->flags, 0x83);
	KUNIT_EXPECT_EQ(test, mcs_t_tag(sn->itt), 9u);
	KUNIT_EXPECT_EQ(test, be32_to_cpu(sn->ttt), 0x10u);
	s.ttt = 0;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);
	s.ttt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);
	s.ttt = 0x10;
	s.begrun = 1;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);

	s.begrun = 0;
	s.type = 4;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);
	s.type = ISCSI_FLAG_SNACK_TYPE_DATA;
	s.itt = ISCSI_RESERVED_TAG;
	KUNIT_EXPECT_EQ(test, mcs_pdu_build_snack(&hdr, &s), -EINVAL);
}

/* Target PDUs */

/* A valid PDU of @opcode from a target, before any test breaks it. */

static const u8 mcs_t_target_opcodes[] = {
	ISCSI_OP_NOOP_IN, ISCSI_OP_SCSI_CMD_RSP, ISCSI_OP_SCSI_TMFUNC_RSP,
	ISCSI_OP_LOGIN_RSP, ISCSI_OP_TEXT_RSP, ISCSI_OP_SCSI_DATA_IN,
	ISCSI_OP_LOGOUT_RSP, ISCSI_OP_R2T, ISCSI_OP_ASYNC_EVENT,
	ISCSI_OP_REJECT,
};

static struct mcs_pdu_limits mcs_t_lim_for(u8 opcode)
{
	struct mcs_pdu_limits lim = mcs_t_ffp;

	lim.login = opcode == ISCSI_OP_LOGIN_RSP;
	return lim;
}

static void mcs_pdu_rx_accepts_valid(struct kunit *test)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(mcs_t_target_opcodes); i++) {
		u8 opcode = mcs_t_target_opcodes[i];
		struct mcs_pdu_limits lim = mcs_t_lim_for(opcode);
		const char *why = NULL;
		struct iscsi_hdr hdr;

		mcs_t_rx(&hdr, opcode);
		KUNIT_EXPECT_EQ_MSG(test, mcs_pdu_check_rx(&hdr, NULL, &lim,
							   &why), 0,
				    "opcode 0x%02x: %s", opcode, why);
		/* Reserved bits are ignored, as RFC 7143 asks of receivers. */
		hdr.opcode |= 0x80 | ISCSI_OP_IMMEDIATE;
		KUNIT_EXPECT_EQ_MSG(test, mcs_pdu_check_rx(&hdr, NULL, &lim,
							   &why), 0,
				    "opcode 0x%02x with reserved bits: %s",
				    opcode, why);
	}
}

/* Round trips: fields set through the kernel's layouts, read by parse. */

static void mcs_pdu_rx_parse_scsi_rsp(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_scsi_rsp *rsp = (struct iscsi_scsi_rsp *)&hdr;
	struct mcs_pdu_rx rx;

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_CMD_RSP);
	rsp->flags |= ISCSI_FLAG_CMD_UNDERFLOW | ISCSI_FLAG_CMD_BIDI_OVERFLOW;
	rsp->response = ISCSI_STATUS_CMD_COMPLETED;
	rsp->cmd_status = 0x02;
	hton24(rsp->dlength, 20);
	rsp->rsvd1 = cpu_to_be32(0x10);
	rsp->exp_datasn = cpu_to_be32(4);
	rsp->bi_residual_count = cpu_to_be32(7);
	rsp->residual_count = cpu_to_be32(512);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.opcode, ISCSI_OP_SCSI_CMD_RSP);
	KUNIT_EXPECT_TRUE(test, rx.final);
	KUNIT_EXPECT_EQ(test, rx.itt, MCS_T_ITT);
	KUNIT_EXPECT_EQ(test, rx.dlength, 20u);
	KUNIT_EXPECT_EQ(test, rx.statsn, 0x1000u);
	KUNIT_EXPECT_EQ(test, rx.exp_cmdsn, 0x2000u);
	KUNIT_EXPECT_EQ(test, rx.max_cmdsn, 0x2010u);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);
	KUNIT_EXPECT_EQ(test, rx.rsp.response, 0);
	KUNIT_EXPECT_EQ(test, rx.rsp.status, 0x02);
	KUNIT_EXPECT_TRUE(test, rx.rsp.underflow);
	KUNIT_EXPECT_FALSE(test, rx.rsp.overflow);
	KUNIT_EXPECT_TRUE(test, rx.rsp.bidi_overflow);
	KUNIT_EXPECT_FALSE(test, rx.rsp.bidi_underflow);
	KUNIT_EXPECT_EQ(test, rx.rsp.snack_tag, 0x10u);
	KUNIT_EXPECT_EQ(test, rx.rsp.exp_datasn, 4u);
	KUNIT_EXPECT_EQ(test, rx.rsp.bidi_residual, 7u);
	KUNIT_EXPECT_EQ(test, rx.rsp.residual, 512u);
	KUNIT_EXPECT_EQ(test, rx.ttt, ISCSI_RESERVED_TAG);
}

static void mcs_pdu_rx_parse_data_in(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_data_rsp *d = (struct iscsi_data_rsp *)&hdr;
	struct mcs_pdu_rx rx;

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_DATA_IN);
	d->lun = mcs_t_lun;
	d->datasn = cpu_to_be32(3);
	d->offset = cpu_to_be32(1536);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_FALSE(test, rx.final);
	KUNIT_EXPECT_FALSE(test, rx.data_in.status_valid);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_NONE);
	KUNIT_EXPECT_EQ(test, rx.data_in.datasn, 3u);
	KUNIT_EXPECT_EQ(test, rx.data_in.offset, 1536u);
	KUNIT_EXPECT_EQ(test, rx.dlength, 512u);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&rx.lun, &mcs_t_lun));

	/* The last one, with status and an underflow. */
	d->flags = ISCSI_FLAG_CMD_FINAL | ISCSI_FLAG_DATA_STATUS |
		   ISCSI_FLAG_DATA_UNDERFLOW;
	d->cmd_status = 0;
	d->residual_count = cpu_to_be32(100);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_TRUE(test, rx.final);
	KUNIT_EXPECT_TRUE(test, rx.data_in.status_valid);
	KUNIT_EXPECT_TRUE(test, rx.data_in.underflow);
	KUNIT_EXPECT_FALSE(test, rx.data_in.overflow);
	KUNIT_EXPECT_FALSE(test, rx.data_in.ack);
	KUNIT_EXPECT_EQ(test, rx.data_in.residual, 100u);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);

	/* At ERL 1 the A bit asks for a DataACK quoting this TTT. */
	d->flags = ISCSI_FLAG_DATA_ACK;
	d->ttt = cpu_to_be32(MCS_T_TTT);
	{
		struct mcs_pdu_limits lim = mcs_t_ffp;

		lim.erl = 1;
		KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &lim, NULL), 0);
	}
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_TRUE(test, rx.data_in.ack);
	KUNIT_EXPECT_EQ(test, rx.ttt, MCS_T_TTT);
}

static void mcs_pdu_rx_parse_r2t(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_r2t_rsp *r2t = (struct iscsi_r2t_rsp *)&hdr;
	struct mcs_pdu_rx rx;

	mcs_t_rx(&hdr, ISCSI_OP_R2T);
	r2t->lun = mcs_t_lun;
	r2t->r2tsn = cpu_to_be32(6);
	r2t->data_offset = cpu_to_be32(65536);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.ttt, MCS_T_TTT);
	KUNIT_EXPECT_EQ(test, rx.r2t.r2tsn, 6u);
	KUNIT_EXPECT_EQ(test, rx.r2t.offset, 65536u);
	KUNIT_EXPECT_EQ(test, rx.r2t.length, 4096u);
	/* R2T shows the next StatSN but does not use it up. */
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_PEEK);
	KUNIT_EXPECT_TRUE(test, mcs_t_lun_eq(&rx.lun, &mcs_t_lun));
}

static void mcs_pdu_rx_parse_login_rsp(struct kunit *test)
{
	struct mcs_pdu_limits lim = mcs_t_lim_for(ISCSI_OP_LOGIN_RSP);
	struct iscsi_hdr hdr;
	struct iscsi_login_rsp *rsp = (struct iscsi_login_rsp *)&hdr;
	static const u8 isid[6] = { 0x80, 1, 2, 3, 4, 5 };
	struct mcs_pdu_rx rx;

	mcs_t_rx(&hdr, ISCSI_OP_LOGIN_RSP);
	memcpy(rsp->isid, isid, sizeof(isid));
	rsp->tsih = cpu_to_be16(0x1234);
	rsp->max_version = 0;
	rsp->active_version = 0;
	hton24(rsp->dlength, 100);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &lim, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, memcmp(rx.login.isid, isid, 6), 0);
	KUNIT_EXPECT_EQ(test, rx.login.tsih, 0x1234);
	KUNIT_EXPECT_TRUE(test, rx.login.transit);
	KUNIT_EXPECT_FALSE(test, rx.login.cont);
	KUNIT_EXPECT_EQ(test, rx.login.csg, ISCSI_OP_PARMS_NEGOTIATION_STAGE);
	KUNIT_EXPECT_EQ(test, rx.login.nsg, ISCSI_FULL_FEATURE_PHASE);
	KUNIT_EXPECT_EQ(test, rx.login.status_class, 0);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);

	/* A failed login: its stage bits are not judged. */
	rsp->flags = 0xff;
	rsp->status_class = ISCSI_STATUS_CLS_INITIATOR_ERR;
	rsp->status_detail = ISCSI_LOGIN_STATUS_AUTH_FAILED;
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &lim, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.login.status_class, 2);
	KUNIT_EXPECT_EQ(test, rx.login.status_detail, 1);
}

static void mcs_pdu_rx_parse_others(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct mcs_pdu_rx rx;

	/* NOP-In from the target asking for an answer. */
	mcs_t_nop_in(&hdr, MCS_T_TTT);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.itt, ISCSI_RESERVED_TAG);
	KUNIT_EXPECT_EQ(test, rx.ttt, MCS_T_TTT);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_PEEK);
	KUNIT_EXPECT_EQ(test, rx.statsn, 10u);
	KUNIT_EXPECT_EQ(test, rx.exp_cmdsn, 20u);
	KUNIT_EXPECT_EQ(test, rx.max_cmdsn, 30u);
	/* NOP-In answering our ping takes a StatSN. */
	mcs_t_rx(&hdr, ISCSI_OP_NOOP_IN);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);
	KUNIT_EXPECT_EQ(test, rx.itt, MCS_T_ITT);

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_TMFUNC_RSP);
	((struct iscsi_tm_rsp *)&hdr)->response = ISCSI_TMF_RSP_NO_TASK;
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.tmf.response, ISCSI_TMF_RSP_NO_TASK);

	mcs_t_rx(&hdr, ISCSI_OP_TEXT_RSP);
	hdr.flags = ISCSI_FLAG_TEXT_CONTINUE;
	hdr.ttt = cpu_to_be32(0x99);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_TRUE(test, rx.text.cont);
	KUNIT_EXPECT_FALSE(test, rx.final);
	KUNIT_EXPECT_EQ(test, rx.ttt, 0x99u);

	mcs_t_rx(&hdr, ISCSI_OP_LOGOUT_RSP);
	((struct iscsi_logout_rsp *)&hdr)->response =
		ISCSI_LOGOUT_CID_NOT_FOUND;
	((struct iscsi_logout_rsp *)&hdr)->t2wait = cpu_to_be16(2);
	((struct iscsi_logout_rsp *)&hdr)->t2retain = cpu_to_be16(20);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.logout.response, ISCSI_LOGOUT_CID_NOT_FOUND);
	KUNIT_EXPECT_EQ(test, rx.logout.time2wait, 2);
	KUNIT_EXPECT_EQ(test, rx.logout.time2retain, 20);

	mcs_t_rx(&hdr, ISCSI_OP_ASYNC_EVENT);
	((struct iscsi_async *)&hdr)->param3 = cpu_to_be16(30);
	((struct iscsi_async *)&hdr)->async_vcode = 7;
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.async.event, ISCSI_ASYNC_MSG_REQUEST_LOGOUT);
	KUNIT_EXPECT_EQ(test, rx.async.vcode, 7);
	KUNIT_EXPECT_EQ(test, rx.async.param[2], 30);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);

	mcs_t_rx(&hdr, ISCSI_OP_REJECT);
	((struct iscsi_reject *)&hdr)->datasn = cpu_to_be32(8);
	KUNIT_ASSERT_EQ(test, mcs_pdu_check_bhs(&hdr, &mcs_t_ffp, NULL), 0);
	mcs_pdu_parse(&hdr, &rx);
	KUNIT_EXPECT_EQ(test, rx.reject.reason, ISCSI_REASON_PROTOCOL_ERROR);
	KUNIT_EXPECT_EQ(test, rx.reject.datasn, 8u);
	KUNIT_EXPECT_EQ(test, rx.statsn_use, MCS_STATSN_TAKE);
}

/* Malformed target PDUs, one broken field each. */

static void mcs_t_bad_rx_desc(const struct mcs_t_bad_rx *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(mcs_t_bad_rx, mcs_t_bad_rxs, mcs_t_bad_rx_desc);

static void mcs_pdu_rx_rejects_malformed(struct kunit *test)
{
	const struct mcs_t_bad_rx *c = test->param_value;
	struct mcs_pdu_limits lim = mcs_t_lim_for(c->opcode);
	const char *why = NULL;
	struct iscsi_hdr hdr;

	lim.erl = c->erl;
	mcs_t_rx(&hdr, c->opcode);
	/* The PDU as built passes, in its own phase. */
	KUNIT_ASSERT_EQ_MSG(test, mcs_pdu_check_rx(&hdr, NULL, &lim, &why), 0,
			    "unbroken PDU rejected: %s", why);
	mcs_t_patch(&hdr, c);
	lim.login ^= c->wrong_phase;
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, NULL, &lim, &why), &why,
		       c->reason);
}

static void mcs_pdu_rx_ahs(struct kunit *test)
{
	u8 ahs[12] = {};
	struct iscsi_hdr hdr;
	const char *why = NULL;

	/* An AHS of a non-iSCSI type: 3 + 5 bytes, no padding. */
	mcs_t_rx(&hdr, ISCSI_OP_SCSI_CMD_RSP);
	hdr.hlength = 2;
	put_unaligned_be16(5, ahs);
	ahs[2] = 60;
	KUNIT_EXPECT_EQ_MSG(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why),
			    0, "%s", why);

	/* Two; then the second grows past TotalAHSLength. */
	hdr.hlength = 3;
	put_unaligned_be16(1, ahs + 8);
	ahs[10] = 61;
	KUNIT_EXPECT_EQ_MSG(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why),
			    0, "%s", why);
	put_unaligned_be16(2, ahs + 8);
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why), &why,
		       "AHS past the end");

	hdr.hlength = 1;
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why), &why,
		       "AHS past the end");
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, NULL, &mcs_t_ffp, &why), &why,
		       "AHS past the end");

	put_unaligned_be16(1, ahs);
	ahs[2] = ISCSI_AHSTYPE_CDB;
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why), &why,
		       "AHS type only valid in a SCSI Command");
	ahs[2] = 0;
	mcs_t_rejected(test, mcs_pdu_check_rx(&hdr, ahs, &mcs_t_ffp, &why), &why,
		       "AHS type is reserved");
}

static void mcs_pdu_rx_task_checks(struct kunit *test)
{
	struct iscsi_hdr hdr;
	struct iscsi_data_rsp *d = (struct iscsi_data_rsp *)&hdr;
	struct iscsi_r2t_rsp *r2t = (struct iscsi_r2t_rsp *)&hdr;
	struct iscsi_scsi_rsp *rsp = (struct iscsi_scsi_rsp *)&hdr;
	const char *why = NULL;

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_DATA_IN);
	d->offset = cpu_to_be32(3584);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_data_in(&hdr, 4096, &why), 0);
	mcs_t_rejected(test, mcs_pdu_check_data_in(&hdr, 4095, &why), &why,
		       "Data-In past the end of the task buffer");
	/* An offset that wraps 32 bits is past the end too. */
	d->offset = cpu_to_be32(0xfffffe01);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_data_in(&hdr, 0xffffffff, &why),
			-EPROTO);

	mcs_t_rx(&hdr, ISCSI_OP_R2T);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_r2t(&hdr, 4096, 4096, &why), 0);
	r2t->data_offset = cpu_to_be32(1);
	mcs_t_rejected(test, mcs_pdu_check_r2t(&hdr, 4096, 4096, &why), &why,
		       "R2T past the end of the transfer");
	r2t->data_offset = cpu_to_be32(0xfffff001);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_r2t(&hdr, 0xffffffff, 0xffffffff,
						&why), -EPROTO);
	r2t->data_offset = 0;
	mcs_t_rejected(test, mcs_pdu_check_r2t(&hdr, 8192, 4095, &why), &why,
		       "R2T desired length exceeds MaxBurstLength");

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_CMD_RSP);
	rsp->flags |= ISCSI_FLAG_CMD_UNDERFLOW;
	rsp->residual_count = cpu_to_be32(512);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_scsi_rsp(&hdr, 512, 0, &why), 0);
	mcs_t_rejected(test, mcs_pdu_check_scsi_rsp(&hdr, 511, 0, &why), &why,
		       "underflow residual exceeds the expected length");
	/* An overflow residual has no bound. */
	rsp->flags = ISCSI_FLAG_CMD_FINAL | ISCSI_FLAG_CMD_OVERFLOW;
	rsp->residual_count = cpu_to_be32(0xffffffff);
	KUNIT_EXPECT_EQ(test, mcs_pdu_check_scsi_rsp(&hdr, 512, 0, &why), 0);
	rsp->flags = ISCSI_FLAG_CMD_FINAL | ISCSI_FLAG_CMD_BIDI_UNDERFLOW;
	rsp->bi_residual_count = cpu_to_be32(4097);
	mcs_t_rejected(test, mcs_pdu_check_scsi_rsp(&hdr, 512, 4096, &why), &why,
		       "bidi underflow residual exceeds the read length");
}

static void mcs_pdu_rx_sense(struct kunit *test)
{
	u8 data[20] = {};
	const char *why = NULL;
	const u8 *sense;
	u16 len;

	KUNIT_EXPECT_EQ(test, mcs_pdu_sense(data, 0, &sense, &len, &why), 0);
	KUNIT_EXPECT_NULL(test, sense);
	mcs_t_rejected(test, mcs_pdu_sense(data, 1, &sense, &len, &why), &why,
		       "data segment too short for SenseLength");

	put_unaligned_be16(18, data);
	KUNIT_EXPECT_EQ(test, mcs_pdu_sense(data, 20, &sense, &len, &why), 0);
	KUNIT_EXPECT_PTR_EQ(test, sense, (const u8 *)data + 2);
	KUNIT_EXPECT_EQ(test, len, 18);
	mcs_t_rejected(test, mcs_pdu_sense(data, 19, &sense, &len, &why), &why,
		       "SenseLength past the data segment");

	put_unaligned_be16(0, data);
	KUNIT_EXPECT_EQ(test, mcs_pdu_sense(data, 2, &sense, &len, &why), 0);
	KUNIT_EXPECT_NULL(test, sense);
	KUNIT_EXPECT_EQ(test, len, 0);
}

static void mcs_pdu_summary_line(struct kunit *test)
{
	struct iscsi_hdr hdr;
	char buf[128];

	mcs_t_rx(&hdr, ISCSI_OP_SCSI_CMD_RSP);
	hton24(hdr.dlength, 96);
	KUNIT_EXPECT_GT(test, mcs_pdu_summary(&hdr, buf, sizeof(buf)), 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "opcode 0x21"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "itt 0x00001234"));
	KUNIT_EXPECT_NOT_NULL(test, strstr(buf, "dlength 96"));
}

/* Lengths */

static void mcs_pdu_lengths(struct kunit *test)
{
	struct iscsi_hdr hdr = {};

	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(0), 0u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(1), 3u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(2), 2u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(3), 1u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(4), 0u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_pad(8193), 3u);

	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, false, false), 48u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, true, false), 52u);
	/* No data, no data digest. */
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, true, true), 52u);

	KUNIT_ASSERT_EQ(test, mcs_pdu_set_dlength(&hdr, 5), 0);
	KUNIT_EXPECT_EQ(test, mcs_pdu_dlength(&hdr), 5u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, false, false), 56u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, false, true), 60u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, true, true), 64u);
	hdr.hlength = 2;
	KUNIT_EXPECT_EQ(test, mcs_pdu_ahs_len(&hdr), 8u);
	KUNIT_EXPECT_EQ(test, mcs_pdu_total_len(&hdr, true, true), 72u);

	KUNIT_EXPECT_EQ(test, mcs_pdu_set_dlength(&hdr, 0xffffff), 0);
	KUNIT_EXPECT_EQ(test, mcs_pdu_dlength(&hdr), 0xffffffu);
	KUNIT_EXPECT_EQ(test, hdr.dlength[0], 0xff);
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_dlength(&hdr, 0x1000000), -EINVAL);
	KUNIT_EXPECT_EQ(test, mcs_pdu_dlength(&hdr), 0xffffffu);
	KUNIT_EXPECT_EQ(test, mcs_pdu_set_dlength(&hdr, 0x010203), 0);
	KUNIT_EXPECT_EQ(test, hdr.dlength[0], 0x01);
	KUNIT_EXPECT_EQ(test, hdr.dlength[2], 0x03);
}

/* Digests */

static void mcs_pdu_digest_rfc_vectors(struct kunit *test)
{
	u8 buf[32];
	unsigned int i;
	__le32 d;

	memset(buf, 0, sizeof(buf));
	d = mcs_pdu_hdr_digest(buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(d), 0x8a9136aau);
	/* On the wire as the RFC lists it: aa 36 91 8a. */
	KUNIT_EXPECT_EQ(test, ((u8 *)&d)[0], 0xaa);
	KUNIT_EXPECT_EQ(test, ((u8 *)&d)[1], 0x36);
	KUNIT_EXPECT_EQ(test, ((u8 *)&d)[2], 0x91);
	KUNIT_EXPECT_EQ(test, ((u8 *)&d)[3], 0x8a);

	memset(buf, 0xff, sizeof(buf));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_hdr_digest(buf, 32)),
			0x62a8ab43u);
	for (i = 0; i < 32; i++)
		buf[i] = i;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_hdr_digest(buf, 32)),
			0x46dd794eu);
	/* 32 bytes need no padding: the data digest is the same. */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_data_digest(buf, 32)),
			0x46dd794eu);
	for (i = 0; i < 32; i++)
		buf[i] = 31 - i;
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_hdr_digest(buf, 32)),
			0x113fdb5cu);
}

static void mcs_pdu_digest_covers_padding(struct kunit *test)
{
	static const char data[] = "123456789";
	u8 padded[12] = "123456789";
	u32 crc;

	/* The well-known CRC32C check value, without padding. */
	crc = mcs_crc32c(MCS_CRC32C_SEED, data, 9);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_crc32c_final(crc)), 0xe3069283u);
	/* The data digest adds three zero bytes of padding. */
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_data_digest(data, 9)),
			0xc48fc8d7u);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_pdu_data_digest(data, 9)),
			le32_to_cpu(mcs_pdu_hdr_digest(padded, sizeof(padded))));
	KUNIT_EXPECT_EQ(test, mcs_crc32c_pad(crc, 12), crc);
}

/*
 * The layout the scatterlist and bvec cases share: an entry starting
 * mid-page, one spanning both pages of an order-1 allocation, and a
 * short one.
 */
struct mcs_t_seg {
	struct page *page;
	unsigned int offset;
	unsigned int len;
};

static unsigned int mcs_t_segs(struct kunit *test, struct mcs_t_seg *seg,
			       u8 **linear)
{
	unsigned int total = 0, i, j, pos = 0;

	seg[0] = (struct mcs_t_seg){ mcs_t_pages(test, 0), 100,
				     PAGE_SIZE - 100 };
	seg[1] = (struct mcs_t_seg){ mcs_t_pages(test, 1), 10,
				     2 * PAGE_SIZE - 20 };
	seg[2] = (struct mcs_t_seg){ mcs_t_pages(test, 0), 0, 1000 };
	for (i = 0; i < 3; i++)
		total += seg[i].len;
	*linear = kunit_kmalloc(test, total, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *linear);
	for (i = 0; i < 3; i++) {
		u8 *p = (u8 *)page_address(seg[i].page) + seg[i].offset;

		for (j = 0; j < seg[i].len; j++, pos++)
			p[j] = (*linear)[pos] = (pos * 7 + pos / 251) & 0xff;
	}
	return total;
}

static u32 mcs_t_linear_crc(const u8 *p, unsigned int len)
{
	return mcs_crc32c(MCS_CRC32C_SEED, p, len);
}

static void mcs_pdu_digest_scatterlist(struct kunit *test)
{
	struct scatterlist sg[3];
	struct mcs_t_seg seg[3];
	unsigned int total, i;
	u8 *linear;
	u32 crc;

	total = mcs_t_segs(test, seg, &linear);
	sg_init_table(sg, 3);
	for (i = 0; i < 3; i++)
		sg_set_page(&sg[i], seg[i].page, seg[i].len, seg[i].offset);

	crc = MCS_CRC32C_SEED;
	KUNIT_ASSERT_EQ(test, mcs_crc32c_sg(&crc, sg, 0, total), 0);
	KUNIT_EXPECT_EQ(test, crc, mcs_t_linear_crc(linear, total));
	KUNIT_EXPECT_EQ(test,
			le32_to_cpu(mcs_crc32c_final(mcs_crc32c_pad(crc, total))),
			le32_to_cpu(mcs_pdu_data_digest(linear, total)));

	/* A PDU's slice: from inside the first entry into the last. */
	crc = MCS_CRC32C_SEED;
	KUNIT_ASSERT_EQ(test, mcs_crc32c_sg(&crc, sg, 50, total - 57), 0);
	KUNIT_EXPECT_EQ(test, crc, mcs_t_linear_crc(linear + 50, total - 57));

	/* Starting exactly at an entry boundary, inside the 2-page entry. */
	crc = MCS_CRC32C_SEED;
	KUNIT_ASSERT_EQ(test, mcs_crc32c_sg(&crc, sg, seg[0].len + 4000, 300),
			0);
	KUNIT_EXPECT_EQ(test, crc,
			mcs_t_linear_crc(linear + seg[0].len + 4000, 300));

	crc = MCS_CRC32C_SEED;
	KUNIT_EXPECT_EQ(test, mcs_crc32c_sg(&crc, sg, 1, total), -EINVAL);
	crc = MCS_CRC32C_SEED;
	KUNIT_EXPECT_EQ(test, mcs_crc32c_sg(&crc, sg, total, 1), -EINVAL);

	/* An RFC vector split over two pages: 16 + 16 zero bytes. */
	memset((u8 *)page_address(seg[0].page) + PAGE_SIZE - 16, 0, 16);
	memset(page_address(seg[2].page), 0, 16);
	sg_init_table(sg, 2);
	sg_set_page(&sg[0], seg[0].page, 16, PAGE_SIZE - 16);
	sg_set_page(&sg[1], seg[2].page, 16, 0);
	crc = MCS_CRC32C_SEED;
	KUNIT_ASSERT_EQ(test, mcs_crc32c_sg(&crc, sg, 0, 32), 0);
	KUNIT_EXPECT_EQ(test, le32_to_cpu(mcs_crc32c_final(crc)), 0x8a9136aau);
}

static void mcs_pdu_digest_bvec(struct kunit *test)
{
	struct bio_vec bv[3];
	struct mcs_t_seg seg[3];
	struct bvec_iter iter = {};
	unsigned int total, i;
	u8 *linear;

	total = mcs_t_segs(test, seg, &linear);
	for (i = 0; i < 3; i++) {
		bv[i].bv_page = seg[i].page;
		bv[i].bv_offset = seg[i].offset;
		bv[i].bv_len = seg[i].len;
	}

	iter.bi_size = total;
	KUNIT_EXPECT_EQ(test, mcs_crc32c_bvec(MCS_CRC32C_SEED, bv, iter),
			mcs_t_linear_crc(linear, total));

	/* Resuming inside the two-page bvec, as a partial receive would. */
	iter.bi_idx = 1;
	iter.bi_bvec_done = 37;
	iter.bi_size = PAGE_SIZE + 500;
	KUNIT_EXPECT_EQ(test, mcs_crc32c_bvec(MCS_CRC32C_SEED, bv, iter),
			mcs_t_linear_crc(linear + seg[0].len + 37,
					 PAGE_SIZE + 500));
}

static struct kunit_case mcs_pdu_cases[] = {
	KUNIT_CASE(mcs_pdu_scsi_cmd_rfc_vector),
	KUNIT_CASE(mcs_pdu_scsi_cmd_write_immediate),
	KUNIT_CASE(mcs_pdu_scsi_cmd_extended_cdb),
	KUNIT_CASE(mcs_pdu_scsi_cmd_bidi),
	KUNIT_CASE(mcs_pdu_scsi_cmd_rejects_bad_params),
	KUNIT_CASE(mcs_pdu_data_out),
	KUNIT_CASE(mcs_pdu_nop_ping),
	KUNIT_CASE(mcs_pdu_nop_reply),
	KUNIT_CASE(mcs_pdu_tmf),
	KUNIT_CASE(mcs_pdu_login),
	KUNIT_CASE(mcs_pdu_text),
	KUNIT_CASE(mcs_pdu_logout),
	KUNIT_CASE(mcs_pdu_snack),
	KUNIT_CASE(mcs_pdu_rx_accepts_valid),
	KUNIT_CASE(mcs_pdu_rx_parse_scsi_rsp),
	KUNIT_CASE(mcs_pdu_rx_parse_data_in),
	KUNIT_CASE(mcs_pdu_rx_parse_r2t),
	KUNIT_CASE(mcs_pdu_rx_parse_login_rsp),
	KUNIT_CASE(mcs_pdu_rx_parse_others),
	KUNIT_CASE(mcs_pdu_rx_ahs),
	KUNIT_CASE(mcs_pdu_rx_task_checks),
	KUNIT_CASE(mcs_pdu_rx_sense),
	KUNIT_CASE(mcs_pdu_summary_line),
	KUNIT_CASE(mcs_pdu_lengths),
	KUNIT_CASE(mcs_pdu_digest_rfc_vectors),
	KUNIT_CASE(mcs_pdu_digest_covers_padding),
	KUNIT_CASE(mcs_pdu_digest_scatterlist),
	KUNIT_CASE(mcs_pdu_digest_bvec),
	/* Last: the runner names the cases after it by this one. */
	KUNIT_CASE_PARAM(mcs_pdu_rx_rejects_malformed, mcs_t_bad_rx_gen_params),
	{}
};

static struct kunit_suite mcs_pdu_suite = {
	.name = "iscsi_mcs_pdu",
	.init = mcs_t_init,
	.exit = mcs_t_exit,
	.test_cases = mcs_pdu_cases,
};

kunit_test_suite(mcs_pdu_suite);
