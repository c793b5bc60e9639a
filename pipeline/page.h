/*
** page.h — one page from pixels to a registered image in form coordinates.
**
**   decoded page → grey (+ red-excess for colour) → codes and orientation
**   → upright → fiducials and affine fit → resampled at a fixed px/mm
**
** This is the image half of the pipeline; inspect shows what it found.
*/
#ifndef SHOKAI_PAGE_H
#define SHOKAI_PAGE_H

#include "identify.h"
#include "model.h"
#include "register.h"

struct Pix;

/* Resolution of the registered page: pixel (x*RES, y*RES) is form point
** (x, y) mm. 10 px/mm (254 dpi) sits between the 200 and 300 dpi scans. */
#define PAGE_RES 10.0

typedef enum { SCAN_COLOUR, SCAN_GREY, SCAN_BITONAL } scan_mode;

typedef struct {
	scan_mode mode;
	int width, height;     /* input pixels */
	double ink;            /* dark fraction of the page, margins excluded */
	ident_result id;
	int quads;             /* clockwise quarter turns applied */
	int registered;        /* fiducials found */
	registration reg;      /* in upright-image pixels */
	affine mm2stored;      /* form mm → pixels of the page as stored in the file */
	struct Pix *gray;      /* registered page, 8 bpp, PAGE_RES px/mm */
	struct Pix *red;       /* registered red-excess (colour scans), else NULL */
	char why[160];         /* what failed, for the log and the result */
} page_image;

/* Analyse one decoded page. Fills pi (free with page_image_free). Returns 0
** when the page is identified and registered, 1 when it is not (pi->why
** says why; a blank or foreign page is not an error), -1 on failure. */
int page_analyse(identifier *idf, const form_model *m, struct Pix *pix, page_image *pi);
void page_image_free(page_image *pi);

#endif
