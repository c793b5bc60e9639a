/*
** hand.h — what a holder's pen leaves on the form: digits (MNIST images
** 600-699, or a handwriting font), letters and Japanese text in
** handwriting fonts with per-character jitter, checkbox ticks, stray dots
** and red seals. Everything is drawn in millimetres on a cairo context
** whose matrix maps the printed page to the image.
*/
#ifndef SHOKAI_GEN_HAND_H
#define SHOKAI_GEN_HAND_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "mnist.h"
#include "model.h"
#include "rng.h"

typedef struct {
	double r, g, b;       /* ink */
	const char *font;     /* handwriting font family */
	int weight;           /* PangoWeight */
	double stroke;        /* extra outline width, mm (0 = font as is) */
	double slant;         /* shear, e.g. -0.1 .. 0.15 */
	double size_jit;      /* relative sd of character size */
	double rot_jit;       /* sd of character rotation, degrees */
	double off_jit;       /* sd of character offset, mm */
	double mnist_p;       /* chance that a digit is an MNIST image */
	double mnist_thr;     /* MNIST ink threshold: lower = bolder */
	double tick_width;    /* pen width for ticks, mm */
} pen;

typedef struct {
	PangoContext *ctx;
	const mnist_set *mnist; /* NULL or not loaded: font digits only */
} hand;

/* Handwriting font families the pens choose from. */
int hand_font_count(void);
const char *hand_font(int i);

/* A random pen: dark blue or black ink, a font, jitter. */
void pen_random(pen *p, rng *r);

/* One character (UTF-8) written in a cell. */
void hand_cell(const hand *h, cairo_t *cr, const pen *p, rng *r,
	       const char *ch, const mm_box *cell);

/* A line of text written on a handwritten field (above its underline). */
void hand_line(const hand *h, cairo_t *cr, const pen *p, rng *r,
	       const char *utf8, const mm_box *box);

typedef enum { TICK_CHECK, TICK_CROSS, TICK_FILL } tick_style;
void hand_tick(cairo_t *cr, const pen *p, rng *r, tick_style st,
	       const mm_box *box);

/* A small stray dot just outside box. */
void hand_dot(cairo_t *cr, const pen *p, rng *r, const mm_box *box);

/* A red seal impression with the surname, within box. */
void hand_seal(const hand *h, cairo_t *cr, rng *r, const char *surname,
	       const mm_box *box);

#endif
