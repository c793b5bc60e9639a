/*
** cellsynth.h — synthetic boxed cells for training and measuring cellrec.
**
** A glyph (MNIST digit or a character rendered from a handwriting-style
** font) is drawn into a printed cell the way a scan shows it: at 7-12 px/mm,
** with the printed border (maybe skewed, maybe the neighbours' cells), the
** crop a little larger than the box, and the distortions of writing and
** scanning (scale, offset, rotation, shear, stroke width, faint ink, blur,
** noise, JPEG, binarisation, specks, show-through).
*/
#ifndef SHOKAI_CELLSYNTH_H
#define SHOKAI_CELLSYNTH_H

#include <stdint.h>

#include <leptonica/allheaders.h>

typedef struct {
	uint64_t s;
} synth_rng;

void synth_seed(synth_rng *r, uint64_t seed);
double synth_uniform(synth_rng *r);           /* [0, 1) */
double synth_range(synth_rng *r, double a, double b);
double synth_gauss(synth_rng *r);

/* A glyph: ink coverage 0..1, row-major. */
typedef struct {
	int w, h;
	float *a;
} synth_glyph;

void synth_glyph_free(synth_glyph *g);
/* Grow (k > 0) or thin (k < 0) the strokes by |k| grey max/min passes,
** after resampling by factor up (1: none). Returns a new glyph. */
synth_glyph synth_glyph_stroke(const synth_glyph *g, int up, int k);

typedef struct {
	double ppm;              /* px per mm */
	double cell_w, cell_h;   /* the box, mm */
	double mt, mb, ml, mr;   /* crop margin beyond the box, mm (may be < 0) */
	double line_w;           /* border line width, mm */
	int row;                 /* 1: neighbour cells left and right share lines */
	double skew;             /* page residual rotation, radians */
	double gh;               /* glyph ink height / box height */
	double gx, gy;           /* glyph centre offset, fraction of box w/h */
	double rot, shear, xstretch;
	int bg, ink, line_ink;   /* grey levels */
	double blur;             /* Gaussian sigma, px */
	double noise;            /* grey sigma */
	int jpeg_q;              /* 0: none */
	int binarise;            /* threshold at mid grey */
	int specks;              /* small dark dots */
	int show_through;        /* faint mirrored glyph behind */
} synth_params;

/* Random scan-like parameters (px/mm in [ppm_lo, ppm_hi]). */
void synth_random(synth_rng *r, synth_params *p, double ppm_lo, double ppm_hi);

/* Render one cell crop, 8 bpp. g may be NULL (blank cell); neighbour, if
** given, is drawn in the next cell to the right or left (row cells only). */
PIX *synth_cell(const synth_glyph *g, const synth_glyph *neighbour,
                const synth_glyph *ghost, const synth_params *p,
                synth_rng *r);

#endif
