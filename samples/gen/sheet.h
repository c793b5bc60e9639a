/*
** sheet.h — draw the sheet of a planned page (form, blank, envelope, ID
** copy) at the scan's resolution, ready for scan_sheet().
**
** The static print is the same on every form, so it is drawn once per
** resolution and kept as an ink mask; only the printed holder data, the
** codes and the handwriting are drawn for each page.
*/
#ifndef SHOKAI_GEN_SHEET_H
#define SHOKAI_GEN_SHEET_H

#include <pango/pangocairo.h>

#include "mnist.h"
#include "model.h"
#include "pmodel.h"
#include "scanner.h"
#include "scenario.h"

#define PAGE_CACHE 8

typedef struct {
	const form_model *fm;
	const print_model *pm;
	const mnist_set *mnist;
	PangoFontMap *fonts;
	PangoContext *ctx;    /* kept across pages: its font caches are costly */
	int ncache, next;
	struct {
		int dpi;
		cairo_surface_t *ink; /* A8: the static print */
	} cache[PAGE_CACHE];
} page_painter;

void painter_init(page_painter *pp, const form_model *fm, const print_model *pm,
		  const mnist_set *mnist);
void painter_free(page_painter *pp);

/* The sheet of page p of b: its size and where it lies on the bed (mm). */
void sheet_place(const batch_plan *b, const page_plan *p, double *w, double *h,
		 double *ox, double *oy);

/* Draw page p of batch b; out->img must be destroyed by the caller.
** Returns 0 or -1 with a message. */
int paint_page(page_painter *pp, const batch_plan *b, const page_plan *p,
	       sheet_image *out, char *err, size_t errlen);

#endif
