/*
** register.h — map an upright page into form coordinates.
**
** The four fiducials (solid 6 mm squares near the corners) are found as
** connected components; an affine map form-mm → pixels is fitted to their
** centres by least squares, and its residual says how far to trust it.
** Deskew, shift and scale fall out of the map; the file's dpi tag is not
** used. The registered page is then resampled at a fixed resolution so
** that every later stage works in form millimetres.
*/
#ifndef SHOKAI_REGISTER_H
#define SHOKAI_REGISTER_H

#include "geom.h"
#include "model.h"

struct Pix;

typedef struct {
	int found;          /* four fiducials found and the fit is plausible */
	affine mm2px;       /* form mm → upright image pixels */
	point2 fid_px[4];   /* fiducial centres found, TL TR BL BR */
	double rms_mm;      /* RMS residual of the fit */
	double max_mm;      /* largest residual */
	double px_per_mm;   /* measured scale */
	double skew_deg;    /* rotation of the paper on the scanner */
	int candidates;     /* square components considered */
} registration;

/* Find the fiducials on an upright 8-bpp page. hint_px_per_mm: the scale if
** known (from the QR code's size), else 0. Returns 0 when registered, -1
** with a reason in err. */
int register_page(const form_model *m, struct Pix *gray, double hint_px_per_mm,
		  registration *reg, char *err, size_t errlen);

/* Resample src (8 bpp) into form coordinates at res pixels per mm: form
** point (x, y) mm lands on pixel (x*res, y*res). */
struct Pix *register_warp(struct Pix *src, const form_model *m, const affine *mm2px,
			  double res);

#endif
