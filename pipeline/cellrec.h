/*
** cellrec.h — the handwritten boxed-cell recogniser (PINs, dates, phone).
**
** A cell arrives as an 8-bpp grey crop of one printed box, a little larger
** than the box (so it holds the printed border and maybe a neighbour's).
** cellrec removes the border, decides empty or written, and classifies the
** character with an RBF support vector machine (libsvm) over gradient
** direction and pixel features of the size-normalised glyph. The trained
** model is models/cellrec.model (made by `make model`, see models/README).
**
** Cell pixels are PIN secrets: every buffer that held them is wiped with
** explicit_bzero before it is freed.
*/
#ifndef SHOKAI_CELLREC_H
#define SHOKAI_CELLREC_H

#include <stddef.h>

#include <leptonica/allheaders.h>

#include "model.h"
#include "readings.h"

typedef struct cellrec cellrec;

/* Load models_dir/cellrec.model, and with it the digit boxes' second
** opinion (cellknn.h) when models_dir holds its references. Returns 0, or
** -1 with a message in err. */
int cellrec_load(const char *models_dir, cellrec **out, char *err, size_t n);

/* Load another model of models_dir: CELLREC_ALNUM_FILE, the signing-PIN
** boxes' model, which learnt its letters from more hands (models/README). */
#define CELLREC_ALNUM_FILE "cellrec-alnum.model"
int cellrec_load_file(const char *models_dir, const char *file, cellrec **out, char *err,
		      size_t n);
void cellrec_free(cellrec *cr);

/* Read one cell (any depth; 8-bpp grey expected). allowed is CS_DIGITS,
** CS_NUMBER (digits, with O and I counted as 0 and 1) or CS_ALNUM: the
** candidates are restricted to it and their probabilities
** sum to at most 1 - p_other (a mark that is no character of the set is
** not spread over the candidates). p_letter and p_other are taken over
** all classes, whatever the allowed set. Returns 0, or -1 when the image
** cannot be a cell (then out reads as not written with confidence 0). */
int cellrec_read(const cellrec *cr, PIX *cell, char_set allowed,
                 cell_reading *out);

/* Weigh a reading's P(letter) and P(other mark) for the box it came from:
** the model's hold under its training mix, and a holder writes a letter in
** a digits-only box, or a symbol in a PIN box, far more rarely (see
** cellrec.c). In digit boxes the candidates are rescaled to keep summing
** to 1 - p_other; in PIN-sign boxes they are left as they are, and P(digit)
** is recalibrated for letters in a hand the model was not trained on (the
** mass it loses goes to P(letter)). */
void cellrec_box_prior(cell_reading *r, char_set allowed);

/* ---- Below: internals shared with the training and evaluation tools. */

#define CELLREC_NCLASS 37   /* '0'-'9', 'A'-'Z', then "other" */
#define CELLREC_NALNUM 36   /* the classes a candidate can be */
#define CELLREC_OTHER 36    /* a mark that is not 0-9 A-Z (symbol, kana, scribble) */
#define CELLREC_NORM 28     /* side of the normalised glyph image */
#define CELLREC_NINK 6      /* measures behind the empty/written decision */
#define CELLREC_NRAW 589    /* raw feature length (see cellrec_features) */

extern const char cellrec_classes[CELLREC_NCLASS + 1];

/* A cell after border removal and normalisation. */
typedef struct {
	int has_ink;     /* ink survived border and speck removal */
	float ink[CELLREC_NINK];                  /* see cellrec.c */
	float norm[CELLREC_NORM * CELLREC_NORM];  /* 0 paper .. 1 ink */
	float aspect;    /* log(width / height) of the ink box */
	float lean;      /* x shift per y step of the ink's second moments: < 0
	                 ** leans right like a "/", before any deskewing */
} cellrec_glyph;

/* In a box that takes letters (CS_ALNUM), a glyph whose likeliest class
** is I but which leans like a "/" (lean below -0.3): the I's probability
** goes to the class "other". probs has CELLREC_NCLASS entries. */
void cellrec_lean_prior(double *probs, float lean);

/* Border removal, ink measures and normalisation. deskew: shear the glyph
** upright by its second moments. Returns 0, or -1 for an unusable image. */
int cellrec_prepare(PIX *cell, int deskew, cellrec_glyph *g);

/* The raw feature vector (CELLREC_NRAW floats) of a prepared glyph. */
void cellrec_features(const cellrec_glyph *g, float *raw);

/* The Sobel gradients (x right, y down) of a normalised glyph image
** (CELLREC_NORM^2 floats, zero outside): the features' directions, and
** what cellknn.c compares. */
void cellrec_gradients(const float *norm, float *gx, float *gy);

/* Everything a model file holds, for the training tool. The svm is a
** libsvm model with probability information over npca inputs. */
struct svm_model;
typedef struct {
	int npca;
	int deskew;
	float mean[CELLREC_NRAW];
	const float *proj;        /* npca x CELLREC_NRAW, row-major */
	float zscale;             /* projected values are divided by this */
	float written_w[CELLREC_NINK + 1];  /* logistic weights, bias last */
	float temp;               /* probability sharpening: p^(1/temp), renormalised */
	const struct svm_model *svm;
} cellrec_parts;

int cellrec_save(const char *path, const cellrec_parts *p, char *err, size_t n);

/* P(written) from the ink measures, and the class probabilities
** (probs may be NULL when only the written decision is wanted). */
double cellrec_p_written(const cellrec *cr, const cellrec_glyph *g);
void cellrec_classify(const cellrec *cr, const cellrec_glyph *g,
                      double probs[CELLREC_NCLASS]);
int cellrec_deskew(const cellrec *cr);

#endif
