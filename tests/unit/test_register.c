/*
** test_register.c — fiducial registration against pages drawn with a known
** map: the fitted map must agree within 0.3 mm at every field corner.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <string.h>

#include "geom.h"
#include "model.h"
#include "register.h"
#include "testutil.h"

static form_model model;

static int setup(void **state)
{
	(void)state;
	char path[4096], err[256];
	return model_load(repo_path("models/jlis-shokaisho-v1.json", path, sizeof path),
			  &model, err, sizeof err);
}

static int inside(const mm_box *b, point2 p)
{
	return p.x >= b->x && p.x < b->x + b->w && p.y >= b->y && p.y < b->y + b->h;
}

/* Draw the fiducials (and distractors: filled checkboxes, a QR-sized
** block of squares) through the map t, with a little noise. */
static PIX *draw_page(const affine *t, int w, int h, unsigned seed)
{
	affine inv;
	affine_invert(t, &inv);
	PIX *pix = pixCreate(w, h, 8);
	pixSetAll(pix);
	const form_field *cb = model_field(&model, "cb_sign");
	const form_field *ck = model_field(&model, "cb_kimei");
	l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + y * wpl;
		for (int x = 0; x < w; x++) {
			point2 mm = affine_apply(&inv, (point2){x, y}); /* pixel centres at integers */
			int ink = inside(&cb->box, mm) || inside(&ck->box, mm);
			for (int i = 0; i < 4 && !ink; i++)
				ink = inside(&model.fiducials[i], mm);
			seed = seed * 1103515245u + 12345u;
			int v = ink ? 20 : 245;
			v += (int)((seed >> 16) % 21) - 10;
			SET_DATA_BYTE(line, x, v);
		}
	}
	return pix;
}

static double max_corner_error(const affine *want, const affine *got)
{
	double worst = 0, s = affine_scale(want);
	for (int i = 0; i < model.nfields; i++) {
		const mm_box *b = &model.fields[i].box;
		point2 c[4] = {{b->x, b->y}, {b->x + b->w, b->y}, {b->x, b->y + b->h},
			       {b->x + b->w, b->y + b->h}};
		for (int k = 0; k < 4; k++) {
			point2 p = affine_apply(want, c[k]), q = affine_apply(got, c[k]);
			double e = hypot(p.x - q.x, p.y - q.y) / s;
			if (e > worst)
				worst = e;
		}
	}
	return worst;
}

static void check_case(double dpi, double deg, double dx_mm, double dy_mm, double scale)
{
	double s = dpi / 25.4 * scale, r = deg * M_PI / 180;
	/* Rotate about the page centre, as paper turns on a scanner bed. */
	double cx = model.page_w / 2, cy = model.page_h / 2;
	affine t = {s * cos(r), -s * sin(r), 0, s * sin(r), s * cos(r), 0};
	/* The scanner bed is 10 mm larger than the paper on every side. */
	double bed = 10 * s;
	t.c = s * (cx + dx_mm) + bed - (t.a * cx + t.b * cy);
	t.f = s * (cy + dy_mm) + bed - (t.d * cx + t.e * cy);
	int w = (int)(model.page_w * s + 2 * bed), h = (int)(model.page_h * s + 2 * bed);
	PIX *pix = draw_page(&t, w, h, 7u);
	registration reg;
	char err[256] = "";
	int rc = register_page(&model, pix, 0, &reg, err, sizeof err);
	pixDestroy(&pix);
	if (rc != 0)
		print_message("register_page: %s\n", err);
	assert_int_equal(rc, 0);
	assert_true(reg.found);
	double e = max_corner_error(&t, &reg.mm2px);
	print_message("dpi %.0f skew %+.1f shift %.1f,%.1f scale %.3f: corner error %.3f mm, "
		      "residual %.3f mm\n", dpi, deg, dx_mm, dy_mm, scale, e, reg.max_mm);
	assert_true(e < 0.3);
	assert_true(reg.max_mm < 0.5);
	assert_true(fabs(reg.skew_deg - deg) < 0.1);
	assert_true(fabs(reg.px_per_mm - s) / s < 0.005);
}

static void test_straight_200(void **state) { (void)state; check_case(200, 0, 0, 0, 1); }
static void test_skewed_300(void **state) { (void)state; check_case(300, 2.7, 3, -2, 1.012); }
static void test_skewed_neg_240(void **state) { (void)state; check_case(240, -3.0, -2.5, 4, 0.986); }

static void test_no_fiducials(void **state)
{
	(void)state;
	PIX *pix = pixCreate(1700, 2400, 8);
	pixSetAll(pix);
	registration reg;
	char err[256] = "";
	assert_int_equal(register_page(&model, pix, 0, &reg, err, sizeof err), -1);
	assert_false(reg.found);
	assert_true(strlen(err) > 0);
	pixDestroy(&pix);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_straight_200),
		cmocka_unit_test(test_skewed_300),
		cmocka_unit_test(test_skewed_neg_240),
		cmocka_unit_test(test_no_fiducials),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
