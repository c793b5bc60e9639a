/*
** utf8.c — the strict UTF-8 decoder (see utf8.h).
*/
#include "utf8.h"

#include <string.h>

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

int utf8_decode(const char *in, long *cp, int max)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t left = strlen(in);
	int n = 0;
	while (left) {
		long c;
		int len = utf8_next(s, left, &c);
		if (!len || n == max)
			return -1;
		cp[n++] = c;
		s += len;
		left -= (size_t)len;
	}
	return n;
}

int utf8_encode(const long *cp, int from, int to, char *out, size_t outlen)
{
	size_t o = 0;
	for (int i = from; i < to; i++) {
		unsigned long c = (unsigned long)cp[i];
		unsigned char b[4];
		int len;
		if (c < 0x80)
			b[0] = (unsigned char)c, len = 1;
		else if (c < 0x800)
			b[0] = (unsigned char)(0xc0 | c >> 6), b[1] = (unsigned char)(0x80 | (c & 0x3f)), len = 2;
		else if (c < 0x10000)
			b[0] = (unsigned char)(0xe0 | c >> 12), b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f)),
			b[2] = (unsigned char)(0x80 | (c & 0x3f)), len = 3;
		else
			b[0] = (unsigned char)(0xf0 | c >> 18), b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f)),
			b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f)), b[3] = (unsigned char)(0x80 | (c & 0x3f)), len = 4;
		if (o + (size_t)len >= outlen)
			return -1;
		memcpy(out + o, b, (size_t)len);
		o += (size_t)len;
	}
	if (outlen == 0)
		return -1;
	out[o] = 0;
	return (int)o;
}
