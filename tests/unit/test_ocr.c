/*
** test_ocr.c — the vote over several readings of a printed line, and the
** profile's town list that corrects printed addresses.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "normalize.h"
#include "ocr.h"
#include "profile.h"
#include "testutil.h"

static void reads3(ocr_reads *r, const char *a, double ca, const char *b, double cb,
		   const char *c, double cc)
{
	memset(r, 0, sizeof *r);
	const char *t[3] = {a, b, c};
	double k[3] = {ca, cb, cc};
	for (int i = 0; i < 3 && t[i]; i++, r->n++) {
		snprintf(r->text[i], sizeof r->text[i], "%s", t[i]);
		r->conf[i] = k[i];
	}
}

static void test_vote(void **state)
{
	(void)state;
	ocr_reads r;
	text_reading t;
	/* read alike every time: the surest reading's confidence */
	reads3(&r, "高橋花子", 0.95, "高橋花子", 0.98, "高橋花子", 0.91);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "高橋花子");
	assert_int_equal(t.votes, 3);
	assert_int_equal(t.nalt, 0);
	assert_true(t.conf > 0.979 && t.conf < 0.981);
	/* two against one: the two, capped, the other kept */
	reads3(&r, "彰藤明美", 0.97, "齋藤明美", 0.95, "齋藤明美", 0.93);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "齋藤明美");
	assert_int_equal(t.votes, 2);
	assert_int_equal(t.nalt, 1);
	assert_string_equal(t.alt[0], "彰藤明美");
	assert_true(t.conf <= OCR_DISAGREE_CONF);
	/* all different: the surest, both others kept */
	reads3(&r, "a", 0.5, "b", 0.7, "c", 0.4);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "b");
	assert_int_equal(t.votes, 1);
	assert_int_equal(t.nalt, 2);
	assert_true(t.conf <= 0.6 + 1e-9);
	/* a reading that found nothing does not vote, but is a doubt */
	reads3(&r, "", 0, "高橋花子", 0.98, "高橋花子", 0.97);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "高橋花子");
	assert_int_equal(t.votes, 2);
	assert_int_equal(t.nalt, 0);
	assert_true(t.conf <= OCR_DISAGREE_CONF);
	/* a low confidence is not raised */
	reads3(&r, "x", 0.2, "y", 0.1, "y", 0.3);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "y");
	assert_true(t.conf > 0.29 && t.conf < 0.31);
	/* nothing at all */
	reads3(&r, "", 0, "", 0, "", 0);
	ocr_vote(&r, &t);
	assert_string_equal(t.text, "");
	assert_int_equal(t.votes, 0);
	assert_true(t.conf == 0);
	/* one reading (a single pass) */
	reads3(&r, "令和7年4月2日", 0.97, NULL, 0, NULL, 0);
	ocr_vote(&r, &t);
	assert_int_equal(t.votes, 1);
	assert_true(t.conf > 0.96);
}

static void test_knows_without_engine(void **state)
{
	(void)state;
	/* no character set: every character counts as readable */
	assert_int_equal(ocr_knows(NULL, 0x7827), 1);
}

/* The shipped profile lists Setagaya's 61 towns, and they correct a town
** read one kanji off. */
static void test_profile_towns(void **state)
{
	(void)state;
	char path[4096], err[256];
	profile p;
	assert_int_equal(profile_load(repo_path("models/profile-setagaya.json", path, sizeof path),
				      &p, err, sizeof err), 0);
	assert_int_equal(p.ntowns, 61);
	const char *towns[PROFILE_MAX_TOWNS];
	int kinuta = 0;
	for (int i = 0; i < p.ntowns; i++) {
		towns[i] = p.towns[i];
		kinuta |= !strcmp(p.towns[i], "砧");
		for (int k = 0; k < i; k++)
			assert_string_not_equal(p.towns[i], p.towns[k]);
	}
	assert_true(kinuta);
	char out[256];
	assert_int_equal(address_fix_town("東京都世田谷区南鳥山四丁目26番29号", p.muni_name, towns,
					  p.ntowns, NULL, NULL, out, sizeof out), 1);
	assert_string_equal(out, "東京都世田谷区南烏山四丁目26番29号");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vote),
		cmocka_unit_test(test_knows_without_engine),
		cmocka_unit_test(test_profile_towns),
	};
	return cmocka_run_group_tests_name("ocr", tests, NULL, NULL);
}
