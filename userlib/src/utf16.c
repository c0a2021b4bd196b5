// SPDX-License-Identifier: GPL-2.0 OR MIT
#include <errno.h>
#include <stdint.h>

#include "utf16.h"

#define SURROGATE_HIGH_FIRST	0xD800u
#define SURROGATE_LOW_FIRST	0xDC00u
#define SURROGATE_LAST		0xDFFFu
#define UNICODE_LAST		0x10FFFFu

size_t isdsc_utf16_nlen(const WCHAR *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

static size_t utf8_width(uint32_t cp)
{
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static void utf8_put(char *out, uint32_t cp, size_t width)
{
	static const uint8_t lead[] = { 0, 0x00, 0xC0, 0xE0, 0xF0 };

	for (size_t i = width - 1; i > 0; i--) {
		out[i] = (char)(0x80 | (cp & 0x3F));
		cp >>= 6;
	}
	out[0] = (char)(lead[width] | cp);
}

/* Decodes one code point at src[*pos], advancing *pos; -1 when invalid. */
static int64_t utf16_next(const WCHAR *src, size_t len, size_t *pos)
{
	uint32_t unit = src[(*pos)++];
	uint32_t low;

	if (unit == 0)
		return -1;
	if (unit < SURROGATE_HIGH_FIRST || unit > SURROGATE_LAST)
		return unit;
	if (unit >= SURROGATE_LOW_FIRST || *pos >= len)
		return -1;	/* a low surrogate first, or a high one at the end */
	low = src[*pos];
	if (low < SURROGATE_LOW_FIRST || low > SURROGATE_LAST)
		return -1;
	(*pos)++;
	return 0x10000 + ((unit - SURROGATE_HIGH_FIRST) << 10) + (low - SURROGATE_LOW_FIRST);
}

int isdsc_utf16_to_utf8(const WCHAR *src, size_t len, char *dst,
			size_t dst_size, size_t *needed)
{
	size_t pos = 0, out = 0;

	/* First pass validates and measures, so dst is untouched on error. */
	while (pos < len) {
		int64_t cp = utf16_next(src, len, &pos);

		if (cp < 0)
			return -EILSEQ;
		out += utf8_width((uint32_t)cp);
	}
	if (needed)
		*needed = out + 1;
	if (dst_size < out + 1)
		return -ENOBUFS;

	pos = 0;
	out = 0;
	while (pos < len) {
		uint32_t cp = (uint32_t)utf16_next(src, len, &pos);
		size_t width = utf8_width(cp);

		utf8_put(dst + out, cp, width);
		out += width;
	}
	dst[out] = '\0';
	return 0;
}

/* Decodes one code point at src[*pos], advancing *pos; -1 when invalid. */
static int64_t utf8_next(const unsigned char *src, size_t len, size_t *pos)
{
	static const uint32_t min_for_width[] = { 0, 0, 0x80, 0x800, 0x10000 };
	unsigned char lead = src[*pos];
	size_t width;
	uint32_t cp;

	if (lead == 0)
		return -1;
	if (lead < 0x80) {
		(*pos)++;
		return lead;
	}
	if (lead >= 0xC2 && lead <= 0xDF) {
		width = 2;
		cp = lead & 0x1F;
	} else if (lead >= 0xE0 && lead <= 0xEF) {
		width = 3;
		cp = lead & 0x0F;
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		width = 4;
		cp = lead & 0x07;
	} else {
		return -1;	/* continuation byte, C0/C1 or F5..FF */
	}
	if (len - *pos < width)
		return -1;
	for (size_t i = 1; i < width; i++) {
		unsigned char c = src[*pos + i];

		if ((c & 0xC0) != 0x80)
			return -1;
		cp = cp << 6 | (c & 0x3F);
	}
	if (cp < min_for_width[width] || cp > UNICODE_LAST ||
	    (cp >= SURROGATE_HIGH_FIRST && cp <= SURROGATE_LAST))
		return -1;	/* overlong, out of range, or an encoded surrogate */
	*pos += width;
	return cp;
}

int isdsc_utf8_to_utf16(const char *src, size_t len, WCHAR *dst,
			size_t dst_units, size_t *needed)
{
	const unsigned char *in = (const unsigned char *)src;
	size_t pos = 0, out = 0;

	while (pos < len) {
		int64_t cp = utf8_next(in, len, &pos);

		if (cp < 0)
			return -EILSEQ;
		out += cp >= 0x10000 ? 2 : 1;
	}
	if (needed)
		*needed = out + 1;
	if (dst_units < out + 1)
		return -ENOBUFS;

	pos = 0;
	out = 0;
	while (pos < len) {
		uint32_t cp = (uint32_t)utf8_next(in, len, &pos);

		if (cp >= 0x10000) {
			cp -= 0x10000;
			dst[out++] = (WCHAR)(SURROGATE_HIGH_FIRST + (cp >> 10));
			dst[out++] = (WCHAR)(SURROGATE_LOW_FIRST + (cp & 0x3FF));
		} else {
			dst[out++] = (WCHAR)cp;
		}
	}
	dst[out] = 0;
	return 0;
}
