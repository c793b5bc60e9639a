/*
** utf8.c — the strict UTF-8 decoder (see utf8.h).
*/
#include "utf8.h"

int utf8_next(const unsigned char *s, size_t n, long *cp)
{
	if (!s || n == 0)
		return 0;
	long c;
	int len;
	if (s[0] < 0x80)
		c = s[0], len = 1;
	else if ((s[0] & 0xe0) == 0xc0)
		c = s[0] & 0x1f, len = 2;
	else if ((s[0] & 0xf0) == 0xe0)
		c = s[0] & 0x0f, len = 3;
	else if ((s[0] & 0xf8) == 0xf0)
		c = s[0] & 0x07, len = 4;
	else
		return 0;
	if ((size_t)len > n)
		return 0;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* the shortest form only; no surrogates; nothing past U+10FFFF */
	static const long least[] = {0, 0, 0x80, 0x800, 0x10000};
	if (c < least[len] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}
