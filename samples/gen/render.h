/*
** render.h — the printed form: static print (from the print model), the
** fiducials, QR code, Code128 barcode and the holder data J-LIS prints.
** Everything is drawn in millimetres on a cairo context whose matrix maps
** the printed page to the image.
*/
#ifndef SHOKAI_GEN_RENDER_H
#define SHOKAI_GEN_RENDER_H

#include <cairo.h>
#include <pango/pangocairo.h>
#include <stddef.h>

#include "model.h"
#include "pmodel.h"

typedef struct {
	char serial[16];       /* 12 digits */
	char payload[256];     /* the QR payload */
	char address[256];     /* printed_address */
	char name[128];        /* printed_name, without 様 */
	char birth[64];        /* printed_birth, e.g. 昭和16年5月19日生 */
	char expiry[64];       /* printed_expiry */
} form_print;

/* Frames, labels, cell borders, checkbox squares, the grey seal guides,
** underlines and fiducials, in black. */
void render_static(cairo_t *cr, PangoContext *ctx, const form_model *m,
		   const print_model *pm);

/* QR code (ECC M) and Code128. Returns 0, or -1 with a message. */
int render_codes(cairo_t *cr, const form_model *m, const char *payload,
		 const char *serial, char *err, size_t errlen);

/* Serial as NNNN NNNN NNNN, address, name + 様, birth, expiry. */
void render_printed(cairo_t *cr, PangoContext *ctx, const form_model *m,
		    const print_model *pm, const form_print *fp);

#endif
