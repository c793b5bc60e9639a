/*
** hideqr.c — a test helper: page 1 of a scan with its QR code painted
** over, as a coffee stain or a torn corner leaves it, so that the
** pipeline has only the Code128 barcode to go by.
**
**   hide-qr IN OUT.png
**
** ZBar finds the QR code (and only it); its outline, grown by a quarter of
** its size on every side (the quiet zone too), is painted white. Exit 0, or
** 1 with a message when the file cannot be read or holds no QR code.
*/
#include <leptonica/allheaders.h>
#include <stdio.h>
#include <stdlib.h>
#include <zbar.h>

#include "zbarqr.h"

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: hide-qr IN OUT.png\n");
		return 2;
	}
	setMsgSeverity(L_SEVERITY_NONE);
	PIX *in = pixRead(argv[1]);
	PIX *g = in ? pixConvertTo8(in, 0) : NULL;
	if (!g) {
		fprintf(stderr, "hide-qr: %s: not an image\n", argv[1]);
		return 1;
	}
	int w = pixGetWidth(g), h = pixGetHeight(g);
	zbar_image_scanner_t *sc = NULL;
	zbar_image_t *img = zbar_scan_qr(g, &sc);
	if (!img) {
		fprintf(stderr, "hide-qr: out of memory\n");
		return 1;
	}
	int found = 0;
	for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s)) {
		if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
			continue;
		int x0 = w, y0 = h, x1 = 0, y1 = 0;
		unsigned n = zbar_symbol_get_loc_size(s);
		for (unsigned i = 0; i < n; i++) {
			int px = zbar_symbol_get_loc_x(s, i), py = zbar_symbol_get_loc_y(s, i);
			x0 = px < x0 ? px : x0, x1 = px > x1 ? px : x1;
			y0 = py < y0 ? py : y0, y1 = py > y1 ? py : y1;
		}
		int mx = (x1 - x0) / 4 + 2, my = (y1 - y0) / 4 + 2;
		/* in 8 bpp, "set" is 255: white */
		BOX *b = boxCreate(x0 - mx, y0 - my, x1 - x0 + 2 * mx, y1 - y0 + 2 * my);
		pixSetInRect(g, b);
		boxDestroy(&b);
		found++;
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	int rc = 0;
	if (!found) {
		fprintf(stderr, "hide-qr: %s: no QR code found\n", argv[1]);
		rc = 1;
	} else if (pixWrite(argv[2], g, IFF_PNG) != 0) {
		fprintf(stderr, "hide-qr: %s: cannot write\n", argv[2]);
		rc = 1;
	}
	pixDestroy(&g);
	pixDestroy(&in);
	return rc;
}
