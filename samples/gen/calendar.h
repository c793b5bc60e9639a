/*
** calendar.h — calendar arithmetic for the generator: dates as YYYYMMDD ints,
** the renewal window of SPEC §1, and Japanese era notation.
*/
#ifndef SHOKAI_GEN_CALENDAR_H
#define SHOKAI_GEN_CALENDAR_H

#include <stddef.h>

int cal_make(int y, int m, int d);            /* YYYYMMDD, unchecked */
int cal_valid(int y, int m, int d);           /* a real calendar date */
int cal_days_in_month(int y, int m);
long cal_to_days(int ymd);                    /* days since 1970-01-01 */
int cal_from_days(long days);
int cal_add_days(int ymd, int n);
int cal_diff(int a, int b);                   /* a - b in days */
/* ymd moved by months; the day is clamped to the target month's end. */
int cal_add_months(int ymd, int months);
/* First day a renewal may be made: the day after the date 3 months (12 for
** a holder abroad) before expiry, clamped to the month's end. */
int cal_window_start(int exp, int ovs);
int cal_parse_iso(const char *s, int *ymd);   /* 0 or -1 */
void cal_iso(int ymd, char out[11]);
/* Era of a date: name ("令和") and year within it; -1 before 明治. */
int cal_era(int ymd, const char **era, int *eyear);
/* "令和7年4月2日", "平成元年1月12日". */
void cal_era_string(int ymd, char *buf, size_t n);

#define CAL_Y(v) ((v) / 10000)
#define CAL_M(v) ((v) / 100 % 100)
#define CAL_D(v) ((v) % 100)

#endif
