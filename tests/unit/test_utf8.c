/*
** test_utf8.c — utf8_next: well-formed characters decode, and every kind
** of malformed sequence is refused.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "utf8.h"

static void test_utf8_next(void **state)
{
	(void)state;
	static const struct {
		const char *bytes;
		size_t n;
		int len;  /* 0: refused */
		long cp;
	} cases[] = {
		{"A", 1, 1, 'A'},
		{"\x00", 1, 1, 0},                    /* a NUL is a character; callers decide */
		{"\xC3\xA9", 2, 2, 0xE9},             /* é */
		{"\xE6\x9D\xB1", 3, 3, 0x6771},       /* 東 */
		{"\xEF\xBC\x91", 3, 3, 0xFF11},       /* full-width 1 */
		{"\xF0\x9F\x98\x80", 4, 4, 0x1F600},
		{"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF}, /* the last code point */
		{"\xC0\x80", 2, 0, 0},                /* overlong NUL */
		{"\xC1\xB7", 2, 0, 0},                /* overlong '7' */
		{"\xE0\x80\xB7", 3, 0, 0},            /* overlong, 3 bytes */
		{"\xF0\x80\x80\xB7", 4, 0, 0},        /* overlong, 4 bytes */
		{"\xED\xA0\x80", 3, 0, 0},            /* a surrogate */
		{"\xF4\x90\x80\x80", 4, 0, 0},        /* past U+10FFFF */
		{"\x80", 1, 0, 0},                    /* a stray continuation byte */
		{"\xFF", 1, 0, 0},
		{"\xE6\x9D", 2, 0, 0},                /* cut short by n */
		{"\xE6\x41\xB1", 3, 0, 0},            /* a missing continuation byte */
		{"\xE6\x9D\xB1", 2, 0, 0},            /* n says the third byte is not there */
		{"", 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		long cp = -7;
		int len = utf8_next((const unsigned char *)cases[i].bytes, cases[i].n, &cp);
		if (len != cases[i].len)
			fail_msg("case %zu: length %d, want %d", i, len, cases[i].len);
		if (len && cp != cases[i].cp)
			fail_msg("case %zu: code point %lx, want %lx", i, cp, cases[i].cp);
		if (!len && cp != -7)
			fail_msg("case %zu: a refused sequence set the code point", i);
	}
	assert_int_equal(utf8_next(NULL, 3, NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_utf8_next),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
