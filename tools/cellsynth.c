/*
** cellsynth.c — synthetic boxed cells (see cellsynth.h).
*/
#include "cellsynth.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void synth_seed(synth_rng *r, uint64_t seed)
{
	r->s = seed * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull;
	if (!r->s)
		r->s = 1;
}

static uint64_t next(synth_rng *r)
{
	/* splitmix64 */
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

double synth_uniform(synth_rng *r) { return (next(r) >> 11) * (1.0 / 9007199254740992.0); }

double synth_range(synth_rng *r, double a, double b) { return a + (b - a) * synth_uniform(r); }

double synth_gauss(synth_rng *r)
{
	double u = synth_uniform(r), v = synth_uniform(r);
	if (u < 1e-12)
		u = 1e-12;
	return sqrt(-2 * log(u)) * cos(2 * M_PI * v);
}

void synth_glyph_free(synth_glyph *g)
{
	free(g->a);
	g->a = NULL;
}

static float at(const synth_glyph *g, int x, int y)
{
	if (x < 0 || y < 0 || x >= g->w || y >= g->h)
		return 0;
	return g->a[y * g->w + x];
}

static float sample(const synth_glyph *g, double x, double y)
{
	x -= 0.5;
	y -= 0.5;
	int x0 = (int)floor(x), y0 = (int)floor(y);
	double fx = x - x0, fy = y - y0;
	return (float)(at(g, x0, y0) * (1 - fx) * (1 - fy) + at(g, x0 + 1, y0) * fx * (1 - fy) +
	               at(g, x0, y0 + 1) * (1 - fx) * fy + at(g, x0 + 1, y0 + 1) * fx * fy);
}

synth_glyph synth_glyph_stroke(const synth_glyph *g, int up, int k)
{
	synth_glyph o = {g->w * up + 2, g->h * up + 2, NULL};
	o.a = calloc((size_t)o.w * o.h, sizeof(float));
	for (int y = 0; y < o.h; y++)
		for (int x = 0; x < o.w; x++)
			o.a[y * o.w + x] = sample(g, (x - 1 + 0.5) / up, (y - 1 + 0.5) / up);
	float *t = malloc((size_t)o.w * o.h * sizeof(float));
	for (int pass = 0; pass < abs(k); pass++) {
		memcpy(t, o.a, (size_t)o.w * o.h * sizeof(float));
		for (int y = 0; y < o.h; y++)
			for (int x = 0; x < o.w; x++) {
				float v = t[y * o.w + x];
				for (int dy = -1; dy <= 1; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						if (dx && dy)
							continue; /* a cross: rounder strokes */
						int xx = x + dx, yy = y + dy;
						float u = (xx < 0 || yy < 0 || xx >= o.w || yy >= o.h) ? 0 : t[yy * o.w + xx];
						v = k > 0 ? (u > v ? u : v) : (u < v ? u : v);
					}
				o.a[y * o.w + x] = v;
			}
	}
	free(t);
	return o;
}

void synth_random(synth_rng *r, synth_params *p, double ppm_lo, double ppm_hi)
{
	memset(p, 0, sizeof *p);
	p->ppm = synth_range(r, ppm_lo, ppm_hi);
	if (synth_uniform(r) < 0.6) {
		p->cell_w = 7;
		p->cell_h = 9;
	} else {
		p->cell_w = 6;
		p->cell_h = 8;
	}
	/* the registration is off by up to ~0.7 mm; crops add 0.5-2 mm */
	double base = synth_range(r, 0.5, 2.0);
	double ox = synth_gauss(r) * 0.3, oy = synth_gauss(r) * 0.3;
	p->ml = base + ox;
	p->mr = base - ox;
	p->mt = base + oy;
	p->mb = base - oy;
	p->line_w = synth_range(r, 0.2, 0.45);
	p->row = synth_uniform(r) < 0.7;
	p->skew = synth_gauss(r) * 0.004; /* ~0.25 degree */
	p->gh = synth_range(r, 0.45, 0.95);
	if (synth_uniform(r) < 0.1)
		p->gh = synth_range(r, 0.25, 0.45); /* small writing */
	p->gx = synth_gauss(r) * 0.08;
	p->gy = synth_gauss(r) * 0.06;
	p->rot = synth_gauss(r) * 0.08;
	p->shear = synth_gauss(r) * 0.15;
	p->xstretch = exp(synth_gauss(r) * 0.12);
	p->bg = (int)synth_range(r, 200, 256);
	p->ink = (int)synth_range(r, 0, 110);
	if (synth_uniform(r) < 0.12)
		p->ink = (int)synth_range(r, 100, p->bg - 70); /* faint */
	p->line_ink = (int)synth_range(r, 0, 80);
	p->blur = synth_uniform(r) < 0.6 ? synth_range(r, 0.2, 1.1) : 0;
	p->noise = synth_uniform(r) < 0.5 ? synth_range(r, 0, 10) : 0;
	p->jpeg_q = synth_uniform(r) < 0.35 ? (int)synth_range(r, 40, 92) : 0;
	p->binarise = synth_uniform(r) < 0.2;
	p->specks = synth_uniform(r) < 0.25 ? (int)synth_range(r, 1, 5) : 0;
	p->show_through = synth_uniform(r) < 0.1;
}

/* Coverage of a box [x0,x1)x[y0,y1) at point (u,v), all mm. */
static int inside(double u, double v, double x0, double y0, double x1, double y1)
{
	return u >= x0 && u < x1 && v >= y0 && v < y1;
}

typedef struct {
	const synth_glyph *g;
	double cx, cy;          /* glyph ink-box centre, glyph px */
	double a, b, c, d;      /* mm offset from the anchor -> glyph px */
	double ax, ay;          /* anchor, mm */
} placed;

static void glyph_bbox(const synth_glyph *g, double *cx, double *cy, double *bh, double *bw)
{
	int x0 = g->w, y0 = g->h, x1 = -1, y1 = -1;
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++)
			if (g->a[y * g->w + x] > 0.2f) {
				if (x < x0) x0 = x;
				if (x > x1) x1 = x;
				if (y < y0) y0 = y;
				if (y > y1) y1 = y;
			}
	if (x1 < 0) {
		x0 = y0 = 0;
		x1 = g->w - 1;
		y1 = g->h - 1;
	}
	*cx = (x0 + x1 + 1) / 2.0;
	*cy = (y0 + y1 + 1) / 2.0;
	*bh = y1 - y0 + 1;
	*bw = x1 - x0 + 1;
}

/* Place glyph g with ink height hmm (mm) centred at (ax, ay) mm. */
static placed place(const synth_glyph *g, double ax, double ay, double hmm,
                    double wmm, double rot, double shear, double xs)
{
	placed q;
	double bh, bw;
	q.g = g;
	glyph_bbox(g, &q.cx, &q.cy, &bh, &bw);
	double s = hmm / bh; /* mm per glyph px */
	if (bw * s * fabs(xs) > wmm)
		s = wmm / (bw * fabs(xs)); /* people keep inside the box's width */
	/* forward: p_mm = R * Sh * diag(xs, 1) * s * (p_g - c); invert */
	double cr = cos(rot), sr = sin(rot);
	/* M = R * [[1, shear],[0,1]] * diag(xs*s, s) */
	double m00 = cr * xs * s, m01 = (cr * shear - sr) * s;
	double m10 = sr * xs * s, m11 = (sr * shear + cr) * s;
	double det = m00 * m11 - m01 * m10;
	q.a = m11 / det;
	q.b = -m01 / det;
	q.c = -m10 / det;
	q.d = m00 / det;
	q.ax = ax;
	q.ay = ay;
	return q;
}

static float placed_at(const placed *q, double u, double v)
{
	double du = u - q->ax, dv = v - q->ay;
	double gx = q->a * du + q->b * dv + q->cx, gy = q->c * du + q->d * dv + q->cy;
	return sample(q->g, gx, gy);
}

static void gauss_blur(float *a, int w, int h, double sigma)
{
	int rad = (int)ceil(2.5 * sigma);
	if (rad < 1)
		return;
	float k[32];
	if (rad > 15)
		rad = 15;
	double sum = 0;
	for (int i = -rad; i <= rad; i++)
		sum += k[i + rad] = (float)exp(-i * i / (2 * sigma * sigma));
	for (int i = 0; i <= 2 * rad; i++)
		k[i] /= (float)sum;
	float *t = malloc((size_t)w * h * sizeof(float));
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float acc = 0;
			for (int i = -rad; i <= rad; i++) {
				int xx = x + i < 0 ? 0 : x + i >= w ? w - 1 : x + i;
				acc += k[i + rad] * a[y * w + xx];
			}
			t[y * w + x] = acc;
		}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float acc = 0;
			for (int i = -rad; i <= rad; i++) {
				int yy = y + i < 0 ? 0 : y + i >= h ? h - 1 : y + i;
				acc += k[i + rad] * t[yy * w + x];
			}
			a[y * w + x] = acc;
		}
	free(t);
}

PIX *synth_cell(const synth_glyph *g, const synth_glyph *neighbour,
                const synth_glyph *ghost, const synth_params *p, synth_rng *r)
{
	double W = p->cell_w + p->ml + p->mr, H = p->cell_h + p->mt + p->mb;
	int w = (int)lround(W * p->ppm), h = (int)lround(H * p->ppm);
	if (w < 8 || h < 8)
		return NULL;
	float *img = malloc((size_t)w * h * sizeof(float));
	/* the box in mm, origin at the crop's top-left */
	double bx0 = p->ml, by0 = p->mt, bx1 = bx0 + p->cell_w, by1 = by0 + p->cell_h;
	double lw = p->line_w;
	placed pg, pn, ps;
	double cxm = (bx0 + bx1) / 2 + p->gx * p->cell_w, cym = (by0 + by1) / 2 + p->gy * p->cell_h;
	if (g)
		pg = place(g, cxm, cym, p->gh * p->cell_h, 0.95 * p->cell_w, p->rot, p->shear, p->xstretch);
	int nside = synth_uniform(r) < 0.5 ? -1 : 1;
	if (neighbour)
		pn = place(neighbour, (bx0 + bx1) / 2 + nside * p->cell_w + synth_gauss(r) * 0.5,
		           cym, synth_range(r, 0.5, 0.95) * p->cell_h, p->cell_w, synth_gauss(r) * 0.1, 0, 1);
	if (ghost) /* show-through: mirrored writing from the back */
		ps = place(ghost, (bx0 + bx1) / 2 + synth_gauss(r), cym, synth_range(r, 0.5, 0.9) * p->cell_h, p->cell_w,
		           synth_gauss(r) * 0.1, 0, -1);
	double ghost_k = synth_range(r, 0.03, 0.10); /* print-through is faint */
	double cs = cos(p->skew), sn = sin(p->skew);
	double ccx = W / 2, ccy = H / 2;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double line = 0, ink = 0, gh = 0;
			for (int j = 0; j < 3; j++)
				for (int i = 0; i < 3; i++) {
					double u0 = (x + (i + 0.5) / 3) / p->ppm, v0 = (y + (j + 0.5) / 3) / p->ppm;
					/* page rotation about the crop centre */
					double u = ccx + cs * (u0 - ccx) - sn * (v0 - ccy);
					double v = ccy + sn * (u0 - ccx) + cs * (v0 - ccy);
					double hx0 = p->row ? -1e9 : bx0 - lw / 2, hx1 = p->row ? 1e9 : bx1 + lw / 2;
					int on = inside(u, v, hx0, by0 - lw / 2, hx1, by0 + lw / 2) ||
					         inside(u, v, hx0, by1 - lw / 2, hx1, by1 + lw / 2);
					for (int k = -1; k <= 2 && !on; k++) {
						if (!p->row && (k == -1 || k == 2))
							continue;
						double xl = bx0 + k * p->cell_w;
						on = inside(u, v, xl - lw / 2, by0 - lw / 2, xl + lw / 2, by1 + lw / 2);
					}
					line += on;
					if (g)
						ink += placed_at(&pg, u, v);
					if (neighbour && p->row)
						ink += placed_at(&pn, u, v);
					if (ghost)
						gh += placed_at(&ps, u, v);
				}
			line /= 9;
			ink /= 9;
			gh /= 9;
			if (ink > 1)
				ink = 1;
			double val = p->bg - gh * ghost_k * (p->bg - p->ink);
			double lv = p->bg + (p->line_ink - p->bg) * line;
			double iv = p->bg + (p->ink - p->bg) * ink;
			if (lv < val) val = lv;
			if (iv < val) val = iv;
			img[y * w + x] = (float)val;
		}
	for (int s = 0; s < p->specks; s++) {
		double sx = synth_range(r, 0, w), sy = synth_range(r, 0, h);
		double rad = synth_range(r, 0.04, 0.14) * p->ppm;
		int lvl = (int)synth_range(r, p->ink, p->bg - 40);
		for (int y = (int)(sy - rad - 1); y <= (int)(sy + rad + 1); y++)
			for (int x = (int)(sx - rad - 1); x <= (int)(sx + rad + 1); x++) {
				if (x < 0 || y < 0 || x >= w || y >= h)
					continue;
				double dd = hypot(x + 0.5 - sx, y + 0.5 - sy);
				if (dd <= rad && img[y * w + x] > lvl)
					img[y * w + x] = (float)lvl;
			}
	}
	if (p->blur > 0.15)
		gauss_blur(img, w, h, p->blur);
	PIX *pix = pixCreate(w, h, 8);
	l_uint32 *data = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	double mid = (p->bg + p->ink) / 2.0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double v = img[y * w + x] + p->noise * synth_gauss(r);
			if (p->binarise)
				v = v < mid ? 0 : 255;
			int iv = (int)lround(v);
			SET_DATA_BYTE(data + y * wpl, x, iv < 0 ? 0 : iv > 255 ? 255 : iv);
		}
	free(img);
	if (p->jpeg_q && !p->binarise) {
		l_uint8 *buf = NULL;
		size_t len = 0;
		if (pixWriteMemJpeg(&buf, &len, pix, p->jpeg_q, 0) == 0) {
			PIX *j = pixReadMem(buf, len);
			if (j) {
				PIX *j8 = pixConvertTo8(j, 0);
				pixDestroy(&j);
				if (j8) {
					pixDestroy(&pix);
					pix = j8;
				}
			}
			lept_free(buf);
		}
	}
	return pix;
}
