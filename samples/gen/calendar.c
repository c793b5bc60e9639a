/*
** calendar.c — proleptic Gregorian day counts (the usual era-of-400-years
** method), month arithmetic with month-end clamping, and eras.
*/
#include "calendar.h"

#include <stdio.h>
#include <string.h>

int cal_make(int y, int m, int d)
{
	return y * 10000 + m * 100 + d;
}

static int leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int cal_days_in_month(int y, int m)
{
	static const int n[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m < 1 || m > 12)
		return 0;
	return n[m - 1] + (m == 2 && leap(y));
}

int cal_valid(int y, int m, int d)
{
	return y >= 1 && m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m);
}

long cal_to_days(int ymd)
{
	long y = CAL_Y(ymd), m = CAL_M(ymd), d = CAL_D(ymd);
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int cal_from_days(long z)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	return cal_make((int)(y + (m <= 2)), (int)m, (int)d);
}

int cal_add_days(int ymd, int n)
{
	return cal_from_days(cal_to_days(ymd) + n);
}

int cal_diff(int a, int b)
{
	return (int)(cal_to_days(a) - cal_to_days(b));
}

int cal_add_months(int ymd, int months)
{
	int y = CAL_Y(ymd), m = CAL_M(ymd), d = CAL_D(ymd);
	int t = y * 12 + (m - 1) + months;
	y = t / 12;
	m = t % 12 + 1;
	int dim = cal_days_in_month(y, m);
	return cal_make(y, m, d > dim ? dim : d);
}

int cal_window_start(int exp, int ovs)
{
	return cal_add_days(cal_add_months(exp, ovs ? -12 : -3), 1);
}

int cal_parse_iso(const char *s, int *ymd)
{
	int y, m, d;
	char tail;
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
		return -1;
	if (!cal_valid(y, m, d))
		return -1;
	*ymd = cal_make(y, m, d);
	return 0;
}

void cal_iso(int ymd, char out[11])
{
	unsigned y = (unsigned)CAL_Y(ymd) % 10000u, m = (unsigned)CAL_M(ymd) % 100u;
	unsigned d = (unsigned)CAL_D(ymd) % 100u;
	snprintf(out, 11, "%04u-%02u-%02u", y, m, d);
}

static const struct {
	int start;
	const char *name;
} eras[] = {
	{20190501, "令和"}, {19890108, "平成"}, {19261225, "昭和"},
	{19120730, "大正"}, {18730101, "明治"},
};

int cal_era(int ymd, const char **era, int *eyear)
{
	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
		if (ymd >= eras[i].start) {
			*era = eras[i].name;
			*eyear = CAL_Y(ymd) - CAL_Y(eras[i].start) + 1;
			return 0;
		}
	return -1;
}

void cal_era_string(int ymd, char *buf, size_t n)
{
	const char *era;
	int ey;
	if (cal_era(ymd, &era, &ey) != 0) {
		snprintf(buf, n, "%d年%d月%d日", CAL_Y(ymd), CAL_M(ymd), CAL_D(ymd));
		return;
	}
	if (ey == 1)
		snprintf(buf, n, "%s元年%d月%d日", era, CAL_M(ymd), CAL_D(ymd));
	else
		snprintf(buf, n, "%s%d年%d月%d日", era, ey, CAL_M(ymd), CAL_D(ymd));
}
