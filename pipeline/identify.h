/*
** identify.h — which form is this page, and which way up?
**
** ZBar reads the QR code and the Code128 (only those two symbologies are
** enabled); the QR payload is verified (CRC-32, check digits). The code's
** orientation tells how to turn the page upright.
*/
#ifndef SHOKAI_IDENTIFY_H
#define SHOKAI_IDENTIFY_H

#include "geom.h"
#include "payload.h"

struct Pix;
typedef struct identifier identifier;

typedef struct {
	int qr_found;             /* a QR symbol was decoded */
	payload_status qr_status; /* PAYLOAD_OK when the payload verified */
	form_payload payload;     /* valid when qr_status == PAYLOAD_OK */
	point2 qr_center;         /* input image pixels */
	double qr_side_px;        /* side length of the QR symbol */
	int code128_found;        /* a valid 12-digit serial was decoded */
	char code128_serial[SERIAL_LEN + 1];
	int quads;                /* clockwise quarter turns that upright the page; -1 unknown */
	int nsymbols;             /* symbols decoded, including foreign ones */
} ident_result;

int identifier_new(identifier **out);
void identifier_free(identifier *id);

/* Scan an 8-bpp page. Returns 0 (even when nothing was found), -1 on error. */
int identify_codes(identifier *id, struct Pix *gray, ident_result *r);

/* Fraction of dark pixels in the page, margins excluded: blank detection. */
double page_ink_fraction(struct Pix *gray);

#endif
