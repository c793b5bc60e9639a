/*
** test_readings.c — text_mask_digit_runs: what the OCR text of a
** handwritten line may still show; date_doubt_ja: what a reviewer is told
** of a date the rules could not decide.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
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

/* A date read cell by cell: "" empty, else the candidates as "c:p c:p"
** (p_other after an "o:"), all read as written or empty at 0.999. */
static void set_date(cells_reading *d, const char *const cells[6])
{
	memset(d, 0, sizeof *d);
	d->n = 6;
	for (int i = 0; i < 6; i++) {
		cell_reading *c = &d->cell[i];
		c->written.conf = 0.999;
		const char *s = cells[i];
		c->written.value = s[0] != 0;
		while (*s) {
			char ch = s[0];
			double p = strtod(s + 2, (char **)&s);
			if (ch == 'o')
				c->p_other = p;
			else
				c->cand[c->ncand].ch = ch, c->cand[c->ncand++].p = p;
			while (*s == ' ')
				s++;
		}
	}
}

static void test_date_doubt_ja(void **state)
{
	(void)state;
	static const struct {
		const char *cells[6];
		const char *want;
	} cases[] = {
		/* every box sure: nothing to say */
		{{"", "7:1", "0:0.99", "2:0.99", "1:0.95", "3:0.999"}, ""},
		/* the month's lone box in doubt: named without the box */
		{{"", "7:1", "", "1:0.6 6:0.35 8:0.04", "1:1", "5:1"},
		 "月（1か6）が判読できません"},
		/* two boxes of one part, at most three candidates, one alone */
		{{"0:1", "7:1", "0:0.41 3:0.3 2:0.21 8:0.06", "2:0.889 1:0.03", "1:1", "5:1"},
		 "月の1桁目（0か3か2）、月の2桁目（2？）が判読できません"},
		/* a mark that is no digit */
		{{"", "7:1", "", "2:1", "1:0.5 7:0.2 o:0.3", "5:1"},
		 "日の1桁目（1か7か記号）が判読できません"},
		/* no candidate reaches 0.05 */
		{{"", "7:1", "", "2:1", "1:0.04 7:0.04", "5:1"},
		 "日の1桁目（不明）が判読できません"},
	};
	cells_reading d0;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cells_reading d;
		char out[256];
		set_date(&d, cases[i].cells);
		int n = date_doubt_ja(&d, 0.9, out, sizeof out);
		assert_string_equal(out, cases[i].want);
		assert_int_equal(n, (int)strlen(cases[i].want));
	}
	/* the same boxes as a mask */
	set_date(&d0, cases[2].cells);
	assert_int_equal(date_doubt_cells(&d0, 0.9), (1u << 2) | (1u << 3));
	set_date(&d0, cases[0].cells);
	assert_int_equal(date_doubt_cells(&d0, 0.9), 0);
	/* a box not sure whether it is written */
	cells_reading d;
	char out[256];
	static const char *const sure[6] = {"", "7:1", "", "2:1", "1:1", "5:1"};
	set_date(&d, sure);
	d.cell[0].written.conf = 0.7;
	assert_true(date_doubt_ja(&d, 0.9, out, sizeof out) > 0);
	assert_string_equal(out, "年の1桁目（記入の有無）が判読できません");
	assert_int_equal(date_doubt_cells(&d, 0.9), 1u);
	/* too small a buffer: -1 and "" (no half sentence) */
	set_date(&d, cases[2].cells);
	assert_int_equal(date_doubt_ja(&d, 0.9, out, 20), -1);
	assert_string_equal(out, "");
	/* not a date */
	d.n = 4;
	assert_int_equal(date_doubt_ja(&d, 0.9, out, sizeof out), 0);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mask_digit_runs),
		cmocka_unit_test(test_date_doubt_ja),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
