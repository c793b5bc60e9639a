/*
** scanner.h — a simulated document scanner. The drawn sheet (form,
** envelope, ID copy, blank) is resampled through one affine map — skew,
** scale and shift on the scanner bed, then a quarter turn of the stored
** image — so that the geometry of every page is known exactly; then come
** optics and sensor: blur, noise, binarisation and JPEG artefacts.
**
** Resampling, blur and noise are done here on plain byte rasters:
** Leptonica's affine transform and convolutions cost several hundred ms a
** page, these cost tens. Binarisation, JPEG and the PIX handed to the file
** writers are Leptonica's.
*/
#ifndef SHOKAI_GEN_SCANNER_H
#define SHOKAI_GEN_SCANNER_H

#include <cairo.h>
#include <leptonica/allheaders.h>
#include <stddef.h>

#include "rng.h"

typedef enum { SCAN_COLOR, SCAN_GRAY, SCAN_BW } scan_mode;

typedef struct {
	int dpi;            /* true sampling resolution */
	int dpi_tag;        /* resolution written to the file; 0 = none */
	scan_mode mode;
	double skew;        /* degrees; positive turns the sheet clockwise */
	double dx, dy;      /* shift of the sheet on the bed, mm */
	double scale;       /* 1 +- 0.015 */
	int rot;            /* 0/90/180/270: clockwise turn of the stored image */
	double blur;        /* Gaussian sd in pixels, 0 = none */
	double noise;       /* sd of sensor noise in grey levels */
	int jpeg_q;         /* recompress through JPEG at this quality; 0 = no */
	int folds;          /* fold lines across the sheet: 0, 1 or 2 */
	double bed_w, bed_h;/* scanned area, mm */
	double bed_grey;    /* scanner lid colour outside the sheet */
	double paper;       /* paper brightness, 0.9..1 */
	int bw_thresh;      /* binarisation threshold for SCAN_BW */
} scan_params;

/* A sheet as drawn before scanning: an RGB24 image whose pixels are
** 25.4/dpi mm of the sheet (dpi = the scan's true resolution). */
typedef struct {
	cairo_surface_t *img;
	double w, h;        /* sheet size, mm */
	double ox, oy;      /* its top-left corner on the bed before the shift */
} sheet_image;

/* Scan one sheet. xform receives [a,b,c,d,e,f] mapping sheet millimetres
** (x, y) to pixel coordinates of the returned image (origin at the top-left
** corner of the top-left pixel): px = a*x + b*y + c, py = d*x + e*y + f.
** Returns a 1, 8 or 32 bpp PIX by mode, or NULL with a message. */
PIX *scan_sheet(const scan_params *sp, const sheet_image *sh, uint64_t noise_seed,
		double xform[6], char *err, size_t errlen);

/* The xform scan_sheet() would report, without scanning. */
void scan_xform(const scan_params *sp, double w, double h, double ox, double oy,
		double xform[6]);

/* Move the sheet (and grow the bed if need be) so that the part of a
** w x h sheet inside margin mm of its edges lies wholly on the bed: a
** scanner that cut off a corner mark would be a broken scanner. */
void scan_fit(scan_params *sp, double w, double h, double margin);

/* Fold shadows across a sheet being drawn (user units mm). */
void scan_folds(cairo_t *cr, double w, double h, int folds, rng *r);

/* The luminance of an RGB24 surface as ink (255 - grey) in an A8 surface. */
cairo_surface_t *scan_ink_surface(cairo_surface_t *rgb);

const char *scan_mode_name(scan_mode m);

#endif
