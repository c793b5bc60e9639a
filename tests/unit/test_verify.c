/*
** test_verify.c — the printed-line check (verify.h) on lines drawn and
** scanned here: the right text wins, a wrong one never does, and a reading
** is corrected toward the registry only where the scan shows the
** registry's characters.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "fontcheck.h"
#include "normalize.h"
#include "verify.h"

#define RES 10.0 /* px/mm, as a registered page */

/* Fontconfig and pango keep their caches for the life of the process
** (freed by nobody at exit): not our leaks. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libpango\nleak:libharfbuzz\nleak:libglib\n"
	       "leak:libgobject\nleak:libcairo\n";
}

static const mm_box addr_box = {10, 10, 161, 8};
static const mm_box name_box = {10, 30, 86, 9};

/* A page holding text drawn in face with an em of em_mm, 1 mm into box,
** then scanned: grey paper, ink a little light, blurred, with noise. */
static PIX *page_with(const char *face, const char *text, const mm_box *b, double em_mm,
		      unsigned seed)
{
	int W = 1900, H = 450;
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_A8, W, H);
	cairo_t *cr = cairo_create(s);
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, face);
	pango_font_description_set_absolute_size(fd, em_mm * RES * 1.01 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_text(l, text, -1);
	PangoRectangle lr;
	pango_layout_get_pixel_extents(l, NULL, &lr);
	cairo_move_to(cr, (b->x + 1.2) * RES, (b->y + b->h / 2) * RES - lr.height / 2.0 + 1.5);
	pango_cairo_show_layout(cr, l);
	cairo_surface_flush(s);
	PIX *p = pixCreate(W, H, 8);
	const unsigned char *d = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++)
			pixSetPixel(p, x, y, (l_uint32)(240 - d[y * stride + x] * 200 / 255));
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	PIX *q = pixBlockconv(p, 1, 1);
	pixDestroy(&p);
	srand(seed);
	for (int y = 0; y < H; y++)
		for (int x = 0; x < W; x++) {
			l_uint32 v;
			pixGetPixel(q, x, y, &v);
			int n = (int)v + rand() % 21 - 10;
			pixSetPixel(q, x, y, (l_uint32)(n < 0 ? 0 : n > 255 ? 255 : n));
		}
	return q;
}

static void test_pick(void **state)
{
	(void)state;
	verifier *v = verifier_new();
	assert_non_null(v);
	assert_true(verifier_ready(v)); /* fonts-ipaexfont, scripts/install-deps */
	PIX *p = page_with(VERIFY_FACE, "東京都世田谷区喜多見七丁目39番18号", &addr_box, 4.4, 1);
	verify_misfit m;
	/* the printed text against one character off, either way round */
	assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4, "東京都世田谷区喜多見七丁目39番18号",
				     "東京都世田谷区喜多見六丁目39番18号", &m),
			 VERDICT_A);
	assert_true(m.fit > 0.7 && m.rel_a < 0.3 && m.rel_b > 0.7);
	assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4, "東京都性田谷区喜多見七丁目39番18号",
				     "東京都世田谷区喜多見七丁目39番18号", &m),
			 VERDICT_B);
	/* a digit, the smallest difference a changed address makes */
	assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4, "東京都世田谷区喜多見七丁目39番18号",
				     "東京都世田谷区喜多見七丁目39番13号", &m),
			 VERDICT_A);
	pixDestroy(&p);
	/* a reading with a character too many, far along a long line, printed
	** a little off the nominal size (as a page scanned 0.5 % large and
	** registered with that error): the printed text must fit to the
	** line's end, so the em is refined finer than 1 % */
	for (int k = -2; k <= 2; k++) {
		p = page_with(VERIFY_FACE, "東京都世田谷区瀬田四丁目40番5号　カーサ用賀206号室", &addr_box,
			      4.4 * (1 + 0.0025 * k), 3);
		assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4,
					     "東京都世田谷区瀬田四丁目40番5号　カーサ用人賀206号室",
					     "東京都世田谷区瀬田四丁目40番5号　カーサ用賀206号室", &m),
				 VERDICT_B);
		pixDestroy(&p);
	}
	/* both wrong: printed 一, read 深, registry 十. 深 fits far worse than
	** 十, but 十 does not explain the scan either: no verdict for it */
	p = page_with(VERIFY_FACE, "東京都世田谷区赤堤一丁目14番9号", &addr_box, 4.4, 2);
	assert_int_not_equal(verify_pick(v, p, &addr_box, RES, 4.4, "東京都世田谷区赤堤深丁目14番9号",
					 "東京都世田谷区赤堤十丁目14番9号", &m),
			     VERDICT_B);
	pixDestroy(&p);
	/* an empty box: nothing to fit */
	p = pixCreate(1900, 450, 8);
	pixSetAllArbitrary(p, 240);
	assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4, "和也", "和志", &m), VERDICT_UNSURE);
	pixDestroy(&p);
	verifier_free(v);
}

/* The page as a bitonal scan shows it once registered: thresholded (the
** strokes' soft edges gone, thin ones broken or thickened), then resampled
** onto the page grid (a little blur). */
static PIX *bitonal_of(PIX *gray)
{
	PIX *soft = pixBlockconv(gray, 1, 1);
	PIX *bw = pixThresholdToBinary(soft, 170);
	PIX *g = pixConvert1To8(NULL, bw, 255, 0);
	PIX *out = pixBlockconv(g, 1, 1);
	pixDestroy(&soft);
	pixDestroy(&bw);
	pixDestroy(&g);
	return out;
}

/* On a bitonal scan no drawing explains a stroke as well as on a grey one,
** the right text's included: the right text still wins, measured against
** the line's own floor of misfit, and a wrong one still never does. */
static void test_bitonal(void **state)
{
	(void)state;
	verifier *v = verifier_new();
	static const struct {
		const char *printed, *misread, *other;
	} lines[] = {
		{"東京都世田谷区赤堤五丁目38番9号　パレス等々力307号室",
		 "東京都世田谷区赤堤五丁目38番9号　パレス等々力301号室",
		 "東京都世田谷区赤堤五丁目38番9号　パレス等々力308号室"},
		{"東京都世田谷区瀬田四丁目40番5号　カーサ用賀206号室",
		 "東京都世田谷区瀬田四丁目40番5号　カーサ用人賀206号室",
		 "東京都世田谷区瀬田四丁目40番5号　カーサ用紙206号室"},
		{"東京都世田谷区経堂二丁目24番17号", "東京都世田谷区経堂一丁目24番17号",
		 "東京都世田谷区経堂三丁目24番17号"},
	};
	verify_misfit m;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		PIX *g = page_with(VERIFY_FACE, lines[i].printed, &addr_box, 4.4, 20 + (unsigned)i);
		PIX *p = bitonal_of(g);
		pixDestroy(&g);
		/* read wrong, registry right: the registry */
		assert_int_equal(verify_pick(v, p, &addr_box, RES, 4.4, lines[i].misread,
					     lines[i].printed, &m),
				 VERDICT_B);
		assert_true(m.floor > 0);
		/* both wrong: never the registry */
		assert_int_not_equal(verify_pick(v, p, &addr_box, RES, 4.4, lines[i].misread,
						 lines[i].other, &m),
				     VERDICT_B);
		pixDestroy(&p);
	}
	/* printed 一, read 深, registry 十, bitonal */
	PIX *g = page_with(VERIFY_FACE, "東京都世田谷区赤堤一丁目14番9号", &addr_box, 4.4, 2);
	PIX *p = bitonal_of(g);
	assert_int_not_equal(verify_pick(v, p, &addr_box, RES, 4.4, "東京都世田谷区赤堤深丁目14番9号",
					 "東京都世田谷区赤堤十丁目14番9号", &m),
			     VERDICT_B);
	pixDestroy(&g);
	pixDestroy(&p);
	verifier_free(v);
}

static void reading(text_reading *t, const char *text, double conf)
{
	memset(t, 0, sizeof *t);
	t->present.value = 1;
	t->present.conf = 0.9;
	snprintf(t->text, sizeof t->text, "%s", text);
	t->conf = conf;
	t->votes = 3;
}

static void test_printed_name(void **state)
{
	(void)state;
	verifier *v = verifier_new();
	PIX *p = page_with(VERIFY_FACE, "太田　和也　様", &name_box, 5.0, 3);
	text_reading t;
	/* Tesseract's 和志 for the printed 和也: the registry's 也 is drawn
	** where the scan shows it */
	reading(&t, "太田和志", 0.93);
	assert_int_equal(verify_printed(v, p, &name_box, RES, 5.0, VERIFY_NAME, "太田 和也", &t), 1);
	assert_string_equal(t.text, "太田和也");
	assert_true(t.conf >= VERIFY_CONF);
	assert_int_equal(t.nalt, 0);
	/* A heavy print (strokes wider than the face drawn): no text explains
	** it closely, and the line's floor of misfit says so. Another reading
	** with a character more (齋藤上) shifts the rest of the line, so
	** that too few columns agree to measure that floor again: the one
	** measured on this line stands, and the registry's name is taken. */
	PIX *g = page_with(VERIFY_FACE, "齋藤　直子　様", &name_box, 5.0, 33);
	PIX *heavy = pixErodeGray(g, 3, 1);
	reading(&t, "穴藤直子", 0.6);
	snprintf(t.alt[0], sizeof t.alt[0], "齋藤上直子");
	t.nalt = 1;
	assert_int_equal(verify_printed(v, heavy, &name_box, RES, 5.0, VERIFY_NAME, "齋藤 直子", &t), 1);
	assert_string_equal(t.text, "齋藤直子");
	/* and never a registry name that was not printed */
	reading(&t, "穴藤直子", 0.6);
	snprintf(t.alt[0], sizeof t.alt[0], "齋藤上直子");
	t.nalt = 1;
	verify_printed(v, heavy, &name_box, RES, 5.0, VERIFY_NAME, "齋田 直子", &t);
	assert_string_not_equal(t.text, "齋田直子");
	pixDestroy(&heavy);
	pixDestroy(&g);
	/* a registry that holds another name: the reading stands, now sure */
	reading(&t, "太田和也", 0.6);
	snprintf(t.alt[0], sizeof t.alt[0], "太田和志");
	t.nalt = 1;
	assert_int_equal(verify_printed(v, p, &name_box, RES, 5.0, VERIFY_NAME, "太田 和成", &t), 1);
	assert_string_equal(t.text, "太田和也");
	assert_true(t.conf >= VERIFY_CONF);
	assert_true(t.verified);
	/* a one-character difference of a name read alone stays uncertain;
	** confirmed by the scan, it is a change */
	assert_int_equal(compare_name(t.text, t.conf, "太田 和成", 0.9, NULL), CMP_UNCERTAIN);
	assert_int_equal(compare_name_confirmed(t.text, "太田 和成", NULL), CMP_CHANGED);
	/* a registry name of another length: not a character-for-character
	** difference, left to the comparison */
	reading(&t, "太田和志", 0.93);
	assert_int_equal(verify_printed(v, p, &name_box, RES, 5.0, VERIFY_NAME, "太田 和也子", &t), 0);
	assert_string_equal(t.text, "太田和志");
	assert_true(t.conf < 0.94);
	pixDestroy(&p);
	/* a variant kanji: drawn as the registry writes it (齋, not the 斎 it
	** is compared as) */
	p = page_with(VERIFY_FACE, "齋藤　恵美　様", &name_box, 5.0, 8);
	reading(&t, "論藤恵美", 0.17);
	assert_int_equal(verify_printed(v, p, &name_box, RES, 5.0, VERIFY_NAME, "齋藤 恵美", &t), 1);
	assert_string_equal(t.text, "齋藤恵美");
	pixDestroy(&p);
	verifier_free(v);
}

static void test_printed_address(void **state)
{
	(void)state;
	verifier *v = verifier_new();
	/* the chome changed since printing, and the OCR misread the ward: the
	** ward is put right, the chome is confirmed as printed */
	PIX *p = page_with(VERIFY_FACE, "東京都世田谷区喜多見七丁目39番18号", &addr_box, 4.4, 4);
	text_reading t;
	reading(&t, "東京都性田谷区喜多見七丁目39番18号", 0.6);
	assert_int_equal(verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS, "東京都世田谷区喜多見6-39-18", &t), 1);
	assert_string_equal(t.text, "東京都世田谷区喜多見七丁目39番18号");
	assert_int_equal(compare_address(t.text, t.conf, "東京都世田谷区喜多見6-39-18", 0.9, NULL),
			 CMP_CHANGED);
	pixDestroy(&p);
	/* a building the OCR cannot spell (砧 is outside jpn's character set),
	** registry in another notation */
	p = page_with(VERIFY_FACE, "東京都世田谷区北烏山一丁目3番2号　ヴィラ砧105号室", &addr_box, 4.4,
		      5);
	reading(&t, "東京都世田谷区北烏山一丁目3番2号ヴィラ古105号室", 0.6);
	assert_int_equal(verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS, "東京都世田谷区北烏山1-3-2 ヴィラ砧１０５",
					&t),
			 1);
	assert_string_equal(t.text, "東京都世田谷区北烏山一丁目3番2号ヴィラ砧105号室");
	assert_int_equal(compare_address(t.text, t.conf, "東京都世田谷区北烏山1-3-2 ヴィラ砧１０５", 0.9,
					 NULL),
			 CMP_SAME);
	pixDestroy(&p);
	/* the go's 号 read as two characters: not the same length, still one
	** run to draw both ways */
	p = page_with(VERIFY_FACE, "東京都世田谷区三軒茶屋一丁目28番15号", &addr_box, 4.4, 9);
	reading(&t, "東京都世田谷区三軒茶屋一丁目28番15人な", 0.6);
	assert_int_equal(verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS,
					"東京都世田谷区三軒茶屋一丁目２８番１５号", &t),
			 1);
	assert_string_equal(t.text, "東京都世田谷区三軒茶屋一丁目28番15号");
	/* and a reading that lost a character is no rival to the result */
	reading(&t, "東京都世田谷区三軒茶屋一丁目28番15号", 0.6);
	snprintf(t.alt[0], sizeof t.alt[0], "東京都世田谷区三軒茶屋丁目28番15号");
	t.nalt = 1;
	assert_int_equal(verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS,
					"東京都世田谷区三軒茶屋一丁目２８番１５号", &t),
			 1);
	assert_int_equal(compare_address_confirmed(t.text, "東京都世田谷区三軒茶屋一丁目２８番１５号", NULL),
			 CMP_SAME);
	pixDestroy(&p);
	/* readings far off in two or three runs: placed by the reading, the
	** line fits too badly for any verdict; placed by the registry's line,
	** which was printed, the scan picks it in every run. When the holder
	** has moved since (another chome in the registry) the registry's line
	** is never taken. */
	static const struct {
		const char *printed, *read, *same, *moved;
	} far[] = {
		{"東京都世田谷区瀬田一丁目21番16号", "東京都世田谷区瀬上田上21番16人な",
		 "東京都世田谷区瀬田1-21-16", "東京都世田谷区瀬田4-21-16"},
		{"東京都世田谷区経堂五丁目25番27号", "東京都人区田谷区経常十日25番27人サ",
		 "東京都世田谷区経堂5-25-27", "東京都世田谷区経堂3-25-27"},
	};
	for (size_t i = 0; i < sizeof far / sizeof far[0]; i++) {
		p = page_with(VERIFY_FACE, far[i].printed, &addr_box, 4.4, 13 + (unsigned)i);
		reading(&t, far[i].read, 0.6);
		assert_int_equal(verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS, far[i].same, &t),
				 1);
		assert_string_equal(t.text, far[i].printed);
		reading(&t, far[i].read, 0.6);
		verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS, far[i].moved, &t);
		assert_false(t.verified);
		assert_string_equal(t.text, far[i].read);
		pixDestroy(&p);
	}
	/* printed コーポ桜, registry コーポ欅 (moved to another building of the
	** same number): read right, the reading is confirmed, not bent to the
	** registry */
	p = page_with(VERIFY_FACE, "東京都世田谷区桜三丁目2番5号　コーポ桜201号室", &addr_box, 4.4, 6);
	reading(&t, "東京都世田谷区桜三丁目2番5号コーポ桜201号室", 0.6);
	verify_printed(v, p, &addr_box, RES, 4.4, VERIFY_ADDRESS, "東京都世田谷区桜三丁目2番5号 コーポ欅201号室", &t);
	assert_string_equal(t.text, "東京都世田谷区桜三丁目2番5号コーポ桜201号室");
	assert_true(t.verified);
	assert_int_equal(compare_address_confirmed(t.text, "東京都世田谷区桜三丁目2番5号 コーポ欅201号室",
						   NULL),
			 CMP_CHANGED);
	pixDestroy(&p);
	verifier_free(v);
}

static void test_printed_date(void **state)
{
	(void)state;
	verifier *v = verifier_new();
	const mm_box date_box = {10, 20, 70, 7};
	PIX *p = page_with(VERIFY_FACE, "令和8年10月30日", &date_box, 3.95, 7);
	text_reading t;
	/* 日 read as 晶 at the line's end; the QR code's expiry is the date */
	reading(&t, "令和8年10月30晶", 0.6);
	assert_int_equal(verify_printed(v, p, &date_box, RES, 3.95, VERIFY_TEXT, "令和8年10月30日", &t),
			 1);
	assert_string_equal(t.text, "令和8年10月30日");
	/* a day that is not the printed one is not taken */
	reading(&t, "令和8年10月30晶", 0.6);
	verify_printed(v, p, &date_box, RES, 3.95, VERIFY_TEXT, "令和8年10月38日", &t);
	assert_string_not_equal(t.text, "令和8年10月38日");
	pixDestroy(&p);
	verifier_free(v);
}

static void test_address_printed(void **state)
{
	(void)state;
	char out[512];
	int head;
	assert_true(address_printed("東京都世田谷区経堂2-30-1　ヴィラ砧303", NULL, out, sizeof out,
				    &head) > 0);
	assert_string_equal(out, "東京都世田谷区経堂二丁目30番1号ヴィラ砧303号室");
	assert_int_equal(head, 17); /* 東京都世田谷区経堂二丁目30番1号 */
	/* no prefecture in the registry: the reading's */
	assert_true(address_printed("世田谷区太子堂四丁目14番18号", "東京都世田谷区太子堂", out,
				    sizeof out, &head) > 0);
	assert_string_equal(out, "東京都世田谷区太子堂四丁目14番18号");
	assert_int_equal(head, -1);
	/* no chome-ban-go: nothing to print */
	assert_int_equal(address_printed("世田谷区太子堂", NULL, out, sizeof out, &head), -1);
	/* a confirmed reading that cannot be compared stays a doubt */
	assert_int_equal(compare_name_confirmed("", "太田 和也", NULL), CMP_UNCERTAIN);
	assert_int_equal(compare_name_confirmed("\xff\xfe", "太田 和也", NULL), CMP_UNCERTAIN);
	assert_int_equal(compare_address_confirmed("\xff", "東京都世田谷区経堂2-30-1", NULL),
			 CMP_UNCERTAIN);
	/* and one that is the registry's is the same */
	assert_int_equal(compare_name_confirmed("太田和也", "太田 和也", NULL), CMP_SAME);
}

/* The face check behind verifier_ready and the training tools' font
** check: the printed face is drawn as itself, a family nobody installed
** is not (pango would draw it in another face). */
static void test_font_family_drawn(void **state)
{
	(void)state;
	PangoFontMap *map = pango_cairo_font_map_new();
	PangoContext *ctx = pango_font_map_create_context(map);
	assert_int_equal(font_family_drawn(map, ctx, VERIFY_FACE, PANGO_WEIGHT_NORMAL), 1);
	assert_int_equal(font_family_drawn(map, ctx, "No Such Family Shokai", PANGO_WEIGHT_NORMAL), 0);
	g_object_unref(ctx);
	g_object_unref(map);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick),
		cmocka_unit_test(test_bitonal),
		cmocka_unit_test(test_printed_name),
		cmocka_unit_test(test_printed_address),
		cmocka_unit_test(test_printed_date),
		cmocka_unit_test(test_address_printed),
		cmocka_unit_test(test_font_family_drawn),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
