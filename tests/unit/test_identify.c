/*
** test_identify.c — QR code and barcode on a scanned page (identify.h).
**
** The page is a form of the committed demo batch; the blurred copies are
** made here, so that a scan ZBar cannot read as it is must still be
** identified by the second look, at a larger scale.
*/
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <leptonica/allheaders.h>
#include <math.h>
#include <string.h>
#include <zbar.h>

#include "identify.h"
#include "testutil.h"
#include "../zbarqr.h"

static PIX *demo_page(void)
{
	char p[512];
	PIX *pix = pixRead(repo_path("samples/demo/inbox/scan_0002.jpg", p, sizeof p));
	assert_non_null(pix);
	PIX *g = pixConvertTo8(pix, 0);
	pixDestroy(&pix);
	assert_non_null(g);
	return g;
}

/* A box blur of the given radius, then JPEG at quality q and back: a
** soft, compressed scan. */
static PIX *soften(PIX *g, int radius, int q)
{
	PIX *b = pixBlockconvGray(g, NULL, radius, radius);
	assert_non_null(b);
	l_uint8 *data = NULL;
	size_t n = 0;
	assert_int_equal(pixWriteMemJpeg(&data, &n, b, q, 0), 0);
	pixDestroy(&b);
	PIX *j = pixReadMemJpeg(data, n, 0, 1, NULL, 0);
	lept_free(data);
	assert_non_null(j);
	return j;
}

/* Whether ZBar alone, on the page as it is, decodes a QR code. */
static int zbar_reads_qr(PIX *g)
{
	zbar_image_scanner_t *sc = NULL;
	zbar_image_t *img = zbar_scan_qr(g, &sc);
	assert_non_null(img);
	int found = 0;
	for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s))
		found |= zbar_symbol_get_type(s) == ZBAR_QRCODE;
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	return found;
}

static void identify(PIX *g, ident_result *r)
{
	identifier *id = NULL;
	assert_int_equal(identifier_new(&id), 0);
	assert_int_equal(identify_codes(id, g, r), 0);
	identifier_free(id);
}

static void test_sharp_page(void **state)
{
	(void)state;
	PIX *g = demo_page();
	ident_result r;
	identify(g, &r);
	assert_true(r.qr_found);
	assert_int_equal(r.qr_status, PAYLOAD_OK);
	assert_string_equal(r.payload.serial, "229000141920");
	assert_int_equal(r.quads, 0);
	pixDestroy(&g);
}

/* Upside down (the QR code outside the part scanned first), a 3x3 box
** blur and JPEG 60: ZBar reads nothing on the page as it is; the second
** look reads the same payload, and finds it at the same place. */
static void test_blurred_page(void **state)
{
	(void)state;
	PIX *u = demo_page();
	PIX *g = pixRotate180(NULL, u);
	pixDestroy(&u);
	ident_result sharp, soft;
	identify(g, &sharp);
	assert_int_equal(sharp.quads, 2);
	PIX *b = soften(g, 1, 60);
	assert_false(zbar_reads_qr(b)); /* else this page tests nothing */
	identify(b, &soft);
	assert_true(soft.qr_found);
	assert_int_equal(soft.qr_status, PAYLOAD_OK);
	assert_string_equal(soft.payload.serial, sharp.payload.serial);
	assert_int_equal(soft.quads, sharp.quads);
	assert_true(fabs(soft.qr_center.x - sharp.qr_center.x) < 3);
	assert_true(fabs(soft.qr_center.y - sharp.qr_center.y) < 3);
	assert_true(fabs(soft.qr_side_px - sharp.qr_side_px) < 3);
	pixDestroy(&b);
	pixDestroy(&g);
}

/* Blurred past reading: no payload is made up. */
static void test_unreadable_page(void **state)
{
	(void)state;
	PIX *g = demo_page();
	PIX *b = soften(g, 3, 40);
	ident_result r;
	identify(b, &r);
	assert_false(r.qr_found && r.qr_status == PAYLOAD_OK);
	pixDestroy(&b);
	pixDestroy(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sharp_page),
		cmocka_unit_test(test_blurred_page),
		cmocka_unit_test(test_unreadable_page),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
