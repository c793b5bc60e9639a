/*
** test_readings.c — text_mask_digit_runs: what the OCR text of a
** handwritten line may still show.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "readings.h"

static void test_mask_digit_runs(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} cases[] = {
		{"", ""},
		{"世田谷区桜2丁目2番27号", "世田谷区桜2丁目2番27号"},        /* short numbers stay */
		{"グランコート308号室", "グランコート308号室"},              /* a 3-digit room stays */
		{"ハイツ業3084主", "ハイツ業****主"},                        /* 4 digits: masked */
		{"山田1234", "山田****"},
		{"1234", "****"},
		{"12345678901", "***********"},                             /* a long run, all of it */
		{"ＡＢ１２ＣＤ", "******"},                                   /* full width, letters and digits */
		{"１２３４号", "****号"},
		{"AB12CD様", "******様"},                                   /* a signing PIN's shape */
		{"ABCD", "ABCD"},                                           /* letters only stay */
		{"12-34", "12-34"},                                         /* split by a mark: two short runs */
		{"A1B", "A1B"},                                             /* 3 characters stay */
		{"x 1234 y", "x **** y"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char buf[128];
		/* bytes past the end are zeroed when the text shrinks */
		memset(buf, 'Z', sizeof buf);
		strcpy(buf, cases[i].in);
		size_t before = strlen(buf);
		text_mask_digit_runs(buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("case %zu: got \"%s\", want \"%s\"", i, buf, cases[i].want);
		for (size_t k = strlen(buf); k < before; k++)
			assert_int_equal(buf[k], 0);
	}
	text_mask_digit_runs(NULL); /* no crash */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask_digit_runs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
