/*
** dates.c — calendar arithmetic, Japanese eras, renewal window and
** certificate expiry.
*/
#include "dates.h"
#include "utf8.h"

#include <stdio.h>
#include <string.h>

int date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
	static const int md[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return m == 2 && date_is_leap(y) ? 29 : md[m - 1];
}

int date_make(int y, int m, int d)
{
	if (y < 1 || y > 9999 || d < 1 || d > date_days_in_month(y, m))
		return 0;
	return y * 10000 + m * 100 + d;
}

int date_valid(int ymd)
{
	return ymd > 0 && date_make(ymd / 10000, ymd / 100 % 100, ymd % 100) == ymd;
}

int date_year(int ymd) { return ymd / 10000; }
int date_month(int ymd) { return ymd / 100 % 100; }
int date_day(int ymd) { return ymd % 100; }

/* Count days in 400-year eras starting on 1 March, so that the leap day
** is the last day of its year and every year has a simple shape. */
long date_to_days(int ymd)
{
	long y = ymd / 10000, m = ymd / 100 % 100, d = ymd % 100;
	if (m <= 2)
		y--;
	long cycle = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - cycle * 400;                         /* [0, 399] */
	long mp = (m + 9) % 12;                             /* March = 0 */
	long doy = (153 * mp + 2) / 5 + d - 1;              /* [0, 365] */
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;   /* [0, 146096] */
	return cycle * 146097 + doe - 719468;               /* 1970-03-01 shift */
}

int date_from_days(long z)
{
	z += 719468;
	long cycle = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - cycle * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + cycle * 400 + (m <= 2);
	if (y < 1 || y > 9999)
		return 0;
	return (int)(y * 10000 + m * 100 + d);
}

int date_add_days(int ymd, long n)
{
	/* no valid date lies 4 million days (11,000 years) from another, and
	** the sum must not overflow */
	if (n > 4000000L || n < -4000000L)
		return 0;
	return date_valid(ymd) ? date_from_days(date_to_days(ymd) + n) : 0;
}

long date_diff_days(int a, int b)
{
	return date_to_days(a) - date_to_days(b);
}

int date_add_months(int ymd, int n)
{
	if (!date_valid(ymd))
		return 0;
	long months = (long)date_year(ymd) * 12 + (date_month(ymd) - 1) + n;
	if (months < 12 || months >= 10000L * 12)
		return 0;
	int y = (int)(months / 12), m = (int)(months % 12) + 1;
	int d = date_day(ymd), last = date_days_in_month(y, m);
	return date_make(y, m, d > last ? last : d);
}

int date_parse_iso(const char *s)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	int v[3] = {0, 0, 0};
	static const int pos[3][2] = {{0, 4}, {5, 2}, {8, 2}};
	for (int k = 0; k < 3; k++)
		for (int i = 0; i < pos[k][1]; i++) {
			char c = s[pos[k][0] + i];
			if (c < '0' || c > '9')
				return 0;
			v[k] = v[k] * 10 + (c - '0');
		}
	return date_make(v[0], v[1], v[2]);
}

void date_format_iso(int ymd, char buf[11])
{
	if (!date_valid(ymd)) {
		memcpy(buf, "0000-00-00", 11);
		return;
	}
	unsigned y = (unsigned)date_year(ymd) % 10000u, m = (unsigned)date_month(ymd) % 100u,
		 d = (unsigned)date_day(ymd) % 100u;
	snprintf(buf, 11, "%04u-%02u-%02u", y, m, d);
}

/* ---- eras ---- */

static const struct {
	const char *name;
	int start;
} eras[ERA_COUNT] = {
	[ERA_MEIJI] = {"明治", 18681023},
	[ERA_TAISHO] = {"大正", 19120730},
	[ERA_SHOWA] = {"昭和", 19261225},
	[ERA_HEISEI] = {"平成", 19890108},
	[ERA_REIWA] = {"令和", 20190501},
};

const char *era_name(era e)
{
	return (unsigned)e < ERA_COUNT ? eras[e].name : "?";
}

int era_start(era e)
{
	return (unsigned)e < ERA_COUNT ? eras[e].start : 0;
}

int era_to_date(era e, int year, int month, int day)
{
	if ((unsigned)e >= ERA_COUNT || year < 1 || year > 999)
		return 0;
	int ymd = date_make(eras[e].start / 10000 + year - 1, month, day);
	if (!ymd || ymd < eras[e].start)
		return 0;
	if (e + 1 < ERA_COUNT && ymd >= eras[e + 1].start)
		return 0;
	return ymd;
}

int date_to_era(int ymd, era *e, int *era_year)
{
	for (int i = ERA_COUNT - 1; i >= 0; i--)
		if (ymd >= eras[i].start) {
			*e = (era)i;
			*era_year = date_year(ymd) - eras[i].start / 10000 + 1;
			return 0;
		}
	return -1;
}

/* ---- printed era notation ---- */

/* Decode one UTF-8 code point at *s (NUL-terminated); returns it and
** advances, or -1. */
static long next_cp(const unsigned char **s)
{
	long c;
	int n = utf8_next(*s, strnlen((const char *)*s, 4), &c);
	if (!n)
		return -1;
	*s += n;
	return c;
}

static int is_space_cp(long c)
{
	return c == ' ' || c == '\t' || c == 0x3000 || c == 0xa0;
}

/* Value of a digit code point (ASCII, full-width, kanji), or -1. */
static int digit_cp(long c)
{
	static const long kanji[] = {0x3007, 0x4e00, 0x4e8c, 0x4e09, 0x56db,
				     0x4e94, 0x516d, 0x4e03, 0x516b, 0x4e5d};
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xff10 && c <= 0xff19)
		return (int)(c - 0xff10);
	for (int i = 0; i < 10; i++)
		if (c == kanji[i])
			return i;
	return -1;
}

#define CP_TEN 0x5341  /* 十 */
#define CP_GAN 0x5143  /* 元 */

/* Code points of the text with spaces dropped; returns the count or -1. */
static int decode(const char *utf8, long *cp, int max)
{
	const unsigned char *s = (const unsigned char *)utf8;
	int n = 0;
	while (*s) {
		long c = next_cp(&s);
		if (c < 0)
			return -1;
		if (is_space_cp(c))
			continue;
		if (n == max)
			return -1;
		cp[n++] = c;
	}
	return n;
}

/* A number at cp[*i]: digits (any width), or kanji with 十 (二十二,
** 十二, 三十); allow_gan accepts 元 = 1. Returns the value or -1. */
static int number_at(const long *cp, int n, int *i, int allow_gan)
{
	if (*i < n && allow_gan && cp[*i] == CP_GAN) {
		(*i)++;
		return 1;
	}
	int v = 0, any = 0, tens = -1;
	while (*i < n) {
		long c = cp[*i];
		int d = digit_cp(c);
		if (c == CP_TEN) {
			if (tens >= 0)
				return -1;
			tens = any ? v : 1;
			if (any && (v < 1 || v > 9))
				return -1;
			v = 0, any = 0;
		} else if (d >= 0) {
			v = v * 10 + d;
			any = 1;
			if (v > 9999)
				return -1;
		} else {
			break;
		}
		(*i)++;
	}
	if (tens >= 0) {
		if (any && v > 9)
			return -1;
		return tens * 10 + v;
	}
	return any ? v : -1;
}

static int match_str(const long *cp, int n, int *i, const char *utf8)
{
	long want[8];
	int m = decode(utf8, want, 8);
	if (m < 0 || *i + m > n)
		return 0;
	for (int k = 0; k < m; k++)
		if (cp[*i + k] != want[k])
			return 0;
	*i += m;
	return 1;
}

int era_parse(const char *utf8)
{
	long cp[64];
	int n = utf8 ? decode(utf8, cp, 64) : -1;
	if (n <= 0)
		return 0;
	int i = 0, e = -1;
	for (int k = 0; k < ERA_COUNT && e < 0; k++)
		if (match_str(cp, n, &i, eras[k].name))
			e = k;
	if (e < 0)
		return 0;
	int y = number_at(cp, n, &i, 1);
	if (y < 0 || !match_str(cp, n, &i, "年"))
		return 0;
	int m = number_at(cp, n, &i, 0);
	if (m < 0 || !match_str(cp, n, &i, "月"))
		return 0;
	int d = number_at(cp, n, &i, 0);
	if (d < 0 || !match_str(cp, n, &i, "日"))
		return 0;
	match_str(cp, n, &i, "生");
	if (i != n)
		return 0;
	return era_to_date((era)e, y, m, d);
}

/* ---- renewal rules ---- */

int renewal_window_start(int expiry, int months)
{
	if (months < 0 || months > 1200) /* a profile allows 1-24; -INT_MIN overflows */
		return 0;
	int back = date_add_months(expiry, -months);
	return back ? date_add_days(back, 1) : 0;
}

/* 29 February in a common year: we take 28 February. Japanese law counts
** age as reached at the end of the day before the birthday (年齢計算ニ関スル
** 法律, 民法143条), so someone born on 29 February has completed the year
** at the end of 28 February in a common year; expiry on "the birthday"
** is then 28 February, never 1 March. */
int birthday_in_year(int birth, int year)
{
	if (!date_valid(birth))
		return 0;
	int m = date_month(birth), d = date_day(birth);
	if (m == 2 && d == 29 && !date_is_leap(year))
		d = 28;
	return date_make(year, m, d);
}

/* "5th birthday after issuance": birthdays strictly after the day of
** issuance count, so a certificate issued on a birthday expires on the 5th
** birthday after that day, not the 4th. */
int cert_expiry(int issued, int birth, int card_expiry)
{
	if (!date_valid(issued) || !date_valid(birth) || birth > issued)
		return 0;
	int y = date_year(issued);
	int first = birthday_in_year(birth, y);
	if (!first || first <= issued)
		first = birthday_in_year(birth, ++y);
	int exp = birthday_in_year(birth, y + 4);
	if (!exp)
		return 0;
	if (card_expiry && date_valid(card_expiry) && card_expiry < exp)
		exp = card_expiry;
	return exp;
}

int era_format(int ymd, char *out, size_t n)
{
	era e;
	int y;
	if (!out || n == 0 || !date_valid(ymd) || date_to_era(ymd, &e, &y) != 0)
		return -1;
	char year[16];
	if (y == 1)
		snprintf(year, sizeof year, "元");
	else
		snprintf(year, sizeof year, "%d", y);
	int k = snprintf(out, n, "%s%s年%d月%d日", era_name(e), year, date_month(ymd), date_day(ymd));
	return k < 0 || (size_t)k >= n ? -1 : k;
}
