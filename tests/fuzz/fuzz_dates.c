/*
** fuzz_dates.c — libFuzzer target for the date and era functions
** (dates.h). era_parse gets the text of a reading (arbitrary bytes); the
** arithmetic gets arbitrary ints from the first 16 bytes, with month and
** day counts bounded as callers bound them (profile: 1-24 months).
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dates.h"
#include "fuzzutil.h"

static int32_t get32(const uint8_t *p)
{
	return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
			 (uint32_t)p[3] << 24);
}

static void numbers(int a, int b, int c, int d)
{
	check(date_days_in_month(a, b) >= 0 && date_days_in_month(a, b) <= 31);
	date_is_leap(a);
	int m = date_make(a, b, c);
	check(m == 0 || date_valid(m));
	char iso[11];
	date_format_iso(a, iso);
	check(iso[10] == 0);
	if (date_valid(a)) {
		check(date_from_days(date_to_days(a)) == a);
		date_format_iso(a, iso);
		check(date_parse_iso(iso) == a);
		era e;
		int y;
		if (date_to_era(a, &e, &y) == 0) {
			check(y >= 1 && era_name(e) != NULL);
			/* era_to_date takes era years up to 999 */
			check(era_to_date(e, y, date_month(a), date_day(a)) == (y <= 999 ? a : 0));
		}
	}
	long n = (long)(c % 20000000);
	int x = date_add_days(a, n);
	check(x == 0 || date_valid(x));
	if (x && date_valid(a))
		check(date_diff_days(x, a) == n);
	int months = d % 2400;
	x = date_add_months(a, months);
	check(x == 0 || date_valid(x));
	x = renewal_window_start(a, 1 + (d & 0x7fff) % 24);
	check(x == 0 || date_valid(x));
	x = birthday_in_year(a, b);
	check(x == 0 || date_valid(x));
	x = cert_expiry(a, b, c);
	check(x == 0 || date_valid(x));
	x = era_to_date((era)((unsigned)d % (ERA_COUNT + 2)), b, c, d);
	check(x == 0 || date_valid(x));
	era_name((era)d);
	era_start((era)d);
	date_diff_days(a, b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	if (size >= 16)
		numbers(get32(data), get32(data + 4), get32(data + 8), get32(data + 12));

	char *s = malloc(size + 1);
	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = 0;
	int v = era_parse(s);
	check(v == 0 || date_valid(v));
	v = date_parse_iso(s);
	check(v == 0 || date_valid(v));
	free(s);
	return 0;
}
