/*
** zbarqr.h — ZBar on a Leptonica page, QR codes only: for the tests
** (tests/hideqr.c, tests/unit/test_identify.c), which must look at a page
** the way ZBar alone does, not through pipeline/identify.c.
*/
#ifndef SHOKAI_ZBARQR_H
#define SHOKAI_ZBARQR_H

#include <leptonica/allheaders.h>
#include <stdlib.h>
#include <zbar.h>

/* Scan 8-bpp page g for QR codes. Returns the scanned image (its symbols
** with zbar_image_first_symbol; NULL when out of memory), which the caller
** frees with zbar_image_destroy, then *sc with zbar_image_scanner_destroy;
** on NULL there is nothing to free. */
static inline zbar_image_t *zbar_scan_qr(PIX *g, zbar_image_scanner_t **sc)
{
	int w = pixGetWidth(g), h = pixGetHeight(g);
	/* ZBar wants packed Y800; Leptonica's rows are padded */
	unsigned char *y800 = malloc((size_t)w * h);
	*sc = zbar_image_scanner_create();
	zbar_image_t *img = zbar_image_create();
	if (!y800 || !*sc || !img) {
		free(y800);
		if (img)
			zbar_image_destroy(img);
		if (*sc)
			zbar_image_scanner_destroy(*sc);
		*sc = NULL;
		return NULL;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			l_uint32 v;
			pixGetPixel(g, x, y, &v);
			y800[(size_t)y * w + x] = (unsigned char)v;
		}
	zbar_image_scanner_set_config(*sc, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(*sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)w, (unsigned)h);
	/* the image owns the copy from here on */
	zbar_image_set_data(img, y800, (unsigned long)w * h, zbar_image_free_data);
	zbar_scan_image(*sc, img);
	return img;
}

#endif
