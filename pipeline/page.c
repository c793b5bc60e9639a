/*
** page.c — decoded page → identified, upright, registered page.
*/
#include "page.h"
#include "pixutil.h"

#include <leptonica/allheaders.h>
#include <stdio.h>
#include <string.h>

/* Grey version of any input; for colour also the red excess r-(g+b)/2,
** which keeps red seal ink and drops black, blue and paper. */
static PIX *to_gray(PIX *pix, PIX **red, scan_mode *mode)
{
	*red = NULL;
	int d = pixGetDepth(pix);
	if (pixGetColormap(pix)) {
		PIX *t = pixRemoveColormap(pix, REMOVE_CMAP_BASED_ON_SRC);
		PIX *g = to_gray(t, red, mode);
		pixDestroy(&t);
		return g;
	}
	if (d == 32) {
		*mode = SCAN_COLOUR;
		*red = pixConvertRGBToGrayArb(pix, 1.0f, -0.5f, -0.5f);
		return pixConvertRGBToLuminance(pix);
	}
	*mode = d == 1 ? SCAN_BITONAL : SCAN_GREY;
	return pixConvertTo8(pix, 0);
}

/* The map into the stored image: undo the quarter turns applied to upright
** it (pixRotateOrth turns clockwise: stored (x, y) → (h-1-y, x)). */
static affine affine_compose_unrotate(const affine *t, int quads, int w, int h)
{
	affine s = {1, 0, 0, 0, 1, 0};
	switch (quads) {
	case 1: s = (affine){0, 1, 0, -1, 0, h - 1}; break;
	case 2: s = (affine){-1, 0, w - 1, 0, -1, h - 1}; break;
	case 3: s = (affine){0, -1, w - 1, 1, 0, 0}; break;
	}
	return affine_compose(&s, t);
}

int page_analyse(identifier *idf, const form_model *m, PIX *pix, page_image *pi)
{
	memset(pi, 0, sizeof *pi);
	pi->quads = 0;
	pi->width = pixGetWidth(pix);
	pi->height = pixGetHeight(pix);
	PIX *red = NULL;
	PIX *gray = to_gray(pix, &red, &pi->mode);
	if (!gray) {
		snprintf(pi->why, sizeof pi->why, "cannot convert page to grey");
		return -1;
	}
	pi->ink = page_ink_fraction(gray);
	if (identify_codes(idf, gray, &pi->id) != 0) {
		snprintf(pi->why, sizeof pi->why, "barcode reader failed");
		pixDestroy(&gray);
		pixDestroy(&red);
		return -1;
	}
	int have_id = (pi->id.qr_found && pi->id.qr_status == PAYLOAD_OK) ||
		      pi->id.code128_found;
	if (pi->id.quads > 0) {
		pi->quads = pi->id.quads;
		PIX *g = pixRotateOrth(gray, pi->quads);
		pixDestroy(&gray);
		gray = g;
		if (red) {
			PIX *r = pixRotateOrth(red, pi->quads);
			pixDestroy(&red);
			red = r;
		}
	}
	/* The QR code is 22 mm wide: a good first guess of the scale. */
	double hint = pi->id.qr_side_px > 0 ? pi->id.qr_side_px / m->qr.w : 0;
	char err[160] = "";
	pi->registered = register_page(m, gray, hint, &pi->reg, err, sizeof err) == 0;
	if (pi->registered)
		pi->mm2stored = affine_compose_unrotate(&pi->reg.mm2px, pi->quads,
							 pi->width, pi->height);
	if (pi->registered) {
		pi->gray = register_warp(gray, m, &pi->reg.mm2px, PAGE_RES);
		if (red)
			pi->red = register_warp(red, m, &pi->reg.mm2px, PAGE_RES);
		if (!pi->gray) {
			pi->registered = 0;
			snprintf(err, sizeof err, "resampling failed");
		}
	}
	pix_wipe_destroy(&gray);
	pix_wipe_destroy(&red);
	if (!have_id) {
		if (pi->id.qr_found)
			snprintf(pi->why, sizeof pi->why, "QR code unreadable: %s",
				 payload_status_str(pi->id.qr_status));
		else
			snprintf(pi->why, sizeof pi->why, "no form code found");
		return 1;
	}
	if (!pi->registered) {
		snprintf(pi->why, sizeof pi->why, "%s", err);
		return 1;
	}
	return 0;
}

void page_image_free(page_image *pi)
{
	pix_wipe_destroy(&pi->gray);
	pix_wipe_destroy(&pi->red);
}
