/*
** scanner.c — draw a sheet through the scanner's geometry with cairo, then
** degrade it with Leptonica.
*/
#include "scanner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *scan_mode_name(scan_mode m)
{
	switch (m) {
	case SCAN_COLOR: return "color";
	case SCAN_GRAY: return "gray";
	case SCAN_BW: return "bw";
	}
	return "?";
}

/* 2x3 affine maps, x' = m[0]x + m[1]y + m[2], y' = m[3]x + m[4]y + m[5]. */
static void aff_mul(const double a[6], const double b[6], double out[6])
{
	double o[6] = {
		a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2],
		a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5],
	};
	memcpy(out, o, sizeof o);
}

/* Sheet mm -> stored-image pixels; also the stored image size. */
static void geometry(const scan_params *sp, double sw, double sh, double ox,
		     double oy, double m[6], int *w, int *h)
{
	double k = sp->dpi / 25.4;
	int bw = (int)lround(sp->bed_w * k), bh = (int)lround(sp->bed_h * k);
	double th = sp->skew * M_PI / 180.0, s = sp->scale;
	double cx = sw / 2, cy = sh / 2;
	/* rotate and scale about the sheet centre, then place it on the bed */
	double place[6] = {
		s * cos(th), -s * sin(th), 0,
		s * sin(th), s * cos(th), 0,
	};
	place[2] = cx + ox + sp->dx - (place[0] * cx + place[1] * cy);
	place[5] = cy + oy + sp->dy - (place[3] * cx + place[4] * cy);
	double px[6] = {k, 0, 0, 0, k, 0};
	double orth[6];
	switch (sp->rot) {
	case 90: { double o[6] = {0, -1, bh, 1, 0, 0}; memcpy(orth, o, sizeof o); break; }
	case 180: { double o[6] = {-1, 0, bw, 0, -1, bh}; memcpy(orth, o, sizeof o); break; }
	case 270: { double o[6] = {0, 1, 0, -1, 0, bw}; memcpy(orth, o, sizeof o); break; }
	default: { double o[6] = {1, 0, 0, 0, 1, 0}; memcpy(orth, o, sizeof o); break; }
	}
	double t[6];
	aff_mul(px, place, t);
	aff_mul(orth, t, m);
	int quarter = sp->rot == 90 || sp->rot == 270;
	*w = quarter ? bh : bw;
	*h = quarter ? bw : bh;
}

void scan_xform(const scan_params *sp, double w, double h, double ox, double oy,
		double xform[6])
{
	int iw, ih;
	geometry(sp, w, h, ox, oy, xform, &iw, &ih);
}

void scan_fit(scan_params *sp, double w, double h, double margin)
{
	double th = sp->skew * M_PI / 180.0, s = sp->scale;
	double c = s * cos(th), sn = s * sin(th);
	double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
	for (int i = 0; i < 4; i++) {
		double x = (i & 1 ? w - margin : margin) - w / 2;
		double y = (i & 2 ? h - margin : margin) - h / 2;
		double bx = c * x - sn * y + w / 2 + sp->dx, by = sn * x + c * y + h / 2 + sp->dy;
		minx = bx < minx ? bx : minx;
		maxx = bx > maxx ? bx : maxx;
		miny = by < miny ? by : miny;
		maxy = by > maxy ? by : maxy;
	}
	if (minx < 0.5)
		sp->dx += 0.5 - minx, maxx += 0.5 - minx;
	if (miny < 0.5)
		sp->dy += 0.5 - miny, maxy += 0.5 - miny;
	if (maxx > sp->bed_w - 0.5)
		sp->bed_w = maxx + 0.5;
	if (maxy > sp->bed_h - 0.5)
		sp->bed_h = maxy + 0.5;
}

/* A soft shadow and a thin crease across the sheet at y. */
static void fold(cairo_t *cr, double w, double y, double depth)
{
	cairo_pattern_t *g = cairo_pattern_create_linear(0, y - 2.0, 0, y + 2.0);
	cairo_pattern_add_color_stop_rgba(g, 0, 0, 0, 0, 0);
	cairo_pattern_add_color_stop_rgba(g, 0.5, 0, 0, 0, depth);
	cairo_pattern_add_color_stop_rgba(g, 1, 0, 0, 0, 0);
	cairo_set_source(cr, g);
	cairo_rectangle(cr, 0, y - 2.0, w, 4.0);
	cairo_fill(cr);
	cairo_pattern_destroy(g);
	cairo_set_source_rgba(cr, 0.3, 0.3, 0.3, depth * 2.5);
	cairo_set_line_width(cr, 0.12);
	cairo_move_to(cr, 0, y);
	cairo_line_to(cr, w, y);
	cairo_stroke(cr);
}

void scan_folds(cairo_t *cr, double w, double h, int folds, rng *r)
{
	/* a letter folded in three for its envelope */
	for (int i = 0; i < folds; i++)
		fold(cr, w, h * (i + 1) / 3.0 + rng_range(r, -6, 6),
		     rng_range(r, 0.05, 0.16));
}

/* Gaussian deviates by table lookup: one PRNG call gives four. */
typedef struct {
	float t[4096];
} gauss_table;

static void gauss_init(gauss_table *g, rng *r)
{
	for (int i = 0; i < 4096; i++)
		g->t[i] = (float)rng_normal(r);
}

/* The page as the sensor sees it: one byte a pixel (grey) or four
** (R, G, B, unused), rows packed. */
typedef struct {
	unsigned char *data;
	int w, h, bpp;
} raster;

/* Luminance of an RGB24 surface, 0 black .. 255 white. */
static int lum_of(uint32_t c)
{
	uint32_t R = (c >> 16) & 255, G = (c >> 8) & 255, B = c & 255;
	return (int)((R * 299 + G * 587 + B * 114 + 500) / 1000);
}

/* The sheet as a raster: grey or colour. */
static int sheet_raster(cairo_surface_t *s, int color, raster *out)
{
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	out->w = w;
	out->h = h;
	out->bpp = color ? 4 : 1;
	out->data = malloc((size_t)w * h * out->bpp);
	if (!out->data)
		return -1;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(data + (size_t)y * stride);
		unsigned char *o = out->data + (size_t)y * w * out->bpp;
		for (int x = 0; x < w; x++) {
			uint32_t c = row[x];
			if (color) {
				o[4 * x] = (unsigned char)(c >> 16);
				o[4 * x + 1] = (unsigned char)(c >> 8);
				o[4 * x + 2] = (unsigned char)c;
				o[4 * x + 3] = 0;
			} else {
				o[x] = (unsigned char)lum_of(c);
			}
		}
	}
	return 0;
}

/* Resample src into dst through m (src pixels -> dst pixels), bilinear,
** with bed outside the sheet. Pixel centres are at +0.5. Source positions
** step in 32.32 fixed point along a row (drift under 1e-6 px). Inlined
** with a constant bpp so that the channel loop unrolls. */
static inline void warp_bpp(const raster *src, raster *dst, const double m[6],
			    int bed, const int bpp)
{
	double det = m[0] * m[4] - m[1] * m[3];
	double ia = m[4] / det, ib = -m[1] / det, id = -m[3] / det, ie = m[0] / det;
	double ic = -(ia * m[2] + ib * m[5]), iff = -(id * m[2] + ie * m[5]);
	const double one = 4294967296.0;
	const int ch = bpp == 4 ? 3 : 1;
	int sw = src->w, sh = src->h;
	size_t rowb = (size_t)sw * bpp;
	unsigned char bedpx[4] = {(unsigned char)bed, (unsigned char)bed, (unsigned char)bed, 0};
	int64_t dx = llround(ia * one), dy = llround(id * one);
	for (int y = 0; y < dst->h; y++) {
		unsigned char *o = dst->data + (size_t)y * dst->w * bpp;
		double Y = y + 0.5;
		/* the row's first pixel centre in source pixel-centre coordinates */
		int64_t X = llround((ia * 0.5 + ib * Y + ic - 0.5) * one);
		int64_t Yf = llround((id * 0.5 + ie * Y + iff - 0.5) * one);
		for (int x = 0; x < dst->w; x++, X += dx, Yf += dy, o += bpp) {
			int x0 = (int)(X >> 32), y0 = (int)(Yf >> 32);
			int fx = (int)((X >> 24) & 255), fy = (int)((Yf >> 24) & 255);
			const unsigned char *p00, *p01, *p10, *p11;
			if ((unsigned)x0 < (unsigned)(sw - 1) && (unsigned)y0 < (unsigned)(sh - 1)) {
				p00 = src->data + (size_t)y0 * rowb + (size_t)x0 * bpp;
				p01 = p00 + bpp;
				p10 = p00 + rowb;
				p11 = p10 + bpp;
			} else if (x0 < -1 || y0 < -1 || x0 >= sw || y0 >= sh) {
				for (int c = 0; c < bpp; c++)
					o[c] = bedpx[c];
				continue;
			} else {
				/* the sheet's edge: missing neighbours are bed */
				int in0x = x0 >= 0, in1x = x0 + 1 < sw, in0y = y0 >= 0, in1y = y0 + 1 < sh;
#define AT(xx, yy) (src->data + (size_t)(yy) * rowb + (size_t)(xx) * bpp)
				p00 = in0x && in0y ? AT(x0, y0) : bedpx;
				p01 = in1x && in0y ? AT(x0 + 1, y0) : bedpx;
				p10 = in0x && in1y ? AT(x0, y0 + 1) : bedpx;
				p11 = in1x && in1y ? AT(x0 + 1, y0 + 1) : bedpx;
#undef AT
			}
			int gx = 256 - fx, gy = 256 - fy;
			for (int c = 0; c < ch; c++) {
				int top = p00[c] * gx + p01[c] * fx;
				int bot = p10[c] * gx + p11[c] * fx;
				o[c] = (unsigned char)((top * gy + bot * fy + 32768) >> 16);
			}
		}
	}
}

static void warp(const raster *src, raster *dst, const double m[6], int bed)
{
	if (src->bpp == 4)
		warp_bpp(src, dst, m, bed, 4);
	else
		warp_bpp(src, dst, m, bed, 1);
}

/* Sensor noise, the same deviate on every channel of a pixel. */
static void add_noise(raster *im, double sd, rng *r)
{
	gauss_table g;
	gauss_init(&g, r);
	short dev[4096];
	for (int i = 0; i < 4096; i++)
		dev[i] = (short)lrintf(g.t[i] * (float)sd);
	unsigned char clamp[1024];
	for (int i = 0; i < 1024; i++)
		clamp[i] = (unsigned char)(i < 384 ? 0 : i > 384 + 255 ? 255 : i - 384);
	size_t n = (size_t)im->w * im->h;
	int ch = im->bpp == 4 ? 3 : 1;
	uint64_t bits = 0;
	for (size_t i = 0; i < n; i++) {
		if ((i & 3) == 0)
			bits = rng_next(r);
		int dn = dev[bits & 4095] + 384;
		bits >>= 16;
		unsigned char *px = im->data + i * im->bpp;
		for (int c = 0; c < ch; c++)
			px[c] = clamp[px[c] + dn];
	}
}

/* One pass of the 3-tap kernel [a, 1-2a, a] along rows and columns, in
** fixed point; its variance is 2a per axis. */
static void blur3(raster *im, int a256)
{
	int c256 = 256 - 2 * a256, bpp = im->bpp, nb = im->w * bpp;
	unsigned char *tmp = malloc((size_t)nb * 2);
	if (!tmp)
		return;
	unsigned char *prev = tmp + nb;
	for (int y = 0; y < im->h; y++) {
		unsigned char *row = im->data + (size_t)y * nb;
		memcpy(tmp, row, (size_t)nb);
		for (int i = 0; i < nb; i++) {
			int l = i >= bpp ? tmp[i - bpp] : tmp[i];
			int r = i + bpp < nb ? tmp[i + bpp] : tmp[i];
			row[i] = (unsigned char)((a256 * (l + r) + c256 * tmp[i] + 128) >> 8);
		}
	}
	memcpy(prev, im->data, (size_t)nb);
	for (int y = 0; y < im->h; y++) {
		unsigned char *row = im->data + (size_t)y * nb;
		const unsigned char *next = y + 1 < im->h ? row + nb : row;
		for (int i = 0; i < nb; i++) {
			int cur = row[i];
			row[i] = (unsigned char)((a256 * (prev[i] + next[i]) + c256 * cur + 128) >> 8);
			prev[i] = (unsigned char)cur;
		}
	}
	free(tmp);
}

/* Gaussian-like blur of standard deviation sd pixels. */
static void blur(raster *im, double sd)
{
	double var = sd * sd;
	/* passes of variance up to 2/3 each (a <= 1/3) */
	int passes = (int)ceil(var / (2.0 / 3.0));
	double a = var / passes / 2.0;
	for (int i = 0; i < passes; i++)
		blur3(im, (int)lround(a * 256.0));
}

static PIX *raster_to_pix(const raster *im)
{
	PIX *pix = pixCreate(im->w, im->h, im->bpp == 4 ? 32 : 8);
	if (!pix)
		return NULL;
	l_uint32 *pd = pixGetData(pix);
	int wpl = pixGetWpl(pix);
	for (int y = 0; y < im->h; y++) {
		const unsigned char *row = im->data + (size_t)y * im->w * im->bpp;
		l_uint32 *line = pd + (size_t)y * wpl;
		if (im->bpp == 1) {
			for (int x = 0; x < im->w; x++)
				SET_DATA_BYTE(line, x, row[x]);
		} else {
			for (int x = 0; x < im->w; x++)
				line[x] = ((l_uint32)row[4 * x] << 24) | ((l_uint32)row[4 * x + 1] << 16) |
					  ((l_uint32)row[4 * x + 2] << 8);
		}
	}
	return pix;
}

cairo_surface_t *scan_ink_surface(cairo_surface_t *rgb)
{
	int w = cairo_image_surface_get_width(rgb), h = cairo_image_surface_get_height(rgb);
	cairo_surface_t *a8 = cairo_image_surface_create(CAIRO_FORMAT_A8, w, h);
	if (cairo_surface_status(a8) != CAIRO_STATUS_SUCCESS)
		return a8;
	cairo_surface_flush(rgb);
	cairo_surface_flush(a8);
	int ss = cairo_image_surface_get_stride(rgb), ds = cairo_image_surface_get_stride(a8);
	const unsigned char *src = cairo_image_surface_get_data(rgb);
	unsigned char *dst = cairo_image_surface_get_data(a8);
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(src + (size_t)y * ss);
		unsigned char *out = dst + (size_t)y * ds;
		for (int x = 0; x < w; x++) {
			uint32_t c = row[x];
			uint32_t R = (c >> 16) & 255, G = (c >> 8) & 255, B = c & 255;
			out[x] = (unsigned char)(255 - (R * 299 + G * 587 + B * 114 + 500) / 1000);
		}
	}
	cairo_surface_mark_dirty(a8);
	return a8;
}

static PIX *jpeg_roundtrip(PIX *pix, int q)
{
	l_uint8 *buf = NULL;
	size_t n = 0;
	if (pixWriteMemJpeg(&buf, &n, pix, q, 0) != 0 || !buf)
		return pix;
	PIX *out = pixReadMemJpeg(buf, n, 0, 1, NULL, 0);
	lept_free(buf);
	if (!out)
		return pix;
	pixDestroy(&pix);
	return out;
}

/* Isolated specks, black and white, as a cheap scanner leaves them. */
static void specks(PIX *bw, double amount, rng *r)
{
	int w = pixGetWidth(bw), h = pixGetHeight(bw);
	int n = (int)(amount * w * h / 20000.0);
	for (int i = 0; i < n; i++) {
		int x = rng_int(r, 0, w - 2), y = rng_int(r, 0, h - 2);
		int on = rng_chance(r, 0.6);
		pixSetPixel(bw, x, y, on);
		if (rng_chance(r, 0.3))
			pixSetPixel(bw, x + 1, y, on);
	}
}

PIX *scan_sheet(const scan_params *sp, const sheet_image *sh, uint64_t noise_seed,
		double xform[6], char *err, size_t errlen)
{
	double m[6];
	int w, h;
	geometry(sp, sh->w, sh->h, sh->ox, sh->oy, m, &w, &h);
	memcpy(xform, m, sizeof m);
	int color = sp->mode == SCAN_COLOR;
	raster src = {0}, dst = {NULL, w, h, color ? 4 : 1};
	cairo_surface_flush(sh->img);
	if (sheet_raster(sh->img, color, &src) ||
	    !(dst.data = malloc((size_t)w * h * dst.bpp))) {
		free(src.data);
		snprintf(err, errlen, "out of memory for a %dx%d page", w, h);
		return NULL;
	}
	/* sheet pixels -> image pixels: m after sheet pixels -> mm */
	double k = sp->dpi / 25.4;
	double mp[6] = {m[0] / k, m[1] / k, m[2], m[3] / k, m[4] / k, m[5]};
	warp(&src, &dst, mp, (int)lround(sp->bed_grey * 255));
	free(src.data);
	rng r;
	rng_seed(&r, noise_seed, 1);
	/* optics blur first, then sensor noise on top */
	if (sp->blur > 0)
		blur(&dst, sp->blur);
	if (sp->noise > 0)
		add_noise(&dst, sp->noise, &r);
	PIX *pix = raster_to_pix(&dst);
	free(dst.data);
	if (!pix) {
		snprintf(err, errlen, "out of memory for a %dx%d page", w, h);
		return NULL;
	}
	if (sp->mode == SCAN_BW) {
		PIX *b = pixThresholdToBinary(pix, sp->bw_thresh);
		pixDestroy(&pix);
		if (!b) {
			snprintf(err, errlen, "binarisation failed");
			return NULL;
		}
		if (sp->noise > 0)
			specks(b, sp->noise, &r);
		pix = b;
	} else if (sp->jpeg_q > 0) {
		pix = jpeg_roundtrip(pix, sp->jpeg_q);
	}
	pixSetResolution(pix, sp->dpi_tag, sp->dpi_tag);
	return pix;
}
