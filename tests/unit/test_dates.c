/*
** test_dates.c — calendar arithmetic, eras, renewal window, certificate
** expiry (leap years, 元年, month ends, era boundaries).
*/
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "dates.h"

static void test_leap_and_month_length(void **state)
{
	(void)state;
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2025));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2025, 2), 28);
	assert_int_equal(date_days_in_month(2025, 4), 30);
	assert_int_equal(date_days_in_month(2025, 12), 31);
	assert_int_equal(date_days_in_month(2025, 13), 0);
	assert_int_equal(date_make(2024, 2, 29), 20240229);
	assert_int_equal(date_make(2025, 2, 29), 0);
	assert_int_equal(date_make(2025, 4, 31), 0);
	assert_int_equal(date_make(2025, 0, 1), 0);
	assert_int_equal(date_make(2025, 1, 0), 0);
	assert_true(date_valid(20250630));
	assert_false(date_valid(20250631));
	assert_false(date_valid(0));
}

/* Day numbers against a naive "next day" walk over two centuries. */
static void test_day_numbers_exact(void **state)
{
	(void)state;
	assert_int_equal(date_to_days(19700101), 0);
	assert_int_equal(date_to_days(20000101), 10957);
	assert_int_equal(date_to_days(19691231), -1);
	int y = 1900, m = 1, d = 1;
	long n = date_to_days(19000101);
	while (y < 2101) {
		int ymd = y * 10000 + m * 100 + d;
		assert_int_equal(date_to_days(ymd), n);
		assert_int_equal(date_from_days(n), ymd);
		n++;
		if (++d > date_days_in_month(y, m)) {
			d = 1;
			if (++m > 12)
				m = 1, y++;
		}
	}
	assert_int_equal(date_add_days(20240228, 1), 20240229);
	assert_int_equal(date_add_days(20250228, 1), 20250301);
	assert_int_equal(date_add_days(20241231, 1), 20250101);
	assert_int_equal(date_add_days(20250301, -1), 20250228);
	/* far out of range: 0, without overflowing (UBSan would stop here) */
	assert_int_equal(date_add_days(20250301, LONG_MAX), 0);
	assert_int_equal(date_add_days(20250301, LONG_MIN), 0);
	assert_int_equal(renewal_window_start(20250301, INT_MIN), 0);
	assert_int_equal(renewal_window_start(20250301, -3), 0);
	assert_int_equal(date_diff_days(20250301, 20240301), 365);
	assert_int_equal(date_diff_days(20240301, 20230301), 366);
}

static void test_add_months_clamps(void **state)
{
	(void)state;
	assert_int_equal(date_add_months(20210531, -3), 20210228);
	assert_int_equal(date_add_months(20240531, -3), 20240229);
	assert_int_equal(date_add_months(20250331, -1), 20250228);
	assert_int_equal(date_add_months(20250214, -3), 20241114);
	assert_int_equal(date_add_months(20250115, 12), 20260115);
	assert_int_equal(date_add_months(20240229, -12), 20230228);
	assert_int_equal(date_add_months(20240229, 48), 20280229);
	assert_int_equal(date_add_months(20250230, 1), 0);
}

static void test_iso(void **state)
{
	(void)state;
	char buf[11];
	assert_int_equal(date_parse_iso("2025-02-14"), 20250214);
	assert_int_equal(date_parse_iso("2025-02-29"), 0);
	assert_int_equal(date_parse_iso("2025-2-14"), 0);
	assert_int_equal(date_parse_iso("2025/02/14"), 0);
	assert_int_equal(date_parse_iso("2025-02-14 "), 0);
	assert_int_equal(date_parse_iso(""), 0);
	date_format_iso(20240229, buf);
	assert_string_equal(buf, "2024-02-29");
}

static void test_era_boundaries(void **state)
{
	(void)state;
	assert_int_equal(era_to_date(ERA_REIWA, 1, 5, 1), 20190501);   /* 令和元年 */
	assert_int_equal(era_to_date(ERA_REIWA, 1, 4, 30), 0);         /* still 平成 */
	assert_int_equal(era_to_date(ERA_HEISEI, 31, 4, 30), 20190430);
	assert_int_equal(era_to_date(ERA_HEISEI, 31, 5, 1), 0);
	assert_int_equal(era_to_date(ERA_HEISEI, 1, 1, 8), 19890108);
	assert_int_equal(era_to_date(ERA_SHOWA, 64, 1, 7), 19890107);
	assert_int_equal(era_to_date(ERA_SHOWA, 64, 1, 8), 0);
	assert_int_equal(era_to_date(ERA_SHOWA, 1, 12, 25), 19261225);
	assert_int_equal(era_to_date(ERA_TAISHO, 15, 12, 24), 19261224);
	assert_int_equal(era_to_date(ERA_TAISHO, 1, 7, 30), 19120730);
	assert_int_equal(era_to_date(ERA_MEIJI, 45, 7, 29), 19120729);
	assert_int_equal(era_to_date(ERA_MEIJI, 1, 10, 22), 0);
	assert_int_equal(era_to_date(ERA_REIWA, 6, 2, 29), 20240229);
	assert_int_equal(era_to_date(ERA_REIWA, 7, 2, 29), 0);
	assert_int_equal(era_to_date(ERA_REIWA, 0, 1, 1), 0);

	era e;
	int y;
	assert_int_equal(date_to_era(20190501, &e, &y), 0);
	assert_int_equal(e, ERA_REIWA);
	assert_int_equal(y, 1);
	assert_int_equal(date_to_era(20190430, &e, &y), 0);
	assert_int_equal(e, ERA_HEISEI);
	assert_int_equal(y, 31);
	assert_int_equal(date_to_era(20250214, &e, &y), 0);
	assert_int_equal(e, ERA_REIWA);
	assert_int_equal(y, 7);
	assert_int_equal(date_to_era(19410519, &e, &y), 0);
	assert_int_equal(e, ERA_SHOWA);
	assert_int_equal(y, 16);
	assert_int_equal(date_to_era(18681022, &e, &y), -1);
	assert_string_equal(era_name(ERA_HEISEI), "平成");
}

static void test_era_format(void **state)
{
	(void)state;
	static const struct {
		int ymd;
		const char *want;
	} t[] = {
		{20250402, "令和7年4月2日"},
		{20190501, "令和元年5月1日"},
		{20190430, "平成31年4月30日"},
		{19890108, "平成元年1月8日"},
		{19890107, "昭和64年1月7日"},
		{19410519, "昭和16年5月19日"},
		{19261224, "大正15年12月24日"},
		{19120729, "明治45年7月29日"},
	};
	char buf[64];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_true(era_format(t[i].ymd, buf, sizeof buf) > 0);
		assert_string_equal(buf, t[i].want);
		assert_int_equal(era_parse(buf), t[i].ymd); /* and back */
	}
	assert_int_equal(era_format(20250230, buf, sizeof buf), -1);
	assert_int_equal(era_format(18000101, buf, sizeof buf), -1);
	assert_int_equal(era_format(20250402, buf, 8), -1); /* too small */
}

static void test_era_parse(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int want;
	} t[] = {
		{"令和7年4月2日", 20250402},
		{"昭和16年5月19日生", 19410519},
		{"平成元年1月12日生", 19890112},
		{"令和元年5月1日", 20190501},
		{"令和１年５月１日", 20190501},
		{"令和７年１０月２９日", 20251029},
		{"令和 7年 4月 2日", 20250402},
		{"令和　７年　４月　２日", 20250402},
		{"令和七年十二月二十二日", 20251222},
		{"令和七年四月二日", 20250402},
		{"大正十五年十二月二十四日生", 19261224},
		{"明治45年7月29日", 19120729},
		{"令和6年2月29日", 20240229},
		{"令和7年2月29日", 0},   /* 2025 is not a leap year */
		{"令和元年4月30日", 0},  /* before the era */
		{"昭和64年1月8日", 0},   /* that day is 平成元年 */
		{"令和7年4月2日X", 0},
		{"7年4月2日", 0},
		{"令和7年4月", 0},
		{"令和7年13月1日", 0},
		{"令和年4月2日", 0},
		{"", 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int got = era_parse(t[i].text);
		if (got != t[i].want)
			fail_msg("era_parse(\"%s\") = %d, want %d", t[i].text, got, t[i].want);
	}
	assert_int_equal(era_parse(NULL), 0);
	assert_int_equal(era_parse("\xff\xfe"), 0);
	/* an overlong 7 (C1 B7) is no 7 */
	assert_int_equal(era_parse("\xe4\xbb\xa4\xe5\x92\x8c\xc1\xb7\xe5\xb9\xb4"
				   "1\xe6\x9c\x88" "1\xe6\x97\xa5"), 0);
	assert_true(era_parse("\xe4\xbb\xa4\xe5\x92\x8c" "7\xe5\xb9\xb4"
			      "1\xe6\x9c\x88" "1\xe6\x97\xa5") != 0);
}

static void test_renewal_window(void **state)
{
	(void)state;
	static const struct {
		int expiry, months, want;
	} t[] = {
		{20200924, 3, 20200625},  /* SPEC §1 example */
		{20210531, 3, 20210301},  /* 02-28 → from 03-01 */
		{20240531, 3, 20240301},  /* leap year: 02-29 → from 03-01 */
		{20250514, 3, 20250215},
		{20250513, 3, 20250214},
		{20250630, 3, 20250331},
		{20251231, 3, 20251001},  /* 09-30 → from 10-01 */
		{20250131, 3, 20241101},  /* across the year */
		{20250301, 12, 20240302}, /* overseas: 1 year */
		{20250228, 12, 20240229},
		{20240229, 12, 20230301}, /* 2023-02-28 → from 03-01 */
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int got = renewal_window_start(t[i].expiry, t[i].months);
		if (got != t[i].want)
			fail_msg("window(%d, %d) = %d, want %d", t[i].expiry, t[i].months, got, t[i].want);
	}
	assert_int_equal(renewal_window_start(20250230, 3), 0);
}

static void test_birthday_feb29(void **state)
{
	(void)state;
	/* Decision (dates.c): 29 February falls on 28 February in a common year. */
	assert_int_equal(birthday_in_year(20000229, 2025), 20250228);
	assert_int_equal(birthday_in_year(20000229, 2028), 20280229);
	assert_int_equal(birthday_in_year(19800924, 2025), 20250924);
}

static void test_cert_expiry(void **state)
{
	(void)state;
	/* birthdays after 2020-06-01: 2020-09-24 is the 1st, 2024-09-24 the 5th */
	assert_int_equal(cert_expiry(20200601, 19800924, 0), 20240924);
	/* issued on the birthday: that day does not count */
	assert_int_equal(cert_expiry(20200924, 19800924, 0), 20250924);
	/* issued the day after the birthday */
	assert_int_equal(cert_expiry(20200925, 19800924, 0), 20250924);
	/* 29 February: 2022-02-28 (1) … 2026-02-28 (5) */
	assert_int_equal(cert_expiry(20210301, 20000229, 0), 20260228);
	/* issued on 28 February of a common year, born 29 February: that 28th
	** is the birthday, so the first counted one is 2024-02-29 */
	assert_int_equal(cert_expiry(20230228, 20000229, 0), 20280229);
	/* capped by the card's expiry */
	assert_int_equal(cert_expiry(20200601, 19800924, 20230101), 20230101);
	assert_int_equal(cert_expiry(20200601, 19800924, 20300101), 20240924);
	assert_int_equal(cert_expiry(20200601, 20210101, 0), 0); /* born after issue */
	assert_int_equal(cert_expiry(20200631, 19800924, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_leap_and_month_length),
		cmocka_unit_test(test_day_numbers_exact),
		cmocka_unit_test(test_add_months_clamps),
		cmocka_unit_test(test_iso),
		cmocka_unit_test(test_era_boundaries),
		cmocka_unit_test(test_era_format),
		cmocka_unit_test(test_era_parse),
		cmocka_unit_test(test_renewal_window),
		cmocka_unit_test(test_birthday_feb29),
		cmocka_unit_test(test_cert_expiry),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
