// SPDX-License-Identifier: GPL-2.0 OR MIT
/*
 * UTF-16 <-> UTF-8: round trips across every encoding width and the
 * surrogate boundaries, and rejection of each kind of malformed input.
 */
#include <errno.h>
#include <string.h>

#include "iscsidsc.h"
#include "tap.h"
#include "utf16.h"

/* UTF-8 text and its UTF-16 form, both without terminator. */
struct pair {
	const char *what;
	const char *utf8;
	WCHAR utf16[8];
	size_t units;
};

static const struct pair pairs[] = {
	{ "empty string", "", { 0 }, 0 },
	{ "ASCII", "iqn.", { 'i', 'q', 'n', '.' }, 4 },
	{ "U+007F, last 1-byte", "\x7f", { 0x007F }, 1 },
	{ "U+0080, first 2-byte", "\xc2\x80", { 0x0080 }, 1 },
	{ "U+00E9", "\xc3\xa9", { 0x00E9 }, 1 },
	{ "U+07FF, last 2-byte", "\xdf\xbf", { 0x07FF }, 1 },
	{ "U+0800, first 3-byte", "\xe0\xa0\x80", { 0x0800 }, 1 },
	{ "U+20AC euro", "\xe2\x82\xac", { 0x20AC }, 1 },
	{ "U+D7FF, below surrogates", "\xed\x9f\xbf", { 0xD7FF }, 1 },
	{ "U+E000, above surrogates", "\xee\x80\x80", { 0xE000 }, 1 },
	{ "U+FFFF, last BMP", "\xef\xbf\xbf", { 0xFFFF }, 1 },
	{ "U+10000, first pair", "\xf0\x90\x80\x80", { 0xD800, 0xDC00 }, 2 },
	{ "U+1F600, a pair", "\xf0\x9f\x98\x80", { 0xD83D, 0xDE00 }, 2 },
	{ "U+10FFFF, last pair", "\xf4\x8f\xbf\xbf", { 0xDBFF, 0xDFFF }, 2 },
	{ "mixed", "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80z",
	  { 'a', 0x00E9, 0x20AC, 0xD83D, 0xDE00, 'z' }, 6 },
};

static void round_trips(void)
{
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		const struct pair *p = &pairs[i];
		WCHAR wide[16];
		char narrow[32];
		size_t needed = 0, len = strlen(p->utf8);
		int r;

		memset(wide, 0xAA, sizeof(wide));
		r = isdsc_utf8_to_utf16(p->utf8, len, wide, 16, &needed);
		TAP_CHECK(r == 0 && needed == p->units + 1 &&
			  !memcmp(wide, p->utf16, p->units * sizeof(WCHAR)) && wide[p->units] == 0,
			  "UTF-8 -> UTF-16: %s (r=%d, needed=%zu)", p->what, r, needed);

		memset(narrow, 0x55, sizeof(narrow));
		r = isdsc_utf16_to_utf8(p->utf16, p->units, narrow, sizeof(narrow), &needed);
		TAP_CHECK(r == 0 && needed == len + 1 && !memcmp(narrow, p->utf8, len + 1),
			  "UTF-16 -> UTF-8: %s (r=%d, needed=%zu)", p->what, r, needed);
	}
}

static void invalid_utf16(void)
{
	static const struct {
		const char *what;
		WCHAR units[3];
		size_t n;
	} bad[] = {
		{ "lone high surrogate at the end", { 'a', 0xD800 }, 2 },
		{ "high surrogate followed by a BMP unit", { 0xD83D, 'a' }, 2 },
		{ "lone low surrogate", { 0xDC00, 'a' }, 2 },
		{ "low before high (reversed pair)", { 0xDE00, 0xD83D }, 2 },
		{ "two high surrogates", { 0xDBFF, 0xDBFF, 0xDC00 }, 3 },
		{ "embedded NUL", { 'a', 0, 'b' }, 3 },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char out[16] = "untouched";
		int r = isdsc_utf16_to_utf8(bad[i].units, bad[i].n, out, sizeof(out), NULL);

		TAP_CHECK(r == -EILSEQ && !strcmp(out, "untouched"),
			  "UTF-16 rejected, output untouched: %s (r=%d)", bad[i].what, r);
	}
}

static void invalid_utf8(void)
{
	static const struct {
		const char *what;
		const char *bytes;
	} bad[] = {
		{ "overlong NUL C0 80", "\xc0\x80" },
		{ "overlong '/' C1 AF", "\xc1\xaf" },
		{ "overlong 3-byte E0 80 80", "\xe0\x80\x80" },
		{ "overlong 3-byte for U+07FF", "\xe0\x9f\xbf" },
		{ "overlong 4-byte F0 80 80 80", "\xf0\x80\x80\x80" },
		{ "overlong 4-byte for U+FFFF", "\xf0\x8f\xbf\xbf" },
		{ "encoded high surrogate ED A0 80", "\xed\xa0\x80" },
		{ "encoded low surrogate ED BF BF", "\xed\xbf\xbf" },
		{ "U+110000, above Unicode", "\xf4\x90\x80\x80" },
		{ "F5 lead byte", "\xf5\x80\x80\x80" },
		{ "FF byte", "\xff" },
		{ "stray continuation byte", "a\x80" },
		{ "truncated 2-byte sequence", "\xc3" },
		{ "truncated 3-byte sequence", "\xe2\x82" },
		{ "truncated 4-byte sequence", "\xf0\x9f\x98" },
		{ "non-continuation inside a sequence", "\xe2\x28\xa1" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		WCHAR out[8] = { 0x1234 };
		int r = isdsc_utf8_to_utf16(bad[i].bytes, strlen(bad[i].bytes), out, 8, NULL);

		TAP_CHECK(r == -EILSEQ && out[0] == 0x1234,
			  "UTF-8 rejected, output untouched: %s (r=%d)", bad[i].what, r);
	}
	{
		const char with_nul[] = { 'a', '\0', 'b' };
		WCHAR out[8];

		TAP_CHECK(isdsc_utf8_to_utf16(with_nul, 3, out, 8, NULL) == -EILSEQ,
			  "UTF-8 with an embedded NUL is rejected");
	}
}

static void buffer_sizes(void)
{
	const WCHAR smile[] = { 'x', 0xD83D, 0xDE00 };	/* "x" U+1F600: 5 bytes + NUL */
	char narrow[6];
	WCHAR wide[3];
	size_t needed = 0;

	TAP_CHECK(isdsc_utf16_to_utf8(smile, 3, narrow, 5, &needed) == -ENOBUFS && needed == 6,
		  "UTF-8 output one byte short: -ENOBUFS, needed 6 (got %zu)", needed);
	TAP_CHECK(isdsc_utf16_to_utf8(smile, 3, narrow, 6, NULL) == 0 &&
		  !strcmp(narrow, "x\xf0\x9f\x98\x80"), "UTF-8 output of exactly the needed size");
	TAP_CHECK(isdsc_utf16_to_utf8(smile, 3, NULL, 0, &needed) == -ENOBUFS && needed == 6,
		  "measuring with a NULL buffer");
	TAP_CHECK(isdsc_utf8_to_utf16("x\xf0\x9f\x98\x80", 5, wide, 3, &needed) == -ENOBUFS &&
		  needed == 4, "UTF-16 output needs 4 units for x + pair + NUL (got %zu)", needed);
	TAP_CHECK(isdsc_utf16_nlen(smile, 3) == 3, "isdsc_utf16_nlen stops at max");
	TAP_CHECK(isdsc_utf16_nlen((const WCHAR[]){ 'a', 'b', 0, 'c' }, 4) == 2,
		  "isdsc_utf16_nlen stops at the NUL");
}

int main(void)
{
	round_trips();
	invalid_utf16();
	invalid_utf8();
	buffer_sizes();
	return tap_done();
}
