/*
** rules.c — reference rules for the truth.
*/
#include "rules.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "calendar.h"

static int kanji_digit(const char *s, int *v)
{
	static const char *k[] = {"〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
	for (int i = 0; i <= 10; i++)
		if (!strncmp(s, k[i], 3)) {
			*v = i;
			return 1;
		}
	return 0;
}

/* Value of a run of kanji numerals (up to 99) of nbytes at s. */
static int kanji_value(const char *s, size_t nbytes)
{
	int total = 0, cur = 0;
	for (size_t i = 0; i < nbytes; i += 3) {
		int v = 0;
		kanji_digit(s + i, &v);
		if (v == 10) {
			total += (cur ? cur : 1) * 10;
			cur = 0;
		} else {
			cur = v;
		}
	}
	return total + cur;
}

void rules_normalise(const char *in, char *out, size_t n)
{
	char a[1024];
	size_t o = 0;
	/* full-width digits to ASCII, drop spaces */
	for (const char *p = in; *p && o + 4 < sizeof a;) {
		const unsigned char *u = (const unsigned char *)p;
		if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
			a[o++] = (char)('0' + (u[2] - 0x90));
			p += 3;
		} else if (u[0] == ' ') {
			p++;
		} else if (!strncmp(p, "\xe3\x80\x80", 3)) {
			p += 3;
		} else {
			a[o++] = *p++;
		}
	}
	a[o] = 0;
	/* kanji numerals before 丁目 to digits */
	char b[1024];
	o = 0;
	for (const char *p = a; *p && o + 8 < sizeof b;) {
		size_t run = 0;
		int v;
		while (kanji_digit(p + run, &v))
			run += 3;
		if (run && !strncmp(p + run, "丁目", strlen("丁目"))) {
			o += (size_t)snprintf(b + o, sizeof b - o, "%d", kanji_value(p, run));
			p += run;
		} else if (run) {
			memcpy(b + o, p, run);
			o += run;
			p += run;
		} else {
			b[o++] = *p++;
		}
	}
	b[o] = 0;
	/* 丁目 番 -> '-', 号室 and a 号 after digits -> nothing */
	o = 0;
	for (const char *p = b; *p && o + 2 < n;) {
		if (!strncmp(p, "丁目", 6) || !strncmp(p, "番", 3)) {
			out[o++] = '-';
			p += !strncmp(p, "丁目", 6) ? 6 : 3;
		} else if (!strncmp(p, "号室", 6) && o && isdigit((unsigned char)out[o - 1])) {
			p += 6;
		} else if (!strncmp(p, "号", 3) && o && isdigit((unsigned char)out[o - 1])) {
			p += 3;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = 0;
}

int rules_changed(const form_data *f, const resident *r)
{
	char a[1024], b[1024];
	rules_normalise(f->p_address, a, sizeof a);
	rules_normalise(r->address, b, sizeof b);
	if (strcmp(a, b))
		return 1;
	rules_normalise(f->p_name, a, sizeof a);
	rules_normalise(r->name, b, sizeof b);
	return strcmp(a, b) != 0;
}

int rules_pin_sign_ok(const char *s)
{
	size_t n = strlen(s);
	int letter = 0, digit = 0;
	if (n < 6 || n > 16)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)s[i]))
			digit = 1;
		else if (isalpha((unsigned char)s[i]))
			letter = 1;
		else
			return 0;
	}
	return letter && digit;
}

static int pin_user_ok(const char *s)
{
	if (strlen(s) != 4)
		return 0;
	for (int i = 0; i < 4; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

static int phone_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0)
		return 1; /* optional */
	if (n < 10 || n > 11)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* 0 ok, 1 missing, 2 invalid */
static int date_state(const written_date *d, int printed, int as_of)
{
	if (!d->written)
		return 1;
	int y = 2018 + d->year; /* 令和 1 = 2019 */
	if (!cal_valid(y, d->month, d->day))
		return 2;
	int v = cal_make(y, d->month, d->day);
	return v > as_of || v < printed ? 2 : 0;
}

void rules_decide(const form_data *f, const resident *r, int as_of,
		  const char *muni, decision *dec, defect_set *defects)
{
	defect_set d = 0;
#define ADD(x) (d |= DEFECT_BIT(x))
	int wrong_muni = strcmp(f->pay.muni, muni) != 0;
	if (wrong_muni)
		ADD(DF_WRONG_MUNICIPALITY);
	if (!f->cb_sign && !f->cb_user)
		ADD(DF_NO_CERT_SELECTED);
	if (f->cb_sign && !f->pin_sign[0])
		ADD(DF_PIN_SIGN_MISSING);
	else if (f->cb_sign && !rules_pin_sign_ok(f->pin_sign))
		ADD(DF_PIN_SIGN_FORMAT);
	if (f->cb_user && !f->pin_user[0])
		ADD(DF_PIN_USER_MISSING);
	else if (f->cb_user && !pin_user_ok(f->pin_user))
		ADD(DF_PIN_USER_FORMAT);
	int s = date_state(&f->answer_date, f->pay.printed, as_of);
	if (s == 1)
		ADD(DF_ANSWER_DATE_MISSING);
	if (s == 2)
		ADD(DF_ANSWER_DATE_INVALID);
	s = date_state(&f->mandate_date, f->pay.printed, as_of);
	if (s == 1)
		ADD(DF_MANDATE_DATE_MISSING);
	if (s == 2)
		ADD(DF_MANDATE_DATE_INVALID);
	if (!f->answer_name[0])
		ADD(DF_ANSWER_NAME_MISSING);
	if (!f->mandator_name[0])
		ADD(DF_MANDATOR_NAME_MISSING);
	if (f->cb_kimei && !f->answer_seal)
		ADD(DF_ANSWER_SEAL_MISSING);
	if (f->cb_kimei && !f->mandator_seal)
		ADD(DF_MANDATOR_SEAL_MISSING);
	if (!f->proxy_address[0])
		ADD(DF_PROXY_ADDRESS_MISSING);
	if (!f->proxy_name[0])
		ADD(DF_PROXY_NAME_MISSING);
	if (!phone_ok(f->phone))
		ADD(DF_PROXY_PHONE_FORMAT);
	/* The registry of another municipality is not ours to consult. */
	if (!wrong_muni) {
		if (as_of < cal_window_start(f->pay.exp, f->pay.ovs))
			ADD(DF_TOO_EARLY);
		if (!r || strcmp(r->status, "resident") != 0)
			ADD(DF_NOT_RESIDENT);
		else if (r->card_expiry < as_of)
			ADD(DF_CARD_EXPIRED);
	}
#undef ADD
	const defect_set ineligible = DEFECT_BIT(DF_TOO_EARLY) | DEFECT_BIT(DF_NOT_RESIDENT) |
				      DEFECT_BIT(DF_CARD_EXPIRED) | DEFECT_BIT(DF_WRONG_MUNICIPALITY);
	/* After expiry a form whose printed data changed cannot be used,
	** corrected or not: the written inquiry, whatever else it holds. */
	if (!(d & ineligible) && r && f->pay.exp < as_of && rules_changed(f, r)) {
		*dec = DEC_REINQUIRY;
		*defects = DEFECT_BIT(DF_PRINTED_DATA_CHANGED);
	} else if (d) {
		*dec = DEC_REJECT;
		*defects = d;
	} else {
		*dec = DEC_ACCEPT;
		*defects = 0;
	}
}
