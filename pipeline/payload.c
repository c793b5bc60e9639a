/*
** payload.c — parse and verify the QR payload; serial and municipality
** check digits.
*/
#include "payload.h"

#include <stdio.h>
#include <string.h>
#include <zlib.h>

#define PREFIX "JLIS-SK;"

static int all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int serial_check_digit(const char *d)
{
	int sum = 0;
	for (int i = 0; i < 11; i++)
		sum += (d[i] - '0') * (i % 2 ? 3 : 1);
	return sum % 10;
}

int serial_valid(const char *s, size_t len)
{
	return len == SERIAL_LEN && all_digits(s, len) &&
	       serial_check_digit(s) == s[11] - '0';
}

int muni_check_digit(const char *d)
{
	int sum = 0;
	for (int i = 0; i < 5; i++)
		sum += (d[i] - '0') * (6 - i);
	int r = sum % 11;
	/* Remainder 0 gives 0; remainder 1 gives 10, of which the last digit. */
	return r == 0 ? 0 : (11 - r) % 10;
}

int muni_valid(const char *s)
{
	return strlen(s) == 6 && all_digits(s, 6) &&
	       muni_check_digit(s) == s[5] - '0';
}

void payload_crc_hex(const char *data, size_t len, char out[9])
{
	unsigned long c = crc32(0L, Z_NULL, 0);
	c = crc32(c, (const Bytef *)data, (uInt)len);
	snprintf(out, 9, "%08lX", c & 0xffffffffUL);
}

/* A calendar date as YYYYMMDD, checked for month and day ranges. */
static int parse_date(const char *s, size_t n, int *out)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (n != 8 || !all_digits(s, 8))
		return -1;
	int v = 0;
	for (int i = 0; i < 8; i++)
		v = v * 10 + (s[i] - '0');
	int y = v / 10000, m = v / 100 % 100, d = v % 100;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] || y < 1900)
		return -1;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return -1;
	*out = v;
	return 0;
}

static int copy_value(char *dst, size_t dstlen, const char *s, size_t n)
{
	if (n == 0 || n >= dstlen)
		return -1;
	memcpy(dst, s, n);
	dst[n] = 0;
	return 0;
}

payload_status payload_parse(const char *data, size_t len, form_payload *p)
{
	memset(p, 0, sizeof *p);
	size_t plen = strlen(PREFIX);
	if (len < plen || memcmp(data, PREFIX, plen) != 0)
		return PAYLOAD_NOT_JLIS;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)data[i] < 0x20 || (unsigned char)data[i] > 0x7e)
			return PAYLOAD_SYNTAX;

	/* The CRC covers every byte before ";crc=", which must end the payload. */
	const char *crc = NULL;
	for (size_t i = 0; i + 5 <= len; i++)
		if (!memcmp(data + i, ";crc=", 5))
			crc = data + i;
	if (!crc || (size_t)(data + len - (crc + 5)) != 8)
		return PAYLOAD_SYNTAX;
	char want[9];
	payload_crc_hex(data, (size_t)(crc - data), want);
	if (memcmp(want, crc + 5, 8) != 0)
		return PAYLOAD_CRC;

	int seen = 0;
	const char *s = data + plen, *end = crc;
	while (s < end) {
		const char *semi = memchr(s, ';', (size_t)(end - s));
		const char *e = semi ? semi : end;
		const char *eq = memchr(s, '=', (size_t)(e - s));
		if (!eq)
			return PAYLOAD_SYNTAX;
		size_t kn = (size_t)(eq - s), vn = (size_t)(e - eq - 1);
		const char *v = eq + 1;
#define KEY(k) (kn == strlen(k) && !memcmp(s, k, kn))
		if (KEY("v")) {
			if (vn != 1 || v[0] != '1')
				return PAYLOAD_SYNTAX;
			p->version = 1;
			seen |= 1;
		} else if (KEY("serial")) {
			if (copy_value(p->serial, sizeof p->serial, v, vn))
				return PAYLOAD_SYNTAX;
			if (!serial_valid(v, vn))
				return PAYLOAD_SERIAL_CHECK;
			seen |= 2;
		} else if (KEY("muni")) {
			if (copy_value(p->muni, sizeof p->muni, v, vn))
				return PAYLOAD_SYNTAX;
			if (!muni_valid(p->muni))
				return PAYLOAD_MUNI_CHECK;
			seen |= 4;
		} else if (KEY("rid")) {
			if (copy_value(p->rid, sizeof p->rid, v, vn))
				return PAYLOAD_SYNTAX;
			seen |= 8;
		} else if (KEY("exp")) {
			if (parse_date(v, vn, &p->exp))
				return PAYLOAD_DATE;
			seen |= 16;
		} else if (KEY("printed")) {
			if (parse_date(v, vn, &p->printed))
				return PAYLOAD_DATE;
			seen |= 32;
		} else if (KEY("ovs")) {
			if (vn != 1 || (v[0] != '0' && v[0] != '1'))
				return PAYLOAD_SYNTAX;
			p->ovs = v[0] - '0';
			seen |= 64;
		}
		/* Unknown keys are allowed: a later version may add some. */
#undef KEY
		s = e + 1;
	}
	return seen == 127 ? PAYLOAD_OK : PAYLOAD_SYNTAX;
}

const char *payload_status_str(payload_status s)
{
	switch (s) {
	case PAYLOAD_OK: return "ok";
	case PAYLOAD_NOT_JLIS: return "not a J-LIS payload";
	case PAYLOAD_SYNTAX: return "malformed payload";
	case PAYLOAD_CRC: return "CRC mismatch";
	case PAYLOAD_SERIAL_CHECK: return "serial check digit wrong";
	case PAYLOAD_MUNI_CHECK: return "municipality check digit wrong";
	case PAYLOAD_DATE: return "bad date in payload";
	}
	return "?";
}

int payload_format(const form_payload *p, char *buf, size_t buflen)
{
	int n = snprintf(buf, buflen,
			 PREFIX "v=1;serial=%s;muni=%s;rid=%s;exp=%08d;printed=%08d;ovs=%d",
			 p->serial, p->muni, p->rid, p->exp, p->printed, p->ovs);
	if (n < 0 || (size_t)n + 14 > buflen)
		return -1;
	char crc[9];
	payload_crc_hex(buf, (size_t)n, crc);
	n += snprintf(buf + n, buflen - (size_t)n, ";crc=%s", crc);
	return n;
}
