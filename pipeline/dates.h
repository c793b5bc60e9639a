/*
** dates.h — calendar arithmetic, Japanese eras, and the renewal rules that
** are pure date arithmetic (SPEC §1).
**
** A date is an int YYYYMMDD (as in form_payload); 0 means "no date". Every
** function is pure: no I/O, no locale, no time zone.
*/
#ifndef SHOKAI_DATES_H
#define SHOKAI_DATES_H

#include <stddef.h>

typedef enum {
	ERA_MEIJI,  /* 明治, from 1868-10-23 */
	ERA_TAISHO, /* 大正, from 1912-07-30 */
	ERA_SHOWA,  /* 昭和, from 1926-12-25 */
	ERA_HEISEI, /* 平成, from 1989-01-08 */
	ERA_REIWA,  /* 令和, from 2019-05-01 */
	ERA_COUNT
} era;

int date_is_leap(int year);
int date_days_in_month(int year, int month); /* 0 if month is out of range */
/* YYYYMMDD for a real calendar date (years 1..9999), or 0. */
int date_make(int year, int month, int day);
int date_valid(int ymd);
int date_year(int ymd);
int date_month(int ymd);
int date_day(int ymd);

/* Days since 1970-01-01 (negative before); exact for the proleptic
** Gregorian calendar. */
long date_to_days(int ymd);
int date_from_days(long days);
/* ymd plus n days; 0 for an invalid ymd, a result outside 1-9999, or |n|
** over 4,000,000 (no overflow). */
int date_add_days(int ymd, long n);
long date_diff_days(int a, int b); /* a - b in days */
/* Add n months (n may be negative); a day past the target month's end is
** clamped to its last day (05-31 minus 3 months is 02-28 or 02-29). */
int date_add_months(int ymd, int n);

/* "YYYY-MM-DD" (exactly) → ymd; 0 on error. */
int date_parse_iso(const char *s);
/* ymd → "YYYY-MM-DD" into buf (11 bytes). */
void date_format_iso(int ymd, char buf[11]);

/* Eras. */
const char *era_name(era e);        /* "令和" */
int era_start(era e);               /* first day, YYYYMMDD */
/* Gregorian date of era year/month/day (year 1 is 元年); 0 unless it is a
** real date inside that era (昭和64年1月8日 is 0: that day is 平成元年). */
int era_to_date(era e, int year, int month, int day);
/* The era and era year of a date; -1 before 明治. */
int date_to_era(int ymd, era *e, int *era_year);

/* A date as J-LIS prints it: 令和8年5月29日, 令和元年5月1日 (year 1 as
** 元年). Returns the length, or -1 before 明治 or when out is too small. */
int era_format(int ymd, char *out, size_t n);

/* Parse printed era notation: 令和7年4月2日, 昭和16年5月19日生,
** 平成元年1月12日, with ASCII, full-width or kanji digits and optional
** spaces. Returns the date, or 0 if the text is not exactly one such date
** (a trailing 生 is allowed). */
int era_parse(const char *utf8);

/* First day of the renewal window (SPEC §1): the day after the date
** `months` months before expiry, clamped to the month's end first.
** expiry 2020-09-24, 3 → 2020-06-25; 2021-05-31, 3 → 2021-03-01.
** 0 for an invalid expiry or months outside 0-1200. */
int renewal_window_start(int expiry, int months);

/* The birthday of `birth` in `year`: 29 February falls on 28 February in
** a common year (see dates.c). */
int birthday_in_year(int birth, int year);

/* Certificate expiry (SPEC §1): the holder's 5th birthday after the day
** of issuance, or the card's expiry if that comes first (card_expiry 0:
** no cap). 0 on bad input. */
int cert_expiry(int issued, int birth, int card_expiry);

#endif
