// SPDX-License-Identifier: GPL-2.0
/*
 * iSCSI text data (RFC 7143 section 6.1): key=value pairs, each ended by
 * one NUL, possibly spread over several PDUs chained by the C bit.
 *
 * A pair may be cut anywhere by a PDU boundary, so nothing is decoded
 * until the last PDU (C clear) has arrived; the whole text is bounded so a
 * peer that never clears C cannot make us allocate without end.
 */

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/string.h>

#include "text.h"

void mcs_text_buf_init(struct mcs_text_buf *tb, u32 limit)
{
	tb->data = NULL;
	tb->len = 0;
	tb->size = 0;
	tb->limit = limit;
}

void mcs_text_buf_reset(struct mcs_text_buf *tb)
{
	tb->len = 0;
}

void mcs_text_buf_free(struct mcs_text_buf *tb)
{
	kvfree_sensitive(tb->data, tb->size);
	mcs_text_buf_init(tb, tb->limit);
}

/**
 * mcs_text_printable() - make a target's free text safe to show
 * @s: a NUL-terminated string, changed in place
 *
 * Control characters (a newline would forge a sysfs line) become '?'.
 */
void mcs_text_printable(char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			*s = '?';
}

/* Make room for @extra more bytes, doubling so appends stay linear. */
static int mcs_text_reserve(struct mcs_text_buf *tb, u32 extra,
			    const char **why)
{
	u32 need, size;
	char *data;

	if (extra > tb->limit || tb->len > tb->limit - extra) {
		*why = "text exceeds its size limit";
		return -EMSGSIZE;
	}
	need = tb->len + extra;
	if (need <= tb->size)
		return 0;
	size = max_t(u32, tb->size, 256);
	while (size < need)
		size = size > U32_MAX / 2 ? U32_MAX : size * 2;
	size = min(size, tb->limit);
	data = kvmalloc(size, GFP_KERNEL);
	if (!data) {
		*why = "out of memory for text";
		return -ENOMEM;
	}
	if (tb->len)
		memcpy(data, tb->data, tb->len);
	/* It may hold a CHAP response: no copy of it outlives its use. */
	kvfree_sensitive(tb->data, tb->size);
	tb->data = data;
	tb->size = size;
	return 0;
}

static bool mcs_text_key_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' ||
	       c == '@' || c == '_' || c == '#';
}

/**
 * mcs_text_key_check() - check a key name
 * @key: the name, not necessarily NUL-terminated
 * @len: its length
 *
 * RFC 7143 6.1 allows letters, digits and ".-+@_"; '#' is added for the
 * "X#" public extension keys. The RFC asks for a capital first letter, yet
 * defines iSCSIProtocolLevel, so only a letter is required.
 *
 * Return: NULL when valid, otherwise a static reason.
 */
const char *mcs_text_key_check(const char *key, size_t len)
{
	size_t i;

	if (!len)
		return "key name is empty";
	if (len > MCS_TEXT_KEY_MAX)
		return "key name is longer than 63 bytes";
	if (!((key[0] >= 'A' && key[0] <= 'Z') ||
	      (key[0] >= 'a' && key[0] <= 'z')))
		return "key name does not start with a letter";
	for (i = 1; i < len; i++)
		if (!mcs_text_key_char(key[i]))
			return "key name holds a character other than letters, digits and .-+@_#";
	return NULL;
}

/**
 * mcs_text_add() - append key=value and its NUL to a text
 * @tb: the text
 * @key: key name, checked with mcs_text_key_check()
 * @value: NUL-terminated value, at most MCS_TEXT_LONG_VALUE_MAX bytes
 * @why: set to a static reason on failure
 *
 * Return: 0, -EINVAL for a bad key or value, -EMSGSIZE past the text's
 * limit, -ENOMEM.
 */
int mcs_text_add(struct mcs_text_buf *tb, const char *key, const char *value,
		 const char **why)
{
	size_t klen = strlen(key);
	size_t vlen = strnlen(value, MCS_TEXT_LONG_VALUE_MAX + 1);
	const char *bad;
	char *p;
	int ret;

	bad = mcs_text_key_check(key, klen);
	if (bad) {
		*why = bad;
		return -EINVAL;
	}
	if (vlen > MCS_TEXT_LONG_VALUE_MAX) {
		*why = "value is longer than 8192 bytes";
		return -EINVAL;
	}
	ret = mcs_text_reserve(tb, klen + vlen + 2, why);
	if (ret)
		return ret;
	p = tb->data + tb->len;
	memcpy(p, key, klen);
	p[klen] = '=';
	memcpy(p + klen + 1, value, vlen);
	p[klen + 1 + vlen] = '\0';
	tb->len += klen + vlen + 2;
	return 0;
}

int mcs_text_add_u32(struct mcs_text_buf *tb, const char *key, u32 value,
		     const char **why)
{
	char num[11];

	snprintf(num, sizeof(num), "%u", value);
	return mcs_text_add(tb, key, num, why);
}

void mcs_text_acc_init(struct mcs_text_acc *acc, u32 limit)
{
	mcs_text_buf_init(&acc->buf, limit);
	acc->partial = false;
}

/**
 * mcs_text_acc_add() - take the data segment of one received PDU
 * @acc: the text being received
 * @seg: the data segment, without padding
 * @len: its length
 * @cont: the PDU's C bit
 * @why: set to a static reason on failure
 *
 * Once this answers 1 the text in @acc->buf is complete; it stays there
 * until mcs_text_acc_reset(), which must come before the next text.
 *
 * Return: 1 when the text is complete, 0 when more segments must follow,
 * -EMSGSIZE past the limit, -EPROTO when the text does not end with a NUL,
 * -ENOMEM.
 */
int mcs_text_acc_add(struct mcs_text_acc *acc, const void *seg, u32 len,
		     bool cont, const char **why)
{
	struct mcs_text_buf *tb = &acc->buf;
	int ret;

	if (len) {
		ret = mcs_text_reserve(tb, len, why);
		if (ret)
			return ret;
		memcpy(tb->data + tb->len, seg, len);
		tb->len += len;
	}
	acc->partial = cont;
	if (cont)
		return 0;
	if (tb->len && tb->data[tb->len - 1] != '\0') {
		*why = "text does not end with a NUL";
		return -EPROTO;
	}
	return 1;
}

void mcs_text_acc_reset(struct mcs_text_acc *acc)
{
	mcs_text_buf_reset(&acc->buf);
	acc->partial = false;
}

void mcs_text_acc_free(struct mcs_text_acc *acc)
{
	mcs_text_buf_free(&acc->buf);
	acc->partial = false;
}

static int mcs_text_key_cmp(const void *a, const void *b)
{
	return strcmp(*(const char * const *)a, *(const char * const *)b);
}

/* Sorting keeps a text of thousands of pairs from costing n^2 compares. */
static int mcs_text_check_dups(const struct mcs_text_pairs *pairs,
			       const char **why)
{
	const char **keys;
	int ret = 0;
	u32 i;

	if (pairs->n < 2)
		return 0;
	keys = kvmalloc_array(pairs->n, sizeof(*keys), GFP_KERNEL);
	if (!keys) {
		*why = "out of memory for text";
		return -ENOMEM;
	}
	for (i = 0; i < pairs->n; i++)
		keys[i] = pairs->pair[i].key;
	sort(keys, pairs->n, sizeof(*keys), mcs_text_key_cmp, NULL);
	for (i = 1; i < pairs->n; i++) {
		if (!strcmp(keys[i - 1], keys[i])) {
			*why = "text repeats a key";
			ret = -EPROTO;
			break;
		}
	}
	kvfree(keys);
	return ret;
}

/**
 * mcs_text_decode() - split a complete text into its pairs
 * @text: the text; each '=' that ends a key is replaced by a NUL
 * @len: its length, including the final NUL
 * @flags: MCS_TEXT_DUPS_OK to allow a key more than once
 * @pairs: filled with pointers into @text, in the order received; free
 *         with mcs_text_pairs_free()
 * @why: set to a static reason on failure
 *
 * Empty strings between NULs are skipped: some targets pad their text
 * with NULs, and an empty string carries no key to misread.
 *
 * Return: 0, -EPROTO for malformed text, -E2BIG for too many pairs,
 * -ENOMEM.
 */
int mcs_text_decode(char *text, u32 len, unsigned int flags,
		    struct mcs_text_pairs *pairs, const char **why)
{
	struct mcs_text_pair *pair;
	const char *bad;
	u32 off, n = 0;
	int ret;

	pairs->pair = NULL;
	pairs->n = 0;
	if (!len)
		return 0;
	if (text[len - 1] != '\0') {
		*why = "text does not end with a NUL";
		return -EPROTO;
	}
	for (off = 0; off < len; off++)
		if (text[off] == '\0' && off && text[off - 1] != '\0')
			n++;
	if (n > MCS_TEXT_PAIRS_MAX) {
		*why = "text holds more than 8192 pairs";
		return -E2BIG;
	}
	if (!n)
		return 0;
	pair = kvmalloc_array(n, sizeof(*pair), GFP_KERNEL);
	if (!pair) {
		*why = "out of memory for text";
		return -ENOMEM;
	}
	pairs->pair = pair;

	for (off = 0; off < len;) {
		char *s = text + off;
		size_t slen = strlen(s);
		char *eq;

		off += slen + 1;
		if (!slen)
			continue;
		eq = memchr(s, '=', slen);
		if (!eq) {
			*why = "pair has no '='";
			goto proto;
		}
		bad = mcs_text_key_check(s, eq - s);
		if (bad) {
			*why = bad;
			goto proto;
		}
		if (slen - (eq - s) - 1 > MCS_TEXT_LONG_VALUE_MAX) {
			*why = "value is longer than 8192 bytes";
			goto proto;
		}
		*eq = '\0';
		pair[pairs->n].key = s;
		pair[pairs->n].value = eq + 1;
		pair[pairs->n].value_len = slen - (eq - s) - 1;
		pairs->n++;
	}

	if (!(flags & MCS_TEXT_DUPS_OK)) {
		ret = mcs_text_check_dups(pairs, why);
		if (ret) {
			mcs_text_pairs_free(pairs);
			return ret;
		}
	}
	return 0;

proto:
	mcs_text_pairs_free(pairs);
	return -EPROTO;
}

void mcs_text_pairs_free(struct mcs_text_pairs *pairs)
{
	kvfree(pairs->pair);
	pairs->pair = NULL;
	pairs->n = 0;
}

/* Return: the value of the first pair named @key, or NULL. */
const char *mcs_text_find(const struct mcs_text_pairs *pairs, const char *key)
{
	u32 i;

	for (i = 0; i < pairs->n; i++)
		if (!strcmp(pairs->pair[i].key, key))
			return pairs->pair[i].value;
	return NULL;
}

/*
 * The peer's MaxRecvDataSegmentLength bounds each segment; a pair may be
 * cut anywhere, the peer joins the pieces (RFC 7143 6.1).
 */
void mcs_text_seg_start(struct mcs_text_seg_iter *it,
			const struct mcs_text_buf *tb, u32 max)
{
	it->tb = tb;
	it->off = 0;
	/* A zero bound would never make progress. */
	it->max = max ?: MCS_TEXT_SEGMENT_MIN;
	it->done = false;
}

/*
 * Return: false once every segment was given. An empty text still gives
 * one empty segment: the PDU that carries no keys must be sent too.
 */
bool mcs_text_seg_next(struct mcs_text_seg_iter *it, struct mcs_text_seg *seg)
{
	if (it->done)
		return false;
	/* An empty text may have no buffer at all. */
	seg->data = it->tb->data ? it->tb->data + it->off : NULL;
	seg->len = min(it->tb->len - it->off, it->max);
	it->off += seg->len;
	seg->cont = it->off < it->tb->len;
	it->done = !seg->cont;
	return true;
}

/*
 * The constants RFC 7143 6.2 reserves for answers; offering them, or
 * answering with them for a key never offered, is a protocol error.
 */
bool mcs_text_is_reserved(const char *value)
{
	return !strcmp(value, "Reject") || !strcmp(value, "Irrelevant") ||
	       !strcmp(value, "NotUnderstood");
}

/**
 * mcs_text_parse_num() - parse a numerical value
 * @s: decimal-constant or hex-constant ("0x"/"0X" prefix), RFC 7143 6.1
 * @max: the largest value accepted
 * @out: the value
 *
 * Leading zeros of a decimal are accepted as decimal, never as octal.
 *
 * Return: 0, -EINVAL when @s is not a number, -ERANGE above @max.
 */
int mcs_text_parse_num(const char *s, u64 max, u64 *out)
{
	unsigned int base = 10;
	u64 v = 0;
	int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return -EINVAL;
	for (; *s; s++) {
		d = hex_to_bin(*s);
		if (d < 0 || d >= base)
			return -EINVAL;
		if (v > (U64_MAX - d) / base)
			return -ERANGE;
		v = v * base + d;
	}
	if (v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

static int mcs_text_b64(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

/* RFC 4648 base64 with its padding, as RFC 7143 6.1 asks. */
static int mcs_text_parse_base64(const char *s, size_t n, u8 *out,
				 u32 out_max, u32 *out_len, const char **why)
{
	size_t pad = 0, bytes, i, o = 0;
	u32 quad = 0;
	int d;

	if (!n || n % 4) {
		*why = "base64 value length is not a multiple of 4";
		return -EINVAL;
	}
	if (s[n - 1] == '=')
		pad = s[n - 2] == '=' ? 2 : 1;
	bytes = n / 4 * 3 - pad;
	if (bytes > out_max) {
		*why = "binary value is too long";
		return -EMSGSIZE;
	}
	for (i = 0; i < n - pad; i++) {
		d = mcs_text_b64(s[i]);
		if (d < 0) {
			*why = "base64 value holds a character outside its alphabet";
			return -EINVAL;
		}
		quad = quad << 6 | d;
		if (i % 4 == 3) {
			out[o++] = quad >> 16;
			out[o++] = quad >> 8;
			out[o++] = quad;
			quad = 0;
		}
	}
	if (pad == 1) {
		out[o++] = quad >> 10;
		out[o++] = quad >> 2;
	} else if (pad == 2) {
		out[o++] = quad >> 4;
	}
	*out_len = o;
	return 0;
}

/**
 * mcs_text_parse_binary() - parse a large-binary-value
 * @s: "0x"/"0X" and hex digits, or "0b"/"0B" and base64 (RFC 7143 6.1)
 * @out: the bytes
 * @out_max: room in @out
 * @out_len: how many bytes were written
 * @why: set to a static reason on failure
 *
 * An odd number of hex digits has an implied leading zero digit.
 *
 * Return: 0, -EINVAL when malformed, -EMSGSIZE when longer than @out_max.
 */
int mcs_text_parse_binary(const char *s, u8 *out, u32 out_max, u32 *out_len,
			  const char **why)
{
	size_t n = strlen(s), i, o = 0;
	int hi, lo;

	if (n < 3 || s[0] != '0') {
		*why = "binary value is not 0x-hex or 0b-base64";
		return -EINVAL;
	}
	if (s[1] == 'b' || s[1] == 'B')
		return mcs_text_parse_base64(s + 2, n - 2, out, out_max,
					     out_len, why);
	if (s[1] != 'x' && s[1] != 'X') {
		*why = "binary value is not 0x-hex or 0b-base64";
		return -EINVAL;
	}
	s += 2;
	n -= 2;
	if ((n + 1) / 2 > out_max) {
		*why = "binary value is too long";
		return -EMSGSIZE;
	}
	for (i = 0; i < n; i++) {
		if (hex_to_bin(s[i]) < 0) {
			*why = "hex value holds a non-hex digit";
			return -EINVAL;
		}
	}
	i = 0;
	if (n % 2)
		out[o++] = hex_to_bin(s[i++]);
	for (; i < n; i += 2) {
		hi = hex_to_bin(s[i]);
		lo = hex_to_bin(s[i + 1]);
		out[o++] = hi << 4 | lo;
	}
	*out_len = o;
	return 0;
}
