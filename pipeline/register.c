/*
** register.c — fiducial detection, affine fit and resampling.
*/
#include "register.h"

#include <leptonica/allheaders.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define MAX_CAND 12 /* per quadrant */

typedef struct {
	point2 c;
	double side; /* px */
} square;

/* Solid, roughly square components whose side fits the expected size. */
static int find_squares(PIX *bin, double side_lo, double side_hi, square *q[4],
			int nq[4], int w, int h)
{
	PIXA *pixa = NULL;
	BOXA *boxa = pixConnComp(bin, &pixa, 8);
	if (!boxa)
		return -1;
	int total = 0, n = boxaGetCount(boxa);
	for (int i = 0; i < n; i++) {
		l_int32 bx, by, bw, bh;
		boxaGetBoxGeometry(boxa, i, &bx, &by, &bw, &bh);
		if (bw < side_lo || bh < side_lo || bw > side_hi * 1.12 || bh > side_hi * 1.12)
			continue;
		double aspect = (double)bw / bh;
		if (aspect < 0.8 || aspect > 1.25)
			continue;
		PIX *c = pixaGetPix(pixa, i, L_CLONE);
		l_int32 cnt = 0;
		pixCountPixels(c, &cnt, NULL);
		l_float32 cx = 0, cy = 0;
		pixCentroid(c, NULL, NULL, &cx, &cy);
		pixDestroy(&c);
		if ((double)cnt < 0.78 * bw * bh)
			continue;
		point2 p = {bx + cx, by + cy};
		int k = (p.x >= w / 2.0) + 2 * (p.y >= h / 2.0); /* TL TR BL BR */
		if (nq[k] < MAX_CAND) {
			q[k][nq[k]].c = p;
			q[k][nq[k]].side = sqrt((double)cnt);
			nq[k]++;
			total++;
		}
	}
	boxaDestroy(&boxa);
	pixaDestroy(&pixa);
	return total;
}

/* Fit the model's fiducial centres to four found centres; fills the
** residuals. Returns the RMS residual in mm, or a huge value. */
static double fit4(const form_model *m, const point2 found[4], registration *r)
{
	point2 src[4];
	for (int i = 0; i < 4; i++)
		mm_box_center(&m->fiducials[i], &src[i].x, &src[i].y);
	affine t;
	if (affine_fit(src, found, 4, &t) != 0)
		return 1e9;
	double s = affine_scale(&t);
	if (s <= 0)
		return 1e9;
	/* A scanner scales both axes alike and does not shear: reject fits
	** that would need it (a wrong square was picked). */
	double sx = hypot(t.a, t.d), sy = hypot(t.b, t.e);
	double shear = (t.a * t.b + t.d * t.e) / (sx * sy);
	if (fabs(sx / sy - 1) > 0.04 || fabs(shear) > 0.03)
		return 1e9;
	double sum = 0, mx = 0;
	for (int i = 0; i < 4; i++) {
		point2 p = affine_apply(&t, src[i]);
		double d = hypot(p.x - found[i].x, p.y - found[i].y) / s;
		sum += d * d;
		if (d > mx)
			mx = d;
	}
	r->mm2px = t;
	r->rms_mm = sqrt(sum / 4);
	r->max_mm = mx;
	r->px_per_mm = s;
	r->skew_deg = affine_rotation_deg(&t);
	memcpy(r->fid_px, found, sizeof r->fid_px);
	return r->rms_mm;
}

int register_page(const form_model *m, PIX *gray, double hint, registration *reg,
		  char *err, size_t errlen)
{
	memset(reg, 0, sizeof *reg);
	int w = pixGetWidth(gray), h = pixGetHeight(gray);
	double side_mm = m->fiducials[0].w;
	double lo, hi;
	if (hint > 0) {
		lo = side_mm * hint * 0.75;
		hi = side_mm * hint * 1.25;
	} else {
		/* Unknown resolution: the page fills most of the image. */
		double guess = (w > h ? w : h) / m->page_h;
		lo = side_mm * guess * 0.6;
		hi = side_mm * guess * 1.3;
	}
	PIX *bin = pixThresholdToBinary(gray, 128);
	if (!bin) {
		snprintf(err, errlen, "cannot binarise page");
		return -1;
	}
	square store[4][MAX_CAND];
	square *q[4] = {store[0], store[1], store[2], store[3]};
	int nq[4] = {0};
	int total = find_squares(bin, lo, hi, q, nq, w, h);
	pixDestroy(&bin);
	reg->candidates = total;
	if (total < 0 || !nq[0] || !nq[1] || !nq[2] || !nq[3]) {
		snprintf(err, errlen, "fiducials not found (%d/%d/%d/%d candidates per corner)",
			 nq[0], nq[1], nq[2], nq[3]);
		return -1;
	}
	/* Try every choice of one square per corner; keep the best fit. */
	double best = 1e9;
	registration r;
	for (int a = 0; a < nq[0]; a++)
		for (int b = 0; b < nq[1]; b++)
			for (int c = 0; c < nq[2]; c++)
				for (int d = 0; d < nq[3]; d++) {
					point2 f[4] = {q[0][a].c, q[1][b].c, q[2][c].c, q[3][d].c};
					memset(&r, 0, sizeof r);
					double e = fit4(m, f, &r);
					if (e < best) {
						best = e;
						*reg = r;
					}
				}
	reg->candidates = total;
	if (best >= 1e9) {
		snprintf(err, errlen, "no plausible fiducial set among %d candidates", total);
		return -1;
	}
	reg->found = 1;
	return 0;
}

PIX *register_warp(PIX *src, const form_model *m, const affine *t, double res)
{
	int ow = (int)lround(m->page_w * res), oh = (int)lround(m->page_h * res);
	/* Leptonica's affine maps each destination pixel to its source. */
	l_float32 vc[6] = {
		(l_float32)(t->a / res), (l_float32)(t->b / res), (l_float32)t->c,
		(l_float32)(t->d / res), (l_float32)(t->e / res), (l_float32)t->f,
	};
	/* Leptonica sizes the output like the input; pad or crop to the page. */
	PIX *big = pixCreate(ow, oh, 8);
	if (!big)
		return NULL;
	pixSetAll(big);
	int sw = pixGetWidth(src), sh = pixGetHeight(src);
	PIX *canvas = big;
	if (sw != ow || sh != oh) {
		/* Put src into a canvas of the output size (white beyond), keeping
		** src coordinates: the canvas must cover both sizes. */
		int cw = sw > ow ? sw : ow, ch = sh > oh ? sh : oh;
		canvas = pixCreate(cw, ch, 8);
		pixSetAll(canvas);
		pixRasterop(canvas, 0, 0, sw, sh, PIX_SRC, src, 0, 0);
	} else {
		canvas = pixCopy(NULL, src);
	}
	PIX *warped = pixAffineGray(canvas, vc, 255);
	pixDestroy(&canvas);
	if (!warped) {
		pixDestroy(&big);
		return NULL;
	}
	pixRasterop(big, 0, 0, ow, oh, PIX_SRC, warped, 0, 0);
	pixDestroy(&warped);
	return big;
}
