/*
** readings.c — helpers on page_readings.
*/
#include "readings.h"

#include <ctype.h>
#include <string.h>

void readings_wipe(page_readings *r)
{
	explicit_bzero(r, sizeof *r);
}

/* Byte length of the letter or digit at s (1 ASCII, 3 full width), 0 if
** none; *digit tells which. */
static int alnum_at(const unsigned char *s, int *digit)
{
	if (s[0] < 0x80 && isalnum(s[0])) {
		*digit = isdigit(s[0]) != 0;
		return 1;
	}
	/* U+FF10-FF19 EF BC 90-99, U+FF21-FF3A EF BC A1-BA, U+FF41-FF5A EF BD 81-9A */
	if (s[0] == 0xEF && s[1] == 0xBC && s[2] >= 0x90 && s[2] <= 0x99)
		return *digit = 1, 3;
	if (s[0] == 0xEF && ((s[1] == 0xBC && s[2] >= 0xA1 && s[2] <= 0xBA) ||
			     (s[1] == 0xBD && s[2] >= 0x81 && s[2] <= 0x9A)))
		return *digit = 0, 3;
	return 0;
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
		for (int k; j < len && (k = alnum_at(u + j, &d)) > 0; j += (size_t)k) {
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
