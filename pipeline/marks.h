/*
** marks.h — yes/no readings from ink on the registered page: checkbox
** ticks, seal impressions, and whether a handwritten line was written.
**
** Each takes the registered page (PAGE_RES px/mm, form coordinates) and the
** field's box in mm, and returns the reading with a confidence. The
** measures are physical (ink area in mm², extent in mm), so they do not
** depend on the scan's resolution.
*/
#ifndef SHOKAI_MARKS_H
#define SHOKAI_MARKS_H

#include "model.h"
#include "readings.h"

struct Pix;

/* What was measured, for eval and for tuning by measurement. */
typedef struct {
	double ink_mm2;    /* dark area after removing borders, lines, specks */
	double extent_mm;  /* larger side of the ink's bounding box */
	double big_mm2;    /* area of the largest connected piece */
	double red_mm2;    /* red-excess area (colour scans) */
} mark_measure;

bool_reading mark_checkbox(struct Pix *gray, const mm_box *box, double res, mark_measure *m);
bool_reading mark_seal(struct Pix *gray, struct Pix *red, const mm_box *box, double res,
		       mark_measure *m);
bool_reading mark_line(struct Pix *gray, const mm_box *box, double res, mark_measure *m);
/* Written or empty, for one boxed cell (the border left out). */
bool_reading mark_cell(struct Pix *gray, const mm_box *box, double res, mark_measure *m);

/* Confidence of a yes/no decision on a measure x against a threshold t,
** with s the width of the doubtful band: 0.5 at t, near 1 far from it. */
double mark_confidence(double x, double t, double s);

#endif
