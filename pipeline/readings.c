/*
** readings.c — helpers on page_readings.
*/
#include "readings.h"
#include "utf8.h"

#include <ctype.h>
#include <string.h>

void readings_wipe(page_readings *r)
{
	explicit_bzero(r, sizeof *r);
}

static double clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}

void cell_reading_kinds(const cell_reading *c, double *pl, double *pd, double *po)
{
	*pl = clamp01(c->p_letter);
	*po = clamp01(c->p_other);
	if (*pl + *po > 1)
		*po = 1 - *pl;
	*pd = 1 - *pl - *po;
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
