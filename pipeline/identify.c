/*
** identify.c — decode QR and Code128 with ZBar, verify, find orientation.
*/
#include "identify.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

struct identifier {
	zbar_image_scanner_t *scanner;
};

int identifier_new(identifier **out)
{
	identifier *id = calloc(1, sizeof *id);
	if (!id || !(id->scanner = zbar_image_scanner_create())) {
		free(id);
		return -1;
	}
	/* Everything off, then only the two symbologies the form carries:
	** fewer false symbols from ID copies and envelopes, and faster. */
	zbar_image_scanner_set_config(id->scanner, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(id->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(id->scanner, ZBAR_CODE128, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_set_config(id->scanner, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
	*out = id;
	return 0;
}

void identifier_free(identifier *id)
{
	if (!id)
		return;
	zbar_image_scanner_destroy(id->scanner);
	free(id);
}

/* ZBar's orientation counts the symbol's clockwise quarter turns; turning
** the page back takes the complement. */
static int upright_quads(zbar_orientation_t o)
{
	if (o == ZBAR_ORIENT_UNKNOWN)
		return -1;
	return (4 - (int)o) % 4;
}

static void handle_qr(const zbar_symbol_t *s, ident_result *r)
{
	form_payload p;
	payload_status st = payload_parse(zbar_symbol_get_data(s),
					  zbar_symbol_get_data_length(s), &p);
	if (st == PAYLOAD_NOT_JLIS)
		return;
	/* Keep the first valid payload; remember a broken one only if none. */
	if (r->qr_found && r->qr_status == PAYLOAD_OK)
		return;
	r->qr_found = 1;
	r->qr_status = st;
	if (st != PAYLOAD_OK)
		return;
	r->payload = p;
	unsigned n = zbar_symbol_get_loc_size(s);
	double sx = 0, sy = 0;
	for (unsigned i = 0; i < n; i++) {
		sx += zbar_symbol_get_loc_x(s, i);
		sy += zbar_symbol_get_loc_y(s, i);
	}
	if (n) {
		r->qr_center.x = sx / n;
		r->qr_center.y = sy / n;
	}
	if (n == 4) {
		double dx = zbar_symbol_get_loc_x(s, 1) - zbar_symbol_get_loc_x(s, 0);
		double dy = zbar_symbol_get_loc_y(s, 1) - zbar_symbol_get_loc_y(s, 0);
		r->qr_side_px = sqrt(dx * dx + dy * dy);
	}
	r->quads = upright_quads(zbar_symbol_get_orientation(s));
}

static void handle_code128(const zbar_symbol_t *s, ident_result *r)
{
	const char *d = zbar_symbol_get_data(s);
	unsigned len = zbar_symbol_get_data_length(s);
	if (r->code128_found || !serial_valid(d, len))
		return;
	r->code128_found = 1;
	memcpy(r->code128_serial, d, SERIAL_LEN);
	r->code128_serial[SERIAL_LEN] = 0;
	if (r->quads < 0)
		r->quads = upright_quads(zbar_symbol_get_orientation(s));
}

/* How much a page whose QR code did not decode is scaled up for the
** second look. */
#define QR_SECOND_SCALE 1.5f

/* Scan the part x0,y0,w,h of the page; symbol positions in page pixels. */
static int scan_region(identifier *id, PIX *gray, int x0, int y0, int w, int h,
		       ident_result *r)
{
	/* ZBar wants packed Y800; Leptonica's rows are padded and byte-swapped. */
	unsigned char *buf = malloc((size_t)w * (size_t)h);
	if (!buf)
		return -1;
	l_uint32 *data = pixGetData(gray);
	int wpl = pixGetWpl(gray);
	for (int y = 0; y < h; y++) {
		l_uint32 *line = data + (size_t)(y0 + y) * (size_t)wpl;
		unsigned char *row = buf + (size_t)y * (size_t)w;
		for (int x = 0; x < w; x++)
			row[x] = (unsigned char)GET_DATA_BYTE(line, x0 + x);
	}
	zbar_image_t *img = zbar_image_create();
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)w, (unsigned)h);
	zbar_image_set_data(img, buf, (unsigned long)w * (unsigned long)h, NULL);
	int n = zbar_scan_image(id->scanner, img);
	if (n > 0) {
		for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s;
		     s = zbar_symbol_next(s)) {
			r->nsymbols++;
			zbar_symbol_type_t t = zbar_symbol_get_type(s);
			if (t == ZBAR_QRCODE)
				handle_qr(s, r);
			else if (t == ZBAR_CODE128)
				handle_code128(s, r);
		}
	}
	zbar_image_destroy(img);
	free(buf);
	r->qr_center.x += x0;
	r->qr_center.y += y0;
	return n < 0 ? -1 : 0;
}

int identify_codes(identifier *id, PIX *gray, ident_result *r)
{
	memset(r, 0, sizeof *r);
	r->quads = -1;
	if (pixGetDepth(gray) != 8)
		return -1;
	int w = pixGetWidth(gray), h = pixGetHeight(gray);
	/* Most pages arrive upright, with the QR code and the barcode in the
	** top right: scanning that part first (a fifth of the page) saves most
	** of ZBar's time. Anything less than a verified payload there, and the
	** whole page is scanned. */
	int x0 = w * 2 / 5, hh = h * 3 / 10;
	if (scan_region(id, gray, x0, 0, w - x0, hh, r) == 0 && r->qr_found &&
	    r->qr_status == PAYLOAD_OK)
		return 0;
	memset(r, 0, sizeof *r);
	r->quads = -1;
	if (scan_region(id, gray, 0, 0, w, h, r) != 0)
		return -1;
	if (r->qr_found && r->qr_status == PAYLOAD_OK)
		return 0;
	/* Once more, resampled: ZBar's finder misses the QR code of some
	** scans as they are, which it reads once the page is scaled up by
	** half with linear interpolation. Seen on generated batches: a
	** blurred JPEG at 200 dpi (modules of 4 px with soft edges), and a
	** bilevel scan at 220 dpi with the ink spread; the sharpened page
	** reads the first and not the second. */
	PIX *big = pixScaleGrayLI(gray, QR_SECOND_SCALE, QR_SECOND_SCALE);
	if (!big)
		return 0;
	ident_result again;
	memset(&again, 0, sizeof again);
	again.quads = -1;
	if (scan_region(id, big, 0, 0, pixGetWidth(big), pixGetHeight(big), &again) == 0 &&
	    again.qr_found && again.qr_status == PAYLOAD_OK) {
		again.qr_center.x /= QR_SECOND_SCALE;
		again.qr_center.y /= QR_SECOND_SCALE;
		again.qr_side_px /= QR_SECOND_SCALE;
		*r = again;
	}
	pixDestroy(&big);
	return 0;
}

double page_ink_fraction(PIX *gray)
{
	int w = pixGetWidth(gray), h = pixGetHeight(gray);
	/* Leave out 6 % at each edge: the scanner bed and the paper's edge shadow. */
	int x0 = w * 6 / 100, y0 = h * 6 / 100;
	BOX *box = boxCreate(x0, y0, w - 2 * x0, h - 2 * y0);
	PIX *crop = pixClipRectangle(gray, box, NULL);
	boxDestroy(&box);
	if (!crop)
		return 0;
	PIX *bin = pixThresholdToBinary(crop, 128);
	/* Isolated specks are scanner noise, not ink. */
	PIX *open = bin ? pixOpenBrick(NULL, bin, 2, 2) : NULL;
	l_int32 count = 0;
	if (open)
		pixCountPixels(open, &count, NULL);
	double frac = (double)count / ((double)pixGetWidth(crop) * pixGetHeight(crop));
	pixDestroy(&open);
	pixDestroy(&bin);
	pixDestroy(&crop);
	return frac;
}
