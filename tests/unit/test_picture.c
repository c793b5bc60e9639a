/*
** test_picture.c — pictures for people never show a PIN field, and frame
** the fields of the doubtful checks outside the field itself (and a date's
** doubtful boxes in orange). (The cell
** outlines of `shokai inspect` are drawn over the mask: lines of the form,
** no ink of the holder.)
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <leptonica/allheaders.h>
#include <string.h>

#include "model.h"
#include "page.h"
#include "picture.h"
#include "testutil.h"

static form_model m;

static int setup(void **state)
{
	(void)state;
	char path[1024], err[256];
	return model_load(repo_path("models/jlis-shokaisho-v1.json", path, sizeof path), &m, err,
			  sizeof err);
}

/* A registered page of random dark and light pixels ("ink" everywhere). */
static page_image noisy_page(void)
{
	page_image pi;
	memset(&pi, 0, sizeof pi);
	int w = (int)(210 * PAGE_RES), h = (int)(297 * PAGE_RES);
	pi.gray = pixCreate(w, h, 8);
	unsigned s = 12345;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			s = s * 1103515245u + 12345u;
			pixSetPixel(pi.gray, x, y, (s >> 16) & 1 ? 20 : 235);
		}
	pi.registered = 1;
	return pi;
}

/* Every pixel of every secret field is the mask grey. */
static int secrets_masked(PIX *rgb)
{
	int fields = 0;
	for (int i = 0; i < m.nfields; i++) {
		const form_field *f = &m.fields[i];
		if (!f->secret)
			continue;
		fields++;
		int x0 = (int)(f->box.x * PAGE_RES), y0 = (int)(f->box.y * PAGE_RES);
		int x1 = x0 + (int)(f->box.w * PAGE_RES), y1 = y0 + (int)(f->box.h * PAGE_RES);
		for (int y = y0; y < y1; y++)
			for (int x = x0; x < x1; x++) {
				l_int32 r, g, b;
				pixGetRGBPixel(rgb, x, y, &r, &g, &b);
				if (r != 0x80 || g != 0x80 || b != 0x80)
					return 0;
			}
	}
	return fields;
}

static void test_pins_masked(void **state)
{
	(void)state;
	page_image pi = noisy_page();
	PIX *rgb = picture_page(&pi, &m);
	assert_non_null(rgb);
	assert_int_equal(secrets_masked(rgb), 2); /* pin_sign and pin_user */
	/* framing the doubtful PIN fields leaves the mask whole */
	assert_int_equal(picture_mark_doubts(rgb, &m, DEFECT_BIT(DF_PIN_SIGN_FORMAT) |
					      DEFECT_BIT(DF_PIN_USER_MISSING)), 4);
	assert_int_equal(secrets_masked(rgb), 2);
	pixDestroy(&rgb);
	/* an unregistered page has no picture: its PIN cells cannot be found */
	pi.registered = 0;
	assert_null(picture_page(&pi, &m));
	pixDestroy(&pi.gray);
}

static void test_doubts_framed(void **state)
{
	(void)state;
	page_image pi = noisy_page();
	PIX *rgb = picture_page(&pi, &m);
	assert_int_equal(picture_mark_doubts(rgb, &m, 0), 0);
	assert_int_equal(picture_mark_doubts(rgb, &m, DEFECT_BIT(DF_ANSWER_DATE_INVALID)), 1);
	assert_int_equal(picture_mark_doubts(rgb, &m, DEFECT_BIT(DF_PRINTED_DATA_CHANGED)), 2);
	/* the frame is red and lies just outside the answer date's box */
	const form_field *f = model_field(&m, "answer_date");
	assert_non_null(f);
	int x = (int)((f->box.x + f->box.w / 2) * PAGE_RES);
	int y = (int)((f->box.y - 1.5) * PAGE_RES) + 2;
	l_int32 r, g, b;
	pixGetRGBPixel(rgb, x, y, &r, &g, &b);
	assert_int_equal(r, 230);
	assert_int_equal(g, 0);
	assert_int_equal(b, 0);
	pixDestroy(&rgb);
	pixDestroy(&pi.gray);
}

/* The colour at the middle of the top edge of a date cell's orange frame. */
static void frame_top(PIX *rgb, const form_field *f, int cell, l_int32 *r, l_int32 *g, l_int32 *b)
{
	const mm_box *c = &f->cells[cell];
	int x = (int)((c->x + c->w / 2) * PAGE_RES);
	int y = (int)((c->y - 0.6) * PAGE_RES) + 1;
	pixGetRGBPixel(rgb, x, y, r, g, b);
}

static void test_cells_framed(void **state)
{
	(void)state;
	page_image pi = noisy_page();
	PIX *rgb = picture_page(&pi, &m);
	const form_field *f = model_field(&m, "mandate_date");
	assert_non_null(f);
	l_int32 r, g, b;
	/* boxes 2 and 3 (the month) framed, box 0 not */
	assert_int_equal(picture_mark_cells(rgb, &m, "mandate_date", (1u << 2) | (1u << 3)), 2);
	frame_top(rgb, f, 2, &r, &g, &b);
	assert_true(r == 255 && g == 140 && b == 0);
	frame_top(rgb, f, 3, &r, &g, &b);
	assert_true(r == 255 && g == 140 && b == 0);
	frame_top(rgb, f, 0, &r, &g, &b);
	assert_false(r == 255 && g == 140 && b == 0);
	assert_int_equal(picture_mark_cells(rgb, &m, "mandate_date", 0), 0);
	/* never a PIN's cells, whatever the mask; the mask stays whole */
	assert_int_equal(picture_mark_cells(rgb, &m, "pin_sign", 0xffffu), 0);
	assert_int_equal(picture_mark_cells(rgb, &m, "no_such_field", 1u), 0);
	assert_int_equal(secrets_masked(rgb), 2);
	pixDestroy(&rgb);
	pixDestroy(&pi.gray);
}

static void test_picture_path(void **state)
{
	(void)state;
	char path[64];
	assert_int_equal(picture_path(path, sizeof path, "out/review", "/scans/in/a.tif", 3), 0);
	assert_string_equal(path, "out/review/a.tif-p3.png");
	assert_int_equal(picture_path(path, sizeof path, "out", "b.png", 12), 0);
	assert_string_equal(path, "out/b.png-p12.png");
	/* a name that does not fit is refused, not cut short */
	assert_int_equal(picture_path(path, 16, "out/review", "a.tif", 3), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pins_masked),
		cmocka_unit_test(test_doubts_framed),
		cmocka_unit_test(test_cells_framed),
		cmocka_unit_test(test_picture_path),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
