/*
** cellset.h — sets of synthetic cells for the cellrec tools: which glyph,
** how it is drawn, and its prepared glyph and features (computed on two
** threads). The same code feeds training and measurement, so both see
** cells exactly as cellrec_read sees them.
*/
#ifndef SHOKAI_CELLSET_H
#define SHOKAI_CELLSET_H

#include "cellrec.h"
#include "cellsynth.h"
#include "glyphs.h"

enum { SRC_BLANK, SRC_MNIST, SRC_FONT };

typedef struct {
	int src;        /* SRC_* */
	int cls;        /* class index into cellrec_classes; -1 for blank */
	int idx;        /* MNIST index within its class, or font index */
	int sub;        /* class "other": index into glyph_others, or -1 for a
	                ** scribble drawn from the seed */
	uint64_t seed;  /* drawing parameters */
	double ppm_lo, ppm_hi;
	int clean;      /* 0 scan-like; 1 no distortions; 2 faint or small
	                ** writing; 3 a hard scan (noise, JPEG, specks, show-through,
	                ** misregistered by up to 1 mm) */
	double elastic; /* MNIST: a smooth random bend of the strokes (another
	                ** hand's wobble), amplitude in px of the 28-px glyph;
	                ** 0 none */
	int bar;        /* MNIST 7: a bar across the stem (the continental 7) */
	int lower;      /* a letter class drawn in lower case (the PIN terminal
	                ** takes a-z as A-Z, so the class is the capital's) */
} cell_spec;

#define BANK_MAX_FONTS 32

typedef struct {
	const float *mnist[10];                 /* per-class MNIST arrays */
	int mnist_n[10];                        /* images per class */
	synth_glyph font[BANK_MAX_FONTS][CELLREC_NALNUM]; /* base renderings per font */
	synth_glyph other[BANK_MAX_FONTS][32];  /* glyph_others per font */
	synth_glyph lower[BANK_MAX_FONTS][26];  /* a-z per font */
	int nfonts;
} glyph_bank;

/* Load MNIST from dir and render every character of the first nstyles
** font styles (all of glyph_fonts when nstyles <= 0). */
int bank_load(glyph_bank *b, const char *mnist_dir, int nstyles, char *err, size_t n);
void bank_free(glyph_bank *b);

typedef struct {
	int n;
	cell_spec *spec;
	cellrec_glyph *glyph; /* n */
	float *raw;           /* n x CELLREC_NRAW */
	int ok;               /* prepared without error */
} cell_set;

/* Draw and prepare every spec (deskew as the model wants). raw may be
** skipped (want_raw 0) when only the glyphs are needed. */
int set_build(cell_set *s, const glyph_bank *b, cell_spec *spec, int n,
              int deskew, int want_raw, int nthreads);
void set_free(cell_set *s);

/* Specs of MNIST cells of every class, drawn scan-like at 7-12 px/mm
** (clean: see cell_spec): indices [lo, lo + 100) of each class when lo >= 0,
** else the last hi_from_end; the seed of index i of digit d is
** seed + d * 10000 + i. Returns a calloc'ed array (*n specs), or NULL. */
cell_spec *set_mnist_specs(const glyph_bank *b, int lo, int hi_from_end, int clean,
                           uint64_t seed, int *n);

/* Draw the cell of one spec (for montages and other engines). */
PIX *spec_draw(const glyph_bank *b, const cell_spec *sp);

#endif
