/*
** payload.h — the QR payload of the form (SPEC §2) and its check digits.
**
**   JLIS-SK;v=1;serial=S;muni=M;rid=R;exp=YYYYMMDD;printed=YYYYMMDD;ovs=0|1;crc=XXXXXXXX
**
** Pure functions: no I/O, no allocation.
*/
#ifndef SHOKAI_PAYLOAD_H
#define SHOKAI_PAYLOAD_H

#include <stddef.h>

#define SERIAL_LEN 12

typedef struct {
	int version;
	char serial[SERIAL_LEN + 1];
	char muni[7];
	char rid[32];
	int exp;     /* certificate expiry, YYYYMMDD */
	int printed; /* date the form was printed, YYYYMMDD */
	int ovs;     /* holder lives abroad */
} form_payload;

typedef enum {
	PAYLOAD_OK = 0,
	PAYLOAD_NOT_JLIS,   /* not our prefix: another code on the page */
	PAYLOAD_SYNTAX,     /* missing or malformed key */
	PAYLOAD_CRC,        /* CRC-32 mismatch */
	PAYLOAD_SERIAL_CHECK,
	PAYLOAD_MUNI_CHECK,
	PAYLOAD_DATE
} payload_status;

/* Parse and verify len bytes of a QR payload. */
payload_status payload_parse(const char *data, size_t len, form_payload *out);
const char *payload_status_str(payload_status s);

/* Serial check digit: weights 1,3,1,3,... over the first 11 digits, sum mod 10. */
int serial_check_digit(const char *first11);
/* 1 if s is 12 digits whose last is the right check digit. */
int serial_valid(const char *s, size_t len);

/* JIS X 0402 check digit of a 5-digit municipality code. */
int muni_check_digit(const char *first5);
int muni_valid(const char *s);

/* CRC-32 (zlib polynomial) of the bytes, as 8 upper-case hex digits + NUL. */
void payload_crc_hex(const char *data, size_t len, char out[9]);

/* Write a complete payload (with CRC) for p into buf; used by the sample
** generator. Returns the length, or -1 if buf is too small. */
int payload_format(const form_payload *p, char *buf, size_t buflen);

#endif
