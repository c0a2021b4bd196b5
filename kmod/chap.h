/* SPDX-License-Identifier: GPL-2.0 */
/*
 * CHAP for iSCSI login (RFC 7143 12.1.3, RFC 1994): the initiator's side,
 * one-way and mutual. Pure steps the login code calls in order:
 *
 *   mcs_chap_offer()            CHAP_A=<our algorithms>
 *   mcs_chap_take_challenge()   the target's CHAP_A, CHAP_I, CHAP_C
 *   mcs_chap_respond()          CHAP_N, CHAP_R (+ CHAP_I, CHAP_C if mutual)
 *   mcs_chap_verify()           the target's CHAP_N, CHAP_R (mutual)
 *
 * Secrets are never logged and never leave struct mcs_chap_creds, which
 * its owner wipes with mcs_chap_creds_wipe().
 */
#ifndef MCS_CHAP_H
#define MCS_CHAP_H

#include <linux/types.h>

#include "text.h"

/* The CHAP_A numbers (IANA PPP authentication algorithms). */
enum mcs_chap_alg {
	MCS_CHAP_MD5 = 5,
	MCS_CHAP_SHA1 = 6,
	MCS_CHAP_SHA256 = 7,
	MCS_CHAP_SHA3_256 = 8,
};

#define MCS_CHAP_ALGS_MAX	4
/* RFC 7143 9.2.1: 96 random bits at least; 256 is what targets store. */
#define MCS_CHAP_SECRET_MIN	12
#define MCS_CHAP_SECRET_MAX	256
#define MCS_CHAP_NAME_MAX	255
/* RFC 7143 12.1.3: C and R are at most 1024 bytes long. */
#define MCS_CHAP_CHALLENGE_MAX	1024
#define MCS_CHAP_DIGEST_MAX	32
/* Our challenge: the digest's length, never fewer than 16 bytes. */
#define MCS_CHAP_OUR_CHALLENGE_MIN 16
/* The shortest challenge we answer from a target. */
#define MCS_CHAP_CHALLENGE_MIN 16

struct mcs_chap_secret {
	u8 data[MCS_CHAP_SECRET_MAX];
	u32 len;
};

struct mcs_chap_creds {
	/* CHAP_N we answer with. */
	char name[MCS_CHAP_NAME_MAX + 1];
	struct mcs_chap_secret secret;
	/* Mutual CHAP: the target must prove it knows @target_secret. */
	bool mutual;
	/* The CHAP_N the target must give; "" accepts any. */
	char target_name[MCS_CHAP_NAME_MAX + 1];
	struct mcs_chap_secret target_secret;
	/* CHAP_A values, most wanted first; none means the default order. */
	u8 algs[MCS_CHAP_ALGS_MAX];
	u8 n_algs;
};

const char *mcs_chap_creds_check(const struct mcs_chap_creds *c);
void mcs_chap_creds_wipe(struct mcs_chap_creds *c);

/* The state of one login's CHAP exchange; about 1 KiB, allocate it. */
struct mcs_chap {
	u8 offered[MCS_CHAP_ALGS_MAX];
	u8 n_offered;
	u8 alg;				/* the target's choice */
	u8 digest_len;
	u8 id;				/* the target's CHAP_I */
	u32 chal_len;
	u8 chal[MCS_CHAP_CHALLENGE_MAX];	/* the target's CHAP_C */
	/* Mutual CHAP: our CHAP_I and CHAP_C. */
	u8 our_id;
	u32 our_chal_len;
	u8 our_chal[MCS_CHAP_DIGEST_MAX];
};

void mcs_chap_init(struct mcs_chap *ch);
void mcs_chap_wipe(struct mcs_chap *ch);

const char *mcs_chap_alg_name(unsigned int alg);
unsigned int mcs_chap_digest_len(unsigned int alg);
int mcs_chap_digest(unsigned int alg, u8 id, const u8 *secret, u32 secret_len,
		    const u8 *chal, u32 chal_len, u8 *out);

int mcs_chap_offer(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		   struct mcs_text_buf *out, const char **why);
int mcs_chap_take_challenge(struct mcs_chap *ch, const char *a, const char *i,
			    const char *c, const char **why);
int mcs_chap_respond(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		     struct mcs_text_buf *out, const char **why);
int mcs_chap_verify(struct mcs_chap *ch, const struct mcs_chap_creds *c,
		    const char *n, const char *r, const char **why);

#endif /* MCS_CHAP_H */
