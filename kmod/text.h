/* SPDX-License-Identifier: GPL-2.0 */
/*
 * iSCSI text data: the key=value<NUL> pairs of Login and Text PDUs
 * (RFC 7143 section 6.1), collected from and cut into data segments that
 * the C (continue) bit chains together.
 *
 * Every function that can refuse input answers a static reason string, as
 * config.c does, so the login code can hand it on without formatting.
 */
#ifndef MCS_TEXT_H
#define MCS_TEXT_H

#include <linux/bits.h>
#include <linux/types.h>

/* RFC 7143 6.1: key names are at most 63 bytes. */
#define MCS_TEXT_KEY_MAX	63
/* RFC 7143 6.1: the usual limit of a value. */
#define MCS_TEXT_VALUE_MAX	255
/*
 * Values that carry large binary data (CHAP_C, CHAP_R: up to 1024 bytes,
 * 2050 characters in hex) may be longer; this caps every value whatever
 * its key, so that a key we do not know cannot grow without bound.
 */
#define MCS_TEXT_LONG_VALUE_MAX	8192
/* The default bound of one whole text, all its PDUs together. */
#define MCS_TEXT_MAX		65536
/* The most pairs one text may hold, whatever its size. */
#define MCS_TEXT_PAIRS_MAX	8192
/* RFC 7143 13.12: no peer may declare a smaller MaxRecvDataSegmentLength. */
#define MCS_TEXT_SEGMENT_MIN	512

/*
 * A growing byte buffer that never exceeds @limit: the text received so
 * far, or the text to send.
 */
struct mcs_text_buf {
	char *data;
	u32 len;
	u32 size;
	u32 limit;
};

void mcs_text_buf_init(struct mcs_text_buf *tb, u32 limit);
void mcs_text_buf_reset(struct mcs_text_buf *tb);
void mcs_text_buf_free(struct mcs_text_buf *tb);

int mcs_text_add(struct mcs_text_buf *tb, const char *key, const char *value,
		 const char **why);
int mcs_text_add_u32(struct mcs_text_buf *tb, const char *key, u32 value,
		     const char **why);

/*
 * Receiving side: data segments are appended until one arrives without
 * the C bit; only then is the text complete and may be decoded.
 */
struct mcs_text_acc {
	struct mcs_text_buf buf;
	/* A segment with C set was taken: the text is not complete yet. */
	bool partial;
};

void mcs_text_acc_init(struct mcs_text_acc *acc, u32 limit);
int mcs_text_acc_add(struct mcs_text_acc *acc, const void *seg, u32 len,
		     bool cont, const char **why);
void mcs_text_acc_reset(struct mcs_text_acc *acc);
void mcs_text_acc_free(struct mcs_text_acc *acc);

struct mcs_text_pair {
	const char *key;
	const char *value;
	u32 value_len;
};

void mcs_text_printable(char *s);

/* Pairs point into the text they were decoded from; it must outlive them. */
struct mcs_text_pairs {
	struct mcs_text_pair *pair;
	u32 n;
};

/* mcs_text_decode() flags. */
#define MCS_TEXT_DUPS_OK	BIT(0)	/* SendTargets answers repeat keys */

int mcs_text_decode(char *text, u32 len, unsigned int flags,
		    struct mcs_text_pairs *pairs, const char **why);
void mcs_text_pairs_free(struct mcs_text_pairs *pairs);
const char *mcs_text_find(const struct mcs_text_pairs *pairs, const char *key);

/* Sending side: cut a text into data segments of at most @max bytes. */
struct mcs_text_seg {
	const char *data;
	u32 len;
	bool cont;	/* set the C bit: more of this text follows */
};

struct mcs_text_seg_iter {
	const struct mcs_text_buf *tb;
	u32 off;
	u32 max;
	bool done;
};

void mcs_text_seg_start(struct mcs_text_seg_iter *it,
			const struct mcs_text_buf *tb, u32 max);
bool mcs_text_seg_next(struct mcs_text_seg_iter *it, struct mcs_text_seg *seg);

/* Values (RFC 7143 6.1 value formats). */
const char *mcs_text_key_check(const char *key, size_t len);
bool mcs_text_is_reserved(const char *value);
int mcs_text_parse_num(const char *s, u64 max, u64 *out);
int mcs_text_parse_binary(const char *s, u8 *out, u32 out_max, u32 *out_len,
			  const char **why);

#endif /* MCS_TEXT_H */
