/*
** readings.c — helpers on page_readings.
*/
#include "readings.h"
#include "utf8.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void readings_wipe(page_readings *r)
{
	explicit_bzero(r, sizeof *r);
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

static void kinds(double p_letter, double p_other, double *pl, double *pd, double *po)
{
	*pl = clamp01(p_letter);
	*po = clamp01(p_other);
	if (*pl + *po > 1)
		*po = 1 - *pl;
	*pd = 1 - *pl - *po;
}

void cell_reading_kinds(const cell_reading *c, double *pl, double *pd, double *po)
{
	kinds(c->p_letter, c->p_other, pl, pd, po);
}

void cell_reading_kinds_seen(const cell_reading *c, double *pl, double *pd, double *po)
{
	kinds(c->p_letter - c->letter_unseen, c->p_other, pl, pd, po);
}

void cell_reading_kinds_rare(const cell_reading *c, double *pl, double *pd, double *po)
{
	kinds(c->p_letter - c->letter_unseen - c->letter_rare, c->p_other, pl, pd, po);
}

/* Byte length of the letter or digit (ASCII or full width) at s, of the n
** bytes left, 0 if none; *digit tells which. */
static int alnum_at(const unsigned char *s, size_t n, int *digit)
{
	long c;
	int len = utf8_next(s, n, &c);
	if (!len)
		return 0;
	if (c >= 0xff10 && c <= 0xff5a) /* full width: fold to ASCII */
		c -= 0xff10 - '0';
	if (c >= 0x80 || !isalnum((int)c))
		return 0;
	*digit = isdigit((int)c) != 0;
	return len;
}

void text_mask_digit_runs(char *s)
{
	if (!s)
		return;
	size_t len = strlen(s), out = 0;
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < len;) {
		/* the run of letters and digits starting here */
		size_t j = i;
		int chars = 0, digits = 0, d;
		for (int k; j < len && (k = alnum_at(u + j, len - j, &d)) > 0; j += (size_t)k) {
			chars++;
			digits += d;
		}
		if (chars >= 4 && digits > 0) {
			for (int c = 0; c < chars; c++)
				s[out++] = '*';
			i = j;
		} else if (j > i) {
			memmove(s + out, s + i, j - i);
			out += j - i;
			i = j;
		} else {
			s[out++] = s[i++];
		}
	}
	/* a full-width run shrank: zero what it gave up */
	explicit_bzero(s + out, len - out);
	s[out] = 0;
}

/* Append to out (len bytes used, n in all); -1 when it does not fit. */
static int put(char *out, size_t n, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int put(char *out, size_t n, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(out + *len, n - *len, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= n - *len)
		return -1;
	*len += (size_t)k;
	return 0;
}

/* The candidates of one doubtful written cell: 「1か6」. */
static int put_cands(const cell_reading *c, char *out, size_t n, size_t *len)
{
	int shown = 0;
	for (int k = 0; k < c->ncand && k < READ_MAX_CANDS && shown < 3; k++) {
		if (c->cand[k].p < 0.05 || c->cand[k].ch < '0' || c->cand[k].ch > '9')
			continue;
		if (put(out, n, len, "%s%c", shown ? "か" : "", c->cand[k].ch))
			return -1;
		shown++;
	}
	if (c->p_other >= 0.05 && shown < 3) {
		if (put(out, n, len, "%s記号", shown ? "か" : ""))
			return -1;
		shown++;
	}
	return shown;
}

/* Is a date cell in doubt: read as written or empty below the gate (1), or
** written with its likeliest character below it (2)? 0 if neither. */
static int cell_doubt(const cell_reading *c, double gate)
{
	if (c->written.value && c->ncand > 0 && c->cand[0].p < gate)
		return 2;
	return c->written.conf < gate;
}

unsigned date_doubt_cells(const cells_reading *date, double gate)
{
	unsigned mask = 0;
	if (date && date->n == 6)
		for (int i = 0; i < 6; i++)
			if (cell_doubt(&date->cell[i], gate))
				mask |= 1u << i;
	return mask;
}

int date_doubt_ja(const cells_reading *date, double gate, char *out, size_t n)
{
	static const char *const part[3] = {"年", "月", "日"};
	if (!out || n == 0)
		return -1;
	out[0] = 0;
	if (!date || date->n != 6)
		return 0;
	size_t len = 0;
	int named = 0;
	for (int i = 0; i < 6; i++) {
		const cell_reading *c = &date->cell[i];
		int doubt = cell_doubt(c, gate);
		if (!doubt)
			continue;
		const cell_reading *twin = &date->cell[i ^ 1];
		int alone = c->written.value && !twin->written.value && twin->written.conf >= gate;
		if (put(out, n, &len, "%s%s", named ? "、" : "", part[i / 2]) ||
		    (!alone && put(out, n, &len, "の%d桁目", i % 2 + 1)) ||
		    put(out, n, &len, "（"))
			goto too_small;
		if (doubt == 2) {
			int shown = put_cands(c, out, n, &len);
			if (shown < 0 || (shown == 0 && put(out, n, &len, "不明")) ||
			    (shown == 1 && put(out, n, &len, "？")))
				goto too_small;
		} else if (put(out, n, &len, "記入の有無")) {
			goto too_small;
		}
		if (put(out, n, &len, "）"))
			goto too_small;
		named++;
	}
	if (!named)
		return 0;
	if (put(out, n, &len, "が判読できません"))
		goto too_small;
	return (int)len;
too_small:
	out[0] = 0;
	return -1;
}
