/*
** cellrec.c — the handwritten boxed-cell recogniser.
**
** Steps for one cell crop:
**   1. background and border levels from grey percentiles; ink mask at a
**      threshold between them (low enough for faint ink);
**   2. the printed border: the outermost long straight run of ink in each
**      outer band of the crop; everything outside the box is dropped, and
**      a stroke that touches the border keeps what lies inside it;
**   3. connected components of what is left; specks and border remnants go;
**      the rest gives the ink measures behind P(written) (a logistic model);
**   4. the ink is cropped, optionally sheared upright, scaled into 20x20 and
**      centred by mass in 28x28 (the MNIST convention);
**   5. gradient-direction and pixel features, PCA, RBF SVM with libsvm's
**      pairwise probabilities;
**   6. in a digit box, a digit the SVM is not sure of is weighed again by
**      its nearest MNIST references (cellknn.c).
**
** The model file is little-endian binary (see cellrec_save), small enough
** to commit. Every buffer that held cell pixels is wiped before it is freed.
*/
#include "cellrec.h"

#include "cellknn.h"
#include "fsutil.h"

#include <errno.h>
#include <libsvm/svm.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* The last class, "other", is never a candidate; '#' only names it. */
const char cellrec_classes[CELLREC_NCLASS + 1] =
	"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ#";

#define MODEL_MAGIC "SHKCELL2" /* 2: 37 classes (with "other") */
#define MODEL_FILE "cellrec.model"

struct cellrec {
	int npca, deskew;
	float mean[CELLREC_NRAW];
	float *proj;
	float zscale;
	float written_w[CELLREC_NINK + 1];
	float temp;
	struct svm_model svm;
	struct svm_node *x_space;
	int class_of_label[CELLREC_NCLASS]; /* libsvm label index -> class */
	cellknn *knn;                       /* second opinion on doubtful digits, or NULL */
};

/* ---------------------------------------------------------------- images */

/* Free a buffer that held cell pixels or results. */
static void wipe_free(void *p, size_t n)
{
	if (p) {
		explicit_bzero(p, n);
		free(p);
	}
}

static float percentile(const float *a, int n, double q, int *hist)
{
	memset(hist, 0, 256 * sizeof *hist);
	for (int i = 0; i < n; i++) {
		int v = (int)a[i];
		hist[v < 0 ? 0 : v > 255 ? 255 : v]++;
	}
	int want = (int)(q * (n - 1)), acc = 0;
	for (int v = 0; v < 256; v++) {
		acc += hist[v];
		if (acc > want)
			return (float)v;
	}
	return 255.0f;
}

/* A line cluster found from one edge: [start, end) in band coordinates. */
typedef struct {
	int found, start, end;
} line_run;

/* Longest run of set cells in a row of w cells. */
static int longest_run(const unsigned char *row, int w, int stride)
{
	int best = 0, cur = 0;
	for (int i = 0; i < w; i++) {
		if (row[(size_t)i * stride]) {
			if (++cur > best)
				best = cur;
		} else {
			cur = 0;
		}
	}
	return best;
}

/*
** Border lines. isline[k] is 0, or how long a straight run line k (a row
** or a column) holds, scaled 1-255. Within the outer band from the given
** edge, find the cluster of such lines with the longest run: the printed
** line, which spans the whole box. The first cluster from the edge is not
** always it: a neighbour's big stroke can lie along the line, just
** outside it, and would then be taken for the border, leaving the real
** line inside the box as ink.
*/
static line_run find_border(const unsigned char *isline, int n, int from_end)
{
	line_run r = {0, 0, 0};
	int band = (int)(n * 0.35), best = 0;
	for (int k = 0; k < band; k++) {
		int i = from_end ? n - 1 - k : k;
		if (!isline[i])
			continue;
		int j = k, top = 0;
		while (j < band + 3 && j < n) {
			int ii = from_end ? n - 1 - j : j;
			if (!isline[ii])
				break;
			if (isline[ii] > top)
				top = isline[ii];
			j++;
		}
		if (top > best) {
			best = top;
			r.found = 1;
			r.start = k; /* distance from the edge */
			r.end = j;
		}
		k = j;
	}
	return r;
}

typedef struct {
	int area, x0, y0, x1, y1; /* bbox inclusive */
	double dark;              /* summed darkness */
} comp;

/* 8-connected components of mask m (w x h); labels in lab (0 = none).
** Returns the number of components, or -1 on allocation failure. */
static int label_components(const unsigned char *m, int w, int h, int *lab,
                            comp **out)
{
	int n = 0, cap = 16;
	comp *c = malloc(cap * sizeof *c);
	int *stack = malloc((size_t)w * h * sizeof *stack);
	if (!c || !stack) {
		free(c);
		free(stack);
		return -1;
	}
	memset(lab, 0, (size_t)w * h * sizeof *lab);
	for (int s = 0; s < w * h; s++) {
		if (!m[s] || lab[s])
			continue;
		if (n == cap) {
			cap *= 2;
			comp *nc = realloc(c, cap * sizeof *c);
			if (!nc) {
				free(c);
				free(stack);
				return -1;
			}
			c = nc;
		}
		comp *k = &c[n++];
		k->area = 0;
		k->x0 = k->x1 = s % w;
		k->y0 = k->y1 = s / w;
		k->dark = 0;
		int sp = 0;
		stack[sp++] = s;
		lab[s] = n;
		while (sp) {
			int p = stack[--sp], x = p % w, y = p / w;
			k->area++;
			if (x < k->x0) k->x0 = x;
			if (x > k->x1) k->x1 = x;
			if (y < k->y0) k->y0 = y;
			if (y > k->y1) k->y1 = y;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int xx = x + dx, yy = y + dy;
					if (xx < 0 || yy < 0 || xx >= w || yy >= h)
						continue;
					int q = yy * w + xx;
					if (m[q] && !lab[q]) {
						lab[q] = n;
						stack[sp++] = q;
					}
				}
		}
	}
	free(stack);
	*out = c;
	return n;
}

static float bilinear(const float *a, int w, int h, float x, float y)
{
	int x0 = (int)floorf(x), y0 = (int)floorf(y);
	float fx = x - x0, fy = y - y0, v = 0;
	for (int j = 0; j < 2; j++)
		for (int i = 0; i < 2; i++) {
			int xx = x0 + i, yy = y0 + j;
			if (xx < 0 || yy < 0 || xx >= w || yy >= h)
				continue;
			v += a[yy * w + xx] * (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
		}
	return v;
}

/* Working buffers of one prepare call, all wiped on exit. */
typedef struct {
	int w, h;
	float *a, *s, *d;
	unsigned char *m, *keep, *lr, *lc;
	int *lab;
	comp *c;
	int nc;
} work;

static void work_free(work *k)
{
	size_t n = (size_t)k->w * k->h;
	wipe_free(k->a, n * sizeof(float));
	wipe_free(k->s, n * sizeof(float));
	wipe_free(k->d, n * sizeof(float));
	wipe_free(k->m, n);
	wipe_free(k->keep, n);
	wipe_free(k->lr, (size_t)k->h);
	wipe_free(k->lc, (size_t)k->w);
	wipe_free(k->lab, n * sizeof(int));
	wipe_free(k->c, (size_t)(k->nc > 0 ? k->nc : 0) * sizeof(comp));
}

/* Scale the ink image d (w x h) into g->norm: slant-corrected, fitted into
** 20x20 with the aspect kept, centred by mass in 28x28. */
static void normalise(const float *d, int w, int h, int deskew,
                      cellrec_glyph *g)
{
	double m00 = 0, mx = 0, my = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double v = d[y * w + x];
			m00 += v;
			mx += v * (x + 0.5);
			my += v * (y + 0.5);
		}
	if (m00 <= 0)
		return;
	double xc = mx / m00, yc = my / m00, mu11 = 0, mu02 = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			double v = d[y * w + x];
			mu11 += v * (x + 0.5 - xc) * (y + 0.5 - yc);
			mu02 += v * (y + 0.5 - yc) * (y + 0.5 - yc);
		}
	/* the lean as found; the shear that undoes it is clamped */
	double lean = mu02 > 0 ? mu11 / mu02 : 0, slant = 0;
	g->lean = (float)lean;
	if (deskew) {
		slant = lean;
		if (slant > 0.6) slant = 0.6;
		if (slant < -0.6) slant = -0.6;
	}
	/* bbox of the sheared ink */
	double bx0 = 1e9, bx1 = -1e9, by0 = 1e9, by1 = -1e9;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			if (d[y * w + x] < 0.05f)
				continue;
			for (int cy = 0; cy < 2; cy++) {
				double yy = y + cy;
				double xs = x - slant * (yy - yc);
				if (xs < bx0) bx0 = xs;
				if (xs + 1 > bx1) bx1 = xs + 1;
			}
			if (y < by0) by0 = y;
			if (y + 1 > by1) by1 = y + 1;
		}
	if (bx1 <= bx0 || by1 <= by0)
		return;
	double bw = bx1 - bx0, bh = by1 - by0;
	g->aspect = (float)log(bw / bh);
	double scale = 20.0 / (bw > bh ? bw : bh);
	int tw = (int)ceil(bw * scale - 1e-6), th = (int)ceil(bh * scale - 1e-6);
	if (tw < 1) tw = 1;
	if (th < 1) th = 1;
	if (tw > 20) tw = 20;
	if (th > 20) th = 20;
	float t[400];
	double tm = 0, tx = 0, ty = 0;
	for (int oy = 0; oy < th; oy++)
		for (int ox = 0; ox < tw; ox++) {
			float acc = 0;
			for (int j = 0; j < 4; j++)
				for (int i = 0; i < 4; i++) {
					double v = by0 + (oy + (j + 0.5) / 4) / scale;
					double u = bx0 + (ox + (i + 0.5) / 4) / scale;
					double x = u + slant * (v - yc);
					acc += bilinear(d, w, h, (float)(x - 0.5), (float)(v - 0.5));
				}
			acc /= 16;
			if (acc > 1) acc = 1;
			t[oy * tw + ox] = acc;
			tm += acc;
			tx += acc * (ox + 0.5);
			ty += acc * (oy + 0.5);
		}
	int offx = 4 + (20 - tw) / 2, offy = 4 + (20 - th) / 2;
	if (tm > 0) {
		offx = (int)lround(14 - tx / tm);
		offy = (int)lround(14 - ty / tm);
	}
	if (offx < 0) offx = 0;
	if (offy < 0) offy = 0;
	if (offx + tw > CELLREC_NORM) offx = CELLREC_NORM - tw;
	if (offy + th > CELLREC_NORM) offy = CELLREC_NORM - th;
	for (int oy = 0; oy < th; oy++)
		for (int ox = 0; ox < tw; ox++)
			g->norm[(oy + offy) * CELLREC_NORM + ox + offx] = t[oy * tw + ox];
	explicit_bzero(t, sizeof t);
}

/*
** Strokes across a border line. The line is cut away with all it covers,
** so a stroke that crosses it loses that part. Where kept ink meets the
** line from inside and ink goes on past it outside, take the line's pixels
** in that row (or column) back as ink, out to the line's outer edge but no
** further: beyond it is the margin and the neighbour's writing. box is
** {y0, y1, x0, x1} of the inside; the bounding box of the kept ink grows to
** hold what comes back.
*/
static void restore_crossings(work *k, float thr, const int box[4],
                              const line_run side[4], int *ux0, int *uy0,
                              int *ux1, int *uy1)
{
	int w = k->w, h = k->h;
	for (int i = 0; i < 4; i++) {
		if (!side[i].found)
			continue;
		int horiz = i < 2; /* a top or bottom line: walk columns */
		int far = i == 1 || i == 3;
		int dim = horiz ? h : w;
		int edge = far ? box[i] - 1 : box[i];       /* first inside line */
		int outer = far ? dim - 1 - side[i].start : side[i].start;
		int step = far ? 1 : -1;                    /* outwards */
		int lo = horiz ? box[2] : box[0], hi = horiz ? box[3] : box[1];
		int beyond = outer + step; /* first pixel past the line */
		if (beyond < 0 || beyond >= dim)
			continue;
		int span = horiz ? w : h;
		for (int a = lo; a < hi; a++) {
			int in = horiz ? edge * w + a : a * w + edge;
			if (!k->keep[in])
				continue;
			/* the stroke goes on past the line (a slanted one may go
			** on a pixel aside); a stroke that only touches it from
			** inside gets nothing: the line would add a stem */
			int across = 0;
			for (int da = -1; da <= 1 && !across; da++) {
				int aa = a + da;
				if (aa < 0 || aa >= span)
					continue;
				int j = horiz ? beyond * w + aa : aa * w + beyond;
				across = k->s[j] < thr;
			}
			if (!across)
				continue;
			for (int b = edge + step; far ? b <= outer : b >= outer;
			     b += step) {
				int j = horiz ? b * w + a : a * w + b;
				if (!(k->s[j] < thr))
					break;
				k->keep[j] = 2;
				int x = horiz ? a : b, y = horiz ? b : a;
				if (x < *ux0) *ux0 = x;
				if (x > *ux1) *ux1 = x;
				if (y < *uy0) *uy0 = y;
				if (y > *uy1) *uy1 = y;
			}
		}
	}
}

int cellrec_prepare(PIX *cell, int deskew, cellrec_glyph *g)
{
	memset(g, 0, sizeof *g);
	if (!cell)
		return -1;
	int copied = !(pixGetDepth(cell) == 8 && !pixGetColormap(cell));
	PIX *p8 = copied ? pixConvertTo8(cell, 0) : pixClone(cell);
	if (!p8)
		return -1;
	int w = pixGetWidth(p8), h = pixGetHeight(p8);
	if (w < 12 || h < 12 || w > 600 || h > 600) {
		if (copied)
			explicit_bzero(pixGetData(p8), (size_t)pixGetWpl(p8) * 4 * h);
		pixDestroy(&p8);
		return -1;
	}
	work k;
	memset(&k, 0, sizeof k);
	k.w = w;
	k.h = h;
	size_t n = (size_t)w * h;
	k.a = malloc(n * sizeof(float));
	k.s = malloc(n * sizeof(float));
	k.d = calloc(n, sizeof(float));
	k.m = malloc(n);
	k.keep = calloc(n, 1);
	k.lr = calloc((size_t)h, 1);
	k.lc = calloc((size_t)w, 1);
	k.lab = malloc(n * sizeof(int));
	int rc = -1;
	if (!k.a || !k.s || !k.d || !k.m || !k.keep || !k.lr || !k.lc || !k.lab)
		goto done;
	l_uint32 *data = pixGetData(p8);
	int wpl = pixGetWpl(p8);
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			k.a[y * w + x] = (float)GET_DATA_BYTE(data + y * wpl, x);

	/* 3x3 mean: scanner noise averages out, strokes stay */
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			float acc = 0;
			int cnt = 0;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int xx = x + dx, yy = y + dy;
					if (xx < 0 || yy < 0 || xx >= w || yy >= h)
						continue;
					acc += k.a[yy * w + xx];
					cnt++;
				}
			k.s[y * w + x] = acc / cnt;
		}
	int hist[256];
	float bg = percentile(k.a, (int)n, 0.75, hist);
	float dark = percentile(k.a, (int)n, 0.01, hist);
	float contrast = bg - dark;
	/* low enough for faint ballpoint; noise is left to the speck filter */
	float drop = 0.17f * contrast;
	if (drop < 22)
		drop = 22;
	float thr = bg - drop;
	for (size_t i = 0; i < n; i++)
		k.m[i] = k.s[i] < thr;

	/* Border lines: long runs, with one line of slack on each side for a
	** residual skew. */
	for (int y = 0; y < h; y++) {
		int best = 0;
		for (int dy = -1; dy <= 1; dy++) {
			int yy = y + dy;
			if (yy < 0 || yy >= h)
				continue;
			int r = longest_run(k.m + (size_t)yy * w, w, 1);
			if (r > best)
				best = r;
		}
		k.lr[y] = best >= w / 2 ? (unsigned char)(1 + 254 * best / w) : 0;
	}
	for (int x = 0; x < w; x++) {
		int best = 0;
		for (int dx = -1; dx <= 1; dx++) {
			int xx = x + dx;
			if (xx < 0 || xx >= w)
				continue;
			int r = longest_run(k.m + xx, h, w);
			if (r > best)
				best = r;
		}
		k.lc[x] = best >= h / 2 ? (unsigned char)(1 + 254 * best / h) : 0;
	}
	line_run side[4] = {
		find_border(k.lr, h, 0), find_border(k.lr, h, 1),
		find_border(k.lc, w, 0), find_border(k.lc, w, 1),
	};
	/* line width: the thinnest found side (a touching stroke only
	** thickens), from sides not cut by the crop's edge when there are */
	int lw = 0;
	for (int pass = 0; pass < 2 && lw == 0; pass++)
		for (int i = 0; i < 4; i++)
			if (side[i].found && (pass || side[i].start > 0)) {
				int t = side[i].end - side[i].start;
				if (lw == 0 || t < lw)
					lw = t;
			}
	if (lw == 0)
		lw = 4;
	int inset[4];
	for (int i = 0; i < 4; i++) {
		int dim = i < 2 ? h : w;
		if (!side[i].found) {
			inset[i] = (int)(0.08 * dim);
			continue;
		}
		/* a stroke touching the line thickens the cluster: keep it */
		int t = side[i].end - side[i].start;
		if (t > lw + 3)
			t = lw + 1; /* (up to 3 more is a skewed or thicker line) */
		inset[i] = side[i].start + t;
	}
	int iy0 = inset[0], iy1 = h - inset[1], ix0 = inset[2], ix1 = w - inset[3];
	int ih = iy1 - iy0, iw = ix1 - ix0;
	if (ih < 6 || iw < 6) {
		/* not a cell as expected: read it as having nothing we trust */
		rc = 0;
		goto measures;
	}
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++)
			if (y < iy0 || y >= iy1 || x < ix0 || x >= ix1)
				k.m[y * w + x] = 0;

	k.nc = label_components(k.m, w, h, k.lab, &k.c);
	if (k.nc < 0) {
		k.nc = 0;
		goto done;
	}
	{
		/* px per mm from the box height (cells are 8-9 mm tall) */
		double ppm = ih / 8.3;
		int min_area = (int)(0.45 * ppm * 0.45 * ppm);
		if (min_area < 4)
			min_area = 4;
		int *keepc = calloc((size_t)k.nc + 1, sizeof(int));
		if (!keepc)
			goto done;
		int kept = 0, area = 0, big = 0, central = 0;
		int ux0 = w, uy0 = h, ux1 = -1, uy1 = -1;
		double darksum = 0;
		for (int i = 0; i < k.nc; i++) {
			comp *c = &k.c[i];
			if (c->area < min_area)
				continue;
			int cw = c->x1 - c->x0 + 1, ch = c->y1 - c->y0 + 1;
			/* border remnant: thin, long, hugging an edge of the box */
			int thin = lw > 2 ? lw : 2;
			if (ch <= thin && cw >= 4 * ch &&
			    (c->y0 <= iy0 + 2 || c->y1 >= iy1 - 3))
				continue;
			if (cw <= thin && ch >= 4 * cw &&
			    (c->x0 <= ix0 + 2 || c->x1 >= ix1 - 3))
				continue;
			/* a neighbour's stroke reaching over the border: touches an
			** edge of the box and stays near it */
			if ((c->x0 <= ix0 + 1 && c->x1 < ix0 + 0.2 * iw) ||
			    (c->x1 >= ix1 - 2 && c->x0 > ix1 - 1 - 0.2 * iw) ||
			    (c->y0 <= iy0 + 1 && c->y1 < iy0 + 0.2 * ih) ||
			    (c->y1 >= iy1 - 2 && c->y0 > iy1 - 1 - 0.2 * ih))
				continue;
			keepc[i + 1] = 1;
			kept++;
			area += c->area;
			if (c->area > big)
				big = c->area;
			if (c->x0 < ux0) ux0 = c->x0;
			if (c->y0 < uy0) uy0 = c->y0;
			if (c->x1 > ux1) ux1 = c->x1;
			if (c->y1 > uy1) uy1 = c->y1;
		}
		/* mark kept pixels; darkest-ink reference among them */
		int cnt = 0;
		for (size_t i = 0; i < n; i++)
			if (k.lab[i] && keepc[k.lab[i]]) {
				k.keep[i] = 1;
				cnt++;
				darksum += (bg - k.s[i]) / (contrast > 1 ? contrast : 1);
				int x = (int)(i % w), y = (int)(i / w);
				if (x >= ix0 + iw / 5 && x < ix1 - iw / 5 &&
				    y >= iy0 + ih / 5 && y < iy1 - ih / 5)
					central++;
			}
		free(keepc);
		double iarea = (double)ih * iw;
		g->ink[0] = (float)log(area / iarea + 1e-4);
		g->ink[1] = kept ? (float)(uy1 - uy0 + 1) / ih : 0;
		g->ink[2] = kept ? (float)(ux1 - ux0 + 1) / iw : 0;
		g->ink[3] = (float)log(big / (ppm * ppm) + 1e-3);
		g->ink[4] = cnt ? (float)(darksum / cnt) : 0;
		g->ink[5] = cnt ? (float)central / cnt : 0;
		if (!kept) {
			rc = 0;
			goto done;
		}
		float *kv = malloc((size_t)cnt * sizeof(float));
		if (!kv)
			goto done;
		int j = 0;
		for (size_t i = 0; i < n; i++)
			if (k.keep[i])
				kv[j++] = k.a[i];
		float inkref = percentile(kv, cnt, 0.10, hist);
		wipe_free(kv, (size_t)cnt * sizeof(float));
		if (inkref > bg - 20)
			inkref = bg - 20;
		int box[4] = {iy0, iy1, ix0, ix1};
		restore_crossings(&k, thr, box, side, &ux0, &uy0, &ux1, &uy1);
		/* darkness inside the kept ink grown by one pixel (its fringe) */
		for (int y = uy0; y <= uy1; y++)
			for (int x = ux0; x <= ux1; x++) {
				if (k.keep[y * w + x] && (x < ix0 || x >= ix1 ||
				                          y < iy0 || y >= iy1)) {
					/* a stroke restored on a border line */
					float v = (bg - k.a[y * w + x]) / (bg - inkref);
					k.d[y * w + x] = v < 0 ? 0 : v > 1 ? 1 : v;
					continue;
				}
				int near = 0;
				for (int dy = -1; dy <= 1 && !near; dy++)
					for (int dx = -1; dx <= 1; dx++) {
						int xx = x + dx, yy = y + dy;
						if (xx >= 0 && yy >= 0 && xx < w && yy < h &&
						    k.keep[yy * w + xx]) {
							near = 1;
							break;
						}
					}
				if (!near || x < ix0 || x >= ix1 || y < iy0 || y >= iy1)
					continue;
				float v = (bg - k.a[y * w + x]) / (bg - inkref);
				k.d[y * w + x] = v < 0 ? 0 : v > 1 ? 1 : v;
			}
		g->has_ink = 1;
		normalise(k.d, w, h, deskew, g);
		rc = 0;
		goto done;
	}
measures:
	g->ink[0] = (float)log(1e-4);
	g->ink[3] = (float)log(1e-3);
done:
	explicit_bzero(hist, sizeof hist);
	work_free(&k);
	if (copied) /* our converted copy of the cell: wipe it */
		explicit_bzero(pixGetData(p8), (size_t)pixGetWpl(p8) * 4 * pixGetHeight(p8));
	pixDestroy(&p8);
	return rc;
}

/* -------------------------------------------------------------- features */

void cellrec_gradients(const float *norm, float *gx, float *gy)
{
	enum { N = CELLREC_NORM };
	const float *p = norm;
#define PX(x, y) (((x) < 0 || (y) < 0 || (x) >= N || (y) >= N) ? 0.0f : p[(y) * N + (x)])
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			gx[y * N + x] = PX(x + 1, y - 1) + 2 * PX(x + 1, y) + PX(x + 1, y + 1) -
			                PX(x - 1, y - 1) - 2 * PX(x - 1, y) - PX(x - 1, y + 1);
			gy[y * N + x] = PX(x - 1, y + 1) + 2 * PX(x, y + 1) + PX(x + 1, y + 1) -
			                PX(x - 1, y - 1) - 2 * PX(x, y - 1) - PX(x + 1, y - 1);
		}
#undef PX
}

void cellrec_features(const cellrec_glyph *g, float *raw)
{
	enum { N = CELLREC_NORM };
	static const float PI4 = 0.78539816f;
	float plane[8][N * N], gxs[N * N], gys[N * N];
	memset(plane, 0, sizeof plane);
	const float *p = g->norm;
	cellrec_gradients(p, gxs, gys);
	for (int y = 0; y < N; y++)
		for (int x = 0; x < N; x++) {
			float gx = gxs[y * N + x], gy = gys[y * N + x];
			float m = sqrtf(gx * gx + gy * gy);
			if (m < 1e-6f)
				continue;
			float a = atan2f(gy, gx);
			if (a < 0)
				a += 8 * PI4;
			float t = a / PI4;
			int b0 = (int)t;
			float f = t - b0;
			b0 &= 7;
			plane[b0][y * N + x] += m * (1 - f);
			plane[(b0 + 1) & 7][y * N + x] += m * f;
		}
	/* Gaussian-weighted samples on a 7x7 grid */
	float wgt[N][7];
	for (int x = 0; x < N; x++)
		for (int i = 0; i < 7; i++) {
			float dx = x + 0.5f - (2.0f + 4.0f * i);
			wgt[x][i] = expf(-dx * dx / (2 * 2.0f * 2.0f));
		}
	int o = 0;
	for (int b = 0; b < 8; b++)
		for (int j = 0; j < 7; j++)
			for (int i = 0; i < 7; i++) {
				float acc = 0;
				for (int y = 0; y < N; y++) {
					float wy = wgt[y][j];
					if (wy < 1e-3f)
						continue;
					for (int x = 0; x < N; x++)
						acc += plane[b][y * N + x] * wy * wgt[x][i];
				}
				raw[o++] = sqrtf(acc / 8);
			}
	for (int y = 0; y < N; y += 2)
		for (int x = 0; x < N; x += 2)
			raw[o++] = (p[y * N + x] + p[y * N + x + 1] + p[(y + 1) * N + x] +
			            p[(y + 1) * N + x + 1]) / 4;
	raw[o++] = 2 * g->aspect;
	explicit_bzero(plane, sizeof plane);
	explicit_bzero(gxs, sizeof gxs);
	explicit_bzero(gys, sizeof gys);
}

/* ---------------------------------------------------------------- model */

/* Little-endian helpers: the model is written and read on x86/ARM hosts. */
typedef struct {
	const unsigned char *p;
	size_t n, off;
	int bad;
} reader;

static void rd(reader *r, void *dst, size_t len)
{
	if (r->bad || r->off + len > r->n) {
		r->bad = 1;
		memset(dst, 0, len);
		return;
	}
	memcpy(dst, r->p + r->off, len);
	r->off += len;
}

static uint32_t rd_u32(reader *r)
{
	uint32_t v;
	rd(r, &v, 4);
	return v;
}

static float rd_f32(reader *r)
{
	float v;
	rd(r, &v, 4);
	return v;
}

static void free_svm(cellrec *cr)
{
	struct svm_model *m = &cr->svm;
	if (m->sv_coef)
		for (int k = 0; k < m->nr_class - 1; k++)
			free(m->sv_coef[k]);
	free(m->sv_coef);
	free(m->SV);
	free(m->rho);
	free(m->probA);
	free(m->probB);
	free(m->label);
	free(m->nSV);
	free(cr->x_space);
}

void cellrec_free(cellrec *cr)
{
	if (!cr)
		return;
	free_svm(cr);
	free(cr->proj);
	cellknn_free(cr->knn);
	free(cr);
}

static int fail(char *err, size_t n, const char *fmt, const char *a)
{
	if (err && n)
		snprintf(err, n, fmt, a);
	return -1;
}

int cellrec_load(const char *models_dir, cellrec **out, char *err, size_t n)
{
	if (cellrec_load_file(models_dir, MODEL_FILE, out, err, n) != 0)
		return -1;
	if (cellknn_load(models_dir, &(*out)->knn, err, n) < 0) {
		cellrec_free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int cellrec_load_file(const char *models_dir, const char *file, cellrec **out, char *err,
		      size_t n)
{
	*out = NULL;
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", models_dir ? models_dir : "models", file);
	unsigned char *buf;
	size_t len;
	if (fs_read_all(path, &buf, &len) != 0)
		return fail(err, n, "cellrec: cannot read %s", path);
	if (len < 12 || memcmp(buf, MODEL_MAGIC, 8) != 0) {
		free(buf);
		return fail(err, n, "cellrec: %s is not a cellrec model", path);
	}
	uint32_t want;
	memcpy(&want, buf + len - 4, 4);
	if ((uint32_t)crc32(0, buf, (uInt)(len - 4)) != want) {
		free(buf);
		return fail(err, n, "cellrec: %s is damaged (CRC)", path);
	}
	reader r = {buf, len - 4, 8, 0};
	cellrec *cr = calloc(1, sizeof *cr);
	if (!cr) {
		free(buf);
		return fail(err, n, "cellrec: out of memory%s", "");
	}
	uint32_t nraw = rd_u32(&r), npca = rd_u32(&r), ncls = rd_u32(&r);
	uint32_t nsv = rd_u32(&r);
	cr->deskew = (int)rd_u32(&r);
	float gamma = rd_f32(&r);
	if (r.bad || nraw != CELLREC_NRAW || npca < 1 || npca > CELLREC_NRAW ||
	    ncls != CELLREC_NCLASS || nsv < ncls || nsv > 1000000) {
		free(buf);
		free(cr);
		return fail(err, n, "cellrec: %s has an unexpected layout", path);
	}
	cr->npca = (int)npca;
	cr->zscale = rd_f32(&r);
	for (int i = 0; i <= CELLREC_NINK; i++)
		cr->written_w[i] = rd_f32(&r);
	cr->temp = rd_f32(&r);
	rd(&r, cr->mean, sizeof cr->mean);
	cr->proj = malloc((size_t)npca * nraw * sizeof(float));
	struct svm_model *m = &cr->svm;
	int npair = (int)(ncls * (ncls - 1) / 2);
	m->param.svm_type = C_SVC;
	m->param.kernel_type = RBF;
	m->param.gamma = gamma;
	m->nr_class = (int)ncls;
	m->l = (int)nsv;
	m->label = malloc(ncls * sizeof(int));
	m->nSV = malloc(ncls * sizeof(int));
	m->rho = malloc(npair * sizeof(double));
	m->probA = malloc(npair * sizeof(double));
	m->probB = malloc(npair * sizeof(double));
	m->sv_coef = calloc(ncls - 1, sizeof(double *));
	m->SV = malloc(nsv * sizeof(struct svm_node *));
	cr->x_space = malloc((size_t)nsv * (npca + 1) * sizeof(struct svm_node));
	int ok = cr->proj && m->label && m->nSV && m->rho && m->probA &&
	         m->probB && m->sv_coef && m->SV && cr->x_space;
	for (uint32_t k = 0; ok && k < ncls - 1; k++)
		ok = (m->sv_coef[k] = malloc(nsv * sizeof(double))) != NULL;
	if (!ok) {
		free(buf);
		cellrec_free(cr);
		return fail(err, n, "cellrec: out of memory%s", "");
	}
	rd(&r, cr->proj, (size_t)npca * nraw * sizeof(float));
	uint32_t total = 0;
	for (uint32_t k = 0; k < ncls; k++) {
		m->label[k] = (int)rd_u32(&r);
		m->nSV[k] = (int)rd_u32(&r);
		total += (uint32_t)m->nSV[k];
		if (m->label[k] < 0 || m->label[k] >= CELLREC_NCLASS)
			r.bad = 1;
		else
			cr->class_of_label[k] = m->label[k];
	}
	if (total != nsv)
		r.bad = 1;
	for (int k = 0; k < npair; k++) m->rho[k] = rd_f32(&r);
	for (int k = 0; k < npair; k++) m->probA[k] = rd_f32(&r);
	for (int k = 0; k < npair; k++) m->probB[k] = rd_f32(&r);
	for (uint32_t k = 0; k < ncls - 1; k++)
		for (uint32_t i = 0; i < nsv; i++)
			m->sv_coef[k][i] = rd_f32(&r);
	for (uint32_t i = 0; i < nsv; i++) {
		struct svm_node *x = cr->x_space + (size_t)i * (npca + 1);
		m->SV[i] = x;
		for (uint32_t j = 0; j < npca; j++) {
			x[j].index = (int)j + 1;
			x[j].value = rd_f32(&r);
		}
		x[npca].index = -1;
		x[npca].value = 0;
	}
	int bad = r.bad || r.off != r.n;
	free(buf);
	if (bad) {
		cellrec_free(cr);
		return fail(err, n, "cellrec: %s is truncated or malformed", path);
	}
	*out = cr;
	return 0;
}

static int wr(FILE *f, uLong *crc, const void *p, size_t len)
{
	*crc = crc32(*crc, p, (uInt)len);
	return fwrite(p, 1, len, f) == len ? 0 : -1;
}

static int wr_u32(FILE *f, uLong *crc, uint32_t v) { return wr(f, crc, &v, 4); }

static int wr_f32(FILE *f, uLong *crc, double v)
{
	float x = (float)v;
	return wr(f, crc, &x, 4);
}

int cellrec_save(const char *path, const cellrec_parts *p, char *err, size_t n)
{
	const struct svm_model *m = p->svm;
	if (!m || m->nr_class != CELLREC_NCLASS || !m->probA || !m->probB)
		return fail(err, n, "cellrec_save: %s", "need a 37-class model with probabilities");
	FILE *f = fopen(path, "wb");
	if (!f)
		return fail(err, n, "cellrec_save: cannot write %s", path);
	uLong crc = crc32(0, Z_NULL, 0);
	int e = wr(f, &crc, MODEL_MAGIC, 8);
	e |= wr_u32(f, &crc, CELLREC_NRAW);
	e |= wr_u32(f, &crc, (uint32_t)p->npca);
	e |= wr_u32(f, &crc, (uint32_t)m->nr_class);
	e |= wr_u32(f, &crc, (uint32_t)m->l);
	e |= wr_u32(f, &crc, (uint32_t)p->deskew);
	e |= wr_f32(f, &crc, m->param.gamma);
	e |= wr_f32(f, &crc, p->zscale);
	for (int i = 0; i <= CELLREC_NINK; i++)
		e |= wr_f32(f, &crc, p->written_w[i]);
	e |= wr_f32(f, &crc, p->temp);
	e |= wr(f, &crc, p->mean, sizeof p->mean);
	e |= wr(f, &crc, p->proj, (size_t)p->npca * CELLREC_NRAW * sizeof(float));
	for (int k = 0; k < m->nr_class; k++) {
		e |= wr_u32(f, &crc, (uint32_t)m->label[k]);
		e |= wr_u32(f, &crc, (uint32_t)m->nSV[k]);
	}
	int npair = m->nr_class * (m->nr_class - 1) / 2;
	for (int k = 0; k < npair; k++) e |= wr_f32(f, &crc, m->rho[k]);
	for (int k = 0; k < npair; k++) e |= wr_f32(f, &crc, m->probA[k]);
	for (int k = 0; k < npair; k++) e |= wr_f32(f, &crc, m->probB[k]);
	for (int k = 0; k < m->nr_class - 1; k++)
		for (int i = 0; i < m->l; i++)
			e |= wr_f32(f, &crc, m->sv_coef[k][i]);
	float *row = calloc((size_t)p->npca, sizeof(float));
	if (!row)
		e = -1;
	for (int i = 0; !e && i < m->l; i++) {
		memset(row, 0, (size_t)p->npca * sizeof(float));
		for (const struct svm_node *x = m->SV[i]; x->index != -1; x++)
			if (x->index >= 1 && x->index <= p->npca)
				row[x->index - 1] = (float)x->value;
		e |= wr(f, &crc, row, (size_t)p->npca * sizeof(float));
	}
	free(row);
	uint32_t c = (uint32_t)crc;
	if (fwrite(&c, 1, 4, f) != 4)
		e = -1;
	if (fclose(f) != 0)
		e = -1;
	if (e)
		return fail(err, n, "cellrec_save: write error on %s", path);
	return 0;
}

int cellrec_deskew(const cellrec *cr) { return cr->deskew; }

/* ------------------------------------------------------------ inference */

double cellrec_p_written(const cellrec *cr, const cellrec_glyph *g)
{
	if (!g->has_ink)
		return 0.0005; /* nothing survived: empty, as sure as we get */
	double z = cr->written_w[CELLREC_NINK];
	for (int i = 0; i < CELLREC_NINK; i++)
		z += cr->written_w[i] * g->ink[i];
	double p = 1 / (1 + exp(-z));
	/* no measure is perfect: keep a little doubt both ways */
	if (p < 0.0005) p = 0.0005;
	if (p > 0.9995) p = 0.9995;
	return p;
}

void cellrec_classify(const cellrec *cr, const cellrec_glyph *g,
                      double probs[CELLREC_NCLASS])
{
	float raw[CELLREC_NRAW];
	struct svm_node x[CELLREC_NRAW + 1];
	double pl[CELLREC_NCLASS];
	cellrec_features(g, raw);
	for (int k = 0; k < cr->npca; k++) {
		const float *row = cr->proj + (size_t)k * CELLREC_NRAW;
		double acc = 0;
		for (int j = 0; j < CELLREC_NRAW; j++)
			acc += row[j] * (raw[j] - cr->mean[j]);
		x[k].index = k + 1;
		x[k].value = acc / cr->zscale;
	}
	x[cr->npca].index = -1;
	svm_predict_probability(&cr->svm, x, pl);
	double sum = 0;
	for (int k = 0; k < CELLREC_NCLASS; k++) {
		double v = pl[k] > 1e-12 ? pl[k] : 1e-12;
		if (cr->temp > 0 && cr->temp != 1)
			v = pow(v, 1.0 / cr->temp);
		probs[cr->class_of_label[k]] = v;
		sum += v;
	}
	for (int k = 0; k < CELLREC_NCLASS; k++)
		probs[k] /= sum;
	explicit_bzero(raw, sizeof raw);
	explicit_bzero(x, sizeof x);
	explicit_bzero(pl, sizeof pl);
}

/*
** A bar read as I that leans like a "/". Deskewing stands every glyph
** upright, and a slash then looks like an I; the lean it had is the one
** thing that tells them apart. An I stands nearly upright: on the
** signing-PIN I's of eight generated batches (309 cells, seeds 2026, 2028,
** 2041-2046) the lean was -0.30 to 0.20, and the two slashes -0.38 and
** -0.47 (one of them read as I, and the page ACCEPTed). A glyph that leans
** further to the right and comes out as I is a slash or a 1 in a hand the
** model has not seen, so its I is no letter to trust: that share goes to
** "a mark that is no character", and the PIN check sends the page to a
** person.
*/
#define SLASH_LEAN (-0.30f)

void cellrec_lean_prior(double *probs, float lean)
{
	const int i = 10 + 'I' - 'A';
	if (lean >= SLASH_LEAN)
		return;
	for (int k = 0; k < CELLREC_NCLASS; k++)
		if (probs[k] > probs[i])
			return;
	probs[CELLREC_OTHER] += probs[i];
	probs[i] = 0;
}

int cellrec_read(const cellrec *cr, PIX *cell, char_set allowed,
                 cell_reading *out)
{
	memset(out, 0, sizeof *out);
	cellrec_glyph *g = malloc(sizeof *g);
	if (!g)
		return -1;
	int rc = cellrec_prepare(cell, cr->deskew, g);
	if (rc != 0) {
		wipe_free(g, sizeof *g);
		return -1;
	}
	double pw = cellrec_p_written(cr, g);
	out->written.value = pw >= 0.5;
	out->written.conf = pw >= 0.5 ? pw : 1 - pw;
	if (out->written.value && g->has_ink) {
		double probs[CELLREC_NCLASS];
		cellrec_classify(cr, g, probs);
		if (allowed == CS_NUMBER) {
			/* in a phone number a round O is a 0 and a bar a 1, as
			** whoever dials it reads them */
			probs[0] += probs[10 + 'O' - 'A'];
			probs[1] += probs[10 + 'I' - 'A'];
			probs[10 + 'O' - 'A'] = probs[10 + 'I' - 'A'] = 0;
			allowed = CS_DIGITS;
		}
		if (allowed == CS_DIGITS && cr->knn)
			cellknn_reweigh(cr->knn, g->norm, probs);
		if (allowed == CS_ALNUM)
			cellrec_lean_prior(probs, g->lean);
		double pletter = 0, pother = probs[CELLREC_OTHER];
		for (int k = 10; k < CELLREC_NALNUM; k++)
			pletter += probs[k];
		/* Candidates: renormalised within the allowed set, then scaled by
		** P(not other), so that a symbol or a scribble never comes out as
		** a confident letter or digit. */
		int hi = allowed == CS_DIGITS ? 10 : CELLREC_NALNUM;
		double sum = 0;
		for (int k = 0; k < hi; k++)
			sum += probs[k];
		for (int c = 0; c < READ_MAX_CANDS && sum > 0; c++) {
			int best = -1;
			for (int k = 0; k < hi; k++) {
				int used = 0;
				for (int j = 0; j < c; j++)
					used |= out->cand[j].ch == cellrec_classes[k];
				if (!used && (best < 0 || probs[k] > probs[best]))
					best = k;
			}
			if (best < 0) /* every class of the set already taken */
				break;
			out->cand[c].ch = cellrec_classes[best];
			out->cand[c].p = probs[best] / sum * (1 - pother);
			out->ncand++;
		}
		out->p_letter = pletter;
		out->p_other = pother;
		explicit_bzero(probs, sizeof probs);
	}
	wipe_free(g, sizeof *g);
	return 0;
}

/* ---------------------------------------------------------- box priors */

/*
** The model's P(letter) and P(other mark) hold under its training mix, in
** which letters are about 29 % of the written cells (26 x 11 styles x 40)
** and marks that are no letter or digit (symbols, kana, scribbles) about
** 6.7 % (2,690 of some 40,000: 19 marks x 11 styles x 10, and 600
** scribbles); the rest are digits. A box has its own
** prior (Bayes: the odds scale by the ratio of prior odds):
**  - a box printed for digits (dates, phone, user PIN): a holder writes a
**    letter or a mark there far more rarely; both odds x 0.05, so that an
**    ordinary "0" or "1" does not make a digit-only field doubtful, while a
**    clear letter still comes out near or above 0.5;
**  - the signing PIN (A-Z, 0-9): we take a mark to be at most 1 written cell
**    in 100, odds (0.01/0.99) / (0.067/0.933) = 0.14 of the model's. A clear
**    mark (0.99) stays a sure one (0.93); a faint doubt on a letter (0.1-0.2)
**    no longer sends a well-formed PIN to review;
**  - the phone: a letter there is rarer still. A letter in the user PIN's
**    boxes comes from the signing PIN beside it, which has letters; nobody
**    has a phone number with one, and whoever dials already reads an O as 0
**    and an I as 1 (cellrec_read). The letter odds are x 0.005, a tenth of
**    the other digit boxes': an MNIST 4 the model takes for a letter at 0.9
**    (0.31 in a digit box, a phone sent to a person) is one at 0.043, and
**    only a letter as sure as 0.999 is one at more than 0.8. A mark (a
**    hyphen) keeps the digit boxes' odds.
*/
#define DIGIT_BOX_ODDS 0.05
#define PHONE_LETTER_ODDS 0.005
#define ALNUM_BOX_OTHER_ODDS 0.14

/*
** How sure "a digit" is in a signing-PIN box. Letters are learnt from 11
** font styles only, and a letter in another hand is read as a digit far
** more surely than it should be (S 5, Z 2, B 8, G 6, J 1, O 0). Measured
** with a model trained without the kiloji family (cellrec-train
** --holdout kiloji) on its 4 kiloji styles (1040 letters) and MNIST
** 600-699 (1000 digits), `build/cellrec-kinds` (models/README): of the
** cells the model gives P(digit) >= 0.999, 0.3 % are letters; 0.99-0.999,
** 6 %; 0.9-0.99, 35 %; 0.5-0.9, 87 %. kind_unseen maps P(digit) through
** those bins (monotone, piecewise linear, equal letters and digits a
** priori), so that a letters-only PIN with one letter taken for a digit
** is not a well-formed PIN at the gate.
**
** The hands of scanned pages are not so foreign. In the signing-PIN boxes
** of public-1 and four generated batches (models/README), of the cells
** the model gives P(digit) 0.9-0.98, 1 in 141 was a letter; 0.98-0.9945,
** 0 in 233; 0.9945-0.9995, 2 in 701. There the model's own P(digit) is
** about right, and kind_seen keeps it from 0.945 up, no surer than those
** counts allow (2 in 701 is at most 1 % at 95 %: 0.99 at 0.9945); below
** 0.5 the pages agree with kind_unseen. The check of the PIN's format
** weighs a well-formed PIN under both maps, and a malformed one under
** kind_seen (checks.c).
*/
static double piecewise(const double *x, const double *y, int n, double v)
{
	if (v <= x[0])
		return y[0];
	for (int i = 1; i < n; i++)
		if (v <= x[i])
			return y[i - 1] + (y[i] - y[i - 1]) * (v - x[i - 1]) / (x[i] - x[i - 1]);
	return y[n - 1];
}

static const double kind_x[] = {0, 0.5, 0.945, 0.9945, 0.9995, 1};
static const double kind_unseen[] = {0, 0.13, 0.65, 0.94, 0.997, 1};
static const double kind_seen[] = {0, 0.13, 0.945, 0.99, 0.997, 1};
#define NKIND (int)(sizeof kind_x / sizeof kind_x[0])

/*
** An O and a 0 have one shape in many hands; the model tells them apart by
** what it learnt from its fonts (an O rounder and wider than a 0), and in a
** signing-PIN box that is not good enough for the letter/digit call the
** format check rests on. Measured on public-1 and four generated batches
** (seeds 2026, 2028, 2030, 2031; models/README), cells whose likeliest
** letter is O and whose P(letter) >= 0.9 were digits (0) 8 times in 151,
** against 3 in 3,858 for all other letters. So when the letter mass is
** mostly on O (or D, below), "a letter" is never surer than this: a PIN
** whose only letter is a round glyph goes to a person, and a digits-only
** PIN with a 0 in it is not taken for well-formed.
**
** Unless the model is very sure of the letter. Of the round cells whose
** letter candidates hold >= 0.99 of the mass, 0 in 722 were digits:
** public-1 0 in 6, seeds 2091-2095 and 5001-5002 0 in 211, and, counted
** after the bound was set, seeds 4001-4004 and 6001-6004 0 in 297 and
** 7001-7006 0 in 208. At 0.8-0.99 they were digits 36 in 647 (public-1 2
** in 2), below 0.8 136 in 232. 0 in 722 puts the rate below 0.5 % (95 %,
** Clopper-Pearson), so such a cell is "a letter" at 0.99 as the hands of
** scanned pages are read (kind_seen, above), the map a malformed PIN is
** weighed under: a letters-only PIN with a sure O is a REJECT. A
** well-formed PIN must be so under both maps, and for a hand the model has
** not seen the cap stays at 0.8 (session 6, with an older model, saw 1
** zero in 98 O read at >= 0.99), so a digits-only PIN whose 0 reads as a
** sure O still goes to a person.
*/
#define ROUND_LETTER_CAP 0.8
#define ROUND_SURE_MASS 0.99
#define ROUND_SURE_CAP 0.99

/* The letter candidate with most of the letter mass is O or D (a 0 with
** a flatter side: the signing-PIN model, which learnt its letters from 24
** hands, takes MNIST 0s for D as well as for O; models/README). *mass is
** what all the letter candidates hold. */
static int letter_mass_on_round(const cell_reading *r, double *mass)
{
	double o = 0, top = 0;
	*mass = 0;
	for (int k = 0; k < r->ncand && k < READ_MAX_CANDS; k++) {
		char ch = r->cand[k].ch;
		if (ch < 'A' || ch > 'Z')
			continue;
		*mass += r->cand[k].p;
		if (ch == 'O' || ch == 'D') {
			if (r->cand[k].p > o)
				o = r->cand[k].p;
		} else if (r->cand[k].p > top) {
			top = r->cand[k].p;
		}
	}
	return o > top;
}

/*
** I and O are shapes a 1 and a 0 share, and the hands of scanned pages
** hardly write them in a signing PIN: public-1's 179 PIN letters hold every
** other capital (3 to 13 each) and no I or O, where 14 were to be expected
** had all 26 been alike. 0 in 179 puts their share below 1.7 % (the rule
** of three at 95 %), against 2/26 = 7.7 % for any two letters: odds of at
** most 0.2 against another letter. For a malformed PIN the I and O part
** of a cell's letter mass, as the hands of scanned pages are read
** (kind_seen), gets these odds (letter_rare is what it loses), so that a 1
** or a 0 of a digits-only PIN that the model finds a little I- or O-like
** does not keep it from a REJECT. Only there: a well-formed PIN is weighed
** without the odds, so neither is a PIN whose only letter is an I or an O
** taken for well-formed, nor is a lower-case l or o, which the model reads
** as I or O, taken for less of a letter.
*/
#define RARE_LETTER_ODDS 0.2

static double rare_letters_seen(const cell_reading *r, double seen)
{
	double all = 0, rare = 0;
	for (int k = 0; k < r->ncand && k < READ_MAX_CANDS; k++) {
		char ch = r->cand[k].ch;
		if (ch < 'A' || ch > 'Z')
			continue;
		all += r->cand[k].p;
		if (ch == 'I' || ch == 'O')
			rare += r->cand[k].p;
	}
	double digits = 1 - r->p_other - seen;
	if (rare <= 0 || seen <= 0 || digits < 0)
		return seen;
	double s_rare = seen * rare / all;
	double letters = seen - s_rare + RARE_LETTER_ODDS * s_rare;
	return (1 - r->p_other) * letters / (letters + digits);
}

static double scale_odds(double p, double k)
{
	double odds = p / (1 - p + 1e-12) * k;
	return odds / (1 + odds);
}

void cellrec_box_prior(cell_reading *r, char_set allowed)
{
	if (!r->written.value || r->ncand <= 0)
		return;
	if (allowed != CS_DIGITS && allowed != CS_NUMBER) {
		/* The mass this frees goes to "a letter or digit", not to any
		** one of them: the candidates keep their probabilities (they may
		** sum to less than 1 - p_other), so no character reads surer. */
		r->p_other = scale_odds(r->p_other, ALNUM_BOX_OTHER_ODDS);
		/* A letter in a hand unlike the training fonts is often taken
		** for a digit, and surely: the "digit" share is recalibrated
		** and what it loses is "a letter" (kind_unseen); what the
		** hands of scanned pages would give (kind_seen) is kept too. */
		double pl, pd, po;
		cell_reading_kinds(r, &pl, &pd, &po);
		double seen = pl + (pd - piecewise(kind_x, kind_seen, NKIND, pd));
		r->p_letter = pl + (pd - piecewise(kind_x, kind_unseen, NKIND, pd));
		/* what "a letter" loses to the cap is "a digit" (a 0) */
		double mass;
		if (r->p_letter > ROUND_LETTER_CAP && letter_mass_on_round(r, &mass)) {
			r->p_letter = ROUND_LETTER_CAP;
			r->round = 1;
			double cap = mass >= ROUND_SURE_MASS ? ROUND_SURE_CAP : ROUND_LETTER_CAP;
			if (seen > cap)
				seen = cap;
		}
		r->letter_unseen = r->p_letter - seen;
		r->letter_rare = seen - rare_letters_seen(r, seen);
		return;
	}
	double before = r->p_other;
	r->p_letter = scale_odds(r->p_letter, allowed == CS_NUMBER ? PHONE_LETTER_ODDS : DIGIT_BOX_ODDS);
	r->p_other = scale_odds(r->p_other, DIGIT_BOX_ODDS);
	/* Which digit matters in these boxes (dates): the candidates share
	** 1 - P(other), so they get back what the lower P(other) frees. */
	for (int k = 0; k < r->ncand && before < 1; k++)
		r->cand[k].p *= (1 - r->p_other) / (1 - before);
}
