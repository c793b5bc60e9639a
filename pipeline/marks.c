/*
** marks.c — checkbox, seal and written-line readings from ink measures.
*/
#include "marks.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <string.h>

/* Grey level below which a pixel is ink: dark enough to drop the light grey
** print (the seal guide, show-through) but keep blue, black and red ink. */
#define INK_LEVEL 150

double mark_confidence(double x, double t, double s)
{
	/* A logistic on the distance from the threshold. */
	double z = fabs(x - t) / (s > 0 ? s : 1);
	return 1.0 / (1.0 + exp(-2.5 * z));
}

/* Binary ink of a box grown by grow_mm on each side; NULL if outside. */
static PIX *ink_crop(PIX *gray, const mm_box *b, double res, double inset_mm, int level)
{
	int x = (int)lround((b->x + inset_mm) * res), y = (int)lround((b->y + inset_mm) * res);
	int w = (int)lround((b->w - 2 * inset_mm) * res);
	int h = (int)lround((b->h - 2 * inset_mm) * res);
	if (w < 2 || h < 2)
		return NULL;
	BOX *box = boxCreate(x, y, w, h);
	PIX *crop = pixClipRectangle(gray, box, NULL);
	boxDestroy(&box);
	if (!crop)
		return NULL;
	PIX *bin = pixThresholdToBinary(crop, level);
	pixDestroy(&crop);
	return bin;
}

/* Remove specks (scanner noise) smaller than about 0.3 mm. */
static PIX *despeckle(PIX *bin, double res)
{
	int k = (int)lround(0.3 * res);
	if (k < 2)
		k = 2;
	PIX *o = pixOpenBrick(NULL, bin, k, k);
	/* Opening erases thin strokes too; keep components that survive it. */
	PIX *seeds = o;
	PIX *kept = pixSeedfillBinary(NULL, seeds, bin, 8);
	pixDestroy(&o);
	return kept;
}

/* Remove long straight lines (printed borders, underlines, fold lines). */
static PIX *remove_lines(PIX *bin, double res, double min_len_mm)
{
	int len = (int)lround(min_len_mm * res);
	PIX *h = pixOpenBrick(NULL, bin, len, 1);
	PIX *v = pixOpenBrick(NULL, bin, 1, len);
	PIX *lines = pixOr(NULL, h, v);
	/* Widen the lines a little: their edges are grey and ragged. */
	PIX *wide = pixDilateBrick(NULL, lines, 3, 3);
	PIX *out = pixSubtract(NULL, bin, wide);
	pixDestroy(&h);
	pixDestroy(&v);
	pixDestroy(&lines);
	pixDestroy(&wide);
	return out;
}

static void measure(PIX *bin, double res, mark_measure *m)
{
	l_int32 count = 0;
	pixCountPixels(bin, &count, NULL);
	m->ink_mm2 = count / (res * res);
	m->extent_mm = 0;
	m->big_mm2 = 0;
	BOXA *boxa = NULL;
	PIXA *pixa = NULL;
	if (count == 0)
		return;
	boxa = pixConnComp(bin, &pixa, 8);
	int n = boxaGetCount(boxa);
	int x0 = 1 << 30, y0 = 1 << 30, x1 = -1, y1 = -1, big = 0;
	for (int i = 0; i < n; i++) {
		l_int32 bx, by, bw, bh, c = 0;
		boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
		PIX *p = pixaGetPix(pixa, i, L_CLONE);
		pixCountPixels(p, &c, NULL);
		pixDestroy(&p);
		big = c > big ? c : big;
		x0 = bx < x0 ? bx : x0;
		y0 = by < y0 ? by : y0;
		x1 = bx + bw > x1 ? bx + bw : x1;
		y1 = by + bh > y1 ? by + bh : y1;
	}
	m->big_mm2 = big / (res * res);
	double ex = (x1 - x0) / res, ey = (y1 - y0) / res;
	m->extent_mm = ex > ey ? ex : ey;
	boxaDestroy(&boxa);
	pixaDestroy(&pixa);
}

/* Ink of a box inset by inset_mm: binarised, long lines removed when
** min_line_mm > 0, specks removed, then measured. -1 if the box is off
** the page. */
static int measure_box(PIX *gray, const mm_box *box, double res, double inset_mm,
		       double min_line_mm, mark_measure *m)
{
	PIX *bin = ink_crop(gray, box, res, inset_mm, INK_LEVEL);
	if (!bin)
		return -1;
	if (min_line_mm > 0) {
		PIX *nolines = remove_lines(bin, res, min_line_mm);
		pixDestroy(&bin);
		bin = nolines;
	}
	PIX *clean = despeckle(bin, res);
	measure(clean, res, m);
	pixDestroy(&bin);
	pixDestroy(&clean);
	return 0;
}

bool_reading mark_checkbox(PIX *gray, const mm_box *box, double res, mark_measure *m)
{
	memset(m, 0, sizeof *m);
	/* Inside the printed square only: 0.7 mm in from its edges, so neither
	** the border nor a dot beside the box counts. */
	bool_reading r = {0, 0.5};
	if (measure_box(gray, box, res, 0.7, 0, m) != 0)
		return r;
	/* A tick, a cross or a fill crosses the box: ink spread over most of
	** its 3.6 mm interior. A dot is small and compact. Both measures must
	** agree for a confident answer. */
	double ext_t = 1.6, ink_t = 0.9;
	int yes = m->extent_mm >= ext_t && m->ink_mm2 >= ink_t;
	int no = m->extent_mm < ext_t && m->ink_mm2 < ink_t;
	double ce = mark_confidence(m->extent_mm, ext_t, 0.5);
	double ci = mark_confidence(m->ink_mm2, ink_t, 0.4);
	r.value = yes;
	r.conf = yes || no ? (ce < ci ? ce : ci) : 0.5;
	return r;
}

bool_reading mark_seal(PIX *gray, PIX *red, const mm_box *box, double res, mark_measure *m)
{
	memset(m, 0, sizeof *m);
	bool_reading r = {0, 0.5};
	/* A seal impression is a ring of ~12-15 mm with characters: a ring of
	** 12 mm drawn 0.3 mm wide alone is 11 mm² of ink, and even a faint,
	** broken-up impression in a bitonal scan keeps several mm². The light
	** grey printed guide stays above INK_LEVEL and measures ~0. */
	if (red) {
		/* Red excess above 60 is seal ink (black and blue stay near 0). */
		PIX *bin = ink_crop(red, box, res, 0.5, 60);
		if (bin) {
			pixInvert(bin, bin);
			l_int32 cnt = 0;
			pixCountPixels(bin, &cnt, NULL);
			m->red_mm2 = cnt / (res * res);
			pixDestroy(&bin);
		}
	}
	if (measure_box(gray, box, res, 0.5, 0, m) != 0)
		return r;
	double t = 3.0, s = 1.0;
	double x = red ? m->red_mm2 : m->ink_mm2;
	r.value = x >= t;
	r.conf = mark_confidence(x, t, s);
	return r;
}

bool_reading mark_line(PIX *gray, const mm_box *box, double res, mark_measure *m)
{
	memset(m, 0, sizeof *m);
	bool_reading r = {0, 0.5};
	if (measure_box(gray, box, res, 0.3, 12.0, m) != 0)
		return r;
	/* A written name or address: several characters of ~5 mm, tens of mm²
	** of ink over more than a few mm. Noise that survived is far less. */
	double t = 3.0, s = 0.75;
	int yes = m->ink_mm2 >= t && m->extent_mm >= 3.0;
	r.value = yes;
	r.conf = mark_confidence(m->ink_mm2, t, s);
	if (yes && m->extent_mm < 5.0)
		r.conf = r.conf < 0.8 ? r.conf : 0.8;
	return r;
}

bool_reading mark_cell(PIX *gray, const mm_box *box, double res, mark_measure *m)
{
	memset(m, 0, sizeof *m);
	bool_reading r = {0, 0.5};
	/* 0.6 mm in from the printed border: registration is good to ~0.1 mm. */
	if (measure_box(gray, box, res, 0.6, 0, m) != 0)
		return r;
	/* The smallest written character (a "1") is a stroke of ~5 mm by
	** 0.3 mm or more: over 1.5 mm². An empty cell, borders and specks
	** removed, measures ~0. */
	double t = 0.8, s = 0.2;
	r.value = m->ink_mm2 >= t && m->extent_mm >= 2.0;
	r.conf = mark_confidence(m->ink_mm2, t, s);
	return r;
}
