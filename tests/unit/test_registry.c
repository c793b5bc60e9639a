/*
** test_registry.c — residents.csv loading (RFC 4180 quoting, errors with
** file:line:column) and lookups.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "registry.h"

#define HEADER "rid,name,kana,birth_date,address,status,overseas,card_expiry,cert_expiry\n"

/* Write text to a fresh temporary file; path receives its name. */
static void write_tmp(const char *text, char path[64])
{
	snprintf(path, 64, "/tmp/shokai-test-registry-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	close(fd);
}

/* Load text; returns the registry (NULL on error, message in err). */
static registry *load(const char *text, char *err, size_t errlen, char path[64])
{
	registry *reg = NULL;
	write_tmp(text, path);
	int rc = registry_open(path, &reg, err, errlen);
	unlink(path);
	assert_int_equal(rc == 0, reg != NULL);
	return reg;
}

static void test_load_and_lookup(void **state)
{
	(void)state;
	char err[256] = "", path[64];
	registry *reg = load(
		"\xef\xbb\xbf" HEADER
		"R001,後藤　恵美,ゴトウ エミ,1944-06-12,東京都世田谷区松原1-9-8,resident,0,2033-10-18,2028-10-18\n"
		"R002,\"木村, 一郎\",キムラ イチロウ,1943-08-04,\"東京都世田谷区祖師谷6-33-18 \"\"サンハイツ\"\"101\",moved_out,1,2033-05-29,2028-05-29\r\n"
		"R003,\"前田\n陽子\",マエダ ヨウコ,2000-02-29,世田谷区桜新町三丁目１０番１号,deceased,0,2029-12-04,2024-12-04\n"
		"\n"
		"R004,山田　花子,,1990-01-01,東京都世田谷区宮坂3丁目22番10号,resident,0,2030-01-15,2025-01-15",
		err, sizeof err, path);
	assert_non_null(reg);
	assert_string_equal(err, "");
	assert_int_equal(registry_count(reg), 4);

	resident r;
	assert_int_equal(registry_lookup(reg, "R001", &r), 1);
	assert_string_equal(r.rid, "R001");
	assert_string_equal(r.name, "後藤　恵美");
	assert_int_equal(r.birth, 19440612);
	assert_int_equal(r.status, RS_RESIDENT);
	assert_int_equal(r.overseas, 0);
	assert_int_equal(r.card_expiry, 20331018);
	assert_int_equal(r.cert_expiry, 20281018);

	assert_int_equal(registry_lookup(reg, "R002", &r), 1);
	assert_string_equal(r.name, "木村, 一郎");
	assert_string_equal(r.address, "東京都世田谷区祖師谷6-33-18 \"サンハイツ\"101");
	assert_int_equal(r.status, RS_MOVED_OUT);
	assert_int_equal(r.overseas, 1);

	assert_int_equal(registry_lookup(reg, "R003", &r), 1);
	assert_string_equal(r.name, "前田\n陽子");
	assert_int_equal(r.birth, 20000229);
	assert_int_equal(r.status, RS_DECEASED);

	assert_int_equal(registry_lookup(reg, "R004", &r), 1);
	assert_string_equal(r.kana, "");
	assert_int_equal(r.cert_expiry, 20250115);

	assert_int_equal(registry_lookup(reg, "R005", &r), 0);
	assert_int_equal(registry_lookup(reg, "r001", &r), 0);
	assert_int_equal(registry_lookup(reg, "", &r), 0);
	registry_close(reg);
}

static void test_columns_in_any_order(void **state)
{
	(void)state;
	char err[256] = "", path[64];
	registry *reg = load(
		"status,rid,overseas,name,kana,address,birth_date,cert_expiry,card_expiry,note\n"
		"resident,X9,0,佐藤 一,サトウ ハジメ,世田谷区,1970-01-02,2025-03-04,2030-03-04,free text\n",
		err, sizeof err, path);
	assert_non_null(reg);
	resident r;
	assert_int_equal(registry_lookup(reg, "X9", &r), 1);
	assert_int_equal(r.birth, 19700102);
	assert_int_equal(r.cert_expiry, 20250304);
	assert_int_equal(r.card_expiry, 20300304);
	registry_close(reg);
}

/* Each bad file must fail with "path:line:column: ..." naming the spot. */
static void test_errors_name_line_and_column(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		const char *where; /* ":line:column:" or ":line:" */
		const char *what;  /* a word of the message */
	} t[] = {
		{HEADER "R1,a,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n"
			"R2,a,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n"
			"R1,c,d,1971-01-01,y,resident,0,2030-01-01,2025-01-01\n",
		 ":4:1:", "duplicate"},
		{HEADER "R1,a,b,1970-01-01,x,alive,0,2030-01-01,2025-01-01\n", ":2:6:", "status"},
		{HEADER "R1,a,b,1970-02-30,x,resident,0,2030-01-01,2025-01-01\n", ":2:4:", "birth_date"},
		{HEADER "R1,a,b,1970-01-01,x,resident,0,2030-01-01,2025-1-01\n", ":2:9:", "cert_expiry"},
		{HEADER "R1,a,b,1970-01-01,x,resident,0,2023-02-29,2025-01-01\n", ":2:8:", "card_expiry"},
		{HEADER "R1,a,b,1970-01-01,x,resident,2,2030-01-01,2025-01-01\n", ":2:7:", "overseas"},
		{HEADER "R1,a,b,1970-01-01,x,resident,0,2030-01-01\n", ":2:", "fields"},
		{HEADER "R1,a,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01,extra\n", ":2:", "fields"},
		{HEADER "R1,a\"b,c,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:", "malformed"},
		{HEADER "R1,\"a\"b,c,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:", "malformed"},
		{HEADER "R1,\"abc,c,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2", "malformed"},
		{HEADER "R 1,a,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:1:", "rid"},
		{HEADER "R1,,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:2:", "name"},
		{HEADER "R1,a\xff,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:2:", "UTF-8"},
		/* overlong and surrogate forms of 3 bytes: not UTF-8 either */
		{HEADER "R1,a,b,1970-01-01,x\xe0\x80\xb7,resident,0,2030-01-01,2025-01-01\n", ":2:5:", "UTF-8"},
		{HEADER "R1,a\xed\xa0\x80,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n", ":2:2:", "UTF-8"},
		/* 山田 in Shift_JIS, as Excel's plain CSV writes it: the hint */
		{HEADER "R1,\x8e\x52\x93\x63,b,1970-01-01,x,resident,0,2030-01-01,2025-01-01\n",
		 ":2:2:", "Shift_JIS"},
		{"rid,name,kana,birth_date,address,status,overseas,card_expiry\n", ":1:", "cert_expiry"},
		{"", ":1:", "header"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		char err[256] = "", path[64];
		registry *reg = load(t[i].text, err, sizeof err, path);
		if (reg) {
			registry_close(reg);
			fail_msg("case %zu: loaded a bad file", i);
		}
		char want[128];
		snprintf(want, sizeof want, "%s%s", path, t[i].where);
		if (strncmp(err, want, strlen(want)) != 0 || !strstr(err, t[i].what))
			fail_msg("case %zu: message \"%s\", want prefix \"%s\" and \"%s\"", i, err,
				 want, t[i].what);
	}
}

static void test_missing_file(void **state)
{
	(void)state;
	registry *reg = (registry *)1;
	char err[256] = "";
	assert_int_equal(registry_open("/nonexistent/residents.csv", &reg, err, sizeof err), -1);
	assert_null(reg);
	assert_non_null(strstr(err, "/nonexistent/residents.csv"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_and_lookup),
		cmocka_unit_test(test_columns_in_any_order),
		cmocka_unit_test(test_errors_name_line_and_column),
		cmocka_unit_test(test_missing_file),
	};
	return cmocka_run_group_tests_name("registry", tests, NULL, NULL);
}
