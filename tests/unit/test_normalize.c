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

/* A table of texts and what a folding or tidying function makes of them. */
typedef struct {
	const char *in, *want;
} text_case;

/* Each input gives its text (and a length, not -1). */
static void check_texts(const char *name, int (*f)(const char *, char *, size_t),
			const text_case *t, size_t n)
{
	char out[256];
	for (size_t i = 0; i < n; i++) {
		assert_true(f(t[i].in, out, sizeof out) >= 0);
		if (strcmp(out, t[i].want))
			fail_msg("%s(\"%s\") = \"%s\", want \"%s\"", name, t[i].in, out, t[i].want);
	}
}

static void test_norm_text(void **state)
{
	(void)state;
	static const text_case t[] = {
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
	check_texts("norm_text", norm_text, t, sizeof t / sizeof t[0]);
	char out[256];
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

static const char NOBLD_REG[] = "(registry without a building)";
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

/* A town or building name too long for address_parts was once cut to ""
** and so compared equal to any other name cut so: two different addresses
** were SAME. Too long now means unreadable. */
static void test_address_too_long(void **state)
{
	(void)state;
	char a[1024] = "", b[1024] = "", c[1024] = "東京都世田谷区砧5-23-15 ",
	     e[1024] = "東京都世田谷区砧5-23-15 ";
	for (int i = 0; i < 70; i++) { /* 70 kanji: 210 bytes, over the 192 */
		strcat(a, "亜");
		strcat(b, "井");
		strcat(c, "亜");
		strcat(e, "井");
	}
	strcat(a, "1-2-3");
	strcat(b, "1-2-3");
	address_parts p;
	assert_int_equal(address_parse(a, &p), -1);
	assert_int_equal(address_parse(c, &p), -1);
	cmp_detail d;
	assert_int_equal(compare_address(b, 0.99, a, GATE, &d), CMP_UNCERTAIN);
	assert_int_not_equal(compare_address(e, 0.99, c, GATE, &d), CMP_SAME);
	const char *reads[] = {e, e};
	assert_int_not_equal(compare_address_reads(reads, 2, 0.99, c, GATE, &d), CMP_SAME);
	/* a long name that fits still parses */
	assert_int_equal(address_parse("東京都世田谷区砧5-23-15 メゾン世田谷グランドパークフロントレジデンス402", &p), 0);
	assert_string_equal(p.building, "メゾン世田谷グランドパークフロントレジデンス");
}

/* Overlong forms, surrogates and code points past U+10FFFF are not UTF-8.
** C0 80 (an overlong NUL) once decoded to a NUL inside the text, which
** cut the folded name short: "山田<C0 80>花子" came out the same as 山田. */
static void test_not_utf8(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\xc0\x80-X", "\xe0\x80\xb1", "\xc1\xbf", "\xf0\x80\x80\xb1",
		"\xed\xa0\x80", "\xf4\x90\x80\x80",
	};
	char out[64];
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		if (norm_text(bad[i], out, sizeof out) != -1)
			fail_msg("case %zu: norm_text took it for UTF-8", i);
	assert_int_equal(norm_text("\xf0\xa0\xae\xb7", out, sizeof out), 3); /* 𠮷 → 吉 */
	assert_string_equal(out, "吉");
	assert_int_equal(norm_text("\xf4\x8f\xbf\xbf", out, sizeof out), 4); /* U+10FFFF */
	assert_int_equal(compare_name("山田\xc0\x80花子", 0.99, "山田", GATE, NULL), CMP_UNCERTAIN);
	assert_int_equal(compare_address("世田谷区砧5-23-15\xc0\x80メゾン世田谷402", 0.99,
					 "世田谷区砧5-23-15", GATE, NULL), CMP_UNCERTAIN);
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


/* Several readings of one line: what each says, pooled. A = the registry
** address REG as printed; the others change one thing. */
static void test_compare_address_reads(void **state)
{
	(void)state;
	static const char *const SAME = "東京都世田谷区砧五丁目23番15号メゾン世田谷402号室";
	static const char *const TOWN1 = "東京都世田谷区圧五丁目23番15号メゾン世田谷402号室";
	static const char *const ROOM = "東京都世田谷区砧五丁目23番15号メゾン世田谷404号室";
	static const char *const ROOM_T = "東京都世田谷区太五丁目23番15号メゾン世田谷404号室";
	static const char *const ROOM2 = "東京都世田谷区砧五丁目23番15号メゾン世田谷408号室";
	static const char *const GO = "東京都世田谷区砧五丁目23番16号メゾン世田谷402号室";
	static const char *const OTHER = "東京都世田谷区経堂二丁目2番12号";
	static const char *const OTHER2 = "東京都世田谷区経常二丁目2番12号";
	static const char *const NOBLD = "東京都世田谷区砧五丁目23番15号";
	static const struct {
		const char *r[3];
		int n;
		double conf;
		const char *registry;
		cmp_result want;
		const char *why;
	} t[] = {
		/* every reading the registry's, in another notation too */
		{{SAME, SAME, SAME}, 3, 0.99, NULL, CMP_SAME, ""},
		{{"東京都世田谷区玉川四丁目26番27号ハイム城南102号室", "東京都世田谷区玉川四丁目26番27号ハイム城南102号室"},
		 2, 0.6, "東京都世田谷区玉川4-26-27 ハイム城南102", CMP_SAME, ""},
		/* a majority the registry's, the other one kanji of the town off */
		{{SAME, SAME, TOWN1}, 3, 0.6, NULL, CMP_SAME, "one reading differs"},
		/* ... but never a number: one reading's room or go is a doubt */
		{{SAME, SAME, ROOM}, 3, 0.6, NULL, CMP_UNCERTAIN, "room"},
		{{SAME, SAME, GO}, 3, 0.6, NULL, CMP_UNCERTAIN, "go"},
		/* ... unless the reading lost a one-character number (砧丁目 for
		** 砧五丁目); 15号 read 5号 is another number, and 号 for 15号 two
		** characters lost */
		{{SAME, SAME, "東京都世田谷区砧丁目23番15号メゾン世田谷402号室"}, 3, 0.6, NULL,
		 CMP_SAME, "one reading differs"},
		{{SAME, "東京都世田谷区砧丁目23番15号メゾン世田谷402号室"}, 2, 0.6, NULL,
		 CMP_UNCERTAIN, "town"},
		{{SAME, SAME, "東京都世田谷区砧五丁目23番5号メゾン世田谷402号室"}, 3, 0.6, NULL,
		 CMP_UNCERTAIN, "go"},
		{{SAME, SAME, "東京都世田谷区砧五丁目23番号メゾン世田谷402号室"}, 3, 0.6, NULL,
		 CMP_UNCERTAIN, "chome/ban/go count"},
		/* no majority for the registry: a doubt */
		{{SAME, TOWN1}, 2, 0.6, NULL, CMP_UNCERTAIN, "town"},
		{{TOWN1, TOWN1, SAME}, 3, 0.6, NULL, CMP_UNCERTAIN, "town"},
		/* the room read alike every time, not the registry's: a change,
		** however weak the line and whatever the town was read as */
		{{ROOM, ROOM, ROOM}, 3, 0.6, NULL, CMP_CHANGED, "room"},
		{{ROOM_T, ROOM_T, ROOM}, 3, 0.6, NULL, CMP_CHANGED, "room"},
		{{GO, GO}, 2, 0.5, NULL, CMP_CHANGED, "go"},
		/* the chome read alike twice, lost in the third reading */
		{{"東京都世田谷区砧四丁目23番15号メゾン世田谷402号室", "東京都世田谷区砧四丁目23番15号メゾン世田谷402号室",
		  "東京都世田谷区砧丁目23番15号メゾン世田谷402号室"}, 3, 0.6, NULL, CMP_CHANGED, "chome"},
		/* ... but one complete reading of two is no majority */
		{{"東京都世田谷区砧四丁目23番15号メゾン世田谷402号室",
		  "東京都世田谷区砧丁目23番15号メゾン世田谷402号室"}, 2, 0.6, NULL, CMP_UNCERTAIN, "chome"},
		/* the room read two ways: a doubt */
		{{ROOM, ROOM, ROOM2}, 3, 0.6, NULL, CMP_UNCERTAIN, "room"},
		/* a building and room printed, none in the registry */
		{{SAME, SAME, SAME}, 3, 0.6, NOBLD_REG, CMP_CHANGED, "room"},
		/* one kanji of the town off in every reading: a doubt, never a change */
		{{"東京都世田谷区南鳥山五丁目23番15号", "東京都世田谷区南鳥山五丁目23番15号",
		  "東京都世田谷区南鳥山五丁目23番15号"}, 3, 0.95, "東京都世田谷区南烏山5-23-15",
		 CMP_UNCERTAIN, "town"},
		/* another address in every reading: its numbers decide */
		{{OTHER, OTHER, OTHER2}, 3, 0.6, "東京都世田谷区玉川4-26-27 ハイム城南102", CMP_CHANGED, "chome"},
		/* another town in every reading, two of them alike */
		{{OTHER, OTHER, OTHER2}, 3, 0.6, "東京都世田谷区玉川2-2-12", CMP_CHANGED, "town"},
		/* far off in every reading, but no two readings alike: noise */
		{{OTHER, "東京都世田谷区経常三丁目2番12号", "東京都世田谷区径堂二丁目7番12号"}, 3, 0.3,
		 "東京都世田谷区玉川2-2-12", CMP_UNCERTAIN, "town"},
		/* the chome marker garbled alike in every reading (一丁目 as
		** 一上日): the same misreading repeats, it is no change */
		{{"東京都世田谷区羽根木一上日40番29号", "東京都世田谷区羽根木一上日40番29号"}, 2, 0.6,
		 "東京都世田谷区羽根木1丁目40番29号", CMP_UNCERTAIN, "town"},
		/* another building in every reading, one kanji of it read a new
		** way each time: the readings agree but for that one */
		{{"東京都世田谷区砧五丁目23番15号コーポ標402号室", "東京都世田谷区砧五丁目23番15号コーポ楠402号室",
		  "東京都世田谷区砧五丁目23番15号コーポ柄402号室"}, 3, 0.6, NULL, CMP_CHANGED, "building"},
		/* ... but readings two characters apart are noise */
		{{"東京都世田谷区砧五丁目23番15号コーポ標402号室", "東京都世田谷区砧五丁目23番15号コーポ人楠402号室"},
		 2, 0.6, NULL, CMP_UNCERTAIN, "building"},
		/* ... and the registry's building two characters off, the third
		** read a new way each time, is a misreading */
		{{"東京都世田谷区砧五丁目23番15号メソン世田各402号室", "東京都世田谷区砧五丁目23番15号メソン世田名402号室"},
		 2, 0.6, NULL, CMP_UNCERTAIN, "building"},
		/* one reading: the single-reading rules */
		{{ROOM}, 1, 0.6, NULL, CMP_UNCERTAIN, "room"},
		{{ROOM}, 1, 0.99, NULL, CMP_CHANGED, "room"},
		{{NOBLD, NOBLD}, 2, 0.6, NULL, CMP_CHANGED, "room"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cmp_detail d;
		const char *reg = t[i].registry == NOBLD_REG ? "東京都世田谷区砧5-23-15"
				: t[i].registry ? t[i].registry : REG;
		cmp_result got = compare_address_reads(t[i].r, t[i].n, t[i].conf, reg, GATE, &d);
		if (got != t[i].want || strcmp(d.why, t[i].why))
			fail_msg("case %zu: %s (%s, d=%d), want %s (%s)", i, cmp_result_str(got), d.why,
				 d.distance, cmp_result_str(t[i].want), t[i].why);
	}
	assert_int_equal(compare_address_reads(NULL, 0, 0.9, REG, GATE, NULL), CMP_UNCERTAIN);
	const char *one_empty[] = {SAME, ""};
	assert_int_equal(compare_address_reads(one_empty, 2, 0.9, REG, GATE, NULL), CMP_UNCERTAIN);
}

static void test_compare_name_reads(void **state)
{
	(void)state;
	static const struct {
		const char *r[3];
		int n;
		const char *registry;
		cmp_result want;
	} t[] = {
		{{"齋藤明美", "斎藤明美", "齋藤明美"}, 3, "齋藤　明美", CMP_SAME},
		/* the majority the registry's, one reading a kanji off */
		{{"齋藤明美", "齋藤明美", "彰藤明美"}, 3, "齋藤　明美", CMP_SAME},
		/* half is no majority */
		{{"齋藤明美", "彰藤明美"}, 2, "齋藤　明美", CMP_UNCERTAIN},
		/* one kanji off in every reading: a doubt */
		{{"池田和志", "池田和志", "池田和志"}, 3, "池田　和也", CMP_UNCERTAIN},
		/* another surname read alike twice, the third reading noisier */
		{{"藤田浩二", "藤田浩二", "朋田浴二"}, 3, "石川　浩二", CMP_CHANGED},
		/* two readings far off but not alike: no change on noise */
		{{"藤田浩二", "朋田浴二"}, 2, "石川　浩二", CMP_UNCERTAIN},
		/* a majority for a name one kanji off the registry's: a doubt */
		{{"高橋花江", "高橋花江", "高橋花子"}, 3, "高橋　花子", CMP_UNCERTAIN},
		/* a name garbled three ways one kanji apart, far from the
		** registry's: no change (readings near each other count as a
		** pair for addresses only) */
		{{"車村真山半", "車村真山羊", "車村真山平"}, 3, "中村　真由美", CMP_UNCERTAIN},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		cmp_detail d;
		cmp_result got = compare_name_reads(t[i].r, t[i].n, 0.6, t[i].registry, GATE, &d);
		if (got != t[i].want)
			fail_msg("case %zu (%s…): %s, want %s", i, t[i].r[0], cmp_result_str(got),
				 cmp_result_str(t[i].want));
	}
}

/* A table of text repairs: each input, the text wanted and the return. */
typedef struct {
	const char *in, *want;
	int rc;
} fix_case;

static void check_fixes(const char *name, int (*fix)(const char *, char *, size_t),
			const fix_case *t, size_t n)
{
	char out[256];
	for (size_t i = 0; i < n; i++) {
		int rc = fix(t[i].in, out, sizeof out);
		if (rc != t[i].rc || strcmp(out, t[i].want))
			fail_msg("%s(\"%s\") = %d \"%s\", want %d \"%s\"", name, t[i].in, rc, out,
				 t[i].rc, t[i].want);
	}
	assert_int_equal(fix(NULL, out, sizeof out), -1);
}

static void test_address_fix_chome(void **state)
{
	(void)state;
	static const fix_case t[] = {
		{"東京都世田谷区船橋四目2番21号", "東京都世田谷区船橋四丁目2番21号", 1},
		{"東京都世田谷区尾山台二目10番18号", "東京都世田谷区尾山台二丁目10番18号", 1},
		{"東京都世田谷区代沢四了目20番1号", "東京都世田谷区代沢四丁目20番1号", 1},
		{"東京都世田谷区代沢四T目20番1号", "東京都世田谷区代沢四丁目20番1号", 1},
		{"東京都世田谷区桜丘3目", "東京都世田谷区桜丘3丁目", 1},
		{"東京都世田谷区代沢四丁目20番1号", "東京都世田谷区代沢四丁目20番1号", 0},
		{"東京都目黒区中目黒一丁目2番3号", "東京都目黒区中目黒一丁目2番3号", 0}, /* 目 of a name */
		{"東京都世田谷区三目ハイツ", "東京都世田谷区三目ハイツ", 0}, /* not before a number */
		{"目", "目", 0},
		/* 丁 read as 十 after a one-digit numeral */
		{"東京都世田谷区祖師谷五十目30番3号", "東京都世田谷区祖師谷五丁目30番3号", 1},
		{"東京都世田谷区祖師谷十目30番3号", "東京都世田谷区祖師谷十丁目30番3号", 1},
		/* 丁目 read as 上日, 丁上日 or 日 before the ban */
		{"東京都世田谷区羽根木一上日40番29号", "東京都世田谷区羽根木一丁目40番29号", 1},
		{"東京都世田谷区上祖師谷四丁上日38番18号", "東京都世田谷区上祖師谷四丁目38番18号", 1},
		{"東京都世田谷区松原一日14番24号", "東京都世田谷区松原一丁目14番24号", 1},
		{"東京都世田谷区松原3日14番24号", "東京都世田谷区松原3丁目14番24号", 1},
		/* a 日 that no number follows is a name's (二日町) */
		{"宮城県仙台市青葉区二日町1番", "宮城県仙台市青葉区二日町1番", 0},
		{"東京都世田谷区上日14番", "東京都世田谷区上日14番", 0}, /* no chome numeral */
		{"", "", 0},
	};
	check_fixes("address_fix_chome", address_fix_chome, t, sizeof t / sizeof t[0]);
	char out[256];
	assert_int_equal(address_fix_chome("\xe3\x81", out, sizeof out), -1);
	/* a line as long as the fix reads (512 code points) ending in 一日1:
	** 丁目 would not fit, so nothing is claimed fixed and out = in */
	char longline[600], lout[1200];
	memset(longline, 'a', 509);
	strcpy(longline + 509, "\xe4\xb8\x80\xe6\x97\xa5" "1"); /* 一日1 */
	assert_int_equal(address_fix_chome(longline, lout, sizeof lout), 0);
	assert_string_equal(lout, longline);
	/* one shorter, it fits */
	strcpy(longline + 508, "\xe4\xb8\x80\xe6\x97\xa5" "1");
	assert_int_equal(address_fix_chome(longline, lout, sizeof lout), 1);
}

static void test_address_fix_go(void **state)
{
	(void)state;
	static const fix_case t[] = {
		{"東京都世田谷区玉川四丁目39番19な", "東京都世田谷区玉川四丁目39番19号", 1},
		{"東京都世田谷区上祖師谷四丁目38番18サ", "東京都世田谷区上祖師谷四丁目38番18号", 1},
		{"東京都世田谷区上祖師谷四丁目38番１８サ", "東京都世田谷区上祖師谷四丁目38番１８号", 1},
		{"東京都世田谷区上祖師谷四丁目38番18号", "東京都世田谷区上祖師谷四丁目38番18号", 0},
		{"東京都世田谷区上祖師谷四丁目38番18", "東京都世田谷区上祖師谷四丁目38番18", 0},
		/* a building follows: its first letter is no 号 */
		{"東京都世田谷区太子堂五丁目26番15サンハイツ", "東京都世田谷区太子堂五丁目26番15サンハイツ", 0},
		{"東京都世田谷区太子堂五丁目26番15号コーポ101号室", "東京都世田谷区太子堂五丁目26番15号コーポ101号室", 0},
		{"東京都世田谷区太子堂五丁目26番地", "東京都世田谷区太子堂五丁目26番地", 0}, /* no number */
		{"東京都世田谷区太子堂5-26-15", "東京都世田谷区太子堂5-26-15", 0},
		{"東京都世田谷区太子堂五丁目26番15-", "東京都世田谷区太子堂五丁目26番15-", 0},
		{"番1サ", "番1号", 1},
		/* the room's 号室 with one of its two misread */
		{"東京都世田谷区北沢四丁目14番10号レジデンス松陰306全室",
		 "東京都世田谷区北沢四丁目14番10号レジデンス松陰306号室", 1},
		{"東京都世田谷区北沢四丁目14番10号　コーポ欅306号宰",
		 "東京都世田谷区北沢四丁目14番10号　コーポ欅306号室", 1},
		{"東京都世田谷区北沢四丁目14番10号レジデンス松陰306号室",
		 "東京都世田谷区北沢四丁目14番10号レジデンス松陰306号室", 0},
		/* both misread: nothing to anchor on */
		{"東京都世田谷区北沢四丁目14番10号レジデンス松陰306全宰",
		 "東京都世田谷区北沢四丁目14番10号レジデンス松陰306全宰", 0},
		/* no building before the number */
		{"東京都世田谷区北沢四丁目14番10全室", "東京都世田谷区北沢四丁目14番10全室", 0},
		{"コーポ 306全室", "コーポ 306全室", 0},
		{"1サ", "1サ", 0},
		{"", "", 0},
	};
	check_fixes("address_fix_go", address_fix_go, t, sizeof t / sizeof t[0]);
}

static void test_ocr_tidy(void **state)
{
	(void)state;
	static const text_case t[] = {
		{"東京都世田谷区等々カニ丁目6番16号", "東京都世田谷区等々力二丁目6番16号"},
		{"東京都世田谷区代沢四丁目20番1]号", "東京都世田谷区代沢四丁目20番1号"},
		{"東京都世田谷区豪徳寺一丁目37番11号。'", "東京都世田谷区豪徳寺一丁目37番11号"},
		{"金子京子様“", "金子京子様"},
		{"東京都世田谷区用賀三丁目カーサ用賀", "東京都世田谷区用賀三丁目カーサ用賀"}, /* a kana word */
		{"パレス等々力401号室", "パレス等々力401号室"},
		{"ハイツ若葉105号室", "ハイツ若葉105号室"},
		{"4ー22ー3", "4ー22ー3"},      /* between digits: a hyphen, for norm_text */
		{"世田谷区エ場ロ", "世田谷区工場ロ"}, /* a run at the end stays */
		{"松田健-・", "松田健一"},              /* a bar after a kanji, then junk */
		{"羽根木-丁目40番29号", "羽根木一丁目40番29号"},
		{"羽根木1-40-29", "羽根木1-40-29"},  /* between digits: a hyphen */
		{"ルーシー", "ルーシー"},
		{"ジョン・スミス", "ジョン・スミス"},
		{"", ""},
	};
	check_texts("ocr_tidy", ocr_tidy, t, sizeof t / sizeof t[0]);
	char out[256];
	assert_int_equal(ocr_tidy("\xe3\x81", out, sizeof out), -1);
	/* the printed name: 様 (or 欄) dropped, then the line's end tidied */
	static const text_case nm[] = {
		{"松田健-・様", "松田健一"},
		{"金子京子様“", "金子京子"},
		{"石川一郎欄", "石川一郎"},
		{"様", "様"},          /* nothing before it: not an honorific */
		{"遠藤誠様=", "遠藤誠"}, /* the box's edge read after it */
		{"渡辺誠様ーー", "渡辺誠"},
		{"佐藤健-", "佐藤健一"},
	};
	check_texts("name_tidy", name_tidy, nm, sizeof nm / sizeof nm[0]);
	assert_int_equal(name_tidy(NULL, out, sizeof out), -1);
	assert_int_equal(ocr_tidy(NULL, out, sizeof out), -1);
}

/* 砧 is outside the test recogniser's character set. */
static int knows_all_but_kinuta(void *ctx, long c)
{
	(void)ctx;
	return c != 0x7827;
}

static void test_address_fix_town(void **state)
{
	(void)state;
	static const char *const towns[] = {"砧", "桜", "北烏山", "南烏山", "尾山台", "上馬",
					    "下馬", "三軒茶屋", "成城"};
	static const struct {
		const char *in;
		int known; /* use knows_all_but_kinuta */
		int want;
		const char *out;
	} t[] = {
		{"東京都世田谷区北鳥山八丁目12番11号", 1, 1, "東京都世田谷区北烏山八丁目12番11号"},
		{"世田谷区北鳥山八丁目1番1号", 1, 1, "世田谷区北烏山八丁目1番1号"},
		{"東京都世田谷区尾山全二丁目10番18号", 0, 1, "東京都世田谷区尾山台二丁目10番18号"},
		/* 圧 for the unreadable 砧: as near 桜 as 砧 unless the reader's
		** character set is known */
		{"東京都世田谷区圧五丁目23番15号", 1, 1, "東京都世田谷区砧五丁目23番15号"},
		{"東京都世田谷区圧五丁目23番15号", 0, 0, "東京都世田谷区圧五丁目23番15号"},
		/* 土馬: 上馬 and 下馬 are both one kanji away */
		{"東京都世田谷区土馬一丁目1番1号", 1, 0, "東京都世田谷区土馬一丁目1番1号"},
		/* listed towns, a kanji numeral in the town, two edits, other cities */
		{"東京都世田谷区桜五丁目23番15号", 1, 0, "東京都世田谷区桜五丁目23番15号"},
		{"東京都世田谷区三軒茶屋二丁目2番2号", 1, 0, "東京都世田谷区三軒茶屋二丁目2番2号"},
		{"東京都世田谷区北鳥川八丁目1番1号", 1, 0, "東京都世田谷区北鳥川八丁目1番1号"},
		{"東京都杉並区高円寺南五丁目1番1号", 1, 0, "東京都杉並区高円寺南五丁目1番1号"},
		{"東京都世田谷区北鳥山", 1, 0, "東京都世田谷区北鳥山"},
	};
	char out[512];
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		int got = address_fix_town(t[i].in, "東京都世田谷区", towns, 9,
					   t[i].known ? knows_all_but_kinuta : NULL, NULL, out, sizeof out);
		if (got != t[i].want || strcmp(out, t[i].out))
			fail_msg("address_fix_town(\"%s\") = %d \"%s\", want %d \"%s\"", t[i].in, got, out,
				 t[i].want, t[i].out);
	}
	assert_int_equal(address_fix_town("東京都世田谷区北鳥山八丁目1番1号", "東京都世田谷区", towns, 0,
					  NULL, NULL, out, sizeof out), 0);
	assert_int_equal(address_fix_town("東京都世田谷区北鳥山八丁目1番1号", "東京都世田谷区", towns, 9,
					  NULL, NULL, out, 8), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_norm_text),
		cmocka_unit_test(test_address_parse),
		cmocka_unit_test(test_edit_distance),
		cmocka_unit_test(test_plausible_errors),
		cmocka_unit_test(test_compare_address),
		cmocka_unit_test(test_address_too_long),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_compare_name),
		cmocka_unit_test(test_compare_address_reads),
		cmocka_unit_test(test_compare_name_reads),
		cmocka_unit_test(test_ocr_tidy),
		cmocka_unit_test(test_address_fix_chome), cmocka_unit_test(test_address_fix_go),
		cmocka_unit_test(test_address_fix_town),
	};
	return cmocka_run_group_tests_name("normalize", tests, NULL, NULL);
}
