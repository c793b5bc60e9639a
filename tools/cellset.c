/*
** cellset.c — draw and prepare sets of synthetic cells (see cellset.h).
*/
#include "cellset.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int bank_load(glyph_bank *b, const char *mnist_dir, int nstyles, char *err, size_t n)
{
	memset(b, 0, sizeof *b);
	for (int d = 0; d < 10; d++) {
		b->mnist[d] = mnist_load(mnist_dir, d, &b->mnist_n[d], err, n);
		if (!b->mnist[d])
			return -1;
	}
	if (nstyles <= 0 || nstyles > glyph_nfonts)
		nstyles = glyph_nfonts;
	if (nstyles > BANK_MAX_FONTS) {
		snprintf(err, n, "%d font styles, the bank holds %d", nstyles, BANK_MAX_FONTS);
		return -1;
	}
	const char *missing = glyph_missing_font(nstyles);
	if (missing) {
		snprintf(err, n, "font %s not installed (scripts/install-deps)", missing);
		return -1;
	}
	b->nfonts = nstyles;
	for (int f = 0; f < nstyles; f++)
	{
		for (int c = 0; c < CELLREC_NALNUM; c++) {
			char s[2] = {cellrec_classes[c], 0};
			b->font[f][c] = font_glyph(&glyph_fonts[f], s, 64);
			if (!b->font[f][c].w) {
				snprintf(err, n, "cannot render font %s", glyph_fonts[f].family);
				return -1;
			}
		}
		for (int c = 0; c < 26; c++) {
			char s[2] = {(char)('a' + c), 0};
			b->lower[f][c] = font_glyph(&glyph_fonts[f], s, 64);
			if (!b->lower[f][c].w) {
				snprintf(err, n, "cannot render font %s", glyph_fonts[f].family);
				return -1;
			}
		}
		for (int c = 0; c < glyph_nothers && c < 32; c++) {
			b->other[f][c] = font_glyph(&glyph_fonts[f], glyph_others[c], 64);
			if (!b->other[f][c].w) {
				snprintf(err, n, "cannot render font %s", glyph_fonts[f].family);
				return -1;
			}
		}
	}
	return 0;
}

void bank_free(glyph_bank *b)
{
	for (int d = 0; d < 10; d++)
		free((void *)b->mnist[d]);
	for (int f = 0; f < b->nfonts; f++)
	{
		for (int c = 0; c < CELLREC_NALNUM; c++)
			synth_glyph_free(&b->font[f][c]);
		for (int c = 0; c < glyph_nothers && c < 32; c++)
			synth_glyph_free(&b->other[f][c]);
		for (int c = 0; c < 26; c++)
			synth_glyph_free(&b->lower[f][c]);
	}
}

/* A random other glyph (for a neighbour's writing or show-through). */
static synth_glyph other_glyph(const glyph_bank *b, synth_rng *r)
{
	if (synth_uniform(r) < 0.5) {
		int d = (int)synth_range(r, 0, 10);
		return mnist_glyph(b->mnist[d], (int)synth_range(r, 0, 600));
	}
	const synth_glyph *f = &b->font[(int)synth_range(r, 0, b->nfonts)]
	                               [(int)synth_range(r, 0, CELLREC_NALNUM)];
	synth_glyph g = {f->w, f->h, malloc((size_t)f->w * f->h * sizeof(float))};
	memcpy(g.a, f->a, (size_t)f->w * f->h * sizeof(float));
	return g;
}

/* Rows of a glyph that hold ink. */
static int ink_rows(const synth_glyph *g)
{
	int top = -1, bot = -1;
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++)
			if (g->a[y * g->w + x] > 0.3f) {
				if (top < 0)
					top = y;
				bot = y;
				break;
			}
	return top < 0 ? 0 : bot - top + 1;
}

/* Bend a glyph by a smooth displacement field: offsets drawn on a 4x4
** grid of control points, blended with smooth (cosine) weights, so strokes
** curve rather than tear. Returns a new glyph. */
static synth_glyph elastic_bend(const synth_glyph *g, uint64_t seed, double amp)
{
	enum { K = 4 };
	synth_rng r;
	synth_seed(&r, seed ^ 0x5DEECE66Dull);
	double ox[K][K], oy[K][K];
	for (int i = 0; i < K; i++)
		for (int j = 0; j < K; j++) {
			ox[i][j] = amp * synth_gauss(&r);
			oy[i][j] = amp * synth_gauss(&r);
		}
	synth_glyph o = {g->w, g->h, calloc((size_t)g->w * g->h, sizeof(float))};
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			double u = (double)x / (g->w - 1) * (K - 1), v = (double)y / (g->h - 1) * (K - 1);
			int i0 = (int)u < K - 1 ? (int)u : K - 2, j0 = (int)v < K - 1 ? (int)v : K - 2;
			double fu = (1 - cos(M_PI * (u - i0))) / 2, fv = (1 - cos(M_PI * (v - j0))) / 2;
			double dx = (ox[j0][i0] * (1 - fu) + ox[j0][i0 + 1] * fu) * (1 - fv) +
			            (ox[j0 + 1][i0] * (1 - fu) + ox[j0 + 1][i0 + 1] * fu) * fv;
			double dy = (oy[j0][i0] * (1 - fu) + oy[j0][i0 + 1] * fu) * (1 - fv) +
			            (oy[j0 + 1][i0] * (1 - fu) + oy[j0 + 1][i0 + 1] * fu) * fv;
			double sx = x + dx, sy = y + dy;
			int x0 = (int)floor(sx), y0 = (int)floor(sy);
			double fx = sx - x0, fy = sy - y0;
			float a = 0;
			for (int q = 0; q < 4; q++) {
				int xx = x0 + (q & 1), yy = y0 + (q >> 1);
				if (xx < 0 || yy < 0 || xx >= g->w || yy >= g->h)
					continue;
				a += g->a[yy * g->w + xx] * (float)((q & 1 ? fx : 1 - fx) * (q >> 1 ? fy : 1 - fy));
			}
			o.a[y * o.w + x] = a;
		}
	return o;
}

/* Cross the stem of a 7 (the continental 7, common in Japanese and
** European hands, rare in MNIST): a short stroke at 40-65 % of the ink's
** height, centred on the stem there, as thick as the stem, slightly tilted. */
static void cross_seven(synth_glyph *g, synth_rng *r)
{
	int top = -1, bot = -1;
	float peak = 0;
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			float a = g->a[y * g->w + x];
			if (a > peak)
				peak = a;
			if (a > 0.3f) {
				if (top < 0)
					top = y;
				bot = y;
			}
		}
	if (top < 0 || bot - top < 8)
		return;
	int yb = top + (int)lround((bot - top) * synth_range(r, 0.4, 0.65));
	int xl = -1, xr = -1;
	for (int x = 0; x < g->w; x++)
		if (g->a[yb * g->w + x] > 0.3f) {
			if (xl < 0)
				xl = x;
			xr = x;
		}
	if (xl < 0)
		return;
	double xc = (xl + xr) / 2.0, hw = synth_range(r, 3, 6);
	double th = (xr - xl + 1) / 2.0;
	th = th < 0.9 ? 0.9 : th > 1.8 ? 1.8 : th;
	double slope = synth_range(r, -0.12, 0.08), shift = synth_range(r, -1, 1.5);
	for (int y = 0; y < g->h; y++)
		for (int x = 0; x < g->w; x++) {
			double u = x - (xc + shift);
			if (u < -hw - 1 || u > hw + 1)
				continue;
			double dy = fabs(y - (yb + slope * u));
			double cy = th + 0.5 - dy, cx = fmin(1, hw + 0.5 - fabs(u));
			if (cy <= 0 || cx <= 0)
				continue;
			double cov = cy * cx;
			float v = (float)(peak * (cov > 1 ? 1 : cov));
			if (v > g->a[y * g->w + x])
				g->a[y * g->w + x] = v;
		}
}

cell_spec *set_mnist_specs(const glyph_bank *b, int lo, int hi_from_end, int clean,
                           uint64_t seed, int *n)
{
	*n = 0;
	int total = 0;
	for (int d = 0; d < 10; d++)
		total += lo >= 0 ? 100 : hi_from_end;
	cell_spec *v = calloc((size_t)total + 1, sizeof *v);
	if (!v)
		return NULL;
	int k = 0;
	for (int d = 0; d < 10; d++) {
		int from = lo >= 0 ? lo : b->mnist_n[d] - hi_from_end;
		int to = lo >= 0 ? lo + 100 : b->mnist_n[d];
		for (int i = from < 0 ? 0 : from; i < to && i < b->mnist_n[d]; i++)
			v[k++] = (cell_spec){SRC_MNIST, d, i, -1, seed + (uint64_t)d * 10000 + i,
			                     7, 12, clean, 0, 0, 0};
	}
	*n = k;
	return v;
}

PIX *spec_draw(const glyph_bank *b, const cell_spec *sp)
{
	synth_rng r;
	synth_seed(&r, sp->seed);
	synth_params p;
	synth_random(&r, &p, sp->ppm_lo, sp->ppm_hi);
	if (sp->clean == 2) { /* faint or small writing */
		p.ink = (int)synth_range(&r, 110, p.bg - 60);
		if (synth_uniform(&r) < 0.5)
			p.gh = synth_range(&r, 0.22, 0.4);
	} else if (sp->clean == 3) { /* a hard scan of the cell */
		p.specks = (int)synth_range(&r, 2, 7);
		p.noise = synth_range(&r, 6, 14);
		p.jpeg_q = (int)synth_range(&r, 25, 60);
		p.binarise = 0;
		p.show_through = 1;
		double dx = synth_range(&r, -1, 1), dy = synth_range(&r, -1, 1);
		p.ml += dx;
		p.mr -= dx;
		p.mt += dy;
		p.mb -= dy;
		p.skew = synth_gauss(&r) * 0.008;
	} else if (sp->clean) {
		p.blur = 0;
		p.noise = 0;
		p.jpeg_q = 0;
		p.binarise = 0;
		p.specks = 0;
		p.show_through = 0;
		p.skew = 0;
		p.rot = p.shear = 0;
		p.xstretch = 1;
		p.ink = 30;
		p.bg = 240;
		p.gh = 0.8;
		p.gx = p.gy = 0;
	}
	synth_glyph g = {0, 0, NULL}, nb = {0, 0, NULL}, gh = {0, 0, NULL};
	if (sp->src == SRC_MNIST) {
		synth_glyph m = mnist_glyph(b->mnist[sp->cls], sp->idx);
		if (sp->elastic > 0) {
			synth_glyph e = elastic_bend(&m, sp->seed, sp->elastic);
			synth_glyph_free(&m);
			m = e;
		}
		if (sp->bar)
			cross_seven(&m, &r);
		/* stroke width: MNIST pens are wide; vary around them */
		int k = sp->clean == 1 ? 0 : (int)synth_range(&r, -1, 2.99);
		g = synth_glyph_stroke(&m, 2, k);
		synth_glyph_free(&m);
	} else if (sp->src == SRC_FONT) {
		int k = sp->clean == 1 ? 0 : (int)synth_range(&r, -1, 3.99);
		if (sp->cls != CELLREC_OTHER && sp->lower && sp->cls >= 10) {
			g = synth_glyph_stroke(&b->lower[sp->idx][sp->cls - 10], 1, k);
		} else if (sp->cls != CELLREC_OTHER && sp->elastic > 0) {
			/* another hand's wobble of the font's letter; the font
			** glyphs are drawn at 64 px to the em, MNIST's at 20 */
			const synth_glyph *f = &b->font[sp->idx][sp->cls];
			synth_glyph e = elastic_bend(f, sp->seed, sp->elastic * 64 / 20);
			g = synth_glyph_stroke(&e, 1, k);
			synth_glyph_free(&e);
		} else if (sp->cls != CELLREC_OTHER) {
			g = synth_glyph_stroke(&b->font[sp->idx][sp->cls], 1, k);
		} else if (sp->sub >= 0) {
			/* A symbol keeps its size against the capitals (a dash stays
			** a thin dash), as a pen writes it at the letters' size. */
			const synth_glyph *o = &b->other[sp->idx][sp->sub];
			int hr = ink_rows(&b->font[sp->idx][17]); /* 'H' */
			double ratio = hr > 0 ? (double)ink_rows(o) / hr : 1;
			p.gh *= ratio < 0.08 ? 0.08 : ratio > 1.25 ? 1.25 : ratio;
			g = synth_glyph_stroke(o, 1, k);
		} else {
			synth_glyph s = scribble_glyph(&r, 64);
			g = synth_glyph_stroke(&s, 1, k);
			synth_glyph_free(&s);
		}
	}
	if (sp->clean != 1 && p.row && synth_uniform(&r) < 0.5)
		nb = other_glyph(b, &r);
	if (sp->clean != 1 && p.show_through)
		gh = other_glyph(b, &r);
	PIX *pix = synth_cell(g.a ? &g : NULL, nb.a ? &nb : NULL, gh.a ? &gh : NULL, &p, &r);
	synth_glyph_free(&g);
	synth_glyph_free(&nb);
	synth_glyph_free(&gh);
	return pix;
}

typedef struct {
	cell_set *s;
	const glyph_bank *b;
	int deskew, want_raw, from, step;
	int fails;
} job;

static void *run(void *arg)
{
	job *j = arg;
	for (int i = j->from; i < j->s->n; i += j->step) {
		PIX *pix = spec_draw(j->b, &j->s->spec[i]);
		if (!pix || cellrec_prepare(pix, j->deskew, &j->s->glyph[i]) != 0) {
			j->fails++;
			memset(&j->s->glyph[i], 0, sizeof j->s->glyph[i]);
		}
		pixDestroy(&pix);
		if (j->want_raw)
			cellrec_features(&j->s->glyph[i], j->s->raw + (size_t)i * CELLREC_NRAW);
	}
	return NULL;
}

int set_build(cell_set *s, const glyph_bank *b, cell_spec *spec, int n,
              int deskew, int want_raw, int nthreads)
{
	memset(s, 0, sizeof *s);
	s->n = n;
	s->spec = spec;
	s->glyph = calloc((size_t)n, sizeof *s->glyph);
	if (want_raw)
		s->raw = malloc((size_t)n * CELLREC_NRAW * sizeof(float));
	if (!s->glyph || (want_raw && !s->raw))
		return -1;
	if (nthreads < 1)
		nthreads = 1;
	if (nthreads > 8)
		nthreads = 8;
	pthread_t th[8];
	job jobs[8];
	for (int t = 0; t < nthreads; t++) {
		jobs[t] = (job){s, b, deskew, want_raw, t, nthreads, 0};
		pthread_create(&th[t], NULL, run, &jobs[t]);
	}
	int fails = 0;
	for (int t = 0; t < nthreads; t++) {
		pthread_join(th[t], NULL);
		fails += jobs[t].fails;
	}
	s->ok = n - fails;
	return fails;
}

void set_free(cell_set *s)
{
	free(s->glyph);
	free(s->raw);
	memset(s, 0, sizeof *s);
}
