/*
** fuzz_payload.c — libFuzzer target for the QR payload parser and the
** check-digit/CRC functions (payload.h). Input: the text a QR code holds.
**
** If the first byte is odd, the rest gets a correct ";crc=" appended, so
** the fuzzer reaches the key parser instead of stopping at the CRC.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "payload.h"
#include "fuzzutil.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	int fix_crc = data[0] & 1;
	size_t small_len = (size_t)(data[0] >> 1) % 64;
	data++, size--;
	if (size > 4096)
		return 0;

	/* an exact-size heap copy, so ASan sees any read past the end */
	size_t n = size + (fix_crc ? 13 : 0);
	char *buf = malloc(n ? n : 1);
	if (!buf)
		return 0;
	memcpy(buf, data, size);
	if (fix_crc) {
		char crc[9];
		payload_crc_hex(buf, size, crc);
		memcpy(buf + size, ";crc=", 5);
		memcpy(buf + size + 5, crc, 8);
	}

	form_payload p;
	payload_status st = payload_parse(buf, n, &p);
	check(payload_status_str(st) != NULL);
	check(memchr(p.serial, 0, sizeof p.serial) && memchr(p.muni, 0, sizeof p.muni) &&
	      memchr(p.rid, 0, sizeof p.rid));
	if (st == PAYLOAD_OK) {
		/* a payload that parses says the same once written again */
		check(serial_valid(p.serial, strlen(p.serial)) && muni_valid(p.muni));
		char again[512];
		int m = payload_format(&p, again, sizeof again);
		check(m > 0);
		form_payload q;
		check(payload_parse(again, (size_t)m, &q) == PAYLOAD_OK);
		check(!memcmp(&p, &q, sizeof p) || (!strcmp(p.serial, q.serial) &&
		      !strcmp(p.muni, q.muni) && !strcmp(p.rid, q.rid) && p.exp == q.exp &&
		      p.printed == q.printed && p.ovs == q.ovs && p.version == q.version));
	}

	/* the check-digit functions on whatever bytes are there */
	if (size >= 12) {
		serial_check_digit(buf);
		serial_valid(buf, 12);
	}
	if (size >= 6) {
		char m6[7];
		memcpy(m6, buf, 6);
		m6[6] = 0;
		muni_check_digit(m6);
		muni_valid(m6);
	}
	char small[64];
	payload_format(&p, small, small_len); /* too small: -1, never an overrun */
	free(buf);
	return 0;
}
