/*
** test_normalize.c — folding notations, splitting addresses, and the
** SAME / CHANGED / UNCERTAIN comparison of printed data with the registry.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "normalize.h"

#define GATE 0.9

static void test_norm_text(void **state)
{
	(void)state;
	static const struct {
		const char *in, *want;
	} t[] = {
		{"ＡＢＣ　１２３", "ABC123"},
		{"abc 12\t3", "ABC123"},
		{"ｻﾝﾊｲﾂ", "サンハイツ"},
		{"ｶﾞｰﾃﾞﾝ ﾊﾟﾚｽ", "ガーデンパレス"},
		{"髙橋", "高橋"},
		{"山﨑", "山崎"},
		{"渡邊", "渡辺"},
		{"渡邉", "渡辺"},
		{"齋藤", "斎藤"},
		{"4－22ー3", "4-22-3"},   /* full-width hyphen; ー between digits */
		{"4‐22−3", "4-22-3"},
		{"コーポ桜", "コーポ桜"},  /* a long vowel between kana stays */
		{"", ""},
	};
	char out[256];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		assert_true(norm_text(t[i].in, out, sizeof out) >= 0);
		if (strcmp(out, t[i].want))
			fail_msg("norm_text(\"%s\") = \"%s\", want \"%s\"", t[i].in, out, t[i].want);
	}
	assert_int_equal(norm_text("\xe3\x81", out, sizeof out), -1);
	assert_int_equal(norm_text("ABCDEF", out, 4), -1);
}

static void test_address_parse(void **state)
{
	(void)state;
	static const struct {
		const char *in, *pref, *canonical;
	} t[] = {
		{"東京都世田谷区太子堂四丁目14番18号　サンハイツ201号室", "東京都", "世田谷区太子堂|4-14-18|サンハイツ|201"},
		{"東京都世田谷区玉川4-26-27 ハイム城南102", "東京都", "世田谷区玉川|4-26-27|ハイム城南|102"},
		{"世田谷区桜新町三丁目１０番１号", "", "世田谷区桜新町|3-10-1||"},
		{"東京都世田谷区千歳台2丁目28番17号", "東京都", "世田谷区千歳台|2-28-17||"},
		{"世田谷区三軒茶屋二丁目二十二番三号", "", "世田谷区三軒茶屋|2-22-3||"},
		{"世田谷区二子玉川1-2-3-405", "", "世田谷区二子玉川|1-2-3||405"},
		{"世田谷区八幡山一丁目2番地の3 ﾒｿﾞﾝ 101号", "", "世田谷区八幡山|1-2-3|メゾン|101"},
		{"千代田区一番町5番地", "", "千代田区一番町|5||"},
		{"神奈川県川崎市中原区小杉町三丁目9番7号", "神奈川県", "川崎市中原区小杉町|3-9-7||"},
		{"世田谷区", "", "世田谷区|||"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		address_parts a;
		char c[512];
		assert_int_equal(address_parse(t[i].in, &a), 0);
		assert_true(address_canonical(&a, c, sizeof c) > 0);
		if (strcmp(a.pref, t[i].pref) || strcmp(c, t[i].canonical))
			fail_msg("address_parse(\"%s\") = [%s] %s, want [%s] %s", t[i].in, a.pref, c,
				 t[i].pref, t[i].canonical);
	}
	address_parts a;
	assert_int_equal(address_parse("世田谷区", &a), 0);
	assert_int_equal(a.parsed, 0);
	assert_int_equal(a.room, -1);
}

static void test_edit_distance(void **state)
{
	(void)state;
	assert_int_equal(utf8_edit_distance("kitten", "sitting"), 3);
	assert_int_equal(utf8_edit_distance("", "abc"), 3);
	assert_int_equal(utf8_edit_distance("髙橋", "高橋"), 1);
	assert_int_equal(utf8_edit_distance("402号室", "404号室"), 1);
	assert_int_equal(utf8_edit_distance("same", "same"), 0);
	assert_int_equal(utf8_edit_distance("\xff", "a"), -1);
}

static void test_plausible_errors(void **state)
{
	(void)state;
	assert_int_equal(ocr_plausible_errors(20, 1.0), 0);
	assert_int_equal(ocr_plausible_errors(20, 0.0), 20);
	assert_int_equal(ocr_plausible_errors(0, 0.5), 0);
	/* less confidence, more plausible errors; never beyond the length */
	assert_true(ocr_plausible_errors(25, 0.8) < ocr_plausible_errors(25, 0.3));
	assert_true(ocr_plausible_errors(25, 0.8) >= 1);
	assert_true(ocr_plausible_errors(4, 0.01) <= 4);
}

static const char *const REG = "東京都世田谷区砧五丁目23番15号　メゾン世田谷402号室";

static void test_compare_address(void **state)
{
	(void)state;
	static const struct {
		const char *printed;
		double conf;
		const char *registry;
		cmp_result want;
		const char *why;
	} t[] = {
		/* the same address in other notations */
		{"東京都世田谷区砧五丁目23番15号　メゾン世田谷402号室", 0.99, NULL, CMP_SAME, ""},
		{"東京都世田谷区砧5-23-15 メゾン世田谷402", 0.99, NULL, CMP_SAME, ""},
		{"東京都世田谷区砧５丁目２３番１５号 メゾン世田谷４０２号室", 0.99, NULL, CMP_SAME, ""},
		{"世田谷区砧五丁目23番15号メゾン世田谷402号室", 0.99, NULL, CMP_SAME, ""},
		{"東京都 世田谷区 砧 五丁目 二十三番 十五号 メゾン世田谷 402", 0.99, NULL, CMP_SAME, ""},
		{"東京都世田谷区砧5丁目23番地15 ﾒｿﾞﾝ世田谷402号室", 0.99, NULL, CMP_SAME, ""},
		/* an exact match is the same even from a weak reading */
		{"東京都世田谷区砧五丁目23番15号　メゾン世田谷402号室", 0.3, NULL, CMP_SAME, ""},
		/* changes, read with confidence */
		{"東京都世田谷区砧五丁目23番15号　メゾン世田谷404号室", 0.99, NULL, CMP_CHANGED, "room"},
		{"東京都世田谷区砧四丁目23番15号　メゾン世田谷402号室", 0.99, NULL, CMP_CHANGED, "chome"},
		{"東京都世田谷区砧五丁目24番15号　メゾン世田谷402号室", 0.99, NULL, CMP_CHANGED, "ban"},
		{"東京都世田谷区砧五丁目23番16号　メゾン世田谷402号室", 0.99, NULL, CMP_CHANGED, "go"},
		{"東京都世田谷区砧五丁目23番15号　サンハイツ402号室", 0.99, NULL, CMP_CHANGED, "building"},
		{"東京都世田谷区砧五丁目23番15号", 0.99, NULL, CMP_CHANGED, "building"},
		{"東京都世田谷区喜多見五丁目23番15号　メゾン世田谷402号室", 0.99, NULL, CMP_CHANGED, "town"},
		{"神奈川県世田谷区砧五丁目23番15号　メゾン世田谷402号室", 0.99, NULL, CMP_CHANGED, "prefecture"},
		/* a one-character difference from a weak reading could be the reader's */
		{"東京都世田谷区砧五丁目23番15号　メゾン世田谷404号室", 0.6, NULL, CMP_UNCERTAIN, "room"},
		{"東京都世田谷区砧五丁目23番15号　メゾン世田谷404号室", 0.89, NULL, CMP_UNCERTAIN, "room"},
		/* a different address is a change even from a weak reading */
		{"東京都世田谷区経堂二丁目2番12号", 0.6, NULL, CMP_CHANGED, "town"},
		/* a misread marker (五十目 for 五丁目) breaks the structure but is one
		** character: uncertain however sure the reading (look-alike kanji) */
		{"東京都世田谷区砧五十目23番15号　メゾン世田谷402号室", 0.84, NULL, CMP_UNCERTAIN, "town"},
		{"東京都世田谷区砧五十目23番15号　メゾン世田谷402号室", 0.95, NULL, CMP_UNCERTAIN, "town"},
		{"東京都世田谷区南鳥山五丁目23番15号　メゾン世田谷402号室", 0.95,
		 "東京都世田谷区南烏山五丁目23番15号　メゾン世田谷402号室", CMP_UNCERTAIN, "town"},
		/* two characters of the building from a sure reading: a change */
		{"東京都世田谷区砧五丁目23番15号　メゾン目黒402号室", 0.95, NULL, CMP_CHANGED, "building"},
		{"東京都世田谷区圧五丁目23番15号　メゾン世田谷404号室", 0.81, NULL, CMP_UNCERTAIN, "town"},
		/* nothing read */
		{"", 0.99, NULL, CMP_UNCERTAIN, "nothing read"},
		/* the registry in hyphen notation */
		{"東京都世田谷区玉川四丁目26番27号　ハイム城南102号室", 0.99, "東京都世田谷区玉川4-26-27 ハイム城南102", CMP_SAME, ""},
		{"東京都世田谷区玉川四丁目26番27号　ハイム城南103号室", 0.99, "東京都世田谷区玉川4-26-27 ハイム城南102", CMP_CHANGED, "room"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cmp_detail d;
		const char *reg = t[i].registry ? t[i].registry : REG;
		cmp_result got = compare_address(t[i].printed, t[i].conf, reg, GATE, &d);
		if (got != t[i].want || strcmp(d.why, t[i].why))
			fail_msg("case %zu: %s (%s, d=%d), want %s (%s)", i, cmp_result_str(got), d.why,
				 d.distance, cmp_result_str(t[i].want), t[i].why);
	}
	assert_int_equal(compare_address(NULL, 0.99, REG, GATE, NULL), CMP_UNCERTAIN);
}

static void test_compare_name(void **state)
{
	(void)state;
	static const struct {
		const char *printed;
		double conf;
		const char *registry;
		cmp_result want;
	} t[] = {
		{"齋藤　明美", 0.99, "齋藤　明美", CMP_SAME},
		{"齋藤 明美", 0.99, "齋藤明美", CMP_SAME},
		{"齋藤　明美　様", 0.99, "齋藤　明美", CMP_SAME},   /* 様 is printed after the name */
		{"髙橋　美咲", 0.99, "高橋　美咲", CMP_SAME},       /* variant kanji */
		{"山崎　健太", 0.99, "山﨑　健太", CMP_SAME},
		{"渡辺　恵美", 0.99, "渡邊　恵美", CMP_SAME},
		{"藤田　浩二", 0.99, "石川　浩二", CMP_CHANGED},
		{"石川　恵美", 0.99, "渡邊　恵美", CMP_CHANGED},
		{"藤田　浩二", 0.5, "石川　浩二", CMP_UNCERTAIN},   /* 2 of 4 from a weak reading */
		{"藤田　浩二", 0.5, "石川　大輔", CMP_CHANGED},     /* 4 of 4 */
		/* one kanji apart: a sure reading can still be a look-alike misread */
		{"高橋　花子", 0.95, "高橋　花江", CMP_UNCERTAIN},
		{"池田　和志", 0.99, "池田　和也", CMP_UNCERTAIN},
		{"高橋　花子", 0.95, "高橋　智恵", CMP_CHANGED},    /* 2 of 4 from a sure reading */
		{"高橋　花子", 0.7, "高橋　花江", CMP_UNCERTAIN},
		{"", 0.99, "高橋　花子", CMP_UNCERTAIN},
		{"様", 0.99, "高橋　花子", CMP_UNCERTAIN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cmp_detail d;
		cmp_result got = compare_name(t[i].printed, t[i].conf, t[i].registry, GATE, &d);
		if (got != t[i].want)
			fail_msg("case %zu (%s / %s @%.2f): %s, want %s", i, t[i].printed, t[i].registry,
				 t[i].conf, cmp_result_str(got), cmp_result_str(t[i].want));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_text),
		cmocka_unit_test(test_address_parse),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_plausible_errors),
		cmocka_unit_test(test_compare_address),
		cmocka_unit_test(test_compare_name),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
