/*
** test_payload.c — QR payload parsing, CRC and check digits.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "payload.h"

static form_payload sample(void)
{
	form_payload p = {.version = 1, .exp = 20250402, .printed = 20241201, .ovs = 0};
	strcpy(p.serial, "861720000240");
	strcpy(p.muni, "131121");
	strcpy(p.rid, "R036139533");
	return p;
}

static void test_serial_check_digit(void **state)
{
	(void)state;
	/* weights 1,3,1,3,... : 8+18+1+21+2+0+0+0+0+6+4 = 60 → 0 */
	assert_int_equal(serial_check_digit("86172000024"), 0);
	assert_true(serial_valid("861720000240", 12));
	assert_false(serial_valid("861720000241", 12));
	assert_false(serial_valid("86172000024", 11));
	assert_false(serial_valid("86172000024A", 12));
}

static void test_muni_check_digit(void **state)
{
	(void)state;
	assert_int_equal(muni_check_digit("13112"), 1); /* Setagaya 131121 */
	assert_int_equal(muni_check_digit("13101"), 6); /* Chiyoda 131016 */
	assert_true(muni_valid("131121"));
	assert_false(muni_valid("131122"));
	assert_false(muni_valid("13112"));
}

static void test_round_trip(void **state)
{
	(void)state;
	form_payload p = sample(), q;
	char buf[256];
	int n = payload_format(&p, buf, sizeof buf);
	assert_true(n > 0);
	assert_int_equal(payload_parse(buf, (size_t)n, &q), PAYLOAD_OK);
	assert_string_equal(q.serial, p.serial);
	assert_string_equal(q.muni, p.muni);
	assert_string_equal(q.rid, p.rid);
	assert_int_equal(q.exp, p.exp);
	assert_int_equal(q.printed, p.printed);
	assert_int_equal(q.ovs, 0);
}

static void test_tampered(void **state)
{
	(void)state;
	form_payload p = sample(), q;
	char buf[256];
	int n = payload_format(&p, buf, sizeof buf);
	char *rid = strstr(buf, "rid=R0");
	rid[5] = '9'; /* change the rid without fixing the CRC */
	assert_int_equal(payload_parse(buf, (size_t)n, &q), PAYLOAD_CRC);
}

static void test_bad_check_digits_with_good_crc(void **state)
{
	(void)state;
	form_payload p = sample(), q;
	char buf[256];
	strcpy(p.serial, "861720000241");
	int n = payload_format(&p, buf, sizeof buf);
	assert_int_equal(payload_parse(buf, (size_t)n, &q), PAYLOAD_SERIAL_CHECK);
	p = sample();
	strcpy(p.muni, "131129");
	n = payload_format(&p, buf, sizeof buf);
	assert_int_equal(payload_parse(buf, (size_t)n, &q), PAYLOAD_MUNI_CHECK);
	p = sample();
	p.exp = 20250230;
	n = payload_format(&p, buf, sizeof buf);
	assert_int_equal(payload_parse(buf, (size_t)n, &q), PAYLOAD_DATE);
}

static void test_foreign_and_truncated(void **state)
{
	(void)state;
	form_payload q;
	const char *url = "https://example.org/";
	assert_int_equal(payload_parse(url, strlen(url), &q), PAYLOAD_NOT_JLIS);
	char buf[256];
	form_payload p = sample();
	int n = payload_format(&p, buf, sizeof buf);
	assert_int_equal(payload_parse(buf, (size_t)n - 3, &q), PAYLOAD_SYNTAX);
	/* A payload missing a key, with a valid CRC, is still malformed. */
	const char *body = "JLIS-SK;v=1;serial=861720000240;muni=131121;rid=R1;exp=20250402;printed=20241201";
	char crc[9], full[256];
	payload_crc_hex(body, strlen(body), crc);
	snprintf(full, sizeof full, "%s;crc=%s", body, crc);
	assert_int_equal(payload_parse(full, strlen(full), &q), PAYLOAD_SYNTAX);
}

static void test_crc_known_value(void **state)
{
	(void)state;
	char crc[9];
	/* CRC-32 of "123456789" is CBF43926 (the standard check value). */
	payload_crc_hex("123456789", 9, crc);
	assert_string_equal(crc, "CBF43926");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_serial_check_digit),
		cmocka_unit_test(test_muni_check_digit),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_tampered),
		cmocka_unit_test(test_bad_check_digits_with_good_crc),
		cmocka_unit_test(test_foreign_and_truncated),
		cmocka_unit_test(test_crc_known_value),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
